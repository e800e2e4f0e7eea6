"""« Imprimer l'essentiel »: a one-page PDF of each élu chapter's « L'essentiel » box (issue 20).

What an élu does: on a chapter's page, under the box's points, taps « Imprimer l'essentiel (PDF,
1 page) » and gets one A4 page with the chapter's title, the same points, the page's address and the
date. Checked here:

- the built book (``livre``, tests/conftest.py): every élu page has the link in its box, the link
  resolves in the site (in Chromium at phone width, a tap opens that PDF; the link is one line),
  each PDF has exactly one page and holds the box's text as the page shows it;
- ``donnees_en_main.livre.fiches`` on synthetic pages: French characters printed as they are (« », €,
  narrow no-break spaces, accents), a long box set smaller to fit, a box too long for one page refused
  with a French message (as a Sphinx warning in the build, an error in ``publier``);
- ``publier --adresse`` prints the page's public address on its sheet; nginx serves the PDF with a
  policy that lets Chrome's PDF viewer show it, and keeps ``object-src 'none'`` on the pages.

The PDFs are read without the library that writes them: their text through each font's ToUnicode
map (PDF 1.7, 9.10.3), their pages by counting the page objects.
"""

from __future__ import annotations

import datetime
import re
import zlib
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from donnees_en_main.chapitres import CHAPITRES, ELUS
from donnees_en_main.livre import fiches

PAGES_ELUS = [f"book/{c.nom}" for c in CHAPITRES if c.public == ELUS]
ADRESSE = "https://donnees.example.fr/livre/"


# --- reading a PDF, independently of fpdf2 -----------------------------------------------------------

