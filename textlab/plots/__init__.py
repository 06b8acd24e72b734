"""Figures: one function per figure type, each taking ``ax=None`` and returning the Axes.

``save_figure`` writes byte-identical files on every run. Plot helpers never touch pyplot's
global state; they draw on the Axes they are given (or on a new ``Figure``).
"""

from textlab.plots import _clean, _features, _vocab
from textlab.plots._base import draw_every_script, new_axes, new_figure, save_figure
from textlab.plots._clean import *  # noqa: F403
from textlab.plots._features import *  # noqa: F403
from textlab.plots._vocab import *  # noqa: F403

__all__ = ["new_axes", "new_figure", "draw_every_script", "save_figure", *_clean.__all__, *_vocab.__all__, *_features.__all__]
