"""Answers judged by the trusted grader, not by code running in the learner's kernel.

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
- when the grader decides a cell differently from the kernel (or refuses its value), it says why
  in an output added to that cell of the autograded notebook, which the feedback page shows.

Code questions (a graded cell whose metadata names a ``variable``) are judged the same way, from
the value the learner computed: their hidden test displays it, serialized as JSON under the MIME
type ``MIME_VALEUR`` (``devoirs.transmettre``), before the kernel's own check. The grader reads
that output from the *autograded* notebook (outputs are all the kernel can influence there),
deserializes it strictly (``lire_valeur``: JSON only, bounded size and depth, pandas objects rebuilt
from checked plain data; never pickle or eval) and judges it with the question from its own
package. No value (the test cell emptied or neutralised), a forged one (wrong shape, another
question's, two values) gives 0 and flags the copy. A learner can still make the kernel display the
right value without computing it (the expected answers are in the open-source course package): the
grade measures work done in a formative course, not an exam under surveillance.

Cells without that metadata (a trainer's own assignment, an older source notebook) keep the
kernel's verdict.
"""

from __future__ import annotations

import importlib
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from donnees_en_main.exercices import stockage
from donnees_en_main.exercices.devoirs import (
    CLE, MIME_VALEUR, PROFONDEUR_MAX_VALEUR, TAILLE_MAX_VALEUR, VERSION_VALEUR,
)
from donnees_en_main.exercices.normalisation import texte_en_clair
from donnees_en_main.exercices.types_de_questions import Question, questions_du_carnet


@dataclass(frozen=True)
class CelluleFichier:
    """A graded cell judged from the answers file."""

    carnet_nbgrader: str  # the notebook's name in the gradebook (file name without .ipynb)
    grade_id: str
    question_id: str


@dataclass(frozen=True)
class CelluleCode:
    """A graded cell judged from the value of the learner's variable (a code question)."""

    carnet_nbgrader: str
    grade_id: str
    question_id: str
    variable: str


def cellules_notees(dossier_source: Path) -> list[CelluleFichier | CelluleCode]:
    """The graded cells the grader judges itself, from the source notebooks in `dossier_source` (trusted)."""
    cellules: list[CelluleFichier | CelluleCode] = []
    for chemin in sorted(Path(dossier_source).glob("*.ipynb")):
        nb = nbformat.read(chemin, as_version=4)
        for cellule in nb.cells:
            nbgrader = cellule.get("metadata", {}).get("nbgrader", {})
            meta = cellule.get("metadata", {}).get(CLE)
            if not (isinstance(nbgrader, dict) and nbgrader.get("grade") and isinstance(meta, dict)
                    and isinstance(meta.get("question"), str) and cellule.get("cell_type") == "code"):
                continue
            if meta.get("variable") is None:
                cellules.append(CelluleFichier(chemin.stem, nbgrader["grade_id"], meta["question"]))
            elif isinstance(meta.get("variable"), str):
                cellules.append(CelluleCode(chemin.stem, nbgrader["grade_id"], meta["question"], meta["variable"]))
    return cellules


def cellules_du_fichier(dossier_source: Path) -> list[CelluleFichier]:
    """The answers-file graded cells of the source notebooks in `dossier_source` (trusted)."""
    return [c for c in cellules_notees(dossier_source) if isinstance(c, CelluleFichier)]


def cellules_de_code(dossier_source: Path) -> list[CelluleCode]:
    """The code-question graded cells of the source notebooks in `dossier_source` (trusted)."""
    return [c for c in cellules_notees(dossier_source) if isinstance(c, CelluleCode)]


def sans_noyau(dossier_source: Path) -> bool:
    """Whether the grader can judge every graded code cell of the assignment itself from the answers
    file (widget questions only): then no learner code needs to run, and no kernel is started."""
    cellules = []
    for chemin in sorted(Path(dossier_source).glob("*.ipynb")):
        nb = nbformat.read(chemin, as_version=4)
        for cellule in nb.cells:
            nbgrader = cellule.get("metadata", {}).get("nbgrader", {})
            if isinstance(nbgrader, dict) and nbgrader.get("grade") and cellule.get("cell_type") == "code":
                cellules.append(nbgrader.get("grade_id"))
    fichier = {c.grade_id: c for c in cellules_du_fichier(dossier_source)}
    return bool(cellules) and all(g in fichier and trouver_question(fichier[g].question_id) is not None
                                  for g in cellules)


