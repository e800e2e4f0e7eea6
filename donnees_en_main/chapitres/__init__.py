"""The chapter manifest: one declaration per chapter, from which the rest is derived or checked.

A chapter has one name (``nom``) everywhere:

- its page ``book/<nom>.md``;
- its data ``datasets/<nom>/`` (``donnees=True``);
- its workshop notebook ``notebooks/<nom>.ipynb`` (``atelier=True``);
- its graded assignment ``exercises/source/<nom>/<nom>.ipynb`` (``devoir=True``);
- its code ``donnees_en_main/chapitres/<module>/`` and question bank ``…/<module>/questions.py``
  (``questions=True``), where ``module`` is ``nom`` with ``_`` for ``-``.

``_toc.yml`` is generated from this list (``python -m donnees_en_main sommaire``; a test fails when
it is out of date), the course map's full route (``carte.PARCOURS_COMPLET``) is the chapters that
have a ``resume``, and ``tests/test_chapitres.py`` checks every chapter's contract from it.

To add a chapter: add one ``Chapitre`` below, write the files it declares, run
``python -m donnees_en_main sommaire``.
"""

from __future__ import annotations

from dataclasses import dataclass

ELUS = "élus"
ANIMATEURS = "animateurs"
ANNEXE = "annexe"

# The parts of the book, in order (captions of _toc.yml).
PARTIES = (
    "Commencer",
    "Les cas d'usage",
    "Les savoir-faire",
    "Faire vivre la démarche",
    "Pour les animateurs",
    "Annexes",
)


@dataclass(frozen=True)
class Chapitre:
    nom: str
    titre: str  # the page's title (its first heading)
    partie: str  # one of PARTIES
    public: str  # ELUS, ANIMATEURS or ANNEXE
    resume: str = ""  # one line for the course map; a chapter with a summary is on the full route
    donnees: bool = False
    atelier: bool = False
    devoir: bool = False
    questions: bool = False

    @property
    def module(self) -> str:
        """The Python name of the chapter (``moyenne_mediane`` for ``moyenne-mediane``)."""
        return self.nom.replace("-", "_")

    @property
    def page(self) -> str:
        return f"book/{self.nom}.md"

    @property
    def dossier_donnees(self) -> str:
        return f"datasets/{self.nom}"

    @property
    def carnet_atelier(self) -> str:
        return f"notebooks/{self.nom}.ipynb"

    @property
    def carnet_devoir(self) -> str:
        return f"exercises/source/{self.nom}/{self.nom}.ipynb"

    @property
    def banque(self) -> str:
        """The question bank's module (``donnees_en_main.chapitres.cantine.questions``)."""
        return f"donnees_en_main.chapitres.{self.module}.questions"


