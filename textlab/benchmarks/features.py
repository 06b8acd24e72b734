"""Lexical features per document: the code of a git revision and the working code, one process.

    python -m textlab.benchmarks.features [--baseline REV] [--docs N] [--repeat R] [DIR]

The baseline's ``textlab/text.py`` and ``textlab/features.py`` are read with
``git show REV:...`` into temporary modules, so the old and the new code run side by side on
the same documents, their timed passes interleaved (on a machine whose speed wanders, the
ratio of the two is fairer than either number). Documents: the cleaned bodies of ``N``
synthetic pages (:mod:`textlab.synthetic`, built from the seed sentences, about 2 KB each), or
the cleaned bodies of the English pages of ``DIR`` (``<id>.txt`` files) when given.

Each pass first empties the code's caches (the pronouncing dictionary, syllables, compiled
word lists, the sentiment analyzer), as a new worker process starts, and times
:func:`lexical_features` over all documents ("cold", the pipeline's case: one batch per
worker); then times it again with the caches filled ("warm"); then calls it once per batch of
:data:`PIPELINE_BATCH` documents, caches filled ("batches": a worker's steady state in the
pipeline, where the baseline compiled its word lists on every call). Times are CPU seconds of this
process (``time.process_time``), so other jobs on a shared machine do not count. Printed:
docs per CPU second of each, the ratio new/old per pass and the median over ``R`` passes, and whether every output column is
identical (English documents; NaN equal to NaN).
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
import types
import warnings
from pathlib import Path

import pandas as pd

from textlab import features as new_features
from textlab import text as new_text
from textlab.clean import clean_text

_SPELLED = r"\b(?:[A-Z]\.){2,}|\b(?:UN|US|IT|WHO|AM|OR|IS|IN|AS|AT|ON|NO|SO|TO|UP|WE)\b"

BASELINE = "3832ca1"
"""The commit before this round's speed work (the code issue 15 measured)."""


def _load(rev: str, path: str, name: str, replace: dict[str, str]) -> types.ModuleType:
    root = Path(__file__).resolve().parents[2]
    src = subprocess.run(["git", "show", f"{rev}:{path}"], cwd=root, check=True,
                         capture_output=True, text=True).stdout
    for old, new in replace.items():
        src = src.replace(old, new)
    folder = Path(tempfile.mkdtemp(prefix="textlab-baseline-"))
    file = folder / f"{name}.py"
    file.write_text(src, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, file)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_baseline(rev: str) -> types.ModuleType:
    """The ``textlab.features`` module of ``rev``, using that revision's ``textlab.text``."""
    _load(rev, "textlab/text.py", "_baseline_text", {})
    return _load(rev, "textlab/features.py", "_baseline_features",
                 {"from textlab.text import": "from _baseline_text import"})


def _clear(module: types.ModuleType) -> None:
    for name in ("_cmu", "syllable_count", "_vader", "_compile_lists_cached", "_token_info"):
        fn = getattr(module, name, None)
        if fn is not None and hasattr(fn, "cache_clear"):
            fn.cache_clear()


def documents(n: int, folder: Path | None) -> pd.DataFrame:
    if folder is None:
        from textlab.synthetic import synthetic_pages

        bodies = [clean_text(p.text) for p in synthetic_pages(n, seed=1)]
    else:
        from textlab.lang import detect_language

        bodies = [clean_text(p.read_text(encoding="utf-8", errors="replace"))
                  for p in sorted(folder.glob("*.txt")) if not p.name.endswith(".gold.txt")]
        bodies = [b for b in bodies if detect_language(b)[0] == "en"][:n]
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(bodies))], "body": bodies,
                         "lang": "en"})


PIPELINE_BATCH = 200
"""Documents per call in the "batches" measure: the batch size of the engine, and of the
pipeline before it (``textlab.scale.BATCH_SIZE`` at the baseline)."""


def _time(module: types.ModuleType, docs: pd.DataFrame
          ) -> tuple[float, float, float, pd.DataFrame]:
    frame = docs if module is new_features else docs[["doc_id", "body"]]
    _clear(module)
    t0 = time.process_time()
    out = module.lexical_features(frame)
    cold = time.process_time() - t0
    t0 = time.process_time()
    module.lexical_features(frame)
    warm = time.process_time() - t0
    t0 = time.process_time()
    for start in range(0, len(frame), PIPELINE_BATCH):
        module.lexical_features(frame.iloc[start:start + PIPELINE_BATCH])
    return cold, warm, time.process_time() - t0, out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, nargs="?")
    ap.add_argument("--baseline", default=BASELINE)
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    old = load_baseline(args.baseline)
    docs = documents(args.docs, args.folder)
    kb = docs["body"].str.len().mean() / 1000
    print(f"{len(docs)} documents, {kb:.1f} KB mean; baseline {args.baseline}; text module "
          f"{'changed' if Path(new_text.__file__).exists() else ''}")
    kinds = ("cold", "warm", "batches")
    ratios: dict[str, list[float]] = {k: [] for k in kinds}
    rates: dict[str, list[float]] = {f"{v} {k}": [] for k in kinds for v in ("old", "new")}
    outs = {}
    for r in range(args.repeat):
        for label, module in (("old", old), ("new", new_features))[:: 1 if r % 2 == 0 else -1]:
            *times, outs[label] = _time(module, docs)
            for kind, t in zip(kinds, times, strict=True):
                rates[f"{label} {kind}"].append(len(docs) / t)
        for kind in ratios:
            ratios[kind].append(rates[f"new {kind}"][-1] / rates[f"old {kind}"][-1])
        print(f"pass {r + 1}: " + "; ".join(
            f"{kind} {rates['old ' + kind][-1]:5.0f} -> {rates['new ' + kind][-1]:5.0f} docs/s "
            f"(x{ratios[kind][-1]:.2f})" for kind in kinds))
    for kind in ratios:
        print(f"median {kind}: old {statistics.median(rates['old ' + kind]):.0f} docs/s "
              f"({1000 / statistics.median(rates['old ' + kind]):.2f} ms/doc), new "
              f"{statistics.median(rates['new ' + kind]):.0f} docs/s "
              f"({1000 / statistics.median(rates['new ' + kind]):.2f} ms/doc), "
              f"x{statistics.median(ratios[kind]):.2f}")
    a, b = outs["old"], outs["new"][outs["old"].columns]
    same = [c for c in a.columns if a[c].equals(b[c])]
    differ = [c for c in a.columns if c not in same]
    print(f"identical columns: {len(same)}/{len(a.columns)}"
          + (f"; differ: {differ}" if differ else ""))
    changed = pd.Series(False, index=a.index)
    for c in differ:
        diff = (a[c] != b[c]) & ~(a[c].isna() & b[c].isna())
        changed |= diff
        print(f"  {c}: {int(diff.sum())} documents, max |diff| "
              f"{(a[c] - b[c]).abs().max():.4g}")
    if differ:
        # on purpose: spelled-out acronyms (UN, US, U.S. …) count one syllable per letter now
        spelled = docs["body"].str.contains(_SPELLED)
        expected = set(differ) <= {"syllables_per_word", "flesch_reading_ease",
                                   "flesch_kincaid_grade"}
        print(f"  all differences are readability in documents with spelled-out acronyms: "
              f"{expected and not (changed & ~spelled.to_numpy()).any()}")


if __name__ == "__main__":
    main()
