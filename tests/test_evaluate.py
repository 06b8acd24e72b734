"""The shingle metric users apply to their own labelled pages."""

import pandas as pd
import pytest

from textlab.evaluate import evaluate, page_scores, shingles, summarize


def test_shingles_short_text_is_one_shingle():
    assert shingles("a b") == {("a", "b"): 1}
    assert shingles("") == {}


@pytest.mark.parametrize(
    "gold, pred, expected",
    [
        ("a b c d e", "a b c d e", (2, 0, 0, 1.0, 1.0, 1.0)),
        ("a b c d e", "a b c d", (1, 0, 1, 1.0, 0.5, 2 / 3)),
        ("a b c d e", "", (0, 0, 2, None, 0.0, 0.0)),
        ("a b c d e", "x y z w", (0, 1, 2, 0.0, 0.0, 0.0)),
    ],
)
def test_page_scores(gold, pred, expected):
    s = page_scores(gold, pred)
    got = (s["tp"], s["fp"], s["fn"], s["precision"], s["recall"], s["f1"])
    assert got == pytest.approx(expected)


def test_summarize_strict_counts_empty_output_as_zero_precision():
    rows = pd.DataFrame([page_scores("a b c d e", "a b c d e"), page_scores("a b c d e", "")])
    s = summarize(rows)
    assert s["precision"] == 1.0 and s["recall"] == 0.5
    assert s["f1"] == pytest.approx(2 / 3)
    assert s["strict_precision"] == 0.5 and s["strict_f1"] == pytest.approx(0.5)
    assert s["empty_outputs"] == 1


def test_evaluate_default_cleaner_runs_on_pages():
    page = ("Home\n\nNews\n\nThe council said on Monday that the bridge would reopen in spring after "
            "repairs to its northern supports were finished.\n\nShare")
    gold = ("The council said on Monday that the bridge would reopen in spring after repairs to its "
            "northern supports were finished.")
    out = evaluate([("p", page, gold)])
    assert out.loc[0, "f1"] == 1.0
