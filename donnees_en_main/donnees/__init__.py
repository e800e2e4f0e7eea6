"""Find and load the course's datasets, and read real-world spreadsheet CSV exports.

Every shipped file is described in ``datasets/datapackage.json`` (a Data Package):

>>> from donnees_en_main.donnees import charger, lire, ressources
>>> menus = charger("menus-cantine")            # a pandas DataFrame, typed from the schema
>>> secteurs = lire("energie-secteurs")         # with the reader declared for it (catalogue.JEUX)
>>> miens = lire("mon-fichier.csv", comme="energie-secteurs", code_insee="49007")

``lire`` is the one entry point; ``catalogue.JEUX`` declares each dataset once (reader, licence,
fictional or real, official source); ``codes`` normalises and checks commune codes.

``lire_csv_tableur`` reads "your commune's file", whatever its spreadsheet did to it
(encoding — even UTF-8 and Windows-1252 lines pasted together —, separator, spaces, French dates
and decimal commas, masked values such as « secret » or « nd »), and says in French what it
detected and fixed.

Messages meant for the learner are in French; ``ErreurDonnees`` carries them.
"""

from __future__ import annotations

import codecs
import copy
import csv
import difflib
import io
import json
import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd

from donnees_en_main.reglages import dossier_donnees

__all__ = [
    "ErreurDonnees",
    "FormatCsv",
    "exiger_colonnes",
    "erreur_de_structure",
    "charger",
    "chemin",
    "VALEURS_MASQUEES",
    "decoder_melange",
    "est_masquee",
    "lignes_utf8_accentuees",
    "nombres_fr",
    "texte_nombre_fr",
    "note_valeurs_masquees",
    "note_non_numeriques",
    "nombres_colonne",
    "NumerosDeLignes",
    "lignes_d_origine",
    "lignes_hors_donnees",
    "ecrit_en_pourcent",
    "parts_par_valeur",
    "est_ligne_de_codes",
    "note_ligne_de_codes",
    "dates_excel",
    "decrire",
    "detecter_format",
    "formater_entier",
    "lire",
    "lire_comme",
    "lire_csv_tableur",
    "pluriel",
    "ressources",
    "cle_entete",
    "schema",
    "schema_de",
]


class ErreurDonnees(ValueError):
    """A data problem explained in French: what is wrong and how to fix it.

    In a notebook (IPython, JupyterLab, the book's executed pages) it is shown as a French box with the
    message only, without the Python traceback: IPython calls ``_render_traceback_`` for it.
    """

    TITRE = "Problème dans les données"

    def _render_traceback_(self) -> list[str]:
        import textwrap

        lignes = [l for paragraphe in str(self).split("\n")
                  for l in (textwrap.wrap(paragraphe, 96, break_on_hyphens=False) or [""])]
        rouge, gras, fin = "\x1b[31m", "\x1b[1m", "\x1b[0m"
        return ([f"{rouge}┌─ {gras}✘ {self.TITRE}{fin}{rouge} {'─' * (94 - len(self.TITRE))}{fin}"]
                + [f"{rouge}│{fin} {l}" for l in lignes]
                + [f"{rouge}└{'─' * 99}{fin}"])


# --------------------------------------------------------------------------- catalogue

NOM_CATALOGUE = "datapackage.json"
# Columns holding identifiers that must stay text (leading zeros, 2A/2B, 14-digit SIRET).
MOTIF_IDENTIFIANT = re.compile(r"insee|siret|siren|code|uai|postal|(^|_)id($|_)", re.IGNORECASE)


