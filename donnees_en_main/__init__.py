"""Données en main : ce que le livre, les ateliers et les exercices partagent.

- ``donnees_en_main.donnees`` : trouver et charger les jeux de données du cours ;
- ``donnees_en_main.donnees.validation`` : valider un fichier contre son schéma, rapport en français ;
- ``donnees_en_main.exercices`` : les questions à retour immédiat, notées par nbgrader.
"""

__version__ = "0.1.0"

from donnees_en_main import reglages as _reglages

if _reglages.en_livre():  # a kernel running a page of the book
    from donnees_en_main.affichage import interactif as _interactif  # noqa: F401  (switches widgets to plain HTML)
