"""The translation catalogues: finding them, installing a language, and building them.

One GNU gettext catalogue per language, ``resources/locale/<lang>/LC_MESSAGES/otdesk.po``,
holds every text of the interface, the services' and domain's messages and the command line.
The compiled ``.mo`` files are build products (git-ignored; a wheel gets them from the build
hook in ``hatch_build.py``). For a source checkout:

    python -m otdesk.catalogues build    # compile every .po into its .mo
    python -m otdesk.catalogues update   # extract the texts into otdesk.pot, merge into each .po

The desktop installs the language of its setting; the command line the one its environment
asks for (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, read as Python's gettext reads
them).
"""

from __future__ import annotations

import gettext
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from otdesk.domain import translation
from otdesk.resources import resource_path

DOMAIN = "otdesk"
# The languages otdesk ships in, English (the code's own text) first.
LANGUAGES: tuple[str, ...] = ("en", "es", "fr")
# The markers the code writes texts in (see otdesk.domain.translation), for extraction.
KEYWORDS = ("_", "N_", "ngettext:1,2", "pgettext:1c,2", "npgettext:1c,2,3", "NC_:1c,2",
            "N_plural:1,2")


def locale_dir() -> Path:
    """The folder holding ``<lang>/LC_MESSAGES/otdesk.po`` (and the compiled ``.mo``)."""
    return resource_path("locale")


def catalogue_path(language: str, suffix: str = ".mo") -> Path:
    """Where the catalogue of ``language`` is (compiled, or with ``suffix=".po"`` its source)."""
    return locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def load(language: str) -> gettext.NullTranslations | None:
    """The compiled catalogue of ``language``; None when it is missing (not built yet)."""
    if language == translation.SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    path = catalogue_path(language)
    if not path.is_file():
        return None
    with path.open("rb") as file:
        return gettext.GNUTranslations(file)


def install_language(language: str) -> bool:
    """Show every text in ``language`` from now on; English (and False) when it has no
    compiled catalogue."""
    found = load(language) if language in LANGUAGES else None
    if found is None:
        translation.install(gettext.NullTranslations(), translation.SOURCE_LANGUAGE)
        return language == translation.SOURCE_LANGUAGE
    translation.install(found, language)
    return True


@lru_cache(maxsize=8)
def _loaded(language: str) -> gettext.NullTranslations | None:
    return load(language) if language in LANGUAGES else None


@contextmanager
def in_language(language: str) -> Iterator[str]:
    """Read every text in ``language`` inside the block, in this thread only (a printed
    document in the family's language); yields the language used: English when ``language``
    has no compiled catalogue."""
    found = _loaded(language)
    used = language if found is not None else translation.SOURCE_LANGUAGE
    with translation.speaking(found or gettext.NullTranslations(), used):
        yield used


def language_from_environment() -> str:
    """The shipped language the environment asks for (English when it asks for none of them)."""
    found = gettext.find(DOMAIN, str(locale_dir()))
    if found is None:
        return translation.SOURCE_LANGUAGE
    language = Path(found).parent.parent.name
    return language if language in LANGUAGES else translation.SOURCE_LANGUAGE


def install_from_environment() -> str:
    """Install the language the environment asks for (the command line's way); return it."""
    language = language_from_environment()
    install_language(language)
    return language


# -- building (developer commands; Babel's tools are needed only here) -----------------------


def compile_catalogues(folder: Path | None = None, into: Path | None = None) -> list[Path]:
    """Compile every ``<lang>/LC_MESSAGES/otdesk.po`` under ``folder`` (the shipped ones by
    default) into its ``.mo``, beside it or in the same layout under ``into``.

    A fuzzy or untranslated entry is left out (the English text shows instead).
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    source_dir = folder or locale_dir()
    written = []
    for po in sorted(source_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po.open("rb") as source:
            catalogue = read_po(source, locale=po.parent.parent.name, domain=DOMAIN)
        mo = po.with_suffix(".mo")
        if into is not None:
            mo = into / mo.relative_to(source_dir)
            mo.parent.mkdir(parents=True, exist_ok=True)
        with mo.open("wb") as target:
            write_mo(target, catalogue)
        written.append(mo)
    return written


def _pybabel(*args: str) -> None:
    from babel.messages.frontend import CommandLineInterface

    CommandLineInterface().run(["pybabel", "--quiet", *args])  # type: ignore[no-untyped-call]


def extract(pot: Path | None = None) -> Path:
    """Write every marked text of the ``otdesk`` package into ``otdesk.pot`` (or ``pot``);
    return its path."""
    import contextlib

    import otdesk

    package = Path(__file__).resolve().parent
    pot = pot or locale_dir() / f"{DOMAIN}.pot"
    keywords = [arg for keyword in KEYWORDS for arg in ("-k", keyword)]
    # Run from the repository so the catalogue names files as "otdesk/ui/shell/app.py".
    with contextlib.chdir(package.parent):
        _pybabel(
            "extract", "--no-default-keywords", *keywords, "--add-comments=TRANSLATORS:",
            "--sort-by-file", "--add-location=file", "--width=100", "--project=otdesk",
            f"--version={otdesk.__version__}", "--copyright-holder=otdesk developers",
            "-o", str(pot.resolve()), package.name,
        )
    return pot


def update() -> list[Path]:
    """Extract the texts and merge them into every language's ``.po`` (new ones untranslated,
    vanished ones dropped)."""
    pot = extract()
    _pybabel(
        "update", "-i", str(pot), "-d", str(locale_dir()), "-D", DOMAIN,
        "--ignore-obsolete", "--width=100", "--no-fuzzy-matching",
    )
    return [catalogue_path(code, ".po") for code in LANGUAGES if code != "en"]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m otdesk.catalogues build|update``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args not in (["build"], ["update"]):
        print("usage: python -m otdesk.catalogues build|update", file=sys.stderr)
        return 2
    try:
        files = compile_catalogues() if args == ["build"] else update()
    except (OSError, ValueError) as exc:
        done = "built" if args == ["build"] else "updated"
        print(f"otdesk: the catalogues could not be {done}: {exc}", file=sys.stderr)
        return 1
    for path in files:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
