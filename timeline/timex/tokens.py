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
    "QCODE",     # Q3, H1 (quarter / half codes)
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
        self.multi_first = frozenset(self.multi)
        #: first word -> the words that can follow it in a multi-word entry
        self.multi_second = {w: frozenset(e[0][1] for e in es) for w, es in self.multi.items()}
        self.classes = tuple(sorted(categories))
        #: token string -> (class, value, starts a multi-word entry?)
        self.memo: dict[str, tuple[str, Any, bool]] = {}

    def classify(self, s: str) -> tuple[str, Any, bool]:
        """Class and value of one token string (memoized)."""
        r = self._classify(s)
        if len(self.memo) < 200_000:
            self.memo[s] = r
        return r


    @staticmethod
    def _number(s: str, low: str) -> tuple[str, Any, bool]:
        if len(s) >= 10 and s[4] == "-" and s[7] == "-":
            return ("ISO", None, False)
        if "/" in s or s.count(".") == 2:
            return ("NUMDATE", None, False)
        if ":" in s:
            return ("CLOCK", None, False)
        if low.endswith("0s") and s[:-1].isdecimal():
            return ("DECADENUM", s[:-1], False)
        if low[-2:] in ("st", "nd", "rd", "th"):
            return ("ORDNUM", int(s[:-2]), False)
        t = _number_token(0, 0, s)
        return (t.cls, t.value, False)

    def _classify(self, s: str) -> tuple[str, Any, bool]:
        low = s.lower()
        multi = low in self.multi_first
        c0 = s[0]
        if c0.isdecimal():
            try:
                return self._number(s, low)
            except ValueError:  # a digit run the cutter let through oddly
                return ("NUM", None, False)
        if c0 in "'’‘" and len(s) > 1:
            if low[1:] == "s":
                return ("POSS", None, False)
            if s.endswith("0s"):
                return ("DECADENUM", s[1:-1], False)
            if s[1:].isdecimal():
                return ("YEAR2", int(s[1:]), False)
        if c0 in "QH" and len(s) == 2 and s[1] in "1234":
            return ("QCODE", (c0, int(s[1])), False)
        if c0.isalpha() and not c0.isdigit():
            hit = self.single.get(low)
            if hit is not None and (low not in self.capitalized or c0.isupper()):
                return (hit[0], hit[1], multi)
            return ("CAPWORD" if c0.isupper() else "WORD", None, multi)
        return (_PUNCT_CLASS.get(s, "PUNCT"), None, multi)


def _split_phrase(phrase: str) -> list[str]:
    """Split a lexicon phrase the way the tokenizer splits text."""
    return [m.group().lower() for m in TOKEN_RE.finditer(phrase)]


class Tokens:
    """The tokens of a text, built lazily.

    Cutting and classifying happen for every token, in bulk (one regex pass,
    classification memoized by token string); the :class:`Token` objects the
    rules look at are only built for the few tokens a rule touches.
    """

    __slots__ = ("text", "starts", "strs", "classes", "values", "_built")

    def __init__(self, text: str, starts: list[int], strs: list[str],
                 classes: list[str], values: list[Any]) -> None:
        self.text = text
        self.starts = starts
        self.strs = strs
        self.classes = classes
        self.values = values
        self._built: dict[int, Token] = {}

    def __len__(self) -> int:
        return len(self.strs)

    def _token(self, i: int) -> Token:
        t = self._built.get(i)
        if t is None:
            s = self.strs[i]
            start = self.starts[i]
            t = Token(start, start + len(s), s, s.lower(), self.classes[i], self.values[i])
            self._built[i] = t
        return t

    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        if isinstance(i, slice):
            return [self._token(k) for k in range(*i.indices(len(self.strs)))]
        if i < 0:
            i += len(self.strs)
        if not 0 <= i < len(self.strs):
            raise IndexError(i)
        return self._token(i)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return (self._token(i) for i in range(len(self.strs)))


