"""Questions du chapitre « Répondre à un citoyen, piloter, concerter ».

Used by book/repondre-citoyen.md, notebooks/repondre-citoyen.ipynb and
exercises/source/repondre-citoyen/repondre-citoyen.ipynb. Expected numbers are computed from the
shipped data, never typed in by hand, and only when first needed: importing this bank reads nothing
from disk (``_chiffres()``; TOTAL_FOOT, ANNEE_PIC… through the module's ``__getattr__``).
"""

from __future__ import annotations

import functools

import pandas as pd

from donnees_en_main.chapitres import repondre_citoyen as rc
from donnees_en_main.donnees import charger
from donnees_en_main.exercices import au_premier_usage, ChoixMultiple, ChoixUnique, Nombre, Reflexion, CalculPandas
from donnees_en_main.exercices.devoirs import Devoir
from donnees_en_main.affichage.graphiques import nombre_fr, pourcent_fr

CARNET = "repondre-citoyen"
FOOT = "Football Club de Belval-sur-Loire"


def calculer_montant_recu(subventions: pd.DataFrame) -> pd.Series:
    """What each row gives its beneficiary: the total amount times the beneficiary's share."""
    return subventions["montant"] * subventions["pourcentageSubvention"]


@functools.cache
def _chiffres() -> dict:
    """The data and figures the questions quote, computed once from the shipped data."""
    SUBVENTIONS = rc.lire_subventions()
    ANNUAIRE = charger("annuaire-associations")
    DELIBERATIONS = charger("deliberations")
    PREP = rc.preparer(SUBVENTIONS, ANNUAIRE)
    ANNEES = sorted(int(a) for a in PREP["annee"].dropna().unique())
    SIRET_FOOT = ANNUAIRE.loc[ANNUAIRE["nom"] == FOOT, "siret"].iloc[0]

    _foot = SUBVENTIONS[SUBVENTIONS["idBeneficiaire"] == SIRET_FOOT]
    _argent = _foot["nature"] == "aide en numéraire"
    TOTAL_FOOT = float(calculer_montant_recu(_foot)[_argent].sum())
    TOTAL_FOOT_SANS_PART = float(_foot[_argent]["montant"].sum())  # the shared subsidy counted in full
    TOTAL_FOOT_AVEC_NATURE = float(calculer_montant_recu(_foot).sum())
    _par_nom = SUBVENTIONS[(SUBVENTIONS["nomBeneficiaire"] == FOOT) & (SUBVENTIONS["nature"] == "aide en numéraire")]
    TOTAL_FOOT_PAR_NOM = float(calculer_montant_recu(_par_nom).sum())  # misses the years it was named otherwise

    _par_annee = rc.totaux_par_annee(PREP, beneficiaire=FOOT)
    ANNEE_PIC = int(_par_annee["argent"].idxmax())
    FOOT_ANNEE_PIC = float(_par_annee.loc[ANNEE_PIC, "argent"])
    FOOT_ANNEE_PIC_NATURE = float(_par_annee.loc[ANNEE_PIC, "nature"])
    _pic = PREP[(PREP["beneficiaire"] == FOOT) & (PREP["annee"] == ANNEE_PIC) & ~PREP["en_nature"]]
    FOOT_ANNEE_PIC_EXCEPTIONNELLE = float(_pic[_pic["type_aide"] != "fonctionnement"]["montant_beneficiaire"].sum())
    FOOT_ANNEE_PIC_FONCTIONNEMENT = float(_pic[_pic["type_aide"] == "fonctionnement"]["montant_beneficiaire"].sum())

    _tous = PREP[~PREP["en_nature"]]["montant_beneficiaire"].sum()
    PART_FOOT = round(TOTAL_FOOT / _tous * 100, 1)
    DERNIERE_ANNEE = ANNEES[-1]
    ARGENT_DERNIERE_ANNEE = float(PREP[~PREP["en_nature"] & (PREP["annee"] == DERNIERE_ANNEE)]["montant_beneficiaire"].sum())
    PAR_HABITANT = round(ARGENT_DERNIERE_ANNEE / rc.POPULATION, 2)

    _minibus = DELIBERATIONS[DELIBERATIONS["DELIB_OBJET"].str.contains("minibus")].iloc[0]
    _concertation = DELIBERATIONS[DELIBERATIONS["DELIB_OBJET"].str.contains("concertation avec les associations")].iloc[0]
    DELIB_MINIBUS, DELIB_CONCERTATION = _minibus, _concertation
    AVEC_CONTRE = int((DELIBERATIONS["VOTE_CONTRE"] > 0).sum())
    return dict(locals())


