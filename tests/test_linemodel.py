"""The cleaner's line features: word statistics from hashed tokens, whole-line furniture keys."""

from __future__ import annotations

import itertools
import re
from collections import Counter

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from textlab import _linemodel as L
from textlab import _patterns as P

# ---------------------------------------------------------------------------------------------
# token hashes and the word statistics built on them
# ---------------------------------------------------------------------------------------------


def _reference_word_stats(lines: list[str]):
    """Stop-word and frequent-word flags per token, the plain way: Python strings, a Counter."""
    tokens = [t for ln in lines for t in ln.split(" ")]
    counts = Counter(tokens)  # keys in order of first appearance
    per_lang = {lang: sum(c for w, c in counts.items() if w in words)
                for lang, words in L.STOPLISTS.items()}
    lang = max(per_lang, key=lambda k: (per_lang[k], -list(L.STOPLISTS).index(k)))
    use = per_lang[lang] > 0 and per_lang[lang] / len(tokens) >= L.MIN_STOP_SHARE
    is_stop = [t in L.STOPLISTS[lang] for t in tokens] if use else None
    for ln in lines:
        if any(L._CLASSES[min(ord(c), 0xFFFF)] & L._CJK for c in ln):
            counts.update(P.FREQ_TOKEN.findall(ln))
    ranked = sorted(counts, key=lambda w: -counts[w])  # stable: ties stay first-seen first
    frequent = set(ranked[: L.N_FREQUENT])
    return is_stop, [t in frequent for t in tokens]


_vocab = sorted(L.STOPLISTS["en"])[:40] + sorted(L.STOPLISTS["de"])[:20] + [
    "putin", "kim", "car", "sanctions", "un", "menu", "日本", "語", "の", "記事", "é", "ß", "x1"]
_line = st.lists(st.sampled_from(_vocab) | st.text("abcé日の", min_size=1, max_size=6),
                 min_size=1, max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_line, min_size=1, max_size=30))
def test_word_statistics_equal_the_plain_counting(lines):
    lowered = "\n".join(lines)
    cjk = np.array([sum(bool(L._CLASSES[min(ord(c), 0xFFFF)] & L._CJK) for c in ln)
                    for ln in lines], dtype=float)
    is_stop, is_frequent = L._stop_density_inputs(lowered, lines, cjk)
    want_stop, want_frequent = _reference_word_stats(lines)
    assert (None if is_stop is None else is_stop.tolist()) == want_stop
    assert is_frequent.tolist() == want_frequent


_spaced_line = st.text(st.sampled_from("ab. ") | st.sampled_from(" \t\r\u00a0\u2009\u3000\x1f"),
                       min_size=1, max_size=8)


@settings(max_examples=500, deadline=None)
@given(st.lists(_spaced_line, min_size=1, max_size=6))
def test_spacing_check_finds_every_line_that_needs_normalising(lines):
    found = L.base_features(lines, check_spacing=True)
    assert (found is None) == any(t != " ".join(t.split()) for t in lines)
    if found is not None:
        assert np.array_equal(found[0], L.base_features(lines)[0])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.sampled_from("aZ \u03a3\u03c3\u0391\u0130\u212a\u2019.")
                        | st.characters(blacklist_characters="\n"),
                        max_size=12), min_size=1, max_size=6))
@example(["\u0391\u03a3", "\u03a3\u0391", "\u03a3"])  # capital sigmas at a line's end and start
def test_lines_lower_case_alone_as_within_the_page(lines):
    # the features lower-case the few lines they look at one by one: no case mapping may look
    # across a line break
    assert [t.lower() for t in lines] == "\n".join(lines).lower().split("\n")


def test_lower_case_table_equals_str_lower():
    table = [chr(c) for c in L._LOWER.tolist()]
    own = L._CLASSES & L._OWN_LOWER
    differ = [c for c in range(0x10000) if not own[c] and chr(c).lower() != table[c]]
    assert differ == []


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from("aZ \n\u2019\u00c9\u00df\u03a3\u03c3\u0391\u1e9e\u212a"), max_size=30)
       | st.text(st.sampled_from("a\u0130\U00010400\ud800\u03a3") | st.characters(), max_size=30))
