"""Site -> pages: the timeline's Markdown pages, rendered through jinja2 templates.

``render_site(site)`` is pure: it returns ``{path: text}`` with paths relative
to the output folder (``docs/timeline/`` by default). Python only prepares
plain data (dicts, lists, strings) and registers filters; every tag lives in
the templates (``templates/*.j2``), which users override by putting files of
the same name in a ``templates/`` folder next to ``mkdocs.yml``.

The pages are Markdown files whose body is one block of HTML, so any engine
that reads ``mkdocs.yml`` (MkDocs, ProperDocs, Zensical) renders them the
same way and Markdown never reinterprets article text. jinja2 autoescaping is
on for every template: article text, titles and urls are always text.
"""

from __future__ import annotations

import bisect
import collections
import datetime as dt
import functools
import hashlib
import heapq
import json
import posixpath
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import jinja2
import markupsafe
from markupsafe import Markup

from timeline import labels
from timeline.entities import normalize_entity
from timeline.model import Document, Entry, Event, Site, Source, Warning, When
from timeline.paginate import ID_BUCKETS, LATEST, Period, capital, fingerprint, keys_in_order, paginate, slugify
from timeline.paginate import bucket as paginate_bucket
from timeline.search_text import with_search_text

def _default_templates() -> Path:
    """The default templates: ``timeline/templates`` in an installed wheel
    (pyproject.toml maps the top-level ``templates/`` folder there), the
    top-level ``templates/`` folder itself in a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "templates"
    return packaged if packaged.is_dir() else here.parent / "templates"


#: See :func:`_default_templates`.
DEFAULT_TEMPLATES = _default_templates()
ASSETS = ("assets/timeline.css", "assets/timeline.js")

BADGES = {
    "inherited": ("inherited", "The sentence has no date of its own; it continues the date of the text before it."),
    "relative": ("relative", "Dated relative to the previous event ('subsequently', 'later'): it happened after it."),
    "dct": ("publication date", "No date in the text; placed at the article's publication date."),
    "planned": ("planned", "Announced, proposed or expected; not (yet) reported as happened."),
    "conflict": ("conflicting dates", "The sources give different dates for this event."),
}


# -- filters and small pure helpers ------------------------------------------

_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL, else ``None`` (no
    ``javascript:``, ``data:``, relative or malformed links from content)."""
    if not url or _SPACE_OR_CONTROL.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


_LOOKALIKE = str.maketrans({"<": "‹", ">": "›", '"': "”", "'": "’", "`": "‘", "\\": "∖"})


def plain_title(text: str) -> str:
    """A title safe for contexts the theme does not escape (``<title>``,
    navigation, search): one line, no control characters, and the few
    characters that could open markup replaced by look-alikes. The page's own
    heading shows the exact title, escaped."""
    text = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in text)
    return " ".join(text.translate(_LOOKALIKE).split()) or "Untitled"


def yaml_str(text: str) -> Markup:
    """A YAML (JSON) double-quoted scalar for front matter."""
    return Markup(json.dumps(plain_title(text), ensure_ascii=False))


#: The most bytes (UTF-8) of a page name made from a content path: file
#: systems allow 255 per name, and MkDocs and the build add to it.
MAX_NAME_BYTES = 120


