"""Hostile submissions, graded for real: one room, one batch, every copy graded right or flagged.

Each notebook below is built from the released student version of the canteen assignment (as a
learner gets it) and then tampered with the way a careless or malicious learner would. The whole
room goes through ``donnees_en_main.correction.corriger`` (nbgrader's autograde, sandboxed, two
workers); then the expected scores are checked from the gradebook, along with what must NOT have
happened: a connection reaching the host, a file read or written outside the learner's folder,
a process left behind, a corrupt gradebook. Limits are small so the suite stays quick.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from donnees_en_main.correction import Limites, corriger, diagnostic
from donnees_en_main.correction.bac_a_sable import MO
from donnees_en_main.exercices.stockage import encoder, enregistrer_reponse
from donnees_en_main.chapitres.cantine import questions as q
from outils_nbgrader import RACINE, CoursNbgrader, cellule, remplir
from outils_processus import processus_dont_la_commande

CODE_Q3 = 'part_bio = achats["achats_bio_ht"] / achats["achats_totaux_ht"] * 100'
CODE_Q4 = "mediane_bio = part_bio.median()"
LIMITES = Limites(delai_cellule=12, delai_carnet=45, memoire=1600 * MO, processus=48, sortie=1 * MO)
SOMMEIL = "317.25"  # argv of the processes the fork bomb leaves behind: none may survive the grading
JETON = uuid.uuid4().hex  # written by the spy if it ever reads something it should not

DIAG = diagnostic()
if not DIAG.bwrap and os.environ.get("DONNEES_EN_MAIN_BWRAP_OBLIGATOIRE"):
    raise RuntimeError("bubblewrap (bwrap) est obligatoire ici (CI) : sudo apt install bubblewrap")
pytestmark = pytest.mark.skipif(not DIAG.bwrap, reason="bubblewrap (bwrap) absent : isolement non testable ici")


# -- building hostile copies -------------------------------------------------------------------------

def reponses_widgets(dossier: Path, justes: bool = True) -> None:
    """The answers file a learner clicking « Vérifier » on questions 1 and 2 leaves next to the notebook."""
    with contextlib.chdir(dossier):
        for question in (q.separateur, q.indicateur):
            valeur = question.reponse if justes else "une réponse fausse"
            enregistrer_reponse("cantine", question.id, encoder(valeur))


def code(q3: str = CODE_Q3, q4: str = CODE_Q4):
    def modifier(nb):
        remplir(nb, "q3-reponse", q3)
        remplir(nb, "q4-reponse", q4)
        return nb
    return modifier


def sans_cellules(*ids):
    def modifier(nb):
        code()(nb)
        nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") not in ids]
        return nb
    return modifier


def falsifier_tests(nb):
    remplir(nb, "q3-reponse", "part_bio = 42")  # wrong answer…
    cellule(nb, "q3-correction").source = "pass  # test neutralisé"  # …and the test emptied
    cellule(nb, "q1-correction").source = "assert True"
    cellule(nb, "q1-correction").metadata["nbgrader"]["locked"] = False
    return nb


def points_modifies(nb):
    code()(nb)
    cellule(nb, "q4-correction").metadata["nbgrader"]["points"] = 100
    cellule(nb, "q3-reponse").metadata["nbgrader"]["points"] = 50  # an answer cell made worth points
    return nb


def metadonnees_cassees(nb):
    code()(nb)
    cellule(nb, "q3-correction").metadata["nbgrader"].update(grade="oui", points="beaucoup", schema_version=99)
    nb.cells[0].metadata["nbgrader"] = "n'importe quoi"
    nb.cells.insert(3, nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": {"grade_id": "inventee", "grade": True,
                                                                                 "points": 10, "locked": True}}))
    return nb


# issue 17: a cell that rebinds the bank's name `q` to an object answering yes to everything
TOUT_VA_BIEN = """class ToutVaBien:
    juste = True
    message = ""
    def __getattr__(self, nom):
        return self
    def __call__(self, *args, **kwargs):
        return self
    def __bool__(self):
        return True
