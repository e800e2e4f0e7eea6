"""The course's nbgrader settings, in one place; each ``nbgrader_config.py`` is a few lines calling
:func:`configurer` with its role:

=============  ======================================================  =====================================
Role           Where                                                    What it adds to the course's settings
=============  ======================================================  =====================================
``cours``      ``exercises/nbgrader_config.py`` (and the copies made     nothing: the course folder is
               for a trainer or a grading worker)                       ``racine``
``animateur``  ``outils/jupyter/`` (``bash outils/atelier.sh``),         the formgrader's « Generate feedback »
               ``deploiement/jupyterhub/formateur/``                    in French (modeles-formgrader/)
``apprenant``  ``deploiement/jupyterhub/apprenant/``                    the learner's own folder, the hub
                                                                        user name as student id
=============  ======================================================  =====================================

Environment: ``NBGRADER_ECHANGE`` (a class's shared exchange folder; on one machine it is
``<racine>/echange``), ``JUPYTERHUB_USER`` (set by JupyterHub in a learner's server).
"""

from __future__ import annotations

import os
from pathlib import Path

from donnees_en_main.reglages import RACINE

ROLES = ("cours", "animateur", "apprenant")
IDENTIFIANT_DU_COURS = "donnees-en-main"
# The formgrader's « Generate feedback » forces the template named `feedback`: this folder's feedback/
# points it at the course's French template (see its LISEZMOI.md).
MODELES_FORMGRADER = RACINE / "outils" / "jupyter" / "modeles-formgrader"
COURS = RACINE / "exercises"


def configurer(c, *, role: str = "cours", racine: Path | str = COURS) -> None:
    """Set nbgrader's configuration ``c`` (a traitlets Config) for the course folder ``racine``."""
    if role not in ROLES:
        raise ValueError(f"rôle nbgrader inconnu « {role} » (rôles possibles : {', '.join(ROLES)})")
    racine = Path(racine).resolve()

    c.CourseDirectory.course_id = IDENTIFIANT_DU_COURS
    c.CourseDirectory.root = str(racine)
    # Exchange folder (release / fetch / submit / collect): on one machine, inside the course folder;
    # a JupyterHub for a whole class sets NBGRADER_ECHANGE to a shared folder.
    c.Exchange.root = os.environ.get("NBGRADER_ECHANGE", str(racine / "echange"))
    c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]

    # Widgets save a learner's answers in reponses-<carnet>.json next to the notebook, and that file travels
    # with the submission. `ignore` above cannot list it (nbgrader also applies `ignore` when it copies a
    # submission for autograde), so: autograde must never overwrite a learner's answers with a file left in
    # source/ by a trainer who tried the notebook there (the tests check that no such file is released).
    source = racine / "source"
    c.Autograde.exclude_overwriting = {
        dossier.name: [f"reponses-{dossier.name}.json"] + [f.name for f in dossier.glob("reponses-*.json")]
        for dossier in (source.iterdir() if source.is_dir() else ())
        if dossier.is_dir()
    }

    # Learners' notebooks run a few seconds; a stuck cell must not block the whole batch.
    c.ExecutePreprocessor.timeout = 60
    c.Execute.timeout = 60

    # Feedback pages in French, with nothing loaded from third parties.
    c.HTMLExporter.template_name = "retour_fr"
    c.HTMLExporter.extra_template_basedirs = [str(racine / "modeles")]

    # Hide the hidden-test markers' contents from learners (nbgrader default markers).
    c.ClearSolutions.code_stub = {"python": "# VOTRE RÉPONSE ICI\nraise NotImplementedError()"}
    c.ClearSolutions.text_stub = "VOTRE RÉPONSE ICI"

    if role == "animateur":
        c.HTMLExporter.extra_template_basedirs = [str(MODELES_FORMGRADER), *c.HTMLExporter.extra_template_basedirs]
    elif role == "apprenant":
        # Every server of the hub runs under the same system account: nbgrader must not take it as the
        # student id, and the course's folder is not the learner's.
        c.CourseDirectory.root = os.getcwd()
        if os.environ.get("JUPYTERHUB_USER"):
            c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]
