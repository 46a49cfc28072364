"""Loading definition files from folders into a ``Library``.

A file that cannot be read or fails validation is skipped and reported as ``Problem``s (file,
path inside it, reason); loading never raises for a bad file. Every version of a definition
stays available, so a stored assessment re-scores with the version it was made with.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from otdesk.domain.definitions.checks import DefinitionProblems
from otdesk.domain.definitions.errors import UnknownDefinition
from otdesk.domain.definitions.model import Definition, DefinitionKind
from otdesk.domain.translation import N_, _

SUFFIX = ".json"
SCHEMA_FILE = "definition.schema.json"


@dataclass(frozen=True)
class Problem:
    """One problem with one definition file."""

    file: Path
    path: str  # where in the file ("sections[2].items[4].scale"); "" for the whole file
    message: str

    def __str__(self) -> str:
        if self.path:
            return f"{self.file}: {self.path}: {self.message}"
        return f"{self.file}: {self.message}"


def version_key(version: str) -> tuple[int, ...]:
    """A version as numbers, so "10" sorts after "9"."""
    return tuple(int(part) for part in version.split("."))


class Library:
    """Every definition loaded, by id and version, with the problems of the files skipped."""

    def __init__(self, definitions: Iterable[Definition] = (),
                 problems: Iterable[Problem] = ()) -> None:
        self._by_id: dict[str, dict[str, Definition]] = {}
        self.files: dict[tuple[str, str], Path] = {}
        self.problems: list[Problem] = list(problems)
        for definition in definitions:
            self._by_id.setdefault(definition.id, {})[definition.version] = definition

    def add(self, definition: Definition, file: Path | None = None) -> Problem | None:
        """Add one definition; a second file with the same id and version is refused."""
        versions = self._by_id.setdefault(definition.id, {})
        if definition.version in versions:
            first = self.files.get((definition.id, definition.version))
            problem = Problem(file or Path("?"), "version", _(
                "'{id}' version {version} is already defined in {file}; give this file a "
                "new version or id").format(id=definition.id, version=definition.version,
                                            file=first or "?"))
            self.problems.append(problem)
            return problem
        versions[definition.version] = definition
        if file is not None:
            self.files[(definition.id, definition.version)] = file
        return None

    def get(self, definition_id: str, version: str | None = None) -> Definition:
        """A definition by id and version (the newest when ``version`` is None)."""
        versions = self._by_id.get(definition_id)
        if not versions:
            raise UnknownDefinition(definition_id)
        if version is None:
            return versions[max(versions, key=version_key)]
        try:
            return versions[version]
        except KeyError:
            raise UnknownDefinition(definition_id, version) from None

    def versions(self, definition_id: str) -> list[Definition]:
        """Every loaded version of a definition, oldest first (empty if unknown)."""
        versions = self._by_id.get(definition_id, {})
        return [versions[v] for v in sorted(versions, key=version_key)]

    def latest(self, language: str = "en") -> list[Definition]:
        """The newest version of each definition, sorted by title in ``language``."""
        newest = [self.get(definition_id) for definition_id in self._by_id if
                  self._by_id[definition_id]]
        return sorted(newest, key=lambda d: (d.title.text(language).casefold(), d.id))

    def by_kind(self, kind: DefinitionKind, language: str = "en") -> list[Definition]:
        """The newest version of each definition of one kind, sorted by title."""
        return [d for d in self.latest(language) if d.kind == kind]

    def all(self) -> list[Definition]:
        """Every version of every definition."""
        return [d for definition_id in sorted(self._by_id)
                for d in self.versions(definition_id)]

    def __contains__(self, definition_id: object) -> bool:
        return bool(self._by_id.get(str(definition_id)))

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_id.values())


def _path(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_PLAIN = {
    "missing": N_("this is required and missing"),
    "extra_forbidden": N_("this is not a field a definition file knows (a typing mistake?)"),
}


def _plain(error: Any) -> str:
    kind = error.get("type", "")
    if kind in _PLAIN:
        return _(_PLAIN[kind])
    message = str(error.get("msg", ""))
    return message.removeprefix("Value error, ")


def problems_of(file: Path, error: ValidationError) -> list[Problem]:
    """A pydantic validation error as problems naming the file and paths."""
    found: list[Problem] = []
    for e in error.errors():
        # Model-level errors name the model's own nesting; drop pydantic's union branch
        # names such as "function-after[...]" that mean nothing to a file's author.
        loc = [p for p in e.get("loc", ()) if not (isinstance(p, str) and "[" in p)]
        cause = (e.get("ctx") or {}).get("error")
        if isinstance(cause, DefinitionProblems):
            prefix = _path(loc)
            for path, message in cause.problems:
                found.append(Problem(file, f"{prefix}.{path}" if prefix else path, message))
        elif e.get("type") == "json_invalid":
            found.append(Problem(file, "", _("this is not valid JSON ({reason})").format(
                reason=(e.get("ctx") or {}).get("error", e.get("msg")))))
        else:
            found.append(Problem(file, _path(loc), _plain(e)))
    return found


def load_file(file: Path) -> tuple[Definition | None, list[Problem]]:
    """One definition file: the definition, or None and its problems."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        return None, [Problem(file, "", _("the file cannot be read ({reason})").format(
            reason=exc.strerror or exc))]
    try:
        return Definition.model_validate_json(data), []
    except ValidationError as exc:
        return None, problems_of(file, exc)


def load_definitions(folders: Sequence[Path]) -> Library:
    """Every definition file (``*.json``) in ``folders``, in order; bad files are skipped
    and reported in ``Library.problems``. Folders that do not exist are passed over."""
    library = Library()
    for folder in folders:
        if not folder.is_dir():
            continue
        for file in sorted(folder.glob(f"*{SUFFIX}")):
            if file.name == SCHEMA_FILE:
                continue
            definition, problems = load_file(file)
            library.problems.extend(problems)
            if definition is not None:
                library.add(definition, file)
    return library
