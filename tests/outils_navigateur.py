"""Serve a built book on 127.0.0.1 and drive the system's headless Chromium over it.

Shared by tests/test_publication.py and benchmarks/poids_pages.py. Playwright's Python package drives
/usr/bin/chromium (Debian package; `playwright install` is never needed): set CHROMIUM to use another
binary.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

# A fresh profile for every launch (Playwright creates a temporary --user-data-dir), and nothing that
# talks to the network on its own: every request a page makes is one the page asked for.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TELEPHONE = {"width": 390, "height": 844}  # a common phone, CSS pixels
BUREAU = {"width": 1280, "height": 900}
# lite/ is JupyterLite (« Essayer dans le navigateur »), an application tested by tests/test_jupyterlite.py.
DOSSIERS_TECHNIQUES = {"_static", "_sources", "_images", "_sphinx_design_static", "lite"}


def chromium_executable() -> str | None:
    """Path of the Chromium binary, or None when it is not installed."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def pages_html(site: Path) -> list[str]:
    """Every HTML page of a built site, as URL paths relative to its root (index, search and index pages too)."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not DOSSIERS_TECHNIQUES.intersection(p.relative_to(site).parts)
    )


class _Silencieux(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


@contextlib.contextmanager
def servir(site: Path) -> Iterator[str]:
    """Serve ``site`` with http.server on 127.0.0.1 (a free port); yield its base URL."""
    serveur = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Silencieux, directory=str(site)))
    fil = threading.Thread(target=serveur.serve_forever, daemon=True)
    fil.start()
    try:
        yield f"http://127.0.0.1:{serveur.server_address[1]}/"
    finally:
        serveur.shutdown()
        serveur.server_close()


def options_chromium() -> dict:
    """Keyword arguments of Playwright's ``chromium.launch`` (sync or async API)."""
    executable = chromium_executable()
    if executable is None:
        raise RuntimeError("Chromium est introuvable : installez-le (Debian : sudo apt install chromium).")
    return {"executable_path": executable, "headless": True, "args": CHROMIUM_ARGS}


