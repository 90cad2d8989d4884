"""TempEval-3 TimeML in and out, and a TempEval-3 style TIMEX3 scorer.

Reading works on the text level, never through an XML parser, so that every
byte outside the parts we touch survives unchanged:

* :func:`parse_timeml` finds the DCT (the ``CREATION_TIME`` TIMEX3 inside
  ``<DCT>``), the content of ``<TEXT>`` as plain text (tags removed, the five
  XML entities and numeric character references decoded) and the TIMEX3s in
  it, with ``start``/``end`` as Python ``str`` offsets into that plain text.
  Line ends are kept as they are in the file (no ``\\r\\n`` folding), so the
  plain text is exactly what the file holds between the tags.
* :func:`to_te3input` turns a gold file into what a TempEval-3 system gets as
  input: every tag inside ``<TEXT>`` removed (entities stay encoded as they
  were) and the gold annotation elements outside it (``MAKEINSTANCE``,
  ``TLINK``, ``SLINK``, ``ALINK``) dropped. An official ``.TE3input`` file
  comes back unchanged.
* :func:`insert_timexes` writes TIMEX3 tags into such an input: the result is
  the input with tags inserted at the raw offsets that correspond to the plain
  text offsets, and nothing else changed.

Scoring mirrors ``evaluation-entities/evaluate_entities.py`` of the official
TempEval-3 toolkit (``TE3-evaluation.py``, Naushad UzZaman, 2012-13): strict
and relaxed precision = matches / system TIMEX3s, recall = matches / gold
TIMEX3s, F1 their harmonic mean, all micro-averaged (counts summed over the
files, then divided); type and value accuracy = equal ``type``/``value``
strings / relaxed matches; type and value F1 = accuracy x relaxed F1; the DCT
(``t0``) is never scored; with no gold and no system TIMEX3 at all every F1 is
1. Where we differ, on purpose:

* Matching. The toolkit first runs ``TimeML-Normalizer.jar`` (token based) to
  give each system TIMEX3 the id of the gold TIMEX3 it overlaps, then calls a
  gold id found among the system ids a relaxed match and equal tag text a
  strict match. We match on character offsets (:func:`align`): identical
  extents first, then a maximum one-to-one matching of overlapping spans;
  strict = identical extent. Two system TIMEX3s on one gold TIMEX3 collapse
  into one id in the toolkit (the second is then neither matched nor counted
  as a system TIMEX3); here the second one is spurious.
* Only TIMEX3s inside ``<TEXT>`` are scored (the toolkit also counts any
  TIMEX3 other than ``t0`` elsewhere in the file; the benchmark files have
  none).
* Attribute values are compared after decoding XML entities (the toolkit
  decodes only ``&quot;``), otherwise as exact strings, as the toolkit does.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from timeline.timex import annotate

NEWS, NARRATIVE = "news", "narrative"

#: A tagger: ``(text, dct, mode) -> timexes`` (objects with start, end, type, value, mod).
Tagger = Callable[[str, "_dt.date | None", str], Sequence[Any]]


class TimeMLError(ValueError):
    """A TimeML file that can't be read: the message says what and where."""


class Span(Protocol):
    """What scoring needs of a timex: :class:`TimexTag` and ``model.Timex`` both fit."""

    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class TimexTag:
    """A TIMEX3 as written in a TimeML file.

    ``start``/``end`` are offsets into the document's plain text; ``attributes``
    holds every attribute of the tag in file order (decoded), ``tid``, ``type``,
    ``value`` and ``mod`` are copied out of it for convenience.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    tid: str = ""
    attributes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class TimeMLDoc:
    """One TimeML document as read from a file.

    ``raw`` is the whole file decoded with ``encoding`` (nothing normalised);
    ``text`` the plain content of ``<TEXT>``; ``offsets[i]`` the offset in
    ``raw`` where plain character ``i`` is written (``offsets[len(text)]`` is
    where ``</TEXT>`` starts).
    """

    name: str
    raw: str
    encoding: str
    dct_value: str
    dct: _dt.date | None
    text: str
    offsets: tuple[int, ...] = field(repr=False)
    timexes: tuple[TimexTag, ...] = ()


# --------------------------------------------------------------------------- reading

_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_NAME = r"[A-Za-z_][\w.:-]*"
_ATTR = re.compile(r"(" + _NAME + r")\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<(?P<close>/)?(?P<tag>" + _NAME + r")(?P<attrs>(?:\s+" + _NAME
    + r"\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'))*)\s*(?P<empty>/)?>"
    r"|&(?P<ent>#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z]+);"
    r"|(?P<bad>[<&])",
    re.S,
)
_TEXT_OPEN = re.compile(r"<TEXT(?:\s[^>]*)?>")
_TEXT_CLOSE = re.compile(r"</TEXT\s*>")
_DCT = re.compile(r"<DCT(?:\s[^>]*)?>(.*?)</DCT\s*>", re.S)
_TIMEX_OPEN = re.compile(r"<TIMEX3(\s[^>]*)?>")
_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']""")


