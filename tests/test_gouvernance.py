"""The governance chapter: open questions kept for peer discussion, and a checklist to print.

No graded assignment here (who does what depends on each commune): the questions are ungraded
``Reflexion`` whose answers are saved for the discussion.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from donnees_en_main.exercices import Reflexion, questions_du_carnet
from donnees_en_main.chapitres.gouvernance import questions as q

PAGE = Path(__file__).resolve().parent.parent / "book" / "gouvernance.md"


def test_les_questions_sont_des_reflexions_du_carnet_gouvernance():
    assert len(q.QUESTIONS) >= 3
    ids = [question.id for question in q.QUESTIONS]
    assert len(set(ids)) == len(ids)
    for question in q.QUESTIONS:
        assert isinstance(question, Reflexion)
        assert question.id.startswith("gouvernance.") and question.carnet == "gouvernance"
        assert question.enonce.rstrip().endswith("?"), question.id
    assert set(questions_du_carnet("gouvernance")) >= set(q.QUESTIONS)


def test_une_reponse_est_enregistree_pour_la_discussion(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert q.depart.verifier().statut == "non_tente"
    resultat = q.depart.verifier("Le fichier des menus : personne ne sait l'exporter.")
    assert resultat.juste and "entre pairs" in resultat.message
    enregistre = json.loads((tmp_path / "reponses-gouvernance.json").read_text(encoding="utf-8"))
    assert enregistre["gouvernance.depart"]["reponse"] == "Le fichier des menus : personne ne sait l'exporter."
    assert q.qui_fait_quoi.verifier().statut == "non_tente", "une autre question reste sans réponse"


def test_la_page_affiche_les_questions_de_la_banque_et_une_liste_a_cocher():
    source = PAGE.read_text(encoding="utf-8")
    assert "from donnees_en_main.chapitres.gouvernance import questions as q" in source
    assert "q.QUESTIONS" in source, "les questions pour échanger viennent de la banque, pas d'une copie"
    for question in q.QUESTIONS:
        assert question.enonce not in source, f"{question.id} est recopiée dans la page"
    cases = re.findall(r"^☐ ", source, re.M)
    assert len(cases) >= 12, "la liste à cocher doit couvrir rôles, inventaire, documentation, publication, durée"
    for titre in ("## Qui fait quoi ?", "## La liste à cocher pour votre commune", "## Questions pour échanger entre pairs"):
        assert titre in source


@pytest.mark.parametrize("role", ["élu ou l'élue référent", "secrétaire de mairie", "délégué à la protection des données",
                                  "intercommunalité"])
def test_la_page_dit_qui_fait_quoi(role):
    assert role in PAGE.read_text(encoding="utf-8")


# -- the silos: one shared reference list between services ---------------------------------------

def test_un_nom_de_commune_se_simplifie_sans_se_deformer():
    from donnees_en_main.chapitres.gouvernance import cle_nom

    assert cle_nom("Hauts-de-Belval (Les)") == cle_nom("Les Hauts de Belval") == "les hauts de belval"
    assert cle_nom("St Ombert la Foret") == cle_nom("Saint-Ombert-la-Forêt")
    assert cle_nom("Chênebrune") != cle_nom("Rochefleur")


def test_la_liste_de_reference_retrouve_ce_que_le_nom_brut_perd():
    from donnees_en_main.chapitres.gouvernance import AIDES_CCAS, INSCRIPTIONS_CANTINE, croiser_services, rapprocher

    rapproche = rapprocher(["CHENEBRUNE", "Hauts-de-Belval (Les)", "Rochefleurs"])
    assert rapproche["code_commune_insee"].tolist()[:2] == ["49903", "49904"]
    assert rapproche["code_commune_insee"].isna().tolist() == [False, False, True], "un nom inconnu n'est pas deviné"
    croise, comptes = croiser_services()
    assert comptes["lignes"] == len(INSCRIPTIONS_CANTINE)
    assert comptes["par_nom_brut"] < comptes["par_referentiel"] < comptes["lignes"]
    assert comptes["non_trouves"] == ["Rochefleurs"]
    assert croise["familles_cantine"].sum() == comptes["par_referentiel"]
    assert croise["familles_aidees"].sum() == AIDES_CCAS["familles_aidees"].sum()
    assert croise.set_index("nom_commune").loc["Chênebrune", "familles_cantine"] == 3


def test_une_liste_de_reference_inutilisable_est_expliquee():
    import pandas as pd

    from donnees_en_main.chapitres.gouvernance import ErreurRapprochement, rapprocher

    with pytest.raises(ErreurRapprochement, match="il manque code_commune_insee"):
        rapprocher(["Chênebrune"], pd.DataFrame({"nom_commune": ["Chênebrune"]}))
    double = pd.DataFrame({"code_commune_insee": ["49903", "72001"], "nom_commune": ["Chênebrune", "Chenebrune"]})
    with pytest.raises(ErreurRapprochement, match="même nom une fois simplifié"):
        rapprocher(["Chênebrune"], double)


def test_la_page_montre_les_silos_calcules():
    source = PAGE.read_text(encoding="utf-8")
    assert "## Les silos" in source and "croiser_services()" in source
    assert "{glue:text}`silo_ref`" in source
