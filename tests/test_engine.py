"""One engine: every entry point and every runner give the same results."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from textlab import clean_corpus, count_terms, lexical_features, load_corpus
from textlab.cli import main
from textlab.corpus import corpus_plan, plan_corpus
from textlab.engine import (
    Runner,
    StepOptions,
    TableWriter,
    iter_table,
    learn_furniture,
    read_table,
    resolve_workers,
    run_batches,
)
from textlab.synthetic import synthetic_pages, write_synthetic_corpus

PROSE_FOOTER = ("This newsroom is funded by its readers, and every story we publish is free "
                "to read because people like you chose to support it this year.")


def quiet_load(*args, **kwargs) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(*args, **kwargs)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """60 synthetic pages from 4 outlets plus an empty, a Latin-1 and a binary file."""
    return write_synthetic_corpus(tmp_path_factory.mktemp("pages"), 60, n_sources=4,
                                  reprint_share=0.3, seed=3, bad_files=True)


@pytest.fixture(scope="module")
def reference(folder):
    """The in-memory path on the same folder."""
    return clean_corpus(quiet_load(folder, on_error="skip"))


# ----------------------------------------------------------------------------------------------
# runners
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("workers", [1, 2])
def test_runner_keeps_order_and_does_not_drain_its_input(workers):
    consumed = []

    def tasks():
        for i in range(40):
            consumed.append(i)
            yield i

    it = Runner(workers=workers, progress=False).map(abs, tasks())
    assert next(it) == 0
    assert len(consumed) <= 2 * workers + 2  # a few tasks ahead, not the whole input
    assert list(it) == list(range(1, 40))


@pytest.mark.parametrize("workers", [0, -1, 1.5, True])
def test_resolve_workers_rejects_bad_values(workers):
    with pytest.raises(ValueError, match="workers"):
        resolve_workers(workers)


def test_table_writer_round_trips_batches(tmp_path):
    first = pd.DataFrame({"doc_id": ["a", "b"], "date_parsed": [None, None], "n": [1, 2]})
    second = pd.DataFrame({"doc_id": ["c"], "date_parsed": ["2024-02-20"], "n": [3]})
    with TableWriter(tmp_path, "t", formats=("parquet", "csv")) as w:
        w.write(first)
        w.write(second.iloc[:0])
        w.write(second)
    assert [p.name for p in w.paths] == ["t.parquet", "t.csv"]
    for path in w.paths:
        got = read_table(path)
        assert got["doc_id"].tolist() == ["a", "b", "c"]
        assert got["n"].tolist() == [1, 2, 3]
    batches = list(iter_table(tmp_path / "t.parquet", columns=["doc_id"], batch_size=2))
    assert [len(b) for b in batches] == [2, 1]


def test_table_writer_writes_empty_tables(tmp_path):
    with TableWriter(tmp_path, "empty", formats=("csv",)) as w:
        w.write(pd.DataFrame(columns=["a", "b"]))
    assert (tmp_path / "empty.csv").read_text().strip() == "a,b"


# ----------------------------------------------------------------------------------------------
# cleaning: the same everywhere
# ----------------------------------------------------------------------------------------------


def _site_with_prose_footer(tmp_path):
    """Five pages of one site whose footer reads like prose (the classifier keeps it alone)."""
    pages = list(synthetic_pages(5, n_sources=1, seed=11))
    src = tmp_path / "site"
    src.mkdir()
    for i, p in enumerate(pages):
        (src / f"page{i}.txt").write_text(p.text + "\n" + PROSE_FOOTER + "\n", encoding="utf-8")
    pd.DataFrame({"file": [f"page{i}.txt" for i in range(5)], "source": "site"}).to_csv(
        src / "sources.csv", index=False)
    return src


def test_cli_clean_folder_equals_clean_corpus_with_site_furniture(tmp_path, capsys):
    src = _site_with_prose_footer(tmp_path)
    docs = clean_corpus(quiet_load(src)).docs
    assert not docs.body.str.contains("funded by its readers").any()
    assert main(["clean", str(src), "-o", str(tmp_path / "out"), "-q"]) == 0
    err = capsys.readouterr().err
    assert "site furniture learned for 1 source(s)" in err
    for doc_id, body in zip(docs.doc_id, docs.body, strict=True):
        assert (tmp_path / "out" / f"{doc_id}.txt").read_text(encoding="utf-8") == body + "\n"


def test_cli_clean_json_equals_clean_corpus_lines(tmp_path, capsys):
    import json

    src = _site_with_prose_footer(tmp_path)
    docs, lines = clean_corpus(quiet_load(src))
    assert main(["clean", str(src), "-o", str(tmp_path / "out"), "--json", "-q"]) == 0
    for doc_id in docs.doc_id:
        got = json.loads((tmp_path / "out" / f"{doc_id}.json").read_text(encoding="utf-8"))
        want = lines[lines.doc_id == doc_id]
        assert [d["label"] for d in got["lines"]] == want.label.tolist()
        assert [d["reason"] for d in got["lines"]] == want.reason.tolist()
        assert all(d["score"] is None for d in got["lines"] if d["label"] == "blank")


@pytest.mark.parametrize("workers", [1, 2])
def test_clean_corpus_is_the_same_on_worker_processes(folder, reference, workers):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = clean_corpus(quiet_load(folder, on_error="skip"), workers=workers)
    pd.testing.assert_frame_equal(got.docs, reference.docs)
    pd.testing.assert_frame_equal(got.lines, reference.lines)


def test_engine_on_files_equals_clean_corpus(folder, reference):
    plan = plan_corpus(folder)
    runner = Runner(workers=2, progress=False)
    furniture = learn_furniture(plan, runner=runner, batch_size=16)
    assert set(furniture) == {f"Outlet {i:03d}" for i in range(4)}
    results = list(run_batches(plan, furniture=furniture, runner=runner, batch_size=16,
                               options=StepOptions(on_error="skip", keep_raw=False)))
    docs = pd.concat([r.docs for r in results], ignore_index=True)
    lines = pd.concat([r.lines for r in results], ignore_index=True)
    skipped = [s for r in results for s in r.skipped]
    assert len(skipped) == 1 and "zz_binary.txt: looks binary" in skipped[0]
    ref = reference.docs
    assert docs.doc_id.tolist() == ref.doc_id.tolist()
    for col in ["source", "title", "byline", "body", "n_dropped", "warning", "encoding",
                "page_date", "date"]:
        assert docs[col].tolist() == ref[col].tolist(), col
    assert lines.reason.tolist() == reference.lines.reason.tolist()


def test_a_sample_of_a_large_source_is_the_same_for_every_reader(folder):
    plan = plan_corpus(folder)
    corpus = quiet_load(folder, on_error="skip")
    by_files = learn_furniture(plan, sample=5, batch_size=7)
    by_frame = learn_furniture(corpus_plan(corpus), sample=5, batch_size=11)
    assert by_files.keys() == by_frame.keys()
    for g in by_files:
        assert np.array_equal(by_files[g], by_frame[g])


def test_clean_corpus_names_pages_that_lost_their_article():
    corpus = pd.DataFrame({"doc_id": ["menu", "ok"], "source": ["a", "b"],
                           "raw": ["Home\nNews\nSport\nContact\nLogin",
                                   "The minister said on Tuesday that the car was a gift and "
                                   "that it would be used for official trips only, officials "
                                   "in the capital added later that day."]})
    with pytest.warns(UserWarning, match=r"1 page\(s\) lost their article: menu: "):
        docs = clean_corpus(corpus).docs
    assert docs.warning.tolist()[1] == "" and docs.warning.tolist()[0]


# ----------------------------------------------------------------------------------------------
# the other steps of a batch equal the in-memory functions
# ----------------------------------------------------------------------------------------------


def test_features_and_counts_of_batches_equal_the_corpus_functions(folder, reference):
    plan = plan_corpus(folder)
    opts = StepOptions(steps=frozenset({"clean", "features", "counts", "minhash"}),
                       on_error="skip", lines="none")
    results = list(run_batches(plan, furniture=learn_furniture(plan), options=opts,
                               batch_size=13, runner=Runner(workers=2, progress=False)))
    feats = pd.concat([r.features for r in results], ignore_index=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = lexical_features(reference.docs[["doc_id", "body"]])
    pd.testing.assert_frame_equal(feats, ref, check_dtype=False)
    from textlab.terms import sum_counts

    pd.testing.assert_frame_equal(sum_counts([r.counts for r in results]),
                                  count_terms(reference.docs))
    assert sum(len(r.signatures) for r in results) == len(reference.docs)


# ----------------------------------------------------------------------------------------------
# synthetic corpora (the benchmarks' input)
# ----------------------------------------------------------------------------------------------


def test_synthetic_pages_are_deterministic_and_varied():
    a = [p.text for p in synthetic_pages(30, seed=5)]
    b = [p.text for p in synthetic_pages(30, seed=5)]
    c = [p.text for p in synthetic_pages(30, seed=6)]
    assert a == b
    assert a != c
    assert len(set(a)) == 30


def test_synthetic_pages_have_sources_furniture_and_reprints():
    pages = list(synthetic_pages(200, n_sources=5, reprint_share=0.2, seed=1))
    assert {p.source for p in pages} == {f"Outlet {i:03d}" for i in range(5)}
    assert 20 <= sum(bool(p.reprint_of) for p in pages) <= 60
    footer = "© 2024 Outlet 002. All rights reserved."
    assert all(footer in p.text for p in pages if p.source == "Outlet 002")


@pytest.mark.parametrize("kwargs, match", [
    ({"n_docs": -1}, "n_docs"),
    ({"n_docs": 3, "n_sources": 0}, "n_sources"),
    ({"n_docs": 3, "reprint_share": 2.0}, "reprint_share"),
])
def test_synthetic_pages_reject_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        list(synthetic_pages(**kwargs))


def test_write_synthetic_corpus_writes_metadata(folder):
    meta = pd.read_csv(folder / "sources.csv")
    assert list(meta.columns) == ["file", "source", "date", "url", "reprint_of"]
    assert len(meta) == 60
    assert (folder / "zz_binary.txt").exists()


def test_pages_without_a_clear_article_are_counted_apart_from_lost_ones():
    from textlab.clean import UNSURE_WARNING
    from textlab.engine import BatchResult, RunReport

    docs = pd.DataFrame({"doc_id": ["a", "b", "c", "n7"],
                         "path": ["", "/x/b.txt", "", "/x/news.jsonl"],
                         "warning": ["", "no article text kept", UNSURE_WARNING,
                                     UNSURE_WARNING]})
    report = RunReport()
    report.add(BatchResult(docs=docs), by="source")
    assert report.lost == ["/x/b.txt: no article text kept"]
    assert report.unsure == ["c", "/x/news.jsonl [n7]"]  # a row of a table is named by its id
    assert report.warnings == [
        "1 page(s) lost their article: /x/b.txt: no article text kept",
        "2 page(s) without a clear article (their best-scoring lines kept; check them): c, "
        "/x/news.jsonl [n7]"]


def test_short_documents_of_a_mixed_language_corpus_get_the_same_rules_in_batches(tmp_path):
    """A document too short to identify is read by rules that do not depend on which other
    documents share its batch: features and counts of batches equal the in-memory ones."""
    fr = ["Le maire de la ville a inauguré mardi le nouveau pont sur la rivière, après trois "
          "ans de travaux et de nombreux retards dans le chantier.",
          "Les habitants du quartier se sont réjouis de pouvoir enfin traverser la rivière "
          "sans faire un long détour par le centre de la ville."]
    en = ["The mayor opened the new bridge over the river on Tuesday, after three years of "
          "work and many delays on the site.",
          "People in the district said they were glad to cross the river at last without a "
          "long detour through the city centre.",
          "The bridge cost more than planned, and the council said it would publish the "
          "accounts of the project before the end of the year."]
    rows = [("fr", f"f{i}", t) for i, t in enumerate(fr)] + [("fr", "f_short", "Oui, merci.")]
    rows += [("en", f"e{i}", t) for i, t in enumerate(en)]
    for src, name, text in rows:
        (tmp_path / src).mkdir(exist_ok=True)
        (tmp_path / src / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    plan = plan_corpus(tmp_path, recursive=True, source_from="folder")
    opts = StepOptions(steps=frozenset({"clean", "features", "counts"}), on_error="skip",
                       lines="none")
    results = list(run_batches(plan, furniture=learn_furniture(plan), options=opts,
                               batch_size=3, runner=Runner(workers=1, progress=False)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        docs = clean_corpus(load_corpus(tmp_path, recursive=True, source_from="folder")).docs
        ref = lexical_features(docs[["doc_id", "body", "lang"]])
    feats = pd.concat([r.features for r in results], ignore_index=True)
    by_id = feats.set_index("doc_id").loc[ref["doc_id"]].reset_index()
    pd.testing.assert_frame_equal(by_id[ref.columns], ref, check_dtype=False)
    from textlab.terms import sum_counts

    pd.testing.assert_frame_equal(sum_counts([r.counts for r in results]),
                                  sum_counts([count_terms(docs)]))
