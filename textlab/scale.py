"""The analysis on corpora of any size on one machine: streaming, all cores, bounded memory.

The in-memory functions (:func:`textlab.clean_corpus`, ``text_features``, ``count_terms``…)
hold the whole corpus as a DataFrame, which is right for a few thousand pages. Here the same
per-document functions run over a folder in batches on a process pool, and every result goes
to disk as it arrives (Parquet row groups and/or CSV appends), so peak memory depends on the
batch size and the number of workers, not on the number of documents::

    plan = plan_corpus("pages/")                       # file list + metadata, nothing read
    summary = clean_files(plan, "out/tables")          # -> out/tables/docs.parquet (+ .csv)
    docs = summary.paths["docs"][0]
    feats = stream_features(docs, "out/tables")        # -> features.parquet, means by source
    counts = stream_counts(docs, by="source")          # (group, term, count), summed
    sims = similarity_from_counts(counts)              # as textlab.similarity_matrix
    top = top_terms_from_counts(counts)                # as textlab.top_terms
    key = keyness_by_chunks(counts)                    # as textlab.keyness

Scripts that use more than one worker need the usual ``if __name__ == "__main__":`` guard
(workers import the main module).

What stays in memory, and why it is bounded:

- cleaning needs, per source, the lines repeated across its pages (site furniture). A first
  pass reads the pages source by source (at most ``repeat_sample`` pages each) and keeps one
  source's line counts at a time, as 64-bit hashes; only the repeated hashes are kept. With
  fewer pages per source than ``repeat_sample`` the result equals :func:`clean_corpus`.
- vocabulary: per-source term counts, summed batch by batch (partial counts over disjoint
  batches add up to the whole), kept sparse. Their size grows with the vocabulary, not with
  the documents; keyness is computed a few sources at a time.
- the file list and the metadata table (one short row per file).
- near-duplicates (:func:`stream_minhash`, :func:`near_duplicates`): MinHash signatures
  (``datasketch``) are appended to a file on disk and memory-mapped; LSH banding sorts one band
  of hashes at a time, so no all-pairs comparison is ever made.

Workers are started with the ``forkserver`` method (``spawn`` where it is missing), so the
calling process may hold threads (progress bars, memory sampling) safely. ``workers=1`` runs
everything in the calling process (simplest to debug). For more than one machine see
:mod:`textlab.daskpath`.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import random
import sys
import threading
import time
import warnings
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from textlab.clean import clean, split_lines
from textlab.corpus import MAX_BYTES, TextFileError, iter_text_files, read_text
from textlab.text import tokenize

__all__ = [
    "CorpusPlan",
    "CleanSummary",
    "FeatureSummary",
    "TableWriter",
    "PeakMemory",
    "plan_corpus",
    "clean_files",
    "clean_frame",
    "stream_features",
    "stream_counts",
    "stream_minhash",
    "near_duplicates",
    "lsh_params",
    "minhash_signatures",
    "similarity_from_counts",
    "sum_counts",
    "keyness_by_chunks",
    "top_terms_from_counts",
    "iter_table",
    "read_table",
    "parallel_map",
    "line_hash",
    "default_count_fn",
    "resolve_workers",
]

CLEAN_COLUMNS = ("title", "byline", "date", "date_parsed", "body", "n_lines", "n_body_lines",
                 "n_dropped")
"""Columns :func:`textlab.clean_corpus` adds; metadata columns with these names get ``meta_``."""

BATCH_SIZE = 200
"""Documents per task sent to a worker: large enough to amortise pickling, small enough that
``2 × workers`` batches in flight stay a few MB."""

REPEAT_SAMPLE = 1000
"""Pages per source read to learn its repeated lines (more pages change nothing measurable:
a line on 20 % of pages is on about 200 ± 13 of 1000)."""


# ----------------------------------------------------------------------------------------------
# small helpers
# ----------------------------------------------------------------------------------------------


def line_hash(text: str) -> int:
    """A stable signed 64-bit hash of a (whitespace-normalised) line; equal lines, equal hashes.

    Python's ``hash`` is salted per process, so it cannot be compared across workers.

    Examples
    --------
    >>> line_hash("Share this article") == line_hash("Share this article")
    True
    """
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"),
                                          digest_size=8).digest(), "little", signed=True)


def _norm_lines(raw: str) -> list[str]:
    return [" ".join(t.split()) for t in split_lines(raw)]


def resolve_workers(workers: int | None) -> int:
    """``None`` → every core this process may use; otherwise the integer, at least 1."""
    if workers is None:
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # macOS, Windows
            return max(1, os.cpu_count() or 1)
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers={workers!r}: expected a positive integer or None (all cores)")
    return workers


def _mp_context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        # workers fork from a server that has already imported the heavy modules
        ctx.set_forkserver_preload(["textlab.scale"])
        return ctx
    return multiprocessing.get_context("spawn")


def parallel_map(fn: Callable[[Any], Any], tasks: Iterable[Any], *, workers: int | None = None,
                 window: int | None = None) -> Iterator[Any]:
    """``map(fn, tasks)`` on a process pool, results in task order, with bounded memory.

    At most ``window`` tasks (default ``2 × workers``) are submitted ahead of the one being
    yielded, so a lazy ``tasks`` iterator (files read, table batches) is never drained into a
    queue, unlike ``Pool.imap``. ``fn`` must be importable (a module-level function).
    """
    n = resolve_workers(workers)
    if n == 1:
        for task in tasks:
            yield fn(task)
        return
    window = window or 2 * n
    ex = ProcessPoolExecutor(max_workers=n, mp_context=_mp_context())
    try:
        pending: deque = deque()
        for task in tasks:
            pending.append(ex.submit(fn, task))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        ex.shutdown(wait=True, cancel_futures=True)


def _pool_size(workers: int | None, n_items: int | None, batch_size: int) -> int:
    """Workers worth starting: one batch or less runs in this process (no pool start-up)."""
    n = resolve_workers(workers)
    if n_items is not None and n_items <= batch_size:
        return 1
    return n


def _batches(seq: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(seq), size):
        yield seq[start:start + size]


def _progress(total: int | None, desc: str, enabled: bool, unit: str = "doc"):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, disable=not enabled,
                dynamic_ncols=True, mininterval=0.5)


def _check_batch_size(batch_size: int) -> None:
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size={batch_size!r}: expected a positive integer")


def _pss(pid: int) -> int:
    with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
        for line in fh:
            if line.startswith(b"Pss:"):
                return int(line.split()[1]) * 1024
    raise OSError(f"no Pss line for process {pid}")


class PeakMemory:
    """Sample the memory of this process and all its children in a background thread.

    ``peak`` is the largest total seen, in bytes. ``kind="rss"`` (default) sums resident set
    sizes: cheap to sample, and an upper bound, because pages that forked workers share with
    their parent count once per process. ``kind="pss"`` (Linux) sums proportional set sizes
    (a page shared by ``k`` processes counts ``1/k`` in each): closer to the truth, but each
    sample costs milliseconds per process, so sample less often. ``cpu_seconds`` is the CPU
    time (user + system) the process tree used meanwhile, as last sampled (a worker's final
    ``interval`` may be missed). Without psutil, ``peak`` falls back to
    ``resource.getrusage`` (the largest single process) and ``cpu_seconds`` stays 0.

    Examples
    --------
    >>> with PeakMemory() as mem:
    ...     _ = bytearray(10_000_000)
    >>> mem.peak > 10_000_000
    True
    """

    def __init__(self, interval: float = 0.05, *, kind: str = "rss"):
        if kind not in {"rss", "pss"}:
            raise ValueError(f"kind={kind!r}: expected 'rss' or 'pss'")
        self.interval = interval
        self.kind = kind
        self.peak = 0
        self.cpu_seconds = 0.0
        self._cpu_start: dict[int, float] = {}
        self._cpu_last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _sample(self) -> None:
        import psutil

        proc = psutil.Process()
        total = 0
        for p in [proc, *proc.children(recursive=True)]:
            with contextlib.suppress(psutil.Error, OSError):  # a child exiting mid-sample
                total += _pss(p.pid) if self.kind == "pss" else p.memory_info().rss
                t = p.cpu_times()
                self._cpu_last[p.pid] = t.user + t.system
        self.peak = max(self.peak, total)
        self.cpu_seconds = sum(v - self._cpu_start.get(pid, 0.0)
                               for pid, v in self._cpu_last.items())

    def _run(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(Exception):
                self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        try:
            import psutil  # noqa: F401
        except ImportError:
            self._thread = None
            return self
        self._sample()
        self._cpu_start = dict(self._cpu_last)
        self.cpu_seconds = 0.0
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            with contextlib.suppress(Exception):
                self._sample()
        else:
            import resource

            kib = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            self.peak = kib * 1024


# ----------------------------------------------------------------------------------------------
# tables on disk
# ----------------------------------------------------------------------------------------------


def _has_pyarrow() -> bool:
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


def _formats(formats: Sequence[str] | None) -> tuple[str, ...]:
    if formats is None:
        return ("parquet", "csv") if _has_pyarrow() else ("csv",)
    formats = tuple(formats)
    bad = [f for f in formats if f not in {"csv", "parquet"}]
    if bad or not formats:
        raise ValueError(f"formats={formats!r}: expected one or both of 'parquet', 'csv'")
    if "parquet" in formats and not _has_pyarrow():
        raise ValueError("formats: 'parquet' needs pyarrow (pip install pyarrow); use ('csv',)")
    return formats


class TableWriter:
    """Append DataFrame batches to ``folder/name.parquet`` (one row group per batch) and/or
    ``folder/name.csv``, so a table of any length is written with one batch in memory.

    The Parquet schema is fixed by the first non-empty batch (all-missing columns become
    strings). Use as a context manager; ``paths`` lists the files written.
    """

    def __init__(self, folder: str | Path, name: str, *, formats: Sequence[str] | None = None):
        self.folder = Path(folder)
        self.name = name
        self.formats = _formats(formats)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.paths = [self.folder / f"{name}.{fmt}" for fmt in self.formats]
        for p in self.paths:
            p.unlink(missing_ok=True)
        self.n_rows = 0
        self._columns: list[str] | None = None
        self._pq_writer = None
        self._schema = None

    def write(self, df: pd.DataFrame) -> None:
        if self._columns is None:
            self._columns = list(df.columns)
        elif list(df.columns) != self._columns:
            df = df.reindex(columns=self._columns)
        if df.empty:
            return
        if "csv" in self.formats:
            df.to_csv(self.folder / f"{self.name}.csv", mode="a", index=False,
                      header=self.n_rows == 0)
        if "parquet" in self.formats:
            self._write_parquet(df)
        self.n_rows += len(df)

    def _write_parquet(self, df: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._schema is None:
            table = pa.Table.from_pandas(df, preserve_index=False)
            fields = [pa.field(f.name, pa.large_string()) if pa.types.is_null(f.type) else f
                      for f in table.schema]
            self._schema = pa.schema(fields).remove_metadata()
            self._pq_writer = pq.ParquetWriter(self.folder / f"{self.name}.parquet",
                                               self._schema)
        try:
            table = pa.Table.from_pandas(df, schema=self._schema, preserve_index=False)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            table = pa.Table.from_pandas(df, preserve_index=False).cast(self._schema, safe=False)
        self._pq_writer.write_table(table.replace_schema_metadata(None))

    def close(self) -> None:
        if self._pq_writer is not None:
            self._pq_writer.close()
            self._pq_writer = None
        elif self.n_rows == 0:
            cols = self._columns or []
            empty = pd.DataFrame(columns=cols)
            if "csv" in self.formats:
                empty.to_csv(self.folder / f"{self.name}.csv", index=False)
            if "parquet" in self.formats:
                empty.astype("string").to_parquet(self.folder / f"{self.name}.parquet",
                                                  index=False)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _table_path(path: str | Path) -> Path:
    path = Path(path)
    if path.exists():
        return path
    for suffix in (".parquet", ".csv"):
        if path.with_suffix(suffix).exists():
            return path.with_suffix(suffix)
    raise FileNotFoundError(f"{path}: no such table (.parquet or .csv)")


def iter_table(path: str | Path, *, columns: Sequence[str] | None = None,
               batch_size: int = BATCH_SIZE) -> Iterator[pd.DataFrame]:
    """Read a table written by :class:`TableWriter` in batches of ``batch_size`` rows."""
    path = _table_path(path)
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        for batch in pf.iter_batches(batch_size=batch_size,
                                     columns=list(columns) if columns else None):
            yield batch.to_pandas()
    else:
        # the columns streamed are text (ids, labels, bodies): keep "" and "NA" as written
        yield from pd.read_csv(path, usecols=list(columns) if columns else None,
                               chunksize=batch_size, keep_default_na=False,
                               dtype=str if columns else None)


def read_table(path: str | Path, *, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Read a whole table written by :class:`TableWriter` (Parquet preferred over CSV)."""
    path = _table_path(path)
    if path.suffix == ".parquet":
        return pd.read_parquet(path, columns=list(columns) if columns else None)
    return pd.read_csv(path, usecols=list(columns) if columns else None, keep_default_na=False)


