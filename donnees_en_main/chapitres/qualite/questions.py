"""Questions du chapitre « La qualité des données : peut-on s'y fier ? ».

Used by book/qualite.md, notebooks/qualite.ipynb and exercises/source/qualite/qualite.ipynb.
Expected numbers are computed from the shipped data, never typed in by hand, and only when first
needed: importing this bank reads nothing from disk (SECTEURS, MASQUEES, PART_MASQUEE and
DOUBLONS_EXPORT are computed on first access, through the module's ``__getattr__``).
"""

from __future__ import annotations

import functools

import pandas as pd

from donnees_en_main.donnees import charger
from donnees_en_main.exercices import au_premier_usage, ChoixMultiple, ChoixUnique, Nombre, Reflexion, CalculPandas
from donnees_en_main.exercices.devoirs import Devoir
from donnees_en_main.affichage.graphiques import pourcent_fr

CARNET = "qualite"

# Legal populations (INSEE): the « millésime 2021 » populations came into force on 1 January 2024;
# their statistical reference date is 1 January 2021.
ANNEE_VIGUEUR_POPULATION = 2024
MILLESIME_POPULATION = 2021


def calculer_manquantes(tableau: pd.DataFrame) -> pd.Series:
    """Number of empty cells in each column."""
    return tableau.isna().sum()


def calculer_part_masquee(secteurs: pd.DataFrame) -> float:
    """Share (in %) of the consumption cells that are masked (empty once loaded)."""
    return float(secteurs["conso"].isna().mean() * 100)


def _secteurs() -> pd.DataFrame:
    return charger("energie-secteurs")


@functools.cache
def _chiffres() -> dict:
    """The data and figures the questions quote, computed once from the shipped data."""
    secteurs = _secteurs()
    return {
        "SECTEURS": secteurs,
        "MASQUEES": int(secteurs["conso"].isna().sum()),
        "PART_MASQUEE": round(calculer_part_masquee(secteurs), 1),
        "DOUBLONS_EXPORT": int(charger("menus-cantine-export-tableur").duplicated().sum()),
    }


def _c(nom: str):
    return _chiffres()[nom]


__getattr__ = au_premier_usage(__name__, ("SECTEURS", "MASQUEES", "PART_MASQUEE", "DOUBLONS_EXPORT"), _c)

contexte = ChoixMultiple(
    id="qualite.contexte",
    carnet=CARNET,
    enonce=(
        "Un service vous transmet un fichier pour préparer une délibération. Avant de citer l'un de ses "
        "chiffres en conseil municipal, que devez-vous savoir ?"
    ),
    choix=[
        "Qui a produit le fichier, et dans quel but",
        "Comment les valeurs ont été obtenues (mesurées, estimées, déclarées)",
        "À quelle date les données ont été collectées",
        "Avec quel logiciel le fichier a été ouvert la dernière fois",
        "Combien de personnes ont déjà téléchargé le fichier",
    ],
    reponses=[
        "Qui a produit le fichier, et dans quel but",
        "Comment les valeurs ont été obtenues (mesurées, estimées, déclarées)",
        "À quelle date les données ont été collectées",
    ],
    indices=["Pensez aux trois questions d'un journaliste : qui, comment, quand."],
    solution=(
        "Qui, comment, quand : le **contexte de production**. Un chiffre déclaré par des usagers, "
        "estimé par un fournisseur ou mesuré par un compteur n'a pas la même fiabilité ; un chiffre "
        "collecté il y a cinq ans décrit la commune d'il y a cinq ans. Le logiciel et la popularité "
        "du fichier ne disent rien de sa qualité."
    ),
)

