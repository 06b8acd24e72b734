"""Distinctive vocabulary: term counts, TF-IDF top terms, keyness, collocations, and keywords
in context (:func:`kwic`) to read what a term means where it occurs.

All helpers tokenise with :class:`textlab.text.TermAnalyzer` (lower-case
:func:`textlab.text.tokenize` tokens), so their counts agree with each other and with the
feature modules. Results are long frames with a ``group`` column holding the values of the
``by`` column (``attrs["by"]`` records its name).

Keyness compares word frequencies as if tokens were independent draws. They are not (words
come in sentences, sentences in articles), and with one article per outlet the z scores and
p-values describe these texts, not the outlets: use them to rank words, not to claim that
an outlet "significantly" prefers a word.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from itertools import permutations
from typing import Any

import numpy as np
import pandas as pd
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
from scipy import sparse
from scipy.stats import chi2
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from textlab.similarity import (
    _check_columns,
    _check_method,
    _doc_texts,
    _lang_units,
    _progress,
    _texts,
)
from textlab.text import (
    StopWords,
    TermAnalyzer,
    _check_stop,
    _is_stop,
    _stop_set,
    normalize,
    sentences,
    token_spans,
    tokenize,
)

__all__ = [
    "REST",
    "count_terms",
    "sum_counts",
    "top_terms",
    "top_terms_from_counts",
    "keyness",
    "keyness_from_counts",
    "collocations",
    "kwic",
]

REST = "(rest)"
"""``reference`` label of a group compared with all other groups together."""

_KEYNESS_METHODS = ("log_odds", "g2")
# comparisons are computed in blocks of dense (comparisons x terms) rows of at most this many
# numbers: one comparison at a time spent 95% of its time building and sorting small frames
_KEYNESS_BLOCK_CELLS = 4_000_000
_STOP = "\x00stop"  # stands in for a stop word inside collocation windows
_COLLOCATION_MEASURES = ("likelihood_ratio", "pmi", "chi_sq", "student_t")


def _count_matrix(
    texts: list, analyzer: TermAnalyzer, min_df: int | float = 1
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Sparse (texts x terms) counts and the term array; no terms gives a 0-column matrix."""
    vec = CountVectorizer(analyzer=analyzer, min_df=min_df, dtype=np.int64)
    try:
        X = vec.fit_transform(texts).tocsr()
    except ValueError as exc:  # empty vocabulary, or min_df pruned everything
        if "vocabulary" not in str(exc) and "no terms remain" not in str(exc):
            raise
        return sparse.csr_matrix((len(texts), 0), dtype=np.int64), np.array([], dtype=object)
    return X, vec.get_feature_names_out().astype(object)


def _check_min_df(min_df: int | float) -> None:
    if isinstance(min_df, bool) or not isinstance(min_df, (int, float, np.integer, np.floating)):
        raise TypeError(f"min_df={min_df!r}: expected an int (documents) or a float (share)")
    if min_df < 0 or (isinstance(min_df, float) and min_df > 1):
        raise ValueError(f"min_df={min_df!r}: expected an int >= 1 or a float in [0, 1]")


def count_terms(
    corpus: pd.DataFrame,
    *,
    by: str = "source",
    text_col: str = "body",
    ngram_range: tuple[int, int] = (1, 1),
    stop_words: StopWords = "auto",
    min_df: int | float = 1,
    exclude: pd.DataFrame | bool | None = None,
) -> pd.DataFrame:
    """How often each term occurs in each group.

    Parameters
    ----------
    corpus
        One row per document with ``by`` and ``text_col`` columns.
    by
        Grouping column (``"doc_id"`` for per-document counts).
    ngram_range
        ``(min_n, max_n)`` word n-grams, within paragraphs; with stop words on, n-grams
        that start or end with one are dropped (:class:`textlab.text.TermAnalyzer`).
    stop_words
        ``"auto"`` (or ``True``): each document's own language's stop words
        (:func:`textlab.text.stop_words`), the language read from the corpus's ``lang``
        column where it has one, else detected (:func:`textlab.lang.detect_language`). In a
        mixed-language corpus each document loses its own language's stop words only, so the
        French "car" (because) goes from French documents and stays in English ones. A
        document too short to identify (:func:`textlab.lang.document_languages`), whatever
        the others' languages, loses the English list (give its ``lang`` to choose another).
        A language code (``"fr"``) applies that language's list to every document; a set of
        words replaces the lists; ``False`` keeps every word. English documents lose exactly
        scikit-learn's English list, as before languages were read.
    min_df
        Keep terms found in at least this many documents (a float: this share of documents).
        Leave it at 1 when counting chunks that will be summed: a threshold applied per chunk
        does not add up; filter the summed frame instead.
    exclude
        A :func:`textlab.similarity.shared_passages` frame (or ``True``): cut those passages
        from every document before counting.

    Returns
    -------
    pandas.DataFrame
        ``group, term, count`` for every non-zero count, groups in order of appearance, then
        by count (descending) and term. Counts from disjoint chunks of a corpus add up:
        ``pd.concat(parts).groupby(["group", "term"], as_index=False)["count"].sum()`` equals
        the counts of the whole corpus.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["d1", "d2", "d3"], "source": ["A", "A", "B"],
    ...                        "body": ["Cars, cars!", "A car.", "The car was a gift."]})
    >>> count_terms(corpus)
      group  term  count
    0     A  cars      2
    1     A   car      1
    2     B   car      1
    3     B  gift      1
    """
    _check_columns(corpus, by, text_col)
    _check_min_df(min_df)
    labels = corpus[by].reset_index(drop=True)
    if labels.isna().any():
        raise ValueError(f"by={by!r}: the column has missing values; fill or drop them first")
    texts = _doc_texts(corpus, text_col, exclude)
    X, vocab = _count_matrix(_lang_units(corpus, texts, stop_words),
                             TermAnalyzer(ngram_range, stop_words=_as_stop(stop_words)), min_df)
    codes, groups = pd.factorize(labels, sort=False)
    G = sparse.csr_matrix((np.ones(len(codes), dtype=np.int64), (codes, np.arange(len(codes)))),
                          shape=(len(groups), len(codes)))
    M = (G @ X).tocoo()
    out = pd.DataFrame({
        "group": np.asarray(groups, dtype=object)[M.row] if len(M.row) else [],
        "term": vocab[M.col] if len(M.col) else [],
        "count": M.data.astype(np.int64),
        "_g": M.row,
    })
    out = out[out["count"] > 0].sort_values(["_g", "count", "term"], ascending=[True, False, True])
    out = out.drop(columns="_g").reset_index(drop=True)
    out = out.astype({"count": "int64"})
    out.attrs = {"by": by, "ngram_range": tuple(ngram_range)}
    return out


