"""Synthetic scraped pages for tests and benchmarks: any number of documents, many sources.

Pages are built from the sentences of the seed articles' cleaned bodies, wrapped in the page
furniture a scraper brings along (menus, share buttons, newsletter boxes, footers). Every
source has its own furniture, repeated on each of its pages (so cross-page boilerplate
detection has work to do), and its own preferred sentences (so sources differ in vocabulary).
A share of pages reprints an earlier page's body under another source, lightly edited (wire
copy: what near-duplicate and text-reuse detection should find). Invented names drawn from a
Zipf distribution make the vocabulary keep growing with the corpus, as real news does.

Everything is drawn from one ``random.Random(seed)``: the same arguments give the same bytes.
Generation streams (one page in memory at a time, plus a short ring of recent bodies).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["SyntheticPage", "seed_sentences", "synthetic_pages", "write_synthetic_corpus"]

_MENU = ["Home", "World", "Politics", "Business", "Asia", "Europe", "Opinion", "Sport",
         "Culture", "Science", "Video", "Podcasts", "Markets", "Tech", "Travel", "Weather"]
_FURNITURE_AFTER = [
    "Share this article", "Share on Facebook", "Share on X", "Copy link", "Print",
    "Related articles", "Most read", "Sign up for our newsletter", "Read more",
    "Comments are closed.", "Advertisement", "Follow us on Instagram",
]
_FURNITURE_BEFORE = ["Skip to content", "Skip to main content", "Menu", "Search", "Subscribe",
                     "Log in", "Trending"]
_FIRST = ["Anna", "Daniel", "Mira", "Jae-won", "Olga", "Rahul", "Lucia", "Tomas", "Hana",
          "Ivan", "Priya", "Kenji", "Sara", "Yusuf", "Elena", "Min-ji"]
_LAST = ["Kim", "Petrova", "Sharma", "Rossi", "Novak", "Park", "Ivanova", "Tanaka", "Haddad",
         "Lee", "Moreau", "Singh", "Costa", "Weber", "Choi", "Lind"]
_SYLLABLES = ["ka", "lo", "mi", "ra", "ven", "do", "sha", "tor", "el", "yun", "be", "gor",
              "na", "vi", "stan", "ko", "ri", "mar", "zel", "pa", "dan", "ok", "hu", "lin"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


@dataclass(frozen=True)
class SyntheticPage:
    """One generated page and its metadata row."""

    file: str
    source: str
    date: str  # ISO date, as a metadata CSV would carry it
    url: str
    text: str
    reprint_of: str  # file name of the page whose body this one reprints, or ""


@lru_cache(maxsize=1)
def seed_sentences() -> tuple[str, ...]:
    """The distinct sentences of the seed pages' cleaned bodies (at least a few words each)."""
    from textlab.clean import clean_corpus
    from textlab.corpus import load_corpus
    from textlab.paths import SEEDS_DIR
    from textlab.text import sentences

    docs = clean_corpus(load_corpus(SEEDS_DIR)).docs
    seen: dict[str, None] = {}
    for body in docs["body"]:
        for s in sentences(body):
            if len(s.split()) >= 4:
                seen.setdefault(s, None)
    if not seen:
        raise ValueError(f"{SEEDS_DIR}: the seed pages have no body sentences to build from")
    return tuple(seen)


def _lexicon(rng: random.Random, size: int) -> list[str]:
    words: dict[str, None] = {}
    while len(words) < size:
        n = rng.choice((2, 2, 3, 3, 4))
        words.setdefault("".join(rng.choice(_SYLLABLES) for _ in range(n)).capitalize(), None)
    return list(words)


