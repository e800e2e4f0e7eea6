"""Read ma-cantine's own open-data export: the EGalim « télédéclarations » of every canteen.

The Ministry of Agriculture's platform ma-cantine publishes one row per canteen and campaign
(``campagne_td_2021.csv``, ``campagne_td_2022.csv``… on data.gouv.fr): the canteen's SIRET, name,
commune (``canteen_city_insee_code``), sector, and the shares of organic (``teledeclaration_ratio_bio``)
and other EGalim products (``teledeclaration_ratio_egalim_hors_bio``) in its purchases, between 0 and 1.
It gives shares, not the purchase amounts in euros the course's « achats-cantines » file holds.

    from donnees_en_main.donnees.ma_cantine import lire_ma_cantine
    cantines = lire_ma_cantine("campagne_td_2022.csv", code_insee="84007")
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from donnees_en_main.donnees import ErreurDonnees, NumerosDeLignes, codes, ecrit_en_pourcent, lire_csv_tableur, parts_par_valeur, pluriel
from donnees_en_main.donnees.scdl import identifiants_entreprises

__all__ = ["BIO", "COLONNES_MA_CANTINE", "EGALIM", "RATIOS", "lire_ma_cantine"]

COLONNES_MA_CANTINE = ("canteen_siret", "canteen_name", "canteen_city_insee_code", "teledeclaration_ratio_bio")
BIO = "teledeclaration_ratio_bio"
# EGalim shares: ma-cantine's export gives the share « hors bio » (bio excluded); some copies give the
# EGalim share with bio included.
EGALIM = ("teledeclaration_ratio_egalim_hors_bio", "teledeclaration_ratio_egalim")
RATIOS = (BIO, *EGALIM)
PAGE = "https://www.data.gouv.fr/fr/datasets/?q=ma%20cantine%20t%C3%A9l%C3%A9d%C3%A9clarations"


def _incoherences(tableau: pd.DataFrame, lignes: pd.Series) -> list[str]:
    """Bio and EGalim shares that cannot both be true, in French with their lines: organic products are EGalim
    products, so a bio share above the EGalim share (when the EGalim column includes bio) — or bio plus
    « EGalim hors bio » above 100 % (ma-cantine's own export) — is reported, never corrected."""
    bio = tableau.get(BIO)
    notes = []
    for colonne in EGALIM:
        if bio is None or colonne not in tableau.columns:
            continue
        egalim = tableau[colonne]
        if "hors_bio" in colonne:
            fautives, quoi = (bio + egalim) > 1 + 1e-9, f"la part bio plus la part {colonne} dépasse 100 %"
        else:
            fautives, quoi = bio > egalim + 1e-9, f"la part bio dépasse la part EGalim ({colonne}), qui la comprend"
        fautives = fautives.fillna(False).astype(bool)
        if fautives.any():
            n = int(fautives.sum())
            numeros = ", ".join(map(str, lignes[fautives].head(8))) + ("…" if n > 8 else "")
            notes.append(
                f"Parts incohérentes : {pluriel(n, 'ligne', 'lignes')} ({numeros}) où {quoi} : les produits bio sont "
                "des produits EGalim, ces deux chiffres ne peuvent pas être vrais ensemble. Gardés tels quels : "
                "vérifiez la télédéclaration de ces cantines avant de les citer."
            )
    return notes


def lire_ma_cantine(chemin_fichier, code_insee=None) -> pd.DataFrame:
    """The ma-cantine export as a table: codes as text, shares as numbers, one commune with ``code_insee``.

    What was read and kept is said in French in ``attrs["notes"]``; a file that is not this export, or
    holds no canteen of the commune, raises ``ErreurDonnees``.
    """
    fichier = Path(chemin_fichier)
    tableau, notes = lire_csv_tableur(fichier)
    manquantes = [c for c in COLONNES_MA_CANTINE if c not in tableau.columns]
    if manquantes:
        raise ErreurDonnees(
            f"« {fichier.name} » n'est pas l'export open data de ma-cantine : il n'a pas "
            f"{'la colonne' if len(manquantes) == 1 else 'les colonnes'} " + ", ".join(f"« {c} »" for c in manquantes)
            + f". Téléchargez les télédéclarations de ma-cantine sur data.gouv.fr ({PAGE})."
        )
    tableau["canteen_city_insee_code"], _ = codes.normaliser_serie(tableau["canteen_city_insee_code"])
    lignes = pd.Series(tableau.attrs.get("lignes") or range(2, len(tableau) + 2), index=tableau.index)
    # Whether the file writes percentages somewhere, decided on the whole file (before keeping one commune).
    fichier_en_pourcent = {c: bool(ecrit_en_pourcent(tableau[c]).any()) for c in RATIOS if c in tableau.columns}
    if "year" in tableau.columns:
        tableau["year"] = pd.to_numeric(tableau["year"], errors="coerce").astype("Int64")
    total = len(tableau)
    sans_commune = int((tableau["canteen_city_insee_code"] == "").sum())
    if code_insee is not None:
        code = codes.exiger(code_insee)
        communes = tableau["canteen_city_insee_code"]
        des_arrondissements = communes.isin(codes.arrondissements(code))  # Paris, Lyon, Marseille
        if des_arrondissements.any():
            notes.append(codes.note_arrondissements(code, communes[des_arrondissements], (communes == code).any()))
        gardees = (communes == code) | des_arrondissements
        tableau, lignes = tableau[gardees].reset_index(drop=True), lignes[gardees].reset_index(drop=True)
        if tableau.empty:
            raise ErreurDonnees(
                f"Aucune cantine de la commune {code} dans « {fichier.name} » ({pluriel(total, 'cantine')}, dont "
                f"{sans_commune} sans code de commune). Vérifiez le code INSEE (ce n'est pas le code postal) ; une "
                "cuisine centrale est rattachée à la commune où elle se trouve, pas à celles qu'elle livre."
            )
        notes.append(
            f"Export open data ma-cantine : {pluriel(len(tableau), 'cantine')} de la commune {code} "
            f"{'gardée' if len(tableau) == 1 else 'gardées'} sur {pluriel(total, 'ligne')} du fichier. Les parts "
            "(teledeclaration_ratio_…) vont de 0 à 1 ; le fichier ne donne pas les montants d'achats en euros."
        )
    # Shares: 0 to 1 by the producer's schema (« ratio », example 0.1), decided value by value.
    for colonne in RATIOS:
        if colonne in tableau.columns:
            tableau[colonne] = parts_par_valeur(tableau[colonne], colonne, notes, list(lignes),
                                                fichier_en_pourcent=fichier_en_pourcent[colonne])
    notes += _incoherences(tableau, lignes)
    # SIRET: kept as written, their Luhn key checked and the result said (the one rule of the SCDL readers).
    for colonne in ("canteen_siret", "canteen_central_kitchen_siret"):
        if colonne in tableau.columns:
            tableau[colonne] = identifiants_entreprises(tableau[colonne].replace("", None), colonne, notes)
    tableau.attrs["lignes"] = NumerosDeLignes(lignes)
    tableau.attrs["notes"] = notes
    return tableau
