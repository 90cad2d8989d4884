"""Load and validate the articles in ``content/``.

Entry points:

* :func:`load_content` ``(root) -> (articles, warnings)``: every article under
  ``root``; a file that cannot be used becomes a :class:`~timeline.model.Warning`
  naming it and the problem, and the rest still loads.
* :func:`read_article` ``(path, root) -> (article | None, warnings)``: one file,
  with every problem found (fatal ones leave ``article`` ``None``).
* :func:`load_article` ``(path, root) -> Article``: one file; raises
  :class:`ArticleError` on the first fatal problem.
* :func:`parse_date` ``(value) -> date``: a front-matter ``date`` value.

Nothing here writes anything, anywhere.

Files
    ``*.md`` / ``*.markdown`` (Markdown) and ``*.txt`` (plain text) start with
    YAML front matter between ``---`` lines, parsed with python-frontmatter's
    YAML handler. Front matter is optional in the file format, but the
    publication ``date`` is not: a file without it (a ``.txt`` saved from a
    page, say) is reported and skipped, never dated by guessing.
    ``*.html`` / ``*.htm`` are web pages saved as is: trafilatura extracts the
    article text (navigation, scripts and footers dropped) and htmldate reads
    the publication date from the page's metadata only (``<meta>``, JSON-LD,
    ``<time>``; never from the running text); ``<title>``/``og:title``,
    author and canonical URL come from the page too. Front matter, if an HTML
    file has any, wins over the page's metadata.
    Hidden or underscored files and folders (``.git``, ``_drafts``),
    ``README.*``, ``index.md`` (a folder's description, MkDocs' page name),
    assets (images, media, styles, data: :data:`ASSET_SUFFIXES`) and drafts
    (``draft: true``) are not articles and are skipped silently; any other
    file is reported, and so are FIFOs, sockets and devices (never opened
    for reading: that would hang). A symbolic link to a file inside the
    content folder is read; links to folders or to files outside it are
    reported and not followed unless ``follow_links`` is set (then each real
    folder is read once, so link cycles end).

Body
    ``Article.body`` is the text after the front matter's closing ``---``
    line, exactly (leading blank lines and trailing white space included);
    every offset elsewhere points into it. Before anything else the file is
    decoded (UTF-8, with or without BOM; UTF-16 with a BOM) and line endings
    are normalized: CRLF and lone CR become LF, and every other control
    character but tab (terminal escapes, form feeds) becomes a space, so
    that none reaches a log, a page or an export (:func:`clean_body`). So
    the body is the file's text after that normalization, and
    ``normalized_raw.endswith(body)``. Text fields of the front matter are
    one line each, without control characters; paths shown in messages and
    on pages write control characters and undecodable bytes of file names
    as escapes (``\\x1b``).
    For HTML the body is the extracted text, paragraphs separated by blank
    lines. Markup or script inside an article's text is kept verbatim as
    data: it is escaped where it is rendered, never interpreted here.

Front matter
    ``date`` (required): the publication date, the reference time (DCT) for
    "last month", "Thursday". A YAML date, a datetime (its date as written,
    in its own time zone) or a string: ISO 8601, "April 15, 2021",
    "15 April 2021", "Thursday, 15 April 2021" (dateparser, absolute dates
    only: no "yesterday"). Numeric dates that could be read two ways
    ("04/05/2021", "15/4/21") and years outside 1000-2200 are rejected.
    ``title`` (optional): else the page title (HTML), else the first
    Markdown heading, else the file name ("biden-russia-sanctions" ->
    "Biden russia sanctions"). ``source``, ``url`` (http/https only),
    ``author`` (string or list), ``tags`` (list or comma-separated string)
    and ``language`` (BCP 47 code, default ``en``) are optional; a bad value
    is reported and dropped, the article still loads. Keys are
    case-insensitive; unknown keys are ignored.

Topics
    Each folder of ``content/`` is a separate timeline: ``Article.topic`` is
    the folder's path relative to ``content/`` (``""`` at the top level) and
    ``Article.path`` the file's path relative to the content folder's parent
    (``content/world/foo.md``), with ``/`` separators. Articles come in the
    order of their paths.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import stat
from functools import lru_cache
from pathlib import Path

import frontmatter
import yaml

from timeline import lang
from timeline.model import Article, Warning, printable

__all__ = [
    "ArticleError",
    "DEFAULT_MAX_BYTES",
    "SUFFIXES",
    "article_paths",
    "clean_body",
    "load_article",
    "load_content",
    "parse_date",
    "read_article",
]

#: Files larger than this are not read (``max_bytes`` changes it).
DEFAULT_MAX_BYTES = 5 * 1024 * 1024

#: Article formats by file suffix (lower case).
SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
}

#: Files kept beside articles that are not articles (images, media, styles,
#: data, documents): skipped silently, like ``README`` files.
ASSET_SUFFIXES = frozenset(
    ".png .jpg .jpeg .gif .webp .avif .svg .ico .bmp .tif .tiff .heic "
    ".mp3 .m4a .ogg .oga .wav .flac .mp4 .m4v .webm .mov .avi .mkv "
    ".css .js .map .json .yml .yaml .toml .csv .tsv .xml "
    ".woff .woff2 .ttf .otf .eot .pdf .zip .gz .bib".split()
)

#: File names (lower case) that describe a folder rather than hold an article.
NOT_ARTICLES = frozenset(
    {"readme.md", "readme.markdown", "readme.txt", "readme.html", "readme.htm", "readme",
     "index.md", "index.markdown"}
)

#: The earliest and latest publication years accepted.
MIN_YEAR, MAX_YEAR = 1000, 2200

#: Front-matter keys some tools use for the publication date: named in the
#: warning when ``date`` is missing, never used silently.
DATE_KEY_ALIASES = ("published", "pubdate", "publication_date", "date_published", "created")

_WHY_DATE = "the publication date is needed to resolve 'last month', 'Thursday', ..."
_DATE_HINT = "write it as YYYY-MM-DD, e.g. 'date: 2021-04-15'"
_YAML = frontmatter.YAMLHandler()
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ][0-9:.,]+(?:Z|[+-]\d{2}(?::?\d{2})?)?")
_NUMERIC_DATE = re.compile(r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})")
_LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
_ATX_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]([^\n]*)", re.M)
_CONTROL_IN_BODY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_IN_FIELD = re.compile("[\t\n\u2028\u2029]")
#: ECMA-48 sequences: CSI (ESC [ or U+009B, parameters, a final byte), OSC
#: (ESC ], text, BEL or ESC \\) and two-character escapes. Bounded: linear time.
_TERMINAL_ESCAPE = re.compile(
    "(?:\x1b\\[|\x9b)[0-?]{0,64}[ -/]{0,16}[@-~]|\x1b\\][^\x07\x1b\n]{0,512}(?:\x07|\x1b\\\\)|\x1b[@-_]")
_SETEXT_HEADING = re.compile(r"^[ \t]{0,3}(\S[^\n]*)\n[ \t]{0,3}=+[ \t]*$", re.M)
_DATEPARSER_SETTINGS = {
    # Absolute dates only ("yesterday" and "2 days ago" need a "today" we
    # don't have), with day, month and year all written.
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
}


class _TextDatesLoader(yaml.SafeLoader):
    """SafeLoader that leaves timestamps as text."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class ArticleError(ValueError):
    """A file that cannot be loaded as an article; ``warning`` says why."""

    def __init__(self, warning: Warning):
        super().__init__(str(warning))
        self.warning = warning


