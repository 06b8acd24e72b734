"""A reuse-heavy corpus built from real page structures, for benchmarking ``textlab compare``.

    python -m textlab.benchmarks.reuse_corpus ../shared/benchmarks/boilerplate OUT [--files N]

News corpora are full of the same text: wire copy reprinted by many outlets, updated versions
of an article, syndicated duplicates, the same page scraped twice. This writes such a corpus,
deterministically (fixed seed), from the pages of the boilerplate benchmark (``dev/`` and
``train/``: real pages with their gold article bodies), which stay where they are: only the
generated folder holds copies, and it is meant to be deleted after the run.

* **Outlets.** Each outlet takes the furniture of one real page (the lines before its article
  and the lines after it) as its template, and wraps every article it prints in it.
* **Articles.** Every other page gives an article (its gold body), printed first by its home
  outlet; then, at random:
  - updated versions in the same outlet (a tenth of the lines dropped, a paragraph added);
  - syndicated copies in other outlets (the same body under their furniture, a new first
    line);
  - wire paragraphs: two or three of its paragraphs reprinted inside another article.
* **Layout.** One subfolder per outlet (``outlet03/000123.txt``) and ``sources.csv``
  (``file`` as the path inside the folder, ``source``, ``kind``, ``copy_of``), so it reads
  with ``textlab compare OUT --recursive``.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from textlab.clean import split_lines

__all__ = ["Template", "write_reuse_corpus"]


@dataclass(frozen=True)
class Template:
    """An outlet's furniture, taken from one real page."""

    header: tuple[str, ...]
    footer: tuple[str, ...]


def _pages(root: Path) -> list[tuple[str, str, str]]:
    """``(id, page text, gold body)`` of every page with gold under ``root`` (dev, train)."""
    found = []
    for sub in ("dev", "train"):
        folder = root / sub
        for gold in sorted(folder.glob("*.gold.txt")) if folder.is_dir() else []:
            page = folder / gold.name.replace(".gold.txt", ".txt")
            if page.exists():
                found.append((page.stem, page.read_text(encoding="utf-8", errors="replace"),
                              gold.read_text(encoding="utf-8", errors="replace")))
    if not found:
        raise SystemExit(f"{root}: no dev/ or train/ pages with gold bodies (give the "
                         "boilerplate benchmark folder)")
    return found


def _template(page: str, gold: str) -> Template | None:
    """The lines before the first and after the last line of the page that is in its gold."""
    gold_lines = {" ".join(t.split()) for t in split_lines(gold)} - {""}
    lines = [" ".join(t.split()) for t in split_lines(page)]
    hits = [i for i, t in enumerate(lines) if t in gold_lines]
    if len(hits) < 3:
        return None
    head = tuple(t for t in lines[:hits[0]] if t)
    foot = tuple(t for t in lines[hits[-1] + 1:] if t)
    if len(head) + len(foot) < 5:
        return None
    return Template(head, foot)


def _paragraphs(gold: str) -> list[str]:
    return [p for p in (" ".join(t.split()) for t in split_lines(gold)) if p]


def _render(template: Template, paragraphs: list[str]) -> str:
    return "\n\n".join([*template.header, *paragraphs, *template.footer]) + "\n"


def write_reuse_corpus(root: str | Path, out: str | Path, *, n_files: int = 1300,
                       n_outlets: int = 20, seed: int = 0) -> Path:
    """Write about ``n_files`` pages (see the module docstring) into ``out``.

    Returns
    -------
    Path
        ``out``, holding one subfolder per outlet and ``sources.csv``.
    """
    rng = random.Random(seed)
    pages = _pages(Path(root))
    rng.shuffle(pages)
    templates: list[Template] = []
    articles: list[tuple[str, list[str]]] = []
    for page_id, page, gold in pages:
        t = _template(page, gold) if len(templates) < n_outlets else None
        if t is not None:
            templates.append(t)
            continue
        paras = _paragraphs(gold)
        if len(paras) >= 3:
            articles.append((page_id, paras))
    if len(templates) < 2:
        raise SystemExit("too few pages with a clear header and footer to make outlets")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    outlets = [f"outlet{k:02d}" for k in range(len(templates))]
    for name in outlets:
        (out / name).mkdir(exist_ok=True)
    rows: list[tuple[str, str, str, str]] = []

    def emit(outlet: int, paragraphs: list[str], kind: str, copy_of: str) -> str:
        name = f"{outlets[outlet]}/{len(rows):06d}.txt"
        (out / name).write_text(_render(templates[outlet], paragraphs), encoding="utf-8")
        rows.append((name, outlets[outlet], kind, copy_of))
        return name

    per_article = max(1.0, n_files / max(len(articles), 1))
    for article_id, paras in articles:
        home = rng.randrange(len(templates))
        first = emit(home, paras, "original", article_id)
        extra = max(0, round(rng.expovariate(1 / max(per_article - 1, 0.01))))
        for _ in range(extra):
            kind = rng.choice(["update", "syndicated", "syndicated", "wire"])
            if kind == "update":
                kept = [p for p in paras if rng.random() > 0.1] or paras[:1]
                kept.insert(rng.randrange(1, len(kept) + 1),
                            "This article has been updated with further details.")
                emit(home, kept, kind, first)
            elif kind == "syndicated":
                other = rng.choice([k for k in range(len(templates)) if k != home])
                emit(other, [f"Reprinted from {outlets[home]}."] + paras, kind, first)
            else:
                other_id, other = rng.choice(articles)
                start = rng.randrange(max(1, len(paras) - 2))
                wire = paras[start:start + rng.randint(2, 3)]
                mixed = other[:2] + wire + other[2:]
                emit(rng.randrange(len(templates)), mixed, kind, first)
            if len(rows) >= n_files:
                break
        if len(rows) >= n_files:
            break
    with open(out / "sources.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "source", "kind", "copy_of"])
        writer.writerows(rows)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", help="the boilerplate benchmark folder (with dev/ and train/)")
    ap.add_argument("out", help="folder to write (created)")
    ap.add_argument("--files", type=int, default=1300, help="pages to write (about)")
    ap.add_argument("--outlets", type=int, default=20, help="outlets (templates)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    out = write_reuse_corpus(args.root, args.out, n_files=args.files, n_outlets=args.outlets,
                             seed=args.seed)
    n = sum(1 for _ in out.rglob("*.txt"))
    print(f"wrote {n} pages into {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
