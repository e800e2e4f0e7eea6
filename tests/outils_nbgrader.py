"""Run the real nbgrader cycle on a copy of the course: generate -> submit -> autograde -> feedback.

Used by every chapter's assignment test. Each step runs the real `nbgrader` command in a temporary
copy of `exercises/` (its own gradebook), and simulated learners answer the way a person would:
editing answer cells, or running the notebook in a real kernel and clicking the widgets.

    cours = CoursNbgrader(tmp_path, "cantine")
    cours.generer()
    cours.soumettre("alice", modifier=lambda nb: remplir(nb, "reponse-1", "x = 3"))
    cours.soumettre("bob", executer_apres="...code that sets widget values and clicks...")
    cours.autograde()
    cours.score("alice")  # from the gradebook
    cours.retours()       # {"alice": Path(feedback html)}
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import nbformat
from nbclient import NotebookClient

RACINE = Path(__file__).resolve().parent.parent
EXERCICES = RACINE / "exercises"
NBGRADER = [sys.executable, "-m", "nbgrader"]


def cellule(nb, grade_id: str):
    """The cell of `nb` whose nbgrader grade_id is `grade_id`."""
    for c in nb.cells:
        if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            return c
    raise KeyError(f"pas de cellule {grade_id!r}")


def remplir(nb, grade_id: str, code: str):
    """Replace the learner's answer cell `grade_id` by `code`, as a learner typing it would."""
    cellule(nb, grade_id).source = code
    return nb


def ids_des_cellules(nb, *, solution=None, grade=None) -> list[str]:
    out = []
    for c in nb.cells:
        m = c.metadata.get("nbgrader", {})
        if not m:
            continue
        if solution is not None and bool(m.get("solution")) != solution:
            continue
        if grade is not None and bool(m.get("grade")) != grade:
            continue
        out.append(m["grade_id"])
    return out


class CoursNbgrader:
    """A throw-away copy of the course directory with its own gradebook."""

    def __init__(self, tmp_path: Path, devoir: str):
        self.devoir = devoir
        self.racine = Path(tmp_path) / "cours"
        self.racine.mkdir(parents=True)
        shutil.copy(EXERCICES / "nbgrader_config.py", self.racine)
        shutil.copytree(EXERCICES / "modeles", self.racine / "modeles")
        shutil.copytree(
            EXERCICES / "source" / devoir,
            self.racine / "source" / devoir,
            ignore=shutil.ignore_patterns("reponses-*.json", ".ipynb_checkpoints", "__pycache__"),
        )
        self.journal: list[str] = []

    # -- running nbgrader -------------------------------------------------------------------
    def nbgrader(self, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
        # nbgrader runs `alembic` from PATH: the virtualenv's bin folder must come first.
        env = dict(os.environ, PYTHONUTF8="1", PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
        r = subprocess.run(
            [*NBGRADER, *args], cwd=self.racine, capture_output=True, text=True, timeout=timeout, env=env
        )
        self.journal.append(f"$ nbgrader {' '.join(args)}\n{r.stdout}\n{r.stderr}")
        if r.returncode != 0:
            raise AssertionError(f"nbgrader {' '.join(args)} a échoué :\n{r.stdout}\n{r.stderr}")
        return r

    def generer(self) -> Path:
        self.nbgrader("generate_assignment", self.devoir, "--force")
        return self.racine / "release" / self.devoir

    @property
    def version_eleve(self) -> Path:
        return self.racine / "release" / self.devoir

    def notebooks_eleve(self) -> list[Path]:
        return sorted(self.version_eleve.glob("*.ipynb"))

    # -- simulated learners -----------------------------------------------------------------
    def soumettre(
        self,
        eleve: str,
        modifier: Callable | None = None,
        executer_apres: str | None = None,
        executer: bool = False,
    ) -> Path:
        """Copy the released assignment as learner `eleve` would get it, answer, and submit it.

        `modifier(nb)` edits each notebook's cells (answers typed in code cells).
        `executer` runs the notebook top to bottom in a real kernel from the learner's folder, then
        runs `executer_apres` in that same kernel (setting widget values, clicking « Vérifier »),
        and saves the notebook with its outputs, as a learner saving their work.
        """
        dossier = self.racine / "submitted" / eleve / self.devoir
        shutil.copytree(self.version_eleve, dossier)
        for chemin in sorted(dossier.glob("*.ipynb")):
            nb = nbformat.read(chemin, as_version=4)
            if modifier is not None:
                nb = modifier(nb) or nb
            if executer or executer_apres:
                nb = executer_notebook(nb, dossier, apres=executer_apres)
            nbformat.write(nb, chemin)
        (dossier / "timestamp.txt").write_text(
            datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f %Z")
        )
        return dossier

    def dossier_eleve(self, eleve: str) -> Path:
        return self.racine / "submitted" / eleve / self.devoir

    # -- grading ----------------------------------------------------------------------------
    def autograde(self) -> None:
        self.nbgrader("autograde", self.devoir, "--force")

    def score(self, eleve: str) -> float:
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{self.racine / 'gradebook.db'}") as gb:
            return gb.find_submission(self.devoir, eleve).score

    def score_max(self) -> float:
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{self.racine / 'gradebook.db'}") as gb:
            return gb.find_assignment(self.devoir).max_score

    def scores_par_cellule(self, eleve: str) -> dict[str, float]:
        from nbgrader.api import Gradebook

        out = {}
        with Gradebook(f"sqlite:///{self.racine / 'gradebook.db'}") as gb:
            sub = gb.find_submission(self.devoir, eleve)
            for nb in sub.notebooks:
                for g in nb.grades:
                    out[g.name] = g.score
        return out

    def retours(self) -> dict[str, list[Path]]:
        self.nbgrader("generate_feedback", self.devoir, "--force")
        base = self.racine / "feedback"
        return {d.name: sorted((d / self.devoir).glob("*.html")) for d in sorted(base.iterdir())}


def executer_notebook(nb, dossier: Path, apres: str | None = None, timeout: int = 120):
    """Run `nb` in a real kernel whose working directory is `dossier`, then run `apres` in it."""
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(dossier)}}, allow_errors=True)
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        if apres:
            extra = nbformat.v4.new_code_cell(apres)
            nb.cells.append(extra)
            client.execute_cell(extra, len(nb.cells) - 1)
            erreurs = [o for o in extra.outputs if o.get("output_type") == "error"]
            nb.cells.pop()
            if erreurs:
                raise AssertionError("le code de l'élève simulé a échoué :\n" + "\n".join(erreurs[0]["traceback"]))
    return nb


