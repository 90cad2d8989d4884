"""English: every word the temporal engine knows, and its rules.

The engine (``timeline/timex``) contains no English. This module gives it:

* ``CATEGORIES``: token classes and their words, with values;
* ``CAPITALIZED``: words that only count when capitalized ("May", "March");
* ``MACROS``: named pattern fragments used by several rules;
* ``RULES``: recognition rules, each a pattern over token classes plus the
  builder that turns a match into a (possibly underspecified) value, with
  examples that the test-suite runs;
* cue-word sets for tense (direction of resolution) and event language.

A second language is a second module with the same names.
"""

from __future__ import annotations

from timeline.timex.grammar import Rule

NAME = "en"

# ---------------------------------------------------------------------------
# Lexicon
# ---------------------------------------------------------------------------

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBR = {
    "jan": 1, "feb": 2, "febr": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7,
}
WEEKDAY_ABBR = {
    "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4,
    "fri": 5, "sat": 6, "sun": 7,
}
# "Sun", "Sat", "Wed", "Mon" are names and words far more often than days.
WEEKDAY_ABBR_UNDOTTED = {
    k: v for k, v in WEEKDAY_ABBR.items() if k not in ("sun", "sat", "wed", "mon")
}
SEASONS = {"spring": 0, "summer": 1, "autumn": 2, "winter": 3,
           "springtime": 0, "summertime": 1, "wintertime": 3}

# Units: value = (granularity, plural?)
UNITS = {
    "minute": ("minute", False), "minutes": ("minute", True), "min": ("minute", False),
    "mins": ("minute", True), "hour": ("hour", False), "hours": ("hour", True),
    "hr": ("hour", False), "hrs": ("hour", True),
    "day": ("day", False), "days": ("day", True),
    "week": ("week", False), "weeks": ("week", True),
    "fortnight": ("fortnight", False), "fortnights": ("fortnight", True),
    "month": ("month", False), "months": ("month", True),
    "year": ("year", False), "years": ("year", True), "yr": ("year", False), "yrs": ("year", True),
    "decade": ("decade", False), "decades": ("decade", True),
    "century": ("century", False), "centuries": ("century", True),
    "millennium": ("millennium", False), "millennia": ("millennium", True),
    "millenniums": ("millennium", True),
}
SECOND_UNITS = {"seconds": ("second", True), "secs": ("second", True)}
QUARTERS = {"quarter": False, "quarters": True}
HALVES = {"half": False, "halves": True}
WEEKENDS = {"weekend": False, "weekends": True}
SEASONS_PLURAL = {"springs": 0, "summers": 1, "autumns": 2, "winters": 3}
WEEKDAYS_PLURAL = {w + "s": v for w, v in WEEKDAYS.items()}

# Parts of the day: TIMEX3 codes.
PARTS_OF_DAY = {
    "morning": "MO", "mornings": "MO", "afternoon": "AF", "afternoons": "AF",
    "evening": "EV", "evenings": "EV", "night": "NI", "nights": "NI",
    "daytime": "DT", "overnight": "NI", "nighttime": "NI", "night-time": "NI",
}
# Named clock times.
CLOCK_WORDS = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}

# Deictic days: value = (day offset from the anchor, time-of-day code or None)
DEICTIC_DAYS = {
    "today": (0, None), "yesterday": (-1, None), "tomorrow": (1, None),
    "tonight": (0, "NI"),
}

# Words that refer to the present, past or future as a whole.
REF_WORDS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "presently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF",
    "at present": "PRESENT_REF", "at the moment": "PRESENT_REF", "these days": "PRESENT_REF",
    "present-day": "PRESENT_REF", "present day": "PRESENT_REF", "to date": "PRESENT_REF",
    "at this time": "PRESENT_REF", "modern-day": "PRESENT_REF", "modern day": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF",
    "formerly": "PAST_REF",
    "once upon a time": "PAST_REF", "more recently": "PAST_REF",
    "someday": "FUTURE_REF",
}

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "dozen": 12, "a couple of": 2, "couple of": 2,
    "a dozen": 12, "a hundred": 100, "a thousand": 1000, "half a dozen": 6,
}
# Multipliers among the number words.
NUMBER_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
                 "trillion": 1_000_000_000_000}
# Vague quantities: the amount is unknown ("X").
VAGUE_QUANTITIES = {
    "a few": None, "few": None, "several": None, "many": None, "a number of": None,
    "numerous": None, "various": None, "a couple": None,
    "a good many": None,
}
# ("a quarter", "three quarters" are periods as often as fractions: the
# duration builder tells them apart by a following "of".)
FRACTIONS = {"a half": 0.5, "and a half": 0.5, "and half": 0.5}

DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                "seventies": 70, "eighties": 80, "nineties": 90}

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "twenty-second": 22, "twenty-third": 23,
    "twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26,
    "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29,
    "thirtieth": 30, "thirty-first": 31,
}
LAST_ORDINAL = {"final": -1}

# Holidays: value = a rule the engine computes for a given year:
#   ("fixed", month, day) | ("easter", day offset) | ("nth", month, weekday, n)
#   where weekday is 1=Monday..7=Sunday and n=-1 means the last one.
HOLIDAYS = {
    "christmas": ("fixed", 12, 25), "christmas day": ("fixed", 12, 25),
    "xmas": ("fixed", 12, 25), "christmas eve": ("fixed", 12, 24),
    "boxing day": ("fixed", 12, 26),
    "new year's day": ("fixed", 1, 1), "new year's": ("fixed", 1, 1),
    "new years day": ("fixed", 1, 1),
    "new year's eve": ("fixed", 12, 31), "new years eve": ("fixed", 12, 31),
    "new year": ("fixed", 1, 1),
    "valentine's day": ("fixed", 2, 14), "st. patrick's day": ("fixed", 3, 17),
    "saint patrick's day": ("fixed", 3, 17), "april fools' day": ("fixed", 4, 1),
    "independence day": ("fixed", 7, 4), "fourth of july": ("fixed", 7, 4),
    "the fourth of july": ("fixed", 7, 4), "bastille day": ("fixed", 7, 14),
    "halloween": ("fixed", 10, 31), "all saints' day": ("fixed", 11, 1),
    "veterans day": ("fixed", 11, 11), "veterans' day": ("fixed", 11, 11),
    "armistice day": ("fixed", 11, 11), "remembrance day": ("fixed", 11, 11),
    "may day": ("fixed", 5, 1), "labour day": ("fixed", 5, 1),
    "easter": ("easter", 0), "easter sunday": ("easter", 0), "easter day": ("easter", 0),
    "easter monday": ("easter", 1), "good friday": ("easter", -2),
    "holy saturday": ("easter", -1), "palm sunday": ("easter", -7),
    "ash wednesday": ("easter", -46), "maundy thursday": ("easter", -3),
    "pentecost": ("easter", 49), "whit sunday": ("easter", 49),
    "ascension day": ("easter", 39),
    "thanksgiving": ("nth", 11, 4, 4), "thanksgiving day": ("nth", 11, 4, 4),
    "labor day": ("nth", 9, 1, 1), "memorial day": ("nth", 5, 1, -1),
    "martin luther king day": ("nth", 1, 1, 3), "martin luther king jr. day": ("nth", 1, 1, 3),
    "presidents' day": ("nth", 2, 1, 3), "presidents day": ("nth", 2, 1, 3),
    "mother's day": ("nth", 5, 7, 2), "father's day": ("nth", 6, 7, 3),
    "columbus day": ("nth", 10, 1, 2),
    # US general election: the Tuesday after the first Monday of November.
    "election day": ("nth_after", 11, 1, 1, 1),
}

