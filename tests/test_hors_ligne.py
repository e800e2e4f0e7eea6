"""The offline room, for real: build the bundle on this (connected) machine, then install the course
from it into a fresh virtualenv with every package index disabled, and run a workshop notebook there.

Slow (it downloads ~200 wheels, ~220 MB, then installs them: ~9 minutes here), hence the `lent`
marker: `bash outils/tests.sh` runs it; `pytest -m "not lent"` skips it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

RACINE = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.lent


def lancer(commande: list[str], env: dict | None = None, cwd: Path | None = None, timeout: int = 1200):
    r = subprocess.run(commande, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert r.returncode == 0, f"{' '.join(map(str, commande))} a échoué :\n{r.stdout[-3000:]}\n{r.stderr[-5000:]}"
    return r


def env_sans_internet() -> dict:
    """No package index at all: pip's config files ignored, no find-links but the bundle's, and a dead
    proxy so that any attempt to reach the network fails instead of succeeding quietly."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_") and k.lower() not in ("http_proxy", "https_proxy")}
    env.update(PIP_NO_INDEX="1", PIP_CONFIG_FILE=os.devnull, HTTP_PROXY="http://127.0.0.1:9",
               HTTPS_PROXY="http://127.0.0.1:9", http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9")
    return env


@pytest.fixture(scope="module")
def installe(tmp_path_factory):
    dossier = tmp_path_factory.mktemp("hors-ligne") / "cle-usb"
    lancer(["bash", str(RACINE / "outils" / "preparer_hors_ligne.sh"), str(dossier)], cwd=RACINE)
    # The room: only the prepared folder, moved elsewhere, and no internet.
    salle = dossier.parent / "salle"
    shutil.move(dossier, salle)
    python = getattr(sys, "_base_executable", None) or shutil.which("python3")
    lancer(["bash", str(salle / "installer_hors_ligne.sh")], env=dict(env_sans_internet(), PYTHON=python), cwd=salle.parent)
    yield salle
    shutil.rmtree(dossier.parent, ignore_errors=True)


def test_le_dossier_prepare(installe):
    roues = list((installe / "paquets").iterdir())
    assert len(roues) > 100 and all(p.suffix == ".whl" for p in roues), "uniquement des roues (wheels)"
    assert (installe / "cours" / "notebooks" / "cantine.ipynb").exists()
    assert not (installe / "cours" / ".git").exists() and not (installe / "cours" / "_build").exists()
    assert not list((installe / "cours" / "notebooks").glob("reponses-*.json")), "pas de réponses d'essai"


def test_les_paquets_sont_installes(installe):
    py = installe / "cours" / ".venv" / "bin" / "python"
    # From outside the repository: `python -c` would otherwise import the package from the current folder.
    r = lancer([str(py), "-c", "import donnees_en_main, pandas, nbgrader, jupyterlab; print(donnees_en_main.__file__)"],
               env=env_sans_internet(), cwd=installe.parent)
    assert Path(r.stdout.strip()).is_relative_to(installe / "cours"), r.stdout


def test_un_carnet_d_atelier_s_execute(installe, tmp_path):
    venv = installe / "cours" / ".venv"
    # The kernel really is the bundle's Python.
    sonde = tmp_path / "sonde.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import sys; print(sys.prefix)")]), sonde)
    lancer([str(venv / "bin" / "jupyter"), "nbconvert", "--to", "notebook", "--execute", "--inplace", str(sonde)],
           env=env_sans_internet())
    assert nbformat.read(sonde, as_version=4).cells[0].outputs[0]["text"].strip() == str(venv)
    sortie = tmp_path / "cantine.ipynb"
    lancer([str(venv / "bin" / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
            str(installe / "cours" / "notebooks" / "cantine.ipynb"), "--output", str(sortie)],
           env=env_sans_internet(), cwd=installe / "cours" / "notebooks")
    nb = nbformat.read(sortie, as_version=4)
    erreurs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not erreurs and any(c.get("outputs") for c in nb.cells if c.cell_type == "code")
