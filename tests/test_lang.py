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


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("qu'il d'un l'école n'est", "fr", ["l'école"]),  # elided function words
        ("we're don't it's", "en", ["we're", "don't", "it's"]),  # English list: as before
    ],
)
def test_elided_function_words(text, lang, expected):
    from textlab.text import tokenize

    assert tokenize(text, stop_words=lang) == expected


def test_languages_without_a_list_remove_nothing():
    assert stop_words(UNDETERMINED) == frozenset()
    assert stop_words("th") == frozenset()
    assert {"en", "fr", "de", "es", "cs", "zh", "ja", "ko"} <= STOP_WORD_LANGUAGES
    with pytest.raises(ValueError, match="lang"):
        stop_words("")


def test_invented_corpus_is_what_the_tests_say():
    docs = corpus()
    assert len(docs) == 14 and docs["source"].nunique() == 7


# ------------------------------------------------------------------------------------------
# stop words in the analysis helpers follow each document's language
# ------------------------------------------------------------------------------------------
def _holds_stop_word(term: str, lang: str) -> bool:
    from textlab.text import _is_stop

    stop = stop_words(lang)
    return any(_is_stop(part, stop, True) for part in term.split())


@pytest.mark.parametrize("with_lang_column", [False, True])
def test_top_terms_per_document_hold_no_stop_word_of_its_language(with_lang_column):
    from textlab import top_terms

    docs = corpus()
    if with_lang_column:
        docs = docs.assign(lang=docs["lang_true"])
    top = top_terms(docs, by="doc_id", n=10)
    lang_of = dict(zip(docs["doc_id"], docs["lang_true"], strict=True))
    assert set(top["group"]) == set(docs["doc_id"])
    for doc_id, terms in top.groupby("group")["term"]:
        bad = [t for t in terms if _holds_stop_word(t, lang_of[doc_id])]
        assert not bad, (doc_id, bad)
    # and the top terms are words of the text (CJK as bigrams), e.g. the bridge
    assert "pont" in set(top.loc[top["group"] == "fr0", "term"])
    assert "brücke" in set(top.loc[top["group"] == "de0", "term"])


def test_each_document_loses_only_its_own_languages_stop_words():
    from textlab import count_terms

    docs = pd.DataFrame({"doc_id": ["a", "b"], "source": ["A", "B"], "lang": ["fr", "en"],
                         "body": ["Il est parti car il pleuvait.", "He bought a car."]})
    counts = count_terms(docs, by="doc_id")
    # "car" is a French stop word (because) and an English noun
    assert set(counts.loc[counts["group"] == "a", "term"]) == {"parti", "pleuvait"}
    assert set(counts.loc[counts["group"] == "b", "term"]) == {"bought", "car"}
    # grouped: a group's terms are its documents' terms, each with its own list
    both = count_terms(docs.assign(source="X"), by="source")
    assert set(both["term"]) == {"parti", "pleuvait", "bought", "car"}


@pytest.mark.parametrize(
    ("stop", "expected"),
    [
        ("auto", {"parti", "pleuvait", "bought", "car"}),
        (True, {"parti", "pleuvait", "bought", "car"}),
        ("en", {"il", "est", "parti", "car", "pleuvait", "bought"}),
        ("fr", {"parti", "pleuvait", "he", "bought"}),  # French "a" (has) is a stop word
        ({"car", "il"}, {"est", "parti", "pleuvait", "he", "bought", "a"}),
        (False, {"il", "est", "parti", "car", "pleuvait", "he", "bought", "a"}),
    ],
)
def test_stop_words_option_is_selectable_and_replaceable(stop, expected):
    from textlab import count_terms

    docs = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "X"], "lang": ["fr", "en"],
                         "body": ["Il est parti car il pleuvait.", "He bought a car."]})
    assert set(count_terms(docs, stop_words=stop)["term"]) == expected