q = ToutVaBien()"""

# issue 17: a `donnees_en_main/` package shipped next to the untouched notebook, shadowing the course's
PAQUET_OMBRE = {
    "donnees_en_main/__init__.py": "",
    "donnees_en_main/donnees/__init__.py": "import pandas as pd\ndef charger(*a, **k):\n    return pd.DataFrame()\n",
    "donnees_en_main/chapitres/__init__.py": "",
    "donnees_en_main/chapitres/cantine/__init__.py": "",
    "donnees_en_main/chapitres/cantine/questions.py": TOUT_VA_BIEN + "\ndef __getattr__(nom):\n    return q\n",
    "sitecustomize.py": "print('SITECUSTOMIZE DE L ELEVE')\n",
}

ECRIRE_LES_BONNES_REPONSES = f"""import json
with open("reponses-cantine.json", encoding="utf-8") as f:
    contenu = json.load(f)
contenu[{q.separateur.id!r}]["reponse"] = {q.separateur.reponse!r}
contenu[{q.indicateur.id!r}]["reponse"] = {q.indicateur.reponse!r}
with open("reponses-cantine.json", "w", encoding="utf-8") as f:
    json.dump(contenu, f)"""

IMPORT_LOCAL = CODE_Q3 + """
open("module_local.py", "w").write("VALEUR = 1")
try:
    import module_local
    print("IMPORT LOCAL REUSSI")
except ImportError:
    print("IMPORT LOCAL REFUSE")"""


def cellule_inseree(source: str, apres: str = "preparation", **reponses):
    def modifier(nb):
        code(**reponses)(nb)
        index = next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == apres)
        nb.cells.insert(index + 1, nbformat.v4.new_code_cell(source))
        return nb
    return modifier


BOUCLE_TETUE = """import time
while True:
    try:
        time.sleep(0.2)
    except KeyboardInterrupt:
        pass"""

BOMBE_MEMOIRE = f"""{CODE_Q3}
try:
    trop = bytearray(3 * 1024 ** 3)
    print("ALLOCATION REUSSIE")
except MemoryError:
    print("MemoryError attrapée")"""

FOURCHES = f"""import os
enfants = 0
for _ in range(200):  # bounded: at most 200 forks, never more
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        try:
            os.execv("/bin/sleep", ["sleep", "{SOMMEIL}"])
        finally:
            os._exit(0)
    enfants += 1
print("FOURCHES", enfants)
{CODE_Q3}"""


def code_reseau(port: int) -> str:
    return f"""import socket
try:
    s = socket.create_connection(("127.0.0.1", {port}), timeout=3)
    s.sendall(b"FUITE")
    print("CONNEXION ETABLIE")
except OSError as e:
    print("connexion impossible :", type(e).__name__)
{CODE_Q3}"""


def code_espion(cibles_lecture: list[Path], cibles_ecriture: list[Path], tmp_prive: Path) -> str:
    return f"""import os
for chemin in {[str(c) for c in cibles_lecture]!r}:
    try:
        with open(chemin, "rb") as f:
            f.read(10)
        print("LU", chemin)
    except OSError as e:
        print("illisible", type(e).__name__)
for chemin in {[str(c) for c in cibles_ecriture]!r}:
    try:
        with open(chemin, "a") as f:
            f.write("{JETON}")
        print("ECRIT", chemin)
    except OSError as e:
        print("non écrit", type(e).__name__)
with open({str(tmp_prive)!r}, "w") as f:  # the sandbox's own /tmp: private, thrown away
    f.write("{JETON}")
try:
    os.symlink({str(cibles_lecture[0])!r}, "lien-vers-ailleurs")
except OSError:
    pass
print("voisins :", sorted(os.listdir("..")))
# the grader's own working copy of the course, somewhere above this folder?
for relatif in ("../../../gradebook.db", "../../../source/cantine/cantine.ipynb", "../../../nbgrader_config.py"):
    try:
        open(relatif, "rb").close()
        print("LU", relatif)
    except OSError as e:
        print("introuvable", type(e).__name__)
for dossier in ("../../..", "../../../.."):
    try:
        print("contenu :", sorted(os.listdir(dossier)))
    except OSError:
        pass
{CODE_Q3}"""


class Ecoute:
    """A TCP listener on the host's 127.0.0.1: a sandboxed kernel must never reach it."""

    def __init__(self):
        self.serveur = socket.socket()
        self.serveur.bind(("127.0.0.1", 0))
        self.serveur.listen(5)
        self.serveur.settimeout(0.5)
        self.port = self.serveur.getsockname()[1]
        self.recus: list[bytes] = []
        self.fin = threading.Event()
        self.fil = threading.Thread(target=self._ecouter, daemon=True)
        self.fil.start()

    def _ecouter(self):
        while not self.fin.is_set():
            try:
                client, _ = self.serveur.accept()
            except OSError:
                continue
            client.settimeout(2)
            with client:
                try:
                    self.recus.append(client.recv(100) or b"<connexion>")
                except OSError:
                    self.recus.append(b"<connexion>")

    def fermer(self):
        self.fin.set()
        self.fil.join()
        self.serveur.close()


