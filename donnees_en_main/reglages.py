"""The course's settings and paths: the one place where ``DONNEES_EN_MAIN_*`` variables are read.

Every setting a trainer, a server or a test may change is listed here with its variable; modules ask
this module instead of reading ``os.environ`` themselves, so a newcomer finds them all in one file.

=================================  ================================================================
Variable                           Effect
=================================  ================================================================
``DONNEES_EN_MAIN_DATASETS``       folder of ``datapackage.json`` and the shipped datasets
``DONNEES_EN_MAIN_DOSSIER_COMMUNE`` folder of the communes' own files (``donnees-commune/``)
``DONNEES_EN_MAIN_CODE_INSEE``     the commune a workshop server shows by default
``DONNEES_EN_MAIN_SOURCES``        another catalogue of official sources (JSON) for ``telecharger``
``DONNEES_EN_MAIN_JUPYTERLITE``    JupyterLite's source folder (« Essayer dans le navigateur »)
``DONNEES_EN_MAIN_LIVRE``          ``1`` in the kernels that run the book's pages (set by the build)
``DEM_NOYAUX_CHAUDS``              ``0`` turns the grader's warm kernels off (one cold kernel per copy)
``DEM_HUB_COMPTE_UNIQUE``          ``1`` on a class hub where every server runs under one account
=================================  ================================================================

Test-only switches (``DONNEES_EN_MAIN_CHROMIUM_OBLIGATOIRE``, ``DONNEES_EN_MAIN_BWRAP_OBLIGATOIRE``)
are read by the test suite, not by the package.
"""

from __future__ import annotations

import os
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent

DATASETS = "DONNEES_EN_MAIN_DATASETS"
DOSSIER_COMMUNE = "DONNEES_EN_MAIN_DOSSIER_COMMUNE"
CODE_INSEE = "DONNEES_EN_MAIN_CODE_INSEE"
SOURCES = "DONNEES_EN_MAIN_SOURCES"
JUPYTERLITE = "DONNEES_EN_MAIN_JUPYTERLITE"
LIVRE = "DONNEES_EN_MAIN_LIVRE"
NOYAUX_CHAUDS = "DEM_NOYAUX_CHAUDS"
HUB_COMPTE_UNIQUE = "DEM_HUB_COMPTE_UNIQUE"


def _valeur(variable: str) -> str:
    return os.environ.get(variable, "").strip()


def dossier_donnees() -> Path:
    """Folder holding ``datapackage.json`` and the shipped datasets.

    ``DONNEES_EN_MAIN_DATASETS`` overrides it (a trainer's own copy, a test fixture).
    """
    env = _valeur(DATASETS)
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


def dossier_communes() -> Path:
    """Folder holding one sub-folder per commune (``donnees-commune/`` at the root of the course).

    ``DONNEES_EN_MAIN_DOSSIER_COMMUNE`` overrides it (a shared folder on a workshop server, a test).
    """
    env = _valeur(DOSSIER_COMMUNE)
    return Path(env) if env else RACINE / "donnees-commune"


def code_insee_par_defaut() -> str:
    """The commune set for the whole server (``DONNEES_EN_MAIN_CODE_INSEE``), or ``""``."""
    return _valeur(CODE_INSEE)


def fichier_sources(par_defaut: Path) -> Path:
    """The catalogue of official sources: ``DONNEES_EN_MAIN_SOURCES`` or ``par_defaut``."""
    env = _valeur(SOURCES)
    return Path(env) if env else par_defaut


def dossier_jupyterlite() -> Path:
    """The JupyterLite source folder (``jupyterlite_dir`` of the book): generated, not versioned."""
    env = _valeur(JUPYTERLITE)
    return Path(env) if env else RACINE / "jupyterlite"


def en_livre() -> bool:
    """True in the kernels that run the book's pages (dashboards as plain HTML, no live widgets)."""
    return _valeur(LIVRE) == "1"


def noyaux_chauds() -> bool:
    """Whether the grader keeps warm kernels: yes unless ``DEM_NOYAUX_CHAUDS=0``."""
    return _valeur(NOYAUX_CHAUDS) != "0"


def hub_compte_unique() -> bool:
    """Whether every learner's server runs under one system account (set by the class hub)."""
    return bool(_valeur(HUB_COMPTE_UNIQUE))


def passer_en_mode_livre() -> None:
    """Set book mode for this process and the kernels it starts (called by the book's build)."""
    os.environ[LIVRE] = "1"


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