def _catalogue() -> dict:
    fichier = dossier_donnees() / NOM_CATALOGUE
    if not fichier.is_file():
        raise ErreurDonnees(
            f"Le catalogue des données « {NOM_CATALOGUE} » est introuvable dans le dossier "
            f"{fichier.parent}. Vérifiez que le dossier datasets/ du cours est complet, ou que "
            "la variable d'environnement DONNEES_EN_MAIN_DATASETS désigne le bon dossier."
        )
    try:
        return json.loads(fichier.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ErreurDonnees(
            f"Le catalogue des données {fichier} est abîmé et ne peut pas être lu ({exc}). "
            "Restaurez-le depuis le dépôt du cours (git checkout datasets/datapackage.json)."
        ) from exc


def _ressource(nom: str) -> dict:
    ressources_ = _catalogue().get("resources", [])
    for ressource in ressources_:
        if ressource.get("name") == nom:
            return ressource
    noms = [r.get("name", "?") for r in ressources_]
    proches = [n for n in noms if str(nom).lower() in n.lower()]
    proches = proches or difflib.get_close_matches(str(nom), noms, n=1, cutoff=0.5)
    suggestion = f" Vouliez-vous dire « {proches[0]} » ?" if proches else ""
    liste = ", ".join(f"« {n} »" for n in noms) or "aucun"
    raise ErreurDonnees(
        f"Aucun jeu de données ne s'appelle « {nom} ».{suggestion} "
        f"Les noms disponibles sont : {liste}."
    )


def ressources() -> list[tuple[str, str, bool | None]]:
    """List the datasets: (name, title, fictif) for every resource of the data package."""
    return [
        (r.get("name", ""), r.get("title", ""), r.get("fictif"))
        for r in _catalogue().get("resources", [])
    ]


def decrire(nom: str) -> dict:
    """The full descriptor of a resource (a copy: changing it changes nothing on disk)."""
    return copy.deepcopy(_ressource(nom))


def chemin(nom: str) -> Path:
    """Path of the file of a resource."""
    ressource = _ressource(nom)
    path = ressource.get("path")
    if not isinstance(path, str) or not path:
        raise ErreurDonnees(
            f"La ressource « {nom} » du catalogue n'indique pas un fichier unique (propriété "
            "« path »). Corrigez sa description dans datasets/datapackage.json."
        )
    if re.match(r"^[a-z]+://", path):
        raise ErreurDonnees(
            f"La ressource « {nom} » est un fichier distant ({path}) : téléchargez-le et "
            "décrivez la copie locale dans datasets/datapackage.json."
        )
    return dossier_donnees() / path


def schema_de(ressource: dict) -> dict | None:
    """The Table Schema of a resource descriptor: inline, or read from the file it names."""
    schema = ressource.get("schema")
    if schema is None or isinstance(schema, dict):
        return schema
    fichier = dossier_donnees() / schema
    try:
        return json.loads(fichier.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ErreurDonnees(
            f"Le schéma {fichier} annoncé pour « {ressource.get('name')} » est introuvable. "
            "Restaurez-le depuis le dépôt du cours."
        ) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ErreurDonnees(f"Le schéma {fichier} n'est pas un JSON lisible ({exc}).") from exc


def schema(nom: str) -> dict | None:
    """The Table Schema of the resource ``nom`` (a dict), or None when it has none."""
    return schema_de(_ressource(nom))


def _dialecte(ressource: dict) -> dict:
    """CSV dialect of a resource, Data Package v1 (flat) or frictionless v5 ("csv" key)."""
    dialecte = ressource.get("dialect") or {}
    if not isinstance(dialecte, dict):
        return {}
    return {**dialecte, **(dialecte.get("csv") or {})}


def _separateur(ressource: dict) -> str:
    sep = _dialecte(ressource).get("delimiter")
    if sep:
        return sep
    return "\t" if ressource.get("format") == "tsv" else ","


def _options_lecture(ressource: dict, schema: dict | None) -> dict:
    """pandas.read_csv options for the dialect: separator, quotes, header and comment rows."""
    dialecte = _dialecte(ressource)
    options: dict = {"sep": _separateur(ressource), "encoding": ressource.get("encoding", "utf-8")}
    if dialecte.get("quoteChar"):
        options["quotechar"] = dialecte["quoteChar"]
    if dialecte.get("doubleQuote") is False:
        options["doublequote"] = False
    if dialecte.get("escapeChar"):
        options["escapechar"] = dialecte["escapeChar"]
    if dialecte.get("skipInitialSpace"):
        options["skipinitialspace"] = True
    if dialecte.get("commentChar"):
        options["comment"] = dialecte["commentChar"]
    a_sauter = {int(n) - 1 for n in dialecte.get("commentRows", [])}
    if dialecte.get("header", True) is False:
        champs = (schema or {}).get("fields", [])
        if not champs:
            raise ErreurDonnees(
                f"« {ressource.get('name')} » n'a pas de ligne d'en-tête et pas de schéma pour "
                "nommer ses colonnes : ajoutez un schéma à sa description."
            )
        options.update(header=None, names=[f["name"] for f in champs], index_col=False)
    else:
        lignes_entete = sorted(int(n) - 1 for n in dialecte.get("headerRows", [1]))
        a_sauter |= set(lignes_entete[:-1])  # multi-row headers: keep the last row's labels
        options["header"] = lignes_entete[-1] - len([n for n in a_sauter if n < lignes_entete[-1]])
    if a_sauter:
        options["skiprows"] = sorted(a_sauter)
    return options


def _conseil_regenerer(ressource: dict) -> str:
    for source in ressource.get("sources", []):
        path = str(source.get("path", ""))
        if path.startswith("generer_") and path.endswith(".py"):
            return f" Vous pouvez le recréer avec : python datasets/{path}"
    return " Restaurez-le depuis le dépôt du cours."


def charger(nom: str) -> pd.DataFrame:
    """Load a dataset of the course by its name (see ``ressources()``) as a DataFrame.

    The separator and encoding come from the catalogue; with a schema, text columns (codes
    INSEE, SIRET…) stay text, numbers become numbers and dates become dates.
    """
    ressource = _ressource(nom)
    fichier = chemin(nom)
    if not fichier.is_file():
        raise ErreurDonnees(
            f"Le fichier de « {nom} » est introuvable ({fichier})." + _conseil_regenerer(ressource)
        )
    format_ = (ressource.get("format") or fichier.suffix.lstrip(".")).lower()
    if format_ in ("xlsx", "xls"):
        return pd.read_excel(fichier, dtype=str)
    if format_ not in ("csv", "tsv", "txt"):
        raise ErreurDonnees(
            f"Le format « {format_} » de « {nom} » n'est pas pris en charge par charger() : "
            "seuls les fichiers CSV et Excel le sont."
        )
    schema = schema_de(ressource)
    options = _options_lecture(ressource, schema)
    try:
        if "names" in options:
            entete = options["names"]
        else:
            entete = pd.read_csv(fichier, nrows=0, **options).columns
        champs = {f["name"]: f for f in (schema or {}).get("fields", [])}
        types_pandas = {}
        for colonne in entete:
            champ = champs.get(colonne)
            if champ is None:
                if MOTIF_IDENTIFIANT.search(str(colonne)):
                    types_pandas[colonne] = str
                continue
            types_pandas[colonne] = {
                "integer": "Int64",
                "year": "Int64",
                "number": "float64",
            }.get(champ.get("type", "string"), str)
        decimal = next(
            (f["decimalChar"] for f in champs.values() if f.get("decimalChar")), "."
        )
        valeurs_manquantes = (schema or {}).get("missingValues", [""])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            tableau = pd.read_csv(
                fichier,
                dtype=types_pandas,
                keep_default_na=schema is None,
                na_values=valeurs_manquantes,
                decimal=decimal,
                **options,
            )
    except (UnicodeDecodeError, ValueError, pd.errors.ParserError) as exc:
        raise ErreurDonnees(
            f"Le fichier {fichier} ne correspond pas à sa description dans le catalogue "
            f"(encodage {options['encoding']}, séparateur « {options['sep']} ») : {exc}. "
            f"Validez-le avec donnees_en_main.donnees.validation.valider(« {nom} ») pour voir les "
            "lignes en cause."
        ) from exc
    for nom_champ, champ in champs.items():
        if nom_champ in tableau.columns and champ.get("type") in ("date", "datetime"):
            tableau[nom_champ] = _dates_schema(tableau[nom_champ], champ, nom)
        if nom_champ in tableau.columns and champ.get("type") == "array":
            tableau[nom_champ] = _listes_json(tableau[nom_champ], nom_champ, nom)
        if nom_champ in tableau.columns and champ.get("type") == "boolean":
            vrais = champ.get("trueValues", ["true", "True", "TRUE", "1"])
            faux = champ.get("falseValues", ["false", "False", "FALSE", "0"])
            correspondance = {**{v: True for v in vrais}, **{v: False for v in faux}}
            tableau[nom_champ] = tableau[nom_champ].map(correspondance).astype("boolean")
    return tableau


def lire(source, comme: str | None = None, *, code_insee: str | None = None) -> pd.DataFrame:
    """The one entry point to read a table: a dataset of the course, or a file.

    - ``lire("energie-secteurs")``: the course's dataset, with the reader declared for it in
      ``donnees.catalogue.JEUX`` (``charger`` and its schema for most of them);
    - ``lire(chemin, comme="energie-secteurs")``: a file laid out like that dataset (your commune's),
      read by the same declared reader; ``code_insee`` keeps one commune when the reader can;
    - ``lire(chemin)``: any CSV file, read as a spreadsheet export (``lire_csv_tableur``); what was
      detected and repaired is in ``attrs["notes"]``.
    """
    from donnees_en_main.donnees.catalogue import jeu

    if comme is not None:
        return jeu(comme).lire(Path(source), code_insee=code_insee)
    if isinstance(source, str) and not re.search(r"[/\\.]", source):
        return jeu(source).lire(code_insee=code_insee)
    tableau, notes = lire_csv_tableur(source)
    tableau.attrs["notes"] = notes
    return tableau


def exiger_colonnes(colonnes, requises, nom_fichier: str | None, nom: str, *, conseil: str = "",
                    erreur: type[ErreurDonnees] = ErreurDonnees) -> None:
    """Before a workshop computes anything: the columns it needs (``requises``, those of the course's
    dataset ``nom``) are in the commune's file, or ``erreur`` (``ErreurDonnees`` or a chapter's subclass)
    names the missing ones, says what the file looks like (« ce fichier ressemble à l'export ma-cantine… »),
    ``conseil`` (the layout expected, in French) and which columns it has.

    ``nom_fichier``: the file's name, or None for a table already loaded (« Votre tableau … »)."""
    from donnees_en_main.donnees.catalogue import ressemble

    colonnes = [str(c) for c in colonnes]
    manquantes = [c for c in requises if c not in colonnes]
    if not manquantes:
        return
    if len(manquantes) == len(requises):
        quoi = (f"n'a aucune des colonnes qu'il faut pour cet atelier (celles du fichier du cours « {nom} » : "
                + ", ".join(requises) + ").")
    else:
        quoi = (f"n'a pas {'la colonne' if len(manquantes) == 1 else 'les colonnes'} "
                + ", ".join(f"« {c} »" for c in manquantes) + f" qu'il faut pour cet atelier (fichier du cours « {nom} »).")
    qui = f"Votre fichier {nom_fichier}" if nom_fichier else "Votre tableau"
    raise erreur(
        f"{qui} {quoi}" + ressemble(colonnes) + (f" {conseil}" if conseil else "")
        + f" Colonnes trouvées : {', '.join(colonnes[:12])}" + ("…" if len(colonnes) > 12 else ".")
    )


def lire_comme(chemin_fichier: Path | str, nom: str, *, code_insee: str | None = None) -> pd.DataFrame:
    """A file laid out like the course's dataset ``nom`` (a commune's own file): read as a spreadsheet
    export (any encoding or separator), then typed after the dataset's schema (numbers, dates).

    With ``code_insee`` (the « votre commune » path) and a ``code_insee`` column: a file holding no row
    of the commune is refused; one holding other communes or several years keeps every row (the
    course's own file is intercommunal) but says so in ``attrs["notes"]``, never shown silently as the
    commune's alone.
    """
    fichier = Path(chemin_fichier)
    tableau, notes = lire_csv_tableur(fichier)
    champs = {f["name"]: f for f in (schema(nom) or {}).get("fields", [])}
    # Before computing anything: the columns the course's dataset requires (its schema).
    par_cle = {cle_entete(c): c for c in champs}
    renommees = {c: par_cle[cle_entete(c)] for c in tableau.columns
                 if c not in champs and cle_entete(c) in par_cle and par_cle[cle_entete(c)] not in tableau.columns}
    if renommees:
        tableau = tableau.rename(columns=renommees)
        notes.append("En-tête : " + ", ".join(f"« {a} » lue comme « {b} »" for a, b in renommees.items())
                     + " (même nom, autre écriture).")
    exiger_colonnes(tableau.columns, [c for c, f in champs.items() if f.get("constraints", {}).get("required")],
                    fichier.name, nom)
    if tableau.empty:
        raise ErreurDonnees(
            f"Votre fichier {fichier.name} n'a que sa ligne d'en-tête (les noms des colonnes) : aucune ligne de "
            "données. L'export s'est sans doute arrêté avant les données, ou un filtre du tableur les cachait : "
            "exportez-le à nouveau, avec toutes ses lignes."
        )
    for colonne, champ in champs.items():
        if colonne not in tableau or champ.get("type") not in ("number", "integer", "year", "date"):
            continue
        if champ["type"] == "date":
            excel = dates_excel(tableau[colonne], colonne, notes)
            tableau[colonne] = excel if excel is not None else pd.to_datetime(
                tableau[colonne], format="mixed", dayfirst=True, errors="coerce")
            continue
        valeurs, masquees, illisibles = nombres_fr(tableau[colonne])
        if masquees.any():
            notes.append(note_valeurs_masquees(tableau[colonne][masquees], f" de la colonne « {colonne} »"))
        if illisibles.any() and valeurs.notna().any():  # words among numbers: the shared rule, never a refusal
            notes.append(note_non_numeriques(tableau[colonne], illisibles, colonne, tableau.attrs.get("lignes")))
        elif illisibles.any():  # not one number in the column: not the column the workshop needs
            raise ErreurDonnees(
                f"Dans votre fichier {fichier.name}, la colonne « {colonne} » contient "
                f"« {tableau[colonne][illisibles].iloc[0]} », qui n'est pas un nombre. Corrigez cette cellule "
                "(un nombre, avec une virgule ou un point décimal)."
            )
        tableau[colonne] = valeurs if champ["type"] == "number" else valeurs.astype("Int64")
    if code_insee is not None and "code_insee" in tableau.columns:
        notes += _perimetre_commune(tableau, code_insee, fichier.name)
    tableau.attrs["notes"] = notes
    return tableau


def _perimetre_commune(tableau: pd.DataFrame, code_insee: str, nom_fichier: str) -> list[str]:
    """Check a commune's file against its code (``code_insee`` column, repaired in place): refuse a file
    without any of its rows; French notes when the file also holds other communes or several years."""
    from donnees_en_main.donnees import codes

    code = codes.exiger(code_insee)
    tableau["code_insee"], completes = codes.normaliser_serie(tableau["code_insee"])
    notes = []
    if completes:
        notes.append(f"Codes INSEE : {pluriel(completes, 'code à 4 chiffres complété', 'codes à 4 chiffres complétés')} "
                     "par le zéro initial perdu.")
    des_arrondissements = tableau["code_insee"].isin(codes.arrondissements(code))  # Paris, Lyon, Marseille
    if des_arrondissements.any():
        notes.append(codes.note_arrondissements(code, tableau["code_insee"][des_arrondissements],
                                                (tableau["code_insee"] == code).any()))
    communes = tableau["code_insee"].mask(des_arrondissements, code)  # for counting: the file's codes are kept
    presents = communes[communes != ""].value_counts()
    sans_code = (communes.fillna("") == "").to_numpy()
    if sans_code.any() and len(presents):
        numeros = pd.Series(_lignes_de(tableau.attrs.get("lignes"), len(tableau)))[sans_code]
        combien = pluriel(int(sans_code.sum()), "ligne n'a", "lignes n'ont")
        notes.append(
            f"Codes INSEE : {combien} pas de code INSEE (ligne"
            f"{'s' if sans_code.sum() > 1 else ''} {_liste_lignes(numeros)} du fichier). Elles sont gardées, mais ne "
            "sont comptées dans aucune commune. Si le tableur avait des cellules fusionnées (le code écrit une fois "
            "pour plusieurs lignes), recopiez le code sur chaque ligne avant d'enregistrer le fichier."
        )
    if code not in presents.index:
        liste = ", ".join(presents.index[:8]) + ("…" if len(presents) > 8 else "")
        raise ErreurDonnees(
            f"Votre fichier {nom_fichier} ne contient aucune ligne de la commune {code} (colonne code_insee) : "
            f"il contient {'la commune' if len(presents) == 1 else 'les communes'} {liste or 'sans code'}. Vérifiez le "
            "code INSEE choisi (ce n'est pas le code postal) ou le fichier déposé dans le dossier de la commune."
            + _conseil_codes_postaux(presents.index)
        )
    if len(presents) > 1:
        notes.append(
            f"Communes : ce fichier contient {pluriel(len(presents), 'commune')} "
            f"({', '.join(presents.index[:8])}{'…' if len(presents) > 8 else ''}), dont "
            f"{pluriel(int(presents[code]), 'ligne de votre commune', 'lignes de votre commune')} ({code}). Toutes les "
            "lignes sont gardées, comme dans le fichier du cours qui réunit les communes de l'intercommunalité : les "
            f"calculs portent sur l'ensemble. Pour votre commune seule, gardez les lignes où code_insee vaut « {code} »."
        )
    if "annee" in tableau.columns:
        annees = sorted(int(a) for a in pd.Series(tableau["annee"]).dropna().unique())
        if len(annees) > 1:
            notes.append(
                f"Années : le fichier couvre {', '.join(map(str, annees))} ; une même ligne (une cantine…) peut y "
                "revenir chaque année. Choisissez une année avant de comparer les lignes entre elles, par exemple "
                f"la dernière, {annees[-1]}."
            )
    return notes


def _conseil_codes_postaux(trouves) -> str:
    """When a file's code_insee column holds postcodes (« 20167 », « 49000 »: no commune has such a code), the
    French sentence that says so; "" otherwise."""
    from donnees_en_main.donnees import codes

    postaux = []
    for code in trouves:
        try:
            codes.valider(code)
        except ErreurDonnees as exc:
            if "code postal" in str(exc):
                postaux.append(code)
    if not postaux:
        return ""
    return (
        f" La colonne code_insee de votre fichier contient des codes postaux ({', '.join(postaux[:5])}), pas des codes "
        f"INSEE : code postal ≠ code INSEE ; par exemple, {codes.EXEMPLE_CODE_POSTAL}. Remplacez-les par les codes "
        "INSEE des communes. " + codes.OU_TROUVER
    )


def _listes_json(serie: pd.Series, colonne: str, nom: str) -> pd.Series:
    """Table Schema `array` cells (JSON text such as ["lait","oeufs"]) as Python lists; empty -> []."""

    def lire(valeur):
        if not isinstance(valeur, str) or not valeur.strip():
            return []
        try:
            liste = json.loads(valeur)
        except json.JSONDecodeError as exc:
            raise ErreurDonnees(
                f"Dans « {nom} », colonne « {colonne} », la valeur {valeur!r} n'est pas une liste "
                'écrite comme le prévoit le schéma (par exemple ["lait","oeufs"]).'
            ) from exc
        return liste if isinstance(liste, list) else [liste]

    return serie.map(lire).astype(object)


def _dates_schema(serie: pd.Series, champ: dict, nom: str) -> pd.Series:
    format_ = champ.get("format", "default")
    if format_ == "default":
        format_ = "%Y-%m-%d" if champ["type"] == "date" else "ISO8601"
    elif format_ == "any":
        format_ = "mixed"
    dates = pd.to_datetime(serie, format=format_, errors="coerce")
    illisibles = serie.notna() & dates.isna()
    if illisibles.any():
        exemple = serie[illisibles].iloc[0]
        raise ErreurDonnees(
            f"Dans « {nom} », la colonne {champ['name']} contient {int(illisibles.sum())} "
            f"date(s) illisible(s), par exemple « {exemple} ». Validez le fichier avec "
            "donnees_en_main.donnees.validation.valider pour les retrouver."
        )
    return dates


# --------------------------------------------------------------------------- real-world CSV


def cle_entete(titre) -> str:
    """A header's comparison key: no accent, lower case, letters, digits and « ? » (a damaged accent)."""
    texte = unicodedata.normalize("NFKD", str(titre).replace("\ufffd", "?"))
    texte = "".join(c for c in texte if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9?]", "", texte)


NOMS_SEPARATEURS = {
    ";": "point-virgule (;)",
    ",": "virgule (,)",
    "\t": "tabulation",
    "|": "barre verticale (|)",
}
NOMS_ENCODAGES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 avec marque d'ordre (BOM)",
    "cp1252": "Windows-1252 (cp1252)",
    "latin-1": "Latin-1 (ISO-8859-1)",
    "utf-16": "UTF-16",
}


@dataclass
class FormatCsv:
    """What ``detecter_format`` found out about a CSV file.

    ``melange``: the file mixes UTF-8 and Windows-1252 lines (pasted exports); ``texte`` is then
    decoded piece by piece, and ``encodage`` is « latin-1 », which reads any byte without failing,
    for the tools that need one codec for the whole file. ``classeur``: the file is an Excel workbook,
    ``texte`` is the sheet read, written as CSV (the file's bytes are not text: use ``texte``).
    """

    encodage: str
    separateur: str | None
    texte: str = field(repr=False)
    notes: list[str] = field(default_factory=list)
    melange: bool = False
    classeur: str | None = None  # an Excel workbook (.xlsx): the sheet read, ``texte`` its cells as CSV


def _repli_cp1252(erreur: UnicodeDecodeError):
    morceau = erreur.object[erreur.start : erreur.end]
    try:
        return morceau.decode("cp1252"), erreur.end
    except UnicodeDecodeError:
        return morceau.decode("latin-1"), erreur.end


codecs.register_error("donnees_en_main_repli_cp1252", _repli_cp1252)


def decoder_melange(octets: bytes) -> tuple[str, int, int]:
    """UTF-8 where the bytes are UTF-8, Windows-1252 for every run of bytes that is not.

    Returns (text, number of lines with Windows-1252 bytes, first such line). A UTF-8 BOM is dropped.
    """
    sans_bom = octets[3:] if octets.startswith(b"\xef\xbb\xbf") else octets
    lignes_windows, premiere = 0, 0
    for numero, ligne in enumerate(sans_bom.split(b"\n"), start=1):
        try:
            ligne.decode("utf-8")
        except UnicodeDecodeError:
            lignes_windows += 1
            premiere = premiere or numero
    return sans_bom.decode("utf-8", errors="donnees_en_main_repli_cp1252"), lignes_windows, premiere


def lignes_utf8_accentuees(octets: bytes) -> int:
    """Lines holding non-ASCII bytes that are valid UTF-8 (then a non-UTF-8 rest is a mixed file)."""
    total = 0
    for ligne in octets.split(b"\n"):
        if re.search(rb"[\x80-\xff]", ligne):
            try:
                ligne.decode("utf-8")
                total += 1
            except UnicodeDecodeError:
                pass
    return total


def _nom_affiche(fichier: Path) -> str:
    return fichier.name or str(fichier)


def _lire_octets(fichier: Path) -> bytes:
    if not fichier.exists():
        raise ErreurDonnees(
            f"Le fichier « {_nom_affiche(fichier)} » est introuvable (chemin cherché : "
            f"{fichier}). Vérifiez son nom, son extension (.csv) et le dossier où il se trouve."
        )
    if fichier.is_dir():
        raise ErreurDonnees(
            f"« {fichier} » est un dossier, pas un fichier. Indiquez le chemin du fichier CSV "
            "lui-même, par exemple dossier/mon-fichier.csv."
        )
    return fichier.read_bytes()


SIGNATURES = (
    (b"PK\x03\x04", "un classeur OpenDocument (.ods), une archive ZIP ou un classeur Excel (.xlsx) illisible"),
    (b"\xd0\xcf\x11\xe0", "un ancien classeur Excel (.xls)"),
    (b"%PDF", "un document PDF"),
    (b"\x89PNG", "une image PNG"),
    (b"\xff\xd8\xff", "une image JPEG"),
)


def _cellule_csv(valeur) -> str:
    """A spreadsheet cell as a French CSV export writes it (decimal comma, dates jj/mm/aaaa)."""
    import datetime as dt

    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "VRAI" if valeur else "FAUX"
    if isinstance(valeur, int):
        return str(valeur)
    if isinstance(valeur, float):
        if valeur.is_integer() and abs(valeur) < 1e15:
            return str(int(valeur))
        return f"{valeur:.15g}".replace(".", ",")
    if isinstance(valeur, dt.datetime):
        if (valeur.hour, valeur.minute, valeur.second) == (0, 0, 0):
            return valeur.strftime("%d/%m/%Y")
        return valeur.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(valeur, dt.date):
        return valeur.strftime("%d/%m/%Y")
    if isinstance(valeur, dt.time):
        return valeur.strftime("%H:%M:%S")
    return str(valeur)


def classeur_en_csv(octets: bytes) -> tuple[str, str, list[str]] | None:
    """The first non-empty sheet of an Excel workbook (.xlsx) as CSV text (``,`` separator), its name and
    the names of the other non-empty sheets; None when the bytes are not an .xlsx workbook (an .ods, a
    plain ZIP archive…). Cached formula results are read (what the spreadsheet showed), never formulas."""
    try:
        import openpyxl

        classeur = openpyxl.load_workbook(io.BytesIO(octets), read_only=True, data_only=True)
    except Exception:  # not a workbook openpyxl can open: the caller says what the file is
        return None
    try:
        lue, autres, lignes = None, [], []
        for feuille in classeur.worksheets:
            if lue is None:  # the first filled sheet is read whole
                cellules = [[_cellule_csv(v).strip() for v in ligne] for ligne in feuille.iter_rows(values_only=True)]
                if any(c for ligne in cellules for c in ligne):
                    lue, lignes = feuille.title, cellules
            elif any(_cellule_csv(v).strip() for ligne in feuille.iter_rows(values_only=True) for v in ligne):
                autres.append(feuille.title)  # the others: named only, read up to their first filled cell
    finally:
        classeur.close()
    if lue is None:
        return "", "", []
    while lignes and not any(lignes[-1]):
        lignes.pop()
    largeur = max((max((i + 1 for i, c in enumerate(ligne) if c), default=0) for ligne in lignes), default=0)
    sortie = io.StringIO()
    ecrivain = csv.writer(sortie, lineterminator="\n")
    for ligne in lignes:
        ecrivain.writerow((list(ligne) + [""] * largeur)[:largeur])
    return sortie.getvalue(), lue, autres


def detecter_format(fichier: Path | str) -> FormatCsv:
    """Sniff the encoding and the separator of a CSV file; raise ``ErreurDonnees`` if it
    is missing, empty or not a text file."""
    fichier = Path(fichier)
    octets = _lire_octets(fichier)
    nom = _nom_affiche(fichier)
    conseil_csv = (
        "Ouvrez-le dans votre tableur puis choisissez « Enregistrer sous » et le type "
        "« CSV UTF-8 (délimité par des virgules) »."
    )
    classeur = classeur_en_csv(octets) if octets.startswith(b"PK\x03\x04") else None
    for signature, nature in SIGNATURES:
        if octets.startswith(signature) and classeur is None:
            raise ErreurDonnees(
                f"« {nom} » n'est pas un fichier CSV : c'est {nature}. {conseil_csv}"
            )
    notes: list[str] = []
    if classeur is not None:
        texte, feuille, autres = classeur
        encodage = "utf-8"
        if not texte.strip():
            raise ErreurDonnees(
                f"Le classeur « {nom} » est vide : aucune de ses feuilles ne contient de cellule remplie. "
                "Vérifiez que c'est le bon fichier, ou ré-exportez-le depuis votre logiciel."
            )
        note = f"Classeur Excel : la feuille « {feuille} » a été lue, avec les valeurs qu'affichait le tableur."
        if autres:
            note += (
                f" {pluriel(len(autres), 'autre feuille remplie', 'autres feuilles remplies')} n'"
                f"{'ont' if len(autres) > 1 else 'a'} pas été lue{'s' if len(autres) > 1 else ''} ("
                + ", ".join(f"« {a} »" for a in autres)
                + ") : si les données sont ailleurs, placez leur feuille en premier dans le classeur, ou "
                "enregistrez-la seule en « CSV UTF-8 »."
            )
        notes.append(note)
    elif octets.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodage = "utf-16"
    elif b"\x00" in octets[:65536]:
        raise ErreurDonnees(
            f"« {nom} » ne contient pas du texte lisible : c'est un fichier binaire (image, "
            f"classeur, logiciel…), pas un CSV. {conseil_csv}"
        )
    else:
        bom = octets.startswith(b"\xef\xbb\xbf")
        encodage = "utf-8-sig" if bom else "utf-8"
        try:
            octets.decode("utf-8")
        except UnicodeDecodeError:
            if bom or lignes_utf8_accentuees(octets):
                encodage = "mixte"
            else:
                encodage = "cp1252"
                try:
                    octets.decode("cp1252")
                except UnicodeDecodeError:
                    encodage = "latin-1"
    melange = encodage == "mixte"
    if melange:
        texte, n_windows, premiere = decoder_melange(octets)
        encodage = "latin-1"
    elif classeur is None:
        texte = octets.decode(encodage)
    if encodage == "utf-16":
        texte = texte.lstrip("\ufeff")
    if not texte.strip():
        raise ErreurDonnees(
            f"Le fichier « {nom} » est vide : il ne contient aucune ligne. Ré-exportez-le "
            "depuis votre tableur ou votre logiciel métier, en vérifiant que l'export a bien "
            "produit des lignes."
        )
    controles = sum(1 for c in texte[:65536] if ord(c) < 32 and c not in "\t\r\n")
    if controles > max(3, len(texte[:65536]) // 100):
        raise ErreurDonnees(
            f"« {nom} » ne ressemble pas à un fichier texte CSV (trop de caractères de "
            f"contrôle). {conseil_csv}"
        )
    if texte.lstrip("\ufeff \t\r\n")[:1] in ("{", "["):
        try:
            json.loads(texte.lstrip("\ufeff"))
        except ValueError:
            pass
        else:
            raise ErreurDonnees(
                f"« {nom} » est un fichier JSON (des données imbriquées entre accolades), pas un tableau CSV : "
                "il ne peut pas être lu comme un tableau de lignes et de colonnes. Cherchez sur la page du jeu de "
                "données la version CSV (ou « tableur ») du même fichier."
            )
    debut_texte = texte.lstrip("\ufeff \t\r\n")[:2000].lower()
    if debut_texte.startswith(("<!doctype html", "<html", "<?xml")) or (debut_texte[:1] == "<" and "<html" in debut_texte):
        raise ErreurDonnees(
            f"« {nom} » n'est pas un tableau CSV : c'est une page web (du HTML), enregistrée sous un nom en .csv. "
            "Cela arrive quand on fait « Enregistrer la page sous » ou quand le lien de téléchargement mène à une "
            "page d'erreur ou de connexion. Retournez sur la page du jeu de données et cliquez sur le lien de "
            "téléchargement du fichier lui-même (CSV), ou exportez le tableau en « CSV UTF-8 » depuis votre tableur."
        )
    if "\r" in texte and "\n" not in texte:  # classic Mac OS line ends (CR alone), as old Excel for Mac writes them
        texte = texte.replace("\r", "\n")
        notes.append(
            "Fins de ligne : chaque ligne finit par un retour chariot seul (CR), comme l'écrivent les anciennes "
            "versions d'Excel pour Mac ; les lignes ont été séparées correctement."
        )
    if classeur is not None:
        pass  # said above: the sheet read (no encoding, no separator of its own)
    elif melange:
        debut = "commence par la marque UTF-8 (BOM), mais" if octets.startswith(b"\xef\xbb\xbf") else "mélange deux encodages :"
        notes.append(
            f"Encodage : le fichier {debut} {pluriel(n_windows, 'ligne est', 'lignes sont')} en Windows-1252 "
            f"(cp1252), par exemple la ligne {premiere}, le reste en UTF-8 (des exports collés bout à bout). Chaque "
            "morceau a été décodé dans son propre encodage, ligne par ligne et octet par octet : vérifiez les "
            "accents de ces lignes. "
            "Pour publier le fichier, réenregistrez-le en « CSV UTF-8 »."
        )
    elif encodage == "utf-8-sig":
        notes.append(
            "Encodage : UTF-8, précédé d'une marque d'ordre (BOM) comme en ajoutent Excel et "
            "certains logiciels ; elle a été ignorée."
        )
    elif encodage != "utf-8":
        notes.append(
            f"Encodage : {NOMS_ENCODAGES[encodage]}, celui des tableurs sous Windows, et non "
            "UTF-8 ; les accents ont été lus correctement. Pour publier le fichier, "
            "enregistrez-le en « CSV UTF-8 »."
        )
    else:
        notes.append("Encodage : UTF-8, comme recommandé.")

    separateur = _deviner_separateur(texte)
    if classeur is not None:
        pass
    elif separateur is None:
        notes.append(
            "Séparateur : aucun n'a été reconnu (ni point-virgule, ni virgule, ni tabulation) ; "
            "le fichier est lu comme une seule colonne."
        )
    elif separateur == ",":
        notes.append("Séparateur : virgule (,), comme recommandé.")
    else:
        notes.append(
            f"Séparateur : {NOMS_SEPARATEURS[separateur]}, courant dans les exports de tableur "
            "français ; le format national (SCDL) recommande la virgule."
        )
    texte, note_titre = _effacer_lignes_de_titre(texte, separateur)
    if note_titre:
        notes.append(note_titre)
    return FormatCsv(encodage=encodage, separateur=separateur, texte=texte, notes=notes, melange=melange,
                     classeur=classeur[1] if classeur else None)


def _remplies(ligne: list[str]) -> int:
    return sum(1 for c in ligne if c.strip())


def _effacer_lignes_de_titre(texte: str, separateur: str | None) -> tuple[str, str]:
    """Lines above the header (a title, a date, a blank row of separators, as an Excel sheet saved as CSV has
    them) are blanked — not removed, so that line numbers in messages stay those of the file. Returns the text and
    a French note ("" when there was no such line).

    A top line is a title when it fills fewer than half of the cells the rows below fill (at least 2); only the
    first 10 lines are looked at."""
    if separateur is None:
        return texte, ""
    lecteur = csv.reader(io.StringIO(texte[:65536], newline=""), delimiter=separateur)
    lignes, debut = [], 0  # (first physical line index, last + 1, cells)
    try:
        for ligne in lecteur:
            lignes.append((debut, lecteur.line_num, ligne))
            debut = lecteur.line_num
            if len(lignes) >= 60:
                break
    except csv.Error:
        return texte, ""
    pleines = sorted(_remplies(l) for _, _, l in lignes if _remplies(l))
    if len(pleines) < 3:
        return texte, ""
    reference = pleines[len(pleines) // 2]  # the median number of filled cells of a row
    titres = []
    for premiere, fin, cellules in lignes[:10]:
        if _remplies(cellules) >= max(2, reference / 2):
            break
        titres.append((premiere, fin, cellules))
    else:
        return texte, ""
    if not any(_remplies(c) for _, _, c in titres):
        return texte, ""  # blank lines above the header: every reader already skips them
    physiques = texte.split("\n")
    for premiere, fin, _ in titres:
        for i in range(premiere, fin):
            physiques[i] = ""
    mots = [" ".join(c.strip() for c in cellules if c.strip()) for _, _, cellules in titres]
    mots = [m for m in mots if m]
    entete = titres[-1][1] + 1
    n = len(mots)
    pas_lue = "elle n'est pas lue" if n == 1 else "elles ne sont pas lues"
    note = (
        f"Lignes de titre : {'la ligne' if n == 1 else 'les lignes'} au-dessus de l'en-tête "
        f"({', '.join(f'« {m[:60]} »' for m in mots[:3])}{'…' if n > 3 else ''}) "
        f"{'est un titre' if n == 1 else 'sont un titre'}, comme en ajoute un tableur, pas des données ni des noms de "
        f"colonnes : {pas_lue}. L'en-tête est la ligne {entete} du fichier."
    )
    return "\n".join(physiques), note


def _deviner_separateur(texte: str) -> str | None:
    echantillon = texte[:65536]
    if len(texte) > len(echantillon):  # drop a probably truncated last line
        echantillon = echantillon[: echantillon.rfind("\n") + 1] or echantillon
    meilleur, meilleur_score = None, (0.0, 1)
    for candidat in NOMS_SEPARATEURS:
        try:
            lignes = list(csv.reader(io.StringIO(echantillon), delimiter=candidat))
        except csv.Error:
            continue
        tailles = [len(l) for l in lignes if any(c.strip() for c in l)][:200]
        if not tailles:
            continue
        # The width of most rows, not of the first one: a title line above the header has one cell.
        reference = tailles[0] if tailles.count(tailles[0]) * 2 >= len(tailles) else max(set(tailles), key=tailles.count)
        if reference < 2:
            continue
        coherence = sum(t == reference for t in tailles) / len(tailles)
        score = (coherence, reference)
        if score > meilleur_score:
            meilleur, meilleur_score = candidat, score
    return meilleur


# The one list of the words producers write instead of a value they hide or do not have: statistical
# secrecy (« secret », « s »), « non disponible » (« nd », « n.d. »), « non communiqué » (« NC »), a dash.
# Read as missing values — unknown, not zero — counted and announced, never a reason to refuse a file.
VALEURS_MASQUEES = ("secret", "secret statistique", "s", "nd", "n.d.", "n.d", "nc", "n.c.", "-", "–", "—")
_MASQUEES = frozenset(VALEURS_MASQUEES)


def est_masquee(valeur) -> bool:
    """True for a masked-value word (``VALEURS_MASQUEES``, any case, spaces around ignored)."""
    return isinstance(valeur, str) and valeur.strip().lower() in _MASQUEES


def note_valeurs_masquees(mots, ou: str = "") -> str:
    """The French note announcing masked values: how many, which words, what they mean."""
    from collections import Counter

    comptes = Counter(str(m).strip() for m in mots)
    total = sum(comptes.values())
    liste = ", ".join(f"« {m} » ({formater_entier(k)})" for m, k in comptes.most_common(5))
    return (
        f"Valeurs masquées : {pluriel(total, 'case')}{ou} {'contient' if total == 1 else 'contiennent'} un mot au lieu "
        f"d'un nombre ({liste}) : secret statistique, valeur non disponible ou non communiquée. "
        f"{'Elle est lue' if total == 1 else 'Elles sont lues'} comme inconnue{'s' if total > 1 else ''} (vide), "
        "pas comme zéro : une somme des valeurs visibles n'est qu'un minimum."
    )


def texte_nombre_fr(valeur) -> str | None:
    """A number as written in a French file, as text Python reads: '40 000,00' -> '40000.00', '17 833' -> '17833',
    '1.234,5' -> '1234.5', '12 €' or '12 euros' -> '12', '1,5E+05' -> '1.5E+05'; None when it is not a number
    (a word, a masked value, « inf »). The one French-number parser: ``nombres_fr`` and the SCDL reader use it."""
    if not isinstance(valeur, str):
        return None
    propre = re.sub(r"[\s\u00a0\u202f€]|eur(os?)?$", "", valeur.strip(), flags=re.IGNORECASE)
    if re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+,\d+", propre):  # 1.234,5: dots between thousands
        propre = propre.replace(".", "")
    if propre.count(",") == 1 and "." not in propre:
        propre = propre.replace(",", ".")
    return propre if re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?", propre) else None


def nombres_fr(serie: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """French-written numbers as floats (``texte_nombre_fr``): '1 234,5', '1234.5', '12 €'.

    Returns (values, masked, unreadable): masked words (``VALEURS_MASQUEES``) and empty cells are NaN;
    ``unreadable`` marks the other cells that are not numbers (NaN too: the caller decides).
    """
    texte = serie.astype("string").str.strip()
    valeurs = pd.to_numeric(texte.map(texte_nombre_fr, na_action="ignore"), errors="coerce").astype("float64")
    masquees = texte.str.lower().isin(_MASQUEES).fillna(False).astype(bool)
    illisibles = (texte.fillna("") != "") & valeurs.isna() & ~masquees
    return valeurs, masquees, illisibles.astype(bool)


def note_non_numeriques(ecrites: pd.Series, illisibles: pd.Series, colonne: str, lignes=None) -> str:
    """The one rule for a cell where a number is expected that holds another word (« SEM », « ODHLM »…),
    as every reader applies it: not a crash, not a refusal of the file; the value stays missing, and this
    French note counts the cells, lists their lines in the file and says that totals exclude them.

    ``ecrites``: the column as written; ``illisibles``: the mask from ``nombres_fr``; ``lignes``: the line of
    the original file of each row (``attrs["lignes"]`` of ``lire_csv_tableur``), else row + 2 (header line 1).
    """
    from collections import Counter

    positions = [int(i) for i in illisibles.to_numpy().nonzero()[0]]
    if lignes is None or len(lignes) != len(ecrites):
        lignes = range(2, len(ecrites) + 2)
    numeros = [lignes[i] for i in positions]
    comptes = Counter(str(v).strip() for v in ecrites[illisibles])
    total = len(positions)
    mots = ", ".join(f"« {m} »" + (f" ({formater_entier(k)})" if total > 1 else "") for m, k in comptes.most_common(5))
    une = total == 1
    exclure = "l'excluent" if une else "les excluent"
    return (
        f"Colonne {colonne} : {pluriel(total, 'case contient', 'cases contiennent')} un texte au lieu d'un nombre "
        f"({mots}{', …' if len(comptes) > 5 else ''}), "
        f"{'ligne' if une else 'lignes'} {', '.join(map(str, numeros[:12]))}{'…' if total > 12 else ''} du fichier. "
        f"Ce n'est pas un mot connu de valeur masquée (« secret », « nd », « NC »…) : "
        f"{'la valeur est laissée vide' if une else 'les valeurs sont laissées vides'} (inconnue{'' if une else 's'}, "
        f"pas zéro), {'la ligne est gardée' if une else 'les lignes sont gardées'}, et les totaux de cette colonne "
        f"{exclure} : ce sont des minimums. Demandez au service qui a "
        "publié le fichier ce que ce texte veut dire."
    )


def nombres_colonne(serie: pd.Series, colonne: str, notes: list[str], lignes=None) -> pd.Series:
    """A column of French-written numbers as floats, with the shared rules said in ``notes``: masked words
    (``note_valeurs_masquees``) and other words (``note_non_numeriques``) are missing values, never a refusal."""
    valeurs, masquees, illisibles = nombres_fr(serie)
    if masquees.any():
        notes.append(note_valeurs_masquees(serie[masquees], f" de la colonne {colonne}"))
    if illisibles.any():
        notes.append(note_non_numeriques(serie, illisibles, colonne, lignes))
    return valeurs.astype("float64")


def _lignes_de(lignes, n: int) -> list:
    return list(lignes) if lignes is not None and len(lignes) == n else list(range(2, n + 2))


def _liste_lignes(numeros) -> str:
    numeros = list(numeros)
    return ", ".join(map(str, numeros[:8])) + ("…" if len(numeros) > 8 else "")


def ecrit_en_pourcent(serie: pd.Series) -> pd.Series:
    """True where a share is written as a percentage: « 45 % », or a number between 1 (excluded) and 100."""
    texte = serie.astype("string").str.strip()
    signe = texte.str.endswith("%").fillna(False).astype(bool)
    valeurs = nombres_fr(texte.str.rstrip("%"))[0]
    return signe | ((valeurs > 1) & (valeurs <= 100)).fillna(False).astype(bool)


def _nombre_ecrit(x: float) -> str:
    """0.5 -> '0,5', 100.0 -> '100': a share or a percentage as a French reader writes it in a sentence."""
    return f"{x:.10g}".replace(".", ",")


def parts_par_valeur(serie: pd.Series, colonne: str, notes: list[str], lignes=None, *,
                     fichier_en_pourcent: bool | None = None) -> pd.Series:
    """The one rule for shares that a schema writes between 0 and 1 (0.45 for 45 %): ma-cantine's ratios, the
    SCDL ``pourcentageSubvention`` (``lire_subventions`` and ``lire_scdl``). Decided value by value — never a
    whole column rescaled because one value is above 1. Each decision is said in French in ``notes``, with
    the lines of the file:

    - « 45 % », or a number between 1 (excluded) and 100: a percentage, divided by 100 on its own row;
    - 0 to 1: a share, as the schema says; but when the file also writes percentages
      (``fichier_en_pourcent``, by default: this column does), a value in (0, 1] may be a share or a
      percentage (« 1 » = 100 % or 1 %? « 0,5 » = 50 % or 0,5 %?): kept as a share and reported as ambiguous;
    - below 0 or above 100 (100 %): impossible, left missing and reported as inconsistent;
    - empty: missing (the caller decides what an empty share means); masked and other words: missing, by the
      shared rules (``nombres_colonne``).
    """
    texte = serie.astype("string").str.strip()
    numeros = pd.Series(_lignes_de(lignes, len(serie)), index=serie.index)
    signe = texte.str.endswith("%").fillna(False).astype(bool)
    valeurs = nombres_colonne(texte.str.rstrip("%").str.strip(), colonne, notes, list(numeros))
    en_pourcent = ecrit_en_pourcent(serie)
    if fichier_en_pourcent is None:
        fichier_en_pourcent = bool(en_pourcent.any())
    impossibles = ((valeurs < 0) | (valeurs > 100)).fillna(False).astype(bool)
    en_pourcent &= ~impossibles
    ambigues = (~en_pourcent & ~signe & (valeurs > 0) & (valeurs <= 1)).fillna(False).astype(bool) & fichier_en_pourcent
    parts = valeurs.where(~en_pourcent, valeurs / 100).mask(impossibles)

    def lieu(masque: pd.Series) -> str:
        n = int(masque.sum())
        return (f"ligne{'s' if n > 1 else ''} {_liste_lignes(numeros[masque])}, "
                f"{'par exemple ' if n > 1 else ''}« {serie[masque].iloc[0]} »")

    if en_pourcent.any():
        n = int(en_pourcent.sum())
        notes.append(
            f"Colonne {colonne} : {pluriel(n, 'valeur écrite', 'valeurs écrites')} en pourcentage "
            f"({'par exemple ' if n > 1 else ''}« {serie[en_pourcent].iloc[0]} »), et non en part entre 0 et 1 comme le "
            f"prévoit le schéma : divisée{'s' if n > 1 else ''} par 100, ligne par ligne (ligne{'s' if n > 1 else ''} "
            f"{_liste_lignes(numeros[en_pourcent])}). Les autres valeurs ne sont pas changées."
        )
    if ambigues.any():
        x, ecrit = float(valeurs[ambigues].iloc[0]), str(serie[ambigues].iloc[0]).strip()
        une = ambigues.sum() == 1
        notes.append(
            f"Colonne {colonne} : {pluriel(int(ambigues.sum()), 'valeur ambiguë', 'valeurs ambiguës')} ({lieu(ambigues)}) : "
            "le schéma écrit une part entre 0 et 1, mais ce fichier écrit aussi des pourcentages ; "
            f"« {ecrit} » peut donc vouloir dire {_nombre_ecrit(x * 100)} % ou {_nombre_ecrit(x)} %. "
            f"{'Gardée comme une part' if une else 'Gardées comme des parts'}, comme le veut le schéma "
            f"(« {ecrit} » lu {_nombre_ecrit(x * 100)} %) : vérifiez-{'la' if une else 'les'} auprès du service "
            "qui a publié le fichier."
        )
    if impossibles.any():
        notes.append(
            f"Colonne {colonne} : {pluriel(int(impossibles.sum()), 'valeur incohérente', 'valeurs incohérentes')} "
            f"({lieu(impossibles)}) : une part ne peut pas être négative ni dépasser 100 %. "
            f"{'Laissée vide' if impossibles.sum() == 1 else 'Laissées vides'} (inconnue{'s' if impossibles.sum() > 1 else ''}, "
            f"pas zéro) : corrigez-{'la' if impossibles.sum() == 1 else 'les'} dans le fichier (0.45 ou 45 % pour 45 %)."
        )
    return parts.astype("float64")


# A column code as producers write them under their labels: CONSO, IRIS_CODE, code_commune, consoa, nb.pdl.
MOTIF_CODE_COLONNE = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:[_.-][A-Za-z0-9]+)*$")


def _est_nombre(valeur: str) -> bool:
    return nombres_fr(pd.Series([valeur], dtype="string"))[0].notna().iloc[0]


def est_ligne_de_codes(entete: list[str], ligne: list[str], suivantes: list[list[str]]) -> bool:
    """True when ``ligne``, the row under the header, is a second header row — the codes of the columns under
    their French labels, as SDES and Agence ORE publish them — and not data. The one rule every reader uses.

    It is one when: at least 3 columns and 80 % of its cells are filled; every filled cell looks like a column
    code (letters, digits, ``_``; no space; not a number nor a masked-value word), all different; at least one
    column holds numbers in the rows below (``suivantes``) — where this row has a word; and none of its cells
    comes back as a value of its column below (a data row's words do: « SEM », « Gaz »…).
    """
    cellules = [str(c).strip() for c in ligne]
    remplies = [c for c in cellules if c]
    if len(entete) < 3 or len(remplies) < max(3, 0.8 * len(entete)) or len(set(remplies)) != len(remplies):
        return False
    if not all(MOTIF_CODE_COLONNE.fullmatch(c) and not est_masquee(c) for c in remplies):
        return False
    numerique_dessous = False
    for j, code in enumerate(cellules):
        dessous = [str(l[j]).strip() for l in suivantes if j < len(l) and str(l[j]).strip()]
        if code and code in dessous:
            return False
        chiffres = [v for v in dessous if not est_masquee(v)]
        if code and chiffres and sum(map(_est_nombre, chiffres)) >= 0.9 * len(chiffres):
            numerique_dessous = True
    return numerique_dessous


# A cell that says its row adds up the others: « Total », « TOTAL GÉNÉRAL », « Sous-total culture », « Somme 2023 ».
MOTIF_TOTAL = re.compile(r"(sous[- ]?)?(total|totaux)(\b.{0,40})?|(somme|cumul)( totale?)?( \d{4})?", re.IGNORECASE)


def _est_total(valeurs: pd.Series, i: int) -> bool:
    """True when row ``i`` of a numeric column equals the sum of the other rows (to the cent)."""
    valeur = valeurs.iloc[i]
    autres = valeurs.drop(valeurs.index[i]).dropna()
    return bool(pd.notna(valeur) and len(autres) >= 2 and abs(autres.sum() - valeur) <= 0.01 + 1e-6 * abs(valeur))


def lignes_hors_donnees(tableau: pd.DataFrame, lignes=None) -> tuple[pd.Series, list[str]]:
    """The rows of a table read from a file that are not data, and the French notes saying which and why.
    The one rule every reader shares (through ``lire_csv_tableur``):

    - the header line again, written exactly as the header, in the middle of the file (two exports pasted one
      after the other; « NOM;VILLE » under « Nom;Ville » may be data: kept);
    - a total row: « Total », « TOTAL GÉNÉRAL », « Sous-total … » or « Somme » as the first cell of a half-empty
      row, or among its first three cells when a number of the row equals the sum of the other rows (so that a
      beneficiary called « Total » in a full row stays). Counted as a row, it would double the sum.

    ``lignes``: the line of the file of each row (for the notes)."""
    numeros = _lignes_de(lignes, len(tableau))
    n = len(tableau.columns)
    entete = [str(c).strip() for c in tableau.columns]  # written exactly as the header: « NOM » under « Nom » may be data
    textes = tableau.astype("string").apply(lambda s: s.str.strip())
    remplies = textes.notna() & textes.ne("")
    repetees = pd.Series(False, index=tableau.index)
    totaux = pd.Series(False, index=tableau.index)
    nombres_cache: dict = {}
    # Candidates first, column by column (fast on 200 000 rows); then each candidate row is looked at.
    candidates = pd.Series(False, index=tableau.index)
    for j, colonne in enumerate(tableau.columns):
        cellules = textes.iloc[:, j].str.lower()
        candidates |= cellules.eq(str(colonne).strip().lower()).fillna(False).astype(bool)
        candidates |= cellules.str.match(r"(sous[- ]?)?(total|somme|cumul)").fillna(False).astype(bool)
    for i in candidates.to_numpy().nonzero()[0]:
        cellules = textes.iloc[i]
        pleines = [(j, str(v)) for j, v in enumerate(cellules) if remplies.iat[i, j]]
        if n >= 2 and len(pleines) >= max(2, n / 2) and all(v == entete[j] for j, v in pleines):
            repetees.iat[i] = True
            continue
        marque = next((v for _, v in pleines[:3] if MOTIF_TOTAL.fullmatch(v)), None)
        if marque is None or len(tableau) < 3:
            continue
        if MOTIF_TOTAL.fullmatch(pleines[0][1]) and len(pleines) <= 0.6 * n:  # a label first, in a half-empty row
            totaux.iat[i] = True
            continue
        for j, _ in pleines:
            if j not in nombres_cache:
                nombres_cache[j] = nombres_fr(tableau.iloc[:, j].astype("string"))[0]
            if _est_total(nombres_cache[j], i):
                totaux.iat[i] = True
                break
    notes = []

    def pas_comptee(k: int) -> str:
        return "elle n'est pas comptée" if k == 1 else "elles ne sont pas comptées"

    if repetees.any():
        k = int(repetees.sum())
        notes.append(
            f"En-tête répété : {'la ligne' if k == 1 else 'les lignes'} {_liste_lignes(pd.Series(numeros)[repetees.to_numpy()])} "
            f"du fichier {'répète' if k == 1 else 'répètent'} les noms des colonnes, signe de deux exports collés l'un "
            f"après l'autre. Ce ne sont pas des données : {pas_comptee(k)}."
        )
    if totaux.any():
        k = int(totaux.sum())
        exemple = next(v for v in textes[totaux].iloc[0] if isinstance(v, str) and MOTIF_TOTAL.fullmatch(v))
        notes.append(
            f"{'Ligne' if k == 1 else 'Lignes'} de total : {'la ligne' if k == 1 else 'les lignes'} "
            f"{_liste_lignes(pd.Series(numeros)[totaux.to_numpy()])} du fichier (« {exemple} ») "
            f"{'additionne' if k == 1 else 'additionnent'} les lignes du tableau. Ce ne sont pas des données : "
            f"{pas_comptee(k)}, sinon les sommes seraient comptées deux fois."
        )
    return (repetees | totaux), notes


def note_ligne_de_codes(codes: list[str], ligne: int, premiere_donnee: int | None = None) -> str:
    """The French note on a second header row (``est_ligne_de_codes``) taken out of the data."""
    codes = [c for c in codes if c]
    suite = f", les données commencent à la ligne {premiere_donnee}" if premiere_donnee else ""
    return (
        f"Deux lignes d'en-tête : la ligne {ligne} donne les codes des colonnes ({', '.join(codes[:6])}"
        f"{'…' if len(codes) > 6 else ''}) sous leurs libellés en français. Ce n'est pas une ligne de données : elle "
        f"n'est pas comptée{suite}."
    )


class NumerosDeLignes(list):
    """The line of the file of each row (``attrs["lignes"]``): a list of ints. pandas deep-copies ``attrs`` on
    every operation on the table or its columns; a copy of the list is enough (ints are immutable), and keeps a
    200 000-row file from being slowed down several times over."""

    def __deepcopy__(self, memo):
        return NumerosDeLignes(self)


def lignes_d_origine(texte: str, separateur: str | None) -> list[int]:
    """Line (in the original file, 1-based) where each non-empty data row starts, the header excluded."""
    lecteur = csv.reader(io.StringIO(texte, newline=""), delimiter=separateur or "\x1f")
    debuts, fin_precedente, premiere = [], 0, True
    for ligne in lecteur:
        if any(c.strip() for c in ligne):
            if premiere:
                premiere = False
            else:
                debuts.append(fin_precedente + 1)
        fin_precedente = lecteur.line_num
    return debuts


MOTIF_DATE_FR = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}( \d{1,2}:\d{2}(:\d{2})?)?$")
MOTIF_NOMBRE_FR = re.compile(r"^[-+]?\d{1,3}([  \u202f]?\d{3})*(,\d+)?$|^[-+]?\d+(,\d+)?$")
FORMATS_DATE = ("%d/%m/%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d")


def dates_excel(serie: pd.Series, colonne: str, notes: list[str], lignes=None) -> pd.Series | None:
    """Dates written as Excel serial numbers (« 45292 » for 2024-01-01: a date cell saved as a number), as dates,
    said in ``notes``; None when the filled cells are not all such numbers (between 1955 and 2119: 20 000 to
    80 000). The one rule every reader applies before calling a date unreadable."""
    texte = serie.astype("string").str.strip()
    remplies = texte.notna() & texte.ne("")
    if not remplies.any() or not texte[remplies].str.fullmatch(r"\d{5}(\.0+)?").all():
        return None
    nombres = pd.to_numeric(texte.where(remplies), errors="coerce")
    if not nombres[remplies].between(20000, 80000).all():
        return None
    dates = pd.to_datetime("1899-12-30") + pd.to_timedelta(nombres, unit="D")
    premiere = texte[remplies].iloc[0]
    notes.append(
        f"Dates : colonne {colonne}, {pluriel(int(remplies.sum()), 'date écrite', 'dates écrites')} comme un nombre "
        f"(« {premiere} » pour le {dates[remplies].iloc[0].strftime('%d/%m/%Y')}) : c'est ainsi qu'Excel enregistre une "
        "date quand la cellule est au format « Nombre ». Converties en vraies dates (jours comptés depuis le "
        "30/12/1899, la convention d'Excel) ; vérifiez une ou deux dates dans le fichier."
    )
    return dates


def formater_entier(n: int) -> str:
    """French thousands separator (narrow no-break space): 1 095."""
    return f"{n:,}".replace(",", "\u202f")


def pluriel(n: int, singulier: str, pluriel_: str | None = None) -> str:
    """« 1 date convertie », « 1 095 dates converties » (French number and agreement)."""
    mot = singulier if abs(n) < 2 else (pluriel_ or " ".join(m + "s" for m in singulier.split()))
    return f"{formater_entier(n)} {mot}"


def _colonnes_demandees(tableau: pd.DataFrame, demande, nom: str, quoi: str) -> list[str]:
    if isinstance(demande, str):
        demande = [demande]
    colonnes = list(demande)
    inconnues = [c for c in colonnes if c not in tableau.columns]
    if inconnues:
        raise ErreurDonnees(
            f"{quoi} : la colonne {', '.join(f'« {c} »' for c in inconnues)} n'existe pas "
            f"dans « {nom} ». Colonnes présentes : {', '.join(map(str, tableau.columns))}."
        )
    return colonnes


def erreur_de_structure(exc: Exception, nom: str, separateur: str | None) -> ErreurDonnees:
    """pandas' parser error on a CSV file (a row too long, a quote never closed…) said in French."""
    message = str(exc)
    if trouve := re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message):
        attendu, ligne, vu = trouve.groups()
        detail = (
            f"la ligne {ligne} contient {vu} cellules alors que l'en-tête en annonce "
            f"{attendu}. Un texte contient sans doute le séparateur "
            f"« {separateur} » sans être entouré de guillemets : corrigez cette ligne."
        )
    elif trouve := re.search(r"EOF inside string starting at row (\d+)", message):
        detail = (
            f"un guillemet (\") ouvert à la ligne {int(trouve.group(1)) + 1} n'est jamais refermé. Le fichier est "
            "sans doute coupé (téléchargement ou copie interrompus) : téléchargez-le à nouveau. Sinon, un texte "
            "contient un guillemet seul : doublez-le (\"\") ou retirez-le."
        )
    else:
        detail = ("sa structure est irrégulière (lignes de longueurs différentes ou guillemets mal placés). Ouvrez-le "
                  "dans un tableur pour repérer la ligne en cause, ou téléchargez-le à nouveau.")
    return ErreurDonnees(f"Le fichier « {nom} » ne peut pas être lu comme un tableau : {detail}")


def lire_csv_tableur(
    chemin_fichier: Path | str,
    dates: bool | str | Iterable[str] = False,
    nombres: bool | str | Iterable[str] = False,
) -> tuple[pd.DataFrame, list[str]]:
    """Read a CSV file exported by a spreadsheet or a business application.

    Detects the encoding (UTF-8 with or without BOM, else Windows-1252) and the separator
    (``;``, ``,``, tab), reads every cell as text (codes keep their leading zeros), removes
    the spaces around texts, and on request converts French dates (``dates=True`` for every
    column written jj/mm/aaaa, or a list of columns) and decimal commas (``nombres=True`` or a
    list of columns). Returns the table and the list of French notes on what was detected
    and fixed.
    """
    fichier = Path(chemin_fichier)
    nom = _nom_affiche(fichier)
    format_ = detecter_format(fichier)
    notes = list(format_.notes)
    try:
        tableau = pd.read_csv(
            io.StringIO(format_.texte),
            sep=format_.separateur or "\x1f",
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            engine="c",
        )
    except pd.errors.ParserError as exc:
        raise erreur_de_structure(exc, nom, format_.separateur) from exc

    # Header and cells: spaces around texts.
    tableau.columns = [str(c).strip() for c in tableau.columns]
    total_espaces = 0
    colonnes_espaces = []
    for colonne in tableau.columns:
        serie = tableau[colonne]
        remplie = serie.notna()
        nettoyee = serie.str.strip()
        changees = int((remplie & (nettoyee != serie)).sum())
        if changees:
            total_espaces += changees
            colonnes_espaces.append(colonne)
            tableau[colonne] = nettoyee.mask(nettoyee == "")
    if total_espaces:
        notes.append(
            f"Espaces en trop : {pluriel(total_espaces, 'cellule')} de texte "
            f"commençai{'en' if total_espaces > 1 else ''}t ou finissai"
            f"{'en' if total_espaces > 1 else ''}t par des espaces (colonnes "
            f"{', '.join(colonnes_espaces)}) ; ces espaces ont été retirées."
        )
    vides = tableau.isna().all(axis=1)
    if vides.any():
        tableau = tableau[~vides].reset_index(drop=True)
        notes.append(f"Lignes vides : {pluriel(int(vides.sum()), 'ligne sans valeur retirée', 'lignes sans valeur retirées')}.")

    try:  # the line of the file each row comes from, for messages that name lines
        lignes = lignes_d_origine(format_.texte, format_.separateur)
    except csv.Error:
        lignes = []
    lignes = lignes if len(lignes) == len(tableau) else list(range(2, len(tableau) + 2))

    # A second header row (SDES, ORE: the codes of the columns under their French labels) is not data.
    if len(tableau) > 1 and est_ligne_de_codes(
            list(tableau.columns), tableau.iloc[0].fillna("").tolist(), tableau.iloc[1:51].fillna("").values.tolist()):
        codes_colonnes = dict(zip(tableau.columns, tableau.iloc[0].fillna("")))
        notes.append(note_ligne_de_codes(list(codes_colonnes.values()), lignes[0], lignes[1]))
        tableau = tableau.iloc[1:].reset_index(drop=True)
        tableau.attrs["codes_colonnes"] = codes_colonnes
        lignes = lignes[1:]
    # Rows that are not data: the header again (two exports pasted), a « Total » row (counted, it doubles a sum).
    pas_des_donnees, notes_lignes = lignes_hors_donnees(tableau, lignes)
    if pas_des_donnees.any():
        garder = ~pas_des_donnees.to_numpy()
        tableau = tableau[garder].reset_index(drop=True)
        lignes = [n for n, g in zip(lignes, garder) if g]
        notes += notes_lignes
    tableau.attrs["lignes"] = NumerosDeLignes(lignes)

    # French dates.
    if dates is True:
        colonnes_dates = [
            c
            for c in tableau.columns
            if tableau[c].notna().any() and tableau[c].dropna().str.match(MOTIF_DATE_FR).all()
        ]
    elif dates:
        colonnes_dates = _colonnes_demandees(tableau, dates, nom, "Dates")
    else:
        colonnes_dates = []
    for colonne in colonnes_dates:
        tableau[colonne], note = _convertir_dates(tableau[colonne], colonne)
        notes.append(note)

    # Decimal commas.
    if nombres is True:
        colonnes_nombres = [
            c
            for c in tableau.columns
            if c not in colonnes_dates
            and not MOTIF_IDENTIFIANT.search(c)
            and tableau[c].notna().any()
            and tableau[c].dropna()[~tableau[c].dropna().map(est_masquee)].str.match(MOTIF_NOMBRE_FR).all()
            and tableau[c].dropna().str.contains(",").any()
        ]
    elif nombres:
        colonnes_nombres = _colonnes_demandees(tableau, nombres, nom, "Nombres")
    else:
        colonnes_nombres = []
    for colonne in colonnes_nombres:
        valeurs, masquees, illisibles = nombres_fr(tableau[colonne])  # the one French-number parser
        if masquees.any():
            notes.append(note_valeurs_masquees(tableau[colonne][masquees], f" de la colonne {colonne}"))
        note = (
            f"Nombres : colonne {colonne}, {pluriel(int(valeurs.notna().sum()), 'nombre à virgule décimale converti', 'nombres à virgule décimale convertis')}."
        )
        if illisibles.any():
            note += (
                f" Non convertibles, laissées vides : {pluriel(int(illisibles.sum()), 'valeur')} "
                f"(par exemple « {tableau[colonne][illisibles].iloc[0]} »)."
            )
        tableau[colonne] = valeurs
        notes.append(note)

    doublons = int(tableau.duplicated().sum())
    if doublons:
        notes.append(
            f"Doublons : {pluriel(doublons, 'ligne est la copie', 'lignes sont la copie')} exacte "
            "d'une ligne précédente. Rien n'a été retiré ; tableau.drop_duplicates() le fait "
            "si ce sont bien des erreurs de copier-coller."
        )
    return tableau, notes


def _convertir_dates(serie: pd.Series, colonne: str) -> tuple[pd.Series, str]:
    remplies = serie.notna()
    meilleur, meilleur_nombre = None, -1
    for format_ in FORMATS_DATE:
        essai = pd.to_datetime(serie, format=format_, errors="coerce")
        if int(essai.notna().sum()) > meilleur_nombre:
            meilleur, meilleur_nombre = essai, int(essai.notna().sum())
    # Mixed day-only and day+time values: fill what the best format missed.
    for format_ in FORMATS_DATE:
        manquantes = remplies & meilleur.isna()
        if not manquantes.any():
            break
        meilleur = meilleur.fillna(pd.to_datetime(serie.where(manquantes), format=format_, errors="coerce"))
    illisibles = remplies & meilleur.isna()
    note = (
        f"Dates : colonne {colonne}, {pluriel(int(meilleur.notna().sum()), 'date écrite', 'dates écrites')} "
        "jj/mm/aaaa converties en vraies dates."
    )
    if illisibles.any():
        note += (
            f" Pas des dates valides, laissées vides : {pluriel(int(illisibles.sum()), 'valeur')} "
            f"(par exemple « {serie[illisibles].iloc[0]} »)."
        )
    return meilleur, note
