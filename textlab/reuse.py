"""Text reuse: passages two documents share, near-duplicate documents, MinHash and LSH.

Two questions, two tools, the same at every corpus size:

* **Which passages do documents share?** :func:`shared_passages` finds every maximal run of at
  least ``min_words`` identical words (lower-cased :func:`textlab.text.tokenize` tokens) that two
  documents of different groups share. Each word ``k``-gram gets a 64-bit hash; k-grams with
  equal hashes in two documents are seeds, and seeds on one diagonal are joined into spans. All
  of it runs on NumPy arrays (a few hundred bytes per word), so the work grows with the number
  of words plus the number of seed pairs, never with the square of the corpus. A phrase found
  in more than ``max_docs`` documents (a set phrase, a wire sentence printed everywhere) is
  not paired: :func:`widespread_passages` lists it once, with how many documents hold it.
  :class:`PassageIndex` collects the hashes batch by batch for the engine; the in-memory
  functions use the same code.
* **Which documents are (near) copies?** MinHash signatures of word 5-gram shingles
  (``datasketch``), candidate pairs from LSH banding, each kept when the signatures' agreement
  (the estimated Jaccard similarity) reaches the threshold: :func:`near_duplicates`, and
  :func:`duplicate_groups` for the groups of copies (connected components).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from textlab.text import token_spans, tokenize

__all__ = [
    "PASSAGE_COLUMNS",
    "PassageIndex",
    "shared_passages",
    "widespread_passages",
    "remove_passages",
    "passage_hashes",
    "minhash",
    "minhash_of",
    "minhash_signatures",
    "lsh_params",
    "lsh_candidates",
    "near_duplicates",
    "duplicate_groups",
]

PASSAGE_COLUMNS = [
    "doc_a", "doc_b", "source_a", "source_b",
    "token_start_a", "token_end_a", "token_start_b", "token_end_b",
    "char_start_a", "char_end_a", "char_start_b", "char_end_b",
    "n_words", "text",
]
"""The columns of :func:`shared_passages` (the same at every corpus size)."""

MAX_DOCS = 10
"""A k-gram found in more documents than this is not paired: it is a widespread phrase. On
10,000 synthetic pages built from a few hundred sentences, 10 gives 20,000 shared spans and
0.8 GB; 50 gives 1.5 million spans and 2.4 GB, a table nobody reads pair by pair."""

# ----------------------------------------------------------------------------------------------
# hashing words and k-grams
# ----------------------------------------------------------------------------------------------

_BASE = 0x100000001B3  # odd, so it has an inverse modulo 2**64
_M64 = (1 << 64) - 1
# one odd multiplier per position of a k-gram (splitmix64 constants and their products)
_POSITION_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                          0x27D4EB2F165667C5, 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53,
                          0x94D049BB133111EB, 0xBF58476D1CE4E5B9], dtype=np.uint64)


@lru_cache(maxsize=8)
def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``B**j`` and ``B**-j`` modulo 2**64 for ``j < n`` (uint64 arithmetic wraps)."""
    up = np.full(n, _BASE, dtype=np.uint64)
    down = np.full(n, pow(_BASE, -1, 1 << 64), dtype=np.uint64)
    up[0] = down[0] = 1
    return np.cumprod(up), np.cumprod(down)


def _mix(h: np.ndarray) -> np.ndarray:
    """A 64-bit finaliser (MurmurHash3's fmix64), so that nearby inputs spread out."""
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def _string_hashes(tokens: Sequence[str]) -> np.ndarray:
    """A stable 64-bit hash per token (the same in every process; Python's ``hash`` is not):
    a polynomial over the token's code points, from one cumulative sum over all tokens."""
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    joined = "\x00".join(tokens)
    cp = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    n = len(cp)
    size = 1 << max(16, (n - 1).bit_length())  # powers cached for a few sizes
    pw, inv = _powers(size)
    cum = np.zeros(n + 1, dtype=np.uint64)
    ((cp.astype(np.uint64) + np.uint64(1)) * pw[:n]).cumsum(out=cum[1:])
    lens = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    starts = np.zeros(len(tokens), dtype=np.int64)
    np.cumsum(lens[:-1] + 1, out=starts[1:])
    return _mix((cum[starts + lens] - cum[starts]) * inv[starts])