class _Chiffres:
    """``_k.TOTAL_FOOT``: a figure of ``_chiffres()``, computed on first use."""

    def __getattr__(self, nom: str):
        try:
            return _chiffres()[nom]
        except KeyError:
            raise AttributeError(nom) from None


_k = _Chiffres()
_PUBLICS = ("SUBVENTIONS", "ANNUAIRE", "DELIBERATIONS", "PREP", "ANNEES", "SIRET_FOOT", "TOTAL_FOOT", "TOTAL_FOOT_SANS_PART", "TOTAL_FOOT_AVEC_NATURE", "TOTAL_FOOT_PAR_NOM", "ANNEE_PIC", "FOOT_ANNEE_PIC", "FOOT_ANNEE_PIC_NATURE", "FOOT_ANNEE_PIC_EXCEPTIONNELLE", "FOOT_ANNEE_PIC_FONCTIONNEMENT", "PART_FOOT", "DERNIERE_ANNEE", "ARGENT_DERNIERE_ANNEE", "PAR_HABITANT", "DELIB_MINIBUS", "DELIB_CONCERTATION", "AVEC_CONTRE")


__getattr__ = au_premier_usage(__name__, _PUBLICS, lambda nom: _chiffres()[nom])


def _e(x: float) -> str:
    return rc.euros(x)


# --------------------------------------------------------------------------- the dataset

ligne = ChoixUnique(
    id="repondre-citoyen.ligne",
    carnet=CARNET,
    enonce=(
        "Dans le fichier des subventions publié au format national, que représente **une ligne** ?"
    ),
    choix=[
        "Une association, avec le total de ce qu'elle a reçu",
        "Un versement d'argent sur le compte du bénéficiaire",
        "Une subvention attribuée à un bénéficiaire par une décision",
        "Une année du budget de la commune",
    ],
    reponse="Une subvention attribuée à un bénéficiaire par une décision",
    erreurs_frequentes={
        "Une association, avec le total de ce qu'elle a reçu": (
            "Une même association apparaît sur plusieurs lignes : une par subvention (fonctionnement, "
            "projet, aide en nature…), et chaque année. C'est à vous de faire le total."
        ),
        "Un versement d'argent sur le compte du bénéficiaire": (
            "Une subvention peut être versée en plusieurs fois (colonne datesPeriodeVersement), et certaines "
            "ne sont pas de l'argent du tout : les aides en nature sont des prêts de locaux ou de matériel."
        ),
    },
    indices=[
        "Cherchez le Football Club dans le fichier : combien de lignes a-t-il ?",
        "Regardez les colonnes dateConvention, referenceDecision et pourcentageSubvention.",
    ],
    solution=(
        "Une subvention attribuée à un bénéficiaire : la décision (referenceDecision), sa date, son objet, son "
        "montant. Un bénéficiaire a donc plusieurs lignes. Et quand une subvention est partagée entre deux "
        "bénéficiaires, elle occupe deux lignes, avec le montant total répété sur chacune."
    ),
)

