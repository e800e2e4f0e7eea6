"""Unit tests of the exercise engine (donnees_en_main.exercices), widgets aside."""

from __future__ import annotations

import json
import os
import warnings

import numpy as np
import pandas as pd
import pytest

from donnees_en_main.exercices import (
    AvertissementReponses,
    ChoixMultiple,
    ChoixUnique,
    Nombre,
    Reflexion,
    Resultat,
    CalculPandas,
    Texte,
    progression,
    questions_du_carnet,
    reponses_enregistrees,
)
from donnees_en_main.exercices import types_de_questions as module_questions
from donnees_en_main.exercices import stockage
from donnees_en_main.exercices.normalisation import (
    formater_nombre, lire_nombre, normaliser_texte, texte_en_clair, texte_en_html,
)

CARNET = "essai"
FICHIER = f"reponses-{CARNET}.json"


@pytest.fixture(autouse=True)
def dossier(tmp_path, monkeypatch):
    """Each test runs in its own empty folder, and leaves the question registry as it found it."""
    monkeypatch.chdir(tmp_path)
    sauvegarde = {c: dict(qs) for c, qs in module_questions._REGISTRE.items()}
    # questions another test module left in the carnet « essai » (test_devoirs uses it too) are not ours
    module_questions._REGISTRE.pop(CARNET, None)
    yield tmp_path
    module_questions._REGISTRE.clear()
    module_questions._REGISTRE.update(sauvegarde)


def lire_fichier(dossier):
    return json.loads((dossier / FICHIER).read_text(encoding="utf-8"))


def ecrire_fichier(dossier, contenu):
    texte = contenu if isinstance(contenu, (str, bytes)) else json.dumps(contenu)
    chemin = dossier / FICHIER
    chemin.write_bytes(texte if isinstance(texte, bytes) else texte.encode("utf-8"))
    return chemin


def indicateur(**kwargs):
    options = dict(
        id="essai.indicateur",
        carnet=CARNET,
        enonce="Quel indicateur résume le mieux la part de bio d'une cantine « typique » ?",
        choix=["La moyenne", "La médiane", "Le maximum"],
        reponse="La médiane",
        erreurs_frequentes={"La moyenne": "La moyenne est tirée vers le haut par quelques cantines très bio."},
        indices=["Pensez à une valeur qui coupe les cantines en deux groupes égaux.", "Son nom commence par « méd »."],
        solution="La médiane : la moitié des cantines sont au-dessus, la moitié en dessous.",
        points=2,
    )
    options.update(kwargs)
    return ChoixUnique(**options)


def part_bio(**kwargs):
    options = dict(
        id="essai.part", carnet=CARNET, enonce="Quelle est la part de bio (en %) ?", reponse=14.3,
        tolerance=0.1, unite="%",
        erreurs_frequentes={0.143: "Vous avez donné une proportion : multipliez par 100 pour un pourcentage."},
    )
    options.update(kwargs)
    return Nombre(**options)


# -- Resultat -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "statut, mot, icone",
    [("juste", "Juste", "✔"), ("faux", "Pas encore", "✘"), ("non_tente", "Pas encore de réponse", "○")],
)
def test_resultat_dit_son_statut_avec_une_icone_et_un_mot(statut, mot, icone):
    r = Resultat(statut, "Un message <b>à échapper</b> avec `code`.", points_possibles=3)
    assert repr(r).startswith(f"{icone} {mot} — ")
    page = r._repr_html_()
    assert f'<span aria-hidden="true">{icone}</span> {mot}' in page
    assert "&lt;b&gt;" in page and "<code>code</code>" in page and "<b>" not in page
    assert bool(r) is (statut == "juste") and r.juste is (statut == "juste")
    assert r.points == (3 if statut == "juste" else 0)


def test_resultat_refuse_un_statut_inconnu():
    with pytest.raises(ValueError):
        Resultat("bof", "…")


# -- ChoixUnique ----------------------------------------------------------------------------------

def test_choix_unique_non_tente_juste_faux(dossier):
    q = indicateur()
    r = q.verifier()
    assert r.statut == "non_tente" and not r and r.points == 0
    assert "pas encore répondu" in r.message
    assert not (dossier / FICHIER).exists()  # checking without an answer writes nothing

    r = q.verifier("La moyenne")
    assert r.statut == "faux" and r.points == 0
    assert "tirée vers le haut" in r.message and "« La moyenne »" in r.message

    r = q.verifier("Le maximum")
    assert r.statut == "faux" and "Ce n'est pas la bonne réponse" in r.message

    r = q.verifier("La médiane")
    assert r.statut == "juste" and r.points == 2 and q.est_juste()


