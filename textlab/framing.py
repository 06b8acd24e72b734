"""Framing signals: who is quoted, which frames a text leans on, which story elements it omits.

Three tidy frames, one row per observation:

- :func:`quotes`: direct quotations with the speaker the text names, and "according to X"
  attributions;
- :func:`frame_scores`: rates of a user's frame lexicon per document, optionally weighting
  the headline and first paragraph (placement is part of framing);
- :func:`coverage_matrix`: where each story element is first mentioned, or that it is not
  (the omission matrix), with :func:`pivot_coverage` for the wide view.

Speaker attribution is pattern-based ("…,” X said / said X and X said, “…”), with the verbs
of :data:`QUOTE_VERBS`. ``speaker`` is what the text says, as written ("She", "Mr. Peskov");
``speaker_name`` resolves pronouns to the nearest preceding speaker and merges variants of a
name within a document (titles in :data:`TITLES`), for counting who speaks. Pass other verbs
with ``quotes(verbs=...)``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import takewhile

import numpy as np
import pandas as pd

from textlab.features import (
    WORD_LISTS,
    _check_columns,
    _id_columns,
    _paragraph_bounds,
    _sentence_spans,
    quote_spans,
)
from textlab.text import normalize, paragraphs, tokenize

__all__ = ["QUOTE_VERBS", "TITLES", "quotes", "frame_scores", "coverage_matrix", "pivot_coverage",
           "term_pattern"]

_MASK = "\x00"

QUOTE_VERBS: tuple[str, ...] = tuple(dict.fromkeys([
    *(v for v in WORD_LISTS["reporting"] if " " not in v),
    # verbs that introduce someone's words without being "reporting verbs" in the features'
    # sense: she called the gift “…”, he expressed “…” to Putin, they dubbed it “…”
    "called", "calls", "calling", "expressed", "expresses", "described", "describes", "termed",
    "dubbed", "branded", "urged", "urges", "writes", "warns", "insists", "tweeted", "posted",
    "remarked", "commented", "observed", "recalled", "admitted", "conceded", "vowed",
    "promised", "pledged", "demanded", "concluded", "continued", "responded", "answered",
]))
"""Single-word verbs :func:`quotes` looks for next to a quotation (the single words of
``WORD_LISTS["reporting"]`` and attribution verbs such as "called" and "expressed"). Replace or
extend it with ``quotes(corpus, verbs=[*QUOTE_VERBS, "mused"])``."""

_TITLE_LIST = (
    "mr mrs ms miss mx dr prof sir dame lord lady gen col lt sgt capt maj cmdr adm gov sen rep "
    "rev hon pres president premier chancellor minister secretary chairman chairwoman chair "
    "leader deputy director spokesman spokeswoman spokesperson general colonel lieutenant "
    "sergeant captain major admiral commander senator governor mayor ambassador envoy king "
    "queen prince princess emperor pope cardinal bishop judge justice professor doctor"
)
TITLES: frozenset[str] = frozenset(_TITLE_LIST.split())
"""Words (lower case, without a final dot) that stand before a name and are not part of it:
``speaker_name`` of "Russian President Vladimir Putin" and "Gen. Mark Milley" is the name
after the last of them ("Vladimir Putin", "Mark Milley")."""

# abbreviated titles and initials keep their dot inside a speaker ("Mr. Peskov", "J. K. Rowling")
_TITLE_ABBREVIATIONS = ("mr", "mrs", "ms", "mx", "dr", "prof", "gen", "col", "lt", "sgt", "capt",
                        "maj", "cmdr", "adm", "gov", "sen", "rep", "rev", "hon", "pres", "sr",
                        "jr", "st")
_DOTTED = (r"(?:(?:[A-Za-z]\.){2,}"  # U.N., U.S.
           rf"|(?:{'|'.join(a.capitalize() for a in _TITLE_ABBREVIATIONS)})\."  # Mr., Gen.
           r"|[A-Z]\.(?=[ \t]+[A-Z]))")  # an initial before a capitalised word
# a word of a speaker's name or description: dotted abbreviations keep their dot, other words
# end at one
_WORD = rf"(?:{_DOTTED}|[^\W_][\w'’&-]*(?:\.[^\W_][\w'’&-]*)*)"
_MAX_SPEAKER_WORDS = 12
# Trailing words between a speaker and the verb that are not part of the speaker.
_AUX = frozenset({
    "also", "later", "then", "further", "again", "earlier", "previously", "separately", "once",
    "subsequently", "publicly", "has", "had", "have", "was", "were", "is", "are", "will",
    "would", "been", "and", "but",
})
_LEAD_FILLERS = frozenset({"and", "but", "while", "as", "so", "then", "that", "which", "who",
                           "including"})
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
_DETERMINERS = r"(?:the|a|an|his|her|their|its|one|another)"
# lower-case words that a noun phrase naming a speaker does not contain: a clause leaked in
# ("we should be", "the man who was")
_NOT_IN_SPEAKER = frozenset({
    "should", "would", "could", "can", "may", "might", "must", "shall", "will", "is", "are", "was",
    "were", "be", "been", "being", "am", "do", "does", "did", "not",
})
# where a clause starts inside the words before a verb ("KCNA said that Kim Yo Jong expressed")
_CLAUSE_WORDS = frozenset({
    "that", "as", "while", "when", "after", "before", "because", "since", "if", "where", "whereas",
    "though", "although",
})
# reference marks pasted from wikis ("[6][7] Jamie Zawinski")
_FOOTNOTE = re.compile(r"\[(?:\d{1,3}|[a-z]|citation needed|note \d{1,3})\]", re.IGNORECASE)
_PRONOUNS = frozenset({"he", "she", "they", "it"})
_NAMING_VERBS = frozenset({"called", "calls", "calling", "dubbed", "termed", "branded", "named",
                           "described", "describes"})
_PREPOSITIONS = frozenset({"of", "for", "at", "from", "to", "in", "with", "on", "by"})


def _verb_alt(verbs: Iterable[str]) -> str:
    return "|".join(re.escape(v) for v in sorted(set(verbs), key=len, reverse=True))


def _clean_speaker(chunk: str) -> str:
    words = _FOOTNOTE.sub(" ", chunk).split()
    while words and (words[-1].lower() in _AUX or words[-1] in ("who", "which", "that")):
        words.pop()  # "Kim has (said)", "an officer who (described)"; not "the WHO"
    while words and words[-1].lower().endswith("ly") and words[-1].islower():
        words.pop()  # "reportedly said", "repeatedly told"
    while words and words[0].lower() in _LEAD_FILLERS:
        words.pop(0)
    speaker = re.sub(r"^[^\w\[]+", "", " ".join(words)).strip(" ,;:-\u2014\u2013")
    if (not speaker or _MASK in speaker or len(speaker.split()) > _MAX_SPEAKER_WORDS
            or sum(c.isalpha() for c in speaker) < (1 if speaker == "I" else 2)
            or re.fullmatch(_DETERMINERS, speaker, re.IGNORECASE)
            or any(w in _NOT_IN_SPEAKER for w in speaker.split())):
        return ""
    return speaker


def _subject_words(words: list[str], verbs: frozenset[str]) -> list[str]:
    """The subject at the end of a phrase that may hold a clause: after its last clause word
    ("KCNA said that Kim Yo Jong" -> "Kim Yo Jong"), then before a verb of its own ("Dempsey
    said" -> "Dempsey", "he asked about X" -> "he")."""
    cut = max((i for i, w in enumerate(words[1:-1], 1) if w.lower() in _CLAUSE_WORDS),
              default=0)
    words = words[cut + 1:] if cut else words
    at = next((i for i, w in enumerate(words) if w.lower() in verbs), 0)
    return words[:at] if at else words


def _speaker_before(prefix: str, verbs: frozenset[str] = frozenset()) -> str:
    """The noun phrase just before a verb: the last comma chunk, or name + apposition when the
    verb follows a comma ("Kim Yo Jong, Deputy Director of …, stated"); for a second verb
    ("Kim, her sister, thanked Putin and called …") the subject of the first."""
    s = prefix.rstrip()
    after_comma = s.endswith(",")
    chunks = [c.strip() for c in s.rstrip(",").split(",")]
    chunks = [c for c in chunks if c] or [""]
    words = chunks[-1].split()
    if words and words[-1].lower() in _SUBJECT_PRONOUNS:
        return _clean_speaker(words[-1])  # "In a post at the time she (described)"
    subject = _subject_words(words, verbs)
    if subject != words:  # the chunk is a clause: its subject
        return _clean_speaker(" ".join(subject))
    if words and words[-1].lower() in ("and", "but") and not after_comma:
        if words[0][:1].islower() and len(chunks) >= 2:  # "…, thanked Putin and"
            chunks = chunks[:-1]
            after_comma = True
            if len(chunks) == 1:
                return _clean_speaker(chunks[0])
        else:  # "Kim thanked Putin and": the leading name
            lead = list(takewhile(_is_name_word, words))
            return "" if not lead or lead[-1].lower() in ("the", "a", "an") else \
                _clean_speaker(" ".join(lead))
    if after_comma and len(chunks) >= 2:
        return _clean_speaker(chunks[-2] + ", " + chunks[-1])
    return _clean_speaker(chunks[-1])


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        chars[a:b] = _MASK * (b - a)
    return "".join(chars)


_CLAUSE = re.compile(r"\s(?:that|which|who|whom|whose|when|while|because|after|before|since|if)"
                     r"\b.*", re.DOTALL)


# after "said X": where the speaker ends and the circumstances begin ("said Kim on Tuesday")
_TRAILING = re.compile(r"\s(?:on|in|at|during|after|before|while|when|who|which|that|adding|"
                       r"according|as|yesterday|today|last|this)\b.*", re.DOTALL)


def _according_speaker(words: str) -> str:
    """Cut an "according to X" speaker at the first clause word ("… reports that he …")."""
    return _clean_speaker(_CLAUSE.sub("", words))


def _according_re() -> re.Pattern[str]:
    return re.compile(rf"\baccording\s+to\s+(?P<speaker>{_WORD}(?:[ \t]+{_WORD}){{0,11}})",
                      re.IGNORECASE)


def _containing(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in spans:
        if a <= pos < b:
            return a, b
    return pos, pos


def _sentence_end_after(spans: list[tuple[int, int]], pos: int, default: int) -> int:
    """End of the first sentence that ends after ``pos`` (the attribution after a quote)."""
    return next((b for _, b in spans if b > pos), default)


def _doc_quotes(text: str, verbs: list[str], single: bool) -> list[dict]:
    spans = quote_spans(text, single=single)
    masked = _masked(text, spans)
    sents = _sentence_spans(text)
    paras = _paragraph_bounds(text)
    alt = _verb_alt(verbs)
    verb_set = frozenset(v.lower() for v in verbs)
    after_speaker_first = re.compile(
        rf"[ \t]*,?[ \t]*(?P<speaker>{_WORD}(?:,?[ \t]+{_WORD}){{0,11}}?)[ \t]+"
        rf"(?P<verb>{alt})\b")
    after_verb_first = re.compile(
        rf"[ \t]*,?[ \t]*(?P<verb>{alt})[ \t]+(?P<speaker>(?:{_DOTTED}|[A-Z][\w'’&-]*"
        rf"|{_DETERMINERS}\b)(?:[ \t]+{_WORD}){{0,11}})")
    verb_re = re.compile(rf"(?<![\w-])(?:{alt})\b", re.IGNORECASE)
    according = _according_re()
    rows = []
    n = max(len(text), 1)
    for a, b in spans:
        quote = text[a:b].strip()
        s0, s1 = _containing(sents, a)
        p0, p1 = _containing(paras, a)
        speaker = verb = ""
        close = b + 1 if b < len(text) else b
        ends_open = bool(re.search(r"[,?!\u2014\u2013-]\s*$", quote)) or masked[close:close + 1] \
            in (",", "?", "!")
        # the attribution after a quote ends with its sentence ("…,” said Mr. Peskov. The …")
        after = masked[close:min(p1, _sentence_end_after(sents, close, p1))]
        if ends_open and (m := after_verb_first.match(after) or after_speaker_first.match(after)):
            sp = _clean_speaker(_TRAILING.sub("", m["speaker"]))
            if sp:
                speaker, verb = sp, m["verb"]
        if not speaker:
            prefix = masked[s0:max(a - 1, s0)]
            # "a car called “Senat”", "so-called “gift”", "dubbed the “Hanoi Hilton”": a naming
            # verb right before the mark names a thing; attributing words to someone takes an
            # object ("called the gift “…”", "called it “…”")
            hits = [h for h in verb_re.finditer(prefix)
                    if h.group(0).lower() not in _NAMING_VERBS
                    or not re.fullmatch(rf"\s*(?:{_DETERMINERS}\s*)?(?:as\s*)?",
                                        prefix[h.end():], re.IGNORECASE)]
            if hits:
                last = hits[-1]
                sp = _speaker_before(prefix[:last.start()], verb_set)
                if (not sp and last.group(0).lower() not in _NAMING_VERBS
                        and (m := after_verb_first.match(prefix[last.start():]))):
                    # “…,” said X, “…”: X speaks both parts
                    sp = _clean_speaker(_TRAILING.sub("", m["speaker"]))
                if sp:
                    speaker, verb = sp, last.group(0)
        if not speaker:
            m = according.search(masked[s0:s1])
            if m and _according_speaker(m["speaker"]):
                speaker, verb = _according_speaker(m["speaker"]), "according to"
        rows.append({"kind": "direct", "start": a - 1, "position": (a - 1) / n,
                     "speaker": speaker, "verb": verb, "quote": quote,
                     "sentence": text[s0:s1] if s1 > s0 else ""})
    for m in according.finditer(masked):
        sp = _according_speaker(m["speaker"])
        s0, s1 = _containing(sents, m.start())
        rows.append({"kind": "according_to", "start": m.start(), "position": m.start() / n,
                     "speaker": sp, "verb": "according to", "quote": "",
                     "sentence": text[s0:s1] if s1 > s0 else ""})
    rows.sort(key=lambda r: r["start"])
    _name_speakers(rows)
    return rows


# ----------------------------------------------------------------------------------------------
# one name per speaker within a document
# ----------------------------------------------------------------------------------------------


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() or bool(re.fullmatch(_DOTTED, word))


def _name_in(speaker: str) -> str:
    """The proper name a speaker phrase ends with, titles dropped; ``""`` for descriptions.

    "U.N. spokesman Stephane Dujarric" -> "Stephane Dujarric"; "Mr. Peskov" -> "Peskov";
    "Kim Yo Jong, Deputy Director of …" -> "Kim Yo Jong"; "Dr. Jane Smith of the WHO" ->
    "Jane Smith"; "a spokesperson for the Unification Ministry" -> "" (someone *at* an
    organisation is not the organisation); "the official" -> "".
    """
    words = speaker.split(",")[0].split()
    lead = list(takewhile(_is_name_word, words))
    if lead and len(lead) < len(words) and words[len(lead)].lower() in _PREPOSITIONS:
        run = lead  # "Dr. Jane Smith of the WHO"
    else:
        run = list(takewhile(_is_name_word, reversed(words)))[::-1]
        before = words[:len(words) - len(run)]
        if not run or any(w.lower() in _PREPOSITIONS for w in before):
            return ""
    if len(run) == 1 and words[0].lower() in ("a", "an", "one", "another", "some", "each"):
        return ""  # "one neo-bank CEO": a description, not a name
    titled = [i for i, w in enumerate(run) if w.rstrip(".").lower() in TITLES]
    run = run[titled[-1] + 1:] if titled else run
    if len(run) == 1 and run[0].lower() in _PRONOUNS | {"the", "a", "an"}:
        return ""
    return " ".join(run)


def _name_key(name: str) -> tuple[str, ...]:
    return tuple(normalize(name).casefold().replace("-", " ").split())


def _definite_head(speaker: str) -> str:
    """The noun of a bare definite description ("the official" -> "official"), else ``""``."""
    m = re.fullmatch(r"(?i:the)\s+([a-z][\w-]*)", speaker)
    return m.group(1) if m else ""


def _name_speakers(rows: list[dict]) -> None:
    """Add ``speaker_name`` and ``resolved`` to one document's rows (in text order), in place.

    Names: variants of one name in the document (surname, full name, title + name; hyphens and
    case aside) become its longest form when that is unambiguous ("Mr. Peskov", "Peskov" ->
    "Dmitry Peskov"; "Kim" stays "Kim" next to "Kim Jong Un" and "Kim Yo Jong"). A speaker
    without a name keeps its words ("a ministry official"). Resolution: a pronoun (he, she,
    they, it) takes the name of the nearest preceding speaker that is not a pronoun; a bare
    "the <noun>" that of the nearest preceding speaker whose phrase ends with that noun.
    """
    names = [_name_in(r["speaker"]) for r in rows]
    written: dict[tuple[str, ...], str] = {}
    for name in names:
        if name:
            written.setdefault(_name_key(name), name)
    canonical: dict[tuple[str, ...], str] = {}
    for key in written:
        longer = {k for k in written if len(k) > len(key)
                  and (k[-len(key):] == key or k[:len(key)] == key)}
        top = max((len(k) for k in longer), default=0)
        best = [k for k in longer if len(k) == top]
        canonical[key] = written[best[0]] if len(best) == 1 else written[key]
    for i, (row, name) in enumerate(zip(rows, names, strict=True)):
        speaker, resolved = row["speaker"], False
        display = canonical[_name_key(name)] if name else speaker
        earlier = [r for r in rows[:i][::-1] if r["speaker"]]
        if speaker.lower() in _PRONOUNS:
            ante = next((r for r in earlier if r["speaker"].lower() not in _PRONOUNS), None)
            if ante is not None:
                display, resolved = ante["speaker_name"], True
        elif head := _definite_head(speaker):
            ante = next((r for r in earlier if r["speaker"] != speaker
                         and r["speaker"].split(",")[0].split()[-1].lower() == head), None)
            if ante is not None:
                display, resolved = ante["speaker_name"], True
        row["speaker_name"], row["resolved"] = display, resolved


_QUOTE_COLUMNS = ["kind", "start", "position", "speaker", "speaker_name", "resolved", "verb",
                  "quote", "sentence"]


def quotes(corpus: pd.DataFrame, *, text_col: str = "body", single: bool = False,
           verbs: Iterable[str] | None = None) -> pd.DataFrame:
    """Direct quotations and "according to" attributions, one row each, with their speakers.

    A quotation is text between double quotation marks (see
    :func:`textlab.features.quote_spans`). Its speaker is looked for, in order: right after
    the closing mark when the quote ends with a comma, ``?`` or ``!`` (“…,” X said /
    “…,” said X, up to the end of that sentence); before the opening mark in the same sentence
    (X said, “…” / X stated that … “…” / X called it “…”), taking the noun phrase before the
    nearest verb of ``verbs``; an "according to X" in the same sentence. Otherwise ``speaker``
    is ``""``: scare quotes and quoted phrases whose source the sentence does not name.

    A speaker is a noun phrase as written: dotted titles, initials and acronyms stay in it
    ("Mr. Peskov", "U.N. spokesman Stephane Dujarric"); reference marks ("[6]") are dropped; a
    candidate with a modal or auxiliary verb in it ("we should be") or of one letter is no
    speaker.

    ``speaker_name`` is for counting who speaks: pronouns resolved, name variants merged
    within the document (see ``resolved``). Pronouns (he, she, they, it) take the name of the
    nearest preceding speaker of the document that is not a pronoun, and "the <noun>" ("the
    official") that of the nearest preceding speaker ending in that noun ("a ministry
    official"); this is a proximity rule, not coreference resolution, so check the
    ``resolved`` rows. Names lose the titles before them (:data:`TITLES`: "Gen. Mark Milley"
    -> "Mark Milley") and become the longest variant of the same name in the document
    ("Peskov", "Mr. Peskov" -> "Dmitry Peskov"), unless two names share the short form.

    Parameters
    ----------
    corpus
        A frame with ``text_col``; ``doc_id`` and ``source`` are carried over.
    text_col
        Column holding the text.
    single
        Also treat curly single marks ‘…’ as quotation marks (British style). Off by default:
        many outlets use them for names and scare quotes.
    verbs
        Verbs that attribute a quotation (default :data:`QUOTE_VERBS`).

    Returns
    -------
    DataFrame
        ``doc_id, source, kind`` (``direct`` or ``according_to``), ``start`` (character offset
        of the opening mark or of "according"), ``position`` (start / text length, 0..1),
        ``speaker`` (as written, ``""`` when not stated), ``speaker_name`` (for charts: see
        above), ``resolved`` (True when ``speaker_name`` was taken from an earlier speaker),
        ``verb``, ``quote`` (``""`` for according_to rows), ``sentence`` (the sentence it sits
        in, for checking).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a"], "source": ["X"], "body": [
    ...     "“We condemn it,” a ministry official told reporters. “Stop,” the official added."
    ...     "\\n\\n“We will see,” said Mr. Peskov. Dmitry Peskov said, “No.” He added, “Never.”"]})
    >>> quotes(docs)[["speaker", "speaker_name", "resolved", "verb"]]
                   speaker         speaker_name  resolved   verb
    0  a ministry official  a ministry official     False   told
    1         the official  a ministry official      True  added
    2           Mr. Peskov        Dmitry Peskov     False   said
    3        Dmitry Peskov        Dmitry Peskov     False   said
    4                   He        Dmitry Peskov      True  added
    """
    _check_columns(corpus, [text_col], "text_col")
    verb_list = list(QUOTE_VERBS) if verbs is None else [str(v) for v in verbs]
    if isinstance(verbs, str) or not verb_list:
        raise ValueError(f"verbs={verbs!r}: expected a non-empty list of words")
    ids = _id_columns(corpus)
    rows = []
    for rec, text in zip(corpus[ids].to_dict("records"), corpus[text_col].fillna(""),
                         strict=True):
        text = str(text).replace("\r\n", "\n")
        rows.extend({**rec, **q} for q in _doc_quotes(text, verb_list, single))
    out = pd.DataFrame(rows, columns=[*ids, *_QUOTE_COLUMNS])
    return out.astype({"start": "int64", "position": "float64", "resolved": bool})


# ----------------------------------------------------------------------------------------------
# lexicon matching
# ----------------------------------------------------------------------------------------------


def term_pattern(term: str) -> str:
    """Regex source for a lexicon term: case-insensitive use, whole words, any whitespace
    between the words of a phrase, a trailing ``*`` for any word ending ("sanction*").

    Examples
    --------
    >>> bool(re.search(term_pattern("UN sanction*"), "new UN  sanctions", re.I))
    True
    >>> bool(re.search(term_pattern("car"), "the Aurus carriage", re.I))
    False
    """
    if not isinstance(term, str) or not term.strip():
        raise ValueError(f"term={term!r}: expected a non-empty string")
    words = normalize(term).split()
    wildcard = words[-1].endswith("*")
    if wildcard:
        words[-1] = words[-1].rstrip("*")
    body = r"\s+".join(re.escape(w) for w in words if w)
    if not body:
        raise ValueError(f"term={term!r}: a wildcard needs a stem (e.g. 'sanction*')")
    tail = r"[\w'-]*" if wildcard else ""
    return rf"(?<!\w){body}{tail}(?!\w)"


def _compile_terms(name: str, terms: object, *, allow_regex: bool) -> list[tuple[str,
                                                                                re.Pattern]]:
    if isinstance(terms, str | re.Pattern):
        terms = [terms]
    if not isinstance(terms, Iterable):
        raise TypeError(f"{name!r}: expected a list of terms, got {type(terms).__name__}")
    out = []
    for t in terms:
        if isinstance(t, re.Pattern):
            if not allow_regex:
                raise TypeError(f"{name!r}: compiled regexes are not allowed here ({t.pattern!r})")
            out.append((t.pattern, t))
        elif isinstance(t, str):
            out.append((t, re.compile(term_pattern(t), re.IGNORECASE)))
        else:
            raise TypeError(f"{name!r}: term {t!r} is neither a string nor a compiled regex")
    if not out:
        raise ValueError(f"{name!r}: no terms given")
    return out


def _frame_regex(name: str, terms: object) -> tuple[re.Pattern, list[str]]:
    """One alternation per frame, longest terms first, so overlapping terms ("sanctions",
    "UN sanctions") count once, as the longest match."""
    compiled = _compile_terms(name, terms, allow_regex=False)
    labels = [t for t, _ in compiled]
    order = sorted(range(len(labels)), key=lambda i: len(labels[i]), reverse=True)
    alt = "|".join(f"(?P<t{i}>{compiled[i][1].pattern})" for i in order)
    return re.compile(alt, re.IGNORECASE), labels


def _matches(pattern: re.Pattern, labels: list[str], text: str) -> Counter:
    return Counter(labels[int(m.lastgroup[1:])] for m in pattern.finditer(normalize(text)))


def _lead_and_rest(title: str, body: str) -> tuple[str, str]:
    paras = paragraphs(body)
    if paras and title.strip() and paras[0].strip() == title.strip():
        paras = paras[1:]  # the headline repeated as the first body paragraph
    lead = "\n\n".join(p for p in (title.strip(), paras[0] if paras else "") if p)
    return lead, "\n\n".join(paras[1:])


def frame_scores(corpus: pd.DataFrame, lexicon: Mapping[str, Iterable[str]], *,
                 text_col: str = "body", title_col: str | None = "title",
                 lead_weight: float = 1.0) -> pd.DataFrame:
    """Rate of each frame's terms per 1,000 words, per document, and the terms that matched.

    Terms match case-insensitively as whole words; phrases may span any whitespace; a
    trailing ``*`` matches any ending (see :func:`term_pattern`). Overlapping terms of one frame
    count once (the longest match).

    Weighting: the *lead* is the headline (``title_col``) plus the first body paragraph (the
    second when the first repeats the headline); the rest is the remaining body. With ``m``
    matches and ``n`` word tokens in each part and ``w = lead_weight``::

        weighted_rate = 1000 * (w * m_lead + m_rest) / (w * n_lead + n_rest)

    ``w = 1`` gives the plain rate over headline and body (``rate``); ``w = 3`` counts a word
    in the lead as three. Weighting words as well as matches keeps the score a rate: a frame
    spread evenly scores the same for any ``w``; one concentrated in the lead scores higher.

    Parameters
    ----------
    corpus
        A frame with ``text_col`` (and ``title_col`` unless it is ``None``).
    lexicon
        Frame name -> terms, e.g. ``{"legal": ["sanction*", "violat*", "UN Security Council"]}``.
    text_col, title_col
        Body and headline columns; ``title_col=None`` scores the body only.
    lead_weight
        ``w`` above; must be > 0.

    Returns
    -------
    DataFrame
        One row per document and frame: ``doc_id, source, frame, count`` (matches in headline
        and body), ``lead_count``, ``n_words``, ``rate``, ``weighted_rate``, ``terms``
        (``"sanctions×3; violation×1"``, most frequent first).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a"], "title": ["A gift"],
    ...                      "body": ["Putin gave a gift.\\n\\nIt breaks sanctions."]})
    >>> frame_scores(docs, {"gift": ["gift*"]}, lead_weight=2)[["frame", "count", "rate",
    ...                                                         "weighted_rate"]]
      frame  count        rate  weighted_rate
    0  gift      2  222.222222     266.666667
    """
    _check_columns(corpus, [text_col], "text_col")
    if title_col is not None:
        _check_columns(corpus, [title_col], "title_col")
    if not isinstance(lexicon, Mapping) or not lexicon:
        raise ValueError(f"lexicon: expected a non-empty mapping frame -> terms, got "
                         f"{lexicon!r}")
    if not lead_weight > 0:
        raise ValueError(f"lead_weight={lead_weight!r}: expected a number > 0 (1 = no weighting)")
    frames = {name: _frame_regex(name, terms) for name, terms in lexicon.items()}
    ids = _id_columns(corpus)
    titles = corpus[title_col].fillna("").astype(str) if title_col else [""] * len(corpus)
    rows = []
    for rec, body, title in zip(corpus[ids].to_dict("records"),
                                corpus[text_col].fillna("").astype(str), titles, strict=True):
        lead, rest = _lead_and_rest(title, body)
        n_lead, n_rest = len(tokenize(lead)), len(tokenize(rest))
        for name, (pattern, labels) in frames.items():
            m_lead, m_rest = _matches(pattern, labels, lead), _matches(pattern, labels, rest)
            total = m_lead + m_rest
            c_lead, c_rest = sum(m_lead.values()), sum(m_rest.values())
            n = n_lead + n_rest
            wn = lead_weight * n_lead + n_rest
            rows.append({
                **rec, "frame": name, "count": c_lead + c_rest, "lead_count": c_lead,
                "n_words": n,
                "rate": 1000 * (c_lead + c_rest) / n if n else np.nan,
                "weighted_rate": 1000 * (lead_weight * c_lead + c_rest) / wn if wn else np.nan,
                "terms": "; ".join(f"{t}×{k}" for t, k in
                                   sorted(total.items(), key=lambda x: (-x[1], x[0]))),
            })
    cols = [*ids, "frame", "count", "lead_count", "n_words", "rate", "weighted_rate", "terms"]
    return pd.DataFrame(rows, columns=cols)


def coverage_matrix(corpus: pd.DataFrame, facts: Mapping[str, object], *,
                    text_col: str = "body") -> pd.DataFrame:
    """Which document mentions each story element, and how early: the omission matrix.

    Parameters
    ----------
    corpus
        A frame with ``text_col``.
    facts
        Element name -> a term, a compiled regex, or a list of them. Strings match as in
        :func:`frame_scores` (whole words, case-insensitive, ``*`` wildcard); compiled regexes
        are used as given (add ``re.I`` yourself).
    text_col
        Column holding the text.

    Returns
    -------
    DataFrame
        One row per document and element: ``doc_id, source, fact, mentioned`` (bool),
        ``n_mentions``, ``first_char`` (offset of the earliest match, -1 if none),
        ``first_position`` (first_char / text length, 0 = opening words, NaN if not
        mentioned), ``first_match`` (the matched text). Pivot with :func:`pivot_coverage`.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a"], "source": ["X"],
    ...                      "body": ["Putin gave Kim a car. It breaks UN sanctions."]})
    >>> cov = coverage_matrix(docs, {"sanctions": ["sanction*"], "Trump": "Trump"})
    >>> cov[["fact", "mentioned", "first_position"]]
            fact  mentioned  first_position
    0  sanctions       True        0.777778
    1      Trump      False             NaN
    """
    _check_columns(corpus, [text_col], "text_col")
    if not isinstance(facts, Mapping) or not facts:
        raise ValueError(f"facts: expected a non-empty mapping name -> terms, got {facts!r}")
    compiled = {name: [p for _, p in _compile_terms(name, terms, allow_regex=True)]
                for name, terms in facts.items()}
    ids = _id_columns(corpus)
    rows = []
    for rec, text in zip(corpus[ids].to_dict("records"),
                         corpus[text_col].fillna("").astype(str), strict=True):
        norm = normalize(text)
        for name, patterns in compiled.items():
            found = sorted((m.start(), m.group(0)) for p in patterns for m in p.finditer(norm)
                           if m.end() > m.start())
            first, match = found[0] if found else (-1, "")
            rows.append({**rec, "fact": name, "mentioned": bool(found),
                         "n_mentions": len({s for s, _ in found}), "first_char": first,
                         "first_position": first / len(text) if found else np.nan,
                         "first_match": match})
    cols = [*ids, "fact", "mentioned", "n_mentions", "first_char", "first_position",
            "first_match"]
    return pd.DataFrame(rows, columns=cols).astype({"mentioned": bool})


def pivot_coverage(coverage: pd.DataFrame, *, values: str = "first_position",
                   columns: str = "source") -> pd.DataFrame:
    """Wide view of :func:`coverage_matrix`: facts as rows, ``columns`` (source or doc_id) as
    columns. With several documents per column, ``mentioned`` is "any", positions the
    earliest, ``n_mentions`` the sum.

    Examples
    --------
    >>> cov = pd.DataFrame({"source": ["X", "Y"], "fact": ["gift", "gift"],
    ...                     "first_position": [0.1, np.nan]})
    >>> pivot_coverage(cov).loc["gift"].tolist()
    [0.1, nan]
    """
    _check_columns(coverage, ["fact", columns, values], "values/columns")
    agg = {"mentioned": "max", "n_mentions": "sum"}.get(values, "min")
    return coverage.pivot_table(index="fact", columns=columns, values=values, aggfunc=agg,
                                sort=False, dropna=False)
