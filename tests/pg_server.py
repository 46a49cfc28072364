"""A throwaway PostgreSQL server for the tests: its own cluster in a temporary folder.

``running_server()`` runs ``initdb`` and ``pg_ctl start`` on a fresh folder, listens only on a
Unix socket inside that folder (no TCP port, so parallel test workers never collide), trusts
local connections, turns fsync off for speed, and always stops the server with
``pg_ctl stop -m immediate`` and deletes the folder afterwards, even when a test fails.

PostgreSQL refuses to run as root. Run as root (as CI does), the server runs as the
unprivileged ``postgres`` system user, which must already exist; nothing is created
system-wide. Why a server cannot be had is reported as ``PostgresUnavailableError`` (the caller
skips); a server that was tried and failed is ``PostgresStartError`` with the server's log.

Run as a script (``python3 tests/pg_server.py``, standard library only), it says whether a
server can be run here and exits 0 if so, 1 if not: ``.ci/run`` asks it before the tests.

Set ``OTDESK_PG_BINDIR`` to use PostgreSQL binaries from a folder of your choice (only that
folder is then tried).
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

BINDIR_ENV = "OTDESK_PG_BINDIR"
SUPERUSER = "postgres"
START_TIMEOUT = 30.0  # seconds for initdb + start together
_PROGRAMS = ("initdb", "pg_ctl", "postgres")
_SOCKET_PATH_MAX = 100  # a Unix socket path is limited to ~107 bytes


class PostgresUnavailableError(RuntimeError):
    """No PostgreSQL server can be run here; the message says why (tests skip with it)."""


class PostgresStartError(RuntimeError):
    """A PostgreSQL server was tried and did not start; the message includes its log."""


def _has_programs(folder: Path) -> bool:
    return all(os.access(folder / name, os.X_OK) for name in _PROGRAMS)


def _version_key(path: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", path))


def _candidate_bindirs() -> Iterator[Path]:
    env = os.environ.get(BINDIR_ENV, "").strip()
    if env:
        # The folder chosen is the only one tried: a wrong choice is reported, not replaced by
        # another installation (and pointing it at an empty folder hides PostgreSQL).
        yield Path(env)
        return
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10, check=True
            ).stdout.strip()
            if out:
                yield Path(out)
    # Debian/Ubuntu install each major version side by side; prefer the newest.
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True):
        yield Path(folder)
    for folder in ("/usr/pgsql-*/bin", "/usr/local/pgsql/bin", "/opt/homebrew/bin"):
        for found in sorted(glob.glob(folder), key=_version_key, reverse=True):
            yield Path(found)
    initdb = shutil.which("initdb")
    if initdb:
        yield Path(initdb).resolve().parent


def find_bindir() -> Path:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``."""
    tried: list[str] = []
    for folder in _candidate_bindirs():
        if _has_programs(folder):
            return folder
        tried.append(str(folder))
    where = f" (looked in {', '.join(dict.fromkeys(tried))})" if tried else ""
    raise PostgresUnavailableError(
        f"no PostgreSQL server binaries (initdb, pg_ctl, postgres) found{where}; install the "
        f"PostgreSQL server package or set {BINDIR_ENV}"
    )


