"""Framing signals: quotes and speakers, frame-lexicon scores, the coverage (omission) matrix."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import textlab
from textlab.framing import coverage_matrix, frame_scores, pivot_coverage, quotes, term_pattern


def one(text: str, **kw) -> pd.DataFrame:
    return quotes(pd.DataFrame({"doc_id": ["d"], "source": ["S"], "body": [text]}), **kw)


# ----------------------------------------------------------------------------------------------
# quotes
# ----------------------------------------------------------------------------------------------

SEED_SENTENCES = [
    # (sentence from the seeds, speaker, verb, first words of the quote)
    ("“We condemn North Korea for its brazen attitude in publicly revealing violations of UN "
     "sanctions,” a ministry official told reporters, speaking on condition of anonymity.",
     "a ministry official", "told", "We condemn North Korea"),
    ("“Russia should also be aware of its responsibility as a permanent member of the UN "
     "Security Council and stop an act that undermines international norms,” the official "
     "added.", "the official", "added", "Russia should also"),
    ("The trip was “a clear proof of the friendship between the DPRK and Russia, which is "
     "comprehensively developing at a new stage,” Kim Yo Jong said, according to state-run KCNA.",
     "Kim Yo Jong", "said", "a clear proof"),
    ("Earlier in the morning, Kim Yo Jong, Deputy Director of the Workers’ Party, stated in a "
     "speech released through the Korean Central News Agency, “We are very pleased that our "
     "supreme leader is using the special car that the Russian head of state has gifted.”",
     "Kim Yo Jong, Deputy Director of the Workers’ Party", "stated", "We are very pleased"),
    ("She also added, “We send our sincere thanks to Moscow once again.”", "She", "added",
     "We send our sincere"),
    ("Russian President Vladimir Putin has gifted the North Korean leader Kim Jong Un a "
     "Russian-made Aurus limousine for “personal use,” the Russian and North Korea’s state media "
     "reported Tuesday.", "the Russian and North Korea’s state media", "reported", "personal use"),
    ("State media say the car trips are “clear evidence” of the close and deepening "
     "relationship between the two countries.", "State media", "say", "clear evidence"),
    ('He stated that Pyongyang will always support Moscow on the "anti-imperialist" front.',
     "He", "stated", "anti-imperialist"),
    # a quoted phrase whose sentence names no speaker
    ("A resolution adopted in 2006 first banned “the direct or indirect supply, sale or "
     "transfer” of luxury items to the country, as well as weapons.", "", "", "the direct or"),
]


@pytest.mark.parametrize(("text", "speaker", "verb", "start"), SEED_SENTENCES)
def test_quotes_on_seed_sentences(text, speaker, verb, start):
    q = one(text)
    direct = q[q["kind"] == "direct"]
    assert len(direct) == 1
    row = direct.iloc[0]
    assert (row["speaker"], row["verb"]) == (speaker, verb)
    assert row["quote"].startswith(start)
    assert text[row["start"]] in "“\""


INVENTED = [
    ('"We will not stop," said Kim Jong Un.', "Kim Jong Un", "said", "We will not stop,"),
    ("“Never,” said the minister, “not while I am here.”", "the minister", "said", "Never,"),
    ("The envoy told reporters: “It is a gift.”", "The envoy", "told", "It is a gift."),
    ("“Is it legal?” asked a diplomat.", "a diplomat", "asked", "Is it legal?"),
    ("“No,” said Kim on Tuesday in Pyongyang.", "Kim", "said", "No,"),
    ("“No,” the envoy said on Tuesday.", "the envoy", "said", "No,"),
    ("Peskov reportedly said, “The car was a gift.”", "Peskov", "said", "The car was a gift."),
    ("It was, according to the Kremlin, a “personal gift.”", "the Kremlin", "according to",
     "personal gift."),
    ("Critics called it “a clear breach.”", "Critics", "called", "a clear breach."),
    # titles, initials and acronyms with dots stay in the speaker
    ("“We will see,” said Mr. Peskov.", "Mr. Peskov", "said", "We will see,"),
    ("“It is over,” said U.N. spokesman Stephane Dujarric.", "U.N. spokesman Stephane Dujarric",
     "said", "It is over,"),
    ("“We will see,” Mr. Peskov told reporters.", "Mr. Peskov", "told", "We will see,"),
    ("“No,” Gen. Mark Milley said.", "Gen. Mark Milley", "said", "No,"),
    ("“No,” Dr. Jane Smith of the WHO said.", "Dr. Jane Smith of the WHO", "said", "No,"),
    ("“It is over,” said J. K. Rowling.", "J. K. Rowling", "said", "It is over,"),
    ("“Yes,” said Ms. Lee. Mr. Park left.", "Ms. Lee", "said", "Yes,"),  # ends with its sentence
    # more attribution verbs
    ("“We will respond,” the ministry warned.", "the ministry", "warned", "We will respond,"),
    ("The president insisted: “We did nothing wrong.”", "The president", "insisted",
     "We did nothing wrong."),
    ("The envoy expressed “deep concern” to Moscow.", "The envoy", "expressed", "deep concern"),
    ("Kim, the leader's sister, thanked Putin and called the gift “a clear demonstration.”",
     "Kim, the leader's sister", "called", "a clear demonstration."),
    ("Kim thanked Putin and called the gift “a clear demonstration.”", "Kim", "called",
     "a clear demonstration."),
    ("The agency said that Kim expressed gratitude for the “special relationship.”", "Kim",
     "expressed", "special relationship."),
    ("“Fine,” Dempsey said, adding that it was a “slight greyness.”", "Dempsey", "adding",
     "slight greyness."),
    ("In a post at the time she described it as the “worst case.”", "she", "described",
     "worst case."),
    # naming, not attributing: a naming verb right before the mark
    ("A car called “Senat” was delivered.", "", "", "Senat"),
    ("The so-called “gift” was a car.", "", "", "gift"),
    ("The prison, dubbed the “Hanoi Hilton” by soldiers, was shut.", "", "", "Hanoi Hilton"),
    # noise that is no speaker: a clause, one letter, reference marks dropped
    ("“We should be careful,” we should be told.", "", "", "We should be careful,"),
    ("“Hello,” C said.", "", "", "Hello,"),
    ("[6][7] Jamie Zawinski wrote, “Some people never learn.”", "Jamie Zawinski", "wrote",
     "Some people never learn."),
]


@pytest.mark.parametrize(("text", "speaker", "verb", "quote"), INVENTED)
def test_quotes_on_invented_sentences(text, speaker, verb, quote):
    q = one(text)
    row = q[(q["kind"] == "direct") & (q["quote"] == quote)].iloc[0]
    assert (row["speaker"], row["verb"]) == (speaker, verb)


def test_quote_continued_by_a_second_part_shares_the_speaker():
    q = one("“Never,” said the minister, “not while I am here.”")
    assert q["quote"].tolist() == ["Never,", "not while I am here."]
    assert q["speaker"].tolist() == ["the minister", "the minister"]


def test_according_to_rows_and_columns():
    text = "The car is Russian-made, according to the Korean Central News Agency (KCNA)."
    q = one(text)
    assert list(q.columns) == ["doc_id", "source", "kind", "start", "position", "speaker",
                               "speaker_name", "resolved", "verb", "quote", "sentence"]
    row = q.iloc[0]
    assert row["kind"] == "according_to" and row["quote"] == ""
    assert row["speaker"] == "the Korean Central News Agency"
    assert row["start"] == text.index("according")
    assert row["position"] == pytest.approx(text.index("according") / len(text))
    assert one("It will rain, according to reports that he read.")["speaker"].tolist() \
        == ["reports"]


SPEAKER_NAMES = [
    # (document, speaker_name of each quote, resolved of each quote)
    ("“No,” Gen. Mark Milley said. “Yes,” Milley added. “Maybe,” Mr. Milley said.",
     ["Mark Milley"] * 3, [False] * 3),
    ("“We will see,” said Kremlin spokesman Dmitry Peskov. He added, “Not now.”",
     ["Dmitry Peskov"] * 2, [False, True]),
    ("Kim Yo Jong, Deputy Director, said, “We are pleased.” She added, “Thanks.” "
     "“Good,” Kim Yo-jong said.", ["Kim Yo Jong"] * 3, [False, True, False]),
    ("“We condemn it,” a ministry official told reporters. “Stop,” the official added.",
     ["a ministry official"] * 2, [False, True]),
    # a short form shared by two names stays as written
    ("“A,” said Kim Jong Un. “B,” said Kim Yo Jong. “C,” Kim said.",
     ["Kim Jong Un", "Kim Yo Jong", "Kim"], [False] * 3),
    # merged within a document only: "Peskov" in a second document stays "Peskov"
    ("“Yes,” Russian President Vladimir Putin said.", ["Vladimir Putin"], [False]),
    # a pronoun with nobody before it stays as written
    ("“No,” she said.", ["she"], [False]),
    ("“Fine,” one neo-bank CEO told me.", ["one neo-bank CEO"], [False]),
]


@pytest.mark.parametrize(("text", "names", "resolved"), SPEAKER_NAMES)
def test_speaker_names_resolve_pronouns_and_merge_variants(text, names, resolved):
    q = one(text)
    direct = q[q["kind"] == "direct"]
    assert direct["speaker_name"].tolist() == names
    assert direct["resolved"].tolist() == resolved


def test_speaker_names_are_merged_within_a_document_only():
    q = quotes(pd.DataFrame({"doc_id": ["a", "b"], "source": ["A", "B"], "body": [
        "“Yes,” said Dmitry Peskov.", "“No,” Peskov said."]}))
    assert q["speaker_name"].tolist() == ["Dmitry Peskov", "Peskov"]


def test_quote_verbs_are_replaceable():
    from textlab.framing import QUOTE_VERBS

    text = "“It is fine,” mused the envoy."
    assert one(text)["speaker"].tolist() == [""]
    assert one(text, verbs=[*QUOTE_VERBS, "mused"])["speaker"].tolist() == ["the envoy"]
    assert {"called", "expressed", "wrote", "warned", "insisted"} <= set(QUOTE_VERBS)


@pytest.mark.parametrize(
    "text",
    [
        "“He said ‘no’ to me,” she said.",  # nested single quote
        "An “unbalanced quote with no end.",
        "A stray” closing and “an opening",
        "“““”””",
        '"a" "b" "c',
        "said, “",
        "“",
        "",
        "according to",
    ],
)
def test_quotes_survive_odd_marks(text):
    q = one(text, single=True)
    assert isinstance(q, pd.DataFrame)
    if text.startswith("“He said"):
        assert q["quote"].tolist() == ["He said ‘no’ to me,"] and q["speaker"].tolist() == ["she"]


@given(st.text(alphabet=st.sampled_from(list("ab said told ,.\n“”‘’\"'")), max_size=80)
       | st.text(max_size=80))
def test_quotes_any_string_returns_a_frame(text):
    q = one(text, single=True)
    assert list(q.columns)[:3] == ["doc_id", "source", "kind"]
    assert q["position"].between(0, 1).all()


def test_quotes_on_seeds(cleaned_seeds):
    q = quotes(cleaned_seeds.docs)
    assert set(q["source"]) <= set(cleaned_seeds.docs["source"])
    named = q[(q["kind"] == "direct") & (q["speaker"] != "")]
    assert named["speaker"].str.contains("Kim Yo Jong").any()
    assert len(named) >= 8
    assert q["position"].between(0, 1).all()
    assert not q["speaker_name"].str.fullmatch("(?i)he|she|they|it").any()  # all resolved


SEED_QUOTES = [
    # (source, first words of the quote, speaker as written, speaker_name)
    ("Forbes (transl.)", "a clear demonstration", "Kim Yo-jong, the North Korean leader's sister",
     "Kim Yo-jong"),
    ("Indian desk", "full and unconditional support", "North Korean leader",
     "North Korean leader"),
    ("Indian desk", "anti-imperialist", "He", "North Korean leader"),
    ("Indian desk", "special personal relationship", "Kim Yo Jong", "Kim Yo Jong"),
    ("ViewUs", "We send our sincere thanks", "She", "Kim Yo Jong"),
    ("Politics News", "Russia should also be aware", "the official", "a ministry official"),
]


@pytest.mark.parametrize(("source", "start", "speaker", "name"), SEED_QUOTES)
def test_seed_quotes_get_their_speakers(cleaned_seeds, source, start, speaker, name):
    q = quotes(cleaned_seeds.docs)
    row = q[(q["source"] == source) & q["quote"].str.startswith(start)]
    assert len(row) == 1
    assert (row["speaker"].iloc[0], row["speaker_name"].iloc[0]) == (speaker, name)


# ----------------------------------------------------------------------------------------------
# frame scores
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "text", "hits"),
    [
        ("car", "The car, the CAR and the Car.", 3),
        ("car", "A carriage and a scar.", 0),
        ("sanction*", "Sanctions, sanctioned and sanction.", 3),
        ("UN Security Council", "the UN\nSecurity   Council met", 1),
        ("Kim", "Kim's and Kim’s car", 2),
        ("U.N.", "the U.N. said", 1),
    ],
)
def test_term_pattern(term, text, hits):
    assert len(re.findall(term_pattern(term), text, re.IGNORECASE)) == hits


def test_term_pattern_rejects_empty():
    with pytest.raises(ValueError, match="term"):
        term_pattern("  ")
    with pytest.raises(ValueError, match="stem"):
        term_pattern("*")


FRAME_DOCS = pd.DataFrame({
    "doc_id": ["a", "b"],
    "source": ["X", "Y"],
    "title": ["Gift breaks sanctions", ""],
    "body": [
        "Putin gave Kim a car.\n\nThe gift breaks UN sanctions, experts say. Sanctions bite.",
        "Kim likes cars.\n\nThe gift is a sign of friendship.",
    ],
})
LEXICON = {"legal": ["sanction*", "UN sanctions", "breach*", "breaks"],
           "friendship": ["friendship", "gift"]}


def test_frame_scores_counts_and_formula():
    before = FRAME_DOCS.copy()
    s = frame_scores(FRAME_DOCS, LEXICON, lead_weight=3)
    pd.testing.assert_frame_equal(FRAME_DOCS, before)
    assert list(s.columns) == ["doc_id", "source", "frame", "count", "lead_count", "n_words",
                               "rate", "weighted_rate", "terms"]
    a = s[(s["doc_id"] == "a") & (s["frame"] == "legal")].iloc[0]
    # lead: title (3 words) + "Putin gave Kim a car." (5); rest: 9 words
    # legal in lead: "breaks", "sanctions"; rest: "breaks", "UN sanctions" (once: the longer
    # term wins), "Sanctions"
    assert (a["count"], a["lead_count"], a["n_words"]) == (5, 2, 17)
    assert a["rate"] == pytest.approx(1000 * 5 / 17)
    assert a["weighted_rate"] == pytest.approx(1000 * (3 * 2 + 3) / (3 * 8 + 9))
    assert a["terms"] == "breaks×2; sanction*×2; UN sanctions×1"  # most frequent first
    b = s[(s["doc_id"] == "b") & (s["frame"] == "friendship")].iloc[0]
    assert (b["count"], b["lead_count"]) == (2, 0)


def test_frame_scores_weight_one_is_the_plain_rate():
    s = frame_scores(FRAME_DOCS, LEXICON)
    assert np.allclose(s["rate"], s["weighted_rate"])


def test_frame_scores_headline_repeated_in_body_counted_once():
    docs = pd.DataFrame({"doc_id": ["r"], "title": ["A gift"],
                         "body": ["A gift\n\nPutin gave a car.\n\nIt was a gift."]})
    s = frame_scores(docs, {"f": ["gift"]}, lead_weight=2).iloc[0]
    assert (s["count"], s["lead_count"], s["n_words"]) == (2, 1, 10)


def test_frame_scores_errors():
    with pytest.raises(ValueError, match="lead_weight"):
        frame_scores(FRAME_DOCS, LEXICON, lead_weight=0)
    with pytest.raises(ValueError, match="title_col='headline'"):
        frame_scores(FRAME_DOCS, LEXICON, title_col="headline")
    with pytest.raises(ValueError, match="lexicon"):
        frame_scores(FRAME_DOCS, {})
    with pytest.raises(TypeError, match="'legal'"):
        frame_scores(FRAME_DOCS, {"legal": [3]})
    assert len(frame_scores(FRAME_DOCS, {"legal": "sanction*"}, title_col=None)) == 2


# ----------------------------------------------------------------------------------------------
# coverage matrix
# ----------------------------------------------------------------------------------------------

FACTS = {
    "sanctions": ["sanction*", "UNSC"],
    "Trump": "Trump",
    "resolution 2397": re.compile(r"\b2397\b"),
}


def test_coverage_matrix_positions():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "source": ["X", "Y"],
                         "body": ["Putin gave Kim a car. It breaks UN sanctions (resolution 2397).",
                                  "Trump met Kim. Sanctions, sanctions."]})
    cov = coverage_matrix(docs, FACTS)
    assert list(cov.columns) == ["doc_id", "source", "fact", "mentioned", "n_mentions",
                                 "first_char", "first_position", "first_match"]
    assert len(cov) == 6 and cov["mentioned"].dtype == bool
    row = cov[(cov["doc_id"] == "a") & (cov["fact"] == "sanctions")].iloc[0]
    assert row["first_char"] == docs["body"][0].index("sanctions")
    assert row["first_position"] == pytest.approx(row["first_char"] / len(docs["body"][0]))
    b = cov[cov["doc_id"] == "b"].set_index("fact")
    assert b.loc["Trump", "first_position"] == 0 and b.loc["sanctions", "n_mentions"] == 2
    assert not b.loc["resolution 2397", "mentioned"]
    assert np.isnan(b.loc["resolution 2397", "first_position"])
    wide = pivot_coverage(cov, values="mentioned")
    assert wide.loc["Trump"].tolist() == [False, True]
    assert list(wide.columns) == ["X", "Y"] and list(wide.index) == list(FACTS)


def test_coverage_errors():
    with pytest.raises(ValueError, match="facts"):
        coverage_matrix(FRAME_DOCS, {})
    with pytest.raises(TypeError, match="'x'"):
        coverage_matrix(FRAME_DOCS, {"x": 3})


def test_coverage_on_seeds(cleaned_seeds):
    facts = {"gift": ["gift*", "gave", "give*"], "Aurus": "Aurus", "Trump": "Trump",
             "sanctions": ["sanction*"]}
    cov = coverage_matrix(cleaned_seeds.docs, facts)
    wide = pivot_coverage(cov, values="mentioned")
    assert wide.loc["gift"].all() and wide.loc["sanctions"].all()
    assert 0 < wide.loc["Trump"].sum() < len(cleaned_seeds.docs)  # only one outlet names Trump
    assert cov["first_position"].dropna().between(0, 1).all()


def test_public_api_reexported():
    for name in ("quotes", "frame_scores", "coverage_matrix", "pivot_coverage"):
        assert getattr(textlab, name) is getattr(textlab.framing, name)
