"""``report.html``: escaping, caps and determinism as text, then the page in headless Chromium.

The browser tests open the written file from disk (``file://``) in Debian's ``chromium``
driven by Playwright (never a browser Playwright downloads) and are skipped, with the reason,
when either is missing. Set ``TEXTLAB_SCREENSHOTS=DIR`` to keep the screenshots in ``DIR``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

import textlab
from textlab.paths import SEEDS_DIR
from textlab.report_html import (
    DEFAULT_CAPS,
    ReportData,
    build_report_data,
    render_report_html,
    select_audit_docs,
    write_report_html,
)
from textlab.text import token_spans

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def kwic_stand_in(docs: pd.DataFrame, term: str, *, window: int = 8,
                  by: str = "source") -> pd.DataFrame:
    """STAND-IN for ``textlab.terms.kwic`` (issue 17), for these tests only: exact one-word
    matches of ``term`` among :func:`textlab.text.token_spans`, ``window`` words each side,
    plus the ``term`` column the caller adds. Replace with the package's kwic once it lands."""
    rows = []
    for doc, group, body in zip(docs["doc_id"], docs[by], docs["body"], strict=True):
        spans = token_spans(body)
        for i, (s, e, tok) in enumerate(spans):
            if tok != term:
                continue
            lo, hi = max(0, i - window), min(len(spans), i + window + 1)
            left = body[spans[lo][0]:s].strip() if i > lo else ""
            right = body[e:spans[hi - 1][1]].strip() if hi > i + 1 else ""
            rows.append((term, doc, group, left, body[s:e], right, i))
    return pd.DataFrame(rows, columns=["term", "doc_id", by, "left", "match", "right",
                                       "position"])


