"""Assignments declared once, in the question bank (``DEVOIR = Devoir(…)``), and their nbgrader source
notebooks generated from that declaration (``python -m donnees_en_main devoirs``).

For every chapter with an assignment (from the manifest): the committed notebook is what the generator
writes; each graded cell's points are the question's; the maximum score is their sum; every declared
question has its graded cell and no graded cell is undeclared. A stale copy is detected and repaired
without touching the hand-written cells.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest

from donnees_en_main import reglages
from donnees_en_main.__main__ import main as porte_d_entree
from donnees_en_main.chapitres import avec_devoir, chapitre
from donnees_en_main.exercices import ChoixUnique, Nombre, CalculPandas
from donnees_en_main.exercices.devoirs import CLE, Devoir, ErreurDevoir, devoir_du_chapitre, est_a_jour, generer, texte_genere

RACINE = Path(__file__).resolve().parent.parent
DEVOIRS = avec_devoir()
IDS = [c.nom for c in DEVOIRS]
COMMANDE = "python -m donnees_en_main devoirs"


def cellules_notees(nb) -> dict:
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")}


def lire(ch, racine=RACINE):
    return nbformat.read(Path(racine) / ch.carnet_devoir, as_version=4)


def test_chaque_chapitre_avec_devoir_le_declare():
    assert DEVOIRS, "le manifeste ne déclare aucun devoir"
    for ch in DEVOIRS:
        assert devoir_du_chapitre(ch).carnet == ch.nom


@pytest.mark.parametrize("ch", DEVOIRS, ids=IDS)
def test_le_carnet_source_est_celui_que_produit_le_generateur(ch):
    actuel = (RACINE / ch.carnet_devoir).read_text(encoding="utf-8")
    assert actuel == texte_genere(ch), (
        f"{ch.carnet_devoir} n'est pas à jour avec la déclaration DEVOIR de {ch.banque} : lancez « {COMMANDE} »"
    )


@pytest.mark.parametrize("ch", DEVOIRS, ids=IDS)
def test_questions_declarees_et_cellules_notees_se_correspondent(ch):
    devoir = devoir_du_chapitre(ch)
    notees = cellules_notees(lire(ch))
    declarees = {n.grade_id: n for n in devoir.questions}
    assert set(notees) == set(declarees), (
        f"sans cellule : {sorted(set(declarees) - set(notees))} ; non déclarées : {sorted(set(notees) - set(declarees))}"
    )
    for grade_id, notee in declarees.items():
        cellule = notees[grade_id]
        assert cellule.metadata["nbgrader"]["points"] == notee.question.points, grade_id
        assert cellule.metadata[CLE] == {
            "question": notee.question.id, "type": type(notee.question).__name__, "variable": notee.variable}
        assert cellule.metadata["nbgrader"]["locked"] and not cellule.metadata["nbgrader"]["solution"]
        assert "### BEGIN HIDDEN TESTS" in cellule.source
    # the gradebook's maximum is the sum of the bank's points
    total = sum(c.metadata["nbgrader"]["points"] for c in notees.values())
    assert total == devoir.points_max == sum(n.question.points for n in devoir.questions)


@pytest.mark.parametrize("ch", DEVOIRS, ids=IDS)
def test_la_consigne_annonce_le_bareme_de_la_banque(ch):
    nb = lire(ch)
    points = devoir_du_chapitre(ch).points_max
    consignes = next(c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "consignes")
    annonce = re.search(r"\*\*(\d+) points\*\*", consignes)
    assert annonce, "la consigne doit annoncer le barème (« **5 points** »)"
    assert int(annonce.group(1)) == points


@pytest.mark.parametrize("ch", DEVOIRS, ids=IDS)
def test_chaque_question_est_posee_la_ou_elle_est_notee(ch):
    """A widget question shows its widget in q<n>-…; a code question's variable is set in q<n>-reponse."""
    nb = lire(ch)
    banque = __import__(ch.banque, fromlist=["_"])
    nom = {v.id: k for k, v in vars(banque).items() if hasattr(v, "id") and not k.startswith("_")}
    for notee in devoir_du_chapitre(ch).questions:
        cellules = [c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith(f"q{notee.numero}-")]
        if notee.depuis_le_fichier:
            assert any(f"q.{nom[notee.question.id]}.afficher()" in s for s in cellules), notee.question.id
        else:
            racine = notee.variable.split(".")[0]
            reponse = next(c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == f"q{notee.numero}-reponse")
            assert "### BEGIN SOLUTION" in reponse, f"q{notee.numero}-reponse : la cellule de réponse de l'apprenant"
            assert re.search(rf"^\s*{racine}\s*=", reponse, flags=re.M), f"{notee.question.id} : « {racine} = » attendu"


