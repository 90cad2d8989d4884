"""TimeML reading/writing and the TempEval-3 scorer (timeline/timeml.py, `timeline tag|eval`)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline import timeml
from timeline.cli import main
from timeline.model import Timex
from timeline.timeml import Scores, TimeMLError, TimexTag, align, score, score_doc

BENCHMARKS = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "timeml"
CORPUS_FILES = sorted(BENCHMARKS.glob("*/*.tml")) if BENCHMARKS.is_dir() else []
needs_corpus = pytest.mark.skipif(
    not CORPUS_FILES, reason=f"TimeML benchmarks not found at {BENCHMARKS} (../shared is absent in a fresh clone)")

DCT = ('<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" '
       'functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>')


def tml(body: str, dct: str = DCT, newline: str = "\n") -> str:
    """A small TimeML document with ``body`` as TEXT content."""
    lines = ['<?xml version="1.0" ?>', "<TimeML>", "<DOCID>X</DOCID>", dct, "<TEXT>", body, "</TEXT>", "</TimeML>", ""]
    return newline.join(lines)


def span(start: int, end: int, value: str = "2000", type_: str = "DATE") -> TimexTag:
    return TimexTag(start, end, "", type_, value)


def strip_timex_tags(data: bytes) -> bytes:
    """``data`` with the TIMEX3 tags after ``<TEXT>`` removed (the DCT's stays)."""
    head, sep, rest = data.partition(b"<TEXT>")
    return head + sep + re.sub(rb"<TIMEX3 [^>]*>|</TIMEX3>", b"", rest)


# --------------------------------------------------------------------------- reading

def test_plain_text_decodes_entities_and_offsets_point_into_it():
    doc = timeml.parse_timeml(tml('AT&amp;T said &lt;b&gt; on <TIMEX3 tid="t1" type="DATE" value="1998-01-07">'
                                  'Wednesday</TIMEX3> that <EVENT eid="e1">profits</EVENT> rose.'))
    assert doc.dct == dt.date(1998, 1, 8) and doc.dct_value == "1998-01-08"
    assert doc.text == "\nAT&T said <b> on Wednesday that profits rose.\n"
    (t,) = doc.timexes
    assert doc.text[t.start:t.end] == t.text == "Wednesday"
    assert (t.tid, t.type, t.value, t.mod) == ("t1", "DATE", "1998-01-07", None)
    assert doc.raw[doc.offsets[t.start]:].startswith("Wednesday</TIMEX3>")


def test_attributes_are_decoded_and_kept_in_order():
    doc = timeml.parse_timeml(tml('<TIMEX3 tid="t9" type="DATE" value="X&amp;Y" mod="START" '
                                  "anchorTimeID='t0'>early 1998</TIMEX3>"))
    (t,) = doc.timexes
    assert t.value == "X&Y" and t.mod == "START"
    assert t.attributes == (("tid", "t9"), ("type", "DATE"), ("value", "X&Y"), ("mod", "START"), ("anchorTimeID", "t0"))


def test_line_ends_are_kept_as_written():
    doc = timeml.parse_timeml(tml("one\r\ntwo <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998\">1998</TIMEX3>", newline="\r\n"))
    assert doc.text == "\r\none\r\ntwo 1998\r\n"
    assert doc.text[doc.timexes[0].start:doc.timexes[0].end] == "1998"


@pytest.mark.parametrize("raw, message", [
    (tml("no dct here", dct="<DCT></DCT>"), "no DCT"),
    (tml('<TIMEX3 tid="t1" type="DATE" value="1998">1998'), "never closed"),
    (tml("a < b"), "stray '<'"),
    (tml("fish &chips"), "stray '&'"),
    (tml("&nbsp;"), "unknown entity"),
    (tml('<TIMEX3 tid="t1" type="DATE" value="1998"><TIMEX3 tid="t2" type="DATE" value="1998">x</TIMEX3></TIMEX3>'),
     "TIMEX3 inside a TIMEX3"),
    (tml("<EVENT>x</TIMEX3>"), "expected </EVENT>"),
    ("<TimeML>" + DCT + "</TimeML>", "no <TEXT>"),
])
def test_bad_documents_raise_a_clear_error(raw, message):
    with pytest.raises(TimeMLError, match=re.escape(message)):
        timeml.parse_timeml(raw)


def test_read_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.tml"
    bad.write_bytes(tml("caf\xe9").encode("latin-1"))
    with pytest.raises(TimeMLError, match=r"bad\.tml: not valid utf-8"):
        timeml.read_timeml(bad)
    with pytest.raises(TimeMLError, match=r"missing\.tml: can't read"):
        timeml.read_timeml(tmp_path / "missing.tml")


def test_declared_encoding_is_used_and_kept(tmp_path):
    raw = tml("caf\xe9 in 1998").replace('version="1.0" ?', 'version="1.0" encoding="ISO-8859-1"?')
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.tml").write_bytes(raw.encode("latin-1"))
    fake = lambda text, dct, mode: [span(text.index("1998"), text.index("1998") + 4, "1998")]  # noqa: E731
    [result] = timeml.tag_files(tmp_path / "in", tmp_path / "out", tagger=fake)
    out = result.output.read_bytes()
    assert strip_timex_tags(out) == raw.encode("latin-1")
    assert "caf\xe9 in <TIMEX3" in out.decode("latin-1")


@needs_corpus
def test_corpus_gold_offsets_match_their_text():
    for path in CORPUS_FILES:
        doc = timeml.read_timeml(path)
        start, end = timeml.text_bounds(doc.raw)
        # An independent reading: tags removed by regex, entities decoded.
        assert doc.text == timeml.unescape(re.sub(r"<[^>]*>", "", doc.raw[start:end])), path.name
        written = re.findall(r"<TIMEX3[^>]*>([^<]*)</TIMEX3>", doc.raw[start:end])
        assert [t.text for t in doc.timexes] == [timeml.unescape(w) for w in written], path.name
        assert all(doc.text[t.start:t.end] == t.text and t.tid and t.type and t.value for t in doc.timexes)
        assert doc.dct is not None, path.name


# --------------------------------------------------------------------------- writing

def test_insert_keeps_entities_escapes_attributes_and_avoids_used_ids():
    raw = tml("AT&amp;T fell on Friday &amp; Monday.", dct=DCT.replace('tid="t0"', 'tid="t1"'))
    doc = timeml.parse_timeml(raw)
    friday = doc.text.index("Friday")
    monday = doc.text.index("Monday")
    timexes = [Timex(friday, friday + 6, "Friday", "DATE", '1998-01-02"&<', mod="START"),
               Timex(monday, monday + 6, "Monday", "DATE", "1998-01-05")]
    out = timeml.insert_timexes(doc, timexes)
    assert ('AT&amp;T fell on <TIMEX3 tid="t2" type="DATE" value="1998-01-02&quot;&amp;&lt;" mod="START">'
            'Friday</TIMEX3> &amp; <TIMEX3 tid="t3" type="DATE" value="1998-01-05">Monday</TIMEX3>.') in out
    back = timeml.parse_timeml(out)
    assert [(t.start, t.end, t.value) for t in back.timexes] == [(friday, friday + 6, '1998-01-02"&<'),
                                                                  (monday, monday + 6, "1998-01-05")]


def test_overlapping_and_out_of_range_timexes_are_not_written():
    doc = timeml.parse_timeml(tml("last Friday morning"))
    out = timeml.insert_timexes(doc, [span(1, 12), span(6, 20), span(13, 13), span(15, 99), span(13, 20)])
    assert [(t.start, t.end) for t in timeml.parse_timeml(out).timexes] == [(1, 12), (13, 20)]


def test_adjacent_timexes_close_before_the_next_opens():
    doc = timeml.parse_timeml(tml("19981999"))
    out = timeml.insert_timexes(doc, [span(5, 9), span(1, 5)])
    assert '">1998</TIMEX3><TIMEX3 tid="t2"' in out


def test_to_te3input_strips_text_tags_and_links_only():
    gold = tml('A <EVENT eid="e1" class="OCCURRENCE">rise</EVENT> on <TIMEX3 tid="t1" type="DATE" '
               'value="1998">1998</TIMEX3> &amp; more.').replace(
        "</TimeML>", '<MAKEINSTANCE eventID="e1" eiid="ei1" />\n<TLINK lid="l1" relType="BEFORE" />\n</TimeML>')
    plain = timeml.to_te3input(gold)
    assert plain == tml("A rise on 1998 &amp; more.")
    assert timeml.to_te3input(plain) == plain


@needs_corpus
def test_tagging_corpus_files_changes_no_byte_but_the_inserted_tags(tmp_path, monkeypatch):
    """Each corpus file as an official-style TE3input, tagged with its own gold
    spans: stripping our TIMEX3 tags gives the input bytes back exactly, and
    reading the output gives the gold spans, types, values and mods."""
    source = tmp_path / "input"
    source.mkdir()
    gold = {}
    for path in CORPUS_FILES:
        doc = timeml.read_timeml(path)
        gold[doc.text] = doc.timexes
        (source / f"{path.parent.name}-{path.name}.TE3input").write_bytes(
            timeml.to_te3input(doc.raw).encode(doc.encoding))
    monkeypatch.setattr(timeml, "annotate", lambda text, dct, mode: gold[text])
    results = list(timeml.tag_files(source, tmp_path / "out"))
    assert [r.error for r in results if r.error] == []
    assert len(results) == len(CORPUS_FILES)
    for result in results:
        out = result.output.read_bytes()
        assert strip_timex_tags(out) == result.path.read_bytes(), result.path.name
        back = timeml.parse_timeml(out.decode("utf-8"))
        want = gold[back.text]
        assert [(t.start, t.end, t.type, t.value, t.mod) for t in back.timexes] == \
               [(t.start, t.end, t.type, t.value, t.mod) for t in want]
        tids = re.findall(r'tid="([^"]*)"', out.decode("utf-8"))
        assert len(tids) == len(set(tids)), "a tid collides (with the DCT's t0?)"


@needs_corpus
def test_tagging_gold_files_gives_their_te3input_plus_tags(tmp_path, monkeypatch):
    gold = {}
    for path in CORPUS_FILES:
        doc = timeml.read_timeml(path)
        gold[doc.text] = doc.timexes
    monkeypatch.setattr(timeml, "annotate", lambda text, dct, mode: gold[text])
    results = list(timeml.tag_files(BENCHMARKS, tmp_path))
    assert [r.error for r in results if r.error] == []
    assert sorted(r.output.relative_to(tmp_path) for r in results) == \
        sorted(p.relative_to(BENCHMARKS) for p in CORPUS_FILES)
    for result in results:
        expected = timeml.to_te3input(result.path.read_bytes().decode("utf-8")).encode("utf-8")
        assert strip_timex_tags(result.output.read_bytes()) == expected, result.path.name


# --------------------------------------------------------------------------- scoring

def test_strict_needs_the_same_extent_relaxed_an_overlap():
    s = score_doc([span(0, 14)], [span(0, 6)])
    assert (s.gold, s.system, s.strict, s.relaxed) == (1, 1, 0, 1)
    assert (s.strict_f1, s.relaxed_p, s.relaxed_r, s.relaxed_f1) == (0.0, 1.0, 1.0, 1.0)


def test_touching_spans_do_not_overlap():
    assert score_doc([span(0, 5)], [span(5, 9)]).relaxed == 0


def test_one_system_timex_covering_two_gold_matches_one():
    a = align([span(0, 4), span(5, 9)], [span(0, 9)])
    assert (a.pairs, a.missed, a.spurious) == (((0, 0),), (1,), ())
    s = score_doc([span(0, 4), span(5, 9)], [span(0, 9)])
    assert (s.relaxed_p, s.relaxed_r) == (1.0, 0.5)
    assert s.relaxed_f1 == pytest.approx(2 / 3)


def test_two_system_timexes_in_one_gold_match_once():
    a = align([span(0, 9)], [span(0, 4), span(5, 9)])
    assert (a.pairs, a.missed, a.spurious) == (((0, 0),), (), (1,))


def test_exact_extent_wins_over_a_bigger_overlap():
    a = align([span(0, 10)], [span(0, 9), span(0, 10)])
    assert a.pairs == ((0, 1),) and a.spurious == (0,)
    assert score_doc([span(0, 10)], [span(0, 9), span(0, 10)]).strict == 1


def test_matching_is_maximal_not_greedy():
    # Greedy by overlap would pair gold 0 with system 0 (5 chars) and leave both others unmatched.
    gold, system = [span(0, 10), span(10, 12)], [span(5, 11), span(0, 3)]
    a = align(gold, system)
    assert set(a.pairs) == {(0, 1), (1, 0)} and a.missed == a.spurious == ()


def test_duplicate_system_spans_count_once():
    s = score_doc([span(0, 4)], [span(0, 4), span(0, 4)])
    assert (s.strict, s.relaxed, s.system, s.strict_p) == (1, 1, 2, 0.5)


def test_type_and_value_accuracy_are_over_relaxed_matches():
    gold = [span(0, 4, "1998"), span(10, 20, "P1D", "DURATION"), span(30, 35, "1998-01"), span(40, 45, "1998-W02")]
    system = [span(0, 4, "1998"), span(10, 15, "P1D", "DATE"), span(30, 35, "1998-1"), span(50, 55, "1999")]
    s = score_doc(gold, system)
    assert (s.relaxed, s.strict, s.type_ok, s.value_ok) == (3, 2, 2, 2)
    assert s.relaxed_p == s.relaxed_r == s.relaxed_f1 == 0.75
    assert s.type_accuracy == s.value_accuracy == pytest.approx(2 / 3)
    assert s.value_f1 == pytest.approx(2 / 3 * 0.75) and s.type_f1 == pytest.approx(0.5)
    assert s.strict_f1 == pytest.approx(0.5)


def test_values_are_compared_as_strings():
    assert score_doc([span(0, 4, "1998-01-08")], [span(0, 4, "1998-1-8")]).value_ok == 0
    assert score_doc([span(0, 4, "PRESENT_REF")], [span(0, 4, "present_ref")]).value_ok == 0


def test_scores_are_micro_averaged_over_documents():
    s = score([[span(0, 4)], [span(0, 4), span(5, 9), span(10, 14)]], [[span(0, 4)], []])
    assert (s.files, s.gold, s.system, s.relaxed) == (2, 4, 1, 1)
    assert (s.relaxed_p, s.relaxed_r) == (1.0, 0.25)
    assert s == score_doc([span(0, 4)], [span(0, 4)]) + score_doc([span(0, 4)] * 3, [])


def test_empty_scores_follow_the_official_scorer():
    s = score([[]], [[]])
    assert (s.relaxed_p, s.relaxed_r, s.relaxed_f1, s.value_f1) == (0.0, 0.0, 1.0, 1.0)
    s = score([[span(0, 4)]], [[]])
    assert (s.relaxed_f1, s.value_accuracy, s.value_f1) == (0.0, 0.0, 0.0)
    with pytest.raises(ValueError):
        score([[]], [])


def test_model_timexes_can_be_scored_directly():
    g = [Timex(0, 4, "1998", "DATE", "1998")]
    assert score_doc(g, [Timex(0, 4, "1998", "DATE", "1998")]).value_ok == 1


def test_mismatches_list_missed_spurious_and_wrong_labels_in_text_order():
    text = "On Friday and last week, 1998 and soon."
    f, w, y, s_ = (text.index(x) for x in ("Friday", "last week", "1998", "soon"))
    gold = [span(f, f + 6, "1998-01-02"), span(w, w + 9, "1998-W01"), span(y, y + 4, "1998")]
    system = [span(f, f + 6, "1998-01-09"), span(w + 5, w + 9, "P1W", "DURATION"), span(s_, s_ + 4, "FUTURE_REF")]
    found = timeml.mismatches("doc.tml", text, gold, system)
    assert [m.kinds for m in found] == [("value",), ("extent", "type", "value"), ("missed",), ("spurious",)]
    line = timeml.format_mismatch(found[0], text)
    assert line.startswith("doc.tml@3") and 'gold "Friday" 1998-01-02 DATE' in line
    assert 'system "Friday" 1998-01-09 DATE' in line and "On [Friday] and last week" in line


# --------------------------------------------------------------------------- CLI

def write(folder: Path, name: str, raw: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(raw, encoding="utf-8", newline="")
    return folder / name


def year_tagger(calls: list | None = None):
    """A fake engine: every four-digit year, valued as itself."""
    def tag(text, dct, mode):
        if calls is not None:
            calls.append((dct, mode))
        return [Timex(m.start(), m.end(), m.group(), "DATE", m.group()) for m in re.finditer(r"\b\d{4}\b", text)]
    return tag


def test_cli_tag_writes_each_file_and_reports_bad_ones(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(timeml, "annotate", year_tagger(calls))
    src = tmp_path / "in"
    good = write(src, "a.tml.TE3input", tml("Sales in 1997 &amp; 1998."))
    write(src, "b.tml", tml('Gold <TIMEX3 tid="t1" type="DATE" value="1996">1996</TIMEX3>.'))
    write(src, "c.tml", tml("no dct", dct=""))
    result = CliRunner().invoke(main, ["tag", str(src), str(tmp_path / "out"), "--narrative"])
    assert result.exit_code == 1
    assert "c.tml" in result.output and "no DCT" in result.output
    assert "tagged 2 of 3 files" in result.output
    a = (tmp_path / "out" / "a.tml").read_bytes()
    assert strip_timex_tags(a) == good.read_bytes()
    assert b'<TIMEX3 tid="t1" type="DATE" value="1997">1997</TIMEX3> &amp; <TIMEX3 tid="t2"' in a
    b = (tmp_path / "out" / "b.tml").read_text()
    assert '<TIMEX3 tid="t1" type="DATE" value="1996">1996</TIMEX3>' in b
    assert {mode for _, mode in calls} == {"narrative"} and calls[0][0] == dt.date(1998, 1, 8)


def test_cli_tag_refuses_to_overwrite_its_input(tmp_path, monkeypatch):
    monkeypatch.setattr(timeml, "annotate", year_tagger())
    src = write(tmp_path, "a.tml", tml("In 1998."))
    before = src.read_bytes()
    result = CliRunner().invoke(main, ["tag", str(src), str(tmp_path)])
    assert result.exit_code == 1 and "overwrite" in result.output
    assert src.read_bytes() == before


def test_cli_eval_against_system_files(tmp_path):
    gold = write(tmp_path / "gold", "a.tml", tml(
        'In <TIMEX3 tid="t1" type="DATE" value="1997">1997</TIMEX3> and '
        '<TIMEX3 tid="t2" type="DATE" value="1998-01-07">yesterday</TIMEX3> it rose.'))
    write(tmp_path / "sys", "a.tml", tml(
        'In <TIMEX3 tid="t1" type="DATE" value="1997">1997</TIMEX3> and '
        '<TIMEX3 tid="t2" type="DATE" value="1998-01-06">yesterday</TIMEX3> it <TIMEX3 tid="t3" type="DATE" '
        'value="PRESENT_REF">rose</TIMEX3>.'))
    result = CliRunner().invoke(main, ["eval", str(gold.parent), str(tmp_path / "sys"), "--errors"])
    assert result.exit_code == 0, result.output
    assert "gold TIMEX3 2   system TIMEX3 3" in result.output
    assert re.search(r"relaxed\s+66\.67\s+100\.00\s+80\.00", result.output)
    assert re.search(r"value\s+50\.00\s+40\.00", result.output)
    assert 'a.tml@' in result.output and 'gold "yesterday" 1998-01-07 DATE' in result.output
    assert 'system "yesterday" 1998-01-06 DATE' in result.output and "spurious" in result.output

    result = CliRunner().invoke(main, ["eval", str(gold), str(tmp_path / "sys" / "a.tml"), "--format", "json",
                                       "--errors"])
    data = json.loads(result.output)
    assert data["scores"]["relaxed"] == 2 and data["scores"]["value_ok"] == 1 and data["failed"] == []
    assert [e["kinds"] for e in data["errors"]] == [["value"], ["spurious"]]
    assert data["errors"][0]["gold"]["value"] == "1998-01-07" and data["errors"][0]["system"]["value"] == "1998-01-06"


def test_cli_eval_reports_missing_and_different_system_files(tmp_path):
    write(tmp_path / "gold", "a.tml", tml("In 1997."))
    write(tmp_path / "gold", "b.tml", tml("In 1998."))
    write(tmp_path / "gold", "c.tml", tml("In 1999."))
    write(tmp_path / "sys", "a.tml", tml("In 1997."))
    write(tmp_path / "sys", "b.tml", tml("In 1988."))
    result = CliRunner().invoke(main, ["eval", str(tmp_path / "gold"), str(tmp_path / "sys")])
    assert result.exit_code == 1
    assert "files 1 " in result.output
    assert "b.tml: its TEXT differs" in result.output and "c.tml: can't read" in result.output


def test_cli_eval_tags_gold_text_itself(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(timeml, "annotate", year_tagger(calls))
    write(tmp_path, "a.tml", tml('In <TIMEX3 tid="t1" type="DATE" value="1997">1997</TIMEX3>, '
                                 '<TIMEX3 tid="t2" type="DATE" value="1998-01">this month</TIMEX3>.'))
    result = CliRunner().invoke(main, ["eval", str(tmp_path), "--narrative", "--format", "json"])
    assert result.exit_code == 0, result.output
    s = json.loads(result.output)["scores"]
    assert (s["gold"], s["system"], s["strict"], s["value_ok"]) == (2, 1, 1, 1)
    assert calls == [(dt.date(1998, 1, 8), "narrative")]


def test_cli_says_when_the_engine_is_missing(tmp_path, monkeypatch):
    def unavailable(text, dct, mode):
        raise NotImplementedError("engine under construction")
    monkeypatch.setattr(timeml, "annotate", unavailable)
    write(tmp_path, "a.tml", tml("In 1997."))
    for args in (["eval", str(tmp_path)], ["tag", str(tmp_path), str(tmp_path / "out")]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code != 0 and "engine is not available" in result.output


def test_cli_eval_keeps_going_when_the_engine_crashes_on_a_file(tmp_path, monkeypatch):
    def flaky(text, dct, mode):
        if "boom" in text:
            raise RuntimeError("boom")
        return year_tagger()(text, dct, mode)
    monkeypatch.setattr(timeml, "annotate", flaky)
    write(tmp_path, "a.tml", tml("boom"))
    write(tmp_path, "b.tml", tml('In <TIMEX3 tid="t1" type="DATE" value="1997">1997</TIMEX3>.'))
    result = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert result.exit_code == 1
    assert "a.tml: the tagger failed: RuntimeError: boom" in result.output
    assert re.search(r"strict\s+100\.00", result.output)
