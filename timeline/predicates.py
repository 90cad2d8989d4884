"""Which words of a sentence name a happening: a small learned tagger.

TimeML marks every word that names an event (``EVENT``: "signed", "said",
"loss", "election", "opposed") with its part of speech. An averaged
perceptron trained on those marks (``scripts/train_predicates.py``, on the
TimeBank documents that are not held out) tells, for every word of a
sentence, whether it names a happening as a verb (``V``), a noun (``N``), an
adjective or other word (``A``), or nothing (``O``). The attachment of dates
(:mod:`timeline.attach`) asks it where the predicates of a clause are and
whether the noun a date describes is a happening ("the 2020 election") or a
thing ("the 11th-century temple").

The weights ship in the package (``timeline/lang/<code>_predicates.json``);
nothing is downloaded. Pure: no I/O after the weights are read once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

#: The classes, in the order of every weight vector.
CLASSES = ("O", "V", "N", "A")

#: Initials with their periods ("U.S.", "a.m."), a word (with inner
#: apostrophes, hyphens, periods, slashes: "U.S",
#: "third-quarter", "Friday's", "n't"), a number ("$52.125", "61%"), or one
#: mark of punctuation ("--" and "..." count as one).
#: (The lookahead first: every alternative starts with a non-blank, and the
#: engine need not try each at every blank.)
TOKEN = re.compile(r"(?=\S)(?:(?:[A-Za-z]\.){2,}|[’']s\b|\$?\d+(?:[.,:/]\d+)*(?:%|[^\W\d_]+)?(?:-\w+)*|\w+(?:[\-./&]\w+|[’'](?!s\b)\w+)*|--+|\.\.\.|``|''|[^\w\s])")


class Token(NamedTuple):
    start: int
    end: int
    text: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]`` with absolute offsets."""
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, start, len(text) if end is None else end)]


def shape(word: str) -> str:
    """A word's shape: ``Xx`` capitalized, ``x`` lower, ``X`` upper, ``d``
    digits, ``p`` punctuation, ``m`` mixed."""
    if word[0].isdigit() or word[0] == "$":
        return "d"
    if not word[0].isalnum():
        return "p"
    if word.islower():
        return "x"
    if word.isupper():
        return "X"
    if word[0].isupper() and word[1:].islower():
        return "Xx"
    return "m"


def word_features(word: str) -> list[str]:
    """Features of a word alone (memoized at tagging time): the word, its
    ending, its shape, and the parts of speech English allows it
    (:func:`lexicon`: "ruled" can only be a verb, "support" a noun or a
    verb), which carries the tagger to words TimeBank never shows."""
    low = word.lower()
    return ["b", "w=" + low, "s3=" + low[-3:], "s2=" + low[-2:], "sh=" + shape(word), "lex=" + lexicon(low)]


def lexicon(word: str) -> str:
    """The parts of speech English allows ``word`` ("NOUN|VERB"), or "" for
    a word the lexicon doesn't know (``timeline/lang/en_lexicon.tsv.gz``)."""
    got = _ENTRIES.get(word)  # (most words are there: no call)
    return (got if got is not None else _entry(word))[0]


def verb_lemmas(word: str) -> tuple[str, ...]:
    """The verbs ``word`` is a form of ("fell": fall, fell), or ``()``."""
    got = _ENTRIES.get(word)
    return (got if got is not None else _entry(word))[1]


_UNKNOWN: tuple[str, tuple[str, ...]] = ("", ())
_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {}
_RAW: dict[str, str] = {}


def _entry(word: str) -> tuple[str, tuple[str, ...]]:
    """Word form -> (parts of speech, verb lemmas). The table
    (``scripts/build_lexicon.py`` writes it from LemmInflect's dictionary)
    is read once into raw lines; a line is split when its word is first
    asked for, which is a small share of 70,000 forms in any build."""
    got = _ENTRIES.get(word)
    if got is None:
        raw = (_RAW or _read_lexicon()).get(word)
        if raw is None:
            got = _UNKNOWN
        else:
            parts, _, lemmas = raw.partition("\t")
            got = (parts, tuple(lemmas.split("|")) if lemmas else ())
        _ENTRIES[word] = got
    return got