def _objets(pdf: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """Each indirect object: (its dictionary's text, its decoded stream or None). A stream is read
    by its /Length: its compressed bytes may hold anything, "endobj" included."""
    objets = {}
    debut_objet = re.compile(rb"(\d+)\s+0\s+obj\b")
    suite = re.compile(rb"\bstream\r?\n|\bendobj\b")
    position = 0
    while (m := debut_objet.search(pdf, position)) is not None:
        s = suite.search(pdf, m.end())
        assert s is not None, f"objet {m[1]} sans fin"
        dico = pdf[m.end():s.start()]
        if s[0] == b"endobj":
            objets[int(m[1])] = (dico, None)
            position = s.end()
            continue
        longueur = int(re.search(rb"/Length\s+(\d+)", dico)[1])
        donnees = pdf[s.end():s.end() + longueur]
        objets[int(m[1])] = (dico, zlib.decompress(donnees) if b"/FlateDecode" in dico else donnees)
        position = pdf.index(b"endobj", s.end() + longueur) + len(b"endobj")
    return objets


def _chaine_litterale(s: bytes) -> bytes:
    """A PDF literal string's bytes (its escapes decoded), parentheses excluded."""
    sortie = bytearray()
    i = 0
    while i < len(s):
        c = s[i]
        if c == 0x5C:  # backslash
            i += 1
            e = s[i:i + 1]
            if e in b"nrtbf":
                sortie += {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}[e]
            elif e.isdigit():
                octal = re.match(rb"[0-7]{1,3}", s[i:i + 3])[0]
                sortie.append(int(octal, 8) & 0xFF)
                i += len(octal) - 1
            elif e in b"\r\n":
                pass
            else:
                sortie += e
        else:
            sortie.append(c)
        i += 1
    return bytes(sortie)


def _table_unicode(cmap: bytes) -> dict[int, str]:
    table = {}
    for bloc in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, texte in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", bloc):
            table[int(code, 16)] = bytes.fromhex(texte.decode()).decode("utf-16-be")
    for bloc in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for debut, fin, texte in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", bloc):
            base = int(texte, 16)
            for k, code in enumerate(range(int(debut, 16), int(fin, 16) + 1)):
                table[code] = chr(base + k)
    return table


_JETONS = re.compile(rb"/(\w+)\s+[\d.]+\s+Tf|\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|\bT[Jj]\b|\bET\b", re.S)


def lire_pdf(pdf: bytes) -> tuple[int, str]:
    """(number of pages, the text shown, in the order it is drawn)."""
    assert pdf.startswith(b"%PDF-"), pdf[:20]
    objets = _objets(pdf)
    pages = sum(1 for dico, _ in objets.values() if re.search(rb"/Type\s*/Page(?![a-zA-Z])", dico))
    tables: dict[bytes, dict[int, str]] = {}
    for dico, _ in objets.values():
        for nom, numero in re.findall(rb"/(\w+)\s+(\d+)\s+0\s+R", dico):
            police = objets.get(int(numero), (b"", None))[0]
            tu = re.search(rb"/ToUnicode\s+(\d+)\s+0\s+R", police)
            if b"/Font" in police and tu:
                tables[nom] = _table_unicode(objets[int(tu[1])][1] or b"")
    morceaux = []
    for dico, flux in objets.values():
        if flux is None or b"/Length1" in dico or b"beginbfchar" in flux or b"Tf" not in flux:
            continue
        police = None
        for m in _JETONS.finditer(flux):
            jeton = m[0]
            if m[1]:
                police = m[1]
            elif jeton.startswith((b"(", b"<")):
                octets = _chaine_litterale(jeton[1:-1]) if jeton.startswith(b"(") else bytes.fromhex(jeton[1:-1].decode())
                table = tables.get(police, {})
                codes = [int.from_bytes(octets[i:i + 2], "big") for i in range(0, len(octets) - 1, 2)]
                morceaux.append("".join(table.get(c, "\ufffd") for c in codes))
            elif jeton == b"ET":
                morceaux.append("\n")
    return pages, " ".join(morceaux)


def _sans_blancs(texte: str) -> str:
    # lines are broken at spaces, runs of bold text are drawn apart: compare the characters, in order
    return re.sub(r"[\s\u00a0\u202f]+", "", texte)


def _contient(texte_pdf: str, attendu: str) -> bool:
    return _sans_blancs(attendu) in _sans_blancs(texte_pdf)


# --- the built book ----------------------------------------------------------------------------------

def _boite(livre: Path, page: str):
    from bs4 import BeautifulSoup

    soupe = BeautifulSoup((livre / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    return soupe.select_one("article"), soupe.select_one("article .admonition.essentiel")


def test_chaque_page_des_elus_a_son_lien_et_sa_fiche_d_une_page(livre):
    aujourd_hui = datetime.date.today()
    dates = {fiches.date_francaise(aujourd_hui - datetime.timedelta(days=n)) for n in (0, 1)}
    fautes = {}
    for page in PAGES_ELUS:
        article, boite = _boite(livre, page)
        assert boite is not None, f"{page} : pas d'encadré « L'essentiel »"
        liens = boite.select("p.essentiel-imprimer a")
        if len(liens) != 1 or liens[0].get_text() != fiches.LIEN_TEXTE:
            fautes[page] = f"lien dans l'encadré : {[a.get_text() for a in liens]}"
            continue
        cible = urljoin(f"http://livre/{page}.html", liens[0]["href"])
        pdf = livre / urlsplit(cible).path.lstrip("/")
        if not pdf.is_file():
            fautes[page] = f"le lien mène à {urlsplit(cible).path}, absent du livre construit"
            continue
        pages, texte = lire_pdf(pdf.read_bytes())
        manque = []
        titre = article.find("h1")
        for a in titre.select(".headerlink"):
            a.decompose()
        attendus = [titre.get_text(), boite.select_one(".admonition-title").get_text()]
        attendus += [li.get_text() for li in boite.select("li")]
        manque = [t.strip()[:50] for t in attendus if not _contient(texte, t)]
        if not any(d in texte for d in dates):
            manque.append(f"la date ({' ou '.join(sorted(dates))})")
        # the book is built without its public address (no html_baseurl): the sheet says whom to ask
        if not _contient(texte, fiches.SANS_ADRESSE) or ".html" in texte:
            manque.append(f"« {fiches.SANS_ADRESSE} » (et aucun chemin de fichier)")
        if pages != 1 or manque:
            fautes[page] = f"{pages} page(s) ; absent du PDF : {manque}"
    assert not fautes, f"fiches « L'essentiel » : {fautes}"
    assert len(PAGES_ELUS) >= 10


def test_le_lien_ouvre_la_fiche_sur_un_telephone(livre):
    from outils_navigateur import TELEPHONE, chromium_executable, options_chromium, servir

    if chromium_executable() is None:
        pytest.skip("Chromium n'est pas installé (Debian : sudo apt install chromium)")
    from playwright.sync_api import sync_playwright

    with servir(livre) as base, sync_playwright() as p:
        browser = p.chromium.launch(**options_chromium())
        page = browser.new_page(viewport=TELEPHONE)
        page.goto(f"{base}book/elections.html", wait_until="networkidle")
        lien = page.locator(".admonition.essentiel a", has_text=fiches.LIEN_TEXTE)
        assert lien.count() == 1
        # one short line, in the box, right under its last point
        mesure = lien.evaluate("""a => {
          const p = a.closest('p'), r = p.getBoundingClientRect(), s = getComputedStyle(p);
          const liste = p.previousElementSibling.getBoundingClientRect(), boite = p.closest('.admonition').getBoundingClientRect();
          return {hauteur: r.height, ligne: parseFloat(s.lineHeight), ecart: r.top - liste.bottom,
                  dedans: r.bottom <= boite.bottom && r.right <= boite.right};
        }""")
        assert mesure["hauteur"] <= mesure["ligne"] * 1.1 and mesure["dedans"] and mesure["ecart"] <= 1, mesure
        # a tap opens the sheet (Chromium shows it in its PDF viewer)
        with page.expect_response(lambda r: urlsplit(r.url).path.endswith(".pdf")) as reponse:
            lien.click()
        r = reponse.value
        assert urlsplit(r.url).path == "/fiches/essentiel-elections.pdf"
        assert r.status == 200 and r.headers["content-type"] == "application/pdf", (r.status, r.headers)
        # (the response's body, as Chromium reports it, is its viewer's page: the file is fetched again)
        pages, texte = lire_pdf(page.request.get(r.url).body())
        browser.close()
    assert pages == 1 and _contient(texte, "Avoir et communiquer les résultats d’une élection"), texte


# --- the sheet, on synthetic pages ------------------------------------------------------------------

F = "\u202f"


def _page(points: list[str], titre: str = "Connaître la consommation d’énergie") -> str:
    items = "".join(f"<li><p>{p}</p></li>\n" for p in points)
    return f"""<!DOCTYPE html><html lang="fr"><head><title>{titre}</title></head><body><article class="bd-article">
<section><h1>{titre}<a class="headerlink" href="#t" title="Lien">#</a></h1>
<div class="tip essentiel admonition">
<p class="admonition-title">L’essentiel</p>
<ul class="simple">
{items}</ul>
</div>
<p>La suite de la page.</p></section></article></body></html>"""


def _site(dossier: Path, points: list[str], page: str = "book/energie") -> Path:
    (dossier / "book").mkdir(parents=True, exist_ok=True)
    (dossier / "index.html").write_text('<html><head><meta http-equiv="refresh" content="0; url=book/intro.html" /></head></html>')
    (dossier / f"{page}.html").write_text(_page(points), encoding="utf-8")
    return dossier


POINTS_FRANCAIS = [
    f"Comparez les bâtiments <strong>par m²</strong>, sur des <strong>années complètes</strong> : 42{F}000{F}€ par an.",
    f"Dans les statistiques, «{F}secret{F}» veut dire <em>inconnu</em>, jamais zéro{F}; l’écart est de −3{F}%.",
    "Un « -- » ou des ** dans le texte restent tels quels, comme une barre \\ oblique.",
]


def test_les_caracteres_francais_sont_imprimes_tels_quels(tmp_path):
    site = _site(tmp_path, POINTS_FRANCAIS)
    ecrits, problemes = fiches.ecrire_fiches(site, ADRESSE, datetime.date(2026, 12, 5), pages=["book/energie"])
    assert not problemes and ecrits == [site / "fiches" / "essentiel-energie.pdf"]
    contenu = ecrits[0].read_bytes()
    pages, texte = lire_pdf(contenu)
    assert pages == 1
    assert b"DejaVuSans" in contenu  # the Unicode font, embedded: the same glyphs on every printer
    for attendu in ("Connaître la consommation d’énergie", "L’essentiel", "Comparez les bâtiments", "par m²",
                    f"42{F}000{F}€", f"«{F}secret{F}»", "inconnu", f"zéro{F};", f"−3{F}%", "« -- » ou des **",
                    "barre \\ oblique", "https://donnees.example.fr/livre/book/energie.html", "5 décembre 2026"):
        assert attendu in texte or _contient(texte, attendu), (attendu, texte)
    assert "#" not in texte.split("L’essentiel")[0], "le lien « # » du titre n'est pas imprimé"
    assert "\ufffd" not in texte


def test_sans_adresse_publique_la_fiche_nomme_le_chapitre_et_dit_a_qui_demander_le_lien(tmp_path):
    site = _site(tmp_path, POINTS_FRANCAIS)
    ecrits, problemes = fiches.ecrire_fiches(site, None, datetime.date(2026, 12, 5), pages=["book/energie"])
    assert not problemes
    pages, texte = lire_pdf(ecrits[0].read_bytes())
    assert pages == 1
    fin = texte.split("Le chapitre complet", 1)[1]
    assert _contient(fin, "« Connaître la consommation d’énergie », dans le livre Données en main"), fin
    assert _contient(fin, fiches.SANS_ADRESSE), fin
    assert ".html" not in texte and "book/" not in texte  # a file path means nothing on paper


def test_un_long_encadre_est_imprime_plus_petit_sur_une_seule_page(tmp_path):
    points = [f"Point {i} : " + "une phrase assez longue pour remplir la ligne, " * 9 for i in range(1, 6)]
    site = _site(tmp_path, points)
    ecrits, problemes = fiches.ecrire_fiches(site, pages=["book/energie"])
    assert not problemes
    pages, texte = lire_pdf(ecrits[0].read_bytes())
    assert pages == 1
    assert all(_contient(texte, p) for p in points)
    # in the largest type it would take two pages: it was set smaller
    grande = fiches._document(fiches.lire_fiche(_page(points), "book/energie"), "x", datetime.date.today(),
                              *fiches.TAILLES[0])
    assert grande.page_no() > 1


TROP_LONG = [f"Point {i} : " + "une phrase beaucoup trop longue pour une fiche d'une page, " * 40 for i in range(1, 6)]


def test_un_encadre_trop_long_est_refuse_en_francais(tmp_path):
    site = _site(tmp_path, TROP_LONG)
    ecrits, problemes = fiches.ecrire_fiches(site, pages=["book/energie"])
    assert ecrits == [] and not (site / "fiches" / "essentiel-energie.pdf").exists()
    assert len(problemes) == 1
    assert "book/energie ne tient pas sur une page A4" in problemes[0] and "Raccourcissez" in problemes[0], problemes


def test_la_construction_du_livre_avertit_d_un_encadre_trop_long(tmp_path, caplog):
    """The build's hook (sphinx_fr, end of an HTML build) turns the problem into a Sphinx warning:
    under -W (the tests', the publishing command's build) the book does not build."""
    import logging
    from types import SimpleNamespace

    from donnees_en_main.livre import sphinx_fr

    site = _site(tmp_path, TROP_LONG)
    app = SimpleNamespace(builder=SimpleNamespace(name="html"), outdir=str(site), config=SimpleNamespace(html_baseurl=""))
    with caplog.at_level(logging.INFO):
        sphinx_fr._print_sheets(app, None)
    avertissements = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("ne tient pas sur une page A4" in a for a in avertissements), caplog.records


def test_le_lien_est_la_derniere_ligne_de_l_encadre():
    corps = _page(["Un.", "Deux.", "Trois."])
    avec = fiches.ajouter_lien(corps, "book/energie")
    boite = avec[avec.find('<div class="tip essentiel admonition">'):]
    boite = boite[:boite.find("</div>")]
    assert boite.rstrip().endswith("</p>") and boite.count(fiches.CLASSE_LIEN) == 1
    assert 'href="../fiches/essentiel-energie.pdf"' in boite and fiches.LIEN_TEXTE in boite
    assert fiches.ajouter_lien(avec, "book/energie") == avec, "une seule fois"
    assert fiches.ajouter_lien("<p>Sans encadré</p>", "book/energie") == "<p>Sans encadré</p>"
    autre_ordre = corps.replace("tip essentiel admonition", "admonition essentiel")
    assert fiches.CLASSE_LIEN in fiches.ajouter_lien(autre_ordre, "book/energie")
    assert fiches.ajouter_lien(corps.replace("essentiel", "note"), "book/energie") == corps.replace("essentiel", "note")


# --- publishing ------------------------------------------------------------------------------------

def test_publier_imprime_l_adresse_publique_et_refuse_un_encadre_trop_long(tmp_path):
    from donnees_en_main.livre import publier as pub

    site = _site(tmp_path / "livre", POINTS_FRANCAIS)
    fiches.ecrire_fiches(site, pages=["book/energie"])  # as the build does: no public address known
    assert not _contient(lire_pdf((site / "fiches" / "essentiel-energie.pdf").read_bytes())[1], ADRESSE)
    cible = pub.publier(tmp_path / "public", depuis=site, adresse=ADRESSE, avec_brotli=False)
    pages, texte = lire_pdf((cible / "fiches" / "essentiel-energie.pdf").read_bytes())
    assert pages == 1 and _contient(texte, ADRESSE + "book/energie.html"), texte

    (site / "book" / "energie.html").write_text(_page(TROP_LONG), encoding="utf-8")
    with pytest.raises(pub.ErreurPublication, match="ne tient pas sur une page A4"):
        pub.publier(tmp_path / "public", depuis=site, adresse=ADRESSE, avec_brotli=False)
    assert (cible / "fiches" / "essentiel-energie.pdf").is_file(), "la publication précédente reste en place"


def test_nginx_sert_la_fiche_et_laisse_chrome_l_afficher(tmp_path):
    from outils_nginx import nginx_executable, servir_nginx

    if nginx_executable() is None:
        pytest.skip("nginx n'est pas installé (Debian : sudo apt install nginx-light)")
    import http.client
    import ssl

    from donnees_en_main.livre import publier as pub

    site = _site(tmp_path / "livre", POINTS_FRANCAIS)
    cible = pub.publier(tmp_path / "public", depuis=site, adresse=ADRESSE, avec_brotli=False)
    with servir_nginx(cible, tmp_path / "nginx") as serveur:
        adresse = urlsplit(serveur["https"])

        def obtenir(chemin: str) -> tuple[int, dict, bytes]:
            connexion = http.client.HTTPSConnection(adresse.hostname, adresse.port, timeout=10,
                                                    context=ssl._create_unverified_context())
            connexion.request("GET", chemin)
            r = connexion.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()

        statut, entetes, corps = obtenir("/fiches/essentiel-energie.pdf")
        assert statut == 200 and entetes["content-type"] == "application/pdf"
        assert corps == (cible / "fiches" / "essentiel-energie.pdf").read_bytes()
        # Chrome shows a PDF in an <embed> of its own, governed by the PDF's object-src
        assert "object-src 'self'" in entetes["content-security-policy"], entetes["content-security-policy"]
        assert not re.search(r"https?:|\*", entetes["content-security-policy"])
        _, entetes_page, _ = obtenir("/book/energie.html")
        assert "object-src 'none'" in entetes_page["content-security-policy"]
