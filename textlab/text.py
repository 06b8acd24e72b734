"""Tokenising and sentence splitting with NLTK components that need no downloaded data.

One tokenizer (:func:`tokenize`) serves every helper, so that counts in ``terms``,
``similarity``, ``features`` and ``framing`` agree. Words keep internal apostrophes and hyphens
("don't", "Russian-made"), acronyms keep their dots ("U.N."), numbers keep separators
("2,397", "1.5"). Sentences come from an untrained Punkt tokenizer told about common
abbreviations, months and initials, applied to each paragraph separately.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nltk.stem import PorterStemmer
from nltk.tokenize import PunktSentenceTokenizer, RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = ["STOP_WORDS", "ABBREVIATIONS", "tokenize", "sentences", "paragraphs", "normalize"]

STOP_WORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS)
"""English stop words (scikit-learn's list)."""

ABBREVIATIONS: frozenset[str] = frozenset(
    "mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt maj cmdr adm gov sen rep rev hon pres "
    "inc corp co ltd llc plc dept univ assn bros vs etc approx est no nos vol fig al "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun "
    "u.s u.n u.k e.u u.s.a d.c a.m p.m e.g i.e n.k s.k".split()
    + list("abcdefghijklmnopqrstuvwxyz")  # initials: "Kim J. Un", "J. K. Rowling"
)
"""Tokens (lower case, without the final dot) after which a dot does not end a sentence."""

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_TOKEN_PATTERN = r"""(?x)
    (?:[A-Za-z]\.){2,}                # acronyms: U.N., U.S.A.
  | \d+(?:[.,:/]\d+)*%?               # numbers: 2,397  1.5  14:00  12%
  | [^\W\d_]+(?:['-][^\W_]+)*         # words, contractions and hyphenated words
"""
_WORDS = RegexpTokenizer(_TOKEN_PATTERN)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_STEMMER = PorterStemmer()


def normalize(text: str) -> str:
    """Unify curly apostrophes to ``'`` (so "Kim’s" and "Kim's" are one token)."""
    return text.translate(_APOSTROPHES)


@lru_cache(maxsize=1)
def _sentence_tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def tokenize(
    text: str, *, lower: bool = True, stem: bool = False, stop_words: bool | frozenset[str] = False
) -> list[str]:
    """Split text into word tokens (punctuation dropped).

    Parameters
    ----------
    text
        Any string.
    lower
        Lower-case the tokens.
    stem
        Apply NLTK's Porter stemmer (implies ``lower``).
    stop_words
        ``True`` drops :data:`STOP_WORDS`; a set drops those words; ``False`` keeps everything.

    Examples
    --------
    >>> tokenize("Kim’s Russian-made car doesn't break U.N. rules, 2,397 says.")
    ["kim's", 'russian-made', 'car', "doesn't", 'break', 'u.n.', 'rules', '2,397', 'says']
    >>> tokenize("The cars were gifted", stop_words=True, stem=True)
    ['car', 'gift']
    """
    tokens = _WORDS.tokenize(normalize(text))
    if lower or stem:
        tokens = [t.lower() for t in tokens]
    if stop_words:
        drop = STOP_WORDS if stop_words is True else stop_words
        tokens = [t for t in tokens if t.lower() not in drop]
    if stem:
        tokens = [_STEMMER.stem(t) for t in tokens]
    return tokens


def paragraphs(text: str) -> list[str]:
    """Blocks of text separated by blank lines, stripped, empty ones dropped."""
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text.replace("\r\n", "\n")) if p.strip()]


def sentences(text: str) -> list[str]:
    """Split text into sentences, paragraph by paragraph.

    Examples
    --------
    >>> sentences("Mr. Kim met U.N. envoys on Dec. 3. They left.\\n\\nA headline")
    ['Mr. Kim met U.N. envoys on Dec. 3.', 'They left.', 'A headline']
    """
    tok = _sentence_tokenizer()
    return [s for p in paragraphs(text) for s in tok.tokenize(p)]
