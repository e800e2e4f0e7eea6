"""The local workshop command, for real: `bash outils/atelier.sh --no-browser` on a free port.

JupyterLab must come up in French by default (the translation setting's default is fr_FR and the
French strings are served), with the nbgrader formgrader listing the course's assignments; then it
stops cleanly on SIGTERM.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

import pytest
import requests

from outils_processus import Processus, groupe_vivant, port_libre

RACINE = Path(__file__).resolve().parent.parent
DEVOIRS = sorted(d.name for d in (RACINE / "exercises" / "source").iterdir() if d.is_dir())
EXTENSION = RACINE / "outils" / "jupyter" / "labextensions" / "donnees-en-main"


def extensions_chargees(html: str) -> dict[str, dict]:
    """The prebuilt (federated) extensions a JupyterLab page will load, from its page configuration."""
    donnees = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', html, re.S)
    assert donnees, html[:2000]
    return {e["name"]: e for e in json.loads(donnees.group(1))["federated_extensions"]}


def verifier_extension_du_cours(session, url_lab: str) -> None:
    """The JupyterLab at ``url_lab`` (…/lab) loads the course's extension, and serves its one stylesheet."""
    r = session.get(url_lab, timeout=60)
    r.raise_for_status()
    extension = extensions_chargees(r.text).get("donnees-en-main")
    assert extension and extension["style"] == "./style" and extension["extension"] == "./extension", extension
    base = url_lab.rsplit("/lab", 1)[0] + "/lab/extensions/donnees-en-main/"
    for fichier in (extension["load"], "static/style.css"):
        r = session.get(base + fichier, timeout=30)
        r.raise_for_status()
        assert r.content == (EXTENSION / fichier).read_bytes(), fichier


def attendre_reponse(session: requests.Session, url: str, processus: Processus, timeout: float = 30) -> None:
    """The address is printed a moment before the server answers: wait for its first answer."""
    fin = time.monotonic() + timeout
    while True:
        try:
            session.get(url, timeout=10).raise_for_status()
            return
        except requests.RequestException:
            if time.monotonic() > fin:
                raise AssertionError(f"{url} ne répond pas :\n" + processus.journal[-3000:]) from None
            time.sleep(0.2)


@pytest.fixture(scope="module")
def atelier():
    port = port_libre()
    env = dict(os.environ, PORT=str(port), PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]))
    processus = Processus(["bash", "outils/atelier.sh", "--no-browser"], cwd=RACINE, env=env)
    try:
        m = processus.attendre(rf"(http://127\.0\.0\.1:{port}/\S*)\?token=([0-9a-f]+)", timeout=180)
        session = requests.Session()
        session.headers["Authorization"] = f"token {m.group(2)}"
        attendre_reponse(session, f"http://127.0.0.1:{port}/api/status", processus)
        yield {"url": f"http://127.0.0.1:{port}", "session": session, "processus": processus, "adresse": m.group(1)}
    finally:
        processus.arreter()


def test_adresse_affichee_sur_les_carnets(atelier):
    assert atelier["adresse"].endswith("/lab/tree/notebooks")


def test_interface_en_francais_par_defaut(atelier):
    r = atelier["session"].get(atelier["url"] + "/lab/api/settings/@jupyterlab/translation-extension:plugin", timeout=30)
    r.raise_for_status()
    assert r.json()["schema"]["properties"]["locale"]["default"] == "fr_FR"


def test_traductions_francaises_servies(atelier):
    r = atelier["session"].get(atelier["url"] + "/lab/api/translations/fr_FR", timeout=30)
    r.raise_for_status()
    jupyterlab = r.json()["data"]["jupyterlab"]
    assert jupyterlab[""]["language"] == "fr-FR"
    assert jupyterlab["Save"] == ["Sauvegarder"]
    assert jupyterlab["Restart Kernel…"][0].startswith("Redémarrer le noyau")


