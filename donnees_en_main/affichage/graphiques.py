"""One look for every chart of the course: colour-blind-safe palette, French numbers, readable sizes.

    from donnees_en_main.affichage.graphiques import PALETTE, appliquer_style, nombre_fr, pourcent_fr
    appliquer_style()

Charts embedded in a page (the book's kernel-free dashboards) go through ``figure_en_png`` (a small
palette PNG) and ``image_html`` (an ``<img>`` with its French text alternative, as wide as its column).
"""

from __future__ import annotations

import base64
import html
import io

import matplotlib as mpl
from matplotlib.ticker import FuncFormatter

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


def format_axe_fr(decimales: int = 0, suffixe: str = "") -> FuncFormatter:
    """A tick formatter writing French numbers, e.g. ``ax.yaxis.set_major_formatter(format_axe_fr(0, ' %'))``."""
    return FuncFormatter(lambda x, _pos: nombre_fr(x, decimales) + suffixe)


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


def figure_en_png(fig, dpi: float = 96, couleurs: int = 32) -> bytes:
    """The figure as a small PNG: reduced to a palette of ``couleurs`` colours (the figure is closed).

    The course's charts use a handful of flat colours, so 32 colours keep the same look (anti-aliased
    edges included) for about a quarter of the bytes of a full-colour PNG: lighter book pages.
    The figure is drawn as it is laid out (call ``fig.tight_layout()`` before if needed).
    """
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    fig.set_dpi(dpi)
    toile = FigureCanvasAgg(fig)
    toile.draw()
    image = Image.frombuffer("RGBA", toile.get_width_height(), toile.buffer_rgba(), "raw", "RGBA", 0, 1)
    plt.close(fig)
    sortie = io.BytesIO()
    image.convert("RGB").quantize(colors=couleurs, method=Image.Quantize.FASTOCTREE).save(sortie, format="PNG")
    return sortie.getvalue()


def image_html(png: bytes, alt: str) -> str:
    """An ``<img>`` of a PNG with its text alternative, never wider than its column (phones included)."""
    code = base64.b64encode(png).decode("ascii")
    return (
        f'<img alt="{html.escape(alt, quote=True)}" src="data:image/png;base64,{code}" '
        'style="max-width:100%;height:auto">'
    )
