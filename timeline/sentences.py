"""Sentences and clause candidates, as exact ``str`` offsets into a text.

``split_sentences(text)`` is tuned for news and Markdown:

* A blank line always ends a sentence; a single line break never does
  (hard-wrapped paragraphs stay whole).
* Markdown headings, list items and block quotes start a new sentence; their
  markers (``## ``, ``- ``, ``1. ``, ``> ``) lie outside the spans. Rules
  (``---``, ``***``) and setext underlines are not sentences.
* A period ends a sentence when the next word does not start in lower case,
  unless the word before it is an abbreviation: titles ("Mr.", "Dr.",
  "Sen.") never end one; others ("Inc.", "Dec.", "U.S.", "a.m.", "No.",
  initials "J.") only when the next word usually starts a sentence ("The",
  "In", "He"): "the U.S. Treasury" stays whole, "in the U.S. The" splits.
* Closing quotes and brackets after the terminator belong to the sentence
  (``he said."``, ``...”``). "?" and "!" end a sentence unless a lower-case
  word follows (``“Why?” he asked.``); an ellipsis only before a capital.
* Decimals, times and URLs ("3.5%", "10.30", "example.com/a.b") never split:
  a terminator must be followed by white space or the end of the text.
* A quotation that closes later in the same paragraph is not split inside
  (``“We acted. We had to,” he said.`` is one sentence: the quote stays with
  its attribution). ``keep_quotes=False`` turns this off.

Words come from ``timeline/lang/<language>_sentences.py`` (English when a
language has none); the engine here holds none. Everything is regular expressions over the text plus constant
work per candidate boundary: linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from timeline.lang import module as lang_module

__all__ = ["split_sentences", "split_clauses"]

Span = tuple[int, int]

# Blank lines (lines holding only white space) separate paragraphs.
_PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t\r\f\v]*\n)+")
# A paragraph holding any of these line starts is walked line by line.
_STRUCTURE = re.compile(
    r"^[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]|\d{1,3}[.)][ \t]|>"
    r"|([-*_=])[ \t]*(?:\1[ \t]*){2,}\r?$)",
    re.M,
)
_RULE_LINE = re.compile(r"[ \t]{0,3}([-*_=])[ \t]*(?:\1[ \t]*){2,}\r?$")
_HEADING = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]+|(?=\r?$))")
_LIST_ITEM = re.compile(r"[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+")
_BLOCK_QUOTE = re.compile(r"[ \t]{0,3}>[ \t]?")
_HAS_WORD = re.compile(r"\w")
_QUOTE_CHARS = frozenset("\"'“‘«„`")
_DOTTED = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")


@dataclass(frozen=True)
class _Tables:
    """One language's data, compiled."""

    terminator: re.Pattern
    next_word: re.Pattern
    quotes: re.Pattern
    opening: frozenset
    closing: frozenset
    neutral: frozenset
    non_final: frozenset
    final: frozenset
    starters: frozenset
    places: frozenset
    clause: re.Pattern


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=None)
def _tables(language: str = "en") -> _Tables:
    lang = lang_module("sentences", language)
    closers = re.escape(lang.CLOSERS)
    openers = re.escape(lang.OPENERS)
    quote_marks = set(lang.OPENING_QUOTES) | set(lang.CLOSING_QUOTES) | set(lang.NEUTRAL_QUOTES)
    comma = _alternation(lang.COMMA_CONJUNCTIONS)
    bare = _alternation(lang.BARE_CONJUNCTIONS)
    return _Tables(
        # Terminator run, then closing quotes/brackets, then white space or the end.
        terminator=re.compile(rf"[.!?…]+[{closers}]*(?=\s|$)"),
        # White space, opening punctuation, then the next word.
        next_word=re.compile(rf"\s+([{openers}]*)([\w'’&-]*)"),
        quotes=re.compile(_alternation(quote_marks)),
        opening=frozenset(lang.OPENING_QUOTES),
        closing=frozenset(lang.CLOSING_QUOTES),
        neutral=frozenset(lang.NEUTRAL_QUOTES),
        non_final=frozenset(lang.NON_FINAL_ABBREVIATIONS),
        final=frozenset(lang.FINAL_ABBREVIATIONS),
        starters=frozenset(lang.SENTENCE_STARTERS),
        places=frozenset(getattr(lang, "PLACE_ABBREVIATIONS", ())),
        clause=re.compile(
            rf"(?P<semi>;)|(?P<comma>,)\s+(?=(?:{comma})\b)|(?<=\s)(?=(?:{bare})\b)"
        ),
    )


# ---------------------------------------------------------------------------
# Blocks: paragraphs and Markdown structure
# ---------------------------------------------------------------------------


def _paragraphs(text: str):
    """(start, end) of each paragraph; ``start`` is always at a line start."""
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()
    if pos < len(text):
        yield pos, len(text)


def _heading_end(text: str, start: int, end: int) -> int:
    """End of a heading's text: without trailing white space and closing #s."""
    e = len(text[start:end].rstrip())
    body = text[start : start + e]
    stripped = body.rstrip("#")
    if len(stripped) < len(body) and (not stripped or stripped[-1] in " \t"):
        e = len(stripped.rstrip())
    return start + e


