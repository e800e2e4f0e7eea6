"""Real French open-data files through the course's readers and the « votre commune » path.

The corpus is ``../shared/fichiers-reels/`` (its README says what each file is). Every file must either
load with figures equal to an independent plain-pandas reading of the same bytes, or stop with a clear
French ``ErreurDonnees``: no other exception, nothing silently wrong. The expected figures are computed
here from the bytes with pandas alone (encoding and separator written from the README, not detected).
Skipped, saying why, when ``../shared`` is absent (a user's fresh clone).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from donnees_en_main.chapitres import energie
from donnees_en_main.chapitres.elections import lire_resultats
from donnees_en_main.chapitres.repondre_citoyen import lire_subventions, preparer
from donnees_en_main.donnees import ErreurDonnees, VALEURS_MASQUEES, chemin, codes, formater_entier, lire_csv_tableur
from donnees_en_main.donnees.commune import donnees_commune
from donnees_en_main.donnees.scdl import lire_scdl, siren_valide, siret_valide

REELS = Path(__file__).resolve().parents[2] / "shared" / "fichiers-reels"
pytestmark = pytest.mark.skipif(
    not REELS.is_dir(),
    reason=f"Corpus de fichiers réels absent ({REELS}) : ces tests ne tournent qu'avec le dossier ../shared "
           "à côté du dépôt (c'est le cas en intégration continue, pas dans un clone d'utilisateur).",
)

FICHIERS = sorted(p for p in REELS.rglob("*") if p.is_file() and p.name != "README.md") if REELS.is_dir() else []

# Encoding and separator of each CSV, as the README and the bytes say (the JSON files are not tables).
# The SDES files have « two header rows (French labels, then codes) » (README): row 2 is not data.
DEUX_ENTETES = {"energie/sdes-chaleur-froid-iris.2020-10.csv", "energie/sdes-chaleur-froid-iris.2023-09.csv"}
FORMATS = {
    "cantine/campagne_td_2021.csv": ("utf-8", ","),
    "cantine/campagne_td_2021_ancienne_version_pointvirgule.csv": ("utf-8", ";"),
    "cantine/campagne_td_2022.csv": ("utf-8", ","),
    "cog/COG_communes_INSEE.2017.csv": ("utf-8", ","),
    "energie/sdes-chaleur-froid-iris.2020-10.csv": ("utf-8", ";"),
    "energie/sdes-chaleur-froid-iris.2023-09.csv": ("utf-8", ";"),
    "subventions/exemple-duplicate-column.csv": ("cp1252", ","),
    "subventions/exemple_invalide_erreurs_cellules.csv": ("utf-8", ","),
    "subventions/exemple_invalide_erreurs_colonnes.csv": ("utf-8", ","),
    "subventions/exemple_valide.csv": ("utf-8", ","),
    "subventions/reel_DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv": ("cp1252", ";"),
    "subventions/reel_DEP_Nievre_CD58_SUBVENTIONS_2016_LISTE.csv": ("cp1252", ","),
    "subventions/reel_SCDL_DEP_Haute_Garonne_datalocale-subvention.csv": ("utf-8", ";"),
}


def _nom(fichier: Path) -> str:
    return fichier.relative_to(REELS).as_posix()


def _ids(fichiers):
    return [_nom(f) for f in fichiers]


def _par_dossier(dossier: str, suffixe: str = ".csv"):
    return [f for f in FICHIERS if f.parent.name == dossier and f.suffix == suffixe]


def _pandas(fichier: Path, **options) -> pd.DataFrame:
    """The plain pandas reading: every cell as text, empty cells empty, fully empty rows dropped; the codes row
    of a file with two header rows (``DEUX_ENTETES``) skipped."""
    encodage, sep = FORMATS[_nom(fichier)]
    if _nom(fichier) in DEUX_ENTETES:
        options.setdefault("skiprows", [1])
    brut = pd.read_csv(fichier, sep=sep, encoding=encodage, dtype=str, keep_default_na=False, **options)
    brut.columns = [str(c).strip() for c in brut.columns]
    brut = brut.apply(lambda s: s.str.strip())
    return brut[~(brut == "").all(axis=1)].reset_index(drop=True)



def _deposer(fichier: Path, noms, chapitre: str, code: str, tmp_path: Path, monkeypatch):
    """The trainer's gesture: `fichier` saved as each of `noms` in the commune's folder; its DonneesCommune."""
    dossier = tmp_path / "communes" / code
    dossier.mkdir(parents=True)
    for nom in [noms] if isinstance(noms, str) else noms:
        (dossier / nom).write_bytes(fichier.read_bytes())
    monkeypatch.setenv("DONNEES_EN_MAIN_DOSSIER_COMMUNE", str(tmp_path / "communes"))
    return donnees_commune(chapitre, code, afficher=False)

def _nombre(texte: str) -> float | None:
    """A French amount written in the file ('40 000,00', '17\xa0833', '2400.0'), or None."""
    t = re.sub(r"[\s\u00a0\u202f€]", "", texte)
    if "," in t and "." not in t:
        t = t.replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


def lire_ou_erreur(fonction, *args, **kwargs):
    """The reader's result, or the ErreurDonnees it raised (checked to be French); any other exception fails."""
    try:
        return fonction(*args, **kwargs)
    except ErreurDonnees as exc:
        message = str(exc)
        assert re.search(r"[éèàùç«»]", message) and len(message) > 40, message
        assert "Traceback" not in message and "Error" not in message, message
        return exc


