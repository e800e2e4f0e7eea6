"""Questions du chapitre « Formats et interopérabilité : parler la même langue ».

Used by book/formats.md, notebooks/formats.ipynb and exercises/source/formats/formats.ipynb.
Expected answers are computed from the shipped data and the package, never typed in by hand, and
only when first needed: importing this bank reads nothing from disk (COMMUNES, COMMUNE_NOUVELLE,
ENCODAGE_EXPORT, BON_REGLAGE… are computed on first access, through the module's ``__getattr__``).
"""

from __future__ import annotations

import functools

import pandas as pd

from donnees_en_main.chapitres import formats
from donnees_en_main.donnees import charger, chemin, detecter_format
from donnees_en_main.exercices import au_premier_usage, ChoixUnique, Nombre, Reflexion, CalculPandas, Texte
from donnees_en_main.exercices.devoirs import Devoir

CARNET = "formats"


def calculer_codes_par_commune(communes: pd.DataFrame) -> pd.Series:
    """Number of different postcodes of each commune (index: the commune's name)."""
    return communes.groupby("nom_commune")["code_postal"].nunique()


def calculer_communes_par_code(communes: pd.DataFrame) -> pd.Series:
    """Number of different communes served by each postcode."""
    return communes.groupby("code_postal")["code_commune_insee"].nunique()


def _communes() -> pd.DataFrame:
    return charger("formats-communes-codes-postaux")


EXPORT = "menus-cantine-export-tableur"


def _reglage(encodage: str, separateur: str) -> str:
    return f"{formats.NOMS_ENCODAGES[encodage]} et séparateur {formats.NOMS_SEPARATEURS[separateur]}"


@functools.cache
def _chiffres() -> dict:
    """The data and figures the questions quote, computed once from the shipped data."""
    communes = _communes()
    codes, par_code = calculer_codes_par_commune(communes), calculer_communes_par_code(communes)
    format_export = detecter_format(chemin(EXPORT))
    encodage, separateur = formats.FAMILLE[format_export.encodage], format_export.separateur
    return {
        "COMMUNES": communes,
        "COMMUNE_NOUVELLE": str(codes.idxmax()),
        "NB_CODES_COMMUNE_NOUVELLE": int(codes.max()),
        "CODE_PARTAGE": str(par_code.idxmax()),
        "NB_COMMUNES_CODE_PARTAGE": int(par_code.max()),
        "ENCODAGE_EXPORT": encodage,
        "SEPARATEUR_EXPORT": separateur,
        "NB_COLONNES_EXPORT": formats.lire_avec(EXPORT, encodage, separateur).nb_colonnes,
        "BON_REGLAGE": _reglage(encodage, separateur),
        "_AUTRE_ENCODAGE": next(c for _l, c in formats.ENCODAGES if c != encodage),
        "_AUTRE_SEPARATEUR": "," if separateur != "," else ";",
    }


def _c(nom: str):
    return _chiffres()[nom]


__getattr__ = au_premier_usage(__name__, (
    "COMMUNES", "COMMUNE_NOUVELLE", "NB_CODES_COMMUNE_NOUVELLE", "CODE_PARTAGE", "NB_COMMUNES_CODE_PARTAGE",
    "ENCODAGE_EXPORT", "SEPARATEUR_EXPORT", "NB_COLONNES_EXPORT", "BON_REGLAGE", "_AUTRE_ENCODAGE", "_AUTRE_SEPARATEUR",
), _c)

MOT = "Crème"
MOT_UTF8_LU_1252 = formats.mal_lu(MOT, "utf-8", "cp1252")
MOT_1252_LU_UTF8 = formats.mal_lu(MOT, "cp1252", "utf-8")
CODE_BOURG, NOM_BOURG = formats.EXEMPLES_CODES[0][1], formats.EXEMPLES_CODES[0][0]

mojibake = ChoixUnique(
    id="formats.mojibake",
    carnet=CARNET,
    enonce=(
        f"Un collectif de citoyens ouvre votre fichier de menus et vous écrit : chez eux, « {MOT} » "
        f"s'affiche « {MOT_UTF8_LU_1252} ». Que s'est-il passé ?"
    ),
    choix=[
        "Le fichier est en UTF-8 et leur logiciel l'a lu comme du Windows-1252 (latin-1)",
        "Le fichier est en Windows-1252 et leur logiciel l'a lu comme de l'UTF-8",
        "Le fichier a été abîmé pendant le téléchargement",
        "Une faute de frappe dans le menu",
    ],
    reponse="Le fichier est en UTF-8 et leur logiciel l'a lu comme du Windows-1252 (latin-1)",
    erreurs_frequentes={
        "Le fichier est en Windows-1252 et leur logiciel l'a lu comme de l'UTF-8": (
            f"Dans ce sens-là, on verrait plutôt « {MOT_1252_LU_UTF8} » : un losange à la place de la "
            "lettre. Deux caractères (« Ã¨ ») pour une seule lettre, c'est le signe d'un fichier UTF-8 "
            "lu avec un vieil encodage."
        ),
        "Le fichier a été abîmé pendant le téléchargement": (
            "Rien n'est perdu : relu avec le bon encodage, le fichier s'affiche correctement."
        ),
    },
    indices=[
        "En UTF-8, une lettre accentuée occupe deux octets ; en Windows-1252, un seul.",
        "Deux caractères étranges pour une lettre : le logiciel a découpé en deux ce qui n'en faisait qu'une.",
    ],
    solution=(
        f"**UTF-8 lu comme du Windows-1252.** En UTF-8, « è » s'écrit avec deux octets ; un logiciel réglé "
        f"sur Windows-1252 y voit deux caractères, « Ã¨ ». Dans l'autre sens (un fichier Windows-1252 lu "
        f"en UTF-8), on obtient « {MOT_1252_LU_UTF8} ». Dans les deux cas, rien n'est perdu : il suffit "
        "d'indiquer le bon encodage. Publiez en UTF-8, et dites-le."
    ),
)