def test_choix_unique_tolere_casse_et_accents_mais_pas_un_autre_choix():
    q = indicateur()
    assert q.verifier("  la MEDIANE. ").juste
    r = q.verifier("Le mode")
    assert r.statut == "faux" and "ne fait pas partie des choix" in r.message


@pytest.mark.parametrize(
    "modifs, morceau",
    [
        (dict(reponse="La somme"), "ne fait pas partie des choix"),
        (dict(erreurs_frequentes={"Le mode": "…"}), "ne fait pas partie des choix"),
        (dict(choix=["La moyenne", "La moyenne", "La médiane"]), "apparaît deux fois"),
        (dict(choix=["La médiane"]), "au moins deux"),
        (dict(carnet="../ailleurs"), "nom du carnet"),
        (dict(id=""), "identifiant"),
    ],
)
def test_une_question_mal_ecrite_est_refusee_en_francais(modifs, morceau):
    with pytest.raises(ValueError, match=morceau):
        indicateur(**modifs)


# -- ChoixMultiple --------------------------------------------------------------------------------

def sources():
    return ChoixMultiple(
        id="essai.sources", carnet=CARNET, enonce="Quelles données sont publiques ?",
        choix=["Les menus", "Les délibérations", "Les dossiers médicaux", "Les subventions"],
        reponses=["Les menus", "Les délibérations", "Les subventions"],
        erreurs_frequentes={"Les dossiers médicaux": "Les données de santé sont protégées par le secret médical."},
    )


def test_choix_multiple_egalite_d_ensembles():
    q = sources()
    assert q.verifier().statut == "non_tente"
    assert q.verifier([]).statut == "non_tente"
    assert q.verifier(["Les subventions", "Les menus", "Les délibérations"]).juste  # order does not matter


@pytest.mark.parametrize(
    "coches, attendus",
    [
        (["Les menus", "Les délibérations"], ["Il manque 1 bonne réponse."]),
        (["Les menus"], ["Il manque 2 bonnes réponses."]),
        (
            ["Les menus", "Les délibérations", "Les subventions", "Les dossiers médicaux"],
            ["1 case cochée n'est pas juste.", "secret médical"],
        ),
        (["Les menus", "Les dossiers médicaux"], ["Il manque 2 bonnes réponses.", "1 case cochée n'est pas juste."]),
    ],
)
def test_choix_multiple_dit_combien_manquent_ou_sont_en_trop(coches, attendus):
    r = sources().verifier(coches)
    assert r.statut == "faux"
    for morceau in attendus:
        assert morceau in r.message


def test_choix_multiple_valeur_d_un_autre_type():
    q = sources()
    assert q.verifier("Les menus").statut == "faux"  # a single string is one ticked box
    r = q.verifier(3)
    assert r.statut == "faux" and "liste" in r.message


# -- Nombre ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "valeur, juste",
    [
        ("14,3", True), ("14,3 %", True), (" 14.3", True), (14.3, True), (np.float64(14.3), True),
        ("14,4", True), ("14,2", True), (14.4, True), (14.2, True),  # exactly at the tolerance: right
        ("14,41", False), ("14,19", False), (14.4000001, False), (14.1999999, False),  # just beyond
        ("0,143", False), (143, False),
    ],
)
def test_nombre_tolerance_bords_inclus(valeur, juste):
    assert part_bio().verifier(valeur).juste is juste


def test_nombre_tolerance_zero_et_grands_nombres():
    q = Nombre(id="essai.budget", carnet=CARNET, enonce="Budget ?", reponse=1234.5, tolerance=0.5, unite="€")
    assert q.verifier("1 235").juste and q.verifier("1.234,0").juste
    assert not q.verifier("1 235,01").juste
    exact = Nombre(id="essai.ecoles", carnet=CARNET, enonce="Combien d'écoles ?", reponse=3)
    assert exact.verifier("3").juste and not exact.verifier("3,01").juste


def test_nombre_messages():
    q = part_bio()
    r = q.verifier("0,143")
    assert r.statut == "faux" and "multipliez par 100" in r.message and "0,143 %" in r.message
    r = q.verifier("12")
    assert "12 %" in r.message and "n'est pas la valeur attendue" in r.message
    r = q.verifier("quatorze")
    assert r.statut == "faux" and "Je n'arrive pas à lire un nombre dans « quatorze »" in r.message
    assert q.verifier(True).statut == "faux"
    assert q.verifier("   ").statut == "non_tente"
    assert "14,3 %" in q.verifier("14,3").message


