"""Shallow text features per line and the small logistic-regression line classifier.

Features (boilerpipe/jusText style, nothing that names a site or a story): line length,
stop-word density in the page's language, density of the page's own most frequent words
(a language-agnostic stand-in for stop words, so CJK and unlisted languages are not left
empty), sentence-final punctuation, furniture phrases, bullets, title case, repetition within
the page, relative position, digits, links, commas, and the same signals of the neighbouring
lines (±1..3) and of windows of ±5 and ±15 lines. :func:`base_features` computes each line's
own (BASE_FEATURES), :func:`with_context` adds the neighbours' and windows' (FEATURE_NAMES,
for training and for explaining a decision); since those are copies and means of base
features, :meth:`LineModel.page_proba` scores a page from its base features alone.

The model is ``data/line_model.json``: feature names, standardisation (mean, scale), weights
and intercept. It is re-trained by ``python -m textlab.benchmarks.train_cleaner DEV_DIR``
(``make train-cleaner``) from pages with gold article bodies.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from textlab import _patterns as P
from textlab.paths import DATA_DIR
from textlab.text import STOP_WORDS

__all__ = ["BASE_FEATURES", "FEATURE_NAMES", "LineFacts", "line_features", "page_features",
           "base_features", "with_context", "DECODING", "LineModel", "TreeModel",
           "model_from_json", "load_model"]

STOPLISTS: dict[str, frozenset[str]] = {"en": frozenset(STOP_WORDS), **P.STOPWORDS}
MIN_STOP_SHARE = 0.08  # below this share of stop words a page has no usable stop list
N_FREQUENT = 20  # the page's most frequent words used as its own "stop words"

BASE_FEATURES = (
    "log_chars", "log_words", "stop_density", "sentence_end", "furniture", "bullet",
    "title_case", "repeated", "position", "caption", "byline", "digit_share", "link",
    "cjk_share", "commas_per_word", "log_len_vs_median", "share_of_page", "starts_lower",
    "ends_colon", "has_pipe", "frequent_word_density",
)
_CONTEXT_COLS = (0, 2, 3, 4, 6)  # log_chars, stop_density, sentence_end, furniture, title_case
_OFFSETS = (1, 2, 3)
_WINDOWS = (5, 15)
_WINDOW_COLS = (0, 2, 3)


def _context_names() -> tuple[str, ...]:
    names = []
    for d in _OFFSETS:
        names += [f"prev{d}_{BASE_FEATURES[c]}" for c in _CONTEXT_COLS]
        names += [f"next{d}_{BASE_FEATURES[c]}" for c in _CONTEXT_COLS]
    for w in _WINDOWS:
        names += [f"win{w}_{BASE_FEATURES[c]}" for c in _WINDOW_COLS]
    return tuple(names)


FEATURE_NAMES = BASE_FEATURES + _context_names()


# --- stop words: one bit per language for every listed word ---------------------------------
_LANGS = tuple(STOPLISTS)
_STOP_BITS: dict[str, int] = {}
for _bit, _lang in enumerate(_LANGS):
    for _word in STOPLISTS[_lang]:
        _STOP_BITS[_word] = _STOP_BITS.get(_word, 0) | (1 << _bit)


# --- character classes: bit flags for every code point of the Basic Multilingual Plane --------
# (code points above it are looked up as U+FFFF, which has only the _OWN_LOWER flag)
(_UPPER, _LOWER_START, _CJK, _DIGIT, _IS_UPPER, _END, _CLOSER, _CREDIT_LAST, _BULLET,
 _OWN_LOWER, _SPACE_OR_BREAK, _OTHER_SPACE, _TOKEN_LETTER, _TOKEN_CHAR) = (1 << k for k in range(14))
# the whitespace str.split() splits on, other than " " and "\n"
_OTHER_SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c not in " \n")


def _bmp_text() -> str:
    """Every code point of the Basic Multilingual Plane, in order, as one string."""
    return np.arange(0x10000, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")


def _char_classes() -> np.ndarray:
    bmp = np.arange(0x10000, dtype=np.int64)
    cls = np.zeros(0x10000, dtype=np.uint16)

    def flag(bit: int, ranges=(), chars: str = "") -> None:
        for lo, hi in ranges:
            cls[lo:hi + 1] |= bit
        for c in chars:
            cls[ord(c)] |= bit

    flag(_UPPER, ((0x41, 0x5A), (0xC0, 0xDE), (0x391, 0x3A9), (0x400, 0x42F)))
    flag(_LOWER_START, ((0x61, 0x7A), (0xDF, 0xFF), (0x430, 0x44F)))
    flag(_CJK, ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF)))
    flag(_DIGIT, ((0x30, 0x39),))
    every = _bmp_text()
    cls[np.fromiter(map(str.isupper, every), dtype=bool, count=0x10000)] |= _IS_UPPER
    flag(_END, chars=".!?\u3002\uff01\uff1f\u2026\"\u201d")  # ends a sentence (P.SENTENCE_END)
    flag(_CLOSER, chars="'\u2019)]")  # may close a sentence: look behind it
    last = {s[-1] for s in P.CREDIT_SUFFIXES} | {")"}
    flag(_CREDIT_LAST, chars="".join(last) + "".join(last).upper())
    flag(_BULLET, chars=P.BULLET_CHARS)
    assert cls[bmp[-1]] == 0
    # str.lower() is not one code point for one: "\u0130" becomes two, a capital sigma
    # depends on its neighbours; surrogates; and U+FFFF, where code points above the table
    # are looked up: a page with one of these is lower-cased by str.lower()
    flag(_OWN_LOWER, ((0xD800, 0xDFFF),), "\u0130\u03a3\uffff")
    flag(_SPACE_OR_BREAK, chars=" \n")
    flag(_OTHER_SPACE, chars=_OTHER_SPACES)
    # P.FREQ_TOKEN's two kinds of token: runs of letters, and characters taken one by one
    single, letters = P.FREQ_TOKEN.pattern.split("|")
    assert letters == r"[^\W\d_]+"
    flag(_TOKEN_CHAR, [(m.start(), m.end() - 1) for m in re.finditer(single + "+", every)])
    flag(_TOKEN_LETTER, [(m.start(), m.end() - 1) for m in re.finditer(letters, every)])
    return cls


_CLASSES = _char_classes()


def _lower_table() -> np.ndarray:
    """The lower case of every code point of the Basic Multilingual Plane (those flagged
    _OWN_LOWER map to themselves and are never looked up)."""
    every = _bmp_text().replace("\u0130", "I")
    lower = np.frombuffer(every.lower().encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    assert len(lower) == 0x10000 and int(lower.max()) <= 0xFFFF
    return lower.astype(np.uint16)


_LOWER = _lower_table()


def _code_points(text: str) -> np.ndarray:
    """The code points of ``text``: uint16 when all are in the Basic Multilingual Plane (half
    the memory for every operation on them), else uint32."""
    units = text.encode("utf-16-le", "surrogatepass")
    if len(units) == 2 * len(text):  # no surrogate pairs
        return np.frombuffer(units, dtype=np.uint16)
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _lowered(joined: str, cp: np.ndarray, page_flags: int) -> tuple[str, np.ndarray]:
    """``joined.lower()`` and its code points, from the code points ``cp`` of ``joined``
    and their classes: one table lookup and one decoding instead of lower-casing in Python and
    encoding the result (which is slower on pages with any non-ASCII character)."""
    if joined.isascii() or page_flags & _OWN_LOWER:  # (code points beyond the table too)
        lowered = joined.lower()
        return lowered, _code_points(lowered)
    low_cp = _LOWER.take(cp)
    return codecs.utf_16_le_decode(low_cp)[0], low_cp


_WIDTHS = np.array(_WINDOWS)


def _moving_means(x: np.ndarray) -> np.ndarray:
    """Column means over windows of w rows either side (truncated at the ends), for each w
    in _WINDOWS: shape (n, len(_WINDOWS) * columns), window-major."""
    n = len(x)
    c = np.zeros((n + 1, x.shape[1]))
    np.cumsum(x, axis=0, out=c[1:])
    lo, hi, inv = _window_rows(n) if n <= 2048 else _window_rows.__wrapped__(n)
    return ((c[hi] - c[lo]) * inv).reshape(n, -1)


@lru_cache(maxsize=512)  # pages of up to a few thousand lines: at most a few MB in all
def _window_rows(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For windows of _WINDOWS[j] rows either side of each of n rows (truncated at the ends):
    the first row of each window and the row after it, ``(n, len(_WINDOWS))`` each, and one
    over the window's size, ``(n, len(_WINDOWS), 1)``."""
    idx = np.arange(n)[:, None]
    lo = np.maximum(idx - _WIDTHS, 0)
    hi = np.minimum(idx + _WIDTHS + 1, n)
    inv = (1.0 / (hi - lo))[:, :, None]
    for a in (lo, hi, inv):
        a.flags.writeable = False
    return lo, hi, inv


