"""The column-by-column profiler (donnees_en_main.donnees.profil), on small tables with known defects.

Every test plants a defect (or its absence) and checks that the profile finds it, in French.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from donnees_en_main.donnees import ErreurDonnees, chemin, lire_csv_tableur
from donnees_en_main.donnees.profil import Profil, explorer, profiler, profiler_colonne, profiler_tableau

JOUR = pd.Timestamp("2026-11-26")


def colonne(valeurs, nom="colonne", **kwargs):
    return profiler_colonne(pd.Series(valeurs, name=nom), aujourd_hui=JOUR, **kwargs)


def suspects(profil_colonne) -> str:
    return " | ".join(profil_colonne.suspectes)


# --------------------------------------------------------------------------- missing values
def test_cases_vides_comptees_y_compris_les_espaces_seules():
    c = colonne(["a", None, "", "   ", "b", "a"], nom="ville")
    assert c.manquantes == 3 and c.total == 6 and c.pct_manquantes == pytest.approx(50)
    assert c.distinctes == 2 and c.nature == "texte"


def test_colonne_entierement_vide():
    c = colonne([None, None, ""], nom="note")
    assert c.nature == "vide" and c.manquantes == 3
    assert "entièrement vide" in suspects(c)


def test_mots_lus_comme_des_cases_vides_sont_signales():
    # The loader turned « secret » and « s » into missing values: the raw text says why.
    lu = pd.Series([120.5, None, 80.0, None, None, 95.0], name="conso")
    brut = pd.Series(["120.5", "secret", "80", "s", "", "95"], name="conso")
    c = profiler_colonne(lu, aujourd_hui=JOUR, texte_source=brut)
    assert c.manquantes == 3
    texte = suspects(c)
    assert "2 cases du fichier contiennent un mot" in texte
    assert "« secret » (1)" in texte and "« s » (1)" in texte and "pas un zéro" in texte


# --------------------------------------------------------------------------- numbers
def test_nombres_ecrits_comme_du_texte_avec_virgule_et_mots():
    c = colonne(["12,5", "3,2", "secret", "7", "1 250,75", "s", "secret"], nom="conso")
    assert c.nature == "nombre" and "texte" in c.libelle_nature
    texte = suspects(c)
    assert "3 nombres écrits avec une virgule décimale" in texte
    assert "« secret » (2)" in texte and "« s » (1)" in texte and "pas un zéro" in texte
    assert c.apercu.startswith("de 3,2 à 1\u202f250,8")


def test_pourcentages_ecrits_avec_le_symbole():
    c = colonne(["71,21%", "68,00 %", "66,46%"], nom="% Votants")
    assert c.nature == "nombre"
    assert "3 nombres suivis du symbole %" in suspects(c)


def test_valeur_tres_eloignee_par_la_regle_des_quartiles():
    valeurs = [10, 11, 12, 10, 11, 12, 11, 10, 250]
    c = colonne(valeurs, nom="consommation")
    q1, q3 = pd.Series(valeurs).quantile([0.25, 0.75])
    assert 250 > q3 + 1.5 * (q3 - q1)  # the planted value is beyond Tukey's fence
    texte = suspects(c)
    assert "1 valeur bien plus grande" in texte or "1 valeur bien plus grandes" in texte
    assert "250" in texte and "À vérifier" in texte


def test_pas_de_valeur_eloignee_dans_des_donnees_regulieres():
    assert colonne([10, 11, 12, 13, 14, 15, 16, 17, 18], nom="x").suspectes == []


def test_pas_de_regle_des_quartiles_sur_trop_peu_de_valeurs():
    assert colonne([1, 2, 3, 1000], nom="x").suspectes == []


def test_valeur_negative_isolee():
    valeurs = [5.0] * 30 + [-5.0]
    assert "1 valeur négative" in suspects(colonne(valeurs, nom="montant"))


def test_annees_ecrites_sans_separateur_de_milliers():
    c = colonne([1890, 1972, 2008], nom="annee_construction")
    assert c.apercu == "de 1890 à 2008 ; médiane 1972"


# --------------------------------------------------------------------------- texts
def test_espaces_invisibles_et_variantes_d_ecriture():
    c = colonne(["Brie", "Brie ", "Comté", "comté", "Comté"], nom="fromage")
    texte = suspects(c)
    assert "1 case commence ou finissent par une espace invisible, par exemple « Brie␣ »" in texte
    assert "1 valeur écrite de plusieurs façons" in texte and "« Comté » / « comté »" in texte


def test_accent_oublie_est_une_variante():
    c = colonne(["élémentaire"] * 10 + ["élementaire"], nom="type")
    assert "« élémentaire » / « élementaire »" in suspects(c)


def test_faute_de_frappe_rare_reperee():
    c = colonne(["plat principal"] * 20 + ["plat principale"] * 2 + ["entrée"] * 15, nom="plat")
    assert "« plat principale » (2 fois) et « plat principal » (20 fois)" in suspects(c)


@pytest.mark.parametrize(
    "valeurs",
    [
        ["Bureau 1"] * 10 + ["Bureau 2"],  # digits differ: not a typo
        ["Martin"] * 10 + ["Martine"] * 9,  # both frequent: two real values
        ["maternelle"] * 10 + ["élémentaire"] * 10,
    ],
)
def test_pas_de_fausse_faute_de_frappe(valeurs):
    assert "faute de frappe" not in suspects(colonne(valeurs, nom="libelle"))


def test_valeurs_toutes_differentes_ou_unique():
    assert colonne(["a", "b", "c"], nom="nom").apercu.startswith("toutes différentes")
    assert colonne(["x", "x"], nom="nom").apercu == "une seule valeur : « x »"


# --------------------------------------------------------------------------- codes
def test_code_qui_a_perdu_son_zero_initial():
    c = colonne(["01053", "1053", "49912", "2A004", "75056"], nom="code_insee")
    assert c.nature == "code"
    assert "« 1053 »" in suspects(c) and "« 01053 »" in suspects(c)


def test_code_stocke_comme_un_nombre():
    c = colonne([1000, 49980, 20200], nom="code_postal")
    assert c.nature == "code"
    assert "comme un nombre" in suspects(c) and "01053" in suspects(c)


def test_code_avec_point_zero_ou_notation_scientifique():
    c = colonne(["21860194600000.0", "21490912900014", "2,14909E+13"], nom="siret")
    texte = suspects(c)
    assert "1 code finit par « .0 »" in texte and "notation scientifique" in texte


def test_code_reconnu_a_ses_zeros_meme_sans_nom_de_code():
    c = colonne(["0001", "0002", "0010"], nom="bureau")
    assert c.nature == "code" and c.suspectes == []


def test_des_codes_bien_ecrits_ne_sont_pas_suspects():
    assert colonne(["01053", "02408", "2A004", "2B033"], nom="code_commune_insee").suspectes == []


# --------------------------------------------------------------------------- dates
def test_dates_dans_le_futur_et_trop_anciennes():
    dates = pd.to_datetime(["2025-09-01", "2027-01-15", "1900-01-01", "2026-11-26"])
    c = colonne(dates, nom="date")
    assert c.nature == "date" and c.apercu == "du 01/01/1900 au 15/01/2027"
    texte = suspects(c)
    assert "1 date après le 26/11/2026" in texte and "avant 1900" not in texte  # 1900 itself is fine
    assert "1 date avant 1900" in suspects(colonne(pd.to_datetime(["1899-12-31", "2020-01-01"]), nom="d"))


def test_dates_avec_fuseau_horaire():
    c = colonne(pd.to_datetime(["2025-08-22T10:30:00Z", "2030-01-01T00:00:00Z"]), nom="publication")
    assert "1 date après" in suspects(c)


def test_dates_ecrites_a_la_francaise():
    c = colonne(["01/09/2025", "02/09/2025", "15/12/2028"], nom="menuDate")
    assert c.nature == "date" and "française" in c.libelle_nature
    texte = suspects(c)
    assert "3 dates écrites à la française" in texte and "1 date après le 26/11/2026" in texte


def test_dates_iso_ecrites_en_texte_et_mois():
    assert colonne(["2025-09-01", "2025-09-02"], nom="jour").suspectes == []
    mois = colonne(["2021-01", "2024-12"], nom="mois")
    assert mois.nature == "date" and mois.apercu == "de 01/2021 à 12/2024 (mois)"


# --------------------------------------------------------------------------- other natures
def test_listes_et_oui_non():
    listes = colonne([["lait", "oeufs"], [], ["lait"]], nom="allergenes")
    assert listes.nature == "liste" and listes.distinctes == 2 and "1 liste vide" in listes.apercu
    json_texte = colonne(['["lait","oeufs"]', '["lait"]', None], nom="allergenes")
    assert json_texte.nature == "liste" and json_texte.manquantes == 1
    booleens = colonne(pd.Series([True, False, True], dtype="boolean"), nom="bio")
    assert booleens.nature == "oui/non" and booleens.apercu == "oui : 2, non : 1"


# --------------------------------------------------------------------------- whole table
@pytest.fixture
def tableau_abime():
    return pd.DataFrame(
        {
            "code_insee": ["49912", "49912", "4991", None, "49901", "49912"],
            "commune": ["Belval", "Belval", "Chênebrune", None, "Lanvrière ", "Belval"],
            "montant": [10.0, 10.0, 12.0, None, 11.0, 10.0],
            "allergenes": [["lait"], ["lait"], [], None, ["oeufs"], ["lait"]],
        }
    )


def test_profil_du_tableau_doublons_et_lignes_vides(tableau_abime):
    p = profiler_tableau(tableau_abime, "essai", aujourd_hui=JOUR)
    assert isinstance(p, Profil)
    assert p.lignes == 6 and len(p.colonnes) == 4
    assert p.doublons == int(tableau_abime.astype(str).duplicated().sum()) == 2
    assert p.lignes_vides == 1
    assert set(p.suspectes()) == {"code_insee", "commune"}
    assert "6 lignes, 4 colonnes, 2 lignes en double, 1 ligne vide" in p.resume()
    tableau = p.en_tableau()
    assert list(tableau["Colonne"]) == list(tableau_abime.columns)
    assert tableau.loc[0, "Manquantes"] == 1


def test_html_accessible_et_echappe(tableau_abime):
    tableau_abime.loc[0, "commune"] = "<script>alert(1)</script>"
    page = profiler_tableau(tableau_abime, "essai <b>", aujourd_hui=JOUR)._repr_html_()
    assert 'lang="fr"' in page and "<caption>" in page
    assert page.count('<th scope="row">') == 4  # every column of the file, none left out
    # the two columns with suspect values first, the two others folded under one line (short on a phone)
    devant, replie = page.split("<details", 1)
    assert devant.count('<th scope="row">') == 2 and "code_insee" in devant and "commune" in devant
    assert "<summary>Les 2 colonnes sans rien à signaler</summary>" in replie
    assert page.count('<th scope="col">') == 12  # each table has its own headers
    assert "<script>" not in page and "&lt;script&gt;" in page and "essai &lt;b&gt;" in page
    assert "⚠" in page and 'aria-hidden="true"' in page  # the warning sign is doubled by words


def test_tableau_vide_et_serie():
    assert profiler(pd.DataFrame()).lignes == 0
    p = profiler(pd.Series([1, 2, 3], name="x"), titre="une série")
    assert p.titre == "une série" and p.colonne("x").nature == "nombre"
    with pytest.raises(ErreurDonnees, match="Pas de colonne « y »"):
        p.colonne("y")


# --------------------------------------------------------------------------- entry point and errors
def test_mauvaises_entrees_expliquees_en_francais():
    with pytest.raises(ErreurDonnees, match="profiler attend un tableau pandas"):
        profiler([1, 2, 3])
    with pytest.raises(ErreurDonnees, match="Vouliez-vous dire « energie-secteurs »"):
        profiler("energie-secteur")
    with pytest.raises(ErreurDonnees, match="date lisible"):
        profiler(pd.DataFrame({"a": [1]}), aujourd_hui="demain")


def test_votre_fichier_csv(tmp_path):
    fichier = tmp_path / "subventions.csv"
    fichier.write_bytes("beneficiaire;montant;code_postal\nClub de foot ;1 500,50;1000\nÉcole;secret;49980\n"
                        "École;800;49980\nMairie;1200;49980\n".encode("cp1252"))
    p = profiler(fichier, aujourd_hui=JOUR)
    assert p.titre == "subventions.csv" and p.lignes == 4
    assert any("Windows-1252" in note for note in p.provenance)
    assert "« secret » (1)" in suspects(p.colonne("montant"))
    assert "« 01000 »" in suspects(p.colonne("code_postal"))
    classeur = tmp_path / "classeur.csv"
    classeur.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(ErreurDonnees, match="classeur Excel"):
        profiler(classeur)
    with pytest.raises(ErreurDonnees, match="introuvable"):
        profiler(tmp_path / "absent.csv")


# --------------------------------------------------------------------------- shipped datasets
def test_le_secret_statistique_du_fichier_energie():
    brut = pd.read_csv(chemin("energie-secteurs"), sep=";", dtype=str, keep_default_na=False)
    p = profiler("energie-secteurs", aujourd_hui=JOUR)
    conso = p.colonne("conso")
    masques = brut["conso"].value_counts()
    assert conso.manquantes == masques.get("s", 0) + masques.get("secret", 0) > 0
    assert f"« s » ({masques['s']})" in suspects(conso) and f"« secret » ({masques['secret']})" in suspects(conso)
    assert any(l.startswith("Source :") for l in p.provenance)
    assert any(re.match(r"Fichier produit le \d\d/\d\d/\d{4}", l) for l in p.provenance)


def test_la_provenance_ne_montre_pas_les_scripts_du_cours_aux_elus():
    """A fictional dataset says « fictives » in words, never the generator script's file name."""
    p = profiler("menus-cantine", aujourd_hui=JOUR)
    assert p.provenance[0].startswith("Données fictives")
    assert not any(".py" in ligne or "datasets/" in ligne for ligne in p.provenance), p.provenance
    assert ".py" not in p._repr_html_()