def test_le_corpus_est_complet():
    assert {_nom(f) for f in FICHIERS if f.suffix == ".csv"} == set(FORMATS)
    assert len([f for f in FICHIERS if f.parent.name == "elections"]) >= 6


@pytest.mark.parametrize("fichier", FICHIERS, ids=_ids(FICHIERS))
def test_chaque_fichier_lu_comme_un_export_de_tableur(fichier):
    lu = lire_ou_erreur(lire_csv_tableur, fichier)
    if fichier.suffix == ".json":
        assert isinstance(lu, ErreurDonnees) and "JSON" in str(lu), "un JSON lu comme un tableau serait faux"
        return
    assert not isinstance(lu, ErreurDonnees), lu
    tableau, notes = lu
    attendu = _pandas(fichier)
    assert list(tableau.columns) == list(attendu.columns)
    pd.testing.assert_frame_equal(tableau.fillna(""), attendu, check_dtype=False)
    encodage = FORMATS[_nom(fichier)][0]
    assert any(("Windows-1252" if encodage == "cp1252" else "UTF-8") in n for n in notes if n.startswith("Encodage"))
    # A second header row (the codes of the columns) is taken out of the data and said; no other row is.
    deux = [n for n in notes if n.startswith("Deux lignes d'en-tête")]
    if _nom(fichier) in DEUX_ENTETES:
        codes = _pandas(fichier, skiprows=None, nrows=1).iloc[0].tolist()
        assert list(tableau.attrs["codes_colonnes"].values()) == codes
        assert len(deux) == 1 and "la ligne 2" in deux[0] and ", ".join(codes[:3]) in deux[0]
    else:
        assert not deux and "codes_colonnes" not in tableau.attrs


@pytest.mark.parametrize("fichier", FICHIERS, ids=_ids(FICHIERS))
def test_chaque_fichier_profile(fichier):
    from donnees_en_main.donnees.profil import profiler

    profil = lire_ou_erreur(profiler, fichier)
    if fichier.suffix == ".json":
        assert isinstance(profil, ErreurDonnees)
        return
    attendu = _pandas(fichier)
    assert profil.lignes == len(attendu) and [c.nom for c in profil.colonnes] == list(attendu.columns)
    for colonne in profil.colonnes:
        vides = int((attendu[colonne.nom] == "").sum())
        assert colonne.manquantes == vides, colonne.nom


# --------------------------------------------------------------------------- subsidies

SUBVENTIONS = _par_dossier("subventions")


