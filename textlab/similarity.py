"""How alike are the sources? Similarity matrices, clustering, 2-D maps and their intervals.

Every function takes the corpus frame (one row per document, with ``doc_id``, a grouping
column such as ``source`` and a text column such as ``body``) and returns a new DataFrame.
Documents of one group are concatenated before comparing groups. Word TF-IDF similarity is
computed from summed term counts (:func:`similarity_from_counts`), the one implementation the
in-memory function and the engine share.

Reprinted agency copy makes two outlets look alike for a reason that has nothing to do with
their own writing. :func:`textlab.reuse.shared_passages` finds such passages, and every helper
here and in :mod:`textlab.terms` accepts ``exclude=`` (a shared-passages frame, or ``True`` to
compute one) to compare the outlets' own words only.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.cluster.hierarchy import leaves_list, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.manifold import MDS

from textlab.lang import document_languages
from textlab.reuse import remove_passages, shared_passages
from textlab.text import (
    StopWords,
    TermAnalyzer,
    _lang_texts,
    sentences,
    tokenize,
    word_ngrams,
)

__all__ = [
    "SIMILARITY_METHODS",
    "similarity_matrix",
    "similarity_from_counts",
    "similarity_long",
    "nearest_from_counts",
    "unique_pairs",
    "Clustering",
    "cluster",
    "embed_2d",
    "shared_passages",
    "remove_passages",
    "bootstrap_similarity",
]

SIMILARITY_METHODS = ("word_tfidf", "char_tfidf", "jaccard")
_DEFAULT_NGRAMS = {"word_tfidf": (1, 1), "char_tfidf": (3, 5), "jaccard": (3, 3)}
_LINKAGE_METHODS = ("average", "complete", "single", "weighted")


# ----------------------------------------------------------------------------------------------
# shared plumbing (also used by textlab.terms)
# ----------------------------------------------------------------------------------------------
def _check_columns(corpus: pd.DataFrame, *cols: str, arg: str = "corpus") -> None:
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(f"{arg}: expected a pandas DataFrame, got {type(corpus).__name__}")
    for col in cols:
        if col not in corpus.columns:
            raise ValueError(f"{arg}: missing column {col!r}; columns are {list(corpus.columns)}")


def _texts(corpus: pd.DataFrame, text_col: str) -> pd.Series:
    return corpus[text_col].astype(object).where(corpus[text_col].notna(), "").astype(str)


def _doc_texts(
    corpus: pd.DataFrame, text_col: str, exclude: pd.DataFrame | bool | None
) -> pd.Series:
    """Each document's text, with shared passages removed when ``exclude`` asks for it."""
    _check_columns(corpus, text_col)
    if exclude is None or exclude is False:
        return _texts(corpus, text_col).reset_index(drop=True)
    if exclude is True:
        exclude = shared_passages(corpus, text_col=text_col)
    if not isinstance(exclude, pd.DataFrame):
        raise TypeError(
            f"exclude: expected None, True or a shared_passages() frame, got {type(exclude).__name__}"
        )
    cleaned = remove_passages(corpus, exclude, text_col=text_col)
    return cleaned[text_col].reset_index(drop=True)


def _group_texts(
    corpus: pd.DataFrame, *, by: str, text_col: str, exclude: pd.DataFrame | bool | None = None
) -> pd.Series:
    """One text per group (documents joined by a blank line), groups in order of appearance."""
    _check_columns(corpus, by, text_col)
    labels = corpus[by].reset_index(drop=True)
    if labels.isna().any():
        raise ValueError(f"by={by!r}: the column has missing values; fill or drop them first")
    texts = _doc_texts(corpus, text_col, exclude)
    joined = texts.groupby(labels, sort=False).agg("\n\n".join)
    joined.index.name = by
    return joined


def _progress(total: int, desc: str, unit: str, enabled: bool | None):
    """A tqdm bar on stderr; ``enabled=None`` shows it only when stderr is a terminal (so
    notebooks, logs and tests stay clean)."""
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, mininterval=0.5,
                disable=None if enabled is None else not enabled)


def _follows_language(stop_words: StopWords) -> bool:
    return stop_words is True or (isinstance(stop_words, str) and stop_words == "auto")


