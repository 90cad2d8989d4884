"""Entity names (timeline/entities.py) on the user's article and news phrases."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.entities import extract_entities, normalize_entity
from timeline.sentences import split_sentences

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "article.txt"
# The same text lives in the repo as content/ (tests/test_articles.py checks
# they are identical), so these tests run in a fresh clone too.
SEED_MD = REPO / "content" / "biden-russia-sanctions.md"


def seed_text() -> str:
    if SEED.is_file():
        return SEED.read_text(encoding="utf-8")
    return SEED_MD.read_text(encoding="utf-8").split("---\n", 2)[2]


@pytest.fixture(scope="module")
def seed_entities() -> list[tuple[str, tuple[str, ...]]]:
    text = seed_text()
    return [(text[s:e], extract_entities(text, s, e)) for s, e in split_sentences(text)]


def test_seed_names_are_found(seed_entities):
    found = {name for _, names in seed_entities for name in names}
    for name in (
        "Biden", "Joe Biden", "Russia", "State Department", "US Treasury Department",
        "Kremlin", "Moscow", "Washington", "Putin", "Donald Trump", "White House", "CNBC",
        "United States", "Crimea", "Ukraine", "Europe", "Afghanistan", "Russian Embassy",
        "Commerce Department", "National Telecommunications and Information Administration",
        "US Department of Homeland Security", "Russian Intelligence Services", "US",
    ):
        assert name in found, name


def test_seed_common_words_are_not_names(seed_entities):
    for _, names in seed_entities:
        for name in names:
            words = name.split()
            for stop in ("Earlier", "Thursday", "In", "The", "If", "It", "I", "Subsequently",
                         "President", "Moscow’s", "Biden’s", "Russia’s", "December", "mid-December"):
                assert stop not in words, (name, stop)


def test_seed_sentence_by_sentence(seed_entities):
    assert [names for _, names in seed_entities] == [
        ("US", "Joe Biden", "Russia"),
        ("Russia", "United States", "Biden", "White House", "CNBC"),
        ("Putin", "Biden", "Russia"),
        ("Biden", "Putin", "Europe"),
        ("Biden", "Russian", "US", "Russia", "Ukraine", "Crimea", "Russian Intelligence Services"),
        ("State Department", "Russian Embassy", "Washington"),
        ("US", "Russian", "Joe Biden", "Donald Trump"),
        ("US Treasury Department", "Commerce Department",
         "National Telecommunications and Information Administration", "NTIA"),
        ("US Department of Homeland Security",),
        ("US", "Russia"),
        ("Russia", "US", "Afghanistan"),
        ("Moscow", "Biden"),
        ("Kremlin", "United States", "Washington", "Moscow"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("US President Joe Biden spoke.", ("US", "Joe Biden")),
        ("President Joe Biden and former President Donald Trump", ("Joe Biden", "Donald Trump")),
        ("Treasury Secretary Janet Yellen met Prime Minister Boris Johnson.", ("Janet Yellen", "Boris Johnson")),
        ("Secretary of State Antony Blinken flew to Kyiv.", ("Antony Blinken", "Kyiv")),
        ("House Speaker Nancy Pelosi and Senate Majority Leader Mitch McConnell",
         ("Nancy Pelosi", "Mitch McConnell")),
        ("Sen. Ted Kennedy and Gov. Andrew Cuomo met Mr. Smith.", ("Ted Kennedy", "Andrew Cuomo", "Smith")),
        ("The President said the Foreign Minister agreed.", ()),
        ("General Motors and the Justice Department settled.", ("General Motors", "Justice Department")),
        ("the Department of Homeland Security and the Department of the Treasury",
         ("Department of Homeland Security", "Department of the Treasury")),
        ("Russia and China met at the Department of Health and Human Services.",
         ("Russia", "China", "Department of Health and Human Services")),
        ("The Committee on Foreign Relations heard Putin on Biden.",
         ("Committee on Foreign Relations", "Putin", "Biden")),
        ("Russia’s annexation of Ukraine's Crimea", ("Russia", "Ukraine", "Crimea")),
        ("the Commerce Department’s National Telecommunications and Information Administration (NTIA)",
         ("Commerce Department", "National Telecommunications and Information Administration", "NTIA")),
        ("Russian-backed separatists fought pro-Kremlin forces.", ("Russian", "Kremlin")),
        ("the U.S. Treasury and U.S. officials", ("U.S. Treasury", "U.S.")),
        ("J. R. R. Tolkien and George W. Bush", ("J. R. R. Tolkien", "George W. Bush")),
        ("World War I ended. I said so.", ("World War I",)),
        ("Charles de Gaulle and al-Qaeda", ("Charles de Gaulle", "al-Qaeda")),
        ("AT&T, Johnson & Johnson and Procter & Gamble", ("AT&T", "Johnson & Johnson", "Procter & Gamble")),
        ("Subsequently, Italy said that Kelly Clarkson sang.", ("Italy", "Kelly Clarkson")),
        ("Reportedly Moscow balked.", ("Moscow",)),
        ("Earlier on Thursday, in mid-December, last month", ()),
        ("In addition, the State Department said so on Monday, April 12.", ("State Department",)),
        ("Biden met Putin. Biden said Joe Biden", ("Joe Biden", "Putin")),
        ("Joe Biden met Putin. Biden said", ("Joe Biden", "Putin")),
        ("“If Russia continues,” I said.", ("Russia",)),
        ("Centers for Disease Control said", ("Centers for Disease Control",)),
        ("", ()),
    ],
)
def test_names(text, expected):
    assert extract_entities(text) == expected


def test_sentence_initial_word_the_text_also_writes_in_lower_case_is_no_name():
    text = "Investors applauded. Some investors sold. Says Michael Hirsch: Moscow fell."
    assert extract_entities(text) == ("Michael Hirsch", "Moscow")
    # Without that evidence a lone capitalized word is kept.
    assert extract_entities("Investors applauded.") == ("Investors",)


def test_span_limits_are_respected():
    text = "Moscow said. Washington answered. Kyiv waited."
    s = text.index("Washington")
    e = text.index(" Kyiv")
    assert extract_entities(text, s, e) == ("Washington",)
    assert extract_entities(text, 5, 5) == ()
    assert extract_entities(text, 10, 3) == ()
    assert extract_entities(text, -5, 10_000) == ("Moscow", "Washington", "Kyiv")


def test_order_is_first_mention_and_duplicates_fold():
    text = "The U.S. and Russia met; the US and the United States of America again; RUSSIA too."
    assert extract_entities(text) == ("U.S.", "Russia", "United States of America")


@pytest.mark.parametrize(
    "names, key",
    [
        (("U.S.", "US", "U.S", "United States", "the United States", "USA", "United States of America"), "united states"),
        (("UK", "Britain", "United Kingdom", "U.K."), "united kingdom"),
        (("State Department", "Department of State", "the State Department"), "department of state"),
        (("Treasury Department", "Department of the Treasury"), "department of treasury"),
        (("Russia", "Russia’s", "Russia's", "RUSSIA", "Russian"), "russia"),
        (("Kremlin", "the Kremlin"), "kremlin"),
        (("NTIA", "National Telecommunications and Information Administration"),
         "national telecommunications and information administration"),
        (("Joe Biden", "joe  biden", "JOE BIDEN"), "joe biden"),
    ],
)
def test_normalize_entity_groups_aliases(names, key):
    assert {normalize_entity(n) for n in names} == {key}


def test_normalize_entity_keeps_different_things_apart():
    keys = {normalize_entity(n) for n in ("Russia", "Ukraine", "Joe Biden", "Biden", "US Treasury Department")}
    assert len(keys) == 5


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("AbcDe USRI.’'-&,;:“”\"()\nThe of and Mr")) | st.characters(),
        max_size=200,
    ),
    st.integers(-5, 220),
    st.integers(-5, 220),
)
def test_property_never_crashes_and_every_name_is_in_the_span(text, a, b):
    names = extract_entities(text, a, b)
    start, end = max(0, a), min(len(text), b)
    span = text[start:end] if start < end else ""
    assert len(set(names)) == len(names)
    for name in names:
        assert name and name in span
        assert name == name.strip()


def test_a_long_text_reads_the_same_in_every_copy():
    """200 copies of the seed article (about 1 MB): each copy's sentences
    give the names the first copy's give, wherever they stand (how fast:
    ``make bench``)."""
    one = seed_text().strip() + "\n\n"
    text = one * 200
    first = [extract_entities(one, s, e) for s, e in split_sentences(one)]
    spans = split_sentences(text)
    assert len(spans) == 200 * len(first)
    for k, (s, e) in enumerate(spans):
        assert extract_entities(text, s, e) == first[k % len(first)]