def test_nombre_messages_arrondis():
    """A value pasted with all its decimals (« 14,7557144375 ») is echoed rounded to what the check looks at."""
    q = part_bio()  # within 0.1
    r = q.verifier("14,7557144375")
    assert "14,756 %" in r.message and "14,7557" not in r.message, r.message
    assert "0,143 %" in q.verifier("0,143").message  # three decimals typed: shown as typed
    assert "Bravo, 14,3 % est la bonne valeur." == q.verifier("14,3000001").message
    fin = Nombre(id="essai.fin", carnet=CARNET, enonce="?", reponse=1.5, tolerance=1e-6)
    assert "1,5000123 " in fin.verifier("1,50001234567").message  # a finer check shows finer figures
    exact = Nombre(id="essai.exact", carnet=CARNET, enonce="?", reponse=3)
    assert "3,0000001 " in exact.verifier("3,0000001").message  # an exact check never rounds
    pandas = CalculPandas(id="essai.calcul", carnet=CARNET, enonce="?", reponse=1.5)  # within 1e-6
    assert "(2,7557144)" in pandas.verifier(2.755714437489).message
    serie = CalculPandas(id="essai.serie", carnet=CARNET, enonce="?", reponse=pd.Series([1.5, 2.0]))
    assert "vous avez 2,7557144." in serie.verifier(pd.Series([2.755714437489, 2.0])).message
    assert formater_nombre(14.7557144375, decimales=3) == "14,756"
    assert formater_nombre(14.99996, decimales=3) == "15"
    assert formater_nombre(1234.56789, decimales=1) == "1\u202f234,6"


def test_nombre_mal_ecrit_est_refuse():
    with pytest.raises(ValueError, match="tolerance"):
        part_bio(tolerance=-1)
    with pytest.raises(ValueError, match="reponse"):
        part_bio(reponse="14,3")


def test_chiffres_calcules_au_premier_usage(dossier):
    """A bank gives its data-derived figures as functions: nothing is computed before first use."""
    appels = []

    def mediane():
        appels.append("reponse")
        return 9.0

    q = Nombre(id="essai.paresseux", carnet=CARNET, enonce=lambda: f"Médiane ({len(appels)} calcul) ?",
               reponse=mediane, tolerance=0.1, unite="%",
               erreurs_frequentes=lambda: {14.8: "C'est la moyenne."}, solution=lambda: "Elle vaut 9 %.",
               indices=lambda: "Triez les valeurs.")
    assert appels == []
    assert q.verifier("9").juste and appels == ["reponse"]
    assert "C'est la moyenne." in q.verifier("14,8").message
    assert q.verifier("9,05").juste and appels == ["reponse"], "calculée une seule fois"
    assert q.solution().texte == "Elle vaut 9 %." and q.enonce.startswith("Médiane")
    assert q.indice().texte == "Triez les valeurs." and q.indice().titre == "Plus d'indice"
    mauvaise = Nombre(id="essai.paresseux_faux", carnet=CARNET, enonce="?", reponse=lambda: "neuf")
    with pytest.raises(ValueError, match="`reponse` doit être un nombre"):
        mauvaise.verifier("9")


def test_choix_unique_dont_la_reponse_est_calculee_au_premier_usage(dossier):
    appels = []

    def bonne():
        appels.append(1)
        return "b"

    q = ChoixUnique(id="essai.choix_paresseux", carnet=CARNET, enonce="?", choix=["a", "b"], reponse=bonne,
                    erreurs_frequentes=lambda: {"a": "Pas celle-là."})
    assert appels == []
    assert q.verifier("b").juste and "Pas celle-là." in q.verifier("a").message and appels == [1]
    mauvaise = ChoixUnique(id="essai.choix_paresseux_faux", carnet=CARNET, enonce="?", choix=["a", "b"],
                           reponse=lambda: "c")
    with pytest.raises(ValueError, match="ne fait pas partie des choix"):
        mauvaise.verifier("a")
    with pytest.raises(ValueError, match="ne fait pas partie des choix"):
        ChoixUnique(id="essai.choix_faux", carnet=CARNET, enonce="?", choix=["a", "b"], reponse="c")


# -- Texte ----------------------------------------------------------------------------------------

