"""One spacing and typography scheme and one calm, high-contrast style sheet for the whole app.

Widgets never pick their own colours or sizes: they set a *role* property (``set_role``) and the
style sheet, generated from the base font size, does the rest. Changing the font size in the
settings regenerates the sheet, so headings scale with the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from otdesk.resources import resource_path

STYLE = "Fusion"  # the one widget style, whatever the desktop's theme
STYLE_SET = "otdesk-style"  # application property: the style in use when otdesk chose it

# Spacing: everything is a multiple of one unit (in device-independent pixels).
UNIT = 8
SPACING = UNIT
MARGIN = 2 * UNIT
SECTION_SPACING = 3 * UNIT
FIELD_SPACING = UNIT + UNIT // 2
ITEM_PADDING = UNIT // 2 + 2  # left and right of the text in a table's cell

# Typography: heading sizes relative to the base font.
H1_SCALE = 1.6
H2_SCALE = 1.25
SMALL_SCALE = 0.9

# Colours: dark text on light surfaces, contrast above WCAG AA for all text colours.
TEXT = "#1d2733"
MUTED = "#4f5d6b"
WINDOW = "#f3f5f7"
SURFACE = "#ffffff"
BORDER = "#ccd3db"
ACCENT = "#1c63a6"
ACCENT_SOFT = "#dbe8f5"
SELECTION_TEXT = "#0f2840"


@dataclass(frozen=True)
class StatusColour:
    """How an urgency is shown: a colour and, always, words (never colour only)."""

    foreground: str
    background: str


OVERDUE = StatusColour("#a31b12", "#fde8e6")
DUE = StatusColour("#7a4d00", "#fff3d6")
INFO = StatusColour("#1c5a94", "#e3eef9")

STATUS_COLOURS = {"overdue": OVERDUE, "due": DUE, "info": INFO}


def status_colour(urgency: str) -> StatusColour:
    """The colours of an urgency ("overdue", "due", "info")."""
    return STATUS_COLOURS.get(urgency, INFO)


def set_role(widget: QWidget, role: str) -> None:
    """Give ``widget`` a style role ("h1", "h2", "muted", "card", "badge", ...)."""
    widget.setProperty("role", role)
    if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        return  # the first polish (when shown) reads the role
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    # Frames (labels too) recompute their padding and border from the new rule only on a
    # style change; without it a label given a role after it was shown keeps its old box.
    from PySide6.QtCore import QEvent  # not at the top: its Python type is costly to make

    QApplication.sendEvent(widget, QEvent(QEvent.Type.StyleChange))
    widget.updateGeometry()


def forget_closed_widgets(app: QApplication) -> None:
    """Let the style sheet forget what it worked out for widgets that are being closed.

    Qt's style sheet style keeps the rules it resolved for each widget until the widget is
    destroyed, but never forgets those of widgets it does not style on their own (a combo
    box's list popup, an editable combo box's line edit, a scroll area's viewport): measured
    with heaptrack, 6.2 KiB stayed behind for each client record opened and closed, two
    thirds of it from the Overview's four combo boxes. Unpolishing the application empties
    that memo for every widget (under 1 ms); widgets still on screen work their rules out
    again when next painted, and the sheet is read again (its chevron is drawn anew once:
    about 1 KiB, in Qt's pixmap cache, which is bounded and trimmed while the app is idle).
    Call it when a screen full of widgets closes, not per widget.
    """
    if app.styleSheet():
        app.style().unpolish(app)


def _icon_url(name: str) -> str:
    # Style sheets take file paths with forward slashes, on Windows too.
    return resource_path("icons", f"{name}.svg").as_posix()


def _pt(base: int, scale: float) -> int:
    return max(1, round(base * scale))


def stylesheet(base_pt: int) -> str:
    """The application style sheet for a base font of ``base_pt`` points."""
    # Scroll bars and tool buttons in forms are drawn by this sheet, not by Fusion: under an
    # application palette each widget's palette has a cache key of its own, so what Fusion
    # drew for one (kept in Qt's pixmap cache under that key) was never drawn from again and
    # stayed until the cache was full: about 5 KiB per client record opened and closed.
    h1, h2, small = _pt(base_pt, H1_SCALE), _pt(base_pt, H2_SCALE), _pt(base_pt, SMALL_SCALE)
    return f"""
QMainWindow, QDialog {{ background: {WINDOW}; }}
QLabel[role="h1"] {{ font-size: {h1}pt; font-weight: 600; color: {TEXT}; }}
QLabel[role="h2"] {{ font-size: {h2}pt; font-weight: 600; color: {TEXT}; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="small"] {{ color: {MUTED}; font-size: {small}pt; }}
QLabel[role="field-error"] {{ color: {OVERDUE.foreground}; font-size: {small}pt; }}
QLabel[role="empty"] {{ color: {MUTED}; font-size: {h2}pt; }}
QLabel[role="badge"] {{
    background: {ACCENT_SOFT}; color: {SELECTION_TEXT}; border-radius: {UNIT}px;
    padding: 1px {UNIT}px; font-weight: 600;
}}
QLabel[role="badge-overdue"] {{
    background: {OVERDUE.background}; color: {OVERDUE.foreground}; border-radius: {UNIT}px;
    padding: 1px {UNIT}px; font-weight: 600;
}}
QLabel[role="banner-error"] {{
    background: {OVERDUE.background}; color: {OVERDUE.foreground};
    border: 1px solid {OVERDUE.foreground}; border-radius: 4px; padding: {UNIT}px;
}}
QLabel[role="banner-note"] {{
    background: {DUE.background}; color: {DUE.foreground};
    border: 1px solid {DUE.foreground}; border-radius: 4px; padding: {UNIT}px;
}}
QLabel[role="banner-ok"] {{
    background: #e5f4ea; color: #14532d; border: 1px solid #2f7a4a;
    border-radius: 4px; padding: {UNIT}px;
}}
QLabel[role="banner-locked"] {{
    background: #e9eef4; color: {TEXT}; border: 1px solid #5b6b7d;
    border-left: {UNIT // 2}px solid #34495e; border-radius: 4px; padding: {UNIT}px;
}}
QPlainTextEdit[role="locked"], QLineEdit[role="locked"], QSpinBox[role="locked"] {{
    background: #eceff3; color: {TEXT}; border: 1px solid {MUTED};
    border-left: 4px solid {MUTED}; border-radius: 4px; padding: {UNIT}px;
}}
QFrame[role="card"] {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px;
}}
QFrame[role="navigation"] {{ background: #e8ecf0; border: none; }}
QListWidget#navigation {{
    background: transparent; border: none; outline: none;
}}
QListWidget#navigation::item {{
    padding: {UNIT}px {3 * UNIT}px {UNIT}px {UNIT}px; border-radius: 4px;
    margin: 1px {UNIT // 2}px; color: {TEXT};
}}
QListWidget#navigation::item:selected {{
    background: {SURFACE}; color: {SELECTION_TEXT}; border-left: 4px solid {ACCENT};
    font-weight: 600;
}}
QListWidget#navigation::item:hover:!selected {{ background: #d7dee6; }}
QTabWidget::pane {{ border: none; border-top: 1px solid {BORDER}; top: -1px; }}
QTabBar::tab {{
    background: transparent; color: {MUTED}; border: none;
    border-bottom: 3px solid transparent; padding: {UNIT - 2}px {UNIT - 2}px; margin: 0;
}}
QTabBar::tab:selected {{ color: {TEXT}; border-bottom: 3px solid {ACCENT}; }}
QTabBar::tab:hover:!selected {{ color: {TEXT}; background: #e4e9ee; }}
QTabBar::tab:focus {{ background: {ACCENT_SOFT}; }}
QTableView, QListView, QTreeView {{
    background: {SURFACE}; alternate-background-color: #f7f9fb; color: {TEXT};
    gridline-color: #e3e7eb; border: 1px solid {BORDER};
    selection-background-color: {ACCENT}; selection-color: white;
}}
QTableView::item {{ padding: 0 {ITEM_PADDING}px; }}
QHeaderView::section {{
    background: #eef1f4; color: {TEXT}; border: none; border-bottom: 1px solid {BORDER};
    border-right: 1px solid #e0e4e8; padding: {UNIT // 2}px {UNIT}px; font-weight: 600;
}}
QLineEdit, QComboBox, QSpinBox, QPlainTextEdit, QTextEdit, QDateEdit {{
    background: {SURFACE}; color: {TEXT}; border: 1px solid {BORDER}; border-radius: 4px;
    padding: {UNIT // 2}px {UNIT - 2}px;
}}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QPlainTextEdit:focus, QTextEdit:focus {{
    border: 2px solid {ACCENT};
}}
QLineEdit[invalid="true"], QSpinBox[invalid="true"], QPlainTextEdit[invalid="true"] {{
    border: 2px solid {OVERDUE.foreground};
}}
QComboBox {{ padding-right: {3 * UNIT}px; }}
QComboBox::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: {3 * UNIT}px;
    border: none;
}}
QComboBox::down-arrow {{ width: 12px; height: 12px; }}
QComboBox QAbstractItemView {{
    background: {SURFACE}; selection-background-color: {ACCENT}; selection-color: white;
}}
QSpinBox {{ padding-right: {3 * UNIT}px; }}
QSpinBox::up-button, QSpinBox::down-button {{
    subcontrol-origin: border; width: {3 * UNIT - 4}px; border: none; background: transparent;
}}
QSpinBox::up-button {{ subcontrol-position: top right; }}
QSpinBox::down-button {{ subcontrol-position: bottom right; }}
QSpinBox::up-arrow {{ image: url("{_icon_url("chevron-up")}"); width: 10px; height: 10px; }}
QSpinBox::down-arrow {{ width: 10px; height: 10px; }}
QDateEdit {{ padding-right: {3 * UNIT}px; }}
QDateEdit::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: {3 * UNIT}px;
    border: none;
}}
QDateEdit::down-arrow {{ width: 12px; height: 12px; }}
/* One declaration of the chevron for all: each declaration of an image is a picture of its
   own in Qt's pixmap cache, made again whenever the sheet is read again. */
