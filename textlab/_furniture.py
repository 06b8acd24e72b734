"""Site furniture: lines repeated across many pages of one source, each document counted once.

Footers, menus, newsletter boxes and "related stories" headings repeat across a site's pages;
article text does not, except when the *document* repeats: an update, a syndicated copy, the
same page scraped twice. So a source's pages are first put into groups of versions of one
document (near-duplicates by MinHash of their sets of long lines, where the article is),
and a line counts once per group: it is furniture when it is on at least
``max(min_docs, min_share × groups)`` groups. A source holding three versions of one article
and two other pages therefore has three documents, and the article's lines are on one of them.

Lines are compared whitespace-normalised, by a stable 64-bit hash, so the learned furniture of
a source is a small sorted array that can be sent to worker processes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np

__all__ = ["MIN_DOCS", "MIN_SHARE", "VERSION_THRESHOLD", "SAMPLE", "PageFacts", "page_lines",
           "line_hashes", "page_facts", "furniture_hashes", "repeated_in_page"]

MIN_DOCS = 3
"""A line must be on at least this many documents of a source to be furniture..."""
MIN_SHARE = 0.2
"""...and on at least this share of them."""
VERSION_THRESHOLD = 0.5
"""Pages whose sets of long lines have an estimated Jaccard similarity of at least this are
versions of one document (different articles of one site share a few percent at most: a
footer or two)."""
SAMPLE = 1000
"""At most this many pages per source are read to learn its furniture (a line on 20% of the
pages is on about 200 ± 13 of 1,000: more pages change nothing measurable)."""
LONG_LINE_WORDS = 8
"""Lines of at least this many words carry the article; their words identify a document."""
NUM_PERM = 64


def page_lines(raw: str) -> list[str]:
    """The page's non-empty lines, whitespace runs collapsed and ends stripped."""
    from textlab.clean import split_lines

    return [t for t in (" ".join(s.split()) for s in split_lines(raw)) if t]


def line_hashes(lines: Sequence[str]) -> np.ndarray:
    """A stable 64-bit hash of each line (equal lines, equal hashes, in every process)."""
    from textlab.reuse import _string_hashes

    return _string_hashes(lines)


class PageFacts(NamedTuple):
    """What furniture learning needs of a page: its distinct line hashes, and the MinHash of
    its set of long lines (None when it has none to tell versions apart)."""

    lines: np.ndarray
    signature: np.ndarray | None


def page_facts(raw: str) -> PageFacts:
    """:class:`PageFacts` of one page."""
    from textlab.reuse import minhash_of

    lines = page_lines(raw)
    hashes = line_hashes(lines)
    long = np.fromiter((t.count(" ") + 1 >= LONG_LINE_WORDS for t in lines), dtype=bool,
                       count=len(lines))
    return PageFacts(np.unique(hashes), minhash_of(hashes[long], num_perm=NUM_PERM))


def version_groups(facts: Sequence[PageFacts]) -> np.ndarray:
    """A group number per page: pages that are versions of one document share it."""
    from textlab.reuse import duplicate_groups, near_duplicates

    valid = [i for i, f in enumerate(facts) if f.signature is not None]
    pairs = np.zeros((0, 2), dtype=np.int64)
    if len(valid) > 1:
        sig = np.vstack([facts[i].signature for i in valid])
        near = near_duplicates(sig, threshold=VERSION_THRESHOLD)
        pos = np.asarray(valid, dtype=np.int64)
        pairs = np.stack([pos[near["i"].to_numpy()], pos[near["j"].to_numpy()]], axis=1)
    return duplicate_groups(len(facts), pairs)


def furniture_hashes(facts: Sequence[PageFacts], *, min_docs: int = MIN_DOCS,
                     min_share: float = MIN_SHARE) -> np.ndarray:
    """The sorted hashes of the lines on ``max(min_docs, min_share × documents)`` of the
    documents of one source's pages, versions of one document counting once."""
    if len(facts) < min_docs:
        return np.zeros(0, dtype=np.uint64)
    groups = version_groups(facts)
    n_docs = len(np.unique(groups))
    if n_docs < min_docs:
        return np.zeros(0, dtype=np.uint64)
    # a line counts once per group: the distinct (group, line) pairs
    per_group = [np.unique(np.concatenate([facts[i].lines for i in np.flatnonzero(groups == g)]))
                 for g in np.unique(groups)]
    hashes, counts = np.unique(np.concatenate(per_group), return_counts=True)
    need = max(min_docs, min_share * n_docs)
    return hashes[counts >= need]


def repeated_in_page(raw_lines: Iterable[str], furniture: np.ndarray) -> frozenset[str]:
    """The page's (normalised, non-empty) lines that are among the ``furniture`` hashes."""
    lines = [t for t in raw_lines if t]
    if not len(furniture) or not lines:
        return frozenset()
    hit = np.isin(line_hashes(lines), furniture)
    return frozenset(t for t, h in zip(lines, hit.tolist(), strict=True) if h)
