"""Vocabulary and similarity figures: compared with committed baseline PNGs.

Regenerate the baselines after an intended change with
``TEXTLAB_UPDATE_BASELINES=1 .venv/bin/python -m pytest tests/test_plots_vocab.py`` and look at
every PNG in ``tests/baseline_images/vocab_*.png`` before committing them.
"""

import doctest
import os
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.testing.compare import compare_images

import textlab.plots._vocab
from textlab.plots import (
    new_axes,
    plot_dendrogram,
    plot_keyness,
    plot_shared_passages,
    plot_similarity,
    plot_source_map,
    plot_top_terms,
    save_figure,
)
from textlab.similarity import cluster

BASELINES = Path(__file__).parent / "baseline_images"
UPDATE = os.environ.get("TEXTLAB_UPDATE_BASELINES") == "1"
TOL = 1.0  # RMS difference on the 0-255 scale; same pinned matplotlib and FreeType

SOURCES = ["Wire Agency", "Daily Herald", "Blog (transl.)", "Evening Post"]

TOP = pd.DataFrame({
    "group": [s for s in SOURCES[:3] for _ in range(4)],
    "term": ["aurus", "limousine", "gift", "kim jong-un", "sanctions", "security council",
             "resolution", "ministry", "maybach", "luxury cars", "brother", "train"],
    "score": [0.42, 0.35, 0.30, 0.21, 0.50, 0.33, 0.33, 0.12, 0.38, 0.30, 0.22, 0.22],
    "count": [5, 3, 4, 2, 6, 3, 3, 1, 4, 3, 2, 2],
})

KEYNESS = pd.DataFrame({
    "group": ["Wire Agency"] * 6 + ["Daily Herald"] * 6,
    "reference": "(rest)",
    "term": ["aurus", "gift", "pyongyang", "said", "maybach", "ukraine",
             "sanctions", "ministry", "violation", "kim", "limousine", "train"],
    "z": [2.4, 1.8, 1.1, -0.4, -1.3, -2.0, 2.9, 1.5, 0.9, -0.2, -0.9, -1.6],
})

SIM = pd.DataFrame(
    [[1.0, 0.62, 0.31, 0.24], [0.62, 1.0, 0.28, 0.35], [0.31, 0.28, 1.0, 0.19],
     [0.24, 0.35, 0.19, 1.0]],
    index=pd.Index(SOURCES, name="source"), columns=pd.Index(SOURCES, name="source"),
)
SIM.attrs["method"] = "word_tfidf"

INTERVALS = pd.DataFrame({
    "a": ["Wire Agency", "Wire Agency", "Wire Agency", "Daily Herald", "Daily Herald",
          "Blog (transl.)"],
    "b": ["Daily Herald", "Blog (transl.)", "Evening Post", "Blog (transl.)", "Evening Post",
          "Evening Post"],
    "estimate": [0.62, 0.31, 0.24, 0.28, 0.35, 0.19],
    "low": [0.51, 0.22, 0.17, 0.20, 0.26, 0.12],
    "high": [0.70, 0.39, 0.31, 0.36, 0.44, 0.27],
})

# the closest pair no longer stands apart
OVERLAPPING = INTERVALS.assign(low=INTERVALS["low"].where(INTERVALS["estimate"] < 0.6, 0.40))

COORDS = pd.DataFrame({"group": SOURCES, "x": [0.45, 0.30, -0.40, -0.35],
                       "y": [0.10, -0.25, 0.30, -0.15]})
COORDS.attrs["method"] = "mds"
COORDS.attrs["stress"] = 0.21

PASSAGES = pd.DataFrame({
    "doc_a": ["d1", "d1", "d2"], "doc_b": ["d2", "d4", "d4"],
    "source_a": ["Wire Agency", "Wire Agency", "Daily Herald"],
    "source_b": ["Daily Herald", "Evening Post", "Evening Post"],
    "n_words": [64, 12, 9],
})
PASSAGES.attrs["min_words"] = 8
CORPUS = pd.DataFrame({"doc_id": ["d1", "d2", "d3", "d4"], "source": SOURCES})


