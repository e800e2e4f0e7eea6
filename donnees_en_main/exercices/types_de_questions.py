"""Questions with immediate feedback: check, hints, solution, in French (after Kaggle learntools' problem.py).

A question knows its statement, its expected answer and how to grade an answer. Answers are saved
by ``stockage`` (see its docstring for why a file); widgets are built by ``widgets``.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from typing import Any, Callable, Iterable

from . import stockage
from .comparaison import comparer, est_nombre
from .comparaison import decrire as _decrire
from .normalisation import decimales_utiles, formater_nombre, lire_nombre, normaliser_texte, texte_en_clair, texte_en_html

_ABSENT = object()
_REGISTRE: dict[str, dict[str, "Question"]] = {}
_CARNET_VALIDE = re.compile(r"[\w-]+")

_LIBELLES = {"juste": ("✔", "Juste"), "faux": ("✘", "Pas encore"), "non_tente": ("○", "Pas encore de réponse")}
_COULEURS = {"juste": "#1a7f37", "faux": "#b35900", "non_tente": "#6e7781"}  # an extra, never the only sign
_RELIRE = "Relisez la question ou demandez un indice."


class Resultat:
    """The outcome of a check: ``statut`` in {"juste", "faux", "non_tente"}, a French ``message``."""

    def __init__(self, statut: str, message: str, points_possibles: float = 0, libelle: str | None = None):
        if statut not in _LIBELLES:
            raise ValueError(f"statut inconnu : {statut!r}")
        self.statut = statut
        self.message = message
        self.points_possibles = points_possibles
        icone, mot = _LIBELLES[statut]
        self.icone, self.mot = icone, (libelle if libelle and statut == "juste" else mot)

    @property
    def juste(self) -> bool:
        return self.statut == "juste"

    @property
    def points(self) -> float:
        return self.points_possibles if self.juste else 0

    @property
    def libelle(self) -> str:
        """Icon and word, e.g. « ✔ Juste »."""
        return f"{self.icone} {self.mot}"

    def __bool__(self) -> bool:
        return self.juste

    def __repr__(self) -> str:
        return f"{self.libelle} — {texte_en_clair(self.message)}"

    def _repr_html_(self) -> str:
        return (
            f'<div class="dem-resultat dem-{self.statut}" role="status" '
            f'style="border-left: 0.35em solid {_COULEURS[self.statut]}; padding: 0.3em 0.8em; margin: 0.3em 0;">'
            f'<strong><span aria-hidden="true">{self.icone}</span> {self.mot}</strong> — '
            f"{texte_en_html(self.message)}</div>"
        )


class Aide:
    """A hint or a solution: a title and a (Markdown) text, displayable in a notebook."""

    def __init__(self, titre: str, texte: str):
        self.titre, self.texte = titre, texte

    def __repr__(self) -> str:
        return f"{self.titre} : {self.texte}"

    def _repr_markdown_(self) -> str:
        separateur = "\n\n" if "\n" in self.texte else " "
        return f"**{self.titre} :**{separateur}{self.texte}"


def _calculer(valeur):
    """A value given now, or later: a function without argument, called on first use (see Question)."""
    return valeur() if callable(valeur) else valeur


class Question:
    """Base class: statement, hints, solution, saved answer. Subclasses define ``_noter``.

    Figures computed from the shipped data may be given as functions without argument (``enonce``,
    ``indices``, ``solution``; the ``reponse`` and ``erreurs_frequentes`` of a ``Nombre``; the
    ``choix``, ``reponse(s)`` and ``erreurs_frequentes`` of a ``ChoixUnique`` or ``ChoixMultiple``): they
    are called on first use, so that importing a question bank reads nothing from disk.
    """

    consigne = "répondez puis cliquez sur « Vérifier »"
    libelle_verifier = "Vérifier"
    libelle_juste: str | None = None

    def __init__(self, *, id: str, carnet: str, enonce: str, indices: Iterable[str] = (),
                 solution: str = "", points: float = 1):
        if not isinstance(id, str) or not id.strip():
            raise ValueError("Chaque question a besoin d'un identifiant `id`, par exemple \"cantine.indicateur\".")
        if not isinstance(carnet, str) or not _CARNET_VALIDE.fullmatch(carnet):
            raise ValueError(
                f"Question {id} : le nom du carnet {carnet!r} ne convient pas ; utilisez des lettres, "
                "des chiffres, des tirets ou des soulignés (il sert à nommer le fichier des réponses)."
            )
        self.id, self.carnet, self._enonce_donne = id, carnet, enonce
        self._indices_donnes, self._solution_donnee, self.points = indices, solution, points
        self._indices_vus = 0
        _REGISTRE.setdefault(carnet, {})[id] = self

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self.id!r}, carnet={self.carnet!r})"

    @functools.cached_property
    def enonce(self) -> str:
        return _calculer(self._enonce_donne)

    @functools.cached_property
    def indices(self) -> list[str]:
        indices = _calculer(self._indices_donnes)
        return [indices] if isinstance(indices, str) else list(indices)

    @functools.cached_property
    def texte_solution(self) -> str:
        return _calculer(self._solution_donnee)

    # -- checking -----------------------------------------------------------------------------
    def verifier(self, reponse: Any = _ABSENT) -> Resultat:
        """Save `reponse` as the learner's answer and grade it; without argument, grade the saved one."""
        with stockage.sans_bruit():
            return self._verifier(reponse)

    def _verifier(self, reponse: Any) -> Resultat:
        if reponse is _ABSENT:
            return self._resultat_depuis(stockage.lire_reponses(self.carnet))
        if reponse is None:
            # « remplacez None par votre calcul »: nothing computed yet, so nothing is recorded (running
            # the whole notebook must not overwrite an answer with None).
            return self._resultat(None)
        code = stockage.encoder(reponse)
        try:
            stockage.enregistrer_reponse(self.carnet, self.id, code)
        except OSError as e:
            resultat = self._resultat(stockage.decoder(code))
            resultat.message += (
                f" Attention : votre réponse n'a pas pu être enregistrée dans le fichier "
                f"« reponses-{self.carnet}.json » ({e.strerror or e}) ; elle ne comptera pas pour la note. "
                "Prévenez votre formateur ou formatrice."
            )
            return resultat
        # graded after the JSON round trip: exactly what autograde will read
        return self._resultat(stockage.decoder(code))

    def est_juste(self) -> bool:
        """True if the answer saved in the answers file (read afresh) is right."""
        return self.verifier().juste

    def reponse_enregistree(self) -> Any:
        """The saved answer (pandas values rebuilt), or None."""
        with stockage.sans_bruit():
            entree = stockage.lire_reponses(self.carnet).get(self.id)
            return None if entree is None else stockage.decoder(entree["reponse"])

    def _resultat_depuis(self, entrees: dict) -> Resultat:
        if self.id not in entrees:
            return self._resultat(None)
        return self._resultat(stockage.decoder(entrees[self.id]["reponse"]))

    def _resultat(self, valeur: Any) -> Resultat:
        if self._est_vide(valeur):
            return Resultat("non_tente", f"Vous n'avez pas encore répondu : {self.consigne}.", self.points)
        statut, message = self._noter(valeur)
        return Resultat(statut, message, self.points, self.libelle_juste)

    def _est_vide(self, valeur: Any) -> bool:
        if isinstance(valeur, str):
            return not valeur.strip()
        return valeur is None or (isinstance(valeur, (list, tuple)) and not valeur)

    def _noter(self, valeur: Any) -> tuple[str, str]:
        raise NotImplementedError

    # -- help -----------------------------------------------------------------------------------
    def indice(self) -> Aide:
        """The next hint (« Indice 1/2 »), then a note that there are no more."""
        total = len(self.indices)
        if total == 0:
            return Aide("Pas d'indice", "Cette question n'a pas d'indice. Relisez l'énoncé, ou demandez la solution.")
        if self._indices_vus >= total:
            return Aide(
                "Plus d'indice",
                f"Vous avez vu {'le seul indice' if total == 1 else f'les {total} indices'} de cette question. "
                "Si vous êtes bloqué, demandez la solution.",
            )
        self._indices_vus += 1
        return Aide(f"Indice {self._indices_vus}/{total}", self.indices[self._indices_vus - 1])

    def solution(self) -> Aide:
        """The explained answer."""
        return Aide("Solution", self.texte_solution or self._solution_par_defaut())

    def _solution_par_defaut(self) -> str:
        return "Pas de solution rédigée pour cette question : discutez-en avec votre formateur ou formatrice."

    # -- display ----------------------------------------------------------------------------------
    def widget(self):
        """The ipywidgets form of this question (pre-filled with the saved answer; never writes)."""
        return construire_vue(self)

    def afficher(self) -> None:
        """Display the widget in the notebook."""
        from IPython.display import display

        display(self.widget())


