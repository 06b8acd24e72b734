"""Recover the article from a scraped plain-text page, with a reason for every line.

The DOM is gone, so the cleaner reads what plain text still carries: line length and
punctuation, stop-word density (as jusText), position and neighbouring lines (as boilerpipe's
shallow text features), lines repeated within a page or across a source's pages, runs of short
title-case lines, and page-furniture phrases in several languages. Every line gets a label
(``body``, ``title``, ``byline``, ``date``, ``caption``, ``boilerplate``, ``blank``) and the
reason that decided it, so a researcher can audit what was dropped.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin

from textlab import _patterns as P
from textlab.text import STOP_WORDS

__all__ = [
    "LABELS",
    "LineDecision",
    "CleanResult",
    "CleanedCorpus",
    "clean",
    "clean_text",
    "clean_corpus",
    "repeated_lines",
    "BoilerplateRemover",
]

LABELS = ("body", "title", "byline", "date", "caption", "boilerplate", "blank")
_STOPLISTS = {"en": frozenset(STOP_WORDS), **P.STOPWORDS}


class LineDecision(NamedTuple):
    """One input line and what the cleaner decided about it."""

    line_no: int  # 1-based, counting every line of the input
    text: str  # the line with its whitespace normalised
    label: str
    reason: str


@dataclass(frozen=True)
class CleanResult:
    """What a page says about itself, its article body, and the decision for every line."""

    title: str
    byline: str
    date: str  # as written on the page
    date_parsed: str | None  # ISO 8601 (YYYY-MM-DD) when the written date could be parsed
    body: str  # paragraphs separated by one blank line
    lines: tuple[LineDecision, ...] = field(repr=False)

    @property
    def decisions(self) -> pd.DataFrame:
        """The per-line decisions as a DataFrame (``line_no, text, label, reason``)."""
        return pd.DataFrame(self.lines, columns=list(LineDecision._fields))

    def to_dict(self) -> dict:
        """A JSON-ready dict of every field, decisions as a list of records."""
        return {
            "title": self.title,
            "byline": self.byline,
            "date": self.date,
            "date_parsed": self.date_parsed,
            "body": self.body,
            "lines": [d._asdict() for d in self.lines],
        }


# ----------------------------------------------------------------------------------------------
# line features
# ----------------------------------------------------------------------------------------------


def split_lines(raw: str) -> list[str]:
    """Split on ``\\n``, ``\\r\\n`` and ``\\r`` only (not on the other characters
    :meth:`str.splitlines` treats as breaks), so line numbers match an editor's."""
    return raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _language(words_per_line: list[list[str]]) -> frozenset[str] | None:
    """The stop-word list that covers most tokens of the page; None if no list fits."""
    counts = Counter()
    total = 0
    for words in words_per_line:
        total += len(words)
        for w in words:
            for lang, stop in _STOPLISTS.items():
                if w in stop:
                    counts[lang] += 1
    if not counts or total == 0:
        return None
    lang, hits = counts.most_common(1)[0]
    return _STOPLISTS[lang] if hits / total >= 0.08 else None


class _Line:
    __slots__ = ("no", "text", "words", "n_words", "stop", "cjk", "ends", "furniture", "bullet",
                 "upper", "score", "label", "reason")

    def __init__(self, no: int, text: str):
        self.no = no
        self.text = text
        self.label = ""
        self.reason = ""


def _features(lines: list[_Line]) -> None:
    words_per_line = []
    for ln in lines:
        words = P.WORD.findall(ln.text.lower())
        ln.words = words
        words_per_line.append(words)
    stop = _language(words_per_line)
    for ln in lines:
        t = ln.text
        cjk = len(P.CJK.findall(t)) if not t.isascii() else 0
        ln.cjk = cjk
        # CJK scripts do not separate words; two characters count as about one word
        ln.n_words = len(ln.words) + cjk // 2
        ln.stop = (sum(w in stop for w in ln.words) / len(ln.words)) if stop and ln.words else 0.0
        ln.ends = bool(P.SENTENCE_END.search(t))
        ln.furniture = bool(P.FURNITURE_LINE.match(t) or P.FURNITURE_START.match(t))
        ln.bullet = bool(P.BULLET.match(t))
        caps = [w for w in t.split() if w[:1].isalpha()]
        ln.upper = (sum(w[0].isupper() for w in caps) / len(caps)) if caps else 0.0


