"""Cleaning quality against gold article bodies: shingle precision, recall and F1.

The metric follows the article-extraction benchmark (Scrapinghub 2020): tokens are runs of
Unicode word characters, each text is a multiset of 4-token shingles, and per page precision
and recall count the shingles shared with the gold text. Use it on pages you label yourself.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable

import pandas as pd

__all__ = ["shingles", "page_scores", "evaluate", "summarize", "label_agreement"]

_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    """Multiset of ``n``-token shingles (a text shorter than ``n`` tokens is one shingle).

    Examples
    --------
    >>> sorted(shingles("a b c d e", n=4).items())
    [(('a', 'b', 'c', 'd'), 1), (('b', 'c', 'd', 'e'), 1)]
    """
    toks = _WORD.findall(text or "")
    if not toks:
        return Counter()
    if len(toks) <= n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def page_scores(gold: str, pred: str, *, n: int = 4) -> dict:
    """tp/fp/fn shingle counts and precision/recall/F1 of one page (None where undefined)."""
    g, p = shingles(gold, n), shingles(pred, n)
    tp = sum((g & p).values())
    fp, fn = sum(p.values()) - tp, sum(g.values()) - tp
    prec = tp / (tp + fp) if tp + fp else None
    rec = tp / (tp + fn) if tp + fn else None
    if prec is None and rec is None:
        f1 = None
    elif not prec or not rec:
        f1 = 0.0
    else:
        f1 = 2 * prec * rec / (prec + rec)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": prec, "recall": rec, "f1": f1}


def _hmean(a: float, b: float) -> float:
    return 2 * a * b / (a + b) if a + b > 0 and not (math.isnan(a) or math.isnan(b)) else 0.0


def summarize(scores: pd.DataFrame) -> dict[str, float]:
    """Aggregate :func:`page_scores` rows.

    ``precision``/``recall``/``f1`` are benchmark-style (mean precision over pages with output,
    mean recall over all pages); ``strict_f1`` counts an empty output as precision 0;
    ``micro_f1`` pools shingles over pages.
    """
    prec = scores["precision"].dropna().mean()
    rec = scores["recall"].dropna().mean()
    strict = scores["precision"].where(scores["precision"].notna() | scores["recall"].isna(), 0.0)
    sp = strict.dropna().mean()
    tp, fp, fn = scores["tp"].sum(), scores["fp"].sum(), scores["fn"].sum()
    mp = tp / (tp + fp) if tp + fp else 0.0
    mr = tp / (tp + fn) if tp + fn else 0.0
    return {"pages": len(scores), "precision": prec, "recall": rec, "f1": _hmean(prec, rec),
            "strict_precision": sp, "strict_f1": _hmean(sp, rec), "micro_f1": _hmean(mp, mr),
            "empty_outputs": int((scores["precision"].isna() & scores["recall"].notna()).sum())}


def evaluate(pages: Iterable[tuple[str, str, str]] | pd.DataFrame,
             cleaner: Callable[[str], str] | None = None, *, n: int = 4) -> pd.DataFrame:
    """Score a cleaner, or outputs made elsewhere, on labelled pages.

    Parameters
    ----------
    pages
        ``(page_id, raw, gold)`` triples, or a frame with ``doc_id``, ``gold`` and either
        ``pred`` (an output to score as it is: another tool's, or one saved earlier) or
        ``raw`` (to be cleaned here).
    cleaner
        ``str -> str`` applied to each ``raw``. ``None`` (the default) scores a frame's
        ``pred`` column when it has one, and otherwise cleans ``raw`` with
        :func:`textlab.clean_text`. A cleaner given explicitly is always run, ``pred`` or not.
        A missing ``pred`` (NaN/None) is scored as an empty output.

    Returns
    -------
    pandas.DataFrame
        One row per page: ``doc_id, tp, fp, fn, precision, recall, f1``; aggregate it with
        :func:`summarize`.

    Examples
    --------
    >>> pages = [("p1", "Menu\\n\\nThe cat sat on the mat all day long.", "The cat sat on the mat all day long.")]
    >>> evaluate(pages, cleaner=lambda raw: raw.split("\\n\\n")[1])[["doc_id", "f1"]]
      doc_id   f1
    0     p1  1.0
    >>> scored = pd.DataFrame({"doc_id": ["p1", "p2"], "gold": ["The cat sat on the mat."] * 2,
    ...                        "pred": ["The cat sat on the mat.", ""]})
    >>> evaluate(scored)[["doc_id", "f1"]]
      doc_id   f1
    0     p1  1.0
    1     p2  0.0
    """
    if isinstance(pages, pd.DataFrame):
        use_pred = cleaner is None and "pred" in pages.columns
        needed = ["doc_id", "gold", "pred" if use_pred else "raw"]
        missing = [c for c in needed if c not in pages.columns]
        if missing:
            raise ValueError(f"pages: missing column(s) {missing}; columns are "
                             f"{list(pages.columns)} (a frame needs doc_id, gold and pred or raw)")
        texts = pages["pred" if use_pred else "raw"]
        triples = list(zip(pages["doc_id"], texts.where(texts.notna(), ""), pages["gold"],
                           strict=True))
    else:
        use_pred, triples = False, list(pages)
    if cleaner is None and not use_pred:
        from textlab.clean import clean_text as cleaner
    rows = []
    for doc_id, text, gold in triples:
        pred = str(text) if use_pred else cleaner(text)
        rows.append({"doc_id": doc_id, **page_scores(gold, pred, n=n)})
    return pd.DataFrame(rows, columns=["doc_id", "tp", "fp", "fn", "precision", "recall", "f1"])


def label_agreement(lines: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Compare the cleaner's line labels with hand labels, page by page.

    Parameters
    ----------
    lines
        Decisions from :func:`textlab.clean_corpus` (``doc_id``, ``line_no``, ``label``).
    gold
        Hand labels with ``file`` (or ``doc_id``), ``line_no`` and ``label``, one row per
        non-empty line (as ``seeds/gold_lines.csv``).

    Returns
    -------
    pandas.DataFrame
        One row per page: ``lines``, ``label_accuracy`` (all labels), ``body_kept`` /
        ``body_gold`` (article lines kept), ``boilerplate_kept`` (non-body lines kept as body).
    """
    gold = gold.copy()
    if "doc_id" not in gold.columns:
        gold["doc_id"] = gold["file"].str.replace(r"\.txt$", "", regex=True)
    merged = gold.merge(lines[["doc_id", "line_no", "label"]], on=["doc_id", "line_no"],
                        how="left", suffixes=("_gold", "_pred"), validate="one_to_one")
    if merged["label_pred"].isna().any():
        missing = merged.loc[merged["label_pred"].isna(), "doc_id"].iloc[0]
        raise ValueError(f"gold: lines of {missing!r} have no decision; clean that page first")
    merged["agree"] = merged["label_gold"] == merged["label_pred"]
    body_gold = merged["label_gold"] == "body"
    body_pred = merged["label_pred"] == "body"
    merged["body_gold"] = body_gold
    merged["body_kept"] = body_gold & body_pred
    merged["boilerplate_kept"] = ~body_gold & body_pred
    out = merged.groupby("doc_id", sort=True).agg(
        lines=("agree", "size"), label_accuracy=("agree", "mean"), body_gold=("body_gold", "sum"),
        body_kept=("body_kept", "sum"), boilerplate_kept=("boilerplate_kept", "sum"))
    return out.reset_index()
