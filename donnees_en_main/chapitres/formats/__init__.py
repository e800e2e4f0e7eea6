"""Formats and interoperability: what encodings, separators, file formats and spreadsheets do to data.

    from donnees_en_main.chapitres import formats
    formats.mal_lu("Crème", "utf-8", "cp1252")            # 'CrÃ¨me'
    formats.lire_avec(fichier, "cp1252", ";")             # how a file reads with these settings
    formats.lecture_interactive()                          # pick an encoding and a separator, see
    formats.comparer_formats(tableau, dossier)             # the same table as CSV, JSON and XLSX
    formats.ouvrir_comme_un_tableur(tableau)               # codes that lose their leading zero

Used by book/formats.md, notebooks/formats.ipynb and exercises/source/formats/. Messages in French.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from donnees_en_main.donnees import ErreurDonnees, chemin, detecter_format, formater_entier, pluriel
from donnees_en_main.affichage.graphiques import nombre_fr

__all__ = [
    "ENCODAGES",
    "EXEMPLES_CODES",
    "SEPARATEURS",
    "Lecture",
    "comparer_formats",
    "comme_un_tableur",
    "ecrire_trois_formats",
    "exemples_codes",
    "exemples_mojibake",
    "lecture_interactive",
    "lire_avec",
    "mal_lu",
    "ouvrir_comme_un_tableur",
]

# (label shown to the learner, Python codec)
ENCODAGES = [("UTF-8", "utf-8"), ("Windows-1252 (« latin-1 »)", "cp1252")]
SEPARATEURS = [("virgule ( , )", ","), ("point-virgule ( ; )", ";"), ("tabulation", "\t")]
NOMS_ENCODAGES = {code: libelle for libelle, code in ENCODAGES}
NOMS_SEPARATEURS = {code: libelle for libelle, code in SEPARATEURS}
FAMILLE = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "cp1252": "cp1252", "latin-1": "cp1252"}
# Files offered by the reading widget: (dataset name, short label)
FICHIERS_LECTURE = [
    ("menus-cantine-export-tableur", "Menus de la cantine, export du tableur"),
    ("elections-presidentielle-2022-t1-bureaux", "Présidentielle 2022, fichier du ministère"),
    ("formats-communes-codes-postaux", "Communes et codes postaux"),
]
_ABIMES = re.compile(r"\ufffd|Ã.|Â[\u00a0-\u00bf]")
MAX_CASE = 28

# Real codes, from INSEE's code officiel géographique (COG) and La Poste's base officielle des codes
# postaux: (commune, INSEE code, postcode, delivery label). Nice has four postcodes; one is shown.
EXEMPLES_CODES = [
    ("Bourg-en-Bresse", "01053", "01000", "BOURG EN BRESSE"),
    ("Laon", "02408", "02000", "LAON"),
    ("Digne-les-Bains", "04070", "04000", "DIGNE LES BAINS"),
    ("Nice", "06088", "06000", "NICE"),
    ("Ajaccio", "2A004", "20000", "AJACCIO"),
    ("Bastia", "2B033", "20200", "BASTIA"),
]
SOURCE_EXEMPLES = "INSEE, code officiel géographique ; La Poste, base officielle des codes postaux (data.gouv.fr)"


# --------------------------------------------------------------------------- encodings


def mal_lu(texte: str, ecrit_en: str, lu_en: str) -> str:
    """``texte`` saved with the encoding ``ecrit_en`` then read as ``lu_en`` (« mojibake »).

    >>> mal_lu("Crème", "utf-8", "cp1252")
    'CrÃ¨me'
    >>> mal_lu("Crème", "cp1252", "utf-8")
    'Cr�me'
    """
    try:
        return texte.encode(ecrit_en).decode(lu_en, errors="replace")
    except LookupError as exc:
        raise ErreurDonnees(
            f"Encodage inconnu : « {exc.args[0] if exc.args else ''} ». Utilisez par exemple "
            "« utf-8 » ou « cp1252 » (Windows-1252)."
        ) from exc
    except UnicodeEncodeError as exc:
        raise ErreurDonnees(
            f"« {texte} » contient un caractère que l'encodage {ecrit_en} ne sait pas écrire "
            f"(« {exc.object[exc.start:exc.end]} ») : c'est une autre limite des vieux encodages."
        ) from exc


def exemples_mojibake(mots=("Crème dessert", "Chênebrune", "Élodie", "Saint-Ombert-la-Forêt")) -> pd.DataFrame:
    """What accented words become when the encoding is wrong, in both directions."""
    return pd.DataFrame(
        {
            "Texte d'origine": list(mots),
            "Enregistré en UTF-8, lu comme du Windows-1252": [mal_lu(m, "utf-8", "cp1252") for m in mots],
            "Enregistré en Windows-1252, lu comme de l'UTF-8": [mal_lu(m, "cp1252", "utf-8") for m in mots],
        }
    )


# --------------------------------------------------------------------------- reading with given settings


@dataclass
class Lecture:
    """A file read with a given encoding and separator: the cells and a verdict in French."""

    fichier: str
    encodage: str
    separateur: str
    entete: list[str]
    lignes: list[list[str]]
    lignes_irregulieres: int
    caracteres_abimes: int
    bon_encodage: bool
    bon_separateur: bool
    lignes_lues: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def nb_colonnes(self) -> int:
        return len(self.entete)

    @property
    def correcte(self) -> bool:
        return self.bon_encodage and self.bon_separateur

    def verdict(self) -> list[str]:
        """French sentences: what the software sees, and why."""
        phrases = []
        if self.nb_colonnes <= 1:
            phrases.append(
                "✘ Une seule colonne : chaque ligne reste collée en un seul bloc. Le séparateur choisi "
                "n'est pas celui du fichier."
            )
        elif not self.bon_separateur:
            phrases.append(
                f"✘ {pluriel(self.nb_colonnes, 'colonne')} trouvées, mais découpées au mauvais endroit : "
                "le séparateur choisi apparaît dans le texte, ce n'est pas celui du fichier."
            )
        else:
            phrases.append(f"✔ {pluriel(self.nb_colonnes, 'colonne')} : le séparateur est le bon.")
        if self.lignes_irregulieres and self.correcte:
            phrases.append(
                f"⚠ {pluriel(self.lignes_irregulieres, 'ligne n’a', 'lignes n’ont')} pas le même nombre de "
                "cases que l'en-tête : ce n'est pas un problème de réglage, le fichier lui-même est "
                "irrégulier (par exemple, un en-tête qui ne nomme pas toutes les colonnes)."
            )
        elif self.lignes_irregulieres:
            phrases.append(
                f"✘ {pluriel(self.lignes_irregulieres, 'ligne n’a', 'lignes n’ont')} pas le même nombre de "
                "cases que l'en-tête."
            )
        if self.caracteres_abimes:
            phrases.append(
                f"✘ {pluriel(self.caracteres_abimes, 'caractère abîmé', 'caractères abîmés')} (« � », « Ã »…) : "
                "les lettres accentuées sont mal lues, l'encodage choisi n'est pas celui du fichier."
            )
        elif self.bon_encodage:
            phrases.append("✔ Les accents sont lisibles : l'encodage est le bon.")
        else:
            phrases.append("✘ L'encodage choisi n'est pas celui du fichier, même si ces premières lignes n'ont pas d'accent.")
        return phrases

    def _repr_html_(self) -> str:
        e = html.escape
        montrees = min(self.nb_colonnes, 6)
        legende = (
            f"Les {len(self.lignes)} premières lignes de « {self.fichier} », lues en "
            f"{NOMS_ENCODAGES.get(self.encodage, self.encodage)} avec le séparateur "
            f"{NOMS_SEPARATEURS.get(self.separateur, repr(self.separateur))}"
            + (f" ({montrees} premières colonnes sur {self.nb_colonnes})" if self.nb_colonnes > montrees else "")
        )

        def case(texte: str) -> str:
            texte = texte if len(texte) <= MAX_CASE else texte[: MAX_CASE - 1] + "…"
            return e(texte)

        parties = ['<div class="dem-lecture" lang="fr">', '<ul class="dem-verdict">']
        parties += [f"<li>{e(p)}</li>" for p in self.verdict()]
        parties.append("</ul>")
        parties.append('<div style="overflow-x: auto;"><table class="table">')
        parties.append(f"<caption>{e(legende)}</caption><thead><tr>")
        parties += [f'<th scope="col">{case(c)}</th>' for c in self.entete[:montrees]]
        parties.append("</tr></thead><tbody>")
        for ligne in self.lignes:
            cases = (ligne + [""] * montrees)[:montrees]
            parties.append("<tr>" + "".join(f"<td>{case(c)}</td>" for c in cases) + "</tr>")
        parties.append("</tbody></table></div></div>")
        return "".join(parties)

    def __repr__(self) -> str:
        return "\n".join(self.verdict())


def _fichier(fichier) -> Path:
    if isinstance(fichier, str) and not Path(fichier).exists() and "/" not in fichier and "." not in fichier:
        return chemin(fichier)  # a dataset of the course, by its name
    return Path(fichier)


def lire_avec(fichier, encodage: str, separateur: str, lignes: int = 4) -> Lecture:
    """Read ``fichier`` (a path or a dataset name) as a software would with these settings."""
    chemin_fichier = _fichier(fichier)
    if encodage not in FAMILLE:
        raise ErreurDonnees(
            f"Encodage « {encodage} » non proposé : choisissez parmi "
            + ", ".join(f"« {c} » ({l})" for l, c in ENCODAGES) + "."
        )
    if not isinstance(separateur, str) or len(separateur) != 1:
        raise ErreurDonnees(
            f"Le séparateur doit être un seul caractère, par exemple « , » ou « ; » (reçu : {separateur!r})."
        )
    attendu = detecter_format(chemin_fichier)  # French errors for missing, empty or binary files
    texte = chemin_fichier.read_bytes().decode(encodage, errors="replace").lstrip("\ufeff")
    lecteur = csv.reader(io.StringIO(texte), delimiter=separateur)
    toutes = [l for l in lecteur if any(c.strip() for c in l)]
    if not toutes:
        raise ErreurDonnees(f"Le fichier « {chemin_fichier.name} » ne contient aucune ligne lisible.")
    entete, corps = toutes[0], toutes[1:]
    irregulieres = sum(1 for l in corps if len(l) != len(entete))
    abimes = len(_ABIMES.findall(texte))
    return Lecture(
        fichier=chemin_fichier.name,
        encodage=encodage,
        separateur=separateur,
        entete=entete,
        lignes=corps[:lignes],
        lignes_irregulieres=irregulieres,
        caracteres_abimes=abimes,
        bon_encodage=FAMILLE[encodage] == FAMILLE.get(attendu.encodage, attendu.encodage),
        bon_separateur=separateur == attendu.separateur,
        lignes_lues=len(corps),
    )


def lecture_interactive(fichiers: list[tuple[str, str]] | None = None, *, statique: bool = False):
    """Menus « Fichier », « Encodage », « Séparateur » and the file as it reads with those settings.

    ``statique=False`` (notebooks): re-read by the kernel on each choice; the box has ``.menus``
    and ``.sortie`` (the HTML shown) and ``.lecture`` (the last ``Lecture``).
    ``statique=True`` (the book): every combination is read in advance, the menus switch views in
    the browser (no kernel needed).
    """
    import ipywidgets as widgets

    from donnees_en_main.affichage.interactif import menu, vues_par_choix

    fichiers = fichiers or FICHIERS_LECTURE
    options_fichiers = [(libelle, nom) for nom, libelle in fichiers]
    dimensions = [("Fichier :", options_fichiers), ("Encodage :", ENCODAGES), ("Séparateur :", SEPARATEURS)]
    if statique:
        return vues_par_choix(dimensions, lambda f, e, s: widgets.HTML(lire_avec(f, e, s)._repr_html_()))
    menus = [menu(d, o) for d, o in dimensions]
    sortie = widgets.HTML()
    boite = widgets.VBox([widgets.HBox(menus, layout=widgets.Layout(flex_flow="row wrap")), sortie])

    def relire(_changement=None):
        boite.lecture = lire_avec(*(m.value for m in menus))
        sortie.value = boite.lecture._repr_html_()

    for m in menus:
        m.observe(relire, names="value")
    relire()
    boite.menus, boite.sortie = menus, sortie
    return boite


# --------------------------------------------------------------------------- CSV, JSON, XLSX


def ecrire_trois_formats(tableau: pd.DataFrame, dossier, nom: str = "tableau") -> dict[str, Path]:
    """Write ``tableau`` as CSV (UTF-8), JSON (one object per row) and XLSX in ``dossier``."""
    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    fichiers = {"CSV": dossier / f"{nom}.csv", "JSON": dossier / f"{nom}.json", "XLSX": dossier / f"{nom}.xlsx"}
    tableau.to_csv(fichiers["CSV"], index=False, encoding="utf-8", lineterminator="\n")
    tableau.to_json(fichiers["JSON"], orient="records", force_ascii=False, indent=2)
    tableau.to_excel(fichiers["XLSX"], index=False, sheet_name=nom[:31])
    return fichiers


def _taille(octets: int) -> str:
    return f"{formater_entier(octets)} octets" if octets < 1000 else f"{nombre_fr(octets / 1000, 1)} ko"


def comparer_formats(tableau: pd.DataFrame, dossier, nom: str = "tableau", colonne_code: str | None = None) -> pd.DataFrame:
    """The same table in three formats: size, how it opens, whether a code stays text, what it is good for.

    ``colonne_code``: a code column (default: the first column) checked after a naive re-reading.
    """
    if colonne_code is None:
        colonne_code = str(tableau.columns[0])
    if colonne_code not in tableau.columns:
        raise ErreurDonnees(
            f"La colonne « {colonne_code} » n'existe pas. Colonnes : {', '.join(map(str, tableau.columns))}."
        )
    fichiers = ecrire_trois_formats(tableau, dossier, nom)
    relus = {
        "CSV": pd.read_csv(fichiers["CSV"]),
        "JSON": pd.read_json(fichiers["JSON"]),
        "XLSX": pd.read_excel(fichiers["XLSX"]),
    }
    garde = {"CSV": "non : rien dans le fichier ne dit que c'est du texte (il faut un schéma)",
             "JSON": "oui : les codes sont écrits entre guillemets",
             "XLSX": "oui, si la cellule est au format Texte"}
    ouvrir = {"CSV": "n'importe quel logiciel, même un éditeur de texte",
              "JSON": "un éditeur de texte, un navigateur, les programmes",
              "XLSX": "un tableur (Excel, LibreOffice Calc) ; illisible dans un éditeur de texte"}
    bon_pour = {"CSV": "publier un tableau simple en données ouvertes",
                "JSON": "les échanges entre logiciels (API), les données imbriquées (une commune, plusieurs codes postaux)",
                "XLSX": "travailler à la main : mise en forme, formules, plusieurs onglets"}
    lignes = []
    for format_, fichier in fichiers.items():
        premier = relus[format_][colonne_code].iloc[0]
        lignes.append(
            {
                "Format": format_,
                "Fichier": fichier.name,
                "Taille": _taille(fichier.stat().st_size),
                "S'ouvre avec": ouvrir[format_],
                "Le fichier garde-t-il les codes en texte ?": garde[format_],
                "Relu sans précaution par pandas": (
                    f"« {tableau[colonne_code].iloc[0]} » reste du texte" if isinstance(premier, str)
                    else f"« {tableau[colonne_code].iloc[0]} » devient le nombre {premier}"
                ),
                "Bon pour": bon_pour[format_],
            }
        )
    return pd.DataFrame(lignes)


# --------------------------------------------------------------------------- codes and spreadsheets


def exemples_codes() -> pd.DataFrame:
    """A few real communes with their INSEE code and one of their postcodes (source: SOURCE_EXEMPLES)."""
    return pd.DataFrame(
        [{"code_commune_insee": i, "nom_commune": n, "code_postal": p, "libelle_acheminement": l, "ligne_5": None}
         for n, i, p, l in EXEMPLES_CODES]
    ).astype({"code_commune_insee": "str", "nom_commune": "str", "code_postal": "str", "libelle_acheminement": "str"})


def comme_un_tableur(valeur):
    """What a spreadsheet does to a cell it opens from a CSV: a text made only of digits becomes a
    number, so its leading zeros disappear (« 01053 » -> 1053); other texts (« 2A004 ») stay."""
    if isinstance(valeur, str) and re.fullmatch(r"\d+", valeur.strip()):
        return int(valeur)
    return valeur


def ouvrir_comme_un_tableur(tableau: pd.DataFrame) -> pd.DataFrame:
    """``tableau`` as a spreadsheet shows it after guessing each cell's type (see ``comme_un_tableur``)."""
    return tableau.astype(object).map(comme_un_tableur)
