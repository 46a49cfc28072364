"""Language names in the interface language ("es" is "Spanish" in English, "español" in Spanish).

Qt names languages in English only. The languages a clinic meets most are listed here so the
translation files carry their names (context "Languages"); any other language falls back to
Qt's English name, so nothing is ever shown as a bare code when Qt knows the language.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

CONTEXT = "Languages"

# Qt's English names of the languages in form_fields.COMMON_LANGUAGES, for lupdate.
KNOWN_NAMES = (
    QT_TRANSLATE_NOOP("Languages", "English"),
    QT_TRANSLATE_NOOP("Languages", "Spanish"),
    QT_TRANSLATE_NOOP("Languages", "French"),
    QT_TRANSLATE_NOOP("Languages", "Portuguese"),
    QT_TRANSLATE_NOOP("Languages", "Arabic"),
    QT_TRANSLATE_NOOP("Languages", "Chinese"),
    QT_TRANSLATE_NOOP("Languages", "Vietnamese"),
    QT_TRANSLATE_NOOP("Languages", "Russian"),
    QT_TRANSLATE_NOOP("Languages", "Korean"),
    QT_TRANSLATE_NOOP("Languages", "Filipino"),
    QT_TRANSLATE_NOOP("Languages", "Polish"),
    QT_TRANSLATE_NOOP("Languages", "German"),
    QT_TRANSLATE_NOOP("Languages", "Italian"),
    QT_TRANSLATE_NOOP("Languages", "Persian"),
    QT_TRANSLATE_NOOP("Languages", "Hindi"),
    QT_TRANSLATE_NOOP("Languages", "Somali"),
    QT_TRANSLATE_NOOP("Languages", "Ukrainian"),
    QT_TRANSLATE_NOOP("Languages", "Turkish"),
    QT_TRANSLATE_NOOP("Languages", "Greek"),
    QT_TRANSLATE_NOOP("Languages", "Hebrew"),
)


def language_name(code: str) -> str:
    """The name of the language ``code`` in the interface language, or the code if unknown."""
    if not code:
        return ""
    locale = QLocale(code)
    if locale.language() == QLocale.Language.C:
        return code
    english = QLocale.languageToString(locale.language())
    return QCoreApplication.translate(CONTEXT, english) if english else code
