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
import math
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin

from textlab import _patterns as P
from textlab._furniture import (
    MIN_DOCS,
    MIN_SHARE,
    furniture_hashes,
    page_facts,
    page_lines,
    repeated_in_page,
)
from textlab._linemodel import (
    BASE_FEATURES,
    FEATURE_NAMES,
    STOPLISTS,
    LineFacts,
    LineModel,
    TreeModel,
    base_features,
    load_model,
    with_context,
)

__all__ = [
    "LABELS",
    "LineDecision",
    "CleanResult",
    "CleanedCorpus",
    "clean",
    "clean_text",
    "page_warning",
    "warning_kind",
    "UNSURE_WARNING",
    "clean_corpus",
    "clean_frame",
    "repeated_lines",
    "BoilerplateRemover",
]

LABELS = ("body", "title", "byline", "date", "caption", "boilerplate", "blank")


class LineDecision(NamedTuple):
    """One input line and what the cleaner decided about it."""

    line_no: int  # 1-based, counting every line of the input
    text: str  # the line with its whitespace normalised
    label: str
    reason: str
    score: float  # the classifier's body probability (NaN for blank lines)


# LineDecision._make without its cost per call (a page has hundreds of lines)
_new_decision = partial(tuple.__new__, LineDecision)


@dataclass(frozen=True)
class CleanResult:
    """What a page says about itself, its article body, and the decision for every line."""

    title: str
    byline: str
    date: str  # as written on the page
    date_parsed: str | None  # ISO 8601 (YYYY-MM-DD) when the written date could be parsed
    body: str  # paragraphs separated by one blank line
    lines: tuple[LineDecision, ...] = field(repr=False)
    warning: str = ""
    """Empty when the page looks fine, else why its article may be lost (see
    :func:`page_warning`): "no article text kept" or "kept 4% of the page's prose-like text"
    (lost), or "no clear article: kept the page's best-scoring lines" (a doubt)."""

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
            "warning": self.warning,
        }


# ----------------------------------------------------------------------------------------------
# line decisions
# ----------------------------------------------------------------------------------------------

FALLBACK_SHARE = 0.5
"""A page on which decoding keeps less than this share of the prose-like text (and few words)
is decoded again against its own best line (see :func:`decode_lines`)."""
HEAD_WINDOW = 8
"""Lines before the article (and this many into it) are searched for title, byline, date."""
PROSE_WORDS = 12
"""A line of this many words, or one ending a sentence, counts as prose."""
TITLE_WINDOW = 60
"""The headline is looked for among this many lines before the article."""


def split_lines(raw: str) -> list[str]:
    """Split on ``\\n``, ``\\r\\n`` and ``\\r`` only (not on the other characters
    :meth:`str.splitlines` treats as breaks), so line numbers match an editor's."""
    return _unix_breaks(raw).split("\n")


def _unix_breaks(raw: str) -> str:
    """``raw`` with ``\\r\\n`` and ``\\r`` line breaks made ``\\n`` (most pages have none:
    one search instead of two copies)."""
    return raw.replace("\r\n", "\n").replace("\r", "\n") if "\r" in raw else raw


def best_path(z: np.ndarray, switch_cost: float) -> np.ndarray:
    """The body/boilerplate labelling of a page's lines that maximises the summed scores
    ``z`` of the lines labelled body minus ``switch_cost`` for every change of label between
    neighbouring lines (two-state Viterbi decoding; the page may start and end in either).

    An optimal labelling never changes inside a run of lines whose scores have one sign (moving
    the change to the run's edge gains that part of the run), so the dynamic programme runs
    over those runs, a few dozen on a typical page, instead of over its lines.

    Examples
    --------
    >>> best_path(np.array([2.0, -0.5, 1.5, -3.0, 0.4]), 1.0).astype(int).tolist()
    [1, 1, 1, 0, 0]
    """
    n = len(z)
    if n == 0:
        return np.zeros(0, dtype=bool)
    positive = z > 0
    change = np.empty(n, dtype=bool)
    change[0] = True
    np.not_equal(positive[1:], positive[:-1], out=change[1:])
    starts = change.nonzero()[0]
    sums = np.add.reduceat(z, starts).tolist()
    # in_body/out: the best total of a labelling of the runs so far ending in body/boilerplate;
    # came_in/came_out[r]: whether the best way into body/boilerplate at run r was from body
    in_body, out = sums[0], 0.0
    came_in, came_out = [True], [False]
    for s in sums[1:]:
        stay_in, enter = in_body, out - switch_cost
        stay_out, leave = out, in_body - switch_cost
        came_in.append(stay_in >= enter)
        came_out.append(leave > stay_out)
        in_body = (stay_in if stay_in >= enter else enter) + s
        out = leave if leave > stay_out else stay_out
    state = in_body >= out
    run_body = [False] * len(sums)
    for r in range(len(sums) - 1, -1, -1):
        run_body[r] = state
        state = came_in[r] if state else came_out[r]
    sizes = np.empty(len(starts), dtype=np.intp)
    sizes[:-1] = starts[1:] - starts[:-1]
    sizes[-1] = n - starts[-1]
    return np.repeat(np.array(run_body), sizes)