# ----------------------------------------------------------------------------------------------
# planning: which files, which source
# ----------------------------------------------------------------------------------------------


@dataclass
class CorpusPlan:
    """What a folder holds, before any page is read.

    ``files`` are paths as strings; ``meta`` has one row per file (same order as ``files``):
    ``source``, the ``by`` column and any other metadata columns; ``groups`` is the ``by``
    value per file (``None`` when ``by`` is None).
    """

    root: Path | None
    files: list[str]
    doc_ids: list[str]
    by: str | None
    groups: list[str] | None
    meta: pd.DataFrame

    def __len__(self) -> int:
        return len(self.files)

    @property
    def n_groups(self) -> int:
        return len(set(self.groups)) if self.groups is not None else 0


def plan_corpus(
    path: str | Path | Iterable[str | Path], *, pattern: str = "*.txt", recursive: bool = False,
    sources: str | Path | pd.DataFrame | None = "auto", by: str | None = "source",
) -> CorpusPlan:
    """List a corpus's files and their metadata, as :func:`textlab.load_corpus` would.

    Parameters
    ----------
    path, pattern, recursive, sources
        As in :func:`textlab.load_corpus` (same file order, ``doc_id`` and ``source``).
    by
        The column that groups pages of one site (``"source"``, or a metadata column);
        files without a value are their own group. ``None``: no grouping.

    Raises
    ------
    TextFileError
        A missing path, or a folder without matching files.
    """
    from textlab.corpus import _doc_ids, _read_metadata

    files = iter_text_files(path, pattern=pattern, recursive=recursive)
    doc_ids = _doc_ids(files)
    meta = pd.DataFrame({"file": [p.name for p in files]})
    if isinstance(sources, str) and sources == "auto":
        folder = Path(path) if isinstance(path, (str, Path)) and Path(path).is_dir() else None
        sources = folder / "sources.csv" if folder and (folder / "sources.csv").exists() else None
    if sources is not None:
        m = _read_metadata(sources)
        m = m.rename(columns={c: f"meta_{c}" for c in m.columns
                              if c in CLEAN_COLUMNS or c in {"doc_id", "path", "raw", "n_chars",
                                                             "replaced", "problem"}})
        meta = meta.merge(m, on="file", how="left")
    if "source" not in meta.columns:
        meta["source"] = pd.NA
    ids = pd.Series(doc_ids, index=meta.index)
    meta["source"] = meta["source"].where(meta["source"].notna() & (meta["source"] != ""), ids)
    groups = None
    if by is not None:
        if by not in meta.columns:
            raise ValueError(f"by={by!r}: not a metadata column; columns are "
                             f"{[c for c in meta.columns if c != 'file']} (or None)")
        col = meta[by].astype(object)
        meta[by] = col.where(col.notna() & (col != ""), ids)
        groups = [str(g) for g in meta[by]]
    meta = meta.drop(columns="file")
    front = ["source"] + ([by] if by not in (None, "source") else [])
    meta = meta[front + [c for c in meta.columns if c not in front]]
    root = Path(path) if isinstance(path, (str, Path)) else None
    # plain strings: a Path object costs three times the memory, and a million add up
    files = [os.fspath(p) for p in files]
    return CorpusPlan(root, files, doc_ids, by, groups, meta.reset_index(drop=True))


