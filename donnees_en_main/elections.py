"""Election results as the Ministère de l'Intérieur publishes them, read into one tidy table.

The official files (data.gouv.fr) have one row per polling station (bureau de vote): fixed columns
(inscrits, votants, blancs, nuls, exprimés…), then **one block of columns per candidate or list,
repeated**. Their headers change from one election to the next, the 2017–2022 files are latin-1
with a header naming only the first candidate block, the 2024 files are UTF-8 with numbered blocks.

    from donnees_en_main.elections import lire_resultats, par_bureau, par_candidat
    df = lire_resultats("datasets/elections/presidentielle-2022-t1-bureaux.csv")
    # one row per bureau x candidat: code_bureau, inscrits, votants, …, candidat, voix

    par_bureau(df)    # one row per bureau, with participation (% of inscrits)
    par_candidat(df)  # one row per candidate for the whole commune, % of exprimés and of inscrits

Every problem with a file is reported by an ``ErreurDonnees`` with a French message saying what is
wrong and how to fix it.
"""

from __future__ import annotations

import csv
import io
import re
import textwrap
import unicodedata
from pathlib import Path

import pandas as pd

from donnees_en_main.donnees import ErreurDonnees

__all__ = [
    "COLONNES",
    "COMPTES",
    "ELECTIONS",
    "charger_resultats",
    "lieux_de_vote",
    "lire_resultats",
    "par_bureau",
    "par_candidat",
    "code_insee",
    "code_bureau",
    "tableau_comparaison",
    "explorateur_bureaux",
    "comparateur_elections",
    "graphique_candidats",
]

# Columns of the tidy table, in order. One row per bureau x candidate.
COLONNES = [
    "code_departement",
    "code_commune",
    "libelle_commune",
    "code_bureau",
    "inscrits",
    "abstentions",
    "votants",
    "blancs",
    "nuls",
    "exprimes",
    "numero_panneau",
    "sexe",
    "nom",
    "prenom",
    "nuance",
    "candidat",
    "voix",
]
# Counts of the bureau (repeated on each of its candidates' rows).
COMPTES = ["inscrits", "abstentions", "votants", "blancs", "nuls", "exprimes"]


