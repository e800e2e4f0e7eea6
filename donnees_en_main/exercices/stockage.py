"""The answers file: where a learner's answers live, so that they survive re-execution and grading.

Why a file, and not the widgets' values
---------------------------------------
An ipywidgets value lives in the running kernel (and, at best, in the notebook's saved widget
state). Re-executing the notebook rebuilds every widget at its default value: this is what happens
when a learner restarts the kernel, and what nbgrader does at autograde, since it re-executes the
submitted notebook in a fresh kernel. A test cell that reads ``widget.value`` therefore grades the
default, not the learner's choice (jupyter/nbgrader#1359; jupyter-widgets/ipywidgets#3698 asks for
a way to keep widget values across runs and has none). So the answer is kept outside the kernel.

How it works
------------
- Each notebook ("carnet") has one file, ``reponses-<carnet>.json``, in the kernel's current
  working directory, which is the notebook's folder in JupyterLab and in nbgrader (autograde runs
  each notebook from its own folder). It maps a question id to
  ``{"reponse": <JSON value>, "horodatage": "<ISO 8601 local time>"}``.
- Only an explicit act writes it: the « Vérifier » button (its click handler calls
  ``question.verifier(valeur)``) or a call to ``verifier(valeur)`` in a code cell. Building or
  displaying a widget only reads the file (to pre-fill the widget with the saved answer), so
  re-running the notebook, in JupyterLab or at autograde, never overwrites an answer.
- Writes are atomic: the whole file is written to a temporary file in the same folder, then moved
  over the old one with ``os.replace``; a crash leaves the previous file or the new one, never half
  of one. The temporary file is created with the usual permissions (umask), not 0600, so a
  trainer can read a learner's file.
- The file travels with the submission: nbgrader copies every file of the assignment folder.
  ``exercises/nbgrader_config.py`` lists it in ``Autograde.exclude_overwriting`` so that a stray
  answers file left in ``source/`` by a trainer never overwrites the learner's at autograde (it
  cannot go in ``CourseDirectory.ignore``, which would also drop it from the submission).
- The hidden test cell (``assert q.est_juste(), q.verifier().message``) reads the file afresh, so
  the grade is the answer the learner last checked, whatever the widgets show.
- Reading is tolerant: a missing file means "nothing answered"; a file that is not valid JSON (or
  not a JSON object) is treated as empty, with a French warning (see the next point), and
  is set aside as ``reponses-<carnet>.illisible-<date>.json`` the next time an answer is written,
  so nothing is lost; an entry without a ``"reponse"`` key is ignored with a warning; a value of
  the wrong type is kept and graded as that (wrong) value.
- Warnings never go to stderr inside a kernel: nbgrader gives 0 points to a test cell that writes
  anything to stderr (``nbgrader.utils.determine_grade``), even if its assertion passes. In a
  kernel a warning is displayed as a cell output (« ⚠ Attention — … »); in a widget's click
  handler it is shown in the widget's feedback; elsewhere (scripts, tests) it is an ordinary
  ``AvertissementReponses`` warning. Library warnings raised while grading are silenced
  (``sans_bruit``) for the same reason.
- pandas values (``CalculPandas``) are stored in a tagged, JSON-safe form (``encoder``) and
  rebuilt (``decoder``); the answer is always graded *after* this round trip, so what a learner
  sees when clicking is exactly what autograde will see.

What a learner can and cannot change
------------------------------------
A learner can change their answers (that is the point), delete the file (their answers are then
"not attempted") or edit it by hand; writing a value by hand is no different from submitting it,
and the value is graded like any other. A learner cannot change what is expected: the expected
answers and the points live in the package and in nbgrader's locked, checksummed cells, not in
this file. A learner who reads the package's source can find the expected answers: these are
formative exercises, not an exam.
"""

from __future__ import annotations

import json
import math
import os
import secrets
import warnings
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .normalisation import texte_en_html


class AvertissementReponses(UserWarning):
    """A problem with an answers file that does not stop the notebook (message in French)."""


class ValeurNonReconnue:
    """A stored value that is neither plain JSON nor a known pandas form (graded as a wrong type)."""

    def __init__(self, type_nom: str, texte: str = ""):
        self.type_nom = type_nom
        self.texte = texte

    def __repr__(self) -> str:
        return f"<{self.type_nom} {self.texte}>".strip()


def chemin_reponses(carnet: str) -> Path:
    """``reponses-<carnet>.json`` in the current working directory (the notebook's folder)."""
    return Path.cwd() / f"reponses-{carnet}.json"


class Avertissement:
    """A French warning shown as a cell output (« ⚠ Attention — … »), not on stderr."""

    def __init__(self, message: str):
        self.message = message

    def __repr__(self) -> str:
        return f"⚠ Attention — {self.message}"

    def _repr_html_(self) -> str:
        texte = texte_en_html(self.message)
        return (
            '<div class="dem-probleme" role="alert" style="border-left: 0.35em solid #b35900; padding: 0.3em 0.8em;">'
            f'<strong><span aria-hidden="true">⚠</span> Attention</strong> — {texte}</div>'
        )


