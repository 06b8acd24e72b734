"""Execute the project's notebooks in place, headless and reproducibly."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from textlab.paths import NOTEBOOKS_DIR

__all__ = ["coalesce_streams", "execute_notebook", "execute_notebooks"]


def execute_notebook(path: str | Path, *, timeout: int = 600) -> None:
    """Run one notebook top to bottom in its own folder and write it back with outputs.

    Timing metadata is not recorded, so the same inputs give a byte-identical file.
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    nb.metadata.pop("widgets", None)
    coalesce_streams(nb)
    nbformat.write(nb, path)


def coalesce_streams(nb) -> None:
    """Merge each run of consecutive ``stdout`` (or ``stderr``) outputs of a cell into one, in
    place: how a kernel splits printed text into messages depends on timing, and the file
    must not."""
    for cell in nb.cells:
        merged = []
        for out in cell.get("outputs", []):
            last = merged[-1] if merged else None
            if (out.output_type == "stream" and last is not None
                    and last.output_type == "stream" and last.name == out.name):
                last.text += out.text
            else:
                merged.append(out)
        if "outputs" in cell:
            cell.outputs = merged


def execute_notebooks(folder: str | Path = NOTEBOOKS_DIR, *, pattern: str = "*.ipynb") -> list[Path]:
    """Execute every notebook matching ``pattern`` in ``folder``, in name order."""
    notebooks = sorted(Path(folder).glob(pattern))
    for nb in notebooks:
        t0 = time.perf_counter()
        print(f"running {nb.name} ...", end=" ", flush=True, file=sys.stderr)
        execute_notebook(nb)
        print(f"done in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    if not notebooks:
        print(f"no notebooks matching {pattern!r} in {folder}", file=sys.stderr)
    return notebooks
