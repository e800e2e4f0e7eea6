"""Where the course's files live (one place, so notebooks never hard-code paths)."""

from __future__ import annotations

import os
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent


def dossier_donnees() -> Path:
    """Folder holding ``datapackage.json`` and the shipped datasets.

    ``DONNEES_EN_MAIN_DATASETS`` overrides it (a trainer's own copy, a test fixture).
    """
    env = os.environ.get("DONNEES_EN_MAIN_DATASETS")
    if env:
        return Path(env)
    if (RACINE / "datasets").is_dir():
        return RACINE / "datasets"
    # The package installed from a wheel (in the browser, JupyterLite): the datasets travel with the
    # notebooks, in a ``datasets/`` folder next to them or above.
    for dossier in (Path.cwd(), *Path.cwd().parents):
        if (dossier / "datasets" / "datapackage.json").is_file():
            return dossier / "datasets"
    return RACINE / "datasets"


def empreinte(racine: Path, chemins: "list[str] | tuple[str, ...]") -> str:
    """A hash of the files under ``chemins`` (relative to ``racine``): names and contents."""
    import hashlib

    h = hashlib.sha256()
    for nom in chemins:
        base = racine / nom
        fichiers = [base] if base.is_file() else sorted(base.rglob("*"))
        for fichier in fichiers:
            if fichier.is_file() and "__pycache__" not in fichier.parts and fichier.suffix != ".pyc":
                h.update(fichier.relative_to(racine).as_posix().encode() + b"\0" + fichier.read_bytes() + b"\0")
    return h.hexdigest()