@contextlib.contextmanager
def navigateur() -> Iterator[object]:
    """A headless Chromium (Playwright ``Browser``, sync API)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(**options_chromium())
        try:
            yield browser
        finally:
            browser.close()


# What a phone reader meets on a page (tests/test_telephone.py, benchmarks/poids_pages.py), in
# screens of the viewport's height: the page's length, where its first interactive element (a
# dashboard, a control) starts, how much each chart image is shrunk, which tables overflow the column
# (or the dropdown or box they sit in), and how many points its « L'essentiel » box makes. Then every
# closed dropdown is opened, and the tables it held are checked the same way; its charts, and those of
# every other view of each dashboard (shown one at a time), join the page's images (``cachee`` says where).
MESURES_TELEPHONE = """async () => {
  const article = document.querySelector('.bd-article') || document.body;
  // the charts load lazily: loaded now, as a reader scrolling down would (their height counts)
  const paresseuses = Array.from(article.querySelectorAll('img[loading="lazy"]'));
  paresseuses.forEach(i => { i.loading = 'eager'; });
  await Promise.all(paresseuses.map(i => i.decode().catch(() => null)));
  const ecran = window.innerHeight;
  const haut = el => el.getBoundingClientRect().top + window.scrollY;
  const interactif = Array.from(article.querySelectorAll('[data-vues], .dem-vues, .jupyter-widgets, iframe'))
    .filter(el => el.getBoundingClientRect().height > 0)[0];
  const image = (i, cachee) => ({src: (i.currentSrc || i.src).split('/').pop(), naturelle: i.naturalWidth,
                alt: i.alt || '', cachee: cachee,
                adresse: (i.currentSrc || i.src).startsWith('data:') ? (i.currentSrc || i.src)
                         : new URL(i.currentSrc || i.src).pathname,
                affichee: Math.round(i.getBoundingClientRect().width),
                reduction: i.naturalWidth / i.getBoundingClientRect().width});
  const montrees = () => Array.from(article.querySelectorAll('img'))
    .filter(i => i.naturalWidth && i.getBoundingClientRect().width > 0);
  const vues_d_abord = montrees();
  const images = vues_d_abord.map(i => image(i, null));
  const colonne = article.clientWidth;
  const disponible = t => {
    const parent = t.parentElement, style = getComputedStyle(parent);
    return Math.min(colonne, parent.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight));
  };
  // shown: not in another view of a dashboard nor in a closed dropdown (content-visibility: hidden)
  const visibles = () => Array.from(article.querySelectorAll('table'))
    .filter(t => t.checkVisibility ? t.checkVisibility({contentVisibilityAuto: true}) : t.offsetParent);
  const trop_larges = liste => liste
    .map(t => ({largeur: Math.round(Math.max(t.getBoundingClientRect().width, t.scrollWidth)),
                place: Math.round(disponible(t)), debut: (t.innerText || '').trim().slice(0, 40)}))
    .filter(t => t.largeur > t.place + 1);
  const tableaux = visibles();
  const debordants = trop_larges(tableaux);
  const h1 = article.querySelector('h1');
  let premier = h1 ? h1.nextElementSibling : null;
  while (premier && (premier.matches('span, a') || !premier.textContent.trim())) premier = premier.nextElementSibling;
  const titre = article.querySelector('.admonition .admonition-title');
  const essentiel = article.querySelector('.admonition.essentiel');
  const mesures = {
    ecrans: document.documentElement.scrollHeight / ecran,
    ecrans_avant_interactif: interactif ? haut(interactif) / ecran : null,
    pire_reduction: images.length ? Math.max(...images.map(i => i.reduction)) : null,
    images: images,
    colonne: colonne,
    tableaux: tableaux.length,
    tableaux_debordants: debordants,
    premier_bloc: premier ? (premier.querySelector('.admonition-title') || premier).textContent.trim().slice(0, 60) : null,
    premier_titre_encadre: titre ? titre.textContent.trim() : null,
    points_essentiel: essentiel ? essentiel.querySelectorAll('li').length : null,
  };
  // the folded parts, opened as a reader would (the page lays their tables out again)
  const fermes = Array.from(article.querySelectorAll('details:not([open])'));
  for (let i = 0; i < 3 && article.querySelector('details:not([open])'); i++) {  // dropdowns in dropdowns
    article.querySelectorAll('details:not([open])').forEach(d => { d.open = true; });
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  }
  await new Promise(r => setTimeout(r, 200));
  const replies = visibles().filter(t => !tableaux.includes(t));
  mesures.tableaux_replies = replies.length;
  mesures.tableaux_replies_debordants = trop_larges(replies);
  // and the charts they held, then those of the dashboards' other views (each view shown in turn, in
  // its dashboard's place: the same width as the one a reader's choice would show)
  const attendre = async () => {
    await Promise.all(Array.from(article.querySelectorAll('img')).map(i => i.decode().catch(() => null)));
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  };
  await attendre();
  const dans_les_replis = montrees().filter(i => !vues_d_abord.includes(i));
  images.push(...dans_les_replis.map(i => image(i, 'menu déroulant')));
  const deja = new Set([...vues_d_abord, ...dans_les_replis]);
  for (const vue of Array.from(article.querySelectorAll('[data-vues] [data-cle][hidden]'))) {
    if (!vue.querySelector('img')) continue;
    const montree = Array.from(vue.parentElement.children).find(v => !v.hidden);
    if (montree) montree.hidden = true;
    vue.hidden = false;
    await attendre();
    const nouvelles = montrees().filter(i => vue.contains(i) && !deja.has(i));
    nouvelles.forEach(i => deja.add(i));
    images.push(...nouvelles.map(i => image(i, `vue « ${vue.dataset.cle} » d'un tableau de bord`)));
    vue.hidden = true;
    if (montree) montree.hidden = false;
  }
  mesures.images_cachees = images.filter(i => i.cachee).length;
  mesures.pire_reduction = images.length ? Math.max(...images.map(i => i.reduction)) : null;
  fermes.forEach(d => { d.open = false; });
  return mesures;
}"""
