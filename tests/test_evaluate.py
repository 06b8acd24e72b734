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


GOLD = "The council said on Monday that the bridge would reopen in spring."


@pytest.mark.parametrize(
    "pred, f1",
    [
        (GOLD, 1.0),
        ("", 0.0),  # an empty output scores 0, it is not replaced by textlab's own cleaning
        (None, 0.0),  # a missing output too
        ("The council said on Monday that the bridge", 10 / 14),  # P 5/5, R 5/9 shingles
    ],
)
def test_evaluate_scores_the_pred_column_when_present(pred, f1):
    pages = pd.DataFrame({"doc_id": ["p"], "raw": ["Home\n\n" + GOLD + "\n\nShare"],
                          "gold": [GOLD], "pred": [pred]})
    assert evaluate(pages).loc[0, "f1"] == pytest.approx(f1)


def test_evaluate_runs_an_explicit_cleaner_even_with_a_pred_column():
    pages = pd.DataFrame({"doc_id": ["p"], "raw": [GOLD], "gold": [GOLD], "pred": [""]})
    assert evaluate(pages, cleaner=str.strip).loc[0, "f1"] == 1.0


def test_evaluate_frame_without_pred_cleans_raw():
    pages = pd.DataFrame({"doc_id": ["p"], "raw": ["Home\n\n" + GOLD + "\n\nShare"],
                          "gold": [GOLD]})
    assert evaluate(pages).loc[0, "f1"] == 1.0


@pytest.mark.parametrize("columns", [["doc_id", "gold"], ["doc_id", "raw", "pred"]])
def test_evaluate_names_missing_columns(columns):
    with pytest.raises(ValueError, match="missing column"):
        evaluate(pd.DataFrame({c: ["x"] for c in columns}))


@pytest.mark.parametrize(
    "name, call, expected",
    [
        ("clean", lambda f: f("Home\n\n" + GOLD).body, GOLD),
        ("evaluate", lambda f: f([("p", GOLD, GOLD)], cleaner=str).loc[0, "f1"], 1.0),
    ],
)
def test_clean_and_evaluate_are_modules_and_functions(name, call, expected):
    import importlib
    import inspect
    import types

    import textlab

    module = importlib.import_module(f"textlab.{name}")
    namespace: dict = {}
    exec(f"import textlab.{name} as imported", namespace)  # the statement users write
    assert isinstance(namespace["imported"], types.ModuleType)
    assert namespace["imported"] is module
    assert getattr(textlab, name) is module and name in textlab.__all__
    assert call(getattr(textlab, name)) == expected  # textlab.clean(...) still works
    assert call(getattr(module, name)) == expected
    assert inspect.signature(module) == inspect.signature(getattr(module, name))
