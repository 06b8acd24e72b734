"""Tokenizer and sentence splitter: what every counting helper relies on."""

import doctest
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.feature_extraction.text import CountVectorizer

import textlab.text
from textlab.text import (
    STOP_WORDS,
    TermAnalyzer,
    normalize,
    paragraphs,
    sentences,
    token_spans,
    tokenize,
    word_ngrams,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # abbreviations and acronyms keep their dots; a lone sentence-final dot is dropped
        ("Mr. Kim met U.N. envoys", ["mr", "kim", "met", "u.n.", "envoys"]),
        ("The U.S.A. and the U.K.", ["the", "u.s.a.", "and", "the", "u.k."]),
        ("at 5 p.m. on Dec. 3", ["at", "5", "p.m.", "on", "dec", "3"]),
        # initials
        ("J. K. Rowling", ["j", "k", "rowling"]),
        # contractions and possessives stay whole
        ("don't won't can't y'all", ["don't", "won't", "can't", "y'all"]),
        ("O'Neill's car", ["o'neill's", "car"]),
        ("the Workers' Party", ["the", "workers", "party"]),
        # hyphenated words, letters with digits
        ("Russian-made e-mail co-operate", ["russian-made", "e-mail", "co-operate"]),
        ("a 2-year-old S600 and COVID-19", ["a", "2-year-old", "s600", "and", "covid-19"]),
        ("the 1990s", ["the", "1990s"]),
        ("well--known", ["well", "known"]),  # a dash is not a hyphen
        # numbers keep their separators
        ("Resolution 2397 (2017)", ["resolution", "2397", "2017"]),
        ("$1,000,000.50 on 3/4/2024 at 9:30", ["1,000,000.50", "on", "3/4/2024", "at", "9:30"]),
        ("rose 12.5% or 3%", ["rose", "12.5%", "or", "3%"]),
        ("In 2017. Then", ["in", "2017", "then"]),
        # curly apostrophes and Unicode hyphens are unified
        ("Kim’s car doesn’t", ["kim's", "car", "doesn't"]),
        ("Kim\u02bcs", ["kim's"]),
        ("non\u2011stop and non\u2010stop", ["non-stop", "and", "non-stop"]),
        ("‘Aurus,’ a gift", ["aurus", "a", "gift"]),  # quote marks are not apostrophes
        ("'quoted'", ["quoted"]),
        # non-English text
        ("Müller’s café in São Paulo", ["müller's", "café", "in", "são", "paulo"]),
        ("l’école d’été", ["l'école", "d'été"]),
        ("nai\u0308ve", ["nai\u0308ve"]),  # decomposed accent stays inside the word
        ("ĐÀ NẴNG là đẹp", ["đà", "nẵng", "là", "đẹp"]),
        ("Ελλάδα και Κύπρος", ["ελλάδα", "και", "κύπρος"]),
        ("Привет, мир!", ["привет", "мир"]),
        # scripts without spaces: overlapping character bigrams; a one-character run stays
        ("北京欢迎你。", ["北京", "京欢", "欢迎", "迎你"]),
        ("東京都は、雨。", ["東京", "京都", "は", "雨"]),  # Japanese: cut where the script changes
        ("カタカナ語を発表した", ["カタ", "タカ", "カナ", "語", "を", "発表", "した"]),
        ("iPhone用户 2024年", ["iphone", "用户", "2024", "年"]),  # Latin and digits apart
        ("กินข้าว", ["กิน", "นข้", "ข้า", "าว"]),  # Thai marks stay with their letter
        # Hangul is written with spaces between words: kept as words
        ("서울에서 만나요", ["서울에서", "만나요"]),
        # nothing to tokenise
        ("", []),
        ("  \n\t ", []),
        ("-- ... !!", []),
    ],
)
def test_tokenize(text, expected):
    assert tokenize(text) == expected


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, ["the", "cars", "were", "gifted", "to", "kim"]),
        ({"lower": False}, ["The", "cars", "were", "gifted", "to", "Kim"]),
        ({"stop_words": True}, ["cars", "gifted", "kim"]),
        ({"stop_words": True, "lower": False}, ["cars", "gifted", "Kim"]),
        ({"stop_words": {"Kim", "cars"}}, ["the", "were", "gifted", "to"]),
        ({"stem": True}, ["the", "car", "were", "gift", "to", "kim"]),
        ({"stem": True, "stop_words": True}, ["car", "gift", "kim"]),
    ],
)
def test_tokenize_options(kwargs, expected):
    assert tokenize("The cars were gifted to Kim", **kwargs) == expected


