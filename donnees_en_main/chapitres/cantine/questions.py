"""Questions du chapitre « Publier les menus de la cantine ».

Used by book/cantine.md, notebooks/cantine.ipynb and exercises/source/cantine/cantine.ipynb.
Expected numbers are computed from the shipped data, never typed in by hand, and only when first
needed: importing this bank reads nothing from disk (MEDIANE_BIO, MOYENNE_BIO are computed on first
access, through the module's ``__getattr__``).
"""

from __future__ import annotations

import functools

import pandas as pd

from donnees_en_main.donnees import charger
from donnees_en_main.affichage.graphiques import pourcent_fr
from donnees_en_main.exercices import au_premier_usage, ChoixMultiple, ChoixUnique, Nombre, Reflexion, CalculPandas
from donnees_en_main.exercices.devoirs import Devoir

CARNET = "cantine"


def calculer_part_bio(achats: pd.DataFrame) -> pd.Series:
    """Share of organic purchases (in %, by value) of each canteen's food purchases."""
    return achats["achats_bio_ht"] / achats["achats_totaux_ht"] * 100


def _parts_bio() -> pd.Series:
    return calculer_part_bio(charger("achats-cantines"))


@functools.cache
def _chiffres() -> dict[str, float]:
    """The figures the questions quote, computed once from the shipped data."""
    parts = _parts_bio()
    return {
        "_PARTS": parts,
        "MEDIANE_BIO": round(float(parts.median()), 1),
        "MOYENNE_BIO": round(float(parts.mean()), 1),
    }


__getattr__ = au_premier_usage(__name__, ("_PARTS", "MEDIANE_BIO", "MOYENNE_BIO"), lambda nom: _chiffres()[nom])

separateur = ChoixUnique(
    id="cantine.separateur",
    carnet=CARNET,
    enonce=(
        "Vous ouvrez l'export du tableur des menus dans un logiciel qui attend un fichier « CSV » "
        "standard. Tout s'affiche dans une seule colonne, avec des « ; » au milieu du texte. "
        "Que s'est-il passé ?"
    ),
    choix=[
        "Le fichier sépare ses colonnes par des points-virgules, le logiciel attendait des virgules",
        "Le fichier est vide",
        "Les dates sont écrites à la française (jour/mois/année)",
        "Il y a des lignes en double",
    ],
    reponse="Le fichier sépare ses colonnes par des points-virgules, le logiciel attendait des virgules",
    erreurs_frequentes={
        "Les dates sont écrites à la française (jour/mois/année)": (
            "C'est bien un défaut de cet export, mais il ne mélange pas les colonnes : une date mal "
            "écrite reste dans sa colonne."
        ),
        "Il y a des lignes en double": (
            "Il y a bien des doublons dans cet export, mais ils ajoutent des lignes ; ils ne collent pas "
            "les colonnes entre elles."
        ),
    },
    indices=[
        "Regardez le caractère qui revient entre chaque morceau de texte.",
        "Un tableur français exporte souvent avec « ; » parce que la virgule sert déjà aux décimales.",
    ],
    solution=(
        "Le séparateur. Le schéma national recommande la virgule ; les tableurs français exportent "
        "souvent avec un point-virgule, car la virgule y sert de séparateur décimal. Il faut le dire "
        "au logiciel qui lit le fichier — ou, mieux, publier directement au format attendu."
    ),
)

encodage = ChoixUnique(
    id="cantine.encodage",
    carnet=CARNET,
    enonce=(
        "Dans l'export du tableur, « Crème brûlée » s'affiche « Cr\ufffdme br\ufffdl\ufffde ». "
        "Quelle est la cause la plus probable ?"
    ),
    choix=[
        "Le fichier est encodé en Windows-1252 (latin-1) et lu comme de l'UTF-8",
        "Le cuisinier a fait une faute de frappe",
        "Le fichier est abîmé et doit être jeté",
    ],
    reponse="Le fichier est encodé en Windows-1252 (latin-1) et lu comme de l'UTF-8",
    erreurs_frequentes={
        "Le fichier est abîmé et doit être jeté": (
            "Rien n'est perdu : les lettres sont toujours là, elles sont seulement écrites avec un autre "
            "« alphabet informatique » (l'encodage). Relire le fichier avec le bon encodage suffit."
        ),
    },
    indices=["Seules les lettres accentuées sont touchées : qu'ont-elles de particulier pour un ordinateur ?"],
    solution=(
        "L'encodage. Les tableurs sous Windows enregistrent souvent en « Windows-1252 », alors que la "
        "plupart des logiciels et le schéma national attendent de l'UTF-8. Les lettres accentuées sont "
        "alors mal lues, mais rien n'est perdu : il suffit d'indiquer le bon encodage."
    ),
)