def decode_lines(log_odds: np.ndarray, neutral: np.ndarray, words: list[int], prose: list[bool],
                 decoding: dict[str, float], *, explain: bool = True,
                 ) -> tuple[np.ndarray, list[str], bool]:
    """Keep/drop for each line from the classifier's log-odds of it being article text, read
    as a sequence (:func:`best_path`).

    Each line scores its log-odds plus ``decoding["bias"]``, clipped to
    +-``decoding["clip"]`` so that no single line outweighs its neighbourhood, a score between
    ``-decoding["doubt_floor"]`` and 0 (a line in doubt) counting ``decoding["doubt_weight"]``
    of itself; lines the hard
    rules drop anyway (``neutral``: captions, furniture phrases) score
    ``-decoding["furniture_cost"]`` whatever the classifier says; every change between
    article and boilerplate costs ``decoding["switch_cost"]``. So a short line between body
    lines is kept, and an isolated line of prose dropped, because of where it stands.

    A page on which that keeps fewer than ``decoding["fallback_words"]`` words (``words``: each
    line's), and less than FALLBACK_SHARE of the words of its prose-like lines (``prose``: PROSE_WORDS
    words or a final stop; captions and furniture not counted), has no clear article: it is
    decoded again with each line's log-odds read against
    the page's best line's, less ``decoding["fallback_margin"]`` (a list, a recipe or a page of
    short paragraphs scores low everywhere, but higher than its menus).

    Returns the keep flags, the reasons (left empty unless ``explain``) and whether the page
    was decoded against its own best line."""
    n = len(log_odds)
    logit = log_odds
    keep = best_path(_line_scores(logit, decoding["bias"], neutral, decoding),
                     decoding["switch_cost"])
    fallback = False
    if n and np.count_nonzero(keep) < decoding["fallback_words"]:
        kept_words = sum([words[i] for i in keep.nonzero()[0].tolist()])
        if kept_words < decoding["fallback_words"]:
            prose_words = sum([w for w, pr, ne in zip(words, prose, neutral.tolist(), strict=True)
                               if pr and not ne])
            fallback = kept_words < FALLBACK_SHARE * prose_words
    if fallback:
        best = float(np.maximum.reduce(logit[~neutral]))
        keep = best_path(_line_scores(logit, decoding["fallback_margin"] - best, neutral,
                                      decoding), decoding["switch_cost"])
    why = [""] * n
    if explain:
        if fallback:
            for i in keep.nonzero()[0].tolist():
                why[i] = "no clear article: the page's best-scoring region (sequence decoding)"
        else:
            likely = logit >= 0.0  # the classifier alone would keep it
            for i in (keep & likely).nonzero()[0].tolist():
                why[i] = "classifier: prose-like"
            for i in (keep & ~likely).nonzero()[0].tolist():
                why[i] = "inside the article region (sequence decoding)"
            for i in (~keep & likely & ~neutral).nonzero()[0].tolist():
                why[i] = "outside the article region (sequence decoding)"
    return keep, why, fallback


def _line_scores(logit: np.ndarray, shift: float, neutral: np.ndarray,
                 decoding: dict[str, float]) -> np.ndarray:
    """What each line adds to a labelling that calls it body (see :func:`decode_lines`)."""
    z = logit + shift
    clip = decoding["clip"]
    np.maximum(z, -clip, out=z)
    np.minimum(z, clip, out=z)
    # a line the classifier is in doubt about (a little below zero) costs a share of its score:
    # a list or a run of short lines inside the article costs little to keep, while a run of
    # confident boilerplate still parts two regions
    doubt = (z < 0) & (z > -decoding["doubt_floor"])
    z[doubt] *= decoding["doubt_weight"]
    z[neutral] = -decoding["furniture_cost"]
    return z


_FEATURE_REASONS = {
    "log_chars": "short line", "log_words": "short line", "log_len_vs_median": "short line",
    "share_of_page": "short line", "stop_density": "few function words (not running prose)",
    "frequent_word_density": "few function words (not running prose)",
    "sentence_end": "no sentence-final punctuation", "furniture": "page-furniture phrase",
    "bullet": "list item", "title_case": "title-case line (menu or list of headlines)",
    "repeated": "repeated within the page", "position": "header or footer zone",
    "caption": "caption or credit", "byline": "byline", "digit_share": "mostly digits",
    "link": "link or e-mail address", "cjk_share": "short line",
    "commas_per_word": "no running prose", "starts_lower": "fragment (starts lower-case)",
    "ends_colon": "label ending with a colon", "has_pipe": "'|'-separated items",
}


def _reason_for(feature: str) -> str:
    """Why a line was dropped: the feature that pulled its score down the most."""
    return _FEATURE_REASONS.get(feature, "neighbouring lines are page furniture")


_REASONS = tuple(map(_reason_for, FEATURE_NAMES)) + (
    "neighbouring lines are page furniture",)  # by feature index, then the neighbourhood
_OWN = len(BASE_FEATURES)


