"""Pure domain rules: text folding and checks, dates, vocabularies and field validation.

No database and no Qt: these run in milliseconds.
"""

from __future__ import annotations

from datetime import date

import pytest

from otdesk.domain.dates import age_on, check_birth_date, guess_date, parse_date, utcnow
from otdesk.domain.errors import FieldError, ValidationError
from otdesk.domain.fields import (
    CLIENT_FIELDS,
    CLINIC_FIELDS,
    FAMILY_MEMBER_FIELDS,
    Field,
    check_date_order,
    parse_choice,
    validate,
)
from otdesk.domain.text import check_text, fold, query_words, search_terms
from otdesk.domain.translation import Plural
from otdesk.domain.vocab import (
    ClientStatus,
    ConsentScope,
    Discipline,
    LabelledEnum,
    Priority,
    StaffRole,
)

TODAY = date(2026, 6, 15)


# --- text -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Zoë", "zoe"),
        ("ZOË", "zoe"),
        ("zoe", "zoe"),
        ("Martín-López", "martin-lopez"),
        ("Ñuñez", "nunez"),
        ("François", "francois"),
        ("Straße", "strasse"),
    ],
)
def test_fold_is_case_and_accent_insensitive(typed: str, folded: str) -> None:
    assert fold(typed) == folded


def test_fold_treats_precomposed_and_combining_accents_alike() -> None:
    assert fold("Zo\u00eb") == fold("Zoe\u0308") == "zoe"


def test_search_terms_are_folded_words_of_every_text() -> None:
    terms = search_terms("Zoë", "Martín-López", None, "", "REC_0042")
    assert terms == {"zoe", "martin", "lopez", "rec", "0042"}


def test_search_terms_of_non_latin_names_keep_their_script() -> None:
    assert search_terms("محمد", "כהן", "Дмитрий") == {"محمد", "כהן", "дмитрии"}


def test_search_terms_are_capped_at_100_characters() -> None:
    (term,) = search_terms("a" * 250)
    assert term == "a" * 100


def test_query_words_are_folded_deduplicated_and_longest_first() -> None:
    assert query_words("Zoë  LÓPEZ lopez, Al") == ["lopez", "zoe", "al"]
    assert query_words("  -- ,, ") == []


def test_check_text_accepts_ordinary_text_unchanged() -> None:
    assert check_text("given_name", "Zoë Martín-López 🙂 محمد") is None


def test_check_text_required_refuses_blank_and_whitespace() -> None:
    for blank in (None, "", "   ", "\t"):
        err = check_text("given_name", blank, required=True)
        assert err == FieldError("given_name", "is required")
    assert check_text("preferred_name", "   ") is None  # optional: blank is fine


def test_check_text_refuses_text_over_the_limit_and_says_the_limit() -> None:
    err = check_text("phone", "1" * 101, max_length=100)
    assert err is not None
    assert err.field == "phone"
    assert "101" in err.reason
    assert "100" in err.reason
    assert check_text("phone", "1" * 100, max_length=100) is None


def test_check_text_line_breaks_only_in_multiline_fields() -> None:
    single = check_text("given_name", "Ann\nMarie")
    assert single is not None
    assert "line break" in single.reason
    assert check_text("address", "1 Main St\r\nTown\tArea", multiline=True) is None


def test_check_text_refuses_nul_control_characters_and_surrogates() -> None:
    nul = check_text("alerts", "a\x00b", multiline=True)
    assert nul is not None
    assert "NUL" in nul.reason
    ctrl = check_text("alerts", "bell\x07", multiline=True)
    assert ctrl is not None
    assert "U+0007" in ctrl.reason
    tab = check_text("given_name", "a\tb")
    assert tab is not None
    assert "U+0009" in tab.reason
    sur = check_text("alerts", "x\ud800y", multiline=True)
    assert sur is not None
    assert "surrogate" in sur.reason


# --- dates --------------------------------------------------------------------------------------


