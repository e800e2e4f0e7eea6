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

__all__ = [
    "AvertissementReponses",
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
