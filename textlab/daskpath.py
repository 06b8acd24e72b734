"""The same analysis on a Dask DataFrame: many cores, many machines, data larger than memory.

Per-document steps (cleaning, features) run with ``map_partitions`` over the very functions
the pandas path uses; corpus-wide steps combine partial results: lines repeated across a
source's pages are counted per partition and summed before cleaning, and term counts per
partition are summed before top terms, keyness and similarity. The results equal the
pandas path's (:func:`textlab.clean_corpus`, :func:`textlab.lexical_features`,
:func:`textlab.count_terms`, :func:`textlab.keyness`, …) on the same data.

Dask is optional (``pip install 'textlab[scale]'``); importing :mod:`textlab` never imports
it, and this module imports it only when a function is called.

On one machine::

    from dask.distributed import Client, LocalCluster
    from textlab import daskpath as tdp

    client = Client(LocalCluster(n_workers=4, threads_per_worker=1))  # processes: the GIL
    corpus = tdp.read_files("pages/", files_per_partition=2000)
    docs = tdp.clean_corpus(corpus).persist()
    feats = tdp.lexical_features(docs)                 # lazy Dask DataFrame
    counts = tdp.count_terms(docs, by="source")        # pandas (group, term, count)
    key = tdp.keyness(docs, by="source")

On a cluster, connect to its scheduler instead (``Client("tcp://scheduler:8786")``; with
dask-jobqueue or dask-kubernetes, ``Client(cluster)``). The workers must import the same
``textlab`` version (install it in their image or environment) and reach the data: put the
pages on shared storage (NFS, a mounted bucket) for :func:`read_files`, or load a corpus
table straight from object storage, e.g.
``dd.read_parquet("s3://bucket/corpus/*.parquet", columns=["doc_id", "source", "raw"])``
(needs ``s3fs``), and pass that Dask DataFrame to :func:`clean_corpus`. Write results with
``docs.to_parquet("s3://bucket/clean/")`` rather than computing them to the client.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from textlab import scale

__all__ = [
    "from_pandas",
    "read_files",
    "repeated_lines",
    "clean_corpus",
    "lexical_features",
    "count_terms",
    "top_terms",
    "keyness",
    "similarity_matrix",
]


def _dd():
    try:
        import dask.dataframe as dd
    except ImportError as exc:  # an optional extra
        raise ImportError("textlab.daskpath needs dask: pip install 'dask[dataframe,distributed]'"
                          " (or textlab[scale])") from exc
    return dd


def from_pandas(corpus: pd.DataFrame, *, npartitions: int = 2):
    """A corpus frame as a Dask DataFrame (rows stay in order; the index is reset)."""
    return _dd().from_pandas(corpus.reset_index(drop=True), npartitions=npartitions,
                             sort=True)


def _read_partition(task: tuple) -> pd.DataFrame:
    from textlab.corpus import read_text

    rows, meta_cols, errors = task
    out = []
    for path, doc_id, meta in rows:
        raw, replaced = read_text(path, errors=errors)
        problem = ""
        if not raw.strip():
            problem = "empty file"
        elif replaced:
            problem = f"replaced {replaced} undecodable byte(s)"
        out.append({"doc_id": doc_id, "source": meta[0], "path": str(path), "raw": raw,
                    "n_chars": len(raw), "replaced": replaced, "problem": problem,
                    **dict(zip(meta_cols[1:], meta[1:], strict=True))})
    cols = ["doc_id", "source", "path", "raw", "n_chars", "replaced", "problem",
            *meta_cols[1:]]
    return pd.DataFrame(out, columns=cols)


def read_files(path: str | Path, *, pattern: str = "*.txt", recursive: bool = False,
               sources: str | Path | pd.DataFrame | None = "auto", errors: str = "strict",
               files_per_partition: int = 1000):
    """A folder of pages as a Dask DataFrame with the columns of :func:`textlab.load_corpus`.

    Files are listed (and ``sources.csv`` joined) on the client; each partition reads its
    ``files_per_partition`` files on a worker, so the folder must be reachable from every
    worker at the same path. An unreadable file fails its partition with a
    :class:`textlab.TextFileError` naming it (use :mod:`textlab.scale` to skip and report).
    Metadata columns named like a column the cleaner adds (``date``, ``title`` …) get a
    ``meta_`` prefix, so that :func:`clean_corpus` does not overwrite them.
    """
    dd = _dd()
    if isinstance(files_per_partition, bool) or not isinstance(files_per_partition, int) \
            or files_per_partition < 1:
        raise ValueError(f"files_per_partition={files_per_partition!r}: expected a positive "
                         "integer")
    plan = scale.plan_corpus(path, pattern=pattern, recursive=recursive, sources=sources,
                             by="source")
    meta_cols = list(plan.meta.columns)
    rows = list(zip(plan.files, plan.doc_ids, plan.meta.itertuples(index=False, name=None),
                    strict=True))
    tasks = [(rows[i:i + files_per_partition], meta_cols, errors)
             for i in range(0, len(rows), files_per_partition)]
    meta = _read_partition(([], meta_cols, errors))
    return dd.from_map(_read_partition, tasks, meta=meta, enforce_metadata=False)


def _line_counts(df: pd.DataFrame, by: str, text_col: str) -> pd.DataFrame:
    """Per partition: in how many pages of each group every distinct line occurs."""
    rows: dict[tuple[Any, int], int] = {}
    for key, raw in zip(df[by], df[text_col].fillna("").astype(str), strict=True):
        for h in {scale.line_hash(t) for t in scale._norm_lines(raw) if t}:
            rows[(key, h)] = rows.get((key, h), 0) + 1
    return pd.DataFrame({by: pd.Series([k for k, _ in rows], dtype=object),
                         "line": pd.Series([h for _, h in rows], dtype="int64"),
                         "n": pd.Series(list(rows.values()), dtype="int64")})


def repeated_lines(ddf, *, by: str = "source", text_col: str = "raw", min_docs: int = 3,
                   min_share: float = 0.2) -> dict[Any, frozenset[int]]:
    """Per group, the hashes of lines found on ``max(min_docs, min_share × pages)`` of its
    pages (:func:`textlab.repeated_lines` per group, from partial counts summed on the
    cluster). Computes; the result is small (site furniture only)."""
    meta = pd.DataFrame({by: pd.Series(dtype=object), "line": pd.Series(dtype="int64"),
                         "n": pd.Series(dtype="int64")})
    parts = ddf.map_partitions(_line_counts, by, text_col, meta=meta)
    # split_out=1: a tree reduction without a shuffle; the (small) result goes to the client
    counts = parts.groupby([by, "line"])["n"].sum(split_out=1)
    sizes = ddf[by].value_counts(split_out=1)
    import dask

    counts, sizes = dask.compute(counts, sizes)
    if counts.empty:
        return {}
    counts = counts.reset_index()
    n_pages = counts[by].map(sizes).astype(float)
    need = np.maximum(min_docs, min_share * n_pages)
    keep = counts[(n_pages >= min_docs) & (counts["n"] >= need)]
    return {k: frozenset(int(h) for h in g) for k, g in keep.groupby(by, sort=False)["line"]}


def clean_corpus(ddf, *, text_col: str = "raw", by: str | None = "source", min_docs: int = 3,
                 min_share: float = 0.2):
    """:func:`textlab.clean_corpus` on a Dask DataFrame: the ``docs`` frame, lazily.

    The lines repeated across each group's pages are learned first over all partitions
    (this computes), then every partition is cleaned with them, so the result equals
    ``textlab.clean_corpus(corpus).docs``. Per-line decisions are not produced here (they
    are ten times the rows); use :mod:`textlab.scale` for the audit table.
    """
    for col in ("doc_id", text_col):
        if col not in ddf.columns:
            raise ValueError(f"corpus: missing column {col!r}; columns are {list(ddf.columns)}")
    if by is not None and by not in ddf.columns:
        raise ValueError(f"by={by!r}: not a column of corpus; use None to turn it off")
    repeated = (repeated_lines(ddf, by=by, text_col=text_col, min_docs=min_docs,
                               min_share=min_share) if by is not None else {})
    meta = scale.clean_frame(ddf._meta, text_col=text_col, by=by)
    return ddf.map_partitions(scale.clean_frame, repeated=repeated, text_col=text_col, by=by,
                              meta=meta)


def lexical_features(ddf, *, text_col: str = "body", **kwargs: Any):
    """:func:`textlab.lexical_features` per partition (one row per document), lazily."""
    from textlab.features import lexical_features as _lexical

    sample = ddf._meta.head(0).copy()
    meta = _lexical(sample, text_col=text_col, **kwargs)
    return ddf.map_partitions(_lexical, text_col=text_col, meta=meta, **kwargs)


def count_terms(ddf, *, by: str = "source", text_col: str = "body",
                ngram_range: tuple[int, int] = (1, 1), stop_words: Any = True) -> pd.DataFrame:
    """:func:`textlab.count_terms` on a Dask DataFrame: counted per partition, summed on the
    cluster, returned as the same pandas frame (groups in order of first appearance)."""
    import dask

    from textlab.terms import count_terms as _count

    meta = pd.DataFrame({"group": pd.Series(dtype=object), "term": pd.Series(dtype=object),
                         "count": pd.Series(dtype="int64")})
    parts = ddf.map_partitions(_count, by=by, text_col=text_col, ngram_range=ngram_range,
                               stop_words=stop_words, meta=meta)
    summed = parts.groupby(["group", "term"])["count"].sum(split_out=1)
    firsts = ddf[by].map_partitions(lambda s: s.drop_duplicates(), meta=ddf._meta[by])
    summed, firsts = dask.compute(summed, firsts)
    order = pd.unique(pd.Series(firsts, dtype=object))
    out = summed.reset_index()
    out["group"] = out["group"].astype(object)
    out["term"] = out["term"].astype(object)
    rank = {g: i for i, g in enumerate(order)}
    out = (out[out["count"] > 0].assign(_g=out["group"].map(rank))
           .sort_values(["_g", "count", "term"], ascending=[True, False, True], kind="stable")
           .drop(columns="_g").reset_index(drop=True).astype({"count": "int64"}))
    # "groups" also lists groups without any term, which still count as TF-IDF units
    out.attrs = {"by": by, "ngram_range": tuple(ngram_range), "groups": list(order)}
    return out


def top_terms(ddf, *, by: str = "source", text_col: str = "body", n: int = 15,
              ngram_range: tuple[int, int] = (1, 1)) -> pd.DataFrame:
    """:func:`textlab.top_terms` from summed counts (equal for unigrams; for longer n-grams
    the pandas path also counts n-grams spanning two documents of a group, this one not)."""
    return scale.top_terms_from_counts(count_terms(ddf, by=by, text_col=text_col,
                                                   ngram_range=ngram_range), n=n)


def keyness(ddf, *, by: str = "source", text_col: str = "body", method: str = "log_odds",
            ngram_range: tuple[int, int] = (1, 1), **kwargs: Any) -> pd.DataFrame:
    """:func:`textlab.keyness` from counts summed over partitions (``kwargs`` go to
    :func:`textlab.keyness_from_counts`)."""
    from textlab.terms import keyness_from_counts

    counts = count_terms(ddf, by=by, text_col=text_col, ngram_range=ngram_range)
    return keyness_from_counts(counts, method=method, **kwargs)


def similarity_matrix(ddf, *, by: str = "source", text_col: str = "body") -> pd.DataFrame:
    """:func:`textlab.similarity_matrix` (``method="word_tfidf"``) from summed counts."""
    return scale.similarity_from_counts(count_terms(ddf, by=by, text_col=text_col))
