"""Helpers of the chapter « Répondre à un citoyen, piloter, concerter »: subsidies and deliberations.

    from donnees_en_main.chapitres import repondre_citoyen as rc
    subventions = rc.preparer(rc.lire_subventions())     # + year, beneficiary's share, domain…
    rc.totaux_par_annee(subventions, beneficiaire="Football Club de Belval-sur-Loire")
    rc.totaux_par_beneficiaire(subventions)              # who received what, per member, share
    rc.tableau_de_bord(subventions)                      # choose an association or a domain
    rc.phrase_vote(deliberation)                         # « adoptée par 20 voix pour, 6 contre… »

``lire_subventions(fichier)`` also reads *your* commune's subsidy file, as real files are written
(semicolons, decimal commas, ``40 000,00``, SIRET turned into ``2.1860194600013e+13`` or
``21860194600013.0`` by a spreadsheet, dates ``2017/09/08`` or ``08/09/2017``, headers in capitals)
and says in French what it cannot read.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from donnees_en_main.donnees import (
    ErreurDonnees, charger, dates_excel, lire_csv_tableur, nombres_colonne, nombres_fr, parts_par_valeur, pluriel,
)
from donnees_en_main.donnees.scdl import identifiants_entreprises as _identifiants, renommer_colonnes
from donnees_en_main.affichage.graphiques import BLEU, ORANGE, nombre_fr, pourcent_fr
from donnees_en_main.affichage.interactif import menu as menu_deroulant, vues_par_choix

__all__ = [
    "POPULATION",
    "ANNEE_POPULATION",
    "TOUTES",
    "lire_subventions",
    "preparer",
    "totaux_par_annee",
    "totaux_par_beneficiaire",
    "note_montants_exclus",
    "euros",
    "phrase_pour_l_elu",
    "qualifier_vote",
    "phrase_vote",
    "choix_du_tableau_de_bord",
    "vue_tableau_de_bord",
    "tableau_de_bord",
    "TableauDeBord",
    "fiche_de_faits",
]

# Population municipale of the fictional commune (the denominator « par habitant »). For a real
# commune, take the « populations légales » that INSEE publishes every December (in force on the
# following 1 January), not the number of voters nor of households.
POPULATION = 9214
ANNEE_POPULATION = 2025
TOUTES = "Toutes les associations"
PREFIXE_DOMAINE = "Domaine : "

COLONNES_OBLIGATOIRES = ("nomBeneficiaire", "montant", "dateConvention")
COLONNES_SCDL = (
    "nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision", "nomBeneficiaire",
    "idBeneficiaire", "rnaBeneficiaire", "objet", "montant", "nature", "conditionsVersement",
    "datesPeriodeVersement", "idRAE", "notificationUE", "pourcentageSubvention", "dispositifAide",
)
FORMATS_DATES = ("%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d", "%d-%m-%Y")
FORMATS_ACCEPTES = (
    "Formats acceptés : le format national des subventions (SCDL subventions, une ligne par subvention : "
    "nomBeneficiaire, montant, dateConvention…, https://schema.data.gouv.fr/scdl/subventions/) et son ancien format "
    "de 2016-2017 (ATTRIB_NOM, SUB_MONTANT, ACTE_DATE…), en CSV. Les collectivités les publient sur data.gouv.fr : "
    "cherchez « subventions » et le nom de la collectivité."
)


# --------------------------------------------------------------------------- reading

def _cle(texte: str) -> str:
    """Header comparison key: no accents, no case, no spaces or punctuation."""
    t = unicodedata.normalize("NFKD", str(texte)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]", "", t)


def _nombres(serie: pd.Series, colonne: str, notes: list[str] | None = None, lignes=None) -> pd.Series:
    """« 40 000,00 », « 17 833 », « 1.5 » -> floats, with the rule every reader shares (``nombres_colonne``):
    masked words (« NC », « nd »…) and other words (« SEM », « ODHLM »…) are missing values, counted and
    listed in ``notes``. Only a column where no value at all is a number stops the reading, in French."""
    valeurs, _, illisibles = nombres_fr(serie)
    if illisibles.any() and valeurs.notna().sum() == 0:
        numeros = lignes if lignes is not None and len(lignes) == len(serie) else range(2, len(serie) + 2)
        ligne = numeros[int(illisibles.to_numpy().nonzero()[0][0])]
        raise ErreurDonnees(
            f"Colonne « {colonne} » : la valeur « {serie[illisibles].iloc[0]} » (ligne {ligne} du fichier) "
            f"n'est pas un nombre, et aucune valeur de la colonne n'en est un ({int(illisibles.sum())} valeur(s) "
            "écrites en lettres). Écrivez les montants avec des chiffres seulement, par exemple 40000.00 ou 40 000,00."
        )
    return nombres_colonne(serie, colonne, notes if notes is not None else [], lignes)


def _parts(serie: pd.Series, notes: list[str], lignes=None) -> pd.Series:
    """``pourcentageSubvention`` by the one shared rule (``parts_par_valeur``: value by value, percentages
    divided on their own row, ambiguous and impossible values reported). An empty cell means one beneficiary
    (the national convention): 1. A word or an impossible value stays unknown, and so does the amount."""
    vides = serie.astype("string").str.strip().fillna("").eq("")
    return parts_par_valeur(serie, "pourcentageSubvention", notes, lignes).mask(vides, 1.0)


def _dates(serie: pd.Series, colonne: str, notes: list[str]) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(serie):
        return serie
    excel = dates_excel(serie, colonne, notes)  # « 43090 »: a date cell Excel saved as a number
    if excel is not None:
        return excel.astype("datetime64[us]")
    resultat = pd.Series(pd.NaT, index=serie.index, dtype="datetime64[us]")
    for format_ in FORMATS_DATES:
        manquantes = resultat.isna() & serie.notna()
        if not manquantes.any():
            break
        resultat = resultat.fillna(pd.to_datetime(serie.where(manquantes), format=format_, errors="coerce"))
    illisibles = serie.notna() & resultat.isna()
    if illisibles.any():
        raise ErreurDonnees(
            f"Colonne « {colonne} » : « {serie[illisibles].iloc[0]} » n'est pas une date lisible "
            f"({int(illisibles.sum())} valeur(s) dans ce cas). Écrivez les dates 2024-04-12 "
            "(année-mois-jour, comme le demande le schéma national) ou 12/04/2024."
        )
    return resultat


def lire_subventions(fichier: str | Path | None = None) -> pd.DataFrame:
    """The course's subsidies (no argument), or a commune's subsidy file in the SCDL format.

    A real file is read whatever its spreadsheet did (encoding, separator, spaces, decimal commas,
    SIRET turned into numbers, French dates, headers in another case); a file that misses what is
    needed to answer « how much, to whom, when » raises ``ErreurDonnees`` with a French message.
    """
    if fichier is None:
        return charger("subventions")
    tableau, notes = lire_csv_tableur(fichier)
    renommage, notes_entete = renommer_colonnes(list(tableau.columns), list(COLONNES_SCDL), "subventions")
    notes += notes_entete  # the header rule of lire_scdl: other spellings, synonyms, the 2016-2017 format
    tableau = tableau.rename(columns=renommage)
    manquantes = [c for c in COLONNES_OBLIGATOIRES if c not in tableau.columns]
    if manquantes:
        from donnees_en_main.donnees.catalogue import ressemble

        trouvees = ", ".join(map(str, tableau.columns[:12])) + ("…" if len(tableau.columns) > 12 else ".")
        raise ErreurDonnees(
            f"Il manque {'la colonne' if len(manquantes) == 1 else 'les colonnes'} "
            f"{', '.join(f'« {c} »' for c in manquantes)} dans « {Path(fichier).name} ». Le schéma "
            "national des subventions (SCDL subventions) les rend obligatoires."
            + ressemble(tableau.columns, sauf="lire_subventions")
            + f" Colonnes trouvées : {trouvees} {FORMATS_ACCEPTES}"
        )
    if tableau.empty:
        raise ErreurDonnees(f"« {Path(fichier).name} » a bien des colonnes, mais aucune subvention.")
    lignes = tableau.attrs.get("lignes")  # line of the file of each row, for the notes
    tableau["montant"] = _nombres(tableau["montant"], "montant", notes, lignes)
    if "pourcentageSubvention" in tableau.columns:
        tableau["pourcentageSubvention"] = _parts(tableau["pourcentageSubvention"], notes, lignes)
    tableau["dateConvention"] = _dates(tableau["dateConvention"], "dateConvention", notes)
    for colonne in ("idAttribuant", "idBeneficiaire"):
        if colonne in tableau.columns:
            tableau[colonne] = _identifiants(tableau[colonne], colonne, notes)
    tableau.attrs["notes"] = notes
    return tableau


# --------------------------------------------------------------------------- analysis

def _annuaire_par_identifiant(annuaire: pd.DataFrame) -> tuple[dict, dict]:
    par_rna, par_siret = {}, {}
    for _, a in annuaire.iterrows():
        info = {"beneficiaire": a["nom"], "domaine": a["domaine"], "adherents": a["adherents"]}
        if isinstance(a.get("rna"), str):
            par_rna[a["rna"]] = info
        if isinstance(a.get("siret"), str):
            par_siret[a["siret"]] = info
    return par_rna, par_siret


def preparer(subventions: pd.DataFrame, annuaire: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add what is needed to answer: ``annee`` (of the convention), ``montant_beneficiaire`` (the
    beneficiary's share, montant × pourcentageSubvention), ``en_nature`` (in-kind aid, valued),
    ``type_aide``, and from the association directory (matched on RNA, else SIRET, never on the
    name, which varies) ``beneficiaire``, ``domaine``, ``adherents``."""
    manquantes = [c for c in COLONNES_OBLIGATOIRES if c not in subventions.columns]
    if manquantes:
        raise ErreurDonnees(
            f"Le tableau des subventions n'a pas {'la colonne' if len(manquantes) == 1 else 'les colonnes'} "
            f"{', '.join(f'« {c} »' for c in manquantes)} : chargez-le avec lire_subventions()."
        )
    if annuaire is None:
        annuaire = charger("annuaire-associations")
    t = subventions.copy()
    t["annee"] = pd.to_datetime(t["dateConvention"]).dt.year.astype("Int64")
    # An unknown share (a word in the file) leaves the beneficiary's amount unknown: never taken as 100 %.
    part = t["pourcentageSubvention"] if "pourcentageSubvention" in t.columns else 1.0
    t["montant_beneficiaire"] = t["montant"] * part
    nature = t["nature"].fillna("") if "nature" in t.columns else pd.Series("", index=t.index)
    t["en_nature"] = nature.str.strip().eq("aide en nature")
    objet = t["objet"].fillna("") if "objet" in t.columns else pd.Series("", index=t.index)
    t["type_aide"] = "projet ou exceptionnelle"
    t.loc[objet.str.contains("fonctionnement", case=False), "type_aide"] = "fonctionnement"
    t.loc[t["en_nature"], "type_aide"] = "en nature"

    par_rna, par_siret = _annuaire_par_identifiant(annuaire)
    vides = {"beneficiaire": None, "domaine": "non classé", "adherents": pd.NA}
    infos = []
    for _, ligne in t.iterrows():
        info = par_rna.get(ligne.get("rnaBeneficiaire")) or par_siret.get(ligne.get("idBeneficiaire")) or vides
        infos.append({**info, "beneficiaire": info["beneficiaire"] or ligne["nomBeneficiaire"]})
    infos = pd.DataFrame(infos, index=t.index)
    t["beneficiaire"] = infos["beneficiaire"].astype("str")
    t["domaine"] = infos["domaine"].astype("str")
    t["adherents"] = pd.to_numeric(infos["adherents"], errors="coerce").astype("Int64")
    return t


