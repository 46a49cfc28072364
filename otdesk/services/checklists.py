"""Environmental checklists: a home (or work, community) visit answered from a checklist
definition, area by area; saved as a draft, then finalised and read-only. A hazard answer
calls for the definition's recommendation, which the OT may accept as a home modification.

The checklist names its definition by ``template_id``/``template_version`` (the columns'
historic names); answers are the options' codes, checked against the definition.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from otdesk.db.models import (
    ChecklistAnswer,
    Client,
    EnvironmentalChecklist,
    Episode,
    HomeModification,
)
from otdesk.domain.definitions import (
    FLAG_HAZARD,
    Definition,
    DefinitionKind,
    ItemType,
    UnknownDefinition,
    check_answer,
    is_answered,
    missing_required,
    recommendations,
)
from otdesk.domain.errors import FieldError, ValidationError
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, _, current_language, fill
from otdesk.domain.vocab import (
    AuditAction,
    ChecklistSetting,
    HazardAnswer,
    ModificationOwner,
    Priority,
    RecordStatus,
)
from otdesk.services import modifications
from otdesk.services._records import audit, editing, insert_audited, jsonable, load
from otdesk.services.context import Context
from otdesk.services.definitions import library

ENTITY = RecordKind.CHECKLIST
FINALISED = (RecordStatus.FINAL.value, RecordStatus.SIGNED.value)

NOT_A_CHECKLIST = N_("'{id}' is not a checklist (it is a {kind})")
UNKNOWN = N_("'{id}' is not a checklist otdesk knows (see 'otdesk instruments list')")
READ_ONLY = N_("this checklist is final and can no longer be changed")
LEFT_OPEN = N_("still to answer: {items}")
NO_RECOMMENDATION = N_("'{item}' has no recommendation for its answer")
ALREADY = N_("'{item}' already has a modification from this checklist")


@dataclass(frozen=True)
class ChecklistItemAnswer:
    """One answered item."""

    item_key: str
    area: str  # the section key
    code: str
    answer: HazardAnswer
    note: str


@dataclass(frozen=True)
class ChecklistInfo:
    """A checklist and its answers."""

    id: int
    uuid: uuid.UUID
    client_id: int
    episode_id: int | None
    definition_id: str
    definition_version: str
    title: str  # the definition's title in the interface language (its id if unknown)
    setting: ChecklistSetting
    visit_date: date
    status: RecordStatus
    summary: str
    answers: dict[str, ChecklistItemAnswer]
    finalised_at: datetime | None
    version: int

    @property
    def is_final(self) -> bool:
        """Whether it is finalised (read-only)."""
        return self.status is not RecordStatus.DRAFT

    @property
    def hazards(self) -> int:
        """How many items were answered as hazards."""
        return sum(a.answer is HazardAnswer.HAZARD for a in self.answers.values())

    def codes(self) -> dict[str, str]:
        """Item key -> answer code, as the definition engine takes answers."""
        return {k: a.code for k, a in self.answers.items()}

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        data = {k: jsonable(v) for k, v in self.__dict__.items() if k != "answers"}
        data["answers"] = {k: {"area": a.area, "code": a.code, "answer": a.answer.value,
                               "note": a.note} for k, a in self.answers.items()}
        return data


@dataclass(frozen=True)
class HazardRecommendation:
    """What a hazard answer calls for, ready to become a home modification."""

    item_key: str
    section_key: str
    area: str  # the section's title in the interface language
    item_text: str
    text: str
    category: str
    owner: ModificationOwner
    priority: Priority
    modification_id: int | None  # the modification already made from it, if any


def definition_of(info: ChecklistInfo | EnvironmentalChecklist) -> Definition:
    """The definition (id and version) a checklist was answered from."""
    if isinstance(info, ChecklistInfo):
        return library().get(info.definition_id, info.definition_version)
    return library().get(info.template_id, info.template_version)


def _title(definition_id: str, version: str) -> str:
    try:
        return library().get(definition_id, version).title.text(current_language())
    except (UnknownDefinition, KeyError):
        return definition_id


def _info(session: Session, row: EnvironmentalChecklist) -> ChecklistInfo:
    answers = {
        a.item_key: ChecklistItemAnswer(a.item_key, a.area, a.code, HazardAnswer(a.answer),
                                        a.note)
        for a in session.scalars(select(ChecklistAnswer)
                                 .where(ChecklistAnswer.checklist_id == row.id)
                                 .order_by(ChecklistAnswer.id))
    }
    return ChecklistInfo(
        row.id, row.uuid, row.client_id, row.episode_id, row.template_id, row.template_version,
        _title(row.template_id, row.template_version), ChecklistSetting(row.setting),
        row.visit_date, RecordStatus(row.status), row.summary, answers, row.finalised_at,
        row.version)


def checklist_definitions() -> list[Definition]:
    """The checklists a visit may be answered from (newest version of each)."""
    return library().by_kind(DefinitionKind.CHECKLIST, current_language())


def start_checklist(
    ctx: Context, *, client_id: int, definition_id: str, visit_date: date | None = None,
    setting: str = ChecklistSetting.HOME.value,
) -> ChecklistInfo:
    """Begin a draft checklist for a client from the newest version of a checklist
    definition, filed under the client's open episode (if any)."""
    lib = library()
    if definition_id not in lib:
        raise ValidationError.single("definition_id", UNKNOWN, id=definition_id)
    definition = lib.get(definition_id)
    if definition.kind is not DefinitionKind.CHECKLIST:
        raise ValidationError.single("definition_id", NOT_A_CHECKLIST, id=definition_id,
                                     kind=definition.kind.label)
    where = ChecklistSetting(setting)
    with ctx.transaction() as session:
        load(session, Client, RecordKind.CLIENT, client_id)
        episode = session.scalar(select(Episode.id).where(
            Episode.client_id == client_id, Episode.actual_discharge_date.is_(None)))
        row = EnvironmentalChecklist(
            client_id=client_id, episode_id=episode, template_id=definition.id,
            template_version=definition.version, setting=where.value,
            visit_date=visit_date or ctx.today(), author_id=ctx.actor_id,
            status=RecordStatus.DRAFT.value, summary="")
        insert_audited(session, ctx, ENTITY, row, {
            "template_id": definition.id, "template_version": definition.version,
            "setting": where.value, "visit_date": row.visit_date}, client_id=client_id)
        return _info(session, row)


