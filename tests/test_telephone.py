"""The book on an élu's phone (issue 18): French typography, short pages, tables that fit.

- ``typographie`` (donnees_en_main.livre.sphinx_fr), the build's French typography, on strings;
- the built book (``livre``, tests/conftest.py): no « l”encodage », narrow no-break spaces, code
  untouched, the download menu in French, no repository path in the élu pages;
- every élu page (chapter manifest, public ELUS) in headless Chromium at 390 × 844: it opens on
  « L'essentiel » (3 to 5 points), is at most 12 screens long, shows its interactive element within
  the first 4 screens, and no table is wider than its place, folded ones included once their dropdown
  is opened; its charts are drawn for the phone: shrunk at most 1.3 times into the column, their
  smallest text 12 CSS px or more (read from the PNG's text chunk), a text alternative each (figures in
  each failure message), the charts of dropdowns and of the dashboards' other views included; no error
  in the console of a fresh visit, nor once its dashboards are used and the theme switched to dark;
- the download menu tapped on a touch screen: French entries, no tooltip left over it;
- the search page: accents and case ignored (« mediane » finds what « médiane » finds), the élus'
  pages before the trainers', excerpts from the page's own text, the magnifier beside the query, no
  error in the console.
"""

from __future__ import annotations

import re

import pytest
from outils_navigateur import MESURES_TELEPHONE, TELEPHONE, chromium_executable, options_chromium, servir

from donnees_en_main.chapitres import ANIMATEURS, CHAPITRES, ELUS
from donnees_en_main.livre.sphinx_fr import ESPACE_FINE, MOINS, sans_accents, typographie, typographie_html

F = ESPACE_FINE
PAGES_ELUS = [f"book/{c.nom}" for c in CHAPITRES if c.public == ELUS]
ECRANS_MAX = 12
ECRANS_AVANT_INTERACTIF_MAX = 4
REDUCTION_MAX = 1.3  # a chart's natural width / its width in the column
TEXTE_GRAPHIQUE_MIN = 12  # CSS px
POINTS_ESSENTIEL = range(3, 6)  # « L'essentiel »: what to remember, in 3 to 5 points
# The élu pages whose dashboard (or interactive path) is their interactive element: each must be found
# on the page (not folded away) and start within the first 4 screens.
PAGES_INTERACTIVES = {f"book/{nom}" for nom in (
    "cantine", "energie", "elections", "qualite", "formats", "moyenne-mediane", "cadre-legal",
    "repondre-citoyen", "ouvrir")}
# A page that cannot fit yet, with its cap (a ratchet: it may only get shorter). Empty: every élu page fits.
ECRANS_ENCORE_TROP: dict[str, float] = {}


# --- the transform, on strings ---------------------------------------------------------------

@pytest.mark.parametrize(("source", "attendu"), [
    ("l'encodage", "l’encodage"),
    ("Pourquoi ? Oui ! Ceci : cela ; fin", f"Pourquoi{F}? Oui{F}! Ceci{F}: cela{F}; fin"),
    ("« bio »", f"«{F}bio{F}»"),
    ("«bio»", f"«{F}bio{F}»"),
    ('il dit "bonjour" puis', f"il dit «{F}bonjour{F}» puis"),
    ("1 184 habitants, 42 000 €, 12 %", f"1{F}184 habitants, 42{F}000{F}€, 12{F}%"),
    ("baisse de -0,6 point", f"baisse de {MOINS}0,6 point"),
    ("article L. 2121-24, COVID-19, 2020-2026", "article L. 2121-24, COVID-19, 2020-2026"),
    ("https://data.gouv.fr, 14:30", "https://data.gouv.fr, 14:30"),
    ("en 2024 2 000 repas", f"en 2024 2{F}000 repas"),
])
def test_typographie_sur_du_texte(source, attendu):
    assert typographie(source) == attendu


def test_typographie_regarde_le_texte_voisin():
    # l'**encodage**: "l'" and "encodage" are two text nodes; « **bio** »: three.
    assert typographie("l'", apres="encodage") == "l’"
    assert typographie("« ", apres="bio") == f"«{F}"
    assert typographie("«", apres="bio") == f"«{F}"
    assert typographie(" »", avant="bio") == f"{F}»"
    assert typographie(" :", avant="x") == f"{F}:"
    assert typographie("Pourquoi ", apres="?") == f"Pourquoi{F}"
    assert typographie("-", apres="3") == MOINS  # a minus sign split from its number stays a minus


