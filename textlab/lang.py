"""The language of a text: offline, deterministic detection with a confidence.

:func:`detect_language` names the language of one string, :func:`detect_languages` fills the
``lang``, ``lang_confidence`` and ``lang_source`` columns of a corpus, taking a metadata value
(a ``lang`` column of the source table) before detecting. Codes are ISO 639-1 where one exists
(``en``, ``fr``, ``zh``), else ISO 639-3 (``yue``, ``pcm``), as py3langid names them;
:data:`UNDETERMINED` (``"und"``, the ISO 639-2 code for "undetermined") marks a text too short
or too ambiguous to name.

The detector is py3langid (a maintained fork of langid.py: a naive Bayes model over byte
n-grams, 97 languages, shipped in the wheel, no network, same answer every run). It sees all of
its languages: restricting it to the languages a corpus is expected to hold would force a page
in any other language into one of them, silently. Its probabilities are normalised with a
length-dependent temperature, so the confidence means about the same for a tweet and a page.

Measured with ``python -m textlab.benchmarks.lang ../shared/benchmarks/boilerplate/train``
(200 real pages whose language the benchmark records: 179 English, 21 in ten other languages;
2 cores, shared):

==================================  ==========  ============
text                                correct     ms per page
==================================  ==========  ============
gold article body                   200 / 200   1.0
raw page (menus and all)            198 / 200   1.3
``textlab.clean_text`` of the page  196 / 200   1.0
==================================  ==========  ============

Reading whole raw pages instead of a window gets all 200 right at 9.8 ms per page; a window
of 600 characters gets 195-199 at 0.4 ms. The misses: a page of country names (read as
Nigerian Pidgin), a page too mixed to name (``und``), a list of archive months in traditional
Chinese (read as Cantonese, below the confidence bar), a page whose cleaned body is empty,
and one whose body is a single English headline on a page the benchmark labels German. Texts
longer than :data:`MAX_CHARS` are read from a window in their middle, which is where a page's
article sits and keeps the cost per page flat.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import pandas as pd

__all__ = [
    "UNDETERMINED",
    "MIN_CHARS",
    "MIN_CONFIDENCE",
    "MAX_CHARS",
    "LANG_COLUMNS",
    "normalize_lang",
    "detect_language",
    "detect_languages",
    "document_languages",
]

UNDETERMINED = "und"
"""Code for a text whose language cannot be told (ISO 639-2 ``und``)."""

MIN_CHARS = 12
"""Fewest letters (``str.isalpha`` characters) a text needs before detection is tried."""

MIN_CONFIDENCE = 0.5
"""Lowest normalised probability of the best language for it to be reported."""

MAX_CHARS = 3000
"""Longer texts are read from a window of this many characters in their middle."""

LANG_COLUMNS = ("lang", "lang_confidence", "lang_source")
"""Columns of :func:`detect_languages`."""


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # loading the model takes ~0.7 s: only when a language is first asked for
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def normalize_lang(code: object) -> str | None:
    """A language tag as a lower-case primary code; ``None`` for missing or blank values.

    Region and script subtags are dropped (``"en-US"``, ``"fr_FR"``, ``"zh-Hant"``), so a
    metadata column written by hand matches the detector's codes.

    Examples
    --------
    >>> [normalize_lang(c) for c in ["EN", "en-US", "fr_FR", " zh-Hant ", "", None]]
    ['en', 'en', 'fr', 'zh', None, None]
    """
    if code is None or (isinstance(code, float) and math.isnan(code)) or code is pd.NA:
        return None
    if not isinstance(code, str):
        raise TypeError(f"lang: expected a language code string, got {type(code).__name__}")
    code = code.strip().replace("_", "-").split("-")[0].lower()
    return code or None


def _window(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    start = (len(text) - max_chars) // 2
    return text[start:start + max_chars]


def _detect(text: object, min_chars: int, min_confidence: float,
            max_chars: int) -> tuple[str, float, str]:
    if not isinstance(text, str):
        if text is not None and text == text:  # None and NaN are empty texts
            raise TypeError(f"text: expected a string, got {type(text).__name__}")
        text = ""
    sample = _window(text, max_chars)
    if sum(c.isalpha() for c in sample) < min_chars:
        return UNDETERMINED, math.nan, "fallback: too short"
    lang, conf = _identifier().classify(sample)
    if conf < min_confidence:
        return UNDETERMINED, conf, f"fallback: low confidence ({lang})"
    return lang, conf, "detected"


def _check_options(min_chars: int, min_confidence: float, max_chars: int) -> None:
    for arg, value in (("min_chars", min_chars), ("max_chars", max_chars)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"{arg}={value!r}: expected a non-negative integer")
    if not 0 <= min_confidence <= 1:
        raise ValueError(f"min_confidence={min_confidence!r}: expected a number in [0, 1]")


def detect_language(text: str, *, min_chars: int = MIN_CHARS,
                    min_confidence: float = MIN_CONFIDENCE,
                    max_chars: int = MAX_CHARS) -> tuple[str, float]:
    """The language of ``text`` and the detector's confidence in it.

    Parameters
    ----------
    text
        Any string; ``None`` and NaN count as empty.
    min_chars
        Texts with fewer letters are :data:`UNDETERMINED` without asking the detector
        (confidence NaN): a word or two says little about a language.
    min_confidence
        Below this normalised probability the answer is :data:`UNDETERMINED` (the
        probability is still returned).
    max_chars
        Read at most this many characters, from the middle of the text.

    Returns
    -------
    (str, float)
        Language code and probability in [0, 1].

    Examples
    --------
    >>> detect_language("Le président a reçu une voiture de luxe en cadeau.")[0]
    'fr'
    >>> detect_language("東京都は新しい計画を発表した。")[0]
    'ja'
    >>> detect_language("A car.")
    ('und', nan)
    """
    _check_options(min_chars, min_confidence, max_chars)
    lang, conf, _ = _detect(text, min_chars, min_confidence, max_chars)
    return lang, conf


def detect_languages(texts: pd.Series, *, override: pd.Series | None = None,
                     min_chars: int = MIN_CHARS, min_confidence: float = MIN_CONFIDENCE,
                     max_chars: int = MAX_CHARS) -> pd.DataFrame:
    """Language of every text, with where the answer came from.

    Parameters
    ----------
    texts
        One text per document.
    override
        Known languages aligned with ``texts`` (e.g. the ``lang`` column of a metadata table);
        a non-missing value is taken as given (normalised by :func:`normalize_lang`) and the
        text is not read. Missing values are detected.
    min_chars, min_confidence, max_chars
        As in :func:`detect_language`.

    Returns
    -------
    pandas.DataFrame
        Same index as ``texts``; ``lang`` (code or :data:`UNDETERMINED`), ``lang_confidence``
        (probability, NaN for metadata and texts too short to read), ``lang_source``
        (``"metadata"``, ``"detected"``, ``"fallback: too short"`` or
        ``"fallback: low confidence (<best guess>)"``).

    Examples
    --------
    >>> texts = pd.Series(["Die Regierung hat gestern ein neues Gesetz beschlossen.",
    ...                    "Hi!", "Anything at all"])
    >>> detect_languages(texts, override=pd.Series([None, None, "en-GB"]))[["lang", "lang_source"]]
      lang          lang_source
    0   de             detected
    1  und  fallback: too short
    2   en             metadata
    """
    if not isinstance(texts, pd.Series):
        raise TypeError(f"texts: expected a pandas Series, got {type(texts).__name__}")
    _check_options(min_chars, min_confidence, max_chars)
    if override is not None:
        if not isinstance(override, pd.Series):
            raise TypeError(f"override: expected a pandas Series, got {type(override).__name__}")
        if len(override) != len(texts):
            raise ValueError(f"override: has {len(override)} values for {len(texts)} texts")
        given = [normalize_lang(v) for v in override]
    else:
        given = [None] * len(texts)
    rows = [(g, math.nan, "metadata") if g is not None
            else _detect(t, min_chars, min_confidence, max_chars)
            for t, g in zip(texts, given, strict=True)]
    out = pd.DataFrame(rows, columns=list(LANG_COLUMNS), index=texts.index)
    return out.astype({"lang": object, "lang_confidence": "float64", "lang_source": object})


def document_languages(texts: pd.Series, langs: pd.Series | None = None) -> list[str]:
    """The language each document is read by (its stop words, its language-specific features).

    A document's own ``lang`` (from ``langs``, e.g. the corpus's ``lang`` column) when known,
    else :func:`detect_language` of its text. A text too short to read, or that the detector
    is unsure of, stays :data:`UNDETERMINED`: its language-specific features are NaN and its
    stop words are the English list textlab used before it read languages. Each answer depends
    on the document alone, so a batch of a corpus gets the answers the whole corpus gets (the
    engine's batches, local or on Dask, equal the in-memory functions). To read short texts
    by a language you know, give it in the ``lang`` column.

    Examples
    --------
    >>> document_languages(pd.Series(["Le maire a inauguré le nouveau pont mardi.", "Oui !"]))
    ['fr', 'und']
    >>> document_languages(pd.Series(["Le maire a inauguré le nouveau pont mardi.", "Oui !"]),
    ...                    pd.Series([None, "fr"]))
    ['fr', 'fr']
    """
    if langs is None:
        given: list[str | None] = [None] * len(texts)
    else:
        if len(langs) != len(texts):
            raise ValueError(f"langs: has {len(langs)} values for {len(texts)} texts")
        given = [normalize_lang(v) for v in langs]
    return [g if g not in (None, UNDETERMINED) else detect_language(t)[0]
            for t, g in zip(texts, given, strict=True)]
