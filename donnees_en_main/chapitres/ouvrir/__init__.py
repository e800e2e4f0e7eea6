"""Ouvrir les données de la commune: choose what to open first, fix a catalogue, choose a licence.

One source for book/ouvrir.md, notebooks/ouvrir.ipynb, the question bank and tests/test_ouvrir.py.

    from donnees_en_main.chapitres.ouvrir import prioriser, corriger_catalogue, conseil_licence
    prioriser(charger("ouvrir-inventaire"))        # the inventory ranked: what to open first
    corriger_catalogue(brouillon)                   # the mechanical fixes of a catalogue typed by hand
    conseil_licence(partage_identique=True)         # the advice of the licence chooser (a dict)
"""

from __future__ import annotations

import pandas as pd

from donnees_en_main.donnees import ErreurDonnees, exiger_colonnes

__all__ = ["POINTS", "prioriser", "corriger_catalogue", "conseil_licence", "LICENCES", "ErreurInventaire"]

# The ranking rule, said in one place (the book prints it from here): points for the obligation,
# the demand and the (small) effort. A dataset with personal data is not ranked: it cannot be
# published as it is.
POINTS = {
    "obligation": {"oui": 3, "non": 0},
    "demande": ((5, 2), (1, 1)),  # (at least n requests a year, points), highest first; else 0
    "effort": {"faible": 2, "moyen": 1, "fort": 0},
}
COLONNES_INVENTAIRE = ("jeu", "demandes_an", "publication_obligatoire", "effort", "donnees_personnelles")


class ErreurInventaire(ErreurDonnees):
    """An inventory that cannot be ranked (French message; a French box in a notebook)."""


def _points_demande(n: int) -> int:
    for seuil, points in POINTS["demande"]:
        if n >= seuil:
            return points
    return 0


def prioriser(inventaire: pd.DataFrame) -> pd.DataFrame:
    """The inventory with its points (obligation, demande, effort, score) and a rank, best first.

    Datasets with personal data get no score and come last, with « non, pas en l'état » in
    ``a_ouvrir``. Ties are broken by the number of requests.
    """
    exiger_colonnes(inventaire.columns, COLONNES_INVENTAIRE, None, "ouvrir-inventaire",
                    conseil="Il faut une ligne par jeu de données, comme dans datasets/ouvrir/inventaire-donnees.csv.",
                    erreur=ErreurInventaire)
    t = inventaire.copy()
    for colonne, permis in (("publication_obligatoire", POINTS["obligation"]), ("effort", POINTS["effort"]),
                            ("donnees_personnelles", {"oui": 0, "non": 0})):
        inconnues = sorted(set(t[colonne].dropna().astype(str)) - set(permis))
        if inconnues:
            raise ErreurInventaire(f"Colonne {colonne} : valeurs inconnues {inconnues} ; valeurs possibles : "
                                   f"{', '.join(permis)}.")
    demandes = pd.to_numeric(t["demandes_an"], errors="coerce")
    if demandes.isna().any():
        raise ErreurInventaire("Colonne demandes_an : chaque ligne doit donner un nombre de demandes (0 si aucune).")
    t["points_obligation"] = t["publication_obligatoire"].map(POINTS["obligation"])
    t["points_demande"] = demandes.astype(int).map(_points_demande)
    t["points_effort"] = t["effort"].map(POINTS["effort"])
    personnelles = t["donnees_personnelles"].eq("oui")
    t["score"] = (t["points_obligation"] + t["points_demande"] + t["points_effort"]).where(~personnelles)
    t["a_ouvrir"] = personnelles.map({True: "non, pas en l'état", False: "oui"})
    t = t.assign(_demandes=demandes).sort_values(["score", "_demandes"], ascending=False, na_position="last",
                                                 kind="stable")
    t = t.drop(columns="_demandes").reset_index(drop=True)
    t["rang"] = range(1, len(t) + 1)
    return t