# Modifiers of a point: value = TIMEX3 mod.
EARLY = {"early": "START"}
MID = {"mid": "MID", "middle": "MID", "midst": "MID", "mid-": "MID"}
LATE = {"late": "END"}
# Nouns naming a part of a period ("the end of", "the beginning of").
PART_NOUNS = {"beginning": "START", "start": "START", "dawn": "START", "outset": "START",
              "end": "END", "close": "END", "turn": "END"}
# Approximation and comparison: value = TIMEX3 mod.
APPROX_WORDS = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "circa": "APPROX", "ca.": "APPROX", "c.": "APPROX", "nearly": "APPROX",
    "almost": "LESS_THAN", "some": "APPROX", "or so": "APPROX",
    "more than": "MORE_THAN", "over": "MORE_THAN", "upwards of": "MORE_THAN",
    "longer than": "MORE_THAN", "in excess of": "MORE_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "fewer than": "LESS_THAN",
    "shorter than": "LESS_THAN", "just under": "LESS_THAN", "just over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE", "no fewer than": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
    "not more than": "EQUAL_OR_LESS", "not less than": "EQUAL_OR_MORE",
}

# Comparison words that put a date anywhere between the count and the day it
# counts from: "less than two weeks ago" is any day of the last two weeks
# ("almost two years ago", by contrast, is close to two years ago).
UP_TO_ANCHOR = frozenset({"less than", "under", "fewer than", "no more than", "at most",
                          "up to", "not more than", "just under"})

# Comparison words that mean "during" before a determiner: "over the next two
# years" is those two years, not more than them ("over two years" is more).
DURING_BEFORE_DETERMINER = frozenset({"over"})

# Deictic determiners: value = offset in units from the anchor.
LAST_WORDS = {"last": -1, "previous": -1, "preceding": -1, "prior": -1}
# "past" is "last" before a unit ("the past two months") and a noun alone.
PAST_WORDS = {"past": -1}
NEXT_WORDS = {"next": 1, "coming": 1, "following": 1, "upcoming": 1, "ensuing": 1,
              "subsequent": 1, "succeeding": 1}
THIS_WORDS = {"this": 0, "these": 0}
CURRENT_WORDS = {"current": 0, "present": 0}
THAT_WORDS = {"that": 0, "those": 0}
SAME_WORDS = {"same": 0}
LATEST_WORDS = {"latest": 0, "most recent": 0}

# Direction adverbs after a quantity: value = sign.
AGO_WORDS = {"ago": -1, "back": -1}
#: Words of the EARLIER/LATER classes that, right before a day, are
#: prepositions ("after Thursday's ruling"), not "early"/"late".
PREPOSITION_NOT_MOD = frozenset({"after", "before"})
LATER_WORDS = {"later": 1, "afterward": 1, "afterwards": 1, "after": 1, "hence": 1,
               "thereafter": 1}
EARLIER_WORDS = {"earlier": -1, "before": -1, "previously": -1}

SET_ADVERBS = {
    "daily": ("P1D", None), "weekly": ("P1W", None), "monthly": ("P1M", None),
    "yearly": ("P1Y", None), "annually": ("P1Y", None), "hourly": ("PT1H", None),
    "quarterly": ("P3M", None), "nightly": ("P1D", "NI"), "biweekly": ("P2W", None),
    "bimonthly": ("P2M", None), "biannually": ("P6M", None), "semiannually": ("P6M", None),
    "every day": ("P1D", None), "everyday": ("P1D", None), "each day": ("P1D", None),
}
EVERY_WORDS = {"every": "EVERY", "each": "EACH", "per": "EVERY"}
FREQUENCY_WORDS = {"once": 1, "twice": 2, "thrice": 3}
TIMES_WORDS = {"times": "times"}

AMPM = {"a.m.": "am", "p.m.": "pm", "am": "am", "pm": "pm", "a.m": "am", "p.m": "pm",
        "a . m": "am", "p . m": "pm"}
TIME_ZONES = {
    "gmt": "GMT", "utc": "UTC", "est": "EST", "edt": "EDT", "cst": "CST", "cdt": "CDT",
    "mst": "MST", "mdt": "MDT", "pst": "PST", "pdt": "PDT", "bst": "BST", "cet": "CET",
    "cest": "CEST", "eet": "EET", "jst": "JST", "ist": "IST", "et": "ET", "pt": "PT",
    "hours gmt": "GMT",
}
BC_WORDS = {"bc": "BC", "b.c.": "BC", "bce": "BC", "b.c.e.": "BC", "b.c": "BC"}
AD_WORDS = {"ad": "AD", "a.d.": "AD", "ce": "AD", "c.e.": "AD"}

FISCAL_WORDS = {"fiscal": "fiscal", "financial": "fiscal", "fy": "fiscal"}
# Nouns that stand for "the reporting period" in financial news.
PERIOD_NOUNS = {"period": "period", "periods": "period"}
TIME_NOUNS = {"time": "time", "moment": "moment", "era": "era"}
FUTURE_NOUNS = {"future": "FUTURE_REF"}
TERM_NOUNS = {"term": "term"}
NEAR_WORDS = {"near": "near", "short": "short", "long": "long", "medium": "medium"}
RECENT_WORDS = {"recent": "PAST_REF"}
# "current" before a noun ("current market conditions", "his current wife")
# refers to the present (TimeML tags it PRESENT_REF); not in set phrases where
# it names no time ("current account").
PRESENT_ADJECTIVES = {"current": "PRESENT_REF"}
PRESENT_ADJECTIVE_NOT_BEFORE = frozenset({"account", "accounts", "account's"})

