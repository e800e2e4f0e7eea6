"""The grading command and learners' data: sandbox pieces, submission checks, CLI, grades export, RGPD.

The hostile submissions are in test_correction_hostile.py; here a small room goes through the real
command line (``python -m donnees_en_main.correction``), then its grades are exported and one
learner's data exported and erased, checked in the gradebook's own bytes.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook, MissingEntry

from donnees_en_main.correction import bac_a_sable, diagnostic
from donnees_en_main.correction.__main__ import main
from donnees_en_main.correction.bac_a_sable import BacASable, Diagnostic, Limites, environnement_noyau
from donnees_en_main.correction.lot import ErreurCorrection, preparer_copie
from donnees_en_main.correction.rgpd import EN_TETES_NOTES, _cellule_sure, verifier_identifiant
from donnees_en_main.exercices.stockage import encoder, enregistrer_reponse
from donnees_en_main.chapitres.cantine import questions as q
from outils_nbgrader import RACINE, CoursNbgrader, remplir

EFFACE = "bob-efface-4721"  # distinctive, to look for it in the gradebook's raw bytes


# -- the sandbox, piece by piece ------------------------------------------------------------------

def test_sans_bwrap_ni_unshare_les_avertissements_disent_ce_qui_n_est_pas_isole(monkeypatch):
    monkeypatch.setattr(bac_a_sable.shutil, "which", lambda nom: None)
    d = bac_a_sable.diagnostic.__wrapped__()
    assert not d.reseau_coupe and not d.fichiers_caches
    texte = " ".join(d.manques)
    assert "PAS enfermé" in texte and "LIRE les copies des autres élèves" in texte
    assert "RÉSEAU" in texte and "apt install bubblewrap" in texte
    assert "réseau coupé pour le code des élèves : NON" in d.resume()
    with pytest.warns(bac_a_sable.AvertissementIsolement, match="Isolement incomplet"):
        bac_a_sable.avertir_si_incomplet(d)


def test_sans_bwrap_le_reseau_est_coupe_par_unshare():
    d = Diagnostic(unshare="/usr/bin/unshare", setpriv="/usr/bin/setpriv", root=True)
    bac = BacASable(diag=d, numero=3, lot=10)
    commande = bac.envelopper(["/usr/bin/python3", "-c", "pass"], Path("/tmp/x"), Path("/tmp/y"))
    assert commande[:2] == ["/usr/bin/unshare", "--net"] and "bwrap" not in " ".join(commande)
    assert "env" in commande and "-i" in commande
    assert f"--reuid={bac_a_sable.UID_BASE + 10 * bac_a_sable.TRAVAILLEURS_MAX + 3}" in commande


def test_l_environnement_du_noyau_ne_contient_pas_les_secrets_du_formateur(monkeypatch):
    monkeypatch.setenv("MOT_DE_PASSE_ENT", "s3cret")
    monkeypatch.setenv("LC_TIME", "fr_FR.UTF-8")
    env = environnement_noyau(Path("/tmp/exec"))
    assert "MOT_DE_PASSE_ENT" not in env and "s3cret" not in env.values()
    assert env["LC_TIME"] == "fr_FR.UTF-8" and env["HOME"] == "/tmp"


def test_le_bac_a_sable_cache_le_cours_et_coupe_le_reseau(tmp_path):
    if not diagnostic().bwrap:
        if os.environ.get("DONNEES_EN_MAIN_BWRAP_OBLIGATOIRE"):
            pytest.fail("bubblewrap (bwrap) est obligatoire ici (CI) : sudo apt install bubblewrap")
        pytest.skip("bubblewrap absent")
    cours = tmp_path / "cours"
    (cours / "submitted" / "autre").mkdir(parents=True)
    (cours / "submitted" / "autre" / "copie.txt").write_text("secret")
    copie = tmp_path / "travail" / "copie"
    copie.mkdir(parents=True)
    execution = tmp_path / "travail" / "noyau"
    execution.mkdir()
    bac = BacASable(limites=Limites(memoire=512 * 1024 * 1024), masques=[cours], racine=tmp_path / "travail")
    bac.preparer(copie, execution)
    code = ("import os, socket, resource\n"
            f"print(os.path.exists({str(cours / 'submitted' / 'autre' / 'copie.txt')!r}))\n"
            "print(os.getuid() != 0, resource.getrlimit(resource.RLIMIT_AS)[0])\n"
            "open('ecrit.txt', 'w').write('ok')\n"
            "try:\n    socket.create_connection(('1.1.1.1', 80), timeout=1)\nexcept OSError:\n    print('hors ligne')\n")
    r = subprocess.run(bac.envelopper([sys.executable, "-c", code], copie, execution), capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    lignes = r.stdout.split("\n")
    assert lignes[0] == "False"
    assert lignes[1] == f"{os.geteuid() == 0} {512 * 1024 * 1024}"
    assert lignes[2] == "hors ligne"
    assert (copie / "ecrit.txt").read_text() == "ok"


# -- checking a submission before nbgrader ----------------------------------------------------------

def _carnet(chemin: Path, source: str = "x = 1") -> None:
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)]), chemin)


def test_preparer_copie(tmp_path):
    source = tmp_path / "remis"
    source.mkdir()
    _carnet(source / "Cantine (copie).ipynb", "import ctypes\nx = 1")
    (tmp_path / "autre-eleve.txt").write_text("la copie de quelqu'un d'autre")
    os.symlink(tmp_path / "autre-eleve.txt", source / "lien.txt")
    (source / "timestamp.txt").write_text("pas une date")
    cible = tmp_path / "copie"
    incidents = preparer_copie(source, cible, ["cantine"])
    assert (cible / "cantine.ipynb").is_file() and not (cible / "lien.txt").exists()
    assert not (cible / "timestamp.txt").exists()
    texte = " ".join(incidents)
    assert "Lien « lien.txt » ignoré" in texte
    assert "« Cantine (copie).ipynb » au lieu de « cantine.ipynb »" in texte
    assert "ctypes" in texte and "timestamp.txt illisible" in texte


def test_preparer_copie_retire_et_signale_le_code_livre_avec_la_copie(tmp_path):
    source = tmp_path / "remis"
    (source / "donnees_en_main" / "chapitres").mkdir(parents=True)
    _carnet(source / "cantine.ipynb")
    (source / "reponses-cantine.json").write_text("{}")
    for nom in ("donnees_en_main/__init__.py", "donnees_en_main/chapitres/__init__.py", "sitecustomize.py",
                "chemin.pth", "ipython_kernel_config.py"):
        (source / nom).write_text("print('code de l élève')")
    (source / ".ipython" / "profile_default" / "startup").mkdir(parents=True)
    (source / ".ipython" / "profile_default" / "startup" / "00.py").write_text("q = None")
    cible = tmp_path / "copie"
    incidents = preparer_copie(source, cible, ["cantine"])
    restants = sorted(p.relative_to(cible).as_posix() for p in cible.rglob("*") if p.is_file())
    assert restants == ["cantine.ipynb", "reponses-cantine.json"]
    signale = [i for i in incidents if i.startswith("Code inhabituel")]
    assert len(signale) == 1
    for nom in ("donnees_en_main/__init__.py", "sitecustomize.py", "chemin.pth", "ipython_kernel_config.py", ".ipython/"):
        assert nom in signale[0], nom
    # an ordinary copy is not flagged
    propre = tmp_path / "propre"
    propre.mkdir()
    _carnet(propre / "cantine.ipynb")
    assert not any("Code inhabituel" in i for i in preparer_copie(propre, tmp_path / "cp", ["cantine"]))


def test_le_noyau_n_a_pas_le_dossier_de_la_copie_dans_son_chemin_d_import():
    assert environnement_noyau(Path("/tmp/exec"))["PYTHONSAFEPATH"] == "1"


def _source_avec_metadonnees(dossier: Path) -> Path:
    """The course's cantine source notebook, as the grader's worker has it."""
    dossier.mkdir(parents=True)
    nb = nbformat.read(RACINE / "exercises" / "source" / "cantine" / "cantine.ipynb", as_version=4)
    nbformat.write(nb, dossier / "cantine.ipynb")
    return dossier


def test_les_reponses_cliquees_sont_jugees_par_le_correcteur(tmp_path):
    from donnees_en_main.correction import verdicts

    cellules = verdicts.cellules_du_fichier(_source_avec_metadonnees(tmp_path / "source"))
    assert [(c.grade_id, c.question_id) for c in cellules] == [
        ("q1-correction", q.separateur.id), ("q2-correction", q.indicateur.id)]
    copie = tmp_path / "copie"
    copie.mkdir()
    with contextlib.chdir(copie):
        enregistrer_reponse("cantine", q.separateur.id, encoder(q.separateur.reponse))
        enregistrer_reponse("cantine", q.indicateur.id, encoder("La moyenne des parts de bio"))
    resultats, incidents = verdicts.juger(cellules, copie)
    assert [(v.cellule.grade_id, v.juste) for v in resultats] == [("q1-correction", True), ("q2-correction", False)]
    assert incidents == []
    (copie / "reponses-cantine.json").write_text("{cassé", encoding="utf-8")
    resultats, incidents = verdicts.juger(cellules, copie)
    assert not any(v.juste for v in resultats)
    assert any("reponses-cantine.json" in i and "illisible" in i for i in incidents)


def test_une_question_inconnue_du_cours_garde_le_verdict_du_noyau(tmp_path):
    from donnees_en_main.correction import verdicts

    cellule = verdicts.CelluleFichier("cantine", "q1-correction", "inconnu.question")
    resultats, incidents = verdicts.juger([cellule], tmp_path)
    assert resultats == [] and "inconnue du paquet du cours" in incidents[0]


def test_preparer_copie_carnet_illisible_et_copie_vide(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "cantine.ipynb").write_text("{pas du JSON")
    incidents = preparer_copie(tmp_path / "a", tmp_path / "ca", ["cantine"])
    assert not (tmp_path / "ca" / "cantine.ipynb").exists()
    assert any("illisible" in i and "0 point" in i for i in incidents)
    (tmp_path / "b").mkdir()
    incidents = preparer_copie(tmp_path / "b", tmp_path / "cb", ["cantine"])
    assert any("Copie vide" in i for i in incidents) and any("absent" in i for i in incidents)


def test_configuration_du_cours_cassee(tmp_path):
    from donnees_en_main.correction.lot import Cours

    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\nc.Execute.timeout = (\n")
    with pytest.raises(ErreurCorrection, match="contient une erreur.*corrigez-le"):
        Cours.ouvrir(tmp_path)


def test_identifiants_et_cellules_csv_surs():
    for mauvais in ["", ".", "..", "../alice", "a/b", ".cache"]:
        with pytest.raises(ErreurCorrection, match="invalide"):
            verifier_identifiant(mauvais)
    assert verifier_identifiant("alice.martin") == "alice.martin"
    assert _cellule_sure("=HYPERLINK(\"http://x\")").startswith("'=")
    assert _cellule_sure("-2") == "'-2" and _cellule_sure("alice") == "alice"


# -- a small room through the command line ---------------------------------------------------------

def lancer(*args, env: dict | None = None, texte: bool = True) -> subprocess.CompletedProcess:
    """The real command, in a child process, as a trainer types it.

    `env` changes the environment (a None value removes the variable); with `texte` False, the
    output is kept as bytes, exactly as the trainer's terminal would receive it.
    """
    environnement = dict(os.environ, PYTHONUTF8="1",
                         PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    for cle, valeur in (env or {}).items():
        if valeur is None:
            environnement.pop(cle, None)
        else:
            environnement[cle] = valeur
    return subprocess.run([sys.executable, "-m", "donnees_en_main.correction", *args], capture_output=True,
                          text=texte, timeout=900, env=environnement, cwd=RACINE)


def commande(capsys, monkeypatch, *args, saisie: str | None = None) -> tuple[int, str, str]:
    """The same command line, in this process (quicker: no second import of nbgrader)."""
    if saisie is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(saisie))
    code = main(list(args))
    sorties = capsys.readouterr()
    return code, sorties.out, sorties.err


@pytest.fixture(scope="module")
def salle(tmp_path_factory):
    cours = CoursNbgrader(tmp_path_factory.mktemp("cli"), "cantine")
    cours.generer()

    def juste(nb):
        remplir(nb, "q3-reponse", 'part_bio = achats["achats_bio_ht"] / achats["achats_totaux_ht"] * 100')
        remplir(nb, "q4-reponse", "mediane_bio = part_bio.median()")
        return nb

    def lent(nb):
        # each cell within the 15 s per cell, the notebook beyond its 30 s
        remplir(nb, "q3-reponse", "import time\ntime.sleep(12)")
        remplir(nb, "q4-reponse", "time.sleep(12)")
        nb.cells.insert(2, nbformat.v4.new_code_cell("import time\ntime.sleep(12)"))
        return nb

    dossier = cours.soumettre("alice", modifier=juste)
    with contextlib.chdir(dossier):
        for question in (q.separateur, q.indicateur):
            enregistrer_reponse("cantine", question.id, encoder(question.reponse))
    cours.soumettre(EFFACE)
    cours.soumettre("lent", modifier=lent)
    r = lancer("cantine", "--course-dir", str(cours.racine), "--parallele", "2",
               "--delai-cellule", "15", "--delai-carnet", "30")
    return {"cours": cours, "sortie": r}


def _gb(cours) -> Gradebook:
    return Gradebook(f"sqlite:///{cours.racine / 'gradebook.db'}")


def test_la_commande_corrige_en_francais(salle):
    r = salle["sortie"]
    assert r.returncode == 0, r.stderr
    assert "Correction de « cantine » : 3 copie(s), 2 à la fois." in r.stdout
    assert "alice : 5 / 5" in r.stdout and f"{EFFACE} : 0 / 5" in r.stdout
    assert "Terminé en" in r.stdout
    assert salle["cours"].score("alice") == 5 and salle["cours"].score(EFFACE) == 0


def test_temps_maximal_par_carnet(salle):
    assert "temps maximal du carnet (30 s)" in salle["sortie"].stdout
    assert salle["cours"].score("lent") == 0


def test_erreurs_en_francais(salle, capsys, monkeypatch):
    racine = str(salle["cours"].racine)
    code, out, err = commande(capsys, monkeypatch, "inconnu", "--course-dir", racine)
    assert code == 1 and "n'est pas dans le carnet de notes" in err and "cantine" in err
    code, out, err = commande(capsys, monkeypatch, "cantine", "--course-dir", str(salle["cours"].racine / "source"))
    assert code == 1 and "pas de nbgrader_config.py" in err
    code, out, err = commande(capsys, monkeypatch, "cantine", "--eleve", "personne", "--course-dir", racine)
    assert code == 1 and "Pas de copie de personne" in err
    with pytest.raises(SystemExit) as sortie:
        commande(capsys, monkeypatch, "cantine", "--parallele", "deux", "--course-dir", racine)
    assert sortie.value.code == 2 and "attend un nombre entier" in capsys.readouterr().err
    code, out, err = commande(capsys, monkeypatch, "--help")
    assert "Corriger un devoir" in out and "exporter-notes" in out
    code, out, err = commande(capsys, monkeypatch, "diagnostic")
    assert code == 0 and "réseau coupé pour le code des élèves" in out


def test_exporter_les_notes(salle, tmp_path, capsys, monkeypatch):
    chemin = tmp_path / "notes.csv"
    code, out, err = commande(capsys, monkeypatch, "exporter-notes", "cantine", "--csv", str(chemin),
                              "--course-dir", str(salle["cours"].racine))
    assert code == 0, err
    assert "3 ligne(s) écrite(s)" in out and "données personnelles" in out
    assert chemin.read_bytes().startswith(b"\xef\xbb\xbf"), "BOM UTF-8 attendu (Excel)"
    lignes = list(csv.DictReader(chemin.open(encoding="utf-8-sig"), delimiter=";"))
    assert list(lignes[0].keys()) == EN_TETES_NOTES
    par_eleve = {ligne["élève"]: ligne for ligne in lignes}
    assert par_eleve["alice"]["note"] == "5" and par_eleve["alice"]["note maximale"] == "5"
    assert par_eleve["alice"]["en retard"] == "non" and par_eleve["alice"]["à vérifier"] == "non"
    assert par_eleve["alice"]["remis le"][:4].isdigit()
    assert par_eleve["lent"]["à vérifier"] == "oui" and "temps maximal" in par_eleve["lent"]["remarques"]


def test_exporter_un_eleve(salle, tmp_path, capsys, monkeypatch):
    sortie = tmp_path / "alice.zip"
    code, out, err = commande(capsys, monkeypatch, "eleve", "exporter", "alice", "--sortie", str(sortie),
                              "--course-dir", str(salle["cours"].racine))
    assert code == 0, err
    with zipfile.ZipFile(sortie) as z:
        noms = set(z.namelist())
        assert {"LISEZMOI.txt", "donnees.json", "notes.csv", "copies/cantine/cantine.ipynb",
                "corrections/cantine/cantine.ipynb", "copies/cantine/reponses-cantine.json"} <= noms
        assert not any(EFFACE in n or "lent" in n for n in noms)
        donnees = json.loads(z.read("donnees.json"))
        assert donnees["fiche"]["identifiant"] == "alice"
        assert donnees["remises"][0]["note"] == 5
        assert "q3-correction;2;2" in z.read("notes.csv").decode("utf-8-sig")
    code, out, err = commande(capsys, monkeypatch, "eleve", "exporter", "personne",
                              "--course-dir", str(salle["cours"].racine))
    assert code == 1 and "Aucune donnée" in err


def test_effacer_un_eleve(salle, capsys, monkeypatch):
    cours = salle["cours"]
    racine = str(cours.racine)
    assert EFFACE.encode() in (cours.racine / "gradebook.db").read_bytes()

    code, out, err = commande(capsys, monkeypatch, "eleve", "effacer", EFFACE, "--course-dir", racine, saisie="non\n")
    assert code == 1 and "rien n'a été effacé" in err
    assert "Pour confirmer, tapez l'identifiant" in out and str(cours.dossier_eleve(EFFACE).parent) in out
    assert cours.dossier_eleve(EFFACE).exists()

    code, out, err = commande(capsys, monkeypatch, "eleve", "effacer", "../alice", "--course-dir", racine,
                              saisie="../alice\n")
    assert code == 1 and "invalide" in err

    code, out, err = commande(capsys, monkeypatch, "eleve", "effacer", EFFACE, "--course-dir", racine,
                              saisie=EFFACE + "\n")
    assert code == 0, err
    assert "ont été effacées" in out
    assert not (cours.racine / "submitted" / EFFACE).exists()
    assert not (cours.racine / "autograded" / EFFACE).exists()
    with _gb(cours) as gb:
        with pytest.raises(MissingEntry):
            gb.find_student(EFFACE)
        assert gb.find_submission("cantine", "alice").score == 5
    assert EFFACE.encode() not in (cours.racine / "gradebook.db").read_bytes(), "reste dans le fichier sqlite"
    with sqlite3.connect(cours.racine / "gradebook.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    rapport = json.loads((cours.racine / "correction" / "cantine.json").read_text(encoding="utf-8"))
    assert EFFACE not in rapport["eleves"] and "alice" in rapport["eleves"]
