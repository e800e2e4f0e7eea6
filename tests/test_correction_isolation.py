"""One copy cannot hurt another, and limits hold per copy (issue 17, points 2 and 4).

Minimal reproductions graded through the real grading command: a copy that locks or deletes the
kernels' runtime folder, then an honest copy graded after it by the same worker; outputs sent
through ``update_display_data`` and display metadata; a copy filling ``/dev/shm``; a copy leaving
thousands of files and big files in its folder. Once as the user running the tests (root here, in
the container and the CI), once as an unprivileged user (``setpriv`` to a uid of its own), where the
batch must leave nothing behind in its temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest

from donnees_en_main.correction import Limites, corriger, diagnostic
from donnees_en_main.correction.bac_a_sable import INSTALLER_FILTRE, MO, filtre_memfd
from outils_nbgrader import CoursNbgrader
from test_correction_hostile import TOUT_JUSTE, cellule_inseree, code, reponses_widgets

CHAUDS = os.environ.get("DEM_NOYAUX_CHAUDS", "1") != "0"  # warm kernels (noyaux_chauds), on unless turned off

DIAG = diagnostic()
pytestmark = pytest.mark.skipif(not DIAG.bwrap, reason="bubblewrap (bwrap) absent : isolement non testable ici")

LIMITES = Limites(delai_cellule=20, delai_carnet=60, memoire=1600 * MO, processus=48, sortie=1 * MO)

VERROUILLER_RUNTIME = 'import os\nos.chmod(os.environ["JUPYTER_RUNTIME_DIR"], 0)'
EFFACER_RUNTIME = """import os, shutil
dossier = os.environ["JUPYTER_RUNTIME_DIR"]
for nom in os.listdir(dossier):
    chemin = os.path.join(dossier, nom)
    try:
        os.unlink(chemin)
    except OSError:
        shutil.rmtree(chemin, ignore_errors=True)
with open(os.path.join(dossier, "bouchon"), "w") as f:
    f.write("x")
os.chmod(dossier, 0o500)"""

# issue 17: one display shown 40 times under one display_id, then updated with 1 MB: 40 MB of outputs
MISE_A_JOUR_D_AFFICHAGE = """from IPython.display import display
for _ in range(40):
    h = display({"text/plain": "petit"}, raw=True, display_id="compteur")
for i in range(3):
    h.update({"text/plain": str(i) * 1_000_000}, raw=True)"""

# issue 17: tiny outputs carrying 200 kB of metadata each: 12 MB
METADONNEES_D_AFFICHAGE = """from IPython.display import display
for _ in range(60):
    display({"text/plain": "x"}, raw=True, metadata={"bourrage": "y" * 200_000})"""

REMPLIR_SHM = """ecrits = 0
for i in range(20):
    try:
        with open(f"/dev/shm/bloc{i}", "wb") as f:
            f.write(b"x" * (10 * 1024 * 1024))
    except OSError:
        break
    ecrits += 10
print("SHM_MO", ecrits)"""

# issue 17: memfd files escape RLIMIT_AS (2.35 GB held past a 2 GB limit); here 3 GB are tried
MEMFD_3_GO = """import os, time
debut = time.monotonic()
ecrits, fds = 0, []
try:
    while ecrits < 3 * 1024:
        fd = os.memfd_create("bloc")
        fds.append(fd)
        for _ in range(40):
            os.write(fd, b"x" * (1024 * 1024))
        ecrits += 40
    print("MEMFD ACCEPTE", ecrits)
except OSError as e:
    print("MEMFD REFUSE", ecrits, e.errno)
print("MEMFD DUREE", round(time.monotonic() - debut, 2))"""

BEAUCOUP_DE_FICHIERS = """import os
os.makedirs("beaucoup", exist_ok=True)
for i in range(3000):
    with open(f"beaucoup/f{i}.txt", "w") as f:
        f.write("x")
for i in range(3):
    with open(f"gros{i}.bin", "wb") as f:
        f.write(b"0" * (40 * 1024 * 1024))