# -- views ------------------------------------------------------------------------------------------
# A question knows nothing of how it is displayed (after learntools: ProblemView depends on Problem,
# never the reverse). ``widgets`` registers a builder for each question type it can show; the package
# (``exercices/__init__.py``) imports it, so ``q.afficher()`` works wherever a bank is imported.

_VUES: dict[type, Callable[["Question"], Any]] = {}


def enregistrer_vue(type_question: type) -> Callable:
    """Decorator: register `builder(question) -> widget` for `type_question` (and its subclasses)."""

    def enregistrer(constructeur):
        _VUES[type_question] = constructeur
        return constructeur

    return enregistrer


def construire_vue(question: "Question"):
    """The widget of `question`, from the builder registered for its type (nearest in its MRO)."""
    for classe in type(question).__mro__:
        if classe in _VUES:
            return _VUES[classe](question)
    raise TypeError(
        f"Pas de widget pour une question de type {type(question).__name__} : importez "
        "donnees_en_main.exercices (qui charge les widgets), ou enregistrez-en un avec enregistrer_vue."
    )


def _verifier_choix(id: str, choix: list, nom: str, valeurs: Iterable) -> None:
    for v in valeurs:
        if v not in choix:
            raise ValueError(f"Question {id} : {nom} {v!r} ne fait pas partie des choix {choix!r}.")