def decode_entity(name: str) -> str | None:
    """The character an entity or character reference stands for, or ``None``."""
    if name.startswith("#x"):
        code = int(name[2:], 16)
    elif name.startswith("#"):
        code = int(name[1:])
    else:
        return _ENTITIES.get(name)
    return chr(code) if 0 < code <= 0x10FFFF else None


def parse_attributes(chunk: str) -> tuple[tuple[str, str], ...]:
    """``name="value"`` pairs of a start tag, values decoded."""
    return tuple((m.group(1), unescape(m.group(2) if m.group(2) is not None else m.group(3)))
                 for m in _ATTR.finditer(chunk))


def unescape(value: str) -> str:
    """Decode XML entities in an attribute value; unknown ones stay as written."""
    return re.sub(r"&(#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z]+);",
                  lambda m: decode_entity(m.group(1)) or m.group(0), value)


def escape_attribute(value: str) -> str:
    """``value`` ready to sit between double quotes in a start tag."""
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;")
            .replace("\t", "&#9;"))


def where(raw: str, offset: int) -> str:
    """``line L, column C`` of a raw offset, for error messages."""
    line = raw.count("\n", 0, offset) + 1
    return f"line {line}, column {offset - (raw.rfind(chr(10), 0, offset) + 1) + 1}"


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes by its XML declaration (UTF-8 by default), losslessly."""
    m = _ENCODING.match(data[:200])
    encoding = m.group(1).decode("ascii").lower() if m else "utf-8"
    try:
        return data.decode(encoding), encoding
    except LookupError:
        raise TimeMLError(f"unknown encoding {encoding!r} in the XML declaration") from None
    except UnicodeDecodeError as e:
        raise TimeMLError(f"not valid {encoding} at byte {e.start}: {e.reason}") from None


def text_bounds(raw: str) -> tuple[int, int]:
    """Raw offsets of the content of the one ``<TEXT>`` element."""
    opens = list(_TEXT_OPEN.finditer(raw))
    if len(opens) != 1:
        raise TimeMLError("no <TEXT> element" if not opens else "more than one <TEXT> element")
    close = _TEXT_CLOSE.search(raw, opens[0].end())
    if not close:
        raise TimeMLError(f"<TEXT> at {where(raw, opens[0].start())} is never closed")
    return opens[0].end(), close.start()


def read_dct(raw: str) -> tuple[str, _dt.date | None]:
    """The DCT's TIMEX3 value and the day it names (``None`` if it names no day)."""
    section = _DCT.search(raw)
    starts = list(_TIMEX_OPEN.finditer(section.group(1))) if section else []
    attrs = [dict(parse_attributes(m.group(1) or "")) for m in starts]
    creation = [a for a in attrs if a.get("functionInDocument") == "CREATION_TIME"] or attrs
    if not creation or "value" not in creation[0]:
        raise TimeMLError("no DCT: expected <DCT><TIMEX3 functionInDocument=\"CREATION_TIME\" value=...>")
    value = creation[0]["value"]
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", value)
    try:
        day = _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    except ValueError:
        day = None
    return value, day


