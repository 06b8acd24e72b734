"""The one reader: any corpus in, the corpus frame out.

Every entry point (``load_corpus`` in a notebook, ``textlab clean``, ``textlab compare``, the
engine's worker processes and Dask workers) reads through this module, so a corpus gives the
same documents, ids, sources, encodings and metadata whatever runs it.

Inputs
    * a folder of pages (``*.txt`` in any letter case; ``recursive=True`` for subfolders), with
      an optional metadata table ``sources.csv`` (``file`` column: the file name, or its path
      inside the folder, e.g. ``outlet03/000123.txt``);
    * one page, or a list of pages;
    * one or many table files (CSV, TSV, JSON Lines, Parquet) or a DataFrame, one document
      per row, with a text column (``text_col``; found among :data:`TEXT_COLUMNS` when not
      given) and any metadata columns (``columns`` renames them, e.g. ``{"outlet": "source"}``).

The corpus frame
    ``doc_id, source, path, raw, n_chars, encoding, replaced, problem, lang,
    lang_confidence, lang_source`` and the metadata columns under their own names. ``raw`` is
    the decoded text, never modified afterwards. ``problem`` is empty when the document read
    cleanly; otherwise it says what was noticed (an empty file, replaced bytes, a legacy
    encoding, a date that could not be parsed). ``lang`` is the document's language, computed
    here once for every path (:func:`textlab.lang.detect_languages`: a ``lang`` metadata
    column wins, else detected from the text; ``und`` when too short or unclear to tell).

Rules (each one reported in :attr:`CorpusPlan.notes`, never applied silently)
    * **Encodings.** UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such. Other
      bytes are decoded with the encoding that ``charset-normalizer`` finds most plausible
      (ties go to windows-1252, the web's default for Western pages); the ``encoding`` column
      records it and ``problem`` says it was detected. ``encoding="cp1252"`` forces one.
      A file that decodes to control characters or unassigned code points is refused as
      binary, whatever its byte-order mark says.
    * **Source.** ``source_from="auto"``: the metadata's ``source`` column; else, for files in
      subfolders of the folder, the first subfolder's name; else the document's own id (each
      document is its own source). ``"metadata"``, ``"folder"`` and ``"file"`` choose one rule.
    * **Metadata names.** Columns keep their names. A ``doc_id`` column gives the ids (they must
      be unique); ``source`` and ``lang`` are used as such (``lang`` codes are normalised:
      ``fr-FR`` is ``fr``); a ``date`` column is parsed into a
      UTC datetime column (values that cannot be parsed become NaT and are named in
      ``problem``). Columns named like a column the reader derives (``path``, ``raw``,
      ``n_chars``, ``encoding``, ``replaced``, ``problem``) are kept as ``meta_<name>``.
      (Cleaning adds ``title``, ``byline``, ``date``…; where the metadata already has one,
      the page's reading goes to ``page_<name>``: see :func:`textlab.clean_corpus`.)
    * **Tables where pages are expected.** A ``.csv``/``.tsv``/``.jsonl``/``.parquet`` path is
      read as a table of documents, never as one page; a folder with no pages but table files
      reads the tables; a folder with both reads the pages and names the tables it left out.
"""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from textlab.lang import detect_languages

__all__ = [
    "TextFileError",
    "Decoded",
    "CorpusPlan",
    "ReadBatch",
    "decode_bytes",
    "read_file",
    "read_text",
    "plan_corpus",
    "corpus_plan",
    "read_batch",
    "load_corpus",
    "iter_text_files",
    "MAX_BYTES",
    "TEXT_COLUMNS",
    "READER_COLUMNS",
]

MAX_BYTES = 50_000_000
"""Default size limit per file: larger files are refused (a news page is < 1 MB). Table files
have no limit: they are read in chunks."""

TEXT_COLUMNS = ("raw", "text", "body", "content", "article", "full_text", "fulltext")
"""Column names taken as a table's text, in this order, when ``text_col`` is not given."""

READER_COLUMNS = ("doc_id", "source", "path", "raw", "n_chars", "encoding", "replaced",
                  "problem", "lang", "lang_confidence", "lang_source")
"""The columns every corpus frame starts with."""

PAGE_SUFFIX = ".txt"
TABLE_FORMATS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl",
                 ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
METADATA_FILE = "sources.csv"
SOURCE_RULES = ("auto", "metadata", "folder", "file")
TABLE_CHUNK = 5_000
"""Rows read at a time from a CSV/TSV/JSONL table (Parquet: one batch of this many rows)."""

_SNIFF = 8192
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_REPLACEMENT_UTF8 = "\ufffd".encode()
_BINARY_SHARE = 0.01
"""A decoded text with more than this share of control characters (other than tab, line and
page breaks) or unassigned code points is refused as binary."""
_PREFERRED_ENCODINGS = ("utf_8", "cp1252", "iso8859_15", "cp1250", "cp1251", "iso8859_2",
                        "cp932", "euc_jp", "gb18030", "big5", "euc_kr", "koi8_r")
"""Ties between equally plausible detected encodings go to the first of these."""
_DERIVED = ("path", "raw", "n_chars", "encoding", "replaced", "problem", "row")