def test_les_defauts_de_l_export_du_tableur():
    p = profiler("menus-cantine-export-tableur", aujourd_hui=JOUR)
    lu, _notes = lire_csv_tableur(chemin("menus-cantine-export-tableur"))
    brut = pd.read_csv(chemin("menus-cantine-export-tableur"), sep=";", encoding="cp1252", dtype=str)
    assert p.doublons == int(brut.duplicated().sum()) > 0
    assert "élementaire" in suspects(p.colonne("menuRestaurantType"))
    assert "plat principale" in suspects(p.colonne("menuPlatType"))
    assert "à la française" in suspects(p.colonne("menuDate"))
    assert "virgule décimale" in suspects(p.colonne("menuPlatPrix"))
    assert p.colonne("menuPlatNom").manquantes == int(lu["menuPlatNom"].isna().sum()) > 0
    propre = profiler("menus-cantine", aujourd_hui=JOUR)
    assert propre.doublons == 0 and "menuRestaurantType" not in propre.suspectes()


# --------------------------------------------------------------------------- the widget
def test_explorer_dans_un_carnet_change_de_profil():
    boite = explorer(["energie-batiments", "energie-secteurs"], aujourd_hui=JOUR)
    assert "Bâtiments communaux" in boite.sortie.value
    boite.menu.value = "energie-secteurs"
    assert "secret statistique" in boite.sortie.value and "<caption>" in boite.sortie.value
    with pytest.raises(ErreurDonnees, match="Aucun jeu de données ne s'appelle"):
        explorer(["pas-un-jeu"])