@example("\u0391\u03a3 \u039f\u0394\u039f\u03a3\u2019")  # final sigmas: str.lower looks around
@example("\u0130stanbul \u00e9t\u00e9")  # "\u0130" lower-cases to two code points
def test_lowered_page_equals_str_lower(text):
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    flags = int(np.bitwise_or.reduce(L._CLASSES.take(cp, mode="clip")))
    lowered, low_cp = L._lowered(text, cp, flags)
    assert lowered == text.lower()
    assert low_cp.tolist() == [ord(c) for c in text.lower()]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 2**64 - 1) | st.sampled_from([0, 1, 2**63, 2**64 - 1]),
                min_size=1, max_size=200))
def test_distinct_equals_numpy_unique(values):
    h = np.array(values, dtype=np.uint64)
    want = np.unique(h, return_index=True, return_inverse=True, return_counts=True)
    for got, expected in zip(L._distinct(h), want, strict=True):
        assert got.tolist() == expected.tolist()


@settings(max_examples=1000, deadline=None)
@given(st.text(st.sampled_from(list("ab\u65e5\u672c\u8a9e\u306e\u30fb\u30fc\u309b\ud55c\uad6d 1_.\n\u3000\u30a0\u00e9\u03a9\u00b2\u0663")
                               + ["\U00020000"]), max_size=40))
@example("abc\u65e5\u672c \u65e5\u672cabc \u30fb\u30fc\u30fb x_\u65e5")
def test_frequent_tokens_found_in_numpy_equal_the_regex(text):
    # CJK characters one by one, but a run of letters that starts with another letter is one
    # token to its end, as P.FREQ_TOKEN.findall reads it
    tokens = P.FREQ_TOKEN.findall(text)
    want = L._token_hashes(" ".join(tokens)).tolist() if tokens else []
    assert L._freq_token_hashes(text).tolist() == want


def test_frequent_token_character_classes_equal_the_regex():
    single, letters = (re.compile(part) for part in P.FREQ_TOKEN.pattern.split("|"))
    for flag, pattern in ((L._TOKEN_CHAR, single), (L._TOKEN_LETTER, letters)):
        table = (L._CLASSES & flag) > 0
        regex = [pattern.fullmatch(chr(c)) is not None for c in range(0x10000)]
        assert table.tolist() == regex


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 2**64 - 1) | st.sampled_from([0, 1, 2**16, 2**63, 2**64 - 1]),
                min_size=1, max_size=300))
