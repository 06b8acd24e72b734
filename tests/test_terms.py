"""Term counts, TF-IDF top terms, keyness and collocations against hand-worked values."""

import doctest
import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import textlab
import textlab.terms
from textlab.terms import (
    REST,
    collocations,
    count_terms,
    keyness,
    keyness_from_counts,
    kwic,
    top_terms,
)


def corpus_of(bodies, sources=None, doc_ids=None):
    n = len(bodies)
    return pd.DataFrame({
        "doc_id": doc_ids or [f"d{i}" for i in range(n)],
        "source": sources or [f"S{i}" for i in range(n)],
        "body": bodies,
    })


# three outlets, no stop words: car 3, gift 3, sanctions 2 in all (N = 8)
TINY = corpus_of(["Car car gift.", "Car sanctions.", "Gift, gift; sanctions!"], ["A", "B", "C"])


def row(frame, **where):
    mask = np.ones(len(frame), dtype=bool)
    for col, val in where.items():
        mask &= (frame[col] == val).to_numpy()
    assert mask.sum() == 1, f"expected one row for {where}, got {mask.sum()}"
    return frame[mask].iloc[0]


# ----------------------------------------------------------------------------------------------
# count_terms
# ----------------------------------------------------------------------------------------------
def test_count_terms_by_source():
    corpus = corpus_of(["Cars, cars!", "A car.", "The car was a gift."], ["A", "A", "B"])
    out = count_terms(corpus)
    assert out.columns.tolist() == ["group", "term", "count"]
    assert list(out.itertuples(index=False, name=None)) == [
        ("A", "cars", 2), ("A", "car", 1), ("B", "car", 1), ("B", "gift", 1)]
    assert out["count"].dtype == np.int64
    assert out.attrs["by"] == "source"


def test_count_terms_options():
    corpus = corpus_of(["The Security Council met.", "The council met again."], ["A", "B"])
    docs = count_terms(corpus, by="doc_id", stop_words=False)
    assert row(docs, group="d0", term="the")["count"] == 1
    bigrams = count_terms(corpus, ngram_range=(2, 2))
    assert set(bigrams.term) == {"security council", "council met"}
    # min_df counts documents: only "council" and "met" are in both
    assert set(count_terms(corpus, min_df=2).term) == {"council", "met"}


def test_count_terms_does_not_mutate_and_keeps_types():
    corpus = TINY.copy()
    before = corpus.copy()
    count_terms(corpus, exclude=True)
    pd.testing.assert_frame_equal(corpus, before)


def test_count_terms_of_empty_texts():
    out = count_terms(corpus_of(["", None]))
    assert out.empty and out.columns.tolist() == ["group", "term", "count"]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"by": "outlet"}, ValueError, "outlet"),
        ({"text_col": "text"}, ValueError, "text"),
        ({"min_df": -1}, ValueError, "min_df"),
        ({"min_df": "2"}, TypeError, "min_df"),
        ({"exclude": "yes"}, TypeError, "exclude"),
    ],
)
def test_count_terms_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        count_terms(TINY, **kwargs)


def test_count_terms_refuses_missing_groups():
    corpus = TINY.assign(source=["A", None, "C"])
    with pytest.raises(ValueError, match="missing values"):
        count_terms(corpus)


def _summed(parts):
    total = pd.concat(parts).groupby(["group", "term"], as_index=False)["count"].sum()
    return total.sort_values(["group", "term"]).reset_index(drop=True)


BODIES = st.lists(
    st.text(alphabet=st.sampled_from("ab cd.’'-"), max_size=25), min_size=1, max_size=8)


@given(BODIES, st.data())
def test_counts_of_chunks_add_up_to_whole_corpus_counts(bodies, data):
    sources = [data.draw(st.sampled_from("XYZ")) for _ in bodies]
    corpus = corpus_of(bodies, sources)
    cut = data.draw(st.integers(0, len(bodies)))
    parts = [count_terms(corpus.iloc[:cut], ngram_range=(1, 2)),
             count_terms(corpus.iloc[cut:], ngram_range=(1, 2))]
    whole = count_terms(corpus, ngram_range=(1, 2))
    pd.testing.assert_frame_equal(_summed(parts), _summed([whole]), check_dtype=False)


def test_summed_partial_counts_give_the_same_keyness():
    parts = [count_terms(TINY.iloc[:2]), count_terms(TINY.iloc[2:])]
    from_parts = keyness_from_counts(pd.concat(parts, ignore_index=True), min_count=1)
    pd.testing.assert_frame_equal(from_parts, keyness(TINY, min_count=1))