# -- a stale notebook is detected and repaired --------------------------------------------------------------

@pytest.fixture
def copie(tmp_path, monkeypatch):
    """A copy of the course root holding only the cantine assignment; the front door works on it."""
    ch = chapitre("cantine")
    cible = tmp_path / ch.carnet_devoir
    cible.parent.mkdir(parents=True)
    shutil.copy(RACINE / ch.carnet_devoir, cible)
    monkeypatch.setattr(reglages, "RACINE", tmp_path)
    return ch, tmp_path, cible


def _modifier(cible, fonction):
    nb = nbformat.read(cible, as_version=4)
    fonction(nb)
    nbformat.write(nb, cible)


def test_des_points_changes_a_la_main_sont_detectes_puis_repares(copie, capsys):
    ch, racine, cible = copie
    assert est_a_jour(ch, racine)
    _modifier(cible, lambda nb: cellules_notees(nb)["q3-correction"].metadata["nbgrader"].update(points=5))
    assert not est_a_jour(ch, racine)
    assert porte_d_entree(["devoirs", "--verifier", "cantine"]) == 1
    sortie = capsys.readouterr().out
    assert "pas à jour" in sortie and COMMANDE in sortie
    assert porte_d_entree(["devoirs", "cantine"]) == 0
    assert cellules_notees(lire(ch, racine))["q3-correction"].metadata["nbgrader"]["points"] == 2
    assert cible.read_text(encoding="utf-8") == (RACINE / ch.carnet_devoir).read_text(encoding="utf-8")
    # a second run changes nothing
    assert porte_d_entree(["devoirs", "--verifier", "cantine"]) == 0


def test_un_test_cache_retouche_est_detecte(copie):
    ch, racine, cible = copie

    def affaiblir(nb):
        cellules_notees(nb)["q1-correction"].source = "### BEGIN HIDDEN TESTS\nassert True\n### END HIDDEN TESTS"

    _modifier(cible, affaiblir)
    assert not est_a_jour(ch, racine)


def test_le_generateur_ne_touche_pas_les_cellules_ecrites_a_la_main(copie):
    ch, racine, cible = copie
    enonce = "# Question 3 réécrite à la main"

    def retoucher(nb):
        next(c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] == "q3-titre").source = enonce
        cellules_notees(nb)["q3-correction"].metadata["nbgrader"]["points"] = 7

    _modifier(cible, retoucher)
    assert porte_d_entree(["devoirs", "cantine"]) == 0
    nb = lire(ch, racine)
    assert next(c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] == "q3-titre").source == enonce
    assert cellules_notees(nb)["q3-correction"].metadata["nbgrader"]["points"] == 2


def test_une_cellule_notee_supprimee_est_recreee_apres_sa_question(copie):
    ch, racine, cible = copie
    _modifier(cible, lambda nb: nb.cells.remove(cellules_notees(nb)["q4-correction"]))
    nb = generer(ch, lire(ch, racine))
    ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells]
    assert ids.index("q4-correction") == ids.index("q4-reponse") + 1


def test_une_cellule_notee_non_declaree_est_retiree(copie):
    ch, racine, cible = copie

    def ajouter(nb):
        cellule = nbformat.v4.new_code_cell("assert True", id="q9-correction")
        cellule.metadata["nbgrader"] = {"grade": True, "grade_id": "q9-correction", "points": 3, "locked": True,
                                        "solution": False, "task": False, "schema_version": 3}
        nb.cells.append(cellule)

    _modifier(cible, ajouter)
    assert "q9-correction" not in cellules_notees(generer(ch, lire(ch, racine)))


