"""``textlab compare``: the whole pipeline from a folder to tables, figures and a report."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from textlab.cli import main
from textlab.paths import SEEDS_DIR
from textlab.synthetic import write_synthetic_corpus


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["compare", *map(str, argv)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_compare_seeds_writes_tables_figures_and_report(tmp_path, capsys):
    out = tmp_path / "out"
    code, stdout, err = run(capsys, SEEDS_DIR, "-o", out, "--by", "source", "--workers", "1")
    assert code == 0, err
    assert stdout == ""
    for name in ["docs", "lines", "features", "features_by_group", "term_counts", "top_terms",
                 "keyness", "similarity", "near_duplicates", "shared_passages",
                 "dropped_by_reason", "skipped_files", "furniture"]:
        assert (out / "tables" / f"{name}.csv").exists(), name
        assert (out / "tables" / f"{name}.parquet").exists(), name
    docs = pd.read_csv(out / "tables" / "docs.csv")
    assert len(docs) == 5 and set(docs["source"]) == {"ViewUs", "Forbes (transl.)",
                                                      "Indian desk", "Politics News", "WP blog"}
    assert "raw" not in docs.columns  # the pages stay where they are
    sim = pd.read_csv(out / "tables" / "similarity.csv")
    assert len(sim) == 25 and sim["similarity"].between(0, 1).all()
    assert len(pd.read_csv(out / "tables" / "shared_passages.csv")) >= 1
    figures = sorted(p.name for p in (out / "figures").iterdir())
    assert {"similarity.png", "top_terms.png", "keyness.png"} <= set(figures)
    report = (out / "report.md").read_text()
    links = re.findall(r"\]\(([^)]+)\)", report)
    assert links and all((out / link).exists() for link in links)
    assert "figures/similarity.png" in report
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Cleaning audit" in html and "Vladimir Putin gives Kim Jong-un a luxury car" in html
    assert "headline before the article" in html  # the audit's reasons
    assert "<script src=" not in html and "http" not in html.split("<body", 1)[0].replace(
        "http-equiv", "")  # self-contained: nothing fetched
    # the summary at the end: documents, sources, dropped lines, warnings, time
    assert f"report: {out / 'report.md'} and {out / 'report.html'}" in err
    tail = err.strip().splitlines()[-3:]
    assert tail[0].startswith("compared 5 document(s) from 5 group(s) (0 of 5 file(s) skipped)")
    assert re.match(r"dropped \d+ non-article line\(s\); 0 warning\(s\); [\d.]+ s", tail[1])


def test_compare_skips_bad_files_by_name_and_counts_them(tmp_path, capsys):
    src = write_synthetic_corpus(tmp_path / "pages", 30, n_sources=3, bad_files=True, seed=2)
    out = tmp_path / "out"
    code, _, err = run(capsys, src, "-o", out, "--workers", "2", "--no-figures", "-q")
    assert code == 0, err
    assert "zz_binary.txt: looks binary" in err
    assert "zz_latin1.txt" in err and "decoded as cp1252" in err  # read, and said how
    assert "empty document" in err and "zz_empty.txt" in err
    assert "(1 of 33 file(s) skipped)" in err
    assert "%|" not in err  # -q: no progress bars
    skipped = pd.read_csv(out / "tables" / "skipped_files.csv")
    assert len(skipped) == 1
    docs = pd.read_csv(out / "tables" / "docs.csv", keep_default_na=False)
    latin = docs[docs.doc_id == "zz_latin1"].iloc[0]
    assert "déclaré" in latin.body and latin.encoding == "cp1252"
    report = (out / "report.md").read_text()
    assert "1 of 33 file(s) skipped" in report and "## Warnings" in report
    assert not (out / "figures").exists()


def test_reuse_tables_have_one_shape_at_every_size(tmp_path, capsys):
    from textlab.reuse import PASSAGE_COLUMNS

    shapes = []
    for n in (6, 40):
        src = write_synthetic_corpus(tmp_path / f"pages{n}", n, n_sources=4, reprint_share=0.4,
                                     seed=4)
        out = tmp_path / f"out{n}"
        code, _, err = run(capsys, src, "-o", out, "--workers", "1", "--threshold", "0.6",
                           "--no-figures", "-q")
        assert code == 0, err
        near = pd.read_csv(out / "tables" / "near_duplicates.csv")
        passages = pd.read_csv(out / "tables" / "shared_passages.csv")
        shapes.append((list(near.columns), list(passages.columns)))
        assert list(passages.columns) == PASSAGE_COLUMNS
        if n == 40:
            assert len(near) > 0 and (near["jaccard"] >= 0.6).all()
            assert len(passages) > 0 and (passages.source_a != passages.source_b).all()
            meta = pd.read_csv(src / "sources.csv")
            assert set(near["source_a"]) <= set(meta["source"])
    assert shapes[0] == shapes[1]


def test_compare_a_table_of_articles_by_outlet(tmp_path, capsys):
    from textlab.paths import SEEDS_DIR

    rows = [{"id": p.stem, "outlet": "A" if i % 2 else "B",
             "text": p.read_text(encoding="utf-8")}
            for i, p in enumerate(sorted(SEEDS_DIR.glob("*.txt")))]
    pd.DataFrame(rows).to_json(tmp_path / "articles.jsonl", orient="records", lines=True)
    out = tmp_path / "out"
    code, _, err = run(capsys, tmp_path / "articles.jsonl", "-o", out, "--workers", "1", "-q",
                       "--columns", "id=doc_id,outlet=source", "--no-figures")
    assert code == 0, err
    assert "compared 5 document(s) from 2 group(s)" in err
    report = (out / "report.md").read_text()
    assert "text: column 'text'" in report


def test_figures_show_a_readable_number_of_groups_and_say_what_was_left_out(tmp_path, capsys):
    src = write_synthetic_corpus(tmp_path / "pages", 45, n_sources=15, seed=9)
    out = tmp_path / "out"
    code, _, err = run(capsys, src, "-o", out, "--workers", "1", "-q", "--figure-groups", "4")
    assert code == 0, err
    from PIL import Image

    with Image.open(out / "figures" / "similarity.png") as im:
        assert im.size[0] < 2000 and im.size[1] < 2000
    top = pd.read_csv(out / "tables" / "top_terms.csv")
    assert top["group"].nunique() == 15  # the tables keep every group


def test_compare_by_another_metadata_column(tmp_path, capsys):
    src = write_synthetic_corpus(tmp_path / "pages", 12, n_sources=3, seed=5)
    meta = pd.read_csv(src / "sources.csv")
    meta["desk"] = ["north" if i % 2 else "south" for i in range(len(meta))]
    meta.to_csv(src / "sources.csv", index=False)
    out = tmp_path / "out"
    code, _, err = run(capsys, src, "-o", out, "--by", "desk", "--workers", "1", "-q",
                       "--no-figures")
    assert code == 0, err
    top = pd.read_csv(out / "tables" / "top_terms.csv")
    assert set(top["group"]) == {"north", "south"}


@pytest.mark.parametrize("setup, message", [
    ("empty", "no files matching '*.txt' (any letter case)"),
    ("blank", "no text"),
    ("unreadable", "none of the 1 document(s) could be read"),
    ("missing", "no such file or directory"),
])
def test_compare_fails_with_one_line_on_a_folder_without_text(tmp_path, capsys, setup,
                                                               message):
    src = tmp_path / "in"
    if setup != "missing":
        src.mkdir()
    if setup == "blank":
        (src / "a.txt").write_text("")
        (src / "b.txt").write_text("  \n\n ")
    elif setup == "unreadable":
        (src / "a.txt").write_bytes(b"\x00\x01binary")
    code, stdout, err = run(capsys, src, "-o", tmp_path / "out", "--workers", "1", "-q")
    assert code == 2
    error = [ln for ln in err.splitlines() if ln.startswith("textlab: error:")]
    assert len(error) == 1 and message in error[0]
    assert "Traceback" not in err


@pytest.mark.parametrize("where", ["input", "seeds"])
def test_compare_refuses_to_write_inside_input_or_seeds(tmp_path, capsys, where):
    src = write_synthetic_corpus(tmp_path / "pages", 3, n_sources=1)
    out = src / "results" if where == "input" else SEEDS_DIR / "results"
    code, _, err = run(capsys, src, "-o", out, "-q")
    assert code == 2
    assert "refusing to write inside" in err
    assert not out.exists()


FRENCH = ("Le ministre a déclaré mardi que la voiture était un cadeau du président, et que "
          "les sanctions des Nations unies interdisent pourtant la vente de voitures de luxe.")
GERMAN = ("Der Minister sagte am Dienstag, das Auto sei ein Geschenk des Präsidenten, obwohl "
          "die Sanktionen der Vereinten Nationen den Verkauf von Luxusautos verbieten.")
ENGLISH = ("The minister said on Tuesday that the car was a gift from the president, although "
           "United Nations sanctions forbid the sale of luxury cars to the country.")


def test_compare_a_mixed_language_table_uses_each_documents_stop_words(tmp_path, capsys):
    from textlab.text import stop_words

    rows = [{"outlet": name, "text": text}
            for name, text in [("Le Quotidien", FRENCH), ("Die Zeitung", GERMAN),
                               ("The Daily", ENGLISH)] for _ in range(2)]
    pd.DataFrame(rows).to_csv(tmp_path / "mixed.csv", index=False)
    out = tmp_path / "out"
    code, _, err = run(capsys, tmp_path / "mixed.csv", "-o", out, "--workers", "1", "-q",
                       "--columns", "outlet=source", "--no-figures", "--no-html")
    assert code == 0, err
    docs = pd.read_csv(out / "tables" / "docs.csv")
    assert sorted(docs["lang"].unique()) == ["de", "en", "fr"]
    top = pd.read_csv(out / "tables" / "top_terms.csv")
    for outlet, lang in [("Le Quotidien", "fr"), ("Die Zeitung", "de"), ("The Daily", "en")]:
        terms = set(top.loc[top.group == outlet, "term"])
        assert terms and not terms & stop_words(lang), (outlet, terms & stop_words(lang))
    assert "Languages (documents): de 2, en 2, fr 2." in (out / "report.md").read_text()


def test_many_groups_give_nearest_similarity_and_keyness_of_the_largest(tmp_path, capsys,
                                                                          monkeypatch):
    """A folder without sources (each page its own group): the tables stay the size of what a
    reader can use, with the same columns, and the report says what was done instead."""
    import textlab.compare

    src = write_synthetic_corpus(tmp_path / "pages", 30, n_sources=3, seed=2)
    (src / "sources.csv").unlink()
    full = tmp_path / "full"
    code, _, err = run(capsys, src, "-o", full, "--workers", "1", "-q", "--no-figures")
    assert code == 0, err
    monkeypatch.setattr(textlab.compare, "SIMILARITY_ALL_PAIRS", 10)
    monkeypatch.setattr(textlab.compare, "SIMILARITY_NEIGHBOURS", 3)
    monkeypatch.setattr(textlab.compare, "KEYNESS_MAX_GROUPS", 4)
    out = tmp_path / "out"
    code, _, err = run(capsys, src, "-o", out, "--workers", "1", "-q", "--figure-groups", "5")
    assert code == 0, err
    assert "compared 30 document(s) from 30 group(s)" in err
    sim_all = pd.read_csv(full / "tables" / "similarity.csv")
    sim = pd.read_csv(out / "tables" / "similarity.csv")
    assert list(sim.columns) == list(sim_all.columns) == ["a", "b", "similarity"]
    assert len(sim_all) == 30 * 30 and sim["a"].nunique() == 30
    assert sim.groupby("a").size().max() == 3 and (sim["a"] != sim["b"]).all()
    # each row is one of the three best of its group in the full table
    off = sim_all[sim_all["a"] != sim_all["b"]]
    best = off.sort_values("similarity", ascending=False, kind="stable").groupby("a").head(3)
    merged = sim.merge(best, on=["a", "b"], suffixes=("", "_all"))
    assert len(merged) == len(sim)
    assert (merged["similarity"] - merged["similarity_all"]).abs().max() < 1e-9
    key = pd.read_csv(out / "tables" / "keyness.csv")
    key_all = pd.read_csv(full / "tables" / "keyness.csv")
    assert list(key.columns) == list(key_all.columns)
    words = pd.read_csv(out / "tables" / "features_by_group.csv").set_index("source")
    largest = words["n_tokens"].mul(words["n_docs"]).sort_values(ascending=False).index[:4]
    assert set(key["group"]) >= set(largest) and key["group"].nunique() <= 4 + 5
    report = (out / "report.md").read_text()
    assert "lists each one's 3 most similar (not all 900 pairs)" in report
    assert "the 4 largest by words, each against all the others" in report
    assert (out / "figures" / "similarity.png").exists()
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "How the corpus was read" in html and "most similar (not all 900 pairs)" in html


def test_a_page_that_lost_its_article_is_named_in_the_summary_and_the_report(tmp_path, capsys):
    src = tmp_path / "pages"
    src.mkdir()
    for p in sorted(SEEDS_DIR.glob("*.txt"))[:3]:
        (src / p.name).write_bytes(p.read_bytes())
    (src / "menu.txt").write_text("Home\nNews\nSport\nWeather\nContact us\nLogin\n",
                                  encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(capsys, src, "-o", out, "--workers", "1", "--no-figures")
    assert code == 0, err
    assert "1 page(s) lost their article;" in err
    assert re.search(r"warning: 1 page\(s\) lost their article: \S*menu\.txt: ", err)
    report = (out / "report.md").read_text()
    assert "**1 page(s) lost their article**" in report and "menu.txt" in report
    docs = pd.read_csv(out / "tables" / "docs.csv", keep_default_na=False)
    assert (docs["warning"] != "").sum() == 1
    assert docs.loc[docs["warning"] != "", "doc_id"].tolist() == ["menu"]