defauts_export = ChoixMultiple(
    id="cantine.defauts_export",
    carnet=CARNET,
    enonce="Quels défauts trouve-t-on dans l'export du tableur, comparé au fichier publié proprement ?",
    choix=[
        "Des dates au format jour/mois/année",
        "Des lignes en double",
        "Des cases obligatoires laissées vides",
        "Une faute de frappe dans une valeur qui doit suivre une liste fixe",
        "Des plats inventés qui n'ont pas été servis",
    ],
    reponses=[
        "Des dates au format jour/mois/année",
        "Des lignes en double",
        "Des cases obligatoires laissées vides",
        "Une faute de frappe dans une valeur qui doit suivre une liste fixe",
    ],
    indices=["Le rapport de validation du chapitre classe les erreurs par type : relisez-le."],
    solution=(
        "Les quatre premiers. Rien n'indique en revanche que des plats aient été inventés : les erreurs "
        "de format ne disent rien de la sincérité des données, seulement de leur qualité technique."
    ),
)

indicateur = ChoixUnique(
    id="cantine.indicateur",
    carnet=CARNET,
    enonce=(
        "Vous voulez dire en une phrase où en est une cantine « typique » du territoire pour la part "
        "de bio. Quelques cantines très engagées dépassent 50 %, la plupart sont autour de 5 à 15 %. "
        "Quel chiffre choisir ?"
    ),
    choix=["La moyenne des parts de bio", "La médiane des parts de bio", "La plus forte part de bio"],
    reponse="La médiane des parts de bio",
    erreurs_frequentes={
        "La moyenne des parts de bio": (
            "La moyenne est tirée vers le haut par les quelques cantines très engagées : elle décrit mal "
            "la cantine « typique »."
        ),
        "La plus forte part de bio": "Le maximum décrit la meilleure cantine, pas la cantine typique.",
    },
    indices=[
        "Cherchez la valeur qui coupe les cantines en deux groupes de même taille.",
        "Quelques très grandes valeurs déplacent-elles ce chiffre ?",
    ],
    solution=(
        "La médiane : la moitié des cantines fait moins, l'autre moitié fait plus. Quelques valeurs très "
        "élevées ne la déplacent pas, alors qu'elles tirent la moyenne vers le haut."
    ),
)

part_bio = CalculPandas(
    id="cantine.part_bio",
    points=2,
    carnet=CARNET,
    nom_variable="part_bio",
    enonce=(
        "À partir du tableau `achats`, calculez dans une variable `part_bio` la part du bio (en %) "
        "dans les achats de chaque cantine."
    ),
    reponse=_parts_bio,
    tolerance=1e-6,
    indices=[
        "La part, c'est la partie divisée par le tout : les achats bio divisés par les achats totaux.",
        "En pandas : `achats[\"achats_bio_ht\"] / achats[\"achats_totaux_ht\"]`, puis multipliez par 100.",
    ],
    solution='`part_bio = achats["achats_bio_ht"] / achats["achats_totaux_ht"] * 100`',
)