DETERMINERS = {"the": "the"}
INDEFINITE = {"a": 1, "an": 1}
OF_WORDS = {"of": "of"}
AND_WORDS = {"and": "and", "&": "and"}
OR_WORDS = {"or": "or"}
TO_WORDS = {"to": "to", "through": "to", "until": "to", "till": "to", "thru": "to"}
BETWEEN_WORDS = {"between": "between", "from": "from"}
ADJ_PERIOD = {"full": "full", "entire": "full", "whole": "full", "comparable": "comparable",
              "corresponding": "comparable"}
OLD_WORDS = {"old": "old"}
# "around" is an approximation word, not listed here.
PREPOSITIONS = {"in": "in", "on": "on", "at": "at", "by": "by", "since": "since",
                "during": "during", "within": "within", "for": "for", "into": "into",
                "throughout": "throughout"}
POSSESSIVE_PRONOUNS = {"its": "its", "their": "their", "his": "his", "her": "her",
                       "our": "our", "my": "my", "your": "your"}
#: "post-1959", "pre-1990s": before or after a date (TIMEX3 mod).
PRE_POST = {"post": "AFTER", "pre": "BEFORE"}
#: "the former president": the past as a whole in narratives (TIMEX2 practice,
#: as in WikiWars); news corpora (TimeML) leave it untagged.
FORMER_WORDS = {"former": "PAST_REF"}
#: Words between a number and its unit that keep it a duration ("eight trading days").
UNIT_ADJECTIVES = {"trading": "trading", "business": "business", "working": "working",
                   "calendar": "calendar", "consecutive": "consecutive", "straight": "straight",
                   "successive": "successive"}
OTHER_WORDS = {"other": 2, "alternate": 2}
MORE_WORDS = {"more": "more", "additional": "more", "another": "more", "further": "more", "extra": "more"}
ONLY_WORDS = {"only": "only", "just": "just", "barely": "just", "mere": "just"}

#: Lexicon: token class -> {phrase: value}. Every phrase is in one class.
CATEGORIES: dict[str, dict] = {
    # Abbreviations take their period with them ("Sept." is one token), so a
    # sentence-final period after a full name is never part of a date.
    "MONTH": {**MONTHS, **MONTH_ABBR, **{k + ".": v for k, v in MONTH_ABBR.items()}},
    "WEEKDAY": {**WEEKDAYS, **WEEKDAY_ABBR_UNDOTTED, **{k + ".": v for k, v in WEEKDAY_ABBR.items()}},
    "WEEKDAYS": WEEKDAYS_PLURAL,
    "SEASON": {k: v for k, v in SEASONS.items()},
    "FALL": {"fall": 2},
    "SEASONS": SEASONS_PLURAL,
    "UNIT": {**UNITS, **SECOND_UNITS},
    "QUARTER": QUARTERS,
    "HALF": HALVES,
    "WEEKEND": WEEKENDS,
    "PART": PARTS_OF_DAY,
    "CLOCKWORD": CLOCK_WORDS,
    "DEICTIC": DEICTIC_DAYS,
    "REFWORD": REF_WORDS,
    "NUMWORD": {k: v for k, v in NUMBER_WORDS.items()},
    "VAGUE": VAGUE_QUANTITIES,
    "FRACTION": FRACTIONS,
    "ORDINAL": ORDINALS,
    "FINAL": LAST_ORDINAL,
    "HOLIDAY": HOLIDAYS,
    "EARLY": EARLY,
    "MID": MID,
    "LATE": LATE,
    "PARTNOUN": PART_NOUNS,
    "APPROX": APPROX_WORDS,
    "LAST": LAST_WORDS,
    "PASTNOUN": PAST_WORDS,
    "NEXT": NEXT_WORDS,
    "THIS": THIS_WORDS,
    "CURRENT": CURRENT_WORDS,
    "THAT": THAT_WORDS,
    "SAME": SAME_WORDS,
    "LATEST": LATEST_WORDS,
    "AGO": AGO_WORDS,
    "LATER": LATER_WORDS,
    "EARLIER": EARLIER_WORDS,
    "SETADV": SET_ADVERBS,
    "EVERY": EVERY_WORDS,
    "FREQ": FREQUENCY_WORDS,
    "TIMES": TIMES_WORDS,
    "AMPM": AMPM,
    "TZ": TIME_ZONES,
    "BC": BC_WORDS,
    "AD": AD_WORDS,
    "FISCAL": FISCAL_WORDS,
    "PERIOD": PERIOD_NOUNS,
    "TIMENOUN": TIME_NOUNS,
    "FUTURE": FUTURE_NOUNS,
    "TERM": TERM_NOUNS,
    "NEAR": NEAR_WORDS,
    "THE": DETERMINERS,
    "A": INDEFINITE,
    "OF": OF_WORDS,
    "AND": AND_WORDS,
    "OR": OR_WORDS,
    "TO": TO_WORDS,
    "BETWEEN": BETWEEN_WORDS,
    "PREP": PREPOSITIONS,
    "POSSPRON": POSSESSIVE_PRONOUNS,
    "ADJPERIOD": ADJ_PERIOD,
    "MORE": MORE_WORDS,
    "OLD": OLD_WORDS,
    "ONLY": ONLY_WORDS,
    "RECENT": RECENT_WORDS,
    "UNITADJ": UNIT_ADJECTIVES,
    "FORMER": FORMER_WORDS,
    "PREPOST": PRE_POST,
    "OTHER": OTHER_WORDS,
    "DECADEWORD": DECADE_WORDS,
}

#: Words that only count with a capital letter (they are also common words
#: or names): "May", "March", "Sun", "Sat", "Wed", "Jan", "Dec", "Mar", ...
CAPITALIZED = {
    "may", "march", "jan", "mar", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "jan.", "mar.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "feb.",
    "febr.", "apr.", "mon.", "tue.", "tues.", "wed.", "thu.", "thur.", "thurs.", "fri.",
    "sat.", "sun.",
    "feb", "febr", "apr",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "bst", "cet", "cest", "eet",
    "jst", "ist", "et", "pt", "gmt", "utc", "ad", "ce", "c.e.", "bc", "bce", "fy",
    "new year", "election day", "independence day", "labour day", "labor day",
    "memorial day", "columbus day", "veterans day", "thanksgiving", "mother's day",
    "father's day", "pentecost", "may day", "boxing day", "armistice day",
    "remembrance day", "bastille day", "easter", "christmas", "halloween",
}

