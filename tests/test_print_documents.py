"""The care plan, the family handout and the session note from a database, on both engines:
every page names the client, their record number and "Page x of y"; every goal prints, also
60 of them; the handout carries translated labels in Spanish and French and leaves the
clinical content out, saying so, without the client's consent; large print is larger."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pdf_text import flat, page_texts, qpdf_check, tools_missing
from print_fixtures import goal_text, make_plan

from otdesk.db.models import CarePlan
from otdesk.services import clients, printing
from otdesk.services.context import Context

pytestmark = pytest.mark.skipif(tools_missing() is not None, reason=str(tools_missing()))
MakeClient = Callable[..., clients.ClientDetail]
DECEMBER = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)  # a fixed "now" for dated wording


@pytest.fixture
def rosa(make_client: MakeClient, episode_for: Any) -> clients.ClientDetail:
    client = make_client(given_name="Rosa", family_name="Примерова", consent_family=True,
                         date_of_birth=date(1975, 4, 9), preferred_language="es")
    episode_for(client.id, referral_date=date(2026, 9, 1), referral_source="GP",
                referral_reason="Struggling with meals")
    return client


def _every_page(pdf: bytes, tmp_path: Path, name: str, number: str) -> str:
    pages = page_texts(pdf, tmp_path)
    for n, text in enumerate(pages, start=1):
        assert name in text and number in text, n
        assert any(f"{word} {n} " in text for word in ("Page", "Página")), n
    qpdf_check(pdf, tmp_path)
    return flat("\n".join(pages))


def test_a_care_plan_prints_every_part(ctx: Context, rosa: clients.ClientDetail,
                                       tmp_path: Path) -> None:
    make_plan(ctx, rosa.id, goals=3)
    done = printing.render(ctx, "careplan", rosa.record_number,
                           printing.PrintOptions(language="en"))
    text = _every_page(done.pdf_bytes, tmp_path, "Rosa Примерова", rosa.record_number)
    for n in (1, 2, 3):
        assert goal_text(n) in text
    for part in ("Care plan", "Version 2", "Meals are skipped most days.",
                 "Low energy in the evening", "Three times a week", "Baseline",
                 "Occupational therapy", "Psychiatry", "Pat Example-Psych", "Family",
                 "Shop together for one meal", "GAS T-score 46.2", "level -1",
                 "Last case conference, 20 Nov 2026", "Sister will help shop.",
                 "The client agrees to share this plan with their family.",
                 "Discharge-readiness battery", "Occupational therapist"):
        assert part in text, part


def test_sixty_goals_flow_across_pages(ctx: Context, rosa: clients.ClientDetail,
                                       tmp_path: Path) -> None:
    make_plan(ctx, rosa.id, goals=60, long_note="A long summary. " * 1300)
    done = printing.render(ctx, "careplan", rosa.record_number,
                           printing.PrintOptions(language="en"))
    text = _every_page(done.pdf_bytes, tmp_path, "Rosa Примерова", rosa.record_number)
    assert all(goal_text(n) in text for n in range(1, 61))
    # A page break may fall inside "A long summary." (the footer and header come between).
    assert text.count("summary.") == 1300


def test_a_handout_speaks_the_familys_language(ctx: Context, rosa: clients.ClientDetail,
                                               tmp_path: Path) -> None:
    make_plan(ctx, rosa.id)
    spanish = printing.render(ctx, "handout", rosa.record_number)  # Rosa's language
    assert spanish.language == "es" and spanish.omitted == []
    text = _every_page(spanish.pdf_bytes, tmp_path, "Rosa Примерова", rosa.record_number)
    for part in ("Información para la familia", "Cocinar en casa tres noches por semana.",
                 "Hagan juntos la compra para una comida cada semana.",
                 "Señales de alerta y a quién llamar", "Próxima cita", "Copia n.º"):
        assert part in text, part
    french = printing.render(ctx, "handout", rosa.record_number,
                             printing.PrintOptions(language="fr"))
    text = _every_page(french.pdf_bytes, tmp_path, "Rosa Примерова", rosa.record_number)
    for part in ("Informations pour la famille", "Cuisiner à la maison trois soirs",
                 "Signes d’alerte et qui appeler", "Prochain rendez-vous"):
        assert part in text, part


def test_goals_without_the_familys_words_are_left_out_in_one_notice(
        ctx: Context, rosa: clients.ClientDetail, tmp_path: Path) -> None:
    # The OT wrote the goals and the family's task in English only; Rosa's family reads
    # Spanish, so neither prints in English on a Spanish page.
    make_plan(ctx, rosa.id, goals=3, family={"en": "Cook at home three evenings a week."},
              tasks={"en": "Shop together for one meal each week."})
    done = printing.render(ctx, "handout", rosa.record_number)
    text = _every_page(done.pdf_bytes, tmp_path, "Rosa Примерова", rosa.record_number)
    assert "Cook at home" not in text and "Shop together" not in text
    assert text.count("No está en este folleto") == 2, text
    assert "objetivos 1, 2 y 3, porque el equipo no los ha escrito en palabras sencillas en " \
           "español" in text
    assert "tarea en casa 1, porque el equipo no lo ha escrito" in text
    # The coordinator printing it reads what was left out in their own language.
    assert [(o.what, o.why) for o in done.omitted] == [
        ("goals 1, 2, and 3", "the care team has not written them in plain words in Spanish"),
        ("home task 1", "the care team has not written it in plain words in Spanish")]


def test_without_consent_the_handout_leaves_the_plan_out(
        ctx: Context, make_client: MakeClient, episode_for: Any, tmp_path: Path) -> None:
    client = make_client(given_name="Noor", family_name="Example", consent_family=False)
    episode_for(client.id, referral_date=date(2026, 9, 1))
    make_plan(ctx, client.id)
    done = printing.render(ctx, "handout", client.record_number)
    assert [o.what for o in done.omitted] == [
        "the goals and the family's part in the care plan"]
    assert "Noor has not agreed" in done.omitted[0].why
    text = _every_page(done.pdf_bytes, tmp_path, "Noor Example", client.record_number)
    assert "Not in this handout: the goals and the family's part in the care plan, " \
           "because Noor has not agreed to share health information with family." in text
    assert goal_text(1) not in text and "Cook at home" not in text
    assert "Shop together" not in text and "Warning signs and whom to call" in text
    event = printing.lookup_copy(ctx, copy_number=done.copy_number or 0)
    assert event.kind == "handout"


def test_large_print_takes_more_pages(ctx: Context, rosa: clients.ClientDetail,
                                      tmp_path: Path) -> None:
    make_plan(ctx, rosa.id)
    normal = printing.render(ctx, "handout", rosa.record_number)
    large = printing.render(ctx, "handout", rosa.record_number,
                            printing.PrintOptions(large_print=True))
    assert len(page_texts(large.pdf_bytes, tmp_path)) > len(page_texts(normal.pdf_bytes,
                                                                       tmp_path))
    _every_page(large.pdf_bytes, tmp_path, "Rosa Примерова", rosa.record_number)


def test_a_client_without_a_plan(ctx: Context, make_client: MakeClient,
                                 tmp_path: Path) -> None:
    client = make_client(given_name="Ivo", family_name="Example", consent_family=True)
    with pytest.raises(Exception, match="has no care plan yet"):
        printing.render(ctx, "careplan", client.record_number)
    done = printing.render(ctx, "handout", client.record_number)
    assert [o.why for o in done.omitted] == ["there is no care plan yet"]
    _every_page(done.pdf_bytes, tmp_path, "Ivo Example", client.record_number)


def test_the_handout_names_a_review_date_only_while_it_is_ahead(
        ctx: Context, rosa: clients.ClientDetail, tmp_path: Path) -> None:
    plan_id = make_plan(ctx, rosa.id)  # review on 15 Jan 2027
    ctx = replace(ctx, clock=lambda: DECEMBER)
    ahead = printing.render(ctx, "handout", rosa.record_number,
                            printing.PrintOptions(language="en"))
    assert "look at the plan again around 15 Jan 2027." in flat(
        "\n".join(page_texts(ahead.pdf_bytes, tmp_path)))
    with ctx.transaction() as session:
        session.get(CarePlan, plan_id).review_date = date(2026, 11, 12)
    overdue = printing.render(ctx, "handout", rosa.record_number,
                              printing.PrintOptions(language="en"))
    text = flat("\n".join(page_texts(overdue.pdf_bytes, tmp_path)))
    # The family is not told of a review that should already have happened.
    assert "Next appointment" in text and "look at the plan again" not in text


def test_a_care_plan_past_its_review_date_says_the_review_is_overdue(
        ctx: Context, rosa: clients.ClientDetail, tmp_path: Path) -> None:
    plan_id = make_plan(ctx, rosa.id)  # review on 15 Jan 2027
    ctx = replace(ctx, clock=lambda: DECEMBER)
    english = printing.PrintOptions(language="en")
    on_time = flat("\n".join(page_texts(
        printing.render(ctx, "careplan", rosa.record_number, english).pdf_bytes, tmp_path)))
    assert "Next review: 15 Jan 2027" in on_time and "(overdue)" not in on_time
    with ctx.transaction() as session:
        session.get(CarePlan, plan_id).review_date = date(2026, 11, 12)
    late = flat("\n".join(page_texts(
        printing.render(ctx, "careplan", rosa.record_number, english).pdf_bytes, tmp_path)))
    # The team reading the plan sees the review that is owed, in the heading and the reviews.
    assert late.count("12 Nov 2026 (overdue)") == 2
