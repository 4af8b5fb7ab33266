"""Places right and a locator map in every brief (issue 15): own sentences, the real extractor,
the real map, real PDFs read back."""

from __future__ import annotations

import dataclasses
import io
import xml.etree.ElementTree as ET
import zipfile

import pypdf
import pytest

from briefing import locator_map
from briefing.extract import nlp
from briefing.extract.places import extract_places
from briefing.model import Briefing, Place, Source
from briefing.render import render_html, render_pdf, self_contained_html
from briefing.templates import get_template

SVG = "{http://www.w3.org/2000/svg}"
PAGE_LIMITS = {"intelligence-brief": (1, 4), "executive-one-pager": (1, 1), "sitrep": (1, 3)}


def places_of(text: str) -> dict[str, Place]:
    source = Source(text=text)
    return {p.name: p for p in extract_places(nlp.parse(text), source)}


# ---------------------------------------------------------------- typing


def test_towns_crossings_camps_bases_and_waters_are_typed() -> None:
    found = places_of(
        "Militants attacked a checkpoint in the town of Bakassi, near the Kousseri crossing, on Tuesday. "
        "Cameroon sent troops. Thousands of refugees fled to Kakuma refugee camp in Kenya. "
        "The tanker was hit in the Strait of Hormuz and later towed into the Gulf of Oman. "
        "The US moved its drones to Airbase 201 in the city of Agadez, in northern Niger."
    )
    kinds = {name: p.kind for name, p in found.items()}
    assert kinds["Bakassi"] == "town"
    assert kinds["Kousseri"] == "crossing"
    assert kinds["Kakuma"] == "camp"
    assert kinds["Strait of Hormuz"] == kinds["Gulf of Oman"] == "water"
    assert kinds["Airbase 201"] == "base"
    assert kinds["Agadez"] == "city"
    assert kinds["Niger"] == kinds["Kenya"] == kinds["Cameroon"] == "country"
    assert found["Kakuma"].country_code == "KE"
    assert found["Strait of Hormuz"].country_code == ""


def test_a_persons_name_is_never_a_place() -> None:
    found = places_of(
        "Anthony Davis scored 30 points for the Lakers in Los Angeles. Davis said the team was tired. "
        "Lewis Hamilton won the race in Monaco on Sunday. Hamilton said the car was perfect."
    )
    assert "Davis" not in found and "Hamilton" not in found
    assert "Los Angeles" in found and "Monaco" in found


def test_a_capital_standing_for_its_government_is_an_actor_not_a_place() -> None:
    found = places_of(
        "Washington said it would send aid. Moscow warned against it, and the Kremlin said nothing. "
        "Officials in Berlin disagreed."
    )
    assert set(found) == {"Berlin"}
    found = places_of("Talks were held in Moscow on Monday. Washington said it would attend.")
    assert "Moscow" in found and "Washington" not in found and "United States" not in found


# ---------------------------------------------------------------- country and coordinates


def test_a_city_name_takes_the_country_the_article_names() -> None:
    england = places_of("The tram crashed in Croydon, south of London, England, killing seven.")
    australia = places_of("Police in Croydon, a suburb of Melbourne, Australia, said two people were hurt.")
    assert england["Croydon"].country_code == "GB"
    assert australia["Croydon"].country_code == "AU"
    assert australia["Croydon"].lat < 0 < england["Croydon"].lat
    assert england["London"].precision == "exact"


def test_countries_sit_inside_not_on_their_capitals() -> None:
    found = places_of("Russia and Niger signed a deal. Officials met in Niamey and in Moscow.")
    niger, niamey = found["Niger"], found["Niamey"]
    assert niger.precision == "approximate"
    assert (niger.lat, niger.lon) != (niamey.lat, niamey.lon)
    assert 14 < niger.lat < 21 and 6 < niger.lon < 13  # the middle of Niger, far from Niamey (13.5, 2.1)
    russia, moscow = found["Russia"], found["Moscow"]
    assert russia.lon > 60 and moscow.lon < 40


def test_places_the_gazetteer_lacks_are_placed_from_the_sentence_with_their_precision() -> None:
    found = places_of(
        "The Americans run Airbase 101, next to Diori Hamani International Airport in Niger's capital "
        "Niamey, and Airbase 201 in the city of Agadez. Gunmen attacked Tassia, a village near the "
        "border with Mali, in western Niger."
    )
    niamey, base = found["Niamey"], found["Airbase 101"]
    assert (base.lat, base.lon) == (niamey.lat, niamey.lon) and base.precision == "city"
    assert base.country_code == "NE"
    assert found["Airbase 201"].precision == "city" and found["Airbase 201"].lat == found["Agadez"].lat
    tassia = found["Tassia"]
    assert tassia.kind == "town" and tassia.country_code == "NE" and tassia.precision == "approximate"
    assert 0 < tassia.lon < 5 and 11 < tassia.lat < 17  # on the Niger–Mali border, not mid-Niger
    assert found["Niamey"].precision == "exact"


def test_an_old_briefing_without_precision_still_loads() -> None:
    place = Place.model_validate({"name": "Niamey", "kind": "city", "lat": 13.5, "lon": 2.1})
    assert place.precision == "unknown" and place.is_event is False
    with pytest.raises(ValueError):
        Place(name="X", precision="roughly")


