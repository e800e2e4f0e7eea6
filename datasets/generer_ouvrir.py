"""Generate the fictional data of the « ouvrir » chapter (deterministic, no randomness).

    .venv/bin/python datasets/generer_ouvrir.py

Writes, in datasets/ouvrir/:

- ``inventaire-donnees.csv``: the inventory of the datasets the fictional commune holds (one row
  per dataset: service, current format, requests received in a year, whether the commune's legal
  service classed it as to be published, effort, personal data, national schema);
- ``catalogue.csv``: the commune's catalogue of its first published datasets, laid out like the
  SCDL « catalogue simplifié » schema (OpenDataFrance, version 0.1.3), and its Table Schema;
- ``catalogue-brouillon.csv``: the same catalogue as first typed in a spreadsheet, with the
  defects the validator finds (listed in its ``defauts``).

and (re)writes only the ``ouvrir-*`` resources of datasets/datapackage.json.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ICI = Path(__file__).resolve().parent
DOSSIER = ICI / "ouvrir"
DATAPACKAGE = ICI / "datapackage.json"
CREE_LE = "2026-12-03"

sys.path.insert(0, str(ICI))
from catalogue import LICENCE_ETALAB, ecrire_json, remplacer_ressources  # noqa: E402
from generer_cantine import COLLECTIVITE, COMMUNE_NOM  # noqa: E402

# --- the inventory ---------------------------------------------------------------------------
COLONNES_INVENTAIRE = ["jeu", "service", "format_actuel", "mise_a_jour", "demandes_an", "publication_obligatoire",
                       "effort", "donnees_personnelles", "schema_national"]
# (dataset, service, current format, update, requests a year, to publish by law (as classed by the
# commune), effort, personal data, national schema)
INVENTAIRE = [
    ("Menus de la restauration scolaire", "Restauration scolaire", "logiciel de restauration", "hebdomadaire",
     14, "oui", "faible", "non", "menus-collectifs"),
    ("Subventions versées aux associations", "Vie associative", "tableur", "annuelle", 9, "oui", "faible", "non",
     "subventions"),
    ("Horaires d'ouverture des services municipaux", "Accueil", "page du site internet", "irrégulière", 7, "oui",
     "faible", "non", ""),
    ("Délibérations du conseil municipal", "Secrétariat général", "PDF", "mensuelle", 6, "oui", "moyen", "non",
     "deliberations"),
    ("Équipements publics (salles, gymnases, terrains)", "Services techniques", "tableur", "irrégulière", 5, "oui",
     "faible", "non", "equipements"),
    ("Budget primitif et compte administratif", "Finances", "logiciel de comptabilité", "annuelle", 4, "oui",
     "moyen", "non", "budget"),
    ("Annuaire des associations", "Vie associative", "tableur", "annuelle", 3, "oui", "moyen", "oui", ""),
    ("Consommations d'énergie des bâtiments", "Services techniques", "tableur", "mensuelle", 2, "oui", "moyen",
     "non", ""),
    ("Arbres d'alignement", "Espaces verts", "logiciel de cartographie", "annuelle", 2, "non", "moyen", "non", ""),
    ("Marchés publics attribués", "Commande publique", "profil d'acheteur", "continue", 1, "oui", "moyen", "non",
     ""),
    ("Inscriptions des familles à la cantine", "Restauration scolaire", "logiciel de restauration", "continue", 0,
     "non", "fort", "oui", ""),
    ("Registres d'état civil", "État civil", "logiciel d'état civil", "continue", 1, "non", "fort", "oui", ""),
]

# --- the catalogue (SCDL « catalogue simplifié » 0.1.3 layout) ---------------------------------
CHAMPS_CATALOGUE = [
    ("COLL_NOM", "string", {"required": True}, "Nom officiel de la collectivité qui publie le catalogue."),
    ("COLL_SIRET", "string", {"required": True, "pattern": r"^\d{14}$"},
     "SIRET de la collectivité : 14 chiffres, sans espace."),
    ("ID", "string", {"required": True}, "Identifiant du jeu de données (son nom court, ou son adresse)."),
    ("TITRE", "string", {"required": True}, "Titre précis du jeu de données, avec les mots du public."),
    ("DESCRIPTION", "string", {"required": True},
     "Ce que contient le jeu de données, qui le produit et comment : quelques phrases."),
    ("THEME", "string", {"required": True}, "Thème du jeu de données."),
    ("PRODUCTEUR_NOM", "string", {"required": True}, "Nom du producteur (la commune, ou son prestataire)."),
    ("PRODUCTEUR_SIRET", "string", {"required": True, "pattern": r"^\d{14}$"},
     "SIRET du producteur : 14 chiffres, sans espace."),
    ("COUV_SPAT_MAILLE", "string", {"required": True, "enum": [
        "Infracommunale", "Communale", "Intercommunale", "Cantonale", "Départementale", "Régionale", "Autre"]},
     "Échelle du territoire couvert."),
    ("COUV_SPAT_NOM", "string", {"required": True}, "Nom du territoire couvert."),
    ("COUV_TEMP_DEBUT", "date", {"required": True}, "Début de la période couverte (AAAA-MM-JJ)."),
    ("COUV_TEMP_FIN", "date", {"required": True}, "Fin de la période couverte (AAAA-MM-JJ)."),
    ("DATE_PUBL", "date", {"required": True}, "Date de la première publication (AAAA-MM-JJ)."),
    ("FREQ_MAJ", "string", {"required": True, "enum": [
        "Inconnue", "Ponctuelle", "Irrégulière", "Continuelle", "Toutes les heures",
        "Quotidienne ou plusieurs fois par jour", "Hebdomadaire ou plusieurs fois par semaine",
        "Mensuelle ou plusieurs fois par mois", "Bimestrielle", "Trimestrielle", "Semestrielle", "Annuelle",
        "Biennale", "Triennale", "Quinquennale"]},
     "Rythme prévu des mises à jour, dans la liste du schéma."),
    ("DATE_MAJ", "date", {"required": True}, "Date de la dernière mise à jour effective (AAAA-MM-JJ)."),
    ("MOTS_CLES", "string", {"required": True}, "Mots-clés en minuscules, séparés par des points-virgules."),
    ("LICENCE", "string", {"required": True, "enum": [
        "Licence Ouverte-LO", "Open Database License-ODBL", "Creative Commons-CC", "Spécifique ou autre"]},
     "Licence de réutilisation, dans la liste du schéma."),
    ("NOMBRE_RESSOURCES", "integer", {"required": True, "minimum": 1}, "Nombre de fichiers publiés."),
    ("FORMAT_RESSOURCES", "string", {"required": True}, "Format des fichiers (csv, json…)."),
    ("URL", "string", {"required": True}, "Adresse stable de la page du jeu de données."),
]
SIRET = COLLECTIVITE["siret"]
COLL = COLLECTIVITE["nom"]
PORTAIL = "https://www.data.gouv.fr/fr/datasets/"  # + a fictional slug


def _entree(id_, titre, description, theme, debut, fin, publ, freq, maj, mots, licence="Licence Ouverte-LO"):
    return {
        "COLL_NOM": COLL, "COLL_SIRET": SIRET, "ID": id_, "TITRE": titre, "DESCRIPTION": description,
        "THEME": theme, "PRODUCTEUR_NOM": COLL, "PRODUCTEUR_SIRET": SIRET, "COUV_SPAT_MAILLE": "Communale",
        "COUV_SPAT_NOM": COMMUNE_NOM, "COUV_TEMP_DEBUT": debut, "COUV_TEMP_FIN": fin, "DATE_PUBL": publ,
        "FREQ_MAJ": freq, "DATE_MAJ": maj, "MOTS_CLES": mots, "LICENCE": licence, "NOMBRE_RESSOURCES": "1",
        "FORMAT_RESSOURCES": "csv", "URL": PORTAIL + id_ + "/",
    }


CATALOGUE = [
    _entree("menus-restauration-scolaire-belval-sur-loire",
            f"Menus de la restauration scolaire de {COMMUNE_NOM}",
            "Menus servis dans les restaurants scolaires de la commune, une ligne par plat, au format national "
            "menus-collectifs. Produits par la cuisine centrale, publiés chaque semaine.",
            "Éducation", "2025-09-01", "2025-12-19", "2025-09-15", "Hebdomadaire ou plusieurs fois par semaine",
            "2025-12-15", "cantine;menus;restauration scolaire"),
    _entree("subventions-associations-belval-sur-loire",
            f"Subventions versées aux associations par la commune de {COMMUNE_NOM}",
            "Subventions attribuées par délibération du conseil municipal : bénéficiaire, objet, montant. "
            "Format national subventions.",
            "Vie associative", "2025-01-01", "2025-12-31", "2025-10-01", "Annuelle", "2025-10-01",
            "subventions;associations"),
    _entree("horaires-services-municipaux-belval-sur-loire",
            f"Horaires d'ouverture des services municipaux de {COMMUNE_NOM}",
            "Jours et heures d'ouverture de la mairie, de la médiathèque et des services municipaux.",
            "Services publics", "2025-09-01", "2026-08-31", "2025-09-15", "Irrégulière", "2025-11-03",
            "horaires;mairie;services publics"),
]

# The draft typed in a spreadsheet: (row index, field, wrong value, what is wrong) — the defects.
DEFAUTS = [
    (0, "DATE_PUBL", "15/09/2025", "date écrite à la française (jj/mm/aaaa) au lieu de aaaa-mm-jj"),
    (1, "DATE_PUBL", "01/10/2025", "date écrite à la française (jj/mm/aaaa) au lieu de aaaa-mm-jj"),
    (0, "FREQ_MAJ", "Chaque semaine", "fréquence écrite librement, absente de la liste du schéma"),
    (1, "LICENCE", "Licence Etalab", "nom courant de la licence, absent de la liste du schéma (« Licence Ouverte-LO »)"),
    (2, "COLL_SIRET", SIRET[:3] + " " + SIRET[3:6] + " " + SIRET[6:9] + " " + SIRET[9:],
     "SIRET écrit avec des espaces"),
    (2, "DESCRIPTION", "", "description obligatoire laissée vide"),
]


def brouillon() -> list[dict]:
    lignes = [dict(e) for e in CATALOGUE]
    for i, champ, valeur, _ in DEFAUTS:
        lignes[i][champ] = valeur
    return lignes


def schema_catalogue() -> dict:
    return {
        "title": "Catalogue des jeux de données d'une collectivité (disposition du schéma SCDL « catalogue » 0.1.3)",
        "description": (
            "Une ligne par jeu de données publié. Les noms de colonnes, les listes de valeurs et les motifs "
            "suivent le schéma « catalogue simplifié » du Socle commun des données locales (OpenDataFrance, "
            "version 0.1.3, publié sur schema.data.gouv.fr) ; les descriptions sont celles du cours."
        ),
        "fields": [{"name": n, "type": t, "constraints": c, "description": d,
                    **({"format": "%Y-%m-%d"} if t == "date" else {})}
                   for n, t, c, d in CHAMPS_CATALOGUE],
        "missingValues": [""],
    }


def schema_inventaire() -> dict:
    return {
        "title": "Inventaire des jeux de données d'une commune (schéma du cours)",
        "fields": [
            {"name": "jeu", "type": "string", "constraints": {"required": True}, "description": "Le jeu de données."},
            {"name": "service", "type": "string", "constraints": {"required": True},
             "description": "Le service qui le produit et le tient à jour."},
            {"name": "format_actuel", "type": "string", "description": "Où et sous quelle forme il existe aujourd'hui."},
            {"name": "mise_a_jour", "type": "string", "description": "Rythme de mise à jour."},
            {"name": "demandes_an", "type": "integer", "constraints": {"required": True, "minimum": 0},
             "description": "Demandes reçues en un an (habitants, associations, entreprises, journalistes)."},
            {"name": "publication_obligatoire", "type": "string", "constraints": {"enum": ["oui", "non"]},
             "description": "Classement fait par le service juridique de la commune (fictif) : à publier en "
                            "ligne d'office, oui ou non."},
            {"name": "effort", "type": "string", "constraints": {"enum": ["faible", "moyen", "fort"]},
             "description": "Travail estimé pour le publier proprement."},
            {"name": "donnees_personnelles", "type": "string", "constraints": {"enum": ["oui", "non"]},
             "description": "Le fichier contient-il des données personnelles ?"},
            {"name": "schema_national", "type": "string",
             "description": "Schéma national (SCDL) à suivre, s'il en existe un ; vide sinon."},
        ],
        "missingValues": [],
    }


def _sources(*autres) -> list[dict]:
    return [{"title": "Données fictives produites par le script datasets/generer_ouvrir.py", "path": "generer_ouvrir.py"},
            *autres]


_SCHEMA_SCDL = {"title": "Modèle : schéma SCDL « catalogue simplifié » 0.1.3 (OpenDataFrance, schema.data.gouv.fr)",
                "path": "https://schema.data.gouv.fr/scdl/catalogue/"}


def ressources_datapackage() -> list[dict]:
    commun = {"format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "dialect": {"delimiter": ","},
              "licenses": [LICENCE_ETALAB], "created": CREE_LE, "fictif": True, "nature": "fictif — exemple réaliste"}
    return [
        {
            "name": "ouvrir-inventaire", "path": "ouvrir/inventaire-donnees.csv",
            "title": f"Inventaire des jeux de données de la commune de {COMMUNE_NOM} (fictif)",
            "description": (
                f"Données fictives : l'inventaire des {len(INVENTAIRE)} jeux de données que détient la commune "
                "fictive du cours, fait avec ses services avant d'ouvrir ses données : qui le produit, sous "
                "quelle forme, combien de demandes il reçoit en un an, l'effort pour le publier, s'il contient "
                "des données personnelles, et le schéma national à suivre. La colonne publication_obligatoire "
                "est le classement fictif du service juridique de la commune, pas un avis juridique."
            ),
            "schema": "ouvrir/inventaire-donnees.schema.json", "sources": _sources(), **commun,
        },
        {
            "name": "ouvrir-catalogue", "path": "ouvrir/catalogue.csv",
            "title": f"Catalogue des jeux de données publiés par la commune de {COMMUNE_NOM} (fictif)",
            "description": (
                "Données fictives : les fiches des trois premiers jeux de données ouverts par la commune "
                "fictive, au format du schéma national « catalogue simplifié » du SCDL (version 0.1.3). Les "
                "adresses des jeux de données sont inventées. Il passe la validation sans erreur."
            ),
            "schema": "ouvrir/catalogue.schema.json", "sources": _sources(_SCHEMA_SCDL), **commun,
        },
        {
            "name": "ouvrir-catalogue-brouillon", "path": "ouvrir/catalogue-brouillon.csv",
            "title": f"Catalogue de la commune de {COMMUNE_NOM}, premier brouillon avec défauts (fictif)",
            "description": (
                "Données fictives : le même catalogue tel qu'il a d'abord été saisi dans un tableur, avec des "
                "défauts volontaires à repérer et corriger (liste « defauts »). Il échoue à la validation "
                "contre ouvrir/catalogue.schema.json, c'est voulu."
            ),
            "schema_attendu": "ouvrir/catalogue.schema.json",
            "defauts": [f"Ligne {i + 2}, colonne {champ} : {quoi}." for i, champ, _, quoi in DEFAUTS],
            "sources": _sources(_SCHEMA_SCDL), **commun,
        },
    ]


def _ecrire_csv(chemin: Path, colonnes: list[str], lignes: list[dict]) -> None:
    with chemin.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=colonnes, lineterminator="\n")
        w.writeheader()
        w.writerows(lignes)


def generer(dossier: Path = DOSSIER, datapackage: Path | None = DATAPACKAGE) -> None:
    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    _ecrire_csv(dossier / "inventaire-donnees.csv", COLONNES_INVENTAIRE,
                [dict(zip(COLONNES_INVENTAIRE, ligne)) for ligne in INVENTAIRE])
    ecrire_json(dossier / "inventaire-donnees.schema.json", schema_inventaire())
    colonnes = [c[0] for c in CHAMPS_CATALOGUE]
    _ecrire_csv(dossier / "catalogue.csv", colonnes, CATALOGUE)
    _ecrire_csv(dossier / "catalogue-brouillon.csv", colonnes, brouillon())
    ecrire_json(dossier / "catalogue.schema.json", schema_catalogue())
    if datapackage is not None:
        remplacer_ressources(ressources_datapackage(), datapackage, prefixe="ouvrir-")


if __name__ == "__main__":
    generer()
    print(f"Données du chapitre « ouvrir » écrites dans {DOSSIER}", file=sys.stderr)