class TagCollector(HTMLParser):
    """Every start tag and its attributes, to check what a browser would build."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(page: str) -> list[tuple[str, dict[str, str | None]]]:
    p = TagCollector()
    p.feed(page)
    return p.tags


# ----------------------------------------------------------------------------------------------
# inputs built the way compare builds them: the seeds, plus two pages a real corpus has
# ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    """The five seeds, a page that is only site furniture (it loses its article: a warning),
    and a page whose article text carries markup (must show as text)."""
    seeds = textlab.load_corpus(SEEDS_DIR)
    extra = pd.DataFrame({
        "doc_id": ["zz_furniture", "zz_hostile"],
        "source": ["WP blog", 'Hostile <b>"site"</b> & co'],
        "raw": [
            "Leave a Reply\n\nYour email address will not be published. Required fields are "
            "marked *\n\nProudly powered by WordPress | Theme: Journey Blog by Crimson Themes.\n",
            "Car gift <i>headline</i>\n\n"
            "Officials in Seoul said on Tuesday that the limousine had been delivered through "
            f"a third country, according to a report seen by the newsroom. {HOSTILE}\n\n"
            "The ministry added that checks of the shipping records were under way and that "
            "the sanctions committee would be told of the findings within weeks.\n"],
    })
    return pd.concat([seeds, extra], ignore_index=True)


@pytest.fixture(scope="module")
def inputs(corpus, tmp_path_factory) -> dict:
    from textlab import plots

    docs, lines = textlab.clean_corpus(corpus)
    top = textlab.top_terms(docs, n=15, ngram_range=(1, 1))
    key = textlab.keyness(docs)
    sim = textlab.similarity_long(textlab.similarity_matrix(docs))
    with pytest.warns(UserWarning, match="zz_furniture"):  # the page with no article text
        feats = textlab.lexical_features(docs)
    by_group = feats.drop(columns="doc_id").groupby("source").mean(numeric_only=True)
    by_group.insert(0, "n_docs", docs.groupby("source").size())
    by_group = by_group.reset_index()
    passages = textlab.shared_passages(docs, min_words=8, by="source")
    near = pd.DataFrame({"doc_a": ["000_f0b3d9e396bec44b"], "doc_b": ["zz_hostile"],
                         "source_a": ["ViewUs"], "source_b": ['Hostile <b>"site"</b> & co'],
                         "jaccard": [0.81]})  # invented: the seeds have no near-duplicates
    terms = list(dict.fromkeys([*top["term"], *key["term"]]))
    kwic = pd.concat([kwic_stand_in(docs, t) for t in terms], ignore_index=True)
    figdir = tmp_path_factory.mktemp("figures")
    figures = [
        *plots.save_figure(plots.plot_top_terms(top.groupby("group").head(5)).figure,
                           "top_terms", folder=figdir),
        *plots.save_figure(plots.plot_similarity(textlab.similarity_matrix(docs)).figure,
                           "similarity", folder=figdir),
    ]
    import matplotlib.pyplot as plt

    plt.close("all")
    return dict(docs=docs, lines=lines, top_terms=top, keyness=key, similarity=sim,
                features=by_group, kwic=kwic, passages=passages, near_duplicates=near,
                figures=figures)


@pytest.fixture(scope="module")
def report(inputs, tmp_path_factory) -> Path:
    i = inputs
    data = build_report_data(
        i["docs"], i["lines"], title="Seeds <and> two test pages", top_terms=i["top_terms"],
        keyness=i["keyness"], similarity=i["similarity"], features=i["features"],
        kwic=i["kwic"], passages=i["passages"], near_duplicates=i["near_duplicates"],
        figures=i["figures"], n_files=7, n_skipped=0,
        warnings=["1 file(s) skipped: zz_binary.txt: looks binary"],
        table_links={n: f"tables/{n}.csv" for n in ["docs", "lines", "top_terms", "keyness"]})
    return write_report_html(data, tmp_path_factory.mktemp("out") / "report.html")


# ----------------------------------------------------------------------------------------------
# without a browser
# ----------------------------------------------------------------------------------------------


def test_page_text_is_escaped_everywhere_and_only_our_script_exists(report, inputs):
    page = report.read_text(encoding="utf-8")
    tags = tags_of(page)
    scripts = [t for t, _ in tags if t == "script"]
    assert scripts == ["script"]  # the page's own, nothing from the pages
    handlers = [(t, a) for t, a in tags for name in a if name.startswith("on")]
    assert handlers == []
    assert "<img src=x" not in page and "<b>\"site\"</b>" not in page
    assert html_escaped(HOSTILE) in page  # shown as text in the audit
    assert "&lt;b&gt;&quot;site&quot;&lt;/b&gt; &amp; co" in page  # a source name, in attributes
    assert "<title>Seeds &lt;and&gt; two test pages</title>" in page
    imgs = [a["src"] for t, a in tags if t == "img"]
    assert len(imgs) == len(inputs["figures"])
    assert all(s.startswith("data:image/png;base64,") for s in imgs)
    # nothing on the page is fetched: no src/href outside the page but relative table links
    hrefs = {a.get("href") for t, a in tags if t == "a"} - {None}
    assert all(h.startswith("#") or h.startswith("tables/") for h in hrefs), hrefs
    csp = [a["content"] for t, a in tags if t == "meta"
           and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0] and "'unsafe-inline'" not in \
        csp[0].split("script-src")[1].split(";")[0]


def html_escaped(s: str) -> str:
    import html

    return html.escape(s, quote=True)


def test_same_inputs_give_the_same_bytes_whatever_the_hash_seed(tmp_path):
    build = (
        "import pandas as pd\n"
        "from textlab.report_html import ReportData, render_report_html\n"
        "top = pd.DataFrame({'group': ['B', 'A', 'A'], 'term': ['x', 'y', 'z'],"
        " 'score': [0.3, 0.2, 0.1], 'count': [1, 2, 3]})\n"
        "kw = pd.DataFrame({'term': ['y', 'y', 'z'], 'doc_id': ['d2', 'd1', 'd1'],"
        " 'source': ['B', 'A', 'A'], 'left': ['a', 'b', 'c'], 'match': ['y', 'y', 'z'],"
        " 'right': ['.', '.', '.']})\n"
        "lines = pd.DataFrame({'doc_id': ['d1', 'd1'], 'line_no': [1, 2], 'text': ['T', 'x y'],"
        " 'label': ['title', 'body'], 'reason': ['r1', 'r2']})\n"
        "data = ReportData(top_terms=top, kwic=kw, lines=lines, warnings=['w'],"
        " languages={'en': 1, 'fr': 1}, totals={'top_terms': 9})\n"
        "page = render_report_html(data, page_size=2)\n")
    here: dict = {}
    exec(build, here)
    seed = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"  # not this process's seed
    there = subprocess.run(
        [sys.executable, "-c", build + "import sys; sys.stdout.buffer.write(page.encode())"],
        check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
    assert there == here["page"].encode()
    assert b"Showing 3 of 9 rows" in there
    # and in this process, twice, through the file writer
    a = write_report_html(ReportData(warnings=["x"]), tmp_path / "a.html").read_bytes()
    b = write_report_html(ReportData(warnings=["x"]), tmp_path / "b.html").read_bytes()
    assert a == b


def big_data(n_docs: int) -> ReportData:
    """A corpus-sized input: every frame far longer than the caps."""
    docs = pd.DataFrame({"doc_id": [f"doc{i:06d}" for i in range(n_docs)],
                         "source": [f"site{i % 40:02d}" for i in range(n_docs)],
                         "title": "A headline", "n_lines": 30, "n_body_lines": 10,
                         "warning": ""})
    lines = pd.DataFrame({"doc_id": docs["doc_id"].repeat(30).to_numpy(),
                          "line_no": list(range(1, 31)) * n_docs,
                          "text": "Some line of the page with a few words in it.",
                          "label": (["boilerplate"] * 10 + ["body"] * 10 + ["blank"] * 10)
                          * n_docs, "reason": "why"})
    n_terms = n_docs * 2
    top = pd.DataFrame({"group": [f"site{i % 40:02d}" for i in range(n_terms)],
                        "term": [f"term{i}" for i in range(n_terms)], "score": 0.5,
                        "count": 3})
    kwic = pd.DataFrame({"term": [f"term{i % 400}" for i in range(n_docs * 10)],
                         "doc_id": [f"doc{i % n_docs:06d}" for i in range(n_docs * 10)],
                         "source": [f"site{i % 40:02d}" for i in range(n_docs * 10)],
                         "left": "words on the left", "match": "term", "right": "and right"})
    passages = pd.DataFrame({"doc_a": docs["doc_id"], "doc_b": docs["doc_id"].iloc[::-1].values,
                             "source_a": docs["source"], "source_b": docs["source"],
                             "n_words": 9, "text": "a passage shared by two of the pages"})
    return ReportData(n_docs=n_docs, docs=docs, lines=lines, top_terms=top, keyness=top,
                      kwic=kwic, passages=passages, near_duplicates=passages.assign(jaccard=0.9),
                      warnings=[f"warning {i}" for i in range(n_docs)],
                      table_links={"top_terms": "tables/top_terms.csv"})


def test_caps_bound_the_page_and_say_what_was_left_out():
    caps = dict(max_rows=100, max_docs_audit=20, max_kwic_terms=50, max_kwic_per_term=5,
                max_passages=30, max_warnings=10)
    small = render_report_html(big_data(2_000), **caps)
    large = render_report_html(big_data(20_000), **caps)
    # the size follows what is shown, not the corpus: only the stated totals differ
    assert abs(len(large) - len(small)) < 0.01 * len(small)
    assert len(large) < 1_500_000
    tags = tags_of(large)
    assert sum(1 for t, a in tags if t == "tr" and a.get("data-doc")) == 20
    assert sum(1 for t, a in tags if t == "div" and a.get("class") == "page") == 20
    assert sum(1 for t, a in tags if t == "div" and a.get("class") == "kwic-set") == 50
    assert sum(1 for t, a in tags if t == "div" and a.get("class") == "kl") == 50 * 5
    assert sum(1 for t, a in tags if t == "details") == 30 + 30
    top_rows = [a for t, a in tags if t == "tr" and a.get("data-facet-v", "").startswith("site")]
    assert len(top_rows) >= 100  # top terms and keyness tables, 100 rows each (+ audit)
    for note in ["Showing 100 of 40,000 rows; all of them in <a href=\"tables/top_terms.csv\">",
                 "Showing 20 of 20,000 documents", "Showing 30 of 20,000 passages",
                 "Showing 30 of 20,000 pairs", "Showing 10 of 20,000 warnings",
                 "Showing 5 of 500 contexts", "50 of 400 terms with contexts"]:
        assert note in large, note


def test_kwic_cap_shows_every_group_before_a_second_line_of_any():
    kw = pd.DataFrame({"term": "car", "doc_id": [f"a{i}" for i in range(100)] + ["b1", "b2"],
                       "source": ["A"] * 100 + ["B"] * 2, "left": "l", "match": "car",
                       "right": "r"})
    page = render_report_html(ReportData(kwic=kw), max_kwic_per_term=4)
    shown = re.findall(r'<span class="doc">(\w+)</span>', page)
    assert shown == ["a0", "a1", "b1", "b2"]  # grouped by source, both sources present
    assert "Showing 4 of 102 contexts" in page
    assert "2 of 100" in page  # per group: shown of found


def test_passage_is_shown_in_both_documents_with_context():
    a = "Opening words here. The wire text says the same thing twice. Then A goes on."
    b = "Different start. The wire text says the same thing twice, said B, closing."
    p = "The wire text says the same thing twice"
    passages = pd.DataFrame({"doc_a": ["a"], "doc_b": ["b"], "source_a": ["A"],
                             "source_b": ["B"], "char_start_a": [a.index(p)],
                             "char_end_a": [a.index(p) + len(p)], "char_start_b": [b.index(p)],
                             "char_end_b": [b.index(p) + len(p)], "n_words": [8], "text": [p]})
    page = render_report_html(ReportData(passages=passages, bodies={"a": a, "b": b}),
                              context_chars=12)
    assert page.count(f"<mark>{p}</mark>") == 2
    assert "here. </span><mark>" in page and "</mark><span class=\"ctx\">. Then A …" in page
    assert "start. </span><mark>" in page and "</mark><span class=\"ctx\">, said B, …" in page
    # without the bodies the passage is still shown, and the page says why there is no context
    page = render_report_html(ReportData(passages=passages))
    assert page.count(f"<mark>{p}</mark>") == 2 and "no context" in page


def test_one_huge_line_is_cut_and_says_how_much():
    minified = "var a=1;" * 10_000  # 80,000 characters on one line of a page
    lines = pd.DataFrame({"doc_id": "d", "line_no": [1], "text": [minified],
                          "label": ["boilerplate"], "reason": ["no words"]})
    page = render_report_html(ReportData(lines=lines, warnings=[minified]), max_chars=1000)
    assert page.count("var a=1;" * 125 + " … [79,000 more characters]") == 2
    assert len(page) < 60_000


def test_audit_shows_lines_in_order_and_names_gaps():
    lines = pd.DataFrame({"doc_id": "d", "line_no": [7, 1, 3],
                          "text": ["Read more", "Headline", "Body text."],
                          "label": ["boilerplate", "title", "body"],
                          "reason": ["page-furniture phrase", "headline", "classifier"],
                          "score": [0.01, 0.2, 0.93]})
    page = render_report_html(ReportData(lines=lines))
    order = [page.index(t) for t in ["Headline", "Body text.", "Read more"]]
    assert order == sorted(order)
    assert "1 line not in the audit table" in page and "3 lines not in the audit table" in page
    assert 'title="boilerplate: page-furniture phrase (score 0.01)"' in page


def test_build_report_data_counts_selects_and_warns():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "source": ["X", "X", "Y", "Y"],
                         "lang": ["en", "fr", "en", "en"], "title": "t",
                         "body": ["shared words", "", "shared words", "other"],
                         "problem": ["", "empty file", "", "replaced 2 undecodable byte(s)"],
                         "n_lines": [3, 0, 2, 4], "n_body_lines": [1, 0, 1, 2]})
    lines = pd.DataFrame({"doc_id": ["a", "a", "c", "d"], "line_no": [1, 2, 1, 1],
                          "text": ["Menu", "shared words", "shared words", "other"],
                          "label": ["boilerplate", "body", "body", "body"],
                          "reason": ["page-furniture phrase", "prose", "prose", "prose"]})
    passages = pd.DataFrame({"doc_a": ["a"], "doc_b": ["c"], "text": ["shared words"]})
    data = build_report_data(docs, lines, passages=passages, max_docs_audit=3)
    assert (data.n_docs, data.n_groups, data.n_lines, data.n_dropped) == (4, 2, 9, 5)
    assert data.languages == {"en": 3, "fr": 1}
    assert data.docs["doc_id"].tolist() == ["b", "a", "c"]  # the page that lost its text first
    assert data.docs.set_index("doc_id")["warning"].to_dict() == {
        "b": "empty file; no article text after cleaning", "a": "", "c": ""}
    assert set(data.lines["doc_id"]) == {"a", "c"}  # lines of the shown pages only
    assert data.bodies == {"a": "shared words", "c": "shared words"}  # of shown passages only
    assert data.warnings == ["b: empty file; no article text after cleaning",
                             "d: replaced 2 undecodable byte(s)"]
    assert data.dropped_by_reason.to_dict("records") == [
        {"label": "boilerplate", "reason": "page-furniture phrase", "n_lines": 1}]
    page = render_report_html(data)
    assert "en (3), fr (1)" in page and "Showing 3 of 4 documents" in page


@pytest.mark.parametrize(("docs", "n", "expected"), [
    # warnings first, then one page per source in turn
    ({"doc_id": list("abcdef"), "source": list("XXXYYZ"),
      "warning": ["", "", "", "", "lost", ""]}, 5, list("eadfb")),
    ({"doc_id": list("abc"), "source": list("XXY")}, 10, list("acb")),
    # warnings take at most half of the view while other pages wait, and fill it otherwise
    ({"doc_id": list("abcdef"), "source": list("XXXXYZ"),
      "warning": ["lost"] * 4 + ["", ""]}, 4, list("abef")),
    ({"doc_id": list("abcdef"), "source": list("XXXXYZ"),
      "warning": ["lost"] * 4 + ["", ""]}, 5, list("abefc")),
    ({"doc_id": list("abc"), "source": list("XYZ"), "warning": "lost"}, 2, list("ab")),
    ({"doc_id": list("abc")}, 2, list("ab")),  # no group column: corpus order
    ({"doc_id": list("abc"), "source": list("XYZ")}, 0, []),
])
def test_select_audit_docs(docs, n, expected):
    assert select_audit_docs(pd.DataFrame(docs), n=n)["doc_id"].tolist() == expected


@pytest.mark.parametrize(("field", "frame", "message"), [
    ("top_terms", pd.DataFrame({"group": ["A"]}), r"data\.top_terms: missing column\(s\) \['term'\]"),
    ("lines", pd.DataFrame({"doc_id": ["d"], "text": ["x"]}), r"data\.lines: missing column"),
    ("kwic", pd.DataFrame({"term": ["t"], "doc_id": ["d"], "left": [""], "match": ["t"],
                           "right": [""]}), r"data\.kwic: missing column 'source'"),
    ("similarity", [1, 2], r"data\.similarity: expected a pandas DataFrame"),
])
def test_a_frame_without_its_columns_is_named(field, frame, message):
    with pytest.raises((ValueError, TypeError), match=message):
        render_report_html(ReportData(**{field: frame}))


def test_caps_must_be_positive():
    with pytest.raises(ValueError, match=r"max_rows=0: expected an integer >= 1"):
        render_report_html(ReportData(), max_rows=0)


# ----------------------------------------------------------------------------------------------
# in a browser
# ----------------------------------------------------------------------------------------------

CHROMIUM = next((p for p in ["/usr/bin/chromium", shutil.which("chromium")]
                 if p and Path(p).exists()), None)
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("no headless Chromium at /usr/bin/chromium (Debian package 'chromium'; "
                    ".ci/run installs it when it can)")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is not installed (test extra)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, report, tmp_path):
    """The report opened from disk, recording console messages, errors, dialogs and every
    request the page makes."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = ctx.new_page()
    pg.problems, pg.requests = [], []
    pg.on("console", lambda m: pg.problems.append(f"console {m.type}: {m.text}")
          if m.type in {"error", "warning"} else None)
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.url_of_report = report.as_uri()
    pg.goto(pg.url_of_report)
    pg.wait_for_selector("body[data-ready='1']")
    keep = os.environ.get("TEXTLAB_SCREENSHOTS")

    def shot(name: str, *, full_page: bool = False) -> Path:
        path = tmp_path / f"{name}.png"
        pg.screenshot(path=str(path), full_page=full_page)
        assert path.stat().st_size > 10_000  # a page, not a blank image
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(keep) / path.name)
        return path

    pg.shot = shot
    yield pg
    ctx.close()


