"""Files as collectivités really produce them, built here byte by byte: each class of defect met when the real
files of ../shared/fichiers-reels were varied (Excel title rows, « Total » rows, pasted exports, Mac line ends,
web pages saved as .csv, Excel serial dates, header-only files, postcodes). Every file goes through the public
readers and the « votre commune » workshop path; each loads with the figures a plain reading of the same rows
gives, or stops with a clear French ``ErreurDonnees``: never a traceback, never silently wrong."""

from __future__ import annotations

import pandas as pd
import pytest

from donnees_en_main.chapitres.repondre_citoyen import lire_subventions
from donnees_en_main.donnees import ErreurDonnees, detecter_format, lire, lire_csv_tableur
from donnees_en_main.donnees.commune import donnees_commune

# A subsidy file (SCDL) as a département's spreadsheet writes it: « ; », French amounts.
ENTETE_SUB = "nomAttribuant;idAttribuant;dateConvention;nomBeneficiaire;idBeneficiaire;objet;montant;nature"
LIGNES_SUB = [
    "Département du Lot;22460001500511;2017-12-21;Association des maires;44259700100035;Soutien;40 000,00;aide en numéraire",
    "Département du Lot;22460001500511;2017-12-29;Festival Ecaussystème;48309112000012;Festival;260 000,00;aide en numéraire",
    "Département du Lot;22460001500511;2017-08-09;Club de rugby;;Saison;36 700,00;aide en numéraire",
]
MONTANTS = [40000.0, 260000.0, 36700.0]
# The workshop's purchases of the canteens (the course's layout), for a commune whose code starts with 0.
ENTETE_ACH = ("nom_cantine,commune,code_insee,secteur,mode_de_gestion,annee,achats_totaux_ht,achats_bio_ht,"
              "achats_durables_qualite_ht")
LIGNES_ACH = [
    "École Jean Moulin,Ambérieu-en-Bugey,01004,scolaire,directe,2024,150000.00,30000.00,60000.00",
    "École du Centre,Ambérieu-en-Bugey,01004,scolaire,concédée,2024,90000.50,10000.25,30000.00",
    "EHPAD Les Tilleuls,Ambérieu-en-Bugey,01004,médico-social,directe,2024,120000.00,20000.00,55000.00",
]
BIO = [30000.0, 10000.25, 20000.0]


def _fichier(tmp_path, texte, nom="fichier.csv", encodage="utf-8"):
    chemin = tmp_path / nom
    chemin.write_bytes(texte if isinstance(texte, bytes) else texte.encode(encodage))
    return chemin


def _achats_de_la_commune(tmp_path, monkeypatch, texte, code="01004"):
    """The trainer's gesture: the file saved as the purchases of the commune's folder; the workshop reads it."""
    dossier = tmp_path / "communes" / code
    dossier.mkdir(parents=True)
    (dossier / "achats-cantines.csv").write_bytes(texte.encode("utf-8"))
    monkeypatch.setenv("DONNEES_EN_MAIN_DOSSIER_COMMUNE", str(tmp_path / "communes"))
    donnees = donnees_commune("cantine", code, afficher=False)
    assert donnees.origines["achats"] == "commune"
    donnees.verifier()
    return donnees.lire("achats")


def _francais(exc: ErreurDonnees) -> str:
    message = str(exc)
    assert "Traceback" not in message and "Error" not in message and len(message) > 60, message
    return message


# --------------------------------------------------------------------------- title rows above the header


def test_lignes_de_titre_au_dessus_de_l_en_tete_ne_sont_pas_l_en_tete(tmp_path):
    """Excel sheet saved as CSV: a title, a subtitle and a blank row of separators above the header."""
    texte = "Subventions versées en 2017;;;;;;;\nDépartement du Lot\n;;;;;;;\n" + "\n".join([ENTETE_SUB, *LIGNES_SUB]) + "\n"
    fichier = _fichier(tmp_path, texte)
    tableau = lire_subventions(fichier)
    assert len(tableau) == 3 and tableau["montant"].sum() == pytest.approx(sum(MONTANTS))
    note = next(n for n in tableau.attrs["notes"] if n.startswith("Lignes de titre"))
    assert "« Subventions versées en 2017 »" in note and "la ligne 4 du fichier" in note
    # Line numbers stay those of the file: the first subsidy is line 5.
    assert lire_csv_tableur(fichier)[0].attrs["lignes"] == [5, 6, 7]
    assert detecter_format(fichier).separateur == ";"  # a one-cell title line does not hide the separator


