"""One grading worker: nbgrader's own autograde, one submission at a time, in a private course copy.

Started by ``lot.py`` as
``python -m donnees_en_main.correction.correcteur RACINE DEVOIR NUMERO LIMITES MASQUES LOT``.
RACINE is a throw-away copy of the course (config, source, a copy of the gradebook) holding only the
submissions this worker is given; the real gradebook is written by the parent alone, so parallel
workers never write the same sqlite file.

Protocol: once ready, the worker writes ``{"pret": true}``; then the parent writes one JSON line per submission (``{"eleve": "alice"}``) on stdin; the
worker answers one JSON line (``resultat``, ASCII only) on the protocol channel (the original stdout; anything
else printed, by nbgrader or a kernel, goes to stderr, which the parent keeps as a log).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.apps.api import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import (
    AssignLatePenalties, CheckCellMetadata, ClearOutput, DeduplicateIds, IgnorePattern, LimitOutput,
    OverwriteCells, OverwriteKernelspec, SaveAutoGrades,
)
from nbconvert.preprocessors import ClearMetadataPreprocessor
from traitlets.config import Config, PyFileConfigLoader

from . import execution, verdicts
from .bac_a_sable import BacASable, Limites, effacer_dossier
from .execution import GestionnaireNoyauIsole
from .noyaux_chauds import NoyauxChauds


def configuration(racine: Path, limites: Limites, devoir: str, noyau: bool = True) -> Config:
    """The course's nbgrader config, pointed at `racine`, with the trusted preprocessors plugged in
    (`noyau` False: no kernel, see ``verdicts.sans_noyau``)."""
    cfg = PyFileConfigLoader("nbgrader_config.py", path=str(racine)).load_config()
    cfg.CourseDirectory.root = str(racine)
    cfg.CourseDirectory.db_url = f"sqlite:///{racine / 'gradebook.db'}"
    coursedir = CourseDirectory(config=cfg)
    cfg.RestaurerCellulesNotees.dossier_source = coursedir.format_path(coursedir.source_directory, ".", devoir)
    cfg.Autograde.sanitize_preprocessors = [
        ClearOutput, execution.RestaurerCellulesNotees, DeduplicateIds, OverwriteKernelspec, OverwriteCells,
        CheckCellMetadata,
    ]
    cfg.Autograde.autograde_preprocessors = [
        execution.ExecutionIsolee if noyau else execution.SansNoyau, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades,
        execution.NoterCellulesSupprimees, AssignLatePenalties, CheckCellMetadata,
    ]
    cfg.ExecutionIsolee.timeout = limites.delai_cellule
    cfg.ExecutionIsolee.delai_carnet = limites.delai_carnet
    cfg.ExecutionIsolee.sortie_max = limites.sortie
    cfg.ExecutionIsolee.startup_timeout = 60
    cfg.ExecutionIsolee.iopub_timeout = 10
    cfg.ExecutionIsolee.raise_on_iopub_timeout = False
    cfg.ExecutionIsolee.shutdown_kernel = "immediate"
    return cfg


def lire_notes(db_url: str, devoir: str, eleve: str) -> dict | None:
    """What autograde wrote in this worker's gradebook for one submission (sent to the parent)."""
    with Gradebook(db_url) as gb:
        try:
            sub = gb.find_submission(devoir, eleve)
        except MissingEntry:
            return None
        carnets = {}
        for nb in sub.notebooks:
            carnets[nb.name] = {
                "penalite": nb.late_submission_penalty,
                "notes": {g.name: {"auto_score": g.auto_score, "manual_score": g.manual_score,
                                   "extra_credit": g.extra_credit, "needs_manual_grade": g.needs_manual_grade}
                          for g in nb.grades},
                "commentaires": {c.name: c.auto_comment for c in nb.comments},
            }
        return {"horodatage": sub.timestamp.isoformat() if sub.timestamp else None, "carnets": carnets}