# --- Fixing a catalogue typed by hand ----------------------------------------------------------
# Usual spellings met in spreadsheets -> the values of the SCDL catalogue schema's lists.
LICENCES_COURANTES = {
    "licence etalab": "Licence Ouverte-LO",
    "licence ouverte": "Licence Ouverte-LO",
    "licence ouverte 2.0": "Licence Ouverte-LO",
    "etalab-2.0": "Licence Ouverte-LO",
    "odbl": "Open Database License-ODBL",
    "open database license": "Open Database License-ODBL",
}
FREQUENCES_COURANTES = {
    "chaque semaine": "Hebdomadaire ou plusieurs fois par semaine",
    "hebdomadaire": "Hebdomadaire ou plusieurs fois par semaine",
    "chaque mois": "Mensuelle ou plusieurs fois par mois",
    "mensuelle": "Mensuelle ou plusieurs fois par mois",
    "chaque année": "Annuelle",
    "tous les ans": "Annuelle",
}
COLONNES_DATES = ("COUV_TEMP_DEBUT", "COUV_TEMP_FIN", "DATE_PUBL", "DATE_MAJ")


def _date_iso(valeur):
    if not isinstance(valeur, str) or not valeur.strip():
        return valeur
    texte = valeur.strip()
    try:
        if "/" in texte:
            return pd.to_datetime(texte, format="%d/%m/%Y").strftime("%Y-%m-%d")
    except ValueError:
        return valeur  # left as is: the validator will point at it
    return texte


def corriger_catalogue(brouillon: pd.DataFrame) -> pd.DataFrame:
    """The mechanical fixes of a catalogue typed in a spreadsheet (a copy; the draft is untouched).

    Dates jj/mm/aaaa -> aaaa-mm-jj; SIRET without spaces; usual names of licences and frequencies ->
    the schema's values. What a machine cannot guess (an empty description) is left empty: the
    validator still reports it, a person writes it.
    """
    t = brouillon.copy()
    for colonne in COLONNES_DATES:
        if colonne in t:
            t[colonne] = t[colonne].map(_date_iso)
    for colonne in ("COLL_SIRET", "PRODUCTEUR_SIRET"):
        if colonne in t:
            t[colonne] = t[colonne].map(lambda v: v.replace(" ", "").replace("\u00a0", "") if isinstance(v, str) else v)
    for colonne, table in (("LICENCE", LICENCES_COURANTES), ("FREQ_MAJ", FREQUENCES_COURANTES)):
        if colonne in t:
            t[colonne] = t[colonne].map(lambda v: table.get(v.strip().lower(), v) if isinstance(v, str) else v)
    return t


# --- The licence chooser -------------------------------------------------------------------------
LICENCES = {
    "lo": {
        "nom": "Licence Ouverte 2.0 (Etalab)",
        "valeur_catalogue": "Licence Ouverte-LO",
        "en_bref": "Chacun peut réutiliser les données, y compris pour un usage commercial, à une seule "
                   "condition : citer la source (au moins le nom du producteur) et la date de dernière mise à jour.",
    },
    "odbl": {
        "nom": "ODbL (Open Database License)",
        "valeur_catalogue": "Open Database License-ODBL",
        "en_bref": "Chacun peut réutiliser les données en citant la source ; mais qui utilise publiquement une "
                   "base modifiée ou enrichie à partir des vôtres doit la partager à son tour sous ODbL : "
                   "c'est le « partage à l'identique ».",
    },
}


def conseil_licence(*, partage_identique: bool, donnees_personnelles: bool = False) -> dict:
    """The licence chooser's advice: {"licence": key of LICENCES or None, "titre", "texte"}."""
    if donnees_personnelles:
        return {
            "licence": None,
            "titre": "D'abord, pas de publication en l'état",
            "texte": "Un fichier qui contient des données personnelles ne se publie pas tel quel : il faut "
                     "d'abord rendre impossible l'identification des personnes, ou ne pas le publier (voir le "
                     "chapitre sur le cadre légal). La licence se choisit ensuite.",
        }
    cle = "odbl" if partage_identique else "lo"
    pourquoi = ("vous voulez que les améliorations faites par d'autres restent ouvertes à tous"
                if partage_identique else "vous voulez la réutilisation la plus large, sans condition de licence "
                "pour les données dérivées ; c'est le choix le plus courant des communes et de l'État")
    return {"licence": cle, "titre": LICENCES[cle]["nom"], "texte": f"Parce que {pourquoi}. {LICENCES[cle]['en_bref']}"}
