"""Wheel build hook: the compiled translation catalogues go into the package.

The ``.po`` catalogues are the source (``resources/locale``); their compiled ``.mo`` files are
build products, git-ignored. A wheel gets them compiled here, at
``otdesk/_resources/locale/<lang>/LC_MESSAGES/otdesk.mo``, so a clinic that installs the wheel
has every language. An editable install compiles them in place instead, as
``python -m otdesk.catalogues build`` does.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogueBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compile ``resources/locale/*/LC_MESSAGES/otdesk.po`` for the wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile the catalogues and add them to the wheel (or, editable, beside the .po)."""
        # The one compile function lives with the catalogue loader; the build runs from the
        # source tree, so the package is importable from its root.
        sys.path.insert(0, self.root)
        try:
            from otdesk.catalogues import compile_catalogues
        finally:
            sys.path.remove(self.root)
        source = Path(self.root) / "resources" / "locale"
        if version == "editable":
            compile_catalogues(source)
            return
        self._compiled = tempfile.TemporaryDirectory(prefix="otdesk-catalogues-")
        into = Path(self._compiled.name)
        for mo in compile_catalogues(source, into):
            build_data["force_include"][str(mo)] = (
                f"otdesk/_resources/locale/{mo.relative_to(into).as_posix()}"
            )

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the compiled copies made for the wheel."""
        compiled = getattr(self, "_compiled", None)
        if compiled is not None:
            compiled.cleanup()