print("FICHIERS ECRITS")"""


# issue 17, warm kernels: every kernel a worker starts is a fork of one zygote. A copy that patches
# pandas, builtins and a course module, leaves files in /tmp, /dev/shm and $HOME, changes its
# environment, keeps a file descriptor open and leaves a process behind must change nothing for the
# copies graded after it by the same worker.
DORMEUR = "318.75"  # argv of the process the contaminating copy leaves behind
CONTAMINER = f"""import builtins, os, subprocess, sys, statistics
import numpy, pandas
import donnees_en_main.exercices.devoirs as devoirs
pandas.Series.median = lambda self, *a, **k: 0.0
pandas.Series.__truediv__ = lambda self, autre: self * 0
pandas.read_csv = lambda *a, **k: pandas.DataFrame()
builtins.round = lambda *a, **k: 0
builtins.MARQUE_CONTAMINATION = True
statistics.median = lambda *a, **k: 0
numpy.random.seed(1234)
devoirs.MARQUE_CONTAMINATION = True
sys.modules["module_de_contamination"] = devoirs
os.environ["MARQUE_CONTAMINATION"] = "1"
os.putenv("MARQUE_CONTAMINATION", "1")
for lieu in ("/tmp", "/dev/shm", os.path.expanduser("~"), os.environ.get("TMPDIR", "/tmp"),
             os.environ["JUPYTER_RUNTIME_DIR"], "/"):
    try:
        with open(os.path.join(lieu, "marque-contamination"), "w") as f:
            f.write("x")
    except OSError:
        pass
garde = os.open("/tmp/marque-contamination", os.O_RDONLY)
os.set_inheritable(garde, True)
subprocess.Popen(["sleep", "{DORMEUR}"], start_new_session=True, close_fds=False)
print("CONTAMINATION FAITE")"""

# what a later copy looks for (plain words only: an honest-looking cell, never flagged)
ESPIONNER = """import os, random
import numpy, pandas
constats = []
if pandas.Series([1.0, 2.0, 7.0]).median() != 2.0:
    constats.append("pandas.median")
if list(pandas.Series([2.0, 4.0]) / 2) != [1.0, 2.0]:
    constats.append("pandas.division")
if round(2.6) != 3:
    constats.append("round")
try:
    MARQUE_CONTAMINATION  # a name every module would see
    constats.append("nom global")
except NameError:
    pass
import statistics as st
if st.median([1, 2, 7]) != 2:
    constats.append("statistics")
import donnees_en_main.exercices.devoirs as d
if hasattr(d, "MARQUE_CONTAMINATION"):
    constats.append("module du cours")
import sys as s
if "module_de_contamination" in s.modules:
    constats.append("modules")
if "MARQUE_CONTAMINATION" in os.environ:
    constats.append("environnement")
for lieu in ("/tmp", "/dev/shm", os.path.expanduser("~"), os.environ.get("TMPDIR", "/tmp"),
             os.environ["JUPYTER_RUNTIME_DIR"], "/"):
    if os.path.exists(os.path.join(lieu, "marque-contamination")):
        constats.append("fichier dans " + lieu)
for fd in range(3, 1024):
    try:
        cible = os.readlink(os.path.join("/", "proc", "self", "fd", str(fd)))
    except OSError:
        continue
    if "marque" in cible:
        constats.append("descripteur " + cible)
for pid in os.listdir(os.path.join("/", "proc")):
    if pid.isdigit():
        try:
            with open(os.path.join("/", "proc", pid, "cmdline"), "rb") as f:
                if b"318.75" in f.read():
                    constats.append("processus")
        except OSError:
            pass
with open(os.path.join("/", "proc", "1", "cmdline"), "rb") as f:
    premier = f.read().split(bytes(1))[0].decode()
