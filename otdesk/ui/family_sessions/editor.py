"""One family-session note open for writing, signing or reading: when, how and with whom it
took place, the consent, topics, the note in its template, the caregiver check-in, handouts,
action items, signatures and addenda; Save, Sign, Co-sign and Add addendum.

The fields reach the database on Save (Ctrl+S, and on leaving the note or the record), as an
undoable edit; attendees, action items and ticks are written at once, each undoable too.
Between saves the draft keeper holds what was typed, so a crash loses nothing. A signed note
opens locked: every field read-only, a banner saying who signed it and when, and only
ticking action items done and adding addenda left to do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from otdesk.domain.errors import OtdeskError
from otdesk.domain.records import Changes, RecordKind
from otdesk.domain.translation import _, fill, format_date
from otdesk.domain.vocab import NoteFormat, SessionStatus, SignatureKind, StaffRole
from otdesk.services import assessments, family_members, family_sessions, session_signing, staff
from otdesk.services.drafts import DraftInfo
from otdesk.services.session_views import SessionInfo
from otdesk.ui.assessments.models import status_text, total_text
from otdesk.ui.client_record.commands import EditRecordCommand, IdMap, ServiceCommand
from otdesk.ui.editing.drafts_ui import DraftKeeper, client_draft_key
from otdesk.ui.editing.form_fields import plain_value
from otdesk.ui.family_sessions import commands as cmd
from otdesk.ui.family_sessions.dialogs import (
    CHECKIN_DEFINITION,
    AddendumDialog,
    CheckinDialog,
    confirm_cosign,
    confirm_sign,
)
from otdesk.ui.family_sessions.layout import EditorLayout
from otdesk.ui.family_sessions.models import status_words
from otdesk.ui.parts.icons import icon_path
from otdesk.ui.parts.style import set_role
from otdesk.ui.parts.widgets import show_banner
from otdesk.ui.shell.app_context import AppContext
from otdesk.ui.shell.keys import SAVE_SESSION, SIGN_SESSION, add_shortcut

HASH_SHOWN = 12  # hex digits of a signature's hash shown on the banner


def _locked_look(widget: QWidget, locked: bool) -> None:
    if hasattr(widget, "setReadOnly"):
        widget.setReadOnly(locked)
    set_role(widget, "locked" if locked else "")


class SessionEditor(EditorLayout):
    """The page of one family session."""

    closed = Signal()  # Back to the list
    dirty_changed = Signal(bool)

    def __init__(self, app: AppContext, info: SessionInfo, client_uuid: object, *,
                 undo_stack: Any, ids: IdMap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.info = info
        self.undo_stack = undo_stack
        self.ids = ids
        self._dirty = False
        self._loading = False
        self.build()
        self.back_button.clicked.connect(self.leave)
        self.save_button.clicked.connect(self.save)
        self.sign_button.clicked.connect(self.sign)
        self.cosign_button.clicked.connect(self.cosign)
        self.addendum_button.clicked.connect(self.add_addendum)
        self.checkin_button.clicked.connect(self.record_checkin)
        self.attendees.add_requested.connect(self.add_attendee)
        self.attendees.remove_requested.connect(self.remove_attendee)
        self.action_items.add_requested.connect(self.add_action_item)
        self.action_items.remove_requested.connect(self.remove_action_item)
        self.action_items.done_requested.connect(self.mark_done)
        add_shortcut(SAVE_SESSION, self, self.save, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        add_shortcut(SIGN_SESSION, self, self.sign, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._people()
        self.keeper = DraftKeeper(
            app, key=client_draft_key(client_uuid, f"family_sessions:{info.id}"),
            title=lambda: fill(_("Family session of {date}"),
                               date=format_date(self.info.session_date)),
            payload=self._payload, base_version=lambda: self.info.version, parent=self)
        for signal in (self.date_field.text_changed, self.time_edit.textEdited,
                       self.length.valueChanged, self.mode.currentIndexChanged,
                       self.consent.toggled, self.topics.changed, self.note.changed,
                       self.checkin.currentIndexChanged, self.handouts.textChanged):
            signal.connect(self._edited)
        self._show_values(plain_value(cmd.note_values(info)))
        self._show_parts()
        self._show_state()
        if not info.locked:
            self.keeper.offer_restore(self, self._restore)
        app.events.records_changed.connect(self._records_changed)

    # -- filling the fields ---------------------------------------------------------------

    def _people(self) -> None:
        ctx = self.app.services
        from otdesk.services import clients

        client = clients.get_client(ctx, client_id=self.info.client_id)
        self.client_consent = client.consent_family
        family = family_members.list_family_members(ctx, client_id=self.info.client_id)
        self.attendees.set_people(client.display_name, family,
                                  self.app.staff_directory.members(ctx))
        self._fill_checkins()

    def _fill_checkins(self) -> None:
        found = [a for a in assessments.list_assessments(self.app.services, self.info.client_id)
                 if a.definition_id == CHECKIN_DEFINITION]
        current = self.checkin.currentData()
        self.checkin.blockSignals(True)
        self.checkin.clear()
        self.checkin.addItem(_("None linked"), None)
        for a in found:
            self.checkin.addItem(fill(_("{date} — {status}, total {total}"),
                                      date=format_date(a.administered_on),
                                      status=status_text(a), total=total_text(a)), a.id)
        index = self.checkin.findData(current)
        self.checkin.setCurrentIndex(max(index, 0))
        self.checkin.blockSignals(False)

    def _show_values(self, values: dict[str, Any]) -> None:
        """Put plain values (dates as text) into the fields."""
        self._loading = True
        try:
            self.date_field.setText(str(values.get("session_date") or ""))
            self.time_edit.setText(str(values.get("start_time") or ""))
            self.length.setValue(int(values.get("duration_minutes") or 60))
            self.mode.setCurrentIndex(max(self.mode.findData(values.get("mode")), 0))
            self.consent.setChecked(bool(values.get("consent_confirmed")))
            self.topics.set_topics(list(values.get("topics") or []))
            self.note.set_note(NoteFormat(values.get("note_format") or NoteFormat.DAP.value),
                               dict(values.get("note_sections") or {}))
            index = self.checkin.findData(values.get("checkin_assessment_id"))
            self.checkin.setCurrentIndex(max(index, 0))
            self.handouts.setPlainText("\n".join(values.get("handouts_given") or []))
        finally:
            self._loading = False

    def values(self) -> dict[str, Any]:
        """What the fields hold, as ``update_session`` takes it."""
        day = self.date_field.value()
        return {
            "session_date": day if day is not None else "",
            "start_time": self.time_edit.text().strip(),
            "duration_minutes": self.length.value(),
            "mode": self.mode.currentData(),
            "consent_confirmed": self.consent.isChecked(),
            "note_format": self.note.note_format().value,
            "note_sections": self.note.sections(),
            "topics": self.topics.topics(),
            "handouts_given": [line.strip() for line in self.handouts.toPlainText().splitlines()
                               if line.strip()],
            "checkin_assessment_id": self.checkin.currentData(),
        }

    def _show_parts(self) -> None:
        """The attendees, action items, signatures and addenda as stored."""
        info = self.info
        self.title.setText(fill(_("Family session of {date}"),
                                date=format_date(info.session_date)))
        self.attendees.set_attendees(info.attendees)
        self.action_items.set_items(info.action_items)
        self.addenda.set_addenda(info.addenda)
        self.addenda_heading.setVisible(bool(info.addenda))
        lines = []
        for s in info.signatures:
            when = s.signed_at.astimezone()
            text = (_("Signed by {name} on {date} at {time} · signature {hash}…")
                    if s.kind is SignatureKind.AUTHOR else
                    _("Co-signed by {name} on {date} at {time} · signature {hash}…"))
            lines.append(fill(text, name=s.signer_name, date=format_date(when.date()),
                              time=when.strftime("%H:%M"), hash=s.content_hash[:HASH_SHOWN]))
        self.signatures.setText("\n".join(lines))
        self.signatures.setVisible(bool(lines))

    def _show_state(self) -> None:
        info, locked = self.info, self.info.locked
        self.status.setText(status_words(info.status))
        set_role(self.status, "badge" if info.status is SessionStatus.SIGNED else "badge-overdue")
        for widget in (self.date_field.edit, self.time_edit, self.length, self.handouts):
            _locked_look(widget, locked)
        self.date_field.button.setEnabled(not locked)
        for plain in self.note.fields.values():
            set_role(plain, "locked" if locked else "")
        for control in (self.mode, self.consent, self.checkin):
            control.setEnabled(not locked)
        self.checkin_button.setVisible(not locked)
        self.handouts_label.setVisible(not locked)
        self.topics.set_locked(locked)
        self.note.set_locked(locked)
        self.attendees.set_locked(locked)
        self.action_items.set_locked(locked)
        self.save_button.setVisible(not locked)
        self.sign_button.setVisible(not locked)
        self.cosign_button.setVisible(info.status is SessionStatus.AWAITING_COSIGNATURE
                                      and self._may_cosign())
        self.addendum_button.setVisible(locked)
        self.banner.setVisible(locked)
        if locked:
            text = self._banner_text()
            escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            lock = (f'<img src="{icon_path("lock")}" width="18" height="18" '
                    'style="vertical-align: middle">')
            self.banner.setText(f"{lock} <b>{escaped}</b>")
            self.banner.setAccessibleName(text)
            set_role(self.banner, "banner-locked")
        self.consent_note.setVisible(not locked and not self.client_consent)

    def _banner_text(self) -> str:
        info = self.info
        author = next((s for s in info.signatures if s.kind is SignatureKind.AUTHOR), None)
        name = author.signer_name if author else info.author_name
        when = (info.signed_at or info.created_at).astimezone().date()
        digest = info.content_hash[:HASH_SHOWN]
        if info.status is SessionStatus.AWAITING_COSIGNATURE:
            text = _("Signed by {name} on {date}, awaiting an occupational therapist's "
                     "co-signature — locked; corrections are addenda. Signature {hash}…")
        else:
            text = _("Signed by {name} on {date} — locked; corrections are addenda. "
                     "Signature {hash}…")
        return fill(text, name=name, date=format_date(when), hash=digest)

    def _me(self) -> Any:
        actor = self.app.services.actor_id
        return staff.get_staff(self.app.services, staff_id=actor) if actor else None

    def _may_cosign(self) -> bool:
        me = self._me()
        return me is not None and me.role is StaffRole.OT and me.id != self.info.author_id

    # -- edits and drafts -----------------------------------------------------------------

    def _edited(self, *_args: object) -> None:
        if self._loading or self.info.locked:
            return
        self._set_dirty(True)
        self.keeper.note_edit()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.saved_note.setText(_("Unsaved changes") if dirty else "")
            self.dirty_changed.emit(dirty)

    def _payload(self) -> dict[str, Any]:
        return {"form": "family_sessions", "client_id": self.info.client_id,
                "session_id": self.info.id, "values": plain_value(self.values())}

    def _restore(self, draft: DraftInfo) -> None:
        values = plain_value(cmd.note_values(self.info)) | dict(draft.payload.get("values") or {})
        self._show_values(values)
        self._set_dirty(True)

    def say(self, text: str, role: str = "banner-error") -> None:
        """Show a message above the buttons ("" hides it)."""
        show_banner(self.message, text, role)

    # -- the contract of a record tab ------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        """Whether fields were changed since the last save."""
        return self._dirty and not self.info.locked

    def save_changes(self) -> bool:
        """Save the note (on leaving the record)."""
        return self.save()

    def discard_changes(self) -> None:
        """Drop the changes since the last save (the draft keeper's copy too)."""
        self.keeper.discard()
        self._set_dirty(False)

    # -- actions --------------------------------------------------------------------------

    def _report(self, _command: QUndoCommand, exc: OtdeskError) -> None:
        self.say(str(exc))

    def save(self) -> bool:
        """Save the fields (True when saved, or nothing to save)."""
        if self.info.locked:
            return True
        before = plain_value(cmd.note_values(self.info))
        after = self.values()
        changed = [k for k in after if plain_value(after[k]) != before.get(k)]
        if not changed:
            self.keeper.discard()
            self._set_dirty(False)
            return True
        command = EditRecordCommand(
            self.app, cmd.SESSIONS, self.info.id,
            {k: cmd.note_values(self.info)[k] for k in changed}, {k: after[k] for k in changed},
            self.ids, expected_version=self.info.version, report=self._report)
        try:
            command.execute()
        except OtdeskError as exc:
            self.say(str(exc))
            return False
        self.undo_stack.push(command)
        assert command.result is not None
        self.info = command.result
        self.keeper.discard()
        self._set_dirty(False)
        self.say("")
        self.saved_note.setText(_("Saved."))
        self._show_parts()
        return True

    def _run(self, command: ServiceCommand, failed: str) -> bool:
        try:
            command.execute()
        except OtdeskError as exc:
            self.say(fill(_("{what}: {why}"), what=failed, why=str(exc)))
            return False
        self.undo_stack.push(command)
        self.say("")
        result = getattr(command, "result", None)
        self._reload(result if isinstance(result, SessionInfo) else None)
        return True

    def add_attendee(self, who: dict[str, Any], label: str) -> bool:
        """Add an attendee (undoable)."""
        return self._run(cmd.AddAttendeeCommand(self.app, self.info.id, who, label,
                                                report=self._report),
                         _("Cannot add the attendee"))

    def remove_attendee(self, attendee: Any) -> bool:
        """Take an attendee off (undoable)."""
        return self._run(cmd.RemoveAttendeeCommand(self.app, self.info.id, attendee,
                                                   report=self._report),
                         _("Cannot remove the attendee"))

    def add_action_item(self, values: dict[str, Any]) -> bool:
        """Add an action item (undoable)."""
        done = self._run(cmd.AddActionItemCommand(self.app, self.info.id, values,
                                                  report=self._report),
                         _("Cannot add the action item"))
        if done:
            self.action_items.clear_entry()
        return done

    def remove_action_item(self, item: Any) -> bool:
        """Take an action item off a draft (undoable)."""
        return self._run(cmd.RemoveActionItemCommand(self.app, self.info.id, item,
                                                     report=self._report),
                         _("Cannot remove the action item"))

    def mark_done(self, item: Any, done: bool) -> bool:
        """Tick an action item done or not done (undoable; on a signed note too)."""
        return self._run(cmd.MarkActionItemCommand(self.app, item, done, report=self._report),
                         _("Cannot mark the action item"))

    def _guarded(self, fn: Callable[[], SessionInfo], failed: str) -> bool:
        try:
            self.info = fn()
        except OtdeskError as exc:
            self.say(fill(_("{what}: {why}"), what=failed, why=str(exc)))
            return False
        self._show_parts()
        self._show_state()
        return True

    def sign(self) -> bool:
        """Save, ask, and sign the note as its author (True when signed)."""
        if self.info.locked or not self.save():
            return False
        me = self._me()
        if not confirm_sign(self, bool(me and me.role.needs_cosignature)):
            return False
        signed = self._guarded(lambda: session_signing.sign(
            self.app.services, session_id=self.info.id, expected_version=self.info.version),
            _("Cannot sign"))
        if signed:
            self.keeper.discard()
            self.say(_("Signed. The note is locked; corrections are added as addenda."),
                     "banner-ok")
        return signed

    def cosign(self) -> bool:
        """Ask, and co-sign a note awaiting co-signature (True when co-signed)."""
        if self.info.status is not SessionStatus.AWAITING_COSIGNATURE:
            return False
        if not confirm_cosign(self, self.info):
            return False
        done = self._guarded(lambda: session_signing.cosign(
            self.app.services, session_id=self.info.id, expected_version=self.info.version),
            _("Cannot co-sign"))
        if done:
            self.say(_("Co-signed."), "banner-ok")
        return done

    def add_addendum(self) -> AddendumDialog:
        """Ask for the reason and text of an addendum and add it under the note."""
        dialog = AddendumDialog(self.app, self.info, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._reload(dialog.result_info))
        dialog.open()
        return dialog

    def record_checkin(self) -> CheckinDialog:
        """Answer a caregiver check-in now and link it to the note."""
        dialog = CheckinDialog(self.app, self.info.client_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def recorded() -> None:
            if dialog.recorded is not None:
                self._fill_checkins()
                self.checkin.setCurrentIndex(self.checkin.findData(dialog.recorded.id))

        dialog.accepted.connect(recorded)
        dialog.open()
        return dialog

    def leave(self) -> None:
        """Back to the list, saving first (staying when it cannot be saved)."""
        if self.has_unsaved_changes() and not self.save():
            return
        self.closed.emit()

    # -- changes from elsewhere (undo, redo, another screen) ------------------------------

    def _reload(self, info: SessionInfo | None = None) -> None:
        try:
            self.info = info or family_sessions.get_session(self.app.services,
                                                            session_id=self.info.id)
        except OtdeskError:
            return  # removed (an undone "new session"): the tab goes back to the list
        if not self._dirty:
            self._show_values(plain_value(cmd.note_values(self.info)))
        self._show_parts()
        self._show_state()

    def _records_changed(self, changes: Changes) -> None:
        if changes.touches(RecordKind.FAMILY_SESSION, client_id=self.info.client_id):
            self._reload()
        elif changes.touches(RecordKind.ASSESSMENT, client_id=self.info.client_id):
            self._fill_checkins()

    def focus_first(self) -> None:
        """The first field a keyboard user fills in: the date on a draft, the note on a
        signed one."""
        (self.date_field.edit if not self.info.locked else self.page_scroll).setFocus()