class _Fatal(Exception):
    """Internal: the file cannot be used (message only; the path is added later)."""


class _Draft(Exception):
    """Internal: the file is a draft (``draft: true``), kept off the site."""


# ---------------------------------------------------------------------------
# The folder
# ---------------------------------------------------------------------------


def _skipped_name(name: str) -> bool:
    return name.startswith((".", "_"))


def article_paths(
    root: str | os.PathLike, *, follow_links: bool = False
) -> tuple[list[Path], list[tuple[Path, str]]]:
    """``(articles, refused)``: the candidate article files under ``root``,
    and ``(path, reason)`` for each file that is neither an article nor
    skipped silently (hidden and underscored names, ``README``/``index``
    pages, assets such as images), both sorted by their path relative to
    ``root``.

    Symbolic links: a link to a file inside ``root`` is read; a link to a
    file outside it, or to a folder, is refused unless ``follow_links``
    (then folders are followed too, each real folder once: no cycles).
    FIFOs, sockets and devices are refused (reading one would hang)."""
    root = Path(root)
    real_root = os.path.realpath(root)
    found: list[tuple[str, Path]] = []
    refused: list[tuple[str, Path, str]] = []
    seen: set[tuple[int, int]] = set()

    def inside(path: Path) -> bool:
        real = os.path.realpath(path)
        return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)

    def refuse(path: Path, reason: str) -> None:
        refused.append((path.relative_to(root).as_posix(), path, reason))

    folders = [root]  # a stack, not recursion: folders may nest thousands deep
    while folders:
        folder = folders.pop()
        try:
            st = folder.stat()
            if (st.st_dev, st.st_ino) in seen:
                continue  # a link back to a folder already read
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as e:
            if folder != root:
                refuse(folder, f"the folder cannot be read: {e.strerror or e}")
            continue
        for entry in entries:
            if _skipped_name(entry.name):
                continue
            path = Path(entry.path)
            try:
                if entry.is_symlink():
                    try:
                        mode = path.stat().st_mode
                    except OSError:
                        refuse(path, "is a broken link: skipped")
                        continue
                    if not follow_links and stat.S_ISDIR(mode):
                        refuse(path, "is a link to a folder: not followed (set 'follow_links: true' to follow links)")
                        continue
                    if not follow_links and not inside(path):
                        refuse(path, "is a link to a file outside the content folder: not followed "
                                     "(set 'follow_links: true' to follow links)")
                        continue
                else:
                    mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as e:
                refuse(path, f"cannot be read: {e.strerror or e}")
                continue
            if stat.S_ISDIR(mode):
                folders.append(path)
                continue
            name = entry.name.lower()
            suffix = Path(name).suffix
            if name in NOT_ARTICLES or (suffix in ASSET_SUFFIXES and suffix not in SUFFIXES):
                continue
            if not stat.S_ISREG(mode):
                refuse(path, f"is not a regular file ({_file_kind(mode)}): skipped")
            elif suffix in SUFFIXES:
                found.append((path.relative_to(root).as_posix(), path))
            else:
                refuse(path, f"unsupported file type {suffix or '(no suffix)'!r}: skipped "
                             f"(articles are {', '.join(SUFFIXES)} files)")

    return [p for _, p in sorted(found)], [(p, r) for _, p, r in sorted(refused)]


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"))
    return next((name for test, name in kinds if test(mode)), "not a plain file")