def _selection(prep: pd.DataFrame, beneficiaire: str | None = None, domaine: str | None = None) -> pd.DataFrame:
    t = prep
    if beneficiaire is not None:
        if beneficiaire not in set(t["beneficiaire"]):
            proches = [b for b in sorted(set(t["beneficiaire"])) if _cle(beneficiaire) in _cle(b)]
            conseil = f" Vouliez-vous dire « {proches[0]} » ?" if proches else ""
            raise ErreurDonnees(f"Aucune subvention pour « {beneficiaire} ».{conseil}")
        t = t[t["beneficiaire"] == beneficiaire]
    if domaine is not None:
        if domaine not in set(t["domaine"]):
            raise ErreurDonnees(
                f"Domaine « {domaine} » inconnu. Domaines : {', '.join(sorted(set(prep['domaine'])))}."
            )
        t = t[t["domaine"] == domaine]
    return t


def note_montants_exclus(t: pd.DataFrame) -> str:
    """The French sentence a total adds when rows of ``t`` (a ``preparer`` table) have no known amount (a word
    or a masked value in the file: « SEM », « NC »…): how many, for whom, and that the total excludes them."""
    if "montant_beneficiaire" not in t.columns:
        return ""
    sans = t[t["montant_beneficiaire"].isna()]
    if sans.empty:
        return ""
    noms = sorted(set(sans.get("beneficiaire", sans.get("nomBeneficiaire", pd.Series(dtype=str))).dropna().astype(str)))
    liste = ", ".join(noms[:5]) + ("…" if len(noms) > 5 else "")
    return (f"Ce total exclut {pluriel(len(sans), 'subvention')} dont le montant n'est pas connu dans le fichier (un mot "
            f"au lieu d'un nombre{', pour ' + liste if liste else ''}) : c'est un minimum.")


