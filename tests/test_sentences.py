"""Sentence and clause splitting (timeline/sentences.py) on real news text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.sentences import split_clauses, split_sentences

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "article.txt"
# The same text as content/ holds it (tests/test_articles.py checks they are
# identical), so the seed tests also run in a fresh clone without ../shared.
SEED_MD = Path(__file__).resolve().parents[1] / "content" / "biden-russia-sanctions.md"
TIMEML = SHARED / "benchmarks" / "timeml"
needs_timeml = pytest.mark.skipif(not TIMEML.is_dir(), reason=f"TimeML benchmarks not found at {TIMEML} (../shared is absent in a fresh clone)")


def sentences(text: str, **kw) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, **kw)]


def seed_text() -> str:
    if SEED.is_file():
        return SEED.read_text(encoding="utf-8")
    return SEED_MD.read_text(encoding="utf-8").split("---\n", 2)[2]


def timeml_text(name: str) -> str:
    """The TEXT of a TimeML file with its tags removed."""
    raw = (TIMEML / name).read_text(encoding="utf-8")
    return re.sub(r"<[^>]+>", "", re.search(r"<TEXT>(.*)</TEXT>", raw, re.S).group(1))


# ---------------------------------------------------------------------------
# The user's article
# ---------------------------------------------------------------------------


def test_seed_article_splits_into_its_13_sentences():
    text = seed_text()
    spans = split_sentences(text)
    got = [text[s:e] for s, e in spans]
    assert len(got) == 13
    assert got[0] == (
        "US President Joe Biden on Thursday commented on the sweeping sanctions "
        "his administration imposed on Russia."
    )
    # A two-sentence quotation stays with its attribution.
    assert got[1].startswith("“If Russia continues")
    assert got[1].endswith("Biden said from the White House, according to CNBC.")
    # The closing quote after the period belongs to the sentence.
    assert got[2].endswith("conflict with Russia.”")
    assert got[5] == (
        "In addition, the State Department announced the expulsion of 10 officials "
        "from the Russian Embassy in Washington."
    )
    assert got[7].endswith("Information Administration (NTIA).")
    assert got[-1] == (
        "The Kremlin also blamed the United States for weakening the diplomatic "
        "relations between Washington and Moscow."
    )
    # Each sentence is one paragraph of the article.
    assert got == [p for p in text.split("\n\n")]


def test_seed_quotation_splits_when_asked():
    text = seed_text()
    got = sentences(text, keep_quotes=False)
    assert len(got) == 14
    assert got[1] == "“If Russia continues to interfere with our democracy, I’m prepared to take further actions to respond."
    assert got[2].startswith("It is my responsibility as president")


# ---------------------------------------------------------------------------
# Abbreviations, numbers, quotes
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Officials in the U.S. and Canada agreed. Talks resume today.",
         ["Officials in the U.S. and Canada agreed.", "Talks resume today."]),
        ("The sanctions hit the U.S. Treasury hard. Nobody expected it.",
         ["The sanctions hit the U.S. Treasury hard.", "Nobody expected it."]),
        ("Moscow blamed the U.S. The Kremlin said so.",
         ["Moscow blamed the U.S.", "The Kremlin said so."]),
        ("Mr. Biden met Dr. Smith and Sen. Jones. They talked.",
         ["Mr. Biden met Dr. Smith and Sen. Jones.", "They talked."]),
        ("Apple Inc. said sales rose. Microsoft Corp. said nothing.",
         ["Apple Inc. said sales rose.", "Microsoft Corp. said nothing."]),
        ("The deal closed with Acme Corp. The shares rose.",
         ["The deal closed with Acme Corp.", "The shares rose."]),
        ("The vote is on Dec. 15 in Washington. It may slip.",
         ["The vote is on Dec. 15 in Washington.", "It may slip."]),
        ("He arrived Jan. 5 at 10 a.m. Thursday and left at 5 p.m. He was tired.",
         ["He arrived Jan. 5 at 10 a.m. Thursday and left at 5 p.m.", "He was tired."]),
        ("It ranked No. 1 in the poll. Critics disagreed.",
         ["It ranked No. 1 in the poll.", "Critics disagreed."]),
        ("J. R. R. Tolkien and George W. Bush never met. Few noticed.",
         ["J. R. R. Tolkien and George W. Bush never met.", "Few noticed."]),
        ("Inflation rose 3.5% in March. Rates were cut to 0.25 percent.",
         ["Inflation rose 3.5% in March.", "Rates were cut to 0.25 percent."]),
        ("The meeting starts at 10.30 and ends at noon. Lunch follows.",
         ["The meeting starts at 10.30 and ends at noon.", "Lunch follows."]),
        ("Sales fell (see the table.) Prices rose.",
         ["Sales fell (see the table.)", "Prices rose."]),
        ('"We are done," he said. "It is over."',
         ['"We are done," he said.', '"It is over."']),
        ('He called it "a blow." Moscow agreed.',
         ['He called it "a blow."', "Moscow agreed."]),
        ("“Why?” he asked. “Because.”",
         ["“Why?” he asked.", "“Because.”"]),
        ("Is it over? Nobody knows! Wait and see.",
         ["Is it over?", "Nobody knows!", "Wait and see."]),
        ("He paused... Then he left. She said “wait …” and stayed.",
         ["He paused...", "Then he left.", "She said “wait …” and stayed."]),
        ("Details are at https://example.com/news/a.b.html. Read them.",
         ["Details are at https://example.com/news/a.b.html.", "Read them."]),
        ("The report is online at www.example.org. A summary follows.",
         ["The report is online at www.example.org.", "A summary follows."]),
        ("It was a 2-1 vote, i.e. a narrow win. It passed.",
         ["It was a 2-1 vote, i.e. a narrow win.", "It passed."]),
        ("He lived in Buffalo, N.Y. Slepian was killed there.",
         ["He lived in Buffalo, N.Y.", "Slepian was killed there."]),
        ("He lived in Buffalo, N.Y., for years.", ["He lived in Buffalo, N.Y., for years."]),
        ("They met in 2020. 32 people attended.", ["They met in 2020.", "32 people attended."]),
        ("A result, etc. and more.", ["A result, etc. and more."]),
    ],
)
def test_news_sentences(text, expected):
    assert sentences(text) == expected


def test_quotation_with_two_sentences_stays_with_its_attribution():
    text = "“We acted. We had to,” he said. Then he left."
    assert sentences(text) == ["“We acted. We had to,” he said.", "Then he left."]
    assert sentences(text, keep_quotes=False) == ["“We acted.", "We had to,” he said.", "Then he left."]


def test_unclosed_quotation_does_not_swallow_the_paragraph():
    text = "“We acted. We had to. This paragraph's quote goes on"
    assert len(sentences(text)) == 3


def test_latex_style_quotes_of_timeml_text():
    text = "``We won. We are happy,'' he said. Then he left."
    assert sentences(text) == ["``We won. We are happy,'' he said.", "Then he left."]


# ---------------------------------------------------------------------------
# Paragraphs and Markdown
# ---------------------------------------------------------------------------


def test_blank_line_always_ends_a_sentence():
    text = "The headline without a period\n\nThe body starts here and\n   \nends here"
    assert sentences(text) == ["The headline without a period", "The body starts here and", "ends here"]


def test_single_line_break_does_not():
    text = "A hard-wrapped sentence goes\non to the next line. And stops."
    assert sentences(text) == ["A hard-wrapped sentence goes\non to the next line.", "And stops."]


def test_markdown_headings_lists_quotes_and_rules():
    text = (
        "# Sanctions on Russia #\n\n"
        "Intro text here. More text.\n"
        "## What happened\n"
        "- Washington expelled diplomats\n"
        "- Moscow vowed to retaliate. It said so\n"
        "  on Thursday.\n"
        "1. First point\n"
        "2) Second point\n\n"
        "> A quoted line. Another\n"
        "> quoted line.\n\n"
        "***\n\n"
        "Setext title\n"
        "============\n"
        "Last line."
    )
    assert sentences(text) == [
        "Sanctions on Russia",
        "Intro text here.",
        "More text.",
        "What happened",
        "Washington expelled diplomats",
        "Moscow vowed to retaliate.",
        "It said so\n  on Thursday.",
        "First point",
        "Second point",
        "A quoted line.",
        "Another\n> quoted line.",
        "Setext title",
        "Last line.",
    ]


def test_crlf_text():
    text = "One sentence goes\r\non here.\r\n\r\nTwo. Three.\r\n"
    assert sentences(text) == ["One sentence goes\r\non here.", "Two.", "Three."]


@pytest.mark.parametrize("text", ["", "   \n\n  ", "***", "...", "\n- \n# \n"])
def test_no_sentences_in_text_without_words(text):
    assert split_sentences(text) == []


# ---------------------------------------------------------------------------
# TimeBank / AQUAINT news (TempEval-3 release)
# ---------------------------------------------------------------------------


@needs_timeml
@pytest.mark.parametrize(
    "name, sentence",
    [
        ("timebank/wsj_0006.tml",
         "Pacific First Financial Corp. said shareholders approved its acquisition by Royal "
         "Trustco Ltd. of Toronto for $27 a share, or $212 million."),
        ("timebank/WSJ910225-0066.tml",
         "But even continued military success carries political and diplomatic risks for "
         "President Bush and the U.S."),
        ("timebank/WSJ910225-0066.tml",
         "The allied rejection of the last-minute Soviet-led diplomatic effort to avoid the ground "
         "war enabled Mr. Bush to seize the initiative from an Iraq seemingly bent on dictating "
         "peace terms."),
        ("aquaint/APW19990206.0090.tml",
         "Three times, doctors whose names appeared on the list were killed, most recently last "
         "October when Dr. Barnett Slepian was gunned down by sniper fire in his home outside "
         "Buffalo, N.Y."),
        ("aquaint/APW19990506.0155.tml",
         "Federal and state arrest warrants were issued for James C. Kopp, 44, of St. Albans, Vt."),
        ("aquaint/APW19990506.0155.tml",
         "Investigators have been searching for Kopp since shortly after the Oct. 23 slaying."),
        ("aquaint/APW19980808.0022.tml",
         "``This appears to have been a very well-coordinated, very well-planned attack _ clearly "
         "not the work of amateurs,'' U.S. National Security Council spokesman P.J. Crowley said "
         "in Washington."),
        ("aquaint/APW19980808.0022.tml",
         "The blast in Nairobi occurred at about 10:35 a.m. (0735 GMT) Friday, toppling a crowded "
         "building toward the embassy and a street packed with cars, trucks and buses."),
        ("aquaint/APW20000107.0318.tml",
         "A 1996 law named for him and Sen. Jesse Helms, R-N.C., strengthened the 1959 trade "
         "embargo against Cuba."),
    ],
)
def test_timeml_news_sentences_with_abbreviations(name, sentence):
    assert sentence in sentences(timeml_text(name))


@needs_timeml
def test_timeml_corpus_invariants():
    files = sorted(TIMEML.glob("*/*.tml"))
    assert files
    for path in files:
        text = timeml_text(path.relative_to(TIMEML).as_posix())
        spans = split_sentences(text)
        check_invariants(text, spans)
        for s, e in spans:
            if not text[e:].strip() or re.match(r"[ \t]*\n[ \t]*\n", text[e:]):
                continue  # the paragraph ends here ("... to oppose Hun Sen.")
            # Never split right after a title abbreviation.
            assert not re.search(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Gen)\.$", text[s:e]), (path.name, text[s:e])


# ---------------------------------------------------------------------------
# Properties and speed
# ---------------------------------------------------------------------------


def check_invariants(text, spans):
    prev_end = 0
    for s, e in spans:
        assert prev_end <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        assert re.search(r"\w", text[s:e])
        assert not re.search(r"\n[ \t\r\f\v]*\n", text[s:e]), "a sentence crosses a blank line"
        prev_end = e


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ .!?…\"'“”‘’()#->*_\n\t\r1U.S:;,")) | st.characters(), max_size=300))
def test_property_spans_are_ordered_trimmed_and_inside_the_text(text):
    check_invariants(text, split_sentences(text))
    check_invariants(text, split_sentences(text, keep_quotes=False))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.integers(0, 300), st.integers(0, 300))
def test_property_clauses_lie_inside_the_span(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    prev = start
    for s, e in split_clauses(text, start, end):
        assert prev <= s < e <= end
        assert not text[s].isspace() and not text[e - 1].isspace()
        prev = e


@pytest.mark.parametrize(
    "text",
    [
        "." * 1_000_000,
        "“" * 500_000 + "”" * 500_000,
        "a. " * 300_000,
        "U.S. " * 200_000,
        " " * 1_000_000 + "x.",
        "\n" * 500_000 + "x",
        "# " + "#" * 100_000 + " " * 100_000 + "x",
        "- " * 300_000,
        "\n \n".join(["Word."] * 100_000),
    ],
    ids=["dots", "quotes", "short-words", "acronyms", "spaces", "newlines", "heading", "dashes", "paragraphs"],
)
def test_adversarial_input_keeps_the_invariants(text):
    """(How fast: ``make bench`` times the splitter on these and on 3 MB of news.)"""
    check_invariants(text, split_sentences(text))


# ---------------------------------------------------------------------------
# Clauses
# ---------------------------------------------------------------------------


def clauses(text: str, start: int = 0, end: int | None = None) -> list[str]:
    return [text[s:e] for s, e in split_clauses(text, start, end)]


def test_seed_clause_candidates():
    text = seed_text()
    spans = split_sentences(text)
    s, e = spans[2]
    assert clauses(text, s, e) == [
        "“I was clear with President Putin that we could have gone further",
        "but I chose not to do so, I chose to be proportionate,” Biden said of the measures",
        "adding that he did not want to “kick off a cycle of escalation and conflict with Russia.”",
    ]
    s, e = spans[-2]
    # "and vowed" has no comma: one clause.
    assert clauses(text, s, e) == [text[s:e]]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Prices rose; wages fell.", ["Prices rose", "wages fell."]),
        ("Moscow vowed retaliation after the US imposed sanctions.",
         ["Moscow vowed retaliation", "after the US imposed sanctions."]),
        ("The talks began in May, and they ended in June.", ["The talks began in May", "and they ended in June."]),
        ("The ministry, which was founded in 1990, closed.", ["The ministry", "which was founded in 1990, closed."]),
        ("Individuals and entities were named.", ["Individuals and entities were named."]),
        ("After the vote, he left.", ["After the vote, he left."]),
    ],
)
def test_clause_candidates(text, expected):
    assert clauses(text) == expected


def test_clause_offsets_are_absolute():
    text = "Intro. Prices rose; wages fell. Outro."
    s = text.index("Prices")
    e = text.index(" Outro")
    assert split_clauses(text, s, e) == [(s, s + len("Prices rose")), (text.index("wages"), e)]
