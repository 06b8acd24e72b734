"""``textlab compare INPUT -o OUT``: the whole analysis on any corpus, at any size.

Read (any input :mod:`textlab.corpus` reads), learn each source's furniture, then one pass of
the engine (:mod:`textlab.engine`) cleans every page and computes its lexical features, term
counts, MinHash signature and passage hashes; then top terms, keyness and source similarity
from the summed counts, near-duplicate documents (MinHash/LSH) and shared passages. Writes::

    OUT/report.md                   a short report linking everything below
    OUT/report.html                 the same in a browser, with the evidence a click away
    OUT/tables/*.csv (+ .parquet)   tidy tables, the same shapes at every corpus size
    OUT/figures/*.png               the standard figures (via textlab.plots.save_figure)

Unreadable files are named, counted and skipped; pages that lost their article are named and
counted; an input without any readable text is an error. Figures show a readable number of
groups, chosen by a stated rule (the largest by words, ties by name; ``--min-docs``), and say
on the figure what was left out.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from textlab.corpus import plan_corpus, summarize_problems
from textlab.engine import (
    Runner,
    RunReport,
    StepOptions,
    TableWriter,
    iter_table,
    learn_furniture,
    run_batches,
)
from textlab.paths import SEEDS_DIR

__all__ = ["add_subparser", "compare_folder", "compare_corpus", "CompareResult",
           "shown_groups"]

FIGURE_GROUPS = 12
"""Figures show at most this many groups (the largest by words): a 300-outlet heatmap is
unreadable."""

KEYNESS_MAX_GROUPS = 1_000
"""Keyness is computed for at most this many groups, the largest by words (ties by name),
each against all the others: its time grows with groups × vocabulary."""

SIMILARITY_ALL_PAIRS = 1_000
"""Up to this many groups the similarity table holds every pair; above, each group's
:data:`SIMILARITY_NEIGHBOURS` most similar groups (same columns): every pair of 5,000 groups is
25 million rows (800 MB of CSV) that no reader opens."""

SIMILARITY_NEIGHBOURS = 10
"""Neighbours per group in the similarity table of a corpus of many groups."""

SIMILARITY_MAX_GROUPS = 20_000
"""Neighbours are looked up among at most this many groups, the largest by words (ties by
name): the time grows with the square of the number of groups (about 30 s at 20,000)."""

COMPACT_ROWS = 2_000_000
"""Partial term counts are summed whenever this many rows are pending."""


@dataclass
class CompareResult:
    """What :func:`compare_corpus` wrote, and the numbers of its summary."""

    out: Path
    report: Path
    html: Path | None = None
    tables: dict[str, list[Path]] = field(default_factory=dict)
    figures: list[Path] = field(default_factory=list)
    n_files: int = 0
    n_docs: int = 0
    n_groups: int = 0
    n_skipped: int = 0
    n_dropped_lines: int = 0
    n_lost: int = 0
    n_unsure: int = 0
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        """The closing lines printed on stderr."""
        total = sum(self.seconds.values())
        return "\n".join([
            f"compared {self.n_docs} document(s) from {self.n_groups} group(s) "
            f"({self.n_skipped} of {self.n_files} file(s) skipped)",
            f"dropped {self.n_dropped_lines} non-article line(s); "
            + (f"{self.n_lost} page(s) lost their article; " if self.n_lost else "")
            + (f"{self.n_unsure} page(s) without a clear article; " if self.n_unsure else "")
            + f"{len(self.warnings)} warning(s); {total:.1f} s",
            f"report: {self.report}" + (f" and {self.html}" if self.html else ""),
        ])


def _is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _check_output(src: object, out: Path) -> None:
    if _is_inside(out, SEEDS_DIR):
        raise ValueError(f"{out}: refusing to write inside the project's seeds/ folder; "
                         "choose another output folder")
    if isinstance(src, (str, Path)) and Path(src).is_dir() and _is_inside(out, Path(src)):
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


def shown_groups(words: pd.Series, docs: pd.Series, *, limit: int = FIGURE_GROUPS,
                 min_docs: int = 1) -> tuple[list, str]:
    """The groups a figure shows and a note of what it leaves out.

    The rule: groups with at least ``min_docs`` documents, the ``limit`` largest by words
    (ties by name). ``words`` and ``docs`` are indexed by group.

    Examples
    --------
    >>> words = pd.Series({"A": 900, "B": 50, "C": 900, "D": 10})
    >>> docs = pd.Series({"A": 3, "B": 1, "C": 2, "D": 1})
    >>> shown_groups(words, docs, limit=2)
    (['A', 'C'], '2 of 4 groups shown: the largest by words; 2 left out (tables have all)')
    >>> shown_groups(words, docs, limit=5, min_docs=2)[1]
    '2 of 4 groups shown: those with ≥ 2 documents; 2 left out (tables have all)'
    """
    frame = pd.DataFrame({"words": words, "docs": docs.reindex(words.index).fillna(0)})
    frame["name"] = frame.index.astype(str)
    eligible = frame[frame["docs"] >= min_docs].sort_values(["words", "name"],
                                                            ascending=[False, True])
    shown = list(eligible.index[:limit])
    if len(shown) == len(frame):
        return shown, ""
    rules = []
    if min_docs > 1:
        rules.append(f"those with ≥ {min_docs} documents")
    if len(eligible) > limit:
        rules.append("the largest by words")
    return shown, (f"{len(shown)} of {len(frame)} groups shown: {', '.join(rules)}; "
                   f"{len(frame) - len(shown)} left out (tables have all)")


class _Collector:
    """What the pass over the batches keeps: tables written as they come, sums in memory."""

    def __init__(self, tables: Path, by: str, formats: Sequence[str] | None, min_words: int,
                 max_docs: int):
        from textlab.reuse import PassageIndex

        self.by = by
        self.docs_w = TableWriter(tables, "docs", formats=formats)
        self.lines_w = TableWriter(tables, "lines", formats=formats)
        self.feats_w = TableWriter(tables, "features", formats=formats)
        self.count_parts: list[pd.DataFrame] = []
        self.pending = 0
        self.sums: pd.DataFrame | None = None
        self.doc_ids: list = []
        self.groups: list = []
        self.sources: list = []
        self.signatures: list[np.ndarray] = []
        self.valid: list[np.ndarray] = []
        self.passages = PassageIndex(min_words, max_docs=max_docs)
        self.body_col = "body"
        self.problems: list[pd.DataFrame] = []  # documents the reader noticed something about

    def add(self, r) -> None:
        from textlab.terms import sum_counts

        docs = r.docs
        if "page_body" in docs.columns:
            self.body_col = "page_body"
        self.docs_w.write(docs)
        if "problem" in docs.columns:
            noted = docs[docs["problem"].astype(str) != ""]
            if len(noted):
                self.problems.append(noted[["doc_id", "path", "problem"]])
        if r.lines is not None:
            self.lines_w.write(r.lines)
        self.doc_ids += docs["doc_id"].tolist()
        self.groups += docs[self.by].tolist()
        self.sources += docs["source"].tolist()
        if r.features is not None:
            feats = r.features.copy()
            feats.insert(1, self.by, docs[self.by].to_numpy())
            self.feats_w.write(feats)
            num = feats.select_dtypes("number")
            # NaN (a text too short for a feature) is left out of that feature's mean
            part = num.groupby(feats[self.by], sort=False).agg(["sum", "count"])
            part[("_docs", "sum")] = feats.groupby(self.by, sort=False).size()
            self.sums = part if self.sums is None else self.sums.add(part, fill_value=0)
        if r.counts is not None:
            self.count_parts.append(r.counts)
            self.pending += len(r.counts)
            if self.pending > COMPACT_ROWS and len(self.count_parts) > 1:
                self.count_parts = [sum_counts(self.count_parts)]
                self.pending = len(self.count_parts[0])
        if r.signatures is not None:
            self.signatures.append(r.signatures)
            self.valid.append(r.valid)
        if r.passage_hashes is not None:
            self.passages.add(r.passage_hashes)

    def close(self) -> None:
        for w in (self.docs_w, self.lines_w, self.feats_w):
            w.close()

    def features_by_group(self) -> pd.DataFrame:
        if self.sums is None or self.sums.empty:
            return pd.DataFrame()
        names = [c for c in self.sums.columns.get_level_values(0).unique() if c != "_docs"]
        out = pd.DataFrame({c: self.sums[(c, "sum")] / self.sums[(c, "count")] for c in names})
        out.insert(0, "n_docs", self.sums[("_docs", "sum")].astype(int))
        return out.rename_axis(self.by).reset_index()

    def words_per_group(self) -> pd.Series:
        if self.sums is None or ("n_tokens", "sum") not in self.sums.columns:
            return pd.Series(dtype=float)
        return self.sums[("n_tokens", "sum")]


def compare_corpus(
    src: str | Path | Sequence[str | Path] | pd.DataFrame, out: str | Path, *,
    by: str = "source", text_col: str | None = None, columns: dict[str, str] | None = None,
    source_from: str = "auto", pattern: str | None = None, recursive: bool = False,
    sources: str | Path | None = "auto", encoding: str | None = None, errors: str = "strict",
    workers: int | None = None, client=None, n_terms: int = 15, ngram_max: int = 1,
    keyness_n: int = 50, near_duplicate_threshold: float = 0.8, min_words: int = 8,
    max_docs_per_passage: int = 10, figure_groups: int = FIGURE_GROUPS, min_docs: int = 1,
    stop_words: object = "auto", figures: bool = True, html: bool = True,
    table_formats: tuple[str, ...] | None = None,
    progress: bool | None = None, quiet: bool = False,
) -> CompareResult:
    """Run the whole comparison on a corpus and write tables, figures and ``report.md``.

    Parameters
    ----------
    src
        Anything :func:`textlab.load_corpus` reads: a folder of pages, table files, a
        DataFrame. ``text_col``, ``columns``, ``source_from``, ``pattern``, ``recursive``,
        ``sources``, ``encoding`` and ``errors`` are passed to it (see there).
    out
        Output folder; refused when inside the input folder or the project's ``seeds/``.
    by
        The column comparing documents: ``source`` or another metadata column.
    workers, client
        Worker processes (``None``: all cores) or a ``dask.distributed.Client``.
    n_terms, ngram_max, keyness_n
        Top terms per group, longest n-gram counted, keyness rows kept per group.
    near_duplicate_threshold
        Estimated Jaccard similarity of word 5-gram shingles for near-duplicate documents.
    min_words, max_docs_per_passage
        Shortest shared passage reported, and how widely a phrase may be printed before it is
        listed once as widespread instead of pair by pair (:mod:`textlab.reuse`).
    figure_groups, min_docs
        Figures show at most ``figure_groups`` groups with at least ``min_docs`` documents.
    stop_words
        As in :func:`textlab.count_terms`: ``"auto"`` (each document's own language, from its
        ``lang`` column), a language code, a set of words, or False.
    html
        Also write ``report.html`` (:mod:`textlab.report_html`): the figures, sortable tables,
        keywords in context for the terms shown, the cleaning audit of up to 50 pages (every
        line with its label and reason) and the reuse found, each view capped.
    table_formats
        ``("parquet", "csv")`` by default when pyarrow is installed.

    Returns
    -------
    CompareResult

    Raises
    ------
    TextFileError
        A missing path, a folder without pages or tables.
    ValueError
        Output inside the input or seeds/, or no readable text at all.
    """
    from textlab.terms import keyness_from_counts, sum_counts, top_terms_from_counts

    out = Path(out)
    _check_output(src, out)
    if isinstance(ngram_max, bool) or not isinstance(ngram_max, int) or ngram_max < 1:
        raise ValueError(f"ngram_max={ngram_max!r}: expected a positive integer")
    result = CompareResult(out=out, report=out / "report.md")
    tables, figdir = out / "tables", out / "figures"
    runner = Runner(workers=workers, client=client, progress=progress)

    with _Step(result, "plan", quiet):
        plan = plan_corpus(src, text_col=text_col, columns=columns, source_from=source_from,
                           pattern=pattern, recursive=recursive, sources=sources,
                           encoding=encoding, errors=errors)
    if plan.kind == "pages" and by not in plan.meta.columns:
        raise ValueError(f"by={by!r}: not a column of the corpus; columns are "
                         f"{[c for c in plan.meta.columns if c != 'path']}")
    result.n_files = plan.n_documents or 0
    result.notes = list(plan.notes)
    with _Step(result, "learn furniture", quiet):
        furniture = learn_furniture(plan, by=by, runner=runner)
    report = RunReport(furniture={g: len(h) for g, h in furniture.items()})
    opts = StepOptions(by=by, steps=frozenset(["clean", "features", "counts", "minhash",
                                               "passages"]),
                       lines="dropped", keep_raw=False, on_error="skip",
                       count_kwargs=(("ngram_range", (1, ngram_max)),
                                     ("stop_words", stop_words)), min_words=min_words)
    keep = _Collector(tables, by, table_formats, min_words, max_docs_per_passage)
    with _Step(result, "clean, features, counts, hashes", quiet):
        try:
            for r in run_batches(plan, furniture=furniture, options=opts, runner=runner,
                                 desc="cleaning and measuring"):
                report.add(r, by=by)
                keep.add(r)
        finally:
            keep.close()
    result.tables.update({"docs": keep.docs_w.paths, "lines": keep.lines_w.paths,
                          "features": keep.feats_w.paths})
    if plan.kind == "tables":
        result.n_files = report.n_docs + len(report.skipped)
    result.n_docs, result.n_skipped = report.n_docs, len(report.skipped)
    result.n_groups = len(dict.fromkeys(keep.groups))
    result.n_dropped_lines = report.n_dropped
    result.n_lost, result.n_unsure = len(report.lost), len(report.unsure)
    if report.n_docs == 0:
        raise ValueError(f"{src}: none of the {result.n_files} document(s) could be read: "
                         + "; ".join(report.skipped[:3]) + (" …" if len(report.skipped) > 3
                                                             else ""))
    docs_path = keep.docs_w.paths[0]
    bodies_empty = sum(1 for d in iter_table(docs_path, columns=[keep.body_col])
                       for b in d[keep.body_col] if not (isinstance(b, str) and b.strip()))
    if bodies_empty == report.n_docs:
        raise ValueError(f"{src}: no text: the {report.n_docs} document(s) have no article "
                         "text (empty files, or only page furniture)")
    noted = (pd.concat(keep.problems, ignore_index=True) if keep.problems
             else pd.DataFrame(columns=["doc_id", "path", "problem"]))
    problems = summarize_problems(noted, report.skipped)
    result.warnings += problems + [w for w in report.warnings if "skipped" not in w]

    def write(name: str, frame: pd.DataFrame) -> None:
        with TableWriter(tables, name, formats=table_formats) as w:
            w.write(frame)
        result.tables[name] = w.paths

    write("dropped_by_reason", pd.DataFrame(
        [(lab, why, n) for (lab, why), n in report.dropped.most_common()],
        columns=["label", "reason", "n_lines"]))
    write("skipped_files", pd.DataFrame({"problem": report.skipped}, dtype=object))
    write("furniture", pd.DataFrame({by: list(report.furniture),
                                     "n_lines": list(report.furniture.values())}))
    fbg = keep.features_by_group()
    write("features_by_group", fbg)

    groups = list(dict.fromkeys(keep.groups))
    words = keep.words_per_group().reindex(groups).fillna(0)
    docs_per_group = pd.Series(keep.groups).value_counts()
    shown, note = shown_groups(words, docs_per_group, limit=figure_groups, min_docs=min_docs)
    with _Step(result, "vocabulary", quiet):
        counts = sum_counts(keep.count_parts)
        keep.count_parts = []
        write("term_counts", counts)
        unigrams = counts if ngram_max == 1 else counts[~counts["term"].str.contains(" ")]
        top = top_terms_from_counts(counts, n=n_terms, groups=groups)
        write("top_terms", top)
        key = pd.DataFrame()
        if len(groups) >= 2 and not unigrams.empty:
            targets = None
            if len(groups) > KEYNESS_MAX_GROUPS:
                targets = _largest(groups, words, KEYNESS_MAX_GROUPS)
                targets += [g for g in shown if g not in set(targets)]  # what figures draw
                result.notes.append(
                    f"keyness: {len(groups)} {by} values, so `tables/keyness` has the "
                    f"{KEYNESS_MAX_GROUPS:,} largest by words, each against all the others")
            key = keyness_from_counts(unigrams, method="log_odds", top=keyness_n,
                                      targets=targets, progress=runner.progress)
        else:
            result.warnings.append(f"keyness skipped: it compares groups and there is "
                                   f"{len(groups)} {by!r} value")
        write("keyness", key)
    with _Step(result, "similarity", quiet):
        sim, sim_long = _similarity(result, unigrams, groups=groups, words=words, shown=shown,
                                    by=by, progress=runner.progress)
        write("similarity", sim_long)
    with _Step(result, "reuse", quiet):
        near = _near_duplicates(keep, by=by, threshold=near_duplicate_threshold)
        write("near_duplicates", near)
        passages, widespread = _passages(keep, docs_path)
        write("shared_passages", passages)
        write("widespread_passages", widespread)

    if figures:
        with _Step(result, "figures", quiet):
            _figures(result, figdir, top=top, key=key, sim=sim, passages=passages, by=by,
                     shown=shown, note=note, runner=runner)
    _report(result, src=src, by=by, report=report, top=top, sim_long=sim_long, near=near,
            passages=passages, widespread=widespread, fbg=fbg,
            max_docs_per_passage=max_docs_per_passage)
    if html:
        with _Step(result, "report.html", quiet):
            _html(result, plan, furniture, src=src, by=by, keep=keep, report=report, top=top,
                  key=key, sim_long=sim_long, fbg=fbg, near=near, passages=passages,
                  counts=counts)
    return result


compare_folder = compare_corpus  # the name of earlier releases


def _largest(groups: list, words: pd.Series, n: int) -> list:
    """The ``n`` largest of ``groups`` by words (ties by name), in the order of ``groups``."""
    order = pd.DataFrame({"words": words.reindex(groups).to_numpy(),
                          "name": [str(g) for g in groups]})
    picked = set(order.sort_values(["words", "name"], ascending=[False, True]).index[:n])
    return [g for i, g in enumerate(groups) if i in picked]


def _similarity(result: CompareResult, unigrams: pd.DataFrame, *, groups: list,
                words: pd.Series, shown: list, by: str,
                progress: bool | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The square similarity among the groups figures show, and the long table: every pair up
    to :data:`SIMILARITY_ALL_PAIRS` groups, else each group's nearest (a note says so)."""
    from textlab.similarity import (
        nearest_from_counts,
        similarity_from_counts,
        similarity_long,
    )

    if len(groups) <= SIMILARITY_ALL_PAIRS:
        sim = similarity_from_counts(unigrams, groups=groups, by=by)
        return sim, similarity_long(sim)
    sim = similarity_from_counts(unigrams, groups=groups, by=by, only=shown)
    among = groups
    if len(groups) > SIMILARITY_MAX_GROUPS:
        among = _largest(groups, words, SIMILARITY_MAX_GROUPS)
    near = nearest_from_counts(unigrams[unigrams["group"].isin(set(among))], groups=among,
                               k=SIMILARITY_NEIGHBOURS, progress=progress)
    result.notes.append(
        f"similarity: {len(groups)} {by} values, so `tables/similarity` lists each one's "
        f"{SIMILARITY_NEIGHBOURS} most similar (not all {len(groups) ** 2:,} pairs)"
        + (f", among the {SIMILARITY_MAX_GROUPS:,} largest by words" if among is not groups
           else "") + "; the figures' similarity is over the groups they show")
    return sim, near