def _line_of(pos: list[int], starts: np.ndarray) -> np.ndarray:
    r"""The line holding each page offset (an offset equal to a line's start is that line:
    for ``"\n" + page``, a match at the newline before a line)."""
    return starts.searchsorted(pos, side="right") - 1


def _starts(pattern, text: str) -> list[int]:
    return [m.start() for m in pattern.finditer(text)]


def _find_all(text: str, subs: tuple[str, ...]) -> list[int]:
    pos = []
    for sub in subs:
        i = text.find(sub)
        while i >= 0:
            pos.append(i)
            i = text.find(sub, i + 1)
    return pos


assert P.URL_OR_EMAIL == ("@", "http:", "https:", "www.")


def _urls_or_emails(text: str) -> list[int]:
    """Where P.URL_OR_EMAIL's substrings occur in ``text`` (each "http" found once, then
    tested for ":" or "s:")."""
    pos = _find_all(text, ("@", "www."))
    i = text.find("http")
    while i >= 0:
        if text.startswith((":", "s:"), i + 4):
            pos.append(i)
        i = text.find("http", i + 1)
    return pos


# the columns of _pattern_hits: the line has a URL or e-mail address, starts with a byline
# opener / a furniture phrase / a caption opener, contains "redit..." / a "| image:" credit,
# is a whole-line furniture phrase (its key's length still to be checked)
(_H_BYLINE_OPENER, _H_URL, _H_FURNITURE_START, _H_CAPTION_OPENER, _H_CREDIT_DOTS,
 _H_CAPTION_PIPE, _H_FURNITURE_LINE) = range(7)


def _pattern_hits(joined: str, low_scan: str, starts: np.ndarray, low_starts: np.ndarray,
                  any_pipe: bool) -> np.ndarray:
    """Which lines each line pattern matches: one regex or substring pass over the page per
    pattern, offsets mapped to lines together (columns _H_*). ``low_scan``: "\n" and the
    lower-cased page (on which ``low_starts[i]`` is where the line break before line i is)."""
    lowered = low_scan[1:]
    on_page = [(_H_URL, _urls_or_emails(joined))]
    byline_openers, caption_openers, furniture_starts = P.line_start_scans(low_scan)
    on_lowered = [
        (_H_BYLINE_OPENER, byline_openers),
        (_H_FURNITURE_START, furniture_starts),
        (_H_CAPTION_OPENER, caption_openers),
        (_H_CREDIT_DOTS, _find_all(lowered, ("redit...",))),  # "credit..." checked below
        (_H_CAPTION_PIPE, _starts(P.CAPTION_PIPE, lowered) if any_pipe else []),
        (_H_FURNITURE_LINE, P.furniture_line_starts(low_scan)),
    ]
    hits = np.zeros((len(starts), 7), dtype=bool)
    for found, line_starts in ((on_page, starts), (on_lowered, low_starts)):
        cols = [c for c, pos in found for _ in pos]
        if cols:
            hits[_line_of([p for _, pos in found for p in pos], line_starts), cols] = True
    return hits


# --- word identities: a 64-bit polynomial hash of each token's code points, in NumPy ---------
# Hashing every token of a page in a few array operations is several times faster than making a
# Python string per token and counting them with a hash table. Words are then told apart by 48
# bits of the hash (see _word_ids): a clash is unlikely (about 1e-8 for a page of 2,000 distinct
# words) and would only merge two words' counts; the hash is fixed (no per-process seed), so
# the same page always gives the same result.
_HASH_BASE = 0x100000001B3  # odd, so it has an inverse modulo 2**64
_HASH_MOD = 1 << 64
_TABLE_SIZE = 1 << 16  # precomputed powers cover pages up to this many characters


