"""Figures for vocabulary, keyness, source similarity and text reuse.

Each function takes the tidy frame made by the matching helper in :mod:`textlab.terms` or
:mod:`textlab.similarity` first and draws on ``ax`` (or on a new constrained-layout Figure that
pyplot does not track). Colours come from cividis or greys, so the figures print in black and
white; source labels, never file names, label the axes.
"""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from textlab.plots._base import (
    GREYSCALE_SAFE_CMAP,
    new_axes,
    new_figure,
    require_columns,
    text_colour,
)
from textlab.similarity import Clustering, cluster

__all__ = [
    "plot_top_terms",
    "plot_keyness",
    "plot_similarity",
    "plot_dendrogram",
    "plot_source_map",
    "plot_shared_passages",
    "interval_caveat",
]

_DARK = colormaps[GREYSCALE_SAFE_CMAP](0.15)
_LIGHT = "0.82"
_VALUE_LABELS = {
    "z": "log-odds z (informative Dirichlet prior)",
    "delta": "log-odds ratio δ",
    "log_ratio": "Log Ratio (binary log of relative-frequency ratio)",
    "g2": "log-likelihood G²",
}
_METHOD_LABELS = {
    "word_tfidf": "cosine similarity of word TF-IDF",
    "char_tfidf": "cosine similarity of character 3-5-gram TF-IDF",
    "jaccard": "Jaccard similarity of word 3-gram shingles",
}


def _settle(fig: Figure, created: bool) -> None:
    """Run the constrained layout once on a figure made here.

    Constrained layout does not fully converge in one draw (colourbars, text outside the
    Axes), so the first save of a fresh figure differs from the second; one draw up front
    makes every save of it byte-identical.
    """
    if created:
        fig.draw_without_rendering()



# ----------------------------------------------------------------------------------------------
def plot_top_terms(
    top: pd.DataFrame,
    *,
    fig: Figure | None = None,
    ncols: int | None = None,
    title: str | None = "Top terms by TF-IDF",
) -> Figure:
    """Bar grid of :func:`textlab.top_terms`: one panel per group, best term on top.

    Parameters
    ----------
    top
        ``group, term, score`` (and ``count``, written at the end of each bar).
    fig
        Draw into this Figure (it should be empty); a new constrained-layout Figure otherwise.
    ncols
        Panels per row (default: up to 3).

    Returns
    -------
    matplotlib.figure.Figure
        Unlike the other plot functions, this one returns the Figure (panels in ``fig.axes``,
        in the order of the groups), since it draws several Axes.

    Examples
    --------
    >>> top = pd.DataFrame({"group": ["A", "A", "B"], "term": ["aurus", "gift", "sanctions"],
    ...                     "score": [0.6, 0.4, 0.8], "count": [2, 1, 3]})
    >>> fig = plot_top_terms(top)
    >>> [ax.get_title() for ax in fig.axes]
    ['A', 'B']
    """
    require_columns(top, "group", "term", "score", what="top")
    groups = list(dict.fromkeys(top["group"]))
    if not groups:
        raise ValueError("top: no rows to plot")
    ncols = ncols or min(3, len(groups))
    nrows = math.ceil(len(groups) / ncols)
    per_panel = int(top.groupby("group", sort=False).size().max())
    created = fig is None
    if fig is None:
        fig = new_figure(figsize=(3.3 * ncols, 0.6 + nrows * (0.75 + 0.24 * per_panel)))
    axes = fig.subplots(nrows, ncols, sharex=True, squeeze=False)
    xmax = float(top["score"].max()) or 1.0
    for k, ax in enumerate(axes.flat):
        if k >= len(groups):
            fig.delaxes(ax)
            continue
        rows = top[top["group"] == groups[k]]
        y = np.arange(len(rows))
        ax.barh(y, rows["score"], color=_DARK, height=0.7)
        ax.set_yticks(y, rows["term"].astype(str))
        ax.set_ylim(per_panel - 0.5, -0.5)  # best on top, equal bar heights in every panel
        ax.set_title(str(groups[k]), fontsize="medium")
        ax.tick_params(axis="y", length=0)
        if "count" in rows.columns:
            for yi, (s, c) in enumerate(zip(rows["score"], rows["count"], strict=True)):
                ax.text(s + xmax * 0.02, yi, f"{c}", va="center", fontsize="x-small",
                        color="0.3")
        ax.set_xlim(0, xmax * 1.15)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    for ax in axes.flat[max(0, len(groups) - ncols):len(groups)]:  # last panel of each column
        ax.set_xlabel("TF-IDF score")
        ax.xaxis.set_tick_params(labelbottom=True)
    if title:
        fig.suptitle(f"{title} (number: count)" if "count" in top.columns else title)
    _settle(fig, created)
    return fig


