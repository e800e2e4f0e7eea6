"""Deterministic generator of the fictional data of the « repondre-citoyen » chapter.

Writes into ``datasets/repondre-citoyen/`` (or the folder given on the command line):

- ``subventions.csv``: the subsidies granted by the fictional commune of Belval-sur-Loire to its
  associations in 2023, 2024 and 2025, one row per beneficiary of a decision, following the SCDL
  ``subventions`` 2.1.1 schema (see ``subventions.schema.json``). Deliberate real-world traps:
  one big exceptional subsidy (a minibus for the football club), in-kind aid valued in euros,
  a subsidy shared by two beneficiaries (``montant`` is the total, ``pourcentageSubvention`` the
  share), the football club's name written two ways, one beneficiary without SIRET;
- ``deliberations.csv``: the town council's deliberations of the same years, following the SCDL
  ``deliberations`` 2.1.5 schema, with vote counts; subsidies point to them through
  ``referenceDecision`` = ``DELIB_ID``; the last session is not yet transmitted nor published;
- ``annuaire-associations.csv``: the commune's own directory of associations (RNA, SIRET, name,
  domain, members), which the national format does not carry.

Usage::

    python datasets/generer_repondre_citoyen.py          # rewrites datasets/repondre-citoyen/ and
                                                          # its entries of datasets/datapackage.json
    python datasets/generer_repondre_citoyen.py /tmp/x    # writes the CSV files into /tmp/x only

Everything is fictional: names, SIRET (Luhn-valid), RNA numbers, amounts, votes. Same seed,
same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

ICI = Path(__file__).resolve().parent
DOSSIER = ICI / "repondre-citoyen"
DATAPACKAGE = ICI / "datapackage.json"
GRAINE = 20251212  # the day the files were extracted
DATE_CREATION = "2026-11-27"
DATE_EXTRACTION = dt.date(2025, 12, 12)

FICHIER_SUBVENTIONS = "subventions.csv"
FICHIER_DELIBERATIONS = "deliberations.csv"
FICHIER_ANNUAIRE = "annuaire-associations.csv"

URL_SCDL_SUBVENTIONS = "https://schema.data.gouv.fr/scdl/subventions/2.1.1/"
URL_SCDL_DELIBERATIONS = "https://schema.data.gouv.fr/scdl/deliberations/2.1.5/"

# The course's fictional commune and its identifiers: the canteen chapter's (one source).
sys.path.insert(0, str(ICI))
from catalogue import LICENCE_ETALAB, remplacer_ressources  # noqa: E402
from generer_cantine import COLLECTIVITE, COMMUNE_INSEE, COMMUNE_NOM, cle_luhn, siret  # noqa: E402

SITE_COMMUNE = "https://www.belval-sur-loire.example"  # reserved top-level domain: never a real site
PREFECTURE = "PREF049"  # Maine-et-Loire, as coded in the SCDL (PREF + département on 3 characters)
ANNEES = (2023, 2024, 2025)

# A town of 5,000 to 9,999 inhabitants has 29 councillors (article L2121-2 of the CGCT).
CONSEILLERS = 29
OPPOSITION = 7  # seats of the two opposition lists

# --------------------------------------------------------------------------- associations


@dataclass
class Association:
    cle: str
    nom: str
    domaine: str
    adherents: int
    fonctionnement: tuple[int | None, int | None, int | None]  # operating subsidy per year
    a_un_siret: bool = True
    noms_anciens: dict[int, str] = field(default_factory=dict)  # name as written some years


ASSOCIATIONS = (
    Association("foot", "Football Club de Belval-sur-Loire", "sport", 285, (9500, 10000, 10500),
                noms_anciens={2023: "FOOTBALL CLUB BELVAL SUR LOIRE"}),
    Association("basket", "Belval Basket Club", "sport", 140, (4200, 4300, 4400)),
    Association("judo", "Judo Club belvalais", "sport", 120, (2800, 2800, 2900)),
    Association("tennis", "Tennis Club de Belval", "sport", 95, (1900, 1900, 2000)),
    Association("aviron", "Aviron Belval-Loire", "sport", 70, (2400, 2400, 2500)),
    Association("cyclo", "Entente cycliste Belval-Loire", "sport", 45, (1200, 1200, None)),
    Association("petanque", "Pétanque belvalaise", "sport", 60, (500, 500, 550)),
    Association("gym", "Gymnastique volontaire de Belval", "sport", 110, (900, 950, 950)),
    Association("fetes", "Comité des fêtes de Belval-sur-Loire", "fêtes et animations", 35, (6500, 6500, 6800)),
    Association("harmonie", "Harmonie de Belval", "culture", 40, (3200, 3200, 3300)),
    Association("theatre", "Théâtre du Port", "culture", 25, (None, None, None), a_un_siret=False),
    Association("mediatheque", "Les Amis de la médiathèque", "culture", 30, (600, 600, 650)),
    Association("musique", "École de musique des Coteaux", "culture", 160, (7500, 7700, 7900),
                noms_anciens={2023: "Ecole de musique des Coteaux"}),
    Association("epicerie", "Épicerie solidaire La Passerelle", "solidarité", 55, (5500, 5800, 6000)),
    Association("aines", "Club des aînés Les Tilleuls", "solidarité", 130, (800, 800, 850)),
    Association("entraide", "Entraide belvalaise", "solidarité", 40, (1500, 1600, 1600)),
    Association("sou", "Sou des écoles laïques de Belval", "école et jeunesse", 70, (1000, 1000, 1100)),
    Association("ape", "Parents d'élèves des Tilleuls", "école et jeunesse", 60, (None, 400, 400)),
    Association("jardins", "Les Jardins partagés du Port", "environnement", 40, (700, 700, 750)),
    Association("nature", "Loire Nature Belval", "environnement", 85, (1300, 1300, 1400)),
)
PAR_CLE = {a.cle: a for a in ASSOCIATIONS}


def identifiants(graine: int = GRAINE) -> dict[str, dict[str, str]]:
    """Fictional, well-formed identifiers of each association: RNA (W + 9 digits), SIRET (Luhn)."""
    rng = random.Random(graine)
    sortie = {}
    for a in ASSOCIATIONS:
        siren = "8" + "".join(str(rng.randrange(10)) for _ in range(7))
        siren += cle_luhn(siren)
        rna = "W49" + "".join(str(rng.randrange(10)) for _ in range(7))
        sortie[a.cle] = {"rna": rna, "siret": siret(siren, "0001") if a.a_un_siret else ""}
    return sortie


# --------------------------------------------------------------------------- council sessions

SEANCES = {
    2023: ("02-09", "03-30", "05-25", "07-06", "09-28", "11-23", "12-14"),
    2024: ("02-08", "03-28", "05-23", "07-04", "09-26", "11-21", "12-12"),
    2025: ("02-06", "03-27", "05-22", "07-03", "09-25", "11-20", "12-11"),
}

MATIERES = {
    "1.1": "commande publique/marchés publics",
    "2.1": "urbanisme/documents d'urbanisme",
    "3.1": "domaine et patrimoine/acquisitions",
    "3.3": "domaine et patrimoine/locations",
    "4.2": "fonction publique/personnel contractuel",
    "4.5": "fonction publique/régime indemnitaire",
    "5.2": "institutions et vie politique/fonctionnement des assemblées",
    "5.3": "institutions et vie politique/désignation de représentants",
    "5.7": "institutions et vie politique/intercommunalité",
    "7.1": "finances locales/décisions budgétaires",
    "7.2": "finances locales/fiscalité",
    "7.3": "finances locales/emprunts",
    "7.5": "finances locales/subventions",
    "7.10": "finances locales/divers",
    "8.1": "domaines de compétences par thèmes/enseignement",
    "8.3": "domaines de compétences par thèmes/voirie",
    "8.4": "domaines de compétences par thèmes/aménagement du territoire",
    "8.8": "domaines de compétences par thèmes/environnement",
    "8.9": "domaines de compétences par thèmes/culture",
    "9.4": "autres domaines de compétences/vœux et motions",
}

# How a deliberation was voted. "unanime": everyone for; "opposition": the opposition votes
# against; "abstention": the opposition abstains; "interesses": two councillors sitting on
# associations' boards do not take part (article L2131-11 of the CGCT), the others are for;
# "maire_sort": the mayor leaves the room for the accounts of their own management;
# a tuple (pour, contre, abstention): a given split vote, all 29 councillors voting.
# (session index, ACTES code, subject, vote, budget year offset or None, key)
ORDRE_DU_JOUR = (
    (0, "7.1", "Débat d'orientation budgétaire {a}", "unanime", 0, None),
    (0, "7.10", "Tarifs municipaux {a} (salles, cimetière, droits de place)", "abstention", None, None),
    (1, "7.1", "Compte administratif {p} du budget principal", "maire_sort", -1, None),
    (1, "7.2", "Vote des taux d'imposition {a}", "abstention", 0, None),
    (1, "7.1", "Budget primitif {a} du budget principal", "opposition", 0, None),
    (1, "7.5", "Attribution des subventions de fonctionnement aux associations pour {a}", "interesses", 0,
     "fonctionnement"),
    (1, "7.5", "Subvention au comité des fêtes pour la Fête de la Loire {a}", "unanime", 0, "fete"),
    (2, "8.1", "Tarifs de la restauration scolaire à la rentrée {a}", "opposition", None, None),
    (2, "4.2", "Recrutement d'agents contractuels pour les besoins saisonniers de l'été {a}", "unanime", None, None),
    (3, "7.1", "Décision modificative n° 1 de l'exercice {a}", "opposition", 0, None),
    (4, "1.1", "Adhésion au groupement de commandes départemental pour l'achat d'énergie", "unanime", None, None),
    (4, "7.5", "Subventions exceptionnelles et sur projet (rentrée {a})", "unanime", 0, "projets-automne"),
    (5, "4.5", "Mise à jour du régime indemnitaire des agents", "unanime", None, None),
    (5, "7.1", "Décision modificative n° 2 de l'exercice {a}", "opposition", 0, None),
    (6, "7.1", "Ouverture des crédits d'investissement avant le vote du budget {s}", "unanime", 1, None),
    (6, "3.3", "Conventions de mise à disposition des équipements sportifs aux associations pour {s}", "unanime",
     None, None),
)

# Subjects of one year only.
ORDRE_DU_JOUR_ANNUEL = {
    2023: (
        (2, "3.1", "Acquisition de la parcelle AB 112 en bord de Loire", "unanime", None, None),
        (4, "2.1", "Avis sur le projet de plan local d'urbanisme intercommunal", "abstention", None, None),
        (5, "9.4", "Vœu pour le maintien d'un accueil de proximité des finances publiques", "unanime", None, None),
        (5, "5.3", "Désignation d'un représentant au conseil d'école de l'école des Tilleuls", "unanime", None, None),
    ),
    2024: (
        (2, "7.5", "Subvention exceptionnelle d'investissement au Football Club de Belval-sur-Loire pour "
                   "l'achat d'un minibus", (20, 6, 3), 0, "minibus"),
        (2, "7.3", "Emprunt pour la rénovation de la toiture de l'école élémentaire", "opposition", 0, None),
        (3, "3.3", "Avenant à la convention de mise à disposition du stade des Sablons au Football Club",
         "unanime", None, None),
        (5, "8.3", "Programme de réfection de la voirie communale 2025", "unanime", None, None),
    ),
    2025: (
        (1, "7.5", "Subvention partagée pour le Tournoi de jeunes de la Loire (Pentecôte 2025)", "unanime", 0,
         "tournoi"),
        (2, "8.8", "Plan de gestion différenciée des espaces verts", "unanime", None, None),
        (4, "8.9", "Convention avec l'école de musique des Coteaux pour l'éveil musical en maternelle",
         "unanime", None, None),
        (5, "7.5", "Lancement d'une concertation avec les associations et les habitants sur les critères "
                   "d'attribution des subventions", (22, 0, 7), None, "concertation"),
        (5, "5.2", "Modification du règlement intérieur du conseil municipal", "abstention", None, None),
        (6, "8.4", "Étude de réaménagement des bords de Loire : lancement de la concertation préalable",
         "opposition", None, None),
    ),
}


def _votes(rng: random.Random, mode) -> tuple[int, int, int, int]:
    """(VOTE_REEL, VOTE_POUR, VOTE_CONTRE, VOTE_ABSTENTION) for a vote mode."""
    if isinstance(mode, tuple):
        pour, contre, abstention = mode
        return pour + contre + abstention, pour, contre, abstention
    absents_majorite = rng.choice((0, 0, 1, 1, 2, 3))
    absents_opposition = rng.choice((0, 0, 0, 1, 2))
    opposition = OPPOSITION - absents_opposition
    reel = CONSEILLERS - absents_majorite - absents_opposition  # present or represented by a proxy
    if mode == "unanime":
        return reel, reel, 0, 0
    if mode == "opposition":
        return reel, reel - opposition, opposition, 0
    if mode == "abstention":
        return reel, reel - opposition, 0, opposition
    if mode == "interesses":
        return reel - 2, reel - 2, 0, 0
    if mode == "maire_sort":
        return reel - 1, reel - 1 - opposition, 0, opposition
    raise ValueError(f"mode de vote inconnu : {mode!r}")


@dataclass
class Deliberation:
    id: str
    date: dt.date
    code: str
    objet: str
    budget: int | None
    cle: str | None
    votes: tuple[int, int, int, int]


def deliberations(graine: int = GRAINE) -> list[Deliberation]:
    """The council's deliberations of 2023-2025, numbered in order within each year."""
    rng = random.Random(graine + 1)
    sortie = []
    for annee in ANNEES:
        sujets = sorted(ORDRE_DU_JOUR + ORDRE_DU_JOUR_ANNUEL[annee], key=lambda s: s[0])  # stable
        for numero, (seance, code, objet, mode, decalage, cle) in enumerate(sujets, start=1):
            date = dt.date.fromisoformat(f"{annee}-{SEANCES[annee][seance]}")
            texte = objet.format(a=annee, p=annee - 1, s=annee + 1)
            budget = None if decalage is None else annee + decalage
            sortie.append(Deliberation(f"{annee}-{numero:03d}", date, code, texte, budget,
                                       f"{cle}-{annee}" if cle else None, _votes(rng, mode)))
    return sortie