@pytest.mark.parametrize("fichier", SUBVENTIONS, ids=_ids(SUBVENTIONS))
def test_subventions_montants_parts_et_siret_comme_pandas(fichier):
    lu = lire_ou_erreur(lire_subventions, fichier)
    brut = _pandas(fichier)
    montant = next((c for c in brut.columns if c.lower() in ("montant", "sub_montant")), None)
    fautifs = [v for v in brut[montant] if v and _nombre(v) is None and v.lower() not in VALEURS_MASQUEES]
    if isinstance(lu, ErreurDonnees):
        # Only a column where no value at all is a number may stop the reading; words among numbers do not.
        assert fautifs and f"« {fautifs[0]} »" in str(lu)
        assert not any(_nombre(v) is not None for v in brut[montant] if v), lu
        return
    assert len(lu) == len(brut)
    attendus = [_nombre(v) if v and v.lower() not in VALEURS_MASQUEES else None for v in brut[montant]]
    assert lu["montant"].tolist() == pytest.approx([float("nan") if a is None else a for a in attendus], nan_ok=True)
    # Shares decided value by value: a share stays, a percentage (1 < x ≤ 100) is divided on its own row.
    colonne = next((c for c in brut.columns if c.lower() == "pourcentagesubvention"), None)
    if colonne is not None:
        valeurs = [_nombre(v) if v else 1.0 for v in brut[colonne]]
        parts = [v / 100 if v > 1 else v for v in valeurs]
        assert lu["pourcentageSubvention"].tolist() == pytest.approx(parts)
        prep = preparer(lu, annuaire=lu.iloc[0:0].assign(nom=[], domaine=[], adherents=[], rna=[], siret=[]))
        assert prep["montant_beneficiaire"].sum() == pytest.approx(sum(
            a * p for a, p in zip(attendus, parts) if a is not None))
        if any(v > 1 for v in valeurs):
            assert any("en pourcentage" in n and "ligne par ligne" in n for n in lu.attrs["notes"])
    # SIRET: kept as written (no digit invented), their Luhn key checked and the result reported.
    identifiant = next((c for c in brut.columns if c in ("idBeneficiaire", "ATTRIB_SIRET")), None)
    textes = [re.sub(r"\.0+$", "", v) for v in brut[identifiant] if v]
    if textes:
        assert [v for v in lu["idBeneficiaire"].dropna() if v] == textes
        faux = [v for v in textes if (len(v) == 14 and not siret_valide(v)) or (len(v) == 9 and not siren_valide(v))]
        note = next(n for n in lu.attrs["notes"] if n.startswith("Colonne idBeneficiaire : clé de contrôle"))
        assert (f"{len(faux)} fausse" in note) if faux else ("fausse" not in note)
    if any(c.startswith("ATTRIB_") for c in brut.columns):
        assert any("ancien format national" in n and "« ATTRIB_NOM » → « nomBeneficiaire »" in n
                   for n in lu.attrs["notes"])