def test_lignes_de_titre_sur_le_chemin_de_l_atelier(tmp_path, monkeypatch):
    texte = "Achats des cantines 2024,,,,,,,,\n,,,,,,,,\n" + "\n".join([ENTETE_ACH, *LIGNES_ACH]) + "\n"
    achats = _achats_de_la_commune(tmp_path, monkeypatch, texte)
    assert achats["achats_bio_ht"].sum() == pytest.approx(sum(BIO)) and len(achats) == 3


# --------------------------------------------------------------------------- rows that are not data


@pytest.mark.parametrize("total", [
    "Total;;;;;;336 700,00;",
    "TOTAL GENERAL;;;;;;336 700,00;",
    # a full row: known as a total because its amount is the sum of the others
    "Total;22460001500511;2017-12-31;Total;44259700100035;Tous;336 700,00;aide en numéraire",
])
def test_une_ligne_de_total_n_est_pas_une_subvention(tmp_path, total):
    fichier = _fichier(tmp_path, "\n".join([ENTETE_SUB, *LIGNES_SUB, total]) + "\n")
    tableau = lire_subventions(fichier)
    assert len(tableau) == 3 and tableau["montant"].sum() == pytest.approx(sum(MONTANTS))
    note = next(n for n in tableau.attrs["notes"] if n.startswith("Ligne de total"))
    assert "la ligne 5" in note and "deux fois" in note


def test_une_ligne_de_total_dans_les_achats_de_la_commune(tmp_path, monkeypatch):
    texte = "\n".join([ENTETE_ACH, *LIGNES_ACH, "Total,,,,,2024,360000.50,60000.25,145000.00"]) + "\n"
    achats = _achats_de_la_commune(tmp_path, monkeypatch, texte)
    assert len(achats) == 3 and achats["achats_bio_ht"].sum() == pytest.approx(sum(BIO))


def test_un_beneficiaire_nomme_total_reste_une_subvention(tmp_path):
    """« TOTAL ENERGIES » or « Total Basket Club » is a beneficiary: a full row whose amount is not the sum."""
    ligne = "Département du Lot;22460001500511;2017-12-21;Total;54205118000066;Stade;5 000,00;aide en numéraire"
    fichier = _fichier(tmp_path, "\n".join([ENTETE_SUB, *LIGNES_SUB, ligne]) + "\n")
    tableau = lire_subventions(fichier)
    assert len(tableau) == 4 and tableau["montant"].sum() == pytest.approx(sum(MONTANTS) + 5000)
    assert not any(n.startswith("Ligne de total") for n in tableau.attrs["notes"])


def test_en_tete_repete_au_milieu_deux_exports_colles(tmp_path, monkeypatch):
    fichier = _fichier(tmp_path, "\n".join([ENTETE_SUB, LIGNES_SUB[0], ENTETE_SUB, *LIGNES_SUB[1:]]) + "\n")
    tableau = lire_subventions(fichier)
    assert len(tableau) == 3 and tableau["montant"].sum() == pytest.approx(sum(MONTANTS))
    assert any(n.startswith("En-tête répété") and "la ligne 3" in n for n in tableau.attrs["notes"])
    generique = lire(fichier)
    assert len(generique) == 3 and "nomBeneficiaire" not in set(generique["nomBeneficiaire"])
    achats = _achats_de_la_commune(tmp_path, monkeypatch, "\n".join([ENTETE_ACH, LIGNES_ACH[0], ENTETE_ACH, *LIGNES_ACH[1:]]))
    assert len(achats) == 3 and achats["achats_bio_ht"].sum() == pytest.approx(sum(BIO))


# --------------------------------------------------------------------------- line ends, web pages


def test_fins_de_ligne_mac_cr_seul(tmp_path, monkeypatch):
    fichier = _fichier(tmp_path, "\r".join([ENTETE_SUB, *LIGNES_SUB]) + "\r", encodage="cp1252")
    tableau = lire_subventions(fichier)
    assert len(tableau) == 3 and tableau["montant"].sum() == pytest.approx(sum(MONTANTS))
    assert tableau["nomBeneficiaire"].iloc[1] == "Festival Ecaussystème"
    assert any(n.startswith("Fins de ligne") and "Mac" in n for n in tableau.attrs["notes"])
    achats = _achats_de_la_commune(tmp_path, monkeypatch, "\r".join([ENTETE_ACH, *LIGNES_ACH]) + "\r")
    assert len(achats) == 3 and achats["achats_bio_ht"].sum() == pytest.approx(sum(BIO))