def mot():
    return Texte(
        id="essai.mot", carnet=CARNET, enonce="Comment s'appelle la valeur du milieu ?",
        reponses_acceptees=["médiane", "la médiane"],
        erreurs_frequentes={"moyenne": "La moyenne est la somme divisée par le nombre de valeurs."},
    )


@pytest.mark.parametrize("valeur", ["médiane", "  Médiane. ", "MEDIANE", "la   médiane !", "« médiane »", "La Médiane…"])
def test_texte_tolerant_comme_pix(valeur):
    assert mot().verifier(valeur).juste


def test_texte_messages():
    q = mot()
    r = q.verifier("Moyenne")
    assert r.statut == "faux" and "somme divisée" in r.message
    r = q.verifier("mediane s")
    assert r.statut == "faux" and "presque" in r.message
    r = q.verifier("maximum")
    assert r.statut == "faux" and "n'est pas la réponse attendue" in r.message
    assert q.verifier(42).statut == "faux"
    assert q.verifier({"a": 1}).statut == "faux"
    assert q.verifier("").statut == "non_tente"


# -- Reflexion ------------------------------------------------------------------------------------

def test_reflexion_n_est_pas_notee(dossier):
    q = Reflexion(id="essai.debat", carnet=CARNET, enonce="Que diriez-vous aux parents ?")
    assert q.verifier().statut == "non_tente"
    r = q.verifier("Je leur montrerais la médiane.")
    assert r.juste and r.points == 0 and q.points == 0
    assert repr(r).startswith("✔ Réponse enregistrée — ") and "entre pairs" in r.message
    assert lire_fichier(dossier)["essai.debat"]["reponse"] == "Je leur montrerais la médiane."


# -- CalculPandas -------------------------------------------------------------------------------

SERIE = pd.Series([12.5, 30.0, 7.25], index=pd.Index(["Arbois", "Bellac", "Cluny"], name="commune"), name="part")
TABLEAU = pd.DataFrame(
    {"commune": ["Arbois", "Bellac", "Cluny"], "part": [12.5, 30.0, 7.25], "repas": [120, 80, 200]}
)


def pandas_q(reponse, **kwargs):
    return CalculPandas(id="essai.pandas", carnet=CARNET, enonce="Calculez-le.", reponse=reponse, **kwargs)


def test_pandas_scalaire():
    q = pandas_q(14.3)
    assert q.verifier().statut == "non_tente" and "`resultat`" in q.verifier().message
    assert q.verifier(np.float64(14.3 + 1e-7)).juste  # within the default tolerance (1e-6)
    r = q.verifier(14.4)
    assert r.statut == "faux" and "14,4" in r.message and "n'est pas celle attendue" in r.message
    r = q.verifier("14.3")
    assert r.statut == "faux" and "On attend un nombre" in r.message
    r = q.verifier(pd.Series([14.3]))
    assert r.statut == "faux" and ".iloc[0]" in r.message


def test_pandas_serie_juste_et_attendu_calcule():
    appels = []

    def attendu():
        appels.append(1)
        return SERIE

    q = pandas_q(attendu)
    assert q.verifier(SERIE.copy()).juste
    assert q.verifier(SERIE.astype("float32").rename("autre nom")).juste  # dtype and name do not matter
    assert appels  # the expected value is computed when checking


@pytest.mark.parametrize(
    "obtenu, morceau",
    [
        (SERIE * 1.1, "3 valeurs sur 3 ne correspondent pas"),
        (SERIE.where(SERIE.index != "Bellac", 31.0), "pour « Bellac », vous avez 31"),
        (SERIE.iloc[:2], "Votre série a 2 valeurs, on en attend 3"),
        (SERIE.sort_values(), "pas dans l'ordre attendu"),
        (SERIE.rename(index={"Cluny": "Cluny-la-Ville"}), "manquent : « Cluny ». Ces étiquettes ne sont pas attendues : « Cluny-la-Ville »"),
        (SERIE.to_frame(), "d'une seule colonne"),
        (TABLEAU, "On attend une série (Series) de 3 valeurs"),
        (SERIE.astype(str), "pas toutes des nombres"),
        ([12.5, 30.0, 7.25], "une liste de 3 éléments"),
    ],
)
def test_pandas_serie_fausse(obtenu, morceau):
    r = pandas_q(SERIE).verifier(obtenu)
    assert r.statut == "faux"
    assert morceau in r.message


