"""« Essayer dans le navigateur » for the book: JupyterLite with a self-hosted Pyodide.

The book links each chapter to its workshop notebook running in the reader's browser (JupyterLite,
built by jupyterlite-sphinx into ``_build/html/lite/``). Every file it needs is served by the book's
own host; nothing is asked of a CDN before the reader agrees (see ``donnees_en_main.livre.navigateur``).

Two steps, both in French on the command line::

    python -m donnees_en_main jupyterlite preparer            # once: Pyodide + the kernel's wheels
    python -m donnees_en_main jupyterlite preparer --complet  # deployer, online: + pandas & co.

``preparer`` (run by ``outils/installer.sh``) fills ``jupyterlite/static/pyodide/`` — the folder
jupyterlite-pyodide-kernel copies to the site and points the kernel at:

- Pyodide's core from the npm registry (``pyodide`` package; its tarball, fetched over HTTPS without
  needing npm, is checked against the SHA-512 the registry publishes, pinned here), with Pyodide's
  own lock file kept as ``pyodide-lock-origine.json``;
- the pure-Python wheels the kernel needs to start (IPython, micropip…, ipywidgets) from PyPI,
  checked by pip against the hashes of ``outils/jupyterlite/noyau.txt``;
- with ``--complet``: pandas, numpy, matplotlib and their dependencies, which exist only in
  Pyodide's full distribution, downloaded from its CDN (or ``--source``, a mirror) and checked one
  by one against the SHA-256 of Pyodide's lock file.

At each book build (``avant_jupyterlite``, a Sphinx hook of ``sphinx_fr``) the project's own wheel
is built, the served ``pyodide-lock.json`` is written listing only the files present, and the
notebooks are copied with a first cell that loads the libraries or asks for consent (a button).
"""

from __future__ import annotations

import argparse
import base64
import copy
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

from donnees_en_main import reglages
from donnees_en_main.reglages import RACINE, empreinte
from donnees_en_main.livre.navigateur import (
    BIBLIOTHEQUES, CDN, LOCK_ORIGINE, ErreurNavigateur, normaliser_nom, paquets_scientifiques, verifier_empreinte,
)

#: Must be the Pyodide version of jupyterlite-pyodide-kernel (``constants.PYODIDE_VERSION``): tested.
PYODIDE_VERSION = "314.0.6"
#: ``npm view pyodide@314.0.6 dist.integrity``
PYODIDE_NPM_INTEGRITY = (
    "sha512-BKDTJyIqFxC4BExLqeRS3f5xvXZIjOt8C3zGLN/Cc7tFxSwvKVhVkchQQ2AGLOtR4YrVOIFxbV8poyDOOmWwxQ=="
)
PYTHON_PYODIDE = "3.14"
FICHIERS_COEUR = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
NOYAU = RACINE / "outils" / "jupyterlite" / "noyau.txt"
#: Wheels of the kernel that Pyodide's lock does not list: their entries in the served lock.
HORS_LOCK = {
    "comm": {"imports": ["comm"], "depends": []},
    "ipywidgets": {"imports": ["ipywidgets"], "depends": ["comm", "ipython", "traitlets"]},
}
#: Wheels of the Pyodide kernel extension itself (its ``static/pypi/``), which piplite would install one
#: after the other once Python has started: served in the lock like the others, they are fetched and
#: unpacked in parallel while Pyodide starts (see ``PRECHARGES``).
ROUES_EXTENSION = {
    "piplite": {"imports": ["piplite"], "depends": ["micropip"]},
    "pyodide-kernel": {"imports": ["pyodide_kernel"], "depends": ["comm", "ipython"]},
    "ipykernel": {"imports": ["ipykernel"], "depends": ["pyodide-kernel"]},
}
#: What the kernel loads while Pyodide starts (``loadPyodideOptions.packages``), before the reader runs
#: anything: what the kernel needs to start (the names the kernel extension skips installing when they
#: are listed here: micropip, piplite, ipykernel, comm, pyodide-kernel, jedi, ipython), then what the
#: first cell imports (our package, ipywidgets for the consent button) and, when the site hosts them,
#: pandas & co. Measured: ``benchmarks/poids_pages.py --essayer --chronologie``.
PRECHARGES = ("micropip", "piplite", "ipykernel", "comm", "pyodide-kernel", "jedi", "ipython", "ipywidgets", "donnees-en-main")
#: The first cells of every notebook in the browser (markdown, then code).
CELLULE_PRESENTATION = """\
## Ce carnet tourne dans votre navigateur

Python s'exécute ici, sur votre ordinateur ou votre téléphone, sans rien installer : rien de ce que
vous tapez n'est envoyé à un serveur. Vos modifications restent dans ce navigateur ; pour les garder,
téléchargez le carnet (menu *Fichier*). Exécutez d'abord la cellule ci-dessous : cliquez dedans,
puis appuyez sur Maj + Entrée (ou sur le bouton ▶ en haut du carnet)."""
CELLULE_PREPARATION = """\
from donnees_en_main.livre.navigateur import autoriser_cdn, preparer

await preparer()"""


