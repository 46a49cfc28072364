"""The interface switched to Spanish for a test: the catalogue compiled afresh from the .ts
source (so a test never reads a stale .qm), then English restored afterwards."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from otdesk.ui import i18n


@contextmanager
def spanish_interface(
    app: QApplication, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Compile the Spanish catalogue into ``folder``, install it, and take it out again."""
    folder.mkdir(parents=True, exist_ok=True)
    source = i18n.translations_dir() / "otdesk_es.ts"
    subprocess.run(
        [i18n.tool("lrelease"), "-silent", str(source), "-qm", str(folder / "otdesk_es.qm")],
        check=True,
    )
    monkeypatch.setattr(i18n, "translations_dir", lambda: folder)
    installed = i18n.install_translators(app, "es")
    try:
        assert installed, "the Spanish catalogue did not load"
        yield
    finally:
        i18n.remove_translators(app, installed)
        i18n.install_translators(app, "en")  # English and its locale for the next test
