"""The class hub in a real browser (headless Chromium driven by Playwright), as a trainer and a learner use it.

The hub starts as deploiement/jupyterhub/README.md says (the fixture of tests/test_jupyterhub.py, which also
checks every grade over HTTP). Here: the French login form, typed into and clicked; the trainer's JupyterLab
opens the formgrader from the Nbgrader menu, and the formgrader really shows inside JupyterLab's frame (a
refused frame is an empty error page); the learner, logging in as « Léa Martin », gets the account lea.martin
and a French JupyterLab without the news pop-up, whose « Validate » says in French what it checks.

The course's JupyterLab extension (outils/jupyter/labextensions/, loaded by donnees_en_main.atelier.options_jupyterlab,
as in outils/atelier.sh): on a phone (390 px) the side panels are folded, every menu is on screen and opens, the
workshop questions keep their labels next to their radio buttons and their buttons whole; once the class
(tests/test_jupyterhub.py's ``classe``) has been graded, « (voir la correction) » in the Assignment List opens the
French feedback page, and the fetched assignment's tab is not named like the workshop notebook.
"""

from __future__ import annotations

import re

import pytest

from outils_navigateur import TELEPHONE, chromium_executable, options_chromium
from test_exercices_telephone import MESURES as MESURES_QUESTIONS
from test_jupyterhub import FORMATEUR, classe, hub  # noqa: F401 (the hub, started as the README says; the class)

pytestmark = pytest.mark.skipif(chromium_executable() is None,
                                reason="Chromium absent : installez-le (Debian : sudo apt install chromium)")

DELAI_MS = 120_000


@pytest.fixture(scope="module")
def navigateur():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(**options_chromium())
        try:
            yield chromium
        finally:
            chromium.close()


def se_connecter(navigateur, url: str, nom: str, mot_de_passe: str, telephone: bool = False):
    """Open the login page, check it is French, type the name and password, click « Se connecter »;
    return the page once JupyterLab is loaded (on a phone's screen, touched with a finger, if ``telephone``)."""
    ecran = {"viewport": TELEPHONE, "has_touch": True, "is_mobile": True} if telephone else {
        "viewport": {"width": 1280, "height": 900}}
    contexte = navigateur.new_context(locale="fr-FR", **ecran)
    page = contexte.new_page()
    page.set_default_timeout(DELAI_MS)
    page.goto(f"{url}/hub/login")
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.locator("label[for=username_input]").inner_text() == "Votre nom :"
    assert "Camille Dupont" in page.locator("#regle_nom").inner_text()
    page.fill("#username_input", nom)
    page.fill("#password_input", mot_de_passe)
    page.click("#login_submit")
    page.wait_for_url(re.compile(r"/user/[^/]+/lab"), timeout=DELAI_MS)
    page.locator(".lm-MenuBar-itemLabel").first.wait_for()
    return page


def libelles_du_menu(page) -> list[str]:
    return [t.strip() for t in page.locator(".lm-MenuBar-itemLabel").all_inner_texts()]


def test_mauvais_mot_de_passe_dans_le_navigateur(navigateur, hub):  # noqa: F811
    page = navigateur.new_page(locale="fr-FR")
    try:
        page.goto(f"{hub['url']}/hub/login")
        page.fill("#username_input", "Camille Dupont")
        page.fill("#password_input", "pas-le-bon-mot-de-passe")
        page.click("#login_submit")
        erreur = page.locator(".login_error")
        erreur.wait_for(timeout=30_000)
        assert "Mot de passe incorrect pour « camille.dupont »" in erreur.inner_text()
    finally:
        page.close()


