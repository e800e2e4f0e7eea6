"""One look for every chart of the course: colour-blind-safe palette, French numbers, readable sizes.

    from donnees_en_main.affichage.graphiques import PALETTE, appliquer_style, nombre_fr, pourcent_fr
    appliquer_style()

Charts embedded in a page (the book's kernel-free dashboards) go through ``figure_en_png`` (a small
palette PNG) and ``image_html`` (an ``<img>`` with its French text alternative, as wide as its column).

Charts are drawn for the width they are shown at (issue 18): ``ajuster_a_la_largeur`` lays a figure out
again for a width in CSS pixels (titles wrapped, no text under 12 px, tick labels that do not overlap).
In the book, ``appliquer_style`` makes every figure a page shows come out twice: a phone version drawn
350 px wide, then the wide one; donnees_en_main.livre.sphinx_graphiques joins the two into one
``<picture>`` (the phone reads the first, a wider screen the second). Each PNG says which it is, and the
size of its smallest text, in a PNG text chunk (``VARIANTE``, ``TEXTE_MIN``), and where its tick labels
and its value labels are (``ETIQUETTES``, ``VALEURS``: the tests check, on every chart of the built book,
that none overlaps another and that each value is legible on its fill, WCAG contrast 4.5:1).
"""

from __future__ import annotations

import base64
import html
import io

import matplotlib as mpl
from matplotlib.ticker import Formatter

# Charts on screens: 96 dots per inch is one dot per CSS pixel (1 pt = 4/3 px).
DPI_ECRAN = 96
LARGEUR_TELEPHONE_PX = 350  # a phone's column is 358 px at 390 px: shown there at its natural size, its text 12 px
LARGEUR_ECRAN_PX = 720  # a computer's column
TEXTE_MIN_PX = 12  # no chart text smaller than this, in pixels of the drawn image
# A dashboard's chart is one image for every screen: 460 px, shrunk 1.28x in a phone's column, its
# smallest text 16 px (12.5 CSS px there)
LARGEUR_TABLEAU_DE_BORD_PX = 460
TEXTE_MIN_TABLEAU_DE_BORD_PX = 16
# PNG text chunks written with each chart of the book (read by the Sphinx extension and the tests)
VARIANTE = "dem-variante"  # "telephone" or "large"
TEXTE_MIN = "dem-texte-min-px"  # the size of the figure's smallest text, in pixels of the image
ETIQUETTES = "dem-etiquettes"  # JSON: per axes, the boxes of its tick labels in pixels of the image (tests)
# JSON: the value labels written in the plots (a bar's « 42 000 € »), each with its box, its colour and the
# fills under it (tests: legible on any fill)
VALEURS = "dem-valeurs"
CONTRASTE_MIN = 4.5  # WCAG 2.1 AA, normal text

# Okabe & Ito (2008) palette: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
BLEU, ORANGE, VERT, ROSE, CIEL, VERMILLON, JAUNE, NOIR = PALETTE
GRIS = "#6b6b6b"


def nombre_fr(x: float, decimales: int = 1) -> str:
    """14.3 -> '14,3' ; 12500 -> '12 500' (French typography, narrow no-break space for thousands)."""
    texte = f"{x:,.{decimales}f}".replace(",", "\u202f").replace(".", ",")
    return texte


def pourcent_fr(x: float, decimales: int = 1) -> str:
    """14.3 -> '14,3 %' (x is already a percentage)."""
    return f"{nombre_fr(x, decimales)}\u00a0%"


def ecart_points_fr(ecart: float, decimales: int = 1) -> str:
    """A change between two rates, in percentage points: 0.3 -> '+0,3 point', -2.04 -> '−2 points'.

    A true minus sign (U+2212), and « point » in the singular below 2, as French writes it.
    """
    arrondi = round(abs(ecart), decimales)
    signe = "" if arrondi == 0 else ("+" if ecart > 0 else "\u2212")
    return f"{signe}{nombre_fr(arrondi, decimales)}\u00a0point{'s' if arrondi >= 2 else ''}"


class FormatFr(Formatter):
    """French tick labels with as many decimals as the ticks need, never fewer than ``decimales``.

    Ticks 2.5 apart written with no decimal would read « 20 % 22 % 25 % » (22.5 rounded): the formatter
    sees every tick of the axis (``set_locs``) and adds decimals until each one is written exactly.
    """

    def __init__(self, decimales: int = 0, suffixe: str = ""):
        self.decimales = decimales
        self.suffixe = suffixe
        self._decimales = decimales

    def set_locs(self, locs):
        super().set_locs(locs)
        self._decimales = decimales_necessaires(locs, self.decimales)

    def __call__(self, x, pos=None):
        return nombre_fr(x, self._decimales) + self.suffixe


