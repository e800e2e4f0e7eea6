"""« Votre commune » : the real official files, choosing a commune, downloading its files.

Every fixture is made here, byte by byte, reproducing a quirk of the real files listed in
shared/reference/open-data-facts.md (encodings, separators, broken lines, zero-padded counts, narrow
headers, ZX / 2A codes, communes nouvelles, masked energy values, two header rows, « ? » accents).
Expected values are written from the fixtures, never taken from the code under test. The download
command is tested against a local HTTP server on 127.0.0.1 only.
"""

from __future__ import annotations

import hashlib
import http.server
import importlib.util
import json
import os
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from donnees_en_main.donnees import commune as module_commune
from donnees_en_main.chapitres import energie
from donnees_en_main.donnees.commune import (
    COMMUNE_FICTIVE_CODE, COMMUNE_FICTIVE_NOM, Commune, choisir_commune, commune_choisie, donnees_commune,
    valider_code_insee,
)
from donnees_en_main.donnees import ErreurDonnees, chemin
from donnees_en_main.chapitres.elections import (
    code_insee, extraire_commune, lieux_de_vote, lire_resultats, par_candidat, par_commune, regrouper_communes,
)
from donnees_en_main.donnees.telecharger import charger_sources, main

RACINE = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------- elections: fixtures

ENTETE_2022 = [
    "Code du département", "Libellé du département", "Code de la circonscription", "Libellé de la circonscription",
    "Code de la commune", "Libellé de la commune", "Code du b.vote", "Inscrits", "Abstentions", "% Abs/Ins",
    "Votants", "% Vot/Ins", "Blancs", "% Blancs/Ins", "% Blancs/Vot", "Nuls", "% Nuls/Ins", "% Nuls/Vot",
    "Exprimés", "% Exp/Ins", "% Exp/Vot", "N°Panneau", "Sexe", "Nom", "Prénom", "Voix", "% Voix/Ins", "% Voix/Exp",
]


def bureau_2022(dep, libdep, com, libcom, bureau, inscrits, votants, blancs, nuls, voix, zeros=False):
    """One row of a 2022-style file: fixed columns then one 7-column block per candidate."""
    exprimes = votants - blancs - nuls
    n = (lambda x: str(x).zfill(8)) if zeros else str
    pct = lambda a, b: f"{100 * a / b:.2f}".replace(".", ",")  # noqa: E731
    ligne = [dep, libdep, "1", "1ère circonscription", com, libcom, bureau, n(inscrits), n(inscrits - votants),
             pct(inscrits - votants, inscrits), n(votants), pct(votants, inscrits), n(blancs), pct(blancs, inscrits),
             pct(blancs, votants), n(nuls), pct(nuls, inscrits), pct(nuls, votants), n(exprimes),
             pct(exprimes, inscrits), pct(exprimes, votants)]
    candidats = [("1", "F", "N’DIAYE", "Awa"), ("2", "M", "BERTIN", "Paul")]
    for (panneau, sexe, nom, prenom), v in zip(candidats, voix):
        ligne += [panneau, sexe, nom, prenom, n(v), pct(v, inscrits), pct(v, exprimes)]
    return ligne


def ecrire(fichier: Path, lignes, sep=";", encodage="cp1252", fin="\n") -> Path:
    fichier.write_bytes((fin.join(sep.join(l) for l in lignes) + fin).encode(encodage))
    return fichier


def test_presidentielle_cp1252_outre_mer_corse_zeros_et_entete_etroit(tmp_path):
    lignes = [
        ENTETE_2022,
        bureau_2022("ZX", "Saint-Martin/Saint-Barthélemy", "801", "Saint-Martin", "0001", 1000, 600, 10, 5,
                    [300, 285], zeros=True),
        bureau_2022("2A", "Corse-du-Sud", "4", "Ajaccio", "1", 800, 500, 4, 6, [200, 290]),
        bureau_2022("1", "Ain", "53", "Bourg-en-Bresse", "0002", 900, 450, 0, 0, [250, 200]),
    ]
    fichier = ecrire(tmp_path / "resultats-par-niveau-burvot-t1.txt", lignes, encodage="cp1252")
    df = lire_resultats(fichier)
    assert df.attrs["encodage"] == "cp1252" and df.attrs["niveau"] == "bureau"
    attendu = pd.DataFrame({
        "code_departement": ["01", "01", "2A", "2A", "978", "978"],
        "code_commune": ["01053", "01053", "2A004", "2A004", "97801", "97801"],
        "code_bureau": ["0002", "0002", "0001", "0001", "0001", "0001"],
        "inscrits": [900, 900, 800, 800, 1000, 1000],
        "votants": [450, 450, 500, 500, 600, 600],
        "blancs": [0, 0, 4, 4, 10, 10],
        "exprimes": [450, 450, 490, 490, 585, 585],
        "candidat": ["Awa N’DIAYE", "Paul BERTIN"] * 3,
        "voix": [250, 200, 200, 290, 300, 285],
    })
    pd.testing.assert_frame_equal(df[attendu.columns], attendu)
    assert df["numero_panneau"].tolist() == [1, 2] * 3
    seul = lire_resultats(fichier, code_insee="2A004")
    assert set(seul["code_commune"]) == {"2A004"} and len(seul) == 2


def test_municipales_2014_par_commune_blancs_et_nuls_sans_panneau(tmp_path):
    entete = ["Code du département", "Type de scrutin", "Libellé du département", "Code de la commune",
              "Libellé de la commune", "Inscrits", "Abstentions", "% Abs/Ins", "Votants", "% Vot/Ins",
              "Blancs et nuls", "% BlNuls/Ins", "% BlNuls/Vot", "Exprimés", "% Exp/Ins", "% Exp/Vot",
              "Code Nuance", "Sexe", "Nom", "Prénom", "Liste", "Sièges / Elu", "Sièges secteur", "Sièges CC",
              "Voix", "% Voix/Ins", "% Voix/Exp"]
    ligne = ["49", "LI", "Maine-et-Loire", "7", "Angers", "00103000", "00048000", "46,60", "00055000", "53,40",
             "00001500", "1,46", "2,73", "00053500", "51,94", "97,27",
             "LDVD", "M", "BÉCHU", "Christophe", "Angers pour vous", "43", "0", "0", "00030000", "29,13", "56,07",
             "LUG", "M", "ANTONINI", "Frédéric", "Angers à gauche", "12", "0", "0", "00023500", "22,82", "43,93"]
    df = lire_resultats(ecrire(tmp_path / "mun14.txt", [entete, ligne]))
    assert df.attrs["niveau"] == "commune" and df.attrs["encodage"] == "latin-1"
    assert df["code_commune"].tolist() == ["49007", "49007"] and df["code_bureau"].tolist() == ["", ""]
    assert df["blancs"].isna().all() and df["nuls"].isna().all() and df["blancs_et_nuls"].tolist() == [1500, 1500]
    assert df["inscrits"].tolist() == [103000, 103000] and df["voix"].tolist() == [30000, 23500]
    assert df["nuance"].tolist() == ["LDVD", "LUG"] and df["numero_panneau"].tolist() == [1, 2]
    faux = list(ligne)
    faux[10] = "00001400"  # blancs et nuls + exprimés ≠ votants
    with pytest.raises(ErreurDonnees, match="blancs et nuls \\+ exprimés = 54900, mais votants = 55000"):
        lire_resultats(ecrire(tmp_path / "faux.txt", [entete, faux]))


def test_municipales_2020_tabulations_et_ligne_cassee(tmp_path):
    entete = ["Code du département", "Libellé du département", "Code de la commune", "Libellé de la commune",
              "Code B.Vote", "Inscrits", "Abstentions", "Votants", "Blancs", "Nuls", "Exprimés", "N.Pan.",
              "Code Nuance", "Sexe", "Nom", "Prénom", "Liste", "Voix"]
    b1 = ["49", "Maine-et-Loire", "7", "Angers", "0001", "1000", "400", "600", "10", "5", "585",
          "1", "LDVC", "M", "BÉCHU", "Christophe", "Angers pour vous", "400",
          "2", "LUG", "F", "MARTIN", "Claire", "Angers\nen commun", "185"]  # a line break inside a list name
    b2 = ["49", "Maine-et-Loire", "7", "Angers", "0002", "800", "300", "500", "5", "5", "490",
          "1", "LDVC", "M", "BÉCHU", "Christophe", "Angers pour vous", "300",
          "2", "LUG", "F", "MARTIN", "Claire", "Angers en commun", "190"]
    fichier = ecrire(tmp_path / "mun2020.txt", [entete, b1, b2], sep="\t")
    assert fichier.read_bytes().count(b"\n") == 4  # header, 2 rows, one of them cut in two
    df = lire_resultats(fichier)
    assert df.attrs["separateur"] == "\t"
    assert df.attrs["reparations"] == [
        "Lignes 2 à 3 recollées : un retour à la ligne coupait une ligne du fichier en deux (défaut connu des "
        "fichiers des municipales 2020)."
    ]
    assert df["code_bureau"].tolist() == ["0001", "0001", "0002", "0002"]
    assert df["voix"].tolist() == [400, 185, 300, 190]
    assert df["candidat"].tolist() == ["Christophe BÉCHU", "Claire MARTIN"] * 2


