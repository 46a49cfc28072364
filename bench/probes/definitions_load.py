"""Loading and validating every shipped definition in a fresh process, in three steps.

Run as a script by ``bench.bench_definitions``. Prints the milliseconds each step took,
measured inside the process: PYDANTIC (importing pydantic's model machinery), MODELS (the
definition engine's models being built), LOAD (reading and validating every shipped file);
then READY.
"""

import time

start = time.perf_counter()
from pydantic import BaseModel, RootModel  # noqa: E402, F401

pydantic = time.perf_counter()
from otdesk.domain.definitions import load_definitions  # noqa: E402
from otdesk.resources import resource_path  # noqa: E402

models = time.perf_counter()
library = load_definitions([resource_path("definitions")])
loaded = time.perf_counter()
assert not library.problems and len(library) > 10
print(f"PYDANTIC {(pydantic - start) * 1000:.2f}", flush=True)
print(f"MODELS {(models - pydantic) * 1000:.2f}", flush=True)
print(f"LOAD {(loaded - models) * 1000:.2f}", flush=True)
print("READY", flush=True)
