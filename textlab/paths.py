"""Project paths, resolved from the package location (never from the working directory).

Notebooks run with their own folder as the working directory and the CLI runs from anywhere,
so every file the project ships is found through these constants.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR: Path = Path(__file__).resolve().parent
PROJECT_ROOT: Path = PACKAGE_DIR.parent
SEEDS_DIR: Path = PROJECT_ROOT / "seeds"
SOURCES_CSV: Path = SEEDS_DIR / "sources.csv"
SEED_GOLD_LINES: Path = SEEDS_DIR / "gold_lines.csv"
FIGURES_DIR: Path = Path(os.environ.get("TEXTLAB_FIGURES_DIR", PROJECT_ROOT / "figures"))
"""Where ``save_figure`` writes; the environment variable TEXTLAB_FIGURES_DIR overrides it
(the tests regenerate figures into a temporary folder and compare bytes)."""
NOTEBOOKS_DIR: Path = PROJECT_ROOT / "notebooks"
DATA_DIR: Path = PACKAGE_DIR / "data"

__all__ = [
    "PACKAGE_DIR",
    "PROJECT_ROOT",
    "SEEDS_DIR",
    "SOURCES_CSV",
    "SEED_GOLD_LINES",
    "FIGURES_DIR",
    "NOTEBOOKS_DIR",
    "DATA_DIR",
]