def _read_lexicon() -> dict[str, str]:
    import gzip

    path = Path(__file__).resolve().parent / "lang" / "en_lexicon.tsv.gz"
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    _RAW.update(line.split("\t", 1) for line in text.splitlines())
    return _RAW


def context_features(words: Sequence[str], i: int) -> list[str]:
    """Features of the words around ``words[i]``."""
    prev = words[i - 1].lower() if i > 0 else "<s>"
    prev2 = words[i - 2].lower() if i > 1 else "<s>"
    nxt = words[i + 1].lower() if i + 1 < len(words) else "</s>"
    return ["p=" + prev, "n=" + nxt, "p2=" + prev2, "ps=" + prev[-3:], "ns=" + nxt[-3:]]


def features(words: Sequence[str], i: int) -> list[str]:
    return word_features(words[i]) + context_features(words, i)


class Tagger:
    """An averaged perceptron over :func:`features` (weights per class, in
    :data:`CLASSES` order)."""

    def __init__(self, weights: dict[str, Sequence[float]]):
        self.weights = {k: tuple(v) for k, v in weights.items()}
        # Each feature depends on one word: its weights are summed once per
        # word and position (the word itself, the word before, the one before
        # that, the word after), then four vectors add up per token.
        self._memo: tuple[dict[str, tuple[float, ...]], ...] = ({}, {}, {}, {})

    def _vector(self, slot: int, word: str) -> tuple[float, ...]:
        memo = self._memo[slot]
        got = memo.get(word)
        if got is None:
            if slot == 0:
                feats = word_features(word)
            else:
                low = word.lower() if word else ("</s>" if slot == 3 else "<s>")
                feats = (("p=" + low, "ps=" + low[-3:]) if slot == 1 else ("p2=" + low,) if slot == 2
                         else ("n=" + low, "ns=" + low[-3:]))
            got = self._sum(feats)
            if len(memo) < 200_000:
                memo[word] = got
        return got

    def _sum(self, feats: Iterable[str]) -> tuple[float, ...]:
        o = v = n = a = 0.0
        w = self.weights
        for f in feats:
            x = w.get(f)
            if x is not None:
                o += x[0]
                v += x[1]
                n += x[2]
                a += x[3]
        return o, v, n, a

    def scores(self, words: Sequence[str], i: int) -> tuple[float, ...]:
        """The class scores of ``words[i]`` (the same as summing
        :func:`features`)."""
        m0, m1, m2, m3 = self._memo  # (most words are there: no call)
        word = words[i]
        w0 = m0.get(word) or self._vector(0, word)
        word = words[i - 1] if i > 0 else ""
        w1 = m1.get(word) or self._vector(1, word)
        word = words[i - 2] if i > 1 else ""
        w2 = m2.get(word) or self._vector(2, word)
        word = words[i + 1] if i + 1 < len(words) else ""
        w3 = m3.get(word) or self._vector(3, word)
        return (w0[0] + w1[0] + w2[0] + w3[0], w0[1] + w1[1] + w2[1] + w3[1],
                w0[2] + w1[2] + w2[2] + w3[2], w0[3] + w1[3] + w2[3] + w3[3])

    def tag(self, words: Sequence[str]) -> list[str]:
        """One class of :data:`CLASSES` per word."""
        out = []
        for i in range(len(words)):
            s = self.scores(words, i)
            out.append(CLASSES[s.index(max(s))])
        return out


@lru_cache(maxsize=None)
def tagger(language: str = "en") -> Tagger:
    """The shipped tagger of ``language`` (English when it has none)."""
    code = (language or "en").split("-")[0].split("_")[0].lower()
    folder = Path(__file__).resolve().parent / "lang"
    path = folder / f"{code}_predicates.json"
    if not path.is_file():
        path = folder / "en_predicates.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return Tagger(data["weights"])