def dossier_lite() -> Path:
    """The JupyterLite source folder (``jupyterlite_dir`` of the book): generated, not versioned."""
    return reglages.dossier_jupyterlite()


def dossier_pyodide() -> Path:
    return dossier_lite() / "static" / "pyodide"


def _dire(message: str) -> None:
    print(f"→ {message}", flush=True)


def _sha256(chemin: Path) -> str:
    return hashlib.sha256(chemin.read_bytes()).hexdigest()


def epingles_noyau(fichier: Path = NOYAU) -> dict[str, tuple[str, str]]:
    """``noyau.txt`` as {normalised name: (version, sha256)}."""
    epingles = {}
    for ligne in fichier.read_text(encoding="utf-8").splitlines():
        ligne = ligne.split("#", 1)[0].strip()
        if not ligne:
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)\s+--hash=sha256:([0-9a-f]{64})", ligne)
        if not m:
            raise ErreurNavigateur(f"Ligne illisible dans {fichier} : « {ligne} ».")
        epingles[normaliser_nom(m[1])] = (m[2], m[3])
    return epingles


def _nom_de_roue(fichier: str) -> tuple[str, str]:
    nom, version = fichier.split("-")[:2]
    return normaliser_nom(nom), version


# --- preparer: Pyodide core, kernel wheels, optionally the full distribution's scientific packages ---

def _coeur_present(cible: Path) -> bool:
    version = cible / "version-pyodide.txt"
    return (
        version.is_file()
        and version.read_text().strip() == PYODIDE_VERSION
        and all((cible / f).is_file() for f in (*FICHIERS_COEUR, LOCK_ORIGINE))
    )


def _preparer_coeur(cible: Path) -> None:
    if _coeur_present(cible):
        return
    registre = os.environ.get("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org/").rstrip("/")
    url = f"{registre}/pyodide/-/pyodide-{PYODIDE_VERSION}.tgz"
    _dire(f"Téléchargement de Pyodide {PYODIDE_VERSION} depuis le registre npm (environ 13 Mo)…")
    archive = _telecharger(url)
    integrite = "sha512-" + base64.b64encode(hashlib.sha512(archive).digest()).decode()
    if integrite != PYODIDE_NPM_INTEGRITY:
        raise ErreurNavigateur(f"L'archive de Pyodide reçue de {url} n'a pas l'empreinte publiée par npm : rien n'a été installé.")
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        cible.mkdir(parents=True, exist_ok=True)
        for nom in FICHIERS_COEUR:
            shutil.copy2(Path(tmp) / "package" / nom, cible / nom)
        shutil.copy2(Path(tmp) / "package" / "pyodide-lock.json", cible / LOCK_ORIGINE)
    (cible / "version-pyodide.txt").write_text(PYODIDE_VERSION + "\n")


def _roues_noyau_presentes(cible: Path) -> bool:
    presentes = {_nom_de_roue(p.name): p for p in cible.glob("*.whl")}
    for nom, (version, empreinte) in epingles_noyau().items():
        roue = presentes.get((nom, version))
        if roue is None or _sha256(roue) != empreinte:
            return False
    return True


