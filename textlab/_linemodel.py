"""Shallow text features per line and the small logistic-regression line classifier.

Features (boilerpipe/jusText style, nothing that names a site or a story): line length,
stop-word density in the page's language, density of the page's own most frequent words
(a language-agnostic stand-in for stop words, so CJK and unlisted languages are not left
empty), sentence-final punctuation, furniture phrases, bullets, title case, repetition within
the page, relative position, digits, links, commas, and the same signals of the neighbouring
lines (±1..3) and of windows of ±5 and ±15 lines.

The model is ``data/line_model.json``: feature names, standardisation (mean, scale), weights
and intercept. It is re-trained by ``python -m textlab.benchmarks.train_cleaner DEV_DIR``
(``make train-cleaner``) from pages with gold article bodies.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from functools import lru_cache

import numpy as np

from textlab import _patterns as P
from textlab.paths import DATA_DIR
from textlab.text import STOP_WORDS

__all__ = ["BASE_FEATURES", "FEATURE_NAMES", "line_features", "LineModel", "load_model"]

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


def _page_stoplist(counts: Counter) -> frozenset[str] | None:
    total = sum(counts.values())
    if not total:
        return None
    best, best_hits = None, 0
    for stop in STOPLISTS.values():
        hits = sum(map(counts.__getitem__, stop & counts.keys()))
        if hits > best_hits:
            best, best_hits = stop, hits
    return best if best_hits / total >= MIN_STOP_SHARE else None


def _moving_mean(x: np.ndarray, w: int) -> np.ndarray:
    """Mean over a window of ``w`` rows either side (truncated at the ends), column-wise."""
    n = len(x)
    c = np.concatenate([np.zeros((1, x.shape[1])), np.cumsum(x, axis=0)])
    idx = np.arange(n)
    lo = np.clip(idx - w, 0, n)
    hi = np.clip(idx + w + 1, 0, n)
    return (c[hi] - c[lo]) / (hi - lo)[:, None]


def _line_hits(pattern, joined: str, starts: np.ndarray, n: int) -> np.ndarray:
    """1.0 for each line where a multiline ``pattern`` matches (one pass over the page)."""
    out = np.zeros(n)
    pos = [m.start() for m in pattern.finditer(joined)]
    if pos:
        out[np.searchsorted(starts, pos, side="right") - 1] = 1.0
    return out


def _line_hits_count(pattern, joined: str, starts: np.ndarray, n: int) -> np.ndarray:
    """Number of ``pattern`` matches per line."""
    pos = [m.start() for m in pattern.finditer(joined)]
    if not pos:
        return np.zeros(n)
    return np.bincount(np.searchsorted(starts, pos, side="right") - 1, minlength=n).astype(float)


def _line_counts(pattern, joined: str, starts: np.ndarray, n: int) -> np.ndarray:
    """Number of characters per line covered by ``pattern`` matches."""
    out = np.zeros(n)
    spans = [(m.start(), m.end() - m.start()) for m in pattern.finditer(joined)]
    if spans:
        pos, size = zip(*spans, strict=True)
        np.add.at(out, np.searchsorted(starts, pos, side="right") - 1, size)
    return out


_DIGIT_BYTES = b"0123456789"
_CLOSERS = "\"'\u201d\u2019)]"


def caption_flags(lines: list[str], lowered: list[str]) -> np.ndarray:
    """1.0 for caption/credit lines: a caption opener ("Photo:", "Image by", "| Image:",
    "Credit..."), or a credit ending a line with no full stop before it (so "... the official
    told Reuters" in running prose is not one)."""
    out = np.zeros(len(lines))
    suffixes = P.CREDIT_SUFFIXES + tuple(s + ")" for s in P.CREDIT_SUFFIXES)
    for i, low in enumerate(lowered):
        if low.startswith(P.CAPTION_OPENERS) or "|" in low or "redit..." in low:
            if len(low) <= 300 and P.CAPTION_START.search(lines[i]):
                out[i] = 1.0
        elif low.endswith(suffixes) and len(low) <= 300:
            m = P.CAPTION_END.search(low)
            if m and "." not in low[: m.start()]:
                out[i] = 1.0
    return out


_END_CHARS = np.array([ord(c) for c in ".!?\u3002\uff01\uff1f\u2026"], dtype=np.uint32)
_QUOTE_END = np.array([ord(c) for c in "\"\u201d"], dtype=np.uint32)
_CLOSER_CHARS = np.array([ord(c) for c in "'\u2019)]"], dtype=np.uint32)
_BULLET_CHARS = np.array([ord(c) for c in "\u2022\u00b7\u25aa\u25cf\u2023\u2043*+-\u2013\u2014>|"],
                         dtype=np.uint32)
_NUM_END = np.array([ord("."), ord(")")], dtype=np.uint32)


def _in_ranges(cp: np.ndarray, ranges: tuple[tuple[int, int], ...]) -> np.ndarray:
    out = np.zeros(cp.shape, dtype=bool)
    for lo, hi in ranges:
        out |= (cp >= lo) & (cp <= hi)
    return out


_UPPER = ((0x41, 0x5A), (0xC0, 0xDE), (0x391, 0x3A9), (0x400, 0x42F))
_LOWER_START = ((0x61, 0x7A), (0xDF, 0xFF), (0x430, 0x44F))
_CJK_RANGES = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF))