def trouver_question(question_id: str) -> Question | None:
    """The question `question_id` (``carnet.nom``), imported from the course package's bank."""
    from donnees_en_main.chapitres import CHAPITRES

    carnet = question_id.split(".", 1)[0]
    chapitre = next((c for c in CHAPITRES if c.nom == carnet and c.questions), None)
    if chapitre is None:
        return None
    importlib.import_module(chapitre.banque)
    return next((q for q in questions_du_carnet(carnet) if q.id == question_id), None)


def _questions_connues(cellules, incidents: list[str]):
    """Yield (cell, question) for each cell whose question the course package knows; for the others,
    add a French incident (the kernel's score stands) and skip them."""
    for cellule in cellules:
        question = trouver_question(cellule.question_id)
        if question is None:
            incidents.append(f"Question « {cellule.question_id} » ({cellule.grade_id}) inconnue du paquet du cours : "
                             "notée par le noyau de la copie, à vérifier.")
            continue
        yield cellule, question


@dataclass
class Verdict:
    cellule: CelluleFichier | CelluleCode
    juste: bool
    message: str
    suspect: bool = False  # the message goes to the trainer: the copy is flagged


def juger(cellules: list[CelluleFichier], dossier_copie: Path) -> tuple[list[Verdict], list[str]]:
    """Judge each cell from the answers file of the submission in `dossier_copie`.

    Returns (verdicts, French incidents); a cell whose question is unknown to the course package
    gets no verdict (the kernel's stands) and an incident.
    """
    verdicts, incidents = [], []
    fichiers: dict[str, tuple[dict, str | None]] = {}
    for cellule, question in _questions_connues(cellules, incidents):
        if question.carnet not in fichiers:
            fichiers[question.carnet] = stockage.lire_fichier_reponses(
                Path(dossier_copie) / f"reponses-{question.carnet}.json")
        entrees, probleme = fichiers[question.carnet]
        try:
            with stockage.sans_bruit():
                resultat = question._resultat_depuis(entrees)
        except Exception as e:  # noqa: BLE001 - an answer the check cannot handle (forged type) is wrong
            message = (f"Réponse à « {question.id} » ({cellule.grade_id}) de forme inattendue dans "
                       f"« reponses-{question.carnet}.json » ({type(e).__name__}) : 0 point ; relisez la copie.")
            verdicts.append(Verdict(cellule, False, message, suspect=True))
            incidents.append(message)
            continue
        verdicts.append(Verdict(cellule, resultat.juste, resultat.message))
    for carnet, (_, probleme) in fichiers.items():
        if probleme:
            incidents.append(f"Fichier « reponses-{carnet}.json » illisible ({probleme}) : ses réponses comptent 0.")
    return verdicts, incidents


# -- code questions: the value the learner computed, read from the autograded notebook --------------

class ValeurRefusee(ValueError):
    """A value output the grader refuses (forged, too big, too deep); the message is in French."""


_ETIQUETTE = "__type__"
_SCALAIRES = (type(None), bool, int, float, str)
_TYPE_PANDAS = re.compile(r"[\w\[\]\(\), :/+-]{1,64}")  # what str(dtype) looks like
_CLES = {
    "Series": {"__type__", "nom", "index", "type", "valeurs"},
    "DataFrame": {"__type__", "colonnes", "index", "types", "lignes"},
    "Timestamp": {"__type__", "valeur"},
    "inconnu": {"__type__", "nom", "texte"},
}