def _preparer_noyau(cible: Path) -> None:
    if _roues_noyau_presentes(cible):
        return
    _dire("Téléchargement des roues du noyau Python du navigateur depuis PyPI (environ 5 Mo)…")
    commande = [
        sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
        "--python-version", PYTHON_PYODIDE, "--platform", "any", "--implementation", "py",
        "--require-hashes", "-r", str(NOYAU), "-d", str(cible),
    ]  # fmt: skip
    sortie = subprocess.run(commande, capture_output=True, text=True)
    if sortie.returncode != 0:
        raise ErreurNavigateur(f"pip n'a pas pu télécharger les roues du noyau :\n{sortie.stderr.strip()}")


def _telecharger(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=120) as reponse:
            return reponse.read()
    except OSError as erreur:
        raise ErreurNavigateur(
            f"Téléchargement impossible : {url} ({erreur}). Cette étape demande un accès à Internet."
        ) from None


def _preparer_complet(cible: Path, source: str) -> None:
    lock = json.loads((cible / LOCK_ORIGINE).read_text(encoding="utf-8"))
    entrees = paquets_scientifiques(lock)
    taille = 0
    for numero, entree in enumerate(entrees, start=1):
        fichier = cible / entree["file_name"]
        if fichier.is_file() and _sha256(fichier) == entree["sha256"]:
            continue
        _dire(f"{numero}/{len(entrees)} {entree['file_name']}")
        contenu = _telecharger(source + entree["file_name"])
        verifier_empreinte(contenu, entree["sha256"], entree["file_name"])
        _remplacer(fichier, contenu)  # never a half-written wheel under its real name
        taille += len(contenu)
    _dire(f"Bibliothèques scientifiques vérifiées et hébergées ({len(entrees)} fichiers, {taille / 1e6:.1f} Mo téléchargés).")


def preparer(complet: bool = False, source: str | None = None) -> Path:
    """Fill ``jupyterlite/static/pyodide/``; idempotent (nothing is fetched twice)."""
    cible = dossier_pyodide()
    cible.mkdir(parents=True, exist_ok=True)
    _preparer_coeur(cible)
    _preparer_noyau(cible)
    if complet:
        source = source or CDN.format(version=PYODIDE_VERSION)
        _preparer_complet(cible, source if source.endswith("/") else source + "/")
    return cible


# --- At each book build ----------------------------------------------------------------------------

def _construire_roue_du_projet(cible: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        # A copy of the package alone: setuptools writes build/ and *.egg-info next to its sources.
        source = Path(tmp) / "source"
        source.mkdir()
        shutil.copy2(RACINE / "pyproject.toml", source)
        shutil.copy2(RACINE / "README.md", source)
        shutil.copytree(RACINE / "donnees_en_main", source / "donnees_en_main", ignore=shutil.ignore_patterns("__pycache__"))
        roues = Path(tmp) / "roues"
        sortie = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(roues), str(source)],
            capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "315532800"},
        )  # fmt: skip  (fixed dates in the zip: the same sources give the same wheel)
        if sortie.returncode != 0:
            raise ErreurNavigateur(f"La roue du paquet donnees_en_main n'a pas pu être construite :\n{sortie.stderr.strip()}")
        neuve = next(roues.glob("donnees_en_main-*.whl"))
        for ancienne in cible.glob("donnees_en_main-*.whl"):
            if ancienne.name != neuve.name:
                ancienne.unlink()
        _remplacer(cible / neuve.name, neuve.read_bytes())
    return cible / neuve.name


def _remplacer(chemin: Path, contenu: bytes) -> None:
    """Write a file in one step (another build may be reading it)."""
    temporaire = chemin.with_name(f".{chemin.name}.{os.getpid()}")
    temporaire.write_bytes(contenu)
    temporaire.replace(chemin)