# ----------------------------------------------------------------------------------------------
# cleaning, streamed
# ----------------------------------------------------------------------------------------------


@dataclass
class CleanSummary:
    """What :func:`clean_files` did: counts for the report, and the tables it wrote."""

    n_files: int
    n_docs: int = 0
    n_empty_body: int = 0
    n_lines: int = 0
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dropped: Counter = field(default_factory=Counter)  # (label, reason) -> lines
    docs_per_group: Counter = field(default_factory=Counter)
    repeated_per_group: dict[str, int] = field(default_factory=dict)
    paths: dict[str, list[Path]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def n_dropped(self) -> int:
        return sum(self.dropped.values())


def _scan_batch(task: tuple) -> list[tuple[int, list[int] | None]]:
    """Distinct line hashes of each readable page (None for unreadable ones)."""
    rows, errors, max_bytes = task
    out = []
    for pos, path in rows:
        try:
            raw, _ = read_text(path, errors=errors, max_bytes=max_bytes)
        except TextFileError:
            out.append((pos, None))
            continue
        out.append((pos, list({line_hash(t) for t in _norm_lines(raw) if t})))
    return out


def _learn_repeated(plan: CorpusPlan, *, errors: str, max_bytes: int, min_docs: int,
                    min_share: float, repeat_sample: int, workers: int | None, batch_size: int,
                    progress: bool, seed: int = 0) -> dict[str, frozenset[int]]:
    """Per group, the hashes of lines on ``max(min_docs, min_share × pages)`` of its pages."""
    by_group: dict[str, list[int]] = {}
    for pos, g in enumerate(plan.groups or []):
        by_group.setdefault(g, []).append(pos)
    rng = random.Random(seed)
    order: list[tuple[int, Path]] = []
    expected: dict[str, int] = {}
    for g in sorted(by_group):
        positions = by_group[g]
        if len(positions) < min_docs:
            continue  # repeated_lines returns nothing for so few pages: skip reading them
        if len(positions) > repeat_sample:
            positions = sorted(rng.sample(positions, repeat_sample))
        expected[g] = len(positions)
        order.extend((pos, plan.files[pos]) for pos in positions)
    repeated: dict[str, frozenset[int]] = {}
    if not order:
        return repeated
    groups = plan.groups
    # pages come back grouped by source, so only one source's counts are alive at a time
    current, counts, seen, readable = None, Counter(), 0, 0
    tasks = ((rows, errors, max_bytes) for rows in _batches(order, batch_size))
    with _progress(len(order), "learning site furniture", progress, unit="page") as bar:
        for result in parallel_map(_scan_batch, tasks,
                                   workers=_pool_size(workers, len(order), batch_size)):
            for pos, hashes in result:
                g = groups[pos]
                if g != current:
                    current, counts, seen, readable = g, Counter(), 0, 0
                seen += 1
                if hashes is not None:
                    readable += 1
                    counts.update(hashes)
                if seen == expected[g]:
                    if readable >= min_docs:
                        need = max(min_docs, min_share * readable)
                        found = frozenset(h for h, n in counts.items() if n >= need)
                        if found:
                            repeated[g] = found
                    counts = Counter()
            bar.update(len(result))
    return repeated


def _clean_page(raw: str, rep: frozenset[int] | None):
    """``clean(raw)`` with the group's repeated-line hashes turned into this page's lines,
    and the counts :func:`textlab.clean_corpus` adds per document."""
    page_rep = (frozenset(t for t in _norm_lines(raw) if t and line_hash(t) in rep)
                if rep else frozenset())
    r = clean(raw, repeated=page_rep)
    n_nonblank = sum(d.label != "blank" for d in r.lines)
    n_body = sum(d.label == "body" for d in r.lines)
    cols = {"title": r.title, "byline": r.byline, "date": r.date,
            "date_parsed": r.date_parsed, "body": r.body, "n_lines": n_nonblank,
            "n_body_lines": n_body, "n_dropped": n_nonblank - n_body}
    return r, cols


def clean_frame(corpus: pd.DataFrame, *, repeated: dict[Any, frozenset[int]] | None = None,
                text_col: str = "raw", by: str | None = "source") -> pd.DataFrame:
    """:func:`textlab.clean_corpus` ``.docs`` for a slice of a corpus, with the repeated
    lines of each group learned beforehand over the whole corpus.

    Parameters
    ----------
    corpus
        Rows of the corpus frame (a batch, a Dask partition).
    repeated
        ``{group: hashes}`` of the lines repeated across the group's pages (:func:`line_hash`
        of whitespace-normalised lines), e.g. from :func:`textlab.daskpath.repeated_lines`.
        With the hashes of the whole corpus, the result equals ``clean_corpus(corpus).docs``.

    Returns
    -------
    pandas.DataFrame
        A new frame: ``corpus`` plus the columns of :data:`CLEAN_COLUMNS`.
    """
    repeated = repeated or {}
    texts = corpus[text_col].fillna("").astype(str)
    keys = corpus[by] if by is not None else [None] * len(texts)
    cols = [_clean_page(raw, repeated.get(k))[1] for raw, k in zip(texts, keys, strict=True)]
    docs = corpus.copy()
    extra = pd.DataFrame(cols, index=corpus.index, columns=list(CLEAN_COLUMNS))
    for c in CLEAN_COLUMNS:
        docs[c] = extra[c] if len(extra) else pd.Series(dtype=object)
    return docs


def _clean_batch(task: tuple) -> dict:
    from textlab.clean import LineDecision

    rows, repeated, errors, max_bytes, by, lines_mode = task
    docs: list[dict] = []
    line_rows: list[tuple] = []  # one frame per batch: a frame per page costs more than cleaning
    skipped: list[tuple[int, str]] = []
    dropped: Counter = Counter()
    n_lines = 0
    keep_all = lines_mode == "all"
    for pos, path, doc_id, group in rows:
        try:
            raw, replaced = read_text(path, errors=errors, max_bytes=max_bytes)
        except TextFileError as exc:
            skipped.append((pos, str(exc)))
            continue
        r, cols = _clean_page(raw, repeated.get(group))
        problem = ""
        if not raw.strip():
            problem = "empty file"
        elif replaced:
            problem = f"replaced {replaced} undecodable byte(s)"
        docs.append({"pos": pos, "doc_id": doc_id, "path": str(path), "n_chars": len(raw),
                     "replaced": replaced, "problem": problem, **cols})
        n_lines += cols["n_lines"]
        ids = (doc_id,) if by is None else (doc_id, group)
        for d in r.lines:
            is_dropped = d.label not in {"body", "blank"}
            if is_dropped:
                dropped[(d.label, d.reason)] += 1
            if keep_all or (is_dropped and lines_mode == "dropped"):
                line_rows.append(ids + tuple(d))
    columns = ["doc_id", *([by] if by is not None else []), *LineDecision._fields]
    lines = pd.DataFrame(line_rows, columns=columns) if lines_mode != "none" else None
    return {"docs": docs, "lines": lines, "skipped": skipped, "dropped": dropped,
            "n_lines": n_lines}


def clean_files(
    plan: CorpusPlan | str | Path, out: str | Path, *, errors: str = "strict",
    max_bytes: int = MAX_BYTES, min_docs: int = 3, min_share: float = 0.2,
    repeat_sample: int = REPEAT_SAMPLE, lines: str = "dropped", workers: int | None = None,
    batch_size: int = BATCH_SIZE, formats: Sequence[str] | None = None, progress: bool = True,
) -> CleanSummary:
    """Clean every page of a corpus on all cores, writing ``docs`` and ``lines`` tables.

    The ``docs`` table has the columns of :func:`textlab.clean_corpus` ``.docs`` except
    ``raw`` (the files stay where they are); row order is file order. Unreadable files are
    skipped and named in ``summary.skipped``; empty files are kept and warned about.

    Parameters
    ----------
    plan
        From :func:`plan_corpus`, or a folder (planned with the defaults).
    out
        Folder for ``docs.parquet``/``docs.csv`` and ``lines.*``.
    errors, max_bytes
        As in :func:`textlab.read_text`.
    min_docs, min_share
        As in :func:`textlab.clean_corpus` (site furniture shared by pages of one group).
    repeat_sample
        At most this many pages per group are read to learn its furniture.
    lines
        Which per-line decisions to write: ``"dropped"`` (every non-blank line not kept as
        body: the audit trail), ``"all"`` or ``"none"``.
    workers, batch_size
        Processes (``None``: all cores) and documents per task.
    formats
        ``("parquet", "csv")`` by default when pyarrow is installed, else ``("csv",)``.

    Returns
    -------
    CleanSummary
    """
    if not isinstance(plan, CorpusPlan):
        plan = plan_corpus(plan)
    if errors not in {"strict", "replace"}:
        raise ValueError(f"errors={errors!r}: expected 'strict' or 'replace'")
    if lines not in {"dropped", "all", "none"}:
        raise ValueError(f"lines={lines!r}: expected 'dropped', 'all' or 'none'")
    if isinstance(repeat_sample, bool) or not isinstance(repeat_sample, int) or repeat_sample < 1:
        raise ValueError(f"repeat_sample={repeat_sample!r}: expected a positive integer")
    _check_batch_size(batch_size)
    out = Path(out)
    summary = CleanSummary(n_files=len(plan))
    t0 = time.perf_counter()
    repeated: dict[str, frozenset[int]] = {}
    if plan.by is not None:
        repeated = _learn_repeated(plan, errors=errors, max_bytes=max_bytes, min_docs=min_docs,
                                   min_share=min_share, repeat_sample=repeat_sample,
                                   workers=workers, batch_size=batch_size, progress=progress)
    summary.repeated_per_group = {g: len(h) for g, h in repeated.items()}
    t1 = time.perf_counter()
    summary.seconds["learn furniture"] = t1 - t0

    groups = plan.groups

    def tasks():  # built batch by batch: only the batches in flight exist at any time
        for start in range(0, len(plan), batch_size):
            batch = [(pos, plan.files[pos], plan.doc_ids[pos], groups[pos] if groups else None)
                     for pos in range(start, min(start + batch_size, len(plan)))]
            rep = {g: repeated[g] for g in {r[3] for r in batch} if g in repeated}
            yield batch, rep, errors, max_bytes, plan.by, lines

    meta = plan.meta
    doc_cols = ["doc_id", *meta.columns[:1], "path", "n_chars", "replaced", "problem",
                *meta.columns[1:], *CLEAN_COLUMNS]
    empty_files: list[str] = []
    replaced_files: list[str] = []
    with TableWriter(out, "docs", formats=formats) as docs_w, \
            TableWriter(out, "lines", formats=formats) as lines_w, \
            _progress(len(plan), "cleaning", progress) as bar:
        for result in parallel_map(_clean_batch, tasks(),
                                   workers=_pool_size(workers, len(plan), batch_size)):
            summary.skipped += [msg for _, msg in result["skipped"]]
            if result["docs"]:
                df = pd.DataFrame(result["docs"])
                pos = df.pop("pos").to_numpy()
                extra = meta.iloc[pos].reset_index(drop=True)
                df = pd.concat([df, extra], axis=1)[doc_cols]
                docs_w.write(df)
                summary.n_docs += len(df)
                summary.n_empty_body += int((df["body"] == "").sum())
                summary.docs_per_group.update(df[plan.by] if plan.by else [])
                empty_files += df.loc[df["problem"] == "empty file", "path"].tolist()
                replaced_files += [f"{p}: {m}" for p, m in
                                   zip(df["path"], df["problem"], strict=True)
                                   if m.startswith("replaced")]
            if result["lines"] is not None:
                lines_w.write(result["lines"])
            summary.dropped.update(result["dropped"])
            summary.n_lines += result["n_lines"]
            bar.update(len(result["docs"]) + len(result["skipped"]))
    summary.paths = {"docs": docs_w.paths, "lines": lines_w.paths}
    if empty_files:
        summary.warnings.append(f"{len(empty_files)} empty file(s) kept with empty text: "
                                + ", ".join(empty_files[:20])
                                + (" …" if len(empty_files) > 20 else ""))
    summary.warnings += replaced_files
    if summary.skipped:
        summary.warnings.append(f"{len(summary.skipped)} file(s) skipped: "
                                + "; ".join(summary.skipped))
    summary.seconds["clean"] = time.perf_counter() - t1
    return summary


# ----------------------------------------------------------------------------------------------
# per-document features, streamed
# ----------------------------------------------------------------------------------------------


def _features_batch(task: tuple) -> pd.DataFrame:
    df, text_col, keep, fn = task
    if fn is None:
        # lexical_features prepares its word lists once per call, text_features once per text
        from textlab.features import lexical_features

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # empty bodies: counted by clean_files already
            # with doc_id as its only id column (lexical_features needs one to name empties)
            feats = lexical_features(df[["doc_id", text_col]], text_col=text_col)
        feats = feats.drop(columns="doc_id")
        feats.index = df.index
    else:
        rows = [fn(t if isinstance(t, str) else "") for t in df[text_col]]
        feats = pd.DataFrame(rows, index=df.index)
    return pd.concat([df[list(keep)], feats], axis=1).reset_index(drop=True)


@dataclass
class FeatureSummary:
    """Per-document features written to disk; their mean per group kept in memory."""

    paths: list[Path]
    n_docs: int
    by_group: pd.DataFrame  # by, n_docs, mean of every numeric feature
    seconds: float


def stream_features(
    docs: str | Path, out: str | Path, *, text_col: str = "body", by: str | None = "source",
    feature_fn: Callable[[str], dict] | None = None, name: str = "features",
    workers: int | None = None, batch_size: int = BATCH_SIZE,
    formats: Sequence[str] | None = None, progress: bool = True,
) -> FeatureSummary:
    """Compute ``feature_fn(text)`` for every document of the ``docs`` table, on all cores.

    Parameters
    ----------
    docs
        A table from :func:`clean_files` (``.parquet`` or ``.csv``).
    feature_fn
        ``text -> dict of numbers``, importable (module-level) so that workers can load it.
        Default: :func:`textlab.features.lexical_features` on each batch (the same numbers
        as ``text_features`` per text, faster).

    Returns
    -------
    FeatureSummary
        ``out/<name>.*`` has ``doc_id``, ``by`` and one column per feature.
    """
    fn = feature_fn  # None: textlab.features.lexical_features, batch by batch
    _check_batch_size(batch_size)
    keep = ["doc_id"] + ([by] if by else [])
    t0 = time.perf_counter()
    sums: pd.DataFrame | None = None
    sizes: pd.Series | None = None
    n_docs = 0
    total = _n_rows(docs)
    tasks = ((df, text_col, keep, fn) for df in
             iter_table(docs, columns=[*keep, text_col], batch_size=batch_size))
    with TableWriter(out, name, formats=formats) as w, \
            _progress(total, "features", progress) as bar:
        for feats in parallel_map(_features_batch, tasks,
                                  workers=_pool_size(workers, total, batch_size)):
            w.write(feats)
            n_docs += len(feats)
            num = feats.select_dtypes("number")
            if by:
                # NaN (a text too short for a feature) is left out of that feature's mean
                part = num.groupby(feats[by]).agg(["sum", "count"])
                sums = part if sums is None else sums.add(part, fill_value=0)
                size = feats[by].value_counts()
                sizes = size if sizes is None else sizes.add(size, fill_value=0)
            bar.update(len(feats))
    by_group = pd.DataFrame()
    if sums is not None and not sums.empty:
        names = sums.columns.get_level_values(0).unique()
        by_group = pd.DataFrame({c: sums[(c, "sum")] / sums[(c, "count")] for c in names})
        by_group.insert(0, "n_docs", sizes.reindex(by_group.index).astype(int))
        by_group = by_group.rename_axis(by).reset_index()
    return FeatureSummary(w.paths, n_docs, by_group, time.perf_counter() - t0)


def _n_rows(path: str | Path) -> int | None:
    path = _table_path(path)
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    return None


# ----------------------------------------------------------------------------------------------
# vocabulary: partial counts, summed
# ----------------------------------------------------------------------------------------------


def default_count_fn() -> Callable[..., pd.DataFrame]:
    """:func:`textlab.terms.count_terms` (imported when first needed)."""
    from textlab.terms import count_terms

    return count_terms


def _counts_batch(task: tuple) -> tuple[int, list, pd.DataFrame]:
    df, fn, by, text_col, kwargs = task
    return len(df), list(pd.unique(df[by])), fn(df, by=by, text_col=text_col, **kwargs)


def sum_counts(parts: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Add up partial ``group, term, count`` frames (e.g. of disjoint batches of a corpus).

    Groups keep the order in which they first appear; within a group terms are sorted by
    count (descending) then term, as :func:`textlab.terms.count_terms` sorts them.
    """
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame({"group": pd.Series(dtype=object), "term": pd.Series(dtype=object),
                             "count": pd.Series(dtype="int64")})
    df = pd.concat(parts, ignore_index=True)
    out = df.groupby(["group", "term"], sort=False)["count"].sum().reset_index()
    codes, _ = pd.factorize(out["group"], sort=False)
    out = (out.assign(_g=codes).sort_values(["_g", "count", "term"],
                                             ascending=[True, False, True], kind="stable")
           .drop(columns="_g").reset_index(drop=True))
    return out.astype({"count": "int64"})


def stream_counts(
    docs: str | Path, *, by: str = "source", text_col: str = "body",
    count_fn: Callable[..., pd.DataFrame] | None = None, workers: int | None = None,
    batch_size: int = 500, progress: bool = True, compact_rows: int = 2_000_000,
    **count_kwargs: Any,
) -> pd.DataFrame:
    """Term counts per group over the ``docs`` table: ``count_fn`` per batch, partials summed.

    ``count_fn(frame, by=, text_col=, **count_kwargs)`` returns ``group, term, count`` whose
    partial counts over disjoint batches add up to the whole, as
    :func:`textlab.terms.count_terms` (the default) does; ``count_kwargs`` (``ngram_range``,
    ``stop_words``) are passed on. Memory holds the summed counts (groups × vocabulary),
    compacted whenever pending partial rows exceed ``compact_rows``.

    Returns
    -------
    pandas.DataFrame
        ``group, term, count`` as :func:`sum_counts` orders them; ``attrs["by"]`` is ``by``
        and ``attrs["groups"]`` lists every group, also those whose bodies have no terms.
    """
    fn = count_fn or default_count_fn()
    _check_batch_size(batch_size)
    if count_kwargs.get("min_df", 1) != 1:
        raise ValueError("min_df: a threshold applied per batch does not add up; filter the "
                         "summed counts instead")
    keep = ["doc_id", by] if by != "doc_id" else ["doc_id"]
    tasks = ((df, fn, by, text_col, count_kwargs)
             for df in iter_table(docs, columns=[*keep, text_col], batch_size=batch_size))
    frames: list[pd.DataFrame] = []
    groups: dict[Any, None] = {}  # every group in order, also those without any term
    pending = 0
    total = _n_rows(docs)
    with _progress(total, "counting terms", progress) as bar:
        for n_docs, seen, part in parallel_map(_counts_batch, tasks,
                                               workers=_pool_size(workers, total, batch_size)):
            groups.update(dict.fromkeys(seen))
            frames.append(part)
            pending += len(part)
            if pending > compact_rows and len(frames) > 1:
                frames = [sum_counts(frames)]
                pending = len(frames[0])
            bar.update(n_docs)
    out = sum_counts(frames)
    out.attrs = {"by": by, "ngram_range": tuple(count_kwargs.get("ngram_range", (1, 1))),
                 "groups": list(groups)}
    return out


def _group_term_matrix(counts: pd.DataFrame, min_df: int = 1,
                       groups: Sequence[Any] | None = None):
    from scipy import sparse

    if groups is None:
        groups = counts.attrs.get("groups")
    if groups is None:
        g_codes, groups = pd.factorize(counts["group"], sort=False)
    else:  # groups without any term (empty bodies) still count as units for the IDF
        groups = pd.Index(list(groups))
        g_codes = groups.get_indexer(counts["group"])
        if (g_codes < 0).any():
            raise ValueError("groups: does not list every group of counts, e.g. "
                             f"{counts['group'][g_codes < 0].iloc[0]!r}")
    t_codes, terms = pd.factorize(counts["term"], sort=True)
    m = sparse.csr_matrix((counts["count"].to_numpy(dtype=np.float64), (g_codes, t_codes)),
                          shape=(len(groups), len(terms)))
    m.sum_duplicates()
    if min_df > 1:
        df = np.bincount(m.indices, minlength=m.shape[1])
        keep = np.flatnonzero(df >= min_df)
        m, terms = m[:, keep], terms[keep]
    return m, np.asarray(groups, dtype=object), np.asarray(terms, dtype=object)


def similarity_from_counts(counts: pd.DataFrame, *, sublinear_tf: bool = True,
                           groups: Sequence[Any] | None = None) -> pd.DataFrame:
    """Cosine similarity of groups' TF-IDF vectors, computed from summed term counts.

    The same numbers as :func:`textlab.similarity_matrix` with ``method="word_tfidf"`` on
    the same counts (sublinear tf, smooth idf, l2 norm; each group one unit), but the input
    is sparse counts, so any number of documents fits.

    Parameters
    ----------
    counts
        ``group, term, count`` (summed, e.g. from :func:`stream_counts`).
    groups
        Every group in order, including those without any term (they are rows of zeros);
        default ``counts.attrs["groups"]`` when present, else the groups of ``counts``.

    Returns
    -------
    pandas.DataFrame
        Square, labelled by group (order of first appearance), 1 on the diagonal.
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    by = counts.attrs.get("by") or "group"
    m, groups, _ = _group_term_matrix(counts, groups=groups)
    n = len(groups)
    if m.shape[1] == 0:
        sim = np.zeros((n, n))
    else:
        x = TfidfTransformer(sublinear_tf=sublinear_tf).fit_transform(m)
        sim = (x @ x.T).toarray()
        sim = np.clip((sim + sim.T) / 2, 0.0, 1.0)
    np.fill_diagonal(sim, 1.0)
    labels = pd.Index(groups, name=by)
    out = pd.DataFrame(sim, index=labels, columns=labels.copy())
    out.attrs["method"] = "word_tfidf"
    return out


def top_terms_from_counts(counts: pd.DataFrame, *, n: int = 15, min_df: int = 1,
                          sublinear_tf: bool = True, groups: Sequence[Any] | None = None
                          ) -> pd.DataFrame:
    """The ``n`` highest-TF-IDF terms per group, computed from summed term counts.

    Scored as :func:`textlab.top_terms` scores groups (each group one unit; sublinear tf,
    smooth idf, l2 norm; ties by term), from ``group, term, count`` rows. ``groups`` as in
    :func:`similarity_from_counts` (groups without terms still count for the IDF).

    Returns
    -------
    pandas.DataFrame
        ``group, term, score, count``.
    """
    from textlab.terms import top_tfidf_rows

    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"n={n!r}: expected a positive integer")
    m, groups, terms = _group_term_matrix(counts, min_df=min_df, groups=groups)
    out = top_tfidf_rows(m, terms, list(groups), n=n, sublinear_tf=sublinear_tf)
    out.attrs = dict(counts.attrs)
    return out


OTHER = "\x00(other groups)"
"""Label for the groups collapsed into one by :func:`keyness_by_chunks` (never reported)."""


def keyness_by_chunks(counts: pd.DataFrame, *, groups_per_chunk: int = 16,
                      top: int | None = None, **kwargs: Any) -> pd.DataFrame:
    """:func:`textlab.keyness_from_counts` (each group against the rest) a few groups at a
    time, so memory holds ``groups_per_chunk + 1`` rows of the vocabulary, not all groups.

    For each chunk the other groups are summed into one; the totals, the prior and every
    group-versus-rest statistic are unchanged, so the rows equal those of one call on all
    groups. ``top`` keeps that many rows per group (most over-used first).
    """
    from textlab.terms import keyness_from_counts

    if kwargs.get("pairwise"):
        raise ValueError("pairwise: compare pairs with keyness_from_counts on a subset")
    if isinstance(groups_per_chunk, bool) or not isinstance(groups_per_chunk, int) \
            or groups_per_chunk < 1:
        raise ValueError(f"groups_per_chunk={groups_per_chunk!r}: expected a positive integer")
    groups = list(pd.unique(counts["group"]))
    frames = []
    for start in range(0, len(groups), groups_per_chunk):
        chunk = set(groups[start:start + groups_per_chunk])
        inside = counts["group"].isin(chunk)
        rest = counts[~inside].groupby("term", sort=False)["count"].sum().reset_index()
        part = pd.concat([counts.loc[inside, ["group", "term", "count"]],
                          rest.assign(group=OTHER)[["group", "term", "count"]]],
                         ignore_index=True)
        if part["group"].nunique() < 2:
            part = counts  # a single group in all: let keyness_from_counts say so
        k = keyness_from_counts(part, **kwargs)
        k = k[k["group"] != OTHER]
        if top is not None:
            k = k.groupby("group", sort=False).head(top)
        frames.append(k)
    out = pd.concat(frames, ignore_index=True)
    out.attrs = dict(frames[0].attrs) if frames else {}
    return out


# ----------------------------------------------------------------------------------------------
# MinHash / LSH: near-duplicates and text reuse without all pairs
# ----------------------------------------------------------------------------------------------


def _shingles(text: str, k: int) -> list[bytes]:
    toks = tokenize(text)
    return [" ".join(toks[i:i + k]).encode() for i in range(len(toks) - k + 1)]


def minhash_signatures(texts: Sequence[str], *, num_perm: int = 128, shingle: int = 5,
                       seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """MinHash signatures (``datasketch``) of word ``shingle``-grams of each text.

    Returns
    -------
    (signatures, valid)
        ``uint32`` array of shape ``(len(texts), num_perm)``; ``valid`` is False for texts
        shorter than ``shingle`` words (their signature is meaningless and must be ignored).
    """
    from datasketch import MinHash

    sh = [_shingles(t or "", shingle) for t in texts]
    valid = np.array([bool(s) for s in sh], dtype=bool)
    if not sh:
        return np.zeros((0, num_perm), dtype=np.uint32), valid
    mhs = MinHash.bulk(sh, num_perm=num_perm, seed=seed)
    sig = np.vstack([m.hashvalues for m in mhs]).astype(np.uint32)
    return sig, valid


def _minhash_batch(task: tuple) -> dict:
    df, text_col, unit, num_perm, shingle, min_words, seed = task
    texts: list[str] = []
    owner: list[int] = []
    para: list[int] = []
    for i, body in enumerate(df[text_col]):
        body = body if isinstance(body, str) else ""
        if unit == "doc":
            texts.append(body)
            owner.append(i)
            para.append(0)
        else:
            from textlab.text import paragraphs

            for j, p in enumerate(paragraphs(body)):
                if len(p.split()) >= min_words:
                    texts.append(p)
                    owner.append(i)
                    para.append(j)
    sig, valid = minhash_signatures(texts, num_perm=num_perm, shingle=shingle, seed=seed)
    if unit == "doc":
        valid &= np.array([len(t.split()) >= min_words for t in texts], dtype=bool)
    return {"sig": sig[valid], "owner": np.asarray(owner, dtype=np.int64)[valid],
            "para": np.asarray(para, dtype=np.int32)[valid], "n_docs": len(df)}


@dataclass
class MinHashIndex:
    """Signatures on disk (memory-mapped) and, per row, its document position and paragraph."""

    signatures: np.ndarray  # memmap, (n_units, num_perm) uint32
    doc: np.ndarray  # position of the unit's document in the docs table
    para: np.ndarray  # paragraph number within the body (0 for whole documents)
    path: Path


def stream_minhash(
    docs: str | Path, out: str | Path, *, text_col: str = "body", unit: str = "doc",
    num_perm: int = 128, shingle: int = 5, min_words: int = 20, seed: int = 1,
    workers: int | None = None, batch_size: int = BATCH_SIZE, progress: bool = True,
) -> MinHashIndex:
    """MinHash every document (``unit="doc"``) or paragraph (``"paragraph"``) of ``docs``.

    Units shorter than ``min_words`` words are left out. Signatures are appended to
    ``out/minhash_<unit>.u32`` (``num_perm × 4`` bytes per unit) and memory-mapped.
    """
    if unit not in {"doc", "paragraph"}:
        raise ValueError(f"unit={unit!r}: expected 'doc' or 'paragraph'")
    _check_batch_size(batch_size)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"minhash_{unit}.u32"
    owners, paras = [], []
    offset = 0
    tasks = ((df, text_col, unit, num_perm, shingle, min_words, seed)
             for df in iter_table(docs, columns=[text_col], batch_size=batch_size))
    total = _n_rows(docs)
    with open(path, "wb") as fh, _progress(total, f"minhash ({unit})", progress) as bar:
        for res in parallel_map(_minhash_batch, tasks,
                                workers=_pool_size(workers, total, batch_size)):
            fh.write(np.ascontiguousarray(res["sig"]).tobytes())
            owners.append(res["owner"] + offset)
            paras.append(res["para"])
            offset += res["n_docs"]
            bar.update(res["n_docs"])
    doc = np.concatenate(owners) if owners else np.zeros(0, dtype=np.int64)
    para = np.concatenate(paras) if paras else np.zeros(0, dtype=np.int32)
    sig = (np.memmap(path, dtype=np.uint32, mode="r", shape=(len(doc), num_perm))
           if len(doc) else np.zeros((0, num_perm), dtype=np.uint32))
    return MinHashIndex(sig, doc, para, path)


def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) minimising false positives + negatives at ``threshold``
    (datasketch's choice, equal weights)."""
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"threshold={threshold!r}: expected a number strictly between 0 and 1")
    try:
        from datasketch.lsh import _optimal_param
    except ImportError:  # private in datasketch: fall back to the same integral, coarsely
        _optimal_param = None
    if _optimal_param is not None:
        b, r = _optimal_param(threshold, num_perm, 0.5, 0.5)
        return int(b), int(r)
    xs = np.linspace(0, 1, 201)
    best, best_err = (1, num_perm), float("inf")
    for b in range(1, num_perm + 1):
        r = num_perm // b
        p = 1 - (1 - xs ** r) ** b
        err = np.trapezoid(np.where(xs < threshold, p, 1 - p), xs)
        if err < best_err:
            best, best_err = (b, r), err
    return best


_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                 0x27D4EB2F165667C5, 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53,
                 0x94D049BB133111EB, 0xBF58476D1CE4E5B9], dtype=np.uint64)


