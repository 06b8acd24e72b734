"""textlab.scale and textlab.synthetic: the streaming path equals the in-memory one."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from textlab import clean_corpus, load_corpus, scale
from textlab.synthetic import synthetic_pages, write_synthetic_corpus


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """60 synthetic pages from 4 outlets plus an empty, a Latin-1 and a binary file."""
    return write_synthetic_corpus(tmp_path_factory.mktemp("pages"), 60, n_sources=4,
                                  reprint_share=0.3, seed=3, bad_files=True)


@pytest.fixture(scope="module")
def reference(folder):
    """The in-memory path on the same folder."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(folder, on_error="skip")
    return clean_corpus(corpus)


@pytest.fixture(scope="module")
def streamed(folder, tmp_path_factory):
    """The streaming path, on two worker processes, in batches of 16 pages."""
    out = tmp_path_factory.mktemp("out")
    summary = scale.clean_files(scale.plan_corpus(folder), out, workers=2, batch_size=16,
                                lines="all", progress=False)
    return summary, out


# ----------------------------------------------------------------------------------------------
# synthetic corpora
# ----------------------------------------------------------------------------------------------


def test_synthetic_pages_are_deterministic_and_varied():
    a = [p.text for p in synthetic_pages(30, seed=5)]
    b = [p.text for p in synthetic_pages(30, seed=5)]
    c = [p.text for p in synthetic_pages(30, seed=6)]
    assert a == b
    assert a != c
    assert len(set(a)) == 30


def test_synthetic_pages_have_sources_furniture_and_reprints():
    pages = list(synthetic_pages(200, n_sources=5, reprint_share=0.2, seed=1))
    assert {p.source for p in pages} == {f"Outlet {i:03d}" for i in range(5)}
    assert 20 <= sum(bool(p.reprint_of) for p in pages) <= 60
    footer = "© 2024 Outlet 002. All rights reserved."
    assert all(footer in p.text for p in pages if p.source == "Outlet 002")


@pytest.mark.parametrize("kwargs, match", [
    ({"n_docs": -1}, "n_docs"),
    ({"n_docs": 3, "n_sources": 0}, "n_sources"),
    ({"n_docs": 3, "reprint_share": 2.0}, "reprint_share"),
])
def test_synthetic_pages_reject_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        list(synthetic_pages(**kwargs))


def test_write_synthetic_corpus_writes_metadata(folder):
    meta = pd.read_csv(folder / "sources.csv")
    assert list(meta.columns) == ["file", "source", "date", "url", "reprint_of"]
    assert len(meta) == 60
    assert (folder / "zz_binary.txt").exists()


# ----------------------------------------------------------------------------------------------
# plumbing
# ----------------------------------------------------------------------------------------------


def test_line_hash_is_stable_across_processes():
    # a fixed value: the hash must not depend on PYTHONHASHSEED or the process
    assert scale.line_hash("Share this article") == scale.line_hash("Share this article")
    assert scale.line_hash("a") != scale.line_hash("b")
    assert -2**63 <= scale.line_hash("x") < 2**63


def test_parallel_map_keeps_order_and_does_not_drain_its_input():
    consumed = []

    def tasks():
        for i in range(40):
            consumed.append(i)
            yield i

    it = scale.parallel_map(abs, tasks(), workers=2, window=4)
    assert next(it) == 0
    assert len(consumed) <= 5  # the window, not the whole input
    assert list(it) == list(range(1, 40))


@pytest.mark.parametrize("workers", [0, -1, 1.5, True])
def test_resolve_workers_rejects_bad_values(workers):
    with pytest.raises(ValueError, match="workers"):
        scale.resolve_workers(workers)


def test_table_writer_round_trips_batches(tmp_path):
    first = pd.DataFrame({"doc_id": ["a", "b"], "date_parsed": [None, None], "n": [1, 2]})
    second = pd.DataFrame({"doc_id": ["c"], "date_parsed": ["2024-02-20"], "n": [3]})
    with scale.TableWriter(tmp_path, "t", formats=("parquet", "csv")) as w:
        w.write(first)
        w.write(second.iloc[:0])
        w.write(second)
    assert [p.name for p in w.paths] == ["t.parquet", "t.csv"]
    for path in w.paths:
        got = scale.read_table(path)
        assert got["doc_id"].tolist() == ["a", "b", "c"]
        assert got["n"].tolist() == [1, 2, 3]
    batches = list(scale.iter_table(tmp_path / "t.parquet", columns=["doc_id"], batch_size=2))
    assert [len(b) for b in batches] == [2, 1]