def test_fichier_2024_utf8_code_complet_zero_perdu_et_francais_de_l_etranger(tmp_path):
    entete = ["Code département", "Libellé département", "Code commune", "Libellé commune", "Code BV", "Inscrits",
              "Votants", "% Votants", "Abstentions", "% Abstentions", "Exprimés", "% Exprimés/inscrits",
              "% Exprimés/votants", "Blancs", "% Blancs/inscrits", "% Blancs/votants", "Nuls", "% Nuls/inscrits",
              "% Nuls/votants"]
    for k in (1, 2):
        entete += [f"Numéro de panneau {k}", f"Nuance candidat {k}", f"Nom candidat {k}", f"Prénom candidat {k}",
                   f"Sexe candidat {k}", f"Voix {k}", f"% Voix/inscrits {k}", f"% Voix/exprimés {k}", f"Elu {k}"]
    fixes = ["500", "300", "60,00%", "200", "40,00%", "290", "58,00%", "96,67%", "6", "1,20%", "2,00%", "4", "0,80%",
             "1,33%"]
    blocs = ["1", "RN", "DUPONT", "Marie", "FEMININ", "190", "38,00%", "65,52%", "",
             "2", "UG", "DURAND", "Luc", "MASCULIN", "100", "20,00%", "34,48%", ""]
    lignes = [entete,
              ["1", "Ain", "1053", "Bourg-en-Bresse", "0001", *fixes, *blocs],
              ["99", "Français établis hors de France", "99001", "Amérique du Nord", "0001", *fixes, *blocs]]
    df = lire_resultats(ecrire(tmp_path / "leg2024.csv", lignes, encodage="utf-8"))
    assert df.attrs["encodage"] == "utf-8"
    assert df["code_commune"].tolist() == ["01053", "01053", "99001", "99001"]
    assert df["code_departement"].tolist() == ["01", "01", "99", "99"]
    assert df["sexe"].tolist() == ["F", "M"] * 2 and df["nuance"].tolist() == ["RN", "UG"] * 2
    assert df["blancs"].tolist() == [6] * 4 and df["voix"].tolist() == [190, 100] * 2


@pytest.mark.parametrize("dep, com, attendu", [
    ("ZX", "701", "97701"), ("ZX", "801", "97801"), ("ZZ", "1", "99001"), ("ZN", "801", "98801"),
    ("ZP", "735", "98735"), ("ZM", "611", "97611"), ("2B", "33.0", "2B033"), ("1.0", "53", "01053"),
])
def test_codes_a_reconstruire(dep, com, attendu):
    assert code_insee(dep, com) == attendu


def commune_nouvelle_lignes():
    """Two former communes (49001, 49002) in a commune-level file, and a third commune."""
    entete = ["Code du département", "Libellé du département", "Code de la commune", "Libellé de la commune",
              "Inscrits", "Abstentions", "Votants", "Blancs", "Nuls", "Exprimés", "N°Panneau", "Sexe", "Nom",
              "Prénom", "Voix", "% Voix/Ins", "% Voix/Exp"]
    def commune(com, nom, inscrits, votants, voix):
        exprimes = sum(voix)
        ligne = ["49", "Maine-et-Loire", com, nom, str(inscrits), str(inscrits - votants), str(votants), "0",
                 str(votants - exprimes), str(exprimes)]
        for k, (n, v) in enumerate(zip(("ARNAUD", "BLANC"), voix), start=1):
            ligne += [str(k), "F", n, "Ana", str(v), "0,00", f"{100 * v / exprimes:.2f}".replace(".", ",")]
        return ligne
    return [entete,
            commune("001", "Ancienne A", 1000, 700, [600, 90]),
            commune("002", "Ancienne B", 200, 150, [30, 120]),
            commune("010", "Voisine", 500, 300, [150, 150])]


def test_communes_nouvelles_additionnees_et_pourcentages_recalcules(tmp_path):
    fichier = ecrire(tmp_path / "par-commune.csv", commune_nouvelle_lignes())
    df = lire_resultats(fichier, fusions={"49001": "49050", "49002": "49050"})
    nouvelle = df[df["code_commune"] == "49050"]
    assert nouvelle["inscrits"].tolist() == [1200, 1200] and nouvelle["votants"].tolist() == [850, 850]
    assert nouvelle["voix"].tolist() == [630, 210] and nouvelle["exprimes"].tolist() == [840, 840]
    assert set(nouvelle["libelle_commune"]) == {"Ancienne A + Ancienne B"}
    assert any("Communes 49001, 49002 regroupées sous le code 49050" in n for n in df.attrs["fusions"])
    resultats = par_commune(df).set_index(["code_commune", "candidat"])
    arnaud = resultats.loc[("49050", "Ana ARNAUD")]
    assert arnaud["pct_exprimes"] == pytest.approx(100 * 630 / 840)
    moyenne_des_pourcentages = (100 * 600 / 690 + 100 * 30 / 150) / 2
    assert abs(arnaud["pct_exprimes"] - moyenne_des_pourcentages) > 10  # never the mean of the percentages
    assert resultats.loc[("49010", "Ana BLANC"), "pct_inscrits"] == pytest.approx(30.0)
    # Only the commune nouvelle, chosen by its new code: the former communes' rows are found too.
    seule = lire_resultats(fichier, code_insee="49050", fusions={"49001": "49050", "49002": "49050"})
    assert par_candidat(seule)["voix"].tolist() == [630, 210]


def test_communes_nouvelles_par_bureau_les_bureaux_restent_distincts(tmp_path):
    lignes = [ENTETE_2022,
              bureau_2022("49", "Maine-et-Loire", "1", "Ancienne A", "0001", 100, 80, 0, 0, [50, 30]),
              bureau_2022("49", "Maine-et-Loire", "2", "Ancienne B", "0001", 60, 40, 0, 0, [10, 30])]
    df = lire_resultats(ecrire(tmp_path / "bv.csv", lignes), fusions={"49002": "49001"})
    assert df["code_commune"].unique().tolist() == ["49001"]
    assert df["code_bureau"].tolist() == ["0001", "0001", "49002-0001", "49002-0001"]
    assert df["libelle_commune"].unique().tolist() == ["Ancienne A"]
    assert par_candidat(df)["voix"].tolist() == [60, 60]
    sans_fusion = regrouper_communes(lire_resultats(ecrire(tmp_path / "bv2.csv", lignes[:2])), {"49099": "49001"})
    assert "rien n'a été regroupé" in sans_fusion.attrs["fusions"][0]


def test_extraire_une_commune_d_un_fichier_national_octet_pour_octet(tmp_path):
    lignes = [ENTETE_2022,
              bureau_2022("49", "Maine-et-Loire", "7", "Angers", "0001", 1000, 600, 10, 5, [300, 285]),
              bureau_2022("49", "Maine-et-Loire", "8", "Autre", "0001", 100, 50, 0, 0, [25, 25]),
              bureau_2022("49", "Maine-et-Loire", "7", "Angers", "0002", 900, 450, 0, 0, [250, 200])]
    national = ecrire(tmp_path / "national.txt", lignes, encodage="cp1252", fin="\r\n").read_bytes()
    octets, gardees, total = extraire_commune(national, "49007", "national.txt")
    morceaux = national.split(b"\r\n")
    assert octets == b"\r\n".join([morceaux[0], morceaux[1], morceaux[3]]) + b"\r\n"
    assert (gardees, total) == (2, 3)
    with pytest.raises(ErreurDonnees, match="n'est pas un code INSEE"):
        extraire_commune(national, "4900", "national.txt")


def test_erreurs_en_francais_des_resultats(tmp_path):
    fichier = ecrire(tmp_path / "r.csv", [ENTETE_2022, bureau_2022("49", "M", "7", "Angers", "1", 10, 5, 0, 0, [3, 2])])
    with pytest.raises(ErreurDonnees) as erreur:
        lire_resultats(fichier, code_insee="49008")
    assert "Aucune ligne pour la commune 49008" in str(erreur.value) and "49007" in str(erreur.value)
    assert "ce n'est pas le code postal" in str(erreur.value)
    with pytest.raises(ErreurDonnees, match="« 49 » n'est pas un code INSEE"):
        lire_resultats(fichier, fusions={"49": "49007"})


# --------------------------------------------------------------------------- energy

ENTETE_LIBELLES = ["Nom de l'op?rateur", "Ann?e", "Fili?re", "Code Commune", "Libell? Commune",
                   "Consommation Agriculture (MWh)", "Nombre de points Agriculture",
                   "Consommation Industrie (MWh)", "Nombre de points Industrie",
                   "Consommation Tertiaire  (MWh)", "Nombre de points Tertiaire",
                   "Consommation R?sidentiel  (MWh)", "Nombre de points R?sidentiel",
                   "Consommation totale (MWh)"]
ENTETE_CODES = ["operateur", "annee", "filiere", "code_commune", "libelle_commune", "consoa", "pdla", "consoi",
                "pdli", "consot", "pdlt", "consor", "pdlr", "consototale"]


