"""The published book, as élus read it in a browser: private, accessible, readable on a phone.

The book (built once for the run, tests/conftest.py) is served on 127.0.0.1 and every HTML page is
loaded in headless Chromium at a desktop size (1280 × 900), then narrowed to a phone's (390 × 844):

- every request goes to the book's own host (no CDN, no font service, no statistics);
- no resource is missing (no 404), no JavaScript error, no error in the console;
- axe-core finds no WCAG 2.0/2.1 A or AA violation, light and dark themes, desktop and phone;
- every dashboard (donnees_en_main.affichage.interactif, book mode: native controls, pre-computed views) shows
  a view and switches to another one when its control changes, with no kernel and no widget manager;
  any ipywidget left is drawn from its saved state: never a blank box or an error;
- on a phone, no page scrolls sideways (wide tables scroll inside their own box).

Plus: each chapter's notebook can be downloaded (not its raw .md source), every figure has a French text alternative.
(The PDF of the whole book is tested in tests/test_livre.py, which runs on the other xdist worker.)
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import re
from pathlib import Path

import pytest
from outils_navigateur import BUREAU, TELEPHONE, chromium_executable, options_chromium, pages_html, servir
from test_livre import pages_du_sommaire

RACINE = Path(__file__).resolve().parent.parent
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
TAGS_WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VUE_WIDGET = 'script[type="application/vnd.jupyter.widget-view+json"]'
PAGES_EN_PARALLELE = 3

if chromium_executable() is None:
    if os.environ.get("DONNEES_EN_MAIN_CHROMIUM_OBLIGATOIRE"):
        raise RuntimeError("Chromium est introuvable : installez-le (Debian : sudo apt install chromium).")
    pytest.skip("Chromium n'est pas installé (Debian : sudo apt install chromium)", allow_module_level=True)


@dataclasses.dataclass
class Visite:
    """What one page did in the browser: loaded at desktop size, then narrowed to a phone's."""

    requetes: list[str] = dataclasses.field(default_factory=list)
    echecs: list[str] = dataclasses.field(default_factory=list)
    erreurs_js: list[str] = dataclasses.field(default_factory=list)
    violations: list[dict] = dataclasses.field(default_factory=list)
    largeur_telephone: int = 0
    widgets: dict = dataclasses.field(default_factory=dict)
    widgets_telephone: dict = dataclasses.field(default_factory=dict)
    tableaux_de_bord: list = dataclasses.field(default_factory=list)
    tableaux_de_bord_telephone: list = dataclasses.field(default_factory=list)


AXE_RUN = """async ([tags, regles, fenetre]) => {
  const options = {resultTypes: ['violations'],
    runOnly: regles ? {type: 'rule', values: regles} : {type: 'tag', values: tags}};
  const r = await axe.run(document, options);
  return r.violations.map(v => ({id: v.id, fenetre: fenetre, aide: v.help, impact: v.impact,
    cibles: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' : ' + n.html.slice(0, 160))}));
}"""

ETAT_WIDGETS = """(selecteur) => {
  const vues = Array.from(document.querySelectorAll(selecteur));
  const vides = vues.filter(v => {
    const rendus = Array.from(v.parentElement.querySelectorAll('.jupyter-widgets'))
      .filter(w => w.getBoundingClientRect().height > 10);
    return rendus.length === 0;
  }).length;
  const erreurs = document.querySelectorAll('.jupyter-widgets-error-widget').length
    + (/Error displaying widget|Could not create a view/.test(document.body.innerText) ? 1 : 0);
  return {vues: vues.length, vides: vides, erreurs: erreurs};
}"""


# Every top-level dashboard of the page: its visible views, then its first control is changed (as a
# reader would: another option, another radio button, the slider moved) and its visible views again.
TABLEAUX_DE_BORD = """() => Array.from(document.querySelectorAll('[data-vues]'))
  .filter(b => !b.parentElement.closest('[data-vues]'))
  .map(boite => {
    const visibles = () => Array.from(boite.querySelectorAll(':scope > .dem-vues-panneaux > [data-cle]'))
      .filter(p => !p.hidden).map(p => ({cle: p.dataset.cle, hauteur: p.getBoundingClientRect().height}));
    const avant = visibles();
    const c = boite.querySelector(':scope > .dem-vues-controles [data-dimension]');
    if (c.tagName === 'FIELDSET') {
      Array.from(c.querySelectorAll('input')).find(r => !r.checked).click();
    } else {
      const n = c.tagName === 'SELECT' ? c.options.length : Number(c.max) + 1;
      c.value = String((Number(c.value) + 1) % n);
      c.dispatchEvent(new Event('input', {bubbles: true}));
    }
    const apres = visibles();
    const sortie = c.parentElement.querySelector('output');
    return {avant: avant, apres: apres, controle: c.tagName, sortie: sortie ? sortie.textContent : null,
            largeur: boite.getBoundingClientRect().width};
  })"""


