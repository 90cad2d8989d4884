"""Hand-built ``Site`` objects for testing the renderers without the pipeline.

``seed_site()`` is the user's example (DESIGN.md, "The user's own example"):
the seed article, published Thursday 2021-04-15, with the timexes and events
the pipeline is expected to find, at real offsets into the real text
(computed with ``str.find``). ``hostile_site()`` is an article whose title,
body, url, outlet, tags and entities try to inject markup.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from timeline.model import (
    DATE, Article, Document, Entry, Event, Site, Source, Timeline, Timex, Warning, When,
)

SEED_TEXT = (Path(__file__).parent / "data" / "seed_article.txt").read_text(encoding="utf-8")
DCT = dt.date(2021, 4, 15)
D = dt.date


def find(text: str, phrase: str, occurrence: int = 1, after: int = 0) -> tuple[int, int]:
    """Offsets of the ``occurrence``-th ``phrase`` in ``text`` at or after ``after``."""
    start = after - 1
    for _ in range(occurrence):
        start = text.find(phrase, start + 1)
        assert start >= 0, f"{phrase!r} not found"
    return start, start + len(phrase)


def sentence_of(text: str, offset: int) -> tuple[int, int]:
    """The sentence around ``offset``: from the previous paragraph break or
    '. ' to the next full stop (good enough for the seed's one-sentence
    paragraphs and the quoted speech)."""
    start = text.rfind("\n\n", 0, offset)
    start = 0 if start < 0 else start + 2
    end = text.find(".\n", offset)
    end = len(text) if end < 0 else end + 1
    return start, end


def timex(text: str, phrase: str, value: str, first: D, last: D, precision: str, *,
          occurrence: int = 1, after: int = 0, mod: str | None = None, anchor: str = "dct",
          tense: str | None = "past") -> Timex:
    s, e = find(text, phrase, occurrence, after)
    return Timex(s, e, text[s:e], DATE, value, mod, precision, first, last, anchor, tense=tense)


def event(text: str, phrase: str, when: When, anchor: str, timex_index: int | None, *,
          derivation: str, planned: bool = False, entities: tuple[str, ...] = (),
          follows: int | None = None, after: int = 0) -> Event:
    s, e = find(text, phrase, after=after)
    return Event(s, e, text[s:e], when, anchor, timex_index, planned=planned,
                 entities=entities, sentence=sentence_of(text, s), follows=follows,
                 derivation=derivation)


def seed_article(path: str = "content/us-russia/biden-sanctions-russia.md", body: str = SEED_TEXT) -> Article:
    return Article(
        path=path, title="Biden defends sanctions on Russia, proposes summit with Putin", dct=DCT,
        body=body, source="Example News", url="https://example.org/news/biden-sanctions-russia",
        author="A. Reporter", tags=("russia", "sanctions"), topic=path.split("/", 1)[1].rpartition("/")[0],
    )


def seed_document(article: Article | None = None) -> Document:
    """The seed article's timexes and events, in text order."""
    article = article or seed_article()
    t = article.body
    thursday = When("2021-04-15", D(2021, 4, 15), D(2021, 4, 15), "day")
    timexes = (
        timex(t, "Thursday", "2021-04-15", DCT, DCT, "day"),                                  # 0
        timex(t, "this summer", "2021-SU", D(2021, 6, 1), D(2021, 8, 31), "season",
              tense="future"),                                                                # 1
        timex(t, "Thursday", "2021-04-15", DCT, DCT, "day", occurrence=2),                    # 2
        timex(t, "2020", "2020", D(2020, 1, 1), D(2020, 12, 31), "year", anchor="absolute"),  # 3
        timex(t, "last month", "2021-03", D(2021, 3, 1), D(2021, 3, 31), "month"),            # 4
        timex(t, "2020", "2020", D(2020, 1, 1), D(2020, 12, 31), "year", occurrence=2,
              anchor="absolute"),                                                             # 5
        timex(t, "mid-December", "2020-12", D(2020, 12, 11), D(2020, 12, 20), "month",
              mod="MID"),                                                                     # 6
        timex(t, "Thursday", "2021-04-15", DCT, DCT, "day", occurrence=3),                    # 7
    )
    published = "an article published Thu 15 Apr 2021"
    events = (
        event(t, "US President Joe Biden on Thursday commented on the sweeping sanctions his "
                 "administration imposed on Russia", thursday, "explicit", 0,
              derivation=f"'Thursday' in {published} → 15 Apr 2021",
              entities=("Joe Biden", "Russia")),                                              # 0
        event(t, "he proposed in a phone call with Putin that the two meet in person this "
                 "summer in Europe", When("2021-SU", D(2021, 6, 1), D(2021, 8, 31), "season"),
              "explicit", 1, planned=True,
              derivation=f"'this summer' (future: 'proposed … meet') in {published} → summer 2021",
              entities=("Joe Biden", "Vladimir Putin", "Europe")),                            # 1
        event(t, "the Biden administration unleashed several sanctions that named 32 Russian "
                 "individuals and entities", thursday, "explicit", 2,
              derivation=f"'Earlier on Thursday' in {published} → 15 Apr 2021",
              entities=("Biden administration", "Russia")),                                   # 2
        event(t, "attempting to influence the 2020 US presidential election",
              When("2020", D(2020, 1, 1), D(2020, 12, 31), "year"), "explicit", 3,
              derivation="'the 2020 US presidential election' → 2020",
              entities=("United States",)),                                                   # 3
        event(t, "the State Department announced the expulsion of 10 officials from the Russian "
                 "Embassy in Washington", thursday, "inherited", None,
              derivation="'In addition,' continues the previous sentence's date → 15 Apr 2021",
              entities=("State Department", "Russian Embassy", "Washington")),                # 4
        event(t, "The US intelligence community said in a landmark report",
              When("2021-03", D(2021, 3, 1), D(2021, 3, 31), "month"), "explicit", 4,
              derivation=f"'last month' in {published} → March 2021",
              entities=("US intelligence community",)),                                       # 5
        event(t, "the Russian government meddled in the 2020 election",
              When("2020", D(2020, 1, 1), D(2020, 12, 31), "year"), "explicit", 5,
              derivation="'the 2020 election' → 2020",
              entities=("Russian government", "Joe Biden", "Donald Trump")),                  # 6
        event(t, "a group of hackers backed by a “foreign government” stole information from the "
                 "US Treasury Department",
              When("2020-12", D(2020, 12, 11), D(2020, 12, 20), "month", "MID"), "explicit", 6,
              derivation=f"'mid-December' (past tense) in {published} → the last December "
                         "before it, middle third: 11–20 Dec 2020",
              entities=("US Treasury Department", "NTIA")),                                   # 7
        event(t, "it was revealed that the attack also targeted the US Department of Homeland "
                 "Security", When(None, D(2020, 12, 11), None, None), "relative", None,
              follows=7, derivation="'Subsequently': after the previous event (mid-December 2020)",
              entities=("US Department of Homeland Security",)),                              # 8
        event(t, "US intelligence later said that Russia was likely behind those hacking attacks",
              When(None, D(2020, 12, 11), None, None), "relative", None, follows=8,
              derivation="'later': after the previous event", entities=("Russia",)),          # 9
        event(t, "Moscow described Biden’s moves on Thursday as a blow to bilateral relations",
              thursday, "explicit", 7, derivation=f"'on Thursday' in {published} → 15 Apr 2021",
              entities=("Moscow", "Joe Biden")),                                              # 10
    )
    return Document(article, timexes, events)


