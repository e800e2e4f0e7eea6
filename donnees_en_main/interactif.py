"""Interactions that keep working in the published book, where no Python kernel runs.

A published page has no kernel, so a widget whose Python callback redraws a chart would stay frozen.
Here every view is computed in advance, stacked (``ipywidgets.Stack``), and each menu is linked to its
stack in the browser (``jslink``): choosing in a menu switches views with no kernel at all.

    vue = vues_par_choix(
        [("Cantine", [("Les Tilleuls", "tilleuls"), ...]), ("Semaine", [("semaine du 1/9", lundi), ...])],
        lambda cantine, semaine: widgets.HTML(tableau_html(cantine, semaine)),
    )

Keep the number of combinations small (each view is embedded in the page).
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

import ipywidgets as widgets

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

    boite = widgets.VBox([widgets.HBox(menus, layout=widgets.Layout(flex_flow="row wrap")), empiler(0, ())])
    boite.menus = menus  # handy for tests and trainers
    return boite

