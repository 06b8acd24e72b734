"""textlab.reuse: shared passages, MinHash, LSH and near-duplicate groups."""

from __future__ import annotations

import random
from collections import defaultdict
from itertools import combinations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from textlab.reuse import (
    PASSAGE_COLUMNS,
    duplicate_groups,
    lsh_candidates,
    lsh_params,
    minhash_signatures,
    near_duplicates,
    passage_hashes,
    shared_passages,
    widespread_passages,
)
from textlab.synthetic import synthetic_pages
from textlab.text import token_spans


def _reference_passages(corpus: pd.DataFrame, k: int, by: str) -> pd.DataFrame:
    """Shared passages the obvious way (a dict of k-gram occurrences, every pair of them):
    the definition the array implementation must reproduce."""
    texts = corpus["body"].tolist()
    spans = [token_spans(t) for t in texts]
    tokens = [[tok for *_, tok in s] for s in spans]
    groups = corpus[by].tolist()
    index = defaultdict(list)
    for d, toks in enumerate(tokens):
        for i in range(len(toks) - k + 1):
            index[tuple(toks[i:i + k])].append((d, i))
    seeds = defaultdict(set)
    for occ in index.values():
        for (da, ia), (db, ib) in combinations(occ, 2):
            if da != db and groups[da] != groups[db]:
                if da > db:
                    da, ia, db, ib = db, ib, da, ia
                seeds[(da, db, ia - ib)].add(ia)
    rows = []
    for (da, db, diag), starts in seeds.items():
        starts = sorted(starts)
        run = [starts[0]]
        for s in [*starts[1:], None]:
            if s is not None and s == run[-1] + 1:
                run.append(s)
                continue
            a0, a1 = run[0], run[-1] + k
            b0, b1 = a0 - diag, a1 - diag
            ca0, ca1, cb0, cb1 = spans[da][a0][0], spans[da][a1 - 1][1], spans[db][b0][0], \
                spans[db][b1 - 1][1]
            rows.append((corpus.doc_id[da], corpus.doc_id[db], corpus.source[da],
                         corpus.source[db], a0, a1, b0, b1, ca0, ca1, cb0, cb1, a1 - a0,
                         texts[da][ca0:ca1], da, db))
            run = [s]
    out = pd.DataFrame(rows, columns=[*PASSAGE_COLUMNS, "_da", "_db"])
    out = out.sort_values(["_da", "_db", "token_start_a", "token_start_b"], kind="stable")
    ints = [c for c in PASSAGE_COLUMNS if c.startswith(("token_", "char_")) or c == "n_words"]
    return out.drop(columns=["_da", "_db"]).reset_index(drop=True).astype(
        dict.fromkeys(ints, "int64"))


_WORDS = st.sampled_from(["car", "gift", "the", "Kim", "un", "sanctions", "said", "a"])


@given(st.lists(st.lists(_WORDS, max_size=40), min_size=1, max_size=5),
       st.integers(1, 6), st.sampled_from(["doc_id", "source"]))
def test_shared_passages_equal_the_reference_definition(docs, k, by):
    corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(docs))],
                           "source": [f"s{i % 2}" for i in range(len(docs))],
                           "body": [" ".join(d) for d in docs]})
    got = shared_passages(corpus, min_words=k, by=by, max_docs=10**6)
    pd.testing.assert_frame_equal(got, _reference_passages(corpus, k, by))


def test_shared_passages_on_the_seeds(cleaned_seeds):
    p = shared_passages(cleaned_seeds.docs, by="source")
    assert len(p) == 3 and (p["n_words"] >= 8).all()
    assert list(p.columns) == PASSAGE_COLUMNS


def test_a_phrase_in_many_documents_is_listed_once_not_pair_by_pair():
    wire = "the security council resolution bans the sale of luxury cars to the north"
    corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(6)],
                           "source": [f"s{i}" for i in range(6)],
                           "body": [f"Outlet {i} wrote: {wire}." for i in range(6)]
                           + []})
    every = shared_passages(corpus)
    assert len(every) == 15  # every pair of six documents
    assert widespread_passages(corpus).empty
    assert shared_passages(corpus, max_docs=3).empty
    wide = widespread_passages(corpus, max_docs=3)
    assert wide[["doc_id", "n_words", "n_docs"]].values.tolist() == [["d0", 14, 6]]
    assert wide.text[0] == f"wrote: {wire}"  # "wrote" opens it in every document too
    # a phrase in few documents is still paired beside a widespread one
    corpus.loc[6] = ["d6", "s6", f"{wire}. A rare sentence shared by exactly two pages here."]
    corpus.loc[7] = ["d7", "s7", "Only this: a rare sentence shared by exactly two pages here."]
    rare = shared_passages(corpus, max_docs=3)
    assert rare[["doc_a", "doc_b", "n_words"]].values.tolist() == [["d6", "d7", 9]]