def _preparer_choix(id: str, choix) -> list[str]:
    choix = list(choix)
    if len(choix) < 2 or not all(isinstance(c, str) and c.strip() for c in choix):
        raise ValueError(f"Question {id} : `choix` doit être une liste d'au moins deux textes non vides.")
    if len(set(choix)) != len(choix):
        raise ValueError(f"Question {id} : un choix apparaît deux fois dans {choix!r}.")
    return choix


class _AvecChoix(Question):
    """Base of the choice questions: ``choix`` may be given as a function too (see Question)."""

    def __init__(self, *, choix, **kwargs):
        super().__init__(**kwargs)
        self._choix_donnes = choix

    @functools.cached_property
    def choix(self) -> list[str]:
        return _preparer_choix(self.id, _calculer(self._choix_donnes))

    def _retrouver(self, valeur) -> str | None:
        """The choice a (possibly hand-edited) value stands for, tolerant to case and accents."""
        if not isinstance(valeur, str):
            return None
        if valeur in self.choix:
            return valeur
        forme = normaliser_texte(valeur)
        return next((c for c in self.choix if normaliser_texte(c) == forme), None)


class ChoixUnique(_AvecChoix):
    """One right choice among several (radio buttons)."""

    consigne = "choisissez une réponse puis cliquez sur « Vérifier »"

    def __init__(self, *, choix, reponse: str, erreurs_frequentes: dict | None = None, **kwargs):
        super().__init__(choix=choix, **kwargs)
        self._reponse_donnee, self._erreurs_donnees = reponse, erreurs_frequentes
        if not any(map(callable, (choix, reponse, erreurs_frequentes))):
            _ = self._attendu  # checked now when given now

    @functools.cached_property
    def _attendu(self) -> tuple[str, dict]:
        """(the right choice, frequent errors), computed on first use when given as functions."""
        reponse, erreurs = _calculer(self._reponse_donnee), dict(_calculer(self._erreurs_donnees) or {})
        _verifier_choix(self.id, self.choix, "la réponse", [reponse])
        _verifier_choix(self.id, self.choix, "l'erreur fréquente", erreurs)
        return reponse, erreurs

    @property
    def reponse(self) -> str:
        return self._attendu[0]

    @property
    def erreurs_frequentes(self) -> dict:
        return self._attendu[1]

    def _noter(self, valeur):
        choisi = self._retrouver(valeur)
        if choisi is None:
            return "faux", f"Votre réponse ({_decrire(valeur)}) ne fait pas partie des choix proposés."
        if choisi == self.reponse:
            return "juste", f"Bravo, « {choisi} » est la bonne réponse."
        return "faux", f"Vous avez choisi « {choisi} ». " + self.erreurs_frequentes.get(
            choisi, f"Ce n'est pas la bonne réponse. {_RELIRE}"
        )

    def _solution_par_defaut(self):
        return f"La bonne réponse est « {self.reponse} »."


