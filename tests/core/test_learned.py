"""The trained outlook and forces classifiers: shipped weights, the training command, known defects.

Everything here runs the real pipeline with the real shipped weights (``assets/models``); the
training test runs the real training code on a few real annotated articles.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from briefing.errors import ExtractError
from briefing.extract import extract, linear, nlp
from briefing.extract.force_candidates import featurized
from briefing.ingest import source_from_text
from briefing.model import Source

ROOT = Path(__file__).resolve().parents[2]
CORPUS_TEXTS = ROOT.parent / "shared" / "corpus" / "articles"


def run(text: str):
    src = source_from_text(text)
    return extract(Source(**{**src.model_dump(), "date": dt.date(2024, 5, 3)}))


def test_shipped_models_are_small_trained_on_the_corpus_and_load_once() -> None:
    folder = ROOT / "assets" / "models"
    sizes = {p.name: p.stat().st_size for p in folder.glob("*.json")}
    assert set(sizes) == {"outlook.json", "forces.json"}
    assert sum(sizes.values()) < 5 * 1024 * 1024  # "a few MB at most"
    for name in ("outlook", "forces"):
        model = linear.load(name)
        assert model is linear.load(name)  # cached: loaded once per process
        assert model.meta["articles"] >= 120 and model.meta["positives"] > 100
        assert 0.0 < model.threshold < 1.0 and len(model.weights) > 1000


def test_outlook_reads_the_future_not_the_past() -> None:
    text = (
        "The army will withdraw its troops from the city of Kandar next month, the ministry said. "
        "The troops withdrew from the old fort in 2019. "
        "The ministry is expected to announce a new commander on Friday. "
        "Local farmers sold vegetables at the market on Sunday."
    )
    found = [o.statement for o in run(text).outlook]
    assert any(s.startswith("The army will withdraw") for s in found)
    assert any(s.startswith("The ministry is expected") for s in found)
    assert not any("2019" in s or "farmers" in s for s in found)


def test_habits_and_past_possibilities_are_no_forecast() -> None:
    text = (
        "The scanner at the gate will automatically log each visitor. "
        "It may once have looked safe to the villagers. "
        "Each soldier will receive a new rifle next year."
    )
    found = [o.statement for o in run(text).outlook]
    assert found == ["Each soldier will receive a new rifle next year."]


def test_open_question_is_an_even_chance() -> None:
    from briefing.extract.outlook import likelihood_for

    assert likelihood_for("It is unclear whether the talks will resume.") == "roughly even chance"


def test_force_with_country_strength_and_status() -> None:
    forces = run("About 600 Russian soldiers were deployed to the airbase in Niger last year.").forces
    assert [(f.actor, f.strength, f.qualifier, f.status) for f in forces] == [("Russia", 600, "about", "deployed")]


def test_named_group_with_its_fighters_is_one_actor() -> None:
    src = source_from_text("Al-Qaeda militants stormed the garrison near the border on Tuesday.")
    cands = featurized(nlp.parse(src.text), src)
    group = [c for c in cands if c.actor == "al-Qaeda"]
    assert len(group) == 1 and [n.text for n in group[0].nouns] == ["militants"]
    assert not any(c.actor == "militants" for c in cands)


def test_two_coordinated_armies_are_two_candidates() -> None:
    src = source_from_text("Malian and Russian forces fought the rebels outside Kidal on Sunday.")
    actors = {c.actor for c in featurized(nlp.parse(src.text), src)}
    assert {"Mali", "Russia"} <= actors


def test_auxiliaries_are_lemmatised_so_presence_reads_as_be() -> None:
    doc = nlp.parse("US troops were in Niger and have stayed.")
    assert [t.lemma_ for t in doc if t.lower_ in {"were", "have"}] == ["be", "have"]


def test_model_folder_can_be_pointed_elsewhere_and_missing_weights_say_so(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("BRIEFING_MODEL_DIR", str(tmp_path))
    with pytest.raises(ExtractError, match="make train"):
        linear.load("outlook")
    (tmp_path / "outlook.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ExtractError, match="not valid JSON"):
        linear.load("outlook")


@pytest.mark.skipif(not CORPUS_TEXTS.is_dir(), reason="needs ../shared/corpus beside the project")
def test_training_is_deterministic_and_writes_loadable_weights(tmp_path, monkeypatch) -> None:
    from briefing import training

    golds = sorted((ROOT / "corpus" / "gold").glob("*.gold.json"))[:8]
    for out in ("a", "b"):
        folder = tmp_path / "gold"
        folder.mkdir(exist_ok=True)
        for g in golds:
            (folder / g.name).write_bytes(g.read_bytes())
        assert training.main(["--gold", str(folder), "--out", str(tmp_path / out)]) == 0
    for name in ("outlook.json", "forces.json"):
        first, second = (tmp_path / "a" / name).read_bytes(), (tmp_path / "b" / name).read_bytes()
        assert first == second
        assert json.loads(first)["meta"]["articles"] == 8
    monkeypatch.setenv("BRIEFING_MODEL_DIR", str(tmp_path / "a"))
    assert linear.load("outlook").meta["articles"] == 8  # the pipeline reads the folder it is given


def test_a_weapon_is_never_the_actor() -> None:
    """"The ballistic missile flew over Hokkaido": the missile is what North Korea fired."""
    from briefing.extract.forces import _weapon_named

    assert _weapon_named("ballistic missile") and _weapon_named("missiles") and _weapon_named("developed range missile")
    assert not _weapon_named("North Korea") and not _weapon_named("Strategic Rocket Forces")
    text = (
        "North Korea fired a ballistic missile over Japan on Tuesday. "
        "The ballistic missile flew over Hokkaido before falling into the Pacific Ocean."
    )
    assert all(not _weapon_named(f.actor) for f in run(text).forces)


def test_a_forces_place_is_a_place_the_article_names() -> None:
    """"…missile tests under Kim": a name the parse typed as a place is no force's location."""
    from briefing.extract import _placed
    from briefing.model import Force, Place

    forces = [Force(actor="North Korea", location="Kim"), Force(actor="US", location="Airbase 201"),
              Force(actor="Russia", location="Niamey"), Force(actor="France", location="Mali")]
    placed = _placed(forces, [Place(name="Niamey")])
    assert [f.location for f in placed] == ["", "Airbase 201", "Niamey", "Mali"]
    text = (
        "Kim Jong Un watched the launch from a hill. North Korea has conducted dozens of ballistic "
        "missile tests under Kim in defiance of U.N. sanctions."
    )
    assert all(f.location != "Kim" for f in run(text).forces)