# ---------------------------------------------------------------------------
# Pattern macros
# ---------------------------------------------------------------------------

MACROS = {
    # A number written with digits or words: "three", "twenty-four", "2 1/2",
    # "one and a half", "a dozen", "a few", "several".
    "number": (
        "( DAYNUM|NUM|NUMX ( DAYNUM SLASH DAYNUM | FRACTION )?"
        " | NUMWORD ( HYPHEN? NUMWORD )* ( FRACTION )?"
        " | A NUMWORD | A FRACTION? | A? VAGUE )"
    ),
    "month": "MONTH",
    "day": "( DAYNUM | ORDNUM | ORDINAL )",
    "year": "( YEAR | YEAR2 )",
    "approx": "APPROX",
    "point_mod": "( EARLY | MID | LATE | MID HYPHEN | EARLY HYPHEN | LATE HYPHEN )",
    "part_of": "THE? PARTNOUN|MID OF",
    "ordinal": "( ORDINAL | ORDNUM | NUMWORD HYPHEN ORDINAL )",
    "det": "( THE | POSSPRON )",
}

# ---------------------------------------------------------------------------
# Rules. Builders live in timeline/timex/builders.py; ``args`` name groups.
# ---------------------------------------------------------------------------

R = Rule
RULES: list[Rule] = [
    # --- explicit calendar dates --------------------------------------------
    R("iso_date", "d:ISO", "iso", examples=("2021-04-15",)),
    R("numeric_date", "d:NUMDATE", "numeric_date", examples=("4/15/2021", "15.04.2021")),
    R("month_day_year",
      "( wd:WEEKDAY COMMA? )? mod:@point_mod? m:@month ( THE )? d:@day COMMA? y:@year ( era:BC|AD )?",
      "calendar", priority=5,
      examples=("April 15, 2021", "Aug. 7, 1998", "Thursday, April 15, 2021", "Dec. 2, 1956")),
    R("day_month_year",
      "( wd:WEEKDAY COMMA? )? ( THE )? d:@day ( OF )? m:@month COMMA? y:@year ( era:BC|AD )?",
      "calendar", priority=5,
      examples=("15 April 2021", "the 15th of April 2021", "Thursday 15 April 2021")),
    R("month_day",
      "( wd:WEEKDAY COMMA? )? ( r:LAST|NEXT|THIS )? mod:( @point_mod | APPROX )? m:@month ( THE )? d:@day !>YEAR|YEAR2|NUM|DAYNUM",
      "calendar", priority=3,
      examples=("Aug. 7", "April 15th", "Friday, Oct. 23", "Friday Oct. 13", "late April 15")),
    R("day_month",
      "( wd:WEEKDAY COMMA? )? ( THE )? d:@day ( OF )? m:@month !>YEAR|DAYNUM",
      "calendar", priority=3,
      examples=("15 April", "the 15th of April", "Saturday 3 July")),
    R("month_of_that_year", "mod:@point_mod? ( THE )? ( d:@day ( OF )? )? m:@month ( d2:@day )? OF r:THAT|THE|NEXT|LAST|THIS|PASTNOUN u:UNIT",
      "month_of_year", examples=("July of that year", "July 25 of that year", "the spring of next year")),
    R("season_of_that_year", "mod:@point_mod? ( THE )? s:SEASON|FALL OF r:THAT|THE|NEXT|LAST|THIS u:UNIT",
      "month_of_year", examples=("the spring of next year", "summer of that year")),
    R("season_year_bc", "mod:@point_mod? ( THE )? s:SEASON|FALL ( OF )? COMMA? y:DAYNUM|NUM|YEAR era:BC", "calendar",
      examples=("autumn of 481 BC",)),
    R("month_year_bc", "mod:@point_mod? m:@month ( OF )? COMMA? y:DAYNUM|NUM|YEAR era:BC", "calendar",
      examples=("April 480 BC",)),
    R("month_year", "mod:@point_mod? m:@month ( OF )? COMMA? y:@year ( era:BC|AD )?", "calendar",
      examples=("August 1988", "July 1997", "March of 1996", "mid-December 2020")),
    R("month_alone", "mod:@point_mod? m:@month !>DAYNUM|YEAR|ORDNUM", "calendar",
      examples=("April", "mid-December", "early September", "late November")),
    R("week_of_month", "( THE )? w:( @ordinal | LAST|FINAL ) u:UNIT OF m:@month ( COMMA? y:@year )?", "week_of_month",
      examples=("the last week of September", "the first week of May 1945", "the first days of August")),
    R("month_part_of", "mod:@part_of m:@month ( OF? y:@year )?", "calendar",
      examples=("the beginning of October", "the end of November", "the middle of October 1990")),
    R("year_alone", "mod:@point_mod? y:YEAR ( era:BC|AD )? !>UNIT", "year",
      examples=("2020", "mid-1996", "early 1990")),
    R("day_list_after", "<AND|TO|HYPHEN d:DAYNUM !>UNIT|MONTH|NUM|NUMX|DAYNUM|YEAR|HYPHEN|SLASH|PART|AMPM", "day_list",
      examples=()),
    R("day_list_before", "d:DAYNUM >AND|TO|HYPHEN", "day_list", priority=-1, examples=()),
    R("year_bc", "( APPROX )? y:DAYNUM|NUM|YEAR era:BC", "year",
      examples=("146 B.C.", "490 BC", "ca. 466 BC")),
    R("year_ad", "era:AD y:DAYNUM|NUM|YEAR", "year", examples=("AD 79",)),
    R("year_bc_range", "y:DAYNUM|NUM|YEAR >HYPHEN|TO|AND", "year_bc_range", priority=-1,
      examples=()),
    R("year_part_of", "mod:@part_of ( THE UNIT )? y:YEAR", "year",
      examples=("the end of 1990", "the beginning of 2021")),
    R("year_words", "mod:@point_mod? ( THE UNIT )? y:( NUMWORD NUMWORD ( HYPHEN? NUMWORD )? )", "year_words",
      examples=("nineteen ninety-six", "nineteen seventy-nine")),
    R("year_two_thousand", "THE UNIT y:( NUMWORD NUMWORD ( NUMWORD ( HYPHEN? NUMWORD )? )? )", "year_words",
      examples=("the year two thousand",)),
    R("season_year", "mod:@point_mod? ( THE )? s:SEASON|FALL ( OF )? COMMA? y:@year", "calendar",
      examples=("summer 2021", "the summer of 1989", "fall 2020", "early spring 1991")),
    R("season_year_words", "( THE )? s:SEASON|FALL OF y:( NUMWORD NUMWORD ( HYPHEN? NUMWORD )? )", "year_words",
      examples=("the winter of nineteen ninety-four",)),
    R("decade", "!<POSSPRON ( THE )? mod:@point_mod? d:DECADENUM", "decade",
      examples=("the 1990s", "the early 1980s", "the '90s", "1960s", "the mid-1990s")),
    R("decade_words", "THE mod:@point_mod? d:DECADEWORD", "decade_words",
      examples=("the nineties", "the late sixties")),
    R("century", "( THE )? mod:@point_mod? c:@ordinal HYPHEN? UNIT ( era:BC|AD )?", "century",
      examples=("the 20th century", "the nineteenth century", "11th century", "the 4th century BC")),
    R("quarter_year",
      "( THE|POSSPRON )? ( FISCAL )? q:@ordinal HYPHEN? QUARTER ( OF )? ( FISCAL )? y:YEAR", "quarter",
      examples=("the third quarter of 1984", "fourth quarter 1989")),
    R("quarter_q", "qq:QCODE y:@year", "quarter_code", examples=("Q3 2021", "H1 2020")),
    R("year_period", "THE y:YEAR ( ADJPERIOD )? PERIOD|QUARTER", "year_period",
      examples=("the 1988 period", "the 1988 quarter")),
    R("half_year", "( THE )? q:( @ordinal | LAST|LATEST ) HYPHEN? HALF ( OF )? y:YEAR", "half",
      examples=("the first half of 1990", "the second half of 2021")),
    R("fiscal_year", "( THE )? FISCAL ( UNIT )? y:@year", "fiscal_year",
      examples=("fiscal 1989", "fiscal year 2020")),
    R("holiday_year", "( THE )? h:HOLIDAY COMMA? y:YEAR", "holiday",
      examples=("Christmas 2020", "Thanksgiving 1998")),
    R("holiday_week", "( THE )? h:HOLIDAY u:UNIT|WEEKEND", "holiday_week", examples=("Easter week", "Thanksgiving weekend")),
    R("pre_post_year", "p:PREPOST HYPHEN y:YEAR|DECADENUM", "pre_post", examples=("post-1959", "pre-1990s")),
    R("holiday", "( THE )? h:HOLIDAY", "holiday",
      examples=("Christmas", "Easter", "Thanksgiving Day", "New Year's Day", "Election Day")),

    # --- times of day -----------------------------------------------------------
    R("clock_time",
      "( APPROX )? t:( CLOCK ( AMPM )? | DAYNUM AMPM | NUMX AMPM | CLOCKWORD ) ( TZ )? ( COMMA? on:( WEEKDAY COMMA? )? ( m:@month d:@day ( COMMA? y:@year )? | dd:DEICTIC | wd2:WEEKDAY ) )?",
      "clock", priority=4,
      examples=("3 p.m.", "10:30 GMT", "noon", "10:35 a.m.", "10 p.m. Wednesday",
                "5 p.m. EST Nov. 9", "noon Saturday", "midnight Friday")),
    R("clock_in_morning", "t:DAYNUM PREP THE p:PART", "clock",
      examples=("4 in the morning",)),
    R("day_clock",
      "( wd2:WEEKDAY | dd:DEICTIC ) COMMA? ( PREP )? t:( CLOCK ( AMPM )? | DAYNUM AMPM | NUMX AMPM | CLOCKWORD ) ( TZ )?",
      "clock", priority=3, examples=("Thursday at 3 p.m.", "today 10:30")),

    # --- deictic days and parts of days ---------------------------------------
    R("deictic_day", "mod:@point_mod? w:DEICTIC ( p:PART )?", "deictic",
      examples=("today", "yesterday", "tomorrow morning", "late yesterday", "tonight")),
    R("deictic_part_first", "mod:@point_mod? p:PART w:DEICTIC", "deictic",
      examples=("mid-afternoon yesterday",)),
    R("day_before_yesterday", "THE UNIT b:LATER|EARLIER w:DEICTIC", "deictic_shift",
      examples=("the day before yesterday", "the day after tomorrow")),
    R("this_part", "mod:@point_mod? r:THIS|LAST|NEXT p:PART", "this_part",
      examples=("this morning", "last night", "this evening", "later this afternoon")),
    R("part_alone", "( THE )? mod:@point_mod? p:PART !>OF", "part_alone",
      examples=("the morning", "mid afternoon")),

    # --- weekdays --------------------------------------------------------------
    R("weekday_part", "mod:@point_mod? ( r:LAST|NEXT|THIS|THAT )? wd:WEEKDAY p:PART", "weekday",
      examples=("Friday morning", "Wednesday night", "last Friday night")),
    R("weekday",
      "mod:@point_mod? ( THE? r:LAST|NEXT|THIS|THAT )? ( c:NEXT )? wd:WEEKDAY !>PART|DAYNUM|ORDNUM|MONTH",
      "weekday",
      examples=("Thursday", "last Friday", "next Monday", "this coming Sunday", "early Tuesday",
                "the previous Friday", "the following Monday")),

    # --- relative units: last week, this year, next month --------------------------
    R("rel_unit",
      "mod:( @point_mod | @part_of )? ( THE )? r:LAST|PASTNOUN|NEXT|THIS|CURRENT|LATEST ( FISCAL )? u:UNIT|WEEKEND|QUARTER|HALF|SEASON|FALL|PERIOD",
      "rel_unit",
      examples=("last week", "next month", "this year", "the coming year", "the past year",
                "late last year", "early next year", "this summer", "last fall", "the current quarter",
                "this weekend", "the end of this week", "the latest quarter")),
    R("rel_month", "mod:@point_mod? r:LAST|NEXT|THIS m:MONTH", "rel_named",
      examples=("last April", "next December", "this September")),
    R("month_rel_year", "m:MONTH ( OF )? r:LAST|NEXT|THIS u:UNIT", "month_rel_year",
      examples=("July last year", "January this year", "June of next year")),
    R("earlier_this",
      "mod:EARLIER|LATER|EARLY|LATE ( PREP THE | THIS|LAST|NEXT|THAT ) u:UNIT|WEEKEND|QUARTER|SEASON|FALL|MONTH|PART",
      "earlier_this",
      examples=("earlier this month", "earlier this year", "later this year", "earlier that day",
                "later that year", "earlier in the year", "later in the week")),
    R("earlier_deictic", "mod:EARLIER|LATER w:DEICTIC|WEEKDAY", "earlier_deictic",
      examples=("earlier yesterday", "later today", "earlier Sunday")),
    R("the_weekend", "r:THE|THIS|LAST|NEXT|THAT u:WEEKEND", "rel_unit",
      examples=("the weekend",)),
    R("year_end", "( THE )? u:UNIT HYPHEN? POSS? e:PARTNOUN !>OF", "unit_end",
      examples=("year end", "year-end", "year's end", "month-end")),

    # --- quantities relative to the DCT or a previous mention ------------------
    R("ago",
      "mod:APPROX? n:@number ( OR A? NUMWORD|DAYNUM )? u:UNIT|QUARTER|WEEKEND|SEASONS ( APPROX )? a:AGO",
      "offset", args={"anchor": "dct"},
      examples=("two days ago", "a year ago", "three weeks ago", "about two years ago",
                "a week or so ago", "five years ago")),
    R("later",
      "mod:APPROX? n:@number u:UNIT|QUARTER|WEEKEND ( APPROX )? a:LATER|EARLIER",
      "offset", args={"anchor": "ref"},
      examples=("three weeks later", "a year earlier", "two days later", "a few years later",
                "some 14 years later")),
    R("unit_ago_adj", "( THE )? ( ADJPERIOD )? u:UNIT HYPHEN a:AGO|EARLIER ( ADJPERIOD )? ( q:@ordinal HYPHEN? )? ( p:QUARTER|PERIOD|UNIT )?",
      "year_ago", examples=("year-ago", "the year-earlier period", "the year-ago quarter",
                            "the year-earlier third quarter")),
    R("ago_bare", "u:UNIT a:AGO", "offset", args={"anchor": "dct"}, priority=-1,
      examples=("months ago",)),

    # --- anaphoric: that year, the same day, the next day ----------------------------
    R("anaphor",
      "mod:( @point_mod | @part_of )? ( THE )? r:THAT|SAME|NEXT|LAST u:UNIT|WEEKEND|QUARTER|HALF|SEASON|FALL|PART",
      "anaphor",
      examples=("that year", "the same day", "the next day", "the following month", "the previous year",
                "that summer", "the end of that year", "the next morning")),
    R("the_same_time", "( THE SAME | THAT ) t:TIMENOUN", "same_time",
      examples=("the same time", "that time")),
    R("ordinal_day", "( THE )? o:@ordinal u:UNIT !>OF", "ordinal_day",
      examples=("the second day", "the eighth day")),
    R("the_unit", "mod:@part_of? THE ( ADJPERIOD )? ( FISCAL )? u:UNIT|QUARTER|WEEKEND|PERIOD !>OF|HYPHEN|UNIT",
      "the_unit", priority=-2,
      examples=("the year", "the quarter", "the fiscal year", "the full year", "the week",
                "the end of the year")),
    R("this_unit_alone", "r:THIS|CURRENT u:PERIOD|TIMENOUN", "the_unit", priority=-2,
      examples=()),

    # --- quarters, halves, seasons ----------------------------------------------------
    R("quarter",
      "( det:THE )? ( rel:LAST|NEXT|THIS|CURRENT|LATEST )? ( y:YEAR )? ( FISCAL HYPHEN? )? q:@ordinal HYPHEN? QUARTER ( OF ( rel2:LAST|NEXT|THIS|THE ) UNIT | OF THE UNIT )?",
      "quarter",
      examples=("the third quarter", "third-quarter", "the fiscal first quarter", "the 1988 third quarter",
                "the fourth quarter", "fiscal second-quarter",
                "the first quarter of next year")),
    R("rel_year_quarter", "( rel:LAST|NEXT|THIS ) u:UNIT POSS q:@ordinal HYPHEN? QUARTER", "quarter",
      examples=("next year's first quarter", "last year's fourth quarter")),
    R("half", "( THE )? q:( @ordinal | LAST|LATEST ) HYPHEN? HALF ( OF ( rel2:LAST|NEXT|THIS|THE ) UNIT )?", "half",
      examples=("the first half", "the second half of next year", "the last half")),
    R("season", "( THE )? mod:( @point_mod | @part_of )? ( THE )? s:SEASON !>OF", "calendar",
      examples=("summer", "the summer", "early summer", "the early summer")),
    R("season_fall", "mod:@point_mod? THE s:FALL !>OF", "calendar", examples=("the fall",)),
    R("in_fall", "<PREP s:FALL", "calendar", examples=()),

    # --- durations ---------------------------------------------------------------------
    R("duration",
      "mod:APPROX|MORE? APPROX? n:@number ( OR ( MORE )? n2:@number )? ( MORE|ADJPERIOD|UNITADJ )? HYPHEN? u:UNIT|QUARTER|WEEKEND|SEASONS ( f:FRACTION )? ( APPROX )? ( OR u2:UNIT )?",
      "duration",
      examples=("three years", "10 days", "a decade", "2 1/2 years", "a minute and a half",
                "more than four hours", "nearly three years", "at least 30 days", "a few days",
                "several months", "10-year", "five-year", "eight trading days")),
    R("duration_range", "n:@number TO|HYPHEN n2:@number u:UNIT", "duration", priority=-1,
      examples=("12 to 18 months",)),
    R("duration_rel",
      "mod:APPROX|MORE? ( THE|POSSPRON )? r:LAST|PASTNOUN|NEXT|LATEST|ORDINAL? ( n:@number ) ( MORE )? u:UNIT|QUARTER|WEEKEND",
      "duration",
      examples=("the past two months", "the next three years", "the first nine months",
                "the last twenty four hours", "the next few days", "the past 20 years", "the nine months",
                "the four days")),
    R("duration_rel_vague", "( THE )? r:LAST|PASTNOUN|NEXT|LATEST|RECENT u:UNIT|QUARTER|WEEKEND|SEASONS !>OF",
      "duration_plural",
      examples=("recent years", "the coming weeks", "the past few weeks", "recent months")),
    R("duration_plain_plural", "!<NUMWORD|DAYNUM|NUM|NUMX|A|VAGUE|THE|THIS|LAST|PASTNOUN|NEXT|THAT|LATEST|RECENT|POSSPRON|ORDINAL|ORDNUM|HYPHEN|EVERY|AND|OR|MORE|ADJPERIOD mod:APPROX? u:UNIT|WEEKEND ( OR u2:UNIT )?",
      "duration_plural", priority=-3, examples=("months", "years", "days")),
    R("duration_unit_long", "u:UNIT HYPHEN NEAR", "duration", examples=("day-long", "decades-long")),

    # --- sets ----------------------------------------------------------------------------
    R("set_adverb", "s:SETADV", "set_adverb", examples=("daily", "annually", "weekly", "every day")),
    R("set_every_unit", "e:EVERY ( n:@number | o:@ordinal | oth:OTHER )? u:UNIT|QUARTER|WEEKEND|SEASON|FALL", "set_every",
      examples=("every month", "each year", "every quarter", "every two weeks", "per day",
                "every other day")),
    R("set_every_weekday", "e:EVERY wd:WEEKDAY ( p:PART )?", "set_every",
      examples=("every Monday", "each Thursday", "every Friday night")),
    R("set_every_month", "e:EVERY m:MONTH", "set_every", examples=("each July",)),
    R("set_times_per",
      "f:( FREQ | @number ) ( TIMES )? e:A|EVERY n:@number? u:UNIT|QUARTER|WEEKEND", "set_freq",
      examples=("twice a week", "three times a year", "once a month")),
    R("set_weekdays", "( PREP )? wd:WEEKDAYS ( p:PART )?", "set_weekdays",
      examples=("Mondays", "Tuesday nights")),

    # --- present / past / future references -------------------------------------------
    R("ref_word", "w:REFWORD", "ref_word",
      examples=("now", "currently", "recently", "right now", "these days", "lately")),
    R("recent", "w:RECENT !>UNIT|QUARTER|WEEKEND|SEASONS|PERIOD", "ref_word", examples=("recent",)),
    R("present_adjective", "w:CURRENT >WORD", "present_adjective", priority=-3),
    R("former", "w:FORMER", "ref_narrative", examples=()),
    R("the_future", "( THE )? ( NEAR )? w:FUTURE", "ref_future",
      examples=("the future", "the near future")),
    R("the_past", "THE w:PASTNOUN !>NUMWORD|DAYNUM|NUM|UNIT|VAGUE|QUARTER|WEEKEND|A|SEASON|FALL|HALF|MONTH|WEEKDAY", "ref_past",
      examples=("the past",)),
    R("the_term", "THE w:NEAR t:TERM", "ref_term", examples=("the near term", "the short term", "the long term")),
    R("set_per_unit", "A u:UNIT|QUARTER !>LATER|EARLIER|AGO|OR|OF|HYPHEN|AND", "set_per_unit", priority=1,
      examples=()),
]