class TextFileError(ValueError):
    """A file that cannot be read as text. ``str(err)`` is one line naming the file."""


# ----------------------------------------------------------------------------------------------
# decoding one file
# ----------------------------------------------------------------------------------------------


class Decoded(NamedTuple):
    """A decoded file: its text, the encoding used, and how many bytes were replaced."""

    text: str
    encoding: str
    replaced: int
    detected: bool = False  # the encoding was guessed (not UTF-8/UTF-16, not forced)


def _binary_share(text: str) -> float:
    """Share of characters that text files do not contain: C0/C1 controls other than
    tab, line and page breaks, and unassigned or private-use code points."""
    if not text:
        return 0.0
    sample = text[:_SNIFF]
    bad = sum(1 for c in sample if (c < " " and c not in "\t\n\r\f\v")
              or ("\x7f" <= c <= "\x9f")
              or (c >= "\ue000" and unicodedata.category(c) in ("Cn", "Co")))
    return bad / len(sample)


def _codec(name: str) -> str:
    import codecs

    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ValueError(f"encoding={name!r}: not an encoding Python knows (e.g. 'utf-8', "
                         "'cp1252', 'latin-1', 'shift_jis')") from None


def _detect(data: bytes) -> str | None:
    """The most plausible encoding of ``data`` by charset-normalizer (ties: the encoding
    of :data:`_PREFERRED_ENCODINGS` that comes first), or None."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:1_000_000]))
    if not matches:
        return None
    best = min((m.percent_chaos, -m.percent_coherence) for m in matches)
    tied: list[str] = []  # each match also names the encodings giving the same text
    for m in matches:
        if m.percent_chaos <= best[0] + 0.5 and -m.percent_coherence <= best[1] + 1.0:
            tied += [m.encoding, *m.could_be_from_charset]
    for enc in _PREFERRED_ENCODINGS:
        if enc in tied:
            return enc
    return tied[0]


def decode_bytes(data: bytes, *, name: str = "<bytes>", encoding: str | None = None,
                 errors: str = "strict") -> Decoded:
    """Decode one document's bytes, detecting the encoding unless one is given.

    Parameters
    ----------
    data
        The file's bytes.
    name
        How to name the document in errors (a path, ``<stdin>``).
    encoding
        Force this encoding (any name Python knows); ``None`` detects it (see the module
        docstring).
    errors
        ``"strict"``: bytes that do not decode are an error; ``"replace"``: they become
        U+FFFD and are counted.

    Examples
    --------
    >>> decode_bytes("café déjà vu".encode("latin-1"))
    Decoded(text='café déjà vu', encoding='cp1252', replaced=0, detected=True)
    >>> decode_bytes(b"caf\\xe9", encoding="utf-8", errors="replace")
    Decoded(text='caf\\ufffd', encoding='utf-8', replaced=1, detected=False)
    """
    if errors not in {"strict", "replace"}:
        raise ValueError(f"errors={errors!r}: expected 'strict' or 'replace'")
    detected = False
    if encoding is not None:
        codec = _codec(encoding)
        if codec == "utf-8":
            codec = "utf-8-sig"
    elif data.startswith(_UTF16_BOMS):
        codec = "utf-16"
    elif b"\x00" in data[:_SNIFF]:
        raise TextFileError(f"{name}: looks binary (NUL bytes), not a text file")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            codec = _detect(data)
            if codec is None:
                raise TextFileError(
                    f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                    f"{exc.start}) and no other encoding fits; give the encoding "
                    "(encoding=... / --encoding) or replace such bytes (errors='replace' / "
                    "--errors replace)") from None
            detected = True
        else:
            return _checked(Decoded(text, "utf-8", 0), name)
    try:
        text = data.decode(codec)
        replaced = 0
    except UnicodeDecodeError as exc:
        if errors == "strict":
            shown = codec.replace("utf-8-sig", "utf-8")
            what = "has a UTF-16 byte-order mark but is not valid UTF-16" if codec == "utf-16" \
                else f"not valid {shown} (byte 0x{data[exc.start]:02x} at offset {exc.start})"
            raise TextFileError(
                f"{name}: {what}; replace such bytes with errors='replace' / --errors replace"
            ) from None
        text = data.decode(codec, errors="replace")
        # U+FFFD that were already in the file are not replacements
        already = data.count(_REPLACEMENT_UTF8) if codec.startswith("utf-8") else 0
        replaced = text.count("\ufffd") - already
    return _checked(Decoded(text, codec.replace("utf-8-sig", "utf-8"), replaced, detected), name)


def _checked(decoded: Decoded, name: str) -> Decoded:
    share = _binary_share(decoded.text)
    if share > _BINARY_SHARE:
        raise TextFileError(f"{name}: looks binary ({share:.0%} control or unassigned "
                            f"characters when decoded as {decoded.encoding}), not a text file")
    return decoded


def read_file(path: str | Path, *, encoding: str | None = None, errors: str = "strict",
              max_bytes: int = MAX_BYTES) -> Decoded:
    """Read and decode one file (see :func:`decode_bytes`); problems raise
    :class:`TextFileError` with one line naming the file."""
    path = Path(path)
    if not path.exists():
        raise TextFileError(f"{path}: no such file")
    if path.is_dir():
        raise TextFileError(f"{path}: is a directory, expected a text file")
    size = path.stat().st_size
    if size > max_bytes:
        raise TextFileError(
            f"{path}: {size / 1e6:.1f} MB is larger than max_bytes={max_bytes / 1e6:.0f} MB"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TextFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return decode_bytes(data, name=str(path), encoding=encoding, errors=errors)


def read_text(path: str | Path, *, encoding: str | None = None, errors: str = "strict",
              max_bytes: int = MAX_BYTES) -> tuple[str, int]:
    """Decode one file: ``(text, replaced)``; line ends are left untouched.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such; other encodings are
    detected (:func:`decode_bytes`) unless ``encoding`` is given; ``errors="replace"``
    substitutes U+FFFD for bytes that do not decode and counts them.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "page.txt"
    >>> _ = p.write_bytes("Größe und Straße".encode("cp1252"))
    >>> read_text(p)
    ('Größe und Straße', 0)
    >>> read_text(p, encoding="utf-8", errors="replace")
    ('Gr\\ufffd\\ufffde und Stra\\ufffde', 3)
    """
    decoded = read_file(path, encoding=encoding, errors=errors, max_bytes=max_bytes)
    return decoded.text, decoded.replaced


# ----------------------------------------------------------------------------------------------
# planning: which documents, which ids, which sources
# ----------------------------------------------------------------------------------------------


def _is_page(p: Path) -> bool:
    return p.suffix.lower() == PAGE_SUFFIX


def _table_format(p: Path) -> str | None:
    return TABLE_FORMATS.get(p.suffix.lower())


def iter_text_files(path: str | Path | Iterable[str | Path], *, pattern: str | None = None,
                    recursive: bool = False) -> list[Path]:
    """The page files a corpus is made of: a folder's ``.txt`` files in any letter case
    (or those matching ``pattern``), sorted by their path; or a list as given.

    Raises :class:`TextFileError` for a missing path or a folder without pages.
    """
    if isinstance(path, (str, Path)):
        root = Path(path)
        if not root.exists():
            raise TextFileError(f"{root}: no such file or directory")
        if root.is_file():
            return [root]
        found = root.rglob(pattern or "*") if recursive else root.glob(pattern or "*")
        files = sorted((p for p in found if p.is_file() and (pattern or _is_page(p))),
                       key=lambda p: p.relative_to(root).as_posix())
        if not files:
            what = repr(pattern) if pattern else "'*.txt' (any letter case)"
            hint = "" if recursive else "; pages in subfolders need recursive=True / --recursive"
            raise TextFileError(f"{root}: no files matching {what}{hint}")
        return files
    files = [Path(p) for p in path]
    if not files:
        raise ValueError("path: an empty list of files; give a folder or at least one file")
    return files


@dataclass
class CorpusPlan:
    """What a corpus is made of, before any document is read.

    ``kind`` is ``"pages"`` (text files), ``"tables"`` (table files), ``"frame"`` (a
    DataFrame with a text column) or ``"corpus"`` (a corpus frame already read, e.g. by
    :func:`load_corpus`: see :func:`corpus_plan`). For pages, ``meta`` has one row per file (``doc_id``, ``source``, ``path`` and
    the metadata columns), in reading order; for tables and frames it is empty and the rows are
    read batch by batch. ``notes`` say which rules were applied (source, encodings, metadata
    joins, files left out): print them or put them in a report.
    """

    kind: str
    root: Path | None
    meta: pd.DataFrame
    tables: list[Path] = field(default_factory=list)
    frame: pd.DataFrame | None = None
    notes: list[str] = field(default_factory=list)
    text_col: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    source_from: str = "auto"
    encoding: str | None = None
    errors: str = "strict"
    max_bytes: int = MAX_BYTES

    def __len__(self) -> int:
        if self.kind == "pages":
            return len(self.meta)
        if self.kind in ("frame", "corpus"):
            return len(self.frame)
        return sum(_table_rows(p) or 0 for p in self.tables)

    @property
    def n_documents(self) -> int | None:
        """The number of documents, or None when a table would have to be read to know."""
        if self.kind == "tables":
            rows = [_table_rows(p) for p in self.tables]
            return None if any(r is None for r in rows) else sum(rows)
        return len(self)

    @property
    def options(self) -> ReadOptions:
        return ReadOptions(self.encoding, self.errors, self.max_bytes)

    def batches(self, size: int) -> Iterator[ReadBatch]:
        """The corpus in batches of at most ``size`` documents, for :func:`read_batch`.

        Page batches list files (workers read them); table batches carry their rows (read
        here, chunk by chunk), so memory holds a few batches, never the whole table."""
        if self.kind == "pages":
            for start in range(0, len(self.meta), size):
                yield ReadBatch("pages", self.meta.iloc[start:start + size], self.options)
        elif self.kind in ("frame", "corpus"):
            kind = "rows" if self.kind == "frame" else "corpus"
            for start in range(0, len(self.frame), size):
                yield ReadBatch(kind, self.frame.iloc[start:start + size], self.options)
        else:
            seen: set[str] = set()
            for table in self.tables:
                for chunk in _iter_table_rows(table, size, self):
                    ids = chunk["doc_id"]
                    dup = ids[ids.duplicated() | ids.isin(seen)]
                    if len(dup):
                        raise TextFileError(f"{table}: doc_id {dup.iloc[0]!r} occurs twice "
                                            "in the corpus; ids must be unique")
                    seen.update(ids)
                    yield ReadBatch("rows", chunk, self.options)

    def read(self, *, on_error: str = "raise", batch_size: int = 1000) -> tuple[pd.DataFrame,
                                                                                  list[str]]:
        """Every document in this process: ``(corpus frame, skipped files' messages)``."""
        frames, skipped = [], []
        for batch in self.batches(batch_size):
            frame, problems = read_batch(batch, on_error=on_error)
            frames.append(frame)
            skipped += problems
        corpus = pd.concat(frames, ignore_index=True) if frames else _empty_corpus(self)
        return corpus, skipped


class ReadOptions(NamedTuple):
    """How a batch's files are decoded (see :func:`decode_bytes`)."""

    encoding: str | None = None
    errors: str = "strict"
    max_bytes: int = MAX_BYTES


class ReadBatch(NamedTuple):
    """A batch of a corpus, small enough to send to a worker: file rows to read
    (``"pages"``), table rows with their text (``"rows"``), or rows of a corpus frame already
    read (``"corpus"``)."""

    kind: str
    rows: pd.DataFrame
    options: ReadOptions = ReadOptions()


def corpus_plan(corpus: pd.DataFrame, *, text_col: str = "raw") -> CorpusPlan:
    """A plan over a corpus frame that is already read (``doc_id`` and ``text_col``): its
    batches are slices of the frame, returned as they are."""
    for col in ("doc_id", text_col):
        if col not in corpus.columns:
            raise ValueError(f"corpus: missing column {col!r}; columns are {list(corpus.columns)}")
    return CorpusPlan("corpus", None, pd.DataFrame(), frame=corpus, text_col=text_col)


def _doc_ids(files: list[Path], root: Path | None) -> list[str]:
    stems = [p.stem for p in files]
    if len(set(stems)) == len(stems):
        return stems
    # the same file name in different folders: the path inside the folder, without suffix
    if root is not None:
        return [p.relative_to(root).with_suffix("").as_posix() for p in files]
    return [p.with_suffix("").as_posix() for p in files]


def _read_table_file(path: Path, fmt: str, **kw: Any) -> pd.DataFrame:
    """A small table (a metadata file), as strings."""
    if fmt == "parquet":
        return pd.read_parquet(path).astype(object).where(lambda f: f.notna(), "")
    if fmt == "jsonl":
        return pd.read_json(path, lines=True, dtype=False).fillna("")
    return pd.read_csv(path, sep="\t" if fmt == "tsv" else ",", dtype=str,
                       keep_default_na=False, **kw)


def _metadata(sources: str | Path | pd.DataFrame) -> pd.DataFrame:
    if isinstance(sources, pd.DataFrame):
        meta = sources.copy()
    else:
        p = Path(sources)
        if not p.is_file():
            raise TextFileError(f"{p}: no such metadata table")
        try:
            meta = _read_table_file(p, _table_format(p) or "csv")
        except UnicodeDecodeError:
            meta = pd.read_csv(p, dtype=str, keep_default_na=False,
                               encoding=_detect(p.read_bytes()) or "cp1252")
    if "file" not in meta.columns:
        raise ValueError(f"sources: a metadata table needs a 'file' column, got "
                         f"{list(meta.columns)}")
    meta["file"] = meta["file"].astype(str).str.replace("\\", "/", regex=False)
    if meta["file"].duplicated().any():
        dup = meta.loc[meta["file"].duplicated(), "file"].iloc[0]
        raise ValueError(f"sources: file {dup!r} is listed twice")
    return meta


def _keep_names(meta: pd.DataFrame, notes: list[str], what: str) -> pd.DataFrame:
    """Metadata columns named like a reader-derived column get a ``meta_`` prefix."""
    clash = [c for c in meta.columns if c in _DERIVED]
    if clash:
        notes.append(f"{what}: column(s) {', '.join(clash)} kept as "
                     + ", ".join(f"meta_{c}" for c in clash)
                     + " (the reader derives columns of those names)")
        meta = meta.rename(columns={c: f"meta_{c}" for c in clash})
    return meta


def _join_metadata(files: list[Path], root: Path | None, meta: pd.DataFrame,
                   notes: list[str], name: str) -> pd.DataFrame:
    """One metadata row per file (empty where none), matched on the path inside the folder,
    else on the file name (when names are unique)."""
    rel = [p.relative_to(root).as_posix() if root is not None else p.name for p in files]
    names = [p.name for p in files]
    by_file = {f: i for i, f in enumerate(meta["file"])}
    unique_names = len(set(names)) == len(names)
    pos, used = [], set()
    for r, n in zip(rel, names, strict=True):
        i = by_file.get(r)
        if i is None and unique_names:
            i = by_file.get(n)
        pos.append(i)
        if i is not None:
            used.add(i)
    missing = sum(i is None for i in pos)
    if missing:
        notes.append(f"{name}: {missing} of {len(files)} file(s) have no row (no metadata "
                     "for them)")
    unused = [f for i, f in enumerate(meta["file"]) if i not in used]
    if unused:
        notes.append(f"{name}: {len(unused)} row(s) name no file of the corpus, e.g. "
                     f"{unused[0]!r}")
    cols = [c for c in meta.columns if c != "file"]
    rows = meta[cols].reset_index(drop=True)
    idx = pd.Series([-1 if i is None else i for i in pos])
    joined = rows.reindex(idx.where(idx >= 0)).reset_index(drop=True)
    return joined.astype(object).where(joined.notna(), "")


def _apply_source_rule(ids: pd.Series, meta_source: pd.Series | None, folders: pd.Series | None,
                       rule: str, notes: list[str], what: str) -> pd.Series:
    if rule not in SOURCE_RULES:
        raise ValueError(f"source_from={rule!r}: expected one of {', '.join(SOURCE_RULES)}")
    has_meta = meta_source is not None and (meta_source != "").any()
    has_folders = folders is not None and (folders != "").any()
    if rule == "metadata" and not has_meta:
        raise ValueError(f"source_from='metadata': {what} has no 'source' column with values")
    if rule == "folder" and not has_folders:
        raise ValueError("source_from='folder': no document is in a subfolder (use "
                         "recursive=True for pages in subfolders)")
    if rule == "auto":
        rule = "metadata" if has_meta else "folder" if has_folders else "file"
    if rule == "metadata":
        source = meta_source.where(meta_source != "", ids)
        n_own = int((meta_source == "").sum())
        notes.append(f"source: the 'source' column of {what}"
                     + (f"; {n_own} document(s) without one are their own source" if n_own
                        else ""))
    elif rule == "folder":
        source = folders.where(folders != "", ids)
        notes.append(f"source: the name of the subfolder holding each page "
                     f"({folders[folders != ''].nunique()} subfolder(s))"
                     + ("; pages at the top level are their own source"
                        if (folders == "").any() else ""))
    else:
        source = ids.copy()
        notes.append("source: none given, so each document is its own source (give a "
                     "'source' column, subfolders, or source_from=)")
    return source.astype(object)


def plan_corpus(
    path: str | Path | Iterable[str | Path] | pd.DataFrame,
    *,
    text_col: str | None = None,
    columns: Mapping[str, str] | None = None,
    source_from: str = "auto",
    pattern: str | None = None,
    recursive: bool = False,
    sources: str | Path | pd.DataFrame | None = "auto",
    encoding: str | None = None,
    errors: str = "strict",
    max_bytes: int = MAX_BYTES,
) -> CorpusPlan:
    """Find a corpus's documents and their metadata, reading no page yet.

    Parameters are those of :func:`load_corpus`. The plan is small (one row per file, or the
    list of table files), picklable, and is what the engine hands to worker processes.
    """
    if errors not in {"strict", "replace"}:
        raise ValueError(f"errors={errors!r}: expected 'strict' or 'replace'")
    if source_from not in SOURCE_RULES:
        raise ValueError(f"source_from={source_from!r}: expected one of "
                         f"{', '.join(SOURCE_RULES)}")
    if encoding is not None:
        _codec(encoding)
    columns = dict(columns or {})
    common = dict(text_col=text_col, columns=columns, source_from=source_from,
                  encoding=encoding, errors=errors, max_bytes=max_bytes)
    if isinstance(path, pd.DataFrame):
        notes: list[str] = []
        frame = _normalise_rows(path.reset_index(drop=True), "the DataFrame", common, notes,
                                stem="row")
        return CorpusPlan("frame", None, pd.DataFrame(), frame=frame, notes=notes, **common)
    if isinstance(path, (str, Path)):
        root = Path(path)
        if not root.exists():
            raise TextFileError(f"{root}: no such file or directory")
        if root.is_file():
            if _table_format(root):
                return _plan_tables([root], None, common)
            return _plan_pages([root], None, sources=None, common=common)
        every = [p for p in (root.rglob("*") if recursive else root.glob("*")) if p.is_file()]
        found = sorted(p for p in every if _table_format(p) and p.name != METADATA_FILE)
        if found and not pattern and not any(map(_is_page, every)):
            return _plan_tables(found, root, common)
        pages = iter_text_files(root, pattern=pattern, recursive=recursive)
        plan = _plan_pages(pages, root, sources=sources, common=common)
        if found:
            plan.notes.append(f"{len(found)} table file(s) in the folder left out (pages are "
                              f"read; give the table files themselves to read them), e.g. "
                              f"{found[0].name}")
        return plan
    files = [Path(p) for p in path]
    if not files:
        raise ValueError("path: an empty list of files; give a folder or at least one file")
    kinds = {bool(_table_format(p)) for p in files}
    if len(kinds) > 1:
        raise ValueError("path: a list mixing pages and table files; read them separately")
    if kinds == {True}:
        return _plan_tables(files, None, common)
    return _plan_pages(files, None, sources=None if sources == "auto" else sources,
                       common=common)


def _plan_pages(files: list[Path], root: Path | None, *, sources, common: dict) -> CorpusPlan:
    notes: list[str] = []
    ids = pd.Series(_doc_ids(files, root), dtype=object)
    if isinstance(sources, str) and sources == "auto":
        sources = root / METADATA_FILE if root is not None and (root / METADATA_FILE).exists() \
            else None
    meta = pd.DataFrame(index=range(len(files)))
    name = "the metadata table"
    if sources is not None:
        name = Path(sources).name if not isinstance(sources, pd.DataFrame) else name
        table = _metadata(sources)
        meta = _join_metadata(files, root, table, notes, name)
        meta = _keep_names(meta, notes, name)
        meta = meta.rename(columns=common["columns"])
    if "doc_id" in meta.columns:
        given = meta.pop("doc_id")
        ids = given.where(given != "", ids).astype(str)
        if ids.duplicated().any():
            raise ValueError(f"{name}: doc_id {ids[ids.duplicated()].iloc[0]!r} occurs twice")
    folders = None
    if root is not None:
        folders = pd.Series([p.relative_to(root).parts[0] if len(p.relative_to(root).parts) > 1
                             else "" for p in files], dtype=object)
    meta_source = meta.pop("source").astype(str) if "source" in meta.columns else None
    source = _apply_source_rule(ids, meta_source, folders, common["source_from"], notes, name)
    front = pd.DataFrame({"doc_id": ids, "source": source,
                          "path": [str(p) for p in files]})
    meta = pd.concat([front, meta.reset_index(drop=True)], axis=1)
    return CorpusPlan("pages", root, meta, notes=notes, **common)


def _plan_tables(tables: list[Path], root: Path | None, common: dict) -> CorpusPlan:
    notes = [f"read {len(tables)} table file(s) of documents, one per row"]
    for table in tables:  # check the columns now (a few rows), not halfway through the run
        head = next(_raw_chunks(table, _table_format(table), 5, common["encoding"]), None)
        if head is None:
            raise TextFileError(f"{table}: an empty table")
        _normalise_rows(head, str(table), common, notes, stem=table.stem, table=table)
    return CorpusPlan("tables", root, pd.DataFrame(), tables=list(tables), notes=notes, **common)


def _table_rows(path: Path) -> int | None:
    if _table_format(path) == "parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    return None


def _iter_table_rows(path: Path, size: int, plan: CorpusPlan) -> Iterator[pd.DataFrame]:
    fmt = _table_format(path)
    common = dict(text_col=plan.text_col, columns=plan.columns, source_from=plan.source_from)
    offset = 0
    for chunk in _raw_chunks(path, fmt, size, plan.encoding):
        chunk = chunk.reset_index(drop=True)
        chunk.index = chunk.index + offset
        offset += len(chunk)
        yield _normalise_rows(chunk, str(path), common, [], stem=path.stem, table=path)


def _raw_chunks(path: Path, fmt: str, size: int, encoding: str | None) -> Iterator[pd.DataFrame]:
    try:
        if fmt == "parquet":
            import pyarrow.parquet as pq

            for batch in pq.ParquetFile(path).iter_batches(batch_size=size):
                yield batch.to_pandas()
            return
        enc = encoding or "utf-8-sig"
        try:
            yield from _text_chunks(path, fmt, size, enc)
        except UnicodeDecodeError:
            if encoding is not None:
                raise
            enc = _detect(path.read_bytes()[:1_000_000]) or "cp1252"
            yield from _text_chunks(path, fmt, size, enc)
    except (ValueError, OSError) as exc:
        if isinstance(exc, TextFileError):
            raise
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise TextFileError(f"{path}: cannot read as a {fmt.upper()} table ({first})") from None


def _text_chunks(path: Path, fmt: str, size: int, enc: str) -> Iterator[pd.DataFrame]:
    if fmt == "jsonl":
        with open(path, encoding=enc) as fh:
            yield from pd.read_json(fh, lines=True, dtype=False, chunksize=size)
        return
    yield from pd.read_csv(path, sep="\t" if fmt == "tsv" else ",", dtype=str,
                           keep_default_na=False, chunksize=size, encoding=enc)


def _normalise_rows(rows: pd.DataFrame, what: str, common: dict, notes: list[str], *,
                    stem: str, table: Path | None = None) -> pd.DataFrame:
    """A table's rows as corpus rows: ``doc_id, source, path, raw`` + metadata, not decoded
    further (the text is already a string)."""
    rows = rows.rename(columns=dict(common["columns"]))
    text_col = common["text_col"]
    if text_col is None:
        text_col = next((c for c in TEXT_COLUMNS if c in rows.columns), None)
        if text_col is None:
            raise ValueError(f"{what}: no text column; name it with text_col= / --text-col "
                             f"(columns are {list(rows.columns)[:12]})")
        notes.append(f"text: column {text_col!r} of {what}")
    elif text_col not in rows.columns:
        raise ValueError(f"text_col={text_col!r}: not a column of {what} (columns are "
                         f"{list(rows.columns)[:12]})")
    text = rows.pop(text_col)
    meta = _keep_names(rows.drop(columns=[c for c in ("doc_id", "source") if c in rows.columns]),
                       notes, what)
    if "doc_id" in rows.columns:
        ids = rows["doc_id"].astype(str)
        notes.append(f"doc_id: column 'doc_id' of {what}")
    else:
        ids = pd.Series([f"{stem}-{i + 1}" for i in rows.index], index=rows.index, dtype=object)
        notes.append(f"doc_id: {stem}-<row number> (no 'doc_id' column in {what}; map "
                     "one with columns={'your_id': 'doc_id'})")
    folders = None
    if table is not None and common["source_from"] in ("file", "folder"):
        value = table.stem if common["source_from"] == "file" else table.parent.name
        folders = pd.Series(value, index=rows.index, dtype=object)
    meta_source = rows["source"].astype(str).where(rows["source"].notna(), "") \
        if "source" in rows.columns else None
    rule = common["source_from"]
    if table is not None and rule in ("file", "folder"):
        source = folders
        notes.append(f"source: the table file's {'name' if rule == 'file' else 'folder'}")
    else:
        source = _apply_source_rule(ids, meta_source, None,
                                    "metadata" if rule == "metadata" else
                                    ("auto" if rule == "auto" else "file"), notes, what)
    out = pd.DataFrame({"doc_id": ids.to_numpy(dtype=object),
                        "source": source.to_numpy(dtype=object),
                        "path": str(table) if table is not None else "",
                        "_text": text.to_numpy(dtype=object)})
    if table is not None:
        out["row"] = rows.index.to_numpy()
    return pd.concat([out, meta.reset_index(drop=True)], axis=1)


# ----------------------------------------------------------------------------------------------
# reading a batch (in this process or in a worker)
# ----------------------------------------------------------------------------------------------


def _parse_dates(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A metadata ``date`` column as UTC datetimes, and which non-empty values failed."""
    if pd.api.types.is_datetime64_any_dtype(values):
        parsed = values if getattr(values.dt, "tz", None) is not None \
            else values.dt.tz_localize("UTC")
        return parsed, pd.Series(False, index=values.index)
    text = values.astype(object).where(values.notna(), "").astype(str).str.strip()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = pd.to_datetime(text.where(text != "", None), errors="coerce", utc=True,
                                format="mixed")
    return parsed, parsed.isna() & (text != "")


def read_batch(batch: ReadBatch, *, on_error: str = "raise", languages: bool = True
               ) -> tuple[pd.DataFrame, list[str]]:
    """Read one batch of a plan: ``(corpus rows, messages of the files skipped)``.

    ``on_error="raise"`` stops at the first unreadable file (:class:`TextFileError`, naming
    it); ``"skip"`` leaves it out and returns its message. ``languages=False`` leaves the
    language columns out (a pass that only needs the text, such as furniture learning).
    """
    if on_error not in {"raise", "skip"}:
        raise ValueError(f"on_error={on_error!r}: expected 'raise' or 'skip'")
    opts = batch.options
    skipped: list[str] = []
    if batch.kind == "corpus":
        return batch.rows.reset_index(drop=True), skipped
    if batch.kind == "pages":
        meta = batch.rows
        texts, encs, replaced, problems, keep = [], [], [], [], []
        for i, path in enumerate(meta["path"]):
            try:
                d = read_file(path, encoding=opts.encoding, errors=opts.errors,
                              max_bytes=opts.max_bytes)
            except TextFileError as exc:
                if on_error == "raise":
                    raise
                skipped.append(str(exc))
                continue
            keep.append(i)
            texts.append(d.text)
            encs.append(d.encoding)
            replaced.append(d.replaced)
            problems.append(_problem(d))
        rows = meta.iloc[keep].reset_index(drop=True)
        front = rows[["doc_id", "source", "path"]]
        rest = rows.drop(columns=["doc_id", "source", "path"])
    else:
        rows = batch.rows.reset_index(drop=True)
        texts = [t if isinstance(t, str) else "" for t in rows["_text"]]
        encs = ["" for _ in texts]  # decoded with the table: see the plan's notes
        replaced = [0] * len(texts)
        problems = ["" for _ in texts]
        front = rows[["doc_id", "source", "path"]]
        rest = rows.drop(columns=["doc_id", "source", "path", "_text"])
    corpus = front.copy()
    corpus["raw"] = texts
    corpus["n_chars"] = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    corpus["encoding"] = encs
    corpus["replaced"] = np.asarray(replaced, dtype=np.int64)
    problems = [p or ("empty document" if not t.strip() else "")
                for p, t in zip(problems, texts, strict=True)]
    corpus["problem"] = problems
    rest = rest.reset_index(drop=True)
    if languages:
        given = rest.pop("lang") if "lang" in rest.columns else None
        rest = pd.concat([detect_languages(corpus["raw"], override=given), rest], axis=1)
    corpus = pd.concat([corpus, rest], axis=1)
    if "date" in corpus.columns:
        corpus["date"], bad = _parse_dates(corpus["date"])
        if bad.any():
            raw_dates = rest["date"].astype(str).reset_index(drop=True)
            for i in np.flatnonzero(bad.to_numpy()):
                note = f"date {raw_dates.iloc[i]!r} not understood"
                corpus.at[i, "problem"] = "; ".join(filter(None, [corpus.at[i, "problem"], note]))
    return corpus, skipped


def _problem(d: Decoded) -> str:
    parts = []
    if not d.text.strip():
        parts.append("empty document")
    if d.detected:
        parts.append(f"decoded as {d.encoding} (detected)")
    if d.replaced:
        parts.append(f"replaced {d.replaced} undecodable byte(s)")
    return "; ".join(parts)


def _empty_corpus(plan: CorpusPlan) -> pd.DataFrame:
    cols = list(READER_COLUMNS) + [c for c in plan.meta.columns if c not in READER_COLUMNS]
    return pd.DataFrame(columns=cols)


def document_name(path: object, doc_id: object) -> str:
    """How messages name a document: its file for a page, ``file [doc_id]`` for a row of a
    table file, its ``doc_id`` when it has no file (a DataFrame row).

    Examples
    --------
    >>> document_name("pages/a.txt", "a"), document_name("news.jsonl", "n7"), document_name("", 3)
    ('pages/a.txt', 'news.jsonl [n7]', '3')
    """
    if not isinstance(path, str) or not path:
        return str(doc_id)
    if Path(path).suffix.lower() in TABLE_FORMATS:
        return f"{path} [{doc_id}]"
    return path


def summarize_problems(corpus: pd.DataFrame, skipped: Sequence[str] = ()) -> list[str]:
    """One line per kind of problem in a corpus frame (counted, with up to three names)."""
    lines = []
    if "problem" in corpus.columns and len(corpus):
        names = [document_name(p, d) for p, d in zip(corpus["path"], corpus["doc_id"],
                                                       strict=True)]
        kinds: dict[str, list[str]] = {}
        for name, problem in zip(names, corpus["problem"], strict=True):
            for part in filter(None, str(problem).split("; ")):
                key = ("decoded as " + part.split()[2] if part.startswith("decoded as")
                       else "replaced undecodable bytes" if part.startswith("replaced")
                       else "date not understood" if part.startswith("date ")
                       else part)
                kinds.setdefault(key, []).append(name)
        for key, docs in kinds.items():
            lines.append(f"{len(docs)} document(s): {key}: " + ", ".join(docs[:3])
                         + (" …" if len(docs) > 3 else ""))
    if skipped:
        lines.append(f"{len(skipped)} file(s) skipped: " + "; ".join(skipped[:3])
                     + (" …" if len(skipped) > 3 else ""))
    return lines


def load_corpus(
    path: str | Path | Iterable[str | Path] | pd.DataFrame,
    *,
    text_col: str | None = None,
    columns: Mapping[str, str] | None = None,
    source_from: str = "auto",
    pattern: str | None = None,
    recursive: bool = False,
    sources: str | Path | pd.DataFrame | None = "auto",
    encoding: str | None = None,
    errors: str = "strict",
    on_error: str = "raise",
    max_bytes: int = MAX_BYTES,
) -> pd.DataFrame:
    """Read any corpus into a corpus DataFrame, one row per document.

    Parameters
    ----------
    path
        A folder of pages, one page, a table file (``.csv``, ``.tsv``, ``.jsonl``,
        ``.parquet``), a list of pages or of table files, or a DataFrame with a text column.
    text_col
        The text column of a table or DataFrame (default: the first of
        :data:`TEXT_COLUMNS` present).
    columns
        Renames table or metadata columns, e.g. ``{"id": "doc_id", "outlet": "source"}``.
    source_from
        ``"auto"``, ``"metadata"``, ``"folder"`` or ``"file"``: where ``source`` comes from
        (see the module docstring). The rule applied is said in a note.
    pattern, recursive
        Which files of a folder are pages (default: ``.txt`` in any letter case), and whether
        subfolders count.
    sources
        Metadata joined to pages: a table (path or DataFrame) with a ``file`` column (file
        name, or path inside the folder). ``"auto"`` uses the folder's ``sources.csv``.
    encoding, errors
        As in :func:`decode_bytes`.
    on_error
        ``"raise"`` stops at the first unreadable file (the message names it); ``"skip"``
        leaves it out and warns, naming every skipped file.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, source, path, raw, n_chars, encoding, replaced, problem, lang,
        lang_confidence, lang_source`` plus metadata columns. Documents with a problem are
        kept and reported in one warning per kind.

    Examples
    --------
    >>> from textlab.paths import SEEDS_DIR
    >>> corpus = load_corpus(SEEDS_DIR)
    >>> list(corpus.columns[:4]), len(corpus)
    (['doc_id', 'source', 'path', 'raw'], 5)
    >>> import pandas as pd
    >>> table = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"], "text": ["One.", "Two."]})
    >>> load_corpus(table, columns={"id": "doc_id", "outlet": "source"})[["doc_id", "source"]]
      doc_id source
    0      a      X
    1      b      Y
    """
    plan = plan_corpus(path, text_col=text_col, columns=columns, source_from=source_from,
                       pattern=pattern, recursive=recursive, sources=sources,
                       encoding=encoding, errors=errors, max_bytes=max_bytes)
    corpus, skipped = plan.read(on_error=on_error)
    for line in summarize_problems(corpus, skipped):
        warnings.warn(line, stacklevel=2)
    for note in plan.notes:
        if "no row" in note or "name no file" in note or "kept as" in note:
            warnings.warn(note, stacklevel=2)
    return corpus
