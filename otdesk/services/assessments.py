"""Assessments: start one on a definition, answer and save it as a draft, finalise it, correct
it, record an external result, and read a client's history.

Every administration names its definition's id and version; its scores are computed by the
definition engine and stored with it. A finalised (final or signed) administration is
read-only here and in the database (migration 0004); a correction is a new draft, linked to
the one it corrects by ``corrects_id``, which stays as it was.

Comparisons, trends and the discharge-readiness battery are in
``otdesk.services.assessment_progress`` and re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from otdesk.db.models import Assessment, Client, Episode, Staff
from otdesk.domain.definitions import (
    Definition,
    DefinitionKind,
    ItemType,
    ScoreResult,
    UnknownDefinition,
    check_answers,
    is_answered,
    missing_required,
    score,
)
from otdesk.domain.errors import FieldError, ValidationError
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, current_language
from otdesk.domain.vocab import RecordStatus
from otdesk.services._records import (
    delete_audited,
    editing,
    insert_audited,
    jsonable,
    load,
    update_audited,
)
from otdesk.services.context import Context
from otdesk.services.definitions import library

ENTITY = RecordKind.ASSESSMENT
FINALISED = (RecordStatus.FINAL.value, RecordStatus.SIGNED.value)
TOTAL_ITEM = "total"  # the item of an external-result definition holding the total
BAND_ITEM = "band"
DATE_ITEM = "date"
LEGACY_NAME = "instrument_name"  # results stored before definitions named the instrument so


class FinalisedAssessmentError(ValidationError):
    """A finalised assessment was to be changed: it is read-only (correct it instead)."""

    def __init__(self) -> None:
        super().__init__(FieldError.of("status", N_(
            "this assessment is finalised and cannot be changed; make a correction instead")))


@dataclass(frozen=True)
class AssessmentInfo:
    """One administration as lists, forms and charts show it."""

    id: int
    client_id: int
    episode_id: int | None
    definition_id: str
    definition_version: str
    title: str  # in the interface language (the id when the definition is not installed)
    kind: DefinitionKind | None  # None when the definition is not installed
    administered_on: date
    status: str  # a RecordStatus code
    answers: dict[str, Any]
    result: ScoreResult | None  # the engine's scores (None: no definition, nothing scored)
    band_label: str  # the total's band, clinician label, interface language; or ""
    plain_band: str  # the same band in plain language; or ""
    external_total: str
    comment: str
    corrects_id: int | None
    corrected_by_id: int | None  # the newer administration correcting this one
    author_name: str
    finalised_at: datetime | None
    version: int

    @property
    def is_final(self) -> bool:
        """Whether it is finalised (final or signed), so read-only."""
        return self.status in FINALISED

    @property
    def total(self) -> float | None:
        """The value of the total score, if any."""
        definition = find_definition(self.definition_id, self.definition_version)
        rule = definition.total_rule() if definition else None
        if self.result is None or rule is None:
            return None
        return self.result.value(rule.key)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dictionary (scores by key with their value and band)."""
        out = {k: jsonable(v) for k, v in self.__dict__.items() if k != "result"}
        out["kind"] = None if self.kind is None else self.kind.value
        out["scores"] = {} if self.result is None else {
            key: {"label": s.label.text(current_language()), "value": s.value,
                  "band": "" if s.band is None else s.band.label.text(current_language())}
            for key, s in self.result.scores.items()}
        out["total"] = self.total
        return out


def find_definition(definition_id: str, version: str | None = None) -> Definition | None:
    """A definition of the library, or None when it is not installed."""
    try:
        return library().get(definition_id, version)
    except UnknownDefinition:
        return None


def _definition(definition_id: str, version: str | None = None) -> Definition:
    return library().get(definition_id, version)  # UnknownDefinition names it


def _result(row: Assessment, definition: Definition | None) -> ScoreResult | None:
    if row.scores and "scores" in row.scores:
        return ScoreResult.from_json(row.scores)
    if definition is None:
        return None
    return score(definition, row.answers or {})


def _bands(result: ScoreResult | None, definition: Definition | None,
           stored: str) -> tuple[str, str]:
    rule = definition.total_rule() if definition else None
    found = result.scores.get(rule.key) if result and rule else None
    if found is not None and found.band is not None:
        language = current_language()
        return found.band.label.text(language), found.band.plain.text(language)
    return stored, stored


