"""The « elections » chapter: data, loader of the official files, question bank, workshop, assignment.

The datasets are fictional but written in the Ministère de l'Intérieur's real formats; the loader must
read them (and the ways real files break) into one tidy table, with French errors. The workshop runs
top to bottom, and the assignment is graded for real by nbgrader with exact scores.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from frictionless import Resource, validate

from donnees_en_main.donnees import ErreurDonnees, charger, chemin, decrire
from donnees_en_main.chapitres.elections import (
    COLONNES, ELECTIONS, charger_resultats, code_bureau, code_insee, comparateur_elections,
    explorateur_bureaux, lire_resultats, par_bureau, par_candidat, tableau_comparaison,
)
from donnees_en_main.donnees.validation import valider
from outils_nbgrader import CoursNbgrader, code_repondre_par_widgets, executer_atelier, remplir

RACINE = Path(__file__).resolve().parent.parent
DATASETS = RACINE / "datasets"
BRUT_2022 = "elections-presidentielle-2022-t1-bureaux"
BRUT_2024 = "elections-legislatives-2024-t1-bureaux"


def generateur():
    spec = importlib.util.spec_from_file_location("generer_elections", DATASETS / "generer_elections.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gen():
    return generateur()


@pytest.fixture
def q(tmp_path, monkeypatch):
    """The question bank, with answers saved in a throw-away folder."""
    monkeypatch.chdir(tmp_path)
    from donnees_en_main.chapitres.elections import questions as elections

    return elections


# -- datasets ---------------------------------------------------------------------------------------


def ressources_elections() -> list[dict]:
    paquet = json.loads((DATASETS / "datapackage.json").read_text(encoding="utf-8"))
    return [r for r in paquet["resources"] if r["name"].startswith("elections-")]


def test_chaque_fichier_du_chapitre_est_decrit_et_dit_qu_il_est_fictif():
    ressources = ressources_elections()
    decrits = {r["path"] for r in ressources}
    sur_disque = {f"elections/{f.name}" for f in (DATASETS / "elections").glob("*.csv")}
    assert decrits == sur_disque
    for r in ressources:
        for cle in ("name", "path", "title", "description", "format", "encoding", "sources", "licenses", "created", "nature"):
            assert r.get(cle), f"{r['name']} : propriété « {cle} » manquante"
        assert r["fictif"] is True
        assert "fictif" in r["title"] and "fictives" in r["description"], r["name"]
        assert (DATASETS / r["schema"]).is_file()


@pytest.mark.parametrize("nom", [BRUT_2024, "elections-presidentielle-2022-t1", "elections-legislatives-2024-t1", "elections-bureaux"])
def test_les_fichiers_respectent_leur_schema(nom):
    rapport = valider(nom)
    assert rapport.valide, rapport.resume()


def test_le_fichier_2022_respecte_son_schema_malgre_sa_ligne_de_titres_trop_courte():
    # Its header names only the first candidate block: the resource's dialect skips it and the schema
    # names every column. Checked with frictionless and the resource's own descriptor.
    descripteur = decrire(BRUT_2022)
    rapport = validate(Resource(descripteur, basepath=str(DATASETS)))
    assert rapport.valid, rapport.flatten(["rowNumber", "fieldName", "message"])[:5]
    assert rapport.tasks[0].stats["rows"] == 7 and rapport.tasks[0].stats["fields"] == 21 + 7 * 8
    # ... and the same file read with its header as titles is, as expected, not a regular table.
    sans_dialecte = {k: v for k, v in descripteur.items() if k not in ("dialect", "schema")}
    sans_dialecte["dialect"] = {"delimiter": ";"}
    assert not validate(Resource(sans_dialecte, basepath=str(DATASETS))).valid


def test_format_2022_comme_le_ministere(gen):
    octets = chemin(BRUT_2022).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        octets.decode("utf-8")  # latin-1, like the 2017-2022 files
    lignes = octets.decode("latin-1").splitlines()
    entete = lignes[0].split(";")
    assert entete[:7] == ["Code du département", "Libellé du département", "Code de la circonscription",
                          "Libellé de la circonscription", "Code de la commune", "Libellé de la commune", "Code du b.vote"]
    assert entete[7:21] == ["Inscrits", "Abstentions", "% Abs/Ins", "Votants", "% Vot/Ins", "Blancs", "% Blancs/Ins",
                            "% Blancs/Vot", "Nuls", "% Nuls/Ins", "% Nuls/Vot", "Exprimés", "% Exp/Ins", "% Exp/Vot"]
    assert entete[21:] == ["N°Panneau", "Sexe", "Nom", "Prénom", "Voix", "% Voix/Ins", "% Voix/Exp"]
    premiere = lignes[1].split(";")
    assert len(premiere) == 21 + 7 * len(gen.ELECTIONS["presidentielle-2022-t1"]["candidats"]) > len(entete)
    assert premiere[4] == "912" and premiere[6] == "0001"  # commune on 3 characters, bureau on 4
    assert "," in premiere[9] and "." not in premiere[9]  # comma decimals


def test_format_2024_comme_le_ministere():
    lignes = chemin(BRUT_2024).read_text(encoding="utf-8").splitlines()
    entete = lignes[0].split(";")
    assert entete[:5] == ["Code département", "Libellé département", "Code commune", "Libellé commune", "Code BV"]
    assert "% Abstentions" in entete and "Numéro de panneau 1" in entete and "Numéro de panneau 7" in entete
    premiere = lignes[1].split(";")
    assert len(premiere) == len(entete)
    assert premiere[2] == "49912" and premiere[4] == "0001"
    assert premiere[7].endswith("%") and "," in premiere[7]
    assert premiere[-1] == "" and premiere[-9:] == [""] * 9  # padding blocks, as in the national file


def test_meme_commune_fictive_que_la_cantine(gen):
    sys.path.insert(0, str(DATASETS))
    import generer_cantine

    resultats = charger_resultats("legislatives-2024-t1")
    assert set(resultats["libelle_commune"]) == {generer_cantine.COMMUNE_NOM}
    assert set(resultats["code_commune"]) == {generer_cantine.COMMUNE_INSEE}


def test_le_generateur_est_deterministe_et_reproduit_les_fichiers_livres(gen, tmp_path):
    gen.generer(tmp_path / "a", datapackage=None)
    gen.generer(tmp_path / "b", datapackage=None)
    fichiers = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert fichiers == sorted(p.name for p in (DATASETS / "elections").iterdir() if p.is_file())
    for nom in fichiers:
        assert (tmp_path / "a" / nom).read_bytes() == (tmp_path / "b" / nom).read_bytes(), nom
        assert (tmp_path / "a" / nom).read_bytes() == (DATASETS / "elections" / nom).read_bytes(), (
            f"{nom} ne correspond plus au générateur : relancez python datasets/generer_elections.py")


def test_le_generateur_ne_touche_que_ses_entrees_du_datapackage(gen, tmp_path):
    autre = {"name": "autre-chapitre", "path": "autre/x.csv"}
    paquet = {"name": "test", "resources": [autre, {"name": "elections-ancienne", "path": "vieux.csv"}]}
    fichier = tmp_path / "datapackage.json"
    fichier.write_text(json.dumps(paquet), encoding="utf-8")
    gen.mettre_a_jour_datapackage(fichier)
    noms = [r["name"] for r in json.loads(fichier.read_text(encoding="utf-8"))["resources"]]
    assert noms[0] == "autre-chapitre" and "elections-ancienne" not in noms
    assert noms[1:] == [r["name"] for r in gen.ressources()]


# -- the loader -------------------------------------------------------------------------------------


def test_la_table_longue_redonne_exactement_les_comptes_simules(gen):
    import numpy as np

    verite = gen.simuler(np.random.default_rng(gen.GRAINE))
    for election, bureaux in verite.items():
        df = lire_resultats(chemin(f"elections-{election}-bureaux"))
        assert list(df.columns) == COLONNES
        candidats = gen.ELECTIONS[election]["candidats"]
        assert len(df) == len(bureaux) * len(candidats)
        for b in bureaux:
            lignes = df[df["code_bureau"] == b["code_bureau"]].sort_values("numero_panneau")
            for cle in ("inscrits", "abstentions", "votants", "blancs", "nuls", "exprimes"):
                assert set(lignes[cle]) == {b[cle]}
            assert list(lignes["voix"]) == b["voix"]
        assert list(df.loc[df["code_bureau"] == "0001", "sexe"]) == [c[1] for c in candidats]


def test_les_tables_longues_livrees_sont_celles_du_lecteur():
    for election in ELECTIONS:
        livre = charger(f"elections-{election}")
        lu = lire_resultats(chemin(f"elections-{election}-bureaux"))
        assert list(livre["code_bureau"]) == list(lu["code_bureau"])
        assert list(livre["voix"]) == list(lu["voix"])


def test_lecture_des_deux_formats():
    p = charger_resultats("presidentielle-2022-t1")
    assert p.attrs["encodage"] == "latin-1" and p.attrs["separateur"] == ";"
    assert p["code_bureau"].iloc[0] == "0001" and p["code_commune"].iloc[0] == "49912"
    assert p["code_departement"].iloc[0] == "49"
    assert set(p["nuance"]) == {""}
    assert p["candidat"].iloc[0] == "Élodie MARCHAND"
    l24 = charger_resultats("legislatives-2024-t1")
    assert l24.attrs["encodage"] == "utf-8"
    assert len(l24) == 7 * 5, "les blocs vides de 2024 ne doivent pas donner de candidats"
    assert set(l24["sexe"]) == {"F", "M"} and "DVD" in set(l24["nuance"])


@pytest.mark.parametrize("dep, com, attendu", [
    ("49", "912", "49912"), ("1", "53", "01053"), ("01", "1053", "01053"), ("2A", "4", "2A004"),
    ("2b", "033", "2B033"), ("ZA", "101", "97101"), ("49", "49912", "49912"),
])
def test_code_insee(dep, com, attendu):
    assert code_insee(dep, com) == attendu


@pytest.mark.parametrize("valeur, attendu", [(1, "0001"), ("12", "0012"), ("3.0", "0003"), ("0004", "0004"), ("A12", "A12")])
def test_code_bureau(valeur, attendu):
    assert code_bureau(valeur) == attendu


def lignes_2022() -> list[list[str]]:
    return [l.split(";") for l in chemin(BRUT_2022).read_text(encoding="latin-1").splitlines()]


def ecrire(chemin_fichier: Path, lignes, sep=";", encodage="latin-1", fin="\n", bom=False) -> Path:
    texte = fin.join(sep.join(l) for l in lignes) + fin
    chemin_fichier.write_bytes((b"\xef\xbb\xbf" if bom else b"") + texte.encode(encodage))
    return chemin_fichier


def test_lit_les_variantes_rencontrees_dans_les_vrais_fichiers(tmp_path):
    reference = charger_resultats("presidentielle-2022-t1")
    lignes = lignes_2022()
    # A spreadsheet's save: zeros lost in the codes, zero-padded counts (municipales 2014), a trailing
    # separator, tab-separated (municipales 2020), UTF-8 with a BOM and Windows line ends.
    abime = [lignes[0]] + [[*l[:4], l[4], l[5], str(int(l[6])), l[7].zfill(8), *l[8:], ""] for l in lignes[1:]]
    for variante in [
        ecrire(tmp_path / "tableur.csv", abime),
        ecrire(tmp_path / "tab.txt", lignes, sep="\t"),
        ecrire(tmp_path / "bom.csv", lignes, encodage="utf-8", fin="\r\n", bom=True),
    ]:
        lu = lire_resultats(variante)
        pd.testing.assert_frame_equal(lu, reference)


def test_cp1252_reconnu(tmp_path):
    lignes = lignes_2022()
    lignes[1][24] = "Élodie ’Lili’"  # a typographic apostrophe exists only in cp1252
    lu = lire_resultats(ecrire(tmp_path / "cp1252.csv", lignes, encodage="cp1252"))
    assert lu.attrs["encodage"] == "cp1252"
    assert lu["prenom"].iloc[0] == "Élodie ’Lili’"


def attendre_erreur(fichier, *mots, **options):
    with pytest.raises(ErreurDonnees) as erreur:
        lire_resultats(fichier, **options)
    message = str(erreur.value)
    for mot in mots:
        assert mot in message, message
    return message


def test_erreurs_en_francais_sur_les_mauvais_fichiers(tmp_path):
    lignes = lignes_2022()
    attendre_erreur(tmp_path / "absent.csv", "introuvable")
    (tmp_path / "vide.csv").write_bytes(b"")
    attendre_erreur(tmp_path / "vide.csv", "vide")
    (tmp_path / "texte.csv").write_text("Résultats du premier tour\nvoir le PDF\n", encoding="utf-8")
    attendre_erreur(tmp_path / "texte.csv", "séparateur")
    attendre_erreur(ecrire(tmp_path / "titres.csv", lignes[:1]), "aucun bureau")

    sans_inscrits = [[c for i, c in enumerate(l) if i != 7] for l in lignes]
    attendre_erreur(ecrire(tmp_path / "sans_inscrits.csv", sans_inscrits), "« Inscrits »", "par bureau de vote")

    sans_candidats = [l[:21] for l in lignes]
    attendre_erreur(ecrire(tmp_path / "sans_candidats.csv", sans_candidats), "N°Panneau")

    coupee = [list(l) for l in lignes]
    coupee[3] = coupee[3][:-3]
    attendre_erreur(ecrire(tmp_path / "coupee.csv", coupee), "ligne 4", "blocs de 7 colonnes")

    lettres = [list(l) for l in lignes]
    lettres[2][7] = "mille"
    attendre_erreur(ecrire(tmp_path / "lettres.csv", lettres), "ligne 3", "« Inscrits »", "« mille »", "nombre entier")

    voix_vide = [list(l) for l in lignes]
    voix_vide[1][21 + 7 + 4] = ""
    attendre_erreur(ecrire(tmp_path / "voix_vide.csv", voix_vide), "ligne 2", "candidat n° 2", "vide")


def test_comptes_incoherents_signales_bureau_par_bureau(tmp_path):
    lignes = lignes_2022()
    faux = [list(l) for l in lignes]
    faux[4][21 + 4] = str(int(faux[4][21 + 4]) + 10)  # 10 votes too many in bureau 0004
    fichier = ecrire(tmp_path / "faux.csv", faux)
    message = attendre_erreur(fichier, "bureau 0004", "exprimés", "controler=False")
    assert "0001" not in message
    lu = lire_resultats(fichier, controler=False)
    assert lu["voix"].sum() == charger_resultats("presidentielle-2022-t1")["voix"].sum() + 10

    doublon = lignes + [lignes[1]]
    attendre_erreur(ecrire(tmp_path / "doublon.csv", doublon), "deux fois", "0001")


def test_election_inconnue():
    with pytest.raises(ErreurDonnees, match="presidentielle-2022-t1"):
        charger_resultats("municipales-2020")
    with pytest.raises(ErreurDonnees, match="participation"):
        tableau_comparaison({"x": charger_resultats()}, "abstention")


# -- summaries, charts, widgets -------------------------------------------------------------------------


def test_participation_et_scores_de_la_commune():
    p = charger_resultats("presidentielle-2022-t1")
    long = charger("elections-presidentielle-2022-t1")  # the other road: the shipped tidy CSV
    un_par_bureau = long.drop_duplicates("code_bureau")
    attendu = 100 * un_par_bureau["votants"].sum() / un_par_bureau["inscrits"].sum()
    bureaux = par_bureau(p)
    t = tableau_comparaison({"p": p}, "participation")
    assert t.loc["Commune", "p"] == pytest.approx(attendu)
    assert bureaux["participation"].mean() > attendu + 2, "la moyenne simple doit surestimer la participation"
    c = par_candidat(p)
    assert c["pct_exprimes"].sum() == pytest.approx(100)
    assert (c["pct_inscrits"] < c["pct_exprimes"]).all()


def test_widgets_sans_noyau(q):
    import ipywidgets as widgets
    from ipywidgets.widgets.widget import _instances
    from ipywidgets.widgets.widget_link import Link

    p, l24 = q.PRESIDENTIELLE, q.LEGISLATIVES
    boite = explorateur_bureaux(p, {"0001": "Hôtel de ville"}, "Présidentielle")
    (menu,), pile = boite.menus, boite.children[1]
    assert isinstance(pile, widgets.Stack) and len(pile.children) == 7 and len(menu.options) == 7
    assert menu.options[0][0] == "0001 — Hôtel de ville"
    for page in pile.children:
        assert 'alt="Graphique en barres. Bureau ' in page.value
    comparateur = comparateur_elections({"P": p, "L": l24})
    (boutons,), pile2 = comparateur.menus, comparateur.children[1]
    assert len(pile2.children) == len(boutons.options) == 3
    liens = [w for w in list(_instances.values()) if isinstance(w, Link)]
    assert any(lien.source == (menu, "index") and lien.target == (pile, "selected_index") for lien in liens)
    assert any(lien.source == (boutons, "index") and lien.target == (pile2, "selected_index") for lien in liens)


def test_tableaux_de_bord_nombres_francais_images_legeres(q):
    import base64
    import html
    import io
    import re

    from PIL import Image

    from donnees_en_main.affichage.graphiques import nombre_fr

    p, l24 = q.PRESIDENTIELLE, q.LEGISLATIVES
    bureaux = par_bureau(p)
    pages = explorateur_bureaux(p).children[1].children
    pages += comparateur_elections({"P": p, "L": l24}).children[1].children
    for code, page in zip(bureaux.index, pages):  # the explorer's pages come first, one per bureau
        assert f"Bureau {code} : {nombre_fr(bureaux.loc[code, 'inscrits'], 0)} inscrits," in page.value
    for page in pages:
        texte = html.unescape(re.sub(r"<[^>]+>", " ", page.value))
        assert not re.search(r"\d\.0\b", texte), "a count printed as a float (« 1184.0 inscrits »)"
        balises = re.findall(r"<img\b[^>]*>", page.value)
        assert len(balises) == 1
        alt = re.search(r'alt="([^"]+)"', balises[0]).group(1)
        assert alt.startswith("Graphique en barres. ") and len(alt.split()) > 8
        style = re.search(r'style="([^"]*)"', balises[0]).group(1)
        assert "max-width:100%" in style and "height:auto" in style and not re.search(r"\bwidth:\s*\d+px", style)
        png = base64.b64decode(re.search(r'src="data:image/png;base64,([^"]+)"', balises[0]).group(1))
        image = Image.open(io.BytesIO(png))
        image.load()
        assert image.mode == "P", "dashboard charts are palette PNGs (graphiques.figure_en_png): lighter pages"
        assert image.width <= 640


# -- question bank ----------------------------------------------------------------------------------------


def test_reponses_calculees_depuis_les_donnees(q):
    long = charger("elections-presidentielle-2022-t1")
    un = long.drop_duplicates("code_bureau")
    assert q.PARTICIPATION == round(100 * un["votants"].sum() / un["inscrits"].sum(), 1)
    bertin = long[long["nom"] == "BERTIN"]["voix"].sum()
    assert q.CANDIDAT == "Paul BERTIN"  # named in the workshop and the assignment
    assert q.SCORE == round(100 * bertin / un["exprimes"].sum(), 1)
    assert abs(q.SCORE_MOYEN - q.SCORE) > 1 and abs(q.MOYENNE_BUREAUX - q.PARTICIPATION) > 1
    assert q.QUALIFIES != q.QUALIFIES_SI_EXPRIMES


def test_les_erreurs_frequentes_ont_leur_message(q):
    r = q.participation_commune.verifier(q.MOYENNE_BUREAUX)
    assert not r.juste and "moyenne des participations" in r.message
    assert q.participation_commune.verifier(f"{q.PARTICIPATION:.1f}".replace(".", ",") + " %").juste
    assert "multipliez par 100" in q.participation_commune.verifier(q.PARTICIPATION / 100).message
    assert "inscrits" in q.qualification.verifier(q.QUALIFIES_SI_EXPRIMES).message
    assert "blancs" in q.exprimes.verifier(q.PV_VOTANTS - q.PV_NULS).message
    assert q.code_bureau.verifier(" 0004 ").juste and not q.code_bureau.verifier("4").juste
    assert q.voix_par_candidat.verifier(q.calculer_voix_par_candidat(q.PRESIDENTIELLE)).juste
    moyenne_des_pourcentages = (100 * q.PRESIDENTIELLE["voix"] / q.PRESIDENTIELLE["exprimes"]).groupby(
        q.PRESIDENTIELLE["nom"]).mean()
    assert not q.voix_par_candidat.verifier(moyenne_des_pourcentages).juste


# -- workshop notebook --------------------------------------------------------------------------------------

REPONSES_ATELIER = """
from donnees_en_main.chapitres.elections import questions as _q
voix_par_candidat = long.groupby("nom")["voix"].sum()
_b = resultats.drop_duplicates("code_bureau").set_index("code_bureau")
participation = _b["votants"] / _b["inscrits"] * 100
for _question, _valeur in [
    (_q.voix_par_candidat, voix_par_candidat),
    (_q.participation_bureaux, participation),
    (_q.participation_commune, _b["votants"].sum() / _b["inscrits"].sum() * 100),
]:
    _r = _question.verifier(_valeur)
    assert _r.juste, (_question.id, _r.message)