def passage_hashes(tokens: Sequence[str], k: int) -> np.ndarray:
    """The hash of each word ``k``-gram of ``tokens`` (``len(tokens) - k + 1`` values, or none).

    Examples
    --------
    >>> a = passage_hashes("the car was a gift from the president".split(), 4)
    >>> b = passage_hashes("a gift from the president".split(), 4)
    >>> len(a), bool(a[4] == b[1]), bool(a[3] == b[1])
    (5, True, False)
    """
    n = len(tokens) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    words = _string_hashes(tokens)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        h += words[j:j + n] * _POSITION_MIX[j % len(_POSITION_MIX)] + np.uint64(j)
    return _mix(h)


# ----------------------------------------------------------------------------------------------
# shared passages
# ----------------------------------------------------------------------------------------------


def _pairs_within_runs(starts: np.ndarray, sizes: np.ndarray, max_docs: int
                       ) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs ``(i, j)``, ``i < j``, of positions within each run ``[start, start+size)``:
    every pair for runs of at most ``max_docs`` positions, else the first with each other."""
    small = sizes <= max_docs
    s_start, s_size = starts[small], sizes[small]
    # every pair: position o of a run pairs with the ``size - 1 - o`` after it
    pos = np.repeat(s_start, s_size) + _ranges(s_size)
    after = np.repeat(s_size, s_size) - 1 - _ranges(s_size)
    left = np.repeat(pos, after)
    right = left + 1 + _ranges(after)
    b_start, b_size = starts[~small], sizes[~small]
    star_left = np.repeat(b_start, b_size - 1)
    star_right = star_left + 1 + _ranges(b_size - 1)
    return np.concatenate([left, star_left]), np.concatenate([right, star_right])


def _ranges(sizes: np.ndarray) -> np.ndarray:
    """``concatenate([arange(s) for s in sizes])`` without a Python loop."""
    sizes = np.asarray(sizes, dtype=np.int64)
    total = int(sizes.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    firsts = np.zeros(len(sizes), dtype=np.int64)
    np.cumsum(sizes[:-1], out=firsts[1:])
    return np.arange(total, dtype=np.int64) - np.repeat(firsts, sizes)


def _seeds(hashes: np.ndarray, docs: np.ndarray, pos: np.ndarray, groups: np.ndarray,
           max_docs: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of equal k-gram hashes in two documents of different groups, rows
    ``(doc_a, doc_b, pos_a, pos_b)`` with ``doc_a < doc_b``; and the k-grams found in more than
    ``max_docs`` documents, which are not paired, rows ``(first doc, its position, n_docs)``."""
    if len(hashes) < 2:
        return np.zeros((0, 4), dtype=np.int64), np.zeros((0, 3), dtype=np.int64)
    order = np.lexsort((pos, docs, hashes))  # equal hashes: by document, then position
    h, d = hashes[order], docs[order]
    cut = np.flatnonzero(h[1:] != h[:-1]) + 1
    starts = np.concatenate(([0], cut))
    sizes = np.diff(np.concatenate((starts, [len(h)])))
    # distinct documents per run: the document changes within the (sorted) run
    new_doc = np.ones(len(h), dtype=np.int64)
    new_doc[1:] = d[1:] != d[:-1]
    new_doc[starts] = 1
    n_docs = np.add.reduceat(new_doc, starts)
    common = n_docs > max_docs
    first = order[starts[common]]
    widespread = np.stack([docs[first], pos[first], n_docs[common]], axis=1).astype(np.int64)
    keep = (n_docs > 1) & ~common
    left, right = _pairs_within_runs(starts[keep], sizes[keep], np.iinfo(np.int64).max)
    i, j = order[left], order[right]
    da, db = docs[i], docs[j]
    ok = (da != db) & (groups[da] != groups[db])
    pairs = np.stack([da[ok], db[ok], pos[i][ok], pos[j][ok]], axis=1).astype(np.int64)
    return pairs, widespread