def visible_texts(pg, selector: str) -> list[str]:
    return pg.eval_on_selector_all(
        selector, "els => els.filter(e => e.offsetParent !== null).map(e => e.innerText)")


def open_tab(pg, name: str) -> None:
    pg.click(f"nav a[href='#{name}']")
    assert pg.is_visible(f"#tab-{name}")


def test_every_section_renders_with_content_and_nothing_goes_wrong(page, inputs):
    docs = inputs["docs"]
    open_tab(page, "overview")
    stats = dict(zip(visible_texts(page, ".stat .k"), visible_texts(page, ".stat .v"),
                     strict=True))
    assert stats["documents"] == "7" and stats["sources"] == str(docs["source"].nunique())
    warnings = " ".join(visible_texts(page, "#warnings li"))
    assert "zz_furniture: no article text kept" in warnings
    assert "zz_binary.txt: looks binary" in warnings
    widths = page.eval_on_selector_all(".fig img", "els => els.map(e => e.naturalWidth)")
    assert len(widths) == 2 and min(widths) > 300  # the embedded PNGs decode
    page.shot("overview", full_page=True)

    open_tab(page, "terms")
    assert len(visible_texts(page, "#t-top tbody tr")) == 25  # one page of 105 rows
    assert page.inner_text("#t-top .pager-info") == f"1–25 of {len(inputs['top_terms'])}"
    assert len(visible_texts(page, "#t-key tbody tr")) == 25

    open_tab(page, "similarity")
    n = docs["source"].nunique()
    assert page.locator("table.matrix tbody td").count() == n * n
    assert len(visible_texts(page, "#t-sim tbody tr")) == n * (n - 1) // 2
    assert len(visible_texts(page, "#t-feat tbody tr")) > 20
    page.shot("similarity", full_page=True)

    open_tab(page, "audit")
    assert len(visible_texts(page, "#audit-docs tbody tr")) == len(docs)
    # the first page shown is the one with a warning: its lines and the warning
    assert len(visible_texts(page, "#audit-pages .page .ln:not(.l-blank)")) == 3
    assert "no article text" in page.inner_text("#audit-pages .page:visible .callout")

    open_tab(page, "reuse")
    assert len(visible_texts(page, "#passages details")) == len(inputs["passages"])
    page.click("#passages details summary")
    marks = visible_texts(page, "#passages details[open] mark")
    assert len(marks) == 2  # the passage, in each of its two documents
    first = inputs["passages"].iloc[0]
    for mark in marks:
        assert [t for _, _, t in token_spans(mark)] == \
            [t for _, _, t in token_spans(first["text"])]
    page.shot("reuse")
    assert len(visible_texts(page, "#near-dups details")) == 1

    assert page.problems == []
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.scripts.length") == 1
    assert set(page.requests) == {page.url_of_report}  # nothing else is fetched


