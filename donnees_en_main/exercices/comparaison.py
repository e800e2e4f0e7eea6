"""Compare a learner's result (a value, a Series or a DataFrame) with the expected one.

``comparer`` returns ``None`` when the result is right, else one French sentence saying what differs
(type, shape, columns, labels, values), without giving away the expected values. The final word
goes to ``pandas.testing`` (with ``rtol = atol = tolerance``); the checks before it only find the
most useful thing to say.
"""

from __future__ import annotations

import math
import numbers
from collections import Counter

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype

from .normalisation import decimales_utiles, formater_nombre
from .stockage import ValeurNonReconnue

_OPTIONS_PANDAS = dict(
    check_dtype=False, check_names=False, check_index_type=False, check_exact=False,
    check_freq=False, check_flags=False,
)
_FORMAT_DIFFERENT = (
    "Vos valeurs ressemblent à celles attendues, mais leur forme diffère (type des valeurs ou des "
    "étiquettes). Comparez avec l'énoncé ou demandez un indice."
)


def est_nombre(v) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))


def decrire(v) -> str:
    """What `v` is, in plain French (« un tableau (DataFrame) de 3 lignes et 2 colonnes »)."""
    if isinstance(v, pd.DataFrame):
        return f"un tableau (DataFrame) de {_nb(len(v), 'ligne')} et {_nb(v.shape[1], 'colonne')}"
    if isinstance(v, pd.Series):
        return f"une série (Series) de {_nb(len(v), 'valeur')}"
    if v is None:
        return "rien (None)"
    if isinstance(v, (bool, np.bool_)):
        return f"un booléen ({v})"
    if est_nombre(v):
        return f"le nombre {formater_nombre(v)}"
    if isinstance(v, str):
        return f"le texte « {v[:60]} »"
    if isinstance(v, (list, tuple)):
        return f"une liste de {_nb(len(v), 'élément')}"
    if isinstance(v, dict):
        return "un dictionnaire"
    if isinstance(v, ValeurNonReconnue):
        return f"un objet de type « {v.type_nom} »"
    return f"un objet de type « {type(v).__name__} »"


def _nb(n: int, mot: str) -> str:
    return f"{n} {mot}{'s' if n > 1 else ''}"


def _liste(etiquettes) -> str:
    etiquettes = list(etiquettes)
    texte = ", ".join(f"« {e} »" for e in etiquettes[:3])
    return texte + (f" (et {len(etiquettes) - 3} autres)" if len(etiquettes) > 3 else "")


