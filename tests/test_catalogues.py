"""The translation catalogues: they hold exactly the code's texts, each language translates all
of them keeping places, mnemonics and markup, plural forms follow the catalogue, and the
command line picks its language from the environment."""

from __future__ import annotations

import argparse
import gettext
import inspect
import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from otdesk import catalogues
from otdesk.cli.argparse_texts import ARGPARSE_TEXTS
from otdesk.domain import translation, vocab
from otdesk.domain.translation import format_date, format_number, language_name, ngettext

TRANSLATED = [code for code in catalogues.LANGUAGES if code != translation.SOURCE_LANGUAGE]


def _read(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The texts marked in the code, extracted afresh."""
    return _read(catalogues.extract(tmp_path_factory.mktemp("pot") / "otdesk.pot"))


def _keys(catalogue: Catalog) -> set[tuple[str | None, str]]:
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalogue if m.id}


def _messages(language: str) -> list[Message]:
    return [m for m in _read(catalogues.catalogue_path(language, ".po")) if m.id]


def _pairs() -> list[tuple[str, Message]]:
    return [(language, m) for language in TRANSLATED for m in _messages(language)]


def _id(pair: tuple[str, Message]) -> str:
    language, m = pair
    text = m.id if isinstance(m.id, str) else m.id[0]
    return f"{language}:{m.context or ''}:{text[:40]}"


PAIRS = _pairs()


# -- complete ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_catalogue_holds_exactly_the_texts_the_code_marks(
    extracted: Catalog, language: str
) -> None:
    # A text added to the code but not merged (python -m otdesk.catalogues update) would show
    # in English; one left after the code dropped it is dead weight.
    po = _read(catalogues.catalogue_path(language, ".po"))
    assert _keys(po) == _keys(extracted)
    assert len(_keys(extracted)) > 700
    assert not list(po.obsolete)


def test_the_template_for_translators_is_current(extracted: Catalog) -> None:
    assert _keys(_read(catalogues.locale_dir() / "otdesk.pot")) == _keys(extracted)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_and_none_is_fuzzy(language: str) -> None:
    po = _read(catalogues.catalogue_path(language, ".po"))
    missing = [m.id for m in po if m.id and not (all(m.string) if m.pluralizable else m.string)]
    fuzzy = [m.id for m in po if m.id and m.fuzzy]
    assert missing == [] and fuzzy == []
    plural = [m for m in po if m.id and m.pluralizable]
    assert plural and all(len(m.string) == po.num_plurals for m in plural)


def test_the_shipped_languages_are_the_catalogues_there_are() -> None:
    found = {p.parent.parent.name for p in catalogues.locale_dir().glob("*/LC_MESSAGES/*.po")}
    assert found == set(TRANSLATED) == {"es", "fr"}


# -- places, mnemonics and markup kept ----------------------------------------------------

_PLACE = re.compile(r"\{[a-z_]*\}|%\([a-z_]+\)[sr]|%[sr]")
_ENTITY = re.compile(r"&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b[^>]*>")


def places(text: str) -> Counter[str]:
    """The named places (``{count}``) and argparse's %-places of a text."""
    return Counter(_PLACE.findall(text))


def mnemonics(text: str) -> list[str]:
    """The characters marked as keyboard mnemonics ('&x'); '&&', '& ' and entities are not."""
    return re.findall(r"&([^\s&])", _ENTITY.sub("", text).replace("&&", ""))


def _forms(m: Message) -> list[str]:
    return list(m.string) if m.pluralizable else [m.string]


def _sources(m: Message) -> list[str]:
    return list(m.id) if m.pluralizable else [m.id]


@pytest.mark.parametrize("pair", [p for p in PAIRS if any(map(places, _sources(p[1])))], ids=_id)
def test_places_are_kept(pair: tuple[str, Message]) -> None:
    _language, m = pair
    wanted = places(_sources(m)[-1])
    if m.pluralizable:
        # The singular form may spell its number out ("The one row is correct") but adds no
        # place; the last (general) form keeps every place.
        allowed = places(m.id[0]) | wanted
        assert all(not places(form) - allowed for form in m.string)
        assert places(m.string[-1]) == wanted
    else:
        assert places(m.string) == wanted


@pytest.mark.parametrize("pair", [p for p in PAIRS if mnemonics(_sources(p[1])[0])], ids=_id)
def test_the_one_mnemonic_is_kept(pair: tuple[str, Message]) -> None:
    _language, m = pair
    for form in _forms(m):
        marks = mnemonics(form)
        assert len(marks) == 1 and marks[0].isalnum(), form


def test_no_mnemonic_appears_where_the_source_has_none() -> None:
    added = [_id(p) for p in PAIRS if not mnemonics(_sources(p[1])[0])
             and any(mnemonics(form) for form in _forms(p[1]))]
    assert added == []


@pytest.mark.parametrize("pair", [p for p in PAIRS if _TAG.search(_sources(p[1])[0])], ids=_id)
def test_markup_is_kept(pair: tuple[str, Message]) -> None:
    _language, m = pair
    tags = Counter(t.lower() for t in _TAG.findall(_sources(m)[0]))
    assert all(Counter(t.lower() for t in _TAG.findall(f)) == tags for f in _forms(m))


def test_the_checks_read_places_and_mnemonics_right() -> None:
    assert mnemonics("Ed&it…") == ["i"]
    assert mnemonics("Episodes & care team") == []
    assert mnemonics("Tom &&amp; Jerry &nbsp;&Save") == ["S"]
    assert places("{count} of {total}, %(value)r and %s") == Counter(
        ["{count}", "{total}", "%(value)r", "%s"])


# -- plural forms from the catalogue ----------------------------------------------------------


def test_plural_forms_follow_a_catalogue_with_three_of_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Russian: 1, 21 клиент; 2-4, 22 клиента; 5-20, 25 клиентов. A test catalogue for the
    # caseload's count, installed the way a shipped language is.
    catalogue = Catalog(locale="ru", domain=catalogues.DOMAIN)
    catalogue.add(("{count} client", "{count} clients"),
                  ("{count} клиент", "{count} клиента", "{count} клиентов"))
    folder = tmp_path / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "otdesk.po").open("wb") as file:
        write_po(file, catalogue)
    assert "nplurals=3" in (folder / "otdesk.po").read_text(encoding="utf-8")
    catalogues.compile_catalogues(tmp_path)
    monkeypatch.setattr(catalogues, "locale_dir", lambda: tmp_path)
    monkeypatch.setattr(catalogues, "LANGUAGES", (*catalogues.LANGUAGES, "ru"))
    try:
        assert catalogues.install_language("ru")
        shown = {n: ngettext("{count} client", "{count} clients", n).format(count=n)
                 for n in (1, 2, 4, 5, 11, 21, 22, 25, 101)}
    finally:
        catalogues.install_language("en")
    assert shown == {
        1: "1 клиент", 2: "2 клиента", 4: "4 клиента", 5: "5 клиентов", 11: "11 клиентов",
        21: "21 клиент", 22: "22 клиента", 25: "25 клиентов", 101: "101 клиент",
    }
    assert ngettext("{count} client", "{count} clients", 21).format(count=21) == "21 clients"