def page_slug(text: str) -> tuple[str, bool]:
    """``(name, shortened)``: a page name for a content path ("World/Côte
    d'Ivoire" -> "world-cote-d-ivoire", "日本" -> "日本"): letters and digits
    of any script in lower case, accents dropped, other runs "-"; a name over
    :data:`MAX_NAME_BYTES` is cut and ends with a hash of ``text``, so two
    long paths never share one."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
    slug = _NOT_WORD.sub("-", bare.lower()).strip("-")
    if slug in _RESERVED:  # no file may have these names on Windows
        slug += "-page"
    if len(slug.encode("utf-8")) <= MAX_NAME_BYTES:
        return slug, False
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    cut = slug.encode("utf-8")[:MAX_NAME_BYTES - len(digest) - 1].decode("utf-8", "ignore").rstrip("-")
    return f"{cut}-{digest}", True


_NOT_WORD = re.compile(r"[\W_]+")
_RESERVED = frozenset(["con", "prn", "aux", "nul", *(f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10))])


def page_warnings(site: Site) -> tuple[Warning, ...]:
    """A warning for each article or topic whose page name had to be shortened."""
    shortened = _page_names(site, _site_docs(site))[2]
    paths = {tl.topic: f"{d.article.path.split('/', 1)[0]}/{tl.topic}" for tl in site.timelines
             for d in tl.documents[:1] if tl.topic}
    return tuple(Warning(paths.get(key, key), f"the name is too long for a page name: its page is {page}",
                         left_out=False) for key, page in shortened)


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL (relative to the output folder) MkDocs gives the page ``path``."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def link(from_path: str, to_path: str, directory_urls: bool = True, anchor: str | None = None) -> str:
    """A relative link from page ``from_path`` to page or file ``to_path``.

    >>> link("index.md", "articles/a.md", anchor="s1-2")
    'articles/a/#s1-2'
    >>> link("topics/t.md", "index.md")
    '../../'
    """
    return _relative(from_path, to_path, directory_urls) + (f"#{quote(anchor, safe='')}" if anchor else "")


@functools.lru_cache(maxsize=65536)
def _relative(from_path: str, to_path: str, directory_urls: bool) -> str:
    src = "/" + page_url(from_path, directory_urls)
    base = src if src.endswith("/") else posixpath.dirname(src)
    dst = "/" + page_url(to_path, directory_urls)
    rel = posixpath.relpath(dst, base)
    if dst.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel


def sentence_spans(doc: Document) -> tuple[list[tuple[int, int]], dict[tuple[int, int], str | None]]:
    """The sentences an article page marks (non-overlapping, in order) and,
    for each event's ``sentence``, the anchor of the marked sentence holding
    it (``s<start>-<end>``; ``None`` when the event has no sentence)."""
    body = doc.article.body
    kept: list[tuple[int, int]] = []
    for s, e in sorted({ev.sentence for ev in doc.events if ev.sentence[1] > ev.sentence[0]}):
        if not kept or s >= kept[-1][1]:  # overlapping sentences: the first one is marked
            kept.append((max(0, s), min(len(body), e)))
    anchors: dict[tuple[int, int], str | None] = {}
    marked = set(kept)
    starts = [k[0] for k in kept]

    def holding(x: int) -> tuple[int, int] | None:  # kept is sorted and disjoint: a binary search
        i = bisect.bisect_right(starts, x) - 1
        return kept[i] if i >= 0 and kept[i][0] <= x < kept[i][1] else None

    for ev in doc.events:
        span = ev.sentence if ev.sentence in marked else holding(ev.start) or holding(ev.sentence[0])
        anchors[ev.sentence] = f"s{span[0]}-{span[1]}" if span else None
    return kept, anchors


class _Data(dict):
    """A dict (see :func:`_data`) whose keys are also its attributes."""

    def __setitem__(self, key, value) -> None:
        dict.__setitem__(self, key, value)
        self.__dict__[key] = value


def _data(items: dict) -> _Data:
    """``items`` for a template: a dict whose keys a template reads as
    attributes (``e.label``) straight away. Jinja tries ``getattr`` before
    the key, and for a plain dict each of those lookups raised and caught an
    AttributeError: 0.4 µs, a tenth of rendering the pages. (No key here is
    the name of a dict method, which the attribute would hide.)"""
    data = _Data(items)
    data.__dict__ = items  # (the same keys: its attributes)
    return data


def badges(anchor: str, planned: bool, conflict: bool = False) -> list[dict]:
    kinds = [anchor] if anchor in ("inherited", "relative", "dct") else []
    kinds += ["planned"] * planned + ["conflict"] * conflict
    return [_data({"kind": k, "label": BADGES[k][0], "title": BADGES[k][1]}) for k in kinds]


def excerpt(body: str, event: Event) -> str:
    """An event's words as a reader sees them: a whole sentence capitalized,
    a clause cut from a longer sentence marked with "…" where words were
    left out ("…that the Russian government meddled in the 2020 election").
    """
    s, e = event.sentence
    a, b = event.shown_span
    head = len(body[s:e]) - len(body[s:e].lstrip())
    tail = len(body[s:e].rstrip())
    text = " ".join(body[a:b].split())
    before = a > s + head
    after = b < s + tail and body[b:s + tail].strip(" \t\n\"'”’)")
    return ("…" + text if before else capital(text)) + ("…" if after else "")


def entry_excerpt(entry: Entry) -> str:
    """:func:`excerpt` of the event an entry shows (its lead source's)."""
    for src in entry.sources:
        a, b = src.event.shown_span
        if src.article.body[a:b] == entry.text:
            return excerpt(src.article.body, src.event)
    return capital(entry.text)


def environment(template_dirs: Sequence[Path | str] = ()) -> jinja2.Environment:
    """The jinja2 environment: user template folders first, then the defaults."""
    dirs = [str(d) for d in template_dirs if Path(d).is_dir()] + [str(DEFAULT_TEMPLATES)]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(dirs), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        auto_reload=False,  # (one environment per build: no template file is looked at again for each page)
    )
    env.filters.update(
        human_date=lambda w: labels.human_date(as_when(w)),
        date_label=lambda w, planned=False, after=None: labels.date_label(as_when(w), planned, after),
        iso_datetime=lambda w: labels.iso_datetime(as_when(w)),
        yaml_str=yaml_str, capital=capital, article_text=article_text,
    )
    return env


def article_text(paragraphs: list[list[dict]]) -> markupsafe.Markup:
    """An article's text (``paragraphs`` of an article page's context) as
    HTML: a paragraph each, each sentence that an event cites a span with
    its id, each time expression marked with its date. What the template's
    loops over the pieces wrote, in one pass (the pieces of 10,000 articles
    were a fifth of rendering them)."""
    escape = markupsafe.escape
    out: list[str] = []
    for para in paragraphs:
        out.append("<p>")
        for piece in para:
            if piece["sentence"]:
                out.append(f'<span class="tl-sentence" id="{escape(piece["id"])}">' if piece["id"]
                           else '<span class="tl-sentence">')
            for part in piece["parts"]:
                t = part["timex"]
                if not t:
                    out.append(escape(part["text"]))
                    continue
                tip = f'{escape(t["label"])} ({escape(t["value"])})'
                if t["datetime"]:
                    out.append(f'<time class="tl-timex" datetime="{escape(t["datetime"])}" tabindex="0" '
                               f'data-tip="{tip}">{escape(part["text"])}</time>')
                else:
                    out.append(f'<mark class="tl-timex" tabindex="0" data-tip="{tip}">{escape(part["text"])}</mark>')
            if piece["sentence"]:
                out.append("</span>")
        out.append("</p>\n")
    return markupsafe.Markup("".join(out))


def as_when(w: When | dict | None) -> When | None:
    """A ``When`` from itself or from the ``when`` dicts handed to templates
    (so ``{{ entry.when | human_date }}`` works in user templates)."""
    if w is None or isinstance(w, When):
        return w

    def day(x):
        return dt.date.fromisoformat(x) if isinstance(x, str) else x

    return When(w.get("value"), day(w.get("start")), day(w.get("end")), w.get("precision"), w.get("mod"))


# -- plain data for the templates -------------------------------------------

