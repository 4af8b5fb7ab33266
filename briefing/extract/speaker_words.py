"""Speaker words: what a speaker phrase is made of and whether it can be a speaker at all.

Titles ("Secretary of State"), honorifics, determiners and role heads ("official", "analyst")
decide how a phrase splits into name and role; ``plausible_speaker`` refuses phrases that are
not speakers (a relative pronoun, page furniture such as "Getty Images").  Kept apart from the
resolver so the word lists and the discourse logic can each be read on their own.
"""

from __future__ import annotations

import re
from functools import lru_cache

PRONOUNS = {"he", "she", "they", "i", "we", "it", "him", "her", "them"}
_HONORIFICS = re.compile(
    r"^(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Del|Gov|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Rev|Sir|Dame)\.?\s+"
)
# "one" stays before a role ("one former campaign staffer" is how the article names that person)
_DETERMINERS = re.compile(r"^(?:a|an|the|this|that|our|their|its)\s+", re.I)
#: "one analyst", "another official": the article's way of naming one unnamed person, kept
_ONE_OF = re.compile(r"^(?:one|another)\s+(?=[a-z])", re.I)
_PREPOSITIONS = {"in", "at", "of", "to", "from", "for", "with", "on", "near", "by", "into", "across"}


def is_title_word(word: str) -> bool:
    return bool(_HONORIFICS.match(word + " ")) or word in _TITLES


#: capitalised words that stand before a name as its title or office, never as part of the name
_TITLES = {
    *("President", "Vice", "Minister", "Secretary", "Senator", "General", "Ambassador", "Director"),
    *("Chief", "Prime", "Foreign", "Defense", "Defence", "State", "Press", "House", "White", "Former"),
    *("Captain", "Commander", "Spokesman", "Spokeswoman", "Governor", "Mayor", "King", "Queen"),
    *("Prince", "Princess", "Pope", "Archbishop", "Bishop", "Cardinal", "Rabbi", "Imam", "Sheikh"),
    *("Chairman", "Chairwoman", "Judge", "Justice", "Lieutenant", "Colonel", "Major", "Sergeant"),
    *("Admiral", "Marshal", "Deputy", "Representative", "Speaker", "Leader", "Majority", "Minority"),
    *("Attorney", "Chancellor", "Emir", "Sultan", "Crown", "Congressman", "Congresswoman", "Sheriff"),
    *("Detective", "Officer", "Reporter", "Correspondent", "Professor", "Dean", "Councilman"),
}


_NOT_NAMES = {
    "The",
    "A",
    "An",
    "This",
    "That",
    "But",
    "And",
    "When",
    "While",
    "As",
    "After",
    "In",
    "On",
    "At",
    "If",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "However",
    "Meanwhile",
    "Later",
    "Then",
    "So",
}


def _is_place(word: str) -> bool:
    """A country word ("Britain" in "ambassador to Britain Liu Xiaming"); towns are too often
    also given names ("Mary") to count here."""
    from .gazetteer import country_for

    return country_for(word) is not None


_PARTY_MEMBERS = {
    "Democrat", "Republican", "Democrats", "Republicans", "Conservative", "Conservatives", "Liberal",
    "Liberals", "Independent", "Libertarian", "Socialist", "Tory", "Tories",
}  # fmt: skip


@lru_cache(maxsize=8192)
def split_title(phrase: str) -> tuple[str, str]:
    """'Secretary of State Mike Pompeo' → ('Mike Pompeo', 'Secretary of State');
    'Senator Ann Ford of Ohio' → ('Ann Ford', 'Senator of Ohio'); an organisation's name stays
    whole ('State Department', not 'Department' with the role 'State')."""
    from .names import ORG_WORDS

    words = phrase.split()
    if words and words[-1].lower().strip(".,") in ORG_WORDS:
        return phrase, ""
    of = re.fullmatch(r"(.+?[a-z][\w’'.-]*) of ((?:the )?(?:[A-Z][\w’'.-]*\s?){1,4})", phrase)
    if of and len(of.group(1).split()) >= 2:
        from .names import label_for

        name, title = split_title(of.group(1))
        # "Senator Ann Ford of Ohio" splits; "Central Bank of Westland", "Illinois Board of
        # Elections" and "Former Secretary of State …" are one name or one title
        person = label_for(name.split(), "") == "PERSON" and not any(is_title_word(w) for w in name.split())
        if person and (title or (len(name.split()) >= 2 and not _is_place(name.split()[0]))):
            return name, " ".join(filter(None, [title, "of " + of.group(2).strip()]))
    i = len(words)
    while (
        i > 0
        and words[i - 1][:1].isupper()
        and not is_title_word(words[i - 1])
        # an acronym before a name is an office ("CEO Andy Vesey", "GOP chair …"), not a name
        and not (i < len(words) - 1 and re.fullmatch(r"[A-Z]{2,5}", words[i - 1]))
        and words[i - 1].lower() not in _ROLE_HEADS
        and not _is_place(words[i - 1].rstrip("’'s"))
    ):
        i -= 1
    # "one New Hampshire Democrat": a quantifier is no title
    if i == 1 and words[0].lower() in {"one", "another", "a", "an", "the", "some"}:
        return phrase, ""
    # "one senior Democrat", "a veteran Republican": a party member described, not a named one
    if i >= 2 and words[0].lower() in {"one", "another", "a", "an", "some"} and words[-1] in _PARTY_MEMBERS:
        return phrase, ""
    # "… headquarters in Potsdam" ends in a place after a preposition, not in a name
    # "person close to the Clintons", "adviser to both Clintons": a role whose last words name
    # whom it serves, not a title before a name
    serves = i >= 2 and words[i - 1].lower() in {"the", "both", "all"}
    serves = serves and words[i - 2].lower() in _PREPOSITIONS
    # "the former top aide to President Ana Ruiz": a title after "to"/"for" is whom the role serves
    k = i
    while k > 0 and is_title_word(words[k - 1]):
        k -= 1
    serves = serves or (2 <= k < i and words[k - 1].lower() in {"to", "for"})
    after_preposition = words[i - 1].lower() in _PREPOSITIONS if i else False
    if 0 < i < len(words) and len(words) - i <= 4 and not after_preposition and not serves:
        return " ".join(words[i:]), " ".join(words[:i])
    return phrase, ""


