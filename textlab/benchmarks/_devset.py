"""Read folders of ``<id>.txt`` pages with ``<id>.gold.txt`` article bodies (not shipped), with
what their manifests say about each page: the site it comes from (to group pages by site in
cross-validation), its language and its metadata title."""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from textlab.clean import split_lines
from textlab.evaluate import shingles

__all__ = ["Page", "load_pages", "load_splits", "line_labels", "site_of_url", "guess_lang",
           "normalise_title", "title_matches"]


@dataclass(frozen=True)
class Page:
    page_id: str
    raw: str
    gold: str
    split: str = ""  # the folder's name ("dev", "train")
    site: str = ""  # the group for cross-validation: the site's domain, else the page itself
    lang: str = ""  # as the manifest gives it ("" when unknown)
    title: str = ""  # the page's metadata title ("" when unknown)
    site_name: str = ""  # the site's name as its metadata gives it ("" when unknown)


# second-level labels under which a country's domains are registered ("bbc.co.uk")
_GENERIC_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"})


def site_of_url(url: str) -> str:
    """The registered domain of a URL's host, without a public-suffix list: the last two
    labels, or three under a country's generic second level ("news.bbc.co.uk" -> "bbc.co.uk");
    "" when the URL has no host.

    >>> site_of_url("https://uk.reuters.com/article/x"), site_of_url("http://www.bbc.co.uk/n")
    ('reuters.com', 'bbc.co.uk')
    """
    host = (urlsplit(url.strip()).hostname or "") if url else ""
    labels = host.rstrip(".").split(".") if host else []
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _GENERIC_SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def guess_lang(text: str) -> str:
    """A page's language when its manifest does not say (for reports only): "ja"/"zh"/"ko"
    by script, else the stop list (the cleaner's) covering most of its words, else ""."""
    from textlab._linemodel import STOPLISTS

    letters = [c for c in text if c.isalpha()]
    if not letters:
        return ""
    kana = sum("\u3040" <= c <= "\u30ff" for c in letters)
    hangul = sum("\uac00" <= c <= "\ud7af" for c in letters)
    han = sum("\u4e00" <= c <= "\u9fff" for c in letters)
    if (kana + hangul + han) / len(letters) > 0.2:
        return "ja" if kana else "ko" if hangul > han else "zh"
    words = text.lower().split()
    hits = {lang: sum(w in stop for w in words) for lang, stop in STOPLISTS.items()}
    lang = max(hits, key=hits.get)
    return lang if hits[lang] >= 0.1 * len(words) else ""


def _manifest(folder: Path) -> dict[str, dict]:
    """Per page id, what the folder's ``meta.jsonl`` or a ``MANIFEST.tsv`` (in the folder or
    next to it) says about it: ``url``, ``lang``, ``title``, ``site_name`` where known."""
    found: dict[str, dict] = {}
    for path in (folder.parent / "MANIFEST.tsv", folder / "MANIFEST.tsv"):
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as fh:
                rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
                for row in rows:
                    if row.get("id"):
                        found.setdefault(row["id"], {}).update(
                            {k: row[k] for k in ("url", "lang", "title") if row.get(k)})
    meta = folder / "meta.jsonl"
    if meta.is_file():
        for line in meta.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                found.setdefault(d["id"], {}).update({k: d[k] for k in ("url", "lang", "title",
                                                                         "site_name") if d.get(k)})
    return found


def load_pages(folder: str | Path) -> list[Page]:
    """Every ``<id>.gold.txt`` in ``folder`` with its ``<id>.txt`` page, sorted by id.

    A page's ``site`` is the domain of its URL in the folder's manifest, or ``"page:<id>"``
    when no URL is known (such a page is a group of its own)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SystemExit(f"{folder}: not a folder (pass the dev set's path)")
    known = _manifest(folder)
    pages = []
    for gold in sorted(folder.glob("*.gold.txt")):
        page_id = gold.name[: -len(".gold.txt")]
        raw_path = folder / f"{page_id}.txt"
        if not raw_path.exists():
            raise SystemExit(f"{raw_path}: missing page for {gold.name}")
        meta = known.get(page_id, {})
        pages.append(Page(page_id, raw_path.read_text(encoding="utf-8", errors="replace"),
                          gold.read_text(encoding="utf-8", errors="replace"),
                          split=folder.resolve().name,
                          site=site_of_url(meta.get("url", "")) or f"page:{page_id}",
                          lang=meta.get("lang", ""), title=meta.get("title", ""),
                          site_name=meta.get("site_name", "")))
    if not pages:
        raise SystemExit(f"{folder}: no *.gold.txt files")
    return pages


def load_splits(folders: list[str | Path]) -> list[Page]:
    """The pages of several folders, in the order given (page ids must not repeat)."""
    pages = [p for folder in folders for p in load_pages(folder)]
    seen: set[str] = set()
    for p in pages:
        if p.page_id in seen:
            raise SystemExit(f"page id {p.page_id!r} occurs in more than one folder")
        seen.add(p.page_id)
    return pages


def line_labels(page: Page, *, min_overlap: float = 0.5) -> tuple[list[str], list[int]]:
    """Non-empty normalised lines of the page and 1/0 body labels derived from the gold text.

    A line is body when it equals a gold line, or when at least ``min_overlap`` of its
    4-token shingles occur in the gold text.
    """
    gold_lines = {" ".join(t.split()) for t in split_lines(page.gold)} - {""}
    gold_sh = shingles(page.gold)
    lines, labels = [], []
    for t in split_lines(page.raw):
        t = " ".join(t.split())
        if not t:
            continue
        lines.append(t)
        if t in gold_lines:
            labels.append(1)
            continue
        sh = shingles(t)
        total = sum(sh.values())
        hit = sum(min(c, gold_sh[s]) for s, c in sh.items()) / total if total else 0.0
        labels.append(int(hit >= min_overlap))
    return lines, labels


_TITLE_SEPARATORS = re.compile(r"\s+(?:[|\-\u2013\u2014:\u00b7\u00bb/]|::)\s+|\s*_\s*")


def normalise_title(title: str) -> str:
    """A title compared case-, space- and punctuation-blind: NFKC, case-folded, every run of
    characters other than letters and digits one space.

    >>> normalise_title("  Putin's car -- STOLEN!! ")
    'putin s car stolen'
    """
    folded = unicodedata.normalize("NFKC", title).casefold()
    return " ".join(re.sub(r"[^\w\s]|_", " ", folded).split())


def title_matches(found: str, meta_title: str, site_name: str = "") -> bool:
    """Whether a recovered title is the page's metadata title (normalised exact match), the
    metadata side also taken without the site's name where it stands before or after a common
    separator ("Headline - Site Name", "Site | Headline", "Headline_Section_Site")."""
    got = normalise_title(found)
    if not got:
        return False
    wanted = {normalise_title(meta_title)}
    site = normalise_title(site_name)
    parts = _TITLE_SEPARATORS.split(meta_title)
    if site:
        for cut in range(1, len(parts)):
            head, tail = " ".join(parts[:cut]), " ".join(parts[cut:])
            if site in normalise_title(tail) and len(normalise_title(tail)) <= len(site) + 15:
                wanted.add(normalise_title(head))  # the site's name, maybe with a section
            if normalise_title(head) == site:
                wanted.add(normalise_title(tail))
    return got in wanted