def totaux_par_annee(prep: pd.DataFrame, beneficiaire: str | None = None, domaine: str | None = None,
                     annees: list[int] | None = None) -> pd.DataFrame:
    """Per year: ``argent`` (money, beneficiary's share), ``nature`` (in-kind, valued), ``aides`` (number of rows)."""
    t = _selection(prep, beneficiaire, domaine)
    annees = annees or sorted(prep["annee"].dropna().unique())
    groupes = t.groupby("annee")
    sortie = pd.DataFrame({
        "argent": t[~t["en_nature"]].groupby("annee")["montant_beneficiaire"].sum(),
        "nature": t[t["en_nature"]].groupby("annee")["montant_beneficiaire"].sum(),
        "aides": groupes.size(),
    }).reindex(annees).fillna(0)
    sortie["aides"] = sortie["aides"].astype(int)
    sortie.index = sortie.index.astype(int)
    sortie.index.name = "annee"
    sortie.attrs["notes"] = [n for n in [note_montants_exclus(t)] if n]
    return sortie


def totaux_par_beneficiaire(prep: pd.DataFrame, annees: list[int] | None = None) -> pd.DataFrame:
    """One row per beneficiary, largest money first: domain, members, money, in-kind, money per
    member and share of all the money given (in %)."""
    t = prep if annees is None else prep[prep["annee"].isin(annees)]
    argent = t[~t["en_nature"]].groupby("beneficiaire")["montant_beneficiaire"].sum()
    nature = t[t["en_nature"]].groupby("beneficiaire")["montant_beneficiaire"].sum()
    infos = t.drop_duplicates("beneficiaire").set_index("beneficiaire")[["domaine", "adherents"]]
    sortie = infos.assign(argent=argent, nature=nature).fillna({"argent": 0.0, "nature": 0.0})
    sortie["par_adherent"] = sortie["argent"] / sortie["adherents"].astype("float64")
    sortie["part_argent"] = sortie["argent"] / sortie["argent"].sum() * 100
    sortie = sortie.sort_values(["argent", "nature"], ascending=False)
    sortie.attrs["notes"] = [n for n in [note_montants_exclus(t)] if n]
    return sortie


