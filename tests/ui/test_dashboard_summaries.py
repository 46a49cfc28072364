"""Dashboard lines in the interface language: a Spanish-speaking OT reads every kind of line in
Spanish, with the plural form its count takes and dates written the Spanish way."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import Qt

from otdesk.domain.records import RecordKind
from otdesk.services import clients, dashboard
from otdesk.services import episodes as ep
from otdesk.services.context import Context
from otdesk.services.dashboard import DueItem, RecordRef, Urgency
from otdesk.services.dashboard_sources.home_modifications import describe
from otdesk.services.dashboard_sources.unsigned_notes import age_wording
from otdesk.ui.dashboard import DueItemsModel
from otdesk.ui.dashboard.model import SUMMARY

TODAY = date(2026, 3, 10)


def _client(ctx: Context, number: str, status: str, **referral: object) -> int:
    """A client in care, whose episode (opened with the record) has the ``referral`` values."""
    made = clients.create_client(
        ctx, record_number=number, given_name="Ana", family_name=number, status=status,
        date_of_birth=date(1980, 1, 1), preferred_language="es",
    )
    [opened] = ep.list_episodes(ctx, client_id=made.id)
    ep.update_episode(ctx, episode_id=opened.id, expected_version=opened.version, **referral)
    return made.id


def test_lines_from_the_services_read_in_spanish(ctx: Context, spanish: None) -> None:
    today = ctx.today()
    _client(ctx, "R-1", "referred", referral_date=today - timedelta(days=1),
            referral_source="Dra. Ruiz")
    _client(ctx, "W-1", "waitlist", referral_date=today - timedelta(days=40))
    _client(ctx, "A-1", "active", referral_date=today - timedelta(days=25),
            start_date=today - timedelta(days=20))

    sections = {s.key: s for s in dashboard.collect(ctx, staff_id=None)}
    assert sections["waitlist"].title == "Lista de espera"
    assert sections["recent_referrals"].title == "Nuevas derivaciones"
    summaries = {i.summary for s in sections.values() for i in s.items}
    day = today - timedelta(days=1)
    month = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov",
             "dic"][day.month - 1]
    assert f"Derivación del {day.day} {month} {day.year} por Dra. Ruiz" in summaries
    assert any(s.startswith("En espera desde hace 40 días (derivación del ") for s in summaries)
    assert any(s.startswith("En espera desde hace 1 día (derivación del ") for s in summaries)
    assert "La primera evaluación vence en 10 días" in summaries


def test_every_wording_reads_in_spanish_with_its_plural_form(spanish: None) -> None:
    now = datetime(2026, 3, 10, 12, tzinfo=UTC)
    assert age_wording(now - timedelta(hours=1), now) == "Nota sin firmar de hace 1 hora"
    assert age_wording(now - timedelta(hours=30), now) == "Nota sin firmar de hace 30 horas"
    assert age_wording(now - timedelta(days=3), now) == "Nota sin firmar de hace 3 días"
    assert describe("Barra de apoyo", "baño", date(2026, 3, 3)) == (
        "Barra de apoyo en baño: venció el 3 mar 2026")
    assert describe("Rampa de acceso", "", date(2026, 2, 27)) == (
        "Rampa de acceso: venció el 27 feb 2026")
    assert describe("", "", date(2026, 1, 5)) == "Modificación del hogar: venció el 5 ene 2026"


def test_the_dashboard_table_shows_the_line_and_its_due_date_in_spanish(spanish: None) -> None:
    item = DueItem(1, "DEMO-0001", "García, Ana", "Reevaluación con 1 día de retraso",
                   TODAY, Urgency.OVERDUE, RecordRef(RecordKind.CLIENT, 1, 1))
    model = DueItemsModel()
    model.set_items([item], TODAY)
    assert model.index(0, SUMMARY).data() == "Reevaluación con 1 día de retraso"
    spoken = model.index(0, SUMMARY).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Reevaluación con 1 día de retraso" in spoken and "Reassessment" not in spoken
    due = model.index(0, model.columnCount() - 1).data()
    assert due == "Vencido · 10 mar 2026"
