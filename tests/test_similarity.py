"""Source similarity, clustering, maps, shared passages and the sentence bootstrap."""

import doctest
import math
import time

import numpy as np
import pandas as pd
import pytest

import textlab
import textlab.similarity
from textlab.similarity import (
    Clustering,
    bootstrap_similarity,
    cluster,
    embed_2d,
    remove_passages,
    shared_passages,
    similarity_long,
    similarity_matrix,
)


def corpus_of(bodies, sources=None, doc_ids=None):
    n = len(bodies)
    return pd.DataFrame({
        "doc_id": doc_ids or [f"d{i}" for i in range(n)],
        "source": sources or [f"S{i}" for i in range(n)],
        "body": bodies,
    })


WIRE = ("Russia should also be aware of its responsibility as a permanent member of the UN "
        "Security Council")
# "russia should also be aware of its responsibility as a permanent member" (12 words)
# + "of the un security council" (5 words)
N_WIRE = 17


def sim_of(values, labels):
    return pd.DataFrame(values, index=labels, columns=labels, dtype=float)


# ----------------------------------------------------------------------------------------------
# similarity_matrix
# ----------------------------------------------------------------------------------------------
def test_word_tfidf_cosine_by_hand():
    sim = similarity_matrix(corpus_of(["car gift", "car sanctions"], ["A", "B"]))
    # idf(car) = ln(3/3) + 1 = 1; idf(gift) = idf(sanctions) = ln(3/2) + 1; tf = 1
    i = math.log(3 / 2) + 1
    assert sim.loc["A", "B"] == pytest.approx(1 / (1 + i * i))
    assert sim.attrs["method"] == "word_tfidf"


def test_jaccard_on_word_shingles_by_hand():
    corpus = corpus_of(["the car was a gift", "the car was a present", "no overlap here at all"])
    sim = similarity_matrix(corpus, method="jaccard")
    # 3-shingles: {the car was, car was a, was a gift} vs {…, was a present}: 2 shared of 4
    assert sim.iloc[0, 1] == pytest.approx(2 / 4)
    assert sim.iloc[0, 2] == 0.0
    uni = similarity_matrix(corpus, method="jaccard", ngram_range=(1, 1))
    assert uni.iloc[0, 1] == pytest.approx(4 / 6)


@pytest.mark.parametrize("method", ["word_tfidf", "char_tfidf", "jaccard"])
def test_similarity_matrix_shape_and_invariants(method):
    corpus = corpus_of(["Kim got a car.", "Putin gave Kim a car.", "Sanctions.", "More cars."],
                       ["A", "B", "A", "C"])
    sim = similarity_matrix(corpus, method=method)
    assert sim.index.tolist() == sim.columns.tolist() == ["A", "B", "C"]  # order of appearance
    assert sim.index.name == "source"
    values = sim.to_numpy()
    np.testing.assert_allclose(values, values.T)
    np.testing.assert_allclose(np.diag(values), 1.0)
    assert ((values >= 0) & (values <= 1)).all()


def test_case_and_punctuation_do_not_count_whatever_the_method():
    corpus = corpus_of(["Kim’s car was a gift.", "KIM'S CAR WAS A GIFT!"])
    for method in ("word_tfidf", "char_tfidf", "jaccard"):
        assert similarity_matrix(corpus, method=method).iloc[0, 1] == pytest.approx(1.0)


def test_documents_of_a_group_are_pooled():
    corpus = corpus_of(["car", "gift", "car gift"], ["A", "A", "B"])
    sim = similarity_matrix(corpus, method="jaccard", ngram_range=(1, 1))
    assert sim.loc["A", "B"] == 1.0
    per_doc = similarity_matrix(corpus, by="doc_id", method="jaccard", ngram_range=(1, 1))
    assert per_doc.loc["d0", "d2"] == pytest.approx(0.5)


def test_empty_group_warns_and_scores_zero():
    with pytest.warns(UserWarning, match="without words"):
        sim = similarity_matrix(corpus_of(["car gift", ""], ["A", "B"]))
    assert sim.loc["A", "B"] == 0.0 and sim.loc["B", "B"] == 1.0


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"method": "cosine"}, "method"), ({"by": "outlet"}, "outlet"),
     ({"text_col": "raw"}, "raw")],
)
def test_similarity_matrix_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        similarity_matrix(corpus_of(["a b"]), **kwargs)