_collecteurs: list[list[str]] = []


@contextmanager
def collecter_avertissements():
    """Collect the warnings raised inside the block (a widget shows them in its feedback)."""
    messages: list[str] = []
    _collecteurs.append(messages)
    try:
        yield messages
    finally:
        _collecteurs.remove(messages)


@contextmanager
def sans_bruit():
    """Silence library warnings while grading: on stderr they would zero an nbgrader test cell."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warnings.simplefilter("default", AvertissementReponses)
        yield


def _dans_un_noyau() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return False
    return getattr(get_ipython(), "kernel", None) is not None


def _avertir(message: str) -> None:
    if _collecteurs:
        _collecteurs[-1].append(message)
    elif _dans_un_noyau():
        from IPython.display import display

        display(Avertissement(message))
    else:
        warnings.warn(message, AvertissementReponses, stacklevel=3)


def _lire_brut(chemin: Path) -> tuple[dict, str | None]:
    """(entries, None) or ({}, French reason why the file cannot be read)."""
    try:
        texte = chemin.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, None
    except UnicodeDecodeError:
        return {}, "il ne contient pas du texte lisible (encodage UTF-8 attendu)"
    except OSError as e:
        return {}, f"il ne peut pas être ouvert ({e.strerror or e})"
    try:
        donnees = json.loads(texte)
    except json.JSONDecodeError as e:
        return {}, f"son contenu n'est pas du JSON valide (ligne {e.lineno}, colonne {e.colno})"
    if not isinstance(donnees, dict):
        return {}, "il devrait contenir un objet JSON { … } associant chaque question à sa réponse"
    return donnees, None


def entrees_valides(donnees: dict) -> tuple[dict[str, dict], list[str]]:
    """(entries of the form {"reponse": …}, ids of the entries left out)."""
    entrees, ignorees = {}, []
    for id_question, entree in donnees.items():
        if isinstance(entree, dict) and "reponse" in entree:
            entrees[id_question] = entree
        else:
            ignorees.append(id_question)
    return entrees, ignorees


def lire_fichier_reponses(chemin: Path) -> tuple[dict[str, dict], str | None]:
    """The valid entries of the answers file at `chemin` and, if it cannot be read, a French reason.

    For the grader, which reads a submission's file by its path, without warnings.
    """
    donnees, probleme = _lire_brut(Path(chemin))
    return entrees_valides(donnees)[0], probleme


def lire_reponses(carnet: str) -> dict[str, dict]:
    """The entries of the answers file, as stored (values not decoded); never raises.

    A missing file gives ``{}``. An unreadable file gives ``{}`` and a French warning.
    Entries without a ``"reponse"`` key are left out, with a warning.
    """
    chemin = chemin_reponses(carnet)
    donnees, probleme = _lire_brut(chemin)
    if probleme:
        _avertir(
            f"Le fichier des réponses « {chemin.name} » est illisible : {probleme}. "
            "Les réponses de ce carnet sont considérées comme vides. Le fichier sera mis de côté "
            "(renommé) à la prochaine réponse vérifiée ; demandez à votre formateur ou formatrice "
            "s'il faut le réparer."
        )
        return {}
    entrees, ignorees = entrees_valides(donnees)
    if ignorees:
        _avertir(
            f"Dans le fichier « {chemin.name} », la réponse à {', '.join(map(repr, ignorees))} "
            "n'a pas la forme attendue ({\"reponse\": …}) : elle est ignorée. "
            "Répondez de nouveau à la question pour la remplacer."
        )
    return entrees


def reponses_enregistrees(carnet: str) -> dict[str, dict]:
    """``{id: {"reponse": value, "horodatage": iso}}`` for the carnet, pandas values rebuilt."""
    return {
        id_question: {**entree, "reponse": decoder(entree["reponse"])}
        for id_question, entree in lire_reponses(carnet).items()
    }


def enregistrer_reponse(carnet: str, id_question: str, reponse_encodee: Any) -> Path:
    """Save one (already encoded) answer, atomically. Raises OSError if the folder is not writable."""
    chemin = chemin_reponses(carnet)
    donnees, probleme = _lire_brut(chemin)
    if probleme:
        # keep the unreadable file for a trainer, under a name that says what it is
        date = datetime.now().strftime("%Y%m%d-%H%M%S")
        mis_de_cote = chemin.with_name(f"reponses-{carnet}.illisible-{date}.json")
        os.replace(chemin, mis_de_cote)
        _avertir(
            f"L'ancien fichier illisible a été mis de côté sous le nom « {mis_de_cote.name} » ; "
            f"un nouveau fichier « {chemin.name} » est commencé."
        )
    donnees[id_question] = {
        "reponse": reponse_encodee,
        "horodatage": datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    texte = json.dumps(donnees, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    temporaire = chemin.with_name(f".{chemin.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        # os.open applies the umask (unlike tempfile's 0600), so the file stays readable by a trainer
        fd = os.open(temporaire, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(texte)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporaire, chemin)
    finally:
        if temporaire.exists():
            temporaire.unlink()
    return chemin


# -- JSON-safe form of any answer, pandas included ---------------------------------------------

_ETIQUETTE = "__type__"


def _est_manquant(v) -> bool:
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v))


def _cellule(v):
    """One cell of a Series/DataFrame as plain JSON (its column's dtype restores it)."""
    if isinstance(v, np.generic):
        v = v.item()
    if _est_manquant(v):
        return None
    if isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, (pd.Timestamp, datetime)):
        return v.isoformat()
    return str(v)


