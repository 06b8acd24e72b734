"""Helpers for reading interval estimates in the research notebooks.

With one article per outlet, every comparison in the notebooks comes down to "is this
difference larger than what the choice of sentences alone produces?". These helpers put
interval frames (:func:`textlab.bootstrap_features`, :func:`textlab.bootstrap_similarity`,
:func:`bootstrap_frame_scores`) into the forms the notebooks show:

- :func:`interval_table`: a wide table of ``"estimate [low, high]"`` strings;
- :func:`separated_pairs`: the pairs whose intervals do not overlap (the only differences the
  notebooks call distinguishable);
- :func:`bootstrap_frame_scores`: sentence-resampling intervals for
  :func:`textlab.frame_scores`, lead weighting included.

Non-overlap of two 95% intervals is a conservative test (for two independent normal estimates
it corresponds to a difference of about 2.8 standard errors), which suits five texts: a pair
that passes is worth a sentence, a pair that does not is "not distinguishable", not "equal".
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping
from itertools import combinations

import numpy as np
import pandas as pd

from textlab.framing import frame_scores
from textlab.text import paragraphs, sentences

__all__ = ["interval_table", "separated_pairs", "bootstrap_frame_scores"]


def _require(frame: pd.DataFrame, cols: Iterable[str], arg: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{arg}: expected a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        raise ValueError(f"{arg}: missing column(s) {missing}; columns are {list(frame.columns)}")


def interval_table(
    intervals: pd.DataFrame,
    *,
    index: str = "feature",
    columns: str = "source",
    digits: int = 2,
) -> pd.DataFrame:
    """Wide table of ``"estimate [low, high]"`` strings, rows and columns in order of appearance.

    Parameters
    ----------
    intervals
        A long frame with ``index``, ``columns``, ``estimate``, ``low`` and ``high``.
    index, columns
        Columns whose values become the rows and the columns of the table.
    digits
        Decimals shown. Missing bounds are shown as ``"–"``.

    Returns
    -------
    pandas.DataFrame
        Strings, for display; the numbers stay in ``intervals``.

    Examples
    --------
    >>> iv = pd.DataFrame({"feature": ["ttr", "ttr"], "source": ["A", "B"],
    ...                    "estimate": [0.5, 0.61], "low": [0.4, 0.5], "high": [0.6, 0.7]})
    >>> interval_table(iv).loc["ttr"].tolist()
    ['0.50 [0.40, 0.60]', '0.61 [0.50, 0.70]']
    """
    _require(intervals, [index, columns, "estimate", "low", "high"], "intervals")
    if isinstance(digits, bool) or not isinstance(digits, int | np.integer) or digits < 0:
        raise ValueError(f"digits={digits!r}: expected a non-negative integer")

    def fmt(x: float) -> str:
        return "–" if pd.isna(x) else f"{x:.{digits}f}"

    text = [f"{fmt(e)} [{fmt(lo)}, {fmt(hi)}]" for e, lo, hi in
            zip(intervals["estimate"], intervals["low"], intervals["high"], strict=True)]
    long = intervals[[index, columns]].assign(_text=text)
    if long.duplicated([index, columns]).any():
        raise ValueError(f"intervals: several rows for one ({index!r}, {columns!r}) cell")
    wide = long.pivot(index=index, columns=columns, values="_text")
    wide = wide.reindex(index=list(dict.fromkeys(long[index])),
                        columns=list(dict.fromkeys(long[columns])))
    wide.index.name, wide.columns.name = index, columns
    return wide


def separated_pairs(
    intervals: pd.DataFrame,
    *,
    key: str = "source",
    within: str | None = "feature",
) -> pd.DataFrame:
    """Pairs whose intervals do not overlap, within each value of ``within``.

    Parameters
    ----------
    intervals
        A long frame with ``key``, ``estimate``, ``low``, ``high`` (and ``within`` unless it is
        None), e.g. :func:`textlab.bootstrap_features` output.
    key
        The column naming what is compared (``"source"``; for similarity intervals a column
        naming the pair).
    within
        Compare only rows with the same value here (``"feature"``); ``None`` compares all rows.

    Returns
    -------
    pandas.DataFrame
        One row per separated pair: ``within`` (if given), ``higher, lower`` (the ``key`` values,
        higher estimate first), ``estimate_higher, low_higher, estimate_lower, high_lower``,
        ``gap = low_higher - high_lower`` (> 0) and ``zero_width``: True when either interval
        has no width (for example a rate with no hits, which resamples to zero every time and
        is not evidence of a zero rate). Sorted by ``within`` (in order of appearance), then
        by gap, largest first. Rows with a missing bound are never separated.

    Examples
    --------
    >>> iv = pd.DataFrame({"feature": "f", "source": ["A", "B", "C"],
    ...                    "estimate": [1.0, 2.0, 5.0], "low": [0.5, 1.5, 4.0],
    ...                    "high": [1.6, 2.5, 6.0]})
    >>> separated_pairs(iv)[["feature", "higher", "lower", "gap"]]
      feature higher lower  gap
    0       f      C     A  2.4
    1       f      C     B  1.5
    """
    cols = [key, "estimate", "low", "high", *([within] if within is not None else [])]
    _require(intervals, cols, "intervals")
    out_cols = [*([within] if within is not None else []), "higher", "lower",
                "estimate_higher", "low_higher", "estimate_lower", "high_lower", "gap",
                "zero_width"]
    groups = ([(None, intervals)] if within is None
              else list(intervals.groupby(within, sort=False)))
    rows = []
    for name, frame in groups:
        recs = frame[[key, "estimate", "low", "high"]].to_dict("records")
        for a, b in combinations(recs, 2):
            hi_rec, lo_rec = (a, b) if a["estimate"] >= b["estimate"] else (b, a)
            gap = hi_rec["low"] - lo_rec["high"]
            if pd.isna(gap) or gap <= 0:
                continue
            zero = hi_rec["low"] == hi_rec["high"] or lo_rec["low"] == lo_rec["high"]
            rows.append({**({within: name} if within is not None else {}),
                         "higher": hi_rec[key], "lower": lo_rec[key],
                         "estimate_higher": hi_rec["estimate"], "low_higher": hi_rec["low"],
                         "estimate_lower": lo_rec["estimate"], "high_lower": lo_rec["high"],
                         "gap": float(gap), "zero_width": bool(zero)})
    out = pd.DataFrame(rows, columns=out_cols)
    if within is not None and len(out):
        order = {v: i for i, v in enumerate(dict.fromkeys(intervals[within]))}
        out = out.assign(_o=out[within].map(order)).sort_values(
            ["_o", "gap"], ascending=[True, False], kind="stable").drop(columns="_o")
    elif len(out):
        out = out.sort_values("gap", ascending=False, kind="stable")
    return out.reset_index(drop=True).astype({"gap": "float64", "zero_width": bool})


def _lead_units(title: str, body: str) -> tuple[list[str], list[str]]:
    """Sentences of the lead (headline + first paragraph) and of the rest, as frame_scores
    splits them: a first paragraph that repeats the headline is skipped."""
    paras = paragraphs(body)
    if paras and title.strip() and paras[0].strip() == title.strip():
        paras = paras[1:]
    lead = ([title.strip()] if title.strip() else []) + (sentences(paras[0]) if paras else [])
    rest = [s for p in paras[1:] for s in sentences(p)]
    return lead, rest


def bootstrap_frame_scores(
    corpus: pd.DataFrame,
    lexicon: Mapping[str, Iterable[str]],
    *,
    lead_weight: float = 1.0,
    n_boot: int = 200,
    random_state: int = 0,
    ci: float = 0.95,
    text_col: str = "body",
    title_col: str | None = "title",
) -> pd.DataFrame:
    """Sentence-resampling intervals for the lead-weighted rates of :func:`textlab.frame_scores`.

    Each document is cut into sentences: the headline and the sentences of the first paragraph
    form the lead, the other sentences the rest (the split :func:`textlab.frame_scores` uses).
    Matches and words are counted per sentence with :func:`textlab.frame_scores`. Each
    replicate draws, with replacement, as many lead sentences from the lead and as many rest
    sentences from the rest as the document has (so the lead keeps its size and its weight),
    and recomputes ``1000 * (w * m_lead + m_rest) / (w * n_lead + n_rest)``. The interval is
    the percentile interval of the replicates.

    As for :func:`textlab.bootstrap_features`: the interval shows how much a rate depends on
    which sentences happen to be in the article; it says nothing about other articles of the
    outlet, and a frame with no hits resamples to a zero-width interval at 0.

    Parameters
    ----------
    corpus
        A frame with ``text_col`` (and ``title_col`` unless it is None); ``doc_id`` and
        ``source`` are carried over.
    lexicon, lead_weight, text_col, title_col
        As in :func:`textlab.frame_scores`.
    n_boot
        Replicates per document.
    random_state
        Seed; each document's stream also depends on its ``doc_id`` (or row number), so adding
        a document does not change the others' intervals.
    ci
        Coverage of the percentile interval.

    Returns
    -------
    pandas.DataFrame
        One row per document and frame: ``doc_id, source, frame, estimate`` (equal to
        ``frame_scores(...)["weighted_rate"]``), ``low, high``, ``boot_mean``, ``count``
        (matches in headline and body), ``n_sentences`` (lead and rest).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "title": ["A gift"],
    ...                      "body": ["Putin gave a gift. Kim smiled.\\n\\nIt breaks sanctions."
    ...                               " Seoul protested."]})
    >>> b = bootstrap_frame_scores(docs, {"legal": ["sanction*"]}, n_boot=50)
    >>> b[["frame", "estimate", "count", "n_sentences"]]
       frame   estimate  count  n_sentences
    0  legal  76.923077      1            5
    >>> bool(b.low[0] <= b.estimate[0] <= b.high[0])
    True
    """
    _require(corpus, [text_col, *([title_col] if title_col else [])], "corpus")
    if not isinstance(lexicon, Mapping) or not lexicon:
        raise ValueError(f"lexicon: expected a non-empty mapping frame -> terms, got {lexicon!r}")
    if not lead_weight > 0:
        raise ValueError(f"lead_weight={lead_weight!r}: expected a number > 0 (1 = no weighting)")
    if isinstance(n_boot, bool) or not isinstance(n_boot, int | np.integer) or n_boot < 1:
        raise ValueError(f"n_boot={n_boot!r}: expected a positive integer")
    if not 0 < ci < 1:
        raise ValueError(f"ci={ci!r}: expected a number in (0, 1), e.g. 0.95")
    ids = [c for c in ("doc_id", "source") if c in corpus.columns]
    frames = list(lexicon)
    w = float(lead_weight)
    q = [(1 - ci) / 2, 1 - (1 - ci) / 2]
    rows = []
    titles = (corpus[title_col].fillna("").astype(str) if title_col
              else pd.Series([""] * len(corpus), index=corpus.index))
    for pos, (rec, title, body) in enumerate(zip(
            corpus[ids].to_dict("records"), titles, corpus[text_col].fillna("").astype(str),
            strict=True)):
        lead, rest = _lead_units(title, body)
        units = lead + rest
        is_lead = np.array([True] * len(lead) + [False] * len(rest), dtype=bool)
        if units:
            per = frame_scores(pd.DataFrame({"body": units}), lexicon, title_col=None)
            # frame_scores gives one row per (unit, frame), frames in lexicon order
            m = per["count"].to_numpy(float).reshape(len(units), len(frames))
            n = per["n_words"].to_numpy(float)[:: len(frames)]
        else:
            m, n = np.zeros((0, len(frames))), np.zeros(0)
        label = rec.get("doc_id", pos)
        rng = np.random.default_rng([int(random_state), zlib.crc32(repr(label).encode())])
        lead_idx, rest_idx = np.flatnonzero(is_lead), np.flatnonzero(~is_lead)
        draw_l = lead_idx[rng.integers(0, len(lead_idx), (n_boot, len(lead_idx)))] \
            if len(lead_idx) else np.zeros((n_boot, 0), dtype=int)
        draw_r = rest_idx[rng.integers(0, len(rest_idx), (n_boot, len(rest_idx)))] \
            if len(rest_idx) else np.zeros((n_boot, 0), dtype=int)

        def weighted(mm_l, mm_r, nn_l, nn_r):
            den = w * nn_l + nn_r
            with np.errstate(invalid="ignore", divide="ignore"):
                return np.where(den > 0, 1000 * (w * mm_l + mm_r) / np.where(den > 0, den, 1),
                                np.nan)

        est = weighted(m[is_lead].sum(0), m[~is_lead].sum(0), n[is_lead].sum(), n[~is_lead].sum())
        reps = weighted(m[draw_l].sum(1), m[draw_r].sum(1), n[draw_l].sum(1, keepdims=True),
                        n[draw_r].sum(1, keepdims=True))  # n_boot x frames
        for k, name in enumerate(frames):
            col = reps[:, k]
            ok = col[~np.isnan(col)]
            lo, hi = np.quantile(ok, q) if len(ok) else (np.nan, np.nan)
            rows.append({**rec, "frame": name, "estimate": float(est[k]), "low": float(lo),
                         "high": float(hi), "boot_mean": float(ok.mean()) if len(ok) else np.nan,
                         "count": int(m[:, k].sum()), "n_sentences": len(units)})
    cols = [*ids, "frame", "estimate", "low", "high", "boot_mean", "count", "n_sentences"]
    return pd.DataFrame(rows, columns=cols)