def _band_keys(sig: np.ndarray, lo: int, hi: int) -> np.ndarray:
    h = np.zeros(sig.shape[0], dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(lo, hi):
            h = (h ^ sig[:, j].astype(np.uint64)) * _MIX[j % len(_MIX)]
            h ^= h >> np.uint64(29)
    return h


def lsh_candidates(signatures: np.ndarray, *, threshold: float = 0.8,
                   max_bucket: int = 100, owners: np.ndarray | None = None) -> np.ndarray:
    """Candidate pairs ``(i, j)``, ``i < j``: rows sharing at least one LSH band.

    One band is hashed and sorted at a time (memory: a few arrays of ``n_rows`` integers).
    A bucket with more than ``max_bucket`` members (a page reprinted hundreds of times) is
    linked as a star from its first member instead of all its pairs. Pairs of rows with the
    same ``owners`` value (paragraphs of one document) are left out.
    """
    n, num_perm = signatures.shape
    b, r = lsh_params(threshold, num_perm)
    found: list[np.ndarray] = []
    for band in range(b):
        keys = _band_keys(signatures, band * r, (band + 1) * r)
        order = np.argsort(keys, kind="stable")
        ks = keys[order]
        if n < 2:
            break
        cuts = np.flatnonzero(ks[1:] != ks[:-1]) + 1
        starts = np.concatenate(([0], cuts))
        ends = np.concatenate((cuts, [n]))
        multi = ends - starts > 1
        for s, e in zip(starts[multi], ends[multi], strict=True):
            members = np.sort(order[s:e])
            if len(members) <= max_bucket:
                i, j = np.triu_indices(len(members), k=1)
                a, c = members[i], members[j]
            else:
                a = np.full(len(members) - 1, members[0])
                c = members[1:]
            found.append(a.astype(np.int64) * n + c)
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(found))
    pairs = np.stack([codes // n, codes % n], axis=1)
    if owners is not None:
        pairs = pairs[owners[pairs[:, 0]] != owners[pairs[:, 1]]]
    return pairs


def near_duplicates(signatures: np.ndarray, *, threshold: float = 0.8, max_bucket: int = 100,
                    owners: np.ndarray | None = None, chunk: int = 200_000) -> pd.DataFrame:
    """Pairs of rows whose estimated Jaccard similarity is at least ``threshold``.

    LSH (:func:`lsh_candidates`) proposes pairs; each is kept when the share of equal
    signature values (the MinHash estimate of shingle Jaccard) reaches ``threshold``.

    Returns
    -------
    pandas.DataFrame
        ``i, j, jaccard`` (row positions, ``i < j``), sorted.

    Examples
    --------
    >>> a = "the minister said on tuesday that the car was a gift from the president"
    >>> sig, _ = minhash_signatures([a, a + " today", "something else entirely was said here"])
    >>> near_duplicates(sig, threshold=0.7)[["i", "j"]].values.tolist()
    [[0, 1]]
    """
    pairs = lsh_candidates(signatures, threshold=threshold, max_bucket=max_bucket,
                           owners=owners)
    keep, jac = [], []
    for s in range(0, len(pairs), chunk):
        p = pairs[s:s + chunk]
        est = (np.asarray(signatures[p[:, 0]]) == np.asarray(signatures[p[:, 1]])).mean(axis=1)
        ok = est >= threshold
        keep.append(p[ok])
        jac.append(est[ok])
    if not keep:
        return pd.DataFrame({"i": np.zeros(0, dtype=np.int64), "j": np.zeros(0, dtype=np.int64),
                             "jaccard": np.zeros(0)})
    p = np.concatenate(keep)
    return pd.DataFrame({"i": p[:, 0], "j": p[:, 1], "jaccard": np.concatenate(jac).round(4)})
