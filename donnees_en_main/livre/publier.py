"""Put the book online: ``python -m donnees_en_main publier <dossier>`` makes a deployable folder.

From the built book (``_build/html``, built here unless ``--depuis`` names one) it writes a folder
that any static web server can serve as is (nginx on the collectivité's own server:
``deploiement/publication/``; GitHub Pages, GitLab Pages: ``.github/workflows/publier.yml``,
``.gitlab-ci.yml``):

- the book and « Essayer dans le navigateur » (``lite/``, JupyterLite with Pyodide self-hosted; its
  served lock file is checked against the files present: the full distribution when
  ``jupyterlite preparer --complet`` was run, a warning otherwise);
- fingerprinted static files (``_static/``, ``_images/``): ``theme.css`` becomes
  ``theme.<12 hex>.css`` and every reference in the HTML pages and style sheets is rewritten, so a
  server may cache them for a year (the unfingerprinted copies of ``_static/`` stay, for scripts that
  load a file by its name);
- the charts embedded in the pages (``data:`` images) written as fingerprinted files, loaded when they
  come into view (``loading="lazy"``): a page weighs its text, not its 20 charts;
- precompressed copies of text files (``.gz``, and ``.br`` with the ``brotli`` package), served
  without compressing on each request (nginx ``gzip_static``/``brotli_static``, GitLab Pages);
- a French 404 page, ``robots.txt`` and ``sitemap.xml`` (with ``--adresse``, the site's public URL);
- each élu chapter's « L'essentiel » sheet (``fiches/*.pdf``, written by the book's build), written
  again with the page's public address when ``--adresse`` is given (``donnees_en_main.livre.fiches``).

Nothing is lost: the publication is written beside the target, then swapped in; a non-empty target
that is not a previous publication is refused unless ``--remplacer``; nothing outside the target is
ever deleted.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import html
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from donnees_en_main.commande import Analyseur
from donnees_en_main.reglages import RACINE

#: Written at the root of every publication: what makes a folder safe to replace.
MARQUE = ".publication-donnees-en-main.json"
#: Folders whose files get a fingerprinted name (from the site's root).
DOSSIERS_EMPREINTES = ("_static", "_images")
#: Folders of the site that are not pages of the book (sitemap).
DOSSIERS_TECHNIQUES = {"_static", "_sources", "_images", "_sphinx_design_static", "lite"}
#: Text formats worth precompressing (the others are already compressed: PNG, WOFF2, wheels, zip).
A_COMPRESSER = {
    ".html", ".css", ".js", ".mjs", ".json", ".svg", ".txt", ".xml", ".wasm", ".ipynb", ".map",
    ".ico", ".csv", ".md", ".ttf", ".otf", ".eot", ".py", ".inv",
}  # fmt: skip
TAILLE_MIN_COMPRESSION = 256
EMPREINTE = re.compile(r"\.[0-9a-f]{12}(?=\.[A-Za-z0-9]+$)")
_ATTRIBUT = re.compile(r"""(\s(?:href|src)=)(["'])([^"'#?]+)([?#][^"']*)?\2""")
_URL_CSS = re.compile(r"""url\(\s*(["']?)([^"')?#]+)([?#][^"')]*)?\1\s*\)|@import\s+(["'])([^"'?#]+)([?#][^"']*)?\4""")


class ErreurPublication(RuntimeError):
    """Something the person who publishes can fix, said in French."""


def _dire(message: str) -> None:
    print(f"→ {message}", flush=True)


# --- Fingerprinting ----------------------------------------------------------------------------------

def nom_empreinte(chemin: str, contenu: bytes) -> str:
    """``_static/theme.css`` -> ``_static/theme.<first 12 hex of its SHA-256>.css``."""
    dossier, nom = posixpath.split(chemin)
    racine, point, extension = nom.rpartition(".")
    if not point:
        racine, extension = nom, ""
    empreinte = hashlib.sha256(contenu).hexdigest()[:12]
    nouveau = f"{racine}.{empreinte}.{extension}" if extension else f"{racine}.{empreinte}"
    return posixpath.join(dossier, nouveau)


def _cible(depuis: str, reference: str) -> str | None:
    """The site path a relative reference of file ``depuis`` points to (None: elsewhere)."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//|^/", reference) or not reference.strip():
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(depuis), reference))