def test_similarity_long():
    sim = sim_of([[1, 0.25], [0.25, 1]], ["A", "B"])
    out = similarity_long(sim)
    assert list(out.itertuples(index=False, name=None)) == [
        ("A", "A", 1.0), ("A", "B", 0.25), ("B", "A", 0.25), ("B", "B", 1.0)]
    with pytest.raises(ValueError, match="square"):
        similarity_long(sim.iloc[:1])


# ----------------------------------------------------------------------------------------------
# cluster and embed_2d
# ----------------------------------------------------------------------------------------------
SIM3 = sim_of([[1, 0.8, 0.1], [0.8, 1, 0.2], [0.1, 0.2, 1]], ["A", "B", "C"])


@pytest.mark.parametrize(
    ("method", "second_merge"),
    [
        ("average", (0.9 + 0.8) / 2),  # d(AB, C) = mean(d(A,C), d(B,C))
        ("complete", 0.9),
        ("single", 0.8),
    ],
)
def test_cluster_by_hand(method, second_merge):
    c = cluster(SIM3, method=method)
    assert isinstance(c, Clustering)
    assert c.linkage.shape == (2, 4)
    # A and B merge first at distance 1 - 0.8
    assert sorted(c.linkage[0, :2].tolist()) == [0, 1]
    assert c.linkage[0, 2] == pytest.approx(0.2)
    assert c.linkage[1, 2] == pytest.approx(second_merge)
    assert c.labels == ["A", "B", "C"]
    assert [c.labels[i] for i in c.order] == c.leaves
    assert set(c.leaves) == {"A", "B", "C"}
    assert abs(c.leaves.index("A") - c.leaves.index("B")) == 1


@pytest.mark.parametrize(
    ("sim", "kwargs", "match"),
    [(SIM3, {"method": "ward"}, "method"), (SIM3.iloc[:1, :1], {}, "at least 2"),
     (SIM3.iloc[:2], {}, "square")],
)
def test_cluster_errors(sim, kwargs, match):
    with pytest.raises(ValueError, match=match):
        cluster(sim, **kwargs)


def test_pca_map_keeps_euclidean_distances_of_unit_vectors():
    # three unit vectors in a plane: cosine = similarity, sqrt(2 - 2 cos) = their distance
    u = np.array([[1, 0], [0, 1], [1 / math.sqrt(2), 1 / math.sqrt(2)]])
    sim = sim_of(u @ u.T, ["A", "B", "C"])
    xy = embed_2d(sim, method="pca")
    assert xy.columns.tolist() == ["group", "x", "y"]
    pts = xy[["x", "y"]].to_numpy()
    for i in range(3):
        for j in range(3):
            assert np.linalg.norm(pts[i] - pts[j]) == pytest.approx(np.linalg.norm(u[i] - u[j]))


def test_mds_map_is_deterministic_and_keeps_neighbours():
    sim = sim_of([[1, .9, .1, .1], [.9, 1, .1, .2], [.1, .1, 1, .8], [.1, .2, .8, 1]],
                 list("ABCD"))
    a, b = embed_2d(sim), embed_2d(sim)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs["method"] == "mds" and a.attrs["stress"] >= 0
    pts = a.set_index("group")[["x", "y"]]
    dist = lambda p, q: np.linalg.norm(pts.loc[p] - pts.loc[q])  # noqa: E731
    assert dist("A", "B") < dist("A", "C")
    assert dist("C", "D") < dist("B", "D")


def test_embed_2d_from_a_corpus_and_with_two_groups():
    corpus = corpus_of(["car gift", "car sanctions", "blue sky"], ["A", "B", "C"])
    xy = embed_2d(corpus, method="pca")
    assert xy.group.tolist() == ["A", "B", "C"]
    two = embed_2d(corpus.iloc[:2])
    assert len(two) == 2 and (two.y == 0).all()
    with pytest.raises(ValueError, match="method"):
        embed_2d(SIM3, method="tsne")


# ----------------------------------------------------------------------------------------------
# shared_passages and remove_passages
# ----------------------------------------------------------------------------------------------
REUSE = corpus_of(
    [f"Seoul said: {WIRE}.", f"“{WIRE},” an official added.", "Nothing shared.",
     f"Seoul said: {WIRE}"],
    ["A", "B", "C", "A"],
)