def test_ore_deux_lignes_d_entete_accents_abimes_et_secret(tmp_path):
    l1 = ["Enedis", "2022", "Electricit?", "1053", "Bourg-en-Bresse", "s", "3", "12 000,5", "40", "secret", "8",
          "45000", "20000", "57000,5"]
    l2 = ["GRDF", "2022", "Gaz", "1053", "Bourg-en-Bresse", "0", "0", "s", "2", "8 000", "60", "30000,25", "9000",
          "38000,25"]
    fichier = ecrire(tmp_path / "ore.csv", [ENTETE_LIBELLES, ENTETE_CODES, l1, l2], encodage="cp1252", fin="\r\n")
    df = energie.lire_consommations_ore(fichier)
    assert list(df.columns) == energie.COLONNES_ORE
    attendu = pd.DataFrame({
        "annee": pd.array([2022] * 8, dtype="Int64"),
        "filiere": ["Électricité"] * 4 + ["Gaz"] * 4,
        "operateur": ["Enedis"] * 4 + ["GRDF"] * 4,
        "code_commune": ["01053"] * 8,
        "code_secteur": ["A", "I", "T", "R"] * 2,
        "secteur": ["Agriculture", "Industrie", "Tertiaire", "Résidentiel"] * 2,
        "conso_mwh": [float("nan"), 12000.5, float("nan"), 45000.0, 0.0, float("nan"), 8000.0, 30000.25],
        "pdl": pd.array([3, 40, 8, 20000, 0, 2, 60, 9000], dtype="Int64"),
        "masque": [True, False, True, False, False, True, False, False],
    })
    pd.testing.assert_frame_equal(df[attendu.columns], attendu)
    notes = "\n".join(df.attrs["notes"])
    assert "Deux lignes d'en-tête" in notes and "les données commencent à la ligne 3" in notes
    assert "Accents abîmés dans l'en-tête (« Nom de l'op?rateur », « Ann?e », « Fili?re »)" in notes
    assert "Secret statistique : 3 valeurs masquées" in notes and "pas nulles" in notes
    assert "Codes INSEE à 4 chiffres complétés par le zéro initial perdu (2 lignes)" in notes
    # Masked is not zero: the visible total is a lower bound and says how many sectors are hidden.
    assert energie.total_visible(df, 2022, "Électricité") == (57000.5, 2)


def test_ore_une_ligne_par_secteur_colonnes_renommees_et_reordonnees(tmp_path):
    fichier = tmp_path / "ore-2019.csv"
    fichier.write_text(
        "CONSO,Secteur,ANNEE,FILIERE,CODE_INSEE,PDL,INDQUAL\n"
        '"1 234,5",R?sidentiel,2019,ELECTRICITE,49007,120,"0,97"\n'
        "S,Industrie,2019,ELECTRICITE,49007,3,\n"
        "10,Non affecté,2019,Gaz,49007,1,\n",
        encoding="utf-8",
    )
    df = energie.lire_consommations_ore(fichier)
    assert df["secteur"].tolist() == ["Résidentiel", "Industrie", "Non affecté"]
    assert df["code_secteur"].tolist() == ["R", "I", "X"]
    assert df["filiere"].tolist() == ["Électricité", "Électricité", "Gaz"]
    assert df["conso_mwh"].tolist()[0] == 1234.5 and pd.isna(df["conso_mwh"].iloc[1])
    assert df["masque"].tolist() == [False, True, False] and df["indqual"].iloc[0] == 0.97
    assert df["code_commune"].tolist() == ["49007"] * 3


def test_ore_meme_resultat_que_lire_secteurs_sur_le_fichier_du_cours():
    nouveau, ancien = energie.lire_consommations_ore(), energie.lire_secteurs()
    for colonne in ancien.columns:
        pd.testing.assert_series_equal(nouveau[colonne], ancien[colonne])


def test_ore_erreurs_en_francais(tmp_path):
    sans_annee = tmp_path / "a.csv"
    sans_annee.write_text("filiere;secteur;conso\nGaz;Tertiaire;4\n", encoding="utf-8")
    with pytest.raises(ErreurDonnees) as erreur:
        energie.lire_consommations_ore(sans_annee)
    message = str(erreur.value)
    assert "« a.csv »" in message and "« annee (Année) »" in message and "Colonnes trouvées : « filiere »" in message
    lettres = ecrire(tmp_path / "b.csv", [ENTETE_LIBELLES, ENTETE_CODES,
                                          ["Enedis", "2022", "Gaz", "49007", "X", "beaucoup", "1", "1", "1", "1", "1",
                                           "1", "1", "1"]])
    with pytest.raises(ErreurDonnees, match="contient « beaucoup » à la ligne 3, qui n'est pas un nombre"):
        energie.lire_consommations_ore(lettres)
    sans_secteur = tmp_path / "c.csv"
    sans_secteur.write_text("annee,filiere,conso\n2022,Gaz,4\n", encoding="utf-8")
    with pytest.raises(ErreurDonnees, match="pas de colonne de secteur"):
        energie.lire_consommations_ore(sans_secteur)
    autre_commune = tmp_path / "d.csv"
    autre_commune.write_text("annee;filiere;code_commune;secteur;conso\n2022;Gaz;49007;Tertiaire;4\n", encoding="utf-8")
    with pytest.raises(ErreurDonnees, match="Aucune ligne pour la commune 49008"):
        energie.lire_consommations_ore(autre_commune, code_insee="49008")


# --------------------------------------------------------------------------- choosing a commune


@pytest.fixture
def dossier_communes(tmp_path, monkeypatch):
    dossier = tmp_path / "donnees-commune"
    dossier.mkdir()
    monkeypatch.setenv("DONNEES_EN_MAIN_DOSSIER_COMMUNE", str(dossier))
    monkeypatch.delenv("DONNEES_EN_MAIN_CODE_INSEE", raising=False)
    monkeypatch.setattr(module_commune, "_choisie", None)
    return dossier


@pytest.mark.parametrize("valeur, attendu", [
    ("49007", "49007"), (" 2a004 ", "2A004"), ("2B033", "2B033"), (49007, "49007"), ("97101", "97101"),
    ("97801", "97801"), ("98735", "98735"), ("1053.0", None),
])
def test_codes_insee_valides(valeur, attendu):
    if attendu is None:
        with pytest.raises(ErreurDonnees, match="4 chiffres"):
            valider_code_insee(valeur)
    else:
        assert valider_code_insee(valeur) == attendu == Commune(valeur).code_insee


@pytest.mark.parametrize("valeur, mots", [
    ("1053", ["n'a que 4 chiffres", "« 01053 »"]),
    ("49000", ["ressemble à un code postal", "Code postal ≠ code INSEE", "49007"]),
    ("97100", ["ressemble à un code postal"]),
    ("20000", ["code postal corse", "2A", "2B"]),
    ("99001", ["Français établis hors de France"]),
    ("96001", ["département qui existe"]),
    ("", ["Indiquez le code INSEE"]),
    ("Angers", ["n'est pas un code INSEE"]),
])
def test_codes_insee_refuses_en_francais(valeur, mots):
    with pytest.raises(ErreurDonnees) as erreur:
        Commune(valeur)
    for mot in mots:
        assert mot in str(erreur.value)


def test_la_commune_fictive_par_defaut_et_annoncee(dossier_communes, capsys):
    for theme, roles in (("elections", {"presidentielle-2022-t1": "elections-presidentielle-2022-t1-bureaux"}),
                         ("energie", {"secteurs": "energie-secteurs", "gaz": "energie-releves-gaz"}),
                         ("cantine", {"menus": "menus-cantine", "export": "menus-cantine-export-tableur"})):
        donnees = donnees_commune(theme)
        assert donnees.fictive
        for role, ressource in roles.items():
            assert donnees[role] == chemin(ressource)
    sortie = capsys.readouterr().out
    assert sortie.count(f"Données de la commune fictive de {COMMUNE_FICTIVE_NOM} (code INSEE {COMMUNE_FICTIVE_CODE})") == 3
    assert donnees_commune("elections", afficher=False).lieux_de_vote("quartier") == lieux_de_vote("quartier")


def test_meme_commune_fictive_que_les_generateurs():
    spec = importlib.util.spec_from_file_location("generer_cantine", RACINE / "datasets" / "generer_cantine.py")
    generateur = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("generer_cantine", generateur)
    spec.loader.exec_module(generateur)
    assert (generateur.COMMUNE_INSEE, generateur.COMMUNE_NOM) == (COMMUNE_FICTIVE_CODE, COMMUNE_FICTIVE_NOM)


def test_les_fichiers_de_votre_commune_et_ce_qui_manque(dossier_communes, tmp_path):
    ici = dossier_communes / "01053"
    ici.mkdir()
    lignes = [ENTETE_2022, bureau_2022("01", "Ain", "53", "Bourg-en-Bresse", "0001", 900, 450, 0, 0, [250, 200])]
    ecrire(ici / "elections-presidentielle-2022-t1-bureaux.txt", lignes)
    # Elections: one election alone is not shown next to a fictional one.
    donnees = donnees_commune("elections", "01053", afficher=False)
    assert donnees.fictive and donnees["presidentielle-2022-t1"] == chemin("elections-presidentielle-2022-t1-bureaux")
    assert "sont incomplets pour les élections : il manque législatives 2024" in donnees.message
    ecrire(ici / "elections-legislatives-2024-t1-bureaux.csv", lignes)
    donnees = donnees_commune("elections", "01053", afficher=False)
    assert not donnees.fictive and donnees.message.startswith("Données de votre commune (code INSEE 01053) :")
    assert donnees["legislatives-2024-t1"] == ici / "elections-legislatives-2024-t1-bureaux.csv"
    assert donnees.get("bureaux") is None and donnees.lieux_de_vote() == {}
    assert "corrections automatiques des exercices portent sur la commune fictive" in donnees.message
    assert donnees.lire("presidentielle-2022-t1")["voix"].tolist() == [250, 200]
    # Energy: the commune's sectors next to the fictional buildings, each said.
    ecrire(ici / "energie-secteurs.csv", [ENTETE_CODES, ["Enedis", "2022", "Gaz", "01053", "B", "1", "1", "1", "1",
                                                          "1", "1", "1", "1", "4"]])
    energie_ = donnees_commune("energie", "01053", afficher=False)
    assert energie_.origines == {"electricite": "fictive", "gaz": "fictive", "batiments": "fictive", "secteurs": "commune"}
    assert "consommation par secteur (Agence ORE)" in energie_.message
    assert f"Données de la commune fictive de {COMMUNE_FICTIVE_NOM}" in energie_.message
    assert energie_.lire("secteurs")["code_commune"].unique().tolist() == ["01053"]