def _sentence_end(lines: list[str], cp: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Same as ``P.SENTENCE_END``: a sentence mark, then only closing quotes/brackets."""
    last = cp[ends]
    out = np.isin(last, _END_CHARS) | np.isin(last, _QUOTE_END)
    for i in np.flatnonzero(np.isin(last, _CLOSER_CHARS)):  # rare: look behind the closers
        out[i] = bool(P.SENTENCE_END.search(lines[i]))
    return out


def _bullet(cp: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Same as ``P.BULLET``: a bullet character, or 1-3 digits then '.' or ')'."""
    n_cp = len(cp)

    def at(k: int) -> np.ndarray:  # the k-th character of each line (0 beyond its end)
        idx = np.minimum(starts + k, n_cp - 1)
        return np.where(sizes > k, cp[idx], 0)

    c0, c1, c2, c3 = at(0), at(1), at(2), at(3)
    digit = [(c >= 48) & (c <= 57) for c in (c0, c1, c2)]
    numbered = digit[0] & (np.isin(c1, _NUM_END) | (digit[1] & (np.isin(c2, _NUM_END) | (
        digit[2] & np.isin(c3, _NUM_END)))))
    return np.isin(c0, _BULLET_CHARS) | numbered


def line_features(lines: list[str]) -> np.ndarray:
    """Feature matrix (one row per non-empty, whitespace-normalised line; see FEATURE_NAMES).

    Written for speed: character statistics come from one array of the page's code points
    summed per line with ``np.add.reduceat``, tokens from one ``split()`` of the whole page,
    and each remaining pattern is one pass over the page.
    """
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)))
    joined = "\n".join(lines)
    sizes_i = np.fromiter(map(len, lines), dtype=np.int64, count=n)
    sizes = sizes_i.astype(float)
    starts = np.concatenate([[0], np.cumsum(sizes_i[:-1] + 1)])
    ends = starts + sizes_i - 1
    cp = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)

    def per_line(mask: np.ndarray) -> np.ndarray:
        return np.add.reduceat(mask.astype(np.int64), starts).astype(float)

    lowered = joined.lower()
    low_lines = lowered.split("\n") if len(lowered) == len(joined) else [ln.lower() for ln in lines]
    # lines are whitespace-normalised, so a line has (spaces + 1) space-separated tokens
    space = cp == 32
    n_tok = per_line(space).astype(np.int64) + 1
    tokens = lowered.split()
    if len(tokens) != int(n_tok.sum()):  # a non-space separator inside a line: split per line
        tokens = [t for ln in low_lines for t in ln.split(" ")]
    tok_start = np.concatenate([[0], np.cumsum(n_tok[:-1])])
    counts = Counter(tokens)
    stop = _page_stoplist(counts)
    if joined.isascii():
        cjk = np.zeros(n)
    else:
        cjk = per_line(_in_ranges(cp, _CJK_RANGES))
        # scripts without spaces: their characters stand in for words
        for i in np.flatnonzero(cjk):
            counts.update(P.FREQ_TOKEN.findall(low_lines[i]))
    frequent = frozenset(t for t, _ in counts.most_common(N_FREQUENT))
    n_words = n_tok + cjk / 2
    if stop is not None:
        stop_hits = np.add.reduceat(np.fromiter(map(stop.__contains__, tokens), dtype=float,
                                                count=len(tokens)), tok_start)
        stop_density = stop_hits / n_tok
    else:
        stop_density = np.zeros(n)
    freq_density = np.add.reduceat(np.fromiter(map(frequent.__contains__, tokens), dtype=float,
                                               count=len(tokens)), tok_start) / n_tok
    after_space = np.zeros(len(cp), dtype=bool)
    after_space[1:] = space[:-1]
    upper = _in_ranges(cp, _UPPER)
    upper_starts = per_line(upper & after_space) + np.fromiter(
        (ln[0].isupper() for ln in lines), dtype=float, count=n)
    repeats = Counter(lines)
    furniture = np.zeros(n)
    for i in np.flatnonzero((sizes <= P.MAX_FURNITURE_KEY + 20) & (n_tok <= P.MAX_FURNITURE_WORDS)):
        furniture[i] = P.is_furniture_key(low_lines[i].strip(P.KEY_STRIP))
    furniture = np.maximum(furniture, _line_hits(P.FURNITURE_START, joined, starts, n))
    first, last = cp[starts], cp[ends]
    log_size = np.log1p(sizes)
    base = np.column_stack([
        log_size,
        np.log1p(n_words),
        stop_density,
        _sentence_end(lines, cp, ends),
        furniture,
        _bullet(cp, starts, sizes_i),
        np.minimum(upper_starts / n_tok, 1.0),
        np.fromiter((repeats[ln] > 1 for ln in lines), dtype=float, count=n),
        np.arange(n) / max(n - 1, 1),
        caption_flags(lines, low_lines),
        _line_hits(P.BYLINE, joined, starts, n),
        per_line((cp >= 48) & (cp <= 57)) / sizes,
        _line_hits(P.URL_OR_EMAIL, joined, starts, n),
        np.minimum(cjk / sizes, 1.0),
        per_line(cp == 44) / np.maximum(n_words, 1.0),
        log_size - math.log(float(np.median(sizes)) + 1.0),
        sizes / sizes.sum(),
        _in_ranges(first, _LOWER_START),
        last == 58,
        per_line(cp == 124) > 0,
        freq_density,
    ]).astype(float)
    parts = [base]
    ctx = base[:, _CONTEXT_COLS]
    for d in _OFFSETS:
        prev = np.zeros_like(ctx)
        nxt = np.zeros_like(ctx)
        if n > d:
            prev[d:] = ctx[:-d]
            nxt[:-d] = ctx[d:]
        parts += [prev, nxt]
    for w in _WINDOWS:
        parts.append(_moving_mean(base[:, _WINDOW_COLS], w))
    return np.hstack(parts)


