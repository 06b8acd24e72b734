"""Cleaner quality and speed on labelled pages, side by side with jusText (when installed).

    python -m textlab.benchmarks.cleaning ../shared/benchmarks/boilerplate/dev

For each cleaner: benchmark-style and strict shingle F1 (:mod:`textlab.evaluate`, the same
metric as ``shared/tools/score_boilerplate.py``), documents/s and MB/s of input on one core
(best of ``--repeat`` timed passes each, after a warm-up), and the peak Python memory of one
pass (tracemalloc, measured in a separate untimed pass). All cleaners run in this one process
and their timed passes alternate, so that on a machine whose speed wanders the ratio of their
speeds is fairer than either number alone.
"""

from __future__ import annotations

import argparse
import html
import sys
import time
import tracemalloc
from collections.abc import Callable

import pandas as pd

from textlab.benchmarks._devset import load_pages
from textlab.clean import clean_text, split_lines
from textlab.evaluate import page_scores, summarize


def justext_cleaner() -> Callable[[str], str] | None:
    """jusText 3 with its English stop list, each line of the page given as a paragraph."""
    try:
        import justext
    except ImportError:
        return None
    stoplist = justext.get_stoplist("English")

    def run(raw: str) -> str:
        lines = [t.strip() for t in split_lines(raw) if t.strip()]
        if not lines:
            return ""
        page = "<html><body>" + "".join(f"<p>{html.escape(t)}</p>" for t in lines) + "</body></html>"
        paras = justext.justext(page.encode("utf-8"), stoplist, encoding="utf-8")
        return "\n\n".join(p.text for p in paras if not p.is_boilerplate)

    return run


def best_times(cleaners: dict[str, Callable[[str], str]], texts: list[str],
               repeat: int) -> dict[str, float]:
    """Best wall time of one pass over ``texts`` for each cleaner, the passes interleaved
    (round k runs every cleaner once, in an order that alternates between rounds) so that a
    machine whose speed wanders slows them alike."""
    names = list(cleaners)
    best = dict.fromkeys(names, float("inf"))
    for k in range(repeat):
        for name in names if k % 2 == 0 else names[::-1]:
            clean = cleaners[name]
            t0 = time.perf_counter()
            for t in texts:
                clean(t)
            best[name] = min(best[name], time.perf_counter() - t0)
    return best


def measure(name: str, cleaner: Callable[[str], str], pages, seconds: float) -> dict:
    """Quality (one pass), speed from ``seconds`` for one pass, peak memory (another pass)."""
    texts = [p.raw for p in pages]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    outputs = [cleaner(t) for t in texts]
    tracemalloc.start()
    for t in texts:
        cleaner(t)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    scores = summarize(pd.DataFrame([page_scores(p.gold, out) for p, out in zip(pages, outputs, strict=True)]))
    return {"cleaner": name, "F1": scores["f1"], "strict F1": scores["strict_f1"],
            "P": scores["precision"], "R": scores["recall"], "empty": scores["empty_outputs"],
            "docs/s": len(texts) / seconds, "MB/s": mb / seconds, "peak MB": peak / 1e6}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", help="folder of <id>.txt pages with <id>.gold.txt bodies")
    ap.add_argument("--repeat", type=int, default=10, help="timed passes (best is reported)")
    ap.add_argument("--no-justext", action="store_true", help="skip the jusText comparison")
    args = ap.parse_args(argv)
    pages = load_pages(args.folder)
    mb = sum(len(p.raw.encode("utf-8")) for p in pages) / 1e6
    print(f"{len(pages)} pages, {mb:.2f} MB of input, Python {sys.version.split()[0]}, one core")
    cleaners = {"textlab.clean_text": clean_text}
    jt = None if args.no_justext else justext_cleaner()
    if jt is not None:
        cleaners["jusText (English, line = paragraph)"] = jt
    elif not args.no_justext:
        print("jusText is not installed (pip install jusText) - skipped")
    texts = [p.raw for p in pages]
    for clean in cleaners.values():  # warm-up: imports, model loading, caches
        clean(texts[0])
    best = best_times(cleaners, texts, args.repeat)
    rows = [measure(name, clean, pages, best[name]) for name, clean in cleaners.items()]
    table = pd.DataFrame(rows).set_index("cleaner")
    with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 120):
        print(table.to_string())
    if len(rows) > 1:
        print(f"textlab is {rows[0]['MB/s'] / rows[1]['MB/s']:.1f}x as fast as jusText here")
    return 0


if __name__ == "__main__":
    sys.exit(main())
