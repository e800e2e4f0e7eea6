"""« Essayer dans le navigateur » with the full distribution, without the internet (tests, benchmarks).

pandas, numpy and matplotlib for Pyodide exist only in Pyodide's full distribution, which cannot be
fetched here. ``site_complet`` copies a built book and makes its ``lite/`` what a deployer gets after
``jupyterlite preparer --complet``: every file of the scientific closure hosted and listed in the
served lock file, pandas & matplotlib loaded while the kernel starts. The files are small stand-in
wheels with the real names (a package ``pandas`` that only says it is a stand-in), and Pyodide's lock
(``pyodide-lock-origine.json`` of the copy) carries their SHA-256: everything the browser does with
them is real (fetch, check, unpack, import) except the libraries' own size and code.

Shared by tests/test_jupyterlite.py and benchmarks/poids_pages.py.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

from donnees_en_main.livre import jupyterlite as jl
from donnees_en_main.livre.navigateur import LOCK_ORIGINE, normaliser_nom, paquets_scientifiques

TEXTE_DOUBLURE = "Stand-in for tests: not the real library."


def roue_doublure(entree: dict) -> bytes:
    """A valid wheel for a lock entry: its import names as packages, and its dist-info."""
    nom = normaliser_nom(entree["name"]).replace("-", "_")
    info = f"{nom}-{entree['version']}.dist-info"
    fichiers = {f"{module}/__init__.py": f'"""{TEXTE_DOUBLURE}"""\nDOUBLURE = True\n' for module in entree["imports"]}
    fichiers[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: {entree['name']}\nVersion: {entree['version']}\n"
    fichiers[f"{info}/WHEEL"] = "Wheel-Version: 1.0\nGenerator: donnees-en-main-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    fichiers[f"{info}/RECORD"] = "".join(f"{chemin},,\n" for chemin in [*fichiers, f"{info}/RECORD"])
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        for chemin, texte in fichiers.items():
            archive.writestr(zipfile.ZipInfo(chemin, date_time=(1980, 1, 1, 0, 0, 0)), texte)
    return tampon.getvalue()


def site_complet(livre: Path, dossier: Path) -> Path:
    """A copy of the built book ``livre`` in ``dossier``, its lite/ with the full distribution (stand-ins)."""
    site = dossier / "site"
    shutil.copytree(livre, site, symlinks=True)
    lite = site / "lite"
    pyodide = lite / "static" / "pyodide"
    origine = json.loads((pyodide / LOCK_ORIGINE).read_text(encoding="utf-8"))
    for entree in paquets_scientifiques(origine):
        contenu = roue_doublure(entree)
        (pyodide / entree["file_name"]).write_bytes(contenu)
        entree["sha256"] = hashlib.sha256(contenu).hexdigest()
    (pyodide / LOCK_ORIGINE).write_text(json.dumps(origine), encoding="utf-8")
    (pyodide / "pyodide-lock.json").write_text(json.dumps(jl.lock_servi(pyodide)), encoding="utf-8")
    assert jl.complet(pyodide)
    # the kernel's settings, as the book's build writes them for a complete distribution
    config = json.loads((lite / "jupyter-lite.json").read_text(encoding="utf-8"))
    noyau = config["jupyter-config-data"]["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    noyau.update(jl.reglages_noyau(pyodide))
    (lite / "jupyter-lite.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    return site


# From the moment a lite notebook shows its cells until its kernel starts (about 0.3 s here, « No Kernel »
# in the toolbar), JupyterLab drops Shift+Enter without a word: the cell stays « [ ]: ». A reader, who
# reads the first lines before running anything, does not meet it; a test that runs a cell as soon as it
# shows does, about one time in ten. Wait for the kernel's name (Pyodide) before the first run.
NOYAU_LANCE = """() => [...document.querySelectorAll('.jp-NotebookPanel .jp-KernelName')]
  .some(e => e.textContent.includes('Pyodide'))"""


def ouvrir_carnet(page, url: str, cellules: str = ".jp-CodeCell"):
    """Open the lite notebook at ``url`` in ``page``; its code cells, once its kernel is starting."""
    page.goto(url)
    code = page.locator(cellules)
    code.first.wait_for(timeout=120_000)
    page.wait_for_function(NOYAU_LANCE, timeout=120_000)
    return code
