"""Batches of documents through the steps: in this process, on local workers, or on Dask.

Every step is written once, as a function of one batch of the corpus (a DataFrame of a few
hundred documents), and every entry point runs the same functions; only where the batches run
differs. :class:`Runner` says where:

* ``Runner()`` (``workers=1``): in this process, one batch after the other (notebooks, tests);
* ``Runner(workers=None)``: on every core, in worker processes (joblib's reusable ``loky``
  pool: started once per process, not once per step);
* ``Runner(client=dask.distributed.Client(...))``: on a Dask cluster; the workers must import
  the same textlab and, for folders of pages, reach the files at the same paths.

A corpus is read through :mod:`textlab.corpus` (a plan: files or tables, nothing read yet), in
two passes when sources have furniture to learn:

1. :func:`learn_furniture`: each source's repeated lines, versions of one document counting
   once (:mod:`textlab._furniture`);
2. :func:`run_batches`: read → clean with the source's furniture → any of lexical features,
   term counts, MinHash signatures and passage hashes, in one task per batch, so each page is
   read and cleaned once whatever steps follow.

Results come back in corpus order, so every runner gives the same tables (tests hold the
in-process, worker-process and Dask results equal).
"""

from __future__ import annotations

import heapq
import os
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from textlab.corpus import CorpusPlan, ReadBatch, document_name, read_batch

__all__ = [
    "BATCH_SIZE",
    "STEPS",
    "Runner",
    "StepOptions",
    "BatchResult",
    "RunReport",
    "learn_furniture",
    "run_batches",
    "process_batch",
    "clean_plan",
    "TableWriter",
    "iter_table",
    "read_table",
]

BATCH_SIZE = 200
"""Documents per task: large enough to amortise sending a task, small enough that the
batches in flight (two per worker) stay a few MB."""

STEPS = ("clean", "features", "counts", "minhash", "passages")
"""What :func:`process_batch` can compute for a batch (``clean`` always runs)."""


# ----------------------------------------------------------------------------------------------
# where batches run
# ----------------------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class Runner:
    """Where batches run: this process (``workers=1``), local worker processes
    (``workers=None`` for every core, or a number), or a Dask cluster (``client``).

    ``progress``: a progress bar on stderr (``None``: only when stderr is a terminal).
    """

    workers: int | None = 1
    client: Any = None
    progress: bool | None = None

    @property
    def n_workers(self) -> int:
        if self.client is not None:
            return max(1, sum(self.client.nthreads().values()))
        return resolve_workers(self.workers)

    def bar(self, total: int | None, desc: str, unit: str = "doc"):
        """A tqdm bar (off unless ``progress`` says so or stderr is a terminal)."""
        from tqdm import tqdm

        enabled = self.progress if self.progress is not None else sys.stderr.isatty()
        return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, disable=not enabled,
                    dynamic_ncols=True, mininterval=0.5)

    def map(self, fn: Callable[[Any], Any], tasks: Iterable[Any], *, small: bool = False
            ) -> Iterator[Any]:
        """``fn(task)`` for each task, results in task order. ``tasks`` is consumed lazily
        (at most two tasks per worker ahead of the result being yielded), so memory holds a
        few batches, never the corpus. ``small``: the caller knows there is at most one task
        (no pool is worth starting)."""
        if self.client is not None:
            submit = partial(self.client.submit, pure=False)
            yield from _windowed(submit, fn, tasks, window=2 * self.n_workers)
            return
        n = resolve_workers(self.workers)
        if n == 1 or small:
            for task in tasks:
                yield fn(task)
            return
        # loky (joblib's process pool) keeps one pool per process and reuses it across calls
        from joblib.externals.loky import get_reusable_executor

        executor = get_reusable_executor(max_workers=n, initializer=warm_worker)
        yield from _windowed(executor.submit, fn, tasks, window=2 * n)