bonnes_questions = ChoixMultiple(
    id="repondre-citoyen.bonnes_questions",
    carnet=CARNET,
    enonce=(
        "Un journaliste demande combien la commune a donné au club de foot en trois ans. Avant de répondre "
        "avec le fichier des subventions, quelles questions faut-il se poser ?"
    ),
    choix=[
        "Qui a produit ce fichier, et jusqu'à quelle date est-il à jour ?",
        "Que représente une ligne ?",
        "Les aides en nature (prêt du stade) sont-elles comptées, et comment ?",
        "Le club apparaît-il toujours sous le même nom ?",
        "Par rapport à quoi comparer : les autres associations, le nombre d'adhérents ?",
        "Le journaliste est-il favorable au club ?",
    ],
    reponses=[
        "Qui a produit ce fichier, et jusqu'à quelle date est-il à jour ?",
        "Que représente une ligne ?",
        "Les aides en nature (prêt du stade) sont-elles comptées, et comment ?",
        "Le club apparaît-il toujours sous le même nom ?",
        "Par rapport à quoi comparer : les autres associations, le nombre d'adhérents ?",
    ],
    erreurs_frequentes={
        "Le journaliste est-il favorable au club ?": (
            "La réponse doit être la même quel que soit celui qui pose la question : c'est ce qui la rend "
            "incontestable."
        ),
        "Le club apparaît-il toujours sous le même nom ?": (
            "Le nom est saisi à la main : il change parfois d'une année à l'autre. Les numéros SIRET ou RNA, eux, "
            "ne changent pas."
        ),
    },
    indices=["Ce sont des questions posées au fichier, pas à la personne qui demande."],
    solution=(
        "Toutes sauf la dernière : qui a produit le fichier et quand, ce que représente une ligne, ce qui y "
        "est compté ou non (aides en nature), comment retrouver le bénéficiaire (par son identifiant, pas "
        "par son nom), et à quoi comparer. Une bonne réponse ne dépend pas de qui pose la question."
    ),
)

montant_recu = CalculPandas(
    id="repondre-citoyen.montant_recu",
    points=2,
    carnet=CARNET,
    nom_variable="montant_recu",
    enonce=(
        "Calculez dans une variable `montant_recu` ce que chaque ligne du tableau `subventions` attribue "
        "**à son bénéficiaire** : pour une subvention partagée, seulement sa part."
    ),
    reponse=lambda: calculer_montant_recu(_k.SUBVENTIONS),
    tolerance=1e-6,
    indices=[
        "La colonne montant donne le total de la subvention, la colonne pourcentageSubvention la part du "
        "bénéficiaire (1 s'il est seul, 0.6 pour 60 %).",
        'En pandas : `subventions["montant"] * subventions["pourcentageSubvention"]`.',
    ],
    solution='`montant_recu = subventions["montant"] * subventions["pourcentageSubvention"]`',
)

total_foot = Nombre(
    id="repondre-citoyen.total_foot",
    carnet=CARNET,
    enonce=(
        lambda: f"Combien la commune a-t-elle attribué **en argent** au {FOOT} de {_k.ANNEES[0]} à {_k.ANNEES[-1]}, "
        "en euros ?"
    ),
    reponse=lambda: _k.TOTAL_FOOT,
    tolerance=1,
    unite="€",
    erreurs_frequentes=lambda: {
        _k.TOTAL_FOOT_SANS_PART: (
            "Vous avez compté en entier la subvention partagée avec le comité des fêtes : le club n'en reçoit "
            "que sa part (montant × pourcentageSubvention)."
        ),
        _k.TOTAL_FOOT_AVEC_NATURE: (
            "Vous avez ajouté les aides en nature (le prêt du stade, valorisé en euros) : ce n'est pas de "
            "l'argent versé. Donnez-les à part."
        ),
        _k.TOTAL_FOOT_PAR_NOM: (
            "Il manque une année : le club y est écrit autrement (en capitales, sans « de »). Cherchez-le par "
            "son numéro SIRET ou RNA plutôt que par son nom."
        ),
    },
    indices=[
        "Cherchez le club par son SIRET (colonne idBeneficiaire), pas par son nom.",
        "Gardez seulement les aides « aide en numéraire », et pour chaque ligne la part du club.",
    ],
    solution=(
        lambda: f"{_e(_k.TOTAL_FOOT)} : toutes les lignes du SIRET du club, en argent (« aide en numéraire »), en ne "
        f"comptant que la part du club dans la subvention partagée. Les aides en nature "
        f"({_e(_k.TOTAL_FOOT_AVEC_NATURE - _k.TOTAL_FOOT)}) se donnent à part."
    ),
)

