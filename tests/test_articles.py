"""Loading content/ (timeline/articles.py): real files, bad files, nothing written."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
from pathlib import Path

import frontmatter
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.articles import (
    ArticleError,
    article_paths,
    clean_body,
    load_article,
    load_content,
    parse_date,
    read_article,
)
from timeline.model import Article, Warning

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
SEED_MD = CONTENT / "biden-russia-sanctions.md"
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "article.txt"
needs_seed = pytest.mark.skipif(not SEED.is_file(), reason=f"seed article not found at {SEED} (../shared is absent in a fresh clone)")

DATE_WHY = "(the publication date is needed to resolve 'last month', 'Thursday', ...)"


def write(root: Path, rel: str, data: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def md(body: str, *, date: str = "2021-04-15", title: str | None = "A title", extra: str = "") -> str:
    lines = ["---"]
    if title is not None:
        lines.append(f"title: {title}")
    if date is not None:
        lines.append(f"date: {date}")
    if extra:
        lines.append(extra)
    lines.append("---")
    return "\n".join(lines) + "\n" + body


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    root.mkdir()
    return root


def messages(warnings: list[Warning]) -> list[str]:
    return [str(w) for w in warnings]


# ---------------------------------------------------------------------------
# The user's article
# ---------------------------------------------------------------------------


def test_repo_content_holds_the_seed_article():
    articles, warnings = load_content(CONTENT)
    assert warnings == []
    assert [a.path for a in articles] == ["content/biden-russia-sanctions.md"]
    a = articles[0]
    assert a.dct == dt.date(2021, 4, 15)
    assert a.dct.strftime("%A") == "Thursday"
    assert a.title == "Biden comments on sweeping sanctions against Russia"
    assert a.topic == ""
    assert a.format == "markdown"
    assert a.language == "en"
    # The source is not known: nothing invented.
    assert a.source is None and a.url is None and a.author is None
    raw = SEED_MD.read_text(encoding="utf-8")
    assert raw.endswith(a.body)
    assert frontmatter.loads(raw).content == a.body.strip()


@needs_seed
def test_seed_body_is_the_seed_text_byte_for_byte():
    a = load_article(SEED_MD, CONTENT)
    assert a.body == SEED.read_text(encoding="utf-8")
    assert a.body.encode("utf-8") == SEED.read_bytes()


# ---------------------------------------------------------------------------
# The body, exactly
# ---------------------------------------------------------------------------


def test_body_is_kept_exactly_after_the_front_matter(content):
    body = "\n\n  Indented first line.\n\nLast line with trailing spaces.   \n\n\n"
    path = write(content, "a.md", md(body))
    a = load_article(path, content)
    assert a.body == body
    raw = path.read_text(encoding="utf-8")
    assert raw.endswith(a.body)
    # python-frontmatter strips the body; we don't, but agree on the text.
    assert frontmatter.loads(raw).content == a.body.strip()


def test_horizontal_rules_in_the_body_are_body(content):
    body = "Before.\n\n---\n\nAfter.\n"
    a = load_article(write(content, "a.md", md(body)), content)
    assert a.body == body


def test_closing_delimiter_with_trailing_spaces_and_no_final_newline(content):
    a = load_article(write(content, "a.md", "---\ndate: 2021-04-15\n---   \nText."), content)
    assert a.body == "Text."


def test_html_and_script_in_the_body_are_kept_verbatim(content):
    body = (
        "<script>alert('x')</script>\n\n"
        "A <b>bold</b> claim & an <img src=x onerror=alert(1)> tag. {{ jinja }} {% raw %}\n"
    )
    a = load_article(write(content, "a.md", md(body)), content)
    assert a.body == body


def test_crlf_line_endings_are_normalized_before_everything(content):
    raw = "---\r\ntitle: CRLF\r\ndate: 2021-04-15\r\n---\r\nLine one.\r\n\r\nLine two.\rLine three.\r\n"
    a = load_article(write(content, "a.md", raw.encode()), content)
    assert a.body == "Line one.\n\nLine two.\nLine three.\n"
    assert "\r" not in a.body
    assert a.title == "CRLF"
    i = a.body.index("Line two.")
    assert a.body[i : i + 9] == "Line two."


def test_utf8_bom_is_dropped(content):
    raw = "\ufeff" + md("Text with a BOM.\n")
    a = load_article(write(content, "a.md", raw.encode("utf-8")), content)
    assert a.body == "Text with a BOM.\n"
    assert a.dct == dt.date(2021, 4, 15)


def test_utf16_with_bom_is_read(content):
    path = write(content, "a.md", md("UTF-16 text.\n").encode("utf-16"))
    assert load_article(path, content).body == "UTF-16 text.\n"


# ---------------------------------------------------------------------------
# Front matter fields
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2021-04-15", dt.date(2021, 4, 15)),
        ("2021-04-15 23:30:00", dt.date(2021, 4, 15)),
        ("2021-04-15T23:30:00-05:00", dt.date(2021, 4, 15)),  # the date as written
        ("'2021-04-15T01:00:00Z'", dt.date(2021, 4, 15)),
        ("April 15, 2021", dt.date(2021, 4, 15)),
        ("15 April 2021", dt.date(2021, 4, 15)),
        ("Thursday, 15 April 2021", dt.date(2021, 4, 15)),
        ("Apr. 15, 2021", dt.date(2021, 4, 15)),
        ("15/04/2021", dt.date(2021, 4, 15)),
        ("04/15/2021", dt.date(2021, 4, 15)),
        ("2021/04/15", dt.date(2021, 4, 15)),
    ],
)
def test_dates(content, value, expected):
    a = load_article(write(content, "a.md", md("Text.", date=value)), content)
    assert a.dct == expected


def test_parse_date_takes_date_and_datetime_objects():
    assert parse_date(dt.date(2021, 4, 15)) == dt.date(2021, 4, 15)
    assert parse_date(dt.datetime(2021, 4, 15, 23, 59)) == dt.date(2021, 4, 15)
    assert parse_date("15 avril 2021", "fr") == dt.date(2021, 4, 15)


@pytest.mark.parametrize(
    "value, problem",
    [
        ("04/05/2021", "is ambiguous"),
        ("15/4/21", "two-digit year"),
        ("April 2021", "not a full date"),
        ("yesterday", "not a full date"),
        ("2 days ago", "not a full date"),
        ("next Thursday", "not a full date"),
        ("2021", "is the number 2021"),
        ("2021-02-30", "not a valid date"),
        ("0999-01-01", "year 999 is outside 1000-2200"),
        ("3021-04-15", "year 3021 is outside 1000-2200"),
        ("true", "not a date"),
        ("[2021, 4, 15]", "not a date"),
        ("soon", "not a full date"),
    ],
)
def test_bad_dates_are_reported_with_the_file_and_the_problem(content, value, problem):
    write(content, "bad.md", md("Text.", date=value))
    write(content, "good.md", md("Text."))
    articles, warnings = load_content(content)
    assert [a.path for a in articles] == ["content/good.md"]
    assert len(warnings) == 1
    assert warnings[0].path == "content/bad.md"
    assert warnings[0].message.startswith("front matter 'date' ")
    assert problem in warnings[0].message


def test_missing_date_message(content):
    write(content, "foo.md", md("Text.", date=None))
    _, warnings = load_content(content)
    assert messages(warnings) == [f"content/foo.md: front matter 'date' is missing {DATE_WHY}"]


def test_missing_date_names_a_misspelled_key(content):
    write(content, "foo.md", md("Text.", date=None, extra="published: 2021-04-15"))
    _, warnings = load_content(content)
    assert "found 'published': rename it to 'date'" in warnings[0].message


def test_title_falls_back_to_first_heading_then_file_name(content):
    a = load_article(write(content, "x.md", md("Intro.\n\n## The Heading ##\n\nText.", title=None)), content)
    assert a.title == "The Heading"
    a = load_article(write(content, "y.md", md("Setext Heading\n===\n\nText.", title=None)), content)
    assert a.title == "Setext Heading"
    a = load_article(write(content, "biden-russia_sanctions.md", md("No heading.", title=None)), content)
    assert a.title == "Biden russia sanctions"
    a = load_article(write(content, "z.md", md("Text.", title="''")), content)
    assert a.title == "Z"
    a = load_article(write(content, "n.md", md("Text.", title="2021")), content)
    assert a.title == "2021"


def test_optional_fields(content):
    extra = (
        "source: Example News\n"
        "url: https://example.com/a?b=1\n"
        "author: [Jane Doe, John Roe]\n"
        "tags: sanctions, russia, sanctions\n"
        "language: en-GB\n"
        "Unknown: ignored"
    )
    article, warnings = read_article(write(content, "a.md", md("Text.", extra=extra)), content)
    assert warnings == ()
    assert article.source == "Example News"
    assert article.url == "https://example.com/a?b=1"
    assert article.author == "Jane Doe, John Roe"
    assert article.tags == ("sanctions", "russia")
    assert article.language == "en"  # a regional tag is its language


def test_tags_as_a_list(content):
    a = load_article(write(content, "a.md", md("Text.", extra="tags:\n  - US\n  - Russia\n  - 2021")), content)
    assert a.tags == ("US", "Russia", "2021")


def test_keys_are_case_insensitive(content):
    a = load_article(write(content, "a.md", "---\nTitle: Upper\nDATE: 2021-04-15\n---\nText."), content)
    assert (a.title, a.dct) == ("Upper", dt.date(2021, 4, 15))


@pytest.mark.parametrize(
    "extra, field, problem",
    [
        ("url: javascript:alert(1)", "url", "is not an http(s) address"),
        ("url: /relative/path", "url", "is not an http(s) address"),
        ("language: not a language!", "language", "is not a language code"),
        ("language: [en]", "language", "is not a language code"),
        ("language: fr", "language", "read with the English ones"),
        ("language: de-DE", "language", "read with the English ones"),
        ("tags: {a: 1}", "tags", "should be a list or text"),
        ("source: [a, b]", "source", "should be text"),
    ],
)
def test_bad_optional_fields_are_dropped_with_a_warning(content, extra, field, problem):
    article, warnings = read_article(write(content, "a.md", md("Text.", extra=extra)), content)
    assert article is not None
    assert len(warnings) == 1 and problem in warnings[0].message and field in warnings[0].message
    assert article.url is None and article.language == "en" and article.tags == () and article.source is None


@pytest.mark.parametrize("value", ["en", "EN", "en-GB", "en_US", "en-Latn-GB"])
def test_a_regional_tag_is_its_language(content, value):
    article, warnings = read_article(write(content, "a.md", md("Text.", extra=f"language: {value}")), content)
    assert article.language == "en" and warnings == ()


def test_an_unknown_language_is_read_with_the_english_tables(content):
    text = "On Thursday, the ministry announced new sanctions."
    path = write(content, "a.md", md(text, extra="language: fr"))
    article, warnings = read_article(path, content)
    assert article.language == "en" and "'fr'" in warnings[0].message
    from timeline.timex import annotate

    assert [t.value for t in annotate(article.body, article.dct, "news", "fr")] == ["2021-04-15"]


ALIAS_BOMB = """\
---
date: 2021-04-15
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
{key}: *i
---
Text on Thursday.
"""


@pytest.mark.parametrize("key", ["title", "date", "url", "tags", "author", "language", "unknown"])
def test_a_yaml_alias_bomb_is_one_warning(content, key):
    path = write(content, "bomb.md", ALIAS_BOMB.format(key=key))
    article, warnings = read_article(path, content)
    assert article is None and len(warnings) == 1
    assert "YAML aliases" in warnings[0].message and len(str(warnings[0])) < 300


def test_front_matter_that_refers_to_itself_is_one_warning(content):
    path = write(content, "loop.md", "---\ndate: 2021-04-15\ntitle: &t [a, *t]\n---\nText.\n")
    article, warnings = read_article(path, content)
    assert article is None and "refers to itself" in warnings[0].message


def test_a_few_aliases_are_fine(content):
    text = "---\ndate: &d 2021-04-15\nupdated: *d\ntags: &t [a, b]\nalso: *t\n---\nText.\n"
    article, warnings = read_article(write(content, "a.md", text), content)
    assert article.tags == ("a", "b") and warnings == ()


# ---------------------------------------------------------------------------
# Bad files
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, data, problem",
    [
        ("broken-yaml.md", "---\ntitle: [unclosed\ndate: 2021-04-15\n---\nText.", "front matter is not valid YAML (line "),
        ("tabs-yaml.md", "---\ntitle: a\n\tdate: 2021-04-15\n---\nText.", "front matter is not valid YAML"),
        ("list-yaml.md", "---\n- a\n- b\n---\nText.", "front matter must be 'key: value' lines, not a list"),
        ("unclosed.md", "---\ntitle: a\ndate: 2021-04-15\nText.", "has no closing '---' line"),
        ("empty-body.md", md("  \n\n\t\n"), "the article has no text after the front matter"),
        ("no-body.md", "---\ndate: 2021-04-15\n---\n", "the article has no text after the front matter"),
        ("empty.md", b"", "the file is empty"),
        ("binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "the file is not text (NUL byte at byte offset 8)"),
        ("latin1.md", md("Caf\u00e9 au lait.").encode("latin-1"), "the file is not valid UTF-8: byte 0xe9 at byte offset 43 (line 5)"),
        ("plain.txt", "Just text, no front matter.", "the file has no front matter, so no publication date"),
        ("plain.md", "# A heading\n\nJust text.", "the file has no front matter, so no publication date"),
    ],
)
def test_bad_file_is_reported_and_the_rest_still_loads(content, name, data, problem):
    write(content, name, data)
    write(content, "zz-good.md", md("Good text."))
    articles, warnings = load_content(content)
    assert [a.path for a in articles] == ["content/zz-good.md"]
    assert len(warnings) == 1, warnings
    assert warnings[0].path == f"content/{name}"
    assert problem in warnings[0].message
    with pytest.raises(ArticleError) as err:
        load_article(content / name, content)
    assert err.value.warning == warnings[0]
    assert str(err.value).startswith(f"content/{name}: ")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.binary(max_size=400),
        st.text(max_size=400).map(lambda t: ("---\n" + t).encode("utf-8", "surrogatepass")),
        st.text(alphabet=st.sampled_from(list("-:\n date2014[]{}'\"#&*!|>?%@`\t,")), max_size=200).map(str.encode),
    ),
    st.sampled_from(["a.md", "a.txt", "a.html"]),
)
def test_property_any_bytes_give_an_article_or_warnings_never_an_exception(content, data, name):
    path = content / name
    path.write_bytes(data)
    article, warnings = read_article(path, content)
    assert (article is not None) or warnings
    assert all(w.path == f"content/{name}" and w.message for w in warnings)
    if article is not None and name != "a.html" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = clean_body(data.decode("utf-8-sig", "replace").replace("\r\n", "\n").replace("\r", "\n"))
        assert text.endswith(article.body)


def test_oversize_file_is_not_read(content):
    write(content, "big.md", md("x" * 2_000_000))
    write(content, "small.md", md("Small."))
    articles, warnings = load_content(content, max_bytes=1024 * 1024)
    assert [a.path for a in articles] == ["content/small.md"]
    assert messages(warnings) == ["content/big.md: the file is 1.9 MB, over the 1.0 MB limit for an article: skipped"]
    # The default limit (5 MB) lets it in.
    articles, warnings = load_content(content)
    assert len(articles) == 2 and warnings == []


def test_50_mb_file_is_rejected_quickly(content):
    path = content / "huge.md"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written to disk
    articles, warnings = load_content(content)
    assert articles == []
    assert "the file is 50.0 MB, over the 5.0 MB limit" in warnings[0].message


def test_missing_or_wrong_root(tmp_path):
    assert load_content(tmp_path / "content") == ([], [Warning("content", "content folder not found")])
    write(tmp_path, "file", "x")
    assert load_content(tmp_path / "file")[1] == [Warning("file", "is not a folder")]


# ---------------------------------------------------------------------------
# Topics, order, skipped files
# ---------------------------------------------------------------------------


def test_topics_from_subfolders_paths_and_order(content):
    write(content, "b.md", md("Top b."))
    write(content, "a.txt", md("Top a."))
    write(content, "world/europe/z.md", md("Deep."))
    write(content, "world/a.markdown", md("World."))
    write(content, "economy/c.md", md("Economy."))
    articles, warnings = load_content(content)
    assert warnings == []
    assert [(a.path, a.topic, a.format) for a in articles] == [
        ("content/a.txt", "", "text"),
        ("content/b.md", "", "markdown"),
        ("content/economy/c.md", "economy", "markdown"),
        ("content/world/a.markdown", "world", "markdown"),
        ("content/world/europe/z.md", "world/europe", "markdown"),
    ]
    # Deterministic: the same again.
    assert load_content(content) == (articles, warnings)


def test_hidden_underscored_readme_index_drafts_and_assets_are_skipped_other_files_reported(content):
    write(content, "a.md", md("Article."))
    write(content, ".hidden.md", md("Hidden."))
    write(content, ".git/x.md", md("Hidden folder."))
    write(content, "_drafts/draft.md", md("Draft."))
    write(content, "draft.md", md("Draft.", extra="draft: true"))
    write(content, "README.md", "# About this folder")
    write(content, "world/index.md", "# World")
    write(content, "world/photo.jpg", b"\xff\xd8\xff")
    write(content, "world/chart.SVG", "<svg/>")
    write(content, "world/scan.pdf", b"%PDF-1.4")
    write(content, "notes", "no suffix")
    write(content, "letter.docx", b"PK")
    articles, warnings = load_content(content)
    assert [a.path for a in articles] == ["content/a.md"]
    assert messages(warnings) == [
        "content/letter.docx: unsupported file type '.docx': skipped (articles are .md, .markdown, .txt, .html, .htm files)",
        "content/notes: unsupported file type '(no suffix)': skipped (articles are .md, .markdown, .txt, .html, .htm files)",
    ]
    paths, refused = article_paths(content)
    assert [p.name for p in paths] == ["a.md", "draft.md"]
    assert [p.name for p, _ in refused] == ["letter.docx", "notes"]


@pytest.mark.parametrize("value, draft, note", [
    ("true", True, False), ("yes", True, False), ("'true'", True, False), ("false", False, False),
    ("no", False, False), ("'maybe'", True, True), ("[1]", True, True),
])
def test_draft_values(content, value, draft, note):
    path = write(content, "a.md", md("Text.", extra=f"draft: {value}"))
    article, warnings = read_article(path, content)
    assert (article is None) == draft
    assert bool(warnings) == note and all("'draft'" in w.message for w in warnings)
    if draft:  # asked for by name (timeline extract), a draft is read
        assert read_article(path, content, drafts=True)[0] is not None
        with pytest.raises(ArticleError, match="draft"):
            load_article(path, content)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_one_warning_and_never_read(content):
    write(content, "a.md", md("Article."))
    os.mkfifo(content / "pipe.md")
    os.mkfifo(content / "pipe")
    articles, warnings = load_content(content)  # would hang if the FIFO were opened for reading
    assert [a.path for a in articles] == ["content/a.md"]
    assert messages(warnings) == ["content/pipe: is not a regular file (a FIFO): skipped",
                                  "content/pipe.md: is not a regular file (a FIFO): skipped"]
    article, warnings = read_article(content / "pipe.md", content)
    assert article is None and "is not a regular file (a FIFO)" in warnings[0].message


@pytest.fixture
def links(tmp_path, content):
    outside = write(tmp_path, "secret/passwd.md", md("Secret on Thursday."))
    write(tmp_path, "secret/more/b.md", md("More secrets."))
    write(content, "world/a.md", md("Article."))
    try:
        (content / "inside-link.md").symlink_to(content / "world" / "a.md")
        (content / "outside-link.md").symlink_to(outside)
        (content / "linked-folder").symlink_to(outside.parent / "more", target_is_directory=True)
        (content / "broken.md").symlink_to(content / "nowhere.md")
        (content / "world" / "loop").symlink_to(content, target_is_directory=True)
    except (OSError, NotImplementedError):
        pytest.skip("symbolic links are not available here")
    return content


def test_links_leaving_content_are_not_followed(links):
    articles, warnings = load_content(links)
    assert [a.path for a in articles] == ["content/inside-link.md", "content/world/a.md"]
    assert messages(warnings) == [
        "content/broken.md: is a broken link: skipped",
        "content/linked-folder: is a link to a folder: not followed (set 'follow_links: true' to follow links)",
        "content/outside-link.md: is a link to a file outside the content folder: not followed "
        "(set 'follow_links: true' to follow links)",
        "content/world/loop: is a link to a folder: not followed (set 'follow_links: true' to follow links)",
    ]


def test_follow_links_opts_in_and_never_loops(links):
    articles, warnings = load_content(links, follow_links=True)
    assert [a.path for a in articles] == ["content/inside-link.md", "content/linked-folder/b.md",
                                          "content/outside-link.md", "content/world/a.md"]
    assert messages(warnings) == ["content/broken.md: is a broken link: skipped"]
    assert articles[2].topic == "" and articles[1].topic == "linked-folder"


def test_control_characters_never_reach_names_or_text(content):
    name = "evil\x1b[2J\u202egnp.md"
    text = "---\ndate: 2021-04-15\ntitle: \"Title \\e[31mred\\a\\x9b\"\nsource: \"\\x1b]0;pwned\\x07\"\n" \
           "tags: [\"a\\x1bb\"]\nauthor: \"Jo\\u2028Ann\"\n---\nOn Thursday\x1b[31m it\x0c rained\x85.\n"
    article, warnings = read_article(write(content, name, text), content)
    assert warnings == ()
    assert article.path == "content/evil\\x1b[2J\\u202egnp.md"
    assert article.title == "Title red" and article.source is None  # an escape sequence, all of it
    assert article.tags == ("a b",) and article.author == "Jo Ann"
    assert article.body == "On Thursday      it  rained .\n"
    broken = write(content, "bad\x07.md", "---\ntitle: [\n---\nText")
    (warning,) = read_article(broken, content)[1]
    assert warning.path == "content/bad\\x07.md" and "\x07" not in str(warning)


def test_an_undecodable_file_name_is_shown_escaped(content):
    if os.name == "nt" or sys.platform == "darwin":
        pytest.skip("file names must be valid Unicode here")
    name = os.fsdecode(b"caf\xe9.md")
    write(content, name, md("Text."))
    (article,), warnings = load_content(content)
    assert article.path == "content/caf\\xe9.md" and article.path.encode("utf-8")


@pytest.mark.parametrize("body, title", [
    # Long runs of spaces made the old heading regex backtrack quadratically
    # (minutes for these; scripts/bench_huge.py times the loader).
    ("# a" + " " * 50_000 + "b", "a" + " b"),
    ("#" + " " * 50_000 + "x #" + " " * 50_000, "x"),
    ("# x" + " \t" * 30_000 + "#" * 30_000 + "y", "x " + "#" * 30_000 + "y"),
    (("#" * 7 + " ") * 20_000 + "\n\nText", "A"),
    ("x" + " " * 50_000 + "\n" + "=" * 50_000 + "\n", "x"),
    ("## Closing hashes ##  \n", "Closing hashes"),
    ("# C# #\n", "C#"),
    ("#\n# \n#  #\n## Real\n", "Real"),
])
def test_the_title_from_a_heading(content, body, title):
    assert load_article(write(content, "a.md", md(body, title=None)), content).title == title


def test_path_and_topic_with_a_relative_root(content, monkeypatch):
    write(content, "world/a.md", md("Text."))
    monkeypatch.chdir(content.parent)
    a = load_article(Path("content/world/a.md"), Path("content"))
    assert (a.path, a.topic) == ("content/world/a.md", "world")


def test_article_outside_the_root_keeps_its_path(tmp_path, content):
    path = write(tmp_path, "elsewhere/a.md", md("Text."))
    a = load_article(path, content)
    assert a.path == path.as_posix() and a.topic == ""


# ---------------------------------------------------------------------------
# Nothing is written
# ---------------------------------------------------------------------------


def snapshot(root: Path) -> dict:
    state = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            p = Path(folder, name)
            st = p.lstat()
            digest = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else None
            state[p.relative_to(root).as_posix()] = (st.st_mtime_ns, st.st_mode, digest)
    st = root.lstat()
    state["."] = (st.st_mtime_ns, st.st_mode, None)
    return state


def test_nothing_is_written_under_content(content):
    write(content, "a.md", md("Good."))
    write(content, "bad.md", "---\ntitle: [x\n---\n")
    write(content, "world/b.txt", md("Also good.\r\n"))
    write(content, "world/page.html", HTML_PAGE)
    write(content, "bin.md", b"\x00\x01")
    before = snapshot(content)
    load_content(content)
    for p in sorted(content.rglob("*")):
        if p.is_file():
            read_article(p, content)
    assert snapshot(content) == before


def test_nothing_is_written_under_the_repo_content():
    before = snapshot(CONTENT)
    load_content(CONTENT)
    assert snapshot(CONTENT) == before


# ---------------------------------------------------------------------------
# HTML pages
# ---------------------------------------------------------------------------

HTML_PAGE = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Biden comments on sanctions | Example News</title>
<meta property="og:title" content="Biden comments on sweeping sanctions against Russia">
<meta property="article:published_time" content="2021-04-15T18:20:00+03:00">
<meta name="author" content="Jane Doe">
<link rel="canonical" href="https://example.com/news/biden-sanctions">
<script>window.tracking = "do not keep me";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Biden comments on sweeping sanctions against Russia</h1>
<p>US President Joe Biden on Thursday commented on the sweeping sanctions his administration imposed on Russia.</p>
<p>“If Russia continues to interfere with our democracy, I’m prepared to take further actions to respond,” Biden said.</p>
<script>alert('x')</script>
<p>In addition, the State Department announced the expulsion of 10 officials from the Russian Embassy in Washington.</p>
<p>Moscow described Biden’s moves on Thursday as a blow to bilateral relations and vowed to impose swift retaliatory measures.</p>
</article>
<footer>Copyright 2021 Example. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>
"""