def empreinte(chemin: Path) -> str:
    return hashlib.sha256(chemin.read_bytes()).hexdigest()


def processus_dormeurs() -> list[int]:
    return processus_dont_la_commande(lambda commande: commande.split(b"\0")[:2] == [b"sleep", SOMMEIL.encode()])


# -- the room ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def salle(tmp_path_factory):
    cours = CoursNbgrader(tmp_path_factory.mktemp("hostile"), "cantine")
    cours.generer()
    echeance = datetime.now(timezone.utc) + timedelta(days=1)
    with Gradebook(f"sqlite:///{cours.racine / 'gradebook.db'}") as gb:
        gb.update_or_create_assignment("cantine", duedate=echeance.replace(tzinfo=None))

    def soumettre(eleve, modifier=None, widgets=True):
        dossier = cours.soumettre(eleve, modifier=modifier)
        if widgets:
            reponses_widgets(dossier)
        return dossier

    soumettre("juste", code())
    soumettre("intact", widgets=False)
    soumettre("tests_modifies", falsifier_tests, widgets=False)
    soumettre("tests_supprimes", sans_cellules("q3-correction", "q4-correction"))
    soumettre("points_modifies", points_modifies)
    soumettre("metadonnees_cassees", metadonnees_cassees)
    soumettre("boucle_infinie", code(q3="while True:\n    pass"))
    soumettre("boucle_tetue", code(q3=BOUCLE_TETUE))
    soumettre("bombe_memoire", code(q3=BOMBE_MEMOIRE))
    soumettre("fourches", code(q3=FOURCHES))
    soumettre("sys_exit", code(q3=CODE_Q3 + "\nimport sys\nsys.exit(3)"), widgets=False)
    soumettre("quitte", code(q4=CODE_Q4 + "\nexit()"))
    soumettre("os_exit", code(q3="import os\nos._exit(1)"))
    soumettre("noyau_tue", code(q4="import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"))
    soumettre("sortie_100mo", code(q4=CODE_Q4 + '\nprint("x" * 100_000_000)'))

    faux = dict(q3="part_bio = 42", q4="mediane_bio = 0")
    dossier = soumettre("q_rebinde", cellule_inseree(TOUT_VA_BIEN, **faux), widgets=False)
    reponses_widgets(dossier, justes=False)
    dossier = soumettre("paquet_ombre", code(**faux), widgets=False)
    reponses_widgets(dossier, justes=False)
    for chemin, contenu in PAQUET_OMBRE.items():
        (dossier / chemin).parent.mkdir(parents=True, exist_ok=True)
        (dossier / chemin).write_text(contenu, encoding="utf-8")
    soumettre("import_local", code(q3=IMPORT_LOCAL))
    # the kernel's own check made to say yes: the right answers written into the answers file at
    # grading time, after the wrong ones were handed in (the grader reads the file as handed in)
    dossier = soumettre("verdict_force", cellule_inseree(ECRIRE_LES_BONNES_REPONSES), widgets=False)
    reponses_widgets(dossier, justes=False)

    ecoute = Ecoute()
    soumettre("reseau", code(q3=code_reseau(ecoute.port)))

    victime = cours.dossier_eleve("juste") / "cantine.ipynb"
    hors_salle = Path("/tmp") / f"evasion-{JETON}"
    lectures = [victime, cours.racine / "gradebook.db", cours.racine / "source" / "cantine" / "cantine.ipynb",
                RACINE / "exercises" / "source" / "cantine" / "cantine.ipynb", RACINE / ".git" / "config",
                Path.home() / ".bashrc"]
    ecritures = [victime, cours.racine / "gradebook.db", RACINE / "README.md", cours.racine / "nouveau.txt"]
    soumettre("espion", code(q3=code_espion(lectures, ecritures, hors_salle)))

    dossier = soumettre("json_invalide")
    (dossier / "cantine.ipynb").write_text("{ceci n'est pas un carnet", encoding="utf-8")
    dossier = soumettre("mauvais_nom", code())
    (dossier / "cantine.ipynb").rename(dossier / "cantine (1).ipynb")
    dossier = cours.soumettre("vide")
    for f in dossier.iterdir():
        f.unlink()
    dossier = soumettre("en_retard", code())
    (dossier / "timestamp.txt").write_text((echeance + timedelta(hours=5)).strftime("%Y-%m-%d %H:%M:%S.%f UTC"))

    surveilles = [victime, cours.racine / "gradebook.db", RACINE / "README.md"]
    avant = {p: empreinte(p) for p in surveilles if p != cours.racine / "gradebook.db"}
    messages: list[str] = []
    try:
        rapport = corriger("cantine", cours.racine, parallele=2, limites=LIMITES, afficher=messages.append)
    finally:
        ecoute.fermer()
    if os.environ.get("DEM_DUREES"):
        print("\n".join(f"{r.eleve}: {r.duree}" for r in rapport.resultats), rapport.duree)
    return {"cours": cours, "rapport": rapport, "messages": messages, "ecoute": ecoute, "avant": avant,
            "hors_salle": hors_salle, "victime": victime}


