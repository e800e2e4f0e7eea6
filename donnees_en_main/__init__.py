"""Données en main : ce que le livre, les ateliers et les exercices partagent.

- ``donnees_en_main.donnees`` : trouver et charger les jeux de données du cours ;
- ``donnees_en_main.validation`` : valider un fichier contre son schéma, rapport en français ;
- ``donnees_en_main.exercices`` : les questions à retour immédiat, notées par nbgrader.
"""

__version__ = "0.1.0"

import os as _os

if _os.environ.get("DONNEES_EN_MAIN_LIVRE") == "1":  # a kernel running a page of the book
    from donnees_en_main import interactif as _interactif  # noqa: F401  (switches widgets to plain HTML)
