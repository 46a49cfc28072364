"""Per-workstation preferences (language, font size, window layout) as typed properties.

Clinic-wide settings live in the database (``services.settings``); this wrapper is the only
code that reads or writes ``QSettings`` keys.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from otdesk.services.summaries import SortKey

START_PAGES = ("caseload", "dashboard")


class UiSettings:
    """Typed access to the workstation's stored preferences."""

    DEFAULT_FONT_SIZE = 11
    MIN_FONT_SIZE = 8
    MAX_FONT_SIZE = 24

    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings if settings is not None else QSettings("otdesk", "otdesk")

    @classmethod
    def in_file(cls, path: str) -> UiSettings:
        """Preferences kept in an INI file (tests, portable installs)."""
        return cls(QSettings(path, QSettings.Format.IniFormat))

    def _get_str(self, key: str, default: str) -> str:
        value = self._s.value(key, default)
        return str(value) if value is not None else default

    def _get_int(self, key: str, default: int) -> int:
        try:
            return int(str(self._s.value(key, default)))
        except (TypeError, ValueError):
            return default

    def _get_bytes(self, key: str) -> QByteArray:
        value = self._s.value(key)
        return value if isinstance(value, QByteArray) else QByteArray()

    @property
    def language(self) -> str:
        """The interface language code ("en", "es")."""
        return self._get_str("ui/language", "en")

    @language.setter
    def language(self, code: str) -> None:
        self._s.setValue("ui/language", code)

    @property
    def font_point_size(self) -> int:
        """Base font size in points; the whole app scales from it."""
        size = self._get_int("ui/font_point_size", self.DEFAULT_FONT_SIZE)
        return max(self.MIN_FONT_SIZE, min(self.MAX_FONT_SIZE, size))

    @font_point_size.setter
    def font_point_size(self, size: int) -> None:
        self._s.setValue("ui/font_point_size", int(size))

    @property
    def window_geometry(self) -> QByteArray:
        """The main window's saved geometry (empty when never saved)."""
        return self._get_bytes("window/geometry")

    @window_geometry.setter
    def window_geometry(self, data: QByteArray) -> None:
        self._s.setValue("window/geometry", data)

    @property
    def window_state(self) -> QByteArray:
        """The main window's saved tool-bar and dock state."""
        return self._get_bytes("window/state")

    @window_state.setter
    def window_state(self, data: QByteArray) -> None:
        self._s.setValue("window/state", data)

    @property
    def last_staff_id(self) -> int | None:
        """The staff member who last used this workstation."""
        value = self._get_int("session/last_staff_id", 0)
        return value or None

    @last_staff_id.setter
    def last_staff_id(self, staff_id: int | None) -> None:
        self._s.setValue("session/last_staff_id", int(staff_id or 0))

    @property
    def start_page(self) -> str:
        """The page the window opens on: the one on show when it last closed."""
        page = self._get_str("window/start_page", START_PAGES[0])
        return page if page in START_PAGES else START_PAGES[0]

    @start_page.setter
    def start_page(self, page: str) -> None:
        if page in START_PAGES:
            self._s.setValue("window/start_page", page)

    @property
    def caseload_sort(self) -> tuple[SortKey, bool]:
        """The caseload's order: the column's sort key, and True for descending."""
        try:
            key = SortKey(self._get_str("views/caseload/sort", SortKey.NAME.value))
        except ValueError:
            key = SortKey.NAME
        return key, self._get_str("views/caseload/descending", "false") == "true"

    @caseload_sort.setter
    def caseload_sort(self, value: tuple[SortKey, bool]) -> None:
        self._s.setValue("views/caseload/sort", value[0].value)
        self._s.setValue("views/caseload/descending", "true" if value[1] else "false")

    def header_state(self, view: str) -> QByteArray:
        """Saved column widths and order of a table ``view``."""
        return self._get_bytes(f"views/{view}/header")

    def set_header_state(self, view: str, data: QByteArray) -> None:
        """Remember column widths and order of a table ``view``."""
        self._s.setValue(f"views/{view}/header", data)

    def sync(self) -> None:
        """Write pending changes to storage now."""
        self._s.sync()
