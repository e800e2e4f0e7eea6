"""The « formats » chapter: its dataset, its helpers (donnees_en_main.chapitres.formats), its questions, its book
page, its workshop notebook and its graded assignment.

Expected answers come from the question bank (computed from the shipped data) or from the data
themselves, never typed in here.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys

import nbformat
import pandas as pd
import pytest

from donnees_en_main.chapitres import formats
from donnees_en_main.reglages import RACINE
from donnees_en_main.donnees import ErreurDonnees, charger, chemin, decrire
from donnees_en_main.chapitres.formats import questions as q
from donnees_en_main.donnees.validation import valider
from outils_nbgrader import CoursNbgrader, cellules_a_completer_sans_fuite, code_repondre_par_widgets, remplir

DATASETS = RACINE / "datasets"
NOM = "formats-communes-codes-postaux"
SCHEMA = DATASETS / "formats" / "communes-codes-postaux.schema.json"


def _generateur():
    spec = importlib.util.spec_from_file_location("generer_formats", DATASETS / "generer_formats.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- dataset
def test_le_fichier_respecte_son_schema():
    rapport = valider(NOM)
    assert rapport.valide and rapport.lignes == len(charger(NOM)), rapport.resume()


def test_generateur_deterministe_et_identique_aux_fichiers_livres(tmp_path):
    gen = _generateur()
    gen.generer(tmp_path / "a", datapackage=None)
    gen.generer(tmp_path / "b", datapackage=None)
    livres = sorted(p.name for p in (DATASETS / "formats").iterdir())
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == livres
    for nom in livres:
        octets = (tmp_path / "a" / nom).read_bytes()
        assert octets == (tmp_path / "b" / nom).read_bytes(), f"{nom} change d'une exécution à l'autre"
        assert octets == (DATASETS / "formats" / nom).read_bytes(), (
            f"{nom} ne correspond plus au générateur : relancez python datasets/generer_formats.py"
        )


def test_generateur_ne_touche_que_ses_entrees_du_datapackage(tmp_path):
    gen = _generateur()
    paquet = tmp_path / "datapackage.json"
    autre = {"name": "autre-chapitre", "path": "autre/x.csv", "title": "Autre"}
    paquet.write_text(json.dumps({"name": "essai", "resources": [autre, {"name": "formats-vieux", "path": "v.csv"}]}),
                      encoding="utf-8")
    gen.mettre_a_jour_datapackage(paquet)
    gen.mettre_a_jour_datapackage(paquet)  # rerunnable
    ressources = json.loads(paquet.read_text(encoding="utf-8"))["resources"]
    assert [r["name"] for r in ressources] == ["autre-chapitre", NOM]
    assert ressources[0] == autre
    assert ressources[1] == decrire(NOM), "le datapackage livré n'est plus celui du générateur"


def test_description_dans_le_datapackage():
    r = decrire(NOM)
    assert r["fictif"] is True and r["nature"].startswith("fictif")
    assert "fictives" in r["description"] and "(fictif)" in r["title"]
    for cle in ("title", "format", "encoding", "sources", "licenses", "created", "schema"):
        assert r.get(cle), f"propriété {cle} manquante"
    assert (DATASETS / r["schema"]).is_file()


def test_memes_communes_que_les_achats_des_cantines():
    communes = charger(NOM)
    achats = charger("achats-cantines")
    assert (set(zip(communes["nom_commune"], communes["code_commune_insee"]))
            == set(zip(achats["commune"], achats["code_insee"])))


def test_les_deux_pieges_sont_dans_les_donnees():
    communes = charger(NOM)
    par_code = communes.groupby("code_postal")["code_commune_insee"].nunique()
    par_commune = communes.groupby("code_commune_insee")["code_postal"].nunique()
    assert par_code.max() >= 3, "un code postal doit desservir plusieurs communes"
    assert par_commune.max() >= 2, "une commune doit avoir plusieurs codes postaux"
    assert not communes.duplicated(["code_commune_insee", "code_postal"]).any()
    assert communes["ligne_5"].notna().sum() == par_commune.max()


# --------------------------------------------------------------------------- helpers
def test_mojibake_dans_les_deux_sens():
    assert formats.mal_lu("Crème", "utf-8", "cp1252") == "CrÃ¨me"
    assert formats.mal_lu("Crème", "utf-8", "latin-1") == "CrÃ¨me"
    assert formats.mal_lu("Crème", "cp1252", "utf-8") == "Cr\ufffdme"
    tableau = formats.exemples_mojibake(["Forêt"])
    assert tableau.iloc[0].tolist() == ["Forêt", "ForÃªt", "For\ufffdt"]
    with pytest.raises(ErreurDonnees, match="Encodage inconnu"):
        formats.mal_lu("Crème", "klingon", "utf-8")
    with pytest.raises(ErreurDonnees, match="ne sait pas écrire"):
        formats.mal_lu("Œuvre €", "latin-1", "utf-8")


@pytest.mark.parametrize("encodage", [c for _l, c in formats.ENCODAGES])
@pytest.mark.parametrize("separateur", [c for _l, c in formats.SEPARATEURS])
def test_lire_avec_chaque_reglage(encodage, separateur):
    lecture = formats.lire_avec("menus-cantine-export-tableur", encodage, separateur)
    vrai = pd.read_csv(chemin("menus-cantine-export-tableur"), sep=";", encoding="cp1252", dtype=str)
    bon_encodage, bon_separateur = encodage == "cp1252", separateur == ";"
    assert (lecture.bon_encodage, lecture.bon_separateur) == (bon_encodage, bon_separateur)
    assert lecture.correcte == (bon_encodage and bon_separateur)
    assert (lecture.nb_colonnes == vrai.shape[1]) == bon_separateur
    assert (lecture.caracteres_abimes > 0) == (not bon_encodage)
    verdict = " ".join(lecture.verdict())
    assert ("Une seule colonne" in verdict) == (lecture.nb_colonnes == 1)
    assert ("accents sont lisibles" in verdict) == bon_encodage
    html = lecture._repr_html_()
    assert "<caption>" in html and 'scope="col"' in html


def test_lire_avec_un_fichier_irregulier_bien_lu():
    lecture = formats.lire_avec("elections-presidentielle-2022-t1-bureaux", "cp1252", ";")
    assert lecture.correcte and lecture.lignes_irregulieres > 0
    assert "pas un problème de réglage" in " ".join(lecture.verdict())


def test_lire_avec_explique_les_erreurs_en_francais(tmp_path):
    with pytest.raises(ErreurDonnees, match="Encodage « utf-16 » non proposé"):
        formats.lire_avec(NOM, "utf-16", ",")
    with pytest.raises(ErreurDonnees, match="un seul caractère"):
        formats.lire_avec(NOM, "utf-8", ";;")
    with pytest.raises(ErreurDonnees, match="introuvable"):
        formats.lire_avec(tmp_path / "absent.csv", "utf-8", ",")
    classeur = tmp_path / "communes.csv"
    classeur.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(ErreurDonnees, match="classeur Excel"):
        formats.lire_avec(classeur, "utf-8", ",")


def test_trois_formats(tmp_path):
    exemples = formats.exemples_codes()
    comparaison = formats.comparer_formats(exemples, tmp_path, "exemples", colonne_code="code_postal").set_index("Format")
    tailles = {f: (tmp_path / f"exemples.{f.lower()}").stat().st_size for f in ("CSV", "JSON", "XLSX")}
    assert tailles["CSV"] < tailles["JSON"] < tailles["XLSX"]
    assert (tmp_path / "exemples.xlsx").read_bytes().startswith(b"PK")
    assert json.loads((tmp_path / "exemples.json").read_text(encoding="utf-8"))[0]["code_postal"] == "01000"
    relu = pd.read_csv(tmp_path / "exemples.csv", dtype=str)
    pd.testing.assert_frame_equal(relu.fillna(""), exemples.fillna(""), check_dtype=False)
    assert comparaison.loc["CSV", "Relu sans précaution par pandas"] == "« 01000 » devient le nombre 1000"
    with pytest.raises(ErreurDonnees, match="La colonne « siret » n'existe pas"):
        formats.comparer_formats(exemples, tmp_path, colonne_code="siret")


def test_le_tableur_fait_perdre_le_zero_initial(tmp_path):
    exemples = formats.exemples_codes()
    vu = formats.ouvrir_comme_un_tableur(exemples).set_index("nom_commune")
    assert vu.loc["Bourg-en-Bresse", "code_commune_insee"] == 1053
    assert vu.loc["Bourg-en-Bresse", "code_postal"] == 1000
    assert vu.loc["Ajaccio", "code_commune_insee"] == "2A004" and vu.loc["Ajaccio", "code_postal"] == 20000
    # and the validator says what to fix, line by line
    abime = tmp_path / "abime.csv"
    formats.ouvrir_comme_un_tableur(exemples).to_csv(abime, index=False)
    rapport = valider(abime, SCHEMA)
    zero = exemples["code_commune_insee"].str.startswith("0") & exemples["code_postal"].str.startswith("0")
    assert len(rapport.erreurs) == 2 * int(zero.sum())
    assert {e["colonne"] for e in rapport.erreurs} == {"code_commune_insee", "code_postal"}
    assert any("écrivez « 01053 »" in e["conseil"] for e in rapport.erreurs)
    intact = tmp_path / "intact.csv"
    exemples.to_csv(intact, index=False)
    assert valider(intact, SCHEMA).valide


def test_lecture_interactive_dans_un_carnet_et_dans_le_livre():
    import ipywidgets as widgets
    from ipywidgets.widgets.widget import _instances
    from ipywidgets.widgets.widget_link import Link

    boite = formats.lecture_interactive()
    fichier, encodage, separateur = boite.menus
    assert fichier.value == "menus-cantine-export-tableur" and not boite.lecture.correcte
    encodage.value, separateur.value = "cp1252", ";"
    assert boite.lecture.correcte and "accents sont lisibles" in boite.sortie.value
    statique = formats.lecture_interactive(statique=True)
    pile = statique.children[1]
    assert isinstance(pile, widgets.Stack) and len(pile.children) == len(formats.FICHIERS_LECTURE)
    feuilles = [v for f in pile.children for e in f.children for v in e.children]
    assert len(feuilles) == len(formats.FICHIERS_LECTURE) * len(formats.ENCODAGES) * len(formats.SEPARATEURS)
    liens = {(l.source[0].model_id, l.target[0].model_id) for l in list(_instances.values()) if isinstance(l, Link)}
    assert (statique.menus[0].model_id, pile.model_id) in liens


# --------------------------------------------------------------------------- questions
def test_les_reponses_attendues_viennent_des_donnees():
    communes = pd.read_csv(chemin(NOM), dtype=str)
    codes = communes.groupby("nom_commune")["code_postal"].nunique()
    assert q.codes_commune_nouvelle.reponse == codes.max() == codes[q.COMMUNE_NOUVELLE]
    assert q.code_partage.reponse == communes[communes["code_postal"] == q.CODE_PARTAGE]["nom_commune"].nunique()
    assert q.nb_colonnes.reponse == pd.read_csv(chemin("menus-cantine-export-tableur"), sep=";", encoding="cp1252").shape[1]
    justes = [c for c in q.reglages.choix if formats.lire_avec(
        "menus-cantine-export-tableur",
        next(code for lib, code in formats.ENCODAGES if c.startswith(lib)),
        next(code for lib, code in formats.SEPARATEURS if c.endswith(lib))).correcte]
    assert justes == [q.reglages.reponse]
    assert q.MOT_UTF8_LU_1252 in q.mojibake.enonce


def test_messages_des_erreurs_frequentes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert "code postal" in q.zero_perdu.verifier("01000").message
    assert "supprimé un chiffre" in q.zero_perdu.verifier("1053").message
    assert q.zero_perdu.verifier(" 01053 ").juste
    assert "Une seule colonne" in q.nb_colonnes.verifier(1).message
    assert "losange" in q.mojibake.verifier(q.mojibake.choix[1]).message


# --------------------------------------------------------------------------- book page
def test_page_du_livre():
    texte = (RACINE / "book" / "formats.md").read_text(encoding="utf-8")
    cellules = re.findall(r"```\{code-cell\} ipython3\n(.*?)```", texte, flags=re.S)
    for attendu in ("# Formats et interopérabilité : parler la même langue", "CrÃ¨me", "Cr�me",
                    "L300-4", "RGI", "RFC 4180", "schema.data.gouv.fr", "SCDL", "OpenDataFrance",
                    "Berners-Lee", "13055", "2A", "2B", "Ain (01)", "fictive",
                    "lecture_interactive(statique=True)", "TemporaryDirectory", "Questions pour échanger entre pairs"):
        assert attendu in texte, attendu


# --------------------------------------------------------------------------- workshop notebook
# Run end to end, no error, no stderr, no answer recorded, every widget shown: tests/test_chapitres.py.


# --------------------------------------------------------------------------- graded assignment
CODE_Q3 = 'codes_par_commune = communes.groupby("nom_commune")["code_postal"].nunique()'
CODE_Q4 = ('export = pd.read_csv(chemin("menus-cantine-export-tableur"), sep=";", encoding="cp1252")\n'
           "nb_colonnes = export.shape[1]\nq.nb_colonnes.verifier(nb_colonnes)")
# Use the reading tool as a person would: choose the export, try settings until the verdict says both
# are right, then tick the matching answer.
ESSAYER_LES_REGLAGES = """
from ipywidgets.widgets.widget import _instances as _tous
from donnees_en_main.chapitres import formats as _formats
_outils = [w for w in list(_tous.values()) if hasattr(w, "menus") and hasattr(w, "lecture")]
assert _outils, "l'outil de lecture n'est pas affiché"
_fichier, _encodage, _separateur = _outils[-1].menus
_fichier.value = "menus-cantine-export-tableur"
_trouve = None
for _libelle_e, _e in _formats.ENCODAGES:
    for _libelle_s, _s in _formats.SEPARATEURS:
        _encodage.value, _separateur.value = _e, _s
        if "✘" not in _outils[-1].sortie.value:
            _trouve = f"{_libelle_e} et séparateur {_libelle_s}"