def decimales_necessaires(valeurs, decimales: int = 0, maximum: int = 3) -> int:
    """The fewest decimals (at least ``decimales``, at most ``maximum``) writing each value exactly."""
    valeurs = [float(v) for v in valeurs]
    for d in range(decimales, maximum + 1):
        if all(abs(round(v, d) - v) <= 1e-9 * max(1.0, abs(v)) for v in valeurs):
            return d
    return max(decimales, maximum)


def format_axe_fr(decimales: int = 0, suffixe: str = "") -> FormatFr:
    """A tick formatter writing French numbers, e.g. ``ax.yaxis.set_major_formatter(format_axe_fr(0, ' %'))``.

    ``decimales`` is a minimum: ticks that need more (22.5 between 20 and 25) get them.
    """
    return FormatFr(decimales, suffixe)


def appliquer_style() -> None:
    """Set matplotlib defaults for the course's charts (call once per page or notebook)."""
    mpl.rcParams.update(
        {
            "axes.prop_cycle": mpl.cycler(color=PALETTE),
            "figure.figsize": (7.5, 4.0),
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "font.size": 11,
            "axes.titlesize": 13,
            "axes.titleweight": "bold",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.formatter.use_locale": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "legend.frameon": False,
            "svg.hashsalt": "donnees-en-main",
        }
    )
    installer_dans_ipython()


def boites_des_etiquettes(fig, renderer) -> str:
    """The tick labels of each axes of a drawn figure, as JSON: ``[{"x": [[x0, y0, x1, y1, text(, value)], ...],
    "y": [...]}, ...]`` (the tick's value for numbers written by ``format_axe_fr``) in pixels of the image (origin at the bottom left). Written in each chart's PNG so
    that a test can check, on every chart of the built book, that no two labels overlap."""
    import json

    axes = []
    for ax in fig.get_axes():
        boites = {}
        for nom, axe in (("x", ax.xaxis), ("y", ax.yaxis)):
            # numbers written by the French formatter: the tick's value too (a test reads it back)
            chiffres = isinstance(axe.get_major_formatter(), FormatFr)
            etiquettes = axe.get_ticklabels()  # the ticks shown (in the axis' view)
            valeurs = {id(t.label1): float(v) for t, v in zip(axe.get_major_ticks(), axe.get_majorticklocs())}
            boites[nom] = [[*(round(v, 1) for v in t.get_window_extent(renderer).extents), t.get_text(),
                            *([valeurs[id(t)]] if chiffres and id(t) in valeurs else [])]
                           for t in etiquettes if t.get_visible() and t.get_text().strip()]
        axes.append(boites)
    return json.dumps(axes, ensure_ascii=False)


def contraste(couleur_a, couleur_b) -> float:
    """WCAG contrast ratio of two colours (any matplotlib colour): 1 (same) to 21 (black on white)."""
    from matplotlib.colors import to_rgb

    def luminance(couleur):
        canaux = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(couleur)]
        return 0.2126 * canaux[0] + 0.7152 * canaux[1] + 0.0722 * canaux[2]

    claire, sombre = sorted((luminance(couleur_a), luminance(couleur_b)), reverse=True)
    return (claire + 0.05) / (sombre + 0.05)


def _encadre(texte) -> bool:
    """True when the text sits on its own solid box (``bbox=dict(facecolor=...)``)."""
    from matplotlib.colors import to_rgba

    boite = texte.get_bbox_patch()
    return boite is not None and boite.get_visible() and to_rgba(boite.get_facecolor())[3] >= 0.9 \
        and not boite.get_hatch()