def test_les_releves_de_vos_batiments_ne_sont_jamais_completes_par_ceux_de_la_commune_fictive(dossier_communes):
    """The commune's buildings and electricity without its gas file: the fictional gas readings (same building ids:
    « mairie ») would land under the commune's town hall. The buildings and their readings come all from the
    commune or all from the fictional commune, and the message says why."""
    ici = dossier_communes / "29006"
    ici.mkdir()
    (ici / "energie-batiments.csv").write_text("batiment_id,nom,surface_m2\nmairie,Mairie de Bénodet,400\n",
                                               encoding="utf-8")
    releves = ["batiment_id,mois,consommation,unite,type_releve"] + [f"mairie,2024-{m:02d},{10 + m},kWh,réel"
                                                                    for m in range(1, 13)]
    (ici / "energie-releves-electricite.csv").write_text("\n".join(releves) + "\n", encoding="utf-8")
    donnees = donnees_commune("energie", "29006", afficher=False)
    assert {donnees.origines[r] for r in ("electricite", "gaz", "batiments")} == {"fictive"}
    assert "il y manque : relevés de gaz des bâtiments" in donnees.message
    assert "ne mêle pas les vôtres à ceux de la commune fictive" in donnees.message
    assert "Déposez energie-releves-gaz.csv" in donnees.message and "Aucun fichier de votre commune" not in donnees.message
    bilan = energie.bilan_annuel(energie.charger_releves(donnees["electricite"], donnees["gaz"]),
                                 energie.charger_batiments(donnees["batiments"]))
    assert "Mairie de Bénodet" not in set(bilan["nom"])
    # with the gas file, all three are the commune's
    (ici / "energie-releves-gaz.csv").write_text("\n".join(releves) + "\n", encoding="utf-8")
    donnees = donnees_commune("energie", "29006", afficher=False)
    assert {donnees.origines[r] for r in ("electricite", "gaz", "batiments")} == {"commune"}
    assert "il y manque" not in donnees.message
    bilan = energie.bilan_annuel(energie.charger_releves(donnees["electricite"], donnees["gaz"]),
                                 energie.charger_batiments(donnees["batiments"]))
    assert bilan["nom"].tolist() == ["Mairie de Bénodet"] and bilan["gaz_mwh"].iloc[0] == pytest.approx(0.198)


def test_des_resultats_par_commune_arretes_au_chargement_l_atelier_veut_les_bureaux(dossier_communes):
    """A valid Ministry file « par commune » saved for the elections workshop: read fine by lire_resultats, but the
    workshop works bureau by bureau (its cells index « Code du b.vote »): stopped by donnees.verifier(), in French,
    saying which file to get and where — not by a KeyError six cells later."""
    i = ENTETE_2022.index("Code du b.vote")
    ligne = bureau_2022("01", "Ain", "53", "Bourg-en-Bresse", "0001", 900, 450, 3, 2, [250, 195])
    par_commune = [ENTETE_2022[:2] + ENTETE_2022[4:i] + ENTETE_2022[i + 1:], ligne[:2] + ligne[4:i] + ligne[i + 1:]]
    ici = dossier_communes / "01053"
    ici.mkdir()
    ecrire(ici / "elections-presidentielle-2022-t1-bureaux.txt", par_commune)
    ecrire(ici / "elections-legislatives-2024-t1-bureaux.csv", par_commune)
    assert lire_resultats(ici / "elections-presidentielle-2022-t1-bureaux.txt").attrs["niveau"] == "commune"
    donnees = donnees_commune("elections", "01053", afficher=False)
    with pytest.raises(ErreurDonnees) as erreur:
        donnees.verifier()
    message = str(erreur.value)
    assert "donne les résultats par commune" in message and "a besoin du fichier par bureau de vote" in message
    assert "https://www.data.gouv.fr/fr/datasets/election-presidentielle-des-10-et-24-avril-2022" in message
    assert "python -m donnees_en_main telecharger" in message
    # the same file by bureau passes, and verifier() reads nothing from the fictional commune
    ecrire(ici / "elections-presidentielle-2022-t1-bureaux.txt", [ENTETE_2022, ligne])
    ecrire(ici / "elections-legislatives-2024-t1-bureaux.csv", [ENTETE_2022, ligne])
    assert donnees_commune("elections", "01053", afficher=False).verifier() is None
    assert donnees_commune("elections", None, afficher=False).verifier() is None


def test_les_menus_de_votre_commune_lus_et_reparations_annoncees(dossier_communes, capsys):
    ici = dossier_communes / "2A004"
    ici.mkdir()
    menus = pd.read_csv(chemin("menus-cantine"), dtype=str, keep_default_na=False).head(3)
    menus["menuDate"] = pd.to_datetime(menus["menuDate"]).dt.strftime("%d/%m/%Y")
    (ici / "menus-cantine.csv").write_bytes(menus.to_csv(sep=";", index=False).encode("cp1252"))
    donnees = donnees_commune("cantine", "2A004", afficher=False)
    assert donnees.origines == {"menus": "commune", "export": "commune", "achats": "fictive"}
    assert donnees["export"] == ici / "menus-cantine.csv"  # the raw file is the spreadsheet export
    lu = donnees.lire("menus")
    sortie = capsys.readouterr().out
    assert "Lecture de menus-cantine.csv :" in sortie and "• Encodage : Windows-1252 (cp1252)" in sortie
    assert "Colonne menuDate : 3 dates écrites autrement qu'en aaaa-mm-jj" in sortie
    assert lu["menuDate"].dt.strftime("%d/%m/%Y").tolist() == menus["menuDate"].tolist()
    donnees.lire("achats")
    assert capsys.readouterr().out == ""  # the fictional file: nothing to announce


def test_code_postal_sans_fichiers(dossier_communes):
    message = donnees_commune("cantine", "75011", afficher=False).message
    assert "Aucun fichier de votre commune (75011)" in message and "code postal ≠ code INSEE" in message
    assert "python -m donnees_en_main.donnees.telecharger 75011 --theme cantine" in message


def test_le_formulaire_du_formateur(dossier_communes):
    (dossier_communes / "2A004").mkdir()
    formulaire = choisir_commune()
    formulaire.texte.value = "1053"
    formulaire.bouton.click()
    assert "✘ Code non valable" in formulaire.retour.value and "01053" in formulaire.retour.value
    assert commune_choisie() is None
    formulaire.texte.value = "2a004"
    formulaire.bouton.click()
    assert "✔ Commune choisie : code INSEE 2A004" in formulaire.retour.value
    assert commune_choisie() == Commune("2A004")
    assert "Données de la commune fictive" in donnees_commune("elections", afficher=False).message
    assert "Aucun fichier de votre commune (2A004)" in donnees_commune("elections", afficher=False).message
    formulaire.texte.value = ""
    formulaire.bouton.click()
    assert commune_choisie() is None and "commune fictive" in formulaire.retour.value


def test_les_ateliers_ont_un_parametre_et_passent_par_donnees_commune():
    for nom, theme in (("cantine", "cantine"), ("energie", "energie"), ("elections", "elections")):
        nb = nbformat.read(RACINE / "notebooks" / f"{nom}.ipynb", as_version=4)
        parametres = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(parametres) == 1 and parametres[0].source.strip().endswith("CODE_INSEE = None")
        assert nb.cells.index(parametres[0]) == 1
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        assert f'donnees = donnees_commune("{theme}", CODE_INSEE)' in code
        assert "commune fictive" in nb.cells[0].source and "correction automatique" in nb.cells[0].source


def test_l_atelier_elections_tourne_sur_votre_commune(dossier_communes, tmp_path):
    from nbclient import NotebookClient

    ici = dossier_communes / "01053"
    ici.mkdir()
    lignes = [ENTETE_2022] + [bureau_2022("01", "Ain", "53", "Bourg-en-Bresse", f"000{k}", 900 + k, 450, 3, 2,
                                          [250 - k, 195 + k]) for k in (1, 2)]
    ecrire(ici / "elections-presidentielle-2022-t1-bureaux.txt", lignes)
    ecrire(ici / "elections-legislatives-2024-t1-bureaux.csv", lignes)
    nb = nbformat.read(RACINE / "notebooks" / "elections.ipynb", as_version=4)
    nb.cells[1].source = 'CODE_INSEE = "01053"'
    NotebookClient(nb, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    sorties = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in sorties if o.output_type == "error"]
    texte = "".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in sorties)
    assert "Données de votre commune (code INSEE 01053)" in texte and "Bourg-en-Bresse" in texte
    assert "4 lignes : une par bureau et par candidat" in texte



