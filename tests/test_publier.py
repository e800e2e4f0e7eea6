"""Putting the book online: ``python -m donnees_en_main publier`` and its nginx configuration.

What the person who publishes does: run the command on a built book (here a tiny fake ``_build/html``
for the folder's contract, the real book built once for the run for the server), copy the folder to a
server. What a reader gets: the folder served by Debian's nginx with ``deploiement/publication/nginx.conf``
on 127.0.0.1 (HTTPS, self-signed certificate), in headless Chromium: compressed transfers, cache and
security headers, the French 404 page, « Essayer dans le navigateur » starting from the site alone.
The pipelines (GitHub Pages, GitLab Pages) are checked to be valid and to call the command.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import hashlib
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from donnees_en_main.livre import publier as pub

RACINE = Path(__file__).resolve().parent.parent
ADRESSE = "https://donnees.example.fr/livre/"
# the start of a PNG of 640 x 480 pixels (signature, IHDR), then noise: enough for the publication
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (640).to_bytes(4, "big") + (480).to_bytes(4, "big") + os.urandom(400)


def _commande(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "donnees_en_main", "publier", *args], capture_output=True, text=True, timeout=900, cwd=RACINE
    )  # fmt: skip


def _faux_livre(dossier: Path) -> Path:
    """A small ``_build/html`` shaped like Sphinx's: pages, versioned static files, an image."""
    html = dossier / "_build" / "html"
    (html / "book").mkdir(parents=True)
    (html / "_static" / "styles").mkdir(parents=True)
    (html / "_static" / "polices").mkdir()
    (html / "_images").mkdir()
    (html / "index.html").write_text(
        '<html><head><meta http-equiv="refresh" content="0; url=book/intro.html" /></head></html>', encoding="utf-8"
    )
    style = "body { color: #222; }\n" * 40
    (html / "_static" / "styles" / "base.css").write_text(style, encoding="utf-8")
    (html / "_static" / "styles" / "theme.css").write_text(
        '@import "base.css";\n@font-face { src: url("../polices/texte.woff2") format("woff2"); }\n' + style, encoding="utf-8"
    )
    (html / "_static" / "polices" / "texte.woff2").write_bytes(b"wOF2" + os.urandom(300))
    (html / "_static" / "outils.js").write_text("console.log('bonjour');\n" * 50, encoding="utf-8")
    (html / "_images" / "graphique.png").write_bytes(b"\x89PNG" + os.urandom(500))
    page = """<!DOCTYPE html><html lang="fr"><head><title>{titre} &#8212; Données en main</title>
<link href="../_static/styles/theme.css?digest=abc123" rel="stylesheet" />
<script src="../_static/outils.js?v=1a2b"></script></head>
<body><a href="#haut">haut</a><a href="https://exemple.org/_static/outils.js">ailleurs</a>
<img src="../_images/graphique.png" alt="Un graphique" /><p>{texte}</p>
<div hidden><img alt="Consommation 2024" src="data:image/png;base64,{png}" style="max-width:100%;height:auto"></div>
</body></html>
"""
    png = base64.b64encode(PNG).decode()
    for nom, titre in (("intro", "Accueil"), ("energie", "Énergie")):
        (html / "book" / f"{nom}.html").write_text(page.format(titre=titre, texte="Des données. " * 200, png=png), encoding="utf-8")
    (html / "search.html").write_text(page.format(titre="Recherche", texte="", png=png), encoding="utf-8")
    (html / ".buildinfo").write_text("config: x\n")
    return html


@pytest.fixture
def faux_livre(tmp_path) -> Path:
    return _faux_livre(tmp_path / "source")


# --- The folder's contract, on a fake build (fast) -------------------------------------------------