def _figure(obj) -> Figure:
    return obj if isinstance(obj, Figure) else obj.figure


CASES = {
    "vocab_top_terms": lambda: plot_top_terms(TOP),
    "vocab_keyness": lambda: plot_keyness(KEYNESS, n=3),
    "vocab_keyness_group": lambda: plot_keyness(KEYNESS, group="Daily Herald"),
    "vocab_similarity": lambda: plot_similarity(SIM, intervals=INTERVALS),
    "vocab_dendrogram": lambda: plot_dendrogram(cluster(SIM)),
    "vocab_dendrogram_caption": lambda: plot_dendrogram(cluster(SIM), intervals=OVERLAPPING),
    "vocab_source_map": lambda: plot_source_map(COORDS),
    "vocab_source_map_caption": lambda: plot_source_map(COORDS, intervals=OVERLAPPING),
    "vocab_shared_passages": lambda: plot_shared_passages(PASSAGES, corpus=CORPUS),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_figure_matches_baseline(name, tmp_path):
    [out] = save_figure(_figure(CASES[name]()), name, folder=tmp_path)
    baseline = BASELINES / f"{name}.png"
    if UPDATE:
        BASELINES.mkdir(exist_ok=True)
        shutil.copyfile(out, baseline)
        pytest.skip(f"baseline written: {baseline}")
    if not baseline.exists():
        pytest.fail(f"{baseline} is missing; create it with TEXTLAB_UPDATE_BASELINES=1")
    diff = compare_images(str(baseline), str(out), tol=TOL)
    assert diff is None, diff


@pytest.mark.parametrize("name", sorted(CASES))
def test_nothing_is_clipped_and_everything_is_labelled(name):
    fig = _figure(CASES[name]())
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    drawn = fig.get_tightbbox(canvas.get_renderer())  # inches, only what is drawn
    width, height = fig.get_size_inches()
    slack = 1 / fig.dpi
    assert drawn.x0 >= -slack and drawn.y0 >= -slack
    assert drawn.x1 <= width + slack and drawn.y1 <= height + slack
    for ax in fig.axes:
        if ax.get_label() == "<colorbar>":
            continue
        assert ax.get_title() or fig.get_suptitle()
        assert ax.get_xlabel() or ax.get_ylabel() or not ax.get_xticks().size or ax.get_title()


def test_saving_twice_gives_identical_bytes(tmp_path):
    fig = _figure(CASES["vocab_similarity"]())
    [a] = save_figure(fig, "once", folder=tmp_path)
    [b] = save_figure(fig, "twice", folder=tmp_path)
    assert a.read_bytes() == b.read_bytes()
    [c] = save_figure(_figure(CASES["vocab_similarity"]()), "rebuilt", folder=tmp_path)
    assert a.read_bytes() == c.read_bytes()


def test_plots_never_touch_pyplot():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    for make in CASES.values():
        make()
    assert plt.get_fignums() == before


@pytest.mark.parametrize(
    "draw",
    [
        lambda ax: plot_keyness(KEYNESS, ax=ax),
        lambda ax: plot_similarity(SIM, ax=ax),
        lambda ax: plot_dendrogram(SIM, ax=ax),
        lambda ax: plot_source_map(COORDS, ax=ax),
        lambda ax: plot_shared_passages(PASSAGES, ax=ax),
    ],
)
def test_draws_on_the_given_axes(draw):
    ax = new_axes()
    assert draw(ax) is ax


def test_top_terms_draws_into_a_given_figure():
    fig = Figure(layout="constrained")
    assert plot_top_terms(TOP, fig=fig, ncols=1) is fig
    assert [ax.get_title() for ax in fig.axes] == SOURCES[:3]


def test_keyness_picks_the_comparison():
    ax = plot_keyness(KEYNESS, group="Wire Agency", n=2)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["aurus", "gift", "maybach", "ukraine"]
    g2 = KEYNESS.drop(columns="z").assign(log_ratio=KEYNESS.z)
    assert "Log Ratio" in plot_keyness(g2, group="Wire Agency").get_xlabel()
    with pytest.raises(ValueError, match="reference"):
        plot_keyness(KEYNESS, reference="Daily Herald")
    with pytest.raises(ValueError, match="group"):
        plot_keyness(KEYNESS, group="Nobody")


def test_labels_are_sources_not_file_names():
    ax = plot_shared_passages(PASSAGES)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Wire Agency", "Daily Herald",
                                                             "Evening Post"]
    twice = CORPUS.assign(source=["Same", "Same", "Other", "Other"])
    ax = plot_shared_passages(PASSAGES, corpus=twice)
    assert [t.get_text() for t in ax.get_yticklabels()][:2] == ["Same (d1)", "Same (d2)"]
    m = np.array([[float(t.get_text()) if t.get_text() != "—" else np.nan
                   for t in ax.texts[i * 4:(i + 1) * 4]] for i in range(4)])
    assert m[0, 1] == 64 and m[1, 3] == 9 and m[2, 0] == 0


