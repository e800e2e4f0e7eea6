"""The « ouvrir » chapter: its ranking, its catalogue fixes, its licence chooser, its data, and its
assignment graded for real (generate -> learners answer -> autograde -> feedback), scores exact.

Expected answers come from the question bank and the chapter's code (computed from the shipped
data), not typed here.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from donnees_en_main.chapitres.ouvrir import (ErreurInventaire, POINTS, conseil_licence, corriger_catalogue,
                                              prioriser)
from donnees_en_main.chapitres.ouvrir import questions as q
from donnees_en_main.donnees import ErreurDonnees, charger, chemin
from donnees_en_main.donnees.validation import valider
from outils_nbgrader import CoursNbgrader, cellules_a_completer_sans_fuite, code_repondre_par_widgets, remplir

SCHEMA = chemin("ouvrir-catalogue").with_name("catalogue.schema.json")


# -- what an élu decides with ---------------------------------------------------------------------

def test_le_classement_suit_la_regle_annoncee():
    inventaire = charger("ouvrir-inventaire")
    classe = prioriser(inventaire)
    assert len(classe) == len(inventaire) and list(classe["rang"]) == list(range(1, len(inventaire) + 1))
    # recompute one line's score by hand from the rule
    ligne = classe[classe["jeu"] == "Délibérations du conseil municipal"].iloc[0]
    assert ligne["score"] == POINTS["obligation"]["oui"] + 2 + POINTS["effort"]["moyen"]
    # personal data: never ranked to open, always last
    personnelles = classe[classe["donnees_personnelles"] == "oui"]
    assert personnelles["score"].isna().all() and (personnelles["a_ouvrir"] == "non, pas en l'état").all()
    assert personnelles["rang"].min() > classe[classe["donnees_personnelles"] == "non"]["rang"].max()
    # scores never go up down the ranking; ties broken by requests
    scores = classe["score"].dropna().tolist()
    assert scores == sorted(scores, reverse=True)
    # the bank's answer is the ranking's first dataset
    assert q.par_quoi_commencer.reponse == classe["jeu"].iloc[0] == q.premier_jeu()


def test_un_inventaire_incomplet_est_refuse_en_francais():
    with pytest.raises(ErreurDonnees, match="Votre tableau n'a pas la colonne « effort » qu'il faut pour cet atelier "
                                            ".*Il faut une ligne par jeu de données") as erreur:
        prioriser(charger("ouvrir-inventaire").drop(columns="effort"))
    assert isinstance(erreur.value, ErreurInventaire) and "Colonnes trouvées : jeu, service" in str(erreur.value)
    with pytest.raises(ErreurInventaire, match="n'a aucune des colonnes .*: jeu, demandes_an, publication_obligatoire"):
        prioriser(pd.DataFrame({"Nom": ["Budget"]}))
    mauvais = charger("ouvrir-inventaire").assign(effort="énorme")
    with pytest.raises(ErreurInventaire, match="valeurs inconnues \\['énorme'\\]"):
        prioriser(mauvais)


def test_le_brouillon_echoue_puis_la_correction_passe_la_validation():
    avant = valider(chemin("ouvrir-catalogue-brouillon"), SCHEMA)
    assert not avant.valide and len(avant.erreurs) == q.nb_erreurs.reponse
    brouillon = pd.read_csv(chemin("ouvrir-catalogue-brouillon"), dtype=str, keep_default_na=False)
    corrige = corriger_catalogue(brouillon)
    assert brouillon["DATE_PUBL"].iloc[0] == "15/09/2025", "le brouillon n'est pas modifié"
    propre = pd.read_csv(chemin("ouvrir-catalogue"), dtype=str, keep_default_na=False)
    # everything but the empty description is fixed by the machine; the description is a person's job
    differences = (corrige != propre).sum()
    assert differences[differences > 0].to_dict() == {"DESCRIPTION": 1}
    corrige.loc[corrige["DESCRIPTION"] == "", "DESCRIPTION"] = propre["DESCRIPTION"][corrige["DESCRIPTION"] == ""]
    assert corrige.equals(propre)
    assert valider(chemin("ouvrir-catalogue"), SCHEMA).valide


def test_le_choix_de_licence():
    assert conseil_licence(partage_identique=True)["licence"] == "odbl"
    assert conseil_licence(partage_identique=False)["licence"] == "lo"
    bloque = conseil_licence(partage_identique=False, donnees_personnelles=True)
    assert bloque["licence"] is None and "données personnelles" in bloque["texte"]


def test_les_donnees_du_chapitre_sont_fictives_et_decrites():
    paquet = json.loads((chemin("ouvrir-inventaire").parent.parent / "datapackage.json").read_text(encoding="utf-8"))
    ressources = {r["name"]: r for r in paquet["resources"] if r["name"].startswith("ouvrir-")}
    assert set(ressources) == {"ouvrir-inventaire", "ouvrir-catalogue", "ouvrir-catalogue-brouillon"}
    for r in ressources.values():
        assert r["fictif"] is True and "fictive" in r["description"]
    assert len(ressources["ouvrir-catalogue-brouillon"]["defauts"]) == len(valider(chemin("ouvrir-catalogue-brouillon"), SCHEMA).erreurs)


# -- the assignment, graded for real ----------------------------------------------------------------

BONNES_REPONSES_WIDGETS = {q.par_quoi_commencer.id: q.par_quoi_commencer.reponse, q.licence.id: q.licence.reponse}
CODE_Q3 = 'a_ouvrir = inventaire[inventaire["donnees_personnelles"] == "non"]'
CODE_Q4 = "rapport = valider(brouillon, schema)\nnb_erreurs = len(rapport.erreurs)"


def code_juste(nb):
    remplir(nb, "q3-reponse", CODE_Q3)
    remplir(nb, "q4-reponse", CODE_Q4 + "\nq.nb_erreurs.verifier(nb_erreurs)")
    return nb


def lignes_au_lieu_des_erreurs(nb):
    # keeps the personal data (wrong filter) and counts the rows instead of the errors
    remplir(nb, "q3-reponse", 'a_ouvrir = inventaire[inventaire["donnees_personnelles"] == "oui"]')
    remplir(nb, "q4-reponse", "rapport = valider(brouillon, schema)\nnb_erreurs = rapport.lignes")
    return nb


@pytest.fixture(scope="module")
def cours(tmp_path_factory):
    cours = CoursNbgrader(tmp_path_factory.mktemp("ouvrir"), "ouvrir")
    cours.generer()
    cours.soumettre("complet", modifier=code_juste, executer_apres=code_repondre_par_widgets(BONNES_REPONSES_WIDGETS))
    cours.soumettre("intact")
    cours.soumettre("partiel", executer_apres=code_repondre_par_widgets(
        {q.par_quoi_commencer.id: q.par_quoi_commencer.reponse}))
    cours.soumettre("erreurs", modifier=lignes_au_lieu_des_erreurs, executer_apres=code_repondre_par_widgets(
        {q.par_quoi_commencer.id: "Registres d'état civil", q.licence.id: q.licence.reponse}))
    dossier = cours.soumettre("retouche", modifier=code_juste,
                              executer_apres=code_repondre_par_widgets(BONNES_REPONSES_WIDGETS))
    fichier = dossier / "reponses-ouvrir.json"
    contenu = json.loads(fichier.read_text(encoding="utf-8"))
    contenu[q.licence.id]["reponse"] = q.LICENCES["lo"]["nom"]
    fichier.write_text(json.dumps(contenu, ensure_ascii=False), encoding="utf-8")
    cours.autograde()
    return cours


def test_la_version_eleve_ne_contient_ni_solution_ni_reponses(cours):
    assert cellules_a_completer_sans_fuite(cours, ['inventaire["donnees_personnelles"] == "non"', "len(rapport.erreurs)"]) == [
        "q3-reponse", "q4-reponse"]


def test_bareme(cours):
    assert cours.score_max() == 5 == q.DEVOIR.points_max


def test_copie_complete(cours):
    assert cours.score("complet") == 5


def test_copie_intacte(cours):
    assert cours.score("intact") == 0


def test_une_seule_bonne_reponse(cours):
    assert cours.scores_par_cellule("partiel") == {
        "q1-correction": 1, "q2-correction": 0, "q3-correction": 0, "q4-correction": 0}


def test_mauvais_filtre_et_lignes_comptees(cours):
    assert cours.scores_par_cellule("erreurs") == {
        "q1-correction": 0, "q2-correction": 1, "q3-correction": 0, "q4-correction": 0}


def test_fichier_de_reponses_retouche_a_la_main(cours):
    assert cours.scores_par_cellule("retouche") == {
        "q1-correction": 1, "q2-correction": 0, "q3-correction": 2, "q4-correction": 1}


def test_retours_en_francais(cours):
    retours = cours.retours()
    assert set(retours) == {"complet", "intact", "partiel", "erreurs", "retouche"}
    html = retours["erreurs"][0].read_text(encoding="utf-8").replace("&#x27;", "'").replace("&#39;", "'")
    assert '<html lang="fr">' in html and "Note : 1 / 5" in html
    assert "C'est le nombre de lignes du catalogue" in html, "le retour doit expliquer l'erreur en français"


def test_la_page_cite_ses_sources_du_registre_et_montre_ce_qui_reste_a_verifier():
    """Every source listed by the page is a registry entry; what could not be checked says so."""
    import re
    from pathlib import Path

    from donnees_en_main.faits import FAITS

    page = (Path(__file__).resolve().parent.parent / "book" / "ouvrir.md").read_text(encoding="utf-8")
    liste = re.search(r"SOURCES = \[(.*?)\]", page, flags=re.S).group(1)
    identifiants = re.findall(r'"([\w-]+)"', liste)
    assert identifiants and all(i in FAITS for i in identifiants)
    non_verifies = [i for i in identifiants if not FAITS[i].verifie]
    assert non_verifies == ["referent-donnees"]
    # what is settled (two designations required, each with its text) and what is not, said on the page
    assert "Nous n'avons trouvé aucun texte qui impose ce rôle à une commune\n(à vérifier" in page
    assert "(RGPD, article 37)" in page and "(CRPA, article R330-2)" in page
    assert {"crpa-r330-2", "rgpd-art37"} <= set(identifiants)
    # the "Ils l'ont fait" boxes link to the source the registry checked
    for i in ("opendata56", "rennes-vie-quotidienne"):
        assert FAITS[i].verifie and FAITS[i].source in page
