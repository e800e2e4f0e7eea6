"""« Essayer dans le navigateur »: JupyterLite with a self-hosted Pyodide (donnees_en_main.livre.jupyterlite).

What a reader does: open a chapter's notebook from the built book, in Chromium, with every request to
another host refused. The kernel must start from the book's own files, a cell must run, the notebook
must say in French what it lacks, and no request may leave the host before the reader consents.
What a deployer does: ``preparer --complet`` against a mirror (here a local server), with good and
tampered files.
"""

from __future__ import annotations

import hashlib
import http.server
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from donnees_en_main.livre import jupyterlite as jl
from donnees_en_main.livre.navigateur import (
    LOCK_ORIGINE, TEXTE_BOUTON, ErreurNavigateur, dependances, message_d_erreur, paquets_scientifiques,
)
from outils_lite import ouvrir_carnet
from outils_navigateur import chromium_executable, navigateur, servir

RACINE = Path(__file__).resolve().parent.parent


def _prepare() -> Path:
    cible = jl.dossier_pyodide()
    if not (cible / LOCK_ORIGINE).is_file():
        pytest.fail("Pyodide n'est pas préparé : `bash outils/installer.sh` le fait (jupyterlite preparer).")
    return cible


# --- Versions and the served lock file --------------------------------------------------------------

def test_la_version_de_pyodide_est_celle_du_noyau_jupyterlite():
    from jupyterlite_pyodide_kernel import constants

    assert jl.PYODIDE_VERSION == constants.PYODIDE_VERSION
    assert (_prepare() / "version-pyodide.txt").read_text().strip() == jl.PYODIDE_VERSION


def test_les_roues_du_noyau_ont_les_versions_du_fichier_de_pyodide():
    origine = json.loads((_prepare() / LOCK_ORIGINE).read_text(encoding="utf-8"))["packages"]
    versions = {jl.normaliser_nom(e["name"]): e["version"] for e in origine.values()}
    epingles = jl.epingles_noyau()
    assert "ipython" in epingles and "micropip" in epingles
    for nom, (version, _) in epingles.items():
        if nom in versions:
            assert version == versions[nom], nom
        else:
            assert nom in jl.HORS_LOCK, f"{nom} n'est ni dans le fichier de Pyodide ni décrit dans HORS_LOCK"


def test_le_fichier_des_paquets_servi_ne_cite_que_des_fichiers_presents_et_intacts(livre):
    pyodide = livre / "lite" / "static" / "pyodide"
    lock = json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))["packages"]
    noms = {jl.normaliser_nom(e["name"]) for e in lock.values()}
    assert {"micropip", "ipython", "jedi", "ipywidgets", "donnees-en-main"} <= noms
    for entree in lock.values():
        fichier = pyodide / entree["file_name"]
        assert fichier.is_file(), entree["file_name"]
        assert hashlib.sha256(fichier.read_bytes()).hexdigest() == entree["sha256"], entree["file_name"]
        assert all(jl.normaliser_nom(d) in noms for d in entree["depends"]), entree["name"]
    # pandas is listed exactly when its file is hosted: never a reference to a missing file (404) or a CDN
    assert ("pandas" in noms) == jl.complet(pyodide)
    assert not any("://" in e["file_name"] for e in lock.values())


