"""Sphinx extension for the published book: French interface, self-hosted scripts, phone-friendly CSS.

Enabled in ``_config.yml`` (``sphinx.extra_extensions``). It does three things Jupyter Book 1 does not:

- French strings the themes hard-code in English: the search field text (a theme option that
  Jupyter Book sets to "Search this book...") here; the rest are template overrides in
  ``_templates/`` at the repo root (sidebar toggles, main navigation label).
- ``sphinx_fr_static/``: ``livre.css`` (long inline code wraps on a phone; the dashboards' controls)
  and ``vues.js`` (the dashboards switch views without a kernel: see ``donnees_en_main.affichage.interactif``,
  whose book mode the pages' kernels get from ``DONNEES_EN_MAIN_LIVRE=1`` set here). No widget
  manager, no require.js: nothing of about 1 MB to download, nothing from a CDN.
- Each chapter's executed notebook (.ipynb) in the theme's download menu (the theme offers it only when
  a launch service such as Binder is configured); the menu in French (« Carnet pour l'atelier (.ipynb) »,
  « Télécharger en PDF »), without the raw .md source nor tooltips that stayed over it after a tap.
- ``tableaux.js``: a table wider than its column (a phone) is shown as cards, one per row, each cell
  after its column's name; a favicon and a default theme mode (no console error on any page), also
  on the site's root page (``_root_index``: the redirect to the first page, in French).
- Each inline script once: sphinx-thebe's configuration script is added twice by Jupyter Book, a
  JavaScript error ("THEBE_JS_URL has already been declared") on every page.
- Fresh outputs, fast rebuilds: the execution cache is emptied when the package or the datasets
  change (it only sees the pages themselves), so no page needs ``execution_mode: force``.
- French typography, once, by the build (``typographie``, a doctree transform run instead of Sphinx's
  smart quotes): with ``language: fr`` docutils maps ``'`` to the French *secondary* quotes “ ”, and an
  apostrophe before bold text or a link (``l'**encodage**``) was read as a closing quote: « l”encodage ».
  Here ``'`` is always the apostrophe ’, straight double quotes become « », and narrow no-break spaces
  (U+202F) go before ; : ! ? », after «, between thousands and before % and €; a hyphen before a number
  becomes a true minus sign. Never inside code, literal blocks or math; in raw HTML (the pages' outputs:
  tables, verdicts, dashboards) only the text between tags, never in scripts, styles or code.
- Search in French (``RechercheFrancaise``, ``score_recherche`` and ``static/recherche.js`` on the
  search page): accents and case ignored, excerpts from the page's text rather than its menus, the
  élus' pages before the trainers' pages; the field's magnifier beside the query (``livre.css``).
- « L'essentiel » to print (``donnees_en_main.livre.fiches``): the link « Imprimer l'essentiel (PDF,
  1 page) » as the last line of each élu page's box, and, once the pages are written, each page's
  one-page PDF read from its built box (a box too long for one page is a warning, in French).
- « Essayer dans le navigateur » (JupyterLite, built by jupyterlite-sphinx): a link under the title of
  every chapter that has a workshop notebook; the project's files for lite written before lite's build
  (``donnees_en_main.livre.jupyterlite.avant_jupyterlite``); jupyterlite-sphinx's own CSS, script and its
  font from fonts.googleapis.com removed from every page (the book uses none of its directives).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import unicodedata
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.search.fr import SearchFrench
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import is_smartquotable

from donnees_en_main import reglages
from donnees_en_main.typographie import ESPACE_FINE, MOINS, typographie  # noqa: F401 (re-exported)
from sphinx.config import Config

STATIC = Path(__file__).resolve().parent / "static"
SEARCH_BAR_TEXT = "Rechercher dans ce livre…"


def _configure(app: Sphinx, config: Config) -> None:
    # The kernels that run the pages inherit it: dashboards as plain HTML (donnees_en_main.affichage.interactif).
    reglages.passer_en_mode_livre()
    options = dict(config.html_theme_options or {})
    if options.get("search_bar_text") in (None, "", "Search this book..."):
        options["search_bar_text"] = SEARCH_BAR_TEXT
    # The theme writes data-mode="" when no default is set: « Got invalid theme mode » in the console.
    config.html_theme_options = options
    config.html_context = {"default_mode": "auto", **(config.html_context or {})}
    if not config.html_favicon:  # else every page asks for a missing /favicon.ico
        config.html_favicon = str(STATIC / "favicon.svg")
    # Quotes and apostrophes are set by the Typographie transform below (see typographie()).
    config.smartquotes = False
    # Added here rather than in _config.yml: Jupyter Book adds every .css/.js of the html_static_path
    # it sees to every page; this folder's styles and scripts are registered explicitly below.
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    # Search results: the élus' pages before the trainers' (see SCORE_RECHERCHE).
    if not config.html_search_scorer:
        score = Path(app.outdir).parent / "recherche-score.js"
        score.parent.mkdir(parents=True, exist_ok=True)
        score.write_text(score_recherche(), encoding="utf-8")
        config.html_search_scorer = str(score)


def sans_accents(mot: str) -> str:
    """A word as the search compares it: lower case, without accents, œ and æ spelled out.

    >>> sans_accents("Médiane"), sans_accents("CŒUR")
    ('mediane', 'coeur')
    """
    mot = unicodedata.normalize("NFD", mot.lower()).replace("œ", "oe").replace("æ", "ae")
    return "".join(c for c in mot if not unicodedata.combining(c))


class RechercheFrancaise(SearchFrench):
    """Sphinx's French search (snowball stemmer), accent- and case-insensitive: « mediane » finds
    « médiane ». The index stores each word without its accents (``stem``); the page of results
    strips them from the query the same way (``js_splitter_code``: the words of the query, used by
    searchtools.js before it stems them) and from titles (static/recherche.js)."""

    js_splitter_code = r"""