def _worst_terms(terms: np.ndarray) -> np.ndarray:
    """For each row of per-feature score terms, the index (into _REASONS) of what pulled the
    score down most: one of the line's own features, or its neighbourhood (the lines around
    it and the windows, summed as one)."""
    grouped = np.empty((len(terms), _OWN + 1))
    grouped[:, :_OWN] = terms[:, :_OWN]
    grouped[:, _OWN] = terms[:, _OWN:].sum(axis=1)
    return grouped.argmin(axis=1)


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
    # a year (P.HAS_YEAR) starts "19" or "20": two substring tests turn most lines away faster
    if ("19" not in text and "20" not in text) or not P.HAS_YEAR.search(text):
        return False
    written, _ = parse_date(text)
    if not written:
        return False
    rest = text.replace(written, " ")
    if rest.isascii():
        rest = P.DATE_WORDS_ASCII.sub(" ", rest.lower())
    else:
        rest = P.DATE_WORDS.sub(" ", rest)
    return len(P.WORD.findall(rest)) <= 2


def _byline(text: str) -> str:
    m = P.BYLINE.match(text)
    return m.group("name").strip() if m else ""


# ----------------------------------------------------------------------------------------------
# the cleaner
# ----------------------------------------------------------------------------------------------


def clean(raw: str, *, repeated: frozenset[str] | set[str] = frozenset(),
          model: LineModel | TreeModel | None = None) -> CleanResult:
    """Clean one page: article body, title, byline, date and a decision for every line.

    Parameters
    ----------
    raw
        The page as plain text (any string; odd input never raises).
    repeated
        Lines known to repeat across many pages of the same source (see
        :func:`repeated_lines`); they are dropped as boilerplate.
    model
        A line classifier other than the committed one (used when re-training).

    Returns
    -------
    CleanResult

    Examples
    --------
    >>> page = ("Home | World | Sport\\n\\nPutin gives Kim a car\\n\\nBy Jane Roe\\n\\n"
    ...         "Russia's president gave the North Korean leader a limousine on Tuesday, which "
    ...         "the ministry in Seoul said was a breach of the sanctions on luxury goods.\\n\\n"
    ...         "The gift follows a summit in September at which the two leaders pledged to "
    ...         "deepen their ties, officials said.\\n\\nShare this article\\n\\n"
    ...         "© 2024 Example Media")
    >>> r = clean(page)
    >>> r.title, r.byline
    ('Putin gives Kim a car', 'Jane Roe')
    >>> r.body.split("\\n\\n")[1][:40]
    'The gift follows a summit in September a'
    >>> r.decisions.label.tolist()[::2]
    ['boilerplate', 'title', 'byline', 'body', 'body', 'boilerplate', 'boilerplate']
    """
    texts, lines, features = _page(raw)
    labels = ["blank"] * len(texts)
    reasons = ["empty line"] * len(texts)
    scores = [math.nan] * len(texts)
    warning = ""
    if features is not None:
        nonblank = [i for i, t in enumerate(texts) if t]
        lab, why, p, warning = _decide(lines, features, repeated, model=model)
        for i, la, wh, sc in zip(nonblank, lab, why, np.round(p, 4).tolist(), strict=True):
            labels[i], reasons[i], scores[i] = la, wh, sc
    decisions = tuple(map(_new_decision, zip(range(1, len(texts) + 1), texts, labels, reasons,
                                             scores, strict=True)))
    return _result(decisions, warning)


def _page(raw: str) -> tuple[list[str], list[str], tuple[np.ndarray, LineFacts] | None]:
    """The page's lines with whitespace runs collapsed to one space and ends stripped, those
    of them that are not empty, and their base features (None if every line is empty).

    Most pages need no normalising: that is found out on the way to the features
    (``base_features(..., check_spacing=True)``), and only other pages are normalised."""
    if not isinstance(raw, str):
        raise TypeError(f"raw: expected str, got {type(raw).__name__}")
    texts = split_lines(raw)
    lines = list(filter(None, texts))
    features = base_features(lines, check_spacing=True) if lines else None
    if lines and features is None:
        texts = [" ".join(t.split()) for t in texts]
        lines = list(filter(None, texts))
        features = base_features(lines) if lines else None
    return texts, lines, features


_CAPTION_COL = BASE_FEATURES.index("caption")
_FURNITURE_COL = BASE_FEATURES.index("furniture")
_BULLET_COL = BASE_FEATURES.index("bullet")
_DIGITS_COL = BASE_FEATURES.index("digit_share")
_REPEATED_COL = BASE_FEATURES.index("repeated")


