"""Questions du chapitre « Ouvrir les données de la commune ».

Used by book/ouvrir.md, notebooks/ouvrir.ipynb and exercises/source/ouvrir/ouvrir.ipynb.
Expected answers are computed from the shipped data (the inventory, the catalogue draft), never
typed in by hand, and only when first needed: importing this bank reads nothing from disk.
"""

from __future__ import annotations

import functools

import pandas as pd

from donnees_en_main.chapitres.ouvrir import LICENCES, prioriser
from donnees_en_main.exercices import CalculPandas, ChoixUnique, Nombre, Reflexion
from donnees_en_main.exercices.devoirs import Devoir

CARNET = "ouvrir"


def _inventaire() -> pd.DataFrame:
    from donnees_en_main.donnees import charger

    return charger("ouvrir-inventaire")


def _sans_donnees_personnelles() -> pd.DataFrame:
    inventaire = _inventaire()
    return inventaire[inventaire["donnees_personnelles"] == "non"]


@functools.cache
def _nb_erreurs_brouillon() -> int:
    from donnees_en_main.donnees import chemin
    from donnees_en_main.donnees.validation import valider

    rapport = valider(chemin("ouvrir-catalogue-brouillon"), chemin("ouvrir-catalogue").with_name("catalogue.schema.json"))
    return len(rapport.erreurs)


def premier_jeu() -> str:
    """The dataset the ranking puts first (computed from the inventory)."""
    return str(prioriser(_inventaire())["jeu"].iloc[0])


par_quoi_commencer = ChoixUnique(
    id="ouvrir.par_quoi_commencer",
    carnet=CARNET,
    enonce=(
        "Dans l'inventaire de la commune, on donne des points à chaque jeu de données : 3 si la commune doit "
        "le publier, 2 s'il est demandé au moins 5 fois par an (1 s'il l'est au moins une fois), 2 si l'effort "
        "est faible (1 s'il est moyen) ; à égalité, le plus demandé passe devant. Lequel ouvrir en premier ?"
    ),
    choix=[
        "Menus de la restauration scolaire",
        "Délibérations du conseil municipal",
        "Registres d'état civil",
        "Arbres d'alignement",
    ],
    reponse="Menus de la restauration scolaire",
    erreurs_frequentes={
        "Registres d'état civil": (
            "L'état civil contient des données personnelles : il ne se publie pas en l'état, quel que soit "
            "le nombre de demandes."
        ),
        "Délibérations du conseil municipal": (
            "Elles doivent être publiées et sont demandées, mais l'effort est moyen (elles sont en PDF) : "
            "6 points, contre 7 pour les menus, aussi demandés plus souvent."
        ),
    },
    indices=[
        "Comptez les points de chaque jeu : obligation, demande, effort.",
        "Plusieurs jeux ont 7 points : regardez alors le nombre de demandes.",
    ],
    solution=(
        "Les menus : publication demandée par la loi (3 points), 14 demandes par an (2 points), effort faible "
        "car le logiciel de restauration sait les exporter (2 points), soit 7 ; à égalité avec d'autres, ce "
        "sont les plus demandés."
    ),
)

licence = ChoixUnique(
    id="ouvrir.licence",
    carnet=CARNET,
    enonce=(
        "Le conseil municipal veut que toute entreprise qui améliore la base des équipements sportifs de la "
        "commune et l'utilise publiquement repartage sa version améliorée, sous les mêmes conditions. Quelle "
        "licence choisir ?"
    ),
    choix=[LICENCES["odbl"]["nom"], LICENCES["lo"]["nom"], "Aucune licence : les données sont publiques"],
    reponse=LICENCES["odbl"]["nom"],
    erreurs_frequentes={
        LICENCES["lo"]["nom"]: (
            "La Licence Ouverte demande seulement de citer la source et la date : l'entreprise pourrait "
            "garder pour elle sa version améliorée."
        ),
        "Aucune licence : les données sont publiques": (
            "Sans licence, le réutilisateur ne sait pas ce qu'il a le droit de faire ; et le partage à "
            "l'identique n'existe que si une licence l'impose."
        ),
    },
    indices=["Cherchez la licence qui a une clause de « partage à l'identique »."],
    solution=(
        "L'ODbL : qui utilise publiquement une base adaptée à partir de la vôtre doit la partager sous ODbL. "
        "La Licence Ouverte, plus simple, ne demande que de citer la source et la date de mise à jour."
    ),
)