class _Pages:
    """Where each page lives, and links between them."""

    def __init__(self, site: Site, directory_urls: bool):
        self.directory_urls = directory_urls
        self.docs = _site_docs(site)
        #: (shortened: article path or topic, and page, of each page whose name had to be shortened)
        self.article_page, self.topic_page, self.shortened = _page_names(site, self.docs)
        self.anchors = {path: sentence_spans(doc)[1] for path, doc in self.docs.items()}
        self.entries = all_entries(site)
        self.entity_name = entity_names(self.entries)
        # The site-wide timeline's pages: where each entry lives.
        self.periods = paginate(self.entries)
        self.entry_page: dict[str, str] = {e.id: f"{p.path}.md" for p in self.periods for e in p.entries}
        self._doc_keys: dict[str, str] = {}
        #: Buckets of the permalink map: about 250 ids each.
        self.id_buckets = min(ID_BUCKETS, 1 + len(self.entries) // 250)
        self.topic_title: dict[str, str] = {}
        for tl in site.timelines:
            if tl.topic:
                self.topic_title.setdefault(tl.topic, tl.title)

    def link(self, here: str, there: str, anchor: str | None = None) -> str:
        return link(here, there, self.directory_urls, anchor)

    def doc_key(self, doc: Document) -> str:
        """A hash of :func:`document_fingerprint`, once per document (short:
        every entry's key holds it, and a long article has many entries)."""
        key = self._doc_keys.get(doc.article.path)
        if key is None:
            key = self._doc_keys[doc.article.path] = fingerprint(document_fingerprint(doc))
        return key

    def sentence(self, path: str, event: Event) -> str | None:
        """The anchor of ``event``'s sentence on its article's page."""
        return self.anchors.get(path, {}).get(event.sentence)


_LAST_PAGES: list = []


def _site_docs(site: Site) -> dict[str, Document]:
    """Each article's document, by its path."""
    docs: dict[str, Document] = {}
    for tl in site.timelines:
        for doc in tl.documents:
            docs.setdefault(doc.article.path, doc)
    return docs


def _page_names(site: Site, docs: dict[str, Document]) -> tuple[dict[str, str], dict[str, str], list]:
    """The articles' pages and the topics' (``{path or topic: page}``), and
    ``(path or topic, page)`` of each page whose name had to be shortened."""
    shortened: list[tuple[str, str]] = []

    def names(folder: str, sources: dict[str, str], fallback: str) -> dict[str, str]:
        # {key: "folder/<name>.md"}: a page_slug of each source text, made
        # unique in the order of the keys ("a-b", "a-b-2")
        pages: dict[str, str] = {}
        taken: set[str] = {"index"}
        for key in sorted(sources):
            slug, short = page_slug(sources[key])
            slug = slug or fallback
            unique, n = slug, 1
            while unique in taken:
                n += 1
                unique = f"{slug}-{n}"
            taken.add(unique)
            pages[key] = f"{folder}/{unique}.md"
            if short:
                shortened.append((key, pages[key]))
        return pages

    articles = names("articles", {path: f"{docs[path].article.topic}/{path.rsplit('/', 1)[-1].rsplit('.', 1)[0]}"
                                  for path in docs}, "article")
    topics = names("topics", {tl.topic: tl.topic for tl in site.timelines if tl.topic}, "topic")
    return articles, topics, shortened


def _pages_of(site: Site, directory_urls: bool) -> _Pages:
    """``_Pages(site, directory_urls)``, made once for a build (the pages
    depend on the timelines and entries, not on the warnings)."""
    key = (site.timelines, site.entries, directory_urls)
    if _LAST_PAGES and all(a is b for a, b in zip(_LAST_PAGES[0], key)):
        return _LAST_PAGES[1]
    pages = _Pages(site, directory_urls)
    _LAST_PAGES[:] = [key, pages]
    return pages


def forget_pages() -> None:
    """Let the pages of the last build go (they hold its site: every document
    and entry), once it is written: nothing else may be holding them then."""
    _LAST_PAGES.clear()


def _after_label(doc: Document | None, event: Event, depth: int = 0) -> str | None:
    """For a relative event without a date: the label of the dated event it
    follows ("mid-December 2020"), through chains of relative events."""
    if event.when.value or event.follows is None or doc is None or depth > 50:
        return None
    if not 0 <= event.follows < len(doc.events):
        return None
    prev = doc.events[event.follows]
    return _after_label(doc, prev, depth + 1) or labels.human_date(prev.when)


def entry_label(entry: Entry, docs: dict[str, Document]) -> str:
    """The date label of an entry ("after mid-December 2020" for a relative
    one, "summer 2021 (planned)"), given the documents by article path."""
    first = entry.sources[0] if entry.sources else None
    after = _after_label(docs.get(first.article.path), first.event) if first else None
    return _date_label(entry.when, entry.planned, after)


#: labels.date_label, remembered: the exports ask for every entry's label.
_date_label = functools.lru_cache(maxsize=1 << 16)(labels.date_label)


def _when(when: When | None) -> dict:
    return _data(dict(zip(_WHEN_FIELDS, _when_values(when))))


_WHEN_FIELDS = ("label", "datetime", "value", "mod", "precision", "start", "end")


@functools.lru_cache(maxsize=1 << 16)
def _when_values(when: When | None) -> tuple:
    """What :func:`_when` shows, remembered: entries share few distinct dates."""
    return (labels.human_date(when), labels.iso_datetime(when), when.value if when else None,
            when.mod if when else None, when.precision if when else None,
            when.start.isoformat() if when and when.start else None,
            when.end.isoformat() if when and when.end else None)


def _source(src: Source, pages: _Pages, here: str) -> dict:
    a, ev = src.article, src.event
    doc = pages.docs.get(a.path)
    page = pages.article_page.get(a.path)
    return _data({
        "title": a.title,
        "outlet": a.source,
        "author": a.author,
        "external": safe_url(a.url),
        "url": pages.link(here, page, pages.sentence(a.path, ev)) if page else None,
        "published": _data({"label": labels.day_label(a.dct, weekday=False), "datetime": a.dct.isoformat()}),
        "quote": src.quote,
        "when": _when(ev.when),
        "label": _date_label(ev.when, ev.planned, _after_label(doc, ev)),
        "derivation": ev.derivation,
    })


def entry_data(entry: Entry, pages: _Pages, here: str) -> dict:
    """Everything an entry template shows, as plain data."""
    tags = sorted({t for s in entry.sources for t in s.article.tags})
    sources = [_source(s, pages, here) for s in entry.sources]
    seen: set[str] = set()
    for src, data in zip(entry.sources, sources):  # list each article once; every quote stays
        data["first_of_article"] = src.article.path not in seen
        seen.add(src.article.path)
    return _data({
        "id": entry.id,
        "when": _when(entry.when),
        "label": entry_label(entry, pages.docs),
        "text": entry_excerpt(entry),
        "anchor": entry.anchor,
        "planned": entry.planned,
        "badges": badges(entry.anchor, entry.planned, bool(entry.conflicts)),
        "sources": sources,
        "conflicts": [_when(w) for w in entry.conflicts],
        "other_dates": [w for w in map(_when, entry.conflicts)
                        if w["label"] not in {s["when"]["label"] for s in sources}],
        "entities": list(dict.fromkeys(pages.entity_name.get(n, n) for n in entry.entities)),
        "tags": tags,
        "terms": "|".join(dict.fromkeys(t.casefold() for t in [
            *entry.entities, *(pages.entity_name.get(n, n) for n in entry.entities), *tags])),
    })


def group_entries(entries: Iterable[Entry], pages: _Pages, here: str, data: bool = True) -> list[dict]:
    """Entries in the order given, grouped into runs by year and by month (or
    season, quarter, ...). A relative entry without a date of its own stays in
    the run of the entry before it. ``data=False`` lists no entries (the
    headings' ids only)."""
    years: list[dict] = []
    ids: Counter[str] = Counter()

    def anchor(label: str) -> str:
        base = slugify(label) or "group"
        ids[base] += 1
        return base if ids[base] == 1 else f"{base}-{ids[base]}"

    entries = list(entries)
    for entry, (year, sub) in zip(entries, keys_in_order(entries)):
        if not years or years[-1]["label"] != year:
            years.append(_data({"label": year, "id": "y-" + anchor(year), "groups": []}))
        groups = years[-1]["groups"]
        if not groups or groups[-1]["label"] != sub:
            groups.append(_data({"label": sub, "id": "g-" + anchor(f"{year} {sub}"), "entries": []}))
        if data:
            groups[-1]["entries"].append(entry_data(entry, pages, here))
    return years


def all_entries(site: Site) -> tuple[Entry, ...]:
    """The entries of the whole site, oldest first: the top-level timeline
    when it covers every document (or is the only one), else every topic's
    entries merged by date (each topic's own order kept), each entry once."""
    if site.entries:
        return site.entries
    timelines = site.timelines
    if len(timelines) == 1:
        return timelines[0].entries
    top = next((t for t in timelines if t.topic == ""), None)
    every = {d.article.path for t in timelines for d in t.documents}
    if top is not None and {d.article.path for d in top.documents} >= every:
        return top.entries

    def key(e: Entry) -> tuple:
        return (e.when.start is None, e.when.start or dt.date.min, e.when.end or dt.date.max)

    merged = heapq.merge(*(t.entries for t in sorted(timelines, key=lambda t: t.topic)), key=key)
    seen: set[str] = set()
    return tuple(e for e in merged if not (e.id in seen or seen.add(e.id)))


def entity_names(entries: Iterable[Entry]) -> dict[str, str]:
    """The name each entity is listed under: the spellings of one entity
    ("U.S.", "US", "United States"; "Russia", "Russian") grouped by
    :func:`normalize_entity`, a surname alone joined to the only full name
    that ends with it ("Biden" to "Joe Biden"); each group shows the name it
    is grouped under when the text uses it ("Russia"), else its most used
    spelling (the longer one on a tie)."""
    uses: Counter[str] = Counter()
    for e in entries:
        uses.update(set(e.entities))
    own = {n: normalize_entity(n) for n in uses}
    group = dict(own)
    keys = set(group.values())
    for n, k in group.items():
        if " " not in k:
            longer = [x for x in keys if x.endswith(" " + k)]
            if len(longer) == 1:
                group[n] = longer[0]
    members: dict[str, list[str]] = {}
    for n, k in group.items():
        members.setdefault(k, []).append(n)
    names: dict[str, str] = {}
    for k, ns in members.items():
        # the group's own name first ("Russia" over "Russian")
        best = max(ns, key=lambda n: (own[n] == k and n.casefold() == k, uses[n], len(n), n))
        for n in ns:
            names[n] = best
    return names


def facets(entries: Iterable[Entry], names: dict[str, str]) -> list[dict]:
    """Entities (under ``names``, from :func:`entity_names`) and tags with
    their entry counts, most frequent first."""
    counts: Counter[tuple[str, str]] = Counter()
    for e in entries:
        for name in {names.get(n, n) for n in e.entities}:
            counts["entity", name] += 1
        for tag in {t for s in e.sources for t in s.article.tags}:
            counts["tag", tag] += 1
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][1].casefold(), kv[0][0]))
    return [_data({"kind": k, "name": n, "count": c}) for (k, n), c in ordered]


