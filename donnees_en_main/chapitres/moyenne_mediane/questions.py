"""Questions et exemples du chapitre « Moyenne, médiane, taux : lire un chiffre sans se tromper ».

Used by book/moyenne-mediane.md, notebooks/moyenne-mediane.ipynb and
exercises/source/moyenne-mediane/moyenne-mediane.ipynb: the examples (the subsidies of the fictional
commune, read from the course's SCDL file ``subventions``; fictional household incomes), the « one big
value » comparator widget and the question bank are written once, here. Expected numbers are
computed from the data, never typed in by hand, and only when first needed: importing this bank reads
nothing from disk (``_chiffres()``; MEDIANE, TAUX_GLOBAL… through the module's ``__getattr__``).

    from donnees_en_main.chapitres.moyenne_mediane import questions as q
    q.subventions()                    # money received by each association in 2024 (pandas Series, €)
    q.subventions(exceptionnelle=0)    # the same, had the year's big exceptional subsidy not been voted
    q.comparateur()                    # slider: the size of the big value -> live mean and median
    q.taux_global(charger("achats-cantines"))   # overall organic share (a weighted mean)
"""

from __future__ import annotations

import functools
import html
from types import SimpleNamespace

import pandas as pd

from donnees_en_main import faits
from donnees_en_main.donnees import charger
from donnees_en_main.exercices import au_premier_usage, ChoixUnique, Nombre, Reflexion
from donnees_en_main.exercices.devoirs import Devoir
from donnees_en_main.affichage.graphiques import BLEU, ORANGE, VERT, nombre_fr, pourcent_fr
from donnees_en_main.chapitres.cantine.questions import calculer_part_bio

CARNET = "moyenne-mediane"
ANNEE = 2024  # the year of the subsidies examined


def euros(x: float) -> str:
    """12500 -> '12 500 €' (French typography)."""
    return f"{nombre_fr(x, 0)}\u00a0€"


# --- The subsidies of the fictional commune (SCDL file « subventions ») ---------------------------
def subventions_en_argent(annee: int = ANNEE, tableau: pd.DataFrame | None = None,
                          annuaire: pd.DataFrame | None = None) -> pd.DataFrame:
    """The money subsidies (« aide en numéraire ») decided in `annee`, one row per decision.

    Columns: ``association`` (its name in the association directory, matched on the RNA number —
    names are written several ways in the file), ``montant`` (the beneficiary's share, in €),
    ``objet``, ``exceptionnelle`` (True unless the object is the yearly running grant).
    """
    tableau = charger("subventions") if tableau is None else tableau
    annuaire = charger("annuaire-associations") if annuaire is None else annuaire
    lignes = tableau[(tableau["dateConvention"].dt.year == annee)
                     & (tableau["nature"].str.strip() == "aide en numéraire")]
    noms = annuaire.dropna(subset=["rna"]).set_index("rna")["nom"]
    association = lignes["rnaBeneficiaire"].map(noms).fillna(lignes["nomBeneficiaire"].str.strip())
    part = lignes["pourcentageSubvention"].fillna(1.0)
    return pd.DataFrame({
        "association": association.astype(str),
        "montant": lignes["montant"] * part,
        "objet": lignes["objet"].astype(str),
        "exceptionnelle": ~lignes["objet"].str.contains("fonctionnement", case=False, na=False),
    }).reset_index(drop=True)


@functools.cache
def _grande() -> tuple[pd.DataFrame, pd.Series]:
    """(the year's money subsidies, the largest exceptional one), read on first use."""
    lignes = subventions_en_argent()
    return lignes, lignes[lignes["exceptionnelle"]].sort_values("montant").iloc[-1]


def subventions(exceptionnelle: float | None = None) -> pd.Series:
    """Money received by each association in ANNEE (€), largest last, indexed by association.

    `exceptionnelle`: replace the amount of the year's largest exceptional subsidy (GRANDE_OBJET, to
    GRANDE_ASSOCIATION) by this value — 0 as if it had not been voted. None: the amounts as voted.
    """
    lignes, grande = _grande()
    lignes = lignes.copy()
    if exceptionnelle is not None:
        lignes.loc[grande.name, "montant"] = float(exceptionnelle)
    serie = lignes.groupby("association")["montant"].sum().sort_values(kind="stable")
    serie.name = "montant"
    return serie