@pytest.mark.parametrize("page", [
    "<!DOCTYPE html>\n<html lang=\"fr\"><head><title>Subventions</title></head><body><table><tr><td>Nom</td>"
    "<td>Montant</td></tr></table></body></html>\n",
    "\n<html>\n<head><meta charset=\"utf-8\"><title>Erreur 404</title></head>\n<body><p>La page demandée, "
    "n'existe pas; désolé.</p></body>\n</html>\n",
])
def test_une_page_web_enregistree_en_csv_est_dite(tmp_path, page):
    fichier = _fichier(tmp_path, page, nom="subventions.csv")
    for lecteur in (lire, lire_subventions):
        with pytest.raises(ErreurDonnees) as erreur:
            lecteur(fichier)
        message = _francais(erreur.value)
        assert "page web" in message and "téléchargement" in message


# --------------------------------------------------------------------------- dates, empty files, codes


def test_dates_excel_ecrites_en_nombres(tmp_path):
    """A date cell formatted « Nombre » in Excel: 43090 is 2017-12-21 (days since 1899-12-30)."""
    lignes = [l.replace("2017-12-21", "43090").replace("2017-12-29", "43098").replace("2017-08-09", "42956")
              for l in LIGNES_SUB]
    tableau = lire_subventions(_fichier(tmp_path, "\n".join([ENTETE_SUB, *lignes]) + "\n"))
    assert [d.strftime("%Y-%m-%d") for d in tableau["dateConvention"]] == ["2017-12-21", "2017-12-29", "2017-08-09"]
    assert any("Excel" in n and "« 43090 » pour le 21/12/2017" in n for n in tableau.attrs["notes"])


def test_fichier_reduit_a_son_en_tete_dans_l_atelier(tmp_path, monkeypatch):
    with pytest.raises(ErreurDonnees) as erreur:
        _achats_de_la_commune(tmp_path, monkeypatch, ENTETE_ACH + "\n")
    message = _francais(erreur.value)
    assert "que sa ligne d'en-tête" in message and "sans code" not in message


def test_codes_postaux_a_la_place_des_codes_insee(tmp_path, monkeypatch):
    lignes = [l.replace(",01004,", ",20167,") for l in LIGNES_ACH]
    with pytest.raises(ErreurDonnees) as erreur:
        _achats_de_la_commune(tmp_path, monkeypatch, "\n".join([ENTETE_ACH, *lignes]) + "\n")
    message = _francais(erreur.value)
    assert "contient des codes postaux (20167)" in message and "code postal ≠ code INSEE" in message


def test_code_insee_qui_a_perdu_son_zero_initial(tmp_path, monkeypatch):
    lignes = [l.replace(",01004,", ",1004,") for l in LIGNES_ACH]
    achats = _achats_de_la_commune(tmp_path, monkeypatch, "\n".join([ENTETE_ACH, *lignes]) + "\n")
    assert set(achats["code_insee"]) == {"01004"} and achats["achats_bio_ht"].sum() == pytest.approx(sum(BIO))


# --------------------------------------------------------------------------- the energy workshop's own readers


