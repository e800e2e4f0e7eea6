"""Any name, honest copies (issue 17, points 3 and 5): one small room through the real command line.

- Learner folders and notebooks named in any encoding (a zip made on Windows gives Latin-1 bytes,
  which Python sees as lone surrogates), or with control characters that would rewrite the
  trainer's console line: every copy is graded and reported, names are escaped on the console, the
  report, the CSV of grades and each learner's export are written.
- Honest mistakes are repaired, not zeroed: a cell copy-pasted in JupyterLab (its nbgrader
  ``grade_id`` duplicated) and nbgrader metadata turned into text are restored from the released
  notebook, graded, and reported « réparée ».

The command runs with Python's UTF-8 mode off, as in a plain terminal: printing an undecodable
name would raise there.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import re
import zipfile

import nbformat
import pytest

from donnees_en_main.correction.lot import preparer_copie
from outils_nbgrader import CoursNbgrader, cellule, remplir
from test_correction import commande, lancer
from test_correction_hostile import CODE_Q3, CODE_Q4, DIAG, TOUT_JUSTE, code, reponses_widgets

pytestmark = pytest.mark.skipif(not DIAG.bwrap, reason="bubblewrap (bwrap) absent : isolement non testable ici")

LATIN1 = os.fsdecode(b"caf\xe9")  # a learner folder named in Latin-1, as Python lists it
CARNET_LATIN1 = os.fsdecode(b"cantine \xe9l\xe8ve.ipynb")
CONTROLE = "eve\x1b[2K\rmallory"  # would erase the console line and write over it


# -- honest copies, as JupyterLab leaves them -------------------------------------------------------

def _coller_apres(nb, grade_id: str, source: str | None = None):
    """JupyterLab's copy and paste of a cell: same metadata (nbgrader's too), a new cell id."""
    index, originale = next((i, c) for i, c in enumerate(nb.cells)
                            if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    collee = nbformat.v4.new_code_cell(originale.source if source is None else source,
                                       metadata=copy.deepcopy(originale.metadata))
    assert collee.id != originale.id
    nb.cells.insert(index + 1, collee)
    return nb


def reponse_dans_la_copie_collee(nb):
    # the answer cell pasted below itself, the answer typed in the pasted one, the original untouched
    remplir(nb, "q4-reponse", CODE_Q4)
    return _coller_apres(nb, "q3-reponse", CODE_Q3)


def coller_le_test(nb):
    code()(nb)
    return _coller_apres(nb, "q4-correction")


def reglages_en_texte(nb):
    code()(nb)
    reponse, test = cellule(nb, "q3-reponse"), cellule(nb, "q4-correction")
    reponse.metadata["nbgrader"] = "x"
    test.metadata["nbgrader"] = "réglages"
    return nb


@pytest.fixture(scope="module")
def salle(tmp_path_factory):
    cours = CoursNbgrader(tmp_path_factory.mktemp("noms"), "cantine")
    cours.generer()

    def soumettre(eleve, modifier=code()):
        dossier = cours.soumettre(eleve, modifier=modifier)
        reponses_widgets(dossier)
        return dossier

    soumettre("temoin")
    soumettre(LATIN1)
    dossier = soumettre("carnet_latin1")
    (dossier / "cantine.ipynb").rename(dossier / CARNET_LATIN1)
    soumettre(CONTROLE)
    soumettre("reponse_collee", reponse_dans_la_copie_collee)
    soumettre("test_colle", coller_le_test)
    soumettre("reglages_en_texte", reglages_en_texte)
    r = lancer("cantine", "--course-dir", str(cours.racine), "--parallele", "2",
               env={"PYTHONUTF8": "0", "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": None}, texte=False)
    rapport_json = cours.racine / "correction" / "cantine.json"
    rapport = json.loads(rapport_json.read_text(encoding="utf-8")) if rapport_json.exists() else {}
    return {"cours": cours, "sortie": r, "rapport": rapport.get("eleves", {})}


ATTENDUS = {"temoin": "temoin", LATIN1: "caf\\xe9", "carnet_latin1": "carnet_latin1",
            CONTROLE: "eve\\x1b[2K\\rmallory", "reponse_collee": "reponse_collee", "test_colle": "test_colle",
            "reglages_en_texte": "reglages_en_texte"}


# -- any name -------------------------------------------------------------------------------------------

def test_lisible_echappe_les_octets_et_les_caracteres_de_controle():
    from donnees_en_main.correction.lot import lisible

    assert lisible(LATIN1) == "caf\\xe9"
    assert lisible(CONTROLE) == "eve\\x1b[2K\\rmallory"
    assert lisible("élève (1)") == "élève (1)"
    assert lisible("a\nb") == "a\\nb" and lisible("a\nb", lignes=True) == "a\nb"
    assert lisible(lisible(LATIN1)) == lisible(LATIN1)


def test_le_lot_va_au_bout_malgre_les_noms(salle):
    r = salle["sortie"]
    assert r.returncode == 0, r.stderr.decode("utf-8", "backslashreplace")
    sortie = r.stdout.decode("utf-8")  # strictly UTF-8: nothing undecodable reached the terminal
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f]", sortie), "caractère de contrôle envoyé au terminal"
    assert "Terminé en" in sortie
    for identifiant in ATTENDUS.values():
        assert f"] {identifiant} : 5 / 5" in sortie, identifiant


def test_chaque_copie_est_notee_sous_un_identifiant_lisible(salle):
    cours = salle["cours"]
    assert set(salle["rapport"]) == set(ATTENDUS.values())
    for identifiant in ATTENDUS.values():
        assert cours.score(identifiant) == 5, identifiant
    assert not list((cours.racine / "correction").glob("*.tmp"))
    assert (cours.racine / "autograded" / "caf\\xe9" / "cantine" / "cantine.ipynb").is_file()


def test_carnet_au_nom_latin1_corrige_sous_le_bon_nom(salle):
    incidents = salle["rapport"]["carnet_latin1"]["incidents"]
    assert any("« cantine \\xe9l\\xe8ve.ipynb » au lieu de « cantine.ipynb »" in i for i in incidents), incidents


def test_notes_en_csv_avec_tous_les_noms(salle, tmp_path, capsys, monkeypatch):
    chemin = tmp_path / "notes.csv"
    code_sortie, out, err = commande(capsys, monkeypatch, "exporter-notes", "cantine", "--csv", str(chemin),
                                     "--course-dir", str(salle["cours"].racine))
    assert code_sortie == 0, err
    lignes = {ligne["élève"]: ligne for ligne in csv.DictReader(chemin.open(encoding="utf-8-sig"), delimiter=";")}
    assert set(lignes) == set(ATTENDUS.values())
    assert all(ligne["note"] == "5" for ligne in lignes.values())


@pytest.mark.parametrize("donne", [LATIN1, "caf\\xe9"], ids=["nom-du-dossier", "identifiant"])
def test_exporter_un_eleve_au_nom_latin1(salle, tmp_path, capsys, monkeypatch, donne):
    sortie = tmp_path / "export.zip"
    code_sortie, out, err = commande(capsys, monkeypatch, "eleve", "exporter", donne, "--sortie", str(sortie),
                                     "--course-dir", str(salle["cours"].racine))
    assert code_sortie == 0, err
    out.encode("utf-8")  # strictly UTF-8
    with zipfile.ZipFile(sortie) as z:
        noms = set(z.namelist())
        assert {"LISEZMOI.txt", "donnees.json", "notes.csv", "copies/cantine/cantine.ipynb",
                "corrections/cantine/cantine.ipynb"} <= noms, noms
        assert json.loads(z.read("donnees.json"))["remises"][0]["note"] == 5


def test_exporter_un_eleve_au_carnet_latin1(salle, tmp_path, capsys, monkeypatch):
    sortie = tmp_path / "export.zip"
    code_sortie, out, err = commande(capsys, monkeypatch, "eleve", "exporter", "carnet_latin1", "--sortie",
                                     str(sortie), "--course-dir", str(salle["cours"].racine))
    assert code_sortie == 0, err
    with zipfile.ZipFile(sortie) as z:
        noms = set(z.namelist())
    assert {"copies/cantine/cantine \\xe9l\\xe8ve.ipynb", "corrections/cantine/cantine.ipynb"} <= noms, noms


# -- honest copies restored, not zeroed ------------------------------------------------------------------

def test_reglages_en_texte_ne_bloquent_pas_la_preparation(tmp_path):
    source = tmp_path / "remis"
    source.mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": "x"})])
    nbformat.write(nb, source / "cantine.ipynb")
    assert preparer_copie(source, tmp_path / "copie", ["cantine"]) == []


@pytest.mark.parametrize("eleve, cellules", [
    ("reponse_collee", ["q3-reponse"]),
    ("test_colle", ["q4-correction"]),
    ("reglages_en_texte", ["q3-reponse", "q4-correction"]),
])
def test_copie_honnete_reparee_et_notee(salle, eleve, cellules):
    assert salle["cours"].scores_par_cellule(eleve) == TOUT_JUSTE
    ligne = salle["rapport"][eleve]
    assert ligne["statut"] == "réparée", ligne
    texte = " ".join(ligne["incidents"])
    for grade_id in cellules:
        assert grade_id in texte, texte
    assert f"] {eleve} : 5 / 5 — réparée" in salle["sortie"].stdout.decode("utf-8", "backslashreplace")


def test_le_temoin_n_est_pas_repare(salle):
    assert salle["rapport"]["temoin"]["statut"] == "corrigé"
    assert salle["rapport"]["temoin"]["incidents"] == []


# -- the trainer names a learner as the shell shows the folder, or by the id ---------------------------

def test_identifiants_uniques_meme_si_un_dossier_porte_deja_le_nom_echappe():
    from donnees_en_main.correction.lot import identifiants_des_dossiers

    assert identifiants_des_dossiers([LATIN1, "caf\\xe9", "alice"]) == {
        "alice": "alice", "caf\\xe9": "caf\\xe9", "caf\\xe9~2": LATIN1}


def test_corriger_un_seul_eleve_nomme_comme_son_dossier(salle, capsys, monkeypatch):
    code_sortie, out, err = commande(capsys, monkeypatch, "cantine", "--eleve", LATIN1, "--course-dir",
                                     str(salle["cours"].racine), "--parallele", "1")
    assert code_sortie == 0, err
    assert "[1/1] caf\\xe9 : 5 / 5" in out


def test_effacer_un_eleve_au_nom_latin1(salle, capsys, monkeypatch):
    cours = salle["cours"]
    code_sortie, out, err = commande(capsys, monkeypatch, "eleve", "effacer", LATIN1, "--course-dir",
                                     str(cours.racine), saisie="caf\\xe9\n")
    assert code_sortie == 0, err
    assert "tapez l'identifiant « caf\\xe9 »" in out
    assert not (cours.racine / "submitted" / LATIN1).exists()
    assert not (cours.racine / "autograded" / "caf\\xe9").exists()
    rapport = json.loads((cours.racine / "correction" / "cantine.json").read_text(encoding="utf-8"))
    assert "caf\\xe9" not in rapport["eleves"] and "temoin" in rapport["eleves"]
    with pytest.raises(Exception, match="caf"):
        cours.score("caf\\xe9")
