"""The canteen assignment, graded for real: generate -> learners answer -> autograde -> feedback.

One nbgrader course, several simulated learners, one autograde run; every score is checked exactly.
The expected answers come from the question bank (computed from the shipped data), not typed here.
"""

from __future__ import annotations

import json

import pytest

from donnees_en_main.chapitres.cantine import questions as q
from donnees_en_main.typographie import typographie
from outils_nbgrader import CoursNbgrader, cellules_a_completer_sans_fuite, code_repondre_par_widgets, remplir

BONNES_REPONSES_WIDGETS = {q.separateur.id: q.separateur.reponse, q.indicateur.id: q.indicateur.reponse}
CODE_Q3 = 'part_bio = achats["achats_bio_ht"] / achats["achats_totaux_ht"] * 100'
CODE_Q4 = "mediane_bio = part_bio.median()"


def code_juste(nb):
    remplir(nb, "q3-reponse", CODE_Q3)
    remplir(nb, "q4-reponse", CODE_Q4 + "\nq.mediane_bio.verifier(mediane_bio)")
    return nb


def moyenne_au_lieu_de_mediane(nb):
    remplir(nb, "q3-reponse", CODE_Q3)
    remplir(nb, "q4-reponse", "mediane_bio = part_bio.mean()")
    return nb


@pytest.fixture(scope="module")
def cours(tmp_path_factory):
    cours = CoursNbgrader(tmp_path_factory.mktemp("cantine"), "cantine")
    cours.generer()

    # A learner who does everything: clicks the right answers, types the right code.
    cours.soumettre("complet", modifier=code_juste, executer_apres=code_repondre_par_widgets(BONNES_REPONSES_WIDGETS))
    # A learner who opened the notebook and submitted it untouched.
    cours.soumettre("intact")
    # A learner who only answered question 1, through its widget.
    cours.soumettre("partiel", executer_apres=code_repondre_par_widgets({q.separateur.id: q.separateur.reponse}))
    # Right clicks, but the mean where the median was asked.
    cours.soumettre("moyenne", modifier=moyenne_au_lieu_de_mediane,
                    executer_apres=code_repondre_par_widgets(BONNES_REPONSES_WIDGETS))
    # Answered everything right, then edited the answers file by hand to a wrong value.
    dossier = cours.soumettre("retouche", modifier=code_juste,
                              executer_apres=code_repondre_par_widgets(BONNES_REPONSES_WIDGETS))
    fichier = dossier / "reponses-cantine.json"
    contenu = json.loads(fichier.read_text(encoding="utf-8"))
    contenu[q.indicateur.id]["reponse"] = "La moyenne des parts de bio"
    fichier.write_text(json.dumps(contenu, ensure_ascii=False), encoding="utf-8")
    # Answers file broken beyond reading: the widget questions count 0, the code ones still count.
    dossier = cours.soumettre("casse", modifier=code_juste,
                              executer_apres=code_repondre_par_widgets(BONNES_REPONSES_WIDGETS))
    (dossier / "reponses-cantine.json").write_text("{ceci n'est pas du JSON", encoding="utf-8")

    cours.autograde()
    return cours


def test_la_version_eleve_ne_contient_ni_solution_ni_reponses(cours):
    assert cellules_a_completer_sans_fuite(cours, ["achats_bio_ht\"] / achats"]) == ["q3-reponse", "q4-reponse"]


def test_bareme(cours):
    assert cours.score_max() == 5


def test_copie_complete_repondue_par_les_widgets(cours):
    assert cours.score("complet") == 5
    enregistre = json.loads((cours.dossier_eleve("complet") / "reponses-cantine.json").read_text(encoding="utf-8"))
    assert enregistre[q.separateur.id]["reponse"] == q.separateur.reponse


def test_copie_intacte(cours):
    assert cours.score("intact") == 0


def test_une_seule_bonne_reponse(cours):
    assert cours.score("partiel") == 1
    assert cours.scores_par_cellule("partiel") == {
        "q1-correction": 1, "q2-correction": 0, "q3-correction": 0, "q4-correction": 0}


def test_la_moyenne_au_lieu_de_la_mediane(cours):
    assert cours.scores_par_cellule("moyenne") == {
        "q1-correction": 1, "q2-correction": 1, "q3-correction": 2, "q4-correction": 0}


def test_fichier_de_reponses_retouche_a_la_main(cours):
    assert cours.scores_par_cellule("retouche") == {
        "q1-correction": 1, "q2-correction": 0, "q3-correction": 2, "q4-correction": 1}


def test_fichier_de_reponses_illisible(cours):
    assert cours.scores_par_cellule("casse") == {
        "q1-correction": 0, "q2-correction": 0, "q3-correction": 2, "q4-correction": 1}


def test_retours_en_francais(cours):
    retours = cours.retours()
    assert set(retours) == {"complet", "intact", "partiel", "moyenne", "retouche", "casse"}
    html = retours["moyenne"][0].read_text(encoding="utf-8")
    assert '<html lang="fr">' in html
    assert "Note : 4 / 5" in html
    assert "C'est la moyenne, pas la médiane" in html, "le retour doit expliquer l'erreur en français"
    assert "Score" not in html and "cdn." not in html.lower()
    # Widgets cannot run on a feedback page: their static fallback (the question itself) is shown.
    # (its text set by the course's French typography, as in the notebook: « Que s’est-il passé »)
    assert typographie("Que s'est-il passé") in html.replace("&#x27;", "'").replace("&#39;", "'")