def test_typographie_dans_le_html_des_sorties():
    # what the pages' code writes (tables, verdicts, dashboards): the text between tags only
    assert typographie_html("<td>L'article 5 ?</td>") == f"<td>L’article 5{F}?</td>"
    assert typographie_html("<p>d&#x27;autres <b>bases</b> ?</p>") == f"<p>d’autres <b>bases</b>{F}?</p>"
    assert typographie_html("<td>1 184 €</td><td>-3 %</td>") == f"<td>1{F}184{F}€</td><td>{MOINS}3{F}%</td>"
    intact = ("<script>var a = 'x' ; if (b < c) {}</script><code>l'a : b</code><pre>x ; y</pre>"
              "<style>a:hover {}</style><!-- l'avis : non -->")
    assert typographie_html(intact) == intact
    attributs = """<select aria-label="Pourquoi ?" data-libelles='["l&#x27;an", "x ; y"]'><option value="0">oui</option>"""
    assert typographie_html(attributs) == attributs
    assert typographie_html("<p>a < b et c > d : oui</p>") == f"<p>a &lt; b et c &gt; d{F}: oui</p>"


# --- the built book ---------------------------------------------------------------------------

def _article(livre, page: str) -> str:
    html = (livre / f"{page}.html").read_text(encoding="utf-8")
    return html[html.find("<article"):html.find("</article>")]