def lock_servi(cible: Path) -> dict:
    """The lock file the book serves: Pyodide's entries whose file is here, plus the kernel's and ours.

    An entry whose file is missing is dropped (and so is any entry that depends on it): Pyodide then
    never asks for it, neither here (404) nor on a CDN.
    """
    origine = json.loads((cible / LOCK_ORIGINE).read_text(encoding="utf-8"))
    epingles = epingles_noyau()
    roues = {_nom_de_roue(p.name): p for p in cible.glob("*.whl")}
    paquets = {}
    for cle, entree in origine["packages"].items():
        nom = normaliser_nom(entree["name"])
        fichier = cible / entree["file_name"]
        if fichier.is_file() and _sha256(fichier) == entree["sha256"]:
            paquets[cle] = entree
        elif nom in epingles and (nom, epingles[nom][0]) in roues:
            roue = roues[(nom, epingles[nom][0])]
            if _sha256(roue) != epingles[nom][1]:
                raise ErreurNavigateur(f"{roue.name} a été modifié depuis son téléchargement : relancez la préparation.")
            paquets[cle] = {**copy.deepcopy(entree), "file_name": roue.name, "sha256": epingles[nom][1], "version": epingles[nom][0]}
    for nom, meta in HORS_LOCK.items():
        version, empreinte = epingles[nom]
        roue = roues[(nom, version)]
        paquets[nom] = _entree(nom, version, roue, empreinte, **meta)
    for nom, meta in ROUES_EXTENSION.items():
        for roue in cible.glob(f"{nom.replace('-', '_')}-*.whl"):
            paquets[nom] = _entree(nom, _nom_de_roue(roue.name)[1], roue, _sha256(roue), **meta)
    projet = next(cible.glob("donnees_en_main-*.whl"), None)
    if projet is not None:
        scientifiques = [n for n in ("pandas", "matplotlib") if n in paquets]
        paquets["donnees-en-main"] = _entree(
            "donnees-en-main", _nom_de_roue(projet.name)[1], projet, _sha256(projet),
            imports=["donnees_en_main"], depends=["ipywidgets", *scientifiques],
        )  # fmt: skip
    _avec_precompilees(cible, paquets)
    # Drop entries whose dependencies are missing, until none is left.
    connus = {normaliser_nom(e["name"]) for e in paquets.values()}
    while True:
        orphelins = [c for c, e in paquets.items() if any(normaliser_nom(d) not in connus for d in e["depends"])]
        if not orphelins:
            break
        for cle in orphelins:
            connus.discard(normaliser_nom(paquets.pop(cle)["name"]))
    return {"info": origine["info"], "packages": paquets}


def _entree(nom: str, version: str, roue: Path, empreinte: str, imports: list[str], depends: list[str]) -> dict:
    return {
        "name": nom, "version": version, "file_name": roue.name, "install_dir": "site", "sha256": empreinte,
        "package_type": "package", "imports": imports, "depends": depends, "unvendored_tests": False,
    }  # fmt: skip


def dossier_roues_extension() -> Path:
    """The Pyodide kernel extension's own wheels (piplite, its kernel), in the installed extension."""
    return Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyterlite" / "pyodide-kernel-extension" / "static" / "pypi"


def copier_roues_extension(cible: Path, source: Path | None = None) -> list[Path]:
    """Copy the kernel extension's wheels (``ROUES_EXTENSION``) into ``cible``, each checked against the
    SHA-256 of the extension's index (``all.json``); the files copied."""
    source = source or dossier_roues_extension()
    try:
        index = json.loads((source / "all.json").read_text(encoding="utf-8"))
    except OSError:
        raise ErreurNavigateur(f"Index des roues du noyau introuvable : {source / 'all.json'}. Lancez `bash outils/installer.sh`.") from None
    copiees = []
    for nom in ROUES_EXTENSION:
        versions = index.get(nom, {}).get("releases", {})
        if len(versions) != 1:
            raise ErreurNavigateur(f"L'extension du noyau Pyodide ne décrit pas une seule version de {nom} ({source}).")
        [[publiee, *_]] = versions.values()
        roue = source / publiee["filename"]
        contenu = roue.read_bytes()
        verifier_empreinte(contenu, publiee["digests"]["sha256"], roue.name)
        for ancienne in cible.glob(f"{nom.replace('-', '_')}-*.whl"):
            if ancienne.name != roue.name:
                ancienne.unlink()
        if not (cible / roue.name).is_file() or _sha256(cible / roue.name) != publiee["digests"]["sha256"]:
            _remplacer(cible / roue.name, contenu)
        copiees.append(cible / roue.name)
    return copiees