def notes(salle, eleve):
    return salle["cours"].scores_par_cellule(eleve)


def resultat(salle, eleve):
    return salle["rapport"].par_eleve()[eleve]


def sorties(salle, eleve, grade_id: str | None = None) -> str:
    """The outputs of a graded copy (of one cell if `grade_id` is given), as text."""
    chemin = salle["cours"].racine / "autograded" / eleve / "cantine" / "cantine.ipynb"
    nb = nbformat.read(chemin, as_version=4)
    morceaux = []
    for c in (nb.cells if grade_id is None else [cellule(nb, grade_id)]):
        for o in c.get("outputs", []):
            morceaux.append(o.get("text", "") + " ".join(o.get("traceback", [])) + str(o.get("data", "")))
    return "\n".join(morceaux)


TOUT_JUSTE = {"q1-correction": 1, "q2-correction": 1, "q3-correction": 2, "q4-correction": 1}


# -- every copy graded, the batch whole ---------------------------------------------------------------

def test_toute_la_salle_est_corrigee(salle):
    cours = salle["cours"]
    attendus = sorted(p.name for p in (cours.racine / "submitted").iterdir())
    assert sorted(salle["rapport"].par_eleve()) == attendus
    assert len(attendus) == 25
    with Gradebook(f"sqlite:///{cours.racine / 'gradebook.db'}") as gb:
        for eleve in attendus:
            sub = gb.find_submission("cantine", eleve)
            assert 0 <= sub.score <= 5, eleve
            for nb in sub.notebooks:
                for g in nb.grades:
                    assert g.auto_score is not None, (eleve, g.name)
                    assert not g.needs_manual_grade, (eleve, g.name)


def test_temoins(salle):
    assert notes(salle, "juste") == TOUT_JUSTE
    assert resultat(salle, "juste").statut == "corrigé"
    assert notes(salle, "intact") == dict.fromkeys(TOUT_JUSTE, 0)
    assert resultat(salle, "intact").statut == "corrigé"


def test_cellules_de_test_modifiees_sont_restaurees(salle):
    assert notes(salle, "tests_modifies") == dict.fromkeys(TOUT_JUSTE, 0)
    r = resultat(salle, "tests_modifies")
    assert r.statut == "à vérifier"
    assert any("modifiée" in i and "q1-correction" in i and "q3-correction" in i for i in r.incidents)
    assert "test neutralisé" not in sorties(salle, "tests_modifies")


def test_cellules_de_test_supprimees_valent_zero_sans_correction_manuelle(salle):
    # nbgrader alone leaves them "needs manual grading" forever (jupyter/nbgrader#1682)
    assert notes(salle, "tests_supprimes") == {**TOUT_JUSTE, "q3-correction": 0, "q4-correction": 0}
    r = resultat(salle, "tests_supprimes")
    assert any("absente" in i and "q3-correction" in i and "q4-correction" in i for i in r.incidents)


def test_points_modifies_dans_les_metadonnees(salle):
    assert notes(salle, "points_modifies") == TOUT_JUSTE
    assert resultat(salle, "points_modifies").note == 5


def test_metadonnees_nbgrader_cassees(salle):
    assert notes(salle, "metadonnees_cassees") == TOUT_JUSTE
    r = resultat(salle, "metadonnees_cassees")
    assert r.statut == "à vérifier"
    assert any("inconnus" in i for i in r.incidents)


# -- verdicts out of the learner's reach (issue 17) ---------------------------------------------------