print("MODE", "froid" if premier.endswith("bwrap") else "chaud", premier)
print("TIRAGES", numpy.random.randint(0, 10**9), random.randint(0, 10**9))
print("CONSTATS", ";".join(constats) or "aucun", "FIN")"""


def soumettre(cours: CoursNbgrader, eleve: str, modifier=None) -> Path:
    dossier = cours.soumettre(eleve, modifier=modifier or code())
    reponses_widgets(dossier)
    return dossier


@pytest.fixture(scope="module")
def salle(tmp_path_factory):
    """One worker (copies graded one after another, in the order of their names)."""
    cours = CoursNbgrader(tmp_path_factory.mktemp("isolation"), "cantine")
    cours.generer()
    soumettre(cours, "a1_verrouille_runtime", cellule_inseree(VERROUILLER_RUNTIME))
    soumettre(cours, "a2_vide_runtime", cellule_inseree(EFFACER_RUNTIME))
    soumettre(cours, "b_temoin")
    soumettre(cours, "c_mise_a_jour_affichage", cellule_inseree(MISE_A_JOUR_D_AFFICHAGE))
    soumettre(cours, "d_metadonnees_affichage", cellule_inseree(METADONNEES_D_AFFICHAGE))
    soumettre(cours, "e_shm", cellule_inseree(REMPLIR_SHM))
    soumettre(cours, "f_fichiers", cellule_inseree(BEAUCOUP_DE_FICHIERS))
    soumettre(cours, "g1_espion", cellule_inseree(ESPIONNER))
    soumettre(cours, "h1_memfd", cellule_inseree(MEMFD_3_GO))
    soumettre(cours, "h2_temoin")
    soumettre(cours, "g2_contamine", cellule_inseree(CONTAMINER))
    soumettre(cours, "g3_temoin")
    soumettre(cours, "g4_espion", cellule_inseree(ESPIONNER))
    messages: list[str] = []
    rapport = corriger("cantine", cours.racine, parallele=1, limites=LIMITES, afficher=messages.append)
    return {"cours": cours, "rapport": rapport, "messages": messages}


def resultat(salle, eleve):
    return salle["rapport"].par_eleve()[eleve]


def corrige(salle, eleve) -> Path:
    return salle["cours"].racine / "autograded" / eleve / "cantine"


def sorties(salle, eleve) -> str:
    nb = nbformat.read(corrige(salle, eleve) / "cantine.ipynb", as_version=4)
    return "\n".join(o.get("text", "") + str(o.get("data", "")) for c in nb.cells for o in c.get("outputs", []))


def taille_et_nombre(dossier: Path) -> tuple[int, int]:
    fichiers = [p for p in dossier.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in fichiers), len(fichiers)


# -- point 2: one copy cannot hurt the next ------------------------------------------------------------

def test_le_dossier_des_noyaux_verrouille_ou_vide_ne_touche_pas_les_copies_suivantes(salle):
    for eleve in ("a1_verrouille_runtime", "a2_vide_runtime", "b_temoin"):
        assert salle["cours"].scores_par_cellule(eleve) == TOUT_JUSTE, eleve
    assert resultat(salle, "b_temoin").statut == "corrigé"
    assert resultat(salle, "b_temoin").incidents == []


def constats(salle, eleve) -> tuple[str, str, str]:
    texte = sorties(salle, eleve)
    mode = texte.split("MODE ")[1].split()[0]
    tirages = texte.split("TIRAGES ")[1].split("\n")[0]
    return mode, tirages, texte.split("CONSTATS ")[1].split(" FIN")[0]


def test_une_copie_qui_modifie_son_noyau_ne_change_rien_aux_suivantes(salle):
    """Warm kernels (on by default): each copy's kernel is a fresh fork of the worker's zygote. What a
    copy patched (pandas, builtins, statistics, a course module, sys.modules), wrote (/tmp, /dev/shm, HOME,
    its runtime folder), set (environment), kept open or left running is not seen by the next copies;
    the honest copy graded right after it gets exactly its grade; random draws differ between copies."""
    assert "CONTAMINATION FAITE" in sorties(salle, "g2_contamine")
    mode_avant, tirages_avant, avant = constats(salle, "g1_espion")
    mode_apres, tirages_apres, apres = constats(salle, "g4_espion")
    assert mode_avant == mode_apres == ("chaud" if CHAUDS else "froid")
    assert (avant, apres) == ("aucun", "aucun")
    assert tirages_avant != tirages_apres  # reseeded in each fork, not the zygote's state
    assert salle["cours"].scores_par_cellule("g3_temoin") == TOUT_JUSTE
    assert resultat(salle, "g3_temoin").statut == "corrigé", resultat(salle, "g3_temoin").incidents
    for eleve in ("g1_espion", "g4_espion"):
        assert salle["cours"].scores_par_cellule(eleve) == TOUT_JUSTE, eleve
        assert resultat(salle, eleve).statut == "corrigé", resultat(salle, eleve).incidents
    # the process the copy left behind died with its sandbox
    restants = []
    for p in Path("/proc").iterdir():
        try:
            if p.name.isdigit() and DORMEUR.encode() in (p / "cmdline").read_bytes():
                restants.append(p.name)
        except OSError:
            continue
    assert restants == []


# -- point 4: output cap counting every display path ----------------------------------------------------

@pytest.mark.parametrize("eleve", ["c_mise_a_jour_affichage", "d_metadonnees_affichage"])
def test_le_plafond_des_sorties_compte_tous_les_affichages(salle, eleve):
    assert (corrige(salle, eleve) / "cantine.ipynb").stat().st_size < 3 * MO
    r = resultat(salle, eleve)
    assert any("Sortie trop volumineuse" in i for i in r.incidents), r.incidents
    assert "sortie coupée" in sorties(salle, eleve)
    assert salle["cours"].scores_par_cellule(eleve) == TOUT_JUSTE


def test_dernier_garde_fou_sur_la_taille_des_sorties():
    """Whatever path an output took, the notebook written after execution stays bounded (errors kept)."""
    from donnees_en_main.correction.execution import borner_sorties

    gros = nbformat.v4.new_output("display_data", data={"text/plain": "x"}, metadata={"m": "y" * MO})
    erreur = nbformat.v4.new_output("error", ename="AssertionError", evalue="z" * 10_000, traceback=["t" * MO])
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("a", outputs=[gros] * 5),
                                         nbformat.v4.new_code_cell("b", outputs=[gros] * 5 + [erreur])])
    assert not borner_sorties(nb, 2 * MO)  # within what the counting lets through: untouched
    assert borner_sorties(nb, MO)
    assert len(nbformat.writes(nb)) < 2 * MO
    assert [o.output_type for o in nb.cells[1].outputs] == ["error", "stream"]
    assert "sortie coupée" in nb.cells[1].outputs[-1].text


def test_la_valeur_remise_au_correcteur_passe_le_plafond_une_fois_par_cellule_notee():
    """A code question is judged from the value its graded cell displays: kept past the cap, but only
    one per graded cell (a copy can't use it to get round the cap)."""
    from donnees_en_main.correction.execution import borner_sorties
    from donnees_en_main.exercices.devoirs import MIME_VALEUR

    gros = nbformat.v4.new_output("display_data", data={"text/plain": "x"}, metadata={"m": "y" * MO})
    valeur = nbformat.v4.new_output("display_data", data={MIME_VALEUR: {"valeur": 42}, "text/plain": "42"})
    notee = nbformat.v4.new_code_cell("transmettre", outputs=[valeur, valeur])
    notee.metadata["nbgrader"] = {"grade": True, "grade_id": "q3-correction", "points": 2}
    libre = nbformat.v4.new_code_cell("libre", outputs=[valeur])
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("a", outputs=[gros] * 10), notee, libre])
    assert borner_sorties(nb, MO)
    assert [o.get("data", {}).get(MIME_VALEUR) for o in nb.cells[1].outputs[:-1]] == [{"valeur": 42}]
    assert all(MIME_VALEUR not in o.get("data", {}) for o in nb.cells[2].outputs)


