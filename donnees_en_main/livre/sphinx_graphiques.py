"""Charts drawn for the width they are shown at (issue 18): the book's ``<picture>`` of two PNGs.

When the book is built, every figure a page shows comes out twice (donnees_en_main.affichage.graphiques,
``installer_dans_ipython``): a phone version drawn 350 px wide, then the wide one, each PNG saying which
it is in a text chunk. myst-nb turns both into images carrying the cell's text alternative; this
extension joins each pair into one ``<picture>``: a screen up to 600 px wide loads the phone version,
a wider one the wide version, lazily (``loading="lazy"``), and only one of them. Other builders
(LaTeX, text) keep the wide version alone.
"""

from __future__ import annotations

import posixpath
import urllib.parse

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from donnees_en_main.affichage.graphiques import VARIANTE

ECRAN_TELEPHONE = "(max-width: 600px)"  # the media query under which the phone version is shown


class image_double(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """A chart in two versions: children [phone image, wide image]."""


def _variante(transform: SphinxTransform, image: nodes.image) -> str | None:
    from PIL import Image

    uri = image.get("uri", "")
    if not uri.endswith(".png") or "://" in uri:
        return None
    _, chemin = transform.env.relfn2path(uri, transform.env.docname)
    try:
        with Image.open(chemin) as png:
            return png.text.get(VARIANTE)
    except OSError:
        return None


def _retirer_la_sortie(image: nodes.image) -> None:
    """Take the phone image's whole output out of the page: its myst-nb mime bundle (which also holds
    the output's « <Figure> » text, else chosen in the image's place), then containers left empty."""
    noeud = next((a for a in _ancetres(image) if a.get("nb_element") == "mime_bundle"), image)
    parent = noeud.parent
    parent.remove(noeud)
    while isinstance(parent, nodes.container) and not parent.children and parent.parent is not None:
        suivant = parent.parent
        suivant.remove(parent)  # the phone output's own (now empty) container
        parent = suivant


def _ancetres(noeud):
    while noeud.parent is not None and isinstance(noeud.parent, nodes.container):
        noeud = noeud.parent
        yield noeud


class JoindreLesVariantes(SphinxTransform):
    """Each phone image followed by its wide image (the next image of the page) becomes an image_double."""

    default_priority = 500  # before doctree-read (880), where Sphinx rewrites the images' paths

    def apply(self, **kwargs) -> None:
        for telephone in list(self.document.findall(nodes.image)):
            if _variante(self, telephone) != "telephone":
                continue
            suivante = next(iter(telephone.findall(nodes.image, include_self=False, descend=True,
                                                   siblings=True, ascend=True)), None)
            if suivante is None or _variante(self, suivante) != "large":
                continue
            _retirer_la_sortie(telephone)
            suivante.replace_self(image_double("", telephone, suivante.deepcopy()))


class GarderLaVersionLarge(SphinxPostTransform):
    """Outside HTML (LaTeX, text…): the wide version alone."""

    default_priority = 5

    def run(self, **kwargs) -> None:
        if self.app.builder.format == "html":
            return
        for double in list(self.document.findall(image_double)):
            double.replace_self(double.children[1])


def _visiter_html(self, node: image_double) -> None:
    telephone, large = node.children
    uri = telephone["uri"]
    if uri in self.builder.images:
        uri = posixpath.join(self.builder.imgpath, urllib.parse.quote(self.builder.images[uri]))
    self.body.append(f'<picture><source media="{ECRAN_TELEPHONE}" srcset="{uri}">')
    large["loading"] = "lazy"
    large.walkabout(self)
    self.body.append("</picture>")
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict:
    app.add_node(image_double, html=(_visiter_html, None))
    app.add_transform(JoindreLesVariantes)
    app.add_post_transform(GarderLaVersionLarge)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