#: Subfolder of the Pyodide folder: the kernel's pure-Python wheels with their bytecode (``precompiler_roues``).
PRECOMPILEES = "precompilees"
SOURCES_PRECOMPILEES = "sources.json"  # {wheel name: SHA-256 of the wheel it was compiled from}
PRECOMPILER = Path(__file__).with_name("precompiler.mjs")


def _roues_a_precompiler(cible: Path) -> list[Path]:
    # not our own package: its modules are imported one by one by later cells (compiled then), and
    # its bytecode would triple its download
    noms = {*epingles_noyau(), *HORS_LOCK, *ROUES_EXTENSION}
    return sorted(r for r in cible.glob("*-none-any.whl") if _nom_de_roue(r.name)[0] in noms)


def precompiler_roues(cible: Path) -> list[Path]:
    """The kernel's pure-Python wheels, their modules compiled for Pyodide's Python (bytecode in place of
    the sources, as Pyodide ships its own packages), in ``cible/precompilees/``.

    Measured (``benchmarks/poids_pages.py --essayer --chronologie``): most of the kernel's start once
    Pyodide runs is Python compiling IPython, jedi… from their sources. Compiled here once by Pyodide
    itself under Node.js (``precompiler.mjs``); a wheel already compiled from the same file is kept.
    Without Node.js, nothing is compiled (the browser compiles, the start is slower): said, not an error.
    """
    dossier = cible / PRECOMPILEES
    roues = _roues_a_precompiler(cible)
    index_fichier = dossier / SOURCES_PRECOMPILEES
    index = json.loads(index_fichier.read_text(encoding="utf-8")) if index_fichier.is_file() else {}
    empreintes = {r.name: _sha256(r) for r in roues}
    a_faire = [r for r in roues if not ((dossier / r.name).is_file() and index.get(r.name) == empreintes[r.name])]
    node = shutil.which("node")
    if a_faire and node is None:
        _dire("Node.js est absent : les roues du noyau ne sont pas précompilées (« Essayer » démarre plus "
              "lentement, le navigateur les compile). Installez Node.js (Debian : apt install nodejs).")  # fmt: skip
        a_faire, roues = [], [r for r in roues if r not in a_faire]
    if a_faire:
        _dire(f"Précompilation de {len(a_faire)} roue(s) du noyau pour Pyodide (Node.js)…")
        if not (cible / "pyodide-lock.json").is_file():  # a fresh clone: Pyodide under Node.js starts from it
            _remplacer(cible / "pyodide-lock.json", json.dumps(lock_servi(cible), indent=1).encode("utf-8"))
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "entree").mkdir()
            for roue in a_faire:
                shutil.copy2(roue, Path(tmp) / "entree" / roue.name)
            sortie = subprocess.run([node, str(PRECOMPILER), str(cible), tmp], capture_output=True, text=True)
            if sortie.returncode != 0:
                raise ErreurNavigateur(f"La précompilation des roues du noyau a échoué :\n{sortie.stderr.strip()[-2000:]}")
            dossier.mkdir(exist_ok=True)
            for roue in a_faire:
                _remplacer(dossier / roue.name, (Path(tmp) / "sortie" / roue.name).read_bytes())
    index = {r.name: empreintes[r.name] for r in roues if (dossier / r.name).is_file()}
    if dossier.is_dir():
        for ancienne in dossier.glob("*.whl"):
            if ancienne.name not in index:
                ancienne.unlink()
        _remplacer(index_fichier, json.dumps(index, indent=1, sort_keys=True).encode("utf-8"))
    return [dossier / nom for nom in index]


def _avec_precompilees(cible: Path, paquets: dict) -> None:
    """Point the lock's entries at their precompiled wheel, when one was compiled from that very file."""
    index_fichier = cible / PRECOMPILEES / SOURCES_PRECOMPILEES
    if not index_fichier.is_file():
        return
    index = json.loads(index_fichier.read_text(encoding="utf-8"))
    for entree in paquets.values():
        compilee = cible / PRECOMPILEES / entree["file_name"]
        if index.get(entree["file_name"]) == entree["sha256"] and compilee.is_file():
            entree["file_name"] = f"{PRECOMPILEES}/{compilee.name}"
            entree["sha256"] = _sha256(compilee)