def test_jupyterlite_n_embarque_que_les_extensions_utiles_et_parle_francais(livre):
    config = json.loads((livre / "lite" / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    extensions = sorted(e["name"] for e in config["federated_extensions"])
    assert extensions == ["@jupyter-widgets/jupyterlab-manager", "@jupyterlite/pyodide-kernel-extension"]
    noyau = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert noyau["pyodideUrl"] == "./static/pyodide/pyodide.mjs"
    assert noyau["disablePyPIFallback"] is True
    # what the kernel and the first cell need, and self-hosted pandas & co., load in parallel while
    # Pyodide starts (never a reference to a package the served lock does not list)
    prechargees = noyau["loadPyodideOptions"]["packages"]
    servi = json.loads((livre / "lite" / "static" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))["packages"]
    assert {"ipython", "pyodide-kernel", "piplite", "donnees-en-main"} <= set(prechargees) <= set(servi)
    assert ("pandas" in prechargees) == jl.complet(livre / "lite" / "static" / "pyodide")
    assert config["settingsOverrides"]["@jupyterlab/translation-extension:plugin"]["locale"] == "fr_FR"
    traductions = json.loads((livre / "lite" / "api" / "translations" / "fr_FR.json").read_text(encoding="utf-8"))["data"]
    assert traductions["notebook"]["Kernel Connecting"] == ["Python démarre…"]  # beside the menus, on a phone
    assert traductions["notebook"]["Not Trusted"] == ["Non fiable"]  # the language pack's own texts kept


def test_les_roues_du_noyau_sont_servies_precompilees(livre):
    """Python in the browser does not compile IPython, jedi… at each visit: their bytecode is served."""
    import zipfile

    pyodide = livre / "lite" / "static" / "pyodide"
    servi = json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))["packages"]
    for nom, module in (("ipython", "IPython/__init__"), ("jedi", "jedi/__init__"), ("pyodide-kernel", "pyodide_kernel/__init__")):
        entree = servi[nom]
        assert entree["file_name"].startswith(f"{jl.PRECOMPILEES}/"), entree
        with zipfile.ZipFile(pyodide / entree["file_name"]) as compilee, zipfile.ZipFile(pyodide / Path(entree["file_name"]).name) as source:
            noms = set(compilee.namelist())
            assert f"{module}.pyc" in noms and f"{module}.py" not in noms
            modules = {n[:-3] for n in source.namelist() if n.endswith(".py")}
            assert modules and all(f"{m}.pyc" in noms or f"{m}.py" in noms for m in modules), nom
            magique = compilee.read(f"{module}.pyc")[:4]
        assert int.from_bytes(magique[:2], "little") >= 3600, "bytecode d'un Python 3.13 ou plus récent attendu"
    # our own package stays as sources (later cells import its modules one by one)
    assert not servi["donnees-en-main"]["file_name"].startswith(jl.PRECOMPILEES)



def test_la_precompilation_marche_sur_un_clone_neuf(tmp_path):
    """A fresh clone has Pyodide prepared but no served lock yet: the precompilation still runs (CI caught
    « ENOENT pyodide-lock.json » under Node.js, the book build stopped)."""
    if shutil.which("node") is None:
        pytest.fail("Node.js est introuvable : `.ci/run` l'installe (Debian : sudo apt install nodejs).")
    source = _prepare()
    cible = tmp_path / "pyodide"
    cible.mkdir()
    for fichier in (*jl.FICHIERS_COEUR, LOCK_ORIGINE, "version-pyodide.txt", *(r.name for r in source.glob("*.whl"))):
        shutil.copy2(source / fichier, cible / fichier)
    assert not (cible / "pyodide-lock.json").exists()
    compilees = jl.precompiler_roues(cible)
    assert {r.name for r in compilees} == {r.name for r in jl._roues_a_precompiler(cible)} != set()
    assert all(r.is_file() for r in compilees)

def test_chaque_carnet_d_atelier_est_servi_avec_sa_cellule_de_preparation(livre):
    fichiers = livre / "lite" / "files"
    for atelier in sorted((RACINE / "notebooks").glob("*.ipynb")):
        servi = nbformat.read(fichiers / atelier.name, as_version=4)
        original = nbformat.read(atelier, as_version=4)
        assert "await preparer()" in servi.cells[1].source
        # consent is a button shown by preparer(): no code to edit, never given by « tout exécuter »
        assert "autoriser_cdn()" not in servi.cells[1].source.replace("import autoriser_cdn", "")
        assert [c.source for c in servi.cells[2:]] == [c.source for c in original.cells]
    assert (fichiers / "datasets" / "datapackage.json").is_file()
    assert not list((fichiers / "datasets").glob("*.py"))


def test_chaque_chapitre_a_atelier_propose_de_l_essayer_dans_le_navigateur(livre):
    for atelier in sorted((RACINE / "notebooks").glob("*.ipynb")):
        page = (livre / "book" / f"{atelier.stem}.html").read_text(encoding="utf-8")
        assert f'href="../lite/notebooks/index.html?path={atelier.name}"' in page, atelier.stem
    assert "essayer-navigateur" not in (livre / "book" / "glossaire.html").read_text(encoding="utf-8")
    for page in (livre / "book").glob("*.html"):
        texte = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in texte and "jupyterlite_sphinx" not in texte, page.name


# --- The reader's errors, in French -------------------------------------------------------------------

