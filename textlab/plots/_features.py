"""Figures for lexical features and framing signals.

Each function takes the tidy frame made by the matching helper in :mod:`textlab.features` or
:mod:`textlab.framing` first and draws on ``ax`` (or on a new constrained-layout Figure that
pyplot does not track); the small-multiples figure takes ``fig`` and returns the Figure. Colours
come from cividis or greys, so the figures print in black and white; rows and columns are
labelled with source names (the ``doc_id`` only where a source has several documents).
"""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.colorbar import Colorbar
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from textlab.plots._base import (
    GREYSCALE_SAFE_CMAP,
    new_axes,
    new_figure,
    require_columns,
    text_colour,
)

__all__ = ["plot_feature_intervals", "plot_frame_scores", "plot_quotes", "plot_coverage"]

_DARK = colormaps[GREYSCALE_SAFE_CMAP](0.1)
_MID = "0.45"
_FEATURE_LABELS = {
    "n_tokens": "tokens", "n_types": "types", "n_sentences": "sentences",
    "sentence_len_mean": "words per sentence", "sentence_len_sd": "sd of sentence length",
    "word_len_mean": "characters per word", "ttr": "type-token ratio", "mattr": "MATTR",
    "mtld": "MTLD", "hdd": "HD-D", "syllables_per_word": "syllables per word",
    "flesch_reading_ease": "Flesch reading ease", "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "sentiment_compound": "VADER compound (mean)", "sentiment_pos": "VADER positive",
    "sentiment_neu": "VADER neutral", "sentiment_neg": "VADER negative",
    "quote_share": "share of words in quotes",
}


def _feature_label(name: str) -> str:
    if name.startswith("rate_"):
        return f"{name[5:].replace('_', ' ')} per 1,000 words"
    return _FEATURE_LABELS.get(name, name.replace("_", " "))


def _row_labels(frame: pd.DataFrame, keys: list[str]) -> pd.Series:
    """Source names as labels; "source (doc_id)" where a source has several documents."""
    if "source" not in frame.columns:
        return frame[keys[0]].astype(str) if keys else pd.Series("", index=frame.index)
    source = frame["source"].astype(str)
    if "doc_id" not in frame.columns:
        return source
    per_source = frame.groupby(source)["doc_id"].transform("nunique")
    return source.where(per_source <= 1, source + " (" + frame["doc_id"].astype(str) + ")")



