"""Property tests over arbitrary front matter, text and file names, end to
end: loading never raises and never hangs, the build never fails on what it
loaded, and nothing it writes or logs holds a control character.

Derandomized in CI (tests/conftest.py); ``make fuzz`` runs many more random
examples (HYPOTHESIS_PROFILE=fuzz, FUZZ_EXAMPLES=5000 by default).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from pathlib import Path

import icalendar
import yaml
from hypothesis import given
from hypothesis import strategies as st

from timeline import pipeline
from timeline.articles import clean_body, load_content, read_article
from timeline.publish import render_all

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
KEYS = ["title", "date", "source", "url", "author", "tags", "language", "draft", "Title", "DATE", "x"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(allow_nan=True),
    st.text(max_size=40), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.sampled_from(["2021-04-15", "April 15, 2021", "2021-02-30", "15/04/2021", "en-GB", "fr", "x" * 300,
                     "https://example.org/a", "javascript:alert(1)", "\x1b[31m", "yes", "true", "[a, b]"]),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400) | st.sampled_from([
    "On Thursday, the ministry announced new sanctions.\n\nIn mid-December it was reported.",
    "# Heading" + " " * 300 + "x\n\nLast month the 2020 election was held.",
    "\x1b[2J\x1b]0;title\x07 On Monday\x0c it rained\x85.",
])


def front_matter(meta: dict) -> str:
    try:
        return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        return "title: unrepresentable\n"


@given(st.dictionaries(st.sampled_from(KEYS), values, max_size=6), texts,
       st.sampled_from(["a.md", "a.txt", "a.html", "a.markdown"]), st.booleans())
def test_any_front_matter_and_text_load_or_are_named(meta, body, name, crlf):
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        content.mkdir()
        raw = f"---\n{front_matter(meta)}---\n{body}"
        if crlf:
            raw = raw.replace("\n", "\r\n")
        (content / name).write_text(raw, encoding="utf-8", errors="surrogatepass")
        article, warnings = read_article(content / name, content)
        # Nothing and no word about it only for a draft: read as one, it says why or loads.
        assert article is not None or warnings or read_article(content / name, content, drafts=True) != (None, ())
        for w in warnings:
            assert w.path == f"content/{name}" and w.message and not CONTROL.search(str(w))
            assert len(str(w)) < 2000
        if article is not None:
            for field in (article.title, article.source, article.author, article.url, *article.tags):
                assert field is None or (field and not CONTROL.search(field) and "\n" not in field)
            assert not CONTROL.search(article.body.replace("\t", " ").replace("\n", " "))
            if name != "a.html":
                assert clean_body(raw.replace("\r\n", "\n")).endswith(article.body)


names = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"), min_size=1,
                max_size=60).filter(lambda n: n not in (".", "..") and len(n.encode("utf-8")) < 200)


@given(st.lists(st.tuples(names, st.sampled_from([".md", ".txt", "", ".png", ".docx"]), texts), min_size=1,
                max_size=4), st.lists(names, max_size=2))
def test_any_file_names_and_texts_build_a_site(files, folders):
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        for k, (name, suffix, body) in enumerate(files):
            folder = content.joinpath(*(f"{f}.d" for f in folders[: k % (len(folders) + 1)]))
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}{suffix}").write_text(f"---\ndate: 2021-04-15\n---\n{body}\n", encoding="utf-8")
        articles, warnings = load_content(content)
        assert all(not CONTROL.search(str(w)) for w in warnings)
        site = pipeline.build(content)
        files_out = render_all(site).pages
        for rel, text in files_out.items():
            assert all(0 < len(part.encode("utf-8")) <= 255 for part in rel.split("/")), rel
            assert not CONTROL.search(text.replace("\r\n", "\n").replace("\t", " ")), rel
        json.loads(files_out["timeline.json"])
        json.loads(files_out["timelinejs.json"])
        icalendar.Calendar.from_ical(files_out["timeline.ics"])
        paths = {a.path for a in articles}
        on_timeline = {s["path"] for e in json.loads(files_out["timeline.json"])["entries"] for s in e["sources"]}
        assert on_timeline <= paths