mediane_bio = Nombre(
    id="cantine.mediane_bio",
    carnet=CARNET,
    enonce="Quelle est la part de bio **médiane** des cantines du territoire, en % (arrondie à 0,1) ?",
    reponse=lambda: _chiffres()["MEDIANE_BIO"],
    tolerance=0.1,
    unite="%",
    erreurs_frequentes=lambda: {
        _chiffres()["MOYENNE_BIO"]: (
            "C'est la moyenne, pas la médiane : la moyenne est tirée vers le haut par les quelques "
            "cantines très engagées dans le bio."
        ),
        round(_chiffres()["MEDIANE_BIO"] / 100, 3): "Le résultat est demandé en pourcentage : multipliez par 100.",
    },
    indices=["Avec pandas, une colonne (Series) a une méthode `.median()`."],
    solution=lambda: (
        f"`part_bio.median()` donne {pourcent_fr(_chiffres()['MEDIANE_BIO'])} ; la moyenne, elle, vaut "
        f"{pourcent_fr(_chiffres()['MOYENNE_BIO'])}."
    ),
)

denominateur = ChoixUnique(
    id="cantine.denominateur",
    carnet=CARNET,
    enonce="L'objectif de la loi EGalim (au moins 20 % de produits bio) se mesure sur…",
    choix=[
        "la valeur des achats alimentaires (en euros hors taxes)",
        "le nombre de plats servis",
        "le nombre de repas servis",
    ],
    reponse="la valeur des achats alimentaires (en euros hors taxes)",
    erreurs_frequentes={
        "le nombre de plats servis": (
            "Compter les plats étiquetés bio dans les menus est une bonne idée pour informer les "
            "familles, mais la loi mesure la part en valeur d'achats : un plat bio coûteux pèse plus "
            "qu'un plat bio bon marché."
        ),
    },
    indices=["Le chiffre vient des factures des fournisseurs, pas des menus."],
    solution=(
        "En valeur d'achats : c'est ce que prévoit l'article L230-5-1 du code rural et de la pêche "
        "maritime (son décret d'application précise : hors taxes, sur l'année civile). Un taux n'a de sens "
        "qu'avec son dénominateur : « 20 % de quoi ? »"
    ),
)

information_usagers = ChoixUnique(
    id="cantine.information_usagers",
    carnet=CARNET,
    enonce=(
        "Depuis le 1er janvier 2022 (loi Climat et résilience), comment la loi demande-t-elle d'informer les "
        "usagers de la cantine de la part des produits durables et de qualité dans les repas ?"
    ),
    choix=[
        "Par un affichage permanent à l'entrée, actualisé au moins une fois par an, et au moins une fois "
        "par an par communication électronique",
        "Par une information une fois par an, sous la forme choisie par la commune",
        "Seulement si des parents le demandent",
    ],
    reponse=(
        "Par un affichage permanent à l'entrée, actualisé au moins une fois par an, et au moins une fois "
        "par an par communication électronique"
    ),
    erreurs_frequentes={
        "Par une information une fois par an, sous la forme choisie par la commune": (
            "C'était l'ancienne règle. Depuis 2022, l'article L230-5-3 du code rural et de la pêche maritime "
            "demande les deux : un affichage permanent à l'entrée du restaurant et une communication "
            "électronique au moins une fois par an."
        ),
        "Seulement si des parents le demandent": (
            "Non : cette information est due à tous les usagers, sans demande, par affichage et par "
            "communication électronique."
        ),
    },
    indices=["Pensez à ce qu'un parent voit en entrant dans le restaurant scolaire, chaque jour."],
    solution=(
        "Un affichage permanent à l'entrée du restaurant, lisible par tous et actualisé au moins une fois par "
        "an, et une communication électronique au moins une fois par an (article L230-5-3 du code rural et "
        "de la pêche maritime, depuis le 1er janvier 2022). L'information porte aussi sur la part des produits "
        "issus des projets alimentaires territoriaux (PAT) dans les repas."
    ),
)

attentes_parents = Reflexion(
    id="cantine.attentes_parents",
    carnet=CARNET,
    enonce=(
        "Dans votre commune, quelles informations sur la cantine les parents demandent-ils le plus "
        "souvent ? Lesquelles pourriez-vous publier dès la rentrée prochaine ?"
    ),
)

# The graded assignment exercises/source/cantine/cantine.ipynb: its questions in order (see exercices/devoirs.py).
DEVOIR = Devoir(
    carnet=CARNET,
    questions=[separateur, indicateur, part_bio, (mediane_bio, "mediane_bio")],
)