def test_clicking_a_term_lists_its_contexts_per_source(page, inputs):
    open_tab(page, "terms")
    assert page.is_visible("#kwic-intro")
    term_link = page.locator("#t-top tbody tr:visible a.term").nth(1)
    term = term_link.inner_text()
    term_link.click()
    assert page.url.endswith("#terms:" + term_link.get_attribute("data-kwic"))
    assert not page.is_visible("#kwic-intro")
    assert f"“{term}”" in page.inner_text(".kwic-set:visible h3.kt")
    expected = inputs["kwic"].query("term == @term")
    matches = visible_texts(page, ".kwic-set:visible .kl .m")
    assert len(matches) == min(len(expected), DEFAULT_CAPS["max_kwic_per_term"]) > 0
    assert {m.lower() for m in matches} == {term}
    groups = [g.split("\n")[0].rsplit(" ", 1)[0] for g in
              visible_texts(page, ".kwic-set:visible .kg h3")]
    assert groups == list(dict.fromkeys(expected["source"]))
    page.shot("terms_in_context")
    # the same from keyness, and back to the list of terms
    key_link = page.locator("#t-key tbody tr:visible a.term").first
    key_term = key_link.inner_text()
    key_link.click()
    assert f"“{key_term}”" in page.inner_text(".kwic-set:visible h3.kt")
    page.click(".kwic-set:visible a.back")
    assert page.is_visible("#kwic-intro")
    assert page.problems == []


