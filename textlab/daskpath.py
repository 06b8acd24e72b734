"""The same steps on a Dask DataFrame: for corpora that already live in one (e.g. Parquet in
object storage) and for data larger than memory.

Nothing here is a second implementation: partitions go through the very functions the engine
runs on every batch (:func:`textlab.corpus.read_batch`, :func:`textlab.clean.clean_frame`,
:func:`textlab.lexical_features`, :func:`textlab.count_terms`), furniture is learned by the
engine's rule (:mod:`textlab._furniture`), and top terms, keyness and similarity are computed
from the summed counts by :mod:`textlab.terms` and :mod:`textlab.similarity`. The results equal
:func:`textlab.clean_corpus`, :func:`textlab.lexical_features`, :func:`textlab.count_terms`,
… on the same data. For a folder of pages or table files, the simpler route is the engine
with a client: ``textlab.engine.Runner(client=client)`` (what ``textlab compare`` uses).

Dask is optional (``pip install 'textlab[scale]'``); importing :mod:`textlab` never imports
it, and this module imports it only when a function is called::

    from dask.distributed import Client, LocalCluster
    from textlab import daskpath as tdp

    client = Client(LocalCluster(n_workers=4, threads_per_worker=1))  # processes: the GIL
    corpus = tdp.read_files("pages/", files_per_partition=2000)
    docs = tdp.clean_corpus(corpus).persist()
    feats = tdp.lexical_features(docs)                 # lazy Dask DataFrame
    counts = tdp.count_terms(docs, by="source")        # pandas (group, term, count)
    key = tdp.keyness(docs, by="source")

On a cluster, connect to its scheduler instead (``Client("tcp://scheduler:8786")``). The
workers must import the same ``textlab`` version and reach the data: put the pages on shared
storage for :func:`read_files`, or load a corpus table straight from object storage, e.g.
``dd.read_parquet("s3://bucket/corpus/*.parquet", columns=["doc_id", "source", "raw"])``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

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


def _read(batch) -> pd.DataFrame:
    from textlab.corpus import read_batch

    return read_batch(batch, on_error="raise")[0]


def read_files(path: str | Path, *, files_per_partition: int = 1000, **reader: Any):
    """A corpus (anything :func:`textlab.load_corpus` reads; ``reader`` options as there) as
    a Dask DataFrame with the same columns; each partition is read on a worker, so the files
    must be reachable from every worker at the same path. An unreadable file fails its
    partition with a :class:`textlab.TextFileError` naming it."""
    from textlab.corpus import plan_corpus, read_batch

    dd = _dd()
    if isinstance(files_per_partition, bool) or not isinstance(files_per_partition, int) \
            or files_per_partition < 1:
        raise ValueError(f"files_per_partition={files_per_partition!r}: expected a positive "
                         "integer")
    plan = plan_corpus(path, **reader)
    batches = list(plan.batches(files_per_partition))
    meta = read_batch(batches[0], on_error="skip")[0].head(0)
    return dd.from_map(_read, batches, meta=meta, enforce_metadata=False)


def _facts(df: pd.DataFrame, by: str, text_col: str) -> list:
    from textlab._furniture import page_facts

    return [(g, d, page_facts(t if isinstance(t, str) else ""))
            for g, d, t in zip(df[by], df["doc_id"], df[text_col], strict=True)]


def repeated_lines(ddf, *, by: str = "source", text_col: str = "raw", min_docs: int = 3,
                   min_share: float = 0.2) -> dict[Any, np.ndarray]:
    """Per group, the furniture line hashes (:func:`textlab.engine.learn_furniture`'s rule:
    versions of one document count once), from page facts computed on the workers."""
    import dask

    from textlab.engine import furniture_from_facts

    parts = [dask.delayed(_facts)(p, by, text_col) for p in ddf.to_delayed()]
    found = [item for part in dask.compute(*parts) for item in part]
    return furniture_from_facts(found, min_docs=min_docs, min_share=min_share)


def _clean_docs(df: pd.DataFrame, furniture: dict, by: str | None, text_col: str) -> pd.DataFrame:
    from textlab.clean import clean_frame

    return clean_frame(df, furniture=furniture, by=by, text_col=text_col, lines="none")[0]


def clean_corpus(ddf, *, text_col: str = "raw", by: str | None = "source", min_docs: int = 3,
                 min_share: float = 0.2):
    """:func:`textlab.clean_corpus` on a Dask DataFrame: the ``docs`` frame, lazily.

    Each group's furniture is learned first over all partitions (this computes), then every
    partition is cleaned with it, so the result equals ``textlab.clean_corpus(corpus).docs``.
    """
    for col in ("doc_id", text_col):
        if col not in ddf.columns:
            raise ValueError(f"corpus: missing column {col!r}; columns are {list(ddf.columns)}")
    if by is not None and by not in ddf.columns:
        raise ValueError(f"by={by!r}: not a column of corpus; use None to turn it off")
    furniture = (repeated_lines(ddf, by=by, text_col=text_col, min_docs=min_docs,
                                min_share=min_share) if by is not None else {})
    meta = _clean_docs(ddf._meta, {}, by, text_col)
    return ddf.map_partitions(_clean_docs, furniture, by, text_col, meta=meta)


def lexical_features(ddf, *, text_col: str = "body", **kwargs: Any):
    """:func:`textlab.lexical_features` per partition (one row per document), lazily."""
    from textlab.features import lexical_features as _lexical

    meta = _lexical(ddf._meta.head(0).copy(), text_col=text_col, **kwargs)
    return ddf.map_partitions(_lexical, text_col=text_col, meta=meta, **kwargs)


def count_terms(ddf, *, by: str = "source", text_col: str = "body",
                ngram_range: tuple[int, int] = (1, 1), stop_words: Any = True) -> pd.DataFrame:
    """:func:`textlab.count_terms` per partition, summed (:func:`textlab.sum_counts`):
    the same pandas frame as on the whole corpus."""
    import dask

    from textlab.terms import count_terms as _count
    from textlab.terms import sum_counts

    parts = [dask.delayed(_count)(p, by=by, text_col=text_col, ngram_range=ngram_range,
                                  stop_words=stop_words) for p in ddf.to_delayed()]
    return sum_counts(list(dask.compute(*parts)))


def _groups(ddf, by: str) -> list:
    import dask

    firsts = dask.compute(*[dask.delayed(lambda p: list(pd.unique(p[by])))(p)
                            for p in ddf.to_delayed()])
    return list(dict.fromkeys(g for part in firsts for g in part))


def top_terms(ddf, *, by: str = "source", text_col: str = "body", n: int = 15,
              ngram_range: tuple[int, int] = (1, 1)) -> pd.DataFrame:
    """:func:`textlab.top_terms` from summed counts (groups without terms count as units)."""
    from textlab.terms import top_terms_from_counts

    counts = count_terms(ddf, by=by, text_col=text_col, ngram_range=ngram_range)
    return top_terms_from_counts(counts, n=n, groups=_groups(ddf, by))


def keyness(ddf, *, by: str = "source", text_col: str = "body", method: str = "log_odds",
            ngram_range: tuple[int, int] = (1, 1), **kwargs: Any) -> pd.DataFrame:
    """:func:`textlab.keyness` from counts summed over partitions (``kwargs`` go to
    :func:`textlab.keyness_from_counts`)."""
    from textlab.terms import keyness_from_counts

    counts = count_terms(ddf, by=by, text_col=text_col, ngram_range=ngram_range)
    return keyness_from_counts(counts, method=method, **kwargs)


def similarity_matrix(ddf, *, by: str = "source", text_col: str = "body") -> pd.DataFrame:
    """:func:`textlab.similarity_matrix` (``method="word_tfidf"``) from summed counts."""
    from textlab.similarity import similarity_from_counts

    return similarity_from_counts(count_terms(ddf, by=by, text_col=text_col),
                                  groups=_groups(ddf, by), by=by)
