"""Benchmark helpers: page folders with their manifests, site grouping, title matching, and the
boosted trees the line model is trained with."""

from __future__ import annotations

import json

import numpy as np
import pytest

from textlab.benchmarks._boosting import fit_oblivious_trees
from textlab.benchmarks._devset import load_pages, site_of_url, title_matches


@pytest.mark.parametrize("url, site", [
    ("https://www.nytimes.com/2019/11/19/opinion/x.html", "nytimes.com"),
    ("https://uk.reuters.com/article/x", "reuters.com"),
    ("http://news.bbc.co.uk/2/hi/x.stm", "bbc.co.uk"),
    ("https://www.lanacion.com.ar/x", "lanacion.com.ar"),
    ("https://example.de", "example.de"),
    ("", ""),
    ("not a url", ""),
])
def test_site_of_url(url, site):
    assert site_of_url(url) == site


@pytest.mark.parametrize("found, meta, site_name, match", [
    ("How to Build a Terrarium", "How to Build a Terrarium | eHow", "eHow", True),
    ("Obama admits US gun laws are his 'biggest frustration'",
     "Obama admits US gun laws are his 'biggest frustration' - BBC News", "BBC News", True),
    ("Le projet de loi", "Le Monde.fr - Le projet de loi", "Le Monde.fr", True),
    ("  LUPITA's $150K dress -- stolen!!! ", "Lupita's $150K Dress: STOLEN", "", True),
    ("A headline", "A headline | Some Other Words", "", False),  # no site name: not stripped
    ("Another story", "A headline - BBC News", "BBC News", False),
    ("", "", "", False),
])
def test_title_matches(found, meta, site_name, match):
    assert title_matches(found, meta, site_name) is match


def test_pages_carry_site_language_and_title_from_their_manifest(tmp_path):
    folder = tmp_path / "train"
    folder.mkdir()
    for page_id in ("src-a", "src-b"):
        (folder / f"{page_id}.txt").write_text("Menu\n\nSome text.", encoding="utf-8")
        (folder / f"{page_id}.gold.txt").write_text("Some text.", encoding="utf-8")
    (folder / "meta.jsonl").write_text(json.dumps(
        {"id": "src-a", "url": "https://www.example.co.uk/a", "lang": "de", "title": "A",
         "site_name": "Example"}) + "\n", encoding="utf-8")
    a, b = load_pages(folder)
    assert (a.site, a.lang, a.title, a.site_name, a.split) == ("example.co.uk", "de", "A",
                                                               "Example", "train")
    assert (b.site, b.lang, b.title) == ("page:src-b", "", "")


def _lines(seed: int, n: int = 400) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.uniform(0, 1, size=(n, 3))
    y = ((X[:, 0] > 0.6) | (X[:, 1] + X[:, 2] > 1.5)).astype(float)
    return X, y


def test_boosted_trees_are_deterministic():
    # the same lines give a byte-identical model file
    X, y = _lines(0)
    first = fit_oblivious_trees(X, y, n_trees=15, depth=3, min_leaf=5).to_json()
    assert fit_oblivious_trees(X, y, n_trees=15, depth=3, min_leaf=5).to_json() == first


def test_boosted_trees_learn_the_rule():
    X, y = _lines(1)
    model = fit_oblivious_trees(X, y, n_trees=40, depth=3, min_leaf=5)
    test_X, test_y = _lines(2)
    assert ((model.decision_function(test_X) > 0) == test_y.astype(bool)).mean() > 0.9