def _relatif(depuis: str, vers: str) -> str:
    return posixpath.relpath(vers, posixpath.dirname(depuis) or ".")


def _reecrire_css(chemin: str, texte: str, correspondances: dict[str, str]) -> str:
    def remplacer(m: re.Match) -> str:
        reference, suite = (m[2], m[3]) if m[2] is not None else (m[5], m[6])
        cible = _cible(chemin, reference)
        if cible not in correspondances:
            return m[0]
        nouveau = _relatif(chemin, correspondances[cible]) + (suite if suite and suite.startswith("#") else "")
        return f'url("{nouveau}")' if m[2] is not None else f'@import "{nouveau}"'

    return _URL_CSS.sub(remplacer, texte)


def _reecrire_html(chemin: str, texte: str, correspondances: dict[str, str]) -> str:
    def remplacer(m: re.Match) -> str:
        cible = _cible(chemin, html.unescape(m[3]))
        if cible not in correspondances:
            return m[0]
        suite = m[4] if m[4] and m[4].startswith("#") else ""  # ?v=… is replaced by the fingerprint
        return f"{m[1]}{m[2]}{_relatif(chemin, correspondances[cible])}{suite}{m[2]}"

    return _ATTRIBUT.sub(remplacer, texte)


def empreinter(site: Path) -> dict[str, str]:
    """Give the static files of ``site`` fingerprinted names; rewrite the references. Returns old -> new.

    Leaves first, then style sheets (their content changes when their references are rewritten, so
    they are fingerprinted after), then the HTML pages (outside ``lite/``, JupyterLite's own build).
    """
    fichiers = sorted(
        p.relative_to(site).as_posix()
        for dossier in DOSSIERS_EMPREINTES if (site / dossier).is_dir()
        for p in (site / dossier).rglob("*")
        if p.is_file() and not p.name.endswith((".gz", ".br"))
    )  # fmt: skip
    correspondances: dict[str, str] = {}
    feuilles = [f for f in fichiers if not f.endswith(".css")]
    styles = [f for f in fichiers if f.endswith(".css")]
    for chemin in feuilles:
        correspondances[chemin] = nom_empreinte(chemin, (site / chemin).read_bytes())
    restants = list(styles)
    while restants:  # a style sheet may @import another one: fingerprint the imported one first
        prets = [
            s for s in restants
            if not any(_cible(s, m[2] or m[5]) in restants and _cible(s, m[2] or m[5]) != s
                       for m in _URL_CSS.finditer((site / s).read_text(encoding="utf-8", errors="replace")))
        ]  # fmt: skip
        if not prets:
            prets = restants  # a cycle of @import: leave their references among themselves
        for chemin in prets:
            texte = _reecrire_css(chemin, (site / chemin).read_text(encoding="utf-8", errors="surrogateescape"), correspondances)
            contenu = texte.encode("utf-8", errors="surrogateescape")
            (site / chemin).write_bytes(contenu)
            correspondances[chemin] = nom_empreinte(chemin, contenu)
            restants.remove(chemin)
    for ancien, nouveau in correspondances.items():
        if ancien.startswith("_static/"):
            shutil.copy2(site / ancien, site / nouveau)  # scripts may load a file by its plain name
        else:
            (site / ancien).rename(site / nouveau)
    for page in site.rglob("*.html"):
        relatif = page.relative_to(site).as_posix()
        if relatif.split("/", 1)[0] in ("lite", *DOSSIERS_EMPREINTES):
            continue
        texte = page.read_text(encoding="utf-8")
        neuf = _reecrire_html(relatif, texte, correspondances)
        if neuf != texte:
            page.write_text(neuf, encoding="utf-8")
    return correspondances


# --- Charts embedded in the pages (data: URIs) become files, loaded when they come into view ----------

