"""Which happening a date belongs to (timeline/attach.py, through
extract_events): one test per kind of error a date used to make, on the
examples of the issue that asked for it and on sentences of the TimeBank
and AQUAINT documents (not the held-out ones), plus the present tense and
titles."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline import attach
from timeline.events import UNDATED_STORY, extract_events
from timeline.labels import human_date
from timeline.model import Article
from timeline.predicates import tagger, tokenize
from timeline.timex import annotate


def dated(body: str, dct: dt.date, undated: str = "skip") -> list[tuple[str | None, str]]:
    """(value, words) of the events of ``body``."""
    a = Article(path="content/x.md", title="x", dct=dct, body=body)
    return [(e.when.value, e.text) for e in extract_events(a, annotate(body, dct), undated)]


def events(body: str, dct: dt.date, undated: str = "skip"):
    a = Article(path="content/x.md", title="x", dct=dct, body=body)
    return extract_events(a, annotate(body, dct), undated)


def covering(evs, body: str, word: str):
    """The narrowest event whose words hold ``word`` (as the measures find it)."""
    at = body.index(word)
    best = None
    for e in evs:
        if e.start <= at and at + len(word) <= e.end and (best is None or e.end - e.start < best.end - best.start):
            best = e
    return best


# --------------------------------------------------------------------------- 1. reference points

@pytest.mark.parametrize("body", [
    "The company posted its first annual loss since 1992.",
    "Shares closed at the lowest level since April 1997.",
    "Investors enjoyed the best week since November.",
    "Prices reached a level not seen since last September.",
    "Sales were down from 1996.",
    "Profit was higher than a year earlier.",
])
def test_a_reference_point_dates_nothing(body: str) -> None:
    assert [v for v, _ in dated(body, dt.date(1998, 2, 2)) if v not in ("1998-02-02",)] == []


def test_since_without_a_comparison_is_where_a_state_began() -> None:
    evs = events("He has been fighting pancreatic cancer since 2004.", dt.date(2011, 10, 6))
    assert [(e.when.value, human_date(e.when)) for e in evs] == [("2004", "since 2004")]


def test_a_comparison_dates_the_compared_value_not_the_verb() -> None:
    # TimeBank wsj_0167 (not held out)
    body = ("For the nine months, the company reported a net loss of $608,413, or 39 cents a share, "
            "compared with year-earlier net income of $967,809, or 62 cents a share.")
    evs = events(body, dt.date(1989, 11, 2))
    assert covering(evs, body, "reported") is None
    assert covering(evs, body, "income").when.value == "1988"


# --------------------------------------------------------------------------- 2. descriptive dates

@pytest.mark.parametrize("body", [
    "He was a 20th-century Democrat.",
    "The recall covers the 2006 model year.",
])
def test_a_date_describing_a_thing_dates_nothing(body: str) -> None:
    assert dated(body, dt.date(2007, 2, 2)) == []


def test_the_temple_is_not_dated_by_its_century_the_visit_by_its_day() -> None:
    assert [v for v, _ in dated("Tourists visited the fabled 11th century temple on Sunday.",
                                dt.date(1998, 2, 2))] == ["1998-02-01"]


def test_a_possessive_date_dates_its_noun_and_what_the_noun_did() -> None:
    body = "Police said last month's explosion killed 12 people."
    evs = events(body, dt.date(1998, 2, 2))
    assert [(e.when.value, e.text) for e in evs] == [("1998-01", "last month's explosion killed 12 people.")]
    assert covering(evs, body, "said") is None


def test_a_descriptive_date_dates_the_loss_not_the_posting() -> None:
    # TimeBank wsj_0124
    body = "Separately, Citadel posted a third-quarter net loss of $2.3 million, or 68 cents a share."
    evs = events(body, dt.date(1989, 11, 2))
    assert covering(evs, body, "posted") is None
    assert covering(evs, body, "loss").when.value == "1989-Q3"


def test_a_dated_subject_dates_its_clause() -> None:
    # TimeBank wsj_1003, wsj_0585
    body = "Third-quarter sales dropped 11% to $1.27 billion from $1.43 billion a year ago."
    assert covering(events(body, dt.date(1989, 10, 26)), body, "dropped").when.value == "1989-Q3"
    body = "Friday's trading volume totaled 132.8 million shares."
    assert covering(events(body, dt.date(1989, 10, 30)), body, "totaled").when.value == "1989-10-27"


def test_an_event_noun_with_its_date_places_the_clause_it_locates() -> None:
    # the user's article: "meddled in the 2020 election"
    body = "The Russian government meddled in the 2020 election with an influence campaign."
    assert covering(events(body, dt.date(2021, 4, 15)), body, "meddled").when.value == "2020"


# --------------------------------------------------------------------------- 3. other clauses

def test_a_participial_clause_and_the_record_it_names() -> None:
    body = "Stocks rose 2%, nearing the record set on Aug. 6."
    evs = events(body, dt.date(2021, 8, 20))
    assert [(e.when.value, e.text) for e in evs] == [("2021-08-06", "the record set on Aug. 6.")]
    assert covering(evs, body, "rose") is None and covering(evs, body, "nearing") is None


def test_a_relative_clause_keeps_its_own_date() -> None:
    body = "The council, which had condemned the invasion on Aug. 2, voted on Monday to impose sanctions."
    evs = events(body, dt.date(1990, 8, 8))
    assert covering(evs, body, "condemned").when.value == "1990-08-02"
    assert covering(evs, body, "voted").when.value == "1990-08-06"
    # the Monday entry shows who voted
    monday = covering(evs, body, "voted")
    assert body[slice(*monday.shown_span)].startswith("The council")


def test_a_relative_clause_is_shown_with_its_noun_not_its_sentence() -> None:
    # AQUAINT APW20000216.0272
    body = ("Hundreds of former fighters in the revolution that brought Castro to power 42 years ago gathered "
            "Wednesday night to denounce the Miami worms.")
    evs = events(body, dt.date(2000, 2, 16))
    ago = covering(evs, body, "brought")
    assert ago.when.value == "1958" and body[slice(*ago.shown_span)].startswith("the revolution")
    assert covering(evs, body, "gathered").when.value == "2000-02-16"


def test_a_background_happening_is_not_the_day_of_the_sanctions() -> None:
    body = "The Security Council imposed sanctions on Monday as punishment for seizing Kuwait."
    evs = events(body, dt.date(1990, 8, 8))
    assert covering(evs, body, "imposed").when.value == "1990-08-06"
    assert covering(evs, body, "seizing") is None


def test_a_reduced_relative_on_an_object_shares_its_day() -> None:
    # AQUAINT XIE19990313.0031
    body = ("Poland, Hungary and the Czech Republic Friday formally joined NATO at a ceremony held in the city of "
            "Independence, Missouri.")
    evs = events(body, dt.date(1999, 3, 13))
    assert covering(evs, body, "held").when.value == covering(evs, body, "joined").when.value == "1999-03-12"


# --------------------------------------------------------------------------- 4. reported speech

def test_a_report_and_what_it_reports_have_their_own_dates() -> None:
    body = "The ministry said on Tuesday that the envoy left last week."
    evs = events(body, dt.date(2021, 4, 15))
    assert covering(evs, body, "said").when.value == "2021-04-13"
    assert covering(evs, body, "left").when.value == "2021-W14"


def test_police_said_takes_no_date_of_what_is_reported() -> None:
    body = "Two men were arrested last week, police said."
    evs = events(body, dt.date(2021, 4, 15))
    assert covering(evs, body, "arrested").when.value == "2021-W14"
    assert covering(evs, body, "police said") is None


def test_what_is_reported_takes_no_date_of_the_report() -> None:
    body = "Officials said on Friday the rebels had seized the town."
    evs = events(body, dt.date(2021, 4, 17))
    assert covering(evs, body, "said").when.value == "2021-04-16"
    assert covering(evs, body, "seized") is None


# --------------------------------------------------------------------------- 5. deadlines and ends

def test_a_deadline_is_planned_with_its_bound() -> None:
    body = "The company plans to cut 30,000 jobs by 2012."
    cut = covering(events(body, dt.date(2009, 5, 5)), body, "cut")
    assert cut.planned and human_date(cut.when) == "by 2012"
    assert (cut.when.start, cut.when.end) == (dt.date(2009, 5, 5), dt.date(2012, 12, 31))


def test_until_is_a_state_that_lasts_until_then() -> None:
    body = "The plant will stay in production until at least 2014."
    (e,) = events(body, dt.date(2009, 5, 5))
    assert e.planned and human_date(e.when) == "until 2014"


# --------------------------------------------------------------------------- 6. counted from a vague date

def test_two_days_after_early_march_is_early_to_mid_march() -> None:
    evs = events("The strike began in early March. Two days later the union rejected the offer.",
                 dt.date(2021, 4, 15))
    later = evs[1]
    assert (later.when.start, later.when.end) == (dt.date(2021, 3, 3), dt.date(2021, 3, 12))
    assert human_date(later.when) == "between 3 March and 12 March 2021"


@pytest.mark.parametrize("body,start,end", [
    ("The treaty was signed in January. Three weeks later the parliament ratified it.",
     dt.date(2021, 1, 22), dt.date(2021, 2, 21)),
    ("The bank collapsed in 2019. The following month the government stepped in.",
     dt.date(2019, 2, 1), dt.date(2020, 1, 31)),
])
def test_counted_from_that_mention_never_from_the_publication(body: str, start: dt.date, end: dt.date) -> None:
    later = events(body, dt.date(2021, 4, 15))[1]
    assert (later.when.start, later.when.end) == (start, end)


def test_a_past_tense_sentence_never_lands_after_the_publication() -> None:
    later = events("The strike began in early April. Two weeks later the union rejected the offer.",
                   dt.date(2021, 4, 15))[1]
    assert later.when.end <= dt.date(2021, 4, 15)


# --------------------------------------------------------------------------- 7. scheduled present

def test_a_scheduled_present_is_the_coming_day_and_planned() -> None:
    (e,) = events("The council meets again on Thursday.", dt.date(2021, 4, 13))
    assert e.when.value == "2021-04-15" and e.planned


# --------------------------------------------------------------------------- 9. titles

def test_a_title_takes_the_date_its_lead_sentence_gives_it() -> None:
    body = "Apple unveils iPhone 4\nApple CEO Steve Jobs unveiled the phone on Monday .\n"
    assert dated(body, dt.date(2010, 6, 8)) == [
        ("2010-06-07", "Apple unveils iPhone 4"), ("2010-06-07", "Apple CEO Steve Jobs unveiled the phone on Monday .")]


def test_a_title_its_lead_does_not_tell_stays_undated() -> None:
    body = "Markets in turmoil\nThe council met on Monday to discuss the budget .\n"
    assert [t for _, t in dated(body, dt.date(2010, 6, 8))] == ["The council met on Monday to discuss the budget ."]


# --------------------------------------------------------------------------- the present

def test_the_present_tense_speaks_of_the_publication() -> None:
    d = dt.date(1998, 3, 3)
    assert dated("Nigeria state radio says thousands of people began gathering.", d) == [
        ("1998-03-03", "Nigeria state radio says")]
    assert [v for v, _ in dated("Police are investigating the blast.", d)] == ["1998-03-03"]
    assert [v for v, _ in dated("The company has about 12.3 million shares outstanding.", d)] == ["1998-03-03"]


@pytest.mark.parametrize("body", [
    "“I am prepared to take further actions,” Biden said.",
    "If it appears that the goal is to destroy the regime, the Arabs will object.",
    "Russia has long brushed off allegations of meddling.",
    "Shares fell sharply.",
])
def test_quotes_conditions_and_the_past_are_no_present(body: str) -> None:
    assert dated(body, dt.date(2021, 4, 15)) == []


def test_what_is_reported_in_the_present_holds_when_it_was_said() -> None:
    body = "The minister said on Friday that the talks are going well."
    said = covering(events(body, dt.date(2021, 4, 17)), body, "going")
    assert said.when.value == "2021-04-16"


# --------------------------------------------------------------------------- story policy

def test_story_dates_the_rest_of_a_dated_sentence_by_the_story_day() -> None:
    body = "The ministry said on Tuesday that the envoy left."
    evs = events(body, dt.date(2021, 4, 15), UNDATED_STORY)
    assert covering(evs, body, "left").when.value == "2021-04-15"


# --------------------------------------------------------------------------- the pieces

def test_the_tagger_ships_with_the_package_and_knows_verbs_from_things() -> None:
    words = [t.text for t in tokenize("The envoy said the temple was bombed on Friday.")]
    tags = dict(zip(words, tagger().tag(words)))
    assert tags["said"] == "V" and tags["bombed"] == "V" and tags["temple"] == "O"


def test_scopes_are_offsets_into_the_text() -> None:
    body = "Intro. The ministry said on Tuesday that the envoy left last week."
    tx = annotate(body, dt.date(2021, 4, 15))
    s = body.index("The")
    scopes = attach.scopes(body, s, len(body), list(range(len(tx))), tx, dt.date(2021, 4, 15))
    assert [body[sc.start:sc.end] for sc in scopes] == ["The ministry said on Tuesday", "the envoy left last week."]
    assert all(sc.shown[0] <= sc.start and sc.end <= sc.shown[1] for sc in scopes)


# --------------------------------------------------------------------------- the measure's gold

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-27" functionInDocument="CREATION_TIME">02/27/1998</TIMEX3></DCT>
<TEXT>The presidents <EVENT eid="e1" class="OCCURRENCE">signed</EVENT> a plan <TIMEX3 tid="t1" type="DATE" value="1998-02-26">Thursday</TIMEX3>, officials <EVENT eid="e2" class="REPORTING">said</EVENT>. They <EVENT eid="e3" class="OCCURRENCE">met</EVENT> again.</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" pos="VERB" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" pos="VERB" />
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="PAST" aspect="NONE" pos="VERB" />
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1" />
<TLINK lid="l2" relType="INCLUDES" timeID="t0" relatedToEventInstance="ei2" />
<TLINK lid="l3" relType="SIMULTANEOUS" eventInstanceID="ei3" relatedToEventInstance="ei1" />
</TimeML>
"""