assert _trouve, "aucun réglage ne lit correctement l'export"
""" + code_repondre_par_widgets({}) + """
_w = _widget_affiche("formats.reglages")
_w.champ.value = _trouve
_w.bouton_verifier.click()
"""


def code_juste(nb):
    remplir(nb, "q3-reponse", CODE_Q3)
    remplir(nb, "q4-reponse", CODE_Q4)
    return nb


def lignes_et_mauvais_reglages(nb):
    # A constant instead of counting different postcodes; the export read with the wrong separator.
    remplir(nb, "q3-reponse", 'codes_par_commune = communes.groupby("nom_commune")["code_postal"].count() * 0 + 1')
    remplir(nb, "q4-reponse", 'export = pd.read_csv(chemin("menus-cantine-export-tableur"), sep="\\t", encoding="cp1252")\n'
                              "nb_colonnes = export.shape[1]")
    return nb


@pytest.fixture(scope="module")
def cours(tmp_path_factory):
    cours = CoursNbgrader(tmp_path_factory.mktemp("formats"), "formats")
    cours.generer()
    cours.soumettre("complet", modifier=code_juste, executer_apres=code_repondre_par_widgets(
        {q.mojibake.id: q.mojibake.reponse}) + ESSAYER_LES_REGLAGES)
    cours.soumettre("intact")
    # Answered only question 2, by trying the settings in the reading tool.
    cours.soumettre("partiel", executer_apres=ESSAYER_LES_REGLAGES)
    # Mixed up the two directions of the encoding problem; wrong code for questions 3 and 4.
    cours.soumettre("erreurs", modifier=lignes_et_mauvais_reglages, executer_apres=code_repondre_par_widgets(
        {q.mojibake.id: q.mojibake.choix[1]}) + ESSAYER_LES_REGLAGES)
    cours.autograde()
    return cours


def test_la_version_eleve_ne_contient_ni_solution_ni_reponses(cours):
    assert cellules_a_completer_sans_fuite(cours, ["nunique()", 'sep=\\";\\"']) == ["q3-reponse", "q4-reponse"]


def test_bareme(cours):
    assert cours.score_max() == 5


def test_copie_complete(cours):
    assert cours.score("complet") == 5
    enregistre = json.loads((cours.dossier_eleve("complet") / "reponses-formats.json").read_text(encoding="utf-8"))
    assert enregistre[q.reglages.id]["reponse"] == q.reglages.reponse


def test_copie_intacte(cours):
    assert cours.score("intact") == 0


def test_une_seule_reponse_par_l_outil_de_lecture(cours):
    assert cours.scores_par_cellule("partiel") == {
        "q1-correction": 0, "q2-correction": 1, "q3-correction": 0, "q4-correction": 0}


def test_erreurs(cours):
    assert cours.scores_par_cellule("erreurs") == {
        "q1-correction": 0, "q2-correction": 1, "q3-correction": 0, "q4-correction": 0}
    html = cours.retours()["erreurs"][0].read_text(encoding="utf-8")
    assert '<html lang="fr">' in html and "Note : 1 / 5" in html
    assert "Une seule colonne" in html, "le retour doit expliquer l'erreur de la question 4 en français"