def warm_worker() -> None:
    """Load what the steps need once, when a worker starts (the line model, the pronouncing
    dictionary and word lists, the language model): loky measures a worker's memory after its
    first task and restarts it when it has grown by 300 MB since, which lazily filled caches
    would look like."""
    from textlab.clean import clean
    from textlab.features import text_features
    from textlab.lang import detect_language

    sample = "The minister said on Tuesday that the car was a gift from the president."
    clean(f"Home\n\n{sample}")
    text_features(sample)
    detect_language(sample)


def _windowed(submit: Callable, fn: Callable, tasks: Iterable[Any], *, window: int
              ) -> Iterator[Any]:
    """Results of ``submit(fn, task)`` in task order, at most ``window`` tasks submitted ahead
    of the result being yielded: a slow consumer holds the workers back instead of letting
    results pile up in memory."""
    from collections import deque

    pending: deque = deque()
    try:
        for task in tasks:
            pending.append(submit(fn, task))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:  # a consumer that stopped early: drop what is not started
            future.cancel()


def raw_column(plan: CorpusPlan, text_col: str = "raw") -> str:
    """The column holding the page text in a plan's batches: the reader's ``raw``, or the
    given column of a corpus frame already read."""
    return (plan.text_col or text_col) if plan.kind == "corpus" else "raw"


# ----------------------------------------------------------------------------------------------
# pass 1: each source's furniture
# ----------------------------------------------------------------------------------------------


def _sample_key(doc_id: object) -> int:
    """A stable pseudo-random rank of a document, so that the pages sampled from a large
    source are the same whatever reads them, in whatever order."""
    from textlab.reuse import _string_hashes

    return int(_string_hashes([str(doc_id)])[0])


def _scan_batch(task: tuple) -> list[tuple[object, object, Any]]:
    """``(group, doc_id, PageFacts)`` of each readable page of a batch."""
    from textlab._furniture import page_facts

    batch, by, text_col = task
    corpus, _ = read_batch(batch, on_error="skip", languages=False)
    return [(g, d, page_facts(t if isinstance(t, str) else ""))
            for g, d, t in zip(corpus[by], corpus["doc_id"], corpus[text_col], strict=True)]


def learn_furniture(plan: CorpusPlan, *, by: str = "source", runner: Runner | None = None,
                    text_col: str = "raw", min_docs: int | None = None,
                    min_share: float | None = None, sample: int | None = None,
                    batch_size: int = BATCH_SIZE) -> dict[object, np.ndarray]:
    """Each source's furniture (sorted line hashes; sources without any are left out).

    Of a source with more than ``sample`` pages, the ``sample`` pages of lowest
    :func:`_sample_key` are read (the same pages for every runner and reading order). Sources
    with fewer than ``min_docs`` pages are not read at all when the plan knows the sources
    of its files (folders of pages).
    """
    from textlab import _furniture as F

    runner = runner or Runner()
    min_docs = F.MIN_DOCS if min_docs is None else min_docs
    sample = F.SAMPLE if sample is None else sample
    if plan.kind == "pages":
        if by not in plan.meta.columns:
            raise ValueError(f"by={by!r}: not a column of the corpus; columns are "
                             f"{list(plan.meta.columns)}")
        meta = plan.meta
        sizes = meta[by].value_counts()
        wanted = meta[meta[by].map(sizes) >= min_docs]
        keys = wanted["doc_id"].map(_sample_key)
        ranked = wanted.assign(_k=keys.to_numpy()).sort_values([by, "_k"], kind="stable")
        chosen = ranked.groupby(by, sort=False).head(sample).sort_index().drop(columns="_k")
        batches: Iterable[ReadBatch] = (
            ReadBatch("pages", chosen.iloc[s:s + batch_size], plan.options)
            for s in range(0, len(chosen), batch_size))
        total = len(chosen)
    else:
        batches = plan.batches(batch_size)
        total = plan.n_documents
    tasks = ((b, by, raw_column(plan, text_col)) for b in batches)

    def scans() -> Iterator[tuple[object, object, Any]]:
        with runner.bar(total, "learning site furniture", "page") as bar:
            for found in runner.map(_scan_batch, tasks,
                                    small=bool(total and total <= batch_size)):
                bar.update(len(found))
                yield from found

    return furniture_from_facts(scans(), min_docs=min_docs, min_share=min_share, sample=sample)