def test_utcnow_is_timezone_aware_utc() -> None:
    now = utcnow()
    assert now.utcoffset() is not None
    assert now.utcoffset().total_seconds() == 0  # type: ignore[union-attr]


def test_parse_date_reads_iso_dates() -> None:
    assert parse_date("referral_date", "2024-02-29") == date(2024, 2, 29)
    assert parse_date("referral_date", " 2024-3-5 ") == date(2024, 3, 5)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("29/02/2024", "YYYY-MM-DD"),
        ("yesterday", "YYYY-MM-DD"),
        ("2023-02-29", "not a real date"),
        ("2024-13-01", "not a real date"),
    ],
)
def test_parse_date_names_the_field_and_the_problem(text: str, phrase: str) -> None:
    err = parse_date("referral_date", text)
    assert isinstance(err, FieldError)
    assert err.field == "referral_date"
    assert phrase in err.reason
    assert text in err.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1980-01-31", date(1980, 1, 31)),
        ("31/01/1980", date(1980, 1, 31)),
        ("31.01.1980", date(1980, 1, 31)),
        ("1/2/1980", date(1980, 2, 1)),  # day first, as clinics outside the US write it
        ("02/31/1980", None),  # not a real date either way round
        ("31/02/1980", None),
        ("1980", None),
        ("Zoe", None),
    ],
)
def test_guess_date(text: str, expected: date | None) -> None:
    assert guess_date(text) == expected


def test_age_on_counts_whole_years_and_leap_day_birthdays() -> None:
    born = date(2000, 2, 29)
    assert age_on(born, date(2001, 2, 28)) == 0
    assert age_on(born, date(2001, 3, 1)) == 1
    assert age_on(date(1980, 6, 15), TODAY) == 46
    assert age_on(date(1980, 6, 16), TODAY) == 45


def test_check_birth_date() -> None:
    assert check_birth_date("date_of_birth", date(1980, 1, 1), TODAY) is None
    assert check_birth_date("date_of_birth", TODAY, TODAY) is None
    future = check_birth_date("date_of_birth", date(2026, 6, 16), TODAY)
    assert future == FieldError("date_of_birth", "is in the future")
    old = check_birth_date("date_of_birth", date(1900, 1, 1), TODAY)
    assert old is not None
    assert old.field == "date_of_birth"
    assert "120" in old.reason


# --- vocabularies -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("enum", "text", "member"),
    [
        (ClientStatus, "on_hold", ClientStatus.ON_HOLD),
        (ClientStatus, "On hold", ClientStatus.ON_HOLD),
        (ClientStatus, "ON-HOLD", ClientStatus.ON_HOLD),
        (StaffRole, "ot", StaffRole.OT),
        (StaffRole, "ot assistant", StaffRole.OT_ASSISTANT),
        (ConsentScope, "Care plan and handouts", ConsentScope.CARE_PLAN),
        (Priority, "URGENT", Priority.URGENT),
    ],
)
def test_labelled_enum_parses_codes_and_labels(
    enum: type[LabelledEnum], text: str, member: LabelledEnum
) -> None:
    assert enum.parse(text) is member


def test_staff_role_ot_has_its_own_label() -> None:
    # StaffRole.OT and Discipline.OT share the code "ot"; each keeps its own label.
    assert StaffRole.OT.label == "Occupational therapist"
    assert Discipline.OT.label == "Occupational therapy"
    assert StaffRole.parse("Occupational therapist") is StaffRole.OT


def test_labelled_enum_refuses_unknown_text() -> None:
    with pytest.raises(ValueError):
        ClientStatus.parse("asleep")
    with pytest.raises(ValueError):
        ClientStatus.parse("")


def test_labels_and_choices() -> None:
    assert ClientStatus.ON_HOLD.label == "On hold"
    assert ClientStatus.WAITLIST.label == "Waitlist"
    assert Priority.choices() == "routine, soon, urgent"


