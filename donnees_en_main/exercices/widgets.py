"""The ipywidgets form of a question: statement, input, buttons, feedback.

Layout, top to bottom: the statement; the input (radio buttons, check boxes, a text field or a text
area; none for ``CalculPandas``, whose answer is a variable of the notebook); the buttons
« Vérifier » (« Vérifier ma variable resultat », « Enregistrer ma réponse »), « Un indice » (if the
question has hints) and « Voir la solution »; the feedback; the hints and solution shown so far.

Accessibility: only standard ipywidgets controls (focusable, usable with the keyboard). Every input
has a visible ``description`` (rendered as a ``<label>`` bound to it) and the statement as its
``tooltip``; every check box is labelled by its choice; buttons carry text, not only an icon;
feedback says its status with an icon and a word (« ✔ Juste », « ✘ Pas encore »,
« ○ Pas encore de réponse »), colour being only an extra.

Persistence (see ``stockage``): building the widget reads the saved answer to pre-fill the input and
show its feedback, and never writes; only the « Vérifier » button writes.
"""

from __future__ import annotations

from typing import Callable

import ipywidgets as w

from . import stockage
from .normalisation import formater_nombre, texte_en_clair, texte_en_html

from .types_de_questions import (
    CalculPandas,
    ChoixMultiple,
    ChoixUnique,
    Nombre,
    Question,
    Reflexion,
    Texte,
    enregistrer_vue,
)

_STYLE = {"description_width": "initial"}

# On a phone (390 px), ipywidgets' own layout cuts buttons (« Vérifi… », « Un indi… »: no wrapping, ellipsis)
# and gives each radio label one fixed-height line, so a long answer runs over the next choices, far from its
# button. Inside a question only: rows wrap, labels grow with their text, their button before it, buttons keep their
# whole text. Carried by each question's statement (a <style> element), so it holds in any JupyterLab.
_CSS = """
.dem-question { max-width: 100%; box-sizing: border-box; }
.dem-question .widget-inline-hbox, .dem-question .dem-boutons { flex-wrap: wrap; max-width: 100%; }
.dem-question .dem-boutons { gap: 4px; }
.dem-question .widget-inline-hbox > .widget-label { max-width: 100%; }
.dem-question .widget-radio, .dem-question .widget-text, .dem-question .widget-textarea { width: auto; max-width: 100%; }
.dem-question .widget-radio-box { flex: 1 1 16em; min-width: 0; }
.dem-question .widget-radio-box label { display: flex; align-items: flex-start; height: auto; line-height: 1.35;
  padding: 0.2em 0; white-space: normal; overflow-wrap: anywhere; }
.dem-question .widget-radio-box input { flex: 0 0 auto; float: none; height: auto; margin: 0.2em 0.6em 0 1px;
  order: -1; }
.dem-question .jupyter-button { flex: 0 1 auto; max-width: 100%; height: auto; min-height: var(--jp-widgets-inline-height);
  line-height: 1.3; padding-top: 0.3em; padding-bottom: 0.3em; white-space: normal; overflow: visible; }
"""


class WidgetQuestion(w.VBox):
    """The box returned by ``Question.widget()``; its parts are attributes (handy for tests).

    ``champ`` (the input, or None), ``cases`` (check boxes of a ChoixMultiple), ``bouton_verifier``,
    ``bouton_indice`` (or None), ``bouton_solution`` (or None), ``retour`` (feedback, HTML),
    ``aide`` (Output), ``resultat`` (the last Resultat shown, or None), ``lire_valeur()`` (the
    answer as currently entered).

    Where no widget can be shown (nbgrader's feedback pages, a notebook viewer), the output falls
    back to a static text/HTML version: the statement and the last feedback.
    """

    resultat = None

    def _texte_statique(self) -> str:
        retour = repr(self.resultat) if self.resultat is not None else "○ Pas encore de réponse vérifiée."
        return f"{texte_en_clair(self.question.enonce)}\n{retour}"

    def _html_statique(self) -> str:
        if self.resultat is not None:
            retour = self.resultat._repr_html_()
        else:
            retour = "<p><em>○ Pas encore de réponse vérifiée.</em></p>"
        enonce = f"<p><strong>{texte_en_html(self.question.enonce)}</strong></p>"
        return f'<div class="dem-question">{enonce}{retour}</div>'

    def __repr__(self) -> str:
        return self._texte_statique()

    def _repr_mimebundle_(self, **kwargs):
        donnees = super()._repr_mimebundle_(**kwargs)
        donnees["text/plain"] = self._texte_statique()
        donnees["text/html"] = self._html_statique()
        return donnees


