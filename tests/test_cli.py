"""`textlab clean`: output, JSON, folders, and one-line errors with non-zero exits."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from textlab.cli import main
from textlab.paths import SEEDS_DIR

SEED = SEEDS_DIR / "003_13e38ec530b71da4.txt"


def test_clean_file_prints_the_body(capsys):
    assert main(["clean", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("State media say the car trips")
    assert "scroll to top" not in out


def test_clean_json_has_every_field(capsys):
    assert main(["clean", str(SEED), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"].startswith("Kim Jong Un travels")
    assert {"title", "byline", "date", "date_parsed", "body", "lines"} <= set(data)
    assert data["lines"][0] == {"line_no": 1, "text": data["lines"][0]["text"], "label": "title",
                                "reason": "headline (first line, no final punctuation)",
                                "score": data["lines"][0]["score"]}


def test_clean_stdin_via_python_m():
    proc = subprocess.run([sys.executable, "-m", "textlab", "clean", "-"], input=SEED.read_bytes(),
                          capture_output=True, check=True)
    assert proc.stdout.decode().startswith("State media say")


def test_clean_json_is_valid_json_without_nan(capsys):
    assert main(["clean", str(SEED), "--json"]) == 0
    out = capsys.readouterr().out
    assert "NaN" not in out
    data = json.loads(out, parse_constant=lambda c: pytest.fail(f"{c} in JSON"))
    blank = [d for d in data["lines"] if d["label"] == "blank"]
    assert blank and all(d["score"] is None for d in blank)


def test_clean_folder_writes_outputs_and_summary(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["clean", str(SEEDS_DIR), "-o", str(out), "-q"]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in SEEDS_DIR.glob("*.txt"))
    err = capsys.readouterr().err
    assert "cleaned 5 of 5 document(s)" in err and "lines dropped, by reason:" in err


def test_clean_a_table_of_articles(tmp_path, capsys):
    import pandas as pd

    table = tmp_path / "articles.csv"
    pd.DataFrame({"id": ["x", "y"], "text": [SEED.read_text(encoding="utf-8"), "Menu\nHome"]}
                 ).to_csv(table, index=False)
    assert main(["clean", str(table), "-o", str(tmp_path / "out"), "--columns", "id=doc_id",
                 "-q"]) == 0
    assert (tmp_path / "out" / "x.txt").read_text(encoding="utf-8").startswith("State media say")
    err = capsys.readouterr().err
    assert "cleaned 2 of 2 document(s)" in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["clean", "no/such/file.txt"], "no/such/file.txt: no such file or directory"),
        (["clean", "SEEDS"], "is a folder or several inputs; give -o OUT"),
        (["clean", "SEEDS", "-o", "SEEDS/out"], "refusing to write into the input folder"),
        (["clean", "BAD", "--encoding", "utf-8"],
         "not valid utf-8 (byte 0xe9 at offset 3); replace such bytes with errors='replace' / "
         "--errors replace"),
        (["clean", "BIN"], "looks binary"),
        (["clean", "TABLE"], "a table of documents; give -o OUT"),
        (["clean", "SEEDS", "-o", "OUT", "--columns", "nonsense"], "expected OLD=NEW pairs"),
        (["clean", "BAD", "--encoding", "klingon"], "encoding='klingon': not an encoding"),
    ],
)
def test_bad_input_is_one_line_and_nonzero(tmp_path, capsys, args, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\xff\xfe" + b"\x01\x00\x02\x00" * 50)
    table = tmp_path / "t.csv"
    table.write_text("text\nA page.\n", encoding="utf-8")
    names = {"SEEDS": str(SEEDS_DIR), "BAD": str(bad), "BIN": str(binary), "TABLE": str(table),
             "OUT": str(tmp_path / "out")}
    args = [names.get(a, a.replace("SEEDS", str(SEEDS_DIR))) for a in args]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_replace_fallback_is_reported(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"The mayor said on Friday that the new library would open in June.\xe9")
    assert main(["clean", str(bad), "--encoding", "utf-8", "--errors", "replace"]) == 0
    assert "replaced 1 undecodable byte(s)" in capsys.readouterr().err


def test_a_latin1_page_is_read_with_its_encoding_named(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_bytes("Le ministre a déclaré mardi que la voiture était un cadeau du président "
                     "et qu'elle servirait aux déplacements officiels.".encode("latin-1"))
    assert main(["clean", str(page)]) == 0
    captured = capsys.readouterr()
    assert "déclaré" in captured.out and "\ufffd" not in captured.out
    assert "decoded as cp1252 (detected)" in captured.err


def test_bad_file_in_folder_is_named_and_counted(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "ok.txt").write_text("The mayor said on Friday that the new library would open in June.",
                                encoding="utf-8")
    (src / "bad.txt").write_bytes(b"\x00\x01")
    assert main(["clean", str(src), "-o", str(tmp_path / "out"), "-q"]) == 0
    err = capsys.readouterr().err
    assert "cleaned 1 of 2 document(s)" in err and "bad.txt: looks binary" in err
    assert "1 warning(s)" in err