# -- point 4: shared memory -----------------------------------------------------------------------------

def test_la_memoire_partagee_est_privee_et_bornee(salle):
    texte = sorties(salle, "e_shm")
    ecrits = int(texte.split("SHM_MO")[1].split()[0])
    assert 10 <= ecrits <= 64  # usable (multiprocessing needs it), but small: 200 MB were tried
    assert salle["cours"].scores_par_cellule("e_shm") == TOUT_JUSTE


def test_le_diagnostic_dit_ce_que_la_memoire_hors_processus_peut_prendre():
    texte = DIAG.resume()
    assert f"/dev/shm privée de {Limites().shm // MO} Mo" in texte
    memfd = next(ligne for ligne in texte.splitlines() if "memfd" in ligne)
    if filtre_memfd() is None:
        assert "NON borné" in memfd and "architecture" in memfd
    else:
        assert "refusés" in memfd and "seccomp" in memfd


def test_memfd_refuse_des_la_premiere_demande_et_les_voisines_notees_exactement(salle):
    """issue 17: 3 GB held in memfd files past the memory limit. Refused (EPERM) at the first call, with
    the warm kernels as with cold ones; the copy is graded, its neighbours exactly."""
    if filtre_memfd() is None:
        pytest.skip("architecture inconnue du filtre seccomp : memfd non borné (le diagnostic le dit)")
    texte = sorties(salle, "h1_memfd")
    assert "MEMFD REFUSE 0 1" in texte, texte[-2000:]
    assert float(texte.split("MEMFD DUREE ")[1].split()[0]) < 1
    for eleve in ("h1_memfd", "h2_temoin", "g1_espion"):
        assert salle["cours"].scores_par_cellule(eleve) == TOUT_JUSTE, eleve
    assert resultat(salle, "h2_temoin").statut == "corrigé"