def _wrap(label: str, width: int = 28) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def _heatmap(ax: Axes, values: np.ndarray, rows: list[str], cols: list[str], *, cmap: str,
             fmt: str, cbar_label: str, vmin: float, vmax: float,
             blank: np.ndarray | None = None, blank_text: str = "",
             integer: bool = False) -> Colorbar:
    cm = colormaps[cmap].with_extremes(bad="white")
    blank = np.isnan(values) if blank is None else blank | np.isnan(values)
    image = ax.imshow(np.ma.masked_where(blank, values), cmap=cm, vmin=vmin, vmax=vmax,
                      aspect="auto")
    span = (vmax - vmin) or 1.0
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            if blank[i, j]:
                if blank_text:
                    ax.text(j, i, blank_text, ha="center", va="center", color="0.55",
                            fontsize="small")
                continue
            colour = text_colour(cm((values[i, j] - vmin) / span))
            ax.text(j, i, fmt.format(values[i, j]), ha="center", va="center", color=colour,
                    fontsize="small")
    ax.set_xticks(range(len(cols)), cols, rotation=30, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(len(rows)), rows)
    ax.tick_params(length=0)
    ax.set_xticks(np.arange(len(cols) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(rows) + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    bar = ax.figure.colorbar(image, ax=ax, shrink=0.85, label=cbar_label)
    if integer:
        bar.locator = MaxNLocator(integer=True)
        bar.update_ticks()
    return bar


# ----------------------------------------------------------------------------------------------
def plot_feature_intervals(
    intervals: pd.DataFrame,
    *,
    features: list[str] | None = None,
    fig: Figure | None = None,
    ncols: int | None = None,
    title: str | None = "Features per source with resampling intervals",
) -> Figure:
    """Small multiples: one panel per feature, a point and interval per source.

    Parameters
    ----------
    intervals
        :func:`textlab.bootstrap_features` output (``feature, estimate, low, high`` and
        ``source``/``doc_id`` or the grouping column).
    features
        Panels to draw, in order (default: every feature in the frame).
    fig
        Draw into this Figure (it should be empty); a new constrained-layout Figure otherwise.
    ncols
        Panels per row (default: up to 3).

    Returns
    -------
    matplotlib.figure.Figure
        The Figure (panels in ``fig.axes``, in feature order), since it draws several Axes.
        Points without a bar have no interval (fewer than two sentences). Each panel has its
        own x scale: compare sources within a panel, not across panels.

    Examples
    --------
    >>> iv = pd.DataFrame({"source": ["A", "B"], "feature": ["ttr", "ttr"],
    ...                    "estimate": [0.5, 0.6], "low": [0.4, 0.5], "high": [0.6, 0.7]})
    >>> [ax.get_title() for ax in plot_feature_intervals(iv).axes]
    ['type-token ratio']
    """
    require_columns(intervals, "feature", "estimate", "low", "high", what="intervals")
    feats = list(dict.fromkeys(intervals["feature"])) if features is None else list(features)
    unknown = [f for f in feats if f not in set(intervals["feature"])]
    if unknown or not feats:
        raise ValueError(f"features: {unknown or feats} not in intervals; available: "
                         f"{list(dict.fromkeys(intervals['feature']))}")
    keys = [c for c in intervals.columns if c not in
            {"feature", "estimate", "low", "high", "method", "boot_mean", "n_sentences",
             "n_valid", "n_docs"}]
    frame = intervals.assign(_label=_row_labels(intervals, keys))
    labels = list(dict.fromkeys(frame["_label"]))
    ncols = ncols or min(3, len(feats))
    nrows = math.ceil(len(feats) / ncols)
    label_width = max(len(s) for s in labels)
    if fig is None:
        fig = new_figure(figsize=(0.9 + 0.07 * label_width + 2.6 * ncols,
                                  0.7 + nrows * (0.65 + 0.28 * len(labels))))
    axes = fig.subplots(nrows, ncols, sharey=True, squeeze=False)
    y = {label: k for k, label in enumerate(labels)}
    for k, ax in enumerate(axes.flat):
        if k >= len(feats):
            fig.delaxes(ax)
            continue
        rows = frame[frame["feature"] == feats[k]]
        ys = rows["_label"].map(y).to_numpy(dtype=float)
        est = rows["estimate"].to_numpy(dtype=float)
        lo, hi = rows["low"].to_numpy(dtype=float), rows["high"].to_numpy(dtype=float)
        has = ~(np.isnan(lo) | np.isnan(hi))
        ax.hlines(ys[has], lo[has], hi[has], color=_MID, linewidth=2.2)
        ax.plot(est, ys, "o", color=_DARK, markersize=5, zorder=3)
        ax.set_title(_feature_label(feats[k]), fontsize="medium")
        ax.set_yticks(range(len(labels)), labels)
        ax.set_ylim(len(labels) - 0.5, -0.5)
        ax.tick_params(axis="y", length=0)
        ax.tick_params(axis="x", labelsize="small")
        ax.grid(axis="x", color="0.9", linewidth=0.8)
        ax.set_axisbelow(True)
        ax.margins(x=0.12)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
    if title:
        method = set(intervals["method"]) if "method" in intervals.columns else set()
        note = "points: full text; bars: 95% sentence resampling interval" if not method \
            else "points: full text; bars: sentence resampling interval (see bootstrap_features)"
        fig.suptitle(f"{title}\n{note}", fontsize="medium")
    return fig


# ----------------------------------------------------------------------------------------------
def plot_frame_scores(
    scores: pd.DataFrame,
    *,
    value: str = "weighted_rate",
    ax: Axes | None = None,
    title: str | None = None,
    cmap: str = GREYSCALE_SAFE_CMAP,
) -> Axes:
    """Heatmap of :func:`textlab.frame_scores`: sources as rows, frames as columns, values
    written in the cells.

    Parameters
    ----------
    scores
        ``frame`` and ``value`` columns, plus ``source``/``doc_id``. Several documents of one
        source are averaged.
    value
        ``weighted_rate`` (default), ``rate``, ``count`` or ``lead_count``.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> s = pd.DataFrame({"source": ["A", "A", "B", "B"], "frame": ["legal", "gift"] * 2,
    ...                   "weighted_rate": [12.0, 3.5, 0.0, 8.25]})
    >>> sorted(t.get_text() for t in plot_frame_scores(s).texts)
    ['0.0', '12.0', '3.5', '8.2']
    """
    require_columns(scores, "frame", value, what="scores")
    label_col = "source" if "source" in scores.columns else "doc_id"
    require_columns(scores, label_col, what="scores")
    wide = scores.pivot_table(index=label_col, columns="frame", values=value, aggfunc="mean",
                              sort=False)
    rows = [str(r) for r in wide.index]
    cols = [_wrap(str(c), 16) for c in wide.columns]
    values = wide.to_numpy(dtype=float)
    ax = new_axes(ax, figsize=(2.6 + 0.06 * max(map(len, rows)) + 1.0 * len(cols),
                               1.6 + 0.45 * len(rows)))
    finite = values[np.isfinite(values)]
    vmax = float(finite.max()) if finite.size and finite.max() > 0 else 1.0
    units = {"weighted_rate": "per 1,000 words (lead-weighted)", "rate": "per 1,000 words",
             "count": "matches", "lead_count": "matches in headline and lead"}
    fmt = "{:.0f}" if value in ("count", "lead_count") else "{:.1f}"
    _heatmap(ax, values, rows, cols, cmap=cmap, fmt=fmt, vmin=0.0, vmax=vmax,
             cbar_label=units.get(value, value), integer=fmt == "{:.0f}")
    ax.set_xlabel("frame")
    ax.set_title(title or "Frame vocabulary by source")
    return ax


# ----------------------------------------------------------------------------------------------
def plot_quotes(
    quotes: pd.DataFrame,
    *,
    ax: Axes | None = None,
    top: int = 12,
    kinds: tuple[str, ...] = ("direct", "according_to"),
    speaker_col: str | None = None,
    title: str | None = None,
    cmap: str = GREYSCALE_SAFE_CMAP,
) -> Axes:
    """Who gets a voice in each outlet: speakers x sources, the number of quotes in the cells.

    Parameters
    ----------
    quotes
        :func:`textlab.quotes` output (``source``, ``speaker`` or ``speaker_name``, ``kind``).
    top
        Speakers with the most quotes overall to show (ties by name); the rest are summed in an
        "(other speakers)" row. Quotes without a stated speaker form "(not stated)".
    kinds
        Which rows of ``kind`` to count.
    speaker_col
        Column naming the speaker: default ``speaker_name`` when present (pronouns resolved and
        name variants merged within each document, see :func:`textlab.quotes`), else
        ``speaker`` (as written). Across documents, names that differ only in case or hyphens
        ("Kim Yo-jong", "Kim Yo Jong") share a row, labelled with the most frequent spelling.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> q = pd.DataFrame({"source": ["A", "A", "B"], "speaker": ["Kim", "", "Kim"],
    ...                   "kind": ["direct"] * 3})
    >>> [t.get_text() for t in plot_quotes(q).get_yticklabels()]
    ['Kim', '(not stated)']
    """
    if speaker_col is None:
        speaker_col = "speaker_name" if "speaker_name" in quotes.columns else "speaker"
    require_columns(quotes, speaker_col, "kind", what="quotes")
    label_col = "source" if "source" in quotes.columns else "doc_id"
    require_columns(quotes, label_col, what="quotes")
    q = quotes[quotes["kind"].isin(kinds)]
    if q.empty:
        raise ValueError(f"quotes: no rows of kind {list(kinds)}")
    speaker = q[speaker_col].fillna("").astype(str).str.strip()
    key = speaker.str.casefold().str.replace(r"[-\s]+", " ", regex=True)
    spelling = speaker.groupby(key).agg(lambda s: s.groupby(s, sort=False).size().idxmax())
    speaker = key.map(spelling).replace("", "(not stated)")
    counts = pd.crosstab(speaker, q[label_col].astype(str))
    sources = list(dict.fromkeys(q[label_col].astype(str)))
    counts = counts.reindex(columns=sources)
    total = counts.sum(axis=1)
    order = sorted(counts.index, key=lambda s: (s == "(not stated)", -total[s], s.lower()))
    named = [s for s in order if s != "(not stated)"]
    keep = named[:top] + [s for s in order if s == "(not stated)"]
    rest = counts.loc[named[top:]].sum()
    counts = counts.loc[keep]
    if len(named) > top:
        counts.loc["(other speakers)"] = rest
    rows = [_wrap(s, 36) for s in counts.index]
    cols = [_wrap(s, 16) for s in counts.columns]
    values = counts.to_numpy(dtype=float)
    height = 1.7 + 0.38 * sum(r.count("\n") + 1 for r in rows)
    ax = new_axes(ax, figsize=(3.6 + 1.0 * len(cols), height))
    _heatmap(ax, values, rows, cols, cmap=cmap, fmt="{:.0f}", vmin=0.0,
             vmax=max(float(values.max()), 1.0), blank=values == 0, blank_text="·",
             cbar_label="quotes and attributions", integer=True)
    ax.set_xlabel("source")
    ax.set_ylabel("speaker (as written)" if speaker_col == "speaker" else
                  "speaker (pronouns resolved, name variants merged)")
    what = "quotes and “according to”" if set(kinds) == {"direct", "according_to"} else \
        " / ".join(kinds)
    ax.set_title(title or f"Who is quoted, by source ({what})")
    return ax


# ----------------------------------------------------------------------------------------------
def plot_coverage(
    coverage: pd.DataFrame,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    cmap: str = GREYSCALE_SAFE_CMAP,
) -> Axes:
    """The omission matrix of :func:`textlab.coverage_matrix`: story elements x sources.

    A shaded cell means the source mentions the element; the number and shade give where it
    first does (share of the text: 0% = the opening words). "not mentioned" cells are left
    white. Several documents of one source: the earliest mention.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> cov = pd.DataFrame({"source": ["A", "B"], "fact": ["Trump", "Trump"],
    ...                     "mentioned": [True, False], "first_position": [0.42, np.nan]})
    >>> sorted(t.get_text() for t in plot_coverage(cov).texts)
    ['42%', 'not\\nmentioned']
    """
    require_columns(coverage, "fact", "mentioned", "first_position", what="coverage")
    label_col = "source" if "source" in coverage.columns else "doc_id"
    require_columns(coverage, label_col, what="coverage")
    wide = coverage.pivot_table(index="fact", columns=label_col, values="first_position",
                                aggfunc="min", sort=False, dropna=False)
    mentioned = coverage.pivot_table(index="fact", columns=label_col, values="mentioned",
                                     aggfunc="max", sort=False, dropna=False)
    mentioned = mentioned.reindex(index=wide.index, columns=wide.columns).fillna(False)
    rows = [_wrap(str(r), 30) for r in wide.index]
    cols = [_wrap(str(c), 16) for c in wide.columns]
    values = wide.to_numpy(dtype=float)
    ax = new_axes(ax, figsize=(3.4 + 1.05 * len(cols), 2.1 + 0.42 * len(rows)))
    # early mentions dark, late ones light, absent ones white: lightness reads as "less"
    bar = _heatmap(ax, values, rows, cols, cmap=cmap, fmt="{:.0%}", vmin=0.0, vmax=1.0,
             blank=~mentioned.to_numpy(dtype=bool), blank_text="not\nmentioned",
             cbar_label="first mention\n(share of text)")
    bar.formatter = PercentFormatter(1.0)
    bar.update_ticks()
    ax.set_xlabel("source")
    ax.set_title(title or "Story elements: where each source first mentions them")
    return ax