def _hash_powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``B**j`` and ``B**-j`` modulo 2**64 for ``j < n`` (uint64 arithmetic wraps)."""
    inverse = pow(_HASH_BASE, -1, _HASH_MOD)
    up = np.full(n, _HASH_BASE, dtype=np.uint64)
    down = np.full(n, inverse, dtype=np.uint64)
    up[0] = down[0] = 1
    return np.cumprod(up), np.cumprod(down)


_POW, _INV_POW = _hash_powers(_TABLE_SIZE)


def _token_hashes(text: str) -> np.ndarray:
    """One uint64 per token of ``text``, tokens being separated by single spaces or newlines
    (an empty token between two separators hashes to 0).

    The hash of the code points ``c`` of a token starting at offset ``s`` is
    ``sum((c[j] + 1) * B**(j - s))`` modulo 2**64: position-weighted sums are taken once over
    the page with a cumulative sum, and each token's is shifted back by ``B**-s``.
    """
    return _code_point_hashes(np.frombuffer(text.encode("utf-32-le", "surrogatepass"),
                                            dtype=np.uint32))


def _code_point_hashes(cp: np.ndarray, seps: np.ndarray | None = None) -> np.ndarray:
    """:func:`_token_hashes` of the text whose code points are ``cp``; ``seps``: where its
    spaces and line breaks are, when that is known."""
    n = len(cp)
    if seps is None:
        seps = ((cp == 32) | (cp == 10)).nonzero()[0]
    bounds = np.empty(len(seps) + 2, dtype=np.intp)  # -1, the separators, n
    bounds[0], bounds[-1] = -1, n
    bounds[1:-1] = seps
    return _span_hashes(cp, bounds[:-1] + 1, bounds[1:])


def _span_hashes(cp: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The hash (as :func:`_token_hashes`) of each span ``cp[starts[k]:ends[k]]``."""
    n = len(cp)
    pw, inv = (_POW, _INV_POW) if n <= _TABLE_SIZE else _hash_powers(n)
    cum = np.zeros(n + 1, dtype=np.uint64)
    ((cp + np.uint64(1)) * pw[:n]).cumsum(out=cum[1:])
    return (cum[ends] - cum[starts]) * inv[starts]


def _freq_token_hashes(text: str) -> np.ndarray:
    """The hashes (as :func:`_token_hashes`) of ``P.FREQ_TOKEN.findall(text)``, in order,
    found in NumPy rather than made into a Python string each (a page of Chinese or Japanese
    has thousands). The regex reads a letter that is not one of its single characters as the
    start of a run of letters to the run's end; from any other position it takes a single
    character alone. So in each run of letters the single characters before the first other
    letter are tokens of their own, and the rest of the run is one token; single characters
    that are no letters are tokens too."""
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    n = len(cp)
    if n == 0 or int(np.maximum.reduce(cp)) > 0xFFFF:  # beyond the table: let the regex read it
        tokens = P.FREQ_TOKEN.findall(text)
        return _token_hashes(" ".join(tokens)) if tokens else np.zeros(0, dtype=np.uint64)
    cls = _CLASSES.take(cp)
    letter = np.zeros(n + 2, dtype=bool)
    np.not_equal(cls & _TOKEN_LETTER, 0, out=letter[1:-1])
    single = (cls & _TOKEN_CHAR) != 0
    run_start = (letter[1:-1] & ~letter[:-2]).nonzero()[0]
    run_end = (letter[1:-1] & ~letter[2:]).nonzero()[0] + 1
    others = (letter[1:-1] & ~single).nonzero()[0]  # letters that start a multi-letter token
    at = others.searchsorted(run_start)
    first_other = others.take(at, mode="clip") if len(others) else run_end
    first_other = np.where((at < len(others)) & (first_other < run_end), first_other, run_end)
    # a single character is a token unless an earlier letter of its run started a token
    singles = single.nonzero()[0]
    if len(run_start):
        run_of = run_start.searchsorted(singles, side="right") - 1
        inside = letter[1:-1][singles] & (singles >= first_other.take(run_of, mode="clip"))
        singles = singles[~inside]
    has_rest = first_other < run_end
    tok_start = np.concatenate((singles, first_other[has_rest]))
    tok_end = np.concatenate((singles + 1, run_end[has_rest]))
    order = tok_start.argsort()
    tok_start, tok_end = tok_start[order], tok_end[order]
    return _span_hashes(cp, tok_start, tok_end)


# A word's identity is the top 48 bits of its hash mixed by an odd multiplier (a bijection that
# carries every bit of the hash into the top ones; a short word's hash alone has its first
# letter in the low bits only). The low 16 bits of a sort key then hold the token's position,
# so that one plain sort (several times faster than an argsort) both groups equal words and
# keeps their positions in order. Two different words share an identity with probability
# 2**-48 per pair: about 1e-8 for a page of 2,000 distinct words (whose counts would merge),
# and a page word shares one with one of the ~3,000 listed stop words with about 2e-8.
_MIX = np.uint64(0x9E3779B97F4A7C15)
_POSITION_BITS = 16
_POSITION_MASK = np.uint64((1 << _POSITION_BITS) - 1)
_ID_MASK = ~_POSITION_MASK
_POSITIONS = np.arange(1 << _POSITION_BITS, dtype=np.uint64)


def _identities(hashes: np.ndarray) -> np.ndarray:
    """The word identities of token hashes (see above)."""
    key = hashes * _MIX
    key &= _ID_MASK
    return key