def _blocks(text: str):
    """(start, end) of runs of text that sentences may not cross."""
    for ps, pe in _paragraphs(text):
        if not _STRUCTURE.search(text, ps, pe):
            yield ps, pe
            continue
        block_start = None  # start of the open block
        quoting = False  # the open block is a block quote
        i = ps
        while i < pe:
            j = text.find("\n", i, pe)
            line_end = pe if j < 0 else j
            nxt = pe if j < 0 else j + 1
            if _RULE_LINE.match(text, i, line_end):
                if block_start is not None:
                    yield block_start, i
                block_start = None
            elif m := _HEADING.match(text, i, line_end):
                if block_start is not None:
                    yield block_start, i
                yield m.end(), _heading_end(text, m.end(), line_end)
                block_start = None
            elif m := _LIST_ITEM.match(text, i, line_end):
                if block_start is not None:
                    yield block_start, i
                block_start, quoting = m.end(), False
            elif m := _BLOCK_QUOTE.match(text, i, line_end):
                if block_start is None or not quoting:
                    if block_start is not None:
                        yield block_start, i
                    block_start, quoting = m.end(), True
            elif block_start is None:
                block_start, quoting = i, False
            i = nxt
        if block_start is not None:
            yield block_start, pe


# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------


def _quotations(text: str, start: int, end: int, t: _Tables) -> list[Span]:
    """(open, close) positions of quotations that close inside ``[start, end)``."""
    spans: list[Span] = []
    curly = None
    straight = None
    for m in t.quotes.finditer(text, start, end):
        q = m.group()
        if q in t.opening:
            if curly is None:
                curly = m.start()
        elif q in t.closing:
            if curly is not None:
                spans.append((curly, m.start()))
                curly = None
        elif straight is None:
            straight = m.start()
        else:
            spans.append((straight, m.start()))
            straight = None
    spans.sort()
    return spans


def _word_start(text: str, pos: int, floor: int) -> int:
    """Start of the white-space-delimited token ending at ``pos``."""
    i = pos
    limit = max(floor, pos - 40)
    while i > limit and not text[i - 1].isspace():
        i -= 1
    return i


def _ends_sentence(text: str, m: re.Match, nxt: re.Match, floor: int, t: _Tables) -> bool:
    """Does the terminator ``m``, followed by ``nxt``, end a sentence?"""
    word_start = nxt.end(1)
    first = text[word_start] if word_start < len(text) else ""
    if first.islower():
        return False
    run = text[m.start() : m.end()].rstrip("\"'”’»)]}")
    if "?" in run or "!" in run:
        return True
    quoted = any(c in _QUOTE_CHARS for c in nxt.group(1))
    if run != ".":  # ellipsis
        return first.isupper() or first.isdigit() or quoted
    ws = _word_start(text, m.start(), floor)
    word = text[ws : m.start()].lstrip("\"'“‘«([{")
    if word in t.non_final:
        return False
    next_word = nxt.group(2)
    if word in t.places and text[max(floor, ws - 2) : ws].rstrip().endswith(","):
        return first.isupper() and "(" not in nxt.group(1)
    if (
        word in t.final
        or (len(word) == 1 and word.isupper())
        or _DOTTED.fullmatch(word)
    ):
        return next_word in t.starters or (quoted and first.isupper())
    return True


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_block(text: str, start: int, end: int, keep_quotes: bool, t: _Tables, out: list) -> None:
    quotes = _quotations(text, start, end, t) if keep_quotes else []
    qi = 0
    sentence_start = start
    for m in t.terminator.finditer(text, start, end):
        nxt = t.next_word.match(text, m.end(), end)
        if nxt is None:  # nothing follows in this block
            break
        if not _ends_sentence(text, m, nxt, start, t):
            continue
        if quotes:
            while qi < len(quotes) and quotes[qi][1] < m.end():
                qi += 1
            if qi < len(quotes) and quotes[qi][0] < m.start():
                continue  # inside a quotation that closes later
        _emit(text, sentence_start, m.end(), out)
        sentence_start = nxt.start(1)
    _emit(text, sentence_start, end, out)


def _emit(text: str, start: int, end: int, out: list) -> None:
    s, e = _trim(text, start, end)
    if s < e and _HAS_WORD.search(text, s, e):
        out.append((s, e))


def split_sentences(text: str, *, keep_quotes: bool = True, language: str = "en") -> list[Span]:
    """The sentences of ``text`` as ``(start, end)`` offsets, in order.

    Spans are trimmed of surrounding white space, never overlap and hold at
    least one word character; ``text[start:end]`` is the sentence exactly.
    """
    t = _tables(language)
    out: list[Span] = []
    for bs, be in _blocks(text):
        _split_block(text, bs, be, keep_quotes, t, out)
    return out


# ---------------------------------------------------------------------------
# Clauses
# ---------------------------------------------------------------------------


def split_clauses(text: str, start: int = 0, end: int | None = None, *, language: str = "en") -> list[Span]:
    """Clause candidates of the sentence ``text[start:end]``, as absolute offsets.

    A clause ends at ";" and before a conjunction from the language table:
    after a comma (", and", ", but", ", which", ", after" ...) or, for
    subordinators ("because", "after", "although" ...), after any space. The
    separating ";" or "," is left out of both clauses; the conjunction starts
    the next one. These are candidates: callers decide which to use (e.g.
    only where each side holds its own date).
    """
    if end is None:
        end = len(text)
    t = _tables(language)
    out: list[Span] = []
    clause_start = start
    for m in t.clause.finditer(text, start, end):
        cut = m.start()
        _emit_clause(text, clause_start, cut, out)
        clause_start = m.end()
    _emit_clause(text, clause_start, end, out)
    return out


def _emit_clause(text: str, start: int, end: int, out: list) -> None:
    s, e = _trim(text, start, end)
    while e > s and text[e - 1] in ",;":
        e -= 1
    s, e = _trim(text, s, e)
    if s < e and _HAS_WORD.search(text, s, e):
        out.append((s, e))