def _runs(first: np.ndarray, k: int) -> np.ndarray:
    """Widespread k-grams ``(doc, pos, n_docs)`` joined into spans of consecutive positions of
    one document: rows ``(doc, start, end, n_docs)``, ``n_docs`` the smallest of the span's
    k-grams (no more documents than that hold the whole span)."""
    if not len(first):
        return np.zeros((0, 4), dtype=np.int64)
    order = np.lexsort((first[:, 1], first[:, 0]))
    d, p, n = first[order, 0], first[order, 1], first[order, 2]
    new = np.ones(len(d), dtype=bool)
    new[1:] = (d[1:] != d[:-1]) | (p[1:] != p[:-1] + 1)
    at = np.flatnonzero(new)
    last = np.concatenate((at[1:], [len(d)])) - 1
    return np.stack([d[at], p[at], p[last] + k, np.minimum.reduceat(n, at)], axis=1)


def _spans(seeds: np.ndarray, k: int) -> np.ndarray:
    """Seeds joined into maximal spans: rows ``(doc_a, doc_b, a0, a1, b0, b1)`` (token offsets,
    ends exclusive), a span being consecutive seeds on one diagonal of one pair."""
    if not len(seeds):
        return np.zeros((0, 6), dtype=np.int64)
    da, db, ia, ib = seeds.T
    diag = ia - ib
    order = np.lexsort((ia, diag, db, da))
    da, db, ia, diag = da[order], db[order], ia[order], diag[order]
    same = np.zeros(len(da), dtype=bool)
    same[1:] = (da[1:] == da[:-1]) & (db[1:] == db[:-1]) & (diag[1:] == diag[:-1])
    dup = same.copy()
    dup[1:] &= ia[1:] == ia[:-1]
    da, db, ia, diag, same = da[~dup], db[~dup], ia[~dup], diag[~dup], same[~dup]
    new = np.ones(len(da), dtype=bool)
    new[1:] = ~(same[1:] & (ia[1:] == ia[:-1] + 1))
    first = np.flatnonzero(new)
    last = np.concatenate((first[1:], [len(da)])) - 1
    a0, a1 = ia[first], ia[last] + k
    out = np.stack([da[first], db[first], a0, a1, a0 - diag[first], a1 - diag[first]], axis=1)
    return out[np.lexsort((out[:, 4], out[:, 2], out[:, 1], out[:, 0]))]


