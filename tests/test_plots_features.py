"""Feature and framing figures: compared with committed baselines, drawn without pyplot state.

Regenerate the baselines after an intended change with
``TEXTLAB_UPDATE_BASELINES=1 .venv/bin/python -m pytest tests/test_plots_features.py``
and look at every PNG before committing it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.testing.compare import compare_images

from textlab.plots import (
    new_axes,
    plot_coverage,
    plot_feature_intervals,
    plot_frame_scores,
    plot_quotes,
    save_figure,
)

BASELINES = Path(__file__).parent / "baseline_images"
UPDATE = os.environ.get("TEXTLAB_UPDATE_BASELINES") == "1"
TOL = 2.0  # RMS on 0-255; text rendering with the pinned matplotlib/FreeType is exact

SOURCES = ["ViewUs", "Forbes (transl.)", "Indian desk", "Politics News"]

INTERVALS = pd.DataFrame({
    "doc_id": [f"d{i}" for i in range(4)] * 3,
    "source": SOURCES * 3,
    "feature": ["mattr"] * 4 + ["flesch_reading_ease"] * 4 + ["rate_hedges"] * 4,
    "estimate": [0.83, 0.83, 0.82, 0.85, 36.7, 31.7, 43.9, 36.8, 0.0, 0.0, 2.7, 6.8],
    "low": [0.78, 0.79, 0.78, 0.81, 25.9, 23.8, 36.5, 29.3, 0.0, 0.0, 0.0, np.nan],
    "high": [0.88, 0.87, 0.86, 0.89, 49.2, 40.9, 51.8, 45.1, 0.0, 0.0, 9.6, np.nan],
    "method": ["half-sample"] * 4 + ["bootstrap"] * 8,
})

SCORES = pd.DataFrame({
    "doc_id": [f"d{i}" for i in range(4) for _ in range(3)],
    "source": [s for s in SOURCES for _ in range(3)],
    "frame": ["legal / sanctions", "friendship", "luxury cars"] * 4,
    "weighted_rate": [31.4, 28.3, 44.0, 56.0, 11.8, 44.2, 5.0, 27.6, 62.8, 14.8, 10.6, 48.7],
})

QUOTES = pd.DataFrame({
    "doc_id": ["d0", "d0", "d0", "d1", "d1", "d2", "d2", "d3", "d3", "d3"],
    "source": ["ViewUs"] * 3 + ["Forbes (transl.)"] * 2 + ["Indian desk"] * 2
              + ["Politics News"] * 3,
    "kind": ["direct"] * 4 + ["according_to"] + ["direct"] * 4 + ["according_to"],
    "speaker": ["Kim Yo Jong, Deputy Director of the Workers’ Party", "She", "She",
                "a spokesperson for the Unification Ministry", "the Korean Central News Agency",
                "", "He", "a ministry official", "Kim Yo Jong", "Russian state media"],
})

COVERAGE = pd.DataFrame({
    "doc_id": [f"d{i}" for i in range(4) for _ in range(3)],
    "source": [s for s in SOURCES for _ in range(3)],
    "fact": ["gift from Putin", "UN sanctions", "resolution 2397"] * 4,
    "mentioned": [True, True, True, True, True, True, True, True, False, True, True, False],
    "first_position": [0.06, 0.14, 0.98, 0.02, 0.11, 0.98, 0.07, 0.18, np.nan, 0.07, 0.79,
                       np.nan],
})


def _check_baseline(fig: Figure, name: str, tmp_path: Path) -> None:
    [actual] = save_figure(fig, name, folder=tmp_path)
    expected = BASELINES / f"{name}.png"
    if UPDATE:
        BASELINES.mkdir(exist_ok=True)
        shutil.copyfile(actual, expected)
        return
    if not expected.exists():
        pytest.fail(f"no baseline {expected}; create it with TEXTLAB_UPDATE_BASELINES=1")
    diff = compare_images(str(expected), str(actual), tol=TOL)
    assert diff is None, diff


def _assert_nothing_clipped(fig: Figure) -> None:
    """Every drawn Axes (tick labels, titles, cell texts, colorbars) and the suptitle lie
    inside the figure."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    box = fig.bbox
    extents = [ax.get_tightbbox(renderer) for ax in fig.axes]
    if fig._suptitle is not None:
        extents.append(fig._suptitle.get_window_extent(renderer))
    for ext in extents:
        assert ext.x0 >= box.x0 - 1 and ext.x1 <= box.x1 + 1, (ext, box)
        assert ext.y0 >= box.y0 - 1 and ext.y1 <= box.y1 + 1, (ext, box)