class ChoixMultiple(_AvecChoix):
    """Several right choices (check boxes); right only if exactly those are ticked.

    `erreurs_frequentes` maps a choice to the message shown when it is wrongly ticked (a wrong
    choice) or wrongly left out (a right one).
    """

    consigne = "cochez une ou plusieurs cases puis cliquez sur « Vérifier »"

    def __init__(self, *, choix, reponses, erreurs_frequentes: dict | None = None, **kwargs):
        super().__init__(choix=choix, **kwargs)
        self._reponses_donnees, self._erreurs_donnees = reponses, erreurs_frequentes
        if not any(map(callable, (choix, reponses, erreurs_frequentes))):
            _ = self._attendu  # checked now when given now

    @functools.cached_property
    def _attendu(self) -> tuple[list[str], dict]:
        """(the right choices in display order, frequent errors), computed on first use."""
        reponses, erreurs = _calculer(self._reponses_donnees), dict(_calculer(self._erreurs_donnees) or {})
        _verifier_choix(self.id, self.choix, "la réponse", reponses)
        _verifier_choix(self.id, self.choix, "l'erreur fréquente", erreurs)
        bonnes = [c for c in self.choix if c in set(reponses)]
        if not bonnes:
            raise ValueError(f"Question {self.id} : indiquez au moins une bonne réponse dans `reponses`.")
        return bonnes, erreurs

    @property
    def reponses(self) -> list[str]:
        return self._attendu[0]

    @property
    def erreurs_frequentes(self) -> dict:
        return self._attendu[1]

    def _noter(self, valeur):
        valeurs = [valeur] if isinstance(valeur, str) else valeur
        if not isinstance(valeurs, (list, tuple)):
            return "faux", f"On attend une liste de choix cochés, et la réponse enregistrée est {_decrire(valeur)}."
        coches = set()
        for v in valeurs:
            choisi = self._retrouver(v)
            if choisi is None:
                return "faux", f"Votre réponse ({_decrire(v)}) ne fait pas partie des choix proposés."
            coches.add(choisi)
        bonnes = set(self.reponses)
        if coches == bonnes:
            return "juste", "Bravo, vous avez coché toutes les bonnes réponses, et seulement elles."
        oubliees, en_trop = bonnes - coches, coches - bonnes
        phrases = []
        if oubliees:
            n = len(oubliees)
            phrases.append(f"Il manque {n} bonne{'s' if n > 1 else ''} réponse{'s' if n > 1 else ''}.")
        if en_trop:
            n = len(en_trop)
            phrases.append(
                "1 case cochée n'est pas juste." if n == 1 else f"{n} cases cochées ne sont pas justes."
            )
        # a frequent-error message for a choice wrongly ticked or wrongly left out
        a_expliquer = (oubliees | en_trop) & self.erreurs_frequentes.keys()
        phrases += [self.erreurs_frequentes[c] for c in self.choix if c in a_expliquer]
        return "faux", " ".join(phrases)

    def _solution_par_defaut(self):
        return "Les bonnes réponses sont : " + ", ".join(f"« {c} »" for c in self.reponses) + "."


