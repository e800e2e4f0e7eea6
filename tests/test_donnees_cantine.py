"""Tests of the cantine datasets, of donnees_en_main.donnees and of donnees_en_main.donnees.validation."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import json
import statistics
import sys
from pathlib import Path

import pandas as pd
import pytest

from donnees_en_main.reglages import RACINE
from donnees_en_main.donnees import (
    ErreurDonnees,
    charger,
    chemin,
    decrire,
    detecter_format,
    lire_csv_tableur,
    ressources,
)
from donnees_en_main.donnees.validation import CATEGORIES, RapportValidation, valider

DATASETS = RACINE / "datasets"
CANTINE = DATASETS / "cantine"
SCHEMA_MENUS = CANTINE / "menus-cantine.schema.json"
FICHIERS = ("menus-cantine.csv", "menus-cantine-export-tableur.csv", "achats-cantines.csv")
NOMS_CANTINE = ("menus-cantine", "menus-cantine-export-tableur", "achats-cantines")


def _charger_generateur():
    spec = importlib.util.spec_from_file_location("generer_cantine", DATASETS / "generer_cantine.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gen():
    return _charger_generateur()


@pytest.fixture(scope="module")
def generation(gen, tmp_path_factory):
    premier = tmp_path_factory.mktemp("cantine-1")
    second = tmp_path_factory.mktemp("cantine-2")
    resultat = gen.generer(premier)
    gen.generer(second)
    return premier, second, resultat


@pytest.fixture(scope="module")
def rapport_export():
    return valider(CANTINE / "menus-cantine-export-tableur.csv", SCHEMA_MENUS)


def _dossier_scdl() -> Path | None:
    for candidat in (
        Path("/work/shared/reference/scdl-schemas"),
        RACINE.parent / "shared" / "reference" / "scdl-schemas",
    ):
        if (candidat / "menus-collectifs.schema.json").is_file():
            return candidat
    return None


# --------------------------------------------------------------------------- generator


def test_generateur_deterministe_et_identique_aux_fichiers_livres(generation):
    premier, second, _ = generation
    for nom in FICHIERS:
        octets = (premier / nom).read_bytes()
        assert octets, nom
        assert octets == (second / nom).read_bytes(), f"{nom} change d'une exécution à l'autre"
        assert octets == (CANTINE / nom).read_bytes(), (
            f"{nom} livré ne correspond plus au générateur : relancez "
            "python datasets/generer_cantine.py"
        )


def test_la_graine_change_les_menus(gen, tmp_path):
    gen.generer(tmp_path, graine=gen.GRAINE + 1)
    assert (tmp_path / "menus-cantine.csv").read_bytes() != (CANTINE / "menus-cantine.csv").read_bytes()


def test_identifiants_fictifs_bien_formes(gen):
    for numero in (gen.COMMUNE_SIREN, gen.COLLECTIVITE["siret"], gen.CUISINE["siret"]):
        assert numero.isdigit() and gen.luhn_valide(numero)
    assert len(gen.COMMUNE_SIREN) == 9 and len(gen.COLLECTIVITE["siret"]) == 14
    siret = gen.COLLECTIVITE["siret"]
    assert not gen.luhn_valide(siret[:-1] + str((int(siret[-1]) + 1) % 10))


def test_calendrier_du_trimestre(gen):
    menus = charger("menus-cantine")
    jours = sorted(menus["menuDate"].dt.date.unique())
    assert jours == gen.jours_de_classe()
    assert jours[0] == gen.DEBUT_TRIMESTRE and jours[-1] == gen.FIN_TRIMESTRE
    assert {j.weekday() for j in jours} == set(gen.JOURS_DE_CANTINE)
    debut, fin = gen.VACANCES[0]
    assert not any(debut <= j <= fin for j in jours)
    assert dt.date(2025, 11, 11) not in jours
    assert set(menus["menuRestaurantNom"]) == {r["nom"] for r in gen.RESTAURANTS}
    assert set(menus["menuRestaurantType"]) == {"maternelle", "élémentaire"}
    # One row per dish: the (restaurant, day, dish type, dish) quadruple is unique.
    cle = ["menuRestaurantId", "menuDate", "menuPlatType", "menuPlatNom"]
    assert not menus.duplicated(cle).any()
    # At least one vegetarian menu each week, as the law asks of school canteens.
    principal = menus[menus["menuPlatType"] == "plat principal"]
    vegetarien = principal["menuPlatRegime"].map(lambda regimes: "végétarien" in regimes).astype(bool)
    semaines_vege = set(principal[vegetarien]["menuDate"].dt.isocalendar().week)
    assert semaines_vege == set(menus["menuDate"].dt.isocalendar().week)
    # Table Schema arrays are loaded as lists.
    assert menus["menuPlatSiqo"].map(lambda labels: "agriculture biologique" in labels).any()
    assert menus["menuPlatSiqo"].map(lambda labels: "label rouge" in labels).any()
    assert menus["menuPlatSiqo"].map(lambda labels: isinstance(labels, list)).all()


# --------------------------------------------------------------------------- validation


def test_menus_propres_valides():
    rapport = valider(CANTINE / "menus-cantine.csv", SCHEMA_MENUS)
    assert isinstance(rapport, RapportValidation)
    assert rapport.valide, rapport.resume()
    assert rapport.erreurs == [] and rapport.compter() == {}
    assert rapport.lignes == len(charger("menus-cantine"))
    assert rapport.resume().startswith("Aucune erreur")
    assert not rapport.remarques


def test_achats_valides_par_nom_de_ressource():
    rapport = valider("achats-cantines")
    assert rapport.valide, rapport.resume()


def test_menus_valides_contre_le_schema_scdl_officiel():
    dossier = _dossier_scdl()
    if dossier is None:
        pytest.skip("copie de référence des schémas SCDL (../shared) absente")
    officiel = dossier / "menus-collectifs.schema.json"
    rapport = valider(CANTINE / "menus-cantine.csv", officiel)
    assert rapport.valide, rapport.resume()
    # The project's schema is derived from SCDL 1.2.3: same names, types and constraints.
    champs_officiels = json.loads(officiel.read_text(encoding="utf-8"))["fields"]
    champs = json.loads(SCHEMA_MENUS.read_text(encoding="utf-8"))["fields"]
    assert [f["name"] for f in champs] == [f["name"] for f in champs_officiels]
    for a, b in zip(champs_officiels, champs):
        assert (a["type"], a.get("format"), a.get("constraints"), a.get("arrayItem")) == (
            b["type"],
            b.get("format"),
            b.get("constraints"),
            b.get("arrayItem"),
        ), a["name"]


def test_schema_du_projet_cite_scdl():
    schema = json.loads(SCHEMA_MENUS.read_text(encoding="utf-8"))
    assert "menus-collectifs" in schema["description"] and "1.2.3" in schema["description"]
    assert "https://schema.data.gouv.fr/scdl/menus-collectifs/1.2.3/" in schema["description"]


def test_export_tableur_echoue_avec_les_erreurs_attendues(gen, generation, rapport_export):
    _, _, resultat = generation
    cellules = resultat["cellules_defauts"]
    attendu: dict[str, int] = {}
    for defaut in gen.DEFAUTS_EXPORT_TABLEUR:
        if defaut.erreur_attendue is None:
            continue
        nombre = defaut.nombre if defaut.nombre is not None else len(cellules[defaut.code])
        attendu[defaut.erreur_attendue] = attendu.get(defaut.erreur_attendue, 0) + nombre
    assert not rapport_export.valide
    assert rapport_export.compter() == dict(sorted(attendu.items(), key=lambda kv: (-kv[1], kv[0])))
    assert len(rapport_export.erreurs) == sum(attendu.values())

    # Each error sits exactly where the generator put a flaw.
    categorie = {d.code: d.erreur_attendue for d in gen.DEFAUTS_EXPORT_TABLEUR}
    positions_attendues = {
        (ligne, colonne, categorie[code])
        for code, liste in cellules.items()
        if categorie[code]
        for ligne, colonne in liste
    }
    positions = {(e["ligne"], e["colonne"], e["categorie"]) for e in rapport_export.erreurs}
    assert positions == positions_attendues


def test_export_tableur_conseils_et_remarques(gen, rapport_export):
    for defaut in gen.DEFAUTS_EXPORT_TABLEUR:
        if defaut.code == "faute_de_frappe":
            concernees = [e for e in rapport_export.erreurs if e["valeur"] == defaut.valeur]
            assert len(concernees) == defaut.nombre
            assert all(f"« {defaut.attendu} »" in e["conseil"] for e in concernees)
    dates = [e for e in rapport_export.erreurs if e["categorie"] == "date" and e["colonne"] == "menuDate"]
    jour, mois, annee = dates[0]["valeur"].split("/")
    assert f"« {annee}-{mois}-{jour} »" in dates[0]["conseil"]
    for e in rapport_export.erreurs:
        assert e["probleme"] and e["conseil"] and e["categorie"] in CATEGORIES
    remarques = " ".join(rapport_export.remarques)
    assert "Windows-1252" in remarques and "point-virgule" in remarques
    espaces = next(d for d in gen.DEFAUTS_EXPORT_TABLEUR if d.code == "espaces_en_trop")
    assert f"{espaces.nombre} cellules commencent" in remarques


def test_resume_et_affichage_html(rapport_export):
    resume = rapport_export.resume()
    total = len(rapport_export.erreurs)
    assert resume.startswith(f"{total:,}".replace(",", "\u202f") + " erreurs : ")
    assert "dates mal écrites" in resume and "lignes en double" in resume
    page = rapport_export._repr_html_()
    assert "<caption>" in page and 'scope="col"' in page and 'lang="fr"' in page
    assert "Fichier non valide" in page  # a word, not only a colour or an icon
    assert page.count("<tr>") < 60  # the detail table is capped
    tableau = rapport_export.en_tableau()
    assert len(tableau) == total and list(tableau.columns)[:2] == ["Ligne", "Colonne"]
    par_colonne = rapport_export.compter(par="colonne")
    assert sum(par_colonne.values()) == total
    with pytest.raises(ValueError):
        rapport_export.compter(par="couleur")


def test_export_tableur_valide_par_nom_de_ressource(rapport_export):
    rapport = valider("menus-cantine-export-tableur")
    assert rapport.compter() == rapport_export.compter()


def test_doublons_desactivables():
    rapport = valider(CANTINE / "menus-cantine-export-tableur.csv", SCHEMA_MENUS, doublons=False)
    assert "doublon" not in rapport.compter()


SCHEMA_TEST = {
    "title": "schéma de test",
    "fields": [
        {"name": "siret", "type": "string", "constraints": {"required": True, "pattern": r"^\d{14}$"}},
        {"name": "insee", "type": "string", "constraints": {"pattern": r"^([013-9]\d|2[AB1-9])\d{3}$"}},
        {
            "name": "allergenes",
            "type": "array",
            "arrayItem": {"type": "string", "constraints": {"enum": ["lait", "oeufs"]}},
        },
        {"name": "effectif", "type": "integer", "constraints": {"minimum": 0}},
        {"name": "nom", "type": "string", "constraints": {"maxLength": 5}},
    ],
}


def test_traduction_des_erreurs_courantes(tmp_path):
    fichier = tmp_path / "essai.csv"
    fichier.write_text(
        "siret,insee,allergene,effectif,nom\n"
        '2149091290001,1053,"[""lait"",""gluten""]",-3,abcdefg\n'
        "21490912900014.0,49912,lait;oeufs,3.0,ab\n"
        ",,,,\n"
        "21490912900014,49912,,1,a,6\n"
        "21490912900014,49912\n",
        encoding="utf-8",
    )
    rapport = valider(fichier, SCHEMA_TEST)
    par_ligne = {}
    for e in rapport.erreurs:
        par_ligne.setdefault(e["ligne"], set()).add(e["categorie"])
    assert par_ligne[1] == {"colonne_mal_nommee"}
    assert par_ligne[2] == {"format", "valeur_non_autorisee", "bornes", "longueur"}
    assert par_ligne[3] == {"format", "liste", "nombre"}
    assert par_ligne[4] == {"ligne_vide"}
    assert par_ligne[5] == {"cellule_en_trop"}
    assert par_ligne[6] == {"cellule_manquante"}
    conseils = {(e["ligne"], e["colonne"]): e["conseil"] for e in rapport.erreurs}
    assert "zéro initial" in conseils[(2, "siret")]
    assert "« 01053 »" in conseils[(2, "insee")]
    assert '["lait","oeufs"]' in conseils[(3, "allergenes")]
    assert ".0" in conseils[(3, "siret")]
    enum = next(e for e in rapport.erreurs if e["categorie"] == "valeur_non_autorisee")
    assert "« gluten »" in enum["probleme"]


def test_colonne_manquante_et_en_trop(tmp_path):
    fichier = tmp_path / "colonnes.csv"
    fichier.write_text("siret,insee\n21490912900014,49912\n", encoding="utf-8")
    rapport = valider(fichier, SCHEMA_TEST)
    assert rapport.compter()["colonne_manquante"] == 3
    fichier.write_text("siret,insee,allergenes,effectif,nom,bonus\n21490912900014,49912,,1,a,x\n", encoding="utf-8")
    assert valider(fichier, SCHEMA_TEST).compter() == {"colonne_en_trop": 1}


def test_valider_entrees_invalides(tmp_path):
    with pytest.raises(ErreurDonnees, match="introuvable"):
        valider(tmp_path / "absent.csv", SCHEMA_TEST)
    vide = tmp_path / "vide.csv"
    vide.write_bytes(b"")
    with pytest.raises(ErreurDonnees, match="vide"):
        valider(vide, SCHEMA_TEST)
    with pytest.raises(ErreurDonnees, match="schéma"):
        valider(CANTINE / "menus-cantine.csv", tmp_path / "absent.schema.json")
    with pytest.raises(ErreurDonnees, match="schéma"):
        valider(CANTINE / "menus-cantine.csv")


# --------------------------------------------------------------------------- purchases


def test_achats_moyenne_au_dessus_de_la_mediane():
    achats = charger("achats-cantines")
    assert len(achats) >= 30
    part_bio = achats["achats_bio_ht"] / achats["achats_totaux_ht"]
    assert part_bio.mean() > part_bio.median() + 0.03
    assert part_bio.max() >= 0.5 and part_bio.median() < 0.15
    assert (achats["achats_bio_ht"] <= achats["achats_durables_qualite_ht"]).all()
    assert (achats["achats_durables_qualite_ht"] <= achats["achats_totaux_ht"]).all()
    assert achats["code_insee"].str.fullmatch(r"\d{5}").all()
    assert achats["nom_cantine"].is_unique
    assert (achats["annee"] == 2024).all()
    assert set(charger("menus-cantine")["menuRestaurantNom"]) <= set(achats["nom_cantine"])


def test_achats_memes_valeurs_que_le_generateur(gen):
    lignes = gen.lignes_achats()
    parts = [float(l["achats_bio_ht"]) / float(l["achats_totaux_ht"]) for l in lignes]
    achats = charger("achats-cantines")
    part_bio = achats["achats_bio_ht"] / achats["achats_totaux_ht"]
    assert part_bio.mean() == pytest.approx(statistics.mean(parts))
    assert part_bio.median() == pytest.approx(statistics.median(parts))


# --------------------------------------------------------------------------- data package


def test_datapackage_chaque_ressource_est_decrite():
    paquet = json.loads((DATASETS / "datapackage.json").read_text(encoding="utf-8"))
    noms = [r["name"] for r in paquet["resources"]]
    assert len(noms) == len(set(noms))
    assert set(NOMS_CANTINE) <= set(noms)
    for ressource in paquet["resources"]:
        nom = ressource["name"]
        assert (DATASETS / ressource["path"]).is_file(), nom
        assert ressource.get("title") and ressource.get("description"), nom
        assert ressource.get("sources") and all(s.get("title") for s in ressource["sources"]), nom
        assert ressource.get("licenses") and all(
            l.get("name") or l.get("path") for l in ressource["licenses"]
        ), nom
        dt.date.fromisoformat(ressource["created"])
        assert isinstance(ressource.get("fictif"), bool), nom
        if "schema" in ressource:
            assert (DATASETS / ressource["schema"]).is_file(), nom
        if ressource["fictif"]:
            assert ressource.get("nature"), nom
    for nom in NOMS_CANTINE:
        ressource = decrire(nom)
        assert ressource["fictif"] is True and ressource["nature"] == "fictif — exemple réaliste"
        assert ressource["licenses"][0]["name"] == "etalab-2.0"


def test_datapackage_lisible_par_frictionless():
    from frictionless import Package

    paquet = Package(str(DATASETS / "datapackage.json"))
    assert set(NOMS_CANTINE) <= set(paquet.resource_names)
    export = paquet.get_resource("menus-cantine-export-tableur")
    assert export.dialect.to_descriptor()["csv"]["delimiter"] == ";"


def test_descripteurs_cantine_ecrits_par_le_generateur(gen):
    for attendu in gen.ressources_datapackage():
        assert decrire(attendu["name"]) == attendu


# --------------------------------------------------------------------------- donnees


def test_ressources_liste_les_jeux():
    liste = ressources()
    assert all(len(t) == 3 for t in liste)
    assert ("menus-cantine", decrire("menus-cantine")["title"], True) in liste


@pytest.mark.parametrize("nom", [n for n, _, _ in ressources()])
def test_charger_chaque_ressource(nom):
    tableau = charger(nom)
    assert isinstance(tableau, pd.DataFrame) and len(tableau) > 0 and len(tableau.columns) > 1
    descripteur = decrire(nom)
    schema = descripteur.get("schema")
    if isinstance(schema, str):
        schema = json.loads((DATASETS / schema).read_text(encoding="utf-8"))
    for champ in (schema or {}).get("fields", []):
        if champ["name"] not in tableau.columns:
            continue
        colonne = tableau[champ["name"]]
        if champ["type"] in ("date", "datetime"):
            assert pd.api.types.is_datetime64_any_dtype(colonne), champ["name"]
        elif champ["type"] == "string":
            assert pd.api.types.is_string_dtype(colonne), champ["name"]
        elif champ["type"] in ("number", "integer"):
            assert pd.api.types.is_numeric_dtype(colonne), champ["name"]


def test_charger_garde_les_codes_en_texte():
    menus = charger("menus-cantine")
    assert menus["menuCollSiret"].str.fullmatch(r"\d{14}").all()
    assert (menus["menuRestaurantInsee"] == "49912").all()
    assert menus["menuDate"].dt.year.eq(2025).all()
    assert menus["menuPublicationDate"].notna().all()
    export = charger("menus-cantine-export-tableur")
    assert export["menuCollSiret"].dropna().str.fullmatch(r"\d{14}").all()
    assert chemin("menus-cantine") == CANTINE / "menus-cantine.csv"


@pytest.mark.parametrize("fonction", [charger, chemin, decrire])
def test_nom_inconnu_message_en_francais(fonction):
    with pytest.raises(ErreurDonnees) as erreur:
        fonction("menus")
    message = str(erreur.value)
    assert "Aucun jeu de données ne s'appelle « menus »" in message
    assert "Vouliez-vous dire « menus-cantine » ?" in message
    for nom, _, _ in ressources():
        assert f"« {nom} »" in message


def test_catalogue_absent(monkeypatch, tmp_path):
    monkeypatch.setenv("DONNEES_EN_MAIN_DATASETS", str(tmp_path))
    with pytest.raises(ErreurDonnees, match="datapackage.json"):
        ressources()


def test_fichier_de_ressource_absent(monkeypatch, tmp_path):
    (tmp_path / "datapackage.json").write_text(
        json.dumps({"resources": [decrire("menus-cantine")]}), encoding="utf-8"
    )
    monkeypatch.setenv("DONNEES_EN_MAIN_DATASETS", str(tmp_path))
    with pytest.raises(ErreurDonnees, match="generer_cantine.py"):
        charger("menus-cantine")


# --------------------------------------------------------------------------- lire_csv_tableur


def test_lire_csv_tableur_repare_l_export(gen):
    tableau, notes = lire_csv_tableur(CANTINE / "menus-cantine-export-tableur.csv", dates=True, nombres=True)
    propre = charger("menus-cantine")
    texte = "\n".join(notes)
    assert "Windows-1252" in texte and "point-virgule" in texte
    doublons = next(d for d in gen.DEFAUTS_EXPORT_TABLEUR if d.code == "lignes_en_double")
    espaces = next(d for d in gen.DEFAUTS_EXPORT_TABLEUR if d.code == "espaces_en_trop")
    assert f"{doublons.nombre} lignes sont la copie" in texte
    assert f"{espaces.nombre} cellules de texte" in texte
    assert tableau.duplicated().sum() == doublons.nombre
    tableau = tableau.drop_duplicates().reset_index(drop=True)
    assert len(tableau) == len(propre)
    pd.testing.assert_series_equal(tableau["menuDate"], propre["menuDate"], check_dtype=False)
    pd.testing.assert_series_equal(tableau["menuPlatPrix"], propre["menuPlatPrix"])
    assert tableau["menuPublicationDate"].dt.tz_localize("UTC").equals(propre["menuPublicationDate"])
    noms = tableau["menuPlatNom"].dropna()
    assert (noms == noms.str.strip()).all() and set(noms) <= set(propre["menuPlatNom"])
    assert tableau["menuRestaurantInsee"].eq("49912").all()


def _ecrire(chemin_fichier: Path, texte: str, encodage: str) -> Path:
    chemin_fichier.write_bytes(texte.encode(encodage))
    return chemin_fichier


@pytest.mark.parametrize(
    ("encodage", "separateur", "attendu"),
    [
        ("utf-8", ",", "utf-8"),
        ("utf-8-sig", ";", "utf-8-sig"),
        ("cp1252", ";", "cp1252"),
        ("utf-8", "\t", "utf-8"),
    ],
)
def test_lire_csv_tableur_detecte_encodage_et_separateur(tmp_path, encodage, separateur, attendu):
    lignes = [
        ["code_insee", "commune", "date", "montant"],
        ["01004", "Ambérieu-en-Bugey ", "01/09/2025", "1 234,50"],
        ["2A004", "Ajaccio", "15/10/2025", "17,5"],
    ]
    tampon = io.StringIO()
    csv.writer(tampon, delimiter=separateur, lineterminator="\r\n").writerows(lignes)
    fichier = _ecrire(tmp_path / "f.csv", tampon.getvalue(), encodage)
    format_ = detecter_format(fichier)
    assert (format_.encodage, format_.separateur) == (attendu, separateur)
    tableau, notes = lire_csv_tableur(fichier, dates=["date"], nombres="montant")
    assert list(tableau.columns) == lignes[0]
    assert list(tableau["code_insee"]) == ["01004", "2A004"]
    assert list(tableau["commune"]) == ["Ambérieu-en-Bugey", "Ajaccio"]
    assert list(tableau["date"]) == [pd.Timestamp(2025, 9, 1), pd.Timestamp(2025, 10, 15)]
    assert list(tableau["montant"]) == [1234.5, 17.5]
    assert any(n.startswith("Encodage") for n in notes) and any(n.startswith("Séparateur") for n in notes)
    sans_conversion, _ = lire_csv_tableur(fichier)
    assert sans_conversion["date"].iloc[0] == "01/09/2025"


def test_lire_csv_tableur_date_impossible(tmp_path):
    fichier = _ecrire(tmp_path / "d.csv", "jour;n\n31/02/2025;1\n01/03/2025;2\n", "utf-8")
    tableau, notes = lire_csv_tableur(fichier, dates=True)
    assert pd.isna(tableau["jour"].iloc[0]) and tableau["jour"].iloc[1] == pd.Timestamp(2025, 3, 1)
    assert any("31/02/2025" in n for n in notes)


def test_lire_csv_tableur_colonne_inconnue(tmp_path):
    fichier = _ecrire(tmp_path / "c.csv", "a;b\n1;2\n", "utf-8")
    with pytest.raises(ErreurDonnees, match="« date » n'existe pas"):
        lire_csv_tableur(fichier, dates=["date"])


@pytest.mark.parametrize(
    ("contenu", "motif"),
    [
        (b"", "vide"),
        (b"  \r\n\r\n", "vide"),
        (bytes(range(256)) * 8, "binaire"),
        (b"PK\x03\x04" + b"\x00" * 40, "Excel"),
        (b"%PDF-1.7\n...", "PDF"),
    ],
)
def test_lire_csv_tableur_mauvais_fichiers(tmp_path, contenu, motif):
    fichier = tmp_path / "mauvais.csv"
    fichier.write_bytes(contenu)
    with pytest.raises(ErreurDonnees, match=motif) as erreur:
        lire_csv_tableur(fichier)
    assert "mauvais.csv" in str(erreur.value)


def test_lire_csv_tableur_fichier_absent_ou_dossier(tmp_path):
    with pytest.raises(ErreurDonnees, match="introuvable") as erreur:
        lire_csv_tableur(tmp_path / "absent.csv")
    assert "absent.csv" in str(erreur.value)
    with pytest.raises(ErreurDonnees, match="dossier"):
        lire_csv_tableur(tmp_path)


def test_lire_csv_tableur_ligne_irreguliere(tmp_path):
    fichier = _ecrire(tmp_path / "i.csv", "a;b\n1;2\n3;4\n5;6;7;8\n", "utf-8")
    with pytest.raises(ErreurDonnees, match="ligne 4"):
        lire_csv_tableur(fichier)


# --------------------------------------------------------------------------- ma-cantine shares, value by value

ENTETE_MA_CANTINE = "canteen_siret,canteen_name,canteen_city_insee_code,teledeclaration_ratio_bio,teledeclaration_ratio_egalim_hors_bio\n"


def _ma_cantine(tmp_path, lignes: list[str], entete: str = ENTETE_MA_CANTINE):
    from donnees_en_main.donnees.ma_cantine import lire_ma_cantine

    fichier = tmp_path / "campagne.csv"
    fichier.write_text(entete + "".join(l + "\n" for l in lignes), encoding="utf-8")
    return lire_ma_cantine(fichier)


def test_ma_cantine_parts_decidees_valeur_par_valeur(tmp_path):
    lu = _ma_cantine(tmp_path, [
        '21490007800012,École A,49007,0.25,0.1',   # line 2: shares, as the schema writes them
        '21490007800020,École B,49007,45,20',      # line 3: percentages -> divided on their own row
        '21490007800038,École C,49007,"12,5 %",0', # line 4: « 12,5 % »
        '21490007800046,École D,49007,1,0.5',      # line 5: 1 and 0.5 in a file that also writes percentages
    ])
    assert lu["teledeclaration_ratio_bio"].tolist() == pytest.approx([0.25, 0.45, 0.125, 1.0])
    assert lu["teledeclaration_ratio_egalim_hors_bio"].tolist() == pytest.approx([0.1, 0.2, 0.0, 0.5])
    notes = lu.attrs["notes"]
    pourcent = next(n for n in notes if n.startswith("Colonne teledeclaration_ratio_bio : 2 valeurs écrites en pourcentage"))
    assert "lignes 3, 4" in pourcent and "ligne par ligne" in pourcent
    ambigues = next(n for n in notes if n.startswith("Colonne teledeclaration_ratio_bio : 2 valeurs ambiguës"))
    assert "lignes 2, 5" in ambigues  # 0.25 and 1: kept as shares, but reported
    assert "« 0.25 » peut donc vouloir dire 25 % ou 0,25 %" in ambigues
    assert any(n.startswith("Colonne teledeclaration_ratio_egalim_hors_bio : 2 valeurs ambiguës (lignes 2, 5, ")
               for n in notes), notes  # 0.1 and 0.5; 0 is 0 in both conventions
    assert any(n.startswith("Colonne teledeclaration_ratio_egalim_hors_bio : 1 valeur écrite en pourcentage (« 20 »)")
               for n in notes)


def test_ma_cantine_sans_pourcentage_rien_n_est_change_ni_signale(tmp_path):
    lu = _ma_cantine(tmp_path, ['21490007800012,École A,49007,0.25,0.1', '21490007800020,École B,49007,1,0'])
    assert lu["teledeclaration_ratio_bio"].tolist() == [0.25, 1.0]
    assert not [n for n in lu.attrs["notes"] if "teledeclaration_ratio" in n or "incohérent" in n]


def test_ma_cantine_parts_incoherentes_signalees(tmp_path):
    lu = _ma_cantine(tmp_path, [
        '21490007800012,École A,49007,0.7,0.5',    # bio + EGalim hors bio = 120 %
        '21490007800020,École B,49007,0.2,0.3',
        '21490007800038,École C,49007,250,0.1',    # a share above 100 %
        '21490007800046,École D,49007,SEM,0.1',    # a word: missing, by the shared rule
    ])
    assert lu["teledeclaration_ratio_bio"].isna().tolist() == [False, False, True, True]
    notes = lu.attrs["notes"]
    assert any(n.startswith("Parts incohérentes : 1 ligne (2) où la part bio plus la part") for n in notes), notes
    assert any("1 valeur incohérente (ligne 4, « 250 »)" in n for n in notes), notes
    assert any("« SEM »" in n and "ligne 5" in n for n in notes), notes
    # Where the EGalim column includes bio, bio above EGalim is the inconsistency.
    entete = ENTETE_MA_CANTINE.replace("teledeclaration_ratio_egalim_hors_bio", "teledeclaration_ratio_egalim")
    lu = _ma_cantine(tmp_path, ['21490007800012,École A,49007,0.4,0.3', '21490007800020,École B,49007,0.2,0.5'], entete)
    assert any(n.startswith("Parts incohérentes : 1 ligne (2) où la part bio dépasse la part EGalim") for n in lu.attrs["notes"])


def test_colonne_pas_a_sa_place_quand_le_schema_impose_l_ordre(tmp_path):
    fichier = tmp_path / "ordre.csv"
    fichier.write_text("siret,effectif,allergenes,insee,nom\n21490912900014,3,,49007,a\n", encoding="utf-8")
    rapport = valider(fichier, SCHEMA_TEST)  # frictionless: « incorrect-label » at places 2 and 4
    deplacees = [e for e in rapport.erreurs if e["categorie"] == "colonne_pas_a_sa_place"]
    assert {e["colonne"] for e in deplacees} == {"effectif", "insee"}
    effectif = next(e for e in deplacees if e["colonne"] == "effectif")
    assert "« effectif » est bien dans le fichier, mais pas à sa place : elle est en n°2" in effectif["probleme"]
    assert "le schéma la veut en n°4" in effectif["probleme"]
    assert effectif["conseil"].startswith("Ne la renommez pas : remettez les colonnes dans l'ordre du schéma "
                                          "(siret, insee, allergenes, effectif, nom)")
    assert not [e for e in rapport.erreurs if e["categorie"] == "colonne_mal_nommee"]
    assert rapport.compter()["colonne_pas_a_sa_place"] == 2
    # The cell errors come from the shift (« 3 » checked as a code INSEE…): said in a remark.
    assert any(r.startswith("Colonnes pas à leur place : « effectif », « insee »") and "décalage" in r
               for r in rapport.remarques)
    # A schema that does not require the order (fieldsMatch « equal »): nothing to report.
    assert valider(fichier, {**SCHEMA_TEST, "fieldsMatch": "equal"}).valide
    # A column really misnamed stays « mal nommée ».
    fichier.write_text("siret,INSEE_COM,allergenes,effectif,nom\n21490912900014,49007,,3,a\n", encoding="utf-8")
    assert valider(fichier, SCHEMA_TEST).compter() == {"colonne_mal_nommee": 1}
