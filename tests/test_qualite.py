"""The « qualite » chapter: its questions, its book page, its workshop notebook and its graded assignment.

Expected answers come from the question bank (computed from the shipped data) or from the data
themselves, never typed in here.
"""

from __future__ import annotations

import json
import re

import nbformat
import pandas as pd
import pytest

from donnees_en_main.reglages import RACINE
from donnees_en_main.donnees import chemin
from donnees_en_main.donnees.profil import profiler
from donnees_en_main.chapitres.qualite import questions as q
from outils_nbgrader import CoursNbgrader, cellules_a_completer_sans_fuite, code_repondre_par_widgets, remplir

JOUR = pd.Timestamp("2026-11-26")


# --------------------------------------------------------------------------- questions and data
def test_les_reponses_attendues_viennent_des_donnees():
    brut = pd.read_csv(chemin("energie-secteurs"), sep=";", dtype=str, keep_default_na=False)
    masques = int(brut["conso"].isin(["s", "secret"]).sum())
    assert q.MASQUEES == masques > 0
    assert q.part_masquee.reponse == pytest.approx(round(masques / len(brut) * 100, 1))
    export = pd.read_csv(chemin("menus-cantine-export-tableur"), sep=";", encoding="cp1252", dtype=str)
    assert q.doublons.reponse == int(export.duplicated().sum()) > 0
    assert q.manquantes.reponse.equals(q.SECTEURS.isna().sum())


def test_l_explorateur_montre_la_reponse_sur_les_doublons():
    profil = profiler("menus-cantine-export-tableur", aujourd_hui=JOUR)
    assert profil.doublons == q.DOUBLONS_EXPORT
    assert f"{q.DOUBLONS_EXPORT} lignes en double" in profil._repr_html_()


def test_les_defauts_coches_sont_ceux_que_signale_le_profil():
    suspects = profiler("menus-cantine-export-tableur", aujourd_hui=JOUR).suspectes()
    tout = " ".join(" ".join(v) for v in suspects.values())
    reperes = {
        "Des dates écrites à la française (jj/mm/aaaa)": "à la française" in " ".join(suspects.get("menuDate", [])),
        "Une faute de frappe probable dans le type de plat": "faute de frappe" in " ".join(suspects.get("menuPlatType", [])),
        "Des espaces invisibles à la fin de certains textes": "espace invisible" in tout,
        "Des prix écrits avec une virgule décimale": "virgule décimale" in " ".join(suspects.get("menuPlatPrix", [])),
        "Des dates dans le futur": "dans le futur" in tout,
        "Des codes INSEE qui ont perdu leur zéro initial": "zéro du début" in tout,
    }
    assert set(reperes) == set(q.defauts_profil.choix)
    assert {c for c, vu in reperes.items() if vu} == set(q.defauts_profil.reponses)


def test_la_valeur_aberrante_est_bien_la_piscine():
    gaz = pd.read_csv(chemin("energie-releves-gaz"))
    alerte = " ".join(profiler("energie-releves-gaz").colonne("consommation").suspectes)
    assert "bien plus grandes que les autres" in alerte
    q1, q3 = gaz["consommation"].quantile([0.25, 0.75])
    au_dela = gaz[gaz["consommation"] > q3 + 1.5 * (q3 - q1)]
    assert set(au_dela["batiment_id"]) == {"piscine"}
    assert f"{len(au_dela)} valeurs" in alerte


def test_messages_des_erreurs_frequentes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert "pas nulle" in q.secret.verifier("Les remplacer par 0").message
    assert "pourcentage" in q.part_masquee.verifier(str(round(q.PART_MASQUEE / 100, 3))).message
    assert "nombre de cases masquées" in q.part_masquee.verifier(q.MASQUEES).message
    assert "s'appliquent" in q.fraicheur.verifier("2024").message
    assert q.fraicheur.verifier("2021").juste
    assert q.part_masquee.verifier(f"{q.PART_MASQUEE:.1f}".replace(".", ",") + " %").juste


# --------------------------------------------------------------------------- book page
def test_page_du_livre():
    texte = (RACINE / "book" / "qualite.md").read_text(encoding="utf-8")
    cellules = re.findall(r"```\{code-cell\} ipython3\n(.*?)```", texte, flags=re.S)
    assert cellules
    for attendu in ("# La qualité des données : peut-on s'y fier ?", "OpenDataFrance", "ISO/IEC 25012",
                    "populations légales", "INSEE", "SDES", "Tukey", "1977", "DataBasic", "fictive",
                    "explorer(statique=True", "Questions pour échanger entre pairs"):
        assert attendu in texte, attendu