def test_shared_passages_positions_by_hand():
    p = shared_passages(REUSE)
    assert p.columns.tolist() == [
        "doc_a", "doc_b", "source_a", "source_b", "token_start_a", "token_end_a",
        "token_start_b", "token_end_b", "char_start_a", "char_end_a", "char_start_b",
        "char_end_b", "n_words", "text"]
    pairs = {(r.doc_a, r.doc_b): r for r in p.itertuples()}
    assert set(pairs) == {("d0", "d1"), ("d0", "d3"), ("d1", "d3")}
    r = pairs[("d0", "d1")]
    assert (r.token_start_a, r.token_end_a, r.token_start_b, r.token_end_b) == (2, 19, 0, 17)
    assert r.n_words == N_WIRE
    assert (r.char_start_a, r.char_end_a) == (len("Seoul said: "), len("Seoul said: ") + len(WIRE))
    assert (r.char_start_b, r.char_end_b) == (1, 1 + len(WIRE))
    assert r.text == WIRE
    assert (r.source_a, r.source_b) == ("A", "B")
    # same outlet twice: the span extends over "Seoul said" too
    assert pairs[("d0", "d3")].n_words == N_WIRE + 2
    assert pairs[("d0", "d3")].text == f"Seoul said: {WIRE}"


def test_shared_passages_by_source_skips_reuse_within_an_outlet():
    p = shared_passages(REUSE, by="source")
    assert {(r.doc_a, r.doc_b) for r in p.itertuples()} == {("d0", "d1"), ("d1", "d3")}


@pytest.mark.parametrize(("min_words", "found"), [(7, True), (8, False)])
def test_min_words_threshold(min_words, found):
    corpus = corpus_of(["x one two three four five six seven y", "z one two three four five "
                        "six seven w"])
    assert (len(shared_passages(corpus, min_words=min_words)) == 1) is found


def test_spans_are_maximal_and_case_and_punctuation_blind():
    first = "alpha beta gamma delta epsilon zeta eta theta iota kappa"
    second = "lambda mu nu xi omicron pi rho sigma tau"
    corpus = corpus_of([f"{first} ONE {second}", f"{first.upper()}, TWO — {second}!"])
    p = shared_passages(corpus, min_words=8)
    assert p.n_words.tolist() == [10, 9]
    assert p.token_start_a.tolist() == [0, 11] and p.token_start_b.tolist() == [0, 11]
    assert p.text.tolist() == [first, second]


def test_a_passage_repeated_in_one_document_is_reported_per_occurrence():
    corpus = corpus_of([f"{WIRE}. And again: {WIRE}.", f"{WIRE}."])
    p = shared_passages(corpus)
    assert len(p) == 2 and p.n_words.tolist() == [N_WIRE, N_WIRE]
    assert p.token_start_a.tolist() == [0, N_WIRE + 2]


def test_no_shared_passages_gives_an_empty_frame_with_columns():
    p = shared_passages(corpus_of(["one two three", "", None]))
    assert p.empty and "n_words" in p.columns


@pytest.mark.parametrize("bad", [0, -3, 2.5, True])
def test_bad_min_words(bad):
    with pytest.raises(ValueError, match="min_words"):
        shared_passages(REUSE, min_words=bad)


def test_shared_passages_scales_roughly_linearly():
    rng = np.random.default_rng(0)
    vocab = np.array([f"w{i}" for i in range(3000)])
    bodies = [" ".join(rng.choice(vocab, 400)) for _ in range(300)]
    bodies[17] += f" {WIRE}"
    bodies[230] = f"{WIRE} " + bodies[230]
    start = time.perf_counter()
    p = shared_passages(corpus_of(bodies))
    assert time.perf_counter() - start < 5  # 120,000 words; an all-pairs DP would take minutes
    assert {(r.doc_a, r.doc_b, r.n_words) for r in p.itertuples()} >= {("d17", "d230", N_WIRE)}


def test_remove_passages_cuts_both_sides():
    p = shared_passages(REUSE.iloc[:3])
    out = remove_passages(REUSE.iloc[:3], p)
    assert out.body.tolist() == ["Seoul said: \n\n.", "“\n\n,” an official added.",
                                 "Nothing shared."]
    assert out.removed_words.tolist() == [N_WIRE, N_WIRE, 0]
    assert REUSE.body[0] == f"Seoul said: {WIRE}."  # input untouched


def test_remove_passages_merges_overlapping_cuts():
    p = shared_passages(REUSE)  # d0 is cut twice over the same words (with d1 and with d3)
    out = remove_passages(REUSE, p)
    assert out.body[0] == "\n\n."
    assert out.removed_words[0] == N_WIRE + 2