class Nombre(Question):
    """A number, right within an absolute `tolerance` (edges included); reads « 14,3 % » too.

    `erreurs_frequentes` maps a wrong value (e.g. 0.143 for 14.3 %, a unit off by a factor 100) to
    its message; a value matches it within the same tolerance.
    """

    consigne = "écrivez un nombre puis cliquez sur « Vérifier »"

    def __init__(self, *, reponse: float, tolerance: float = 0, unite: str = "",
                 erreurs_frequentes: dict | None = None, **kwargs):
        super().__init__(**kwargs)
        if not est_nombre(tolerance) or tolerance < 0:
            raise ValueError(f"Question {self.id} : `tolerance` doit être un nombre positif ou nul.")
        self.tolerance, self.unite = float(tolerance), unite
        self._reponse_donnee, self._erreurs_donnees = reponse, erreurs_frequentes
        if not callable(reponse):
            _ = self.reponse  # checked now when given now
        if not callable(erreurs_frequentes):
            _ = self.erreurs_frequentes

    @functools.cached_property
    def reponse(self) -> float:
        reponse = _calculer(self._reponse_donnee)
        if not est_nombre(reponse) or not math.isfinite(reponse):
            raise ValueError(f"Question {self.id} : `reponse` doit être un nombre, pas {reponse!r}.")
        return float(reponse)

    @functools.cached_property
    def erreurs_frequentes(self) -> dict[float, str]:
        return {float(lire_nombre(k)): m for k, m in (_calculer(self._erreurs_donnees) or {}).items()}

    def _proche(self, x: float, cible: float) -> bool:
        # inclusive edges; the tiny slack absorbs binary rounding (14.4 - 14.3 > 0.1 in floating point)
        return abs(x - cible) <= self.tolerance + 1e-9 * max(1.0, abs(cible))

    def _avec_unite(self, x: float) -> str:
        # rounded to what the check looks at: « 14,756 % », not a pasted « 14,7557144375 % »
        return formater_nombre(x, decimales_utiles(self.tolerance)) + (f" {self.unite}" if self.unite else "")

    def _noter(self, valeur):
        try:
            x = lire_nombre(valeur)
        except ValueError as e:
            return "faux", str(e)
        if self._proche(x, self.reponse):
            return "juste", f"Bravo, {self._avec_unite(x)} est la bonne valeur."
        for cible, message in self.erreurs_frequentes.items():
            if self._proche(x, cible):
                return "faux", f"Vous avez répondu {self._avec_unite(x)}. {message}"
        return "faux", f"Vous avez répondu {self._avec_unite(x)} : ce n'est pas la valeur attendue. {_RELIRE}"

    def _solution_par_defaut(self):
        return f"La valeur attendue est {self._avec_unite(self.reponse)}."


class Texte(Question):
    """A short text; case, accents, spaces and final punctuation do not matter."""

    consigne = "écrivez votre réponse puis cliquez sur « Vérifier »"

    def __init__(self, *, reponses_acceptees, erreurs_frequentes: dict | None = None, **kwargs):
        super().__init__(**kwargs)
        if isinstance(reponses_acceptees, str):
            reponses_acceptees = [reponses_acceptees]
        self.reponses_acceptees = list(reponses_acceptees)
        if not self.reponses_acceptees or not all(isinstance(r, str) and r.strip() for r in self.reponses_acceptees):
            raise ValueError(f"Question {self.id} : `reponses_acceptees` doit contenir au moins un texte non vide.")
        self._formes = {normaliser_texte(r) for r in self.reponses_acceptees}
        self.erreurs_frequentes = {normaliser_texte(k): m for k, m in (erreurs_frequentes or {}).items()}

    def _noter(self, valeur):
        if not isinstance(valeur, str) and not est_nombre(valeur):
            return "faux", f"On attend un texte, et la réponse enregistrée est {_decrire(valeur)}."
        forme = normaliser_texte(valeur)
        if forme in self._formes:
            return "juste", "Bravo, c'est la bonne réponse."
        if forme in self.erreurs_frequentes:
            return "faux", f"Vous avez répondu « {str(valeur).strip()} ». {self.erreurs_frequentes[forme]}"
        if any(difflib.SequenceMatcher(None, forme, f).ratio() >= 0.85 for f in self._formes):
            return "faux", f"Vous y êtes presque avec « {str(valeur).strip()} » : vérifiez l'orthographe."
        return "faux", f"« {str(valeur).strip()} » n'est pas la réponse attendue. {_RELIRE}"

    def _solution_par_defaut(self):
        return f"La réponse attendue est « {self.reponses_acceptees[0]} »."