def _server_account() -> pwd.struct_passwd | None:
    """The account the server runs as: None for the current (non-root) user."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SUPERUSER)
    except KeyError:
        raise PostgresUnavailableError(
            "the tests run as root, which PostgreSQL refuses, and there is no unprivileged "
            f"'{SUPERUSER}' system user to run the server as (the tests create none)"
        ) from None


def _conf_value(value: object) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


@dataclass
class PostgresServer:
    """A running throwaway server. Connect as ``SUPERUSER`` through ``socket_dir``."""

    bindir: Path
    root: Path
    account: pwd.struct_passwd | None
    port: int = 5432
    settings: dict[str, object] = field(default_factory=dict)
    _stopped: bool = False

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root

    @property
    def logfile(self) -> Path:
        return self.root / "server.log"

    def url(self, database: str = "postgres", username: str = SUPERUSER) -> URL:
        """The SQLAlchemy URL of ``database`` on this server (psycopg, over the Unix socket)."""
        from sqlalchemy.engine import URL

        return URL.create(
            "postgresql+psycopg",
            username=username,
            port=None if self.port == 5432 else self.port,
            database=database,
            query={"host": str(self.socket_dir)},
        )

    def connect(self, database: str = "postgres") -> Any:
        """An autocommit psycopg connection as the superuser (for CREATE/DROP DATABASE)."""
        import psycopg

        return psycopg.connect(
            host=str(self.socket_dir),
            port=self.port,
            user=SUPERUSER,
            dbname=database,
            autocommit=True,
            connect_timeout=10,
        )

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.logfile.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:]) or "(the server log is empty)"

    # -- running the server's programs ----------------------------------------------------------

    def _run(self, args: Sequence[str], timeout: float) -> subprocess.CompletedProcess[str]:
        kwargs: dict[str, Any] = {}
        if self.account is not None:
            # Drop from root to the unprivileged account for this program (and its children).
            kwargs.update(
                user=self.account.pw_uid, group=self.account.pw_gid, extra_groups=[]
            )
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.update(LC_ALL="C", LANG="C", TZ="UTC")  # locales come from initdb options
        if self.account is not None:
            env.update(HOME=str(self.root), USER=SUPERUSER, LOGNAME=SUPERUSER)
        return subprocess.run(
            [str(self.bindir / args[0]), *args[1:]],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=max(timeout, 1.0),
            check=False,
            **kwargs,
        )

    def _initdb(self, deadline: float) -> None:
        base = [
            "initdb", "-D", str(self.datadir), "-U", SUPERUSER, "--auth=trust",
            "--encoding=UTF8", "--no-sync", "--no-instructions",
        ]
        # A linguistic default collation (ICU "en-US"), like a real clinic server's, so tests
        # see what locale-aware comparisons do; fall back to libc locales without ICU.
        attempts = (
            ["--locale=C.UTF-8", "--locale-provider=icu", "--icu-locale=en-US"],
            ["--locale=C.UTF-8"],
            ["--no-locale"],
        )
        errors = []
        for extra in attempts:
            shutil.rmtree(self.datadir, ignore_errors=True)
            try:
                done = self._run([*base, *extra], timeout=deadline - time.monotonic())
            except subprocess.TimeoutExpired:
                raise PostgresStartError(
                    f"initdb did not finish within {START_TIMEOUT:.0f} s"
                ) from None
            if done.returncode == 0:
                return
            errors.append(f"initdb {' '.join(extra)}: {(done.stderr or done.stdout).strip()}")
        raise PostgresStartError("initdb failed:\n" + "\n".join(errors))

    def _configure(self) -> None:
        values: dict[str, object] = {
            "listen_addresses": "",
            "unix_socket_directories": str(self.socket_dir),
            "port": self.port,
            "fsync": False,
            "synchronous_commit": False,
            "full_page_writes": False,
            "max_connections": 50,
            "shared_buffers": "32MB",
            "log_min_messages": "warning",
            "log_min_error_statement": "panic",
        }
        values.update(self.settings)
        lines = [f"{name} = {_conf_value(value)}" for name, value in values.items()]
        with (self.datadir / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n# otdesk tests\n" + "\n".join(lines) + "\n")

    def start(self) -> None:
        """initdb, configure and start; raise ``PostgresStartError`` within ~30 s."""
        deadline = time.monotonic() + START_TIMEOUT
        self._initdb(deadline)
        self._configure()
        wait = max(1, int(deadline - time.monotonic()))
        try:
            done = self._run(
                ["pg_ctl", "start", "-D", str(self.datadir), "-l", str(self.logfile),
                 "-w", "-t", str(wait)],
                timeout=wait + 5,
            )
        except subprocess.TimeoutExpired:
            done = None
        if done is None or done.returncode != 0:
            why = (
                f"did not start within {START_TIMEOUT:.0f} s"
                if done is None
                else f"did not start ({(done.stderr or done.stdout).strip()})"
            )
            raise PostgresStartError(
                f"the PostgreSQL server in {self.datadir} {why}; server log:\n{self.log_tail()}"
            )
        # pg_ctl -w waits until connections are accepted; make sure ours is.
        try:
            with self.connect() as conn:
                conn.execute("SELECT 1")
        except Exception as exc:
            raise PostgresStartError(
                f"the server started but refuses connections: {exc}\n"
                f"server log:\n{self.log_tail()}"
            ) from exc

    def stop(self) -> None:
        """Stop the server at once (``-m immediate``) and delete its folder. Idempotent."""
        if self._stopped:
            return
        self._stopped = True
        try:
            if (self.datadir / "postmaster.pid").exists():
                try:
                    done = self._run(
                        ["pg_ctl", "stop", "-D", str(self.datadir), "-m", "immediate",
                         "-w", "-t", "20"],
                        timeout=25,
                    )
                    stopped = done.returncode == 0
                except subprocess.TimeoutExpired:
                    stopped = False
                if not stopped:
                    self._kill_postmaster()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def _kill_postmaster(self) -> None:
        # Last resort: the postmaster's pid is the first line of postmaster.pid.
        with contextlib.suppress(OSError, ValueError, IndexError):
            pid = int((self.datadir / "postmaster.pid").read_text().split()[0])
            os.kill(pid, signal.SIGKILL)


def _usable_base(folder: str, account: pwd.struct_passwd | None, need_free: int) -> bool:
    try:
        info = os.stat(folder)
        free = shutil.disk_usage(folder).free
    except OSError:
        return False
    if len(folder) > _SOCKET_PATH_MAX - 40 or free < need_free or not os.access(folder, os.W_OK):
        return False
    # When the server runs as another account, it must be able to reach its folder.
    return account is None or bool(info.st_mode & 0o001)


def _make_root(account: pwd.struct_passwd | None) -> Path:
    """A private folder for the cluster and its socket: short, reachable by the server.

    A memory file system (/dev/shm) is preferred: CREATE DATABASE there takes milliseconds
    instead of the ~0.4 s it takes on disk, which matters with a database per test.
    """
    candidates = ("/dev/shm", tempfile.gettempdir(), "/tmp")
    base = next(
        (c for c in candidates if _usable_base(c, account, 512 * 2**20 if c == "/dev/shm" else 0)),
        None,
    )
    if base is None:
        raise PostgresUnavailableError(
            f"no short temporary folder the server's account can reach among {candidates}"
        )
    root = Path(tempfile.mkdtemp(prefix="otdesk-pg-", dir=base))
    if account is not None:
        os.chown(root, account.pw_uid, account.pw_gid)
    root.chmod(0o700)
    return root


def check_available() -> None:
    """Raise ``PostgresUnavailableError`` saying why no server can be run here (cheap: starts
    nothing)."""
    find_bindir()
    _server_account()


@contextlib.contextmanager
def running_server(settings: dict[str, object] | None = None) -> Iterator[PostgresServer]:
    """Start a throwaway server, yield it, and always stop it and delete its files.

    ``settings`` are extra ``postgresql.conf`` values (for example ``{"timezone": "..."}``).
    """
    bindir = find_bindir()
    account = _server_account()
    server = PostgresServer(bindir, _make_root(account), account, settings=dict(settings or {}))
    # Also stop at interpreter exit, should the caller's cleanup never run.
    atexit.register(server.stop)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        atexit.unregister(server.stop)


if __name__ == "__main__":
    import sys

    try:
        check_available()
    except PostgresUnavailableError as exc:
        print(f"no PostgreSQL server can run here: {exc}", file=sys.stderr)
        sys.exit(1)
    print(f"PostgreSQL server programs: {find_bindir()}")
