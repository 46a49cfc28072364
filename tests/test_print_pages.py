"""Printed pages without a database: every page names the client and says "Page x of y";
names in Arabic, Hebrew, Greek and Cyrillic come back out of the PDF as the same letters;
text a user typed prints literally; a 20,000-character note prints completely across pages;
large print is larger; each PDF passes ``qpdf --check``; Spanish pages carry Spanish labels."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pdf_text import flat, page_texts, qpdf_check, tools_missing
from pypdf import PdfReader

from otdesk.catalogues import in_language
from otdesk.domain.translation import current_language
from otdesk.reports import session_note
from otdesk.reports.letterhead import Letterhead
from otdesk.reports.page import ClientLine, PrintStamp
from otdesk.reports.text import user_text, visual

pytestmark = pytest.mark.skipif(tools_missing() is not None, reason=str(tools_missing()))

STAMP = PrintStamp("Family session note", "version 2", "Tess Example-OT",
                   datetime(2026, 12, 2, 9, 30, tzinfo=UTC), 4711)


def _note(client: ClientLine, text: str = "Short note.", **extra: object) -> bytes:
    view = session_note.SessionNoteView(
        letterhead=Letterhead("Example Clinic (fictional)", "1 Sample Road", "555-0100"),
        client=client, session_date=date(2026, 11, 20), start_time="14:30",
        duration_minutes=45, mode="Home", note_format="Narrative", status="Signed",
        author="Tess Example-OT", consent_confirmed=True, attendees=(("Rosa", "sister"),),
        topics=("Sleep",), handouts=(), sections=(("Note", text),), action_items=(),
        signatures=(session_note.SignatureLine("Author", "Tess Example-OT",
                                               datetime(2026, 11, 20, 15, tzinfo=UTC),
                                               "ab" * 32),),
        addenda=(), signed=True,
    )
    return session_note.render(view, STAMP, bool(extra.get("large_print", False)))


PLAIN = ClientLine("Ana Quill", "TEST-00001", date(1970, 5, 5))


def test_every_page_names_the_client_and_counts_pages(tmp_path: Path) -> None:
    pdf = _note(PLAIN, "\n\n".join(f"Paragraph {i}. " + "Words of the note. " * 60
                                  for i in range(40)))
    pages = page_texts(pdf, tmp_path)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert "Ana Quill" in text and "TEST-00001" in text and "5 May 1970" in text
        assert f"Page {number} of {len(pages)}" in text
        assert "Copy no. 4711" in text and "Printed by Tess Example-OT" in text
        assert "Family session note, version 2" in text and "Confidential" in text
    qpdf_check(pdf, tmp_path)


@pytest.mark.parametrize("name", [
    "فاطمة الزهراء", "שרה כהן", "Αλέξανδρος Παπαδόπουλος", "Анна Иванова", "Zoë Martín-López",
])
def test_names_in_any_script_come_back_as_typed(tmp_path: Path, name: str) -> None:
    client = ClientLine(name, "TEST-00002", date(1981, 2, 3))
    pdf = _note(client, f"{name} attended with family.")
    (text,) = page_texts(pdf, tmp_path)
    assert text.count(name) >= 3  # header, identification, note
    qpdf_check(pdf, tmp_path)


def test_right_to_left_runs_are_reordered_only_for_drawing() -> None:
    arabic = "فاطمة"
    assert visual("Name: Anna") == "Name: Anna"
    assert visual(f"Name: {arabic}") == f"Name: {arabic[::-1]}"  # drawn right to left


def test_what_a_user_types_prints_literally(tmp_path: Path) -> None:
    typed = "Dose <b>doubled</b> & then <br/> halved &amp; {name}"
    assert "<b>" not in user_text(typed)
    pdf = _note(PLAIN, typed)
    (text,) = page_texts(pdf, tmp_path)
    assert typed in flat(text)


def test_a_20000_character_note_prints_completely(tmp_path: Path) -> None:
    words = [f"w{i:05d}" for i in range(3400)]  # unique words, about 20,400 characters
    note = " ".join(words)  # one paragraph, no blank line to split at
    assert len(note) >= 20_000
    pdf = _note(PLAIN, note)
    pages = page_texts(pdf, tmp_path)
    assert len(pages) > 3
    printed = flat(" ".join(pages)).split()
    found = [w for w in printed if w.startswith("w") and w[1:].isdigit()]
    assert found == words
    qpdf_check(pdf, tmp_path)


def _sizes(pdf: bytes) -> set[float]:
    sizes: set[float] = set()

    def visit(text: str, cm: object, tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes.add(round(size * tm[0], 1))

    for page in PdfReader(__import__("io").BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_large_print_is_larger(tmp_path: Path) -> None:
    normal = _note(PLAIN, "A short note.")
    large = _note(PLAIN, "A short note.", large_print=True)
    assert max(_sizes(large)) > max(_sizes(normal))
    assert min(_sizes(large)) >= 12  # even the footer


def test_labels_print_in_the_language_asked_for(tmp_path: Path) -> None:
    with in_language("es") as used:
        assert used == "es" and current_language() == "es"
        pdf = _note(PLAIN)
    assert current_language() == "en"  # lent to the block only
    (text,) = page_texts(pdf, tmp_path)
    assert "Página 1 de 1" in text and "Nota de sesión familiar" in text
    assert "Fecha de nacimiento 5 may 1970" in text
