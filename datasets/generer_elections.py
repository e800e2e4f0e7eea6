"""Generate the fictional election results of the « elections » chapter (deterministic, seeded).

    .venv/bin/python datasets/generer_elections.py

Writes datasets/elections/ and (re)writes only the ``elections-*`` resources of
datasets/datapackage.json, leaving every other entry untouched.

The commune, its polling stations, its candidates and their votes are invented. Only the files'
**format** is real: each election is written exactly the way the Ministère de l'Intérieur publishes
its « résultats par bureau de vote » on data.gouv.fr that year:

- présidentielle 2022, 1st round: latin-1, ``;``, comma decimals, headers « Code du département »,
  « Code du b.vote », « % Abs/Ins »…, the commune's code on 3 characters, and a header that names only
  the first candidate block (N°Panneau, Sexe, Nom, Prénom, Voix, % Voix/Ins, % Voix/Exp) while every
  row carries one such block per candidate — a header narrower than its rows;
- législatives 2024, 1st round: UTF-8, ``;``, the 2024 headers (« Code département », « Code BV »,
  « % Abstentions »…), the full INSEE code, numbered blocks (« Numéro de panneau 1 »…) with a nuance
  and an « Elu » column, percentages written « 43,52% », and empty blocks padding every row.

From each official-format file the project's own loader (``donnees_en_main.chapitres.elections.lire_resultats``)
derives the tidy table (one row per bureau x candidate) shipped next to it.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np

ICI = Path(__file__).resolve().parent
DOSSIER = ICI / "elections"
GRAINE = 20220410  # the day of the 2022 presidential election's first round
CREE_LE = "2026-11-26"

# The course's fictional commune: the canteen chapter's (one source for its name and INSEE code).
sys.path.insert(0, str(ICI))
from catalogue import ecrire_json, remplacer_ressources  # noqa: E402
from generer_cantine import COMMUNE_INSEE, COMMUNE_NOM  # noqa: E402

# Départements along the Loire, for the files' « Libellé du département » column.
DEPARTEMENTS_LOIRE = {"37": "Indre-et-Loire", "41": "Loir-et-Cher", "44": "Loire-Atlantique", "45": "Loiret",
                      "49": "Maine-et-Loire"}
COMMUNE = {
    "nom": COMMUNE_NOM,
    "code_insee": COMMUNE_INSEE,
    "departement": COMMUNE_INSEE[:2],
    "libelle_departement": DEPARTEMENTS_LOIRE[COMMUNE_INSEE[:2]],
    "circonscription": "04",
    "libelle_circonscription": "4ème circonscription",
}

# code, polling place, address, neighbourhood, inscrits in 2022, turnout in 2022 and in 2024
# (expected values; the counts are drawn around them). Two small rural bureaux vote a lot, the big
# social-housing neighbourhood little: the mean of the bureaux' turnouts overstates the commune's.
BUREAUX = [
    ("0001", "Hôtel de ville, salle du conseil", "1 place de la Mairie", "Centre-bourg", 1184, 0.765, 0.705),
    ("0002", "École élémentaire des Tilleuls", "12 rue des Tilleuls", "Les Tilleuls", 1322, 0.745, 0.69),
    ("0003", "Salle des fêtes", "3 rue du Marché", "Le Port", 961, 0.72, 0.665),
    ("0004", "Gymnase des Sablons", "2 chemin des Sablons", "Les Sablons", 1453, 0.585, 0.525),
    ("0005", "École maternelle des Coquelicots", "4 allée des Coquelicots", "La Croix-Verte", 1048, 0.75, 0.685),
    ("0006", "Mairie annexe de Saint-Firmin", "1 route de Saint-Firmin", "Saint-Firmin (hameau)", 382, 0.845, 0.80),
    ("0007", "Salle communale des Grèves", "chemin des Grèves", "Les Grèves (hameau)", 287, 0.86, 0.815),
]

# Fictional candidates. (panneau, sexe, nom, prénom, nuance, share of exprimés in the commune,
# {bureau: factor} where the candidate does better or worse than elsewhere).
ELECTIONS = {
    "presidentielle-2022-t1": {
        "titre": "Élection présidentielle 2022, 1er tour",
        "date": "2022-04-10",
        "format": "2022",
        "blancs": 0.016,
        "nuls": 0.007,
        "candidats": [
            (1, "F", "MARCHAND", "Élodie", "", 0.27, {"0004": 0.85, "0006": 0.8, "0007": 0.8}),
            (2, "M", "BERTIN", "Paul", "", 0.22, {"0006": 1.6, "0007": 1.7, "0004": 0.7}),
            (3, "F", "LEROUX", "Nadia", "", 0.17, {"0004": 1.9, "0006": 0.6, "0007": 0.5}),
            (4, "M", "FAURE", "Thierry", "", 0.11, {"0001": 1.2}),
            (5, "F", "CHEVALIER", "Sophie", "", 0.08, {"0003": 1.3}),
            (6, "M", "GAUTHIER", "Karim", "", 0.07, {}),
            (7, "F", "RENAUD", "Lucie", "", 0.05, {"0002": 1.2}),
            (8, "M", "PICARD", "Yves", "", 0.03, {}),
        ],
    },
    "legislatives-2024-t1": {
        "titre": "Élections législatives 2024, 1er tour",
        "date": "2024-06-30",
        "format": "2024",
        "blancs": 0.019,
        "nuls": 0.009,
        "blocs": 7,  # the real 2024 file pads every row up to the largest number of candidates
        "candidats": [
            (1, "M", "BRUNEAU", "Olivier", "DVD", 0.31, {"0006": 1.4, "0007": 1.4, "0004": 0.7}),
            (2, "F", "LAMBERT", "Camille", "ECO", 0.24, {"0003": 1.2}),
            (3, "M", "N'DIAYE", "Moussa", "DVG", 0.21, {"0004": 1.7, "0007": 0.6}),
            (4, "F", "COLLIN", "Anne", "DVC", 0.17, {"0001": 1.2}),
            (5, "M", "MOREL", "Jean", "DIV", 0.07, {}),
        ],
    },
}

FICTIF = (
    f"Données fictives : la commune de {COMMUNE['nom']}, ses bureaux de vote, ses candidats et leurs voix "
    "sont inventés. Seul le format du fichier est réel."
)


# --- Simulation --------------------------------------------------------------------------------


def simuler(rng: np.random.Generator) -> dict[str, list[dict]]:
    """Counts per bureau for each election: inscrits, votants, blancs, nuls, exprimés, voix."""
    resultats: dict[str, list[dict]] = {}
    evolution_inscrits = rng.normal(1.015, 0.02, len(BUREAUX))
    for nom_election, e in ELECTIONS.items():
        lignes = []
        for i, (code, _lieu, _adr, _quartier, inscrits_2022, p2022, p2024) in enumerate(BUREAUX):
            inscrits = inscrits_2022 if e["format"] == "2022" else int(round(inscrits_2022 * evolution_inscrits[i]))
            p = p2022 if e["format"] == "2022" else p2024
            votants = int(rng.binomial(inscrits, p))
            blancs = int(rng.binomial(votants, e["blancs"]))
            nuls = int(rng.binomial(votants - blancs, e["nuls"]))
            exprimes = votants - blancs - nuls
            parts = np.array([c[5] * c[6].get(code, 1.0) for c in e["candidats"]])
            parts = rng.dirichlet(400 * parts / parts.sum())
            voix = rng.multinomial(exprimes, parts)
            lignes.append(
                {
                    "code_bureau": code,
                    "inscrits": inscrits,
                    "abstentions": inscrits - votants,
                    "votants": votants,
                    "blancs": blancs,
                    "nuls": nuls,
                    "exprimes": exprimes,
                    "voix": [int(v) for v in voix],
                }
            )
        resultats[nom_election] = lignes
    return resultats


# --- Writing the official formats ----------------------------------------------------------------


def _pct(n: int, d: int, signe: str = "") -> str:
    """Percentage as the ministry writes it: two decimals, comma ('22,39', or '22,39%' in 2024)."""
    return f"{100 * n / d:.2f}".replace(".", ",") + signe if d else "0,00" + signe


ENTETE_2022 = [
    "Code du département", "Libellé du département", "Code de la circonscription",
    "Libellé de la circonscription", "Code de la commune", "Libellé de la commune", "Code du b.vote",
    "Inscrits", "Abstentions", "% Abs/Ins", "Votants", "% Vot/Ins", "Blancs", "% Blancs/Ins",
    "% Blancs/Vot", "Nuls", "% Nuls/Ins", "% Nuls/Vot", "Exprimés", "% Exp/Ins", "% Exp/Vot",
]
BLOC_2022 = ["N°Panneau", "Sexe", "Nom", "Prénom", "Voix", "% Voix/Ins", "% Voix/Exp"]

ENTETE_2024 = [
    "Code département", "Libellé département", "Code commune", "Libellé commune", "Code BV",
    "Inscrits", "Votants", "% Votants", "Abstentions", "% Abstentions", "Exprimés",
    "% Exprimés/inscrits", "% Exprimés/votants", "Blancs", "% Blancs/inscrits", "% Blancs/votants",
    "Nuls", "% Nuls/inscrits", "% Nuls/votants",
]
BLOC_2024 = [
    "Numéro de panneau {i}", "Nuance candidat {i}", "Nom candidat {i}", "Prénom candidat {i}",
    "Sexe candidat {i}", "Voix {i}", "% Voix/inscrits {i}", "% Voix/exprimés {i}", "Elu {i}",
]


def lignes_format_2022(election: dict, bureaux: list[dict]) -> list[list[str]]:
    lignes = [ENTETE_2022 + BLOC_2022]  # only the first candidate block is named
    for b in bureaux:
        i, a, v, bl, nu, ex = (b[k] for k in ("inscrits", "abstentions", "votants", "blancs", "nuls", "exprimes"))
        ligne = [
            COMMUNE["departement"], COMMUNE["libelle_departement"], COMMUNE["circonscription"],
            COMMUNE["libelle_circonscription"], COMMUNE["code_insee"][2:], COMMUNE["nom"], b["code_bureau"],
            str(i), str(a), _pct(a, i), str(v), _pct(v, i), str(bl), _pct(bl, i), _pct(bl, v),
            str(nu), _pct(nu, i), _pct(nu, v), str(ex), _pct(ex, i), _pct(ex, v),
        ]
        for c, voix in zip(election["candidats"], b["voix"]):
            ligne += [str(c[0]), c[1], c[2], c[3], str(voix), _pct(voix, i), _pct(voix, ex)]
        lignes.append(ligne)
    return lignes


def lignes_format_2024(election: dict, bureaux: list[dict]) -> list[list[str]]:
    n = election["blocs"]
    entete = ENTETE_2024 + [t.format(i=k) for k in range(1, n + 1) for t in BLOC_2024]
    lignes = [entete]
    sexes = {"F": "FEMININ", "M": "MASCULIN"}
    for b in bureaux:
        i, a, v, bl, nu, ex = (b[k] for k in ("inscrits", "abstentions", "votants", "blancs", "nuls", "exprimes"))
        ligne = [
            COMMUNE["departement"], COMMUNE["libelle_departement"], COMMUNE["code_insee"], COMMUNE["nom"],
            b["code_bureau"], str(i), str(v), _pct(v, i, "%"), str(a), _pct(a, i, "%"), str(ex),
            _pct(ex, i, "%"), _pct(ex, v, "%"), str(bl), _pct(bl, i, "%"), _pct(bl, v, "%"),
            str(nu), _pct(nu, i, "%"), _pct(nu, v, "%"),
        ]
        for c, voix in zip(election["candidats"], b["voix"]):
            ligne += [str(c[0]), c[4], c[2], c[3], sexes[c[1]], str(voix), _pct(voix, i, "%"), _pct(voix, ex, "%"), ""]
        ligne += [""] * (len(BLOC_2024) * (n - len(election["candidats"])))
        lignes.append(ligne)
    return lignes


def _ecrire_lignes(chemin: Path, lignes: list[list[str]], encodage: str) -> None:
    with chemin.open("w", encoding=encodage, newline="") as f:
        csv.writer(f, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerows(lignes)



# --- Table Schemas ---------------------------------------------------------------------------------

MOTIF_INSEE = "^([013-9][0-9]|2[AB1-9])[0-9]{3}$"


def schema_long() -> dict:
    def entier(nom, titre, description):
        return {"name": nom, "title": titre, "type": "integer", "description": description,
                "constraints": {"required": True, "minimum": 0}}

    return {
        "title": "Résultats d'une élection par bureau de vote et par candidat (table « longue »)",
        "description": "Une ligne par bureau de vote et par candidat. Les comptes du bureau (inscrits, votants…) "
        "se répètent sur la ligne de chacun de ses candidats. Produit par donnees_en_main.chapitres.elections.lire_resultats "
        "à partir du fichier au format du ministère de l'Intérieur ; les pourcentages ne sont pas repris : "
        "on les recalcule à partir des comptes.",
        "fields": [
            {"name": "code_departement", "title": "Code du département", "type": "string",
             "description": "Texte sur 2 ou 3 caractères : « 01 », « 2A », « 971 ».", "constraints": {"required": True}},
            {"name": "code_commune", "title": "Code INSEE de la commune", "type": "string",
             "description": "Texte sur 5 caractères (et non le code postal) : « 45999 », « 2A004 ».",
             "constraints": {"required": True, "pattern": MOTIF_INSEE}},
            {"name": "libelle_commune", "title": "Nom de la commune", "type": "string"},
            {"name": "code_bureau", "title": "Code du bureau de vote", "type": "string",
             "description": "Texte sur 4 caractères : « 0001 » (un tableur en ferait le nombre 1).",
             "constraints": {"required": True, "pattern": "^[0-9]{4}$"}},
            entier("inscrits", "Inscrits", "Électeurs inscrits sur la liste électorale du bureau."),
            entier("abstentions", "Abstentions", "Inscrits qui n'ont pas voté (inscrits − votants)."),
            entier("votants", "Votants", "Électeurs qui ont voté (signé la liste d'émargement)."),
            entier("blancs", "Bulletins blancs", "Décomptés à part depuis 2014, ils ne sont pas des suffrages exprimés."),
            entier("nuls", "Bulletins nuls", "Bulletins non valables ; ils ne sont pas des suffrages exprimés."),
            entier("exprimes", "Suffrages exprimés", "Votants − blancs − nuls : le dénominateur des scores des candidats."),
            {"name": "numero_panneau", "title": "Numéro de panneau", "type": "integer",
             "constraints": {"required": True, "minimum": 1}},
            {"name": "sexe", "title": "Sexe du candidat", "type": "string", "constraints": {"enum": ["F", "M"]}},
            {"name": "nom", "title": "Nom du candidat", "type": "string", "constraints": {"required": True}},
            {"name": "prenom", "title": "Prénom du candidat", "type": "string"},
            {"name": "nuance", "title": "Nuance politique", "type": "string",
             "description": "Code de nuance attribué par le ministère (législatives) ; vide pour la présidentielle."},
            {"name": "candidat", "title": "Candidat (prénom et nom)", "type": "string", "constraints": {"required": True}},
            entier("voix", "Voix", "Voix obtenues par le candidat dans le bureau."),
        ],
        "primaryKey": ["code_bureau", "numero_panneau"],
        "missingValues": [""],
    }


def schema_bureaux() -> dict:
    return {
        "title": "Bureaux de vote de la commune",
        "fields": [
            {"name": "code_bureau", "title": "Code du bureau de vote", "type": "string",
             "constraints": {"required": True, "unique": True, "pattern": "^[0-9]{4}$"}},
            {"name": "lieu_de_vote", "title": "Lieu de vote", "type": "string", "constraints": {"required": True}},
            {"name": "adresse", "title": "Adresse", "type": "string"},
            {"name": "quartier", "title": "Quartier ou hameau", "type": "string"},
        ],
        "primaryKey": ["code_bureau"],
        "missingValues": [""],
    }


def schema_format_officiel(election: dict) -> dict:
    """Table Schema of an official-format file: every column of every candidate block, in order.

    The 2022 file's header names only the first block, so its resource reads the file without
    taking the header row for names (``dialect.header = false``, first row skipped as a comment
    row) and this schema gives every column a name: « Voix (2) » is the 2nd candidate's Voix.
    """
    if election["format"] == "2022":
        fixes = ENTETE_2022
        blocs = [[t if k == 1 else f"{t} ({k})" for t in BLOC_2022] for k in range(1, len(election["candidats"]) + 1)]
    else:
        fixes = ENTETE_2024
        blocs = [[t.format(i=k) for t in BLOC_2024] for k in range(1, election["blocs"] + 1)]
    entiers = {"Inscrits", "Abstentions", "Votants", "Blancs", "Nuls", "Exprimés"}
    champs = []
    for nom in fixes + [n for bloc in blocs for n in bloc]:
        base = nom.split(" (")[0]
        if base in entiers or base.startswith("Voix") or base.startswith("N°Panneau") or base.startswith("Numéro"):
            champs.append({"name": nom, "type": "integer"})
        else:
            champs.append({"name": nom, "type": "string"})
    return {
        "title": f"{election['titre']} : fichier au format du ministère de l'Intérieur",
        "description": "Colonnes fixes, puis un bloc de colonnes par candidat, répété. Les pourcentages sont du "
        "texte avec une virgule décimale (« 22,39 »" + ("%" if election["format"] == "2024" else "") + "), "
        "comme dans le fichier publié.",
        "fields": champs,
        "missingValues": [""],
    }


# --- datapackage.json --------------------------------------------------------------------------------


def ressources() -> list[dict]:
    licence = [{"name": "etalab-2.0", "title": "Licence Ouverte / Open Licence version 2.0",
                "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}]
    generateur = {"title": "Généré par datasets/generer_elections.py (graine fixe)", "path": "generer_elections.py"}
    commun = {"format": "csv", "mediatype": "text/csv", "licenses": licence, "created": CREE_LE,
              "fictif": True, "nature": "fictif — exemple réaliste"}
    modele_2022 = {
        "title": "Modèle du format : ministère de l'Intérieur, « Élection présidentielle des 10 et 24 avril 2022 — "
        "Résultats définitifs du 1er tour par bureaux de vote », data.gouv.fr",
        "path": "https://www.data.gouv.fr/fr/datasets/election-presidentielle-des-10-et-24-avril-2022-resultats-definitifs-du-1er-tour/",
    }
    modele_2024 = {
        "title": "Modèle du format : ministère de l'Intérieur, « Élections législatives des 30 juin et 7 juillet 2024 — "
        "Résultats définitifs du 1er tour », data.gouv.fr",
        "path": "https://www.data.gouv.fr/fr/datasets/elections-legislatives-des-30-juin-et-7-juillet-2024-resultats-definitifs-du-1er-tour/",
    }
    p22, l24 = ELECTIONS["presidentielle-2022-t1"], ELECTIONS["legislatives-2024-t1"]
    return [
        {
            "name": "elections-presidentielle-2022-t1-bureaux",
            "path": "elections/presidentielle-2022-t1-bureaux.csv",
            "title": f"{p22['titre']} à {COMMUNE['nom']}, par bureau de vote, format du ministère (fictif)",
            "description": f"{FICTIF} Fichier écrit exactement comme le ministère de l'Intérieur publiait ses résultats "
            "par bureau de vote en 2022 : encodage latin-1, séparateur point-virgule, virgule décimale, une ligne par "
            "bureau, colonnes fixes puis un bloc de 7 colonnes par candidat (N°Panneau, Sexe, Nom, Prénom, Voix, "
            "% Voix/Ins, % Voix/Exp) répété 8 fois. Seul le premier bloc a des titres : la ligne de titres est plus "
            "courte que les lignes de données. Le code de la commune y est sur 3 caractères (sans le département) et "
            "le code du bureau sur 4 (« 0001 »). Pour l'analyser, le lire avec "
            "donnees_en_main.chapitres.elections.lire_resultats, qui en tire la table longue elections-presidentielle-2022-t1.",
            **commun,
            "encoding": "latin-1",
            "dialect": {"delimiter": ";", "header": False, "commentRows": [1]},
            "sources": [generateur, modele_2022],
            "schema": "elections/presidentielle-2022-t1-bureaux.schema.json",
        },
        {
            "name": "elections-legislatives-2024-t1-bureaux",
            "path": "elections/legislatives-2024-t1-bureaux.csv",
            "title": f"{l24['titre']} à {COMMUNE['nom']}, par bureau de vote, format du ministère (fictif)",
            "description": f"{FICTIF} Fichier écrit comme le ministère de l'Intérieur publie ses résultats par bureau de "
            "vote depuis 2024 : encodage UTF-8, séparateur point-virgule, nouveaux titres (« Code département », "
            "« Code BV », « % Abstentions »…), code INSEE complet, un bloc de 9 colonnes numérotées par candidat "
            "(« Numéro de panneau 1 », « Nuance candidat 1 »… « Elu 1 »), pourcentages écrits « 43,52% ». Chaque ligne "
            "est complétée par des blocs vides, comme dans le fichier national où le nombre de candidats varie d'une "
            "circonscription à l'autre. Table longue tirée par lire_resultats : elections-legislatives-2024-t1.",
            **commun,
            "encoding": "utf-8",
            "dialect": {"delimiter": ";"},
            "sources": [generateur, modele_2024],
            "schema": "elections/legislatives-2024-t1-bureaux.schema.json",
        },
        {
            "name": "elections-presidentielle-2022-t1",
            "path": "elections/presidentielle-2022-t1-long.csv",
            "title": f"{p22['titre']} à {COMMUNE['nom']} : une ligne par bureau et par candidat (fictif)",
            "description": f"{FICTIF} Table « longue » (tidy) tirée du fichier au format du ministère "
            "(elections-presidentielle-2022-t1-bureaux) par donnees_en_main.chapitres.elections.lire_resultats : une ligne par "
            "bureau de vote et par candidat, codes en texte (« 0001 », « 45999 »), comptes en nombres entiers, sans "
            "les pourcentages (à recalculer à partir des comptes).",
            **commun,
            "encoding": "utf-8",
            "dialect": {"delimiter": ","},
            "sources": [generateur],
            "schema": "elections/resultats-long.schema.json",
        },
        {
            "name": "elections-legislatives-2024-t1",
            "path": "elections/legislatives-2024-t1-long.csv",
            "title": f"{l24['titre']} à {COMMUNE['nom']} : une ligne par bureau et par candidat (fictif)",
            "description": f"{FICTIF} Table « longue » (tidy) tirée du fichier au format du ministère "
            "(elections-legislatives-2024-t1-bureaux) par donnees_en_main.chapitres.elections.lire_resultats ; mêmes colonnes "
            "que pour la présidentielle 2022, ce qui permet de comparer les deux élections bureau par bureau.",
            **commun,
            "encoding": "utf-8",
            "dialect": {"delimiter": ","},
            "sources": [generateur],
            "schema": "elections/resultats-long.schema.json",
        },
        {
            "name": "elections-bureaux",
            "path": "elections/bureaux.csv",
            "title": f"Bureaux de vote de {COMMUNE['nom']} (fictif)",
            "description": f"{FICTIF} Une ligne par bureau de vote : code (texte sur 4 caractères), lieu de vote, "
            "adresse, quartier. Les fichiers du ministère ne donnent que le code du bureau : cette table permet "
            "d'afficher le nom du lieu.",
            **commun,
            "encoding": "utf-8",
            "dialect": {"delimiter": ","},
            "sources": [generateur],
            "schema": "elections/bureaux.schema.json",
        },
    ]


def mettre_a_jour_datapackage(chemin: Path) -> None:
    """Replace this chapter's resources (name ``elections-*``) in datapackage.json, keep the rest as is."""
    remplacer_ressources(ressources(), chemin, prefixe="elections-")