def _texte(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def _prose(livre, page: str) -> str:
    """The page's own text: without code, math, scripts and the outputs of code (HTML written by Python:
    cell outputs, and outputs pasted elsewhere with the glue directive, e.g. a table in a dropdown)."""
    from bs4 import BeautifulSoup

    article = BeautifulSoup(_article(livre, page), "html.parser")
    for element in article.select(".cell_output, div.output, pre, code, script, style, .math, math"):
        element.decompose()
    return article.get_text()


def test_aucune_apostrophe_devenue_guillemet(livre):
    fautes = {}
    for page in PAGES_ELUS + ["book/guide-animateur", "book/glossaire"]:
        trouves = re.findall(r"\w[”“]\w+", _prose(livre, page))
        if trouves:
            fautes[page] = trouves[:5]
    assert not fautes, f"apostrophes devenues guillemets : {fautes}"
    # and the apostrophe before bold text is the French one (cantine: « l'**encodage** » in the source?)
    assert "’" in _texte(_article(livre, "book/cantine"))


def test_espaces_fines_avant_la_ponctuation_haute(livre):
    sans = {}
    for page in PAGES_ELUS:
        fautes = re.findall(r".{0,12}\w[ \u00a0][?!;:»]|« .{0,12}", _prose(livre, page))
        if fautes:
            sans[page] = fautes[:5]
    assert not sans, f"espaces ordinaires avant « ; : ! ? » ou dans « » : {sans}"
    titres = " ".join(re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", _article(livre, "book/qualite"), flags=re.S))
    assert f"{F}?" in _texte(titres), "le titre « peut-on s'y fier ? » garde son point d'interrogation attaché"


def test_les_sorties_des_pages_des_elus_ont_la_typographie_francaise(livre):
    # tables, verdicts and dashboards written by the pages' code are read by élus like the prose
    from bs4 import BeautifulSoup

    fautes = {}
    for page in PAGES_ELUS:
        article = BeautifulSoup(_article(livre, page), "html.parser")
        for element in article.select("pre, code, script, style, .math, math"):
            element.decompose()
        sorties = " ".join(s.get_text() for s in article.select(".cell_output, div.output"))
        trouves = re.findall(r".{0,12}\w'\w.{0,6}|.{0,12}\w[ \u00a0][?!;:»]|« .{0,12}", sorties)
        if trouves:
            fautes[page] = trouves[:5]
    assert not fautes, f"apostrophes droites ou espaces ordinaires avant « ; : ! ? » dans les sorties : {fautes}"


def test_le_code_n_est_pas_touche(livre):
    # code blocks keep their straight quotes and plain spaces: what a reader copies must run
    blocs = re.findall(r"<pre\b.*?</pre>", _article(livre, "book/guide-correction"), flags=re.S)
    assert blocs, "guide-correction montre des commandes"
    code = "".join(blocs)
    assert F not in code and MOINS not in code and "’" not in code and "--" in code


def test_le_menu_de_telechargement_est_en_francais(livre):
    html = (livre / "book" / "cantine.html").read_text(encoding="utf-8")
    menu = html[html.find("dropdown-download-buttons"):]
    menu = menu[:menu.find("</ul>")]
    assert re.search(r"Carnet pour l(’|'|&#39;)atelier \(\.ipynb\)", menu), menu
    assert "Télécharger en PDF" in menu, menu
    assert "_sources/book/cantine.md" not in menu, "le source Markdown brut n'est plus proposé"
    assert "title=" not in menu.split("</button>", 1)[1], "pas d'infobulle sur les entrées du menu"


CHEMINS_DU_DEPOT = re.compile(r"((?<![\w./-])(?:notebooks|exercises|datasets)/|donnees_en_main[./]|\.ipynb\b|\.venv|python -m|"
                             r"\bpip install|\bgit \w|\b\w+\.py\b)")
# Inline code an élu page may still show, page by page (a ratchet: empty, and to stay so).
CODE_ENCORE_PERMIS: dict[str, set[str]] = {}


def test_aucun_chemin_ni_commande_dans_les_pages_des_elus(livre):
    from bs4 import BeautifulSoup

    trouves = {}
    for page in PAGES_ELUS:
        restes = sorted(set(CHEMINS_DU_DEPOT.findall(_prose(livre, page))))
        if restes:
            trouves[page] = restes
    assert not trouves, f"chemins, fichiers ou commandes du dépôt dans les pages des élus : {trouves}"
    # nor in what the page's code shows (a dataset's record, a message)
    for page in PAGES_ELUS:
        article = BeautifulSoup(_article(livre, page), "html.parser")
        sorties = " ".join(s.get_text(" ") for s in article.select(".cell_output, div.output"))
        restes = sorted(set(CHEMINS_DU_DEPOT.findall(sorties)))
        if restes:
            trouves[page] = restes
    assert not trouves, f"chemins ou fichiers du dépôt dans les sorties des pages des élus : {trouves}"
    # nor code in the text (`dtype=str`): said in words, or moved to the trainers' guide
    for page in PAGES_ELUS:
        article = BeautifulSoup(_article(livre, page), "html.parser")
        for element in article.select(".cell_output, div.output, script, style"):
            element.decompose()
        codes = {c.get_text() for c in article.select("code, pre")} - CODE_ENCORE_PERMIS.get(page, set())
        if codes:
            trouves[page] = sorted(codes)
    assert not trouves, f"code dans le texte des pages des élus (à dire en mots ou à déplacer vers le guide) : {trouves}"


REPR_PYTHON = re.compile(r"<(?:Figure|Axes|matplotlib|ipywidgets|pandas|Output|[A-Z]\w*\(|\w+ object at 0x)[^>]{0,40}>?")


def test_aucune_page_ne_montre_un_objet_python(livre):
    # a chart's output carries its image and a text version (« <Figure> »): the page shows the image
    from bs4 import BeautifulSoup

    trouves = {}
    for page in PAGES_ELUS + ["book/guide-animateur", "book/guide-exercices"]:
        article = BeautifulSoup(_article(livre, page), "html.parser")
        sorties = [s.get_text(" ") for s in article.select(".cell_output, div.output")]
        restes = sorted({m.group(0) for s in sorties for m in REPR_PYTHON.finditer(s)})
        if restes:
            trouves[page] = restes[:5]
    assert not trouves, f"texte d'objet Python au lieu de son rendu : {trouves}"


# --- élu pages on a phone, in Chromium -------------------------------------------------------

# Every dashboard of the page: its first control moved to another choice, as a reader would.
UTILISER_LES_TABLEAUX_DE_BORD = """() => Array.from(document.querySelectorAll('[data-vues] [data-dimension]'))
  .map(c => {
    if (c.tagName === 'FIELDSET') {
      const r = Array.from(c.querySelectorAll('input')).find(r => !r.checked);
      if (r) r.click();
    } else {
      const n = c.tagName === 'SELECT' ? c.options.length : Number(c.max) + 1;
      c.value = String((Number(c.value) + 1) % n);
      c.dispatchEvent(new Event('input', {bubbles: true}));
      c.dispatchEvent(new Event('change', {bubbles: true}));
    }
    return c.tagName;
  }).length"""


@pytest.fixture(scope="module")
def mesures(livre) -> dict[str, dict]:
    if chromium_executable() is None:
        pytest.skip("Chromium n'est pas installé (Debian : sudo apt install chromium)")
    from playwright.sync_api import sync_playwright

    resultats = {}
    with servir(livre) as base, sync_playwright() as p:
        browser = p.chromium.launch(**options_chromium())
        for chemin in PAGES_ELUS:
            # a fresh page each time (new context, empty localStorage), as a reader arriving from a link
            page = browser.new_page(viewport=TELEPHONE)
            erreurs: list[str] = []
            page.on("console", lambda m, e=erreurs: e.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda x, e=erreurs: e.append(str(x)))
            page.goto(f"{base}{chemin}.html", wait_until="networkidle")
            resultats[chemin] = {**page.evaluate(MESURES_TELEPHONE), "erreurs": erreurs}
            # then used as a reader would: each dashboard's control changed, the theme's button tapped
            # (light → dark → automatic): any error on the way is reported with the others
            resultats[chemin]["tableaux_de_bord_utilises"] = page.evaluate(UTILISER_LES_TABLEAUX_DE_BORD)
            resultats[chemin]["themes"] = []
            for _ in range(2):
                page.locator(".theme-switch-button").first.dispatch_event("click")
                page.wait_for_timeout(100)
                resultats[chemin]["themes"].append(page.evaluate("document.documentElement.dataset.mode"))
            page.close()
        browser.close()
    return resultats


def _resume(m: dict) -> str:
    avant = m["ecrans_avant_interactif"]
    return (f"{m['ecrans']:.1f} écrans, élément interactif à l'écran "
            f"{'—' if avant is None else f'{avant + 1:.1f}'}, {len(m['tableaux_debordants'])} tableau(x) "
            f"trop large(s) sur {m['tableaux']} (colonne {m['colonne']} px)")


def test_chaque_page_des_elus_s_ouvre_sur_l_essentiel(mesures):
    sans = {c: m["premier_bloc"] for c, m in mesures.items() if not (m["premier_bloc"] or "").startswith("L’essentiel")}
    assert not sans, f"pages qui ne s'ouvrent pas sur « L’essentiel » (premier bloc après le titre) : {sans}"
    hors = {c: m["points_essentiel"] for c, m in mesures.items() if m["points_essentiel"] not in POINTS_ESSENTIEL}
    assert not hors, f"« L’essentiel » doit tenir en 3 à 5 points (nombre de points par page) : {hors}"


def test_les_pages_des_elus_sont_courtes_sur_un_telephone(mesures):
    print({c: round(m["ecrans"], 1) for c, m in mesures.items()})
    longues = {c: _resume(m) for c, m in mesures.items() if m["ecrans"] > ECRANS_ENCORE_TROP.get(c, ECRANS_MAX)}
    assert not longues, f"pages de plus de {ECRANS_MAX} écrans de téléphone (390 × 844) : {longues}"
    rattrapees = {c: _resume(mesures[c]) for c in ECRANS_ENCORE_TROP if mesures[c]["ecrans"] <= ECRANS_MAX}
    assert not rattrapees, f"à retirer de ECRANS_ENCORE_TROP (la page tient en {ECRANS_MAX} écrans) : {rattrapees}"


def test_l_element_interactif_arrive_dans_les_premiers_ecrans(mesures):
    absents = sorted(c for c in PAGES_INTERACTIVES if mesures[c]["ecrans_avant_interactif"] is None)
    assert not absents, f"élément interactif introuvable (replié ou disparu) : {absents}"
    tard = {c: _resume(m) for c, m in mesures.items()
            if m["ecrans_avant_interactif"] is not None and m["ecrans_avant_interactif"] >= ECRANS_AVANT_INTERACTIF_MAX}
    assert not tard, f"élément interactif après le {ECRANS_AVANT_INTERACTIF_MAX}e écran : {tard}"


def test_aucun_tableau_plus_large_que_la_colonne(mesures):
    assert sum(m["tableaux"] for m in mesures.values()) >= 10, "les tableaux des pages doivent être trouvés"
    larges = {c: m["tableaux_debordants"] for c, m in mesures.items() if m["tableaux_debordants"]}
    assert not larges, f"tableaux plus larges que la colonne à 390 px : {larges}"
    # the tables folded in dropdowns too, once opened (narrower than the column: the dropdown's padding)
    assert sum(m["tableaux_replies"] for m in mesures.values()) >= 10, "les tableaux repliés doivent être trouvés"
    larges = {c: m["tableaux_replies_debordants"] for c, m in mesures.items() if m["tableaux_replies_debordants"]}
    assert not larges, f"tableaux repliés plus larges que leur place à 390 px, une fois ouverts : {larges}"


def test_aucune_erreur_dans_la_console(mesures, visites_recherche):
    # the visit of each élu page included its dashboards used and the theme switched to dark and back
    assert sum(m["tableaux_de_bord_utilises"] for m in mesures.values()) >= 8, "les tableaux de bord doivent être utilisés"
    sombre = {c: m["themes"] for c, m in mesures.items() if "dark" not in m["themes"]}
    assert not sombre, f"le bouton du thème ne passe pas au thème sombre : {sombre}"
    erreurs = {c: m["erreurs"] for c, m in mesures.items() if m["erreurs"]}
    assert not erreurs, f"erreurs dans la console : {erreurs}"
    # and the search page, with each query of REQUETES
    erreurs = {q: v["erreurs"] for q, v in visites_recherche.items() if v["erreurs"]}
    assert not erreurs, f"erreurs dans la console de la page de recherche : {erreurs}"


# --- the download menu, tapped on a phone ----------------------------------------------------

INFOBULLES = """() => Array.from(document.querySelectorAll('.tooltip'))
  .filter(t => t.getBoundingClientRect().height > 0 && getComputedStyle(t).opacity !== '0')
  .map(t => t.innerText.trim())"""


def test_le_menu_de_telechargement_au_doigt(livre):
    if chromium_executable() is None:
        pytest.skip("Chromium n'est pas installé (Debian : sudo apt install chromium)")
    from playwright.sync_api import sync_playwright

    with servir(livre) as base, sync_playwright() as p:
        browser = p.chromium.launch(**options_chromium())
        page = browser.new_context(viewport=TELEPHONE, has_touch=True, is_mobile=True).new_page()
        page.goto(f"{base}book/cantine.html", wait_until="networkidle")
        page.locator(".dropdown-download-buttons > button").tap()
        menu = page.locator(".dropdown-download-buttons .dropdown-menu")
        menu.wait_for(state="visible")
        entrees = [t.strip() for t in menu.locator("a, button").all_inner_texts()]
        assert entrees == ["Carnet pour l’atelier (.ipynb)", "Télécharger en PDF"] or \
            entrees == ["Carnet pour l'atelier (.ipynb)", "Télécharger en PDF"], entrees
        # the notebook is downloaded (in a new tab): nothing stays over the menu or its button
        with page.context.expect_page() as onglet:
            menu.locator("a").first.tap()
        onglet.value.close()
        page.wait_for_timeout(400)
        assert not page.evaluate(INFOBULLES), f"infobulle restée après un toucher : {page.evaluate(INFOBULLES)}"
        page.touchscreen.tap(200, 600)  # elsewhere
        page.wait_for_timeout(400)
        assert not page.evaluate(INFOBULLES), f"infobulle restée après un toucher : {page.evaluate(INFOBULLES)}"
        browser.close()


# --- search in French ------------------------------------------------------------------------

PAGES_ANIMATEURS = {f"book/{c.nom}" for c in CHAPITRES if c.public == ANIMATEURS}
REQUETES = ["médiane", "mediane", "MEDIANE", "données personnelles", "donnees personnelles", "subventions"]
RESULTATS = """() => Array.from(document.querySelectorAll('#search-results ul.search > li')).map(li => ({
  lien: li.querySelector('a').getAttribute('href'), titre: li.querySelector('a').innerText,
  extrait: (li.querySelector('.context') || {innerText: ''}).innerText}))"""
# The parts of a page its excerpt leaves out (the page's title is the result's link).
HORS_EXTRAIT = ".headerlink, script, style, h1, .essayer-navigateur, .dem-cache"


@pytest.fixture(scope="module")
def recherches(visites_recherche) -> dict[str, list[dict]]:
    """The results of each query of REQUETES on the book's search page, at 390 × 844, excerpts loaded."""
    return {q: v["resultats"] for q, v in visites_recherche.items()}


@pytest.fixture(scope="module")
def visites_recherche(livre) -> dict[str, dict]:
    """Each query of REQUETES on the book's search page, at 390 × 844: its results, excerpts loaded, and
    the errors of the browser's console."""
    if chromium_executable() is None:
        pytest.skip("Chromium n'est pas installé (Debian : sudo apt install chromium)")
    from urllib.parse import quote

    from playwright.sync_api import sync_playwright

    resultats = {}
    with servir(livre) as base, sync_playwright() as p:
        browser = p.chromium.launch(**options_chromium())
        page = browser.new_page(viewport=TELEPHONE)
        erreurs: list[str] = []
        page.on("console", lambda m: erreurs.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda x: erreurs.append(str(x)))
        for requete in REQUETES:
            erreurs.clear()
            page.goto(f"{base}search.html?q={quote(requete)}", wait_until="networkidle")
            page.wait_for_function("() => (document.querySelector('#search-results .search-summary') || {}).textContent")
            try:  # the excerpts are fetched page by page
                page.wait_for_function("() => Array.from(document.querySelectorAll('#search-results ul.search > li'))"
                                       ".every(li => li.querySelector('.context'))", timeout=10000)
            except Exception:  # noqa: BLE001 - a missing excerpt is reported by the tests
                pass
            resultats[requete] = {"resultats": page.evaluate(RESULTATS), "erreurs": list(erreurs)}
        browser.close()
    return resultats


def _page_du_lien(lien: str) -> str:
    return lien.split("#")[0].removesuffix(".html")


def test_la_recherche_ignore_accents_et_majuscules(recherches):
    pages = {q: sorted({_page_du_lien(r["lien"]) for r in res}) for q, res in recherches.items()}
    assert len(pages["médiane"]) >= 10, f"« médiane » : {pages['médiane']}"
    for sans, avec in (("mediane", "médiane"), ("MEDIANE", "médiane"), ("donnees personnelles", "données personnelles")):
        assert pages[sans] == pages[avec], (f"« {sans} » trouve {len(pages[sans])} page(s), « {avec} » "
                                            f"{len(pages[avec])} : {sorted(set(pages[avec]) ^ set(pages[sans]))}")
    # titles and glossary entries too: the same results, in the same order
    assert [r["lien"] for r in recherches["mediane"]] == [r["lien"] for r in recherches["médiane"]]


def test_les_pages_des_elus_d_abord(recherches):
    for requete in ("médiane", "données personnelles", "subventions"):
        pages = [_page_du_lien(r["lien"]) for r in recherches[requete]]
        animateurs = [i for i, p in enumerate(pages) if p in PAGES_ANIMATEURS]
        elus = [i for i, p in enumerate(pages) if p not in PAGES_ANIMATEURS]
        assert elus and (not animateurs or max(elus) < min(animateurs)), (
            f"« {requete} » : une page des animateurs avant une page des élus : {pages}")


def test_les_extraits_viennent_du_texte_de_la_page(livre, recherches):
    from bs4 import BeautifulSoup

    textes: dict[str, str] = {}
    fautes = []
    for requete in ("médiane", "données personnelles"):
        mots_cherches = [sans_accents(m)[:5] for m in requete.split()]
        for r in recherches[requete]:
            page = _page_du_lien(r["lien"])
            if page not in textes:
                article = BeautifulSoup(_article(livre, page), "html.parser")
                for element in article.select(HORS_EXTRAIT):
                    element.decompose()
                textes[page] = re.sub(r"\s+", " ", article.get_text())
            extrait = re.sub(r"\s+", " ", r["extrait"].replace("…", " ").replace("...", " ")).strip()
            if not extrait:
                fautes.append(f"{r['lien']} : pas d'extrait")
                continue
            # every 5 words of the excerpt are 5 words of the page's text (not the menus around it)
            mots = extrait.split(" ")
            morceaux = [" ".join(mots[i:i + 5]) for i in range(0, max(len(mots) - 4, 1), 5)]
            ailleurs = [m for m in morceaux if m not in textes[page]]
            if len(ailleurs) > 1 or not any(m in sans_accents(extrait) for m in mots_cherches):
                fautes.append(f"{r['lien']} : « {extrait[:160]} » (hors du texte : {ailleurs[:3]})")
    assert not fautes, "extraits des résultats de recherche :\n" + "\n".join(fautes)


LOUPE = """() => Array.from(document.querySelectorAll('form.bd-search'))
  .filter(f => f.getBoundingClientRect().width > 0)
  .map(f => {
    const i = f.querySelector('.fa-magnifying-glass, svg').getBoundingClientRect();
    const champ = f.querySelector('input'), c = champ.getBoundingClientRect();
    return {loupe: Math.round(i.right), texte: Math.round(c.left + parseFloat(getComputedStyle(champ).paddingLeft))};
  })"""


def test_la_loupe_ne_cache_pas_la_requete(livre):
    if chromium_executable() is None:
        pytest.skip("Chromium n'est pas installé (Debian : sudo apt install chromium)")
    from playwright.sync_api import sync_playwright

    with servir(livre) as base, sync_playwright() as p:
        browser = p.chromium.launch(**options_chromium())
        page = browser.new_page(viewport=TELEPHONE)
        page.goto(f"{base}search.html?q=mediane", wait_until="networkidle")
        champs = page.evaluate(LOUPE)
        # the search box of every page (the header's magnifier button opens it)
        page.goto(f"{base}book/cantine.html", wait_until="networkidle")
        page.locator(".search-button__button:visible").first.click()
        page.locator("#pst-search-dialog form.bd-search").wait_for(state="visible")
        champs += page.evaluate(LOUPE)
        browser.close()
    assert len(champs) == 2, champs
    assert all(c["loupe"] <= c["texte"] for c in champs), f"la loupe déborde sur le texte du champ (px) : {champs}"


def _texte_min_px(livre, adresse: str) -> float | None:
    """The smallest text of a chart image, in pixels of the image (its PNG text chunk), or None."""
    import base64
    import io

    from PIL import Image

    from donnees_en_main.affichage.graphiques import TEXTE_MIN

    if adresse.startswith("data:"):
        donnees = base64.b64decode(adresse.split(",", 1)[1])
    else:
        donnees = (livre / adresse.lstrip("/")).read_bytes()
    with Image.open(io.BytesIO(donnees)) as image:
        texte = getattr(image, "text", {}).get(TEXTE_MIN)
    return None if texte is None else float(texte)


def test_les_graphiques_sont_dessines_pour_le_telephone(mesures, livre):
    # every chart: those shown, those in a dropdown (opened) and in a dashboard's other views (shown)
    images = [(c, i) for c, m in mesures.items() for i in m["images"]]
    assert len(images) >= 10, f"les graphiques des pages doivent être trouvés : {len(images)}"
    cachees = {c: m["images_cachees"] for c, m in mesures.items() if m["images_cachees"]}
    assert sum(cachees.values()) >= 20 and "book/energie" in cachees and "book/elections" in cachees, (
        f"les graphiques des menus déroulants et des autres vues des tableaux de bord doivent être trouvés : {cachees}")
    sans_alt = {c: i["src"][:30] for c, i in images if not i["alt"].strip()}
    assert not sans_alt, f"graphiques sans texte alternatif : {sans_alt}"
    reduits = {}
    petits = {}
    for c, i in images:
        ou = f" ({i['cachee']})" if i["cachee"] else ""
        if i["reduction"] > REDUCTION_MAX:
            reduits.setdefault(c, []).append(f"{i['naturelle']} px affiché sur {i['affichee']} px "
                                             f"(×{i['reduction']:.2f}){ou}")
        texte = _texte_min_px(livre, i["adresse"])
        if texte is None or texte / i["reduction"] < TEXTE_GRAPHIQUE_MIN:
            petits.setdefault(c, []).append(("taille inconnue" if texte is None else f"{texte / i['reduction']:.1f} px") + ou)
    assert not reduits, (f"graphiques réduits plus de {REDUCTION_MAX} fois dans la colonne à 390 px "
                         f"(pire par page : { {c: round(mesures[c]['pire_reduction'], 2) for c in reduits} }) : {reduits}")
    assert not petits, f"texte des graphiques sous {TEXTE_GRAPHIQUE_MIN} px CSS à 390 px : {petits}"
