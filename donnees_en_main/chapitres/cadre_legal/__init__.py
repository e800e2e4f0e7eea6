"""« Puis-je publier ce jeu de données ? » — the legal decision path of the chapter `cadre-legal`.

    from donnees_en_main.chapitres.cadre_legal import puis_je_publier, question_suivante, parcours_widget

    verdict = puis_je_publier({"acheve": True, "secret": False, "donnees_personnelles": False,
                               "habitants": True, "agents": True, "categorie": True})
    verdict.statut        # "obligation"
    print(verdict)        # the verdict in French, its reason and the articles
    question_suivante({"acheve": True})   # the next question to ask (or None when the path is done)
    parcours_widget()     # the same path as yes/no buttons (works without a kernel, e.g. in the book)

The decision logic lives in one place, ``_parcourir``: the widget, the book, the workshop and the
graded assignment all go through it. Answers are booleans (``True``/``False``) or the words
« oui »/« non ». Only the questions on the path need an answer; the others are ignored.

Legal sources (Légifrance): code des relations entre le public et l'administration (CRPA), articles
L300-4, L311-2, L311-5, L311-6, L312-1, L312-1-1, L312-1-2 (as written by the loi n° 2016-1321 du
7 octobre 2016 pour une République numérique, article 6), décret n° 2016-1922 du 28 décembre 2016
(threshold of 50 agents), décret n° 2018-1117 du 10 décembre 2018 (CRPA D312-1-3), décret
n° 2017-638 du 27 avril 2017 (licences); règlement (UE) 2016/679 (RGPD), article 4 and recital 26.
This is a teaching aid, not legal advice: the verdict says which texts to read, with whom to check.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd

from donnees_en_main.donnees import ErreurDonnees

__all__ = [
    "OBLIGATION",
    "POSSIBLE",
    "INTERDIT",
    "PAS_ENCORE",
    "QUESTIONS",
    "TITRES",
    "Question",
    "Verdict",
    "ErreurReponses",
    "question_suivante",
    "puis_je_publier",
    "chemin_des_questions",
    "parcours_widget",
    "pseudonymiser",
    "part_isolable",
    "agreger",
]

# Verdict statuses
OBLIGATION = "obligation"  # publishable, and the law requires it
POSSIBLE = "possible"  # publishable, not required
INTERDIT = "interdit"  # not publishable as it is
PAS_ENCORE = "pas_encore"  # not yet: a preparatory document


@dataclass(frozen=True)
class Question:
    """One yes/no question of the path: its key in the answers dict, its text, a help sentence."""

    cle: str
    texte: str
    aide: str


QUESTIONS: dict[str, Question] = {
    q.cle: q
    for q in (
        Question(
            "acheve",
            "Le jeu de données est-il achevé ?",
            "Un document de travail qui prépare une décision pas encore prise (un projet en cours de "
            "discussion, par exemple) n'est pas encore communicable.",
        ),
        Question(
            "secret",
            "Contient-il des informations protégées par un secret prévu par la loi ?",
            "Par exemple : le secret statistique, le secret des affaires (les prix ou la stratégie d'une "
            "entreprise), la sécurité publique ou celle des systèmes d'information, le secret médical, la "
            "vie privée.",
        ),
        Question(
            "occultable",
            "Pouvez-vous retirer ces informations protégées et publier le reste ?",
            "Par exemple : supprimer une colonne, masquer les cases qui concernent trop peu d'entreprises, "
            "retirer l'emplacement d'un local sensible. C'est ce que la loi appelle « occulter ».",
        ),
        Question(
            "donnees_personnelles",
            "Contient-il des données personnelles ?",
            "Toute information sur une personne physique identifiée ou identifiable, même indirectement : "
            "un nom, une adresse, un numéro de téléphone ou d'immatriculation, mais aussi un croisement "
            "(âge, rue, profession) qui ne désigne qu'une seule personne. Le nom d'une association ou "
            "d'une entreprise n'en est pas une ; celui de ses dirigeants, ou d'un entrepreneur "
            "individuel, si.",
        ),
        Question(
            "anonymise",
            "Ces données ont-elles été anonymisées, de façon que plus personne ne puisse être "
            "réidentifié, même en croisant avec d'autres fichiers ?",
            "Remplacer les noms par des numéros ne suffit pas : c'est une pseudonymisation, et les "
            "données restent personnelles.",
        ),
        Question(
            "exception",
            "Une exception prévue par la loi permet-elle de les publier telles quelles ?",
            "Trois cas : une loi prévoit leur publication ; les personnes concernées ont donné leur "
            "accord ; ou le document fait partie des catégories qu'un décret permet de publier sans "
            "anonymisation (par exemple les organigrammes et annuaires des services, le répertoire des "
            "élus).",
        ),
        Question(
            "habitants",
            "Votre collectivité compte-t-elle au moins 3 500 habitants ?",
            "L'obligation de publier en ligne ne s'applique pas aux collectivités territoriales de moins "
            "de 3 500 habitants.",
        ),
        Question(
            "agents",
            "Emploie-t-elle au moins 50 agents (en équivalent temps plein) ?",
            "En dessous de 50 agents ou salariés en équivalent temps plein, l'obligation de publier en "
            "ligne ne s'applique pas.",
        ),
        Question(
            "categorie",
            "Ce jeu de données entre-t-il dans l'une des catégories que la loi demande de publier ?",
            "Un document déjà communiqué à quelqu'un qui l'avait demandé ; une base de données mise à "
            "jour régulièrement ; des données mises à jour régulièrement dont la publication présente un "
            "intérêt économique, social, sanitaire ou environnemental.",
        ),
    )
}

TITRES = {  # the verdict of each status, in a few words

    OBLIGATION: "Oui, et c'est une obligation",
    POSSIBLE: "Oui, vous pouvez le publier",
    INTERDIT: "Non, pas en l'état",
    PAS_ENCORE: "Pas encore",
}
_ICONES = {OBLIGATION: "✔", POSSIBLE: "✔", INTERDIT: "✘", PAS_ENCORE: "⏸"}
# Okabe & Ito colours (see graphiques.PALETTE); the icon and the words carry the meaning, not the colour.
_COULEURS = {OBLIGATION: "#009E73", POSSIBLE: "#0072B2", INTERDIT: "#D55E00", PAS_ENCORE: "#E69F00"}

_PRECAUTION_FORMAT = (
    "Publiez-le dans un format ouvert, réutilisable et lisible par une machine, comme un fichier CSV "
    "(CRPA, article L300-4). Si vous y associez une licence, choisissez-la dans la liste du décret "
    "n° 2017-638 du 27 avril 2017 : la Licence Ouverte ou l'ODbL."
)
_PRECAUTION_OCCULTATION = (
    "Publiez la version d'où les informations protégées ont été retirées (CRPA, article L312-1-2), et "
    "vérifiez qu'on ne peut pas les retrouver par différence, par exemple à partir d'un total publié à "
    "côté."
)
_PRECAUTION_ANONYMISATION = (
    "Vérifiez l'anonymisation avec les trois critères repris par la CNIL : peut-on encore isoler une "
    "personne, relier ses données à un autre fichier, ou déduire une information sur elle ? Si oui, les "
    "données ne sont pas anonymes (avis 05/2014 du groupe des autorités européennes de protection des "
    "données, dit « G29 »)."
)
_PRECAUTION_MINIMISATION = (
    "Les données personnelles publiées restent protégées par le RGPD : ne publiez que celles qui sont "
    "nécessaires (principe de minimisation, RGPD, article 5)."
)


@dataclass(frozen=True)
class Verdict:
    """The answer to « Puis-je publier ce jeu de données ? ».

    ``statut``: one of OBLIGATION, POSSIBLE, INTERDIT, PAS_ENCORE; ``titre``: the verdict in a few
    French words; ``raison``: why; ``articles``: the legal texts it rests on; ``precautions``: what to
    do before publishing.
    """

    statut: str
    raison: str
    articles: tuple[str, ...]
    precautions: tuple[str, ...] = ()

    @property
    def titre(self) -> str:
        return TITRES[self.statut]

    @property
    def publiable(self) -> bool:
        return self.statut in (OBLIGATION, POSSIBLE)

    @property
    def obligatoire(self) -> bool:
        return self.statut == OBLIGATION

    def texte(self) -> str:
        lignes = [f"{_ICONES[self.statut]} {self.titre}.", self.raison, "Textes : " + " ; ".join(self.articles) + "."]
        lignes += [f"• {p}" for p in self.precautions]
        return "\n".join(lignes)

    __str__ = texte

    def _repr_html_(self) -> str:
        couleur = _COULEURS[self.statut]
        precautions = "".join(f"<li>{html.escape(p)}</li>" for p in self.precautions)
        precautions = f"<p style='margin:0.4em 0 0 0'>Avant de publier :</p><ul style='margin:0.2em 0'>{precautions}</ul>" if precautions else ""
        return (
            f"<div role='status' style='border-left:6px solid {couleur};padding:0.5em 0.9em;margin:0.4em 0;"
            f"background:#f7f7f7'>"
            f"<p style='margin:0;font-size:1.1em'><strong>{_ICONES[self.statut]} {html.escape(self.titre)}</strong></p>"
            f"<p style='margin:0.3em 0'>{html.escape(self.raison)}</p>"
            f"<p style='margin:0.3em 0'><em>Textes : {html.escape(' ; '.join(self.articles))}.</em></p>"
            f"{precautions}</div>"
        )


class ErreurReponses(ValueError):
    """The answers dict cannot be read (unknown key, a value that is not yes/no, a missing answer)."""


_OUI = {"oui", "o", "yes", "vrai", "true"}
_NON = {"non", "n", "no", "faux", "false"}


def _lire_reponses(reponses: Mapping[str, Any]) -> dict[str, bool]:
    """Check the answers: known keys, yes/no values. Returns {key: bool}."""
    if not isinstance(reponses, Mapping):
        raise ErreurReponses(
            "Les réponses doivent être un dictionnaire, par exemple {\"acheve\": True, \"secret\": False} ; "
            f"j'ai reçu : {type(reponses).__name__}."
        )
    lues = {}
    for cle, valeur in reponses.items():
        if cle not in QUESTIONS:
            raise ErreurReponses(
                f"Je ne connais pas la question « {cle} ». Les questions possibles sont : "
                + ", ".join(f"« {c} »" for c in QUESTIONS)
                + ". Vérifiez l'orthographe (sans accent ni majuscule)."
            )
        if isinstance(valeur, bool):
            lues[cle] = valeur
        elif isinstance(valeur, str) and valeur.strip().lower() in _OUI | _NON:
            lues[cle] = valeur.strip().lower() in _OUI
        else:
            raise ErreurReponses(
                f"La réponse à la question « {cle} » ({QUESTIONS[cle].texte}) doit être True ou False "
                f"(ou « oui » / « non ») ; j'ai reçu {valeur!r}."
            )
    return lues


def _parcourir(reponses: dict[str, bool]) -> tuple[Question | None, Verdict | None]:
    """Walk the decision path: (next unanswered question, None) or (None, verdict)."""
    precautions: list[str] = []

    def manque(cle: str):
        return cle not in reponses

    if manque("acheve"):
        return QUESTIONS["acheve"], None
    if not reponses["acheve"]:
        return None, Verdict(
            PAS_ENCORE,
            "Un document préparatoire à une décision qui n'est pas encore prise n'est pas communicable, "
            "donc pas publiable en l'état. Une fois la décision prise, reposez la question.",
            ("CRPA, article L311-2",),
        )

    if manque("secret"):
        return QUESTIONS["secret"], None
    if reponses["secret"]:
        if manque("occultable"):
            return QUESTIONS["occultable"], None
        if not reponses["occultable"]:
            return None, Verdict(
                INTERDIT,
                "Les informations protégées par un secret prévu par la loi ne peuvent pas être rendues "
                "publiques ; si on ne peut pas les séparer du reste, le jeu de données ne peut pas être "
                "publié.",
                ("CRPA, articles L311-5 et L311-6", "CRPA, article L312-1-2"),
            )
        precautions.append(_PRECAUTION_OCCULTATION)

    if manque("donnees_personnelles"):
        return QUESTIONS["donnees_personnelles"], None
    if reponses["donnees_personnelles"]:
        if manque("anonymise"):
            return QUESTIONS["anonymise"], None
        if reponses["anonymise"]:
            precautions.append(_PRECAUTION_ANONYMISATION)
        else:
            if manque("exception"):
                return QUESTIONS["exception"], None
            if not reponses["exception"]:
                return None, Verdict(
                    INTERDIT,
                    "Un jeu de données qui contient des données personnelles ne peut être rendu public "
                    "qu'après un traitement qui rend impossible l'identification des personnes, sauf "
                    "exception prévue par la loi. Anonymisez-le, puis reposez la question.",
                    ("CRPA, article L312-1-2", "RGPD, article 4 et considérant 26"),
                )
            precautions.append(_PRECAUTION_MINIMISATION)

    precautions.append(_PRECAUTION_FORMAT)
    precautions_finales = tuple(precautions)
    if manque("habitants"):
        return QUESTIONS["habitants"], None
    if not reponses["habitants"]:
        return None, Verdict(
            POSSIBLE,
            "Une collectivité de moins de 3 500 habitants n'est pas tenue de publier ses données en "
            "ligne, mais la loi lui permet de le faire : c'est un service rendu aux habitants et aux "
            "partenaires.",
            ("CRPA, article L312-1", "CRPA, article L312-1-1 (dernier alinéa)"),
            precautions_finales,
        )
    if manque("agents"):
        return QUESTIONS["agents"], None
    if not reponses["agents"]:
        return None, Verdict(
            POSSIBLE,
            "Une administration de moins de 50 agents (en équivalent temps plein) n'est pas tenue de "
            "publier ses données en ligne, mais la loi lui permet de le faire.",
            ("CRPA, article L312-1", "CRPA, article L312-1-1", "décret n° 2016-1922 du 28 décembre 2016"),
            precautions_finales,
        )
    if manque("categorie"):
        return QUESTIONS["categorie"], None
    if reponses["categorie"]:
        return None, Verdict(
            OBLIGATION,
            "Votre collectivité doit publier en ligne ce type de données : c'est l'« ouverture par "
            "défaut » voulue par la loi pour une République numérique.",
            ("CRPA, article L312-1-1", "loi n° 2016-1321 du 7 octobre 2016, article 6"),
            precautions_finales,
        )
    return None, Verdict(
        POSSIBLE,
        "Ce jeu de données n'entre pas dans les catégories que la loi oblige à publier ; vous pouvez "
        "toutefois le publier.",
        ("CRPA, article L312-1",),
        precautions_finales,
    )


def question_suivante(reponses: Mapping[str, Any] | None = None) -> Question | None:
    """The next question to answer given `reponses`, or None when a verdict is reached."""
    question, _verdict = _parcourir(_lire_reponses(reponses or {}))
    return question


def puis_je_publier(reponses: Mapping[str, Any]) -> Verdict:
    """« Puis-je publier ce jeu de données ? » — the verdict for the yes/no `reponses`.

    Keys: ``acheve``, ``secret``, ``occultable``, ``donnees_personnelles``, ``anonymise``,
    ``exception``, ``habitants``, ``agents``, ``categorie`` (see ``QUESTIONS``); only those on the path
    are needed. Raises ``ErreurReponses`` (in French) for an unknown key, a value that is not yes/no,
    or a missing answer on the path.
    """
    question, verdict = _parcourir(_lire_reponses(reponses))
    if verdict is None:
        raise ErreurReponses(
            f"Il manque la réponse à la question « {question.cle} » : {question.texte} "
            f"Ajoutez par exemple \"{question.cle}\": True (oui) ou False (non)."
        )
    return verdict


def chemin_des_questions(reponses: Mapping[str, Any]) -> list[Question]:
    """The questions asked, in order, on the way to the verdict of `reponses` (for explanations)."""
    lues = _lire_reponses(reponses)
    vues: list[Question] = []
    partielles: dict[str, bool] = {}
    while True:
        question, _verdict = _parcourir(partielles)
        if question is None:
            return vues
        if question.cle not in lues:
            return vues
        vues.append(question)
        partielles[question.cle] = lues[question.cle]


# --- The widget ---------------------------------------------------------------------------------
def _noeud(reponses: dict[str, bool], rang: int):
    """The widget for this point of the path: a verdict, or a question whose answer reveals the rest.

    Every branch is built in advance and the buttons switch between them in the browser
    (``interactif.vues_par_choix``), so the path works in the published book, without a Python kernel.
    """
    import ipywidgets as widgets

    from donnees_en_main.affichage.interactif import vues_par_choix

    question, verdict = _parcourir(reponses)
    if verdict is not None:
        feuille = widgets.HTML(verdict._repr_html_())
        feuille.verdict = verdict  # handy for tests
        return feuille
    enonce = widgets.HTML(
        f"<p style='margin:0.6em 0 0.1em 0'><strong>{rang}. {html.escape(question.texte)}</strong><br>"
        f"<span style='font-size:0.9em'>{html.escape(question.aide)}</span></p>"
    )
    boutons = widgets.ToggleButtons(
        options=[("Oui", True), ("Non", False)], value=None, description="",
        tooltips=[f"Oui : {question.texte}", f"Non : {question.texte}"],
        style={"button_width": "6em"},
    )
    boutons.legende = question.texte  # read by screen readers in the book (interactif.en_html)
    # index None: nothing is chosen in advance, the next question stays hidden until an answer
    choix = vues_par_choix([boutons], lambda oui: _noeud({**reponses, question.cle: oui}, rang + 1),
                           index_initial=[None])
    boite = widgets.VBox([enonce, choix])
    boite.question, boite.boutons, boite.suite = question, boutons, choix.children[1]  # handy for tests
    return boite


def parcours_widget():
    """« Puis-je publier ce jeu de données ? » as yes/no buttons, question after question, to a verdict.

    Works in a notebook and in the published book alike (no Python callback is needed).
    """
    import ipywidgets as widgets

    titre = widgets.HTML("<p><strong>Puis-je publier ce jeu de données ?</strong> Répondez aux questions "
                         "une à une ; la suivante apparaît sous votre réponse. Vous pouvez changer une "
                         "réponse à tout moment.</p>")
    racine = _noeud({}, 1)
    boite = widgets.VBox([titre, racine])
    boite.racine = racine
    return boite


# --- Anonymisation, in practice -------------------------------------------------------------------
def _exiger(table: pd.DataFrame, colonnes, quoi: str) -> list[str]:
    if not isinstance(table, pd.DataFrame):
        raise ErreurDonnees(f"{quoi} attend un tableau pandas (DataFrame) ; j'ai reçu : {type(table).__name__}.")
    colonnes = [colonnes] if isinstance(colonnes, str) else list(colonnes)
    manquantes = [c for c in colonnes if c not in table.columns]
    if manquantes:
        raise ErreurDonnees(
            f"{quoi} : {'la colonne' if len(manquantes) == 1 else 'les colonnes'} "
            f"{', '.join('« ' + str(c) + ' »' for c in manquantes)} n'existe{'nt' if len(manquantes) > 1 else ''} "
            f"pas dans le tableau. Colonnes disponibles : {', '.join(map(str, table.columns))}."
        )
    return colonnes


def pseudonymiser(table: pd.DataFrame, identifiants, prefixe: str = "P") -> pd.DataFrame:
    """Replace the directly identifying columns by one code per person (P001, P002…).

    This is *pseudonymisation* (RGPD, article 4, point 5): the other columns are kept, and the data
    stay personal — a birth date and a street are often enough to find someone (see `part_isolable`).
    """
    identifiants = _exiger(table, identifiants, "pseudonymiser")
    cles = table[identifiants].astype(str).agg(" ".join, axis=1)
    codes = {c: f"{prefixe}{i + 1:03d}" for i, c in enumerate(dict.fromkeys(cles))}
    resultat = table.drop(columns=identifiants)
    resultat.insert(0, "pseudonyme", cles.map(codes))
    return resultat


def part_isolable(table: pd.DataFrame, colonnes) -> float:
    """Share (%) of the rows that are alone with their combination of values in `colonnes`.

    The first anonymisation criterion (« individualisation ») asks whether someone can still be
    singled out: if 80 % of the rows are unique on (birth date, street), those people can be found.
    """
    colonnes = _exiger(table, colonnes, "part_isolable")
    if table.empty:
        raise ErreurDonnees("part_isolable : le tableau est vide, il n'y a personne à isoler.")
    tailles = table.groupby(colonnes, dropna=False)[colonnes[0]].transform("size")
    return float((tailles == 1).mean() * 100)


def agreger(table: pd.DataFrame, par, seuil: int = 3, compter: str | None = None) -> pd.DataFrame:
    """Counts by group (column ``effectif``), with small counts masked: an aggregated, anonymous table.

    `par`: the grouping column(s). `compter`: optionally, a yes/no column counted too (e.g. « a un
    PAI »). A count below `seuil` is replaced by « moins de <seuil> », as statistical secrecy does, so
    that nobody can be recognised in a small group.
    """
    par = _exiger(table, par, "agreger")
    if not isinstance(seuil, int) or isinstance(seuil, bool) or seuil < 1:
        raise ErreurDonnees(f"agreger : le seuil doit être un nombre entier positif, par exemple 3 ; j'ai reçu {seuil!r}.")
    groupes = table.groupby(par, dropna=False)
    resultat = groupes.size().rename("effectif").to_frame()
    if compter is not None:
        _exiger(table, compter, "agreger")
        resultat[f"dont {compter}"] = groupes[compter].sum().astype(int)
    masque = f"moins de {seuil}"
    resultat = resultat.astype(object).map(lambda n: masque if 0 < n < seuil else int(n))
    return resultat.reset_index()