def test_pandas_serie_sans_verifier_l_index():
    q = pandas_q(SERIE, verifier_index=False)
    assert q.verifier(SERIE.reset_index(drop=True)).juste
    r = q.verifier(pd.Series([12.5, 31.0, 7.25]))
    assert r.statut == "faux" and "à la ligne 2" in r.message


def test_pandas_tableau_juste():
    q = pandas_q(TABLEAU)
    assert q.verifier(TABLEAU.copy()).juste
    assert q.verifier(TABLEAU[["repas", "commune", "part"]]).juste  # column order does not matter
    assert q.verifier(TABLEAU.assign(repas=TABLEAU["repas"].astype(float))).juste


@pytest.mark.parametrize(
    "obtenu, morceaux",
    [
        (TABLEAU.drop(columns="repas"), ["Il manque la colonne « repas »."]),
        (TABLEAU.assign(total=1), ["La colonne « total » n'est pas attendue."]),
        (TABLEAU.rename(columns={"part": "Part"}), ["Il manque la colonne « part »", "orthographe"]),
        (TABLEAU.assign(repas=[120, 81, 200]), ["Dans la colonne « repas »", "à la ligne 2", "81"]),
        (TABLEAU.assign(part=TABLEAU["part"].astype(str)), ["Dans la colonne « part »", "pas toutes des nombres"]),
        (TABLEAU.iloc[:2], ["Votre tableau a 2 lignes, on en attend 3."]),
        (TABLEAU.set_index("commune"), ["Il manque la colonne « commune »"]),
        (TABLEAU["part"], ["une seule colonne (une série)", "« commune », « part », « repas »"]),
        (14.3, ["On attend un tableau (DataFrame), vous avez donné le nombre 14,3."]),
    ],
)
def test_pandas_tableau_faux(obtenu, morceaux):
    r = pandas_q(TABLEAU).verifier(obtenu)
    assert r.statut == "faux"
    for morceau in morceaux:
        assert morceau in r.message


def test_pandas_aller_retour_par_le_fichier(dossier):
    tableau = pd.DataFrame(
        {
            "jour": pd.to_datetime(["2024-09-02", "2024-09-03", None]),
            "menu": ["Lentilles", None, "Poisson"],
            "bio": [True, False, True],
            "part": [0.5, np.nan, 0.25],
            "repas": pd.array([120, None, 90], dtype="Int64"),
            "categorie": pd.Categorical(["a", "b", "a"]),
        },
        index=pd.Index([10, 20, 30], name="id"),
    )
    q = pandas_q(tableau)
    assert q.verifier(tableau).juste
    # a new kernel (autograde): a new question object reads the file afresh
    module_questions._REGISTRE.clear()
    relu = pandas_q(tableau).reponse_enregistree()
    pd.testing.assert_frame_equal(relu, tableau)
    assert pandas_q(tableau).est_juste()
    serie = pd.Series([1, 2], index=pd.MultiIndex.from_tuples([("a", 2024), ("b", 2025)]), name="n")
    q = pandas_q(serie)
    assert q.verifier(serie).juste
    pd.testing.assert_series_equal(q.reponse_enregistree(), serie)


def test_pandas_objet_non_reconnu():
    r = pandas_q(TABLEAU).verifier(object())
    assert r.statut == "faux" and "un objet de type « object »" in r.message


# -- hints and solution ---------------------------------------------------------------------------

def test_indices_progressifs_puis_plus_rien():
    q = indicateur()
    premier, second, encore = q.indice(), q.indice(), q.indice()
    assert repr(premier) == "Indice 1/2 : Pensez à une valeur qui coupe les cantines en deux groupes égaux."
    assert premier._repr_markdown_().startswith("**Indice 1/2 :**")
    assert repr(second).startswith("Indice 2/2 : ") and "méd" in repr(second)
    assert repr(encore).startswith("Plus d'indice") and "les 2 indices" in repr(encore)
    sans = indicateur(indices=[])
    assert repr(sans.indice()).startswith("Pas d'indice")


def test_solution():
    assert repr(indicateur().solution()) == (
        "Solution : La médiane : la moitié des cantines sont au-dessus, la moitié en dessous."
    )
    assert "« La médiane »" in repr(indicateur(solution="").solution())
    assert "14,3 %" in repr(part_bio().solution())
    assert "« Les menus », « Les délibérations », « Les subventions »" in repr(sources().solution())
    assert "« médiane »" in repr(mot().solution())


# -- persistence ----------------------------------------------------------------------------------