def test_parse_choice_error_lists_the_allowed_codes() -> None:
    with pytest.raises(ValidationError) as info:
        parse_choice("priority", Priority, "whenever")
    reason = info.value.for_field("priority")
    assert reason is not None
    assert "routine, soon, urgent" in reason


# --- field validation ---------------------------------------------------------------------------

GOOD_CLIENT = {
    "record_number": "R-1",
    "given_name": "Zoë",
    "family_name": "Martín-López",
    "date_of_birth": "1980-01-31",
    "preferred_language": "es",
    "status": "Active",
}


def test_validate_converts_values_to_their_types() -> None:
    clean = validate(CLIENT_FIELDS, GOOD_CLIENT | {"priority": "Soon"}, today=TODAY)
    assert clean["date_of_birth"] == date(1980, 1, 31)
    assert clean["status"] is ClientStatus.ACTIVE
    assert clean["priority"] is Priority.SOON
    assert clean["given_name"] == "Zoë"


def test_validate_names_every_bad_field_at_once() -> None:
    values = GOOD_CLIENT | {
        "record_number": "  ",
        "date_of_birth": "2099-01-01",
        "preferred_language": "English please",
        "status": "asleep",
        "nickname": "Z",
    }
    del values["given_name"]
    with pytest.raises(ValidationError) as info:
        validate(CLIENT_FIELDS, values, today=TODAY)
    err = info.value
    assert {e.field for e in err.errors} == {
        "record_number",
        "given_name",
        "date_of_birth",
        "preferred_language",
        "status",
        "nickname",
    }
    assert err.for_field("given_name") == "is required"
    assert err.for_field("date_of_birth") == "is in the future"
    assert err.for_field("nickname") == "is not a field of this record"
    assert "asleep" in (err.for_field("status") or "")
    # The message shown to the user names each field.
    for name in ("record_number", "given_name", "date_of_birth", "status", "nickname"):
        assert name in str(err)


def test_validate_partial_checks_only_given_fields() -> None:
    assert validate(CLIENT_FIELDS, {"phone": "555"}, today=TODAY, partial=True) == {"phone": "555"}
    with pytest.raises(ValidationError) as info:
        validate(CLIENT_FIELDS, {"phone": "555"}, today=TODAY)
    assert info.value.for_field("given_name") == "is required"


def test_validate_partial_still_refuses_unknown_fields_and_blank_required_ones() -> None:
    with pytest.raises(ValidationError) as info:
        validate(CLIENT_FIELDS, {"surname": "X", "given_name": ""}, today=TODAY, partial=True)
    assert info.value.for_field("surname") == "is not a field of this record"
    assert info.value.for_field("given_name") == "is required"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (True, True),
        (False, False),
        ("yes", True),
        ("Y", True),
        (" TRUE ", True),
        ("1", True),
        ("no", False),
        ("N", False),
        ("false", False),
        ("0", False),
        ("", False),
    ],
)
def test_bool_words(typed: object, expected: bool) -> None:
    clean = validate(CLIENT_FIELDS, {"interpreter_needed": typed}, today=TODAY, partial=True)
    assert clean["interpreter_needed"] is expected


@pytest.mark.parametrize("typed", ["maybe", "si", 2])
def test_bool_refuses_other_words(typed: object) -> None:
    with pytest.raises(ValidationError) as info:
        validate(CLIENT_FIELDS, {"interpreter_needed": typed}, today=TODAY, partial=True)
    assert "yes or no" in (info.value.for_field("interpreter_needed") or "")


def test_choices_accept_enum_members_codes_and_labels() -> None:
    for typed in (ConsentScope.FULL, "full", "Full record"):
        clean = validate(FAMILY_MEMBER_FIELDS, {"consent_scope": typed}, today=TODAY, partial=True)
        assert clean["consent_scope"] is ConsentScope.FULL
    blank = validate(FAMILY_MEMBER_FIELDS, {"consent_scope": ""}, today=TODAY, partial=True)
    assert blank["consent_scope"] is None


