"""lire_scdl: a commune's SCDL file (menus, subventions, délibérations) as really published.

Every fixture is written here byte by byte, reproducing what real files did (OpenDataFrance's survey
of the 2018 subsidy files, canteen exports): a UTF-8 BOM followed by Windows-1252 bytes, mixed CRLF /
LF, ``;``, amounts ``40 000,00`` and ``17 833``, dates ``2017/09/08``, SIRET stored as floats, a SIREN
where a SIRET is expected, headers spelled differently. Expected values are written from the
fixtures themselves, never taken from the code under test.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from donnees_en_main.donnees import ErreurDonnees, chemin
from donnees_en_main.donnees.scdl import SCHEMAS_SCDL, lire_scdl, siret_valide

ENTETE_SUBVENTIONS = [
    "Nom de l'attribuant", "SIRET attribuant", "Date de la convention", "referenceDecision", "Nom du bénéficiaire",
    "idBeneficiaire", "rnaBeneficiaire", "objet", "Montant", "nature", "conditionsVersement",
    "datesPeriodeVersement", "idRAE", "notificationUE", "pourcentageSubvention", "dispositifAide",
]


def ligne(*cellules) -> str:
    return ";".join(cellules)


def siret_commencant_par_zero() -> str:
    """A valid SIRET (Luhn key) that starts with 0, computed rather than typed."""
    base = "0123456789012"
    return next(base + str(k) for k in range(10) if siret_valide(base + str(k)))


def test_subventions_bom_puis_cp1252_fins_de_ligne_melangees(tmp_path):
    l1 = ligne("Département de la Vienne", "21860194600000.0", "2017/09/08", "", "Comité des fêtes", "218601946",
               "W861000001", "Fête de la musique", "40 000,00", "aide en numéraire", "versement unique",
               "2017-09-08", "", "Non", "100%", "")
    l2 = ligne("Département de la Vienne", "21860194600000.0", "08/09/2017", "", "Club sportif", "", "W861000002",
               "Équipement", "17 833", "Aide en numéraire", "versement unique", "2017-09-08/2017-12-31", "",
               "oui", "0,5", "")
    octets = (b"\xef\xbb\xbf" + ligne(*ENTETE_SUBVENTIONS).encode("utf-8") + b"\r\n"
              + l1.encode("cp1252") + b"\n" + l2.encode("utf-8") + b"\r\n")
    fichier = tmp_path / "20180101_218601946_subventions.csv"
    fichier.write_bytes(octets)
    with pytest.raises(UnicodeDecodeError):
        octets.decode("utf-8")  # the fixture really mixes the two encodings

    tableau, notes, rapport = lire_scdl(fichier, schema="subventions")

    schema = json.loads(chemin("subventions").with_name("subventions.schema.json").read_text(encoding="utf-8"))
    assert list(tableau.columns) == [f["name"] for f in schema["fields"]]
    attendu = pd.DataFrame({
        "nomAttribuant": ["Département de la Vienne"] * 2,
        "idAttribuant": ["21860194600000"] * 2,
        "dateConvention": pd.to_datetime(["2017-09-08", "2017-09-08"]),
        "nomBeneficiaire": ["Comité des fêtes", "Club sportif"],
        "idBeneficiaire": ["218601946", None],
        "objet": ["Fête de la musique", "Équipement"],
        "montant": [40000.0, 17833.0],
        "nature": ["aide en numéraire"] * 2,
        "datesPeriodeVersement": ["2017-09-08", "2017-09-08/2017-12-31"],
        "notificationUE": pd.array([False, True], dtype="boolean"),
        "pourcentageSubvention": [1.0, 0.5],
    })
    pd.testing.assert_frame_equal(tableau[attendu.columns], attendu, check_dtype=False)
    assert tableau["dateConvention"].dtype.kind == "M" and tableau["montant"].dtype == float
    assert str(tableau["notificationUE"].dtype) == "boolean"

    texte = "\n".join(notes)
    assert "commence par la marque UTF-8 (BOM), mais 1 ligne est en Windows-1252" in texte
    assert "par exemple la ligne 2" in texte and "ligne par ligne et octet par octet" in texte
    assert "Fins de ligne mélangées : 2 lignes finissent à la manière de Windows (CRLF) et 1 ligne" in texte
    assert "« Date de la convention » a été lue comme « dateConvention »" in texte
    assert "« Montant » a été lue comme « montant »" in texte
    assert "Colonne idAttribuant : 2 SIRET transformés en nombres par un tableur (par exemple « 21860194600000.0 »)" in texte
    assert "Colonne montant : 2 nombres écrits à la française (par exemple « 40 000,00 »)" in texte
    assert "Colonne dateConvention : 2 dates écrites autrement qu'en aaaa-mm-jj (par exemple « 2017/09/08 »)" in texte
    assert "Colonne idBeneficiaire : 1 SIREN (9 chiffres, « 218601946 »)" in texte
    assert "Colonne notificationUE : 1 oui/non écrit autrement (« Non »)" in texte
    assert "Colonne pourcentageSubvention : 1 valeur écrite en pourcentage (« 100% »)" in texte
    assert "Colonne nature : 1 valeur écrite avec d'autres majuscules" in texte

    assert rapport.valide, str(rapport)
    assert rapport.fichier == fichier.name and rapport.lignes == 2
    assert any("« 218601946 » (colonne idBeneficiaire) est un SIREN" in r for r in rapport.remarques)


def test_fichier_windows_virgules_et_ligne_illisible_au_bon_numero(tmp_path):
    # cp1252 only, ',' separator, a blank line: the report gives the line of the original file.
    entete = ",".join(ENTETE_SUBVENTIONS)
    bonne = ('Commune de Ménil,21490912900014,2023-01-06,,Association Été,,W490000001,Fête,"1 200,50",'
             "aide en numéraire,unique,2023-01-01,,non,1,")
    mauvaise = ("Commune de Ménil,21490912900014,2023-02-01,,Association Été,,W490000001,Fête,quarante euros,"
                "aide en numéraire,unique,2023-01-01,,non,1,")
    fichier = tmp_path / "subventions.csv"
    fichier.write_bytes((entete + "\r\n" + bonne + "\r\n\r\n" + mauvaise + "\r\n").encode("cp1252"))
    tableau, notes, rapport = lire_scdl(fichier, "subventions")
    assert tableau["montant"].iloc[0] == 1200.5 and pd.isna(tableau["montant"].iloc[1])
    assert tableau["nomBeneficiaire"].tolist() == ["Association Été", "Association Été"]
    assert any(n.startswith("Encodage : Windows-1252 (cp1252)") for n in notes)
    # The rule every reader shares for a word where an amount goes: kept, missing, its line (of the file) given.
    assert any(n.startswith("Colonne montant : 1 case contient un texte au lieu d'un nombre (« quarante euros »), "
                            "ligne 4 du fichier.") and "l'excluent" in n for n in notes), notes
    assert not rapport.valide
    erreur = next(e for e in rapport.erreurs if e["colonne"] == "montant")
    assert erreur["ligne"] == 4 and erreur["valeur"] == "quarante euros"  # line 3 is blank
    assert "n'est pas un nombre" in erreur["probleme"]


def test_parts_une_seule_regle_valeur_par_valeur_dans_les_deux_lecteurs(tmp_path):
    """pourcentageSubvention as a spreadsheet mixes it: each value decided on its own row, by the rule that
    lire_subventions and the ma-cantine reader share; never the whole column divided because one value is > 1.
    The headers as a publisher spells them (« Date de la convention »): one rule too, for both readers."""
    from donnees_en_main.chapitres.repondre_citoyen import lire_subventions

    parts = ["0,6", "40", "45 %", "1", "250", "NC", ""]  # lines 2 to 8 of the file
    lignes = [ligne("Commune de Ménil", "21490912900014", "2023-01-06", "", f"Association {i}", "", "", "Fête",
                    "1000", "aide en numéraire", "unique", "2023-01-01", "", "non", p, "") for i, p in enumerate(parts)]
    fichier = tmp_path / "subventions.csv"
    fichier.write_text("\n".join([ligne(*ENTETE_SUBVENTIONS), *lignes]) + "\n", encoding="utf-8")

    tableau, notes, rapport = lire_scdl(fichier, "subventions")
    # 0,6 a share; 40 and 45 % percentages (their own rows only); 1 kept as 100 %; 250, NC and empty unknown.
    assert tableau["pourcentageSubvention"].tolist() == pytest.approx(
        [0.6, 0.4, 0.45, 1.0, float("nan"), float("nan"), float("nan")], nan_ok=True)
    dites = [n for n in notes if n.startswith("Colonne pourcentageSubvention")]
    assert any("2 valeurs écrites en pourcentage" in n and "ligne par ligne (lignes 3, 4)" in n for n in dites), dites
    ambigue = next(n for n in dites if "valeurs ambiguës" in n)
    assert ambigue.startswith("Colonne pourcentageSubvention : 2 valeurs ambiguës (lignes 2, 5, par exemple « 0,6 »)")
    assert "« 0,6 » peut donc vouloir dire 60 % ou 0,6 %" in ambigue
    assert any("1 valeur incohérente (ligne 6, « 250 »)" in n and "Laissée vide" in n for n in dites), dites
    assert any(n.startswith("Valeurs masquées : 1 case de la colonne pourcentageSubvention") for n in notes), notes
    assert not [n for n in notes if "Valeurs illisibles" in n or "texte au lieu d'un nombre" in n], notes
    # The validation still names the impossible share, at its line.
    erreur = next(e for e in rapport.erreurs if e["colonne"] == "pourcentageSubvention")
    assert erreur["ligne"] == 6 and erreur["valeur"] == "250"

    sub = lire_subventions(fichier)  # the same decisions, said the same way; an empty share is one beneficiary
    assert sub["pourcentageSubvention"].tolist() == pytest.approx(
        [0.6, 0.4, 0.45, 1.0, float("nan"), float("nan"), 1.0], nan_ok=True)
    assert [n for n in sub.attrs["notes"] if n.startswith("Colonne pourcentageSubvention")] == dites
    # ... and the headers as well (« Date de la convention » is dateConvention for both, and said so).
    entetes = [n for n in notes if n.startswith("En-tête")]
    assert "En-tête : la colonne « Date de la convention » a été lue comme « dateConvention » (nom prévu par le schéma)." in entetes
    assert [n for n in sub.attrs["notes"] if n.startswith("En-tête")] == entetes


def test_deliberations_siret_sans_son_zero_votes_et_en_tetes(tmp_path):
    siret = siret_commencant_par_zero()
    faux = "1234567890123"  # 13 digits whose padding does not give a valid SIRET: left for the report
    assert not siret_valide("0" + faux)
    entete = ("coll_nom;Coll Siret;delib_id;Date de séance;DELIB_MATIERE_CODE;DELIB_MATIERE_NOM;Objet;"
              "BUDGET_ANNEE;BUDGET_NOM;PREF_ID;PREF_DATE;VOTE_EFFECTIF;VOTE_REEL;Pour;Contre;Abstentions;DELIB_URL;")
    l1 = (f"Commune de Lisle;{siret[1:]};2024-01;12/02/2024;7.1;finances locales;Budget 2024;2024;Principal;;;"
          "29;27.0;25;1;1;https://exemple.invalid/1.pdf;")
    l2 = (f"Commune de Lisle;{faux};2024-02;2024/03/04;8.4;aménagement;Voirie;;;;;29;27;20;5;2;"
          "https://exemple.invalid/2.pdf;")
    fichier = tmp_path / "deliberations.csv"
    fichier.write_bytes((entete + "\n" + l1 + "\n" + l2 + "\n").encode("utf-8"))
    tableau, notes, rapport = lire_scdl(fichier, "deliberations")
    assert tableau["COLL_SIRET"].tolist() == [siret, faux]
    assert tableau["DELIB_DATE"].dt.strftime("%Y-%m-%d").tolist() == ["2024-02-12", "2024-03-04"]
    assert tableau["VOTE_REEL"].tolist() == [27, 27] and str(tableau["VOTE_REEL"].dtype) == "Int64"
    assert tableau["VOTE_ABSTENTION"].tolist() == [1, 2]
    texte = "\n".join(notes)
    assert f"1 SIRET à 13 chiffres (« {siret[1:]} ») : le zéro initial perdu a été remis" in texte
    assert "« Pour » a été lue comme « VOTE_POUR »" in texte and "« Date de séance » a été lue comme « DELIB_DATE »" in texte
    assert "1 colonne sans titre et vide retirée" in texte
    assert "Colonne VOTE_REEL : 1 nombre écrit avec des décimales ou des espaces (« 27.0 »)" in texte
    erreurs = [e for e in rapport.erreurs if e["colonne"] == "COLL_SIRET"]
    assert len(erreurs) == 1 and erreurs[0]["ligne"] == 3 and "zéro initial" in erreurs[0]["conseil"]


def test_menus_tableur_listes_regimes_et_codes_insee(tmp_path):
    # Two dishes of the shipped (valid) file, degraded the way a spreadsheet export degrades them.
    source = pd.read_csv(chemin("menus-cantine"), dtype=str, keep_default_na=False).head(2)
    degrade = source.copy()
    degrade["menuDate"] = pd.to_datetime(source["menuDate"]).dt.strftime("%d/%m/%Y")
    degrade["menuPlatType"] = source["menuPlatType"].str.capitalize()
    degrade["menuRestaurantInsee"] = "1053"
    degrade["menuPlatAllergene"] = ["lait;oeufs", "Moutarde"]
    degrade["menuPlatRegime"] = ["sans porc", ""]  # the schema's value is 'sans porc ' (trailing space)
    degrade["menuPlatPrix"] = ["0,33", "1 000,5"]
    degrade["menuPublicationDate"] = "22/08/2025 10:30"
    degrade["menuCollSiret"] = source["menuCollSiret"] + ".0"
    fichier = tmp_path / "menus.csv"
    fichier.write_bytes(degrade.to_csv(sep=";", index=False, lineterminator="\r\n").encode("cp1252"))

    tableau, notes, rapport = lire_scdl(fichier)  # menus-collectifs by default
    assert rapport.valide, str(rapport)
    assert tableau["menuDate"].tolist() == pd.to_datetime(source["menuDate"]).tolist()
    assert tableau["menuPlatType"].tolist() == source["menuPlatType"].tolist()
    assert tableau["menuRestaurantInsee"].tolist() == ["01053", "01053"]
    assert tableau["menuPlatAllergene"].tolist() == [["lait", "oeufs"], ["moutarde"]]
    assert tableau["menuPlatRegime"].tolist() == [["sans porc "], []]
    assert tableau["menuPlatPrix"].tolist() == [0.33, 1000.5]
    assert tableau["menuCollSiret"].tolist() == source["menuCollSiret"].tolist()
    assert tableau["menuPublicationDate"].dt.strftime("%Y-%m-%dT%H:%M").tolist() == ["2025-08-22T10:30"] * 2
    texte = "\n".join(notes)
    assert "Colonne menuRestaurantInsee : 2 codes INSEE à 4 chiffres (par exemple « 1053 »)" in texte
    assert "Colonne menuPlatAllergene : 2 listes écrites en texte simple, valeurs séparées par des « ; » (par exemple « lait;oeufs »)" in texte
    assert "Colonne menuPlatRegime : 1 liste écrite en texte simple" in texte


def test_sans_les_schemas_du_projet_controle_minimal_annonce(tmp_path, monkeypatch):
    vide = tmp_path / "datasets"
    vide.mkdir()
    monkeypatch.setenv("DONNEES_EN_MAIN_DATASETS", str(vide))
    fichier = tmp_path / "subventions.csv"
    fichier.write_text("nomAttribuant,idAttribuant,objet,montant,commentaire\n"
                       "Commune,21490912900014.0,Fête,\"1 000\",ok\n", encoding="utf-8")
    tableau, notes, rapport = lire_scdl(fichier, "subventions")
    assert any("le schéma du projet (datasets/repondre-citoyen/subventions.schema.json) est introuvable" in n
               and "champs obligatoires minimaux du SCDL subventions 2.1.1" in n for n in notes)
    assert tableau["montant"].tolist() == [1000.0] and tableau["idAttribuant"].tolist() == ["21490912900014"]
    assert tableau["commentaire"].tolist() == ["ok"]
    manquantes = {e["colonne"] for e in rapport.erreurs if e["categorie"] == "colonne_manquante"}
    assert manquantes == {"dateConvention", "nomBeneficiaire"}
    assert all(e["ligne"] == 1 and "absente du fichier" in e["probleme"] for e in rapport.erreurs)
    assert not rapport.valide and "2 colonnes manquantes" in rapport.resume()


@pytest.mark.parametrize("contenu, schema, mots", [
    (None, "subventions", ["introuvable"]),
    (b"", "subventions", ["vide"]),
    (b"PK\x03\x04" + b"\x00" * 40, "subventions", ["Excel", "CSV UTF-8"]),
    (b"a,b\n1,2\n", "budget", ["« budget » inconnu", "« menus-collectifs »", "« deliberations »"]),
])
def test_erreurs_en_francais(tmp_path, contenu, schema, mots):
    fichier = tmp_path / "fichier.csv"
    if contenu is not None:
        fichier.write_bytes(contenu)
    with pytest.raises(ErreurDonnees) as erreur:
        lire_scdl(fichier, schema)
    for mot in mots:
        assert mot in str(erreur.value)


def test_les_fichiers_du_cours_passent_sans_reparation():
    for schema, nom in (("menus-collectifs", "menus-cantine"), ("subventions", "subventions"),
                        ("deliberations", "deliberations")):
        tableau, notes, rapport = lire_scdl(chemin(nom), schema)
        assert rapport.valide, (nom, str(rapport))
        assert all(n.endswith("comme recommandé.") for n in notes), notes
        assert len(tableau) == len(pd.read_csv(chemin(nom), dtype=str))
    assert set(SCHEMAS_SCDL) == {"menus-collectifs", "subventions", "deliberations"}


def test_siret_valide():
    assert siret_valide("21490912900014") and siret_valide(siret_commencant_par_zero())
    assert not siret_valide("21490912900015") and not siret_valide("2149091290001")


def test_siret_repare_seulement_si_sa_cle_le_confirme_et_anciennes_entetes(tmp_path):
    from donnees_en_main.donnees.scdl import siren_valide

    assert siren_valide("524991205") and not siren_valide("524991206")
    fichier = tmp_path / "cd58.csv"
    fichier.write_text(
        "COLL_NOM,COLL_SIRET,ACTE_DATE,ATTRIB_NOM,ATTRIB_SIRET,SUB_OBJET,SUB_MONTANT\n"
        "Département,22580001000010,2016-01-01,AGORA,52499120500013.0,Subvention,17833\n"
        "Département,22580001000010,2016-01-01,COSDEN,52499120500014.0,Subvention,92000\n", encoding="utf-8")
    lecture = lire_scdl(fichier, "subventions")
    assert lecture.tableau["nomBeneficiaire"].tolist() == ["AGORA", "COSDEN"]
    assert lecture.tableau["montant"].tolist() == [17833.0, 92000.0]
    notes = "\n".join(lecture.notes)
    assert "ancien format national des subventions" in notes and "« ATTRIB_NOM » → « nomBeneficiaire »" in notes
    assert "1 SIRET transformé en nombre par un tableur (« 52499120500013.0 ») : le « .0 » a été retiré, sa clé de contrôle est juste" in notes
    assert "(« 52499120500014.0 ») : le « .0 » a été retiré, mais sa clé de contrôle (Luhn) est fausse" in notes


def test_un_mot_au_lieu_d_un_montant_meme_regle_pour_lire_subventions_et_lire_scdl(tmp_path):
    # Built from bytes (runs without ../shared): « SEM » where the amount goes, as in a real département file.
    from donnees_en_main.chapitres.repondre_citoyen import lire_subventions, preparer, totaux_par_annee

    fichier = tmp_path / "subventions.csv"
    fichier.write_bytes(
        "ATTRIB_NOM;SUB_MONTANT;ACTE_DATE\nClub;1 200;2016-01-01\nNièvre Aménagement;SEM;2016-01-01\n"
        "Office;ODHLM;2016-01-01\nÉcole;NC;2016-01-01\n".encode("cp1252"))
    sub = lire_subventions(fichier)
    scdl = lire_scdl(fichier, "subventions")
    regles = []
    for tableau, notes in ((sub, sub.attrs["notes"]), (scdl.tableau, scdl.notes)):
        assert tableau["montant"].tolist()[0] == 1200 and tableau["montant"].isna().tolist() == [False, True, True, True]
        note = [n for n in notes if "texte au lieu d'un nombre" in n]
        assert len(note) == 1 and "(« SEM » (1), « ODHLM » (1)), lignes 3, 4 du fichier" in note[0], notes
        regles.append(note[0])
    assert regles[0] == regles[1]
    totaux = totaux_par_annee(preparer(sub, annuaire=sub.iloc[0:0].assign(nom=[], domaine=[], adherents=[], rna=[], siret=[])))
    assert totaux["argent"].tolist() == [1200]
    assert totaux.attrs["notes"] and "exclut 3 subventions" in totaux.attrs["notes"][0]


def test_un_seul_lecteur_de_nombres_a_la_francaise(tmp_path):
    # lire_subventions (nombres_fr) and lire_scdl read the same amounts the same way: one parser.
    from donnees_en_main.chapitres.repondre_citoyen import lire_subventions
    from donnees_en_main.donnees import nombres_fr, texte_nombre_fr

    ecrits = ["40 000,00", "1.234,50", "12 euros", "17\u202f833", "2,5E+03", "1.5", "inf", "SEM"]
    attendus = [40000.0, 1234.5, 12.0, 17833.0, 2500.0, 1.5, None, None]
    valeurs, _, illisibles = nombres_fr(pd.Series(ecrits))
    assert [None if pd.isna(v) else v for v in valeurs] == attendus
    assert illisibles.tolist() == [a is None for a in attendus]
    assert [None if texte_nombre_fr(e) is None else float(texte_nombre_fr(e)) for e in ecrits] == attendus
    fichier = tmp_path / "subventions.csv"
    fichier.write_text("nomBeneficiaire;montant;dateConvention\n"
                       + "".join(f"Asso {i};{e};2024-01-0{i % 9 + 1}\n" for i, e in enumerate(ecrits)), encoding="utf-8")
    for montants in (lire_subventions(fichier)["montant"], lire_scdl(fichier, "subventions").tableau["montant"]):
        assert [None if pd.isna(v) else v for v in montants] == attendus