def test_aller_retour_et_nouvelle_execution(dossier):
    q = indicateur()
    q.verifier("La moyenne")
    n = part_bio()
    n.verifier("14,3 %")
    contenu = lire_fichier(dossier)
    assert set(contenu) == {"essai.indicateur", "essai.part"}
    assert contenu["essai.indicateur"]["reponse"] == "La moyenne"
    assert contenu["essai.part"]["reponse"] == "14,3 %"
    assert "T" in contenu["essai.part"]["horodatage"]
    q.verifier("La médiane")  # a new answer replaces the old one, the others stay
    assert lire_fichier(dossier)["essai.indicateur"]["reponse"] == "La médiane"
    assert lire_fichier(dossier)["essai.part"]["reponse"] == "14,3 %"

    module_questions._REGISTRE.clear()  # re-executing the notebook in a new kernel
    assert indicateur().est_juste() and part_bio().est_juste()
    assert indicateur().reponse_enregistree() == "La médiane"
    assert reponses_enregistrees(CARNET)["essai.part"]["reponse"] == "14,3 %"
    assert not [p.name for p in dossier.iterdir() if p.name.endswith(".tmp")]


def test_le_fichier_est_celui_du_dossier_courant(dossier, monkeypatch):
    indicateur().verifier("La médiane")
    autre = dossier / "autre"
    autre.mkdir()
    monkeypatch.chdir(autre)
    assert indicateur().verifier().statut == "non_tente"
    assert reponses_enregistrees(CARNET) == {}


def test_ecriture_atomique_si_le_remplacement_echoue(dossier, monkeypatch):
    q = indicateur()
    q.verifier("La moyenne")
    avant = (dossier / FICHIER).read_bytes()

    def echec(*args):
        raise PermissionError(13, "Permission non accordée")

    monkeypatch.setattr(stockage.os, "replace", echec)
    r = q.verifier("La médiane")
    assert r.juste and "n'a pas pu être enregistrée" in r.message
    assert (dossier / FICHIER).read_bytes() == avant
    assert sorted(p.name for p in dossier.iterdir()) == [FICHIER]  # no temporary file left


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_le_fichier_reste_lisible_par_le_formateur(dossier):
    ancien = os.umask(0o022)
    try:
        indicateur().verifier("La médiane")
    finally:
        os.umask(ancien)
    assert (dossier / FICHIER).stat().st_mode & 0o777 == 0o644


# -- corrupted or hand-edited files ---------------------------------------------------------------

@pytest.mark.parametrize(
    "contenu, morceau",
    [
        ('{"essai.indicateur": {"reponse": "La médiane"', "n'est pas du JSON valide"),
        ("", "n'est pas du JSON valide"),
        ("[1, 2, 3]", "objet JSON"),
        (b"\xff\xfe\x00mauvais", "UTF-8"),
    ],
)
def test_fichier_illisible_avertit_en_francais_sans_planter(dossier, contenu, morceau):
    ecrire_fichier(dossier, contenu)
    q = indicateur()
    with pytest.warns(AvertissementReponses, match="illisible") as avertissements:
        r = q.verifier()
    assert r.statut == "non_tente"
    assert morceau in str(avertissements[0].message)
    with pytest.warns(AvertissementReponses):
        assert progression(CARNET).faites == 0


def test_fichier_illisible_mis_de_cote_a_la_prochaine_reponse(dossier):
    ecrire_fichier(dossier, "{pas du json")
    with pytest.warns(AvertissementReponses, match="mis de côté"):
        assert indicateur().verifier("La médiane").juste
    mis_de_cote = list(dossier.glob(f"reponses-{CARNET}.illisible-*.json"))
    assert len(mis_de_cote) == 1 and mis_de_cote[0].read_text() == "{pas du json"
    assert lire_fichier(dossier)["essai.indicateur"]["reponse"] == "La médiane"


def test_entree_mal_formee_ignoree_avec_avertissement(dossier):
    ecrire_fichier(dossier, {"essai.indicateur": "La médiane", "essai.part": {"reponse": "14,3"}})
    with pytest.warns(AvertissementReponses, match="essai.indicateur"):
        assert indicateur().verifier().statut == "non_tente"
    with pytest.warns(AvertissementReponses):
        assert part_bio().est_juste()


