"""Generate the fictional commune <-> postcode table of the « formats » chapter (deterministic).

    .venv/bin/python datasets/generer_formats.py

Writes datasets/formats/communes-codes-postaux.csv and its Table Schema, and (re)writes only the
``formats-*`` resources of datasets/datapackage.json, leaving every other entry untouched.

The territory is the course's fictional intercommunality (its communes and INSEE codes come from the
canteen generator, the one source). The table is shaped like La Poste's « base officielle des codes
postaux »: one row per (commune, postcode) pair, a delivery label in capitals without accents, and a
« ligne 5 » naming the former commune inside a commune nouvelle. It shows the two traps of real
files: one postcode shared by several communes, one commune (a commune nouvelle) with several
postcodes. The postcodes are invented (4998x), like the INSEE codes (499xx).
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from pathlib import Path

ICI = Path(__file__).resolve().parent
DOSSIER = ICI / "formats"
DATAPACKAGE = ICI / "datapackage.json"
CREE_LE = "2026-11-26"

sys.path.insert(0, str(ICI))
from catalogue import ecrire_json, remplacer_ressources  # noqa: E402
from generer_cantine import COMMUNES_INTERCO, INTERCOMMUNALITE  # noqa: E402

# The same pattern as donnees_en_main.donnees.validation.MOTIF_INSEE (2A/2B for Corsica), so that the
# validator's French advice on a lost leading zero applies.
MOTIF_INSEE = r"^([013-9]\d|2[AB1-9])\d{3}$"

# Postcode of each commune's post office (bureau distributeur); several communes share one.
BUREAUX = {
    "49980": "Belval-sur-Loire",
    "49981": "Saint-Ombert-la-Forêt",
    "49982": "Mérinval-sur-Louet",
    "49983": "La Varenne-aux-Saules",
}
CODE_POSTAL = {
    "Belval-sur-Loire": "49980",
    "Chênebrune": "49980",
    "Lanvrière": "49980",
    "Maurevigne": "49980",
    "Saint-Ombert-la-Forêt": "49981",
    "Vaulmoran": "49981",
    "Rochefleur": "49981",
    "Mérinval-sur-Louet": "49982",
    "Prévallon": "49982",
    "Fontclaire-en-Anjou": "49982",
    "La Varenne-aux-Saules": "49983",
    "Bois-Aubry-sur-Loire": "49983",
    "Les Essarts-Fleuris": "49983",
}
# The commune nouvelle kept the postcodes of the three communes it merged (communes déléguées).
COMMUNE_NOUVELLE = "Les Hauts-de-Belval"
ANCIENNES_COMMUNES = [
    ("Belval-le-Haut", "49984"),
    ("Saint-Just-de-Belval", "49985"),
    ("Les Fontenelles", "49980"),
]
COLONNES = ["code_commune_insee", "nom_commune", "code_postal", "libelle_acheminement", "ligne_5"]


def libelle_poste(nom: str) -> str:
    """La Poste's way of writing a place: capitals, no accents, spaces instead of hyphens and apostrophes."""
    sans_accents = "".join(c for c in unicodedata.normalize("NFKD", nom) if not unicodedata.combining(c))
    return sans_accents.upper().replace("-", " ").replace("'", " ")


def lignes() -> list[dict]:
    """The table's rows, sorted by INSEE code then postcode."""
    resultat = []
    for nom, insee in COMMUNES_INTERCO:
        if nom == COMMUNE_NOUVELLE:
            for ancienne, code_postal in ANCIENNES_COMMUNES:
                resultat.append({"code_commune_insee": insee, "nom_commune": nom, "code_postal": code_postal,
                                 "libelle_acheminement": libelle_poste(nom), "ligne_5": libelle_poste(ancienne)})
            continue
        resultat.append({"code_commune_insee": insee, "nom_commune": nom, "code_postal": CODE_POSTAL[nom],
                         "libelle_acheminement": libelle_poste(nom), "ligne_5": ""})
    return sorted(resultat, key=lambda r: (r["code_commune_insee"], r["code_postal"]))


