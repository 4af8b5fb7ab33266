"""The word tables of the outlook card: forward-looking cue phrases, ICD 203 hedges, time phrases.

The cue phrases were the whole outlook rule of the first version (a weighted sum over a
threshold); they are now features the trained classifier weighs (``outlook_features``).
"""

from __future__ import annotations

import re

# (pattern, weight): phrases that point at the future or at an open question.
CUES: list[tuple[re.Pattern[str], int]] = [
    (re.compile(p, re.I), w)
    for p, w in [
        (
            r"\b(?:plans?|planned|planning|intends?|intended|aims?|aimed|prepares?|preparing|poised|"
            r"scheduled|set|expected|expects?|likely|unlikely|going|ready|hop(?:es|ed|ing)|vow(?:s|ed)|"
            r"pledge[sd]?|promise[sd]?|threaten(?:s|ed)?|seeks?|seeking)\s+to\b",
            3,
        ),
        (r"\bthe plan (?:is|was)\b|\b(?:is|are|was|were) due to\b|\bnot yet\b", 3),
        (r"\bexpect(?:s|ed)?\b [^.]{0,40}\bto\b|\b(?:to )?determine (?:whether|if|what|why|how)\b", 3),
        (
            r"\b(?:warn(?:s|ed|ing)?|threat(?:s|ened|ens)?|deadline|ultimatum|hope(?:s|d|ful)?|"
            r"expect(?:s|ed|ation)?|anticipat\w+|forecast\w*|predict\w*)\b",
            2,
        ),
        (r"\b(?:fear(?:s|ed|ful)?|worr(?:y|ies|ied)|afraid)\b", 1),
        (r"\b(?:raises?|raising) (?:questions|concerns?|the (?:prospect|possibility|spectre))\b", 3),
        (
            r"\b(?:no decisions?|undecided|remains? (?:unclear|uncertain|to be seen)|uncertain|"
            r"unclear whether|whether)\b",
            2,
        ),
        (
            r"\b(?:next|coming|upcoming|following) (?:week|month|year|days|weeks|months|years|phase|round|"
            r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
            2,
        ),
        (
            r"\b(?:soon|eventual(?:ly)?|in the (?:short|long|medium)[- ]term|future|ahead of|impending|"
            r"looming|prospect|potential(?:ly)?|at stake|on the verge)\b",
            1,
        ),
        (r"\b(?:could|would|may|might) (?:lead|allow|result|mean|help|make|spark|trigger|end|open)\b", 2),
        (r"\bcalled on\b|\burged?\b|\bis required\b|\bmust\b", 1),
        (r"\b(?:if|whether)\b.{3,80}?\b(?:will|would|could|can|may)\b", 2),
        (r"\?[”\"’]?$", 2),
    ]
]
# Modal verbs heading a verb, from the parse: these carry most of the signal.
MODAL_WEIGHT = {
    "will": 3,
    "'ll": 3,
    "wo": 3,
    "shall": 3,
    "would": 2,
    "may": 3,
    "might": 3,
    "could": 2,
    "can": 1,
    "should": 2,
    "must": 0,
}
PAST_MODAL = re.compile(r"\b(?:would|could|might|may|should|must) (?:not )?have\b", re.I)
REPORTING_ONLY = re.compile(r"^(?:date \d{4}-\d{2}-\d{2})", re.I)

# Likelihood words, strongest wording first; the first hit decides (ICD 203 scale).
LIKELIHOOD: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), w)
    for p, w in [
        (r"\b(?:almost certain(?:ly)?|virtually certain|certainly|definitely|no doubt)\b", "almost certain"),
        (r"\b(?:no chance|never|impossible|ruled out|rules? out)\b", "almost no chance"),
        (r"\b(?:highly unlikely|very unlikely|improbable|doubtful)\b", "very unlikely"),
        (r"\b(?:unlikely|not expected|not likely|doubts?)\b", "unlikely"),
        # an open question is an even chance whatever modal it carries ("unclear whether … will")
        (r"\b(?:unclear|uncertain|undecided|no decisions?|remains? to be seen|not yet decided)\b",
         "roughly even chance"),
        (
            r"\b(?:highly likely|very likely|all but certain|is set to|are set to|scheduled|due to|"
            r"announced|will (?:begin|start|sign|announce|be loaded|have))\b",
            "very likely",
        ),
        (
            r"\b(?:likely|probabl[ey]|expected|expects?|plans?|planned|intends?|will|shall|going to"
            r"|seek(?:s|ing)? to|the plan)\b",
            "likely",
        ),
        (
            r"\b(?:no decisions?|undecided|unclear|uncertain|whether|could|may|might|possible|possibly|"
            r"potentially|hope[sd]?|hopeful|fears?|risk)\b",
            "roughly even chance",
        ),
    ]
]
TIMEFRAME = re.compile(
    r"\b(?:(?:by|before|until|after|within|in|on|from|between|next|this|later this|early|late|end of|"
    r"the coming)\s+)?(?:(?:next|this|coming) (?:week|month|year|spring|summer|autumn|fall|winter)|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?: \d{1,2})?(?:,? \d{4})?(?: and \d{1,2})?|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"\d{4}|(?:the )?(?:short|long|medium)[- ]term|(?:a |one |two |three |six |\d+ )?"
    r"(?:days?|weeks?|months?|years?)(?= (?:review|period|deadline|time))|soon)\b"
)

#: Lemmas grouped by what they say about the future.  The classifier weighs the group, so a rare
#: word ("slated", "mull") borrows the weight its common neighbours earn in training.
FUTURE_LEMMAS: dict[str, str] = {
    **dict.fromkeys(
        (
            "plan",
            "intend",
            "aim",
            "prepare",
            "schedule",
            "slate",
            "set",
            "due",
            "poise",
            "expect",
            "anticipate",
            "forecast",
            "predict",
            "project",
            "vow",
            "pledge",
            "promise",
            "threaten",
            "warn",
            "seek",
            "hope",
            "propose",
            "consider",
            "mull",
            "weigh",
            "ready",
            "gear",
            "commit",
            "determine",
            "decide",
            "resolve",
            "urge",
            "demand",
            "call",
            "insist",
            "face",
            "await",
            "loom",
        ),
        "intent",
    ),
    **dict.fromkeys(
        (
            "future",
            "prospect",
            "outlook",
            "deadline",
            "ultimatum",
            "proposal",
            "timetable",
            "agenda",
            "upcoming",
            "forthcoming",
            "impending",
            "looming",
            "next",
            "soon",
            "later",
            "tomorrow",
            "eventually",
            "coming",
            "ahead",
            "imminent",
            "pending",
            "expected",
            "potential",
            "possible",
        ),
        "ahead",
    ),
    **dict.fromkeys(
        (
            "sentencing",
            "hearing",
            "trial",
            "vote",
            "election",
            "summit",
            "visit",
            "meeting",
            "talks",
            "tour",
            "release",
            "premiere",
            "sequel",
            "inauguration",
            "referendum",
            "negotiation",
            "launch",
        ),
        "event",
    ),
    **dict.fromkeys(
        ("whether", "unclear", "uncertain", "undecided", "unknown", "question", "if", "unless"), "open"
    ),
    **dict.fromkeys(("risk", "threat", "danger", "fear", "concern", "worry", "consequence", "stake"), "risk"),
}