@pytest.mark.parametrize(
    "fabrique, reponse",
    [
        (indicateur, [1, 2]),
        (indicateur, {"a": 1}),
        (part_bio, {"valeur": 14.3}),
        (part_bio, [14.3]),
        (sources, 12),
        (mot, None),
        (lambda: pandas_q(TABLEAU), {"__type__": "DataFrame", "lignes": "n'importe quoi"}),
        (lambda: pandas_q(SERIE), {"__type__": "Series"}),
        (lambda: pandas_q(SERIE), {"__type__": "bizarre"}),
    ],
)
def test_valeur_du_mauvais_type_notee_comme_fausse(dossier, fabrique, reponse):
    ecrire_fichier(dossier, {fabrique().id: {"reponse": reponse}})
    q = fabrique()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a wrong value is not a broken file: no warning
        r = q.verifier()
    assert r.statut in {"faux", "non_tente"} and not q.est_juste()
    assert r.message


def test_dans_un_noyau_les_avertissements_s_affichent_sans_stderr(dossier, monkeypatch, capsys):
    """nbgrader gives 0 to a test cell that writes to stderr: in a kernel, warnings are displayed."""
    affiches = []
    monkeypatch.setattr(stockage, "_dans_un_noyau", lambda: True)
    monkeypatch.setattr("IPython.display.display", lambda *objets: affiches.extend(objets))
    ecrire_fichier(dossier, "{pas du json")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert indicateur().verifier().statut == "non_tente"
        assert indicateur().verifier("La médiane").juste
    assert capsys.readouterr().err == ""
    assert [type(a).__name__ for a in affiches] == ["Avertissement", "Avertissement"]
    assert "illisible" in repr(affiches[0]) and "mis de côté" in repr(affiches[1])
    assert repr(affiches[1]).startswith("⚠ Attention — ")
    assert '<span aria-hidden="true">⚠</span> Attention</strong>' in affiches[1]._repr_html_()


def test_les_avertissements_des_bibliotheques_sont_tus_pendant_la_correction(monkeypatch):
    q = indicateur()
    noter = q._noter

    def bavard(valeur):
        warnings.warn("bientôt obsolète", FutureWarning)
        return noter(valeur)

    monkeypatch.setattr(q, "_noter", bavard)
    with warnings.catch_warnings(record=True) as vus:
        warnings.simplefilter("always")
        assert q.verifier("La médiane").juste
    assert vus == []


def test_une_cellule_de_test_nbgrader_ne_touche_pas_stderr(dossier):
    """In a real kernel, a broken file set aside while grading writes nothing on stderr."""
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient

    ecrire_fichier(dossier, "{pas du json")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "from donnees_en_main.exercices import Nombre\n"
            "q = Nombre(id='essai.part', carnet='essai', enonce='Part ?', reponse=14.3, tolerance=0.1)\n"
            "q.afficher()"
        ),
        nbformat.v4.new_code_cell("r = q.verifier('14,3 %')\nassert r.juste, r.message\nassert q.est_juste()"),
    ]
    NotebookClient(nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(dossier)}}).execute()
    for cellule in nb.cells:
        assert not [o for o in cellule.outputs if o.get("name") == "stderr" or o.output_type == "error"]
    sorties = [o["data"]["text/plain"] for o in nb.cells[1].outputs if o.output_type == "display_data"]
    assert len(sorties) == 1 and "mis de côté" in sorties[0]
    assert "illisible" in nb.cells[0].outputs[0]["data"]["text/plain"]
    assert lire_fichier(dossier)["essai.part"]["reponse"] == "14,3 %"


# -- progress -------------------------------------------------------------------------------------

def test_progression_compte_et_liste_sans_couleur_seule():
    q1, q2, q3 = indicateur(), part_bio(), mot()
    q1.verifier("La médiane")
    q2.verifier("12")
    p = progression(CARNET)
    assert (p.faites, p.total) == (1, 3)
    assert p.statuts == {q1.id: "juste", q2.id: "faux", q3.id: "non_tente"}
    texte = repr(p).splitlines()
    assert texte[0] == "1 question faite sur 3"
    assert texte[1].startswith("✔ Juste — Quel indicateur")
    assert texte[2].startswith("✘ Pas encore — Quelle est la part")
    assert texte[3].startswith("○ Pas encore de réponse — Comment s'appelle")
    assert "Pas encore de réponse</strong>" in p._repr_html_()
    q3.verifier("médiane")
    assert repr(progression(CARNET)).startswith("2 questions faites sur 3")
    assert progression(CARNET, questions=[q2]).total == 1


