"""Deprecated: the streaming names of earlier releases, kept working for one release.

Each step now exists once and runs anywhere through :mod:`textlab.engine` (in this process,
on local worker processes, or on a Dask cluster); reading is :mod:`textlab.corpus`, reuse is
:mod:`textlab.reuse`, counts and TF-IDF are :mod:`textlab.terms` and :mod:`textlab.similarity`.
Every name below warns (``DeprecationWarning``) and calls the new implementation:

==========================  ===================================================================
old                         new
==========================  ===================================================================
``plan_corpus``             :func:`textlab.corpus.plan_corpus`
``clean_files``             :func:`textlab.engine.learn_furniture` + :func:`textlab.engine.run_batches`
``clean_frame``             :func:`textlab.clean.clean_frame`
``stream_features``         :func:`textlab.lexical_features`, batch by batch on a :class:`~textlab.engine.Runner`
``stream_counts``           :func:`textlab.count_terms` batch by batch, :func:`textlab.sum_counts`
``stream_minhash``          :func:`textlab.reuse.minhash_signatures` batch by batch
``near_duplicates`` …       :mod:`textlab.reuse` (``lsh_params``, ``minhash_signatures``)
``similarity_from_counts``  :func:`textlab.similarity_from_counts`
``top_terms_from_counts``   :func:`textlab.top_terms_from_counts`
``sum_counts``              :func:`textlab.sum_counts`
``keyness_by_chunks``       :func:`textlab.keyness_from_counts` (``top=``)
``TableWriter`` …           :mod:`textlab.engine` (``iter_table``, ``read_table``)
``PeakMemory``              ``textlab.benchmarks._memory.PeakMemory`` (a benchmark helper)
``parallel_map``            :meth:`textlab.engine.Runner.map`
``resolve_workers``         :func:`textlab.engine.resolve_workers`
``line_hash``               ``textlab._furniture.line_hashes``
==========================  ===================================================================
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = [  # noqa: F822 (CorpusPlan, TableWriter, PeakMemory come from __getattr__)
    "CorpusPlan", "CleanSummary", "FeatureSummary", "TableWriter", "PeakMemory",
    "plan_corpus", "clean_files", "clean_frame", "stream_features", "stream_counts",
    "stream_minhash", "near_duplicates", "lsh_params", "minhash_signatures",
    "similarity_from_counts", "sum_counts", "keyness_by_chunks", "top_terms_from_counts",
    "iter_table", "read_table", "parallel_map", "line_hash", "default_count_fn",
    "resolve_workers",
]


def _deprecated(old: str, new: str) -> None:
    warnings.warn(f"textlab.scale.{old} is deprecated and will be removed in the next "
                  f"release; use {new}", DeprecationWarning, stacklevel=3)


def _moved(old: str, new: str, target: Callable) -> Callable:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _deprecated(old, new)
        return target(*args, **kwargs)

    wrapper.__name__ = old
    wrapper.__doc__ = f"Deprecated: use {new}."
    return wrapper


def _lazy(module: str, name: str) -> Callable:
    def target(*args: Any, **kwargs: Any) -> Any:
        import importlib

        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    return target


similarity_from_counts = _moved("similarity_from_counts", "textlab.similarity_from_counts",
                                _lazy("textlab.similarity", "similarity_from_counts"))
top_terms_from_counts = _moved("top_terms_from_counts", "textlab.top_terms_from_counts",
                               _lazy("textlab.terms", "top_terms_from_counts"))
sum_counts = _moved("sum_counts", "textlab.sum_counts", _lazy("textlab.terms", "sum_counts"))
near_duplicates = _moved("near_duplicates", "textlab.reuse.near_duplicates",
                         _lazy("textlab.reuse", "near_duplicates"))
lsh_params = _moved("lsh_params", "textlab.reuse.lsh_params", _lazy("textlab.reuse",
                                                                     "lsh_params"))
minhash_signatures = _moved("minhash_signatures", "textlab.reuse.minhash_signatures",
                            _lazy("textlab.reuse", "minhash_signatures"))
iter_table = _moved("iter_table", "textlab.engine.iter_table", _lazy("textlab.engine",
                                                                     "iter_table"))
read_table = _moved("read_table", "textlab.engine.read_table", _lazy("textlab.engine",
                                                                     "read_table"))
resolve_workers = _moved("resolve_workers", "textlab.engine.resolve_workers",
                         _lazy("textlab.engine", "resolve_workers"))


def keyness_by_chunks(counts: pd.DataFrame, *, groups_per_chunk: int = 16,
                      top: int | None = None, **kwargs: Any) -> pd.DataFrame:
    """Deprecated: use :func:`textlab.keyness_from_counts` with ``top=``."""
    from textlab.terms import keyness_from_counts

    _deprecated("keyness_by_chunks", "textlab.keyness_from_counts(counts, top=...)")
    return keyness_from_counts(counts, top=top, **kwargs)


def default_count_fn() -> Callable[..., pd.DataFrame]:
    """Deprecated: use :func:`textlab.count_terms`."""
    from textlab.terms import count_terms

    _deprecated("default_count_fn", "textlab.count_terms")
    return count_terms


def line_hash(text: str) -> int:
    """Deprecated: a stable hash of a whitespace-normalised line."""
    from textlab._furniture import line_hashes

    _deprecated("line_hash", "textlab._furniture.line_hashes")
    return int(line_hashes([text])[0])


def parallel_map(fn: Callable[[Any], Any], tasks: Iterable[Any], *, workers: int | None = None,
                 window: int | None = None) -> Iterator[Any]:
    """Deprecated: use :meth:`textlab.engine.Runner.map`."""
    from textlab.engine import Runner

    _deprecated("parallel_map", "textlab.engine.Runner(workers=...).map")
    return Runner(workers=workers, progress=False).map(fn, tasks)


def plan_corpus(path: Any, *, pattern: str = "*.txt", recursive: bool = False,
                sources: Any = "auto", by: str | None = "source") -> Any:
    """Deprecated: use :func:`textlab.corpus.plan_corpus`."""
    from textlab.corpus import plan_corpus as _plan

    _deprecated("plan_corpus", "textlab.corpus.plan_corpus")
    plan = _plan(path, pattern=None if pattern == "*.txt" else pattern, recursive=recursive,
                 sources=sources)
    if by is not None and plan.kind == "pages" and by not in plan.meta.columns:
        raise ValueError(f"by={by!r}: not a metadata column; columns are "
                         f"{[c for c in plan.meta.columns if c != 'path']} (or None)")
    return plan


def clean_frame(corpus: pd.DataFrame, *, repeated: dict | None = None, text_col: str = "raw",
                by: str | None = "source") -> pd.DataFrame:
    """Deprecated: use :func:`textlab.clean.clean_frame` (``furniture=`` from
    :func:`textlab.engine.learn_furniture`)."""
    from textlab.clean import clean_frame as _clean_frame

    _deprecated("clean_frame", "textlab.clean.clean_frame")
    furniture = {g: np.unique(np.asarray(sorted(h), dtype=np.uint64)) for g, h in
                 (repeated or {}).items()}
    return _clean_frame(corpus, furniture=furniture, by=by, text_col=text_col, lines="none")[0]


@dataclass
class CleanSummary:
    """Deprecated: what :func:`clean_files` did."""

    n_files: int
    n_docs: int = 0
    n_empty_body: int = 0
    n_lines: int = 0
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dropped: Counter = field(default_factory=Counter)
    docs_per_group: Counter = field(default_factory=Counter)
    repeated_per_group: dict[str, int] = field(default_factory=dict)
    paths: dict[str, list[Path]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _deprecated("CleanSummary", "textlab.engine.RunReport")

    @property
    def n_dropped(self) -> int:
        return sum(self.dropped.values())


def clean_files(plan: Any, out: str | Path, *, errors: str = "strict", lines: str = "dropped",
                workers: int | None = None, formats: Sequence[str] | None = None,
                progress: bool = True, **_: Any) -> CleanSummary:
    """Deprecated: :func:`textlab.engine.learn_furniture` then
    :func:`textlab.engine.run_batches`, writing ``docs`` and ``lines`` tables."""
    from textlab.corpus import CorpusPlan as _Plan
    from textlab.corpus import plan_corpus as _plan
    from textlab.engine import (
        Runner,
        RunReport,
        StepOptions,
        TableWriter,
        learn_furniture,
        run_batches,
    )

    _deprecated("clean_files", "textlab.engine.learn_furniture and run_batches")
    if not isinstance(plan, _Plan):
        plan = _plan(plan, errors=errors)
    runner = Runner(workers=workers, progress=progress)
    furniture = learn_furniture(plan, by="source", runner=runner)
    report = RunReport()
    summary = CleanSummary(n_files=plan.n_documents or 0,
                           repeated_per_group={g: len(h) for g, h in furniture.items()})
    opts = StepOptions(lines=lines, keep_raw=False, on_error="skip")
    with TableWriter(out, "docs", formats=formats) as dw, \
            TableWriter(out, "lines", formats=formats) as lw:
        for r in run_batches(plan, furniture=furniture, options=opts, runner=runner):
            report.add(r, by="source")
            dw.write(r.docs)
            if r.lines is not None:
                lw.write(r.lines)
            summary.n_empty_body += int((r.docs["body"] == "").sum())
            summary.docs_per_group.update(r.docs["source"])
    summary.n_docs, summary.n_lines = report.n_docs, report.n_lines
    summary.skipped, summary.dropped = report.skipped, report.dropped
    summary.warnings = report.warnings
    summary.paths = {"docs": dw.paths, "lines": lw.paths}
    return summary


@dataclass
class FeatureSummary:
    """Deprecated: per-document features written to disk; their mean per group."""

    paths: list[Path]
    n_docs: int
    by_group: pd.DataFrame
    seconds: float

    def __post_init__(self) -> None:
        _deprecated("FeatureSummary", "textlab.engine.run_batches(steps={'features'})")


def _features_batch(task: tuple) -> pd.DataFrame:
    from textlab.features import lexical_features

    df, text_col, keep = task
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        feats = lexical_features(df[["doc_id", text_col]], text_col=text_col)
    return pd.concat([df[keep].reset_index(drop=True),
                      feats.drop(columns="doc_id").reset_index(drop=True)], axis=1)


def stream_features(docs: str | Path, out: str | Path, *, text_col: str = "body",
                    by: str | None = "source", name: str = "features",
                    workers: int | None = None, batch_size: int = 200,
                    formats: Sequence[str] | None = None, progress: bool = True,
                    **_: Any) -> FeatureSummary:
    """Deprecated: :func:`textlab.lexical_features` batch by batch (the engine computes them
    in the same pass as cleaning)."""
    import time

    from textlab.engine import Runner, TableWriter
    from textlab.engine import iter_table as _iter

    _deprecated("stream_features", "textlab.engine.run_batches(steps={'features'})")
    t0 = time.perf_counter()
    keep = ["doc_id"] + ([by] if by else [])
    tasks = ((df, text_col, keep) for df in _iter(docs, columns=[*keep, text_col],
                                                  batch_size=batch_size))
    frames = []
    with TableWriter(out, name, formats=formats) as w:
        for feats in Runner(workers=workers, progress=progress).map(_features_batch, tasks):
            w.write(feats)
            frames.append(feats)
    allf = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    by_group = pd.DataFrame()
    if by and len(allf):
        num = allf.select_dtypes("number")
        by_group = num.groupby(allf[by]).mean()
        by_group.insert(0, "n_docs", allf[by].value_counts().reindex(by_group.index))
        by_group = by_group.rename_axis(by).reset_index()
    return FeatureSummary(w.paths, len(allf), by_group, time.perf_counter() - t0)


def _counts_batch(task: tuple) -> pd.DataFrame:
    from textlab.terms import count_terms

    df, by, text_col, kwargs = task
    return count_terms(df, by=by, text_col=text_col, **kwargs)


def stream_counts(docs: str | Path, *, by: str = "source", text_col: str = "body",
                  workers: int | None = None, batch_size: int = 500, progress: bool = True,
                  **count_kwargs: Any) -> pd.DataFrame:
    """Deprecated: :func:`textlab.count_terms` batch by batch, summed with
    :func:`textlab.sum_counts`."""
    from textlab.engine import Runner
    from textlab.engine import iter_table as _iter
    from textlab.terms import sum_counts as _sum

    _deprecated("stream_counts", "textlab.engine.run_batches(steps={'counts'})")
    keep = ["doc_id", by] if by != "doc_id" else ["doc_id"]
    tasks = ((df, by, text_col, count_kwargs)
             for df in _iter(docs, columns=[*keep, text_col], batch_size=batch_size))
    return _sum(list(Runner(workers=workers, progress=progress).map(_counts_batch, tasks)))


@dataclass
class MinHashIndex:
    """Deprecated: signatures and, per row, its document position and paragraph."""

    signatures: np.ndarray
    doc: np.ndarray
    para: np.ndarray
    path: Path | None = None


def stream_minhash(docs: str | Path, out: str | Path | None = None, *, text_col: str = "body",
                   unit: str = "doc", num_perm: int = 128, shingle: int = 5,
                   min_words: int = 20, **_: Any) -> MinHashIndex:
    """Deprecated: :func:`textlab.reuse.minhash_signatures` of every document."""
    from textlab.engine import iter_table as _iter
    from textlab.reuse import minhash_signatures as _sig

    _deprecated("stream_minhash", "textlab.engine.run_batches(steps={'minhash'})")
    if unit != "doc":
        raise ValueError("unit='paragraph' is gone: shared passages (textlab.reuse) find "
                         "reused text at every corpus size")
    sigs, owners, offset = [], [], 0
    for df in _iter(docs, columns=[text_col]):
        texts = [t if isinstance(t, str) else "" for t in df[text_col]]
        sig, valid = _sig(texts, num_perm=num_perm, shingle=shingle)
        valid &= np.array([len(t.split()) >= min_words for t in texts], dtype=bool)
        sigs.append(sig[valid])
        owners.append(np.flatnonzero(valid) + offset)
        offset += len(df)
    sig = np.concatenate(sigs) if sigs else np.zeros((0, num_perm), dtype=np.uint32)
    doc = np.concatenate(owners) if owners else np.zeros(0, dtype=np.int64)
    return MinHashIndex(sig, doc, np.zeros(len(doc), dtype=np.int32))


def __getattr__(name: str) -> Any:
    moved = {"CorpusPlan": ("textlab.corpus", "CorpusPlan"),
             "TableWriter": ("textlab.engine", "TableWriter"),
             "PeakMemory": ("textlab.benchmarks._memory", "PeakMemory")}
    if name in moved:
        import importlib

        module, attr = moved[name]
        _deprecated(name, f"{module}.{attr}")
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'textlab.scale' has no attribute {name!r}")