class PassageIndex:
    """The k-gram hashes of many documents, added batch by batch, and the spans they share.

    Example: ``index.add(hashes_of_a_batch)`` for every batch, then ``index.find(groups)``.

    Memory: 16 bytes per word of the corpus while it is built; :meth:`spans` sorts one hash
    partition at a time (``partitions``), so its working memory is a fraction of that.

    Parameters
    ----------
    k
        Shortest passage, in words.
    max_docs
        A k-gram found in more documents than this is not paired (a widespread phrase).
    partitions
        How many hash ranges are sorted one after the other.
    """

    def __init__(self, k: int = 8, *, max_docs: int = MAX_DOCS, partitions: int = 8):
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
            raise ValueError(f"min_words={k!r}: expected a positive integer")
        if isinstance(max_docs, bool) or not isinstance(max_docs, (int, np.integer)) \
                or max_docs < 2:
            raise ValueError(f"max_docs={max_docs!r}: expected an integer >= 2")
        self.k, self.max_docs, self.partitions = int(k), int(max_docs), int(partitions)
        self._chunks: list[np.ndarray] = []  # structured (hash, doc, pos) per batch
        self.n_docs = 0

    _DTYPE = np.dtype([("h", np.uint64), ("d", np.int32), ("p", np.int32)])

    def add(self, hashes: Sequence[np.ndarray]) -> None:
        """Add documents (their :func:`passage_hashes`), numbered in the order added."""
        sizes = np.fromiter(map(len, hashes), dtype=np.int64, count=len(hashes))
        rec = np.empty(int(sizes.sum()), dtype=self._DTYPE)
        if len(rec):
            rec["h"] = np.concatenate(hashes)
            rec["d"] = np.repeat(np.arange(self.n_docs, self.n_docs + len(hashes)), sizes)
            rec["p"] = _ranges(sizes)
            self._chunks.append(rec)
        self.n_docs += len(hashes)

    def find(self, groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(spans, widespread)``: maximal shared spans ``(doc_a, doc_b, a0, a1, b0, b1)``
        between documents whose ``groups`` (one integer per document) differ, sorted by pair
        then offsets; and the passages found in more than ``max_docs`` documents, which are
        not paired, as ``(first doc, start, end, n_docs)``."""
        groups = np.asarray(groups)
        if len(groups) != self.n_docs:
            raise ValueError(f"groups: {len(groups)} values for {self.n_docs} documents")
        shift = np.uint64(64 - max(1, (self.partitions - 1).bit_length()))
        pairs, widespread = [], []
        for part in range(self.partitions):
            pieces = [c[(c["h"] >> shift) == part] for c in self._chunks]
            rec = np.concatenate(pieces) if pieces else np.empty(0, dtype=self._DTYPE)
            p, w = _seeds(rec["h"], rec["d"].astype(np.int64), rec["p"].astype(np.int64),
                          groups, self.max_docs)
            pairs.append(p)
            widespread.append(w)
        return _spans(np.concatenate(pairs), self.k), _runs(np.concatenate(widespread), self.k)


def _span_offsets(ranges: Sequence[tuple[int, int, int]], texts: Sequence[str]
                  ) -> dict[tuple[int, int, int], tuple[int, int, str, str]]:
    """For each ``(doc, first token, end token)``: the character offsets of those tokens in
    ``texts[doc]``, their words joined by spaces and the text they span. Documents are read
    once each, in increasing order (``texts`` may stream them), and tokenised one at a time,
    so memory holds the ranges, not every document's tokens."""
    by_doc: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for d, t0, t1 in ranges:
        by_doc[d].append((t0, t1))
    out = {}
    for d in sorted(by_doc):
        text = texts[d]
        spans = token_spans(text)
        for t0, t1 in by_doc[d]:
            c0, c1 = spans[t0][0], spans[t1 - 1][1]
            out[(d, t0, t1)] = (c0, c1, " ".join(t for *_, t in spans[t0:t1]), text[c0:c1])
    return out


def passage_frame(spans: np.ndarray, texts: Sequence[str], doc_ids: Sequence, sources: Sequence
                  ) -> pd.DataFrame:
    """Spans (from :meth:`PassageIndex.find`) as the :data:`PASSAGE_COLUMNS` frame, with
    character offsets and text read from the documents' ``texts`` (positions as numbered).

    Only the documents that share a passage are tokenised again; a span whose words differ
    on the two sides (a 64-bit hash collision, about 1e-19 per pair of k-grams) is dropped."""
    rows_in = spans.tolist()
    offsets = _span_offsets([r for da, db, a0, a1, b0, b1 in rows_in
                             for r in ((da, a0, a1), (db, b0, b1))], texts)
    rows = []
    for da, db, a0, a1, b0, b1 in rows_in:
        ca0, ca1, words_a, text_a = offsets[(da, a0, a1)]
        cb0, cb1, words_b, _ = offsets[(db, b0, b1)]
        if words_a != words_b:
            continue
        rows.append((doc_ids[da], doc_ids[db], sources[da], sources[db], a0, a1, b0, b1,
                     ca0, ca1, cb0, cb1, a1 - a0, text_a))
    out = pd.DataFrame(rows, columns=PASSAGE_COLUMNS)
    ints = [c for c in PASSAGE_COLUMNS if c.startswith(("token_", "char_")) or c == "n_words"]
    return out.astype(dict.fromkeys(ints, "int64"))


WIDESPREAD_COLUMNS = ["doc_id", "source", "token_start", "token_end", "char_start", "char_end",
                      "n_words", "n_docs", "text"]
"""The columns of :func:`widespread_passages`."""


def widespread_frame(runs: np.ndarray, texts: Sequence[str], doc_ids: Sequence,
                     sources: Sequence) -> pd.DataFrame:
    """Widespread runs (from :meth:`PassageIndex.find`) as the :data:`WIDESPREAD_COLUMNS`
    frame, most documents first."""
    rows = []
    found = runs.tolist()
    offsets = _span_offsets([(d, t0, t1) for d, t0, t1, _ in found], texts)
    for d, t0, t1, n in found:
        c0, c1, _, text = offsets[(d, t0, t1)]
        rows.append((doc_ids[d], sources[d], t0, t1, c0, c1, t1 - t0, n, text))
    out = pd.DataFrame(rows, columns=WIDESPREAD_COLUMNS)
    ints = ["token_start", "token_end", "char_start", "char_end", "n_words", "n_docs"]
    out = out.astype(dict.fromkeys(ints, "int64"))
    return out.sort_values(["n_docs", "n_words"], ascending=False, kind="stable",
                           ignore_index=True)


def _index(corpus: pd.DataFrame, min_words: int, text_col: str, by: str, max_docs: int):
    from textlab.similarity import _check_columns, _texts

    _check_columns(corpus, "doc_id", text_col, by)
    index = PassageIndex(min_words, max_docs=max_docs)
    texts = _texts(corpus, text_col).tolist()
    index.add([passage_hashes(tokenize(t), index.k) for t in texts])
    codes = pd.factorize(corpus[by], sort=False)[0]
    doc_ids = corpus["doc_id"].tolist()
    sources = corpus["source"].tolist() if "source" in corpus.columns else doc_ids
    return index.find(codes), texts, doc_ids, sources


def widespread_passages(
    corpus: pd.DataFrame, *, min_words: int = 8, text_col: str = "body", by: str = "doc_id",
    max_docs: int = MAX_DOCS,
) -> pd.DataFrame:
    """Passages found in more than ``max_docs`` documents (set phrases, boilerplate that
    survived cleaning, wire copy printed everywhere), which :func:`shared_passages` does not
    list pair by pair.

    Returns
    -------
    pandas.DataFrame
        One row per passage, as written in the first document holding it: ``doc_id, source,
        token_start, token_end, char_start, char_end, n_words, n_docs, text``; ``n_docs`` is
        the number of documents holding its rarest ``min_words``-word phrase (at most that
        many hold the whole passage). Most widespread first.

    Examples
    --------
    >>> wire = "the security council resolution bans the sale of luxury cars to the north"
    >>> corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(6)],
    ...                        "body": [f"Outlet {i} wrote: {wire}." for i in range(6)]})
    >>> widespread_passages(corpus, max_docs=3)[["doc_id", "n_words", "n_docs"]]
      doc_id  n_words  n_docs
    0     d0       14       6
    """
    (_, runs), texts, doc_ids, sources = _index(corpus, min_words, text_col, by, max_docs)
    return widespread_frame(runs, texts, doc_ids, sources)


def shared_passages(
    corpus: pd.DataFrame, *, min_words: int = 8, text_col: str = "body", by: str = "doc_id",
    max_docs: int = MAX_DOCS,
) -> pd.DataFrame:
    """Passages of at least ``min_words`` identical words that two documents share.

    Words are :func:`textlab.text.tokenize` tokens in lower case, so punctuation, case and line
    breaks do not matter. See the module docstring for how passages are found.

    Parameters
    ----------
    corpus
        ``doc_id`` and ``text_col`` columns (``source`` is reported when present).
    min_words
        Shortest passage reported. 8 words rarely match by chance in news prose; set-phrase
        titles ("the United Nations Security Council resolution …") can.
    by
        Only pairs of documents with different values in this column are compared:
        ``"doc_id"`` compares every pair; ``"source"`` ignores reuse within one outlet.
    max_docs
        A word ``min_words``-gram found in more than this many documents is not paired: a
        phrase printed everywhere would give a row for every pair of documents, so it is
        reported once, by :func:`widespread_passages`.

    Returns
    -------
    pandas.DataFrame
        One row per maximal shared span: ``doc_a, doc_b`` (``doc_a`` first in the corpus),
        ``source_a, source_b``, token offsets ``token_start_a, token_end_a, token_start_b,
        token_end_b`` (end exclusive), character offsets into ``text_col``
        ``char_start_a, char_end_a, char_start_b, char_end_b``, ``n_words`` and ``text`` (as
        written in ``doc_a``). A passage repeated within a document is reported once per
        occurrence.

    Examples
    --------
    >>> wire = "Russia should also be aware of its responsibility as a permanent member"
    >>> corpus = pd.DataFrame({
    ...     "doc_id": ["d1", "d2", "d3"], "source": ["A", "B", "C"],
    ...     "body": [f"Seoul said: {wire}.", f"“{wire},” an official added.", "Nothing shared."]})
    >>> p = shared_passages(corpus, min_words=8)
    >>> p[["doc_a", "doc_b", "token_start_a", "token_start_b", "n_words"]]
      doc_a doc_b  token_start_a  token_start_b  n_words
    0    d1    d2              2              0       12
    >>> p.text[0] == wire
    True
    """
    (spans, _), texts, doc_ids, sources = _index(corpus, min_words, text_col, by, max_docs)
    out = passage_frame(spans, texts, doc_ids, sources)
    out.attrs = {"min_words": int(min_words), "text_col": text_col, "by": by}  # for labels
    return out


def _merge_intervals(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for s, e in sorted(intervals):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def remove_passages(
    corpus: pd.DataFrame, passages: pd.DataFrame, text_col: str = "body"
) -> pd.DataFrame:
    """Cut shared passages out of every document that contains them.

    Parameters
    ----------
    corpus
        The corpus the passages were found in.
    passages
        A :func:`shared_passages` frame computed on the same ``text_col``; both sides of each
        passage (``doc_a`` and ``doc_b``) are cut.
    text_col
        The text column to edit.

    Returns
    -------
    pandas.DataFrame
        A copy of ``corpus`` whose ``text_col`` has each passage replaced by a blank line
        (so no n-gram or sentence joins the words around it), plus ``removed_words``: how many
        words were cut from each document.

    Raises
    ------
    ValueError
        When a passage's offsets do not point at its words in ``corpus[text_col]`` (passages
        computed on another column, or before the text changed).

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["d1", "d2"],
    ...                        "body": ["Own words. A B C D E F G H.", "A b c d e f g h! Mine."]})
    >>> out = remove_passages(corpus, shared_passages(corpus))
    >>> out.body.tolist(), out.removed_words.tolist()
    (['Own words. \\n\\n.', '\\n\\n! Mine.'], [8, 8])
    """
    from textlab.similarity import _check_columns, _texts

    _check_columns(corpus, "doc_id", text_col)
    _check_columns(passages, "doc_a", "doc_b", "char_start_a", "char_end_a", "char_start_b",
                   "char_end_b", "n_words", arg="passages")
    out = corpus.copy()
    texts = _texts(corpus, text_col).tolist()
    position = {d: i for i, d in enumerate(corpus["doc_id"])}
    cuts: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for side in ("a", "b"):
        docs = passages[f"doc_{side}"].tolist()
        starts = passages[f"char_start_{side}"].tolist()
        ends = passages[f"char_end_{side}"].tolist()
        words = (passages["text"].map(tokenize).tolist() if "text" in passages.columns
                 else [None] * len(passages))
        for doc, s, e, n, w in zip(docs, starts, ends, passages["n_words"].tolist(), words,
                                   strict=True):
            if doc not in position:
                raise ValueError(f"passages: doc {doc!r} is not in corpus['doc_id']")
            found = tokenize(texts[position[doc]][s:e])
            if len(found) != n or (w is not None and found != w):
                raise ValueError(
                    f"passages: offsets {s}:{e} of doc {doc!r} do not hold the passage's {n} "
                    f"words in corpus[{text_col!r}]; were the passages computed on another "
                    "column or before the text changed?"
                )
            cuts[position[doc]].append((int(s), int(e)))
    removed = [0] * len(texts)
    for i, intervals in cuts.items():
        text, pieces, last = texts[i], [], 0
        for s, e in _merge_intervals(intervals):
            removed[i] += len(tokenize(text[s:e]))
            pieces.append(text[last:s])
            last = e
        pieces.append(text[last:])
        texts[i] = "\n\n".join(pieces)
    out[text_col] = texts
    out["removed_words"] = removed
    return out


# ----------------------------------------------------------------------------------------------
# MinHash and LSH: near-duplicate documents without comparing all pairs
# ----------------------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _template(num_perm: int, seed: int):
    """A datasketch MinHash whose permutations (drawn from ``seed``) are reused."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=seed)


def _identity(value):
    return value


_MAX_HASH = np.uint64((1 << 32) - 1)


def minhash_of(items: np.ndarray, *, num_perm: int = 128, seed: int = 1) -> np.ndarray | None:
    """The MinHash signature (``num_perm`` uint32 values, ``datasketch``) of a set of items
    given by their stable 64-bit hashes (shingles, lines), or None for an empty set.

    The hashes go to ``datasketch.MinHash.update_batch`` as they are (their low 32 bits),
    instead of datasketch hashing each item's bytes with SHA-1 in Python.
    """
    from datasketch import MinHash

    if not len(items):
        return None
    t = _template(num_perm, seed)
    m = MinHash(num_perm=num_perm, seed=seed, hashfunc=_identity,
                permutations=t.permutations, scheme=t.scheme)
    m.update_batch(np.unique(np.asarray(items, dtype=np.uint64) & _MAX_HASH))
    return m.hashvalues.astype(np.uint32)


def minhash(tokens: Sequence[str], *, num_perm: int = 128, shingle: int = 5,
            seed: int = 1) -> np.ndarray | None:
    """:func:`minhash_of` the word ``shingle``-grams of ``tokens`` (hashed by
    :func:`passage_hashes`), or None when there are fewer than ``shingle`` tokens."""
    return minhash_of(passage_hashes(tokens, shingle), num_perm=num_perm, seed=seed)


def minhash_signatures(texts: Sequence[str], *, num_perm: int = 128, shingle: int = 5,
                       seed: int = 1, tokens: Sequence[Sequence[str]] | None = None,
                       ) -> tuple[np.ndarray, np.ndarray]:
    """:func:`minhash` of each text's :func:`textlab.text.tokenize` tokens (or of ``tokens``,
    when the caller has them already).

    Returns
    -------
    (signatures, valid)
        ``uint32`` array of shape ``(len(texts), num_perm)``; ``valid`` is False for texts
        shorter than ``shingle`` words (their row is all ones and must be ignored).
    """
    sig = np.full((len(texts), num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
    valid = np.zeros(len(texts), dtype=bool)
    for i, t in enumerate(texts):
        toks = tokens[i] if tokens is not None else tokenize(t) if isinstance(t, str) else []
        s = minhash(toks, num_perm=num_perm, shingle=shingle, seed=seed)
        if s is not None:
            sig[i], valid[i] = s, True
    return sig, valid


def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) as ``datasketch.MinHashLSH`` chooses them for ``threshold``
    (false positives and negatives weighted equally)."""
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"threshold={threshold!r}: expected a number strictly between 0 and 1")
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return int(lsh.b), int(lsh.r)


