"""Names an event mentions: people, organisations, places. No model, no downloads.

``extract_entities(text, start, end)`` reads the capitalization of news
English:

* A name is a run of capitalized words and acronyms ("State Department",
  "US Treasury Department", "NTIA", "U.S.") separated by single spaces. Inside
  a run, connectors may join capitalized words: "of" ("Department of Homeland
  Security"), "the" after another connector ("Department of the Treasury"),
  "on"/"for" after an organisation head ("Committee on Foreign Relations"),
  name particles ("Charles de Gaulle"), and "and"/"&" only when the name ends
  in an organisation head ("National Telecommunications and Information
  Administration"; "Russia and China" stays two names).
* Punctuation, possessives and line breaks end a name: "Russia’s" gives
  "Russia"; "the Commerce Department’s National ... Administration" gives two.
  Hyphenated words keep their capitalized part: "Russian-backed" gives
  "Russian", "pro-Kremlin" gives "Kremlin".
* Stop words are never part of a name: function words, pronouns, discourse
  adverbs, weekday and month names ("The", "In", "Earlier", "Thursday"). A
  sentence-initial adverb ("Subsequently") is dropped by its ending, and a
  lone sentence-initial word that the same ``text`` also writes in lower
  case ("Investors ... investors") is a common word, not a name.
* Titles before a person are dropped: "President Joe Biden" gives
  "Joe Biden"; "US President Joe Biden" gives "US" and "Joe Biden";
  "Treasury Secretary Janet Yellen" gives "Janet Yellen"; "President of
  Russia" gives "Russia". A title not followed by a name stays ("General
  Motors", "Justice Department").
* Demonyms are kept as written ("Russian", "Russian Embassy");
  :func:`normalize_entity` folds a bare demonym to its country for grouping.
* Results are exact substrings of the text, in order of first mention,
  de-duplicated after folding case and punctuation ("U.S." and "US" are one;
  "NTIA" and its full name both stay, as the text gives both; aliases are
  :func:`normalize_entity`'s business); a surname alone ("Biden") is folded
  into the full name mentioned in the same span ("Joe Biden").

The words live in ``timeline/lang/<language>_entities.py`` (English when a
language has none).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from timeline.lang import module as lang_module

__all__ = ["extract_entities", "normalize_entity"]

# Words: dotted acronyms ("U.S."), initials before a word ("J. R. R."),
# and words with inner apostrophes/hyphens ("O'Brien", "Rolls-Royce",
# "Russia’s", "Russians’").
_TOKEN = re.compile(  # (the lookahead first: no alternative is tried at a blank or a mark)
    r"(?=[\w&])(?:(?:[^\W\d_]\.){2,}"
    r"|[^\W\d_]\.(?=[ \t]+[^\W\d_])"
    r"|[^\W_][\w&]*(?:['’\-][\w&]+)*['’]?"
    r"|&)"
)
_SPACE = re.compile(r"[ \t\u00a0]+")
_WORD = re.compile(r"(?<![\w'’\-])[^\W\d_]+")

# Token kinds.
_NAME, _ACRONYM, _CONNECTOR, _AND, _OTHER = "name", "acronym", "connector", "and", "other"


@dataclass(frozen=True)
class _Tables:
    stop: frozenset
    adverb_suffixes: tuple
    connectors: frozenset
    and_words: frozenset
    head_connectors: frozenset
    second_connectors: frozenset
    heads: frozenset
    titles: frozenset
    modifiers: frozenset
    phrases: tuple
    possessives: tuple
    contractions: tuple
    romans: frozenset
    aliases: dict
    demonyms: dict
    department: str


@lru_cache(maxsize=None)
def _tables(language: str = "en") -> _Tables:
    lang = lang_module("entities", language)
    return _Tables(
        stop=frozenset(lang.STOP_WORDS),
        adverb_suffixes=tuple(lang.INITIAL_ADVERB_SUFFIXES),
        connectors=frozenset(lang.CONNECTORS),
        and_words=frozenset(lang.AND_WORDS),
        head_connectors=frozenset(lang.HEAD_CONNECTORS),
        second_connectors=frozenset(lang.SECOND_CONNECTORS),
        heads=frozenset(lang.ORGANISATION_HEADS),
        titles=frozenset(lang.TITLES),
        modifiers=frozenset(lang.TITLE_MODIFIERS),
        phrases=tuple(sorted(lang.TITLE_PHRASES, key=len, reverse=True)),
        possessives=tuple(sorted(lang.POSSESSIVE_ENDINGS, key=len, reverse=True)),
        contractions=tuple(lang.CONTRACTION_ENDINGS),
        romans=frozenset(lang.ROMAN_NUMERALS),
        aliases=dict(lang.ALIASES),
        demonyms=dict(lang.DEMONYMS),
        department=lang.DEPARTMENT_WORD,
    )


@dataclass
class _Token:
    start: int
    end: int  # after possessive/contraction endings were cut
    word: str
    kind: str
    closes: bool  # a possessive or hyphen cut: the name ends here
    initial: bool  # first word of a sentence or quotation


# ---------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _tokens(text: str, start: int, end: int, t: _Tables) -> list[_Token]:
    """Name words and connectors. Other words are left out: the text between
    two kept tokens then holds a word, which ends a name (see ``_adjacent``)."""
    out: list[_Token] = []
    prev_end = start
    first_word = True
    for m in _TOKEN.finditer(text, start, end):
        s, e = m.start(), m.end()
        word = m.group()
        initial = first_word or _starts_sentence(text[prev_end:s])
        first_word = False
        prev_end = e
        if word[0].islower() and "-" not in word:  # the common case: fast
            if word in t.and_words:
                out.append(_Token(s, e, word, _AND, False, initial))
            elif word in t.connectors or word in t.head_connectors:
                out.append(_Token(s, e, word, _CONNECTOR, False, initial))
            continue
        closes = False
        if "'" in word or "’" in word:
            # Cut contractions and possessives: "I’m" -> "I", "Russia’s" -> "Russia".
            low = word.lower()
            for ending in t.contractions:
                if low.endswith(ending) and len(word) > len(ending):
                    word, e = word[: -len(ending)], e - len(ending)
                    break
            else:
                for ending in t.possessives:
                    if word.endswith(ending) and len(word) > len(ending):
                        word, e = word[: -len(ending)], e - len(ending)
                        closes = True
                        break
        if "-" in word:
            # Hyphenated words keep their capitalized part.
            parts = word.split("-")
            if parts[0][:1].islower() and parts[0] not in t.connectors:
                k = next((i for i, p in enumerate(parts) if p[:1].isupper()), None)
                if k is None:
                    continue
                cut = sum(len(p) + 1 for p in parts[:k])
                s, word, initial = s + cut, word[cut:], False
                parts = parts[k:]
            if parts[0][:1].isupper():
                k = next((i for i, p in enumerate(parts) if p[:1].islower()), None)
                if k is not None:
                    keep = sum(len(p) + 1 for p in parts[:k]) - 1
                    word, e, closes = word[:keep], s + keep, True
        kind = _kind(word, t)
        if kind != _OTHER:
            out.append(_Token(s, e, word, kind, closes, initial))
    return out


def _starts_sentence(gap: str) -> bool:
    """Does the text between two words end a sentence or open a quotation?"""
    g = gap.strip()
    if not g:
        return False
    if g[-1] in "“\"‘«([:—–":
        return True
    return g.rstrip("\"”’'»)]")[-1:] in (".", "!", "?")


def _kind(word: str, t: _Tables) -> str:
    if word in t.and_words:
        return _AND
    if word in t.connectors or word in t.head_connectors:
        return _CONNECTOR
    first = word[:1]
    if not first.isupper():
        head, _, rest = word.partition("-")
        if head in t.connectors and rest[:1].isupper():
            return _NAME  # "al-Qaeda"
        return _OTHER
    if word in t.stop and not (word in t.romans):
        return _OTHER
    if _is_acronym(word) or (len(word) == 2 and word[1] == "."):
        return _ACRONYM
    if word.isupper() and len(word) == 1:
        return _ACRONYM
    return _NAME


# ---------------------------------------------------------------------------
# Runs of capitalized words
# ---------------------------------------------------------------------------


def _runs(text: str, tokens: list[_Token], t: _Tables) -> list[list[_Token]]:
    """Maximal sequences of name words, with connectors between them."""
    runs: list[list[_Token]] = []
    run: list[_Token] = []
    pending: list[_Token] = []  # connectors waiting for the next name word

    def flush():
        nonlocal run, pending
        if run:
            runs.append(run)
        run, pending = [], []

    for i, tok in enumerate(tokens):
        joined = bool(run) and _adjacent(text, (pending[-1] if pending else run[-1]), tok)
        if tok.word == "I" and not (joined and not pending):
            flush()  # the pronoun; "World War I" keeps its numeral
            continue
        if tok.kind in (_NAME, _ACRONYM):
            if tok.word in t.titles and text[tok.end : tok.end + 1] == ".":
                flush()  # "Sen." "Gov.": an abbreviated title, never a name
                continue
            if joined and not run[-1].closes:
                run.extend(pending)
                run.append(tok)
                pending = []
            else:
                flush()
                run = [tok]
        elif tok.kind in (_CONNECTOR, _AND) and joined and not run[-1].closes:
            if _connector_allowed(tok, pending, run, t):
                pending.append(tok)
            else:
                flush()
        else:
            flush()
    flush()
    return runs


def _adjacent(text: str, a: _Token, b: _Token) -> bool:
    gap = text[a.end : b.start]
    return bool(gap) and _SPACE.fullmatch(gap) is not None


def _connector_allowed(tok: _Token, pending: list[_Token], run: list[_Token], t: _Tables) -> bool:
    if tok.word in t.second_connectors:
        return bool(pending) and pending[-1].kind == _CONNECTOR
    if pending:
        return False  # at most one connector, plus "the"
    if tok.word in t.head_connectors:
        return run[-1].word in t.heads
    return True


def _split_and(run: list[_Token], t: _Tables) -> list[list[_Token]]:
    """Cut at "and" unless the name ends in an organisation head ("&" stays:
    "Johnson & Johnson")."""
    if run[-1].word in t.heads or not any(tok.kind == _AND and tok.word != "&" for tok in run):
        return [run]
    parts, part = [], []
    for tok in run:
        if tok.kind == _AND and tok.word != "&":
            parts.append(part)
            part = []
        else:
            part.append(tok)
    parts.append(part)
    return [p for p in parts if p]


def _match_title(run: list[_Token], i: int, t: _Tables) -> int:
    """Index after the title that starts at ``i`` (``i`` if none)."""
    j = i
    while j < len(run) and run[j].word in t.modifiers:
        j += 1
    k = _match_title_words(run, j, t)
    if k == j:
        return i  # modifiers alone are no title
    while True:  # "Deputy Prime Minister", "Secretary General"
        j = k
        while j < len(run) and run[j].word in t.modifiers:
            j += 1
        nk = _match_title_words(run, j, t)
        if nk == j:
            return k
        k = nk


def _match_title_words(run: list[_Token], j: int, t: _Tables) -> int:
    words = [tok.word for tok in run[j:]]
    for phrase in t.phrases:
        if tuple(words[: len(phrase)]) == phrase:
            return j + len(phrase)
    if words and words[0] in t.titles:
        return j + 1
    return j


def _is_person_word(tok: _Token, t: _Tables) -> bool:
    return tok.kind == _NAME and tok.word not in t.titles and tok.word not in t.heads


def _drop_titles(run: list[_Token], t: _Tables) -> list[list[_Token]]:
    """Remove titles before names; split the run around them."""
    parts: list[list[_Token]] = []
    current: list[_Token] = []
    i = 0
    while i < len(run):
        k = _match_title(run, i, t)
        if k > i and k < len(run) and _is_person_word(run[k], t):
            if current:
                parts.append(current)
            current = []
            i = k
            continue
        if k > i and i == 0 and k < len(run) and run[k].kind == _CONNECTOR:
            while k < len(run) and run[k].kind in (_CONNECTOR, _AND):
                k += 1
            i = k
            continue
        current.append(run[i])
        i += 1
    if current:
        parts.append(current)
    return parts


@lru_cache(maxsize=8)
def _lowercase_words(text: str) -> frozenset:
    """Words the text writes in lower case somewhere ("investors")."""
    return frozenset(w for w in _WORD.findall(text) if w[0].islower())


def _common_word(part: list[_Token], text: str) -> bool:
    """A lone capitalized word opening a sentence that the same text also
    writes in lower case is a common word there ("Investors applauded ...
    investors"), not a name."""
    tok = part[0]
    return (
        len(part) == 1
        and tok.initial
        and tok.kind == _NAME
        and tok.word[1:].islower()
        and tok.word.lower() in _lowercase_words(text)
    )


def _clean(part: list[_Token], t: _Tables) -> list[_Token]:
    """Trim connectors at the ends and a sentence-initial adverb."""
    while part and part[0].kind in (_CONNECTOR, _AND):
        part = part[1:]
    while part and part[-1].kind in (_CONNECTOR, _AND):
        part = part[:-1]
    if part and part[0].initial and part[0].kind == _NAME and part[0].word.lower().endswith(t.adverb_suffixes):
        return _clean(part[1:], t)
    if len(part) == 1 and part[0].kind == _NAME and part[0].word in t.titles:
        return []  # "the President"
    if all(tok.word in t.titles or tok.word in t.modifiers for tok in part) and part and part[-1].word in t.titles:
        return []  # "Foreign Minister" without a name
    return part


# ---------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------


def extract_entities(text: str, start: int = 0, end: int | None = None, *, language: str = "en") -> tuple[str, ...]:
    """Names of people, organisations and places in ``text[start:end]``.

    Each is an exact substring of that span; order of first mention;
    duplicates (same name after folding case and punctuation) removed.
    """
    if end is None:
        end = len(text)
    start, end = max(0, start), min(len(text), end)
    if start >= end:
        return ()
    t = _tables(language)
    return _dedupe(_found(text, start, end, t), t)


def entities_within(found: list[tuple[str, list["_Token"]]], start: int, end: int,
                    language: str = "en") -> tuple[str, ...]:
    """The names of ``found`` (:func:`names_found` over a longer stretch,
    a sentence) that lie inside ``[start, end)``, as :func:`extract_entities`
    gives them: one reading of a sentence serves all its events."""
    return _dedupe([(n, part) for n, part in found if start <= part[0].start and part[-1].end <= end],
                   _tables(language))


def names_found(text: str, start: int, end: int, *, language: str = "en") -> list[tuple[str, list["_Token"]]]:
    """The names in ``text[start:end]`` with their tokens (see :func:`entities_within`)."""
    return _found(text, max(0, start), min(len(text), end), _tables(language))


def _found(text: str, start: int, end: int, t: _Tables) -> list[tuple[str, list[_Token]]]:
    found: list[tuple[str, list[_Token]]] = []
    if start >= end:
        return found
    for run in _runs(text, _tokens(text, start, end, t), t):
        for piece in _split_and(run, t):
            for part in _drop_titles(piece, t):
                part = _clean(part, t)
                if not part or _common_word(part, text):
                    continue
                s, e = part[0].start, part[-1].end
                last = part[-1]
                if len(last.word) == 2 and last.word[1] == "." and len(part) > 1:
                    e -= 1  # a trailing initial: "Plan B." -> "Plan B"
                found.append((text[s:e], part))
    return found


def _dedupe(found: list[tuple[str, list[_Token]]], t: _Tables) -> tuple[str, ...]:
    # Full names that a lone surname folds into: "Joe Biden" takes "Biden".
    surnames: dict[str, str] = {}
    for name, part in found:
        if 2 <= len(part) <= 4 and all(_is_person_word(tok, t) for tok in part):
            surnames.setdefault(part[-1].word, name)
    out: dict[str, str] = {}
    for name, part in found:
        if len(part) == 1 and part[0].word in surnames:
            name = surnames[part[0].word]
        out.setdefault(_key(name, t, aliases=False), name)
    return tuple(out.values())


@lru_cache(maxsize=65536)
def normalize_entity(name: str, *, language: str = "en") -> str:
    """A grouping key: case, punctuation and known aliases folded.

    "U.S.", "US" and "United States" give ``"united states"``; "State
    Department" and "Department of State" give ``"department of state"``;
    a demonym alone gives its country ("Russian" -> ``"russia"``).
    """
    return _key(name, _tables(language))


def _key(name: str, t: _Tables, *, aliases: bool = True) -> str:
    s = unicodedata.normalize("NFKC", name).replace("’", "'").casefold()
    for ending in t.possessives:
        if s.endswith(ending) and len(s) > len(ending):
            s = s[: -len(ending)]
            break
    s = s.replace(".", "")
    s = " ".join(re.sub(r"[^\w&']+", " ", s).split())
    if s.startswith("the "):
        s = s[4:]
    if not aliases:
        return s
    if s in t.aliases:
        return t.aliases[s]
    if s in t.demonyms:
        return t.demonyms[s]
    dept = t.department
    if s.endswith(" " + dept) and s.count(" ") <= 2:
        s = f"{dept} of {s[: -len(dept) - 1]}"
    elif s.startswith(f"{dept} of the "):
        s = f"{dept} of {s[len(dept) + 8:]}"
    return s