# --------------------------------------------------------------------------- workshop notebook
# Run end to end, no error, no stderr, no answer recorded, every widget shown: tests/test_chapitres.py.


# --------------------------------------------------------------------------- graded assignment
CODE_Q3 = "manquantes = secteurs.isna().sum()"
CODE_Q4 = 'part_masquee = secteurs["conso"].isna().mean() * 100'
# Use the explorer as a person would: choose the spreadsheet export, read the duplicates count in the
# profile shown, then type it in the question's box and click « Vérifier ».
LIRE_L_EXPLORATEUR = """
import re as _re
from ipywidgets.widgets.widget import _instances as _tous
_explorateurs = [w for w in list(_tous.values()) if hasattr(w, "menu") and hasattr(w, "sortie")]
assert _explorateurs, "l'explorateur n'est pas affiché"
_explorateurs[-1].menu.value = "menus-cantine-export-tableur"
_lu = _re.search(r"(\\d+) lignes en double", _explorateurs[-1].sortie.value)
assert _lu, "le profil affiché ne donne pas le nombre de doublons"
""" + code_repondre_par_widgets({}) + """
_w = _widget_affiche("qualite.doublons")
_w.champ.value = _lu.group(1)
_w.bouton_verifier.click()
"""
BONNE_REPONSE_Q1 = {q.secret.id: q.secret.reponse}


def code_juste(nb):
    remplir(nb, "q3-reponse", CODE_Q3)
    remplir(nb, "q4-reponse", CODE_Q4 + "\nq.part_masquee.verifier(part_masquee)")
    return nb


def zeros_et_fraction(nb):
    # The two classic mistakes: masked values counted as zeros, a share left as a fraction.
    remplir(nb, "q3-reponse", "manquantes = secteurs.fillna(0).isna().sum()")
    remplir(nb, "q4-reponse", 'part_masquee = secteurs["conso"].isna().mean()')
    return nb


@pytest.fixture(scope="module")
def cours(tmp_path_factory):
    cours = CoursNbgrader(tmp_path_factory.mktemp("qualite"), "qualite")
    cours.generer()
    # Does everything right: clicks, reads the explorer, types the code.
    cours.soumettre("complet", modifier=code_juste,
                    executer_apres=code_repondre_par_widgets(BONNE_REPONSE_Q1) + LIRE_L_EXPLORATEUR)
    # Opened the notebook and handed it in untouched.
    cours.soumettre("intact")
    # Answered only question 2, through the explorer and its box.
    cours.soumettre("partiel", executer_apres=LIRE_L_EXPLORATEUR)
    # Replaced « secret » by 0, filled the gaps with zeros, left the share as a fraction.
    cours.soumettre("erreurs", modifier=zeros_et_fraction, executer_apres=code_repondre_par_widgets(
        {q.secret.id: "Les remplacer par 0"}) + LIRE_L_EXPLORATEUR)
    cours.autograde()
    return cours


def test_la_version_eleve_ne_contient_ni_solution_ni_reponses(cours):
    assert cellules_a_completer_sans_fuite(cours, ["isna().sum()", ".mean() * 100"]) == ["q3-reponse", "q4-reponse"]


def test_bareme(cours):
    assert cours.score_max() == 5


def test_copie_complete(cours):
    assert cours.score("complet") == 5
    enregistre = json.loads((cours.dossier_eleve("complet") / "reponses-qualite.json").read_text(encoding="utf-8"))
    assert enregistre[q.doublons.id]["reponse"] == str(q.DOUBLONS_EXPORT)


def test_copie_intacte(cours):
    assert cours.score("intact") == 0


def test_une_seule_reponse_par_l_explorateur(cours):
    assert cours.scores_par_cellule("partiel") == {
        "q1-correction": 0, "q2-correction": 1, "q3-correction": 0, "q4-correction": 0}


def test_zeros_et_fraction(cours):
    assert cours.scores_par_cellule("erreurs") == {
        "q1-correction": 0, "q2-correction": 1, "q3-correction": 0, "q4-correction": 0}


def test_retours_en_francais(cours):
    retours = cours.retours()
    html = retours["erreurs"][0].read_text(encoding="utf-8")
    assert '<html lang="fr">' in html
    assert "Note : 1 / 5" in html
    assert "pourcentage" in html, "le retour doit expliquer l'erreur de la question 4 en français"