def lignes_deliberations(delibs: list[Deliberation], graine: int = GRAINE) -> list[dict]:
    rng = random.Random(graine + 2)
    derniere_seance = max(d.date for d in delibs)
    lignes = []
    for d in delibs:
        transmise = d.date < derniere_seance  # the last session is not transmitted yet
        reel, pour, contre, abstention = d.votes
        lignes.append({
            "COLL_NOM": COLLECTIVITE["nom"],
            "COLL_SIRET": COLLECTIVITE["siret"],
            "DELIB_ID": d.id,
            "DELIB_DATE": d.date.isoformat(),
            "DELIB_MATIERE_CODE": d.code,
            "DELIB_MATIERE_NOM": MATIERES[d.code],
            "DELIB_OBJET": d.objet,
            "BUDGET_ANNEE": str(d.budget) if d.budget else "",
            "BUDGET_NOM": "Budget principal" if d.budget else "",
            "PREF_ID": PREFECTURE if transmise else "",
            "PREF_DATE": (d.date + dt.timedelta(days=rng.randint(2, 6))).isoformat() if transmise else "",
            "VOTE_EFFECTIF": CONSEILLERS,
            "VOTE_REEL": reel,
            "VOTE_POUR": pour,
            "VOTE_CONTRE": contre,
            "VOTE_ABSTENTION": abstention,
            "DELIB_URL": f"{SITE_COMMUNE}/deliberations/{d.id}.pdf" if transmise else "",
        })
    return lignes


