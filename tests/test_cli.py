"""The ``otdesk`` command line, run as a real process: exit codes, output, one-line errors."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from otdesk.db.engine import open_database
from otdesk.db.migrate import head_revision
from otdesk.services import battery, clients, staff
from otdesk.services.context import Context

ROOT = Path(__file__).resolve().parents[1]
IDENTITY = ("record_number", "given_name", "family_name", "date_of_birth", "preferred_language",
            "status")
REQUIRED = ["record_number", "given_name", "family_name", "date_of_birth", "preferred_language",
            "status"]

Run = Callable[..., subprocess.CompletedProcess[str]]


def _run(data_home: Path, *args: str, env: dict[str, str] | None = None) -> Any:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("OTDESK_DB", "OTDESK_USER", "OTDESK_DEBUG")}
    clean.update(PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(data_home), PYTHONIOENCODING="utf-8")
    clean.update(env or {})
    result = subprocess.run(
        [sys.executable, "-m", "otdesk", *args],
        capture_output=True, text=True, encoding="utf-8", env=clean, timeout=300, check=False,
    )
    # Whatever happens, the user never sees a traceback.
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def otdesk(tmp_path: Path) -> Run:
    """Run ``python -m otdesk ARGS`` with a private data folder and no OTDESK_* variables."""
    return lambda *args, env=None: _run(tmp_path / "data", *map(str, args), env=env)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    """A 200-client demo database (seed 1), and its clients as ``clients list --json`` prints."""
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "x.sqlite"
    made = _run(folder, "--db", str(path), "demo", "--clients", "200", "--seed", "1")
    assert made.returncode == 0, made.stderr
    assert "200  clients" in made.stdout and " s (seed 1)" in made.stdout
    listed = _run(folder, "--db", str(path), "clients", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    return path, json.loads(listed.stdout)


def _one_error_line(result: Any, code: int) -> str:
    assert result.returncode == code
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("otdesk: "), result.stderr
    return str(lines[0])


def write_csv(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([REQUIRED, *rows])
    return path


def rows(n: int) -> list[list[str]]:
    return [[f"CSV-{i:04d}", f"Given{i}", "Family", "1975-05-06", "es", "waitlist"]
            for i in range(1, n + 1)]


# -- help and usage ---------------------------------------------------------------------------


def test_help_documents_every_command(otdesk: Run) -> None:
    result = otdesk("--help")
    assert result.returncode == 0
    for word in ("init", "demo", "clients", "import-clients", "export-client", "verify",
                 "OTDESK_DB", "OTDESK_USER", "exit status"):
        assert word in result.stdout
    columns = otdesk("import-clients", "--help")
    assert columns.returncode == 0
    for name in [*REQUIRED, "assigned_ot", "diagnosis_code", "YYYY-MM-DD"]:
        assert name in columns.stdout


def test_usage_errors_are_one_line_with_status_2(otdesk: Run) -> None:
    line = _one_error_line(otdesk("demo", "--clients", "many"), 2)
    assert "--clients" in line and "'many'" in line
    assert "frobnicate" in _one_error_line(otdesk("frobnicate"), 2)


# -- demo, list, show -------------------------------------------------------------------------


def test_demo_then_list_prints_every_client(demo_db: tuple[Path, list[dict[str, Any]]]) -> None:
    _path, listed = demo_db
    assert len(listed) == 200
    for key in (*IDENTITY, "assigned_ot", "assigned_ot_username"):
        assert key in listed[0]
    assert all(c["record_number"].startswith("DEMO-") for c in listed)


def test_same_seed_gives_identical_clients(
    otdesk: Run, demo_db: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    other = tmp_path / "other.sqlite"
    assert otdesk("--db", other, "demo", "--clients", "200", "--seed", "1").returncode == 0
    again = json.loads(otdesk("--db", other, "clients", "list", "--json").stdout)

    def identities(listed: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return sorted(tuple(c[k] for k in IDENTITY) for c in listed)

    assert identities(again) == identities(demo_db[1])


def test_demo_refuses_a_database_with_clients(
    otdesk: Run, demo_db: tuple[Path, list[dict[str, Any]]]
) -> None:
    line = _one_error_line(otdesk("--db", demo_db[0], "demo"), 1)
    assert "already holds 200 clients" in line
    # A set-up script run twice asks for "demo data if there is none yet".
    again = otdesk("--db", demo_db[0], "demo", "--if-empty")
    assert again.returncode == 0 and "left as it is" in again.stdout


def test_list_filters_and_table(otdesk: Run, demo_db: tuple[Path, list[dict[str, Any]]]) -> None:
    active = json.loads(otdesk("--db", demo_db[0], "clients", "list", "--status", "active",
                               "--json").stdout)
    assert active and all(c["status"] == "active" for c in active)
    assert len(active) == sum(c["status"] == "active" for c in demo_db[1])
    table = otdesk("clients", "list", "--limit", "5", "--db", demo_db[0])
    assert table.returncode == 0
    assert table.stdout.splitlines()[0].split()[:2] == ["Record", "number"]
    assert len([ln for ln in table.stdout.splitlines() if "DEMO-" in ln]) == 5


def test_show_one_client(otdesk: Run, demo_db: tuple[Path, list[dict[str, Any]]]) -> None:
    shown = otdesk("--db", demo_db[0], "clients", "show", "DEMO-000001", "--json")
    assert shown.returncode == 0
    data = json.loads(shown.stdout)
    assert data["record_number"] == "DEMO-000001"
    assert "family_members" in data and len(data["episodes"]) == 1
    text = otdesk("--db", demo_db[0], "clients", "show", "DEMO-000001").stdout
    assert f"{data['given_name']}" in text and "Episodes of care (1)" in text
    line = _one_error_line(otdesk("--db", demo_db[0], "clients", "show", "NOPE-1"), 1)
    assert "NOPE-1" in line


# -- import -----------------------------------------------------------------------------------


def test_import_is_all_or_nothing(otdesk: Run, db_path: Path, tmp_path: Path) -> None:
    data = rows(100)
    data[56][3] = "1975-13-06"  # data row 57 is line 58
    bad = otdesk("--db", db_path, "import-clients", write_csv(tmp_path / "bad.csv", data))
    assert bad.returncode == 1
    problems = bad.stderr.strip().splitlines()
    assert problems[0].startswith("otdesk: bad.csv, line 58, column date_of_birth: ")
    assert "'1975-13-06' is not a real date" in problems[0]
    assert "nothing was imported" in problems[-1]
    assert json.loads(otdesk("--db", db_path, "clients", "list", "--json").stdout) == []

    data[56][3] = "1975-12-06"
    good = otdesk("--db", db_path, "import-clients", write_csv(tmp_path / "good.csv", data))
    assert good.returncode == 0 and "Imported 100 clients" in good.stdout
    listed = json.loads(otdesk("--db", db_path, "clients", "list", "--json").stdout)
    assert len(listed) == 100 and {c["status"] for c in listed} == {"waitlist"}

    again = otdesk("--db", db_path, "import-clients", tmp_path / "good.csv")
    assert again.returncode == 1
    assert "line 2, column record_number: CSV-0001 is already in use" in again.stderr


def test_dry_run_writes_nothing(otdesk: Run, db_path: Path, tmp_path: Path) -> None:
    checked = otdesk("--db", db_path, "import-clients", "--dry-run",
                     write_csv(tmp_path / "c.csv", rows(3)))
    assert checked.returncode == 0 and "Nothing was written" in checked.stdout
    assert json.loads(otdesk("--db", db_path, "clients", "list", "--json").stdout) == []


def test_acting_user_from_environment(otdesk: Run, db_path: Path, tmp_path: Path) -> None:
    db = open_database(db_path)
    try:
        system = Context(db)
        admin = staff.ensure_administrator(system)
        staff.create_staff(system.acting_as(admin.id), username="ot.cli", given_name="Cleo",
                           family_name="Example", role="ot")
    finally:
        db.dispose()
    csv_file = write_csv(tmp_path / "c.csv", rows(2))
    line = _one_error_line(otdesk("--db", db_path, "--user", "nobody", "import-clients",
                                  csv_file), 1)
    assert "nobody" in line
    done = otdesk("import-clients", csv_file, env={"OTDESK_DB": str(db_path),
                                                   "OTDESK_USER": "ot.cli"})
    assert done.returncode == 0
    with sqlite3.connect(db_path) as conn:
        actors = {r[0] for r in conn.execute(
            "SELECT s.username FROM audit_events a JOIN staff s ON s.id = a.actor_id "
            "WHERE a.action = 'import'")}
    assert actors == {"ot.cli"}


# -- export -----------------------------------------------------------------------------------


def test_export_client(otdesk: Run, demo_db: tuple[Path, list[dict[str, Any]]],
                       tmp_path: Path) -> None:
    out = tmp_path / "record.json"
    done = otdesk("--db", demo_db[0], "export-client", "DEMO-000002", "--out", out)
    assert done.returncode == 0 and str(out) in done.stdout
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["format"] == "otdesk-client-record"
    assert record["client"]["record_number"] == "DEMO-000002"
    for part in ("family_members", "episodes", "assessments", "environmental_checklists",
                 "home_modifications", "family_sessions", "care_plans", "audit_events"):
        assert isinstance(record[part], list)
    assert record["audit_events"]
    out.write_text("keep me", encoding="utf-8")
    refused = _one_error_line(
        otdesk("--db", demo_db[0], "export-client", "DEMO-000002", "--out", out), 1)
    assert "already exists" in refused and "--force" in refused
    assert out.read_text(encoding="utf-8") == "keep me"
    forced = otdesk("--db", demo_db[0], "export-client", "DEMO-000002", "--out", out, "--force")
    assert forced.returncode == 0 and json.loads(out.read_text(encoding="utf-8"))["client"]


# -- init and verify --------------------------------------------------------------------------


def test_init_then_verify(otdesk: Run, tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    made = otdesk("--db", path, "init")
    assert made.returncode == 0
    assert f"Database ready at {path}, schema {head_revision()}." in made.stdout
    assert "already up to date" in otdesk("--db", path, "init").stdout
    with sqlite3.connect(path) as conn:  # the default battery, named once
        named = conn.execute("SELECT definition_id FROM battery_instruments ORDER BY position")
        assert [r[0] for r in named] == [d for d, _days in battery.DEFAULT_BATTERY]
    checked = otdesk("--db", path, "verify")
    assert checked.returncode == 0 and "All 6 checks passed" in checked.stdout


def test_commands_do_not_create_a_missing_database(otdesk: Run, tmp_path: Path) -> None:
    missing = tmp_path / "typo.sqlite"
    line = _one_error_line(otdesk("--db", missing, "clients", "list"), 1)
    assert "no database at" in line and "otdesk init" in line
    assert not missing.exists()


def test_verify_fails_when_the_schema_is_behind(otdesk: Run, db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0000'")
    result = otdesk("--db", db_path, "verify")
    assert result.returncode == 1
    assert "FAILED  schema at head" in result.stdout
    assert "checks failed" in result.stderr
    with sqlite3.connect(db_path) as conn:  # verify did not quietly upgrade it
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0000",)


def test_verify_fails_on_a_broken_reference(otdesk: Run, db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("INSERT INTO care_team_members (episode_id, name, discipline, role_in_team, "
                     "organisation, phone, uuid, created_at, updated_at, version) VALUES "
                     "(42, 'Ghost', 'ot', '', '', '', 'x', '2025-01-01', '2025-01-01', 1)")
    result = otdesk("--db", db_path, "verify")
    assert result.returncode == 1
    assert "FAILED  foreign keys" in result.stdout and "care_team_members" in result.stdout
    assert "ok      storage integrity" in result.stdout


@pytest.mark.engines("postgresql")  # every test above names a SQLite file
def test_a_postgresql_url_works_as_a_clinic_types_it(
    otdesk: Run, empty_target: str, tmp_path: Path
) -> None:
    # Plain postgresql://, the server's socket folder as the host parameter.
    typed = empty_target.replace("postgresql+psycopg://", "postgresql://", 1)
    assert typed.startswith("postgresql://")
    init = otdesk("--db", typed, "init")
    assert init.returncode == 0, init.stderr
    assert "Created the clinic's tables." in init.stdout
    assert not list(tmp_path.rglob("*.sqlite"))  # no SQLite file was made instead

    db = open_database(empty_target)
    try:
        ctx = Context(db).acting_as(staff.ensure_administrator(Context(db)).id)
        clients.create_client(
            ctx, record_number="CLI-1", given_name="Zoë", family_name="Martín-López",
            date_of_birth="1985-04-12", preferred_language="es", status="active",
        )
    finally:
        db.dispose()
    listed = otdesk("--db", typed, "clients", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [(r["record_number"], r["given_name"], r["family_name"])
            for r in json.loads(listed.stdout)] == [("CLI-1", "Zoë", "Martín-López")]
    checked = otdesk("--db", typed, "verify")
    assert checked.returncode == 0 and "All 6 checks passed" in checked.stdout


# -- no command: the desktop ------------------------------------------------------------------


def test_no_command_opens_the_desktop_on_the_chosen_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from otdesk.cli import main

    opened: list[tuple[str, str | None]] = []

    def fake_desktop(target: str, username: str | None) -> int:
        opened.append((target, username))
        return 0

    monkeypatch.delenv("OTDESK_USER", raising=False)
    monkeypatch.setenv("OTDESK_DB", str(tmp_path / "from-env.sqlite"))
    assert main([], open_desktop=fake_desktop) == 0
    monkeypatch.setenv("OTDESK_USER", "ot.env")
    assert main(["--db", "given.sqlite", "--user", "ot.flag"], open_desktop=fake_desktop) == 0
    assert main([], open_desktop=fake_desktop) == 0
    assert opened == [
        (str(tmp_path / "from-env.sqlite"), None),
        ("given.sqlite", "ot.flag"),
        (str(tmp_path / "from-env.sqlite"), "ot.env"),
    ]


# -- words, not codes, in the language the environment asks for -----------------------------


@pytest.fixture
def family_record(db_path: Path) -> Path:
    """A client with a family member who may be told the care plan, and an open episode with a
    care-team member from outside the clinic."""
    from datetime import date

    from otdesk.services import clients, family_members
    from otdesk.services import episodes as ep

    db = open_database(db_path)
    try:
        ctx = Context(db).acting_as(staff.ensure_administrator(Context(db)).id)
        client = clients.create_client(
            ctx, record_number="FAM-1", given_name="Ana", family_name="Ruiz",
            date_of_birth=date(1985, 4, 12), preferred_language="es", status="referred",
            interpreter_needed=True)
        family_members.add_family_member(
            ctx, client_id=client.id, given_name="Luis", family_name="Ruiz",
            relationship_to_client="brother", consent_scope="care_plan")
        [opened] = ep.list_episodes(ctx, client_id=client.id)  # a referred client's episode
        episode = ep.update_episode(ctx, episode_id=opened.id, expected_version=opened.version,
                                    referral_date=date(2026, 1, 5), referral_source="GP")
        ep.add_care_team_member(ctx, episode_id=episode.id, name="Sam Lee",
                                discipline="social_work", role_in_team="housing")
    finally:
        db.dispose()
    return db_path


def test_show_reads_words_not_codes(otdesk: Run, family_record: Path) -> None:
    shown = otdesk("--db", family_record, "clients", "show", "FAM-1")
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout
    assert "Born:" in text and "12 Apr 1985" in text
    assert "Status:      Referred" in text
    assert "Language:    Spanish (es), interpreter needed" in text
    assert "Luis Ruiz (brother), language Spanish, may be told: care plan and handouts" in text
    assert "referred 5 Jan 2026 by GP; not started yet; still open" in text
    assert "Social work: Sam Lee (housing)" in text
    assert "care_plan" not in text and "social_work" not in text


def test_show_reads_in_spanish_with_language_es(otdesk: Run, family_record: Path) -> None:
    shown = otdesk("--db", family_record, "clients", "show", "FAM-1", env={"LANGUAGE": "es"})
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout
    assert "Nacimiento:" in text and "12 abr 1985" in text
    assert "Estado:" in text and "Derivado" in text
    assert "español (es), necesita intérprete" in text
    assert "Familiares y cuidadores (1):" in text
    assert "se le puede contar: plan de cuidados y folletos" in text
    assert "derivado el 5 ene 2026 por GP; aún sin iniciar; sigue abierto" in text
    assert "Trabajo social: Sam Lee (housing)" in text
    assert "Born" not in text and "Family members" not in text
    missing = _one_error_line(
        otdesk("--db", family_record, "clients", "show", "NOPE-1", env={"LANGUAGE": "es"}), 1)
    assert missing == (
        "otdesk: No se encontró ningún registro de cliente con número de expediente NOPE-1.")


def test_an_import_with_a_bad_row_reports_in_spanish(
    otdesk: Run, db_path: Path, tmp_path: Path
) -> None:
    data = rows(3)
    data[1][3] = "1975-13-06"  # line 3
    bad = otdesk("--db", db_path, "import-clients", write_csv(tmp_path / "malo.csv", data),
                 env={"LC_ALL": "es_ES.UTF-8"})
    assert bad.returncode == 1
    assert bad.stderr.strip().splitlines() == [
        "otdesk: malo.csv, línea 3, columna date_of_birth: «1975-13-06» no es una fecha que "
        "exista (month must be in 1..12)",
        "otdesk: no se importó nada de malo.csv: 1 problema en 1 línea.",
    ]
    good = otdesk("--db", db_path, "import-clients", write_csv(tmp_path / "uno.csv", rows(1)),
                  env={"LANGUAGE": "fr"})
    assert good.returncode == 0 and good.stdout.strip() == "1 client importé depuis uno.csv."


def test_counts_take_their_plural_form(otdesk: Run, db_path: Path, tmp_path: Path) -> None:
    one = otdesk("--db", db_path, "import-clients", write_csv(tmp_path / "one.csv", rows(1)))
    assert one.stdout.strip() == "Imported 1 client from one.csv."
    checked = otdesk("--db", db_path, "import-clients", "--dry-run",
                     write_csv(tmp_path / "one-more.csv", [["X-1", "A", "B", "1975-05-06", "es",
                                                            "waitlist"]]))
    assert checked.stdout.startswith("Checked 1 row of one-more.csv: every row can be imported.")


def test_help_and_usage_errors_read_in_french(otdesk: Run) -> None:
    helped = otdesk("--help", env={"LANGUAGE": "fr"})
    assert helped.returncode == 0
    assert helped.stdout.startswith("usage\u00a0: otdesk")  # French spacing before a colon
    assert "affiche cette aide et quitte" in helped.stdout
    assert "Sans commande, otdesk ouvre l'application de bureau." in helped.stdout
    line = _one_error_line(otdesk("clients", "list", "--bogus", env={"LANGUAGE": "fr"}), 2)
    assert line == (
        "otdesk: arguments non reconnus\u00a0: --bogus (voir «\u00a0otdesk --help\u00a0»)")