def _not_a_person(name: str) -> bool:
    """Proper-noun runs the name typer may call persons but a pronoun never stands for:
    countries, armed groups, and headline fragments ("Backing Clinton Over Trump")."""
    from .force_lexicon import GROUP_RE
    from .gazetteer import country_for

    words = name.split()
    if country_for(name) or GROUP_RE.fullmatch(name.strip()):
        return True
    return len(words) >= 3 and any(w in {"Over", "Against", "For", "With", "Is", "Are"} for w in words[1:])


_ROLE_HEADS = {
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "source",
    "sources",
    "doctor",
    "officer",
    "minister",
    "ambassador",
    "commander",
    "diplomat",
    "analyst",
    "expert",
    "witness",
    "resident",
    "statement",
    "ministry",
    "police",
    "army",
    "military",
    "government",
    "agency",
    "envoy",
    "general",
    "leader",
    "president",
    "secretary",
    "director",
    "chief",
    "aide",
    "representative",
}


_NOT_A_SPEAKER_WORD = {
    "one", "it", "this", "there", "here", "some", "me", "those",
    # "…,” X tweeted Sunday": a day is when, never who
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "tonight",
}  # fmt: skip
_NOT_A_SPEAKER_START = {
    "after", "and", "as", "because", "before", "but", "if", "last", "or", "since", "so", "that", "then",
    "until", "what", "when", "where", "which", "while", "who", "whom", "whose",
}
_FURNITURE = re.compile(
    r"\b(?:Images?|Photos?|Newsletter|Sign [Uu]p|Editor['’]s Note|Caption|Click|Share|Advertisement|"
    r"Video|Getty|Shutterstock|AFP Photo|File)\b"
)


def plausible_speaker(speaker: str) -> bool:
    """Could ``speaker`` be who said something?  Names, roles and bodies yes; "who", "One",
    "transfer of funds", or "Getty Images" no (countries speak: "Beijing said")."""
    speaker = speaker.strip(" ,.:;")
    words = speaker.split()
    if not words or len(words) > 14:
        return False
    if words[0].lower() in _NOT_A_SPEAKER_START or words[-1].lower() in {"who", "which", "that", "and"}:
        return False
    if _FURNITURE.search(speaker) or re.search(r"[“”\"«»]|[—–-]$|^\W*$", speaker):
        return False
    # "To LeBron James", "Despite Ted Cruz": a phrase that opens with a preposition is no subject
    if words[0].lower() in _PREPOSITIONS or words[0].lower() in {"despite", "about", "against", "over"}:
        return False
    return not (len(words) == 1 and words[0].lower() in _NOT_A_SPEAKER_WORD)


def headline_case(text: str, at: int) -> bool:
    """Whether the line holding character ``at`` is written in title case (a headline)."""
    return text.rfind("\n", 0, at) + 1 in _headline_lines(text)


@lru_cache(maxsize=4)
def _headline_lines(text: str) -> frozenset[int]:
    """Start offsets of the title-case lines, found once per text (the check runs per name)."""
    out = set()
    for line in re.finditer(r"[^\n]+", text):
        words = [w for w in line.group().split() if w[:1].isalpha()]
        if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words):
            out.add(line.start())
    return frozenset(out)


#: lemmas of verbs that report speech or writing (the cue of a quotation)
SPEECH_VERBS = {
    "say",
    "yell",
    "scream",
    "shout",
    "state",
    "read",
    "quip",
    "opine",
    "elaborate",
    "react",
    "respond",
    "counter",
    "concede",
    "admit",
    "remark",
    "joke",
    "recount",
    "testify",
    "tell",
    "add",
    "warn",
    "urge",
    "insist",
    "note",
    "explain",
    "write",
    "claim",
    "declare",
    "argue",
    "ask",
    "reply",
    "caution",
    "predict",
    "announce",
    "stress",
    "recall",
    "continue",
    "acknowledge",
    "assert",
    "believe",
    "comment",
    "complain",
    "conclude",
    "confirm",
    "describe",
    "emphasize",
    "emphasise",
    "estimate",
    "observe",
    "point",
    "promise",
    "report",
    "reiterate",
    "tweet",
    "post",
    "vow",
    "suggest",
    "accuse",
    "call",
    "deny",
    "maintain",
    "underscore",
    "plead",
    "pledge",
    "threaten",
    "demand",
}
_SAID_FORMS = (
    r"said|says|say|told|tells|added|adds|warned|warns|wrote|writes|explained|noted|insisted|stressed|"
    r"declared|stated|asked|replied|recalled|continued|argued|shouted|tweeted|posted|claimed|announced|"
    r"acknowledged|confirmed|cautioned|predicted|quipped|opined|elaborated|reacted|responded|countered|"
    r"conceded|admitted|observed|remarked|joked|recounted|testified|emphasized|emphasised|suggested|"
    r"urged|vowed|pledged|boasted|complained|lamented|asserted|maintained|read|reads|agrees|agreed|"
    r"notes|explains|recalls|argues|insists|asks|tweets|replies|responds|adds|warns|writes|concedes|admits|"
    r"state|states|yells|yelled|shouts|screamed|screams|cried"
)
