"""Generate the fictional energy data of the « energie » chapter (deterministic, seeded).

    .venv/bin/python datasets/generer_energie.py

Writes datasets/energie/*.csv and their Table Schemas, and (re)writes only the ``energie-*``
resources of datasets/datapackage.json, leaving every other entry untouched.

The commune is fictional. The data imitate what a town hall really gets:
- the commune's own buildings, monthly, over four years (2021-2024): electricity from the supplier's
  portal in kWh, gas from the gas supplier's statements in MWh (the unit is in a column, as in real
  exports, not in the header);
- one building dwarfs the others (the swimming pool);
- a meter failure: the gymnasium's electricity rows for March-June 2023 are simply absent;
- estimated readings (``type_releve = estimé``), one of them under-estimated for three months and
  caught up on the next real reading (a spike that is not a leak);
- monthly heating degree-days (DJU, base 18 °C, shaped like Météo-France's) of the commune's
  fictional weather station, consistent with the winter severity RIGUEUR the gas follows, with the
  monthly normals used as the reference climate;
- commune-level consumption by sector shaped like the Agence ORE publication (``;`` separator,
  MWh, delivery points, quality index), with values under statistical secrecy written ``secret``
  (electricity rows) or ``s`` (gas rows), as they appear in real files.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np

ICI = Path(__file__).resolve().parent
DOSSIER = ICI / "energie"
GRAINE = 20190723  # the décret tertiaire's date, for a memorable seed

# The course's fictional commune: one source, the canteen generator.
sys.path.insert(0, str(ICI))
from catalogue import ecrire_json, remplacer_ressources  # noqa: E402
from generer_cantine import COMMUNE_INSEE, COMMUNE_NOM  # noqa: E402

COMMUNE = {"nom": COMMUNE_NOM, "code_insee": COMMUNE_INSEE}

ANNEES = [2021, 2022, 2023, 2024]
CREE_LE = "2026-11-26"

# --- The commune's buildings -------------------------------------------------------------------
# id, name, use, floor area (m²), year built, address, yearly electricity (MWh), yearly gas (MWh)
# in 2021, with a normal winter. Floor areas: "surface de plancher".
BATIMENTS = [
    ("mairie", "Hôtel de ville", "administration", 1150, 1890, "1 place de la Mairie", 72, 118),
    ("ecole-la-fontaine", "École élémentaire Jean-de-La-Fontaine", "enseignement", 1850, 1972, "12 rue des Écoles", 58, 205),
    ("ecole-coteaux", "École élémentaire des Coteaux", "enseignement", 1240, 1964, "5 chemin des Coteaux", 40, 190),
    ("ecole-tilleuls", "École maternelle Les Tilleuls", "enseignement", 760, 1985, "4 allée des Tilleuls", 30, 96),
    ("ecole-port", "École maternelle du Port", "enseignement", 640, 1998, "20 quai de Loire", 26, 70),
    ("gymnase", "Gymnase des Sablons", "sport", 1620, 1979, "2 chemin des Sablons", 62, 178),
    ("piscine", "Piscine municipale", "sport", 2300, 1976, "8 quai de Loire", 640, 1650),
    ("salle-fetes", "Salle des fêtes", "culture et loisirs", 620, 1968, "3 rue du Marché", 28, 96),
    ("mediatheque", "Médiathèque du Port", "culture et loisirs", 980, 2008, "15 quai de Loire", 95, 0),
    ("eclairage", "Éclairage public", "éclairage public", None, None, "toute la commune", 410, 0),
]

# Share of a year's heating falling in each month (Jan..Dec), a typical Loire-valley profile.
PROFIL_CHAUFFAGE = np.array([0.17, 0.15, 0.12, 0.08, 0.04, 0.015, 0.01, 0.01, 0.025, 0.07, 0.13, 0.16])
PROFIL_CHAUFFAGE = PROFIL_CHAUFFAGE / PROFIL_CHAUFFAGE.sum()
# Night length drives street lighting (hours of darkness per day, roughly, at 47°N).
NUIT = np.array([15.5, 14.2, 12.5, 10.8, 9.4, 8.6, 9.0, 10.2, 11.8, 13.4, 15.0, 15.8])
PROFIL_NUIT = NUIT / NUIT.sum()
# Winter severity (heating need relative to 2021): 2022 was a very mild year in France.
RIGUEUR = {2021: 1.00, 2022: 0.87, 2023: 0.92, 2024: 0.94}
JOURS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])

# Heating degree-days (DJU, base 18 °C) of the fictional weather station: 2021's yearly total, and
# the yearly normal used as the reference climate (a little milder than 2021). Each year's total is
# DJU_2021 x RIGUEUR, spread over the months like the heating (PROFIL_CHAUFFAGE), with a little noise
# drawn from its own generator so that the other files stay byte for byte the same.
DJU_2021 = 2300.0
DJU_NORMALE = 2200.0
GRAINE_DJU = GRAINE + 18

PANNE_GYMNASE = ["2023-03", "2023-04", "2023-05", "2023-06"]  # electricity meter out of order
# Gas readings estimated by the supplier: (building, months, factor applied to the true value);
# the next real reading catches up the difference.
ESTIMATIONS_GAZ = [
    ("salle-fetes", ["2023-11", "2023-12", "2024-01"], 0.45),
    ("ecole-tilleuls", ["2022-12", "2023-01"], 0.9),
    ("mairie", ["2024-12"], 1.0),
]
ESTIMATIONS_ELEC = [("piscine", ["2024-12"], 1.0), ("ecole-port", ["2022-02", "2022-03"], 1.0)]


def _profil_electricite(usage: str, ident: str) -> np.ndarray:
    """Relative monthly electricity use (mean 1) of a building."""
    p = np.ones(12)
    if usage == "enseignement":
        p[6], p[7] = 0.35, 0.25  # summer holidays
        p[[0, 1, 10, 11]] *= 1.15  # lighting in winter
    elif ident == "gymnase":
        p[6], p[7] = 0.6, 0.3
    elif ident == "mairie":
        p[7] = 0.8
        p[[0, 1, 11]] *= 1.1
    elif ident == "mediatheque":  # heated by a heat pump: electricity follows the winter
        p = 0.45 + 0.55 * 12 * PROFIL_CHAUFFAGE
    elif ident == "piscine":
        p[8] = 0.6  # yearly draining in September
    elif ident == "eclairage":
        p = 12 * PROFIL_NUIT
    return p / p.mean()


def _gaz_mensuel(ident: str, usage: str, annuel: float, annee: int) -> np.ndarray:
    """True monthly gas (MWh) of a building in a year, before noise."""
    rigueur = RIGUEUR[annee]
    if ident == "piscine":  # water heating all year + building heating
        base = 0.6 * annuel * JOURS / 365
        base[8] *= 0.55
        return base + 0.4 * annuel * rigueur * PROFIL_CHAUFFAGE
    if usage == "enseignement":
        # little heating during the summer holidays, hot water
        return 0.97 * annuel * rigueur * PROFIL_CHAUFFAGE + 0.03 * annuel / 12
    return 0.95 * annuel * rigueur * PROFIL_CHAUFFAGE + 0.05 * annuel / 12


def _sobriete_gaz(ident: str, annee: int, mois: int) -> float:
    """Energy-saving measures: heating set to 19 °C from October 2022, pool cover from 2023."""
    f = 1.0
    if (annee, mois) >= (2022, 10):
        f *= 0.95 if ident == "piscine" else 0.88
    if ident == "piscine" and annee >= 2023:
        f *= 0.90
    if ident == "ecole-la-fontaine" and annee >= 2024:  # roof insulation in summer 2023
        f *= 0.80
    return f


def _sobriete_elec(ident: str, annee: int, mois: int) -> float:
    if ident == "eclairage":
        f = 1.0
        if (annee, mois) >= (2022, 10):
            f *= 0.62  # lights off from 23 h to 5 h
        if annee >= 2024:
            f *= 0.75  # LED retrofit
        return f
    if annee >= 2023:
        return 0.95
    return 1.0


def generer_releves(rng: np.random.Generator) -> tuple[list[dict], list[dict]]:
    elec, gaz = [], []
    for ident, _nom, usage, _s, _a, _ad, elec_an, gaz_an in BATIMENTS:
        profil = _profil_electricite(usage, ident)
        for annee in ANNEES:
            # electricity, kWh
            for m in range(12):
                mois = f"{annee}-{m + 1:02d}"
                valeur = elec_an * 1000 / 12 * profil[m] * _sobriete_elec(ident, annee, m + 1)
                valeur *= rng.lognormal(0, 0.04)
                if ident == "gymnase" and mois in PANNE_GYMNASE:
                    continue
                elec.append({"batiment_id": ident, "mois": mois, "valeur": valeur, "type_releve": "réel"})
            # gas, MWh
            if gaz_an:
                vrai = _gaz_mensuel(ident, usage, gaz_an, annee)
                for m in range(12):
                    mois = f"{annee}-{m + 1:02d}"
                    valeur = vrai[m] * _sobriete_gaz(ident, annee, m + 1) * rng.lognormal(0, 0.05)
                    gaz.append({"batiment_id": ident, "mois": mois, "valeur": valeur, "type_releve": "réel"})
    _estimer(gaz, ESTIMATIONS_GAZ)
    _estimer(elec, ESTIMATIONS_ELEC)
    return elec, gaz


def _estimer(lignes: list[dict], estimations) -> None:
    """Mark readings as estimated; the first real reading after them catches up the difference."""
    index = {(r["batiment_id"], r["mois"]): i for i, r in enumerate(lignes)}
    for ident, liste_mois, facteur in estimations:
        ecart = 0.0
        for mois in liste_mois:
            r = lignes[index[(ident, mois)]]
            estime = r["valeur"] * facteur
            ecart += r["valeur"] - estime
            r["valeur"], r["type_releve"] = estime, "estimé"
        annee, m = map(int, liste_mois[-1].split("-"))
        suivant = f"{annee + (m == 12)}-{m % 12 + 1:02d}"
        if ecart and (ident, suivant) in index:
            lignes[index[(ident, suivant)]]["valeur"] += ecart


def generer_dju() -> list[dict]:
    """Monthly DJU of each year (yearly total = DJU_2021 x RIGUEUR exactly) and the monthly normal."""
    rng = np.random.default_rng(GRAINE_DJU)
    normales = np.round(DJU_NORMALE * PROFIL_CHAUFFAGE, 1)
    lignes = []
    for annee in ANNEES:
        mois = PROFIL_CHAUFFAGE * rng.lognormal(0, 0.08, 12)
        mois = np.round(DJU_2021 * RIGUEUR[annee] * mois / mois.sum(), 1)
        mois[0] = round(DJU_2021 * RIGUEUR[annee] - mois[1:].sum(), 1)  # the yearly total, exactly
        for m in range(12):
            lignes.append({"mois": f"{annee}-{m + 1:02d}", "dju": f"{mois[m]:.1f}", "dju_normale": f"{normales[m]:.1f}"})
    return lignes


# --- Commune-level consumption by sector (shaped like Agence ORE) --------------------------------
SECTEURS = {"R": "Résidentiel", "T": "Tertiaire", "I": "Industrie", "A": "Agriculture", "X": "Non affecté"}
# (filière, sector): (2021 MWh, delivery points, quality index) ; None = under statistical secrecy
BASE_SECTEURS = {
    ("Electricité", "R"): (12900, 2781, 0.97),
    ("Electricité", "T"): (7400, 312, 0.91),
    ("Electricité", "I"): (3100, 7, 0.99),
    ("Electricité", "A"): (610, 24, 0.88),
    ("Electricité", "X"): (95, 15, 0.52),
    ("Gaz", "R"): (17800, 1418, 0.93),
    ("Gaz", "T"): (8900, 96, 0.95),
    ("Gaz", "I"): (2400, 3, 1.0),
    ("Gaz", "A"): (310, 2, 1.0),
    ("Gaz", "X"): (40, 4, 0.5),
}
EVOLUTION = {  # relative to 2021, per filière and year (mild 2022, sobriety from autumn 2022)
    "Electricité": {2021: 1.0, 2022: 0.955, 2023: 0.925},
    "Gaz": {2021: 1.0, 2022: 0.875, 2023: 0.85},
}
ANNEES_SECTEURS = [2021, 2022, 2023]
SECRET_PDL = 11  # below this number of delivery points, the value is masked in this fictional file
MASQUE = {"Electricité": "secret", "Gaz": "s"}  # as written in real files
OPERATEUR = {"Electricité": "Enedis", "Gaz": "GRDF"}


def generer_secteurs(rng: np.random.Generator) -> list[dict]:
    lignes = []
    for annee in ANNEES_SECTEURS:
        for filiere in ("Electricité", "Gaz"):
            for code, libelle in SECTEURS.items():
                conso0, pdl0, qual = BASE_SECTEURS[(filiere, code)]
                pdl = int(round(pdl0 * (1 + 0.006 * (annee - 2021)))) if pdl0 > 50 else pdl0
                if (filiere, code, annee) == ("Electricité", "A", 2023):
                    pdl = 10  # two farms closed: the sector falls under secrecy this year
                conso = conso0 * EVOLUTION[filiere][annee] * rng.lognormal(0, 0.02)
                masque = pdl < SECRET_PDL
                lignes.append(
                    {
                        "operateur": OPERATEUR[filiere],
                        "annee": annee,
                        "filiere": filiere,
                        "code_commune": COMMUNE["code_insee"],
                        "libelle_commune": COMMUNE["nom"],
                        "code_grand_secteur": code,
                        "libelle_grand_secteur": libelle,
                        "conso": MASQUE[filiere] if masque else f"{conso:.3f}",
                        "pdl": pdl,
                        "indqual": "" if masque else f"{min(1.0, qual + rng.normal(0, 0.01)):.3f}",
                    }
                )
    return lignes


# --- Writing -------------------------------------------------------------------------------------
def _ecrire(chemin: Path, lignes: list[dict], colonnes: list[str], sep: str = ",") -> None:
    with chemin.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=colonnes, delimiter=sep, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(lignes)



CHAMP_BATIMENT = {
    "name": "batiment_id",
    "title": "Identifiant du bâtiment",
    "type": "string",
    "description": "Identifiant court du bâtiment, le même dans tous les fichiers du chapitre.",
    "constraints": {"required": True, "enum": [b[0] for b in BATIMENTS]},
}
CHAMP_MOIS = {
    "name": "mois",
    "title": "Mois de consommation",
    "type": "yearmonth",
    "description": "Mois auquel se rapporte la consommation, au format AAAA-MM.",
    "constraints": {"required": True},
}
CHAMP_TYPE_RELEVE = {
    "name": "type_releve",
    "title": "Type de relevé",
    "type": "string",
    "description": "« réel » si le compteur a été lu, « estimé » si le fournisseur a estimé la consommation ; "
    "le relevé réel suivant rattrape l'écart.",
    "constraints": {"required": True, "enum": ["réel", "estimé"]},
}


def schemas() -> dict[str, dict]:
    def releves(unite: str, description: str) -> dict:
        return {
            "fields": [
                CHAMP_BATIMENT,
                CHAMP_MOIS,
                {
                    "name": "consommation",
                    "title": "Consommation du mois",
                    "type": "number",
                    "description": description,
                    "constraints": {"required": True, "minimum": 0},
                },
                {
                    "name": "unite",
                    "title": "Unité",
                    "type": "string",
                    "description": "Unité de la colonne consommation. Attention : elle diffère d'un fichier à l'autre.",
                    "constraints": {"required": True, "enum": [unite]},
                },
                CHAMP_TYPE_RELEVE,
            ],
            "primaryKey": ["batiment_id", "mois"],
        }

    return {
        "batiments.schema.json": {
            "fields": [
                {**CHAMP_BATIMENT, "constraints": {"required": True, "unique": True, "enum": [b[0] for b in BATIMENTS]}},
                {"name": "nom", "title": "Nom du bâtiment", "type": "string", "constraints": {"required": True}},
                {
                    "name": "usage",
                    "title": "Usage principal",
                    "type": "string",
                    "constraints": {"required": True, "enum": sorted({b[2] for b in BATIMENTS})},
                },
                {
                    "name": "surface_m2",
                    "title": "Surface de plancher (m²)",
                    "type": "integer",
                    "description": "Surface de plancher en m². Vide pour l'éclairage public, qui n'est pas un bâtiment.",
                    "constraints": {"minimum": 1},
                },
                {
                    "name": "annee_construction",
                    "title": "Année de construction",
                    "type": "integer",
                    "constraints": {"minimum": 1800, "maximum": 2030},
                },
                {"name": "adresse", "title": "Adresse", "type": "string"},
            ],
            "primaryKey": ["batiment_id"],
            "missingValues": [""],
        },
        "releves_electricite.schema.json": releves(
            "kWh", "Électricité consommée dans le mois, en kilowattheures (kWh), lue sur le portail du fournisseur."
        ),
        "releves_gaz.schema.json": releves(
            "MWh", "Gaz consommé dans le mois, en mégawattheures (MWh), repris des factures du fournisseur de gaz."
        ),
        "consommation_secteurs.schema.json": {
            "fields": [
                {"name": "operateur", "title": "Opérateur du réseau", "type": "string", "constraints": {"required": True}},
                {"name": "annee", "title": "Année", "type": "year", "constraints": {"required": True}},
                {
                    "name": "filiere",
                    "title": "Filière",
                    "type": "string",
                    "description": "« Electricité » (écrit sans accent, comme dans les fichiers réels) ou « Gaz ».",
                    "constraints": {"required": True, "enum": ["Electricité", "Gaz"]},
                },
                {
                    "name": "code_commune",
                    "title": "Code INSEE de la commune",
                    "type": "string",
                    "constraints": {"required": True, "pattern": "[0-9][0-9AB][0-9]{3}"},
                },
                {"name": "libelle_commune", "title": "Nom de la commune", "type": "string"},
                {
                    "name": "code_grand_secteur",
                    "title": "Code du secteur",
                    "type": "string",
                    "constraints": {"required": True, "enum": list(SECTEURS)},
                },
                {
                    "name": "libelle_grand_secteur",
                    "title": "Secteur",
                    "type": "string",
                    "constraints": {"required": True, "enum": list(SECTEURS.values())},
                },
                {
                    "name": "conso",
                    "title": "Consommation annuelle (MWh)",
                    "type": "number",
                    "description": "Consommation de l'année en MWh. Masquée (« secret » ou « s ») quand il y a trop peu "
                    "de points de livraison : une valeur masquée est inconnue, ce n'est pas un zéro.",
                    "constraints": {"minimum": 0},
                },
                {
                    "name": "pdl",
                    "title": "Nombre de points de livraison",
                    "type": "integer",
                    "constraints": {"required": True, "minimum": 0},
                },
                {
                    "name": "indqual",
                    "title": "Indice de qualité",
                    "type": "number",
                    "description": "Part de la consommation réellement mesurée (entre 0 et 1), le reste étant estimé.",
                    "constraints": {"minimum": 0, "maximum": 1},
                },
            ],
            "primaryKey": ["annee", "filiere", "code_grand_secteur"],
            "missingValues": ["", "s", "secret"],
        },
        "dju.schema.json": {
            "fields": [
                {**CHAMP_MOIS, "title": "Mois", "description": "Mois des degrés-jours, au format AAAA-MM."},
                {
                    "name": "dju",
                    "title": "Degrés-jours unifiés de chauffage du mois (base 18 °C)",
                    "type": "number",
                    "description": "Somme, sur les jours du mois, de l'écart entre 18 °C et la température moyenne "
                    "du jour (moyenne de la minimale et de la maximale) quand elle est plus basse. Plus l'hiver est "
                    "froid, plus le nombre est grand.",
                    "constraints": {"required": True, "minimum": 0},
                },
                {
                    "name": "dju_normale",
                    "title": "Degrés-jours normaux du mois (climat de référence)",
                    "type": "number",
                    "description": "Ce que vaut ce mois une année « normale » : le climat de référence auquel on "
                    "ramène les consommations pour les comparer.",
                    "constraints": {"required": True, "minimum": 0},
                },
            ],
            "primaryKey": ["mois"],
        },
    }


FICTIF = (
    f"Données fictives : la commune de {COMMUNE['nom']} n'existe pas. Les chiffres sont inventés, "
    "mais imitent des ordres de grandeur et des défauts réels."
)


def ressources() -> list[dict]:
    commun = {
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "licenses": [{"name": "etalab-2.0", "title": "Licence Ouverte / Open Licence version 2.0",
                      "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}],
        "created": CREE_LE,
        "fictif": True,
        "nature": "fictif — exemple réaliste",
    }
    source_generateur = {"title": "Généré par datasets/generer_energie.py (graine fixe)", "path": "generer_energie.py"}
    return [
        {
            "name": "energie-batiments",
            "path": "energie/batiments.csv",
            "title": f"Bâtiments communaux de {COMMUNE['nom']} (fictif)",
            "description": f"{FICTIF} Une ligne par bâtiment communal (et l'éclairage public) : usage, surface de "
            "plancher, année de construction. Sert à comparer les consommations par m².",
            **commun,
            "dialect": {"delimiter": ","},
            "sources": [source_generateur],
            "schema": "energie/batiments.schema.json",
        },
        {
            "name": "energie-releves-electricite",
            "path": "energie/releves_electricite.csv",
            "title": f"Consommation mensuelle d'électricité des bâtiments de {COMMUNE['nom']}, 2021-2024 (fictif)",
            "description": f"{FICTIF} Une ligne par bâtiment et par mois, en kWh, comme un export du portail client du "
            "fournisseur d'électricité. Défauts volontaires : le compteur du gymnase est tombé en panne de mars à "
            "juin 2023 (les lignes manquent) ; quelques relevés sont estimés.",
            **commun,
            "dialect": {"delimiter": ","},
            "sources": [source_generateur],
            "schema": "energie/releves_electricite.schema.json",
            "defauts": [
                "L'unité (kWh) n'est pas dans le nom de la colonne consommation mais dans une colonne à part, "
                "« unite » ; elle diffère de celle du fichier du gaz (MWh).",
                "Le compteur d'électricité du gymnase est tombé en panne de mars à juin 2023 : ces quatre mois "
                "n'ont aucune ligne, le total de 2023 du gymnase est donc trop bas.",
                "Quelques relevés sont estimés par le fournisseur (type_releve = « estimé »).",
                "L'éclairage public n'est pas un bâtiment : il n'a pas de surface.",
            ],
        },
        {
            "name": "energie-releves-gaz",
            "path": "energie/releves_gaz.csv",
            "title": f"Consommation mensuelle de gaz des bâtiments de {COMMUNE['nom']}, 2021-2024 (fictif)",
            "description": f"{FICTIF} Une ligne par bâtiment et par mois, en MWh (et non en kWh comme l'électricité), "
            "repris des factures du fournisseur de gaz. Défauts volontaires : des relevés estimés, dont trois mois "
            "sous-estimés à la salle des fêtes, rattrapés au relevé réel suivant.",
            **commun,
            "dialect": {"delimiter": ","},
            "sources": [source_generateur],
            "schema": "energie/releves_gaz.schema.json",
            "defauts": [
                "La consommation est en MWh, alors que celle de l'électricité est en kWh : il faut convertir "
                "(1 MWh = 1 000 kWh) avant d'additionner.",
                "Les relevés de gaz de la salle des fêtes de novembre 2023 à janvier 2024 sont des estimations "
                "très en dessous de la réalité ; le relevé réel de février 2024 rattrape d'un coup l'écart : "
                "un pic qui n'est pas une fuite, et qui déplace de la consommation de 2023 vers 2024.",
                "D'autres relevés sont estimés (type_releve = « estimé »).",
            ],
        },
        {
            "name": "energie-secteurs",
            "path": "energie/consommation_secteurs.csv",
            "title": f"Consommation annuelle d'électricité et de gaz par secteur à {COMMUNE['nom']}, 2021-2023 (fictif)",
            "description": f"{FICTIF} Même forme que la publication de l'Agence ORE « consommation annuelle "
            "d'électricité et de gaz par commune et par secteur d'activité » : séparateur point-virgule, "
            "consommation en MWh, nombre de points de livraison, indice de qualité. Les valeurs couvertes par le "
            "secret statistique sont écrites « secret » ou « s », comme dans les fichiers réels.",
            **commun,
            "dialect": {"delimiter": ";"},
            "sources": [
                source_generateur,
                {"title": "Modèle : Agence ORE, consommation annuelle d'électricité et gaz par commune et par secteur "
                 "d'activité", "path": "https://opendata.agenceore.fr"},
            ],
            "schema": "energie/consommation_secteurs.schema.json",
            "defauts": [
                "Séparateur point-virgule, comme dans les fichiers publiés.",
                "Valeurs masquées par le secret statistique, écrites « secret » (électricité) ou « s » (gaz) : "
                "ce ne sont pas des zéros, la somme des valeurs visibles n'est qu'un minimum.",
                "L'agriculture est visible en électricité en 2021 et 2022, puis masquée en 2023 (moins de points "
                "de livraison) : la série a un trou.",
                "« Electricité » est écrit sans accent, comme dans les fichiers réels.",
            ],
        },
        {
            "name": "energie-dju",
            "path": "energie/dju.csv",
            "title": f"Degrés-jours unifiés (DJU) mensuels de la station météo de {COMMUNE['nom']}, 2021-2024 (fictif)",
            "description": f"{FICTIF} Degrés-jours de chauffage, base 18 °C, mois par mois, avec la valeur normale "
            "de chaque mois (le climat de référence). Ils mesurent la rigueur de l'hiver, pour corriger les "
            "consommations de chauffage des variations du climat avant de comparer deux années. Inventés en "
            "cohérence avec les relevés de gaz du chapitre : 2022 très douce, 2023 et 2024 plus douces que 2021.",
            **commun,
            "dialect": {"delimiter": ","},
            "sources": [
                source_generateur,
                {"title": "Modèle : degrés-jours unifiés (DJU) de Météo-France, base 18 °C, méthode « Météo », "
                 "par station", "path": "https://meteofrance.com"},
                {"title": "Pourquoi : arrêté du 10 avril 2020 (décret tertiaire), ajustement des consommations en "
                 "fonction des variations climatiques", "path": "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000041842389"},
            ],
            "schema": "energie/dju.schema.json",
        },
    ]


def mettre_a_jour_datapackage(chemin: Path) -> None:
    """Replace this chapter's resources (name ``energie-*``) in datapackage.json, keep the rest as is."""
    remplacer_ressources(ressources(), chemin, prefixe="energie-")