def test_a_short_document_is_read_alone_or_by_the_language_it_is_given():
    """A text too short to identify does not borrow its neighbours' language (a batch of a
    corpus must read it as the whole corpus does): the English list, unless its lang is
    given."""
    from textlab import count_terms, lexical_features

    docs = pd.DataFrame({"doc_id": ["a", "b"], "source": ["A", "B"],
                         "body": [TEXTS["fr"][0], "Et le pont ?"]})
    counts = count_terms(docs, by="doc_id")
    assert set(counts.loc[counts["group"] == "b", "term"]) == {"et", "le", "pont"}
    alone = count_terms(docs.iloc[[1]], by="doc_id")
    pd.testing.assert_frame_equal(alone, counts[counts["group"] == "b"].reset_index(drop=True))
    feats = lexical_features(docs)
    assert feats["lang"].tolist() == ["fr", "und"]
    assert math.isnan(feats.loc[1, "reading_ease"]) and feats.loc[1, "n_tokens"] == 3
    given = docs.assign(lang=[None, "fr"])
    counts = count_terms(given, by="doc_id")
    assert set(counts.loc[counts["group"] == "b", "term"]) == {"pont"}
    assert lexical_features(given)["lang"].tolist() == ["fr", "fr"]


def test_keyness_collocations_and_similarity_follow_the_language():
    from textlab import collocations, keyness, similarity_matrix

    docs = corpus()
    docs = docs[docs["source"].isin(["fr", "de"])]
    key = keyness(docs, by="doc_id", min_count=1)
    for doc_id, lang in (("fr0", "fr"), ("de1", "de")):
        assert not any(_holds_stop_word(t, lang) for t in key.loc[key["group"] == doc_id, "term"])
    coll = collocations(docs, by="source", min_freq=1, n=50)
    for _, row in coll.iterrows():
        assert not _holds_stop_word(row["w1"], row["group"])
        assert not _holds_stop_word(row["w2"], row["group"])
    # the two French articles share content words once "le", "la", "de" are gone
    auto = similarity_matrix(docs, by="doc_id")
    none = similarity_matrix(docs, by="doc_id", stop_words=False)
    assert auto.loc["fr0", "fr1"] < none.loc["fr0", "fr1"]
    assert auto.loc["fr0", "de0"] == pytest.approx(0.0, abs=0.02)


def test_cjk_top_terms_are_bigrams_without_particles():
    from textlab import top_terms

    docs = corpus()
    top = top_terms(docs[docs["source"].isin(["zh", "ja"])], by="doc_id", n=10)
    assert {"新桥", "停止"} <= set(top.loc[top["group"] == "zh0", "term"])
    ja = set(top.loc[top["group"] == "ja0", "term"])
    assert {"住民", "建設", "承認"} <= ja
    assert not any("\u3040" <= c <= "\u309f" for t in ja for c in t)  # no Hiragana
    assert all(" " not in t for t in top["term"])  # no word n-grams of bigrams


# ------------------------------------------------------------------------------------------
# features: each holds for the languages FEATURES names, NaN elsewhere
# ------------------------------------------------------------------------------------------
def _holds(languages: str, lang: str) -> bool:
    if languages == "all":
        return True
    if languages.startswith("all except "):
        return lang not in languages.removeprefix("all except ").split()
    return lang in languages.split()


@pytest.mark.parametrize("with_lang_column", [False, True])
def test_features_are_nan_exactly_where_they_do_not_hold(with_lang_column):
    from textlab import FEATURES, lexical_features

    docs = corpus()
    if with_lang_column:
        docs = docs.assign(lang=docs["lang_true"])
    feats = lexical_features(docs, mattr_window=10, hdd_sample=10)
    assert feats["lang"].tolist() == docs["lang_true"].tolist()
    never_nan_here = {"sentence_len_sd", "mtld"}  # NaN for reasons other than language
    for _, row in FEATURES.iterrows():
        for lang, value in zip(feats["lang"], feats[row["name"]], strict=True):
            if _holds(row["languages"], lang):
                if row["name"] not in never_nan_here and not row["name"].startswith("rate_"):
                    assert not math.isnan(value), (row["name"], lang)
            else:
                assert math.isnan(value), (row["name"], lang, value)


def test_flesch_is_english_only_and_reading_ease_is_per_language():
    from textlab import text_features

    en = text_features(TEXTS["en"][0])
    assert en["flesch_reading_ease"] == en["reading_ease"]
    for lang in ("fr", "de", "es", "cs", "zh", "ja"):
        f = text_features(TEXTS[lang][0])
        assert math.isnan(f["flesch_reading_ease"]) and math.isnan(f["flesch_kincaid_grade"])
        assert math.isnan(f["sentiment_compound"]) and math.isnan(f["rate_reporting"])
        assert math.isnan(f["reading_ease"]) == (lang not in ("fr", "de", "es"))
        assert f["n_tokens"] > 20 and 0 < f["ttr"] <= 1


