"""Energy chapter helpers: read meter exports in any unit, check their gaps, compare buildings fairly.

    from donnees_en_main import energie
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

from donnees_en_main.donnees import ErreurDonnees, chemin, detecter_format

__all__ = [
    "UNITES_EN_KWH",
    "charger_batiments",
    "lire_releves",
    "charger_releves",
    "completer_mois",
    "bilan_annuel",
    "lire_secteurs",
    "total_visible",
    "figure_mois",
    "resume_mois",
    "tableau_de_bord",
]

# How many kWh in one unit. kW / MW are powers, not energies: refused with an explanation.
UNITES_EN_KWH = {"wh": 0.001, "kwh": 1.0, "mwh": 1000.0, "gwh": 1_000_000.0}
NOMS_UNITES = {"wh": "Wh", "kwh": "kWh", "mwh": "MWh", "gwh": "GWh"}
MASQUES = {"s", "secret", "secret statistique"}
LARGEUR_POUCES, DPI = 7.5, 96  # dashboard images: 720 pixels wide
NOMS_MOIS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
COLONNES_RELEVES = ["batiment_id", "mois", "consommation", "unite", "type_releve"]


# --- Reading -----------------------------------------------------------------------------------
def _lire_csv(fichier: str | Path, quoi: str) -> pd.DataFrame:
    """Read a CSV as text (encoding and separator detected), lower-case column names."""
    format_ = detecter_format(fichier)  # French errors: missing, empty, not a CSV…
    table = pd.read_csv(io.StringIO(format_.texte), sep=format_.separateur or ",", dtype=str, keep_default_na=False)
    table.columns = [str(c).strip().lower() for c in table.columns]
    if table.empty:
        raise ErreurDonnees(f"Le fichier {quoi} ({Path(fichier).name}) n'a que sa ligne d'en-tête, aucune donnée.")
    return table


def _exiger_colonnes(table: pd.DataFrame, colonnes: list[str], quoi: str) -> None:
    manquantes = [c for c in colonnes if c not in table.columns]
    if manquantes:
        raise ErreurDonnees(
            f"Il manque {'la colonne' if len(manquantes) == 1 else 'les colonnes'} "
            f"{', '.join('« ' + c + ' »' for c in manquantes)} dans le fichier {quoi}. "
            f"Colonnes trouvées : {', '.join(table.columns)}. Renommez la colonne correspondante "
            "dans votre tableur, ou vérifiez que le séparateur est bien la virgule ou le point-virgule."
        )


def _nombres(valeurs: pd.Series, colonne: str, quoi: str, masques: set[str] = frozenset()) -> pd.Series:
    """Text -> float, accepting '1 234,5'; masked words -> NaN; anything else -> French error."""
    texte = valeurs.astype(str).str.strip()
    propre = texte.str.replace("\u202f", "").str.replace("\u00a0", "").str.replace(" ", "").str.replace(",", ".")
    nombres = pd.to_numeric(propre, errors="coerce")
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
    _exiger_colonnes(table, ["batiment_id", "nom", "surface_m2"], "des bâtiments")
    table["batiment_id"] = table["batiment_id"].str.strip()
    doublons = table["batiment_id"][table["batiment_id"].duplicated()]
    if len(doublons):
        raise ErreurDonnees(
            f"Le bâtiment « {doublons.iloc[0]} » apparaît deux fois dans le fichier des bâtiments : "
            "chaque identifiant doit être unique."
        )
    table["surface_m2"] = _nombres(table["surface_m2"], "surface_m2", "des bâtiments")
    if "annee_construction" in table.columns:
        table["annee_construction"] = _nombres(table["annee_construction"], "annee_construction", "des bâtiments").astype("Int64")
    return table


def lire_releves(fichier: str | Path, energie: str) -> pd.DataFrame:
    """One supplier export (one row per building and month), converted to kWh whatever its unit.

    Returns columns batiment_id, energie, mois ('AAAA-MM'), annee, num_mois, consommation_kwh,
    type_releve. Accepts `,` or `;`, decimal commas, units Wh / kWh / MWh / GWh (any case).
    """
    quoi = f"des relevés ({energie})"
    table = _lire_csv(fichier, quoi)
    _exiger_colonnes(table, COLONNES_RELEVES, quoi)
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
    mois = table["mois"].str.strip()
    mauvais = ~mois.str.fullmatch(r"\d{4}-(0[1-9]|1[0-2])")
    if mauvais.any():
        i = mauvais.idxmax()
        raise ErreurDonnees(
            f"Mois « {mois[i]} » à la ligne {i + 2} du fichier {quoi} : on attend l'année puis le mois, "
            "au format AAAA-MM (par exemple 2023-01 pour janvier 2023)."
        )
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
    )
    doublons = sortie.duplicated(["batiment_id", "mois"])
    if doublons.any():
        r = sortie[doublons].iloc[0]
        raise ErreurDonnees(
            f"Le bâtiment « {r.batiment_id} » a deux relevés pour le mois {r.mois} dans le fichier {quoi} : "
            "gardez-en un seul (ou additionnez-les s'il s'agit de deux compteurs)."
        )
    return sortie


def charger_releves(electricite: str | Path | None = None, gaz: str | Path | None = None) -> pd.DataFrame:
    """Electricity (kWh file) and gas (MWh file) stacked in one table, all in kWh."""
    elec = lire_releves(electricite or chemin("energie-releves-electricite"), "électricité")
    gaz_ = lire_releves(gaz or chemin("energie-releves-gaz"), "gaz")
    return pd.concat([elec, gaz_], ignore_index=True)


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

    A year with missing months is flagged (complet = False): its total is too low, not comparable.
    """
    complet = completer_mois(releves)
    par_mois = complet.groupby(["batiment_id", "annee", "num_mois"]).agg(
        manquant=("type_releve", lambda s: (s == "manquant").any()),
        estime=("type_releve", lambda s: (s == "estimé").any()),
    )
    qualite = par_mois.groupby(["batiment_id", "annee"]).agg(
        mois_manquants=("manquant", "sum"), mois_estimes=("estime", "sum")
    )
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
    table = _lire_csv(fichier or chemin("energie-secteurs"), quoi)
    if "libelle_grand_secteur" not in table.columns and "secteur" in table.columns:
        table["libelle_grand_secteur"] = table["secteur"]
    _exiger_colonnes(table, ["annee", "filiere", "libelle_grand_secteur", "conso", "pdl"], quoi)
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

        from donnees_en_main.graphiques import BLEU, GRIS, ORANGE, appliquer_style, format_axe_fr

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
        from donnees_en_main.graphiques import nombre_fr, pourcent_fr

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
                alertes.append(f"ⓘ {n} mois estimé{'s' if n > 1 else ''} par le fournisseur en {an} : "
                               "le relevé réel suivant rattrape l'écart.")
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