def test_html_page_without_front_matter(content):
    write(content, "world/page.html", HTML_PAGE)
    articles, warnings = load_content(content)
    assert warnings == []
    (a,) = articles
    assert a.format == "html" and a.topic == "world"
    assert a.dct == dt.date(2021, 4, 15)
    assert a.title == "Biden comments on sweeping sanctions against Russia"
    assert a.author == "Jane Doe"
    assert a.url == "https://example.com/news/biden-sanctions"
    assert a.source is None
    assert "US President Joe Biden on Thursday commented" in a.body
    assert "the State Department announced the expulsion of 10 officials" in a.body
    # Paragraphs are separated by blank lines, so they are separate sentences.
    assert "imposed on Russia.\n\n“If Russia" in a.body
    for junk in ("alert(", "tracking", "Subscribe", "Home", "<p>"):
        assert junk not in a.body


def test_html_front_matter_wins_over_page_metadata(content):
    page = "---\ntitle: Mine\ndate: 2021-04-16\n---\n" + HTML_PAGE
    a = load_article(write(content, "page.htm", page), content)
    assert (a.title, a.dct) == ("Mine", dt.date(2021, 4, 16))
    assert "commented on the sweeping sanctions" in a.body


def test_html_without_a_date_in_its_metadata_is_reported(content):
    page = HTML_PAGE.replace('<meta property="article:published_time" content="2021-04-15T18:20:00+03:00">', "")
    # A date in the running text is not the publication date: no guessing.
    page = page.replace("<p>US President", "<p>Published April 15, 2021. US President")
    write(content, "page.html", page)
    articles, warnings = load_content(content)
    assert articles == []
    assert warnings[0].message.startswith("no publication date in the page's metadata or front matter")