async def _visiter(browser, url: str) -> Visite:
    visite = Visite()
    page = await browser.new_page(viewport=BUREAU)
    page.on("request", lambda r: visite.requetes.append(r.url))
    page.on("requestfailed", lambda r: visite.echecs.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: visite.echecs.append(f"{r.url} ({r.status})") if r.status >= 400 else None)
    page.on("pageerror", lambda e: visite.erreurs_js.append(str(e)))
    # and what the page's scripts report as errors (« Got invalid theme mode », a missing favicon)
    page.on("console", lambda m: visite.erreurs_js.append(f"console : {m.text}") if m.type == "error" else None)
    await page.goto(url, wait_until="networkidle")
    if await page.evaluate(f"document.querySelectorAll('{VUE_WIDGET}').length"):
        # The widget manager draws after the load event: wait until every view is drawn (or 15 s).
        try:
            await page.wait_for_function(f"({ETAT_WIDGETS})('{VUE_WIDGET}').vides === 0", timeout=15000)
        except Exception:  # noqa: BLE001 - reported by the widget test below
            pass
    visite.widgets = await page.evaluate(ETAT_WIDGETS, VUE_WIDGET)
    visite.tableaux_de_bord = await page.evaluate(TABLEAUX_DE_BORD)
    await page.add_script_tag(path=str(AXE))
    # colour transitions off, so that axe sees final colours after a change of theme or size
    await page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    visite.violations += await page.evaluate(AXE_RUN, [TAGS_WCAG, None, "bureau"])
    # The theme's dark mode (a reader whose device is set to dark): contrast only.
    await page.evaluate("document.documentElement.dataset.theme = 'dark'")
    await page.wait_for_timeout(50)
    visite.violations += await page.evaluate(AXE_RUN, [None, ["color-contrast"], "bureau, thème sombre"])
    await page.evaluate("document.documentElement.dataset.theme = 'light'")
    # The same page on a phone (the layout follows the width: CSS media queries, resize handlers).
    await page.set_viewport_size(TELEPHONE)
    await page.wait_for_timeout(400)
    visite.largeur_telephone = await page.evaluate("document.documentElement.scrollWidth")
    visite.widgets_telephone = await page.evaluate(ETAT_WIDGETS, VUE_WIDGET)
    visite.tableaux_de_bord_telephone = await page.evaluate(TABLEAUX_DE_BORD)
    visite.violations += await page.evaluate(AXE_RUN, [TAGS_WCAG, None, "téléphone"])
    await page.wait_for_load_state("networkidle")  # anything the phone layout asked for
    await page.close()
    return visite


async def _tout_visiter(base: str, pages: list[str]) -> dict[str, Visite]:
    from playwright.async_api import async_playwright

    resultats: dict[str, Visite] = {}
    async with async_playwright() as p:
        browser = await p.chromium.launch(**options_chromium())
        places = asyncio.Semaphore(PAGES_EN_PARALLELE)

        async def une(chemin: str) -> None:
            async with places:
                resultats[chemin] = await _visiter(browser, base + chemin)

        await asyncio.gather(*(une(chemin) for chemin in pages))
        await browser.close()
    return resultats


@pytest.fixture(scope="module")
def site_visite(construction_livre) -> tuple[str, dict[str, Visite]]:
    """(base URL, visit of every page) — every HTML page of the book, in headless Chromium."""
    site = construction_livre.html
    pages = pages_html(site)
    manquantes = [p for p in pages_du_sommaire() if f"{p}.html" not in pages]
    assert not manquantes, f"pages du sommaire absentes du livre construit : {manquantes}\n{construction_livre.journal}"
    with servir(site) as base:
        return base, asyncio.run(_tout_visiter(base, pages))


def test_chaque_page_est_chargee(site_visite):
    _, visites = site_visite
    assert {"index.html", "search.html", "genindex.html"} <= set(visites)
    assert {f"{p}.html" for p in pages_du_sommaire()} <= set(visites)
    for chemin, v in visites.items():
        assert any(r.endswith(chemin) for r in v.requetes), f"{chemin} n'a pas été chargée"


def test_aucune_requete_vers_un_tiers(site_visite):
    base, visites = site_visite
    tiers = {
        chemin: sorted({r for r in v.requetes if not r.startswith((base, "data:", f"blob:{base}"))})
        for chemin, v in visites.items()
    }
    tiers = {k: v for k, v in tiers.items() if v}
    assert not tiers, f"requêtes hors du site du livre : {json.dumps(tiers, indent=1, ensure_ascii=False)}"
    # and the pages did load their own resources (the test sees requests at all)
    assert all(len(v.requetes) >= 5 for v in visites.values())