Z_REFERENCE = 1.96
"""|z| of the keyness reference lines (a two-sided 5% level for one term, had the tokens been
independent draws)."""


def _z_reference(ax: Axes, shown: np.ndarray, *, sides: tuple[int, ...]) -> None:
    """Dashed |z| = 1.96 lines, within view, with a legend entry counting the bars past them."""
    beyond = int((np.abs(shown) > Z_REFERENCE).sum())
    label = (f"|z| = {Z_REFERENCE}: no term shown beyond" if not beyond else
             f"|z| = {Z_REFERENCE}: {beyond} term{'s' * (beyond > 1)} shown beyond")
    for k, side in enumerate(sides):
        ax.axvline(side * Z_REFERENCE, color="0.35", linestyle=(0, (4, 3)), linewidth=0.9,
                   label=label if k == 0 else None)
    lo, hi = ax.get_xlim()
    ax.set_xlim(min(lo, -Z_REFERENCE * 1.08) if -1 in sides else lo,
                max(hi, Z_REFERENCE * 1.08))
    ax.legend(loc="lower right", fontsize="small", frameon=True, framealpha=0.9)


# ----------------------------------------------------------------------------------------------
def plot_keyness(
    keyness: pd.DataFrame,
    *,
    group: object | None = None,
    reference: object = "(rest)",
    n: int = 8,
    value: str | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Bars of keyness scores from :func:`textlab.keyness`.

    With one group (or ``group=`` given): diverging bars, the ``n`` terms ranked highest
    (dark, right) and the ``n`` ranked lowest (light, left). With several groups: the ``n``
    highest-ranked terms of each group, in one block per group.

    For log-odds ``z``, dashed lines mark |z| = 1.96 and the legend says how many terms
    shown pass it; default titles speak of "ranked" terms, since with few and short texts
    often none does (and with one text per group, even a pass describes these texts, not
    the groups).

    Parameters
    ----------
    keyness
        A keyness frame (``group, term`` and the ``value`` column; ``reference`` if present).
    group
        Show one group's comparison.
    reference
        Which comparison to show when the frame holds several (``pairwise=True``): the
        default ``"(rest)"`` is each group against all others.
    n
        Terms per side / per group.
    value
        Column to plot: default ``"z"`` (log-odds), else ``"log_ratio"`` (G² frames).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> k = pd.DataFrame({"group": ["A", "A", "B", "B"], "reference": "(rest)",
    ...                   "term": ["car", "gift", "gift", "car"], "z": [1.1, -1.1, 1.1, -1.1]})
    >>> ax = plot_keyness(k, group="A")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['car', 'gift']
    """
    created = ax is None
    require_columns(keyness, "group", "term", what="keyness")
    if value is None:
        value = "z" if "z" in keyness.columns else "log_ratio"
    require_columns(keyness, value, what="keyness")
    frame = keyness
    if "reference" in frame.columns:
        frame = frame[frame["reference"] == reference]
        if frame.empty:
            raise ValueError(f"reference={reference!r}: not in keyness['reference'] "
                             f"(values: {sorted(map(str, keyness['reference'].unique()))})")
    if group is not None:
        frame = frame[frame["group"] == group]
        if frame.empty:
            raise ValueError(f"group={group!r}: not in keyness['group']")
    groups = list(dict.fromkeys(frame["group"]))
    if not groups:
        raise ValueError("keyness: no rows to plot")
    ref_text = "all other groups" if reference == "(rest)" else str(reference)
    vlabel = _VALUE_LABELS.get(value, value)

    if len(groups) == 1:
        rows = frame.sort_values([value, "term"], ascending=[False, True], kind="stable")
        pos = rows[rows[value] > 0].head(n)
        neg = rows[rows[value] < 0].tail(n)
        shown = pd.concat([pos, neg])
        ax = new_axes(ax, figsize=(6.4, 1.2 + 0.24 * max(len(shown), 2)))
        y = np.arange(len(shown))
        vals = shown[value].to_numpy(float)
        ax.barh(y, vals, color=[_DARK if v > 0 else _LIGHT for v in vals], edgecolor="0.3",
                linewidth=0.5, height=0.7)
        ax.set_yticks(y, shown["term"].astype(str))
        ax.set_ylim(len(shown) - 0.5, -0.5)
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_xlabel(f"{vlabel}\n← more in {ref_text}    more in {groups[0]} →")
        ax.set_title(title or f"Keyness: {groups[0]} vs {ref_text}, terms ranked by {value}")
        if value == "z":
            _z_reference(ax, vals, sides=(-1, 1))
    else:
        labels: list[str] = []
        vals_list: list[float] = []
        headers: list[int] = []
        for g in groups:
            rows = frame[frame["group"] == g].sort_values([value, "term"],
                                                          ascending=[False, True])
            rows = rows[rows[value] > 0].head(n)
            headers.append(len(labels))
            labels.append(str(g))
            vals_list.append(np.nan)
            labels.extend(rows["term"].astype(str))
            vals_list.extend(rows[value].astype(float))
        ax = new_axes(ax, figsize=(6.4, 1.0 + 0.2 * len(labels)))
        y = np.arange(len(labels))
        vals = np.array(vals_list)
        ok = ~np.isnan(vals)
        ax.barh(y[ok], vals[ok], color=_DARK, height=0.7)
        ax.set_yticks(y, ["" if i in headers else lab for i, lab in enumerate(labels)])
        for i in headers:
            # group names as text, not as bold tick labels (ticks are rebuilt at every draw)
            ax.text(0.0, i, labels[i], transform=ax.get_yaxis_transform(), ha="right",
                    va="center", fontweight="bold", fontsize="medium")
            if i:
                ax.axhline(i - 0.5, color="0.6", linewidth=0.6)
        ax.set_ylim(len(labels) - 0.5, -0.5)
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel(f"{vlabel} (vs {ref_text})")
        ax.set_title(title or f"Terms ranked highest for each group (top {n})")
        if value == "z":
            _z_reference(ax, vals[ok], sides=(1,))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    _settle(ax.figure, created)
    return ax


# ----------------------------------------------------------------------------------------------
def plot_similarity(
    sim: pd.DataFrame,
    *,
    intervals: pd.DataFrame | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    cmap: str = GREYSCALE_SAFE_CMAP,
) -> Axes:
    """Heatmap of a similarity matrix with the values written in the cells.

    Parameters
    ----------
    sim
        Square matrix from :func:`textlab.similarity_matrix`. The diagonal (always 1) is left
        blank so the colour scale spans the off-diagonal values (their range, widened to
        multiples of 0.05); read the numbers, not only the shades.
    intervals
        Optional :func:`textlab.bootstrap_similarity` frame (``a, b, low, high``): each cell
        also shows its interval.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> sim = pd.DataFrame([[1.0, 0.3], [0.3, 1.0]], index=["A", "B"], columns=["A", "B"])
    >>> ax = plot_similarity(sim)
    >>> sorted(t.get_text() for t in ax.texts)
    ['0.30', '0.30', '—', '—']
    """
    created = ax is None
    if not isinstance(sim, pd.DataFrame) or sim.shape[0] != sim.shape[1]:
        raise ValueError("sim: expected a square similarity DataFrame from similarity_matrix")
    labels = [str(v) for v in sim.index]
    n = len(labels)
    values = sim.to_numpy(dtype=float)
    off = ~np.eye(n, dtype=bool)
    if n > 1:
        vmin = math.floor(float(values[off].min()) * 20) / 20
        vmax = max(math.ceil(float(values[off].max()) * 20) / 20, vmin + 0.05)
    else:
        vmin, vmax = 0.0, 1.0
    ax = new_axes(ax, figsize=(2.2 + 1.25 * n, 1.4 + 1.0 * n))
    cm = colormaps[cmap].with_extremes(bad="white")
    # aspect="auto": an "equal" aspect is re-applied after every constrained layout and
    # keeps moving the Axes, so repeated saves would differ; the figure size keeps cells square
    image = ax.imshow(np.ma.masked_where(~off, values), cmap=cm, vmin=vmin, vmax=vmax,
                      aspect="auto")
    bounds = {}
    if intervals is not None:
        require_columns(intervals, "a", "b", "low", "high", what="intervals")
        for a, b, lo, hi in zip(intervals["a"], intervals["b"], intervals["low"],
                                intervals["high"], strict=True):
            bounds[(str(a), str(b))] = bounds[(str(b), str(a))] = (lo, hi)
    for i in range(n):
        for j in range(n):
            if i == j:
                ax.text(j, i, "—", ha="center", va="center", color="0.6")
                continue
            colour = text_colour(cm((values[i, j] - vmin) / (vmax - vmin)))
            text = f"{values[i, j]:.2f}"
            if (labels[i], labels[j]) in bounds:
                lo, hi = bounds[(labels[i], labels[j])]
                text += f"\n[{lo:.2f}, {hi:.2f}]"
            ax.text(j, i, text, ha="center", va="center", color=colour,
                    fontsize="small" if not bounds else "x-small")
    ax.set_xticks(range(n), labels, rotation=30, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(n), labels)
    ax.tick_params(length=0)
    method = sim.attrs.get("method")
    ax.figure.colorbar(image, ax=ax, shrink=0.8,
                       label=_METHOD_LABELS.get(method, "similarity"))
    default = "Similarity between sources"
    if bounds:
        default += "\n(brackets: sentence-bootstrap interval)"
    ax.set_title(title or default)
    _settle(ax.figure, created)
    return ax


def _pair_text(a: object, b: object, est: float, lo: float, hi: float) -> str:
    return f"{a}–{b}, {est:.2f} [{lo:.2f}, {hi:.2f}]"


def interval_caveat(intervals: pd.DataFrame, *,
                    consequence: str = "which of them join first is not settled by the data",
                    ) -> str:
    """What bootstrap intervals of pair similarities say about an order of the pairs: whether
    the closest pair is distinguishable from the others. The caption of
    :func:`plot_dendrogram` and :func:`plot_source_map`.

    Parameters
    ----------
    intervals
        A :func:`textlab.bootstrap_similarity` frame (``a, b, estimate, low, high``).
    consequence
        What follows for the figure when the closest pair is not distinguishable.

    Examples
    --------
    >>> b = pd.DataFrame({"a": ["A", "A", "B"], "b": ["B", "C", "C"],
    ...                   "estimate": [0.30, 0.25, 0.10], "low": [0.22, 0.18, 0.04],
    ...                   "high": [0.38, 0.33, 0.16]})
    >>> print(interval_caveat(b))  # doctest: +NORMALIZE_WHITESPACE
    The closest pair (A–B, 0.30 [0.22, 0.38]) is not distinguishable from 1 of the other 2
    pairs (their intervals overlap): which of them join first is not settled by the data.
    """
    require_columns(intervals, "a", "b", "estimate", "low", "high", what="intervals")
    rows = intervals.sort_values("estimate", ascending=False, kind="stable")
    top = rows.iloc[0]
    others = rows.iloc[1:]
    overlap = int((others["high"] >= top["low"]).sum())
    pair = _pair_text(top["a"], top["b"], top["estimate"], top["low"], top["high"])
    if not len(others):
        return f"One pair ({pair})."
    if overlap == 0:
        return (f"The closest pair ({pair}) is above the intervals of all {len(others)} other "
                "pairs; the order of the other pairs may still be unsettled.")
    return (f"The closest pair ({pair}) is not distinguishable from {overlap} of the other "
            f"{len(others)} pairs (their intervals overlap): {consequence}.")


def _caption(ax: Axes, text: str) -> None:
    """Wrapped small text under the x-axis label, from the Axes' left edge (inside the figure
    that constrained layout keeps)."""
    if not text:
        return
    width = max(40, int(ax.figure.get_figwidth() * 14))
    ax.annotate(textwrap.fill(text, width), xy=(0, 0), xycoords=("axes fraction", ax.xaxis.label),
                xytext=(0, -6), textcoords="offset points", ha="left", va="top",
                fontsize="small", color="0.25")


# ----------------------------------------------------------------------------------------------
def plot_dendrogram(
    clustering: Clustering | pd.DataFrame,
    *,
    intervals: pd.DataFrame | None = None,
    caption: str | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Dendrogram of :func:`textlab.cluster` (or of a similarity matrix, clustered here).

    Leaves are the group labels; the horizontal axis is the distance ``1 - similarity`` at
    which clusters merge. A tree always shows an order of merges, even when the data do not
    support one: give the similarities' intervals to state on the figure whether they do.

    Parameters
    ----------
    intervals
        A :func:`textlab.bootstrap_similarity` frame of the same similarities: the caption
        under the figure then says whether the closest pair is distinguishable from the
        others (:func:`interval_caveat`).
    caption
        Text under the figure instead (``""``: none).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> sim = pd.DataFrame([[1, .8, .1], [.8, 1, .2], [.1, .2, 1]],
    ...                    index=list("ABC"), columns=list("ABC"))
    >>> ax = plot_dendrogram(sim)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['C', 'B', 'A']
    """
    created = ax is None
    from scipy.cluster.hierarchy import dendrogram

    if isinstance(clustering, pd.DataFrame):
        clustering = cluster(clustering)
    if not isinstance(clustering, Clustering):
        raise TypeError(f"clustering: expected a Clustering or a similarity DataFrame, "
                        f"got {type(clustering).__name__}")
    n = len(clustering.labels)
    ax = new_axes(ax, figsize=(6.4, 1.2 + 0.45 * n))
    dendrogram(clustering.linkage, labels=[str(v) for v in clustering.labels], ax=ax,
               orientation="left", link_color_func=lambda _: "black", leaf_font_size=10)
    # scipy draws leaves bottom-up; flip so the first leaf is on top, as in a table
    ax.invert_yaxis()
    ax.set_xlabel("distance (1 − similarity) at which groups merge")
    ax.set_title(title or f"Clustering of sources ({clustering.method} linkage)")
    if caption is None and intervals is not None:
        caption = interval_caveat(intervals)
    _caption(ax, caption or "")
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    _settle(ax.figure, created)
    return ax


