"""Questions du chapitre « Le cadre légal : ce que la loi demande, ce qu'elle protège ».

Used by book/cadre-legal.md, notebooks/cadre-legal.ipynb and exercises/source/cadre-legal/cadre-legal.ipynb.
The decision logic itself is in ``donnees_en_main.chapitres.cadre_legal``; expected verdicts are computed by it,
never typed in by hand.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from donnees_en_main.chapitres.cadre_legal import INTERDIT, OBLIGATION, POSSIBLE, TITRES, puis_je_publier
from donnees_en_main.exercices import ChoixMultiple, ChoixUnique, Reflexion
from donnees_en_main.exercices.devoirs import Devoir

CARNET = "cadre-legal"

_TITRES = list(TITRES.values())

# --- A fictional register, for the anonymisation example -------------------------------------------
_PRENOMS = ["Léa", "Hugo", "Chloé", "Louis", "Manon", "Nathan", "Inès", "Gabriel", "Jade", "Arthur",
            "Lina", "Jules", "Zoé", "Adam", "Emma", "Noé"]
_NOMS = ["Martin", "Bernard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Michel", "Garcia",
         "Roux", "Fournier"]
_RUES = ["rue des Tilleuls", "rue du Port", "chemin des Coteaux", "place de la Mairie", "rue de la Levée",
         "allée des Saules", "route de Prévallon", "impasse du Moulin"]
_ECOLES = ["École maternelle Les Tilleuls", "École élémentaire Jean-de-La-Fontaine", "École maternelle du Port",
           "École élémentaire des Coteaux"]
_ALLERGIES = ["arachide", "lait", "gluten", "œuf"]


def inscriptions_cantine(n: int = 80, graine: int = 2025) -> pd.DataFrame:
    """A fictional register of children enrolled at the canteen of Belval-sur-Loire (invented people).

    Columns: prenom, nom, date_naissance, rue, ecole, pai (True if the child has an individual care
    plan — « projet d'accueil individualisé » — for a food allergy), allergie. Health data: never
    published as it is. School year 2025-2026: nursery pupils born 2020-2022, primary pupils 2015-2019.
    """
    rng = np.random.default_rng(graine)
    ecoles = rng.choice(_ECOLES, n)
    maternelle = pd.Series(ecoles).str.contains("maternelle").to_numpy()
    debut = np.where(maternelle, np.datetime64("2020-01-01"), np.datetime64("2015-01-01"))
    duree = np.where(maternelle, 3 * 365, 5 * 365)
    naissances = pd.to_datetime(debut + (rng.random(n) * duree).astype("timedelta64[D]"))
    pai = rng.random(n) < 0.15
    table = pd.DataFrame({
        "prenom": rng.choice(_PRENOMS, n),
        "nom": rng.choice(_NOMS, n),
        "date_naissance": naissances.strftime("%Y-%m-%d"),
        "rue": rng.choice(_RUES, n),
        "ecole": ecoles,
        "pai": pai,
        "allergie": np.where(pai, rng.choice(_ALLERGIES, n), ""),
    })
    return table.sort_values(["ecole", "nom", "prenom"], ignore_index=True)


# --- Situations of the decision path (answers for puis_je_publier) -------------------------------
CAS_SUBVENTIONS = {  # a commune of 12 000 inhabitants publishes its subsidies to associations
    "acheve": True, "secret": False, "donnees_personnelles": False,
    "habitants": True, "agents": True, "categorie": True, "geographique": False,
}
CAS_INSCRIPTIONS = {  # the canteen register, names replaced by numbers, same commune
    "acheve": True, "secret": False, "donnees_personnelles": True, "anonymise": False, "exception": False,
}
VERDICT_SUBVENTIONS = puis_je_publier(CAS_SUBVENTIONS)
VERDICT_INSCRIPTIONS = puis_je_publier(CAS_INSCRIPTIONS)
_VERDICT_SI_CRU_ANONYME = puis_je_publier({**CAS_INSCRIPTIONS, "anonymise": True, "habitants": True,
                                           "agents": True, "categorie": True, "geographique": False})

# --- Questions --------------------------------------------------------------------------------------
pseudonymisation = ChoixUnique(
    id="cadre-legal.pseudonymisation",
    carnet=CARNET,
    enonce=(
        "Dans le fichier des inscriptions à la cantine, on remplace le nom et le prénom de chaque enfant "
        "par un numéro, et l'on garde sa date de naissance, sa rue, son école et son allergie. Le fichier "
        "obtenu est-il anonyme ?"
    ),
    choix=[
        "Oui : sans les noms, plus personne n'est identifiable",
        "Non : il est pseudonymisé, les données restent personnelles",
        "Oui, à condition de ne pas publier la table de correspondance des numéros",
    ],
    reponse="Non : il est pseudonymisé, les données restent personnelles",
    erreurs_frequentes={
        "Oui : sans les noms, plus personne n'est identifiable": (
            "Une date de naissance et une rue suffisent souvent à reconnaître un enfant du quartier : c'est "
            "une pseudonymisation, et les données restent personnelles (RGPD, considérant 26)."
        ),
        "Oui, à condition de ne pas publier la table de correspondance des numéros": (
            "Cacher la table de correspondance ne suffit pas : la date de naissance et la rue permettent "
            "encore d'isoler la plupart des enfants."
        ),
    },
    indices=["Dans une rue, combien d'enfants sont nés le même jour ?",
             "Le RGPD distingue la pseudonymisation (article 4) de l'anonymisation (considérant 26)."],
    solution=(
        "Non. Remplacer les noms par des numéros, c'est **pseudonymiser** : les données restent personnelles, "
        "car on peut encore isoler une personne (ici, par sa date de naissance et sa rue). Une donnée est "
        "anonyme seulement si l'on ne peut plus ni isoler une personne, ni relier ses données à un autre "
        "fichier, ni déduire une information sur elle (les trois critères repris par la CNIL)."
    ),
)

donnees_personnelles = ChoixMultiple(
    id="cadre-legal.donnees_personnelles",
    carnet=CARNET,
    enonce="Lesquelles de ces informations sont des données personnelles au sens du RGPD ?",
    choix=[
        "Le nom et le téléphone du président d'une association",
        "Le montant de la subvention versée à une association",
        "L'adresse d'un ménage aidé par le centre communal d'action sociale",
        "La consommation d'électricité de la mairie",
        "Un numéro d'immatriculation relevé par la police municipale",
        "La part de bio dans les achats d'une cantine",
    ],
    reponses=[
        "Le nom et le téléphone du président d'une association",
        "L'adresse d'un ménage aidé par le centre communal d'action sociale",
        "Un numéro d'immatriculation relevé par la police municipale",
    ],
    erreurs_frequentes={
        "Le montant de la subvention versée à une association": (
            "Une association est une personne morale : le montant de sa subvention n'est pas une donnée "
            "personnelle (le nom de ses dirigeants, si)."
        ),
        "Un numéro d'immatriculation relevé par la police municipale": (
            "Un numéro d'immatriculation permet de retrouver une personne : c'est une donnée personnelle, "
            "même sans nom."
        ),
    },
    indices=["Une donnée personnelle se rapporte à une personne physique, identifiée ou identifiable, même "
             "indirectement (RGPD, article 4)."],
    solution=(
        "Le nom et le téléphone du président, l'adresse du ménage aidé et le numéro d'immatriculation se "
        "rapportent à des personnes physiques, directement ou indirectement. Le montant versé à une "
        "association (une personne morale), la consommation de la mairie et la part de bio d'une cantine "
        "n'en sont pas."
    ),
)

seuil_habitants = ChoixUnique(
    id="cadre-legal.seuil_habitants",
    carnet=CARNET,
    enonce=(
        "Une commune de 2 800 habitants envisage de publier en ligne les menus de sa cantine ; personne ne le "
        "lui a encore demandé. Que dit la loi ?"
    ),
    choix=[
        "Elle y est obligée",
        "Elle n'y est pas obligée, mais elle peut le faire",
        "Elle n'en a pas le droit : seules les communes de 3 500 habitants ou plus peuvent publier",
    ],
    reponse="Elle n'y est pas obligée, mais elle peut le faire",
    erreurs_frequentes={
        "Elle y est obligée": (
            "L'obligation de publier en ligne (CRPA, article L312-1-1) ne s'applique pas aux collectivités "
            "territoriales de moins de 3 500 habitants."
        ),
        "Elle n'en a pas le droit : seules les communes de 3 500 habitants ou plus peuvent publier": (
            "Le seuil dispense d'une obligation, il n'interdit rien : toute administration peut rendre publics "
            "ses documents (CRPA, article L312-1)."
        ),
    },
    indices=["Distinguez ce que la loi oblige à faire et ce qu'elle permet."],
    solution=(
        "Elle n'y est pas obligée (CRPA, article L312-1-1, dernier alinéa : pas d'obligation de publier "
        "d'office sous 3 500 habitants), mais elle peut le faire (article L312-1). C'est même un service "
        "simple à rendre aux familles. Et si un parent lui demandait ces menus en choisissant leur "
        "publication en ligne, elle devrait les publier, quelle que soit sa taille, dans la limite de ses "
        "moyens techniques (CRPA, article L311-9)."
    ),
)

interet_legitime = ChoixUnique(
    id="cadre-legal.interet_legitime",
    carnet=CARNET,
    enonce=(
        "Le RGPD (article 6) prévoit six bases légales pour traiter des données personnelles. Laquelle une "
        "commune ne peut-elle pas invoquer pour les traitements qu'elle fait dans l'exécution de ses missions ?"
    ),
    choix=[
        "Le respect d'une obligation légale",
        "L'exécution d'une mission d'intérêt public",
        "L'intérêt légitime",
    ],
    reponse="L'intérêt légitime",
    erreurs_frequentes={
        "Le respect d'une obligation légale": (
            "Au contraire : quand une loi impose un traitement (l'état civil, par exemple), c'est la base légale "
            "naturelle d'une commune."
        ),
        "L'exécution d'une mission d'intérêt public": (
            "Au contraire : c'est la base légale la plus courante des traitements d'une collectivité pour ses "
            "services publics."
        ),
    },
    indices=["Relisez la fin du paragraphe 1 de l'article 6 du RGPD : une base y est exclue pour les autorités "
             "publiques."],
    solution=(
        "L'intérêt légitime : le RGPD précise qu'il ne s'applique pas aux traitements effectués par les "
        "autorités publiques dans l'exécution de leurs missions (article 6, paragraphe 1, dernier alinéa). "
        "Une commune s'appuie plutôt sur une obligation légale ou sur une mission d'intérêt public."
    ),
)

verdict_subventions = ChoixUnique(
    id="cadre-legal.verdict_subventions",
    carnet=CARNET,
    enonce=(
        "Suivez le parcours « Puis-je publier ce jeu de données ? » pour ce cas : une commune de 12 000 "
        "habitants et 180 agents veut publier la liste des subventions versées aux associations (nom de "
        "l'association, montant, objet), votée et mise à jour chaque année. Quel est le verdict ?"
    ),
    choix=_TITRES,
    reponse=VERDICT_SUBVENTIONS.titre,
    erreurs_frequentes={
        TITRES[INTERDIT]: (
            "Le nom d'une association n'est pas une donnée personnelle : une association est une personne "
            "morale."
        ),
        TITRES[POSSIBLE]: (
            "Vrai, mais incomplet : avec 12 000 habitants et 180 agents, et pour une base mise à jour "
            "régulièrement, la publication est une obligation."
        ),
    },
    indices=["Les associations sont des personnes morales.",
             "La liste est mise à jour chaque année : est-ce une « base de données mise à jour régulièrement » ?"],
    solution=(
        f"« {VERDICT_SUBVENTIONS.titre} » : {VERDICT_SUBVENTIONS.raison} Textes : "
        f"{' ; '.join(VERDICT_SUBVENTIONS.articles)}."
    ),
)

verdict_inscriptions = ChoixUnique(
    id="cadre-legal.verdict_inscriptions",
    points=2,
    carnet=CARNET,
    enonce=(
        "La même commune veut publier le fichier des inscriptions à la cantine, où les noms des enfants ont "
        "été remplacés par des numéros (dates de naissance, rues, écoles et allergies conservées). "
        "Décrivez la situation dans un dictionnaire `reponses`, calculez `verdict = puis_je_publier(reponses)`, "
        "puis vérifiez `verdict.titre`."
    ),
    choix=_TITRES,
    reponse=VERDICT_INSCRIPTIONS.titre,
    erreurs_frequentes={
        _VERDICT_SI_CRU_ANONYME.titre: (
            "Vous avez répondu que le fichier était anonymisé. Remplacer les noms par des numéros est une "
            "pseudonymisation : les données restent personnelles (\"anonymise\": False)."
        ),
        TITRES[POSSIBLE]: (
            "Le fichier contient des données personnelles (et même de santé) qui n'ont pas été anonymisées : "
            "aucune exception ne permet de le publier tel quel."
        ),
    },
    indices=[
        "Les clés possibles sont dans `QUESTIONS` ; seules celles du parcours sont nécessaires.",
        "Le fichier contient-il des données personnelles ? A-t-il vraiment été anonymisé ?",
    ],
    solution=(
        "`reponses = {\"acheve\": True, \"secret\": False, \"donnees_personnelles\": True, \"anonymise\": False, "
        f"\"exception\": False}}` donne « {VERDICT_INSCRIPTIONS.titre} » : {VERDICT_INSCRIPTIONS.raison} Pour "
        "publier quelque chose de ce fichier, il faut l'agréger (par exemple : nombre d'inscrits par école), en "
        "masquant les petits effectifs."
    ),
)

inspire = ChoixUnique(
    id="cadre-legal.inspire",
    carnet=CARNET,
    enonce="La directive européenne INSPIRE (directive 2007/2/CE du 14 mars 2007) concerne…",
    choix=[
        "les données géographiques détenues par les autorités publiques",
        "les données personnelles des agents publics",
        "les marchés publics de logiciels",
    ],
    reponse="les données géographiques détenues par les autorités publiques",
    indices=["INSPIRE veut dire, en anglais, « infrastructure d'information spatiale en Europe »."],
    solution=(
        "Les données géographiques des autorités publiques, dans 34 thèmes (adresses, parcelles cadastrales, "
        "réseaux de transport, usage des sols…) : elles doivent être décrites par des métadonnées et diffusées "
        "par des services en ligne. La directive est transposée dans le code de l'environnement (articles "
        "L127-1 à L127-10). Pour une commune, elle s'applique aux données qu'une loi l'oblige à collecter ou à "
        "diffuser : les documents d'urbanisme, et, selon le guide du ministère de la Transition écologique, "
        "les données géographiques que les communes de 3 500 habitants et plus doivent publier en ligne."
    ),
)

jeux_a_publier = Reflexion(
    id="cadre-legal.jeux_a_publier",
    carnet=CARNET,
    enonce=(
        "Citez deux jeux de données que votre collectivité détient et pourrait publier dès demain, et un qu'elle "
        "ne doit pas publier tel quel. Qu'est-ce qui fait la différence ?"
    ),
)

# The graded assignment exercises/source/cadre-legal/cadre-legal.ipynb: its questions in order (see exercices/devoirs.py).
DEVOIR = Devoir(
    carnet=CARNET,
    questions=[pseudonymisation, donnees_personnelles, seuil_habitants, interet_legitime,
               (verdict_inscriptions, "verdict.titre")],
)