def test_word_ids_from_one_sort_equal_distinct_identities(values):
    h = np.array(values + values[: len(values) // 2], dtype=np.uint64)  # with repeats
    want = L._distinct(L._identities(h))
    for got, expected in zip(L._word_ids(h), want, strict=True):
        assert got.tolist() == expected.tolist()


def test_word_ids_on_a_page_of_more_tokens_than_positions():
    rng = np.random.default_rng(0)
    h = rng.integers(0, 2**63, size=70_000, dtype=np.uint64)[rng.integers(0, 5_000, size=70_000)]
    for got, expected in zip(L._word_ids(h), L._distinct(L._identities(h)), strict=True):
        assert got.tolist() == expected.tolist()


def test_word_identities_do_not_clash_on_many_words():
    words = [f"{a}{b}{c}" for a in "abcdefghijklmnopqrstuvwxyz" for b in "aeiouyns"
             for c in ("", "s", "ed", "ing", "ion", "1", "é", "語")] + sorted(L._STOP_BITS)
    words += list("abcdefghijklmnopqrstuvwxyz0123456789") + ["日", "本", "の", "é", "ß"]
    ids = L._identities(L._token_hashes(" ".join(words)))
    assert len(np.unique(ids)) == len(set(words))


def test_token_hashes_depend_only_on_the_token():
    words = ["the", "The", "théâtre", "日本語", "a\x00", "a", "", "𝔘nicode"]
    alone = [int(L._token_hashes(w)[0]) for w in words]
    assert len(set(alone)) == len(words)  # all different (the empty token hashes to 0)
    assert alone[words.index("")] == 0
    # the same words far into a page longer than the precomputed power table
    page = "x " * (L._TABLE_SIZE // 2 + 10) + " ".join(words[:-3]) + "\n" + " ".join(words[-2:])
    hashes = L._token_hashes(page)
    assert [int(h) for h in hashes[-len(words) + 1:]] == alone[:-3] + alone[-2:]


def test_token_hashes_do_not_clash_on_many_words():
    words = [f"{a}{b}{c}" for a in "abcdefghijklmnopqrstuvwxyz" for b in "aeiouyns"
             for c in ("", "s", "ed", "ing", "ion", "1", "é", "語")]
    hashes = L._token_hashes(" ".join(words))
    assert len(hashes) == len(words) == len(np.unique(hashes))


# ---------------------------------------------------------------------------------------------
# whole-line furniture
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, furniture",
    [
        ("Share", True),
        ("Share this", True),
        ("share 5", True),  # digits and punctuation may follow a phrase
        ("» Comments (12)", True),  # and stand around it
        ("1 Latest stories", True),  # digits are stripped on the second try
        ("5 min read", True),
        ("Page 2 of 3", True),  # ... which does not lose phrases made with digits
        ("Home page", True),
        ("home:page", False),  # a phrase's first word must be the line's first word
        ("Share: Facebook", False),
        ("Share:", True),
        ("See also_", True),
        ("Main menu", True),
        ("You may also like", True),
        ("Share the news with your neighbours", False),
        ("The president shared the news", False),
        ("Комментарии", True),
        ("関連記事", True),
        ("", False),
        ("More " + "x" * 60, False),  # longer than MAX_FURNITURE_KEY
    ],
)
def test_whole_line_furniture(line, furniture):
    assert P.is_furniture_line(line) is furniture
    if line:  # the same verdict from the page-wide pass, wherever the line stands
        page = [line, "The car was a gift, the ministry said.", line]
        assert L.page_features(page)[1].furniture_line == [furniture, False, furniture]


_furniture_words = ["share", "home", "page", "menu", "more", "latest", "news", "comments", "read",
                    "also", "see", "sign", "in", "of", "12", "(3)", "2024", ":", "»", "©", "_",
                    "•", "—", "the", "car", "gift", "komentar", "댓글"]
_furniture_line = st.lists(st.sampled_from(_furniture_words), min_size=1, max_size=9).map(
    lambda words: " ".join(words).replace(" :", ":").replace("( ", "("))


@settings(max_examples=300, deadline=None)
@given(st.lists(_furniture_line, min_size=1, max_size=25))
def test_page_wide_furniture_pass_equals_the_line_test(lines):
    got = L.page_features(lines)[1].furniture_line
    assert got == [P.is_furniture_line(ln) for ln in lines]


_glued_words = _furniture_words + ["5", "more5", "5more", "page2", "2.", "x9", "min", "stories",
                                   "...", "(", ")", "-", "__"]
_glued_line = st.lists(st.tuples(st.sampled_from(_glued_words), st.sampled_from(["", " "])),
                       min_size=1, max_size=6).map(lambda parts: "".join(w + sep for w, sep in parts))


@settings(max_examples=1000, deadline=None)
@given(_glued_line)
def test_second_try_only_matters_when_the_key_ends_in_a_digit(line):
    # the page-wide pass tries the digits-stripped test only on lines whose key starts or ends
    # with a digit: on every other line it must find what the first try finds
    scan = "\n" + line
    if not P.key_ends_in_digit(line):
        assert (P.furniture_line_starts(scan, digits_stripped=True)
                == P.furniture_line_starts(scan))


@pytest.mark.parametrize("phrase", [ph for ph in P.FURNITURE_PHRASES if ph.startswith("(?:")])
def test_a_phrase_spelled_out_matches_what_the_phrase_matches(phrase):
    # the line scan tries "(?:main |site )?menu" as "main menu|site menu|menu" (faster): the
    # same strings must match, made of the words the phrase is built from
    words = sorted(set(re.findall(r"[a-z]+", phrase))) + ["x", "2"]
    spelled = P._leading_group_spelled_out(phrase)
    assert len(spelled) > 1 and all(alt[0].isalpha() for alt in spelled)
    for k in range(1, 4):
        for combo in itertools.product(words, repeat=k):
            text = " ".join(combo)
            want = re.fullmatch(phrase, text) is not None
            assert any(re.fullmatch(alt, text) for alt in spelled) is want, text


_start_words = ["also", "read", "more", "on", "related", "©", "©2024", "copyright", "12",
                "thoughts", "one", "thought", "powered", "by", "proudly", "_", "»", "(", "-",
                "x", "share", "this"]
_start_line = st.lists(st.sampled_from(_start_words), min_size=1, max_size=6).map(
    lambda words: "".join(w if w in "_»(-" else w + " " for w in words).strip())


@settings(max_examples=300, deadline=None)
@given(st.lists(_start_line, min_size=1, max_size=25))
def test_furniture_starts_fast_path_equals_the_full_pattern(lines):
    # every phrase but "\u00a9" is looked for by a faster pattern; lines with a "\u00a9" get the
    # full one: together they must find exactly the lines the full pattern finds
    scan = "\n" + "\n".join(lines)
    want = [m.start() for m in P.FURNITURE_START_SCAN.finditer(scan)]
    assert P.furniture_start_starts(scan) == want


@settings(max_examples=500, deadline=None)
@given(st.text(".!?\u3002\u2026\"'\u201d\u2019)]a b(", max_size=12))
def test_ends_sentence_equals_the_sentence_end_pattern(line):
    # the line's end is read backwards instead of searching the whole line
    assert P.ends_sentence(line) == bool(P.SENTENCE_END.search(line))


# ---------------------------------------------------------------------------------------------
# the model: scores from the base features equal scores from the full feature matrix
# ---------------------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(st.lists(_line | _furniture_line, min_size=1, max_size=40))
def test_page_scores_from_base_features_equal_the_full_matrix(lines):
    model = L.load_model()
    base, _ = L.base_features(lines)
    X = L.with_context(base)
    assert X.shape == (len(lines), len(L.FEATURE_NAMES))
    assert np.array_equal(X[:, : len(L.BASE_FEATURES)], base)
    assert np.allclose(model.page_proba(base), model.predict_proba(X), rtol=0, atol=1e-12)


def test_page_scores_on_the_seed_pages():
    from textlab.clean import _page
    from textlab.paths import SEEDS_DIR

    model = L.load_model()
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        lines = _page(path.read_text(encoding="utf-8"))[1]
        base, _ = L.base_features(lines)
        full, _ = L.page_features(lines)
        assert np.allclose(model.page_proba(base), model.predict_proba(full), rtol=0, atol=1e-12)


_opener_words = ["written", "story", "posted", "by", "von", "par", "di", "автор", "author",
                 "authors", "reporter", "photo", "pic", "picture", "file", "foto", "credit",
                 "caption", "x", ":", "jane"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_opener_words), min_size=1, max_size=4).map(" ".join),
                min_size=1, max_size=20))