def test_la_publication_empreinte_compresse_et_ajoute_404_robots_et_plan(faux_livre, tmp_path):
    cible = tmp_path / "public"
    r = _commande(str(cible), "--depuis", str(faux_livre), "--adresse", ADRESSE)
    assert r.returncode == 0, r.stderr
    assert "Prêt à mettre en ligne" in r.stdout and "Traceback" not in r.stderr
    assert "pas de version « Essayer dans le navigateur »" in r.stdout

    page = (cible / "book" / "energie.html").read_text(encoding="utf-8")
    references = re.findall(r'(?:href|src)="(\.\./_(?:static|images)/[^"]+)"', page)
    assert len(references) == 4, references
    for reference in references:
        fichier = (cible / "book" / reference).resolve()
        assert fichier.is_file(), reference
        # the name carries the first 12 hex of the SHA-256 of the content actually served
        empreinte = re.search(r"\.([0-9a-f]{12})\.[a-z0-9]+$", fichier.name)
        assert empreinte and hashlib.sha256(fichier.read_bytes()).hexdigest()[:12] == empreinte[1], reference
        assert "?" not in reference
    # the embedded chart is a file, downloaded only when seen, with its size (the page does not jump)
    assert "data:image" not in page
    graphique = re.search(r'<img alt="Consommation 2024" src="\.\./(_images/graphique\.[0-9a-f]{12}\.png)"([^>]*)>', page)
    assert graphique and (cible / graphique[1]).read_bytes() == PNG
    assert 'loading="lazy"' in graphique[2] and 'width="640" height="480"' in graphique[2]
    assert 'href="#haut"' in page and 'href="https://exemple.org/_static/outils.js"' in page

    # the style sheet points at the fingerprinted font and imported sheet, its own name covers that
    theme = next((cible / "_static" / "styles").glob("theme.*.css"))
    texte = theme.read_text(encoding="utf-8")
    police = re.search(r'url\("\.\./polices/(texte\.[0-9a-f]{12}\.woff2)"\)', texte)
    assert police and (cible / "_static" / "polices" / police[1]).is_file()
    importe = re.search(r'@import "(base\.[0-9a-f]{12}\.css)"', texte)
    assert importe and (cible / "_static" / "styles" / importe[1]).is_file()
    # the plain names of _static stay (scripts may load a file by its name); _images are renamed
    assert (cible / "_static" / "outils.js").is_file()
    assert not (cible / "_images" / "graphique.png").exists()

    # precompressed copies are the same bytes once decompressed; not for PNG nor WOFF2
    import brotli

    original = (cible / "book" / "energie.html").read_bytes()
    assert gzip.decompress((cible / "book" / "energie.html.gz").read_bytes()) == original
    assert brotli.decompress((cible / "book" / "energie.html.br").read_bytes()) == original
    assert len((cible / "book" / "energie.html.br").read_bytes()) < len(original) / 3
    assert not list(cible.rglob("*.png.gz")) and not list(cible.rglob("*.woff2.br"))

    page_404 = (cible / "404.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in page_404 and "Page introuvable" in page_404
    assert 'href="/livre/"' in page_404  # the site's home, even under a sub-path (GitHub Pages)
    assert (cible / "robots.txt").read_text() == f"User-agent: *\nAllow: /\nSitemap: {ADRESSE}sitemap.xml\n"
    espace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = [e.text for e in ET.parse(cible / "sitemap.xml").getroot().findall("s:url/s:loc", espace)]
    assert urls == [f"{ADRESSE}book/energie.html", f"{ADRESSE}book/intro.html"]  # no redirect, search, 404
    assert not (cible / ".buildinfo").exists()
    assert (cible / pub.MARQUE).is_file()


def test_republier_remplace_la_publication_precedente_et_rien_d_autre(faux_livre, tmp_path):
    cible = tmp_path / "public"
    voisin = tmp_path / "a-garder.txt"
    voisin.write_text("à garder")
    assert _commande(str(cible), "--depuis", str(faux_livre), "--sans-brotli").returncode == 0
    (cible / "ancien.html").write_text("ancienne page")
    (faux_livre / "book" / "nouvelle.html").write_text("<html><title>Nouvelle</title></html>", encoding="utf-8")
    r = _commande(str(cible), "--depuis", str(faux_livre), "--sans-brotli")
    assert r.returncode == 0, r.stderr
    assert (cible / "book" / "nouvelle.html").is_file()
    assert not (cible / "ancien.html").exists()
    assert not list(cible.rglob("*.br"))
    assert voisin.read_text() == "à garder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-garder.txt", "public", "source"]  # no leftover


def test_un_dossier_non_vide_qui_n_est_pas_une_publication_est_refuse(faux_livre, tmp_path):
    cible = tmp_path / "mes-documents"
    cible.mkdir()
    (cible / "budget.ods").write_text("précieux")
    r = _commande(str(cible), "--depuis", str(faux_livre))
    assert r.returncode == 1
    assert "n'est pas vide" in r.stderr and "--remplacer" in r.stderr and "Traceback" not in r.stderr
    assert sorted(p.name for p in cible.iterdir()) == ["budget.ods"]
    r = _commande(str(cible), "--depuis", str(faux_livre), "--remplacer", "--sans-brotli")
    assert r.returncode == 0, r.stderr
    assert not (cible / "budget.ods").exists() and (cible / "404.html").is_file()


