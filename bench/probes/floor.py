"""Launch floor for a usable caseload: the reference window, then the storage stack's least.

Run as a script by ``bench.bench_ui`` with the database path; prints READY once it is done.
It is the reference window of ``bare_python_model.py`` (a table over a minimal Python model),
plus what any SQLAlchemy application showing this caseload must pay: importing
``sqlalchemy.orm`` and running the caseload's first-page queries (every id in name order, then
the first 200 lines with their assigned OT) through a SQLAlchemy session.
"""

import runpy
import sys
from pathlib import Path

reference = runpy.run_path(str(Path(__file__).with_name("bare_python_model.py")),
                           run_name="reference")  # kept: its window stays alive

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

engine = create_engine(f"sqlite:///{sys.argv[1]}")
with Session(engine) as session:
    ids = session.scalars(text("SELECT id FROM clients ORDER BY sort_name, id")).all()
    first = ids[:200]
    rows = session.execute(
        text(
            "SELECT c.id, c.record_number, c.given_name, c.family_name, c.preferred_name, "
            "c.date_of_birth, c.status, c.priority, c.preferred_language, "
            "c.interpreter_needed, c.assigned_ot_id, s.given_name, s.family_name, c.version "
            "FROM clients AS c LEFT JOIN staff AS s ON s.id = c.assigned_ot_id "
            f"WHERE c.id IN ({','.join(str(i) for i in first)})"
        )
    ).all()
assert len(rows) == len(first)
print("READY", flush=True)
