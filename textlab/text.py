"""Tokenising and sentence splitting with NLTK components that need no downloaded data.

One tokenizer (:func:`tokenize`) serves every helper, so that counts in ``terms``,
``similarity``, ``features`` and ``framing`` agree. Words keep internal apostrophes and hyphens
("don't", "Russian-made"), letters and digits stay together ("S600", "COVID-19", "1990s"),
acronyms keep their dots ("U.N."), numbers keep separators ("2,397", "1.5", "14:00", "12%").
Curly apostrophes and Unicode hyphens count as ``'`` and ``-``. Possessives stay attached
("kim's" is not "kim"), as in any tokenizer that keeps contractions whole.

Sentences come from an untrained Punkt tokenizer applied to each paragraph separately, told
about common abbreviations, months and single-letter initials (after which a dot does not end a
sentence) and about capitalised function words that start sentences ("The", "He", "But" …): a
dot after an abbreviation *does* end a sentence when one of those follows ("… at the U.N. The
vote …"). What it cannot know: "He said no. Kim left." stays one sentence ("no" is listed for
"No. 2"), and "World War I. Then" is read as an initial.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from nltk.stem import PorterStemmer
from nltk.tokenize import PunktSentenceTokenizer, RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = [
    "STOP_WORDS",
    "ABBREVIATIONS",
    "SENTENCE_STARTERS",
    "normalize",
    "tokenize",
    "token_spans",
    "word_ngrams",
    "TermAnalyzer",
    "sentences",
    "paragraphs",
]

STOP_WORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS)
"""English stop words (scikit-learn's list).

It has known oddities: "un" (so "Kim Jong Un" and "UN" lose it, while "U.N." and "Jong-un"
keep it), "bill", "fire", "system", "interest". Pass ``stop_words=STOP_WORDS - {"un"}`` where
that matters.
"""

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
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_STEMMER = PorterStemmer()


def normalize(text: str) -> str:
    """Unify curly apostrophes to ``'`` and Unicode hyphens to ``-``; the length is unchanged.

    Examples
    --------
    >>> normalize("Kim’s non\u2011stop")
    "Kim's non-stop"
    """
    return text.translate(_APOSTROPHES_AND_HYPHENS)


@lru_cache(maxsize=1)
def _sentence_tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    params.sent_starters = set(SENTENCE_STARTERS)
    return PunktSentenceTokenizer(params)


def _stop_set(stop_words: bool | Iterable[str] | None) -> frozenset[str]:
    if stop_words is None or stop_words is False:
        return frozenset()
    if stop_words is True:
        return STOP_WORDS
    if isinstance(stop_words, str):
        raise TypeError(
            f"stop_words={stop_words!r}: expected True, False or a collection of words"
        )
    return frozenset(w.lower() for w in stop_words)


def tokenize(
    text: str,
    *,
    lower: bool = True,
    stem: bool = False,
    stop_words: bool | frozenset[str] | set[str] = False,
) -> list[str]:
    """Split text into word tokens (punctuation dropped).

    Parameters
    ----------
    text
        Any string; ``None`` and NaN count as empty.
    lower
        Lower-case the tokens.
    stem
        Apply NLTK's Porter stemmer (implies ``lower``).
    stop_words
        ``True`` drops :data:`STOP_WORDS`; a set drops those words (compared in lower case);
        ``False`` keeps everything. Stop words are dropped before stemming.

    Returns
    -------
    list of str

    Examples
    --------
    >>> tokenize("Kim’s Russian-made car doesn't break U.N. rules, 2,397 says.")
    ["kim's", 'russian-made', 'car', "doesn't", 'break', 'u.n.', 'rules', '2,397', 'says']
    >>> tokenize("The cars were gifted", stop_words=True, stem=True)
    ['car', 'gift']
    >>> tokenize("Maybach S600, COVID-19", lower=False)
    ['Maybach', 'S600', 'COVID-19']
    """
    if not isinstance(text, str):
        if text is None or text != text:  # None or NaN
            return []
        raise TypeError(f"text: expected a string, got {type(text).__name__}")
    tokens = _WORDS.tokenize(normalize(text))
    if lower or stem:
        tokens = [t.lower() for t in tokens]
    drop = _stop_set(stop_words)
    if drop:
        tokens = [t for t in tokens if t.lower() not in drop]
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
    spans = _WORDS.span_tokenize(norm)
    return [(s, e, norm[s:e].lower() if lower else norm[s:e]) for s, e in spans]


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


@dataclass(frozen=True)
class TermAnalyzer:
    """A picklable ``analyzer`` for scikit-learn vectorizers: text in, terms out.

    Terms are lower-case :func:`tokenize` tokens and their n-grams. N-grams are formed on the
    full token sequence within each paragraph (never across a blank line); with stop words on,
    an n-gram is dropped when it *starts or ends* with a stop word, so "violation of sanctions"
    is a trigram but "of sanctions" and a made-up "violation sanctions" are not terms.

    Parameters
    ----------
    ngram_range
        ``(min_n, max_n)``.
    stop_words
        As in :func:`tokenize`; a set is stored as a sorted tuple.
    stem
        Porter-stem the tokens (stop words are recognised before stemming).

    Examples
    --------
    >>> TermAnalyzer((1, 3), stop_words=True)("Violation of UN-led sanctions")
    ['violation', 'un-led', 'sanctions', 'un-led sanctions', 'violation of un-led']
    >>> from sklearn.feature_extraction.text import CountVectorizer
    >>> cv = CountVectorizer(analyzer=TermAnalyzer((1, 2), stop_words=True))
    >>> cv.fit(["The car was a gift.", "A car gift!"]).get_feature_names_out().tolist()
    ['car', 'car gift', 'gift']
    """

    ngram_range: tuple[int, int] = (1, 1)
    stop_words: bool | tuple[str, ...] = False
    stem: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "ngram_range", _check_ngram_range(self.ngram_range))
        if not isinstance(self.stop_words, bool):
            object.__setattr__(self, "stop_words", tuple(sorted(_stop_set(self.stop_words))))

    def __call__(self, text: str) -> list[str]:
        stop = _stop_set(self.stop_words if isinstance(self.stop_words, bool)
                         else self.stop_words)
        lo, hi = self.ngram_range
        terms: list[str] = []
        for para in paragraphs(text):
            toks = tokenize(para)
            keep = [t not in stop for t in toks]
            if self.stem:
                toks = [_STEMMER.stem(t) for t in toks]
            for n in range(lo, hi + 1):
                for i in range(len(toks) - n + 1):
                    if keep[i] and keep[i + n - 1]:
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


def sentences(text: str) -> list[str]:
    """Split text into sentences, paragraph by paragraph.

    A paragraph without final punctuation (a headline) is a sentence of its own.

    Examples
    --------
    >>> sentences("Mr. Kim met U.N. envoys on Dec. 3. They left.\\n\\nA headline")
    ['Mr. Kim met U.N. envoys on Dec. 3.', 'They left.', 'A headline']
    >>> sentences("The vote was at the U.N. The U.S. abstained.")
    ['The vote was at the U.N.', 'The U.S. abstained.']
    """
    tok = _sentence_tokenizer()
    return [s for p in paragraphs(text) for s in tok.tokenize(p)]
