"""An import's problems read in Spanish for a Spanish-speaking coordinator: the file, its
header and its rows, with the values from the file put in, straight from the catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from otdesk.services import clients, importing, staff
from otdesk.services.context import Context
from otdesk.ui.dialogs.import_dialog import COLUMN, LINE, PROBLEM, ImportReportModel

from .interface_language import interface_in

HEADER = "record_number,given_name,family_name,date_of_birth,preferred_language,status"


def check(ctx: Context, path: Path, text: str) -> importing.CheckedFile:
    path.write_text(text, encoding="utf-8")
    return importing.check_file(ctx, path=path)


def spanish_reasons(checked: importing.CheckedFile) -> dict[tuple[int | None, str], str]:
    shown = {}
    for error in checked.errors:
        assert error.template, f"not from the catalogue: {error}"
        shown[(error.row, error.field)] = error.reason
    return shown


def test_a_bad_header_is_explained_in_spanish(
    ctx: Context, tmp_path: Path, spanish: None
) -> None:
    checked = check(ctx, tmp_path / "c.csv",
                    "record_number,given_name,Given_Name,,date_of_birth,status,shoe_size\n")
    assert spanish_reasons(checked) == {
        (1, "given_name"): "aparece más de una vez en el encabezado",
        (1, "header"): "la columna 4 no tiene nombre",
        (1, "shoe_size"): (
            "no es una columna que otdesk reconozca (consulte «otdesk import-clients --help»)"),
        (1, "family_name"): "es una columna obligatoria, pero falta en el encabezado",
        (1, "preferred_language"): "es una columna obligatoria, pero falta en el encabezado",
    }


def test_bad_rows_are_explained_in_spanish(
    ctx: Context, tmp_path: Path, ot: staff.StaffMember, spanish: None
) -> None:
    clients.create_client(ctx, record_number="OLD-1", given_name="Ann", family_name="Old",
                          date_of_birth="1970-01-01", preferred_language="en", status="active")
    checked = check(ctx, tmp_path / "c.csv", "\n".join([
        f"{HEADER},assigned_ot,diagnosis_code",
        "A-1,Ana,Ruiz,1980-01-01,es,active,nadie,",       # line 2: no such user
        "A-1,Eva,Sanz,1981-02-02,es,active,,F33",         # line 3: number repeated, code alone
        "OLD-1,Luis,Gil,1982-03-03,es,active,ot.test,",   # line 4: number taken
        "A-5,Rosa",                                       # line 5: too few cells
    ]) + "\n")
    assert spanish_reasons(checked) == {
        (2, "assigned_ot"): "ningún miembro del personal tiene el nombre de usuario «nadie»",
        (3, "record_number"): "A-1 ya aparece en la línea 2",
        (3, "diagnosis_code"): "se ha rellenado sin indicar un diagnóstico",
        (4, "record_number"): "OLD-1 ya está en uso en la base de datos",
        (5, "row"): "tiene 2 celdas, pero el encabezado tiene 8",
    }


def test_problems_with_the_file_itself_are_explained_in_spanish(
    ctx: Context, tmp_path: Path, spanish: None
) -> None:
    (tmp_path / "folder.csv").mkdir()
    shown = {
        e.reason
        for path in (tmp_path / "missing.csv", tmp_path / "folder.csv")
        for e in importing.check_file(ctx, path=path).errors
    }
    assert shown == {"no existe", "es una carpeta, no un archivo CSV"}
    (empty,) = check(ctx, tmp_path / "empty.csv", "\n").errors
    assert empty.reason == "está vacío: no tiene fila de encabezado"
    (no_rows,) = check(ctx, tmp_path / "header.csv", HEADER + "\n").errors
    assert no_rows.reason == "no tiene filas de clientes"
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes((HEADER + "\nL-1,Renée,Roy,1980-01-01,fr,active\n").encode("latin-1"))
    (encoding,) = importing.check_file(ctx, path=latin1).errors
    assert encoding.reason == (
        "no es texto UTF-8 (guárdelo desde la hoja de cálculo como «CSV UTF-8»)")


def test_the_import_report_table_shows_the_spanish_problem(
    ctx: Context, tmp_path: Path, spanish: None
) -> None:
    checked = check(ctx, tmp_path / "c.csv", f"{HEADER}\nB-1,Ana,Ruiz,1980-01-01,es,active\n"
                    "B-1,Eva,Sanz,1981-02-02,es,active\n")
    model = ImportReportModel()
    model.set_errors(checked.errors)
    assert model.rowCount() == 1
    assert (model.index(0, LINE).data(), model.index(0, COLUMN).data()) == ("3", "record_number")
    assert model.index(0, PROBLEM).data() == "B-1 ya aparece en la línea 2."


def test_problems_with_the_whole_file_or_row_name_their_subject(
    ctx: Context, tmp_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "The file is a folder", not "This field is a folder": the report says what is wrong.
    folder = tmp_path / "a-folder.csv"
    folder.mkdir()
    short_row = check(ctx, tmp_path / "r.csv", f"{HEADER}\nB-1,Ana,Ruiz\n")
    model = ImportReportModel()
    model.set_errors([*importing.check_file(ctx, path=folder).errors, *short_row.errors])
    problems = [model.index(r, PROBLEM).data() for r in range(model.rowCount())]
    columns = [model.index(r, COLUMN).data() for r in range(model.rowCount())]
    assert problems == ["The file is a folder, not a CSV file.",
                        "This row has 3 cells but the header has 6."]
    assert columns == ["—", "—"]  # about no one column
    with interface_in(qapp, "es", tmp_path / "locale", monkeypatch):
        model.set_errors([*importing.check_file(ctx, path=folder).errors,
                          *check(ctx, tmp_path / "r.csv", f"{HEADER}\nB-1,Ana,Ruiz\n").errors])
        problems = [model.index(r, PROBLEM).data() for r in range(model.rowCount())]
    assert problems == ["El archivo es una carpeta, no un archivo CSV.",
                        "Esta fila tiene 3 celdas, pero el encabezado tiene 6."]


def test_a_header_problem_names_its_column(
    ctx: Context, tmp_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "Appears more than once in the header." alone does not say what does: the column does.
    checked = check(ctx, tmp_path / "h.csv",
                    "record_number,given_name,Given_Name,date_of_birth,status,shoe_%1\n")
    model = ImportReportModel()
    model.set_errors(checked.errors)
    shown = {model.index(r, COLUMN).data(): model.index(r, PROBLEM).data()
             for r in range(model.rowCount())}
    assert shown == {
        "given_name": "'given_name' appears more than once in the header.",
        "shoe_%1": "'shoe_%1' is not a column otdesk knows "
                   "(see 'otdesk import-clients --help').",
        "family_name": "'family_name' is a required column but the header lacks it.",
        "preferred_language": "'preferred_language' is a required column but the header "
                              "lacks it.",
    }
    with interface_in(qapp, "es", tmp_path / "locale", monkeypatch):
        model.set_errors(check(ctx, tmp_path / "h.csv",
                               "record_number,given_name,Given_Name,date_of_birth\n").errors)
        assert model.index(0, PROBLEM).data() == (
            "«given_name» aparece más de una vez en el encabezado.")


def test_a_value_in_a_row_still_reads_as_the_field_beside_it(
    ctx: Context, tmp_path: Path
) -> None:
    checked = check(ctx, tmp_path / "v.csv", f"{HEADER}\nC-1,,Ruiz,1980-01-01,es,active\n")
    model = ImportReportModel()
    model.set_errors(checked.errors)
    assert [model.index(r, PROBLEM).data() for r in range(model.rowCount())] == [
        "This is required."]