def parse_text(raw: str, start: int, end: int) -> tuple[str, list[int], list[TimexTag]]:
    """Plain text, raw offsets and TIMEX3s of ``raw[start:end]`` (the TEXT content).

    Raises :class:`TimeMLError` on a stray ``<`` or ``&``, an unknown entity,
    unbalanced tags or a TIMEX3 inside a TIMEX3.
    """
    pieces: list[str] = []
    offsets: list[int] = []
    timexes: list[TimexTag] = []
    stack: list[tuple[str, int]] = []  # open tags: (name, raw offset)
    open_timex: tuple[int, int, tuple[tuple[str, str], ...]] | None = None  # start, piece, attrs
    size = 0
    pos = start
    for m in _TOKEN.finditer(raw, start, end):
        if m.start() > pos:
            pieces.append(raw[pos:m.start()])
            offsets.extend(range(pos, m.start()))
            size += m.start() - pos
        pos = m.end()
        if m.group("bad"):
            raise TimeMLError(f"stray {m.group('bad')!r} at {where(raw, m.start())} (malformed XML)")
        if m.group("ent") is not None:
            char = decode_entity(m.group("ent"))
            if char is None:
                raise TimeMLError(f"unknown entity {m.group(0)} at {where(raw, m.start())}")
            pieces.append(char)
            offsets.append(m.start())
            size += 1
            continue
        tag = m.group("tag")
        if tag is None or m.group("empty"):  # comment or empty element: no text
            continue
        if not m.group("close"):
            stack.append((tag, m.start()))
            if tag == "TIMEX3":
                if open_timex is not None:
                    raise TimeMLError(f"TIMEX3 inside a TIMEX3 at {where(raw, m.start())}")
                open_timex = (size, len(pieces), parse_attributes(m.group("attrs")))
            continue
        if not stack or stack[-1][0] != tag:
            expected = f"</{stack[-1][0]}>" if stack else "no closing tag"
            raise TimeMLError(f"</{tag}> at {where(raw, m.start())} but expected {expected} (malformed XML)")
        stack.pop()
        if tag == "TIMEX3" and open_timex is not None:
            begin, piece, attributes = open_timex
            timexes.append(make_tag(begin, size, attributes, "".join(pieces[piece:])))
            open_timex = None
    if pos < end:
        pieces.append(raw[pos:end])
        offsets.extend(range(pos, end))
    if stack:
        raise TimeMLError(f"<{stack[-1][0]}> at {where(raw, stack[-1][1])} is never closed")
    offsets.append(end)
    return "".join(pieces), offsets, timexes


def make_tag(start: int, end: int, attributes: tuple[tuple[str, str], ...], text: str) -> TimexTag:
    """A :class:`TimexTag` from the attributes of a TIMEX3, its plain extent and text."""
    attrs = dict(attributes)
    return TimexTag(start, end, text, attrs.get("type", ""), attrs.get("value", ""),
                    attrs.get("mod"), attrs.get("tid", ""), attributes)


def parse_timeml(raw: str, name: str = "", encoding: str = "utf-8") -> TimeMLDoc:
    """Read a TimeML document (gold ``.tml`` or ``.TE3input``) from its text."""
    value, day = read_dct(raw)
    start, end = text_bounds(raw)
    text, offsets, timexes = parse_text(raw, start, end)
    return TimeMLDoc(name, raw, encoding, value, day, text, tuple(offsets), tuple(timexes))


def read_timeml(path: str | Path) -> TimeMLDoc:
    """Read a TimeML file; any problem becomes a :class:`TimeMLError` naming the file."""
    path = Path(path)
    try:
        raw, encoding = decode_bytes(path.read_bytes())
        return parse_timeml(raw, path.name, encoding)
    except OSError as e:
        raise TimeMLError(f"{path}: can't read: {e.strerror or e}") from None
    except TimeMLError as e:
        raise TimeMLError(f"{path}: {e}") from None


# --------------------------------------------------------------------------- writing

_LINK = re.compile(
    r"[ \t]*<(MAKEINSTANCE|TLINK|SLINK|ALINK)\b[^>]*?(?:/>|>.*?</\1\s*>)[ \t]*(?:\r\n|\n|\r)?", re.S)
