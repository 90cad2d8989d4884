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
    """Compile a rule pattern to a regex over the class string."""
    return re.compile(_translate(pattern, alphabet, macros, depth=0))


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
        except (ValueError, re.error) as e:
            raise ValueError(f"rule {r.name!r}: {e}") from None
        out.append(CompiledRule(r, rx, builders[r.build]))
    return out