def test_gold_event_days_come_from_the_links(tmp_path) -> None:
    from timeline import eventtime

    path = tmp_path / "X1.tml"
    path.write_text(TML, encoding="utf-8")
    doc = eventtime.read_gold(path)
    got = {g.word: g.period for g in doc.events}
    assert got["signed"] == (dt.date(1998, 2, 26),) * 2 and got["said"] == (dt.date(1998, 2, 27),) * 2
    assert got["met"] is None  # only through another event: with closure
    closed = {g.word: g.period for g in eventtime.read_gold(path, closure=True).events}
    assert closed["met"] == (dt.date(1998, 2, 26),) * 2
    # our events: "signed ... Thursday" dated Thursday, "officials said" undated
    tally = eventtime.score_doc(doc, events(doc.text, doc.dct))["all"]
    assert (tally.events, tally.dated, tally.right) == (2, 1, 1)


def test_a_happening_scheduled_for_a_date_is_dated_the_scheduling_is_now() -> None:
    # SemEval-2015 trial article 16900 (Wikinews)
    body = "It is slated for a U.S. release on June 24 , starting at US $ 199 ."
    evs = events(body, dt.date(2010, 6, 16))
    assert covering(evs, body, "release").when.value == "2010-06-24"
    assert covering(evs, body, "slated").when.value == "2010-06-16"