def test_tokenize_missing_values_and_wrong_types():
    assert tokenize(None) == []
    assert tokenize(float("nan")) == []
    with pytest.raises(TypeError, match="text"):
        tokenize(42)
    with pytest.raises(ValueError, match="stop_words='english'.*language code"):
        tokenize("a b", stop_words="english")


def test_stop_words_are_scikit_learns():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    assert STOP_WORDS == ENGLISH_STOP_WORDS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # abbreviations, titles, months
        ("Mr. Kim met U.N. envoys on Dec. 3. They left.",
         ["Mr. Kim met U.N. envoys on Dec. 3.", "They left."]),
        ("Gen. Smith and Sen. Jones arrived at 5 a.m. on Jan. 4.",
         ["Gen. Smith and Sen. Jones arrived at 5 a.m. on Jan. 4."]),
        ("Dr. Smith arrived. He spoke.", ["Dr. Smith arrived.", "He spoke."]),
        ("He lives on Main St. in Boston. He sat. Then left.",
         ["He lives on Main St. in Boston.", "He sat.", "Then left."]),
        ("He was No. 2 in the party. It ended.", ["He was No. 2 in the party.", "It ended."]),
        # an abbreviation that ends a sentence, followed by a common sentence starter
        ("The vote was at the U.N. The U.S. abstained.",
         ["The vote was at the U.N.", "The U.S. abstained."]),
        ("It’s 5 p.m. The meeting ended.", ["It’s 5 p.m.", "The meeting ended."]),
        # initials
        ("J. K. Rowling wrote it. Kim J. Un came.", ["J. K. Rowling wrote it.", "Kim J. Un came."]),
        ("Prof. J. R. R. Tolkien wrote. Then he died.",
         ["Prof. J. R. R. Tolkien wrote.", "Then he died."]),
        # numbers
        ("It cost $1.5 million. It was 2,397 cars.", ["It cost $1.5 million.", "It was 2,397 cars."]),
        ("Resolution 2397 was adopted in December 2017. It bans cars.",
         ["Resolution 2397 was adopted in December 2017.", "It bans cars."]),
        # quotes, other punctuation, paragraphs, headlines without a final dot
        ("She said: “We are pleased.” He agreed.", ["She said: “We are pleased.”", "He agreed."]),
        ("Dr. Who? Yes! Really... And then.", ["Dr. Who?", "Yes!", "Really...", "And then."]),
        ("Putin Gifts Kim a Car\n\nKim’s sister thanked him.",
         ["Putin Gifts Kim a Car", "Kim’s sister thanked him."]),
        ("One line\nwrapped here.\r\n\r\nNext.", ["One line\nwrapped here.", "Next."]),
        # non-English text
        ("Das Auto ist neu. Kim fährt es.", ["Das Auto ist neu.", "Kim fährt es."]),
        # nothing
        ("", []),
        ("  \n\n  ", []),
    ],
)
def test_sentences(text, expected):
    assert sentences(text) == expected


def test_sentences_of_missing_value():
    assert sentences(None) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [("One.\n\n  \nTwo\r\n\r\nThree", ["One.", "Two", "Three"]), ("", []), ("a\nb", ["a\nb"])],
)
def test_paragraphs(text, expected):
    assert paragraphs(text) == expected


def test_token_spans_point_at_the_written_token():
    text = "Kim’s Russian-made car, 2,397 U.N."
    spans = token_spans(text)
    assert [t for *_, t in spans] == tokenize(text)
    assert [text[s:e] for s, e, _ in spans] == ["Kim’s", "Russian-made", "car", "2,397", "U.N."]
    assert token_spans("") == [] and token_spans(None) == []


@given(st.text(alphabet=st.sampled_from("ab’'-.,2 \nÉé\u2011"), max_size=40))
def test_token_spans_agree_with_tokenize(text):
    spans = token_spans(text)
    assert [t for *_, t in spans] == tokenize(text)
    assert all(normalize(text[s:e]).lower() == t for s, e, t in spans)


@given(st.text(max_size=60))
def test_normalize_keeps_length_and_tokenize_never_fails(text):
    assert len(normalize(text)) == len(text)
    assert all(tok for tok in tokenize(text))
    assert all(s.strip() for s in sentences(text))


@pytest.mark.parametrize(
    ("ngram_range", "expected"),
    [
        ((1, 1), ["north", "korea", "sanctions"]),
        ((2, 2), ["north korea", "korea sanctions"]),
        ((1, 2), ["north", "korea", "sanctions", "north korea", "korea sanctions"]),
        ((3, 4), ["north korea sanctions"]),
    ],
)
def test_word_ngrams(ngram_range, expected):
    assert word_ngrams(["north", "korea", "sanctions"], ngram_range) == expected


