"""What Material's search plugin needs of a page, without what it skips.

Material for MkDocs indexes a page by feeding its HTML to an
``html.parser.HTMLParser`` that calls back into Python for every tag and
every piece of text: at 10,000 articles, most of MkDocs' own time on our
pages (each sentence, date and badge of ours is an element of its own). Of
all that markup the parser keeps only the headings (with ids), a few block
tags (``p``, lists, ``code``, ``pre``, ``sub``, ``sup``) and the text
outside elements marked ``data-search-exclude``.

:func:`searchable` returns a much smaller HTML that this parser turns into
the *same* index entries: inline elements (``span``, ``time``, ``mark``,
``a``, ...) and void ones are dropped with their text kept; an element the
parser does not write (``div``, ``section``, ``table``, ...) is dropped too
when no heading is inside it (its depth only matters to the sections that
headings open); the tags it writes keep their names only; headings stay as
they are; the inside of an excluded element is dropped (the parser skips
it). The parser's handling of whitespace between pieces of text (a piece of
only whitespace becomes one space, and none after another) is applied where
pieces are joined, so the titles and texts come out character for character
as from the full page (``tests/test_search_text.py``: every page of built
sites, random HTML, a whole MkDocs build). Anything this module does not
model (scripts, ``pre``, a ``<`` that opens no tag, a heading inside an
inline element, end tags out of order, an element inside an excluded one
with the same name) makes it return the page as it is: slower, never
different.
"""

from __future__ import annotations

import html
import re
import sys

