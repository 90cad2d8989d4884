"""Date labels: as precise as the TIMEX3 value, never more (timeline/labels.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.labels import date_label, human_date, iso_datetime
from timeline.model import When


@pytest.mark.parametrize(("value", "mod", "label"), [
    ("2021-04-15", None, "Thursday 15 April 2021"),
    ("2020-12", "MID", "mid-December 2020"),
    ("2020-12", "START", "early December 2020"),
    ("2020-12", "END", "late December 2020"),
    ("2020-12", "AFTER", "after December 2020"),
    ("2020-12", "APPROX", "about December 2020"),
    ("2021-SU", None, "summer 2021"),
    ("2021-WI", None, "winter 2021"),
    ("2021-Q2", None, "second quarter of 2021"),
    ("2021-H1", None, "first half of 2021"),
    ("2021-W15", None, "the week of 12 April 2021"),
    ("2020", None, "2020"),
    ("2020", "END", "late 2020"),
    ("2020", "MID", "mid-2020"),
    ("202", None, "the 2020s"),
    ("19", None, "the 1900s"),
    ("2021-04-15TEV", None, "Thursday 15 April 2021, evening"),
    ("2021-04-15T14:30", None, "Thursday 15 April 2021, 14:30"),
    ("PRESENT_REF", None, "now"),
    ("XXXX-04", None, "April, year unknown"),
    ("XXXX-XX-XX", None, "XXXX-XX-XX"),
])
def test_human_date_says_what_the_value_says(value, mod, label):
    assert human_date(When(value, None, None, None, mod)) == label


def test_planned_entries_say_so():
    assert date_label(When("2021-SU", None, None, "season"), planned=True) == "summer 2021 (planned)"


def test_relative_event_reads_after_the_event_it_follows():
    when = When(None, dt.date(2020, 12, 11), None, None)
    assert date_label(when, after="mid-December 2020") == "after mid-December 2020"
    assert date_label(when, after="after mid-December 2020") == "after mid-December 2020"


def test_relative_event_without_known_predecessor_reads_from_its_lower_bound():
    assert human_date(When(None, dt.date(2020, 12, 11), None, None)) == "on or after 11 December 2020"
    assert human_date(When(None, None, None, None)) == "date unknown"
    assert human_date(None) == "date unknown"


@pytest.mark.parametrize(("value", "expected"), [
    ("2021-04-15", "2021-04-15"), ("2021-04-15TEV", "2021-04-15"), ("2021-03", "2021-03"),
    ("2020", "2020"), ("2021-W15", "2021-W15"), ("2021-SU", "2021"), ("202", None),
    ("XXXX-04", None), (None, None),
])
def test_time_datetime_never_claims_more_than_the_text(value, expected):
    assert iso_datetime(When(value, dt.date(2021, 6, 1), None, None)) == expected
