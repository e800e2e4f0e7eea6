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
    return Path(env) if env else RACINE / "datasets"