foot_annee_pic = Nombre(
    id="repondre-citoyen.foot_annee_pic",
    carnet=CARNET,
    enonce=(
        lambda: f"Avec le tableau de bord, choisissez le {FOOT}. Combien a-t-il reçu **en argent** en "
        f"{_k.ANNEE_PIC}, en euros ?"
    ),
    reponse=lambda: _k.FOOT_ANNEE_PIC,
    tolerance=1,
    unite="€",
    erreurs_frequentes=lambda: {
        _k.FOOT_ANNEE_PIC + _k.FOOT_ANNEE_PIC_NATURE: (
            "Vous avez ajouté la colonne « en nature » : la question porte sur l'argent seulement."
        ),
        _k.FOOT_ANNEE_PIC_EXCEPTIONNELLE: (
            "C'est la seule subvention exceptionnelle ; il faut y ajouter la subvention de fonctionnement de "
            "l'année."
        ),
        _k.FOOT_ANNEE_PIC_FONCTIONNEMENT: (
            "C'est la seule subvention de fonctionnement ; cette année-là, le club a aussi reçu une subvention "
            "exceptionnelle."
        ),
    },
    indices=lambda: [f"Dans le menu « Afficher », choisissez le club ; lisez la ligne {_k.ANNEE_PIC}, colonne « En argent »."],
    solution=(
        lambda: f"{_e(_k.FOOT_ANNEE_PIC)} en {_k.ANNEE_PIC} : {_e(_k.FOOT_ANNEE_PIC_FONCTIONNEMENT)} de fonctionnement et "
        f"{_e(_k.FOOT_ANNEE_PIC_EXCEPTIONNELLE)} pour l'achat d'un minibus. C'est cette subvention exceptionnelle "
        "qui fait le pic."
    ),
)

part_foot = Nombre(
    id="repondre-citoyen.part_foot",
    carnet=CARNET,
    enonce=(
        lambda: f"Quelle part (en %) de tout l'argent attribué aux associations de {_k.ANNEES[0]} à {_k.ANNEES[-1]} le "
        "Football Club a-t-il reçue ? (arrondie à 0,1)"
    ),
    reponse=lambda: _k.PART_FOOT,
    tolerance=0.1,
    unite="%",
    erreurs_frequentes=lambda: {round(_k.PART_FOOT / 100, 3): "Le résultat est demandé en pourcentage : multipliez par 100."},
    indices=["La part, c'est la partie divisée par le tout : l'argent du club divisé par l'argent de tous."],
    solution=(
        lambda: f"{pourcent_fr(_k.PART_FOOT)} : {_e(_k.TOTAL_FOOT)} sur {_e(_k._tous)} attribués en argent aux associations "
        "sur les trois ans."
    ),
)

par_habitant = Nombre(
    id="repondre-citoyen.par_habitant",
    carnet=CARNET,
    enonce=(
        lambda: f"En {_k.DERNIERE_ANNEE}, combien la commune a-t-elle attribué en argent aux associations **par "
        f"habitant** ? La population municipale est de {nombre_fr(rc.POPULATION, 0)} habitants. (En euros, "
        "arrondi au centime.)"
    ),
    reponse=lambda: _k.PAR_HABITANT,
    tolerance=0.01,
    unite="€",
    erreurs_frequentes=lambda: {
        round(_k._tous / rc.POPULATION, 2): (
            f"Vous avez divisé le total des trois années : la question porte sur {_k.DERNIERE_ANNEE} seulement."
        ),
    },
    indices=lambda: [f"Additionnez l'argent de {_k.DERNIERE_ANNEE} (part de chaque bénéficiaire), puis divisez par la population."],
    solution=(
        lambda: f"{nombre_fr(_k.PAR_HABITANT, 2)} € : {_e(_k.ARGENT_DERNIERE_ANNEE)} divisés par "
        f"{nombre_fr(rc.POPULATION, 0)} habitants (population légale publiée par l'INSEE)."
    ),
)

denominateur = ChoixUnique(
    id="repondre-citoyen.denominateur",
    carnet=CARNET,
    enonce=(
        "Le club de foot reçoit bien plus que le club de judo. Pour comparer leur soutien de façon juste, "
        "par quoi diviser ce que chacun reçoit ?"
    ),
    choix=[
        "Par le nombre d'adhérents de chaque club",
        "Par le nombre d'habitants de la commune",
        "Par le nombre de lignes de chaque club dans le fichier",
    ],
    reponse="Par le nombre d'adhérents de chaque club",
    erreurs_frequentes={
        "Par le nombre d'habitants de la commune": (
            "Diviser les deux clubs par le même nombre ne change pas leur écart : c'est utile pour comparer "
            "la commune à une autre, pas deux clubs entre eux."
        ),
        "Par le nombre de lignes de chaque club dans le fichier": (
            "Le nombre de lignes dépend de la façon de découper les décisions, pas de l'activité du club."
        ),
    },
    indices=["Un grand club sert plus de monde : quel chiffre mesure « plus de monde » ?"],
    solution=(
        "Par le nombre d'adhérents : cela donne un montant par adhérent, comparable d'un club à l'autre. Ce "
        "dénominateur a ses limites : il n'a pas de sens pour un comité des fêtes, dont la fête s'adresse à "
        "toute la commune, et un adhérent n'habite pas forcément la commune."
    ),
)

