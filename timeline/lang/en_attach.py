"""English words for attaching dates to happenings (``timeline/attach.py``).

The attachment code holds no English words; it asks these tables, and the
predicate tagger (``timeline/predicates.py``, weights in
``en_predicates.json``) for which words name happenings.
"""

from __future__ import annotations

NAME = "en"

#: Words that open a subordinate clause: a date after one dates that clause
#: only, a date before one does not reach into it.
SUBORDINATORS = frozenset("""
    that which who whom whose when where while whereas because although though
    if unless whether once
""".split())

#: Words that open a phrase or clause placed before or after the happening:
#: a date inside it belongs to what it names ("after the summit on Friday",
#: "as the strike began in March"), never to the happening it is attached to.
FRAME_WORDS = frozenset("after before since until till than as".split())

#: Clauses that happen at the time of the clause they attach to ("a year
#: ago, when the industry enjoyed strong demand").
SIMULTANEOUS = frozenset({"when", "while", "as"})

#: Prepositions whose dated object (a happening) places the clause in time:
#: "meddled in the 2020 election", "In his Sunday Mass, the cardinal said".
LOCATING = frozenset({"in", "during", "at", "amid", "throughout"})

#: Words that open a relative clause after a noun.
RELATIVE = frozenset({"that", "which", "who"})

#: "since 2004" dates the beginning of what the clause says ("has been
#: fighting cancer since 2004") unless the clause measures against it:
#: a superlative, a first or a negation before it ("its first loss since
#: 1992", "the lowest level since April 1997", "not seen since September").
SINCE = frozenset({"since"})
REFERENCE_MARKERS = frozenset("""
    first only never not n't ever record best worst most least longest shortest
    biggest largest smallest highest lowest strongest weakest sharpest steepest
""".split())
#: Words ending in -est that are no superlatives.
NOT_SUPERLATIVE = frozenset("interest interests request requests protest protests arrest arrests forest contest suggest invest harvest honest modest".split())

#: A date right after one of these is a reference point, not a date of
#: anything the sentence tells: "its first loss since 1992", "higher than a
#: year earlier", "down from 1996".
REFERENCE_PREPOSITIONS = frozenset({"since", "than", "from"})

#: A date right after one of these bounds a state or a span ("in production
#: until 2014", "through the third quarter", "into next year"): it is not
#: the day of a happening.
EXTENT_PREPOSITIONS = frozenset({"through", "throughout", "into", "to", "between"})
#: "until 2014": a state (or plan) that lasts until then, bounded by it.
UNTIL_PREPOSITIONS = frozenset({"until", "till", "through"})

#: Words between a preposition and its date that only hedge it ("until at
#: least 2014", "by as early as June"): the preposition still decides.
HEDGES = (("at", "least"), ("at", "the", "latest"), ("as", "early", "as"), ("as", "late", "as"),
          ("no", "later", "than"), ("as", "soon", "as"))

#: A deadline: "to cut 30,000 jobs by 2012" is planned with that bound, not a
#: happening in 2012. (``before``/``after``: the happening lies before or
#: after that date.)
DEADLINE_PREPOSITIONS = frozenset({"by"})
BEFORE_PREPOSITIONS = frozenset({"before"})
AFTER_PREPOSITIONS = frozenset({"after"})

#: Phrases that set up a comparison with an earlier value: the date in the
#: phrase dates that value ("compared with a loss of $9 million a year
#: ago"), not the sentence's happening.
COMPARISON_PHRASES = ("compared with", "compared to", "comparable to", "versus", "vs", "vs.", "against",
                      "from", "over", "than", "up from", "down from")

#: "part of Sunday night", "most of 1998": the date itself, not a noun it describes.
PART_WORDS = frozenset("part most much all rest half end beginning start middle remainder bulk".split())

#: Nouns whose time is reckoned from a date, not at it: "the approach of
#: the year 2000", "the anniversary of the invasion", "a deadline of June 1".
RELATIONAL_NOUNS = frozenset("""
    approach run-up eve anniversary anniversaries prospect prospects threat
    forecast forecasts expectation expectations projection
    projections outlook estimate estimates memory memories legacy aftermath wake
    lead-up countdown prelude
""".split())

#: Words before a number that belong to the noun phrase ("over 400 groups").
QUANTIFIERS = frozenset("over about nearly almost some around roughly approximately under".split())

