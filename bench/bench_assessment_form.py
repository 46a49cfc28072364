"""Opening a generated assessment form, and updating its scores after an answer (issue 14).

    python -m bench.bench_assessment_form [--runs 30] [--items 60]

1. Opening a 60-item form generated from a definition (six sections of choice, number, text
   and date items) until it is painted, against building the same widgets directly (the same
   labels, option buttons, text boxes, roles and layouts, written out by hand) in the same
   run, alternating the two. Target: the generated form at most 2x the direct build.
2. Updating the scores after an answer: from a number key on a focused item until the score
   panel shows the new scores (the answer taken, conditions applied, every score worked out
   and the panel's labels set). Target: p95 under one frame (16 ms).

Both run under the desktop's own style (palette, font size and style sheet).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import count_paints, desktop, percentile, run_deferred_deletes, summary

LANGUAGE = "en"
SECTIONS = 6


def _texts(text: str) -> dict[str, str]:
    return {"en": text, "es": text, "fr": text}


def definition_of(n_items: int) -> Any:
    """A made-up definition of ``n_items`` items: mostly five-point choices, some numbers,
    texts and dates, with help on every third item and a score per section plus a total."""
    from otdesk.domain.definitions import Definition

    levels = ["Always", "Mostly", "Sometimes", "Rarely", "Never"]
    scale = {"options": [{"code": f"l{n}", "label": _texts(t), "score": 4 - n}
                         for n, t in enumerate(levels)]}
    per = n_items // SECTIONS
    sections = []
    for s in range(SECTIONS):
        items: list[dict[str, Any]] = []
        for i in range(per):
            key = f"s{s}_i{i}"
            item: dict[str, Any] = {"key": key, "text": _texts(f"Item {i + 1} of area {s + 1}: "
                                                             "does the everyday task safely"),
                                    "domain": f"d{s}"}
            if i == per - 1:
                item |= {"type": "text", "domain": None}
            elif i == per - 2 and s % 2:
                item |= {"type": "date", "domain": None}
            elif i == per - 2:
                item |= {"type": "number", "min": 0, "max": 10}
            else:
                item |= {"scale": "often", "required": i == 0}
            if i % 3 == 0:
                item["help"] = _texts("Ask about the last two weeks; count prompts as help.")
            items.append({k: v for k, v in item.items() if v is not None})
        sections.append({"key": f"s{s}", "title": _texts(f"Area {s + 1}"), "items": items})
    scoring: list[dict[str, Any]] = [
        {"key": f"d{s}", "label": _texts(f"Area {s + 1}"), "method": "percent",
         "domain": f"d{s}"} for s in range(SECTIONS)]
    scoring.append({"key": "total", "label": _texts("Total"), "method": "sum",
                    "items": [f"s{s}_i{i}" for s in range(SECTIONS) for i in range(per - 2)],
                    "bands": []})
    return Definition.model_validate({
        "id": "bench-form", "version": "1", "kind": "scale", "title": _texts("Bench form"),
        "licence": _texts("test only"), "scales": {"often": scale}, "sections": sections,
        "scoring": scoring, "total": "total"})


def build_directly(definition: Any, parent: Any) -> Any:
    """The same widgets the generated form makes, written out by hand."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QFrame,
        QHBoxLayout,
        QLabel,
        QLineEdit,
        QPushButton,
        QScrollArea,
        QVBoxLayout,
        QWidget,
    )

    from otdesk.ui.editing.form_fields import DateField
    from otdesk.ui.parts.style import set_role

    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    body = QWidget(area)
    layout = QVBoxLayout(body)
    options = definition.scales["often"].options
    for section in definition.sections:
        group = QWidget(body)
        box = QVBoxLayout(group)
        title = QLabel(section.title.text(LANGUAGE), group)
        set_role(title, "h2")
        box.addWidget(title)
        for item in section.items:
            row = QFrame(group)
            set_role(row, "item")
            rbox = QVBoxLayout(row)
            label = QLabel(item.text.text(LANGUAGE), row)
            label.setWordWrap(True)
            rbox.addWidget(label)
            if item.help is not None:
                help_label = QLabel(item.help.text(LANGUAGE), row)
                help_label.setWordWrap(True)
                set_role(help_label, "small")
                rbox.addWidget(help_label)
            if item.type == "choice":
                line = QHBoxLayout()
                for option in options:
                    button = QPushButton(f"{option.shortcut}  {option.label.text(LANGUAGE)}",
                                         row)
                    button.setCheckable(True)
                    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                    set_role(button, "option")
                    line.addWidget(button)
                line.addStretch(1)
                rbox.addLayout(line)
                row.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            elif item.type == "date":
                rbox.addWidget(DateField(row))
            else:
                rbox.addWidget(QLineEdit(row))
            box.addWidget(row)
        layout.addWidget(group)
    layout.addStretch(1)
    area.setWidget(body)
    return area


