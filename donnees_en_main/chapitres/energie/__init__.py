"""Energy chapter helpers: read meter exports in any unit, check their gaps, compare buildings fairly.

    from donnees_en_main.chapitres import energie
    batiments = energie.charger_batiments()
    releves = energie.charger_releves()          # electricity + gas, one unit: kWh
    bilan = energie.bilan_annuel(releves, batiments)
    energie.tableau_de_bord(releves, batiments)  # choose a building and a year

Every function also reads *your* commune's files (pass a path), and says in French what is wrong
with a file it cannot read.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from donnees_en_main.donnees import (
    VALEURS_MASQUEES, ErreurDonnees, chemin, cle_entete, detecter_format, erreur_de_structure, est_ligne_de_codes,
    exiger_colonnes, formater_entier, lignes_hors_donnees,
    note_ligne_de_codes, pluriel, note_valeurs_masquees, texte_nombre_fr,
)
from donnees_en_main.donnees import codes as codes_communes
from donnees_en_main.donnees.catalogue import ressemble
from donnees_en_main.affichage.interactif import vues_par_choix

__all__ = [
    "UNITES_EN_KWH",
    "charger_batiments",
    "lire_releves",
    "charger_releves",
    "completer_mois",
    "bilan_annuel",
    "lire_secteurs",
    "total_visible",
    "lire_dju",
    "corriger_climat",
    "figure_mois",
    "resume_mois",
    "tableau_de_bord",
]

# How many kWh in one unit. kW / MW are powers, not energies: refused with an explanation.
UNITES_EN_KWH = {"wh": 0.001, "kwh": 1.0, "mwh": 1000.0, "gwh": 1_000_000.0}
NOMS_UNITES = {"wh": "Wh", "kwh": "kWh", "mwh": "MWh", "gwh": "GWh"}
MASQUES = frozenset(VALEURS_MASQUEES)  # the course's one list of masked-value words (donnees)
LARGEUR_POUCES, DPI = 7.5, 96  # dashboard images: 720 pixels wide
NOMS_MOIS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
COLONNES_RELEVES = ["batiment_id", "mois", "consommation", "unite", "type_releve"]


# --- Reading -----------------------------------------------------------------------------------
def _lire_csv(fichier: str | Path, quoi: str) -> pd.DataFrame:
    """Read a CSV as text (encoding and separator detected), lower-case column names."""
    format_ = detecter_format(fichier)  # French errors: missing, empty, not a CSV…
    try:
        table = pd.read_csv(io.StringIO(format_.texte), sep=format_.separateur or ",", dtype=str, keep_default_na=False)
    except pd.errors.ParserError as exc:
        raise erreur_de_structure(exc, Path(fichier).name, format_.separateur) from None
    table.columns = [str(c).strip().lower() for c in table.columns]
    hors, notes = lignes_hors_donnees(table)  # the header again, a « Total » row: not data (the shared rule)
    if hors.any():
        table = table[~hors.to_numpy()]  # index kept: « ligne i + 2 » in messages stays the file's line
        table.attrs["notes"] = notes
    if table.empty:
        raise ErreurDonnees(f"Le fichier {quoi} ({Path(fichier).name}) n'a que sa ligne d'en-tête, aucune donnée.")
    return table


# What to do when a file lacks a column the workshop needs (said after donnees.exiger_colonnes's message).
CONSEIL_COLONNES = ("Renommez la colonne correspondante dans votre tableur, ou vérifiez que le séparateur est bien "
                    "la virgule ou le point-virgule.")


def _nombres(valeurs: pd.Series, colonne: str, quoi: str, masques: set[str] = frozenset()) -> pd.Series:
    """Text -> float, accepting '1 234,5'; masked words -> NaN; anything else -> French error."""
    texte = valeurs.astype(str).str.strip()
    nombres = pd.to_numeric(texte.map(texte_nombre_fr), errors="coerce")  # the one French-number parser
    vides_ou_masques = texte.eq("") | texte.str.lower().isin(masques)
    fautifs = nombres.isna() & ~vides_ou_masques
    if fautifs.any():
        i = fautifs.idxmax()
        raise ErreurDonnees(
            f"Dans le fichier {quoi}, la colonne « {colonne} » contient « {texte[i]} » à la ligne {i + 2}, "
            "qui n'est pas un nombre. Corrigez cette cellule (un nombre, avec une virgule ou un point "
            "pour les décimales) ou videz-la si la valeur est inconnue."
        )
    return nombres.astype(float)


def charger_batiments(fichier: str | Path | None = None) -> pd.DataFrame:
    """The commune's buildings (id, name, use, floor area in m²…), the course's file by default."""
    fichier = fichier or chemin("energie-batiments")
    table = _lire_csv(fichier, "des bâtiments")
    exiger_colonnes(table.columns, ["batiment_id", "nom", "surface_m2"], Path(fichier).name, "energie-batiments",
                    conseil=CONSEIL_COLONNES)
    table["batiment_id"] = table["batiment_id"].str.strip()
    doublons = table["batiment_id"][table["batiment_id"].duplicated()]
    if len(doublons):
        raise ErreurDonnees(
            f"Le bâtiment « {doublons.iloc[0]} » apparaît deux fois dans le fichier des bâtiments : "
            "chaque identifiant doit être unique."
        )
    notes = list(table.attrs.get("notes", []))
    for colonne in ("surface_m2", "annee_construction"):
        if colonne not in table.columns:
            continue
        masquees = table[colonne].str.strip().str.lower().isin(MASQUES)
        if masquees.any():  # « nd », « NC »…: unknown, kept empty and said (this building has no kWh/m²)
            notes.append(note_valeurs_masquees(table[colonne][masquees], f" de la colonne {colonne}"))
        table[colonne] = _nombres(table[colonne], colonne, "des bâtiments", MASQUES)
    if "annee_construction" in table.columns:
        table["annee_construction"] = table["annee_construction"].astype("Int64")
    table.attrs["notes"] = notes
    return table


def _mois(table: pd.DataFrame, quoi: str) -> pd.Series:
    """The « mois » column, stripped; a French error naming the line if one is not AAAA-MM."""
    mois = table["mois"].str.strip()
    mauvais = ~mois.str.fullmatch(r"\d{4}-(0[1-9]|1[0-2])")
    if mauvais.any():
        i = mauvais.idxmax()
        raise ErreurDonnees(
            f"Mois « {mois[i]} » à la ligne {i + 2} du fichier {quoi} : on attend l'année puis le mois, "
            "au format AAAA-MM (par exemple 2023-01 pour janvier 2023)."
        )
    return mois


def lire_releves(fichier: str | Path, energie: str) -> pd.DataFrame:
    """One supplier export (one row per building and month), converted to kWh whatever its unit.

    Returns columns batiment_id, energie, mois ('AAAA-MM'), annee, num_mois, consommation_kwh,
    type_releve. Accepts `,` or `;`, decimal commas, units Wh / kWh / MWh / GWh (any case).
    """
    quoi = f"des relevés ({energie})"
    table = _lire_csv(fichier, quoi)
    exiger_colonnes(table.columns, COLONNES_RELEVES, Path(fichier).name,
                    "energie-releves-gaz" if energie.strip().lower() == "gaz" else "energie-releves-electricite",
                    conseil=CONSEIL_COLONNES)
    unites = table["unite"].str.strip().str.lower()
    inconnues = ~unites.isin(list(UNITES_EN_KWH))
    if inconnues.any():
        i = inconnues.idxmax()
        u = table["unite"][i]
        conseil = (
            " Le kW (ou MW) mesure une puissance, pas une quantité d'énergie : demandez au fournisseur "
            "l'export des consommations en kWh."
            if u.strip().lower() in {"kw", "mw", "w", "kva"}
            else ""
        )
        raise ErreurDonnees(
            f"Unité « {u} » inconnue à la ligne {i + 2} du fichier {quoi} : on attend kWh, MWh, Wh ou GWh.{conseil}"
        )
    mois = _mois(table, quoi)
    notes = list(table.attrs.get("notes", []))
    masquees = table["consommation"].str.strip().str.lower().isin(MASQUES)
    if masquees.any():  # « nd », « NC »…: a reading the supplier did not give, i.e. a missing month
        notes.append(
            note_valeurs_masquees(table["consommation"][masquees], f" de la colonne consommation ({energie})")
            + " Ces mois sont comptés comme manquants (type_releve « manquant » dans completer_mois et bilan_annuel)."
        )
        table, mois, unites = table[~masquees], mois[~masquees], unites[~masquees]
    valeur = _nombres(table["consommation"], "consommation", quoi)
    if valeur.isna().any():
        i = valeur.isna().idxmax()
        raise ErreurDonnees(
            f"Consommation vide à la ligne {i + 2} du fichier {quoi}. Si le relevé manque, supprimez la "
            "ligne : un mois absent est compté comme manquant, pas comme zéro."
        )
    if (valeur < 0).any():
        i = (valeur < 0).idxmax()
        raise ErreurDonnees(
            f"Consommation négative ({table['consommation'][i]}) à la ligne {i + 2} du fichier {quoi}. "
            "Un avoir ou une régularisation de facture n'est pas une consommation : corrigez la ligne."
        )
    sortie = pd.DataFrame(
        {
            "batiment_id": table["batiment_id"].str.strip(),
            "energie": energie,
            "mois": mois,
            "annee": mois.str[:4].astype(int),
            "num_mois": mois.str[5:7].astype(int),
            "consommation_kwh": valeur * unites.map(UNITES_EN_KWH),
            "type_releve": table["type_releve"].str.strip().str.lower().replace({"estime": "estimé", "reel": "réel"}),
        }
    ).reset_index(drop=True)
    doublons = sortie.duplicated(["batiment_id", "mois"])
    if doublons.any():
        r = sortie[doublons].iloc[0]
        raise ErreurDonnees(
            f"Le bâtiment « {r.batiment_id} » a deux relevés pour le mois {r.mois} dans le fichier {quoi} : "
            "gardez-en un seul (ou additionnez-les s'il s'agit de deux compteurs)."
        )
    sortie.attrs["notes"] = notes
    return sortie


def charger_releves(electricite: str | Path | None = None, gaz: str | Path | None = None) -> pd.DataFrame:
    """Electricity (kWh file) and gas (MWh file) stacked in one table, all in kWh."""
    elec = lire_releves(electricite or chemin("energie-releves-electricite"), "électricité")
    gaz_ = lire_releves(gaz or chemin("energie-releves-gaz"), "gaz")
    notes = elec.attrs.get("notes", []) + gaz_.attrs.get("notes", [])
    releves = pd.concat([elec, gaz_], ignore_index=True)
    releves.attrs["notes"] = notes
    for note in notes:  # what was kept missing, said where the workshop reads the files
        print(f"• {note}")
    return releves


# --- Checking and summarising -------------------------------------------------------------------
def completer_mois(releves: pd.DataFrame) -> pd.DataFrame:
    """Every month of the period for every (building, energy) seen, with missing months made visible.

    Adds rows with consommation_kwh = NaN and type_releve = "manquant" for the months with no reading.
    """
    debut, fin = releves["mois"].min(), releves["mois"].max()
    tous = pd.period_range(debut, fin, freq="M").strftime("%Y-%m")
    paires = releves[["batiment_id", "energie"]].drop_duplicates()
    grille = paires.merge(pd.DataFrame({"mois": tous}), how="cross")
    complet = grille.merge(releves, on=["batiment_id", "energie", "mois"], how="left")
    complet["annee"] = complet["mois"].str[:4].astype(int)
    complet["num_mois"] = complet["mois"].str[5:7].astype(int)
    complet["type_releve"] = complet["type_releve"].fillna("manquant")
    return complet.sort_values(["batiment_id", "energie", "mois"]).reset_index(drop=True)


def bilan_annuel(releves: pd.DataFrame, batiments: pd.DataFrame) -> pd.DataFrame:
    """One row per building and year: MWh by energy, kWh per m², months missing or estimated.

    A year with missing months is flagged (complet = False): its total is too low, not comparable. The
    months of a year before the file's first reading or after its last one count as missing too (a
    commune's export that stops in March is not a whole year).
    """
    complet = completer_mois(releves)
    par_mois = complet.groupby(["batiment_id", "annee", "num_mois"]).agg(
        manquant=("type_releve", lambda s: (s == "manquant").any()),
        estime=("type_releve", lambda s: (s == "estimé").any()),
    )
    qualite = par_mois.groupby(["batiment_id", "annee"]).agg(
        mois_manquants=("manquant", "sum"), mois_estimes=("estime", "sum"), mois_de_la_periode=("manquant", "size")
    )
    qualite["mois_manquants"] += 12 - qualite.pop("mois_de_la_periode")
    energies = (
        complet.pivot_table(index=["batiment_id", "annee"], columns="energie", values="consommation_kwh", aggfunc="sum")
        .div(1000)
        .reindex(columns=["électricité", "gaz"])
        .fillna(0.0)
        .rename(columns={"électricité": "electricite_mwh", "gaz": "gaz_mwh"})
    )
    energies.columns.name = None
    bilan = energies.join(qualite).reset_index()
    bilan["total_mwh"] = bilan["electricite_mwh"] + bilan["gaz_mwh"]
    infos = batiments[["batiment_id", "nom", "surface_m2"]]
    bilan = bilan.merge(infos, on="batiment_id", how="left")
    bilan["kwh_par_m2"] = bilan["total_mwh"] * 1000 / bilan["surface_m2"]
    bilan["mois_manquants"] = bilan["mois_manquants"].astype(int)
    bilan["mois_estimes"] = bilan["mois_estimes"].astype(int)
    bilan["complet"] = bilan["mois_manquants"] == 0
    colonnes = ["batiment_id", "nom", "annee", "electricite_mwh", "gaz_mwh", "total_mwh", "surface_m2",
                "kwh_par_m2", "mois_manquants", "mois_estimes", "complet"]
    return bilan[colonnes]


def lire_secteurs(fichier: str | Path | None = None) -> pd.DataFrame:
    """Commune consumption by sector (Agence ORE layout): masked values (`s`, `secret`) become NaN.

    Returns annee, filiere, secteur, conso_mwh, pdl, indqual, masque (True when under statistical
    secrecy). A masked value is unknown, not zero: sums over visible rows are lower bounds.
    """
    quoi = "de consommation par secteur"
    fichier = fichier or chemin("energie-secteurs")
    table = _lire_csv(fichier, quoi)
    if "libelle_grand_secteur" not in table.columns and "secteur" in table.columns:
        table["libelle_grand_secteur"] = table["secteur"]
    exiger_colonnes(table.columns, ["annee", "filiere", "libelle_grand_secteur", "conso", "pdl"], Path(fichier).name,
                    "energie-secteurs", conseil=CONSEIL_COLONNES)
    conso_texte = table["conso"].str.strip().str.lower()
    sortie = pd.DataFrame(
        {
            "annee": _nombres(table["annee"], "annee", quoi).astype("Int64"),
            "filiere": table["filiere"].str.strip().replace({"Electricité": "Électricité", "ELECTRICITE": "Électricité"}),
            "secteur": table["libelle_grand_secteur"].str.strip(),
            "conso_mwh": _nombres(table["conso"], "conso", quoi, MASQUES),
            "pdl": _nombres(table["pdl"], "pdl", quoi, MASQUES).astype("Int64"),
            "indqual": _nombres(table["indqual"], "indqual", quoi, MASQUES) if "indqual" in table.columns else np.nan,
            "masque": conso_texte.isin(MASQUES),
        }
    )
    sortie.attrs["notes"] = table.attrs.get("notes", []) + ([note_valeurs_masquees(
        table["conso"][sortie["masque"]], " de la colonne conso")] if sortie["masque"].any() else [])
    return sortie


def total_visible(secteurs: pd.DataFrame, annee: int, filiere: str) -> tuple[float, int]:
    """(sum of the visible sectors in MWh, number of masked sectors) for one year and one filière."""
    filiere = "Électricité" if filiere.lower().startswith(("e", "é")) else filiere
    lignes = secteurs[(secteurs["annee"] == annee) & (secteurs["filiere"] == filiere)]
    if lignes.empty:
        annees = sorted(secteurs["annee"].dropna().unique().tolist())
        raise ErreurDonnees(
            f"Aucune ligne pour {filiere} en {annee}. Années disponibles : {', '.join(map(str, annees))}."
        )
    return float(lignes["conso_mwh"].sum()), int(lignes["masque"].sum())


def phrase_total_visible(secteurs: pd.DataFrame, annee: int, filiere: str) -> str:
    """« Électricité 2023 : au moins 42 423 MWh (1 secteur masqué) », the sentence the workshop prints."""
    total, masques = total_visible(secteurs, annee, filiere)
    filiere = "Électricité" if filiere.lower().startswith(("e", "é")) else filiere
    if not masques:
        return f"{filiere} {annee} : {formater_entier(round(total))} MWh (aucun secteur masqué)"
    return f"{filiere} {annee} : au moins {formater_entier(round(total))} MWh ({pluriel(masques, 'secteur masqué')})"


# --- Weather: heating degree-days (DJU) --------------------------------------------------------
def lire_dju(fichier: str | Path | None = None) -> pd.DataFrame:
    """Yearly heating degree-days from a monthly DJU file (columns mois, dju, dju_normale).

    Returns one row per year: annee, dju (the year's total), dju_normale (the reference climate's
    total), nb_mois. A year without its twelve months is kept but flagged in ``attrs["notes"]``: its
    total is too low to correct a whole year with. The course's fictional file by default.
    """
    quoi = "des degrés-jours (DJU)"
    fichier = fichier or chemin("energie-dju")
    table = _lire_csv(fichier, quoi)
    exiger_colonnes(table.columns, ["mois", "dju", "dju_normale"], Path(fichier).name, "energie-dju",
                    conseil=CONSEIL_COLONNES)
    mois = _mois(table, quoi)
    mensuel = pd.DataFrame({
        "annee": mois.str[:4].astype(int),
        "dju": _nombres(table["dju"], "dju", quoi),
        "dju_normale": _nombres(table["dju_normale"], "dju_normale", quoi),
    })
    if mensuel[["dju", "dju_normale"]].isna().any().any():
        i = mensuel[["dju", "dju_normale"]].isna().any(axis=1).idxmax()
        raise ErreurDonnees(f"Degrés-jours vides à la ligne {i + 2} du fichier {quoi} : complétez la ligne ou "
                            "supprimez-la (le mois sera alors compté comme manquant).")
    annuel = mensuel.groupby("annee").agg(dju=("dju", "sum"), dju_normale=("dju_normale", "sum"),
                                          nb_mois=("dju", "size")).reset_index()
    incompletes = annuel[annuel["nb_mois"] < 12]
    annuel.attrs["notes"] = [
        f"{r.annee} n'a que {r.nb_mois} mois de degrés-jours : son total est trop bas pour corriger une année entière."
        for r in incompletes.itertuples()
    ]
    return annuel


def corriger_climat(conso, dju, dju_reference, part_chauffage: float = 1.0):
    """Consumption brought back to the reference climate: the heating share scaled by DJU_ref / DJU.

    ``conso × (part_chauffage × dju_reference / dju + 1 − part_chauffage)``: only heating depends on
    the weather (hot water or cooking do not). Works on numbers or aligned pandas Series. A colder
    year than the reference (dju > dju_reference) is corrected downwards, a milder one upwards.
    """
    if not 0 <= part_chauffage <= 1:
        raise ErreurDonnees(
            f"Part du chauffage de {part_chauffage} : c'est une part de la consommation, entre 0 (rien ne sert au "
            "chauffage) et 1 (tout sert au chauffage). Par exemple 0,9 si 90 % du gaz sert à chauffer."
        )
    for nom, valeur in (("de l'année", dju), ("de référence", dju_reference)):
        if np.any(np.asarray(valeur, dtype=float) <= 0):
            raise ErreurDonnees(
                f"Degrés-jours {nom} nuls ou négatifs : on ne peut pas corriger du climat une période sans besoin "
                "de chauffage. Vérifiez que ce sont bien les degrés-jours de l'année entière (base 18 °C)."
            )
    return conso * (part_chauffage * dju_reference / dju + 1 - part_chauffage)


# --- The dashboard: one building, one year, compared with the previous year -----------------------
def _normaliser(texte: str) -> str:
    t = unicodedata.normalize("NFKD", str(texte)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", t).strip()


def _trouver_batiment(batiments: pd.DataFrame, batiment: str) -> pd.Series:
    cle = _normaliser(batiment)
    for _, b in batiments.iterrows():
        if cle in (_normaliser(b["batiment_id"]), _normaliser(b["nom"])):
            return b
    raise ErreurDonnees(
        f"Bâtiment « {batiment} » inconnu. Bâtiments disponibles : {', '.join(batiments['nom'])}."
    )


class _Vues:
    """Precomputed tables for drawing many (building, year) views quickly."""

    def __init__(self, releves: pd.DataFrame, batiments: pd.DataFrame):
        self.batiments = batiments
        self.complet = completer_mois(releves)
        self.bilan = bilan_annuel(releves, batiments).set_index(["batiment_id", "annee"]).sort_index()

    def _donnees(self, batiment: str, annee: int):
        b = _trouver_batiment(self.batiments, batiment)
        ici = self.complet[self.complet["batiment_id"] == b["batiment_id"]]
        annees = sorted(ici["annee"].unique())
        if annee not in annees:
            raise ErreurDonnees(
                f"Pas de relevés pour {b['nom']} en {annee}. "
                f"Années disponibles : {', '.join(map(str, annees)) or 'aucune'}."
            )
        return b, ici

    def figure(self, batiment: str, annee: int):
        import matplotlib.pyplot as plt

        from donnees_en_main.affichage.graphiques import BLEU, GRIS, ORANGE, appliquer_style, format_axe_fr

        appliquer_style()
        b, ici = self._donnees(batiment, annee)
        energies = [e for e in ("électricité", "gaz") if e in set(ici["energie"])]
        fig, axes = plt.subplots(len(energies), 1, figsize=(LARGEUR_POUCES, 2.5 * len(energies) + 0.9), sharex=True,
                                 squeeze=False)
        x = np.arange(1, 13)
        for ax, energie in zip(axes[:, 0], energies):
            maxi = 0.0
            for an, couleur, style, marque in ((annee - 1, ORANGE, "--", "s"), (annee, BLEU, "-", "o")):
                d = ici[(ici["energie"] == energie) & (ici["annee"] == an)].set_index("num_mois").reindex(x)
                if d["type_releve"].isna().all():
                    continue
                y = d["consommation_kwh"] / 1000
                maxi = max(maxi, float(np.nanmax(y.to_numpy())) if y.notna().any() else 0.0)
                ax.plot(x, y, style, color=couleur, marker=marque, label=str(an), linewidth=2.2 if an == annee else 1.5)
                estimes = (d["type_releve"] == "estimé").to_numpy()
                if estimes.any():
                    ax.plot(x[estimes], y[estimes], linestyle="none", marker=marque, markersize=11,
                            markerfacecolor="white", markeredgecolor=couleur, markeredgewidth=2,
                            label=f"{an} : estimé")
                if an == annee:
                    manquants = x[(d["type_releve"] == "manquant").to_numpy()]
                    for groupe in np.split(manquants, np.where(np.diff(manquants) > 1)[0] + 1):
                        if len(groupe):
                            ax.axvspan(groupe[0] - 0.5, groupe[-1] + 0.5, color=GRIS, alpha=0.2, linewidth=0)
                            ax.text(groupe.mean(), 0.5, "relevé manquant" if len(groupe) == 1 else "relevés\nmanquants",
                                    transform=ax.get_xaxis_transform(), ha="center", va="center", fontsize=9)
            ax.set_ylabel(f"{energie.capitalize()}\n(MWh par mois)")
            ax.set_ylim(bottom=0)
            ax.yaxis.set_major_formatter(format_axe_fr(1 if maxi < 5 else 0))
            ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=4, fontsize=9, borderaxespad=0.2)
        axes[-1, 0].set_xticks(x, NOMS_MOIS)
        fig.suptitle(f"{b['nom']} : chaque mois de {annee}, comparé à {annee - 1}", fontsize=12, fontweight="bold")
        # Fixed margins (inches), much faster than an automatic layout when drawing many views.
        hauteur = fig.get_figheight()
        fig.subplots_adjust(left=0.12, right=0.98, bottom=0.45 / hauteur, top=1 - 0.75 / hauteur, hspace=0.45)
        return fig

    def resume(self, batiment: str, annee: int) -> str:
        from donnees_en_main.affichage.graphiques import nombre_fr, pourcent_fr

        b, _ici = self._donnees(batiment, annee)
        lignes = self.bilan.loc[b["batiment_id"]]
        cette = lignes.loc[annee]
        texte = f"<b>{html.escape(b['nom'])}, {annee}</b> : {nombre_fr(cette.total_mwh, 0)} MWh"
        if annee - 1 in lignes.index:
            avant = lignes.loc[annee - 1]
            evolution = (cette.total_mwh / avant.total_mwh - 1) * 100
            signe = "+" if evolution > 0 else "−"
            texte += (f" contre {nombre_fr(avant.total_mwh, 0)} MWh en {annee - 1} "
                      f"({signe}{pourcent_fr(abs(evolution), 0)}).")
        else:
            texte += "."
        if pd.notna(cette.kwh_par_m2):
            texte += f" Soit {nombre_fr(cette.kwh_par_m2, 0)} kWh par m² de plancher."
        alertes = []
        for an in (annee - 1, annee):
            if an not in lignes.index:
                continue
            if lignes.loc[an].mois_manquants:
                n = int(lignes.loc[an].mois_manquants)
                alertes.append(f"⚠ Attention : {n} mois sans relevé en {an}. Le total de {an} est incomplet : "
                               "la comparaison n'est pas fiable.")
            if lignes.loc[an].mois_estimes:
                n = int(lignes.loc[an].mois_estimes)
                alertes.append(f"À noter : en {an}, {n} mois {'ont été estimés' if n > 1 else 'a été estimé'} "
                               "par le fournisseur ; le relevé réel suivant rattrape l'écart.")
        if alertes:
            texte += "<br>" + "<br>".join(alertes)
        return f'<p style="margin:0.3em 0">{texte}</p>'


def figure_mois(releves: pd.DataFrame, batiments: pd.DataFrame, batiment: str, annee: int):
    """Monthly curve of a building in `annee` and `annee - 1`, one panel per energy (MWh).

    Missing months are shaded and labelled, estimated readings drawn with hollow markers: the
    information never relies on colour alone. Returns the matplotlib Figure.
    """
    return _Vues(releves, batiments).figure(batiment, annee)


def resume_mois(releves: pd.DataFrame, batiments: pd.DataFrame, batiment: str, annee: int) -> str:
    """A French sentence (HTML) summing up the year against the previous one, with its warnings."""
    return _Vues(releves, batiments).resume(batiment, annee)


def tableau_de_bord(releves: pd.DataFrame | None = None, batiments: pd.DataFrame | None = None, *,
                    statique: bool = False, annees: list[int] | None = None):
    """Choose a building and a year: see the monthly curve against the previous year, and a summary.

    ``statique=False`` (notebooks): redrawn on each choice by the Python kernel.
    ``statique=True`` (the book, read without a kernel): every combination is drawn in advance and
    the menus switch between them in the browser, so the page stays interactive once published.
    """
    import ipywidgets as widgets

    from donnees_en_main.affichage.graphiques import figure_en_png, image_html

    batiments = charger_batiments() if batiments is None else batiments
    releves = charger_releves() if releves is None else releves
    presents = set(releves["batiment_id"])
    choix_bat = [(n, i) for i, n in zip(batiments["batiment_id"], batiments["nom"]) if i in presents]
    if annees is None:
        toutes = sorted(releves["annee"].unique())
        annees = [a for a in toutes if a - 1 in toutes] or toutes
    menu_bat = widgets.Dropdown(options=choix_bat, value=choix_bat[0][1], description="Bâtiment :",
                                style={"description_width": "initial"}, layout=widgets.Layout(width="22em"))
    menu_an = widgets.Dropdown(options=[(str(a), a) for a in annees], value=annees[-1], description="Année :",
                               style={"description_width": "initial"}, layout=widgets.Layout(width="10em"))
    menus = widgets.HBox([menu_bat, menu_an])

    vues = _Vues(releves, batiments)

    def vue(ident: str, annee: int):
        # Natural size on a wide screen, shrunk to the column on a phone (no fixed width).
        image = widgets.Image(value=figure_en_png(vues.figure(ident, annee), DPI), format="png",
                              layout=widgets.Layout(max_width="100%", height="auto"))
        return image, widgets.HTML(vues.resume(ident, annee))

    def vue_statique(ident: str, annee: int):
        # An <img> with its text alternative (an ipywidgets Image cannot carry one).
        resume = vues.resume(ident, annee)
        alt = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", resume)).split())
        return widgets.HTML(image_html(figure_en_png(vues.figure(ident, annee), DPI), alt) + resume)

    if statique:
        return vues_par_choix([menu_bat, menu_an], vue_statique, index_initial=[0, len(annees) - 1])

    image, resume = vue(menu_bat.value, menu_an.value)

    def mettre_a_jour(_changement=None):
        image.value = figure_en_png(vues.figure(menu_bat.value, menu_an.value), DPI)
        resume.value = vues.resume(menu_bat.value, menu_an.value)

    menu_bat.observe(mettre_a_jour, names="value")
    menu_an.observe(mettre_a_jour, names="value")
    boite = widgets.VBox([menus, image, resume])
    boite.menus = (menu_bat, menu_an)  # handy for tests and trainers
    return boite


# --- Agence ORE / SDES files of your commune (added for « Votre commune ») ------------------------
# The real publications change from one edition to the next: one row per sector or one column per
# sector (« agrégée commune »), headers as codes (conso, pdl…) or as French labels (« Consommation
# Agriculture (MWh) »), sometimes both (two header rows), accents damaged into « ? » (« Nom de
# l'op?rateur »). Everything below only adds to this module.
_SECTEURS_ORE = {  # tidy code -> (label, file codes, words of the labels)
    "A": ("Agriculture", ("a",), ("agriculture",)),
    "I": ("Industrie", ("i",), ("industrie",)),
    "T": ("Tertiaire", ("t",), ("tertiaire",)),
    "R": ("Résidentiel", ("r",), ("residentiel",)),
    "X": ("Non affecté", ("na", "x"), ("nonaffecte", "inconnu", "secteurnonaffecte")),
}
_COLONNES_ORE = {  # tidy name -> header keys (lower case, no accent, letters and digits only)
    "annee": ("annee",),
    "filiere": ("filiere", "energie"),
    "operateur": ("operateur", "nomdeloperateur", "nomoperateur"),
    "code_commune": ("codecommune", "codeinsee", "codeinseecommune", "codeinseedelacommune", "codedelacommune"),
    "code_iris": ("codeiris", "iris", "iriscode", "codedeliriscodedelazone", "codeirisdelazone"),
    "libelle_commune": ("libellecommune", "libelledelacommune", "nomdelacommune", "nomcommune", "commune"),
    "code_secteur": ("codegrandsecteur", "codesecteur", "codecategorieconsommation"),
    "secteur": ("libellegrandsecteur", "grandsecteur", "secteur", "libellesecteur", "secteurdactivite",
                "categorieconsommation"),
    "conso": ("conso", "consommation", "consommationmwh", "consommationannuellemwh", "consommationenmwh",
              "consommationkwh", "consommationenkwh"),
    "pdl": ("pdl", "nombredepoints", "nombredepointsdelivraison", "nbpdl", "nombredepdl"),
    "indqual": ("indqual", "indicequalite", "indicedequalite"),
}
COLONNES_ORE = ["annee", "filiere", "operateur", "code_commune", "libelle_commune", "code_secteur", "secteur",
                "conso_mwh", "pdl", "indqual", "masque"]


_cle_ore = cle_entete  # header key: no accent, lower case, letters, digits and « ? » (a damaged accent)


def _cles_larges() -> dict[str, tuple[str, str]]:
    """Keys of the « one column per sector » layout -> (tidy measure, sector code)."""
    cles = {}
    for code, (_, codes, mots) in _SECTEURS_ORE.items():
        for c in codes:
            cles[f"conso{c}"] = ("conso", code)
            cles[f"pdl{c}"] = ("pdl", code)
            cles[f"indqual{c}"] = ("indqual", code)
        for mot in mots:
            for modele in ("consommation{m}mwh", "consommation{m}", "consommation{m}kwh", "conso{m}"):
                cles[modele.format(m=mot)] = ("conso", code)
            for modele in ("nombredepoints{m}", "nombredepointsdelivraison{m}", "pdl{m}", "nombredepdl{m}"):
                cles[modele.format(m=mot)] = ("pdl", code)
            for modele in ("indicequalite{m}", "indicedequalite{m}", "indqual{m}"):
                cles[modele.format(m=mot)] = ("indqual", code)
    return cles


def _reconnaitre(cle: str, connues) -> str | None:
    """The known key a header key stands for; « ? » matches any one letter (op?rateur = opérateur)."""
    if cle in connues:
        return cle
    if "?" in cle:
        motif = re.compile("".join("." if c == "?" else re.escape(c) for c in cle))
        return next((k for k in connues if motif.fullmatch(k)), None)
    return None


def _roles_entete(entete: list[str]) -> dict[int, tuple]:
    """Column index -> ("colonne", tidy name) or ("large", measure, sector code)."""
    simples = {k: nom for nom, cles in _COLONNES_ORE.items() for k in cles}
    larges = _cles_larges()
    roles: dict[int, tuple] = {}
    pris: set = set()
    for i, titre in enumerate(entete):
        cle = _cle_ore(titre)
        k = _reconnaitre(cle, larges)
        if k is not None and ("large", *larges[k]) not in pris:
            roles[i] = ("large", *larges[k])
        else:
            k = _reconnaitre(cle, simples)
            if k is not None and ("colonne", simples[k]) not in pris:
                roles[i] = ("colonne", simples[k])
        if i in roles:
            pris.add(roles[i])
    return roles


def _valeur_reparee(texte: str, connues: dict[str, str]) -> str:
    """A label with damaged accents (« R?sidentiel ») -> the right label, else the text unchanged."""
    cle = _cle_ore(texte)
    k = _reconnaitre(cle, connues)
    return connues[k] if k is not None else texte.strip()


def lire_consommations_ore(chemin_fichier: str | Path | None = None, *, code_insee: str | None = None) -> pd.DataFrame:
    """Yearly electricity and gas consumption of a commune by sector, as Agence ORE / SDES publish it.

    Reads every edition met in the wild and returns one tidy table, one row per year x filière x
    commune x sector, columns ``COLONNES_ORE``:

    - ``annee`` (Int64), ``filiere`` (« Électricité » or « Gaz »), ``operateur``, ``code_commune``
      (text, 5 characters), ``libelle_commune``;
    - ``code_secteur`` (A, I, T, R, X) and ``secteur`` (Agriculture, Industrie, Tertiaire,
      Résidentiel, Non affecté);
    - ``conso_mwh`` (float, MWh; a file in kWh is converted), ``pdl`` (delivery points, Int64),
      ``indqual`` (share actually measured, 0–1);
    - ``masque``: True when the value is hidden by statistical secrecy (« s », « secret ») — then
      ``conso_mwh`` is NaN: unknown, not zero.

    Accepted: ``;`` or ``,``, UTF-8 or Windows encodings, decimal commas, one row per sector or one
    column per sector (``consoa``, ``pdla``… or « Consommation Agriculture (MWh) »…), two header rows
    (French labels, then codes), renamed or reordered columns, accents damaged into « ? ».
    ``code_insee`` keeps one commune of a national file. Without a path, reads the course's fictional
    file. The French notes on what was recognised are in ``attrs["notes"]``; a file that cannot be
    read raises ``ErreurDonnees`` saying which column or line is wrong and how to fix it.
    """
    import csv

    fichier = Path(chemin_fichier) if chemin_fichier is not None else chemin("energie-secteurs")
    quoi = f"de consommation par secteur « {fichier.name} »"
    format_ = detecter_format(fichier)
    notes = [n for n in format_.notes if n.startswith("Encodage") and "comme recommandé" not in n]
    lignes = [l for l in csv.reader(io.StringIO(format_.texte), delimiter=format_.separateur or ",")]
    numeros = [i + 1 for i, l in enumerate(lignes) if any(c.strip() for c in l)]
    lignes = [l for l in lignes if any(c.strip() for c in l)]
    if not lignes:
        raise ErreurDonnees(f"Le fichier {quoi} est vide.")
    entete = [c.strip() for c in lignes[0]]
    roles = _roles_entete(entete)
    debut_donnees = 1
    # A second header row (codes under the labels): the rule every reader shares (donnees.est_ligne_de_codes).
    if len(lignes) > 1 and est_ligne_de_codes(entete, lignes[1], lignes[2:52]):
        seconde = _roles_entete([c.strip() for c in lignes[1]])
        notes.append(
            note_ligne_de_codes([c.strip() for c in lignes[1]], numeros[1], numeros[2] if len(numeros) > 2 else None)
            + " Les libellés et les codes ont servi, ensemble, à reconnaître les colonnes."
        )
        for i, role in seconde.items():
            if role not in roles.values():
                roles[i] = role
        debut_donnees = 2
    abimes = [t for t in entete if "?" in t or "\ufffd" in t]
    if abimes:
        notes.append(
            "Accents abîmés dans l'en-tête (" + ", ".join(f"« {t} »" for t in abimes[:3]) + ") : le fichier a été "
            "enregistré dans un autre encodage que celui de sa création ; les colonnes ont été reconnues malgré tout."
        )
    colonnes = {r[1]: i for i, r in roles.items() if r[0] == "colonne"}
    larges = {(r[1], r[2]): i for i, r in roles.items() if r[0] == "large"}
    format_large = any(m == "conso" for m, _ in larges)
    manquantes = [c for c in ("annee", "filiere") if c not in colonnes]
    if not format_large and "conso" not in colonnes:
        manquantes.append("conso")
    if manquantes:
        noms = {"annee": "annee (Année)", "filiere": "filiere (Filière : électricité ou gaz)",
                "conso": "conso (Consommation en MWh), ou une colonne par secteur (consoa, consoi… ou "
                         "« Consommation Agriculture (MWh) »…)"}
        raise ErreurDonnees(
            f"Le fichier {quoi} n'a pas {'la colonne' if len(manquantes) == 1 else 'les colonnes'} "
            + ", ".join(f"« {noms[c]} »" for c in manquantes)
            + ". Colonnes trouvées : " + ", ".join(f"« {t} »" for t in entete[:12]) + ("…" if len(entete) > 12 else ".")
            + ressemble(entete, sauf="lire_consommations_ore") + " Vérifiez que c'est bien "
            "le fichier de l'Agence ORE « consommation annuelle d'électricité et de gaz par commune et par secteur "
            "d'activité », et renommez au besoin la colonne correspondante dans votre tableur."
        )
    if not format_large and "secteur" not in colonnes and "code_secteur" not in colonnes:
        raise ErreurDonnees(
            f"Le fichier {quoi} a une colonne de consommation mais pas de colonne de secteur "
            "(« libelle_grand_secteur », « code_grand_secteur » ou « secteur ») : on ne sait pas à quel secteur "
            "(résidentiel, tertiaire…) chaque ligne se rapporte. Ajoutez cette colonne ou reprenez le fichier d'origine."
        )
    donnees = lignes[debut_donnees:]
    index = [n - 2 for n in numeros[debut_donnees:]]  # _nombres says « ligne i + 2 »
    if not donnees:
        raise ErreurDonnees(f"Le fichier {quoi} n'a que sa ligne d'en-tête, aucune donnée.")
    largeur = len(entete)
    trop_courtes = [numeros[debut_donnees + k] for k, l in enumerate(donnees) if len(l) < max(roles) + 1]
    if trop_courtes:
        raise ErreurDonnees(
            f"Dans le fichier {quoi}, la ligne {trop_courtes[0]} a moins de cellules que l'en-tête n'a de colonnes "
            f"({largeur}) : elle est coupée, ou le séparateur n'est pas le même que sur la première ligne."
        )
    table = pd.DataFrame([l[: max(largeur, max(roles) + 1)] for l in donnees], index=index, dtype=str).fillna("")
    # The header again (two exports pasted) or a « Total » row: not data, by the rule every reader shares.
    nommee = table.set_axis([entete[j] if j < largeur else f"colonne {j + 1}" for j in table.columns], axis=1)
    hors, notes_hors = lignes_hors_donnees(nommee, numeros[debut_donnees:])
    if hors.any():
        table = table[~hors.to_numpy()]
        notes += notes_hors
        if table.empty:
            raise ErreurDonnees(f"Le fichier {quoi} n'a que sa ligne d'en-tête, aucune donnée.")

    def colonne(nom: str) -> pd.Series:
        return table[colonnes[nom]].str.strip() if nom in colonnes else pd.Series("", index=table.index, dtype=str)

    communs = pd.DataFrame({
        "annee": _nombres(colonne("annee"), entete[colonnes["annee"]], quoi).astype("Int64"),
        "filiere": colonne("filiere"),
        "operateur": colonne("operateur"),
        "libelle_commune": colonne("libelle_commune"),
    }, index=table.index)
    communs["code_commune"], n = codes_communes.normaliser_serie(colonne("code_commune"))
    maille_iris = "code_iris" in colonnes and "code_commune" not in colonnes
    if maille_iris:  # SDES files at IRIS level: the IRIS code starts with its commune's code
        iris = colonne("code_iris")
        try:
            communs["code_commune"] = iris.map(codes_communes.commune_de_iris)
        except ErreurDonnees as exc:
            raise ErreurDonnees(f"Dans le fichier {quoi}, colonne « {entete[colonnes['code_iris']]} » : {exc}") from None
        n_iris = iris.nunique()
    communs = communs[["annee", "filiere", "operateur", "code_commune", "libelle_commune"]]
    if n:
        notes.append(f"Codes INSEE à 4 chiffres complétés par le zéro initial perdu ({n} ligne{'s' if n > 1 else ''}).")
    filieres = {"electricite": "Électricité", "elec": "Électricité", "e": "Électricité", "gaz": "Gaz", "g": "Gaz",
                "gaznaturel": "Gaz", "c": "Chaleur", "chaleur": "Chaleur", "f": "Froid", "froid": "Froid"}
    communs["filiere"] = communs["filiere"].map(lambda v: _valeur_reparee(v, filieres))
    kwh = False
    mots_masques: list[tuple] = []  # (row, word as written)

    def mesure(serie: pd.Series, titre: str, est_conso: bool):
        nonlocal kwh
        texte = serie.str.strip()
        valeurs = _nombres(texte, titre, quoi, MASQUES)
        masque = texte.str.lower().isin(MASQUES)
        if est_conso:
            mots_masques.extend(texte[masque].items())
        if est_conso and "kwh" in _cle_ore(titre):
            valeurs, kwh = valeurs / 1000, True
        return valeurs, masque

    morceaux = []
    if format_large:
        for code, (libelle, _, _) in _SECTEURS_ORE.items():
            if ("conso", code) not in larges:
                continue
            i = larges[("conso", code)]
            conso, masque = mesure(table[i], entete[i] or f"conso{code.lower()}", True)
            bloc = communs.copy()
            bloc["code_secteur"], bloc["secteur"] = code, libelle
            bloc["conso_mwh"], bloc["masque"] = conso, masque
            for m in ("pdl", "indqual"):
                j = larges.get((m, code))
                bloc[m] = _nombres(table[j], entete[j] or m, quoi, MASQUES) if j is not None else np.nan
            morceaux.append(bloc)
        notes.append(
            "Une colonne par secteur (format « agrégé par commune ») : remis en une ligne par secteur "
            f"({', '.join(b['secteur'].iloc[0] for b in morceaux)})."
        )
        sortie = pd.concat(morceaux).sort_index(kind="stable")
    else:
        sortie = communs.copy()
        libelles = {_cle_ore(l): l for l, _, _ in _SECTEURS_ORE.values()}
        libelles |= {_cle_ore(m): l for l, _, mots in _SECTEURS_ORE.values() for m in mots}
        codes = {c.lower(): code for code, (_, cs, _) in _SECTEURS_ORE.items() for c in (code, *cs)}
        noms_par_code = {code: l for code, (l, _, _) in _SECTEURS_ORE.items()}
        secteur = colonne("secteur").map(lambda v: _valeur_reparee(v, libelles))
        code_s = colonne("code_secteur").str.lower().map(codes)
        code_par_nom = {l: code for code, (l, _, _) in _SECTEURS_ORE.items()}
        sortie["code_secteur"] = code_s.fillna(secteur.map(code_par_nom)).fillna(colonne("code_secteur"))
        sortie["secteur"] = secteur.where(secteur != "", sortie["code_secteur"].map(noms_par_code)).fillna("")
        i = colonnes["conso"]
        sortie["conso_mwh"], sortie["masque"] = mesure(table[i], entete[i], True)
        for m in ("pdl", "indqual"):
            sortie[m] = _nombres(table[colonnes[m]], entete[colonnes[m]], quoi, MASQUES) if m in colonnes else np.nan
    if kwh:
        notes.append("Consommations en kWh dans le fichier : converties en MWh (÷ 1 000).")
    sortie["pdl"] = pd.to_numeric(sortie["pdl"]).round().astype("Int64")
    sortie["indqual"] = pd.to_numeric(sortie["indqual"]).astype(float)
    sortie["masque"] = sortie["masque"].astype(bool)
    inconnues = sorted(set(sortie["filiere"]) - {"Électricité", "Gaz", "Chaleur", "Froid"})
    if inconnues:
        notes.append("Filière non reconnue, laissée telle quelle : " + ", ".join(f"« {f} »" for f in inconnues) + ".")
    if code_insee is not None:
        code = codes_communes.exiger(code_insee)
        if "code_commune" not in colonnes and not maille_iris:
            raise ErreurDonnees(f"Le fichier {quoi} n'a pas de colonne « code_commune » : impossible d'y choisir la commune {code}.")
        des_arrondissements = sortie["code_commune"].isin(codes_communes.arrondissements(code))
        if des_arrondissements.any():
            notes.append(codes_communes.note_arrondissements(code, sortie.loc[des_arrondissements, "code_commune"],
                                                             (sortie["code_commune"] == code).any()))
            sortie = sortie.assign(code_commune=sortie["code_commune"].mask(des_arrondissements, code))
        autres = sortie.loc[sortie["code_commune"] != code, "code_commune"].nunique()
        sortie = sortie[sortie["code_commune"] == code]
        if autres and not sortie.empty:  # (a row here is a line × sector of a wide file: no count of lines)
            notes.append(codes_communes.note_communes_ecartees(code, autres))
        if sortie.empty:
            raise ErreurDonnees(
                f"Aucune ligne pour la commune {code} dans le fichier {quoi}. Vérifiez le code INSEE (ce n'est pas "
                "le code postal) ; une commune fusionnée récemment peut apparaître sous ses anciens codes."
            )
    gardees = set(sortie.index)
    mots = [m for i, m in mots_masques if i in gardees]
    masques = len(mots)
    if maille_iris:
        cles = ["annee", "filiere", "operateur", "code_commune", "code_secteur", "secteur"]
        sortie = sortie.assign(libelle_commune="").groupby(cles, sort=False, dropna=False).agg(
            libelle_commune=("libelle_commune", "first"),
            conso_mwh=("conso_mwh", lambda v: v.sum(min_count=1)),
            pdl=("pdl", lambda v: v.sum(min_count=1)),
            indqual=("indqual", "mean"),
            masque=("masque", "any"),
        ).reset_index()
        sortie["pdl"] = pd.to_numeric(sortie["pdl"]).round().astype("Int64")
        combien = (f"{iris[iris.index.isin(gardees)].nunique()} IRIS de la commune {code}, sur {n_iris} dans le fichier"
                   if code_insee is not None else f"{n_iris} IRIS")
        notes.append(
            f"Fichier à la maille IRIS ({combien}) : les consommations ont été additionnées par commune (un code "
            "IRIS commence par le code INSEE de sa commune) ; une commune dont une partie des valeurs est masquée "
            "(colonne masque) n'a qu'un total minimum, inconnu si toutes le sont."
        )
    if masques:
        from collections import Counter

        gardes = Counter(mots)
        liste = ", ".join(f"« {m} » ({k})" for m, k in gardes.most_common(5))
        notes.append(
            f"Secret statistique : {masques} valeur{'s' if masques > 1 else ''} masquée{'s' if masques > 1 else ''} "
            f"({liste} dans le fichier : secret statistique quand il y a trop peu de points de livraison, « nd » pour "
            "non disponible) ; elles sont inconnues (NaN), pas nulles : une somme des valeurs visibles est un minimum."
        )
    sortie = sortie[COLONNES_ORE].reset_index(drop=True)
    sortie.attrs["notes"] = notes
    sortie.attrs["fichier"] = fichier.name
    return sortie


__all__ += ["COLONNES_ORE", "lire_consommations_ore"]