_ANY_TAG = re.compile(r"<!--.*?-->|</?" + _NAME + r"(?:\s[^>]*)?/?>", re.S)


def to_te3input(raw: str) -> str:
    """A TempEval-3 input from a gold file: tags inside TEXT and link elements removed.

    Entities inside TEXT stay encoded as written; everything else is kept byte
    for byte. A file with no tags in TEXT and no links is returned unchanged.
    """
    start, end = text_bounds(raw)
    return (_LINK.sub("", raw[:start]) + _ANY_TAG.sub("", raw[start:end])
            + _LINK.sub("", raw[end:]))


def non_overlapping(timexes: Sequence[Span], size: int) -> list[Span]:
    """The timexes that can be written as flat tags: in range, non-empty, first wins.

    Sorted by start (longer first); a timex overlapping one already kept is dropped.
    """
    kept: list[Span] = []
    for t in sorted(timexes, key=lambda t: (t.start, -t.end)):
        if 0 <= t.start < t.end <= size and (not kept or t.start >= kept[-1].end):
            kept.append(t)
    return kept


def fresh_ids(raw: str, count: int) -> list[str]:
    """``count`` TIMEX3 ids ``t1, t2, ...`` that no ``tid`` in ``raw`` uses (t0 is the DCT's)."""
    used = set(re.findall(r"\btid\s*=\s*[\"']([^\"']*)[\"']", raw)) | {"t0"}
    ids: list[str] = []
    n = 1
    while len(ids) < count:
        if f"t{n}" not in used:
            ids.append(f"t{n}")
        n += 1
    return ids


def start_tag(tid: str, timex: Any) -> str:
    """``<TIMEX3 tid=... type=... value=... [mod=...] [quant=...] [freq=...]>``."""
    attrs = [("tid", tid), ("type", timex.type), ("value", timex.value)]
    attrs += [(k, getattr(timex, k, None)) for k in ("mod", "quant", "freq")]
    return "<TIMEX3" + "".join(f' {k}="{escape_attribute(str(v))}"' for k, v in attrs if v) + ">"


def insert_timexes(doc: TimeMLDoc, timexes: Sequence[Any]) -> str:
    """``doc.raw`` with TIMEX3 tags for ``timexes`` inserted into TEXT.

    ``doc`` must have no tags inside TEXT (see :func:`to_te3input`). Offsets of
    ``timexes`` are plain-text offsets; overlapping or out-of-range ones are
    dropped (TimeML can't nest TIMEX3). Entities in the text stay as written.
    """
    if doc.timexes or _ANY_TAG.search(doc.raw, doc.offsets[0], doc.offsets[-1]):
        raise TimeMLError("TEXT already holds tags: convert it with to_te3input first")
    kept = non_overlapping(timexes, len(doc.text))
    out: list[str] = []
    pos = 0
    for tid, t in zip(fresh_ids(doc.raw, len(kept)), kept):
        a, b = doc.offsets[t.start], doc.offsets[t.end]
        out += [doc.raw[pos:a], start_tag(tid, t), doc.raw[a:b], "</TIMEX3>"]
        pos = b
    out.append(doc.raw[pos:])
    return "".join(out)


def run_tagger(tagger: Tagger | None, text: str, dct: _dt.date | None, mode: str) -> list[Any]:
    """Call ``tagger`` (default: the engine's :func:`annotate`, looked up at call time)."""
    return list((tagger or annotate)(text, dct, mode))


def tag_timeml(raw: str, name: str = "", mode: str = NEWS, tagger: Tagger | None = None) -> str:
    """A TimeML file's text with our TIMEX3 tags: the ``timeline tag`` transformation."""
    parse_timeml(raw, name)  # malformed input fails here, before its tags are stripped
    doc = parse_timeml(to_te3input(raw), name)
    return insert_timexes(doc, run_tagger(tagger, doc.text, doc.dct, mode))


# --------------------------------------------------------------------------- files

@dataclass(frozen=True)
class FileResult:
    """What happened to one input file: the output written, or the error."""

    path: Path
    output: Path | None = None
    error: str | None = None