#: The seed's timeline, oldest first: (entry id, event indexes in the document).
SEED_ORDER = (
    ("2020-us-presidential-election", (3, 6)),
    ("2020-12-hackers-treasury", (7,)),
    ("homeland-security-targeted", (8,)),
    ("russia-behind-hacks", (9,)),
    ("2021-03-intelligence-report", (5,)),
    ("2021-04-15-biden-comments", (0,)),
    ("2021-04-15-sanctions", (2,)),
    ("2021-04-15-embassy-expulsions", (4,)),
    ("2021-04-15-moscow-retaliation", (10,)),
    ("2021-su-summit-proposed", (1,)),
)


def entries_for(doc: Document, order=SEED_ORDER) -> tuple[Entry, ...]:
    out = []
    for entry_id, indexes in order:
        events = [doc.events[i] for i in indexes]
        first = events[0]
        out.append(Entry(
            id=entry_id, when=first.when, text=first.text, anchor=first.anchor,
            planned=first.planned, sources=tuple(Source(doc.article, e) for e in events),
            entities=tuple(sorted({n for e in events for n in e.entities})),
        ))
    return tuple(out)


def seed_site(warnings: tuple[Warning, ...] = ()) -> Site:
    """The seed article as the pipeline should give it: a top-level timeline
    with every entry and the ``us-russia`` topic's (the same entries)."""
    doc = seed_document()
    entries = entries_for(doc)
    return Site(
        timelines=(
            Timeline("", "Timeline", entries, (doc,)),
            Timeline("us-russia", "Us russia", entries, (doc,)),
        ),
        warnings=warnings,
    )


PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def hostile_site() -> Site:
    """An article whose every field tries to inject markup or script."""
    body = (f"On 3 March 2021 {PAYLOAD} happened. <b>bold</b> [link](javascript:alert(1)) "
            "*emph* `code` {{ jinja }} {% raw %} --- &amp; & \"quotes\" 'single'.\n")
    article = Article(
        path="content/evil/<script>.md", title=f"Title {PAYLOAD} & </title>",
        dct=DCT, body=body, source=f"Outlet {PAYLOAD}", url="javascript:alert(1)",
        author=PAYLOAD, tags=(PAYLOAD, "ok tag"), topic="evil",
    )
    s, e = find(body, "3 March 2021")
    tx = Timex(s, e, body[s:e], DATE, '2021-03-03"><script>', None, "day",
               D(2021, 3, 3), D(2021, 3, 3), "absolute")
    when = When("2021-03-03", D(2021, 3, 3), D(2021, 3, 3), "day")
    ev = Event(s, len(body) - 1, body[s:-1], when, "explicit", 0, entities=(PAYLOAD,),
               sentence=(0, len(body) - 1), derivation=f"derived {PAYLOAD}")
    doc = Document(article, (tx,), (ev,))
    entry = Entry(id='evil"><script>', when=when, text=ev.text, anchor="explicit",
                  planned=False, sources=(Source(article, ev),), entities=(PAYLOAD,),
                  conflicts=(When(PAYLOAD, None, None, None),))
    tl = Timeline("evil", f"Evil {PAYLOAD}", (entry,), (doc,))
    return Site(timelines=(tl,), warnings=(Warning(f"evil/{PAYLOAD}.md", f"bad {PAYLOAD}"),))


def conflict_site() -> Site:
    """Two articles that date the same happening differently."""
    a = Article("content/a.md", "First report", D(2021, 4, 15), "The summit was held on 1 March 2021.\n",
                source="Outlet A", url="https://a.example/1")
    b = Article("content/b.md", "Second report", D(2021, 4, 16), "The summit took place in February.\n",
                source="Outlet B", url="http://b.example/2")
    wa = When("2021-03-01", D(2021, 3, 1), D(2021, 3, 1), "day")
    wb = When("2021-02", D(2021, 2, 1), D(2021, 2, 28), "month")
    ea = Event(4, 35, a.body[4:35], wa, "explicit", 0, sentence=(0, 36), entities=("summit",))
    eb = Event(4, 33, b.body[4:33], wb, "explicit", 0, sentence=(0, 34), entities=("summit",))
    ta = Timex(*find(a.body, "1 March 2021"), "1 March 2021", DATE, "2021-03-01", None, "day",
               D(2021, 3, 1), D(2021, 3, 1), "absolute")
    tb = Timex(*find(b.body, "February"), "February", DATE, "2021-02", None, "month",
               D(2021, 2, 1), D(2021, 2, 28), "dct")
    entry = Entry("summit", wa, ea.text, "explicit", False,
                  (Source(a, ea), Source(b, eb)), ("summit",), conflicts=(wb,))
    docs = (Document(a, (ta,), (ea,)), Document(b, (tb,), (eb,)))
    return Site((Timeline("", "Timeline", (entry,), docs),))


