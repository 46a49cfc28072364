"""The desktop front end (the only package that imports PySide6).

PySide6 loads here, before any screen's module, so that PySide's scan of every later module's
source is switched off first (see ``qt_runtime``).
"""

from otdesk.ui.qt_runtime import skip_feature_scan

skip_feature_scan()
