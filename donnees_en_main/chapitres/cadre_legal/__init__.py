"""« Puis-je publier ce jeu de données ? » — the legal decision path of the chapter `cadre-legal`.

    from donnees_en_main.chapitres.cadre_legal import puis_je_publier, question_suivante, parcours_widget

    verdict = puis_je_publier({"acheve": True, "secret": False, "donnees_personnelles": False,
                               "habitants": True, "agents": True, "categorie": True,
                               "geographique": False})
    verdict.statut        # "obligation"
    verdict.faits         # ("crpa-l312-1-1", "loi-2016-1321"): entries of donnees_en_main.faits
    print(verdict)        # the verdict in French, its reason and the articles
    question_suivante({"acheve": True})   # the next question to ask (or None when the path is done)
    parcours_widget()     # the same path as yes/no buttons (works without a kernel, e.g. in the book)

The decision logic lives in one place, ``_parcourir``: the widget, the book, the workshop and the
graded assignment all go through it. Answers are booleans (``True``/``False``) or the words
« oui »/« non ». Only the questions on the path need an answer; the others are ignored.

Design notes (issue 15): a commune below the thresholds is not bound to publish of its own accord,
but must publish online a communicable document whose requester chooses that form (CRPA L311-9,
4°), whatever its size; the verdicts say so rather than asking whether a request was made, so that
the shortest paths (used as examples in the workshop notebook) stay valid. A draft (L311-2) opens no
right of access yet but may be published of the commune's own accord (L312-1): never « forbidden ».
The geographic question (INSPIRE, per the ministry's guide) is asked only where it changes the
verdict, for communes above both thresholds; the algorithm question (L312-1-3) for every commune of
50 agents or more, whatever its population: that article has no 3,500-inhabitant threshold, so the
agents question is asked of small communes too. A « possible, not required » verdict also names the
three obligations that hold whatever the size (essential data of public contracts, code de la commande
publique; the budget summary, CGCT L2313-1; planning documents on the Géoportail de l'urbanisme, code
de l'urbanisme L133-1) rather than asking about them, for the same reason.

Legal sources: every article a verdict rests on is an entry of the registry of facts
(``donnees_en_main.faits``), with the source checked, the date and the exact sentence; a verdict
names them by their ids (``Verdict.faits``: those of its reason, then those its precautions cite) and
shows them with a link (``Verdict._repr_html_``).
This is a teaching aid, not legal advice: the verdict says which texts to read, with whom to check.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd

from donnees_en_main import faits as registre
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
            "discussion, par exemple) n'ouvre pas encore de droit d'accès au public ; la commune peut "
            "toutefois choisir de le publier.",
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
            "de 3 500 habitants. Ce seuil ne vaut que pour elles : pour une intercommunalité ou un syndicat, "
            "qui n'est pas une collectivité territoriale, répondez « oui », seul le seuil des 50 agents compte.",
        ),
        Question(
            "agents",
            "Emploie-t-elle au moins 50 agents (en équivalent temps plein) ?",
            "En dessous de 50 agents ou salariés en équivalent temps plein, les obligations de publier en "
            "ligne (les données, les règles des algorithmes) ne s'appliquent pas.",
        ),
        Question(
            "categorie",
            "Ce jeu de données entre-t-il dans l'une des catégories que la loi demande de publier ?",
            "Un document déjà communiqué à quelqu'un qui l'avait demandé ; un document inscrit au "
            "répertoire des principaux documents de la collectivité ; une base de données mise à "
            "jour régulièrement ; des données mises à jour régulièrement dont la publication présente un "
            "intérêt économique, social, sanitaire ou environnemental.",
        ),
        Question(
            "geographique",
            "Ces données sont-elles géographiques : décrivent-elles des lieux (adresses, parcelles, "
            "réseaux, zones, équipements localisés) ?",
            "Les données géographiques qu'une commune doit publier relèvent aussi de la directive "
            "européenne INSPIRE quand elles entrent dans l'un de ses 34 thèmes : il faut alors les décrire "
            "et les diffuser par des services en ligne.",
        ),
        Question(
            "algorithme",
            "Ce jeu de données contient-il les règles d'un algorithme qui sert à prendre des décisions "
            "individuelles (calcul d'un tarif selon le quotient familial, attribution de places en "
            "crèche…) ?",
            "Un traitement informatique qui calcule ou classe pour aider à décider du cas d'une personne : "
            "ses règles doivent être publiées par les administrations d'au moins 50 agents.",
        ),
    )
}

TITRES = {  # the verdict of each status, in a few words

    OBLIGATION: "Oui, et c'est une obligation",
    POSSIBLE: "Oui, vous pouvez le publier",
    INTERDIT: "Non, pas en l'état",
    PAS_ENCORE: "Pas encore dû, mais publiable si vous le décidez",
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
_PRECAUTION_DEMANDE = (
    "Si quelqu'un vous le demande, répondez dans le mois : un mois de silence vaut refus (CRPA, "
    "articles R311-12 et R311-13). Le demandeur a alors deux mois pour saisir la CADA, passage obligé "
    "avant le juge administratif (CRPA, articles R343-1 et L342-1). Si le document est déjà publié, "
    "indiquez où le trouver : le droit d'accès ne s'exerce plus sur un document diffusé publiquement. "
    "Une demande abusive (faite pour perturber le service, ou répétitive, systématique) n'oblige pas à "
    "répondre ; une demande qui porte sur beaucoup de documents ne l'est pas pour autant (CRPA, article "
    "L311-2, selon la CADA)."
)
_PRECAUTION_DROITS_D_AUTEUR = (
    "Si un tiers est l'auteur du document (l'étude d'un bureau d'études, des photographies, des plans "
    "d'architecte), vérifiez que la commune a le droit de le diffuser, par exemple dans le contrat passé "
    "avec lui : les documents sont communiqués ou publiés sous réserve des droits d'auteur (CRPA, article "
    "L311-4). Le communiquer à qui le demande reste possible."
)
_PRECAUTION_LOI_QUI_PUBLIE = (
    "Si c'est une loi qui prévoit la publication de ces données personnelles, lisez-la : elle peut aussi "
    "vous y obliger, quelle que soit la taille de la commune, et dire sous quelle forme."
)
_PRECAUTION_INSPIRE = (
    "Ce sont des données géographiques que vous devez publier : selon le guide du ministère de la "
    "Transition écologique, elles relèvent aussi de la directive INSPIRE (code de l'environnement, "
    "article L127-1), si elles entrent dans l'un de ses 34 thèmes (adresses, parcelles cadastrales, "
    "réseaux de transport, hydrographie, sites protégés, usage des sols…). Décrivez-les alors par une "
    "fiche de métadonnées et diffusez-les par des services de consultation et de téléchargement ; la "
    "plateforme régionale de données géographiques peut le faire avec vous."
)
_PRECAUTION_MENTION_ALGORITHME = (
    "Chaque décision individuelle prise sur le fondement de cet algorithme doit le dire à la personne "
    "concernée, par une mention explicite (CRPA, article L311-3-1) : cela vaut pour toutes les "
    "communes, quelle que soit leur taille."
)
# The registry entries each precaution names: a verdict links every text it cites (``_verdict``).
_TEXTES_DES_PRECAUTIONS = {
    _PRECAUTION_FORMAT: ("crpa-l300-4", "decret-2017-638"),
    _PRECAUTION_OCCULTATION: ("crpa-l312-1-2",),
    _PRECAUTION_MINIMISATION: ("rgpd-art5-minimisation",),
    _PRECAUTION_DEMANDE: ("crpa-refus", "crpa-recours", "crpa-l311-2-demandes"),
    _PRECAUTION_DROITS_D_AUTEUR: ("crpa-l311-4",),
    _PRECAUTION_INSPIRE: ("inspire-communes", "inspire-directive"),
    _PRECAUTION_MENTION_ALGORITHME: ("crpa-l311-3-1",),
}
# What a « not required » verdict must not hide: the datasets that texts other than L312-1-1 require,
# whatever the size of the commune (code de la commande publique; loi 3DS for addresses; CGCT L2121-25
# for the list of deliberations; code de l'urbanisme for planning documents; CGCT L2313-1 for the budget
# summary, whose online threshold is not settled: registry entry « cgct-l2313-1-en-ligne », à vérifier),
# the subsidies' essential data from 3,500 inhabitants (décret 2017-779; the source read names no agents
# threshold, so the sentence names none),
# and the mention an algorithm's individual decisions carry (L311-3-1). Named in the verdict rather than
# asked, to keep the path short.
_PARTOUT = (
    ("les données essentielles des marchés publics de 40 000 € HT ou plus, sur data.gouv.fr",
     "ccp-donnees-essentielles"),
    ("les adresses (noms des voies, numéros des maisons), mises à la disposition du public (elles "
     "alimentent la Base adresse nationale)", "loi-2022-217"),
    ("la liste des délibérations du conseil municipal, mise en ligne dans la semaine sur le site de la "
     "commune, lorsqu'il existe", "cgct-conseil"),
    ("le plan local d'urbanisme ou la carte communale, sur le Géoportail de l'urbanisme, au standard "
     "national (depuis le 1er janvier 2020)", "urbanisme-gpu"),
    ("la présentation brève et synthétique jointe au budget et au compte administratif (pour sa mise en "
     "ligne sur le site de la commune, les sources ne disent pas toutes la même chose du seuil : demandez à "
     "la préfecture)", "cgct-l2313-1"),
)
_SUBVENTIONS = ("à partir de 3 500 habitants, les données essentielles des conventions de subvention de plus "
                "de 23 000 € (décret n° 2017-779)", "decret-2017-779")
_ALGORITHME_PARTOUT = (
    " Et si ce jeu de données sert à prendre des décisions individuelles par un algorithme (un tarif, une "
    "place en crèche), chaque décision doit le mentionner à la personne (CRPA, article L311-3-1), quelle "
    "que soit la taille de la commune."
)


def _quelle_que_soit_la_taille(habitants: bool) -> tuple[str, tuple[str, ...]]:
    """The sentence naming what is published whatever the size (and, from 3,500 inhabitants, the
    subsidies), and the registry ids it rests on."""
    publications = list(_PARTOUT) + ([_SUBVENTIONS] if habitants else [])
    texte = (" D'autres textes font publier certains jeux de données quelle que soit la taille de la commune : "
             + " ; ".join(quoi for quoi, _ in publications) + "." + _ALGORITHME_PARTOUT)
    return texte, (*(i for _, i in publications), "crpa-l311-3-1")


# Whom to check with: a teaching aid is not legal advice.
_CONSEIL = ("En cas de doute, parlez-en au délégué à la protection des données de votre collectivité, "
            "ou demandez conseil à la CADA ; la préfecture peut aussi vous orienter.")


@dataclass(frozen=True)
class Verdict:
    """The answer to « Puis-je publier ce jeu de données ? ».

    ``statut``: one of OBLIGATION, POSSIBLE, INTERDIT, PAS_ENCORE; ``titre``: the verdict in a few
    French words; ``raison``: why, and whom to check with; ``faits``: the ids of the legal texts it
    rests on in the registry of facts (``donnees_en_main.faits``); ``articles``: their names;
    ``precautions``: what to do before publishing.
    """

    statut: str
    raison: str
    faits: tuple[str, ...]
    precautions: tuple[str, ...] = ()

    def __post_init__(self):
        for identifiant in self.faits:
            registre.fait(identifiant)  # every text a verdict names is in the registry

    @property
    def titre(self) -> str:
        return TITRES[self.statut]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(registre.fait(i).intitule for i in self.faits)

    @property
    def publiable(self) -> bool:
        return self.statut in (OBLIGATION, POSSIBLE, PAS_ENCORE)

    @property
    def obligatoire(self) -> bool:
        return self.statut == OBLIGATION

    def texte(self) -> str:
        textes = " ; ".join(registre.fait(i).mention() for i in self.faits)
        lignes = [f"{_ICONES[self.statut]} {self.titre}.", self.raison, f"Textes : {textes}."]
        lignes += [f"• {p}" for p in self.precautions]
        return "\n".join(lignes)

    __str__ = texte

    def _repr_html_(self) -> str:
        couleur = _COULEURS[self.statut]
        precautions = "".join(f"<li>{html.escape(p)}</li>" for p in self.precautions)
        precautions = f"<p style='margin:0.4em 0 0 0'>Avant de publier :</p><ul style='margin:0.2em 0'>{precautions}</ul>" if precautions else ""
        textes = " ; ".join(registre.lien_html(i) for i in self.faits)
        return (
            f"<div role='status' style='border-left:6px solid {couleur};padding:0.5em 0.9em;margin:0.4em 0;"
            f"background:#f7f7f7'>"
            f"<p style='margin:0;font-size:1.1em'><strong>{_ICONES[self.statut]} {html.escape(self.titre)}</strong></p>"
            f"<p style='margin:0.3em 0'>{html.escape(self.raison)}</p>"
            f"<p style='margin:0.3em 0'><em>Textes :</em> {textes}.</p>"
            f"{precautions}</div>"
        )


def _verdict(statut: str, raison: str, textes: tuple[str, ...], precautions: tuple[str, ...] = ()) -> Verdict:
    """A verdict naming the texts its reason rests on, then those its precautions cite."""
    tous = list(textes)
    for precaution in precautions:
        tous += [i for i in _TEXTES_DES_PRECAUTIONS.get(precaution, ()) if i not in tous]
    return Verdict(statut, raison, tuple(tous), tuple(precautions))


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
        return None, _verdict(
            PAS_ENCORE,
            "Tant que la décision qu'il prépare n'est pas prise, ce document n'ouvre pas de droit d'accès : "
            "personne ne peut exiger de l'obtenir. Mais la commune peut décider d'elle-même de le rendre "
            "public, par exemple un projet soumis à la concertation, après en avoir retiré les secrets et "
            "les données personnelles. Aucun des textes vérifiés pour ce cours ne l'interdit ; ils ne "
            "règlent pas tous les cas (un projet qui engage des tiers, par exemple) : décidez-le avec le "
            "maire et demandez conseil à la CADA en cas de doute. Une fois la décision prise, le document "
            "devient communicable : reposez la question.",
            ("crpa-l311-2", "crpa-l312-1", "crpa-l312-1-2"),
        )

    if manque("secret"):
        return QUESTIONS["secret"], None
    if reponses["secret"]:
        if manque("occultable"):
            return QUESTIONS["occultable"], None
        if not reponses["occultable"]:
            return None, _verdict(
                INTERDIT,
                "Les informations protégées par un secret prévu par la loi ne peuvent pas être rendues "
                "publiques ; si on ne peut pas les séparer du reste, le jeu de données ne peut pas être "
                "publié. Peut-être une partie, ou un total, peut-elle l'être : " + _CONSEIL,
                ("crpa-l311-5-6", "crpa-l312-1-2"),
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
                return None, _verdict(
                    INTERDIT,
                    "Un jeu de données qui contient des données personnelles ne peut être rendu public "
                    "qu'après un traitement qui rend impossible l'identification des personnes, sauf "
                    "exception prévue par la loi. Anonymisez-le (ou publiez des comptages agrégés), puis "
                    "reposez la question. Le délégué à la protection des données de votre collectivité "
                    "peut vous y aider. Pour des archives anciennes (des registres d'état civil, par "
                    "exemple), le code du patrimoine les rend communicables après des délais (articles "
                    "L213-1 et L213-2), mais leur diffusion en ligne suit des règles plus strictes : nous ne "
                    "les avons pas toutes lues, demandez au service départemental d'archives ou à la CADA.",
                    ("crpa-l312-1-2", "decret-2018-1117", "rgpd", "patrimoine-archives"),
                )
            precautions += [_PRECAUTION_MINIMISATION, _PRECAUTION_LOI_QUI_PUBLIE]

    precautions += [_PRECAUTION_FORMAT, _PRECAUTION_DROITS_D_AUTEUR]
    if manque("habitants"):
        return QUESTIONS["habitants"], None
    if manque("agents"):
        return QUESTIONS["agents"], None
    partout, textes_partout = _quelle_que_soit_la_taille(reponses["habitants"])
    sur_demande = (
        " Attention : si quelqu'un vous demande ce document et choisit qu'il soit publié en ligne, vous "
        "devez le faire, quelle que soit la taille de la commune, dans la limite de vos moyens "
        "techniques." + partout + " " + _CONSEIL
    )
    petite_commune = _verdict(
        POSSIBLE,
        "Une collectivité de moins de 3 500 habitants n'est pas tenue de publier d'elle-même ses "
        "données en ligne, mais la loi lui permet de le faire : c'est un service rendu aux habitants "
        "et aux partenaires." + sur_demande,
        ("crpa-l312-1", "crpa-l312-1-1", "crpa-l311-9", *textes_partout),
        (*precautions, _PRECAUTION_DEMANDE),
    )
    if not reponses["habitants"] and not reponses["agents"]:
        return None, petite_commune
    if not reponses["agents"]:
        return None, _verdict(
            POSSIBLE,
            "Une administration de moins de 50 agents (en équivalent temps plein) n'est pas tenue de "
            "publier d'elle-même ses données en ligne, mais la loi lui permet de le faire." + sur_demande,
            ("crpa-l312-1", "crpa-l312-1-1", "decret-2016-1922", "crpa-l311-9", *textes_partout),
            (*precautions, _PRECAUTION_DEMANDE),
        )
    # 50 agents or more. Below 3,500 inhabitants, L312-1-1 does not apply, but L312-1-3 (algorithms)
    # has only the agents threshold: the algorithm question still matters.
    if reponses["habitants"]:
        if manque("categorie"):
            return QUESTIONS["categorie"], None
        if reponses["categorie"]:
            if manque("geographique"):
                return QUESTIONS["geographique"], None
            geo = reponses["geographique"]
            return None, _verdict(
                OBLIGATION,
                "Votre collectivité doit publier en ligne ce type de données : c'est l'« ouverture par "
                "défaut » voulue par la loi pour une République numérique." + (
                    " Comme ce sont des données géographiques, la directive INSPIRE s'y ajoute." if geo else "")
                + " Si ce sont les règles d'un algorithme qui sert à des décisions individuelles, chaque "
                "décision doit aussi le mentionner à la personne (CRPA, article L311-3-1). " + _CONSEIL,
                ("crpa-l312-1-1", "loi-2016-1321", *(("inspire-communes", "inspire-directive") if geo else ()),
                 "crpa-l311-3-1"),
                (*precautions, *((_PRECAUTION_INSPIRE,) if geo else ()), _PRECAUTION_DEMANDE),
            )
    if manque("algorithme"):
        return QUESTIONS["algorithme"], None
    if reponses["algorithme"]:
        return None, _verdict(
            OBLIGATION,
            "Les règles des principaux algorithmes qui fondent des décisions individuelles doivent être "
            "publiées en ligne par les administrations d'au moins 50 agents, quelle que soit la population "
            "de la commune (le seuil de 3 500 habitants ne vaut que pour les autres données). " + _CONSEIL,
            ("crpa-l312-1-3", "decret-2016-1922", "crpa-l311-3-1"),
            (*precautions, _PRECAUTION_MENTION_ALGORITHME, _PRECAUTION_DEMANDE),
        )
    if not reponses["habitants"]:
        return None, petite_commune
    return None, _verdict(
        POSSIBLE,
        "Ce jeu de données n'entre pas dans les catégories que la loi oblige à publier d'office ; vous "
        "pouvez toutefois le publier." + sur_demande,
        ("crpa-l312-1", "crpa-l311-9", *textes_partout),
        (*precautions, _PRECAUTION_DEMANDE),
    )


def question_suivante(reponses: Mapping[str, Any] | None = None) -> Question | None:
    """The next question to answer given `reponses`, or None when a verdict is reached."""
    question, _ = _parcourir(_lire_reponses(reponses or {}))
    return question


def puis_je_publier(reponses: Mapping[str, Any]) -> Verdict:
    """« Puis-je publier ce jeu de données ? » — the verdict for the yes/no `reponses`.

    Keys: ``acheve``, ``secret``, ``occultable``, ``donnees_personnelles``, ``anonymise``,
    ``exception``, ``habitants``, ``agents``, ``categorie``, ``geographique``, ``algorithme`` (see
    ``QUESTIONS``); only those on the path
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
        question, _ = _parcourir(partielles)
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
