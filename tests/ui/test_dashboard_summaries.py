"""Dashboard lines in the interface language: the services' English templates are all listed
for translation, and a Spanish-speaking OT reads every kind of line in Spanish, numbers and
dates filled in; a line whose translation is broken is shown in English, never half-filled."""

from __future__ import annotations

import ast
import inspect
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from otdesk.services.dashboard import DueItem, RecordRef, Urgency
from otdesk.services.dashboard_sources import _messages as msg
from otdesk.ui import i18n
from otdesk.ui.dashboard import DueItemsModel, summaries
from otdesk.ui.dashboard.model import SUMMARY
from otdesk.ui.dashboard.summaries import summary_text

TODAY = date(2026, 3, 10)


def line(template: str, **params: object) -> DueItem:
    """A dashboard line worded from ``template`` the way the sources word one."""
    return DueItem(
        client_id=1,
        record_number="DEMO-0001",
        client_name="García, Ana",
        summary=template.format(**params),
        due_date=TODAY,
        urgency=Urgency.DUE,
        target=RecordRef("client", 1, 1),
        summary_template=template,
        summary_params=params,
    )


def test_the_ui_lists_exactly_the_services_templates_as_literal_text() -> None:
    # lupdate reads only literal QT_TRANSLATE_NOOP("DashboardSummaries", "...") calls, so the
    # templates are written out in the UI; they must be the services' own, no more, no fewer.
    literals = []
    for node in ast.walk(ast.parse(inspect.getsource(summaries))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QT_TRANSLATE_NOOP":
            context, text = node.args
            assert isinstance(context, ast.Constant) and context.value == summaries.CONTEXT
            assert isinstance(text, ast.Constant) and isinstance(text.value, str)
            literals.append(text.value)
    assert sorted(literals) == sorted(msg.ALL)
    assert len(set(msg.ALL)) == len(msg.ALL)
    # ...and every one of them is in the Spanish catalogue, translated.
    root = ET.parse(i18n.translations_dir() / "otdesk_es.ts").getroot()
    translated = {
        m.findtext("source")
        for c in root.iter("context")
        if c.findtext("name") == summaries.CONTEXT
        for m in c.iter("message")
        if (m.find("translation") is not None and m.find("translation").get("type") is None)
    }
    assert set(msg.ALL) <= translated


def test_without_a_translator_the_line_reads_in_english(qapp: QApplication) -> None:
    i18n.install_translators(qapp, "en")
    assert summary_text(line(msg.REVIEW_OVERDUE_DAYS, days=3)) == (
        "Care-plan review overdue by 3 days")
    # Dates are written the way the due column writes them.
    assert summary_text(line(msg.REFERRED_BY, date=date(2026, 3, 2), source="GP")) == (
        "Referred 2 Mar 2026 by GP")
    # A line from a source that gives no template shows its summary as it is.
    plain = DueItem(1, "R-1", "Lee, Ann", "Something else", None, Urgency.INFO,
                    RecordRef("client", 1, 1))
    assert summary_text(plain) == "Something else"


SPANISH_LINES = [
    (line(msg.REVIEW_OVERDUE_DAY, days=1), "Revisión del plan de cuidados con 1 día de retraso"),
    (line(msg.REVIEW_OVERDUE_DAYS, days=12),
     "Revisión del plan de cuidados con 12 días de retraso"),
    (line(msg.REVIEW_DUE_TODAY, days=0), "La revisión del plan de cuidados vence hoy"),
    (line(msg.REVIEW_DUE_IN_DAYS, days=5), "La revisión vence en 5 días"),
    (line(msg.REASSESSMENT_OVERDUE_DAYS, days=20), "Reevaluación con 20 días de retraso"),
    (line(msg.REASSESSMENT_DUE_IN_DAY, days=1), "La reevaluación vence en 1 día"),
    (line(msg.FIRST_ASSESSMENT_OVERDUE_DAYS, days=15),
     "Primera evaluación con 15 días de retraso"),
    (line(msg.FIRST_ASSESSMENT_DUE_TODAY, days=0), "La primera evaluación vence hoy"),
    (line(msg.NOTE_HOURS_OLD, hours=30), "Nota sin firmar de hace 30 horas"),
    (line(msg.NOTE_DAYS_OLD, days=3), "Nota sin firmar de hace 3 días"),
    (line(msg.MODIFICATION_IN_AREA_DUE, what="Grab rail", area="bathroom",
          date=date(2026, 3, 3)),
     "Grab rail en bathroom: venció el 3 mar 2026"),
    (line(msg.MODIFICATION_DUE, what="Rampa de acceso", date=date(2026, 2, 27)),
     "Rampa de acceso: venció el 27 feb 2026"),
    (line(msg.UNNAMED_MODIFICATION_DUE, date=date(2026, 1, 5)),
     "Modificación del hogar: venció el 5 ene 2026"),
    (line(msg.WAITING_DAYS, days=40, date=date(2026, 1, 29)),
     "En espera 40 días desde la derivación del 29 ene 2026"),
    (line(msg.WAITING_NO_REFERRAL), "En espera; no consta ninguna derivación abierta"),
    (line(msg.REFERRED_BY, date=date(2026, 3, 2), source="Dra. Ruiz"),
     "Derivación del 2 mar 2026 por Dra. Ruiz"),
    (line(msg.REFERRED, date=date(2026, 3, 9), source=""), "Derivación del 9 mar 2026"),
]


@pytest.mark.parametrize(("item", "spanish_text"), SPANISH_LINES,
                         ids=[i.summary_template for i, _ in SPANISH_LINES])
def test_each_kind_of_line_reads_in_spanish(
    spanish: None, item: DueItem, spanish_text: str
) -> None:
    assert summary_text(item) == spanish_text


def test_the_dashboard_table_shows_the_spanish_line(spanish: None) -> None:
    model = DueItemsModel()
    model.set_items([line(msg.REASSESSMENT_OVERDUE_DAY, days=1)], TODAY)
    assert model.index(0, SUMMARY).data() == "Reevaluación con 1 día de retraso"
    spoken = model.index(0, SUMMARY).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Reevaluación con 1 día de retraso" in spoken and "Reassessment" not in spoken


class BrokenCatalogue(QTranslator):
    """A translation that names a place the line does not have."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        if context == summaries.CONTEXT:
            return "Revisión atrasada {dias} días"
        return ""


def test_a_broken_translation_falls_back_to_the_english_line(
    qapp: QApplication, spanish: None
) -> None:
    item = line(msg.REVIEW_OVERDUE_DAYS, days=4)
    assert summary_text(item) == "Revisión del plan de cuidados con 4 días de retraso"
    broken = BrokenCatalogue()
    qapp.installTranslator(broken)  # the newest translator is asked first
    try:
        assert QCoreApplication.translate(summaries.CONTEXT, msg.REVIEW_OVERDUE_DAYS) == (
            "Revisión atrasada {dias} días")
        assert summary_text(item) == "Care-plan review overdue by 4 days"
    finally:
        qapp.removeTranslator(broken)
    # A line missing one of its template's values is shown in English too.
    lacking = DueItem(1, "R-1", "Lee, Ann", "Referred 2026-03-02 by GP", None, Urgency.INFO,
                      RecordRef("episode", 1, 1), msg.REFERRED_BY, {"date": date(2026, 3, 2)})
    assert summary_text(lacking) == "Referred 2026-03-02 by GP"
