"""Fixtures for the desktop tests: an app context on this test's own database, sample clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from otdesk.services import clients, staff
from otdesk.services.context import Context
from otdesk.ui.shell.app_context import AppContext
from otdesk.ui.shell.session import build_app_context
from otdesk.ui.shell.settings_store import UiSettings

from .interface_language import interface_in

SAMPLE_CLIENTS = (
    ("DEMO-0001", "Ana", "García", date(1985, 4, 12), "es", "active", "urgent"),
    ("DEMO-0002", "Ben", "Okafor", date(1972, 11, 3), "en", "active", "routine"),
    ("DEMO-0003", "Chloé", "Smith", date(1990, 1, 30), "fr", "waitlist", "soon"),
    ("DEMO-0004", "David", "Smithers", date(1963, 7, 19), "en", "referred", "routine"),
    ("DEMO-0005", "Eun-ji", "Park", date(2001, 5, 5), "ko", "on_hold", "routine"),
    ("DEMO-0006", "Farah", "Haddad", date(1979, 9, 21), "ar", "discharged", "routine"),
)


@pytest.fixture
def ui_settings(tmp_path: Path) -> UiSettings:
    """Workstation preferences kept in this test's own INI file."""
    return UiSettings.in_file(str(tmp_path / "ui.ini"))


@pytest.fixture
def app_ctx(
    qapp: QApplication, ctx: Context, ui_settings: UiSettings
) -> Iterator[AppContext]:
    """The desktop's shared services on this test's database, acting as the administrator."""
    admin = staff.get_staff(ctx, staff_id=ctx.actor_id or 0)
    app = build_app_context(ctx.db, ui_settings, admin)
    # Keep the test workstation name and clock; the screens hear what the services change.
    app.services = replace(ctx, on_change=app.events.publish)
    yield app
    for task in app.tasks.running:
        task.cancel()
    assert app.tasks.wait(20_000), "background tasks still running at the end of the test"
    qapp.processEvents()


@pytest.fixture
def therapist(ctx: Context) -> staff.StaffMember:
    """An occupational therapist with a caseload."""
    return staff.create_staff(
        ctx, username="ot.rivera", given_name="Rosa", family_name="Rivera", role="ot"
    )


@pytest.fixture
def sample_clients(
    ctx: Context, therapist: staff.StaffMember
) -> list[clients.ClientDetail]:
    """Six fictional clients; the first three are assigned to ``therapist``."""
    made = []
    for n, (number, given, family, born, lang, status, priority) in enumerate(SAMPLE_CLIENTS):
        made.append(
            clients.create_client(
                ctx,
                record_number=number,
                given_name=given,
                family_name=family,
                date_of_birth=born,
                preferred_language=lang,
                status=status,
                priority=priority,
                assigned_ot_id=therapist.id if n < 3 else None,
            )
        )
    return made


@pytest.fixture
def add_clients(ctx: Context) -> Callable[..., list[int]]:
    """Create ``n`` numbered clients quickly; returns their ids."""

    def add(n: int, prefix: str = "BULK", **overrides: Any) -> list[int]:
        ids = []
        for i in range(n):
            values: dict[str, Any] = {
                "record_number": f"{prefix}-{i:05d}",
                "given_name": f"Given{i}",
                "family_name": f"{prefix.title()}{i:05d}",
                "date_of_birth": date(1970, 1, 1),
                "preferred_language": "en",
                "status": "active",
            } | overrides
            ids.append(clients.create_client(ctx, **values).id)
        return ids

    return add


@pytest.fixture
def spanish(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """The interface in Spanish (compiled here from the .po) for one test, then English again."""
    with interface_in(qapp, "es", tmp_path / "locale", monkeypatch):
        yield


@pytest.fixture
def french(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """The interface in French (compiled here from the .po) for one test, then English again."""
    with interface_in(qapp, "fr", tmp_path / "locale", monkeypatch):
        yield
