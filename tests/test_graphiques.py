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

from donnees_en_main.affichage.graphiques import (
    BLEU,
    GRIS,
    LARGEUR_TABLEAU_DE_BORD_PX,
    TEXTE_MIN,
    TEXTE_MIN_TABLEAU_DE_BORD_PX,
    VARIANTE,
    ajuster_a_la_largeur,
    appliquer_style,
    figure_en_png,
    figure_pour_ecran,
    format_axe_fr,
    image_html,
    nombre_fr,
    pourcent_fr,
)


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
    png = figure_en_png(fig, dpi=dpi)
    assert not plt.fignum_exists(fig.number), "the figure must be closed (memory, when drawing many views)"
    assert len(png) < 0.6 * len(tampon.getvalue()), (len(png), len(tampon.getvalue()))
    image = Image.open(io.BytesIO(png))
    image.load()  # decodes
    assert image.format == "PNG" and image.mode == "P"
    # drawn for a phone's column as well as a computer's: 460 px wide, its text 16 px or more
    assert image.size[0] == LARGEUR_TABLEAU_DE_BORD_PX
    assert image.text[VARIANTE] == "tableau-de-bord"
    assert float(image.text[TEXTE_MIN]) >= TEXTE_MIN_TABLEAU_DE_BORD_PX
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


def _subventions():
    """Like the subsidies chart of « Moyenne et médiane »: euros up to 20 000, long names, small labels."""
    with matplotlib.rc_context():
        appliquer_style()
        return _subventions_dessinees()


def _subventions_dessinees():
    fig, ax = plt.subplots(figsize=(7.5, 5.2))
    noms = [f"Association sportive numéro {i}" for i in range(12)]
    ax.barh(noms, [300 * i + 200 for i in range(12)])
    ax.set_xlim(0, 20_000)
    ax.xaxis.set_major_formatter(format_axe_fr(0, " €"))
    ax.set_xlabel("subventions en argent reçues dans l'année (la barre coupée dépasse le cadre)")
    ax.set_title("Subventions aux associations en 2024 (commune fictive)", loc="left")
    ax.tick_params(axis="y", labelsize=8.5)
    fig.tight_layout()
    return fig


def _chevauchements(fig) -> list[tuple[str, str]]:
    fig.canvas.draw()
    rendu = fig.canvas.get_renderer()
    paires = []
    for ax in fig.get_axes():
        etiquettes = sorted((t for t in ax.xaxis.get_ticklabels() if t.get_visible() and t.get_text()),
                            key=lambda t: t.get_window_extent(rendu).x0)
        for a, b in zip(etiquettes, etiquettes[1:]):
            if a.get_window_extent(rendu).x1 >= b.get_window_extent(rendu).x0:
                paires.append((a.get_text(), b.get_text()))
    return paires


def _hors_cadre(fig) -> list[str]:
    rendu = fig.canvas.get_renderer()
    largeur, hauteur = fig.canvas.get_width_height()
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()
            and t.get_in_layout() and (lambda b: b.x0 < -1 or b.x1 > largeur + 1)(t.get_window_extent(rendu))]


@pytest.mark.parametrize("largeur", [720, 360])
def test_un_graphique_redessine_pour_sa_largeur(largeur):
    fig = _subventions()
    fig.set_dpi(96)
    assert _chevauchements(fig), "the example must show the bug: « 2 500 €5 000 €7 500 € » at full size"
    texte_min = ajuster_a_la_largeur(fig, largeur)
    fig.canvas.draw()
    assert fig.canvas.get_width_height()[0] == largeur
    assert not _chevauchements(fig), _chevauchements(fig)
    assert not _hors_cadre(fig), f"texts out of the figure: {_hors_cadre(fig)}"
    assert texte_min >= 12
    tailles = [t.get_fontsize() * 96 / 72 for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()]
    assert min(tailles) >= 12, min(tailles)
    plt.close(fig)


def test_chaque_version_dit_ce_qu_elle_est():
    png = figure_pour_ecran(_subventions(), 360, "telephone")
    image = Image.open(io.BytesIO(png))
    assert image.size[0] == 360
    assert image.text[VARIANTE] == "telephone" and float(image.text[TEXTE_MIN]) >= 12


# --- no two tick labels overlap (issue 18: wrapped building names on top of each other at 390 px) ----

def chevauchements_png(png: bytes) -> list[str] | None:
    """The pairs of tick labels that overlap in a chart's PNG (from its ETIQUETTES text chunk, boxes in
    pixels of the image), or None when the PNG carries no such chunk."""
    import json

    from donnees_en_main.affichage.graphiques import ETIQUETTES

    with Image.open(io.BytesIO(png)) as image:
        image.load()
        brut = getattr(image, "text", {}).get(ETIQUETTES)
    if brut is None:
        return None
    paires = []
    for axes in json.loads(brut):
        for nom, boites in axes.items():
            for i, a in enumerate(boites):
                for b in boites[i + 1:]:
                    # boxes [x0, y0, x1, y1, text]: touching or overlapping in both directions
                    if min(a[2], b[2]) - max(a[0], b[0]) > 0 and min(a[3], b[3]) - max(a[1], b[1]) > -1:
                        paires.append(f"{nom} : « {a[4]} » / « {b[4]} »".replace("\n", " "))
    return paires


