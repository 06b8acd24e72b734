"""Time the analysis calls that take seconds on a corpus with many groups.

    python -m textlab.benchmarks.slow_calls [--docs 94] [--sources 78] [--repeat 1]

A synthetic corpus (:func:`textlab.synthetic.synthetic_pages`, fixed seed; each page's cleaned
body) with many sources, the shape of a real 94-page, 78-outlet corpus that made
``bootstrap_similarity`` and ``keyness(pairwise=True)`` slow. Prints one line per call with the
best wall time over ``--repeat`` runs. Progress bars are off (stderr is not a terminal here, or
``progress=False``), so the times are the calls' own.
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from textlab.clean import clean
from textlab.similarity import bootstrap_similarity
from textlab.synthetic import synthetic_pages
from textlab.terms import keyness


def corpus(n_docs: int, n_sources: int) -> pd.DataFrame:
    """``doc_id, source, body`` of ``n_docs`` synthetic pages from ``n_sources`` outlets."""
    pages = list(synthetic_pages(n_docs, n_sources=n_sources, seed=0))
    return pd.DataFrame({"doc_id": [p.file for p in pages], "source": [p.source for p in pages],
                         "body": [clean(p.text).body for p in pages]})


CALLS = {
    "bootstrap_similarity(n_boot=200, word_tfidf)":
        lambda c: bootstrap_similarity(c, n_boot=200, random_state=0),
    "bootstrap_similarity(n_boot=200, char_tfidf)":
        lambda c: bootstrap_similarity(c, method="char_tfidf", n_boot=200, random_state=0),
    "keyness(pairwise=True)": lambda c: keyness(c, pairwise=True),
}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=94)
    ap.add_argument("--sources", type=int, default=78)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--only", default="", help="run only calls whose name contains this")
    args = ap.parse_args(argv)
    c = corpus(args.docs, args.sources)
    print(f"{len(c)} documents, {c['source'].nunique()} sources, "
          f"{c['body'].str.split().str.len().sum():,} words")
    for name, call in CALLS.items():
        if args.only not in name:
            continue
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            out = call(c)
            best = min(best, time.perf_counter() - t0)
        print(f"{name:50s} {best:7.1f} s  ({len(out):,} rows)", flush=True)


if __name__ == "__main__":
    main()