def test_empty_shared_passages():
    empty = PASSAGES.iloc[:0]
    ax = plot_shared_passages(empty)
    assert isinstance(ax, Axes) and "no shared passages" in [t.get_text() for t in ax.texts]


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: plot_top_terms(TOP.drop(columns="score")), ValueError),
        (lambda: plot_top_terms(TOP.iloc[:0]), ValueError),
        (lambda: plot_similarity(SIM.iloc[:2]), ValueError),
        (lambda: plot_source_map(COORDS.drop(columns="x")), ValueError),
        (lambda: plot_dendrogram("sim"), TypeError),
        (lambda: plot_shared_passages(PASSAGES.drop(columns="n_words")), ValueError),
    ],
)
def test_bad_input_is_refused(call, error):
    with pytest.raises(error):
        call()


def test_docstring_examples_run():
    result = doctest.testmod(textlab.plots._vocab)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(
    ("z", "legend"),
    [
        ([1.5, 0.8, -0.4], "|z| = 1.96: no term shown beyond"),
        ([2.5, 0.8, -0.4], "|z| = 1.96: 1 term shown beyond"),
        ([2.5, 0.8, -2.4], "|z| = 1.96: 2 terms shown beyond"),
    ],
)
def test_keyness_marks_the_reference_line_and_counts_terms_beyond(z, legend):
    k = pd.DataFrame({"group": "A", "reference": "(rest)", "term": ["x", "y", "w"], "z": z})
    ax = plot_keyness(k, group="A")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [legend]
    assert sorted(line.get_xdata()[0] for line in ax.lines if line.get_linestyle() == "--") \
        == [-1.96, 1.96]
    assert ax.get_xlim()[1] > 1.96 and ax.get_xlim()[0] < -1.96  # both lines in view
    assert "over-used" not in ax.get_title() and "significant" not in ax.get_title()


def test_keyness_of_g2_frames_has_no_z_line():
    g2 = KEYNESS.drop(columns="z").assign(log_ratio=KEYNESS.z)
    assert plot_keyness(g2, group="Wire Agency").get_legend() is None


@pytest.mark.parametrize(
    ("intervals", "expected"),
    [
        (INTERVALS, "above the intervals of all 5 other pairs"),
        (OVERLAPPING, "not distinguishable from 1 of the other 5 pairs"),
    ],
)
def test_dendrogram_and_map_state_what_the_intervals_support(intervals, expected):
    def caption(ax):
        return " ".join(t.get_text() for t in ax.texts if "closest pair" in t.get_text())

    tree = caption(plot_dendrogram(cluster(SIM), intervals=intervals))
    mapped = caption(plot_source_map(COORDS, intervals=intervals))
    assert expected in " ".join(tree.split()) and "Wire Agency–Daily Herald, 0.62" in tree
    assert expected in " ".join(mapped.split()) and "stress 0.21" in mapped
    assert caption(plot_dendrogram(cluster(SIM))) == ""  # nothing to say without intervals
    assert caption(plot_dendrogram(cluster(SIM), intervals=intervals, caption="")) == ""