# --------------------------------------------------------------------------- subsidies


@dataclass
class Subvention:
    cle_delib: str  # key of the deciding deliberation (see ORDRE_DU_JOUR), "" if none
    beneficiaires: tuple[tuple[str, float], ...]  # (association key, share)
    annee: int
    objet: str
    montant: float
    nature: str = "aide en numéraire"


def subventions() -> list[Subvention]:
    """Every subsidy of 2023-2025: yearly operating ones, projects, exceptional and in-kind aid."""
    liste = []
    for a in ASSOCIATIONS:
        for annee, montant in zip(ANNEES, a.fonctionnement):
            if montant:
                liste.append(Subvention(f"fonctionnement-{annee}", ((a.cle, 1.0),), annee,
                                        f"Subvention de fonctionnement {annee}", montant))
    for annee, montant in zip(ANNEES, (9000, 9500, 10000)):
        liste.append(Subvention(f"fete-{annee}", (("fetes", 1.0),), annee,
                                f"Organisation de la Fête de la Loire {annee}", montant))
    liste += [
        Subvention("projets-automne-2023", (("aviron", 1.0),), 2023, "Remplacement d'un bateau d'initiation", 3500),
        Subvention("projets-automne-2023", (("sou", 1.0),), 2023, "Classe de découverte à la mer des CM2", 2400),
        Subvention("projets-automne-2023", (("aines", 1.0),), 2023, "Sortie annuelle des aînés", 700),
        Subvention("minibus-2024", (("foot", 1.0),), 2024,
                   "Achat d'un minibus de neuf places pour le transport des équipes de jeunes", 32000),
        Subvention("projets-automne-2024", (("epicerie", 1.0),), 2024, "Achat d'une chambre froide", 4800),
        Subvention("projets-automne-2024", (("judo", 1.0),), 2024, "Organisation du tournoi départemental de judo",
                   1200),
        Subvention("projets-automne-2024", (("nature", 1.0),), 2024, "Animations nature dans les écoles", 1800),
        Subvention("tournoi-2025", (("foot", 0.6), ("fetes", 0.4)), 2025,
                   "Organisation du Tournoi de jeunes de la Loire (Pentecôte 2025)", 5000),
        Subvention("projets-automne-2025", (("sou", 1.0),), 2025, "Classe de découverte à la mer des CM2", 2600),
        Subvention("projets-automne-2025", (("harmonie", 1.0),), 2025, "Achat d'instruments pour les élèves", 2500),
        Subvention("projets-automne-2025", (("basket", 1.0),), 2025,
                   "Montée en championnat régional : frais de déplacement", 2000),
        Subvention("projets-automne-2025", (("gym", 1.0),), 2025, "Achat de matériel de gymnastique douce", 900),
    ]
    # In-kind aid, valued in euros (the budget's annex lists it with the subsidies).
    for annee, valeur in zip(ANNEES, (8640, 8820, 9000)):
        liste.append(Subvention("", (("foot", 1.0),), annee,
                                f"Mise à disposition gratuite du stade des Sablons et de ses vestiaires "
                                f"(valorisation {annee})", valeur, "aide en nature"))
    for annee, valeur in zip(ANNEES, (3100, 3200, 3300)):
        liste.append(Subvention("", (("fetes", 1.0),), annee,
                                f"Prêt de la salle des fêtes, de barnums et de matériel (valorisation {annee})",
                                valeur, "aide en nature"))
    for annee, valeur in zip(ANNEES, (1450, 1500, 1550)):
        liste.append(Subvention("", (("theatre", 1.0),), annee,
                                f"Mise à disposition de la salle des fêtes pour les répétitions et deux "
                                f"représentations (valorisation {annee})", valeur, "aide en nature"))
    return liste


