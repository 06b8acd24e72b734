"""Cleaner quality and speed on labelled pages, side by side with jusText (when installed).

    python -m textlab.benchmarks.cleaning ../shared/benchmarks/boilerplate/dev \\
        ../shared/benchmarks/boilerplate/train

For each folder and cleaner: benchmark-style and strict shingle F1 (:mod:`textlab.evaluate`,
the same metric as ``shared/tools/score_boilerplate.py``), overall and for English and other
pages, and the pages the cleaner warns about. Then the cross-validated F1 (grouped by site)
that ``train_cleaner`` recorded in the model for these folders, the share of metadata titles
recovered (where a folder's manifest gives titles), and, on the first folder, documents/s and
MB/s of input on one core (best of ``--repeat`` timed passes each, after a warm-up) and the
peak Python memory of one pass (tracemalloc, in a separate untimed pass). All cleaners run in
this one process and their timed passes alternate, so that on a machine whose speed wanders
the ratio of their speeds is fairer than either number alone.
"""

from __future__ import annotations

import argparse
import html
import sys
import time
import tracemalloc
from collections.abc import Callable

import pandas as pd

from textlab._linemodel import load_model
from textlab.benchmarks._devset import Page, guess_lang, load_pages, title_matches
from textlab.clean import clean, clean_text, split_lines
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
            clean_fn = cleaners[name]
            t0 = time.perf_counter()
            for t in texts:
                clean_fn(t)
            best[name] = min(best[name], time.perf_counter() - t0)
    return best


def quality(name: str, cleaner: Callable[[str], str], pages: list[Page]) -> dict:
    """F1 and friends of one cleaner on ``pages``, overall and for English / other pages."""
    rows = pd.DataFrame([{"english": (p.lang or guess_lang(p.raw)) == "en",
                          **page_scores(p.gold, cleaner(p.raw))} for p in pages])
    s = summarize(rows)
    out = {"cleaner": name, "F1": s["f1"], "strict F1": s["strict_f1"], "P": s["precision"],
           "R": s["recall"], "empty": s["empty_outputs"]}
    for label, part in (("F1 en", rows[rows["english"]]), ("F1 other", rows[~rows["english"]])):
        out[label] = summarize(part)["f1"] if len(part) else float("nan")
    return out


def speed(name: str, cleaner: Callable[[str], str], texts: list[str], seconds: float) -> dict:
    """Speed from ``seconds`` for one pass, peak memory (another pass)."""
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    tracemalloc.start()
    for t in texts:
        cleaner(t)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"cleaner": name, "docs/s": len(texts) / seconds, "MB/s": mb / seconds,
            "peak MB": peak / 1e6}


def _show(rows: list[dict]) -> None:
    table = pd.DataFrame(rows).set_index("cleaner")
    with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 140):
        print(table.to_string())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+",
                    help="folders of <id>.txt pages with <id>.gold.txt bodies (speed: the first)")
    ap.add_argument("--repeat", type=int, default=10, help="timed passes (best is reported)")
    ap.add_argument("--no-justext", action="store_true", help="skip the jusText comparison")
    args = ap.parse_args(argv)
    cleaners = {"textlab.clean_text": clean_text}
    jt = None if args.no_justext else justext_cleaner()
    if jt is not None:
        cleaners["jusText (English, line = paragraph)"] = jt
    elif not args.no_justext:
        print("jusText is not installed (pip install jusText) - skipped")
    print(f"Python {sys.version.split()[0]}, one core")

    splits = {}
    for folder in args.folders:
        pages = load_pages(folder)
        split = pages[0].split
        splits[split] = pages
        mb = sum(len(p.raw.encode("utf-8")) for p in pages) / 1e6
        results = [clean(p.raw) for p in pages]
        warned = sum(bool(r.warning) for r in results)
        print(f"\n{split}: {len(pages)} pages, {mb:.2f} MB, "
              f"{sum(p.lang not in ('', 'en') or guess_lang(p.raw) != 'en' for p in pages)} "
              f"not in English; textlab warns on {warned} page(s)")
        _show([quality(name, fn, pages) for name, fn in cleaners.items()])
        titled = [(p, r) for p, r in zip(pages, results, strict=True) if p.title]
        if titled:
            hits = sum(title_matches(r.title, p.title, p.site_name) for p, r in titled)
            print(f"titles: {hits} of {len(titled)} pages' metadata titles recovered "
                  f"(normalised exact match, the site's name stripped from the metadata)")

    meta = load_model().meta
    cv = {k: v for k, v in meta.items() if k.startswith("cv_f1")}
    if cv:
        trained = meta.get("folders", [])
        note = "" if sorted(trained) == sorted(splits) else \
            f" (recorded on {', '.join(trained)}, not the folders given here)"
        print(f"\ntextlab {meta.get('cv', 'cross-validated')} (make train-cleaner, "
              f"{meta.get('model', 'model')}){note}: "
              + ", ".join(f"{k[3:].replace('_', ' ')} {v:.3f}" for k, v in cv.items()))
        if jt is not None:
            every = [p for pages in splits.values() for p in pages]
            print(f"jusText on the same pages (no training): F1 {quality('', jt, every)['F1']:.3f}")

    first = next(iter(splits.values()))
    texts = [p.raw for p in first]
    for fn in cleaners.values():  # warm-up: imports, model loading, caches
        fn(texts[0])
    best = best_times(cleaners, texts, args.repeat)
    print(f"\nspeed on {first[0].split} ({len(texts)} pages), best of {args.repeat} "
          f"interleaved passes:")
    rows = [speed(name, fn, texts, best[name]) for name, fn in cleaners.items()]
    _show(rows)
    if len(rows) > 1:
        print(f"textlab is {rows[0]['MB/s'] / rows[1]['MB/s']:.1f}x as fast as jusText here")
    return 0


if __name__ == "__main__":
    sys.exit(main())