def _fonds_sous(texte, renderer) -> list[dict]:
    """What a value label is drawn on: its own solid box, else the bars (patches) under it (the top one
    first) and, when they do not cover it all, the plot's background. Each: {"couleur", "motif"}."""
    from matplotlib.colors import to_hex, to_rgba

    if _encadre(texte):
        return [{"couleur": to_hex(texte.get_bbox_patch().get_facecolor()), "motif": False}]
    ax = texte.axes
    boite = texte.get_window_extent(renderer)
    aire = max(boite.width * boite.height, 1e-6)
    dessous = []
    for ordre, patch in enumerate(ax.patches):
        if not patch.get_visible() or to_rgba(patch.get_facecolor())[3] < 0.5 or not patch.get_fill():
            continue
        cadre = patch.get_window_extent(renderer)
        largeur = min(boite.x1, cadre.x1) - max(boite.x0, cadre.x0)
        hauteur = min(boite.y1, cadre.y1) - max(boite.y0, cadre.y0)
        if largeur > 1 and hauteur > 1:
            dessous.append((patch.get_zorder(), ordre, largeur * hauteur / aire, patch))
    dessous.sort(key=lambda d: (d[0], d[1]), reverse=True)
    fonds = [{"couleur": to_hex(p.get_facecolor()), "motif": bool(p.get_hatch())} for *_r, p in dessous]
    if not dessous or max(d[2] for d in dessous) < 0.95:
        cadre_axes = ax.get_window_extent(renderer)
        dedans = cadre_axes.x0 <= (boite.x0 + boite.x1) / 2 <= cadre_axes.x1 \
            and cadre_axes.y0 <= (boite.y0 + boite.y1) / 2 <= cadre_axes.y1
        fond = ax.patch.get_facecolor() if dedans and ax.patch.get_visible() else texte.figure.get_facecolor()
        if to_rgba(fond)[3] < 0.5:
            fond = "white"  # a transparent figure is shown on the page's white
        fonds.append({"couleur": to_hex(fond), "motif": False})
    uniques = []
    for f in fonds:
        if f not in uniques:
            uniques.append(f)
    return uniques


def _valeurs(fig):
    """The texts written in the plots (bar labels, annotations): ``ax.texts`` of each axes, shown."""
    return [t for ax in fig.get_axes() for t in ax.texts if t.get_visible() and t.get_text().strip()]


def boites_des_valeurs(fig, renderer) -> str:
    """The value labels of a drawn figure, as JSON: ``[{"texte", "boite": [x0, y0, x1, y1], "couleur",
    "encadre", "fonds": [{"couleur", "motif"}, ...]}, ...]`` (pixels of the image). Written in each chart's
    PNG so that a test can check, on every chart of the built book, that each one is legible on its fill."""
    import json

    from matplotlib.colors import to_hex

    valeurs = []
    for texte in _valeurs(fig):
        valeurs.append({
            "texte": texte.get_text(),
            "boite": [round(v, 1) for v in texte.get_window_extent(renderer).extents],
            "couleur": to_hex(texte.get_color()),
            "encadre": _encadre(texte),
            "fonds": _fonds_sous(texte, renderer),
        })
    return json.dumps(valeurs, ensure_ascii=False)


