"""Word lists of the forces card: armed nouns, action nouns, qualifiers, named armed groups, status verbs.

They feed candidate generation (``force_candidates``) and the readers of the parse
(``force_rules``); the trained classifier decides which candidates are force facts.
"""

from __future__ import annotations

import re

#: Head nouns for armed people, units, weapons and military action.
FORCE_NOUNS = {
    "agents", "aircraft", "airmen", "airstrike", "airstrikes", "armies", "arms", "army", "artillery",
    "assault", "attackers", "battalion", "battalions", "blockade", "bombardment", "bombers", "brigade",
    "brigades", "carrier", "choppers", "commandos", "contingent", "deployment", "drones", "fighters",
    "force", "forces", "garrison", "guard", "guards", "gunmen", "gunships", "helicopters", "insurgents",
    "invasion", "jets", "marines", "members", "mercenaries", "mercenary", "militants", "military",
    "militia", "militiamen", "militias", "missile", "missiles", "navy", "offensive", "officer",
    "officers", "paratroopers", "peacekeepers", "personnel", "police", "policemen", "raiders", "rebels",
    "robots", "sailors", "servicemembers", "servicemen", "services", "ships", "siege", "snipers",
    "soldier", "soldiers", "strikes", "submarine", "submarines", "systems", "tanks", "troop", "troops",
    "unit", "units", "vessels", "warplanes", "warship", "warships", "weapons",
}


#: Nouns that are themselves military action: they count without a verb, a number or a subject role.
ACTION_NOUNS = {
    "airstrike", "airstrikes", "assault", "blockade", "bombardment", "deployment", "invasion",
    "offensive", "siege", "strikes",
}


#: Nouns that are only forces with a qualifier ("security services", "service members", "police officers").
NEEDS_QUALIFIER = {
    "agents", "aircraft", "arms", "blockade", "carrier", "deployment", "force", "guard", "guards",
    "members", "missile", "missiles", "officer", "officers", "robots", "services", "ships", "siege",
    "strikes", "systems", "unit", "units", "vessels",
}


#: Modifiers that make a noun armed ("security forces", "naval vessels").
QUALIFIERS = {
    "air", "anti-aircraft", "armed", "armored", "armoured", "ballistic", "bomb", "border", "coast",
    "combat", "cruise", "defence", "defense", "elite", "enforcement", "federal", "government", "ground",
    "israeli", "local", "mercenary", "military", "missile", "national", "naval", "nuclear",
    "paramilitary", "police", "rebel", "riot", "security", "service", "special", "surface-to-air",
    "weapon",
}


#: Named armed groups and agencies, as written (lower case) → their name on the card.
ARMED_GROUPS = {
    "taliban": "Taliban", "hamas": "Hamas", "hezbollah": "Hezbollah", "houthis": "Houthis",
    "houthi": "Houthis", "isis": "Islamic State", "isil": "Islamic State",
    "islamic state": "Islamic State", "al-qaeda": "al-Qaeda", "al qaeda": "al-Qaeda",
    "al-shabab": "al-Shabab", "boko haram": "Boko Haram", "jnim": "JNIM", "wagner": "Wagner Group",
    "wagner group": "Wagner Group", "pla": "People’s Liberation Army",
    "people’s liberation army": "People’s Liberation Army",
    "people's liberation army": "People’s Liberation Army", "nato": "NATO",
    "idf": "Israel Defense Forces", "f.b.i.": "FBI", "fbi": "FBI", "rsf": "Rapid Support Forces",
    "africa corps": "Africa Corps", "pkk": "PKK", "ypg": "YPG", "sdf": "SDF", "m23": "M23",
    "hizbollah": "Hezbollah", "hizballah": "Hezbollah", "ansar al-sharia": "Ansar al-Sharia",
    "al-nusra": "al-Nusra Front", "nusra front": "al-Nusra Front", "united nations": "United Nations",
    "u.n.": "United Nations", "african union": "African Union", "national guard": "National Guard",
    "secret service": "Secret Service", "coast guard": "Coast Guard", "kpa": "Korean People’s Army",
}

#: Extra head nouns that only propose candidates (the classifier weighs them): police and
#: security people the first rule never read, and attackers named by what they do.

CANDIDATE_NOUNS = {
    "assailant", "assailants", "attacker", "base", "bases", "batteries", "battery", "bomber",
    "checkpoint", "checkpoints", "convoy", "deputies", "deputy", "drills", "enforcement", "exercise",
    "exercises", "extremists", "fleet", "group", "groups", "guardsmen", "gunman", "jihadists",
    "launchers", "patrol", "patrols", "policeman", "rocket", "rockets", "sheriff", "shooter", "swat",
    "terrorist", "terrorists", "trooper", "troopers", "warheads",
}