COLONNES_SUBVENTIONS = (
    "nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision", "nomBeneficiaire",
    "idBeneficiaire", "rnaBeneficiaire", "objet", "montant", "nature", "conditionsVersement",
    "datesPeriodeVersement", "idRAE", "notificationUE", "pourcentageSubvention", "dispositifAide",
)


def lignes_subventions(delibs: list[Deliberation], graine: int = GRAINE) -> list[dict]:
    rng = random.Random(graine + 3)
    ids = identifiants(graine)
    par_cle = {d.cle: d for d in delibs if d.cle}
    lignes = []
    for s in subventions():
        delib = par_cle.get(s.cle_delib)
        if s.nature == "aide en nature":
            date_convention = dt.date(s.annee, 1, rng.randint(5, 20))  # yearly use agreement
            conditions = "autre : mise à disposition tout au long de l'année"
            periode = f"{s.annee}-01-01/{s.annee}-12-31"
        else:
            date_convention = delib.date + dt.timedelta(days=rng.randint(6, 24))
            if s.montant >= 5000:
                conditions = "échelonné"
                debut = date_convention + dt.timedelta(days=rng.randint(7, 20))
                fin = min(dt.date(s.annee, 10, 31), DATE_EXTRACTION)
                if fin <= debut:
                    fin = debut + dt.timedelta(days=60)
                periode = f"{debut.isoformat()}/{fin.isoformat()}"
            else:
                conditions = "unique"
                periode = (date_convention + dt.timedelta(days=rng.randint(7, 30))).isoformat()
        for cle, part in s.beneficiaires:
            a = PAR_CLE[cle]
            lignes.append({
                "nomAttribuant": COLLECTIVITE["nom"],
                "idAttribuant": COLLECTIVITE["siret"],
                "dateConvention": date_convention.isoformat(),
                "referenceDecision": delib.id if delib else "",
                "nomBeneficiaire": a.noms_anciens.get(s.annee, a.nom),
                "idBeneficiaire": ids[cle]["siret"],
                "rnaBeneficiaire": ids[cle]["rna"],
                "objet": s.objet,
                "montant": f"{s.montant:.2f}",
                "nature": s.nature,
                "conditionsVersement": conditions,
                "datesPeriodeVersement": periode,
                "idRAE": "",
                "notificationUE": "non",
                "pourcentageSubvention": f"{part:.2f}",
                "dispositifAide": "",
            })
    lignes.sort(key=lambda ligne: (ligne["dateConvention"], ligne["referenceDecision"], ligne["nomBeneficiaire"]))
    return lignes