def complet(cible: Path | None = None) -> bool:
    """True when pandas & co. are self-hosted (``preparer --complet`` was run)."""
    cible = cible or dossier_pyodide()
    lock = cible / "pyodide-lock.json"
    return lock.is_file() and "pandas" in json.loads(lock.read_text(encoding="utf-8"))["packages"]


def reglages_noyau(pyodide: Path) -> dict:
    """The Pyodide kernel's settings for the Pyodide folder ``pyodide`` (``jupyter-lite.json``)."""
    # Never fall back to pypi.org: a package that is not served here is not installed.
    reglages: dict = {"disablePyPIFallback": True}
    # What the kernel and the first cell need is fetched in parallel while Pyodide starts (instead of
    # one package after the other once it has started); self-hosted pandas & co. too, as the reader
    # reads the notebook's introduction: the first cell then finds them ready. Only what the served
    # lock lists (a name it does not know would stop the kernel).
    lock = pyodide / "pyodide-lock.json"
    servis = set(json.loads(lock.read_text(encoding="utf-8"))["packages"]) if lock.is_file() else set()
    precharges = [nom for nom in (*PRECHARGES, *BIBLIOTHEQUES) if nom in servis]
    if precharges:
        reglages["loadPyodideOptions"] = {"packages": precharges}
    return reglages


def ecrire_configuration(lite: Path) -> None:
    """``jupyter_lite_config.json`` and ``overrides.json``: only the extensions lite needs, in French."""
    partage = Path(sys.prefix) / "share" / "jupyter" / "labextensions"
    extensions = [partage / "@jupyterlite" / "pyodide-kernel-extension", partage / "@jupyter-widgets" / "jupyterlab-manager"]
    for extension in extensions:
        if not (extension / "package.json").is_file():
            raise ErreurNavigateur(f"Extension JupyterLab introuvable : {extension}. Lancez `bash outils/installer.sh`.")
    config = {
        "LiteBuildConfig": {
            # nbgrader's and the notebook's extensions need a server: not in the browser.
            "ignore_sys_prefix": ["federated_extensions"],
            "federated_extensions": [str(e) for e in extensions],
            "no_sourcemaps": True,
            "no_unused_shared_packages": True,
        }
    }
    (lite / "jupyter_lite_config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    overrides = {
        "@jupyterlab/translation-extension:plugin": {"locale": "fr_FR"},
        # long lines of code wrap instead of running off a phone's screen
        "@jupyterlab/notebook-extension:tracker": {"codeCellConfig": {"lineWrap": True}},
    }
    (lite / "overrides.json").write_text(json.dumps(overrides, indent=2), encoding="utf-8")
    noyau = {"@jupyterlite/pyodide-kernel-extension:kernel": reglages_noyau(lite / "static" / "pyodide")}
    page = {"jupyter-config-data": {"litePluginSettings": noyau}}
    (lite / "jupyter-lite.json").write_text(json.dumps(page, indent=2), encoding="utf-8")


