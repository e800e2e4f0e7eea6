"""The course's one front door, ``python -m donnees_en_main <verbe>``, as a trainer or a contributor
uses it: every verb answers --help in French, mistakes get French messages (never a traceback), the
shell scripts of outils/ are thin wrappers calling a verb, and each new verb does what its script did
(the full book build is tested by test_livre.py, the workshop by test_atelier.py, the offline room by
test_hors_ligne.py).
"""

from __future__ import annotations

import os
import re
import socket
import stat
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from donnees_en_main import __main__ as porte
from donnees_en_main import atelier, hors_ligne
from donnees_en_main.livre import construire as livre
from outils_processus import port_libre

RACINE = Path(__file__).resolve().parent.parent
OUTILS = RACINE / "outils"
# The English words argparse writes when it is not translated.
ANGLAIS = ("usage:", "show this help message", "positional arguments", "options:", "error:", "Traceback")
# outils/<script>.sh -> the verb it hands over to
SCRIPTS = {"livre.sh": "livre", "atelier.sh": "atelier", "pdf.sh": "pdf", "preparer_hors_ligne.sh": "hors-ligne"}


def commande(*args: str, env: dict | None = None, python: list[str] | None = None, timeout: int = 120):
    return subprocess.run([*(python or [sys.executable]), "-m", "donnees_en_main", *args], cwd=RACINE, env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_l_aide_generale_liste_chaque_verbe():
    r = commande("--help")
    assert r.returncode == 0, r.stderr
    assert "Utilisation : python -m donnees_en_main <verbe>" in r.stdout
    for verbe in ("livre", "pdf", "atelier", "hors-ligne", "sommaire", "jupyterlite", "telecharger", "corriger"):
        assert re.search(rf"^  {re.escape(verbe)} +\S", r.stdout, re.M), f"« {verbe} » manque à l'aide :\n{r.stdout}"
    assert set(re.findall(r"^  (\S+)  ", r.stdout, re.M)) == set(porte.VERBES)


def test_le_readme_nomme_chaque_verbe():
    readme = (RACINE / "README.md").read_text(encoding="utf-8")
    paragraphe = readme[readme.index("Verbes :"):readme.index("Les scripts de `outils/`")]
    absents = [v for v in porte.VERBES if f"`{v}`" not in paragraphe]
    assert not absents, f"README.md, « Architecture » : verbes non cités {absents}"


@pytest.mark.parametrize("verbe", list(porte.VERBES))
def test_l_aide_de_chaque_verbe_est_en_francais(verbe):
    r = commande(verbe, "--help")
    assert r.returncode == 0, r.stderr
    assert f"python -m donnees_en_main {verbe}" in r.stdout, "l'aide doit donner la commande par la porte d'entrée"
    assert not [mot for mot in ANGLAIS if mot in r.stdout + r.stderr], r.stdout


def test_un_verbe_inconnu_donne_une_erreur_en_francais():
    r = commande("livres")
    assert r.returncode == 2
    assert "Erreur : verbe inconnu « livres ». Vouliez-vous dire « livre » ?" in r.stderr
    assert "Verbes :" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("verbe", ["livre", "pdf", "sommaire", "jupyterlite", "corriger"])
def test_une_option_inconnue_donne_une_erreur_en_francais(verbe):
    r = commande(verbe, "--option-inexistante")
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Erreur : " in r.stderr and f"python -m donnees_en_main {verbe}" in r.stderr
    assert not [mot for mot in ANGLAIS if mot in r.stderr], r.stderr


@pytest.mark.parametrize("verbe, valeur", [("livre", "huit-mille"), ("atelier", "70000"), ("livre", "0")])
def test_un_port_invalide_est_refuse_en_francais(verbe, valeur):
    r = commande(verbe, "--port", valeur)
    assert r.returncode == 2
    assert f"Erreur : --port : le port doit être un nombre entre 1 et 65535, pas « {valeur} »" in r.stderr


def test_une_erreur_imprevue_est_dite_en_francais_sans_trace(monkeypatch, capsys):
    def panne(argv):
        raise RuntimeError("boum")

    monkeypatch.setattr(livre, "main", panne)
    assert porte.main(["livre"]) == 1
    err = capsys.readouterr().err
    assert "Erreur inattendue pendant « livre » : RuntimeError : boum" in err and "Traceback" not in err


# --------------------------------------------------------------------------- outils/*.sh


def lignes_de_code(script: Path) -> list[str]:
    return [l for l in script.read_text(encoding="utf-8").splitlines() if l.strip() and not l.lstrip().startswith("#")]


@pytest.mark.parametrize("script, verbe", SCRIPTS.items())
def test_chaque_script_appelle_son_verbe(script, verbe):
    code = lignes_de_code(OUTILS / script)
    assert re.search(rf'^exec \S*(python|PYTHON"?) -m donnees_en_main {re.escape(verbe)}( |$)', code[-1]), code[-1]
    assert code[-1].endswith('"$@"'), "les options données au script passent au verbe"
    assert len(code) <= 10, f"{script} doit rester une enveloppe mince : le travail est fait par le verbe"


def test_les_scripts_n_appellent_que_des_verbes_existants():
    appels = {sep + m for f in OUTILS.glob("*.sh")
              for sep, m in re.findall(r"-m donnees_en_main(\.| )([\w.-]*\w)", f.read_text("utf-8"))}
    assert " jupyterlite" in appels, "outils/installer.sh prépare la version navigateur par la porte d'entrée"
    assert appels <= {f" {verbe}" for verbe in porte.VERBES}, appels


def test_les_pages_donnent_les_commandes_de_la_porte_d_entree():
    pages = [RACINE / "README.md", *(RACINE / "book" / f"{p}.md" for p in
                                     ("guide-animateur", "guide-correction", "votre-commune", "essayer"))]
    anciennes = [(p.name, l) for p in pages for l in p.read_text("utf-8").splitlines() if "-m donnees_en_main." in l]
    assert not anciennes, anciennes


def test_livre_sh_honore_port(tmp_path):
    """`PORT=… bash outils/livre.sh` reaches the verb with that port: a port already taken is said at once,
    in French, before two minutes of build."""
    with socket.socket() as occupe:
        occupe.bind(("127.0.0.1", 0))
        occupe.listen()
        numero = occupe.getsockname()[1]
        r = subprocess.run(["bash", str(OUTILS / "livre.sh")], env={**os.environ, "PORT": str(numero)},
                           capture_output=True, text=True, timeout=300)
    assert r.returncode == 1, r.stdout + r.stderr
    assert f"Erreur : impossible d'écouter sur le port {numero}" in r.stderr and "Traceback" not in r.stderr
    assert "Construction du livre" not in r.stdout


# --------------------------------------------------------------------------- livre


def test_livre_construit_puis_sert_sur_le_port_demande(monkeypatch, tmp_path, capsys):
    construits = []

    def construire(sortie, builder="html", strict=False, journal=None):
        construits.append((sortie, builder, strict))
        (sortie / "_build" / "html").mkdir(parents=True)
        (sortie / "_build" / "html" / "index.html").write_text("<p>Données en main</p>", encoding="utf-8")
        return 0

    servis = []
    monkeypatch.setattr(livre, "construire", construire)
    monkeypatch.setattr(livre, "servir", lambda serveur: (servis.append(serveur.server_address), serveur.server_close()))
    numero = port_libre()
    assert livre.main(["--servir", "--port", str(numero), "--sortie", str(tmp_path), "--strict"]) == 0
    assert construits == [(tmp_path.resolve(), "html", True)]
    assert servis == [("127.0.0.1", numero)]
    assert re.search(r"→ Livre construit en \d+ s dans \S*_build/html/", capsys.readouterr().out)


def test_livre_sans_servir_et_construction_ratee(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(livre, "construire", lambda sortie, **kw: 2)
    monkeypatch.setattr(livre, "servir", lambda serveur: pytest.fail("rien à servir"))
    assert livre.main(["--sortie", str(tmp_path)]) == 1
    assert "Erreur : la construction du livre a échoué" in capsys.readouterr().err


def test_le_serveur_du_livre_sert_le_dossier_html_sur_cette_machine(tmp_path):
    (tmp_path / "index.html").write_text("<p>Données en main</p>", encoding="utf-8")
    serveur = livre.ouvrir_serveur(tmp_path, port_libre())
    fil = threading.Thread(target=serveur.serve_forever, daemon=True)
    fil.start()
    try:
        hote, numero = serveur.server_address
        assert hote == "127.0.0.1"
        with urllib.request.urlopen(f"http://127.0.0.1:{numero}/", timeout=10) as reponse:
            assert "Données en main" in reponse.read().decode("utf-8")
    finally:
        serveur.shutdown()
        serveur.server_close()


# --------------------------------------------------------------------------- atelier


@pytest.mark.parametrize("uid, root", [(0, True), (1000, False)])
def test_atelier_lance_jupyterlab_en_francais_sur_les_carnets(monkeypatch, uid, root):
    lance = {}
    monkeypatch.setattr(os, "geteuid", lambda: uid)
    monkeypatch.setattr(os, "chdir", lambda dossier: lance.setdefault("dossier", Path(dossier)))
    monkeypatch.setattr(os, "execve", lambda programme, args, env: lance.update(programme=programme, args=args, env=env))
    atelier.main(["--port", "9123", "--no-browser"])
    args = lance["args"]
    assert Path(lance["programme"]).name == "jupyter" and args[:2] == [lance["programme"], "lab"]
    assert "--ServerApp.port=9123" in args and "--ServerApp.ip=127.0.0.1" in args
    assert "--LabApp.default_url=/lab/tree/notebooks" in args and f"--ServerApp.root_dir={RACINE}" in args
    assert f"--LabApp.app_settings_dir={OUTILS / 'jupyter' / 'lab-settings'}" in args
    assert ("--allow-root" in args) is root
    assert args[-1] == "--no-browser", "les options de JupyterLab passent, à la fin"
    assert lance["env"]["JUPYTER_CONFIG_PATH"].split(os.pathsep)[0] == str(OUTILS / "jupyter")
    assert lance["dossier"] == RACINE
    assert stat.S_IMODE((RACINE / "exercises" / "echange").stat().st_mode) == 0o777


# --------------------------------------------------------------------------- hors-ligne


def test_hors_ligne_transmet_les_options_a_pip(monkeypatch):
    appels = []
    monkeypatch.setattr(hors_ligne, "preparer", lambda dossier, options: appels.append((dossier, options)))
    assert hors_ligne.main(["/tmp/cle", "--platform", "manylinux2014_x86_64", "--only-binary=:all:"]) == 0
    assert hors_ligne.main([]) == 0
    assert appels == [(Path("/tmp/cle"), ["--platform", "manylinux2014_x86_64", "--only-binary=:all:"]),
                      (Path("hors-ligne"), [])]


def test_hors_ligne_tourne_sans_le_cours_installe_et_refuse_un_dossier_dans_le_cours():
    # -S: no site-packages at all, only the standard library (outils/preparer_hors_ligne.sh uses $PYTHON).
    dedans = RACINE / "datasets" / "cle-usb"
    r = commande("hors-ligne", str(dedans), python=[sys.executable, "-S"])
    assert r.returncode == 1, r.stdout + r.stderr
    assert f"Erreur : choisissez un dossier hors du cours (ou hors-ligne/) : {dedans}" in r.stderr
    assert "Traceback" not in r.stderr and not dedans.exists()


def test_hors_ligne_copie_le_cours_sans_l_environnement(tmp_path):
    hors_ligne.copier_cours(tmp_path)
    assert (tmp_path / "notebooks" / "cantine.ipynb").read_bytes() == (RACINE / "notebooks" / "cantine.ipynb").read_bytes()
    assert (tmp_path / "outils" / "installer.sh").stat().st_mode == (OUTILS / "installer.sh").stat().st_mode
    for absent in (".venv", "_build", ".git", "outils/proxy", "hors-ligne", "exercises/echange"):
        assert not (tmp_path / absent).exists(), absent
    assert not list(tmp_path.rglob("__pycache__")) and not list(tmp_path.rglob("reponses-*.json"))


# --------------------------------------------------------------------------- the four nbgrader_config.py


def charger_configuration(dossier: Path, monkeypatch, **env: str):
    from traitlets.config.loader import PyFileConfigLoader

    for variable in ("NBGRADER_ECHANGE", "JUPYTERHUB_USER", "DEM_COURS"):
        monkeypatch.delenv(variable, raising=False)
    for variable, valeur in env.items():
        monkeypatch.setenv(variable, valeur)
    return PyFileConfigLoader("nbgrader_config.py", path=str(dossier)).load_config()


def test_les_quatre_configurations_nbgrader_partagent_les_reglages_du_cours(monkeypatch, tmp_path):
    cours = RACINE / "exercises"
    copie = tmp_path / "cours"  # the trainer's copy on the hub (jupyterhub_config.py makes it)
    (copie / "source" / "cantine").mkdir(parents=True)
    (copie / "nbgrader_config.py").write_bytes((cours / "nbgrader_config.py").read_bytes())
    hub = RACINE / "deploiement" / "jupyterhub"
    local = charger_configuration(cours, monkeypatch)
    atelier_ = charger_configuration(OUTILS / "jupyter", monkeypatch)
    apprenant = charger_configuration(hub / "apprenant", monkeypatch, JUPYTERHUB_USER="camille.d",
                                      NBGRADER_ECHANGE="/srv/echange")
    formateur = charger_configuration(hub / "formateur", monkeypatch, DEM_COURS=str(copie))
    copie_seule = charger_configuration(copie, monkeypatch)

    for c in (local, atelier_, apprenant, formateur, copie_seule):
        assert c.CourseDirectory.course_id == "donnees-en-main"
        assert c.HTMLExporter.template_name == "retour_fr" and c.Execute.timeout == 60
    assert local.CourseDirectory.root == atelier_.CourseDirectory.root == str(cours)
    assert local.Exchange.root == str(cours / "echange") and apprenant.Exchange.root == "/srv/echange"
    assert set(local.Autograde.exclude_overwriting) == {d.name for d in (cours / "source").iterdir() if d.is_dir()}
    # the formgrader's « Generate feedback » in French: the trainer's servers only
    formgrader = str(OUTILS / "jupyter" / "modeles-formgrader")
    assert atelier_.HTMLExporter.extra_template_basedirs == [formgrader, str(cours / "modeles")]
    assert formateur.HTMLExporter.extra_template_basedirs == [formgrader, str(copie / "modeles")]
    assert local.HTMLExporter.extra_template_basedirs == [str(cours / "modeles")]
    assert apprenant.HTMLExporter.extra_template_basedirs == [str(cours / "modeles")]
    # the learner: their own folder, the hub's user name; the trainer: their copy of the course
    assert apprenant.CourseDirectory.root == os.getcwd() and apprenant.CourseDirectory.student_id == "camille.d"
    assert formateur.CourseDirectory.root == copie_seule.CourseDirectory.root == str(copie)
    assert formateur.Autograde.exclude_overwriting == {"cantine": ["reponses-cantine.json"]}
    assert "student_id" not in local.CourseDirectory


def test_un_reglage_ajoute_au_nbgrader_config_du_cours_est_pris(monkeypatch, tmp_path):
    """book/guide-correction.md tells the trainer to add a line to exercises/nbgrader_config.py."""
    (tmp_path / "nbgrader_config.py").write_text(
        (RACINE / "exercises" / "nbgrader_config.py").read_text("utf-8")
        + 'c.LateSubmissionPlugin.penalty_method = "zero"\n', encoding="utf-8")
    c = charger_configuration(tmp_path, monkeypatch)
    assert c.LateSubmissionPlugin.penalty_method == "zero" and c.CourseDirectory.root == str(tmp_path)


def test_la_configuration_nbgrader_de_tljh_range_les_devoirs_comme_le_hub(monkeypatch, tmp_path):
    # The Littlest JupyterHub is not run here (it needs systemd): its installer writes the nbgrader_config.py
    # of the learners' environment; that file, loaded as nbgrader loads it, must give the same folders as the hub.
    script = (RACINE / "deploiement" / "tljh" / "installer.sh").read_text(encoding="utf-8")
    debut = script.index('cat > "$ENV_TLJH/etc/jupyter/nbgrader_config.py" <<PY\n')
    texte = script[script.index("\n", debut) + 1:script.index("\nPY\n", debut)]
    dossier = tmp_path / "etc"
    dossier.mkdir()
    (dossier / "nbgrader_config.py").write_text(texte.replace("$COURS", str(RACINE)), encoding="utf-8")
    maison = tmp_path / "jupyter-camille"
    maison.mkdir()
    monkeypatch.setenv("HOME", str(maison))
    monkeypatch.chdir(maison)
    monkeypatch.setenv("NBGRADER_ECHANGE", "")  # the file sets it (setdefault): undone after the test
    c = charger_configuration(dossier, monkeypatch)
    assert c.Exchange.assignment_dir == str(maison / "devoirs") and (maison / "devoirs").is_dir()
    assert c.CourseDirectory.root == str(maison) and c.CourseDirectory.course_id == "donnees-en-main"
    assert c.Exchange.root == "/srv/nbgrader/echange" and c.HTMLExporter.template_name == "retour_fr"