def test_subventions_un_mot_au_lieu_d_un_montant_meme_regle_dans_les_deux_lecteurs():
    """The Nièvre file writes « SEM » or « ODHLM » (a kind of beneficiary) where the amount goes: neither a crash
    nor a refused file; the amount stays missing, the lines are listed, the totals say they exclude them."""
    from donnees_en_main.chapitres.repondre_citoyen import totaux_par_annee, totaux_par_beneficiaire

    fichier = REELS / "subventions" / "reel_DEP_Nievre_CD58_SUBVENTIONS_2016_LISTE.csv"
    brut = _pandas(fichier)
    assert len(brut) == len(fichier.read_bytes().splitlines()) - 1  # no empty line: row i is line i + 2
    fautifs = [(i + 2, v) for i, v in enumerate(brut["SUB_MONTANT"])
               if v and _nombre(v) is None and v.lower() not in VALEURS_MASQUEES]
    assert {v for _, v in fautifs} == {"SEM", "ODHLM"}  # the real defect
    lisibles = sum(x for x in (_nombre(v) for v in brut["SUB_MONTANT"] if v) if x is not None)
    sub = lire_ou_erreur(lire_subventions, fichier)
    scdl = lire_ou_erreur(lire_scdl, fichier, "subventions")
    assert not isinstance(sub, ErreurDonnees), sub
    assert not isinstance(scdl, ErreurDonnees), scdl
    annonces = []
    for tableau, notes in ((sub, sub.attrs["notes"]), (scdl.tableau, scdl.notes)):
        assert len(tableau) == len(brut)
        assert tableau["montant"].sum() == pytest.approx(lisibles)
        assert tableau["montant"].isna().tolist() == [_nombre(v) is None for v in brut["SUB_MONTANT"]]
        note = [n for n in notes if "texte au lieu d'un nombre" in n]
        assert len(note) == 1, notes
        assert f"lignes {', '.join(str(ligne) for ligne, _ in fautifs)} du fichier" in note[0]
        assert "« SEM » (4)" in note[0] and "« ODHLM » (1)" in note[0] and "les excluent" in note[0]
        annonces.append(note[0])
    assert annonces[0] == annonces[1]  # one rule, said once, the same way
    vide = sub.iloc[0:0].assign(nom=[], domaine=[], adherents=[], rna=[], siret=[])
    prep = preparer(sub, annuaire=vide)
    sans = int(prep["montant_beneficiaire"].isna().sum())
    assert sans == sum(1 for v in brut["SUB_MONTANT"] if _nombre(v) is None)  # SEM, ODHLM and NC
    for total in (totaux_par_annee(prep), totaux_par_beneficiaire(prep)):
        assert total["argent"].sum() == pytest.approx(lisibles)
        assert any(f"exclut {sans} subventions" in n and "NIEVRE HABITAT" in n for n in total.attrs["notes"])


@pytest.mark.parametrize("fichier", SUBVENTIONS, ids=_ids(SUBVENTIONS))
def test_validation_colonnes_pas_a_leur_place(fichier):
    """Validated against the project's SCDL schema (which requires the order): a column of the schema found at
    another place is said « pas à sa place », with what to do — not « renommez-la »."""
    import json

    from donnees_en_main.donnees.validation import valider

    schema = chemin("subventions").parent / "subventions.schema.json"
    ordre = [f["name"] for f in json.loads(schema.read_text(encoding="utf-8"))["fields"]]
    entete = list(_pandas(fichier).columns)
    attendues = {c for i, c in enumerate(entete) if c in ordre and i < len(ordre) and ordre[i] != c}
    rapport = valider(fichier, schema)
    deplacees = [e for e in rapport.erreurs if e["categorie"] == "colonne_pas_a_sa_place"]
    assert {e["colonne"] for e in deplacees} == attendues
    for e in deplacees:
        assert f"n°{entete.index(e['colonne']) + 1}" in e["probleme"] and f"n°{ordre.index(e['colonne']) + 1}." in e["probleme"]
        assert e["conseil"].startswith("Ne la renommez pas")
    assert not [e for e in rapport.erreurs if e["categorie"] == "colonne_mal_nommee" and e["valeur"] in ordre]
    assert any(r.startswith("Colonnes pas à leur place") for r in rapport.remarques) == bool(attendues)
    if fichier.name == "exemple_invalide_erreurs_colonnes.csv":  # the maintainers' example swaps two columns
        assert attendues == {"idAttribuant", "nomAttribuant"}


