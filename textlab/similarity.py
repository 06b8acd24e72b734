"""How alike are the sources? Similarity matrices, clustering, 2-D maps and text reuse.

Every function takes the corpus frame (one row per document, with ``doc_id``, a grouping
column such as ``source`` and a text column such as ``body``) and returns a new DataFrame.
Documents of one group are concatenated before comparing groups.

Reprinted agency copy makes two outlets look alike for a reason that has nothing to do with
their own writing. :func:`shared_passages` finds such passages, and every helper here and in
:mod:`textlab.terms` accepts ``exclude=`` (a :func:`shared_passages` frame, or ``True`` to
compute one) to compare the outlets' own words only.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import leaves_list, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.manifold import MDS

from textlab.lang import document_languages
from textlab.text import (
    StopWords,
    TermAnalyzer,
    _lang_texts,
    sentences,
    token_spans,
    tokenize,
    word_ngrams,
)

__all__ = [
    "SIMILARITY_METHODS",
    "similarity_matrix",
    "similarity_long",
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
_PASSAGE_COLUMNS = [
    "doc_a", "doc_b", "source_a", "source_b",
    "token_start_a", "token_end_a", "token_start_b", "token_end_b",
    "char_start_a", "char_end_a", "char_start_b", "char_end_b",
    "n_words", "text",
]  # fmt: skip


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


def _follows_language(stop_words: StopWords) -> bool:
    return stop_words is True or (isinstance(stop_words, str) and stop_words == "auto")


def _lang_units(corpus: pd.DataFrame, texts: pd.Series, stop_words: StopWords) -> list:
    """Documents as :class:`TermAnalyzer` takes them: ``(text, lang)`` pairs when the stop
    words follow each document's language (its ``lang`` column, else detected), else texts."""
    if not _follows_language(stop_words):
        return texts.tolist()
    given = corpus["lang"].reset_index(drop=True) if "lang" in corpus.columns else None
    return list(zip(texts.tolist(), document_languages(texts, given), strict=True))