_UNREAD = -1  # _info reads the correction itself


def _staff_name(session: Session, staff_id: int | None) -> str:
    author = session.get(Staff, staff_id) if staff_id else None
    return f"{author.given_name} {author.family_name}".strip() if author else ""


def _info(session: Session, row: Assessment, *, corrected_by: int | None = _UNREAD,
          author_name: str | None = None) -> AssessmentInfo:
    """The row as handed out (``corrected_by`` and ``author_name`` when the caller read them
    for many rows at once)."""
    definition = find_definition(row.instrument_id, row.instrument_version)
    result = _result(row, definition)
    band_label, plain_band = _bands(result, definition, row.band)
    if corrected_by == _UNREAD:
        corrected_by = session.scalar(
            select(Assessment.id).where(Assessment.corrects_id == row.id)
            .order_by(Assessment.id.desc()).limit(1))
    return AssessmentInfo(
        id=row.id, client_id=row.client_id, episode_id=row.episode_id,
        definition_id=row.instrument_id, definition_version=row.instrument_version,
        title=(definition.title_in(current_language()) if definition
               else str((row.answers or {}).get(LEGACY_NAME) or row.instrument_id)),
        kind=definition.kind if definition else None, administered_on=row.administered_on,
        status=row.status, answers=dict(row.answers or {}), result=result,
        band_label=band_label, plain_band=plain_band, external_total=row.external_total,
        comment=row.comment, corrects_id=row.corrects_id,
        corrected_by_id=corrected_by,
        author_name=_staff_name(session, row.author_id) if author_name is None else author_name,
        finalised_at=row.finalised_at, version=row.version)


def _scored_values(definition: Definition, answers: Mapping[str, Any]) -> dict[str, Any]:
    result = score(definition, answers)
    rule = definition.total_rule()
    total = result.scores.get(rule.key) if rule else None
    band = "" if total is None or total.band is None else str(total.band.label)[:100]
    return {"scores": result.to_json(), "band": band}


def _open_episode(session: Session, client_id: int) -> int | None:
    return session.scalar(select(Episode.id).where(
        Episode.client_id == client_id, Episode.actual_discharge_date.is_(None)))


def _check_episode(session: Session, client_id: int, episode_id: int | None) -> int | None:
    if episode_id is None:
        return _open_episode(session, client_id)
    episode = load(session, Episode, RecordKind.EPISODE, episode_id)
    if episode.client_id != client_id:
        raise ValidationError.single("episode_id", N_("the episode is another client's"))
    return episode_id