# ---------------------------------------------------------------- the map


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _roles(root: ET.Element) -> list[str]:
    return [el.get("data-role", "") for el in root.iter()]


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_the_map_highlights_the_event_country_and_marks_every_point(handmade_briefing: Briefing) -> None:
    places = handmade_briefing.places
    svg = locator_map.svg(places)
    root = _parse(svg)
    roles = _roles(root)
    assert root.get("data-focus") == "NE"
    assert "focus NE" in roles
    assert {"neighbour ML", "neighbour NG", "neighbour DZ"} <= set(roles)
    for name in ("Airbase 101", "Niamey", "Agadez"):
        assert f"marker {name}" in roles
    assert "inset" in roles and "inset-extent" in roles and "scale" in roles
    texts = [el.text for el in root.iter(f"{SVG}text")]
    assert "Made with Natural Earth" in texts and "NIGER" in texts
    assert "href" not in svg  # nothing outside the drawing


def test_labels_never_overlap_even_when_places_crowd() -> None:
    crowd = [
        Place(
            name=f"Town {i}",
            kind="town",
            country_code="NE",
            lat=13.5 + (i % 4) * 0.15,
            lon=2.0 + (i // 4) * 0.2,
        )
        for i in range(14)
    ] + [Place(name="Niger", kind="country", country_code="NE", lat=17.5, lon=10.0, is_event=True)]
    root = _parse(locator_map.svg(crowd))
    boxes = [
        tuple(float(v) for v in el.get("data-box").split(",")) for el in root.iter() if el.get("data-box")
    ]
    assert len(boxes) >= 5
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not _overlap(a, b), (a, b)
    markers = [r for r in _roles(root) if r.startswith("marker ")]
    assert len(markers) == 14  # every point keeps its marker even when its label is left out


def test_no_located_place_no_map(handmade_briefing: Briefing) -> None:
    assert locator_map.svg([Place(name="Somewhere")]) == ""
    assert locator_map.png([]) == b""
    assert locator_map.png(handmade_briefing.places)[:8] == b"\x89PNG\r\n\x1a\n"


# ---------------------------------------------------------------- templates


@pytest.mark.parametrize("name", sorted(PAGE_LIMITS))
def test_every_built_in_template_shows_the_map_within_its_page_limits(
    handmade_briefing: Briefing, name: str
) -> None:
    briefing = handmade_briefing
    html = render_html(briefing, name)
    assert html.count('class="locator-map"') == 1
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(briefing, name)))
    low, high = PAGE_LIMITS[name]
    assert low <= len(reader.pages) <= high
    first = reader.pages[0].extract_text()
    assert "Made with Natural Earth" in first  # the map is on page 1, drawn as vector text
    assert "Agadez" in first


def test_a_template_option_turns_the_map_off(handmade_briefing: Briefing) -> None:
    tpl = get_template("sitrep")
    off = dataclasses.replace(tpl, manifest={**tpl.manifest, "map": {"show": False}})
    briefing = handmade_briefing
    assert 'class="locator-map"' not in render_html(briefing, off)
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(briefing, off)))
    assert "Made with Natural Earth" not in " ".join(page.extract_text() for page in reader.pages)


def test_the_self_contained_html_keeps_the_inline_map(handmade_briefing: Briefing) -> None:
    html = self_contained_html(handmade_briefing, "intelligence-brief")
    assert "<svg" in html and "<polygon" in html and "Made with Natural Earth" in html


def test_docx_carries_the_map_as_a_picture(handmade_briefing: Briefing) -> None:
    import docx

    from briefing.docx_export import render_docx

    data = render_docx(handmade_briefing, "intelligence-brief")
    document = docx.Document(io.BytesIO(data))
    assert len(document.inline_shapes) == 1
    with zipfile.ZipFile(io.BytesIO(data)) as package:  # the vector for Word 2016+, the PNG beside it
        svgs = [n for n in package.namelist() if n.endswith(".svg")]
        assert len(svgs) == 1 and b"Made with Natural Earth" in package.read(svgs[0])
        assert b"svgBlip" in package.read("word/document.xml")
        assert any(n.endswith(".png") for n in package.namelist())
    empty = Briefing(title="No places")
    assert len(docx.Document(io.BytesIO(render_docx(empty, "intelligence-brief"))).inline_shapes) == 0


def test_a_dateline_is_not_the_events_place() -> None:
    found = places_of(
        "SEOUL, South Korea — North Korea fired three missiles from the western town of Hwangju "
        "toward Japan on Monday."
    )
    assert not found["Seoul"].is_event
    assert found["Hwangju"].is_event and found["Hwangju"].country_code == "KP"


def test_a_town_known_only_as_somewhere_in_its_country_gets_no_marker() -> None:
    from briefing.extract import place_geo

    lat, lon = place_geo.country_point("NE")
    vague = Place(name="Somewhere", kind="town", country_code="NE", lat=lat, lon=lon, precision="approximate")
    city = Place(name="Agadez", kind="city", country_code="NE", lat=16.97, lon=7.99, precision="exact")
    roles = _roles(_parse(locator_map.svg([vague, city])))
    assert "marker Agadez" in roles and "marker Somewhere" not in roles


@pytest.mark.parametrize("size", [(280, 200), (520, 340), (760, 230)])
def test_country_names_sit_inside_their_own_country(handmade_briefing: Briefing, size) -> None:
    from briefing import map_geometry, map_scene

    scene = map_scene.build(handmade_briefing.places, *size)
    shapes: dict[str, list] = {}
    for p in scene.prims:
        if p.kind == "poly" and p.role.split(" ")[0] in {"focus", "neighbour"}:
            shapes.setdefault(p.role.split(" ")[1], []).append(p.points)
    labels = [p for p in scene.prims if p.role.startswith("country ")]
    assert any(p.role == "country NE" for p in labels)
    for label in labels:
        x0, y0, x1, y1 = label.box
        middle = ((x0 + x1) / 2, (y0 + y1) / 2)
        iso = label.role.split(" ")[1]
        assert any(map_geometry.inside(*middle, ring) for ring in shapes[iso]), (label.text, size)
