"""Where places are: every city of a name with its country, countries at an interior point, seas, regions.

``gazetteer.py`` answers "is this word a place, and which kind" with one city per name (the most
populous), which is right for typing but wrong for the map: Croydon is in England and in
Australia, Cologne is spelled Köln in geonames, and a country there sits on its capital.  This
module keeps every candidate of a name so the article's own countries choose among them, adds
English names of large cities, seas and straits and the regions news names most, and takes each
country's point from the Natural Earth outlines the locator map draws (``assets/world_110m.json``,
a point well inside the country: Niger is not at Niamey, Russia is not at Moscow).

Built once per process; look-ups are dict hits.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Candidate:
    """One place a name can be: its kind, ISO2 country ("" for a sea), point and population."""

    kind: str
    country: str
    lat: float | None
    lon: float | None
    population: int = 0


# Seas, oceans, straits and gulfs: canonical name → (lat, lon).  Aliases map to these names.
WATERS: dict[str, tuple[float, float]] = {
    "Pacific Ocean": (10.0, -150.0),
    "Atlantic Ocean": (15.0, -40.0),
    "Indian Ocean": (-15.0, 75.0),
    "Arctic Ocean": (82.0, 0.0),
    "Southern Ocean": (-62.0, 0.0),
    "Mediterranean Sea": (35.0, 18.0),
    "Black Sea": (43.4, 34.0),
    "Red Sea": (20.0, 38.5),
    "Caspian Sea": (41.5, 50.5),
    "Baltic Sea": (58.0, 19.5),
    "North Sea": (56.0, 3.0),
    "South China Sea": (12.0, 113.0),
    "East China Sea": (29.0, 125.0),
    "Yellow Sea": (36.0, 123.5),
    "Sea of Japan": (40.0, 135.0),
    "Sea of Okhotsk": (53.0, 150.0),
    "Arabian Sea": (15.0, 64.0),
    "Persian Gulf": (26.5, 52.0),
    "Gulf of Aden": (12.5, 47.5),
    "Gulf of Oman": (24.5, 58.5),
    "Gulf of Mexico": (25.0, -90.0),
    "Gulf of Guinea": (2.0, 3.0),
    "Strait of Hormuz": (26.6, 56.3),
    "Bab el-Mandeb": (12.6, 43.4),
    "Taiwan Strait": (24.0, 119.5),
    "Strait of Malacca": (4.0, 100.0),
    "Bosphorus": (41.1, 29.05),
    "Dardanelles": (40.2, 26.4),
    "English Channel": (50.2, -1.0),
    "Aegean Sea": (38.5, 25.0),
    "Adriatic Sea": (43.0, 15.0),
    "Sea of Azov": (46.0, 36.5),
    "Kerch Strait": (45.3, 36.5),
    "Caribbean Sea": (15.0, -75.0),
    "Lake Chad": (13.0, 14.5),
    "Lake Victoria": (-1.0, 33.0),
    "Gulf of Aqaba": (28.8, 34.7),
    "Strait of Gibraltar": (35.95, -5.6),
    "Bering Strait": (65.8, -169.0),
}
WATER_ALIASES = {
    "Pacific": "Pacific Ocean",
    "North Pacific": "Pacific Ocean",
    "North Pacific Ocean": "Pacific Ocean",
    "South Pacific": "Pacific Ocean",
    "western Pacific": "Pacific Ocean",
    "Atlantic": "Atlantic Ocean",
    "North Atlantic": "Atlantic Ocean",
    "Mediterranean": "Mediterranean Sea",
    "Caribbean": "Caribbean Sea",
    "East Sea": "Sea of Japan",
    "Gulf": "Persian Gulf",
    "Arabian Gulf": "Persian Gulf",
    "Straits of Hormuz": "Strait of Hormuz",
    "Hormuz Strait": "Strait of Hormuz",
    "Bab al-Mandab": "Bab el-Mandeb",
    "Bab-el-Mandeb": "Bab el-Mandeb",
    "Baltic": "Baltic Sea",
    "Aegean": "Aegean Sea",
    "Adriatic": "Adriatic Sea",
}

# Regions news names most that the city gazetteer lacks: name → (kind, ISO2, lat, lon).
REGIONS: dict[str, tuple[str, str, float, float]] = {
    "Hokkaido": ("region", "JP", 43.4, 142.8),
    "Tohoku": ("region", "JP", 39.0, 140.9),
    "Kyushu": ("region", "JP", 32.8, 130.9),
    "Okinawa": ("region", "JP", 26.5, 127.9),
    "Korean Peninsula": ("region", "", 38.0, 127.5),
    "Northeast Asia": ("region", "", 40.0, 125.0),
    "North America": ("region", "", 45.0, -100.0),
    "South America": ("region", "", -15.0, -60.0),
    "North Africa": ("region", "", 28.0, 10.0),
    "West Africa": ("region", "", 12.0, -2.0),
    "East Africa": ("region", "", 0.0, 37.0),
    "Mideast": ("region", "", 29.0, 41.0),
    "Middle East": ("region", "", 29.0, 41.0),
    "Southeast Asia": ("region", "", 10.0, 106.0),
    "European Union": ("region", "", 50.0, 10.0),
    "New South Wales": ("region", "AU", -32.2, 147.0),
    "Queensland": ("region", "AU", -22.5, 144.5),
    "Ontario": ("region", "CA", 50.0, -85.0),
    "Quebec": ("region", "CA", 52.0, -72.0),
    "British Columbia": ("region", "CA", 54.0, -125.0),
    "Bavaria": ("region", "DE", 48.9, 11.4),
    "Scotland": ("region", "GB", 56.8, -4.2),
    "Wales": ("region", "GB", 52.3, -3.7),
    "Northern Ireland": ("region", "GB", 54.6, -6.7),
    "Catalonia": ("region", "ES", 41.8, 1.5),
    "Riviera": ("region", "FR", 43.6, 7.0),
    "Kurdistan": ("region", "IQ", 36.4, 44.3),
    "Idlib": ("region", "SY", 35.8, 36.6),
    "Luhansk": ("region", "UA", 48.6, 39.3),
    "Tigray": ("region", "ET", 14.0, 38.9),
    "Amhara": ("region", "ET", 11.6, 38.0),
    "Borno": ("region", "NG", 11.9, 13.1),
    "Osun": ("region", "NG", 7.6, 4.5),
    "Zamfara": ("region", "NG", 12.1, 6.2),
    "Punjab": ("region", "PK", 31.0, 72.5),
    "Balochistan": ("region", "PK", 28.5, 65.5),
    "Khyber Pakhtunkhwa": ("region", "PK", 34.5, 72.0),
    "Helmand": ("region", "AF", 31.0, 64.0),
    "Xinjiang": ("region", "CN", 41.5, 85.0),
    "Tibet": ("region", "CN", 31.5, 88.0),
    "Anbar": ("region", "IQ", 33.0, 42.0),
    "Nineveh": ("region", "IQ", 36.2, 42.5),
    "Kordofan": ("region", "SD", 13.0, 29.5),
    "Cabo Delgado": ("region", "MZ", -12.3, 39.5),
    "North Kivu": ("region", "CD", -0.8, 29.0),
    "South Kivu": ("region", "CD", -3.0, 28.3),
    "Ituri": ("region", "CD", 1.6, 29.6),
    "Tillaberi": ("region", "NE", 14.2, 1.5),
    "Tillabéri": ("region", "NE", 14.2, 1.5),
    "Tahoua": ("region", "NE", 16.0, 5.0),
    "Diffa": ("region", "NE", 14.5, 12.5),
    "Kidal": ("region", "ML", 19.5, 1.5),
    "Gao": ("region", "ML", 16.5, 0.5),
    "Mopti": ("region", "ML", 14.5, -4.0),
    "Timbuktu": ("city", "ML", 16.77, -3.01),
    "Sambisa Forest": ("site", "NG", 11.3, 13.5),
    "Guam": ("region", "GU", 13.45, 144.8),
    "Hawaii": ("region", "US", 20.3, -156.4),
    "Alaska": ("region", "US", 64.0, -152.0),
}
# US states' interior points (the gazetteer has the names, not where they are).
US_STATES: dict[str, tuple[float, float]] = {
    "Alabama": (32.8, -86.8), "Arizona": (34.3, -111.7), "Arkansas": (34.9, -92.4),
    "California": (37.2, -119.5), "Colorado": (39.0, -105.5), "Connecticut": (41.6, -72.7),
    "Delaware": (39.0, -75.5), "Florida": (28.6, -82.4), "Georgia": (32.7, -83.4),
    "Idaho": (44.4, -114.6), "Illinois": (40.0, -89.2), "Indiana": (39.9, -86.3),
    "Iowa": (42.1, -93.5), "Kansas": (38.5, -98.4), "Kentucky": (37.5, -85.3),
    "Louisiana": (31.1, -92.0), "Maine": (45.4, -69.2), "Maryland": (39.0, -76.8),
    "Massachusetts": (42.3, -71.8), "Michigan": (44.3, -85.4), "Minnesota": (46.3, -94.3),
    "Mississippi": (32.7, -89.7), "Missouri": (38.4, -92.5), "Montana": (47.0, -109.6),
    "Nebraska": (41.5, -99.8), "Nevada": (39.3, -116.6), "New Hampshire": (43.7, -71.6),
    "New Jersey": (40.2, -74.7), "New Mexico": (34.4, -106.1), "New York": (42.9, -75.5),
    "North Carolina": (35.6, -79.4), "North Dakota": (47.5, -100.5), "Ohio": (40.3, -82.8),
    "Oklahoma": (35.6, -97.5), "Oregon": (43.9, -120.6), "Pennsylvania": (40.9, -77.8),
    "Rhode Island": (41.7, -71.5), "South Carolina": (33.9, -80.9), "South Dakota": (44.4, -100.2),
    "Tennessee": (35.9, -86.4), "Texas": (31.5, -99.3), "Utah": (39.3, -111.7),
    "Vermont": (44.1, -72.7), "Virginia": (37.5, -78.8), "Washington State": (47.4, -120.5),
    "West Virginia": (38.6, -80.6), "Wisconsin": (44.6, -89.9), "Wyoming": (43.0, -107.5),
    "Alaska": (64.0, -152.0), "Hawaii": (20.3, -156.4),
}  # fmt: skip
# Two-letter US postal abbreviations with a dot, as datelines write them ("Slidell, La.")
US_ABBREVIATIONS = {
    "La.": "Louisiana", "Ariz.": "Arizona", "Calif.": "California", "Fla.": "Florida", "Tex.": "Texas",
    "Ga.": "Georgia", "Va.": "Virginia", "Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan",
    "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri", "N.Y.": "New York", "N.J.": "New Jersey",
    "Pa.": "Pennsylvania", "Wash.": "Washington State", "Colo.": "Colorado", "Conn.": "Connecticut",
    "Ill.": "Illinois", "Ind.": "Indiana", "Ky.": "Kentucky", "Tenn.": "Tennessee", "Okla.": "Oklahoma",
    "Ore.": "Oregon", "Wis.": "Wisconsin", "Ala.": "Alabama", "Ark.": "Arkansas", "Nev.": "Nevada",
    "N.C.": "North Carolina", "S.C.": "South Carolina",
}  # fmt: skip
# English words and given names that are also small cities elsewhere: never a city on their own
_NOT_PLACES = {"Kim", "Morsi", "Davis", "Hamilton", "Marx", "Fang", "Lee", "Park", "Roberts", "Smith"}


@cache
def world() -> dict:
    """The Natural Earth outlines (``assets/world_110m.json``), keyed by ISO2."""
    text = resources.files("briefing_assets").joinpath("world_110m.json").read_text(encoding="utf-8")
    doc = json.loads(text)
    return {"credit": doc["credit"], "countries": {c["iso"]: c for c in doc["countries"]}}


@cache
def _countries() -> dict[str, dict]:
    from .gazetteer import geonames_countries

    return geonames_countries()


def country_point(iso: str) -> tuple[float, float] | None:
    """A representative interior point of the country (not its capital), or None when unknown."""
    c = world()["countries"].get(iso)
    if c:
        return c["point"][0], c["point"][1]
    capital = _countries().get(iso, {}).get("capital")  # small states the 1:110m map lacks
    for cand in cities().get(capital or "", ()):
        if cand.country == iso:
            return cand.lat, cand.lon
    return None


def neighbours(iso: str) -> list[str]:
    return [n for n in _countries().get(iso, {}).get("neighbours", "").split(",") if n]


def country_name(iso: str) -> str:
    return _countries().get(iso, {}).get("name", "")


@cache
def cities() -> dict[str, tuple[Candidate, ...]]:
    """Every city of at least 15,000 people by name, most populous first; large cities also
    under their English name ("Cologne" for Köln)."""
    from .gazetteer import geonames_cities

    found: dict[str, list[Candidate]] = {}
    for city in geonames_cities().values():
        pop = int(city["population"])
        kind = "city" if pop >= 50000 else "town"
        cand = Candidate(kind, city["countrycode"], city["latitude"], city["longitude"], pop)
        names = {city["name"]}
        if pop >= 300000:
            names |= {
                a
                for a in city.get("alternatenames", ())
                if len(a) > 3 and a.isascii() and a[:1].isupper() and not a.isupper() and " " not in a
            }
        for name in names:
            found.setdefault(name, []).append(cand)
    return {name: tuple(sorted(cs, key=lambda c: -c.population)) for name, cs in found.items()}


def lookup(name: str) -> tuple[str, tuple[Candidate, ...]]:
    """(canonical name, candidates) for a name the tables know beyond the city gazetteer."""
    if name in WATER_ALIASES:
        name = WATER_ALIASES[name]
    if name in WATERS:
        lat, lon = WATERS[name]
        return name, (Candidate("water", "", lat, lon),)
    if name in US_ABBREVIATIONS:
        name = US_ABBREVIATIONS[name]
    if name in REGIONS:
        kind, cc, lat, lon = REGIONS[name]
        return name, (Candidate(kind, cc, lat, lon),)
    if name in US_STATES:
        lat, lon = US_STATES[name]
        return name, (Candidate("region", "US", lat, lon),)
    if name in _NOT_PLACES:
        return name, ()
    return name, cities().get(name, ())


def choose(cands: tuple[Candidate, ...], article_countries: dict[str, int]) -> Candidate | None:
    """The candidate in a country the article names (most mentioned, then most populous); else the
    most populous one — unless a much smaller namesake is the only one in the article's countries."""
    if not cands:
        return None
    local = [c for c in cands if c.country in article_countries]
    if local:
        return max(local, key=lambda c: (article_countries[c.country], c.population))
    return cands[0]