def test_done_this_week_is_done_by_the_publication() -> None:
    # SemEval-2015 trial article 4596 (Wikinews)
    body = "The Beatles ' Apple Corps has filed a lawsuit against Apple Computer in a London court this week ."
    (e,) = events(body, dt.date(2006, 3, 28))
    assert (e.when.start, e.when.end) == (dt.date(2006, 3, 27), dt.date(2006, 3, 28))
    assert human_date(e.when) == "between 27 March and 28 March 2006"
    (ahead,) = events("Sales will rise this year.", dt.date(2006, 3, 28))
    assert (ahead.when.start, ahead.when.end) == (dt.date(2006, 1, 1), dt.date(2006, 12, 31))


def test_is_to_with_a_weekday_is_a_plan_shown_with_its_noun():
    """wsj_0810 (TimeBank), published Friday 27 October 1989: "is to resume"
    is a plan, so Tuesday is the coming one; the relative clause is shown
    with the noun it tells of, not with the report around it."""
    body = ("But sources said he will be urging his allies to boost their stakes in Navigation Mixte, "
            "which is being traded in London and is to resume trading in Paris Tuesday.")
    ev = covering(events(body, dt.date(1989, 10, 27)), body, "resume")
    assert ev.when.value == "1989-10-31" and ev.planned
    assert body[slice(*ev.shown_span)].startswith("Navigation Mixte, which")