def test_table_writer_writes_empty_tables(tmp_path):
    with scale.TableWriter(tmp_path, "empty", formats=("csv",)) as w:
        w.write(pd.DataFrame(columns=["a", "b"]))
    assert (tmp_path / "empty.csv").read_text().strip() == "a,b"


def test_peak_memory_sees_an_allocation():
    with scale.PeakMemory(interval=0.01) as mem:
        block = np.ones(20_000_000, dtype=np.uint8)
        block[::4096] = 2
    assert mem.peak > 20_000_000


# ----------------------------------------------------------------------------------------------
# planning and cleaning
# ----------------------------------------------------------------------------------------------


def test_plan_matches_load_corpus(folder, reference):
    plan = scale.plan_corpus(folder)
    assert len(plan) == 63 and plan.n_groups == 7  # 4 outlets + 3 files without a row
    ok = [d for d in plan.doc_ids if d in set(reference.docs["doc_id"])]
    assert ok == reference.docs["doc_id"].tolist()
    # a metadata column named like a cleaner output is kept under another name
    assert "meta_date" in plan.meta.columns and "date" not in plan.meta.columns


def test_plan_by_a_metadata_column_and_errors(folder):
    plan = scale.plan_corpus(folder, by="url")
    assert plan.groups[0].startswith("https://outlet000.example/")
    with pytest.raises(ValueError, match="by='outlet'"):
        scale.plan_corpus(folder, by="outlet")


def test_clean_files_equals_clean_corpus(streamed, reference):
    summary, _ = streamed
    got = scale.read_table(summary.paths["docs"][0])
    ref = reference.docs.drop(columns="raw")
    cols = [c for c in ref.columns if c in got.columns and c != "date"] + ["date"]
    assert len(got) == len(ref) == summary.n_docs == 61
    norm = {"date_parsed": lambda s: s.astype(object).where(s.notna(), None)}
    for col in cols:
        a, b = got[col], ref[col]
        if col in norm:
            a, b = norm[col](a), norm[col](b)
        assert a.tolist() == b.tolist(), col


def test_clean_files_lines_equal_clean_corpus_lines(streamed, reference):
    summary, _ = streamed
    got = scale.read_table(summary.paths["lines"][0])
    ref = reference.lines
    assert len(got) == len(ref)
    assert got["label"].tolist() == ref["label"].tolist()
    assert got["reason"].tolist() == ref["reason"].tolist()
    assert summary.n_dropped == int((~ref["label"].isin(["body", "blank"])).sum())


def test_clean_files_reports_bad_files_by_name(streamed):
    summary, _ = streamed
    assert len(summary.skipped) == 2
    assert any("zz_binary.txt" in s for s in summary.skipped)
    assert any("zz_latin1.txt" in s for s in summary.skipped)
    assert any("zz_empty.txt" in w and "empty" in w for w in summary.warnings)


def test_clean_files_learns_furniture_from_a_sample(folder, tmp_path):
    summary = scale.clean_files(scale.plan_corpus(folder), tmp_path, workers=1,
                                repeat_sample=5, lines="dropped", progress=False)
    lines = scale.read_table(summary.paths["lines"][0])
    footer = lines[lines["text"] == "© 2024 Outlet 001. All rights reserved."]
    assert len(footer) == summary.docs_per_group["Outlet 001"]
    assert set(footer["reason"]) == {"repeated across the source's pages"}
    assert set(summary.repeated_per_group) == {f"Outlet {i:03d}" for i in range(4)}


def test_clean_files_replace_keeps_latin1_page(folder, tmp_path):
    summary = scale.clean_files(scale.plan_corpus(folder), tmp_path, workers=1,
                                errors="replace", lines="none", formats=("csv",),
                                progress=False)
    assert summary.n_docs == 62
    assert any("zz_latin1.txt" in w and "replaced 5" in w for w in summary.warnings)


