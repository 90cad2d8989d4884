"""Tokens and their lexical classes.

The text is cut into tokens by one regular expression; each token gets a
*class* (a lexicon category from the language tables, or a shape class for
numbers and punctuation) and a value. The classes, one character per token,
form a "class string" over which the rules of :mod:`timeline.timex.grammar`
are ordinary regular expressions. That keeps matching in C and linear.

Multi-word lexicon entries ("more than", "the end of", "New Year's Day") are
merged into one token before classes are assigned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# Shape classes every language shares (names are upper case like lexicon
# categories; the language may not redefine them).
SHAPE_CLASSES = (
    "ISO",       # 2021-04-15 (optionally with a time)
    "NUMDATE",   # 4/15/2021, 15.04.2021, 2021/04/15
    "CLOCK",     # 10:30, 10:30:15
    "DECADENUM", # 1990s, '90s
    "ORDNUM",    # 15th, 21st
    "YEAR",      # a 4-digit number 1000-2199
    "DAYNUM",    # an integer 1-31
    "NUM",       # any other integer
    "NUMX",      # 1,500 / 2.5
    "YEAR2",     # '98
    "COMMA", "DOT", "HYPHEN", "SLASH", "POSS", "QUOTE", "PUNCT",
    "WORD",      # an unknown word
    "CAPWORD",   # an unknown capitalized word
)

TOKEN_RE = re.compile(
    r"""
     (?P<ISO>\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d)?)?)(?![\d-])
    |(?P<NUMDATE>\d{1,4}(?P<sep>[/.])\d{1,2}(?P=sep)\d{2,4})(?![\d/]|\.\d)
    |(?P<CLOCK>\d{1,2}[:.]\d\d(?::\d\d)?)(?![\d:]|\.\d)
    |(?P<DECADENUM>(?:\d{2})?\d0s|['’‘]\d0s)(?![^\W_])
    |(?P<ORDNUM>\d{1,4}(?:st|nd|rd|th))(?![^\W_])
    |(?P<NUM>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
    |(?P<ABBR>(?:[^\W\d_]\.){2,})
    |(?P<WORD>[^\W\d_]+)
    |(?P<POSS>['’]s(?![^\W_]))
    |(?P<YEAR2>['’‘]\d\d)(?!\d)
    |(?P<PUNCT>\S)
    """,
    re.X,
)

_PUNCT_CLASS = {",": "COMMA", ".": "DOT", "-": "HYPHEN", "–": "HYPHEN", "—": "HYPHEN",
                "/": "SLASH", '"': "QUOTE", "“": "QUOTE", "”": "QUOTE", "'": "QUOTE",
                "‘": "QUOTE", "’": "QUOTE"}


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    low: str
    cls: str
    value: Any = None


class Lexicon:
    """Word -> (class, value) tables of one language, compiled for lookup.

    ``categories`` maps a class name to ``{phrase: value}``; a phrase is one
    or more space-separated lower-case words. ``capitalized`` lists phrases
    that only count when written with a capital letter ("May", "March").
    """

    def __init__(self, categories: dict[str, dict[str, Any]], capitalized: set[str]) -> None:
        self.single: dict[str, tuple[str, Any]] = {}
        self.multi: dict[str, list[tuple[tuple[str, ...], str, Any]]] = {}
        self.capitalized = set(capitalized)
        for cls, entries in categories.items():
            if cls in SHAPE_CLASSES:
                raise ValueError(f"lexicon category {cls!r} clashes with a shape class")
            for phrase, value in entries.items():
                words = tuple(_split_phrase(phrase))
                if len(words) == 1:
                    if words[0] in self.single:
                        raise ValueError(f"{phrase!r} is in two lexicon categories")
                    self.single[words[0]] = (cls, value)
                else:
                    self.multi.setdefault(words[0], []).append((words, cls, value))
        for first in self.multi:
            self.multi[first].sort(key=lambda e: -len(e[0]))
        self.classes = tuple(sorted(categories))


def _split_phrase(phrase: str) -> list[str]:
    """Split a lexicon phrase the way the tokenizer splits text."""
    return [m.group().lower() for m in TOKEN_RE.finditer(phrase)]


def tokenize(text: str, lexicon: Lexicon) -> list[Token]:
    """Cut ``text`` into classified tokens (multi-word entries merged)."""
    raw: list[Token] = []
    append = raw.append
    single = lexicon.single
    for m in TOKEN_RE.finditer(text):
        kind = m.lastgroup
        s = m.group()
        if kind == "sep":  # pragma: no cover - inner group never last
            kind = "NUMDATE"
        low = s.lower()
        if kind == "WORD" or kind == "ABBR":
            hit = single.get(low)
            if hit is not None and (low not in lexicon.capitalized or s[0].isupper()):
                append(Token(m.start(), m.end(), s, low, hit[0], hit[1]))
            else:
                append(Token(m.start(), m.end(), s, low, "CAPWORD" if s[0].isupper() else "WORD"))
        elif kind == "NUM":
            append(_number_token(m.start(), m.end(), s))
        elif kind == "PUNCT":
            append(Token(m.start(), m.end(), s, low, _PUNCT_CLASS.get(s, "PUNCT")))
        elif kind == "ORDNUM":
            append(Token(m.start(), m.end(), s, low, "ORDNUM", int(s[:-2])))
        elif kind == "DECADENUM":
            digits = s.lstrip("'’‘")[:-1]
            append(Token(m.start(), m.end(), s, low, "DECADENUM", digits))
        elif kind == "YEAR2":
            append(Token(m.start(), m.end(), s, low, "YEAR2", int(s[1:])))
        else:
            append(Token(m.start(), m.end(), s, low, kind))
    if lexicon.multi:
        raw = _merge_multiword(raw, lexicon, text)
    return raw


def _number_token(start: int, end: int, s: str) -> Token:
    if "," in s or "." in s:
        try:
            v = float(s.replace(",", ""))
        except ValueError:  # pragma: no cover - regex guarantees digits
            v = None
        return Token(start, end, s, s, "NUMX", v)
    v = int(s)
    if len(s) == 4 and 1000 <= v <= 2199:
        return Token(start, end, s, s, "YEAR", v)
    if 1 <= v <= 31 and len(s) <= 2:
        return Token(start, end, s, s, "DAYNUM", v)
    return Token(start, end, s, s, "NUM", v)


def _merge_multiword(tokens: list[Token], lexicon: Lexicon, text: str) -> list[Token]:
    multi = lexicon.multi
    out: list[Token] = []
    i, n = 0, len(tokens)
    while i < n:
        t = tokens[i]
        cands = multi.get(t.low)
        if cands:
            for words, cls, value in cands:
                k = len(words)
                if i + k <= n and all(tokens[i + j].low == words[j] for j in range(1, k)):
                    # Words must be separated by at most one space or hyphen.
                    if all(tokens[i + j].start - tokens[i + j - 1].end <= 1 for j in range(1, k)):
                        phrase = " ".join(words)
                        if (phrase in lexicon.capitalized or words[0] in lexicon.capitalized) \
                                and not t.text[0].isupper():
                            continue
                        last = tokens[i + k - 1]
                        s = text[t.start:last.end]
                        out.append(Token(t.start, last.end, s, s.lower(), cls, value))
                        i += k
                        break
            else:
                out.append(t)
                i += 1
        else:
            out.append(t)
            i += 1
    return out