def _near_duplicates(keep: _Collector, *, by: str, threshold: float) -> pd.DataFrame:
    from textlab.reuse import near_duplicates

    cols = ["doc_a", "doc_b", f"{by}_a", f"{by}_b", "jaccard"]
    if not keep.signatures:
        return pd.DataFrame(columns=cols)
    sig = np.concatenate(keep.signatures)
    valid = np.flatnonzero(np.concatenate(keep.valid))
    pairs = near_duplicates(sig[valid], threshold=threshold)
    a, b = valid[pairs["i"].to_numpy()], valid[pairs["j"].to_numpy()]
    ids, groups = np.asarray(keep.doc_ids, dtype=object), np.asarray(keep.groups, dtype=object)
    frame = pd.DataFrame({"doc_a": ids[a], "doc_b": ids[b], f"{by}_a": groups[a],
                          f"{by}_b": groups[b], "jaccard": pairs["jaccard"].to_numpy()},
                         columns=cols)
    return frame.sort_values(["jaccard", "doc_a", "doc_b"], ascending=[False, True, True],
                             ignore_index=True)


def _passages(keep: _Collector, docs_path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Shared passages between documents of different groups, and widespread ones, with the
    bodies of the documents involved read back from the docs table."""
    from textlab.reuse import passage_frame, widespread_frame

    codes = pd.factorize(pd.Series(keep.groups, dtype=object), sort=False)[0]
    spans, runs = keep.passages.find(codes)
    shared = passage_frame(spans, _StreamedBodies(docs_path, keep.body_col), keep.doc_ids,
                           keep.sources)
    wide = widespread_frame(runs, _StreamedBodies(docs_path, keep.body_col), keep.doc_ids,
                            keep.sources)
    return shared, wide


class _StreamedBodies:
    """``bodies[i]`` of the docs table for increasing ``i``, read batch by batch: a pass over
    the table holding one batch of bodies at a time."""

    def __init__(self, docs_path: Path, body_col: str):
        self._parts = iter_table(docs_path, columns=[body_col])
        self._col, self._start, self._bodies = body_col, 0, []

    def __getitem__(self, i: int) -> str:
        while i >= self._start + len(self._bodies):
            self._start += len(self._bodies)
            self._bodies = next(self._parts)[self._col].tolist()
        body = self._bodies[i - self._start]
        return body if isinstance(body, str) else ""


def _figures(result: CompareResult, figdir: Path, *, top: pd.DataFrame, key: pd.DataFrame,
             sim: pd.DataFrame, passages: pd.DataFrame, by: str, shown: list, note: str,
             runner: Runner) -> None:
    from textlab import plots

    shown_set = set(shown)
    suffix = f"\n({note})" if note else ""
    jobs = []
    if not top.empty:
        t = top[top["group"].isin(shown_set)]
        jobs.append(("top_terms", lambda: plots.plot_top_terms(
            t.groupby("group", sort=False).head(8), title=f"Top terms by TF-IDF{suffix}")))
    if not key.empty:
        k = key[key["group"].isin(shown_set)]
        if not k.empty:
            jobs.append(("keyness", lambda: plots.plot_keyness(k, n=5,
                                                               title=f"Keyness{suffix}")))
    keep_groups = [g for g in sim.index if g in shown_set]
    if len(keep_groups) >= 2:
        s = sim.loc[keep_groups, keep_groups]
        s.attrs = dict(sim.attrs)
        jobs.append(("similarity", lambda: plots.plot_similarity(
            s, title=f"Source similarity (word TF-IDF){suffix}")))
        if len(keep_groups) >= 3:
            jobs.append(("dendrogram", lambda: plots.plot_dendrogram(s)))
    if not passages.empty:
        # words shared between groups (shown ones), not document by document
        p = passages.assign(doc_a=passages["source_a"], doc_b=passages["source_b"])
        p = p[p["doc_a"].isin(shown_set) & p["doc_b"].isin(shown_set)] if by == "source" else p
        if not p.empty and p["doc_a"].nunique() + p["doc_b"].nunique() <= 2 * len(shown) + 2:
            p = p[["doc_a", "doc_b", "n_words"]]
            p.attrs = {"min_words": None}
            jobs.append(("shared_passages", lambda: plots.plot_shared_passages(
                p, title=f"Words in passages shared by two sources{suffix}")))
    with runner.bar(len(jobs), "figures", "figure") as bar:
        for name, draw in jobs:
            try:
                fig = draw()
            except Exception as exc:  # a figure must not cost the tables already written
                result.warnings.append(f"figure {name} not drawn: {type(exc).__name__}: {exc}")
            else:
                result.figures += plots.save_figure(getattr(fig, "figure", fig), name,
                                                    folder=figdir)
            bar.update(1)


KWIC_TERMS = 300
"""Terms (of the top-terms and keyness tables) whose contexts report.html lists."""
KWIC_DOCS_PER_GROUP = 25
"""Contexts are looked up in at most this many documents of each group (and 2,000 in all)."""


def _audit_lines(plan, ids: set, furniture: dict, *, by: str) -> pd.DataFrame:
    """Every line (blank ones included) of the documents ``ids``, cleaned again by the same
    function with the same furniture: the tables keep only the dropped lines."""
    from textlab.clean import clean_frame
    from textlab.corpus import ReadBatch, read_batch
    from textlab.engine import raw_column

    if plan.kind == "pages":
        meta = plan.meta[plan.meta["doc_id"].isin(ids)]
        batches = [ReadBatch("pages", meta, plan.options)]
    else:
        batches = (ReadBatch(b.kind, b.rows[b.rows["doc_id"].isin(ids)], b.options)
                   for b in plan.batches(2000))
    frames = []
    for batch in batches:
        if len(batch.rows):
            corpus, _ = read_batch(batch, on_error="skip")
            _, lines = clean_frame(corpus, furniture=furniture, by=by,
                                   text_col=raw_column(plan), lines="all")
            frames.append(lines)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["doc_id", by, "line_no", "text", "label", "reason", "score"])


def _html(result: CompareResult, plan, furniture: dict, *, src: object, by: str,
          keep: _Collector, report: RunReport, top: pd.DataFrame, key: pd.DataFrame,
          sim_long: pd.DataFrame, fbg: pd.DataFrame, near: pd.DataFrame,
          passages: pd.DataFrame, counts: pd.DataFrame) -> None:
    """``report.html``: what the tables hold, capped (the page says where), with the audit
    lines, contexts and passage bodies looked up for what is shown only."""
    from textlab.report_html import DEFAULT_CAPS, ReportData, select_audit_docs, write_report_html
    from textlab.terms import kwic
    from textlab.text import tokenize

    out, docs_path, body_col = result.out, keep.docs_w.paths[0], keep.body_col
    title_col = "page_title" if body_col == "page_body" else "title"
    warn_col = "page_warning" if body_col == "page_body" else "warning"
    light_cols = ["doc_id", by, title_col, "path", "n_lines", "n_body_lines", "problem",
                  warn_col, "lang"]
    light = pd.concat(list(iter_table(docs_path, columns=list(dict.fromkeys(light_cols)))),
                      ignore_index=True).rename(columns={title_col: "title",
                                                         warn_col: "warning"})
    light["warning"] = ["; ".join(filter(None, [str(w or ""), str(p or "")]))
                        for w, p in zip(light["warning"], light["problem"], strict=True)]
    shown = select_audit_docs(light, by=by, n=DEFAULT_CAPS["max_docs_audit"])
    lines = _audit_lines(plan, set(shown["doc_id"]), furniture, by=by)
    # contexts of the terms shown, looked up in a bounded sample of the documents
    terms = list(dict.fromkeys([*top["term"].head(DEFAULT_CAPS["max_rows"]),
                                *(key["term"].head(DEFAULT_CAPS["max_rows"])
                                  if len(key) else [])]))[:KWIC_TERMS]
    sample = light.groupby(by, sort=False).head(KWIC_DOCS_PER_GROUP).head(2000)
    cap = DEFAULT_CAPS["max_passages"]
    reused = set().union(*(set(f[c].head(cap)) for f in (passages, near)
                           for c in ("doc_a", "doc_b")))
    wanted = set(sample["doc_id"]) | reused
    bodies: dict = {}
    for part in iter_table(docs_path, columns=["doc_id", body_col]):
        hit = part["doc_id"].isin(wanted)
        bodies.update(zip(part.loc[hit, "doc_id"], part.loc[hit, body_col].fillna(""),
                          strict=True))
    kw = None
    if terms and len(sample):
        frame = sample[["doc_id", by]].assign(body=[bodies.get(d, "") for d in sample["doc_id"]])
        kw = kwic(frame, terms, window=8, by=by)
        kw.insert(0, "term", [" ".join(tokenize(m)) for m in kw["match"]])
        kw = kw.groupby("term", sort=False).head(4 * DEFAULT_CAPS["max_kwic_per_term"])
    from textlab.report_html import SIMILARITY_MATRIX_MAX
    from textlab.similarity import unique_pairs

    if result.n_groups > SIMILARITY_MATRIX_MAX:  # no matrix: the most similar pairs, once each
        sim_long = unique_pairs(sim_long).sort_values("similarity", ascending=False,
                                                      kind="stable")
    totals = {"top_terms": len(top), "keyness": len(key), "similarity": len(sim_long),
              "docs": len(light), "passages": len(passages), "near_duplicates": len(near)}
    data = ReportData(
        title=f"Comparison of {src if isinstance(src, (str, Path)) else 'a corpus'} by {by}",
        by=by, n_docs=report.n_docs, n_groups=result.n_groups, n_files=result.n_files,
        n_skipped=result.n_skipped, n_lines=report.n_lines, n_dropped=report.n_dropped,
        languages=(light["lang"].value_counts().to_dict() if "lang" in light.columns
                   else None),
        dropped_by_reason=pd.DataFrame([(lab, why, n) for (lab, why), n
                                        in report.dropped.most_common()],
                                       columns=["label", "reason", "n_lines"]),
        warnings=list(result.warnings), notes=list(result.notes), figures=list(result.figures),
        top_terms=top.head(DEFAULT_CAPS["max_rows"]),
        keyness=key.head(DEFAULT_CAPS["max_rows"]) if len(key) else None,
        similarity=sim_long.head(DEFAULT_CAPS["max_rows"]), features=fbg,
        docs=shown, lines=lines, kwic=kw,
        passages=passages.head(DEFAULT_CAPS["max_passages"]),
        near_duplicates=near.head(cap), bodies={d: bodies[d] for d in reused if d in bodies},
        table_links={name: _rel(paths[-1], out) for name, paths in result.tables.items()},
        totals=totals,
        kwic_totals=counts[counts["term"].isin(terms)].groupby("term")["count"].sum()
        .astype(int).to_dict() if len(counts) else {},
    )
    result.html = write_report_html(data, out / "report.html")


def _rel(path: Path, out: Path) -> str:
    try:
        return path.relative_to(out).as_posix()
    except ValueError:
        return path.as_posix()


def _report(result: CompareResult, *, src: object, by: str, report: RunReport,
            top: pd.DataFrame, sim_long: pd.DataFrame, near: pd.DataFrame,
            passages: pd.DataFrame, widespread: pd.DataFrame, fbg: pd.DataFrame,
            max_docs_per_passage: int) -> None:
    out = result.out
    audit = _rel(result.tables["lines"][-1], out)  # the CSV when written (it opens anywhere)
    name = src if isinstance(src, (str, Path)) else "the corpus"
    lines = [f"# Comparison of `{name}` by `{by}`", "",
             f"{report.n_docs} document(s) from {result.n_groups} {by} value(s); "
             f"{result.n_skipped} of {result.n_files} file(s) skipped as unreadable; "
             f"{report.n_dropped} of {report.n_lines} non-blank line(s) dropped as page "
             "furniture, titles, bylines, dates or captions (every one, with its reason, in "
             f"[{audit}]({audit})).", ""]
    if report.languages:
        lines += ["Languages (documents): " + ", ".join(
            f"{lang} {n}" for lang, n in sorted(report.languages.items(),
                                                key=lambda kv: (-kv[1], kv[0]))) + ".", ""]
    if result.notes:
        lines += ["How the corpus was read:", ""] + [f"- {n}" for n in result.notes] + [""]
    if report.lost:
        lines += [f"**{len(report.lost)} page(s) lost their article** (kept, with little or "
                  "no body; see the `warning` column of `tables/docs`):", ""]
        lines += [f"- {w}" for w in report.lost[:20]]
        if len(report.lost) > 20:
            lines.append(f"- … and {len(report.lost) - 20} more")
        lines.append("")
    if report.unsure:
        lines += [f"**{len(report.unsure)} page(s) without a clear article**: no region of the "
                  "page reads as an article (a short article, a list, a page of short lines), "
                  "so its best-scoring lines were kept as the body; check them in the audit:",
                  ""]
        lines += [f"- {w}" for w in report.unsure[:20]]
        if len(report.unsure) > 20:
            lines.append(f"- … and {len(report.unsure) - 20} more")
        lines.append("")
    if not report.dropped:
        lines.append("No line was dropped.")
    else:
        lines += ["## What the cleaner dropped", "",
                  _md_table(pd.DataFrame([(lab, why, n) for (lab, why), n
                                          in report.dropped.most_common(8)],
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
    from textlab.similarity import unique_pairs

    pairs = unique_pairs(sim_long)
    if len(pairs):
        lines += ["## Most similar pairs (cosine of word TF-IDF)", "",
                  _md_table(pairs.sort_values(["similarity", "a", "b"],
                                              ascending=[False, True, True]).head(10)
                            .rename(columns={"a": f"{by} a", "b": f"{by} b"})), ""]
    lines += ["## Reuse", "",
              f"- {len(near)} pair(s) of near-duplicate documents (MinHash estimate of word "
              "5-gram Jaccard ≥ threshold): `tables/near_duplicates`",
              f"- {len(passages)} shared passage(s) between documents of different sources: "
              "`tables/shared_passages`",
              f"- {len(widespread)} widespread passage(s), each in more than "
              f"{max_docs_per_passage} documents (listed once, not pair by pair): "
              "`tables/widespread_passages`", ""]
    if not fbg.empty:
        cols = [c for c in ["n_docs", "n_tokens", "ttr", "flesch_reading_ease",
                            "sentiment_compound", "quote_share"] if c in fbg.columns]
        lines += ["## Features (mean per document)", "", _md_table(fbg[[by, *cols]].head(15)),
                  ""]
    lines += ["## Tables", ""]
    for tname, paths in result.tables.items():
        lines.append(f"- {tname}: " + ", ".join(f"[{p.suffix[1:]}]({_rel(p, out)})"
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


def add_reader_arguments(p: argparse.ArgumentParser) -> None:
    """The options of the one reader (:func:`textlab.load_corpus`), for every subcommand."""
    p.add_argument("--text-col", help="text column of a table input (default: raw, text, "
                                      "body, content, article…)")
    p.add_argument("--columns", metavar="OLD=NEW[,OLD=NEW]",
                   help="rename table/metadata columns, e.g. id=doc_id,outlet=source")
    p.add_argument("--source-from", choices=["auto", "metadata", "folder", "file"],
                   default="auto", help="where 'source' comes from (default auto: the "
                                        "metadata's source column, else the subfolder, else "
                                        "each document is its own)")
    p.add_argument("--sources", default="auto",
                   help="metadata table of pages (file, source, …); default: DIR/sources.csv "
                        "if present; 'none' to ignore it")
    p.add_argument("--pattern", default=None,
                   help="files taken from a folder (default: *.txt in any letter case)")
    p.add_argument("--recursive", action="store_true", help="also take files in subfolders")
    p.add_argument("--encoding", default=None,
                   help="decode every file with this encoding (default: detect)")
    p.add_argument("--errors", choices=["strict", "replace"], default="strict",
                   help="bytes that do not decode: skip the file and name it (default) or "
                        "replace them and count")


def reader_options(args: argparse.Namespace) -> dict:
    """``load_corpus`` keyword arguments from the options of :func:`add_reader_arguments`."""
    columns = None
    if args.columns:
        try:
            columns = dict(pair.split("=", 1) for pair in args.columns.split(","))
        except ValueError:
            raise ValueError(f"--columns {args.columns!r}: expected OLD=NEW pairs separated "
                             "by commas") from None
    return dict(text_col=args.text_col, columns=columns, source_from=args.source_from,
                pattern=args.pattern, recursive=args.recursive,
                sources=None if args.sources in {"", "none"} else args.sources,
                encoding=args.encoding, errors=args.errors)


def add_subparser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``textlab compare`` on the CLI's subparsers."""
    p = subparsers.add_parser(
        "compare", help="run the whole comparison on a corpus",
        description="Clean every page of a corpus (a folder of pages, or CSV/TSV/JSONL/"
                    "Parquet tables of documents), then compare its sources: features, top "
                    "terms, keyness, similarity, near-duplicates and shared passages. Writes "
                    "tidy tables, figures and report.md into OUT. Works the same on five "
                    "pages or hundreds of thousands (streams, uses all cores).")
    p.add_argument("input", metavar="INPUT", nargs="+",
                   help="folder of pages (optionally with sources.csv), or table file(s)")
    p.add_argument("-o", "--output", metavar="OUT", required=True,
                   help="output folder (not inside INPUT or seeds/)")
    p.add_argument("--by", default="source", help="column to compare (default: source)")
    add_reader_arguments(p)
    p.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    p.add_argument("--top", type=int, default=15, help="top terms per group (default 15)")
    p.add_argument("--ngram-max", type=int, default=1,
                   help="longest word n-gram in term counts and top terms (default 1)")
    p.add_argument("--stop-words", default="auto", metavar="auto|LANG|none",
                   help="stop words dropped from the counts: each document's own language "
                        "(auto, default), one language's list (e.g. fr), or none")
    p.add_argument("--threshold", type=float, default=0.8,
                   help="Jaccard threshold for near-duplicate documents (default 0.8)")
    p.add_argument("--min-words", type=int, default=8,
                   help="shortest shared passage, in words (default 8)")
    p.add_argument("--max-docs-per-passage", type=int, default=10,
                   help="a passage in more documents is listed once as widespread, not pair "
                        "by pair (default 10)")
    p.add_argument("--figure-groups", type=int, default=FIGURE_GROUPS,
                   help=f"groups shown in figures, the largest by words (default "
                        f"{FIGURE_GROUPS})")
    p.add_argument("--min-docs", type=int, default=1,
                   help="figures leave out groups with fewer documents (default 1)")
    p.add_argument("--no-figures", action="store_true", help="tables and reports only")
    p.add_argument("--no-html", action="store_true", help="no report.html")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars or step times")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """The ``textlab compare`` handler: run, print the summary and warnings on stderr."""
    src = args.input[0] if len(args.input) == 1 else args.input
    result = compare_corpus(
        src, args.output, by=args.by, workers=args.workers, n_terms=args.top,
        ngram_max=args.ngram_max, near_duplicate_threshold=args.threshold,
        stop_words=False if args.stop_words in {"none", "false", ""} else args.stop_words,
        min_words=args.min_words, max_docs_per_passage=args.max_docs_per_passage,
        figure_groups=args.figure_groups, min_docs=args.min_docs,
        figures=not args.no_figures, html=not args.no_html,
        progress=False if args.quiet else None, quiet=args.quiet,
        **reader_options(args),
    )
    for w in result.warnings:
        print(f"textlab: warning: {w}", file=sys.stderr)
    print(result.summary(), file=sys.stderr)
    return 0