#: Words that make a sentence about armed action even when no actor is named in it
#: ("Three short-range missiles were launched on Saturday"): the article's main armed actor
#: becomes a candidate there.
IMPLICIT_CUE = re.compile(
    r"\b(?:missiles?|rockets?|launch(?:es|ed|ing)?|test(?:s|ed)? (?:fired|launch)|fired|firing|"
    r"strikes?|airstrikes?|attack(?:s|ed|ing)?|bomb(?:s|ed|ing)?|shell(?:ing|ed)|troops|soldiers|"
    r"drills?|exercises?|warships?|warheads?|nuclear test|deploy(?:ed|ment|s)?|raid(?:s|ed)?|"
    r"opened fire|shot|gunfire|clash(?:es|ed)?|offensive|invasion)\b",
    re.I,
)


GROUP_RE = re.compile(
    r"\b(" + "|".join(sorted((re.escape(k) for k in ARMED_GROUPS), key=len, reverse=True)) + r")\b", re.I
)


#: Verb lemma governing a force noun → the status it gives the force.
STATUS_VERBS = {
    "deploy": "deployed", "station": "stationed", "base": "stationed", "withdraw": "withdrawing",
    "leave": "left", "move": "moved", "expel": "expelled", "kick": "expelled", "enter": "entered",
    "arrive": "arrived", "send": "sent", "dispatch": "sent", "launch": "attacking",
    "strike": "attacking", "attack": "attacking", "target": "attacking", "bomb": "attacking",
    "shell": "attacking", "kill": "attacking", "storm": "attacking", "raid": "attacking",
    "fire": "attacking", "shoot": "attacking", "besiege": "besieging", "surround": "besieging",
    "lay": "besieging", "return": "returning", "pull": "withdrawing", "remove": "withdrawing",
    "depart": "withdrawing", "evacuate": "withdrawing", "reinforce": "reinforcing", "mass": "massing",
    "gather": "massing", "patrol": "patrolling", "occupy": "occupying", "use": "using",
    "mingle": "present", "host": "present", "remain": "present", "be": "present", "join": "joining",
    "chase": "pursuing", "search": "searching", "arrest": "arresting", "damage": "attacking",
    "come": "arrived", "provide": "supplied", "supply": "supplied", "equip": "equipped",
    "arm": "equipped", "sell": "supplied", "clash": "clashing", "erupt": "clashing",
    "fight": "fighting", "swarm": "deployed", "respond": "responding", "surge": "reinforcing",
    "build": "massing",
}


CONFLICT = re.compile(
    r"\b(?:clash(?:es|ed)?|gunfire|gunshots?|fired|shot|fighting|battle|raid|crackdown|"
    r"killed|wounded|opened fire|siege|stormed)\b",
    re.I,
)


#: Hedges before a strength ("about 60", "more than 1,000"), kept as the qualifier.
QUALIFIER_WORDS = (
    "about", "around", "approximately", "roughly", "some", "nearly", "almost", "more than", "over",
    "at least", "up to", "fewer than", "less than", "estimated", "an estimated", "as many as",
    "close to",
)

#: Verbs of armed action whose subject is an actor even when it is a person ("Mateen opened fire").
VIOLENT_VERBS = {
    "ambush", "arrest", "attack", "bomb", "detonate", "fire", "invade", "kidnap", "kill", "launch",
    "open", "plough", "plow", "raid", "ram", "shell", "shoot", "stab", "storm", "strike",
}

#: Lemmas of armed action and force movement, one class so that rare verbs share what common ones learn.
ACTION_LEMMAS = {
    "advance", "ambush", "battle", "blow", "capture", "conduct", "control", "cordon", "defend",
    "destroy", "detain", "detonate", "drill", "fly", "free", "guard", "hijack", "hit", "intercept",
    "invade", "kidnap", "land", "open", "overrun", "protect", "rescue", "retreat", "sail", "secure",
    "seize", "stab", "test", "train",
} | set(STATUS_VERBS)

#: Weapons, counted per sentence as a feature of the forces classifier.
WEAPON_WORDS = {
    "airstrike", "artillery", "bomb", "drone", "explosive", "grenade", "gun", "jet", "missile",
    "mortar", "munition", "rifle", "rocket", "strike", "submarine", "tank", "warhead", "warship",
    "weapon",
}

#: State forces named only by their kind belong to the state the sentence (or the one before) names:
#: in "Russia said the troops had left", the troops are Russia's.  Police, militants and gunmen
#: are not merged: they are rarely the state's army and the annotators name them as written.
STATE_FORCE_NOUNS = {
    "aircraft", "airmen", "airstrikes", "army", "artillery", "base", "bases", "battalion", "battalions",
    "brigade", "brigades", "commandos", "deployment", "drills", "drones", "force", "forces", "jets",
    "marines", "military", "missile", "missiles", "navy", "paratroopers", "personnel", "rocket",
    "rockets", "sailors", "servicemembers", "servicemen", "soldier", "soldiers", "strikes", "submarine",
    "submarines", "tanks", "troop", "troops", "unit", "units", "warplanes", "warships",
}


#: the words that open a base's name ("Airbase 101", "Camp Lemonnier"): a force's place of its own
BASE_WORDS = r"(?:Air ?base|Air Base|Camp|Fort|Naval Station|Naval Base|Base)"