def test_energie_en_tete_repete_et_total_par_la_meme_regle(tmp_path, monkeypatch):
    """The energy readers parse the file themselves: the shared rule (``lignes_hors_donnees``) applies there too."""
    from donnees_en_main.chapitres.energie import lire_releves

    entete = "operateur;annee;filiere;code_commune;libelle_commune;code_grand_secteur;libelle_grand_secteur;conso;pdl"
    lignes = ["Enedis;2021;Electricité;01004;Ambérieu;R;Résidentiel;12912,744;2781",
              "Enedis;2021;Electricité;01004;Ambérieu;T;Tertiaire;7152,559;312",
              "GRDF;2021;Gaz;01004;Ambérieu;R;Résidentiel;9000,5;1200"]
    dossier = tmp_path / "communes" / "01004"
    dossier.mkdir(parents=True)
    (dossier / "energie-secteurs.csv").write_text("\n".join([entete, lignes[0], entete, *lignes[1:], "Total;;;;;;;29065,803;"]))
    monkeypatch.setenv("DONNEES_EN_MAIN_DOSSIER_COMMUNE", str(tmp_path / "communes"))
    donnees = donnees_commune("energie", "01004", afficher=False)
    secteurs = donnees._lire("secteurs")
    assert len(secteurs) == 3 and secteurs["conso_mwh"].sum() == pytest.approx(29065.803)
    notes = secteurs.attrs["notes"]
    assert any(n.startswith("En-tête répété") and "la ligne 3" in n for n in notes)
    assert any(n.startswith("Ligne de total") and "la ligne 6" in n for n in notes)

    releves = ["mairie,2021-01,6685,kWh,réel", "mairie,2021-02,6000,kWh,réel", "ecole,2021-01,3000,kWh,réel"]
    entete_r = "batiment_id,mois,consommation,unite,type_releve"
    fichier = _fichier(tmp_path, "\n".join([entete_r, releves[0], entete_r, *releves[1:], "Total,,15685,kWh,"]) + "\n")
    lu = lire_releves(fichier, "électricité")
    assert len(lu) == 3 and lu["consommation_kwh"].sum() == pytest.approx(15685)
    assert any(n.startswith("En-tête répété") for n in lu.attrs["notes"])


def test_un_beneficiaire_nomme_total_dans_une_ligne_a_moitie_vide_reste_une_subvention(tmp_path):
    """Optional SCDL columns are often empty: a half-empty row naming « Somme Habitat » or « TOTAL » as beneficiary
    (not in the first cell, amount not the sum of the others) is a subsidy."""
    entete = ENTETE_SUB + ";rnaBeneficiaire;conditionsVersement;datesPeriodeVersement;idRAE;notificationUE;dispositifAide"
    lignes = [l + ";;;;;;" for l in LIGNES_SUB] + ["Département du Lot;;2017-12-21;TOTAL;;;5 000,00;;;;;;;"]
    tableau = lire_subventions(_fichier(tmp_path, "\n".join([entete, *lignes]) + "\n"))
    assert len(tableau) == 4 and tableau["montant"].sum() == pytest.approx(sum(MONTANTS) + 5000)


def test_cellules_fusionnees_code_insee_ecrit_une_seule_fois(tmp_path, monkeypatch):
    """Merged cells in the spreadsheet: the code written on the first row of the block only. All rows are kept
    (the figures stay right) and the rows without a code are said, with the fix, never counted as another commune."""
    lignes = [LIGNES_ACH[0], *(l.replace(",Ambérieu-en-Bugey,01004,", ",,,") for l in LIGNES_ACH[1:])]
    achats = _achats_de_la_commune(tmp_path, monkeypatch, "\n".join([ENTETE_ACH, *lignes]) + "\n")
    assert len(achats) == 3 and achats["achats_bio_ht"].sum() == pytest.approx(sum(BIO))
    note = next(n for n in achats.attrs["notes"] if n.startswith("Codes INSEE : 2 lignes n'ont pas"))
    assert "lignes 3, 4 du fichier" in note and "fusionnées" in note


# --------------------------------------------------------------------------- Excel workbooks (.xlsx)

def _classeur(chemin, feuilles: dict[str, list[list]]):
    """An .xlsx workbook as a spreadsheet saves it: typed cells (numbers, dates), sheets in order."""
    import openpyxl

    classeur = openpyxl.Workbook()
    classeur.remove(classeur.active)
    for titre, lignes in feuilles.items():
        feuille = classeur.create_sheet(titre)
        for ligne in lignes:
            feuille.append(ligne)
    classeur.save(chemin)
    return chemin


def _cellules(ligne: str, sep: str) -> list:
    return next(iter(__import__("csv").reader([ligne], delimiter=sep)))