def furniture_from_facts(scans: Iterable[tuple[object, object, Any]], *,
                         min_docs: int | None = None, min_share: float | None = None,
                         sample: int | None = None) -> dict[object, np.ndarray]:
    """Each group's furniture from ``(group, doc_id, PageFacts)`` of its pages, in any order:
    of a group with more than ``sample`` pages, the ``sample`` of lowest :func:`_sample_key`
    are used (so every reader of the corpus, in any order, learns the same furniture)."""
    from textlab import _furniture as F

    min_docs = F.MIN_DOCS if min_docs is None else min_docs
    min_share = F.MIN_SHARE if min_share is None else min_share
    sample = F.SAMPLE if sample is None else sample
    kept: dict[object, list] = {}  # per group, a heap of (-key, doc_id, facts)
    for group, doc_id, facts in scans:
        heap = kept.setdefault(group, [])
        item = (-_sample_key(doc_id), str(doc_id), facts)
        if len(heap) < sample:
            heapq.heappush(heap, item)
        elif item[0] > heap[0][0]:
            heapq.heapreplace(heap, item)
    out = {}
    for group, heap in kept.items():
        facts = [f for _, _, f in sorted(heap, key=lambda x: x[1])]  # by doc id: stable order
        hashes = F.furniture_hashes(facts, min_docs=min_docs, min_share=min_share)
        if len(hashes):
            out[group] = hashes
    return out


# ----------------------------------------------------------------------------------------------
# pass 2: read, clean and the per-document steps, one task per batch
# ----------------------------------------------------------------------------------------------


class StepOptions(NamedTuple):
    """What a batch task computes (small and picklable: sent with every batch)."""

    by: str | None = "source"
    steps: frozenset[str] = frozenset({"clean"})
    text_col: str = "raw"
    lines: str = "all"  # per-line decisions returned: "all", "dropped" or "none"
    keep_raw: bool = True
    on_error: str = "raise"
    count_by: str | None = None  # grouping of term counts (default: by)
    count_kwargs: tuple = ()  # extra keyword arguments of count_terms, as items
    feature_kwargs: tuple = ()  # extra keyword arguments of lexical_features, as items
    num_perm: int = 128
    shingle: int = 5
    min_words: int = 8  # passages: shortest shared passage


@dataclass
class BatchResult:
    """What one batch gave: cleaned documents and what the other steps computed."""

    docs: pd.DataFrame
    lines: pd.DataFrame | None = None
    features: pd.DataFrame | None = None
    counts: pd.DataFrame | None = None
    signatures: np.ndarray | None = None  # (n_docs, num_perm) uint32
    valid: np.ndarray | None = None  # signature usable (enough words)
    passage_hashes: list[np.ndarray] | None = None
    skipped: list[str] = field(default_factory=list)
    dropped: Counter = field(default_factory=Counter)  # (label, reason) -> lines
    n_lines: int = 0


def process_batch(task: tuple) -> BatchResult:
    """Read, clean and the other requested steps for one batch: ``(batch, furniture, opts)``.

    The same function in this process, in a worker process and on a Dask worker."""
    from textlab.clean import clean_frame

    batch, furniture, opts = task
    corpus, skipped = read_batch(batch, on_error=opts.on_error)
    docs, lines = clean_frame(corpus, furniture=furniture, by=opts.by, text_col=opts.text_col,
                              lines="all")
    # counted over every line, whatever is returned
    audit = lines[lines["label"] != "blank"]
    dropped = Counter(zip(audit["label"][audit["label"] != "body"],
                          audit["reason"][audit["label"] != "body"], strict=True))
    result = BatchResult(docs, skipped=skipped, dropped=dropped, n_lines=len(audit))
    if opts.lines == "dropped":
        result.lines = audit[audit["label"] != "body"].reset_index(drop=True)
    elif opts.lines == "all":
        result.lines = lines
    body_col = "page_body" if "page_body" in docs.columns else "body"
    bodies = docs[body_col].tolist()
    if "features" in opts.steps:
        from textlab.features import lexical_features

        cols = ["doc_id", body_col] + (["lang"] if "lang" in docs.columns else [])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # empty bodies: reported by the cleaning step
            feats = lexical_features(docs[cols], text_col=body_col, progress=False,
                                     **dict(opts.feature_kwargs))
        result.features = feats.reset_index(drop=True)
    if "counts" in opts.steps:
        from textlab.terms import count_terms

        result.counts = count_terms(docs, by=opts.count_by or opts.by or "doc_id",
                                    text_col=body_col, **dict(opts.count_kwargs))
    if {"minhash", "passages"} & opts.steps:  # one tokenisation for both
        from textlab.reuse import minhash_signatures, passage_hashes
        from textlab.text import tokenize

        tokens = [tokenize(b) for b in bodies]
        if "minhash" in opts.steps:
            result.signatures, result.valid = minhash_signatures(
                bodies, num_perm=opts.num_perm, shingle=opts.shingle, tokens=tokens)
        if "passages" in opts.steps:
            result.passage_hashes = [passage_hashes(t, opts.min_words) for t in tokens]
    if not opts.keep_raw:
        result.docs = docs.drop(columns=[opts.text_col])
    return result


