"""donnees_en_main.affichage.interactif in the book's kernels (DONNEES_EN_MAIN_LIVRE=1): plain HTML, no widget state.

Run in a subprocess: the book mode switches every widget of the process to HTML, for good.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import json, re
    import comm
    import ipywidgets as widgets
    from donnees_en_main.affichage import interactif
    from donnees_en_main.affichage.interactif import vues_par_choix

    boutons = widgets.ToggleButtons(options=[("Oui", True), ("Non", False)], description="Réponse :")
    vue = vues_par_choix(
        [("Cantine :", [("Les Tilleuls", "t"), ("Le Fort", "f"), ("Les Sablons", "s")]), boutons],
        lambda cantine, oui: widgets.HTML(f"<p>vue {cantine} {oui}</p>"),
        index_initial=[1, 0],
    )
    curseur = widgets.SelectionSlider(options=[("aucune", 0), ("10 000 €", 1)], description="Montant :")
    imbriquee = vues_par_choix([curseur], lambda x: widgets.VBox([widgets.HTML(f"<b>{x}</b>"), vue]))
    sortie = {
        "html": vue._repr_mimebundle_()["text/html"],
        "imbriquee": imbriquee._repr_mimebundle_()["text/html"],
        "html_simple": widgets.HTML("<i>x</i>")._repr_mimebundle_(),
        "comm": type(boutons.comm).__name__,
    }
    try:
        interactif.en_html(widgets.Button(description="Cliquer"))
    except TypeError as erreur:
        sortie["erreur"] = str(erreur)
    print(json.dumps(sortie))
    """
)


def _livre() -> dict:
    r = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120,
                       env={**os.environ, "DONNEES_EN_MAIN_LIVRE": "1"})  # fmt: skip
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_en_mode_livre_les_vues_sont_du_html_avec_des_controles_natifs():
    s = _livre()
    page = s["html"]
    assert page.count("data-cle=") == 6  # 3 canteens × 2 answers, all in the page
    visibles = [c for c in ("0-0", "0-1", "1-0", "1-1", "2-0", "2-1") if f'data-cle="{c}">' in page]
    assert visibles == ["1-0"]  # only the initial choice is shown; the others carry `hidden`
    assert '<div data-cle="1-0"><p>vue f True</p></div>' in page
    assert '<label for="dem-vues-' in page and "<select" in page and ">Le Fort</option>" in page
    assert '<option value="1" selected>' in page
    assert "<legend>Réponse :</legend>" in page and 'type="radio"' in page and "checked" in page
    assert "application/vnd.jupyter.widget-view+json" not in s["html_simple"]
    assert s["html_simple"]["text/html"] == "<i>x</i>"
    assert s["comm"] == "DummyComm"  # widgets send nothing: no widget state in the page


def test_en_mode_livre_les_vues_s_imbriquent_et_le_curseur_dit_sa_valeur():
    s = _livre()
    page = s["imbriquee"]
    assert page.count("data-vues") == 3  # the slider's box, and one canteen box in each of its 2 views
    assert 'type="range"' in page and 'aria-valuetext="aucune"' in page and "<output" in page
    ids = re.findall(r'id="(dem-vues-[0-9a-f-]+)"', page)
    assert len(ids) == len(set(ids)), "identifiants en double dans la page"


def test_en_mode_livre_un_widget_non_publiable_est_refuse_en_francais():
    assert "ne peut pas être publié sans noyau : Button" in _livre()["erreur"]