def _clean_answers(definition: Definition, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers checked by the engine (a ValidationError names each item refused), dates
    as ISO text, blank answers left out."""
    problems = check_answers(definition, answers)
    if problems:
        # The engine's reasons start with the item's key, which the field already names.
        raise ValidationError([FieldError(key, reason.removeprefix(f"{key}: "))
                               for key, reason in problems.items()])
    clean: dict[str, Any] = {}
    for key, value in answers.items():
        if not is_answered(value):
            continue
        if definition.item(key).type is ItemType.DATE and isinstance(value, date):
            value = value.isoformat()
        clean[key] = value
    return clean


def _not_final(row: Assessment) -> None:
    if row.status in FINALISED:
        raise FinalisedAssessmentError()


def _create(session: Session, ctx: Context, values: dict[str, Any]) -> Assessment:
    row = Assessment(**values)
    audited = {k: v for k, v in values.items() if k not in ("scores",)}
    insert_audited(session, ctx, ENTITY, row, audited, client_id=row.client_id)
    return row


# -- writes ---------------------------------------------------------------------------------


def start_assessment(ctx: Context, *, client_id: int, definition_id: str,
                     administered_on: date | None = None,
                     episode_id: int | None = None) -> AssessmentInfo:
    """A new draft on the latest version of the definition, for the client's open episode
    unless ``episode_id`` names another of theirs."""
    definition = _definition(definition_id)
    with ctx.transaction() as session:
        load(session, Client, RecordKind.CLIENT, client_id)
        row = _create(session, ctx, {
            "client_id": client_id, "episode_id": _check_episode(session, client_id, episode_id),
            "instrument_id": definition.id, "instrument_version": definition.version,
            "administered_on": administered_on or ctx.today(), "author_id": ctx.actor_id,
            "status": RecordStatus.DRAFT.value, "answers": {},
            **_scored_values(definition, {})})
        return _info(session, row)


def save_answers(ctx: Context, *, assessment_id: int, expected_version: int,
                 answers: Mapping[str, Any], administered_on: date | None = None,
                 comment: str | None = None) -> AssessmentInfo:
    """Save a draft's answers: those given replace the answers to the same items (None or
    blank clears one), the others stay. Each is checked by the definition (a
    ``ValidationError`` names the item); the scores are computed again and stored."""
    with editing(ctx, Assessment, ENTITY, assessment_id, expected_version) as (session, row):
        _not_final(row)
        definition = _definition(row.instrument_id, row.instrument_version)
        merged = {**(row.answers or {}), **dict(answers)}
        clean = _clean_answers(definition, merged)
        values: dict[str, Any] = {"answers": clean, **_scored_values(definition, clean)}
        if administered_on is not None:
            values["administered_on"] = administered_on
        if comment is not None:
            values["comment"] = comment
        update_audited(session, ctx, ENTITY, row, values, client_id=row.client_id)
        return _info(session, row)


def finalise_assessment(ctx: Context, *, assessment_id: int,
                        expected_version: int) -> AssessmentInfo:
    """Finalise a draft: refused while required items shown are unanswered (each named);
    scores and band stored, with who finalised it and when. It is read-only from then on."""
    with editing(ctx, Assessment, ENTITY, assessment_id, expected_version) as (session, row):
        _not_final(row)
        definition = _definition(row.instrument_id, row.instrument_version)
        answers = row.answers or {}
        if not any(is_answered(value) for value in answers.values()):
            raise ValidationError.single("answers", N_(
                "nothing has been answered yet; answer the form before finalising it"))
        missing = missing_required(definition, answers)
        if missing:
            language = current_language()
            raise ValidationError([FieldError.of(
                item.key, N_("{item} is required and has no answer"),
                item=item.text.text(language)) for item in missing])
        update_audited(session, ctx, ENTITY, row, {
            **_scored_values(definition, answers), "status": RecordStatus.FINAL.value,
            "finalised_at": ctx.now(), "finalised_by_id": ctx.actor_id,
        }, client_id=row.client_id)
        return _info(session, row)


def correct_assessment(ctx: Context, *, assessment_id: int) -> AssessmentInfo:
    """A new draft correcting a finalised administration (``corrects_id``), on the same
    definition version with its answers, date and comment copied; the original is unchanged.
    Refused for a draft (edit it) and when a correction already exists (correct that one)."""
    with ctx.transaction() as session:
        old = load(session, Assessment, ENTITY, assessment_id)
        if old.status not in FINALISED:
            raise ValidationError.single("status", N_(
                "this assessment is a draft: change it directly instead of correcting it"))
        existing = session.scalar(select(Assessment.id).where(
            Assessment.corrects_id == old.id).limit(1))
        if existing is not None:
            raise ValidationError.single("corrects_id", N_(
                "this assessment already has a correction (id {id}); open that one instead"),
                id=existing)
        values: dict[str, Any] = {
            "client_id": old.client_id, "episode_id": old.episode_id,
            "instrument_id": old.instrument_id, "instrument_version": old.instrument_version,
            "administered_on": old.administered_on, "author_id": ctx.actor_id,
            "status": RecordStatus.DRAFT.value, "answers": dict(old.answers or {}),
            "scores": dict(old.scores or {}), "band": old.band,
            "external_total": old.external_total, "comment": old.comment,
            "corrects_id": old.id}
        row = _create(session, ctx, values)
        return _info(session, row)


def record_external_result(ctx: Context, *, client_id: int, definition_id: str,
                           administered_on: date, total: float | int | str, band: str = "",
                           comment: str = "") -> AssessmentInfo:
    """Record the result of a licensed instrument given on its own forms (kind external):
    final at once, no item text; the total is checked against the definition's range."""
    definition = _definition(definition_id)
    if definition.kind is not DefinitionKind.EXTERNAL:
        raise ValidationError.single("definition_id", N_(
            "{title} is not an external result; start an assessment on it instead"),
            title=definition.title_in(current_language()))
    number = _number(total)
    answers: dict[str, Any] = {TOTAL_ITEM: number, DATE_ITEM: administered_on}
    if band.strip():
        answers[BAND_ITEM] = band.strip()
    known = {k: v for k, v in answers.items() if definition.has_item(k)}
    clean = _clean_answers(definition, known)
    with ctx.transaction() as session:
        load(session, Client, RecordKind.CLIENT, client_id)
        scored = _scored_values(definition, clean)
        row = _create(session, ctx, {
            "client_id": client_id, "episode_id": _open_episode(session, client_id),
            "instrument_id": definition.id, "instrument_version": definition.version,
            "administered_on": administered_on, "author_id": ctx.actor_id,
            "status": RecordStatus.FINAL.value, "answers": clean, "scores": scored["scores"],
            "band": band.strip()[:100] or scored["band"], "external_total": f"{number:g}",
            "comment": comment, "finalised_at": ctx.now(), "finalised_by_id": ctx.actor_id})
        return _info(session, row)


