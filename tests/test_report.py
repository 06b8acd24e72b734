"""Notebook helpers: interval tables, separated pairs, frame-score intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import textlab
from textlab.report import bootstrap_frame_scores, interval_table, separated_pairs

LEXICON = {
    "legal": ["sanction*", "violat*", "resolution*", "Security Council"],
    "luxury": ["luxury", "limousine*", "personal use"],
    "none": ["zeppelin"],
}


def iv(rows):
    return pd.DataFrame(rows, columns=["feature", "source", "estimate", "low", "high"])


# ----------------------------------------------------------------------------------------------
# interval_table
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("row", "digits", "expected"), [
    (("f", "A", 0.5, 0.4, 0.6), 2, "0.50 [0.40, 0.60]"),
    (("f", "A", 12.345, 10.0, 15.5), 1, "12.3 [10.0, 15.5]"),
    (("f", "A", 3.0, np.nan, np.nan), 0, "3 [–, –]"),
])
def test_interval_table_formats_cells(row, digits, expected):
    assert interval_table(iv([row]), digits=digits).loc["f", "A"] == expected


def test_interval_table_keeps_order_of_appearance():
    frame = iv([("z", "B", 1, 0, 2), ("a", "B", 1, 0, 2), ("z", "A", 1, 0, 2),
                ("a", "A", 1, 0, 2)])
    table = interval_table(frame)
    assert list(table.index) == ["z", "a"] and list(table.columns) == ["B", "A"]


@pytest.mark.parametrize(("frame", "kw", "error"), [
    (iv([("f", "A", 1, 0, 2)]).drop(columns="low"), {}, ValueError),
    (iv([("f", "A", 1, 0, 2), ("f", "A", 1, 0, 2)]), {}, ValueError),
    (iv([("f", "A", 1, 0, 2)]), {"digits": -1}, ValueError),
    ("not a frame", {}, TypeError),
])
def test_interval_table_rejects_bad_input(frame, kw, error):
    with pytest.raises(error):
        interval_table(frame, **kw)


# ----------------------------------------------------------------------------------------------
# separated_pairs
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("a", "b", "separated"), [
    ((1.0, 0.5, 1.5), (3.0, 2.0, 4.0), True),     # disjoint
    ((1.0, 0.5, 2.0), (3.0, 2.0, 4.0), False),    # touching ends count as overlap
    ((1.0, 0.5, 2.5), (3.0, 2.0, 4.0), False),    # overlapping
    ((1.0, np.nan, np.nan), (3.0, 2.0, 4.0), False),  # no interval: never separated
])
def test_separated_pairs_table(a, b, separated):
    frame = iv([("f", "A", *a), ("f", "B", *b)])
    out = separated_pairs(frame)
    assert len(out) == int(separated)
    if separated:
        assert (out.higher[0], out.lower[0]) == ("B", "A")
        assert out.gap[0] == pytest.approx(b[1] - a[2])


def test_separated_pairs_compares_only_within_feature_and_flags_zero_width():
    frame = iv([("f", "A", 0.0, 0.0, 0.0), ("f", "B", 0.3, 0.1, 0.5),
                ("g", "A", 5.0, 4.0, 6.0), ("g", "B", 5.5, 4.5, 6.5)])
    out = separated_pairs(frame)
    assert out[["feature", "higher", "lower", "zero_width"]].values.tolist() == [
        ["f", "B", "A", True]]


def test_separated_pairs_without_within_sorts_by_gap():
    frame = pd.DataFrame({"pair": ["p", "q", "r"], "estimate": [0.1, 0.5, 0.9],
                          "low": [0.05, 0.4, 0.85], "high": [0.15, 0.6, 0.95]})
    out = separated_pairs(frame, key="pair", within=None)
    assert out[["higher", "lower"]].values.tolist() == [["r", "p"], ["q", "p"], ["r", "q"]]
    assert (np.diff(out.gap) <= 0).all()


def test_separated_pairs_empty_result_has_columns():
    out = separated_pairs(iv([("f", "A", 1, 0, 2)]))
    assert out.empty and "gap" in out.columns


# ----------------------------------------------------------------------------------------------
# bootstrap_frame_scores
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lead_weight", [1.0, 3.0])
def test_estimates_equal_frame_scores_on_the_seeds(cleaned_seeds, lead_weight):
    docs = cleaned_seeds.docs
    boot = bootstrap_frame_scores(docs, LEXICON, lead_weight=lead_weight, n_boot=50)
    plain = textlab.frame_scores(docs, LEXICON, lead_weight=lead_weight)
    assert boot[["doc_id", "frame"]].equals(plain[["doc_id", "frame"]])
    np.testing.assert_allclose(boot["estimate"], plain["weighted_rate"])
    assert (boot["count"] == plain["count"]).all()
    inside = (boot.low <= boot.estimate + 1e-9) & (boot.estimate - 1e-9 <= boot.high)
    # the percentile interval holds the estimate for these texts; no hits: a point at 0
    assert inside.all()
    none = boot[boot.frame == "none"]
    assert (none[["estimate", "low", "high"]] == 0).all().all()


def test_deterministic_and_independent_of_other_documents(cleaned_seeds):
    docs = cleaned_seeds.docs
    a = bootstrap_frame_scores(docs, LEXICON, n_boot=40, random_state=3)
    b = bootstrap_frame_scores(docs, LEXICON, n_boot=40, random_state=3)
    pd.testing.assert_frame_equal(a, b)
    alone = bootstrap_frame_scores(docs.iloc[[2]], LEXICON, n_boot=40, random_state=3)
    pd.testing.assert_frame_equal(alone.reset_index(drop=True),
                                  a[a.doc_id == docs.doc_id.iloc[2]].reset_index(drop=True))
    c = bootstrap_frame_scores(docs, LEXICON, n_boot=40, random_state=4)
    assert not np.allclose(a[["low", "high"]], c[["low", "high"]])


def test_lead_weight_moves_a_lead_only_frame_up():
    docs = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "title": ["Sanctions broken"],
                         "body": ["A car was given. It was big.\n\nKim smiled. Seoul spoke. "
                                  "Moscow was quiet."]})
    w1 = bootstrap_frame_scores(docs, {"legal": ["sanction*"]}, lead_weight=1, n_boot=20)
    w3 = bootstrap_frame_scores(docs, {"legal": ["sanction*"]}, lead_weight=3, n_boot=20)
    assert w3.estimate[0] > w1.estimate[0] > 0


def test_headline_repeated_as_first_paragraph_is_skipped():
    docs = pd.DataFrame({"doc_id": ["a"], "title": ["Sanctions"],
                         "body": ["Sanctions\n\nNo match here.\n\nNor here."]})
    out = bootstrap_frame_scores(docs, {"legal": ["sanction*"]}, n_boot=10)
    plain = textlab.frame_scores(docs, {"legal": ["sanction*"]})
    assert out["count"][0] == plain["count"][0] == 1
    assert out["n_sentences"][0] == 3


def test_empty_text_gives_missing_values():
    docs = pd.DataFrame({"doc_id": ["a"], "title": [""], "body": [""]})
    out = bootstrap_frame_scores(docs, {"legal": ["sanction*"]}, n_boot=10)
    assert out["n_sentences"][0] == 0 and out[["estimate", "low", "high"]].isna().all().all()


@pytest.mark.parametrize(("kw", "error"), [
    ({"lexicon": {}}, ValueError),
    ({"lead_weight": 0}, ValueError),
    ({"n_boot": 0}, ValueError),
    ({"ci": 1.0}, ValueError),
    ({"title_col": "headline"}, ValueError),
])
def test_bootstrap_frame_scores_rejects_bad_options(kw, error):
    docs = pd.DataFrame({"doc_id": ["a"], "title": ["t"], "body": ["Sanctions."]})
    args = {"lexicon": {"legal": ["sanction*"]}, **kw}
    with pytest.raises(error):
        bootstrap_frame_scores(docs, args.pop("lexicon"), **args)
