"""textlab.scale: the names of earlier releases still work for one release, and warn."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from textlab import clean_corpus, count_terms, load_corpus, scale, top_terms
from textlab.synthetic import write_synthetic_corpus


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return write_synthetic_corpus(tmp_path_factory.mktemp("pages"), 20, n_sources=3, seed=3)


COUNTS = pd.DataFrame({"group": ["A", "A", "B"], "term": ["car", "gift", "car"],
                       "count": [3, 2, 4]})


@pytest.mark.parametrize("name, call", [
    ("CorpusPlan", lambda f: scale.CorpusPlan),
    ("TableWriter", lambda f: scale.TableWriter),
    ("PeakMemory", lambda f: scale.PeakMemory),
    ("plan_corpus", lambda f: scale.plan_corpus(f)),
    ("line_hash", lambda f: scale.line_hash("Share this article")),
    ("sum_counts", lambda f: scale.sum_counts([COUNTS])),
    ("keyness_by_chunks", lambda f: scale.keyness_by_chunks(COUNTS, min_count=1)),
    ("top_terms_from_counts", lambda f: scale.top_terms_from_counts(COUNTS)),
    ("similarity_from_counts", lambda f: scale.similarity_from_counts(COUNTS)),
    ("lsh_params", lambda f: scale.lsh_params(0.5, 64)),
    ("resolve_workers", lambda f: scale.resolve_workers(1)),
    ("parallel_map", lambda f: list(scale.parallel_map(abs, [-1, 2], workers=1))),
    ("default_count_fn", lambda f: scale.default_count_fn()),
])
def test_every_old_name_warns_and_points_to_the_new_one(folder, name, call):
    with pytest.warns(DeprecationWarning, match=f"textlab.scale.{name} is deprecated"):
        call(folder)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        scale.nonsense  # noqa: B018


def test_deprecated_streaming_calls_give_the_engine_results(folder, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = clean_corpus(load_corpus(folder)).docs
        summary = scale.clean_files(scale.plan_corpus(folder), tmp_path, workers=1,
                                    progress=False)
        docs = scale.read_table(summary.paths["docs"][0])
        counts = scale.stream_counts(summary.paths["docs"][0], workers=1, progress=False)
        top = scale.top_terms_from_counts(counts, n=5)
    assert docs["body"].fillna("").tolist() == reference["body"].tolist()
    pd.testing.assert_frame_equal(counts, count_terms(reference))
    pd.testing.assert_frame_equal(top, top_terms(reference, n=5, ngram_range=(1, 1)),
                                  check_like=True)