# ----------------------------------------------------------------------------------------------
# top_terms
# ----------------------------------------------------------------------------------------------
def test_top_terms_tfidf_by_hand():
    corpus = corpus_of(["Aurus car gift, car gift", "Car sanctions"], ["A", "B"])
    out = top_terms(corpus, n=3, ngram_range=(1, 1))
    # idf = ln((1 + units) / (1 + df)) + 1 with 2 units; tf = 1 + ln(count)
    idf_shared, idf_own = math.log(3 / 3) + 1, math.log(3 / 2) + 1
    tf2 = 1 + math.log(2)
    a = {"aurus": 1 * idf_own, "car": tf2 * idf_shared, "gift": tf2 * idf_own}
    norm_a = math.sqrt(sum(v * v for v in a.values()))
    b = {"car": idf_shared, "sanctions": idf_own}
    norm_b = math.sqrt(sum(v * v for v in b.values()))
    assert out.columns.tolist() == ["group", "term", "score", "count"]
    assert out[out.group == "A"].term.tolist() == ["gift", "car", "aurus"]
    assert out[out.group == "B"].term.tolist() == ["sanctions", "car"]
    for term, val in a.items():
        assert row(out, group="A", term=term)["score"] == pytest.approx(val / norm_a)
    for term, val in b.items():
        assert row(out, group="B", term=term)["score"] == pytest.approx(val / norm_b)
    assert row(out, group="A", term="car")["count"] == 2


def test_top_terms_raw_tf_and_n():
    corpus = corpus_of(["gift gift gift car", "car"], ["A", "B"])
    out = top_terms(corpus, n=1, ngram_range=(1, 1), sublinear_tf=False)
    idf_own = math.log(3 / 2) + 1
    gift, car = 3 * idf_own, 1.0
    assert out.term.tolist() == ["gift", "car"]
    assert out.score[0] == pytest.approx(gift / math.hypot(gift, car))


def test_top_terms_ties_are_broken_by_term():
    corpus = corpus_of(["zebra yak xenon", "other words"], ["A", "B"])
    out = top_terms(corpus, n=2, ngram_range=(1, 1))
    assert out[out.group == "A"].term.tolist() == ["xenon", "yak"]
    assert out[out.group == "A"].score.nunique() == 1


def test_top_terms_per_document_and_bigrams():
    corpus = corpus_of(["Security Council resolution", "Security Council vote"], ["A", "A"])
    out = top_terms(corpus, by="doc_id", n=2)
    assert out.group.tolist() == ["d0", "d0", "d1", "d1"]
    assert out.term.tolist() == ["council resolution", "resolution", "council vote", "vote"]


@pytest.mark.parametrize("n", [0, -1, 1.5, True])
def test_top_terms_bad_n(n):
    with pytest.raises(ValueError, match="n="):
        top_terms(TINY, n=n)


# ----------------------------------------------------------------------------------------------
# keyness: log-odds with informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)
# ----------------------------------------------------------------------------------------------
def test_log_odds_one_group_against_the_rest_by_hand():
    out = keyness(TINY, min_count=1)
    assert out.columns.tolist() == ["group", "reference", "term", "count", "count_ref",
                                    "delta", "var", "z"]
    # prior from the whole corpus, alpha0 = N = 8: a_car = 3, a_gift = 3, a_sanctions = 2.
    # A has car 2 of n_A = 3 tokens; the rest (B + C) has car 1 of 5.
    r = row(out, group="A", reference=REST, term="car")
    assert (r["count"], r["count_ref"]) == (2, 1)
    omega_a = math.log((2 + 3) / (3 + 8 - 2 - 3))  # ln(5/6)
    omega_rest = math.log((1 + 3) / (5 + 8 - 1 - 3))  # ln(4/9)
    delta = omega_a - omega_rest  # ln(45/24)
    var = 1 / (2 + 3) + 1 / (1 + 3)  # 0.45
    assert r["delta"] == pytest.approx(math.log(45 / 24))
    assert r["delta"] == pytest.approx(delta)
    assert r["var"] == pytest.approx(var)
    assert r["z"] == pytest.approx(delta / math.sqrt(var))
    # a word A never uses: sanctions 0 of 3 against 2 of 5
    r = row(out, group="A", reference=REST, term="sanctions")
    delta = math.log((0 + 2) / (3 + 8 - 0 - 2)) - math.log((2 + 2) / (5 + 8 - 2 - 2))
    assert r["delta"] == pytest.approx(delta)  # ln(2/9) - ln(4/9) = -ln 2
    assert r["z"] == pytest.approx(-math.log(2) / math.sqrt(1 / 2 + 1 / 4))