@pytest.fixture(autouse=True)
def no_pyplot_figures():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    yield
    assert plt.get_fignums() == before, "a plot function used pyplot's global state"


def test_feature_intervals_baseline(tmp_path):
    fig = plot_feature_intervals(INTERVALS)
    assert isinstance(fig, Figure)
    assert [ax.get_title() for ax in fig.axes] == ["MATTR", "Flesch reading ease",
                                                   "hedges per 1,000 words"]
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == SOURCES
    _check_baseline(fig, "features_intervals", tmp_path)
    _assert_nothing_clipped(fig)


def test_frame_scores_baseline(tmp_path):
    ax = plot_frame_scores(SCORES)
    assert sorted(t.get_text() for t in ax.texts)[:3] == ["10.6", "11.8", "14.8"]
    assert len(ax.texts) == 12
    _check_baseline(ax.figure, "features_frame_scores", tmp_path)
    _assert_nothing_clipped(ax.figure)


def test_quotes_baseline(tmp_path):
    ax = plot_quotes(QUOTES)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "She" and labels[-1] == "(not stated)"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["ViewUs", "Forbes (transl.)",
                                                            "Indian desk", "Politics News"]
    _check_baseline(ax.figure, "features_quotes", tmp_path)
    _assert_nothing_clipped(ax.figure)


def test_coverage_baseline(tmp_path):
    ax = plot_coverage(COVERAGE)
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("not\nmentioned") == 2 and "98%" in texts
    _check_baseline(ax.figure, "features_coverage", tmp_path)
    _assert_nothing_clipped(ax.figure)


def test_plots_draw_on_a_given_axes():
    for fn, frame in ((plot_frame_scores, SCORES), (plot_quotes, QUOTES),
                      (plot_coverage, COVERAGE)):
        ax = new_axes(figsize=(8, 5))
        assert fn(frame, ax=ax) is ax
    fig = Figure(figsize=(9, 4))
    assert plot_feature_intervals(INTERVALS, features=["mattr"], fig=fig) is fig
    assert len(fig.axes) == 1


def test_quotes_top_folds_the_rest():
    ax = plot_quotes(QUOTES, top=2, kinds=("direct",))
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["She", "a ministry official", "(not stated)", "(other speakers)"]


@pytest.mark.parametrize(
    ("fn", "frame", "match"),
    [
        (plot_feature_intervals, INTERVALS.drop(columns="low"), "low"),
        (plot_frame_scores, SCORES.drop(columns="frame"), "frame"),
        (plot_quotes, QUOTES.drop(columns="speaker"), "speaker"),
        (plot_coverage, COVERAGE.iloc[:0], "no rows"),
    ],
)
def test_plot_errors_name_the_problem(fn, frame, match):
    with pytest.raises(ValueError, match=match):
        fn(frame)


def test_feature_intervals_unknown_feature():
    with pytest.raises(ValueError, match="nope"):
        plot_feature_intervals(INTERVALS, features=["nope"])


@pytest.mark.parametrize(
    ("speaker_name", "speaker_col", "expected"),
    [
        # speaker_name is used when present; spellings across documents share a row
        (["Kim Yo Jong", "Kim Yo Jong", "Kim Yo-jong", "a ministry official"], None,
         ["Kim Yo Jong", "a ministry official"]),
        (["Kim Yo-jong", "Kim Yo-jong", "Kim Yo Jong", ""], None,
         ["Kim Yo-jong", "(not stated)"]),
        # as written on request
        (["Kim Yo Jong", "Kim Yo Jong", "Kim Yo-jong", "a ministry official"], "speaker",
         ["a ministry official", "Kim Yo Jong", "She", "the official"]),
    ],
)
def test_quotes_count_speaker_names(speaker_name, speaker_col, expected):
    q = pd.DataFrame({"source": ["A", "A", "B", "B"], "kind": "direct",
                      "speaker": ["Kim Yo Jong", "She", "the official", "a ministry official"],
                      "speaker_name": speaker_name})
    ax = plot_quotes(q, speaker_col=speaker_col)
    assert [t.get_text() for t in ax.get_yticklabels()] == expected