# --- Main --------------------------------------------------------------------------------------------


def generer(dossier: Path = DOSSIER, datapackage: Path | None = ICI / "datapackage.json") -> dict[str, list[dict]]:
    """Write every file of the chapter into `dossier`; return the simulated counts (the truth)."""
    from donnees_en_main.chapitres.elections import lire_resultats

    dossier.mkdir(parents=True, exist_ok=True)
    verite = simuler(np.random.default_rng(GRAINE))
    for nom, election in ELECTIONS.items():
        brut = dossier / f"{nom}-bureaux.csv"
        if election["format"] == "2022":
            _ecrire_lignes(brut, lignes_format_2022(election, verite[nom]), "latin-1")
        else:
            _ecrire_lignes(brut, lignes_format_2024(election, verite[nom]), "utf-8")
        ecrire_json(dossier / f"{nom}-bureaux.schema.json", schema_format_officiel(election))
        long = lire_resultats(brut)
        long.to_csv(dossier / f"{nom}-long.csv", index=False, encoding="utf-8", lineterminator="\n")
    with (dossier / "bureaux.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code_bureau", "lieu_de_vote", "adresse", "quartier"])
        w.writerows([b[:4] for b in BUREAUX])
    ecrire_json(dossier / "resultats-long.schema.json", schema_long())
    ecrire_json(dossier / "bureaux.schema.json", schema_bureaux())
    if datapackage is not None:
        mettre_a_jour_datapackage(datapackage)
    return verite


if __name__ == "__main__":
    generer()
    print(f"Données du chapitre « élections » écrites dans {DOSSIER}", file=sys.stderr)
