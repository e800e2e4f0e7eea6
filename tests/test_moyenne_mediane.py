"""Chapter « Moyenne, médiane, taux »: the subsidies read from the course's SCDL file, the « one big
value » comparator, the question bank, the book page's claims, the workshop notebook and the graded
assignment (full nbgrader cycle, exact scores).

Expected values are recomputed here from the data files with plain pandas, independently of the
package's helpers.
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from donnees_en_main.donnees import charger
from outils_nbgrader import CoursNbgrader, code_repondre_par_widgets, executer_atelier, remplir

RACINE = Path(__file__).resolve().parent.parent


@pytest.fixture
def q(tmp_path, monkeypatch):
    """The question bank, with answers saved in a throw-away folder."""
    monkeypatch.chdir(tmp_path)
    from donnees_en_main.chapitres.moyenne_mediane import questions as moyenne_mediane

    return moyenne_mediane


def argent_par_association(annee: int) -> pd.Series:
    """Money received by each association in `annee`, straight from the two CSV files."""
    s = pd.read_csv(RACINE / "datasets" / "repondre-citoyen" / "subventions.csv", dtype=str)
    a = pd.read_csv(RACINE / "datasets" / "repondre-citoyen" / "annuaire-associations.csv", dtype=str)
    s = s[s["dateConvention"].str[:4].eq(str(annee)) & s["nature"].eq("aide en numéraire")]
    montant = s["montant"].astype(float) * s["pourcentageSubvention"].astype(float)
    return montant.groupby(s["rnaBeneficiaire"].map(a.set_index("rna")["nom"])).sum()


# -- the subsidies ------------------------------------------------------------------------------------------

def test_les_subventions_viennent_du_fichier_scdl(q):
    attendu = argent_par_association(q.ANNEE)
    serie = q.subventions()
    assert serie.sort_index().round(2).to_dict() == attendu.sort_index().round(2).to_dict()
    assert serie.is_monotonic_increasing, "rangées de la plus petite à la plus grande"
    assert q.NB_ASSOCIATIONS == len(attendu)
    assert q.MOYENNE == pytest.approx(attendu.mean()) and q.MEDIANE == pytest.approx(attendu.median())
    assert q.MOYENNE > 2 * q.MEDIANE, "l'exemple doit montrer une moyenne bien au-dessus de la médiane"


def test_la_subvention_exceptionnelle(q):
    s = pd.read_csv(RACINE / "datasets" / "repondre-citoyen" / "subventions.csv", dtype=str)
    s = s[s["dateConvention"].str[:4].eq(str(q.ANNEE)) & s["nature"].eq("aide en numéraire")
          & ~s["objet"].str.contains("fonctionnement", case=False)]
    plus_grosse = s.loc[s["montant"].astype(float).idxmax()]
    assert q.GRANDE_SUBVENTION == float(plus_grosse["montant"]) and q.GRANDE_OBJET == plus_grosse["objet"]
    sans = q.subventions(exceptionnelle=0)
    assert sans.sum() == pytest.approx(q.TOTAL - q.GRANDE_SUBVENTION)
    assert q.subventions(exceptionnelle=150_000)[q.GRANDE_ASSOCIATION] == pytest.approx(
        q.TOTAL_GRANDE - q.GRANDE_SUBVENTION + 150_000)
    assert q.GRANDE_SUBVENTION in q.CRANS_SUBVENTION
    assert q.GRANDE_SUBVENTION > 23_000, "la page dit que cette subvention demande une convention"


def test_la_mediane_ne_bouge_pas_quand_la_grande_valeur_grossit(q):
    # the page says so in words: keep it true if the data change
    medianes = {float(q.subventions(exceptionnelle=x).median()) for x in q.CRANS_SUBVENTION if x >= 10_000}
    moyennes = [float(q.subventions(exceptionnelle=x).mean()) for x in q.CRANS_SUBVENTION]
    assert len(medianes) == 1
    assert moyennes == sorted(moyennes) and moyennes[-1] > 2 * moyennes[0]


def test_revenus_fictifs(q):
    assert len(q.revenus()) == 9 and len(q.revenus(1_000_000)) == 10
    assert q.revenus(1_000_000).mean() > 4 * q.revenus(1_000_000).median()


def test_taux_et_evolutions(q):
    achats = charger("achats-cantines")
    assert q.taux_global(achats) == pytest.approx(achats["achats_bio_ht"].sum() / achats["achats_totaux_ht"].sum() * 100)
    parts = achats["achats_bio_ht"] / achats["achats_totaux_ht"] * 100
    assert q.MOYENNE_DES_TAUX == pytest.approx(parts.mean())
    assert q.MOYENNE_DES_TAUX - q.TAUX_GLOBAL > 2, "l'exemple doit montrer l'écart entre moyenne des taux et taux global"
    assert q.evolution_pourcent(20, 22) == pytest.approx(10)
    assert q.evolution_pourcent(8, 12) == pytest.approx(50)
    assert q.euros(12500) == "12\u202f500\u00a0€"


# -- the comparator ---------------------------------------------------------------------------------------

def _texte(html: str) -> str:
    return re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'")


def test_le_comparateur_marche_sans_noyau(q):
    from ipywidgets.widgets.widget import _instances
    from ipywidgets.widgets.widget_link import Link

    avant = set(_instances)
    boite = q.comparateur()
    liens = {(l.source[0].model_id, l.source[1], l.target[0].model_id, l.target[1])
             for k, l in _instances.items() if k not in avant and isinstance(l, Link)}
    assert (boite.menu.model_id, "index", boite.exemples.model_id, "selected_index") in liens
    subv, revenus = boite.exemples.children
    for page, valeurs in ((subv, lambda x: q.subventions(exceptionnelle=x)), (revenus, q.revenus)):
        assert (page.curseur.model_id, "index", page.vues.model_id, "selected_index") in liens
        assert len(page.curseur.options) == len(page.vues.children) == len(page.crans)
        for x, vue in zip(page.crans, page.vues.children):
            v = valeurs(x)
            texte = _texte(vue.value)
            assert f"Moyenne {q.euros(v.mean())}" in texte and f"Médiane {q.euros(v.median())}" in texte
            assert f"sur {len(v)}" in texte
    assert any("(votée)" in libelle for libelle, _ in subv.curseur.options)


# -- question bank ------------------------------------------------------------------------------------------

def test_les_reponses_attendues_sont_calculees(q):
    assert q.mediane_subventions.reponse == pytest.approx(argent_par_association(q.ANNEE).median())
    assert q.moyenne_subventions.reponse == round(argent_par_association(q.ANNEE).mean())
    assert q.taux_global_bio.reponse == round(q.TAUX_GLOBAL, 1)
    assert q.par_habitant.reponse == max((q.COMMUNE_A, q.COMMUNE_B), key=lambda c: c["subventions"] / c["habitants"])["nom"]


def test_les_erreurs_frequentes_ont_leur_message(q):
    r = q.mediane_subventions.verifier(q.MOYENNE)
    assert not r.juste and "C'est la moyenne" in r.message
    r = q.taux_global_bio.verifier(round(q.MOYENNE_DES_TAUX, 1))
    assert not r.juste and "moyenne des parts" in r.message
    assert q.taux_global_bio.verifier(f"{q.TAUX_GLOBAL:.1f}".replace(".", ",") + " %").juste
    r = q.evolution_bio.verifier(4)
    assert not r.juste and "points" in r.message
    r = q.points_ou_pourcent.verifier("Le taux augmente de 2 %")
    assert not r.juste and "points" in r.message
    assert q.indicateur_subventions.verifier("La subvention médiane").juste
    assert "moyenne-mediane.indicateur_subventions" in json.loads(
        (Path.cwd() / "reponses-moyenne-mediane.json").read_text(encoding="utf-8"))


# -- the book page ------------------------------------------------------------------------------------------

def test_la_page_cite_les_vrais_chiffres_et_renvoie_aux_autres_chapitres():
    texte = (RACINE / "book" / "moyenne-mediane.md").read_text(encoding="utf-8")
    # the national figures are shown from the registry of facts (donnees_en_main/faits.py), not typed in
    for morceau in ("{glue:text}`fait_cantines-2021-moyenne`", "{glue:text}`fait_cantines-2021-mediane`",
                    "{glue:text}`fait_cantines-2021-nb`", "{glue:text}`fait_cantines-2021-ministere`",
                    "faits.coller()", "ma cantine", "{doc}`cantine`", "{doc}`elections`",
                    "{doc}`energie`", "{doc}`cadre-legal`", "q.comparateur()", "Questions pour échanger entre pairs"):
        assert morceau in texte, morceau
    assert texte.count(":tags: [remove-input]") + texte.count("tags: [remove-input]") >= 5


# -- workshop notebook --------------------------------------------------------------------------------------

REPONSES_ATELIER = code_repondre_par_widgets({
    "moyenne-mediane.indicateur_subventions": "La subvention médiane",
    "moyenne-mediane.par_habitant": "Commune A",
}) + """
mediane = subventions.median()
assert q.mediane_subventions.verifier(mediane).juste
import json as _json
_reponses = _json.load(open("reponses-moyenne-mediane.json", encoding="utf-8"))
assert set(_reponses) >= {"moyenne-mediane.indicateur_subventions", "moyenne-mediane.par_habitant",
                          "moyenne-mediane.mediane_subventions"}, _reponses
