"""Figures about cleaning: each page as a strip of kept and dropped lines."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from textlab.plots._base import new_axes

__all__ = ["LABEL_COLOURS", "plot_line_strips"]

# dark = kept article text, mid greys = page metadata, light = dropped furniture: reads in grey
LABEL_COLOURS = {
    "body": "#1b1b1b",
    "title": "#5e5e5e",
    "byline": "#7f7f7f",
    "date": "#9a9a9a",
    "caption": "#b5b5b5",
    "boilerplate": "#e3e3e3",
}


def plot_line_strips(lines: pd.DataFrame, *, by: str = "source", ax: Axes | None = None) -> Axes:
    """One horizontal strip per page: its non-empty lines in order, each as wide as its share
    of the page's characters, shaded by the cleaner's label.

    Parameters
    ----------
    lines
        The decisions frame from :func:`textlab.clean_corpus` (``doc_id``, ``line_no``,
        ``text``, ``label`` and the ``by`` column).
    by
        Column used to label the strips (one strip per ``doc_id``).

    Examples
    --------
    >>> from textlab import clean_corpus, load_corpus
    >>> from textlab.paths import SEEDS_DIR
    >>> ax = plot_line_strips(clean_corpus(load_corpus(SEEDS_DIR)).lines)
    >>> len(ax.get_yticklabels())
    5
    """
    for col in ("doc_id", "text", "label", by):
        if col not in lines.columns:
            raise ValueError(f"lines: missing column {col!r}; pass the frame from clean_corpus")
    created = ax is None
    ax = new_axes(ax, figsize=(8.0, 0.55 * lines["doc_id"].nunique() + 1.4))
    kept = lines[lines["label"] != "blank"]
    labels = []
    for row, (_, page) in enumerate(kept.groupby("doc_id", sort=True)):
        width = page["text"].str.len().to_numpy(dtype=float)
        share = width / width.sum()
        left = share.cumsum() - share
        for label, colour in LABEL_COLOURS.items():
            mask = (page["label"] == label).to_numpy()
            if mask.any():
                ax.barh(row, share[mask], left=left[mask], height=0.7, color=colour,
                        edgecolor="white", linewidth=0.3)
        labels.append(str(page[by].iloc[0]))
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the page (share of its characters)")
    ax.set_title("What the cleaner kept (dark) and dropped (light), line by line")
    ax.legend(handles=[Patch(color=c, label=lab) for lab, c in LABEL_COLOURS.items()],
              ncols=6, loc="upper center", bbox_to_anchor=(0.5, -0.2), frameon=False, fontsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if created:
        # constrained layout with a legend below the Axes moves the Axes for a few draws:
        # draw until it stays put, so that every save and the notebook's inline PNG give the
        # same bytes
        for _ in range(6):
            before = ax.get_position().bounds
            ax.figure.draw_without_rendering()
            if ax.get_position().bounds == before:
                break
    return ax
