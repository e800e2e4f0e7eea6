"""Grade a whole room: check each submission, autograde it in a sandboxed worker, merge into the gradebook.

Why workers with their own course copy (measured, see benchmarks/correction.py and the guide):
nbgrader grades one submission after another (jupyter/nbgrader#174) and several ``nbgrader
autograde --student X`` on one gradebook make several processes write one sqlite file. Here each
worker runs nbgrader's autograde, in-process (no 3 s start-up per submission), in a throw-away copy
of the course with a copy of the gradebook; only this process writes the real gradebook, one
submission per transaction, through nbgrader's own ``Gradebook`` API. A submission whose grading
crashes or hangs is killed with its worker, scored 0 and flagged; the others go on.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.coursedir import CourseDirectory
from nbgrader.utils import parse_utc
from sqlalchemy.exc import SAWarning
from traitlets.config import PyFileConfigLoader

from .bac_a_sable import (
    MO, TRAVAILLEURS_MAX, BacASable, Limites, avertir_si_incomplet, diagnostic, effacer_dossier,
)


# The `sorte` of a worker's incident that is an honest accident, repaired (the copy is « réparée »).
REPARATION = "réparation"


class ErreurCorrection(Exception):
    """Grading cannot start (message in French, says how to fix it)."""


@dataclass
class ResultatEleve:
    eleve: str
    note: float | None
    note_max: float
    incidents: list[str] = field(default_factory=list)
    # « corrigé »; « réparée » (honest accidents repaired, see execution.RestaurerCellulesNotees: the grade
    # stands, not flagged in the gradebook); « à vérifier » (other incidents); « échec » (scored 0 by default)
    statut: str = "corrigé"
    duree: float = 0.0
    en_retard: bool = False


@dataclass
class Rapport:
    devoir: str
    resultats: list[ResultatEleve]
    duree: float
    parallele: int
    isolement: str
    avertissements: list[str]

    def par_eleve(self) -> dict[str, ResultatEleve]:
        return {r.eleve: r for r in self.resultats}


# -- names ---------------------------------------------------------------------------------------

# bidirectional overrides and marks: they can make a name read backwards on the console
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def lisible(texte: str, *, lignes: bool = False) -> str:
    """`texte` safe to print on the trainer's console and to store as UTF-8 (gradebook, report, CSV, zip).

    A file or folder name is not always text: a zip made on Windows gives names in Latin-1, which
    Python lists with lone surrogates (``os.fsdecode``); they are shown as the bytes they were
    (``caf\\xe9``). Control characters (which could erase or rewrite the console line), line
    separators and bidirectional overrides are escaped as ``repr`` does (``\\x1b``, ``\\r``,
    ``\\u202e``); with `lignes`, line breaks are kept. Idempotent: escaped text stays as it is.
    """
    morceaux = []
    for c in texte:
        o = ord(c)
        if lignes and c == "\n":
            morceaux.append(c)
        elif 0xDC80 <= o <= 0xDCFF:  # an undecodable byte, as os.fsdecode keeps it
            morceaux.append(f"\\x{o - 0xDC00:02x}")
        elif 0xD800 <= o <= 0xDFFF or c in _BIDI or unicodedata.category(c) in ("Cc", "Zl", "Zp"):
            morceaux.append(repr(c)[1:-1])
        else:
            morceaux.append(c)
    return "".join(morceaux)


def identifiants_des_dossiers(noms: Iterable[str]) -> dict[str, str]:
    """{learner id: folder name} for the learner folders of submitted/.

    The id is the folder name itself when it reads as plain text; otherwise (a name in Latin-1,
    control characters) its `lisible` form, which the gradebook, the report, the CSV and the console
    can all hold; made unique with « ~2 », « ~3 »… should it meet another folder's name.
    """
    noms = sorted(noms)
    ids = {nom: nom for nom in noms if lisible(nom) == nom}
    for nom in noms:
        if lisible(nom) != nom:
            base = candidat = lisible(nom)
            n = 2
            while candidat in ids:
                candidat, n = f"{base}~{n}", n + 1
            ids[candidat] = nom
    return ids


# -- the course ----------------------------------------------------------------------------------

@dataclass
class Cours:
    """A course folder as nbgrader sees it (its nbgrader_config.py, gradebook, submitted/…)."""

    racine: Path
    coursedir: CourseDirectory

    @classmethod
    def ouvrir(cls, dossier: str | Path) -> "Cours":
        dossier = Path(dossier).resolve()
        if not (dossier / "nbgrader_config.py").is_file():
            raise ErreurCorrection(
                f"Le dossier « {dossier} » n'est pas un dossier de cours nbgrader : il n'y a pas de "
                "nbgrader_config.py. Indiquez le bon dossier avec --course-dir (par exemple exercises)."
            )
        try:
            cfg = PyFileConfigLoader("nbgrader_config.py", path=str(dossier)).load_config()
        except Exception as e:  # noqa: BLE001 - any error in the trainer's config file
            raise ErreurCorrection(
                f"Le fichier {dossier / 'nbgrader_config.py'} contient une erreur ({type(e).__name__} : {e}) : "
                "corrigez-le, puis relancez."
            ) from None
        coursedir = CourseDirectory(config=cfg)
        if not cfg.CourseDirectory.get("root"):
            coursedir.root = str(dossier)
        return cls(Path(coursedir.root).resolve(), coursedir)

    @property
    def config(self):
        return self.coursedir.config

    @property
    def db_url(self) -> str:
        return self.coursedir.db_url

    @property
    def chemin_gradebook(self) -> Path | None:
        if self.db_url.startswith("sqlite:///"):
            chemin = Path(self.db_url[len("sqlite:///"):])
            return chemin if chemin.is_absolute() else self.racine / chemin
        return None

    def dossier(self, sorte: str, eleve: str, devoir: str) -> Path:
        nom = {"submitted": self.coursedir.submitted_directory, "autograded": self.coursedir.autograded_directory,
               "feedback": self.coursedir.feedback_directory}[sorte]
        return Path(self.coursedir.format_path(nom, eleve, devoir))

    def gradebook(self) -> Gradebook:
        if self.chemin_gradebook is not None and not self.chemin_gradebook.exists():
            raise ErreurCorrection(
                f"Pas de carnet de notes ({self.chemin_gradebook.name}) dans « {self.racine} » : lancez d'abord "
                "« nbgrader generate_assignment <devoir> » dans ce dossier."
            )
        return Gradebook(self.db_url, self.coursedir.course_id)

    def devoir(self, devoir: str) -> tuple[list[str], float]:
        """(notebook names, max score) of an assignment, from the gradebook."""
        with self.gradebook() as gb:
            try:
                a = gb.find_assignment(devoir)
            except MissingEntry:
                connus = ", ".join(sorted(x.name for x in gb.assignments)) or "aucun"
                raise ErreurCorrection(
                    f"Le devoir « {devoir} » n'est pas dans le carnet de notes (devoirs connus : {connus}). "
                    f"Lancez d'abord « nbgrader generate_assignment {devoir} »."
                ) from None
            return sorted(nb.name for nb in a.notebooks), float(a.max_score)

    def remises(self) -> dict[str, Path]:
        """Every learner folder of submitted/, by learner id (see `identifiants_des_dossiers`)."""
        base = Path(self.racine) / self.coursedir.submitted_directory
        if not base.is_dir():
            return {}
        noms = [d.name for d in base.iterdir() if not d.is_symlink() and d.is_dir() and not d.name.startswith(".")]
        return {i: base / nom for i, nom in identifiants_des_dossiers(noms).items()}

    def copies(self, devoir: str) -> dict[str, Path]:
        """{learner id: submission folder} of the learners who handed in `devoir`, sorted by id."""
        return {i: d / devoir for i, d in sorted(self.remises().items()) if (d / devoir).is_dir()}


# -- checking a submission before nbgrader sees it -----------------------------------------------

TAILLE_MAX_FICHIER = 100 * MO
NOMBRE_MAX_FICHIERS = 500
TAILLE_MAX_CARNET_REMIS = 20 * MO  # a notebook without its outputs (an assignment's weighs under 100 kB)
TAILLE_MAX_METADONNEES = 64 * 1024  # a notebook's own metadata (kernel, language: a few hundred bytes)
_SUSPECT = re.compile(
    r"get_ipython|set_custom_exc|excepthook|__builtins__|\bbuiltins\b|sys\.modules|ctypes|subprocess|"
    r"\bsocket\b|os\.(?:system|fork|kill|_exit|exec\w*|popen|setuid)|\bsignal\.|est_juste|"
    r"\.verifier\s*=|\bsetattr\(|\.kernel\b|/proc/|_question_notee|_transmettre|vnd\.donnees-en-main|"
    r"^[ \t]*q[ \t]*=(?!=)",  # rebinding `q`, the question bank's name in the notebooks
    re.MULTILINE,
)


_SORTES = {stat.S_IFIFO: "un tube nommé", stat.S_IFSOCK: "une prise de communication (socket)",
           stat.S_IFCHR: "un périphérique", stat.S_IFBLK: "un périphérique"}


# Files Python or IPython could run on their own if they sat on the kernel's path or in its config:
# a submission needs none of them (the released assignment is notebooks only).
_CODE_CACHE = re.compile(
    r"(?i).*\.(py|pyc|pyo|pyw|pth|so|pyd)$|sitecustomize.*|usercustomize.*|(ipython|jupyter)\w*_config\.(py|json)$"
)
_DOSSIERS_CODE = re.compile(r"(?i)\.ipython|profile_\w+|\.jupyter|__pycache__")


def retirer_code_cache(dossier: Path) -> list[str]:
    """Remove, from a copy about to be graded, the files Python or IPython could run by themselves
    (modules, packages, ``sitecustomize``, ``.pth``, IPython/Jupyter config); their names, relative."""
    retires = []
    for parent, dossiers, fichiers in os.walk(dossier, topdown=True):
        rel = Path(parent).relative_to(dossier)
        for nom in list(dossiers):
            if _DOSSIERS_CODE.fullmatch(nom):
                shutil.rmtree(Path(parent) / nom)
                dossiers.remove(nom)
                retires.append(f"{(rel / nom).as_posix()}/")
        for nom in fichiers:
            if _CODE_CACHE.fullmatch(nom):
                os.unlink(Path(parent) / nom)
                retires.append((rel / nom).as_posix())
    return sorted(retires)


def _verrouillee(cell) -> bool:
    """Whether a submitted cell says it is locked (its metadata may be anything: it is the learner's)."""
    meta = cell.get("metadata")
    nbgrader = meta.get("nbgrader") if isinstance(meta, dict) else None
    return isinstance(nbgrader, dict) and bool(nbgrader.get("locked"))


def liens_physiques(copies: dict[str, Path]) -> dict[tuple[int, int], list[str]]:
    """{(device, inode): learner ids} of the files with several names (hard links) in the copies."""
    vus: dict[tuple[int, int], list[str]] = {}
    for eleve, dossier in copies.items():
        for parent, _dossiers, fichiers in os.walk(dossier, followlinks=False):
            for nom in fichiers:
                try:
                    info = os.lstat(os.path.join(parent, nom))
                except OSError:
                    continue
                if stat.S_ISREG(info.st_mode) and info.st_nlink > 1:
                    eleves = vus.setdefault((info.st_dev, info.st_ino), [])
                    if eleve not in eleves:
                        eleves.append(eleve)
    return vus


def structure_invalide(nb) -> str | None:
    """Why the cells of `nb` are not a Jupyter notebook's (French, with the cell's number), else None.

    Checked against nbformat's schema with the outputs left out (nbgrader clears them anyway, and
    other tools than Jupyter sometimes write them loosely): what remains (cell types, sources,
    metadata) is what nbgrader would otherwise stop on, with a message in English.
    """
    import copy as _copy

    essai = _copy.deepcopy(nb)
    for cell in essai.get("cells", []):
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
    try:
        nbformat.validate(essai)
    except nbformat.ValidationError as e:
        position = re.search(r"\['cells'\]\[(\d+)\]", str(e))
        return f"cellule n° {int(position.group(1)) + 1} mal formée" if position else "structure du carnet mal formée"
    except Exception:  # noqa: BLE001 - whatever the validator trips on, the notebook is not usable
        return "structure du carnet mal formée"
    return None


def preparer_copie(source: Path, cible: Path, carnets: list[str], eleve: str = "",
                   liens: dict[tuple[int, int], list[str]] | None = None) -> list[str]:
    """Copy a submission to `cible`, keeping only what nbgrader may safely read; return French incidents.

    Links (which could point at another learner's copy), special files and oversized files are left
    out; a notebook that is not valid JSON is left out (nbgrader then scores it 0, as a missing one);
    a single notebook under another name is graded under the expected name. A file with several
    names (a hard link: the same file as elsewhere, `liens` says in which other copies) is graded if it
    is a notebook or an answers file, and flagged; any other such file is left out (it could be a
    system file).
    """
    incidents: list[str] = []
    liens = liens or {}
    cible.mkdir(parents=True)
    copies = 0
    if source.is_symlink():
        incidents.append("Le dossier de la copie est un lien vers un autre dossier : il est ignoré.")
        source = cible  # nothing to walk: an empty copy
    for parent, dossiers, fichiers in os.walk(source, followlinks=False):
        rel = Path(parent).relative_to(source)
        for nom in list(dossiers):
            if (Path(parent) / nom).is_symlink():
                dossiers.remove(nom)
                incidents.append(f"Lien « {lisible(str(rel / nom))} » ignoré (une copie ne peut pas pointer ailleurs).")
            elif nom in (".ipynb_checkpoints", "__pycache__"):
                dossiers.remove(nom)
            else:
                (cible / rel / nom).mkdir(exist_ok=True)
        for nom in fichiers:
            chemin = Path(parent) / nom
            if chemin.is_symlink():
                incidents.append(f"Lien « {lisible(str(rel / nom))} » ignoré (une copie ne peut pas pointer ailleurs).")
                continue
            info = os.lstat(chemin)
            if not stat.S_ISREG(info.st_mode):
                incidents.append(f"Fichier spécial « {lisible(str(rel / nom))} » ignoré ({_SORTES.get(stat.S_IFMT(info.st_mode), 'ni fichier ni dossier')}) : "
                                 "un devoir n'en contient pas ; relisez la copie.")
                continue
            if info.st_nlink > 1:
                autres = [lisible(e) for e in liens.get((info.st_dev, info.st_ino), []) if e != eleve]
                ailleurs = (f"le même fichier que dans la copie de {', '.join(autres)}" if autres
                            else "le même fichier qu'un autre, ailleurs sur la machine")
                if rel == Path(".") and (nom.endswith(".ipynb") or (nom.startswith("reponses-") and nom.endswith(".json"))):
                    incidents.append(f"Fichier « {lisible(str(rel / nom))} » remis sous forme de lien physique ({ailleurs}) : "
                                     "corrigé tel quel, à vérifier (qui l'a écrit ?).")
                else:
                    incidents.append(f"Fichier « {lisible(str(rel / nom))} » ignoré : c'est un lien physique ({ailleurs}).")
                    continue
            if info.st_size > TAILLE_MAX_FICHIER:
                incidents.append(f"Fichier « {lisible(str(rel / nom))} » ignoré : plus de {TAILLE_MAX_FICHIER // MO} Mo.")
                continue
            copies += 1
            if copies > NOMBRE_MAX_FICHIERS:
                incidents.append(f"Plus de {NOMBRE_MAX_FICHIERS} fichiers : les suivants sont ignorés.")
                break
            # contents only: no owner, no special permission bits from the learner's side
            shutil.copyfile(chemin, cible / rel / nom, follow_symlinks=False)
            os.chmod(cible / rel / nom, 0o644)

    code_cache = retirer_code_cache(cible)
    if code_cache:
        montres = ", ".join(lisible(nom) for nom in code_cache[:8]) + (f" et {len(code_cache) - 8} autre(s)" if len(code_cache) > 8 else "")
        incidents.append(
            f"Code inhabituel : la copie contient des fichiers de code Python ou de configuration ({montres}), "
            "qu'un devoir n'a pas à contenir ; ils ont été retirés avant la correction. Relisez la copie "
            "(tentative de contourner la correction ?)."
        )

    presents = {p.stem for p in cible.glob("*.ipynb")}
    manquants = [c for c in carnets if c not in presents]
    inconnus = sorted(presents - set(carnets))
    if len(manquants) == 1 and len(inconnus) == 1:
        (cible / f"{inconnus[0]}.ipynb").rename(cible / f"{manquants[0]}.ipynb")
        incidents.append(f"Carnet remis sous le nom « {lisible(inconnus[0])}.ipynb » au lieu de « {manquants[0]}.ipynb » : "
                         "corrigé sous le bon nom.")
        manquants = []
    for c in manquants:
        incidents.append(f"Carnet « {c}.ipynb » absent de la copie : 0 point pour ses questions.")

    for c in carnets:
        chemin = cible / f"{c}.ipynb"
        if not chemin.exists():
            continue
        try:
            nb = nbformat.read(chemin, as_version=4)
            if not isinstance(nb.get("cells"), list):
                raise ValueError("pas de liste de cellules")
        except Exception as e:  # noqa: BLE001 - any reason: the notebook cannot be graded
            chemin.unlink()
            raison = str(e).splitlines()[0][:200] if str(e) else type(e).__name__
            incidents.append(f"Carnet « {c}.ipynb » illisible (ce n'est pas un carnet Jupyter valide : {raison}) : "
                             "0 point pour ses questions.")
            continue
        probleme = structure_invalide(nb)
        if probleme:
            chemin.unlink()
            incidents.append(f"Carnet « {c}.ipynb » illisible ({probleme} : ce n'est pas ce qu'écrit Jupyter) : "
                             "0 point pour ses questions ; relisez la copie.")
            continue
        if len(json.dumps(nb.get("metadata", {}), ensure_ascii=False, default=str)) > TAILLE_MAX_METADONNEES:
            # what a notebook's own metadata holds is a few hundred bytes (kernel, language): megabytes
            # there would travel into the graded copy and the feedback page
            nb.metadata = {k: v for k, v in nb.metadata.items() if k in ("kernelspec", "language_info")
                           and len(json.dumps(v, default=str)) < 4096}
            nbformat.write(nb, chemin)
            incidents.append(f"Réglages du carnet « {c}.ipynb » démesurés (plus de {TAILLE_MAX_METADONNEES // 1024} ko) : "
                             "retirés avant la correction ; relisez la copie.")
        if chemin.stat().st_size > TAILLE_MAX_CARNET_REMIS:
            # nbgrader clears the outputs anyway: without them, an honest notebook weighs far less
            for cell in nb.cells:
                if isinstance(cell, dict) and "outputs" in cell:
                    cell["outputs"] = []
            nbformat.write(nb, chemin)
            if chemin.stat().st_size > TAILLE_MAX_CARNET_REMIS:
                chemin.unlink()
                incidents.append(f"Carnet « {c}.ipynb » refusé : plus de {TAILLE_MAX_CARNET_REMIS // MO} Mo sans ses "
                                 "sorties, bien plus qu'un devoir (texte ou pièces jointes démesurés). 0 point pour "
                                 "ses questions ; relisez la copie.")
                continue
        suspects = sorted({m.group(0) for cell in nb.cells if cell.get("cell_type") == "code" and not _verrouillee(cell)
                           for m in _SUSPECT.finditer(str(cell.get("source", "")))})
        if suspects:
            incidents.append(f"Code inhabituel dans les réponses de « {c}.ipynb » ({', '.join(suspects)}) : "
                             "relisez la copie (tentative de contourner la correction ?).")

    horodatage = cible / "timestamp.txt"
    if horodatage.exists():
        try:
            texte = horodatage.read_text(encoding="utf-8").strip()
            if texte:
                parse_utc(texte)
        except Exception:  # noqa: BLE001
            horodatage.unlink()
            incidents.append("Fichier timestamp.txt illisible : l'heure de remise est inconnue (retard non calculé).")
    if not any(p.is_file() and p.name != "timestamp.txt" for p in cible.rglob("*")):
        incidents.append("Copie vide : aucun fichier remis.")
    return incidents


# -- workers -------------------------------------------------------------------------------------

def copier_gradebook(source: Path, cible: Path) -> None:
    """A consistent copy of a sqlite gradebook (sqlite's backup API, safe even while it is read)."""
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(cible) as dst:
        src.backup(dst)
    os.chmod(cible, 0o600)


class PiloteCorrecteur:
    """The parent's handle on one grading process (``correcteur.py``) and its private course copy."""

    def __init__(self, modele: Path, base: Path, numero: int, devoir: str, limites: Limites, masques: list[Path]):
        self.numero = numero
        self.devoir = devoir
        self.generation = 0
        self.modele, self.base, self.limites, self.masques = modele, base, limites, masques
        self.demarrer()

    def demarrer(self) -> None:
        self.generation += 1
        self.racine = self.base / f"t{self.numero}-{self.generation}"
        shutil.copytree(self.modele, self.racine)
        os.chmod(self.racine, 0o711)
        self.journal = open(self.racine / "correcteur.log", "w", encoding="utf-8")  # noqa: SIM115
        env = dict(os.environ, PYTHONUTF8="1", PYTHONSAFEPATH="1")  # the worker's folder is not on its sys.path
        # nbgrader runs `alembic` from PATH: the virtualenv's bin folder first
        env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
        self.process = subprocess.Popen(
            [sys.executable, "-m", "donnees_en_main.correction.correcteur", str(self.racine), self.devoir,
             str(self.numero), self.limites.en_json(), json.dumps([str(m) for m in self.masques]), str(os.getpid())],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.journal, text=True, encoding="utf-8",
            env=env, cwd=self.racine, start_new_session=True,
        )
        self.tue = False
        # a worker that cannot even start (broken course config, missing package) stops the batch
        # before any grade is written: this is not the fault of a submission
        minuteur = threading.Timer(180, self.tuer)
        minuteur.start()
        try:
            ligne = self.process.stdout.readline()
        finally:
            minuteur.cancel()
        if '"pret"' not in ligne:
            self.tuer()
            self.process.wait()
            self.journal.close()
            fin = (self.racine / "correcteur.log").read_text(encoding="utf-8", errors="replace")[-2000:]
            raise ErreurCorrection(f"Le correcteur n'a pas pu démarrer ; aucune copie n'a été corrigée par lui.\n{fin}")

    def copie(self, eleve: str) -> Path:
        return self.racine / "submitted" / eleve / self.devoir

    def corrige(self, eleve: str) -> Path:
        return self.racine / "autograded" / eleve / self.devoir

    def corriger(self, eleve: str, delai: float) -> dict | None:
        """Send one submission, wait for its result; None if the worker died or ran out of time."""
        minuteur = threading.Timer(delai, self.tuer)
        minuteur.start()
        try:
            self.process.stdin.write(json.dumps({"eleve": eleve}) + "\n")
            self.process.stdin.flush()
            ligne = self.process.stdout.readline()
        except (BrokenPipeError, OSError):
            ligne = ""
        finally:
            minuteur.cancel()
        try:
            return json.loads(ligne) if ligne else None
        except ValueError:
            return None

    def tuer(self) -> None:
        self.tue = True
        try:
            os.killpg(self.process.pid, 9)
        except (ProcessLookupError, PermissionError):
            pass

    def arreter(self) -> None:
        try:
            self.process.stdin.close()
            self.process.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self.tuer()
            self.process.wait()
        self.journal.close()

    def redemarrer(self) -> None:
        self.tuer()
        self.process.wait()
        self.journal.close()
        effacer_dossier(self.racine)
        self.demarrer()


# -- merging into the real gradebook -------------------------------------------------------------

def fusionner(gb: Gradebook, devoir: str, eleve: str, notes: dict | None, horodatage: datetime | None,
              signale: bool) -> None:
    """Write one submission's grades in the real gradebook (one transaction).

    `notes` come from the worker's gradebook; None means grading failed: every grade is then 0
    (not "needs manual grading") and the notebooks are flagged for the trainer.
    """
    gb.update_or_create_student(eleve)
    if notes is not None and notes.get("horodatage"):
        horodatage = datetime.fromisoformat(notes["horodatage"])
    sub = gb.update_or_create_submission(devoir, eleve, timestamp=horodatage)
    for nb in sub.notebooks:
        donnees = (notes or {}).get("carnets", {}).get(nb.name)
        if donnees is None:
            for g in nb.grades:
                g.auto_score = 0
                g.needs_manual_grade = g.manual_score is not None
            nb.flagged = True
            continue
        nb.late_submission_penalty = donnees["penalite"]
        nb.flagged = bool(nb.flagged or signale)
        for g in nb.grades:
            valeurs = donnees["notes"].get(g.name)
            if valeurs is None:  # a grade cell the worker did not know: count it 0, flagged
                g.auto_score, g.needs_manual_grade, nb.flagged = 0, g.manual_score is not None, True
                continue
            g.auto_score = valeurs["auto_score"]
            g.manual_score = valeurs["manual_score"]
            g.extra_credit = valeurs["extra_credit"]
            g.needs_manual_grade = valeurs["needs_manual_grade"]
        for c in nb.comments:
            if c.name in donnees["commentaires"]:
                c.auto_comment = donnees["commentaires"][c.name]
    gb.db.commit()


def rendre_corrige(source: Path, cible: Path, toujours: set[str], limites: Limites) -> list[str]:
    """Put a graded folder in place (autograded/, which nbgrader's feedback copies again), keeping only
    what a copy may leave: the files named in `toujours` (its notebooks, answers files, timestamp),
    then the others in name order while they fit in ``limites.fichiers_rendus`` files and
    ``limites.taille_rendue`` bytes. Returns the French incident for the files left out, if any.
    """
    fichiers = []
    for parent, dossiers, noms in os.walk(source):
        dossiers.sort()
        for nom in sorted(noms):
            chemin = Path(parent) / nom
            if chemin.is_file() and not chemin.is_symlink():
                fichiers.append((chemin.relative_to(source), chemin.stat().st_size))
    gardes = [(rel, t) for rel, t in fichiers if rel.as_posix() in toujours]
    nombre, taille = len(gardes), sum(t for _, t in gardes)
    ecartes = []
    for rel, t in fichiers:
        if rel.as_posix() in toujours:
            continue
        if nombre < limites.fichiers_rendus and taille + t <= limites.taille_rendue:
            gardes.append((rel, t))
            nombre, taille = nombre + 1, taille + t
        else:
            ecartes.append((rel, t))
    cible.parent.mkdir(parents=True, exist_ok=True)
    temporaire = cible.with_name(f".{cible.name}.nouveau")
    effacer_dossier(temporaire)
    temporaire.mkdir()
    for rel, _t in gardes:
        (temporaire / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / rel, temporaire / rel)
    if cible.exists():
        effacer_dossier(cible)
    temporaire.rename(cible)
    if not ecartes:
        return []
    mo = lambda n: f"{n / MO:.3g}".replace(".", ",") + " Mo"  # noqa: E731
    exemples = ", ".join(f"« {lisible(rel.as_posix())} »" for rel, _t in ecartes[:5])
    return [f"{len(ecartes)} fichier(s) écrit(s) par la copie dans son dossier ({mo(sum(t for _, t in ecartes))}) "
            f"non gardé(s) : une copie corrigée garde au plus {limites.fichiers_rendus} fichiers et "
            f"{mo(limites.taille_rendue)} (ses carnets et ses réponses toujours). Par exemple : {exemples}."]


def _horodatage(dossier: Path) -> datetime | None:
    try:
        texte = (dossier / "timestamp.txt").read_text(encoding="utf-8").strip()
        return parse_utc(texte) if texte else None
    except Exception:  # noqa: BLE001
        return None


# -- the batch -----------------------------------------------------------------------------------

def limites_du_cours(cours: Cours, **choix) -> Limites:
    """Limits: the options given, else the course config's cell timeout, else the defaults."""
    valeurs = {k: v for k, v in choix.items() if v is not None}
    execute = cours.config.get("Execute", {})
    if "delai_cellule" not in valeurs and "timeout" in execute and execute["timeout"]:
        valeurs["delai_cellule"] = int(execute["timeout"])
    return Limites(**valeurs)


def verifier_bac_a_sable(base: Path, limites: Limites, masques: list[Path]) -> None:
    """Start Python in the sandbox once, exactly as a kernel will be: fail early, in French, if it cannot."""
    essai = base / "essai"
    dossier, execution = essai / "copie", essai / "noyau"
    dossier.mkdir(parents=True)
    execution.mkdir()
    os.chmod(essai, 0o711)
    bac = BacASable(limites=limites, numero=TRAVAILLEURS_MAX - 1, lot=os.getpid(), masques=masques, racine=essai)
    bac.preparer(dossier, execution)
    commande = bac.envelopper([sys.executable, "-c", "import ipykernel, donnees_en_main"], dossier, execution)
    try:
        r = subprocess.run(commande, capture_output=True, text=True, timeout=120)
        probleme = r.stderr.strip()[-1500:] if r.returncode != 0 else None
    except (OSError, subprocess.TimeoutExpired) as e:
        probleme = str(e)
    effacer_dossier(essai)
    if probleme is not None:
        raise ErreurCorrection(
            "Le bac à sable où s'exécute le code des élèves ne démarre pas sur cette machine ; aucune copie "
            f"n'a été corrigée. Détail : {probleme}\nLancez « python -m donnees_en_main.correction "
            "diagnostic » pour voir ce qui est disponible."
        )


def rapport_chemin(cours: Cours, devoir: str) -> Path:
    return cours.racine / "correction" / f"{devoir}.json"


def corriger(devoir: str, course_dir: str | Path = "exercises", parallele: int | None = None,
             limites: Limites | None = None, eleves: list[str] | None = None, afficher=print) -> Rapport:
    """Autograde every submission of `devoir` in `course_dir`, sandboxed, `parallele` at a time."""
    debut = time.monotonic()
    cours = Cours.ouvrir(course_dir)
    carnets, note_max = cours.devoir(devoir)
    limites = limites or limites_du_cours(cours)
    remises = cours.copies(devoir)
    a_corriger = list(remises)
    if eleves:
        eleves = [lisible(e) for e in eleves]  # the id, or the folder's name as the shell gives it
        inconnus = sorted(set(eleves) - set(a_corriger))
        if inconnus:
            raise ErreurCorrection(f"Pas de copie de {', '.join(inconnus)} pour « {devoir} » dans "
                                   f"{cours.coursedir.submitted_directory}/.")
        a_corriger = [e for e in a_corriger if e in eleves]
    if not a_corriger:
        raise ErreurCorrection(f"Aucune copie à corriger : rien dans {cours.coursedir.submitted_directory}/*/{devoir}/.")
    parallele = max(1, min(parallele or os.cpu_count() or 1, len(a_corriger), TRAVAILLEURS_MAX))

    diag = diagnostic()
    avertissements = avertir_si_incomplet(diag)
    afficher(f"Correction de « {devoir} » : {len(a_corriger)} copie(s), {parallele} à la fois.")
    afficher("Isolement du code des élèves :\n" + diag.resume(limites))
    for a in avertissements:
        afficher("⚠ Isolement incomplet — " + a)

    # the kernels' Unix sockets live under it: their paths must stay short (about 100 characters at most)
    base = Path(tempfile.mkdtemp(prefix="dem-corr-", dir="/tmp" if len(tempfile.gettempdir()) > 40 else None))
    os.chmod(base, 0o711)
    resultats: dict[str, ResultatEleve] = {}
    travailleurs: list[PiloteCorrecteur] = []
    try:
        modele = base / "modele"
        (modele / "source").mkdir(parents=True)
        shutil.copy2(cours.racine / "nbgrader_config.py", modele / "nbgrader_config.py")
        source = Path(cours.coursedir.format_path(cours.coursedir.source_directory, ".", devoir))
        if source.is_dir():
            shutil.copytree(source, modele / "source" / devoir, symlinks=False,
                            ignore=shutil.ignore_patterns(*cours.coursedir.ignore))
        if cours.chemin_gradebook is None:
            raise ErreurCorrection("Seul un carnet de notes sqlite (gradebook.db) est pris en charge.")
        copier_gradebook(cours.chemin_gradebook, modele / "gradebook.db")
        masques = [cours.racine, base]
        verifier_bac_a_sable(base, limites, masques)
        for i in range(parallele):
            travailleurs.append(PiloteCorrecteur(modele, base, i, devoir, limites, masques))

        # a worker knows a copy by its number only: any folder name (any encoding, glob characters)
        # stays out of nbgrader's paths, globs and gradebook in the worker
        a_faire: queue.Queue[tuple[int, str]] = queue.Queue()
        for numero, eleve in enumerate(a_corriger):
            a_faire.put((numero, eleve))
        faits: queue.Queue[tuple] = queue.Queue()
        delai = limites.delai_carnet * max(1, len(carnets)) + 90

        fatal: list[ErreurCorrection] = []
        liens = liens_physiques({e: remises[e] for e in a_corriger})

        def boucle(t: PiloteCorrecteur) -> None:
            while not fatal:
                try:
                    numero, eleve = a_faire.get_nowait()
                except queue.Empty:
                    return
                try:
                    faits.put((eleve, *_corriger_une_copie(cours, t, devoir, eleve, remises[eleve], f"copie-{numero:04d}",
                                                           carnets, delai, liens)))
                except ErreurCorrection as e:  # a worker that cannot restart: stop, write nothing more
                    fatal.append(e)
                    return
                except Exception as e:  # noqa: BLE001 - never lose a learner, never stop the batch
                    faits.put((eleve, None, [f"Erreur inattendue pendant la correction ({e}) : 0 point, à vérifier."],
                               None))

        fils = [threading.Thread(target=boucle, args=(t,), daemon=True) for t in travailleurs]
        for f in fils:
            f.start()

        with cours.gradebook() as gb:
            n = 0
            while n < len(a_corriger):
                try:
                    eleve, resultat, incidents, horodatage = faits.get(timeout=1)
                except queue.Empty:
                    if fatal:
                        raise fatal[0] from None
                    continue
                n += 1
                try:
                    r = _enregistrer(gb, devoir, eleve, resultat, incidents, horodatage, note_max)
                except Exception as e:  # noqa: BLE001 - never lose a learner, never stop the batch
                    gb.db.rollback()
                    r = ResultatEleve(eleve, None, note_max, incidents + [lisible(
                        f"Erreur inattendue en enregistrant la note ({type(e).__name__} : {e}) : aucune note "
                        "enregistrée, à vérifier.", lignes=True)], "échec")
                resultats[eleve] = r
                texte = f"[{n}/{len(a_corriger)}] {eleve} : {_note(r.note)} / {_note(note_max)}"
                if r.statut != "corrigé":
                    texte += f" — {r.statut} : " + " ".join(r.incidents)
                afficher(texte)
        for f in fils:
            f.join()
    finally:
        for t in travailleurs:
            t.arreter()
        effacer_dossier(base)

    rapport = Rapport(devoir, [resultats[e] for e in a_corriger], round(time.monotonic() - debut, 2), parallele,
                      diag.resume(limites), avertissements)
    _ecrire_rapport(cours, rapport)
    a_verifier = sum(r.statut != "corrigé" for r in rapport.resultats)
    afficher(f"Terminé en {rapport.duree:.0f} s : {len(rapport.resultats)} copie(s) corrigée(s), "
             f"{a_verifier} à vérifier. Rapport : {rapport_chemin(cours, devoir)}")
    return rapport


def _note(x: float | None) -> str:
    return "—" if x is None else f"{x:g}".replace(".", ",")


def _corriger_une_copie(cours: Cours, t: PiloteCorrecteur, devoir: str, eleve: str, remise: Path, nom: str,
                        carnets: list[str], delai: float, liens: dict | None = None,
                        ) -> tuple[dict | None, list[str], datetime | None]:
    """In a worker's thread: check and copy the submission, grade it, put the graded folder in place.

    `remise` is the learner's submission folder; `nom` the plain name the worker knows it by. Returns
    (worker's result or None, incidents, submission time). Only this thread touches its worker's
    folder; the real gradebook is left to the main thread.
    """
    copie = t.copie(nom)
    try:
        incidents = preparer_copie(remise, copie, carnets, eleve, liens)
    except OSError as e:
        return None, [f"Copie impossible à lire ({e}) : 0 point, à vérifier."], None
    horodatage = _horodatage(copie)
    if not any((copie / f"{c}.ipynb").is_file() for c in carnets):
        # nothing nbgrader could grade (nbgrader itself would stop on "No notebooks found"): 0, flagged
        cible = cours.dossier("autograded", eleve, devoir)
        if cible.exists():
            effacer_dossier(cible)
        effacer_dossier(copie.parent)
        return {"succes": True, "notes": None, "incidents": [], "duree": 0.0}, incidents, horodatage
    resultat = t.corriger(nom, delai)
    cible = cours.dossier("autograded", eleve, devoir)
    if resultat is None:
        raison = ("Correction arrêtée : durée maximale dépassée" if t.tue
                  else "Le correcteur s'est arrêté brutalement sur cette copie")
        t.redemarrer()
        if cible.exists():
            effacer_dossier(cible)
        return None, incidents + [raison + " : 0 point, à vérifier."], horodatage
    corrige = t.corrige(nom)
    if resultat.get("succes") and corrige.is_dir():
        toujours = {f"{c}.ipynb" for c in carnets} | {f"reponses-{c}.json" for c in carnets + [devoir]} | {"timestamp.txt"}
        incidents = incidents + rendre_corrige(corrige, cible, toujours, t.limites)
    elif cible.exists():
        effacer_dossier(cible)  # as nbgrader does: no stale graded copy of a failed grading
    effacer_dossier(copie.parent)
    effacer_dossier(corrige.parent)
    return resultat, incidents, horodatage


def _enregistrer(gb: Gradebook, devoir: str, eleve: str, resultat: dict | None, incidents: list[str],
                 horodatage: datetime | None, note_max: float) -> ResultatEleve:
    """In the main thread: merge one result into the real gradebook; the learner's line of the report."""
    duree = 0.0
    notes = None
    incidents = [lisible(i, lignes=True) for i in incidents]
    reparations = []  # honest accidents the worker repaired: reported, not flagged
    if resultat is not None:
        duree = resultat.get("duree", 0.0)
        for i in resultat.get("incidents", []):
            texte = lisible((f"[{i['carnet']}] " if i.get("carnet") else "") + i["message"], lignes=True)
            (reparations if i.get("sorte") == REPARATION else incidents).append(texte)
        notes = resultat.get("notes")
        if not resultat.get("succes"):
            erreurs = [ligne for ligne in (resultat.get("journal") or "").splitlines() if "[ERROR]" in ligne]
            raison = erreurs[-1].replace("[ERROR]", "").strip() if erreurs else "erreur de nbgrader"
            incidents.append(lisible(f"nbgrader n'a pas pu corriger la copie ({raison[:300]}) : 0 point, à vérifier."))
    echec = resultat is None or not resultat.get("succes")
    with warnings.catch_warnings():
        # nbgrader's add_submission makes SQLAlchemy 2 warn about its cascades (nbgrader does too)
        warnings.simplefilter("ignore", SAWarning)
        fusionner(gb, devoir, eleve, None if echec else notes, horodatage, bool(incidents))
    sub = gb.find_submission(devoir, eleve)
    statut = "échec" if echec else ("à vérifier" if incidents else "réparée" if reparations else "corrigé")
    return ResultatEleve(eleve, float(sub.score), note_max, reparations + incidents, statut, duree,
                         bool(sub.total_seconds_late and sub.total_seconds_late > 0))


def _ecrire_rapport(cours: Cours, rapport: Rapport) -> None:
    chemin = rapport_chemin(cours, rapport.devoir)
    chemin.parent.mkdir(exist_ok=True)
    ancien = {}
    if chemin.exists():
        try:
            ancien = json.loads(chemin.read_text(encoding="utf-8")).get("eleves", {})
        except (OSError, ValueError):
            ancien = {}
    maintenant = datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
    for r in rapport.resultats:
        ancien[r.eleve] = {**asdict(r), "corrige_le": maintenant}
    contenu = {"devoir": rapport.devoir, "isolement": rapport.isolement, "eleves": ancien}
    temporaire = chemin.with_suffix(".tmp")
    # a lone surrogate left anywhere is written as its JSON escape (\\udce9), never stops the writing
    temporaire.write_text(json.dumps(contenu, ensure_ascii=False, indent=1), encoding="utf-8",
                          errors="backslashreplace")
    os.replace(temporaire, chemin)