@pytest.mark.parametrize(
    "cas, attendu",
    [
        ("livre absent", "n'est pas un livre construit"),
        ("dossier impossible", "Impossible de créer"),
        ("dossier dans le livre", "est dans le livre construit"),
        ("dossier parent du dépôt", "choisissez un dossier de publication à part"),
        ("adresse fausse", "n'est pas une adresse de site"),
    ],
)
def test_les_erreurs_sont_dites_en_francais_sans_rien_toucher(cas, attendu, faux_livre, tmp_path):
    fichier = tmp_path / "fichier.txt"
    fichier.write_text("x")
    arguments = {
        "livre absent": [str(tmp_path / "public"), "--depuis", str(tmp_path / "rien")],
        "dossier impossible": [str(fichier / "public"), "--depuis", str(faux_livre)],
        "dossier dans le livre": [str(faux_livre / "public"), "--depuis", str(faux_livre), "--remplacer"],
        "dossier parent du dépôt": [str(RACINE.parent), "--depuis", str(faux_livre), "--remplacer"],
        "adresse fausse": [str(tmp_path / "public"), "--depuis", str(faux_livre), "--adresse", "donnees.fr"],
    }[cas]
    avant = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    r = _commande(*arguments)
    assert r.returncode == 1, r.stdout
    assert attendu in r.stderr and r.stderr.startswith("Erreur : ") and "Traceback" not in r.stderr
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == avant


def test_une_version_navigateur_modifiee_n_est_pas_publiee(faux_livre, tmp_path):
    pyodide = faux_livre / "lite" / "static" / "pyodide"
    pyodide.mkdir(parents=True)
    (pyodide / "micropip-0.1-py3-none-any.whl").write_bytes(b"roue")
    lock = {"packages": {"micropip": {"name": "micropip", "file_name": "micropip-0.1-py3-none-any.whl",
                                      "sha256": hashlib.sha256(b"autre roue").hexdigest()}}}  # fmt: skip
    (pyodide / "pyodide-lock.json").write_text(__import__("json").dumps(lock))
    r = _commande(str(tmp_path / "public"), "--depuis", str(faux_livre))
    assert r.returncode == 1 and "micropip-0.1-py3-none-any.whl" in r.stderr and "Reconstruisez" in r.stderr
    assert not (tmp_path / "public").exists()


# --- The pipelines ---------------------------------------------------------------------------------

def _commandes(etapes: list[str]) -> str:
    return "\n".join(etapes)


