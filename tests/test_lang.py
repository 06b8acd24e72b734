"""Language detection and stop words per language: what the analysis helpers rely on."""

import math

import pandas as pd
import pytest
from multilingual import TEXTS, corpus

from textlab.lang import UNDETERMINED, detect_language, detect_languages, normalize_lang
from textlab.text import STOP_WORD_LANGUAGES, STOP_WORDS, stop_words


@pytest.mark.parametrize(("lang", "i"), [(lang, i) for lang in TEXTS for i in range(2)])
def test_detects_each_invented_text(lang, i):
    found, confidence = detect_language(TEXTS[lang][i])
    assert found == lang
    assert 0.5 <= confidence <= 1


@pytest.mark.parametrize(
    ("text", "expected", "source"),
    [
        ("", UNDETERMINED, "fallback: too short"),
        ("OK!", UNDETERMINED, "fallback: too short"),
        ("12 345 678 901 234", UNDETERMINED, "fallback: too short"),  # digits are no letters
        ("Kim Yo Jong met Putin.", UNDETERMINED, "fallback: low confidence"),
        ("Le président a reçu une voiture de luxe en cadeau.", "fr", "detected"),
    ],
)
def test_short_or_ambiguous_texts_are_undetermined(text, expected, source):
    out = detect_languages(pd.Series([text]))
    assert out["lang"].iloc[0] == expected
    assert out["lang_source"].iloc[0].startswith(source)
    if source == "fallback: too short":
        assert math.isnan(out["lang_confidence"].iloc[0])


def test_metadata_overrides_detection_and_keeps_the_index():
    texts = pd.Series([TEXTS["fr"][0], TEXTS["de"][0], None], index=[10, 11, 12])
    out = detect_languages(texts, override=pd.Series(["EN-gb", None, float("nan")]))
    assert list(out.index) == [10, 11, 12]
    assert out["lang"].tolist() == ["en", "de", UNDETERMINED]
    assert out["lang_source"].tolist() == ["metadata", "detected", "fallback: too short"]
    assert math.isnan(out["lang_confidence"].iloc[0])


def test_detection_is_deterministic_and_reads_a_window_of_long_texts():
    long = " ".join(TEXTS["de"] * 200)
    assert detect_language(long) == detect_language(long)
    assert detect_language(long)[0] == "de"


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: detect_languages(["a"]), TypeError, "texts"),
        (lambda: detect_languages(pd.Series(["a"]), override=pd.Series([])), ValueError,
         "override"),
        (lambda: detect_language("a", min_confidence=2), ValueError, "min_confidence=2"),
        (lambda: detect_language(3), TypeError, "text"),
        (lambda: normalize_lang(3), TypeError, "lang"),
    ],
)
def test_wrong_arguments_are_named(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_english_stop_words_stay_scikit_learns():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    assert stop_words("en") == STOP_WORDS == ENGLISH_STOP_WORDS
    assert stop_words("EN-us") is STOP_WORDS


@pytest.mark.parametrize(
    ("lang", "words"),
    [("fr", {"le", "la", "et", "de"}), ("de", {"der", "die", "und", "nicht"}),
     ("es", {"el", "la", "que", "de"}), ("cs", {"a", "je", "že", "na"}),
     ("zh", {"的", "了", "在"}), ("ja", {"は", "を", "の"}), ("no", {"og", "ikke"})],
)
def test_stop_words_per_language(lang, words):
    assert words <= stop_words(lang)


def test_languages_without_a_list_remove_nothing():
    assert stop_words(UNDETERMINED) == frozenset()
    assert stop_words("th") == frozenset()
    assert {"en", "fr", "de", "es", "cs", "zh", "ja", "ko"} <= STOP_WORD_LANGUAGES
    with pytest.raises(ValueError, match="lang"):
        stop_words("")


def test_invented_corpus_is_what_the_tests_say():
    docs = corpus()
    assert len(docs) == 14 and docs["source"].nunique() == 7