def _open(qt_app: Any, make: Any) -> float:
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    window = QWidget()
    window.resize(1100, 800)
    box = QVBoxLayout(window)
    start = time.perf_counter()
    widget = make(window)
    box.addWidget(widget)
    paints = count_paints(widget.widget())  # the scrolled body: the items are on screen
    window.show()
    deadline = time.perf_counter() + 5
    while paints.count == 0 and time.perf_counter() < deadline:
        qt_app.processEvents()
    if paints.count == 0:
        raise RuntimeError("the form was never painted")
    elapsed = (time.perf_counter() - start) * 1000
    window.close()
    window.deleteLater()
    qt_app.processEvents()
    run_deferred_deletes()
    return elapsed


def bench_open(qt_app: Any, definition: Any, runs: int) -> None:
    from otdesk.ui.assessments.form import AssessmentForm

    def generated(parent: Any) -> Any:
        return AssessmentForm(definition, language=LANGUAGE, parent=parent)

    def direct(parent: Any) -> Any:
        return build_directly(definition, parent)

    for make in (generated, direct):  # warm both (code loaded, style sheet parsed)
        _open(qt_app, make)
    gen: list[float] = []
    hand: list[float] = []
    for _run in range(runs):
        gen.append(_open(qt_app, generated))
        hand.append(_open(qt_app, direct))
    ratio = statistics.median(gen) / statistics.median(hand)
    items = len(definition.items())
    print(f"1. opening a {items}-item form until painted ({runs} runs each, alternating)")
    print(f"   generated from the definition  {summary(gen)}")
    print(f"   the same widgets built directly {summary(hand)}")
    verdict = "met" if ratio <= 2 else "NOT met"
    print(f"   ratio of medians {ratio:.2f}x   (target <= 2x: {verdict})")


def bench_scores(qt_app: Any, definition: Any, runs: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QHBoxLayout, QWidget

    from otdesk.domain.definitions import score
    from otdesk.ui.assessments.form import AssessmentForm
    from otdesk.ui.assessments.score_panel import ScorePanel

    window = QWidget()
    window.resize(1300, 800)
    form = AssessmentForm(definition, language=LANGUAGE, parent=window)
    panel = ScorePanel(definition, LANGUAGE, window)
    form.answers_changed.connect(lambda: panel.show_result(score(definition, form.answers())))
    box = QHBoxLayout(window)
    box.addWidget(form, 1)
    box.addWidget(panel)
    window.show()
    qt_app.processEvents()
    choices = [k for k, row in form.rows.items() if row.options]
    times: list[float] = []
    keys = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5]
    for n in range(runs * 10):
        key = choices[n % len(choices)]
        target = form.rows[key]
        form.focus_item(key)
        start = time.perf_counter()
        QTest.keyClick(target, keys[n % len(keys)])
        times.append((time.perf_counter() - start) * 1000)
        qt_app.processEvents()
    window.close()
    p95 = percentile(times, 95)
    print("2. updating the scores after an answer (a number key on a focused item until the")
    print("   panel shows every score again)")
    print(f"   {summary(times)}   (target p95 < 16 ms: {'met' if p95 < 16 else 'NOT met'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--items", type=int, default=60)
    args = parser.parse_args()
    qt_app, _app = desktop(Path(tempfile.mkdtemp()) / "bench-form.sqlite")
    definition = definition_of(args.items)
    bench_open(qt_app, definition, args.runs)
    bench_scores(qt_app, definition, args.runs)


if __name__ == "__main__":
    main()
