"""Questions du chapitre « Avoir et communiquer les résultats d'une élection ».

Used by book/elections.md, notebooks/elections.ipynb and exercises/source/elections/elections.ipynb.
Expected numbers are computed from the shipped data (read from the official-format files by the
chapter's loader), never typed in by hand, and only when first needed: importing this bank reads
nothing from disk (``_chiffres()``; PARTICIPATION, SCORE… through the module's ``__getattr__``).
"""

from __future__ import annotations

import functools
from types import SimpleNamespace

import pandas as pd

from donnees_en_main.chapitres.elections import charger_resultats, lieux_de_vote, par_bureau, par_candidat
from donnees_en_main.exercices import au_premier_usage, ChoixMultiple, ChoixUnique, Nombre, Reflexion, CalculPandas, Texte
from donnees_en_main.exercices.devoirs import Devoir
from donnees_en_main.affichage.graphiques import nombre_fr, pourcent_fr

CARNET = "elections"


# -- reference computations (one place; the book and the workshop show the same numbers) ------------


def calculer_participation_bureaux(resultats: pd.DataFrame) -> pd.Series:
    """Turnout of each polling station in % (votants / inscrits x 100), indexed by code_bureau."""
    bureaux = resultats.drop_duplicates("code_bureau").set_index("code_bureau")
    return bureaux["votants"] / bureaux["inscrits"] * 100


def calculer_voix_par_candidat(resultats: pd.DataFrame) -> pd.Series:
    """Total votes of each candidate in the commune, indexed by the candidate's last name."""
    return resultats.groupby("nom")["voix"].sum()


@functools.cache
def _chiffres() -> SimpleNamespace:
    """The data and figures the questions quote, computed once, on first use (importing reads nothing)."""
    PRESIDENTIELLE = charger_resultats("presidentielle-2022-t1")
    LEGISLATIVES = charger_resultats("legislatives-2024-t1")
    BUREAUX = par_bureau(PRESIDENTIELLE)
    CANDIDATS = par_candidat(PRESIDENTIELLE)
    CANDIDATS_2024 = par_candidat(LEGISLATIVES)

    PARTICIPATION = round(float(100 * BUREAUX["votants"].sum() / BUREAUX["inscrits"].sum()), 1)
    MOYENNE_BUREAUX = round(float(BUREAUX["participation"].mean()), 1)

    # The candidate whose score the mean of the bureaux' percentages distorts most (Paul BERTIN, strong
    # in the two small hamlets).
    PCT_BUREAUX = (100 * PRESIDENTIELLE["voix"] / PRESIDENTIELLE["exprimes"]).groupby(PRESIDENTIELLE["candidat"]).mean()
    CANDIDAT = str((PCT_BUREAUX - CANDIDATS["pct_exprimes"]).abs().idxmax())
    SCORE = round(float(CANDIDATS.loc[CANDIDAT, "pct_exprimes"]), 1)
    SCORE_MOYEN = round(float(PCT_BUREAUX[CANDIDAT]), 1)
    SCORE_INSCRITS = round(float(CANDIDATS.loc[CANDIDAT, "pct_inscrits"]), 1)

    # First candidate of the commune: % of exprimés vs % of inscrits.
    TETE = str(CANDIDATS["voix"].idxmax())
    TETE_EXPRIMES = round(float(CANDIDATS.loc[TETE, "pct_exprimes"]), 1)
    TETE_INSCRITS = round(float(CANDIDATS.loc[TETE, "pct_inscrits"]), 1)

    # Législatives 2024: candidates with at least 12.5 % of inscrits (code électoral, art. L162).
    QUALIFIES = int((CANDIDATS_2024["pct_inscrits"] >= 12.5).sum())
    QUALIFIES_SI_EXPRIMES = int((CANDIDATS_2024["pct_exprimes"] >= 12.5).sum())

    # A polling station's procès-verbal (bureau 0001).
    PV = BUREAUX.loc["0001"]
    PV_VOTANTS, PV_BLANCS, PV_NULS, PV_EXPRIMES = (int(PV[c]) for c in ("votants", "blancs", "nuls", "exprimes"))

    # Bureau whose turnout fell most between the two elections (in points).
    BUREAUX_2024 = par_bureau(LEGISLATIVES)
    EVOLUTION = BUREAUX_2024["participation"] - BUREAUX["participation"]
    BUREAU_BAISSE = str(EVOLUTION.idxmin())
    LIEUX = lieux_de_vote()
    return SimpleNamespace(**locals())


