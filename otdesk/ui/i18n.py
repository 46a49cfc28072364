"""Interface languages: installing translators, and building the .qm files from the .ts sources.

The English text in the code is the source. ``resources/translations/otdesk_<lang>.ts`` holds
each translation; the compiled ``.qm`` files are build products (git-ignored):

    python -m otdesk.ui.i18n update   # refresh the .ts sources from otdesk/ui (pyside6-lupdate)
    python -m otdesk.ui.i18n build    # compile every .ts into .qm (pyside6-lrelease)
"""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLibraryInfo, QLocale, QTranslator

from otdesk.resources import resource_path

SOURCE_LANGUAGE = "en"
# The languages the interface ships in: code and the language's own name.
LANGUAGES: tuple[tuple[str, str], ...] = (("en", "English"), ("es", "Español"))
TS_LANGUAGES = tuple(code for code, _ in LANGUAGES if code != SOURCE_LANGUAGE)
_PLACE = re.compile(r"%([1-9])")  # Qt's numbered places, as fill() uses them


def fill(text: str, *values: object) -> str:
    """Put ``values`` into a translated text's ``%1``, ``%2``... places (Qt's ``arg``).

    Translations may reorder the places, so the text carries numbers, never positions. The
    places are filled in one pass: a value that itself holds "%1" is put in as it is.
    """
    def value(place: re.Match[str]) -> str:
        number = int(place.group(1))
        return str(values[number - 1]) if number <= len(values) else place.group(0)

    return _PLACE.sub(value, text)


def count_text(count: int, one: str, many: str) -> str:
    """``one`` for a count of 1, else ``many`` with the count (in the interface's digits) put
    in its ``%1``; both are translated texts ("1 client", "%1 clients")."""
    return one if count == 1 else fill(many, QLocale().toString(count))


def format_date(day: date) -> str:
    """A date as lists show it ("3 Mar 2026", month names in the interface language)."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


def language_codes() -> list[str]:
    """The codes of the interface languages."""
    return [code for code, _ in LANGUAGES]


def translations_dir() -> Path:
    """Where the .ts sources and compiled .qm files live."""
    return resource_path("translations")


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load otdesk's and Qt's own translations for ``language``; keep the returned objects alive.

    English needs none. A missing .qm (not built yet) leaves the English text in place.
    """
    if language == SOURCE_LANGUAGE or language not in language_codes():
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return []
    QLocale.setDefault(QLocale(language))
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (("qtbase", qt_dir), ("otdesk", str(translations_dir()))):
        translator = QTranslator(app)
        if translator.load(f"{name}_{language}", folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Uninstall translators installed by ``install_translators``."""
    for translator in translators:
        app.removeTranslator(translator)


def tool(name: str) -> str:
    """The path of a PySide6 tool (``lupdate``, ``lrelease``): the venv's bin or PySide6's dir."""
    bin_dir = Path(sys.executable).parent
    for candidate in (bin_dir / f"pyside6-{name}", bin_dir / f"pyside6-{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    import PySide6

    package = Path(PySide6.__file__).parent
    for candidate in (package / name, package / f"{name}.exe"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    import shutil

    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if found:
        return found
    raise FileNotFoundError(f"Cannot find PySide6's {name}; is PySide6 installed?")


def build() -> list[Path]:
    """Compile every .ts source into a .qm file next to it; return the files written."""
    import subprocess

    written = []
    for ts in sorted(translations_dir().glob("*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        written.append(qm)
    return written


def update() -> list[Path]:
    """Refresh the .ts sources from every translatable string under otdesk/ui."""
    import subprocess

    ui_dir = Path(__file__).resolve().parent
    sources = sorted(str(p) for p in ui_dir.rglob("*.py"))
    targets = [translations_dir() / f"otdesk_{code}.ts" for code in TS_LANGUAGES]
    translations_dir().mkdir(parents=True, exist_ok=True)
    for ts in targets:
        subprocess.run(
            [tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none", *sources,
             "-ts", str(ts)],
            check=True,
        )
    return targets


def main(argv: list[str] | None = None) -> int:
    """``python -m otdesk.ui.i18n build|update``."""
    import subprocess  # the translation tools run as programs; the app never needs this

    args = sys.argv[1:] if argv is None else argv
    if args not in (["build"], ["update"]):
        print("usage: python -m otdesk.ui.i18n build|update", file=sys.stderr)
        return 2
    try:
        files = build() if args == ["build"] else update()
    except (OSError, subprocess.CalledProcessError) as exc:
        verb = "built" if args == ["build"] else "updated"
        print(f"otdesk: the translations could not be {verb}: {exc}", file=sys.stderr)
        return 1
    for path in files:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
