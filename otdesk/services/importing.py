"""Importing clients from a CSV file: every row checked first, then all or nothing.

The file is read in two steps. ``check_file`` parses and validates every row and collects
every problem (line, column, reason) without writing anything; the desktop's import dialog
shows that report row by row. ``import_clients`` runs the same check and, only when no row
has a problem, inserts every client in one transaction, exactly as ``create_client`` would.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from otdesk.db.models import AuditEvent, Client, ClinicSettings, Staff
from otdesk.db.models.clinic import SETTINGS_ID
from otdesk.domain import messages as msg
from otdesk.domain.errors import FieldError, ValidationError, shortened
from otdesk.domain.fields import CLIENT_FIELDS, DIAGNOSIS_FIELDS, EPISODE_FIELDS, validate
from otdesk.domain.records import RecordKind
from otdesk.domain.vocab import AuditAction, DateOrder
from otdesk.services.clients import Diagnosis, Referral, _insert_clients
from otdesk.services.context import Context

REQUIRED_COLUMNS: tuple[str, ...] = (
    "record_number",
    "given_name",
    "family_name",
    "date_of_birth",
    "preferred_language",
    "status",
)
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "preferred_name",
    "pronouns",
    "interpreter_needed",
    "phone",
    "email",
    "address",
    "consent_family",
    "consent_community",
    "priority",
    "assigned_ot",
    "alerts",
    "diagnosis",
    "diagnosis_code",
    "referral_date",
    "referral_source",
)
# Columns that describe the episode of care a client in care is added with, not the client.
REFERRAL_COLUMNS = ("referral_date", "referral_source")
ALL_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

# Rows go to the database in batches: progress is reported and cancellation seen per batch.
BATCH = 500
_MAX_FILE_BYTES = 200 * 1024 * 1024

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


@dataclass(frozen=True)
class ClientRow:
    """One checked row of the file, ready to insert."""

    line: int
    values: dict[str, Any]
    diagnoses: list[Diagnosis]
    referral: Referral = field(default_factory=Referral)


@dataclass(frozen=True)
class CheckedFile:
    """The outcome of checking a file: its good rows and every problem found."""

    path: Path
    rows_read: int
    rows: list[ClientRow]
    errors: list[FieldError]

    @property
    def ok(self) -> bool:
        """True when every row can be imported."""
        return not self.errors


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, with ``dry_run``, would do)."""

    path: Path
    rows_read: int
    imported: int
    errors: list[FieldError] = field(default_factory=list)
    dry_run: bool = False
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        """True when the file had no problems and the import was not cancelled."""
        return not self.errors and not self.cancelled

    @property
    def bad_lines(self) -> list[int]:
        """The file's line numbers that hold a problem, in order."""
        return sorted({e.row for e in self.errors if e.row is not None})


class _CancelledError(Exception):
    """Raised inside the write transaction so that a cancel rolls everything back."""


def _read_capped(path: Path) -> bytes | FieldError:
    """The file's bytes, or why it cannot be imported: only a regular file is read, and never
    more than the size cap (a file that grows while it is read is caught too)."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            return FieldError.of("file", msg.FILE_IS_FOLDER)
        if not stat.S_ISREG(mode):
            return FieldError.of("file", msg.FILE_NOT_REGULAR)
        # Non-blocking, so that a pipe swapped in after the check cannot hang the open.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return FieldError.of("file", msg.FILE_MISSING)
    except IsADirectoryError:
        return FieldError.of("file", msg.FILE_IS_FOLDER)
    except OSError as exc:
        return FieldError.of("file", msg.FILE_UNREADABLE, problem=str(exc.strerror or exc))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return FieldError.of("file", msg.FILE_NOT_REGULAR)
        if info.st_size > _MAX_FILE_BYTES:
            return FieldError.of("file", msg.FILE_TOO_BIG, count=info.st_size,
                                 limit=_MAX_FILE_BYTES)
        try:
            data = handle.read(_MAX_FILE_BYTES + 1)
        except OSError as exc:
            return FieldError.of("file", msg.FILE_UNREADABLE, problem=str(exc.strerror or exc))
    if len(data) > _MAX_FILE_BYTES:
        return FieldError.of("file", msg.FILE_GREW_TOO_BIG, limit=_MAX_FILE_BYTES)
    return data


def _decode(path: Path) -> tuple[str | None, FieldError | None]:
    data = _read_capped(path)
    if isinstance(data, FieldError):
        return None, data
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, FieldError.of("file", msg.FILE_NOT_UTF8, row=line)


_DELIMITERS = (",", ";", "\t")


def _delimiter(text: str) -> str:
    """The delimiter the file's header row is written with.

    Spreadsheets saved in locales whose decimal mark is a comma (Spanish, French ...) separate
    cells with semicolons, and some exports use tabs: the header names otdesk's columns, so the
    delimiter is the one that splits it into the most of them (a comma when none does better).
    """
    # The first non-blank line, read lazily: splitting a 200 MB file into lines would copy it.
    first = next((line for line in io.StringIO(text) if line.strip()), "")
    def known(delimiter: str) -> int:
        cells = next(csv.reader([first], delimiter=delimiter), [])
        return sum(c.strip().casefold() in ALL_COLUMNS for c in cells)
    return max(_DELIMITERS, key=known)  # max keeps the first of equals: the comma


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (first line number, cells) for each non-blank CSV record."""
    # A long cell is the rules' to refuse, by its column's own limit: the csv module's
    # (131,072 characters, process-wide) would report a valid file as broken CSV.
    if csv.field_size_limit() < _MAX_FILE_BYTES:
        csv.field_size_limit(_MAX_FILE_BYTES)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            error = FieldError.of("file", msg.FILE_NOT_CSV, reader.line_num, problem=str(exc))
            raise ValidationError(error) from None
        start, line = line, reader.line_num + 1
        if cells and any(c.strip() for c in cells):
            yield start, [c.strip() for c in cells]


