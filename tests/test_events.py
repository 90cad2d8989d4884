"""Events, merging and the pipeline on real text: the user's article (in
content/), sentences from the SemEval-2015 TimeLine trial articles, and
small articles written to exercise one rule each."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from timeline import attach, pipeline
from timeline.articles import load_content
from timeline.cli import main
from timeline.events import UNDATED_DCT, UNDATED_STORY, _Position, extract_events, sentences
from timeline.merge import build_timeline
from timeline.model import Article, Document
from timeline.timex import annotate

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "content" / "biden-russia-sanctions.md"
TRIAL = ROOT.parent / "shared" / "benchmarks" / "semeval2015-task4-trial"
needs_trial = pytest.mark.skipif(not (TRIAL / "cat").is_dir(), reason=f"SemEval trial data not found at {TRIAL}")


def seed() -> Article:
    articles, warnings = load_content(ROOT / "content")
    assert not warnings
    return next(a for a in articles if a.path.endswith("biden-russia-sanctions.md"))


def events_of(body: str, dct: dt.date = dt.date(2021, 4, 15), undated: str = "skip"):
    a = Article(path="content/x.md", title="x", dct=dct, body=body)
    return extract_events(a, annotate(body, dct), undated)


# --------------------------------------------------------------------------- the user's example

def test_seed_timeline_is_the_designs() -> None:
    site = pipeline.build(ROOT / "content")
    (timeline,) = site.timelines
    got = [(e.when.value, e.anchor, e.planned) for e in timeline.entries]
    assert got == [
        ("2020", "explicit", False),        # the 2020 election (two quotes, one entry)
        ("2020-12", "explicit", False),     # mid-December: hackers stole information
        (None, "relative", False),          # Subsequently ... also targeted Homeland Security
        (None, "relative", False),          # US intelligence later said ... Russia behind
        ("2021-03", "explicit", False),     # last month: the intelligence report
        ("2021-04-15", "explicit", False),  # Biden on Thursday commented
        ("2021-04-15", "explicit", False),  # Earlier on Thursday: the sanctions
        ("2021-04-15", "inherited", False),  # In addition: State Department expulsions
        ("2021-04-15", "explicit", False),  # Moscow on Thursday: a blow, retaliation
        ("2021-04-15", "inherited", False),  # The Kremlin also blamed ...
        ("2021-SU", "explicit", True),      # proposed to meet this summer
    ]
    texts = [e.text for e in timeline.entries]
    assert "Subsequently" in texts[2] and "Homeland Security" in texts[2]
    assert "later said" in texts[3]
    assert texts[7].startswith("In addition, the State Department")
    assert "this summer" in texts[10] and "proposed" in texts[10]
    quotes = [s.quote for s in timeline.entries[0].sources]
    assert len(quotes) == 2 and quotes[0].startswith("Earlier on Thursday") \
        and quotes[1].startswith("The US intelligence community")


def test_seed_dates_nothing_the_text_leaves_undated() -> None:
    a = seed()
    evs = extract_events(a, annotate(a.body, a.dct))
    quoted = a.body.index("“If Russia continues")
    long_ago = a.body.index("Russia has long brushed off")
    for e in evs:
        assert not (e.sentence[0] <= quoted < e.sentence[1])
        assert not (e.sentence[0] <= long_ago < e.sentence[1])


def test_relative_events_have_no_value_and_start_at_what_they_follow() -> None:
    a = seed()
    evs = extract_events(a, annotate(a.body, a.dct))
    sub = next(e for e in evs if e.text.startswith("Subsequently"))
    mid = evs[sub.follows]
    assert sub.when.value is None and sub.when.start == mid.when.start and sub.when.end == a.dct
    assert "mid-December 2020" in sub.derivation


def test_offsets_point_into_the_body_and_every_event_cites_its_sentence() -> None:
    a = seed()
    for e in extract_events(a, annotate(a.body, a.dct)):
        assert a.body[e.start:e.end] == e.text
        s, t = e.sentence
        assert s <= e.start and e.end <= t


def test_derivation_explains_the_date() -> None:
    a = seed()
    first = extract_events(a, annotate(a.body, a.dct))[0]
    assert first.derivation == "‘Thursday’ in an article published Thu 15 Apr 2021 → Thursday 15 April 2021"


# --------------------------------------------------------------------------- one rule each

def test_a_sentence_with_two_dates_is_two_events() -> None:
    body = "The report said last month that Russia meddled in the 2020 election."
    evs = events_of(body)
    assert [(e.when.value, e.text) for e in evs] == [
        ("2021-03", "The report said last month"),
        ("2020", "Russia meddled in the 2020 election.")]
    # the report is shown with what it reports; the date stays the report's
    assert body[slice(*evs[0].shown_span)] == body


def test_a_date_in_a_reported_clause_dates_what_is_reported() -> None:
    body = "Jobs announced that Leopard would be released in 2007."
    evs = events_of(body, dt.date(2005, 6, 6))
    assert [(e.when.value, e.text) for e in evs] == [("2007", "Leopard would be released in 2007.")]
    assert evs[0].planned and evs[0].reported
    # the undated announcement is shown with it, not dated by it
    assert body[slice(*evs[0].shown_span)] == body


def test_the_same_day_and_also_inherit() -> None:
    evs = events_of("The board met on Monday. The same day, the chairman resigned. "
                    "Shareholders also sold their stock.")
    assert [(e.when.value, e.anchor) for e in evs] == [
        ("2021-04-12", "explicit"), ("2021-04-12", "inherited"), ("2021-04-12", "inherited")]


def test_now_dates_a_clause_but_current_before_a_noun_does_not() -> None:
    assert [e.when.value for e in events_of("Prices are now at a record.")] == ["2021-04-15"]
    assert not events_of("He will travel with his current wife.")


def test_also_ties_to_the_last_event_only_a_few_sentences_back() -> None:
    near = events_of("In April, a blog obtained a prototype of the phone. The blog posted photos. "
                     "It also published the price.")
    assert [e.anchor for e in near] == ["explicit", "inherited"]
    far = events_of("In April, a blog obtained a prototype of the phone. The blog posted photos. Readers wrote in. "
                    "Critics scoffed. Engineers shrugged. It also published the price.")
    assert [e.anchor for e in far] == ["explicit"]


def test_a_date_in_an_insertion_dates_the_insertion_only() -> None:
    # SemEval-2015 trial article 18355 (Wikinews)
    evs = events_of("Jobs, born in San Francisco on February 24, 1955, has built the most valuable technology "
                    "company in the world.", dt.date(2011, 10, 6))
    assert [(e.when.value, e.text) for e in evs] == [("1955-02-24", "born in San Francisco on February 24, 1955")]


def test_also_said_takes_no_date_still_to_come() -> None:
    # SemEval-2015 trial article 17036 (Wikinews)
    evs = events_of("Bumpers will be free to anyone with an iPhone 4 until September 30. Jobs also said that those "
                    "who had already purchased a bumper will receive a full refund.", dt.date(2010, 7, 17))
    assert [e.when.value for e in evs] == ["2010-09-30"]


def test_planned_happenings() -> None:
    evs = events_of("The two leaders will meet on Monday. The summit is planned for June.")
    assert [(e.when.value, e.planned) for e in evs] == [("2021-04-19", True), ("2021-06", True)]


def test_a_vow_reported_on_a_past_day_is_not_a_plan() -> None:
    evs = events_of("Moscow on Thursday vowed to retaliate.")
    assert [(e.when.value, e.planned) for e in evs] == [("2021-04-15", False)]


def test_undated_policies() -> None:
    body = "Apple unveiled the phone on Monday. The phone has two cameras. Jobs praised the design."
    dct = dt.date(2010, 6, 8)
    # skip: the past-tense praise stays undated; the present tense speaks of the publication day
    assert [(e.when.value, e.anchor) for e in events_of(body, dct)] == [
        ("2010-06-07", "explicit"), ("2010-06-08", "dct")]
    assert [(e.when.value, e.anchor) for e in events_of(body, dct, UNDATED_DCT)] == [
        ("2010-06-07", "explicit"), ("2010-06-08", "dct"), ("2010-06-08", "dct")]
    # story: past-tense undated sentences stay on the story's day; present-tense descriptions hold at the DCT
    assert [(e.when.value, e.anchor) for e in events_of(body, dct, UNDATED_STORY)] == [
        ("2010-06-07", "explicit"), ("2010-06-08", "dct"), ("2010-06-07", "inherited")]


def test_tokenized_text_is_split_at_its_lines() -> None:
    body = "Apple unveils iPhone 4\nJune 8 , 2010\nApple CEO Steve Jobs unveiled the phone on Monday .\n"
    assert [body[s:e] for s, e in sentences(body)] == [
        "Apple unveils iPhone 4", "June 8 , 2010", "Apple CEO Steve Jobs unveiled the phone on Monday ."]
    evs = events_of(body, dt.date(2010, 6, 8))
    # the dateline is no event; the title's happening takes the date its lead sentence gives it
    assert [(e.when.value, e.anchor, e.text) for e in evs] == [
        ("2010-06-07", "inherited", "Apple unveils iPhone 4"),
        ("2010-06-07", "explicit", "Apple CEO Steve Jobs unveiled the phone on Monday .")]


@needs_trial
def test_trial_article_sentences_from_wikinews() -> None:
    from timeline.semeval import read_cat

    doc = read_cat(next((TRIAL / "cat").glob("16844-*.xml")))
    a = doc.article()
    evs = extract_events(a, annotate(a.body, a.dct))
    unveiled = next(e for e in evs if "company CEO Steve Jobs" in e.text)
    assert unveiled.when.value == "2010-06-07" and unveiled.text.startswith("Yesterday")


# --------------------------------------------------------------------------- merge and order

def _doc(path: str, dct: dt.date, body: str) -> Document:
    a = Article(path=path, title=path, dct=dct, body=body, source=path.split("/")[-1])
    tx = tuple(annotate(body, dct))
    return Document(a, tx, extract_events(a, tx))


def test_the_same_happening_from_two_articles_is_one_entry_with_both_sources() -> None:
    d1 = _doc("content/a.md", dt.date(2010, 6, 8), "Apple unveiled the iPhone 4 at its developers conference on Monday.")
    d2 = _doc("content/b.md", dt.date(2010, 6, 9), "On June 7, Apple unveiled the iPhone 4 at the developers conference.")
    d3 = _doc("content/c.md", dt.date(2010, 6, 9), "Google released a new Android phone on June 7.")
    tl = build_timeline("", "Phones", [d1, d2, d3])
    assert len(tl.entries) == 2
    merged = next(e for e in tl.entries if len(e.sources) == 2)
    assert merged.when.value == "2010-06-07" and not merged.conflicts
    assert [s.article.path for s in merged.sources] == ["content/a.md", "content/b.md"]


def test_the_same_day_told_in_other_words_by_two_articles_is_one_entry() -> None:
    # SemEval-2015 trial articles 17036 and 17174 (Wikinews), one sentence each
    d1 = _doc("content/a.md", dt.date(2010, 7, 17), "Rather than recall the devices or offer a hardware fix, Jobs said "
              "yesterday that Apple will offer a free case to anyone who has purchased an iPhone 4.")
    d2 = _doc("content/b.md", dt.date(2010, 8, 9), "In a July 16 press conference, Jobs said that all iPhone 4 buyers "
              "would be eligible to receive a free case, or bumper, which alleviates the signal problem.")
    entries = build_timeline("", "Phones", [d1, d2]).entries
    (entry,) = [e for e in entries if e.when.value == "2010-07-16"]
    assert len(entry.sources) == 2
    # the bumper "alleviates" the problem: a present-tense statement, at its article's publication
    assert [(e.when.value, e.anchor) for e in entries if e is not entry] == [("2010-08-09", "dct")]


def test_two_shared_words_and_a_date_inside_the_other_are_not_one_happening() -> None:
    d1 = _doc("content/a.md", dt.date(2010, 6, 8), "Even though it now uses the A4 processor first used in its iPad "
              "tablet, the phone has a claimed seven hours of talk time.")
    d2 = _doc("content/b.md", dt.date(2011, 10, 6), "Apple released the iPad tablet computer in 2010.")
    entries = build_timeline("", "Phones", [d1, d2]).entries
    assert all(len({src.article.path for src in e.sources}) == 1 for e in entries)


def test_a_conflict_needs_two_mostly_identical_texts() -> None:
    d1 = _doc("content/a.md", dt.date(2010, 10, 21), "The Back to the Mac event included a preview of the forthcoming "
              "Mac OS X Lion operating system, to be released in 2011.")
    d2 = _doc("content/b.md", dt.date(2011, 10, 6), "In 2002 the Mac OS X operating system was released.")
    entries = build_timeline("", "Macs", [d1, d2]).entries
    assert len(entries) == 2 and not any(e.conflicts for e in entries)


def test_conflicting_dates_are_kept_and_flagged() -> None:
    d1 = _doc("content/a.md", dt.date(2010, 6, 10), "Apple unveiled the iPhone 4 at the developers conference in San Francisco on June 7.")
    d2 = _doc("content/b.md", dt.date(2010, 6, 10), "Apple unveiled the iPhone 4 at the developers conference in San Francisco on June 8.")
    (entry,) = build_timeline("", "Phones", [d1, d2]).entries
    assert entry.when.value == "2010-06-07" and [c.value for c in entry.conflicts] == ["2010-06-08"]
    assert len(entry.sources) == 2


def test_order_is_by_date_then_source_order_and_ids_are_stable() -> None:
    d1 = _doc("content/a.md", dt.date(2021, 4, 15), "The vote took place in March. The count ended on Thursday.")
    d2 = _doc("content/b.md", dt.date(2021, 4, 15), "The campaign began in 2020.")
    one = build_timeline("", "Vote", [d1, d2])
    assert [e.when.value for e in one.entries] == ["2020", "2021-03", "2021-04-15"]
    d3 = _doc("content/c.md", dt.date(2021, 4, 15), "Nothing else happened in 1999.")
    two = build_timeline("", "Vote", [d1, d2, d3])
    assert {e.id for e in one.entries} <= {e.id for e in two.entries}  # adding an article keeps the permalinks


# --------------------------------------------------------------------------- pipeline: topics, warnings, cache

def _content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "world").mkdir(parents=True)
    shutil.copy(SEED, content / "biden-russia-sanctions.md")
    (content / "world" / "vote.md").write_text("---\ntitle: Vote\ndate: 2021-04-15\n---\nThe vote took place in March.\n",
                                               encoding="utf-8")
    (content / "broken.md").write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    return content


def test_topics_warnings_and_nothing_written_under_content(tmp_path: Path) -> None:
    content = _content(tmp_path)
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    site = pipeline.build(content, cache_dir=tmp_path / "cache")
    assert [t.topic for t in site.timelines] == ["", "world"]
    assert [t.title for t in site.timelines] == ["Timeline", "World"]
    assert len(site.warnings) == 1 and "broken.md" in site.warnings[0].path
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before


def test_cache_rereads_only_new_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = _content(tmp_path)
    cache = tmp_path / "cache"
    first = pipeline.build(content, cache_dir=cache)
    calls: list[str] = []
    real = pipeline.annotate

    def counting(text, *args, **kw):
        calls.append(text[:20])
        return real(text, *args, **kw)

    monkeypatch.setattr(pipeline, "annotate", counting)
    again = pipeline.build(content, cache_dir=cache)
    assert calls == [] and again == first  # everything from the cache, identical
    (content / "world" / "new.md").write_text("---\ntitle: New\ndate: 2021-04-16\n---\nIt rained on Friday.\n",
                                              encoding="utf-8")
    pipeline.build(content, cache_dir=cache)
    assert calls == ["It rained on Friday."]


# --------------------------------------------------------------------------- timeline extract

def test_extract_json_follows_the_contract() -> None:
    result = CliRunner().invoke(main, ["extract", "--format", "json", str(SEED)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    (art,) = data["articles"]
    assert set(art) == {"path", "title", "dct", "timexes", "events"} and art["dct"] == "2021-04-15"
    body = seed().body
    for t in art["timexes"]:
        assert set(t) == {"start", "end", "text", "type", "value", "mod"}
        assert body[t["start"]:t["end"]] == t["text"]
    for e in art["events"]:
        assert set(e) == {"start", "end", "text", "when", "anchor", "timex", "planned", "entities"}
        assert set(e["when"]) == {"value", "start", "end", "precision"}
        assert body[e["start"]:e["end"]] == e["text"]
    rel = [e for e in art["events"] if e["anchor"] == "relative"]
    assert rel and all(e["when"]["value"] is None and e["when"]["start"] == "2020-12-11" for e in rel)
    assert any(e["planned"] and e["when"]["value"] == "2021-SU" for e in art["events"])


def test_extract_reads_plain_text_with_a_given_date_and_reports_bad_files(tmp_path: Path) -> None:
    txt = tmp_path / "apple.txt"
    txt.write_text("Apple unveils iPhone 4\nApple CEO Steve Jobs unveiled the phone on Monday .\n", encoding="utf-8")
    ok = CliRunner().invoke(main, ["extract", "--dct", "2010-06-08", str(txt)])
    assert ok.exit_code == 0
    assert json.loads(ok.output)["articles"][0]["events"][0]["when"]["value"] == "2010-06-07"
    bad = CliRunner().invoke(main, ["extract", str(txt)])
    assert bad.exit_code == 1 and "apple.txt" in bad.output and "publication date" in bad.output


def test_extract_markdown_listing() -> None:
    result = CliRunner().invoke(main, ["extract", "--format", "md", str(SEED)])
    assert result.exit_code == 0
    assert "**mid-December 2020** (explicit)" in result.output
    assert "**summer 2021** (explicit, planned)" in result.output


# ---------------------------------------------------------------- reading in one pass



@given(st.text(alphabet="a .\n“”`'\"", max_size=60), st.lists(st.integers(0, 60), max_size=8))
def test_position_read_in_one_pass_agrees_with_looking_back(text, starts):
    """Sentence starts are read forward once (a long paragraph is no longer
    re-read from its start for every sentence); the answer is the one a look
    back over the paragraph gives."""
    at = _Position(text)
    for s in sorted({min(x, len(text)) for x in starts}):
        at.advance(s)
        para = text.rfind("\n\n", 0, s) + 1
        chunk = text[para:s]
        opened = chunk.count("“") + chunk.count("``") - chunk.count("”") - chunk.count("''")
        assert at.in_quotation() == (opened > 0 or (opened == 0 and chunk.count('"') % 2 == 1))
        assert at.line == text.rfind("\n", 0, s) + 1


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 20)), max_size=12), st.integers(0, 60), st.integers(1, 20))
def test_overlaps_finds_exactly_the_overlapping_spans(spans, s, width):
    items = [(a, a + w, n) for n, (a, w) in enumerate(spans)]
    got = sorted(attach.Overlaps(items).around(s, s + width))
    assert got == sorted(n for a, b, n in items if a < s + width and s < b)