def output_name(path: Path) -> str:
    """``NAME.tml`` for ``NAME.tml``, ``NAME.tml.TE3input`` or ``NAME`` (+``.tml``)."""
    name = path.name.removesuffix(".TE3input")
    return name if name.endswith(".tml") else name + ".tml"


def find_inputs(path: str | Path) -> list[tuple[Path, Path]]:
    """``(file, relative output path)`` for a file, or every ``.tml``/``.TE3input``
    file below a folder (sorted, hidden files such as macOS ``._*`` skipped)."""
    path = Path(path)
    if not path.is_dir():
        return [(path, Path(output_name(path)))]
    found = [p for p in sorted(path.rglob("*"))
             if p.is_file() and p.name.endswith((".tml", ".TE3input"))
             and not any(part.startswith(".") for part in p.relative_to(path).parts)]
    return [(p, p.relative_to(path).with_name(output_name(p))) for p in found]


def tag_files(source: str | Path, out: str | Path, mode: str = NEWS,
              tagger: Tagger | None = None) -> Iterator[FileResult]:
    """Tag every input below ``source`` into ``out`` (same relative names, ``.tml``).

    Yields one :class:`FileResult` per file; a bad file doesn't stop the rest.
    Refuses to overwrite an input file.
    """
    inputs = find_inputs(source)
    sources = {p.resolve() for p, _ in inputs}
    for path, rel in inputs:
        target = Path(out) / rel
        if target.resolve() in sources:
            yield FileResult(path, error=f"{path}: output {target} would overwrite an input file")
            continue
        try:
            raw, encoding = decode_bytes(path.read_bytes())
            tagged = tag_timeml(raw, path.name, mode, tagger)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(tagged.encode(encoding))
            yield FileResult(path, output=target)
        except OSError as e:
            yield FileResult(path, error=f"{path}: {e.strerror or e}")
        except TimeMLError as e:
            yield FileResult(path, error=f"{path}: {e}")
        except NotImplementedError:
            raise
        except Exception as e:  # noqa: BLE001 - an engine crash on one file must not stop the rest
            yield FileResult(path, error=f"{path}: the tagger failed: {type(e).__name__}: {e}")


# --------------------------------------------------------------------------- scoring