def _check_header(cells: list[str], line: int) -> list[FieldError]:
    errors: list[FieldError] = []
    seen: set[str] = set()
    for position, raw in enumerate(cells, start=1):
        name = raw.casefold()
        if not name:
            errors.append(FieldError.of("header", msg.COLUMN_UNNAMED, line, position=position))
        elif name in seen:
            errors.append(FieldError.of(name, msg.COLUMN_REPEATED, line))
        elif name not in ALL_COLUMNS:
            errors.append(FieldError.of(shortened(raw), msg.COLUMN_UNKNOWN, line))
        seen.add(name)
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            errors.append(FieldError.of(name, msg.COLUMN_MISSING, line))
    return errors


def _row_values(
    line: int,
    record: dict[str, str],
    staff_ids: dict[str, tuple[int, bool]],
    ctx: Context,
    order: DateOrder,
) -> tuple[ClientRow | None, list[FieldError]]:
    errors: list[FieldError] = []
    values: dict[str, Any] = {}
    for name in REQUIRED_COLUMNS:
        values[name] = record.get(name, "")
    skip = ("assigned_ot", "diagnosis", "diagnosis_code", *REFERRAL_COLUMNS)
    for name in OPTIONAL_COLUMNS:
        if record.get(name) and name not in skip:
            values[name] = record[name]
    username = record.get("assigned_ot", "")
    if username:
        found = staff_ids.get(username.casefold())
        if found is None:
            errors.append(
                FieldError.of("assigned_ot", msg.NO_SUCH_USERNAME, line, username=username)
            )
        elif not found[1]:
            errors.append(
                FieldError.of("assigned_ot", msg.USERNAME_INACTIVE, line, username=username)
            )
        else:
            values["assigned_ot_id"] = found[0]
    clean: dict[str, Any] = {}
    try:
        clean = validate(CLIENT_FIELDS, values, today=ctx.today(), date_order=order)
    except ValidationError as exc:
        errors.extend(
            replace(e, field="assigned_ot" if e.field == "assigned_ot_id" else e.field, row=line)
            for e in exc.errors
        )
    diagnoses: list[Diagnosis] = []
    text, code = record.get("diagnosis", ""), record.get("diagnosis_code", "")
    if code and not text:
        errors.append(FieldError.of("diagnosis_code", msg.CODE_WITHOUT_DIAGNOSIS, line))
    elif text:
        try:
            d = validate(DIAGNOSIS_FIELDS, {"text": text, "code": code}, today=ctx.today())
            diagnoses.append(Diagnosis(d["text"], d.get("code", "")))
        except ValidationError as exc:
            names = {"text": "diagnosis", "code": "diagnosis_code"}
            errors.extend(
                replace(e, field=names.get(e.field, e.field), row=line) for e in exc.errors
            )
    referral, referral_errors = _referral(line, record, ctx, order)
    errors.extend(referral_errors)
    if errors:
        return None, errors
    return ClientRow(line, clean, diagnoses, referral), []


def _referral(
    line: int, record: dict[str, str], ctx: Context, order: DateOrder
) -> tuple[Referral, list[FieldError]]:
    """The referral a row gives for its client's first episode (today's, where none is)."""
    given = {k: record[k] for k in REFERRAL_COLUMNS if record.get(k)}
    if not given:
        return Referral(), []
    try:
        clean = validate(EPISODE_FIELDS, given, today=ctx.today(), partial=True,
                         date_order=order)
    except ValidationError as exc:
        return Referral(), [replace(e, row=line) for e in exc.errors]
    referred = clean.get("referral_date")
    if referred is not None and referred > ctx.today():
        return Referral(), [FieldError.of("referral_date", msg.IN_FUTURE, line)]
    return Referral(referred, clean.get("referral_source", "")), []


def _date_order(session: Session) -> DateOrder:
    """How the clinic writes dates (Settings), for the file's dates of birth and referrals."""
    settings = session.get(ClinicSettings, SETTINGS_ID)
    return DateOrder(settings.date_order) if settings is not None else DateOrder.YMD


def _staff_lookup(session: Session) -> dict[str, tuple[int, bool]]:
    rows = session.execute(select(Staff.username, Staff.id, Staff.active))
    return {u.casefold(): (i, bool(a)) for u, i, a in rows}