# --- Fictional households (illustrative values) ----------------------------------------------------
# Yearly disposable income of the households of one street, in euros (fictional).
REVENUS = [14_000, 17_500, 19_000, 21_000, 22_500, 24_000, 26_500, 29_000, 33_000]
CRANS_REVENU = [0, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_000_000]


def revenus(grand: float = 0) -> pd.Series:
    """Fictional yearly incomes (€) of a street's households, plus one rich household if `grand` > 0."""
    valeurs = [float(v) for v in REVENUS] + ([float(grand)] if grand else [])
    return pd.Series(valeurs, index=[f"ménage {i + 1}" for i in range(len(valeurs))], name="revenu")


def taux_global(achats: pd.DataFrame) -> float:
    """Organic share (%) of all the canteens' purchases together: total organic ÷ total purchases."""
    return float(achats["achats_bio_ht"].sum() / achats["achats_totaux_ht"].sum() * 100)


def evolution_pourcent(avant: float, apres: float) -> float:
    """Rate of change in % (12 % -> 15 % gives +25 %), not the difference in points (+3 points)."""
    return (apres - avant) / avant * 100


# --- The « one big value » comparator -------------------------------------------------------------
# how the text names the big beneficiary: « le football-club »
@functools.cache
def _scenarios() -> dict:
    """The comparator's two examples (the subsidies' one quotes the shipped data: built on first use)."""
    GRANDE_SUBVENTION, COURT = _c().GRANDE_SUBVENTION, _c().COURT
    return {
        "subventions": {
            "menu": "Les subventions aux associations",
            "curseur": "Subvention exceptionnelle :",
            "valeurs": lambda x: subventions(exceptionnelle=x),
            "crans": _c().CRANS_SUBVENTION,
            "aucune": "aucune",
            "libelle": lambda x: euros(x) + (" (votée)" if x == GRANDE_SUBVENTION else ""),
            "qui": ("association", "associations"),
            "phrase_grande": lambda x: (f"Avec une subvention exceptionnelle de {euros(x)} "
                                        f"{'(le montant voté) ' if x == GRANDE_SUBVENTION else ''}pour le {COURT}"),
            "phrase_sans": f"Sans la subvention exceptionnelle du {COURT}",
            "verbe": ("reçoit", "reçoivent"),
        },
        "revenus": {
            "menu": "Les revenus des ménages d'une rue",
            "curseur": "Revenu du ménage qui emménage :",
            "valeurs": lambda x: revenus(x),
            "crans": CRANS_REVENU,
            "aucune": "personne n'emménage",
            "libelle": euros,
            "qui": ("ménage", "ménages"),
            "phrase_grande": lambda x: f"Avec un ménage très aisé qui gagne {euros(x)} par an",
            "phrase_sans": "Avant l'arrivée du nouveau ménage",
            "verbe": ("gagne", "gagnent"),
        },
    }


def _barre(libelle: str, valeur: float, maximum: float, couleur: str, motif: str) -> str:
    largeur = max(0.5, min(100.0, valeur / maximum * 100))
    return (
        "<div style='display:flex;align-items:center;margin:0.25em 0'>"
        f"<span style='width:7em;flex:none'>{html.escape(libelle)}</span>"
        f"<span style='flex:1;background:#eee;height:1.3em;position:relative'>"
        f"<span style='display:block;height:100%;width:{largeur:.1f}%;background:{couleur};"
        f"background-image:{motif}'></span></span>"
        f"<strong style='width:8em;text-align:right;flex:none'>{euros(valeur)}</strong></div>"
    )


def vue_grande_valeur(scenario: str, grande: float, maximum: float | None = None) -> str:
    """HTML: mean and median of the scenario's values once the big value `grande` is added."""
    s = _scenarios()[scenario]
    valeurs = s["valeurs"](grande)
    moyenne, mediane = float(valeurs.mean()), float(valeurs.median())
    maximum = maximum or max(moyenne, mediane) * 1.05
    sous = int((valeurs < moyenne).sum())
    un, plusieurs = s["qui"]
    debut = s["phrase_grande"](grande) if grande else s["phrase_sans"]
    rayures = "repeating-linear-gradient(45deg,transparent 0 4px,rgba(255,255,255,.55) 4px 7px)"
    return (
        "<div style='max-width:40em'>"
        f"<p style='margin:0.3em 0'>{html.escape(debut)} : {len(valeurs)} {plusieurs}, "
        f"{euros(valeurs.sum())} au total.</p>"
        + _barre("Moyenne", moyenne, maximum, ORANGE, rayures)
        + _barre("Médiane", mediane, maximum, VERT, "none")
        + f"<p style='margin:0.3em 0'><strong>{sous} {plusieurs if sous > 1 else un} sur {len(valeurs)}</strong> "
        f"{s['verbe'][sous > 1]} moins que la moyenne.</p></div>"
    )


