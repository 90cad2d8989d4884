"""English data for the entity finder (``timeline/entities.py``).

The finder holds no English words; it asks these tables. A second language
is a module ``timeline/lang/<code>_entities.py`` with the same names.
Words are compared in title case ("the" and "THE" both match "The") unless
a table says otherwise.
"""

from __future__ import annotations

NAME = "en"

#: Capitalized words that are never (part of) a name: function words,
#: pronouns, discourse adverbs, and the calendar (dates are the temporal
#: engine's business). They break a run of capitalized words.
STOP_WORDS = frozenset("""
    A An The This That These Those There Here It Its He She His Her Hers Him
    They Their Theirs Them We Our Ours You Your Yours Me My Mine Who Whom
    Whose What Which Why How When Where Whether If Then Than So Such
    I I'm I've I'd I'll
    And Or But Nor Yet Also Not No Yes Only Just Even Still Both Either
    Neither Each Every All Any Some Many Most Much More Less Few Several
    Other Another Own Same Nothing Nobody Everyone Everybody Everything
    Something Someone Somebody Anyone Anybody Anything
    In On At For From With Without By Of To Into Onto Upon About Above Below
    After Before During Since Until Under Over Among Amid Between Despite
    Through Throughout Within Against Across Along Around Behind Beyond
    Toward Towards Via Per
    While Whereas Although Though Because As Once Unless Except
    However Meanwhile Moreover Furthermore Nevertheless Nonetheless Instead
    Otherwise Indeed Besides Thus Therefore Hence Accordingly Overall
    Earlier Later Last Next Now Today Tonight Yesterday Tomorrow Soon Ago
    Previously Subsequently Recently Currently Initially Finally Eventually
    Afterward Afterwards Separately Additionally Already Again Ever Never
    Always Often Sometimes Perhaps Maybe Likely According Asked Speaking
    Says Adds Notes
    Following Including Given Based Mid Early Late
    Officials Authorities Hackers Analysts Experts Critics Investigators
    Protesters Residents Witnesses Lawmakers Sources Troops Prosecutors
    Sanctions Reports Images Photos People Police
    Be Is Are Was Were Been Being Has Have Had Do Does Did Will Would Shall
    Should Can Could May Might Must
    Mr Mrs Ms Dr
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
    January February March April June July August September October
    November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Spring Summer Autumn Fall Winter
    Morning Afternoon Evening Night Day Week Month Year Decade Century
    One Two Three Four Five Six Seven Eight Nine Ten First Second Third
    Update Updated Breaking Photo Video Read Watch See Click Subscribe
    Editor's Note
""".split())

#: A sentence-initial word with one of these endings is an adverb
#: ("Subsequently", "Reportedly", "Similarly"), not a name ("Italy",
#: "Kelly", "Beverly" keep theirs).
INITIAL_ADVERB_SUFFIXES = (
    "ally", "ently", "antly", "edly", "ously", "ively", "ately", "fully", "ingly",
    "ably", "ibly", "ilarly", "ularly", "ctly", "lessly", "ntly",
)

#: Lower-case words allowed inside a name between capitalized words:
#: "Department of Homeland Security", "Bank of the West", "Charles de Gaulle".
CONNECTORS = frozenset("""
    of for the on de du des da di del della la le van von der den al bin ibn
    y e upon
""".split())

#: "and"/"&" joins capitalized words only when the name ends in one of the
#: organisation heads below ("National Telecommunications and Information
#: Administration", "Department of Health and Human Services"); "Russia and
#: China" stays two names.
AND_WORDS = frozenset({"and", "&"})

#: Connectors allowed only right after an organisation head ("Committee on
#: Foreign Relations", "Centers for Disease Control"), never in "Putin on
#: Biden"; and connectors allowed only right after another ("Department of
#: the Treasury").
HEAD_CONNECTORS = frozenset({"on", "for"})
SECOND_CONNECTORS = frozenset({"the"})

#: Organisation heads: words that end (or start) the name of an institution.
ORGANISATION_HEADS = frozenset("""
    Administration Agency Authority Association Bank Board Bureau Center
    Centre Commission Committee Company Corporation Council Court Department
    Foundation Fund Group Institute Laboratory Laboratories League Ministry
    Office Organization Organisation Party Service Services Society Union
    University College School Affairs Security Development Trade Technology
    Sciences Science Research Health Welfare Resources Energy Justice Defense
    Defence Communications Telecommunications Industries Holdings Partners
    Museum Library Hospital Network Times Post News Journal Herald Tribune
    Inc Corp Co Ltd LLC Plc PLC Centers Campaign Alliance Coalition Forum
    Movement Front Embassy Embassies Consulate Mission Army Navy Force Forces
    Guard Guards Parliament Congress Senate House Assembly Motors Electric
    Dynamics Mills Media Staff Accounting Institutes Agencies Ministries
    Departments Commissions Committees Councils Court Courts Police Bureau
    Intelligence Services Program Programme Project Initiative Treaty
""".split())

