"""Données en main : ce que le livre, les ateliers et les exercices partagent.

- ``donnees_en_main.donnees`` : trouver et charger les jeux de données du cours ;
- ``donnees_en_main.validation`` : valider un fichier contre son schéma, rapport en français ;
- ``donnees_en_main.exercices`` : les questions à retour immédiat, notées par nbgrader.
"""

__version__ = "0.1.0"
