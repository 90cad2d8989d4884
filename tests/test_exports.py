"""Data files beside the pages: timeline.json, TimelineJS3, iCalendar, CSV (timeline/exports.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import icalendar
import pytest

from site_fixtures import SEED_ORDER, hostile_site, seed_site
from timeline import exports
from timeline.render import EXPORTS


@pytest.fixture(scope="module")
def seed_files() -> dict[str, str]:
    return exports.export_site(seed_site())


def test_every_linked_export_is_produced(seed_files):
    assert {name for name, _, _ in EXPORTS} == set(seed_files)


def test_json_lists_entries_oldest_first_with_sources(seed_files):
    data = json.loads(seed_files["timeline.json"])
    assert data["schema"] == "timeline/1"
    assert [e["id"] for e in data["entries"]] == [i for i, _ in SEED_ORDER]
    first = data["entries"][0]
    assert first["when"] == {"value": "2020", "start": "2020-01-01", "end": "2020-12-31",
                             "precision": "year", "mod": None}
    assert len(first["sources"]) == 2
    mid = data["entries"][1]
    assert mid["label"] == "mid-December 2020" and mid["when"]["mod"] == "MID"
    assert data["entries"][-1]["planned"] is True and data["entries"][-1]["label"] == "summer 2021 (planned)"


def test_json_sources_carry_the_extract_contract_fields(seed_files):
    data = json.loads(seed_files["timeline.json"])
    source = data["entries"][1]["sources"][0]
    assert {"path", "title", "dct"} <= set(source)
    event = source["event"]
    assert {"start", "end", "text", "when", "anchor", "timex", "planned", "entities"} <= set(event)
    assert set(event["when"]) >= {"value", "start", "end", "precision"}
    body = seed_site().timelines[0].documents[0].article.body
    assert body[event["start"]:event["end"]] == event["text"]
    s, e = event["sentence"]
    assert body[s:e] == source["quote"]


def test_json_articles_are_in_the_extract_contract_shape(seed_files):
    (article,) = json.loads(seed_files["timeline.json"])["articles"]
    assert set(article) == {"path", "title", "dct", "timexes", "events"}
    assert article["dct"] == "2021-04-15"
    assert set(article["timexes"][0]) == {"start", "end", "text", "type", "value", "mod"}
    relative = [e for e in article["events"] if e["anchor"] == "relative"]
    assert relative and all(e["when"]["value"] is None and e["when"]["start"] for e in relative)


def test_timelinejs_has_what_timelinejs_needs(seed_files):
    data = json.loads(seed_files["timelinejs.json"])
    assert data["title"]["text"]["headline"]
    events = data["events"]
    assert len(events) == len(SEED_ORDER)
    ids = [e["unique_id"] for e in events]
    assert len(set(ids)) == len(ids)
    for e in events:
        assert isinstance(e["start_date"]["year"], int)
        assert set(e["start_date"]) <= {"year", "month", "day"}
        assert e["text"]["headline"] and e["display_date"]
        if "end_date" in e:
            assert isinstance(e["end_date"]["year"], int)
    by_id = {e["unique_id"]: e for e in events}
    assert by_id["2020-us-presidential-election"]["start_date"] == {"year": 2020}
    assert by_id["2020-12-hackers-treasury"]["start_date"] == {"year": 2020, "month": 12}
    assert by_id["2020-12-hackers-treasury"]["display_date"] == "mid-December 2020"
    assert by_id["2021-04-15-sanctions"]["start_date"] == {"year": 2021, "month": 4, "day": 15}
    summer = by_id["2021-su-summit-proposed"]
    assert summer["start_date"] == {"year": 2021, "month": 6} and summer["end_date"] == {"year": 2021, "month": 8}


def test_timelinejs_escapes_the_html_it_renders():
    data = json.loads(exports.timelinejs(hostile_site()))
    blob = json.dumps(data)
    assert "<script" not in blob and "<img" not in blob and "javascript:" not in blob.replace("javascript:alert(1))", "")
    assert "&lt;script&gt;" in data["events"][0]["text"]["text"]


def _calendar(text: str) -> list:
    cal = icalendar.Calendar.from_ical(text)
    return [c for c in cal.walk("VEVENT")]


def test_ical_parses_and_spans_each_date_range(seed_files):
    events = {str(e["UID"]): e for e in _calendar(seed_files["timeline.ics"])}
    # "Subsequently ..." and "later ..." have no day of their own, and "in the
    # 2020 election" would cover each day of 2020: not in the calendar
    left_out = {"homeland-security-targeted", "russia-behind-hacks", "2020-us-presidential-election"}
    assert set(events) == {f"{uid}@timeline" for uid, _ in SEED_ORDER if uid not in left_out}

    def span(uid):
        e = events[f"{uid}@timeline"]
        return e.decoded("DTSTART"), e.decoded("DTEND")

    assert span("2020-12-hackers-treasury") == (dt.date(2020, 12, 11), dt.date(2020, 12, 21))
    assert span("2021-04-15-sanctions") == (dt.date(2021, 4, 15), dt.date(2021, 4, 16))
    assert span("2021-su-summit-proposed") == (dt.date(2021, 6, 1), dt.date(2021, 9, 1))
    assert str(events["2021-su-summit-proposed@timeline"]["STATUS"]) == "TENTATIVE"
    for e in events.values():
        assert isinstance(e.decoded("DTSTART"), dt.date) and not isinstance(e.decoded("DTSTART"), dt.datetime)
        assert e.decoded("DTEND") > e.decoded("DTSTART")


def test_ical_lines_are_crlf_and_folded(seed_files):
    text = seed_files["timeline.ics"]
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_ical_dtstamp_comes_from_source_date_epoch_or_the_content(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (first, *_) = _calendar(exports.ical(seed_site()))
    assert first.decoded("DTSTAMP") == dt.datetime(2021, 4, 15, tzinfo=dt.timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (first, *_) = _calendar(exports.ical(seed_site()))
    assert first.decoded("DTSTAMP") == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)


def test_csv_has_one_row_per_entry(seed_files):
    rows = list(csv.DictReader(io.StringIO(seed_files["timeline.csv"], newline="")))
    assert [r["id"] for r in rows] == [i for i, _ in SEED_ORDER]
    assert rows[1]["label"] == "mid-December 2020" and rows[1]["mod"] == "MID"
    assert rows[-1]["planned"] == "true"
    assert rows[0]["articles"] == "content/us-russia/biden-sanctions-russia.md"  # each article once


def test_csv_cells_cannot_become_spreadsheet_formulas():
    assert exports._cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert exports._cell("@x") == "'@x" and exports._cell("plain") == "plain"


def test_same_site_same_bytes(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert exports.export_site(seed_site()) == exports.export_site(seed_site())


def test_icalendar_events_written_directly_are_icalendars_own_bytes():
    # the export writes each VEVENT itself (fast); icalendar writes the same bytes
    import datetime as dt

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from site_fixtures import conflict_site, hostile_site, many_site, seed_site
    from timeline import exports
    from timeline.render import all_entries, entry_label

    for site in (seed_site(), hostile_site(), conflict_site(), many_site(40)):
        docs = {d.article.path: d for t in site.timelines for d in t.documents}
        for e in all_entries(site):
            if e.when.start is not None:
                for stamp in (dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc), dt.datetime(2021, 4, 15, 12, 30, tzinfo=dt.timezone.utc)):
                    label = entry_label(e, docs)
                    assert exports._vevent_text(e, label, stamp) == icalendar_vevent(e, label, stamp)

    icalendar_string = pytest.importorskip("icalendar.parser.string")
    fold = getattr(icalendar_string, "_foldline", None)
    escape = getattr(icalendar_string, "_escape_char", None)
    if fold is None or escape is None:
        pytest.skip("this icalendar keeps its folding elsewhere")

    @settings(max_examples=300, derandomize=True, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list("ab \\^;,\n\r€日😀N")), max_size=400))
    def same(text):
        assert exports._ical_text(text) == escape(text)
        line = "DESCRIPTION:" + exports._ical_text(text)
        assert exports._fold(line) == fold(line)

    same()


def icalendar_vevent(e, label: str, stamp) -> str:
    """The VEVENT icalendar itself writes for an entry: what the export's own writer must match."""
    w = e.when
    end = w.end if w.end and w.end >= w.start else w.start
    ev = icalendar.Event()
    ev.add("uid", f"{e.id}@timeline")
    ev.add("dtstamp", stamp)
    ev.add("dtstart", w.start)
    ev.add("dtend", end + dt.timedelta(days=1))
    words = exports.entry_excerpt(e)
    ev.add("summary", exports._headline(words, 200))
    ev.add("description", "\n".join(exports._description(e, label, words)))
    ev.add("status", "TENTATIVE" if e.planned else "CONFIRMED")
    ev.add("transp", "TRANSPARENT")
    if e.entities:
        ev.add("categories", list(e.entities))
    return ev.to_ical().decode("utf-8")