def comparateur():
    """Choose an example and the size of the big value: the mean and the median, side by side.

    Every position is drawn in advance and the menu and the slider switch between them in the
    browser (``interactif.vues_par_choix``), so it works in the published book without a kernel.
    """
    import ipywidgets as widgets

    from donnees_en_main.affichage.interactif import vues_par_choix

    def exemple(nom: str):
        s = _scenarios()[nom]
        crans = s["crans"]
        maximum = max(max(float(s["valeurs"](x).mean()), float(s["valeurs"](x).median())) for x in crans) * 1.05
        curseur = widgets.SelectionSlider(
            options=[(s["aucune"] if x == 0 else s["libelle"](x), x) for x in crans], description=s["curseur"],
            readout=False,  # the view's first sentence says the chosen amount in full
            style={"description_width": "initial"}, layout=widgets.Layout(width="95%", max_width="38em"),
        )
        depart = crans.index(_c().GRANDE_SUBVENTION) if nom == "subventions" else 0
        page = vues_par_choix([curseur], lambda x: widgets.HTML(vue_grande_valeur(nom, x, maximum)),
                              index_initial=[depart])
        page.curseur, page.vues, page.crans = curseur, page.children[1], crans  # handy for tests and trainers
        return page

    boite = vues_par_choix([("Exemple :", [(s["menu"], nom) for nom, s in _scenarios().items()])], exemple)
    boite.menu, boite.exemples = boite.menus[0], boite.children[1]
    return boite


# --- Figures used in the statements ---------------------------------------------------------------
@functools.cache
def _chiffres() -> SimpleNamespace:
    """The figures the statements quote, computed once, on first use (importing reads nothing)."""
    _, grande = _grande()
    GRANDE_ASSOCIATION = str(grande["association"])  # who received the year's largest exceptional subsidy
    GRANDE_SUBVENTION = float(grande["montant"])
    GRANDE_OBJET = str(grande["objet"])
    CRANS_SUBVENTION = sorted({0.0, 10_000.0, GRANDE_SUBVENTION, 60_000.0, 100_000.0, 150_000.0})
    # how the text names the big beneficiary: « le football-club »
    COURT = "football-club" if "football" in GRANDE_ASSOCIATION.lower() else GRANDE_ASSOCIATION

    VOTEES = subventions()
    NB_ASSOCIATIONS = len(VOTEES)
    TOTAL = float(VOTEES.sum())
    MOYENNE = float(VOTEES.mean())
    MEDIANE = float(VOTEES.median())
    SOUS_LA_MOYENNE = int((VOTEES < MOYENNE).sum())
    TOTAL_GRANDE = float(VOTEES[GRANDE_ASSOCIATION])  # the big beneficiary's whole year, running grant included
    MOYENNE_SANS = float(subventions(exceptionnelle=0).mean())
    MEDIANE_SANS = float(subventions(exceptionnelle=0).median())

    ACHATS = charger("achats-cantines")
    PARTS = calculer_part_bio(ACHATS)
    MOYENNE_DES_TAUX = float(PARTS.mean())
    MEDIANE_DES_TAUX = float(PARTS.median())
    TAUX_GLOBAL = taux_global(ACHATS)
    NB_CANTINES = len(ACHATS)
    return SimpleNamespace(**locals())


_c = _chiffres
_PUBLICS = (
    "GRANDE_ASSOCIATION", "GRANDE_SUBVENTION", "GRANDE_OBJET", "CRANS_SUBVENTION", "NB_ASSOCIATIONS", "TOTAL",
    "MOYENNE", "MEDIANE", "SOUS_LA_MOYENNE", "TOTAL_GRANDE", "MOYENNE_SANS", "MEDIANE_SANS", "MOYENNE_DES_TAUX",
    "MEDIANE_DES_TAUX", "TAUX_GLOBAL", "NB_CANTINES",
)


__getattr__ = au_premier_usage(__name__, _PUBLICS, lambda nom: getattr(_chiffres(), nom))


# Percentage points vs per cent: the property tax rate example and the organic share example.
TAXE_AVANT, TAXE_APRES = 20.0, 22.0
BIO_AVANT, BIO_APRES = 8.0, 12.0