def overlap(a: Span, b: Span) -> int:
    """Number of characters two spans share."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


@dataclass(frozen=True)
class Alignment:
    """A one-to-one matching of gold and system timexes of one document.

    ``pairs`` are ``(gold index, system index)``, sorted by gold index; a pair
    overlaps by at least one character. ``missed``/``spurious`` are the
    indices left unmatched.
    """

    pairs: tuple[tuple[int, int], ...]
    missed: tuple[int, ...]
    spurious: tuple[int, ...]


def align(gold: Sequence[Span], system: Sequence[Span]) -> Alignment:
    """Match gold and system timexes one-to-one.

    Identical extents are paired first (each at most once). The rest are
    paired by a maximum one-to-one matching over overlapping spans (augmenting
    paths, trying the biggest overlap first), so one system timex covering two
    gold ones matches only one of them and the other counts as missed.
    """
    match_of_sys: dict[int, int] = {}
    exact: dict[tuple[int, int], list[int]] = {}
    for j, s in enumerate(system):
        exact.setdefault((s.start, s.end), []).append(j)
    free_gold = []
    for i, g in enumerate(gold):
        same = exact.get((g.start, g.end))
        if same:
            match_of_sys[same.pop(0)] = i
        else:
            free_gold.append(i)
    free_sys = [j for j in range(len(system)) if j not in match_of_sys]
    options = {i: sorted((j for j in free_sys if overlap(gold[i], system[j])),
                         key=lambda j: (-overlap(gold[i], system[j]), system[j].start))
               for i in free_gold}

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j not in seen:
                seen.add(j)
                if j not in match_of_sys or augment(match_of_sys[j], seen):
                    match_of_sys[j] = i
                    return True
        return False

    for i in free_gold:
        augment(i, set())
    pairs = tuple(sorted((i, j) for j, i in match_of_sys.items()))
    matched_gold = {i for i, _ in pairs}
    return Alignment(pairs, tuple(i for i in range(len(gold)) if i not in matched_gold),
                     tuple(j for j in range(len(system)) if j not in match_of_sys))


def ratio(num: int, den: int) -> float:
    """``num / den``, 0 when ``den`` is 0 (as the official scorer does)."""
    return num / den if den else 0.0


def f1(p: float, r: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Scores:
    """TempEval-3 TIMEX3 counts, summed over documents (micro average), and measures.

    ``relaxed`` counts matched pairs (overlap), ``strict`` the pairs with the
    same extent, ``type_ok``/``value_ok`` the matched pairs whose type/value
    strings are equal. Accuracies are over relaxed matches; type/value F1 =
    accuracy x relaxed F1, exactly as ``evaluate_entities.py`` computes them.
    """

    files: int = 0
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def __add__(self, other: Scores) -> Scores:
        return Scores(*(a + b for a, b in zip(self.counts(), other.counts())))

    def counts(self) -> tuple[int, ...]:
        return (self.files, self.gold, self.system, self.strict, self.relaxed, self.type_ok, self.value_ok)

    @property
    def empty(self) -> bool:
        """No gold and no system timex: the official scorer then gives every F1 as 1."""
        return self.gold == 0 and self.system == 0

    strict_p = property(lambda self: ratio(self.strict, self.system))
    strict_r = property(lambda self: ratio(self.strict, self.gold))
    relaxed_p = property(lambda self: ratio(self.relaxed, self.system))
    relaxed_r = property(lambda self: ratio(self.relaxed, self.gold))
    strict_f1 = property(lambda self: 1.0 if self.empty else f1(self.strict_p, self.strict_r))
    relaxed_f1 = property(lambda self: 1.0 if self.empty else f1(self.relaxed_p, self.relaxed_r))
    type_accuracy = property(lambda self: ratio(self.type_ok, self.relaxed))
    value_accuracy = property(lambda self: ratio(self.value_ok, self.relaxed))
    type_f1 = property(lambda self: 1.0 if self.empty else self.type_accuracy * self.relaxed_f1)
    value_f1 = property(lambda self: 1.0 if self.empty else self.value_accuracy * self.relaxed_f1)

    def to_json(self) -> dict[str, float | int]:
        """Counts and measures (fractions in 0..1) as a flat dict."""
        names = ("strict_p", "strict_r", "strict_f1", "relaxed_p", "relaxed_r", "relaxed_f1",
                 "type_accuracy", "value_accuracy", "type_f1", "value_f1")
        counts = dict(zip(("files", "gold", "system", "strict", "relaxed", "type_ok", "value_ok"),
                          self.counts()))
        return counts | {n: round(getattr(self, n), 6) for n in names}


def score_doc(gold: Sequence[Span], system: Sequence[Span],
              alignment: Alignment | None = None) -> Scores:
    """Counts for one document."""
    alignment = alignment or align(gold, system)
    pairs = [(gold[i], system[j]) for i, j in alignment.pairs]
    return Scores(1, len(gold), len(system),
                  sum((g.start, g.end) == (s.start, s.end) for g, s in pairs), len(pairs),
                  sum(g.type == s.type for g, s in pairs), sum(g.value == s.value for g, s in pairs))


def score(gold_docs: Sequence[Sequence[Span]], system_docs: Sequence[Sequence[Span]]) -> Scores:
    """Micro-averaged scores over parallel lists of documents (lists of timexes)."""
    if len(gold_docs) != len(system_docs):
        raise ValueError(f"{len(gold_docs)} gold documents but {len(system_docs)} system documents")
    return sum((score_doc(g, s) for g, s in zip(gold_docs, system_docs)), Scores())


# --------------------------------------------------------------------------- errors

@dataclass(frozen=True)
class Mismatch:
    """One thing the system got wrong in one document.

    ``kinds`` is ``("missed",)``, ``("spurious",)`` or, for a matched pair,
    any of ``extent``, ``type``, ``value`` (``mod`` differences are shown but
    not scored, as in the official scorer).
    """

    doc: str
    kinds: tuple[str, ...]
    gold: Any | None
    system: Any | None
    context: str


def context(text: str, start: int, end: int, width: int = 50) -> str:
    """The span in brackets with ``width`` characters around it, on one line."""
    before = text[max(0, start - width):start]
    after = text[end:end + width]
    flat = " ".join(f"{before}[{text[start:end]}]{after}".split())
    return ("…" if start > width else "") + flat + ("…" if end + width < len(text) else "")


def mismatches(doc: str, text: str, gold: Sequence[Any], system: Sequence[Any],
               alignment: Alignment | None = None) -> list[Mismatch]:
    """Missed, spurious and wrongly labelled timexes of one document, in text order."""
    alignment = alignment or align(gold, system)
    found: list[tuple[int, Mismatch]] = []
    for i in alignment.missed:
        g = gold[i]
        found.append((g.start, Mismatch(doc, ("missed",), g, None, context(text, g.start, g.end))))
    for j in alignment.spurious:
        s = system[j]
        found.append((s.start, Mismatch(doc, ("spurious",), None, s, context(text, s.start, s.end))))
    for i, j in alignment.pairs:
        g, s = gold[i], system[j]
        kinds = tuple(k for k, bad in (("extent", (g.start, g.end) != (s.start, s.end)),
                                       ("type", g.type != s.type), ("value", g.value != s.value)) if bad)
        if kinds:
            span = (min(g.start, s.start), max(g.end, s.end))
            found.append((g.start, Mismatch(doc, kinds, g, s, context(text, *span))))
    return [m for _, m in sorted(found, key=lambda x: x[0])]


def describe(t: Any, text: str) -> str:
    """``"text" VALUE TYPE [mod]`` of a timex (``text`` is the document text)."""
    mod = f" mod={t.mod}" if getattr(t, "mod", None) else ""
    return f'"{text[t.start:t.end]}" {t.value or "(no value)"} {t.type}{mod}'


def format_mismatch(m: Mismatch, text: str) -> str:
    """Two lines: ``file@offset kinds  gold ... | system ...`` and the context."""
    where_ = (m.gold or m.system).start
    gold = f"gold {describe(m.gold, text)}" if m.gold else "gold -"
    system = f"system {describe(m.system, text)}" if m.system else "system -"
    return f"{m.doc}@{where_}  {','.join(m.kinds):<13} {gold}  |  {system}\n    {m.context}"


def mismatch_json(m: Mismatch, text: str) -> dict[str, Any]:
    """A mismatch as plain JSON data."""
    def side(t: Any) -> dict[str, Any] | None:
        return None if t is None else {"start": t.start, "end": t.end, "text": text[t.start:t.end],
                                       "type": t.type, "value": t.value, "mod": getattr(t, "mod", None)}
    return {"file": m.doc, "kinds": list(m.kinds), "gold": side(m.gold), "system": side(m.system),
            "context": m.context}


# --------------------------------------------------------------------------- evaluation

@dataclass(frozen=True)
class DocResult:
    """Gold and system timexes of one evaluated document, and their alignment."""

    name: str
    text: str
    gold: tuple[Any, ...]
    system: tuple[Any, ...]
    alignment: Alignment

    @property
    def scores(self) -> Scores:
        return score_doc(self.gold, self.system, self.alignment)

    def mismatches(self) -> list[Mismatch]:
        return mismatches(self.name, self.text, self.gold, self.system, self.alignment)


@dataclass(frozen=True)
class Evaluation:
    """Per-document results, the failures (messages naming the file) and the total."""

    docs: tuple[DocResult, ...]
    failures: tuple[str, ...]

    @property
    def scores(self) -> Scores:
        return sum((d.scores for d in self.docs), Scores())


def evaluate_file(path: Path, rel: Path, system_dir: Path | None, mode: str,
                  tagger: Tagger | None) -> DocResult:
    """Score one gold file against ``system_dir/rel`` or against the tagger's output."""
    gold = read_timeml(path)
    if system_dir is None:
        system = tuple(run_tagger(tagger, gold.text, gold.dct, mode))
    else:
        sys_doc = read_timeml(system_dir / rel)
        if sys_doc.text != gold.text:
            raise TimeMLError(f"{system_dir / rel}: its TEXT differs from the gold file {path}")
        system = sys_doc.timexes
    system = tuple(sorted(system, key=lambda t: (t.start, t.end)))
    return DocResult(str(rel), gold.text, gold.timexes, system, align(gold.timexes, system))


