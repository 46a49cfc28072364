"""Importing clients from CSV: every problem reported by line and column, all rows or none."""

from __future__ import annotations

import csv
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import func, select

from otdesk.db.models import AuditEvent, ClientSearchTerm
from otdesk.domain.vocab import ClientStatus, Priority
from otdesk.services import clients, importing, staff
from otdesk.services.context import Context

HEADER = ["record_number", "given_name", "family_name", "date_of_birth", "preferred_language",
          "status"]


def write_csv(path: Path, rows: Sequence[Sequence[str]], header: Sequence[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def good_rows(n: int, prefix: str = "IMP") -> list[list[str]]:
    return [[f"{prefix}-{i:05d}", f"Given{i}", f"Family{i}", "1980-02-03", "en", "active"]
            for i in range(1, n + 1)]


def _audit_count(ctx: Context, action: str) -> int:
    with ctx.db.reading() as session:
        query = select(func.count()).select_from(AuditEvent).where(AuditEvent.action == action)
        return session.scalar(query) or 0


def test_all_rows_import_like_created_clients(ctx: Context, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "clients.csv", good_rows(100))
    report = importing.import_clients(ctx, path=path)
    assert report.ok and report.rows_read == 100 and report.imported == 100
    assert clients.count_clients(ctx) == 100
    # Found by search like any client, with one create event each and one import summary.
    [found] = clients.search_clients(ctx, text="given42")
    assert found.record_number == "IMP-00042"
    assert _audit_count(ctx, "create") >= 100
    with ctx.db.reading() as session:
        summary = session.scalars(select(AuditEvent).where(AuditEvent.action == "import")).one()
    assert summary.changes == {"file": "clients.csv", "count": 100}


def test_one_bad_row_imports_nothing_and_names_line_column_reason(
    ctx: Context, tmp_path: Path
) -> None:
    rows = good_rows(100)
    rows[41][3] = "1980-02-30"  # the 42nd data row sits on line 43 (the header is line 1)
    report = importing.import_clients(ctx, path=write_csv(tmp_path / "c.csv", rows))
    assert not report.ok and report.imported == 0
    [error] = report.errors
    assert (error.row, error.field) == (43, "date_of_birth")
    assert "not a real date" in error.reason
    assert clients.count_clients(ctx) == 0
    assert _audit_count(ctx, "import") == 0


def test_every_problem_is_collected(ctx: Context, tmp_path: Path, ot: staff.StaffMember) -> None:
    clients.create_client(ctx, record_number="OLD-1", given_name="Ann", family_name="Old",
                          date_of_birth="1970-01-01", preferred_language="en", status="active")
    header = [*HEADER, "assigned_ot", "interpreter_needed", "diagnosis_code"]
    rows = [
        ["A-1", "", "Lee", "2999-01-01", "en", "active", "", "", ""],       # line 2
        ["A-2", "Bo", "Wu", "1990-01-01", "e1", "sleeping", "nobody", "maybe", ""],  # line 3
        ["A-3", "Cy", "Ng", "1990-01-01", "en", "active", "ot.test", "yes", "F33"],  # line 4
        ["A-3", "Di", "Ng", "1990-01-01", "en", "active", "", "", ""],      # line 5
        ["OLD-1", "Ed", "Ox", "1990-01-01", "en", "active", "", "", ""],    # line 6
        ["A-6", "Fay"],                                                     # line 7
    ]
    report = importing.check_file(ctx, path=write_csv(tmp_path / "c.csv", rows, header))
    found = {(e.row, e.field) for e in report.errors}
    assert found == {
        (2, "given_name"), (2, "date_of_birth"),
        (3, "preferred_language"), (3, "status"), (3, "assigned_ot"), (3, "interpreter_needed"),
        (4, "diagnosis_code"),
        (5, "record_number"),
        (6, "record_number"),
        (7, "row"),
    }
    by_place = {(e.row, e.field): e.reason for e in report.errors}
    assert by_place[(5, "record_number")] == "A-3 already appears on line 4"
    assert "already in use" in by_place[(6, "record_number")]
    assert "nobody" in by_place[(3, "assigned_ot")]
    assert report.errors == sorted(report.errors, key=lambda e: e.row or 0)


def test_optional_columns_are_read(ctx: Context, tmp_path: Path, ot: staff.StaffMember) -> None:
    header = [*HEADER, "preferred_name", "pronouns", "interpreter_needed", "phone", "email",
              "address", "consent_family", "consent_community", "priority", "assigned_ot",
              "alerts", "diagnosis", "diagnosis_code"]
    row = ["  X-1 ", " Zoë ", "Martín-López", "1985-04-12", "es", "On hold", "Zo", "she/her",
           "yes", "555-0101", "zo@example.org", "12 Example Street, Sampletown", "yes", "no",
           "urgent", "OT.TEST", "Phone first", "Recurrent depression", "F33.1"]
    report = importing.import_clients(ctx, path=write_csv(tmp_path / "c.csv", [row], header))
    assert report.ok, report.errors
    c = clients.find_by_record_number(ctx, record_number="X-1")
    assert (c.given_name, c.preferred_name, c.pronouns) == ("Zoë", "Zo", "she/her")
    assert c.status is ClientStatus.ON_HOLD and c.priority is Priority.URGENT
    assert c.interpreter_needed and c.consent_family and not c.consent_community
    assert c.assigned_ot_id == ot.id
    assert [(d.text, d.code) for d in c.diagnoses] == [("Recurrent depression", "F33.1")]
    assert clients.search_clients(ctx, text="zoe martin")[0].id == c.id


def test_header_problems(ctx: Context, tmp_path: Path) -> None:
    header = ["record_number", "given_name", "given_name", "date_of_birth", "status", "shoe_size"]
    report = importing.check_file(ctx, path=write_csv(tmp_path / "c.csv", [], header))
    found = {(e.row, e.field) for e in report.errors}
    assert found == {(1, "given_name"), (1, "shoe_size"), (1, "family_name"),
                     (1, "preferred_language")}


def test_header_only_file_has_no_client_rows(ctx: Context, tmp_path: Path) -> None:
    report = importing.import_clients(ctx, path=write_csv(tmp_path / "c.csv", []))
    assert [e.reason for e in report.errors] == ["has no client rows"]


def test_bom_is_accepted_and_other_encodings_name_the_line(ctx: Context, tmp_path: Path) -> None:
    body = (",".join(HEADER) + "\nB-1,Ann,Lee,1980-01-01,en,active\n"
            "B-2,Ren\xe9e,Roy,1980-01-01,fr,active\n")
    with_bom = tmp_path / "bom.csv"
    with_bom.write_bytes(b"\xef\xbb\xbf" + body.replace("Ren\xe9e", "Renee").encode("utf-8"))
    assert importing.import_clients(ctx, path=with_bom).imported == 2
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(body.replace("B-", "L-").encode("latin-1"))
    report = importing.import_clients(ctx, path=latin1)
    [error] = report.errors
    assert (error.field, error.row) == ("file", 3)
    assert "UTF-8" in error.reason
    assert clients.count_clients(ctx) == 2


def test_dry_run_writes_nothing(ctx: Context, tmp_path: Path) -> None:
    report = importing.import_clients(ctx, path=write_csv(tmp_path / "c.csv", good_rows(5)),
                                      dry_run=True)
    assert report.ok and report.dry_run and report.rows_read == 5 and report.imported == 0
    assert clients.count_clients(ctx) == 0


def test_cancel_writes_nothing(ctx: Context, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", good_rows(importing.BATCH * 2 + 1))
    seen: list[int] = []

    def cancel_after_first_batch() -> bool:
        return bool(seen) and seen[-1] >= importing.BATCH

    report = importing.import_clients(ctx, path=path, progress=lambda d, _t: seen.append(d),
                                      should_cancel=cancel_after_first_batch)
    assert report.cancelled and not report.ok and report.imported == 0
    assert clients.count_clients(ctx) == 0
    with ctx.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(ClientSearchTerm)) == 0


@pytest.mark.slow
def test_five_thousand_rows_import_with_progress(ctx: Context, tmp_path: Path) -> None:
    # How long it takes is bench/bench_ui.py's to measure (a timed test only flakes).
    path = write_csv(tmp_path / "c.csv", good_rows(5000))
    seen: list[tuple[int, int]] = []
    report = importing.import_clients(ctx, path=path, progress=lambda d, t: seen.append((d, t)))
    assert report.imported == 5000
    assert seen[0] == (0, 5000) and seen[-1] == (5000, 5000)
    assert clients.count_clients(ctx) == 5000


def test_every_problem_keeps_a_translatable_template(
    ctx: Context, tmp_path: Path, ot: staff.StaffMember
) -> None:
    # The desktop shows an import's problems in the interface language from the template and
    # its values, so none may be a hand-written English sentence.
    from otdesk.domain import messages
    from otdesk.domain.translation import Plural

    clients.create_client(ctx, record_number="OLD-1", given_name="Ann", family_name="Old",
                          date_of_birth="1970-01-01", preferred_language="en", status="active")
    staff.create_staff(ctx, username="gone", given_name="Gil", family_name="Gone", role="ot",
                       active=False)
    header = [*HEADER, "assigned_ot", "diagnosis_code"]
    rows = [
        ["A-1", "Al", "Lee", "1990-01-01", "en", "active", "nobody", ""],
        ["A-1", "Bo", "Wu", "1990-01-01", "en", "active", "gone", "F33"],
        ["OLD-1", "Cy", "Ng", "1990-01-01", "en", "active", "", ""],
        ["A-4"],
        ["A-5", "Di"],
    ]
    (tmp_path / "folder.csv").mkdir()
    (tmp_path / "empty.csv").write_text("\n\n", encoding="utf-8")
    (tmp_path / "broken.csv").write_text('record_number,"given"name\n', encoding="utf-8")
    files = [
        write_csv(tmp_path / "rows.csv", rows, header),
        write_csv(tmp_path / "header.csv", [], ["record_number", "", "given_name", "GIVEN_NAME"]),
        write_csv(tmp_path / "header_only.csv", []),
        tmp_path / "missing.csv",
        tmp_path / "folder.csv",
        tmp_path / "empty.csv",
        tmp_path / "broken.csv",
    ]
    errors = [e for path in files for e in importing.check_file(ctx, path=path).errors]
    known = {v if isinstance(v, str) else v.singular
             for v in vars(messages).values() if isinstance(v, str | Plural)}
    for error in errors:
        assert error.template in known, str(error)
    found = {(e.field, e.template): e.params for e in errors}
    assert found[("assigned_ot", messages.NO_SUCH_USERNAME)] == {"username": "nobody"}
    assert found[("assigned_ot", messages.USERNAME_INACTIVE)] == {"username": "gone"}
    assert found[("record_number", messages.REPEATED_IN_FILE)] == {"value": "A-1", "line": 2}
    assert found[("record_number", messages.IN_USE_IN_DATABASE)] == {"value": "OLD-1"}
    assert ("diagnosis_code", messages.CODE_WITHOUT_DIAGNOSIS) in found
    cells = [e for e in errors if e.template == messages.ROW_CELL_COUNT.singular]
    assert [(e.reason, dict(e.params)) for e in cells] == [
        ("has 1 cell but the header has 8", {"count": 1, "columns": 8}),
        ("has 2 cells but the header has 8", {"count": 2, "columns": 8}),
    ]
    assert found[("header", messages.COLUMN_UNNAMED)] == {"position": 2}
    assert ("given_name", messages.COLUMN_REPEATED) in found
    assert ("family_name", messages.COLUMN_MISSING) in found
    for template in (messages.FILE_NO_ROWS, messages.FILE_MISSING, messages.FILE_IS_FOLDER,
                     messages.FILE_EMPTY, messages.FILE_NOT_CSV):
        assert ("file", template) in found


def test_a_nameless_column_is_named_by_its_position(ctx: Context, tmp_path: Path) -> None:
    header = [*HEADER[:2], "", *HEADER[2:], " "]
    report = importing.check_file(ctx, path=write_csv(tmp_path / "c.csv", [], header))
    assert [(e.row, e.field, e.reason) for e in report.errors] == [
        (1, "header", "column 3 has no name"),
        (1, "header", "column 8 has no name"),
    ]


def _problems(report: importing.ImportReport) -> list[tuple[int | None, str, str]]:
    return [(e.row, e.field, e.reason) for e in report.errors]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs a device file")
def test_a_device_is_refused_without_reading_it(ctx: Context) -> None:
    report = importing.import_clients(ctx, path=Path("/dev/zero"))
    assert _problems(report) == [(None, "file", "is not a regular file (a device, a pipe or a "
                                                "socket cannot be imported)")]
    assert clients.count_clients(ctx) == 0


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs named pipes (POSIX)")
def test_a_pipe_is_refused_without_waiting_for_a_writer(ctx: Context, tmp_path: Path) -> None:
    import os

    pipe = tmp_path / "clients.csv"
    os.mkfifo(pipe)
    started = time.monotonic()
    report = importing.import_clients(ctx, path=pipe)
    assert time.monotonic() - started < 5
    assert report.errors[0].reason.startswith("is not a regular file")


def test_the_size_cap_holds_while_reading(
    ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_csv(tmp_path / "big.csv", good_rows(50))
    monkeypatch.setattr(importing, "_MAX_FILE_BYTES", 100)
    report = importing.import_clients(ctx, path=path)
    assert _problems(report) == [
        (None, "file", f"is {path.stat().st_size:,} bytes; the limit is 100")
    ]
    assert clients.count_clients(ctx) == 0


def test_a_huge_cell_is_named_by_line_and_column_with_the_limit(
    ctx: Context, tmp_path: Path
) -> None:
    rows = good_rows(3)
    header = [*HEADER, "alerts", "interpreter_needed"]
    rows = [[*r, "", ""] for r in rows]
    rows[1][6] = "x" * 10_000_000  # line 3
    rows[2][7] = "y" * 500_000  # line 4: not yes or no, and not repeated whole in the message
    report = importing.import_clients(ctx, path=write_csv(tmp_path / "c.csv", rows, header))
    assert not report.ok
    assert _problems(report)[0] == (
        3, "alerts", "is 10,000,000 characters long; the limit is 100,000"
    )
    line, field, reason = _problems(report)[1]
    assert (line, field) == (4, "interpreter_needed")
    assert reason.endswith("…' is not yes or no") and len(reason) < 120
    assert clients.count_clients(ctx) == 0


def test_imported_clients_in_care_get_an_episode_from_the_referral_given(
    ctx: Context, tmp_path: Path
) -> None:
    from otdesk.services import episodes

    header = [*HEADER, "referral_date", "referral_source"]
    rows = [
        ["IMP-1", "Ana", "Uno", "1980-02-03", "es", "active", "2026-03-04", "GP surgery"],
        ["IMP-2", "Ben", "Dos", "1981-02-03", "en", "waitlist", "", ""],
        ["IMP-3", "Cy", "Tres", "1982-02-03", "en", "discharged", "", ""],
    ]
    report = importing.import_clients(ctx, path=write_csv(tmp_path / "c.csv", rows, header))
    assert report.ok, report.errors
    by_number = {c.record_number: c for c in clients.search_clients(ctx, text="")}
    [first] = episodes.list_episodes(ctx, client_id=by_number["IMP-1"].id)
    assert (first.referral_date.isoformat(), first.referral_source) == ("2026-03-04", "GP surgery")
    assert first.start_date == first.referral_date and first.is_open
    [second] = episodes.list_episodes(ctx, client_id=by_number["IMP-2"].id)
    assert second.referral_date == ctx.today() and second.start_date is None  # the import's day
    assert episodes.list_episodes(ctx, client_id=by_number["IMP-3"].id) == []


def test_a_referral_date_in_the_future_is_refused_by_line(ctx: Context, tmp_path: Path) -> None:
    header = [*HEADER, "referral_date"]
    rows = [["IMP-1", "Ana", "Uno", "1980-02-03", "es", "active", "2999-01-01"]]
    report = importing.import_clients(ctx, path=write_csv(tmp_path / "c.csv", rows, header))
    assert _problems(report) == [(2, "referral_date", "is in the future")]
    assert clients.count_clients(ctx) == 0


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_a_spreadsheet_saved_with_semicolons_or_tabs_is_read(
    ctx: Context, tmp_path: Path, delimiter: str
) -> None:
    # Excel in a Spanish or French locale writes semicolons; a cell may still hold a comma.
    header = [*HEADER, "referral_source"]
    rows = [["IMP-1", "Ana", "Uno", "1980-02-03", "es", "active", "GP, north"],
            ["IMP-2", "Ben", "Dos", "1981-02-03", "fr", "waitlist", ""]]
    path = tmp_path / "c.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    report = importing.import_clients(ctx, path=path)
    assert report.ok, report.errors
    assert report.imported == 2
    [ana] = clients.search_clients(ctx, text="Ana")
    assert ana.record_number == "IMP-1"


def _set_date_order(ctx: Context, order: str) -> None:
    from otdesk.services import settings

    info = settings.get_clinic(ctx)
    settings.update_clinic(ctx, expected_version=info.version, date_order=order)


def test_dates_are_read_in_the_clinics_order(ctx: Context, tmp_path: Path) -> None:
    _set_date_order(ctx, "dmy")
    header = [*HEADER, "referral_date"]
    rows = [["IMP-1", "Ana", "Uno", "04/03/1980", "es", "active", "1.2.2026"],
            ["IMP-2", "Ben", "Dos", "1981-02-03", "en", "active", ""]]
    report = importing.import_clients(ctx, path=write_csv(tmp_path / "c.csv", rows, header))
    assert report.ok, report.errors
    [ana] = clients.search_clients(ctx, text="Ana")
    assert clients.get_client(ctx, client_id=ana.id).date_of_birth.isoformat() == "1980-03-04"


def test_month_first_clinics_read_month_first(ctx: Context, tmp_path: Path) -> None:
    _set_date_order(ctx, "mdy")
    rows = [["IMP-1", "Ana", "Uno", "04/03/1980", "es", "active"]]
    report = importing.import_clients(ctx, path=write_csv(tmp_path / "c.csv", rows))
    assert report.ok, report.errors
    [ana] = clients.search_clients(ctx, text="Ana")
    assert clients.get_client(ctx, client_id=ana.id).date_of_birth.isoformat() == "1980-04-03"


def test_written_dates_are_refused_until_the_clinic_says_its_order(
    ctx: Context, tmp_path: Path
) -> None:
    rows = [["IMP-1", "Ana", "Uno", "04/03/1980", "es", "active"]]
    report = importing.import_clients(ctx, path=write_csv(tmp_path / "c.csv", rows))
    [(line, column, reason)] = _problems(report)
    assert (line, column) == (2, "date_of_birth")
    assert "YYYY-MM-DD" in reason and "Settings" in reason
    assert clients.count_clients(ctx) == 0


def test_ambiguous_and_impossible_written_dates_name_their_row(
    ctx: Context, tmp_path: Path
) -> None:
    _set_date_order(ctx, "dmy")
    rows = [["IMP-1", "Ana", "Uno", "04/03/80", "es", "active"],
            ["IMP-2", "Ben", "Dos", "31/02/1980", "en", "active"],
            ["IMP-3", "Cy", "Tres", "1980/13/01", "en", "active"]]
    report = importing.import_clients(ctx, path=write_csv(tmp_path / "c.csv", rows))
    problems = _problems(report)
    assert [(line, column) for line, column, _ in problems] == [
        (2, "date_of_birth"), (3, "date_of_birth"), (4, "date_of_birth")]
    assert "year in full" in problems[0][2]
    assert "not a real date" in problems[1][2]
    assert "not a real date" in problems[2][2]
    assert clients.count_clients(ctx) == 0