def get_checklist(ctx: Context, *, checklist_id: int) -> ChecklistInfo:
    """One checklist with its answers."""
    with ctx.db.reading() as session:
        return _info(session, load(session, EnvironmentalChecklist, ENTITY, checklist_id))


def list_for_client(ctx: Context, *, client_id: int) -> list[ChecklistInfo]:
    """A client's checklists, the latest visit first."""
    with ctx.db.reading() as session:
        load(session, Client, RecordKind.CLIENT, client_id)
        rows = session.scalars(
            select(EnvironmentalChecklist).where(EnvironmentalChecklist.client_id == client_id)
            .order_by(EnvironmentalChecklist.visit_date.desc(), EnvironmentalChecklist.id.desc()))
        return [_info(session, r) for r in rows]


def _meaning(definition: Definition, item_key: str, code: str) -> HazardAnswer:
    scale = definition.scale_of(definition.item(item_key))
    option = scale.option(code) if scale is not None else None
    if option is None:
        return HazardAnswer.NO_HAZARD
    if FLAG_HAZARD in option.flags:
        return HazardAnswer.HAZARD
    if option.not_applicable:
        return HazardAnswer.NOT_APPLICABLE
    return HazardAnswer.NO_HAZARD


def save_answers(
    ctx: Context, *, checklist_id: int, expected_version: int,
    answers: Mapping[str, object], notes: Mapping[str, str] | None = None,
    summary: str | None = None,
) -> ChecklistInfo:
    """Save a draft's answers (item key -> option code; None or "" clears one), item notes
    and summary. Each answer is checked against the definition; one error names every bad
    item. A final checklist is refused."""
    notes = notes or {}
    with editing(ctx, EnvironmentalChecklist, ENTITY, checklist_id, expected_version) as (
        session, row
    ):
        if row.status in FINALISED:
            raise ValidationError.single("status", READ_ONLY)
        definition = definition_of(row)
        problems = []
        for key in {*answers, *notes}:
            if not definition.has_item(key):
                problems.append(FieldError(key, fill(_("{item}: there is no such item"),
                                                     item=key)))
                continue
            why = check_answer(definition, key, answers.get(key))
            if why is not None:
                problems.append(FieldError(key, why))
        if problems:
            raise ValidationError(problems)
        stored = {a.item_key: a for a in session.scalars(
            select(ChecklistAnswer).where(ChecklistAnswer.checklist_id == row.id))}
        changed: dict[str, Any] = {}
        for key in {*answers, *notes}:
            old = stored.get(key)
            value = answers.get(key, old.code if old else None)
            note = notes.get(key, old.note if old else "")
            if not is_answered(value) and not note.strip():
                if old is not None:
                    changed[key] = [old.code, None]
                    session.delete(old)
                continue
            item = definition.item(key)
            code = str(value) if is_answered(value) else ""
            if item.type is ItemType.NUMBER and isinstance(value, float) and value.is_integer():
                code = str(int(value))
            meaning = _meaning(definition, key, code).value
            if old is None:
                new = ChecklistAnswer(checklist_id=row.id, item_key=key, code=code[:32],
                                      area=definition.section_of(key).key, answer=meaning,
                                      note=note, uuid=uuid.uuid4())
                new.created_at = new.updated_at = ctx.now()
                new.created_by_id = new.updated_by_id = ctx.actor_id
                session.add(new)
                changed[key] = [None, code]
            elif (old.code, old.note) != (code[:32], note):
                changed[key] = [old.code, code]
                old.code, old.answer, old.note = code[:32], meaning, note
                old.updated_at, old.updated_by_id = ctx.now(), ctx.actor_id
        if summary is not None and summary != row.summary:
            changed["summary"] = [row.summary, summary]
            row.summary = summary
        if changed:
            row.updated_at, row.updated_by_id = ctx.now(), ctx.actor_id
            session.flush()
            audit(session, ctx, AuditAction.UPDATE, ENTITY, row, changed,
                  client_id=row.client_id)
        return _info(session, row)