def illisibles(valeurs: list[dict]) -> list[str]:
    """The value labels (as recorded by ``boites_des_valeurs``) that are hard to read: on a hatched or
    dotted fill without a box of their own, less than CONTRASTE_MIN against a fill under them, or on
    top of each other."""
    fautes = []
    for i, a in enumerate(valeurs):
        for b in valeurs[i + 1:]:
            (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = a["boite"], b["boite"]
            if min(ax1, bx1) - max(ax0, bx0) > 1 and min(ay1, by1) - max(ay0, by0) > 1:
                fautes.append(f"« {a['texte']} » et « {b['texte']} » se chevauchent".replace("\n", " "))
    for v in valeurs:
        texte = v["texte"].replace("\n", " ")
        for fond in v["fonds"]:
            if fond["motif"] and not v["encadre"]:
                fautes.append(f"« {texte} » ({v['couleur']}) sur une barre à motif {fond['couleur']}")
            elif (c := contraste(v["couleur"], fond["couleur"])) < CONTRASTE_MIN:
                fautes.append(f"« {texte} » : {v['couleur']} sur {fond['couleur']}, contraste {c:.1f}:1 "
                              f"(minimum {CONTRASTE_MIN}:1)")
    return fautes


def _rendre_lisibles(fig, renderer) -> None:
    """Every value label legible on what is under it (issue 18: « 42 000 € » white on a hatched orange
    bar): black or white, whichever reads best on its fill; on a hatched fill, or astride two fills that
    no colour serves, a solid white box of its own, text in black."""
    from matplotlib.colors import to_hex

    for texte in _valeurs(fig):
        fonds = _fonds_sous(texte, renderer)
        couleur = to_hex(texte.get_color())
        if all(contraste(couleur, f["couleur"]) >= CONTRASTE_MIN and not f["motif"] for f in fonds):
            continue
        if not any(f["motif"] for f in fonds):
            meilleure = max(("#000000", "#ffffff"), key=lambda c: min(contraste(c, f["couleur"]) for f in fonds))
            if min(contraste(meilleure, f["couleur"]) for f in fonds) >= CONTRASTE_MIN:
                texte.set_color(meilleure)
                continue
        texte.set_bbox({"facecolor": "white", "edgecolor": "none", "pad": 1.5})
        if contraste(couleur, "white") < CONTRASTE_MIN:
            texte.set_color("#000000")


def figure_en_png(fig, dpi: float = DPI_ECRAN, couleurs: int = 32,
                  largeur_px: int | None = None) -> bytes:
    """The figure as a small PNG: reduced to a palette of ``couleurs`` colours (the figure is closed).

    The course's charts use a handful of flat colours, so 32 colours keep the same look (anti-aliased
    edges included) for about a quarter of the bytes of a full-colour PNG: lighter book pages.
    The figure is first laid out again (``ajuster_a_la_largeur``) for ``largeur_px`` pixels
    (LARGEUR_TABLEAU_DE_BORD_PX by default) with no text under TEXTE_MIN_TABLEAU_DE_BORD_PX: one image
    that a phone's column shrinks at most 1.3 times, its text still 12 CSS pixels or more.
    """
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    texte_min = ajuster_a_la_largeur(fig, largeur_px or LARGEUR_TABLEAU_DE_BORD_PX, dpi,
                                     texte_min_px=TEXTE_MIN_TABLEAU_DE_BORD_PX)
    toile = FigureCanvasAgg(fig)
    toile.draw()
    image = Image.frombuffer("RGBA", toile.get_width_height(), toile.buffer_rgba(), "raw", "RGBA", 0, 1)
    infos = PngInfo()
    infos.add_text(VARIANTE, "tableau-de-bord")
    infos.add_text(TEXTE_MIN, f"{texte_min:.1f}")
    infos.add_itxt(ETIQUETTES, boites_des_etiquettes(fig, toile.get_renderer()))
    infos.add_itxt(VALEURS, boites_des_valeurs(fig, toile.get_renderer()))
    plt.close(fig)
    sortie = io.BytesIO()
    image.convert("RGB").quantize(colors=couleurs, method=Image.Quantize.FASTOCTREE).save(
        sortie, format="PNG", pnginfo=infos)
    return sortie.getvalue()


def image_html(png: bytes, alt: str) -> str:
    """An ``<img>`` of a PNG with its text alternative, never wider than its column (phones included)."""
    code = base64.b64encode(png).decode("ascii")
    return (
        f'<img alt="{html.escape(alt, quote=True)}" src="data:image/png;base64,{code}" '
        'style="max-width:100%;height:auto">'
    )


def _textes(fig):
    from matplotlib.text import Text

    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _envelopper(texte, largeur_max: float, renderer) -> None:
    """Wrap a text (a title, an axis label) on more lines until it is no wider than ``largeur_max`` px."""
    import textwrap

    brut = " ".join(texte.get_text().split("\n"))
    if texte.get_window_extent(renderer).width <= largeur_max or " " not in brut:
        return
    for colonnes in range(len(brut) - 1, 10, -2):
        texte.set_text(textwrap.fill(brut, colonnes, break_long_words=False))
        if texte.get_window_extent(renderer).width <= largeur_max:
            return


def _titres(fig):
    textes = [t for ax in fig.get_axes() for t in (ax.title, ax._left_title, ax._right_title, ax.xaxis.label)]
    return [t for t in textes + ([fig._suptitle] if fig._suptitle is not None else []) if t.get_text()]


def _envelopper_les_categories(ax, largeur_max: float, renderer, serre: bool = False) -> None:
    """Long category names of a horizontal bar chart (y-axis labels) on two lines or more."""
    import textwrap

    from matplotlib.ticker import FixedLocator

    axe = ax.yaxis
    if not isinstance(axe.get_major_locator(), FixedLocator) and axe.get_converter() is None:
        return  # numbers: left as they are
    etiquettes = axe.get_ticklabels()
    positions = sorted(t.get_window_extent(renderer).y0 for t in etiquettes)
    ecart = min((b - a for a, b in zip(positions, positions[1:])), default=0.0)
    if not etiquettes or (not serre and ecart < 2.4 * etiquettes[0].get_fontsize() * renderer.dpi / 72):
        return  # no room for a second line
    if not any(t.get_window_extent(renderer).width > largeur_max and " " in t.get_text() for t in etiquettes):
        return
    textes = []
    for t in etiquettes:
        brut = t.get_text()
        if t.get_window_extent(renderer).width > largeur_max and " " in brut:
            colonnes = max(8, int(len(brut) * largeur_max / t.get_window_extent(renderer).width))
            brut = textwrap.fill(brut, colonnes, break_long_words=False)
        textes.append(brut)
    ax.set_yticks(axe.get_majorticklocs(), labels=textes)


def _legendes_sous_le_graphique(fig) -> None:
    """A phone's version: the legends go under the chart, one entry a line, instead of over the data."""
    for ax in fig.get_axes():
        legende = ax.get_legend()
        if legende is None:
            continue
        poignees = legende.legend_handles
        textes = [t.get_text() for t in legende.get_texts()]
        legende.remove()
        legende_sous_le_graphique(fig, poignees, textes)


def legende_sous_le_graphique(fig, poignees, textes, ncols: int = 1):
    """The figure's legend under the chart, from its left edge, whatever the width of the plot (the
    layout keeps its room: see ``_mettre_en_page``)."""
    fig._dem_legende = fig.legend(poignees, textes, loc="lower left", bbox_to_anchor=(0.0, 0.0), frameon=False,
                                  ncols=ncols, borderaxespad=0.2)
    return fig._dem_legende


def _hauteur_pour_les_categories(fig, taille_px: float, dpi: float) -> None:
    """A phone's version: room for each category of a bar chart (a line and a half of text each)."""
    from matplotlib.ticker import FixedLocator

    largeur, hauteur = fig.get_size_inches()
    besoin = 0.0
    for ax in fig.get_axes():
        categories = isinstance(ax.yaxis.get_major_locator(), FixedLocator) or ax.yaxis.get_converter() is not None
        lignes = [t.get_text().count("\n") + 1 for t in ax.yaxis.get_ticklabels()] if categories else []
        besoin += sum(l + 0.35 for l in lignes) * 1.1 * taille_px + 60
    hauteur = max(hauteur, besoin / dpi)
    legende = getattr(fig, "_dem_legende", None)
    if legende is not None:  # under the chart: the chart keeps its height
        hauteur += (len(legende.get_texts()) + 0.4) * 1.3 * taille_px / dpi
    fig.set_size_inches(largeur, hauteur)


def _mettre_en_page(fig) -> bool:
    """Tighten the layout again, unless the figure has its own layout engine (constrained layout).

    False when matplotlib cannot make room for every label (it then leaves the layout as it was).
    """
    import warnings

    moteur = fig.get_layout_engine()
    if moteur is not None and type(moteur).__name__ not in ("TightLayoutEngine", "PlaceHolderLayoutEngine"):
        return True
    with warnings.catch_warnings(record=True) as avertissements:
        warnings.simplefilter("always")
        try:
            legende = getattr(fig, "_dem_legende", None)
            if legende is not None:  # the legend under the chart keeps its place
                hauteur = legende.get_window_extent(fig.canvas.get_renderer()).height / (fig.get_size_inches()[1] * fig.dpi)
                fig.tight_layout(rect=(0, min(0.5, hauteur + 0.01), 1, 1))
            else:
                fig.tight_layout()
        except (ValueError, RuntimeError):
            return False
    return not any("ight" in str(a.message) for a in avertissements)


def _chevauchent(etiquettes, renderer, ecart: float) -> bool:
    boites = sorted((t.get_window_extent(renderer) for t in etiquettes), key=lambda b: b.x0)
    return any(a.x1 + ecart > b.x0 for a, b in zip(boites, boites[1:]))


def _espacer_les_graduations(ax, renderer) -> None:
    """Fewer numeric ticks on the x axis while their labels overlap (« 2 500 €5 000 €7 500 € »)."""
    from matplotlib.ticker import AutoLocator, MaxNLocator

    axe = ax.xaxis
    if not isinstance(axe.get_major_locator(), (AutoLocator, MaxNLocator)):
        # categories or ticks chosen by hand (months): written upright when they overlap
        etiquettes = [t for t in axe.get_ticklabels() if t.get_visible() and t.get_text()]
        if len(etiquettes) > 1 and _chevauchent(etiquettes, renderer, ecart=TEXTE_MIN_PX * 0.25):
            for t in etiquettes:
                t.set_rotation(90)
        return
    for _ in range(8):
        gauche, droite = sorted(axe.get_view_interval())
        etiquettes = [t.label1 for t, v in zip(axe.get_major_ticks(), axe.get_majorticklocs())
                      if t.label1.get_visible() and t.label1.get_text() and gauche <= v <= droite]
        if len(etiquettes) < 3 or not _chevauchent(etiquettes, renderer, ecart=TEXTE_MIN_PX * 0.75):
            return
        axe.set_major_locator(MaxNLocator(nbins=len(etiquettes) - 2, steps=[1, 2, 2.5, 5, 10]))
        ax.figure.canvas.draw()


def _hauteur_manquante(fig, renderer, ecart_px: float) -> float:
    """The height (px) the figure lacks for its category labels (y axis), and its value labels, to stop
    overlapping.

    Measured on the drawn figure, once: for each pair of neighbouring labels, the distance their centres
    need (half of each one's height, plus ``ecart_px``) against the distance they have. The distance
    between categories grows with the axes' height, so the worst pair tells how much taller the axes
    must be; axes side by side share that growth, axes one above the other add theirs.
    """
    from matplotlib.ticker import FixedLocator

    rangees: dict[tuple[float, float], float] = {}
    for ax in fig.get_axes():
        boites = sorted((t.get_window_extent(renderer) for t in ax.yaxis.get_ticklabels()
                         if t.get_visible() and t.get_text().strip()), key=lambda b: b.y0 + b.y1)
        facteur = 1.0
        for a, b in zip(boites, boites[1:]):
            distance = (b.y0 + b.y1) / 2 - (a.y0 + a.y1) / 2
            besoin = a.height / 2 + b.height / 2 + ecart_px
            if distance > 0.5 and besoin > distance:
                facteur = max(facteur, besoin / distance)
        # the value labels of horizontal bars too (grouped bars: « 27,1 % » over « 25,0 % » and over the
        # next bar), one above the other and across each other: at most twice as tall for them
        categories = isinstance(ax.yaxis.get_major_locator(), FixedLocator) or ax.yaxis.get_converter() is not None
        valeurs = [t.get_window_extent(renderer) for t in ax.texts
                   if categories and t.get_visible() and t.get_text().strip()]
        for i, a in enumerate(valeurs):
            for b in valeurs[i + 1:]:
                distance = abs((b.y0 + b.y1) / 2 - (a.y0 + a.y1) / 2)
                besoin = a.height / 2 + b.height / 2 + ecart_px
                if min(a.x1, b.x1) - max(a.x0, b.x0) > 0 and distance > 0.5 and besoin > distance:
                    facteur = max(facteur, min(2.0, besoin / distance))
        if facteur > 1:
            boite = ax.get_window_extent(renderer)
            rangee = (round(boite.y0), round(boite.y1))
            rangees[rangee] = max(rangees.get(rangee, 0.0), boite.height * (facteur - 1))
    return sum(rangees.values())


def _envelopper_les_valeurs(fig, renderer, ecart_px: float) -> bool:
    """Value labels side by side that run into each other (over the bars of a narrow chart: « + 1 secteur
    masqué » over its neighbour) on more lines, each no wider than the distance to its neighbour. True
    when one was wrapped."""
    import math

    enveloppes = []
    for ax in fig.get_axes():
        textes = [t for t in ax.texts if t.get_visible() and t.get_text().strip()]
        boites = {id(t): t.get_window_extent(renderer) for t in textes}
        for t in textes:
            b = boites[id(t)]
            place = math.inf
            for u in textes:
                c = boites[id(u)]
                if u is t or min(b.y1, c.y1) - max(b.y0, c.y0) <= 1 or min(b.x1, c.x1) - max(b.x0, c.x0) <= -ecart_px:
                    continue  # not side by side, or apart already
                place = min(place, abs((b.x0 + b.x1) / 2 - (c.x0 + c.x1) / 2) - ecart_px)
            if b.width > place > 0 and " " in t.get_text():
                _envelopper(t, place, renderer)
                enveloppes.append((ax, t))
    if enveloppes:
        _garder_dans_le_cadre(fig, enveloppes, renderer)
    return bool(enveloppes)


def _garder_dans_le_cadre(fig, textes, renderer) -> None:
    """Value labels made taller (wrapped) over columns stay inside their plot, under its title: the
    figure grows by what they lack, the value axis goes that much higher (the bars keep their size)."""
    textes = [(ax, t) for ax, t in textes if t.get_transform() is ax.transData and ax.yaxis.get_converter() is None
              and ax.get_ylim()[1] > ax.get_ylim()[0]]
    depasse = max((t.get_window_extent(renderer).y1 - ax.get_window_extent(renderer).y1 for ax, t in textes),
                  default=0.0)
    if depasse <= 0:
        return
    largeur, hauteur = fig.get_size_inches()
    fig.set_size_inches(largeur, hauteur + (depasse + 6) / fig.dpi)
    _mettre_en_page(fig)
    for _ in range(3):  # the texts' height is fixed, the data under them shrinks: two or three steps
        hausse = 1.0
        for ax, t in textes:
            cadre, boite = ax.get_window_extent(renderer), t.get_window_extent(renderer)
            if boite.y1 > cadre.y1 - 2 and cadre.height > 0:
                hausse = max(hausse, (boite.y1 - cadre.y0 + 4) / cadre.height)
        if hausse == 1.0:
            return
        for ax in {id(a): a for a, _t in textes}.values():
            bas, haut = ax.get_ylim()
            ax.set_ylim(bas, bas + (haut - bas) * hausse)


def _faire_place_aux_categories(fig, toile, ecart_px: float) -> None:
    """A taller figure when its category labels overlap (long names wrapped on two lines, at a phone's
    width): one measure, one new layout, one draw (no loop of redraws: dashboards draw many charts)."""
    manque = _hauteur_manquante(fig, toile.get_renderer(), ecart_px)
    if manque < 0.5:
        return
    largeur, hauteur = fig.get_size_inches()
    fig.set_size_inches(largeur, hauteur + (manque + 2) / fig.dpi)
    _mettre_en_page(fig)
    toile.draw()


def _empiler_les_graphiques(fig) -> None:
    """A phone's version: charts drawn side by side (one row of subplots) go one above the other, each
    as wide as the figure (side by side in 350 px, their axes' numbers ran into each other)."""
    axes = fig.get_axes()
    specs = [ax.get_subplotspec() for ax in axes]
    if len(axes) < 2 or any(s is None for s in specs):
        return
    grille = specs[0].get_gridspec()
    if grille.nrows != 1 or grille.ncols != len(axes) or any(s.get_gridspec() is not grille for s in specs):
        return
    nouvelle = fig.add_gridspec(len(axes), 1)
    for i, ax in enumerate(sorted(axes, key=lambda a: a.get_subplotspec().colspan.start)):
        ax.set_subplotspec(nouvelle[i])
        ax.tick_params(labelleft=True)  # each chart, now alone on its line, names its categories
    largeur, hauteur = fig.get_size_inches()
    fig.set_size_inches(largeur, hauteur * len(axes))


def ajuster_a_la_largeur(fig, largeur_px: int, dpi: float = DPI_ECRAN, texte_min_px: float = TEXTE_MIN_PX) -> float:
    """Lay ``fig`` out again to be ``largeur_px`` pixels wide at ``dpi``; the size of its smallest text (px).

    The height follows in part (a narrower chart gets taller, its bars keep room for their labels).
    No text is smaller than ``texte_min_px``; titles and axis labels too long for the width are wrapped; the
    x-axis numbers are thinned out until they no longer overlap; then the layout is tightened again;
    the value labels written on bars are made legible on their fill (``_rendre_lisibles``).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    largeur, hauteur = fig.get_size_inches()
    nouvelle_largeur = largeur_px / dpi
    rapport = nouvelle_largeur / largeur
    if rapport < 0.75:
        _empiler_les_graphiques(fig)
        hauteur = fig.get_size_inches()[1]
    fig.set_dpi(dpi)
    fig.set_size_inches(nouvelle_largeur, hauteur * (1 if rapport >= 1 else max(0.5, rapport ** 0.85)))
    points_min = texte_min_px * 72 / dpi
    etroite = rapport < 0.75  # a phone's version: every text at the smallest size, titles a little larger
    titres = {id(t) for t in _titres(fig)}
    for texte in _textes(fig):
        if texte.get_fontsize() < points_min or etroite:
            texte.set_fontsize(points_min * (1.1 if etroite and id(texte) in titres else 1))
    if etroite:
        from matplotlib.backends.backend_agg import FigureCanvasAgg as _Toile

        (fig.canvas if isinstance(fig.canvas, _Toile) else _Toile(fig)).draw()
        for ax in fig.get_axes():
            ax.tick_params(labelsize=points_min)
            _envelopper_les_categories(ax, largeur_px * 0.36, fig.canvas.get_renderer(), serre=True)
        _legendes_sous_le_graphique(fig)
        _hauteur_pour_les_categories(fig, points_min * dpi / 72, dpi)
    for ax in fig.get_axes():  # the ticks made later (fewer of them, see below) too
        for nom, axe in (("x", ax.xaxis), ("y", ax.yaxis)):
            etiquettes = axe.get_ticklabels()
            if etiquettes and (etiquettes[0].get_fontsize() < points_min or etroite):
                ax.tick_params(axis=nom, labelsize=points_min)
    toile = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    toile.draw()
    renderer = toile.get_renderer()
    for ax in fig.get_axes():
        _envelopper_les_categories(ax, largeur_px * 0.38, renderer)
    for _ in range(2):  # wrap what goes out of the figure, lay out again
        _mettre_en_page(fig)
        toile.draw()
        for texte in _titres(fig):
            boite = texte.get_window_extent(renderer)
            if boite.x0 >= 0 and boite.x1 <= largeur_px:
                continue
            if texte.get_horizontalalignment() == "left":  # from the figure's left edge, on the axes' width
                x0, place = max(0.0, min(boite.x0, largeur_px / 2)), largeur_px * 0.97
                if texte.axes is not None and texte is not texte.axes.xaxis.label:
                    debut_axes = texte.axes.get_window_extent(renderer).x0
                    texte.set_x((largeur_px * 0.02 - debut_axes) / texte.axes.get_window_extent(renderer).width)
                    x0 = largeur_px * 0.02
                _envelopper(texte, place - x0, renderer)
            else:  # centred: as wide as twice the room on its narrower side
                centre = (boite.x0 + boite.x1) / 2
                _envelopper(texte, 2 * min(centre, largeur_px - centre) * 0.96, renderer)
    for ax in fig.get_axes():
        _espacer_les_graduations(ax, renderer)
    if not _mettre_en_page(fig):
        # no room for everything: the value labels written in the plot may go past it, then long
        # category names go on two lines even in tight rows
        for ax in fig.get_axes():
            for texte in ax.texts:
                texte.set_in_layout(False)
        if not _mettre_en_page(fig):
            for ax in fig.get_axes():
                _envelopper_les_categories(ax, largeur_px * 0.3, renderer, serre=True)
            if not _mettre_en_page(fig):
                fig.subplots_adjust(left=0.4, right=0.96)
    toile.draw()
    if _envelopper_les_valeurs(fig, toile.get_renderer(), ecart_px=points_min * dpi / 72 * 0.5):
        _mettre_en_page(fig)
        toile.draw()
    _faire_place_aux_categories(fig, toile, ecart_px=points_min * dpi / 72 * 0.25)
    _rendre_lisibles(fig, toile.get_renderer())
    petits = [t for t in _textes(fig) if t.get_fontsize() < points_min - 1e-6]
    if petits:  # texts made on the way (a legend moved under the chart, new ticks)
        for texte in petits:
            texte.set_fontsize(points_min)
        _mettre_en_page(fig)
    # the last layouts may have moved a centred title past the figure's edge: wrapped once more
    renderer = toile.get_renderer()
    depassent = [t for t in _titres(fig) if (lambda b: b.x0 < 0 or b.x1 > largeur_px)(t.get_window_extent(renderer))]
    for texte in depassent:
        boite = texte.get_window_extent(renderer)
        if texte.get_horizontalalignment() == "left":
            _envelopper(texte, largeur_px * 0.97 - max(0.0, boite.x0), renderer)
        else:
            centre = (boite.x0 + boite.x1) / 2
            _envelopper(texte, 2 * min(centre, largeur_px - centre) * 0.96, renderer)
    if depassent:
        _mettre_en_page(fig)
    return min((t.get_fontsize() * dpi / 72 for t in _textes(fig)), default=float(TEXTE_MIN_PX))


def figure_pour_ecran(fig, largeur_px: int, variante: str, dpi: float = DPI_ECRAN) -> bytes:
    """The figure laid out for ``largeur_px`` CSS pixels, as a PNG saying its variant and smallest text.

    Drawn once for the file: the label boxes are read from that very draw, then its pixels are written
    (what ``savefig`` does, less its own extra pass over a figure that has had a layout engine).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.image import imsave

    texte_min = ajuster_a_la_largeur(fig, largeur_px, dpi)
    toile = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    fig.set_dpi(dpi)
    toile.draw()
    rendu = toile.get_renderer()
    metadonnees = {VARIANTE: variante, TEXTE_MIN: f"{texte_min:.1f}",
                   ETIQUETTES: boites_des_etiquettes(fig, rendu), VALEURS: boites_des_valeurs(fig, rendu)}
    sortie = io.BytesIO()
    imsave(sortie, toile.buffer_rgba(), format="png", origin="upper", dpi=dpi, metadata=metadonnees)
    return sortie.getvalue()


def _afficher_deux_fois(fig) -> None:
    """IPython display of a figure in the book: its phone version, then the wide one."""
    from IPython.display import publish_display_data

    large = figure_pour_ecran(fig, LARGEUR_ECRAN_PX, "large")
    telephone = figure_pour_ecran(fig, LARGEUR_TELEPHONE_PX, "telephone")
    for png in (telephone, large):
        publish_display_data({"image/png": base64.b64encode(png).decode("ascii"), "text/plain": "<Figure>"})


def installer_dans_ipython() -> bool:
    """In a kernel executing the book's pages, show every matplotlib figure twice (phone, then wide).

    False elsewhere: a notebook of the workshop shows each figure once, as usual.
    """
    from donnees_en_main import reglages

    if not reglages.en_livre():
        return False
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    ipython = get_ipython()
    if ipython is None or not hasattr(ipython, "display_formatter"):
        return False
    from matplotlib.figure import Figure

    ipython.display_formatter.ipython_display_formatter.for_type(Figure, _afficher_deux_fois)
    return True