_c = _chiffres

_PUBLICS = (
    "PRESIDENTIELLE", "LEGISLATIVES", "PARTICIPATION", "MOYENNE_BUREAUX", "CANDIDAT", "SCORE", "SCORE_MOYEN",
    "SCORE_INSCRITS", "TETE", "TETE_EXPRIMES", "TETE_INSCRITS", "QUALIFIES", "QUALIFIES_SI_EXPRIMES",
    "PV_VOTANTS", "PV_BLANCS", "PV_NULS", "PV_EXPRIMES", "BUREAU_BAISSE",
)


__getattr__ = au_premier_usage(__name__, _PUBLICS, lambda nom: getattr(_chiffres(), nom))


def _bureau(code: str) -> str:
    return f"{code} — {_chiffres().LIEUX.get(code, '')}".rstrip(" —")


# -- questions ----------------------------------------------------------------------------------------

exprimes = Nombre(
    id="elections.exprimes",
    carnet=CARNET,
    enonce=lambda: (
        f"Le procès-verbal du bureau 0001 indique {_c().PV_VOTANTS} votants, {_c().PV_BLANCS} bulletins blancs et "
        f"{_c().PV_NULS} bulletins nuls. Combien y a-t-il de suffrages exprimés ?"
    ),
    reponse=lambda: _c().PV_EXPRIMES,
    tolerance=0,
    unite="suffrages",
    erreurs_frequentes=lambda: {
        _c().PV_VOTANTS - _c().PV_NULS: (
            "Vous avez retiré les nuls mais pas les blancs. Depuis 2014, les bulletins blancs sont comptés "
            "à part, mais ils ne sont toujours pas des suffrages exprimés."
        ),
        _c().PV_VOTANTS - _c().PV_BLANCS: "Vous avez retiré les blancs mais pas les nuls : ni l'un ni l'autre ne sont exprimés.",
        _c().PV_VOTANTS: "C'est le nombre de votants. Les blancs et les nuls ne sont pas des suffrages exprimés.",
    },
    indices=[
        "Exprimés = votants − blancs − nuls.",
    ],
    solution=lambda: (
        f"{_c().PV_VOTANTS} − {_c().PV_BLANCS} − {_c().PV_NULS} = **{_c().PV_EXPRIMES}** suffrages exprimés. Les bulletins blancs "
        "sont décomptés à part et mentionnés dans les résultats, mais ils n'entrent pas dans les suffrages "
        "exprimés (code électoral, art. L65, depuis la loi n° 2014-172 du 21 février 2014)."
    ),
)

participation_commune = Nombre(
    id="elections.participation_commune",
    carnet=CARNET,
    enonce=(
        "Quelle est la participation de la commune au 1er tour de la présidentielle 2022, c'est-à-dire "
        "le nombre de votants pour 100 inscrits (en %, arrondi à 0,1) ?"
    ),
    reponse=lambda: _c().PARTICIPATION,
    tolerance=0.1,
    unite="%",
    erreurs_frequentes=lambda: {
        _c().MOYENNE_BUREAUX: (
            "C'est la moyenne des participations des bureaux. Elle donne le même poids à un hameau de "
            "300 inscrits qu'à un quartier de 1 400 : additionnez d'abord les votants et les inscrits de "
            "tous les bureaux, puis divisez."
        ),
        round(100 - _c().PARTICIPATION, 1): "C'est le taux d'abstention (abstentions ÷ inscrits), pas la participation.",
        round(_c().PARTICIPATION / 100, 3): "Le résultat est demandé en pourcentage : multipliez par 100.",
    },
    indices=[
        "Participation = votants ÷ inscrits × 100, pour toute la commune.",
        "Additionnez les votants de tous les bureaux, puis les inscrits, et divisez le premier total par le second.",
    ],
    solution=lambda: (
        f"Total des votants ÷ total des inscrits × 100 = **{pourcent_fr(_c().PARTICIPATION)}**. La moyenne des "
        f"participations des sept bureaux donnerait {pourcent_fr(_c().MOYENNE_BUREAUX)} : trop, car les petits "
        "bureaux, où l'on vote beaucoup, y pèsent autant que les grands."
    ),
)

