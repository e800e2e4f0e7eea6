"""Generate the fictional drinking-water file of the « observatoire » worked example.

Four communes of a fictional intercommunalité (their INSEE codes are those of the course's
reference list, datasets/formats/communes-codes-postaux.csv), month by month over 2023 and 2024:
population, drinking water distributed (m³) and the drought level of the prefectoral order in force.
Fixed seed: the same file every time. Also writes its entry in datasets/datapackage.json.

    python datasets/generer_appel_et_observatoire.py
"""

from __future__ import annotations

import calendar
import csv
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalogue import LICENCE_ETALAB, remplacer_ressources  # noqa: E402

DOSSIER = Path(__file__).resolve().parent / "appel-et-observatoire"

# code INSEE, name, population, litres per inhabitant and per day outside summer
COMMUNES = [
    ("49912", "Belval-sur-Loire", 4820, 138),
    ("49904", "Les Hauts-de-Belval", 1950, 152),
    ("49906", "Vaulmoran", 1210, 145),
    ("49903", "Chênebrune", 640, 163),
]
# drought level in force, by month (none otherwise)
NIVEAUX = {
    "2023-07": "vigilance", "2023-08": "alerte", "2023-09": "vigilance",
    "2024-06": "vigilance", "2024-07": "alerte", "2024-08": "alerte renforcée", "2024-09": "alerte",
}
# summer uplift of consumption (gardens, pools), smaller in 2024 under stronger restrictions
HAUSSE = {
    2023: {6: 1.08, 7: 1.20, 8: 1.24, 9: 1.08},
    2024: {6: 1.06, 7: 1.10, 8: 1.07, 9: 1.03},
}
MANQUANT = ("49903", "2024-08")  # one report not sent: the cell is empty, not zero


def lignes() -> list[dict]:
    hasard = random.Random(2024)
    resultat = []
    for annee in (2023, 2024):
        for num in range(1, 13):
            mois = f"{annee}-{num:02d}"
            jours = calendar.monthrange(annee, num)[1]
            for code, nom, population, base in COMMUNES:
                litres = base * HAUSSE[annee].get(num, 1.0) * hasard.uniform(0.97, 1.03)
                volume = round(population * litres * jours / 1000)
                resultat.append({
                    "mois": mois,
                    "code_commune_insee": code,
                    "nom_commune": nom,
                    "population": population,
                    "volume_m3": "" if (code, mois) == MANQUANT else volume,
                    "niveau_secheresse": NIVEAUX.get(mois, "aucun"),
                })
    return resultat


RESSOURCE = {
    "name": "observatoire-eau-potable",
    "path": "appel-et-observatoire/eau-potable.csv",
    "title": "Eau potable distribuée chaque mois dans quatre communes de l'intercommunalité de Belval, 2023-2024 (fictif)",
    "description": (
        "Données fictives : ces communes n'existent pas et les volumes sont inventés, avec des ordres de grandeur plausibles (de 130 à 200 litres par habitant et par jour). Une ligne par mois et par commune : population, eau potable mise en distribution (m³) et niveau de l'arrêté de restriction sécheresse en vigueur. Un relevé manque volontairement (Chênebrune, août 2024) : la case est vide, ce n'est pas zéro. Sert à l'exemple de l'observatoire de la sécheresse."
    ),
    "format": "csv",
    "mediatype": "text/csv",
    "encoding": "utf-8",
    "dialect": {"delimiter": ","},
    "licenses": [LICENCE_ETALAB],
    "created": "2026-12-05",
    "fictif": True,
    "nature": "fictif — exemple réaliste",
    "sources": [{"title": "Données fictives produites par le script datasets/generer_appel_et_observatoire.py (graine fixe)", "path": "generer_appel_et_observatoire.py"}],
    "schema": "appel-et-observatoire/eau-potable.schema.json",
}


def ecrire(dossier: Path = DOSSIER) -> Path:
    """Write the CSV into ``dossier``; its path."""
    dossier.mkdir(parents=True, exist_ok=True)
    donnees = lignes()
    fichier = dossier / "eau-potable.csv"
    with open(fichier, "w", encoding="utf-8", newline="") as f:
        ecrivain = csv.DictWriter(f, fieldnames=list(donnees[0]), lineterminator="\n")
        ecrivain.writeheader()
        ecrivain.writerows(donnees)
    return fichier


def main() -> None:
    ecrire()
    remplacer_ressources([RESSOURCE], prefixe="observatoire-")


if __name__ == "__main__":
    main()
