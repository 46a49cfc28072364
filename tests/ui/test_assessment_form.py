"""The generated assessment form, driven from the keyboard, with its live scores, and the
trend chart: engine-only widgets, no database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from otdesk.domain.definitions import Definition, score
from otdesk.services.definitions import library
from otdesk.ui.assessments.chart import ChartSeries, TrendChart
from otdesk.ui.assessments.form import AssessmentForm
from otdesk.ui.assessments.score_panel import ScorePanel


def _definition(definition_id: str) -> Definition:
    return library().get(definition_id)


def _focus(form: AssessmentForm) -> QWidget:
    """The widget of the form's window that has (or last had) the keys."""
    widget = form.window().focusWidget()
    assert widget is not None
    return widget


def _focused_key(form: AssessmentForm) -> str | None:
    row = form.row_holding(_focus(form))
    return row.item.key if row is not None else None


@pytest.fixture
def readiness(qtbot: QtBot) -> Iterator[tuple[AssessmentForm, ScorePanel]]:
    definition = _definition("discharge-readiness")
    host = QWidget()
    qtbot.addWidget(host)
    form = AssessmentForm(definition, language="en", parent=host)
    panel = ScorePanel(definition, "en", host)
    box = QHBoxLayout(host)
    box.addWidget(form, 1)
    box.addWidget(panel)
    form.answers_changed.connect(lambda: panel.show_result(score(definition, form.answers())))
    panel.show_result(score(definition, {}))
    host.resize(1000, 700)
    host.show()
    qtbot.waitExposed(host)
    yield form, panel


def test_number_keys_pick_options_and_move_on(
        qtbot: QtBot, readiness: tuple[AssessmentForm, ScorePanel]) -> None:
    form, panel = readiness
    keys = list(form.rows)
    form.focus_first()
    assert _focused_key(form) == keys[0]
    qtbot.keyClick(_focus(form), Qt.Key.Key_1)  # "Independent"
    assert form.answers() == {keys[0]: "independent"}
    assert _focused_key(form) == keys[1]  # moved on by itself
    qtbot.keyClick(_focus(form), Qt.Key.Key_3)  # "Needs hands-on help"
    assert form.answers()[keys[1]] == "hands_on"
    # Enter skips an item without answering it; Tab does too.
    qtbot.keyClick(_focus(form), Qt.Key.Key_Return)
    assert _focused_key(form) == keys[3]
    qtbot.keyClick(_focus(form), Qt.Key.Key_Tab)
    assert _focused_key(form) == keys[4]
    assert keys[2] not in form.answers()
    # A key that is no option's shortcut answers nothing.
    qtbot.keyClick(_focus(form), Qt.Key.Key_8)
    assert keys[4] not in form.answers()
    # The living-skills domain: (3 + 1) of 2 x 3 points above the lowest -> 67 %.
    assert panel.shown_value("living_skills") == "67 %"


def test_scores_and_band_follow_the_answers(
        qtbot: QtBot, readiness: tuple[AssessmentForm, ScorePanel]) -> None:
    form, panel = readiness
    definition = form.definition
    assert panel.shown_value("overall") == "—"  # too few answers for the total yet
    choice_keys = [k for k, r in form.rows.items() if r.options]
    form.focus_first()
    for _key in choice_keys:
        qtbot.keyClick(_focus(form), Qt.Key.Key_1)
    result = score(definition, form.answers())
    assert result.value("overall") == 100
    assert panel.shown_value("overall") == "100 %"
    assert panel.band_text() == "Independent in nearly all areas checked"
    form.set_answer(choice_keys[0], "not_able")
    assert panel.shown_value("living_skills") == "80 %"


def test_required_items_left_open_are_highlighted(qtbot: QtBot) -> None:
    definition = _definition("task-performance-log")
    form = AssessmentForm(definition, language="en")
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.set_answer("task", "Pay a bill")
    missing = form.mark_missing()
    assert [i.key for i in missing] == ["trial_date", "minutes", "errors", "assistance"]
    assert form.missing_keys() == ["trial_date", "minutes", "errors", "assistance"]
    assert _focused_key(form) == "trial_date"  # the first one left open
    qtbot.keyClicks(_focus(form), "2026-03-02")
    qtbot.keyClick(_focus(form), Qt.Key.Key_Return)
    assert "trial_date" not in form.missing_keys()  # answered: no longer highlighted
    assert _focused_key(form) == "minutes"
    qtbot.keyClicks(_focus(form), "700")
    assert "above the highest allowed" in form.rows["minutes"].problem  # type: ignore[operator]
    assert "minutes" not in form.answers()
    form.rows["minutes"].editor.clear()  # type: ignore[union-attr]
    qtbot.keyClicks(_focus(form), "12,5")  # a decimal comma is fine
    assert form.answers()["minutes"] == 12.5


def test_read_only_form_keeps_its_answers(qtbot: QtBot) -> None:
    definition = _definition("task-performance-log")
    form = AssessmentForm(definition, language="en",
                          answers={"task": "Pay a bill", "assistance": "prompts"}, read_only=True)
    qtbot.addWidget(form)
    form.show()
    form.focus_item("assistance")
    qtbot.keyClick(_focus(form), Qt.Key.Key_1)
    assert form.answers() == {"task": "Pay a bill", "assistance": "prompts"}
    assert not form.is_dirty()


def test_form_speaks_the_definitions_language(qtbot: QtBot) -> None:
    definition = _definition("task-performance-log")
    form = AssessmentForm(definition, language="es")
    qtbot.addWidget(form)
    texts = [b.text() for b in form.rows["assistance"].options]
    assert texts[0] == "1  Independiente"
    assert form.rows["minutes"].label.text().startswith("Tiempo empleado")


def test_chart_holds_a_point_per_trial(qtbot: QtBot) -> None:
    chart = TrendChart()
    qtbot.addWidget(chart)
    days = [date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)]
    chart.set_series([
        ChartSeries("minutes", "Time taken", list(zip(days, [30.0, 22.0, 15.0], strict=True))),
        ChartSeries("errors", "Errors", list(zip(days, [4.0, 2.0, 1.0], strict=True))),
        ChartSeries("notes", "Nothing", []),
    ])
    assert set(chart.plots) == {"minutes", "errors"}
    assert chart.point_count("minutes") == 3
    assert chart.values("errors") == [4.0, 2.0, 1.0]
    chart.set_series([])
    assert not chart.empty.isHidden()
