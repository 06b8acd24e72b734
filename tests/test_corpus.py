"""Loading pages: encodings, line ends, empty and undecodable files, metadata."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from textlab import TextFileError, load_corpus, read_text
from textlab.paths import SEEDS_DIR


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


def test_undecodable_bytes_are_an_error_naming_the_file(tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes("café".encode("latin-1"))
    with pytest.raises(TextFileError, match=r"latin1\.txt: not valid UTF-8 \(byte 0xe9 at offset 3\)"):
        read_text(p)
    assert read_text(p, errors="replace") == ("caf\ufffd", 1)


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing.txt", "missing.txt: no such file"),
        (lambda d: d, "is a directory, expected a text file"),
        (lambda d: (d / "bin.txt").write_bytes(b"\x00\x01\x02") and d / "bin.txt", "looks binary"),
    ],
    ids=["missing", "directory", "binary"],
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
    (tmp_path / "c.txt").write_bytes(b"bad \xff byte")
    with pytest.raises(TextFileError, match="c.txt"):
        load_corpus(tmp_path)
    with pytest.warns(UserWarning, match=r"1 empty file\(s\)"):
        corpus = load_corpus(tmp_path, errors="replace")
    assert corpus.doc_id.tolist() == ["a", "b", "c"]
    assert corpus.problem.tolist() == ["", "empty file", "replaced 1 undecodable byte(s)"]
    assert corpus.replaced.tolist() == [0, 0, 1]


def test_load_corpus_skip_lists_every_skipped_file(tmp_path):
    (tmp_path / "a.txt").write_text("Fine.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00binary")
    with pytest.warns(UserWarning, match=r"1 file\(s\) skipped: .*b\.txt"):
        corpus = load_corpus(tmp_path, on_error="skip")
    assert corpus.doc_id.tolist() == ["a"]
    assert len(corpus.attrs["skipped"]) == 1


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


def test_seeds_are_byte_identical_to_the_shared_originals():
    sums_file = SEEDS_DIR.parent.parent / "shared" / "seeds" / "SHA256SUMS"
    if not sums_file.exists():
        pytest.skip("../shared/seeds/SHA256SUMS is not beside the project")
    sums = dict(reversed(line.split()) for line in sums_file.read_text().splitlines() if line)
    assert sorted(sums) == sorted(p.name for p in SEEDS_DIR.glob("*.txt"))
    for name, digest in sums.items():
        assert hashlib.sha256((SEEDS_DIR / name).read_bytes()).hexdigest() == digest