def test_l_atelier_elections_ne_montre_que_votre_commune_d_un_fichier_de_plusieurs_communes(dossier_communes, tmp_path):
    """A départemental file saved as the commune's: the workshop's results are those of the commune only, and
    it says so — never the whole département under « Données de votre commune »."""
    from nbclient import NotebookClient

    ici = dossier_communes / "01053"
    ici.mkdir()
    lignes = [ENTETE_2022] + [bureau_2022("01", "Ain", "53", "Bourg-en-Bresse", f"000{k}", 900 + k, 450, 3, 2,
                                          [250 - k, 195 + k]) for k in (1, 2)]
    lignes += [bureau_2022("01", "Ain", "4", "Ambérieu-en-Bugey", "0001", 5000, 4000, 10, 10, [3000, 980])]
    ecrire(ici / "elections-presidentielle-2022-t1-bureaux.txt", lignes)
    ecrire(ici / "elections-legislatives-2024-t1-bureaux.csv", lignes)
    nb = nbformat.read(RACINE / "notebooks" / "elections.ipynb", as_version=4)
    nb.cells[1].source = 'CODE_INSEE = "01053"'
    # what the trainer sees at the end: the communes and the votes the workshop computed with
    nb.cells.append(nbformat.v4.new_code_cell(
        'print("COMMUNES", sorted(set(resultats["code_commune"]) | set(legislatives["code_commune"])), '
        'int(resultats["voix"].sum()), int(legislatives["voix"].sum()))'))
    NotebookClient(nb, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    sorties = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in sorties if o.output_type == "error"]
    voix = (250 - 1) + (195 + 1) + (250 - 2) + (195 + 2)
    assert f"COMMUNES ['01053'] {voix} {voix}" in "".join(str(o.get("text", "")) for o in nb.cells[-1].outputs)
    texte = "".join(str(o.get("text", "")) for o in sorties)
    assert "Fichier de plusieurs communes : 2 lignes de la commune 01053 gardées sur 3 ; 1 autre commune du " \
           "fichier écartée." in texte


def test_l_atelier_energie_prend_les_annees_dans_les_donnees_de_la_commune(dossier_communes, tmp_path):
    from nbclient import NotebookClient

    ici = dossier_communes / "29006"
    ici.mkdir()
    (ici / "energie-batiments.csv").write_text(
        "batiment_id,nom,surface_m2\necole,École du Phare,800\nmairie,Mairie de Bénodet,400\n", encoding="utf-8")
    for energie_, unite in (("electricite", "kWh"), ("gaz", "MWh")):
        lignes = ["batiment_id,mois,consommation,unite,type_releve"]
        lignes += [f"{b},{a}-{m:02d},{10 + m},{unite},réel" for b in ("ecole", "mairie") for a in (2022, 2024, 2025)
                   for m in range(1, 13)]
        lignes += [f"{b},2026-{m:02d},{10 + m},{unite},réel" for b in ("ecole", "mairie") for m in (1, 2, 3)]
        (ici / f"energie-releves-{energie_}.csv").write_text("\n".join(lignes) + "\n", encoding="utf-8")
    nb = nbformat.read(RACINE / "notebooks" / "energie.ipynb", as_version=4)
    nb.cells[1].source = 'CODE_INSEE = "29006"'
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    bilan = next(c for c in nb.cells if c.cell_type == "code" and "bilan_annuel" in c.source)
    texte = "".join(str(o.get("data", {}).get("text/plain", "")) for o in bilan.outputs)
    # The table shows the commune's own last complete year: not the exercises' 2022, not an empty one, not 2026
    # (January to March only) nor 2023 (no reading at all).
    assert "Empty DataFrame" not in texte and "École du Phare" in texte and "2025" in texte
    assert not {"2022", "2023", "2026"} & set(re.findall(r"\b20\d\d\b", texte)), texte

# --------------------------------------------------------------------------- download command


class _Serveur:
    """A static HTTP server on 127.0.0.1 that counts the requests it answers."""

    def __init__(self, dossier: Path):
        chemins = []

        class Gestionnaire(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(dossier), **kwargs)

            def do_GET(self):
                chemins.append(self.path)
                return super().do_GET()

            def log_message(self, *args):
                pass

        self.chemins = chemins
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Gestionnaire)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def fermer(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serveur(tmp_path):
    publie = tmp_path / "publie"
    publie.mkdir()
    s = _Serveur(publie)
    s.dossier = publie
    yield s
    s.fermer()


def catalogue(tmp_path, monkeypatch, sources) -> Path:
    fichier = tmp_path / "sources.json"
    fichier.write_text(json.dumps({"sources": sources}, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("DONNEES_EN_MAIN_SOURCES", str(fichier))
    return fichier


def source(id_, theme, url, fichier, filtre):
    return {"id": id_, "theme": theme, "titre": f"Titre {id_}", "editeur": "Ministère de test", "licence": "Licence Ouverte 2.0",
            "page": "http://127.0.0.1/page", "url": url, "fichier": fichier, "filtre": filtre}


def test_telechargement_extrait_cache_manifeste_et_force(serveur, tmp_path, monkeypatch, capsys):
    lignes = [ENTETE_2022,
              bureau_2022("49", "Maine-et-Loire", "7", "Angers", "0001", 1000, 600, 10, 5, [300, 285]),
              bureau_2022("49", "Maine-et-Loire", "8", "Autre", "0001", 100, 50, 0, 0, [25, 25])]
    national = ecrire(serveur.dossier / "burvot.txt", lignes, encodage="cp1252").read_bytes()
    (serveur.dossier / "ore.csv").write_bytes(
        ("code_commune;annee;filiere;consoa;pdla\n49007;2022;Gaz;12;3\n49008;2022;Gaz;99;9\n").encode("utf-8"))
    catalogue(tmp_path, monkeypatch, [
        source("pres", "elections", serveur.url + "/burvot.txt", "elections-presidentielle-2022-t1-bureaux.txt",
               {"type": "elections"}),
        source("ore", "energie", serveur.url + "/ore.csv?commune={code_insee}", "energie-secteurs.csv",
               {"type": "colonne", "colonnes": ["code_commune"]}),
        {**source("menus", "cantine", None, "menus-cantine.csv", None), "remarque": "Pas de fichier national."},
    ])
    dossier = tmp_path / "donnees-commune"
    assert main(["49007", "--dossier", str(dossier)]) == 0
    sortie = capsys.readouterr().out
    ici = dossier / "49007"
    attendu = national.split(b"\n")[0] + b"\n" + national.split(b"\n")[1] + b"\n"
    assert (ici / "elections-presidentielle-2022-t1-bureaux.txt").read_bytes() == attendu
    assert (ici / "energie-secteurs.csv").read_bytes() == b"code_commune;annee;filiere;consoa;pdla\n49007;2022;Gaz;12;3\n"
    assert "/ore.csv?commune=49007" in serveur.chemins
    manifeste = json.loads((ici / "manifeste.json").read_text(encoding="utf-8"))
    assert manifeste["commune"] == "49007"
    for entree in manifeste["fichiers"]:
        contenu = (ici / entree["fichier"]).read_bytes()
        assert entree["octets"] == len(contenu) and entree["sha256"] == hashlib.sha256(contenu).hexdigest()
        assert entree["editeur"] == "Ministère de test" and entree["licence"] == "Licence Ouverte 2.0"
    pres = next(e for e in manifeste["fichiers"] if e["source"] == "pres")
    assert pres["octets_source"] == len(national) and pres["extrait"] == "1 ligne de la commune sur 2"
    assert "Enregistré :" in sortie and "À déposer à la main : Titre menus. Pas de fichier national." in sortie

    # The workshops now find the commune's files, and say where they come from.
    monkeypatch.setenv("DONNEES_EN_MAIN_DOSSIER_COMMUNE", str(dossier))
    message = donnees_commune("energie", "49007", afficher=False).message
    assert "Titre ore, Ministère de test, téléchargé le" in message

    # Second run: nothing downloaded (checksum checked).
    requetes = len(serveur.chemins)
    assert main(["49007", "--dossier", str(dossier), "--theme", "elections"]) == 0
    assert len(serveur.chemins) == requetes
    assert "Déjà téléchargé le" in capsys.readouterr().out
    # A file changed by hand is kept, and said so.
    (ici / "energie-secteurs.csv").write_bytes(b"modifie\n")
    assert main(["49007", "--dossier", str(dossier), "--theme", "energie"]) == 0
    assert "a changé depuis son téléchargement" in capsys.readouterr().out
    assert (ici / "energie-secteurs.csv").read_bytes() == b"modifie\n"
    # --forcer downloads again.
    assert main(["49007", "--dossier", str(dossier), "--theme", "energie", "--forcer"]) == 0
    assert len(serveur.chemins) == requetes + 1
    assert (ici / "energie-secteurs.csv").read_bytes().endswith(b"49007;2022;Gaz;12;3\n")


def test_telechargement_404_commune_absente_et_code_invalide(serveur, tmp_path, monkeypatch, capsys):
    ecrire(serveur.dossier / "burvot.txt", [ENTETE_2022, bureau_2022("49", "M", "8", "Autre", "1", 10, 5, 0, 0, [3, 2])])
    catalogue(tmp_path, monkeypatch, [
        source("absent", "elections", serveur.url + "/disparu.csv", "a.csv", {"type": "elections"}),
        source("pres", "elections", serveur.url + "/burvot.txt", "b.txt", {"type": "elections"}),
    ])
    dossier = tmp_path / "dc"
    assert main(["49007", "--dossier", str(dossier)]) == 1
    sortie = capsys.readouterr().out
    assert "Échec pour « Titre absent » : le fichier n'est plus à cette adresse (erreur 404)" in sortie
    assert "mettez à jour l'adresse dans le catalogue des sources" in sortie
    assert "Aucune ligne pour la commune 49007" in sortie and "code postal ≠ code INSEE" in sortie
    assert not (dossier / "49007" / "a.csv").exists() and not (dossier / "49007" / "b.txt").exists()
    assert main(["49000", "--dossier", str(dossier)]) == 1
    assert "Erreur : « 49000 » ressemble à un code postal" in capsys.readouterr().out
    assert main(["49007", "--theme", "meteo", "--dossier", str(dossier)]) == 1
    assert "Thème « meteo » inconnu" in capsys.readouterr().out


def test_serveur_injoignable_message_hors_ligne(tmp_path, monkeypatch, capsys):
    with socket.socket() as s:  # a free port on 127.0.0.1, closed: nobody answers there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    catalogue(tmp_path, monkeypatch, [source("pres", "elections", f"http://127.0.0.1:{port}/x.txt", "x.txt",
                                             {"type": "elections"})])
    assert main(["49007", "--dossier", str(tmp_path / "dc")]) == 2
    sortie = capsys.readouterr().out
    assert f"Pas de connexion à Internet : impossible de joindre 127.0.0.1:{port}" in sortie
    assert "les ateliers utiliseront la commune fictive" in sortie and "Traceback" not in sortie