def _lang_units(corpus: pd.DataFrame, texts: pd.Series, stop_words: StopWords) -> list:
    """Documents as :class:`TermAnalyzer` takes them: ``(text, lang)`` pairs when the stop
    words follow each document's language (its ``lang`` column, else detected), else texts."""
    if not _follows_language(stop_words):
        return texts.tolist()
    given = corpus["lang"].reset_index(drop=True) if "lang" in corpus.columns else None
    return list(zip(texts.tolist(), document_languages(texts, given), strict=True))


def _unit_text(unit: object) -> str:
    return unit if isinstance(unit, str) else "\n\n".join(t for t, _ in _lang_texts(unit))


def _empty_warning(texts: pd.Series, what: str = "group") -> None:
    empty = [str(k) for k, t in texts.items() if not tokenize(t)]
    if empty:
        warnings.warn(f"{len(empty)} {what}(s) without words: {', '.join(empty)}", stacklevel=3)


# ----------------------------------------------------------------------------------------------
# similarity matrices
# ----------------------------------------------------------------------------------------------
def _joined_tokens(text: str) -> str:
    return " ".join(tokenize(text))


def _similarity_from_texts(
    texts: list, method: str, ngram_range: tuple[int, int] | None,
    stop_words: StopWords = True,
) -> np.ndarray:
    """Similarity of units: strings, or :class:`TermAnalyzer` documents (``(text, lang)``
    pairs) whose language picks their stop words (word TF-IDF from the units' term counts)."""
    n = len(texts)
    ngrams = _DEFAULT_NGRAMS[method] if ngram_range is None else tuple(ngram_range)
    if method == "word_tfidf":
        vec = CountVectorizer(analyzer=TermAnalyzer(ngrams, stop_words=stop_words))
        try:
            return _similarity_from_counts(vec.fit_transform(texts))
        except ValueError:  # empty vocabulary: nothing to compare
            return _similarity_from_counts(sparse.csr_matrix((n, 0)))
    texts = [_unit_text(t) for t in texts]
    if method == "jaccard":
        sets = [set(word_ngrams(tokenize(t), ngrams)) for t in texts]
        sim = np.zeros((n, n))
        for i, j in combinations(range(n), 2):
            union = len(sets[i] | sets[j])
            sim[i, j] = sim[j, i] = len(sets[i] & sets[j]) / union if union else 0.0
    else:
        # character n-grams of the tokens, so case and punctuation do not count
        vec = TfidfVectorizer(analyzer="char_wb", ngram_range=ngrams, sublinear_tf=True,
                              preprocessor=_joined_tokens)
        try:
            X = vec.fit_transform(texts)
        except ValueError:  # empty vocabulary: nothing to compare
            X = None
        sim = _cosine(X, n)
    np.fill_diagonal(sim, 1.0)
    return sim


def _cosine(X, n: int) -> np.ndarray:
    """Cosine similarity of the rows of an l2-normalised sparse matrix (zeros if None)."""
    sim = np.zeros((n, n)) if X is None else (X @ X.T).toarray()
    return np.clip((sim + sim.T) / 2, 0.0, 1.0)


def similarity_from_counts(counts: pd.DataFrame, *, groups: Sequence[Any] | None = None,
                           sublinear_tf: bool = True, by: str = "group",
                           only: Sequence[Any] | None = None) -> pd.DataFrame:
    """Cosine similarity of groups' TF-IDF vectors, from summed term counts.

    Sublinear tf, smooth idf, l2 norm, each group one unit (scikit-learn's
    ``TfidfTransformer``); :func:`similarity_matrix` with ``method="word_tfidf"`` is
    :func:`textlab.count_terms` followed by this, and so is the engine's similarity at any
    corpus size.

    Parameters
    ----------
    counts
        ``group, term, count`` (e.g. :func:`textlab.count_terms`, or summed partial counts).
    groups
        Every group, in order, including groups without any term (rows of zeros that still
        count as units for the IDF); default: the groups of ``counts`` in order of appearance.
    by
        Name of the two axes (the column the groups come from).
    only
        The groups to return, in this order: the square over them, with the IDF still learned
        from every group (the numbers equal those of the whole matrix). For a figure of a few
        groups of a corpus with thousands, whose whole matrix would not fit in memory.

    Returns
    -------
    pandas.DataFrame
        Square, labelled by group, 1 on the diagonal.
    """
    from textlab.terms import group_term_matrix

    m, labels, _ = group_term_matrix(counts, groups=groups)
    rows = None
    if only is not None:
        rows = pd.Index(labels).get_indexer(list(only))
        if (rows < 0).any():
            raise ValueError(f"only: {list(only)[int(np.flatnonzero(rows < 0)[0])]!r} is not "
                             "a group of counts")
        labels = labels[rows]
    sim = _similarity_from_counts(m, sublinear_tf=sublinear_tf, rows=rows)
    index = pd.Index(labels, name=by)
    out = pd.DataFrame(sim, index=index, columns=index.copy())
    out.attrs["method"] = "word_tfidf"
    return out