def test_a_passive_report_in_a_since_clause_shows_only_its_clause():
    """APW20000115.0209 (AQUAINT): "was announced Wednesday" has no
    complement to show, and the main clause after the comma is another
    happening (what they have said since)."""
    body = "Since the INS decision was announced Wednesday, they have said they will appeal the decision."
    evs = events(body, dt.date(2000, 1, 15))
    ev = covering(evs, body, "announced")
    assert ev.when.value == "2000-01-12"
    assert body[slice(*ev.shown_span)] == "Since the INS decision was announced Wednesday"


def test_a_past_date_in_a_present_clause_dates_the_noun_before_it():
    """wsj_0778 (TimeBank): the warning is today's; "last June" dates the
    Supreme Court's decisions, the happening noun it follows."""
    body = "The warning by the U.S. attorney's office follows two decisions by the U.S. Supreme Court last June."
    ev = covering(events(body, dt.date(1989, 10, 27)), body, "decisions")
    assert ev.when.value == "1989-06"
    assert body[slice(*ev.shown_span)] == "two decisions by the U.S. Supreme Court last June"
    warning = covering(events(body, dt.date(1989, 10, 27)), body, "warning")
    assert warning.anchor == "dct" and warning.when.value == "1989-10-27"  # "follows": the present


def test_a_date_between_subject_and_verb_of_an_after_clause_stays_there():
    """NYT20000601.0442 (AQUAINT): "after a federal appeals court Thursday
    refused": Thursday is the refusal's, not the staying's (still to come)."""
    body = ("Elian Gonzalez will remain in the United States for at least two more weeks even after a federal "
            "appeals court Thursday refused to order a political asylum hearing for the fought-over Cuban child.")
    evs = events(body, dt.date(2000, 6, 1))
    assert covering(evs, body, "refused").when.value == "2000-06-01"
    assert not covering(evs, body, "refused").planned
    assert covering(evs, body, "remain") is None