def _bornes(objet: Any) -> None:
    """Refuse an object nested deeper than PROFONDEUR_MAX_VALEUR or with too many parts (iterative)."""
    a_voir, elements = [(objet, 1)], 0
    while a_voir:
        o, profondeur = a_voir.pop()
        elements += 1
        if profondeur > PROFONDEUR_MAX_VALEUR:
            raise ValeurRefusee(f"valeur imbriquée sur plus de {PROFONDEUR_MAX_VALEUR} niveaux")
        if elements > TAILLE_MAX_VALEUR:
            raise ValeurRefusee("valeur faite de trop de morceaux")
        if isinstance(o, dict):
            if not all(isinstance(k, str) for k in o):
                raise ValeurRefusee("clé qui n'est pas du texte")
            a_voir.extend((v, profondeur + 1) for v in o.values())
        elif isinstance(o, list):
            a_voir.extend((v, profondeur + 1) for v in o)
        elif not isinstance(o, _SCALAIRES):
            raise ValeurRefusee(f"élément de type {type(o).__name__}")
        elif isinstance(o, float) and not math.isfinite(o):
            raise ValeurRefusee("nombre infini ou NaN écrit à la main")


def _scalaires(valeurs: Any, n: int | None = None) -> list:
    if not isinstance(valeurs, list) or not all(isinstance(v, _SCALAIRES) for v in valeurs):
        raise ValeurRefusee("liste de valeurs attendue")
    if n is not None and len(valeurs) != n:
        raise ValeurRefusee("nombre de valeurs différent de celui des étiquettes")
    return valeurs


def _texte(v: Any, n: int) -> None:
    if not isinstance(v, str) or len(v) > n:
        raise ValeurRefusee("texte attendu")


def _type_pandas(v: Any) -> None:
    if not (isinstance(v, str) and _TYPE_PANDAS.fullmatch(v)):
        raise ValeurRefusee("type pandas illisible")


def _valider_index(code: Any) -> int:
    """Check an encoded pandas index; its length."""
    if not isinstance(code, dict) or not set(code) <= {"plage", "valeurs", "noms", "type", "multi"}:
        raise ValeurRefusee("index mal formé")
    noms = _scalaires(code.get("noms", [None]))
    if "type" in code:
        _type_pandas(code["type"])
    if "plage" in code:
        plage = code["plage"]
        if not (isinstance(plage, list) and len(plage) == 3 and all(type(x) is int for x in plage) and plage[2]):
            raise ValeurRefusee("plage d'index mal formée")
        return len(range(*plage))
    valeurs = code.get("valeurs")
    if code.get("multi") is True:
        if not isinstance(valeurs, list) or not noms:
            raise ValeurRefusee("index à plusieurs niveaux mal formé")
        for t in valeurs:
            _scalaires(t, len(noms))
        return len(valeurs)
    if code.get("multi") not in (None, False):
        raise ValeurRefusee("index mal formé")
    return len(_scalaires(valeurs))


def _valider(code: Any) -> None:
    """Check that `code` is a form ``stockage.encoder`` writes (before ``stockage.decoder`` rebuilds it)."""
    if isinstance(code, list):
        for v in code:
            _valider(v)
        return
    if not isinstance(code, dict):
        return  # a scalar (checked by _bornes)
    etiquette = code.get(_ETIQUETTE)
    if etiquette is None:
        for v in code.values():
            _valider(v)
        return
    if etiquette not in _CLES or not set(code) <= _CLES[etiquette]:
        raise ValeurRefusee(f"forme de valeur inconnue ({str(etiquette)[:40]})")
    if etiquette == "Series":
        if not isinstance(code.get("nom"), _SCALAIRES):
            raise ValeurRefusee("nom de série mal formé")
        _type_pandas(code.get("type"))
        _scalaires(code.get("valeurs"), _valider_index(code.get("index")))
    elif etiquette == "DataFrame":
        colonnes = _valider_index(code.get("colonnes"))
        lignes = code.get("lignes")
        types = code.get("types")
        if not isinstance(types, list) or len(types) != colonnes or not isinstance(lignes, list):
            raise ValeurRefusee("tableau mal formé")
        for t in types:
            _type_pandas(t)
        if len(lignes) != _valider_index(code.get("index")):
            raise ValeurRefusee("nombre de lignes différent de celui des étiquettes")
        for ligne in lignes:
            _scalaires(ligne, colonnes)
    elif etiquette == "Timestamp":
        _texte(code.get("valeur"), 64)
    else:
        _texte(code.get("nom"), 200)
        _texte(code.get("texte", ""), 1000)