# Per inhabitant: two fictional communes.
COMMUNE_A = {"nom": "Commune A", "subventions": 60_000, "habitants": 1_500}
COMMUNE_B = {"nom": "Commune B", "subventions": 150_000, "habitants": 6_000}

# --- Questions --------------------------------------------------------------------------------------
indicateur_subventions = ChoixUnique(
    id="moyenne-mediane.indicateur_subventions",
    carnet=CARNET,
    enonce=lambda: (
        f"En {ANNEE}, la commune a versé des subventions à {_c().NB_ASSOCIATIONS} associations. Le {_c().COURT} a reçu "
        f"{euros(_c().TOTAL_GRANDE)}, dont {euros(_c().GRANDE_SUBVENTION)} pour une dépense exceptionnelle ; la plupart "
        f"des autres associations ont reçu quelques centaines ou quelques milliers d'euros. Pour dire dans le "
        "bulletin municipal ce que reçoit une association « typique », quel chiffre choisir ?"
    ),
    choix=["La subvention moyenne", "La subvention médiane", "La plus forte subvention", "Le total des subventions"],
    reponse="La subvention médiane",
    erreurs_frequentes=lambda: {
        "La subvention moyenne": (
            f"La moyenne vaut ici {euros(_c().MOYENNE)} : elle est tirée vers le haut par quelques grosses "
            f"subventions, et {_c().SOUS_LA_MOYENNE} associations sur {_c().NB_ASSOCIATIONS} reçoivent moins."
        ),
        "Le total des subventions": "Le total dit l'effort de la commune, pas ce que reçoit une association.",
    },
    indices=[
        "Cherchez la valeur qui coupe les associations en deux groupes de même taille.",
        "Une très grosse subvention déplace-t-elle ce chiffre ?",
    ],
    solution=lambda: (
        f"La médiane ({euros(_c().MEDIANE)}) : la moitié des associations reçoit moins, l'autre moitié plus. "
        f"La moyenne ({euros(_c().MOYENNE)}) additionne tout puis partage : quelques grosses subventions suffisent "
        "à la gonfler. Pour un message complet : la médiane, et à part, les grosses subventions et leur objet."
    ),
)

mediane_subventions = Nombre(
    id="moyenne-mediane.mediane_subventions",
    carnet=CARNET,
    enonce=lambda: (
        f"Quelle est la subvention **médiane** reçue par les {_c().NB_ASSOCIATIONS} associations en {ANNEE}, en euros ?"
    ),
    reponse=lambda: _c().MEDIANE,
    tolerance=0.5,
    unite="€",
    erreurs_frequentes=lambda: {
        round(_c().MOYENNE, 2): "C'est la moyenne, pas la médiane : les grosses subventions la tirent vers le haut.",
    },
    indices=lambda: ["Avec pandas, une série a une méthode `.median()`.",
             f"Rangez les {_c().NB_ASSOCIATIONS} montants du plus petit au plus grand : la médiane est celui du milieu."],
    solution=lambda: (
        f"`subventions.median()` donne {euros(_c().MEDIANE)}. Sans la subvention exceptionnelle du {_c().COURT}, elle "
        f"vaudrait {euros(_c().MEDIANE_SANS)} : la médiane n'a pas bougé, alors que la moyenne passe de "
        f"{euros(_c().MOYENNE_SANS)} à {euros(_c().MOYENNE)}."
    ),
)

moyenne_subventions = Nombre(
    id="moyenne-mediane.moyenne_subventions",
    carnet=CARNET,
    enonce=lambda: f"Et la subvention **moyenne** des {_c().NB_ASSOCIATIONS} associations en {ANNEE} (en euros, arrondie à l'euro) ?",
    reponse=lambda: round(_c().MOYENNE),
    tolerance=1,
    unite="€",
    erreurs_frequentes=lambda: {
        round(_c().MEDIANE): "C'est la médiane : la moyenne additionne tout puis partage.",
        round(_c().MOYENNE_SANS): "C'est la moyenne sans la subvention exceptionnelle.",
    },
    indices=lambda: [f"La moyenne, c'est le total divisé par le nombre d'associations ({_c().NB_ASSOCIATIONS}).",
             "En pandas : `.mean()`."],
    solution=lambda: f"Le total ({euros(_c().TOTAL)}) divisé par {_c().NB_ASSOCIATIONS} : {euros(_c().MOYENNE)}.",
)