_IMAGE_INCORPOREE = re.compile(
    r"""<img\b(?P<avant>[^>]*?)\ssrc="data:image/(?P<type>png|jpeg|gif|webp);base64,(?P<donnees>[A-Za-z0-9+/=\s]+)"(?P<apres>[^>]*)>"""
)
EXTENSIONS_IMAGES = {"png": "png", "jpeg": "jpg", "gif": "gif", "webp": "webp"}


def _dimensions_png(contenu: bytes) -> tuple[int, int] | None:
    if contenu[:8] == b"\x89PNG\r\n\x1a\n" and contenu[12:16] == b"IHDR":
        return int.from_bytes(contenu[16:20], "big"), int.from_bytes(contenu[20:24], "big")
    return None


def externaliser_images(site: Path) -> int:
    """Write the images embedded in the pages (charts: ``data:image/png;base64``) as fingerprinted files.

    A page like « Énergie » carries 20 charts, most of them in dashboard views the reader may never
    open: as files with ``loading="lazy"``, a chart is downloaded only when it is about to be seen
    (and cached once for every page). Its size is written on the tag, so the page does not jump.
    """
    import base64

    nombre = 0
    for page in sorted(site.rglob("*.html")):
        relatif = page.relative_to(site).as_posix()
        if relatif.split("/", 1)[0] in ("lite", *DOSSIERS_EMPREINTES):
            continue
        texte = page.read_text(encoding="utf-8")

        def remplacer(m: re.Match) -> str:
            nonlocal nombre
            contenu = base64.b64decode(re.sub(r"\s", "", m["donnees"]))
            chemin = nom_empreinte(f"_images/graphique.{EXTENSIONS_IMAGES[m['type']]}", contenu)
            (site / "_images").mkdir(exist_ok=True)
            if not (site / chemin).is_file():
                (site / chemin).write_bytes(contenu)
            attributs = f'{m["avant"]} src="{_relatif(relatif, chemin)}"{m["apres"]}'
            if "loading=" not in attributs:
                attributs += ' loading="lazy" decoding="async"'
            dimensions = _dimensions_png(contenu)
            if dimensions and "width=" not in attributs:
                attributs += f' width="{dimensions[0]}" height="{dimensions[1]}"'
            nombre += 1
            return f"<img{attributs}>"

        neuf = _IMAGE_INCORPOREE.sub(remplacer, texte)
        if neuf != texte:
            page.write_text(neuf, encoding="utf-8")
    return nombre


# --- Precompression ----------------------------------------------------------------------------------

def _qualite_brotli(taille: int) -> int:
    # Quality 11 takes minutes on Pyodide's 10 MB WebAssembly file for 10 % less: less for big files.
    return 11 if taille < 512_000 else 9 if taille < 4_000_000 else 5


def precompresser(site: Path, avec_brotli: bool = True) -> tuple[int, int, int]:
    """Write ``f.gz`` (and ``f.br``) next to each text file when it saves at least 10 %.

    Returns (files, bytes, gzip bytes). Deterministic (no date in the gzip header).
    """
    if avec_brotli:
        try:
            import brotli
        except ImportError:
            raise ErreurPublication(
                "Le paquet Python « brotli » manque : lancez `bash outils/installer.sh`, "
                "ou publiez sans brotli (--sans-brotli)."
            ) from None
    nombre = total = total_gz = 0
    for fichier in sorted(site.rglob("*")):
        if not fichier.is_file() or fichier.suffix.lower() not in A_COMPRESSER:
            continue
        contenu = fichier.read_bytes()
        if len(contenu) < TAILLE_MIN_COMPRESSION:
            continue
        compresse = gzip.compress(contenu, compresslevel=9, mtime=0)
        if len(compresse) > 0.9 * len(contenu):
            continue
        fichier.with_name(fichier.name + ".gz").write_bytes(compresse)
        if avec_brotli:
            fichier.with_name(fichier.name + ".br").write_bytes(brotli.compress(contenu, quality=_qualite_brotli(len(contenu))))
        nombre += 1
        total += len(contenu)
        total_gz += len(compresse)
    return nombre, total, total_gz