# --------------------------------------------------------------------------- the vote

unanimite = ChoixUnique(
    id="repondre-citoyen.unanimite",
    carnet=CARNET,
    enonce=(
        lambda: f"La délibération n° {_k._concertation['DELIB_ID']} a recueilli {int(_k._concertation['VOTE_POUR'])} voix "
        f"pour, {int(_k._concertation['VOTE_CONTRE'])} contre et {int(_k._concertation['VOTE_ABSTENTION'])} "
        "abstentions. Que pouvez-vous écrire dans le bulletin municipal ?"
    ),
    choix=[
        "Adoptée à l'unanimité",
        "Adoptée à l'unanimité des suffrages exprimés",
        "Rejetée, faute de majorité des élus",
    ],
    reponse="Adoptée à l'unanimité des suffrages exprimés",
    erreurs_frequentes={
        "Adoptée à l'unanimité": (
            "Des élus se sont abstenus : écrire « à l'unanimité » effacerait leur position. Les abstentions ne "
            "sont pas des suffrages exprimés, d'où la formule exacte."
        ),
        "Rejetée, faute de majorité des élus": (
            "Une délibération est adoptée à la majorité absolue des suffrages exprimés (article L2121-20 du "
            "code général des collectivités territoriales) : les abstentions ne comptent pas."
        ),
    },
    indices=["Les abstentions sont-elles des voix « pour » ou « contre » ?"],
    solution=(
        "« Adoptée à l'unanimité des suffrages exprimés » : personne n'a voté contre, mais des élus se sont "
        "abstenus. Les abstentions ne sont pas des suffrages exprimés (article L2121-20 du CGCT), mais les "
        "passer sous silence serait inexact."
    ),
)

que_publier = ChoixMultiple(
    id="repondre-citoyen.que_publier",
    carnet=CARNET,
    enonce=(
        lambda: f"Le conseil vient d'accorder {_e(float(_k.SUBVENTIONS.loc[_k.SUBVENTIONS['referenceDecision'] == _k._minibus['DELIB_ID'], 'montant'].sum()))} "
        "au club de foot pour un minibus. Que doit publier la commune ?"
    ),
    choix=[
        "La délibération, sur le site internet de la commune",
        "La liste des délibérations examinées en séance, dans la semaine",
        "Les données essentielles de la convention de subvention, dans un format ouvert",
        "Les coordonnées personnelles des dirigeants du club",
    ],
    reponses=[
        "La délibération, sur le site internet de la commune",
        "La liste des délibérations examinées en séance, dans la semaine",
        "Les données essentielles de la convention de subvention, dans un format ouvert",
    ],
    erreurs_frequentes={
        "Les coordonnées personnelles des dirigeants du club": (
            "Ce sont des données personnelles : rien ne justifie de les publier (règlement général sur la "
            "protection des données)."
        ),
        "Les données essentielles de la convention de subvention, dans un format ouvert": (
            "Au-delà de 23 000 € par an, une convention est obligatoire et ses données essentielles doivent "
            "être publiées en format ouvert (article 10 de la loi n° 2000-321 du 12 avril 2000, décret "
            "n° 2017-779 du 5 mai 2017)."
        ),
    },
    indices=["Trois textes : le code général des collectivités territoriales (publicité des actes), la loi de 2000 "
             "sur les subventions, et le RGPD."],
    solution=(
        "Les trois premiers. Depuis le 1er juillet 2022, les délibérations sont publiées sous forme "
        "électronique sur le site de la commune (ordonnance n° 2021-1310 du 7 octobre 2021) et la liste des "
        "délibérations examinées est affichée en mairie et mise en ligne dans la semaine (article L2121-25 du "
        "CGCT). La subvention dépassant 23 000 €, ses données essentielles sont publiées en format ouvert "
        "(décret n° 2017-779 du 5 mai 2017). Les données personnelles des dirigeants, non."
    ),
)