def _paragraphs(doc: Document) -> list[list[dict]]:
    """The article body as paragraphs of pieces: runs of text inside or
    outside an event's sentence (``id`` set for sentences), each split into
    parts that are plain text or a time expression."""
    body = doc.article.body
    kept, _ = sentence_spans(doc)
    timexes = sorted((t for t in doc.timexes if 0 <= t.start < t.end <= len(body)), key=lambda t: t.start)
    cuts = {0, len(body)} | {x for se in kept for x in se} | {x for t in timexes for x in (t.start, t.end)}
    paragraphs: list[list[dict]] = [[]]
    used: set = set()
    bounds = sorted(cuts)
    # One sweep (the cuts only grow): the sentence holding the cut, and the
    # first timex by start that holds it.
    si, ti = 0, 0
    open_timexes: collections.deque = collections.deque()
    for a, b in zip(bounds, bounds[1:]):
        while si < len(kept) and kept[si][1] <= a:
            si += 1
        sent = kept[si] if si < len(kept) and kept[si][0] <= a else None
        while ti < len(timexes) and timexes[ti].start <= a:
            open_timexes.append(timexes[ti])
            ti += 1
        while open_timexes and open_timexes[0].end <= a:
            open_timexes.popleft()
        tx = open_timexes[0] if open_timexes else None
        chunks = re.split(r"(\n[ \t]*\n\s*)", body[a:b])
        for i, chunk in enumerate(chunks):
            if i % 2:  # a paragraph break
                if paragraphs[-1]:
                    paragraphs.append([])
                continue
            if not chunk:
                continue
            last = paragraphs[-1][-1] if paragraphs[-1] else None
            if last is not None and last["span"] == sent:
                piece = last
            else:  # an id once, even if a sentence runs over a paragraph break
                sid = f"s{sent[0]}-{sent[1]}" if sent and sent not in used else None
                used.add(sent)
                piece = {"id": sid, "sentence": sent is not None, "span": sent, "parts": []}
                paragraphs[-1].append(piece)
            part = {"text": chunk, "timex": None}
            if tx is not None:
                part["timex"] = {"value": tx.value, "type": tx.type, "mod": tx.mod, "text": tx.text,
                                 "datetime": labels.iso_datetime(_tx_when(tx)), "label": _timex_label(tx)}
            piece["parts"].append(part)
    return [p for p in paragraphs if p]