def _erreur(code: str) -> BaseException:
    try:
        exec(code, {})
    except BaseException as erreur:  # noqa: BLE001 - the error is what is tested
        return erreur
    raise AssertionError(f"{code} n'a pas échoué")


def test_les_erreurs_du_lecteur_sont_expliquees_en_francais():
    assert "« pandas » n'est pas encore installée" in message_d_erreur(ModuleNotFoundError("No module named 'pandas'", name="pandas"))
    assert "« module_qui_n_existe_pas » n'existe pas" in message_d_erreur(_erreur("import module_qui_n_existe_pas"))
    assert "ne connaît pas encore le nom « ventes »" in message_d_erreur(_erreur("ventes.head()"))
    assert "connexion" in message_d_erreur(ErreurNavigateur("Vérifiez la connexion."))
    # anything else keeps Python's own message (a reader's real bug, shown as usual)
    assert message_d_erreur(_erreur("1 / 0")) is None
    assert message_d_erreur(_erreur("import json.nexistepas")) is None


# --- The closure of pandas & matplotlib, and « preparer --complet » against a local mirror ----------

def _lock(*paquets: tuple[str, list[str]]) -> dict:
    return {
        "info": {"python": "3.14"},
        "packages": {
            nom: {"name": nom, "version": "1.0", "file_name": f"{nom.replace('-', '_')}-1.0-py3-none-any.whl",
                  "sha256": "0" * 64, "depends": deps, "imports": [nom], "install_dir": "site",
                  "package_type": "package"}
            for nom, deps in paquets
        },
    }  # fmt: skip


def test_les_dependances_viennent_avant_ce_qui_en_depend():
    lock = _lock(("six", []), ("python-dateutil", ["six"]), ("numpy", []), ("pandas", ["numpy", "python-dateutil"]),
                 ("matplotlib", ["numpy", "pyparsing"]), ("pyparsing", []), ("autre", []))  # fmt: skip
    ordre = dependances(lock)
    assert set(ordre) == {"six", "python-dateutil", "numpy", "pandas", "matplotlib", "pyparsing"}
    for nom, entree in lock["packages"].items():
        if nom in ordre:
            assert all(ordre.index(d) < ordre.index(nom) for d in entree["depends"])
    with pytest.raises(ErreurNavigateur, match="ne connaît pas le paquet « numpy »"):
        dependances(_lock(("pandas", ["numpy"]), ("matplotlib", [])))


def test_la_vraie_fermeture_de_pandas_et_matplotlib():
    lock = json.loads((_prepare() / LOCK_ORIGINE).read_text(encoding="utf-8"))
    noms = {e["name"].lower() for e in paquets_scientifiques(lock)}
    assert {"pandas", "numpy", "matplotlib", "python-dateutil"} <= noms
    assert "ipython" not in noms and len(noms) < 25


@pytest.fixture
def deploiement(tmp_path, monkeypatch):
    """A copy of the prepared Pyodide folder, whose original lock lists small fake scientific wheels."""
    source = _prepare()
    lite = tmp_path / "jupyterlite"
    cible = lite / "static" / "pyodide"
    shutil.copytree(source, cible, ignore=shutil.ignore_patterns("donnees_en_main-*", "pyodide-lock.json", "pandas-*", "numpy-*"))
    miroir = tmp_path / "miroir"
    miroir.mkdir()
    lock = json.loads((cible / LOCK_ORIGINE).read_text(encoding="utf-8"))
    for entree in paquets_scientifiques(lock):
        contenu = f"faux {entree['file_name']}".encode()
        (miroir / entree["file_name"]).write_bytes(contenu)
        entree["sha256"] = hashlib.sha256(contenu).hexdigest()
    (cible / LOCK_ORIGINE).write_text(json.dumps(lock), encoding="utf-8")
    monkeypatch.setenv("DONNEES_EN_MAIN_JUPYTERLITE", str(lite))
    return cible, miroir, paquets_scientifiques(lock)


def _preparer_complet(source: str, lite: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "donnees_en_main.livre.jupyterlite", "preparer", "--complet", "--source", source],
        capture_output=True, text=True, timeout=300, env={**_env(), "DONNEES_EN_MAIN_JUPYTERLITE": str(lite)},
    )  # fmt: skip


def _env() -> dict:
    import os

    return dict(os.environ)