def euros(x: float) -> str:
    """12500 -> '12 500 €' (French typography)."""
    return f"{nombre_fr(x, 0)}\u00a0€"


def phrase_pour_l_elu(prep: pd.DataFrame, beneficiaire: str, annees: list[int] | None = None,
                      population: int = POPULATION) -> str:
    """The answer in one paragraph an élu can say: total, what made it, share, per member, in kind."""
    annees = annees or sorted(int(a) for a in prep["annee"].dropna().unique())
    periode = prep[prep["annee"].isin(annees)]
    ici = _selection(periode, beneficiaire)
    argent = ici[~ici["en_nature"]]
    total = argent["montant_beneficiaire"].sum()
    tous = periode[~periode["en_nature"]]["montant_beneficiaire"].sum()
    texte = (f"De {annees[0]} à {annees[-1]}, la commune a attribué {euros(total)} en argent à "
             f"« {beneficiaire} »")
    exceptionnelles = argent[argent["type_aide"] == "projet ou exceptionnelle"]
    grosse = exceptionnelles.sort_values("montant_beneficiaire").tail(1)
    if not grosse.empty and grosse["montant_beneficiaire"].iloc[0] >= 0.25 * total:
        g = grosse.iloc[0]
        texte += (f", dont {euros(g['montant_beneficiaire'])} en une seule fois en {int(g['annee'])} "
                  f"({g['objet'][0].lower() + g['objet'][1:]})")
    texte += f". C'est {pourcent_fr(total / tous * 100, 0)} de l'argent donné aux associations sur la période"
    adherents = ici["adherents"].dropna()
    if len(adherents):
        texte += f", soit {euros(total / int(adherents.iloc[0]))} par adhérent en {len(annees)} ans"
    texte += "."
    nature = ici[ici["en_nature"]]["montant_beneficiaire"].sum()
    if nature:
        texte += f" S'y ajoutent des aides en nature (prêt d'équipements) valorisées à {euros(nature)}."
    if exclus := note_montants_exclus(ici):
        texte += " " + exclus
    return texte