def _numbers_in_use(session: Session, numbers: Iterable[str]) -> set[str]:
    wanted = list(numbers)
    found: set[str] = set()
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        query = select(Client.record_number).where(Client.record_number.in_(chunk))
        found.update(session.scalars(query))
    return found


def _in_use_errors(numbered: list[tuple[int, str]], in_use: set[str]) -> list[FieldError]:
    return [
        FieldError.of("record_number", msg.IN_USE_IN_DATABASE, line, value=number)
        for line, number in numbered
        if number in in_use
    ]


def _column_rank(e: FieldError) -> int:
    return ALL_COLUMNS.index(e.field) if e.field in ALL_COLUMNS else len(ALL_COLUMNS)


def check_file(ctx: Context, *, path: Path) -> CheckedFile:
    """Read and check a client CSV file without writing anything; collect every problem."""
    path = Path(path)
    text, problem = _decode(path)
    if text is None:
        assert problem is not None
        return CheckedFile(path, 0, [], [problem])
    try:
        records = list(_records(text))
    except ValidationError as exc:
        return CheckedFile(path, 0, [], exc.errors)
    if not records:
        return CheckedFile(path, 0, [], [FieldError.of("file", msg.FILE_EMPTY)])
    header_line, header = records[0]
    errors = _check_header(header, header_line)
    if errors:
        return CheckedFile(path, len(records) - 1, [], errors)
    if len(records) == 1:
        return CheckedFile(path, 0, [], [FieldError.of("file", msg.FILE_NO_ROWS, header_line)])
    columns = [h.casefold() for h in header]
    number_at = columns.index("record_number")
    rows: list[ClientRow] = []
    numbered: list[tuple[int, str]] = []
    first_seen: dict[str, int] = {}
    with ctx.db.reading() as session:
        staff_ids = _staff_lookup(session)
        order = _date_order(session)
        for line, cells in records[1:]:
            if len(cells) != len(columns):
                errors.append(
                    FieldError.of(
                        "row", msg.ROW_CELL_COUNT, line, count=len(cells), columns=len(columns)
                    )
                )
                continue
            record = dict(zip(columns, cells, strict=True))
            row, row_errors = _row_values(line, record, staff_ids, ctx, order)
            number = cells[number_at]
            if number in first_seen:
                row_errors.append(
                    FieldError.of(
                        "record_number",
                        msg.REPEATED_IN_FILE,
                        line,
                        value=number,
                        line=first_seen[number],
                    )
                )
                row = None
            elif number:
                first_seen[number] = line
                numbered.append((line, number))
            errors.extend(row_errors)
            if row is not None:
                rows.append(row)
        errors.extend(_in_use_errors(numbered, _numbers_in_use(session, first_seen)))
    errors.sort(key=lambda e: (e.row or 0, _column_rank(e)))
    return CheckedFile(path, len(records) - 1, rows, errors)


def import_clients(
    ctx: Context,
    *,
    path: Path,
    dry_run: bool = False,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
) -> ImportReport:
    """Import every client in a CSV file, or none if any row has a problem (or on cancel)."""
    checked = check_file(ctx, path=path)
    path = checked.path
    if not checked.ok or dry_run:
        return ImportReport(path, checked.rows_read, 0, checked.errors, dry_run=dry_run)
    rows = checked.rows
    total = len(rows)
    try:
        with ctx.transaction() as session:
            # Someone may have added one of these record numbers since the check.
            numbered = [(r.line, str(r.values["record_number"])) for r in rows]
            late = _in_use_errors(numbered, _numbers_in_use(session, (n for _, n in numbered)))
            if late:
                return ImportReport(path, checked.rows_read, 0, late)
            if progress:
                progress(0, total)
            for start in range(0, total, BATCH):
                if should_cancel and should_cancel():
                    raise _CancelledError()
                batch = rows[start : start + BATCH]
                _insert_clients(session, ctx, [(r.values, r.diagnoses) for r in batch],
                                [r.referral for r in batch])
                # Keep the session small: the inserted rows are not needed again.
                session.expunge_all()
                if progress:
                    progress(start + len(batch), total)
            if should_cancel and should_cancel():
                raise _CancelledError()
            session.add(
                AuditEvent(
                    occurred_at=ctx.now(),
                    actor_id=ctx.actor_id,
                    action=AuditAction.IMPORT.value,
                    entity_type=RecordKind.CLIENT_IMPORT.value,
                    changes={"file": path.name, "count": total},
                    workstation=ctx.workstation[:200],
                )
            )
    except _CancelledError:
        return ImportReport(path, checked.rows_read, 0, [], cancelled=True)
    except IntegrityError:
        # Another workstation took one of the record numbers during the import.
        numbered = [(r.line, str(r.values["record_number"])) for r in rows]
        with ctx.db.reading() as session:
            late = _in_use_errors(numbered, _numbers_in_use(session, (n for _, n in numbered)))
        if not late:
            raise
        return ImportReport(path, checked.rows_read, 0, late)
    return ImportReport(path, checked.rows_read, total)