@pytest.mark.parametrize("fichier", SUBVENTIONS, ids=_ids(SUBVENTIONS))
def test_subventions_au_format_scdl(fichier):
    lu = lire_ou_erreur(lire_scdl, fichier, "subventions")
    assert not isinstance(lu, ErreurDonnees), lu
    assert len(lu.tableau) == len(_pandas(fichier))
    assert "montant" in lu.tableau.columns  # old headers (SUB_MONTANT…) mapped, and said so
    if "SUB_MONTANT" in _pandas(fichier).columns:  # one announcement, the same as lire_subventions's
        annonce = [n for n in lu.notes if "ancien format national" in n]
        assert len(annonce) == 1 and "« ATTRIB_NOM » → « nomBeneficiaire »" in annonce[0]
        assert "« SUB_MONTANT » → « montant »" in annonce[0]
        assert not [n for n in lu.notes if "« SUB_MONTANT » a été lue comme" in n]
    # Amounts: equal to the plain pandas reading; a word or a masked value stays missing, never a number.
    brut = _pandas(fichier)
    montant = next(c for c in brut.columns if c.lower() in ("montant", "sub_montant"))
    attendus = [_nombre(v) if v and v.lower() not in VALEURS_MASQUEES else None for v in brut[montant]]
    assert lu.tableau["montant"].tolist() == pytest.approx(
        [float("nan") if a is None else a for a in attendus], nan_ok=True)
    # Shares decided value by value, by the same rule as lire_subventions: once the file writes percentages,
    # every share in (0, 1] — « 1 » as « 0.8 » — may be one too (1 % or 100 %?), and is reported with its line.
    if "pourcentageSubvention" in brut.columns:
        valeurs = [_nombre(v) if v else None for v in brut["pourcentageSubvention"]]
        parts = [float("nan") if v is None else v / 100 if v > 1 else v for v in valeurs]
        assert lu.tableau["pourcentageSubvention"].tolist() == pytest.approx(parts, nan_ok=True)
        douteuses = [str(i + 2) for i, v in enumerate(valeurs) if v is not None and 0 < v <= 1]
        note = next((n for n in lu.notes if "ambigu" in n), "")
        if any(v is not None and v > 1 for v in valeurs) and douteuses:
            assert f"{len(douteuses)} valeurs ambiguës (lignes {', '.join(douteuses[:3])}" in note
            assert "peut donc vouloir dire" in note and "vérifiez-les" in note
        else:
            assert not note, note
        # One rule, said the same way by both readers.
        sub = lire_subventions(fichier)
        assert sub["pourcentageSubvention"].tolist() == pytest.approx(
            [1.0 if v is None else p for v, p in zip(valeurs, parts)])
        assert [n for n in sub.attrs["notes"] if n.startswith("Colonne pourcentageSubvention")] == \
            [n for n in lu.notes if n.startswith("Colonne pourcentageSubvention")]


# --------------------------------------------------------------------------- energy (SDES, IRIS level)

ENERGIE = _par_dossier("energie")


def _sdes_pandas(fichier: Path) -> pd.DataFrame:
    brut = _pandas(fichier)  # without its second header row: the codes of the columns
    brut["commune"] = brut["Code de l'IRIS - Code de la zone"].str[:5]
    conso = brut["Consommation (en MWh)"]
    brut["masque"] = conso.str.lower().isin(VALEURS_MASQUEES)
    brut["conso"] = pd.to_numeric(conso.where(~brut["masque"]), errors="raise")
    return brut


@pytest.mark.parametrize("fichier", ENERGIE, ids=_ids(ENERGIE))
def test_energie_iris_agregee_par_commune_comme_pandas(fichier):
    brut = _sdes_pandas(fichier)
    lu = lire_ou_erreur(energie.lire_consommations_ore, fichier)
    assert not isinstance(lu, ErreurDonnees), lu
    assert lu["conso_mwh"].sum() == pytest.approx(brut["conso"].sum())
    assert int(lu["masque"].sum()) <= int(brut["masque"].sum()) and lu["masque"].any() == brut["masque"].any()
    assert set(lu["code_commune"]) == set(brut["commune"])
    notes = " ".join(lu.attrs["notes"])
    assert "IRIS" in notes and "commune" in notes
    mots = set(brut.loc[brut["masque"], "Consommation (en MWh)"])
    assert all(f"« {m} »" in notes for m in mots)


@pytest.mark.parametrize("fichier", ENERGIE, ids=_ids(ENERGIE))
def test_energie_votre_commune_filtree_par_code(fichier, tmp_path, monkeypatch):
    brut = _sdes_pandas(fichier)
    code = brut["commune"].value_counts().index[0]  # the commune with the most rows
    donnees = _deposer(fichier, "energie-secteurs.csv", "energie", code, tmp_path, monkeypatch)
    lu = lire_ou_erreur(donnees.lire, "secteurs")
    assert not isinstance(lu, ErreurDonnees), lu
    assert set(lu["code_commune"]) == {code}
    assert lu["conso_mwh"].sum() == pytest.approx(brut.loc[brut["commune"] == code, "conso"].sum())



