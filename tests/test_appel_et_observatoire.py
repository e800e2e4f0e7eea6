"""The worked examples of book/appel-et-observatoire.md: the school to put forward for a call for projects,
and the drinking-water observatory (litres per inhabitant and per day, summer against summer)."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from donnees_en_main.chapitres import appel_et_observatoire as ao
from donnees_en_main.chapitres.energie import charger_batiments
from donnees_en_main.donnees import ErreurDonnees

PAGE = Path(__file__).resolve().parent.parent / "book" / "appel-et-observatoire.md"


def test_le_dossier_classe_les_ecoles_par_kwh_par_m2():
    table = ao.dossier_ecoles(2023)
    ecoles = set(charger_batiments().query("usage == 'enseignement'")["batiment_id"])
    assert set(table["batiment_id"]) == ecoles
    assert list(table["kwh_par_m2"]) == sorted(table["kwh_par_m2"], reverse=True)
    ligne = table.iloc[0]
    assert ligne["kwh_par_m2"] == pytest.approx(ligne["total_mwh"] * 1000 / ligne["surface_m2"])


def test_l_ecole_presentee_a_une_annee_complete_et_mesuree(monkeypatch):
    choisie = ao.ecole_a_presenter(2023)
    assert choisie["mois_manquants"] == 0 and choisie["mois_estimes"] == 0
    # the first school with an estimated month is passed over for the next reliable one
    table = ao.dossier_ecoles(2023).copy()
    table.loc[0, "mois_estimes"] = 2
    monkeypatch.setattr(ao, "dossier_ecoles", lambda annee: table)
    assert ao.ecole_a_presenter(2023)["batiment_id"] == table.iloc[1:].query("mois_estimes == 0 and mois_manquants == 0").iloc[0]["batiment_id"]


def test_une_annee_sans_releves_est_refusee_en_francais():
    with pytest.raises(ao.ErreurObservatoire, match="Pas de relevés pour l'année 1990. Années disponibles : 2021"):
        ao.dossier_ecoles(1990)


def test_litres_par_habitant_et_par_jour():
    table = pd.DataFrame({"mois": ["2024-02", "2024-07"], "code_commune_insee": ["49912", "49912"],
                          "nom_commune": ["Belval-sur-Loire"] * 2, "population": [1000, 1000],
                          "volume_m3": [4350.0, None], "niveau_secheresse": ["aucun", "alerte"]})
    resultat = ao.litres_par_habitant(table)
    assert resultat["litres_hab_jour"].iloc[0] == pytest.approx(150.0)  # 4 350 000 L / 1 000 hab / 29 days
    assert math.isnan(resultat["litres_hab_jour"].iloc[1]), "un relevé manquant n'est pas un zéro"


@pytest.mark.parametrize("modifier, message", [
    (lambda t: t.drop(columns="population"), "Votre tableau n'a pas la colonne « population » qu'il faut pour cet "
                                             "atelier .*Il faut une ligne par mois et par commune. Colonnes trouvées : "
                                             "mois, code_commune_insee, nom_commune, volume_m3, niveau_secheresse."),
    (lambda t: t.assign(population=0), "Population vide ou nulle"),
    (lambda t: t.assign(mois="juillet"), "format AAAA-MM"),
])
def test_un_fichier_mal_forme_est_explique(modifier, message):
    with pytest.raises(ao.ErreurObservatoire, match=message) as erreur:
        ao.litres_par_habitant(modifier(ao.charger_eau()))
    assert isinstance(erreur.value, ErreurDonnees)  # the shared exception: a French box in a notebook


def test_les_etes_se_comparent_et_le_mois_manquant_est_dit():
    eau = ao.charger_eau()
    etes = ao.comparer_etes(eau, 2024)
    assert len(etes) == eau["code_commune_insee"].nunique()
    belval = etes.set_index("nom_commune").loc["Belval-sur-Loire"]
    brut = eau[eau["nom_commune"] == "Belval-sur-Loire"].set_index("mois")
    attendu = (brut.loc["2024-07", "volume_m3"] * 1000 / 4820 / 31 + brut.loc["2024-08", "volume_m3"] * 1000 / 4820 / 31) / 2
    assert belval["litres_apres"] == pytest.approx(attendu)
    assert belval["niveau_max"] == "alerte renforcée"
    manquante = etes[etes["evolution_pct"].isna()]
    assert list(manquante["nom_commune"]) == ["Chênebrune"] and manquante.iloc[0]["mois_manquants"] == ["2024-08"]
    assert (etes.dropna(subset=["evolution_pct"])["evolution_pct"] < 0).all()
    with pytest.raises(ao.ErreurObservatoire, match="Pas de données pour l'été 2025"):
        ao.comparer_etes(eau, 2026)


def test_la_page_calcule_ses_chiffres_et_cite_sa_source_reelle():
    source = PAGE.read_text(encoding="utf-8")
    assert "from donnees_en_main.chapitres import appel_et_observatoire as ao" in source
    for titre in ("## Répondre à un appel à projets", "## Bâtir un observatoire"):
        assert titre in source
    # the one real experience quoted comes with its link; the rest is declared fictional
    assert "Ils l'ont fait" in source and "https://www.ahsp.fr/" in source
    assert "inventés" in source


def test_le_fichier_fictif_suit_son_schema_et_son_generateur(tmp_path):
    import importlib.util
    import sys

    from donnees_en_main.donnees import chemin
    from donnees_en_main.donnees.validation import valider

    fichier = chemin("observatoire-eau-potable")
    rapport = valider(fichier, fichier.with_name("eau-potable.schema.json"))
    assert rapport.valide, rapport.resume()
    datasets = Path(__file__).resolve().parent.parent / "datasets"
    spec = importlib.util.spec_from_file_location("generer_appel_et_observatoire",
                                                  datasets / "generer_appel_et_observatoire.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    assert module.ecrire(tmp_path).read_bytes() == fichier.read_bytes(), (
        "le fichier ne correspond plus au générateur : relancez python datasets/generer_appel_et_observatoire.py")