def test_catalogue_du_cours_et_module_executable(tmp_path):
    sources = charger_sources()
    assert {s["theme"] for s in sources} == {"elections", "energie", "cantine"}
    for s in sources:
        for cle in ("titre", "editeur", "licence", "page", "fichier"):
            assert s.get(cle), (s["id"], cle)
        assert s["page"].startswith("https://")
        assert s["url"] is None or s["url"].startswith("https://")
    permaliens = [s["url"] for s in sources if s["url"] and "/datasets/r/" in s["url"]]
    assert permaliens and all(u.startswith("https://www.data.gouv.fr/fr/datasets/r/") for u in permaliens)
    roles = {n for t in module_commune.THEMES.values() for r in t.roles.values() for n in r.noms}
    assert all(Path(s["fichier"]).stem in roles for s in sources), "un fichier téléchargé doit être trouvé par les ateliers"
    faux = tmp_path / "faux.json"
    faux.write_text("{pas du json", encoding="utf-8")
    env = {**os.environ, "DONNEES_EN_MAIN_SOURCES": str(faux)}
    resultat = subprocess.run([sys.executable, "-m", "donnees_en_main.donnees.telecharger", "49007"], capture_output=True,
                              text=True, env=env, timeout=60)
    assert resultat.returncode == 1 and "n'est pas un JSON lisible" in resultat.stdout
    assert "Traceback" not in resultat.stdout + resultat.stderr


def test_la_commande_telecharger_mal_ecrite_explique_en_francais(capsys):
    """Same parser as every verb of the front door: French usage and error, exit 2, no traceback."""
    with pytest.raises(SystemExit) as fin:
        main(["--theme"])
    sortie = capsys.readouterr()
    assert fin.value.code == 2
    assert "Erreur : --theme attend une valeur" in sortie.err and "--help" in sortie.err
    with pytest.raises(SystemExit) as fin:
        main(["--help"])
    aide = capsys.readouterr().out
    assert fin.value.code == 0 and "code INSEE de la commune" in aide and "afficher cette aide" in aide


# --------------------------------------------------------------------------- one catalogue, one lire(), one codes module


def test_le_datapackage_et_le_catalogue_du_cours_disent_la_meme_chose():
    from donnees_en_main.donnees.catalogue import JEUX, sources_officielles, verifier_datapackage

    paquet = json.loads((RACINE / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
    assert verifier_datapackage(paquet) == []
    # A resource the catalogue does not declare, or a flag that disagrees, is reported.
    faux = json.loads(json.dumps(paquet))
    faux["resources"][0]["fictif"] = False
    faux["resources"].append({"name": "inconnue", "fictif": True, "licenses": [{"name": "etalab-2.0"}]})
    problemes = verifier_datapackage(faux)
    assert any("« inconnue »" in p and "n'est pas déclarée" in p for p in problemes)
    assert any(f"« {paquet['resources'][0]['name']} » : fictif" in p for p in problemes)
    # The themes and the official sources derive from the same declarations.
    roles = {(t, r): s.ressource for t, th in module_commune.THEMES.items() for r, s in th.roles.items()}
    assert roles == {(j.theme, j.role): j.nom for j in JEUX if j.theme}
    assert [s["id"] for s in sources_officielles()] == [s["id"] for s in charger_sources()]


def test_le_generateur_refuse_une_ressource_non_declaree(tmp_path):
    spec = importlib.util.spec_from_file_location("catalogue_datasets", RACINE / "datasets" / "catalogue.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    paquet = tmp_path / "datapackage.json"
    with pytest.raises(SystemExit, match="« pas-declaree » de datapackage.json n'est pas déclarée"):
        module.remplacer_ressources([{"name": "pas-declaree", "fictif": True, "licenses": [{"name": "etalab-2.0"}]}], paquet)
    assert not paquet.exists()


def test_lire_un_seul_point_d_entree(tmp_path):
    from donnees_en_main.donnees import charger, lire

    pd.testing.assert_frame_equal(lire("achats-cantines"), charger("achats-cantines"))
    fictif = lire("energie-secteurs")  # its declared reader: one row per sector, masked values known
    assert {"conso_mwh", "masque"} <= set(fictif.columns)
    fichier = tmp_path / "secteurs.csv"
    fichier.write_bytes("annee;filiere;code_commune;libelle_grand_secteur;conso;pdl\n"
                        "2023;Gaz;1053;Résidentiel;12,5;40\n2023;Gaz;49007;Résidentiel;7;3\n".encode("cp1252"))
    une = lire(fichier, comme="energie-secteurs")
    assert une["code_commune"].tolist() == ["01053", "49007"] and une["conso_mwh"].tolist() == [12.5, 7.0]
    tableur = lire(fichier)
    assert tableur["code_commune"].tolist() == ["1053", "49007"]  # as written: a spreadsheet reading
    assert any("Windows-1252" in n for n in tableur.attrs["notes"])
    with pytest.raises(ErreurDonnees, match="Aucun jeu de données ne s'appelle « menu »"):
        lire("menu")


@pytest.mark.parametrize("valeur, attendu", [
    ("1053", "01053"), (" 2a004", "2A004"), ("1053.0", "01053"), ("97411", "97411"), (None, ""), ("99134", "99134"),
])
def test_codes_normaliser(valeur, attendu):
    from donnees_en_main.donnees import codes

    assert codes.normaliser(valeur) == attendu


def test_codes_departement_iris_et_exiger():
    from donnees_en_main.donnees import codes

    assert [codes.departement(c) for c in ("49007", "2A004", "97411", "98818")] == ["49", "2A", "974", "988"]
    assert codes.commune_de_iris("010530103") == "01053" and codes.commune_de_iris(10310000) == "01031"
    assert codes.commune_de_iris("2A0040101") == "2A004"
    with pytest.raises(ErreurDonnees, match="n'est pas un code IRIS"):
        codes.commune_de_iris("01053")
    assert codes.exiger(" 2a004 ") == "2A004"
    with pytest.raises(ErreurDonnees, match="« 4900 » n'est pas un code INSEE"):
        codes.exiger("4900")
    assert valider_code_insee is codes.valider  # one module, re-exported under the old name
    assert [codes.est_code_commune(c) for c in ("49007", "2A004", "97411", "", "4900", "2C004", "49 007")] == [
        True, True, True, False, False, False, False]


# --------------------------------------------------------------------------- one reading path


def test_bom_utf8_puis_lignes_cp1252_lu_ligne_par_ligne(tmp_path):
    from donnees_en_main.donnees import detecter_format, lire_csv_tableur

    fichier = tmp_path / "colle.csv"
    fichier.write_bytes(b"\xef\xbb\xbf" + "commune;montant\nÉcole;10\n".encode("utf-8")
                        + "Fête;20\nThéâtre;30\n".encode("cp1252"))
    format_ = detecter_format(fichier)  # no UnicodeDecodeError
    assert format_.melange and "2 lignes sont en Windows-1252" in format_.notes[0]
    tableau, notes = lire_csv_tableur(fichier)
    assert tableau["commune"].tolist() == ["École", "Fête", "Théâtre"]
    secteurs = energie.lire_consommations_ore(_ore_melange(tmp_path))
    assert secteurs["secteur"].tolist() == ["Résidentiel", "Tertiaire"]


def _ore_melange(tmp_path):
    fichier = tmp_path / "ore.csv"
    fichier.write_bytes(b"\xef\xbb\xbf" + "annee;filiere;code_commune;libelle_grand_secteur;conso;pdl\n"
                        "2023;Gaz;49007;Résidentiel;7;3\n".encode("utf-8")
                        + "2023;Gaz;49007;Tertiaire;nd;2\n".encode("cp1252"))
    return fichier


@pytest.mark.parametrize("mot", ["secret", "s", "nd", "n.d.", "NC", "-"])
def test_valeurs_masquees_gardees_vides_comptees_et_annoncees(tmp_path, mot):
    from donnees_en_main.donnees import VALEURS_MASQUEES, lire

    assert mot.lower() in VALEURS_MASQUEES
    fichier = tmp_path / "ore.csv"
    fichier.write_text("annee;filiere;code_commune;libelle_grand_secteur;conso;pdl\n"
                       f"2023;Gaz;49007;Résidentiel;{mot};{mot}\n2023;Gaz;49007;Tertiaire;12,5;4\n", encoding="utf-8")
    secteurs = energie.lire_consommations_ore(fichier)
    assert secteurs["masque"].tolist() == [True, False] and secteurs["conso_mwh"].sum() == 12.5
    assert any(f"« {mot} » (1)" in n and "pas nulles" in n for n in secteurs.attrs["notes"])
    ancien = energie.lire_secteurs(fichier)  # the older reader of the same layout says it too
    assert ancien["masque"].tolist() == [True, False] and ancien["conso_mwh"].sum() == 12.5
    assert any(f"« {mot} » (1)" in n and "pas comme zéro" in n for n in ancien.attrs["notes"])
    # The same word in a file read like the course's purchases: kept empty, announced, not refused.
    achats = tmp_path / "achats.csv"
    achats.write_text("nom_cantine;commune;code_insee;secteur;mode_de_gestion;annee;achats_totaux_ht;achats_bio_ht;"
                      f"achats_durables_qualite_ht\nA;X;49007;scolaire;directe;2024;1000;{mot};300\n"
                      "B;X;49007;scolaire;directe;2024;2000;400,5;600\n", encoding="utf-8")
    tableau = lire(achats, comme="achats-cantines")
    assert tableau["achats_bio_ht"].isna().tolist() == [True, False] and tableau["achats_bio_ht"].sum() == 400.5
    assert any(f"« {mot} » (1)" in n and "pas comme zéro" in n for n in tableau.attrs["notes"])
    # And in a SCDL file read by lire_scdl: a masked word, not an « unreadable value ».
    from donnees_en_main.donnees.scdl import lire_scdl

    subventions = tmp_path / "subventions.csv"
    subventions.write_text(f"nomBeneficiaire,montant,dateConvention\nA,1000,2023-01-01\nB,{mot},2023-01-02\n", encoding="utf-8")
    lu = lire_scdl(subventions, "subventions")
    assert lu.tableau["montant"].isna().tolist() == [False, True]
    assert any(f"« {mot} » (1)" in n and "pas comme zéro" in n for n in lu.notes)
    assert not [n for n in lu.notes if "illisibles" in n]


def test_une_ligne_par_candidat_format_non_pris_en_charge_et_formats_acceptes(tmp_path):
    # The same bureau on two rows, one candidate each (a « une ligne par candidat » layout).
    lignes = [ENTETE_2022]
    for voix in ([300, 0], [0, 285]):
        ligne = bureau_2022("49", "Maine-et-Loire", "007", "Angers", "0001", 1000, 600, 10, 5, [300, 285])
        bloc = 7 * (0 if voix[0] else 1)
        lignes.append(ligne[:21] + ligne[21 + bloc: 28 + bloc])
    fichier = ecrire(tmp_path / "une-ligne-par-candidat.csv", lignes)
    with pytest.raises(ErreurDonnees) as erreur:
        lire_resultats(fichier)
    message = str(erreur.value)
    assert "a une ligne par candidat" in message and "ce format n'est pas pris en charge" in message
    assert "Formats acceptés" in message and "https://www.data.gouv.fr/fr/datasets/election-presidentielle" in message
    json_ = tmp_path / "49007.json"
    json_.write_text('{"mainTable": []}', encoding="utf-8")
    with pytest.raises(ErreurDonnees, match="est un fichier JSON .* ce format n'est pas pris en charge. Formats acceptés"):
        lire_resultats(json_)


def test_erreur_donnees_affichee_en_francais_sans_traceback_dans_un_carnet(tmp_path):
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "from donnees_en_main.donnees import lire_csv_tableur\n"
        "def charger_le_fichier():\n"
        "    return lire_csv_tableur('absent.csv')\n"
        "charger_le_fichier()"
    )]
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}},
                   allow_errors=True).execute()
    sortie = nb.cells[0].outputs[-1]
    assert sortie.output_type == "error" and sortie.ename == "ErreurDonnees"
    texte = "\n".join(sortie.traceback)
    assert "Problème dans les données" in texte and "« absent.csv » est introuvable" in texte
    for trace_python in ("Traceback", "most recent call", "File ", "Cell In[", "charger_le_fichier()", "---->"):
        assert trace_python not in texte, trace_python


