"""The desktop's language: otdesk's catalogue, Qt's own texts and Qt's locale, installed together.

Every text of otdesk comes from the gettext catalogue (``otdesk.catalogues``, read through
``otdesk.domain.translation``). Qt's own widgets have texts of their own (the standard dialog
buttons, the calendar), so Qt's ``qtbase_<lang>.qm``, shipped with PySide6, is loaded too, and
Qt's default locale follows the language for the dates and numbers Qt writes itself.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from otdesk.catalogues import LANGUAGES, install_language
from otdesk.domain.translation import SOURCE_LANGUAGE

__all__ = [
    "LANGUAGES",
    "install_translators",
    "interface_languages",
    "remove_translators",
]


def interface_languages() -> list[tuple[str, str]]:
    """Each language the interface ships in: its code, and its name in that language."""
    from babel import Locale

    return [
        (code, str(Locale.parse(code).get_display_name(code) or code).capitalize())
        for code in LANGUAGES
    ]


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Show otdesk and Qt in ``language``; keep the returned translators alive.

    An unknown language, or one whose catalogue is not built, leaves the English text in place.
    """
    if not install_language(language) or language == SOURCE_LANGUAGE:
        install_language(SOURCE_LANGUAGE)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return []
    QLocale.setDefault(QLocale(language))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{language}", folder):
        return []
    app.installTranslator(translator)
    return [translator]


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Uninstall translators installed by ``install_translators`` (otdesk's text stays)."""
    for translator in translators:
        app.removeTranslator(translator)