def main(argv: list[str]) -> int:
    racine, devoir, numero, limites_json = Path(argv[0]), argv[1], int(argv[2]), argv[3]
    masques = [Path(m) for m in json.loads(argv[4])] if len(argv) > 4 else []
    lot = int(argv[5]) if len(argv) > 5 else os.getppid()
    limites = Limites.depuis_json(limites_json)

    # the protocol channel is the original stdout; everything else printed goes to the log (stderr)
    protocole = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    os.umask(0o077)

    # the kernels' runtime folders (connection files, sockets): one per submission, made fresh and
    # removed after it, so that a kernel locking, filling or deleting its own changes no other copy
    noyaux = racine / "noyau"
    noyaux.mkdir(exist_ok=True)
    bac = BacASable(limites=limites, numero=numero, lot=lot, masques=masques, racine=racine)
    GestionnaireNoyauIsole.bac_a_sable = bac
    # an assignment of widget questions only: judged from the answers files, no kernel at all
    source = Path(configuration(racine, limites, devoir).RestaurerCellulesNotees.dossier_source)
    try:
        noyau = not verdicts.sans_noyau(source)
    except Exception:  # noqa: BLE001 - when in doubt, the kernel runs the notebook
        noyau = True
    # warm kernels (pandas already imported), each forked into a sandbox of its own; else cold ones
    if noyau:
        GestionnaireNoyauIsole.noyaux_chauds = NoyauxChauds.essayer(
            bac, [racine / "submitted", racine / "autograded", noyaux], racine / "zygote", journal=sys.stderr)

    cfg = configuration(racine, limites, devoir, noyau)
    api = NbGraderAPI(config=cfg)
    db_url = api.coursedir.db_url
    protocole.write(json.dumps({"pret": True}) + "\n")  # the parent waits for this before sending work

    for ligne in sys.stdin:
        if not ligne.strip():
            continue
        eleve = json.loads(ligne)["eleve"]
        execution.nouvelle_copie()
        debut = time.monotonic()
        execution_dir = Path(tempfile.mkdtemp(prefix="c", dir=noyaux))
        os.environ["JUPYTER_RUNTIME_DIR"] = str(execution_dir)
        GestionnaireNoyauIsole.dossier_execution = execution_dir
        try:
            resultat = api.autograde(devoir, eleve, force=True, create=True)
        except BaseException:  # noqa: BLE001 - report anything, the parent decides
            resultat = {"success": False, "error": traceback.format_exc()}
        finally:
            effacer_dossier(execution_dir)
        if resultat.get("success"):
            # widget answers (from the answers file as handed in) and code questions (from the values
            # their hidden tests displayed): judged here, not by the learner's kernel
            coursedir = api.coursedir
            try:
                for message in verdicts.appliquer(
                    db_url, devoir, eleve,
                    Path(coursedir.format_path(coursedir.source_directory, ".", devoir)),
                    Path(coursedir.format_path(coursedir.submitted_directory, eleve, devoir)),
                    Path(coursedir.format_path(coursedir.autograded_directory, eleve, devoir)),
                    noyau=noyau,
                ):
                    execution.INCIDENTS.append({"carnet": "", "message": message})
            except Exception as e:  # noqa: BLE001 - never lose a copy: flag it, never keep the kernel's verdicts
                try:
                    annulees = verdicts.annuler(db_url, devoir, eleve, Path(coursedir.format_path(
                        coursedir.source_directory, ".", devoir)))
                    suite = (f"les questions {', '.join(annulees)} comptent 0 (le verdict du programme de la "
                             "copie n'est pas retenu)" if annulees else "aucune note retenue")
                except Exception:  # noqa: BLE001
                    suite = "notes à vérifier"
                execution.INCIDENTS.append({"carnet": "", "message": (
                    f"Les réponses n'ont pas pu être notées par le correcteur ({type(e).__name__} : "
                    f"{str(e)[:200]}) : {suite} ; relisez la copie.")})
        try:
            notes = lire_notes(db_url, devoir, eleve)
        except Exception:  # noqa: BLE001
            notes = None
        reponse = {
            "eleve": eleve,
            "succes": bool(resultat.get("success")),
            "erreur": (resultat.get("error") or "")[-3000:],
            "journal": (resultat.get("log") or "")[-6000:],
            "incidents": list(execution.INCIDENTS),
            "notes": notes,
            "duree": round(time.monotonic() - debut, 3),
        }
        # pure ASCII: a lone surrogate (a file name in Latin-1 quoted in a log) travels as \\udce9
        protocole.write(json.dumps(reponse, ensure_ascii=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
