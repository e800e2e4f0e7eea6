"""The one list of the course's datasets: what each is, who reads it, where its real counterpart is.

``JEUX`` declares every resource of ``datasets/datapackage.json`` once: its name, whether it is
fictional, its licence, the function that reads it, and — for the files a commune can bring —
the « votre commune » theme and role, the file names looked for in ``donnees-commune/<code>/``
and the official source that ``telecharger`` downloads. Everything else is derived:

- the « votre commune » themes (``THEMES`` in ``commune.py``) come from ``themes()``;
- the official sources (``telecharger``) come from ``sources_officielles()``;
- ``datasets/datapackage.json`` (written by ``datasets/catalogue.py``, read by frictionless) is
  checked against it (``verifier_datapackage``).

``lire_manifeste`` is the one reader of ``manifeste.json`` (the downloads' record).
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from donnees_en_main.donnees import ErreurDonnees

__all__ = [
    "FORMATS_CONNUS",
    "JEUX",
    "TITRES_THEMES",
    "Jeu",
    "Lecteur",
    "Role",
    "Theme",
    "jeu",
    "lire_manifeste",
    "reconnaitre",
    "ressemble",
    "sources_officielles",
    "themes",
    "verifier_datapackage",
]

LICENCE_OUVERTE = "etalab-2.0"
NOM_MANIFESTE = "manifeste.json"


@dataclass(frozen=True)
class Lecteur:
    """A reader: ``fonction`` (« module:name ») called with the path, then ``options``.

    ``code_commune``: the reader takes ``code_insee=`` to keep one commune of a bigger file.
    ``resultat``: how to get the table out of what the function returns (« [0] » for a
    (table, notes) pair, « .tableau » for an object), « » when it is the table itself.
    """

    fonction: str
    options: tuple[tuple[str, object], ...] = ()
    code_commune: bool = False
    resultat: str = ""

    def __call__(self, chemin, code_insee=None):
        module, nom = self.fonction.split(":")
        fonction = getattr(importlib.import_module(module), nom)
        options = dict(self.options)
        if self.code_commune and code_insee is not None:
            options["code_insee"] = code_insee
        sortie = fonction(chemin, **options)
        if self.resultat == "[0]":
            tableau, notes = sortie
            tableau.attrs.setdefault("notes", notes)
            return tableau
        if self.resultat.startswith("."):
            return getattr(sortie, self.resultat[1:])
        return sortie


TABLEUR = Lecteur("donnees_en_main.donnees:lire_csv_tableur", resultat="[0]")


@dataclass(frozen=True)
class Jeu:
    """One dataset of the course (one resource of datapackage.json)."""

    nom: str
    fictif: bool = True
    licence: str = LICENCE_OUVERTE
    # The reader of a file laid out like this dataset (a commune's own file). None: read it as a
    # spreadsheet export, then typed after the dataset's schema (donnees.lire_comme).
    lecteur: Lecteur | None = None
    # True: the course's own file is read with ``charger`` (its schema), not with ``lecteur``.
    charger_le_fictif: bool = True
    # The columns of the reader's table a workshop computes with, checked on a commune's file before
    # anything is computed (``donnees.exiger_colonnes``); () when the reader checks them itself.
    colonnes_atelier: tuple[str, ...] = ()
    # The level of detail a workshop needs (« bureau »: one row per polling station), checked like the columns on
    # a commune's file read by a reader that says its level (``attrs["niveau"]``); "" when any level will do.
    niveau_atelier: str = ""
    # « votre commune »: theme, role, French title of the role, names looked for, optional file.
    theme: str | None = None
    role: str | None = None
    titre_role: str = ""
    noms: tuple[str, ...] = ()
    facultatif: bool = False
    # Roles of one « ensemble » describe the same things (a commune's buildings and their readings): they come all
    # from the commune or all from the fictional commune, never mixed (fictional gas readings under the commune's
    # buildings would be silently wrong).
    ensemble: str = ""
    # The official file ``telecharger`` fetches for a commune (keys of a source: titre, editeur,
    # licence, page, url, fichier, filtre, remarque), or None.
    source: dict | None = field(default=None, hash=False, compare=False)

    def lire(self, chemin=None, code_insee=None):
        """This dataset's file (the course's one without ``chemin``) as a table."""
        from donnees_en_main.donnees import charger, chemin as chemin_ressource, lire_comme

        if chemin is None and (self.charger_le_fictif or self.lecteur is None):
            return charger(self.nom)
        chemin = chemin if chemin is not None else chemin_ressource(self.nom)
        if self.lecteur is None:
            return lire_comme(chemin, self.nom, code_insee=code_insee)
        tableau = self.lecteur(chemin, code_insee)
        if self.colonnes_atelier:
            from donnees_en_main.donnees import exiger_colonnes

            exiger_colonnes(tableau.columns, self.colonnes_atelier, Path(chemin).name, self.nom)
        niveau = tableau.attrs.get("niveau")
        if self.niveau_atelier and niveau and niveau != self.niveau_atelier:
            ou = f" : {self.source['page']}" if self.source and self.source.get("page") else ""
            raise ErreurDonnees(
                f"Votre fichier {Path(chemin).name} donne les résultats par {niveau}, une ligne par {niveau} ; cet atelier "
                f"a besoin du fichier par {self.niveau_atelier} de vote de la même élection (une ligne par "
                f"{self.niveau_atelier}), publié par le ministère de l'Intérieur sur data.gouv.fr{ou}. Il se télécharge "
                "aussi, filtré sur votre commune, avec « python -m donnees_en_main telecharger <code INSEE> »."
            )
        return tableau


@dataclass(frozen=True)
class Role:
    """One file of a « votre commune » theme (derived from ``JEUX``)."""

    titre: str
    ressource: str
    noms: tuple[str, ...]
    facultatif: bool = False
    ensemble: str = ""


@dataclass(frozen=True)
class Theme:
    titre: str
    roles: dict[str, Role]
    melange: bool  # may the commune's files be completed by fictional ones?


# Theme -> (French title, may the commune's files be completed by the fictional commune's?).
TITRES_THEMES: dict[str, tuple[str, bool]] = {
    "cantine": ("la cantine", True),
    "energie": ("l'énergie", True),
    # one election of the commune next to a fictional one would mislead
    "elections": ("les élections", False),
}

_MINISTERE = "Ministère de l'Intérieur et des Outre-mer"
_LICENCE_OUVERTE_TITRE = "Licence Ouverte / Open Licence version 2.0"
_RESULTATS = Lecteur("donnees_en_main.chapitres.elections:lire_resultats", code_commune=True)

JEUX: tuple[Jeu, ...] = (
    # -- cantine
    Jeu("menus-cantine", lecteur=Lecteur("donnees_en_main.donnees.scdl:lire_scdl", (("schema", "menus-collectifs"),),
                                         resultat=".tableau"),
        colonnes_atelier=("menuRestaurantNom", "menuDate", "menuPlatNom"),  # cantine.ipynb: « une ligne par plat »
        theme="cantine", role="menus", titre_role="menus de la cantine (schéma menus-collectifs)",
        noms=("menus-cantine",),
        source={
            "titre": "Menus de la restauration collective de la commune (schéma SCDL menus-collectifs)",
            "editeur": "Votre commune, ou le prestataire de sa restauration scolaire",
            "licence": "Celle que choisit la commune (le plus souvent la Licence Ouverte 2.0)",
            "page": "https://schema.data.gouv.fr/scdl/menus-collectifs/",
            "url": None,
            "fichier": "menus-cantine.csv",
            "remarque": "Il n'existe pas de fichier national des menus : demandez le fichier au service de "
                        "restauration, ou cherchez sur data.gouv.fr un jeu de données de votre commune conforme au "
                        "schéma menus-collectifs, puis déposez-le sous ce nom.",
        }),
    Jeu("menus-cantine-export-tableur", lecteur=TABLEUR, charger_le_fictif=False,
        theme="cantine", role="export", titre_role="export des menus depuis un tableur",
        noms=("menus-cantine-export-tableur", "menus-cantine")),
    Jeu("achats-cantines", theme="cantine", role="achats", titre_role="achats des cantines (part de bio)",
        noms=("achats-cantines",)),
    # -- energie
    Jeu("energie-releves-electricite",
        lecteur=Lecteur("donnees_en_main.chapitres.energie:lire_releves", (("energie", "électricité"),)),
        charger_le_fictif=False, theme="energie", role="electricite",
        titre_role="relevés d'électricité des bâtiments", noms=("energie-releves-electricite",), ensemble="batiments"),
    Jeu("energie-releves-gaz", lecteur=Lecteur("donnees_en_main.chapitres.energie:lire_releves", (("energie", "gaz"),)),
        charger_le_fictif=False, theme="energie", role="gaz", titre_role="relevés de gaz des bâtiments",
        noms=("energie-releves-gaz",), ensemble="batiments"),
    Jeu("energie-batiments", lecteur=Lecteur("donnees_en_main.chapitres.energie:charger_batiments"),
        charger_le_fictif=False, theme="energie", role="batiments",
        titre_role="liste des bâtiments et leurs surfaces", noms=("energie-batiments",), ensemble="batiments"),
    Jeu("energie-secteurs", lecteur=Lecteur("donnees_en_main.chapitres.energie:lire_consommations_ore", code_commune=True),
        charger_le_fictif=False, theme="energie", role="secteurs",
        titre_role="consommation par secteur (Agence ORE)", noms=("energie-secteurs",),
        source={
            "titre": "Consommation annuelle d'électricité et de gaz par commune et par secteur d'activité (agrégée "
                     "par commune)",
            "editeur": "Agence ORE (Agence des Opérateurs de Réseaux d'Énergie)",
            "licence": "Licence ouverte indiquée sur la page du jeu de données (à vérifier avant de republier)",
            "page": "https://opendata.agenceore.fr/explore/dataset/conso-elec-gaz-annuelle-par-secteur-dactivite-"
                    "agregee-commune/",
            "url": "https://opendata.agenceore.fr/api/explore/v2.1/catalog/datasets/conso-elec-gaz-annuelle-par-"
                   "secteur-dactivite-agregee-commune/exports/csv?where=code_commune%3D%22{code_insee}%22&delimiter=%3B",
            "fichier": "energie-secteurs.csv",
            "filtre": {"type": "colonne", "colonnes": ["code_commune", "Code Commune"]},
            "remarque": "Données publiées en application de l'article 179 de la loi n° 2015-992 du 17 août 2015 "
                        "(transition énergétique) et du décret n° 2016-973 du 18 juillet 2016. Export filtré par le "
                        "serveur de l'Agence ORE (une colonne par secteur : consoa, pdla…) ; le fichier national "
                        "complet pèse plusieurs centaines de mégaoctets.",
        }),
    Jeu("energie-dju", lecteur=Lecteur("donnees_en_main.chapitres.energie:lire_dju"), charger_le_fictif=False),
    # -- elections
    Jeu("elections-presidentielle-2022-t1-bureaux", lecteur=_RESULTATS, charger_le_fictif=False, niveau_atelier="bureau",
        theme="elections", role="presidentielle-2022-t1",
        titre_role="présidentielle 2022, 1er tour, par bureau de vote",
        noms=("elections-presidentielle-2022-t1-bureaux",),
        source={
            "titre": "Élection présidentielle des 10 et 24 avril 2022 : résultats définitifs du 1er tour par bureau "
                     "de vote",
            "editeur": _MINISTERE,
            "licence": _LICENCE_OUVERTE_TITRE,
            "page": "https://www.data.gouv.fr/fr/datasets/election-presidentielle-des-10-et-24-avril-2022-resultats-"
                    "definitifs-du-1er-tour/",
            "url": "https://www.data.gouv.fr/fr/datasets/r/79b5cac4-4957-486b-bbda-322d80868224",
            "fichier": "elections-presidentielle-2022-t1-bureaux.txt",
            "filtre": {"type": "elections"},
            "remarque": "Fichier national d'environ 36 Mo (latin-1, « ; », en-tête qui ne nomme que le premier "
                        "candidat) ; lien permanent data.gouv.fr de la ressource « resultats-par-niveau-burvot-t1-"
                        "france-entiere.txt ».",
        }),
    Jeu("elections-legislatives-2024-t1-bureaux", lecteur=_RESULTATS, charger_le_fictif=False, niveau_atelier="bureau",
        theme="elections", role="legislatives-2024-t1",
        titre_role="législatives 2024, 1er tour, par bureau de vote",
        noms=("elections-legislatives-2024-t1-bureaux",),
        source={
            "titre": "Élections législatives des 30 juin et 7 juillet 2024 : résultats définitifs du 1er tour par "
                     "bureau de vote",
            "editeur": _MINISTERE,
            "licence": _LICENCE_OUVERTE_TITRE,
            "page": "https://www.data.gouv.fr/fr/datasets/elections-legislatives-des-30-juin-et-7-juillet-2024-"
                    "resultats-definitifs-du-1er-tour/",
            "url": "https://static.data.gouv.fr/resources/elections-legislatives-des-30-juin-et-7-juillet-2024-"
                   "resultats-definitifs-du-1er-tour/20240710-171445/resultats-definitifs-par-bureau-de-vote.csv",
            "fichier": "elections-legislatives-2024-t1-bureaux.csv",
            "filtre": {"type": "elections"},
            "remarque": "Fichier national (UTF-8, « ; », un bloc numéroté par candidat) ; adresse horodatée du "
                        "fichier déposé sur static.data.gouv.fr, qui ne change pas.",
        }),
    Jeu("elections-presidentielle-2022-t1"),
    Jeu("elections-legislatives-2024-t1"),
    Jeu("elections-bureaux", theme="elections", role="bureaux",
        titre_role="lieux des bureaux de vote", noms=("elections-bureaux",), facultatif=True),
    # -- formats, répondre à un citoyen
    Jeu("formats-communes-codes-postaux"),
    Jeu("subventions", lecteur=Lecteur("donnees_en_main.chapitres.repondre_citoyen:lire_subventions")),
    Jeu("deliberations"),
    Jeu("annuaire-associations"),
    # -- ouvrir les données de la commune
    Jeu("ouvrir-inventaire"),
    Jeu("ouvrir-catalogue"),
    Jeu("ouvrir-catalogue-brouillon", lecteur=TABLEUR, charger_le_fictif=False),
    # -- appel à projets et observatoire (fictional drinking water of four communes)
    Jeu("observatoire-eau-potable"),
)


@dataclass(frozen=True)
class FormatConnu:
    """A layout met in the wild, recognised by its columns, with what to do with such a file."""

    titre: str
    colonnes: tuple[str, ...]  # all present (compared without case, accents or punctuation)
    conseil: str


FORMATS_CONNUS: tuple[FormatConnu, ...] = (
    FormatConnu("l'export open data de ma-cantine (télédéclarations EGalim, une ligne par cantine)",
                ("canteen_city_insee_code", "teledeclaration_ratio_bio"),
                "lisez-le avec donnees_en_main.donnees.ma_cantine.lire_ma_cantine(fichier, code_insee=CODE_INSEE), qui "
                "garde les cantines de votre commune ; il donne des parts d'achats bio (de 0 à 1), pas les montants en "
                "euros qu'attend ce fichier"),
    FormatConnu("un fichier de subventions au format national (SCDL subventions)", ("nomBeneficiaire", "montant"),
                "lisez-le avec donnees_en_main.chapitres.repondre_citoyen.lire_subventions(fichier)"),
    FormatConnu("un fichier de subventions à l'ancien format national (2016-2017)", ("ATTRIB_NOM", "SUB_MONTANT"),
                "lisez-le avec donnees_en_main.chapitres.repondre_citoyen.lire_subventions(fichier)"),
    FormatConnu("des menus au format national (SCDL menus-collectifs)", ("menuCollNom", "menuRestaurantNom"),
                "déposez-le sous le nom menus-cantine.csv"),
    FormatConnu("un fichier de consommation d'énergie par secteur (Agence ORE ou SDES)", ("conso", "pdl"),
                "lisez-le avec donnees_en_main.chapitres.energie.lire_consommations_ore(fichier), ou déposez-le sous "
                "le nom energie-secteurs.csv"),
    FormatConnu("des résultats électoraux du ministère de l'Intérieur", ("Inscrits", "Votants"),
                "lisez-le avec donnees_en_main.chapitres.elections.lire_resultats(fichier)"),
)


def reconnaitre(colonnes, sauf: str = "") -> FormatConnu | None:
    """The known layout a file's columns look like, or None; ``sauf``: skip the layouts whose advice names
    this reader (the one that is refusing the file)."""
    from donnees_en_main.donnees import cle_entete

    cles = {cle_entete(c) for c in colonnes}
    return next((f for f in FORMATS_CONNUS if {cle_entete(c) for c in f.colonnes} <= cles
                 and not (sauf and sauf in f.conseil)), None)


def ressemble(colonnes, sauf: str = "") -> str:
    """« Ce fichier ressemble à … : what to do with it. » for a file given to the wrong reader, or ""."""
    connu = reconnaitre(colonnes, sauf)
    return f" Ce fichier ressemble à {connu.titre} : {connu.conseil}." if connu else ""


def jeu(nom: str) -> Jeu:
    """The declaration of the dataset ``nom``, or of the « votre commune » role « theme:role »."""
    for j in JEUX:
        if j.nom == nom or (j.theme and f"{j.theme}:{j.role}" == nom):
            return j
    raise ErreurDonnees(
        f"Aucun jeu de données ne s'appelle « {nom} » dans le catalogue du cours. Les noms disponibles sont : "
        + ", ".join(f"« {j.nom} »" for j in JEUX) + "."
    )


def themes() -> dict[str, Theme]:
    """The « votre commune » themes, in the order of ``TITRES_THEMES``, roles in the order of ``JEUX``."""
    return {
        nom: Theme(titre, {j.role: Role(j.titre_role, j.nom, j.noms, j.facultatif, j.ensemble) for j in JEUX if j.theme == nom},
                   melange)
        for nom, (titre, melange) in TITRES_THEMES.items()
    }


def sources_officielles() -> list[dict]:
    """The official files ``telecharger`` knows, as its sources: id, theme and the declared keys."""
    return [{"id": j.nom, "theme": j.theme, **j.source} for j in JEUX if j.source is not None]


def verifier_datapackage(paquet: dict, *, complet: bool = True) -> list[str]:
    """What disagrees between a datapackage (dict) and ``JEUX``: French sentences, [] when all agree.

    ``complet=False``: only check the resources of ``paquet`` (a generator writing its own chapter's).
    """
    problemes = []
    ressources = {r.get("name"): r for r in paquet.get("resources", [])}
    declares = {j.nom: j for j in JEUX}
    for nom in ressources.keys() - declares.keys():
        problemes.append(f"La ressource « {nom} » de datapackage.json n'est pas déclarée dans JEUX "
                         "(donnees_en_main/donnees/catalogue.py).")
    for nom in (declares.keys() - ressources.keys()) if complet else ():
        problemes.append(f"Le jeu « {nom} » déclaré dans JEUX n'est pas dans datapackage.json.")
    for nom in sorted(declares.keys() & ressources.keys()):
        r, j = ressources[nom], declares[nom]
        if r.get("fictif") is not j.fictif:
            problemes.append(f"« {nom} » : fictif = {r.get('fictif')!r} dans datapackage.json, {j.fictif!r} dans JEUX.")
        licences = [l.get("name") for l in r.get("licenses", [])]
        if licences != [j.licence]:
            problemes.append(f"« {nom} » : licence {licences} dans datapackage.json, « {j.licence} » dans JEUX.")
    return problemes


def lire_manifeste(dossier: Path) -> dict:
    """The ``manifeste.json`` of a commune's folder: {"fichiers": [...], ...}; empty when absent or unreadable."""
    try:
        contenu = json.loads((Path(dossier) / NOM_MANIFESTE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"fichiers": []}
    if not isinstance(contenu, dict) or not isinstance(contenu.get("fichiers"), list):
        return {"fichiers": []}
    contenu["fichiers"] = [f for f in contenu["fichiers"] if isinstance(f, dict)]
    return contenu
