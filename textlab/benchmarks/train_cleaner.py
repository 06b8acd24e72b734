"""Re-train the cleaner's line classifier from pages with gold article bodies.

    python -m textlab.benchmarks.train_cleaner ../shared/benchmarks/boilerplate/dev

Derives a body/boilerplate label for every line from the gold text, reports a page-grouped
5-fold cross-validated score of the whole cleaner (classifier and rules; pages never seen in
training, the honest estimate for new sites), then fits on all pages and writes ``textlab/data/line_model.json``. Deterministic:
the same pages give the same file.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from textlab._linemodel import MODEL_PATH, LineModel, line_features
from textlab.benchmarks._devset import line_labels, load_pages
from textlab.clean import clean_text
from textlab.evaluate import page_scores, summarize

C = 1.0
FOLDS = 5
SEED = 0


def fit(X: np.ndarray, y: np.ndarray) -> LineModel:
    scaler = StandardScaler().fit(X)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    lr = LogisticRegression(C=C, max_iter=5000).fit((X - scaler.mean_) / scale, y)
    return LineModel(scaler.mean_, scale, lr.coef_[0], lr.intercept_[0])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", help="folder of <id>.txt pages and <id>.gold.txt bodies")
    ap.add_argument("--out", default=str(MODEL_PATH), help="where to write the model JSON")
    ap.add_argument("--no-write", action="store_true", help="only report cross-validation")
    args = ap.parse_args(argv)

    pages = load_pages(args.folder)
    data = []
    for page in pages:
        lines, y = line_labels(page)
        data.append((page, lines, line_features(lines), np.asarray(y)))
    n_lines = sum(len(d[1]) for d in data)
    print(f"{len(pages)} pages, {n_lines} non-empty lines, "
          f"{sum(int(d[3].sum()) for d in data)} labelled body", file=sys.stderr)

    folds = np.random.default_rng(SEED).permutation(len(data)) % FOLDS
    rows = []
    for f in range(FOLDS):
        train = [d for d, k in zip(data, folds, strict=True) if k != f]
        model = fit(np.vstack([d[2] for d in train]), np.concatenate([d[3] for d in train]))
        for (page, _, _, _), k in zip(data, folds, strict=True):
            if k == f:
                pred = clean_text(page.raw, model=model)
                rows.append({"doc_id": page.page_id, **page_scores(page.gold, pred)})
    cv = summarize(pd.DataFrame(rows))
    print(f"page-grouped {FOLDS}-fold CV: P {cv['precision']:.3f} R {cv['recall']:.3f} "
          f"F1 {cv['f1']:.3f} strict F1 {cv['strict_f1']:.3f}")

    model = fit(np.vstack([d[2] for d in data]), np.concatenate([d[3] for d in data]))
    model.meta = {"trained_on_pages": len(pages), "lines": n_lines, "C": C,
                  "cv_folds": FOLDS, "cv_f1": round(cv["f1"], 4),
                  "cv_strict_f1": round(cv["strict_f1"], 4)}
    if not args.no_write:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(model.to_json())
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