def _tx_when(tx) -> When:
    if tx.type not in ("DATE", "TIME") or tx.earliest is None:
        return When(None, None, None, None)  # labels fall back to the raw value
    return When(tx.value, tx.earliest, tx.latest, tx.precision, tx.mod)


def _timex_label(tx) -> str:
    w = _tx_when(tx)
    return labels.human_date(w) if w.value else tx.value


# -- pages -------------------------------------------------------------------

#: Above this many articles the article index is one page per year of
#: publication (and per month for a year with more than that).
ARTICLES_PER_PAGE = 1500


@dataclass(frozen=True)
class Rendered:
    """What :func:`render` made: ``pages`` the text of the pages rendered
    now, ``keys`` a fingerprint of every page's inputs (pages whose key is
    in ``previous`` unchanged were not rendered again)."""

    pages: dict[str, str]
    keys: dict[str, str]


def render_site(site: Site, template_dirs: Sequence[Path | str] = (), *,
                directory_urls: bool = True) -> dict[str, str]:
    """Every page of the timeline site: ``{path relative to the output folder: text}``.

    ``template_dirs`` are searched before the default templates (a user's
    ``templates/`` folder); ``directory_urls`` must match MkDocs'
    ``use_directory_urls`` so the links between pages resolve.
    """
    return render(site, template_dirs, directory_urls=directory_urls).pages