def evaluate(gold: str | Path, system: str | Path | None = None, mode: str = NEWS,
             tagger: Tagger | None = None) -> Evaluation:
    """Score a gold file or folder against system files of the same names, or,
    without ``system``, against the tagger run on the gold text and DCT.

    A file that can't be read or whose system file is missing or has a
    different text is listed in ``failures`` and left out of the scores.
    Engine errors other than ``NotImplementedError`` are failures too.
    """
    docs: list[DocResult] = []
    failures: list[str] = []
    inputs = find_inputs(gold)
    system_dir = Path(system) if system is not None else None
    if system_dir is not None and not system_dir.is_dir() and not Path(gold).is_dir():
        inputs = [(inputs[0][0], Path(system_dir.name))]  # one file against one file
        system_dir = system_dir.parent
    for path, rel in inputs:
        try:
            docs.append(evaluate_file(path, rel, system_dir, mode, tagger))
        except TimeMLError as e:
            failures.append(str(e))
        except NotImplementedError:
            raise
        except Exception as e:  # noqa: BLE001 - an engine crash on one file must not hide the rest
            failures.append(f"{path}: the tagger failed: {type(e).__name__}: {e}")
    return Evaluation(tuple(docs), tuple(failures))


def percent(x: float) -> str:
    return f"{100 * x:6.2f}"


