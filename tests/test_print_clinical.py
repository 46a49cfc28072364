"""The home-modification report and the assessment summary as PDFs, on both engines: every
page names the client, their record number and "Page x of y"; every modification and every
domain score prints; 80 modifications flow across pages with the table header on each; the
comparison shows the change since the previous administration; each print leaves an audit
event with its copy number; the command line writes both files."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pdf_text import flat, qpdf_check, tools_missing
from print_clinical_data import done, home_visit, readiness, task_trials
from test_cli import Run, otdesk  # noqa: F401  (the fixture that runs otdesk)

from otdesk.db.engine import open_database
from otdesk.services import clients, modifications, printing, staff
from otdesk.services.context import Context

pytestmark = pytest.mark.skipif(tools_missing() is not None, reason=str(tools_missing()))
MakeClient = Callable[..., clients.ClientDetail]
NAME = "Vera Ωmega-Example"


def page_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    """Each page's text in the order it was drawn (``pdftotext -raw``), so a table cell's
    wrapped lines stay together instead of mixing with the next column's."""
    path = tmp_path / "raw.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, check=True).stdout.decode("utf-8")
    return text.split("\f")[:-1]


@pytest.fixture
def vera(make_client: MakeClient) -> clients.ClientDetail:
    return make_client(given_name="Vera", family_name="Ωmega-Example",
                       address="12 Example Row, Sampletown")


def _every_page(pdf: bytes, tmp_path: Path, number: str) -> tuple[list[str], str]:
    pages = page_texts(pdf, tmp_path)
    for n, text in enumerate(pages, start=1):
        assert NAME in text and number in text, n
        assert f"Page {n} of {len(pages)}" in text, n
    qpdf_check(pdf, tmp_path)
    return pages, flat("\n".join(pages))


def test_the_home_report_prints_every_modification_and_its_source(
    ctx: Context, vera: clients.ClientDetail, tmp_path: Path
) -> None:
    made = home_visit(ctx, vera.id)
    printed = printing.render(ctx, "home", vera.record_number,
                              printing.PrintOptions(language="en"))
    _pages, text = _every_page(printed.pdf_bytes, tmp_path, vera.record_number)
    for m in made:
        assert flat(m.recommendation) in text, m.recommendation
    for part in ("Home modifications", "12 Example Row, Sampletown", "Entrance and outside",
                 "Stairs", "125.50", "230.00", "Home-modification grant", "Installed",
                 "Declined", "395.50 in all (declined changes not counted)",
                 "Where the checklists come from", "Home environment and modifications",
                 "GPL-3.0-or-later", "Stairs & entrance <b>first</b>"):
        assert part in text, part
    assert f"Copy no. {printed.copy_number}" in text


@pytest.mark.parametrize(("family", "partners", "shared", "warned"), [
    (True, True, "May be shared with the family, landlord or contractors", False),
    (True, False, "May be shared with the family", True),
    (False, False, "May be shared with no one outside the care team", True),
])
def test_the_home_report_says_who_may_have_a_copy(
    ctx: Context, make_client: MakeClient, tmp_path: Path, family: bool, partners: bool,
    shared: str, warned: bool,
) -> None:
    client = make_client(given_name="Vera", family_name="Ωmega-Example",
                         consent_family=family, consent_community=partners)
    home_visit(ctx, client.id)
    printed = printing.render(ctx, "home", client.record_number,
                              printing.PrintOptions(language="en"))
    _pages, text = _every_page(printed.pdf_bytes, tmp_path, client.record_number)
    assert shared in text
    # A coordinator about to hand the report to a landlord is stopped by the page itself.
    assert ("do not give this report to a landlord or a contractor" in text) is warned


def test_eighty_modifications_flow_across_pages_with_their_header(
    ctx: Context, vera: clients.ClientDetail, tmp_path: Path
) -> None:
    for n in range(80):
        modifications.create_modification(
            ctx, client_id=vera.id, area="Kitchen" if n % 2 else "Bathroom",
            recommendation=f"Change number {n:03d}: fit a rail and label the cupboard",
            owner="contractor", estimated_cost_cents=1000 + n, funding_source="Grant")
    long_note = "A long note about the bathroom. " * 60  # too long for a cell
    modifications.create_modification(ctx, client_id=vera.id, area="Bathroom",
                                      recommendation="Widen the door", notes=long_note)
    printed = printing.render(ctx, "home", vera.record_number)
    pages, text = _every_page(printed.pdf_bytes, tmp_path, vera.record_number)
    assert len(pages) >= 3
    for n in range(80):
        assert f"Change number {n:03d}: fit a rail and label the cupboard" in text, n
    # The header row repeats on each page a table goes on to.
    assert sum("Modification Priority Who" in flat(p) for p in pages) >= 3
    assert flat(long_note) in text and "see modification" in text