moyenne_bureaux = ChoixUnique(
    id="elections.moyenne_bureaux",
    carnet=CARNET,
    enonce=lambda: (
        f"La moyenne des participations des sept bureaux vaut {pourcent_fr(_c().MOYENNE_BUREAUX)}, mais la "
        f"participation de la commune n'est que de {pourcent_fr(_c().PARTICIPATION)}. Pourquoi ?"
    ),
    choix=[
        "Les petits bureaux, où l'on vote beaucoup, pèsent autant que les grands dans une moyenne simple",
        "Le fichier du ministère contient une erreur de calcul",
        "La moyenne compte aussi les bulletins blancs et nuls",
        "La participation de la commune ne compte que les suffrages exprimés",
    ],
    reponse="Les petits bureaux, où l'on vote beaucoup, pèsent autant que les grands dans une moyenne simple",
    erreurs_frequentes={
        "Le fichier du ministère contient une erreur de calcul": (
            "Les deux chiffres sont justes ; ils ne répondent pas à la même question. Comparez la taille des "
            "bureaux."
        ),
        "La participation de la commune ne compte que les suffrages exprimés": (
            "Non : la participation compte tous les votants, y compris ceux qui ont voté blanc ou nul."
        ),
    },
    indices=["Regardez le nombre d'inscrits des bureaux de Saint-Firmin et des Grèves, et leur participation."],
    solution=(
        "Une moyenne simple donne le même poids à chaque bureau, quel que soit son nombre d'inscrits. Les "
        "deux hameaux (moins de 400 inscrits chacun) votent beaucoup et tirent la moyenne vers le haut. La "
        "participation de la commune se calcule sur les totaux : c'est une moyenne **pondérée** par le "
        "nombre d'inscrits."
    ),
)

denominateur = ChoixUnique(
    id="elections.denominateur",
    carnet=CARNET,
    enonce=lambda: (
        f"Un article titre : « {_c().TETE} a été choisie par {nombre_fr(_c().TETE_EXPRIMES, 0)} % des électeurs de la "
        f"commune ». Dans le fichier, {_c().TETE} a {pourcent_fr(_c().TETE_EXPRIMES)} des suffrages exprimés. "
        "Qu'en pensez-vous ?"
    ),
    choix=lambda: [
        "C'est juste : c'est son score officiel",
        f"C'est inexact : c'est un pourcentage des suffrages exprimés ; rapporté aux inscrits, c'est environ "
        f"{nombre_fr(_c().TETE_INSCRITS, 0)} %",
        "C'est inexact : il aurait fallu diviser par le nombre d'habitants",
    ],
    reponse=lambda: (
        f"C'est inexact : c'est un pourcentage des suffrages exprimés ; rapporté aux inscrits, c'est environ "
        f"{nombre_fr(_c().TETE_INSCRITS, 0)} %"
    ),
    erreurs_frequentes={
        "C'est juste : c'est son score officiel": (
            "Le score officiel est bien un pourcentage des suffrages exprimés. Mais « les électeurs » de la "
            "commune, ce sont les inscrits : beaucoup se sont abstenus ou ont voté blanc."
        ),
        "C'est inexact : il aurait fallu diviser par le nombre d'habitants": (
            "Les habitants comptent aussi les enfants et les personnes non inscrites : aucun résultat électoral "
            "ne se rapporte aux habitants."
        ),
    },
    indices=["« Les électeurs de la commune », ce sont les inscrits. Combien d'inscrits ont voté pour elle ?"],
    solution=lambda: (
        f"Le score se calcule sur les suffrages exprimés ({pourcent_fr(_c().TETE_EXPRIMES)}). Rapporté aux "
        f"inscrits, il vaut {pourcent_fr(_c().TETE_INSCRITS)} : environ un électeur sur "
        f"{round(100 / _c().TETE_INSCRITS)}. Dites « {nombre_fr(_c().TETE_EXPRIMES, 0)} % des suffrages exprimés »."
    ),
)