# --------------------------------------------------------------------------- votes

def qualifier_vote(pour: int, contre: int, abstention: int) -> str:
    """How to say a vote correctly. Abstentions are not votes cast (suffrages exprimés): a vote
    with no « contre » but abstentions is unanimous *among the votes cast* only."""
    pour, contre, abstention = int(pour), int(contre), int(abstention)
    if pour <= contre:
        return "rejetée" if pour < contre else "non adoptée (partage des voix)"
    if contre == 0 and abstention == 0:
        return "adoptée à l'unanimité"
    if contre == 0:
        return "adoptée à l'unanimité des suffrages exprimés"
    return "adoptée à la majorité"


def _mois_fr(date) -> str:
    mois = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
            "octobre", "novembre", "décembre"]
    date = pd.Timestamp(date)
    return f"{date.day}{'er' if date.day == 1 else ''} {mois[date.month - 1]} {date.year}"


def phrase_vote(deliberation) -> str:
    """« Le 23 mai 2024, le conseil municipal a adopté à la majorité … : 20 voix pour, 6 contre,
    3 abstentions (29 votants sur 29 élus). »"""
    d = deliberation
    pour, contre, abst = int(d["VOTE_POUR"]), int(d["VOTE_CONTRE"]), int(d["VOTE_ABSTENTION"])
    qualif = qualifier_vote(pour, contre, abst)
    objet = str(d["DELIB_OBJET"])
    objet = objet[0].lower() + objet[1:]
    decision = "a adopté" if qualif.startswith("adoptée") else "n'a pas adopté"
    manieres = {"adoptée à l'unanimité": "à l'unanimité", "adoptée à l'unanimité des suffrages exprimés":
                "à l'unanimité des suffrages exprimés", "adoptée à la majorité": "à la majorité"}
    maniere = f" {manieres[qualif]}" if qualif in manieres else ""
    details = [f"{pour} voix pour", f"{contre} contre", f"{abst} abstention{'s' if abst > 1 else ''}"]
    effectif = f" ({int(d['VOTE_REEL'])} votants sur {int(d['VOTE_EFFECTIF'])} élus)" if pd.notna(
        d.get("VOTE_EFFECTIF")) else ""
    return (f"Le {_mois_fr(d['DELIB_DATE'])}, le conseil municipal {decision}{maniere} la délibération "
            f"n° {d['DELIB_ID']} ({objet}) : {', '.join(details)}{effectif}.")


# --------------------------------------------------------------------------- dashboard

def choix_du_tableau_de_bord(prep: pd.DataFrame) -> list[str]:
    """The dashboard's menu: all associations, each domain, then each beneficiary (by name)."""
    domaines = [f"{PREFIXE_DOMAINE}{d}" for d in sorted(set(prep["domaine"]))]
    return [TOUTES, *domaines, *sorted(set(prep["beneficiaire"]), key=_cle)]