reglages = ChoixUnique(
    id="formats.reglages",
    carnet=CARNET,
    enonce=(
        "Dans l'outil de lecture, choisissez le fichier « Menus de la cantine, export du tableur ». Quels "
        "réglages le lisent correctement (les bonnes colonnes, les accents lisibles) ?"
    ),
    choix=[
        _reglage("utf-8", ","),
        _reglage("utf-8", ";"),
        _reglage("cp1252", ","),
        _reglage("cp1252", ";"),
    ],
    reponse=lambda: _c("BON_REGLAGE"),
    erreurs_frequentes=lambda: {
        _reglage(_c("ENCODAGE_EXPORT"), _c("_AUTRE_SEPARATEUR")): (
            "L'encodage est le bon, mais avec ce séparateur le logiciel ne voit qu'une seule colonne."
        ),
        _reglage(_c("_AUTRE_ENCODAGE"), _c("SEPARATEUR_EXPORT")): (
            "Les colonnes sont bien découpées, mais regardez les accents : ils sont abîmés."
        ),
    },
    indices=[
        "Essayez les combinaisons une à une et lisez les phrases qui commencent par ✔ ou ✘.",
        "Un tableur français sous Windows enregistre souvent en Windows-1252, avec des points-virgules.",
    ],
    solution=lambda: (
        f"**{_c('BON_REGLAGE')}.** C'est l'export typique d'un tableur français sous Windows : le point-virgule "
        "parce que la virgule sert aux décimales, et l'encodage Windows-1252. Le format national (SCDL) "
        "recommande l'inverse : UTF-8 et la virgule."
    ),
)

nb_colonnes = Nombre(
    id="formats.nb_colonnes",
    carnet=CARNET,
    enonce="Lu avec les bons réglages, combien de colonnes compte l'export du tableur des menus ?",
    reponse=lambda: _c("NB_COLONNES_EXPORT"),
    tolerance=0,
    unite="colonnes",
    erreurs_frequentes={1: "Une seule colonne : le séparateur choisi n'est pas celui du fichier."},
    indices=["Avec pandas : `pd.read_csv(fichier, sep=…, encoding=…)`, puis `.shape[1]` donne le nombre de colonnes."],
    solution=lambda: (
        f"**{_c('NB_COLONNES_EXPORT')} colonnes**, celles du schéma national des menus : "
        f"`pd.read_csv(export, sep=\"{_c('SEPARATEUR_EXPORT')}\", encoding=\"{_c('ENCODAGE_EXPORT')}\").shape[1]`."
    ),
)

format_ouvert = ChoixUnique(
    id="formats.format_ouvert",
    carnet=CARNET,
    enonce=(
        "Un collectif de citoyens demande la liste des équipements sportifs de la commune pour la "
        "réutiliser dans une carte en ligne. Sous quelle forme la leur transmettre ?"
    ),
    choix=[
        "Un fichier CSV en UTF-8, accompagné de la description de ses colonnes",
        "Un PDF bien mis en page",
        "Un classeur Excel protégé par un mot de passe",
        "Une photo du tableau affiché en mairie",
    ],
    reponse="Un fichier CSV en UTF-8, accompagné de la description de ses colonnes",
    erreurs_frequentes={
        "Un PDF bien mis en page": (
            "Un PDF se lit bien, mais se réutilise mal : pour en tirer un tableau, il faut tout ressaisir."
        ),
        "Un classeur Excel protégé par un mot de passe": (
            "Un mot de passe empêche justement la réutilisation ; et XLSX n'est lisible qu'avec un tableur."
        ),
    },
    indices=["La loi demande un « standard ouvert », « exploitable par un système de traitement automatisé »."],
    solution=(
        "**Un CSV en UTF-8 décrit par un schéma.** Le code des relations entre le public et "
        "l'administration (article L300-4) demande que les documents mis à disposition sous forme "
        "électronique le soient « dans un standard ouvert, aisément réutilisable et exploitable par un "
        "système de traitement automatisé ». Un PDF ou une photo ne le sont pas."
    ),
)

