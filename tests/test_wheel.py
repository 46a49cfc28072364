"""A wheel built from the repository carries the compiled Spanish and French catalogues, and a
clinic that installs it reads otdesk in those languages."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_an_installed_wheel_speaks_spanish_and_french(tmp_path: Path) -> None:
    # Built with the build tools already installed (no network), as pip builds it for a clinic.
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "--wheel-dir", str(tmp_path / "dist"), str(ROOT)],
        check=True, timeout=600, capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("otdesk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for language in ("es", "fr"):
        assert f"otdesk/_resources/locale/{language}/LC_MESSAGES/otdesk.mo" in names

    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet",
         "--target", str(site), str(wheel)],
        check=True, timeout=600, capture_output=True,
    )
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(PYTHONPATH=str(site), LANG="C.UTF-8", PYTHONIOENCODING="utf-8")
    probe = (
        "import otdesk, otdesk.catalogues as c\n"
        "from otdesk.domain.translation import _\n"
        "print(otdesk.__file__)\n"
        "for code in ('es', 'fr'):\n"
        "    assert c.install_language(code), code\n"
        "    print(_('Caseload'))\n"
    )
    shown = subprocess.run([sys.executable, "-c", probe], env=env, cwd=tmp_path, check=True,
                           capture_output=True, text=True, encoding="utf-8", timeout=120)
    installed, spanish, french = shown.stdout.splitlines()
    assert Path(installed).is_relative_to(site)  # the installed copy, not the source tree
    assert (spanish, french) == ("Casos", "File active")

    helped = subprocess.run([sys.executable, "-m", "otdesk", "--help"], cwd=tmp_path,
                            env=env | {"LANGUAGE": "es"}, capture_output=True, text=True,
                            encoding="utf-8", timeout=120, check=True)
    assert helped.stdout.startswith("uso: otdesk")
    assert "Sin ninguna orden, otdesk abre la aplicación de escritorio." in helped.stdout