def test_opener_scans_equal_their_plain_alternations(lines):
    # the scans group their words by first letter (faster); they must find the same lines as
    # the plain alternation they are built from
    scan = "\n" + "\n".join(lines)
    plain = {
        P.BYLINE_OPENER_SCAN: re.compile(r"\n(?:" + P._BYLINE_WORDS + r") ?:? "),
        P.CAPTION_OPENER_SCAN: re.compile(r"\n(?:" + "|".join(P.CAPTION_OPENERS) + ")"),
    }
    for fast, slow in plain.items():
        assert [m.start() for m in fast.finditer(scan)] == [m.start() for m in slow.finditer(scan)]


def _words_of(phrases) -> list[str]:
    return sorted({w for ph in phrases for w in re.findall(r"[^\W\d_]+", ph)})


_line_start_words = (_words_of(P._BYLINE_OPENERS) + _words_of(P.CAPTION_OPENERS)
                     + _words_of(P.FURNITURE_STARTS) + ["12", ":", "\u00a9", "\u00bb", "_", "x"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_line_start_words), min_size=1, max_size=5)
                .map(" ".join), min_size=1, max_size=20))
def test_line_start_scans_in_one_pass_equal_the_three_scans(lines):
    # one regex finds byline openers, caption openers and furniture phrases at line starts:
    # a line may only open with one of them, or a line would lose a flag
    scan = "\n" + "\n".join(lines)
    want = ([m.start() for m in P.BYLINE_OPENER_SCAN.finditer(scan)],
            [m.start() for m in P.CAPTION_OPENER_SCAN.finditer(scan)],
            P.furniture_start_starts(scan))
    assert P.line_start_scans(scan) == want


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["http", "https", ":", "s:", "www.", "ww", "@", "x", "htt", "p:"]),
                max_size=12).map("".join))