def render(site: Site, template_dirs: Sequence[Path | str] = (), *, directory_urls: bool = True,
           previous: Mapping[str, str] | None = None,
           emit: Callable[[str, str], object] | None = None, memo: dict | None = None,
           workers: int = 1, noted: Callable[[str, object], None] | None = None,
           search_text: bool = False) -> Rendered:
    """The pages of :func:`render_site`, rendering only those whose inputs
    changed since the build whose keys are ``previous`` (``{path: key}``).
    With ``emit``, each page is handed to ``emit(path, text)`` as soon as it
    is rendered and not kept (a big site is never all in memory). ``memo``
    (a dict kept between builds) keeps each entry's and document's key, so
    that what did not change is not hashed again (:class:`_Keys`).

    ``workers`` > 1 (with ``emit`` and ``noted``): where a process can fork
    safely (Linux, no other thread) and there are many pages to render
    (:data:`PARALLEL_PAGES`), forked processes render and emit a share of
    them; ``noted(path, what emit returned)`` tells this process about each
    (the pages are the same either way).

    ``search_text``: each page file carries, after its HTML, what a search
    parser reads of it (:func:`timeline.search_text.with_search_text`), made
    where the page is rendered (the MkDocs plugin asks for it)."""
    env = environment(template_dirs)
    pages = _pages_of(site, directory_urls)
    entry_key = _Keys(memo, pages)
    previous = previous or {}
    out: dict[str, str] = {}
    keys: dict[str, str] = {}
    topics = [t for t in site.timelines if t.topic]
    entries = pages.entries
    docs = sorted(pages.docs.values(), key=lambda d: (d.article.dct, d.article.title, d.article.path))
    entry_of = {(s.article.path, s.event.start, s.event.end): e.id for e in entries for s in e.sources}
    templates = (template_fingerprint(env), search_text)
    finish = with_search_text if search_text else (lambda text: text)
    left_out = {w.path for w in site.warnings if w.left_out}

    @functools.lru_cache(maxsize=None)
    def common_of(folder: str, here: str) -> dict:
        return {
            "here": here,
            "assets": {name.split(".")[-1]: pages.link(here, name) for name in ASSETS},
            "nav": {
                "timeline": pages.link(here, "index.md"),
                "topics": pages.link(here, "topics/index.md"),
                "articles": pages.link(here, "articles/index.md"),
                "warnings": pages.link(here, "warnings.md"),
            },
        }

    targets = {"index.md", "topics/index.md", "articles/index.md", "warnings.md", *ASSETS}

    def common(here: str) -> dict:
        # Pages side by side (the same URL but for its last part) link to
        # the index pages alike: computed once for them all.
        if here in targets:
            return common_of(here, here)
        folder = re.sub(r"[^/]+(/?)$", r"*\1", page_url(here, directory_urls))
        return {**common_of(folder, folder_page.setdefault(folder, here)), "here": here}

    folder_page: dict[str, str] = {}

    # The counts of the whole site go to the index pages only (which are
    # rendered every time), so that one more article does not change the
    # key of every article page.
    # Files, not notes: a file with three problems is one file.
    counts = {"warning_count": len(left_out), "noted_count": len({w.path for w in site.warnings} - left_out),
              "article_count": len(docs)}

    def page(here: str, template: str, key_parts: tuple | None, context: Callable[[], dict]) -> None:
        """Render ``here`` unless its key (from ``key_parts``) is unchanged."""
        key = fingerprint(templates, template, common(here), key_parts) if key_parts is not None else None
        if key is not None and previous.get(here) == key:
            keys[here] = key
            return
        if key is not None and emit is not None and noted is not None and workers > 1:
            keys[here] = key
            jobs.append((here, template, context))  # (rendered at the end, maybe by several processes)
            return
        text = make(here, template, context)
        keys[here] = key or fingerprint(text)
        if emit is not None:
            emit(here, text)
        else:
            out[here] = text

    def make(here: str, template: str, context: Callable[[], dict]) -> str:
        return finish(env.get_template(template).render({**common(here), **context()}))

    jobs: list[tuple[str, str, Callable[[], dict]]] = []

    def timeline(prefix: str, title: str, tl_entries: Sequence[Entry], topic: str | None,
                 article_count: int, periods: list[Period]) -> None:
        """A timeline's summary page (``prefix``.md) and its period pages."""
        summary = "index.md" if not prefix else f"{prefix}.md"
        folder = "" if not prefix else f"{prefix}/"
        paths = [f"{folder}{p.path}.md" for p in periods]
        latest = list(tl_entries[-LATEST:])

        def summary_context() -> dict:
            return dict(
                title=title, topic=topic, warning_count=counts["warning_count"],
                years=group_entries(latest, pages, summary),
                entry_count=len(tl_entries), shown_count=len(latest), article_count=article_count,
                facets=facets(latest, pages.entity_name),
                topics=[{"title": t.title, "url": pages.link(summary, pages.topic_page[t.topic]),
                         "count": len(t.entries), "current": t.topic == topic} for t in topics],
                periods=period_index(periods, paths, summary, pages),
                exports=[{"label": lbl, "url": pages.link(summary, f), "kind": kind} for f, lbl, kind in EXPORTS]
                if topic is None else [],
                ids=ids_context(summary),
            )

        page(summary, "timeline.md.j2", None, summary_context)
        for n, (period, here) in enumerate(zip(periods, paths)):
            neighbours = [(periods[i].label, pages.link(here, paths[i])) if 0 <= i < len(periods) else None
                          for i in (n - 1, n + 1)]

            def period_context(period=period, here=here, neighbours=neighbours) -> dict:
                return dict(
                    title=f"{title}: {period.label}", timeline_title=title, label=period.label, topic=topic,
                    timeline_url=pages.link(here, summary),
                    years=group_entries(period.entries, pages, here),
                    entry_count=len(period.entries),
                    facets=facets(period.entries, pages.entity_name),
                    previous={"label": neighbours[0][0], "url": neighbours[0][1]} if neighbours[0] else None,
                    next={"label": neighbours[1][0], "url": neighbours[1][1]} if neighbours[1] else None,
                    search=topic is None,
                    ids=ids_context(here),
                )

            parts = (title, period.label, topic, neighbours, summary, [entry_key(e) for e in period.entries])
            page(here, "period.md.j2", parts, period_context)

    def ids_context(here: str) -> dict:
        return {"url": pages.link(here, "ids/"), "buckets": pages.id_buckets, "root": pages.link(here, "index.md")}

    timeline("", "Timeline", entries, None, len(docs), pages.periods)
    for t in topics:
        prefix = pages.topic_page[t.topic][:-3]
        timeline(prefix, t.title, t.entries, t.topic, len(t.documents), paginate(t.entries))
    page("topics/index.md", "topics.md.j2", None, lambda: dict(
        topics=[{"title": t.title, "url": pages.link("topics/index.md", pages.topic_page[t.topic]),
                 "count": len(t.entries), "articles": len(t.documents)} for t in topics]))
    for doc in docs:
        here = pages.article_page[doc.article.path]
        links = [(ev.start, ev.end, entry_of.get((doc.article.path, ev.start, ev.end))) for ev in doc.events]
        parts = (pages.doc_key(doc), [(s, e, i, pages.entry_page.get(i)) for s, e, i in links],
                 pages.topic_page.get(doc.article.topic), pages.topic_title.get(doc.article.topic),
                 [pages.entity_name.get(n, n) for ev in doc.events for n in ev.entities])
        page(here, "article.md.j2", parts,
             lambda doc=doc, here=here: render_article_context(doc, pages, here, entry_of))
    article_index(docs, pages, page, counts)
    page("warnings.md", "warnings.md.j2", None, lambda: dict(
        counts, warnings=[{"path": w.path, "message": w.message, "left_out": w.left_out} for w in site.warnings]))
    if jobs:
        _render_jobs(jobs, make, emit, noted, workers)
    entry_key.done()
    files = {**id_map(pages, memo), **{name: env.loader.get_source(env, name)[0] for name in ASSETS}}
    for path, text in files.items():
        keys[path] = fingerprint(text)
        if emit is not None:
            emit(path, text)
        else:
            out[path] = text
    return Rendered(out, keys)


#: Fewer pages to render than this are rendered by one process.
PARALLEL_PAGES = 400