# Paris, Lyon, Marseille: the SDES IRIS files give their municipal arrondissements' codes only.
ARRONDISSEMENTS = {"75056": ("751", "Paris"), "69123": ("6938", "Lyon"), "13055": ("132", "Marseille")}


@pytest.mark.parametrize("fichier", ENERGIE, ids=_ids(ENERGIE))
@pytest.mark.parametrize("code", sorted(ARRONDISSEMENTS))
def test_energie_paris_lyon_marseille_additionne_les_arrondissements(fichier, code, tmp_path, monkeypatch):
    brut = _sdes_pandas(fichier)
    prefixe, ville = ARRONDISSEMENTS[code]
    lignes = brut[brut["commune"].str.startswith(prefixe)]
    assert not (brut["commune"] == code).any() and len(lignes)  # the real trap: no row under the commune's code
    lu = lire_ou_erreur(_deposer(fichier, "energie-secteurs.csv", "energie", code, tmp_path, monkeypatch).lire, "secteurs")
    assert not isinstance(lu, ErreurDonnees), lu
    assert set(lu["code_commune"]) == {code}
    assert lu["conso_mwh"].sum() == pytest.approx(lignes["conso"].sum())
    note = next(n for n in lu.attrs["notes"] if "arrondissement" in n)
    assert ville in note and all(a in note for a in sorted(set(lignes["commune"])))

# --------------------------------------------------------------------------- canteens (ma-cantine export)

CANTINE = _par_dossier("cantine")


@pytest.mark.parametrize("fichier", CANTINE, ids=_ids(CANTINE))
def test_export_ma_cantine_depose_comme_achats_est_reconnu(fichier, tmp_path, monkeypatch):
    code = "29081"
    donnees = _deposer(fichier, "achats-cantines.csv", "cantine", code, tmp_path, monkeypatch)
    lu = lire_ou_erreur(donnees.lire, "achats")
    assert isinstance(lu, ErreurDonnees), "un export ma-cantine n'a pas les colonnes des achats : il ne doit pas passer"
    message = str(lu)
    assert "achats_bio_ht" in message and "ma-cantine" in message


@pytest.mark.parametrize("fichier", CANTINE, ids=_ids(CANTINE))
def test_lecteur_ma_cantine_filtre_par_commune(fichier):
    from donnees_en_main.donnees.ma_cantine import lire_ma_cantine

    brut = _pandas(fichier)
    code = brut.loc[brut["canteen_city_insee_code"] != "", "canteen_city_insee_code"].value_counts().index[0]
    lu = lire_ou_erreur(lire_ma_cantine, fichier, code_insee=code)
    assert not isinstance(lu, ErreurDonnees), lu
    attendu = brut[brut["canteen_city_insee_code"] == code]
    assert len(lu) == len(attendu)
    assert lu["canteen_siret"].fillna("").tolist() == attendu["canteen_siret"].tolist()
    bio = pd.to_numeric(attendu["teledeclaration_ratio_bio"].replace("", None))
    assert lu["teledeclaration_ratio_bio"].tolist() == pytest.approx(bio.tolist(), nan_ok=True)
    assert any(code in n for n in lu.attrs["notes"])