def test_le_formateur_ouvre_le_formgrader_dans_jupyterlab(navigateur, hub):  # noqa: F811
    page = se_connecter(navigateur, hub["url"], "Formateur", hub["mots_de_passe"]["formateur"])
    try:
        assert f"/user/{FORMATEUR}/lab" in page.url
        page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        page.locator(".lm-Menu-itemLabel").get_by_text("Formgrader", exact=True).click()
        cadre = page.frame_locator("iframe[src*='formgrader']")
        # The formgrader's own page, inside JupyterLab's frame: not Chromium's « refused to connect ».
        cadre.locator("text=Manage Assignments").first.wait_for(timeout=DELAI_MS)
        # Its list of assignments, loaded by the formgrader's own requests (the gradebook works).
        cadre.get_by_text("cantine", exact=True).first.wait_for(timeout=DELAI_MS)
    finally:
        page.context.close()


def test_l_apprenant_a_un_jupyterlab_en_francais(navigateur, hub):  # noqa: F811
    page = se_connecter(navigateur, hub["url"], "Léa Martin", hub["mots_de_passe"]["apprenant"])
    try:
        assert "/user/lea.martin/lab" in page.url, page.url
        menus = libelles_du_menu(page)
        assert "Fichier" in menus and "Édition" in menus, menus
        assert "File" not in menus
        # The news pop-up (« Would you like to get notified about official Jupyter news? ») never shows.
        page.wait_for_timeout(3000)
        assert page.locator("text=Jupyter news").count() == 0
        assert page.locator("text=actualités").count() == 0
        # « Validate » says in French what it checks: that the notebook runs, not that the answers are right.
        # What a learner reads (innerText: shown, selectable, read aloud), not nbgrader's English.
        assert valider(page, hub["url"], "essai", [cellule("code", "1 + 1")]) == (
            "Vérification du carnet avant de le rendre",
            "Votre carnet s'exécute sans erreur et peut être rendu. Cette vérification ne dit pas si vos réponses "
            "sont justes : la note viendra avec la correction.")
        # A cell given by the trainer (locked) changed: the grading puts it back, and says so.
        titre, texte = valider(page, hub["url"], "verrou", [cellule("code", "x = 2", verrouillee=True)])
        assert "a été modifiée" in texte and "vos changements dans cette cellule ne compteront pas" in texte, texte
        assert "should not have" not in texte
        # A code cell of the assignment turned into text.
        titre, texte = valider(page, hub["url"], "type", [cellule("markdown", "reponse = 1", type_attendu="code")])
        assert "a changé de type" in texte and "« Code »" in texte, texte
        assert "should not have" not in texte and titre == "Vérification du carnet avant de le rendre"
    finally:
        page.context.close()


def cellule(type_: str, source: str, verrouillee: bool = False, type_attendu: str | None = None) -> dict:
    """A notebook cell as JSON; ``verrouillee``: locked by nbgrader with a checksum that no longer matches its
    source (the learner changed it); ``type_attendu``: the type nbgrader's release gave it."""
    c = {"cell_type": type_, "source": source, "metadata": {}}
    if type_ == "code":
        c.update(outputs=[], execution_count=None)
    if verrouillee:
        c["metadata"]["nbgrader"] = {"grade": False, "solution": False, "locked": True, "grade_id": "donnee",
                                     "checksum": "0" * 32, "schema_version": 3}
    if type_attendu:
        c["metadata"]["nbgrader"] = {"grade": False, "solution": True, "locked": False, "grade_id": "reponse",
                                     "cell_type": type_attendu, "schema_version": 3}
    return c