def _band_keys(sig: np.ndarray, lo: int, hi: int) -> np.ndarray:
    h = np.zeros(sig.shape[0], dtype=np.uint64)
    for j in range(lo, hi):
        h = _mix(h ^ sig[:, j].astype(np.uint64) * _POSITION_MIX[j % len(_POSITION_MIX)])
    return h


def lsh_candidates(signatures: np.ndarray, *, threshold: float = 0.8,
                   max_bucket: int = 100, owners: np.ndarray | None = None) -> np.ndarray:
    """Candidate pairs ``(i, j)``, ``i < j``: rows sharing at least one LSH band.

    Banding as in ``datasketch.MinHashLSH`` (same bands and rows, :func:`lsh_params`), but on
    the signature array: each band is hashed and sorted at once, so memory holds a few arrays
    of ``n_rows`` integers instead of a hash table of every band of every row, and a bucket of
    more than ``max_bucket`` rows (a page reprinted hundreds of times) is linked as a star from
    its first row instead of all its pairs. Pairs of rows with the same ``owners`` value are
    left out.
    """
    n, num_perm = signatures.shape
    b, r = lsh_params(threshold, num_perm)
    found: list[np.ndarray] = []
    if n >= 2:
        for band in range(b):
            keys = _band_keys(signatures, band * r, (band + 1) * r)
            order = np.argsort(keys, kind="stable")
            ks = keys[order]
            cut = np.flatnonzero(ks[1:] != ks[:-1]) + 1
            starts = np.concatenate(([0], cut))
            sizes = np.diff(np.concatenate((starts, [n])))
            keep = sizes > 1
            left, right = _pairs_within_runs(starts[keep], sizes[keep], max_bucket)
            a, c = order[left], order[right]
            found.append(np.minimum(a, c) * n + np.maximum(a, c))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(found))
    pairs = np.stack([codes // n, codes % n], axis=1)
    if owners is not None:
        pairs = pairs[owners[pairs[:, 0]] != owners[pairs[:, 1]]]
    return pairs


def near_duplicates(signatures: np.ndarray, *, threshold: float = 0.8, max_bucket: int = 100,
                    owners: np.ndarray | None = None, chunk: int = 200_000) -> pd.DataFrame:
    """Pairs of rows whose estimated Jaccard similarity is at least ``threshold``.

    LSH (:func:`lsh_candidates`) proposes pairs; each is kept when the share of equal
    signature values (the MinHash estimate of shingle Jaccard) reaches ``threshold``.

    Returns
    -------
    pandas.DataFrame
        ``i, j, jaccard`` (row positions, ``i < j``), sorted.

    Examples
    --------
    >>> a = "the minister said on tuesday that the car was a gift from the president"
    >>> sig, _ = minhash_signatures([a, a + " today", "something else entirely was said here"])
    >>> near_duplicates(sig, threshold=0.7)[["i", "j"]].values.tolist()
    [[0, 1]]
    """
    pairs = lsh_candidates(signatures, threshold=threshold, max_bucket=max_bucket,
                           owners=owners)
    keep, jac = [], []
    for s in range(0, len(pairs), chunk):
        p = pairs[s:s + chunk]
        est = (np.asarray(signatures[p[:, 0]]) == np.asarray(signatures[p[:, 1]])).mean(axis=1)
        ok = est >= threshold
        keep.append(p[ok])
        jac.append(est[ok])
    if not keep:
        return pd.DataFrame({"i": np.zeros(0, dtype=np.int64), "j": np.zeros(0, dtype=np.int64),
                             "jaccard": np.zeros(0)})
    p = np.concatenate(keep)
    return pd.DataFrame({"i": p[:, 0], "j": p[:, 1], "jaccard": np.concatenate(jac).round(4)})


def duplicate_groups(n: int, pairs: np.ndarray | pd.DataFrame) -> np.ndarray:
    """A group number per row (0 … n-1) such that rows linked by ``pairs`` (directly or
    through others) share it; a group is numbered by its first row.

    Examples
    --------
    >>> duplicate_groups(5, np.array([[0, 3], [3, 4]])).tolist()
    [0, 1, 2, 0, 0]
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if isinstance(pairs, pd.DataFrame):
        pairs = pairs[["i", "j"]].to_numpy()
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    # number each group by its first row, so the labels do not depend on the graph's order
    first = np.full(labels.max() + 1 if n else 0, n, dtype=np.int64)
    np.minimum.at(first, labels, np.arange(n))
    return first[labels]