def _word_ids(hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``_distinct(_identities(hashes))`` (the distinct word identities, the position each is
    first found at, each token's index among them, their counts), from one sort of
    (identity, position) keys when the page has at most 2**16 tokens."""
    n = len(hashes)
    if n > len(_POSITIONS):
        return _distinct(_identities(hashes))
    key = _identities(hashes)
    key |= _POSITIONS[:n]
    key.sort()  # by identity, then by position
    perm = (key & _POSITION_MASK).astype(np.intp)
    key &= _ID_MASK
    new = np.empty(n, dtype=bool)
    new[:1] = True
    np.not_equal(key[1:], key[:-1], out=new[1:])
    bounds = np.empty(n + 1, dtype=np.intp)  # where each word's run starts, then n
    found = new.nonzero()[0]
    k = len(found)
    bounds[:k] = found
    bounds[k] = n
    in_order = np.empty(n, dtype=np.intp)  # each sorted token's word
    in_order[0] = 0
    new[1:].cumsum(out=in_order[1:])
    ids = np.empty(n, dtype=np.intp)
    ids[perm] = in_order
    found_at = bounds[:k]
    return key[found_at], perm[found_at], ids, bounds[1:k + 1] - found_at


def _word_table() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The hashes of every listed stop word (sorted); for each, which of the few combinations
    of languages listing it it has (0 stands for none: a word that is not listed); and for
    each combination, its languages (a 0/1 row per combination, a column per language)."""
    words = list(_STOP_BITS)
    hashes = _identities(_token_hashes(" ".join(words)))
    order = np.argsort(hashes)
    assert len(np.unique(hashes)) == len(words), "stop-word identities must not clash"
    combos = [0, *sorted(set(_STOP_BITS.values()))]
    combo_of = np.array([combos.index(_STOP_BITS[w]) for w in words])
    languages = np.array([[(c >> k) & 1 for k in range(len(_LANGS))] for c in combos],
                         dtype=float)
    return hashes[order], combo_of[order], languages


_STOP_HASHES, _STOP_COMBO, _COMBO_LANGUAGES = _word_table()
_COMBO_IN_LANGUAGE = _COMBO_LANGUAGES.T.astype(bool)  # [language] -> its combinations


def _distinct(h: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``np.unique(h, return_index=True, return_inverse=True, return_counts=True)``, faster:
    an unstable sort, each value's first position being the smallest of its positions."""
    n = len(h)
    perm = h.argsort()
    ordered = h[perm]
    new = np.empty(n, dtype=bool)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    bounds = new.nonzero()[0]
    ids = np.empty(n, dtype=np.intp)
    ids[perm] = new.cumsum() - 1
    counts = np.concatenate((bounds[1:], [n])) - bounds
    return ordered[bounds], np.minimum.reduceat(perm, bounds), ids, counts


def _stop_density_inputs(lowered: str, lines: list[str], cjk: np.ndarray,
                         low_cp: np.ndarray | None = None, seps: np.ndarray | None = None):
    """Per token of the lower-cased page: is it a stop word of the page's language, is it one
    of the page's frequent words. The page's language is the stop list covering the largest
    share of its tokens (at least MIN_STOP_SHARE, else none); its frequent words are the
    N_FREQUENT most common tokens, counting CJK characters one by one (ties: first seen first).
    ``lines``: the page's lines (``lowered`` is them lower-cased and joined by "\\n");
    ``low_cp``, ``seps``: the code points of ``lowered`` and where its spaces and line breaks
    are, when they are at hand.
    """
    hashes = _token_hashes(lowered) if low_cp is None else _code_point_hashes(low_cp, seps)
    words, first, ids, counts = _word_ids(hashes)
    at = _STOP_HASHES.searchsorted(words)
    combo = np.where(_STOP_HASHES.take(at, mode="clip") == words,
                     _STOP_COMBO.take(at, mode="clip"), 0)  # each word's stop-list languages
    hits = np.bincount(combo, weights=counts, minlength=len(_COMBO_LANGUAGES)) @ _COMBO_LANGUAGES
    lang = int(hits.argmax())  # tokens per language: the page's language has the most
    if hits[lang] > 0 and hits[lang] / len(hashes) >= MIN_STOP_SHARE:
        is_stop = _COMBO_IN_LANGUAGE[lang][combo][ids]
    else:
        is_stop = None
    if cjk.any():  # scripts without spaces: their characters stand in for words
        found = _freq_token_hashes("\n".join([lines[i].lower() for i in cjk.nonzero()[0].tolist()]))
        extra_words, extra_first, _, extra_counts = _word_ids(found)
        order = extra_first.argsort()  # as a Counter of them: in the order first found
        extra_words, extra_counts = extra_words[order], extra_counts[order]
        at = np.minimum(np.searchsorted(words, extra_words), len(words) - 1)
        known = words[at] == extra_words
        counts = counts.copy()
        counts[at[known]] += extra_counts[known]
        # words seen only here come after every token, in the order they were found
        counts = np.concatenate([counts, extra_counts[~known]])
        first = np.concatenate([first, len(hashes) + (~known).nonzero()[0]])
    if len(counts) <= N_FREQUENT:
        frequent = np.ones(len(counts), dtype=bool)
    else:  # the N_FREQUENT largest counts, ties to the first seen: the largest of one key
        key = counts * (int(np.maximum.reduce(first)) + 1) - first
        frequent = np.zeros(len(counts), dtype=bool)
        frequent[key.argpartition(-N_FREQUENT)[-N_FREQUENT:]] = True
    return is_stop, frequent[ids]


def _caption_flags(lines: list[str], hits: np.ndarray, sizes: np.ndarray,
                   has_pipe: np.ndarray, last_cls: np.ndarray) -> np.ndarray:
    """Caption/credit lines: a caption opener ("Photo:", "Image by", "| Image:",
    "Credit..."), or a credit ending a line with no full stop before it (so "... the official
    told Reuters" in running prose is not one). ``sizes``: the lengths of the lower-cased
    lines; the few lines in doubt are lower-cased one by one (as the page is: no case
    mapping looks across a line break)."""
    short = sizes <= 300
    redit_dots = hits[:, _H_CREDIT_DOTS]
    credit_dots = np.zeros(len(redit_dots), dtype=bool)
    for i in redit_dots.nonzero()[0].tolist():
        credit_dots[i] = "credit..." in lines[i].lower()
    labelled = credit_dots | hits[:, _H_CAPTION_PIPE]
    opener = hits[:, _H_CAPTION_OPENER]
    for i in opener.nonzero()[0].tolist():
        labelled[i] |= P.CAPTION_LABEL.match(lines[i].lower()) is not None
    opener = opener | has_pipe | redit_dots
    out = opener & short & labelled
    for i in (~opener & short & (last_cls & _CREDIT_LAST > 0)).nonzero()[0].tolist():
        # the endings are ASCII, so the last two characters decide alone whether a lower-cased
        # line can end with one
        if lines[i][-2:].lower() in _CREDIT_TAILS:
            low = lines[i].lower()
            if low.endswith(_CREDIT_ENDINGS):
                m = P.CAPTION_END.search(low)
                if m and "." not in low[: m.start()]:
                    out[i] = True
    return out


_CREDIT_ENDINGS = P.CREDIT_SUFFIXES + tuple(s + ")" for s in P.CREDIT_SUFFIXES)
_CREDIT_TAILS = frozenset(s[-2:] for s in _CREDIT_ENDINGS)  # each ending is 2+ characters
assert all(len(s) >= 2 for s in _CREDIT_ENDINGS)


class LineFacts(NamedTuple):
    """Per-line facts found on the way to the features, reused by the cleaner's rules."""

    n_tokens: list[int]  # space-separated tokens
    cjk: list[int]  # CJK characters (kana, ideographs, hangul: the _CJK flag)
    sentence_end: list[bool]  # P.SENTENCE_END matches (P.ends_sentence)
    byline: list[bool]  # P.BYLINE matches
    furniture_line: list[bool]  # P.is_furniture_line
    repeated: list[bool]  # the same line occurs elsewhere on the page


def line_features(lines: list[str]) -> np.ndarray:
    """Feature matrix (one row per non-empty, whitespace-normalised line; see FEATURE_NAMES)."""
    return page_features(lines)[0]


def page_features(lines: list[str]) -> tuple[np.ndarray, LineFacts]:
    """Feature matrix (one row per non-empty, whitespace-normalised line; see FEATURE_NAMES),
    and the per-line facts the cleaner's rules reuse."""
    base, facts = base_features(lines)
    return with_context(base), facts


def base_features(lines: list[str], *, check_spacing: bool = False,
                  ) -> tuple[np.ndarray, LineFacts] | None:
    """The features of each line on its own (BASE_FEATURES; one row per non-empty,
    whitespace-normalised line), and the per-line facts the cleaner's rules reuse.

    With ``check_spacing``, the lines may be any non-empty lines, and the result is None if
    one of them has whitespace other than single spaces between words: the caller normalises
    them and asks again. Most pages need no normalising, and the page's code points are at
    hand here, so this is cheaper than a separate pass to find out.

    Written for speed, since it is most of the cleaner's time: character statistics come
    from one array of the page's code points (uint16 where it can be; classified, and
    lower-cased, by lookup tables) summed per line with ``np.add.reduceat``; word identities
    from one hash per token computed in NumPy (:func:`_token_hashes`), stop lists looked up
    once per distinct word; the line patterns are regex passes over the page that jump from
    line to line (whole-line furniture in one, bylines, captions and furniture openers
    together in another); Python loops run only over the few lines a cheap test leaves in
    doubt, lower-casing them one by one. On a page
    of a few hundred lines most NumPy calls cost more per call than per element, so the
    per-page path calls ndarray methods (``a.nonzero()[0]``, ``a.cumsum()``) rather than
    their Python-level wrappers (``np.flatnonzero``, ``np.cumsum``) and keeps the number
    of calls down.
    """
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(BASE_FEATURES))), LineFacts([], [], [], [], [], [])
    joined = "\n".join(lines)
    sizes_i = np.fromiter(map(len, lines), dtype=np.int64, count=n)
    starts = np.zeros(n, dtype=np.int64)
    (sizes_i[:-1] + 1).cumsum(out=starts[1:])
    ends = starts + sizes_i - 1
    cp = _code_points(joined)
    cls = _CLASSES.take(cp, mode="clip")  # beyond the table: as U+FFFF
    spacing = cls & _SPACE_OR_BREAK
    page_flags = int(np.bitwise_or.reduce(cls))  # every class found on the page
    if check_spacing and not _single_spaced(spacing, page_flags):
        return None
    lowered, low_cp = _lowered(joined, cp, page_flags)
    low_starts, low_sizes = starts, sizes_i
    if len(lowered) != len(joined):  # lower-casing changed a length ("İ" -> "i̇"): rare
        low_sizes = np.fromiter(map(len, lowered.split("\n")), dtype=np.int64, count=n)
        low_starts = np.zeros(n, dtype=np.int64)
        np.cumsum(low_sizes[:-1] + 1, out=low_starts[1:])

    # per-line character counts, one reduceat over a stack of masks (one row per count, so
    # that each row is written and summed as one contiguous run); "|" and CJK characters are
    # counted only on pages that can have them
    any_pipe, any_cjk = "|" in joined, page_flags & _CJK > 0
    masks = np.empty((4 + any_pipe + any_cjk, len(cp)), dtype=np.int32)
    space = np.equal(cp, 32, out=masks[0])
    masks[1, 0] = 0
    np.logical_and(cls[1:] & _UPPER, space[:-1], out=masks[1, 1:])  # an upper-case word start
    np.not_equal(cls & _DIGIT, 0, out=masks[2])
    np.equal(cp, 44, out=masks[3])  # ","
    if any_pipe:
        np.equal(cp, 124, out=masks[4])  # "|"
    if any_cjk:
        np.not_equal(cls & _CJK, 0, out=masks[-1])
    counts = np.add.reduceat(masks, starts, axis=1)
    n_space, n_upper, n_digit, n_comma = counts[:4]
    has_pipe = counts[4] > 0 if any_pipe else np.zeros(n, dtype=bool)
    cjk = counts[-1] if any_cjk else np.zeros(n, dtype=counts.dtype)
    n_tok = n_space + 1  # whitespace-normalised: (spaces + 1) tokens

    tok_start = np.zeros(n, dtype=np.int64)
    n_tok[:-1].cumsum(out=tok_start[1:])
    # (lower-casing moves no space or line break unless it changed a length)
    seps = (spacing != 0).nonzero()[0] if low_starts is starts else None
    is_stop, is_frequent = _stop_density_inputs(lowered, lines, cjk, low_cp, seps)
    if is_stop is not None:
        stop_density, freq_density = np.add.reduceat(
            np.array((is_stop, is_frequent)), tok_start, axis=1, dtype=np.int64) / n_tok
    else:
        stop_density, freq_density = np.zeros(n), np.add.reduceat(is_frequent, tok_start) / n_tok
    n_words = n_tok + cjk / 2 if any_cjk else n_tok.astype(float)

    first_cp, last_cp = cp[starts], cp[ends]
    first_cls, last_cls = cls[starts], cls[ends]
    first_upper = (first_cls & _IS_UPPER > 0)
    if not joined.isascii():
        for i in (first_cp > 0xFFFF).nonzero()[0].tolist():  # outside the table: ask Python
            first_upper[i] = lines[i][0].isupper()
    sentence_end = last_cls & _END > 0
    for i in (last_cls & _CLOSER).nonzero()[0].tolist():  # rare: look behind the closers
        sentence_end[i] = P.ends_sentence(lines[i])

    repeats = Counter(lines)
    repeated = (np.fromiter(map(repeats.__getitem__, lines), dtype=np.int64, count=n) > 1
                if len(repeats) < n else np.zeros(n, dtype=bool))
    low_scan = "\n" + lowered
    hits = _pattern_hits(joined, low_scan, starts, low_starts, any_pipe)
    furniture_line = hits[:, _H_FURNITURE_LINE]
    # the second try (digits stripped too) can only differ on a line whose key starts or ends
    # with a digit (lower-casing changes no digit or KEY_STRIP character); it is tried where
    # the line stands on the page
    second_try = P.FURNITURE_LINE_SCAN_DIGITS.match
    for i in (~furniture_line & (n_digit > 0)).nonzero()[0].tolist():
        if P.key_ends_in_digit(lines[i]) and second_try(low_scan, int(low_starts[i])):
            furniture_line[i] = True
    for i in furniture_line.nonzero()[0].tolist():
        furniture_line[i] = len(lines[i].lower().strip(P.KEY_STRIP)) <= P.MAX_FURNITURE_KEY
    # as a feature, whole-line furniture is what short lines of a few words say
    furniture = (furniture_line & (sizes_i <= P.MAX_FURNITURE_KEY + 20)
                 & (n_tok <= P.MAX_FURNITURE_WORDS)) | hits[:, _H_FURNITURE_START]
    byline = hits[:, _H_BYLINE_OPENER].copy()
    for i in byline.nonzero()[0].tolist():
        byline[i] = P.BYLINE.match(lines[i]) is not None
    log_size = np.log1p(sizes_i)

    bullet = first_cls & _BULLET > 0
    for i in (first_cls & _DIGIT).nonzero()[0].tolist():
        bullet[i] = P.NUMBERED.match(lines[i]) is not None
    in_order = sizes_i.copy()
    in_order.sort()
    median = (in_order[(n - 1) // 2] + in_order[n // 2]) / 2  # as np.median, faster
    base = np.array([  # one row per feature of BASE_FEATURES, in its order
        log_size,
        np.log1p(n_words),
        stop_density,
        sentence_end,
        furniture,
        bullet,
        np.minimum((n_upper + first_upper) / n_tok, 1.0),  # title_case
        repeated,
        np.arange(n) / max(n - 1, 1),  # position
        _caption_flags(lines, hits, low_sizes, has_pipe, last_cls),
        byline,
        n_digit / sizes_i,  # digit_share
        hits[:, _H_URL],  # link
        np.minimum(cjk / sizes_i, 1.0) if any_cjk else cjk,  # cjk_share
        n_comma / np.maximum(n_words, 1.0),  # commas_per_word
        log_size - math.log(float(median) + 1.0),  # log_len_vs_median
        sizes_i / np.add.reduce(sizes_i),  # share_of_page
        first_cls & _LOWER_START > 0,  # starts_lower
        last_cp == 58,  # ends_colon: ":"
        has_pipe,
        freq_density,
    ], dtype=float).T
    facts = LineFacts(
        n_tokens=n_tok.tolist(), cjk=cjk.tolist(),
        sentence_end=sentence_end.tolist(), byline=byline.tolist(),
        furniture_line=furniture_line.tolist(), repeated=repeated.tolist(),
    )
    return base, facts


def _single_spaced(spacing: np.ndarray, page_flags: int) -> bool:
    """Whether the non-empty lines joined by "\\n" are whitespace-normalised (``spacing``: the
    _SPACE_OR_BREAK flag of each of their code points; ``page_flags``: every class found on
    them): no space at either end, no two spaces or line breaks in a row (a space next to a
    break is one at a line's end), no other whitespace."""
    return not (page_flags & _OTHER_SPACE or spacing[0] or spacing[-1]
                or (spacing[1:] & spacing[:-1]).any())


def with_context(base: np.ndarray) -> np.ndarray:
    """The full feature matrix (FEATURE_NAMES) from the base features: each line's own, then
    those of the lines before and after it, then the window means."""
    n, k = base.shape
    X = np.zeros((n, len(FEATURE_NAMES)), order="F")  # column by column: writes are contiguous
    X[:, :k] = base
    ctx = base[:, _CONTEXT_COLS]
    w = len(_CONTEXT_COLS)
    for d in _OFFSETS:
        if n > d:
            X[d:, k:k + w] = ctx[:-d]  # the line d before
            X[:-d, k + w:k + 2 * w] = ctx[d:]  # the line d after
        k += 2 * w
    X[:, k:] = _moving_means(base[:, _WINDOW_COLS])
    return X


def _sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function of ``z`` clipped to [-30, 30] (``z`` is overwritten)."""
    return _logistic(_clipped(z))


def _clipped(z: np.ndarray) -> np.ndarray:
    """``z`` clipped to [-30, 30] in place (where the logistic function is 0 or 1 to within
    1e-13 anyway)."""
    np.maximum(z, -30.0, out=z)  # ufuncs: np.clip's Python layers cost more on a short page
    np.minimum(z, 30.0, out=z)
    return z


def _logistic(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


_REACH = max(_OFFSETS)  # lines before and after whose features a line's score uses
assert tuple(range(1, _REACH + 1)) == _OFFSETS


def _fold(weights: np.ndarray) -> np.ndarray:
    """The weights of FEATURE_NAMES as a (base feature x term) matrix for
    :meth:`LineModel.page_proba`, one column per line a line's score reads, from _REACH lines
    before it to _REACH lines after it (the line's own features in the middle; the features of
    the line d before it are its "prev{d}_" features, of the line d after it its "next{d}_"
    ones), then one per window mean of _WINDOWS."""
    k, w, v = len(BASE_FEATURES), len(_CONTEXT_COLS), len(_WINDOW_COLS)
    folded = np.zeros((k, 2 * _REACH + 1 + len(_WINDOWS)))
    folded[:, _REACH] = weights[:k]
    at = k
    for d in _OFFSETS:
        folded[list(_CONTEXT_COLS), _REACH - d] = weights[at:at + w]  # the line d before
        folded[list(_CONTEXT_COLS), _REACH + d] = weights[at + w:at + 2 * w]  # d after
        at += 2 * w
    for j in range(len(_WINDOWS)):
        folded[list(_WINDOW_COLS), 2 * _REACH + 1 + j] = weights[at:at + v]
        at += v
    assert at == len(FEATURE_NAMES)
    return folded


@lru_cache(maxsize=512)  # pages of up to a few thousand lines: at most a few MB in all
def _window_bounds(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For windows of _WINDOWS[j] rows either side of each of n rows (truncated at the ends):
    where each window starts and ends as flat indexes into an (n + 1, len(_WINDOWS)) array of
    cumulative sums, and one over its size; each (len(_WINDOWS), n)."""
    idx = np.arange(n)
    width = _WIDTHS[:, None]
    lo, hi = np.maximum(idx - width, 0), np.minimum(idx + width + 1, n)
    col = np.arange(len(_WINDOWS))[:, None]
    bounds = (lo * len(_WINDOWS) + col, hi * len(_WINDOWS) + col, 1.0 / (hi - lo))
    for a in bounds:
        a.flags.writeable = False
    return bounds


def _window_sums(x: np.ndarray) -> np.ndarray:
    """For each row, the sum over columns j of the mean of column j over a window of
    _WINDOWS[j] rows either side (truncated at the ends)."""
    n = len(x)
    c = np.zeros((n + 1, len(_WINDOWS)))
    x.cumsum(axis=0, out=c[1:])
    lo, hi, inv = _window_bounds(n) if n <= 2048 else _window_bounds.__wrapped__(n)
    return np.add.reduce((c.take(hi) - c.take(lo)) * inv)


DECODING = {"bias": 0.5, "switch_cost": 1.0, "clip": 4.0, "furniture_cost": 2.0,
            "doubt_floor": 2.0, "doubt_weight": 1.0, "fallback_words": 25.0,
            "fallback_margin": 4.0}
"""The sequence decoder's settings (see :func:`textlab.clean.decode_lines`), unless the
model's JSON gives its own (the training script selects them with the model)."""


class LineModel:
    """A standardised logistic regression over :data:`FEATURE_NAMES`."""

    KIND = "logistic"

    def __init__(self, mean, scale, coef, intercept, meta=None, decoding=None):
        self.mean = np.asarray(mean, dtype=float)
        self.scale = np.asarray(scale, dtype=float)
        self.coef = np.asarray(coef, dtype=float)
        self.intercept = float(intercept)
        self.meta = meta or {}
        self.decoding = {**DECODING, **(decoding or {})}
        # the standardisation folded into the weights: one product per line at prediction
        self._weights = self.coef / self.scale
        self._offset = self.intercept - float(self.mean @ self._weights)
        self._folded = _fold(self._weights)

    def contributions(self, X: np.ndarray) -> np.ndarray:
        """Per-feature terms of the linear score (for explaining a decision)."""
        return (X - self.mean) / self.scale * self.coef

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return _sigmoid(X @ self._weights + self._offset)

    def page_proba(self, base: np.ndarray) -> np.ndarray:
        """Body probabilities of a page's lines from their base features alone (see
        :meth:`page_log_odds`)."""
        return _logistic(self.page_log_odds(base))

    def page_log_odds(self, base: np.ndarray) -> np.ndarray:
        """The log-odds (clipped to [-30, 30]) of a page's lines being article text, from their
        base features alone (the same as ``predict_proba(with_context(base))`` up to rounding,
        faster): the context and window features are copies and means of base features, so
        their weights apply to the base features of the lines around each line."""
        n = len(base)
        span, terms = 2 * _REACH + 1, self._folded.shape[1]
        # each line's terms, with _REACH rows of zeros above and below the page
        m = np.zeros((n + 2 * _REACH, terms))
        np.matmul(base, self._folded, out=m[_REACH:_REACH + n])
        # row i of m's first ``span`` columns' diagonal band: line i - _REACH + k's term k, for
        # each k, which is one strided view (a step of one row and one column per term)
        step = m.itemsize
        band = np.ndarray((n, span), dtype=m.dtype, buffer=m,
                          strides=(terms * step, (terms + 1) * step))
        z = np.add.reduce(band, axis=1)
        z += self._offset
        z += _window_sums(m[_REACH:_REACH + n, span:])
        return _clipped(z)

    def to_json(self) -> str:
        return json.dumps({
            "kind": self.KIND, "features": list(FEATURE_NAMES), "mean": self.mean.round(8).tolist(),
            "scale": self.scale.round(8).tolist(), "coef": self.coef.round(8).tolist(),
            "intercept": round(self.intercept, 8),
            "decoding": {k: round(float(v), 8) for k, v in self.decoding.items()},
            "meta": self.meta,
        }, indent=1, sort_keys=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> LineModel:
        d = json.loads(text)
        _check_features(d)
        return cls(d["mean"], d["scale"], d["coef"], d["intercept"], d.get("meta"),
                   d.get("decoding"))


class TreeModel:
    """Gradient-boosted oblivious decision trees over :data:`FEATURE_NAMES` (logistic loss).

    An oblivious tree asks the same question (feature > threshold) of every line at each of
    its ``depth`` levels, so the answers of one line are the bits of its leaf's number; a page
    is scored in a handful of array operations whatever the number of trees: every distinct
    question of the model is asked once of every line, the bits are gathered per tree and
    level, and the leaves' values summed.

    Parameters
    ----------
    init
        The log-odds every line starts from.
    features, thresholds
        ``(n_trees, depth)``: the question of each tree at each level (the first level gives
        the most significant bit of the leaf number).
    leaves
        ``(n_trees, 2 ** depth)``: the value each leaf adds to a line's log-odds.
    counts
        ``(n_trees, 2 ** depth)``: training lines in each leaf, to explain a decision (the
        mean value below each node, see :meth:`contributions`).
    """

    KIND = "oblivious_trees"

    def __init__(self, init, features, thresholds, leaves, counts, meta=None, decoding=None):
        self.init = float(init)
        self.features = np.asarray(features, dtype=np.intp)
        self.thresholds = np.asarray(thresholds, dtype=float)
        self.leaves = np.asarray(leaves, dtype=float)
        self.counts = np.asarray(counts, dtype=float)
        self.meta = meta or {}
        self.decoding = {**DECODING, **(decoding or {})}
        n_trees, depth = self.features.shape
        if self.thresholds.shape != (n_trees, depth) or self.leaves.shape != (n_trees, 1 << depth) \
                or self.counts.shape != self.leaves.shape:
            raise ValueError("tree model: features, thresholds, leaves and counts disagree in shape")
        # every distinct question once; for each level, which question each tree asks
        pairs = sorted(set(zip(self.features.ravel().tolist(), self.thresholds.ravel().tolist(),
                               strict=True)))
        index = {pair: k for k, pair in enumerate(pairs)}
        self._ask_feature = np.array([f for f, _ in pairs], dtype=np.intp)
        self._ask_threshold = np.array([t for _, t in pairs])[:, None]
        self._asked = np.array([[index[(f, t)] for f, t in zip(fs, ts, strict=True)]
                                for fs, ts in zip(self.features.tolist(),
                                                  self.thresholds.tolist(), strict=True)],
                               dtype=np.intp).T.copy()  # (depth, n_trees)
        self._flat_leaves = self.leaves.ravel()
        if depth > 8:
            raise ValueError(f"tree model: depth={depth}: at most 8 levels (a leaf number is a byte)")
        offset_type = np.uint16 if n_trees << depth <= 1 << 16 else np.intp
        self._leaf_offset = (np.arange(n_trees, dtype=offset_type) << depth)[:, None]
        # the mean leaf value below each node, level by level (level d: 2**d nodes per tree)
        self._node_means = []
        for d in range(depth + 1):
            shape = (n_trees, 1 << d, 1 << (depth - d))
            w = self.counts.reshape(shape)
            total = w.sum(axis=2)
            self._node_means.append(np.where(total > 0, (self.leaves.reshape(shape) * w).sum(axis=2)
                                             / np.where(total > 0, total, 1.0), 0.0))

    def _leaf_numbers(self, X: np.ndarray) -> np.ndarray:
        """Each line's leaf in each tree: ``(n_trees, lines)``, uint8 (a leaf number is built
        from one bit per level, so a byte holds it and the arithmetic moves an eighth of the
        memory an index array would)."""
        answers = (X.T.take(self._ask_feature, axis=0) > self._ask_threshold).view(np.uint8)
        leaf = answers.take(self._asked[0], axis=0)
        for asked in self._asked[1:]:
            leaf <<= 1
            leaf |= answers.take(asked, axis=0)
        return leaf

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        """The log-odds of each line (rows of ``X``) being article text."""
        at = self._leaf_numbers(X).astype(self._leaf_offset.dtype)
        at += self._leaf_offset  # each tree's leaves follow the previous tree's
        z = np.add.reduce(self._flat_leaves.take(at), axis=0)
        z += self.init
        return z

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return _sigmoid(self.decision_function(X))

    def page_proba(self, base: np.ndarray) -> np.ndarray:
        """Body probabilities of a page's lines from their base features."""
        return _logistic(self.page_log_odds(base))

    def page_log_odds(self, base: np.ndarray) -> np.ndarray:
        """The log-odds (clipped to [-30, 30]) of a page's lines being article text."""
        return _clipped(self.decision_function(with_context(base)))

    def contributions(self, X: np.ndarray) -> np.ndarray:
        """Per-feature terms of each line's log-odds (for explaining a decision): each level
        of each tree moves a line from the mean value below one node to the mean below the next
        node on its path, and that move is put down to the feature the level asks about."""
        n_trees, depth = self.features.shape
        leaf = self._leaf_numbers(X)
        out = np.zeros((len(X), len(FEATURE_NAMES)))
        rows = np.broadcast_to(np.arange(len(X)), leaf.shape)
        trees = np.arange(n_trees)[:, None]
        for d in range(depth):
            before = self._node_means[d][trees, leaf >> (depth - d)]
            after = self._node_means[d + 1][trees, leaf >> (depth - d - 1)]
            np.add.at(out, (rows, np.broadcast_to(self.features[:, d:d + 1], leaf.shape)),
                      after - before)
        return out

    def to_json(self) -> str:
        """The model as JSON, one top-level key per line (the arrays on one line each)."""
        fields = {
            "kind": self.KIND, "features": list(FEATURE_NAMES), "init": round(self.init, 8),
            "split_features": self.features.tolist(),
            "thresholds": self.thresholds.tolist(),  # exact: a rounded one could move a line
            "leaves": self.leaves.round(8).tolist(), "counts": self.counts.astype(int).tolist(),
            "decoding": {k: round(float(v), 8) for k, v in self.decoding.items()},
            "meta": self.meta,
        }
        return "{\n" + ",\n".join(f"{json.dumps(k)}: {json.dumps(v, separators=(',', ':'))}"
                                   for k, v in fields.items()) + "\n}\n"

    @classmethod
    def from_json(cls, text: str) -> TreeModel:
        d = json.loads(text)
        _check_features(d)
        return cls(d["init"], d["split_features"], d["thresholds"], d["leaves"], d["counts"],
                   d.get("meta"), d.get("decoding"))


def _check_features(d: dict) -> None:
    if tuple(d.get("features", ())) != FEATURE_NAMES:
        raise ValueError("line model: its features do not match this version of textlab; "
                         "re-train it with `make train-cleaner`")


def model_from_json(text: str) -> LineModel | TreeModel:
    """A line model from its JSON (``kind``: ``"logistic"``, the default, or
    ``"oblivious_trees"``)."""
    kind = json.loads(text).get("kind", LineModel.KIND)
    kinds = {LineModel.KIND: LineModel, TreeModel.KIND: TreeModel}
    if kind not in kinds:
        raise ValueError(f"line model: kind={kind!r} is not one of {sorted(kinds)}")
    return kinds[kind].from_json(text)


MODEL_PATH = DATA_DIR / "line_model.json"


@lru_cache(maxsize=1)
def load_model() -> LineModel | TreeModel:
    """The committed line model (loaded once per process)."""
    return model_from_json(MODEL_PATH.read_text(encoding="utf-8"))