def lire_valeur(donnees: Any, question_id: str) -> Any:
    """The learner's value from what ``devoirs.transmettre`` displayed for `question_id` (JSON data).

    Raises ValeurRefusee (French reason) for anything an honest kernel does not display: the wrong
    shape, another question's value, too big or too deep. A value the kernel could not encode
    (too big, unserializable) comes back as a ``stockage.ValeurNonReconnue``, graded wrong.
    """
    if isinstance(donnees, str):  # a JSON text instead of JSON data: read it, bounded
        if len(donnees) > 2 * TAILLE_MAX_VALEUR:
            raise ValeurRefusee("valeur trop volumineuse")
        try:
            donnees = json.loads(donnees)
        except (ValueError, RecursionError) as e:
            raise ValeurRefusee("valeur qui n'est pas du JSON valide") from e
    if not isinstance(donnees, dict):
        raise ValeurRefusee("forme inattendue")
    _bornes(donnees)
    if len(json.dumps(donnees, ensure_ascii=False)) > TAILLE_MAX_VALEUR + 1000:  # cheap cut first
        raise ValeurRefusee("valeur trop volumineuse")
    if not set(donnees) <= {"version", "question", "valeur", "trop_grande", "illisible"} \
            or donnees.get("version") != VERSION_VALEUR:
        raise ValeurRefusee("forme inattendue")
    if donnees.get("question") != question_id:
        raise ValeurRefusee(f"valeur annoncée pour une autre question ({str(donnees.get('question'))[:80]})")
    if len(set(donnees) & {"valeur", "trop_grande", "illisible"}) != 1:
        raise ValeurRefusee("forme inattendue")
    if donnees.get("trop_grande") is True:
        return stockage.ValeurNonReconnue("valeur trop volumineuse", "")
    if "illisible" in donnees:
        _texte(donnees["illisible"], 80)
        return stockage.ValeurNonReconnue("valeur impossible à transmettre", donnees["illisible"])
    if "valeur" not in donnees:
        raise ValeurRefusee("forme inattendue")
    if len(json.dumps(donnees["valeur"], ensure_ascii=False)) > TAILLE_MAX_VALEUR:
        raise ValeurRefusee("valeur trop volumineuse")  # the kernel sends a « trop_grande » mark instead
    _valider(donnees["valeur"])
    try:
        with stockage.sans_bruit():
            return stockage.decoder(donnees["valeur"])
    except Exception as e:  # noqa: BLE001 - whatever pandas says, the value is refused
        raise ValeurRefusee(f"valeur impossible à reconstruire ({type(e).__name__})") from e


TAILLE_MAX_CARNET = 64 * 1024 * 1024  # an autograded notebook is far smaller (outputs are capped)


