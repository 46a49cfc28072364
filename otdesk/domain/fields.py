"""Field rules for records: one table per record type, one validator for all of them.

A service hands the validator the values a user typed (already the right Python types, or
text from a file) and gets back clean values or a ``ValidationError`` that names every field
that is wrong and why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, Literal

from otdesk.domain import messages
from otdesk.domain.dates import check_birth_date, parse_date
from otdesk.domain.errors import FieldError, ValidationError
from otdesk.domain.text import LONG_MAX, NAME_MAX, SHORT_MAX, check_identity, check_text
from otdesk.domain.translation import N_, _
from otdesk.domain.vocab import (
    ClientStatus,
    ConsentScope,
    DateOrder,
    Discipline,
    LabelledEnum,
    Priority,
    StaffRole,
)

Kind = Literal["text", "longtext", "date", "bool", "choice", "ref", "int", "language"]


@dataclass(frozen=True)
class Field:
    """How one field is checked."""

    kind: Kind = "text"
    required: bool = False
    max_length: int = SHORT_MAX
    choices: type[LabelledEnum] | None = None
    birth_date: bool = False
    # A name or record number: every character must show (see text.check_identity).
    identity: bool = False
    minimum: int | None = None
    maximum: int | None = None


def _language_error(field: str, value: str) -> FieldError | None:
    # BCP 47 tags as clinics use them: "en", "es", "pt-BR", "zh-Hant".
    parts = value.split("-")
    if not (2 <= len(parts[0]) <= 3 and parts[0].isascii() and parts[0].isalpha()):
        return FieldError.of(field, messages.NOT_LANGUAGE, value=value)
    if any(not (p.isascii() and p.isalnum() and 1 <= len(p) <= 8) for p in parts[1:]):
        return FieldError.of(field, messages.NOT_LANGUAGE, value=value)
    return None


def check_value(
    name: str, spec: Field, value: Any, today: date, date_order: DateOrder = DateOrder.YMD
) -> tuple[Any, FieldError | None]:
    """Check and convert one value; return the clean value or the problem.

    A date typed as text is read in the clinic's ``date_order`` as well as YYYY-MM-DD.
    """
    if spec.kind in ("text", "longtext"):
        if value is None:
            value = ""
        if not isinstance(value, str):
            return value, FieldError.of(name, messages.MUST_BE_TEXT)
        err = check_text(
            name,
            value,
            required=spec.required,
            multiline=spec.kind == "longtext",
            max_length=spec.max_length,
        )
        if err is None and spec.identity:
            err = check_identity(name, value)
        return value, err
    if spec.kind == "language":
        if not isinstance(value, str) or not value.strip():
            return value, FieldError.of(name, messages.REQUIRED) if spec.required else None
        return value.strip(), _language_error(name, value.strip())
    if spec.kind == "date":
        if value is None or value == "":
            return None, FieldError.of(name, messages.REQUIRED) if spec.required else None
        if isinstance(value, str):
            parsed = parse_date(name, value, date_order)
            if isinstance(parsed, FieldError):
                return value, parsed
            value = parsed
        if not isinstance(value, date):
            return value, FieldError.of(name, messages.MUST_BE_DATE)
        if spec.birth_date:
            return value, check_birth_date(name, value, today)
        return value, None
    if spec.kind == "bool":
        if isinstance(value, bool):
            return value, None
        if isinstance(value, str):
            folded = value.strip().casefold()
            if folded in ("yes", "y", "true", "1"):
                return True, None
            if folded in ("no", "n", "false", "0", ""):
                return False, None
        return value, FieldError.of(name, messages.NOT_YES_NO, value=value)
    if spec.kind == "choice":
        assert spec.choices is not None
        if value is None or value == "":
            if spec.required:
                return value, FieldError.of(
                    name, messages.REQUIRED_ONE_OF, choices=spec.choices.choices()
                )
            return None, None
        try:
            return spec.choices.parse(str(value.value if isinstance(value, Enum) else value)), None
        except ValueError:
            return value, FieldError.of(
                name, messages.NOT_ONE_OF, value=value, choices=spec.choices.choices()
            )
    if spec.kind in ("ref", "int"):
        if value is None or value == "":
            return None, FieldError.of(name, messages.REQUIRED) if spec.required else None
        if isinstance(value, bool) or not isinstance(value, int):
            try:
                value = int(str(value))
            except ValueError:
                return value, FieldError.of(name, messages.NOT_WHOLE_NUMBER, value=value)
        if spec.minimum is not None and value < spec.minimum:
            return value, FieldError.of(name, messages.AT_LEAST, minimum=spec.minimum)
        if spec.maximum is not None and value > spec.maximum:
            return value, FieldError.of(name, messages.AT_MOST, maximum=spec.maximum)
        return value, None
    raise AssertionError(f"unknown field kind {spec.kind}")


def validate(
    specs: Mapping[str, Field],
    values: Mapping[str, Any],
    *,
    today: date,
    partial: bool = False,
    date_order: DateOrder = DateOrder.YMD,
) -> dict[str, Any]:
    """Check ``values`` against ``specs``; raise one error naming every bad field.

    With ``partial`` (an update), only the given fields are checked and required fields may be
    left out; an unknown field name is always an error.
    """
    errors: list[FieldError] = []
    clean: dict[str, Any] = {}
    for name in values:
        if name not in specs:
            errors.append(FieldError.of(name, messages.UNKNOWN_FIELD))
    for name, spec in specs.items():
        if name not in values:
            if spec.required and not partial:
                errors.append(FieldError.of(name, messages.REQUIRED))
            continue
        value, err = check_value(name, spec, values[name], today, date_order)
        if err:
            errors.append(err)
        else:
            clean[name] = value
    if errors:
        raise ValidationError(errors)
    return clean


CLIENT_FIELDS: dict[str, Field] = {
    "record_number": Field("text", required=True, max_length=40, identity=True),
    "given_name": Field("text", required=True, max_length=NAME_MAX, identity=True),
    "family_name": Field("text", required=True, max_length=NAME_MAX, identity=True),
    "preferred_name": Field("text", max_length=NAME_MAX, identity=True),
    "pronouns": Field("text", max_length=60),
    "date_of_birth": Field("date", required=True, birth_date=True),
    "preferred_language": Field("language", required=True),
    "interpreter_needed": Field("bool"),
    "phone": Field("text", max_length=100),
    "email": Field("text", max_length=320),
    "address": Field("longtext", max_length=2000),
    "consent_family": Field("bool"),
    "consent_community": Field("bool"),
    "status": Field("choice", required=True, choices=ClientStatus),
    "priority": Field("choice", choices=Priority),
    "assigned_ot_id": Field("ref"),
    "alerts": Field("longtext", max_length=LONG_MAX),
}

DIAGNOSIS_FIELDS: dict[str, Field] = {
    "text": Field("longtext", required=True, max_length=2000),
    "code": Field("text", max_length=40),
    "code_system": Field("text", max_length=40),
}

FAMILY_MEMBER_FIELDS: dict[str, Field] = {
    "given_name": Field("text", required=True, max_length=NAME_MAX, identity=True),
    "family_name": Field("text", max_length=NAME_MAX, identity=True),
    "relationship_to_client": Field("text", required=True, max_length=100),
    "preferred_language": Field("language"),
    "interpreter_needed": Field("bool"),
    "phone": Field("text", max_length=100),
    "email": Field("text", max_length=320),
    "address": Field("longtext", max_length=2000),
    "consent_scope": Field("choice", choices=ConsentScope),
    "primary_caregiver": Field("bool"),
    "notes": Field("longtext", max_length=LONG_MAX),
}

STAFF_FIELDS: dict[str, Field] = {
    "username": Field("text", required=True, max_length=100, identity=True),
    "given_name": Field("text", required=True, max_length=NAME_MAX, identity=True),
    "family_name": Field("text", required=True, max_length=NAME_MAX, identity=True),
    "role": Field("choice", required=True, choices=StaffRole),
    "credentials": Field("text", max_length=200),
    "phone": Field("text", max_length=100),
    "email": Field("text", max_length=320),
    "organisation": Field("text", max_length=200),
    "active": Field("bool"),
}

CLINIC_FIELDS: dict[str, Field] = {
    "name": Field("text", max_length=200),
    "address": Field("longtext", max_length=2000),
    "phone": Field("text", max_length=100),
    "letterhead_text": Field("longtext", max_length=2000),
    "logo_path": Field("text", max_length=1000),
    "care_plan_review_days": Field("int", minimum=7, maximum=730),
    "reassessment_days": Field("int", minimum=7, maximum=1460),
    "unsigned_note_hours": Field("int", minimum=1, maximum=720),
    "handout_language": Field("language"),
    "date_order": Field("choice", choices=DateOrder),
}

EPISODE_FIELDS: dict[str, Field] = {
    "referral_source": Field("text", max_length=200),
    "referral_date": Field("date", required=True),
    "referral_reason": Field("longtext", max_length=LONG_MAX),
    "start_date": Field("date"),
    "planned_discharge_date": Field("date"),
    "actual_discharge_date": Field("date"),
    "discharge_destination": Field("text", max_length=200),
    "outcome": Field("longtext", max_length=LONG_MAX),
}

CARE_TEAM_FIELDS: dict[str, Field] = {
    "staff_id": Field("ref"),
    "name": Field("text", max_length=NAME_MAX, identity=True),
    "discipline": Field("choice", required=True, choices=Discipline),
    "role_in_team": Field("text", max_length=200),
    "organisation": Field("text", max_length=200),
    "phone": Field("text", max_length=100),
    "start_date": Field("date"),
    "end_date": Field("date"),
}


# The date fields a reason may name ("is before the referral date"), as the sentence names them.
DATE_FIELD_NAMES = {
    "referral_date": N_("referral date"),
    "start_date": N_("start date"),
    "planned_discharge_date": N_("planned discharge date"),
    "actual_discharge_date": N_("discharge date"),
    "end_date": N_("end date"),
}


def check_date_order(
    values: Mapping[str, Any], earlier: str, later: str
) -> FieldError | None:
    """``later`` may not fall before ``earlier`` when both are given."""
    a, b = values.get(earlier), values.get(later)
    if isinstance(a, date) and isinstance(b, date) and b < a:
        other = DATE_FIELD_NAMES.get(earlier)
        return FieldError.of(
            later, messages.BEFORE, other=_(other) if other else earlier.replace("_", " "), date=a
        )
    return None


def parse_choice(field: str, choices: type[LabelledEnum], value: object) -> LabelledEnum:
    """Read one choice or raise a ``ValidationError`` listing the allowed codes."""
    try:
        return choices.parse(str(value))
    except ValueError:
        error = FieldError.of(field, messages.NOT_ONE_OF, value=value, choices=choices.choices())
        raise ValidationError(error) from None
