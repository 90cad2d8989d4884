"""A timeline of any size in pages a browser opens (timeline/paginate.py, render.py)."""

from __future__ import annotations

import dataclasses
import re

from site_fixtures import many_site, seed_document
from timeline.merge import alias_ids
from timeline.paginate import LATEST, bucket, paginate, size
from timeline.pipeline import site as site_of
from timeline.render import render_site


def test_one_page_per_year_and_per_month_for_a_crowded_year():
    entries = many_site(140).entries
    periods = paginate(entries)
    assert [p.path for p in periods] == ["2015", "2016", "2017", "2018", "2019", "2020"]
    assert [e for p in periods for e in p.entries] == list(entries)
    per_year = sum(size(e) for e in entries if e.when.start.year == 2016)
    crowded = paginate(entries, budget=per_year // 3)
    assert [p.path for p in crowded if p.year == "2016"][:3] == ["2016/01", "2016/02", "2016/03"]
    assert [e for p in crowded for e in p.entries] == list(entries)
    tiny = paginate(entries, budget=1)  # a month over the budget: numbered parts, one entry each
    january = sum(e.when.start.year == 2016 and e.when.start.month == 1 for e in entries)
    assert [p.path for p in tiny if p.path.startswith("2016/01")] == \
        ["2016/01"] + [f"2016/01-{k}" for k in range(2, january + 1)]
    assert all(len(p.entries) == 1 for p in tiny)


def test_summary_page_shows_the_latest_entries_and_the_year_index():
    site = many_site(140)
    pages = render_site(site)
    index = pages["index.md"]
    assert index.count('class="tl-entry') == LATEST
    assert f"The latest {LATEST} events" in index
    assert re.findall(r'<li><a href="(\d+)/">\1</a>', index) == ["2015", "2016", "2017", "2018", "2019", "2020"]
    assert pages["2016.md"].count('class="tl-entry') == sum(e.when.start.year == 2016 for e in site.entries)
    # the summary repeats entries: it stays out of the search index, the year pages are in it
    assert "search:\n  exclude: true" in index and "exclude" not in pages["2016.md"].split("---")[1]


def test_every_entry_id_is_in_the_permalink_map_with_its_page():
    site = many_site(140)
    pages = render_site(site)
    import json

    maps = {k: json.loads(v) for k, v in pages.items() if k.startswith("ids/")}
    for e in site.entries:
        page = f"{e.when.start.year}/"
        assert maps[f"ids/{bucket(e.id, len(maps))}.json"][e.id] == page
        assert f'id="{e.id}"' in pages[f"{e.when.start.year}.md"]


def test_the_bucket_hash_is_fnv1a_over_utf16_code_units():
    # the same numbers timeline.js computes (Math.imul over charCodeAt)
    assert bucket("", 1 << 32) == 0x811C9DC5
    assert bucket("a", 1 << 32) == 0xE40C292C
    assert bucket("é😀", 64) == bucket("é😀", 1 << 32) % 64

    def by_units(text: str) -> int:  # the definition, unit by unit
        data, h = text.encode("utf-16-le"), 0x811C9DC5
        for i in range(0, len(data), 2):
            h = ((h ^ (data[i] | data[i + 1] << 8)) * 0x01000193) & 0xFFFFFFFF
        return h
    for text in ("2020-12-17-sanctions", "é😀", "a" * 40, "mixed é id"):
        assert bucket(text, 1 << 32) == by_units(text)


def test_the_same_happening_in_two_topic_folders_is_one_entry_and_topics_count_their_own_articles():
    doc = seed_document()
    other = dataclasses.replace(doc.article, path="content/world/biden.md", topic="world", source="Other News")
    alone = site_of([doc]).entries
    site = site_of([doc, dataclasses.replace(doc, article=other)])
    assert len(site.entries) == len(alone)
    assert all({s.article.topic for s in e.sources} == {"us-russia", "world"} for e in site.entries)
    assert [e.id for e in site.entries] == [e.id for e in alone]  # ids as the first folder gave them
    topics = {t.topic: t for t in site.timelines}
    assert set(topics) == {"us-russia", "world"}
    assert all(t.entries == site.entries and len(t.documents) == 1 for t in topics.values())
    pages = render_site(site)
    n = len(alone)
    assert f"{n} events from 2 articles" in pages["index.md"]
    assert f"{n} events from 1 article," in pages["topics/world.md"]
    # the ids each folder's own timeline gave the happening still find it
    entry = site.entries[0]
    aliases = alias_ids(entry)
    assert len(aliases) == 1 and aliases[0] != entry.id
    assert any(aliases[0] in v for k, v in pages.items() if k.startswith("ids/"))