def test_log_odds_order_and_symmetry():
    out = keyness(TINY, min_count=1)
    assert out.group.unique().tolist() == ["A", "B", "C"]
    a = out[out.group == "A"]
    assert a.z.is_monotonic_decreasing
    # two groups only: B vs rest is the mirror image of A vs rest
    two = keyness(TINY.iloc[:2], min_count=1)
    za = two[two.group == "A"].set_index("term").z
    zb = two[two.group == "B"].set_index("term").z
    pd.testing.assert_series_equal(za.sort_index(), -zb.sort_index(), check_names=False)


def test_log_odds_pairwise_by_hand():
    out = keyness(TINY, pairwise=True, min_count=1)
    assert set(out.reference) == {REST, "A", "B", "C"}
    assert len(out[(out.group == "A") & (out.reference == REST)]) == 3
    # A vs B, car: 2 of 3 against 1 of 2; the prior is still the whole corpus (alpha0 = 8)
    r = row(out, group="A", reference="B", term="car")
    delta = math.log((2 + 3) / (3 + 8 - 2 - 3)) - math.log((1 + 3) / (2 + 8 - 1 - 3))
    assert delta == pytest.approx(math.log(5 / 4))
    assert r["delta"] == pytest.approx(delta)
    assert r["z"] == pytest.approx(delta / math.sqrt(1 / 5 + 1 / 4))
    # and B vs A is its negative
    assert row(out, group="B", reference="A", term="car")["z"] == pytest.approx(-r["z"])


def test_log_odds_alpha0_and_background():
    # alpha0 = 4 halves every a_w: a_car = 1.5
    r = row(keyness(TINY, alpha0=4, min_count=1), group="A", term="car")
    delta = math.log((2 + 1.5) / (3 + 4 - 2 - 1.5)) - math.log((1 + 1.5) / (5 + 4 - 1 - 1.5))
    assert r["delta"] == pytest.approx(delta)
    assert r["var"] == pytest.approx(1 / 3.5 + 1 / 2.5)
    # a background with shares car 0.1, gift 0.3, sanctions 0.6 and alpha0 = 10: a_car = 1
    bg = pd.Series({"car": 10, "gift": 30, "sanctions": 60, "unused": 900})
    shares_over_corpus_terms = 10 / (10 + 30 + 60)
    a_car = 10 * shares_over_corpus_terms
    r = row(keyness(TINY, alpha0=10, background=bg, min_count=1), group="A", term="car")
    delta = (math.log((2 + a_car) / (3 + 10 - 2 - a_car))
             - math.log((1 + a_car) / (5 + 10 - 1 - a_car)))
    assert r["delta"] == pytest.approx(delta)
    # terms missing from the background get half a count: car 1, gift 1, sanctions 0.5 (sum
    # 2.5), scaled to alpha0 = N = 8 by default: a_car = 8 * 1 / 2.5 = 3.2
    r = row(keyness(TINY, background={"car": 1, "gift": 1}, min_count=1), group="A", term="car")
    delta = math.log((2 + 3.2) / (3 + 8 - 2 - 3.2)) - math.log((1 + 3.2) / (5 + 8 - 1 - 3.2))
    assert r["delta"] == pytest.approx(delta)


def test_min_count_filters_rows_not_totals():
    out = keyness(TINY, min_count=3)  # sanctions (2 in all) is not reported
    assert set(out.term) == {"car", "gift"}
    full = keyness(TINY, min_count=1)
    merged = out.merge(full, on=["group", "reference", "term"], suffixes=("", "_full"))
    np.testing.assert_allclose(merged.z, merged.z_full)