@pytest.mark.parametrize("bad", [(0, 1), (2, 1), "ab", (1,), None])
def test_bad_ngram_range(bad):
    with pytest.raises(ValueError, match="ngram_range"):
        word_ngrams(["a"], bad)


@pytest.mark.parametrize(
    ("analyzer", "text", "expected"),
    [
        (TermAnalyzer(), "The car, the car!", ["the", "car", "the", "car"]),
        (TermAnalyzer(stop_words=True), "The car, the car!", ["car", "car"]),
        # n-grams may contain stop words inside but not at either end
        (TermAnalyzer((2, 3), stop_words=True), "violation of UN-led sanctions",
         ["un-led sanctions", "violation of un-led"]),
        # scikit-learn's stop list has "un": "Kim Jong Un" loses it, "Jong-un" keeps it
        (TermAnalyzer((1, 2), stop_words=True), "Kim Jong Un", ["kim", "jong", "kim jong"]),
        (TermAnalyzer((1, 2), stop_words=True), "Security Council resolution",
         ["security", "council", "resolution", "security council", "council resolution"]),
        # never across a blank line
        (TermAnalyzer((2, 2)), "Personal Use\n\nKim's sister", ["personal use", "kim's sister"]),
        (TermAnalyzer(stem=True, stop_words=True), "The cars were gifted", ["car", "gift"]),
        (TermAnalyzer(stop_words={"Car"}), "The car", ["the"]),
        (TermAnalyzer((1, 2)), "", []),
    ],
)
def test_term_analyzer(analyzer, text, expected):
    assert analyzer(text) == expected


def test_term_analyzer_is_picklable_and_works_in_scikit_learn():
    analyzer = TermAnalyzer((1, 2), stop_words={"the"})
    clone = pickle.loads(pickle.dumps(analyzer))
    assert clone == analyzer and clone.stop_words == ("the",)
    cv = CountVectorizer(analyzer=clone).fit(["The Aurus car", "the car"])
    assert cv.get_feature_names_out().tolist() == ["aurus", "aurus car", "car"]


def test_docstring_examples_run():
    result = doctest.testmod(textlab.text)
    assert result.attempted > 0 and result.failed == 0


@given(st.text(alphabet="ab .,'-1U.N北京は、ภาษา\u0e34 ", max_size=40), st.data())
def test_tokens_of_a_slice_are_the_slice_of_the_tokens(text, data):
    # features read each sentence's tokens from the whole text with offsets; they must be the
    # tokens of the sentence cut out
    from textlab.text import _spans

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    inner = [(a - start, b - start) for a, b in _spans(text, start, end)]
    assert inner == _spans(text[start:end])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("北京下雨。上海晴天。", ["北京下雨。", "上海晴天。"]),
        ("本当ですか？はい！", ["本当ですか？", "はい！"]),
        ("「行く。」彼は言った。次へ", ["「行く。」", "彼は言った。", "次へ"]),
        ("Kim met Putin. 北京下雨。", ["Kim met Putin.", "北京下雨。"]),
        ("第一段。\n\n第二段", ["第一段。", "第二段"]),
    ],
)
def test_chinese_and_japanese_sentences_end_at_full_stops(text, expected):
    assert sentences(text) == expected


@given(st.text(alphabet="a’‘ʼ‐‑-' b", max_size=30))
def test_normalize_equals_the_translation_table(text):
    from textlab.text import _APOSTROPHES_AND_HYPHENS

    assert normalize(text) == text.translate(_APOSTROPHES_AND_HYPHENS)


_PUNKT_WORDS = ["Mr.", "Kim", "said", "U.S.", "U.N.", "it", "was", "over", ".", "!", "?", "!!",
                "...", "“No,”", "he", "(AP)", "Dec.", "3.", "The", "car", "gift.", "gift?",
                "end.\"", "yes!)", "e.g.", "a", "1.5", "—", "Gen.", "Milley", "'quoted.'"]


@given(st.lists(st.sampled_from(_PUNKT_WORDS), min_size=1, max_size=14))
def test_sentences_skip_punkt_only_where_punkt_finds_no_boundary(words):
    # sentences() hands a piece to Punkt only when an end character is followed by something;
    # the answer must be Punkt's own
    from textlab.text import _sentence_tokenizer

    piece = " ".join(words)
    assert sentences(piece) == _sentence_tokenizer().tokenize(piece)
