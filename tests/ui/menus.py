"""Context menus in tests: a right-click as Qt delivers it, and a choice from the menu shown."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot


def right_click(widget: QWidget, pos: QPoint) -> None:
    """What a right-click (or the menu key) sends: QTest's clicks send no context-menu event."""
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, widget.mapToGlobal(pos))
    QApplication.sendEvent(widget, event)


def choose_from_menu(qtbot: QtBot, choice: str) -> list[str]:
    """Choose the item whose text contains ``choice`` from the menu on screen; return the
    menu's items."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    items = [a.text() for a in menu.actions()]
    next(a for a in menu.actions() if choice in a.text()).trigger()
    menu.close()
    return items