def _lire_carnet_corrige(chemin: Path) -> tuple[dict | None, str]:
    """The autograded notebook as plain JSON data, or (None, French reason)."""
    try:
        if chemin.stat().st_size > TAILLE_MAX_CARNET:
            return None, "carnet corrigé trop volumineux"
        donnees = json.loads(chemin.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, "carnet absent de la correction"
    except (OSError, ValueError, RecursionError):
        return None, "carnet corrigé illisible"
    if not isinstance(donnees, dict) or not isinstance(donnees.get("cells"), list):
        return None, "carnet corrigé illisible"
    return donnees, ""


def _sorties(carnet: dict, grade_id: str) -> list[dict] | None:
    """The outputs of the graded cell `grade_id` in an autograded notebook; None if it is not there once."""
    trouvees = []
    for cellule in carnet["cells"]:
        meta = cellule.get("metadata") if isinstance(cellule, dict) else None
        nbgrader = meta.get("nbgrader") if isinstance(meta, dict) else None
        if isinstance(nbgrader, dict) and nbgrader.get("grade_id") == grade_id and cellule.get("cell_type") == "code":
            trouvees.append(cellule)
    if len(trouvees) != 1 or not isinstance(trouvees[0].get("outputs"), list):
        return None
    return [o for o in trouvees[0]["outputs"] if isinstance(o, dict)]


def _sortie_coupee(carnet: dict) -> bool:
    """Whether the execution cut the notebook's output (execution.ExecutionIsolee writes this mark)."""
    return any("[… sortie coupée" in str(o.get("text", ""))
               for c in carnet["cells"] if isinstance(c, dict) and isinstance(c.get("outputs"), list)
               for o in c["outputs"] if isinstance(o, dict))


def juger_code(cellule: CelluleCode, question: Question, carnet: dict | None, probleme: str) -> Verdict:
    """Judge a code question from the value its hidden test displayed in the autograded notebook."""
    nom = f"« {cellule.variable} » ({cellule.grade_id})"
    if carnet is None:
        return Verdict(cellule, False, f"Valeur de {nom} non lue : {probleme}. 0 point.")
    sorties = _sorties(carnet, cellule.grade_id)
    if sorties is None:
        return Verdict(cellule, False, f"Cellule de correction {cellule.grade_id} absente de la copie corrigée : 0 point.")
    valeurs = [o["data"][MIME_VALEUR] for o in sorties
               if isinstance(o.get("data"), dict) and MIME_VALEUR in o["data"]]
    erreurs = [o for o in sorties if o.get("output_type") == "error"]
    if not valeurs:
        if erreurs:
            erreur = f"{str(erreurs[0].get('ename', ''))[:80]} : {str(erreurs[0].get('evalue', ''))[:200]}"
            return Verdict(cellule, False, f"Valeur de {nom} non transmise : la cellule de correction s'est "
                                           f"arrêtée sur une erreur ({erreur}). 0 point.")
        if _sortie_coupee(carnet):
            return Verdict(cellule, False, (
                f"Aucune valeur de {nom} transmise au correcteur : la sortie du carnet avait dépassé sa limite "
                "de taille avant cette cellule, la suite n'a pas été gardée. 0 point ; relisez la copie."),
                suspect=True)
        return Verdict(cellule, False, (
            f"Aucune valeur de {nom} transmise au correcteur, alors que la cellule de correction ne signale "
            "aucune erreur : elle a été vidée ou détournée pendant l'exécution (par le code de la copie ?). "
            "0 point ; relisez la copie."), suspect=True)
    if len(valeurs) > 1:
        return Verdict(cellule, False, (
            f"{len(valeurs)} valeurs de {nom} transmises au correcteur au lieu d'une : la copie a ajouté "
            "les siennes. 0 point ; relisez la copie."), suspect=True)
    try:
        valeur = lire_valeur(valeurs[0], question.id)
    except ValeurRefusee as e:
        return Verdict(cellule, False, (
            f"Valeur de {nom} refusée par le correcteur ({e}) : elle n'a pas la forme qu'écrit la cellule "
            "de correction. 0 point ; relisez la copie."), suspect=True)
    try:
        with stockage.sans_bruit():
            resultat = question._resultat(valeur)
    except Exception as e:  # noqa: BLE001 - a value the check cannot handle is a wrong one
        return Verdict(cellule, False, f"Valeur de {nom} impossible à vérifier ({type(e).__name__}) : 0 point.")
    return Verdict(cellule, resultat.juste, resultat.message)


def juger_les_valeurs(cellules: list[CelluleCode], dossier_corrige: Path) -> tuple[list[Verdict], list[str]]:
    """Judge each code cell from the autograded notebooks in `dossier_corrige`; (verdicts, incidents)."""
    verdicts, incidents = [], []
    carnets: dict[str, tuple[dict | None, str]] = {}
    for cellule, question in _questions_connues(cellules, incidents):
        if cellule.carnet_nbgrader not in carnets:
            carnets[cellule.carnet_nbgrader] = _lire_carnet_corrige(
                Path(dossier_corrige) / f"{cellule.carnet_nbgrader}.ipynb")
        verdict = juger_code(cellule, question, *carnets[cellule.carnet_nbgrader])
        verdicts.append(verdict)
        if verdict.suspect:
            incidents.append(verdict.message)
    return verdicts, incidents


def _points(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def expliquer(chemin: Path, verdicts: list[tuple[Verdict, float]]) -> None:
    """Add the grader's verdict as an output of each graded cell whose grade it decided differently
    from the kernel: the learner reads it on the feedback page, next to the cell's score."""
    try:
        nb = nbformat.read(chemin, as_version=4)
    except Exception:  # noqa: BLE001 - no autograded notebook to annotate: the grades stand
        return
    par_id = {v.cellule.grade_id: (v, score) for v, score in verdicts}
    for cellule in nb.cells:
        meta = cellule.get("metadata", {}).get("nbgrader")
        grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
        if cellule.cell_type != "code" or grade_id not in par_id:
            continue
        v, score = par_id.pop(grade_id)
        texte = (f"Note du correcteur pour cette question : {_points(score)} point{'s' if score > 1 else ''}. "
                 f"{texte_en_clair(v.message)}\n")
        cellule.outputs.append(nbformat.v4.new_output("stream", name="stdout", text=texte))
    try:
        nbformat.write(nb, chemin)
    except Exception:  # noqa: BLE001 - the note is a help, never a reason to lose a grade
        pass


def appliquer(db_url: str, devoir: str, eleve: str, dossier_source: Path, dossier_copie: Path,
              dossier_corrige: Path | None = None, noyau: bool = True) -> list[str]:
    """Replace the kernel's score of every cell the grader judges by the grader's; French incidents.

    `dossier_copie`: the submission as handed in (answers file); `dossier_corrige`: the autograded
    notebooks (values of code questions; without it, code questions keep the kernel's verdict).
    `noyau` False: no kernel ran (``sans_noyau``), the scores there are nbgrader's default for a
    cell not run; each wrong answer gets its explanation, as the kernel's failed check would show it.
    """
    from nbgrader.api import Gradebook, MissingEntry

    cellules = cellules_notees(dossier_source)
    if not cellules:
        return []
    verdicts, incidents = juger([c for c in cellules if isinstance(c, CelluleFichier)], dossier_copie)
    if dossier_corrige is not None:
        verdicts_code, incidents_code = juger_les_valeurs(
            [c for c in cellules if isinstance(c, CelluleCode)], dossier_corrige)
        verdicts += verdicts_code
        incidents += incidents_code
    accordes_par_le_noyau = []
    a_expliquer: dict[str, list[tuple[Verdict, float]]] = {}
    with Gradebook(db_url) as gb:
        for v in verdicts:
            try:
                note = gb.find_grade(v.cellule.grade_id, v.cellule.carnet_nbgrader, devoir, eleve)
            except MissingEntry:
                continue
            score = float(note.max_score) if v.juste else 0.0
            ancien = note.auto_score if noyau else None
            if ancien is not None and float(ancien) > score:
                accordes_par_le_noyau.append(v.cellule.grade_id)
            if v.suspect or (not v.juste if not noyau else ancien is None or float(ancien) != score):
                a_expliquer.setdefault(v.cellule.carnet_nbgrader, []).append((v, score))
            note.auto_score = score
            note.needs_manual_grade = False
        gb.db.commit()
    if dossier_corrige is not None:
        for carnet, liste in a_expliquer.items():
            expliquer(Path(dossier_corrige) / f"{carnet}.ipynb", liste)
    if accordes_par_le_noyau:
        incidents.append(
            "Code inhabituel : le programme de la copie a validé " + ", ".join(sorted(accordes_par_le_noyau))
            + ", que les réponses de l'élève (celles du fichier de réponses, ou les valeurs calculées dans le "
            "carnet) ne justifient pas. La note retenue est celle du correcteur ; relisez la copie (tentative "
            "de contourner la correction ?)."
        )
    return incidents


def annuler(db_url: str, devoir: str, eleve: str, dossier_source: Path) -> list[str]:
    """When the grader could not judge a copy: every cell it judges scores 0 (never the kernel's verdict,
    which the learner's code may have decided); the grade_ids set to 0."""
    from nbgrader.api import Gradebook, MissingEntry

    annulees = []
    with Gradebook(db_url) as gb:
        for c in cellules_notees(dossier_source):
            try:
                note = gb.find_grade(c.grade_id, c.carnet_nbgrader, devoir, eleve)
            except MissingEntry:
                continue
            note.auto_score = 0.0
            note.needs_manual_grade = False
            annulees.append(c.grade_id)
        gb.db.commit()
    return annulees