class _Source:
    def __init__(self, i: int, rng: random.Random, n_sentences: int):
        self.name = f"Outlet {i:03d}"
        self.slug = f"outlet{i:03d}"
        self.domain = f"{self.slug}.example"
        menu = rng.sample(_MENU, rng.randint(4, 8))
        self.header = [" | ".join(menu), *rng.sample(_FURNITURE_BEFORE, rng.randint(1, 3))]
        self.footer = [*rng.sample(_FURNITURE_AFTER, rng.randint(2, 5)),
                       f"Sign up for the {self.name} morning briefing",
                       f"© 2024 {self.name}. All rights reserved."]
        # a house style: a third of the sentences are this outlet's favourites
        self.favourites = rng.sample(range(n_sentences), max(1, n_sentences // 3))
        self.title_suffix = rng.choice(["", "", f" | {self.name}", f" - {self.name}"])


def _title(rng: random.Random, sentence: str) -> str:
    words = sentence.rstrip(".!?\"”").split()
    return " ".join(w.capitalize() if w.islower() else w for w in words[:rng.randint(6, 11)])


def _sentence(rng: random.Random, src: _Source, sents: tuple[str, ...], lex: list[str],
              zipf: list[float]) -> str:
    idx = rng.choice(src.favourites) if rng.random() < 0.6 else rng.randrange(len(sents))
    s = sents[idx]
    if rng.random() < 0.35:  # mention a (new) name: the vocabulary grows with the corpus
        name = rng.choices(lex, cum_weights=zipf)[0]
        words = s.split()
        words.insert(rng.randrange(1, len(words)), name)
        s = " ".join(words)
    return s


def synthetic_pages(
    n_docs: int, *, n_sources: int | None = None, seed: int = 0, reprint_share: float = 0.1,
    lexicon_size: int = 20_000,
) -> Iterator[SyntheticPage]:
    """Generate ``n_docs`` scraped-looking pages, one at a time.

    Parameters
    ----------
    n_docs
        Number of pages.
    n_sources
        Number of outlets; default ``clip(round(sqrt(n_docs)), 3, 500)``.
    seed
        Seed of the random generator; the same arguments always give the same pages.
    reprint_share
        Share of pages whose body reprints a recent page of another source (lightly edited).
    lexicon_size
        Number of invented names mixed into sentences (Zipf-distributed).

    Examples
    --------
    >>> pages = list(synthetic_pages(4, n_sources=2, seed=1))
    >>> [p.file for p in pages]
    ['p0000000_outlet000.txt', 'p0000001_outlet001.txt', 'p0000002_outlet000.txt', 'p0000003_outlet001.txt']
    """
    if isinstance(n_docs, bool) or not isinstance(n_docs, int) or n_docs < 0:
        raise ValueError(f"n_docs={n_docs!r}: expected an integer >= 0")
    if n_sources is None:
        n_sources = min(500, max(3, round(n_docs ** 0.5)))
    if isinstance(n_sources, bool) or not isinstance(n_sources, int) or n_sources < 1:
        raise ValueError(f"n_sources={n_sources!r}: expected an integer >= 1")
    if not 0.0 <= reprint_share <= 1.0:
        raise ValueError(f"reprint_share={reprint_share!r}: expected a number in [0, 1]")
    rng = random.Random(seed)
    sents = seed_sentences()
    lex = _lexicon(rng, lexicon_size)
    acc, zipf = 0.0, []
    for rank in range(1, len(lex) + 1):
        acc += 1.0 / rank
        zipf.append(acc)
    sources = [_Source(i, rng, len(sents)) for i in range(n_sources)]
    recent: deque[tuple[str, str, list[str]]] = deque(maxlen=50)  # (file, source, paragraphs)
    day0 = dt.date(2024, 1, 1)
    for i in range(n_docs):
        # round-robin keeps every source populated; a random offset after the first lap
        src = sources[i % n_sources] if i < 2 * n_sources else rng.choice(sources)
        file = f"p{i:07d}_{src.slug}.txt"
        reprint_of = ""
        others = [r for r in recent if r[1] != src.name]
        if others and rng.random() < reprint_share:
            reprint_of, _, paras = rng.choice(others)
            paras = list(paras)
            k = rng.randrange(len(paras))  # an editor rewrites one paragraph
            paras[k] = _sentence(rng, src, sents, lex, zipf)
        else:
            paras = [" ".join(_sentence(rng, src, sents, lex, zipf)
                              for _ in range(rng.randint(1, 3)))
                     for _ in range(rng.randint(3, 8))]
            recent.append((file, src.name, paras))
        date = day0 + dt.timedelta(days=rng.randrange(366))
        title = _title(rng, paras[0])
        lines = [*src.header, "", title + src.title_suffix, "",
                 f"By {rng.choice(_FIRST)} {rng.choice(_LAST)}",
                 f"{_MONTHS[date.month - 1]} {date.day}, {date.year}", ""]
        for p in paras:
            lines += [p, ""]
        lines += src.footer
        slug = "-".join(title.lower().split()[:6]).replace("/", "")
        yield SyntheticPage(
            file=file, source=src.name, date=date.isoformat(),
            url=f"https://{src.domain}/{date.year}/{date.month:02d}/{slug}",
            text="\n".join(lines) + "\n", reprint_of=reprint_of,
        )


def write_synthetic_corpus(
    folder: str | Path, n_docs: int, *, n_sources: int | None = None, seed: int = 0,
    reprint_share: float = 0.1, bad_files: bool = False,
) -> Path:
    """Write :func:`synthetic_pages` as ``.txt`` files plus a ``sources.csv`` metadata table.

    Parameters
    ----------
    folder
        Created if missing; files already there with the same names are overwritten.
    bad_files
        Also write an empty page (``zz_empty.txt``), a non-UTF-8 page (``zz_latin1.txt``)
        and a binary file (``zz_binary.txt``), to exercise error reporting.

    Returns
    -------
    Path
        The folder.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     folder = write_synthetic_corpus(tmp, 3, n_sources=2)
    ...     sorted(p.name for p in folder.iterdir())
    ['p0000000_outlet000.txt', 'p0000001_outlet001.txt', 'p0000002_outlet000.txt', 'sources.csv']
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "sources.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "source", "date", "url", "reprint_of"])
        for page in synthetic_pages(n_docs, n_sources=n_sources, seed=seed,
                                    reprint_share=reprint_share):
            (folder / page.file).write_text(page.text, encoding="utf-8")
            writer.writerow([page.file, page.source, page.date, page.url, page.reprint_of])
    if bad_files:
        (folder / "zz_empty.txt").write_bytes(b"")
        (folder / "zz_latin1.txt").write_bytes(
            "Menu\n\nLe ministre a déclaré mardi que la voiture était un cadeau du président "
            "et qu'elle servirait aux déplacements officiels.\n".encode("latin-1"))
        (folder / "zz_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 8)
    return folder