def test_le_filtre_seccomp_ne_refuse_que_memfd(tmp_path):
    """The filter, installed in a plain Python as the launcher does: memfd refused, in forked children
    too; files, pipes, threads, subprocesses, numpy and pandas work."""
    if filtre_memfd() is None:
        pytest.skip("architecture inconnue du filtre seccomp")
    code = INSTALLER_FILTRE + f"""
installer_filtre({filtre_memfd().hex()!r})
import os, subprocess, sys, threading
try:
    os.memfd_create("x")
    print("PARENT ACCEPTE")
except PermissionError:
    print("PARENT REFUSE")
r = subprocess.run([sys.executable, "-c", "import os; os.memfd_create('y')"], capture_output=True, text=True)
print("ENFANT", "REFUSE" if r.returncode and "PermissionError" in r.stderr else "ACCEPTE")
lecture, ecriture = os.pipe()
os.write(ecriture, b"ok")
t = threading.Thread(target=lambda: None)
t.start()
t.join()
with open({str(tmp_path / "f.txt")!r}, "w") as f:
    f.write("ok")
import numpy, pandas
print("CALCUL", pandas.Series(numpy.arange(4)).sum(), os.read(lecture, 2).decode())
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["PARENT", "REFUSE", "ENFANT", "REFUSE", "CALCUL", "6", "ok"]


# -- point 4: what a copy leaves in its folder ------------------------------------------------------------

def test_les_fichiers_laisses_par_une_copie_sont_bornes(salle):
    cours = salle["cours"]
    dossier = corrige(salle, "f_fichiers")
    taille, nombre = taille_et_nombre(dossier)
    assert nombre <= 300 and taille <= 60 * MO  # 3,000 files and 120 MB were written
    for nom in ("cantine.ipynb", "reponses-cantine.json", "timestamp.txt"):
        assert (dossier / nom).is_file(), nom
    r = resultat(salle, "f_fichiers")
    assert any("non gardé" in i and "Mo" in i for i in r.incidents), r.incidents
    assert cours.scores_par_cellule("f_fichiers") == TOUT_JUSTE
    # the honest copy keeps everything it handed in
    assert (corrige(salle, "b_temoin") / "reponses-cantine.json").is_file()
    retours = cours.retours()  # nbgrader's generate_feedback copies what autograded/ holds
    assert retours["f_fichiers"]
    taille, nombre = taille_et_nombre(cours.racine / "feedback" / "f_fichiers")
    assert nombre <= 300 and taille <= 65 * MO


# -- as an unprivileged user: the same attack, and nothing left behind -------------------------------------

def python_pour(uid: int, dossier: Path) -> str:
    """A Python interpreter `uid` may run, with this environment's packages.

    This one, if `uid` can run it; otherwise (a Python installed under /root, say) a virtualenv of the
    system's Python of the same version, seeing this environment's packages (a .pth file).
    """
    essai = [shutil.which("setpriv"), f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--"]
    # twice: the first exec may pass where the grader's own subprocesses (same interpreter) do not
    relance = "import subprocess, sys; sys.exit(subprocess.run([sys.executable, '-c', 'import nbgrader']).returncode)"
    if subprocess.run([*essai, sys.executable, "-c", relance], capture_output=True).returncode == 0:
        return sys.executable
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    systeme = Path("/usr/bin") / version
    if not systeme.is_file():
        pytest.skip(f"aucun {version} utilisable par un utilisateur sans droits")
    pont = dossier / "python"
    subprocess.run([str(systeme), "-m", "venv", "--without-pip", str(pont)], check=True)
    site_packages = next(p for p in sys.path if p.endswith("site-packages") and p.startswith(sys.prefix))
    (pont / "lib" / version / "site-packages" / "pont.pth").write_text(
        f"import site; site.addsitedir({site_packages!r})\n", encoding="utf-8")
    return str(pont / "bin" / "python")


def test_sans_root_une_copie_ne_touche_pas_la_suivante_et_rien_ne_reste():
    racine = Path(tempfile.mkdtemp(prefix="dem-iso-", dir="/tmp"))
    uid = 1_460_000 + os.getpid() % 10_000  # a uid of its own: no other process counts in its limits
    try:
        os.chmod(racine, 0o755)
        python = python_pour(uid, racine) if os.geteuid() == 0 else sys.executable
        cours = CoursNbgrader(racine, "cantine")
        cours.generer()
        soumettre(cours, "a_verrouille_runtime", cellule_inseree(VERROUILLER_RUNTIME))
        soumettre(cours, "b_temoin")
        # as an ordinary user, bwrap's own /dev/shm is the kernel's to fill (half the RAM): not any more
        soumettre(cours, "a0_shm", cellule_inseree(REMPLIR_SHM))
        temporaire, maison = racine / "t", racine / "maison"
        temporaire.mkdir()
        maison.mkdir()
        commande = [python, "-m", "donnees_en_main.correction", "cantine", "--course-dir", str(cours.racine),
                    "--parallele", "1", "--delai-cellule", "20", "--delai-carnet", "60"]
        if os.geteuid() == 0:
            for parent, dossiers, fichiers in os.walk(racine):
                for nom in [parent, *(os.path.join(parent, n) for n in dossiers + fichiers)]:
                    os.lchown(nom, uid, uid)
            commande = [shutil.which("setpriv"), f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--",
                        *commande]
        env = {"PATH": os.pathsep.join([str(Path(python).parent), str(Path(sys.executable).parent), "/usr/bin", "/bin"]),
               "HOME": str(maison), "TMPDIR": str(temporaire), "LANG": "C.UTF-8", "PYTHONUTF8": "1",
               "DEM_NOYAUX_CHAUDS": "1" if CHAUDS else "0"}
        r = subprocess.run(commande, cwd=cours.racine, env=env, capture_output=True, text=True, timeout=900)
        assert r.returncode == 0, r.stdout + r.stderr
        assert list(temporaire.iterdir()) == [], "la correction a laissé des dossiers derrière elle"
        assert cours.scores_par_cellule("b_temoin") == TOUT_JUSTE, r.stdout
        rapport = json.loads((cours.racine / "correction" / "cantine.json").read_text(encoding="utf-8"))
        assert rapport["eleves"]["b_temoin"]["statut"] == "corrigé", r.stdout
        nb = (cours.racine / "autograded" / "a0_shm" / "cantine" / "cantine.ipynb").read_text(encoding="utf-8")
        assert 10 <= int(nb.split("SHM_MO ")[1].split("\\n")[0]) <= 64
    finally:
        subprocess.run(["chmod", "-R", "u+rwX", str(racine)], check=False)
        shutil.rmtree(racine, ignore_errors=True)