score_commune = Nombre(
    id="elections.score_commune",
    carnet=CARNET,
    enonce=lambda: (
        f"Quel est le score de {_c().CANDIDAT} dans toute la commune, en % des suffrages exprimés (arrondi à 0,1) ?"
    ),
    reponse=lambda: _c().SCORE,
    tolerance=0.1,
    unite="%",
    erreurs_frequentes=lambda: {
        _c().SCORE_MOYEN: (
            "C'est la moyenne de ses pourcentages dans les sept bureaux. Ce candidat fait de très bons scores "
            "dans les deux petits hameaux, qui pèsent trop lourd dans cette moyenne : additionnez ses voix, "
            "puis divisez par le total des exprimés."
        ),
        _c().SCORE_INSCRITS: "C'est un pourcentage des inscrits. Le score officiel se calcule sur les suffrages exprimés.",
        round(_c().SCORE / 100, 3): "Le résultat est demandé en pourcentage : multipliez par 100.",
    },
    indices=[
        "Additionnez ses voix dans tous les bureaux.",
        "Divisez par le total des suffrages exprimés de la commune (chaque bureau compté une seule fois), puis × 100.",
    ],
    solution=lambda: (
        f"Ses voix dans toute la commune ÷ total des exprimés × 100 = **{pourcent_fr(_c().SCORE)}**. La moyenne de "
        f"ses pourcentages par bureau ({pourcent_fr(_c().SCORE_MOYEN)}) surestime son score."
    ),
)

qualification = Nombre(
    id="elections.qualification",
    carnet=CARNET,
    enonce=(
        "Aux législatives, un candidat ne peut se maintenir au second tour que s'il a obtenu au premier tour "
        "au moins 12,5 % **des électeurs inscrits** (code électoral, art. L162). Si la circonscription votait "
        "exactement comme la commune au 1er tour de 2024, combien de candidats pourraient se maintenir ?"
    ),
    reponse=lambda: _c().QUALIFIES,
    tolerance=0,
    unite="candidats",
    erreurs_frequentes=lambda: {
        _c().QUALIFIES_SI_EXPRIMES: (
            "Vous avez compté les candidats qui ont 12,5 % des suffrages exprimés. La loi parle des inscrits : "
            "avec l'abstention, 12,5 % des inscrits, c'est bien plus que 12,5 % des exprimés."
        ),
    },
    indices=[
        "Pour chaque candidat : ses voix ÷ le total des inscrits × 100.",
        "Comptez ceux qui atteignent 12,5.",
    ],
    solution=lambda: (
        f"**{_c().QUALIFIES}** candidats atteignent 12,5 % des inscrits. En pourcentage des exprimés, "
        f"{_c().QUALIFIES_SI_EXPRIMES} dépasseraient 12,5 % : confondre les deux dénominateurs change le second tour."
    ),
)

code_bureau = Texte(
    id="elections.code_bureau",
    carnet=CARNET,
    enonce=(
        "Après avoir ouvert puis enregistré le fichier du ministère avec un tableur, la colonne "
        "« Code du b.vote » du gymnase des Sablons affiche 4. Quel était son code dans le fichier d'origine ?"
    ),
    reponses_acceptees=["0004"],
    erreurs_frequentes={
        "4": (
            "C'est ce qu'affiche le tableur, qui a pris le code pour un nombre. Dans le fichier d'origine, le "
            "code du bureau s'écrit sur 4 caractères."
        ),
    },
    indices=["Regardez comment s'écrit le code du bureau 0001 dans le fichier d'origine."],
    solution=(
        "« 0004 ». Un code n'est pas un nombre : le tableur supprime les zéros de tête. Il faut importer la "
        "colonne en texte (ou repartir du fichier d'origine)."
    ),
)

graphique_trompeur = ChoixMultiple(
    id="elections.graphique_trompeur",
    carnet=CARNET,
    enonce="Lesquels de ces choix rendent un graphique de résultats **trompeur** ?",
    choix=[
        "Un axe des barres qui commence à 20 % au lieu de 0",
        "Un camembert en trois dimensions",
        "Mettre côte à côte un score en % des inscrits et un autre en % des exprimés",
        "Trier les candidats du plus haut au plus bas score",
        "Écrire « en % des suffrages exprimés » sous le graphique",
    ],
    reponses=[
        "Un axe des barres qui commence à 20 % au lieu de 0",
        "Un camembert en trois dimensions",
        "Mettre côte à côte un score en % des inscrits et un autre en % des exprimés",
    ],
    erreurs_frequentes={
        "Trier les candidats du plus haut au plus bas score": "Trier aide à lire ; cela ne déforme rien.",
        "Écrire « en % des suffrages exprimés » sous le graphique": (
            "Au contraire : dire « % de quoi » est indispensable."
        ),
    },
    indices=["Un graphique trompe quand la longueur ou la surface dessinée n'est plus proportionnelle au chiffre."],
    solution=(
        "Les trois premiers. Un axe tronqué exagère les écarts ; la perspective d'un camembert en 3D grossit "
        "les parts du premier plan ; mélanger deux dénominateurs compare des choses différentes."
    ),
)