def _content_score(ln: _Line, has_stoplist: bool) -> float:
    """Positive for prose-like lines, negative for furniture-like ones (before context)."""
    if ln.furniture:
        return -2.0
    n = ln.n_words
    s = 0.0
    if n >= 25:
        s += 2.0
    elif n >= 12:
        s += 1.0
    elif n <= 3:
        s -= 1.0
    if ln.ends:
        s += 0.7
    if has_stoplist:
        s += 2.0 * (ln.stop - 0.25) if n >= 5 else 0.0
    if ln.bullet and n < 12:
        s -= 0.8
    if ln.upper > 0.8 and n >= 3 and not ln.ends:
        s -= 0.8
    if ln.cjk and len(ln.text) >= 40:
        s += 1.0
    return s


def _main_region(scores: list[float], weights: list[float]) -> tuple[int, int]:
    """Maximum-sum contiguous run (Kadane) of weighted scores: the article's core."""
    best, best_span = float("-inf"), (0, -1)
    run, start = 0.0, 0
    for i, (s, w) in enumerate(zip(scores, weights, strict=True)):
        v = s * w
        if run <= 0:
            run, start = v, i
        else:
            run += v
        if run > best:
            best, best_span = run, (start, i)
    return best_span


# ----------------------------------------------------------------------------------------------
# page metadata
# ----------------------------------------------------------------------------------------------


def parse_date(text: str) -> tuple[str, str | None]:
    """Find the first date in ``text``: (the date as written, ISO date or None).

    Examples
    --------
    >>> parse_date("Updated February 20th, 2024 at 14:00 IST")
    ('February 20th, 2024', '2024-02-20')
    >>> parse_date("no date here")
    ('', None)
    """
    for pat in P.DATE_PATTERNS:
        m = pat.search(text)
        if not m:
            continue
        g = m.groupdict()
        month = P.MONTHS[g["mon"].lower()] if g.get("mon") else int(g["mnum"])
        day = int(g["day"] if g.get("day") else g["dnum"])
        try:
            iso = dt.date(int(g["year"]), month, day).isoformat()
        except ValueError:
            iso = None
        return m.group(0), iso
    return "", None


def _is_date_line(text: str) -> bool:
    written, _ = parse_date(text)
    if not written:
        return False
    rest = P.DATE_WORDS.sub(" ", text.replace(written, " "))
    return len(P.WORD.findall(rest)) <= 2


def _byline(text: str) -> str:
    m = P.BYLINE.match(text)
    return m.group("name").strip() if m else ""


# ----------------------------------------------------------------------------------------------
# the cleaner
# ----------------------------------------------------------------------------------------------


def clean(raw: str, *, repeated: frozenset[str] | set[str] = frozenset()) -> CleanResult:
    """Clean one page: article body, title, byline, date and a decision for every line.

    Parameters
    ----------
    raw
        The page as plain text (any string; never raises on odd input).
    repeated
        Lines known to repeat across many pages of the same source (see
        :func:`repeated_lines`); they are dropped as boilerplate.

    Returns
    -------
    CleanResult

    Examples
    --------
    >>> page = ("Home | World | Sport\\n\\nPutin gives Kim a car\\n\\nBy Jane Roe\\n\\n"
    ...         "Russia's president gave the North Korean leader a limousine, which the "
    ...         "ministry said was a breach of the sanctions on luxury goods.\\n\\n"
    ...         "Share this article\\n\\n© 2024 Example Media")
    >>> r = clean(page)
    >>> r.title, r.byline
    ('Putin gives Kim a car', 'Jane Roe')
    >>> r.body[:30]
    "Russia's president gave the No"
    >>> r.decisions.label.tolist()
    ['boilerplate', 'blank', 'title', 'blank', 'byline', 'blank', 'body', 'blank', 'boilerplate', 'blank', 'boilerplate']
    """
    if not isinstance(raw, str):
        raise TypeError(f"raw: expected str, got {type(raw).__name__}")
    all_lines = [_Line(i + 1, " ".join(t.split())) for i, t in enumerate(split_lines(raw))]
    lines = [ln for ln in all_lines if ln.text]
    for ln in all_lines:
        if not ln.text:
            ln.label, ln.reason = "blank", "empty line"
    if lines:
        _decide(lines, repeated)
    return _result(all_lines)