votes_contre = Nombre(
    id="repondre-citoyen.votes_contre",
    carnet=CARNET,
    enonce=(
        lambda: f"Dans le fichier des délibérations ({_k.ANNEES[0]}-{_k.ANNEES[-1]}), combien de délibérations ont recueilli "
        "au moins une voix **contre** ?"
    ),
    reponse=lambda: _k.AVEC_CONTRE,
    tolerance=0,
    erreurs_frequentes=lambda: {
        int(((_k.DELIBERATIONS["VOTE_CONTRE"] > 0) | (_k.DELIBERATIONS["VOTE_ABSTENTION"] > 0)).sum()): (
            "Vous avez aussi compté les délibérations avec seulement des abstentions : une abstention n'est pas "
            "une voix contre."
        ),
    },
    indices=['En pandas : `(deliberations["VOTE_CONTRE"] > 0).sum()`.'],
    solution=(
        lambda: f"{_k.AVEC_CONTRE} délibérations sur {len(_k.DELIBERATIONS)} : le budget, les tarifs, les emprunts… et la "
        "subvention du minibus. Les autres sont adoptées sans opposition."
    ),
)

# --------------------------------------------------------------------------- the consultation

faits_objectifs = ChoixMultiple(
    id="repondre-citoyen.faits_objectifs",
    carnet=CARNET,
    enonce=(
        "Pour ouvrir la concertation sur les critères d'attribution des subventions, vous préparez une fiche "
        "de faits. Quelles phrases y ont leur place ?"
    ),
    choix=[
        "Les trois premiers bénéficiaires reçoivent plus de la moitié de l'argent versé aux associations.",
        "Le sport reçoit presque la moitié de l'argent versé aux associations.",
        "Le club de foot reçoit trop par rapport à ce qu'il apporte à la commune.",
        "Les associations culturelles sont moins utiles que les clubs sportifs.",
        "Le prêt gratuit d'équipements est valorisé à plusieurs dizaines de milliers d'euros en trois ans.",
    ],
    reponses=[
        "Les trois premiers bénéficiaires reçoivent plus de la moitié de l'argent versé aux associations.",
        "Le sport reçoit presque la moitié de l'argent versé aux associations.",
        "Le prêt gratuit d'équipements est valorisé à plusieurs dizaines de milliers d'euros en trois ans.",
    ],
    erreurs_frequentes={
        "Le club de foot reçoit trop par rapport à ce qu'il apporte à la commune.": (
            "« Trop » est un jugement : c'est précisément ce dont la concertation doit débattre, pas son point "
            "de départ."
        ),
        "Les associations culturelles sont moins utiles que les clubs sportifs.": (
            "C'est une opinion, pas un fait vérifiable dans les données."
        ),
    },
    indices=["Un fait se vérifie dans un fichier, avec sa source ; une opinion se discute."],
    solution=(
        "Les trois phrases chiffrées, vérifiables dans les données, avec leur source. Les deux autres sont des "
        "opinions : elles ont leur place dans le débat, pas dans la fiche qui l'ouvre."
    ),
)

question_difficile = Reflexion(
    id="repondre-citoyen.question_difficile",
    carnet=CARNET,
    enonce=(
        "Quelle question d'un habitant, d'une association ou d'un journaliste sur l'argent public vous a déjà "
        "mis en difficulté ? Quel fichier vous aurait permis d'y répondre, et qui le tient à jour ?"
    ),
)

concertation = Reflexion(
    id="repondre-citoyen.concertation",
    carnet=CARNET,
    enonce=(
        "Sur quel projet de votre commune une concertation gagnerait-elle à partir d'une fiche de faits ? "
        "Quels chiffres y mettriez-vous, et qui pourrait les contester ?"
    ),
)

# The graded assignment exercises/source/repondre-citoyen/repondre-citoyen.ipynb: its questions in order (see exercices/devoirs.py).
DEVOIR = Devoir(
    carnet=CARNET,
    questions=[ligne, foot_annee_pic, montant_recu, (total_foot, "total_foot"), unanimite],
)