def test_extension_du_cours_chargee(atelier):
    # The same function gives the hub's servers their options (tests/test_jupyterhub.py checks them there).
    verifier_extension_du_cours(atelier["session"], atelier["url"] + "/lab")


def test_formgrader_liste_les_devoirs_du_cours(atelier):
    r = atelier["session"].get(atelier["url"] + "/formgrader/api/assignments", timeout=60)
    r.raise_for_status()
    assert DEVOIRS, "le cours doit avoir des devoirs dans exercises/source/"
    assert {d["name"] for d in r.json()} == set(DEVOIRS)
    assert all(d["source_path"] == f"source/{d['name']}" for d in r.json())


def test_sans_jeton_refuse(atelier):
    r = requests.get(atelier["url"] + "/formgrader/api/assignments", timeout=30, allow_redirects=False)
    assert r.status_code in (302, 403)


# Menu paths the course tells people to follow (« *Exécution › Exécuter toutes les cellules* »), in
# the pages a trainer or a learner reads and in the package's messages. « Settings › Language » is
# said for a JupyterLab still in English, and deploiement/publication is about GitHub: not checked.
CHEMINS_DE_MENU = re.compile(r"\*([A-ZÉ][^*\n]{1,40}(?: › [^*\n]{1,80})+)\*")
TEXTES_AVEC_MENUS = [RACINE / "README.md", RACINE / "deploiement" / "README.md", *sorted((RACINE / "book").glob("*.md")),
                     *sorted((RACINE / "donnees_en_main").rglob("*.py"))]


def test_les_menus_cites_existent_dans_le_jupyterlab_en_francais(atelier):
    r = atelier["session"].get(atelier["url"] + "/lab/api/translations/fr_FR", timeout=30)
    r.raise_for_status()
    traductions = [(cle, v) for domaine in r.json()["data"].values() for cle, valeurs in domaine.items()
                   if cle and isinstance(valeurs, list) for v in valeurs]
    libelles = {v.rstrip("…") for _, v in traductions}
    # a path starts with a menu (« Exécution », not « Exécuter »; « Ouvrir avec » on a right click)
    menus = {v for cle, v in traductions if cle.startswith("menu\x04")}
    cites = [(fichier.relative_to(RACINE), m.group(1)) for fichier in TEXTES_AVEC_MENUS
             for m in CHEMINS_DE_MENU.finditer(fichier.read_text(encoding="utf-8"))
             if not m.group(1).startswith("Settings ›")]
    assert len(cites) >= 4, cites
    faux = [(f, chemin) for f, chemin in cites if chemin.split(" › ")[0] not in menus
            or any(p.strip().rstrip("…") not in libelles for p in chemin.split(" › "))]
    assert not faux, f"menus introuvables dans JupyterLab en français : {faux}"


# Last of the tests using the running server: it stops it.
def test_arret_propre(atelier):
    processus = atelier["processus"]
    code = processus.arreter()
    assert not groupe_vivant(processus.popen.pid), "des processus de l'atelier survivent à l'arrêt"
    assert code in (0, -15), processus.journal[-3000:]
    assert "Shutting down" in processus.journal or "shutting down" in processus.journal.lower()


def test_le_bouton_generate_feedback_du_formgrader_donne_le_retour_en_francais():
    """The formgrader forces the template named `feedback`: with the workshop's config, it is the course's
    French one (outils/jupyter/modeles-formgrader/), not nbgrader's English one."""
    from nbconvert import HTMLExporter
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(RACINE / "outils" / "jupyter")).load_config()
    assert config.HTMLExporter.template_name == "retour_fr", "le cours a son modèle de retour en français"
    config.HTMLExporter.template_name = "feedback"  # what NbGraderAPI.generate_feedback sets
    exporter = HTMLExporter(config=config)
    assert exporter.get_template_names()[:2] == ["feedback", "retour_fr"]
    assert Path(exporter.template.filename).parent.name == "retour_fr"