def _decide(lines: list[_Line], repeated: frozenset[str] | set[str]) -> None:
    _features(lines)
    has_stop = any(ln.stop for ln in lines)
    counts = Counter(ln.text for ln in lines)
    for ln in lines:
        ln.score = _content_score(ln, has_stop)
    weights = [min(len(ln.text), 400) ** 0.5 for ln in lines]
    start, end = _main_region([ln.score for ln in lines], weights)

    for i, ln in enumerate(lines):
        if ln.text in repeated:
            ln.label, ln.reason = "boilerplate", "repeated across the source's pages"
        elif ln.furniture:
            ln.label, ln.reason = "boilerplate", "page-furniture phrase"
        elif P.CAPTION.search(ln.text) and ln.n_words < 40:
            ln.label, ln.reason = "caption", "photo/credit caption pattern"
        elif not start <= i <= end:
            ln.label, ln.reason = "boilerplate", "outside the main text block"
        elif counts[ln.text] > 1 and ln.n_words < 25:
            ln.label, ln.reason = "boilerplate", "repeated within the page"
        elif ln.score < -0.5:
            ln.label, ln.reason = "boilerplate", "short or list-like line inside the text block"
        else:
            ln.label, ln.reason = "body", "prose inside the main text block"

    _metadata(lines, start)


def _metadata(lines: list[_Line], start: int) -> None:
    """Title, byline and date from the lines before (and just after) the article starts."""
    head = lines[: max(start, 0) + 3]
    # title: the longest plausible headline before the body, preferring one that repeats
    counts = Counter(ln.text for ln in head)
    best, best_key = None, None
    for ln in head[:start] if start > 0 else []:
        n = ln.n_words
        if ln.furniture or n < 3 or n > 30 or ln.label in {"caption"} or _is_date_line(ln.text):
            continue
        key = (counts[ln.text] > 1, ln.upper > 0.5 or not ln.text.endswith("."), n)
        if best_key is None or key > best_key:
            best, best_key = ln, key
    if best is not None:
        for ln in head:
            if ln.text == best.text:
                ln.label, ln.reason = "title", "headline before the article"
    for ln in lines[: start + 3]:
        if ln.label in {"title"}:
            continue
        if _byline(ln.text) and ln.n_words <= 12:
            ln.label, ln.reason = "byline", "'by <name>' line"
        elif _is_date_line(ln.text) and ln.n_words <= 15:
            ln.label, ln.reason = "date", "date line"
    for ln in lines[start:]:
        if ln.label == "body" and ln.n_words <= 15 and _is_date_line(ln.text):
            ln.label, ln.reason = "date", "date line"


def _result(all_lines: list[_Line]) -> CleanResult:
    decisions = tuple(LineDecision(ln.no, ln.text, ln.label, ln.reason) for ln in all_lines)
    title = next((d.text for d in decisions if d.label == "title"), "")
    title = P.TITLE_SUFFIX.sub("", title)
    byline = next((_byline(d.text) or d.text for d in decisions if d.label == "byline"), "")
    date, date_parsed = next(
        (parse_date(d.text) for d in decisions if d.label == "date"), ("", None)
    )
    body = "\n\n".join(d.text for d in decisions if d.label == "body")
    return CleanResult(title, byline, date, date_parsed, body, decisions)


def clean_text(raw: str) -> str:
    """The article body of a scraped page, paragraphs separated by a blank line.

    Examples
    --------
    >>> clean_text("Menu\\n\\nSkip to content\\n\\nThe minister said on Tuesday that the car "
    ...            "was a gift and that it would be used for official trips only.\\n\\nShare")
    'The minister said on Tuesday that the car was a gift and that it would be used for official trips only.'
    """
    return clean(raw).body


# ----------------------------------------------------------------------------------------------
# corpora
# ----------------------------------------------------------------------------------------------


def repeated_lines(
    texts: Iterable[str], *, min_docs: int = 3, min_share: float = 0.2
) -> frozenset[str]:
    """Lines that appear in at least ``min_docs`` pages and ``min_share`` of all pages.

    Call it on the pages of one source: site-wide furniture (footers, menus, newsletter
    boxes) repeats across a site's pages, while a wire story reprinted by other outlets does
    not repeat within one outlet. With fewer than ``min_docs`` pages nothing is returned.
    """
    texts = list(texts)
    if len(texts) < min_docs:
        return frozenset()
    df = Counter()
    for raw in texts:
        df.update({" ".join(t.split()) for t in split_lines(raw)} - {""})
    need = max(min_docs, min_share * len(texts))
    return frozenset(line for line, n in df.items() if n >= need)


class CleanedCorpus(NamedTuple):
    """The corpus with ``title, byline, date, date_parsed, body`` columns, and every line's
    decision as a tidy frame (``doc_id, source, line_no, text, label, reason``)."""

    docs: pd.DataFrame
    lines: pd.DataFrame