@pytest.mark.parametrize("kwargs, match", [
    ({"errors": "ignore"}, "errors"),
    ({"lines": "some"}, "lines"),
    ({"repeat_sample": 0}, "repeat_sample"),
    ({"batch_size": 0}, "batch_size"),
])
def test_clean_files_rejects_bad_options(folder, tmp_path, kwargs, match):
    with pytest.raises(ValueError, match=match):
        scale.clean_files(folder, tmp_path, progress=False, **kwargs)


def test_clean_frame_with_global_furniture_equals_clean_corpus(reference):
    docs = reference.docs
    corpus = docs[["doc_id", "source", "raw"]]
    from textlab.clean import repeated_lines

    rep = {g: frozenset(scale.line_hash(t) for t in repeated_lines(part))
           for g, part in corpus.groupby("source")["raw"]}
    parts = [scale.clean_frame(corpus.iloc[i:i + 7], repeated=rep) for i in range(0, 61, 7)]
    got = pd.concat(parts)
    assert got["body"].tolist() == docs["body"].tolist()
    assert got["n_dropped"].tolist() == docs["n_dropped"].tolist()


# ----------------------------------------------------------------------------------------------
# features, vocabulary, similarity
# ----------------------------------------------------------------------------------------------


def test_stream_features_equals_lexical_features(streamed, reference, tmp_path):
    from textlab.features import lexical_features

    summary, _ = streamed
    fs = scale.stream_features(summary.paths["docs"][0], tmp_path, workers=1, batch_size=25,
                               progress=False)
    got = scale.read_table(fs.paths[0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = lexical_features(reference.docs)
    pd.testing.assert_frame_equal(got, ref, check_dtype=False)
    from textlab.features import text_features

    per_text = scale.stream_features(summary.paths["docs"][0], tmp_path, name="f2", workers=1,
                                     feature_fn=text_features, progress=False)
    # text_features returns numbers only; lexical_features adds the language it applied
    pd.testing.assert_frame_equal(scale.read_table(per_text.paths[0]), got.drop(columns="lang"))
    means = ref.drop(columns=["doc_id", "lang"]).groupby("source").mean()
    by_group = fs.by_group.set_index("source")
    np.testing.assert_allclose(by_group.loc[means.index, "n_tokens"], means["n_tokens"])
    assert by_group["n_docs"].sum() == 61


def test_stream_counts_equals_count_terms(streamed, reference):
    from textlab.terms import count_terms

    summary, _ = streamed
    got = scale.stream_counts(summary.paths["docs"][0], workers=2, batch_size=9,
                              progress=False, compact_rows=500)
    pd.testing.assert_frame_equal(got, count_terms(reference.docs))
    assert got.attrs["groups"] == list(pd.unique(reference.docs["source"]))
    with pytest.raises(ValueError, match="min_df"):
        scale.stream_counts(summary.paths["docs"][0], min_df=2, progress=False)


def test_sum_counts_of_chunks_equals_whole(reference):
    from textlab.terms import count_terms

    docs = reference.docs
    parts = [count_terms(docs.iloc[i:i + 10], ngram_range=(1, 2)) for i in range(0, 61, 10)]
    pd.testing.assert_frame_equal(scale.sum_counts(parts), count_terms(docs, ngram_range=(1, 2)))
    assert scale.sum_counts([]).columns.tolist() == ["group", "term", "count"]


def test_top_terms_and_similarity_from_counts_equal_in_memory(reference):
    from textlab.similarity import similarity_matrix
    from textlab.terms import count_terms, top_terms

    docs = reference.docs
    counts = count_terms(docs)
    groups = pd.unique(docs["source"])  # includes a group whose only page is empty
    assert len(groups) == counts["group"].nunique() + 1
    pd.testing.assert_frame_equal(scale.top_terms_from_counts(counts, n=7, groups=groups),
                                  top_terms(docs, n=7, ngram_range=(1, 1)))
    pd.testing.assert_frame_equal(
        scale.top_terms_from_counts(counts, n=7, min_df=3, groups=groups),
        top_terms(docs, n=7, ngram_range=(1, 1), min_df=3))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the empty group
        expected = similarity_matrix(docs)
    pd.testing.assert_frame_equal(scale.similarity_from_counts(counts, groups=groups), expected)
    with pytest.raises(ValueError, match="groups"):
        scale.top_terms_from_counts(counts, groups=groups[:2])


@pytest.mark.parametrize("method", ["log_odds", "g2"])
def test_keyness_by_chunks_equals_one_call(reference, method):
    from textlab.terms import count_terms, keyness_from_counts

    counts = count_terms(reference.docs)
    whole = keyness_from_counts(counts, method=method)
    chunked = scale.keyness_by_chunks(counts, method=method, groups_per_chunk=2)
    pd.testing.assert_frame_equal(chunked, whole)
    top = scale.keyness_by_chunks(counts, method=method, groups_per_chunk=4, top=3)
    pd.testing.assert_frame_equal(top, whole.groupby("group", sort=False).head(3)
                                  .reset_index(drop=True))
    with pytest.raises(ValueError, match="pairwise"):
        scale.keyness_by_chunks(counts, pairwise=True)


# ----------------------------------------------------------------------------------------------
# MinHash / LSH
# ----------------------------------------------------------------------------------------------


def test_lsh_candidates_equal_datasketch(reference):
    from datasketch import MinHash, MinHashLSH

    sig, valid = scale.minhash_signatures(reference.docs["body"].tolist(), num_perm=64)
    assert valid.sum() == 60  # the empty page has no shingles
    sig = sig[valid]
    b, r = scale.lsh_params(0.5, 64)
    lsh = MinHashLSH(threshold=0.5, num_perm=64, params=(b, r))
    hashes = [MinHash(num_perm=64, hashvalues=s, scheme="affine32") for s in sig]
    for i, m in enumerate(hashes):
        lsh.insert(i, m)
    expected = {(min(i, j), max(i, j)) for i, m in enumerate(hashes)
                for j in lsh.query(m) if j != i}
    got = {tuple(p) for p in scale.lsh_candidates(sig, threshold=0.5).tolist()}
    assert got == expected and got


def test_near_duplicates_find_the_reprints(streamed, folder, tmp_path):
    summary, _ = streamed
    docs = summary.paths["docs"][0]
    idx = scale.stream_minhash(docs, tmp_path, workers=1, batch_size=20, progress=False)
    pairs = scale.near_duplicates(idx.signatures, threshold=0.6)
    ids = scale.read_table(docs, columns=["doc_id"])["doc_id"].to_numpy()
    found = {frozenset((ids[idx.doc[i]], ids[idx.doc[j]])) for i, j in zip(pairs.i, pairs.j, strict=True)}
    meta = pd.read_csv(folder / "sources.csv").fillna("")
    reprints = {frozenset((f[:-4], r[:-4])) for f, r in zip(meta.file, meta.reprint_of, strict=True) if r}
    assert reprints and len(reprints & found) >= 0.8 * len(reprints)
    assert (pairs["jaccard"] >= 0.6).all()


def test_paragraph_minhash_skips_pairs_within_a_document(streamed, tmp_path):
    summary, _ = streamed
    idx = scale.stream_minhash(summary.paths["docs"][0], tmp_path, unit="paragraph",
                               min_words=10, num_perm=64, workers=1, progress=False)
    assert len(idx.doc) > 61
    pairs = scale.near_duplicates(idx.signatures, threshold=0.7, owners=idx.doc)
    assert len(pairs) and (idx.doc[pairs.i] != idx.doc[pairs.j]).all()


def test_near_duplicates_links_a_big_bucket_as_a_star():
    sig, _ = scale.minhash_signatures(["the same words in the same order every time"] * 6)
    star = scale.lsh_candidates(sig, threshold=0.8, max_bucket=3)
    assert star.tolist() == [[0, j] for j in range(1, 6)]
    assert len(scale.lsh_candidates(sig, threshold=0.8)) == 15


@pytest.mark.parametrize("threshold", [0.0, 1.0, 1.5])
def test_lsh_params_reject_bad_thresholds(threshold):
    with pytest.raises(ValueError, match="threshold"):
        scale.lsh_params(threshold, 128)