# ---------------------------------------------------------------------------
# Context cues (read by the resolver and the event extractor, never matched)
# ---------------------------------------------------------------------------

#: Words that make the clause future ("will meet on Thursday").
FUTURE_CUES = frozenset({
    "will", "'ll", "shall", "upcoming", "forecast", "forecasts", "predicts", "scheduled",
    "slated",
    "await", "awaits", "awaiting", "payable", "effective", "tomorrow",
})
#: Words that make the clause future when "to" follows ("plans to", "is due to").
INFINITIVE_MARKER = "to"
#: ... or when "for" follows ("a summit set for April", "planned for early March").
FUTURE_FOR_CUES = frozenset({"set", "scheduled", "slated", "planned", "due", "expected", "timed",
                             "penciled", "pencilled", "earmarked"})
FOR_MARKER = "for"
#: "would be traveling": a modal, "be" and a progressive form name a plan.
FUTURE_IN_PAST_MODALS = frozenset({"would"})
PROGRESSIVE_AUXILIARIES = frozenset({"be"})
PROGRESSIVE_SUFFIX = "ing"
#: Present-tense verbs of a scheduled happening: with a date, the date is
#: ahead ("The council meets again on Thursday", "The trial opens Monday").
SCHEDULED_PRESENT = frozenset("""
    meets opens begins starts resumes reopens closes ends expires arrives departs leaves returns
    visits plays faces hosts convenes launches debuts premieres kicks airs travels heads
""".split())

