"""Interactions that keep working in the published book, where no Python kernel runs.

A published page has no kernel, so a widget whose Python callback redraws a chart would stay frozen.
Here every view is computed in advance, stacked (``ipywidgets.Stack``), and each menu is linked to its
stack in the browser (``jslink``): choosing in a menu switches views with no kernel at all.

    vue = vues_par_choix(
        [("Cantine", [("Les Tilleuls", "tilleuls"), ...]), ("Semaine", [("semaine du 1/9", lundi), ...])],
        lambda cantine, semaine: widgets.HTML(tableau_html(cantine, semaine)),
    )

Keep the number of combinations small (each view is embedded in the page).

In the published book (``DONNEES_EN_MAIN_LIVRE=1``, set by ``sphinx_fr`` for the kernels that run the
pages), the same calls give plain HTML instead: native controls (``<select>``, radio buttons, a
range slider) and every view in the page, switched by ``vues.js`` (about 2 kB, served by the book).
No widget state, no widget manager (about 1 MB of JavaScript) on the reader's phone. Widgets are
still built (so callers and tests see the same objects), but their messages go nowhere.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import secrets
from typing import Any, Callable, Sequence

import ipywidgets as widgets

from donnees_en_main import reglages

_identifiants = itertools.count(1)
_PREFIXE = secrets.token_hex(3)  # one per kernel: ids stay unique when pages are joined (single-page book)

Options = Sequence[tuple[str, Any]]


def menu(description: str, options: Options, index: int = 0, largeur: str = "auto") -> widgets.Dropdown:
    """A labelled drop-down menu (the label is read by screen readers)."""
    return widgets.Dropdown(
        options=list(options),
        index=index,
        description=description,
        style={"description_width": "initial"},
        layout=widgets.Layout(width=largeur, max_width="100%"),
    )


Dimension = "tuple[str, Options] | widgets.widget_selection._Selection"


def _valeurs(selecteur) -> list:
    """The values behind a selection widget's options (labels alone stand for themselves)."""
    return [o[1] if isinstance(o, tuple) else o for o in selecteur._options_full]


def vues_par_choix(
    dimensions: Sequence[Dimension],
    construire: Callable[..., widgets.Widget],
    *,
    index_initial: Sequence[int] | None = None,
) -> widgets.VBox:
    """Menus (one per dimension) and the view `construire(*values)` of the chosen combination.

    A dimension is `(description, [(label, value), …])` (a drop-down menu is made for it) or a ready
    selection widget (Dropdown, ToggleButtons, RadioButtons…). Every combination is built now; the
    menus switch views in the browser (no kernel needed).
    """
    if not dimensions:
        raise ValueError("vues_par_choix : il faut au moins une dimension (un menu).")
    index_initial = list(index_initial or [0] * len(dimensions))
    menus = [
        d if isinstance(d, widgets.widget_selection._Selection) else menu(d[0], d[1], index=i)
        for d, i in zip(dimensions, index_initial)
    ]
    for selecteur, i in zip(menus, index_initial):
        selecteur.index = i

    def empiler(niveau: int, valeurs: tuple) -> widgets.Widget:
        if niveau == len(dimensions):
            return construire(*valeurs)
        pile = widgets.Stack(
            [empiler(niveau + 1, valeurs + (valeur,)) for valeur in _valeurs(menus[niveau])],
            selected_index=index_initial[niveau],
        )
        widgets.jslink((menus[niveau], "index"), (pile, "selected_index"))
        return pile

    classe = VuesStatiques if en_livre() else widgets.VBox
    boite = classe([widgets.HBox(menus, layout=widgets.Layout(flex_flow="row wrap")), empiler(0, ())])
    boite.menus = menus  # handy for tests and trainers
    return boite


# --- The published book: plain HTML -----------------------------------------------------------------

def en_livre() -> bool:
    """True in the kernels that run the book's pages (static HTML instead of live widgets)."""
    return reglages.en_livre()


class VuesStatiques(widgets.VBox):
    """``vues_par_choix`` in the book: the same widgets, displayed as HTML (see ``en_html``)."""

    def _repr_mimebundle_(self, **kwargs):
        return {"text/plain": "Vues au choix", "text/html": en_html(self)}