def valider(page, url: str, nom: str, cellules: list[dict]) -> tuple[str, str]:
    """Save a notebook in lea.martin's folder, open it, click « Validate »; return the dialog's title and text."""
    jeton = next(c["value"] for c in page.context.cookies() if c["name"] == "_xsrf")
    carnet = {"cells": cellules, "nbformat": 4, "nbformat_minor": 5,
              "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}}
    r = page.request.put(f"{url}/user/lea.martin/api/contents/{nom}.ipynb",
                         data={"type": "notebook", "format": "json", "content": carnet}, headers={"X-XSRFToken": jeton})
    assert r.ok, r.text()
    page.goto(f"{url}/user/lea.martin/lab/tree/{nom}.ipynb")
    # JupyterLab reopens the notebooks of the previous visit too: the button of this one, in front.
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel",
                 has_text=f"{nom}.ipynb").wait_for(timeout=60_000)
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Toolbar-item").get_by_text("Validate").click(timeout=60_000)
    dialogue = page.locator(".jp-Dialog-content")
    dialogue.locator("#validation-message").wait_for(timeout=DELAI_MS)
    dialogue.locator("#validation-message[data-dem-traduit]").wait_for(timeout=10_000)
    titre = dialogue.locator(".jp-Dialog-header").inner_text().strip()
    texte = " ".join(p.strip() for p in dialogue.locator("#validation-message > div > p").all_inner_texts())
    page.keyboard.press("Escape")
    return titre, texte


def test_sur_un_telephone_jupyterlab_tient_dans_l_ecran(navigateur, hub):  # noqa: F811
    page = se_connecter(navigateur, hub["url"], "Noé Petit", hub["mots_de_passe"]["apprenant"], telephone=True)
    try:
        page.goto(f"{hub['url']}/user/noe.petit/lab/tree/carnets/cantine.ipynb")
        page.locator(".jp-NotebookPanel-toolbar").get_by_text("Tout exécuter", exact=True).wait_for()
        # JupyterLab restores its layout (and reopens the file list), then the extension folds it and marks the page.
        page.locator("body[data-dem-pret]").wait_for(state="attached", timeout=DELAI_MS)
        page.wait_for_timeout(500)
        ecran = page.evaluate("""() => {
          const r = s => { const e = document.querySelector(s); if (!e) return null;
                           const b = e.getBoundingClientRect(); return {gauche: b.left, droite: b.right, haut: b.top,
                           bas: b.bottom, largeur: b.width, hauteur: b.height}; };
          return {fichiers: r('#filebrowser'), carnet: r('.jp-NotebookPanel:not(.lm-mod-hidden)'),
                  barre: r('#jp-top-panel'),
                  menus: Array.from(document.querySelectorAll('#jp-MainMenu .lm-MenuBar-item')).map(e => ({
                    texte: e.textContent, ...(b => ({gauche: b.left, droite: b.right, haut: b.top, bas: b.bottom}))(
                    e.getBoundingClientRect())}))};
        }""")
        # The file list folded (it took half the screen): the notebook has the screen's width, less the two side bars.
        assert ecran["fichiers"] is None or ecran["fichiers"]["largeur"] == 0, ecran
        assert ecran["carnet"]["largeur"] >= TELEPHONE["width"] - 80, ecran
        # Every menu on screen, within the menu bar (none cut off at the right edge).
        libelles = [m["texte"] for m in ecran["menus"]]
        assert {"Fichier", "Exécution", "Nbgrader", "Aide"} <= set(libelles), libelles
        for m in ecran["menus"]:
            assert 0 <= m["gauche"] and m["droite"] <= TELEPHONE["width"], m
            assert ecran["barre"]["haut"] <= m["haut"] and m["bas"] <= ecran["barre"]["bas"] + 1, (m, ecran["barre"])
        assert ecran["barre"]["bas"] <= ecran["carnet"]["haut"] + 1, ecran
        # The last menu opens with a finger.
        aide = page.locator("#jp-MainMenu .lm-MenuBar-item", has_text="Aide")
        menu = page.locator(".lm-Menu .lm-Menu-itemLabel").first
        aide.tap()
        try:
            menu.wait_for(timeout=5_000)
        except Exception:  # a busy machine can swallow one tap while the page settles: a reader taps again
            aide.tap()
            menu.wait_for(timeout=10_000)
        page.keyboard.press("Escape")
        # The workshop's questions, run with the notebook's « Tout exécuter »: labels by their buttons, no button cut.
        page.locator(".jp-NotebookPanel-toolbar").get_by_text("Tout exécuter", exact=True).tap()
        page.locator(".dem-question .widget-radio-box label").first.wait_for(timeout=DELAI_MS)
        page.locator(".dem-question button", has_text="Un indice").first.wait_for(timeout=DELAI_MS)
        page.wait_for_timeout(1000)
        mesures = page.evaluate(MESURES_QUESTIONS)
        boutons = {b["texte"] for b in mesures["boutons"]}
        assert {"Vérifier", "Un indice"} <= boutons, boutons
        for b in mesures["boutons"]:
            assert not b["coupe"] and b["droite"] <= TELEPHONE["width"], b
        assert mesures["choix"], mesures
        for c in mesures["choix"]:
            assert c["rond_droite"] <= c["texte_gauche"] + 1 and c["texte_gauche"] - c["rond_droite"] < 20, c
            assert c["texte_haut"] >= c["haut"] - 1 and c["texte_bas"] <= c["bas"] + 1, c
    finally:
        page.context.close()


