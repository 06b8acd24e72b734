"""Read a folder of ``<id>.txt`` pages with ``<id>.gold.txt`` article bodies (not shipped)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textlab.clean import split_lines
from textlab.evaluate import shingles

__all__ = ["Page", "load_pages", "line_labels"]


@dataclass(frozen=True)
class Page:
    page_id: str
    raw: str
    gold: str


def load_pages(folder: str | Path) -> list[Page]:
    """Every ``<id>.gold.txt`` in ``folder`` with its ``<id>.txt`` page, sorted by id."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SystemExit(f"{folder}: not a folder (pass the dev set's path)")
    pages = []
    for gold in sorted(folder.glob("*.gold.txt")):
        page_id = gold.name[: -len(".gold.txt")]
        raw_path = folder / f"{page_id}.txt"
        if not raw_path.exists():
            raise SystemExit(f"{raw_path}: missing page for {gold.name}")
        pages.append(Page(page_id, raw_path.read_text(encoding="utf-8", errors="replace"),
                          gold.read_text(encoding="utf-8", errors="replace")))
    if not pages:
        raise SystemExit(f"{folder}: no *.gold.txt files")
    return pages


def line_labels(page: Page, *, min_overlap: float = 0.5) -> tuple[list[str], list[int]]:
    """Non-empty normalised lines of the page and 1/0 body labels derived from the gold text.

    A line is body when it equals a gold line, or when at least ``min_overlap`` of its
    4-token shingles occur in the gold text.
    """
    gold_lines = {" ".join(t.split()) for t in split_lines(page.gold)} - {""}
    gold_sh = shingles(page.gold)
    lines, labels = [], []
    for t in split_lines(page.raw):
        t = " ".join(t.split())
        if not t:
            continue
        lines.append(t)
        if t in gold_lines:
            labels.append(1)
            continue
        sh = shingles(t)
        total = sum(sh.values())
        hit = sum(min(c, gold_sh[s]) for s, c in sh.items()) / total if total else 0.0
        labels.append(int(hit >= min_overlap))
    return lines, labels
