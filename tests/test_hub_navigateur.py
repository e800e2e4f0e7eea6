"""The class hub in a real browser (headless Chromium driven by Playwright), as a trainer and a learner use it.

The hub starts as deploiement/jupyterhub/README.md says (the fixture of tests/test_jupyterhub.py, which also
checks every grade over HTTP). Here: the French login form, typed into and clicked; the trainer's JupyterLab
opens the formgrader from the Nbgrader menu, and the formgrader really shows inside JupyterLab's frame (a
refused frame is an empty error page); the learner, logging in as « Léa Martin », gets the account lea.martin
and a French JupyterLab without the news pop-up.
"""

from __future__ import annotations

import re

import pytest

from outils_navigateur import chromium_executable, options_chromium
from test_jupyterhub import FORMATEUR, hub  # noqa: F401 (the hub fixture, started as the README says)

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


def se_connecter(navigateur, url: str, nom: str, mot_de_passe: str):
    """Open the login page, check it is French, type the name and password, click « Se connecter »;
    return the page once JupyterLab is loaded."""
    contexte = navigateur.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
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
        jeton = next(c["value"] for c in page.context.cookies() if c["name"] == "_xsrf")
        carnet = {"cells": [{"cell_type": "code", "source": "1 + 1", "metadata": {}, "outputs": [],
                             "execution_count": None}],
                  "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
                  "nbformat": 4, "nbformat_minor": 5}
        r = page.request.put(f"{hub['url']}/user/lea.martin/api/contents/essai.ipynb",
                             data={"type": "notebook", "format": "json", "content": carnet},
                             headers={"X-XSRFToken": jeton})
        assert r.ok, r.text()
        page.goto(f"{hub['url']}/user/lea.martin/lab/tree/essai.ipynb")
        page.locator(".jp-Toolbar-item").get_by_text("Validate").click(timeout=60_000)
        dialogue = page.locator(".jp-Dialog-content")
        dialogue.locator(".validation-success").wait_for(timeout=DELAI_MS)
        message = dialogue.locator(".validation-success p").evaluate(
            "p => getComputedStyle(p, '::before').content")
        assert "ne dit pas si vos réponses sont justes" in message, message
        assert dialogue.locator(".validation-success p").evaluate("p => getComputedStyle(p).fontSize") == "0px"
    finally:
        page.context.close()