def test_the_assessment_summary_prints_scores_change_trend_and_task_log(
    ctx: Context, vera: clients.ClientDetail, tmp_path: Path
) -> None:
    done(ctx, vera.id, "discharge-readiness", readiness("hands_on"), date(2026, 3, 1))
    done(ctx, vera.id, "discharge-readiness", readiness("prompts"), date(2026, 6, 1))
    done(ctx, vera.id, "discharge-readiness", readiness("independent", budgeting="prompts"),
         date(2026, 9, 1))
    task_trials(ctx, vera.id)
    printed = printing.render(ctx, "assessment", vera.record_number)
    pages, text = _every_page(printed.pdf_bytes, tmp_path, vera.record_number)
    summary_labels = ("Living skills", "Safety", "Medication routine", "Money",
                      "Community mobility and transport", "Daily routine and sleep",
                      "Coping and warning signs", "Social support and housing",
                      "Overall readiness")
    for label in summary_labels:
        assert label in text, label
    assert "Change since the previous administration" in text
    assert "From 1 Jun 2026 to 1 Sept 2026" in text or "From 1 Jun 2026 to 1 Sep 2026" in text
    # Overall readiness went from prompts (about half) to nearly all independent: a
    # meaningful rise of more than the smallest meaningful change of 15.
    overall = re.search(r"Overall readiness (\d+) (\d+) \+(\d+) 15 yes", text)
    assert overall is not None, text
    before, after, change = (int(g) for g in overall.groups())
    assert after - before == change and change >= 15
    for part in ("Overall readiness over time", "Task performance log",
                 "Time taken (minutes), by task", "Prepare a simple meal", "Pay a bill",
                 "Hands-on help", "Used the <picture> card & timer"):
        assert part in text, part
    assert len(pages) >= 2

    first = printing.render(ctx, "assessment", vera.record_number,
                            printing.PrintOptions(record_id=_first_id(ctx, vera.id)))
    _pages, first_text = _every_page(first.pdf_bytes, tmp_path, vera.record_number)
    assert "there is nothing to compare it with" in first_text


def _first_id(ctx: Context, client_id: int) -> int:
    from otdesk.services.assessments import list_assessments

    return min(a.id for a in list_assessments(ctx, client_id)
               if a.definition_id == "discharge-readiness")


def test_the_summary_in_spanish_and_french_has_translated_labels(
    ctx: Context, vera: clients.ClientDetail, tmp_path: Path
) -> None:
    done(ctx, vera.id, "discharge-readiness", readiness("prompts"), date(2026, 6, 1))
    home_visit(ctx, vera.id)
    for language, words in (("es", ("Resumen de la evaluación", "Puntuaciones por área",
                                    "Página 1 de")),
                            ("fr", ("Résumé de l'évaluation", "Scores par domaine",
                                    "Page 1 sur"))):
        options = printing.PrintOptions(language=language)
        text = flat("\n".join(page_texts(printing.render(
            ctx, "assessment", vera.record_number, options).pdf_bytes, tmp_path)))
        for word in words:
            assert word in text, (language, word)
        home = flat("\n".join(page_texts(printing.render(
            ctx, "home", vera.record_number, options).pdf_bytes, tmp_path)))
        assert ("Visitas a domicilio" if language == "es" else "Visites à domicile") in home


def test_each_print_leaves_an_audit_event_with_its_copy_number(
    ctx: Context, vera: clients.ClientDetail
) -> None:
    done(ctx, vera.id, "discharge-readiness", readiness("prompts"), date(2026, 6, 1))
    first = printing.render(ctx, "assessment", vera.record_number, target="a.pdf")
    second = printing.render(ctx, "home", vera.record_number, target="h.pdf")
    assert first.copy_number and second.copy_number and second.copy_number > first.copy_number
    for result, kind, record in ((first, "assessment", "assessment"),
                                 (second, "home", "client")):
        event = printing.lookup_copy(ctx, copy_number=result.copy_number or 0)
        assert (event.kind, event.record_kind, event.client_id) == (kind, record, vera.id)
        assert event.printed_by == "Clinic Administrator" or event.printed_by
    preview = printing.render(ctx, "home", vera.record_number, record=False)
    assert preview.copy_number is None


@pytest.fixture
def clinic(db_path: Path) -> Path:
    db = open_database(db_path)
    try:
        ctx = Context(db).acting_as(staff.ensure_administrator(Context(db)).id)
        client = clients.create_client(ctx, record_number="PR-1", given_name="Ana",
                                       family_name="Quill", date_of_birth="1970-01-02",
                                       preferred_language="en", status="active")
        home_visit(ctx, client.id)
        done(ctx, client.id, "discharge-readiness", readiness("prompts"), date(2026, 6, 1))
    finally:
        db.dispose()
    return db_path


def test_the_command_line_prints_both_documents(
    otdesk: Run, clinic: Path, tmp_path: Path  # noqa: F811
) -> None:
    home, summary = tmp_path / "home.pdf", tmp_path / "summary.pdf"
    result = otdesk("--db", clinic, "print", "home", "PR-1", "--out", home)
    assert result.returncode == 0, result.stderr
    assert "copy no." in result.stdout and home.read_bytes().startswith(b"%PDF")
    result = otdesk("--db", clinic, "print", "assessment", "PR-1", "--out", summary)
    assert result.returncode == 0, result.stderr
    assert "Overall readiness" in flat("\n".join(page_texts(summary.read_bytes(), tmp_path)))
    wrong = otdesk("--db", clinic, "print", "assessment", "PR-1", "--id", "99999", "--out",
                   tmp_path / "x.pdf")
    assert wrong.returncode == 1 and "99999" in wrong.stderr
    assert not (tmp_path / "x.pdf").exists()
