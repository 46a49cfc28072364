"""The navigation pane: Dashboard, Caseload, Home modifications, and one closable entry per
open client.

Entries are named by keys ("dashboard", "caseload", "client:42"); the window maps keys to the
pages of its stack. The pane knows nothing about what the pages are.

In a narrow window (a laptop at 125 % scaling is about 1,100 pixels wide) the pane turns
compact: icons only, each entry naming itself in its tooltip (and, unchanged, to screen
readers), which gives the page some 170 pixels more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.translation import _
from otdesk.ui.parts.icons import icon
from otdesk.ui.parts.style import BORDER, MARGIN, SPACING, UNIT, set_role
from otdesk.ui.shell.keys import CLOSE_OPEN_CLIENT, add_shortcut

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent

DASHBOARD = "dashboard"
CASELOAD = "caseload"
MODIFICATIONS = "modifications"
KeyRole = Qt.ItemDataRole.UserRole + 1
ClosableRole = Qt.ItemDataRole.UserRole + 2
_HEADER = "header:open-clients"
FULL_WIDTH = 230
COMPACT_WIDTH = 60
NAME_CHARS = 19  # a client's name, in average characters, that fits beside its icon
ENTRY_CHROME = 20 + 5 * UNIT + 2 * SPACING  # icon, paddings and close button, pane margins


def client_key(client_id: int) -> str:
    """The navigation key of an open client."""
    return f"client:{client_id}"


def client_id_of(key: str) -> int | None:
    """The client id in a navigation key, or None for other pages."""
    if key.startswith("client:"):
        try:
            return int(key.split(":", 1)[1])
        except ValueError:
            return None
    return None


class _Delegate(QStyledItemDelegate):
    """Paints a small close button on closable entries and reports clicks on it."""

    close_clicked = Signal(str)
    compact = False  # icons only: no titles, no close buttons (Delete or the menu close)

    def _close_rect(self, rect: QRect) -> QRect:
        size = min(rect.height() - SPACING, 16)
        return QRect(rect.right() - size - SPACING, rect.center().y() - size // 2 + 1, size, size)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        # Heights follow the current text size, so View > Bigger text needs no bookkeeping.
        height = option.fontMetrics.height()
        if index.data(KeyRole) == _HEADER:
            return QSize(0, 2 * SPACING + 1 if self.compact else 3 * SPACING + height)
        return QSize(0, height + 2 * SPACING + 4)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if self.compact:
            self._paint_compact(painter, option, index)
            return
        super().paint(painter, option, index)
        if index.data(ClosableRole):
            icon("close").paint(painter, self._close_rect(option.rect))

    def _paint_compact(
        self, painter: QPainter, option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if index.data(KeyRole) == _HEADER:  # "Open clients" becomes a dividing line
            y = option.rect.center().y()
            painter.save()
            painter.setPen(QColor(BORDER))
            painter.drawLine(option.rect.left() + SPACING, y, option.rect.right() - SPACING, y)
            painter.restore()
            return
        super().paint(painter, option, index)  # its text left out by ``initStyleOption``

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if self.compact:
            option.text = ""

    def editorEvent(self, event: QEvent, model: object, option: QStyleOptionViewItem,
                    index: QModelIndex | QPersistentModelIndex) -> bool:
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QMouseEvent

        if (
            not self.compact
            and event.type() == QEvent.Type.MouseButtonRelease
            and index.data(ClosableRole)
            and isinstance(event, QMouseEvent)
            and self._close_rect(option.rect).contains(event.position().toPoint())
        ):
            self.close_clicked.emit(index.data(KeyRole))
            return True
        return super().editorEvent(event, model, option, index)  # type: ignore[arg-type]


class Navigation(QFrame):
    """Where the user goes: the fixed pages and the clients they have open."""

    page_selected = Signal(str)
    close_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "navigation")
        brand = QLabel(self)
        brand.setPixmap(icon("app").pixmap(QSize(28, 28)))
        name = QLabel("otdesk", self)
        set_role(name, "h2")
        self._name = name
        self.list = QListWidget(self)
        self.list.setObjectName("navigation")
        self.list.setAccessibleName(_("Navigation"))
        self.list.setIconSize(QSize(20, 20))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.currentItemChanged.connect(self._current_changed)
        # Delete closes the selected client's entry, as in a tabbed editor's document list.
        add_shortcut(CLOSE_OPEN_CLIENT, self.list, self._close_current)
        self._delegate = _Delegate(self.list)
        self._delegate.close_clicked.connect(self.close_requested)
        self.list.setItemDelegate(self._delegate)
        self._add(DASHBOARD, _("Dashboard"), "dashboard", closable=False)
        self._add(CASELOAD, _("Caseload"), "caseload", closable=False)
        self._add(MODIFICATIONS, _("Home modifications"), "modifications", closable=False)
        self._header = QListWidgetItem(_("Open clients"))
        self._header.setData(KeyRole, _HEADER)
        self._header.setFlags(Qt.ItemFlag.NoItemFlags)
        font = self._header.font()
        font.setBold(True)
        self._header.setFont(font)

        brand_row = QHBoxLayout()
        brand_row.setSpacing(SPACING)
        brand_row.addWidget(brand)
        brand_row.addWidget(name)
        brand_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, MARGIN, SPACING, MARGIN)
        layout.setSpacing(MARGIN)
        layout.addLayout(brand_row)
        layout.addWidget(self.list, 1)
        self.setFixedWidth(self.full_width())
        # Larger text widens the pane, so "Open clients" and names stay whole.
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.fontChanged.connect(self._fit_width)  # a method: gone with the pane

    def full_width(self) -> int:
        """The pane's width with titles: wider with larger text, never below ``FULL_WIDTH``."""
        font = QFont(QGuiApplication.font())
        widest = QFontMetrics(font).averageCharWidth() * NAME_CHARS
        font.setBold(True)  # the current page's title is bold, and must stay whole too
        bold = QFontMetrics(font)
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item is not self._header and not item.data(ClosableRole):
                widest = max(widest, bold.horizontalAdvance(item.text()))
        widest = max(widest, QFontMetrics(font).horizontalAdvance(self._header.text()))
        return max(FULL_WIDTH, widest + ENTRY_CHROME)

    def _fit_width(self, _font: QFont | None = None) -> None:
        if not self._delegate.compact:
            self.setFixedWidth(self.full_width())

    def is_compact(self) -> bool:
        """Whether the pane shows icons only."""
        return self._delegate.compact

    def set_compact(self, compact: bool) -> None:
        """Show icons only (a narrow window), or icons and titles."""
        if compact == self._delegate.compact:
            return
        self._delegate.compact = compact
        self._name.setVisible(not compact)
        self.setFixedWidth(COMPACT_WIDTH if compact else self.full_width())
        # Laid out and repainted afresh: the "Open clients" line changes height.
        self.list.doItemsLayout()

    def _add(self, key: str, title: str, icon_name: str, *, closable: bool) -> QListWidgetItem:
        item = QListWidgetItem(icon(icon_name), title)
        item.setData(KeyRole, key)
        item.setData(ClosableRole, closable)
        item.setToolTip(title)
        self.list.addItem(item)
        return item


    def _item(self, key: str) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(KeyRole) == key:
                return item
        return None

    def keys(self) -> list[str]:
        """The keys of every entry, in order."""
        keys = [self.list.item(r).data(KeyRole) for r in range(self.list.count())]
        return [k for k in keys if k != _HEADER]

    def current_key(self) -> str | None:
        """The key of the selected entry."""
        item = self.list.currentItem()
        return str(item.data(KeyRole)) if item is not None else None

    def add_client(self, key: str, title: str) -> None:
        """Add an entry for an open client (under "Open clients")."""
        if self._item(key) is not None:
            return
        if self.list.row(self._header) < 0:
            self.list.addItem(self._header)
        self._add(key, title, "client", closable=True)

    def set_title(self, key: str, title: str) -> None:
        """Rename an entry (a client's name changed)."""
        item = self._item(key)
        if item is not None:
            item.setText(title)
            item.setToolTip(title)

    def remove(self, key: str) -> None:
        """Remove a client's entry."""
        item = self._item(key)
        if item is None:
            return
        self.list.takeItem(self.list.row(item))
        if not any(client_id_of(k) is not None for k in self.keys()):
            row = self.list.row(self._header)
            if row >= 0:
                self.list.takeItem(row)

    def select(self, key: str) -> None:
        """Mark ``key`` as the current page without announcing it."""
        item = self._item(key)
        if item is not None and item is not self.list.currentItem():
            # Only the list's own signals are blocked: its selection model still tells the
            # view, which repaints the two entries itself.
            self.list.blockSignals(True)
            self.list.setCurrentItem(item)
            self.list.blockSignals(False)

    def _current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None and current.data(KeyRole) != _HEADER:
            self.page_selected.emit(current.data(KeyRole))

    def _context_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is None or not item.data(ClosableRole):
            return
        from PySide6.QtWidgets import QMenu

        menu = QMenu(self)
        key = item.data(KeyRole)
        menu.addAction(icon("close"), _("Close"), lambda: self.close_requested.emit(key))
        menu.exec(self.list.viewport().mapToGlobal(pos))

    def _close_current(self) -> None:
        item = self.list.currentItem()
        if item is not None and item.data(ClosableRole):
            self.close_requested.emit(item.data(KeyRole))