@pytest.mark.parametrize("fichier", CANTINE, ids=_ids(CANTINE))
def test_ma_cantine_parts_selon_la_convention_du_schema_valeur_par_valeur(fichier, tmp_path):
    import csv
    import io
    import json

    from donnees_en_main.donnees.ma_cantine import lire_ma_cantine

    # The producer's schema writes the shares between 0 and 1 (its example); so does every value of the file.
    schema = json.loads((REELS / "cantine" / "schema_teledeclarations.json").read_text(encoding="utf-8"))
    exemples = {f["name"]: f.get("example") for f in schema["fields"]}
    assert 0 < float(exemples["teledeclaration_ratio_bio"]) < 1
    brut = _pandas(fichier)
    bio = pd.to_numeric(brut["teledeclaration_ratio_bio"].replace("", None))
    hors_bio = pd.to_numeric(brut["teledeclaration_ratio_egalim_hors_bio"].replace("", None))
    lu = lire_ou_erreur(lire_ma_cantine, fichier)
    assert not isinstance(lu, ErreurDonnees), lu
    assert lu["teledeclaration_ratio_bio"].tolist() == pytest.approx(bio.tolist(), nan_ok=True)
    assert not [n for n in lu.attrs["notes"] if "pourcentage" in n or "ambiguë" in n]
    incoherentes = int(((bio + hors_bio) > 1 + 1e-9).sum())  # bio is EGalim: bio + « hors bio » ≤ 100 %
    assert any(n.startswith(f"Parts incohérentes : {incoherentes} ligne") for n in lu.attrs["notes"]) == bool(incoherentes)

    # The same bytes after a spreadsheet wrote three shares as percentages: those rows only are divided by 100,
    # the others are kept as the schema writes them — and reported as ambiguous, the file now mixing both.
    encodage, sep = FORMATS[_nom(fichier)]
    rangees = list(csv.reader(io.StringIO(fichier.read_bytes().decode(encodage), newline=""), delimiter=sep))
    j = rangees[0].index("teledeclaration_ratio_bio")
    changees = [i for i in range(1, len(rangees)) if 0.01 < float(rangees[i][j] or 0) < 1][:3]
    for i in changees:
        rangees[i][j] = f"{float(rangees[i][j]) * 100:g}"
    sortie = io.StringIO(newline="")
    csv.writer(sortie, delimiter=sep, lineterminator="\n").writerows(rangees)
    copie = tmp_path / fichier.name
    copie.write_text(sortie.getvalue(), encoding="utf-8")
    lu = lire_ma_cantine(copie)
    assert lu["teledeclaration_ratio_bio"].tolist() == pytest.approx(bio.tolist(), nan_ok=True)
    note = next(n for n in lu.attrs["notes"] if "3 valeurs écrites en pourcentage" in n)
    assert f"lignes {', '.join(str(i + 1) for i in changees)})" in note
    ambigues = int(((bio > 0) & (bio <= 1)).sum()) - 3
    assert any(f"{formater_entier(ambigues)} valeurs ambiguës" in n for n in lu.attrs["notes"])


TABLEAUX = [f for f in FICHIERS if f.suffix == ".csv"]


@pytest.mark.parametrize("fichier", TABLEAUX, ids=_ids(TABLEAUX))
def test_un_fichier_qui_n_est_pas_des_menus_depose_comme_menus_est_arrete_avant_tout_calcul(fichier, tmp_path, monkeypatch):
    code = "29081"
    lu = lire_ou_erreur(_deposer(fichier, "menus-cantine.csv", "cantine", code, tmp_path, monkeypatch).lire, "menus")
    # No real file of the corpus is a menu: read anyway, the workshop's next cell would stop on a KeyError.
    assert isinstance(lu, ErreurDonnees), f"{_nom(fichier)} lu comme des menus"
    message = str(lu)
    assert "menuRestaurantNom" in message and "qu'il faut pour cet atelier" in message
    if fichier.parent.name == "cantine":
        assert "ressemble à l'export open data de ma-cantine" in message


@pytest.mark.parametrize("fichier", CANTINE, ids=_ids(CANTINE))
@pytest.mark.parametrize("code", sorted(ARRONDISSEMENTS))
def test_ma_cantine_paris_lyon_marseille_avec_leurs_arrondissements(fichier, code):
    from donnees_en_main.donnees.ma_cantine import lire_ma_cantine

    brut = _pandas(fichier)
    prefixe, ville = ARRONDISSEMENTS[code]
    communes = brut["canteen_city_insee_code"]
    attendu = brut[(communes == code) | (communes.str.startswith(prefixe) & (communes.str.len() == 5))]
    lu = lire_ou_erreur(lire_ma_cantine, fichier, code_insee=code)
    assert not isinstance(lu, ErreurDonnees), lu
    assert len(lu) == len(attendu) and sorted(lu["canteen_siret"].fillna("")) == sorted(attendu["canteen_siret"])
    if (communes.str.startswith(prefixe) & (communes != code)).any():
        assert any("arrondissement" in n and ville in n for n in lu.attrs["notes"])