def install_fake_pipeline(monkeypatch, site) -> list:
    """Make ``timeline.pipeline.build`` return ``site`` (a Site or a callable
    taking the content folder), so faces can be tested without the engine.
    Returns the list of content folders it was called with."""
    import sys
    import types

    import timeline

    calls: list = []

    def build(content_dir, *, cache_dir=None, progress=None, follow_links=False, state=None, jobs=None, events=None,
              freeze=False):
        calls.append(Path(content_dir))
        result = site(Path(content_dir)) if callable(site) else site
        docs = sorted({d.article.path for t in result.timelines for d in t.documents})
        for i, path in enumerate(docs, 1):
            if progress:
                progress(i, len(docs), path)
        return result

    module = types.ModuleType("timeline.pipeline")
    module.build = build
    monkeypatch.setitem(sys.modules, "timeline.pipeline", module)
    monkeypatch.setattr(timeline, "pipeline", module, raising=False)
    return calls


def many_site(n: int = 140) -> Site:
    """``n`` one-event articles, a fortnight apart from January 2015 on: a
    timeline of several years, more entries than its summary page shows."""
    from timeline.pipeline import site

    docs = []
    for i in range(n):
        day = D(2015, 1, 1) + dt.timedelta(days=14 * i)
        date = f"{day.day} {day:%B} {day.year}"
        body = f"On {date} the council of Town{i} approved budget number {i} for the harbour{i} works.\n"
        article = Article(f"content/council-{i:03d}.md", f"Council of Town{i} approves budget {i}",
                          day + dt.timedelta(days=1), body, source="Gazette", tags=("council",))
        s, e = find(body, date)
        tx = Timex(s, e, date, DATE, day.isoformat(), None, "day", day, day, "absolute")
        ev = Event(0, len(body) - 2, body[:-2], When(day.isoformat(), day, day, "day"), "explicit", 0,
                   entities=(f"Town{i}",), sentence=(0, len(body) - 1), derivation=f"'{date}' → {day.isoformat()}")
        docs.append(Document(article, (tx,), (ev,)))
    return site(docs)


# --------------------------------------------------------------------------- real news text

#: The TimeML corpora of ../shared/benchmarks (absent in a bare clone).
TIMEML = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "timeml"
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def timeml_documents(per_folder: int) -> list:
    """The first ``per_folder`` dated documents of TimeBank and of AQUAINT
    (the calling test is skipped, with the reason, when the corpora are absent)."""
    import pytest

    from timeline import timeml

    if not TIMEML.is_dir():
        pytest.skip(f"no benchmark folder at {TIMEML} (a bare clone): the test needs real news text")
    docs = [timeml.read_timeml(p) for folder in ("timebank", "aquaint")
            for p in sorted((TIMEML / folder).glob("*.tml"))[:per_folder]]
    return [d for d in docs if d.dct is not None]


def republished(doc, copy: int) -> Article:
    """The article ``copy`` years later: its date and the years it names shifted."""
    body = _YEAR.sub(lambda m: str(int(m.group()) + copy), doc.text.strip()) + "\n"
    dct = doc.dct.replace(year=doc.dct.year + copy, day=min(doc.dct.day, 28))
    return Article(path=f"content/{doc.name}-{copy}.md", title=" ".join(body.split()[:8]), dct=dct, body=body)