fraicheur = Nombre(
    id="qualite.fraicheur",
    carnet=CARNET,
    enonce=(
        f"Au 1er janvier {ANNEE_VIGUEUR_POPULATION}, les populations légales des communes publiées par "
        "l'INSEE sont entrées en vigueur. De quelle année décrivent-elles la population ?"
    ),
    reponse=MILLESIME_POPULATION,
    tolerance=0,
    erreurs_frequentes={
        ANNEE_VIGUEUR_POPULATION: (
            "C'est l'année où elles s'appliquent, pas l'année qu'elles décrivent : le recensement a "
            "besoin de temps pour être collecté et traité."
        ),
        ANNEE_VIGUEUR_POPULATION - 1: (
            "C'est l'année de leur publication (fin décembre), pas l'année qu'elles décrivent."
        ),
    },
    indices=[
        "Le recensement est collecté sur cinq ans, puis l'INSEE a besoin de temps pour produire les chiffres.",
        "Les populations légales portent un « millésime » : trois ans avant leur entrée en vigueur.",
    ],
    solution=(
        f"**{MILLESIME_POPULATION}.** Les populations légales « millésimées {MILLESIME_POPULATION} » sont "
        f"entrées en vigueur le 1er janvier {ANNEE_VIGUEUR_POPULATION} ; leur date de référence est le "
        f"1er janvier {MILLESIME_POPULATION} (INSEE). Un chiffre officiel et récent peut donc décrire une "
        "situation vieille de trois ans : regardez toujours la date de collecte, pas seulement la date "
        "de publication."
    ),
)

secret = ChoixUnique(
    id="qualite.secret",
    carnet=CARNET,
    enonce=lambda: (
        f"Dans le fichier des consommations d'énergie par secteur, {_c('MASQUEES')} cases de la colonne "
        "« conso » sont écrites « s » ou « secret ». Que faire de ces cases pour un tableau de bord ?"
    ),
    choix=[
        "Les remplacer par 0",
        "Les laisser vides et dire que le total visible est un minimum",
        "Les remplacer par la moyenne des autres secteurs",
        "Supprimer toutes les lignes de l'année concernée",
    ],
    reponse="Les laisser vides et dire que le total visible est un minimum",
    erreurs_frequentes={
        "Les remplacer par 0": (
            "Une valeur masquée n'est pas nulle : elle existe, mais elle n'est pas publiée pour protéger "
            "quelques entreprises. La remplacer par 0 sous-estime le total."
        ),
        "Les remplacer par la moyenne des autres secteurs": (
            "Ce serait inventer un chiffre : les secteurs n'ont rien de comparable (une industrie ne "
            "consomme pas comme des logements)."
        ),
    },
    indices=["« secret » veut-il dire « rien », ou « on ne vous le dit pas » ?"],
    solution=(
        "**Les laisser vides.** Le secret statistique masque une valeur quand trop peu d'entreprises la "
        "composent. La somme des cases visibles est un **minimum** : écrivez « au moins … MWh ». Le "
        "profil du fichier le signale : ces mots ont été lus comme des cases vides, pas comme des zéros."
    ),
)

doublons = Nombre(
    id="qualite.doublons",
    carnet=CARNET,
    enonce=(
        "Dans l'explorateur, choisissez l'export du tableur des menus de la cantine. Combien de lignes "
        "sont **en double** (copie exacte d'une ligne précédente) ?"
    ),
    reponse=lambda: _c("DOUBLONS_EXPORT"),
    tolerance=0,
    unite="lignes",
    indices=["Le nombre de lignes en double est écrit en gras, en haut du profil, avant le tableau."],
    solution=lambda: (
        f"**{_c('DOUBLONS_EXPORT')} lignes** sont la copie exacte d'une ligne précédente : des copier-coller. "
        "Dans un comptage (combien de plats bio ?), chacune serait comptée deux fois."
    ),
)

defauts_profil = ChoixMultiple(
    id="qualite.defauts_profil",
    carnet=CARNET,
    enonce=(
        "Toujours sur l'export du tableur des menus : quels défauts la colonne « Valeurs suspectes » "
        "du profil signale-t-elle ?"
    ),
    choix=[
        "Des dates écrites à la française (jj/mm/aaaa)",
        "Une faute de frappe probable dans le type de plat",
        "Des espaces invisibles à la fin de certains textes",
        "Des prix écrits avec une virgule décimale",
        "Des dates dans le futur",
        "Des codes INSEE qui ont perdu leur zéro initial",
    ],
    reponses=[
        "Des dates écrites à la française (jj/mm/aaaa)",
        "Une faute de frappe probable dans le type de plat",
        "Des espaces invisibles à la fin de certains textes",
        "Des prix écrits avec une virgule décimale",
    ],
    indices=["Lisez la dernière colonne du profil, ligne par ligne : chaque alerte commence par ⚠."],
    solution=(
        "Les quatre premiers. Les menus datent de l'automne 2025 (rien dans le futur) et le code INSEE "
        "de la commune (49912) n'a pas de zéro initial à perdre."
    ),
)