def run_batches(plan: CorpusPlan, *, furniture: Mapping[object, np.ndarray] | None = None,
                options: StepOptions | None = None, runner: Runner | None = None,
                batch_size: int = BATCH_SIZE, desc: str = "cleaning") -> Iterator[BatchResult]:
    """:func:`process_batch` over every batch of ``plan``, results in corpus order."""
    runner = runner or Runner()
    options = options or StepOptions()
    furniture = dict(furniture or {})
    by = options.by

    def tasks():
        for batch in plan.batches(batch_size):
            if batch.kind == "pages" and by is not None and by in batch.rows.columns:
                groups = set(batch.rows[by])
                subset = {g: h for g, h in furniture.items() if g in groups}
            else:
                subset = furniture
            yield batch, subset, options

    total = plan.n_documents
    with runner.bar(total, desc) as bar:
        for result in runner.map(process_batch, tasks(),
                                 small=bool(total is not None and total <= batch_size)):
            bar.update(len(result.docs) + len(result.skipped))
            yield result


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


def table_path(path: str | Path) -> Path:
    """The table file at ``path``, or beside it with a ``.parquet`` (first) or ``.csv`` suffix."""
    path = Path(path)
    if path.exists():
        return path
    for suffix in (".parquet", ".csv"):
        if path.with_suffix(suffix).exists():
            return path.with_suffix(suffix)
    raise FileNotFoundError(f"{path}: no such table (.parquet or .csv)")


def iter_table(path: str | Path, *, columns: Sequence[str] | None = None,
               batch_size: int = 10_000) -> Iterator[pd.DataFrame]:
    """Read a table written by :class:`TableWriter` in batches of ``batch_size`` rows."""
    path = table_path(path)
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
    path = table_path(path)
    if path.suffix == ".parquet":
        return pd.read_parquet(path, columns=list(columns) if columns else None)
    return pd.read_csv(path, usecols=list(columns) if columns else None, keep_default_na=False)


def table_rows(path: str | Path) -> int | None:
    """Rows of a table written by :class:`TableWriter` (None for CSV: it would be read)."""
    path = table_path(path)
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    return None


# ----------------------------------------------------------------------------------------------
# drivers
# ----------------------------------------------------------------------------------------------


