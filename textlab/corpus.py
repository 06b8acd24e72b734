"""Read folders or lists of plain-text pages into the corpus DataFrame.

The corpus frame has one row per file: ``doc_id``, ``source``, ``path``, ``raw`` (the decoded
text, never modified afterwards), ``n_chars``, ``replaced`` (bytes replaced by U+FFFD under
``errors="replace"``) and ``problem`` (empty string when the file read cleanly). Metadata from
a ``sources.csv`` next to the files is joined on the file name.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

__all__ = ["TextFileError", "read_text", "load_corpus", "iter_text_files", "MAX_BYTES"]

MAX_BYTES = 50_000_000
"""Default size limit per file: larger files are refused (a news page is < 1 MB)."""

_SNIFF = 8192
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_REPLACEMENT_UTF8 = "\ufffd".encode()


class TextFileError(ValueError):
    """A file that cannot be read as text. ``str(err)`` is one line naming the file."""


def read_text(path: str | Path, *, errors: str = "strict", max_bytes: int = MAX_BYTES) -> tuple[str, int]:
    """Decode one file as UTF-8 (with or without BOM); UTF-16 is accepted when it has a BOM.

    Parameters
    ----------
    path
        The file to read.
    errors
        ``"strict"`` raises :class:`TextFileError` on bytes that are not UTF-8; ``"replace"``
        substitutes U+FFFD for them and counts the replacements.
    max_bytes
        Files larger than this are refused with :class:`TextFileError`.

    Returns
    -------
    (text, replaced)
        The decoded text (line ends untouched) and the number of replaced bytes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "page.txt"
    >>> _ = p.write_bytes(b"caf\\xe9 au lait")
    >>> read_text(p, errors="replace")
    ('caf\\ufffd au lait', 1)
    """
    if errors not in {"strict", "replace"}:
        raise ValueError(f"errors={errors!r}: expected 'strict' or 'replace'")
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
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), 0
        except UnicodeDecodeError:
            raise TextFileError(f"{path}: has a UTF-16 byte-order mark but is not valid UTF-16") from None
    if b"\x00" in data[:_SNIFF]:
        raise TextFileError(f"{path}: looks binary (NUL bytes), not a text file")
    try:
        return data.decode("utf-8-sig"), 0
    except UnicodeDecodeError as exc:
        if errors == "strict":
            raise TextFileError(
                f"{path}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                "use errors='replace' to substitute and count such bytes"
            ) from None
    text = data.decode("utf-8-sig", errors="replace")
    # U+FFFD that were already in the file are not replacements
    replaced = text.count("\ufffd") - data.count(_REPLACEMENT_UTF8)
    return text, replaced


def iter_text_files(path: str | Path | Iterable[str | Path], *, pattern: str = "*.txt",
                    recursive: bool = False) -> list[Path]:
    """The files a corpus is made of: a folder's ``pattern`` matches (sorted), or a list as given.

    Raises :class:`TextFileError` for a missing path or a folder without matching files.
    """
    if isinstance(path, (str, Path)):
        root = Path(path)
        if not root.exists():
            raise TextFileError(f"{root}: no such file or directory")
        if root.is_file():
            return [root]
        files = sorted(p for p in (root.rglob(pattern) if recursive else root.glob(pattern))
                       if p.is_file())
        if not files:
            raise TextFileError(f"{root}: no files matching {pattern!r}")
        return files
    files = [Path(p) for p in path]
    if not files:
        raise ValueError("path: an empty list of files; give a folder or at least one file")
    return files


def _doc_ids(files: list[Path]) -> list[str]:
    stems = [p.stem for p in files]
    if len(set(stems)) == len(stems):
        return stems
    # same file name in different folders: fall back to the path without suffix
    return [str(p.with_suffix("")) for p in files]


def _read_metadata(sources: str | Path | pd.DataFrame) -> pd.DataFrame:
    meta = sources.copy() if isinstance(sources, pd.DataFrame) else pd.read_csv(sources, dtype=str,
                                                                               keep_default_na=False)
    if "file" not in meta.columns:
        raise ValueError(f"sources: a metadata table needs a 'file' column, got {list(meta.columns)}")
    if meta["file"].duplicated().any():
        dup = meta.loc[meta["file"].duplicated(), "file"].iloc[0]
        raise ValueError(f"sources: file {dup!r} is listed twice")
    return meta


def load_corpus(
    path: str | Path | Iterable[str | Path],
    *,
    pattern: str = "*.txt",
    recursive: bool = False,
    sources: str | Path | pd.DataFrame | None = "auto",
    errors: str = "strict",
    on_error: str = "raise",
    max_bytes: int = MAX_BYTES,
) -> pd.DataFrame:
    """Read plain-text pages into a corpus DataFrame, one row per file.

    Parameters
    ----------
    path
        A folder (its ``pattern`` files, sorted by name), one file, or a list of files.
    sources
        Metadata joined on the file name: a CSV path or a DataFrame with a ``file`` column and
        usually ``source`` (a short label). ``"auto"`` uses ``sources.csv`` in the folder when
        present. Files without a label get their ``doc_id`` as ``source``.
    errors
        ``"strict"``: a file that is not UTF-8 is an error; ``"replace"``: bad bytes become
        U+FFFD and are counted in the ``replaced`` column and the ``problem`` text.
    on_error
        ``"raise"`` stops at the first unreadable file (the message names it); ``"skip"`` leaves
        it out, warns with every skipped name and lists them in ``corpus.attrs["skipped"]``.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, source, path, raw, n_chars, replaced, problem`` plus any metadata columns.
        Empty files are kept (``problem == "empty file"``) and reported with a warning.

    Examples
    --------
    >>> from textlab.paths import SEEDS_DIR
    >>> corpus = load_corpus(SEEDS_DIR)
    >>> list(corpus.columns[:4]), len(corpus)
    (['doc_id', 'source', 'path', 'raw'], 5)
    """
    if on_error not in {"raise", "skip"}:
        raise ValueError(f"on_error={on_error!r}: expected 'raise' or 'skip'")
    files = iter_text_files(path, pattern=pattern, recursive=recursive)
    rows, skipped = [], []
    for file, doc_id in zip(files, _doc_ids(files), strict=True):
        try:
            raw, replaced = read_text(file, errors=errors, max_bytes=max_bytes)
        except TextFileError as exc:
            if on_error == "raise":
                raise
            skipped.append(str(exc))
            continue
        problem = ""
        if not raw.strip():
            problem = "empty file"
        elif replaced:
            problem = f"replaced {replaced} undecodable byte(s)"
        rows.append({"doc_id": doc_id, "file": file.name, "path": str(file), "raw": raw,
                     "n_chars": len(raw), "replaced": replaced, "problem": problem})
    corpus = pd.DataFrame(rows, columns=["doc_id", "file", "path", "raw", "n_chars", "replaced",
                                         "problem"])
    if isinstance(sources, str) and sources == "auto":
        folder = Path(path) if isinstance(path, (str, Path)) and Path(path).is_dir() else None
        sources = folder / "sources.csv" if folder and (folder / "sources.csv").exists() else None
    if sources is not None:
        meta = _read_metadata(sources)
        extra = [c for c in meta.columns if c == "file" or c not in corpus.columns or c == "source"]
        corpus = corpus.merge(meta[extra], on="file", how="left")
    if "source" not in corpus.columns:
        corpus["source"] = pd.NA
    corpus["source"] = corpus["source"].where(corpus["source"].notna() & (corpus["source"] != ""),
                                              corpus["doc_id"])
    front = ["doc_id", "source", "path", "raw", "n_chars", "replaced", "problem"]
    corpus = corpus[front + [c for c in corpus.columns if c not in front and c != "file"]]
    empty = corpus.loc[corpus["problem"] == "empty file", "path"].tolist()
    if empty:
        warnings.warn(f"{len(empty)} empty file(s) kept with empty text: {', '.join(empty)}",
                      stacklevel=2)
    if skipped:
        warnings.warn(f"{len(skipped)} file(s) skipped: " + "; ".join(skipped), stacklevel=2)
    corpus.attrs["skipped"] = skipped
    return corpus