"""


def test_le_carnet_d_atelier_s_execute_et_ses_exercices_se_corrigent():
    sorties = executer_atelier("elections", apres=REPONSES_ATELIER)
    textes = "".join(str(o.get("data", {}).get("text/plain", "")) + str(o.get("text", "")) for o in sorties)
    assert "Code du département" in textes and "56 lignes" in textes


# -- graded assignment ---------------------------------------------------------------------------------------

CODE_Q3 = ('bureaux = resultats.drop_duplicates("code_bureau").set_index("code_bureau")\n'
           'participation = bureaux["votants"] / bureaux["inscrits"] * 100')
CODE_Q4 = ('un_par_bureau = resultats.drop_duplicates("code_bureau")\n'
           'participation_commune = un_par_bureau["votants"].sum() / un_par_bureau["inscrits"].sum() * 100\n'
           "q.participation_commune.verifier(participation_commune)")
CODE_Q5 = ('voix_bertin = resultats.loc[resultats["nom"] == "BERTIN", "voix"].sum()\n'
           'score = voix_bertin / resultats.drop_duplicates("code_bureau")["exprimes"].sum() * 100\n'
           "q.score_commune.verifier(score)")
# The classic mistakes: the mean of the bureaux' rates, the mean of the bureaux' percentages.
CODE_Q4_MOYENNE = "participation_commune = participation.mean()\nq.participation_commune.verifier(participation_commune)"
CODE_Q5_MOYENNE = ('bertin = resultats[resultats["nom"] == "BERTIN"]\n'
                   'score = (bertin["voix"] / bertin["exprimes"] * 100).mean()\nq.score_commune.verifier(score)')


def code_juste(nb):
    remplir(nb, "q3-reponse", CODE_Q3)
    remplir(nb, "q4-reponse", CODE_Q4)
    remplir(nb, "q5-reponse", CODE_Q5)
    return nb


def moyennes(nb):
    remplir(nb, "q3-reponse", CODE_Q3)
    remplir(nb, "q4-reponse", CODE_Q4_MOYENNE)
    remplir(nb, "q5-reponse", CODE_Q5_MOYENNE)
    return nb


@pytest.fixture(scope="module")
def cours(tmp_path_factory):
    from donnees_en_main.chapitres.elections import questions as qe

    widgets_justes = {qe.denominateur.id: qe.denominateur.reponse, qe.qualification.id: str(qe.QUALIFIES)}
    cours = CoursNbgrader(tmp_path_factory.mktemp("elections"), "elections")
    cours.generer()
    # Everything right: clicks in the real widgets, code typed in the answer cells.
    cours.soumettre("complet", modifier=code_juste, executer_apres=code_repondre_par_widgets(widgets_justes))
    cours.soumettre("intact")
    # Only question 1, through its widget.
    cours.soumettre("partiel", executer_apres=code_repondre_par_widgets({qe.denominateur.id: qe.denominateur.reponse}))
    # Right clicks for Q1, the wrong denominator for Q2, and the means where totals were needed.
    cours.soumettre("moyennes", modifier=moyennes, executer_apres=code_repondre_par_widgets(
        {qe.denominateur.id: qe.denominateur.reponse, qe.qualification.id: str(qe.QUALIFIES_SI_EXPRIMES)}))
    # Code only, never touched the widgets (the notebook is not even run before submission).
    cours.soumettre("code_seul", modifier=code_juste)
    cours.autograde()
    return cours


def test_version_eleve_sans_solution_ni_reponses(cours):
    release = cours.version_eleve
    assert not list(release.glob("reponses-*.json"))
    texte = (release / "elections.ipynb").read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" not in texte and "est_juste" not in texte
    assert 'bureaux["votants"] / bureaux["inscrits"]' not in texte, "la solution de la question 3 a fuité"
    nb = nbformat.reads(texte, as_version=4)
    a_remplir = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells
                 if c.cell_type == "code" and "raise NotImplementedError()" in c.source]
    assert a_remplir == ["q3-reponse", "q4-reponse", "q5-reponse"]


def test_bareme_et_scores_exacts(cours):
    assert cours.score_max() == 6
    assert cours.score("complet") == 6
    assert cours.score("intact") == 0
    assert cours.scores_par_cellule("partiel") == {
        "q1-correction": 1, "q2-correction": 0, "q3-correction": 0, "q4-correction": 0, "q5-correction": 0}
    assert cours.scores_par_cellule("moyennes") == {
        "q1-correction": 1, "q2-correction": 0, "q3-correction": 2, "q4-correction": 0, "q5-correction": 0}
    assert cours.scores_par_cellule("code_seul") == {
        "q1-correction": 0, "q2-correction": 0, "q3-correction": 2, "q4-correction": 1, "q5-correction": 1}


def test_les_reponses_par_widget_sont_enregistrees(cours):
    from donnees_en_main.chapitres.elections import questions as qe

    enregistre = json.loads((cours.dossier_eleve("complet") / "reponses-elections.json").read_text(encoding="utf-8"))
    assert enregistre[qe.denominateur.id]["reponse"] == qe.denominateur.reponse
    assert float(str(enregistre[qe.qualification.id]["reponse"]).replace(",", ".")) == qe.QUALIFIES


def test_retour_en_francais_qui_explique_l_erreur(cours):
    retours = cours.retours()
    html = retours["moyennes"][0].read_text(encoding="utf-8")
    assert '<html lang="fr">' in html
    assert "Note : 3 / 6" in html
    assert "moyenne des participations des bureaux" in html
    assert "La loi parle des inscrits" in html


def test_comparateur_resume_dit_le_sens_de_l_ecart_en_points(q):
    """The summary above each comparison chart: the commune's change, the bureaux that rose and fell
    most, each with its true sign (+ or the minus sign U+2212) and « point » singular below 2."""
    import html
    import re

    from donnees_en_main.chapitres.elections import tableau_comparaison

    p, l24 = q.PRESIDENTIELLE, q.LEGISLATIVES
    pages = comparateur_elections({"P": p, "L": l24}).children[1].children
    for cle, page in zip(["participation", "blancs", "nuls"], pages):
        resume = html.unescape(re.search(r"<p>(.*?)</p>", page.value).group(1))
        t = tableau_comparaison({"P": p, "L": l24}, cle).round(1)
        ecarts = t["L"] - t["P"]
        assert not re.search(r"-\d", resume), resume  # a hyphen is not a minus sign
        attendu = ecarts["Commune"]
        nombre = f"{abs(attendu):.1f}".replace(".", ",")
        signe = "" if round(attendu, 1) == 0 else ("+" if attendu > 0 else "\u2212")
        assert f"({signe}{nombre}\u00a0point" in resume, resume
        bureaux = ecarts.drop("Commune").round(1)
        for mot, code, valeur in (("hausse", bureaux.idxmax(), bureaux.max()), ("baisse", bureaux.idxmin(), bureaux.min())):
            trouve = re.search(rf"Plus forte {mot} : bureau (\S+) \(([+\u2212])([\d,]+)\u00a0(points?)\)", resume)
            if (valeur > 0 and mot == "hausse") or (valeur < 0 and mot == "baisse"):
                assert trouve, resume
                assert trouve.group(1) == code
                assert trouve.group(2) == ("+" if mot == "hausse" else "\u2212")
                assert float(trouve.group(3).replace(",", ".")) == abs(valeur)
                assert trouve.group(4) == ("points" if abs(valeur) >= 2 else "point")
            else:
                assert not trouve, resume


def test_ecart_points_fr():
    from donnees_en_main.affichage.graphiques import ecart_points_fr

    assert ecart_points_fr(0.3) == "+0,3\u00a0point"
    assert ecart_points_fr(-0.64) == "\u22120,6\u00a0point"
    assert ecart_points_fr(-2.04) == "\u22122,0\u00a0points"
    assert ecart_points_fr(1.96) == "+2,0\u00a0points"
    assert ecart_points_fr(0.01) == "0,0\u00a0point"