def espace_de_noms() -> dict:
    """The notebook's variables (IPython user namespace), where CalculPandas looks for its variable."""
    try:
        from IPython import get_ipython

        ip = get_ipython()
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        ip = None
    if ip is not None:
        return ip.user_ns
    import __main__

    return vars(__main__)


def _html_probleme(message: str) -> str:
    return stockage.Avertissement(message)._repr_html_()


# -- one input per question type ------------------------------------------------------------------
# Each builder returns (input widget or None, check boxes, read(), write(value)) and registers the
# question type's widget (``construire_widget``) with ``types_de_questions.enregistrer_vue``.

_CHAMPS: dict[type, Callable] = {}


def champ_pour(type_question: type) -> Callable:
    """Decorator: `builder` makes the input of `type_question`; its questions get a widget."""

    def enregistrer(constructeur):
        _CHAMPS[type_question] = constructeur
        enregistrer_vue(type_question)(lambda q: construire_widget(q))  # defined below
        return constructeur

    return enregistrer


def _commun(q: Question) -> dict:
    return dict(description="Votre réponse :", tooltip=texte_en_clair(q.enonce), style=_STYLE)


def _ecrire_texte(champ):
    def ecrire(v):
        if isinstance(v, str):
            champ.value = v
        elif v is not None and not isinstance(v, bool) and isinstance(v, (int, float)):
            champ.value = formater_nombre(v)

    return ecrire


@champ_pour(ChoixUnique)
def _champ_choix_unique(q: ChoixUnique):
    champ = w.RadioButtons(options=q.choix, value=None, layout=w.Layout(width="auto"), **_commun(q))

    def ecrire(v):
        champ.value = q._retrouver(v)

    return champ, [], lambda: champ.value, ecrire


@champ_pour(ChoixMultiple)
def _champ_choix_multiple(q: ChoixMultiple):
    cases = [w.Checkbox(value=False, description=c, indent=False, layout=w.Layout(width="auto")) for c in q.choix]
    champ = w.VBox([w.HTML("<em>Cochez toutes les bonnes réponses :</em>"), *cases])

    def ecrire(v):
        coches = {q._retrouver(x) for x in (v if isinstance(v, (list, tuple)) else [v])}
        for c, case in zip(q.choix, cases):
            case.value = c in coches

    return champ, cases, lambda: [c for c, case in zip(q.choix, cases) if case.value], ecrire


@champ_pour(CalculPandas)
def _champ_calcul(q: CalculPandas):
    return None, [], lambda: espace_de_noms().get(q.nom_variable), lambda v: None


@champ_pour(Nombre)
def _champ_nombre(q: Nombre):
    commun = _commun(q)
    if q.unite:
        commun["description"] = f"Votre réponse (en {q.unite}) :"
    champ = w.Text(placeholder="par exemple 12,5", continuous_update=False, **commun)
    return champ, [], lambda: champ.value, _ecrire_texte(champ)


@champ_pour(Reflexion)
def _champ_reflexion(q: Reflexion):
    champ = w.Textarea(placeholder="Écrivez votre réponse", rows=4, layout=w.Layout(width="95%"), **_commun(q))
    return champ, [], lambda: champ.value, _ecrire_texte(champ)