def test_progression_sans_asterisques_du_gras():
    """A statement written with Markdown bold (« la part **médiane** ») shows in bold, never with its asterisks."""
    q = Nombre(id="essai.mediane", carnet=CARNET, reponse=9, tolerance=0.1, unite="%",
               enonce="Quelle est la part de bio **médiane** des cantines, en % ?")
    q.verifier("9")
    p = progression(CARNET)
    assert "<strong>médiane</strong>" in p._repr_html_() and "**" not in p._repr_html_()
    assert "la part de bio médiane des cantines" in repr(p) and "**" not in repr(p)
    # Cut short in the summary: no half of a bold mark left over.
    long = Texte(id="essai.long", carnet=CARNET, reponses_acceptees=["x"],
                 enonce="Une question assez longue pour être coupée dans le résumé, avec un mot en **gras tout au bout**")
    assert "**" not in progression(CARNET, questions=[long])._repr_html_()


def test_texte_en_html_gras_et_code():
    assert texte_en_html("la **médiane** et `a ** b` ou `**x**`") == (
        "la <strong>médiane</strong> et <code>a ** b</code> ou <code>**x**</code>")
    assert texte_en_html("2 * 3 ** 2 < 20") == "2 * 3 ** 2 &lt; 20"
    assert texte_en_clair("la **médiane**, `code`") == "la médiane, `code`"


def test_texte_en_html_typographie_francaise_hors_du_code():
    # On a phone, « Vous avez choisi « Le fichier est vide » » must not break right after « or
    # before » (a guillemet alone at the end of a line): narrow no-break spaces, as in the book.
    html_ = texte_en_html("Vous avez choisi « Le fichier est vide ». L'export fait 1 184 lignes ?")
    assert html_ == "Vous avez choisi «\u202fLe fichier est vide\u202f». L’export fait 1\u202f184 lignes\u202f?"
    # code is shown as typed
    assert texte_en_html("`sep=';' ?`") == "<code>sep=';' ?</code>"


def test_progression_registre_par_carnet():
    indicateur()
    indicateur()  # re-running a cell replaces the question, it does not add one
    Texte(id="autre.q", carnet="autre", enonce="?", reponses_acceptees=["x"])
    assert [q.id for q in questions_du_carnet(CARNET)] == ["essai.indicateur"]
    assert progression(CARNET).total == 1
    assert "Aucune question" in repr(progression("inconnu"))


# -- text and number reading ----------------------------------------------------------------------

@pytest.mark.parametrize(
    "texte, nombre",
    [
        ("14,3", 14.3), ("14,3 %", 14.3), (" 14.3", 14.3), ("14,3%", 14.3), ("1 234,5", 1234.5),
        ("1\u202f234,5", 1234.5), ("1\u00a0234", 1234), ("1.234,5", 1234.5), ("1,234.5", 1234.5),
        ("1.234.567", 1234567), ("−3,5", -3.5), ("+2", 2), (",5", 0.5), ("1e3", 1000), ("12 €", 12),
        (7, 7), (np.int64(7), 7),
    ],
)
def test_lire_nombre(texte, nombre):
    assert lire_nombre(texte) == pytest.approx(nombre)


@pytest.mark.parametrize("texte", ["douze", "12 15", "12 à 15", "1,2,3", "nan", "inf", "", True, None, [1]])
def test_lire_nombre_refuse_en_francais(texte):
    with pytest.raises(ValueError, match="nombre|vide"):
        lire_nombre(texte)


def test_normaliser_et_formater():
    assert normaliser_texte("  « La   Médiane ! » ") == "la mediane"
    assert normaliser_texte("Œuvre") == normaliser_texte("oeuvre")
    assert normaliser_texte("l’été.") == "l'ete"
    assert formater_nombre(14.3) == "14,3"
    assert formater_nombre(1234.5) == "1\u202f234,5"
    assert formater_nombre(0.1 + 0.2) == "0,3"
    assert formater_nombre(3.0) == "3"


def test_encoder_tout_en_json():
    valeurs = [np.int64(3), np.float64(2.5), np.bool_(True), pd.Timestamp("2024-01-02"), float("nan"), {"a": {1, 2}}]
    code = json.loads(json.dumps(stockage.encoder(valeurs)))
    assert stockage.decoder(code) == [3, 2.5, True, pd.Timestamp("2024-01-02"), None, {"a": [1, 2]}]
    inconnu = stockage.decoder(stockage.encoder(object()))
    assert isinstance(inconnu, stockage.ValeurNonReconnue) and inconnu.type_nom == "object"
