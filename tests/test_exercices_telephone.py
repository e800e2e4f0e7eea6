"""The exercise widgets on a learner's phone (390 px wide), in a real JupyterLab driven by headless Chromium.

A notebook with the kinds of question of the workshops (long choices, a number with hints and a solution, a
pandas variable whose « Vérifier ma variable … » button is long) is run in JupyterLab at 390 × 844 CSS
pixels. Each answer label sits beside its own radio button (no label over another one), no button is cut
(« Vérifi… », « Un indi… »), and no question is wider than the notebook.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import nbformat
import pytest

from donnees_en_main.atelier import options_jupyterlab
from outils_navigateur import TELEPHONE, chromium_executable, options_chromium
from outils_processus import Processus, port_libre

pytestmark = pytest.mark.skipif(chromium_executable() is None,
                                reason="Chromium absent : installez-le (Debian : sudo apt install chromium)")

RACINE = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DELAI_MS = 120_000

CODE = '''
from donnees_en_main.exercices import CalculPandas, ChoixUnique, Nombre
indicateur = ChoixUnique(
    id="essai.indicateur", carnet="essai",
    enonce="Quel indicateur résume le mieux la part de bio d'une cantine **typique** du territoire ?",
    choix=["La moyenne des parts de bio de toutes les cantines du territoire",
           "La médiane des parts de bio, la valeur qui coupe les cantines en deux groupes égaux",
           "Le maximum"],
    reponse="La médiane des parts de bio, la valeur qui coupe les cantines en deux groupes égaux",
    indices=["Pensez au cas du milieu."], solution="La médiane.")
part = Nombre(id="essai.part", carnet="essai", enonce="Quelle est la part de bio **médiane**, en % ?",
              reponse=9, tolerance=0.1, unite="%", indices=["Triez les parts."], solution="9 %.")
calcul = CalculPandas(id="essai.calcul", carnet="essai", enonce="Calculez la part de bio de chaque cantine.",
                      reponse=1.0, nom_variable="part_bio_des_cantines")
display(indicateur.widget(), part.widget(), calcul.widget())
'''

# Where each piece of every question widget lies on the page.
MESURES = """() => {
  const r = el => el.getBoundingClientRect();
  const questions = Array.from(document.querySelectorAll('.dem-question'));
  const notebook = document.querySelector('.jp-Notebook');
  return {
    largeur_carnet: r(notebook).right,
    questions: questions.map(q => ({droite: r(q).right, largeur: q.scrollWidth, visible: q.clientWidth})),
    boutons: Array.from(document.querySelectorAll('.dem-question button')).map(b => ({
      texte: b.textContent, coupe: b.scrollWidth > b.clientWidth + 1, droite: r(b).right})),
    choix: Array.from(document.querySelectorAll('.dem-question .widget-radio-box label')).map(l => {
      const rond = l.querySelector('input');
      const lignes = Array.from(l.childNodes).filter(n => n.nodeType === Node.TEXT_NODE).flatMap(n => {
        const texte = document.createRange();
        texte.selectNodeContents(n);
        return Array.from(texte.getClientRects());
      });
      return {texte: l.textContent, haut: r(l).top, bas: r(l).bottom, rond_haut: r(rond).top,
              rond_gauche: r(rond).left, rond_droite: r(rond).right, texte_gauche: Math.min(...lignes.map(x => x.left)),
              texte_haut: Math.min(...lignes.map(x => x.top)), texte_bas: Math.max(...lignes.map(x => x.bottom)),
              droite: Math.max(...lignes.map(x => x.right))};
    }),
  };
}"""


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    dossier = tmp_path_factory.mktemp("lab")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CODE)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, dossier / "essai.ipynb")
    # A notebook whose (nbgrader) test cell fails, for « Validate » (tests/test_jupyterlab_valider.py).
    test = nbformat.v4.new_code_cell("assert mediane == 10, 'La médiane attendue est 10.'")
    test.metadata["nbgrader"] = {"grade": True, "grade_id": "test_mediane", "points": 1, "solution": False,
                                 "locked": True, "schema_version": 3}
    erreur = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("mediane = 9"), test])
    erreur.metadata["kernelspec"] = nb.metadata["kernelspec"]
    nbformat.write(erreur, dossier / "erreur.ipynb")
    port, jeton = port_libre(), secrets.token_hex(16)
    env = dict(os.environ, PATH=os.pathsep.join([str(BIN), os.environ["PATH"]]),
               JUPYTER_CONFIG_DIR=str(dossier / ".config"), JUPYTER_DATA_DIR=str(dossier / ".data"),
               JUPYTER_RUNTIME_DIR=str(dossier / ".runtime"))
    processus = Processus(
        [str(BIN / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--IdentityProvider.token={jeton}", f"--ServerApp.root_dir={dossier}", "--expose-app-in-browser",
         *options_jupyterlab()]  # the course's settings and extension, as outils/atelier.sh and the class hub
        + (["--allow-root"] if os.geteuid() == 0 else []),
        cwd=dossier, env=env)
    try:
        processus.attendre(rf"http://127\.0\.0\.1:{port}/", timeout=180)
        yield f"http://127.0.0.1:{port}", jeton
    finally:
        processus.arreter()


@pytest.fixture(scope="module")
def mesures(jupyterlab):
    from playwright.sync_api import sync_playwright

    url, jeton = jupyterlab
    with sync_playwright() as p:
        chromium = p.chromium.launch(**options_chromium())
        try:
            page = chromium.new_page(viewport=TELEPHONE, locale="fr-FR", has_touch=True, is_mobile=True)
            page.set_default_timeout(DELAI_MS)
            page.goto(f"{url}/lab/tree/essai.ipynb?token={jeton}")
            page.locator(".jp-Notebook").wait_for()
            page.wait_for_function("() => window.jupyterapp && window.jupyterapp.serviceManager.kernels")
            page.wait_for_function("""() => {
                const w = window.jupyterapp.shell.currentWidget;
                return w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel
                    && w.sessionContext.session.kernel.status === 'idle'; }""")
            # On a phone the course's extension folds the file list (it covered half of the screen): nothing to tap.
            page.wait_for_function("() => window.jupyterapp.shell.leftCollapsed && window.jupyterapp.shell.rightCollapsed")
            # The whole notebook run with a tap on the notebook's own « Tout exécuter » button (a tap on the menu's
            # « Exécuter toutes les cellules » does nothing in JupyterLab 4.6), without a dialog to confirm.
            page.locator(".jp-NotebookPanel-toolbar").get_by_text("Tout exécuter", exact=True).tap(timeout=30_000)
            page.locator(".dem-question").nth(2).wait_for()
            page.locator(".dem-question .widget-radio-box label").nth(2).wait_for()
            page.wait_for_timeout(1000)
            yield page.evaluate(MESURES)
        finally:
            chromium.close()


def test_chaque_reponse_a_cote_de_son_bouton_radio(mesures):
    choix = mesures["choix"]
    assert len(choix) == 3, choix
    for c in choix:
        # The label's text lies within its own line box, next to its radio button, not over the next choice.
        assert c["texte_haut"] >= c["haut"] - 1 and c["texte_bas"] <= c["bas"] + 1, c
        assert c["droite"] <= mesures["largeur_carnet"] + 1, c
        # Its radio button just before its text, on its first line (not at the far end of the row).
        assert c["rond_droite"] <= c["texte_gauche"] + 1 and c["texte_gauche"] - c["rond_droite"] < 20, c
        assert c["haut"] - 1 <= c["rond_haut"] <= c["texte_haut"] + 10, c
    for a, b in zip(choix, choix[1:]):
        assert a["texte_bas"] <= b["texte_haut"] + 1, (a, b)


def test_aucun_bouton_coupe(mesures):
    boutons = mesures["boutons"]
    assert {"Vérifier", "Un indice", "Voir la solution", "Vérifier ma variable part_bio_des_cantines"} <= {
        b["texte"] for b in boutons}, boutons
    for b in boutons:
        assert not b["coupe"], b
        assert b["droite"] <= mesures["largeur_carnet"] + 1, b


def test_aucune_question_plus_large_que_le_carnet(mesures):
    for q in mesures["questions"]:
        assert q["largeur"] <= q["visible"] + 1 and q["droite"] <= mesures["largeur_carnet"] + 1, q