def test_chaque_page_declare_son_icone(construction_livre):
    """Else the browser asks for /favicon.ico, a 404 only sometimes seen (a redirect page leaves first).

    The root page (a redirect) declares an empty data: icon: no request that the redirect would abort.
    """
    site = construction_livre.html
    sans_icone = []
    for chemin in pages_html(site):
        texte = (site / chemin).read_text(encoding="utf-8")
        icone = re.search(r'<link[^>]*rel="(?:shortcut )?icon"[^>]*href="([^"]+)"', texte)
        if icone is None or not (icone[1].startswith("data:") or (site / chemin).parent.joinpath(icone[1]).resolve().is_file()):
            sans_icone.append(chemin)
    assert not sans_icone, f"pages sans icône (le navigateur demande /favicon.ico, absent) : {sans_icone}"
    accueil = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in accueil and "<title>" in accueil and 'href="data:,"' in accueil, accueil


def test_aucune_ressource_manquante_ni_erreur_javascript(site_visite):
    _, visites = site_visite
    problemes = {
        chemin: v.echecs + [f"erreur JavaScript : {e}" for e in v.erreurs_js]
        for chemin, v in visites.items()
        if v.echecs or v.erreurs_js
    }
    assert not problemes, json.dumps(problemes, indent=1, ensure_ascii=False)


def test_aucune_violation_wcag_aa(site_visite):
    _, visites = site_visite
    violations = {
        chemin: [f"{x['id']} ({x['fenetre']}) [{x['impact']}] {x['aide']} — {x['cibles']}" for x in v.violations]
        for chemin, v in visites.items()
        if v.violations
    }
    assert not violations, "axe-core (WCAG 2.1 A et AA) :\n" + json.dumps(violations, indent=1, ensure_ascii=False)


def test_les_tableaux_de_bord_repondent_sans_noyau(site_visite):
    _, visites = site_visite
    avec = {k: v for k, v in visites.items() if v.tableaux_de_bord}
    attendus = {f"book/{nom}.html" for nom in ("cantine", "energie", "elections", "moyenne-mediane", "cadre-legal",
                                               "qualite", "formats", "repondre-citoyen")}  # fmt: skip
    assert attendus <= set(avec), f"tableaux de bord absents : {sorted(attendus - set(avec))}"
    for chemin, v in avec.items():
        for fenetre, tableaux in (("bureau", v.tableaux_de_bord), ("téléphone", v.tableaux_de_bord_telephone)):
            for n, t in enumerate(tableaux, start=1):
                lieu = f"{chemin} ({fenetre}), tableau {n}"
                # a view is shown from the start (the legal path starts with no answer: nothing below it)
                if chemin != "book/cadre-legal.html":
                    assert len(t["avant"]) == 1 and t["avant"][0]["hauteur"] > 10, f"{lieu} : aucune vue affichée {t}"
                assert len(t["apres"]) == 1 and t["apres"][0]["hauteur"] > 10, f"{lieu} : aucune vue après le choix {t}"
                assert [a["cle"] for a in t["avant"]] != [a["cle"] for a in t["apres"]], f"{lieu} : le choix ne change rien"
        if v.tableaux_de_bord and any(t["controle"] == "INPUT" for t in v.tableaux_de_bord):
            assert all(t["sortie"] for t in v.tableaux_de_bord if t["controle"] == "INPUT"), chemin
    # no widget manager left to download (about 1 MB of JavaScript): the dashboards are plain HTML
    for chemin, v in visites.items():
        assert not [u for u in v.requetes if u.endswith("embed-amd.js")], f"{chemin} charge encore le gestionnaire de widgets"


def test_les_tableaux_de_bord_se_manient_au_clavier(construction_livre):
    from playwright.sync_api import sync_playwright

    with servir(construction_livre.html) as base, sync_playwright() as p:
        browser = p.chromium.launch(**options_chromium())
        page = browser.new_page(viewport=TELEPHONE)
        for chemin, selecteur, touche in (
            ("book/cantine.html", ".dem-vues-controles select", "ArrowDown"),
            ("book/elections.html", ".dem-vues-boutons input", "ArrowRight"),
            ("book/moyenne-mediane.html", ".dem-vues-curseur input", "ArrowRight"),
        ):
            page.goto(base + chemin)
            controle = page.locator(selecteur).first
            boite = controle.locator("xpath=ancestor::div[@data-vues][1]")
            visible = boite.locator(":scope > .dem-vues-panneaux > [data-cle]:not([hidden])")
            avant = visible.first.get_attribute("data-cle")
            controle.focus()
            page.keyboard.press(touche)
            apres = visible.first.get_attribute("data-cle")
            assert avant != apres, f"{chemin} : la touche {touche} ne change pas la vue ({avant})"
        browser.close()


