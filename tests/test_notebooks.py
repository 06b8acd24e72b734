"""Every notebook runs top to bottom, and re-running reproduces the committed notebook and
figures byte for byte (what `make reproduce` promises)."""

from __future__ import annotations

import shutil

import pytest

from textlab.notebooks import coalesce_streams, execute_notebook
from textlab.paths import FIGURES_DIR, NOTEBOOKS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    """Execute copies of all notebooks, writing figures into a temporary folder."""
    work = tmp_path_factory.mktemp("notebooks")
    figures = tmp_path_factory.mktemp("figures")
    mp = pytest.MonkeyPatch()
    mp.setenv("TEXTLAB_FIGURES_DIR", str(figures))  # inherited by the kernels
    errors = {}
    try:
        for nb in NOTEBOOKS:
            copy = work / nb.name
            shutil.copy(nb, copy)
            try:
                execute_notebook(copy)
            except Exception as exc:  # noqa: BLE001 - reported per notebook below
                errors[nb.name] = f"{type(exc).__name__}: {str(exc)[-2000:]}"
    finally:
        mp.undo()
    return work, figures, errors


@pytest.mark.slow
@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_without_error(regenerated, nb):
    _, _, errors = regenerated
    assert nb.name not in errors, errors.get(nb.name)


@pytest.mark.slow
@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_executed_notebook_is_byte_identical_to_the_committed_one(regenerated, nb):
    work, _, errors = regenerated
    if nb.name in errors:
        pytest.skip("notebook failed; see test_notebook_runs_without_error")
    assert (work / nb.name).read_bytes() == nb.read_bytes(), (
        f"{nb.name} changed when re-executed: run `make reproduce` and commit, or find the "
        "source of non-determinism")


@pytest.mark.slow
def test_figures_regenerate_identically(regenerated):
    _, figures, errors = regenerated
    assert not errors
    made = {p.name: p.read_bytes() for p in figures.iterdir()}
    committed = {p.name: p.read_bytes() for p in FIGURES_DIR.iterdir() if p.is_file()}
    assert sorted(made) == sorted(committed), "figures/ holds files no notebook writes, or misses some"
    changed = [name for name in made if made[name] != committed[name]]
    assert changed == []


def test_there_are_notebooks():
    assert NOTEBOOKS, f"no notebooks in {NOTEBOOKS_DIR}"


def test_printed_text_is_one_output_however_the_kernel_split_it():
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1); print(2)")])
    out = nbformat.v4.new_output
    nb.cells[0].outputs = [out("stream", name="stdout", text="a\n"),
                           out("stream", name="stdout", text="b\n"),
                           out("stream", name="stderr", text="warning\n"),
                           out("stream", name="stdout", text="c\n")]
    coalesce_streams(nb)
    assert [(o.name, o.text) for o in nb.cells[0].outputs] == [
        ("stdout", "a\nb\n"), ("stderr", "warning\n"), ("stdout", "c\n")]


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_saved_figure_is_shown_inline_as_the_saved_png(nb):
    """A reader of the executed notebook (on the web, without running it) sees each figure,
    and what they see is byte for byte the file in figures/."""
    import base64
    import re

    import nbformat

    saved = {p.read_bytes(): p.name for p in FIGURES_DIR.glob("*.png")}
    for cell in nbformat.read(nb, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        names = re.findall(r'save_figure\([^,]+, "([^"]+)"', cell.source)
        shown = [base64.b64decode(out["data"]["image/png"]) for out in cell.get("outputs", [])
                 if "image/png" in out.get("data", {})]
        assert [saved.get(png) for png in shown] == [f"{n}.png" for n in names], cell.source
