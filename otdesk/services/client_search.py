"""The client search index and the queries over it.

Clients are found by folded name words (case- and accent-insensitive word prefixes), by record
number and by date of birth. The words live in ``client_search_terms`` so a prefix lookup is
an index range scan on SQLite and PostgreSQL alike, never a scan of every client.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from otdesk.db.models import Client, ClientSearchTerm
from otdesk.domain.dates import guess_date
from otdesk.domain.text import (
    fold,
    looks_like_record_number,
    query_words,
    record_query,
    record_terms,
    search_terms,
)


def sort_key(family_name: str, given_name: str) -> str:
    """The folded name the caseload sorts by."""
    return f"{fold(family_name)}\x1f{fold(given_name)}"[:420]


def client_terms(
    given_name: str, family_name: str, preferred_name: str, record_number: str
) -> list[str]:
    """The folded words a client is found under, sorted (what the search index holds)."""
    names = search_terms(given_name, family_name, preferred_name)
    return sorted(names | record_terms(record_number))


def index_terms(session: Session, c: Client) -> None:
    """Rebuild one client's words in the search index (after a create or a rename)."""
    session.execute(delete(ClientSearchTerm).where(ClientSearchTerm.client_id == c.id))
    terms = client_terms(c.given_name, c.family_name, c.preferred_name, c.record_number)
    session.add_all(ClientSearchTerm(client_id=c.id, term=t) for t in terms)


def _prefix_bounds(word: str) -> tuple[str, str]:
    # Every string that starts with ``word`` sorts in [word, word + U+10FFFF).
    return word, word + "\U0010ffff"


def _clients_with_word(word: str) -> Any:
    """SELECT of the ids of clients with a search word starting with ``word``."""
    low, high = _prefix_bounds(word)
    return select(ClientSearchTerm.client_id).where(
        ClientSearchTerm.term >= low, ClientSearchTerm.term < high
    )


def _term_prefix(word: str) -> Any:
    return Client.id.in_(_clients_with_word(word))


def search_filter(text: str) -> Any:
    """A WHERE clause matching clients by name words, record number or date of birth.

    Each typed word must begin a word of the client's names (case- and accent-insensitive).
    A typed token holding a digit is searched as a record number (its start or any of its
    parts) as well as a name; letters alone search names only, so "d" does not match every
    "DEMO-..." record number. A typed date matches the date of birth, or a record number
    written like a date.
    """
    clauses = []
    for raw in text.split():
        words = query_words(raw)
        if looks_like_record_number(raw):
            # Record numbers first of all; names too, in case a name really holds a digit.
            # "DEMO-0001" and "demo0001" both begin the number's compact form; "0001" alone
            # begins its numeric part. One selective range either way.
            number = (
                or_(
                    _term_prefix(record_query(raw)),
                    and_(*(_term_prefix(w) for w in words)),
                )
                if words
                else None
            )
            born = guess_date(raw)
            if born is not None:
                by_birth = Client.date_of_birth == born
                clauses.append(or_(by_birth, number) if number is not None else by_birth)
            elif number is not None:
                clauses.append(number)
            continue
        clauses.extend(_term_prefix(w) for w in words)
    return and_(*clauses) if clauses else None


def matching_ids(session: Session, text: str) -> set[int]:
    """The ids of the clients ``search_filter(text)`` finds, in no order.

    For names alone (the usual search as you type) it reads only the search index: one range
    per typed word, intersected. That skips the clients table, and the sorting, that an
    ordered search needs, which is what makes a one-letter search at 50,000 clients slow.
    """
    tokens = text.split()
    words = [w for token in tokens for w in query_words(token)]
    if words and not any(looks_like_record_number(t) for t in tokens):
        found: set[int] | None = None
        for word in sorted(set(words), key=len, reverse=True):  # the longest narrows most
            ids = set(session.scalars(_clients_with_word(word)))
            found = ids if found is None else found & ids
            if not found:
                break
        return found or set()
    where = search_filter(text)
    query = select(Client.id) if where is None else select(Client.id).where(where)
    return set(session.scalars(query))
