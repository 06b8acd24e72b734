"""How the pipeline scales: wall time, documents/s and peak memory, now and before.

    python -m textlab.benchmarks.scale --sizes 1000 10000 100000 [--baseline REV] [--rounds 2]
    python -m textlab.benchmarks.scale --reuse ../shared/benchmarks/boilerplate --sizes 1300

For each size N a synthetic corpus of N pages (:func:`textlab.synthetic.write_synthetic_corpus`,
fixed seed, about sqrt(N) outlets; with ``--no-sources`` without its ``sources.csv``, so that
each page is its own group, as in a folder of pages without metadata) is written to a
temporary folder (not timed); with
``--reuse``, a reuse-heavy corpus of about N real page structures instead
(:mod:`textlab.benchmarks.reuse_corpus`: wire copy, updates, syndicated duplicates; one
subfolder per outlet), compared with figures. Then ``textlab compare`` runs on it (without
figures on synthetic corpora): clean (furniture learned per source) →
features → term counts → top terms → keyness → similarity → near-duplicates and shared
passages, on every core. Each run is a separate process, measured from outside: wall time,
CPU time and the peak of the summed resident memory of the process and its workers (sampled
every 50 ms; an upper bound, since pages shared by forked processes count once per process).

``--baseline REV`` runs the same command with the code of git revision ``REV`` (exported to a
temporary folder) on the same corpus, alternating the two round by round, so that a machine
whose speed drifts slows both alike; the ratio per round and its median are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from textlab.paths import PROJECT_ROOT
from textlab.synthetic import write_synthetic_corpus


def _measure(cmd: list[str], *, env: dict | None = None, cwd: Path | None = None) -> dict:
    """Run ``cmd``; its wall time, CPU time and peak memory (all processes)."""
    from textlab.benchmarks._memory import PeakMemory

    with PeakMemory() as mem:
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
        wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
    return {"seconds": wall, "cpu_s": mem.cpu_seconds, "peak_mb": mem.peak / 2**20,
            "stdout": proc.stdout, "stderr": proc.stderr}


def _compare_args(src: Path, out: Path, workers: int | None, reuse: bool) -> list[str]:
    cmd = [sys.executable, "-m", "textlab", "compare", str(src), "-o", str(out)]
    cmd += ["--recursive"] if reuse else ["--no-figures"]
    if workers:
        cmd += ["--workers", str(workers)]
    return cmd


def _current(src: Path, out: Path, workers: int | None, reuse: bool = False) -> dict:
    res = _measure(_compare_args(src, out, workers, reuse))
    steps = {}
    for line in res["stderr"].splitlines():
        if line.startswith("textlab: ") and line.endswith(" s") and ": " in line[9:]:
            name, secs = line[9:].rsplit(": ", 1)
            steps[name] = float(secs[:-2])
    res["steps"] = steps
    return res


def _baseline(export: Path, src: Path, out: Path, workers: int | None,
              reuse: bool = False) -> dict:
    """The same command with the old revision's code (its ``textlab compare``)."""
    return _measure(_compare_args(src, out, workers, reuse),
                    env={**os.environ, "PYTHONPATH": str(export)}, cwd=export)


def _export(rev: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=f"textlab-{rev[:8]}-"))
    archive = subprocess.run(["git", "-C", str(PROJECT_ROOT), "archive", rev, "textlab", "seeds"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m textlab.benchmarks.scale",
                                description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000],
                   help="corpus sizes to run (default: 1000 10000)")
    p.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    p.add_argument("--baseline", metavar="REV", help="also run git revision REV, alternating")
    p.add_argument("--rounds", type=int, default=1, help="runs of each version per size")
    p.add_argument("--json", type=Path, help="write every run as JSON here")
    p.add_argument("--reuse", type=Path, metavar="BOILERPLATE",
                   help="use a reuse-heavy corpus built from this benchmark folder")
    p.add_argument("--no-sources", action="store_true",
                   help="synthetic pages without sources.csv: each page is its own group")
    args = p.parse_args(argv)
    export = _export(args.baseline) if args.baseline else None
    runs: list[dict] = []
    try:
        for n in args.sizes:
            tmp = Path(tempfile.mkdtemp(prefix=f"textlab-bench-{n}-"))
            try:
                if args.reuse:
                    from textlab.benchmarks.reuse_corpus import write_reuse_corpus

                    src = write_reuse_corpus(args.reuse, tmp / "pages", n_files=n)
                else:
                    src = write_synthetic_corpus(tmp / "pages", n, seed=0)
                    if args.no_sources:
                        (src / "sources.csv").unlink()
                for k in range(args.rounds):
                    order = ["now", "before"] if k % 2 == 0 else ["before", "now"]
                    for version in order:
                        if version == "before" and export is None:
                            continue
                        shutil.rmtree(tmp / "out", ignore_errors=True)
                        reuse = args.reuse is not None
                        if version == "now":
                            r = _current(src, tmp / "out", args.workers, reuse)
                        else:
                            r = _baseline(export, src, tmp / "out", args.workers, reuse)
                        r.update(n_docs=n, version=version, round=k)
                        print(f"  {n:>7} {version:<6} round {k}: {r['seconds']:7.1f} s "
                              f"{r['cpu_s']:7.1f} cpu-s {r['peak_mb']:7.0f} MB", file=sys.stderr,
                              flush=True)
                        runs.append(r)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
    finally:
        if export is not None:
            shutil.rmtree(export, ignore_errors=True)
    print("| documents | version | wall s (median) | docs/s | CPU s | peak MB (all processes) |")
    print("|---:|---|---:|---:|---:|---:|")
    for n in args.sizes:
        for version in ("before", "now"):
            rs = [r for r in runs if r["n_docs"] == n and r["version"] == version]
            if not rs:
                continue
            wall = statistics.median(r["seconds"] for r in rs)
            cpu = statistics.median(r["cpu_s"] for r in rs)
            peak = max(r["peak_mb"] for r in rs)
            print(f"| {n} | {version} | {wall:.1f} | {n / wall:.0f} | {cpu:.0f} | {peak:.0f} |")
        now = [r for r in runs if r["n_docs"] == n and r["version"] == "now"]
        before = [r for r in runs if r["n_docs"] == n and r["version"] == "before"]
        if now and before:
            ratios = [b["seconds"] / a["seconds"] for a, b in zip(now, before, strict=False)]
            print(f"\n{n} documents: before / now wall time per round "
                  f"{', '.join(f'{x:.2f}' for x in ratios)}; median {statistics.median(ratios):.2f}"
                  " (above 1: now is faster)\n")
    nows = [r for r in runs if r["version"] == "now"]
    sizes = sorted({r["n_docs"] for r in nows})
    for a, b in zip(sizes, sizes[1:], strict=False):
        ta = statistics.median(r["seconds"] for r in nows if r["n_docs"] == a) / a
        tb = statistics.median(r["seconds"] for r in nows if r["n_docs"] == b) / b
        print(f"time per document at {b} vs {a}: x{tb / ta:.2f} (1.00 = linear)")
    if nows:
        print("\nsteps of the last run of each size (now):")
        for n in sizes:
            last = [r for r in nows if r["n_docs"] == n][-1]
            print(f"  {n}: " + ", ".join(f"{k} {v:.1f} s" for k, v in last["steps"].items()))
    if args.json:
        args.json.write_text(json.dumps([{k: v for k, v in r.items()
                                          if k not in ("stdout", "stderr")} for r in runs],
                                        indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
