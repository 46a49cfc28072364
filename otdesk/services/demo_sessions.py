"""The demo clinic's family sessions brought to every state a clinic sees: most signed by their
OT (some with addenda, some action items since done), some written by an OT assistant and
awaiting an OT's co-signature, and the rest left as drafts.

Runs inside the demo's one transaction, after its rows are written: a note is signed the way
the services sign one (author's signature row first, then the note), so ``verify`` finds every
hash sound and the database's locks hold from then on.
"""

from __future__ import annotations

import random
from datetime import time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from otdesk.db.models import FamilySession, SessionActionItem, SessionAddendum, SessionSignature
from otdesk.domain.session_notes import content_hash
from otdesk.domain.vocab import SessionStatus, SignatureKind
from otdesk.services._records import stamp_new
from otdesk.services.context import Context
from otdesk.services.session_signing import signed_content

ADDENDA = (  # (reason, text): fictional corrections
    ("Date of the next visit", "The next home visit is on Tuesday, not Monday as written."),
    ("Who attended", "The client's cousin joined for the last ten minutes."),
    ("Clarification", "The sleep diary is to be kept for two weeks, then reviewed together."),
)


def finish(session: Session, ctx: Context, assistants: list[int], seed: int) -> None:
    """Sign, hand to assistants, and correct the demo's draft notes (same seed, same result)."""
    rng = random.Random(f"otdesk-demo:{seed}:sessions")
    notes = session.scalars(select(FamilySession).order_by(FamilySession.id)).all()
    for note in notes:
        note.start_time = note.start_time or time(rng.randint(9, 16), rng.choice((0, 15, 30)))
        note.consent_confirmed = True
        roll = rng.random()
        if roll < 0.25:
            continue  # a draft
        if roll < 0.45 and assistants:
            note.author_id = rng.choice(assistants)
        signed_at = max(note.created_at + timedelta(hours=rng.randint(1, 20)), note.created_at)
        signed_at = min(signed_at, ctx.now())
        note.signed_at, note.signed_by_id = signed_at, note.author_id
        note.needs_cosign = roll < 0.45 and bool(assistants)
        session.flush()
        digest = content_hash(signed_content(session, note))
        signature = SessionSignature(session_id=note.id, signer_id=note.author_id,
                                     kind=SignatureKind.AUTHOR.value, signed_at=signed_at,
                                     content_hash=digest)
        stamp_new(signature, ctx)
        session.add(signature)
        session.flush()  # the signature before the note is signed
        note.content_hash = digest
        note.status = (SessionStatus.AWAITING_COSIGNATURE if note.needs_cosign
                       else SessionStatus.SIGNED).value
        session.flush()
        if note.status == SessionStatus.SIGNED.value and rng.random() < 0.4:
            reason, text = rng.choice(ADDENDA)
            addendum = SessionAddendum(session_id=note.id, author_id=note.author_id,
                                       reason=reason, text=text)
            stamp_new(addendum, ctx)
            session.add(addendum)
        for item in session.scalars(select(SessionActionItem)
                                    .where(SessionActionItem.session_id == note.id)):
            if item.due_date is not None and item.due_date < ctx.today() and rng.random() < 0.5:
                item.done, item.done_on = True, item.due_date
    session.flush()