def test_a_dateline_line_is_no_headline_and_no_event():
    """APW20000106.0064 (AQUAINT) opens with "HAVANA (AP) --" on a line of
    its own: where the story was filed, not a title for its lead's date."""
    body = ("HAVANA (AP) --\n\nWhile an important step, the U.S. government decision to return 6-year-old Elian "
            "Gonzalez to Cuba does not guarantee that the boy will be repatriated, the communist leadership warned.\n\n"
            "``Nothing is certain concerning his return to Cuba,'' said a government communique, read Wednesday night "
            "at a pro-Elian rally attended by President Fidel Castro.")
    for policy in ("skip", UNDATED_STORY):
        assert not any("HAVANA" in e.text for e in events(body, dt.date(2000, 1, 6), policy))


def test_a_modal_sentence_takes_no_date_from_also():
    """APW19990410.0123 and wsj_0584: what might or would be ("The rifle might
    also have clothing fibers", "That money also would have to be borrowed")
    is no happening of the day before it, and no present-tense clause either."""
    body = ("Investigators found a rifle Thursday behind the house. "
            "The rifle might also have clothing fibers, fingerprints or a serial number that can be traced "
            "to the buyer, Rowe said.")
    evs = events(body, dt.date(1999, 4, 10))
    assert [e.when.value for e in evs] == ["1999-04-08"]
    body = ("In addition, New York-based LIN would exercise its right to buy out for $1.9 billion the 55% equity "
            "interest of its partner, Metromedia Co., in a New York cellular franchise announced Friday. "
            "That money also would have to be borrowed.")
    assert not any("borrowed" in e.text for e in events(body, dt.date(1989, 10, 30)))


def test_a_day_gone_by_carried_over_by_also_is_no_plan():
    body = ("Saddam Hussein proposed on Sunday that Iraq would withdraw from Kuwait. "
            "The proposal also called for replacing American troops in Saudi Arabia with Arab forces.")
    ev = covering(events(body, dt.date(1990, 8, 13)), body, "replacing")
    assert ev.anchor == "inherited" and ev.when.value == "1990-08-12" and not ev.planned