points_ou_pourcent = ChoixUnique(
    id="moyenne-mediane.points_ou_pourcent",
    carnet=CARNET,
    enonce=(
        f"Le taux de la taxe foncière de la commune passe de {nombre_fr(TAXE_AVANT, 0)} % à "
        f"{nombre_fr(TAXE_APRES, 0)} %. Quelle phrase est juste ?"
    ),
    choix=[
        "Le taux augmente de 2 %",
        "Le taux augmente de 2 points, soit une hausse de 10 %",
        "Le taux augmente de 10 points",
    ],
    reponse="Le taux augmente de 2 points, soit une hausse de 10 %",
    erreurs_frequentes={
        "Le taux augmente de 2 %": (
            "Deux pour cent de 20 %, ce serait 0,4 point seulement. La différence entre deux taux se dit en "
            "« points de pourcentage » ; en pour cent, c'est la hausse rapportée au taux de départ."
        ),
        "Le taux augmente de 10 points": "Dix, c'est la hausse en pour cent ; la différence, elle, est de 2 points.",
    },
    indices=["Calculez la différence entre les deux taux, puis cette différence rapportée au taux de départ."],
    solution=(
        "22 − 20 = 2 **points** de pourcentage ; 2 ÷ 20 = 10 % de hausse. Les deux phrases sont justes, "
        "mais « +2 % » est faux : un contribuable verra sa part de taxe liée au taux augmenter de 10 %, "
        "à base égale."
    ),
)

evolution_bio = Nombre(
    id="moyenne-mediane.evolution_bio",
    carnet=CARNET,
    enonce=(
        f"La part de bio dans les achats d'une cantine passe de {nombre_fr(BIO_AVANT, 0)} % à "
        f"{nombre_fr(BIO_APRES, 0)} %. De combien de **pour cent** a-t-elle augmenté ?"
    ),
    reponse=evolution_pourcent(BIO_AVANT, BIO_APRES),
    tolerance=0.5,
    unite="%",
    erreurs_frequentes={
        BIO_APRES - BIO_AVANT: "C'est la hausse en points de pourcentage. En pour cent, rapportez-la à la part de départ.",
    },
    indices=["Hausse en pour cent = (nouvelle valeur − ancienne valeur) ÷ ancienne valeur × 100."],
    solution=(
        f"(12 − 8) ÷ 8 × 100 = 50 % de hausse, pour 4 points de pourcentage. Les deux sont vrais ; « +4 % » "
        "serait faux."
    ),
)

par_habitant = ChoixUnique(
    id="moyenne-mediane.par_habitant",
    carnet=CARNET,
    enonce=(
        f"La {COMMUNE_A['nom']} ({nombre_fr(COMMUNE_A['habitants'], 0)} habitants) verse "
        f"{euros(COMMUNE_A['subventions'])} de subventions à ses associations ; la {COMMUNE_B['nom']} "
        f"({nombre_fr(COMMUNE_B['habitants'], 0)} habitants) en verse {euros(COMMUNE_B['subventions'])}. "
        "Laquelle soutient le plus ses associations, rapporté à sa population ?"
    ),
    choix=[COMMUNE_A["nom"], COMMUNE_B["nom"], "Elles font le même effort"],
    reponse=COMMUNE_A["nom"],
    erreurs_frequentes={
        COMMUNE_B["nom"]: (
            "Elle verse plus au total, mais elle a quatre fois plus d'habitants : rapportez chaque total à la "
            "population."
        ),
    },
    indices=["Divisez chaque total par le nombre d'habitants : combien d'euros par habitant ?"],
    solution=(
        f"{COMMUNE_A['nom']} : {euros(COMMUNE_A['subventions'] / COMMUNE_A['habitants'])} par habitant ; "
        f"{COMMUNE_B['nom']} : {euros(COMMUNE_B['subventions'] / COMMUNE_B['habitants'])}. Le plus gros "
        "total n'est pas le plus gros effort."
    ),
)