# --- 404, robots.txt, sitemap.xml -----------------------------------------------------------------------

PAGE_404 = """\
<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Page introuvable — {titre}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1a1a1a; background: #fff; }}
h1 {{ font-size: 1.6rem; }}
a {{ color: #0a4fa8; }}
@media (prefers-color-scheme: dark) {{ body {{ color: #eee; background: #121212; }} a {{ color: #8ab4f8; }} }}
</style>
</head>
<body>
<main>
<h1>Page introuvable</h1>
<p>La page demandée n'existe pas ou a été déplacée : le livre a peut-être été mis à jour depuis que
le lien a été écrit.</p>
<p><a href="{accueil}">Retourner à l'accueil du livre « {titre} »</a></p>
</main>
</body>
</html>
"""


def pages_du_livre(site: Path) -> list[str]:
    """The pages worth indexing: no technical folder, no search page, no redirect."""
    pages = []
    for page in sorted(site.rglob("*.html")):
        relatif = page.relative_to(site).as_posix()
        if DOSSIERS_TECHNIQUES.intersection(relatif.split("/")[:-1]):
            continue
        if relatif in ("404.html", "search.html", "genindex.html"):
            continue
        debut = page.read_text(encoding="utf-8", errors="replace")[:3000].lower()
        if 'http-equiv="refresh"' in debut:
            continue
        pages.append(relatif)
    return pages


def _titre(site: Path) -> str:
    for page in pages_du_livre(site)[:1]:
        m = re.search(r"<title>(.*?)</title>", (site / page).read_text(encoding="utf-8"), re.S)
        if m:
            return html.unescape(m[1]).split("—")[-1].strip()
    return "Données en main"


def ecrire_annexes(site: Path, adresse: str | None) -> None:
    """404.html, robots.txt and (with the public address) sitemap.xml."""
    base = urlsplit(adresse).path.rstrip("/") + "/" if adresse else "/"
    titre = html.escape(_titre(site))
    (site / "404.html").write_text(PAGE_404.format(titre=titre, accueil=html.escape(base)), encoding="utf-8")
    robots = ["User-agent: *", "Allow: /"]
    if adresse:
        racine = adresse.rstrip("/") + "/"
        aujourd_hui = datetime.date.today().isoformat()
        urls = "".join(
            f"  <url><loc>{escape(racine + p)}</loc><lastmod>{aujourd_hui}</lastmod></url>\n" for p in pages_du_livre(site)
        )
        (site / "sitemap.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n",
            encoding="utf-8",
        )
        robots.append(f"Sitemap: {racine}sitemap.xml")
    (site / "robots.txt").write_text("\n".join(robots) + "\n", encoding="utf-8")
    (site / ".nojekyll").write_text("")  # GitHub Pages: serve _static/ as is


# --- « L'essentiel » to print ---------------------------------------------------------------------------

def ecrire_fiches(site: Path, adresse: str | None) -> None:
    """The élu pages' one-page sheets: with the public address when known, else those of the build
    (written again only when missing, e.g. a book built before they existed)."""
    from donnees_en_main.livre import fiches

    pages = [p for p in fiches.pages_elus() if (site / f"{p}.html").is_file()]
    if not adresse:
        pages = [p for p in pages if not (site / fiches.nom_du_pdf(p)).is_file()]
    if not pages:
        return
    _dire("Fiches « L'essentiel » à imprimer" + (f", avec l'adresse {adresse}…" if adresse else "…"))
    _, problemes = fiches.ecrire_fiches(site, adresse, pages=pages)
    if problemes:
        raise ErreurPublication("\n".join(problemes))


# --- JupyterLite ------------------------------------------------------------------------------------