def test_audit_shows_every_line_with_its_label_and_reason(page, inputs):
    open_tab(page, "audit")
    assert page.inner_text("#audit-docs tr.sel .mono") == "zz_furniture"  # warnings first
    page.click("#audit-docs tbody tr:has-text('000_f0b3d9e396bec44b')")
    doc = page.get_attribute("#audit-docs tbody tr.sel", "data-doc")
    shown = page.locator(f"#{doc} .ln:not(.l-blank):not(.gap)")
    lines = inputs["lines"]
    expected = lines[(lines["doc_id"] == page.inner_text("#audit-docs tbody tr.sel .mono"))
                     & (lines["label"] != "blank")]
    assert shown.count() == len(expected) > 20
    rows = shown.evaluate_all(
        "els => els.map(e => [e.querySelector('.badge').innerText,"
        " e.querySelector('.tx').innerText, e.querySelector('.why').innerText,"
        " e.getAttribute('title')])")
    for (label, text, why, tip), want in zip(rows, expected.itertuples(), strict=True):
        assert label == want.label and text == want.text
        assert why.startswith(want.reason) and tip.startswith(f"{want.label}: {want.reason}")
    assert {r[0] for r in rows} >= {"title", "byline", "body", "boilerplate"}
    page.shot("audit")
    # the hostile page: its markup is text on the page
    page.fill("#audit-docs input[data-search]", "zz_hostile")
    assert page.inner_text("#audit-docs tr.sel .mono") == "zz_hostile"
    body_text = " ".join(visible_texts(page, "#audit-pages .page:visible .l-body .tx"))
    assert HOSTILE in body_text
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.problems == []