class CalculPandas(Question):
    """A value, Series or DataFrame computed by the learner in a variable (`nom_variable`)."""

    def __init__(self, *, reponse: Any | Callable[[], Any], tolerance: float = 1e-6,
                 verifier_index: bool = True, nom_variable: str = "resultat", **kwargs):
        super().__init__(**kwargs)
        if not str(nom_variable).isidentifier():
            raise ValueError(f"Question {self.id} : `nom_variable` doit être un nom de variable Python.")
        self._reponse, self.tolerance = reponse, tolerance
        self.verifier_index, self.nom_variable = verifier_index, nom_variable
        self.libelle_verifier = f"Vérifier ma variable {nom_variable}"
        self.consigne = f"calculez `{nom_variable}` puis cliquez sur « {self.libelle_verifier} »"

    @property
    def reponse(self) -> Any:
        """The expected value (computed now if it was given as a function)."""
        return self._reponse() if callable(self._reponse) else self._reponse

    def _est_vide(self, valeur):
        return valeur is None

    def _noter(self, valeur):
        ecart = comparer(valeur, self.reponse, self.tolerance, self.verifier_index)
        if ecart is None:
            return "juste", "Bravo, votre résultat est celui attendu."
        return "faux", ecart


class Reflexion(Question):
    """An open question, not graded: the answer is kept, to be discussed with peers."""

    consigne = "écrivez votre réponse puis cliquez sur « Enregistrer ma réponse »"
    libelle_verifier = "Enregistrer ma réponse"
    libelle_juste = "Réponse enregistrée"

    def __init__(self, *, points: float = 0, **kwargs):
        super().__init__(points=points, **kwargs)

    def _noter(self, valeur):
        return "juste", (
            "Merci, votre réponse est enregistrée. Il n'y a pas de réponse unique : "
            "comparez-la avec celles de vos voisins, c'est à discuter entre pairs."
        )

    def _solution_par_defaut(self):
        return "Il n'y a pas de réponse unique à cette question : c'est à discuter entre pairs."


# -- progress --------------------------------------------------------------------------------------

class Progression:
    """Which questions of a carnet are done; displays as text with ✔ / ✘ / ○, not colour alone."""

    def __init__(self, carnet: str, resultats: list[tuple[Question, Resultat]]):
        self.carnet = carnet
        self.resultats = resultats
        self.total = len(resultats)
        self.faites = sum(r.juste for _, r in resultats)
        self.statuts = {q.id: r.statut for q, r in resultats}

    @property
    def resume(self) -> str:
        if not self.total:
            return (
                f"Aucune question du carnet « {self.carnet} » n'est encore connue : "
                "exécutez d'abord les cellules qui affichent les questions."
            )
        s = "s" if self.faites > 1 else ""
        return f"{self.faites} question{s} faite{s} sur {self.total}"

    @staticmethod
    def _court(texte: str, n: int = 90) -> str:
        texte = " ".join(str(texte).split())
        if len(texte) <= n:
            return texte
        texte = texte[: n - 1]
        if texte.count("**") % 2:  # a bold part cut in the middle: no half mark left over
            texte = "".join(texte.rsplit("**", 1))
        return texte + "…"

    def __repr__(self) -> str:
        lignes = [self.resume] + [f"{r.libelle} — {texte_en_clair(self._court(q.enonce))}" for q, r in self.resultats]
        return "\n".join(lignes)

    def _repr_html_(self) -> str:
        items = "".join(
            f'<li><strong><span aria-hidden="true">{r.icone}</span> {r.mot}</strong> — '
            f"{texte_en_html(self._court(q.enonce))}</li>"
            for q, r in self.resultats
        )
        resume = f"<p><strong>{texte_en_html(self.resume)}</strong></p>"
        return f'<div class="dem-progression">{resume}<ul>{items}</ul></div>'


def progression(carnet: str, questions: Iterable[Question] | None = None) -> Progression:
    """Progress in `carnet` (its registered questions, or `questions`), from the answers file."""
    questions = list(_REGISTRE.get(carnet, {}).values()) if questions is None else list(questions)
    entrees: dict[str, dict] = {}
    resultats = []
    with stockage.sans_bruit():
        for q in questions:
            if q.carnet not in entrees:
                entrees[q.carnet] = stockage.lire_reponses(q.carnet)
            resultats.append((q, q._resultat_depuis(entrees[q.carnet])))
    return Progression(carnet, resultats)


def questions_du_carnet(carnet: str) -> list[Question]:
    """The questions of `carnet` created so far in this kernel, in creation order."""
    return list(_REGISTRE.get(carnet, {}).values())
