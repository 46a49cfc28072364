"""Small widgets every screen shares: labelled fields, field errors, empty states, task status."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QObject,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QMenu,
    QProgressBar,
    QPushButton,
    QWidget,
)

from otdesk.domain.translation import _, fill, ngettext
from otdesk.ui.parts.style import SPACING, set_role
from otdesk.ui.shell.tasks import Task, TaskRunner

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent

    from otdesk.domain.errors import FieldError as FieldErrorInfo


def plain(text: str) -> str:
    """A label's text without its mnemonic ampersands (for accessible names)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(":")


def copy_text(text: str) -> None:
    """Put ``text`` on the clipboard (to paste into another system, a letter, an e-mail)."""
    clipboard = QGuiApplication.clipboard()
    if clipboard is not None:
        clipboard.setText(text)


def offer_row_menu(view: QAbstractItemView, menu_for: Callable[[int], QMenu | None]) -> None:
    """Right-clicking a row of ``view`` (or the menu key, on the current row) selects it and
    shows the menu ``menu_for`` makes for that row."""
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(pos: QPoint) -> None:
        index = view.indexAt(pos)
        if not index.isValid():  # the menu key, or a click below the rows
            index = view.currentIndex()
            if not index.isValid():
                return
            pos = view.visualRect(index).center()
        view.setCurrentIndex(index)
        menu = menu_for(index.row())
        if menu is not None:
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(view.viewport().mapToGlobal(pos))

    view.customContextMenuRequested.connect(show)


def buddy_label(text: str, widget: QWidget, parent: QWidget | None = None) -> QLabel:
    """A label with a mnemonic for ``widget``; also names the widget for screen readers."""
    label = QLabel(text, parent)
    label.setBuddy(widget)
    if not widget.accessibleName():
        widget.setAccessibleName(plain(text))
    return label


def show_banner(label: QLabel, text: str, role: str = "banner-error") -> None:
    """Put ``text`` in a message banner styled by ``role`` ("" hides the banner)."""
    label.setText(text)
    set_role(label, role)
    label.setVisible(bool(text))


def reason_text(reason: str | FieldErrorInfo) -> str:
    """A service's reason for refusing a field as a sentence ("is required" -> "This is required.").

    A reason that reads as a predicate in English ("is required", "must be a date") gets a
    subject, in the interface language.
    """
    from otdesk.domain.errors import FieldError as FieldErrorInfo

    if isinstance(reason, FieldErrorInfo):
        english, text = (reason.template or reason.reason).strip(), reason.reason.strip()
    else:
        english = text = reason.strip()
    if english.startswith(("is ", "must ", "holds ")):
        # TRANSLATORS: {reason} is why a field was refused: "This is required".
        text = _("This {reason}").format(reason=text)
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


class FieldError(QLabel):
    """The reason a field was refused, shown beside (under) the field; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "field-error")
        self.setWordWrap(True)
        self.hide()

    def show_error(self, text: str | None, field: QWidget | None = None) -> None:
        """Show ``text`` (or hide when None) and mark ``field`` as invalid."""
        self.setText(text or "")
        self.setVisible(bool(text))
        if field is not None:
            field.setProperty("invalid", bool(text))
            field.setAccessibleDescription(text or "")
            field.style().unpolish(field)
            field.style().polish(field)


class EmptyState(QLabel):
    """A calm message laid over an item view's empty viewport ("No clients match 'smith'")."""

    def __init__(self, view: QAbstractScrollArea) -> None:
        super().__init__(view)
        self._view = view
        set_role(self, "empty")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setObjectName("empty-state")
        self.hide()
        self._following = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtCore import QEvent

        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show) and watched in (
            self._view,
            self._view.viewport(),
        ):
            self._place()
        return False

    def _follow(self, on: bool) -> None:
        # The viewport is laid out after the view, and a view on a hidden tab is sized only
        # when first shown: while a message shows, follow both, so it never keeps a stale,
        # empty box. (Only then: a view full of rows sends its events nowhere near Python.)
        if on == self._following:
            return
        self._following = on
        for watched in (self._view, self._view.viewport()):
            if on:
                watched.installEventFilter(self)
            else:
                watched.removeEventFilter(self)

    def _place(self) -> None:
        viewport = self._view.viewport().geometry()
        margin = 4 * SPACING
        self.setGeometry(viewport.adjusted(margin, margin, -margin, -margin))

    def show_text(self, text: str) -> None:
        """Show ``text`` over the view (an empty string hides the overlay)."""
        self.setText(text)
        self.setAccessibleName(text)
        self._follow(bool(text))
        if text:
            self._place()
            self.show()
            self.raise_()
        else:
            self.hide()


