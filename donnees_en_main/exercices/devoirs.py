"""Graded assignments declared once, with the question bank; nbgrader's graded cells derived from them.

A chapter's bank (``chapitres/<module>/questions.py``) declares its assignment:

    DEVOIR = Devoir(carnet=CARNET, questions=[separateur, indicateur, part_bio, (mediane_bio, "mediane_bio")])

- the order of ``questions`` is the order of the graded cells: the n-th question is graded by the
  cell whose nbgrader ``grade_id`` is ``q<n>-correction``;
- its points are the question's own ``Question.points`` (never written anywhere else);
- a question answered through its widget is graded from the answers file ``reponses-<carnet>.json``;
  a question answered in code names the learner's variable: a ``CalculPandas`` derives it from its
  ``nom_variable``, any other question is given as ``(question, "variable")`` (a dotted name such
  as ``"verdict.titre"`` is allowed).

``python -m donnees_en_main devoirs`` rewrites only those graded cells (source, nbgrader metadata
with the points, and a ``donnees_en_main`` metadata entry naming the question, its type and its
variable, so that a trusted grader can tell answers-file questions from code ones) in each
``exercises/source/<nom>/<nom>.ipynb``; statements, widget cells and answer cells are written by
hand and left untouched. ``--verifier`` writes nothing and fails when a notebook is out of date
(``tests/test_devoirs.py`` does the same check).

Importing this module is cheap (a bank imports it in the learner's kernel): nbformat and the
chapter manifest are imported only by the generator.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .types_de_questions import CalculPandas, Question

CLE = "donnees_en_main"  # the cell metadata entry written for the grader
EN_TETE = "# Correction automatique (ne pas modifier cette cellule)."
# A code question's hidden test displays the learner's value under this MIME type; the trusted
# grader (correction/verdicts.py) reads it from the autograded notebook and judges it itself.
MIME_VALEUR = "application/vnd.donnees-en-main.valeur+json"
TAILLE_MAX_VALEUR = 256 * 1024  # characters of JSON: the expected answers weigh 2 KB at most
PROFONDEUR_MAX_VALEUR = 32
VERSION_VALEUR = 1
_EXPRESSION = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*")


class ErreurDevoir(ValueError):
    """A declaration or a source notebook that cannot be generated (French message)."""


@dataclass(frozen=True)
class QuestionNotee:
    """One graded question of an assignment: its rank (from 1), its question, its learner variable."""

    numero: int
    question: Question
    variable: str | None  # None: graded from the answers file (a widget question)

    @property
    def grade_id(self) -> str:
        return f"q{self.numero}-correction"

    @property
    def points(self) -> float:
        return self.question.points

    @property
    def depuis_le_fichier(self) -> bool:
        """True if the answer is read from the answers file (widget), not from a notebook variable."""
        return self.variable is None

    def metadonnees(self) -> dict:
        """What the graded cell says about itself to the grader (``metadata["donnees_en_main"]``)."""
        return {"question": self.question.id, "type": type(self.question).__name__, "variable": self.variable}


class Devoir:
    """The graded assignment of a carnet: its ordered questions (see the module docstring)."""

    def __init__(self, *, carnet: str, questions: Iterable[Question | tuple[Question, str]]):
        self.carnet = carnet
        self.questions: list[QuestionNotee] = []
        vues: set[str] = set()
        for numero, entree in enumerate(questions, start=1):
            question, variable = entree if isinstance(entree, tuple) else (entree, None)
            if not isinstance(question, Question):
                raise ErreurDevoir(
                    f"Devoir « {carnet} », question {numero} : on attend une question de la banque "
                    f"(ou un couple (question, \"variable\")), pas {question!r}."
                )
            if question.carnet != carnet:
                raise ErreurDevoir(
                    f"Devoir « {carnet} » : la question {question.id} appartient au carnet « {question.carnet} »."
                )
            if question.id in vues:
                raise ErreurDevoir(f"Devoir « {carnet} » : la question {question.id} est déclarée deux fois.")
            vues.add(question.id)
            if isinstance(question, CalculPandas):
                if variable is not None and variable != question.nom_variable:
                    raise ErreurDevoir(
                        f"Devoir « {carnet} », question {question.id} : sa variable est déjà « "
                        f"{question.nom_variable} » (nom_variable) ; ne la redonnez pas."
                    )
                variable = question.nom_variable
            if variable is not None and not (isinstance(variable, str) and _EXPRESSION.fullmatch(variable)):
                raise ErreurDevoir(
                    f"Devoir « {carnet} », question {question.id} : {variable!r} n'est pas un nom de variable "
                    "Python (par exemple \"mediane\" ou \"verdict.titre\")."
                )
            self.questions.append(QuestionNotee(numero, question, variable))
        if not self.questions:
            raise ErreurDevoir(f"Devoir « {carnet} » : déclarez au moins une question notée.")

    def __repr__(self) -> str:
        return f"Devoir(carnet={self.carnet!r}, questions={[n.question.id for n in self.questions]!r})"

    @property
    def points_max(self) -> float:
        return sum(n.points for n in self.questions)

    def par_grade_id(self) -> dict[str, QuestionNotee]:
        return {n.grade_id: n for n in self.questions}


# -- generating the graded cells -----------------------------------------------------------------

def source_de_correction(notee: QuestionNotee, banque: str, nom: str) -> str:
    """The hidden test of a graded cell; `nom` is the question's name in the bank module `banque`.

    The question is imported afresh from the bank, not taken from the notebook's ``q``: a learner's
    cell rebinding ``q`` (to an object that says yes to everything) changes nothing. Widget
    questions are judged again by the trusted grader from the answers file (correction/verdicts.py).
    A code question's test first hands the learner's value to that grader (``transmettre``), which
    judges it again itself; the ``assert`` stays, so plain ``nbgrader autograde`` still grades.
    """
    tests = [f"from {banque} import {nom} as _question_notee"]
    if notee.depuis_le_fichier:
        tests += ["assert _question_notee.est_juste(), _question_notee.verifier().message"]
    else:
        tests += [
            "from donnees_en_main.exercices.devoirs import transmettre as _transmettre",
            f"_valeur = {notee.variable}",
            "_transmettre(_question_notee, _valeur)",
            "_resultat = _question_notee.verifier(_valeur)",
            "assert _resultat.juste, _resultat.message",
        ]
    return "\n".join([EN_TETE, "### BEGIN HIDDEN TESTS", *tests, "### END HIDDEN TESTS"])


def transmettre(question: Question, valeur) -> None:
    """Display `valeur` for the trusted grader, serialized as JSON under ``MIME_VALEUR``.

    Runs in the learner's kernel (the hidden test of a code question). The value is encoded like an
    answer saved by ``verifier`` (``stockage.encoder``: pandas objects with their index and dtypes);
    a value too big or that cannot be encoded is replaced by a short description, graded wrong.
    Never raises: the kernel's own check runs next.
    """
    from IPython.display import display

    from . import stockage

    donnees = {"version": VERSION_VALEUR, "question": question.id}
    try:
        taille = getattr(valeur, "size", 0)
        if isinstance(taille, int) and taille > TAILLE_MAX_VALEUR:
            raise OverflowError
        with stockage.sans_bruit():
            code = stockage.encoder(valeur)
        if _profondeur(code) >= PROFONDEUR_MAX_VALEUR:
            raise RecursionError
        texte = json.dumps(code, ensure_ascii=False, allow_nan=False)
        if len(texte) > TAILLE_MAX_VALEUR:
            raise OverflowError
        donnees["valeur"] = json.loads(texte)  # plain JSON data: what was measured is what is sent
    except OverflowError:
        donnees["trop_grande"] = True
    except Exception as e:  # noqa: BLE001 - a value that cannot be encoded is graded as such
        donnees["illisible"] = type(e).__name__
    display({MIME_VALEUR: donnees, "text/plain": "(valeur transmise au correcteur)"}, raw=True)


def _profondeur(code) -> int:
    """How deeply lists and dicts are nested in `code` (iterative: any depth is measured)."""
    plus_profond, a_voir = 0, [(code, 1)]
    while a_voir:
        o, niveau = a_voir.pop()
        plus_profond = max(plus_profond, niveau)
        if isinstance(o, dict):
            a_voir.extend((v, niveau + 1) for v in o.values())
        elif isinstance(o, list):
            a_voir.extend((v, niveau + 1) for v in o)
    return plus_profond


def _points(x: float):
    return int(x) if float(x).is_integer() else float(x)


def metadonnees_nbgrader(notee: QuestionNotee) -> dict:
    return {
        "grade": True,
        "grade_id": notee.grade_id,
        "locked": True,
        "points": _points(notee.points),
        "schema_version": 3,
        "solution": False,
        "task": False,
    }


def banque(chapitre):
    """The bank module of `chapitre` (a manifest ``Chapitre``)."""
    import importlib

    return importlib.import_module(chapitre.banque)


def devoir_du_chapitre(chapitre) -> Devoir:
    module = banque(chapitre)
    devoir = getattr(module, "DEVOIR", None)
    if not isinstance(devoir, Devoir):
        raise ErreurDevoir(
            f"{chapitre.banque} ne déclare pas son devoir : ajoutez « DEVOIR = Devoir(carnet=CARNET, "
            "questions=[…]) » à la fin de la banque."
        )
    if devoir.carnet != chapitre.nom:
        raise ErreurDevoir(f"{chapitre.banque} : DEVOIR.carnet vaut « {devoir.carnet} », attendu « {chapitre.nom} ».")
    return devoir


def _noms_dans_la_banque(module, devoir: Devoir) -> dict[str, str]:
    """question id -> its name in the bank module (the name the hidden test uses)."""
    noms: dict[str, str] = {}
    for nom, valeur in vars(module).items():
        if isinstance(valeur, Question) and not nom.startswith("_"):
            noms.setdefault(valeur.id, nom)
    for notee in devoir.questions:
        if notee.question.id not in noms or getattr(module, noms[notee.question.id]) is not notee.question:
            raise ErreurDevoir(
                f"{module.__name__} : la question {notee.question.id} du devoir doit être une variable "
                "publique de la banque (par exemple « part_bio = CalculPandas(…) »)."
            )
    return noms


def _grade_id(cellule) -> str | None:
    return cellule.metadata.get("nbgrader", {}).get("grade_id")


_CORRECTION = re.compile(r"q(\d+)-correction")


def generer(chapitre, nb):
    """Rewrite the graded cells of notebook `nb` (nbformat node, modified in place) from the declaration."""
    import nbformat

    module = banque(chapitre)
    devoir = devoir_du_chapitre(chapitre)
    noms = _noms_dans_la_banque(module, devoir)
    attendues = devoir.par_grade_id()
    # graded cells that nothing declares any more are removed (they are the generator's, not hand-written)
    nb.cells = [c for c in nb.cells if not (_CORRECTION.fullmatch(_grade_id(c) or "") and _grade_id(c) not in attendues)]
    for notee in devoir.questions:
        source = source_de_correction(notee, module.__name__, noms[notee.question.id])
        meta_nbgrader = metadonnees_nbgrader(notee)
        existantes = [c for c in nb.cells if _grade_id(c) == notee.grade_id]
        if len(existantes) > 1:
            raise ErreurDevoir(f"{chapitre.carnet_devoir} : deux cellules portent le grade_id « {notee.grade_id} ».")
        if existantes and existantes[0].cell_type != "code":
            raise ErreurDevoir(f"{chapitre.carnet_devoir} : la cellule « {notee.grade_id} » doit être une cellule de code.")
        if existantes:
            cellule = existantes[0]
        else:
            # a new graded cell goes after the last cell of its question (q<n>-…), or at the end
            cellule = nbformat.v4.new_code_cell(id=notee.grade_id)
            prefixe = f"q{notee.numero}-"
            positions = [i for i, c in enumerate(nb.cells) if (_grade_id(c) or "").startswith(prefixe)]
            nb.cells.insert(positions[-1] + 1 if positions else len(nb.cells), cellule)
        cellule.source = source
        cellule.metadata["nbgrader"] = meta_nbgrader
        cellule.metadata[CLE] = notee.metadonnees()
        cellule.outputs = []
        cellule.execution_count = None
    return nb


def texte_genere(chapitre, racine: Path | None = None) -> str:
    """The text the source notebook of `chapitre` should have (as nbformat writes it)."""
    import nbformat

    chemin = _chemin(chapitre, racine)
    nb = nbformat.read(chemin, as_version=4)
    texte = nbformat.writes(generer(chapitre, nb))
    return texte if texte.endswith("\n") else texte + "\n"


def _chemin(chapitre, racine: Path | None) -> Path:
    if racine is None:
        from donnees_en_main.reglages import RACINE as racine
    return Path(racine) / chapitre.carnet_devoir


def est_a_jour(chapitre, racine: Path | None = None) -> bool:
    """True if the committed source notebook of `chapitre` is what the generator writes."""
    return _chemin(chapitre, racine).read_text(encoding="utf-8") == texte_genere(chapitre, racine)


def main(argv: list[str] | None = None) -> int:
    from donnees_en_main.chapitres import avec_devoir
    from donnees_en_main.commande import Analyseur

    analyseur = Analyseur(
        prog="python -m donnees_en_main devoirs",
        description="Réécrit les cellules de correction (qN-correction) de chaque devoir "
        "exercises/source/<nom>/<nom>.ipynb depuis la déclaration DEVOIR de la banque de questions du "
        "chapitre : le test caché, les points et ce qui dit à la correction quelle question est notée. "
        "Les autres cellules (énoncés, widgets, cellules de réponse) ne sont pas touchées.",
    )
    analyseur.add_argument("--verifier", action="store_true",
                           help="ne rien écrire ; échouer si un devoir n'est pas à jour")
    analyseur.add_argument("chapitres", nargs="*", metavar="chapitre",
                           help="les chapitres à traiter (par défaut : tous ceux qui ont un devoir)")
    args = analyseur.parse_args(argv)
    chapitres = avec_devoir()
    if args.chapitres:
        connus = {c.nom: c for c in chapitres}
        inconnus = [n for n in args.chapitres if n not in connus]
        if inconnus:
            print(f"Erreur : pas de devoir pour « {', '.join(inconnus)} ». Chapitres avec un devoir : "
                  f"{', '.join(connus)}.")
            return 2
        chapitres = [connus[n] for n in args.chapitres]
    en_retard = []
    for chapitre in chapitres:
        chemin = _chemin(chapitre, None)
        try:
            attendu = texte_genere(chapitre)
        except ErreurDevoir as e:
            print(f"Erreur : {e}")
            return 1
        actuel = chemin.read_text(encoding="utf-8")
        if actuel == attendu:
            print(f"{chapitre.carnet_devoir} : à jour.")
            continue
        if args.verifier:
            en_retard.append(chapitre.carnet_devoir)
            print(f"{chapitre.carnet_devoir} : pas à jour.")
        else:
            chemin.write_text(attendu, encoding="utf-8")
            print(f"{chapitre.carnet_devoir} : cellules de correction réécrites.")
    if en_retard:
        print("Lancez « python -m donnees_en_main devoirs » pour les mettre à jour.")
        return 1
    return 0
