"""Shared plotting plumbing: new Axes without pyplot state, deterministic saving, labels in
every script.

Labels in scripts the default font (DejaVu Sans) lacks — Chinese, Japanese, Korean, Thai … —
would be drawn as empty boxes with a "Glyph missing" warning per character. Before a figure is
drawn (figures from :func:`new_axes`, and any figure given to :func:`save_figure`),
:func:`draw_every_script` looks for such characters: when an installed font has them, it is
added as a fallback font of that label; when none has, the label is transliterated to Latin
letters (``anyascii``: "北京" -> "BeiJing") and a warning says so once per process. Labels the
default font can draw are left exactly as they are, so figures of English corpora do not move
by a byte. To draw CJK as written, install a font with the glyphs (e.g. Debian's
``fonts-noto-cjk``) and clear matplotlib's font cache.
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

from textlab.paths import FIGURES_DIR

__all__ = ["new_axes", "new_figure", "save_figure", "require_columns", "text_colour", "draw_every_script",
           "DPI", "GREYSCALE_SAFE_CMAP"]

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


@lru_cache(maxsize=64)
def _charmap(path: str) -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(path).get_charmap())


@lru_cache(maxsize=256)
def _font_with(chars: str) -> str | None:
    """Family name of an installed font that has every character of ``chars``, if any."""
    needed = {ord(c) for c in chars}
    for entry in sorted(font_manager.fontManager.ttflist, key=lambda f: (f.name, f.fname)):
        if entry.name.startswith("Last Resort"):  # draws a box for every code point
            continue
        try:
            if needed <= _charmap(entry.fname):
                return entry.name
        except (OSError, RuntimeError):
            continue
    return None


_warned: set[str] = set()


def _missing(text: Text) -> str:
    label = text.get_text()
    if not label or label.isascii():
        return ""
    try:
        have = _charmap(font_manager.findfont(text.get_fontproperties(), fallback_to_default=True))
    except (OSError, RuntimeError, ValueError):
        return ""
    return "".join(sorted({c for c in label if not c.isspace() and ord(c) not in have}))


def draw_every_script(fig: Figure) -> Figure:
    """Make every label of ``fig`` drawable: a fallback font where one is installed, else
    Latin transliteration (said once per process). Labels the font can draw are untouched.

    Examples
    --------
    >>> fig = Figure()
    >>> label = fig.text(0.5, 0.5, "Kim")
    >>> draw_every_script(fig).texts[0].get_text()
    'Kim'
    """
    from anyascii import anyascii
    from matplotlib.ticker import FuncFormatter

    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            # tick labels are re-made from the formatter at every draw: fix it there
            labels = [t for t in axis.get_majorticklabels() if t.get_text()]
            missing = "".join(sorted({c for t in labels for c in _missing(t)}))
            if not missing:
                continue
            family = _font_with(missing)
            if family is not None:
                axis.set_tick_params(labelfontfamily=[*labels[0].get_fontfamily(), family])
                continue
            fmt = axis.get_major_formatter()
            axis.set_major_formatter(FuncFormatter(lambda x, pos, f=fmt: anyascii(f(x, pos))))
            _note(missing)
    for text in fig.findobj(Text):
        missing = _missing(text)
        if not missing:
            continue
        family = _font_with(missing)
        if family is not None:
            text.set_fontfamily([*text.get_fontfamily(), family])
            continue
        text.set_text(anyascii(text.get_text()))
        _note(missing)
    return fig


def _note(missing: str) -> None:
    if "transliterated" not in _warned:
        _warned.add("transliterated")
        warnings.warn(
            f"no installed font draws {missing[:10]!r}: figure labels in that script are "
            "transliterated to Latin letters (install a font with the glyphs, e.g. "
            "fonts-noto-cjk, to draw them as written)", UserWarning, stacklevel=4)


class _ScriptFigure(Figure):
    """A Figure that makes its labels drawable (:func:`draw_every_script`) before each draw."""

    def draw(self, renderer) -> None:
        draw_every_script(self)
        super().draw(renderer)

    def __repr__(self) -> str:  # as a Figure's: notebooks print it
        return super().__repr__().replace(type(self).__name__, "Figure", 1)


def new_figure(*, figsize: tuple[float, float] = (6.4, 4.0), **kwargs) -> Figure:
    """A Figure that pyplot does not track, at :data:`DPI`, constrained layout, that draws
    labels in any script (see :func:`draw_every_script`)."""
    return _ScriptFigure(figsize=figsize, dpi=DPI, layout="constrained", **kwargs)


def new_axes(ax: Axes | None = None, *, figsize: tuple[float, float] = (6.4, 4.0)) -> Axes:
    """Return ``ax`` or, when None, the Axes of a new Figure that pyplot does not track (and
    that draws labels in any script, see :func:`draw_every_script`)."""
    if ax is not None:
        return ax
    return new_figure(figsize=figsize).add_subplot()


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
    draw_every_script(fig)
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