def test_remove_passages_refuses_stale_offsets():
    p = shared_passages(REUSE)
    changed = REUSE.assign(body=REUSE.body.str.replace("Seoul", "The Korean government in Seoul"))
    with pytest.raises(ValueError, match="offsets"):
        remove_passages(changed, p)
    with pytest.raises(ValueError, match="not in corpus"):
        remove_passages(REUSE.iloc[1:], p)


def test_exclude_makes_reprinting_outlets_less_similar():
    corpus = corpus_of([f"Seoul condemned the gift. {WIRE}.", f"{WIRE}, an official said."],
                       ["A", "B"])
    before = similarity_matrix(corpus, method="jaccard").loc["A", "B"]
    after = similarity_matrix(corpus, method="jaccard", exclude=True).loc["A", "B"]
    assert before > 0.4 and after == 0.0
    given = similarity_matrix(corpus, method="jaccard", exclude=shared_passages(corpus))
    assert given.loc["A", "B"] == 0.0


# ----------------------------------------------------------------------------------------------
# bootstrap_similarity
# ----------------------------------------------------------------------------------------------
BOOT = corpus_of([
    "Kim got a car. Putin gave it. Sanctions forbid it. Seoul protested.",
    "Putin gave Kim a car. The UN bans such gifts. Moscow shrugged.",
    "A limousine arrived. Kim thanked Putin. Analysts were surprised.",
], ["A", "B", "C"])


def test_bootstrap_frame_and_reproducibility():
    b = bootstrap_similarity(BOOT, n_boot=30, random_state=1)
    assert b.columns.tolist() == ["a", "b", "estimate", "low", "high", "boot_mean", "se"]
    assert list(zip(b.a, b.b, strict=True)) == [("A", "B"), ("A", "C"), ("B", "C")]
    est = similarity_matrix(BOOT)
    assert b.estimate.tolist() == [est.loc["A", "B"], est.loc["A", "C"], est.loc["B", "C"]]
    assert (b.low <= b.high).all() and (b.se >= 0).all()
    pd.testing.assert_frame_equal(b, bootstrap_similarity(BOOT, n_boot=30, random_state=1))
    assert not b.equals(bootstrap_similarity(BOOT, n_boot=30, random_state=2))


def test_centered_interval_is_the_shifted_percentile_interval():
    pct = bootstrap_similarity(BOOT, n_boot=40, interval="percentile")
    cen = bootstrap_similarity(BOOT, n_boot=40, interval="centered")
    shift = pct.estimate - pct.boot_mean
    np.testing.assert_allclose(cen.low, np.clip(pct.low + shift, 0, 1))
    np.testing.assert_allclose(cen.high, np.clip(pct.high + shift, 0, 1))
    assert (cen.high - cen.low <= pct.high - pct.low + 1e-12).all()


def test_bootstrap_of_single_sentence_documents_has_no_spread():
    b = bootstrap_similarity(corpus_of(["Kim got a car.", "Putin gave a car."]), n_boot=10)
    assert b.low[0] == pytest.approx(b.high[0]) and b.se[0] == pytest.approx(0)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"n_boot": 0}, "n_boot"), ({"ci": 1.5}, "ci"), ({"interval": "bca"}, "interval"),
     ({"method": "bert"}, "method")],
)
def test_bootstrap_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        bootstrap_similarity(BOOT, **kwargs)


# ----------------------------------------------------------------------------------------------
def test_public_api():
    for name in textlab.similarity.__all__:
        assert getattr(textlab, name) is getattr(textlab.similarity, name)


def test_docstring_examples_run():
    result = doctest.testmod(textlab.similarity)
    assert result.attempted > 0 and result.failed == 0