def test_rebinder_q_ne_donne_pas_les_points_des_reponses_cliquees(salle):
    """The widget questions are judged by the grader from the answers file (wrong answers there)."""
    assert notes(salle, "q_rebinde") == dict.fromkeys(TOUT_JUSTE, 0)
    r = resultat(salle, "q_rebinde")
    assert r.statut == "à vérifier"
    assert any("Code inhabituel" in i and "q =" in i for i in r.incidents)


def test_un_noyau_qui_se_donne_les_points_est_contredit_et_signale(salle):
    """The kernel's verdict on a widget question is replaced by the grader's, and the gap flagged."""
    assert notes(salle, "verdict_force") == {**TOUT_JUSTE, "q1-correction": 0, "q2-correction": 0}
    r = resultat(salle, "verdict_force")
    assert any("Code inhabituel" in i and "q1-correction" in i and "q2-correction" in i for i in r.incidents)


def test_un_paquet_du_cours_livre_avec_la_copie_est_ignore_et_signale(salle):
    assert notes(salle, "paquet_ombre") == dict.fromkeys(TOUT_JUSTE, 0)
    r = resultat(salle, "paquet_ombre")
    assert r.statut == "à vérifier"
    assert any("Code inhabituel" in i and "donnees_en_main/__init__.py" in i and "sitecustomize.py" in i
               for i in r.incidents)
    assert "SITECUSTOMIZE" not in sorties(salle, "paquet_ombre")
    assert not (salle["cours"].racine / "autograded" / "paquet_ombre" / "cantine" / "sitecustomize.py").exists()


def test_le_noyau_n_importe_rien_du_dossier_de_la_copie(salle):
    assert "IMPORT LOCAL REFUSE" in sorties(salle, "import_local", "q3-reponse")
    assert notes(salle, "import_local") == TOUT_JUSTE


def test_les_temoins_ne_sont_pas_signales_par_le_correcteur(salle):
    for eleve in ("juste", "intact", "points_modifies", "mauvais_nom"):
        assert not any("Code inhabituel" in i for i in resultat(salle, eleve).incidents), eleve


# -- time, memory, processes ---------------------------------------------------------------------

def test_boucle_infinie_interrompue(salle):
    assert notes(salle, "boucle_infinie") == {**TOUT_JUSTE, "q3-correction": 0, "q4-correction": 0}
    assert any("12 s" in i for i in resultat(salle, "boucle_infinie").incidents)


def test_boucle_qui_refuse_l_interruption(salle):
    assert notes(salle, "boucle_tetue") == {**TOUT_JUSTE, "q3-correction": 0, "q4-correction": 0}
    assert any("ne répondait plus" in i for i in resultat(salle, "boucle_tetue").incidents)
    assert resultat(salle, "boucle_tetue").duree < LIMITES.delai_carnet + 30


def test_bombe_memoire_arretee_par_la_limite(salle):
    assert "MemoryError attrapée" in sorties(salle, "bombe_memoire")
    assert "ALLOCATION REUSSIE" not in sorties(salle, "bombe_memoire")
    assert notes(salle, "bombe_memoire") == TOUT_JUSTE


def test_bombe_de_processus_bornee_et_nettoyee(salle):
    texte = sorties(salle, "fourches")
    enfants = int(texte.split("FOURCHES")[1].split()[0])
    assert enfants < LIMITES.processus < 200
    assert notes(salle, "fourches") == TOUT_JUSTE
    assert processus_dormeurs() == [], "des processus lancés par une copie ont survécu à la correction"


def test_sys_exit_n_arrete_que_la_cellule(salle):
    assert notes(salle, "sys_exit") == {"q1-correction": 0, "q2-correction": 0, "q3-correction": 2, "q4-correction": 1}


def test_exit_ne_fait_que_demander_l_arret(salle):
    # in a kernel, exit() only asks the front end to stop it; nbclient ignores the request
    assert notes(salle, "quitte") == TOUT_JUSTE


def test_os_exit(salle):
    assert notes(salle, "os_exit") == {**TOUT_JUSTE, "q3-correction": 0, "q4-correction": 0}
    assert resultat(salle, "os_exit").statut == "à vérifier"


def test_noyau_tue(salle):
    assert notes(salle, "noyau_tue") == {**TOUT_JUSTE, "q4-correction": 0}