"""


def test_le_carnet_d_atelier_s_execute_et_ses_exercices_se_corrigent():
    sorties = executer_atelier("moyenne-mediane", apres=REPONSES_ATELIER)
    assert not [o for o in sorties if o.output_type == "stream" and o.name == "stderr"]
    textes = "".join(str(o.get("text", "")) for o in sorties)
    assert "associations, année" in textes and "Médiane des parts de bio" in textes


# -- graded assignment --------------------------------------------------------------------------------------

CODE_Q3 = "mediane = subventions.median()\nq.mediane_subventions.verifier(mediane)"
CODE_Q4 = ('taux_global = achats["achats_bio_ht"].sum() / achats["achats_totaux_ht"].sum() * 100\n'
           "q.taux_global_bio.verifier(taux_global)")
# The classic mistakes: the mean instead of the median; the mean of the canteens' rates.
CODE_Q3_MOYENNE = "mediane = subventions.mean()\nq.mediane_subventions.verifier(mediane)"
CODE_Q4_MOYENNE = ('taux_global = (achats["achats_bio_ht"] / achats["achats_totaux_ht"] * 100).mean()\n'
                   "q.taux_global_bio.verifier(taux_global)")


def code_juste(nb):
    remplir(nb, "q3-reponse", CODE_Q3)
    remplir(nb, "q4-reponse", CODE_Q4)
    return nb


def pieges(nb):
    remplir(nb, "q3-reponse", CODE_Q3_MOYENNE)
    remplir(nb, "q4-reponse", CODE_Q4_MOYENNE)
    return nb


@pytest.fixture(scope="module")
def cours(tmp_path_factory):
    from donnees_en_main.chapitres.moyenne_mediane import questions as qm

    cours = CoursNbgrader(tmp_path_factory.mktemp("moyenne-mediane"), "moyenne-mediane")
    cours.generer()
    justes = {qm.indicateur_subventions.id: qm.indicateur_subventions.reponse,
              qm.points_ou_pourcent.id: qm.points_ou_pourcent.reponse}
    # Answers everything, clicking in a real kernel.
    cours.soumettre("complet", modifier=code_juste, executer_apres=code_repondre_par_widgets(justes))
    # Opened and handed in untouched.
    cours.soumettre("intact")
    # Right code, no click; then the answers file of someone who only answered question 2.
    dossier = cours.soumettre("partiel", modifier=code_juste)
    with contextlib.chdir(dossier):
        qm.points_ou_pourcent.verifier(qm.points_ou_pourcent.reponse)
    # The two classic mistakes in code, a wrong answer to question 1 (its answers file as written by the
    # widgets: clicking through a real kernel is already covered by « complet »).
    with contextlib.chdir(cours.soumettre("pieges", modifier=pieges)):
        qm.indicateur_subventions.verifier("La subvention moyenne")
        qm.points_ou_pourcent.verifier(qm.points_ou_pourcent.reponse)
    cours.autograde()
    return cours


def test_version_eleve_sans_solution_ni_reponses(cours):
    release = cours.version_eleve
    assert not list(release.glob("reponses-*.json"))
    texte = (release / "moyenne-mediane.ipynb").read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" not in texte and "est_juste" not in texte
    assert "subventions.median()" not in texte and '.sum() / achats["achats_totaux_ht"]' not in texte
    assert texte.count('"raise NotImplementedError()\\n"') == 2, "deux cellules de code à compléter"


def test_bareme_et_scores_exacts(cours):
    assert cours.score_max() == 5
    assert cours.score("complet") == 5
    assert cours.score("intact") == 0
    assert cours.scores_par_cellule("partiel") == {
        "q1-correction": 0, "q2-correction": 1, "q3-correction": 1, "q4-correction": 2}
    assert cours.scores_par_cellule("pieges") == {
        "q1-correction": 0, "q2-correction": 1, "q3-correction": 0, "q4-correction": 0}


def test_retour_en_francais_qui_explique_l_erreur(cours):
    retours = cours.retours()
    html = retours["pieges"][0].read_text(encoding="utf-8")
    assert '<html lang="fr">' in html
    assert "Note : 1 / 5" in html
    assert "moyenne des parts" in html and "C'est la moyenne" in html