def generer(dossier: Path = DOSSIER, datapackage: Path | None = ICI / "datapackage.json") -> None:
    rng = np.random.default_rng(GRAINE)
    dossier.mkdir(parents=True, exist_ok=True)
    _ecrire(
        dossier / "batiments.csv",
        [
            {"batiment_id": i, "nom": n, "usage": u, "surface_m2": s or "", "annee_construction": a or "", "adresse": ad}
            for i, n, u, s, a, ad, _e, _g in BATIMENTS
        ],
        ["batiment_id", "nom", "usage", "surface_m2", "annee_construction", "adresse"],
    )
    elec, gaz = generer_releves(rng)
    cols = ["batiment_id", "mois", "consommation", "unite", "type_releve"]
    _ecrire(
        dossier / "releves_electricite.csv",
        [{**r, "consommation": f"{r['valeur']:.0f}", "unite": "kWh"} for r in elec],
        cols,
    )
    _ecrire(
        dossier / "releves_gaz.csv",
        [{**r, "consommation": f"{r['valeur']:.3f}", "unite": "MWh"} for r in gaz],
        cols,
    )
    _ecrire(
        dossier / "consommation_secteurs.csv",
        generer_secteurs(rng),
        ["operateur", "annee", "filiere", "code_commune", "libelle_commune", "code_grand_secteur",
         "libelle_grand_secteur", "conso", "pdl", "indqual"],
        sep=";",
    )
    _ecrire(dossier / "dju.csv", generer_dju(), ["mois", "dju", "dju_normale"])
    for nom, schema in schemas().items():
        ecrire_json(dossier / nom, schema)
    if datapackage is not None:
        mettre_a_jour_datapackage(datapackage)


if __name__ == "__main__":
    generer()
    print(f"Données du chapitre « énergie » écrites dans {DOSSIER}", file=sys.stderr)