NEAREST_BLOCK_CELLS = 1 << 23
""":func:`nearest_from_counts` computes the similarities of this many pairs at a time
(about 64 MB of float64)."""


def nearest_from_counts(counts: pd.DataFrame, *, groups: Sequence[Any] | None = None,
                        k: int = 10, sublinear_tf: bool = True,
                        progress: bool | None = None) -> pd.DataFrame:
    """Each group's ``k`` most similar other groups, without the groups × groups matrix.

    The numbers are those of :func:`similarity_from_counts` (cosine of the same TF-IDF
    vectors, IDF over every group); the similarities of one block of groups against all are
    computed at a time (:data:`NEAREST_BLOCK_CELLS`) and only the ``k`` best of each row are
    kept, so memory stays flat in the number of groups while time grows with its square (about
    30 s for 20,000 groups on one core). Written by hand on purpose: scikit-learn's
    ``NearestNeighbors`` returns distances (1 - cosine, rounded) and breaks ties by its own
    order; here ties go to the group listed first, so the table is the same on every run.

    Parameters
    ----------
    counts, groups
        As in :func:`similarity_from_counts`.
    k
        Neighbours per group. Pairs with no term in common (similarity 0) are left out.
    progress
        A progress bar over the blocks (tqdm); ``None``: only when stderr is a terminal.

    Returns
    -------
    pandas.DataFrame
        ``a, b, similarity``, the shape of :func:`similarity_long`: for each group ``a`` in
        order, its neighbours ``b`` by similarity (descending), ties by group order.
    """
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"k={k!r}: expected a positive integer")
    from tqdm import tqdm

    from textlab.terms import group_term_matrix

    m, labels, _ = group_term_matrix(counts, groups=groups)
    n = len(labels)
    X = _tfidf_rows(m, sublinear_tf)
    a_idx, b_idx, vals = [], [], []
    if X is not None and n > 1:
        XT = X.T.tocsr()
        step = max(1, NEAREST_BLOCK_CELLS // n)
        starts = range(0, n, step)
        for s in tqdm(starts, desc="nearest groups", unit="block", file=sys.stderr,
                      mininterval=0.5, disable=None if progress is None else not progress):
            block = np.clip((X[s:s + step] @ XT).toarray(), 0.0, 1.0)
            rows = np.arange(block.shape[0])
            block[rows, rows + s] = -1.0  # not its own neighbour
            kk = min(k, n - 1)
            # every value tied with the k-th best is a candidate: ties broken by group order
            kth = -np.partition(-block, kk - 1, axis=1)[:, kk - 1:kk]
            r, c = np.nonzero((block >= kth) & (block > 0))
            v = block[r, c]
            order = np.lexsort((c, -v, r))
            r, c, v = r[order], c[order], v[order]
            first = np.searchsorted(r, r, side="left")
            keep = (np.arange(len(r)) - first) < kk
            a_idx.append(r[keep] + s)
            b_idx.append(c[keep])
            vals.append(v[keep])
    a = np.concatenate(a_idx) if a_idx else np.zeros(0, dtype=np.int64)
    b = np.concatenate(b_idx) if b_idx else np.zeros(0, dtype=np.int64)
    out = pd.DataFrame({"a": labels[a], "b": labels[b],
                        "similarity": np.concatenate(vals) if vals else np.zeros(0)})
    out.attrs["method"] = "word_tfidf"
    return out


def unique_pairs(sim_long: pd.DataFrame) -> pd.DataFrame:
    """Each pair of different groups once (its first row), from a long similarity table that
    lists pairs in both orders (:func:`similarity_long`) or in either (:func:`nearest_from_counts`).

    Examples
    --------
    >>> s = pd.DataFrame({"a": ["A", "A", "B", "B"], "b": ["A", "B", "A", "B"],
    ...                   "similarity": [1.0, 0.25, 0.25, 1.0]})
    >>> unique_pairs(s)
       a  b  similarity
    1  A  B        0.25
    """
    a, b = sim_long["a"].astype(str), sim_long["b"].astype(str)
    lo, hi = a.where(a <= b, b), b.where(a <= b, a)
    keep = (a != b) & ~pd.DataFrame({"lo": lo, "hi": hi}).duplicated()
    return sim_long[keep]


def _sentence_vectorizer(method: str, ngram_range: tuple[int, int] | None,
                         stop_words: StopWords = True):
    """A CountVectorizer whose counts of a text are the sums of its sentences' counts, or None
    (word n-grams longer than one word, and Jaccard shingles, can span two sentences)."""
    ngrams = _DEFAULT_NGRAMS[method] if ngram_range is None else tuple(ngram_range)
    if method == "word_tfidf" and ngrams == (1, 1):
        return CountVectorizer(analyzer=TermAnalyzer(ngrams, stop_words=stop_words))
    if method == "char_tfidf":
        return CountVectorizer(analyzer="char_wb", ngram_range=ngrams,
                               preprocessor=_joined_tokens)
    return None


def _sentence_counts(doc_sents: list[np.ndarray], method: str,
                     ngram_range: tuple[int, int] | None, stop_words: StopWords = True,
                     langs: list | None = None) -> sparse.csr_matrix | None:
    """Counts of every sentence of every document, one row each (documents in order), in the
    terms :func:`_similarity_from_texts` uses (each sentence with its document's language
    when ``langs`` are given); None where sums of sentences would differ."""
    vec = _sentence_vectorizer(method, ngram_range, stop_words)
    if vec is None:
        return None
    flat = ([(str(s), langs[d]) for d, sents in enumerate(doc_sents) for s in sents]
            if langs is not None else [str(s) for sents in doc_sents for s in sents])
    try:
        return vec.fit_transform(flat).astype(float).tocsr()
    except ValueError:  # no terms at all
        return sparse.csr_matrix((len(flat), 0))


def _tfidf_rows(C: sparse.spmatrix, sublinear_tf: bool) -> sparse.csr_matrix | None:
    """TF-IDF rows (l2-normed) of a count matrix as TfidfVectorizer(sublinear_tf=True) would make
    them from the texts, over the columns some row uses; None when no row has a term."""
    if C.shape[1] == 0 or C.nnz == 0:
        return None
    C = sparse.csr_matrix(C)
    C = C[:, np.flatnonzero(C.getnnz(axis=0))]  # the replicate's own vocabulary
    C.sort_indices()
    return TfidfTransformer(sublinear_tf=sublinear_tf).fit_transform(C).tocsr()


def _similarity_from_counts(C: sparse.spmatrix, *, sublinear_tf: bool = True,
                            rows: np.ndarray | None = None) -> np.ndarray:
    """Cosine similarity of TF-IDF rows made from a count matrix, as TfidfVectorizer(
    sublinear_tf=True) would make them from the texts (terms absent from every row weigh
    nothing, so a wider vocabulary changes no number); only among ``rows`` when given (the
    IDF still from every row)."""
    n = C.shape[0] if rows is None else len(rows)
    X = _tfidf_rows(C, sublinear_tf)
    if X is None:
        sim = np.zeros((n, n))
    else:
        if rows is not None:
            X = X[rows]
        sim = (X @ X.T).toarray()
        sim = np.clip((sim + sim.T) / 2, 0.0, 1.0)
    np.fill_diagonal(sim, 1.0)
    return sim


def _check_method(method: str, valid: tuple[str, ...], arg: str = "method") -> None:
    if method not in valid:
        raise ValueError(f"{arg}={method!r}: expected one of {', '.join(map(repr, valid))}")


def similarity_matrix(
    corpus: pd.DataFrame,
    *,
    by: str = "source",
    text_col: str = "body",
    method: str = "word_tfidf",
    ngram_range: tuple[int, int] | None = None,
    exclude: pd.DataFrame | bool | None = None,
    stop_words: StopWords = "auto",
) -> pd.DataFrame:
    """Pairwise similarity of groups (documents of a group concatenated).

    Parameters
    ----------
    corpus
        One row per document with columns ``by`` and ``text_col``.
    by
        Grouping column (``"doc_id"`` compares documents).
    method
        ``"word_tfidf"``: cosine of TF-IDF vectors (sublinear tf, smooth idf, l2) of word
        n-grams, stop words dropped, default unigrams. ``"char_tfidf"``: the same on character
        n-grams inside word boundaries (``char_wb``, default 3-5) of the lower-case tokens
        (punctuation dropped), robust to inflection and spelling variants. ``"jaccard"``: shared / all distinct word shingles (default
        ``k = 3``, stop words kept), i.e. how much wording two groups share.
    ngram_range
        Overrides the method's default ``(min_n, max_n)``.
    exclude
        A :func:`shared_passages` frame (or ``True`` to compute one): those passages are cut
        from every document first.
    stop_words
        Stop words dropped by ``"word_tfidf"`` (the other methods keep every word):
        ``"auto"``/``True`` drops each document's own language's (its ``lang`` column, else
        detected; see :func:`textlab.terms.count_terms`), a language code (``"fr"``) that
        language's for every document, a set those words, ``False`` none.

    Returns
    -------
    pandas.DataFrame
        Square, labelled by group on both axes (in order of first appearance), symmetric, 1 on
        the diagonal, values in [0, 1]. ``attrs["method"]`` records the method. Use
        :func:`similarity_long` for a tidy version.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["A", "B", "C"],
    ...                        "body": ["red cars gift", "red cars sanctions", "blue sky"]})
    >>> similarity_matrix(corpus, method="jaccard", ngram_range=(1, 1)).round(2)
    ... # doctest: +NORMALIZE_WHITESPACE
    source    A    B    C
    source
    A       1.0  0.5  0.0
    B       0.5  1.0  0.0
    C       0.0  0.0  1.0
    """
    _check_method(method, SIMILARITY_METHODS)
    if exclude is True:  # found once, for the texts and the counts
        exclude = shared_passages(corpus, text_col=text_col)
    texts = _group_texts(corpus, by=by, text_col=text_col, exclude=exclude)
    _empty_warning(texts)
    if method == "word_tfidf":
        from textlab.terms import count_terms

        counts = count_terms(corpus, by=by, text_col=text_col, exclude=exclude,
                             ngram_range=ngram_range or _DEFAULT_NGRAMS[method],
                             stop_words=stop_words)
        return similarity_from_counts(counts, groups=list(texts.index), by=by)
    sim = _similarity_from_texts(texts.tolist(), method, ngram_range)
    labels = pd.Index(texts.index, name=by)
    out = pd.DataFrame(sim, index=labels, columns=labels.copy())
    out.attrs["method"] = method
    return out


def _check_square(sim: pd.DataFrame, arg: str = "sim") -> None:
    if not isinstance(sim, pd.DataFrame):
        raise TypeError(f"{arg}: expected a square DataFrame, got {type(sim).__name__}")
    if sim.shape[0] != sim.shape[1] or list(sim.index) != list(sim.columns):
        raise ValueError(
            f"{arg}: expected a square similarity matrix with the same labels on both axes "
            f"(from similarity_matrix), got shape {sim.shape}"
        )


def similarity_long(sim: pd.DataFrame) -> pd.DataFrame:
    """A similarity matrix as a tidy frame: one row per ordered pair, diagonal included.

    Examples
    --------
    >>> sim = pd.DataFrame([[1.0, 0.25], [0.25, 1.0]], index=["A", "B"], columns=["A", "B"])
    >>> similarity_long(sim)
       a  b  similarity
    0  A  A        1.00
    1  A  B        0.25
    2  B  A        0.25
    3  B  B        1.00
    >>> similarity_long(sim).query("a < b")  # each pair once
       a  b  similarity
    1  A  B        0.25
    """
    _check_square(sim)
    labels = list(sim.index)
    n = len(labels)
    out = pd.DataFrame({
        "a": np.repeat(np.array(labels, dtype=object), n),
        "b": np.tile(np.array(labels, dtype=object), n),
        "similarity": sim.to_numpy(dtype=float).ravel(),
    })
    out.attrs = dict(sim.attrs)
    return out


# ----------------------------------------------------------------------------------------------
# clustering and maps
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Clustering:
    """Result of :func:`cluster`.

    Attributes
    ----------
    linkage
        SciPy linkage matrix (``(n - 1) x 4``) on distances ``1 - similarity``.
    labels
        Group labels in the order of the similarity matrix.
    order
        Leaf order: positions into ``labels``, as drawn left to right by a dendrogram.
    leaves
        ``labels`` in leaf order.
    method
        The linkage method.
    """

    linkage: np.ndarray
    labels: list
    order: list[int]
    leaves: list
    method: str


def cluster(sim: pd.DataFrame, *, method: str = "average") -> Clustering:
    """Hierarchical clustering of groups on ``1 - similarity``.

    Parameters
    ----------
    sim
        A square similarity matrix from :func:`similarity_matrix` (at least 2 groups).
    method
        SciPy linkage method: ``"average"`` (UPGMA), ``"complete"``, ``"single"`` or
        ``"weighted"`` (methods that need Euclidean distances are refused). Leaves are put
        in SciPy's optimal order, so the drawing is the same on every run.

    Returns
    -------
    Clustering
        ``linkage`` (for :func:`scipy.cluster.hierarchy.dendrogram`), ``labels``, ``order``
        (leaf positions), ``leaves`` (labels in leaf order), ``method``.

    Examples
    --------
    >>> sim = pd.DataFrame([[1, .8, .1], [.8, 1, .2], [.1, .2, 1]],
    ...                    index=list("ABC"), columns=list("ABC"))
    >>> c = cluster(sim)
    >>> c.leaves, c.linkage[:, 2].round(2).tolist()
    (['C', 'B', 'A'], [0.2, 0.85])
    """
    _check_square(sim)
    _check_method(method, _LINKAGE_METHODS)
    if len(sim) < 2:
        raise ValueError(f"sim: clustering needs at least 2 groups, got {len(sim)}")
    dist = np.clip(1.0 - sim.to_numpy(dtype=float), 0.0, None)
    dist = (dist + dist.T) / 2
    np.fill_diagonal(dist, 0.0)
    Z = linkage(squareform(dist, checks=False), method=method, optimal_ordering=True)
    order = [int(i) for i in leaves_list(Z)]
    labels = list(sim.index)
    return Clustering(Z, labels, order, [labels[i] for i in order], method)


def _orient(coords: np.ndarray) -> np.ndarray:
    """Fix the arbitrary sign of each axis: its largest absolute coordinate is positive."""
    coords = coords.copy()
    for k in range(coords.shape[1]):
        col = coords[:, k]
        if col.size and col[np.argmax(np.abs(col))] < 0:
            coords[:, k] = -col
    return coords


def _classical_scaling(sim: np.ndarray) -> np.ndarray:
    # sqrt(2 - 2 cos) is the Euclidean distance of l2-normalised vectors, so on a TF-IDF cosine
    # matrix this equals PCA of the TF-IDF vectors (Torgerson scaling)
    d2 = np.clip(2.0 * (1.0 - sim), 0.0, None)
    n = len(sim)
    J = np.eye(n) - 1.0 / n
    B = -0.5 * J @ d2 @ J
    vals, vecs = np.linalg.eigh((B + B.T) / 2)
    top = np.argsort(vals)[::-1][:2]
    coords = vecs[:, top] * np.sqrt(np.clip(vals[top], 0.0, None))
    if coords.shape[1] < 2:
        coords = np.hstack([coords, np.zeros((n, 2 - coords.shape[1]))])
    return coords


def _is_similarity_matrix(obj: object) -> bool:
    return (isinstance(obj, pd.DataFrame) and obj.shape[0] == obj.shape[1] and obj.shape[0] > 0
            and list(obj.index) == list(obj.columns))


def embed_2d(
    corpus_or_sim: pd.DataFrame,
    *,
    method: str = "mds",
    random_state: int = 0,
    by: str = "source",
    text_col: str = "body",
    similarity: str = "word_tfidf",
    exclude: pd.DataFrame | bool | None = None,
) -> pd.DataFrame:
    """Place groups on a plane so that similar groups sit close together.

    Parameters
    ----------
    corpus_or_sim
        A similarity matrix (:func:`similarity_matrix`), or a corpus from which one is computed
        with ``by``, ``text_col``, ``similarity`` (the method) and ``exclude``.
    method
        ``"mds"``: metric MDS (SMACOF, classical start) on distances ``1 - similarity``.
        ``"pca"``: classical (Torgerson) scaling of ``sqrt(2 - 2 similarity)``, which for a
        cosine TF-IDF matrix is exactly PCA of the groups' TF-IDF vectors.
    random_state
        Seed passed to scikit-learn's MDS.

    Returns
    -------
    pandas.DataFrame
        ``group, x, y``; axes have no units, only distances mean something; the sign of each
        axis is fixed (largest coordinate positive) so the map is the same on every run.
        ``attrs`` hold ``method`` and, for MDS, ``stress``.

    Examples
    --------
    >>> sim = pd.DataFrame([[1, .8, .1], [.8, 1, .2], [.1, .2, 1]],
    ...                    index=list("ABC"), columns=list("ABC"))
    >>> xy = embed_2d(sim, method="pca")
    >>> xy.columns.tolist(), xy.group.tolist()
    (['group', 'x', 'y'], ['A', 'B', 'C'])
    """
    _check_method(method, ("mds", "pca"))
    if _is_similarity_matrix(corpus_or_sim):
        sim = corpus_or_sim
    else:
        sim = similarity_matrix(corpus_or_sim, by=by, text_col=text_col, method=similarity,
                                exclude=exclude)
    S = sim.to_numpy(dtype=float)
    n = len(S)
    attrs: dict = {"method": method}
    if n < 3:
        coords = _classical_scaling(S)  # SMACOF has nothing to optimise with < 3 points
    elif method == "pca":
        coords = _classical_scaling(S)
    else:
        dist = np.clip(1.0 - S, 0.0, None)
        dist = (dist + dist.T) / 2
        np.fill_diagonal(dist, 0.0)
        mds = MDS(n_components=2, metric="precomputed", metric_mds=True, init="classical_mds",
                  n_init=1, random_state=random_state, normalized_stress=True)
        coords = mds.fit_transform(dist)
        attrs["stress"] = float(mds.stress_)
    coords = _orient(coords)
    out = pd.DataFrame({"group": list(sim.index), "x": coords[:, 0], "y": coords[:, 1]})
    out.attrs = attrs
    return out


# ----------------------------------------------------------------------------------------------
# uncertainty
# ----------------------------------------------------------------------------------------------
def bootstrap_similarity(
    corpus: pd.DataFrame,
    *,
    by: str = "source",
    text_col: str = "body",
    method: str = "word_tfidf",
    n_boot: int = 200,
    random_state: int = 0,
    ci: float = 0.95,
    interval: str = "centered",
    ngram_range: tuple[int, int] | None = None,
    exclude: pd.DataFrame | bool | None = None,
    progress: bool | None = None,
    stop_words: StopWords = "auto",
) -> pd.DataFrame:
    """Sentence-level bootstrap intervals for :func:`similarity_matrix`.

    Each replicate resamples every document's sentences with replacement (as many as it has,
    numpy ``Generator`` seeded with ``random_state``), rebuilds the groups' texts and recomputes
    the whole similarity matrix (IDF included).

    What the numbers can support: how much a similarity depends on which sentences happen to be
    in these particular articles, i.e. whether "A is closer to B than to C" survives losing or
    repeating a few sentences. What they cannot: with one article per outlet they say nothing
    about the outlets in general (other stories, other days), and sentences are not independent
    draws. Read them as a stability check, not as confidence intervals for a population value;
    token-level tests would overstate certainty even more.

    A replicate keeps only about 63% of the distinct sentences, and similarity falls with the
    amount of distinct text, so replicate values sit *below* the estimate (``boot_mean``
    shows by how much; on the seed articles about 0.05-0.1 for word TF-IDF). The raw percentile
    interval then often lies below the estimate. ``interval="centered"`` (the default) shifts
    the replicate quantiles by ``estimate - boot_mean``: it keeps the spread, and attributes
    the shift to the resampling rather than to the estimate.

    Parameters
    ----------
    by, text_col, method, ngram_range, exclude, stop_words
        As in :func:`similarity_matrix`; a resampled document keeps its language.
    n_boot
        Number of replicates.
    random_state
        Seed for :func:`numpy.random.default_rng`.
    ci
        Central coverage of the interval.
    interval
        ``"centered"``: replicate quantiles shifted to centre on the estimate;
        ``"percentile"``: the raw replicate quantiles.
    progress
        Show a progress bar of the replicates on stderr; ``None`` (default): only when stderr
        is a terminal.

    Word unigrams and character n-grams of a text are the sums of those of its sentences,
    so each sentence is tokenised once and a replicate adds up the counts of the sentences
    it draws: the same numbers (to rounding), and on 94 synthetic pages of 78 sources, 200
    replicates take 0.8 s instead of 15 s for words and 4.8 s instead of 34 s for characters
    (``python -m textlab.benchmarks.slow_calls``). Word n-grams of more than one word and Jaccard shingles
    can span the sentences a replicate puts side by side, so those replicates are rebuilt
    from text.

    Returns
    -------
    pandas.DataFrame
        One row per pair of groups (``a`` before ``b`` in order of appearance): ``a, b,
        estimate`` (the similarity on the full texts), ``low, high`` (the interval, clipped to
        [0, 1]), ``boot_mean`` and ``se`` (mean and standard deviation of the replicates).

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["d1", "d2"], "source": ["A", "B"],
    ...     "body": ["Cars were gifted. Sanctions were broken. Kim was pleased.",
    ...              "A car was a gift. Sanctions bite. Moscow was thanked."]})
    >>> b = bootstrap_similarity(corpus, n_boot=50)
    >>> b.columns.tolist()
    ['a', 'b', 'estimate', 'low', 'high', 'boot_mean', 'se']
    >>> bool(b.low[0] <= b.high[0])
    True
    """
    _check_method(method, SIMILARITY_METHODS)
    _check_method(interval, ("centered", "percentile"), arg="interval")
    if not isinstance(n_boot, (int, np.integer)) or n_boot < 1:
        raise ValueError(f"n_boot={n_boot!r}: expected a positive integer")
    if not 0 < ci < 1:
        raise ValueError(f"ci={ci!r}: expected a coverage between 0 and 1, e.g. 0.95")
    _check_columns(corpus, by, text_col)
    if exclude is True:
        exclude = shared_passages(corpus, text_col=text_col)
    estimate = similarity_matrix(corpus, by=by, text_col=text_col, method=method,
                                 ngram_range=ngram_range, exclude=exclude,
                                 stop_words=stop_words)
    labels = list(estimate.index)
    codes = pd.Index(labels).get_indexer(corpus[by])
    texts = _doc_texts(corpus, text_col, exclude)
    doc_sents = [np.array(sentences(t), dtype=object) for t in texts]
    by_lang = method == "word_tfidf" and _follows_language(stop_words)
    langs = [lang for _, lang in _lang_units(corpus, texts, stop_words)] if by_lang else None
    rng = np.random.default_rng(random_state)
    reps = np.empty((n_boot, len(labels), len(labels)))
    sentence_counts = _sentence_counts(doc_sents, method, ngram_range, stop_words, langs)
    offsets = np.cumsum([0] + [len(s) for s in doc_sents])
    with _progress(total=n_boot, desc="bootstrap_similarity", unit="replicate",
                   enabled=progress) as bar:
        for r in range(n_boot):
            if sentence_counts is not None:
                # the replicate's groups as sums of their drawn sentences' counts
                rows, cols = [], []
                for d, (code, sents) in enumerate(zip(codes, doc_sents, strict=True)):
                    if len(sents):
                        cols.append(offsets[d] + rng.integers(0, len(sents), len(sents)))
                        rows.append(np.full(len(sents), code))
                draws = sparse.csr_matrix(
                    (np.ones(sum(map(len, cols))), (np.concatenate(rows or [[]]),
                                                    np.concatenate(cols or [[]]))),
                    shape=(len(labels), offsets[-1]))
                reps[r] = _similarity_from_counts(draws @ sentence_counts)
            else:
                group_parts: list[list] = [[] for _ in labels]
                for k, (code, sents) in enumerate(zip(codes, doc_sents, strict=True)):
                    if len(sents):
                        text = " ".join(sents[rng.integers(0, len(sents), len(sents))])
                        group_parts[code].append((text, langs[k]) if by_lang else text)
                units = [tuple(p) if by_lang else "\n\n".join(p) for p in group_parts]
                reps[r] = _similarity_from_texts(units, method, ngram_range, stop_words)
            bar.update()
    lo, hi = np.quantile(reps, [(1 - ci) / 2, 1 - (1 - ci) / 2], axis=0)
    mean = reps.mean(axis=0)
    se = reps.std(axis=0, ddof=1) if n_boot > 1 else np.zeros_like(lo)
    if interval == "centered":
        shift = estimate.to_numpy(dtype=float) - mean
        lo, hi = np.clip(lo + shift, 0.0, 1.0), np.clip(hi + shift, 0.0, 1.0)
    rows = [(labels[i], labels[j], estimate.iat[i, j], lo[i, j], hi[i, j], mean[i, j], se[i, j])
            for i, j in combinations(range(len(labels)), 2)]
    out = pd.DataFrame(rows, columns=["a", "b", "estimate", "low", "high", "boot_mean", "se"])
    out = out.astype({c: float for c in ["estimate", "low", "high", "boot_mean", "se"]})
    out.attrs = {"method": method, "n_boot": n_boot, "ci": ci, "interval": interval,
                 "random_state": random_state}
    return out
