"""The interface switched to another language for a test: its catalogue compiled afresh from
the .po source (so a test never reads a stale .mo), then English restored afterwards."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from otdesk import catalogues
from otdesk.domain import translation
from otdesk.ui.shell import i18n


@contextmanager
def interface_in(
    app: QApplication, language: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Compile ``language``'s catalogue into ``folder``, install it, and take it out again."""
    target = folder / language / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(catalogues.catalogue_path(language, ".po"), target)
    catalogues.compile_catalogues(folder)
    monkeypatch.setattr(catalogues, "locale_dir", lambda: folder)
    installed = i18n.install_translators(app, language)
    try:
        assert translation.current_language() == language, f"{language} did not load"
        yield
    finally:
        i18n.remove_translators(app, installed)
        i18n.install_translators(app, "en")  # English and its locale for the next test
