"""The one writer of datasets/datapackage.json, shared by every generer_<chapitre>.py script.

Each generator replaces only its own chapter's resources (read-modify-write) and leaves the others
where they are, so chapters can be regenerated independently. What is written is checked against the
course's one list of datasets, ``donnees_en_main/donnees/catalogue.py`` (``JEUX``): a resource must be
declared there (name, fictional or real, licence, reader) before a generator can write it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DATAPACKAGE = Path(__file__).resolve().parent / "datapackage.json"
sys.path.insert(0, str(DATAPACKAGE.parent.parent))  # run as a script: the course's package is next door
from donnees_en_main.donnees.catalogue import verifier_datapackage  # noqa: E402

LICENCE_ETALAB = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence version 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}

ENTETE = {
    "name": "donnees-en-main",
    "title": "Données en main : les jeux de données du cours",
    "description": (
        "Les fichiers utilisés par le livre, les ateliers et les exercices de « Données en "
        "main ». Chaque ressource dit si elle est fictive (propriété « fictif ») et d'où elle "
        "vient (propriété « sources »)."
    ),
    "licenses": [LICENCE_ETALAB],
    "resources": [],
}


def ecrire_json(chemin: Path, objet) -> None:
    """Write JSON the way the catalogue is kept: UTF-8, indented, accents as they are."""
    Path(chemin).write_text(json.dumps(objet, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def remplacer_ressources(nouvelles: list[dict], chemin: Path = DATAPACKAGE, prefixe: str | None = None) -> None:
    """Put `nouvelles` in the catalogue in place of this chapter's old entries.

    A chapter's old entries are those with the same names, or whose name starts with `prefixe`
    (so a renamed file leaves no stale entry). Other chapters' entries stay as and where they are.
    """
    chemin = Path(chemin)
    paquet = json.loads(chemin.read_text(encoding="utf-8")) if chemin.exists() else json.loads(json.dumps(ENTETE))
    noms = {r["name"] for r in nouvelles}

    def a_remplacer(r: dict) -> bool:
        nom = str(r.get("name", ""))
        return nom in noms or (prefixe is not None and nom.startswith(prefixe))

    resultat, place = [], False
    for r in paquet.get("resources", []):
        if a_remplacer(r):
            if not place:
                resultat.extend(nouvelles)
                place = True
            continue
        resultat.append(r)
    if not place:
        resultat.extend(nouvelles)
    paquet["resources"] = resultat
    problemes = verifier_datapackage({"resources": nouvelles}, complet=False)
    if problemes:
        raise SystemExit("datapackage.json non écrit, il contredit le catalogue du cours :\n- " + "\n- ".join(problemes))
    ecrire_json(chemin, paquet)