# --------------------------------------------------------------------------- elections, COG

ELECTIONS = _par_dossier("elections", ".json")


@pytest.mark.parametrize("fichier", ELECTIONS, ids=_ids(ELECTIONS))
def test_resultats_json_refuses_en_disant_ce_qui_est_accepte(fichier, tmp_path, monkeypatch):
    lu = lire_ou_erreur(lire_resultats, fichier)
    assert isinstance(lu, ErreurDonnees)
    message = str(lu)
    assert "n'est pas pris en charge" in message and "data.gouv.fr" in message and "par bureau de vote" in message
    # The « votre commune » path says the same.
    code = fichier.stem
    noms = ("elections-presidentielle-2022-t1-bureaux.txt", "elections-legislatives-2024-t1-bureaux.csv")
    donnees = _deposer(fichier, noms, "elections", code, tmp_path, monkeypatch)
    assert isinstance(lire_ou_erreur(donnees.lire, "presidentielle-2022-t1"), ErreurDonnees)


def test_cog_chaque_code_commune_reconnu_tel_quel():
    fichier = REELS / "cog" / "COG_communes_INSEE.2017.csv"
    brut = _pandas(fichier)
    tableau, _ = lire_csv_tableur(fichier)
    assert tableau["DEPCOM"].tolist() == brut["DEPCOM"].tolist()
    assert [codes.normaliser(c) for c in brut["DEPCOM"]] == brut["DEPCOM"].tolist()
    assert [codes.valider(c) for c in brut["DEPCOM"]] == brut["DEPCOM"].tolist()
    assert {"2A", "2B", "971", "974", "976"} <= {codes.departement(c) for c in brut["DEPCOM"]}


# --------------------------------------------------------------------------- a file given to the wrong reader

# (reader, file of another kind, what the message must recognise it as)
MAUVAIS_LECTEUR = [
    ("subventions", "cantine/campagne_td_2021.csv", "l'export open data de ma-cantine"),
    ("subventions", "cantine/campagne_td_2022.csv", "l'export open data de ma-cantine"),
    ("energie", "subventions/exemple_valide.csv", "un fichier de subventions au format national"),
    ("energie", "subventions/reel_DEP_Nievre_CD58_SUBVENTIONS_2016_LISTE.csv",
     "un fichier de subventions à l'ancien format national"),
    ("elections", "cantine/campagne_td_2021.csv", "l'export open data de ma-cantine"),
    ("elections", "subventions/exemple_valide.csv", "un fichier de subventions au format national"),
    ("releves", "subventions/exemple_valide.csv", "un fichier de subventions au format national"),
]


@pytest.mark.parametrize("lecteur, nom, reconnu", MAUVAIS_LECTEUR, ids=[f"{l}<-{n}" for l, n, _ in MAUVAIS_LECTEUR])
def test_un_fichier_donne_au_mauvais_lecteur_est_reconnu_et_les_formats_acceptes_dits(lecteur, nom, reconnu):
    fonctions = {
        "subventions": lire_subventions,
        "energie": energie.lire_consommations_ore,
        "elections": lire_resultats,
        "releves": lambda f: energie.lire_releves(f, "gaz"),
    }
    lu = lire_ou_erreur(fonctions[lecteur], REELS / nom)
    assert isinstance(lu, ErreurDonnees), f"{nom} lu comme {lecteur} : ce serait faux"
    message = str(lu)
    assert f"ressemble à {reconnu}" in message, message
    if lecteur == "subventions":  # what is accepted, and where to find it
        assert "Formats acceptés" in message and "ATTRIB_NOM" in message
        assert "https://schema.data.gouv.fr/scdl/subventions/" in message