def test_chapitre_inconnu(capsys):
    assert porte_d_entree(["devoirs", "--verifier", "tartempion"]) == 2
    assert "pas de devoir pour « tartempion »" in capsys.readouterr().out


# -- declarations --------------------------------------------------------------------------------------------

def _questions():
    choix = ChoixUnique(id="essai.choix", carnet="essai", enonce="?", choix=["a", "b"], reponse="a")
    nombre = Nombre(id="essai.nombre", carnet="essai", enonce="?", reponse=3, points=2)
    calcul = CalculPandas(id="essai.calcul", carnet="essai", enonce="?", reponse=1, nom_variable="total")
    return choix, nombre, calcul


def test_une_declaration_derive_grade_ids_variables_et_points():
    choix, nombre, calcul = _questions()
    devoir = Devoir(carnet="essai", questions=[choix, (nombre, "resultat.valeur"), calcul])
    assert [(n.grade_id, n.variable, n.points) for n in devoir.questions] == [
        ("q1-correction", None, 1), ("q2-correction", "resultat.valeur", 2), ("q3-correction", "total", 1)]
    assert devoir.points_max == 4


@pytest.mark.parametrize("questions, message", [
    (lambda c, n, k: [c, c], "déclarée deux fois"),
    (lambda c, n, k: [(n, "2x")], "n'est pas un nom de variable"),
    (lambda c, n, k: [(k, "autre")], "ne la redonnez pas"),
    (lambda c, n, k: [], "au moins une question"),
    (lambda c, n, k: ["cantine.separateur"], "on attend une question"),
])
def test_une_declaration_fausse_est_refusee_en_francais(questions, message):
    with pytest.raises(ErreurDevoir, match=message):
        Devoir(carnet="essai", questions=questions(*_questions()))


def test_une_question_d_un_autre_carnet_est_refusee():
    choix, _, _ = _questions()
    with pytest.raises(ErreurDevoir, match="appartient au carnet « essai »"):
        Devoir(carnet="cantine", questions=[choix])


# -- importing a bank reads nothing from disk ---------------------------------------------------------------

# Every bank behind a graded assignment computes its figures on first use.
SANS_LECTURE = [c.nom for c in avec_devoir()]


def test_toutes_les_banques_des_devoirs_sont_verifiees():
    assert {"cantine", "elections", "energie", "moyenne-mediane", "repondre-citoyen"} <= set(SANS_LECTURE)


@pytest.mark.parametrize("nom", SANS_LECTURE)
def test_importer_une_banque_ne_lit_aucune_donnee(nom):
    """In a fresh interpreter, an audit hook records every file opened under datasets/ during the import."""
    import subprocess
    import sys

    code = f"""
import sys
from pathlib import Path
donnees = str((Path({str(RACINE)!r}) / "datasets").resolve())
lus = []
def crochet(evenement, args):
    if evenement == "open" and isinstance(args[0], str) and str(Path(args[0]).resolve()).startswith(donnees):
        lus.append(args[0])
sys.addaudithook(crochet)
import donnees_en_main.chapitres.{nom.replace("-", "_")}.questions as q
avant = list(lus)
[(n.question.enonce, n.question.texte_solution, getattr(n.question, "reponse" if hasattr(n.question, "reponse") else "reponses")) for n in q.DEVOIR.questions]  # first use
print(len(avant), len(lus))
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=RACINE, timeout=120)
    assert r.returncode == 0, r.stderr
    avant, apres = map(int, r.stdout.split())
    assert avant == 0, f"importer la banque {nom} a lu {avant} fichier(s) de données"
    if apres == 0:  # a bank without data: nothing to measure on first use
        assert not list((RACINE / "datasets" / nom).glob("*")), f"la banque {nom} n'a lu aucune de ses données"