# ----------------------------------------------------------------------------------------------
# keyness: G² (Rayson & Garside 2000) and Log Ratio (Hardie 2014)
# ----------------------------------------------------------------------------------------------
def test_g2_and_log_ratio_by_hand():
    out = keyness(TINY, method="g2", min_count=1)
    assert out.columns.tolist() == ["group", "reference", "term", "count", "count_ref",
                                    "g2", "p", "log_ratio"]
    # A vs rest, car: a = 2, b = 1, c = n_A = 3, d = n_rest = 5
    e1, e2 = 3 * (2 + 1) / 8, 5 * (2 + 1) / 8  # 9/8, 15/8
    g2 = 2 * (2 * math.log(2 / e1) + 1 * math.log(1 / e2))
    r = row(out, group="A", term="car")
    assert r["g2"] == pytest.approx(g2)
    assert r["g2"] == pytest.approx(2 * (2 * math.log(16 / 9) + math.log(8 / 15)))
    assert r["p"] == pytest.approx(math.erfc(math.sqrt(g2 / 2)))  # chi-squared, 1 df
    assert r["log_ratio"] == pytest.approx(math.log2((2 / 3) / (1 / 5)))
    # A vs rest, sanctions: a = 0 -> 0 * ln 0 = 0 in G², 0.5 in Log Ratio
    e2 = 5 * 2 / 8
    r = row(out, group="A", term="sanctions")
    assert r["g2"] == pytest.approx(2 * (2 * math.log(2 / e2)))  # 4 ln 1.6
    assert r["log_ratio"] == pytest.approx(math.log2((0.5 / 3) / (2 / 5)))


def test_g2_is_sorted_by_direction():
    out = keyness(TINY, method="g2", min_count=1)
    a = out[out.group == "A"]
    # over-used first (car, gift in A: 2/3 and 1/3 vs 1/5 and 2/5), under-used last
    assert a.term.tolist()[0] == "car"
    assert a.term.tolist()[-1] == "sanctions"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"method": "chi2"}, "method"),
        ({"method": "g2", "background": {"car": 1}}, "background"),
        ({"alpha0": 0}, "alpha0"),
        ({"background": [1, 2]}, "background"),
        ({"min_count": 0}, "min_count"),
    ],
)
def test_keyness_errors(kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        keyness(TINY, **kwargs)


def test_keyness_needs_two_groups():
    with pytest.raises(ValueError, match="1 group"):
        keyness(TINY.assign(source="one"))


def test_keyness_from_counts_checks_columns():
    with pytest.raises(ValueError, match="count"):
        keyness_from_counts(pd.DataFrame({"group": ["A"], "term": ["x"]}))


# ----------------------------------------------------------------------------------------------
# collocations
# ----------------------------------------------------------------------------------------------
COLLOC = corpus_of(["New York rocks. New York sleeps. Old town rocks."])


def test_collocations_pmi_by_hand():
    out = collocations(COLLOC, measure="pmi", stop_words=False)
    assert out.columns.tolist() == ["group", "w1", "w2", "bigram", "count", "score"]
    # 9 tokens; bigrams within sentences only; new 2, york 2, "new york" 2 (min_freq = 2)
    assert out.bigram.tolist() == ["new york"]
    assert out.group.tolist() == ["(all)"]
    assert out.score[0] == pytest.approx(math.log2(2 * 9 / (2 * 2)))


def test_collocations_likelihood_ratio_by_hand():
    out = collocations(COLLOC, min_freq=1, stop_words=False)
    # "new york": contingency [[2, 0], [0, 7]], expected [[4/9, 14/9], [14/9, 49/9]]
    g2 = 2 * (2 * math.log(2 / (4 / 9)) + 7 * math.log(7 / (49 / 9)))
    assert out.bigram[0] == "new york" and out.score[0] == pytest.approx(g2)
    # no bigram across the sentence boundary "rocks. New"
    assert "rocks new" not in set(out.bigram)
    # ties ("town rocks", "york sleeps": one each, same marginals) are broken by bigram
    tied = out[out.score == out.score[2]].bigram.tolist()
    assert tied == sorted(tied) and len(tied) == 2


def test_collocations_by_group_and_stop_words():
    corpus = corpus_of(["Kim Yo Jong spoke. Kim Yo Jong left.", "the car of the year. the car"],
                       ["A", "B"])
    out = collocations(corpus, by="source")
    assert out[out.group == "A"].bigram.tolist() == ["kim yo", "yo jong"]
    assert out[out.group == "B"].empty  # "the car" has a stop word
    kept = collocations(corpus, by="source", stop_words=False)
    assert "the car" in set(kept[kept.group == "B"].bigram)
    assert row(kept, group="B", bigram="the car")["count"] == 2


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"measure": "dice_x"}, "measure"), ({"min_freq": 0}, "min_freq"), ({"n": 0}, "n="),
     ({"by": "nope"}, "nope")],
)
def test_collocations_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        collocations(COLLOC, **kwargs)