def _encoder_index(index: pd.Index) -> dict:
    if isinstance(index, pd.RangeIndex):
        return {"plage": [index.start, index.stop, index.step], "noms": [index.name]}
    if isinstance(index, pd.MultiIndex):
        valeurs = [[_cellule(x) for x in t] for t in index.tolist()]
        return {"valeurs": valeurs, "noms": list(index.names), "multi": True}
    return {"valeurs": [_cellule(x) for x in index.tolist()], "noms": [index.name], "type": str(index.dtype)}


def _decoder_index(code: dict) -> pd.Index:
    noms = code.get("noms") or [None]
    if "plage" in code:
        return pd.RangeIndex(*code["plage"], name=noms[0])
    if code.get("multi"):
        return pd.MultiIndex.from_tuples([tuple(t) for t in code["valeurs"]], names=noms)
    index = pd.Index(code["valeurs"], name=noms[0])
    if code.get("type") and code["type"] != str(index.dtype):
        try:
            index = index.astype(code["type"])
        except (TypeError, ValueError):
            pass
    return index


def _restaurer_type(serie: pd.Series, type_texte: str | None) -> pd.Series:
    if not type_texte or type_texte == str(serie.dtype):
        return serie
    try:
        return serie.astype(type_texte)
    except (TypeError, ValueError):
        return serie


def encoder(valeur: Any) -> Any:
    """A JSON-safe form of `valeur`; pandas objects and timestamps are tagged, other objects described."""
    if isinstance(valeur, pd.DataFrame):
        return {
            _ETIQUETTE: "DataFrame",
            "colonnes": _encoder_index(valeur.columns),
            "index": _encoder_index(valeur.index),
            "types": [str(t) for t in valeur.dtypes],
            "lignes": [[_cellule(v) for v in ligne] for ligne in valeur.itertuples(index=False, name=None)],
        }
    if isinstance(valeur, pd.Series):
        return {
            _ETIQUETTE: "Series",
            "nom": _cellule(valeur.name),
            "index": _encoder_index(valeur.index),
            "type": str(valeur.dtype),
            "valeurs": [_cellule(v) for v in valeur.tolist()],
        }
    if isinstance(valeur, np.generic):
        valeur = valeur.item()
    if _est_manquant(valeur):
        return None
    if isinstance(valeur, (bool, int, float, str)):
        return valeur
    if isinstance(valeur, (pd.Timestamp, datetime)):
        return {_ETIQUETTE: "Timestamp", "valeur": valeur.isoformat()}
    if isinstance(valeur, (list, tuple, set, frozenset, np.ndarray, pd.Index)):
        return [encoder(v) for v in (sorted(valeur, key=str) if isinstance(valeur, (set, frozenset)) else valeur)]
    if isinstance(valeur, dict):
        return {str(k): encoder(v) for k, v in valeur.items()}
    return {_ETIQUETTE: "inconnu", "nom": type(valeur).__name__, "texte": repr(valeur)[:200]}


def decoder(code: Any) -> Any:
    """The value `encoder` stored (never raises: an unreadable form gives a ValeurNonReconnue)."""
    if isinstance(code, list):
        return [decoder(v) for v in code]
    if not isinstance(code, dict):
        return code
    etiquette = code.get(_ETIQUETTE)
    if etiquette is None:
        return {k: decoder(v) for k, v in code.items()}
    try:
        if etiquette == "DataFrame":
            tableau = pd.DataFrame(
                code["lignes"], columns=_decoder_index(code["colonnes"]), index=_decoder_index(code["index"])
            )
            for i, type_texte in enumerate(code.get("types") or []):
                tableau.isetitem(i, _restaurer_type(tableau.iloc[:, i], type_texte))
            return tableau
        if etiquette == "Series":
            serie = pd.Series(code["valeurs"], index=_decoder_index(code["index"]), name=code.get("nom"))
            return _restaurer_type(serie, code.get("type"))
        if etiquette == "Timestamp":
            return pd.Timestamp(code["valeur"])
        if etiquette == "inconnu":
            return ValeurNonReconnue(str(code.get("nom", "objet")), str(code.get("texte", "")))
    except (KeyError, TypeError, ValueError, IndexError) as e:
        return ValeurNonReconnue(str(etiquette), f"illisible : {e}")
    return ValeurNonReconnue(str(etiquette))