def test_l_apprenant_ouvre_sa_correction_et_distingue_ses_onglets(navigateur, hub, classe):  # noqa: F811
    page = se_connecter(navigateur, hub["url"], "complet", hub["mots_de_passe"]["apprenant"])
    try:
        # « (voir la correction) » in the Assignment List: the French feedback page itself, in a JupyterLab tab.
        page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        page.locator(".lm-Menu-itemLabel").get_by_text("Assignment List", exact=True).click()
        lien = page.get_by_text("(voir la correction)")
        lien.wait_for(timeout=DELAI_MS)
        lien.click()
        onglet = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tabLabel", has_text="cantine.html")
        onglet.wait_for(timeout=DELAI_MS)
        retour = page.frame_locator(".jp-HTMLViewer:not(.lm-mod-hidden) iframe")
        retour.get_by_text("cantine (Note : 5 / 5)").first.wait_for(timeout=DELAI_MS)
        assert page.locator("text=(view feedback)").count() == 0
        # The fetched assignment and the workshop notebook, both cantine.ipynb, open side by side: tabs named apart.
        # Opened from the file list, as a learner does: the home folder, then each folder, then its cantine.ipynb.
        for dossier in ("cantine", "carnets"):
            page.locator(".jp-FileBrowser .jp-BreadCrumbs-home").click()
            for nom in (dossier, "cantine.ipynb"):
                element = page.locator(".jp-FileBrowser .jp-DirListing-item").filter(
                    has=page.locator(".jp-DirListing-itemText", has_text=re.compile(rf"^{re.escape(nom)}$")))
                element.dblclick(timeout=DELAI_MS)
            page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-NotebookPanel-toolbar").wait_for(timeout=DELAI_MS)
        page.wait_for_function("""() => Array.from(document.querySelectorAll('.lm-DockPanel-tabBar .lm-TabBar-tabLabel'))
            .filter(e => e.textContent.startsWith('cantine.ipynb')).length >= 2""", timeout=DELAI_MS)
        page.wait_for_timeout(1000)
        # What the tab shows: its label, and what the course's stylesheet writes after it.
        onglets = page.evaluate("""() => Array.from(document.querySelectorAll('.lm-DockPanel-tabBar .lm-TabBar-tabLabel'))
            .map(e => { const apres = getComputedStyle(e, '::after').content;
                        return e.textContent + (apres && apres !== 'none' ? JSON.parse(apres) : ''); })
            .filter(t => t.startsWith('cantine.ipynb'))""")
        assert sorted(onglets) == ["cantine.ipynb", "cantine.ipynb (devoir)"], onglets
        # The files keep their names (JupyterLab renames a file whose tab label is changed).
        jeton = next(c["value"] for c in page.context.cookies() if c["name"] == "_xsrf")
        for dossier in ("cantine", "carnets"):
            r = page.request.get(f"{hub['url']}/user/complet/api/contents/{dossier}/cantine.ipynb?content=0",
                                 headers={"X-XSRFToken": jeton})
            assert r.ok, (dossier, r.status)
    finally:
        page.context.close()