@champ_pour(Texte)
def _champ_texte(q: Texte):
    champ = w.Text(placeholder="Écrivez votre réponse", continuous_update=False, **_commun(q))
    return champ, [], lambda: champ.value, _ecrire_texte(champ)


def _champ(q: Question):
    """The input of `q`, from the builder registered for its type (nearest in its MRO)."""
    for classe in type(q).__mro__:
        if classe in _CHAMPS:
            return _CHAMPS[classe](q)
    raise TypeError(f"pas de widget pour {type(q).__name__}")


def construire_widget(q: Question) -> WidgetQuestion:
    """The widget of `q`, pre-filled with its saved answer (reads the answers file, never writes it)."""
    enonce = w.HTML(f'<style>{_CSS}</style><div class="dem-enonce"><strong>{texte_en_html(q.enonce)}</strong></div>')
    champ, cases, lire, ecrire = _champ(q)
    retour, aide = w.HTML(value=""), w.Output()

    def bouton(texte: str, **kwargs) -> w.Button:
        return w.Button(description=texte, tooltip=texte, layout=w.Layout(width="auto"), **kwargs)

    bouton_verifier = bouton(q.libelle_verifier, button_style="primary")
    bouton_indice = bouton("Un indice") if q.indices else None
    bouton_solution = bouton("Voir la solution") if q.texte_solution or not isinstance(q, Reflexion) else None

    def action(fonction):
        """Run a click handler; show problems in the feedback area (a handler's traceback is invisible)."""

        def gestionnaire(_bouton):
            with stockage.collecter_avertissements() as messages:
                try:
                    fonction()
                except Exception as e:  # noqa: BLE001 - a learner must see a message, not nothing
                    retour.value = _html_probleme(
                        f"un problème inattendu est survenu ({type(e).__name__} : {e}). "
                        "Prévenez votre formateur ou formatrice."
                    )
            retour.value += "".join(_html_probleme(m) for m in messages)

        return gestionnaire

    def verifier():
        if isinstance(q, CalculPandas) and q.nom_variable not in espace_de_noms():
            retour.value = _html_probleme(
                f"je ne trouve pas de variable `{q.nom_variable}`. Exécutez d'abord la cellule où vous la "
                "calculez, puis cliquez à nouveau."
            )
            return
        montrer(q.verifier(lire()))

    def montrer(resultat):
        retour.value = resultat._repr_html_()
        boite.resultat = resultat

    solution_montree = []

    def montrer_solution():
        if not solution_montree:
            aide.append_display_data(q.solution())
            solution_montree.append(True)

    bouton_verifier.on_click(action(verifier))
    if bouton_indice:
        bouton_indice.on_click(action(lambda: aide.append_display_data(q.indice())))
    if bouton_solution:
        bouton_solution.on_click(action(montrer_solution))

    # restore the saved answer, if any (read only)
    with stockage.sans_bruit():
        entrees = stockage.lire_reponses(q.carnet)
        if q.id in entrees:
            try:
                ecrire(stockage.decoder(entrees[q.id]["reponse"]))
            except Exception:  # noqa: BLE001 - a hand-edited value that the input cannot show
                pass

    boutons = w.HBox([b for b in (bouton_verifier, bouton_indice, bouton_solution) if b is not None])
    boutons.add_class("dem-boutons")
    parties = [enonce] + ([champ] if champ is not None else []) + [boutons, retour, aide]
    boite = WidgetQuestion(parties)
    if q.id in entrees:
        with stockage.sans_bruit():
            montrer(q._resultat_depuis(entrees))
    boite.add_class("dem-question")
    boite.question, boite.champ, boite.cases = q, champ, cases
    boite.bouton_verifier, boite.bouton_indice, boite.bouton_solution = bouton_verifier, bouton_indice, bouton_solution
    boite.retour, boite.aide, boite.lire_valeur = retour, aide, lire
    return boite