FUTURE_TO_CUES = frozenset({
    "going", "plans", "plan", "planning", "planned", "scheduled", "expects", "expect",
    "expected", "intends", "intend", "intended", "aims", "aim", "hopes", "hope", "wants",
    "promises", "promised", "vows", "vowed", "set", "due", "slated", "prepares", "preparing",
    "poised", "ready", "about", "proposes", "proposed", "pledged", "pledges", "threatens",
    "threatened", "agreed", "agrees", "decided", "decides",
    "is", "are",  # "is to resume trading Tuesday": a plan
})
#: Words that mark the clause as past (modals such as "would" are no cue:
#: "said it would begin on Friday" is told in the past).
PAST_CUES = frozenset({
    "was", "were", "had", "did", "said", "told", "made", "took", "gave", "went", "came",
    "met", "began", "became", "left", "held", "won", "lost", "fell", "rose",
    "sold", "bought", "paid", "brought", "thought", "saw", "found", "got", "put", "ran",
    "wrote", "spoke", "broke", "chose", "drove", "flew", "grew", "knew", "led", "meant",
    "sent", "spent", "stood", "struck", "taught", "threw", "understood", "wore", "ago",
    "last", "since", "earlier", "former", "previously", "recently", "been", "has", "have",
    "set", "shut", "split", "spread", "let", "beat", "felt", "kept",
    "built", "dealt", "heard", "laid", "lent", "read", "sought", "sank", "shot",
    "slid", "stole", "swore", "swept", "tore", "woke", "withdrew", "overtook", "undertook",
    "yesterday", "ended", "fought", "caught", "vowed", "pledged", "promised", "predicted",
})
#: Past reporting verbs: they date the report, not what it reports
#: ("officials said the accession is planned for early March").
REPORTING_VERBS = frozenset({"said", "told", "reported", "announced", "added", "stated", "noted",
                             "explained", "declared", "claimed", "insisted", "confirmed",
                             "disclosed", "revealed", "warned", "predicted", "estimated",
                             "according", "wrote", "testified", "argued", "indicated"})
