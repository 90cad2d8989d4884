"""English data for the sentence and clause splitter (``timeline/sentences.py``).

The splitter holds no English words; it asks these tables. A second language
is a module ``timeline/lang/<code>_sentences.py`` with the same names.

Abbreviations are written without their final period and compared
case-sensitively ("No." before a number is an abbreviation, "no." is a word).
Dotted acronyms ("U.S.", "a.m.", "N.Y.") and single capital initials ("J.")
are recognised by shape and need no entry here.
"""

from __future__ import annotations

NAME = "en"

#: Abbreviations that (almost) never end a sentence: titles before a name and
#: Latin shorthands in the middle of one. A period after them is never a
#: sentence boundary ("Mr. Biden", "Sen. Kennedy", "e.g. Moscow").
NON_FINAL_ABBREVIATIONS = frozenset("""
    Mr Mrs Ms Messrs Mmes Mme Mlle Dr Drs Prof Profs Rev Revd Fr Hon Msgr
    Sen Sens Rep Reps Gov Govs Lt Col Gen Maj Capt Cmdr Cdr Adm Sgt Cpl Pvt
    Brig Ens Supt Insp Det Atty Amb Gens Cols Mx
    Mt Ft Pt vs v cf viz approx ca Nos Vol Vols pp Fig Figs
""".split()) | frozenset({"e.g", "i.e", "E.g", "I.e"})

#: Abbreviations that may end a sentence ("... Apple Inc. The company said",
#: "... in the U.S. In addition"): a period after them is a boundary only when
#: the next word is one of :data:`SENTENCE_STARTERS`. Months are here because
#: "Dec. 15" is common and a sentence ending in "Dec." is rare.
FINAL_ABBREVIATIONS = frozenset("""
    Inc Corp Co Cos Ltd Plc PLC Bros Cie Assn Dept Univ Intl Natl Govt
    Jr Sr Esq etc al
    Jan Feb Febr Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
    No Nr St Ave Blvd Rd Hwy Ste Apt Dist
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass
    Mich Minn Miss Mo Mont Neb Nebr Nev Okla Ore Pa Penn Tenn Tex Va Vt
    Wash Wis Wisc Wyo
    mln bln ft lb lbs oz yr yrs mos hr hrs sq
""".split())

#: Place abbreviations (US states, AP style). After a comma ("in Buffalo,
#: N.Y. Slepian said") a capitalized word starts a new sentence: mid-sentence,
#: AP style puts a comma after the state ("Buffalo, N.Y., police").
PLACE_ABBREVIATIONS = frozenset("""
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass
    Mich Minn Miss Mo Mont Neb Nebr Nev Okla Ore Pa Penn Tenn Tex Va Vt
    Wash Wis Wisc Wyo
    N.Y N.J N.C S.C N.H N.M N.D S.D R.I W.Va D.C
""".split())

#: Capitalized words that usually open a sentence and rarely continue a name.
#: After an abbreviation that may end a sentence, the next word must be one of
#: these for the period to end the sentence ("the U.S. The ..." splits,
#: "the U.S. Treasury" does not).
SENTENCE_STARTERS = frozenset("""
    A An The This That These Those There Here It Its He She His Her Hers They
    Their Them We Our Us I You Your One Some Many Most Several Both Each Every
    All Any No None Neither Either Such Other Another Few Much More
    But And Or Nor So Yet Still Then Thus Also However Meanwhile Moreover
    Furthermore Nevertheless Nonetheless Instead Otherwise Indeed Besides
    In On At For From With Without By Of To After Before During Since Until
    Under Over Among Between Despite Through Throughout Within About Against
    When While Whereas Where Whether If Although Though Because As Once Unless
    What Which Who Whom Whose Why How
    Earlier Later Last Next Now Today Tonight Yesterday Tomorrow Previously
    Subsequently Recently Currently Initially Finally Eventually Afterward
    Afterwards Separately Additionally Overall Officials Analysts Police
    According Asked Speaking Following Including Given
    Not Only Just Even
""".split())

#: Quotation marks. A sentence boundary inside a quotation that closes later
#: in the same paragraph is not used (the quote stays with its attribution:
#: '"We acted. We had to," he said.' is one sentence).
OPENING_QUOTES = ("“", "«", "„", "``")
CLOSING_QUOTES = ("”", "»", "''")
NEUTRAL_QUOTES = ('"',)

#: Characters that may follow a sentence-final period and still belong to the
#: sentence (closing quotes and brackets).
CLOSERS = "\"'”’»)]}"

#: Characters that may precede the first word of a sentence.
OPENERS = "\"'“‘«([{¿¡*_"

#: Clause candidates (``split_clauses``): a clause may start before these
#: words when a comma precedes them ("..., and Moscow vowed ...").
COMMA_CONJUNCTIONS = frozenset("""
    and but or so yet while whereas which who although though as when after
    before because since until then whereupon prompting adding saying
""".split())

#: Clause candidates without a comma: subordinators that introduce a clause
#: of their own ("... vowed retaliation after the US imposed sanctions").
BARE_CONJUNCTIONS = frozenset("""
    because although though whereas while after before until whereupon
""".split())