def _proches(a: float, b: float, tolerance: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= tolerance + tolerance * abs(b)


def comparer(obtenu, attendu, tolerance: float = 1e-6, verifier_index: bool = True) -> str | None:
    """None if `obtenu` matches `attendu`, else a French explanation of the first difference."""
    if isinstance(attendu, pd.DataFrame):
        return _comparer_tableau(obtenu, attendu, tolerance, verifier_index)
    if isinstance(attendu, pd.Series):
        return _comparer_serie(obtenu, attendu, tolerance, verifier_index)
    return _comparer_valeur(obtenu, attendu, tolerance)


def _comparer_valeur(obtenu, attendu, tolerance):
    if isinstance(obtenu, (pd.Series, pd.DataFrame)):
        if obtenu.size == 1:
            return (
                f"On attend une seule valeur, et vous avez donné {decrire(obtenu)} qui la contient : "
                "prenez la valeur elle-même, par exemple avec `.iloc[0]`."
            )
        return f"On attend une seule valeur, vous avez donné {decrire(obtenu)}."
    if est_nombre(attendu):
        if not est_nombre(obtenu):
            conseil = " Donnez le nombre lui-même, sans guillemets." if isinstance(obtenu, str) else ""
            return f"On attend un nombre, vous avez donné {decrire(obtenu)}.{conseil}"
        if _proches(float(obtenu), float(attendu), tolerance):
            return None
        return f"Votre valeur ({formater_nombre(obtenu, decimales_utiles(tolerance))}) n'est pas celle attendue."
    if isinstance(attendu, str):
        if not isinstance(obtenu, str):
            return f"On attend un texte, vous avez donné {decrire(obtenu)}."
        return None if obtenu.strip() == attendu.strip() else f"Votre réponse « {obtenu} » n'est pas celle attendue."
    if isinstance(attendu, (bool, np.bool_)):
        if not isinstance(obtenu, (bool, np.bool_)):
            return f"On attend un booléen (True ou False), vous avez donné {decrire(obtenu)}."
        return None if bool(obtenu) == bool(attendu) else "Ce n'est pas la réponse attendue."
    try:
        egal = bool(obtenu == attendu)
    except (TypeError, ValueError):
        egal = False
    return None if egal else f"Vous avez donné {decrire(obtenu)}, ce n'est pas la réponse attendue."


def _simplifier(serie: pd.Series) -> pd.Series:
    """Categories compared by their values (a learner's `category` column is as good as `str`)."""
    if isinstance(serie.dtype, pd.CategoricalDtype):
        return serie.astype(serie.cat.categories.dtype)
    return serie


def _comparer_serie(obtenu, attendu, tolerance, verifier_index):
    if isinstance(obtenu, pd.DataFrame):
        if obtenu.shape[1] == 1:
            return (
                "Vous avez donné un tableau (DataFrame) d'une seule colonne ; on attend une série (Series) : "
                "prenez la colonne elle-même, par exemple avec `tableau[\"nom de la colonne\"]`."
            )
        return f"On attend une série (Series) de {_nb(len(attendu), 'valeur')}, vous avez donné {decrire(obtenu)}."
    if not isinstance(obtenu, pd.Series):
        return f"On attend une série (Series) de {_nb(len(attendu), 'valeur')}, vous avez donné {decrire(obtenu)}."
    if len(obtenu) != len(attendu):
        return f"Votre série a {_nb(len(obtenu), 'valeur')}, on en attend {len(attendu)}."
    obtenu, attendu = _simplifier(obtenu), _simplifier(attendu)
    if verifier_index:
        ecart = _ecart_index(obtenu.index, attendu.index, "étiquettes")
        if ecart:
            return ecart
    else:
        obtenu, attendu = obtenu.reset_index(drop=True), attendu.reset_index(drop=True)
    ecart = _ecart_valeurs(obtenu, attendu, tolerance)
    if ecart:
        return ecart
    try:
        pd.testing.assert_series_equal(
            obtenu, attendu, check_series_type=False, check_categorical=False,
            rtol=tolerance, atol=tolerance, **_OPTIONS_PANDAS,
        )
    except AssertionError:
        return _FORMAT_DIFFERENT
    return None


def _comparer_tableau(obtenu, attendu, tolerance, verifier_index):
    colonnes = list(attendu.columns)
    if isinstance(obtenu, pd.Series):
        return (
            f"Vous avez donné une seule colonne (une série) ; on attend un tableau (DataFrame) avec "
            f"les colonnes {_liste(colonnes)}."
        )
    if not isinstance(obtenu, pd.DataFrame):
        return f"On attend un tableau (DataFrame), vous avez donné {decrire(obtenu)}."
    doublons = [c for c, n in Counter(obtenu.columns).items() if n > 1]
    if doublons:
        return f"Dans votre tableau, la colonne {_liste(doublons)} apparaît plusieurs fois."
    manquantes = [c for c in colonnes if c not in obtenu.columns]
    en_trop = [c for c in obtenu.columns if c not in colonnes]
    if manquantes or en_trop:
        phrases = []
        if manquantes:
            quoi = "la colonne" if len(manquantes) == 1 else "les colonnes"
            phrases.append(f"Il manque {quoi} {_liste(manquantes)}.")
        if en_trop:
            if len(en_trop) == 1:
                phrases.append(f"La colonne {_liste(en_trop)} n'est pas attendue.")
            else:
                phrases.append(f"Les colonnes {_liste(en_trop)} ne sont pas attendues.")
        if manquantes and en_trop:
            phrases.append("Vérifiez l'orthographe des noms de colonnes (majuscules, accents, espaces).")
        return " ".join(phrases)
    obtenu = obtenu[colonnes]  # the order of the columns does not matter
    if len(obtenu) != len(attendu):
        return f"Votre tableau a {_nb(len(obtenu), 'ligne')}, on en attend {len(attendu)}."
    if verifier_index:
        ecart = _ecart_index(obtenu.index, attendu.index, "étiquettes de lignes")
        if ecart:
            return ecart
    else:
        obtenu, attendu = obtenu.reset_index(drop=True), attendu.reset_index(drop=True)
    for i, colonne in enumerate(colonnes):
        ecart = _ecart_valeurs(_simplifier(obtenu.iloc[:, i]), _simplifier(attendu.iloc[:, i]), tolerance)
        if ecart:
            return f"Dans la colonne « {colonne} » : {ecart[0].lower()}{ecart[1:]}"
    try:
        pd.testing.assert_frame_equal(
            obtenu.apply(_simplifier), attendu.apply(_simplifier), check_column_type=False,
            check_frame_type=False, check_categorical=False, rtol=tolerance, atol=tolerance, **_OPTIONS_PANDAS,
        )
    except AssertionError:
        return _FORMAT_DIFFERENT
    return None


def _ecart_index(obtenu: pd.Index, attendu: pd.Index, quoi: str) -> str | None:
    if obtenu.equals(attendu):
        return None
    if Counter(obtenu.tolist()) == Counter(attendu.tolist()):
        return (
            f"Les bonnes {quoi} sont là, mais pas dans l'ordre attendu : triez votre résultat "
            "(par exemple avec `sort_values` ou `sort_index`)."
        )
    presentes, attendues = set(obtenu.tolist()), set(attendu.tolist())
    phrases = []
    manquantes = [e for e in attendu.tolist() if e not in presentes]
    en_trop = [e for e in obtenu.tolist() if e not in attendues]
    if manquantes:
        phrases.append(f"Des {quoi} attendues manquent : {_liste(manquantes)}.")
    if en_trop:
        phrases.append(f"Ces {quoi} ne sont pas attendues : {_liste(en_trop)}.")
    return " ".join(phrases) or f"Les {quoi} ne correspondent pas à celles attendues."


def _ecart_valeurs(obtenu: pd.Series, attendu: pd.Series, tolerance: float) -> str | None:
    """Positional comparison of two Series of the same length."""
    numerique = is_numeric_dtype(attendu) and not is_bool_dtype(attendu)
    if numerique:
        if not (is_numeric_dtype(obtenu) and not is_bool_dtype(obtenu)):
            if not all(est_nombre(v) or pd.isna(v) for v in obtenu.tolist()):
                return (
                    "Ces valeurs ne sont pas toutes des nombres, alors qu'on attend des nombres "
                    "(une colonne lue comme du texte se convertit avec `pd.to_numeric`)."
                )
        a = obtenu.to_numpy(dtype=float, na_value=np.nan)
        b = attendu.to_numpy(dtype=float, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            justes = (np.abs(a - b) <= tolerance + tolerance * np.abs(b)) | (np.isnan(a) & np.isnan(b))
    else:
        justes = np.array([_egales(x, y) for x, y in zip(obtenu.tolist(), attendu.tolist())], dtype=bool)
    fausses = np.flatnonzero(~justes)
    if len(fausses) == 0:
        return None
    i = fausses[0]
    valeur = obtenu.iloc[i]
    ou = f"à la ligne {i + 1}" if isinstance(obtenu.index, pd.RangeIndex) else f"pour « {obtenu.index[i]} »"
    if est_nombre(valeur):
        montree = formater_nombre(valeur, decimales_utiles(tolerance))
    else:
        montree = f"« {valeur} »" if isinstance(valeur, str) else repr(valeur)
    return (
        f"{len(fausses)} valeur{'s' if len(fausses) > 1 else ''} sur {len(attendu)} "
        f"ne {'correspondent' if len(fausses) > 1 else 'correspond'} pas à ce qui est attendu ; "
        f"par exemple {ou}, vous avez {montree}."
    )


def _egales(x, y) -> bool:
    if _manquante(x) or _manquante(y):
        return _manquante(x) and _manquante(y)
    try:
        return bool(x == y)
    except (TypeError, ValueError):
        return False


def _manquante(v) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False