taux_global_bio = Nombre(
    id="moyenne-mediane.taux_global_bio",
    points=2,
    carnet=CARNET,
    enonce=lambda: (
        f"Les {_c().NB_CANTINES} cantines de la communauté de communes (fictive) ont déclaré leurs achats. Quelle "
        "est la part du bio dans **l'ensemble** de leurs achats, en % (arrondie à 0,1) ?"
    ),
    reponse=lambda: round(_c().TAUX_GLOBAL, 1),
    tolerance=0.1,
    unite="%",
    erreurs_frequentes=lambda: {
        round(_c().MOYENNE_DES_TAUX, 1): (
            "C'est la moyenne des parts de chaque cantine : chaque cantine y pèse autant, la petite comme la "
            "grande. Pour l'ensemble des achats, additionnez d'abord, puis divisez."
        ),
        round(_c().MEDIANE_DES_TAUX, 1): "C'est la médiane des parts de chaque cantine, pas la part de l'ensemble des achats.",
        round(_c().TAUX_GLOBAL / 100, 3): "Le résultat est demandé en pourcentage : multipliez par 100.",
    },
    indices=[
        "Additionnez d'abord tous les achats bio, puis tous les achats, et divisez l'un par l'autre.",
        'En pandas : `achats["achats_bio_ht"].sum() / achats["achats_totaux_ht"].sum() * 100`.',
    ],
    solution=lambda: (
        f"Total bio ÷ total des achats × 100 = {pourcent_fr(_c().TAUX_GLOBAL)}. La moyenne des parts de chaque "
        f"cantine ({pourcent_fr(_c().MOYENNE_DES_TAUX)}) est plus haute, parce que les petites cantines, très "
        "bio, y pèsent autant que les grandes."
    ),
)

def _fait(identifiant: str) -> str:
    """A real figure as the registry of facts prints it (plain spaces: it goes into answer choices)."""
    return faits.fait(identifiant).valeur.replace("\u00a0", " ")


# The national figures come from the registry of facts (donnees_en_main.faits), never typed in here.
_NB, _MOYENNE, _MEDIANE, _MINISTERE = (_fait(f"cantines-2021-{i}") for i in ("nb", "moyenne", "mediane", "ministere"))

ma_cantine = ChoixUnique(
    id="moyenne-mediane.ma_cantine",
    carnet=CARNET,
    enonce=(
        f"Lors de la campagne 2021 de la plateforme nationale « ma cantine » ({_NB} déclarations), la part "
        f"de bio moyenne des cantines déclarantes était de {_MOYENNE} et la part médiane de {_MEDIANE}. "
        "Quelle phrase est juste ?"
    ),
    choix=[
        f"La moitié des cantines déclarantes avaient moins de {_MEDIANE} de bio",
        f"La plupart des cantines déclarantes avaient environ {_MOYENNE} de bio",
        "Les deux chiffres se contredisent : l'un des deux est faux",
    ],
    reponse=f"La moitié des cantines déclarantes avaient moins de {_MEDIANE} de bio",
    erreurs_frequentes={
        f"La plupart des cantines déclarantes avaient environ {_MOYENNE} de bio": (
            "La moyenne ne dit pas où se trouvent la plupart des cantines : quelques cantines très bio la "
            "tirent vers le haut."
        ),
        "Les deux chiffres se contredisent : l'un des deux est faux": (
            "Ils sont justes tous les deux : une moyenne au-dessus de la médiane signale simplement quelques "
            "valeurs très hautes."
        ),
    },
    indices=["Que signifie « médiane » ? Elle coupe les cantines en deux groupes…"],
    solution=(
        f"La médiane coupe les cantines en deux : la moitié des déclarantes faisaient moins de {_MEDIANE} de bio. "
        "La moyenne, plus haute, est tirée par quelques cantines très engagées. Ni l'une ni l'autre n'est « le "
        "chiffre de la France » : seule une minorité de cantines a déclaré, et le ministère annonce un troisième "
        f"chiffre, la part du bio dans l'ensemble de leurs achats ({_MINISTERE}). Source : ma cantine "
        "(ministère de l'Agriculture et beta.gouv.fr), données publiées sur data.gouv.fr."
    ),
)

chiffre_de_ma_commune = Reflexion(
    id="moyenne-mediane.chiffre_de_ma_commune",
    carnet=CARNET,
    enonce=(
        "Pensez à un chiffre présenté récemment dans votre commune (au conseil, dans le bulletin, dans la "
        "presse). Était-ce une moyenne, une médiane, un total, un taux ? De quoi, et par rapport à quoi ? "
        "Comment le présenteriez-vous aujourd'hui ?"
    ),
)

# The graded assignment exercises/source/moyenne-mediane/moyenne-mediane.ipynb: its questions in order (see exercices/devoirs.py).
DEVOIR = Devoir(
    carnet=CARNET,
    questions=[indicateur_subventions, points_ou_pourcent, (mediane_subventions, "mediane"),
               (taux_global_bio, "taux_global")],
)