def load_content(
    root: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES, follow_links: bool = False,
    read=None,
) -> tuple[list[Article], list[Warning]]:
    """Every article under ``root`` (sorted by path) and a warning for each
    problem found; a file with a fatal problem is left out, the rest load.
    Drafts (``draft: true``) are left out silently. ``read`` stands in for
    :func:`read_article` (the pipeline's, which remembers unchanged files)."""
    read = read or read_article
    root = Path(root)
    shown = _display_root(root)
    if not root.exists():
        return [], [Warning(shown, "content folder not found")]
    if not root.is_dir():
        return [], [Warning(shown, "is not a folder")]
    paths, refused = article_paths(root, follow_links=follow_links)
    articles: list[Article] = []
    warnings = [Warning(_display_path(path, root)[0], reason) for path, reason in refused]
    for path in paths:
        article, problems = read(path, root, max_bytes=max_bytes)
        warnings.extend(problems)
        if article is not None:
            articles.append(article)
    warnings.sort(key=lambda w: w.path)
    return articles, warnings


# ---------------------------------------------------------------------------
# One file
# ---------------------------------------------------------------------------


def load_article(
    path: str | os.PathLike, root: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Article:
    """The article in ``path`` (a file under the content folder ``root``).

    Raises :class:`ArticleError` when the file cannot be used. Problems that
    only drop an optional field (a bad ``url``) are ignored here; use
    :func:`read_article` to see them.
    """
    article, warnings = read_article(path, root, max_bytes=max_bytes)
    if article is None:
        raise ArticleError(warnings[-1] if warnings else Warning(_display_path(Path(path), Path(root))[0],
                                                                 "is a draft ('draft: true'): not published"))
    return article


def read_article(
    path: str | os.PathLike, root: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES,
    drafts: bool = False,
) -> tuple[Article | None, tuple[Warning, ...]]:
    """The article in ``path`` (``None`` if it cannot be used) and every
    problem found in it, each a :class:`Warning` naming the file. A draft
    (``draft: true``) is ``(None, ())`` unless ``drafts``."""
    path, root = Path(path), Path(root)
    shown, topic = _display_path(path, root)
    notes: list[str] = []
    try:
        article = _read(path, shown, topic, max_bytes, notes, drafts)
    except _Draft:
        return None, tuple(Warning(shown, m, left_out=False) for m in notes)
    except _Fatal as problem:
        return None, tuple(Warning(shown, m) for m in [*notes, str(problem)])
    except Exception as e:  # a library failed on odd input: report it, go on
        return None, tuple(Warning(shown, m) for m in [*notes, f"could not be loaded ({type(e).__name__}: {e})"])
    return article, tuple(Warning(shown, m, left_out=False) for m in notes)


def _display_root(root: Path) -> str:
    return Path(os.path.abspath(root)).name or root.as_posix()


def _display_path(path: Path, root: Path) -> tuple[str, str]:
    """(path relative to the root's parent, topic) with ``/`` separators."""
    root_abs = Path(os.path.abspath(root))
    path_abs = Path(os.path.abspath(path))
    try:
        inside = path_abs.relative_to(root_abs)
    except ValueError:  # not under root: show it as given
        return printable(path.as_posix()), ""
    shown = (Path(root_abs.name) / inside).as_posix() if root_abs.name else inside.as_posix()
    topic = inside.parent.as_posix()
    return printable(shown), "" if topic == "." else printable(topic)


def _read(path: Path, shown: str, topic: str, max_bytes: int, notes: list[str], drafts: bool) -> Article:
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise _Fatal(f"unsupported file type {path.suffix or '(no suffix)'!r}")
    data = _read_bytes(path, max_bytes)
    text = _decode(data, html=fmt == "html")
    if isinstance(text, str):
        text = clean_body(text.replace("\r\n", "\n").replace("\r", "\n"))
    meta, body = _split_front_matter(text)
    if not drafts and _draft(meta.get("draft"), notes):
        raise _Draft
    page: dict = {}
    if fmt == "html":
        body, page = _html_text(body)
        body = clean_body(body)
    if not body.strip():
        raise _Fatal("the article has no text" + (" after the front matter" if meta else ""))

    language = _language(meta.get("language"), notes)
    dct = _front_matter_date(meta, page, fmt, language)
    title = _text_field(meta, "title", notes) or _clean(page.get("title")) or _first_heading(body, fmt)
    return Article(
        path=shown,
        title=title or _title_from_name(shown),
        dct=dct,
        body=body,
        source=_text_field(meta, "source", notes),
        url=_url(meta["url"], notes) if "url" in meta else _url(page.get("url"), []),
        author=_author(meta.get("author", page.get("author")), notes),
        tags=_tags(meta.get("tags"), notes),
        language=language,
        topic=topic,
        format=fmt,
    )


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        # Non-blocking: opening a FIFO must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise _Fatal(f"is not a regular file ({_file_kind(st.st_mode)}): skipped")
            if st.st_size > max_bytes:
                raise _Fatal(
                    f"the file is {_size(st.st_size)}, over the {_size(max_bytes)} limit for an article: skipped"
                )
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise _Fatal(f"the file cannot be read: {e.strerror or e}") from None
    if len(data) > max_bytes:  # grew while we looked
        raise _Fatal(f"the file is over the {_size(max_bytes)} limit for an article: skipped")
    if not data.strip():
        raise _Fatal("the file is empty")
    return data


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _decode(data: bytes, *, html: bool) -> str | bytes:
    """UTF-8 (BOM optional) or BOM-marked UTF-16 text. HTML that is not
    UTF-8 is returned as bytes for trafilatura (it reads ``<meta charset>``)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise _Fatal(f"the file is not valid UTF-16 (byte offset {e.start})") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise _Fatal(f"the file is not text (NUL byte at byte offset {nul})")
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as e:
        if html and not data.lstrip().startswith(b"---"):
            return data
        offset = bom + e.start
        line = data.count(b"\n", 0, offset) + 1
        raise _Fatal(
            f"the file is not valid UTF-8: byte 0x{data[offset]:02x} at byte offset {offset} (line {line}); "
            "save the file as UTF-8"
        ) from None


def _split_front_matter(text: str | bytes) -> tuple[dict, str | bytes]:
    """(metadata, body): the YAML between the first two ``---`` lines and
    the text after the closing line, exactly. No front matter: ({}, text)."""
    if isinstance(text, bytes) or not _YAML.detect(text.lstrip()):
        return {}, text
    opening = _YAML.FM_BOUNDARY.search(text)
    open_end = text.find("\n", opening.start())
    closing = _YAML.FM_BOUNDARY.search(text, open_end + 1) if open_end >= 0 else None
    if closing is None:
        raise _Fatal("front matter starts with '---' but has no closing '---' line")
    close_end = text.find("\n", closing.start())
    yaml_text = text[open_end + 1 : closing.start()]
    body = "" if close_end < 0 else text[close_end + 1 :]
    first_line = text.count("\n", 0, open_end + 1) + 1
    try:
        try:
            meta = _YAML.load(yaml_text)
        except ValueError:
            # A YAML timestamp that is no date ("2021-02-30"): read the
            # values as text so that parse_date names the problem.
            meta = _YAML.load(yaml_text, Loader=_TextDatesLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {first_line + mark.line})" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise _Fatal(f"front matter is not valid YAML{where}: {problem}") from None
    except RecursionError:
        raise _Fatal("front matter is nested too deeply to read") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise _Fatal(f"front matter must be 'key: value' lines, not a {type(meta).__name__}")
    if _expanded_size(meta) > MAX_FRONT_MATTER_VALUES:
        # YAML aliases share one value, so a few hundred bytes can stand for
        # billions of values once anything walks them (an "alias bomb").
        raise _Fatal(f"front matter holds more than {MAX_FRONT_MATTER_VALUES:,} values once its YAML "
                     "aliases (*name) are expanded, or refers to itself: skipped")
    return {str(k).strip().lower(): v for k, v in meta.items()}, body


#: Front matter that stands for more values than this (counting each alias
#: as a copy) is refused.
MAX_FRONT_MATTER_VALUES = 10_000


def _expanded_size(value: object, limit: int = MAX_FRONT_MATTER_VALUES) -> int:
    """How many values ``value`` holds with every shared (aliased) part
    counted as often as it is used; more than ``limit`` once it is clear
    that it exceeds it, or that it contains itself."""
    sizes: dict[int, int] = {}
    open_: set[int] = set()

    def size(v: object) -> int:
        if isinstance(v, dict):
            items: list = [*v.keys(), *v.values()]
        elif isinstance(v, (list, tuple, set, frozenset)):
            items = list(v)
        else:
            return 1
        key = id(v)
        if key in sizes:
            return sizes[key]
        if key in open_:
            return limit + 1
        open_.add(key)
        n = 1
        for item in items:
            n += size(item)
            if n > limit:
                break
        open_.discard(key)
        sizes[key] = n
        return n

    return size(value)


def _shown(value: object, limit: int = 60) -> str:
    """A front-matter value as a message quotes it (use ``!r``): a scalar as
    one line of at most ``limit`` characters, anything else by its type."""
    if not isinstance(value, (str, int, float, _dt.date)) or isinstance(value, bool):
        return f"<{type(value).__name__}>"
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------


def _html_text(html: str | bytes) -> tuple[str, dict]:
    """The article text of a web page (paragraphs separated by blank lines)
    and what its metadata says: title, date, author, url."""
    import htmldate  # imported here: only HTML articles pay for it
    import trafilatura
    from trafilatura.utils import load_html  # parses; never fetches

    try:
        extracted = trafilatura.extract(
            html,
            output_format="txt",
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            with_metadata=False,
        )
        meta = trafilatura.extract_metadata(html)
    except Exception as e:  # lxml/trafilatura errors on malformed pages
        raise _Fatal(f"the HTML page could not be read: {e}") from None
    lines = [" ".join(line.split()) for line in (extracted or "").splitlines()]
    body = "\n\n".join(line for line in lines if line)
    page: dict = {}
    if meta is not None:
        for key in ("title", "author", "url"):
            value = getattr(meta, key, None)
            if isinstance(value, str) and value.strip():
                page[key] = " ".join(value.split())
    try:
        # A tree, never the text: htmldate downloads a string that looks like a URL.
        tree = load_html(html)
        found = tree is not None and htmldate.find_date(
            tree, extensive_search=False, original_date=True, outputformat="%Y-%m-%d"
        )
    except Exception:  # htmldate raises on unparsable input: no date then
        found = None
    if found:
        page["date"] = found
    return body, page


# ---------------------------------------------------------------------------
# Fields
# ---------------------------------------------------------------------------


def _front_matter_date(meta: dict, page: dict, fmt: str, language: str) -> _dt.date:
    value = meta.get("date")
    if value is None and "date" not in meta and page.get("date"):
        value = page["date"]
    if value is None or (isinstance(value, str) and not value.strip()):
        alias = next((k for k in DATE_KEY_ALIASES if k in meta), None)
        if alias:
            raise _Fatal(f"front matter 'date' is missing (found {alias!r}: rename it to 'date'; {_WHY_DATE})")
        if not meta and fmt != "html":
            raise _Fatal(
                "the file has no front matter, so no publication date "
                f"(start the file with '---', 'date: 2021-04-15', '---'; {_WHY_DATE})"
            )
        if fmt == "html" and "date" not in meta:
            raise _Fatal(f"no publication date in the page's metadata or front matter ({_WHY_DATE})")
        raise _Fatal(f"front matter 'date' is missing ({_WHY_DATE})")
    try:
        return parse_date(value, language)
    except ValueError as e:
        raise _Fatal(f"front matter 'date' {e}") from None


def parse_date(value: object, language: str = "en") -> _dt.date:
    """A publication date from a front-matter value.

    Raises ``ValueError`` with a message that completes "front matter 'date' ..."
    """
    if isinstance(value, _dt.datetime):
        day = value.date()
    elif isinstance(value, _dt.date):
        day = value
    elif isinstance(value, bool):
        raise ValueError(f"is {value!r}, not a date ({_DATE_HINT})")
    elif not isinstance(value, (str, int, float)):
        raise ValueError(f"is a {type(value).__name__}, not a date ({_DATE_HINT})")
    elif isinstance(value, (int, float)):
        raise ValueError(f"is the number {_shown(value)}, not a full date ({_DATE_HINT})")
    else:
        day = _parse_date_string(" ".join(value.split()), language)
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(
            f"is {day.isoformat()}: year {day.year} is outside {MIN_YEAR}-{MAX_YEAR} (a typo?)"
        )
    return day


@lru_cache(maxsize=4096)
def _parse_date_string(text: str, language: str) -> _dt.date:
    shown = repr(_shown(text))
    if _ISO_DAY.fullmatch(text):
        try:
            return _dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{shown} is not a valid date ({_DATE_HINT})") from None
    if _ISO_DATETIME.fullmatch(text):
        try:
            return _dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    numeric = _NUMERIC_DATE.fullmatch(text)
    if numeric:
        a, b, c = numeric.groups()
        if len(a) < 4 and len(c) < 4:
            raise ValueError(f"{shown} has a two-digit year, which is ambiguous ({_DATE_HINT})")
        if len(c) == 4 and int(a) <= 12 and int(b) <= 12 and a.lstrip("0") != b.lstrip("0"):
            raise ValueError(
                f"{shown} is ambiguous (day/month or month/day?) ({_DATE_HINT})"
            )
    if len(text) > 80:
        raise ValueError(f"{shown} is not a date ({_DATE_HINT})")
    import dateparser  # imported here: most articles use ISO dates

    languages = list(dict.fromkeys([language.split("-")[0].lower(), "en"]))
    try:
        parsed = dateparser.parse(text, languages=languages, settings=_DATEPARSER_SETTINGS)
    except Exception:  # dateparser raises on some odd input: treat as unparseable
        parsed = None
    if parsed is None:
        raise ValueError(f"{shown} is not a full date with day, month and year ({_DATE_HINT})")
    return parsed.date()


def clean_body(text: str) -> str:
    """``text`` with each terminal escape sequence (``ESC [31m``, an OSC
    title) and each other control character but tab and newline (form
    feed, NEL) replaced by spaces, and each lone surrogate by U+FFFD: the
    same length, so offsets are kept."""
    if not _CONTROL_IN_BODY.search(text):
        return text
    text = _TERMINAL_ESCAPE.sub(lambda m: " " * len(m.group()), text)
    return _CONTROL_IN_BODY.sub(lambda m: "\ufffd" if m.group() >= "\ud800" else " ", text)


def _clean(value: object) -> str | None:
    """A one-line text field: control characters and runs of white space
    become one space; ``None`` when nothing is left."""
    if value is None:
        return None
    text = " ".join(_CONTROL_IN_FIELD.sub(" ", clean_body(str(value))).split())
    return text or None


def _draft(value: object, notes: list[str]) -> bool:
    """Is ``draft`` set? YAML booleans and yes/no words; anything else is
    noted and taken as a draft (a draft published by mistake is worse)."""
    if value is None or value is False:
        return False
    if value is True:
        return True
    word = str(value).strip().lower() if isinstance(value, (str, int)) else None
    if word in ("false", "no", "off", "0", ""):
        return False
    if word not in ("true", "yes", "on", "1"):
        notes.append(f"front matter 'draft' should be true or false, not {_shown(value)!r}: taken as true")
    return True


def _text_field(meta: dict, key: str, notes: list[str]) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, (dict, list, tuple, set)):
        notes.append(f"front matter {key!r} should be text, not a {type(value).__name__}: ignored")
        return None
    return _clean(value)


def _author(value: object, notes: list[str]) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        names = [_clean(v) for v in value if v is not None and not isinstance(v, (dict, list))]
        text = ", ".join(n for n in names if n)
        return text or None
    return _text_field({"author": value}, "author", notes)


def _url(value: object, notes: list[str]) -> str | None:
    if value is None:
        return None
    text = value.strip() if isinstance(value, str) else ""
    if not re.match(r"https?://[^\s/$.?#\x00-\x1f\x7f-\x9f][^\s\x00-\x1f\x7f-\x9f]*$", text, re.I):
        notes.append(f"front matter 'url' {_shown(value, 80)!r} is not an http(s) address: ignored")
        return None
    return text


def _tags(value: object, notes: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, (list, tuple)):
        items = [v for v in value if isinstance(v, (str, int, float)) and not isinstance(v, bool)]
        if len(items) < len(value):
            notes.append("front matter 'tags' holds values that are not text: those were ignored")
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        items = [value]
    else:
        notes.append(f"front matter 'tags' should be a list or text, not a {type(value).__name__}: ignored")
        return ()
    tags = (_clean(t) for t in items)
    return tuple(dict.fromkeys(t for t in tags if t))


def _language(value: object, notes: list[str]) -> str:
    """The language whose tables read the article: a regional tag ("en-GB",
    "en_US") is its language ("en"); a language without tables, or a value
    that is no language code, is noted and read with the English tables."""
    if value is None:
        return lang.DEFAULT
    text = _shown(value)
    if not isinstance(value, str) or not _LANGUAGE_CODE.fullmatch(value.strip()):
        shown = repr(text) if isinstance(value, (str, int, float)) else f"a {type(value).__name__}"
        notes.append(f"front matter 'language' {shown} is not a language code like 'en': "
                     f"read with the English tables")
        return lang.DEFAULT
    code = lang.tables(value)
    if code != lang.primary(value):
        notes.append(f"front matter 'language' {text!r}: there are no tables for it yet (only for "
                     f"{', '.join(map(repr, lang.available()))}), so it is read with the English ones "
                     "and its dates in other languages are not found")
    return code


def _first_heading(body: str, fmt: str) -> str | None:
    """The text of the first Markdown heading: an ATX heading with text
    (``# Title #``: the closing hashes are dropped), else a Setext one."""
    if fmt != "markdown":
        return None
    for m in _ATX_HEADING.finditer(body):
        # Closing hashes by hand: a regex for them backtracks on long lines.
        text = m.group(1).rstrip(" \t")
        bare = text.rstrip("#")
        if bare != text and (not bare or bare[-1] in " \t"):
            text = bare
        title = (_clean(text) or "").strip("* _")  # **emphasis** around the whole heading
        if title:
            return title
    m = _SETEXT_HEADING.search(body)
    return (_clean(m.group(1)) or "").strip("* _") or None if m else None


def _title_from_name(shown: str) -> str:
    stem = shown.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] or stem
    title = " ".join(re.sub(r"[-_]+", " ", stem).split()) or stem
    return title[:1].upper() + title[1:]