def _number(total: float | int | str) -> float | int:
    if isinstance(total, bool):
        raise ValidationError.single(TOTAL_ITEM, N_("the total must be a number"))
    if isinstance(total, int | float):
        return total
    text = str(total).strip().replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise ValidationError.single(TOTAL_ITEM, N_("'{value}' is not a number"),
                                     value=str(total)) from None
    return int(value) if value.is_integer() else value


def discard_draft(ctx: Context, *, assessment_id: int, expected_version: int) -> None:
    """Delete a draft (a finalised assessment is kept for good)."""
    with editing(ctx, Assessment, ENTITY, assessment_id, expected_version) as (session, row):
        _not_final(row)
        delete_audited(session, ctx, ENTITY, row, ("instrument_id", "administered_on",
                                                   "status", "answers"),
                       client_id=row.client_id)


# -- reads ----------------------------------------------------------------------------------


def get_assessment(ctx: Context, assessment_id: int) -> AssessmentInfo:
    """One administration by id."""
    with ctx.db.reading() as session:
        return _info(session, load(session, Assessment, ENTITY, assessment_id))


def list_assessments(ctx: Context, client_id: int) -> list[AssessmentInfo]:
    """Every administration of a client, newest first (corrected ones included)."""
    with ctx.db.reading() as session:
        load(session, Client, RecordKind.CLIENT, client_id)
        rows = session.scalars(select(Assessment).where(Assessment.client_id == client_id)
                               .order_by(Assessment.administered_on.desc(),
                                         Assessment.id.desc())).all()
        corrected_by: dict[int, int] = {}
        for row in sorted(rows, key=lambda r: r.id):  # the newest correction wins
            if row.corrects_id is not None:
                corrected_by[row.corrects_id] = row.id
        names = {staff_id: _staff_name(session, staff_id)
                 for staff_id in {row.author_id for row in rows}}
        return [_info(session, row, corrected_by=corrected_by.get(row.id),
                      author_name=names[row.author_id]) for row in rows]


def effective(items: list[AssessmentInfo]) -> list[AssessmentInfo]:
    """The finalised administrations that stand: those not corrected by a finalised one."""
    final_ids = {a.id for a in items if a.is_final}
    replaced = {a.corrects_id for a in items if a.is_final and a.corrects_id in final_ids}
    return [a for a in items if a.is_final and a.id not in replaced]


from otdesk.services.assessment_progress import (  # noqa: E402  (re-exported, uses the above)
    DEFAULT_BATTERY,
    BatteryLine,
    Comparison,
    TrendSeries,
    battery_status,
    battery_summary,
    compare_assessments,
    trend,
)

__all__ = [
    "DEFAULT_BATTERY",
    "AssessmentInfo",
    "BatteryLine",
    "Comparison",
    "FinalisedAssessmentError",
    "TrendSeries",
    "battery_status",
    "battery_summary",
    "compare_assessments",
    "correct_assessment",
    "discard_draft",
    "effective",
    "finalise_assessment",
    "get_assessment",
    "list_assessments",
    "record_external_result",
    "save_answers",
    "start_assessment",
    "trend",
]
