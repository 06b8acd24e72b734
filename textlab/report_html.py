"""``report.html``: one self-contained page a researcher opens in a browser.

A pure writer: it analyses nothing. It takes the frames :mod:`textlab.compare` (or a notebook)
already computed, in a :class:`ReportData`, and writes one HTML file with every figure, style
and script inlined (no network, no CDN), in five tabs:

- **Overview**: corpus summary, warnings, what the cleaner dropped, the figures;
- **Vocabulary**: top terms and keyness, sortable and filterable; clicking a term lists its
  keyword-in-context lines per group;
- **Similarity & style**: the similarity matrix and pairs, the features by group;
- **Cleaning audit**: each shown page as scraped, every line with its label and reason,
  filters by group and by "pages with warnings";
- **Reuse**: shared passages, each shown in both documents with its context, and
  near-duplicate document pairs.

The file grows with what is shown, not with the corpus: every view is capped
(:data:`DEFAULT_CAPS`), the page states what was capped and links to the full tables. Every
piece of text is escaped (pages are untrusted), and a Content-Security-Policy allows only the
page's own script (by hash) and ``data:`` images, so nothing is fetched and nothing injected
runs. The same inputs give the same bytes (no timestamps, input order kept).

Examples
--------
>>> import pandas as pd, tempfile
>>> data = ReportData(title="Two pages", n_docs=2,
...     top_terms=pd.DataFrame({"group": ["A", "B"], "term": ["car", "<gift>"],
...                             "score": [0.5, 0.4], "count": [3, 2]}))
>>> with tempfile.TemporaryDirectory() as d:
...     page = write_report_html(data, f"{d}/report.html").read_text(encoding="utf-8")
>>> "&lt;gift&gt;" in page and "<gift>" not in page
True
"""

from __future__ import annotations

import base64
import hashlib
import html
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "DEFAULT_CAPS",
    "ReportData",
    "build_report_data",
    "render_report_html",
    "select_audit_docs",
    "write_report_html",
]

DEFAULT_CAPS: dict[str, int] = {
    "max_rows": 500,
    "page_size": 25,
    "max_docs_audit": 50,
    "max_lines_per_doc": 1000,
    "max_kwic_terms": 300,
    "max_kwic_per_term": 40,
    "max_passages": 200,
    "max_warnings": 100,
    "context_chars": 240,
    "max_chars": 2000,
}
"""What one report shows at most, whatever the corpus size (keyword arguments of
:func:`write_report_html`): rows per table (``max_rows``) and per view (``page_size``),
documents in the cleaning audit and lines per document, terms with contexts and contexts per
term, shared passages and near-duplicate pairs (``max_passages`` each), warnings, the
characters of context on each side of a shared passage, and the characters shown of any one
text (a line, a passage, a cell: a page of minified script is one line)."""

LABELS = ("body", "title", "byline", "date", "caption", "boilerplate", "blank")
"""The cleaner's labels (:data:`textlab.clean.LABELS`), in the order the audit lists them."""

SIMILARITY_MATRIX_MAX = 20
"""Up to this many groups the similarity is also drawn as a shaded matrix."""

FEATURES_TRANSPOSED_MAX = 12
"""Up to this many groups, features are shown one per row (groups as columns)."""


# ----------------------------------------------------------------------------------------------
# the data shown
# ----------------------------------------------------------------------------------------------


@dataclass
class ReportData:
    """Everything ``report.html`` shows: frames and simple values, no analysis.

    Every frame is optional (``None``: the section says it was not computed; an empty frame:
    it says nothing was found). Rows are shown in the order given. Extra columns are shown
    in the tables and ignored elsewhere.

    Attributes
    ----------
    title
        The page's heading, e.g. ``"Comparison of seeds/ by source"``.
    by
        The column comparing pages (``"source"``): the group column of ``docs``, ``lines``
        and ``kwic``, and the ``<by>_a``/``<by>_b`` columns of ``near_duplicates``.
    n_docs, n_groups, n_files, n_skipped, n_lines, n_dropped
        Corpus summary: documents compared, groups, files found and skipped as unreadable,
        non-blank lines and lines dropped by the cleaner. ``None`` values are not shown.
    languages
        Documents per language (``{"en": 4, "fr": 1}``), when the corpus has a ``lang`` column.
    dropped_by_reason
        ``label, reason, n_lines``: what the cleaner dropped, and why.
    warnings
        One-line strings: pages that lost their article, unreadable files, steps skipped.
    notes
        One-line strings: how the corpus was read and what the tables hold (the reader's
        rules, the groups a table is limited to); shown under the warnings.
    figures
        PNG files, embedded as ``data:`` URIs in this order (the file name is the caption).
    top_terms
        ``group, term, score, count`` (:func:`textlab.top_terms`).
    keyness
        ``group, term`` and the method's columns, e.g. ``reference, count, count_ref, delta,
        var, z`` (:func:`textlab.keyness`) or ``g2, log_ratio``; ``|z| >= 1.96`` is marked.
    similarity
        Long: ``a, b, similarity`` (:func:`textlab.similarity_long`), each pair once or twice.
    features
        One row per group: ``<by>`` (or ``group``) then numeric columns, e.g. ``n_docs`` and
        the means of :func:`textlab.lexical_features`.
    docs
        Documents of the cleaning audit: ``doc_id``; optional ``<by>, title, path, n_lines,
        n_body_lines`` and ``warning`` (text; empty or missing: no warning).
    lines
        The audit lines of those documents: ``doc_id, line_no, text, label``; optional
        ``reason, score``. Every line of a shown page (blank ones included) to show the page
        as scraped; missing line numbers are shown as a gap ("not in the audit table").
    kwic
        Keyword-in-context lines: ``term, doc_id, <by> (or source), left, match, right``;
        optional ``position`` (rows are shown by group, then in the order given). ``term``
        is matched exactly to the ``term`` column of ``top_terms`` and ``keyness``.
    passages
        Shared passages (:func:`textlab.shared_passages`): ``doc_a, doc_b, text``; optional
        ``source_a, source_b, n_words`` and the character offsets ``char_start_a,
        char_end_a, char_start_b, char_end_b`` into ``bodies`` (shown with their context).
    near_duplicates
        ``doc_a, doc_b, <by>_a, <by>_b, jaccard``.
    bodies
        ``doc_id -> body`` (a mapping, or a frame with ``doc_id, body``) for the documents of
        the passages and pairs shown: the context of each passage.
    table_links
        Table name -> link relative to the report (``{"keyness": "tables/keyness.csv"}``):
        where the full tables are, named wherever a view is capped.
    totals
        Rows of the full tables when fewer were passed (keys: ``top_terms, keyness,
        similarity, features, docs, passages, near_duplicates, warnings``), so that the page
        states "500 of 12,034".
    kwic_totals
        Contexts found per term when fewer were passed.
    """

    title: str = "textlab report"
    by: str = "source"
    n_docs: int | None = None
    n_groups: int | None = None
    n_files: int | None = None
    n_skipped: int | None = None
    n_lines: int | None = None
    n_dropped: int | None = None
    languages: Mapping[str, int] | None = None
    dropped_by_reason: pd.DataFrame | None = None
    warnings: Sequence[str] = ()
    notes: Sequence[str] = ()
    figures: Sequence[str | Path] = ()
    top_terms: pd.DataFrame | None = None
    keyness: pd.DataFrame | None = None
    similarity: pd.DataFrame | None = None
    features: pd.DataFrame | None = None
    docs: pd.DataFrame | None = None
    lines: pd.DataFrame | None = None
    kwic: pd.DataFrame | None = None
    passages: pd.DataFrame | None = None
    near_duplicates: pd.DataFrame | None = None
    bodies: Mapping[str, str] | pd.DataFrame | None = None
    table_links: Mapping[str, str] = field(default_factory=dict)
    totals: Mapping[str, int] = field(default_factory=dict)
    kwic_totals: Mapping[str, int] = field(default_factory=dict)


