"""nbgrader configuration of the « Données en main » course (course directory = this folder).

The settings live in donnees_en_main/correction/configuration.py; this file, and its copies (a trainer's
course on the hub, a grading worker's private course), only say where the course is.
"""

from pathlib import Path

from donnees_en_main.correction.configuration import configurer

configurer(get_config(), role="cours", racine=Path(__file__).resolve().parent)  # noqa: F821 (provided by traitlets)
