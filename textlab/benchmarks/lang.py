"""Language detection accuracy and cost on pages whose language is known.

    python -m textlab.benchmarks.lang ../shared/benchmarks/boilerplate/train

The folder holds ``<id>.txt`` pages, ``<id>.gold.txt`` article bodies and a ``meta.jsonl`` with
one ``{"id": ..., "lang": ...}`` object per page (pages without a ``lang`` are skipped). Each
page is detected three ways: its gold body, the raw page (menus and all, as the corpus reader
sees it) and :func:`textlab.clean_text` of the raw page. Reported per way: correct / pages,
pages answered ``und``, milliseconds per page (best of ``--repeat`` timed passes after a
warm-up; the model load is timed apart), and every miss with its confidence. ``--options``
compares other detector settings on the same pages.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import pandas as pd

from textlab.clean import clean_text
from textlab.lang import MAX_CHARS, MIN_CHARS, MIN_CONFIDENCE, _identifier, detect_languages


def load_labelled(folder: Path) -> pd.DataFrame:
    """``id, lang, gold, raw`` for every page of ``meta.jsonl`` that has a language."""
    meta = folder / "meta.jsonl"
    if not meta.exists():
        raise SystemExit(f"{meta}: not found (pass a folder with meta.jsonl)")
    rows = []
    for line in meta.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        raw, gold = folder / f"{rec['id']}.txt", folder / f"{rec['id']}.gold.txt"
        if not rec.get("lang") or not raw.exists():
            continue
        rows.append({"id": rec["id"], "lang": rec["lang"],
                     "gold": gold.read_text(encoding="utf-8", errors="replace")
                     if gold.exists() else "",
                     "raw": raw.read_text(encoding="utf-8", errors="replace")})
    if not rows:
        raise SystemExit(f"{meta}: no page with a language")
    return pd.DataFrame(rows)


def run(texts: pd.Series, repeat: int, **options) -> tuple[pd.DataFrame, float]:
    detect_languages(texts.head(5), **options)  # warm-up
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = detect_languages(texts, **options)
        best = min(best, time.perf_counter() - t0)
    return out, best


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--options", action="store_true",
                    help="also compare max_chars and min_confidence settings")
    args = ap.parse_args(argv)
    pages = load_labelled(args.folder)
    t0 = time.perf_counter()
    _identifier()
    print(f"model load: {time.perf_counter() - t0:.2f} s (once per process)")
    pages["cleaned"] = [clean_text(r) for r in pages["raw"]]
    counts = pages["lang"].value_counts()
    print(f"{len(pages)} pages: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    settings = [{}]
    if args.options:
        settings += [{"max_chars": m} for m in (600, 1000, 2000, 6000, 10**9)]
        settings += [{"min_confidence": c} for c in (0.0, 0.3, 0.7, 0.9)]
    print(f"defaults: min_chars={MIN_CHARS}, min_confidence={MIN_CONFIDENCE}, "
          f"max_chars={MAX_CHARS}")
    print(f"{'text':8} {'options':24} {'correct':>9} {'und':>4} {'ms/page':>8}")
    for options in settings:
        for col in ("gold", "raw", "cleaned"):
            out, seconds = run(pages[col], args.repeat, **options)
            ok = out["lang"].to_numpy() == pages["lang"].to_numpy()
            und = int((out["lang"] == "und").sum())
            label = ", ".join(f"{k}={v}" for k, v in options.items()) or "defaults"
            print(f"{col:8} {label:24} {ok.sum():>4}/{len(ok):<4} {und:>4} "
                  f"{1000 * seconds / len(pages):8.2f}")
            if not options:
                for i in (~ok).nonzero()[0]:
                    print(f"    miss {pages['id'][i]}: {pages['lang'][i]} read as "
                          f"{out['lang'].iloc[i]} ({out['lang_source'].iloc[i]}, "
                          f"p={out['lang_confidence'].iloc[i]:.2f}, "
                          f"{len(pages[col][i])} chars)")


if __name__ == "__main__":
    main()