def format_scores(s: Scores) -> str:
    """A plain-text table of counts and percentages."""
    return "\n".join([
        f"files {s.files}   gold TIMEX3 {s.gold}   system TIMEX3 {s.system}",
        "",
        "              P       R      F1   matched",
        f"strict   {percent(s.strict_p)}  {percent(s.strict_r)}  {percent(s.strict_f1)}   {s.strict:7d}",
        f"relaxed  {percent(s.relaxed_p)}  {percent(s.relaxed_r)}  {percent(s.relaxed_f1)}   {s.relaxed:7d}",
        "",
        "         accuracy      F1   correct   (over relaxed matches; F1 = accuracy x relaxed F1)",
        f"type       {percent(s.type_accuracy)}  {percent(s.type_f1)}   {s.type_ok:7d}",
        f"value      {percent(s.value_accuracy)}  {percent(s.value_f1)}   {s.value_ok:7d}",
    ])


MARKDOWN_HEADER = ("| corpus | mode | files | gold | system | strict P | strict R | strict F1 "
                   "| relaxed P | relaxed R | relaxed F1 | type acc | value acc | type F1 | value F1 |\n"
                   "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
                   "| ---: | ---: | ---: | ---: |")


def markdown_row(corpus: str, mode: str, s: Scores) -> str:
    """One row of the README results table (percentages with two decimals)."""
    measures = (s.strict_p, s.strict_r, s.strict_f1, s.relaxed_p, s.relaxed_r, s.relaxed_f1,
                s.type_accuracy, s.value_accuracy, s.type_f1, s.value_f1)
    cells = [corpus, mode, str(s.files), str(s.gold), str(s.system)] + [f"{100 * x:.2f}" for x in measures]
    return "| " + " | ".join(cells) + " |"


def report_json(result: Evaluation, errors: bool = False) -> dict[str, Any]:
    """``{"scores": ..., "failed": [...]}`` (+ ``"errors"`` when asked) for ``--format json``."""
    data: dict[str, Any] = {"scores": result.scores.to_json(), "failed": list(result.failures)}
    if errors:
        data["errors"] = [mismatch_json(m, d.text) for d in result.docs for m in d.mismatches()]
    return data


def report_text(result: Evaluation, errors: bool = False) -> str:
    """The mismatches (when asked), then the score table."""
    lines = [format_mismatch(m, d.text) for d in result.docs for m in d.mismatches()] if errors else []
    return "\n\n".join(lines + [format_scores(result.scores)])