def finalise_checklist(ctx: Context, *, checklist_id: int, expected_version: int) -> ChecklistInfo:
    """Finalise a draft: refused while a required item is unanswered; read-only after."""
    with editing(ctx, EnvironmentalChecklist, ENTITY, checklist_id, expected_version) as (
        session, row
    ):
        if row.status in FINALISED:
            raise ValidationError.single("status", READ_ONLY)
        info = _info(session, row)
        definition = definition_of(row)
        open_items = missing_required(definition, info.codes())
        if open_items:
            names = ", ".join(i.text.text(current_language()) for i in open_items)
            raise ValidationError.single("answers", LEFT_OPEN, items=names)
        row.status = RecordStatus.FINAL.value
        row.finalised_at = ctx.now()
        row.updated_at, row.updated_by_id = ctx.now(), ctx.actor_id
        session.flush()
        audit(session, ctx, AuditAction.UPDATE, ENTITY, row,
              {"status": [RecordStatus.DRAFT.value, RecordStatus.FINAL.value]},
              client_id=row.client_id)
        return _info(session, row)


def hazard_recommendations(ctx: Context, *, checklist_id: int) -> list[HazardRecommendation]:
    """What the checklist's answers call for, in item order, each with the modification
    already made from it (if any)."""
    info = get_checklist(ctx, checklist_id=checklist_id)
    definition = definition_of(info)
    language = current_language()
    with ctx.db.reading() as session:
        made: dict[str, int] = {
            r[0]: r[1] for r in session.execute(
                select(HomeModification.item_key, HomeModification.id)
                .where(HomeModification.checklist_id == checklist_id))}
    found = []
    for rec in recommendations(definition, info.codes()):
        section = definition.section_of(rec.item_key)
        found.append(HazardRecommendation(
            rec.item_key, rec.section_key, section.title.text(language),
            definition.item(rec.item_key).text.text(language), rec.text.text(language),
            rec.category, rec.owner, rec.priority, made.get(rec.item_key)))
    return found


def accept_recommendation(
    ctx: Context, *, checklist_id: int, item_key: str, **changes: Any
) -> modifications.ModificationInfo:
    """Turn a hazard's recommendation into a home modification of the checklist's client,
    with the definition's text, category, owner and priority unless ``changes`` say
    otherwise (any field of ``modifications.MODIFICATION_FIELDS``)."""
    info = get_checklist(ctx, checklist_id=checklist_id)
    offered = {r.item_key: r for r in hazard_recommendations(ctx, checklist_id=checklist_id)}
    rec = offered.get(item_key)
    if rec is None:
        raise ValidationError.single("item_key", NO_RECOMMENDATION, item=item_key)
    if rec.modification_id is not None:
        raise ValidationError.single("item_key", ALREADY, item=item_key)
    values: dict[str, Any] = {
        "area": rec.area[:100], "item_key": item_key, "recommendation": rec.text,
        "category": rec.category, "owner": rec.owner.value, "priority": rec.priority.value,
    } | changes
    return modifications.create_modification(ctx, client_id=info.client_id,
                                             checklist_id=checklist_id, **values)