def test_url_finder_finds_every_listed_substring(text):
    want = sorted(m.start() for sub in P.URL_OR_EMAIL for m in re.finditer(re.escape(sub), text))
    assert sorted(L._urls_or_emails(text)) == want


def test_page_scores_on_a_page_of_thousands_of_lines():
    # (window sizes are cached for pages up to 2,048 lines and computed beyond)
    model = L.load_model()
    lines = [f"Line {k} of a long list, with some words." if k % 3 else "Share" for k in range(2100)]
    base, _ = L.base_features(lines)
    assert np.allclose(model.page_proba(base), model.predict_proba(L.with_context(base)),
                       rtol=0, atol=1e-12)


# ---------------------------------------------------------------------------------------------
# boosted oblivious trees
# ---------------------------------------------------------------------------------------------


def _small_tree_model() -> L.TreeModel:
    # two trees of depth 2 over log_chars (0), sentence_end (3) and furniture (4)
    return L.TreeModel(
        init=-1.0, features=[[0, 3], [4, 0]], thresholds=[[3.0, 0.5], [0.5, 4.5]],
        leaves=[[-1.0, 0.5, 0.2, 1.5], [0.3, 0.6, -2.0, -1.5]],
        counts=[[10, 5, 5, 20], [30, 5, 4, 1]])


def test_oblivious_trees_score_each_line_by_its_leaves():
    model = _small_tree_model()
    X = np.zeros((3, len(L.FEATURE_NAMES)))
    X[0, [0, 3]] = [4.0, 1.0]  # long, ends a sentence: leaves 3 and 0 (not furniture, short)
    X[1, 4] = 1.0  # short furniture line: leaves 0 and 2
    X[2, [0, 4]] = [5.0, 1.0]  # long furniture line: leaves 2 and 3
    assert model.decision_function(X).tolist() == pytest.approx(
        [-1.0 + 1.5 + 0.3, -1.0 - 1.0 - 2.0, -1.0 + 0.2 - 1.5])


def test_oblivious_trees_explain_each_score():
    # each line's per-feature terms add up to its score less what every line starts from
    model = _small_tree_model()
    X = np.random.default_rng(0).uniform(0, 6, size=(20, len(L.FEATURE_NAMES)))
    start = model.init + sum(float(m[:, 0].sum()) for m in model._node_means[:1])
    assert model.contributions(X).sum(axis=1) == pytest.approx(model.decision_function(X) - start)


def test_tree_model_json_round_trip():
    model = _small_tree_model()
    model.decoding["bias"] = 0.75
    again = L.model_from_json(model.to_json())
    assert isinstance(again, L.TreeModel) and again.decoding["bias"] == 0.75
    X = np.random.default_rng(1).uniform(0, 6, size=(5, len(L.FEATURE_NAMES)))
    assert np.array_equal(again.decision_function(X), model.decision_function(X))
    assert again.to_json() == model.to_json()


def test_a_model_of_unknown_kind_or_features_is_refused():
    text = _small_tree_model().to_json()
    with pytest.raises(ValueError, match="kind='forest'"):
        L.model_from_json(text.replace('"oblivious_trees"', '"forest"'))
    with pytest.raises(ValueError, match="re-train it"):
        L.model_from_json(text.replace('"log_chars"', '"chars"'))


def test_the_committed_model_scores_the_seed_pages_like_its_full_matrix():
    from textlab.clean import _page
    from textlab.paths import SEEDS_DIR

    model = L.load_model()
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        lines = _page(path.read_text(encoding="utf-8"))[1]
        base, _ = L.base_features(lines)
        p = model.page_proba(base)
        assert np.array_equal(p, model.predict_proba(L.with_context(base)))
        assert ((p > 0) & (p < 1)).all()