def _png(fig) -> bytes:
    """The figure as a small PNG (32-colour palette: a quarter of the size, same look)."""
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    fig.set_dpi(DPI)
    toile = FigureCanvasAgg(fig)
    toile.draw()
    image = Image.frombuffer("RGBA", toile.get_width_height(), toile.buffer_rgba(), "raw", "RGBA", 0, 1)
    plt.close(fig)
    sortie = io.BytesIO()
    image.convert("RGB").quantize(colors=32, method=Image.Quantize.FASTOCTREE).save(sortie, format="PNG")
    return sortie.getvalue()


def tableau_de_bord(releves: pd.DataFrame | None = None, batiments: pd.DataFrame | None = None, *,
                    statique: bool = False, annees: list[int] | None = None):
    """Choose a building and a year: see the monthly curve against the previous year, and a summary.

    ``statique=False`` (notebooks): redrawn on each choice by the Python kernel.
    ``statique=True`` (the book, read without a kernel): every combination is drawn in advance and
    the menus switch between them in the browser, so the page stays interactive once published.
    """
    import ipywidgets as widgets

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
        image = widgets.Image(value=_png(vues.figure(ident, annee)), format="png",
                              layout=widgets.Layout(width=f"{LARGEUR_POUCES * DPI:.0f}px", max_width="100%",
                                                    height="auto"))
        return image, widgets.HTML(vues.resume(ident, annee))

    if statique:
        pages = []
        for ident, _nom in ((i, n) for n, i in choix_bat):
            par_annee = widgets.Stack([widgets.VBox(list(vue(ident, a))) for a in annees],
                                      selected_index=len(annees) - 1)
            widgets.jslink((menu_an, "index"), (par_annee, "selected_index"))
            pages.append(par_annee)
        par_batiment = widgets.Stack(pages, selected_index=0)
        widgets.jslink((menu_bat, "index"), (par_batiment, "selected_index"))
        return widgets.VBox([menus, par_batiment])

    image, resume = vue(menu_bat.value, menu_an.value)

    def mettre_a_jour(_changement=None):
        image.value = _png(vues.figure(menu_bat.value, menu_an.value))
        resume.value = vues.resume(menu_bat.value, menu_an.value)

    menu_bat.observe(mettre_a_jour, names="value")
    menu_an.observe(mettre_a_jour, names="value")
    boite = widgets.VBox([menus, image, resume])
    boite.menus = (menu_bat, menu_an)  # handy for tests and trainers
    return boite