@dataclass
class RunReport:
    """What a run noticed, for summaries: counts and one-line warnings naming documents."""

    n_files: int | None = None
    n_docs: int = 0
    n_lines: int = 0
    skipped: list[str] = field(default_factory=list)
    dropped: Counter = field(default_factory=Counter)
    lost: list[str] = field(default_factory=list)  # "<doc>: <why>" of pages that lost the article
    unsure: list[str] = field(default_factory=list)  # pages without a clear article
    problems: list[str] = field(default_factory=list)  # reader problems, one line per kind
    notes: list[str] = field(default_factory=list)  # reader rules applied
    furniture: dict[object, int] = field(default_factory=dict)  # lines learned per source
    languages: Counter = field(default_factory=Counter)  # documents per language

    def add(self, result: BatchResult, *, by: str | None) -> None:
        docs = result.docs
        self.n_docs += len(docs)
        self.n_lines += result.n_lines
        self.skipped += result.skipped
        self.dropped.update(result.dropped)
        if "lang" in docs.columns:
            self.languages.update(docs["lang"].fillna("und"))
        warn_col = "page_warning" if "page_warning" in docs.columns else "warning"
        if warn_col in docs.columns:
            from textlab.clean import warning_kind

            bad = docs[docs[warn_col].astype(bool)]
            paths = bad["path"] if "path" in bad.columns else [None] * len(bad)
            for p, d, w in zip(paths, bad["doc_id"], bad[warn_col], strict=True):
                name = document_name(p, d)
                if warning_kind(w) == "unsure":
                    self.unsure.append(str(name))
                else:
                    self.lost.append(f"{name}: {w}")

    @property
    def n_dropped(self) -> int:
        return sum(self.dropped.values())

    @property
    def warnings(self) -> list[str]:
        """One line per kind of problem: reader problems, skipped files, lost articles, pages
        without a clear article."""
        out = list(self.problems)
        if self.skipped and not any("skipped" in p for p in self.problems):
            out.append(f"{len(self.skipped)} file(s) skipped: " + "; ".join(self.skipped[:3])
                       + (" …" if len(self.skipped) > 3 else ""))
        if self.lost:
            out.append(f"{len(self.lost)} page(s) lost their article: "
                       + "; ".join(self.lost[:5]) + (" …" if len(self.lost) > 5 else ""))
        if self.unsure:
            out.append(f"{len(self.unsure)} page(s) without a clear article (their best-scoring "
                       "lines kept; check them): " + ", ".join(self.unsure[:5])
                       + (" …" if len(self.unsure) > 5 else ""))
        return out


def clean_plan(plan: CorpusPlan, *, by: str | None = "source", runner: Runner | None = None,
               text_col: str = "raw", min_docs: int | None = None,
               min_share: float | None = None, lines: str = "all", on_error: str = "raise",
               batch_size: int = BATCH_SIZE) -> tuple[pd.DataFrame, pd.DataFrame, RunReport]:
    """Clean a whole corpus into memory: ``(docs, lines, report)``; what
    :func:`textlab.clean_corpus` returns, for any plan and runner."""
    from textlab.clean import LineDecision
    from textlab.corpus import summarize_problems

    runner = runner or Runner()
    text_col = raw_column(plan, text_col)
    furniture = learn_furniture(plan, by=by, runner=runner, text_col=text_col,
                                min_docs=min_docs, min_share=min_share,
                                batch_size=batch_size) if by is not None else {}
    opts = StepOptions(by=by, text_col=text_col, lines=lines, on_error=on_error)
    report = RunReport(n_files=plan.n_documents, notes=list(plan.notes),
                       furniture={g: len(h) for g, h in furniture.items()})
    docs, line_frames = [], []
    for result in run_batches(plan, furniture=furniture, options=opts, runner=runner,
                              batch_size=batch_size):
        report.add(result, by=by)
        docs.append(result.docs)
        if result.lines is not None:
            line_frames.append(result.lines)
    docs_frame = pd.concat(docs, ignore_index=True) if docs else pd.DataFrame()
    line_cols = ["doc_id", *([by] if by is not None else []), *LineDecision._fields]
    lines_frame = (pd.concat(line_frames, ignore_index=True) if line_frames
                   else pd.DataFrame(columns=line_cols))
    if plan.kind != "corpus":  # a corpus frame's reading problems were reported when read
        report.problems = summarize_problems(docs_frame, report.skipped)
    clashes = [c for c in ("title", "byline", "date", "body") if f"page_{c}" in docs_frame]
    if clashes:
        report.notes.append("metadata column(s) " + ", ".join(clashes) + " kept; the cleaner's "
                            "reading of the page is in " + ", ".join(f"page_{c}" for c in clashes))
        report.problems.append(report.notes[-1])
    return docs_frame, lines_frame, report