def test_preparer_complet_heberge_et_verifie_chaque_fichier(deploiement):
    cible, miroir, entrees = deploiement
    with servir(miroir) as url:
        r = _preparer_complet(url, cible.parent.parent)
    assert r.returncode == 0, r.stderr
    assert "Bibliothèques scientifiques vérifiées et hébergées" in r.stdout
    for entree in entrees:
        assert (cible / entree["file_name"]).read_bytes() == (miroir / entree["file_name"]).read_bytes()
    lock = jl.lock_servi(cible)
    assert {"pandas", "matplotlib", "numpy"} <= set(lock["packages"])
    assert jl.complet.__doc__ and "pandas" in lock["packages"]


def test_la_distribution_complete_est_chargee_pendant_que_le_lecteur_lit(deploiement, tmp_path):
    cible, miroir, _ = deploiement
    lite = cible.parent.parent
    (cible / "pyodide-lock.json").write_text(json.dumps(jl.lock_servi(cible)), encoding="utf-8")
    jl.ecrire_configuration(lite)
    noyau = json.loads((lite / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]["litePluginSettings"]
    assert "pandas" not in noyau["@jupyterlite/pyodide-kernel-extension:kernel"]["loadPyodideOptions"]["packages"]
    with servir(miroir) as url:
        assert _preparer_complet(url, lite).returncode == 0
    (cible / "pyodide-lock.json").write_text(json.dumps(jl.lock_servi(cible)), encoding="utf-8")
    jl.ecrire_configuration(lite)
    noyau = json.loads((lite / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]["litePluginSettings"]
    options = noyau["@jupyterlite/pyodide-kernel-extension:kernel"]["loadPyodideOptions"]
    assert {"pandas", "matplotlib", "ipython"} <= set(options["packages"])


def test_preparer_complet_refuse_un_fichier_modifie_et_n_en_garde_rien(deploiement):
    cible, miroir, entrees = deploiement
    victime = next(e for e in entrees if e["name"] == "pandas")
    (miroir / victime["file_name"]).write_bytes(b"fichier pirate")
    with servir(miroir) as url:
        r = _preparer_complet(url, cible.parent.parent)
    assert r.returncode == 1
    assert "n'est pas celui publié par Pyodide" in r.stderr and victime["file_name"] in r.stderr
    assert "Traceback" not in r.stderr
    assert not (cible / victime["file_name"]).exists()
    assert not [p for p in cible.iterdir() if p.name.startswith(".")], "fichier partiel laissé"
    assert "pandas" not in jl.lock_servi(cible)["packages"]


def test_preparer_complet_sans_reseau_le_dit_en_francais(deploiement):
    cible, _, _ = deploiement
    r = _preparer_complet("http://127.0.0.1:9/", cible.parent.parent)
    assert r.returncode == 1
    assert "Téléchargement impossible" in r.stderr and "accès à Internet" in r.stderr


# --- In Chromium: the reader's path ------------------------------------------------------------------

class _FauxCdn(http.server.SimpleHTTPRequestHandler):
    """Pyodide's CDN, as seen after consent: it serves a file that is not the published one."""

    def do_GET(self):  # noqa: N802 - http.server's naming
        contenu = b"pas la vraie roue"
        self.send_response(200)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Length", str(len(contenu)))
        self.end_headers()
        self.wfile.write(contenu)

    def log_message(self, format, *args):  # noqa: A002
        pass


def _remplacer_code(page, cellule, code: str) -> None:
    cellule.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.type(code)


def _executer(page, cellule, attendu: str, delai_ms: int = 240_000) -> None:
    cellule.click()
    page.keyboard.press("Shift+Enter")
    page.locator(".jp-OutputArea-output", has_text=attendu).first.wait_for(timeout=delai_ms)


def test_un_carnet_s_execute_dans_le_navigateur_sans_requete_vers_un_tiers(livre):
    if chromium_executable() is None:
        pytest.fail("Chromium est introuvable : `.ci/run` l'installe (Debian : sudo apt install chromium).")
    if jl.complet(livre / "lite" / "static" / "pyodide"):
        pytest.skip("pandas & co. sont hébergés : pas d'accord à demander (déploiement complet)")
    import threading

    cdn = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FauxCdn)
    threading.Thread(target=cdn.serve_forever, daemon=True).start()
    url_cdn = f"http://127.0.0.1:{cdn.server_address[1]}/"
    try:
        with servir(livre) as base, navigateur() as nav:
            page = nav.new_page()
            requetes: list[str] = []
            page.on("request", lambda r: requetes.append(r.url))
            # Outside network blocked: anything not served by the book's host is refused.
            page.route(lambda url: not url.startswith((base, url_cdn)), lambda route: route.abort())
            cellules = ouvrir_carnet(page, base + "lite/notebooks/index.html?path=cantine.ipynb")
            assert page.locator("text=Noyau").first.is_visible()  # the lite interface speaks French

            # The kernel starts from the book's files and runs the first (pure-Python) cell.
            _executer(page, cellules.nth(0), "ne sont pas hébergées par ce site")
            assert any(u.endswith("/lite/static/pyodide/pyodide.asm.wasm") for u in requetes)
            assert any(re.search(r"/lite/static/pyodide/(precompilees/)?ipython-", u) for u in requetes)
            avant_accord = [u for u in requetes if not u.startswith(base)]
            assert avant_accord == [], f"requêtes hors du site avant l'accord : {avant_accord}"

            # Without consent, a cell that needs pandas says so in French (no English traceback), and so
            # does a cell using a name defined by a cell that was not run.
            _remplacer_code(page, cellules.nth(2), "import pandas")
            _executer(page, cellules.nth(2), "n'est pas encore installée dans ce navigateur")
            _remplacer_code(page, cellules.nth(3), "donnees_jamais_definies.head()")
            _executer(page, cellules.nth(3), "ne connaît pas encore le nom « donnees_jamais_definies »")
            sorties = page.locator(".jp-OutputArea-output").all_inner_texts()
            assert not [t for t in sorties if "Traceback" in t or "Error" in t], sorties

            # Consent is a button (the « CDN » here serves a wrong file): the file is checked and refused.
            _remplacer_code(page, cellules.nth(1), f'import donnees_en_main.livre.navigateur as n; n.CDN = "{url_cdn}"')
            cellules.nth(1).click()
            page.keyboard.press("Shift+Enter")
            assert [u for u in requetes if not u.startswith(base)] == []
            page.get_by_role("button", name=TEXTE_BOUTON).click()
            page.locator(".jp-OutputArea-output", has_text="n'est pas celui publié par Pyodide").first.wait_for(timeout=120_000)
            page.get_by_role("button", name="Réessayer").wait_for()
            apres_accord = [u for u in requetes if not u.startswith(base)]
            assert apres_accord and all(u.startswith(url_cdn) for u in apres_accord), apres_accord

            # The full JupyterLab interface (linked from the « Essayer » page) lists the notebooks,
            # in French, from the book's host alone.
            lab = nav.new_page()
            requetes_lab: list[str] = []
            lab.on("request", lambda r: requetes_lab.append(r.url))
            lab.route(lambda url: not url.startswith(base), lambda route: route.abort())
            lab.goto(base + "lite/lab/index.html")
            lab.locator(".jp-DirListing-item", has_text="cantine.ipynb").first.wait_for(timeout=120_000)
            assert lab.locator("text=Fichier").first.is_visible()
            assert [u for u in requetes_lab if not u.startswith(base)] == []
    finally:
        cdn.shutdown()
        cdn.server_close()


def test_avec_la_distribution_complete_pandas_se_charge_pendant_la_lecture_sans_accord(livre, tmp_path):
    """The site hosts pandas & co. (here stand-in wheels with the real names, see tests/outils_lite.py)."""
    from outils_lite import site_complet

    if chromium_executable() is None:
        pytest.fail("Chromium est introuvable : `.ci/run` l'installe (Debian : sudo apt install chromium).")
    site = site_complet(livre, tmp_path)
    with servir(site) as base, navigateur() as nav:
        page = nav.new_page()
        requetes: list[str] = []
        page.on("request", lambda r: requetes.append(r.url))
        page.route(lambda url: not url.startswith(base), lambda route: route.abort())
        # pandas is fetched from the site as the kernel starts, before the reader runs anything
        with page.expect_request(lambda r: "/lite/static/pyodide/pandas-" in r.url, timeout=240_000):
            cellules = ouvrir_carnet(page, base + "lite/notebooks/index.html?path=cantine.ipynb")
        _executer(page, cellules.nth(0), "Tout est prêt : pandas, numpy et matplotlib sont chargés depuis ce site.")
        assert page.get_by_role("button", name=TEXTE_BOUTON).count() == 0  # nothing to consent to
        assert not page.locator(".jp-OutputArea-output", has_text="ne sont pas hébergées").count()
        _remplacer_code(page, cellules.nth(2), "import pandas, matplotlib\nprint('doublures :', pandas.DOUBLURE, matplotlib.DOUBLURE)")
        _executer(page, cellules.nth(2), "doublures : True True")
        assert [u for u in requetes if not u.startswith(base)] == []
        assert all(u.count("/lite/static/pyodide/numpy-") <= 1 for u in requetes)


# --- On a phone (390 x 844, touch): the menu, the badge, running a cell with a finger ---------------

# Each element: its box, whether it lies within the screen's width, and whether a finger on its centre
# touches it (nothing covers or clips it there).
MESURE_ELEMENTS = """els => els.map(e => {
  const r = e.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
  const dessus = document.elementFromPoint(x, y);
  return {texte: (e.innerText || e.title || '').trim(), gauche: r.left, droite: r.right, haut: r.top, bas: r.bottom,
          largeur: r.width, hauteur: r.height, deborde: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1,
          touche: !!dessus && (e === dessus || e.contains(dessus))};
})"""


def _page_de_telephone_hors_ligne(nav, base: str):
    """A page at 390 x 844, touch and phone density, that reaches nothing but the served book."""
    from outils_navigateur import TELEPHONE

    page = nav.new_context(viewport=TELEPHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()
    page.route(lambda url: not url.startswith(base), lambda route: route.abort())
    return page


def _le_menu_execution_s_ouvre_au_doigt_dans_l_ecran(page, largeur: int) -> None:
    page.locator("#jp-MainMenu .lm-MenuBar-item", has_text="Exécution").tap()
    menu = page.locator(".lm-Menu").first
    menu.wait_for(timeout=10_000)
    boite = menu.bounding_box()
    assert boite["x"] >= 0 and boite["x"] + boite["width"] <= largeur, boite
    page.keyboard.press("Escape")
    menu.wait_for(state="hidden", timeout=10_000)


def _dans_l_ecran(m: dict, largeur: int) -> bool:
    return m["gauche"] >= 0 and m["droite"] <= largeur and m["largeur"] > 0 and m["touche"] and not m["deborde"]


def test_au_telephone_le_menu_le_badge_et_le_bouton_executer_tiennent_dans_l_ecran(livre):
    from outils_navigateur import TELEPHONE

    if chromium_executable() is None:
        pytest.fail("Chromium est introuvable : `.ci/run` l'installe (Debian : sudo apt install chromium).")
    with servir(livre) as base, navigateur() as nav:
        page = _page_de_telephone_hors_ligne(nav, base)
        page.goto(base + "lite/notebooks/index.html?path=cantine.ipynb")
        cellules = page.locator(".jp-CodeCell")
        cellules.first.wait_for(timeout=120_000)
        page.locator(".jp-NotebookTrustedStatus").wait_for(timeout=60_000)
        largeur = TELEPHONE["width"]

        # Every menu is whole on the screen (none cut at its edge), above the notebook.
        menus = page.locator("#jp-MainMenu .lm-MenuBar-item").evaluate_all(MESURE_ELEMENTS)
        assert [m["texte"] for m in menus] == ["Fichier", "Édition", "Affichage", "Exécution", "Noyau", "Paramètres", "Aide"]
        assert [m["texte"] for m in menus if not _dans_l_ecran(m, largeur)] == [], menus
        haut_du_carnet = page.locator("#main-panel").bounding_box()["y"]
        assert max(m["bas"] for m in menus) <= haut_du_carnet + 1
        # « Non fiable »: whole, on one line, beside the menus
        [badge] = page.locator(".jp-NotebookTrustedStatus").evaluate_all(MESURE_ELEMENTS)
        assert badge["texte"] == "Non fiable" and _dans_l_ecran(badge, largeur), badge
        assert badge["bas"] <= haut_du_carnet + 1 and badge["hauteur"] < 2 * min(m["hauteur"] for m in menus), badge
        # the preparation cell's long import wraps instead of running off the screen
        ligne = cellules.first.locator(".cm-scroller").evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert ligne[0] <= ligne[1], ligne

        # Python's state beside the menus is in French while it starts (« Kernel Connecting » was English)
        statut = page.locator(".jp-NotebookKernelStatus")
        textes = statut.evaluate("""e => new Promise(fini => {
          const vus = [e.innerText.trim()];
          new MutationObserver(() => vus.push(e.innerText.trim())).observe(e, {childList: true, characterData: true, subtree: true});
          setTimeout(() => fini(vus), 4000);
        })""")
        assert [t for t in textes if t and not t.startswith("Python")] == [], textes
        assert page.locator(".jp-NotebookPanel-toolbar .jp-KernelName").evaluate_all(
            "els => els.every(e => !e.offsetParent)"), "« No Kernel » (anglais) visible dans la barre d'outils"

        _le_menu_execution_s_ouvre_au_doigt_dans_l_ecran(page, largeur)

        # With a finger, no keyboard: touch the cell, then ▶ (big enough for a finger) runs it.
        executer = page.locator(".jp-NotebookPanel-toolbar [data-command='notebook:run-cell-and-select-next']")
        [bouton] = executer.evaluate_all(MESURE_ELEMENTS)
        assert _dans_l_ecran(bouton, largeur) and bouton["largeur"] >= 40 and bouton["hauteur"] >= 40, bouton
        cellules.first.locator(".jp-InputPrompt").tap()
        executer.tap()
        page.locator(".jp-OutputArea-output", has_text=re.compile("Tout est prêt|ne sont pas hébergées")).first.wait_for(timeout=300_000)
        assert page.locator(".jp-OutputArea-output").all_inner_texts()
        page.context.close()


def test_au_telephone_la_vue_jupyterlab_complete_tient_dans_l_ecran(livre):
    """lite/lab/ (linked from the « Essayer » page) at 390 x 844: was 450 px wide, menus and status cut."""
    from outils_navigateur import TELEPHONE

    if chromium_executable() is None:
        pytest.fail("Chromium est introuvable : `.ci/run` l'installe (Debian : sudo apt install chromium).")
    largeur = TELEPHONE["width"]
    with servir(livre) as base, navigateur() as nav:
        page = _page_de_telephone_hors_ligne(nav, base)
        page.goto(base + "lite/lab/index.html?path=cantine.ipynb")
        cellules = page.locator(".jp-NotebookPanel .jp-CodeCell")
        cellules.first.wait_for(timeout=120_000)
        assert page.evaluate("document.documentElement.scrollWidth") <= largeur
        for zone in ("#jp-top-panel", "#jp-main-content-panel", "#jp-main-statusbar", "#jp-main-dock-panel"):
            boite = page.locator(zone).bounding_box()
            assert boite["x"] >= 0 and boite["x"] + boite["width"] <= largeur + 0.5, (zone, boite)
        menus = page.locator("#jp-MainMenu .lm-MenuBar-item").evaluate_all(MESURE_ELEMENTS)
        assert [m["texte"] for m in menus][:2] == ["Fichier", "Édition"] and len(menus) >= 7
        assert [m["texte"] for m in menus if not _dans_l_ecran(m, largeur)] == [], menus
        # the status bar says Python's state, in French, whole
        [etat] = page.locator("#jp-main-statusbar .jp-StatusBar-Item", has_text="Pyodide").evaluate_all(MESURE_ELEMENTS)
        assert _dans_l_ecran(etat, largeur) and "Kernel" not in etat["texte"], etat
        statut = page.locator("#jp-main-statusbar").evaluate_all(MESURE_ELEMENTS)[0]
        assert statut["droite"] <= largeur and not statut["deborde"], statut
        # the notebook gets most of the screen, and a finger runs its first cell
        assert page.locator("#jp-main-dock-panel").bounding_box()["width"] >= largeur / 2
        _le_menu_execution_s_ouvre_au_doigt_dans_l_ecran(page, largeur)
        # by touch: the cell, then « ⋯ » of the notebook's toolbar (▶ is folded there at this width), then ▶
        cellules.first.locator(".jp-InputPrompt").tap()
        page.locator(".jp-NotebookPanel-toolbar .jp-Toolbar-responsive-opener").tap()
        executer = page.locator(".jp-Toolbar-responsive-popup [data-command='notebook:run-cell-and-select-next']")
        [bouton] = executer.evaluate_all(MESURE_ELEMENTS)
        assert _dans_l_ecran(bouton, largeur) and bouton["largeur"] >= 40 and bouton["hauteur"] >= 40, bouton
        executer.tap()
        page.locator(".jp-OutputArea-output", has_text=re.compile("Tout est prêt|ne sont pas hébergées")).first.wait_for(timeout=300_000)
        page.context.close()
