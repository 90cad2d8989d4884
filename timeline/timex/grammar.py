"""Rules as data: a tiny pattern language over token classes.

A rule pattern is a space-separated sequence of elements:

``MONTH``            one token of class MONTH
``MONTH|SEASON``     one token of either class
``name:MONTH``       the same, captured as group ``name``
``( ... )``          a sub-sequence; ``( a | b )`` alternatives (spaced bar)
``X?`` ``X*`` ``X+``  quantifiers after any element or closing bracket
``@macro``           a named fragment from the language's macros
``<CLS`` ``!<CLS``    the token before must (not) be of class CLS (``|`` allowed)
``>CLS`` ``!>CLS``    the token after must (not) be of class CLS

Each class is one character of the class string, so a compiled rule is an
ordinary (linear, backtracking-safe: no nested unbounded repeats) regular
expression. Unknown classes or macros raise at compile time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from timeline.timex.tokens import SHAPE_CLASSES

# Class codes: letters, digits and Latin-1 letters (one byte each, so the
# class string stays a compact 1-byte-per-char str). None is regex-special.
_CODE_CHARS = [chr(i) for i in [*range(48, 58), *range(65, 91), *range(97, 123), *range(0xC0, 0x100)]]


@dataclass(frozen=True)
class Rule:
    """One recognition rule: a pattern over token classes and a builder.

    ``build`` names a builder in :mod:`timeline.timex.builders`; ``args`` are
    its keyword arguments. ``examples`` are phrases the rule must recognize
    in full (run as tests). ``priority`` breaks ties between equally long
    matches (higher wins).
    """

    name: str
    pattern: str
    build: str
    args: dict[str, Any] = field(default_factory=dict)
    examples: tuple[str, ...] = ()
    priority: int = 0


class Alphabet:
    """Class name <-> one-character code."""

    def __init__(self, classes: tuple[str, ...]) -> None:
        names = list(SHAPE_CLASSES) + [c for c in classes if c not in SHAPE_CLASSES]
        if len(names) > len(_CODE_CHARS):
            raise ValueError(f"too many token classes ({len(names)})")
        self.code = {name: _CODE_CHARS[i] for i, name in enumerate(names)}

    def __getitem__(self, name: str) -> str:
        try:
            return self.code[name]
        except KeyError:
            raise ValueError(f"unknown token class {name!r}") from None


_ELEMENT_RE = re.compile(r"(?:(?P<name>[a-z_][a-z0-9_]*):)?(?P<body>[A-Z0-9_|]+|@[a-z_0-9]+|\()(?P<q>[?*+]?)$")


def compile_pattern(pattern: str, alphabet: Alphabet, macros: dict[str, str]) -> re.Pattern[str]:
    """Compile a rule pattern to a regex over the class string.

    The regex starts with the set of characters a match can begin with, so
    that the regex engine skips every other position at C speed (a pattern
    that begins with optional parts otherwise gets tried at every position).
    The whole match is then the group ``_all``.
    """
    rx = _translate(pattern, alphabet, macros, depth=0)
    first = first_chars(rx)
    if not first:
        return re.compile(rx)
    cls = "[" + "".join(re.escape(c) for c in sorted(first)) + "]"
    return re.compile(f"{cls}(?<=(?=(?P<_all>{rx})){cls})")


def _sre() -> tuple[Any, Any]:
    """The regular-expression parser and its opcode constants: ``re._parser``
    and ``re._constants`` since Python 3.11, ``sre_parse`` and
    ``sre_constants`` before (the old names warn from 3.11 on)."""
    try:
        from re import _constants, _parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_constants as _constants
        import sre_parse as _parser
    return _parser, _constants


def required_chars(rx: str) -> tuple[frozenset[str], ...]:
    """Sets of characters of which every match of ``rx`` contains at least
    one each (a rule one of whose required classes is absent from a document
    is not run on it at all)."""
    sre_parse, C = _sre()

    def seq(items) -> list[frozenset[int]]:  # type: ignore[no-untyped-def]
        out: list[frozenset[int]] = []
        for op, av in items:
            out += item(op, av)
        return out

    def item(op, av) -> list[frozenset[int]]:  # type: ignore[no-untyped-def]
        if op is C.LITERAL:
            return [frozenset((av,))]
        if op is C.IN:
            chars = set()
            for iop, iav in av:
                if iop is not C.LITERAL:
                    return []
                chars.add(iav)
            return [frozenset(chars)]
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            return seq(av[2]) if av[0] > 0 else []
        if op is C.SUBPATTERN:
            return seq(av[-1])
        if op is C.BRANCH:  # one of the alternatives' first requirements
            firsts = [seq(alt) for alt in av[1]]
            if all(firsts):
                return [frozenset().union(*(f[0] for f in firsts))]
            return []
        if op is C.ASSERT and av[0] == 0:  # a look-ahead's content is matched too
            return seq(av[1])
        return []

    try:
        sets = seq(sre_parse.parse(rx))
    except (ValueError, TypeError):  # pragma: no cover - defensive
        return ()
    return tuple(sorted({frozenset(chr(c) for c in st) for st in sets}, key=len))


def first_chars(rx: str) -> set[str] | None:
    """The characters a match of ``rx`` can start with, or ``None`` if that
    is not known (the pattern may match the empty string, or uses a
    construct this analysis does not cover)."""
    sre_parse, C = _sre()

    def seq(items) -> tuple[set[int], bool]:  # type: ignore[no-untyped-def]
        out: set[int] = set()
        for op, av in items:
            f, nullable = item(op, av)
            if f is None:
                raise ValueError
            out |= f
            if not nullable:
                return out, False
        return out, True

    def item(op, av) -> tuple[set[int] | None, bool]:  # type: ignore[no-untyped-def]
        if op is C.LITERAL:
            return {av}, False
        if op is C.IN:
            chars: set[int] = set()
            for iop, iav in av:
                if iop is C.LITERAL:
                    chars.add(iav)
                elif iop is C.RANGE:
                    chars.update(range(iav[0], iav[1] + 1))
                else:
                    return None, False
            return chars, False
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, _, sub = av
            f, nullable = seq(sub)
            return f, nullable or lo == 0
        if op is C.SUBPATTERN:
            return seq(av[-1])
        if op is C.BRANCH:
            out: set[int] = set()
            nullable = False
            for alt in av[1]:
                f, n = seq(alt)
                out |= f
                nullable = nullable or n
            return out, nullable
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            return set(), True
        return None, False

    try:
        chars, nullable = seq(sre_parse.parse(rx))
    except (ValueError, TypeError):
        return None
    if nullable or not chars:
        return None
    return {chr(c) for c in chars}


def _translate(pattern: str, alphabet: Alphabet, macros: dict[str, str], depth: int) -> str:
    if depth > 10:
        raise ValueError("macro recursion too deep")
    parts = _split(pattern)
    for k, part in enumerate(parts):
        if part.startswith(("<", "!<")) and any(not q.startswith(("<", "!<")) for q in parts[:k]):
            raise ValueError(f"look-behind {part!r} must come first in {pattern!r}")
        if part.startswith((">", "!>")) and any(not q.startswith((">", "!>")) for q in parts[k + 1:]):
            raise ValueError(f"look-ahead {part!r} must come last in {pattern!r}")
    out: list[str] = []
    stack: list[tuple[list[str], str | None]] = []
    for part in parts:
        if part.startswith(("<", "!<", ">", "!>")) and len(part) > 1 and part not in ("|",):
            neg = part.startswith("!")
            p = part[1:] if neg else part
            direction, names = p[0], p[1:]
            chars = "".join(re.escape(alphabet[n]) for n in names.split("|"))
            look = {("<", False): "(?<=", ("<", True): "(?<!", (">", False): "(?=", (">", True): "(?!"}
            out.append(f"{look[(direction, neg)]}[{chars}])")
            continue
        if part == "|":
            out.append("|")
            continue
        if part.startswith(")"):
            if not stack:
                raise ValueError(f"unbalanced ')' in {pattern!r}")
            q = part[1:]
            inner = "".join(out)
            out, name = stack.pop()
            grp = f"(?P<{name}>{inner})" if name else f"(?:{inner})"
            out.append(grp + q)
            continue
        m = _ELEMENT_RE.match(part)
        if not m:
            raise ValueError(f"bad element {part!r} in {pattern!r}")
        name, body, q = m.group("name"), m.group("body"), m.group("q")
        if body == "(":
            stack.append((out, name))
            out = []
            continue
        if body.startswith("@"):
            key = body[1:]
            if key not in macros:
                raise ValueError(f"unknown macro {body!r} in {pattern!r}")
            rx = "(?:" + _translate(macros[key], alphabet, macros, depth + 1) + ")"
        else:
            chars = "".join(re.escape(alphabet[n]) for n in body.split("|"))
            rx = chars if len(body.split("|")) == 1 else f"[{chars}]"
        if name:
            rx = f"(?P<{name}>{rx})"
        out.append(rx + q)
    if stack:
        raise ValueError(f"unbalanced '(' in {pattern!r}")
    return "".join(out)


def _split(pattern: str) -> list[str]:
    """Split on spaces; '(' and ')' glued to names stay with them."""
    parts: list[str] = []
    for raw in pattern.split():
        parts.append(raw)
    return parts


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    regex: re.Pattern[str]
    builder: Callable[..., Any]
    needs: tuple[frozenset[str], ...] = ()  # every match has a code of each set


def compile_rules(rules: list[Rule], alphabet: Alphabet, macros: dict[str, str],
                  builders: dict[str, Callable[..., Any]]) -> list[CompiledRule]:
    names = set()
    out = []
    for r in rules:
        if r.name in names:
            raise ValueError(f"duplicate rule name {r.name!r}")
        names.add(r.name)
        if r.build not in builders:
            raise ValueError(f"rule {r.name!r}: unknown builder {r.build!r}")
        try:
            rx = compile_pattern(r.pattern, alphabet, macros)
            needs = required_chars(_translate(r.pattern, alphabet, macros, depth=0))
        except (ValueError, re.error) as e:
            raise ValueError(f"rule {r.name!r}: {e}") from None
        out.append(CompiledRule(r, rx, builders[r.build], needs))
    return out