donnees_personnelles = ChoixUnique(
    id="ouvrir.donnees_personnelles",
    carnet=CARNET,
    enonce=(
        "Les inscriptions des familles à la cantine sont très utiles pour prévoir les repas. Peut-on publier "
        "ce fichier en données ouvertes ?"
    ),
    choix=[
        "Pas en l'état : il contient des données personnelles",
        "Oui, puisque la commune doit ouvrir ses données par défaut",
        "Oui, si on choisit l'ODbL",
    ],
    reponse="Pas en l'état : il contient des données personnelles",
    erreurs_frequentes={
        "Oui, si on choisit l'ODbL": "Une licence règle la réutilisation ; elle ne rend pas publiable un fichier "
                                     "de données personnelles.",
    },
    indices=["Qui figure dans ce fichier ?"],
    solution=(
        "Pas en l'état : noms d'enfants et de familles sont des données personnelles. On pourrait publier des "
        "comptes agrégés (nombre de repas par jour et par école), pas le fichier lui-même."
    ),
)

a_ouvrir = CalculPandas(
    id="ouvrir.a_ouvrir",
    points=2,
    carnet=CARNET,
    nom_variable="a_ouvrir",
    enonce=(
        "À partir du tableau `inventaire`, gardez dans une variable `a_ouvrir` les seules lignes des jeux "
        "**sans** données personnelles (colonne `donnees_personnelles` égale à `\"non\"`)."
    ),
    reponse=_sans_donnees_personnelles,
    indices=[
        "Une condition sur une colonne donne une suite de Vrai/Faux : `inventaire[\"donnees_personnelles\"] == \"non\"`.",
        "Mettez cette condition entre crochets après le tableau pour garder les lignes où elle est vraie.",
    ],
    solution='`a_ouvrir = inventaire[inventaire["donnees_personnelles"] == "non"]`',
)

nb_erreurs = Nombre(
    id="ouvrir.nb_erreurs",
    carnet=CARNET,
    enonce=(
        "Validez le brouillon du catalogue (`catalogue-brouillon.csv`) contre son schéma. Combien d'erreurs le "
        "validateur trouve-t-il ?"
    ),
    reponse=_nb_erreurs_brouillon,
    tolerance=0,
    erreurs_frequentes=lambda: {
        3: "C'est le nombre de lignes du catalogue, pas le nombre d'erreurs : une ligne peut en avoir plusieurs.",
    },
    indices=["Le rapport du validateur a une liste `erreurs` : comptez ses éléments avec `len(...)`."],
    solution=lambda: (
        f"{_nb_erreurs_brouillon()} erreurs : deux dates à la française, une fréquence et une licence hors des "
        "listes du schéma, un SIRET écrit avec des espaces, une description obligatoire vide."
    ),
)

faire_vivre = ChoixUnique(
    id="ouvrir.faire_vivre",
    carnet=CARNET,
    enonce=(
        "Sur le portail, la fiche des menus annonce une mise à jour « hebdomadaire », mais le dernier fichier "
        "date de six mois. Que faire en premier ?"
    ),
    choix=[
        "Mettre à jour le fichier, puis la date de mise à jour de la fiche, et nommer qui s'en charge",
        "Supprimer le jeu de données pour éviter les critiques",
        "Changer la fréquence annoncée en « Inconnue »",
    ],
    reponse="Mettre à jour le fichier, puis la date de mise à jour de la fiche, et nommer qui s'en charge",
    erreurs_frequentes={
        "Supprimer le jeu de données pour éviter les critiques": (
            "Des familles et des applications s'en servent peut-être : un jeu supprimé casse leurs liens. "
            "Mieux vaut le remettre à jour."
        ),
    },
    indices=["Un jeu de données vit : il lui faut une personne et un rythme."],
    solution=(
        "Le remettre à jour, corriger la date de dernière mise à jour de la fiche, et surtout nommer la "
        "personne qui le fera chaque semaine : c'est ce qui manquait."
    ),
)

qui_dans_ma_commune = Reflexion(
    id="ouvrir.qui_dans_ma_commune",
    carnet=CARNET,
    enonce=(
        "Dans votre commune, qui pourrait tenir l'inventaire des données et répondre aux questions des "
        "réutilisateurs ? Avec quel temps, et qui le remplacerait pendant ses congés ?"
    ),
)

# The graded assignment exercises/source/ouvrir/ouvrir.ipynb: its questions in order (see exercices/devoirs.py).
DEVOIR = Devoir(
    carnet=CARNET,
    questions=[par_quoi_commencer, licence, a_ouvrir, (nb_erreurs, "nb_erreurs")],
)