def test_l_atelier_verifie_les_colonnes_avant_de_calculer(tmp_path, monkeypatch):
    from donnees_en_main.donnees import lire

    dossier = tmp_path / "communes" / "49007"
    dossier.mkdir(parents=True)
    # A ma-cantine export saved as the workshop's purchases file: stopped at once, recognised.
    (dossier / "achats-cantines.csv").write_text(
        "id,canteen_siret,canteen_name,canteen_city_insee_code,teledeclaration_ratio_bio\n"
        "1,21490007800012,Cantine Jean Moulin,49007,0.21\n", encoding="utf-8")
    monkeypatch.setenv("DONNEES_EN_MAIN_DOSSIER_COMMUNE", str(tmp_path / "communes"))
    donnees = donnees_commune("cantine", "49007", afficher=False)
    with pytest.raises(ErreurDonnees) as erreur:
        donnees.lire("achats")
    message = str(erreur.value)
    assert "n'a aucune des colonnes qu'il faut pour cet atelier" in message and "achats_bio_ht" in message
    assert "ressemble à l'export open data de ma-cantine" in message and "lire_ma_cantine" in message
    # One column missing, another spelled differently: the missing one is named, the other read.
    fichier = tmp_path / "achats.csv"
    fichier.write_text("nom_cantine;commune;Code_INSEE;secteur;mode_de_gestion;annee;achats_totaux_ht;achats_bio_ht\n"
                       "A;Angers;49007;scolaire;directe;2024;1000;200\n", encoding="utf-8")
    with pytest.raises(ErreurDonnees, match=r"n'a pas la colonne « achats_durables_qualite_ht » qu'il faut") as erreur:
        lire(fichier, comme="achats-cantines")
    assert "ressemble" not in str(erreur.value)
    fichier.write_text(fichier.read_text(encoding="utf-8").replace("achats_bio_ht\n", "achats_bio_ht;achats_durables_qualite_ht\n")
                       .replace(";200\n", ";200;300\n"), encoding="utf-8")
    lu = lire(fichier, comme="achats-cantines")
    assert lu["code_insee"].tolist() == ["49007"] and any("« Code_INSEE » lue comme « code_insee »" in n for n in lu.attrs["notes"])


def test_energie_de_la_commune_filtree_par_son_code(tmp_path, monkeypatch):
    dossier = tmp_path / "communes" / "01053"
    dossier.mkdir(parents=True)
    (dossier / "energie-secteurs.csv").write_text(
        "annee;filiere;code_commune;libelle_grand_secteur;conso;pdl\n2022;Gaz;1053;Résidentiel;10;40\n"
        "2022;Gaz;49007;Résidentiel;99;3\n2022;Gaz;01053;Tertiaire;nd;2\n", encoding="utf-8")
    monkeypatch.setenv("DONNEES_EN_MAIN_DOSSIER_COMMUNE", str(tmp_path / "communes"))
    secteurs = donnees_commune("energie", "01053", afficher=False).lire("secteurs")
    assert set(secteurs["code_commune"]) == {"01053"} and secteurs["conso_mwh"].sum() == 10
    assert secteurs["masque"].tolist() == [False, True]


def test_resultats_bom_utf8_et_lignes_cp1252_colles(tmp_path):
    entete = ";".join(ENTETE_2022).encode("utf-8")
    a = ";".join(bureau_2022("49", "Maine-et-Loire", "007", "Angers", "0001", 1000, 600, 10, 5, [300, 285])).encode("utf-8")
    b = ";".join(bureau_2022("49", "Maine-et-Loire", "007", "Angers", "0002", 900, 500, 0, 0, [250, 250])).encode("cp1252")
    fichier = tmp_path / "colle.csv"
    fichier.write_bytes(b"\xef\xbb\xbf" + entete + b"\n" + a + b"\n" + b + b"\n")
    df = lire_resultats(fichier)
    assert set(df["nom"]) == {"N’DIAYE", "BERTIN"} and df["voix"].sum() == 300 + 285 + 250 + 250
    extrait, gardees, total = extraire_commune(fichier.read_bytes(), "49007")
    assert (gardees, total) == (2, 2)


def _achats_de(dossier: Path, lignes: list[str]) -> None:
    dossier.mkdir(parents=True, exist_ok=True)
    (dossier / "achats-cantines.csv").write_text(
        "nom_cantine;commune;code_insee;secteur;mode_de_gestion;annee;achats_totaux_ht;achats_bio_ht;"
        "achats_durables_qualite_ht\n" + "".join(l + "\n" for l in lignes), encoding="utf-8")