def verifier_lite(site: Path) -> bool:
    """Check the served Pyodide lock against the files; True when pandas & co. are self-hosted."""
    pyodide = site / "lite" / "static" / "pyodide"
    lock = pyodide / "pyodide-lock.json"
    if not lock.is_file():
        _dire("Attention : ce livre n'a pas de version « Essayer dans le navigateur » (pas de dossier lite/).")
        return False
    paquets = json.loads(lock.read_text(encoding="utf-8"))["packages"]
    for entree in paquets.values():
        fichier = pyodide / entree["file_name"]
        if not fichier.is_file() or hashlib.sha256(fichier.read_bytes()).hexdigest() != entree["sha256"]:
            raise ErreurPublication(
                f"La version navigateur est incomplète ou modifiée : {entree['file_name']} manque ou n'a pas "
                "l'empreinte attendue. Reconstruisez le livre (bash outils/livre.sh) avant de le publier."
            )
    complet = "pandas" in paquets
    if not complet:
        _dire(
            "Attention : pandas, numpy et matplotlib ne sont pas hébergés ; les lecteurs devront accepter "
            "un téléchargement depuis cdn.jsdelivr.net. Pour les héberger : "
            "`python -m donnees_en_main jupyterlite preparer --complet`, puis republiez."
        )
    return complet


# --- The folder ----------------------------------------------------------------------------------

def _est_publication(dossier: Path) -> bool:
    return (dossier / MARQUE).is_file()


def verifier_cible(cible: Path, source: Path, remplacer: bool) -> None:
    """Refuse a target whose replacement would lose something."""
    cible = cible.resolve()
    proteges = [RACINE.resolve(), Path.home().resolve(), Path.cwd().resolve(), source.resolve()]
    for protege in proteges:
        if cible == protege or cible in protege.parents:
            raise ErreurPublication(
                f"{cible} contient {protege} : choisissez un dossier de publication à part "
                "(par exemple /var/www/donnees-en-main ou ./public)."
            )
    if source.resolve() in cible.parents:
        raise ErreurPublication(f"{cible} est dans le livre construit ({source}) : choisissez un dossier à part.")
    if cible.exists() and not cible.is_dir():
        raise ErreurPublication(f"{cible} existe et n'est pas un dossier.")
    if cible.is_dir() and any(cible.iterdir()) and not _est_publication(cible) and not remplacer:
        raise ErreurPublication(
            f"Le dossier {cible} n'est pas vide et ne contient pas une publication précédente du livre : "
            "rien n'a été modifié. Choisissez un dossier vide, ou ajoutez --remplacer pour remplacer "
            "son contenu."
        )
    parent = cible.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as erreur:
        raise ErreurPublication(f"Impossible de créer {parent} ({erreur.strerror}).") from None
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ErreurPublication(
            f"Impossible d'écrire dans {parent} : droits insuffisants. Publiez dans un dossier qui vous "
            "appartient, ou lancez la commande avec un compte qui peut y écrire."
        )


def construire(sortie: Path) -> Path:
    """Build the book (notebooks executed) into ``sortie``; return its ``_build/html``."""
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    _dire("Construction du livre (les pages sont exécutées : quelques minutes)…")
    r = subprocess.run(
        [str(jupyter_book), "build", str(RACINE), "--path-output", str(sortie), "-W", "-n", "--keep-going"],
        capture_output=True, text=True,
    )  # fmt: skip
    if r.returncode != 0:
        raise ErreurPublication(
            "Le livre ne se construit pas sans avertissement : corrigez d'abord ces erreurs.\n"
            + (r.stdout[-3000:] + r.stderr[-2000:]).strip()
        )
    return sortie / "_build" / "html"


