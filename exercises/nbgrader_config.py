"""nbgrader configuration of the « Données en main » course (course directory = this folder).

The settings live in donnees_en_main/correction/configuration.py; this file, and its copies (a trainer's
course on the hub, a grading worker's private course), only say where the course is. A setting of
your own goes below, for instance: c.LateSubmissionPlugin.penalty_method = "zero"
"""

from pathlib import Path

from donnees_en_main.correction.configuration import configurer

c = get_config()  # noqa: F821 (provided by traitlets)
configurer(c, role="cours", racine=Path(__file__).resolve().parent)