def test_on_the_seeds(cleaned_seeds):
    docs = cleaned_seeds.docs
    sim = similarity_matrix(docs)
    assert sim.shape == (5, 5) and sim.index.tolist() == docs.source.tolist()
    p = shared_passages(docs)
    # the Unification Ministry statement quoted word for word by two outlets
    quoted = p[p.text.str.contains("responsibility as a permanent member")]
    assert {frozenset((r.source_a, r.source_b)) for r in quoted.itertuples()} == {
        frozenset(("Forbes (transl.)", "Politics News"))}
    assert similarity_matrix(docs, exclude=p).shape == (5, 5)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"method": "word_tfidf"},
        {"method": "char_tfidf"},
        {"method": "char_tfidf", "ngram_range": (2, 3)},
    ],
)
@pytest.mark.filterwarnings("ignore:1 group\\(s\\) without words")
def test_bootstrap_from_sentence_counts_equals_rebuilding_the_texts(kwargs, monkeypatch):
    """Replicates summed from per-sentence counts give the numbers of re-tokenised text."""
    import textlab.similarity as sim

    corpus = pd.concat([BOOT, corpus_of(["Kim got a car. Kim got a car! New sanctions came.",
                                         "", "Seoul protested. Moscow shrugged."],  # D: empty
                                        ["A", "D", "B"])], ignore_index=True)
    fast = bootstrap_similarity(corpus, n_boot=25, random_state=3, **kwargs)
    monkeypatch.setattr(sim, "_sentence_vectorizer", lambda *a: None)
    slow = bootstrap_similarity(corpus, n_boot=25, random_state=3, **kwargs)
    pd.testing.assert_frame_equal(fast, slow, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(("progress", "shown"), [(True, True), (False, False), (None, False)])
def test_bootstrap_progress_bar_only_when_asked_or_on_a_terminal(progress, shown, capsys):
    bootstrap_similarity(BOOT, n_boot=5, progress=progress)
    err = capsys.readouterr().err
    assert ("bootstrap_similarity" in err and "5/5" in err) is shown
    assert shown or err == ""  # pytest's captured stderr is not a terminal


# ----------------------------------------------------------------------------------------------
# many groups: nearest neighbours without the groups x groups matrix
# ----------------------------------------------------------------------------------------------
def _counts_of(n_groups, seed=3):
    rng = np.random.default_rng(seed)
    vocab = [f"w{i}" for i in range(60)]
    rows = []
    for g in range(n_groups):
        for t in rng.choice(vocab, size=8, replace=False):
            rows.append((f"g{g:03d}", t, int(rng.integers(1, 4))))
    rows.append(("g000", "w0", 1))  # a repeated (group, term) row is summed
    return pd.DataFrame(rows, columns=["group", "term", "count"])


def _nearest_by_hand(sim, k):
    labels = list(sim.index)
    m = sim.to_numpy().copy()
    np.fill_diagonal(m, -1.0)
    rows = []
    for i, a in enumerate(labels):
        order = sorted(range(len(labels)), key=lambda j: (-m[i, j], j))
        rows += [(a, labels[j], m[i, j]) for j in order[:k] if m[i, j] > 0]
    return pd.DataFrame(rows, columns=["a", "b", "similarity"])


@pytest.mark.parametrize("cells", [1 << 23, 7, 1])
def test_nearest_groups_are_the_best_of_the_whole_matrix_whatever_the_block(cells, monkeypatch):
    from textlab.similarity import nearest_from_counts, similarity_from_counts

    counts = _counts_of(40)
    counts.loc[len(counts)] = ("g040", "w0", 1)  # a copy of g041's only term: a tie
    counts.loc[len(counts)] = ("g041", "w0", 1)
    counts.loc[len(counts)] = ("g042", "zz", 5)  # no term in common with anyone
    monkeypatch.setattr(textlab.similarity, "NEAREST_BLOCK_CELLS", cells)
    near = nearest_from_counts(counts, k=3)
    want = _nearest_by_hand(similarity_from_counts(counts), 3)
    pd.testing.assert_frame_equal(near[["a", "b"]], want[["a", "b"]])
    np.testing.assert_allclose(near["similarity"], want["similarity"], rtol=0, atol=1e-12)
    assert "g042" not in set(near["a"]) | set(near["b"])  # similarity 0 is no neighbour
    assert near.groupby("a").size().max() == 3


def test_similarity_of_a_few_groups_keeps_the_idf_of_all():
    from textlab.similarity import similarity_from_counts

    counts = _counts_of(30)
    whole = similarity_from_counts(counts)
    few = similarity_from_counts(counts, only=["g007", "g002", "g021"])
    pd.testing.assert_frame_equal(few, whole.loc[["g007", "g002", "g021"],
                                                 ["g007", "g002", "g021"]], check_exact=True)
    with pytest.raises(ValueError, match="'nope' is not a group"):
        similarity_from_counts(counts, only=["g007", "nope"])


def test_unique_pairs_keeps_each_pair_of_different_groups_once():
    from textlab.similarity import nearest_from_counts, unique_pairs

    near = nearest_from_counts(_counts_of(20), k=5)
    pairs = unique_pairs(near)
    keys = {frozenset(p) for p in zip(near["a"], near["b"], strict=True)}
    assert len(pairs) == len(keys)
    assert {frozenset(p) for p in zip(pairs["a"], pairs["b"], strict=True)} == keys