class TaskStatus(QWidget):
    """The status bar's view of background work: what runs, how far, and Cancel."""

    SHOW_AFTER_MS = 400  # quick tasks (most searches) never flash in the status bar

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks: list[Task] = []
        self._progress: dict[Task, tuple[int, int, str]] = {}
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(180)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(_("Cancel"), self)
        self.cancel_button.setAccessibleName(_("Cancel the background task"))
        self.cancel_button.clicked.connect(self._cancel)
        self.bar.setAccessibleName(_("Progress of the background task"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(self.SHOW_AFTER_MS)
        self._delay.timeout.connect(self._update)
        tasks.started.connect(self._started)
        tasks.ended.connect(self._ended)
        self.hide()

    @property
    def current(self) -> Task | None:
        """The task the status bar shows (the newest still running)."""
        return self._tasks[-1] if self._tasks else None

    def _started(self, task: Task) -> None:
        self._tasks.append(task)
        task.progressed.connect(self._progressed)
        if self.isVisible():
            self._update()
        else:
            self._delay.start()

    def _ended(self, task: Task) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        self._progress.pop(task, None)
        self._update()

    def _progressed(self, done: int, total: int, message: str) -> None:
        task = self.sender()
        if isinstance(task, Task) and task in self._tasks:
            self._progress[task] = (done, total, message)
            if task is self.current and self.isVisible():
                self._show_progress(task)

    def _show_progress(self, task: Task) -> None:
        done, total, message = self._progress.get(task, (0, 0, ""))
        self.bar.setRange(0, max(total, 0))  # 0..0: busy until the task reports progress
        self.bar.setValue(min(done, total) if total > 0 else 0)
        if message:
            self.label.setText(message)

    def _update(self) -> None:
        task = self.current
        if task is None:
            self._delay.stop()
            self.hide()
            return
        more = len(self._tasks) - 1
        text = task.label if not more else fill(
            ngettext("{task} (and {count} more)", "{task} (and {count} more)", more),
            task=task.label, count=more)
        self.label.setText(text)
        self._show_progress(task)
        self.cancel_button.setVisible(task.cancellable)
        self.cancel_button.setEnabled(True)
        self.show()

    def _cancel(self) -> None:
        task = self.current
        if task is not None and task.cancellable:
            task.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(_("Cancelling…"))


class StaffSelector(QWidget):
    """"Signed in as": the active staff members, one of whom the app acts as."""

    staff_chosen = Signal(int, str)  # id, name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.setMinimumContentsLength(18)
        self.combo.setToolTip(_("Who is using otdesk (sign-in with passwords comes later)"))
        label = buddy_label(_("Signed in &as:"), self.combo, self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACING, 0, SPACING, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        self.combo.currentIndexChanged.connect(self._chosen)

    def set_staff(self, members: list[tuple[int, str]], current: int | None) -> None:
        """Offer ``members`` (id, name) and show ``current`` as chosen, without announcing it."""
        self.combo.blockSignals(True)
        self.combo.clear()
        for staff_id, name in members:
            self.combo.addItem(name, staff_id)
        self.combo.setCurrentIndex(max(self.combo.findData(current), 0))
        self.combo.blockSignals(False)

    def select(self, staff_id: int) -> None:
        """Choose ``staff_id`` (announced like a user's choice)."""
        found = self.combo.findData(staff_id)
        if found >= 0:
            self.combo.setCurrentIndex(found)

    def current_id(self) -> int | None:
        """The chosen staff member's id."""
        data = self.combo.currentData()
        return int(data) if data is not None else None

    def _chosen(self, index: int) -> None:
        staff_id = self.combo.itemData(index)
        if staff_id is not None:
            self.staff_chosen.emit(int(staff_id), self.combo.itemText(index))


class FlowLayout(QLayout):
    """Lays widgets out in rows that wrap, like words in a paragraph (Qt's flow layout example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = SPACING) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        # Fill lines left to right; items on a line are centred on it vertically.
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = rect.x()
        for item in self._items:
            hint = item.sizeHint()
            if lines[-1] and x + hint.width() > rect.right() + 1:
                lines.append([])
                x = rect.x()
            lines[-1].append((item, hint))
            x += hint.width() + self._spacing
        y = rect.y()
        for line in lines:
            height = max((hint.height() for _, hint in line), default=0)
            x = rect.x()
            for item, hint in line:
                if move:
                    top = y + (height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), hint))
                x += hint.width() + self._spacing
            y += height + self._spacing
        return max(0, y - self._spacing - rect.y())