#: Titles before a person's name: "President Joe Biden" -> "Joe Biden";
#: "US President Joe Biden" -> "US", "Joe Biden". A title is dropped only
#: when a name follows it ("General Motors" and "Justice Department" stay),
#: or, at the start of a name, a connector ("President of Russia" -> "Russia").
TITLES = frozenset("""
    President Prime Minister Secretary Senator Sen Sen. Representative
    Rep Rep. Governor Gov Gov. Mayor Chancellor King Queen Prince Princess
    Emperor Empress Pope Cardinal Archbishop Bishop Reverend Rev Rev.
    Sheikh Sultan Emir Ayatollah Chairman Chairwoman Chair Chief Director
    Commissioner Ambassador Envoy Spokesman Spokeswoman Spokesperson General
    Gen Gen. Admiral Adm Adm. Colonel Col Col. Lieutenant Lt Lt. Major Maj
    Maj. Captain Capt Capt. Sergeant Sgt Sgt. Commander Marshal Judge Justice
    Attorney Counsel Professor Prof Prof. Doctor Dr Dr. Mr Mr. Mrs Mrs. Ms
    Ms. Miss Sir Dame Lord Lady Premier Speaker Leader Detective Officer
    Inspector Superintendent CEO CFO COO Chairperson Executive Adviser Advisor
    Aide Envoy Negotiator Correspondent Editor Analyst Economist
""".split())

#: Words that are part of a title when a title follows them ("Treasury
#: Secretary Janet Yellen", "Deputy Prime Minister", "Former President"),
#: and otherwise ordinary ("Treasury Department", "Health Canada").
TITLE_MODIFIERS = frozenset("""
    Vice Deputy Acting Former Chief Interim Foreign Defense Defence Interior
    Finance Treasury Press Health Energy Commerce Trade Economy Economic
    Justice Home Education Labor Labour Agriculture Transport Transportation
    Environment Culture Senior Top Assistant Associate Managing Executive
    Presidential Senate House Majority Minority State National Security
""".split())

#: Multi-word titles that contain a non-title word ("of State").
TITLE_PHRASES = (
    ("Secretary", "of", "State"),
    ("Secretary", "of", "Defense"),
    ("Secretary", "of", "Homeland", "Security"),
    ("Secretary", "of", "the", "Treasury"),
    ("Secretary", "General"),
    ("Attorney", "General"),
    ("Surgeon", "General"),
    ("White", "House", "Press", "Secretary"),
)

#: Possessive and contraction endings cut from a word ("Russia's" -> "Russia").
POSSESSIVE_ENDINGS = ("'s", "’s", "'", "’")
CONTRACTION_ENDINGS = ("'m", "’m", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d",
                       "n't", "n’t")

#: Roman numerals allowed after a name ("World War I", "Elizabeth II").
ROMAN_NUMERALS = frozenset("I II III IV V VI VII VIII IX X XI XII".split())

#: Normalization: names that refer to the same thing, by folded key.
ALIASES = {
    "us": "united states", "usa": "united states", "u s": "united states",
    "u s a": "united states", "united states of america": "united states",
    "america": "united states", "the united states": "united states",
    "uk": "united kingdom", "u k": "united kingdom", "britain": "united kingdom",
    "great britain": "united kingdom",
    "un": "united nations", "u n": "united nations",
    "eu": "european union", "e u": "european union",
    "russian federation": "russia", "ussr": "soviet union",
    "prc": "china", "people's republic of china": "china",
    "dprk": "north korea", "rok": "south korea",
    "uae": "united arab emirates", "u a e": "united arab emirates",
    "nato": "nato", "north atlantic treaty organization": "nato",
    "who": "world health organization",
    "fbi": "federal bureau of investigation", "cia": "central intelligence agency",
    "nsa": "national security agency",
    "ntia": "national telecommunications and information administration",
    "kremlin": "kremlin", "white house": "white house",
}

#: Demonyms fold to their country for grouping ("Russian" and "Russia" meet);
#: the entity itself stays as written.
DEMONYMS = {
    "american": "united states", "americans": "united states",
    "russian": "russia", "russians": "russia", "soviet": "soviet union",
    "ukrainian": "ukraine", "ukrainians": "ukraine",
    "chinese": "china", "british": "united kingdom", "briton": "united kingdom",
    "french": "france", "german": "germany", "germans": "germany",
    "italian": "italy", "spanish": "spain", "japanese": "japan",
    "korean": "korea", "indian": "india", "pakistani": "pakistan",
    "iranian": "iran", "iraqi": "iraq", "syrian": "syria", "israeli": "israel",
    "palestinian": "palestine", "turkish": "turkey", "egyptian": "egypt",
    "saudi": "saudi arabia", "afghan": "afghanistan", "canadian": "canada",
    "mexican": "mexico", "brazilian": "brazil", "cuban": "cuba",
    "polish": "poland", "dutch": "netherlands", "swedish": "sweden",
    "european": "europe", "african": "africa", "australian": "australia",
    "belarusian": "belarus", "georgian": "georgia", "venezuelan": "venezuela",
}

#: "X Department" and "Department of X" are one key ("State Department",
#: "Department of State").
DEPARTMENT_WORD = "department"