def _cle(texte: str) -> str:
    """Header key insensitive to case, accents, spaces and punctuation: '% Abs/Ins' -> 'absins'."""
    texte = unicodedata.normalize("NFKD", str(texte)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", texte.lower())


# Fixed columns: every spelling met in the official files (2012-2024) -> tidy name.
# Percentages are not kept: they are recomputed from the counts.
_FIXES = {
    "codedudepartement": "code_departement",
    "codedepartement": "code_departement",
    "codedepartementlibelle": None,
    "libelledudepartement": None,
    "libelledepartement": None,
    "codedelacommune": "code_commune",
    "codecommune": "code_commune",
    "libelledelacommune": "libelle_commune",
    "libellecommune": "libelle_commune",
    "codedubvote": "code_bureau",
    "codebvote": "code_bureau",
    "codebv": "code_bureau",
    "bureaudevote": "code_bureau",
    "inscrits": "inscrits",
    "abstentions": "abstentions",
    "votants": "votants",
    "blancs": "blancs",
    "nuls": "nuls",
    "exprimes": "exprimes",
}

# Columns of a candidate (or list) block, block number removed -> tidy name (None = not kept).
_BLOC = {
    "npanneau": "numero_panneau",
    "npan": "numero_panneau",
    "numerodepanneau": "numero_panneau",
    "nliste": "numero_panneau",
    "numerodeliste": "numero_panneau",
    "sexe": "sexe",
    "sexecandidat": "sexe",
    "nom": "nom",
    "nomcandidat": "nom",
    "nomtetedeliste": "nom",
    "prenom": "prenom",
    "prenomcandidat": "prenom",
    "nuance": "nuance",
    "codenuance": "nuance",
    "nuancecandidat": "nuance",
    "nuanceliste": "nuance",
    "liste": "liste",
    "libelleabregeliste": "liste",
    "libelleabregedeliste": "liste",
    "libelledeliste": "liste",
    "libelleetenduliste": None,
    "voix": "voix",
    "voixins": None,
    "voixexp": None,
    "voixinscrits": None,
    "voixexprimes": None,
    "elu": None,
    "sieges": None,
}
_DEBUT_BLOC = {"npanneau", "npan", "numerodepanneau", "nliste", "numerodeliste"}

# Overseas départements were lettered until 2024 (ZA = Guadeloupe…). The INSEE code of a commune is
# the first two characters of its département's number followed by a 3-character code.
_OUTRE_MER = {"ZA": "971", "ZB": "972", "ZC": "973", "ZD": "974", "ZM": "976", "ZS": "975"}

_AIDE_TABLEUR = (
    "Si le fichier a été ouvert puis enregistré avec un tableur, repartez du fichier d'origine "
    "téléchargé sur data.gouv.fr."
)


def code_bureau(valeur) -> str:
    """The 4-character code of a polling station: 1 -> '0001' (a spreadsheet drops the zeros)."""
    texte = str(valeur).strip()
    if re.fullmatch(r"\d+(\.0+)?", texte):
        return texte.split(".")[0].zfill(4)
    return texte


def code_insee(code_departement, code_commune) -> str:
    """The 5-character INSEE code of a commune, rebuilt from the election files' columns.

    Before 2024 the files give the commune's code within its département ('123', 3 characters,
    sometimes '23' once a spreadsheet dropped its zero); from 2024 the full code ('45123', '2A004').
    A département written '1' instead of '01' is repaired; Corsica stays 2A/2B; lettered overseas
    départements (ZA = Guadeloupe…) are translated.
    """
    dep = str(code_departement).strip().upper()
    com = str(code_commune).strip().upper()
    if re.fullmatch(r"\d", dep):
        dep = dep.zfill(2)
    dep = _OUTRE_MER.get(dep, dep)
    if len(com) == 5:
        return com
    if len(com) == 4 and com.isdigit():  # '01053' read as a number by a spreadsheet
        return com.zfill(5)
    if com.isdigit() and len(com) <= 3:  # overseas too: ZA (971) + '101' -> '97101'
        return dep[:2] + com.zfill(3)
    return com


# -- reading the raw file ------------------------------------------------------------------------


def _decoder(octets: bytes, nom: str) -> tuple[str, str]:
    if not octets.strip():
        raise ErreurDonnees(f"Le fichier « {nom} » est vide : il ne contient aucune ligne.")
    if octets.startswith(b"\xef\xbb\xbf"):
        octets = octets[3:]
    try:
        return octets.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # 2012-2022 files: latin-1, some cp1252 (which adds the French quotes « ’ » and the euro sign).
    latin1 = octets.decode("latin-1")
    try:
        cp1252 = octets.decode("cp1252")
    except UnicodeDecodeError:
        return latin1, "latin-1"
    return (latin1, "latin-1") if cp1252 == latin1 else (cp1252, "cp1252")


def _separateur(premiere_ligne: str, nom: str) -> str:
    comptes = {sep: premiere_ligne.count(sep) for sep in (";", "\t", ",")}
    sep = max(comptes, key=comptes.get)
    if comptes[sep] == 0:
        raise ErreurDonnees(
            f"La première ligne du fichier « {nom} » ne contient aucun séparateur de colonnes "
            "(point-virgule, tabulation ou virgule). Ce n'est pas un fichier de résultats au format CSV : "
            "vérifiez que vous avez téléchargé le fichier « par bureau de vote » au format .csv ou .txt."
        )
    return sep


def _nombre(texte: str, ligne: int, colonne: str, nom: str) -> int:
    propre = re.sub(r"[\s\u00a0\u202f]", "", str(texte))
    if re.fullmatch(r"\d+", propre):
        return int(propre)  # also '00008198' (municipales 2014: zero-padded counts)
    if re.fullmatch(r"\d+[.,]0+", propre):
        return int(re.split(r"[.,]", propre)[0])
    if propre == "":
        raise ErreurDonnees(
            f"Fichier « {nom} », ligne {ligne} : la colonne « {colonne} » est vide alors qu'elle doit "
            "contenir un nombre. Complétez-la (0 s'il n'y a aucune voix) ou supprimez la ligne."
        )
    raise ErreurDonnees(
        f"Fichier « {nom} », ligne {ligne} : la colonne « {colonne} » contient « {texte} », qui n'est pas "
        "un nombre entier. Les comptes (inscrits, votants, voix…) doivent être des nombres entiers, "
        "sans lettre ni pourcentage."
    )


def _colonnes_fixes(entete: list[str], debut: int, nom: str) -> dict[str, int]:
    fixes: dict[str, int] = {}
    for i, titre in enumerate(entete[:debut]):
        tidy = _FIXES.get(_cle(titre))
        if tidy and tidy not in fixes:
            fixes[tidy] = i
    manquantes = [c for c in ("code_bureau", "inscrits", "votants", "blancs", "nuls", "exprimes") if c not in fixes]
    if manquantes:
        noms = {
            "code_bureau": "Code du b.vote (ou Code BV)",
            "inscrits": "Inscrits",
            "votants": "Votants",
            "blancs": "Blancs",
            "nuls": "Nuls",
            "exprimes": "Exprimés",
        }
        liste = ", ".join(f"« {noms[c]} »" for c in manquantes)
        raise ErreurDonnees(
            f"Il manque dans l'en-tête du fichier « {nom} » la ou les colonnes {liste}. "
            "Un fichier de résultats par bureau de vote du ministère de l'Intérieur les contient toujours : "
            "vérifiez qu'il s'agit bien du fichier « par bureau de vote » (et non « par commune ») "
            "et que la première ligne est bien la ligne des titres."
        )
    return fixes


def _structure_des_blocs(entete: list[str], nom: str) -> tuple[int, int, dict[str, int]]:
    """(first column of the candidate blocks, width of a block, tidy name -> offset in a block)."""
    cles = [_cle(t) for t in entete]
    sans_numero = [re.sub(r"\d+$", "", c) for c in cles]
    debuts = [i for i, c in enumerate(sans_numero) if c in _DEBUT_BLOC]
    if not debuts:
        raise ErreurDonnees(
            f"Le fichier « {nom} » n'a pas de colonne « N°Panneau » (ou « Numéro de panneau 1 ») : "
            "on ne trouve pas où commencent les résultats des candidats. Vérifiez que la première ligne "
            "est bien celle des titres du fichier publié par le ministère de l'Intérieur."
        )
    debut = debuts[0]
    # Block width: up to the next « N°Panneau » (2024: every block named and numbered), or else the
    # named columns after the first one (2017-2022: only the first block has names).
    largeur = (debuts[1] - debut) if len(debuts) > 1 else len(entete) - debut
    while largeur > 1 and not entete[debut + largeur - 1].strip():
        largeur -= 1  # a trailing ';' in the header adds an empty title
    decalages: dict[str, int] = {}
    for k in range(largeur):
        tidy = _BLOC.get(sans_numero[debut + k])
        if tidy and tidy not in decalages:
            decalages[tidy] = k
    if "voix" not in decalages or not ({"nom", "liste"} & decalages.keys()):
        raise ErreurDonnees(
            f"Dans le fichier « {nom} », le bloc de colonnes du premier candidat doit contenir au moins "
            "« Voix » et « Nom » (ou le libellé de la liste). Titres trouvés : "
            + ", ".join(f"« {t} »" for t in entete[debut : debut + largeur])
            + "."
        )
    return debut, largeur, decalages


def lire_resultats(chemin, *, controler: bool = True) -> pd.DataFrame:
    """Read an official « résultats par bureau de vote » file into a tidy table.

    One row per bureau x candidate (or list), columns ``COLONNES``. Works with the 2017–2022 files
    (latin-1, header naming only the first candidate block) and the 2024 ones (UTF-8, numbered
    blocks); encoding and separator are detected. Codes stay text ('0001', '2A004').

    With ``controler=True`` (the default) the counts are checked: votants ≤ inscrits,
    blancs + nuls + exprimés = votants, and the candidates' voix add up to the exprimés in each
    bureau; a file that breaks these rules raises ``ErreurDonnees`` listing the bureaux concerned.

    The table's ``attrs`` say how the file was read: ``encodage``, ``separateur``, ``fichier``.
    """
    chemin = Path(chemin)
    nom = chemin.name
    if not chemin.is_file():
        raise ErreurDonnees(
            f"Le fichier « {chemin} » est introuvable. Vérifiez le nom et le dossier "
            "(le chemin est relatif au dossier du carnet)."
        )
    texte, encodage = _decoder(chemin.read_bytes(), nom)
    premiere = texte.splitlines()[0] if texte.splitlines() else ""
    sep = _separateur(premiere, nom)
    lignes = [l for l in csv.reader(io.StringIO(texte, newline=""), delimiter=sep) if any(c.strip() for c in l)]
    entete = [t.strip() for t in lignes[0]]
    if len(lignes) < 2:
        raise ErreurDonnees(f"Le fichier « {nom} » n'a qu'une ligne de titres et aucun bureau de vote.")

    debut, largeur, decalages = _structure_des_blocs(entete, nom)
    fixes = _colonnes_fixes(entete, debut, nom)

    lignes_tidy: list[dict] = []
    for numero, ligne in enumerate(lignes[1:], start=2):
        while len(ligne) > debut and (len(ligne) - debut) % largeur and not ligne[-1].strip():
            ligne = ligne[:-1]  # trailing separator(s)
        if len(ligne) < debut + largeur or (len(ligne) - debut) % largeur:
            raise ErreurDonnees(
                f"Fichier « {nom} », ligne {numero} : {len(ligne)} colonnes, alors qu'on attend "
                f"{debut} colonnes communes puis des blocs de {largeur} colonnes par candidat. "
                "La ligne est coupée ou contient un séparateur en trop (un « ; » dans un nom ?). "
                + _AIDE_TABLEUR
            )
        bureau = {}
        for tidy, i in fixes.items():
            valeur = ligne[i].strip()
            if tidy in COMPTES:
                bureau[tidy] = _nombre(valeur, numero, entete[i], nom)
            else:
                bureau[tidy] = valeur
        bureau.setdefault("abstentions", bureau["inscrits"] - bureau["votants"])
        bureau["code_bureau"] = code_bureau(bureau["code_bureau"])
        if not bureau["code_bureau"]:
            raise ErreurDonnees(f"Fichier « {nom} », ligne {numero} : le code du bureau de vote est vide.")
        dep = bureau.get("code_departement", "")
        com = bureau.get("code_commune", "")
        bureau["code_departement"] = _OUTRE_MER.get(dep.upper(), dep.zfill(2) if dep.isdigit() else dep.upper())
        bureau["code_commune"] = code_insee(dep, com) if com else ""
        bureau.setdefault("libelle_commune", "")

        for b in range((len(ligne) - debut) // largeur):
            cellules = ligne[debut + b * largeur : debut + (b + 1) * largeur]
            if not any(c.strip() for c in cellules):
                continue  # 2024 files pad every row with empty blocks
            cand = {k: cellules[o].strip() for k, o in decalages.items()}
            titre_voix = f"{entete[debut + decalages['voix']]} (candidat n° {b + 1})"
            cand["voix"] = _nombre(cand["voix"], numero, titre_voix, nom)
            sexe = cand.get("sexe", "").upper()
            cand["sexe"] = {"MASCULIN": "M", "FEMININ": "F", "FÉMININ": "F"}.get(sexe, sexe)
            cand.setdefault("nom", cand.get("liste", ""))
            cand["prenom"] = cand.get("prenom", "")
            cand["nuance"] = cand.get("nuance", "")
            cand["numero_panneau"] = cand.get("numero_panneau", str(b + 1))
            if cand.get("liste") and not cand["prenom"]:
                cand["candidat"] = cand["liste"]
            else:
                cand["candidat"] = f"{cand['prenom']} {cand['nom']}".strip()
            lignes_tidy.append({**bureau, **cand})

    if not lignes_tidy:
        raise ErreurDonnees(f"Le fichier « {nom} » ne contient aucun résultat de candidat.")
    df = pd.DataFrame(lignes_tidy)
    for c in COLONNES:
        if c not in df:
            df[c] = ""
    df = df[COLONNES]
    df["numero_panneau"] = pd.to_numeric(df["numero_panneau"], errors="coerce").astype("Int64")
    for c in [*COMPTES, "voix"]:
        df[c] = df[c].astype("int64")
    df = df.sort_values(["code_bureau", "numero_panneau"], kind="stable").reset_index(drop=True)
    if controler:
        _controler(df, nom)
    df.attrs.update({"encodage": encodage, "separateur": sep, "fichier": nom})
    return df


def _controler(df: pd.DataFrame, nom: str) -> None:
    doublons = df[df.duplicated(["code_bureau", "candidat"], keep=False)]
    if not doublons.empty:
        b = ", ".join(sorted(doublons["code_bureau"].unique())[:5])
        raise ErreurDonnees(
            f"Fichier « {nom} » : le même candidat apparaît deux fois dans le bureau {b}. "
            "Chaque bureau de vote ne doit figurer que sur une ligne."
        )
    bureaux = par_bureau(df, participation=False)
    voix = df.groupby("code_bureau")["voix"].sum()
    problemes = []
    for code, r in bureaux.iterrows():
        if r["votants"] > r["inscrits"]:
            problemes.append(f"bureau {code} : {r['votants']} votants pour {r['inscrits']} inscrits")
        if r["blancs"] + r["nuls"] + r["exprimes"] != r["votants"]:
            problemes.append(
                f"bureau {code} : blancs + nuls + exprimés = "
                f"{r['blancs'] + r['nuls'] + r['exprimes']}, mais votants = {r['votants']}"
            )
        if voix[code] != r["exprimes"]:
            problemes.append(f"bureau {code} : les voix des candidats font {voix[code]}, mais exprimés = {r['exprimes']}")
    if problemes:
        detail = " ; ".join(problemes[:5]) + (f" (et {len(problemes) - 5} autres)" if len(problemes) > 5 else "")
        raise ErreurDonnees(
            f"Les comptes du fichier « {nom} » ne sont pas cohérents — {detail}. "
            "Dans un procès-verbal, votants = blancs + nuls + exprimés, et les voix des candidats "
            "font le total des exprimés. Vérifiez la saisie ; pour lire le fichier malgré tout, "
            "appelez lire_resultats(chemin, controler=False)."
        )


# -- the course's own election files --------------------------------------------------------------

# The elections shipped with the course (datasets/elections/), name -> title.
ELECTIONS = {
    "presidentielle-2022-t1": "Présidentielle 2022, 1er tour",
    "legislatives-2024-t1": "Législatives 2024, 1er tour",
}


def charger_resultats(election: str = "presidentielle-2022-t1") -> pd.DataFrame:
    """The tidy results of one of the course's elections, read from its official-format file."""
    from donnees_en_main.donnees import chemin

    if election not in ELECTIONS:
        raise ErreurDonnees(
            f"Élection « {election} » inconnue. Les élections du cours sont : "
            + ", ".join(f"« {e} »" for e in ELECTIONS)
            + "."
        )
    return lire_resultats(chemin(f"elections-{election}-bureaux"))


def lieux_de_vote(colonne: str = "lieu_de_vote") -> dict[str, str]:
    """Polling station code -> its place (``lieu_de_vote``) or neighbourhood (``quartier``)."""
    from donnees_en_main.donnees import chemin

    bureaux = pd.read_csv(chemin("elections-bureaux"), dtype=str, keep_default_na=False)
    return dict(zip(bureaux["code_bureau"], bureaux[colonne]))


# -- summaries ------------------------------------------------------------------------------------


def par_bureau(df: pd.DataFrame, *, participation: bool = True) -> pd.DataFrame:
    """One row per polling station (index ``code_bureau``) with its counts.

    With ``participation=True``, adds ``participation`` = votants / inscrits in % (not rounded).
    """
    bureaux = df.drop_duplicates("code_bureau").set_index("code_bureau")[COMPTES].copy()
    if participation:
        bureaux["participation"] = 100 * bureaux["votants"] / bureaux["inscrits"]
    return bureaux


def par_candidat(df: pd.DataFrame) -> pd.DataFrame:
    """The commune's result per candidate: voix, % of exprimés and % of inscrits (not rounded).

    Percentages are recomputed from the summed counts — never the mean of the bureaux' percentages.
    Sorted by numéro de panneau.
    """
    totaux = par_bureau(df, participation=False).sum()
    resultat = (
        df.groupby(["numero_panneau", "candidat"], sort=True)["voix"].sum().reset_index().set_index("candidat")
    )
    resultat["pct_exprimes"] = 100 * resultat["voix"] / totaux["exprimes"]
    resultat["pct_inscrits"] = 100 * resultat["voix"] / totaux["inscrits"]
    return resultat


# -- charts and widgets (shared by the book and the workshop) ----------------------------------------


def _en_image(fig, alt: str, largeur: str = "100%") -> str:
    """A matplotlib figure as an HTML <img> with its alternative text (the figure is closed)."""
    import base64
    import html

    import matplotlib.pyplot as plt

    tampon = io.BytesIO()
    fig.tight_layout()
    fig.savefig(tampon, format="png", dpi=80)
    plt.close(fig)
    code = base64.b64encode(tampon.getvalue()).decode("ascii")
    return (
        f'<img src="data:image/png;base64,{code}" alt="{html.escape(alt)}" '
        f'style="max-width:{largeur}; height:auto;">'
    )


def graphique_candidats(df: pd.DataFrame, *, bureau: str | None = None, titre: str | None = None, ax=None):
    """Horizontal bars of each candidate's share of exprimés (axis from 0), commune-wide.

    With ``bureau``, the bureau's bars (in colour) are drawn next to the commune's (grey, hatched),
    so the two can be told apart without colour. Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    from donnees_en_main.graphiques import BLEU, GRIS, format_axe_fr, pourcent_fr

    commune = par_candidat(df).sort_values("pct_exprimes")
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 0.45 * len(commune) + 1.3))
    y = range(len(commune))
    if bureau is None:
        barres = ax.barh(list(y), commune["pct_exprimes"], color=BLEU, label="Commune")
        ax.bar_label(barres, labels=[pourcent_fr(v) for v in commune["pct_exprimes"]], padding=3, fontsize=9)
    else:
        d = df[df["code_bureau"] == bureau].set_index("candidat")
        pct_bureau = (100 * d["voix"] / d["exprimes"]).reindex(commune.index)
        h = 0.4
        b1 = ax.barh([i + h / 2 for i in y], pct_bureau, height=h, color=BLEU, label=f"Bureau {bureau}")
        b2 = ax.barh([i - h / 2 for i in y], commune["pct_exprimes"], height=h, color="#d9d9d9",
                     edgecolor=GRIS, hatch="///", label="Toute la commune")
        ax.bar_label(b1, labels=[pourcent_fr(v) for v in pct_bureau], padding=3, fontsize=9)
        ax.bar_label(b2, labels=[pourcent_fr(v) for v in commune["pct_exprimes"]], padding=3, fontsize=9, color=GRIS)
        ax.legend(loc="lower right")
    ax.set_yticks(list(y), commune.index)
    ax.set_xlim(0, max(50, float(commune["pct_exprimes"].max()) * 1.25))
    ax.xaxis.set_major_formatter(format_axe_fr(0, " %"))
    ax.set_xlabel("Part des suffrages exprimés")
    ax.grid(axis="y", visible=False)
    if titre:
        ax.set_title(titre, loc="left")
    return ax


def _phrase_bureau(df: pd.DataFrame, bureau: str) -> str:
    from donnees_en_main.graphiques import pourcent_fr

    d = df[df["code_bureau"] == bureau]
    tete = d.loc[d["voix"].idxmax()]
    r = par_bureau(df).loc[bureau]
    return (
        f"Bureau {bureau} : {r['inscrits']} inscrits, participation {pourcent_fr(r['participation'])}. "
        f"En tête : {tete['candidat']}, {pourcent_fr(100 * tete['voix'] / tete['exprimes'])} des suffrages exprimés."
    )


def explorateur_bureaux(df: pd.DataFrame, lieux: dict[str, str] | None = None, titre_election: str = ""):
    """A widget to explore one polling station: a menu of bureaux, and its results next to the commune's.

    Every bureau's chart is drawn beforehand and the menu switches between them in the browser
    (``jslink``), so it also works in the published book, without a Python kernel.
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    lieux = lieux or {}
    codes = list(par_bureau(df).index)
    pages = []
    for code in codes:
        fig, ax = plt.subplots(figsize=(7.5, 0.5 * df["candidat"].nunique() + 1.4))
        lieu = f" — {lieux[code]}" if code in lieux else ""
        graphique_candidats(df, bureau=code, ax=ax, titre=f"{titre_election}\nBureau {code}{lieu}".strip())
        phrase = _phrase_bureau(df, code)
        pages.append(widgets.HTML(f"<p>{phrase}</p>" + _en_image(fig, alt=f"Graphique en barres. {phrase}")))
    menu = widgets.Dropdown(
        options=[(f"{c} — {lieux[c]}" if c in lieux else c, i) for i, c in enumerate(codes)],
        value=0,
        description="Bureau :",
        style={"description_width": "initial"},
        layout=widgets.Layout(width="32em"),
    )
    pile = widgets.Stack(pages, selected_index=0)
    widgets.jslink((menu, "index"), (pile, "selected_index"))
    return widgets.VBox([menu, pile])


INDICATEURS = {
    "participation": ("Participation", "votants", "inscrits", "Votants pour 100 inscrits"),
    "blancs": ("Votes blancs", "blancs", "votants", "Bulletins blancs pour 100 votants"),
    "nuls": ("Votes nuls", "nuls", "votants", "Bulletins nuls pour 100 votants"),
}


def tableau_comparaison(elections: dict[str, pd.DataFrame], indicateur: str = "participation") -> pd.DataFrame:
    """One row per bureau (and a last row « Commune »), one column per election: the indicator in %.

    ``indicateur`` is one of ``INDICATEURS`` (participation, blancs, nuls). The commune's row is
    computed from the summed counts.
    """
    if indicateur not in INDICATEURS:
        raise ErreurDonnees(
            f"Indicateur « {indicateur} » inconnu : choisissez parmi {', '.join(INDICATEURS)}."
        )
    _, num, den, _ = INDICATEURS[indicateur]
    colonnes = {}
    for nom, df in elections.items():
        b = par_bureau(df, participation=False)
        serie = 100 * b[num] / b[den]
        serie.loc["Commune"] = 100 * b[num].sum() / b[den].sum()
        colonnes[nom] = serie
    return pd.DataFrame(colonnes)


def comparateur_elections(elections: dict[str, pd.DataFrame], lieux: dict[str, str] | None = None):
    """A widget comparing two (or more) elections bureau by bureau: participation, blancs or nuls.

    The charts are drawn beforehand; the buttons switch between them in the browser (``jslink``).
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    from donnees_en_main.graphiques import PALETTE, format_axe_fr, nombre_fr

    lieux = lieux or {}
    pages = []
    motifs = ["", "..", "//", "xx"]
    for cle, (libelle, _num, _den, axe) in INDICATEURS.items():
        t = tableau_comparaison(elections, cle)
        bureaux = t.drop(index="Commune")
        fig, ax = plt.subplots(figsize=(8, 4.2))
        n = len(t.columns)
        largeur = 0.8 / n
        x = range(len(bureaux))
        for k, nom in enumerate(t.columns):
            pos = [i - 0.4 + largeur * (k + 0.5) for i in x]
            barres = ax.bar(pos, bureaux[nom], width=largeur, color=PALETTE[k], hatch=motifs[k % len(motifs)],
                            edgecolor="white", label=nom)
            ax.bar_label(barres, labels=[nombre_fr(v) for v in bureaux[nom]], fontsize=7, padding=2)
            ax.axhline(t.loc["Commune", nom], color=PALETTE[k], linestyle="--", linewidth=1)
        ax.set_xticks(list(x), [f"{c}\n" + textwrap.fill(lieux.get(c, ""), 13) for c in bureaux.index], fontsize=8)
        ax.set_ylim(0, max(100 if cle == "participation" else 5, float(bureaux.max().max()) * 1.2))
        ax.yaxis.set_major_formatter(format_axe_fr(0, " %"))
        ax.set_ylabel(axe)
        ax.set_title(f"{libelle} par bureau de vote (tirets : toute la commune)", loc="left")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncols=n, fontsize=9)
        ax.grid(axis="x", visible=False)
        ecarts = (bureaux.iloc[:, -1] - bureaux.iloc[:, 0]) if n >= 2 else bureaux.iloc[:, 0] * 0
        resume = (
            f"{libelle} : toute la commune "
            + ", ".join(f"{nom} {nombre_fr(t.loc['Commune', nom])} %" for nom in t.columns)
            + (f". Plus forte baisse : bureau {ecarts.idxmin()} ({nombre_fr(ecarts.min())} points)." if n >= 2 else ".")
        )
        tableau = t.map(lambda v: f"{nombre_fr(v)} %").to_html(classes="dem-tableau", border=0)
        pages.append(widgets.HTML(f"<p>{resume}</p>" + _en_image(fig, alt=f"Graphique en barres. {resume}")
                                  + f'<details><summary>Voir le tableau</summary>{tableau}</details>'))
    boutons = widgets.ToggleButtons(
        options=[(v[0], i) for i, v in enumerate(INDICATEURS.values())],
        value=0,
        description="Indicateur :",
        style={"description_width": "initial"},
    )
    pile = widgets.Stack(pages, selected_index=0)
    widgets.jslink((boutons, "index"), (pile, "selected_index"))
    return widgets.VBox([boutons, pile])