#: Words that mark the clause as present.
PRESENT_CUES = frozenset({"is", "are", "am", "says", "say", "does", "do", "now", "currently",
                          "can", "may", "today"})
#: Regular past tense ending (a word that ends so and is long enough).
PAST_SUFFIX = "ed"
#: Words that never count as a past-tense verb even though they end in -ed.
NOT_PAST = frozenset({"need", "needed", "red", "bed", "seed", "speed", "feed", "breed", "shed",
                      "led", "fled", "bred", "hundred", "sacred", "naked", "wicked", "united",
                      "limited", "based", "related", "proposed", "scheduled", "expected",
                      "planned", "indeed", "embed", "proceed", "exceed", "succeed", "ed",
                      "shred", "wed", "sled", "ted", "fred", "ned"})
#: Tokens that end a clause when looking for tense cues.
CLAUSE_BREAKS = frozenset({".", "!", "?", ";", ":", "“", "”", '"'})

# ---------------------------------------------------------------------------
# Context the builders check (data, read by the engine's generic checks)
# ---------------------------------------------------------------------------

#: 4/5/2021 is April 5 (US order); a first number over 12 means day first.
NUMERIC_DATE_ORDER = "MDY"
#: Month names that are also common words or names ("May", "March").
AMBIGUOUS_MONTHS = frozenset({"may", "march"})
#: Abbreviations without their period ("Jan Kavan", "Dec"): a month only
#: together with a day or a year.
BARE_MONTH_ABBREVIATIONS = frozenset(MONTH_ABBR)
#: Token classes after which an ambiguous month name or "fall" is a date.
MONTH_CONTEXT = frozenset({"PREP", "EARLY", "MID", "LATE", "HYPHEN", "OF", "LAST", "NEXT",
                           "THIS", "BETWEEN", "TO", "AND", "OR", "EARLIER", "LATER",
                           "PARTNOUN", "THAT", "COMMA"})
