"""Shared plotting plumbing: new Axes without pyplot state, deterministic saving."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from textlab.paths import FIGURES_DIR

__all__ = ["new_axes", "save_figure", "require_columns", "text_colour", "DPI",
           "GREYSCALE_SAFE_CMAP"]

DPI = 120
GREYSCALE_SAFE_CMAP = "cividis"
"""Perceptually uniform and monotonic in lightness, so it still reads when printed in grey."""

_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "Creator": None, "Producer": None},
}


def require_columns(frame: pd.DataFrame, *cols: str, what: str, allow_empty: bool = False) -> None:
    """Raise a TypeError/ValueError naming ``what`` unless ``frame`` is a DataFrame with the
    columns ``cols`` (and, unless ``allow_empty``, at least one row)."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what}: expected a DataFrame, got {type(frame).__name__}")
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {missing}; columns are {list(frame.columns)}")
    if frame.empty and not allow_empty:
        raise ValueError(f"{what}: no rows to plot")


def text_colour(rgba: tuple[float, ...]) -> str:
    """Black or white, whichever reads better on a cell of colour ``rgba``."""
    r, g, b = rgba[:3]
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.5 else "white"


def new_axes(ax: Axes | None = None, *, figsize: tuple[float, float] = (6.4, 4.0)) -> Axes:
    """Return ``ax`` or, when None, the Axes of a new Figure that pyplot does not track."""
    if ax is not None:
        return ax
    fig = Figure(figsize=figsize, dpi=DPI, layout="constrained")
    return fig.add_subplot()


def save_figure(fig: Figure, name: str, *, folder: str | Path | None = None,
                formats: tuple[str, ...] = ("png",)) -> list[Path]:
    """Write ``fig`` as ``folder/name.<fmt>`` so that the same figure gives the same bytes.

    Parameters
    ----------
    fig
        The Figure (``ax.figure`` for an Axes).
    name
        File name without suffix, e.g. ``"similarity_word_tfidf"``.
    folder
        Defaults to the project's ``figures/``.
    formats
        Any of ``png``, ``svg``, ``pdf``.

    Returns
    -------
    list of Path
        The files written.
    """
    if not name or "/" in name or "\\" in name:
        raise ValueError(f"name={name!r}: expected a plain file name without folders")
    folder = Path(folder) if folder is not None else FIGURES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    # constrained layout settles only after a draw: draw once so the first save equals the next
    fig.draw_without_rendering()
    with matplotlib.rc_context({"svg.hashsalt": "textlab", "pdf.compression": 6}):
        for fmt in formats:
            if fmt not in _METADATA:
                raise ValueError(f"formats: {fmt!r} is not one of {sorted(_METADATA)}")
            out = folder / f"{name}.{fmt}"
            fig.savefig(out, format=fmt, dpi=DPI, metadata=_METADATA[fmt])
            written.append(out)
    return written