#: "the quarter ended Sept. 30", "the year ending June 30": the date names
#: the end of a reporting period, not a happening.
PERIOD_ENDINGS = frozenset({"ended", "ending", "ends"})
PERIOD_NOUNS = frozenset("quarter quarters year years period periods month months week weeks half".split())

#: "slated for a release on June 24", "scheduled for a vote on Tuesday": the
#: date is the happening's, the scheduling is another (now).
SCHEDULING = frozenset("slated scheduled set planned due timed expected booked".split())

#: After a noun, a date introduced by one of these describes that noun ("a
#: loss for the third quarter", "the elections of 1992").
NOUN_PREPOSITIONS = frozenset({"for", "of"})

#: Words before a noun phrase.
DETERMINERS = frozenset("""
    the a an this these those its his her their our my your some any each every
    no another both either neither such
""".split())

#: Subject pronouns: they open a new clause.
PRONOUNS = frozenset("i you he she it we they".split())
#: ... that take a verb's plain form in the present ("they say").
PLURAL_PRONOUNS = frozenset("i you we they".split())

#: Auxiliary and modal verbs: part of a verb group ("has been ruled").
AUXILIARIES = frozenset("""
    am is are was were be been being has have had having do does did will would
    shall should can could may might must 're 've 'd 'll wo ca
""".split())

#: "'s" is "is" or "has" after these ("it's", "there's"), else a possessive.
CONTRACTING = frozenset("he she it that there what who here where which".split())

#: Words that open a condition: what follows states no fact.
CONDITIONAL = frozenset({"if", "unless", "whether"})

#: Auxiliaries of the present tense ("is ready", "are investigating").
PRESENT_AUXILIARIES = frozenset("is are am does do 're".split())

#: Auxiliaries of the past tense ("was filed", "had left").
PAST_AUXILIARIES = frozenset("was were had did".split())

#: Words that make a verb group speak of the future.
FUTURE_WORDS = frozenset("will 'll shall going".split())

#: Words inside a verb group that are not verbs.
VERB_GROUP_FILLERS = frozenset("not n't never also still already just only again even ever soon long yet".split())

#: Coordinating conjunctions.
COORDINATORS = frozenset({"and", "or", "but", "nor", "yet"})

#: The infinitive marker ("plans to cut").
INFINITIVE = "to"

#: Prepositions (a preposition before a gerund opens a phrase of its own:
#: "as punishment for seizing Kuwait": the seizing is not that day).
PREPOSITIONS = frozenset("""
    in on at for of with from by about against among around as before after
    during into over through under until upon within without toward towards
    across along amid behind beside besides beyond despite except like near off
    onto since than throughout till via
""".split())

#: Verbs that report speech or take a clause ("said the envoy left").
REPORTING = frozenset("""
    said says say saying told tells tell reported reports announced announces
    stated states added adds noted notes claimed claims confirmed confirms
    revealed reveals disclosed discloses warned warns insisted insists declared
    declares wrote writes argued argues acknowledged acknowledges denied denies
    predicted predicts estimated estimates believed believes think thinks
    thought expects expected expect hoped hopes hope feared fears suggested
    suggests indicated indicates agreed agrees admitted admits explained
    explains testified testifies asserted asserts alleged alleges charged
    charges complained complains contended contends recalled recalls feel feels
    felt know knows knew understand understands insist
""".split())

#: "according to X" frames what is reported.
ACCORDING = "according"

#: Past participles that don't end in -ed (a participle after a noun opens
#: a reduced relative clause: "the record set on Aug. 6").
IRREGULAR_PARTICIPLES = frozenset("""
    set born begun broken brought built bought caught chosen come cut done drawn
    driven eaten fallen felt found forgotten frozen given gone grown held hidden
    hit hurt kept known laid led left lent let lost made meant met paid put
    quit read rung risen run said seen sent shot shown shut sold spent split
    spread stood stolen struck sung sunk taken taught thrown told understood
    won worn written withdrawn overseen undertaken upheld
""".split())

#: Timex words that make a date an adjective when a noun follows ("the
#: third-quarter loss", "a year-earlier profit").
ADJECTIVAL_DATE_ENDINGS = ("quarter", "year", "half", "century", "month", "week", "day", "earlier", "end", "ago")
#: Forms of "be" and "get" before a participle: a passive ("was announced"),
#: whose reporting verb has no complement of its own to show.
PASSIVE_AUXILIARIES = frozenset({"be", "been", "being", "is", "are", "am", "was", "were", "'s", "'re",
                                 "get", "gets", "got", "getting"})