@pytest.mark.parametrize(
    ("lang", "text", "words", "sentences", "syllables"),
    [
        # Kandel & Moles: 207 - 1.015 * 4 / 1 - 73.6 * 5 / 4
        ("fr", "Le maire est parti.", 4, 1, 5),
        # Amstad: 180 - 4 / 1 - 58.5 * 7 / 4 (Bür-ger-meis-ter)
        ("de", "Der Bürgermeister ist da.", 4, 1, 7),
    ],
)
def test_reading_ease_formulas_by_hand(lang, text, words, sentences, syllables):
    from textlab import text_features
    from textlab.features import READABILITY

    f = text_features(text, lang=lang)
    assert f["syllables_per_word"] == pytest.approx(syllables / words)
    a, b, c = READABILITY[lang]
    assert f["reading_ease"] == pytest.approx(a - b * words / sentences - c * syllables / words)


def test_spanish_reading_ease_is_fernandez_huerta():
    from textlab import text_features

    f = text_features(TEXTS["es"][0], lang="es")
    wps = f["n_tokens"] / f["n_sentences"]  # no digits in the text: every token is a word
    assert f["reading_ease"] == pytest.approx(206.84 - 60 * f["syllables_per_word"] - 102 / wps)


def test_custom_word_lists_count_in_every_language():
    from textlab import text_features

    f = text_features(TEXTS["fr"][0], word_lists={"bridge": ["pont"]})
    assert f["rate_bridge"] == pytest.approx(1000 * 2 / f["n_tokens"])


def test_mixed_language_group_gets_no_language_specific_number():
    from textlab import lexical_features

    docs = corpus()
    feats = lexical_features(docs.assign(source="all"), by="source")
    assert feats["lang"].tolist() == ["mul"]
    assert math.isnan(feats["flesch_reading_ease"].iloc[0])
    assert feats["n_tokens"].iloc[0] > 100


def test_cjk_quotes_count():
    from textlab import text_features

    f = text_features("市長は「橋は来年開通する」と述べた。", lang="ja")
    assert 0 < f["quote_share"] < 1


def test_sentence_sentiment_is_nan_for_other_languages():
    from textlab import sentence_sentiment

    docs = corpus()
    tone = sentence_sentiment(docs)
    assert tone.loc[tone["doc_id"] == "en0", "compound"].notna().all()
    assert tone.loc[tone["doc_id"] == "fr0", "compound"].isna().all()


# ------------------------------------------------------------------------------------------
# figures: labels in every script, no glyph warnings
# ------------------------------------------------------------------------------------------
def test_cjk_labels_draw_without_glyph_warnings(tmp_path):
    import warnings

    from textlab import save_figure, similarity_matrix, top_terms
    from textlab.plots import _base, plot_similarity, plot_top_terms

    docs = corpus()
    _base._warned.clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sim = similarity_matrix(docs.assign(source=docs["lang_true"] + " " + docs["body"]
                                            .str[:4]), by="source")
        ax = plot_similarity(sim)
        save_figure(ax.figure, "sim", folder=tmp_path)
        fig = plot_top_terms(top_terms(docs[docs["source"].isin(["zh", "ja"])], by="doc_id",
                                       n=5))
        fig = fig if hasattr(fig, "savefig") else fig.figure
        save_figure(fig, "top", folder=tmp_path)
    messages = [str(w.message) for w in caught]
    assert not [m for m in messages if "Glyph" in m and "missing" in m], messages
    notes = [m for m in messages if "transliterated" in m]
    if _base._font_with("北京") is None:  # no CJK font installed: one note, Latin labels
        assert len(notes) == 1
        labels = [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        assert all(label.isascii() for label in labels)
    else:
        assert notes == []
    assert (tmp_path / "sim.png").stat().st_size > 0


def test_latin_labels_are_left_as_they_are():
    from matplotlib.figure import Figure

    from textlab.plots import draw_every_script

    fig = Figure()
    fig.text(0.1, 0.1, "Müller’s café — São Paulo")
    assert draw_every_script(fig).texts[0].get_text() == "Müller’s café — São Paulo"


def test_bootstrap_features_progress_bar_is_off_unless_asked(capsys):
    from textlab import bootstrap_features

    docs = corpus().head(2)
    bootstrap_features(docs, features=["n_tokens"], n_boot=2)
    assert "bootstrap_features" not in capsys.readouterr().err  # not a terminal: off
    bootstrap_features(docs, features=["n_tokens"], n_boot=2, progress=True)
    assert "bootstrap_features" in capsys.readouterr().err
