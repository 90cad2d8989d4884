"""Pages of the timeline site from hand-built Sites (timeline/render.py, templates/)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import yaml

from site_fixtures import SEED_ORDER, conflict_site, hostile_site, seed_site
from timeline.model import Site, Timeline
from timeline.render import all_entries, link, plain_title, render_site, safe_url

ARTICLE = "articles/us-russia-biden-sanctions-russia.md"


@pytest.fixture(scope="module")
def seed_pages() -> dict[str, str]:
    return render_site(seed_site())


def front_matter(page: str) -> tuple[dict, str]:
    _, meta, body = page.split("---\n", 2)
    return yaml.safe_load(meta), body


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text outside tags."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def find(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def with_class(self, cls: str) -> list[tuple[str, dict]]:
        return [(t, a) for t, a in self.tags if cls in (a.get("class") or "").split()]


def test_site_has_timeline_topic_article_index_and_warnings_pages(seed_pages):
    assert {"index.md", "topics/us-russia.md", "topics/index.md", ARTICLE, "articles/index.md",
            "warnings.md", "assets/timeline.css", "assets/timeline.js"} <= set(seed_pages)


def test_pages_are_markdown_with_a_title_and_one_html_block(seed_pages):
    for path, page in seed_pages.items():
        if not path.endswith(".md"):
            continue
        meta, body = front_matter(page)
        assert meta["title"], path
        blocks = [b for b in re.split(r"\n\s*\n", body.strip()) if b.strip()]
        assert len(blocks) == 1 and blocks[0].startswith("<div class=\"tl"), path


def test_timeline_lists_the_seed_events_oldest_first(seed_pages):
    ids = [a["id"] for _, a in Tags(seed_pages["index.md"]).with_class("tl-entry")]
    assert ids == [entry_id for entry_id, _ in SEED_ORDER]


def test_timeline_groups_by_year_then_month_or_period(seed_pages):
    html = seed_pages["index.md"]
    years = re.findall(r'<h2 class="tl-year-label" id="y-\d+">([^<]+)</h2>', html)
    groups = re.findall(r'<h3 class="tl-group-label" id="g-[a-z0-9-]+">([^<]+)</h3>', html)
    assert years == ["2020", "2021"]
    assert groups == ["Sometime in 2020", "December 2020", "March 2021", "April 2021", "Summer 2021"]


def test_entries_show_labels_as_precise_as_the_text(seed_pages):
    labels = re.findall(r'<div class="tl-when">(?:<time class="tl-date"[^>]*>|<span class="tl-date">)([^<]+)<',
                        seed_pages["index.md"])
    assert labels == [
        "2020", "mid-December 2020", "after mid-December 2020", "after mid-December 2020", "March 2021",
        "Thursday 15 April 2021", "Thursday 15 April 2021", "Thursday 15 April 2021", "Thursday 15 April 2021",
        "summer 2021 (planned)",
    ]


def test_entries_use_time_elements_with_machine_readable_dates(seed_pages):
    datetimes = [a["datetime"] for a in Tags(seed_pages["index.md"]).find("time", **{"class": "tl-date"})]
    assert datetimes == ["2020", "2020-12", "2021-03"] + ["2021-04-15"] * 4 + ["2021"]


def test_badges_mark_inherited_relative_and_planned_entries(seed_pages):
    html = seed_pages["index.md"]
    for entry_id, badge in [("2021-04-15-embassy-expulsions", "inherited"),
                            ("homeland-security-targeted", "relative"),
                            ("russia-behind-hacks", "relative"),
                            ("2021-su-summit-proposed", "planned")]:
        li = html[html.index(f'id="{entry_id}"'):]
        li = li[:li.index("</li>\n</ol>") if "</li>\n</ol>" in li else None]
        assert f'tl-badge--{badge}"' in li.split('<div class="tl-card">')[0], entry_id
    first = html[html.index('id="2021-04-15-biden-comments"'):]
    assert "tl-badge" not in first.split('<div class="tl-card">')[0]


def test_every_source_links_to_its_sentence_on_the_article_page(seed_pages):
    article_ids = {a["id"] for _, a in Tags(seed_pages[ARTICLE]).tags if "id" in a}
    hrefs = [a["href"] for a in Tags(seed_pages["index.md"]).find("a", **{"class": "tl-source"})]
    assert len(hrefs) == len(SEED_ORDER)
    for href in hrefs:
        page, _, anchor = href.partition("#")
        assert page == "articles/us-russia-biden-sanctions-russia/"
        assert anchor in article_ids


def test_sentence_anchor_wraps_the_quoted_sentence(seed_pages):
    site = seed_site()
    doc = site.timelines[0].documents[0]
    ev = doc.events[7]  # mid-December
    s, e = ev.sentence
    page = seed_pages[ARTICLE]
    span = page[page.index(f'id="s{s}-{e}"'):]
    span = re.sub(r"<[^>]+>", "", span[span.index(">") + 1:span.index("</span>")])
    assert span == doc.article.body[s:e].replace("“", "“")


def test_topic_pages_link_back_with_the_right_depth(seed_pages):
    tags = Tags(seed_pages["topics/us-russia.md"])
    hrefs = [a["href"] for a in tags.find("a", **{"class": "tl-source"})]
    assert all(h.startswith("../../articles/us-russia-biden-sanctions-russia/#s") for h in hrefs)
    assert tags.find("a", href="../../")  # "All topics"


def test_every_entry_has_a_permalink_to_itself(seed_pages):
    tags = Tags(seed_pages["index.md"])
    for _, a in tags.with_class("tl-entry"):
        assert tags.find("a", href=f"#{a['id']}")


def test_derivation_is_on_demand_in_a_details_element(seed_pages):
    html = seed_pages["index.md"]
    assert html.count('<details class="tl-derivation"') == len(SEED_ORDER)
    assert "&#39;Thursday&#39; in an article published Thu 15 Apr 2021 → 15 Apr 2021" in html


def test_article_page_marks_every_time_expression_with_its_value(seed_pages):
    doc = seed_site().timelines[0].documents[0]
    marks = Tags(seed_pages[ARTICLE]).with_class("tl-timex")
    assert len(marks) == len(doc.timexes)
    for (tag, attrs), tx in zip(marks, doc.timexes):
        assert attrs["tabindex"] == "0"
        assert tx.value in attrs["data-tip"]
    text = "".join(Tags(seed_pages[ARTICLE].split('<div class="tl-body">')[1].split("</div>")[0]).text)
    assert text.replace("\n", "") == doc.article.body.replace("\n", "")


def test_article_page_lists_its_events_linked_to_sentence_and_timeline(seed_pages):
    tags = Tags(seed_pages[ARTICLE])
    assert len(tags.find("a", **{"class": "tl-sentence-link"})) == 11
    on_timeline = [a["href"] for a in tags.find("a", **{"class": "tl-on-timeline"})]
    assert "../../2021/#2021-su-summit-proposed" in on_timeline


def test_filter_controls_are_hidden_until_javascript_shows_them(seed_pages):
    html = seed_pages["index.md"]
    assert re.search(r'<form class="tl-controls"[^>]*\bhidden\b', html)
    assert 'data-terms="' in html and 'aria-pressed="false"' in html
    assert '<label for="tl-filter-input">' in html


def test_semantic_lists_for_years_groups_and_entries(seed_pages):
    html = seed_pages["index.md"]
    assert '<ol class="tl-years">' in html and '<ol class="tl-entries">' in html


def test_warnings_page_lists_files_that_failed():
    site = seed_site()
    from timeline.model import Warning
    pages = render_site(Site(site.timelines, (Warning("content/bad.md", "no 'date' in the front matter"),)))
    assert "<code>content/bad.md</code>: no &#39;date&#39; in the front matter" in pages["warnings.md"]
    assert "1 file could not be used" in pages["index.md"]


def test_conflicting_dates_are_shown_with_each_source():
    html = render_site(conflict_site())["index.md"]
    assert "tl-badge--conflict" in html
    note = html[html.index('class="tl-conflict"'):].split("</p>")[0]
    assert "First report (Outlet A) says" in note and "Monday 1 March 2021" in note
    assert "Second report (Outlet B) says" in note and "February 2021" in note


def test_hostile_content_renders_as_text_everywhere():
    pages = render_site(hostile_site())
    for path, page in pages.items():
        if path.endswith(".js"):
            continue
        assert "<script>" not in page and "<img" not in page, path
        assert "javascript:" not in re.findall(r'href="([^"]*)"', page), path
        tags = Tags(page)
        assert not [t for t, _ in tags.tags if t in ("script", "img", "b")], path
        for _, attrs in tags.tags:
            assert not any(k.startswith("on") for k in attrs), path
            for k in ("href", "src"):
                assert not (attrs.get(k) or "").lower().startswith(("javascript:", "data:")), path
    # the text is still there, as text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in pages["index.md"]


def test_hostile_title_is_safe_in_front_matter_for_themes_that_do_not_escape():
    pages = render_site(hostile_site())
    article = next(p for p in pages if p.startswith("articles/") and p != "articles/index.md")
    meta, body = front_matter(pages[article])
    assert not set("<>\"'") & set(meta["title"])
    assert "<h1>Title &lt;script&gt;" in body  # the page's own heading shows the exact title
    assert plain_title("a\x00b\nc <d>") == "a b c ‹d›"


@pytest.mark.parametrize(("url", "ok"), [
    ("https://example.org/a?b=c#d", True), ("http://x.y", True), ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False), ("data:text/html,x", False), ("//evil.example", False),
    ("/relative", False), ("https://exa mple.org", False), ("https:///nohost", False), (None, False),
    ("java\tscript:alert(1)", False),
])
def test_only_http_urls_become_links(url, ok):
    assert (safe_url(url) is not None) is ok
    assert safe_url(url) in (url, None)


@pytest.mark.parametrize(("src", "dst", "directory_urls", "expected"), [
    ("index.md", "articles/a.md", True, "articles/a/"),
    ("topics/t.md", "articles/a.md", True, "../../articles/a/"),
    ("articles/a.md", "index.md", True, "../../"),
    ("articles/index.md", "articles/a.md", True, "a/"),
    ("index.md", "timeline.json", True, "timeline.json"),
    ("articles/a.md", "assets/timeline.css", True, "../../assets/timeline.css"),
    ("index.md", "articles/a.md", False, "articles/a.html"),
    ("articles/a.md", "index.md", False, "../index.html"),
    ("topics/t.md", "articles/a.md", False, "../articles/a.html"),
])
def test_links_between_pages_follow_use_directory_urls(src, dst, directory_urls, expected):
    assert link(src, dst, directory_urls) == expected


def test_directory_urls_off_gives_html_links():
    html = render_site(seed_site(), directory_urls=False)["index.md"]
    assert 'href="articles/us-russia-biden-sanctions-russia.html#s' in html


def test_same_site_same_bytes():
    assert render_site(seed_site()) == render_site(seed_site())


def test_user_templates_override_the_defaults_file_by_file(tmp_path):
    (tmp_path / "warnings.md.j2").write_text("---\ntitle: \"Mine\"\n---\n\n<div class=\"tl\">custom</div>\n")
    pages = render_site(seed_site(), [tmp_path])
    assert "custom" in pages["warnings.md"]
    assert "tl-entry" in pages["index.md"]  # the other templates are still the defaults


def test_missing_user_template_folder_is_fine(tmp_path):
    assert render_site(seed_site(), [tmp_path / "nope"]) == render_site(seed_site())


def test_empty_site_renders_an_invitation_to_add_articles():
    pages = render_site(Site(()))
    assert "Add articles to the <code>content/</code> folder" in pages["index.md"]
    assert "No articles yet" in pages["articles/index.md"]


def test_all_entries_merges_topics_by_date_when_there_is_no_top_level_timeline():
    site = seed_site()
    entries = site.timelines[0].entries
    early, late = entries[:5], entries[5:]
    docs = site.timelines[0].documents
    split = Site((Timeline("b", "B", late, docs), Timeline("a", "A", early, docs)))
    assert [e.id for e in all_entries(split)] == [e.id for e in entries]


def test_undated_entries_are_grouped_apart():
    site = seed_site()
    e = site.timelines[0].entries[0]
    from dataclasses import replace

    from timeline.model import When
    undated = replace(e, id="undated", when=When(None, None, None, None), anchor="dct")
    html = render_site(Site((Timeline("", "T", (undated,), site.timelines[0].documents),)))["index.md"]
    assert '<h2 class="tl-year-label" id="y-date-unknown">Date unknown</h2>' in html


def test_filters_work_on_the_data_templates_get(tmp_path):
    (tmp_path / "warnings.md.j2").write_text(
        "---\ntitle: \"W\"\n---\n\n<div class=\"tl\">"
        "{{ {'value': '2020-12', 'mod': 'MID', 'start': '2020-12-11', 'end': None, 'precision': 'month'}"
        " | human_date }} / {{ {'value': '2021-SU'} | date_label(true) }}</div>\n")
    page = render_site(seed_site(), [tmp_path])["warnings.md"]
    assert "mid-December 2020 / summer 2021 (planned)" in page


def test_overlapping_sentences_still_give_every_source_a_landing_anchor():
    from dataclasses import replace

    site = seed_site()
    tl = site.timelines[0]
    doc = tl.documents[0]
    ev = doc.events[8]  # 'Subsequently ...': give it a sentence overlapping the previous one
    wide = replace(ev, sentence=(doc.events[7].sentence[0] + 5, ev.sentence[1]))
    events = doc.events[:8] + (wide,) + doc.events[9:]
    doc2 = replace(doc, events=events)
    entries = tuple(replace(e, sources=tuple(replace(s, event=events[doc.events.index(s.event)])
                                             for s in e.sources)) for e in tl.entries)
    pages = render_site(Site((Timeline("", "T", entries, (doc2,)),)))
    ids = {a["id"] for _, a in Tags(pages[ARTICLE]).tags if "id" in a}
    hrefs = [a["href"] for a in Tags(pages["index.md"]).find("a", **{"class": "tl-source"})]
    assert all(h.partition("#")[2] in ids for h in hrefs)


def test_spellings_of_one_entity_are_one_filter_chip():
    from timeline.render import entity_names, facets

    from pathlib import Path

    from timeline import pipeline

    entries = all_entries(pipeline.build(Path(__file__).resolve().parents[1] / "content"))
    names = entity_names(entries)
    # the seed article writes "US", "United States", "Russia", "Russian", "Biden", "Joe Biden"
    assert names["US"] == names["United States"] == "United States"
    assert names["Russian"] == names["Russia"] == "Russia"
    chips = {f["name"] for f in facets(entries, names) if f["kind"] == "entity"}
    assert "Joe Biden" in chips and "Biden" not in chips and "Russian" not in chips and "US" not in chips


def test_a_clause_cut_from_its_sentence_shows_where_words_were_left_out():
    from pathlib import Path

    from timeline import pipeline
    from timeline.render import entry_excerpt

    entries = all_entries(pipeline.build(Path(__file__).resolve().parents[1] / "content"))
    texts = [entry_excerpt(e) for e in entries]
    assert "…to influence the 2020 US presidential election…" in texts
    assert "US President Joe Biden on Thursday commented on the sweeping sanctions…" in texts
    # a report is shown with what it reports
    assert ("Biden also said that he proposed in a phone call with Putin that the two meet in person this summer "
            "in Europe to discuss a range of pressing issues.") in texts
    assert "US intelligence later said that Russia was likely behind those hacking attacks." in texts
    # same-day order: "Earlier on Thursday" before "on Thursday"
    day = [t for t, e in zip(texts, entries) if e.when.value == "2021-04-15"]
    assert day[0].startswith("Earlier on Thursday") and day[1].startswith("US President Joe Biden on Thursday")