def test_passage_hashes_are_stable_and_positional():
    toks = ["a", "b", "c", "a", "b", "c"]
    h = passage_hashes(toks, 3)
    assert h[0] == h[3] and h[0] != h[1]
    assert passage_hashes(toks, 7).size == 0
    # the same in another process: a fixed value (no per-process salt)
    assert int(passage_hashes(["north", "korea"], 2)[0]) == int(
        passage_hashes(["north", "korea"], 2)[0])


def test_minhash_estimates_jaccard():
    rng = random.Random(0)
    words = [f"w{i}" for i in range(400)]
    a = " ".join(rng.choice(words) for _ in range(300))
    b = " ".join(a.split()[:240] + [rng.choice(words) for _ in range(60)])
    sig, valid = minhash_signatures([a, b, "too short"], num_perm=256)
    assert valid.tolist() == [True, True, False]
    est = (sig[0] == sig[1]).mean()
    sa, sb = ({" ".join(t.split()[i:i + 5]) for i in range(len(t.split()) - 4)} for t in (a, b))
    assert abs(est - len(sa & sb) / len(sa | sb)) < 0.1


def test_lsh_candidates_equal_datasketch():
    from datasketch import MinHash, MinHashLSH

    pages = list(synthetic_pages(60, n_sources=4, reprint_share=0.3, seed=3))
    sig, valid = minhash_signatures([p.text for p in pages], num_perm=64)
    sig = sig[valid]
    b, r = lsh_params(0.5, 64)
    lsh = MinHashLSH(threshold=0.5, num_perm=64, params=(b, r))
    template = MinHash(num_perm=64, seed=1)
    hashes = [MinHash(num_perm=64, hashvalues=s, scheme=template.scheme) for s in sig]
    for i, m in enumerate(hashes):
        lsh.insert(i, m)
    expected = {(min(i, j), max(i, j)) for i, m in enumerate(hashes)
                for j in lsh.query(m) if j != i}
    got = {tuple(p) for p in lsh_candidates(sig, threshold=0.5).tolist()}
    assert got == expected and got


def test_near_duplicates_find_the_reprints():
    pages = list(synthetic_pages(80, n_sources=4, reprint_share=0.3, seed=3))
    bodies = ["\n\n".join(p.text.split("\n\n")[2:-1]) for p in pages]  # roughly the article
    sig, valid = minhash_signatures(bodies)
    pairs = near_duplicates(sig, threshold=0.6)
    names = [p.file for p in pages]
    found = {frozenset((names[i], names[j])) for i, j in zip(pairs.i, pairs.j, strict=True)}
    reprints = {frozenset((p.file, p.reprint_of)) for p in pages if p.reprint_of}
    assert reprints and len(reprints & found) >= 0.8 * len(reprints)
    assert (pairs["jaccard"] >= 0.6).all()


def test_a_big_bucket_is_linked_as_a_star():
    sig, _ = minhash_signatures(["the same words in the same order every time"] * 6)
    star = lsh_candidates(sig, threshold=0.8, max_bucket=3)
    assert star.tolist() == [[0, j] for j in range(1, 6)]
    assert len(lsh_candidates(sig, threshold=0.8)) == 15


@pytest.mark.parametrize("threshold", [0.0, 1.0, 1.5])
def test_lsh_params_reject_bad_thresholds(threshold):
    with pytest.raises(ValueError, match="threshold"):
        lsh_params(threshold, 128)


@pytest.mark.parametrize("n, pairs, expected", [
    (4, [], [0, 1, 2, 3]),
    (5, [[0, 3], [3, 4]], [0, 1, 2, 0, 0]),
    (5, [[3, 4], [1, 4]], [0, 1, 2, 1, 1]),
])
def test_duplicate_groups_are_connected_components(n, pairs, expected):
    assert duplicate_groups(n, np.array(pairs, dtype=np.int64)).tolist() == expected
