"""Weight of each page of the published book, as a reader's phone downloads it (a benchmark, not a test).

    .venv/bin/python benchmarks/poids_pages.py [--site _build/html | --site <published folder>]

Without --site, the book is built first into a temporary folder (the notebooks run: a few minutes).
A built book is then published (``python -m donnees_en_main publier``: fingerprinted files, charts
as lazy-loaded files, precompressed copies) into a temporary folder; a folder that already is a
publication is measured as is. Every HTML page is loaded in headless Chromium from a local server,
with an empty cache; each file it asks for is counted twice:

- without compression: its size on disk;
- with compression: the ``.br`` copy written by the publication (what nginx ``brotli_static`` and
  GitLab Pages send), else the ``.gz`` one, else gzip level 6 for text (a server compressing on the
  fly), else as is (PNG, WOFF2…).

- first load: the page alone, empty cache (someone arriving on it from a search engine);
- after the home page: what is left to download once the home page has been read (its scripts,
  styles and fonts are in the browser's cache). Charts below the fold are not downloaded
  (``loading="lazy"``) until the reader scrolls to them.

Aims (issue 20): first load <= 800 kB compressed, later page <= 300 kB compressed.

On a phone (390 × 844, issue 18), per chapter page: its length in screens, the screen where its first
interactive element (a dashboard) starts, the worst shrink of a chart image (natural width ÷ shown
width, charts in dropdowns and in the dashboards' other views included; aim <= 1.3) and the tables wider than their place, those folded in dropdowns included, once
opened (aims: <= 12 screens, interactive element within the first 4, no overflowing table). `--telephone` prints only these.

Then « Essayer dans le navigateur » (JupyterLite, lite/, not counted above): the size of its bundle
on disk and as served, and, in Chromium with an empty cache, the time from opening a workshop
notebook to the output of its first executed cell (Pyodide and the kernel start in the browser),
with what that first visit downloads.

``--site <livre construit> --essayer [--lecture 20]`` measures « Essayer » alone (aim, issue 20: the
first cell answers <= 10 s after the reader's click, the libraries loaded while the reader reads):
the first cell run at once and after a reading pause, with lite as built and with the full
distribution (stand-in wheels with the real names, tests/outils_lite.py: the real pandas cannot be
fetched here), and the machine's load next to each figure.
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE / "tests"))
sys.path.insert(0, str(RACINE))
from conftest import construire_livre  # noqa: E402
from outils_lite import NOYAU_LANCE  # noqa: E402
from outils_navigateur import BUREAU, MESURES_TELEPHONE, TELEPHONE, navigateur, pages_html, servir  # noqa: E402

PREMIER_CHARGEMENT_MAX = 800_000
PAGE_SUIVANTE_MAX = 300_000


TYPES_COMPRESSES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2", ".pdf", ".zip", ".gz", ".whl"}


def taille_servie(fichier: Path, compression: bool = True) -> int:
    """Bytes on the wire: the precompressed copy if any, gzip level 6 for text, as is otherwise."""
    if not compression:
        return fichier.stat().st_size
    for suffixe in (".br", ".gz"):
        copie = fichier.with_name(fichier.name + suffixe)
        if copie.is_file():
            return copie.stat().st_size
    corps = fichier.read_bytes()
    if fichier.suffix.lower() in TYPES_COMPRESSES:
        return len(corps)
    return len(gzip.compress(corps, compresslevel=6, mtime=0))


def urls_demandees(browser, url: str) -> set[str]:
    """Every URL (without query nor fragment) that a first visit of ``url`` asks the server for."""
    vues: set[str] = set()
    contexte = browser.new_context(viewport=BUREAU)  # a new context: an empty cache
    page = contexte.new_page()
    page.on("request", lambda r: vues.add(urldefrag(r.url)[0].split("?")[0]) if r.url.startswith("http") else None)
    page.goto(url, wait_until="networkidle")
    contexte.close()
    return vues


def mesurer(site: Path) -> list[tuple]:
    """Per page: (path, requests, first load, after the home page), sizes as (compressed, raw)."""
    lignes = []
    with servir(site) as base, navigateur() as browser:

        def poids(urls: set[str]) -> tuple[int, int]:
            fichiers = []
            for u in urls:
                fichier = site / unquote(urlsplit(u).path.lstrip("/"))
                if fichier.is_dir():
                    fichier = fichier / "index.html"
                if fichier.is_file():
                    fichiers.append(fichier)
            return sum(taille_servie(f) for f in fichiers), sum(taille_servie(f, False) for f in fichiers)

        visites = {chemin: urls_demandees(browser, base + chemin) for chemin in pages_html(site) if chemin != "404.html"}
        accueil = visites.get("book/intro.html") or visites.get("index.html", set())
        for chemin, urls in visites.items():
            lignes.append((chemin, len(urls), poids(urls), poids(urls - accueil)))
    return lignes


# The kernel's status as the reader sees it (beside the menus), each change sent to Python as it happens.
OBSERVER_STATUT = """() => {
  let dernier = null;
  const voir = () => {
    const e = document.querySelector('.jp-NotebookKernelStatus');
    const texte = e ? e.innerText.trim() : null;
    if (texte && texte !== dernier) { dernier = texte; window.statutNoyau(texte); }
  };
  new MutationObserver(voir).observe(document, {subtree: true, childList: true, characterData: true});
}"""


def premiere_cellule(site: Path, carnet: str = "cantine.ipynb", lecture_s: float = 0.0, attendu: str | None = None) -> dict:
    """One visit with an empty cache: open ``carnet`` in lite/, read for ``lecture_s`` seconds once its
    cells show (the kernel keeps starting meanwhile), then run its first cell; the times, in seconds,
    the URLs asked for, and a timeline (seconds since the page was opened: requests of the page and of
    the kernel's worker for Pyodide and the wheels, kernel status changes, the click, the answer).

    ``attendu``: a text of the first cell's final answer (else its first output is the answer)."""
    with servir(site) as base, navigateur() as browser:
        contexte = browser.new_context(viewport=BUREAU)
        page = contexte.new_page()
        vues: set[str] = set()
        chronologie: list[tuple[float, str]] = []
        debut = time.perf_counter()

        def noter(texte: str) -> None:
            chronologie.append((time.perf_counter() - debut, texte))

        def requete(r, quoi: str) -> None:
            if r.url.startswith(base):
                vues.add(urldefrag(r.url)[0].split("?")[0])
                chemin = urlsplit(r.url).path
                if "/static/pyodide/" in chemin or chemin.endswith(".whl"):  # the kernel's files, not the interface's
                    noter(f"{quoi} {chemin.rsplit('/', 1)[-1]}")

        page.on("request", lambda r: requete(r, "→"))
        page.on("requestfinished", lambda r: requete(r, "  ←"))
        page.expose_function("statutNoyau", lambda texte: noter(f"noyau : « {texte} »"))
        page.add_init_script(f"({OBSERVER_STATUT})()")
        debut = time.perf_counter()
        page.goto(f"{base}lite/notebooks/index.html?path={carnet}")
        cellule = page.locator(".jp-CodeCell").first
        cellule.wait_for(timeout=120_000)
        interface = time.perf_counter() - debut
        noter("interface affichée (cellules visibles)")
        page.wait_for_function(NOYAU_LANCE, timeout=120_000)  # Shift+Enter is dropped until then
        if lecture_s:
            page.wait_for_timeout(lecture_s * 1000)
        clic = time.perf_counter()
        noter("clic : Maj + Entrée dans la première cellule")
        cellule.click()
        page.keyboard.press("Shift+Enter")
        sorties = page.locator(".jp-OutputArea-output")
        sortie = sorties.filter(has_text=attendu).first if attendu else sorties.first
        sorties.first.wait_for(timeout=300_000)
        noter(f"première sortie : « {' '.join(sorties.first.inner_text().split())[:50]} »")
        sortie.wait_for(timeout=300_000)
        fin = time.perf_counter()
        noter("réponse de la première cellule")
        texte = sortie.inner_text()
        contexte.close()
    return {"interface_s": interface, "premiere_cellule_s": fin - debut, "apres_clic_s": fin - clic,
            "vues": vues, "sortie": " ".join(texte.split())[:70], "chronologie": sorted(chronologie)}  # fmt: skip


def afficher_chronologie(chronologie: list[tuple[float, str]]) -> None:
    """The timeline of a visit (→ request sent, ← response received)."""
    for t, texte in chronologie:
        print(f"      {t:6.2f} s  {texte}")


def mesurer_lite(site: Path, carnet: str = "cantine.ipynb") -> dict:
    """JupyterLite: bundle size, and time to the first executed cell of ``carnet`` (empty cache)."""
    lite = site / "lite"
    fichiers = [f for f in lite.rglob("*") if f.is_file() and f.suffix not in (".gz", ".br")]  # not the copies
    mesure = {
        "fichiers": len(fichiers),
        "disque": sum(f.stat().st_size for f in fichiers),
        "servi": sum(taille_servie(f) for f in fichiers),
    }
    visite = premiere_cellule(site, carnet)
    mesure["interface_s"], mesure["premiere_cellule_s"] = visite["interface_s"], visite["premiere_cellule_s"]
    mesure["premiere_visite"] = sum(
        taille_servie(f) for u in visite["vues"] if (f := site / unquote(urlsplit(u).path.lstrip("/"))).is_file()
    )
    return mesure


PREMIERE_CELLULE_MAX_S = 10.0


def charge_machine() -> str:
    un, cinq, _ = os.getloadavg()
    return f"charge de la machine {un:.1f} (1 min) / {cinq:.1f} (5 min) sur {os.cpu_count()} cœurs"


def mesurer_essayer(site: Path, lecture_s: float, carnet: str = "cantine.ipynb", chronologie: bool = False) -> bool:
    """« Essayer »: first cell of ``carnet``, run at once and after ``lecture_s`` s of reading, with lite
    as built and with the full distribution (tests/outils_lite.py: stand-in wheels of pandas & co.)."""
    from outils_lite import site_complet

    print()
    print(f"« Essayer dans le navigateur » : première cellule de {carnet} (Chromium sans cache, serveur local ;")
    print(f"objectif <= {PREMIERE_CELLULE_MAX_S:.0f} s entre le clic du lecteur et la réponse, bibliothèques chargées pendant la lecture)")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        distributions = [("telle que construite", site)]
        try:
            distributions.append(("complète (roues de substitution)", site_complet(site, Path(tmp))))
        except Exception as erreur:  # noqa: BLE001 - a benchmark says what it could not measure
            print(f"  (distribution complète non mesurée : {erreur})")
        for nom, dossier in distributions:
            for lecture in (0.0, lecture_s):
                charge = charge_machine()
                v = premiere_cellule(dossier, carnet, lecture)
                quand = "clic dès l'affichage" if not lecture else f"clic après {lecture:.0f} s de lecture"
                alerte = ""
                if lecture and v["apres_clic_s"] > PREMIERE_CELLULE_MAX_S:
                    alerte, ok = "  ← trop lent", False
                print(f"  {nom:<34} {quand:<28} interface {v['interface_s']:5.1f} s ; réponse {v['apres_clic_s']:5.1f} s "
                      f"après le clic ({v['premiere_cellule_s']:5.1f} s après l'ouverture){alerte}")
                print(f"      {charge} ; sortie : « {v['sortie']} »")
                if chronologie:
                    afficher_chronologie(v["chronologie"])
    print("  Les roues de substitution ont les vrais noms mais pas le code ni la taille des bibliothèques : le temps")
    print("  de téléchargement et d'import du vrai pandas (plusieurs Mo de WebAssembly) n'est pas compris.")
    return ok


def mesurer_telephone(site: Path) -> dict[str, dict]:
    """Per chapter page (book/): MESURES_TELEPHONE at 390 × 844 (see tests/outils_navigateur.py)."""
    resultats = {}
    with servir(site) as base, navigateur() as browser:
        page = browser.new_page(viewport=TELEPHONE)
        for chemin in pages_html(site):
            if chemin.startswith("book/"):
                page.goto(base + chemin, wait_until="networkidle")
                resultats[chemin] = page.evaluate(MESURES_TELEPHONE)
    return resultats


def afficher_telephone(mesures: dict[str, dict]) -> None:
    print()
    print("Sur un téléphone (390 × 844) ; objectifs des pages des élus : <= 12 écrans, élément interactif dans")
    print("les 4 premiers, graphique réduit <= 1,3×, aucun tableau plus large que la colonne.")
    print(f"{'Page':<28} {'écrans':>6} {'interactif':>10} {'réduction':>9} {'tableaux trop larges':>20}")
    for chemin, m in mesures.items():
        avant = m["ecrans_avant_interactif"]
        interactif = "—" if avant is None else f"écran {avant + 1:.1f}"
        reduction = "—" if m["pire_reduction"] is None else f"{m['pire_reduction']:.2f}×"
        alerte = "  ← trop long" if m["ecrans"] > 12 else ""
        alerte += "  ← interactif trop loin" if avant is not None and avant >= 4 else ""
        alerte += "  ← graphique trop réduit" if (m["pire_reduction"] or 0) > 1.3 else ""
        larges = len(m["tableaux_debordants"]) + len(m["tableaux_replies_debordants"])
        alerte += "  ← tableau trop large" if larges else ""
        print(f"{chemin:<28} {m['ecrans']:>6.1f} {interactif:>10} {reduction:>9} "
              f"{larges:>9} sur {m['tableaux'] + m['tableaux_replies']:<3}{alerte}")


def afficher_lite(m: dict) -> None:
    print()
    print("Version navigateur (JupyterLite, dossier lite/) :")
    print(f"  {m['fichiers']} fichiers, {m['disque'] / 1e6:.1f} Mo sur le disque, {m['servi'] / 1e6:.1f} Mo servis compressés")
    print(f"  première visite d'un carnet : {m['premiere_visite'] / 1e6:.1f} Mo téléchargés (compressés)")
    print(f"  interface affichée en {m['interface_s']:.1f} s ; première cellule exécutée en {m['premiere_cellule_s']:.1f} s")
    print("  (Chromium sans cache, serveur local : le temps de calcul du navigateur, pas celui du réseau)")


def ko(n: int) -> str:
    return f"{n / 1000:7.0f} ko"


def afficher(lignes: list[tuple]) -> bool:
    print(f"{'':<30} {'':>8} {'1er chargement':^22} {'après accueil':^22}")
    print(f"{'Page':<30} {'requêtes':>8} {'compressé':>11}{'brut':>11} {'compressé':>11}{'brut':>11}")
    for chemin, n, (premier, premier_brut), (suivante, suivante_brut) in lignes:
        alerte = "  ← 1er chargement trop lourd" if premier > PREMIER_CHARGEMENT_MAX else ""
        alerte += "  ← page suivante trop lourde" if suivante > PAGE_SUIVANTE_MAX else ""
        print(f"{chemin:<30} {n:>8} {ko(premier):>11}{ko(premier_brut):>11} {ko(suivante):>11}{ko(suivante_brut):>11}{alerte}")
    pire_premier = max(lignes, key=lambda x: x[2][0])
    pire_suivante = max(lignes, key=lambda x: x[3][0])
    print()
    print(f"Premier chargement le plus lourd : {ko(pire_premier[2][0]).strip()} compressé, "
          f"{ko(pire_premier[2][1]).strip()} brut ({pire_premier[0]}), objectif <= 800 ko compressé")  # fmt: skip
    print(f"Page suivante la plus lourde     : {ko(pire_suivante[3][0]).strip()} compressé, "
          f"{ko(pire_suivante[3][1]).strip()} brut ({pire_suivante[0]}), objectif <= 300 ko compressé")  # fmt: skip
    return pire_premier[2][0] <= PREMIER_CHARGEMENT_MAX and pire_suivante[3][0] <= PAGE_SUIVANTE_MAX


def publication(site: Path, dossier: Path) -> Path:
    """``site`` as published (``python -m donnees_en_main publier``), or itself if it already is one."""
    from donnees_en_main.livre.publier import MARQUE, publier

    if (site / MARQUE).is_file():
        return site
    print("→ Publication du livre construit (empreintes, graphiques à part, précompression)…", flush=True)
    return publier(dossier / "publication", depuis=site)


def mesurer_tout(site: Path) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        publie = publication(site, Path(tmp))
        ok = afficher(mesurer(publie))
        afficher_lite(mesurer_lite(publie))
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="livre construit (_build/html) ou dossier déjà publié")
    parser.add_argument("--telephone", action="store_true", help="seulement les mesures sur un téléphone")
    parser.add_argument("--essayer", action="store_true",
                        help="seulement « Essayer dans le navigateur » : temps de la première cellule")
    parser.add_argument("--lecture", type=float, default=20.0,
                        help="secondes de lecture avant le clic (avec --essayer ; défaut : 20)")
    parser.add_argument("--chronologie", action="store_true",
                        help="avec --essayer : la chronologie de chaque visite (requêtes, état du noyau, clic)")
    args = parser.parse_args()
    if args.site:
        if not (args.site / "index.html").exists():
            print(f"Erreur : {args.site} n'est pas un livre construit (pas d'index.html).", file=sys.stderr)
            return 1
        if args.essayer:
            if not (args.site / "lite").is_dir():
                print(f"Erreur : {args.site} n'a pas de version navigateur (pas de dossier lite/).", file=sys.stderr)
                return 1
            return 0 if mesurer_essayer(args.site, args.lecture, chronologie=args.chronologie) else 1
        afficher_telephone(mesurer_telephone(args.site))
        if args.telephone:
            return 0
        return mesurer_tout(args.site)
    with tempfile.TemporaryDirectory() as tmp:
        print("→ Construction du livre (les pages sont exécutées) …", flush=True)
        code, journal = construire_livre(Path(tmp))
        if code != 0:
            print(journal, file=sys.stderr)
            return 1
        site = Path(tmp) / "_build" / "html"
        afficher_telephone(mesurer_telephone(site))
        return mesurer_tout(site)


if __name__ == "__main__":
    raise SystemExit(main())