def clean_corpus(
    corpus: pd.DataFrame, *, text_col: str = "raw", by: str | None = "source",
    min_docs: int = 3, min_share: float = 0.2,
) -> CleanedCorpus:
    """Clean every page of a corpus DataFrame.

    Parameters
    ----------
    corpus
        A frame with ``doc_id`` and ``text_col`` (as from :func:`textlab.load_corpus`).
    by
        Column grouping pages of one site; lines repeated across many of its pages are
        dropped (:func:`repeated_lines`). ``None`` turns that off.

    Returns
    -------
    CleanedCorpus
        ``docs``: a new frame with ``title, byline, date, date_parsed, body, n_lines,
        n_body_lines, n_dropped``; ``lines``: one row per input line with its label and reason.

    Examples
    --------
    >>> from textlab import load_corpus
    >>> from textlab.paths import SEEDS_DIR
    >>> docs, lines = clean_corpus(load_corpus(SEEDS_DIR))
    >>> sorted(lines.label.unique())[:3]
    ['blank', 'body', 'boilerplate']
    """
    for col in ("doc_id", text_col):
        if col not in corpus.columns:
            raise ValueError(f"corpus: missing column {col!r}; columns are {list(corpus.columns)}")
    if by is not None and by not in corpus.columns:
        raise ValueError(f"by={by!r}: not a column of corpus; use None to turn it off")
    texts = corpus[text_col].fillna("").astype(str)
    repeated: dict[object, frozenset[str]] = {}
    if by is not None:
        for key, group in texts.groupby(corpus[by], sort=False):
            repeated[key] = repeated_lines(group, min_docs=min_docs, min_share=min_share)
    results = [
        clean(raw, repeated=repeated.get(key, frozenset()) if by is not None else frozenset())
        for raw, key in zip(texts, corpus[by] if by is not None else [None] * len(texts),
                            strict=True)
    ]
    docs = corpus.copy()
    docs["title"] = [r.title for r in results]
    docs["byline"] = [r.byline for r in results]
    docs["date"] = [r.date for r in results]
    docs["date_parsed"] = [r.date_parsed for r in results]
    docs["body"] = [r.body for r in results]
    docs["n_lines"] = [sum(d.label != "blank" for d in r.lines) for r in results]
    docs["n_body_lines"] = [sum(d.label == "body" for d in r.lines) for r in results]
    docs["n_dropped"] = docs["n_lines"] - docs["n_body_lines"]
    frames = []
    keys = corpus[by] if by is not None else corpus["doc_id"]
    for doc_id, key, r in zip(corpus["doc_id"], keys, results, strict=True):
        f = r.decisions
        f.insert(0, "doc_id", doc_id)
        if by is not None:
            f.insert(1, by, key)
        frames.append(f)
    lines = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["doc_id", *LineDecision._fields])
    return CleanedCorpus(docs, lines)


class BoilerplateRemover(TransformerMixin, BaseEstimator):
    """scikit-learn transformer: raw pages in, article bodies out.

    ``fit`` learns the lines repeated across the training pages (site furniture);
    ``transform`` cleans each page with them. Put it before a vectorizer::

        Pipeline([("clean", BoilerplateRemover()), ("tfidf", TfidfVectorizer())])

    Parameters
    ----------
    min_docs, min_share
        Passed to :func:`repeated_lines`. Fit on the pages of one site (or a corpus of a few
        sites): a line shared by many pages of different outlets may be a wire story.

    Attributes
    ----------
    repeated_lines_ : frozenset of str
        The learned furniture lines.
    """

    def __init__(self, min_docs: int = 3, min_share: float = 0.2):
        self.min_docs = min_docs
        self.min_share = min_share

    def fit(self, X: Sequence[str] | pd.Series, y=None) -> BoilerplateRemover:
        if isinstance(self.min_docs, bool) or not isinstance(self.min_docs, int) or self.min_docs < 1:
            raise ValueError(f"min_docs={self.min_docs!r}: expected an integer >= 1")
        if not 0.0 <= float(self.min_share) <= 1.0:
            raise ValueError(f"min_share={self.min_share!r}: expected a number in [0, 1]")
        self.repeated_lines_ = repeated_lines(_as_texts(X), min_docs=self.min_docs,
                                              min_share=self.min_share)
        return self

    def transform(self, X: Sequence[str] | pd.Series) -> list[str]:
        if not hasattr(self, "repeated_lines_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError("BoilerplateRemover is not fitted yet; call fit first")
        return [clean(t, repeated=self.repeated_lines_).body for t in _as_texts(X)]


def _as_texts(X) -> list[str]:
    if isinstance(X, str):
        raise TypeError("X: expected a sequence of page texts, got a single str")
    return ["" if t is None else str(t) for t in X]