COLONNES_ANNUAIRE = ("rna", "siret", "nom", "domaine", "adherents")


def lignes_annuaire(graine: int = GRAINE) -> list[dict]:
    ids = identifiants(graine)
    return [
        {"rna": ids[a.cle]["rna"], "siret": ids[a.cle]["siret"], "nom": a.nom, "domaine": a.domaine,
         "adherents": a.adherents}
        for a in sorted(ASSOCIATIONS, key=lambda a: (a.domaine, a.nom))
    ]


# --------------------------------------------------------------------------- writing


def _csv(lignes: list[dict], colonnes) -> bytes:
    tampon = io.StringIO()
    ecrivain = csv.DictWriter(tampon, fieldnames=list(colonnes), lineterminator="\n")
    ecrivain.writeheader()
    ecrivain.writerows(lignes)
    return tampon.getvalue().encode("utf-8")


def generer(dossier: Path | str = DOSSIER, graine: int = GRAINE) -> dict:
    """Write the three CSV files into ``dossier``; return their row counts."""
    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    delibs = deliberations(graine)
    subs = lignes_subventions(delibs, graine)
    dels = lignes_deliberations(delibs, graine)
    annuaire = lignes_annuaire(graine)
    (dossier / FICHIER_SUBVENTIONS).write_bytes(_csv(subs, COLONNES_SUBVENTIONS))
    (dossier / FICHIER_DELIBERATIONS).write_bytes(_csv(dels, dels[0].keys()))
    (dossier / FICHIER_ANNUAIRE).write_bytes(_csv(annuaire, COLONNES_ANNUAIRE))
    return {"subventions": len(subs), "deliberations": len(dels), "annuaire": len(annuaire)}


