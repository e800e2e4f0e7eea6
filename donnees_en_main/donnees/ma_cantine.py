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

from donnees_en_main.donnees import ErreurDonnees, codes, lire_csv_tableur, nombres_fr, note_valeurs_masquees, pluriel

__all__ = ["COLONNES_MA_CANTINE", "RATIOS", "lire_ma_cantine"]

COLONNES_MA_CANTINE = ("canteen_siret", "canteen_name", "canteen_city_insee_code", "teledeclaration_ratio_bio")
RATIOS = ("teledeclaration_ratio_bio", "teledeclaration_ratio_egalim_hors_bio")
PAGE = "https://www.data.gouv.fr/fr/datasets/?q=ma%20cantine%20t%C3%A9l%C3%A9d%C3%A9clarations"


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
    for colonne in RATIOS:
        if colonne in tableau.columns:
            valeurs, masquees, illisibles = nombres_fr(tableau[colonne])
            if masquees.any():
                notes.append(note_valeurs_masquees(tableau[colonne][masquees], f" de la colonne {colonne}"))
            if illisibles.any():
                notes.append(f"Colonne {colonne} : {pluriel(int(illisibles.sum()), 'valeur')} qui ne sont pas des nombres "
                             f"(par exemple « {tableau[colonne][illisibles].iloc[0]} ») : laissées vides.")
            tableau[colonne] = valeurs
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
        tableau = tableau[(communes == code) | des_arrondissements].reset_index(drop=True)
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
    tableau.attrs["notes"] = notes
    return tableau