var splitQuery = function (query) {
  return query.normalize("NFD").toLowerCase().replace(/\u0153/g, "oe").replace(/\u00e6/g, "ae")
    .replace(/\p{Mn}/gu, "")
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
    .filter(function (mot) { return mot; });
};
"""

    def init(self, options: dict) -> None:
        super().init(options)
        self.stopwords = set(self.stopwords) | {sans_accents(m) for m in self.stopwords}

    def stem(self, word: str) -> str:
        return self.stemmer.stemWord(sans_accents(word))


def score_recherche() -> str:
    """searchtools.js's Scorer (html_search_scorer): Sphinx's default weights; a trainers' page comes
    after every page for élus (chapters, annexes) that matches the same query."""
    from donnees_en_main.chapitres import ANIMATEURS, CHAPITRES

    animateurs = sorted(f"book/{c.nom}" for c in CHAPITRES if c.public == ANIMATEURS)
    return SCORE_RECHERCHE.replace("__PAGES__", json.dumps(animateurs))


SCORE_RECHERCHE = """
var PAGES_ANIMATEURS = new Set(__PAGES__);
var Scorer = {
  score: function (resultat) {
    return PAGES_ANIMATEURS.has(resultat[0]) ? resultat[4] - 1000 : resultat[4];
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: {0: 15, 1: 5, 2: -5},
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
"""


# Raw HTML written by the pages' code (tables, verdicts, dashboards): only the text between tags is
# set; tags, attributes, entities' meaning, comments and the content of these elements stay as they are.
_BALISE = re.compile(r"""<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[!?/]?[a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*>""", re.S)
_NOM_BALISE = re.compile(r"<(/?)([a-zA-Z][\w:-]*)")
_SANS_TYPOGRAPHIE = {"script", "style", "pre", "code", "kbd", "samp", "tt", "textarea", "math", "svg"}
_VIDES = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col", "embed", "param", "track"}


def typographie_html(source: str) -> str:
    """``typographie`` on the text of an HTML fragment (each text next to its neighbours).

    >>> typographie_html("<p>L'article <b>5</b> ?</p><code>a ; b</code>")
    '<p>L’article <b>5</b>\u202f?</p><code>a ; b</code>'
    """
    morceaux: list[str] = []  # tags and texts, in order
    textes: list[int] = []  # indexes of the texts to set
    ouvertes: list[str] = []  # elements whose text is left alone, currently open
    fin = 0
    for balise in [*_BALISE.finditer(source), None]:
        debut = balise.start() if balise else len(source)
        if debut > fin:
            if not ouvertes:
                textes.append(len(morceaux))
            morceaux.append(source[fin:debut])
        if balise is None:
            break
        morceaux.append(balise.group())
        fin = balise.end()
        nom = _NOM_BALISE.match(balise.group())
        if nom is None:
            continue
        fermante, element = nom.group(1) == "/", nom.group(2).lower()
        if element in _SANS_TYPOGRAPHIE and element not in _VIDES and not balise.group().endswith("/>"):
            if not fermante:
                ouvertes.append(element)
            elif element in ouvertes:
                del ouvertes[len(ouvertes) - 1 - ouvertes[::-1].index(element)]
    clairs = [html.unescape(morceaux[i]) for i in textes]
    for k, i in enumerate(textes):
        avant = clairs[k - 1] if k else ""
        apres = clairs[k + 1] if k + 1 < len(clairs) else ""
        nouveau = typographie(clairs[k], avant, apres)
        if nouveau != clairs[k]:
            morceaux[i] = html.escape(nouveau, quote=False)
    return "".join(morceaux)


class Typographie(SphinxTransform):
    """French typography on every text node of the page, except code, math and raw output."""

    default_priority = 750  # where Sphinx's smart quotes run (disabled in _configure)

    def apply(self, **kwargs) -> None:
        for bloc in self.document.findall(nodes.TextElement):
            if isinstance(bloc.parent, nodes.TextElement):
                continue  # a paragraph, title, caption… is handled once, with its inline children
            textes = list(bloc.findall(nodes.Text))
            originaux = [str(t) for t in textes]
            for i, t in enumerate(textes):
                if not is_smartquotable(t) or isinstance(t.parent, (nodes.raw, nodes.comment)):
                    continue
                avant = originaux[i - 1] if i else ""
                apres = originaux[i + 1] if i + 1 < len(originaux) else ""
                nouveau = typographie(originaux[i], avant, apres)
                if nouveau != originaux[i]:
                    t.parent.replace(t, nodes.Text(nouveau))
        # The pages' own outputs (tables, verdicts, dashboards) are read by élus too.
        for brut in self.document.findall(nodes.raw):
            if "html" in brut.get("format", "").split():
                source = brut.astext()
                nouveau = typographie_html(source)
                if nouveau != source:
                    brut.replace(brut.children[0], nodes.Text(nouveau))


def _notebook_download(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # Runs before sphinx_book_theme's header buttons (priority 501), which read "ipynb_source".
    if app.builder.format != "html" or not str(context.get("sourcename", "")).endswith(".md"):
        return
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not executed.is_file():
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(executed, target)
    context["ipynb_source"] = f"{pagename}.ipynb"


TELECHARGER = {  # the theme's download menu, in French; the raw Markdown source is not offered
    "download-notebook-button": "Carnet pour l'atelier (.ipynb)",
    "download-pdf-button": "Télécharger en PDF",
}


def _download_menu(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # Runs after sphinx_book_theme built its header buttons (priority 501).
    for bouton in context.get("header_buttons") or []:
        if bouton.get("label") != "download-buttons":
            continue
        bouton["tooltip"] = "Télécharger cette page"
        garder = []
        for b in bouton.get("buttons", []):
            if b.get("label") in TELECHARGER:
                # the item says what it does: no tooltip (on a phone it stayed over the menu after a tap)
                garder.append({**b, "text": TELECHARGER[b["label"]], "tooltip": None})
        bouton["buttons"] = garder


def _dedupe_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    seen: set[tuple] = set()
    unique = []
    for script in scripts:
        # An inline script's filename is None or "" depending on who added it.
        key = (getattr(script, "filename", script) or None, tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique  # same list object: Sphinx still sorts it by priority


LITE_ASSETS = ("fonts.googleapis.com", "jupyterlite_sphinx.css", "jupyterlite_sphinx.js")
LIEN_ESSAYER = (
    '<p class="essayer-navigateur"><a class="reference external" href="{url}">'
    "Essayer ce carnet dans le navigateur</a>\u202f: le carnet d’atelier de ce chapitre, exécuté sur votre "
    "appareil, sans rien installer (<a class=\"reference internal\" href=\"{aide}\">comment ça marche</a>).</p>"
)


SOURCES_DES_PAGES = ("donnees_en_main", "datasets")  # what the pages' code reads, besides themselves
EMPREINTE = "donnees-en-main.empreinte"


def _outdated_cache(app: Sphinx) -> None:
    # A page's cached outputs stay valid while the page, the package and the datasets are unchanged.
    # When the package or the data change, the execution cache is emptied and every page re-read.
    cache = Path(app.env.mystnb_config.execution_cache_path)
    tampon = cache / EMPREINTE
    empreinte = reglages.empreinte(Path(app.confdir), SOURCES_DES_PAGES)
    app.env.donnees_en_main_relire = False
    if cache.is_dir() and (not tampon.is_file() or tampon.read_text() != empreinte):
        shutil.rmtree(cache)
        app.env.donnees_en_main_relire = True
    cache.mkdir(parents=True, exist_ok=True)
    tampon.write_text(empreinte)


def _reread_all(app: Sphinx, env, added, changed, removed) -> list[str]:
    return sorted(env.found_docs) if getattr(env, "donnees_en_main_relire", False) else []


def _lite_per_build(app: Sphinx, config: Config) -> None:
    # Each build stages lite's contents in its own output folder: jupyterlite-sphinx empties that
    # folder when a build starts, and the tests build the HTML book and the PDF at the same time.
    config.jupyterlite_content_dir = str(Path(app.outdir).parent / "jupyterlite-contenu")


def _lite_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    for key in ("css_files", "script_files"):
        files = context.get(key)
        if isinstance(files, list):
            files[:] = [f for f in files if not any(a in str(getattr(f, "filename", f) or "") for a in LITE_ASSETS)]


def _try_in_browser(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.name != "html" or not pagename.startswith("book/"):
        return
    nom = pagename.split("/", 1)[1]
    if not (Path(app.confdir) / "notebooks" / f"{nom}.ipynb").is_file() or "body" not in context:
        return
    racine = "../" * pagename.count("/")
    lien = LIEN_ESSAYER.format(url=f"{racine}lite/notebooks/index.html?path={nom}.ipynb", aide=f"{racine}book/essayer.html")
    body = context["body"]
    fin_titre = body.find("</h1>")
    position = fin_titre + len("</h1>") if fin_titre >= 0 else 0
    # after the page's « L'essentiel » box, which opens the page (an admonition: no nested <div>)
    essentiel = re.compile(r'\s*<div class="[^"]*\bessentiel\b[^"]*">').match(body, position)
    if essentiel:
        position = body.find("</div>", essentiel.end()) + len("</div>")
    context["body"] = body[:position] + lien + body[position:]


def _print_link(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    from donnees_en_main.livre import fiches

    if app.builder.name != "html" or "body" not in context or pagename not in fiches.pages_elus():
        return
    context["body"] = fiches.ajouter_lien(context["body"], pagename)


def _print_sheets(app: Sphinx, exception: Exception | None) -> None:
    """Each élu page's « L'essentiel » sheet, from the page as written (see donnees_en_main.livre.fiches)."""
    if exception is not None or app.builder.name != "html":
        return
    from sphinx.util import logging

    from donnees_en_main.livre import fiches

    ecrits, problemes = fiches.ecrire_fiches(Path(app.outdir), app.config.html_baseurl or None)
    journal = logging.getLogger(__name__)
    for probleme in problemes:
        journal.warning(probleme, type="donnees_en_main", subtype="fiche")
    journal.info(f"Fiches « L’essentiel » à imprimer : {len(ecrits)} PDF dans {fiches.DOSSIER}/")


PAGE_ACCUEIL = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{titre}</title>
<link rel="icon" href="data:,">
<meta http-equiv="Refresh" content="0; url={cible}">
</head>
<body>
<p><a href="{cible}">Ouvrir le livre « {titre} »</a></p>
</body>
</html>
"""


def _root_index(app: Sphinx, exception: Exception | None) -> None:
    """The site's root page: a redirect to the first page, in French, with the book's icon.

    sphinx-external-toc writes a bare ``<meta http-equiv="Refresh">`` when the root page is not
    ``index``: no icon, so the browser asks for a missing /favicon.ico (a 404 in the console on
    every visit of the site's address), no language, no title, no link if refresh is disabled.
    Its icon is an empty data: address: the page is left at once, and a real icon's request would be
    cut off by the redirect (an aborted request in the console). Written here first
    (sphinx-external-toc keeps an index.html that exists).
    """
    if exception is not None or app.builder.format != "html" or app.config.master_doc == "index":
        return
    cible = f"{app.config.master_doc}.html"
    titre = html.escape(app.config.html_title or app.config.project)
    page = PAGE_ACCUEIL.format(titre=titre, cible=html.escape(cible))
    (Path(app.outdir) / "index.html").write_text(page, encoding="utf-8")


def _search_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if pagename == "search":
        app.add_js_file("recherche.js", loading_method="defer")


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _configure)
    app.add_search_language(RechercheFrancaise)
    app.connect("html-page-context", _search_page)
    app.add_transform(Typographie)
    app.connect("config-inited", _lite_per_build, priority=400)  # before jupyterlite-sphinx's (500)
    app.connect("builder-inited", _outdated_cache, priority=900)  # after myst-nb set the cache path
    app.connect("env-get-outdated", _reread_all)
    app.connect("html-page-context", _notebook_download, priority=500)
    app.connect("html-page-context", _download_menu, priority=502)
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    app.connect("html-page-context", _lite_assets, priority=900)
    app.connect("html-page-context", _try_in_browser, priority=500)
    app.connect("html-page-context", _print_link, priority=500)
    from donnees_en_main.livre import jupyterlite

    app.connect("builder-inited", jupyterlite.faut_il_construire)
    app.connect("build-finished", jupyterlite.avant_jupyterlite, priority=400)  # jupyterlite-sphinx builds at 500
    app.connect("build-finished", jupyterlite.apres_jupyterlite, priority=600)
    app.connect("build-finished", _root_index, priority=300)  # before sphinx-external-toc's (500)
    app.connect("build-finished", _print_sheets, priority=350)
    app.add_css_file("livre.css")
    app.add_js_file("tableaux.js", loading_method="defer")
    app.add_js_file("vues.js", loading_method="defer")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