# --------------------------------------------------------------------------- data package

SOURCE_GENERATEUR = {
    "title": "Données fictives produites par le script datasets/generer_repondre_citoyen.py (graine fixe)",
    "path": "generer_repondre_citoyen.py",
}
NATURE_FICTIVE = "fictif — exemple réaliste"


def ressources_datapackage() -> list[dict]:
    """The descriptors of the chapter's three resources, as written in datapackage.json."""
    commun = {
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "licenses": [LICENCE_ETALAB],
        "created": DATE_CREATION,
        "fictif": True,
        "nature": NATURE_FICTIVE,
    }
    dossier = DOSSIER.name
    return [
        {
            "name": "subventions",
            "path": f"{dossier}/{FICHIER_SUBVENTIONS}",
            "title": f"Subventions attribuées par la commune de {COMMUNE_NOM}, 2023-2025 (fictif)",
            "description": (
                f"Subventions attribuées de 2023 à 2025 par la commune fictive de {COMMUNE_NOM} "
                f"(code INSEE fictif {COMMUNE_INSEE}) à ses associations, au format national SCDL "
                "subventions 2.1.1 : une ligne par bénéficiaire d'une décision. Aides en argent "
                "(« aide en numéraire ») et aides en nature valorisées en euros (prêt de salles, "
                "stade). Une subvention est partagée entre deux bénéficiaires : la colonne montant "
                "donne alors le total, pourcentageSubvention la part de chacun. referenceDecision "
                "renvoie au DELIB_ID de la délibération du conseil municipal (ressource "
                f"« deliberations »). Données arrêtées au {DATE_EXTRACTION:%d/%m/%Y}."
            ),
            "schema": f"{dossier}/subventions.schema.json",
            "conforme_a": {"title": "SCDL subventions 2.1.1", "path": URL_SCDL_SUBVENTIONS},
            "sources": [SOURCE_GENERATEUR],
            **commun,
        },
        {
            "name": "deliberations",
            "path": f"{dossier}/{FICHIER_DELIBERATIONS}",
            "title": f"Délibérations du conseil municipal de {COMMUNE_NOM}, 2023-2025 (fictif)",
            "description": (
                f"Délibérations adoptées de 2023 à 2025 par le conseil municipal ({CONSEILLERS} "
                f"élus) de la commune fictive de {COMMUNE_NOM}, au format national SCDL "
                "deliberations 2.1.5 : matière selon la nomenclature ACTES, budget concerné, "
                "transmission au contrôle de légalité, votes (effectif, votants, pour, contre, "
                "abstentions) et lien vers le texte. Les délibérations de la dernière séance ne sont "
                "pas encore transmises ni publiées (cases vides). Données arrêtées au "
                f"{DATE_EXTRACTION:%d/%m/%Y}."
            ),
            "schema": f"{dossier}/deliberations.schema.json",
            "conforme_a": {"title": "SCDL deliberations 2.1.5", "path": URL_SCDL_DELIBERATIONS},
            "sources": [SOURCE_GENERATEUR],
            **commun,
        },
        {
            "name": "annuaire-associations",
            "path": f"{dossier}/{FICHIER_ANNUAIRE}",
            "title": f"Annuaire des associations de {COMMUNE_NOM} (fictif)",
            "description": (
                f"Le fichier des associations tenu par le service vie associative de la commune "
                f"fictive de {COMMUNE_NOM} : numéro RNA, SIRET (vide pour une association qui n'en a "
                "pas), nom, domaine d'activité et nombre d'adhérents déclaré à la dernière "
                "assemblée générale. Ces informations ne figurent pas dans le format national des "
                "subventions : on les rapproche par le numéro RNA."
            ),
            "schema": f"{dossier}/annuaire-associations.schema.json",
            "sources": [SOURCE_GENERATEUR],
            **commun,
        },
    ]


def mettre_a_jour_datapackage(chemin: Path = DATAPACKAGE) -> None:
    """Read-modify-write of this chapter's entries only; other resources are left untouched."""
    remplacer_ressources(ressources_datapackage(), chemin)


def main(arguments: list[str]) -> None:
    dossier = Path(arguments[0]) if arguments else DOSSIER
    comptes = generer(dossier)
    if not arguments:
        mettre_a_jour_datapackage()
    print(f"{dossier}: {comptes['subventions']} subventions, {comptes['deliberations']} délibérations, "
          f"{comptes['annuaire']} associations dans l'annuaire.")


if __name__ == "__main__":
    main(sys.argv[1:])