def _group_units(
    corpus: pd.DataFrame, *, by: str, text_col: str, exclude: pd.DataFrame | bool | None,
    stop_words: StopWords,
) -> tuple[pd.Series, list]:
    """:func:`_group_texts` and, per group, its documents as :class:`TermAnalyzer` units (a
    tuple of ``(text, lang)`` pairs when stop words follow each document's language)."""
    _check_columns(corpus, by, text_col)
    labels = corpus[by].reset_index(drop=True)
    if labels.isna().any():
        raise ValueError(f"by={by!r}: the column has missing values; fill or drop them first")
    texts = _doc_texts(corpus, text_col, exclude)
    joined = texts.groupby(labels, sort=False).agg("\n\n".join)
    joined.index.name = by
    if not _follows_language(stop_words):
        return joined, joined.tolist()
    docs = pd.Series(_lang_units(corpus, texts, stop_words))
    units = docs.groupby(labels, sort=False).agg(tuple)
    return joined, units.reindex(joined.index).tolist()


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
    pairs) whose language picks their stop words."""
    n = len(texts)
    ngrams = _DEFAULT_NGRAMS[method] if ngram_range is None else tuple(ngram_range)
    if method != "word_tfidf":
        texts = [_unit_text(t) for t in texts]
    if method == "jaccard":
        sets = [set(word_ngrams(tokenize(t), ngrams)) for t in texts]
        sim = np.zeros((n, n))
        for i, j in combinations(range(n), 2):
            union = len(sets[i] | sets[j])
            sim[i, j] = sim[j, i] = len(sets[i] & sets[j]) / union if union else 0.0
    else:
        if method == "word_tfidf":
            vec = TfidfVectorizer(analyzer=TermAnalyzer(ngrams, stop_words=stop_words),
                                  sublinear_tf=True)
        else:
            # character n-grams of the tokens, so case and punctuation do not count
            vec = TfidfVectorizer(analyzer="char_wb", ngram_range=ngrams, sublinear_tf=True,
                                  preprocessor=_joined_tokens)
        try:
            X = vec.fit_transform(texts)
        except ValueError:  # empty vocabulary: nothing to compare
            X = None
        sim = np.zeros((n, n)) if X is None else (X @ X.T).toarray()
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
    texts, units = _group_units(corpus, by=by, text_col=text_col, exclude=exclude,
                                stop_words=stop_words if method == "word_tfidf" else False)
    _empty_warning(texts)
    sim = _similarity_from_texts(units, method, ngram_range, stop_words)
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
# text reuse
# ----------------------------------------------------------------------------------------------
def shared_passages(
    corpus: pd.DataFrame, *, min_words: int = 8, text_col: str = "body", by: str = "doc_id"
) -> pd.DataFrame:
    """Passages of at least ``min_words`` identical words that two documents share.

    Words are :func:`textlab.text.tokenize` tokens in lower case, so punctuation, case and line
    breaks do not matter. Every ``min_words``-gram is put in a hash index; k-grams found in two
    documents are seeds, and consecutive seeds on the same diagonal are joined into maximal
    spans. The work grows with the number of words plus the number of matching k-gram pairs,
    not with the square of document lengths.

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
    _check_columns(corpus, "doc_id", text_col, by)
    if not isinstance(min_words, (int, np.integer)) or isinstance(min_words, bool) or min_words < 1:
        raise ValueError(f"min_words={min_words!r}: expected a positive integer")
    k = int(min_words)
    texts = _texts(corpus, text_col).tolist()
    doc_ids = corpus["doc_id"].tolist()
    groups = corpus[by].tolist()
    sources = corpus["source"].tolist() if "source" in corpus.columns else doc_ids
    spans = [token_spans(t) for t in texts]
    tokens = [[tok for _, _, tok in s] for s in spans]

    index: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for d, toks in enumerate(tokens):
        for i in range(len(toks) - k + 1):
            index[hash(tuple(toks[i : i + k]))].append((d, i))

    seeds: dict[tuple[int, int, int], list[int]] = defaultdict(list)
    for occ in index.values():
        if len(occ) < 2 or all(d == occ[0][0] for d, _ in occ):
            continue
        for (da, ia), (db, ib) in combinations(occ, 2):
            if da == db or groups[da] == groups[db]:
                continue
            if da > db:
                da, ia, db, ib = db, ib, da, ia
            if tokens[da][ia : ia + k] == tokens[db][ib : ib + k]:  # guard against collisions
                seeds[(da, db, ia - ib)].append(ia)

    rows = []
    for (da, db, diag), starts in seeds.items():
        starts = sorted(set(starts))
        run_start = prev = starts[0]
        for s in [*starts[1:], None]:
            if s is not None and s == prev + 1:
                prev = s
                continue
            a0, a1 = run_start, prev + k
            b0, b1 = a0 - diag, a1 - diag
            ca0, ca1 = spans[da][a0][0], spans[da][a1 - 1][1]
            cb0, cb1 = spans[db][b0][0], spans[db][b1 - 1][1]
            rows.append((doc_ids[da], doc_ids[db], sources[da], sources[db], a0, a1, b0, b1,
                         ca0, ca1, cb0, cb1, a1 - a0, texts[da][ca0:ca1], da, db))
            if s is not None:
                run_start = prev = s
    out = pd.DataFrame(rows, columns=[*_PASSAGE_COLUMNS, "_da", "_db"])
    out = out.sort_values(["_da", "_db", "token_start_a", "token_start_b"], kind="stable")
    out = out.drop(columns=["_da", "_db"]).reset_index(drop=True)
    int_cols = [c for c in _PASSAGE_COLUMNS if c.startswith(("token_", "char_")) or c == "n_words"]
    out[int_cols] = out[int_cols].astype("int64")
    out.attrs = {"min_words": k, "text_col": text_col, "by": by}
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
    for r in range(n_boot):
        group_parts: list[list] = [[] for _ in labels]
        for k, (code, sents) in enumerate(zip(codes, doc_sents, strict=True)):
            if len(sents):
                text = " ".join(sents[rng.integers(0, len(sents), len(sents))])
                group_parts[code].append((text, langs[k]) if by_lang else text)
        units = [tuple(p) if by_lang else "\n\n".join(p) for p in group_parts]
        reps[r] = _similarity_from_texts(units, method, ngram_range, stop_words)
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