def _decide(lines: list[str], features: tuple[np.ndarray, LineFacts], repeated, *,
            explain: bool = True, model: LineModel | TreeModel | None = None,
            ) -> tuple[list[str], list[str], np.ndarray, str]:
    """Each line's label and reason, the classifier's body probabilities (its log-odds unless
    ``explain``), and the page's warning (see :func:`page_warning`; "" unless ``explain``)."""
    model = model or load_model()
    base, facts = features
    log_odds = model.page_log_odds(base)
    furniture = base[:, _FURNITURE_COL] > 0
    # words: space-separated tokens, and a word for every two CJK characters
    words = ([t + c // 2 for t, c in zip(facts.n_tokens, facts.cjk, strict=True)]
             if any(facts.cjk) else facts.n_tokens)
    prose = [w >= PROSE_WORDS or ends for w, ends in zip(words, facts.sentence_end, strict=True)]
    neutral = furniture | (base[:, _CAPTION_COL] > 0)
    keep, why, fallback = decode_lines(log_odds, neutral, words, prose, model.decoding,
                                       explain=explain)
    labels = ["body" if k else "boilerplate" for k in keep.tolist()]
    for i in (base[:, _CAPTION_COL] > 0).nonzero()[0].tolist():
        labels[i], why[i] = "caption", "photo/credit caption pattern"
    if explain:
        # why a line was dropped, unless decoding or the caption rule said already (the steps
        # before _metadata change only kept lines, so dropped ones get their reason now): a
        # furniture phrase, which decoding scores as such, or what pulled its score down most
        dropped = (~keep).nonzero()[0]
        if len(dropped):
            worst = _worst_terms(model.contributions(with_context(base)[dropped]))
            for i, j in zip(dropped.tolist(), worst.tolist(), strict=True):
                if not why[i]:
                    why[i] = "page-furniture phrase" if furniture[i] else _REASONS[j]
        if repeated:
            for i in dropped.tolist():
                if lines[i] in repeated:
                    why[i] = "repeated across the source's pages"
    # hard rules the classifier cannot overrule (a body line repeated later in the article can
    # only be one that occurs more than once on the page)
    last_seen: dict[str, int] = {}
    ruled = keep if repeated else keep & (furniture | (base[:, _REPEATED_COL] > 0))
    for i in ruled.nonzero()[0].tolist():
        text = lines[i]
        if text in repeated:
            labels[i], why[i] = "boilerplate", "repeated across the source's pages"
        elif furniture[i]:
            labels[i], why[i] = "boilerplate", "page-furniture phrase"
        elif labels[i] == "body":
            if text in last_seen:  # a standfirst or pull quote repeated later: keep it once
                j = last_seen[text]
                labels[j], why[j] = "boilerplate", "repeated later in the article (kept once)"
            last_seen[text] = i
    # plain Python: as fast as numpy on a typical page, without numpy's cost per call on short ones
    _drop_dangling_headings(prose, labels, why)
    # a list item, a furniture phrase or a line of figures (a table row, prices) is never the
    # headline
    not_headline = ((base[:, _BULLET_COL] > 0) | furniture | (base[:, _DIGITS_COL] > 0.2)).tolist()
    neutral_lines = neutral.tolist()
    _metadata(lines, labels, why, prose, facts, not_headline, words, neutral_lines)
    warning = page_warning(labels, words, prose, neutral_lines, fallback) if explain else ""
    p = 1.0 / (1.0 + np.exp(-log_odds)) if explain else log_odds
    return labels, why, p, warning


def _first_body(labels: list[str]) -> int:
    """Index of the first body line (``len(labels)`` if there is none)."""
    return labels.index("body") if "body" in labels else len(labels)


def _last_body(labels: list[str]) -> int:
    """Index of the last body line (``len(labels)`` if there is none)."""
    return len(labels) - 1 - labels[::-1].index("body") if "body" in labels else len(labels)


DANGLING_LINES = 3
"""A run of at most this many short lines kept as body that leads into no article text is
dropped (a longer run is a list or a table)."""


def _drop_dangling_headings(prose: list[bool], labels: list[str], why: list[str]) -> None:
    """Short non-prose lines kept as body must lead into article text: a run of up to
    DANGLING_LINES of them that is followed by furniture (or nothing) is a byline, tag list or
    widget label, not a heading; a longer run is kept (a list, a table)."""
    # walk up from the end, so each line knows what the run it belongs to is followed by
    leads_into_text = False
    run: list[int] = []  # the short lines of the current run that lead into no text
    for i in range(len(labels) - 1, -1, -1):
        if labels[i] == "body" and not prose[i]:
            if not leads_into_text:
                run.append(i)
            continue
        if run:
            _drop_short_run(run, labels, why)
        leads_into_text = labels[i] == "body"
    _drop_short_run(run, labels, why)


def _drop_short_run(run: list[int], labels: list[str], why: list[str]) -> None:
    if len(run) <= DANGLING_LINES:
        for i in run:
            labels[i], why[i] = "boilerplate", "short line not followed by article text"
    run.clear()


WARN_SHARE = 0.1
"""A page whose kept body holds less than this share of the words of its prose-like lines..."""
WARN_PROSE_WORDS = 150
"""...and whose prose-like lines hold at least this many words gets a warning."""


UNSURE_WARNING = "no clear article: kept the page's best-scoring lines"
"""The warning of a page whose article region was not clear: its best-scoring lines are kept
(usually the whole of a short article or a list, sometimes with furniture); not a loss."""


def page_warning(labels: list[str], words: list[int], prose: list[bool], neutral: list[bool],
                 fallback: bool) -> str:
    """Why a page may have lost its article ("" when it looks fine), from its lines' final
    ``labels``, their ``words``, whether each is prose-like (``prose``: PROSE_WORDS words or a
    final stop) and page furniture or a caption (``neutral``, not counted as prose), and
    whether decoding fell back to the page's own best lines (``fallback``).

    The rule, in order: no line kept as body: "no article text kept"; a body of less than
    WARN_SHARE of the words of the page's prose-like lines, when these hold WARN_PROSE_WORDS
    words or more: "kept 4% of the page's prose-like text" (say); a fallback:
    :data:`UNSURE_WARNING`. The first two are losses, the third a doubt
    (:func:`warning_kind`). A page with no text gets no warning.

    Examples
    --------
    >>> page_warning(["boilerplate", "boilerplate"], [20, 3], [True, False], [False, False], False)
    'no article text kept'
    >>> page_warning(["body"] + ["boilerplate"] * 9, [30] * 10, [True] * 10, [False] * 10, False)
    ''
    >>> page_warning(["body"] + ["boilerplate"] * 19, [15] * 20, [True] * 20, [False] * 20, False)
    "kept 5% of the page's prose-like text"
    """
    if not labels:
        return ""
    kept = sum([w for w, lab in zip(words, labels, strict=True) if lab == "body"])
    if kept == 0:
        return "no article text kept"
    total = sum([w for w, pr, ne in zip(words, prose, neutral, strict=True) if pr and not ne])
    if total >= WARN_PROSE_WORDS and kept < WARN_SHARE * total:
        return f"kept {kept / total:.0%} of the page's prose-like text"
    if fallback:
        return UNSURE_WARNING
    return ""


def warning_kind(warning: str) -> str:
    """``"lost"`` for a warning of :func:`page_warning` that says the article was lost,
    ``"unsure"`` for :data:`UNSURE_WARNING`, ``""`` for no warning.

    Examples
    --------
    >>> [warning_kind(w) for w in ["", "no article text kept", UNSURE_WARNING]]
    ['', 'lost', 'unsure']
    """
    if not warning:
        return ""
    return "unsure" if warning == UNSURE_WARNING else "lost"


def _metadata(lines: list[str], labels: list[str], why: list[str], prose: list[bool],
              facts: LineFacts, not_headline: list[bool], words: list[int],
              neutral: list[bool]) -> None:
    """Title, byline and date from the lines around the start (and end) of the article, and
    the article's lead paragraph if decoding left it out.

    ``prose``: the line has PROSE_WORDS words or ends a sentence; ``not_headline``: the line
    cannot be the headline (a list item, a furniture phrase); ``words``: each line's words;
    ``neutral``: the line is furniture or a caption."""
    n = len(lines)
    # the article starts at its first prose line; short headline-like lines kept before it
    # are page header (tags, reading time, section names), not body
    start = _first_body(labels)
    header: list[int] = []
    first_prose = n
    for i in range(start, n):
        if labels[i] == "body":
            if prose[i]:
                first_prose = i
                break
            header.append(i)
    # (header lines are headline candidates like any line before the article; a longer run of
    # short lines, or one that leads to no prose at all, is a list or a table of the article)
    if first_prose < n and len(header) <= HEAD_WINDOW:
        for i in header:
            labels[i], why[i] = "boilerplate", "header line before the article text"
    else:
        first_prose = start
    # a standfirst: running prose just above the article, apart from it by bylines, captions or
    # widgets, and below the headline, is the article's lead (the headline is then looked
    # for above it)
    lead = _lead(labels, prose, facts, words, neutral, first_prose)
    best = _headline(lines, labels, facts, not_headline, lead) if lead is not None else None
    if best is None:
        lead = None
        best = _headline(lines, labels, facts, not_headline, first_prose if first_prose < n else start)
    titles: list[int] = []  # every copy of the headline near the top (no other step sets title)
    if best is not None:
        titles = [i for i in range(min(min(first_prose, start) + HEAD_WINDOW, n))
                  if lines[i] == best]
    for i in titles:
        if labels[i] != "body":
            labels[i], why[i] = "title", "headline before the article"
        else:
            labels[i], why[i] = "title", "headline (first line, no final punctuation)"
    end = _last_body(labels)
    if lead is not None and titles and titles[0] < lead:
        labels[lead], why[lead] = "body", "lead paragraph between the headline and the article"
        first_prose = lead
    start = first_prose
    near = set(range(max(start - HEAD_WINDOW, 0), min(start + 3, n)))
    near |= set(range(end + 1, min(end + 4, n)))
    title_at = titles[0] if titles else n
    named = False
    bylines: list[int] = []  # the lines labelled byline so far (no earlier step sets byline)
    for i in sorted(near):
        text = lines[i]
        if labels[i] in {"title", "caption"} or len(text) > 160:
            continue
        if facts.byline[i]:
            labels[i], why[i] = "byline", "'by <name>' line"
            bylines.append(i)
        elif _is_date_line(text):
            labels[i], why[i] = "date", "date line"
        elif not named and title_at < i < start + 3 and labels[i] != "body" \
                and P.NAME_LINE.match(text) and not facts.furniture_line[i]:
            labels[i], why[i] = "byline", "name line just after the headline"
            bylines.append(i)
            named = True
    names = {_byline_name(lines[i]) for i in bylines}
    names.discard("")
    if names:
        for i in range(end + 1, n):
            if lines[i] in names and labels[i] != "byline":
                labels[i], why[i] = "byline", "author name after the article"
    # no line before the first prose line or after ``end`` is body any more
    for i in range(first_prose, min(end + 1, n)):
        if labels[i] == "body" and len(lines[i]) <= 80 and _is_date_line(lines[i]):
            labels[i], why[i] = "date", "date line"


def _lead(labels: list[str], prose: list[bool], facts: LineFacts, words: list[int],
          neutral: list[bool], first_prose: int) -> int | None:
    """The line that may be the article's standfirst: going up from the article's first prose
    line (``first_prose``) over at most HEAD_WINDOW lines, passing over short lines, captions,
    furniture (``neutral``) and bylines, the first prose line, if it was dropped so far, is
    a sentence of PROSE_WORDS words or more and occurs once on the page (a teaser repeats)."""
    for i in range(first_prose - 1, max(first_prose - HEAD_WINDOW, 0) - 1, -1):
        if not prose[i] or neutral[i] or facts.byline[i] or labels[i] == "caption":
            continue
        if labels[i] == "boilerplate" and facts.sentence_end[i] and words[i] >= PROSE_WORDS \
                and not facts.repeated[i]:
            return i
        return None
    return None


def _headline(lines: list[str], labels: list[str], facts: LineFacts, not_headline: list[bool],
              start: int) -> str | None:
    """The headline among the TITLE_WINDOW lines before the article's first body line
    ``start`` (and that line itself, if it has no final punctuation).

    Candidates are lines of headline length; a list item, furniture, a share bar, a byline, a
    date line, a time stamp, a comment counter, a credit or sponsor line or a trail of
    breadcrumbs never is one (:func:`_never_headline`). They are ranked by where they stand and
    what they look like (in halves: it occurs twice near the top 4, no full stop at its end 2,
    near the article 2, 5 to 20 words 1; ties: the one nearest the article), and the
    HEADLINE_SHORTLIST best (of those the words can still lift to the top) are ranked again
    with what they say: a headline is about the article, so HEADLINE_OVERLAP halves times the
    share of its content words found in the article's first HEADLINE_ARTICLE_LINES lines are
    added (not to a line with a full stop: a caption repeats the article's words too)."""
    n = len(lines)
    lo, hi = max(start - TITLE_WINDOW, 0), min(start + 2, n)
    sized = [(i, words, text) for i, words, c, text, lab in zip(
                 range(lo, hi), facts.n_tokens[lo:hi], facts.cjk[lo:hi], lines[lo:hi],
                 labels[lo:hi], strict=True)
             if (3 <= words <= 30 or 8 <= c <= 80) and len(text) <= 300 and lab != "caption"]
    if not sized:
        return None
    head, repeated = lines[: start + HEAD_WINDOW], facts.repeated
    near = start - HEAD_WINDOW  # from here on a line is near the article
    ranked = []
    for i, n_words, text in sized:
        if labels[i] == "body" and (i > start or facts.sentence_end[i] or i + 1 >= n
                                    or labels[i + 1] != "body"):
            continue  # only a first body line without final punctuation can be the headline
        # (a line that occurs once on the page is counted no further)
        score = ((4 if repeated[i] and head.count(text) > 1 else 0)
                 + (0 if text.endswith(".") else 2) + (2 if i >= near else 0)
                 + (1 if 5 <= n_words <= 20 else 0))
        ranked.append((-score, -i))
    ranked.sort()  # the best first, and of equal ones the nearest the article
    shortlist: list[tuple[int, int]] = []
    for minus_score, minus_i in ranked:  # the costlier tests only until enough pass
        if shortlist and shortlist[0][0] + minus_score >= HEADLINE_OVERLAP:
            break  # what it says can no longer lift this line above the first
        i = -minus_i
        if not _never_headline(lines[i], i, not_headline, facts):
            shortlist.append((-minus_score, i))
            if len(shortlist) == HEADLINE_SHORTLIST:
                break
    if len(shortlist) < 2:
        return lines[shortlist[0][1]] if shortlist else None
    body = [i for i in range(start, min(start + 4 * HEADLINE_ARTICLE_LINES, n))
            if labels[i] == "body"][:HEADLINE_ARTICLE_LINES]
    article = " ".join([lines[i] for i in body]).lower()
    # (a short line with a full stop that repeats the article's words is a caption)
    best = max(shortlist, key=lambda si: (
        si[0] + (0.0 if lines[si[1]].endswith(".") else
                 HEADLINE_OVERLAP * _share_in(lines[si[1]], article)), si[1]))
    return lines[best[1]]


HEADLINE_SHORTLIST = 3
"""Headline candidates ranked again by what they say (see :func:`_headline`)."""
HEADLINE_ARTICLE_LINES = 8
"""The article's first body lines a headline's words are looked for in."""
HEADLINE_OVERLAP = 4.0
"""Halves of headline score for a headline whose content words all occur in the article."""


def _never_headline(text: str, i: int, not_headline: list[bool], facts: LineFacts) -> bool:
    """Whether line ``i`` (``text``) can never be the headline (the cheaper tests first)."""
    return (not_headline[i] or facts.furniture_line[i] or facts.byline[i]
            or P.is_widget_line(text) or P.never_a_headline(text)
            or (":" in text and P.CLOCK_TIME.search(text) is not None)  # 6:55
            or _is_date_line(text))


_ALL_STOP_WORDS = frozenset().union(*STOPLISTS.values())


def _content_words(text: str) -> set[str]:
    """Lower-cased words of three letters or more that are no stop word, and CJK characters."""
    words = set(P.FREQ_TOKEN.findall(text.lower()))
    words -= _ALL_STOP_WORDS
    return {w for w in words if len(w) > 2 or w >= "\u3040"}


def _share_in(text: str, article: str) -> float:
    """The share of the content words of ``text`` found in the lower-cased ``article`` (as
    substrings: no need to cut the article into words)."""
    own = _content_words(text)
    return sum([w in article for w in own]) / len(own) if own else 0.0


def _byline_name(text: str) -> str:
    name = _byline(text)
    if not name:
        m = P.NAME_LINE.match(text)
        name = m.group("name") if m else ""
    return name


def _result(decisions: tuple[LineDecision, ...], warning: str = "") -> CleanResult:
    title = next((d.text for d in decisions if d.label == "title"), "")
    title = P.TITLE_SUFFIX.sub("", title)
    byline = next((_byline_name(d.text) or d.text for d in decisions if d.label == "byline"), "")
    dated = (parse_date(d.text) for d in decisions if d.label in {"date", "byline"})
    date, date_parsed = next((found for found in dated if found[0]), ("", None))
    body = "\n\n".join(d.text for d in decisions if d.label == "body")
    return CleanResult(title, byline, date, date_parsed, body, decisions, warning)


def clean_text(raw: str, *, model: LineModel | TreeModel | None = None) -> str:
    """The article body of a scraped page, paragraphs separated by a blank line.

    Examples
    --------
    >>> clean_text("Menu\\n\\nSkip to content\\n\\nThe minister said on Tuesday that the car "
    ...            "was a gift and that it would be used for official trips only.\\n\\nShare")
    'The minister said on Tuesday that the car was a gift and that it would be used for official trips only.'
    """
    _, lines, features = _page(raw)
    if features is None:
        return ""
    labels, _, _, _ = _decide(lines, features, frozenset(), explain=False, model=model)
    return "\n\n".join([t for t, lab in zip(lines, labels, strict=True) if lab == "body"])


# ----------------------------------------------------------------------------------------------
# corpora
# ----------------------------------------------------------------------------------------------


def repeated_lines(
    texts: Iterable[str], *, min_docs: int = MIN_DOCS, min_share: float = MIN_SHARE
) -> frozenset[str]:
    """Lines that are on at least ``min_docs`` documents and ``min_share`` of all documents,
    versions of one document (near-duplicate pages) counting once.

    Call it on the pages of one source: site-wide furniture (footers, menus, newsletter
    boxes) repeats across a site's pages, while a wire story reprinted by other outlets does
    not repeat within one outlet, and an article the source holds in several versions (an
    update, the same page scraped twice) is one document (see :mod:`textlab._furniture`).
    With fewer than ``min_docs`` documents nothing is returned.

    Examples
    --------
    >>> footer = "Subscribe to our newsletter for the week's best stories from the region"
    >>> stories = ["The council approved a new budget for the harbour and its two piers.",
    ...            "Heavy rain flooded the old market square for the second time this month.",
    ...            "A local choir won the national competition with a programme of folk songs.",
    ...            "The railway line to the coast will close for repairs during the summer."]
    >>> sorted(repeated_lines([f"{s}\\n{footer}" for s in stories]))
    ["Subscribe to our newsletter for the week's best stories from the region"]
    """
    texts = ["" if t is None else str(t) for t in texts]
    hashes = furniture_hashes([page_facts(t) for t in texts], min_docs=min_docs,
                              min_share=min_share)
    return frozenset().union(*(repeated_in_page(page_lines(t), hashes) for t in texts))


PAGE_COLUMNS = ("title", "byline", "date", "date_parsed", "body", "n_lines", "n_body_lines",
                "n_dropped", "warning")
"""The columns cleaning adds to a corpus frame (see :func:`clean_frame` for name clashes)."""


class CleanedCorpus(NamedTuple):
    """The corpus with ``title, byline, date, date_parsed, body`` columns, and every line's
    decision as a tidy frame (``doc_id, source, line_no, text, label, reason``)."""

    docs: pd.DataFrame
    lines: pd.DataFrame


def page_column_names(columns: Iterable[str]) -> dict[str, str]:
    """Where each of :data:`PAGE_COLUMNS` goes in a frame that has ``columns``: its own name,
    or ``page_<name>`` when the corpus already has a column of that name (metadata keeps its
    name; a ``date`` from metadata also moves the page's ``date_parsed``)."""
    columns = set(columns)
    names = {c: (f"page_{c}" if c in columns else c) for c in PAGE_COLUMNS}
    if "date" in columns:
        names["date_parsed"] = "page_date_parsed"
    return names


def clean_frame(corpus: pd.DataFrame, *, furniture: Mapping[object, np.ndarray] | None = None,
                by: str | None = "source", text_col: str = "raw", lines: str = "all",
                ) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Clean the pages of a corpus frame (or of one batch of it) with the furniture learned
    for their sources: the one cleaning step that every entry point runs.

    Parameters
    ----------
    corpus
        Rows with ``doc_id`` and ``text_col`` (and ``by`` when given).
    furniture
        ``{source: sorted line hashes}`` learned over the whole corpus
        (:func:`textlab.engine.learn_furniture`); sources not in it have none.
    lines
        Which per-line decisions to return: ``"all"``, ``"dropped"`` (non-blank lines not
        kept as body: the audit trail) or ``"none"``.

    Returns
    -------
    (docs, lines)
        ``docs``: a copy of ``corpus`` plus :data:`PAGE_COLUMNS` (named as
        :func:`page_column_names` says); ``lines``: ``doc_id, <by>, line_no, text, label,
        reason, score`` or None.
    """
    if lines not in {"all", "dropped", "none"}:
        raise ValueError(f"lines={lines!r}: expected 'all', 'dropped' or 'none'")
    furniture = furniture or {}
    texts = corpus[text_col].fillna("").astype(str).tolist()
    keys = corpus[by].tolist() if by is not None else [None] * len(texts)
    results = []
    for raw, key in zip(texts, keys, strict=True):
        hashes = furniture.get(key)
        repeated = repeated_in_page(page_lines(raw), hashes) if hashes is not None \
            else frozenset()
        results.append(clean(raw, repeated=repeated))
    docs = corpus.copy()
    names = page_column_names(corpus.columns)
    n_lines = [sum(d.label != "blank" for d in r.lines) for r in results]
    n_body = [sum(d.label == "body" for d in r.lines) for r in results]
    values = {
        "title": [r.title for r in results], "byline": [r.byline for r in results],
        "date": [r.date for r in results], "date_parsed": [r.date_parsed for r in results],
        "body": [r.body for r in results], "n_lines": n_lines, "n_body_lines": n_body,
        "n_dropped": [a - b for a, b in zip(n_lines, n_body, strict=True)],
        "warning": [r.warning for r in results],
    }
    for col in PAGE_COLUMNS:  # plain lists: pandas infers the dtypes clean_corpus always had
        docs[names[col]] = values[col]
    if lines == "none":
        return docs, None
    ids = corpus["doc_id"].tolist()
    rows = []
    for doc_id, key, r in zip(ids, keys, results, strict=True):
        head = (doc_id,) if by is None else (doc_id, key)
        for d in r.lines:
            if lines == "all" or d.label not in ("body", "blank"):
                rows.append(head + tuple(d))
    columns = ["doc_id", *([by] if by is not None else []), *LineDecision._fields]
    frame = pd.DataFrame(rows, columns=columns)
    return docs, frame.astype({"line_no": "int64", "score": "float64"})


def clean_corpus(
    corpus: pd.DataFrame, *, text_col: str = "raw", by: str | None = "source",
    min_docs: int = MIN_DOCS, min_share: float = MIN_SHARE, workers: int | None = 1,
    client=None, progress: bool | None = False,
) -> CleanedCorpus:
    """Clean every page of a corpus DataFrame, learning each source's furniture first.

    Parameters
    ----------
    corpus
        A frame with ``doc_id`` and ``text_col`` (as from :func:`textlab.load_corpus`).
    by
        Column grouping pages of one site; lines on many of its documents are dropped
        (:func:`repeated_lines`: versions of one document count once). ``None`` turns that off.
    workers, client, progress
        Where the batches run (:class:`textlab.engine.Runner`): ``workers=1`` (default) in
        this process, ``None`` on every core, or on a Dask cluster when a
        ``dask.distributed.Client`` is given. The result is the same.

    Returns
    -------
    CleanedCorpus
        ``docs``: a new frame with :data:`PAGE_COLUMNS` (``title, byline, date, date_parsed,
        body, n_lines, n_body_lines, n_dropped, warning``). A metadata column of one of these
        names keeps its name and the page's reading goes to ``page_<name>`` (said in a
        warning). ``warning`` is non-empty for pages that lost their article (also warned
        about, naming them). ``lines``: one row per input line with its label and reason.

    Examples
    --------
    >>> from textlab import load_corpus
    >>> from textlab.paths import SEEDS_DIR
    >>> docs, lines = clean_corpus(load_corpus(SEEDS_DIR))
    >>> sorted(lines.label.unique())[:3]
    ['blank', 'body', 'boilerplate']
    """
    from textlab.corpus import corpus_plan
    from textlab.engine import Runner, clean_plan

    plan = corpus_plan(corpus, text_col=text_col)
    if by is not None and by not in corpus.columns:
        raise ValueError(f"by={by!r}: not a column of corpus; use None to turn it off")
    runner = Runner(workers=workers, client=client, progress=progress)
    docs, lines, report = clean_plan(plan, by=by, runner=runner, text_col=text_col,
                                     min_docs=min_docs, min_share=min_share)
    for message in report.warnings:
        warnings.warn(message, stacklevel=2)
    return CleanedCorpus(docs, lines)


class BoilerplateRemover(TransformerMixin, BaseEstimator):
    """scikit-learn transformer: raw pages in, article bodies out.

    ``fit`` learns the lines repeated across the training pages (site furniture; versions of
    one document count once); ``transform`` cleans each page with them. Put it before a
    vectorizer::

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

    def __init__(self, min_docs: int = MIN_DOCS, min_share: float = MIN_SHARE):
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
