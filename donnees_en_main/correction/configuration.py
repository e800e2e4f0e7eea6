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
                                                                        user name as student id, fetched
                                                                        assignments in ``~/devoirs/``
=============  ======================================================  =====================================

Environment: ``NBGRADER_ECHANGE`` (a class's shared exchange folder; on one machine it is
``<racine>/echange``), ``JUPYTERHUB_USER`` (set by JupyterHub in a learner's server),
``DEM_HUB_COMPTE_UNIQUE`` (set by deploiement/jupyterhub/: every server runs under one system account, so
nbgrader's « owned by … cheating attempt? » check on collect means nothing there).
"""

from __future__ import annotations

import os
from pathlib import Path

from nbgrader.converters.autograde import Autograde
from nbgrader.preprocessors import ClearHiddenTests, NbGraderPreprocessor, OverwriteCells
from nbgrader.api import Gradebook, MissingEntry
from nbformat import NotebookNode

from donnees_en_main import reglages
from donnees_en_main.reglages import RACINE

ROLES = ("cours", "animateur", "apprenant")
IDENTIFIANT_DU_COURS = "donnees-en-main"
# The formgrader's « Generate feedback » forces the template named `feedback`: this folder's feedback/
# points it at the course's French template (see its LISEZMOI.md).
MODELES_FORMGRADER = RACINE / "outils" / "jupyter" / "modeles-formgrader"
COURS = RACINE / "exercises"
# A learner's fetched assignments (and their feedback) on the class hub: ~/devoirs/<assignment>/, apart from the
# workshop notebooks (~/carnets/, copied by deploiement/jupyterhub/jupyterhub_config.py), which have the same names.
DOSSIER_DES_DEVOIRS = "devoirs"


class RestaurerCellules(OverwriteCells):
    """nbgrader's OverwriteCells, without its « checksum … has changed! » warning for a test cell whose hidden
    tests were removed on release (every copy's, untouched or not): restoring them is expected. A locked cell
    changed in any other way is still reported."""

    def preprocess_cell(self, cell, resources, cell_index):
        nbg = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and nbg.get("locked") and nbg.get("grade_id"):
            try:
                source = self.gradebook.find_source_cell(nbg["grade_id"], self.notebook_id, self.assignment_id)
            except MissingEntry:
                source = None
            if source is not None and source.cell_type == "code":
                publiee = NotebookNode(cell_type="code", source=source.source, metadata={})
                if ClearHiddenTests()._remove_hidden_test_region(publiee) and publiee.source.strip() == cell.source.strip():
                    cell.source = source.source
        return super().preprocess_cell(cell, resources, cell_index)


class NommerApprenant(NbGraderPreprocessor):
    """Give a learner created by autograde a name for the formgrader (« Dupont, Camille » for the account
    camille.dupont) instead of « None, None ». A name typed by the trainer is kept."""

    def preprocess(self, nb, resources):
        identifiant = resources["nbgrader"]["student"]
        with Gradebook(resources["nbgrader"]["db_url"]) as gb:
            try:
                eleve = gb.find_student(identifiant)
            except MissingEntry:
                return nb, resources
            if eleve.first_name is None and eleve.last_name is None:
                prenom, nom = nom_affiche(identifiant)
                gb.update_or_create_student(identifiant, first_name=prenom, last_name=nom)
        return nb, resources


def nom_affiche(identifiant: str) -> tuple[str, str]:
    """(first name, last name) from an account name: camille.dupont -> (« Camille », « Dupont »); lea -> (« », « Lea »)."""
    morceaux = [m.capitalize() for m in identifiant.replace("_", ".").replace("-", ".").split(".") if m]
    if len(morceaux) < 2:
        return "", " ".join(morceaux) or identifiant
    return " ".join(morceaux[:-1]), morceaux[-1]


def ranger_les_devoirs(c) -> Path:
    """Fetched assignments (and their feedback) in ``~/devoirs/<devoir>/``, as the trainer's guide says.

    Fetch, submit and fetch feedback (Assignment List and command line alike) use Exchange.assignment_dir;
    the Assignment List changes into it before each action, so it must exist (even if the learner removed
    it). Used by the ``apprenant`` role and by The Littlest JupyterHub's configuration (deploiement/tljh/).
    """
    devoirs = Path.home() / DOSSIER_DES_DEVOIRS
    devoirs.mkdir(exist_ok=True)
    c.Exchange.assignment_dir = str(devoirs)
    return devoirs


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

    # Autograde: hidden tests restored without a false alarm, learners named in the formgrader.
    sanitize = Autograde.class_traits()["sanitize_preprocessors"].default()
    c.Autograde.sanitize_preprocessors = [RestaurerCellules if p is OverwriteCells else p for p in sanitize] + [
        NommerApprenant]
    # One system account for every server of a class hub: each copy is « owned » by it, no cheating there.
    if reglages.hub_compte_unique():
        c.ExchangeCollect.check_owner = False

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
        ranger_les_devoirs(c)