def test_explorer_statique_pour_le_livre():
    import ipywidgets as widgets
    from ipywidgets.widgets.widget import _instances
    from ipywidgets.widgets.widget_link import Link

    noms = ["energie-batiments", "formats-communes-codes-postaux"]
    boite = explorer(noms, statique=True, aujourd_hui=JOUR)
    pile = boite.children[1]
    assert isinstance(pile, widgets.Stack) and len(pile.children) == len(noms)
    assert "Communes et codes postaux" in pile.children[1].value
    liens = {(l.source[0].model_id, l.target[0].model_id) for l in list(_instances.values()) if isinstance(l, Link)}
    assert (boite.menu.model_id, pile.model_id) in liens


def test_explorer_signale_un_jeu_illisible_sans_s_arreter(tmp_path, monkeypatch):
    # A catalogue whose second dataset is missing on disk: the menu still works, with a French alert.
    import json as _json
    import shutil

    from donnees_en_main.reglages import dossier_donnees

    source = dossier_donnees()
    shutil.copytree(source / "formats", tmp_path / "formats")
    paquet = _json.loads((source / "datapackage.json").read_text(encoding="utf-8"))
    garde = [r for r in paquet["resources"] if r["name"] == "formats-communes-codes-postaux"]
    fantome = {**garde[0], "name": "fantome", "title": "Fichier disparu", "path": "formats/disparu.csv"}
    paquet["resources"] = garde + [fantome]
    (tmp_path / "datapackage.json").write_text(_json.dumps(paquet), encoding="utf-8")
    monkeypatch.setenv("DONNEES_EN_MAIN_DATASETS", str(tmp_path))
    boite = explorer(aujourd_hui=JOUR)
    boite.menu.value = "fantome"
    assert 'role="alert"' in boite.sortie.value and "introuvable" in boite.sortie.value
