"""The shared chart helpers: French numbers, small PNGs for the dashboards, <img> with its text alternative."""

from __future__ import annotations

import base64
import html
import io
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from PIL import Image

from donnees_en_main.affichage.graphiques import BLEU, GRIS, figure_en_png, image_html, nombre_fr, pourcent_fr


def _figure():
    fig, ax = plt.subplots(figsize=(7.5, 3))
    barres = ax.barh(["Bureau 0001", "Toute la commune"], [27.1, 25.0], color=[BLEU, "#d9d9d9"],
                     edgecolor=GRIS, hatch=["", "///"])
    ax.bar_label(barres, labels=[pourcent_fr(v) for v in (27.1, 25.0)])
    ax.set_title("Participation par bureau de vote", loc="left")
    fig.tight_layout()
    return fig


def test_nombres_a_la_francaise():
    assert nombre_fr(1184.0, 0) == "1\u202f184"
    assert nombre_fr(12500.25, 1) == "12\u202f500,2"
    assert pourcent_fr(77.38) == "77,4\u00a0%"


@pytest.mark.parametrize("dpi", [80, 96])
def test_png_reduit_plus_leger_et_lisible(dpi):
    tampon = io.BytesIO()
    complet = _figure()
    complet.savefig(tampon, format="png", dpi=dpi)
    plt.close(complet)
    fig = _figure()
    largeur, hauteur = fig.get_size_inches() * dpi
    png = figure_en_png(fig, dpi=dpi)
    assert not plt.fignum_exists(fig.number), "the figure must be closed (memory, when drawing many views)"
    assert len(png) < 0.6 * len(tampon.getvalue()), (len(png), len(tampon.getvalue()))
    image = Image.open(io.BytesIO(png))
    image.load()  # decodes
    assert image.format == "PNG" and image.mode == "P"
    assert image.size == (round(largeur), round(hauteur))
    couleurs = image.convert("RGB").getcolors(maxcolors=1000)
    assert couleurs is not None and 2 < len(couleurs) <= 32
    # the chart's own colours survive the palette (close to the course's blue, and white background)
    rgb = {c for _n, c in couleurs}
    bleu = tuple(int(BLEU[i:i + 2], 16) for i in (1, 3, 5))
    assert any(sum(abs(a - b) for a, b in zip(c, bleu)) < 30 for c in rgb)
    assert any(min(c) > 245 for c in rgb)


def test_balise_image_avec_texte_alternatif():
    png = figure_en_png(_figure(), dpi=80)
    alt = 'Graphique en barres. Bureau « 0001 » : 27,1 % & "plus" <que> la commune'
    balise = image_html(png, alt)
    trouve = re.fullmatch(r'<img alt="([^"]*)" src="data:image/png;base64,([^"]+)" style="([^"]*)">', balise)
    assert trouve, balise[:200]
    assert html.unescape(trouve.group(1)) == alt
    assert base64.b64decode(trouve.group(2)) == png
    style = trouve.group(3)
    assert "max-width:100%" in style and "height:auto" in style
    assert not re.search(r"(?<!max-)width\s*:\s*\d+px", style), "no fixed width: the chart must fit a phone"
