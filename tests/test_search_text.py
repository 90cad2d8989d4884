"""Material's search parser reads the same index entries from a page's search
text (timeline.search_text) as from the page itself: on every page of a site
built from real news text and from the hostile corpus, on random HTML, and in
a whole MkDocs build (the same search index and the same pages, byte for byte)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from site_fixtures import republished, seed_site, timeml_documents
from timeline import search_text
from timeline.publish import build_docs
from timeline.search_text import searchable

search = pytest.importorskip("material.plugins.search.plugin", reason="Material for MkDocs is not installed")


def entries(page: str) -> list[tuple]:
    """What Material's search parser makes of ``page``: its sections."""
    parser = search.Parser()
    parser.feed(page)
    parser.close()
    return [(s.id, "".join(s.title), "".join(s.text), s.is_excluded()) for s in parser.data]


def bodies(out: Path) -> dict[str, str]:
    from mkdocs.utils.meta import get_data

    return {p.relative_to(out).as_posix(): get_data(p.read_text(encoding="utf-8"))[0]
            for p in sorted(out.rglob("*.md"))}


def test_every_page_of_a_real_site_gives_the_same_entries_from_far_less_markup(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    for doc in timeml_documents(12):
        a = republished(doc, 1)
        (content / Path(a.path).name).write_text(
            f'---\ntitle: "{doc.name}"\ndate: {a.dct.isoformat()}\ntags: [a & b, "<c>"]\n---\n{a.body}',
            encoding="utf-8")
    seed = (Path(__file__).parent / "data" / "seed_article.txt").read_text(encoding="utf-8")
    (content / "seed.md").write_text(f"---\ntitle: Sanctions\ndate: 2021-04-15\n---\n{seed}", encoding="utf-8")
    build_docs(content, tmp_path / "out", cache_dir=tmp_path / "cache", jobs=1)
    pages = bodies(tmp_path / "out")
    assert len(pages) > 30
    markup = light_markup = 0
    for name, page in pages.items():
        light = searchable(page)
        assert entries(light) == entries(page), name
        assert light != page, f"{name}: not lightened (markup search_text does not model?)"
        markup += page.count("<")
        light_markup += light.count("<")
    assert light_markup < markup / 4, (light_markup, markup)


def test_the_hostile_corpus_pages_give_the_same_entries(tmp_path):
    import hostile_corpus

    hostile_corpus.make(tmp_path)
    build_docs(tmp_path / "content", tmp_path / "out", cache_dir=tmp_path / "cache", jobs=1)
    pages = bodies(tmp_path / "out")
    assert pages
    for name, page in pages.items():
        assert entries(searchable(page)) == entries(page), name


# Random HTML: the elements and attributes the parser treats apart, text with
# the whitespace and references it normalises, and malformed markup (which
# search_text hands back as it is).
_TAGS = ["div", "section", "p", "li", "ul", "ol", "span", "a", "time", "mark", "h1", "h2", "h3", "code",
         "sub", "details", "table", "td", "label", "select", "script", "pre", "my-el"]
_ATTRS = ["", ' id="x1"', ' id="x2"', ' class="headerlink"', ' class="linenodiv"', " data-search-exclude",
          ' data-search-boost="2"', ' title="a > b"', " hidden"]
_TEXT = st.lists(st.sampled_from(["a", "Bc", " ", "  ", "\n", "&amp;", "&nbsp;", "&#32;", ">", "d e", "\t"]),
                 max_size=4).map("".join)


def _html(draw, depth: int) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 3 if depth < 3 else 0))):
        kind = draw(st.integers(0, 9))
        if kind <= 2:
            parts.append(draw(_TEXT))
        elif kind == 3:
            parts.append(draw(st.sampled_from(["<br>", "<img src=x>", "<br/>", "<!-- c -->", "<hr />"])))
        elif kind == 4 and draw(st.integers(0, 5)) == 0:
            parts.append(draw(st.sampled_from(["</p>", "<div>", "a < b", "<!DOCTYPE html>", "<p/>"])))  # malformed
        else:
            tag = draw(st.sampled_from(_TAGS))
            attrs = draw(st.sampled_from(_ATTRS))
            parts.append(f"<{tag}{attrs}>{_html(draw, depth + 1)}</{tag}>")
    return "".join(parts)


@st.composite
def pages(draw) -> str:
    return _html(draw, 0)


@given(pages())
def test_random_html_gives_the_same_entries(page):
    try:
        expected = entries(page)
    except ValueError:  # (the parser itself fails on some malformed markup: nothing to compare)
        assume(False)
    assert entries(searchable(page)) == expected


def test_what_is_not_modelled_is_handed_back_as_it_is():
    for page in ["<p>a < b</p>", "<p><span>x</p></span>", "<div><script>1 < 2</script></div>",
                 "<ul data-search-exclude><li><ul></ul></li></ul>", "<span><h2 id=x>T</h2></span>", "<p>open"]:
        assert searchable(page) == page


