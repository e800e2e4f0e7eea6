"""Exercises with immediate feedback, graded by nbgrader from a saved answers file.

    from donnees_en_main.exercices import ChoixUnique, progression

    q = ChoixUnique(id="cantine.indicateur", carnet="cantine", enonce="…", choix=[…], reponse="…")
    q.afficher()            # the widget: « Vérifier », « Un indice », « Voir la solution »
    q.verifier("La médiane") # save and grade from code; q.verifier() grades the saved answer
    q.indice(); q.solution()
    progression("cantine")  # « 2 questions faites sur 5 »

Graded assignments are declared with the bank (``DEVOIR = Devoir(…)``) and their nbgrader test cells
generated from it: see ``donnees_en_main.exercices.devoirs``.
Why and how answers are saved: see ``donnees_en_main.exercices.stockage``.
"""

from .types_de_questions import (
    ChoixMultiple,
    ChoixUnique,
    Nombre,
    Progression,
    Question,
    Reflexion,
    Resultat,
    CalculPandas,
    Texte,
    progression,
    questions_du_carnet,
)
from .stockage import AvertissementReponses, chemin_reponses, reponses_enregistrees
from . import widgets as _widgets  # noqa: F401 - registers a widget builder for each question type


def au_premier_usage(module: str, noms, valeur):
    """A module ``__getattr__`` (PEP 562) for a question bank's data-derived constants.

    ``q.MEDIANE`` calls ``valeur("MEDIANE")`` on first access, so importing a bank reads nothing
    from disk; ``noms`` are the public names, ``module`` is the bank's ``__name__``::

        __getattr__ = au_premier_usage(__name__, _PUBLICS, lambda nom: getattr(_chiffres(), nom))
    """
    noms = frozenset(noms)

    def __getattr__(nom: str):
        if nom in noms:
            return valeur(nom)
        raise AttributeError(f"module {module!r} has no attribute {nom!r}")

    return __getattr__

__all__ = [
    "AvertissementReponses",
    "au_premier_usage",
    "ChoixMultiple",
    "ChoixUnique",
    "Nombre",
    "Progression",
    "Question",
    "Reflexion",
    "Resultat",
    "CalculPandas",
    "Texte",
    "chemin_reponses",
    "progression",
    "questions_du_carnet",
    "reponses_enregistrees",
]