def schema() -> dict:
    return {
        "title": "Communes et codes postaux (schéma du cours)",
        "description": (
            "Une ligne par couple commune - code postal, comme dans la base officielle des codes "
            "postaux de La Poste. Les codes sont du texte : ils gardent leurs zéros initiaux."
        ),
        "fields": [
            {
                "name": "code_commune_insee",
                "title": "Code INSEE de la commune",
                "description": (
                    "Code officiel géographique de la commune (INSEE) : 5 caractères, en texte ; "
                    "2A ou 2B pour la Corse. Ce n'est pas le code postal."
                ),
                "type": "string",
                "example": "01053",
                "constraints": {"required": True, "pattern": MOTIF_INSEE},
            },
            {
                "name": "nom_commune",
                "title": "Nom de la commune",
                "description": "Nom officiel, avec ses accents et ses traits d'union.",
                "type": "string",
                "constraints": {"required": True},
            },
            {
                "name": "code_postal",
                "title": "Code postal",
                "description": (
                    "Code de distribution du courrier (La Poste) : 5 chiffres, en texte. Plusieurs "
                    "communes peuvent le partager ; une commune peut en avoir plusieurs."
                ),
                "type": "string",
                "example": "01000",
                "constraints": {"required": True, "pattern": r"^\d{5}$"},
            },
            {
                "name": "libelle_acheminement",
                "title": "Libellé d'acheminement",
                "description": "Nom de la commune tel qu'il s'écrit sur une adresse : majuscules, sans accents.",
                "type": "string",
                "constraints": {"required": True},
            },
            {
                "name": "ligne_5",
                "title": "Ligne 5 de l'adresse",
                "description": "Nom de l'ancienne commune (commune déléguée) dans une commune nouvelle ; vide sinon.",
                "type": "string",
            },
        ],
        "primaryKey": ["code_commune_insee", "code_postal"],
        "missingValues": [""],
    }


def ressources_datapackage() -> list[dict]:
    communes = sorted({n for n, _ in COMMUNES_INTERCO})
    return [
        {
            "name": "formats-communes-codes-postaux",
            "path": "formats/communes-codes-postaux.csv",
            "title": f"Communes et codes postaux de la {INTERCOMMUNALITE} (fictif)",
            "description": (
                "Données fictives : les communes, leurs codes INSEE (499xx) et leurs codes postaux "
                "(4998x) sont inventés. Une ligne par couple commune - code postal, à la manière de la "
                f"base officielle des codes postaux de La Poste, pour les {len(communes)} communes de "
                f"l'intercommunalité fictive du cours. Un même code postal dessert plusieurs "
                f"communes ; la commune nouvelle {COMMUNE_NOUVELLE} a gardé les codes postaux des "
                "trois communes qu'elle a réunies (colonne ligne_5). Codes écrits en texte."
            ),
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ","},
            "schema": "formats/communes-codes-postaux.schema.json",
            "sources": [
                {"title": "Données fictives produites par le script datasets/generer_formats.py",
                 "path": "generer_formats.py"},
                {"title": "Modèle : base officielle des codes postaux, La Poste (data.gouv.fr)",
                 "path": "https://www.data.gouv.fr/fr/datasets/base-officielle-des-codes-postaux/"},
                {"title": "Modèle : code officiel géographique (COG), INSEE",
                 "path": "https://www.insee.fr/fr/information/2560452"},
            ],
            "licenses": [{"name": "etalab-2.0", "title": "Licence Ouverte / Open Licence version 2.0",
                          "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}],
            "created": CREE_LE,
            "fictif": True,
            "nature": "fictif — exemple réaliste",
        }
    ]



def mettre_a_jour_datapackage(chemin: Path = DATAPACKAGE) -> None:
    """Replace this chapter's resources (name ``formats-*``) in datapackage.json, keep the rest as is."""
    remplacer_ressources(ressources_datapackage(), chemin, prefixe="formats-")


def generer(dossier: Path = DOSSIER, datapackage: Path | None = DATAPACKAGE) -> None:
    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    with (dossier / "communes-codes-postaux.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLONNES, lineterminator="\n")
        w.writeheader()
        w.writerows(lignes())
    ecrire_json(dossier / "communes-codes-postaux.schema.json", schema())
    if datapackage is not None:
        mettre_a_jour_datapackage(datapackage)


if __name__ == "__main__":
    generer()
    print(f"Données du chapitre « formats » écrites dans {DOSSIER}", file=sys.stderr)