def test_filters_select_pages_rows_and_labels(page, inputs):
    docs = inputs["docs"]
    open_tab(page, "audit")
    # by source: a name with markup, quotes and an ampersand round-trips through the filter
    for source in ["WP blog", 'Hostile <b>"site"</b> & co']:
        page.select_option("#audit-docs select[data-facet]", label=source)
        rows = visible_texts(page, "#audit-docs tbody tr")
        assert len(rows) == int((docs["source"] == source).sum())
        assert all(source in r for r in rows)
        sel = page.inner_text("#audit-docs tr.sel .mono")  # the shown page follows the filter
        assert docs.set_index("doc_id").loc[sel, "source"] == source
    page.select_option("#audit-docs select[data-facet]", value="")
    # pages with warnings
    page.check("#audit-docs input[data-facet='warn']")
    rows = visible_texts(page, "#audit-docs tbody tr")
    assert len(rows) == 1 and "zz_furniture" in rows[0]
    assert "no article text kept" in page.inner_text("#audit-pages .page:visible")
    page.shot("audit_warnings")
    page.uncheck("#audit-docs input[data-facet='warn']")
    assert len(visible_texts(page, "#audit-docs tbody tr")) == len(docs)
    # labels: hiding boilerplate leaves none visible
    page.click("#audit-docs tbody tr:has-text('001_6b22620e46dab31a')")
    assert len(visible_texts(page, "#audit-pages .page:visible .l-boilerplate")) > 0
    page.uncheck("[data-label-toggle='boilerplate']")
    assert visible_texts(page, "#audit-pages .page:visible .l-boilerplate") == []
    assert len(visible_texts(page, "#audit-pages .page:visible .l-body")) > 0
    # tables: text filter, group filter, sorting, pages
    open_tab(page, "terms")
    page.fill("#t-top input[data-search]", "korea")
    rows = visible_texts(page, "#t-top tbody tr")
    assert rows and all("korea" in r.lower() for r in rows)
    page.fill("#t-top input[data-search]", "")
    page.select_option("#t-top select[data-facet]", label="Indian desk")
    rows = visible_texts(page, "#t-top tbody tr")
    assert len(rows) == 15 and all(r.startswith("Indian desk") for r in rows)
    page.select_option("#t-top select[data-facet]", value="")
    page.click("#t-top th:has-text('count') button")
    counts = [int(c) for c in visible_texts(page, "#t-top tbody tr td:nth-child(4)")]
    assert counts == sorted(counts)
    page.click("#t-top th:has-text('count') button")
    counts = [int(c) for c in visible_texts(page, "#t-top tbody tr td:nth-child(4)")]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] == inputs["top_terms"]["count"].max()
    page.click("#t-top [data-next]")
    assert page.inner_text("#t-top .pager-info").startswith("26–50 of ")
    assert page.problems == []
