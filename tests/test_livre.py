"""The book builds as élus will read it: every page executes, Sphinx warnings are errors."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

RACINE = Path(__file__).resolve().parent.parent
JB = Path(sys.executable).parent / "jupyter-book"


def pages_du_sommaire() -> list[str]:
    toc = yaml.safe_load((RACINE / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]

    def parcourir(entrees):
        for e in entrees or []:
            if "file" in e:
                pages.append(e["file"])
            parcourir(e.get("sections"))

    for partie in toc.get("parts", []):
        parcourir(partie.get("chapters"))
    parcourir(toc.get("chapters"))
    return pages


@pytest.fixture(scope="module")
def livre(tmp_path_factory) -> Path:
    sortie = tmp_path_factory.mktemp("livre")
    r = subprocess.run(
        [str(JB), "build", str(RACINE), "--path-output", str(sortie), "--builder", "html", "-W", "-n", "--keep-going"],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert r.returncode == 0, f"Le livre ne se construit pas sans avertissement :\n{r.stdout[-8000:]}\n{r.stderr[-4000:]}"
    return sortie / "_build" / "html"


def test_chaque_page_du_sommaire_est_construite_en_francais(livre):
    for page in pages_du_sommaire():
        html = (livre / f"{page}.html").read_text(encoding="utf-8")
        assert '<html lang="fr"' in html, page
        assert "Traceback" not in html, f"une erreur Python s'affiche dans {page}"


def test_le_code_est_cache_dans_les_chapitres(livre):
    # Élus read the chapters with no code visible: every code cell input is removed.
    for page in pages_du_sommaire():
        html = (livre / f"{page}.html").read_text(encoding="utf-8")
        assert 'class="cell_input' not in html, f"du code est visible dans {page}"


def test_chapitre_cantine(livre):
    html = (livre / "book" / "cantine.html").read_text(encoding="utf-8")
    assert re.search(r"<h1>.*Publier les menus de la cantine", html), "titre du chapitre absent"
    images = re.findall(r'<img[^>]+src="data:image/png;base64|<img[^>]+src="[^"]+\.png"', html)
    assert len(images) >= 2, "le chapitre doit montrer ses graphiques"
    for alt in re.findall(r'<img[^>]*?alt="([^"]*)"', html):
        assert alt.strip(), "chaque graphique doit avoir un texte alternatif"
    assert "Questions pour échanger entre pairs" in html
    assert "9,9" in html and "14,3" in html, "les chiffres réels de « ma cantine » doivent être cités"