def test_french_counts_zero_as_singular_and_spanish_does_not() -> None:
    try:
        catalogues.install_language("fr")
        french = [ngettext("{count} client", "{count} clients", n).format(count=n)
                  for n in (0, 1, 2)]
        catalogues.install_language("es")
        spanish = [ngettext("{count} client", "{count} clients", n).format(count=n)
                   for n in (0, 1, 2)]
    finally:
        catalogues.install_language("en")
    assert french == ["0 client", "1 client", "2 clients"]
    assert spanish == ["0 clientes", "1 cliente", "2 clientes"]


# -- dates, numbers and names in the interface language ----------------------------------


def test_dates_numbers_and_language_names_follow_the_interface_language() -> None:
    from datetime import date

    day = date(1977, 1, 3)
    shown = {}
    try:
        for code in ("en", "es", "fr"):
            catalogues.install_language(code)
            shown[code] = (format_date(day), format_number(12345), language_name("es"),
                           language_name("pt-BR"))
    finally:
        catalogues.install_language("en")
    assert shown["en"] == ("3 Jan 1977", "12,345", "Spanish", "Portuguese (Brazil)")
    assert shown["es"] == ("3 ene 1977", "12.345", "español", "portugués (Brasil)")
    assert shown["fr"] == ("3 janv. 1977", "12\u202f345", "espagnol", "portugais (Brésil)")
    assert language_name("xx-unknown") == "xx-unknown"
    assert language_name("") == ""


def test_every_vocabulary_member_has_a_label_in_every_language() -> None:
    enums = [v for v in vars(vocab).values() if isinstance(v, type)
             and issubclass(v, vocab.LabelledEnum) and v is not vocab.LabelledEnum]
    assert len(enums) >= 9
    try:
        for code in catalogues.LANGUAGES:
            catalogues.install_language(code)
            for enum in enums:
                for member in enum:
                    assert member.label and member.label != member.value, (code, member)
                    assert enum.parse(member.english_label) is member
    finally:
        catalogues.install_language("en")


# -- the command line's language --------------------------------------------------------------


@pytest.mark.parametrize(("environment", "language"), [
    ({"LANGUAGE": "de:fr", "LANG": "es_ES.UTF-8"}, "fr"),  # the first shipped one listed
    ({"LC_ALL": "es_MX.UTF-8", "LANG": "fr_FR.UTF-8"}, "es"),
    ({"LC_MESSAGES": "fr_CA.UTF-8"}, "fr"),
    ({"LANG": "es_ES.UTF-8"}, "es"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({}, "en"),
])
def test_the_command_line_follows_the_locale_variables(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], language: str
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert catalogues.language_from_environment() == language


def test_argparse_texts_are_still_argparse_s() -> None:
    # argparse words its help and errors through gettext with these exact texts; if Python
    # rewords one, the catalogue must follow.
    source = inspect.getsource(argparse)
    for text in ARGPARSE_TEXTS:
        assert repr(text) in source or f'"{text}"' in source, text


def test_argparse_reads_its_texts_from_the_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    from otdesk.cli.argparse_texts import use_catalogue_for_argparse

    monkeypatch.setenv("LANGUAGE", "es")
    before = gettext.textdomain()
    try:
        use_catalogue_for_argparse()
        assert gettext.gettext("usage: ") == "uso: "
        assert "opciones" in argparse.ArgumentParser(prog="x").format_help()
    finally:
        gettext.textdomain(before)