schema = ChoixUnique(
    id="formats.schema",
    carnet=CARNET,
    enonce="Qu'est-ce qu'un schéma de données, comme ceux du SCDL publiés sur schema.data.gouv.fr ?",
    choix=[
        "La description partagée des colonnes attendues : noms, types, formats et valeurs permises",
        "Un graphique qui résume les données",
        "Le logiciel qui sert à publier les données",
        "Le mot de passe du portail de données ouvertes",
    ],
    reponse="La description partagée des colonnes attendues : noms, types, formats et valeurs permises",
    erreurs_frequentes={
        "Un graphique qui résume les données": (
            "Le mot « schéma » trompe : ici, il ne s'agit pas d'un dessin, mais d'un mode d'emploi du fichier."
        ),
    },
    indices=["C'est ce qui permet à un validateur de dire « cette case devrait contenir 5 caractères »."],
    solution=(
        "**La description partagée des colonnes.** Un schéma dit, pour chaque colonne, son nom, son type "
        "(texte, nombre, date), son format et ses valeurs permises. Quand toutes les communes suivent le "
        "même schéma, leurs fichiers s'additionnent sans ressaisie : c'est l'interopérabilité."
    ),
)

zero_perdu = Texte(
    id="formats.zero_perdu",
    carnet=CARNET,
    enonce=(
        f"Un tableur affiche 1053 à la place du code INSEE de {NOM_BOURG}, préfecture de l'Ain. "
        "Écrivez le code INSEE correct."
    ),
    reponses_acceptees=[CODE_BOURG],
    erreurs_frequentes={
        str(int(CODE_BOURG)): "C'est ce qu'affiche le tableur : il a supprimé un chiffre. Un code INSEE a 5 caractères.",
        "01000": "C'est le code postal de la ville, pas son code INSEE : ce sont deux codes différents.",
    },
    indices=["Un code INSEE a toujours 5 caractères ; les deux premiers sont ceux du département."],
    solution=(
        f"**{CODE_BOURG}** : le département de l'Ain a le code 01, et le tableur a pris le code pour un "
        "nombre, dont il a retiré le zéro initial. Une colonne de codes doit être au format Texte."
    ),
)

codes_commune_nouvelle = Nombre(
    id="formats.codes_commune_nouvelle",
    carnet=CARNET,
    enonce=lambda: f"Combien de codes postaux différents compte la commune nouvelle {_c('COMMUNE_NOUVELLE')} ?",
    reponse=lambda: _c("NB_CODES_COMMUNE_NOUVELLE"),
    tolerance=0,
    unite="codes postaux",
    indices=["Elle apparaît sur plusieurs lignes de la table : une par code postal."],
    solution=lambda: (
        f"**{_c('NB_CODES_COMMUNE_NOUVELLE')}.** En fusionnant, les communes déléguées ont gardé leur code postal : "
        "une seule commune (un seul code INSEE), plusieurs codes postaux."
    ),
)

code_partage = Nombre(
    id="formats.code_partage",
    carnet=CARNET,
    enonce=lambda: f"Combien de communes différentes partagent le code postal {_c('CODE_PARTAGE')} ?",
    reponse=lambda: _c("NB_COMMUNES_CODE_PARTAGE"),
    tolerance=0,
    unite="communes",
    indices=["Comptez les codes INSEE différents sur les lignes de ce code postal."],
    solution=lambda: (
        f"**{_c('NB_COMMUNES_CODE_PARTAGE')} communes.** Un code postal désigne un bureau distributeur de La Poste, "
        "pas une commune : pour identifier une commune, on utilise son code INSEE."
    ),
)

codes_par_commune = CalculPandas(
    id="formats.codes_par_commune",
    points=2,
    carnet=CARNET,
    nom_variable="codes_par_commune",
    enonce=(
        "À partir du tableau `communes`, calculez dans une variable `codes_par_commune` le nombre de "
        "codes postaux différents de chaque commune (une valeur par `nom_commune`)."
    ),
    reponse=lambda: calculer_codes_par_commune(_communes()),
    indices=[
        "Regroupez les lignes par commune : `communes.groupby(\"nom_commune\")`.",
        "Puis comptez les valeurs différentes de la colonne `code_postal` avec `.nunique()`.",
    ],
    solution='`codes_par_commune = communes.groupby("nom_commune")["code_postal"].nunique()`',
)

echanges = Reflexion(
    id="formats.echanges",
    carnet=CARNET,
    enonce=(
        "Quels fichiers votre commune échange-t-elle régulièrement avec d'autres (intercommunalité, "
        "CCAS, préfecture, associations) ? Dans quel format, et qui ressaisit quoi ?"
    ),
)

# The graded assignment exercises/source/formats/formats.ipynb: its questions in order (see exercices/devoirs.py).
DEVOIR = Devoir(
    carnet=CARNET,
    questions=[mojibake, reglages, codes_par_commune, (nb_colonnes, "nb_colonnes")],
)