# ----------------------------------------------------------------------------------------------
# exclude= and the package surface
# ----------------------------------------------------------------------------------------------
WIRE = ("Russia should also be aware of its responsibility as a permanent member of the UN "
        "Security Council")


def test_exclude_removes_reprinted_passages_before_counting():
    corpus = corpus_of([f"Seoul condemned it. {WIRE}.", f"{WIRE}, an official said. Moscow."],
                       ["A", "B"])
    plain = count_terms(corpus)
    assert "responsibility" in set(plain[plain.group == "A"].term)
    own = count_terms(corpus, exclude=True)
    assert set(own[own.group == "A"].term) == {"seoul", "condemned"}
    assert set(own[own.group == "B"].term) == {"official", "said", "moscow"}
    top = top_terms(corpus, exclude=True, ngram_range=(1, 1))
    assert "responsibility" not in set(top.term)
    k = keyness(corpus, exclude=True, min_count=1)
    assert "permanent" not in set(k.term)


def test_public_api():
    for name in textlab.terms.__all__:
        assert getattr(textlab, name) is getattr(textlab.terms, name)
    assert textlab.top_terms is top_terms


def test_docstring_examples_run():
    result = doctest.testmod(textlab.terms)
    assert result.attempted > 0 and result.failed == 0


def test_on_the_seeds(cleaned_seeds):
    docs = cleaned_seeds.docs
    k = keyness(docs)
    assert set(k.group) == set(docs.source)
    # Forbes' translation writes "Kim Jong-un", the others "Kim Jong Un"
    forbes = k[(k.group == "Forbes (transl.)") & (k.reference == REST)]
    assert "jong-un" in forbes.head(5).term.tolist()
    top = top_terms(docs, n=5)
    assert top.groupby("group").size().eq(5).all()


# ----------------------------------------------------------------------------------------------
# kwic
# ----------------------------------------------------------------------------------------------
KWIC_DOCS = pd.DataFrame({"doc_id": ["d1", "d2"], "source": ["A", "B"], "body": [
    "Putin gave Kim a car, breaching UN sanctions.\n\nThe U.N. Security Council banned it.",
    "Sanctions bite. Kim’s car is new; the UN Security Council met.",
]})


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        # (doc_id, match as written, token position)
        ("sanctions", [("d1", "sanctions", 7), ("d2", "Sanctions", 0)]),
        ("sanction*", [("d1", "sanctions", 7), ("d2", "Sanctions", 0)]),
        ("kim", [("d1", "Kim", 2)]),  # "Kim’s" is the token "kim's", as in the counts
        ("kim's", [("d2", "Kim’s", 2)]),  # curly apostrophe as written
        ("U.N.", [("d1", "U.N.", 9)]),
        ("UN Security Council", [("d2", "UN Security Council", 7)]),
        ("security council", [("d1", "Security Council", 10), ("d2", "Security Council", 8)]),
        # a list: each occurrence once, as its longest match
        (["UN", "UN Security Council"], [("d1", "UN", 6), ("d2", "UN Security Council", 7)]),
        (re.compile(r"kim\S*", re.IGNORECASE), [("d1", "Kim", 2), ("d2", "Kim’s", 2)]),
        (re.compile(r"U\.?N\.? Security"), [("d1", "U.N. Security", 9),
                                            ("d2", "UN Security", 7)]),
        ("Trump", []),
    ],
)
def test_kwic_matches(pattern, expected):
    k = kwic(KWIC_DOCS, pattern, window=2)
    assert list(zip(k["doc_id"], k["match"], k["position"], strict=True)) == expected
    for row in k.itertuples():
        text = KWIC_DOCS.set_index("doc_id").loc[row.doc_id, "body"]
        assert text[row.char_start:row.char_end] == row.match


@pytest.mark.parametrize(
    ("window", "left", "right"),
    [
        (0, "", ""),
        # punctuation next to the match is kept, and the context runs across paragraphs
        (2, "breaching UN", ". The U.N."),
        (50, "Putin gave Kim a car, breaching UN", ". The U.N. Security Council banned it"),
    ],
)
def test_kwic_window(window, left, right):
    row = kwic(KWIC_DOCS, "sanctions", window=window).iloc[0]
    assert (row["left"], row["match"], row["right"]) == (left, "sanctions", right)