def test_les_widgets_restants_s_affichent_sans_noyau(site_visite):
    _, visites = site_visite
    avec_widgets = {k: v for k, v in visites.items() if v.widgets.get("vues")}
    for chemin, v in avec_widgets.items():
        for fenetre, etat in (("bureau", v.widgets), ("téléphone", v.widgets_telephone)):
            assert etat["vides"] == 0, f"{chemin} ({fenetre}) : {etat['vides']} widget(s) affiché(s) vide(s)"
            assert etat["erreurs"] == 0, f"{chemin} ({fenetre}) : un widget affiche une erreur"


def test_aucune_page_ne_deborde_sur_un_telephone(site_visite):
    _, visites = site_visite
    trop_larges = {c: v.largeur_telephone for c, v in visites.items() if v.largeur_telephone > TELEPHONE["width"]}
    assert not trop_larges, f"pages plus larges que l'écran d'un téléphone ({TELEPHONE['width']} px) : {trop_larges}"


def test_le_carnet_de_chaque_chapitre_se_telecharge(construction_livre):
    site = construction_livre.html
    executes = {p.relative_to(construction_livre.sortie / "_build" / "jupyter_execute").with_suffix("").as_posix()
                for p in (construction_livre.sortie / "_build" / "jupyter_execute").rglob("*.ipynb")}
    chapitres = [p for p in pages_du_sommaire() if p in executes]
    assert len(chapitres) >= 3, "les chapitres exécutés doivent être trouvés"
    for page in chapitres:
        html = (site / f"{page}.html").read_text(encoding="utf-8")
        nom = page.split("/")[-1]
        lien = re.search(rf'href="([^"]*_sources/{re.escape(page)}\.ipynb)"', html)
        assert lien, f"{page} : pas de lien de téléchargement du carnet"
        assert (site / "_sources" / f"{page}.ipynb").is_file(), f"{page}.ipynb absent du site"
        # the raw Markdown source (Python code, served without a charset) is not offered to readers
        assert not re.search(rf'href="[^"]*_sources/{re.escape(page)}\.md"', html), f"{page} : lien vers le .md brut"
        carnet = json.loads((site / "_sources" / f"{page}.ipynb").read_text(encoding="utf-8"))
        assert carnet["nbformat"] == 4 and carnet["cells"], nom
        assert any(c.get("outputs") for c in carnet["cells"] if c["cell_type"] == "code"), (
            f"{nom}.ipynb doit contenir les résultats (graphiques, tableaux) déjà calculés"
        )


def test_chaque_figure_a_un_texte_alternatif_en_francais(construction_livre):
    # axe accepts any alt; myst-nb writes the image's file name when a figure has no
    # `mystnb: image: alt:` metadata. Each figure needs a sentence saying what it shows.
    manques = {}
    for page in pages_du_sommaire():
        html = (construction_livre.html / f"{page}.html").read_text(encoding="utf-8")
        article = html[html.find("<article"):html.find("</article>")]
        for balise in re.findall(r"<img\b[^>]*>", article):
            alt = re.search(r'alt="([^"]*)"', balise)
            texte = alt.group(1).strip() if alt else ""
            if len(texte.split()) < 4 or re.search(r"\.(png|jpe?g|svg|gif)$", texte):
                manques.setdefault(page, []).append(texte or "(aucun)")
    assert not manques, f"figures sans texte alternatif qui décrit ce qu'elles montrent : {manques}"


# Theme strings that stayed in English with `language: fr` (jupyter-book #1780 and hard-coded
# theme templates), searched in every page outside the chapter's own text.
ANGLAIS = [
    "Search this book", "Search the docs", "Toggle primary sidebar", "Toggle secondary sidebar",
    'aria-label="Main"', "Skip to main content", "Back to top", "On this page", "Contents",
    "Download this page", "Download source file", "Download notebook file", "Print to PDF",
    "Fullscreen mode", "Launch", "Color mode", "Last updated", "Previous", "Next", ">By ",
    "Section Navigation", "Site navigation", "Copyright",
]


def test_l_interface_du_livre_est_en_francais(construction_livre):
    restes = {}
    for chemin in pages_html(construction_livre.html):
        html = (construction_livre.html / chemin).read_text(encoding="utf-8")
        html = re.sub(r"<article\b.*?</article>", "", html, flags=re.S)  # the chapter itself
        html = re.sub(r"<script\b.*?</script>", "", html, flags=re.S)
        trouves = [mot for mot in ANGLAIS if mot in html]
        if trouves:
            restes[chemin] = trouves
    assert not restes, f"textes de l'interface restés en anglais : {restes}"
    accueil = (construction_livre.html / "book" / "intro.html").read_text(encoding="utf-8")
    for attendu in ("Rechercher dans ce livre", "Passer au contenu principal", "Sommaire du livre",
                    "Afficher ou masquer le sommaire", "Télécharger en PDF", "Auteurs :"):
        assert attendu in accueil, attendu
