"""``textlab compare DIR --by source -o OUT``: the whole analysis on any folder of pages.

Clean every page, compute per-document features, count terms per source, then top terms,
keyness, source similarity, near-duplicate documents (MinHash/LSH) and text reuse (exact
shared passages for small corpora, paragraph MinHash at scale). Writes::

    OUT/report.md                   a short report linking everything below
    OUT/tables/*.csv (+ .parquet)   tidy tables (Parquet too when pyarrow is installed)
    OUT/figures/*.png               the standard figures (via textlab.plots.save_figure)

Every step streams over the files on all cores (:mod:`textlab.scale`), so the same command
runs on five pages or on hundreds of thousands. Unreadable files are named and skipped, and
counted in the summary; an empty folder, or one without any text, is an error.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from textlab import scale
from textlab.paths import SEEDS_DIR

__all__ = ["add_subparser", "compare_folder", "CompareResult"]

PASSAGES_MAX_DOCS = 2000
"""Up to this many documents, text reuse is found exactly (:func:`textlab.shared_passages`,
which holds the bodies in memory); above it, with MinHash over paragraphs."""

FIGURE_GROUPS = 12
"""Figures show at most this many groups (the largest): a 300-outlet heatmap is unreadable."""


@dataclass
class CompareResult:
    """What :func:`compare_folder` wrote, and the numbers of its summary."""

    out: Path
    report: Path
    tables: dict[str, list[Path]] = field(default_factory=dict)
    figures: list[Path] = field(default_factory=list)
    n_files: int = 0
    n_docs: int = 0
    n_groups: int = 0
    n_skipped: int = 0
    n_dropped_lines: int = 0
    warnings: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        """The closing lines printed on stderr."""
        total = sum(self.seconds.values())
        return "\n".join([
            f"compared {self.n_docs} document(s) from {self.n_groups} group(s) "
            f"({self.n_skipped} of {self.n_files} file(s) skipped)",
            f"dropped {self.n_dropped_lines} non-article line(s); "
            f"{len(self.warnings)} warning(s); {total:.1f} s",
            f"report: {self.report}",
        ])


def _is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _check_output(src: Path, out: Path) -> None:
    if _is_inside(out, SEEDS_DIR):
        raise ValueError(f"{out}: refusing to write inside the project's seeds/ folder; "
                         "choose another output folder")
    if src.is_dir() and _is_inside(out, src):
        raise ValueError(f"{out}: refusing to write inside the input folder {src}; "
                         "raw pages are never mixed with results")


def _md_table(df: pd.DataFrame, floatfmt: str = ".3f") -> str:
    def cell(v: object) -> str:
        if isinstance(v, float | np.floating):
            return format(float(v), floatfmt)
        return str(v).replace("|", "\\|").replace("\n", " ")

    head = "| " + " | ".join(map(str, df.columns)) + " |"
    rule = "|" + "|".join("---" for _ in df.columns) + "|"
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([head, rule, *body])


def _write(frame: pd.DataFrame, tables: Path, name: str, formats: tuple[str, ...] | None,
           result: CompareResult) -> None:
    with scale.TableWriter(tables, name, formats=formats) as w:
        w.write(frame)
    result.tables[name] = w.paths


class _Step:
    """Time a step into ``result.seconds`` and report it on stderr unless quiet."""

    def __init__(self, result: CompareResult, name: str, quiet: bool):
        self.result, self.name, self.quiet = result, name, quiet

    def __enter__(self) -> _Step:
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        dt = time.perf_counter() - self.t0
        self.result.seconds[self.name] = self.result.seconds.get(self.name, 0.0) + dt
        if not self.quiet and exc[0] is None:
            print(f"textlab: {self.name}: {dt:.1f} s", file=sys.stderr)


def compare_folder(
    src: str | Path, out: str | Path, *, by: str = "source", pattern: str = "*.txt",
    recursive: bool = False, sources: str | Path | None = "auto", errors: str = "strict",
    workers: int | None = None, n_terms: int = 15, ngram_max: int = 1, keyness_n: int = 50,
    near_duplicate_threshold: float = 0.8, reuse_threshold: float = 0.7,
    passages_max_docs: int = PASSAGES_MAX_DOCS, min_words: int = 8,
    figure_groups: int = FIGURE_GROUPS, figures: bool = True,
    table_formats: tuple[str, ...] | None = None, progress: bool = True, quiet: bool = False,
) -> CompareResult:
    """Run the whole comparison on a folder of plain-text pages and write tables, figures
    and ``report.md`` into ``out``.

    Parameters
    ----------
    src
        A folder of ``pattern`` files (with an optional ``sources.csv``: ``file, source, …``).
    out
        Output folder; refused when inside ``src`` or inside the project's ``seeds/``.
    by
        The column comparing pages: ``source`` or another metadata column.
    errors
        ``"strict"``: files that are not UTF-8 are skipped (and named); ``"replace"``: their
        bad bytes are replaced and counted.
    n_terms, ngram_max, keyness_n
        Top terms per group, longest n-gram counted, keyness rows kept per group.
    near_duplicate_threshold, reuse_threshold
        Estimated Jaccard similarity of word 5-gram shingles for near-duplicate documents and
        for reused paragraphs (at scale).
    passages_max_docs, min_words
        Exact shared passages (at least ``min_words`` words) up to this many documents.
    figure_groups
        Figures show the largest groups only, at most this many.
    table_formats
        ``("parquet", "csv")`` by default when pyarrow is installed.

    Returns
    -------
    CompareResult

    Raises
    ------
    TextFileError
        A missing folder or one without matching files.
    ValueError
        Output inside the input or seeds/, or no readable text at all.
    """
    src, out = Path(src), Path(out)
    _check_output(src, out)
    if isinstance(ngram_max, bool) or not isinstance(ngram_max, int) or ngram_max < 1:
        raise ValueError(f"ngram_max={ngram_max!r}: expected a positive integer")
    result = CompareResult(out=out, report=out / "report.md")
    tables, figdir = out / "tables", out / "figures"

    with _Step(result, "plan", quiet):
        plan = scale.plan_corpus(src, pattern=pattern, recursive=recursive, sources=sources,
                                 by=by)
    result.n_files = len(plan)
    with _Step(result, "clean", quiet):
        cs = scale.clean_files(plan, tables, errors=errors, workers=workers, progress=progress,
                               formats=table_formats)
    result.tables.update(cs.paths)
    result.n_docs, result.n_skipped = cs.n_docs, len(cs.skipped)
    result.n_groups = len(cs.docs_per_group)
    result.n_dropped_lines = cs.n_dropped
    result.warnings += cs.warnings
    if cs.n_docs == 0:
        raise ValueError(f"{src}: none of the {len(plan)} file(s) could be read: "
                         + "; ".join(cs.skipped[:3]) + (" …" if len(cs.skipped) > 3 else ""))
    if cs.n_docs == cs.n_empty_body:
        raise ValueError(f"{src}: no text: the {cs.n_docs} page(s) have no article text "
                         "(empty files, or only page furniture)")
    if cs.n_empty_body:
        result.warnings.append(f"{cs.n_empty_body} document(s) with no article text after "
                               "cleaning (kept, with empty body)")
    docs = cs.paths["docs"][0]
    dropped = pd.DataFrame([(lab, why, n) for (lab, why), n in cs.dropped.most_common()],
                           columns=["label", "reason", "n_lines"])
    _write(dropped, tables, "dropped_by_reason", table_formats, result)
    skipped = pd.DataFrame({"problem": cs.skipped})
    _write(skipped, tables, "skipped_files", table_formats, result)

    with _Step(result, "features", quiet):
        fs = scale.stream_features(docs, tables, by=by, workers=workers, progress=progress,
                                   formats=table_formats)
    result.tables["features"] = fs.paths
    _write(fs.by_group, tables, "features_by_group", table_formats, result)

    with _Step(result, "term counts", quiet):
        counts = scale.stream_counts(docs, by=by, workers=workers, progress=progress,
                                     ngram_range=(1, ngram_max))
    _write(counts, tables, "term_counts", table_formats, result)
    unigrams = counts if ngram_max == 1 else counts[~counts["term"].str.contains(" ")]
    unigrams.attrs = dict(counts.attrs)

    with _Step(result, "top terms", quiet):
        top = scale.top_terms_from_counts(counts, n=n_terms)
    _write(top, tables, "top_terms", table_formats, result)

    key = pd.DataFrame()
    with _Step(result, "keyness", quiet):
        if unigrams["group"].nunique() >= 2:
            key = scale.keyness_by_chunks(unigrams, method="log_odds", top=keyness_n)
        else:
            result.warnings.append(f"keyness skipped: it compares groups and there is "
                                   f"{unigrams['group'].nunique()} {by!r} value")
    _write(key, tables, "keyness", table_formats, result)

    with _Step(result, "similarity", quiet):
        sim = scale.similarity_from_counts(unigrams)
        from textlab.similarity import similarity_long

        sim_long = similarity_long(sim)
    _write(sim_long, tables, "similarity", table_formats, result)

    try:
        import datasketch  # noqa: F401
    except ImportError:  # an optional extra: the rest of the comparison still stands
        has_minhash = False
        result.warnings.append("near-duplicates and paragraph reuse skipped: datasketch is "
                               "not installed (pip install 'textlab[scale]')")
    else:
        has_minhash = True
    with tempfile.TemporaryDirectory(prefix="textlab-minhash-") as scratch:
        near = pd.DataFrame(columns=["doc_a", "doc_b", f"{by}_a", f"{by}_b", "jaccard"])
        if has_minhash:
            with _Step(result, "near-duplicates", quiet):
                near = _near_duplicates(docs, scratch, by=by,
                                        threshold=near_duplicate_threshold, workers=workers,
                                        progress=progress)
            _write(near, tables, "near_duplicates", table_formats, result)
        passages = None
        reuse_name, reuse = "reused_paragraphs", pd.DataFrame()
        with _Step(result, "text reuse", quiet):
            if cs.n_docs <= passages_max_docs:
                from textlab.similarity import shared_passages

                body = scale.read_table(docs, columns=["doc_id", by, "body"])
                if by != "source":
                    body["source"] = body[by]
                passages = shared_passages(body, min_words=min_words, by=by)
                reuse_name, reuse = "shared_passages", passages
            elif has_minhash:
                reuse = _reused_paragraphs(docs, scratch, by=by, threshold=reuse_threshold,
                                           workers=workers, progress=progress)
        if has_minhash or passages is not None:
            _write(reuse, tables, reuse_name, table_formats, result)

    if figures:
        with _Step(result, "figures", quiet):
            _figures(result, figdir, top=top, key=key, sim=sim, passages=passages,
                     docs_per_group=cs.docs_per_group, figure_groups=figure_groups)

    _report(result, src=src, by=by, cs=cs, top=top, sim_long=sim_long, near=near,
            reuse_name=reuse_name, reuse=reuse, fs=fs)
    return result


def _near_duplicates(docs: Path, scratch: str, *, by: str, threshold: float,
                     workers: int | None, progress: bool) -> pd.DataFrame:
    idx = scale.stream_minhash(docs, scratch, unit="doc", workers=workers, progress=progress)
    pairs = scale.near_duplicates(idx.signatures, threshold=threshold)
    cols = ["doc_a", "doc_b", f"{by}_a", f"{by}_b", "jaccard"]
    if pairs.empty:
        del idx
        return pd.DataFrame(columns=cols)
    ids = _doc_columns(docs, by, np.unique(idx.doc[np.r_[pairs["i"], pairs["j"]]]))
    a, b = idx.doc[pairs["i"].to_numpy()], idx.doc[pairs["j"].to_numpy()]
    del idx
    return pd.DataFrame({
        "doc_a": ids.loc[a, "doc_id"].to_numpy(), "doc_b": ids.loc[b, "doc_id"].to_numpy(),
        f"{by}_a": ids.loc[a, by].to_numpy(), f"{by}_b": ids.loc[b, by].to_numpy(),
        "jaccard": pairs["jaccard"].to_numpy(),
    }, columns=cols).sort_values(["jaccard", "doc_a", "doc_b"], ascending=[False, True, True],
                                 ignore_index=True)


def _reused_paragraphs(docs: Path, scratch: str, *, by: str, threshold: float,
                       workers: int | None, progress: bool) -> pd.DataFrame:
    idx = scale.stream_minhash(docs, scratch, unit="paragraph", min_words=20, num_perm=64,
                               workers=workers, progress=progress)
    pairs = scale.near_duplicates(idx.signatures, threshold=threshold, owners=idx.doc)
    cols = ["doc_a", "doc_b", f"{by}_a", f"{by}_b", "paragraph_a", "paragraph_b", "jaccard"]
    if pairs.empty:
        del idx
        return pd.DataFrame(columns=cols)
    i, j = pairs["i"].to_numpy(), pairs["j"].to_numpy()
    a, b = idx.doc[i], idx.doc[j]
    pa, pb = idx.para[i], idx.para[j]
    del idx
    ids = _doc_columns(docs, by, np.unique(np.r_[a, b]))
    return pd.DataFrame({
        "doc_a": ids.loc[a, "doc_id"].to_numpy(), "doc_b": ids.loc[b, "doc_id"].to_numpy(),
        f"{by}_a": ids.loc[a, by].to_numpy(), f"{by}_b": ids.loc[b, by].to_numpy(),
        "paragraph_a": pa, "paragraph_b": pb, "jaccard": pairs["jaccard"].to_numpy(),
    }, columns=cols).sort_values(["jaccard", "doc_a", "doc_b"], ascending=[False, True, True],
                                 ignore_index=True)


def _doc_columns(docs: Path, by: str, positions: np.ndarray) -> pd.DataFrame:
    """``doc_id`` and ``by`` of the documents at ``positions`` (rows of the docs table),
    read batch by batch so only the rows asked for are kept."""
    wanted = set(positions.tolist())
    parts, offset = [], 0
    for df in scale.iter_table(docs, columns=["doc_id", by], batch_size=50_000):
        idx = np.arange(offset, offset + len(df))
        hit = np.fromiter((k in wanted for k in idx), dtype=bool, count=len(idx))
        if hit.any():
            parts.append(df[hit].set_index(idx[hit]))
        offset += len(df)
    return pd.concat(parts)


def _figures(result: CompareResult, figdir: Path, *, top: pd.DataFrame, key: pd.DataFrame,
             sim: pd.DataFrame, passages: pd.DataFrame | None, docs_per_group,
             figure_groups: int) -> None:
    from textlab import plots

    largest = [g for g, _ in sorted(docs_per_group.items(), key=lambda kv: (-kv[1], kv[0]))]
    shown = set(largest[:figure_groups])
    note = "" if len(largest) <= figure_groups else f" ({figure_groups} largest groups)"

    def attempt(name: str, draw) -> None:
        try:
            fig = draw()
        except Exception as exc:  # a figure must not cost the tables already written
            result.warnings.append(f"figure {name} not drawn: {type(exc).__name__}: {exc}")
            return
        if fig is not None:
            result.figures += plots.save_figure(getattr(fig, "figure", fig), name,
                                                folder=figdir)

    if not top.empty and hasattr(plots, "plot_top_terms"):
        t = top[top["group"].isin(shown)]
        attempt("top_terms", lambda: plots.plot_top_terms(
            t.groupby("group", sort=False).head(8), title=f"Top terms by TF-IDF{note}"))
    if not key.empty and hasattr(plots, "plot_keyness"):
        k = key[key["group"].isin(shown)]
        attempt("keyness", lambda: plots.plot_keyness(k, n=5, title=f"Keyness{note}"))
    if len(sim) >= 2 and hasattr(plots, "plot_similarity"):
        keep = [g for g in sim.index if g in shown]
        s = sim.loc[keep, keep]
        s.attrs = dict(sim.attrs)
        attempt("similarity", lambda: plots.plot_similarity(
            s, title=f"Source similarity (word TF-IDF){note}"))
        if len(keep) >= 3 and hasattr(plots, "plot_dendrogram"):
            attempt("dendrogram", lambda: plots.plot_dendrogram(s))
    if passages is not None and not passages.empty and hasattr(plots, "plot_shared_passages"):
        attempt("shared_passages", lambda: plots.plot_shared_passages(passages))


def _rel(path: Path, out: Path) -> str:
    try:
        return path.relative_to(out).as_posix()
    except ValueError:
        return path.as_posix()


def _report(result: CompareResult, *, src: Path, by: str, cs: scale.CleanSummary,
            top: pd.DataFrame, sim_long: pd.DataFrame, near: pd.DataFrame, reuse_name: str,
            reuse: pd.DataFrame, fs: scale.FeatureSummary) -> None:
    out = result.out
    audit = _rel(cs.paths["lines"][-1], out)  # the CSV when written (it opens anywhere)
    lines = [f"# Comparison of `{src}` by `{by}`", "",
             f"{cs.n_docs} document(s) from {result.n_groups} {by} value(s); "
             f"{len(cs.skipped)} of {cs.n_files} file(s) skipped as unreadable; "
             f"{cs.n_dropped} of {cs.n_lines} non-blank line(s) dropped as page furniture, "
             "titles, bylines, dates or captions (every one, with its reason, in "
             f"[{audit}]({audit})).", ""]
    if not cs.dropped:
        lines.append("No line was dropped.")
    else:
        lines += ["## What the cleaner dropped", "",
                  _md_table(pd.DataFrame([(lab, why, n) for (lab, why), n
                                          in cs.dropped.most_common(8)],
                                         columns=["label", "reason", "lines"])), ""]
    if result.figures:
        lines += ["## Figures", ""]
        for f in result.figures:
            lines += [f"![{f.stem}]({_rel(f, out)})", ""]
    lines += ["## Top terms", ""]
    if top.empty:
        lines += ["No terms (the bodies are empty).", ""]
    else:
        per = top.groupby("group", sort=False)["term"].apply(lambda s: ", ".join(s.head(8)))
        lines += [_md_table(per.head(15).rename("top terms (TF-IDF)").reset_index()
                            .rename(columns={"group": by})), ""]
        if len(per) > 15:
            lines += [f"… and {len(per) - 15} more in `tables/top_terms`.", ""]
    pairs = sim_long[sim_long["a"].astype(str) < sim_long["b"].astype(str)]
    if len(pairs):
        lines += ["## Most similar pairs (cosine of word TF-IDF)", "",
                  _md_table(pairs.sort_values("similarity", ascending=False).head(10)
                            .rename(columns={"a": f"{by} a", "b": f"{by} b"})), ""]
    lines += ["## Reuse", "",
              f"- {len(near)} pair(s) of near-duplicate documents (MinHash estimate of word "
              "5-gram Jaccard ≥ threshold): `tables/near_duplicates`",
              f"- {len(reuse)} {reuse_name.replace('_', ' ')}: `tables/{reuse_name}`", ""]
    if not fs.by_group.empty:
        cols = [c for c in ["n_docs", "n_tokens", "ttr", "flesch_reading_ease",
                            "sentiment_compound", "quote_share"] if c in fs.by_group.columns]
        lines += ["## Features (mean per document)", "",
                  _md_table(fs.by_group[[by, *cols]].head(15)), ""]
    lines += ["## Tables", ""]
    for name, paths in result.tables.items():
        lines.append(f"- {name}: " + ", ".join(f"[{p.suffix[1:]}]({_rel(p, out)})"
                                                for p in paths))
    lines.append("")
    if result.warnings:
        lines += ["## Warnings", ""]
        lines += [f"- {w}" for w in result.warnings[:50]]
        if len(result.warnings) > 50:
            lines.append(f"- … and {len(result.warnings) - 50} more")
        lines.append("")
    steps = ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items())
    lines += [f"Time: {steps}.", ""]
    out.mkdir(parents=True, exist_ok=True)
    result.report.write_text("\n".join(lines), encoding="utf-8")


# ----------------------------------------------------------------------------------------------
# command line
# ----------------------------------------------------------------------------------------------


def add_subparser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``textlab compare`` on the CLI's subparsers."""
    p = subparsers.add_parser(
        "compare", help="run the whole comparison on a folder of pages",
        description="Clean every page of a folder, then compare its sources: features, top "
                    "terms, keyness, similarity, near-duplicates and text reuse. Writes tidy "
                    "tables, figures and report.md into OUT. Works the same on five pages "
                    "or hundreds of thousands (streams, uses all cores).")
    p.add_argument("input", metavar="DIR",
                   help="folder of .txt pages (optionally with sources.csv)")
    p.add_argument("-o", "--output", metavar="OUT", required=True,
                   help="output folder (not inside DIR or seeds/)")
    p.add_argument("--by", default="source", help="column to compare (default: source)")
    p.add_argument("--sources", default="auto",
                   help="metadata CSV (file, source, …); default: DIR/sources.csv if present; "
                        "'none' to ignore it")
    p.add_argument("--pattern", default="*.txt", help="files to take from the folder")
    p.add_argument("--recursive", action="store_true", help="also take files in subfolders")
    p.add_argument("--errors", choices=["strict", "replace"], default="strict",
                   help="non-UTF-8 files: skip and name them (default) or replace bad bytes")
    p.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    p.add_argument("--top", type=int, default=15, help="top terms per group (default 15)")
    p.add_argument("--ngram-max", type=int, default=1,
                   help="longest word n-gram in term counts and top terms (default 1)")
    p.add_argument("--threshold", type=float, default=0.8,
                   help="Jaccard threshold for near-duplicate documents (default 0.8)")
    p.add_argument("--passages-max-docs", type=int, default=PASSAGES_MAX_DOCS,
                   help="exact shared passages up to this many documents, MinHash above")
    p.add_argument("--no-figures", action="store_true", help="tables and report only")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars or step times")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """The ``textlab compare`` handler: run, print the summary and warnings on stderr."""
    sources = None if args.sources in {"", "none"} else args.sources
    result = compare_folder(
        args.input, args.output, by=args.by, pattern=args.pattern, recursive=args.recursive,
        sources=sources, errors=args.errors, workers=args.workers, n_terms=args.top,
        ngram_max=args.ngram_max, near_duplicate_threshold=args.threshold,
        passages_max_docs=args.passages_max_docs, figures=not args.no_figures,
        progress=not args.quiet, quiet=args.quiet,
    )
    for w in result.warnings:
        print(f"textlab: warning: {w}", file=sys.stderr)
    print(result.summary(), file=sys.stderr)
    return 0