class LineModel:
    """A standardised logistic regression over :data:`FEATURE_NAMES`."""

    def __init__(self, mean, scale, coef, intercept, meta=None):
        self.mean = np.asarray(mean, dtype=float)
        self.scale = np.asarray(scale, dtype=float)
        self.coef = np.asarray(coef, dtype=float)
        self.intercept = float(intercept)
        self.meta = meta or {}

    def contributions(self, X: np.ndarray) -> np.ndarray:
        """Per-feature terms of the linear score (for explaining a decision)."""
        return (X - self.mean) / self.scale * self.coef

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        z = ((X - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def to_json(self) -> str:
        return json.dumps({
            "features": list(FEATURE_NAMES), "mean": self.mean.round(8).tolist(),
            "scale": self.scale.round(8).tolist(), "coef": self.coef.round(8).tolist(),
            "intercept": round(self.intercept, 8), "meta": self.meta,
        }, indent=1, sort_keys=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> LineModel:
        d = json.loads(text)
        if tuple(d["features"]) != FEATURE_NAMES:
            raise ValueError("line model: its features do not match this version of textlab; "
                             "re-train it with `make train-cleaner`")
        return cls(d["mean"], d["scale"], d["coef"], d["intercept"], d.get("meta"))


MODEL_PATH = DATA_DIR / "line_model.json"


@lru_cache(maxsize=1)
def load_model() -> LineModel:
    """The committed line model (loaded once per process)."""
    return LineModel.from_json(MODEL_PATH.read_text(encoding="utf-8"))