def test_les_pipelines_github_et_gitlab_installent_puis_publient():
    github = yaml.safe_load((RACINE / ".github" / "workflows" / "publier.yml").read_text(encoding="utf-8"))
    etapes = [e for job in github["jobs"].values() for e in job["steps"]]
    scripts = _commandes([e.get("run", "") for e in etapes])
    assert "bash outils/installer.sh" in scripts
    assert re.search(r"python -m donnees_en_main publier \S+", scripts), scripts
    assert any(str(e.get("uses", "")).startswith("actions/deploy-pages@") for e in etapes)
    assert github["permissions"]["pages"] == "write" and github["permissions"]["id-token"] == "write"

    gitlab = yaml.safe_load((RACINE / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    job = gitlab["pages"]
    script = _commandes(job.get("before_script", []) + job["script"])
    assert "bash outils/installer.sh" in script
    assert re.search(r"python -m donnees_en_main publier public\b", script), script
    assert "public" in job["artifacts"]["paths"]


# --- The real book, served by nginx, read in Chromium ---------------------------------------------------

def _nginx_ou_passer():
    from outils_nginx import nginx_executable

    if nginx_executable() is None:
        if os.environ.get("DONNEES_EN_MAIN_NGINX_OBLIGATOIRE") == "1":
            pytest.fail("nginx est introuvable : installez-le (Debian : sudo apt install nginx-light).")
        pytest.skip("nginx n'est pas installé (Debian : sudo apt install nginx-light)")
    from outils_navigateur import chromium_executable

    if chromium_executable() is None:
        pytest.skip("Chromium n'est pas installé (Debian : sudo apt install chromium)")


@pytest.fixture(scope="module")
def site_nginx(livre, tmp_path_factory):
    """The built book, published, served by nginx with the project's configuration."""
    _nginx_ou_passer()
    from outils_nginx import servir_nginx

    dossier = tmp_path_factory.mktemp("publication")
    r = _commande(str(dossier / "public"), "--depuis", str(livre), "--adresse", ADRESSE)
    assert r.returncode == 0, r.stderr
    with servir_nginx(dossier / "public", dossier / "nginx") as serveur:
        yield {**serveur, "dossier": dossier / "public"}


@contextlib.contextmanager
def _chromium():
    """Headless Chromium trusting the test's self-signed certificate (JupyterLite's service worker too)."""
    from outils_navigateur import options_chromium
    from playwright.sync_api import sync_playwright

    options = options_chromium()
    options["args"] = [*options["args"], "--ignore-certificate-errors"]
    with sync_playwright() as p:
        browser = p.chromium.launch(**options)
        try:
            yield browser.new_context(ignore_https_errors=True)
        finally:
            browser.close()


def test_nginx_sert_le_livre_compresse_avec_cache_et_en_tetes_de_securite(site_nginx):
    base, dossier = site_nginx["https"], site_nginx["dossier"]
    with _chromium() as contexte:
        page = contexte.new_page()
        reponses = []
        page.on("response", lambda r: reponses.append(r))
        principale = page.goto(base + "book/energie.html", wait_until="networkidle")
        assert principale.status == 200
        entetes = principale.all_headers()

        # The page travels compressed: exactly the .br (or .gz) written by the publication.
        encodage = "br" if site_nginx["brotli"] else "gzip"
        assert entetes["content-encoding"] == encodage
        precompresse = (dossier / "book" / f"energie.html.{'br' if encodage == 'br' else 'gz'}").stat().st_size
        assert int(entetes["content-length"]) == precompresse
        transfere = principale.request.sizes()["responseBodySize"]  # as Chromium counts it (HTTP/2 frames)
        assert transfere < precompresse + 2_000
        assert transfere < (dossier / "book" / "energie.html").stat().st_size / 2
        assert entetes["cache-control"] == "no-cache"

        # Security headers: no third party anywhere in the policy.
        csp = entetes["content-security-policy"]
        assert "default-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'self'" in csp
        assert not re.search(r"https?:|\*", csp), csp
        assert "'unsafe-eval'" not in csp  # only JupyterLab's interface (lite/) needs it
        assert entetes["strict-transport-security"].startswith("max-age=")
        assert entetes["x-content-type-options"] == "nosniff"
        assert entetes["referrer-policy"] == "same-origin"
        assert "nginx/" not in entetes.get("server", "")

        # Fingerprinted static files: cached for a long time, and compressed when text.
        statiques = [r for r in reponses if "/_static/" in r.url and re.search(r"\.[0-9a-f]{12}\.(css|js)$", r.url)]
        assert len(statiques) >= 5
        for r in statiques:
            assert r.status == 200, r.url
            assert "max-age=315360000" in r.all_headers()["cache-control"], r.url
        assert any(r.all_headers().get("content-encoding") == encodage for r in statiques)
        assert all(r.url.startswith(base) for r in reponses)

        # The French 404, with the same headers; hidden files are never served.
        absente = page.goto(base + "book/page-disparue.html")
        assert absente.status == 404
        assert page.locator("h1").inner_text() == "Page introuvable"
        assert page.evaluate("document.documentElement.lang") == "fr"
        assert "content-security-policy" in absente.all_headers()
        page.locator("a", has_text="Retourner à l'accueil").wait_for()
        assert page.goto(base + pub.MARQUE).status == 404
        assert page.goto(base + "robots.txt").status == 200
        assert "Sitemap: " in page.locator("body").inner_text()

    # HTTP is redirected to HTTPS (HSTS then keeps the browser there).
    import http.client
    from urllib.parse import urlsplit

    adresse = urlsplit(site_nginx["http"])
    connexion = http.client.HTTPConnection(adresse.hostname, adresse.port, timeout=10)
    connexion.request("GET", "/book/energie.html", headers={"Host": "donnees.example.fr"})
    reponse = connexion.getresponse()
    assert reponse.status == 301 and reponse.getheader("Location") == "https://donnees.example.fr/book/energie.html"


def test_essayer_demarre_depuis_le_site_seul_sous_sa_politique_de_securite(site_nginx):
    from outils_lite import ouvrir_carnet

    base = site_nginx["https"]
    with _chromium() as contexte:
        page = contexte.new_page()
        console: list[str] = []
        requetes: list[str] = []
        page.on("console", lambda m: console.append(m.text))
        page.on("request", lambda r: requetes.append(r.url))
        page.route(lambda url: not url.startswith(base), lambda route: route.abort())
        debut = time.monotonic()
        cellules = ouvrir_carnet(page, base + "lite/notebooks/index.html?path=cantine.ipynb")
        cellules.first.click()
        page.keyboard.press("Shift+Enter")
        sortie = page.locator(".jp-OutputArea-output", has_text=re.compile("Tout est prêt|ne sont pas hébergées"))
        sortie.first.wait_for(timeout=300_000)
        duree = time.monotonic() - debut
        assert not [m for m in console if "Content Security Policy" in m or "Content-Security-Policy" in m]
        assert [u for u in requetes if not u.startswith(base)] == []
        assert any(u.endswith("pyodide.asm.wasm") for u in requetes)
        print(f"première cellule exécutée {duree:.0f} s après l'ouverture du carnet (nginx, HTTPS)")
