"""``otdesk print``: each document to a PDF file with its audit event and copy number,
``print list`` from the registry, ``print lookup`` back to the print, and clear errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pdf_text import page_texts, qpdf_check, tools_missing
from print_fixtures import goal_text, make_plan
from test_cli import Run, otdesk  # noqa: F401  (the fixture that runs otdesk)

from otdesk.db.engine import open_database
from otdesk.services import clients, episodes, family_sessions, session_signing, staff
from otdesk.services.context import Context

pytestmark = pytest.mark.skipif(tools_missing() is not None, reason=str(tools_missing()))


@pytest.fixture
def clinic(db_path: Path) -> tuple[Path, int]:
    """A client with a care plan (family consent given) and a signed session note."""
    db = open_database(db_path)
    try:
        ctx = Context(db).acting_as(staff.ensure_administrator(Context(db)).id)
        ana = clients.create_client(ctx, record_number="PR-1", given_name="Ana",
                                    family_name="Quill", date_of_birth="1970-05-05",
                                    preferred_language="fr", status="active",
                                    consent_family=True)
        if not any(e.is_open for e in episodes.list_episodes(ctx, client_id=ana.id)):
            episodes.open_episode(ctx, client_id=ana.id, referral_date=date(2026, 9, 1))
        make_plan(ctx, ana.id)
        note = family_sessions.create_session(
            ctx, client_id=ana.id, session_date=date(2026, 11, 3), mode="home",
            note_format="soap", note_sections={"plan": "Keep a sleep diary."},
            consent_confirmed=True,
            topics=["sleep_routine"])
        session_signing.sign(ctx, session_id=note.id, expected_version=note.version)
    finally:
        db.dispose()
    return db_path, note.id


def test_each_document_prints_to_a_file(otdesk: Run, clinic: tuple[Path, int],  # noqa: F811
                                        tmp_path: Path) -> None:
    path, note = clinic
    numbers = []
    for args, expected in (
        (["careplan", "PR-1"], goal_text(1)),
        (["handout", "PR-1"], "Informations pour la famille"),  # Ana's language
        (["session", str(note)], "Keep a sleep diary."),
    ):
        out = tmp_path / f"{args[0]}-{len(numbers)}.pdf"
        done = otdesk("--db", path, "print", *args, "--out", out)
        assert done.returncode == 0, done.stderr
        number = int(done.stdout.split("copy no. ")[1].split(",")[0])
        numbers.append(number)
        pdf = out.read_bytes()
        qpdf_check(pdf, tmp_path)
        pages = page_texts(pdf, tmp_path)
        assert expected in " ".join(" ".join(p.split()) for p in pages)
        assert all("Ana Quill" in p and "PR-1" in p for p in pages)
    assert numbers == sorted(numbers) and len(set(numbers)) == 3
    looked = otdesk("--db", path, "print", "lookup", str(numbers[-1]))
    assert looked.returncode == 0, looked.stderr
    assert f"Copy no. {numbers[-1]}: Family session note" in looked.stdout
    assert out.name in looked.stdout


def test_the_documents_are_listed(otdesk: Run, clinic: tuple[Path, int]) -> None:  # noqa: F811
    shown = otdesk("--db", clinic[0], "print", "list")
    assert shown.returncode == 0, shown.stderr
    for kind in ("careplan", "handout", "session"):
        assert kind in shown.stdout


def test_mistakes_are_named(otdesk: Run, clinic: tuple[Path, int],  # noqa: F811
                            tmp_path: Path) -> None:
    path, _note = clinic
    out = tmp_path / "x.pdf"
    wrong = otdesk("--db", path, "print", "poster", "PR-1", "--out", out)
    assert wrong.returncode == 1 and "no printable document poster" in wrong.stderr
    assert "careplan" in wrong.stderr
    nobody = otdesk("--db", path, "print", "careplan", "PR-404", "--out", out)
    assert nobody.returncode == 1 and "PR-404" in nobody.stderr and not out.exists()
    out.write_bytes(b"keep")
    kept = otdesk("--db", path, "print", "careplan", "PR-1", "--out", out)
    assert kept.returncode == 1 and "already exists" in kept.stderr
    assert out.read_bytes() == b"keep"
    lookup = otdesk("--db", path, "print", "lookup", "1")
    assert lookup.returncode == 1 and "No printed copy numbered 1" in lookup.stderr
