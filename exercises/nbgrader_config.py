"""nbgrader configuration of the « Données en main » course (course directory = this folder)."""

import os
from pathlib import Path

c = get_config()  # noqa: F821 (provided by nbgrader)

ICI = Path(__file__).resolve().parent

c.CourseDirectory.course_id = "donnees-en-main"
c.CourseDirectory.root = str(ICI)
# Exchange folder (release / fetch / submit / collect): on one machine, inside the course folder;
# a JupyterHub for a whole class sets NBGRADER_ECHANGE to a shared folder.
c.Exchange.root = os.environ.get("NBGRADER_ECHANGE", str(ICI / "echange"))
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]

# Widgets save a learner's answers in reponses-<carnet>.json next to the notebook, and that file travels
# with the submission. `ignore` above cannot list it (nbgrader also applies `ignore` when it copies a
# submission for autograde), so: autograde must never overwrite a learner's answers with a file left in
# source/ by a trainer who tried the notebook there (the tests check that no such file is released).
c.Autograde.exclude_overwriting = {
    dossier.name: [f"reponses-{dossier.name}.json"]
    + [f.name for f in dossier.glob("reponses-*.json")]
    for dossier in (ICI / "source").iterdir()
    if dossier.is_dir()
}

# Learners' notebooks run a few seconds; a stuck cell must not block the whole batch.
c.ExecutePreprocessor.timeout = 60
c.Execute.timeout = 60

# Feedback pages in French, with nothing loaded from third parties.
c.HTMLExporter.template_name = "retour_fr"
c.HTMLExporter.extra_template_basedirs = [str(ICI / "modeles")]

# Hide the hidden-test markers' contents from learners (nbgrader default markers).
c.ClearSolutions.code_stub = {"python": "# VOTRE RÉPONSE ICI\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "VOTRE RÉPONSE ICI"