def test_un_classeur_excel_de_subventions_se_lit_avec_ses_nombres_et_ses_dates(tmp_path):
    import datetime as dt

    lignes = []
    for texte, montant in zip(LIGNES_SUB, MONTANTS):
        c = _cellules(texte, ";")
        c[2] = dt.datetime.fromisoformat(c[2])  # a date cell
        c[6] = montant  # a number cell, not « 40 000,00 »
        lignes.append(c)
    chemin = _classeur(tmp_path / "subventions.xlsx", {
        "Subventions 2017": [["Subventions attribuées en 2017"], [], ENTETE_SUB.split(";"), *lignes],
        "Notes": [["Source : délibérations du conseil"]],
    })
    tableau = lire_subventions(chemin)
    assert tableau["montant"].tolist() == MONTANTS
    assert [d.strftime("%Y-%m-%d") for d in pd.to_datetime(tableau["dateConvention"])] == ["2017-12-21", "2017-12-29", "2017-08-09"]
    notes = " ".join(tableau.attrs["notes"])
    assert "feuille « Subventions 2017 »" in notes and "« Notes »" in notes, notes
    # the same workbook through the SCDL reader: same amounts
    from donnees_en_main.donnees.scdl import lire_scdl

    assert lire_scdl(chemin, "subventions").tableau["montant"].astype(float).tolist() == MONTANTS


def test_un_classeur_excel_depose_pour_l_atelier_de_la_commune(tmp_path, monkeypatch):
    dossier = tmp_path / "communes" / "01004"
    dossier.mkdir(parents=True)
    entete = ENTETE_ACH.split(",")
    lignes = []
    for texte in LIGNES_ACH:
        c = _cellules(texte, ",")
        c[2] = int(c[2])  # the code typed as a number: Excel drops its leading zero (1004)
        c[5] = int(c[5])
        c[6:] = [float(x) for x in c[6:]]
        lignes.append(c)
    _classeur(dossier / "achats-cantines.xlsx", {"Achats": [entete, *lignes]})
    monkeypatch.setenv("DONNEES_EN_MAIN_DOSSIER_COMMUNE", str(tmp_path / "communes"))
    donnees = donnees_commune("cantine", "01004", afficher=False)
    assert donnees.origines["achats"] == "commune"
    donnees.verifier()
    achats = donnees.lire("achats")
    assert achats["achats_bio_ht"].astype(float).tolist() == BIO
    assert set(achats["code_insee"]) == {"01004"}


def test_un_classeur_excel_de_resultats_d_elections_se_lit_comme_son_csv(tmp_path):
    from donnees_en_main.chapitres.elections import lire_resultats
    from donnees_en_main.donnees import chemin

    source = chemin("elections-legislatives-2024-t1-bureaux")
    format_ = detecter_format(source)
    lignes = [_cellules(l, format_.separateur) for l in format_.texte.splitlines() if l.strip()]
    typees = [lignes[0]] + [[int(c) if c.isdigit() and not c.startswith("0") else c for c in l] for l in lignes[1:]]
    classeur = _classeur(tmp_path / "resultats.xlsx", {"Résultats": typees})
    attendu, lu = lire_resultats(source), lire_resultats(classeur)
    colonnes = [c for c in attendu.columns if c in lu.columns]
    assert len(lu) == len(attendu) > 0
    pd.testing.assert_frame_equal(lu[colonnes].reset_index(drop=True), attendu[colonnes].reset_index(drop=True),
                                  check_dtype=False)


def test_la_validation_lit_la_feuille_du_classeur(tmp_path):
    from donnees_en_main.donnees import chemin
    from donnees_en_main.donnees.validation import valider

    source = chemin("menus-cantine-export-tableur")
    format_ = detecter_format(source)
    lignes = [_cellules(l, format_.separateur) for l in format_.texte.splitlines() if l.strip()]
    classeur = _classeur(tmp_path / "menus.xlsx", {"Menus": lignes})
    schema = source.parent / "menus-cantine.schema.json"
    sur_le_csv, sur_le_classeur = valider(source, schema), valider(classeur, schema)
    assert sur_le_classeur.lignes == sur_le_csv.lignes > 0
    assert [(e["ligne"], e["colonne"], e["code"]) for e in sur_le_classeur.erreurs] == \
        [(e["ligne"], e["colonne"], e["code"]) for e in sur_le_csv.erreurs]


def test_un_classeur_vide_ou_une_archive_zip_est_dit(tmp_path):
    import zipfile

    vide = _classeur(tmp_path / "vide.xlsx", {"Feuil1": []})
    with pytest.raises(ErreurDonnees, match="classeur .* est vide") as exc:
        lire_subventions(vide)
    _francais(exc.value)
    archive = tmp_path / "export.xlsx"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("donnees.csv", ENTETE_SUB)
    with pytest.raises(ErreurDonnees, match="n'est pas un fichier CSV") as exc:
        lire_subventions(archive)
    _francais(exc.value)
