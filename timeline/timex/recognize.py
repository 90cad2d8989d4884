"""Phase 1: find temporal expressions and what the text alone says of them.

The rules of a language (``timeline.lang.<code>``) are compiled once per
language into regular expressions over the token class string. Every rule is
run over the whole document; overlapping candidates are settled longest
first (then by rule priority, then leftmost). Each surviving match is turned
into a :class:`~timeline.timex.builders.Pending` by its builder, and tagged
with the tense of its clause, which phase 2 uses as the direction.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from itertools import compress
from types import ModuleType

from timeline.lang import tables
from timeline.timex.builders import BUILDERS, Match, NEED_DCT, NEED_YEAR, Pending
from timeline.timex.grammar import Alphabet, CompiledRule, compile_rules
from timeline.timex.tokens import Lexicon, Token, Tokens, tokenize

PAST, PRESENT, FUTURE = "past", "present", "future"
#: Tokens per block checked for density, and the share of date-bearing tokens
#: above which a block is not prose (news prose stays under a tenth).
DENSE_BLOCK = 2048
DENSE_SHARE = 0.2
STOP_SHARE = 0.01
#: A past reporting verb ("said", "announced"): the report is past, what it
#: reports may not be.
REPORTED = "reported"
#: Bytes: 0 (a character that stays in the class string) to 1, 1 (squeezed out) to 0.
_KEPT = bytes([1, 0]) + bytes(254)


class Recognizer:
    """The compiled rules and lexicon of one language."""

    def __init__(self, lang: ModuleType) -> None:
        self.lang = lang
        self.lexicon = Lexicon(lang.CATEGORIES, lang.CAPITALIZED)
        self.alphabet = Alphabet(self.lexicon.classes)
        self.rules: list[CompiledRule] = compile_rules(lang.RULES, self.alphabet, lang.MACROS, BUILDERS)
        code = dict(self.alphabet.code)
        code["CAPWORD"] = code["WORD"]  # rules tell words apart by their tokens, not codes
        self._code = code
        self._word = code["WORD"]
        # (every code to a byte: 1 for a plain word's, 0 for any other)
        self._word_bytes = {ord(c): "\x01" if c == self._word else "\x00" for c in set(code.values())}
        self._word_runs = re.compile(re.escape(self._word) + "{2,}")
        # Translation table deleting the codes of date-bearing classes.
        self._heads = {ord(code[c]): None for c in lang.HEAD_CLASSES}
        self._stops = {ord(code[c]): None for c in ("DOT", "PUNCT")}

    def class_string(self, tokens: Tokens) -> tuple[str, list[int]]:
        """The class string, with every run of plain words squeezed to one
        character (no rule consumes plain words, so matches never cross one;
        the rules scan a string less than half as long), and for each of its
        characters the index of the token it stands for."""
        code = self._code
        full = "".join([code[c] for c in tokens.classes])
        full = self._blank_dense(full)
        # A character stands for itself unless it is a word's code after
        # another word's (squeezed out). Computed on whole strings: a byte
        # per character, 1 for a word's code; ANDed with itself shifted by
        # one character (as one big integer); 1 where both are words.
        n = len(full)
        words = int.from_bytes(full.translate(self._word_bytes).encode("latin-1"), "big")
        squeezed = (words & (words >> 8)).to_bytes(n, "big")
        return self._word_runs.sub(self._word, full), list(compress(range(n), squeezed.translate(_KEPT)))

    def _blank_dense(self, cs: str) -> str:
        """Blank out stretches that are not prose: a block of tokens in which
        more than DENSE_SHARE are date words and hardly any ends a sentence
        (a 1 MB line of "January", of digits, of "3 days") is garbage, not
        something to put on a timeline, and tagging each of its tokens would
        take minutes. A chronology ("Sept. 1, 1939: ...") has its periods and
        colons, and news prose stays under a sixth of date words."""
        block = DENSE_BLOCK
        if len(cs) < block:
            return cs
        heads, stops = self._heads, self._stops
        out, changed = [], False
        for k in range(0, len(cs), block):
            part = cs[k:k + block]
            n = len(part)
            if n >= block // 4 and n - len(part.translate(heads)) > DENSE_SHARE * n \
                    and n - len(part.translate(stops)) < STOP_SHARE * n:
                out.append(self._word * len(part))
                changed = True
            else:
                out.append(part)
        return "".join(out) if changed else cs

    def recognize(self, text: str) -> tuple[list[Token], list[Pending]]:
        tokens = tokenize(text, self.lexicon)
        if not tokens:
            return tokens, []
        cs, where = self.class_string(tokens)
        starts, strs = tokens.starts, tokens.strs
        cands: list[tuple[int, int, int, int, CompiledRule, Match]] = []
        present = frozenset(cs)
        for idx, cr in enumerate(self.rules):
            for need in cr.needs:  # (a code of each set must be there)
                if need.isdisjoint(present):
                    break
            else:
                whole = "_all" if "_all" in cr.regex.groupindex else 0
                for mt in cr.regex.finditer(cs):
                    i2, j2 = mt.span(whole)
                    if j2 <= i2:
                        continue
                    i, j = where[i2], where[j2 - 1] + 1
                    span_chars = starts[j - 1] + len(strs[j - 1]) - starts[i]
                    cands.append((-span_chars, -cr.rule.priority, i, idx, cr, Match(tokens, mt, self.lang, where)))
        cands.sort(key=lambda c: (c[0], c[1], c[2], c[3]))
        taken = bytearray(len(tokens))
        out: list[Pending] = []
        for _, _, i, _, cr, m in cands:
            j = m.j
            if any(taken[i:j]):
                continue
            p = cr.builder(m, **cr.rule.args)
            if p is None:
                continue
            p.rule = cr.rule.name
            # A builder may shrink the span (never grow it).
            for k in range(p.first_token, p.last_token + 1):
                taken[k] = 1
            if p.need:
                fixed = preposition_direction(tokens, p.first_token, self.lang, p.last_token)
                p.tense = tense(tokens, p.first_token, p.last_token, self.lang)
                if fixed is not None and fixed != 0:
                    p.tense = FUTURE if fixed > 0 else PAST
                elif fixed == 0 and p.tense != FUTURE:
                    p.tense = REPORTED  # a deadline: the nearest one, unless said to be ahead
            out.append(p)
        out.sort(key=lambda p: p.start)
        _link_coordinated(out, tokens, self.lang)
        return tokens, out


def _link_coordinated(pendings: list[Pending], tokens: list[Token], lang: ModuleType) -> None:
    """"in April and June 1955", "from November 15 to February 15, 1989": a
    yearless date joined to a following dated one takes its year from it."""
    for p, q in zip(pendings, pendings[1:]):
        if p.need != NEED_YEAR or q.cal is None or not q.cal.known:
            continue
        gap = tokens[p.last_token + 1:q.first_token]
        if 0 < len(gap) <= 2 and all(t.cls in lang.COORDINATION_CLASSES for t in gap):
            p.extra["coordinated"] = q.cal


def tense(tokens: Tokens, first: int, last: int, lang: ModuleType, window: int = 12) -> str | None:
    """The tense of the clause around tokens ``first..last``.

    Strong cues (auxiliaries, modals, irregular past forms, "plans to", listed
    in the language tables) win over the weak one (a regular past ending);
    the left side (where the governing verb usually is) before the right,
    nearer cues first, within the clause.
    """
    strs = tokens.strs
    breaks = lang.CLAUSE_BREAKS
    n = len(strs)
    left: list[int] = []
    i = first - 1
    while i >= 0 and len(left) < window and strs[i] not in breaks:
        left.append(i)
        i -= 1
    right: list[int] = []
    i = last + 1
    while i < n and len(right) < window and strs[i] not in breaks:
        right.append(i)
        i += 1
    low = {k: strs[k].lower() for k in left + right}
    # "said Monday that ...": right after a reporting verb, the expression
    # dates the report itself.
    if any(low[k] in lang.REPORTING_VERBS for k in left[:2]):
        return REPORTED
    reported = False
    for side in (left, right):
        # A reporting verb closes the clause: beyond it lies the report's own
        # clause ("said ... that"), or what is reported ("announced plans to").
        for n, k in enumerate(side):
            if low[k] in lang.REPORTING_VERBS:
                reported = True
                side = side[:n]
                break
        for k in side:
            c = strong_cue(strs, k, low[k], lang)
            if c:
                return c
        for k in side:
            if weak_past(tokens, k, low[k], lang):
                return PAST
    return REPORTED if reported else None


def strong_cue(strs: list[str], k: int, w: str, lang: ModuleType) -> str | None:
    nxt = strs[k + 1].lower() if k + 1 < len(strs) else ""
    if w in lang.FUTURE_CUES or w in lang.SCHEDULED_PRESENT:
        return FUTURE
    if w in lang.FUTURE_TO_CUES and nxt == lang.INFINITIVE_MARKER:
        return FUTURE
    if w in lang.FUTURE_FOR_CUES and nxt == lang.FOR_MARKER:
        return FUTURE
    if w in lang.FUTURE_IN_PAST_MODALS and nxt in lang.PROGRESSIVE_AUXILIARIES and k + 2 < len(strs) \
            and strs[k + 2].lower().endswith(lang.PROGRESSIVE_SUFFIX):
        return FUTURE  # "would be traveling Thursday": a plan, seen from the past
    if w in lang.PAST_CUES and not _participle(strs, k, lang):
        # "were planning to", "was set to": future seen from the past
        if nxt in lang.FUTURE_TO_CUES and k + 2 < len(strs) and strs[k + 2].lower() == lang.INFINITIVE_MARKER:
            return FUTURE
        return PAST
    if w in lang.PRESENT_CUES:
        return PRESENT
    return None


def _participle(strs: list[str], k: int, lang: ModuleType) -> bool:
    """A past form right after an auxiliary ("must be returned", "will be
    held") is a participle: the auxiliary carries the tense."""
    return k > 0 and strs[k - 1].lower() in lang.PARTICIPLE_AUXILIARIES


def weak_past(tokens: Tokens, k: int, w: str, lang: ModuleType) -> bool:
    return (tokens.classes[k] == "WORD" and len(w) > 4 and w.endswith(lang.PAST_SUFFIX)
            and w not in lang.NOT_PAST and not _participle(tokens.strs, k, lang))


def preposition_direction(tokens: Tokens, first: int, lang: ModuleType, last: int | None = None) -> int | None:
    """"until Tuesday", "as early as Tuesday", "the Jan. 14 deadline": the
    words just around an expression can fix its direction whatever the tense."""
    if last is not None:  # "Nov. 10 as the deadline", "the Jan. 14 deadline"
        for k in range(last + 1, min(last + 4, len(tokens))):
            follower = tokens.strs[k].lower()
            if follower in lang.DIRECTION_FOLLOWERS:
                return lang.DIRECTION_FOLLOWERS[follower]
    for n in (3, 2, 1):
        if first - n < 0:
            continue
        phrase = " ".join(t.low for t in tokens[first - n:first])
        if phrase in lang.DIRECTION_PREPOSITIONS:
            return lang.DIRECTION_PREPOSITIONS[phrase]
    return None


def recognizer(lang: str = "en") -> Recognizer:
    """The compiled recognizer of a language (compiled once, then cached):
    "en-GB" is read with the "en" tables, and so is a language that has none."""
    return _recognizer(tables(lang))


@lru_cache(maxsize=None)
def _recognizer(code: str) -> Recognizer:
    return Recognizer(importlib.import_module(f"timeline.lang.{code}"))
