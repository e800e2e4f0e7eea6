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
