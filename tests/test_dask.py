"""textlab.daskpath on a local multi-process Dask cluster equals the pandas path."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")

from textlab import clean_corpus, load_corpus  # noqa: E402
from textlab import daskpath as tdp  # noqa: E402
from textlab.paths import SEEDS_DIR  # noqa: E402
from textlab.synthetic import synthetic_pages, write_synthetic_corpus  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def corpus():
    """The seeds plus a few synthetic pages (three sources with shared furniture)."""
    seeds = load_corpus(SEEDS_DIR)[["doc_id", "source", "raw"]]
    pages = list(synthetic_pages(12, n_sources=3, seed=7, reprint_share=0.3))
    synthetic = pd.DataFrame({"doc_id": [p.file[:-4] for p in pages],
                              "source": [p.source for p in pages],
                              "raw": [p.text for p in pages]})
    return pd.concat([seeds, synthetic], ignore_index=True)


@pytest.fixture(scope="module")
def docs(corpus):
    return clean_corpus(corpus).docs


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Object columns with None for missing values: Dask may return Arrow strings and NA."""
    df = df.reset_index(drop=True)
    return df.astype(object).where(df.notna(), None)


def test_clean_corpus_on_dask_equals_pandas(client, corpus, docs):
    ddf = tdp.from_pandas(corpus, npartitions=3)
    assert ddf.npartitions == 3
    got = tdp.clean_corpus(ddf).compute()
    pd.testing.assert_frame_equal(_plain(got), _plain(docs), check_dtype=False)
    # the furniture was learned across partitions: each synthetic footer is dropped
    assert not got["body"].str.contains("All rights reserved").any()


def test_repeated_lines_on_dask_equal_the_engine(client, corpus):
    import numpy as np

    from textlab.corpus import corpus_plan
    from textlab.engine import learn_furniture

    got = tdp.repeated_lines(tdp.from_pandas(corpus, npartitions=4))
    expected = learn_furniture(corpus_plan(corpus))
    assert got.keys() == expected.keys() and expected
    assert all(np.array_equal(got[g], expected[g]) for g in got)


def test_the_engine_on_a_dask_cluster_equals_the_local_run(client, corpus, docs):
    from textlab.engine import Runner

    got = clean_corpus(corpus, client=client)
    pd.testing.assert_frame_equal(got.docs, docs)
    local = clean_corpus(corpus, workers=2)
    pd.testing.assert_frame_equal(local.docs, docs)
    pd.testing.assert_frame_equal(got.lines, local.lines)
    assert Runner(client=client).n_workers == 2


def test_compare_on_a_dask_cluster_equals_the_local_run(client, tmp_path):
    from textlab.compare import compare_corpus

    src = write_synthetic_corpus(tmp_path / "pages", 24, n_sources=3, seed=12, reprint_share=0.3)
    local = compare_corpus(src, tmp_path / "local", workers=1, figures=False, quiet=True,
                           progress=False)
    remote = compare_corpus(src, tmp_path / "dask", client=client, figures=False, quiet=True,
                            progress=False)
    assert local.n_docs == remote.n_docs == 24
    for name in ["docs", "features", "term_counts", "top_terms", "keyness", "similarity",
                 "near_duplicates", "shared_passages"]:
        a = pd.read_parquet(local.tables[name][0])
        b = pd.read_parquet(remote.tables[name][0])
        pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12, obj=name)


def test_features_counts_keyness_on_dask_equal_pandas(client, docs):
    from textlab.features import lexical_features
    from textlab.similarity import similarity_matrix
    from textlab.terms import count_terms, keyness, top_terms

    ddf = tdp.from_pandas(docs, npartitions=3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = lexical_features(docs)
    got = tdp.lexical_features(ddf).compute()
    pd.testing.assert_frame_equal(_plain(got), _plain(expected), check_dtype=False)
    pd.testing.assert_frame_equal(tdp.count_terms(ddf), count_terms(docs), check_dtype=False)
    pd.testing.assert_frame_equal(tdp.count_terms(ddf, ngram_range=(1, 2)),
                                  count_terms(docs, ngram_range=(1, 2)), check_dtype=False)
    for method in ("log_odds", "g2"):
        pd.testing.assert_frame_equal(tdp.keyness(ddf, method=method),
                                      keyness(docs, method=method), check_dtype=False)
    pd.testing.assert_frame_equal(tdp.top_terms(ddf, n=5),
                                  top_terms(docs, n=5, ngram_range=(1, 1)), check_dtype=False)
    pd.testing.assert_frame_equal(tdp.similarity_matrix(ddf), similarity_matrix(docs))


def test_read_files_equals_load_corpus(client, tmp_path):
    folder = write_synthetic_corpus(tmp_path / "pages", 9, n_sources=3, seed=8)
    got = tdp.read_files(folder, files_per_partition=4)
    assert got.npartitions == 3
    expected = load_corpus(folder)  # the one reader, on the workers and here
    pd.testing.assert_frame_equal(_plain(got.compute()), _plain(expected), check_dtype=False)
