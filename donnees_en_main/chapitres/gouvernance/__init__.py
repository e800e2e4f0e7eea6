"""Chapitre « gouvernance » : sa banque de questions est dans ``questions`` ; ici, l'exemple des silos.

The silos example (section « Les silos » of book/gouvernance.md): two services of the fictional commune
name the neighbouring communes differently, the school service by a name typed by hand, the social
service (CCAS) by the INSEE code. Matched name against name, most rows are lost; matched through one
shared reference list (the course's list of communes, ``formats-communes-codes-postaux``), all are found.

    from donnees_en_main.chapitres.gouvernance import rapprocher, croiser_services
    rapprocher(["St Ombert la Foret", "CHENEBRUNE"])      # code INSEE of each name, or empty
    croiser_services()                                     # one row per commune, both services side by side
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from donnees_en_main.donnees import charger


class ErreurRapprochement(ValueError):
    """A reference list that cannot be used, explained in French."""


# Fictional: families from outside the commune registered at the school canteen, as typed by the school
# service (one line per family, the commune of residence written by hand).
INSCRIPTIONS_CANTINE = pd.DataFrame({"commune_saisie": [
    "St Ombert la Foret", "Saint-Ombert-la-Forêt", "CHENEBRUNE", "Chênebrune", "Chenebrune",
    "Les Hauts de Belval", "Hauts-de-Belval (Les)", "Vaulmoran", "VAULMORAN", "Lanvrière",
    "Lanvriere", "Maurevigne", "Rochefleurs",
]})
# Fictional: families of the same communes helped by the social service (CCAS), by INSEE code.
AIDES_CCAS = pd.DataFrame({
    "code_commune_insee": ["49902", "49903", "49904", "49906", "49910", "49913"],
    "familles_aidees": [1, 2, 1, 1, 1, 0],
})

_ABREVIATIONS = {"st": "saint", "ste": "sainte"}


def cle_nom(nom: str) -> str:
    """A commune name reduced to what does not vary between services: no accents, case, hyphens or
    abbreviations, the article « (Les) » put back in front. « Hauts-de-Belval (Les) » -> « les hauts de belval »."""
    texte = unicodedata.normalize("NFKD", str(nom)).encode("ascii", "ignore").decode().lower()
    article = re.search(r"\((les?|la|l')\)\s*$", texte)
    if article:
        texte = f"{article.group(1)} {texte[:article.start()]}"
    mots = re.findall(r"[a-z0-9]+", texte)
    return " ".join(_ABREVIATIONS.get(m, m) for m in mots)


def referentiel_communes() -> pd.DataFrame:
    """The shared reference list: one row per commune (INSEE code, official name), from the course's file."""
    liste = charger("formats-communes-codes-postaux")
    return liste[["code_commune_insee", "nom_commune"]].drop_duplicates().reset_index(drop=True)


def rapprocher(noms, referentiel: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each name of ``noms`` with the INSEE code and official name of the reference list, through
    ``cle_nom``; empty (NaN) when the name is not found."""
    referentiel = referentiel_communes() if referentiel is None else referentiel
    manquantes = {"code_commune_insee", "nom_commune"} - set(referentiel.columns)
    if manquantes:
        raise ErreurRapprochement(
            f"La liste de référence doit avoir les colonnes code_commune_insee et nom_commune ; il manque "
            f"{', '.join(sorted(manquantes))}.")
    cles = referentiel.assign(cle=referentiel["nom_commune"].map(cle_nom))
    doublons = cles[cles.duplicated("cle", keep=False)]
    if not doublons.empty:
        raise ErreurRapprochement(
            "Deux communes de la liste de référence ont le même nom une fois simplifié : "
            f"{', '.join(sorted(set(doublons['nom_commune'])))}. Ajoutez le département pour les distinguer.")
    table = pd.DataFrame({"nom_saisi": list(noms)})
    table["cle"] = table["nom_saisi"].map(cle_nom)
    resultat = table.merge(cles[["cle", "code_commune_insee", "nom_commune"]], on="cle", how="left")
    return resultat.drop(columns="cle")


def croiser_services() -> tuple[pd.DataFrame, dict]:
    """Both services side by side, one row per commune (official name, canteen families, families helped),
    and the counts: lines of the canteen file, found by raw name, found through the reference list, and
    the names still not found (to check by hand: never guessed)."""
    referentiel = referentiel_communes()
    brut = INSCRIPTIONS_CANTINE["commune_saisie"].isin(set(referentiel["nom_commune"]))
    rapproche = rapprocher(INSCRIPTIONS_CANTINE["commune_saisie"], referentiel)
    cantine = rapproche.dropna(subset=["code_commune_insee"]).groupby(
        ["code_commune_insee", "nom_commune"]).size().rename("familles_cantine").reset_index()
    croise = cantine.merge(AIDES_CCAS, on="code_commune_insee", how="outer")
    croise["nom_commune"] = croise["nom_commune"].fillna(
        croise["code_commune_insee"].map(referentiel.set_index("code_commune_insee")["nom_commune"]))
    croise = croise.fillna({"familles_cantine": 0, "familles_aidees": 0}).astype(
        {"familles_cantine": int, "familles_aidees": int})
    comptes = {"lignes": len(INSCRIPTIONS_CANTINE), "par_nom_brut": int(brut.sum()),
               "par_referentiel": int(rapproche["code_commune_insee"].notna().sum()),
               "non_trouves": rapproche.loc[rapproche["code_commune_insee"].isna(), "nom_saisi"].tolist()}
    return croise.sort_values("nom_commune").reset_index(drop=True), comptes
