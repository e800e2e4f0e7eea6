"""Start a long-running server command for a test, wait for a line of its output, stop it cleanly.

Shared by tests/test_atelier.py and tests/test_jupyterhub.py. The command runs in its own process
group; `arreter()` sends SIGTERM to that group (the server's own children included), waits, and only
then SIGKILLs what is left of it. Only processes started here are ever signalled.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path


def port_libre() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Processus:
    """A command started in its own process group, its output (stdout + stderr) collected line by line."""

    def __init__(self, commande: list[str], *, cwd: Path | str | None = None, env: dict | None = None):
        self.commande = commande
        self.lignes: list[str] = []
        self._nouvelle = threading.Condition()
        self.popen = subprocess.Popen(
            commande, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, errors="replace", start_new_session=True,
        )
        self._lecteur = threading.Thread(target=self._lire, daemon=True)
        self._lecteur.start()

    def _lire(self):
        for ligne in self.popen.stdout:
            with self._nouvelle:
                self.lignes.append(ligne.rstrip("\n"))
                self._nouvelle.notify_all()
        with self._nouvelle:
            self._nouvelle.notify_all()

    @property
    def journal(self) -> str:
        return "\n".join(self.lignes)

    def attendre(self, motif: str, timeout: float = 120) -> re.Match:
        """Wait until a line of output matches the regular expression `motif`; return the match."""
        regex = re.compile(motif)
        fin = time.monotonic() + timeout
        vues = 0
        with self._nouvelle:
            while True:
                for ligne in self.lignes[vues:]:
                    if m := regex.search(ligne):
                        return m
                vues = len(self.lignes)
                if self.popen.poll() is not None and not self._lecteur.is_alive():
                    raise AssertionError(
                        f"{self.commande[0]} s'est arrêté (code {self.popen.returncode}) avant « {motif} » :\n"
                        + self.journal[-5000:])
                reste = fin - time.monotonic()
                if reste <= 0:
                    raise AssertionError(f"« {motif} » n'est pas apparu en {timeout} s :\n" + self.journal[-5000:])
                self._nouvelle.wait(min(reste, 0.5))

    def arreter(self, timeout: float = 30) -> int:
        """SIGTERM the process group, wait for the command to exit (SIGKILL after `timeout`); its exit code."""
        if self.popen.poll() is None:
            with _sans_erreur():
                os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                with _sans_erreur():
                    os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait(10)
        # Children that outlived the leader (same process group): end them too.
        with _sans_erreur():
            os.killpg(self.popen.pid, signal.SIGKILL)
        self._lecteur.join(5)
        return self.popen.returncode


class _sans_erreur:
    def __enter__(self):
        return self

    def __exit__(self, typ, val, tb):
        return typ is not None and issubclass(typ, (ProcessLookupError, PermissionError))


def groupe_vivant(pgid: int) -> bool:
    """True while some process of the process group `pgid` is still alive."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def processus_dont_la_commande(garder) -> list[int]:
    """The pids of this machine's processes whose command line (``/proc/<pid>/cmdline``: arguments separated
    by NUL bytes) satisfies ``garder`` — e.g. what a graded copy left running."""
    trouves = []
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                if garder((p / "cmdline").read_bytes()):
                    trouves.append(int(p.name))
            except OSError:
                continue
    return trouves