# One pattern: the kind of each piece is then read off its first characters
# (memoized). The alternatives are grouped by the class of the first
# character they can match (digits, letters, the rest) behind a lookahead,
# in their order: the same match at every position (the first alternative
# that matches), but the engine tries only those that can start there, and
# nothing at a blank (twice as fast).
_CUT_RE = re.compile(
    r"""(?=\S)(?:
    (?=\d)(?:\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d)?)?(?![\d-])
      |\d{1,4}([/.])\d{1,2}\1\d{2,4}(?![\d/]|\.\d)
      |\d{1,2}[:.]\d\d(?::\d\d)?(?![\d:]|\.\d)
      |(?:\d{2})?\d0s(?![^\W_])
      |\d{1,4}(?:st|nd|rd|th)(?![^\W_])
      |\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
    |(?=[^\W\d_])(?:(?:[^\W\d_]\.){2,}
      |[QH][1-4](?![^\W_])
      |[^\W\d_]+)
    |['’‘]\d0s(?![^\W_])
    |['’]s(?![^\W_])
    |['’‘]\d\d(?!\d)
    |([^\w\s])\2+
    |\S)""",
    re.X,
)


def tokenize(text: str, lexicon: Lexicon) -> Tokens:
    """Cut ``text`` into classified tokens (multi-word entries merged)."""
    starts: list[int] = []
    strs: list[str] = []
    for m in _CUT_RE.finditer(text):
        starts.append(m.start())
        strs.append(m.group())
    memo = lexicon.memo
    info = [memo.get(s) or lexicon.classify(s) for s in strs]
    if lexicon.multi:
        firsts = lexicon.multi_first
        hits = [i for i, x in enumerate(info) if x[2]]
        if hits:
            starts, strs, info = _merge_multiword(text, starts, strs, info, hits, lexicon)
    return Tokens(text, starts, strs, [x[0] for x in info], [x[1] for x in info])


def _merge_multiword(text: str, starts: list[int], strs: list[str], info: list[tuple],
                     hits: list[int], lexicon: Lexicon) -> tuple[list[int], list[str], list[tuple]]:
    multi = lexicon.multi
    n = len(strs)
    out_s: list[int] = []
    out_t: list[str] = []
    out_i: list[tuple] = []
    pos = 0
    second = lexicon.multi_second
    for i in hits:
        if i < pos or i + 1 >= n:
            continue
        low = strs[i].lower()
        if strs[i + 1].lower() not in second[low]:
            continue
        for words, cls, value in multi[low]:
            k = len(words)
            if i + k > n:
                continue
            if any(strs[i + j].lower() != words[j] for j in range(1, k)):
                continue
            if any(starts[i + j] - (starts[i + j - 1] + len(strs[i + j - 1])) > 1 for j in range(1, k)):
                continue  # words must be separated by at most one space or hyphen
            phrase = " ".join(words)
            if (phrase in lexicon.capitalized or words[0] in lexicon.capitalized) and not strs[i][0].isupper():
                continue
            end = starts[i + k - 1] + len(strs[i + k - 1])
            out_s.extend(starts[pos:i])
            out_t.extend(strs[pos:i])
            out_i.extend(info[pos:i])
            out_s.append(starts[i])
            out_t.append(text[starts[i]:end])
            out_i.append((cls, value, False))
            pos = i + k
            break
    if pos == 0 and not out_s:
        return starts, strs, info
    out_s.extend(starts[pos:])
    out_t.extend(strs[pos:])
    out_i.extend(info[pos:])
    return out_s, out_t, out_i


def _number_token(start: int, end: int, s: str) -> Token:
    if len(s) > 18:  # an identifier or a string of digits, never a date or an amount we use
        return Token(start, end, s, s, "NUM", None)
    if "," in s or "." in s:
        try:
            v = float(s.replace(",", ""))
        except ValueError:  # pragma: no cover - the cutter guarantees digits
            v = None
        return Token(start, end, s, s, "NUMX", v)
    v = int(s)
    if len(s) == 4 and 1000 <= v <= 2199:
        return Token(start, end, s, s, "YEAR", v)
    if 1 <= v <= 31 and len(s) <= 2:
        return Token(start, end, s, s, "DAYNUM", v)
    return Token(start, end, s, s, "NUM", v)
