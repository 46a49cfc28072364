"""The Spanish translation: complete, faithful to the source's placeholders, mnemonics and
markup, and actually shown on real screens when the interface language is Spanish."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from otdesk.ui.dashboard.titles import KNOWN_TITLES
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from otdesk.services import dashboard
from otdesk.services.clients import ClientDetail
from otdesk.ui import i18n
from otdesk.ui.app_context import AppContext
from otdesk.ui.client_record import ClientWorkspace
from otdesk.ui.dashboard import SectionCard
from otdesk.ui.main_window import MainWindow
from otdesk.ui.navigation import CASELOAD, DASHBOARD

TS_FILE = i18n.translations_dir() / "otdesk_es.ts"


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    forms: tuple[str, ...]  # the translation, or each plural form
    unfinished: bool
    numerus: bool


def _messages() -> list[Message]:
    root = ET.parse(TS_FILE).getroot()
    found = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            numerus = message.get("numerus") == "yes"
            if numerus:
                forms = tuple(f.text or "" for f in translation.iter("numerusform"))
            else:
                forms = (translation.text or "",)
            found.append(
                Message(
                    name,
                    message.findtext("source") or "",
                    forms,
                    translation.get("type") == "unfinished",
                    numerus,
                )
            )
    return found


MESSAGES = _messages()


def _id(m: Message) -> str:
    return f"{m.context}:{m.source[:40]}"


# -- (a) complete ---------------------------------------------------------------------------


def test_the_catalogue_has_messages_from_every_screen() -> None:
    contexts = {m.context for m in MESSAGES}
    for expected in ("MainWindow", "CaseloadView", "ClientWorkspace", "OverviewTab",
                     "FamilyTab", "EpisodesTab", "DashboardSources"):
        assert expected in contexts


def test_no_message_is_unfinished_or_empty() -> None:
    unfinished = [_id(m) for m in MESSAGES if m.unfinished]
    assert unfinished == []
    empty = [_id(m) for m in MESSAGES if not m.forms or not all(f.strip() for f in m.forms)]
    assert empty == []
    # Obsolete and vanished entries are dropped by ``python -m otdesk.ui.i18n update``.
    text = TS_FILE.read_text(encoding="utf-8")
    assert 'type="obsolete"' not in text
    assert 'type="vanished"' not in text


def test_the_catalogue_compiles_with_nothing_unfinished(tmp_path: Path) -> None:
    result = subprocess.run(
        [i18n.tool("lrelease"), str(TS_FILE), "-qm", str(tmp_path / "otdesk_es.qm")],
        check=True, capture_output=True, text=True,
    )
    assert re.search(r"\b0 unfinished\b", result.stdout), result.stdout
    assert (tmp_path / "otdesk_es.qm").stat().st_size > 0


def test_every_dashboard_source_title_is_translatable() -> None:
    ours = {
        s.title
        for s in dashboard.registered_sources()
        if s.fn.__module__.startswith("otdesk.services.dashboard_sources.")
    }
    assert ours <= set(KNOWN_TITLES), "list new titles in otdesk/ui/dashboard/titles.py"
    translated = {m.source for m in MESSAGES if m.context == "DashboardSources"}
    assert ours <= translated


# -- (c) placeholders, mnemonics and markup kept ---------------------------------------------

_PLACEHOLDER = re.compile(r"%(?:\d+|n)|\{[^{}]*\}")
_ENTITY = re.compile(r"&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b[^>]*>")


def _placeholders(text: str) -> Counter[str]:
    return Counter(_PLACEHOLDER.findall(text))


def mnemonics(text: str) -> list[str]:
    """The characters marked as keyboard mnemonics ('&x'); '&&', '& ' and entities are not."""
    text = _ENTITY.sub("", text).replace("&&", "")
    return re.findall(r"&([^\s&])", text)


def _tags(text: str) -> Counter[str]:
    return Counter(t.lower() for t in _TAG.findall(text))


@pytest.mark.parametrize("m", [m for m in MESSAGES if _PLACEHOLDER.search(m.source)], ids=_id)
def test_placeholders_are_kept(m: Message) -> None:
    wanted = _placeholders(m.source)
    if m.numerus:  # a singular form may spell the number out; the others keep every place
        assert all(_placeholders(f) - Counter({"%n": 99}) == wanted - Counter({"%n": 99})
                   for f in m.forms)
        assert "%n" in m.forms[-1] or "%n" not in wanted
    else:
        assert _placeholders(m.forms[0]) == wanted


@pytest.mark.parametrize("m", [m for m in MESSAGES if mnemonics(m.source)], ids=_id)
def test_mnemonics_are_kept(m: Message) -> None:
    for form in m.forms:
        marks = mnemonics(form)
        assert len(marks) == len(mnemonics(m.source)), form
        assert all(c.isalnum() for c in marks), form


def test_no_mnemonic_appears_where_the_source_has_none() -> None:
    added = [_id(m) for m in MESSAGES if not mnemonics(m.source)
             and any(mnemonics(f) for f in m.forms)]
    assert added == []


@pytest.mark.parametrize("m", [m for m in MESSAGES if _TAG.search(m.source)], ids=_id)
def test_markup_is_kept(m: Message) -> None:
    assert all(_tags(f) == _tags(m.source) for f in m.forms)


def test_helpers_read_mnemonics_and_placeholders_right() -> None:
    assert mnemonics("Ed&it…") == ["i"]
    assert mnemonics("Episodes & care team") == []
    assert mnemonics("Tom &&amp; Jerry &nbsp;&Save") == ["S"]
    assert _placeholders("%1 of %2, {0} and %n") == Counter(["%1", "%2", "{0}", "%n"])


# -- (b) real screens in Spanish -------------------------------------------------------------


@pytest.fixture
def window(
    qtbot: QtBot, app_ctx: AppContext, sample_clients: list[ClientDetail], spanish: None,
    monkeypatch: pytest.MonkeyPatch,
) -> MainWindow:
    from PySide6.QtWidgets import QMessageBox

    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Discard)
    win = MainWindow(app_ctx)
    qtbot.addWidget(win)
    win.resize(1366, 740)
    win.show()
    qtbot.waitUntil(lambda: not win.caseload.model.busy and win.caseload.model.rowCount() == 6)
    return win


def _visible_mnemonics(window: MainWindow) -> dict[str, list[str]]:
    """Mnemonic letter -> the texts using it, over the menu bar and every visible widget."""
    seen: dict[str, list[str]] = {}
    texts = [a.text() for a in window.menuBar().actions()]
    for w in window.findChildren(QWidget):
        if w.isVisibleTo(window) and isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
    for text in texts:
        for mark in mnemonics(text):
            seen.setdefault(mark.casefold(), []).append(text)
    return seen


def test_the_client_record_is_shown_in_spanish(
    qtbot: QtBot, window: MainWindow, sample_clients: list[ClientDetail]
) -> None:
    ana = sample_clients[0]  # García, Ana: active, urgent, Spanish-speaking
    workspace = window.open_client(ana.id)
    assert isinstance(workspace, ClientWorkspace)
    tabs = [workspace.tabs.tabText(i) for i in range(workspace.tabs.count())]
    for title in ("Resumen", "Familia y cuidadores", "Episodios y equipo", "Evaluaciones",
                  "Plan de cuidados", "Documentos"):
        assert title in tabs
    header = workspace.header
    assert header.close_button.text() == "Cerrar expediente"
    assert header.status.text() == "Activo"
    assert header.priority.text() == "Prioridad: Urgente"
    assert header.facts.text().startswith(f"Expediente {ana.record_number}")
    assert "Idioma: " in header.facts.text()

    overview = workspace.tab("overview")
    assert overview is not None
    labels = {label.text().replace("&", "") for label in overview.findChildren(QLabel)}
    assert {"Número de expediente", "Fecha de nacimiento", "Diagnósticos"} <= labels
    assert overview.state_label.text() == "Todos los cambios guardados"  # type: ignore[attr-defined]

    family = workspace.tab("family")
    assert family is not None
    workspace.tabs.setCurrentWidget(family)
    assert family.add_button.text() == "Aña&dir…"  # type: ignore[attr-defined]
    model = family.model  # type: ignore[attr-defined]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Nombre"

    episodes = workspace.tab("episodes")
    assert episodes is not None
    workspace.tabs.setCurrentWidget(episodes)
    texts = {label.text() for label in episodes.findChildren(QLabel)}
    assert {"Episodios de atención", "Equipo de atención"} <= texts


def test_no_two_visible_controls_share_a_mnemonic_in_spanish(
    qtbot: QtBot, window: MainWindow, sample_clients: list[ClientDetail]
) -> None:
    pages: list[str] = []
    clashes: dict[str, dict[str, list[str]]] = {}

    def check(page: str) -> None:
        QCoreApplication.processEvents()
        pages.append(page)
        found = {k: v for k, v in _visible_mnemonics(window).items() if len(v) > 1}
        if found:
            clashes[page] = found

    window.show_page(DASHBOARD)
    check("dashboard")
    window.show_page(CASELOAD)
    check("caseload")
    workspace = window.open_client(sample_clients[0].id)
    assert isinstance(workspace, ClientWorkspace)
    for key in ("overview", "family", "episodes"):
        tab = workspace.tab(key)
        assert tab is not None
        workspace.tabs.setCurrentWidget(tab)
        check(key)
    assert pages and clashes == {}


def test_dashboard_titles_are_translated_and_unknown_ones_stay_english(
    qtbot: QtBot, spanish: None
) -> None:
    from datetime import date

    known = SectionCard(dashboard.Section("waitlist", "Waitlist", 50, 0, ()), date(2026, 1, 5))
    qtbot.addWidget(known)
    assert known.title.text() == "Lista de espera"
    assert known.empty.text() == "Nada por ahora."
    unknown = SectionCard(
        dashboard.Section("later", "Something added later", 99, 0, ()), date(2026, 1, 5)
    )
    qtbot.addWidget(unknown)
    assert unknown.title.text() == "Something added later"


def test_english_is_back_after_a_spanish_test(qapp: QApplication) -> None:
    assert QCoreApplication.translate("CaseloadView", "Caseload") == "Caseload"



def test_language_names_follow_the_interface_language(spanish: None) -> None:
    # A client's language reads "español (es)" to a Spanish-speaking OT, not "Spanish (es)";
    # a language the catalogue does not list still gets Qt's name rather than a bare code.
    from otdesk.ui.forms import language_label

    assert language_label("es") == "español (es)"
    assert language_label("so") == "somalí (so)"
    assert language_label("sw") == "Swahili (sw)"
    assert language_label("xx-unknown") == "xx-unknown"


def test_every_common_language_has_a_translatable_name() -> None:
    from otdesk.ui.languages import KNOWN_NAMES
    from PySide6.QtCore import QLocale

    from otdesk.ui.forms import COMMON_LANGUAGES

    names = {QLocale.languageToString(QLocale(code).language()) for code in COMMON_LANGUAGES}
    assert names <= set(KNOWN_NAMES)


# -- the domain's reasons for refusing a field ----------------------------------------------


def test_field_messages_list_every_domain_template_as_literal_text() -> None:
    # lupdate reads only literal QT_TRANSLATE_NOOP("FieldErrors", "...") calls, so the UI
    # writes the templates out; they must stay the domain's templates, no more and no fewer.
    import ast
    import inspect

    from otdesk.domain import messages
    from otdesk.ui import field_messages

    literals = []
    for node in ast.walk(ast.parse(inspect.getsource(field_messages))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QT_TRANSLATE_NOOP":
            context, text = node.args
            assert isinstance(context, ast.Constant) and context.value == field_messages.CONTEXT
            assert isinstance(text, ast.Constant) and isinstance(text.value, str)
            literals.append(text.value)
    assert sorted(literals) == sorted(messages.ALL)
    assert set(field_messages.KNOWN_TEMPLATES) == set(messages.ALL)
    translated = {m.source for m in MESSAGES if m.context == field_messages.CONTEXT}
    assert set(messages.ALL) <= translated


def test_a_field_error_reads_in_english_without_a_translator(qapp: QApplication) -> None:
    from otdesk.ui.field_messages import reason_text

    from otdesk.domain import messages
    from otdesk.domain.errors import FieldError

    err = FieldError.of("phone", messages.TOO_LONG, length=1234, limit=100)
    assert reason_text(err) == "is 1,234 characters long; the limit is 100"
    assert reason_text(FieldError("x", "is odd")) == "is odd"


def test_field_errors_are_shown_in_spanish(qtbot: QtBot, spanish: None) -> None:
    from otdesk.ui.field_messages import reason_text

    from otdesk.domain import messages
    from otdesk.domain.errors import FieldError
    from otdesk.ui import widgets

    long = FieldError.of("phone", messages.TOO_LONG, length=1234, limit=100)
    assert reason_text(long) == "tiene 1,234 caracteres; el límite es 100"
    assert reason_text(FieldError.of("d", messages.NOT_A_DATE, value="15/06")) == (
        "«15/06» no es una fecha con el formato AAAA-MM-DD")
    assert reason_text(FieldError("x", "is odd")) == "is odd"  # a service's own sentence
    # A template whose values are missing falls back to the English reason.
    broken = FieldError("d", "'x' is not a whole number", None, messages.NOT_WHOLE_NUMBER, {})
    assert reason_text(broken) == "'x' is not a whole number"
    # The settings dialog and the import dialog make a sentence of the reason.
    assert widgets.reason_text(FieldError.of("name", messages.REQUIRED)) == (
        "Este campo es obligatorio.")
    assert widgets.reason_text(FieldError.of("n", messages.IN_USE, value="R-1")) == (
        "R-1 ya está en uso.")


def test_the_new_client_dialog_shows_spanish_reasons_beside_the_fields(
    qtbot: QtBot, app_ctx: AppContext, spanish: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from otdesk.ui.client_record import NewClientDialog

    # Closing the typed-in dialog at teardown asks first: answer "discard", never block.
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Discard)

    dialog = NewClientDialog(app_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.control("given_name"), "Ana")
    qtbot.keyClicks(dialog.form.control("date_of_birth"), "2999-01-01")
    dialog.create_client()
    shown = dialog.form.errors_shown()
    assert shown["record_number"] == "Número de expediente es obligatorio"
    assert shown["date_of_birth"] == "Fecha de nacimiento está en el futuro"
    assert "given_name" not in shown


def test_fill_puts_each_value_in_its_place_once() -> None:
    fill = i18n.fill
    # A translation may put the places in another order; a value holding "%1" (a client's
    # name, a column of a spreadsheet) is shown as typed, never filled in again.
    assert fill("%2 de %1", "enero", 3) == "3 de enero"
    assert fill("'%2' %1.", "is unknown", "shoe_%1") == "'shoe_%1' is unknown."
    assert fill("%1 of %2", "5") == "5 of %2"  # a place without a value stays visible