CHAPITRES: tuple[Chapitre, ...] = (
    Chapitre("pourquoi", "Pourquoi les données sont un sujet politique", "Commencer", ELUS,
             resume="pourquoi les données sont un sujet politique, et la démarche du cours"),
    Chapitre("carte", "La carte du cours", "Commencer", ELUS,
             resume="les situations et les compétences, et où les trouver"),
    Chapitre("essayer", "Essayer dans le navigateur", "Commencer", ELUS),
    Chapitre("cantine", "Publier les menus de la cantine", "Les cas d'usage", ELUS,
             resume="publier les menus de la cantine au format national ; la part de bio",
             donnees=True, atelier=True, devoir=True, questions=True),
    Chapitre("energie", "Connaître la consommation d'énergie de la commune", "Les cas d'usage", ELUS,
             resume="les consommations des bâtiments communaux ; comparer par m² ; le décret tertiaire",
             donnees=True, atelier=True, devoir=True, questions=True),
    Chapitre("elections", "Avoir et communiquer les résultats d'une élection", "Les cas d'usage", ELUS,
             resume="les résultats d'une élection ; inscrits, votants, exprimés",
             donnees=True, atelier=True, devoir=True, questions=True),
    Chapitre("ouvrir", "Ouvrir les données de la commune", "Les cas d'usage", ELUS,
             resume="ouvrir ses données : inventaire, priorités, schéma national, catalogue, licence, publication",
             donnees=True, atelier=True, devoir=True, questions=True),
    Chapitre("qualite", "La qualité des données : peut-on s'y fier ?", "Les savoir-faire", ELUS,
             resume="juger la qualité d'un fichier : fiabilité, date, trous et doublons",
             atelier=True, devoir=True, questions=True),
    Chapitre("formats", "Formats et interopérabilité : parler la même langue", "Les savoir-faire", ELUS,
             resume="formats de fichiers, schémas nationaux, code INSEE et code postal",
             donnees=True, atelier=True, devoir=True, questions=True),
    Chapitre("moyenne-mediane", "Moyenne, médiane, taux : lire un chiffre sans se tromper", "Les savoir-faire",
             ELUS, resume="moyenne ou médiane ; un taux et son dénominateur",
             atelier=True, devoir=True, questions=True),
    Chapitre("cadre-legal", "Le cadre légal : ce que la loi demande, ce qu'elle protège", "Les savoir-faire",
             ELUS, resume="RGPD, loi pour une République numérique, INSPIRE, loi NOTRe : puis-je publier ?",
             atelier=True, devoir=True, questions=True),
    Chapitre("rgpd-au-quotidien", "Le RGPD au quotidien", "Les savoir-faire", ELUS,
             resume="le RGPD d'un projet de la commune : registre, sous-traitant, analyse d'impact, durées, fuite, délégué"),
    Chapitre("repondre-citoyen",
             "Répondre à un citoyen, piloter, concerter : poser les bonnes questions à un jeu de données",
             "Les savoir-faire", ELUS,
             resume="interroger un jeu de données, répondre à un habitant, piloter, concerter",
             donnees=True, atelier=True, devoir=True, questions=True),
    Chapitre("appel-et-observatoire", "Répondre à un appel à projets, bâtir un observatoire", "Les savoir-faire",
             ELUS, resume="les chiffres d'un dossier d'appel à projets ; un observatoire comparable (la sécheresse)",
             donnees=True),
    Chapitre("gouvernance", "Faire vivre la démarche : gouvernance et compétences", "Faire vivre la démarche",
             ELUS, resume="qui fait quoi, et comment garder la compétence quand un agent part", questions=True),
    Chapitre("guide-animateur", "Guide de l'animateur", "Pour les animateurs", ANIMATEURS),
    Chapitre("guide-exercices", "Comment fonctionnent les exercices", "Pour les animateurs", ANIMATEURS),
    Chapitre("guide-correction", "Corriger les devoirs en toute confiance", "Pour les animateurs", ANIMATEURS),
    Chapitre("votre-commune", "Travailler sur les données de votre commune", "Pour les animateurs", ANIMATEURS),
    Chapitre("glossaire", "Glossaire", "Annexes", ANNEXE, resume="les mots des données, expliqués simplement"),
    Chapitre("accessibilite", "Déclaration d'accessibilité", "Annexes", ANNEXE),
)

ACCUEIL = "intro"  # the book's first page (root of _toc.yml), not a chapter


def chapitre(nom: str) -> Chapitre:
    """The chapter called ``nom`` (French error listing the known names otherwise)."""
    for c in CHAPITRES:
        if c.nom == nom:
            return c
    noms = ", ".join(c.nom for c in CHAPITRES)
    raise ValueError(f"Chapitre inconnu : « {nom} ». Les chapitres du cours : {noms}.")


def avec_devoir() -> list[Chapitre]:
    return [c for c in CHAPITRES if c.devoir]


def avec_atelier() -> list[Chapitre]:
    return [c for c in CHAPITRES if c.atelier]


def sommaire_yaml() -> str:
    """The text of ``_toc.yml``, generated from CHAPITRES."""
    lignes = [
        "# Table des matières du livre : fichier généré depuis donnees_en_main/chapitres/__init__.py",
        "# (python -m donnees_en_main sommaire). Ne pas le modifier à la main.",
        "format: jb-book",
        f"root: book/{ACCUEIL}",
        "parts:",
    ]
    for partie in PARTIES:
        membres = [c for c in CHAPITRES if c.partie == partie]
        if not membres:
            continue
        lignes += [f"  - caption: {partie}", "    chapters:"]
        lignes += [f"      - file: book/{c.nom}" for c in membres]
    return "\n".join(lignes) + "\n"


def _verifier_manifeste() -> None:
    noms = [c.nom for c in CHAPITRES]
    doublons = {n for n in noms if noms.count(n) > 1}
    if doublons:
        raise ValueError(f"Chapitres déclarés deux fois : {sorted(doublons)}")
    for c in CHAPITRES:
        if c.partie not in PARTIES:
            raise ValueError(f"Chapitre {c.nom} : partie inconnue « {c.partie} »")
        if c.devoir and not (c.atelier and c.questions):
            raise ValueError(f"Chapitre {c.nom} : un devoir suppose un atelier et une banque de questions")


_verifier_manifeste()