aberrante = ChoixUnique(
    id="qualite.aberrante",
    carnet=CARNET,
    enonce=(
        "Le profil des consommations de gaz signale des valeurs « bien plus grandes que les autres » : ce "
        "sont les mois d'hiver de la piscine municipale. Que faut-il en faire ?"
    ),
    choix=[
        "Les supprimer : ce sont des erreurs",
        "Les remplacer par la médiane",
        "Vérifier auprès du service : une valeur éloignée peut être juste",
        "Ne rien regarder : le calcul les a déjà corrigées",
    ],
    reponse="Vérifier auprès du service : une valeur éloignée peut être juste",
    erreurs_frequentes={
        "Les supprimer : ce sont des erreurs": (
            "Une valeur éloignée des autres n'est pas forcément fausse : chauffer des bassins consomme "
            "vraiment beaucoup. La supprimer ferait disparaître le plus gros consommateur."
        ),
    },
    indices=["La règle des quartiles repère ce qui est **inhabituel**, pas ce qui est **faux**."],
    solution=(
        "**Vérifier.** La règle des quartiles signale les valeurs inhabituelles ; c'est une lampe de "
        "poche, pas un verdict. Ici la piscine consomme vraiment beaucoup. Ailleurs, ce peut être une "
        "erreur d'unité (des kWh au milieu de MWh) ou une faute de frappe : seul le service qui a "
        "produit la donnée peut trancher."
    ),
)

manquantes = CalculPandas(
    id="qualite.manquantes",
    points=2,
    carnet=CARNET,
    nom_variable="manquantes",
    enonce=(
        "À partir du tableau `secteurs`, calculez dans une variable `manquantes` le nombre de cases "
        "vides de **chaque colonne**."
    ),
    reponse=lambda: calculer_manquantes(_secteurs()),
    indices=[
        "`secteurs.isna()` dit, case par case, si elle est vide (True) ou non (False).",
        "Additionner des True compte les cases vides : ajoutez `.sum()`.",
    ],
    solution="`manquantes = secteurs.isna().sum()`",
)

part_masquee = Nombre(
    id="qualite.part_masquee",
    carnet=CARNET,
    enonce=(
        "Quelle part des consommations de `secteurs` (colonne `conso`) est masquée, en % (arrondie à 0,1) ?"
    ),
    reponse=lambda: _c("PART_MASQUEE"),
    tolerance=0.1,
    unite="%",
    erreurs_frequentes=lambda: {
        round(_c("PART_MASQUEE") / 100, 3): "Le résultat est demandé en pourcentage : multipliez par 100.",
        float(_c("MASQUEES")): "C'est le nombre de cases masquées ; on demande leur part, en %.",
    },
    indices=[
        "La part, c'est le nombre de cases vides divisé par le nombre de lignes.",
        "En pandas, la moyenne de True/False donne directement cette part : `.isna().mean()`.",
    ],
    solution=lambda: (
        f"`secteurs[\"conso\"].isna().mean() * 100` donne {pourcent_fr(_c('PART_MASQUEE'))} : "
        f"{_c('MASQUEES')} cases sur {len(_c('SECTEURS'))}."
    ),
)

chiffre_sans_source = Reflexion(
    id="qualite.chiffre_sans_source",
    carnet=CARNET,
    enonce=(
        "Citez un chiffre que vous utilisez souvent (population, budget, fréquentation…). Savez-vous qui "
        "le produit, comment, et de quand il date ? À qui pourriez-vous le demander ?"
    ),
)

# The graded assignment exercises/source/qualite/qualite.ipynb: its questions in order (see exercices/devoirs.py).
DEVOIR = Devoir(
    carnet=CARNET,
    questions=[secret, doublons, manquantes, (part_masquee, "part_masquee")],
)
