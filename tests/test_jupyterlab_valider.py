"""nbgrader's « Validate » in JupyterLab, with the course's custom.css (outils/jupyter/custom/), in headless Chromium.

On a notebook whose test cell stops on an error, nbgrader's dialog says in English « The following cell failed: »: the
course's custom.css says it in French, and what to do. (The success message is checked on the class hub, by
tests/test_hub_navigateur.py.) JupyterLab is the one of tests/test_exercices_telephone.py.
"""

from __future__ import annotations

import pytest

from outils_navigateur import BUREAU, chromium_executable, options_chromium
from test_exercices_telephone import DELAI_MS, jupyterlab  # noqa: F401 (the JupyterLab fixture)

pytestmark = pytest.mark.skipif(chromium_executable() is None,
                                reason="Chromium absent : installez-le (Debian : sudo apt install chromium)")


def texte_affiche(locator) -> str:
    """What a person reads in an element whose text custom.css replaces (font-size 0, text in ::before)."""
    return locator.evaluate("""e => getComputedStyle(e).fontSize === '0px'
        ? getComputedStyle(e, '::before').content : e.innerText""")


def test_validate_explique_en_francais_une_cellule_en_erreur(jupyterlab):  # noqa: F811
    from playwright.sync_api import sync_playwright

    url, jeton = jupyterlab
    with sync_playwright() as p:
        chromium = p.chromium.launch(**options_chromium())
        try:
            page = chromium.new_page(viewport=BUREAU, locale="fr-FR")
            page.set_default_timeout(DELAI_MS)
            page.goto(f"{url}/lab/tree/erreur.ipynb?token={jeton}")
            page.locator(".jp-Toolbar-item").get_by_text("Validate").click()
            dialogue = page.locator(".jp-Dialog-content")
            dialogue.locator(".validation-failed").wait_for()
            phrase = texte_affiche(dialogue.locator(".validation-failed > div > p").first)
            assert "Cette cellule s'arrête sur une erreur" in phrase, phrase
            assert "The following cell failed" not in phrase
            assert "Vérification du carnet" in texte_affiche(dialogue.locator(".jp-Dialog-header"))
        finally:
            chromium.close()