def code_repondre_par_widgets(reponses: dict) -> str:
    """Kernel code that answers through the widgets displayed by the notebook, as a person would:
    find the question's widget on the page, set its input, click « Vérifier ».

    `reponses` maps a question id to the value to enter (a choice, a text, a list of choices to tick).
    """
    return f"""
from ipywidgets.widgets.widget import _instances as _widgets
from donnees_en_main.exercices.widgets import WidgetQuestion as _WQ

def _widget_affiche(id_question):
    trouves = [w for w in list(_widgets.values()) if isinstance(w, _WQ) and w.question.id == id_question]
    assert trouves, f"aucun widget affiché pour la question {{id_question}}"
    return trouves[-1]

for _id, _valeur in {reponses!r}.items():
    _w = _widget_affiche(_id)
    if _w.cases:
        for _case in _w.cases:
            _case.value = _case.description in _valeur
    elif _w.champ is not None:
        _w.champ.value = _valeur
    _w.bouton_verifier.click()
    assert _w.retour.value, "le clic sur « Vérifier » n'a rien affiché"
"""


def cellules_a_completer_sans_fuite(cours: CoursNbgrader, fuites=()) -> list[str]:
    """Check the released student notebook and return the grade_ids of the code cells left to complete.

    Nothing of the answers may travel with it: no answers file, no hidden test, no solution text
    (`fuites`: fragments of the solutions, as they appear in the .ipynb JSON).
    """
    release = cours.version_eleve
    assert not list(release.glob("reponses-*.json")), "aucun fichier de réponses ne doit être distribué"
    texte = (release / f"{cours.devoir}.ipynb").read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" not in texte and "est_juste" not in texte
    for fuite in fuites:
        assert fuite not in texte, f"une solution a fuité : {fuite}"
    nb = nbformat.reads(texte, as_version=4)
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells
            if c.cell_type == "code" and "raise NotImplementedError()" in c.source]


def executer_atelier(nom: str, apres: str | None = None, par_cellule: bool = False) -> list:
    """Run the committed workshop notebook notebooks/<nom>.ipynb in a real kernel from its folder,
    then `apres` (a learner's answers) in that kernel; return every output of its code cells (with
    `par_cellule`, one list of outputs per code cell).

    The committed notebook must have its outputs cleared; the learner's answers file that the run
    writes next to it is put back as it was. No cell may fail, and without `apres` running the
    notebook must record no answer.
    """
    dossier = RACINE / "notebooks"
    nb = nbformat.read(dossier / f"{nom}.ipynb", as_version=4)
    for c in nb.cells:
        if c.cell_type == "code":
            assert not c.outputs and c.execution_count is None, "sorties à effacer avant de livrer"
    reponses = dossier / f"reponses-{nom}.json"
    avant = reponses.read_bytes() if reponses.exists() else None
    try:
        executer_notebook(nb, dossier, apres=apres)
        ecrit = reponses.read_bytes() if reponses.exists() else None
    finally:
        if avant is None:
            reponses.unlink(missing_ok=True)
        else:
            reponses.write_bytes(avant)
    if apres is None:
        assert ecrit == avant, "exécuter le carnet ne doit enregistrer aucune réponse"
    cellules = [c.outputs for c in nb.cells if c.cell_type == "code"]
    sorties = [o for s in cellules for o in s]
    erreurs = [o for o in sorties if o.output_type == "error"]
    assert not erreurs, erreurs[0]["evalue"] if erreurs else ""
    return cellules if par_cellule else sorties