def test_required_choice_left_blank_lists_the_choices() -> None:
    with pytest.raises(ValidationError) as info:
        validate(CLIENT_FIELDS, {"status": ""}, today=TODAY, partial=True)
    reason = info.value.for_field("status") or ""
    assert "required" in reason
    assert "on_hold" in reason


@pytest.mark.parametrize(
    ("typed", "expected_reason"),
    [
        (6, "must be at least 7"),
        (731, "must be at most 730"),
        ("ninety", "'ninety' is not a whole number"),
        ("12.5", "is not a whole number"),
        (True, "is not a whole number"),
    ],
)
def test_int_bounds_and_whole_numbers(typed: object, expected_reason: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate(CLINIC_FIELDS, {"care_plan_review_days": typed}, today=TODAY, partial=True)
    assert expected_reason in (info.value.for_field("care_plan_review_days") or "")


def test_int_accepts_bounds_and_digit_text() -> None:
    for typed, expected in ((7, 7), (730, 730), ("90", 90)):
        clean = validate(CLINIC_FIELDS, {"care_plan_review_days": typed}, today=TODAY, partial=True)
        assert clean["care_plan_review_days"] == expected


@pytest.mark.parametrize("code", ["en", "es", "pt-BR", "zh-Hant", "ar", "fil", " en "])
def test_language_codes_accepted(code: str) -> None:
    clean = validate(CLIENT_FIELDS, {"preferred_language": code}, today=TODAY, partial=True)
    assert clean["preferred_language"] == code.strip()


@pytest.mark.parametrize("code", ["English", "e", "en_US", "12", "en-", "en-toolongsubtag", "ελ"])
def test_language_codes_refused(code: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate(CLIENT_FIELDS, {"preferred_language": code}, today=TODAY, partial=True)
    assert "language code" in (info.value.for_field("preferred_language") or "")


def test_required_language_left_blank() -> None:
    with pytest.raises(ValidationError) as info:
        validate(CLIENT_FIELDS, {"preferred_language": " "}, today=TODAY, partial=True)
    assert info.value.for_field("preferred_language") == "is required"
    optional = validate(FAMILY_MEMBER_FIELDS, {"preferred_language": ""}, today=TODAY, partial=True)
    assert optional == {"preferred_language": ""}


def test_text_fields_refuse_non_text() -> None:
    with pytest.raises(ValidationError) as info:
        validate(CLIENT_FIELDS, {"phone": 5551234}, today=TODAY, partial=True)
    assert info.value.for_field("phone") == "must be text"


def test_dates_must_be_dates() -> None:
    with pytest.raises(ValidationError) as info:
        validate(CLIENT_FIELDS, {"date_of_birth": 1980}, today=TODAY, partial=True)
    assert info.value.for_field("date_of_birth") == "must be a date"


def test_custom_field_spec() -> None:
    specs = {"count": Field("int", required=True, minimum=0)}
    assert validate(specs, {"count": "0"}, today=TODAY) == {"count": 0}
    with pytest.raises(ValidationError):
        validate(specs, {"count": -1}, today=TODAY)


def test_check_date_order() -> None:
    values = {"start_date": date(2026, 5, 1), "end_date": date(2026, 4, 30)}
    err = check_date_order(values, "start_date", "end_date")
    assert err is not None
    assert err.field == "end_date"
    assert "start date" in err.reason
    assert check_date_order({"start_date": date(2026, 5, 1)}, "start_date", "end_date") is None
    same = {"start_date": date(2026, 5, 1), "end_date": date(2026, 5, 1)}
    assert check_date_order(same, "start_date", "end_date") is None


def test_validation_error_message_with_row_numbers() -> None:
    err = ValidationError([FieldError("given_name", "is required", row=3), FieldError("x", "bad")])
    assert str(err) == "line 3, given_name: is required; x: bad"
    assert err.for_field("missing") is None


# --- reasons from the catalogue ---------------------------------------------------------


def test_field_error_of_fills_the_template_and_keeps_it_and_its_params() -> None:
    from otdesk.domain import messages

    err = FieldError.of("phone", messages.TOO_LONG, count=1234, limit=100)
    assert err.reason == "is 1,234 characters long; the limit is 100"
    assert err.template == messages.TOO_LONG.singular  # which problem it is, in any language
    assert dict(err.params) == {"count": 1234, "limit": 100}
    assert err.row is None
    one = FieldError.of("n", messages.TOO_LONG, count=1, limit=0)
    assert one.reason == "is 1 character long; the limit is 0"
    assert str(FieldError.of("x", messages.REQUIRED, row=4)) == "line 4, x: is required"
    # Equality and hashing look at field, reason and row only, as before.
    assert err == FieldError("phone", "is 1,234 characters long; the limit is 100")
    assert hash(err) == hash(FieldError("phone", "is 1,234 characters long; the limit is 100"))
    plain = FieldError("x", "is odd")
    assert plain.template == "" and dict(plain.params) == {}


def _reason(err: FieldError | None) -> str:
    assert err is not None and err.template, err
    return err.reason


def test_generic_reasons_read_exactly_as_before_and_carry_their_templates() -> None:
    from otdesk.domain import messages

    assert _reason(check_text("n", " ", required=True)) == "is required"
    assert _reason(check_text("n", "abcd", max_length=3)) == "is 4 characters long; the limit is 3"
    assert _reason(check_text("n", "a\ud800")) == (
        "holds a broken character (an unpaired surrogate)")
    assert _reason(check_text("n", "a\x00", multiline=True)) == (
        "holds a NUL character, which cannot be stored")
    assert _reason(check_text("n", "a\nb")) == (
        "holds a line break (U+000A), which is not allowed here")
    assert _reason(check_text("n", "a\x07b")) == (
        "holds a control character (U+0007), which is not allowed here")
    bad = parse_date("d", "15 June")
    assert isinstance(bad, FieldError)
    assert _reason(bad) == "'15 June' is not a date in the form YYYY-MM-DD"
    written = parse_date("d", "15/06/2026")
    assert isinstance(written, FieldError)
    assert _reason(written) == (
        "'15/06/2026' is not a date in the form YYYY-MM-DD (to read dates written "
        "day/month/year, set the clinic's date order in Settings)")
    unreal = parse_date("d", "2026-02-30")
    assert isinstance(unreal, FieldError)
    assert _reason(unreal) == "'2026-02-30' is not a real date (day is out of range for month)"
    assert _reason(check_birth_date("d", date(2027, 1, 1), TODAY)) == "is in the future"
    assert _reason(check_birth_date("d", date(1900, 1, 1), TODAY)) == "is more than 120 years ago"
    order = check_date_order({"a_b": date(2026, 2, 1), "c": date(2026, 1, 1)}, "a_b", "c")
    assert _reason(order) == "is before the a b (1 Feb 2026)"
    dates = {"referral_date": date(2026, 2, 1), "start_date": date(2026, 1, 1)}
    order = check_date_order(dates, "referral_date", "start_date")
    assert _reason(order) == "is before the referral date (1 Feb 2026)"
    templates = {v if isinstance(v, str) else v.singular
                 for v in vars(messages).values() if isinstance(v, str | Plural)}

    def reasons(specs: dict[str, Field], values: dict[str, object]) -> dict[str, str]:
        with pytest.raises(ValidationError) as caught:
            validate(specs, values, today=TODAY)
        assert all(e.template in templates for e in caught.value.errors)
        return {e.field: e.reason for e in caught.value.errors}

    specs = {
        "t": Field("text"), "l": Field("language", required=True), "d": Field("date"),
        "b": Field("bool"), "c": Field("choice", required=True, choices=Priority),
        "i": Field("int", minimum=7, maximum=9), "j": Field("int", minimum=7, maximum=9),
        "k": Field("int"), "r": Field("ref", required=True), "o": Field("choice", choices=Priority),
    }
    assert reasons(specs, {"t": 5, "l": "e", "d": 3.5, "b": "maybe", "c": "", "i": 3, "j": 99,
                           "k": "x", "o": "zzz", "extra": 1}) == {
        "extra": "is not a field of this record",
        "t": "must be text",
        "l": "'e' is not a language code such as en, es or pt-BR",
        "d": "must be a date",
        "b": "'maybe' is not yes or no",
        "c": f"is required (one of {Priority.choices()})",
        "i": "must be at least 7",
        "j": "must be at most 9",
        "k": "'x' is not a whole number",
        "r": "is required",
        "o": f"'zzz' is not one of {Priority.choices()}",
    }
    with pytest.raises(ValidationError) as caught:
        parse_choice("priority", Priority, "zzz")
    assert caught.value.errors[0].reason == f"'zzz' is not one of {Priority.choices()}"
    assert caught.value.errors[0].template == messages.NOT_ONE_OF


def test_conflict_with_a_deleted_record_says_so() -> None:
    from otdesk.domain.errors import ConflictError

    error = ConflictError("family member", "Ana Example", 3, None)
    assert str(error) == (
        "The family member Ana Example was changed by someone else since you opened it "
        "(your copy is version 3, it has since been deleted)."
    )
    assert "None" not in str(ConflictError("clinic settings", "", 2, None))


@pytest.mark.parametrize("invisible", [
    "\u202e", "\u202a", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069",  # direction controls
    "\u200b", "\u2060", "\ufeff", "\u200e", "\u200f", "\u00ad",  # zero-width and marks
])
def test_names_and_record_numbers_refuse_invisible_formatting(invisible: str) -> None:
    from otdesk.domain.fields import CLIENT_FIELDS, validate

    for field, value in (("given_name", f"Ana{invisible}lia"), ("family_name", f"{invisible}Ex"),
                         ("record_number", f"MH-{invisible}0042")):
        with pytest.raises(ValidationError) as info:
            validate(CLIENT_FIELDS, {field: value}, today=date(2026, 1, 1), partial=True)
        reason = info.value.for_field(field)
        assert reason == (f"holds an invisible formatting character (U+{ord(invisible):04X}), "
                          "which could make it show as something else")


def test_joiners_inside_a_word_stay_allowed_in_names() -> None:
    from otdesk.domain.fields import CLIENT_FIELDS, validate

    persian = "\u0645\u0647\u0631\u200c\u0627\u0646\u06af\u06cc\u0632"  # ZWNJ between letters
    clean = validate(CLIENT_FIELDS, {"given_name": persian}, today=date(2026, 1, 1), partial=True)
    assert clean["given_name"] == persian
    for stray in ("\u200cAna", "Ana\u200d", "Ana \u200c Lia"):
        with pytest.raises(ValidationError):
            validate(CLIENT_FIELDS, {"given_name": stray}, today=date(2026, 1, 1), partial=True)


def test_free_text_keeps_direction_controls() -> None:
    from otdesk.domain.fields import CLIENT_FIELDS, validate

    note = "Says \u202bשלום\u202c at the door"
    clean = validate(CLIENT_FIELDS, {"alerts": note}, today=date(2026, 1, 1), partial=True)
    assert clean["alerts"] == note


@pytest.mark.parametrize(("text", "inside"), [
    ("plain", "plain"),
    ("evil \u202eoverride", "evil \u202eoverride\u202c"),  # left open: closed
    ("stray \u202c close \u2069 end", "stray  close  end"),  # stray closers dropped
    ("\u2067rtl\u2069 and \u202bemb", "\u2067rtl\u2069 and \u202bemb\u202c"),
    ("\u2066a\u202eb\u2069c", "\u2066a\u202eb\u2069c"),  # a PDI ends the override opened in it
])
def test_isolate_keeps_direction_controls_inside_the_text(text: str, inside: str) -> None:
    from otdesk.domain.text import isolate

    assert isolate(text) == "\u2068" + inside + "\u2069"