def _batiments():
    """Like the « consommation par bâtiment » chart of « Énergie »: ten long names, stacked bars."""
    noms = ["Hôtel de ville", "École élémentaire Jean-de-La-Fontaine", "École élémentaire des Coteaux",
            "École maternelle Les Tilleuls", "École maternelle du Port", "Gymnase des Sablons",
            "Piscine municipale", "Salle des fêtes", "Médiathèque du Port", "Éclairage public"]
    with matplotlib.rc_context():
        appliquer_style()
        fig, ax = plt.subplots(figsize=(7.5, 4.2))
        ax.barh(noms, [100 + 20 * i for i in range(10)], color=BLEU, label="électricité")
        ax.barh(noms, [50 + 10 * i for i in range(10)], left=[100 + 20 * i for i in range(10)], label="gaz")
        for y in range(10):
            ax.text(150 + 30 * y + 20, y, nombre_fr(150 + 30 * y, 0), va="center", fontsize=9)
        ax.set_title("Consommation d'énergie des bâtiments communaux en 2024")
        ax.set_xlabel("consommation annuelle (MWh)")
        ax.legend(loc="lower right")
        fig.tight_layout()
    return fig


@pytest.mark.parametrize("largeur", [350, 720])
def test_les_noms_des_categories_ne_se_chevauchent_pas(largeur):
    png = figure_pour_ecran(_batiments(), largeur, "telephone" if largeur < 500 else "large")
    paires = chevauchements_png(png)
    assert paires is not None, "each chart says where its labels are"
    assert not paires, f"étiquettes qui se chevauchent à {largeur} px : {paires}"
    hauteur = Image.open(io.BytesIO(png)).size[1]
    assert hauteur <= 2.2 * largeur, f"a chart made too tall to read on a phone: {hauteur} px"


def test_le_controle_voit_un_chevauchement():
    # the check itself must fail on overlapping labels: the same chart squeezed by hand
    fig = _batiments()
    fig.set_dpi(96)
    fig.set_size_inches(350 / 96, 2.2)
    for ax in fig.get_axes():
        ax.set_yticks(range(10), labels=[t.get_text().replace(" ", "\n", 1) for t in ax.get_yticklabels()])
    fig.canvas.draw()
    from donnees_en_main.affichage.graphiques import ETIQUETTES, boites_des_etiquettes

    tampon = io.BytesIO()
    fig.savefig(tampon, format="png", metadata={ETIQUETTES: boites_des_etiquettes(fig, fig.canvas.get_renderer())})
    plt.close(fig)
    assert chevauchements_png(tampon.getvalue())


def _graphiques_du_livre(html_dir):
    """Every chart PNG of the built book: the files of its pages (both versions of each figure) and the
    images written into its dashboards (data: URIs); (where, PNG bytes) for those saying their variant."""
    vus = []
    for fichier in sorted(html_dir.rglob("*.png")):
        vus.append((str(fichier.relative_to(html_dir)), fichier.read_bytes()))
    for page in sorted(html_dir.rglob("*.html")):
        texte = page.read_text(encoding="utf-8", errors="replace")
        for k, code in enumerate(re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", texte)):
            vus.append((f"{page.relative_to(html_dir)} (image {k + 1})", base64.b64decode(code)))
    graphiques = []
    for ou, png in vus:
        with Image.open(io.BytesIO(png)) as image:
            variante = getattr(image, "text", {}).get(VARIANTE)
        if variante is not None:
            graphiques.append((ou, variante, png))
    return graphiques


def test_aucune_etiquette_ne_se_chevauche_dans_les_graphiques_du_livre(livre):
    graphiques = _graphiques_du_livre(livre)
    telephone = [g for g in graphiques if g[1] in ("telephone", "tableau-de-bord")]
    assert len(telephone) >= 15, f"les graphiques du livre doivent être trouvés : {len(telephone)}"
    sans = [ou for ou, _v, png in graphiques if chevauchements_png(png) is None]
    assert not sans, f"graphiques sans la position de leurs étiquettes : {sans[:10]}"
    fautifs = {f"{ou} ({v})": p for ou, v, png in graphiques if (p := chevauchements_png(png))}
    assert not fautifs, f"{len(fautifs)} graphique(s) aux étiquettes qui se chevauchent : {fautifs}"


def test_deux_graphiques_cote_a_cote_s_empilent_au_telephone():
    # like « Des graphiques honnêtes » (Élections): two panels side by side, their % ran together at 350 px
    with matplotlib.rc_context():
        appliquer_style()
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(8, 2.8))
        for ax, debut in [(ax1, 20), (ax2, 0)]:
            ax.barh(range(2), [25.0, 21.8])
            ax.set_yticks(range(2), ["Élodie MARCHAND", "Paul BERTIN"])
            ax.set_xlim(debut, 30)
            ax.xaxis.set_major_formatter(format_axe_fr(0, " %"))
            ax.set_title("À éviter : l'axe commence à 20 %", loc="left", fontsize=11)
        ax2.tick_params(labelleft=False)
        fig.tight_layout()
        png = figure_pour_ecran(fig, 350, "telephone")
    assert chevauchements_png(png) == []