def test_kwic_columns_follow_by():
    assert list(kwic(KWIC_DOCS, "car").columns) == [
        "doc_id", "source", "left", "match", "right", "position", "char_start", "char_end"]
    assert list(kwic(KWIC_DOCS, "car", by=None).columns)[:2] == ["doc_id", "left"]
    assert kwic(KWIC_DOCS.assign(outlet=["X", "Y"]), "car", by="outlet")["outlet"].tolist() \
        == ["X", "Y"]


def test_kwic_hits_agree_with_term_counts(cleaned_seeds):
    docs = cleaned_seeds.docs
    counts = count_terms(docs, stop_words=False)
    for term in ["sanctions", "kim", "u.n.", "jong-un", "russia's", "aurus", "the"]:
        expected = counts[counts["term"] == term].set_index("group")["count"]
        got = kwic(docs, term).groupby("source")["match"].size()
        assert got.sort_index().to_dict() == expected.sort_index().to_dict(), term


@pytest.mark.parametrize(
    ("pattern", "kw", "error", "match"),
    [
        ("***", {}, ValueError, "no word"),
        ([], {}, ValueError, "no words"),
        (42, {}, TypeError, "pattern"),
        (["car", 3], {}, TypeError, "neither"),
        ("car", {"window": -1}, ValueError, "window"),
        ("car", {"by": "outlet"}, ValueError, "outlet"),
        ("car", {"text_col": "text"}, ValueError, "text"),
    ],
)
def test_kwic_errors(pattern, kw, error, match):
    with pytest.raises(error, match=match):
        kwic(KWIC_DOCS, pattern, **kw)


@pytest.mark.parametrize("method", ["log_odds", "g2"])
def test_keyness_pairwise_does_not_depend_on_the_block_size(method, monkeypatch):
    corpus = corpus_of(["Car car gift.", "Car sanctions.", "Gift, gift; sanctions!",
                        "A car, a gift, sanctions.", "Sanctions on gift cars"],
                       ["A", "B", "C", "D", "E"])
    whole = keyness(corpus, method=method, pairwise=True, min_count=1)
    monkeypatch.setattr(textlab.terms, "_KEYNESS_BLOCK_CELLS", 7)  # two comparisons a block
    pd.testing.assert_frame_equal(keyness(corpus, method=method, pairwise=True, min_count=1),
                                  whole, check_exact=True)
    monkeypatch.setattr(textlab.terms, "_KEYNESS_BLOCK_CELLS", 1)  # one at a time
    pd.testing.assert_frame_equal(keyness(corpus, method=method, pairwise=True, min_count=1),
                                  whole, check_exact=True)
    # rows come comparison by comparison (the rest first), most over-used first, ties by term
    pairs = list(dict.fromkeys(zip(whole["group"], whole["reference"], strict=True)))
    assert pairs[:5] == [(g, REST) for g in "ABCDE"]
    assert pairs[5:] == [(a, b) for a in "ABCDE" for b in "ABCDE" if a != b]
    key = "z" if method == "log_odds" else "log_ratio"
    for (_, _), rows in whole.groupby(["group", "reference"], sort=False):
        if method == "log_odds":
            assert list(rows[key]) == sorted(rows[key], reverse=True)


@pytest.mark.parametrize(("progress", "shown"), [(True, True), (False, False), (None, False)])
def test_keyness_progress_bar_only_when_asked_or_on_a_terminal(progress, shown, capsys):
    keyness(TINY, pairwise=True, progress=progress)
    err = capsys.readouterr().err
    assert ("keyness" in err and "9/9" in err) is shown  # 3 against the rest + 6 pairs
    assert shown or err == ""


def test_keyness_of_chosen_targets_equals_their_rows_of_the_full_call():
    corpus = corpus_of(["Car car gift.", "Car sanctions.", "Gift, gift; sanctions!",
                        "A car, a gift, sanctions.", "Sanctions on gift cars"],
                       ["A", "B", "C", "D", "E"])
    counts = count_terms(corpus, by="source")
    for pairwise in (False, True):
        whole = keyness_from_counts(counts, pairwise=pairwise, min_count=1)
        part = keyness_from_counts(counts, pairwise=pairwise, min_count=1, targets=["D", "B"])
        want = whole[whole["group"].isin(["B", "D"])
                     & (whole["reference"].isin([REST, "B", "D"]))].reset_index(drop=True)
        pd.testing.assert_frame_equal(part.reset_index(drop=True), want, check_exact=True)
    with pytest.raises(ValueError, match="targets: 'Z' is not a group"):
        keyness_from_counts(counts, targets=["A", "Z"])