def test_html_in_another_declared_encoding(content):
    page = HTML_PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">').replace("Embassy", "Emba\u00dfy")
    a = load_article(write(content, "page.html", page.replace("“", '"').replace("”", '"').replace("’", "'").encode("cp1252")), content)
    assert "Emba\u00dfy in Washington" in a.body


def test_html_without_article_text(content):
    write(content, "page.html", "<html><head><meta name='date' content='2021-04-15'></head><body><script>var x = 1;</script></body></html>")
    articles, warnings = load_content(content)
    assert articles == []
    assert "the article has no text" in warnings[0].message


@pytest.mark.parametrize("data", ["https://example.com/article", "http://127.0.0.1:9/x"])
def test_html_file_holding_a_url_is_never_fetched(content, monkeypatch, data):
    import htmldate.utils
    import trafilatura.downloads

    fetched = []

    def no_network(*args, **kwargs):
        fetched.append(args)
        raise AssertionError("network access")

    monkeypatch.setattr(htmldate.utils, "fetch_url", no_network)
    monkeypatch.setattr(trafilatura.downloads, "fetch_url", no_network)
    write(content, "page.html", data)
    article, warnings = read_article(content / "page.html", content)
    assert fetched == []
    assert article is None and warnings


def test_articles_are_frozen_values(content):
    a = load_article(write(content, "a.md", md("Text.")), content)
    assert isinstance(a, Article)
    with pytest.raises(AttributeError):
        a.body = "changed"  # type: ignore[misc]
