"""Loading pages: encodings, line ends, empty and undecodable files, metadata."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from textlab import TextFileError, load_corpus, read_text
from textlab.corpus import decode_bytes, plan_corpus
from textlab.paths import SEEDS_DIR


def load_corpus_quiet(*args, **kwargs) -> pd.DataFrame:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(*args, **kwargs)


@pytest.mark.parametrize(
    "data, text",
    [
        (b"plain", "plain"),
        (b"\xef\xbb\xbfwith BOM", "with BOM"),
        (b"crlf\r\nline", "crlf\r\nline"),
        (b"cr\rline", "cr\rline"),
        ("utf-16 with BOM".encode("utf-16"), "utf-16 with BOM"),
        ("Кириллица и 한국어".encode(), "Кириллица и 한국어"),
    ],
)
def test_read_text_decodes(tmp_path, data, text):
    p = tmp_path / "page.txt"
    p.write_bytes(data)
    assert read_text(p) == (text, 0)


@pytest.mark.parametrize("text, encoding, detected", [
    ("café au lait, déjà vu", "latin-1", "cp1252"),
    ("Größe und Straße sind schön", "cp1252", "cp1252"),
    ("Příliš žluťoučký kůň úpěl ďábelské ódy", "cp1250", "cp1250"),
    ("Привет мир, как дела у вас сегодня", "cp1251", "cp1251"),
])
def test_legacy_encodings_are_detected_not_mangled(tmp_path, text, encoding, detected):
    p = tmp_path / "legacy.txt"
    p.write_bytes(text.encode(encoding))
    assert read_text(p) == (text, 0)
    assert decode_bytes(p.read_bytes()).encoding == detected
    corpus = load_corpus_quiet(tmp_path)
    assert corpus.raw[0] == text and corpus.encoding[0] == detected
    assert corpus.problem[0] == f"decoded as {detected} (detected)"


def test_a_forced_encoding_and_its_errors(tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes("café".encode("latin-1"))
    with pytest.raises(TextFileError, match=r"latin1\.txt: not valid utf-8 \(byte 0xe9 at "
                                            r"offset 3\); replace such bytes with "
                                            r"errors='replace' / --errors replace"):
        read_text(p, encoding="utf-8")
    assert read_text(p, encoding="utf-8", errors="replace") == ("caf\ufffd", 1)
    assert read_text(p, encoding="latin-1") == ("café", 0)
    with pytest.raises(ValueError, match="encoding='klingon'"):
        read_text(p, encoding="klingon")


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing.txt", "missing.txt: no such file"),
        (lambda d: d, "is a directory, expected a text file"),
        (lambda d: (d / "bin.txt").write_bytes(b"\x00\x01\x02") and d / "bin.txt", "looks binary"),
        (lambda d: (d / "bom.txt").write_bytes(b"\xff\xfe" + b"\x01\x00\x02\x00" * 40)
         and d / "bom.txt", r"bom\.txt: looks binary \(100% control"),
    ],
    ids=["missing", "directory", "binary", "binary-behind-a-utf16-bom"],
)
def test_unreadable_files_give_one_line_errors(tmp_path, make, message):
    with pytest.raises(TextFileError, match=message) as err:
        read_text(make(tmp_path))
    assert "\n" not in str(err.value)


def test_huge_file_is_refused(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"x" * 2000)
    with pytest.raises(TextFileError, match="larger than max_bytes"):
        read_text(p, max_bytes=1000)


def test_load_corpus_reports_empty_and_replaced_files(tmp_path):
    (tmp_path / "a.txt").write_text("An article.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_bytes(b"bad \xff byte \xfe")
    with pytest.raises(TextFileError, match="c.txt: not valid utf-8"):
        load_corpus(tmp_path, encoding="utf-8")
    with pytest.warns(UserWarning, match=r"1 document\(s\): empty document: .*b\.txt"):
        corpus = load_corpus(tmp_path, encoding="utf-8", errors="replace")
    assert corpus.doc_id.tolist() == ["a", "b", "c"]
    assert corpus.problem.tolist() == ["", "empty document", "replaced 2 undecodable byte(s)"]
    assert corpus.replaced.tolist() == [0, 0, 2]


def test_load_corpus_skip_lists_every_skipped_file(tmp_path):
    (tmp_path / "a.txt").write_text("Fine.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00binary")
    with pytest.warns(UserWarning, match=r"1 file\(s\) skipped: .*b\.txt: looks binary"):
        corpus = load_corpus(tmp_path, on_error="skip")
    assert corpus.doc_id.tolist() == ["a"]


def test_load_corpus_joins_metadata_and_defaults_source(tmp_path):
    for name in ["x.txt", "y.txt"]:
        (tmp_path / name).write_text("Text.", encoding="utf-8")
    pd.DataFrame({"file": ["x.txt"], "source": ["Outlet X"], "url": ["https://x.example"]}).to_csv(
        tmp_path / "sources.csv", index=False)
    corpus = load_corpus(tmp_path)
    assert corpus.source.tolist() == ["Outlet X", "y"]
    assert corpus.columns.tolist()[:4] == ["doc_id", "source", "path", "raw"]
    assert "url" in corpus.columns


def test_load_corpus_bad_arguments(tmp_path):
    with pytest.raises(TextFileError, match="no files matching"):
        load_corpus(tmp_path)
    with pytest.raises(ValueError, match="on_error='ignore'"):
        load_corpus(SEEDS_DIR, on_error="ignore")
    with pytest.raises(ValueError, match="source_from='outlet'"):
        load_corpus(SEEDS_DIR, source_from="outlet")


def test_seeds_are_byte_identical_to_the_shared_originals():
    sums_file = SEEDS_DIR.parent.parent / "shared" / "seeds" / "SHA256SUMS"
    if not sums_file.exists():
        pytest.skip("../shared/seeds/SHA256SUMS is not beside the project")
    sums = dict(reversed(line.split()) for line in sums_file.read_text().splitlines() if line)
    assert sorted(sums) == sorted(p.name for p in SEEDS_DIR.glob("*.txt"))
    for name, digest in sums.items():
        assert hashlib.sha256((SEEDS_DIR / name).read_bytes()).hexdigest() == digest


# ---------------------------------------------------------------------------------------------
# every input the one reader takes
# ---------------------------------------------------------------------------------------------

ARTICLES = pd.DataFrame({
    "id": ["a1", "a2", "a3"],
    "outlet": ["Herald", "Gazette", "Herald"],
    "date": ["2024-02-20", "2024-02-21T10:00:00+02:00", "not a date"],
    "title": ["Car gift", "Sanctions", "Summit"],
    "text": ["The minister said the car was a gift.", "Le ministre a déclaré mardi.",
             "東京都は新しい計画を発表した。"],
})


def _write(frame: pd.DataFrame, path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".tsv":
        frame.to_csv(path, index=False, sep="\t")
    elif suffix == ".jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        frame.to_parquet(path, index=False)


@pytest.mark.parametrize("name", ["articles.csv", "articles.tsv", "articles.jsonl",
                                  "articles.parquet", "ARTICLES.CSV"])
def test_a_table_of_articles_is_read_as_documents(tmp_path, name):
    path = tmp_path / name
    _write(ARTICLES, path)
    corpus = load_corpus_quiet(path, columns={"id": "doc_id", "outlet": "source"})
    assert corpus.doc_id.tolist() == ["a1", "a2", "a3"]
    assert corpus.source.tolist() == ["Herald", "Gazette", "Herald"]
    assert corpus.raw.tolist() == ARTICLES.text.tolist()
    assert corpus.title.tolist() == ARTICLES.title.tolist()  # metadata keeps its name
    assert str(corpus.date.dtype).startswith("datetime64") and corpus.date.isna().tolist() == [
        False, False, True]
    assert corpus.date[1] == pd.Timestamp("2024-02-21 08:00", tz="UTC")
    assert corpus.problem[2] == "date 'not a date' not understood"


def test_a_dataframe_and_a_table_file_give_the_same_corpus(tmp_path):
    _write(ARTICLES, tmp_path / "a.parquet")
    cols = {"id": "doc_id", "outlet": "source"}
    from_frame = load_corpus_quiet(ARTICLES, columns=cols)
    from_file = load_corpus_quiet(tmp_path / "a.parquet", columns=cols)
    shared = [c for c in from_frame.columns if c != "path"]
    pd.testing.assert_frame_equal(from_frame[shared], from_file[shared])


def test_many_table_files_and_a_folder_of_tables(tmp_path):
    _write(ARTICLES.iloc[:2], tmp_path / "one.csv")
    _write(ARTICLES.iloc[2:], tmp_path / "two.jsonl")
    corpus = load_corpus_quiet([tmp_path / "one.csv", tmp_path / "two.jsonl"],
                               columns={"id": "doc_id"})
    assert corpus.doc_id.tolist() == ["a1", "a2", "a3"]
    folder = load_corpus_quiet(tmp_path, columns={"id": "doc_id"}, source_from="file")
    assert folder.source.tolist() == ["one", "one", "two"]


def test_table_without_a_text_column_or_with_duplicate_ids_fails_naming_it(tmp_path):
    path = tmp_path / "t.csv"
    ARTICLES.drop(columns="text").to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"t\.csv: no text column; name it with text_col="):
        load_corpus(path)
    assert load_corpus_quiet(path, text_col="title").raw.tolist() == ARTICLES.title.tolist()
    ARTICLES.assign(id="same").to_csv(path, index=False)
    with pytest.raises(TextFileError, match=r"t\.csv: doc_id 'same' occurs twice"):
        load_corpus(path, columns={"id": "doc_id"})


def test_without_ids_or_sources_each_row_is_its_own_document(tmp_path):
    path = tmp_path / "articles.csv"
    ARTICLES[["text"]].to_csv(path, index=False)
    corpus = load_corpus_quiet(path)
    assert corpus.doc_id.tolist() == ["articles-1", "articles-2", "articles-3"]
    assert corpus.source.tolist() == corpus.doc_id.tolist()
    notes = plan_corpus(path).notes
    assert any("each document is its own source" in n for n in notes)


@pytest.fixture()
def outlets(tmp_path):
    """Pages in one subfolder per outlet, in several encodings and letter cases."""
    (tmp_path / "herald").mkdir()
    (tmp_path / "gazette").mkdir()
    (tmp_path / "herald" / "p1.txt").write_text("Herald page one.", encoding="utf-8")
    (tmp_path / "herald" / "p2.TXT").write_bytes("Größe page two.".encode("cp1252"))
    (tmp_path / "gazette" / "p1.txt").write_bytes("Gazette page one.".encode("utf-16"))
    (tmp_path / "notes.md").write_text("not a page", encoding="utf-8")
    return tmp_path


def test_subfolders_give_the_source_and_any_case_of_txt_is_a_page(outlets):
    corpus = load_corpus_quiet(outlets, recursive=True)
    assert corpus.doc_id.tolist() == ["gazette/p1", "herald/p1", "herald/p2"]
    assert corpus.source.tolist() == ["gazette", "herald", "herald"]
    assert corpus.encoding.tolist() == ["utf-16", "utf-8", "cp1252"]
    assert corpus.raw.tolist() == ["Gazette page one.", "Herald page one.", "Größe page two."]
    assert load_corpus_quiet(outlets, recursive=True, source_from="file").source.tolist() == \
        ["gazette/p1", "herald/p1", "herald/p2"]
    with pytest.raises(TextFileError, match="recursive=True"):
        load_corpus(outlets)


def test_metadata_names_files_by_their_path_inside_the_folder(outlets):
    pd.DataFrame({"file": ["herald/p1.txt", "herald/p2.TXT", "gazette/p1.txt"],
                  "source": ["The Herald", "The Herald", "The Gazette"],
                  "date": ["2024-01-01", "2024-01-02", "2024-01-03"],
                  "path": ["x", "y", "z"]}).to_csv(outlets / "sources.csv", index=False)
    with pytest.warns(UserWarning, match="path kept as meta_path"):
        corpus = load_corpus(outlets, recursive=True)
    assert corpus.source.tolist() == ["The Gazette", "The Herald", "The Herald"]
    assert corpus.date.dt.day.tolist() == [3, 1, 2]
    assert corpus.meta_path.tolist() == ["z", "x", "y"]
    assert corpus.path.str.endswith((".txt", ".TXT")).all()


def test_unmatched_metadata_is_reported_not_silent(outlets):
    pd.DataFrame({"file": ["herald/p1.txt", "elsewhere/p9.txt"], "source": ["H", "E"]}).to_csv(
        outlets / "sources.csv", index=False)
    with pytest.warns(UserWarning) as record:
        corpus = load_corpus(outlets, recursive=True)
    messages = " ".join(str(w.message) for w in record)
    assert "2 of 3 file(s) have no row" in messages
    assert "1 row(s) name no file of the corpus, e.g. 'elsewhere/p9.txt'" in messages
    assert corpus.source.tolist() == ["gazette/p1", "H", "herald/p2"]


def test_a_table_given_as_a_page_is_never_read_as_one_page(tmp_path):
    path = tmp_path / "articles.csv"
    _write(ARTICLES, path)
    corpus = load_corpus_quiet(path)
    assert len(corpus) == 3  # not one page holding the whole CSV
    both = tmp_path / "both"
    both.mkdir()
    (both / "page.txt").write_text("A page.", encoding="utf-8")
    _write(ARTICLES, both / "articles.csv")
    plan = plan_corpus(both)
    assert plan.kind == "pages" and any("left out" in n and "articles.csv" in n
                                        for n in plan.notes)


def test_every_document_gets_its_language_once_here(tmp_path):
    table = pd.DataFrame({
        "text": ["The minister said on Tuesday that the car was a gift from the president.",
                 "Le ministre a déclaré mardi que la voiture était un cadeau du président.",
                 "Der Minister sagte am Dienstag, das Auto sei ein Geschenk des Präsidenten.",
                 "Ok.", "The same text, but its metadata says it is Spanish."],
        "lang": ["", "", "", "", "es-ES"]})
    corpus = load_corpus_quiet(table)
    assert corpus.lang.tolist() == ["en", "fr", "de", "und", "es"]
    assert corpus.lang_source.tolist()[3:] == ["fallback: too short", "metadata"]
    assert (corpus.lang_confidence[:3] > 0.9).all()


def test_docstring_examples_run():
    import doctest

    import textlab.corpus

    result = doctest.testmod(textlab.corpus)
    assert result.attempted > 0 and result.failed == 0