def publier(cible: Path, depuis: Path | None = None, remplacer: bool = False, adresse: str | None = None,
            avec_brotli: bool = True) -> Path:  # fmt: skip
    """Write the deployable folder ``cible`` (see the module's docstring); return it."""
    cible = Path(cible).absolute()
    if adresse and not re.match(r"^https?://[^/]+", adresse):
        raise ErreurPublication(f"« {adresse} » n'est pas une adresse de site (exemple : https://donnees.ma-commune.fr/).")
    with tempfile.TemporaryDirectory(prefix="donnees-en-main-livre-") as construction:
        if depuis is None:
            verifier_cible(cible, Path(construction), remplacer)
            depuis = construire(Path(construction))
        depuis = Path(depuis)
        if not (depuis / "index.html").is_file():
            raise ErreurPublication(
                f"{depuis} n'est pas un livre construit (pas d'index.html). Construisez-le avec "
                "`bash outils/livre.sh`, ou publiez sans --depuis pour le construire."
            )
        verifier_cible(cible, depuis, remplacer)
        complet = verifier_lite(depuis)
        temporaire = cible.parent / f".{cible.name}.en-cours-{os.getpid()}"
        try:
            _dire(f"Copie du livre depuis {depuis}…")
            shutil.copytree(depuis, temporaire, ignore=shutil.ignore_patterns(".buildinfo", ".doctrees", ".donnees-en-main.empreinte"))
            ecrire_fiches(temporaire, adresse)
            _dire("Noms des fichiers statiques avec empreinte (cache d'un an possible)…")
            correspondances = empreinter(temporaire)
            images = externaliser_images(temporaire)
            if images:
                _dire(f"{images} graphiques sortis des pages, chargés quand le lecteur les atteint…")
            ecrire_annexes(temporaire, adresse)
            _dire("Précompression des fichiers texte (gzip" + (" et brotli" if avec_brotli else "") + ")…")
            nombre, total, total_gz = precompresser(temporaire, avec_brotli)
            marque = {  # served by some hosts (GitHub Pages): nothing about the build machine
                "publie_le": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                "adresse": adresse,
                "jupyterlite_complet": complet,
                "fichiers_empreintes": len(correspondances),
            }
            (temporaire / MARQUE).write_text(json.dumps(marque, indent=1, ensure_ascii=False), encoding="utf-8")
            _remplacer_dossier(temporaire, cible)
        except OSError as erreur:
            raise ErreurPublication(
                f"La publication a échoué en écrivant dans {cible.parent} ({erreur.strerror or erreur}) : "
                "l'ancienne publication, s'il y en avait une, est restée en place."
            ) from None
        finally:
            shutil.rmtree(temporaire, ignore_errors=True)
    _dire(f"{len(correspondances)} fichiers statiques avec empreinte ; {nombre} fichiers précompressés "
          f"({total / 1e6:.1f} Mo → {total_gz / 1e6:.1f} Mo en gzip).")  # fmt: skip
    return cible


def _remplacer_dossier(neuf: Path, cible: Path) -> None:
    """Swap ``neuf`` in place of ``cible`` (checked by ``verifier_cible``); delete only the old one."""
    ancienne = cible.parent / f".{cible.name}.ancienne-{os.getpid()}"
    if cible.exists():
        cible.rename(ancienne)
    try:
        neuf.rename(cible)
    except OSError:
        if ancienne.exists():
            ancienne.rename(cible)
        raise
    shutil.rmtree(ancienne, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = Analyseur(
        prog="python -m donnees_en_main publier",
        description="Prépare un dossier prêt à mettre en ligne : le livre, sa version navigateur, "
        "des fichiers précompressés, une page 404 en français, robots.txt et sitemap.xml.",
    )
    parser.add_argument("dossier", type=Path, help="dossier de publication (créé ; une publication précédente y est remplacée)")
    parser.add_argument("--depuis", type=Path, help="livre déjà construit (dossier _build/html) au lieu de le construire")
    parser.add_argument("--adresse", help="adresse publique du site, pour sitemap.xml (ex. https://donnees.ma-commune.fr/)")
    parser.add_argument("--remplacer", action="store_true", help="remplace le contenu d'un dossier non vide qui n'est pas une publication")
    parser.add_argument("--sans-brotli", action="store_true", help="précompresse en gzip seulement")
    args = parser.parse_args(argv)
    try:
        cible = publier(args.dossier, args.depuis, args.remplacer, args.adresse, not args.sans_brotli)
    except ErreurPublication as erreur:
        print(f"Erreur : {erreur}", file=sys.stderr)
        return 1
    if not args.adresse:
        print("   sitemap.xml n'a pas été écrit : précisez l'adresse publique du site avec --adresse.")
    _dire(f"Prêt à mettre en ligne : {cible}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