def _render_jobs(jobs: list, make: Callable[[str, str, Callable], str], emit: Callable[[str, str], object],
                 noted: Callable[[str, object], None], workers: int) -> None:
    """Render and emit ``jobs`` (``(path, template, context)``): forked
    processes take every ``workers``-th one (their own share each) where
    forking is safe and the jobs many, this process the rest; each child
    reports what ``emit`` returned for the pages it wrote, and what a child
    that fails did not write is rendered here (the pages are the same)."""
    from timeline.forking import Child, fork_is_safe

    n = min(workers, len(jobs) // (PARALLEL_PAGES // 2) or 1)
    if n > 1 and not fork_is_safe():
        n = 1

    def share(k: int) -> tuple[bool, list]:
        """A child's share: whether it rendered it all, and what emit said of each page it wrote."""
        report: list = []
        try:
            for here, template, context in jobs[k::n]:
                report.append((here, emit(here, make(here, template, context))))
        except BaseException:  # noqa: BLE001  (the parent renders the rest of this share)
            return False, report
        return True, report

    children = []
    mine = [0]  # the shares this process renders (its own, and any whose fork failed)
    for k in range(1, n):
        child = Child.start(functools.partial(share, k))
        if child is None:  # (no process to be had: this share here)
            mine.append(k)
        else:
            children.append((k, child))
    try:
        for k in mine:
            for here, template, context in jobs[k::n]:
                emit(here, make(here, template, context))
    except BaseException:
        for _, child in children:  # (not left behind)
            child.stop()
        raise
    for k, child in children:
        done, report = child.result() or (False, [])  # (nothing heard: the whole share here)
        for here, result in report:
            noted(here, result)
        if not done:  # (the child failed: what it did not write, here)
            written = {here for here, _ in report}
            for here, template, context in jobs[k::n]:
                if here not in written:
                    emit(here, make(here, template, context))


def template_fingerprint(env: jinja2.Environment) -> str:
    """A hash of every template the environment can load (a user's edit
    to one re-renders the pages)."""
    loader = env.loader
    parts = []
    for name in sorted(loader.list_templates()):
        parts.append((name, loader.get_source(env, name)[0]))
    return fingerprint(parts)


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the package's code: what turns an article into its events
    and entries, and those into pages."""
    root = Path(__file__).resolve().parent
    return fingerprint([(f.relative_to(root).as_posix(), f.read_bytes()) for f in sorted(root.rglob("*.py"))])


def document_fingerprint(doc: Document) -> tuple:
    """What a document is made from: its article (the text by a hash) and
    the code; its events in brief (hand-built documents differ there)."""
    a = doc.article
    body = hashlib.blake2b(a.body.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return (code_fingerprint(), a.path, a.title, a.dct, a.source, a.url, a.author, a.tags, a.topic, a.format,
            a.language, body, len(doc.timexes), [(e.start, e.end, e.when.value, e.anchor) for e in doc.events])


def entry_fingerprint(entry: Entry, pages: _Pages) -> tuple:
    """Everything an entry's rendering depends on, without whole article texts."""
    sources = []
    for s in entry.sources:
        a, ev = s.article, s.event
        doc = pages.docs.get(a.path)
        sources.append((pages.doc_key(doc) if doc is not None else (a.path, a.title, a.dct, a.body),
                        ev.start, ev.end, ev.sentence, ev.when, ev.anchor, ev.planned, ev.derivation,
                        pages.article_page.get(a.path), pages.sentence(a.path, ev),
                        _after_label(doc, ev) if ev.anchor == "relative" else None))
    return (entry.id, entry.when, entry.text, entry.anchor, entry.planned, entry.entities, entry.conflicts,
            [pages.entity_name.get(n, n) for n in entry.entities], sources)


class _Keys:
    """:func:`entry_fingerprint` hashed, for each entry once, and kept in
    ``memo`` for the next build by the entry's identity (the pipeline hands
    the same entry object while none of its sources changed, and a saved
    state keeps it the same object), with what else it depends on that can
    change around an unchanged entry: its sources' page names and its
    entities' names. Documents' keys likewise, by the document's identity.
    A change of code starts afresh."""

    def __init__(self, memo: dict | None, pages: _Pages):
        self.memo, self.pages = memo, pages
        old = memo.get("keys") if memo is not None else None
        fresh = not isinstance(old, dict) or old.get("code") != code_fingerprint()
        self.old_entries = {} if fresh else {id(e): (around, key) for e, around, key
                                             in zip(old["entries"], old["around"], old["keys"])}
        self.new: dict[int, tuple] = {}
        self.kept = old if not fresh else None  # (the old entries stay alive: their ids stay theirs)
        if not fresh:
            docs = {id(d): key for d, key in zip(old["documents"], old["document_keys"])}
            for doc in pages.docs.values():
                key = docs.get(id(doc))
                if key is not None:
                    pages._doc_keys.setdefault(doc.article.path, key)

    def __call__(self, e: Entry) -> str:
        found = self.new.get(id(e))
        if found is not None:
            return found[2]
        pages = self.pages
        around = (len(e.sources), *(pages.article_page.get(s.article.path) for s in e.sources),
                  *(pages.entity_name.get(n, n) for n in e.entities))
        old = self.old_entries.get(id(e))
        key = old[1] if old is not None and old[0] == around else fingerprint(entry_fingerprint(e, pages))
        self.new[id(e)] = (e, around, key)
        return key

    def done(self) -> None:
        if self.memo is not None:
            docs = self.pages.docs.values()
            # (columns, not a tuple per entry: fewer objects in the saved state)
            self.memo["keys"] = {"code": code_fingerprint(), "entries": [e for e, _, _ in self.new.values()],
                                 "around": [a for _, a, _ in self.new.values()],
                                 "keys": [k for _, _, k in self.new.values()],
                                 "documents": list(docs), "document_keys": [self.pages.doc_key(d) for d in docs]}
        self.kept = None


def period_index(periods: list[Period], paths: list[str], here: str, pages: _Pages) -> list[dict]:
    """The year/month index of a timeline's pages: each year with its
    count, and its months when the year is split."""
    years: list[dict] = []
    for period, path in zip(periods, paths):
        if not years or years[-1]["label"] != period.year:
            years.append({"label": period.year, "url": None, "count": 0, "parts": []})
        year = years[-1]
        year["count"] += len(period.entries)
        url = pages.link(here, path)
        if period.label == period.year:
            year["url"] = url
        else:
            year["parts"].append({"label": period.label, "url": url, "count": len(period.entries)})
    for year in years:
        if year["url"] is None and year["parts"]:
            year["url"] = year["parts"][0]["url"]
    return years


def id_map(pages: _Pages, memo: dict | None = None) -> dict[str, str]:
    """``ids/<n>.json``: the page (relative to the timeline's folder) of each
    entry id and heading id of the site-wide timeline, in buckets (see
    :func:`timeline.paginate.bucket`), so an old link to ``timeline/#<id>`` finds the entry's page.
    ``memo`` (a dict kept between builds) keeps each id's hash."""
    from timeline.merge import alias_ids

    known = memo.get("ids") if memo is not None else None
    known = known if isinstance(known, dict) else {}
    hashes: dict[str, int] = {}

    def bucket(i: str, n: int) -> int:
        h = hashes.get(i)
        if h is None:
            h = known.get(i)
            hashes[i] = h = paginate_bucket(i, 1 << 32) if h is None else h
        return h % n

    buckets: list[dict[str, str]] = [{} for _ in range(pages.id_buckets)]
    for period in pages.periods:
        url = page_url(f"{period.path}.md", pages.directory_urls)
        for e in period.entries:
            for i in (e.id, *alias_ids(e)):
                buckets[bucket(i, pages.id_buckets)].setdefault(i, url)
        here = f"{period.path}.md"
        for year in group_entries(period.entries, pages, here, data=False):
            for i in (year["id"], *(g["id"] for g in year["groups"])):
                buckets[bucket(i, pages.id_buckets)].setdefault(i, url)
    if memo is not None:
        memo["ids"] = hashes
    # "<", ">" and "&" escaped: the map is data, and stays inert if it is ever read as HTML.
    return {f"ids/{n}.json": json.dumps(b, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"
            for n, b in enumerate(buckets)}


def article_index(docs: list[Document], pages: _Pages, page: Callable, counts: dict) -> None:
    """``articles/index.md``: every article, or, for a big archive, the years
    of publication, each a page (per month for a crowded year)."""
    here = "articles/index.md"
    if len(docs) <= ARTICLES_PER_PAGE:
        page(here, "articles.md.j2", None, lambda: dict(
            **counts, title="Articles", parent=None, periods=[],
            articles=[_article_summary(d, pages, here) for d in docs]))
        return
    by_year: dict[int, list[Document]] = {}
    for d in docs:
        by_year.setdefault(d.article.dct.year, []).append(d)
    periods: list[tuple[str, str, list[Document]]] = []
    for year, ds in by_year.items():
        if len(ds) <= ARTICLES_PER_PAGE:
            periods.append((str(year), f"articles/by-year/{year}.md", ds))
            continue
        by_month: dict[int, list[Document]] = {}
        for d in ds:
            by_month.setdefault(d.article.dct.month, []).append(d)
        for month, ms in by_month.items():
            periods.append((f"{labels.MONTHS[month - 1]} {year}", f"articles/by-year/{year}/{month:02d}.md", ms))
    page(here, "articles.md.j2", None, lambda: dict(
        **counts, title="Articles", parent=None, articles=[],
        periods=[{"label": label, "url": pages.link(here, path), "count": len(ds)} for label, path, ds in periods]))
    for label, path, ds in periods:
        page(path, "articles.md.j2", None, lambda label=label, path=path, ds=ds: dict(
            **counts, title=f"Articles: {label}", parent=pages.link(path, here), periods=[],
            articles=[_article_summary(d, pages, path) for d in ds]))


#: The exports written beside the pages: (file, label, kind).
EXPORTS = (
    ("timeline.json", "JSON (timeline schema)", "json"),
    ("timelinejs.json", "TimelineJS3 JSON", "json"),
    ("timeline.ics", "iCalendar", "ics"),
    ("timeline.csv", "CSV", "csv"),
)


def _article_summary(doc: Document, pages: _Pages, here: str) -> dict:
    a = doc.article
    return _data({
        "title": a.title,
        "url": pages.link(here, pages.article_page[a.path]),
        "outlet": a.source,
        "author": a.author,
        "external": safe_url(a.url),
        "path": a.path,
        "published": _data({"label": labels.day_label(a.dct, weekday=False), "datetime": a.dct.isoformat()}),
        "tags": list(a.tags),
        "event_count": len(doc.events),
        "topic": _data({"title": pages.topic_title[a.topic], "url": pages.link(here, pages.topic_page[a.topic])})
        if a.topic in pages.topic_page else None,
    })


def render_article_context(doc: Document, pages: _Pages, here: str, entry_of: dict) -> dict:
    """One article's page: its text with every time expression marked, and its events."""
    events = []
    for ev in sorted(doc.events, key=lambda e: e.start):
        entry_id = entry_of.get((doc.article.path, ev.start, ev.end))
        entry_page = pages.entry_page.get(entry_id) if entry_id else None
        events.append(_data({
            "text": excerpt(doc.article.body, ev),
            "label": _date_label(ev.when, ev.planned, _after_label(doc, ev)),
            "when": _when(ev.when),
            "sentence": pages.sentence(doc.article.path, ev),
            "entry_url": pages.link(here, entry_page, entry_id) if entry_page else None,
            "badges": badges(ev.anchor, ev.planned),
            "derivation": ev.derivation,
            "entities": list(dict.fromkeys(pages.entity_name.get(n, n) for n in ev.entities)),
        }))
    timexes = [_data({"text": t.text, "type": t.type, "value": t.value, "mod": t.mod,
                      "label": _timex_label(t), "anchor": t.anchor}) for t in sorted(doc.timexes)]
    return dict(article=_article_summary(doc, pages, here), paragraphs=_paragraphs(doc),
                events=events, timexes=timexes)
