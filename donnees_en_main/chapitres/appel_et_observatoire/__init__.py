"""Page « Répondre à un appel à projets, bâtir un observatoire »: the figures of its two worked examples.

- Call for projects: which school to put forward for a (fictional) renovation fund, with the figures
  the application asks for (reference year, kWh per m², months missing or estimated), from the energy
  chapter's data (``dossier_ecoles``, ``ecole_a_presenter``).
- Observatory: drinking water of four communes month by month (fictional file ``observatoire-eau-potable``),
  turned into one comparable indicator, litres per inhabitant and per day (``litres_par_habitant``), and
  the summer of one year against the previous one (``comparer_etes``), a missing report said, not zeroed.

    from donnees_en_main.chapitres import appel_et_observatoire as ao
    ao.ecole_a_presenter(2023)["nom"]
    ao.comparer_etes(ao.charger_eau(), 2024)
"""

from __future__ import annotations

import pandas as pd

from donnees_en_main.chapitres.energie import bilan_annuel, charger_batiments, charger_releves
from donnees_en_main.donnees import ErreurDonnees, charger, exiger_colonnes


class ErreurObservatoire(ErreurDonnees):
    """Input that the worked examples cannot use, explained in French (a French box in a notebook)."""


COLONNES_EAU = ["mois", "code_commune_insee", "nom_commune", "population", "volume_m3", "niveau_secheresse"]
MOIS_ETE = ("07", "08")  # the summer compared: July and August


# --- Call for projects ---------------------------------------------------------------------------

def dossier_ecoles(annee: int) -> pd.DataFrame:
    """The schools of the commune in ``annee``: floor area, MWh, kWh per m², months missing or estimated,
    most consuming per m² first (the figures a renovation fund asks for)."""
    bilan = bilan_annuel(charger_releves(), charger_batiments())
    if annee not in set(bilan["annee"]):
        annees = ", ".join(str(a) for a in sorted(set(bilan["annee"])))
        raise ErreurObservatoire(f"Pas de relevés pour l'année {annee}. Années disponibles : {annees}.")
    ecoles = charger_batiments().query("usage == 'enseignement'")["batiment_id"]
    table = bilan[(bilan["annee"] == annee) & bilan["batiment_id"].isin(ecoles)]
    return table.sort_values("kwh_par_m2", ascending=False).reset_index(drop=True)


def ecole_a_presenter(annee: int) -> pd.Series:
    """The school to put forward: the most consuming per m² among those whose year is complete and
    measured (no month missing or estimated), since the fund compares against a reference year."""
    table = dossier_ecoles(annee)
    fiables = table[(table["mois_manquants"] == 0) & (table["mois_estimes"] == 0)]
    if fiables.empty:
        raise ErreurObservatoire(
            f"Aucune école n'a une année {annee} complète et mesurée : choisissez une autre année de référence.")
    return fiables.iloc[0]


# --- Observatory ---------------------------------------------------------------------------------

def charger_eau() -> pd.DataFrame:
    """The course's fictional drinking-water file (four communes, 2023-2024)."""
    return charger("observatoire-eau-potable")


def litres_par_habitant(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with a column ``litres_hab_jour``: volume / population / days of the month, in litres.

    A month whose volume is empty stays empty (a missing report is not a zero consumption)."""
    exiger_colonnes(table.columns, COLONNES_EAU, None, "observatoire-eau-potable",
                    conseil="Il faut une ligne par mois et par commune.", erreur=ErreurObservatoire)
    resultat = table.copy()
    population = pd.to_numeric(resultat["population"], errors="coerce")
    if (population.isna() | (population <= 0)).any():
        lignes = ", ".join(str(i + 2) for i in resultat.index[population.isna() | (population <= 0)][:5])
        raise ErreurObservatoire(
            f"Population vide ou nulle (ligne {lignes} du fichier) : on ne peut pas diviser par zéro "
            "habitant. Renseignez la population légale de la commune.")
    try:
        jours = pd.PeriodIndex(resultat["mois"].astype(str), freq="M").days_in_month
    except (ValueError, TypeError):
        raise ErreurObservatoire("La colonne « mois » doit contenir des mois au format AAAA-MM (par exemple 2024-07).") from None
    volume = pd.to_numeric(resultat["volume_m3"], errors="coerce")
    resultat["litres_hab_jour"] = volume * 1000 / population / jours.to_numpy()
    return resultat


def comparer_etes(table: pd.DataFrame, annee: int) -> pd.DataFrame:
    """Per commune: litres per inhabitant and per day in July-August of ``annee`` and of the year
    before, the change in %, the strongest restriction level of the summer, and the months missing.

    A summer with a missing month gets no figure (its change is empty): the average of the months that
    remain would not be the summer's."""
    avec = litres_par_habitant(table)
    avec["annee"] = avec["mois"].astype(str).str[:4].astype(int)
    avec["num"] = avec["mois"].astype(str).str[5:7]
    ete = avec[avec["num"].isin(MOIS_ETE)]
    for a in (annee - 1, annee):
        if not (ete["annee"] == a).any():
            raise ErreurObservatoire(f"Pas de données pour l'été {a} : le fichier doit couvrir juillet et août "
                                     f"{annee - 1} et {annee} pour comparer.")
    ordre = ["aucun", "vigilance", "alerte", "alerte renforcée", "crise"]
    lignes = []
    for (code, nom), groupe in ete.groupby(["code_commune_insee", "nom_commune"], sort=False):
        ligne = {"code_commune_insee": code, "nom_commune": nom}
        for a, cle in ((annee - 1, "avant"), (annee, "apres")):
            mois = groupe[groupe["annee"] == a]
            complet = len(mois) == len(MOIS_ETE) and mois["litres_hab_jour"].notna().all()
            ligne[f"litres_{cle}"] = mois["litres_hab_jour"].mean() if complet else float("nan")
            if cle == "apres":
                ligne["mois_manquants"] = [m for m in mois.loc[mois["litres_hab_jour"].isna(), "mois"].astype(str)]
                ligne["niveau_max"] = max(mois["niveau_secheresse"], key=ordre.index)
        ligne["evolution_pct"] = (ligne["litres_apres"] / ligne["litres_avant"] - 1) * 100
        lignes.append(ligne)
    return pd.DataFrame(lignes)