#: A 4-digit number is not a year right after these words or symbols ...
YEAR_NOT_AFTER = frozenset({"$", "£", "€", "¥", "#", "no", "number", "nos", "page", "pages",
                            "route", "flight", "room", "suite", "model", "version", "article",
                            "section", "chapter", "item", "rule", "code", "channel", "about",
                            "than", "to", "nearly", "almost", "some", "approximately", "roughly",
                            "only", "over", "under", "least", "of", "the", "those", "these",
                            "all", "another", "additional", "extra", "more", "fewer", "less",
                            "by", "around", "from", "between", "and", "or", "rs", "dm", "resolution",
                            "act", "law", "bill", "code", "plan", "operation", "opus", "no."})
#: ... or right before these (units and counted things).
YEAR_NOT_BEFORE = frozenset({"%", "percent", "per", "people", "men", "women", "troops", "soldiers",
                             "feet", "foot", "ft", "meters", "metres", "m", "km", "kilometers",
                             "miles", "mi", "tons", "tonnes", "pounds", "lbs", "kg", "dollars",
                             "euros", "yen", "shares", "points", "jobs", "workers", "employees",
                             "cases", "deaths", "units", "cars", "barrels", "acres", "votes",
                             "seats", "calories", "degrees", "hours", "minutes", "days", "weeks",
                             "times", "prisoners", "casualties", "civilians", "ships", "aircraft",
                             "planes", "tanks", "guns", "students", "members", "children",
                             "refugees", "residents", "homes", "houses", "companies", "stores",
                             "x", "×", "+", "/", "mb", "gb", "mw", "kw", "cc", "hp"})
#: A word before a 4-digit number that makes it a year even where the rule
#: above would block it ("by 2020", "between 1990 and 1995", "of 1998").
YEAR_CONTEXT_WORDS = frozenset({"in", "since", "until", "till", "before", "after", "during",
                                "early", "mid", "late", "of", "by", "from", "between", "and",
                                "around", "to", "the", "circa", "fiscal", "spring", "summer",
                                "autumn", "fall", "winter", "year", "end", "beginning"})
#: Prepositions that make a bare "10:30" a clock time.
CLOCK_PREPOSITIONS = frozenset({"at", "by", "until", "till", "before", "after", "around", "about",
                                "from", "to", "since", "approximately", "shortly", "just"})
#: "the previous Friday", "the following Monday": anchored to the previous mention.
REF_LAST_WORDS = frozenset({"previous", "preceding", "prior"})
REF_NEXT_WORDS = frozenset({"following", "ensuing", "subsequent", "succeeding", "next"})
#: "future" alone is a date only after these ("in future", "for the future").
FUTURE_CONTEXT = frozenset({"in", "for", "near", "the", "distant", "foreseeable"})
#: Words after which "a year" / "a month" is a frequency ("$5 million a year").
SET_AFTER_CLASSES = frozenset({"NUM", "NUMX", "DAYNUM", "NUMWORD", "TIMES", "FREQ", "UNIT"})
#: "two days after", "a year before": only at the end of a clause, else they
#: are prepositions ("90 days after their issue date").
CLAUSE_FINAL_ADVERBS = frozenset({"after", "before"})
#: Frequency words that are adjectives before a noun ("quarterly dividend",
#: "the Communist Party daily Granma"): a set only when they stand alone.
ADJECTIVAL_SET_WORDS = frozenset({"quarterly", "monthly", "yearly", "biweekly", "bimonthly"})
#: "the year ended March 31": a reporting period (a duration) follows.
PERIOD_END_WORDS = frozenset({"ended", "ending", "ends", "end"})
#: Auxiliaries after which a past form is a participle ("will be held").
PARTICIPLE_AUXILIARIES = frozenset({"be", "been", "being", "is", "are", "am", "get", "gets",
                                    "getting", "to", "'s", "'re", "must", "will", "would", "can",
                                    "could", "should", "may", "might"})
#: Words right before an expression that fix its direction: +1 later, -1 earlier.
#: 0 means "the nearest one": a deadline or record date reported in the past
#: tense ("extended to Nov. 16", "holders of record Dec. 21") is often ahead.
DIRECTION_PREPOSITIONS = {"until": 1, "till": 1, "as early as": 1, "as soon as": 1,
                          "no later than": 1, "ahead of": 1, "since": -1, "as late as": -1,
                          "by": 0, "to": 0, "through": 0, "past the": 0, "of record": 0,
                          "expire": 0, "expires": 0, "effective": 0, "deadline of": 0}
#: Tokens that join two dates into a list or a range ("and", "to", "-", "/").
COORDINATION_CLASSES = frozenset({"AND", "OR", "TO", "HYPHEN", "SLASH", "COMMA"})
#: Token classes that carry a date or a period themselves (for the density
#: guard: prose has few of them, a table or garbage many).
HEAD_CLASSES = frozenset({"MONTH", "WEEKDAY", "WEEKDAYS", "SEASON", "SEASONS", "UNIT", "QUARTER",
                          "HALF", "WEEKEND", "PART", "CLOCKWORD", "DEICTIC", "REFWORD", "HOLIDAY",
                          "ISO", "NUMDATE", "CLOCK", "DECADENUM", "ORDNUM", "YEAR", "DAYNUM", "NUM",
                          "NUMX", "YEAR2", "QCODE", "SETADV"})
#: Nouns right after an expression that fix its direction ("the Jan. 14
#: deadline" is the nearest one, whatever the tense of the report).
DIRECTION_FOLLOWERS = {"deadline": 0, "target": 0, "expiration": 0, "expiry": 0, "date": 0}