def test_achats_de_plusieurs_communes_ou_annees_annonces_jamais_montres_comme_ceux_de_la_commune(tmp_path, monkeypatch):
    monkeypatch.setenv("DONNEES_EN_MAIN_DOSSIER_COMMUNE", str(tmp_path / "communes"))
    # An intercommunal file (like the course's): every row kept, but the other communes and years are said.
    _achats_de(tmp_path / "communes" / "29006", [
        "École A;Bénodet;29006;scolaire;directe;2024;1000;100;300",
        "École B;Quimper;29232;scolaire;directe;2024;9000;4500;6000",
        "École C;Quimper;29232;scolaire;directe;2023;8000;4000;5000",
        "École D;Fouesnant;29058;scolaire;concédée;2024;3000;600;900",
    ])
    achats = donnees_commune("cantine", "29006", afficher=False).lire("achats")
    assert len(achats) == 4  # nothing dropped silently…
    notes = " ".join(achats.attrs["notes"])
    assert "3 communes" in notes and "1 ligne de votre commune (29006)" in notes  # …and nothing shown as « yours » silently
    assert "2023, 2024" in notes
    # A file with no row of the commune: stopped, with the codes it holds.
    _achats_de(tmp_path / "communes" / "29004", ["École B;Quimper;29232;scolaire;directe;2024;9000;4500;6000"])
    with pytest.raises(ErreurDonnees, match=r"aucune ligne de la commune 29004 .*29232"):
        donnees_commune("cantine", "29004", afficher=False).lire("achats")
    # The commune's own file, one year: nothing more to say.
    _achats_de(tmp_path / "communes" / "01053", ["École A;Bourg;1053;scolaire;directe;2024;1000;100;300"])
    seule = donnees_commune("cantine", "01053", afficher=False).lire("achats")
    assert seule["code_insee"].tolist() == ["01053"]
    assert not [n for n in seule.attrs["notes"] if "communes" in n or "Années" in n]


@pytest.mark.parametrize("mot", ["nd", "NC", "-"])
def test_releves_et_batiments_valeurs_masquees_gardees_manquantes_et_annoncees(tmp_path, mot, capsys):
    releves = tmp_path / "elec.csv"
    releves.write_text("batiment_id,mois,consommation,unite,type_releve\necole,2024-01,100,kWh,réel\n"
                       f"ecole,2024-02,{mot},kWh,réel\necole,2024-03,300,kWh,réel\n", encoding="utf-8")
    lu = energie.lire_releves(releves, "électricité")
    assert lu["mois"].tolist() == ["2024-01", "2024-03"] and lu["consommation_kwh"].sum() == 400
    assert any(f"« {mot} » (1)" in n and "manquant" in n for n in lu.attrs["notes"])
    complet = energie.completer_mois(lu)
    assert complet.loc[complet["mois"] == "2024-02", "type_releve"].tolist() == ["manquant"]
    batiments = tmp_path / "batiments.csv"
    batiments.write_text(f"batiment_id,nom,surface_m2\necole,École,800\nmairie,Mairie,{mot}\n", encoding="utf-8")
    bat = energie.charger_batiments(batiments)
    assert bat["surface_m2"].isna().tolist() == [False, True]
    assert any(f"« {mot} » (1)" in n and "surface_m2" in n for n in bat.attrs["notes"])
    # The workshop's loader says it too.
    gaz = tmp_path / "gaz.csv"
    gaz.write_text("batiment_id,mois,consommation,unite,type_releve\necole,2024-01,1,MWh,réel\n", encoding="utf-8")
    tout = energie.charger_releves(releves, gaz)
    assert len(tout) == 3 and f"« {mot} » (1)" in capsys.readouterr().out


def test_fichier_coupe_au_milieu_d_un_guillemet_erreur_en_francais(tmp_path):
    from donnees_en_main.donnees import lire_csv_tableur

    fichier = tmp_path / "coupe.csv"  # a download cut short inside a quoted text
    fichier.write_text('batiment_id,nom,surface_m2\necole,"École du Phare, aile nord",800\nmairie,"Mairie de Bén',
                       encoding="utf-8")
    lecteurs = (lire_csv_tableur, energie.charger_batiments, energie.lire_secteurs,
                lambda f: energie.lire_releves(f, "gaz"))
    for lecteur in lecteurs:
        with pytest.raises(ErreurDonnees) as erreur:
            lecteur(fichier)
        message = str(erreur.value)
        assert "guillemet" in message and "ligne 3" in message and "Error" not in message, message


def test_achats_de_paris_par_arrondissement_comptes_pour_paris(tmp_path, monkeypatch):
    monkeypatch.setenv("DONNEES_EN_MAIN_DOSSIER_COMMUNE", str(tmp_path / "communes"))
    _achats_de(tmp_path / "communes" / "75056", [
        "École A;Paris 5e;75105;scolaire;directe;2024;1000;100;300",
        "École B;Paris 12e;75112;scolaire;directe;2024;9000;4500;6000",
    ])
    achats = donnees_commune("cantine", "75056", afficher=False).lire("achats")
    assert achats["code_insee"].tolist() == ["75105", "75112"]  # kept as written…
    notes = " ".join(achats.attrs["notes"])
    assert "ne désigne pas Paris par son code de commune (75056) mais par ses arrondissements municipaux (75105, 75112)" in notes
    assert "Communes :" not in notes  # …and not taken for other communes


def test_deuxieme_ligne_d_en_tete_reconnue_par_une_seule_regle(tmp_path):
    # Built from bytes: French labels, then the codes of the columns, then numbers (as SDES publishes).
    from donnees_en_main.donnees import lire_csv_tableur

    sdes = tmp_path / "sdes.csv"
    sdes.write_text(
        '"Nom de l\'opérateur";"Millésime";"Énergie";"Code de l\'IRIS";"Code du grand secteur";"Consommation (en MWh)"\n'
        '"OPERATEUR";"ANNEE";"FILIERE";"IRIS_CODE";"CODE_GRAND_SECTEUR";"CONSO"\n'
        '"Réseau A";"2022";"C";"490070101";"R";"1 200,5"\n"Réseau A";"2022";"C";"490070102";"T";"secret"\n',
        encoding="utf-8")
    tableau, notes = lire_csv_tableur(sdes)
    assert len(tableau) == 2 and tableau["Millésime"].tolist() == ["2022", "2022"]
    assert tableau.attrs["codes_colonnes"]["Consommation (en MWh)"] == "CONSO"
    assert tableau.attrs["lignes"] == [3, 4]
    note = next(n for n in notes if n.startswith("Deux lignes d'en-tête"))
    assert "la ligne 2" in note and "OPERATEUR, ANNEE, FILIERE" in note and "à la ligne 3" in note
    ore = energie.lire_consommations_ore(sdes)  # the energy reader: the same rule, the same note
    assert ore["conso_mwh"].sum() == 1200.5 and len(ore) == 2
    assert any(n.startswith(note) for n in ore.attrs["notes"])
    # A first data row of words that come back below (« Gaz », « SEM ») is data, not a header: kept.
    mots = tmp_path / "mots.csv"
    mots.write_text("operateur;filiere;montant;pdl\nGRDF;Gaz;SEM;NC\nGRDF;Gaz;12;3\nGRDF;Gaz;SEM;4\n", encoding="utf-8")
    tableau, notes = lire_csv_tableur(mots)
    assert len(tableau) == 3 and not [n for n in notes if n.startswith("Deux lignes")]
    # Codes row over columns that are all text below: nothing tells it from data, it is kept.
    textes = tmp_path / "textes.csv"
    textes.write_text("Nom;Ville;Rue\nNOM;VILLE;RUE\nDupont;Angers;Rue Haute\n", encoding="utf-8")
    assert len(lire_csv_tableur(textes)[0]) == 2


def test_un_mot_au_lieu_d_un_montant_dans_le_fichier_de_la_commune_meme_regle(tmp_path):
    # A commune's purchases file read like the course's (lire_comme): « NC » is masked, « SEM » is a word among
    # numbers — kept, missing, its line listed, as lire_subventions and lire_scdl do; not a refused file.
    from donnees_en_main.donnees import lire

    fichier = tmp_path / "achats-cantines.csv"
    fichier.write_text(
        "nom_cantine;commune;code_insee;secteur;mode_de_gestion;annee;achats_totaux_ht;achats_bio_ht;achats_durables_qualite_ht\n"
        "École A;Angers;49007;scolaire;directe;2024;1 000,50;200;100\n"
        "\n"
        "École B;Angers;49007;scolaire;directe;2024;2000;SEM;NC\n", encoding="utf-8")
    achats = lire(fichier, comme="achats-cantines")
    assert achats["achats_totaux_ht"].tolist() == [1000.5, 2000.0]
    assert achats["achats_bio_ht"].sum() == 200 and achats["achats_bio_ht"].isna().tolist() == [False, True]
    notes = achats.attrs["notes"]
    assert any(n.startswith("Colonne achats_bio_ht : 1 case contient un texte au lieu d'un nombre (« SEM »), "
                            "ligne 4 du fichier.") for n in notes), notes
    assert any("« NC »" in n for n in notes)
    # Not one number in the column: that is not the column the workshop needs, said in French.
    fichier.write_text(fichier.read_text(encoding="utf-8").replace(";200;", ";deux cents;"), encoding="utf-8")
    with pytest.raises(ErreurDonnees, match="n'est pas un nombre"):
        lire(fichier, comme="achats-cantines")
