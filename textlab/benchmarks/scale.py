"""How the streaming pipeline scales: wall time, documents/s and peak memory per step.

    python -m textlab.benchmarks.scale --sizes 1000 10000 100000

For each size N, a synthetic corpus of N pages (:func:`textlab.synthetic.write_synthetic_corpus`,
fixed seed, about sqrt(N) sources) is written to a temporary folder (not timed), then
:mod:`textlab.scale` runs clean → features → term counts → top terms → source similarity →
keyness → near-duplicates on every core. Peak memory is the largest sum of the resident
memory of this process and its workers, sampled every 50 ms (an upper bound: pages shared
by forked processes count once per process); CPU s is the CPU time of the same processes
(wall time on an otherwise idle machine is about CPU s / cores, when a step keeps every core
busy). The target on a 2-core machine: 100k documents through clean + features + top
terms + source similarity (term counts included: both are computed from them) in under
10 minutes and 4 GB.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from textlab import scale
from textlab.synthetic import write_synthetic_corpus

TARGET_STEPS = ("clean", "features", "term counts", "top terms", "similarity")


def run_size(n: int, *, workers: int | None, minhash: bool, keep: Path | None,
             progress: bool) -> list[dict]:
    """Time every step on a fresh corpus of ``n`` pages; one dict per step."""
    tmp = Path(tempfile.mkdtemp(prefix=f"textlab-bench-{n}-"))
    rows: list[dict] = []
    try:
        t0 = time.perf_counter()
        src = write_synthetic_corpus(tmp / "pages", n, seed=0)
        rows.append({"n_docs": n, "step": "generate (not in the total)",
                     "seconds": time.perf_counter() - t0, "cpu_s": None, "peak_mb": None})
        out = tmp / "out"
        state: dict = {}

        def step(name: str, fn) -> None:
            with scale.PeakMemory() as mem:
                t = time.perf_counter()
                state[name] = fn()
                dt = time.perf_counter() - t
            rows.append({"n_docs": n, "step": name, "seconds": dt, "cpu_s": mem.cpu_seconds,
                         "peak_mb": mem.peak / 2**20})
            print(f"  {n:>8} {name:<14} {dt:8.1f} s {mem.cpu_seconds:8.1f} cpu-s "
                  f"{mem.peak / 2**20:8.0f} MB", file=sys.stderr, flush=True)

        plan = scale.plan_corpus(src)
        step("clean", lambda: scale.clean_files(plan, out, workers=workers, progress=progress))
        docs = state["clean"].paths["docs"][0]
        step("features", lambda: scale.stream_features(docs, out, workers=workers,
                                                       progress=progress))
        step("term counts", lambda: scale.stream_counts(docs, workers=workers,
                                                        progress=progress))
        counts = state["term counts"]
        step("top terms", lambda: scale.top_terms_from_counts(counts, n=15))
        step("similarity", lambda: scale.similarity_from_counts(counts))

        def keyness():
            from textlab.terms import keyness_from_counts

            return keyness_from_counts(counts)

        step("keyness", keyness)
        if minhash:
            def near():
                idx = scale.stream_minhash(docs, tmp / "sig", workers=workers,
                                           progress=progress)
                return len(scale.near_duplicates(idx.signatures, threshold=0.8))

            step("near-dups", near)
        if keep is not None:
            shutil.copytree(out, keep / f"out-{n}", dirs_exist_ok=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for r in rows:
        r["docs_per_s"] = n / r["seconds"] if r["seconds"] else None
    target = [r for r in rows if r["step"] in TARGET_STEPS]
    rows.append({"n_docs": n, "step": "TARGET: " + " + ".join(TARGET_STEPS),
                 "seconds": sum(r["seconds"] for r in target),
                 "cpu_s": sum(r["cpu_s"] for r in target),
                 "peak_mb": max(r["peak_mb"] for r in target),
                 "docs_per_s": n / sum(r["seconds"] for r in target)})
    return rows


def _table(rows: list[dict]) -> str:
    out = ["| documents | step | wall s | CPU s | docs/s | peak MB |",
           "|---:|---|---:|---:|---:|---:|"]
    for r in rows:
        dps = f"{r['docs_per_s']:.0f}" if r.get("docs_per_s") else ""
        mb = f"{r['peak_mb']:.0f}" if r.get("peak_mb") is not None else ""
        cpu = f"{r['cpu_s']:.1f}" if r.get("cpu_s") is not None else ""
        out.append(f"| {r['n_docs']} | {r['step']} | {r['seconds']:.1f} | {cpu} | {dps} | "
                   f"{mb} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m textlab.benchmarks.scale",
                                description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000],
                   help="corpus sizes to run (default: 1000 10000)")
    p.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    p.add_argument("--no-minhash", action="store_true", help="skip the near-duplicate step")
    p.add_argument("--json", type=Path, help="also write the rows as JSON here")
    p.add_argument("--keep", type=Path, help="copy the output tables here (they are large)")
    p.add_argument("--progress", action="store_true", help="show progress bars")
    args = p.parse_args(argv)
    rows: list[dict] = []
    for n in args.sizes:
        rows += run_size(n, workers=args.workers, minhash=not args.no_minhash, keep=args.keep,
                         progress=args.progress)
    print(_table(rows))
    totals = [r for r in rows if r["step"].startswith("TARGET")]
    if len(totals) > 1:
        print()
        for prev, r in zip(totals, totals[1:], strict=False):
            scale_ = r["n_docs"] / prev["n_docs"]
            wall = (r["seconds"] / prev["seconds"]) / scale_
            cpu = (r["cpu_s"] / prev["cpu_s"]) / scale_ if prev["cpu_s"] else float("nan")
            print(f"target steps, time per document at {r['n_docs']} vs {prev['n_docs']}: "
                  f"wall x{wall:.2f}, CPU x{cpu:.2f} (1.00 = linear)")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