def _require(frame: object, cols: Iterable[str], arg: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{arg}: expected a pandas DataFrame or None, got {type(frame).__name__}")
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        raise ValueError(f"{arg}: missing column(s) {missing}; columns are {list(frame.columns)}")


def _validate(data: ReportData) -> None:
    if not isinstance(data, ReportData):
        raise TypeError(f"data: expected a ReportData, got {type(data).__name__}")
    required = {
        "dropped_by_reason": ["label", "reason", "n_lines"],
        "top_terms": ["group", "term"],
        "keyness": ["group", "term"],
        "similarity": ["a", "b", "similarity"],
        "features": [],
        "docs": ["doc_id"],
        "lines": ["doc_id", "line_no", "text", "label"],
        "kwic": ["term", "doc_id", "left", "match", "right"],
        "passages": ["doc_a", "doc_b", "text"],
        "near_duplicates": ["doc_a", "doc_b", "jaccard"],
    }
    for name, cols in required.items():
        frame = getattr(data, name)
        if frame is not None:
            _require(frame, cols, f"data.{name}")
    if data.kwic is not None and _group_col(data.kwic, data.by) is None:
        raise ValueError(f"data.kwic: missing column {data.by!r} (or 'source'); columns are "
                         f"{list(data.kwic.columns)}")
    if isinstance(data.bodies, pd.DataFrame):
        _require(data.bodies, ["doc_id", "body"], "data.bodies")
    for f in data.figures:
        if Path(f).suffix.lower() != ".png":
            raise ValueError(f"data.figures: {f}: expected PNG files")


def _group_col(frame: pd.DataFrame, by: str) -> str | None:
    for c in (by, "source", "group"):
        if c in frame.columns:
            return c
    return None


# ----------------------------------------------------------------------------------------------
# assembling the data from the analysis frames (selection and counting only)
# ----------------------------------------------------------------------------------------------


def select_audit_docs(docs: pd.DataFrame, *, by: str = "source", n: int = 50) -> pd.DataFrame:
    """The documents the cleaning audit shows: pages with a warning first (at most half of
    them while other pages wait), then one page of each group in turn, in corpus order, then
    the other pages with warnings; ``n`` at most.

    Parameters
    ----------
    docs
        ``doc_id`` (and ``by``, ``warning`` when present), one row per document.
    by
        The group column; without it the first pages are taken.
    n
        Documents to keep.

    Returns
    -------
    pandas.DataFrame
        The selected rows of ``docs``, in that order.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": list("abcde"), "source": list("XXXYZ"),
    ...                      "warning": ["", "", "no article text", "", ""]})
    >>> select_audit_docs(docs, n=4)["doc_id"].tolist()
    ['c', 'a', 'd', 'e']
    """
    _require(docs, ["doc_id"], "docs")
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 0:
        raise ValueError(f"n={n!r}: expected a non-negative integer")
    warn = (docs["warning"].fillna("").astype(str).str.len() > 0).to_numpy() \
        if "warning" in docs.columns else np.zeros(len(docs), dtype=bool)
    warned = list(np.flatnonzero(warn))
    rest = np.flatnonzero(~warn)
    if by in docs.columns and len(rest):
        groups = docs[by].astype(str).to_numpy()[rest]
        rank = pd.Series(groups).groupby(groups, sort=False).cumcount().to_numpy()
        first = {g: i for i, g in enumerate(dict.fromkeys(groups))}
        key = np.array([first[g] for g in groups])
        rest = rest[np.lexsort((key, rank))]
    # pages with warnings first, but at most half of the view while other pages wait
    first = warned[: max(1, n // 2)] if len(rest) else warned
    order = [*first, *rest, *warned[len(first):]][:n]
    return docs.iloc[order]


def _doc_warnings(docs: pd.DataFrame) -> pd.Series:
    """``warning`` text per document from what the cleaning tables say: the file's
    ``problem`` and an empty body."""
    parts = pd.Series([""] * len(docs), index=docs.index, dtype=object)
    if "problem" in docs.columns:
        parts = docs["problem"].fillna("").astype(str)
    if "n_body_lines" in docs.columns:
        lost = docs["n_body_lines"].fillna(0).to_numpy() == 0
    elif "body" in docs.columns:
        lost = (docs["body"].fillna("").astype(str).str.strip() == "").to_numpy()
    else:
        return parts
    msg = "no article text after cleaning"
    return pd.Series([f"{p}; {msg}" if (lo and p) else (msg if lo else p)
                      for p, lo in zip(parts, lost, strict=True)], index=docs.index, dtype=object)


def build_report_data(
    docs: pd.DataFrame, lines: pd.DataFrame | None = None, *, by: str = "source",
    title: str = "textlab report", top_terms: pd.DataFrame | None = None,
    keyness: pd.DataFrame | None = None, similarity: pd.DataFrame | None = None,
    features: pd.DataFrame | None = None, kwic: pd.DataFrame | None = None,
    passages: pd.DataFrame | None = None, near_duplicates: pd.DataFrame | None = None,
    dropped_by_reason: pd.DataFrame | None = None, figures: Sequence[str | Path] = (),
    warnings: Sequence[str] = (), n_files: int | None = None, n_skipped: int | None = None,
    table_links: Mapping[str, str] | None = None, max_docs_audit: int = 50,
    max_passages: int = 200,
) -> ReportData:
    """A :class:`ReportData` from in-memory analysis frames: counts for the summary, the
    documents of the audit (:func:`select_audit_docs`) with their lines, and the bodies of
    the documents whose passages are shown. It selects and counts; it computes nothing else.

    Parameters
    ----------
    docs
        :func:`textlab.clean_corpus` ``.docs`` (``doc_id, <by>, title, body, n_lines,
        n_body_lines``, optional ``problem``, ``lang``, ``warning``). Without a ``warning``
        column one is made from ``problem`` and empty bodies.
    lines
        :func:`textlab.clean_corpus` ``.lines`` (all lines, blank ones included).
    top_terms, keyness, similarity, features, kwic, passages, near_duplicates, figures
        As in :class:`ReportData` (full frames; the writer caps them and says so).
    dropped_by_reason
        ``label, reason, n_lines``; counted from ``lines`` when not given.
    warnings, n_files, n_skipped
        Corpus-level warnings and file counts (from the reader).
    table_links
        Table name -> link relative to the report.
    max_docs_audit, max_passages
        Documents kept for the audit; passages and pairs whose bodies are kept.

    Returns
    -------
    ReportData

    Examples
    --------
    >>> from textlab import clean_corpus, load_corpus
    >>> from textlab.paths import SEEDS_DIR
    >>> cleaned = clean_corpus(load_corpus(SEEDS_DIR))
    >>> data = build_report_data(cleaned.docs, cleaned.lines, max_docs_audit=2)
    >>> data.n_docs, data.n_groups, len(data.docs), sorted(data.lines["doc_id"].unique()) == \\
    ...     sorted(data.docs["doc_id"])
    (5, 5, 2, True)
    """
    _require(docs, ["doc_id"], "docs")
    if lines is not None:
        _require(lines, ["doc_id", "line_no", "text", "label"], "lines")
    docs = docs.assign(warning=docs["warning"].fillna("").astype(str)
                       if "warning" in docs.columns else _doc_warnings(docs))
    n_lines = int(docs["n_lines"].sum()) if "n_lines" in docs.columns else None
    n_dropped = (int(docs["n_lines"].sum() - docs["n_body_lines"].sum())
                 if {"n_lines", "n_body_lines"} <= set(docs.columns) else None)
    languages = None
    if "lang" in docs.columns:
        counts = docs["lang"].fillna("unknown").astype(str).value_counts()
        languages = {k: int(v) for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))}
    if dropped_by_reason is None and lines is not None:
        dropped = lines[~lines["label"].isin(["body", "blank"])]
        if "reason" in dropped.columns:
            dropped_by_reason = (dropped.groupby(["label", "reason"]).size().rename("n_lines")
                                 .reset_index()
                                 .sort_values(["n_lines", "label", "reason"],
                                              ascending=[False, True, True], ignore_index=True))
    shown = select_audit_docs(docs, by=by, n=max_docs_audit)
    keep_cols = [c for c in ["doc_id", by, "title", "path", "n_lines", "n_body_lines", "warning"]
                 if c in shown.columns]
    audit_lines = None
    if lines is not None:
        audit_lines = lines[lines["doc_id"].isin(set(shown["doc_id"]))]
    bodies = None
    if "body" in docs.columns:
        wanted: set = set()
        for frame in (passages, near_duplicates):
            if frame is not None and len(frame):
                head = frame.head(max_passages)
                wanted |= set(head["doc_a"]) | set(head["doc_b"])
        sel = docs[docs["doc_id"].isin(wanted)]
        bodies = dict(zip(sel["doc_id"], sel["body"].fillna("").astype(str), strict=True))
    doc_warnings = [f"{d}: {w}" for d, w in zip(docs["doc_id"], docs["warning"], strict=True)
                    if w]
    return ReportData(
        title=title, by=by, n_docs=len(docs),
        n_groups=int(docs[by].nunique()) if by in docs.columns else None,
        n_files=n_files, n_skipped=n_skipped, n_lines=n_lines, n_dropped=n_dropped,
        languages=languages, dropped_by_reason=dropped_by_reason,
        warnings=[*warnings, *doc_warnings], figures=list(figures), top_terms=top_terms,
        keyness=keyness, similarity=similarity, features=features,
        docs=shown[keep_cols], lines=audit_lines, kwic=kwic, passages=passages,
        near_duplicates=near_duplicates, bodies=bodies, table_links=dict(table_links or {}),
        totals={"docs": len(docs)},
    )


# ----------------------------------------------------------------------------------------------
# small HTML helpers
# ----------------------------------------------------------------------------------------------


def _e(value: object) -> str:
    """Text as HTML (quotes too, so it is safe in attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


def _clip(text: object, n: int, *, keep_end: bool = False) -> str:
    """``text`` cut to ``n`` characters (its start, or its end for a left context), saying
    how many were left out."""
    s = "" if _is_missing(text) else str(text)
    if len(s) <= n:
        return s
    if keep_end:
        return f"[{len(s) - n:,} more characters] … {s[len(s) - n:]}"
    return f"{s[:n]} … [{len(s) - n:,} more characters]"


def _is_missing(v: object) -> bool:
    return v is None or (isinstance(v, float | np.floating) and math.isnan(v)) or v is pd.NA \
        or v is pd.NaT


def _fmt(v: object) -> tuple[str, str]:
    """(display text, sort key) of one cell."""
    if _is_missing(v):
        return "–", ""
    if isinstance(v, bool | np.bool_):
        return str(bool(v)), str(int(bool(v)))
    if isinstance(v, int | np.integer):
        return f"{int(v):,}", str(int(v))
    if isinstance(v, float | np.floating):
        f = float(v)
        if math.isinf(f):
            return ("∞" if f > 0 else "−∞"), repr(f)
        a = abs(f)
        if f.is_integer() and a < 1e15:
            text = f"{int(f):,}"
        elif a >= 100:
            text = f"{f:,.1f}"
        elif a >= 10:
            text = f"{f:.2f}"
        elif a >= 0.01:
            text = f"{f:.3f}"
        else:  # keep three significant digits of small rates
            text = f"{f:.3g}"
        return text, repr(f)
    return str(v), ""


def _n(v: int) -> str:
    return f"{int(v):,}"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{_n(n)} {word if n == 1 else (plural or word + 's')}"


def _link(data: ReportData, name: str) -> str:
    href = data.table_links.get(name)
    if not href:
        return ""
    return f'<a href="{_e(href)}">{_e(href)}</a>'


def _cap_note(data: ReportData, name: str, shown: int, given: int, what: str = "rows") -> str:
    """"Showing 500 of 12,034 rows; all in tables/x.csv" when capped, else ''."""
    total = max(int(data.totals.get(name, given)), given)
    if shown >= total:
        return ""
    link = _link(data, name)
    where = f"; all of them in {link}" if link else ""
    return (f'<p class="cap" data-capped="{_e(name)}">Showing {_n(shown)} of {_n(total)} '
            f"{what}{where}.</p>")


def _empty(msg: str) -> str:
    return f'<p class="empty">{_e(msg)}</p>'


def _not_computed(frame: pd.DataFrame | None, nothing: str) -> str | None:
    if frame is None:
        return _empty("Not computed for this report.")
    if frame.empty:
        return _empty(nothing)
    return None


# ----------------------------------------------------------------------------------------------
# tables: sortable, filterable, paginated (by the page's script)
# ----------------------------------------------------------------------------------------------


def _table(frame: pd.DataFrame, *, tid: str, page_size: int, max_chars: int,
           facet: str | None = None, cell=None, row_attrs=None, caption: str = "") -> str:
    """A list block around a table. ``cell(col, value) -> html | None`` overrides a cell's
    content; ``row_attrs(row) -> str`` adds attributes to a row; ``facet`` names a column
    whose values fill a select filter."""
    cols = list(frame.columns)
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
               for c in cols]
    head = "".join(
        f'<th scope="col" data-type="{"num" if num else "str"}" class="{"num" if num else ""}">'
        f'<button type="button" class="sort" title="sort">{_e(c)}</button></th>'
        for c, num in zip(cols, numeric, strict=True))
    rows = []
    fvals: list[str] = []
    fpos = cols.index(facet) if facet in cols else None
    for rec in frame.itertuples(index=False, name=None):
        tds = []
        for c, v, num in zip(cols, rec, numeric, strict=True):
            text, key = _fmt(v)
            custom = cell(c, v) if cell else None
            content = custom if custom is not None else _e(_clip(text, max_chars))
            attr = f' data-v="{_e(key)}"' if num else ""
            tds.append(f'<td{attr} class="{"num" if num else ""}">{content}</td>')
        extra = row_attrs(dict(zip(cols, rec, strict=True))) if row_attrs else ""
        fattr = ""
        if fpos is not None:
            fv = str(rec[fpos])
            fvals.append(fv)
            fattr = f' data-facet-v="{_e(fv)}"'
        rows.append(f"<tr{fattr}{extra}>{''.join(tds)}</tr>")
    facet_html = ""
    if fpos is not None:
        opts = "".join(f'<option value="{_e(v)}">{_e(v)}</option>'
                       for v in dict.fromkeys(fvals))
        facet_html = (f'<label>{_e(facet)} <select data-facet="facetV"><option value="">all'
                      f"</option>{opts}</select></label>")
    return (
        f'<div class="list" id="{tid}" data-page-size="{page_size}" data-noun="row,rows">'
        f'{caption}<div class="controls"><input type="search" data-search '
        f'placeholder="filter rows…" aria-label="filter rows">{facet_html}'
        f'<span class="pager"><button type="button" data-prev aria-label="previous page">‹'
        f'</button><span class="pager-info"></span><button type="button" data-next '
        f'aria-label="next page">›</button></span></div>'
        f'<div class="scroll"><table><thead><tr>{head}</tr></thead>'
        f'<tbody data-items>{"".join(rows)}</tbody></table></div></div>')


# ----------------------------------------------------------------------------------------------
# sections
# ----------------------------------------------------------------------------------------------


def _overview(data: ReportData, caps: Mapping[str, int]) -> str:
    by = data.by
    stats = [
        ("documents", data.n_docs), (f"{by}s", data.n_groups), ("files read",
         None if data.n_files is None else data.n_files - (data.n_skipped or 0)),
        ("files skipped (unreadable)", data.n_skipped), ("non-blank lines", data.n_lines),
        ("lines dropped by the cleaner", data.n_dropped),
    ]
    cards = "".join(f'<div class="stat"><div class="v">{_n(v)}</div><div class="k">{_e(k)}'
                    "</div></div>" for k, v in stats if v is not None)
    if data.languages:
        langs = ", ".join(f"{_e(k)} ({_n(v)})" for k, v in data.languages.items())
        cards += (f'<div class="stat wide"><div class="v small">{langs}</div>'
                  f'<div class="k">languages (documents)</div></div>')
    parts = [f'<div class="stats">{cards}</div>' if cards else ""]

    warns = list(data.warnings)
    cap = caps["max_warnings"]
    if warns:
        items = "".join(f"<li>{_e(_clip(w, caps['max_chars']))}</li>" for w in warns[:cap])
        note = _cap_note(data, "warnings", min(len(warns), cap), len(warns), "warnings")
        parts.append(f'<div class="card warn" id="warnings"><h2>Warnings '
                     f'<span class="count">{_n(max(len(warns), data.totals.get("warnings", 0)))}'
                     f"</span></h2><ul>{items}</ul>{note}</div>")
    else:
        parts.append('<div class="card ok" id="warnings"><h2>Warnings</h2>'
                     "<p>None: every file was read and every page kept article text.</p></div>")
    if data.notes:
        items = "".join(f"<li>{_e(_clip(n, caps['max_chars']))}</li>" for n in data.notes)
        parts.append(f'<div class="card" id="notes"><h2>How the corpus was read</h2>'
                     f"<ul>{items}</ul></div>")

    if data.dropped_by_reason is not None:
        d = data.dropped_by_reason
        body = _not_computed(d, "The cleaner dropped no line.") or _table(
            d, tid="t-dropped", page_size=caps["page_size"], max_chars=caps["max_chars"],
            cell=lambda c, v: _badge(v) if c == "label" else None)
        parts.append(f'<div class="card"><h2>What the cleaner dropped, and why</h2>'
                     f'<p class="hint">Every line with its reason is in the '
                     f'<a href="#audit">cleaning audit</a>'
                     f'{" and in " + _link(data, "lines") if _link(data, "lines") else ""}.</p>'
                     f"{body}</div>")

    if data.figures:
        figs = []
        for f in data.figures:
            p = Path(f)
            b64 = base64.b64encode(p.read_bytes()).decode("ascii")
            figs.append(f'<figure class="fig"><img alt="{_e(p.stem)}" loading="lazy" '
                        f'src="data:image/png;base64,{b64}"><figcaption>{_e(p.stem)} '
                        f'<span class="hint">(click to enlarge)</span></figcaption></figure>')
        parts.append(f'<div class="card"><h2>Figures</h2><div class="figs">{"".join(figs)}'
                     "</div></div>")
    if data.table_links:
        links = "".join(f'<li><a href="{_e(h)}">{_e(n)}</a> <span class="hint">{_e(h)}</span>'
                        "</li>" for n, h in data.table_links.items())
        parts.append(f'<div class="card"><h2>Full tables</h2><p class="hint">The complete '
                     "tables behind this page, next to this report.</p>"
                     f'<ul class="links">{links}</ul></div>')
    return "".join(parts)


def _kwic_index(data: ReportData, caps: Mapping[str, int]) -> dict[str, str]:
    """term -> element id of its contexts (the first ``max_kwic_terms`` terms)."""
    if data.kwic is None or data.kwic.empty:
        return {}
    terms = list(dict.fromkeys(data.kwic["term"].astype(str)))[: caps["max_kwic_terms"]]
    return {t: f"kw{i}" for i, t in enumerate(terms)}


def _term_cell(kw: Mapping[str, str]):
    def cell(col: str, v: object) -> str | None:
        if col != "term":
            return None
        key = kw.get(str(v))
        if key is None:
            return None
        return (f'<a class="term" href="#terms:{key}" data-kwic="{key}" '
                f'title="show in context">{_e(v)}</a>')
    return cell


def _vocabulary(data: ReportData, caps: Mapping[str, int], kw: Mapping[str, str],
                doc_index: Mapping[str, str]) -> str:
    ps, mr, mc = caps["page_size"], caps["max_rows"], caps["max_chars"]
    term_cell = _term_cell(kw)
    blocks = []
    t = data.top_terms
    body = _not_computed(t, "No terms (the bodies are empty).")
    if body is None:
        shown = t.head(mr)
        body = _cap_note(data, "top_terms", len(shown), len(t)) + _table(
            shown, tid="t-top", page_size=ps, max_chars=mc, facet="group", cell=term_cell)
    blocks.append(f'<div class="card"><h2>Top terms <span class="hint">TF-IDF per {_e(data.by)}'
                  f"</span></h2>{body}</div>")
    k = data.keyness
    body = _not_computed(k, "No keyness rows (keyness compares at least two groups).")
    if body is None:
        shown = k.head(mr)

        def key_cell(col: str, v: object) -> str | None:
            if col == "z" and not _is_missing(v) and abs(float(v)) >= 1.96:
                return f'<strong class="sig" title="|z| ≥ 1.96">{_e(_fmt(v)[0])}</strong>'
            return term_cell(col, v)

        has_z = "z" in k.columns
        hint = ('<p class="hint">|z| ≥ 1.96 in bold. With one article per group, z describes '
                "these texts, not the outlets.</p>" if has_z else "")
        body = hint + _cap_note(data, "keyness", len(shown), len(k)) + _table(
            shown, tid="t-key", page_size=ps, max_chars=mc, facet="group", cell=key_cell)
    blocks.append(f'<div class="card"><h2>Keyness <span class="hint">each {_e(data.by)} '
                  f"against the rest</span></h2>{body}</div>")
    return (f'<div class="vocab"><div class="vocab-tables">{"".join(blocks)}</div>'
            f'<aside class="card kwic-panel" id="kwic-panel">{_kwic(data, caps, kw, doc_index)}'
            "</aside></div>")


def _kwic(data: ReportData, caps: Mapping[str, int], kw: Mapping[str, str],
          doc_index: Mapping[str, str]) -> str:
    head = '<h2>Terms in context</h2>'
    if data.kwic is None:
        return head + _empty("Keyword-in-context lines were not computed for this report.")
    if not kw:
        return head + _empty("No contexts: none of the terms was found in the bodies.")
    frame = data.kwic
    gcol = _group_col(frame, data.by)
    n_terms = frame["term"].astype(str).nunique()
    frame = frame[frame["term"].astype(str).isin(set(kw))]
    chips = "".join(f'<a class="chip" href="#terms:{key}" data-kwic="{key}">{_e(t)}</a>'
                    for t, key in kw.items())
    more = (f' <span class="cap">({_n(len(kw))} of {_n(n_terms)} terms with contexts are '
            "included.)</span>" if n_terms > len(kw) else "")
    intro = (f'<div id="kwic-intro"><p class="hint">Click a term in the tables (or below) to '
             f"read every line it occurs in, by {_e(data.by)}; click a line to see it "
             f"whole.{more}</p>"
             f'<div class="chips">{chips}</div></div>')
    sets = []
    cap, mc = caps["max_kwic_per_term"], caps["max_chars"]
    by_term = {t: g for t, g in frame.groupby(frame["term"].astype(str), sort=False)}
    for term, key in kw.items():
        g = by_term[term]
        groups = g[gcol].astype(str)
        # fair under the cap: the first line of every group, then the second, ...
        rank = groups.groupby(groups, sort=False).cumcount().to_numpy()
        order = {v: i for i, v in enumerate(dict.fromkeys(groups))}
        gi = groups.map(order).to_numpy()
        chosen = np.sort(np.lexsort((np.arange(len(g)), gi, rank))[:cap])
        shown = g.iloc[chosen]
        sgroups = shown[gcol].astype(str)
        total = max(len(g), int(data.kwic_totals.get(term, 0)))
        per_group = groups.value_counts()
        out = []
        for grp in dict.fromkeys(sgroups):
            sub = shown[sgroups == grp]
            rows = []
            for rec in sub.itertuples(index=False):
                doc = str(rec.doc_id)
                where = f"{doc} · token {_fmt(rec.position)[0]}" if "position" in sub.columns \
                    else doc
                d = doc_index.get(doc)
                doc_html = (f'<a class="doc" href="#audit:{d}" title="open this page in the '
                            f'cleaning audit">{_e(doc)}</a>' if d else
                            f'<span class="doc">{_e(doc)}</span>')
                rows.append(
                    f'<div class="kl" title="{_e(where)}"><span class="l"><span>'
                    f'{_e(_clip(rec.left, mc, keep_end=True))}</span></span><span class="m">'
                    f'{_e(_clip(rec.match, mc))}</span><span class="r">'
                    f"{_e(_clip(rec.right, mc))}</span>{doc_html}</div>")
            n_grp = int(per_group.get(grp, len(sub)))
            count = f"{_n(len(sub))} of {_n(n_grp)}" if n_grp > len(sub) else _n(len(sub))
            out.append(f'<div class="kg"><h3>{_e(grp)} <span class="count">{count}</span></h3>'
                       f'{"".join(rows)}</div>')
        note = ""
        if total > len(shown):
            note = (f'<p class="cap">Showing {_n(len(shown))} of {_n(total)} contexts '
                    f"(the first lines of each {_e(data.by)} in turn).</p>")
        n_groups = groups.nunique()
        sets.append(f'<div class="kwic-set" id="{key}" data-term="{_e(term)}" hidden>'
                    f'<h3 class="kt">“{_e(term)}” <span class="hint">{_plural(total, "line")}'
                    f" in {_e(_plural(n_groups, data.by))}</span> "
                    f'<a class="back" href="#terms">all terms</a></h3>{note}{"".join(out)}</div>')
    return head + intro + "".join(sets)


def _similarity_features(data: ReportData, caps: Mapping[str, int]) -> str:
    ps, mr, mc = caps["page_size"], caps["max_rows"], caps["max_chars"]
    parts = []
    s = data.similarity
    body = _not_computed(s, "No similarity (fewer than two groups).")
    if body is None:
        labels = list(dict.fromkeys([*s["a"].astype(str), *s["b"].astype(str)]))
        matrix = ""
        if len(labels) <= SIMILARITY_MATRIX_MAX:
            val = {(str(a), str(b)): float(v) for a, b, v in
                   zip(s["a"], s["b"], s["similarity"], strict=True)}
            off = [v for (a, b), v in val.items() if a != b and not math.isnan(v)]
            lo, hi = (min(off), max(off)) if off else (0.0, 1.0)
            head = "".join(f'<th scope="col"><span>{_e(b)}</span></th>' for b in labels)
            rows = []
            for a in labels:
                tds = []
                for b in labels:
                    v = val.get((a, b), val.get((b, a)))
                    if v is None or math.isnan(v):
                        tds.append('<td class="na">–</td>')
                    elif a == b:
                        tds.append(f'<td class="diag">{v:.2f}</td>')
                    else:
                        x = 0.5 if hi == lo else (v - lo) / (hi - lo)
                        light = 96 - 46 * x
                        tds.append(f'<td style="background:hsl(212,70%,{light:.0f}%);'
                                   f'color:{"#fff" if light < 68 else "#1f2328"}" '
                                   f'title="{_e(a)} · {_e(b)}: {v:.3f}">{v:.2f}</td>')
                rows.append(f'<tr><th scope="row">{_e(a)}</th>{"".join(tds)}</tr>')
            matrix = (f'<div class="scroll"><table class="matrix"><thead><tr><th></th>{head}'
                      f'</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
                      f'<p class="hint">Shading runs from the least to the most similar pair '
                      f"({lo:.2f}–{hi:.2f}).</p>")
        pairs = s[s["a"].astype(str) < s["b"].astype(str)]
        if pairs.empty:  # given once per pair in the other order
            pairs = s[s["a"].astype(str) != s["b"].astype(str)]
        pairs = pairs.sort_values("similarity", ascending=False, kind="stable")
        shown = pairs.head(mr)
        body = matrix + _cap_note(data, "similarity", len(shown), len(pairs), "pairs") + _table(
            shown, tid="t-sim", page_size=ps, max_chars=mc)
    parts.append(f'<div class="card"><h2>Similarity <span class="hint">cosine of word TF-IDF '
                 f"between {_e(data.by)}s</span></h2>{body}</div>")
    f = data.features
    body = _not_computed(f, "No features.")
    if body is None:
        gcol = data.by if data.by in f.columns else ("group" if "group" in f.columns else None)
        if gcol is not None and len(f) <= FEATURES_TRANSPOSED_MAX \
                and f[gcol].astype(str).is_unique:
            num = [c for c in f.columns if c != gcol and pd.api.types.is_numeric_dtype(f[c])]
            t = f.set_index(f[gcol].astype(str))[num].T
            t = t.rename_axis("feature").reset_index()
            t.columns = ["feature", *map(str, f[gcol].astype(str))]
            body = ('<p class="hint">Mean per document; one feature per row (click a '
                    "column to sort).</p>"
                    + _table(t, tid="t-feat", page_size=max(ps, 40), max_chars=mc))
        else:
            shown = f.head(mr)
            body = (_cap_note(data, "features", len(shown), len(f))
                    + _table(shown, tid="t-feat", page_size=ps, max_chars=mc))
    parts.append(f'<div class="card"><h2>Features by {_e(data.by)}</h2>{body}</div>')
    return "".join(parts)


def _badge(label: object) -> str:
    lab = str(label)
    cls = lab if lab in LABELS else "other"
    return f'<span class="badge b-{cls}">{_e(lab)}</span>'


def _audit(data: ReportData, caps: Mapping[str, int], doc_index: Mapping[str, str]) -> str:
    docs = data.docs
    if docs is None and data.lines is not None:
        docs = pd.DataFrame({"doc_id": list(dict.fromkeys(data.lines["doc_id"]))})
    body = _not_computed(docs, "No documents.")
    if body is not None:
        return f'<div class="card"><h2>Cleaning audit</h2>{body}</div>'
    by = data.by
    shown = docs.head(caps["max_docs_audit"])
    note = _cap_note(data, "docs", len(shown), len(docs), "documents")
    if note:
        note = note.replace("</p>", " Pages with warnings come first (at most half "
                            f"of them), then one page of each {_e(by)} in turn.</p>") if "warning" in docs.columns else note
    lines = data.lines
    by_doc: dict[str, pd.DataFrame] = {}
    if lines is not None:
        lines = lines[lines["doc_id"].astype(str).isin(set(doc_index))]
        by_doc = {str(d): g for d, g in lines.groupby(lines["doc_id"].astype(str), sort=False)}
    rows, pages, facet_vals = [], [], []
    has_by = by in shown.columns
    max_lines = caps["max_lines_per_doc"]
    for rec in shown.to_dict("records"):
        doc = str(rec["doc_id"])
        key = doc_index[doc]
        grp = str(rec[by]) if has_by else ""
        warning = "" if _is_missing(rec.get("warning")) else str(rec.get("warning") or "")
        facet_vals.append(grp)
        title = "" if _is_missing(rec.get("title")) else _clip(rec.get("title") or "", 300)
        g = by_doc.get(doc)
        counts = (g["label"].astype(str).value_counts() if g is not None
                  else pd.Series(dtype=int))
        n_body = rec.get("n_body_lines", counts.get("body", 0))
        n_lines = rec.get("n_lines", int((g["label"] != "blank").sum()) if g is not None else 0)
        title_html = f'<br><span class="doc-title">{_e(title)}</span>' if title else ""
        warn_html = (f'<br><span class="doc-warn">⚠ {_e(_clip(warning, 300))}</span>'
                     if warning else "")
        rows.append(
            f'<tr data-doc="{key}" data-facet-v="{_e(grp)}" data-warn="{1 if warning else 0}" '
            f'tabindex="0"><td><span class="mono">{_e(doc)}</span>{title_html}{warn_html}</td>'
            + (f"<td>{_e(grp)}</td>" if has_by else "")
            + f'<td class="num">{_e(_fmt(n_lines)[0])}</td>'
            f'<td class="num">{_e(_fmt(n_body)[0])}</td></tr>')
        pages.append(_audit_page(key, doc, rec, grp, title, warning, g, counts, max_lines,
                                 caps["max_chars"], data))
    opts = "".join(f'<option value="{_e(v)}">{_e(v)}</option>'
                   for v in dict.fromkeys(facet_vals)) if has_by else ""
    facet = (f'<label>{_e(by)} <select data-facet="facetV"><option value="">all</option>{opts}'
             "</select></label>" if has_by else "")
    n_warn = sum(1 for r in shown.to_dict("records")
                 if not _is_missing(r.get("warning")) and r.get("warning"))
    head = ("<th>document</th>" + (f"<th>{_e(by)}</th>" if has_by else "")
            + '<th class="num" title="non-blank lines">lines</th>'
            '<th class="num" title="lines kept as article text">body</th>')
    listing = (
        f'<div class="list" id="audit-docs" data-page-size="{min(caps["page_size"], 15)}" '
        'data-noun="document,documents">'
        f'<div class="controls"><input type="search" data-search placeholder="find a page…" '
        f'aria-label="find a page">{facet}<label class="check"><input type="checkbox" '
        f'data-facet="warn"> only pages with warnings ({_n(n_warn)})</label></div>'
        f'<div class="scroll"><table class="docs"><thead><tr>{head}</tr></thead>'
        f'<tbody data-items>{"".join(rows)}</tbody></table></div>'
        f'<div class="controls"><span class="pager"><button type="button" data-prev '
        f'aria-label="previous page">‹</button><span class="pager-info"></span><button '
        f'type="button" data-next aria-label="next page">›</button></span></div></div>')
    toggles = "".join(
        f'<label class="check"><input type="checkbox" data-label-toggle="{lab}" checked> '
        f"{_badge(lab)}</label>" for lab in LABELS)
    legend = (f'<div class="legend">Show lines labelled {toggles}</div>'
              '<p class="hint">Each line of the page as the cleaner read it (whitespace '
              "normalised), its label, and the reason that decided it (the score is the "
              "classifier's body probability).</p>")
    lines_link = _link(data, "lines")
    intro = ('<p class="hint">What the cleaner kept and dropped, line by line. '
             + (f"Every document's lines are in {lines_link}." if lines_link else "") + "</p>")
    return (f'<div class="card"><h2>Cleaning audit</h2>{intro}{note}'
            f'<div class="audit"><div class="audit-list">{listing}</div>'
            f'<div class="audit-page" id="audit-pages">{legend}'
            '<p class="empty" id="audit-none" hidden>No page matches the filters.</p>'
            f'{"".join(pages)}</div></div>'
            "</div>")


def _audit_page(key: str, doc: str, rec: Mapping, grp: str, title: str, warning: str,
                g: pd.DataFrame | None, counts: pd.Series, max_lines: int, max_chars: int,
                data: ReportData) -> str:
    meta = [f'<span class="mono">{_e(doc)}</span>']
    if grp:
        meta.append(_e(grp))
    if not _is_missing(rec.get("path")) and rec.get("path"):
        meta.append(f'<span class="mono">{_e(rec["path"])}</span>')
    summary = " · ".join(f"{_n(counts[lab])} {_e(lab)}" for lab in
                         [*LABELS, *sorted(set(counts.index) - set(LABELS))]
                         if lab in counts.index and lab != "blank")
    head = (f'<div class="page-head"><h3>{_e(title) if title else "(no title found)"}</h3>'
            f'<p class="meta">{" · ".join(meta)}</p>'
            f'{"<p class=meta>lines: " + summary + "</p>" if summary else ""}'
            f'{"<p class=callout>⚠ " + _e(warning) + "</p>" if warning else ""}</div>')
    if g is None or g.empty:
        return (f'<div class="page" id="{key}" hidden>{head}'
                f'{_empty("No lines of this page are in the audit table.")}</div>')
    g = g.sort_values("line_no", kind="stable")
    total = len(g)
    g = g.head(max_lines)
    out = []
    prev = None
    has_reason, has_score = "reason" in g.columns, "score" in g.columns
    for rec_l in g.itertuples(index=False):
        no = int(rec_l.line_no)
        if prev is not None and no > prev + 1:
            gap = no - prev - 1
            out.append(f'<div class="ln gap"><span class="no">⋯</span><span></span>'
                       f"<span>{_plural(gap, 'line')} not in the audit table</span>"
                       "<span></span></div>")
        prev = no
        label = str(rec_l.label)
        cls = label if label in LABELS else "other"
        if label == "blank":
            out.append(f'<div class="ln l-blank"><span class="no">{no}</span></div>')
            continue
        reason = str(rec_l.reason) if has_reason and not _is_missing(rec_l.reason) else ""
        score = rec_l.score if has_score else None
        sc = "" if _is_missing(score) else f"{float(score):.2f}"
        tip = f"{label}: {reason}" + (f" (score {sc})" if sc else "")
        out.append(
            f'<div class="ln l-{cls}" title="{_e(tip)}"><span class="no">{no}</span>'
            f"{_badge(label)}<span class=\"tx\">{_e(_clip(rec_l.text, max_chars))}</span>"
            f'<span class="why">{_e(reason)}{" <span class=sc>" + sc + "</span>" if sc else ""}'
            "</span></div>")
    note = ""
    if total > len(g):
        link = _link(data, "lines")
        note = (f'<p class="cap">Showing the first {_n(len(g))} of {_n(total)} lines'
                f'{"; all of them in " + link if link else ""}.</p>')
    return (f'<div class="page" id="{key}" hidden>{head}{note}'
            f'<div class="lines">{"".join(out)}</div></div>')


def _bodies(data: ReportData) -> dict[str, str]:
    b = data.bodies
    if b is None:
        return {}
    if isinstance(b, pd.DataFrame):
        return dict(zip(b["doc_id"].astype(str), b["body"].fillna("").astype(str), strict=True))
    return {str(k): "" if _is_missing(v) else str(v) for k, v in b.items()}


def _context(body: str, start: int, end: int, n: int, max_chars: int) -> str:
    """The passage in ``body`` with up to ``n`` characters on each side, cut at spaces."""
    lo, hi = max(0, start - n), min(len(body), end + n)
    left, right = body[lo:start], body[end:hi]
    if lo > 0 and " " in left:
        left = "… " + left[left.index(" ") + 1:]
    if hi < len(body) and " " in right:
        right = right[: right.rindex(" ")] + " …"
    return (f'<span class="ctx">{_e(left)}</span><mark>{_e(_clip(body[start:end], max_chars))}</mark>'
            f'<span class="ctx">{_e(right)}</span>')


def _opening(text: str, n: int) -> str:
    """The first ``n`` characters of ``text``, cut at a space."""
    if len(text) <= n:
        return text
    cut = text[:n]
    return (cut[: cut.rindex(" ")] if " " in cut else cut) + " …"


def _reuse(data: ReportData, caps: Mapping[str, int], doc_index: Mapping[str, str]) -> str:
    by, ps, cap, n = data.by, caps["page_size"], caps["max_passages"], caps["context_chars"]
    mc = caps["max_chars"]
    bodies = _bodies(data)

    def doc_link(doc: str) -> str:
        d = doc_index.get(doc)
        return (f'<a class="doc" href="#audit:{d}">{_e(doc)}</a>' if d
                else f'<span class="doc">{_e(doc)}</span>')

    def side(doc: str, grp: str, start: object, end: object, text: str) -> str:
        body = bodies.get(doc)
        ok = (body is not None and not _is_missing(start) and not _is_missing(end)
              and 0 <= int(start) < int(end) <= len(body))
        inner = (_context(body, int(start), int(end), n, mc) if ok
                 else f'<mark>{_e(_clip(text, mc))}</mark> <span class="hint">(no context: the body is '
                      "not in this report)</span>")
        return (f'<div class="side"><div class="side-head"><strong>{_e(grp)}</strong> '
                f'{doc_link(doc)}</div><div class="passage">{inner}</div></div>')

    parts = []
    p = data.passages
    body = _not_computed(p, "No passage is shared by two documents.")
    if body is None:
        shown = p.head(cap)
        items, fvals = [], []
        for rec in shown.to_dict("records"):
            a, b = str(rec["doc_a"]), str(rec["doc_b"])
            ga = str(rec.get("source_a", rec.get(f"{by}_a", a)))
            gb = str(rec.get("source_b", rec.get(f"{by}_b", b)))
            pair = f"{ga} ↔ {gb}"
            fvals.append(pair)
            nw = rec.get("n_words")
            words = f'<span class="count">{_plural(int(nw), "word")}</span>' \
                if not _is_missing(nw) else ""
            text = str(rec["text"])
            items.append(
                f'<details class="item" data-facet-v="{_e(pair)}"><summary>{words} '
                f'<strong>{_e(ga)}</strong> ↔ <strong>{_e(gb)}</strong> '
                f'<q>{_e(_clip(text, 300))}</q></summary><div class="sides">'
                f'{side(a, ga, rec.get("char_start_a"), rec.get("char_end_a"), text)}'
                f'{side(b, gb, rec.get("char_start_b"), rec.get("char_end_b"), text)}'
                "</div></details>")
        opts = "".join(f'<option value="{_e(v)}">{_e(v)}</option>' for v in
                       sorted(set(fvals)))
        body = (_cap_note(data, "passages", len(shown), len(p), "passages")
                + '<p class="hint">Open a passage to read it in both documents.</p>'
                + f'<div class="list full" id="passages" data-page-size="{ps}" data-noun="passage,passages">'
                '<div class="controls">'
                f'<input type="search" data-search placeholder="filter passages…" '
                f'aria-label="filter passages"><label>pair <select data-facet="facetV">'
                f'<option value="">all</option>{opts}</select></label>'
                f'<span class="pager"><button type="button" data-prev aria-label="previous '
                f'page">‹</button><span class="pager-info"></span><button type="button" '
                f'data-next aria-label="next page">›</button></span></div>'
                f'<div data-items>{"".join(items)}</div></div>')
    parts.append(f'<div class="card"><h2>Shared passages</h2>{body}</div>')

    nd = data.near_duplicates
    body = _not_computed(nd, "No near-duplicate documents.")
    if body is None:
        shown = nd.head(cap)
        items = []
        for rec in shown.to_dict("records"):
            a, b = str(rec["doc_a"]), str(rec["doc_b"])
            ga, gb = str(rec.get(f"{by}_a", "")), str(rec.get(f"{by}_b", ""))
            j = _fmt(rec["jaccard"])[0]
            opening = []
            for doc, grp in ((a, ga), (b, gb)):
                text = bodies.get(doc)
                inner = (_e(_opening(text, 3 * n)) if text is not None else
                         '<span class="hint">(the body is not in this report)</span>')
                opening.append(f'<div class="side"><div class="side-head"><strong>{_e(grp)}'
                               f'</strong> {doc_link(doc)}</div><div class="passage">{inner}'
                               "</div></div>")
            items.append(f'<details class="item"><summary><span class="count">Jaccard {j}'
                         f"</span> <strong>{_e(ga)}</strong> {_e(a)} ↔ <strong>{_e(gb)}"
                         f"</strong> {_e(b)}</summary>"
                         f'<div class="sides">{"".join(opening)}</div></details>')
        body = (_cap_note(data, "near_duplicates", len(shown), len(nd), "pairs")
                + '<p class="hint">Pairs of documents with nearly the same words (estimated '
                "Jaccard similarity of word 5-gram shingles); open one to compare their "
                "openings.</p>"
                + f'<div class="list full" id="near-dups" data-page-size="{ps}" data-noun="pair,pairs">'
                '<div class="controls">'
                f'<input type="search" data-search placeholder="filter pairs…" '
                f'aria-label="filter pairs"><span class="pager"><button type="button" '
                f'data-prev aria-label="previous page">‹</button><span class="pager-info">'
                f'</span><button type="button" data-next aria-label="next page">›</button>'
                f'</span></div><div data-items>{"".join(items)}</div></div>')
    parts.append(f'<div class="card"><h2>Near-duplicate documents</h2>{body}</div>')
    return "".join(parts)


# ----------------------------------------------------------------------------------------------
# the page
# ----------------------------------------------------------------------------------------------

_CSS = """
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--card:#fff;--accent:#0969da}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;
 color:var(--fg);background:var(--bg)}