def sum_counts(parts: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Add up partial ``group, term, count`` frames (of disjoint parts of a corpus).

    Groups keep the order in which they first appear; within a group terms are sorted by
    count (descending) then term, as :func:`count_terms` sorts them.

    Examples
    --------
    >>> a = pd.DataFrame({"group": ["A", "A"], "term": ["car", "gift"], "count": [2, 1]})
    >>> b = pd.DataFrame({"group": ["B", "A"], "term": ["car", "gift"], "count": [1, 2]})
    >>> sum_counts([a, b])
      group  term  count
    0     A  gift      3
    1     A   car      2
    2     B   car      1
    """
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame({"group": pd.Series(dtype=object), "term": pd.Series(dtype=object),
                             "count": pd.Series(dtype="int64")})
    df = pd.concat(parts, ignore_index=True)
    out = df.groupby(["group", "term"], sort=False)["count"].sum().reset_index()
    codes, _ = pd.factorize(out["group"], sort=False)
    out = (out.assign(_g=codes).sort_values(["_g", "count", "term"],
                                             ascending=[True, False, True], kind="stable")
           .drop(columns="_g").reset_index(drop=True))
    return out.astype({"count": "int64"})


def group_term_matrix(counts: pd.DataFrame, *, groups: Sequence[Any] | None = None,
                      min_df: int = 1) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """``(matrix, groups, terms)``: the counts as a sparse groups × terms matrix, terms in
    sorted order (as scikit-learn's vectorizers order them).

    ``groups`` lists every group in order, also those without any term (rows of zeros);
    default: the groups of ``counts`` in order of appearance. ``min_df`` keeps the terms of at
    least that many groups.
    """
    _check_columns(counts, "group", "term", "count", arg="counts")
    if groups is None:
        g_codes, groups = pd.factorize(counts["group"], sort=False)
    else:
        groups = pd.Index(list(groups))
        g_codes = groups.get_indexer(counts["group"])
        if (g_codes < 0).any():
            raise ValueError("groups: does not list every group of counts, e.g. "
                             f"{counts['group'][g_codes < 0].iloc[0]!r}")
    t_codes, terms = pd.factorize(counts["term"], sort=True)
    m = sparse.csr_matrix((counts["count"].to_numpy(dtype=np.int64), (g_codes, t_codes)),
                          shape=(len(groups), len(terms)))
    m.sum_duplicates()
    if min_df > 1:
        df = np.bincount(m.indices, minlength=m.shape[1])
        keep = np.flatnonzero(df >= min_df)
        m, terms = m[:, keep], terms[keep]
    return m, np.asarray(groups, dtype=object), np.asarray(terms, dtype=object)


def tfidf(m: sparse.spmatrix, *, sublinear_tf: bool = True) -> sparse.csr_matrix:
    """TF-IDF of a units × terms count matrix: smooth idf, l2 norm per unit (scikit-learn's
    ``TfidfTransformer``); each row one unit (a group or a document)."""
    return TfidfTransformer(sublinear_tf=sublinear_tf).fit_transform(m).tocsr()


def top_terms_from_counts(counts: pd.DataFrame, *, n: int = 15, min_df: int = 1,
                          sublinear_tf: bool = True, groups: Sequence[Any] | None = None,
                          ) -> pd.DataFrame:
    """The ``n`` highest-TF-IDF terms of each group, from ``group, term, count`` rows.

    :func:`top_terms` is :func:`count_terms` followed by this, and so is the engine's top
    terms at any corpus size. ``groups`` as in :func:`group_term_matrix` (groups without terms
    still count as units for the IDF).

    Returns
    -------
    pandas.DataFrame
        ``group, term, score, count``, at most ``n`` rows per group, by score (descending),
        ties by term.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n={n!r}: expected a positive integer")
    m, labels, terms = group_term_matrix(counts, groups=groups, min_df=min_df)
    return top_tfidf_rows(m, terms, list(labels), n=n, sublinear_tf=sublinear_tf)


def _as_stop(stop_words: StopWords) -> bool | str | tuple[str, ...]:
    _check_stop(stop_words)
    if stop_words is None or isinstance(stop_words, (bool, str)):
        return bool(stop_words) if stop_words is None else stop_words
    return tuple(sorted(_stop_set(stop_words)))


def top_terms(
    corpus: pd.DataFrame,
    *,
    by: str = "source",
    text_col: str = "body",
    n: int = 15,
    ngram_range: tuple[int, int] = (1, 2),
    min_df: int | float = 1,
    sublinear_tf: bool = True,
    stop_words: StopWords = "auto",
    exclude: pd.DataFrame | bool | None = None,
) -> pd.DataFrame:
    """The ``n`` highest-TF-IDF terms of each document or group.

    Groups are scored as units: the documents of a group are concatenated and the IDF is
    computed over groups (``by="doc_id"`` scores documents). With a handful of units the IDF
    can only tell "in every unit" from "in some", so the ranking is mostly term frequency
    among terms the others use less.

    Parameters
    ----------
    by
        Grouping column; ``"doc_id"`` gives per-document top terms.
    n
        Terms per group.
    ngram_range
        Word n-grams, as in :func:`count_terms`.
    min_df
        Keep terms found in at least this many units (groups, or documents for ``doc_id``).
    sublinear_tf
        Use ``1 + log(tf)``, so one word repeated does not dominate.
    stop_words, exclude
        As in :func:`count_terms`.

    Returns
    -------
    pandas.DataFrame
        ``group, term, score, count``: TF-IDF (scikit-learn, smooth idf, l2 norm per unit) and
        the raw count, at most ``n`` rows per group, by score (descending), ties by term.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["d1", "d2"], "source": ["A", "B"],
    ...                        "body": ["Aurus car gift, car gift", "Car sanctions"]})
    >>> top_terms(corpus, n=2, ngram_range=(1, 1)).round(3)
      group       term  score  count
    0     A       gift  0.734      2
    1     A        car  0.522      2
    2     B  sanctions  0.815      1
    3     B        car  0.580      1
    """
    _check_columns(corpus, by, text_col)
    _check_min_df(min_df)
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n={n!r}: expected a positive integer")
    counts = count_terms(corpus, by=by, text_col=text_col, ngram_range=ngram_range,
                         stop_words=stop_words, exclude=exclude)
    if isinstance(min_df, float):  # a share of the units: as a number of units
        min_df = max(1, int(np.ceil(min_df * corpus[by].nunique())))
    out = top_terms_from_counts(counts, n=n, min_df=min_df, sublinear_tf=sublinear_tf,
                                groups=list(pd.unique(corpus[by])))
    out.attrs = {"by": by, "ngram_range": tuple(ngram_range)}
    return out


def top_tfidf_rows(C, vocab: np.ndarray, labels: Sequence[Any], *, n: int,
                   sublinear_tf: bool = True) -> pd.DataFrame:
    """The ``n`` highest-TF-IDF columns of each row of a sparse count matrix ``C`` (rows are
    groups named by ``labels``, columns the terms in ``vocab``), ties broken by term.

    The ranking step of :func:`top_terms_from_counts`. Returns ``group, term, score, count``.
    """
    rows: list[tuple] = []
    if C.shape[1]:
        T = tfidf(C, sublinear_tf=sublinear_tf)
        C = C.tocsr()
        for g, label in enumerate(labels):
            lo, hi = T.indptr[g], T.indptr[g + 1]
            cols, scores = T.indices[lo:hi], T.data[lo:hi]
            terms = vocab[cols]
            # round for the sort so float noise cannot reorder tied terms
            order = np.lexsort((terms.astype(str), -np.round(scores, 12)))[:n]
            counts = np.asarray(C[g, cols[order]].todense()).ravel()
            rows.extend((label, terms[i], float(scores[i]), int(c))
                        for i, c in zip(order, counts, strict=True))
    out = pd.DataFrame(rows, columns=["group", "term", "score", "count"])
    return out.astype({"score": "float64", "count": "int64"})


def _prior(
    vocab: pd.Index, totals: np.ndarray, background: pd.Series | Mapping | None,
    alpha0: float | None,
) -> np.ndarray:
    """Dirichlet prior alpha_w: alpha0 (default: corpus size) times the background share."""
    if background is None:
        bg = totals.astype(float)
    else:
        if isinstance(background, Mapping):
            background = pd.Series(background, dtype=float)
        if not isinstance(background, pd.Series):
            raise TypeError(
                f"background: expected a Series or dict of term counts, got "
                f"{type(background).__name__}"
            )
        if (background < 0).any():
            raise ValueError("background: counts must not be negative")
        # terms the background lacks get half a count, so that every alpha_w > 0
        bg = background.groupby(level=0).sum().reindex(vocab).fillna(0.0).to_numpy(float)
        bg = np.where(bg > 0, bg, 0.5)
    if alpha0 is None:
        alpha0 = float(totals.sum())
    elif not alpha0 > 0:
        raise ValueError(f"alpha0={alpha0!r}: expected a positive prior strength")
    return alpha0 * bg / bg.sum()


def _compare(
    y_i: np.ndarray, y_j: np.ndarray, n_i: float, n_j: float, alpha: np.ndarray | None,
    a0: float, method: str,
) -> dict[str, np.ndarray]:
    if method == "log_odds":
        # Monroe, Colaresi & Quinn (2008), eqs. 22-24: log-odds with an informative prior;
        # a0 is the prior total over *all* terms, also when only some rows are reported
        omega_i = np.log(y_i + alpha) - np.log(n_i + a0 - y_i - alpha)
        omega_j = np.log(y_j + alpha) - np.log(n_j + a0 - y_j - alpha)
        delta = omega_i - omega_j
        var = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
        z = delta / np.sqrt(var)
        return {"delta": delta, "var": var, "z": z, "_key": z}
    # Rayson & Garside (2000) log-likelihood; Hardie (2014) Log Ratio
    total = y_i + y_j
    e_i = n_i * total / (n_i + n_j)
    e_j = n_j * total / (n_i + n_j)
    with np.errstate(divide="ignore", invalid="ignore"):
        t_i = np.where(y_i > 0, y_i * np.log(y_i / e_i), 0.0)
        t_j = np.where(y_j > 0, y_j * np.log(y_j / e_j), 0.0)
    g2 = np.clip(2.0 * (t_i + t_j), 0.0, None)
    log_ratio = np.log2((np.where(y_i > 0, y_i, 0.5) / n_i) / (np.where(y_j > 0, y_j, 0.5) / n_j))
    sign = np.sign(y_i / n_i - y_j / n_j)
    return {"g2": g2, "p": chi2.sf(g2, 1), "log_ratio": log_ratio, "_key": sign * g2}


def _keyness_block(
    pairs: np.ndarray, Y: sparse.csr_matrix, totals_w: np.ndarray, totals_g: np.ndarray,
    N: float, alpha: np.ndarray | None, a0: float, method: str, min_count: int,
    groups: pd.Index, terms: pd.Index, term_rank: np.ndarray,
) -> pd.DataFrame | None:
    """Rows of the comparisons ``pairs`` (``(i, j)``, ``j = -1`` for the rest), each sorted by
    score (descending) then term; the same numbers as one comparison at a time."""
    tgt, ref = pairs[:, 0], pairs[:, 1]
    y_i = Y[tgt].toarray()
    rest = ref < 0
    y_j = np.empty_like(y_i)
    y_j[rest] = totals_w - y_i[rest]
    y_j[~rest] = Y[ref[~rest]].toarray()
    n_i = totals_g[tgt]
    n_j = np.where(rest, N - n_i, totals_g[np.where(rest, 0, ref)])
    keep = (y_i + y_j) >= min_count
    rows, cols = np.nonzero(keep)
    if not len(rows):
        return None
    stats = _compare(y_i[rows, cols], y_j[rows, cols], n_i[rows], n_j[rows],
                     None if alpha is None else alpha[cols], a0, method)
    order = np.lexsort((term_rank[cols], -stats.pop("_key"), rows))
    rows, cols = rows[order], cols[order]
    group_names = np.asarray(groups, dtype=object)
    reference = np.where(rest, REST, group_names[np.where(rest, 0, ref)]).astype(object)
    return pd.DataFrame({
        "group": group_names[tgt[rows]],
        "reference": reference[rows],
        "term": np.asarray(terms, dtype=object)[cols],
        "count": y_i[rows, cols].astype(np.int64),
        "count_ref": y_j[rows, cols].astype(np.int64),
        **{k: v[order] for k, v in stats.items()},
    })


def keyness_from_counts(
    counts: pd.DataFrame,
    *,
    method: str = "log_odds",
    alpha0: float | None = None,
    background: pd.Series | Mapping[str, float] | None = None,
    pairwise: bool = False,
    min_count: int = 2,
    top: int | None = None,
    progress: bool | None = None,
    targets: Sequence[Any] | None = None,
) -> pd.DataFrame:
    """Keyness of every term for every group, from a long count frame.

    Parameters
    ----------
    counts
        ``group, term, count`` as from :func:`count_terms`; repeated (group, term) rows are
        summed first, so partial counts of corpus chunks can be concatenated and passed as is.
    method
        ``"log_odds"``: log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi
        & Quinn 2008, eqs. 22-24), natural logs::

            omega_w^i = log((y_w^i + a_w) / (n^i + a_0 - y_w^i - a_w))
            delta_w   = omega_w^i - omega_w^ref
            var_w     = 1 / (y_w^i + a_w) + 1 / (y_w^ref + a_w)
            z_w       = delta_w / sqrt(var_w)

        ``"g2"``: log-likelihood G² (Rayson & Garside 2000) against expected counts
        ``E = n * (y^i + y^ref) / (n^i + n^ref)``, its chi-squared (1 df) ``p`` and Hardie's
        (2014) Log Ratio ``log2((y^i / n^i) / (y^ref / n^ref))`` with zero counts set to 0.5.
    alpha0
        Prior strength ``a_0 = sum_w a_w``; ``a_w = a_0 * share of w in the background``.
        ``None`` uses the number of tokens in ``counts`` (with the default background that
        makes ``a_w`` the term's corpus count).
    background
        Term counts (Series or dict) of a background corpus for the prior; default: the whole
        of ``counts``. Terms it lacks get a count of 0.5. Log-odds only.
    pairwise
        Also compare every group with every other group (ordered pairs; the rows with
        ``reference == b`` for group ``a`` are the negatives of those for ``b`` vs ``a``).
    min_count
        Report a term only if it occurs at least this often in target and reference together.
        All terms count towards totals and prior whatever this is.
    top
        Keep only this many rows per comparison (the most over-used first). Memory holds the
        counts and one group's row of the vocabulary at a time, whatever the number of groups.
    progress
        Show a progress bar of the comparisons on stderr; ``None`` (default): only when stderr
        is a terminal. With ``pairwise=True`` there are ``G * G`` comparisons for ``G`` groups
        (78 groups: 6,084, 1.2 s on 94 synthetic pages, ``python -m
        textlab.benchmarks.slow_calls``; 23 s when computed one comparison at a time).
    targets
        Compare only these groups (each with all other groups, and with each other when
        ``pairwise``); default: every group. The time grows with groups × vocabulary: for a
        corpus of thousands of groups, the groups a reader will look at. Totals and prior
        still come from every group, so a target's rows equal those of the full call.

    Returns
    -------
    pandas.DataFrame
        ``group, reference, term, count, count_ref`` and ``delta, var, z`` (log-odds) or
        ``g2, p, log_ratio`` (G²). ``reference`` is :data:`REST` for one group against all
        others. Sorted by group, reference, then most over-used first (``z``, or G² signed by
        the direction of the difference), ties by term. Positive ``z`` / ``log_ratio``: more
        frequent in the group than in the reference.

    Examples
    --------
    >>> counts = pd.DataFrame({"group": ["A", "A", "B", "B"], "term": ["car", "gift"] * 2,
    ...                        "count": [3, 1, 1, 3]})
    >>> keyness_from_counts(counts, min_count=1).round(3)
      group reference  term  count  count_ref  delta    var      z
    0     A    (rest)   car      3          1  0.673  0.343  1.149
    1     A    (rest)  gift      1          3 -0.673  0.343 -1.149
    2     B    (rest)  gift      3          1  0.673  0.343  1.149
    3     B    (rest)   car      1          3 -0.673  0.343 -1.149
    """
    _check_method(method, _KEYNESS_METHODS)
    _check_columns(counts, "group", "term", "count", arg="counts")
    if background is not None and method != "log_odds":
        raise ValueError("background: only used by method='log_odds'")
    if counts["group"].isna().any() or counts["term"].isna().any():
        raise ValueError("counts: 'group' and 'term' must not have missing values")
    if (pd.to_numeric(counts["count"]) < 0).any():
        raise ValueError("counts: 'count' must not be negative")
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise ValueError(f"min_count={min_count!r}: expected a positive integer")
    g_codes, groups = pd.factorize(counts["group"], sort=False)
    t_codes, terms = pd.factorize(counts["term"], sort=False)
    if len(groups) < 2:
        raise ValueError(
            f"counts: keyness compares groups, and there is {len(groups)} group(s); "
            "group by another column (by=...) or give more documents"
        )
    # sparse (groups x terms); one dense row at a time, so memory is the counts, not G x V
    Y = sparse.csr_matrix((counts["count"].to_numpy(dtype=float), (g_codes, t_codes)),
                          shape=(len(groups), len(terms)))
    Y.sum_duplicates()
    totals_w = np.asarray(Y.sum(axis=0)).ravel()
    totals_g = np.asarray(Y.sum(axis=1)).ravel()
    alpha = _prior(pd.Index(terms), totals_w, background, alpha0) if method == "log_odds" else None
    a0 = float(alpha.sum()) if alpha is not None else 0.0
    N = totals_g.sum()

    # comparisons (i, j) in output order, j = -1 for "all other groups"; skip an empty side
    chosen = range(len(groups))
    if targets is not None:
        at = pd.Index(groups).get_indexer(list(targets))
        if (at < 0).any():
            raise ValueError(f"targets: {list(targets)[int(np.flatnonzero(at < 0)[0])]!r} is "
                             "not a group of counts")
        chosen = sorted(set(at.tolist()))
    comparisons = [(g, -1) for g in chosen]
    if pairwise:
        comparisons += list(permutations(chosen, 2))
    sizes = np.array([(totals_g[i], N - totals_g[i] if j < 0 else totals_g[j])
                      for i, j in comparisons], dtype=float).reshape(-1, 2)
    comparisons = [c for c, (n_i, n_j) in zip(comparisons, sizes, strict=True)
                   if n_i > 0 and n_j > 0]
    term_rank = np.empty(len(terms), dtype=np.int64)  # ties in the score are broken by term
    term_rank[np.argsort(np.asarray(terms, dtype=object), kind="stable")] = np.arange(len(terms))
    block = max(1, _KEYNESS_BLOCK_CELLS // max(len(terms), 1))
    frames = []
    with _progress(total=len(comparisons), desc="keyness", unit="comparison",
                   enabled=progress) as bar:
        for b0 in range(0, len(comparisons), block):
            frame = _keyness_block(np.array(comparisons[b0:b0 + block]).reshape(-1, 2), Y,
                                   totals_w, totals_g, N, alpha, a0, method, min_count,
                                   groups, terms, term_rank)
            if frame is not None:
                if top is not None:  # the most over-used of each comparison
                    frame = frame.groupby(["group", "reference"], sort=False).head(top)
                frames.append(frame)
            bar.update(min(block, len(comparisons) - b0))
    cols = ["group", "reference", "term", "count", "count_ref",
            *(["delta", "var", "z"] if method == "log_odds" else ["g2", "p", "log_ratio"])]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)
    out.attrs = {"method": method, "by": counts.attrs.get("by"),
                 "alpha0": float(alpha.sum()) if alpha is not None else None}
    return out[cols]


def keyness(
    corpus: pd.DataFrame,
    *,
    by: str = "source",
    text_col: str = "body",
    method: str = "log_odds",
    alpha0: float | None = None,
    background: pd.Series | Mapping[str, float] | None = None,
    pairwise: bool = False,
    exclude: pd.DataFrame | bool | None = None,
    min_count: int = 2,
    ngram_range: tuple[int, int] = (1, 1),
    stop_words: StopWords = "auto",
    progress: bool | None = None,
) -> pd.DataFrame:
    """Which words set each group apart from the others (log-odds z or G²).

    :func:`count_terms` followed by :func:`keyness_from_counts`; see there for the formulas,
    the prior, the columns and ``progress``.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["d1", "d2"], "source": ["A", "B"],
    ...     "body": ["Car car car gift.", "Gift gift gift car."]})
    >>> k = keyness(corpus)
    >>> k[["group", "term", "count", "count_ref", "z"]].round(3)
      group  term  count  count_ref      z
    0     A   car      3          1  1.149
    1     A  gift      1          3 -1.149
    2     B  gift      3          1  1.149
    3     B   car      1          3 -1.149
    >>> keyness(corpus, method="g2").round(3)[["group", "term", "g2", "log_ratio"]].head(2)
      group  term     g2  log_ratio
    0     A   car  1.046      1.585
    1     A  gift  1.046     -1.585
    """
    _check_method(method, _KEYNESS_METHODS)
    counts = count_terms(corpus, by=by, text_col=text_col, ngram_range=ngram_range,
                         stop_words=stop_words, exclude=exclude)
    return keyness_from_counts(counts, method=method, alpha0=alpha0, background=background,
                               pairwise=pairwise, min_count=min_count, progress=progress)


def collocations(
    corpus: pd.DataFrame,
    *,
    by: str | None = None,
    text_col: str = "body",
    measure: str = "likelihood_ratio",
    min_freq: int = 2,
    n: int = 20,
    stop_words: StopWords = "auto",
) -> pd.DataFrame:
    """Word pairs that occur together more often than chance (NLTK bigram collocations).

    Bigrams are counted within sentences (:func:`textlab.text.sentences`), never across a
    sentence or document boundary; tokens are lower-case :func:`textlab.text.tokenize` tokens.

    Parameters
    ----------
    by
        ``None`` pools the corpus (``group == "(all)"``); a column name scores each group.
    measure
        An NLTK ``BigramAssocMeasures`` score: ``"likelihood_ratio"`` (Dunning's G², good for
        rare pairs), ``"pmi"`` (favours rare pairs; keep ``min_freq`` >= 2), ``"chi_sq"`` or
        ``"student_t"``.
    min_freq
        Drop bigrams seen fewer times in the group.
    n
        Bigrams per group.
    stop_words
        Drop bigrams with a stop word in either slot: ``"auto"``/``True`` each document's own
        language's (as in :func:`count_terms`), a language code, a set, or ``False``. The
        words still count as neighbours, so "sale of vehicles" gives no "sale vehicles".

    Returns
    -------
    pandas.DataFrame
        ``group, w1, w2, bigram, count, score``, best ``n`` per group, ties by bigram.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["d1", "d2"], "body": [
    ...     "Kim Yo Jong met Putin. Kim Yo Jong left.", "Kim Yo Jong smiled. Putin smiled."]})
    >>> collocations(corpus)[["group", "bigram", "count"]]
       group   bigram  count
    0  (all)   kim yo      3
    1  (all)  yo jong      3
    """
    _check_method(measure, _COLLOCATION_MEASURES, arg="measure")
    _check_columns(corpus, text_col, *([by] if by is not None else []))
    if isinstance(min_freq, bool) or not isinstance(min_freq, (int, np.integer)) or min_freq < 1:
        raise ValueError(f"min_freq={min_freq!r}: expected a positive integer")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n={n!r}: expected a positive integer")
    _check_stop(stop_words)
    score_fn = getattr(BigramAssocMeasures, measure)
    labels = (pd.Series(["(all)"] * len(corpus)) if by is None
              else corpus[by].reset_index(drop=True))
    if labels.isna().any():
        raise ValueError(f"by={by!r}: the column has missing values; fill or drop them first")
    texts = _doc_texts(corpus, text_col, None)
    units = pd.Series(_lang_units(corpus, texts, stop_words), dtype=object)
    rows: list[tuple] = []
    for label, group in units.groupby(labels, sort=False):
        # each document's stop words become a marker that no bigram may hold: words keep
        # their counts and neighbours, and a word is a stop word only where its language says
        sents = []
        for unit in group:
            text, lang = unit if isinstance(unit, tuple) else (unit, None)
            stop = _stop_set(stop_words, text, lang)
            for s in sentences(text):
                toks = tokenize(s)
                sents.append([_STOP if stop and _is_stop(t, stop, True) else t for t in toks])
        finder = BigramCollocationFinder.from_documents(sents)
        finder.apply_freq_filter(min_freq)
        finder.apply_word_filter(lambda w: w == _STOP)
        scored = finder.score_ngrams(score_fn) if finder.ngram_fd else []
        scored = sorted(scored, key=lambda t: (-round(t[1], 12), t[0]))[:n]
        rows.extend((label, w1, w2, f"{w1} {w2}", int(finder.ngram_fd[(w1, w2)]), float(s))
                    for (w1, w2), s in scored)
    out = pd.DataFrame(rows, columns=["group", "w1", "w2", "bigram", "count", "score"])
    out = out.astype({"count": "int64", "score": "float64"})
    out.attrs = {"by": by, "measure": measure}
    return out



# ----------------------------------------------------------------------------------------------
# keywords in context
# ----------------------------------------------------------------------------------------------
_KWIC_COLUMNS = ["left", "match", "right", "position", "char_start", "char_end"]


def _kwic_phrases(pattern: object) -> tuple[list[list[tuple[str, bool]]], list[re.Pattern]]:
    """Split ``pattern`` into token sequences (words and phrases) and compiled regexes."""
    items = [pattern] if isinstance(pattern, str | re.Pattern) else pattern
    if not isinstance(items, Iterable) or isinstance(items, Mapping):
        raise TypeError(f"pattern: expected a string, a compiled regex or a list of them, got "
                        f"{type(pattern).__name__}")
    phrases: list[list[tuple[str, bool]]] = []
    regexes: list[re.Pattern] = []
    for item in items:
        if isinstance(item, re.Pattern):
            regexes.append(item)
            continue
        if not isinstance(item, str):
            raise TypeError(f"pattern: {item!r} is neither a string nor a compiled regex")
        phrase: list[tuple[str, bool]] = []
        for word in item.split():
            toks = tokenize(word.rstrip("*"))
            phrase.extend((t, False) for t in toks[:-1])
            if toks:
                phrase.append((toks[-1], word.endswith("*")))
        if not phrase:
            raise ValueError(f"pattern: {item!r} has no word to look for (expected e.g. "
                             "'sanctions', 'UN Security Council' or 'sanction*')")
        phrases.append(phrase)
    if not phrases and not regexes:
        raise ValueError("pattern: no words, phrases or regexes given")
    return phrases, regexes


def _phrase_at(tokens: list[str], i: int, phrase: list[tuple[str, bool]]) -> bool:
    if i + len(phrase) > len(tokens):
        return False
    return all(tokens[i + k].startswith(w) if wild else tokens[i + k] == w
               for k, (w, wild) in enumerate(phrase))


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def kwic(
    corpus: pd.DataFrame,
    pattern: str | re.Pattern | Sequence[str | re.Pattern],
    *,
    window: int = 8,
    by: str | None = "source",
    text_col: str = "body",
) -> pd.DataFrame:
    """Keywords in context: every occurrence of a word, phrase or regex with the words around it.

    To check what a distinctive term or a frame hit means, read it in its sentences (as
    quanteda's ``kwic``).

    Parameters
    ----------
    corpus
        One row per document with ``text_col`` (and ``doc_id``, ``by`` when present).
    pattern
        What to look for; one item or a list of them (an occurrence is reported once, as the
        longest item matching there):

        * a word, ``"sanctions"``, or a phrase, ``"UN Security Council"``: matched against the
          :func:`textlab.text.tokenize` tokens, case-insensitively and whole, so a hit is what
          :func:`count_terms` and :func:`keyness` count ("kim" does not match "Kim's", "u.n."
          matches "U.N."); a trailing ``*`` matches any ending (``"sanction*"``), as in
          :func:`textlab.frame_scores` lexicons;
        * a compiled regex, ``re.compile(r"violat\\w* of (?:UN )?sanctions", re.I)``: matched
          against the text as written (curly apostrophes and Unicode hyphens unified as in
          :func:`textlab.text.normalize`), with the flags you give it. The hits of a
          :func:`textlab.frame_scores` lexicon, exactly as it counts them (where "Security
          Council" also matches "Security Council’s"), are
          ``[re.compile(term_pattern(t), re.I) for t in terms]``
          (:func:`textlab.framing.term_pattern`).
    window
        Tokens shown on each side.
    by
        Grouping column carried over under its own name (default ``source``); ``None`` for
        none.
    text_col
        Column holding the text.

    Returns
    -------
    pandas.DataFrame
        One row per occurrence, in document order: ``doc_id`` (if the corpus has it), the
        ``by`` column, ``left``, ``match``, ``right`` (text as written, whitespace squeezed to
        single spaces; ``left``/``right`` hold up to ``window`` tokens and the punctuation
        between them), ``position`` (index of the first matched token among the document's
        tokens, 0-based), ``char_start``, ``char_end`` (character offsets of the match in the
        text, ``text[char_start:char_end]`` is the match).

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["d1", "d2"], "source": ["A", "B"], "body": [
    ...     "Putin gave Kim a car, breaching UN sanctions.", "Sanctions bite. Kim's car is new."]})
    >>> kwic(corpus, "sanction*", window=3).drop(columns=["char_start", "char_end"])
      doc_id source               left      match            right  position
    0     d1      A  car, breaching UN  sanctions                          7
    1     d2      B                     Sanctions  bite. Kim's car         0
    >>> kwic(corpus, re.compile(r"kim\\S*", re.I), window=1, by=None)[["doc_id", "match"]]
      doc_id  match
    0     d1    Kim
    1     d2  Kim's
    """
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(f"corpus: expected a pandas DataFrame, got {type(corpus).__name__}")
    _check_columns(corpus, text_col, *([by] if by is not None else []))
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 0:
        raise ValueError(f"window={window!r}: expected a number of tokens >= 0")
    phrases, regexes = _kwic_phrases(pattern)
    # phrases by their first word, so each token is tested against the phrases it can open
    # (a few) rather than all of them; phrases opening with a wildcard are tested everywhere
    by_first: dict[str, list[list[tuple[str, bool]]]] = {}
    wild_first = [p for p in phrases if p[0][1]]
    for p in phrases:
        if not p[0][1]:
            by_first.setdefault(p[0][0], []).append(p)
    ids = [c for c in dict.fromkeys(["doc_id", by]) if c is not None and c in corpus.columns]
    rows: list[dict] = []
    for rec, text in zip(corpus[ids].to_dict("records"), _texts(corpus, text_col), strict=True):
        spans = token_spans(text)
        tokens = [t for _, _, t in spans]
        starts = [s for s, _, _ in spans]
        ends = [e for _, e, _ in spans]
        found: dict[int, tuple[int, int, int]] = {}  # char start -> (char end, first, last tok)
        for i, tok in enumerate(tokens):
            for phrase in (*by_first.get(tok, ()), *wild_first):
                if _phrase_at(tokens, i, phrase):
                    j = i + len(phrase) - 1
                    if ends[j] > found.get(starts[i], (-1,))[0]:
                        found[starts[i]] = (ends[j], i, j + 1)
        norm = normalize(text)
        for rx in regexes:
            for m in rx.finditer(norm):
                if m.end() > m.start() and m.end() > found.get(m.start(), (-1,))[0]:
                    first = bisect_right(ends, m.start())  # the first token ending after it
                    found[m.start()] = (m.end(), first, bisect_left(starts, m.end()))
        last_end = -1
        for a in sorted(found):
            b, first, after = found[a]
            if a < last_end:
                continue  # inside the previous (longer or earlier) match
            last_end = b
            lo, hi = max(first - window, 0), min(after + window, len(tokens))
            left = text[starts[lo]:a] if lo < first else ""
            right = text[b:ends[hi - 1]] if hi > after else ""
            rows.append({**rec, "left": _squeeze(left), "match": _squeeze(text[a:b]),
                         "right": _squeeze(right), "position": first, "char_start": a,
                         "char_end": b})
    out = pd.DataFrame(rows, columns=[*ids, *_KWIC_COLUMNS])
    return out.astype({"position": "int64", "char_start": "int64", "char_end": "int64"})