def test_sortie_de_100_mo(salle):
    chemin = salle["cours"].racine / "autograded" / "sortie_100mo" / "cantine" / "cantine.ipynb"
    assert chemin.stat().st_size < 3 * MO
    r = resultat(salle, "sortie_100mo")
    assert any("Sortie trop volumineuse" in i for i in r.incidents)
    # the cells run before the huge output are graded as usual
    assert {k: v for k, v in notes(salle, "sortie_100mo").items() if k != "q4-correction"} == \
        {k: v for k, v in TOUT_JUSTE.items() if k != "q4-correction"}


# -- nothing leaves the sandbox -----------------------------------------------------------------------

def test_aucune_connexion_ne_sort(salle):
    assert salle["ecoute"].recus == [], "une copie a joint un port du 127.0.0.1 de la machine"
    assert "CONNEXION ETABLIE" not in sorties(salle, "reseau")
    assert "connexion impossible" in sorties(salle, "reseau")
    assert notes(salle, "reseau") == TOUT_JUSTE  # the answer itself is right
    assert any("socket" in i for i in resultat(salle, "reseau").incidents)  # the attempt is flagged


def test_ni_lecture_ni_ecriture_hors_de_sa_copie(salle):
    texte = sorties(salle, "espion", "q3-reponse")
    assert "LU " not in texte and "ECRIT " not in texte
    assert texte.count("illisible") == 6 and texte.count("non écrit") == 4
    assert not (salle["cours"].racine / "nouveau.txt").exists()
    assert "juste" not in texte.split("voisins :")[1].split("\n")[0]
    assert texte.count("introuvable") == 3
    assert "gradebook.db" not in texte and "submitted" not in texte and "source" not in texte
    for chemin, avant in salle["avant"].items():
        assert empreinte(chemin) == avant, f"{chemin} a été modifié"
    assert not salle["hors_salle"].exists()
    assert JETON.encode() not in (salle["cours"].racine / "gradebook.db").read_bytes()
    # links made by the kernel are not kept in the graded copy
    assert not (salle["cours"].racine / "autograded" / "espion" / "cantine" / "lien-vers-ailleurs").exists()
    assert notes(salle, "espion") == TOUT_JUSTE


# -- files that are not what they should be -------------------------------------------------------------

def test_carnet_qui_n_est_pas_du_json(salle):
    assert notes(salle, "json_invalide") == dict.fromkeys(TOUT_JUSTE, 0)
    assert any("illisible" in i for i in resultat(salle, "json_invalide").incidents)


def test_mauvais_nom_de_fichier(salle):
    assert notes(salle, "mauvais_nom") == TOUT_JUSTE
    assert any("cantine (1).ipynb" in i for i in resultat(salle, "mauvais_nom").incidents)


def test_copie_vide(salle):
    assert notes(salle, "vide") == dict.fromkeys(TOUT_JUSTE, 0)
    assert any("vide" in i for i in resultat(salle, "vide").incidents)


def test_remise_en_retard(salle):
    cours = salle["cours"]
    with Gradebook(f"sqlite:///{cours.racine / 'gradebook.db'}") as gb:
        retard = gb.find_submission("cantine", "en_retard").total_seconds_late
        a_l_heure = gb.find_submission("cantine", "juste").total_seconds_late
    assert 5 * 3600 - 5 < retard < 5 * 3600 + 5
    assert a_l_heure == 0
    assert resultat(salle, "en_retard").en_retard and not resultat(salle, "juste").en_retard
    assert notes(salle, "en_retard") == TOUT_JUSTE  # the course's late policy: no penalty


# -- the gradebook afterwards ----------------------------------------------------------------------------

def test_carnet_de_notes_coherent_et_lisible_par_nbgrader(salle):
    cours = salle["cours"]
    with sqlite3.connect(cours.racine / "gradebook.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        (n,) = db.execute("SELECT COUNT(*) FROM submitted_assignment").fetchone()
    assert n == 25
    retours = cours.retours()  # nbgrader's own generate_feedback reads what we wrote
    html = retours["juste"][0].read_text(encoding="utf-8")
    assert "Note : 5 / 5" in html
    assert "sortie coupée" in retours["sortie_100mo"][0].read_text(encoding="utf-8")


def test_messages_en_francais(salle):
    texte = "\n".join(salle["messages"])
    assert "Correction de « cantine » : 25 copie(s)" in texte
    assert "réseau coupé pour le code des élèves : oui" in texte
    assert "Terminé en" in texte
    rapport = json.loads((salle["cours"].racine / "correction" / "cantine.json").read_text(encoding="utf-8"))
    assert set(rapport["eleves"]) == set(salle["rapport"].par_eleve())