def _controle_html(selecteur, ident: str) -> str:
    """A native, labelled control for a selection widget; its value is the index of the option."""
    libelles = [o[0] if isinstance(o, tuple) else str(o) for o in selecteur._options_full]
    description = html.escape(selecteur.description or "")
    index = selecteur.index
    if isinstance(selecteur, (widgets.ToggleButtons, widgets.RadioButtons)):
        boutons = "".join(
            f'<label><input type="radio" name="{ident}" value="{i}"{" checked" if i == index else ""}>'
            f"<span>{html.escape(libelle)}</span></label>"
            for i, libelle in enumerate(libelles)
        )
        # no visible label (the question is written above the buttons): its text for screen readers
        cachee = html.escape(getattr(selecteur, "legende", "") or "Choix")
        legende = f"<legend>{description}</legend>" if description else f'<legend class="dem-cache">{cachee}</legend>'
        return f'<fieldset class="dem-vues-boutons" data-dimension>{legende}{boutons}</fieldset>'
    if isinstance(selecteur, widgets.SelectionSlider):
        courant = html.escape(libelles[index or 0])
        return (
            f'<div class="dem-vues-curseur"><label for="{ident}">{description}</label>'
            f'<input type="range" id="{ident}" min="0" max="{len(libelles) - 1}" step="1" value="{index or 0}" '
            f"aria-valuetext=\"{courant}\" data-dimension data-libelles='{html.escape(json.dumps(libelles))}'>"
            f'<output for="{ident}">{courant}</output></div>'
        )
    if isinstance(selecteur, (widgets.Dropdown, widgets.Select)):
        options = "".join(
            f'<option value="{i}"{" selected" if i == index else ""}>{html.escape(libelle)}</option>'
            for i, libelle in enumerate(libelles)
        )
        return (
            f'<div class="dem-vues-menu"><label for="{ident}">{description}</label> '
            f'<select id="{ident}" data-dimension>{options}</select></div>'
        )
    raise TypeError(f"vues_par_choix (livre) : contrôle non pris en charge : {type(selecteur).__name__}")


def en_html(objet) -> str:
    """HTML of a widget tree made of HTML, boxes and ``vues_par_choix`` (the book's static pages)."""
    if isinstance(objet, str):
        return objet
    if isinstance(objet, VuesStatiques):
        menus, pile = objet.children
        ident = f"dem-vues-{_PREFIXE}-{next(_identifiants)}"
        controles = "".join(_controle_html(m, f"{ident}-{i}") for i, m in enumerate(objet.menus))

        def panneaux(noeud, cle: tuple) -> list[str]:
            if len(cle) == len(objet.menus):
                choisi = all(v == m.index for v, m in zip(cle, objet.menus))
                attribut = "" if choisi else " hidden"
                return [f'<div data-cle="{"-".join(map(str, cle))}"{attribut}>{en_html(noeud)}</div>']
            return [p for i, enfant in enumerate(noeud.children) for p in panneaux(enfant, cle + (i,))]

        return (
            f'<div class="dem-vues" data-vues><div class="dem-vues-controles">{controles}</div>'
            f'<div class="dem-vues-panneaux" aria-live="polite">{"".join(panneaux(pile, ()))}</div></div>'
        )
    if isinstance(objet, (widgets.HTML, widgets.HTMLMath)):
        return objet.value
    if isinstance(objet, widgets.Label):
        return f"<p>{html.escape(objet.value)}</p>"
    if isinstance(objet, widgets.Box):
        return f'<div class="dem-boite">{"".join(en_html(e) for e in objet.children)}</div>'
    raise TypeError(f"Ce widget ne peut pas être publié sans noyau : {type(objet).__name__}")


def activer_mode_livre() -> None:
    """In a book kernel: widgets talk to no one, and display as their HTML (``en_html``)."""
    import comm

    comm.create_comm = comm._create_comm  # a DummyComm: no message, so no widget state in the page
    widgets.Widget._repr_mimebundle_ = lambda self, **kwargs: {"text/plain": repr(self), "text/html": en_html(self)}


if en_livre():
    activer_mode_livre()