header{background:#1f2937;color:#f9fafb;padding:14px 24px 0;position:sticky;top:0;z-index:5;
 box-shadow:0 1px 3px rgba(0,0,0,.2)}
header h1{margin:0;font-size:19px;font-weight:600}
header .sub{color:#cbd5e1;font-size:13px;margin:2px 0 8px}
nav{display:flex;gap:2px;flex-wrap:wrap}
nav a{color:#cbd5e1;text-decoration:none;padding:8px 14px;border-radius:6px 6px 0 0;
 font-weight:500}
nav a:hover{color:#fff;background:#374151}
nav a.active{background:var(--bg);color:var(--fg)}
main{padding:18px 24px 40px;max-width:1400px;margin:0 auto}
section>h2.sr{position:absolute;left:-9999px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 18px;
 margin:0 0 16px}
.card h2{font-size:16px;margin:0 0 8px}
.card h3{font-size:14px;margin:0 0 6px}
.hint{color:var(--muted);font-size:12.5px;font-weight:400}
.cap{background:#fff8c5;border:1px solid #eed888;border-radius:6px;padding:4px 10px;
 font-size:12.5px;margin:6px 0}
.empty{color:var(--muted);font-style:italic}
.count{display:inline-block;background:#eaeef2;color:var(--fg);border-radius:10px;
 padding:0 8px;font-size:12px;font-weight:500}
.stats{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:16px}
.stat{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 16px;
 min-width:130px}
.stat .v{font-size:22px;font-weight:600}
.stat .v.small{font-size:14px;padding-top:6px}
.stat .k{color:var(--muted);font-size:12.5px}
.card.warn{border-left:4px solid #bf8700}
.card.ok{border-left:4px solid #1a7f37}
.card.warn ul{margin:0;padding-left:20px;max-height:260px;overflow:auto}
.figs{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:14px;
 align-items:start}
.fig{margin:0;border:1px solid var(--line);border-radius:6px;padding:8px;cursor:zoom-in;
 background:#fff}
.fig img{width:100%;height:auto;display:block}
.fig figcaption{font-size:12.5px;color:var(--muted);margin-top:4px}
.fig.big{grid-column:1/-1;cursor:zoom-out}
.fig.big img{max-width:1100px;margin:0 auto}
ul.links{columns:2;margin:0;padding-left:18px}
.controls{display:flex;gap:10px;align-items:center;flex-wrap:wrap;margin:4px 0 8px}
.controls input[type=search]{padding:5px 8px;border:1px solid var(--line);border-radius:6px;
 min-width:180px;font:inherit}
.controls select{padding:4px 6px;border:1px solid var(--line);border-radius:6px;font:inherit;
 max-width:220px}
.controls label{color:var(--muted);font-size:13px}
.check{display:inline-flex;gap:4px;align-items:center;cursor:pointer}
.pager{margin-left:auto;display:inline-flex;gap:6px;align-items:center;font-size:12.5px;
 color:var(--muted)}
.pager button{border:1px solid var(--line);background:#fff;border-radius:6px;width:26px;
 height:26px;cursor:pointer;font-size:15px;line-height:1}
.pager button:disabled{opacity:.35;cursor:default}
.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:13px;width:100%}
.list{width:fit-content;min-width:min(100%,560px);max-width:100%}
.list.full,.audit .list{width:auto}
th,td{padding:4px 8px;border-bottom:1px solid #eaeef2;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tbody tr:hover{background:#f6f8fa}
button.sort{all:unset;cursor:pointer}
button.sort:focus-visible,table.docs tr:focus-visible{outline:2px solid var(--accent)}
button.sort::after{content:" ↕";color:#afb8c1;font-size:11px}
th[aria-sort=ascending] button.sort::after{content:" ↑";color:var(--fg)}
th[aria-sort=descending] button.sort::after{content:" ↓";color:var(--fg)}
a{color:var(--accent)}
a.term{font-weight:600;text-decoration:none;border-bottom:1px dotted var(--accent)}
a.term:hover,a.chip:hover{background:#ddf4ff}
strong.sig{color:#953800}
.vocab{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.1fr);gap:16px;
 align-items:start}
.kwic-panel,.audit-page{scroll-margin-top:calc(var(--head,110px) + 8px)}
.kwic-panel{position:sticky;top:calc(var(--head,110px) + 12px);
 max-height:calc(100vh - var(--head,110px) - 24px);overflow:auto}
.chips{display:flex;flex-wrap:wrap;gap:4px}
a.chip{border:1px solid var(--line);border-radius:12px;padding:0 8px;font-size:12.5px;
 text-decoration:none;background:#fff}
.kt{font-size:15px;margin:2px 0 8px}
.kt .back{font-size:12.5px;font-weight:400;margin-left:8px}
.kg{margin:10px 0 4px}
.kg h3{font-size:13px;border-bottom:1px solid var(--line);padding-bottom:2px;margin:0 0 4px}
.kl{display:grid;grid-template-columns:minmax(0,1fr) auto minmax(0,1fr) auto;gap:6px;
 font-size:13px;padding:2px 0;cursor:pointer}
.kl:hover{background:#f6f8fa}
.kl .l{direction:rtl;text-align:right;overflow:hidden;white-space:nowrap;
 text-overflow:ellipsis;color:#3d444d}
.kl .l>span{direction:ltr;unicode-bidi:embed}
.kl .m{font-weight:700;color:#953800}
.kl .r{overflow:hidden;white-space:nowrap;text-overflow:ellipsis;color:#3d444d}
.kl.open .l,.kl.open .r{white-space:normal}
.kl .doc{font-size:11px;color:var(--muted);align-self:center}
.mono,.doc{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
table.matrix{width:auto}
table.matrix td{text-align:center;min-width:58px;font-variant-numeric:tabular-nums}
table.matrix td.diag{color:#afb8c1}
table.matrix thead th span{display:inline-block;max-width:110px;white-space:normal}
.audit{display:grid;grid-template-columns:minmax(300px,0.8fr) minmax(0,1.6fr);gap:16px;
 align-items:start}
table.docs tr{cursor:pointer}
table.docs tr.sel{background:#ddf4ff}
.doc-title{color:var(--muted);font-size:12px}
.doc-warn{color:#9a6700;font-size:12px}
.audit-page{position:sticky;top:calc(var(--head,110px) + 12px);
 max-height:calc(100vh - var(--head,110px) - 24px);overflow:auto;
 border-left:1px solid var(--line);padding-left:16px}
.legend{display:flex;flex-wrap:wrap;gap:8px;align-items:center;font-size:12.5px;
 color:var(--muted)}
.page-head h3{font-size:15px;margin:8px 0 2px}
.meta{margin:0;color:var(--muted);font-size:12.5px}
.callout{background:#fff8c5;border:1px solid #eed888;border-radius:6px;padding:4px 10px;
 margin:6px 0}
.lines{margin-top:8px;border-top:1px solid var(--line)}
.ln{display:grid;grid-template-columns:3em 6.6em minmax(0,1fr) minmax(120px,15em);gap:8px;
 padding:3px 4px;border-bottom:1px solid #f0f2f4;align-items:baseline;font-size:13px}
.ln .no{color:#8c959f;text-align:right;font-variant-numeric:tabular-nums;font-size:12px}
.ln .why{color:var(--muted);font-size:12px}
.ln .sc{color:#8c959f;font-variant-numeric:tabular-nums;margin-left:4px}
.ln.l-blank{padding:0 4px;min-height:6px;border-bottom:none}
.ln.l-blank .no{font-size:9px;line-height:9px;color:#d0d7de}
.ln.l-body{background:#f3fbf5}
.ln.l-boilerplate .tx,.ln.l-other .tx{color:#6e7781}
.ln.l-title .tx{font-weight:600}
.ln.gap{color:var(--muted);font-style:italic;font-size:12px;background:#f6f8fa}
.badge{display:inline-block;border-radius:10px;padding:0 7px;font-size:11.5px;font-weight:600;
 text-align:center;white-space:nowrap}
.b-body{background:#dafbe1;color:#116329}.b-title{background:#ddf4ff;color:#0550ae}
.b-byline{background:#fbefff;color:#6639ba}.b-date{background:#d8f3f0;color:#0f5e56}
.b-caption{background:#fff8c5;color:#7d4e00}.b-boilerplate{background:#eaeef2;color:#424a53}
.b-blank{background:#fff;color:#8c959f;border:1px solid #d0d7de}
.b-other{background:#ffebe9;color:#a40e26}
.hide-body .l-body,.hide-title .l-title,.hide-byline .l-byline,.hide-date .l-date,
.hide-caption .l-caption,.hide-boilerplate .l-boilerplate,.hide-blank .l-blank{display:none}
details.item{border:1px solid var(--line);border-radius:6px;margin:6px 0;background:#fff}
details.item summary{cursor:pointer;padding:6px 10px;font-size:13px}
details.item q{color:#3d444d}
details.item[open] summary{border-bottom:1px solid var(--line);background:#f6f8fa}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:12px;padding:10px}
.side-head{font-size:12.5px;margin-bottom:4px}
.passage{white-space:pre-wrap;font-size:13px;max-height:320px;overflow:auto;line-height:1.55}
.passage mark{background:#fff1a8;padding:1px 0}
.ctx{color:#3d444d}
footer{color:var(--muted);font-size:12px;text-align:center;padding:10px}
@media (max-width:1000px){.vocab,.audit,.sides{grid-template-columns:1fr}
 .kwic-panel,.audit-page{position:static;max-height:none;border-left:none;padding-left:0}}
"""

_JS = """
(function(){
'use strict';
var lists={};
function num(s){if(s===undefined||s==='')return NaN;return parseFloat(s);}
function List(root){
  this.root=root;this.box=root.querySelector('[data-items]');
  this.items=Array.prototype.slice.call(this.box.children);
  this.items.forEach(function(it,i){it._i=i;});
  this.size=parseInt(root.getAttribute('data-page-size'),10)||25;
  this.page=0;this.shown=this.items.slice();
  this.noun=(root.getAttribute('data-noun')||'row,rows').split(',');
  this.search=root.querySelector('input[data-search]');
  this.facets=Array.prototype.slice.call(root.querySelectorAll('[data-facet]'));
  this.info=root.querySelector('.pager-info');
  this.prev=root.querySelector('[data-prev]');this.next=root.querySelector('[data-next]');
  var self=this;
  if(this.search)this.search.addEventListener('input',function(){self.apply();});
  this.facets.forEach(function(f){f.addEventListener('change',function(){self.apply();});});
  if(this.prev)this.prev.addEventListener('click',function(){self.page--;self.render();});
  if(this.next)this.next.addEventListener('click',function(){self.page++;self.render();});
  var ths=root.querySelectorAll('thead th');
  Array.prototype.forEach.call(ths,function(th,col){
    var b=th.querySelector('button.sort');if(!b)return;
    b.addEventListener('click',function(){self.sort(th,col);});
  });
  this.render();
}
List.prototype.apply=function(){
  var q=this.search?this.search.value.trim().toLowerCase():'';var fs=this.facets;
  this.shown=this.items.filter(function(it){
    if(q&&it.textContent.toLowerCase().indexOf(q)<0)return false;
    for(var k=0;k<fs.length;k++){var f=fs[k],key=f.getAttribute('data-facet');
      if(f.type==='checkbox'){if(f.checked&&it.dataset[key]!=='1')return false;}
      else if(f.value!==''&&it.dataset[key]!==f.value)return false;}
    return true;});
  this.page=0;this.render();
  this.root.dispatchEvent(new CustomEvent('listchange'));
};
List.prototype.sort=function(th,col){
  var dir=th.getAttribute('aria-sort')==='ascending'?'descending':'ascending';
  Array.prototype.forEach.call(th.parentNode.children,function(o){o.removeAttribute('aria-sort');});
  th.setAttribute('aria-sort',dir);
  var isnum=th.getAttribute('data-type')==='num',sgn=dir==='ascending'?1:-1;
  function key(it){var td=it.children[col];if(!td)return '';
    return isnum?num(td.getAttribute('data-v')):td.textContent.toLowerCase();}
  var cmp=function(a,b){var x=key(a),y=key(b);
    if(isnum){var nx=isNaN(x),ny=isNaN(y);if(nx||ny)return nx===ny?a._i-b._i:(nx?1:-1);
      return x===y?a._i-b._i:(x<y?-sgn:sgn);}
    return x===y?a._i-b._i:(x<y?-sgn:sgn);};
  this.items.sort(cmp);this.shown.sort(cmp);
  var box=this.box;this.items.forEach(function(it){box.appendChild(it);});
  this.page=0;this.render();
};
List.prototype.render=function(){
  var n=this.shown.length,pages=Math.max(1,Math.ceil(n/this.size));
  this.page=Math.max(0,Math.min(this.page,pages-1));
  var a=this.page*this.size,b=Math.min(n,a+this.size);
  this.items.forEach(function(it){it.hidden=true;});
  for(var i=a;i<b;i++)this.shown[i].hidden=false;
  if(this.info)this.info.textContent=n?(n<=this.size?n+' '+this.noun[n===1?0:1]:
    (a+1)+'\\u2013'+b+' of '+n):'no match';
  if(this.prev)this.prev.disabled=this.page===0;
  if(this.next)this.next.disabled=this.page>=pages-1;
  this.root.classList.toggle('one-page',pages===1);
};
List.prototype.reveal=function(el){
  var i=this.shown.indexOf(el);if(i<0)return;
  this.page=Math.floor(i/this.size);this.render();
};
Array.prototype.forEach.call(document.querySelectorAll('.list'),function(r){
  lists[r.id]=new List(r);});

/* tabs and the address bar: #tab or #tab:item */
var tabs=['overview','terms','similarity','audit','reuse'];
function showTab(t){
  tabs.forEach(function(x){var s=document.getElementById('tab-'+x);if(s)s.hidden=x!==t;});
  Array.prototype.forEach.call(document.querySelectorAll('nav a'),function(a){
    a.classList.toggle('active',a.getAttribute('href')==='#'+t);});
}
function showKwic(k){
  var panel=document.getElementById('kwic-panel');if(!panel)return;
  var found=false;
  Array.prototype.forEach.call(panel.querySelectorAll('.kwic-set'),function(s){
    s.hidden=s.id!==k;if(s.id===k)found=true;});
  var intro=document.getElementById('kwic-intro');if(intro)intro.hidden=found;
  Array.prototype.forEach.call(document.querySelectorAll('a.term'),function(a){
    a.classList.toggle('on',a.getAttribute('data-kwic')===k);});
  if(found)panel.scrollTop=0;
}
var current=null;
function showDoc(k){
  var pages=document.getElementById('audit-pages');if(!pages)return;
  var pg=document.getElementById(k);
  if(!pg||!pg.classList.contains('page'))return;
  Array.prototype.forEach.call(pages.querySelectorAll('.page'),function(p){p.hidden=p!==pg;});
  Array.prototype.forEach.call(document.querySelectorAll('#audit-docs tr[data-doc]'),
    function(tr){var on=tr.getAttribute('data-doc')===k;tr.classList.toggle('sel',on);
      if(on&&lists['audit-docs']&&tr.hidden)lists['audit-docs'].reveal(tr);});
  pages.scrollTop=0;current=k;
}
function firstVisibleDoc(){
  var tr=document.querySelector('#audit-docs tbody tr[data-doc]:not([hidden])');
  return tr?tr.getAttribute('data-doc'):null;
}
function route(){
  var h=decodeURIComponent(location.hash.slice(1)),i=h.indexOf(':');
  var t=i<0?h:h.slice(0,i),arg=i<0?'':h.slice(i+1);
  if(tabs.indexOf(t)<0)t='overview';
  showTab(t);
  if(t==='terms')showKwic(arg);
  if(t==='audit'){var k=arg||current||firstVisibleDoc();if(k)showDoc(k);}
  if(!arg)window.scrollTo(0,0);
}
/* in-page links update the view at once (no waiting for hashchange); Back still works */
function go(hash,replace){
  if(location.hash!==hash){
    if(replace)history.replaceState(null,'',hash);else history.pushState(null,'',hash);}
  route();
  /* in the one-column layout (narrow windows) the contexts and the page are below the
     lists: bring them into view */
  var m=/^#(terms|audit):./.exec(hash);
  if(m&&!replace){var pane=document.getElementById(m[1]==='terms'?'kwic-panel':'audit-pages');
    if(pane&&getComputedStyle(pane).position!=='sticky')pane.scrollIntoView({block:'start'});}
}
window.addEventListener('popstate',route);
window.addEventListener('hashchange',route);
document.addEventListener('click',function(ev){
  var t=ev.target;
  var tr=t.closest&&t.closest('#audit-docs tr[data-doc]');
  if(tr){go('#audit:'+tr.getAttribute('data-doc'));return;}
  var a=t.closest&&t.closest('a[href^="#"]');
  if(a&&!ev.ctrlKey&&!ev.metaKey&&!ev.shiftKey){ev.preventDefault();go(a.getAttribute('href'));
    return;}
  var fig=t.closest&&t.closest('.fig');if(fig){fig.classList.toggle('big');return;}
  var kl=t.closest&&t.closest('.kl');if(kl&&!t.closest('a')){kl.classList.toggle('open');}
});
document.addEventListener('keydown',function(ev){
  var tr=ev.target.closest&&ev.target.closest('#audit-docs tr[data-doc]');
  if(tr&&(ev.key==='Enter'||ev.key===' ')){ev.preventDefault();
    go('#audit:'+tr.getAttribute('data-doc'));}
});
var docs=document.getElementById('audit-docs');
if(docs)docs.addEventListener('listchange',function(){
  var sel=current&&document.querySelector('#audit-docs tr[data-doc="'+current+'"]');
  var none=document.getElementById('audit-none'),k=firstVisibleDoc();
  if(none)none.hidden=!!k;
  if(!k){Array.prototype.forEach.call(document.querySelectorAll('#audit-pages .page'),
    function(p){p.hidden=true;});current=null;return;}
  if(!sel||sel.hidden)go('#audit:'+k,true);
  else showDoc(current);
});
Array.prototype.forEach.call(document.querySelectorAll('[data-label-toggle]'),function(c){
  c.addEventListener('change',function(){
    document.getElementById('audit-pages').classList.toggle(
      'hide-'+c.getAttribute('data-label-toggle'),!c.checked);});
});
var header=document.querySelector('header');
function headHeight(){document.documentElement.style.setProperty('--head',
  header.offsetHeight+'px');}
window.addEventListener('resize',headHeight);headHeight();
route();
document.body.setAttribute('data-ready','1');
})();
"""


def render_report_html(
    data: ReportData, *, max_rows: int = DEFAULT_CAPS["max_rows"],
    page_size: int = DEFAULT_CAPS["page_size"],
    max_docs_audit: int = DEFAULT_CAPS["max_docs_audit"],
    max_lines_per_doc: int = DEFAULT_CAPS["max_lines_per_doc"],
    max_kwic_terms: int = DEFAULT_CAPS["max_kwic_terms"],
    max_kwic_per_term: int = DEFAULT_CAPS["max_kwic_per_term"],
    max_passages: int = DEFAULT_CAPS["max_passages"],
    max_warnings: int = DEFAULT_CAPS["max_warnings"],
    context_chars: int = DEFAULT_CAPS["context_chars"],
    max_chars: int = DEFAULT_CAPS["max_chars"],
) -> str:
    """The report as one HTML string (:func:`write_report_html` writes it to a file).

    Parameters
    ----------
    data
        What to show (:class:`ReportData`).
    max_rows
        Rows embedded per table (top terms, keyness, similarity pairs, features).
    page_size
        Rows per view; the page paginates the rest.
    max_docs_audit, max_lines_per_doc
        Documents in the cleaning audit (the first of ``data.docs``) and lines per document.
    max_kwic_terms, max_kwic_per_term
        Terms with contexts (the first of ``data.kwic``) and contexts per term (the first of
        each group in turn, so every group is seen).
    max_passages
        Shared passages and near-duplicate pairs shown (each).
    max_warnings
        Warnings listed.
    context_chars
        Characters of context on each side of a shared passage.
    max_chars
        Characters shown of any one text (a line, a passage, a table cell); the rest is
        replaced by "… [n more characters]".
    """
    caps = {"max_rows": max_rows, "page_size": page_size, "max_docs_audit": max_docs_audit,
            "max_lines_per_doc": max_lines_per_doc, "max_kwic_terms": max_kwic_terms,
            "max_kwic_per_term": max_kwic_per_term, "max_passages": max_passages,
            "max_warnings": max_warnings, "context_chars": context_chars,
            "max_chars": max_chars}
    for name, v in caps.items():
        low = 0 if name == "context_chars" else 1
        if isinstance(v, bool) or not isinstance(v, int | np.integer) or v < low:
            raise ValueError(f"{name}={v!r}: expected an integer >= {low}")
    _validate(data)
    docs = data.docs
    if docs is None and data.lines is not None:
        docs = pd.DataFrame({"doc_id": list(dict.fromkeys(data.lines["doc_id"]))})
    audit_ids = ([] if docs is None else
                 list(dict.fromkeys(docs["doc_id"].astype(str).head(max_docs_audit))))
    doc_index = {d: f"d{i}" for i, d in enumerate(audit_ids)}
    kw = _kwic_index(data, caps)
    from textlab import __version__

    sections = [
        ("overview", "Overview", _overview(data, caps)),
        ("terms", "Vocabulary", _vocabulary(data, caps, kw, doc_index)),
        ("similarity", "Similarity & style", _similarity_features(data, caps)),
        ("audit", "Cleaning audit", _audit(data, caps, doc_index)),
        ("reuse", "Reuse", _reuse(data, caps, doc_index)),
    ]
    nav = "".join(f'<a href="#{sid}">{_e(label)}</a>' for sid, label, _ in sections)
    # "tab-" ids: the address bar's #overview must not make the browser jump to an element
    body = "".join(f'<section id="tab-{sid}"><h2 class="sr">{_e(label)}</h2>{content}</section>'
                   for sid, label, content in sections)
    sub = []
    if data.n_docs is not None:
        sub.append(_plural(data.n_docs, "document"))
    if data.n_groups is not None:
        sub.append(_plural(data.n_groups, data.by))
    script_hash = base64.b64encode(hashlib.sha256(_JS.encode("utf-8")).digest()).decode()
    csp = (f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
           f"script-src 'sha256-{script_hash}'; base-uri 'none'; form-action 'none'")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(data.title)}</title><style>{_CSS}</style></head><body>"
        f'<header><h1>{_e(data.title)}</h1><p class="sub">{" · ".join(sub)}</p>'
        f"<nav>{nav}</nav></header><main>{body}</main>"
        f"<footer>textlab {_e(__version__)} · one self-contained file: it opens offline and "
        "fetches nothing</footer>"
        f"<script>{_JS}</script></body></html>\n")


def write_report_html(data: ReportData, path: str | Path, **caps: int) -> Path:
    """Write ``report.html``: one self-contained page (figures, style, script inlined).

    Parameters
    ----------
    data
        What to show (:class:`ReportData`; :func:`build_report_data` assembles one).
    path
        The file to write (its folder is created). Links to ``data.table_links`` are relative
        to it.
    **caps
        ``max_rows``, ``page_size`` and the other caps of :func:`render_report_html`
        (defaults: :data:`DEFAULT_CAPS`).

    Returns
    -------
    pathlib.Path
        ``path``. The same data and caps give the same bytes.

    Raises
    ------
    TypeError, ValueError
        A frame missing a column it needs, a figure that is not a PNG, a cap below 1, a cap
        that does not exist.
    """
    text = render_report_html(data, **caps)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path
