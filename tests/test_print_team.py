"""The printed team summary and handoff: each client's name and record number, "Page x of y"
on every page, a sound file, an audit event carrying the copy number, other languages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pdf_text import flat, page_texts, qpdf_check, tools_missing
from print_team_fixture import Clinic, build, insert
from sqlalchemy import select

from otdesk.db.models import AuditEvent, FamilySession
from otdesk.services import printing
from otdesk.services.context import Context
from otdesk.services.print_team import print_team_summary

pytestmark = pytest.mark.skipif(tools_missing() is not None, reason=str(tools_missing()))


@pytest.fixture
def clinic(ctx: Context, make_client: Callable[..., Any]) -> Clinic:
    return build(ctx, make_client)


def _pages_numbered(texts: list[str]) -> None:
    for n, text in enumerate(texts, start=1):
        assert f"Page {n} of {len(texts)}" in text


def test_team_summary_pdf_names_each_client_and_numbers_every_page(
        ctx: Context, clinic: Clinic, tmp_path: Path) -> None:
    result = print_team_summary(ctx, staff_id=clinic.ot_id, start=clinic.start, end=clinic.end,
                                target="week.pdf")
    qpdf_check(result.pdf_bytes, tmp_path)
    texts = page_texts(result.pdf_bytes, tmp_path)
    _pages_numbered(texts)
    whole = flat(" ".join(texts))
    for expected in ("Marisol Quintero-Vale", "Record no. WK-0001", "Team summary",
                     "Caseload of Wren Weekly", "Grab rail by the bath",
                     "Cooks a simple meal twice a week", "Review due in 5 days",
                     "Psychiatry: Target date"):
        assert expected in whole
    for absent in ("Night light in hall", "Walks to the shop with a list", "WK-0003"):
        assert absent not in whole
    assert all(f"Copy no. {result.copy_number}" in t for t in texts)
    with ctx.db.reading() as session:
        event = session.get(AuditEvent, result.copy_number)
        assert event is not None and event.action == "print"
        assert event.entity_type == "staff member" and event.entity_id == clinic.ot_id
        assert event.changes["clients"][1] == [clinic.mine.id]
        assert event.changes["target"][1] == "week.pdf"
    assert printing.lookup_copy(ctx, copy_number=result.copy_number).kind == "team-summary"


def test_a_long_summary_names_the_summary_on_every_page(
        ctx: Context, clinic: Clinic, make_client: Callable[..., Any], tmp_path: Path) -> None:
    for n in range(40):
        client = make_client(record_number=f"WK-2{n:03d}", given_name=f"Lena{n}",
                             family_name="Longlist")
        insert(ctx, FamilySession(client_id=client.id, session_date=clinic.end, mode="clinic",
                                  topics=["sleep_routine"]))
    result = print_team_summary(ctx, staff_id=None, start=clinic.start, end=clinic.end)
    texts = page_texts(result.pdf_bytes, tmp_path)
    assert len(texts) > 2
    _pages_numbered(texts)
    assert all("Team summary: Whole clinic" in t for t in texts)
    whole = flat(" ".join(texts))
    assert all(f"Record no. WK-2{n:03d}" in whole for n in range(40))
    qpdf_check(result.pdf_bytes, tmp_path)


def test_team_summary_in_spanish(ctx: Context, clinic: Clinic, tmp_path: Path) -> None:
    result = print_team_summary(ctx, staff_id=None, start=clinic.start, end=clinic.end,
                                language="es", record=False)
    assert result.copy_number is None and result.language == "es"
    whole = flat(" ".join(page_texts(result.pdf_bytes, tmp_path)))
    assert "Resumen para el equipo" in whole and "Todo el centro" in whole
    with ctx.db.reading() as session:
        assert session.scalars(select(AuditEvent).where(AuditEvent.action == "print")).all() \
            == []


def test_handoff_pdf_fits_one_page_with_name_goals_risks_and_dates(
        ctx: Context, clinic: Clinic, tmp_path: Path) -> None:
    result = printing.render(ctx, "handoff", "WK-0001")
    qpdf_check(result.pdf_bytes, tmp_path)
    texts = page_texts(result.pdf_bytes, tmp_path)
    assert len(texts) == 1
    text = flat(texts[0])
    for expected in ("Marisol Quintero-Vale", "WK-0001", "Page 1 of 1", "Wren Weekly",
                     "Takes evening medicines on time", "Low energy limits meal preparation",
                     "Dr Pell", "Medication review", "Sister: Buy a pill organiser",
                     f"Copy no. {result.copy_number}"):
        assert expected in text
    with ctx.db.reading() as session:
        event = session.get(AuditEvent, result.copy_number)
        assert event is not None and event.client_id == clinic.mine.id
        assert event.changes["document"][1] == "handoff"


def test_handoff_in_french(ctx: Context, clinic: Clinic, tmp_path: Path) -> None:
    result = printing.render(ctx, "handoff", "WK-0001", printing.PrintOptions(language="fr"),
                             record=False)
    text = flat(" ".join(page_texts(result.pdf_bytes, tmp_path)))
    assert "Passation" in text and "Objectifs en cours" in text and "Page 1 sur 1" in text