QComboBox::down-arrow, QSpinBox::down-arrow, QDateEdit::down-arrow,
QToolButton[role="filter"]::menu-indicator {{ image: url("{_icon_url("chevron-down")}"); }}
QGroupBox {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px;
    margin-top: 1.7em; padding: 0.5em {UNIT // 2}px {UNIT // 2}px {UNIT // 2}px;
}}
QGroupBox::title {{
    subcontrol-origin: margin; subcontrol-position: top left; left: 1px; top: 0.2em;
    padding: 0; color: {TEXT}; font-weight: 600;
}}
QToolButton[role="filter"] {{ padding-right: {3 * UNIT}px; }}
QToolButton[role="filter"]::menu-indicator {{
    width: 12px; height: 12px;
    subcontrol-origin: padding; subcontrol-position: center right; right: {UNIT // 2}px;
}}
QPushButton, QToolButton[role="filter"], QToolButton[role="field-button"] {{
    background: {SURFACE}; color: {TEXT}; border: 1px solid #aeb8c2; border-radius: 4px;
    padding: {UNIT // 2}px {2 * UNIT}px;
}}
QToolButton[role="field-button"] {{ padding: {UNIT // 4}px {UNIT // 2 + 2}px; }}
QPushButton:hover, QToolButton[role="filter"]:hover, QToolButton[role="field-button"]:hover {{
    background: #eef3f8;
}}
QPushButton:focus, QToolButton[role="filter"]:focus {{ border: 2px solid {ACCENT}; }}
QPushButton:default, QPushButton[role="primary"] {{
    background: {ACCENT}; color: white; border: 1px solid {ACCENT};
}}
QPushButton[role="primary"]:hover {{ background: #17538c; }}
QPushButton:checked {{
    background: {ACCENT_SOFT}; border: 1px solid {ACCENT}; color: {SELECTION_TEXT};
}}
QPushButton[role="chip"], QPushButton[role="chip-overdue"] {{
    border-radius: {UNIT + 4}px; padding: {UNIT // 2}px {2 * UNIT - 4}px; font-weight: 600;
}}
QPushButton[role="chip-overdue"] {{
    color: {OVERDUE.foreground}; border-color: {OVERDUE.foreground};
    background: {OVERDUE.background};
}}
QPushButton:disabled {{ color: #8a96a3; background: #f0f2f4; border-color: #d5dbe1; }}
QPushButton[role="option"] {{ padding: {UNIT // 2}px {UNIT}px; }}
QPushButton[role="option"]:checked {{
    background: {ACCENT}; color: #ffffff; border: 1px solid {ACCENT};
}}
QPushButton[role="option"]:checked:disabled {{
    background: {ACCENT_SOFT}; color: {SELECTION_TEXT}; border: 1px solid {ACCENT};
}}
QFrame[role="item"] {{ border: 2px solid transparent; border-radius: 6px; }}
QFrame[role="item"]:focus {{ border: 2px solid {ACCENT}; background: #eef4fb; }}
QFrame[role="item-missing"] {{
    border: 2px solid {OVERDUE.foreground}; border-radius: 6px; background: {OVERDUE.background};
}}
QScrollBar:vertical {{ background: #eef1f4; width: 14px; margin: 0; border: none; }}
QScrollBar:horizontal {{ background: #eef1f4; height: 14px; margin: 0; border: none; }}
QScrollBar::handle {{ background: #7b8794; border-radius: 4px; margin: 3px; }}
QScrollBar::handle:vertical {{ min-height: {3 * UNIT}px; }}
QScrollBar::handle:horizontal {{ min-width: {3 * UNIT}px; }}
QScrollBar::handle:hover, QScrollBar::handle:pressed {{ background: #56626e; }}
QScrollBar::add-line, QScrollBar::sub-line {{
    width: 0; height: 0; border: none; background: none;
}}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QStatusBar {{ background: #e8ecf0; color: {TEXT}; }}
QStatusBar QLabel {{ color: {TEXT}; }}
QScrollArea#dashboard-scroll, QWidget#dashboard-body {{ background: {WINDOW}; border: none; }}
QProgressBar {{
    border: 1px solid {BORDER}; border-radius: 4px; background: {SURFACE}; text-align: center;
    min-height: {2 * UNIT}px;
}}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 3px; }}
"""


def _palette() -> QPalette:
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, QColor(WINDOW))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Base, QColor(SURFACE))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#f7f9fb"))
    pal.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Button, QColor("#e9edf1"))
    pal.setColor(QPalette.ColorRole.ButtonText, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor(SURFACE))
    pal.setColor(QPalette.ColorRole.ToolTipText, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor("#6b7785"))
    pal.setColor(QPalette.ColorRole.Link, QColor(ACCENT))
    return pal


def apply_style(app: QApplication) -> None:
    """Use one widget style and a light, high-contrast palette whatever the desktop theme."""
    if app.property(STYLE_SET) != STYLE and STYLE in QStyleFactory.keys():  # noqa: SIM118
        app.setStyle(STYLE)
        app.setProperty(STYLE_SET, STYLE)
    app.setPalette(_palette())


def apply_font_size(app: QApplication, point_size: int) -> None:
    """Scale the whole app: the application font and the style sheet built from it."""
    font = QFont(app.font())
    font.setPointSize(point_size)
    app.setFont(font)
    app.setStyleSheet(stylesheet(point_size))
