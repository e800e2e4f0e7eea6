"""Shared fixtures: the book is built once for the whole test session, even with pytest-xdist.

Under xdist every worker is its own process with its own session fixtures: the first worker that
asks for the book builds it into a folder shared by the run, the others wait on a file lock and
reuse it.
"""

from __future__ import annotations

import dataclasses
import fcntl
import json
import os
from pathlib import Path

import pytest

from donnees_en_main.livre.construire import construire

RACINE = Path(__file__).resolve().parent.parent


@dataclasses.dataclass(frozen=True)
class Construction:
    """One `jupyter-book build` of the repo: its output folder, return code and log."""

    sortie: Path  # the --path-output folder: _build/html, _build/jupyter_execute, the execution cache
    code: int
    journal: str

    @property
    def html(self) -> Path:
        return self.sortie / "_build" / "html"


def construire_livre(sortie: Path) -> tuple[int, str]:
    """Build the book into ``sortie`` (never the repo's _build) as the course's command does, Sphinx
    warnings as errors; (return code, end of the log)."""
    journal = sortie / "journal.txt"
    code = construire(sortie, strict=True, journal=journal)
    texte = journal.read_text(encoding="utf-8", errors="replace")[-12000:]
    # A page whose notebook failed: myst-nb saves its traceback apart; its end says why (a CI log must).
    for rapport in sorted((sortie / "_build" / "html" / "reports").rglob("*.err.log")):
        texte = f"--- {rapport.name} (fin) ---\n{rapport.read_text(encoding='utf-8', errors='replace')[-3000:]}\n" + texte
    return code, texte


@pytest.fixture(scope="session")
def construction_livre(tmp_path_factory) -> Construction:
    """The book, built once per test run (whatever its result: `livre` checks it)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # shared by the workers of this run
    dossier = base / "livre-partage"
    dossier.mkdir(exist_ok=True)
    resultat = dossier / "resultat.json"
    with open(dossier / "verrou", "w") as verrou:
        fcntl.flock(verrou, fcntl.LOCK_EX)
        try:
            if not resultat.exists():
                code, journal = construire_livre(dossier)
                resultat.write_text(json.dumps({"code": code, "journal": journal}), encoding="utf-8")
            donnees = json.loads(resultat.read_text(encoding="utf-8"))
        finally:
            fcntl.flock(verrou, fcntl.LOCK_UN)
    return Construction(dossier, donnees["code"], donnees["journal"])


@pytest.fixture(scope="session")
def livre(construction_livre) -> Path:
    """The built book's HTML folder; fails if the build had a Sphinx warning or an error."""
    c = construction_livre
    assert c.code == 0, f"Le livre ne se construit pas sans avertissement :\n{c.journal}"
    return c.html