def vue_tableau_de_bord(prep: pd.DataFrame, choix: str, population: int = POPULATION) -> str:
    """The HTML view of one menu choice: a table by year with bars, and a summary sentence.

    Figures are written in the table, the bars only repeat them (hidden from screen readers)."""
    if choix == TOUTES:
        t, titre = prep, "Toutes les associations"
        sous_titre = f"{prep['beneficiaire'].nunique()} bénéficiaires"
    elif choix.startswith(PREFIXE_DOMAINE):
        domaine = choix.removeprefix(PREFIXE_DOMAINE)
        t, titre = _selection(prep, domaine=domaine), f"Domaine « {domaine} »"
        sous_titre = f"{t['beneficiaire'].nunique()} bénéficiaire{'s' if t['beneficiaire'].nunique() > 1 else ''}"
    else:
        t, titre = _selection(prep, beneficiaire=choix), choix
        ligne = t.iloc[0]
        sous_titre = str(ligne["domaine"])
        if pd.notna(ligne["adherents"]):
            sous_titre += f" · {int(ligne['adherents'])} adhérents"
    annees = sorted(int(a) for a in prep["annee"].dropna().unique())
    totaux = totaux_par_annee(t, annees=annees)
    maxi = max(float(totaux["argent"].max()), 1.0)
    lignes = []
    for annee, r in totaux.iterrows():
        largeur = round(r["argent"] / maxi * 220)
        barre = (f'<div aria-hidden="true" style="background:{BLEU};height:0.9em;width:{largeur}px;'
                 'display:inline-block;vertical-align:middle"></div>')
        lignes.append(
            f"<tr><th scope='row' style='text-align:left'>{annee}</th>"
            f"<td style='text-align:right'>{euros(r['argent'])}</td><td>{barre}</td>"
            f"<td style='text-align:right'>{euros(r['nature']) if r['nature'] else '—'}</td>"
            f"<td style='text-align:right'>{int(r['aides'])}</td></tr>"
        )
    total = totaux["argent"].sum()
    resume = f"De {annees[0]} à {annees[-1]} : <strong>{euros(total)}</strong> en argent"
    if totaux["nature"].sum():
        resume += f", et {euros(totaux['nature'].sum())} d'aides en nature (valorisation)"
    resume += "."
    if choix == TOUTES:
        derniere = totaux["argent"].iloc[-1]
        resume += (f" En {annees[-1]}, {euros(derniere)} en argent, soit "
                   f"{nombre_fr(derniere / population, 2)}\u00a0€ par habitant ({nombre_fr(population, 0)} habitants).")
    elif not choix.startswith(PREFIXE_DOMAINE) and pd.notna(t["adherents"].iloc[0]):
        resume += f" Soit {euros(total / int(t['adherents'].iloc[0]))} par adhérent sur la période."
    notes = [f"Remarque : {html.escape(n)}" for n in totaux.attrs.get("notes", [])]
    partagees = t[t["pourcentageSubvention"].fillna(1) < 1] if "pourcentageSubvention" in t else t.iloc[0:0]
    if len(partagees):
        notes.append("Remarque : une subvention partagée entre plusieurs bénéficiaires n'est comptée que pour la part "
                     "de chacun (montant × pourcentage).")
    if "nomBeneficiaire" in t and not choix.startswith(PREFIXE_DOMAINE) and choix != TOUTES \
            and t["nomBeneficiaire"].nunique() > 1:
        noms = " ; ".join(f"« {html.escape(n)} »" for n in sorted(set(t["nomBeneficiaire"])))
        notes.append(f"Remarque : le nom est écrit de plusieurs façons dans le fichier ({noms}) : les lignes sont "
                     "regroupées par numéro RNA.")
    tableau = (
        "<table style='border-collapse:collapse;margin:0.3em 0'>"
        f"<caption style='caption-side:top;text-align:left'>Montants attribués par année — {html.escape(titre)}</caption>"
        "<thead><tr><th scope='col'>Année</th><th scope='col'>En argent</th><th scope='col'>"
        "<span style='position:absolute;left:-9999px'>Barre</span></th>"
        "<th scope='col'>En nature (valorisation)</th><th scope='col'>Aides</th></tr></thead>"
        f"<tbody>{''.join(lignes)}</tbody></table>"
    )
    return (
        f"<div class='dem-tableau-de-bord' style='border-left:0.35em solid {ORANGE};padding:0.3em 0.8em'>"
        f"<p style='margin:0.2em 0'><strong>{html.escape(titre)}</strong> — {html.escape(sous_titre)}</p>"
        f"{tableau}<p style='margin:0.3em 0'>{resume}</p>"
        + "".join(f"<p style='margin:0.2em 0;font-size:0.92em'>{n}</p>" for n in notes)
        + "</div>"
    )


class TableauDeBord(widgets.VBox):
    """The dashboard box (kernel mode). Where no widget can be shown (nbgrader's feedback pages, a
    notebook viewer), it falls back to its current view as HTML, not a widget's technical repr."""

    def _repr_mimebundle_(self, **kwargs):
        donnees = super()._repr_mimebundle_(**kwargs)
        donnees["text/plain"] = f"Tableau de bord des subventions : {self.menu.value}"
        donnees["text/html"] = self.vue.value
        return donnees