def ecrire_contenu(destination: Path) -> list[Path]:
    """The workshop notebooks as the browser gets them (first cells added) and the datasets beside them."""
    import nbformat

    destination.mkdir(parents=True, exist_ok=True)
    ecrits = []
    for carnet in sorted((RACINE / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(carnet, as_version=4)
        cellules = [
            nbformat.v4.new_markdown_cell(CELLULE_PRESENTATION),
            nbformat.v4.new_code_cell(CELLULE_PREPARATION),
        ]  # consent, when needed, is a button shown by preparer(): never code to edit
        for numero, cellule in enumerate(cellules, start=1):
            cellule.metadata["tags"] = ["navigateur"]
            cellule["id"] = f"navigateur-{numero}"
        nb.nbformat_minor = max(nb.nbformat_minor, 5)
        nb.cells = cellules + nb.cells
        cible = destination / carnet.name
        nbformat.write(nb, cible)
        ecrits.append(cible)
    donnees = destination / "datasets"
    shutil.rmtree(donnees, ignore_errors=True)
    shutil.copytree(RACINE / "datasets", donnees, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return ecrits


TAMPON_LITE = ".donnees-en-main.empreinte"  # in the built lite/ folder


def _empreinte_lite(app) -> str:
    """What lite's output depends on: package, data, workshop notebooks, Pyodide folder, versions."""
    from importlib.metadata import version

    pyodide = Path(app.srcdir) / app.config.jupyterlite_dir / "static" / "pyodide"
    liste = sorted(f"{p.name}:{p.stat().st_size}" for p in pyodide.glob("*") if not p.name.startswith(("donnees_en_main-", "pyodide-lock.json", ".", PRECOMPILEES)))
    versions = [version(d) for d in ("jupyterlite-core", "jupyterlite-pyodide-kernel", "jupyterlite-sphinx", "ipywidgets")]
    sources = empreinte(RACINE, ("donnees_en_main", "datasets", "notebooks", "outils/jupyterlite"))
    return hashlib.sha256(json.dumps([sources, liste, versions, sys.prefix]).encode()).hexdigest()


def faut_il_construire(app) -> None:
    """Sphinx ``builder-inited``: no JupyterLite for the single-page book (PDF), nor when it is current.

    JupyterLite's build takes about 10 s: an unchanged lite/ folder of a previous build is kept.
    """
    import jupyterlite_sphinx.jupyterlite_sphinx as jls

    app.env.donnees_en_main_lite = None
    if app.builder.format == "html" and app.builder.name != "singlehtml":
        empreinte_lite = _empreinte_lite(app)
        tampon = Path(app.outdir) / "lite" / TAMPON_LITE
        if not (tampon.is_file() and tampon.read_text() == empreinte_lite):
            app.env.donnees_en_main_lite = empreinte_lite
            return
        _dire("Version navigateur (JupyterLite) inchangée : elle n'est pas reconstruite.")
    for listener in list(app.events.listeners.get("build-finished", [])):
        if listener.handler is jls.jupyterlite_build:
            app.disconnect(listener.id)


#: The project's style sheet for lite's interface (phone width, touch): see the file's comments.
FEUILLE_LITE = Path(__file__).with_name("jupyterlite.css")
NOM_FEUILLE_LITE = "donnees-en-main.css"  # in the built lite/static/


def ajouter_feuille(lite: Path) -> list[Path]:
    """Link the project's style sheet from every application page of a built ``lite/`` folder.

    JupyterLite has no setting for a style sheet: the file is copied to ``lite/static/`` and each
    ``lite/<application>/index.html`` gets a ``<link>`` (idempotent). Returns the pages linked.
    """
    _remplacer(lite / "static" / NOM_FEUILLE_LITE, FEUILLE_LITE.read_bytes())
    lien = f'<link rel="stylesheet" href="../static/{NOM_FEUILLE_LITE}">'
    pages = []
    for page in sorted(lite.glob("*/index.html")):
        texte = page.read_text(encoding="utf-8")
        if lien not in texte:
            if "</head>" not in texte:
                raise ErreurNavigateur(f"{page} n'a pas de balise </head> : la feuille de style du cours n'a pas pu y être liée.")
            _remplacer(page, texte.replace("</head>", f"  {lien}\n</head>", 1).encode("utf-8"))
        pages.append(page)
    return pages


#: What the French language pack (jupyterlab-language-pack-fr-FR) leaves in English in lite's interface,
#: by translation domain: the kernel's status beside the menus (« Kernel Connecting »… built by Jupyter
#: Notebook from the status' name) and JupyterLite's own tooltip. Added to lite's translations.
TRADUCTIONS_COMPLEMENTAIRES = {
    "notebook": {
        "Kernel Initializing": "Python démarre…",
        "Kernel Connecting": "Python démarre…",
        "Kernel Starting": "Python démarre…",
        "Kernel Connected": "Python est prêt",
        "Kernel Restarting": "Python redémarre…",
        "Kernel Autorestarting": "Python redémarre…",
        "Kernel Terminating": "Python s'arrête…",
        "Kernel Dead": "Python s'est arrêté : rechargez la page",
        "Kernel Disconnected": "Python est déconnecté : rechargez la page",
        "Kernel Unknown": "État de Python inconnu",
    },
    "jupyterlite": {"Click to open kernel logs": "Cliquer pour voir le journal de Python"},
}


def completer_traductions(lite: Path) -> Path:
    """Add ``TRADUCTIONS_COMPLEMENTAIRES`` to the French translations of a built ``lite/`` (idempotent)."""
    fichier = lite / "api" / "translations" / "fr_FR.json"
    if not fichier.is_file():
        raise ErreurNavigateur(f"{fichier} manque : le paquet jupyterlab-language-pack-fr-FR est-il installé ?")
    traductions = json.loads(fichier.read_text(encoding="utf-8"))
    for domaine, textes in TRADUCTIONS_COMPLEMENTAIRES.items():
        entrees = traductions["data"].setdefault(domaine, {
            "": {"domain": domaine, "language": "fr-FR", "plural_forms": "nplurals=2; plural=(n > 1);"},
        })  # fmt: skip
        for anglais, francais in textes.items():
            entrees.setdefault(anglais, [francais])
    _remplacer(fichier, json.dumps(traductions, ensure_ascii=False).encode("utf-8"))
    return fichier


def apres_jupyterlite(app, exception) -> None:
    """Sphinx ``build-finished``, after jupyterlite-sphinx's build: the project's style sheet and the
    missing French texts, then remember what lite was built from."""
    if exception is None and getattr(app.env, "donnees_en_main_lite", None):
        lite = Path(app.outdir) / "lite"
        ajouter_feuille(lite)
        completer_traductions(lite)
        (lite / TAMPON_LITE).write_text(app.env.donnees_en_main_lite)


def avant_jupyterlite(app, exception) -> None:
    """Sphinx ``build-finished`` hook, before jupyterlite-sphinx's build (see ``sphinx_fr``)."""
    if exception is not None or not getattr(app.env, "donnees_en_main_lite", None):
        return
    lite = Path(app.srcdir) / app.config.jupyterlite_dir
    cible = lite / "static" / "pyodide"
    if not (_coeur_present(cible) and _roues_noyau_presentes(cible)):
        raise ErreurNavigateur(
            "Pyodide n'est pas préparé pour « Essayer dans le navigateur ». Lancez "
            "`bash outils/installer.sh` (ou `.venv/bin/python -m donnees_en_main jupyterlite preparer`)."
        )
    _dire("Version navigateur (JupyterLite) : roue du paquet, fichier des paquets, carnets…")
    _construire_roue_du_projet(cible)
    copier_roues_extension(cible)
    precompiler_roues(cible)
    _remplacer(cible / "pyodide-lock.json", json.dumps(lock_servi(cible), indent=1).encode("utf-8"))
    ecrire_configuration(lite)
    ecrire_contenu(Path(app.srcdir) / app.config.jupyterlite_content_dir)


def main(argv: list[str] | None = None) -> int:
    from donnees_en_main.commande import Analyseur

    parser = Analyseur(
        prog="python -m donnees_en_main jupyterlite",
        description="Prépare la version « navigateur » du cours (JupyterLite, Pyodide hébergé par le livre).",
    )
    sous = parser.add_subparsers(dest="commande", required=True)
    p = sous.add_parser("preparer", help="télécharge et vérifie Pyodide et les roues du noyau")
    p.add_argument("--complet", action="store_true", help="héberge aussi pandas, numpy et matplotlib (accès à Internet)")
    p.add_argument("--source", help=f"adresse d'un miroir de la distribution complète (défaut : {CDN.format(version=PYODIDE_VERSION)})")
    p.add_argument("--discret", action="store_true", help="n'affiche rien quand tout est déjà prêt")
    args = parser.parse_args(argv)
    try:
        cible = preparer(complet=args.complet, source=args.source)
    except ErreurNavigateur as erreur:
        print(f"Erreur : {erreur}", file=sys.stderr)
        return 1
    if args.discret:
        return 0
    _dire(f"Prêt : {cible}")
    if not args.complet:
        print("   pandas, numpy et matplotlib ne sont pas hébergés : les lecteurs devront accepter de les")
        print("   télécharger depuis cdn.jsdelivr.net. Pour les héberger : ajoutez --complet (accès à Internet).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