# ----------------------------------------------------------------------------------------------
def plot_source_map(
    coords: pd.DataFrame,
    *,
    intervals: pd.DataFrame | None = None,
    caption: str | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Scatter of :func:`textlab.embed_2d` coordinates, each point labelled.

    Only distances between points mean something; the axes have no units.

    Parameters
    ----------
    intervals
        A :func:`textlab.bootstrap_similarity` frame of the similarities mapped: the caption
        under the figure then says whether the closest pair is distinguishable from the
        others (:func:`interval_caveat`), and gives the embedding's stress when ``coords``
        carries it.
    caption
        Text under the figure instead (``""``: none).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> xy = pd.DataFrame({"group": ["A", "B", "C"], "x": [0, 1, 0.5], "y": [0, 0, 1]})
    >>> ax = plot_source_map(xy)
    >>> [t.get_text() for t in ax.texts]
    ['A', 'B', 'C']
    """
    created = ax is None
    require_columns(coords, "group", "x", "y", what="coords")
    ax = new_axes(ax, figsize=(5.4, 5.0))
    x = coords["x"].to_numpy(float)
    y = coords["y"].to_numpy(float)
    ax.scatter(x, y, s=40, color=_DARK, zorder=3)
    mid = (x.min() + x.max()) / 2 if len(x) else 0.0
    for xi, yi, label in zip(x, y, coords["group"], strict=True):
        right = xi <= mid
        ax.annotate(str(label), (xi, yi), xytext=(7 if right else -7, 4),
                    textcoords="offset points", ha="left" if right else "right",
                    fontsize="small")
    # equal scales on both axes (distances are what the map shows), room for the labels
    span = max(np.ptp(x) if len(x) else 0, np.ptp(y) if len(y) else 0) or 1.0
    cx = (x.min() + x.max()) / 2 if len(x) else 0.0
    cy = (y.min() + y.max()) / 2 if len(y) else 0.0
    half = 0.5 * span * 1.5
    ax.set_xlim(cx - half, cx + half)
    ax.set_ylim(cy - half, cy + half)
    # no set_aspect("equal"): re-applied after each constrained layout it moves the Axes, and
    # repeated saves differ; equal data spans on both axes of a near-square figure instead
    ax.set_xlabel("dimension 1")
    ax.set_ylabel("dimension 2")
    method = {"mds": "metric MDS on 1 − similarity", "pca": "classical scaling (PCA)"}.get(
        coords.attrs.get("method"), "2-D embedding")
    ax.set_title(title or f"Map of sources ({method})")
    ax.grid(True, color="0.9", linewidth=0.6)
    ax.set_axisbelow(True)
    if caption is None and intervals is not None:
        caption = "Distances are 1 − similarity. " + interval_caveat(
            intervals, consequence="which points lie closest is not settled by the data")
        stress = coords.attrs.get("stress")
        if stress is not None:
            fit = "a poor fit (above 0.2)" if stress > 0.2 else "acceptable"
            caption += f" Normalised stress {stress:.2f}: {fit}."
    _caption(ax, caption or "")
    _settle(ax.figure, created)
    return ax


# ----------------------------------------------------------------------------------------------
def _passage_labels(passages: pd.DataFrame, corpus: pd.DataFrame | None,
                    label_col: str) -> tuple[list, list[str]]:
    if corpus is not None:
        require_columns(corpus, "doc_id", what="corpus")
        docs = corpus["doc_id"].tolist()
        names = (corpus[label_col] if label_col in corpus.columns else corpus["doc_id"]).tolist()
    else:
        pairs: dict = {}
        for side in ("a", "b"):
            col = f"{label_col}_{side}" if f"{label_col}_{side}" in passages.columns else None
            for d, lab in zip(passages[f"doc_{side}"],
                              passages[col] if col else passages[f"doc_{side}"], strict=True):
                pairs.setdefault(d, lab)
        docs, names = list(pairs), list(pairs.values())
    names = [str(v) for v in names]
    dup = {v for v in names if names.count(v) > 1}
    names = [f"{v} ({d})" if v in dup else v for v, d in zip(names, docs, strict=True)]
    return docs, names


def plot_shared_passages(
    passages: pd.DataFrame,
    *,
    corpus: pd.DataFrame | None = None,
    label_col: str = "source",
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Document x document matrix of words in passages the two share.

    Parameters
    ----------
    passages
        A :func:`textlab.shared_passages` frame.
    corpus
        Show all of its documents (in its order), not only those with shared passages.
    label_col
        Column naming documents (``source``); repeated labels get the ``doc_id`` appended.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> p = pd.DataFrame({"doc_a": ["d1"], "doc_b": ["d2"], "source_a": ["A"],
    ...                   "source_b": ["B"], "n_words": [12]})
    >>> ax = plot_shared_passages(p)
    >>> sorted(t.get_text() for t in ax.texts)
    ['12', '12', '—', '—']
    """
    created = ax is None
    require_columns(passages, "doc_a", "doc_b", "n_words", what="passages", allow_empty=True)
    docs, names = _passage_labels(passages, corpus, label_col)
    pos = {d: i for i, d in enumerate(docs)}
    n = len(docs)
    M = np.zeros((n, n))
    for a, b, w in zip(passages["doc_a"], passages["doc_b"], passages["n_words"], strict=True):
        if a in pos and b in pos:
            M[pos[a], pos[b]] += w
            M[pos[b], pos[a]] += w
    ax = new_axes(ax, figsize=(2.2 + 1.15 * max(n, 1), 1.4 + 0.95 * max(n, 1)))
    min_words = passages.attrs.get("min_words")
    span = f"spans of ≥ {min_words} identical words" if min_words else "shared spans"
    ax.set_title(title or f"Words in passages shared by two documents\n({span})")
    if n == 0:
        ax.text(0.5, 0.5, "no shared passages", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        _settle(ax.figure, created)
        return ax
    off = ~np.eye(n, dtype=bool)
    vmax = max(float(M.max()), 1.0)
    cm = colormaps["Greys"].with_extremes(bad="white")
    image = ax.imshow(np.ma.masked_where(~off, M), cmap=cm, vmin=0, vmax=vmax, aspect="auto")
    for i in range(n):
        for j in range(n):
            if i == j:
                ax.text(j, i, "—", ha="center", va="center", color="0.6")
            else:
                ax.text(j, i, f"{int(M[i, j])}", ha="center", va="center", fontsize="small",
                        color=text_colour(cm(M[i, j] / vmax)))
    ax.set_xticks(range(n), names, rotation=30, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(n), names)
    ax.tick_params(length=0)
    ax.figure.colorbar(image, ax=ax, shrink=0.8, label="shared words")
    _settle(ax.figure, created)
    return ax
