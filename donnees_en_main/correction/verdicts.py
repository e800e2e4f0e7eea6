"""Widget answers judged by the trusted grader, not by code running in the learner's kernel.

A question answered through its widget is saved in the answers file ``reponses-<carnet>.json`` that
travels with the submission. Its hidden test (``assert q.x.est_juste()``) runs in the learner's
kernel, where the learner's own code can rebind ``q``, patch the check or shadow the course
package: the kernel's verdict cannot be trusted. So, once nbgrader has autograded a copy, the
grading worker (``correcteur.py``, outside the sandbox) judges those questions itself:

- which graded cells are answers-file questions is read from the course's *source* notebook (the
  trainer's, never the submission's): the cell metadata ``donnees_en_main`` written by
  ``python -m donnees_en_main devoirs`` (``variable`` null);
- the question is imported from the course package installed for the grader (the chapter's bank,
  found through the chapter manifest), never from the submission folder;
- the answers file is read from the submission as handed in (before the learner's code ran);
- the grader's score replaces the kernel's in the worker's gradebook. When the kernel had granted
  more, the copy is flagged (the learner's code tried to decide its own grade).

Cells without that metadata (a trainer's own assignment, an older source notebook) keep the
kernel's verdict.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

import nbformat

from donnees_en_main.exercices import stockage
from donnees_en_main.exercices.devoirs import CLE
from donnees_en_main.exercices.types_de_questions import Question, questions_du_carnet


@dataclass(frozen=True)
class CelluleFichier:
    """A graded cell judged from the answers file."""

    carnet_nbgrader: str  # the notebook's name in the gradebook (file name without .ipynb)
    grade_id: str
    question_id: str


def cellules_du_fichier(dossier_source: Path) -> list[CelluleFichier]:
    """The answers-file graded cells of the source notebooks in `dossier_source` (trusted)."""
    cellules = []
    for chemin in sorted(Path(dossier_source).glob("*.ipynb")):
        nb = nbformat.read(chemin, as_version=4)
        for cellule in nb.cells:
            nbgrader = cellule.get("metadata", {}).get("nbgrader", {})
            meta = cellule.get("metadata", {}).get(CLE)
            if not (isinstance(nbgrader, dict) and nbgrader.get("grade") and isinstance(meta, dict)):
                continue
            if meta.get("variable") is None and isinstance(meta.get("question"), str):
                cellules.append(CelluleFichier(chemin.stem, nbgrader["grade_id"], meta["question"]))
    return cellules


def trouver_question(question_id: str) -> Question | None:
    """The question `question_id` (``carnet.nom``), imported from the course package's bank."""
    from donnees_en_main.chapitres import CHAPITRES

    carnet = question_id.split(".", 1)[0]
    chapitre = next((c for c in CHAPITRES if c.nom == carnet and c.questions), None)
    if chapitre is None:
        return None
    importlib.import_module(chapitre.banque)
    return next((q for q in questions_du_carnet(carnet) if q.id == question_id), None)


@dataclass
class Verdict:
    cellule: CelluleFichier
    juste: bool
    message: str


def juger(cellules: list[CelluleFichier], dossier_copie: Path) -> tuple[list[Verdict], list[str]]:
    """Judge each cell from the answers file of the submission in `dossier_copie`.

    Returns (verdicts, French incidents); a cell whose question is unknown to the course package
    gets no verdict (the kernel's stands) and an incident.
    """
    verdicts, incidents = [], []
    fichiers: dict[str, tuple[dict, str | None]] = {}
    for cellule in cellules:
        question = trouver_question(cellule.question_id)
        if question is None:
            incidents.append(f"Question « {cellule.question_id} » ({cellule.grade_id}) inconnue du paquet du cours : "
                             "notée par le noyau de la copie, à vérifier.")
            continue
        if question.carnet not in fichiers:
            fichiers[question.carnet] = stockage.lire_fichier_reponses(
                Path(dossier_copie) / f"reponses-{question.carnet}.json")
        entrees, probleme = fichiers[question.carnet]
        with stockage.sans_bruit():
            resultat = question._resultat_depuis(entrees)
        verdicts.append(Verdict(cellule, resultat.juste, resultat.message))
    for carnet, (_, probleme) in fichiers.items():
        if probleme:
            incidents.append(f"Fichier « reponses-{carnet}.json » illisible ({probleme}) : ses réponses comptent 0.")
    return verdicts, incidents


def appliquer(db_url: str, devoir: str, eleve: str, dossier_source: Path, dossier_copie: Path) -> list[str]:
    """Replace the kernel's score of every answers-file cell by the grader's; French incidents."""
    from nbgrader.api import Gradebook, MissingEntry

    cellules = cellules_du_fichier(dossier_source)
    if not cellules:
        return []
    verdicts, incidents = juger(cellules, dossier_copie)
    accordes_par_le_noyau = []
    with Gradebook(db_url) as gb:
        for v in verdicts:
            try:
                note = gb.find_grade(v.cellule.grade_id, v.cellule.carnet_nbgrader, devoir, eleve)
            except MissingEntry:
                continue
            score = float(note.max_score) if v.juste else 0.0
            ancien = note.auto_score
            if ancien is not None and float(ancien) > score:
                accordes_par_le_noyau.append(v.cellule.grade_id)
            note.auto_score = score
            note.needs_manual_grade = False
        gb.db.commit()
    if accordes_par_le_noyau:
        incidents.append(
            "Code inhabituel : le programme de la copie a validé " + ", ".join(sorted(accordes_par_le_noyau))
            + ", que les réponses enregistrées dans le fichier de réponses ne justifient pas. La note retenue "
            "est celle du correcteur ; relisez la copie (tentative de contourner la correction ?)."
        )
    return incidents
