"""Questions du chapitre « Faire vivre la démarche : gouvernance et compétences ».

Open questions only (``Reflexion``): how a commune shares out the roles and keeps its know-how has
no single right answer, it depends on its size, its staff and its neighbours. The answers are kept
in ``reponses-gouvernance.json`` to be discussed between peers.

Used by book/gouvernance.md (as its « Questions pour échanger entre pairs ») and by trainers in a
workshop notebook::

    from donnees_en_main.chapitres.gouvernance import questions as q
    for question in q.QUESTIONS:
        question.afficher()
"""

from __future__ import annotations

from donnees_en_main.exercices import Reflexion

CARNET = "gouvernance"

qui_fait_quoi = Reflexion(
    id="gouvernance.qui_fait_quoi",
    carnet=CARNET,
    enonce=(
        "Dans votre commune, qui est l'élu ou l'élue référent pour les données ? S'il n'y en a pas, "
        "qui pourrait l'être, et avec quel agent formerait-il un binôme ?"
    ),
)

depart = Reflexion(
    id="gouvernance.depart",
    carnet=CARNET,
    enonce=(
        "Pensez à un fichier que votre mairie tient à jour (menus, factures d'énergie, subventions, "
        "listes d'inscription…). Si la personne qui s'en occupe partait demain, que perdriez-vous ? "
        "Que faudrait-il écrire dès cette semaine pour l'éviter ?"
    ),
)

premier_jeu = Reflexion(
    id="gouvernance.premier_jeu",
    carnet=CARNET,
    enonce=(
        "Quel engagement de votre programme aimeriez-vous pouvoir prouver avec des chiffres publiés "
        "et tenus à jour d'ici un an ? Quel fichier faudrait-il pour cela, et qui en serait responsable ?"
    ),
)

mutualiser = Reflexion(
    id="gouvernance.mutualiser",
    carnet=CARNET,
    enonce=(
        "Que pourriez-vous partager avec votre intercommunalité, votre syndicat informatique ou une "
        "commune voisine : délégué à la protection des données, portail de publication, formation, "
        "modèles de fiches ?"
    ),
)

rendre_compte = Reflexion(
    id="gouvernance.rendre_compte",
    carnet=CARNET,
    enonce=(
        "Comment le conseil municipal et les habitants sauront-ils, chaque année, ce qui a été publié, "
        "ce qui a servi et ce qui reste à faire ?"
    ),
)

QUESTIONS = [qui_fait_quoi, depart, premier_jeu, mutualiser, rendre_compte]