def tableau_de_bord(prep: pd.DataFrame | None = None, *, statique: bool = False, population: int = POPULATION):
    """Choose all associations, a domain or one association: see the amounts year by year.

    ``statique=False`` (notebooks): the view is recomputed by the kernel at each choice.
    ``statique=True`` (the book, read without a kernel): every view is computed in advance and the
    menu switches between them in the browser (``interactif.vues_par_choix``), so the page stays
    interactive online. The returned box has ``.menu`` (the Dropdown) and, in the kernel mode,
    ``.vue`` (the HTML shown).
    """
    prep = preparer(lire_subventions()) if prep is None else prep
    options = choix_du_tableau_de_bord(prep)
    menu = menu_deroulant("Afficher :", [(o, o) for o in options], largeur="32em")
    if statique:
        boite = vues_par_choix([menu], lambda choix: widgets.HTML(vue_tableau_de_bord(prep, choix, population)))
        boite.menu = menu
        return boite
    vue = widgets.HTML(vue_tableau_de_bord(prep, menu.value, population))

    def mettre_a_jour(_changement=None):
        vue.value = vue_tableau_de_bord(prep, menu.value, population)

    menu.observe(mettre_a_jour, names="value")
    boite = TableauDeBord([menu, vue])
    boite.menu, boite.vue = menu, vue
    return boite


# --------------------------------------------------------------------------- consultation

def fiche_de_faits(prep: pd.DataFrame, population: int = POPULATION) -> pd.DataFrame:
    """Facts to open a consultation on how subsidies are shared: each with its figure, its source
    and what it does not say (a fact sheet, not a verdict)."""
    annees = sorted(int(a) for a in prep["annee"].dropna().unique())
    premiere, derniere = annees[0], annees[-1]
    argent = prep[~prep["en_nature"]]
    par_an = argent.groupby("annee")["montant_beneficiaire"].sum()
    fonct = argent[argent["type_aide"] == "fonctionnement"].groupby("annee")["montant_beneficiaire"].sum()
    par_benef = totaux_par_beneficiaire(prep)
    top3 = par_benef.head(3)
    par_domaine = argent.groupby("domaine")["montant_beneficiaire"].sum().sort_values(ascending=False)
    avec_adherents = par_benef[par_benef["argent"] > 0].dropna(subset=["par_adherent"])
    source_sub = "fichier des subventions"
    source_annuaire = "subventions et annuaire des associations"
    faits = [
        ("Argent attribué aux associations, par an",
         " ; ".join(f"{a} : {euros(par_an.get(a, 0))}" for a in annees),
         source_sub, "Varie avec les subventions exceptionnelles, d'une année sur l'autre."),
        ("Subventions de fonctionnement (hors projets et exceptionnelles)",
         f"{euros(fonct.get(premiere, 0))} en {premiere}, {euros(fonct.get(derniere, 0))} en {derniere}",
         source_sub, "Le mot « fonctionnement » vient de l'objet de chaque subvention."),
        (f"Par habitant, en {derniere}",
         f"{nombre_fr(par_an.get(derniere, 0) / population, 2)} € ({nombre_fr(population, 0)} habitants)",
         "subventions ; population légale (INSEE)", "Ne dit rien de qui profite des associations."),
        ("Part des trois premiers bénéficiaires",
         f"{pourcent_fr(top3['part_argent'].sum(), 0)} ({', '.join(top3.index)})",
         source_sub, "Sur les trois années cumulées, aides en nature non comprises."),
        ("Répartition par domaine",
         " ; ".join(f"{d} : {pourcent_fr(v / par_domaine.sum() * 100, 0)}" for d, v in par_domaine.items()),
         source_annuaire, "Le domaine est un classement de la commune."),
        ("Argent par adhérent, sur trois ans",
         f"de {euros(avec_adherents['par_adherent'].min())} à {euros(avec_adherents['par_adherent'].max())} "
         "selon les associations",
         source_annuaire,
         "N'a pas de sens pour une association ouverte à tous (comité des fêtes) ; un adhérent n'habite "
         "pas forcément la commune."),
        ("Aides en nature (prêt d'équipements), valorisées",
         f"{euros(prep[prep['en_nature']]['montant_beneficiaire'].sum())} sur trois ans",
         source_sub, "Valorisation estimée par la commune, pas une dépense versée."),
    ]
    return pd.DataFrame(faits, columns=["Fait", "Chiffre", "Source", "Ce que ce chiffre ne dit pas"])