def test_a_mkdocs_build_writes_the_same_site_with_search_text(tmp_path, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from site_fixtures import install_fake_pipeline, many_site
    from test_mkdocs_plugin import example_project, site_files

    install_fake_pipeline(monkeypatch, many_site(30))
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    made, lightened = [], []
    original = search_text.searchable
    monkeypatch.setattr(search_text, "searchable", lambda page: made.append(1) or original(page))
    monkeypatch.setattr("timeline.mkdocs_plugin.searchable", lambda page: lightened.append(1) or original(page))
    light = example_project(tmp_path / "light")
    build(load_config(str(light / "mkdocs.yml"), strict=True))
    # made where the pages were rendered, carried by their files, not made again
    pages = list((light / ".timeline-cache" / "pages").rglob("*.md"))
    assert len(made) == len(pages) > 30 and not lightened
    assert all(search_text.MARK in p.read_text(encoding="utf-8") for p in pages)
    monkeypatch.setattr(search_text, "searchable", lambda page: page)
    monkeypatch.setattr("timeline.mkdocs_plugin.searchable", lambda page: page)
    full = example_project(tmp_path / "full")
    build(load_config(str(full / "mkdocs.yml"), strict=True))
    assert site_files(light) == site_files(full)


def test_search_text_made_from_other_html_is_not_used(tmp_path):
    def body_of(text):
        return text.split("---\n", 2)[2]

    page = "---\ntitle: T\n---\n<div><h1>T</h1><p>one <span>two</span></p></div>\n"
    html = body_of(page)
    carried = search_text.with_search_text(page)
    assert search_text.split(carried, body_of) == (html, searchable(html))
    edited = carried.replace("two", "three", 1)
    assert search_text.split(edited, body_of) == (body_of(edited), None)
    assert search_text.split(page, body_of) == (html, None)


def test_timeline_build_pages_carry_no_search_text(tmp_path):
    from timeline.render import render_site

    pages = render_site(seed_site())
    assert not any(search_text.MARK in text for text in pages.values())


def test_seed_pages_give_the_same_entries(tmp_path):
    from mkdocs.utils.meta import get_data

    from timeline.render import render_site

    pages = {n: t for n, t in render_site(seed_site()).items() if n.endswith(".md")}

    for name, text in pages.items():
        page = get_data(text)[0]
        assert entries(searchable(page)) == entries(page), name


def test_the_plugin_keeps_a_page_whole_unless_its_search_text_was_made_from_it():
    from types import SimpleNamespace

    from timeline.mkdocs_plugin import _parts

    html = f"<div><p>a page that quotes{search_text.MARK}x -->\n<p>and goes on</p></div>\n"
    page = f"---\ntitle: T\n---\n{html}"
    assert _parts(SimpleNamespace(content_string=page)) == (html, None)
    carried = search_text.with_search_text(page)
    assert _parts(SimpleNamespace(content_string=carried)) == (html, searchable(html))
    edited = carried.replace("goes on", "went on", 1)
    assert _parts(SimpleNamespace(content_string=edited)) == (html.replace("goes on", "went on"), None)


MATERIAL_SUB = r"\s?data-search-\w+=\"[^\"]+\""  # (Material's search plugin, on_page_context)


@given(st.lists(st.sampled_from(['data-search-', 'exclude', 'boost', '="', '"', '1', ' ', '\n', '\u2003', '\x1c',
                                 '\u00a0', 'é', '<p', '>', 'x', '=', 'data-search-exclude="', '\u200b']),
                max_size=30).map("".join))
def test_search_attributes_are_removed_as_material_removes_them(text):
    import re

    assert search_text.without_search_attributes(text) == re.sub(MATERIAL_SUB, "", text)


def test_search_attributes_after_any_whitespace_character_go_with_it():
    import re
    import sys

    space = re.compile(r"\s")
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    assert [ch for ch in chars if bool(space.fullmatch(ch)) != ch.isspace()] == []
    for ch in [ch for ch in chars if ch.isspace()] + ["x", "\u200b", "\ufeff"]:
        text = f'<p{ch}data-search-boost="2">a{ch}data-search-x="1"data-search-y="2"</p>'
        assert search_text.without_search_attributes(text) == re.sub(MATERIAL_SUB, "", text), hex(ord(ch))


def test_a_real_site_pages_lose_their_search_attributes_as_material_has_them_lose_them(tmp_path):
    import re

    from timeline.render import render_site

    pages = {n: t for n, t in render_site(seed_site()).items() if n.endswith(".md")}
    pages["extra"] = '<section class="a" data-search-exclude data-search-boost="2">\t data-search-x="y"</section>'
    changed = 0
    for name, page in pages.items():
        got = search_text.without_search_attributes(page)
        assert got == re.sub(MATERIAL_SUB, "", page), name
        changed += got != page
    assert changed
