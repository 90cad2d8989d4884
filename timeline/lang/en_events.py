"""English cues for turning sentences into dated events (``timeline/events.py``).

The event extractor holds no English words; it asks these tables. Each cue is
matched as a whole phrase (case-insensitive) on word boundaries.
"""

from __future__ import annotations

NAME = "en"

#: Discourse that carries the previous event's date over to this sentence.
INHERIT_CUES = (
    "in addition", "additionally", "also", "the same day", "that same day", "on the same day",
    "at the same meeting", "at the same time", "at the same event", "meanwhile", "as well",
    "separately", "furthermore", "moreover", "likewise",
)
#: Cues that must open the sentence to count (they are too common elsewhere).
INHERIT_CUES_AT_START = frozenset({"separately", "meanwhile", "furthermore", "moreover", "likewise",
                                  "additionally", "in addition", "as well"})

#: Discourse that places this sentence after the previous event (no date of its own).
AFTER_CUES = (
    "subsequently", "later", "afterwards", "afterward", "thereafter", "after that", "since then",
    "then", "eventually", "soon after", "shortly after", "shortly afterwards", "the next day",
    "following that", "in the end", "finally",
)
#: ... and before it.
BEFORE_CUES = ("before that", "previously", "earlier", "prior to that", "beforehand")
#: Cues that must open the sentence (or follow its subject closely) to count.
RELATIVE_CUES_AT_START = frozenset({"then", "finally", "in the end", "eventually", "earlier", "previously"})
#: How many words into the sentence a relative cue may stand ("US intelligence
#: later said": the third word).
RELATIVE_CUE_WINDOW = 6

#: Reporting verbs (the event is reported speech).
REPORTING = frozenset({
    "said", "says", "say", "told", "tells", "reported", "reports", "announced", "announces",
    "stated", "states", "added", "adds", "noted", "notes", "according", "claimed", "claims",
    "confirmed", "confirms", "revealed", "reveals", "disclosed", "warned", "warns", "insisted",
    "described", "describes", "declared", "declares", "wrote", "writes",
})

#: Words that make the dated happening a plan or a prospect.
PLANNED = frozenset({
    "will", "'ll", "shall", "plans", "plan", "planned", "planning", "proposed", "proposes",
    "propose", "proposal", "intends", "intend", "scheduled", "expected", "expects", "expect",
    "would", "could", "may", "might", "aims", "aim", "hopes", "hope", "promised", "promises",
    "vowed", "vows", "pledged", "pledges", "set", "due", "slated", "upcoming", "next",
})
#: ... but not in these phrases (they report something that happened).
NOT_PLANNED_PHRASES = ("may have", "might have", "could have", "would have", "as expected", "than expected")

#: Modals: a sentence that says what may, could or would be ("The rifle might
#: also have clothing fibers", "That money also would have to be borrowed")
#: tells of no happening that "also" could date.
CONJECTURE = frozenset({"may", "might", "could", "would", "should", "must"})

#: Sentences that are headings or bylines, not events.
SKIP_PREFIXES = ("#", "By ", "Photo:", "Image:", "Source:", "Read more")

#: Finite verbs that make a sentence a present-tense description (it holds
#: at the publication date) or a past-tense report.
PRESENT_MARKERS = frozenset({"is", "are", "am", "has", "have", "comes", "come", "includes", "include",
                             "offers", "features", "costs", "runs", "remains", "remain", "says", "say"})
PAST_MARKERS = frozenset({"was", "were", "had", "did", "said", "told", "made", "took", "gave", "went",
                          "came", "met", "began", "became", "left", "held", "won", "lost", "fell",
                          "rose", "sold", "bought", "paid", "brought", "thought", "saw", "found", "got"})

#: Words of an anaphoric date that repeat the previous one ("the same day",
#: "that year": inherited) rather than count from it ("the next day": relative).
SAME_TIME_WORDS = ("same", "that", "this", "those", "then")
#: Modal future: the dated happening is still to come ("will meet on Monday").
FUTURE_MODALS = frozenset({"will", "'ll", "shall", "won't"})

#: Words a title shares with any sentence; they don't tie it to its lead.
HEADLINE_STOP = frozenset("""
    that this with from have will were been they their there said says about after over into more
    than when what which would could also just year years week month today
""".split())
