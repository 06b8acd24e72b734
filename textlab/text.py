"""Tokenising and sentence splitting with NLTK components that need no downloaded data.

One tokenizer (:func:`tokenize`) serves every helper, so that counts in ``terms``,
``similarity``, ``features`` and ``framing`` agree. Words keep internal apostrophes and hyphens
("don't", "Russian-made"), letters and digits stay together ("S600", "COVID-19", "1990s"),
acronyms keep their dots ("U.N."), numbers keep separators ("2,397", "1.5", "14:00", "12%").
Curly apostrophes and Unicode hyphens count as ``'`` and ``-``. Possessives stay attached
("kim's" is not "kim"), as in any tokenizer that keeps contractions whole.

Chinese and Japanese (Han, Hiragana, Katakana) and Thai are written without spaces between
words, so a "word" token there would be a whole clause. Runs of those scripts are cut into
overlapping character bigrams instead ("北京欢迎你" -> "北京", "京欢", "欢迎", "迎你"; a run of
one character is a unigram), as the CJK analyzers of search engines do: no dictionary, no
download, and the bigrams that carry meaning (most Chinese and Japanese words are two
characters) recur across documents while the junk ones do not. Japanese runs are cut where
the script changes (Kanji, Hiragana, Katakana), so a particle or an inflection written in
Hiragana never pairs with the Kanji of a word ("発表した" -> "発表", "した"). Korean (Hangul) is left as
written: it puts spaces between words, and its stop lists are lists of words, which bigrams
would no longer match. Text in any other script tokenises exactly as before.

Sentences come from an untrained Punkt tokenizer applied to each paragraph separately, told
about common abbreviations, months and single-letter initials (after which a dot does not end a
sentence) and about capitalised function words that start sentences ("The", "He", "But" …): a
dot after an abbreviation *does* end a sentence when one of those follows ("… at the U.N. The
vote …"). What it cannot know: "He said no. Kim left." stays one sentence ("no" is listed for
"No. 2"), and "World War I. Then" is read as an initial.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from nltk.stem import PorterStemmer
from nltk.tokenize import PunktSentenceTokenizer, RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from textlab.lang import UNDETERMINED, detect_language, normalize_lang

__all__ = [
    "STOP_WORDS",
    "STOP_WORD_LANGUAGES",
    "stop_words",
    "is_bigram_token",
    "ABBREVIATIONS",
    "SENTENCE_STARTERS",
    "normalize",
    "tokenize",
    "token_spans",
    "word_ngrams",
    "TermAnalyzer",
    "LangText",
    "sentences",
    "paragraphs",
]

STOP_WORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS)
"""English stop words (scikit-learn's list).

It has known oddities: "un" (so "Kim Jong Un" and "UN" lose it, while "U.N." and "Jong-un"
keep it), "bill", "fire", "system", "interest". Pass ``stop_words=STOP_WORDS - {"un"}`` where
that matters.
"""

# stop-words (PyPI) names Norwegian Bokmål "nb"; the detector says "no"
_STOP_WORD_ALIASES = {"no": "nb"}


def _packaged_stop_word_languages() -> frozenset[str]:
    from stop_words import LANGUAGE_MAPPING

    return frozenset(LANGUAGE_MAPPING) | frozenset(_STOP_WORD_ALIASES)


STOP_WORD_LANGUAGES: frozenset[str] = _packaged_stop_word_languages()
"""Language codes :func:`stop_words` has a list for (33 languages and the alias ``no``)."""


@cache
def stop_words(lang: str) -> frozenset[str]:
    """The stop words of a language, lower case, apostrophes as ``'``.

    English is :data:`STOP_WORDS` (scikit-learn's list, as textlab always used); the other
    languages come from the ``stop-words`` package (curated lists for 33 languages, shipped in
    its wheel). It was chosen over ``stopwordsiso`` (58 languages) because the ISO lists are
    unions of many sources that take in content words a news analysis needs to keep (Russian
    "мир" and "советский", German "ordnung" and "bekannt"); the lists of ``stop-words`` are
    (nearly) subsets of them. A language without a list (or :data:`textlab.lang.UNDETERMINED`)
    gives an empty set: nothing is removed rather than the wrong language's words.

    Parameters
    ----------
    lang
        A language code (``"fr"``, ``"de-AT"``, …; see :func:`textlab.lang.normalize_lang`).

    Examples
    --------
    >>> sorted(stop_words("fr") & {"le", "la", "voiture", "et"})
    ['et', 'la', 'le']
    >>> stop_words("en") is STOP_WORDS, len(stop_words("und"))
    (True, 0)
    """
    code = normalize_lang(lang)
    if code is None:
        raise ValueError(f"lang={lang!r}: expected a language code such as 'en' or 'fr'")
    if code == "en":
        return STOP_WORDS
    code = _STOP_WORD_ALIASES.get(code, code)
    if code not in STOP_WORD_LANGUAGES:
        return frozenset()
    from stop_words import get_stop_words

    words = frozenset(normalize(w).lower().strip() for w in get_stop_words(code, cache=False))
    # Japanese writes particles and inflections in Hiragana, most content words in Kanji or
    # Katakana: with its stop words on, Hiragana-only tokens go too (see tokenize)
    return words | {_HIRAGANA_MARK} if code == "ja" else words


_ABBREVIATION_LIST = (
    "mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt maj cmdr adm gov sen rep rev hon pres "
    "inc corp co ltd llc plc dept univ assn bros vs etc approx est no nos vol fig al "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues thu thur thurs fri "
    "u.s u.n u.k e.u u.s.a d.c a.m p.m e.g i.e n.k s.k"
)
ABBREVIATIONS: frozenset[str] = frozenset(
    _ABBREVIATION_LIST.split() + list("abcdefghijklmnopqrstuvwxyz")  # initials: "J. K. Rowling"
)
"""Tokens (lower case, without the final dot) after which a dot does not end a sentence.

"sat", "sun" and "wed" are left out on purpose: as words they end sentences far more often
than they abbreviate week days in running news text.
"""

_STARTER_LIST = (
    "the a an he she it its they we you this that these those there his her their our "
    "but and or so yet however meanwhile also then in on at for after before when while if as "
    "although though because since during earlier later now still"
)
SENTENCE_STARTERS: frozenset[str] = frozenset(_STARTER_LIST.split())
"""Lower-cased words that, capitalised after an abbreviation, start a new sentence."""

_REPLACEMENTS = (("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"), ("\u2010", "-"),
                 ("\u2011", "-"))
_APOSTROPHES_AND_HYPHENS = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"}
)
# a "word character": letters, digits and combining accents (decomposed "é"), no underscore
_W = r"(?:[^\W_]|[\u0300-\u036f])"
_TOKEN_PATTERN = rf"""(?x)
    (?:[A-Za-z]\.){{2,}}                # acronyms: U.N., U.S.A.
  | \d+(?:[.,:/]\d+)+%? | \d+%        # numbers with separators: 2,397  1.5  14:00  12%
  | {_W}+(?:['-]{_W}+)*               # words, contractions, hyphenated words, S600, 1990s
"""
_WORDS = RegexpTokenizer(_TOKEN_PATTERN)
_WORD_RE = re.compile(_TOKEN_PATTERN, re.UNICODE | re.MULTILINE | re.DOTALL)
# scripts written without spaces between words, each run cut apart from the others: CJK
# ideographs (and the iteration mark), Hiragana, Katakana (with the prolonged-sound mark and
# the phonetic extensions, without the middle dot) and Thai
_HAN = "\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HIRAGANA = "\u3040-\u309f"
_KATAKANA = "\u30a0-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
_THAI = "\u0e00-\u0e7f"
_HAS_BIGRAM_CHAR = re.compile(f"[{_HAN}{_HIRAGANA}{_KATAKANA}{_THAI}]")
_BIGRAM_RUN = re.compile(f"[{_HAN}]+|[{_HIRAGANA}]+|[{_KATAKANA}]+|[{_THAI}]+")
_ALL_HIRAGANA = re.compile(f"[{_HIRAGANA}]+")
_HIRAGANA_MARK = "\x00hiragana"  # in a stop set: every Hiragana-only token is a stop term
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_STEMMER = PorterStemmer()


def normalize(text: str) -> str:
    """Unify curly apostrophes to ``'`` and Unicode hyphens to ``-``; the length is unchanged.

    Examples
    --------
    >>> normalize("Kim’s non\u2011stop")
    "Kim's non-stop"
    """
    # str.replace for the few characters present is ~10x faster than str.translate's
    # per-character mapping on a page of text, with the same result
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    return text


@lru_cache(maxsize=1)
def _sentence_tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    params.sent_starters = set(SENTENCE_STARTERS)
    return PunktSentenceTokenizer(params)


StopWords = bool | str | Iterable[str] | None
"""What a ``stop_words`` option accepts: see :func:`tokenize`."""


def _stop_set(spec: StopWords, text: str = "", lang: str | None = None) -> frozenset[str]:
    """The stop words that ``spec`` (a ``stop_words`` option) applies to ``text``, written in
    ``lang`` when known."""
    if spec is None or spec is False:
        return frozenset()
    if spec is True or spec == "auto":
        if lang is None or lang == UNDETERMINED:
            lang = detect_language(text)[0] if text else UNDETERMINED
        # a text too short to identify keeps the list textlab used before it knew languages
        return stop_words(lang) if lang != UNDETERMINED else STOP_WORDS
    if isinstance(spec, str):
        return stop_words(spec)
    return frozenset(normalize(w).lower() for w in spec)


def _check_stop(stop_words: StopWords) -> None:
    code = normalize_lang(stop_words) if isinstance(stop_words, str) else None
    if isinstance(stop_words, str) and stop_words != "auto" and (
            code is None or not code.isalpha() or not 2 <= len(code) <= 3):
        raise ValueError(f"stop_words={stop_words!r}: expected True/'auto', False, a language "
                         "code such as 'fr', or a collection of words")


def is_bigram_token(token: str) -> bool:
    """Whether ``token`` is a character n-gram of a script written without spaces (CJK, Thai).

    Examples
    --------
    >>> is_bigram_token("北京"), is_bigram_token("beijing")
    (True, False)
    """
    return _HAS_BIGRAM_CHAR.search(token) is not None


def _is_stop(token: str, stop: frozenset[str], bigrams: bool) -> bool:
    # an elided function word with a stop word ("d'un", "qu'il": French lists hold "d'",
    # "qu'") is a stop term; a character bigram is one when it is listed or holds a
    # one-character stop word; with the Japanese list, so is any token in Hiragana only
    if token in stop:
        return True
    head, apostrophe, rest = token.partition("'")
    if apostrophe and head + "'" in stop and rest in stop:
        return True
    return (bigrams and is_bigram_token(token) and (
        (len(token) > 1 and any(c in stop for c in token))
        or (_HIRAGANA_MARK in stop and _ALL_HIRAGANA.fullmatch(token) is not None)))


def _bigram_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    # a combining mark (Thai vowels and tones) belongs to the character before it
    units = [i for i in range(start, end)
             if i == start or not unicodedata.category(text[i]).startswith("M")]
    if len(units) == 1:
        return [(start, end)]
    stops = [*units[1:], end]
    return [(units[i], stops[i + 1]) for i in range(len(units) - 1)]


def _spans(norm: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token spans of normalised text (of ``norm[start:end]``, with offsets in ``norm``: the
    same tokens as of the slice, since the pattern looks neither behind nor ahead of its
    match); runs of CJK/Thai become character bigrams."""
    end = len(norm) if end is None else end
    if _HAS_BIGRAM_CHAR.search(norm, start, end) is None:
        return [m.span() for m in _WORD_RE.finditer(norm, start, end)]
    out: list[tuple[int, int]] = []
    pos = start
    for run in _BIGRAM_RUN.finditer(norm, start, end):
        out.extend(m.span() for m in _WORD_RE.finditer(norm, pos, run.start()))
        out.extend(_bigram_spans(norm, run.start(), run.end()))
        pos = run.end()
    out.extend(m.span() for m in _WORD_RE.finditer(norm, pos, end))
    return out


def tokenize(
    text: str,
    *,
    lower: bool = True,
    stem: bool = False,
    stop_words: StopWords = False,
) -> list[str]:
    """Split text into word tokens (punctuation dropped).

    Runs of Chinese/Japanese characters and Thai become overlapping character bigrams (see
    the module docstring).

    Parameters
    ----------
    text
        Any string; ``None`` and NaN count as empty.
    lower
        Lower-case the tokens.
    stem
        Apply NLTK's Porter stemmer (implies ``lower``).
    stop_words
        ``False`` keeps everything. ``True`` or ``"auto"`` drops the stop words of the text's
        language (:func:`stop_words`; detected by :func:`textlab.lang.detect_language`, and
        the English list when the text is too short to tell); a language code (``"fr"``) drops
        that language's; a set drops those words (compared in lower case). A character
        bigram is dropped when it is a stop word or holds a one-character stop word (Chinese
        "的", Japanese "は"); with Japanese stop words, tokens written only in Hiragana
        (particles, inflections: "した", "いる") are dropped too. Stop words are dropped
        before stemming.

    Returns
    -------
    list of str

    Examples
    --------
    >>> tokenize("Kim’s Russian-made car doesn't break U.N. rules, 2,397 says.")
    ["kim's", 'russian-made', 'car', "doesn't", 'break', 'u.n.', 'rules', '2,397', 'says']
    >>> tokenize("The cars were gifted", stop_words="en", stem=True)
    ['car', 'gift']
    >>> tokenize("Maybach S600, COVID-19", lower=False)
    ['Maybach', 'S600', 'COVID-19']
    >>> tokenize("東京都は計画を発表した", stop_words="ja")
    ['東京', '京都', '計画', '発表']
    """
    if not isinstance(text, str):
        if text is None or text != text:  # None or NaN
            return []
        raise TypeError(f"text: expected a string, got {type(text).__name__}")
    _check_stop(stop_words)
    norm = normalize(text)
    bigrams = _HAS_BIGRAM_CHAR.search(norm) is not None
    tokens = [norm[a:b] for a, b in _spans(norm)] if bigrams else _WORD_RE.findall(norm)
    if lower or stem:
        tokens = [t.lower() for t in tokens]
    drop = _stop_set(stop_words, text)
    if drop:
        tokens = [t for t in tokens if not _is_stop(t.lower(), drop, bigrams)]
    if stem:
        tokens = [_STEMMER.stem(t) for t in tokens]
    return tokens


def token_spans(text: str, *, lower: bool = True) -> list[tuple[int, int, str]]:
    """Tokens with their character offsets in ``text``: ``(start, end, token)``.

    The tokens are exactly those of ``tokenize(text, lower=lower)``; ``text[start:end]`` is the
    token as written (curly apostrophe and all).

    Examples
    --------
    >>> token_spans("Kim’s car.")
    [(0, 5, "kim's"), (6, 9, 'car')]
    """
    if not isinstance(text, str) or not text:
        return []
    norm = normalize(text)
    return [(s, e, norm[s:e].lower() if lower else norm[s:e]) for s, e in _spans(norm)]


def word_ngrams(tokens: Sequence[str], ngram_range: tuple[int, int] = (1, 1)) -> list[str]:
    """All n-grams of ``tokens`` for n in ``ngram_range`` (inclusive), joined by one space.

    The order is scikit-learn's: all unigrams, then all bigrams, and so on.

    Examples
    --------
    >>> word_ngrams(["north", "korea", "sanctions"], (1, 2))
    ['north', 'korea', 'sanctions', 'north korea', 'korea sanctions']
    """
    lo, hi = _check_ngram_range(ngram_range)
    out: list[str] = []
    for n in range(lo, hi + 1):
        if n == 1:
            out.extend(tokens)
        else:
            out.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return out


def _check_ngram_range(ngram_range: tuple[int, int]) -> tuple[int, int]:
    try:
        lo, hi = (int(v) for v in ngram_range)
    except (TypeError, ValueError):
        raise ValueError(
            f"ngram_range={ngram_range!r}: expected a pair (min_n, max_n) of integers"
        ) from None
    if lo < 1 or hi < lo:
        raise ValueError(f"ngram_range={ngram_range!r}: expected 1 <= min_n <= max_n")
    return lo, hi


LangText = tuple[str, "str | None"]
"""A text with its language code (``None``: unknown), as :class:`TermAnalyzer` accepts it."""


def _lang_texts(doc: object) -> list[tuple[str, str | None]]:
    """A document for :class:`TermAnalyzer` as ``[(text, lang), ...]``."""
    if isinstance(doc, str):
        return [(doc, None)]
    if isinstance(doc, tuple) and len(doc) == 2 and isinstance(doc[0], str) and (
            doc[1] is None or isinstance(doc[1], str)):
        return [doc]
    if isinstance(doc, (list, tuple)):
        return [pair for part in doc for pair in _lang_texts(part)]
    if doc is None or doc != doc:  # None or NaN
        return []
    raise TypeError(f"doc: expected a string, a (text, lang) pair or a sequence of them, got "
                    f"{type(doc).__name__}")


@dataclass(frozen=True)
class TermAnalyzer:
    """A picklable ``analyzer`` for scikit-learn vectorizers: text in, terms out.

    Terms are lower-case :func:`tokenize` tokens and their n-grams. N-grams are formed on the
    full token sequence within each paragraph (never across a blank line); with stop words on,
    an n-gram is dropped when it *starts or ends* with a stop word, so "violation of sanctions"
    is a trigram but "of sanctions" and a made-up "violation sanctions" are not terms.
    Character bigrams of Chinese, Japanese and Thai (see :func:`tokenize`) already hold the
    characters' order, so no word n-gram is made of them.

    A document is a string, a ``(text, lang)`` pair, or a sequence of pairs (a group of
    documents in several languages, each with its own stop words); its terms are those of
    its parts in turn.

    Parameters
    ----------
    ngram_range
        ``(min_n, max_n)``.
    stop_words
        As in :func:`tokenize`; with ``True``/``"auto"`` each text takes its own language's
        stop words (the ``lang`` of its pair, else detected). A set is stored as a sorted
        tuple.
    stem
        Porter-stem the tokens (stop words are recognised before stemming).

    Examples
    --------
    >>> TermAnalyzer((1, 3), stop_words="en")("Violation of UN-led sanctions")
    ['violation', 'un-led', 'sanctions', 'un-led sanctions', 'violation of un-led']
    >>> TermAnalyzer(stop_words=True)([("Le cadeau de Kim", "fr"), ("The gift of Kim", "en")])
    ['cadeau', 'kim', 'gift', 'kim']
    >>> from sklearn.feature_extraction.text import CountVectorizer
    >>> cv = CountVectorizer(analyzer=TermAnalyzer((1, 2), stop_words=True))
    >>> cv.fit(["The car was a gift.", "A car gift!"]).get_feature_names_out().tolist()
    ['car', 'car gift', 'gift']
    """

    ngram_range: tuple[int, int] = (1, 1)
    stop_words: bool | str | tuple[str, ...] = False
    stem: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "ngram_range", _check_ngram_range(self.ngram_range))
        _check_stop(self.stop_words)
        if self.stop_words is None:
            object.__setattr__(self, "stop_words", False)
        elif not isinstance(self.stop_words, (bool, str)):
            object.__setattr__(self, "stop_words", tuple(sorted(_stop_set(self.stop_words))))

    def __call__(self, doc: str | LangText | Sequence[LangText]) -> list[str]:
        lo, hi = self.ngram_range
        terms: list[str] = []
        for text, lang in _lang_texts(doc):
            stop = _stop_set(self.stop_words, text, lang)
            for para in paragraphs(text):
                toks = tokenize(para)
                bigrams = any(map(is_bigram_token, toks)) if _HAS_BIGRAM_CHAR.search(para) \
                    else False
                keep = [not _is_stop(t, stop, bigrams) for t in toks]
                if self.stem:
                    toks = [_STEMMER.stem(t) for t in toks]
                cjk = [is_bigram_token(t) for t in toks] if bigrams else None
                for n in range(lo, hi + 1):
                    for i in range(len(toks) - n + 1):
                        if keep[i] and keep[i + n - 1] and (
                                cjk is None or n == 1 or not any(cjk[i:i + n])):
                            terms.append(toks[i] if n == 1 else " ".join(toks[i : i + n]))
        return terms


def paragraphs(text: str) -> list[str]:
    """Blocks of text separated by blank lines, stripped, empty ones dropped.

    Examples
    --------
    >>> paragraphs("One.\\n\\n  \\nTwo\\r\\n\\r\\nThree")
    ['One.', 'Two', 'Three']
    """
    if not isinstance(text, str):
        return []
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text.replace("\r\n", "\n")) if p.strip()]


_CJK_FULL_STOP = re.compile("[\u3002\uff01\uff1f]")
# a sentence of Chinese or Japanese: up to its full stop, "！" or "？" (and the closing quotes
# or brackets right after it), since no space follows them for Punkt to see
_CJK_SENTENCE = re.compile("[^\u3002\uff01\uff1f]*(?:[\u3002\uff01\uff1f]+"
                           "[\u300d\u300f\uff09\u201d\u2019]*|$)")


_SENTENCE_END = re.compile(r"[.?!]")  # Punkt's sentence-ending characters


def _pieces(paragraph: str) -> list[str]:
    if _CJK_FULL_STOP.search(paragraph) is None:
        return [paragraph]
    return [m.group().strip() for m in _CJK_SENTENCE.finditer(paragraph) if m.group().strip()]


def sentences(text: str) -> list[str]:
    """Split text into sentences, paragraph by paragraph.

    A paragraph without final punctuation (a headline) is a sentence of its own. Chinese and
    Japanese sentences end at "。", "！" or "？" (with the closing brackets after it), which
    no space follows; a quoted question inside a sentence ("「本当？」と言った") is cut there.

    Examples
    --------
    >>> sentences("Mr. Kim met U.N. envoys on Dec. 3. They left.\\n\\nA headline")
    ['Mr. Kim met U.N. envoys on Dec. 3.', 'They left.', 'A headline']
    >>> sentences("The vote was at the U.N. The U.S. abstained.")
    ['The vote was at the U.N.', 'The U.S. abstained.']
    >>> sentences("市长表示新桥将通车。居民担忧！「真的吗？」")
    ['市长表示新桥将通车。', '居民担忧！', '「真的吗？」']
    """
    tok = _sentence_tokenizer()
    # a piece with no ".", "?" or "!" but its last character is one sentence: Punkt only looks
    # at an end character followed by something (punctuation, or a space and a token)
    return [s for p in paragraphs(text) for piece in _pieces(p)
            for s in (tok.tokenize(piece) if _SENTENCE_END.search(piece, 0, len(piece) - 1)
                      else (piece,))]
