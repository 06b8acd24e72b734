"""Site furniture is learned per source with versions of one document counted once."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from textlab import clean, clean_corpus
from textlab._furniture import furniture_hashes, page_facts, version_groups
from textlab.clean import repeated_lines, split_lines
from textlab.paths import SEEDS_DIR

SEED_003 = next(SEEDS_DIR.glob("003_*.txt")).read_text(encoding="utf-8")
OTHER_SEEDS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("00[0124]_*.txt"))]
FOOTER = "Our newsroom is independent and funded by readers like you every single month"


def _drop_lines(page: str, share: float, seed: int) -> str:
    """The page with ``share`` of its non-empty lines removed (a perturbed version)."""
    rng = random.Random(seed)
    lines = split_lines(page)
    full = [i for i, t in enumerate(lines) if t.strip()]
    gone = set(rng.sample(full, round(share * len(full))))
    return "\n".join(t for i, t in enumerate(lines) if i not in gone)


def _body_words(body: str) -> set[str]:
    return {t for t in body.split()}


def _kept_share(together: str, alone: str) -> float:
    """Share of the words of the body cleaned alone that the body cleaned with the source
    keeps (1.0 when nothing was lost)."""
    a = _body_words(alone)
    return len(a & _body_words(together)) / len(a) if a else 1.0


def _versions_in_one_source(versions: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Clean the versions of an article with four other pages of one site (a shared footer);
    each version must keep 95% of the body it keeps when cleaned alone."""
    pages = versions + [p + f"\n\n{FOOTER}\n" for p in OTHER_SEEDS]
    corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(pages))], "source": "one site",
                           "raw": pages})
    docs, lines = clean_corpus(corpus)
    for i, version in enumerate(versions):
        alone = clean(version).body
        assert len(alone) > 2000
        assert _kept_share(docs.body[i], alone) >= 0.95, (i, docs.body[i][:200])
    return docs, lines


@pytest.mark.parametrize("share", [0.0, 0.1])
def test_three_versions_of_one_article_keep_their_body(share):
    docs, lines = _versions_in_one_source([_drop_lines(SEED_003, share, seed)
                                           for seed in range(3)])
    # nothing the cleaner drops as repeated is article text another version keeps
    repeated = set(lines.loc[lines.reason == "repeated across the source's pages", "text"])
    kept = {t for b in docs.body[:3] for t in b.split("\n\n")}
    assert not repeated & kept


def test_versions_count_once_but_real_furniture_is_still_learned():
    copies = [_drop_lines(SEED_003, 0.1, seed) + f"\n\n{FOOTER}\n" for seed in range(3)]
    pages = copies + [p + f"\n\n{FOOTER}\n" for p in OTHER_SEEDS]
    rep = repeated_lines(pages)
    assert FOOTER in rep  # on 5 documents (3 versions + 4 others = 5 documents)
    assert not any(line in SEED_003 and len(line.split()) > 8 for line in rep - {FOOTER})


def test_versions_are_grouped_and_different_articles_are_not():
    update = SEED_003.replace("\n\n", "\n\nThis story was updated with new details.\n\n", 1)
    pages = [SEED_003, _drop_lines(SEED_003, 0.1, 7), update, *OTHER_SEEDS]
    groups = version_groups([page_facts(p) for p in pages])
    assert groups[0] == groups[1] == groups[2]
    assert len(set(groups[3:])) == len(OTHER_SEEDS) and groups[0] not in set(groups[3:])


def test_a_syndicated_article_in_many_sources_is_not_furniture_anywhere():
    # the same article printed by four outlets, each with two other pages and its own footer
    rows = []
    for s in range(4):
        footer = f"Copyright outlet {s}: all rights reserved, reproduction prohibited without consent"
        for i, page in enumerate([SEED_003, *OTHER_SEEDS[s:s + 2]]):
            rows.append((f"s{s}-{i}", f"outlet {s}", page + f"\n\n{footer}\n"))
    corpus = pd.DataFrame(rows, columns=["doc_id", "source", "raw"])
    docs, lines = clean_corpus(corpus)
    syndicated = docs[docs.doc_id.str.endswith("-0")]
    alone = clean(SEED_003).body
    assert all(_kept_share(b, alone) >= 0.95 for b in syndicated.body)
    assert not lines.text.str.startswith("Copyright outlet").any() or \
        (lines.loc[lines.text.str.startswith("Copyright outlet"), "label"] != "body").all()


def test_few_documents_learn_nothing():
    facts = [page_facts(p) for p in [SEED_003, _drop_lines(SEED_003, 0.1, 1), OTHER_SEEDS[0]]]
    assert len(furniture_hashes(facts)) == 0  # three pages, but two documents


def test_an_article_and_its_updates_in_one_source_keep_their_bodies():
    paras = SEED_003.split("\n\n")
    added = ("Update: officials in Seoul said on Friday that they had asked the United Nations "
             "panel of experts to examine the transfer of the vehicle.")
    updates = [
        SEED_003,
        "\n\n".join(paras[:-1] + [added] + paras[-1:]),  # a paragraph added near the end
        "\n\n".join(paras[:-1] + [added, added.replace("Friday", "Saturday")] + paras[-1:]),
    ]
    docs, _ = _versions_in_one_source(updates)
    assert added in docs.body[1] and added in docs.body[2]
