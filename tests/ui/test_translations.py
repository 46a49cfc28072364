"""The interface in Spanish and French: real screens show the catalogue's words, dates in the
language's own way, and no two controls of a screen share a keyboard mnemonic."""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from otdesk.domain.translation import _
from otdesk.services import dashboard
from otdesk.services.clients import ClientDetail
from otdesk.ui.client_record import ClientWorkspace
from otdesk.ui.dashboard import SectionCard
from otdesk.ui.shell.app_context import AppContext
from otdesk.ui.shell.main_window import MainWindow
from otdesk.ui.shell.navigation import CASELOAD, DASHBOARD

_ENTITY = re.compile(r"&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")


def mnemonics(text: str) -> list[str]:
    """The characters marked as keyboard mnemonics ('&x'); '&&', '& ' and entities are not."""
    return re.findall(r"&([^\s&])", _ENTITY.sub("", text).replace("&&", ""))


# -- real screens -------------------------------------------------------------


def _window(qtbot: QtBot, app_ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    from PySide6.QtWidgets import QMessageBox

    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Discard)
    win = MainWindow.for_session(app_ctx)
    qtbot.addWidget(win)
    win.resize(1366, 740)
    win.show()
    qtbot.waitUntil(lambda: not win.caseload.model.busy and win.caseload.model.rowCount() == 6)
    return win


@pytest.fixture
def window(
    qtbot: QtBot, app_ctx: AppContext, sample_clients: list[ClientDetail], spanish: None,
    monkeypatch: pytest.MonkeyPatch,
) -> MainWindow:
    """The main window in Spanish over the six sample clients."""
    return _window(qtbot, app_ctx, monkeypatch)


@pytest.fixture
def french_window(
    qtbot: QtBot, app_ctx: AppContext, sample_clients: list[ClientDetail], french: None,
    monkeypatch: pytest.MonkeyPatch,
) -> MainWindow:
    """The main window in French over the six sample clients."""
    return _window(qtbot, app_ctx, monkeypatch)


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
    workspace.show_tab(family)
    assert family.add_button.text() == "Aña&dir…"  # type: ignore[attr-defined]
    model = family.model  # type: ignore[attr-defined]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Nombre"

    episodes = workspace.tab("episodes")
    assert episodes is not None
    workspace.show_tab(episodes)
    texts = {label.text() for label in episodes.findChildren(QLabel)}
    assert {"Episodios de atención", "Equipo de atención"} <= texts


@pytest.mark.parametrize("language", ["spanish", "french"])
def test_no_two_visible_controls_share_a_mnemonic(
    qtbot: QtBot, request: pytest.FixtureRequest, language: str,
    sample_clients: list[ClientDetail],
) -> None:
    window = request.getfixturevalue("window" if language == "spanish" else "french_window")
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
        workspace.show_tab(tab)
        check(key)
    assert pages and clashes == {}




def test_the_desktop_in_french_shows_french_words_and_dates(
    qtbot: QtBot, french_window: MainWindow, sample_clients: list[ClientDetail]
) -> None:
    window = french_window
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Fichier", "É&dition", "&Affichage", "A&ide"]
    model = window.caseload.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Nom", "N° de dossier", "Naissance", "Statut", "Priorité",
                       "Ergothérapeute", "Langue"]
    rows = {model.index(r, 1).data(): r for r in range(model.rowCount())}
    ana = rows["DEMO-0001"]  # García, Ana: born 12 April 1985, active, urgent, Spanish
    assert model.index(ana, 2).data() == "12 avr. 1985"
    assert model.index(ana, 3).data() == "Actif"
    assert model.index(ana, 4).data() == "Urgente"
    assert model.index(ana, 6).data() == "espagnol"
    assert window.caseload.count_label.text() == "6 clients"

    workspace = window.open_client(sample_clients[0].id)
    assert isinstance(workspace, ClientWorkspace)
    tabs = [workspace.tabs.tabText(i) for i in range(workspace.tabs.count())]
    for title in ("Vue d'ensemble", "Famille et aidants", "Épisodes et équipe", "Évaluations",
                  "Plan de soins", "Documents"):
        assert title in tabs
    header = workspace.header
    assert header.close_button.text() == "Fermer le dossier"
    assert header.status.text() == "Actif"
    assert header.priority.text() == "Priorité\u00a0: Urgente"
    assert "(né(e) le 12 avr. 1985)" in header.facts.text()
    assert "Langue\u00a0: espagnol (es)" in header.facts.text()


def test_dashboard_titles_and_counts_follow_the_interface_language(
    qtbot: QtBot, spanish: None
) -> None:
    title = dashboard.registered_sources()[0].title  # English, with its context
    card = SectionCard(dashboard.Section("waitlist", "Lista de espera", 50, 1, ()),
                       date(2026, 1, 5))
    qtbot.addWidget(card)
    assert card.title.text() == "Lista de espera"
    assert card.empty.text() == "Nada por ahora."
    assert card.badge.accessibleName() == "1 elemento"
    assert title == ("dashboard section", "Care-plan reviews")


def test_english_is_back_after_a_language_test(qapp: QApplication) -> None:
    assert _("Caseload") == "Caseload"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_language_names_follow_the_interface_language(spanish: None) -> None:
    # A client's language reads "español (es)" to a Spanish-speaking OT, not "Spanish (es)":
    # Babel names every language in every language, so none is shown as a bare code.
    from otdesk.ui.editing.forms import language_label

    assert language_label("es") == "español (es)"
    assert language_label("so") == "somalí (so)"
    assert language_label("sw") == "suajili (sw)"
    assert language_label("pt-BR") == "portugués (Brasil) (pt-BR)"
    assert language_label("xx-unknown") == "xx-unknown"


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