participation_bureaux = CalculPandas(
    id="elections.participation_bureaux",
    points=2,
    carnet=CARNET,
    nom_variable="participation",
    enonce=(
        "À partir du tableau `resultats` (une ligne par bureau et par candidat), calculez dans une variable "
        "`participation` la participation de chaque bureau en % (votants ÷ inscrits × 100), une valeur par "
        "bureau, avec le code du bureau pour étiquette."
    ),
    reponse=lambda: calculer_participation_bureaux(_c().PRESIDENTIELLE),
    tolerance=1e-6,
    indices=[
        "Chaque bureau apparaît une fois par candidat : gardez une ligne par bureau avec "
        "`resultats.drop_duplicates(\"code_bureau\").set_index(\"code_bureau\")`.",
        "Puis divisez la colonne `votants` par la colonne `inscrits`, et multipliez par 100.",
    ],
    solution=(
        "```python\nbureaux = resultats.drop_duplicates(\"code_bureau\").set_index(\"code_bureau\")\n"
        "participation = bureaux[\"votants\"] / bureaux[\"inscrits\"] * 100\n```"
    ),
)

voix_par_candidat = CalculPandas(
    id="elections.voix_par_candidat",
    carnet=CARNET,
    nom_variable="voix_par_candidat",
    enonce=(
        "À partir de votre tableau long (une ligne par bureau et par candidat), calculez dans une variable "
        "`voix_par_candidat` le total des voix de chaque candidat dans la commune, avec le **nom** du candidat "
        "pour étiquette."
    ),
    reponse=lambda: calculer_voix_par_candidat(_c().PRESIDENTIELLE),
    tolerance=0,
    indices=[
        "Regroupez les lignes par nom de candidat, puis additionnez les voix.",
        "En pandas : `long.groupby(\"nom\")[\"voix\"].sum()` — vérifiez que les voix sont des nombres et non du texte.",
    ],
    solution='`voix_par_candidat = long.groupby("nom")["voix"].sum()`',
)

bureau_baisse = ChoixUnique(
    id="elections.bureau_baisse",
    carnet=CARNET,
    enonce=(
        "Entre la présidentielle 2022 et les législatives 2024, dans quel bureau la participation a-t-elle "
        "le plus baissé (en points) ?"
    ),
    choix=lambda: [_bureau(c) for c in _c().BUREAUX.index],
    reponse=lambda: _bureau(_c().BUREAU_BAISSE),
    erreurs_frequentes=lambda: {
        _bureau(str(_c().BUREAUX_2024["participation"].idxmin())): (
            "C'est le bureau où l'on vote le moins, aux deux élections. La question porte sur la baisse entre "
            "les deux."
        ),
    },
    indices=["Dans le comparateur, regardez l'écart entre les deux barres de chaque bureau, pas leur hauteur."],
    solution=lambda: (
        f"Le bureau {_bureau(_c().BUREAU_BAISSE)} : une baisse de {nombre_fr(-float(_c().EVOLUTION.min()))} points. "
        "Attention, sur un "
        "petit bureau, quelques dizaines d'électeurs suffisent à faire bouger le taux de plusieurs points."
    ),
)

annonce = Reflexion(
    id="elections.annonce",
    carnet=CARNET,
    enonce=(
        "Rédigez en trois phrases l'annonce des résultats du 1er tour pour le site de la commune : la "
        "participation, le candidat en tête et son score, en disant chaque fois « pour cent de quoi »."
    ),
)

# The graded assignment exercises/source/elections/elections.ipynb: its questions in order (see exercices/devoirs.py).
DEVOIR = Devoir(
    carnet=CARNET,
    questions=[denominateur, qualification, participation_bureaux,
               (participation_commune, "participation_commune"), (score_commune, "score")],
)
