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
from functools import lru_cache
from types import ModuleType

from timeline.timex.builders import BUILDERS, Match, NEED_DCT, NEED_YEAR, Pending
from timeline.timex.grammar import Alphabet, CompiledRule, compile_rules
from timeline.timex.tokens import Lexicon, Token, tokenize

PAST, PRESENT, FUTURE = "past", "present", "future"
#: A past reporting verb ("said", "announced"): the report is past, what it
#: reports may not be.
REPORTED = "reported"


class Recognizer:
    """The compiled rules and lexicon of one language."""

    def __init__(self, lang: ModuleType) -> None:
        self.lang = lang
        self.lexicon = Lexicon(lang.CATEGORIES, lang.CAPITALIZED)
        self.alphabet = Alphabet(self.lexicon.classes)
        self.rules: list[CompiledRule] = compile_rules(lang.RULES, self.alphabet, lang.MACROS, BUILDERS)
        code = self.alphabet.code
        self._code = code

    def class_string(self, tokens: list[Token]) -> str:
        code = self._code
        return "".join([code[t.cls] for t in tokens])

    def recognize(self, text: str) -> tuple[list[Token], list[Pending]]:
        tokens = tokenize(text, self.lexicon)
        if not tokens:
            return tokens, []
        cs = self.class_string(tokens)
        cands: list[tuple[int, int, int, int, CompiledRule, Match]] = []
        for idx, cr in enumerate(self.rules):
            for mt in cr.regex.finditer(cs):
                i, j = mt.span()
                if j <= i:
                    continue
                span_chars = tokens[j - 1].end - tokens[i].start
                cands.append((-span_chars, -cr.rule.priority, i, idx, cr, Match(tokens, mt, self.lang)))
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
                fixed = preposition_direction(tokens, p.first_token, self.lang)
                if fixed is not None:
                    p.tense = FUTURE if fixed > 0 else PAST if fixed < 0 else REPORTED
                else:
                    p.tense = tense(tokens, p.first_token, p.last_token, self.lang)
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


def tense(tokens: list[Token], first: int, last: int, lang: ModuleType, window: int = 12) -> str | None:
    """The tense of the clause around tokens ``first..last``.

    Strong cues (auxiliaries, modals, irregular past forms, "plans to", listed
    in the language tables) win over the weak one (a regular past ending);
    nearer cues win, the left side first, within the clause.
    """
    breaks = lang.CLAUSE_BREAKS
    left: list[int] = []
    i = first - 1
    while i >= 0 and len(left) < window and tokens[i].text not in breaks:
        left.append(i)
        i -= 1
    right: list[int] = []
    i = last + 1
    while i < len(tokens) and len(right) < window and tokens[i].text not in breaks:
        right.append(i)
        i += 1
    # "said Monday that ...": right after a reporting verb, the expression
    # dates the report itself.
    if any(tokens[k].low in lang.REPORTING_VERBS for k in left[:2]):
        return REPORTED
    reported = False
    # The governing verb usually comes first (left, strong then weak), then
    # a fronted expression's verb (right).
    for side in (left, right):
        for k in side:
            if tokens[k].low in lang.REPORTING_VERBS:
                reported = True
                continue
            c = strong_cue(tokens, k, lang)
            if c:
                return c
        for k in side:
            if tokens[k].low not in lang.REPORTING_VERBS and weak_past(tokens, k, lang):
                return PAST
    return REPORTED if reported else None


def strong_cue(tokens: list[Token], k: int, lang: ModuleType) -> str | None:
    w = tokens[k].low
    if w in lang.FUTURE_CUES:
        return FUTURE
    if w in lang.FUTURE_TO_CUES and k + 1 < len(tokens) and tokens[k + 1].low == lang.INFINITIVE_MARKER:
        return FUTURE
    if w in lang.PAST_CUES and not _participle(tokens, k, lang):
        # "were planning to", "was set to": future seen from the past
        if k + 2 < len(tokens) and tokens[k + 1].low in lang.FUTURE_TO_CUES \
                and tokens[k + 2].low == lang.INFINITIVE_MARKER:
            return FUTURE
        return PAST
    if w in lang.PRESENT_CUES:
        return PRESENT
    return None


def _participle(tokens: list[Token], k: int, lang: ModuleType) -> bool:
    """A past form right after an auxiliary ("must be returned", "will be
    held") is a participle: the auxiliary carries the tense."""
    return k > 0 and tokens[k - 1].low in lang.PARTICIPLE_AUXILIARIES


def weak_past(tokens: list[Token], k: int, lang: ModuleType) -> bool:
    t = tokens[k]
    w = t.low
    return (t.cls == "WORD" and len(w) > 4 and w.endswith(lang.PAST_SUFFIX) and w not in lang.NOT_PAST
            and not _participle(tokens, k, lang))


def preposition_direction(tokens: list[Token], first: int, lang: ModuleType) -> int | None:
    """"until Tuesday", "as early as Tuesday": the words just before an
    expression can fix its direction whatever the tense."""
    for n in (3, 2, 1):
        if first - n < 0:
            continue
        phrase = " ".join(t.low for t in tokens[first - n:first])
        if phrase in lang.DIRECTION_PREPOSITIONS:
            return lang.DIRECTION_PREPOSITIONS[phrase]
    return None


@lru_cache(maxsize=None)
def recognizer(lang: str = "en") -> Recognizer:
    """The compiled recognizer of a language (compiled once, then cached)."""
    module = importlib.import_module(f"timeline.lang.{lang}")
    return Recognizer(module)
