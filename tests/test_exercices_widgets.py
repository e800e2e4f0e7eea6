"""Widgets of the exercise engine: clicking « Vérifier » saves, building a widget never writes."""

from __future__ import annotations

import json

import ipywidgets as w
import pandas as pd
import pytest

from donnees_en_main.exercices import (
    AvertissementReponses, ChoixMultiple, ChoixUnique, Nombre, Reflexion, CalculPandas, Texte,
)
from donnees_en_main.exercices import types_de_questions as module_questions
from donnees_en_main.exercices import widgets as module_widgets

CARNET = "essai"
FICHIER = f"reponses-{CARNET}.json"


@pytest.fixture(autouse=True)
def dossier(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sauvegarde = {c: dict(qs) for c, qs in module_questions._REGISTRE.items()}
    yield tmp_path
    module_questions._REGISTRE.clear()
    module_questions._REGISTRE.update(sauvegarde)


def contenu(dossier):
    return json.loads((dossier / FICHIER).read_text(encoding="utf-8"))


def indicateur():
    return ChoixUnique(
        id="essai.indicateur", carnet=CARNET, enonce="Quel indicateur résume la cantine « typique » ?",
        choix=["La moyenne", "La médiane", "Le maximum"], reponse="La médiane",
        erreurs_frequentes={"La moyenne": "La moyenne est tirée vers le haut par quelques cantines."},
        indices=["Coupez en deux groupes égaux.", "Son nom commence par « méd »."],
        solution="La médiane : la moitié au-dessus, la moitié en dessous.",
    )


def sources():
    return ChoixMultiple(
        id="essai.sources", carnet=CARNET, enonce="Quelles données sont publiques ?",
        choix=["Les menus", "Les dossiers médicaux", "Les subventions"],
        reponses=["Les menus", "Les subventions"],
    )


def part():
    return Nombre(id="essai.part", carnet=CARNET, enonce="Part de bio ?", reponse=14.3, tolerance=0.1, unite="%")


def mot():
    return Texte(id="essai.mot", carnet=CARNET, enonce="La valeur du milieu ?", reponses_acceptees=["médiane"])


def debat():
    return Reflexion(id="essai.debat", carnet=CARNET, enonce="Que diriez-vous aux parents ?")


def moyenne_par_commune():
    return CalculPandas(
        id="essai.pandas", carnet=CARNET, enonce="Calculez la part de bio par commune dans `resultat`.",
        reponse=pd.Series([12.5, 30.0], index=["Arbois", "Bellac"]), indices=["Utilisez groupby."],
    )


TOUTES = [indicateur, sources, part, mot, debat, moyenne_par_commune]


def test_choix_unique_cliquer_verifier_ecrit_et_affiche(dossier):
    widget = indicateur().widget()
    assert not (dossier / FICHIER).exists()
    assert widget.champ.value is None and widget.retour.value == ""
    widget.bouton_verifier.click()  # nothing chosen yet
    assert "Pas encore de réponse" in widget.retour.value

    widget.champ.value = "La moyenne"
    widget.bouton_verifier.click()
    assert contenu(dossier)["essai.indicateur"]["reponse"] == "La moyenne"
    assert "✘</span> Pas encore</strong>" in widget.retour.value
    assert "tirée vers le haut" in widget.retour.value

    widget.champ.value = "La médiane"
    widget.bouton_verifier.click()
    assert contenu(dossier)["essai.indicateur"]["reponse"] == "La médiane"
    assert "✔</span> Juste</strong>" in widget.retour.value


@pytest.mark.parametrize(
    "fabrique, reponse, attendu_dans_le_champ",
    [
        (indicateur, "La médiane", "La médiane"),
        (part, 14.3, "14,3"),
        (part, "14,3 %", "14,3 %"),
        (mot, "Médiane", "Médiane"),
        (debat, "Je montrerais la médiane.", "Je montrerais la médiane."),
    ],
)
def test_widget_prerempli_sans_ecrire(dossier, fabrique, reponse, attendu_dans_le_champ):
    fabrique().verifier(reponse)
    avant = (dossier / FICHIER).read_bytes()
    date_avant = (dossier / FICHIER).stat().st_mtime_ns
    module_questions._REGISTRE.clear()  # a new kernel: the notebook is re-executed
    widget = fabrique().widget()
    assert widget.champ.value == attendu_dans_le_champ
    assert "Juste" in widget.retour.value or "Réponse enregistrée" in widget.retour.value
    assert (dossier / FICHIER).read_bytes() == avant
    assert (dossier / FICHIER).stat().st_mtime_ns == date_avant


def test_choix_multiple_cases(dossier):
    sources().verifier(["Les subventions"])
    widget = sources().widget()
    assert [c.value for c in widget.cases] == [False, False, True]
    assert [c.description for c in widget.cases] == ["Les menus", "Les dossiers médicaux", "Les subventions"]
    widget.cases[1].value = True
    widget.bouton_verifier.click()
    assert contenu(dossier)["essai.sources"]["reponse"] == ["Les dossiers médicaux", "Les subventions"]
    assert "Il manque 1 bonne réponse" in widget.retour.value and "1 case cochée" in widget.retour.value
    widget.cases[1].value, widget.cases[0].value = False, True
    widget.bouton_verifier.click()
    assert "Juste" in widget.retour.value


def test_nombre_et_texte(dossier):
    widget = part().widget()
    assert "%" in widget.champ.description
    widget.champ.value = "14,4 %"
    widget.bouton_verifier.click()
    assert contenu(dossier)["essai.part"]["reponse"] == "14,4 %"
    assert "Juste" in widget.retour.value
    widget = mot().widget()
    widget.champ.value = "  MÉDIANE. "
    widget.bouton_verifier.click()
    assert "Juste" in widget.retour.value


def test_reflexion_bouton_enregistrer(dossier):
    widget = debat().widget()
    assert isinstance(widget.champ, w.Textarea)
    assert widget.bouton_verifier.description == "Enregistrer ma réponse"
    assert widget.bouton_indice is None and widget.bouton_solution is None  # nothing to show
    avec_pistes = Reflexion(id="essai.debat2", carnet=CARNET, enonce="?", solution="Parlez de la médiane.")
    assert avec_pistes.widget().bouton_solution.description == "Voir la solution"
    widget.champ.value = "Je leur montrerais la médiane."
    widget.bouton_verifier.click()
    assert "Réponse enregistrée" in widget.retour.value and "entre pairs" in widget.retour.value
    assert contenu(dossier)["essai.debat"]["reponse"] == "Je leur montrerais la médiane."


def test_resultat_pandas_lit_la_variable_du_carnet(dossier, monkeypatch):
    variables = {}
    monkeypatch.setattr(module_widgets, "espace_de_noms", lambda: variables)
    widget = moyenne_par_commune().widget()
    assert widget.champ is None
    assert widget.bouton_verifier.description == "Vérifier ma variable resultat"
    widget.bouton_verifier.click()
    assert "je ne trouve pas de variable <code>resultat</code>" in widget.retour.value
    assert not (dossier / FICHIER).exists()

    variables["resultat"] = pd.Series([12.5, 31.0], index=["Arbois", "Bellac"])
    widget.bouton_verifier.click()
    assert "Pas encore" in widget.retour.value and "pour «\u202fBellac\u202f»" in widget.retour.value
    variables["resultat"] = pd.Series([12.5, 30.0], index=["Arbois", "Bellac"])
    widget.bouton_verifier.click()
    assert "Juste" in widget.retour.value
    assert contenu(dossier)["essai.pandas"]["reponse"]["__type__"] == "Series"
    module_questions._REGISTRE.clear()
    assert moyenne_par_commune().est_juste()


def test_indices_et_solution_dans_la_zone_d_aide():
    widget = indicateur().widget()
    widget.bouton_indice.click()
    widget.bouton_indice.click()
    widget.bouton_indice.click()
    textes = [o["data"]["text/markdown"] for o in widget.aide.outputs]
    assert textes[0] == "**Indice 1/2 :** Coupez en deux groupes égaux."
    assert textes[1].startswith("**Indice 2/2 :**")
    assert textes[2].startswith("**Plus d'indice :**")
    widget.bouton_solution.click()
    widget.bouton_solution.click()  # shown once
    textes = [o["data"]["text/markdown"] for o in widget.aide.outputs]
    assert textes[3:] == ["**Solution :** La médiane : la moitié au-dessus, la moitié en dessous."]


@pytest.mark.parametrize("fabrique", TOUTES)
def test_accessibilite_libelles_et_boutons_textuels(fabrique):
    widget = fabrique().widget()
    for enfant in _descendants(widget):
        if isinstance(enfant, (w.Text, w.Textarea, w.RadioButtons, w.Checkbox)):
            assert enfant.description.strip(), f"{type(enfant).__name__} sans libellé"
            assert not enfant.description_allow_html
        if isinstance(enfant, w.Button):
            assert len(enfant.description.strip()) >= 5, "un bouton doit porter un texte"
    boutons = [b.description for b in (widget.bouton_verifier, widget.bouton_indice, widget.bouton_solution) if b]
    assert boutons[0].startswith(("Vérifier", "Enregistrer"))
    if widget.bouton_indice:
        assert "Un indice" in boutons
    if not isinstance(widget.question, Reflexion):
        assert "Voir la solution" in boutons
    assert widget.question.enonce.split("`")[0][:10] in widget.children[0].value


def _descendants(widget):
    yield widget
    for enfant in getattr(widget, "children", ()):
        yield from _descendants(enfant)


def test_fichier_casse_widget_avertit_puis_repare(dossier):
    (dossier / FICHIER).write_text("{ceci n'est pas du JSON", encoding="utf-8")
    with pytest.warns(AvertissementReponses, match="illisible"):
        widget = indicateur().widget()
    assert (dossier / FICHIER).read_text(encoding="utf-8") == "{ceci n'est pas du JSON"  # building: no write
    widget.champ.value = "La médiane"
    widget.bouton_verifier.click()
    assert "Juste" in widget.retour.value and "mis de côté" in widget.retour.value
    assert contenu(dossier)["essai.indicateur"]["reponse"] == "La médiane"
    assert len(list(dossier.glob(f"reponses-{CARNET}.illisible-*.json"))) == 1


def test_une_erreur_inattendue_s_affiche_en_francais(monkeypatch):
    q = indicateur()
    widget = q.widget()

    def panne(valeur):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(q, "_noter", panne)
    widget.champ.value = "La médiane"
    widget.bouton_verifier.click()
    assert "problème inattendu" in widget.retour.value and "panne simulée" in widget.retour.value


def test_afficher_affiche_le_widget(monkeypatch):
    affiches = []
    monkeypatch.setattr("IPython.display.display", lambda *objets: affiches.extend(objets))
    indicateur().afficher()
    assert len(affiches) == 1 and isinstance(affiches[0], module_widgets.WidgetQuestion)


def test_version_statique_sans_widget(dossier):
    """nbgrader's feedback pages have no widget state: the output falls back to text/HTML."""
    widget = indicateur().widget()
    assert repr(widget).endswith("○ Pas encore de réponse vérifiée.")
    widget.champ.value = "La moyenne"
    widget.bouton_verifier.click()
    module_questions._REGISTRE.clear()
    donnees = indicateur().widget()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in donnees
    assert donnees["text/plain"].startswith("Quel indicateur résume la cantine « typique » ?\n✘ Pas encore — ")
    assert "tirée vers le haut" in donnees["text/html"] and "Pas encore</strong>" in donnees["text/html"]


def test_enonce_en_gras_sans_asterisques(dossier):
    """« la part **médiane** » in a statement: bold in the widget, its tooltip and its static version."""
    q = Nombre(id="essai.mediane", carnet=CARNET, enonce="La part **médiane**, en % ?", reponse=9, tolerance=0.1,
               unite="%")
    widget = q.widget()
    donnees = widget._repr_mimebundle_()
    assert "<strong>médiane</strong>" in widget.children[0].value and "**" not in widget.children[0].value
    assert "**" not in donnees["text/html"] and "**" not in donnees["text/plain"]
    assert widget.champ.tooltip == "La part médiane, en % ?"