#: A start or end tag (name as the parser reads it, then its attributes), or a comment.
#: A tag's attributes can be read one way only (a quote opens a quoted
#: value, anything else but ">" is taken as it comes): where Python has
#: possessive quantifiers (3.11), runs of them are taken at once and never
#: tried again (twice as fast: a tenth of the pages' search text).
_TOKEN = re.compile(r"<(/?)([a-zA-Z][^\t\n\r\f />\x00]*)"
                    + (r"((?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+)>" if sys.version_info >= (3, 11)
                       else r"((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
                    + r"|<!--(.*?)-->", re.S)
#: Elements with no end tag (HTML's void elements; the parser ignores them).
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
#: Inline elements (they hold no heading): dropped, their text kept.
INLINE = frozenset("a abbr b bdi bdo button cite data del dfn em i ins kbd label mark meter option optgroup "
                   "output progress q s samp select small span strong time u var".split())
HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
#: Not modelled: content the parser reads raw, whitespace it keeps, and
#: elements its skip list names for good.
_UNMODELLED = frozenset("script style textarea title xmp iframe noembed noframes noscript plaintext pre "
                        "object".split())
_ATTRIBUTE = re.compile(r"""([^\s/>=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")


class _Unmodelled(Exception):
    """The page holds markup :func:`searchable` does not model."""


def searchable(page: str) -> str:
    """``page`` with only what Material's search parser reads (see the module)."""
    try:
        return _lighten(page)
    except _Unmodelled:
        return page


#: An attribute Material's search plugin removes from a page once it has
#: read it (it removes ``\s?data-search-\w+="[^"]+"``, see :func:`without_search_attributes`).
_SEARCH_ATTRIBUTE = re.compile(r'data-search-\w+="[^"]+"')


def without_search_attributes(page: str) -> str:
    r"""``page`` as Material's search plugin leaves it once it has read it:
    ``re.sub(r'\s?data-search-\w+="[^"]+"', "", page)``, which starts with
    an optional character and so is tried at every position of the page (a
    tenth of MkDocs' time on our pages). The same matches, found from their
    first fixed letters: an attribute, with the whitespace character just
    before it (the optional ``\s``, taken when there is one: ``\s`` is
    what ``str.isspace`` says of one character)."""
    if "data-search-" not in page:
        return page
    out: list[str] = []
    position = 0
    for m in _SEARCH_ATTRIBUTE.finditer(page):
        start = m.start()
        if start > position and page[start - 1].isspace():
            start -= 1
        out.append(page[position:start])
        position = m.end()
    out.append(page[position:])
    return "".join(out)


#: What a page file of ours carries after its HTML when it brings its own
#: search text (made where the page is rendered: on every core on a cold
#: build), then the page's length and a hash of the HTML it was made from.
MARK = "\n<!-- timeline: search text "
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def _digest(html_text: str) -> str:
    import hashlib

    return hashlib.blake2b(html_text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def with_search_text(text: str) -> str:
    """A page file (front matter, then HTML) with its search text after it
    (see :func:`split`)."""
    m = _FRONT_MATTER.match(text)
    body = text[m.end():].lstrip("\n") if m else text
    return f"{text}{MARK}{len(text)} {_digest(body)} -->\n{searchable(body)}"


def split(content: str, body_of) -> tuple[str, str | None]:
    """A page file's HTML (``body_of`` takes the front matter off a text)
    and the search text it carries, when that was made from this HTML (else
    ``None``). The mark says where the page ends (the HTML itself may hold
    the mark's words, and so may a search text that is the page as it is)
    and the hash of the HTML the search text was made from."""
    start = 0
    while (at := content.find(MARK, start)) >= 0:
        end = content.find(" -->\n", at + len(MARK))
        if end < 0:
            break
        length, _, digest = content[at + len(MARK):end].partition(" ")
        if length.isdigit() and int(length) == at:
            body = body_of(content[:at])
            return body, content[end + 5:] if _digest(body) == digest else None
        start = at + 1
    return body_of(content), None


def _lighten(page: str) -> str:
    out: list[str] = []
    # Not yet written: pieces of text and the start tags of open elements
    # that may yet be dropped (a _Start each), up to the next tag that the
    # parser writes into the index (then they are written, see _flush).
    pending: list = []
    # The open elements: name, kind (_INLINE, _KEPT or _BLOCK), and for a
    # block its _Start and how many headings had ended when it started.
    names: list[str] = []
    kinds: list[int] = []
    marks: list[tuple[_Start, int]] = []
    dropped = 0  # open inline elements
    headings = 0  # headings copied so far
    heading = 0  # inside a heading (copied as it is when it ends): its depth
    copied: list[str] = []  # the heading's markup and text so far
    excluded = 0  # inside an element the parser skips: its depth
    separate = False  # the tags of a dropped element were the last thing written
    tokens_started = 0  # whether a start tag (not a void one) was seen
    # (split: the text before each token, then its groups; no match objects)
    parts = _TOKEN.split(page)
    if (len(parts) - 1) // 5 != page.count("<"):
        raise _Unmodelled  # a "<" that opens no tag (a declaration, markup in a comment, ...)
    items = iter(parts)
    text = next(items)
    for closing, name, raw, comment, after in zip(items, items, items, items, items):
        if heading:
            copied.append(text)
            copied.append(f"<!--{comment}-->" if name is None else f"<{closing}{name}{raw}>")
        elif text and not excluded:
            pending.append(text)
        text = after
        if name is None:
            continue  # a comment: it only separates pieces of text
        written = name
        if not name.islower():
            name = name.lower()
        if name in _UNMODELLED:
            raise _Unmodelled
        if closing:
            if not names or names[-1] != name:
                raise _Unmodelled  # an end tag the parser ignores
            depth = len(names)
            names.pop()
            if heading:
                if depth == heading:
                    out.append("".join(copied))
                    heading = 0
                    headings += 1
                continue
            kind = kinds.pop()
            if kind == _INLINE:
                dropped -= 1
            elif kind == _KEPT:
                separate = _flush(pending, out, separate)
                out.append(f"</{name}>")
            else:
                tag, seen = marks.pop()
                if seen != headings:  # a heading inside: the element stays
                    separate = _flush(pending, out, separate)
                    out.append(f"</{name}>")
                elif tag.at < 0:  # not written yet: its start tag only separated pieces of text
                    del pending[len(pending) - 1 - pending[::-1].index(tag)]
                else:
                    # Written (a tag the parser writes was inside): neither
                    # its tags nor, with no heading inside, its depth matter.
                    separate = _flush(pending, out, separate)
                    if excluded:
                        del out[tag.at:]  # (skipped: no text inside)
                    elif 0 < tag.at < len(out) - 1 and _text_at_end(out[tag.at - 1]) \
                            and not out[tag.at + 1].startswith("<"):
                        out[tag.at] = "<!---->"  # (text on either side stays two pieces)
                    else:
                        del out[tag.at]
                    separate = True
                if depth == excluded:
                    excluded = 0
            continue
        void = name in VOID
        if raw and raw[-1:] == "/" and not void and raw.rstrip().endswith("/"):
            raise _Unmodelled  # <div/>: opened and closed at once
        if void:
            continue  # ignored by the parser: dropped
        if heading:
            names.append(name)
            continue
        if tokens_started == 0:
            tokens_started = 1
            if not out and not pending and name not in HEADINGS:
                out.append("<i></i>")  # the first start tag opens the parser's first section: kept so
        skip = raw and ("data-search-exclude" in raw or "linenodiv" in raw) and _skipped(raw)
        if excluded and (name == names[excluded - 1] or skip):
            raise _Unmodelled  # its end would end the skipping early
        if name in INLINE and not skip:
            names.append(name)
            kinds.append(_INLINE)
            dropped += 1
            continue
        if dropped:
            raise _Unmodelled  # inside a dropped element: depths would differ
        names.append(name)
        if name in HEADINGS:
            separate = _flush(pending, out, separate)
            heading = len(names)  # (copied when it ends)
            copied = [f"<{written}{raw}>"]
            continue
        if name in KEEP and not excluded and not skip:
            kinds.append(_KEPT)
            separate = _flush(pending, out, separate)
            out.append(f"<{name}>")
            continue
        kinds.append(_BLOCK)
        tag = _Start(f"<{name} data-search-exclude>" if skip else f"<{name}>")
        marks.append((tag, headings))
        pending.append(tag)
        if skip:
            excluded = len(names)
    if text:
        pending.append(text)
    if names:
        raise _Unmodelled  # elements left open at the end
    _flush(pending, out, separate)
    return "".join(out)


class _Start:
    """The start tag of an element that may yet be dropped, and where it
    was written in the output (-1: not yet)."""

    __slots__ = ("text", "at")

    def __init__(self, text: str):
        self.text = text
        self.at = -1


_INLINE, _KEPT, _BLOCK = 0, 1, 2
#: What the parser writes into the index of the markup.
KEEP = frozenset("p code pre li ol ul sub sup".split())


def _skipped(raw: str) -> bool:
    """Whether a start tag's attributes make the parser skip the element."""
    attrs = _attributes(raw)
    return "data-search-exclude" in attrs or attrs.get("class") == "linenodiv"


def _flush(pending: list, out: list[str], separate: bool) -> bool:
    """Write what is pending: each run of pieces of text as one, as the
    parser reads them one by one (a piece of only whitespace is one space,
    and adds nothing after another such piece; a blank piece at either end
    of a run stays a piece of its own, behind a comment: whether it counts
    depends on what is around the run), and the start tags in between.
    Whether the last thing written is a dropped element's tags (``separate``
    as it was, or False)."""
    if not pending:
        return separate
    run: list[str] = []
    for item in pending:
        if isinstance(item, str):
            run.append(item)
            continue
        if run:
            _run(run, out, separate)
            run = []
        item.at = len(out)
        out.append(item.text)
        separate = False
    if run:
        _run(run, out, separate)
    pending.clear()
    return False


def _run(pieces: list[str], out: list[str], separate: bool) -> None:
    if separate and out and _text_at_end(out[-1]):
        out.append("<!---->")
    if len(pieces) == 1:
        out.append(pieces[0])
        return
    blank = [_blank(p) for p in pieces]
    if all(blank):
        out.append(" ")  # (read as its first piece alone would be)
        return
    first = blank.index(False)
    last = len(blank) - 1 - blank[::-1].index(False)
    if first:
        out.append(" <!---->")
    previous_blank = False
    for k in range(first, last + 1):
        if not blank[k]:
            out.append(pieces[k])
        elif not previous_blank:
            out.append(" ")
        previous_blank = blank[k]
    if last < len(pieces) - 1:
        out.append("<!----> ")


def _text_at_end(item: str) -> bool:
    """Whether an item of the output ends in text (text holds no "<")."""
    return not item.endswith(">") or "<" not in item


def _blank(piece: str) -> bool:
    return (html.unescape(piece) if "&" in piece else piece).isspace()


def _attributes(raw: str) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for m in _ATTRIBUTE.finditer(raw):
        name, value = m.group(1).lower(), m.group(2)
        if value is not None and value[:1] in "\"'":
            value = value[1:-1]
        found.setdefault(name, html.unescape(value) if value is not None else None)
    return found
