"""Validate a CSV file against a Table Schema, with a report in plain French.

>>> from donnees_en_main.donnees.validation import valider
>>> rapport = valider("menus-cantine-export-tableur.csv", "menus-cantine.schema.json")
>>> rapport.valide, rapport.resume()
>>> rapport                      # in a notebook: a French, accessible HTML table

Built on frictionless 5 (``Resource.validate``): the encoding and the separator are sniffed
first (``donnees.detecter_format``), every frictionless error is translated into a problem
and a piece of advice in French, and exact duplicate rows are detected on the raw cells.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import html
import io
import json
import re
import sys
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any



def _importer_jsonschema_rapidement() -> None:
    """Import jsonschema without rfc3987_syntax.

    frictionless checks its descriptors with jsonschema, whose import pulls rfc3987_syntax when
    installed (a Jupyter dependency): it compiles about forty grammars, ~5 s at the first
    validation in every kernel. It only provides the "iri" format checkers, which frictionless
    does not use; jsonschema skips them when the import fails.
    """
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        return
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # makes the import fail
    try:
        import jsonschema  # noqa: F401
    finally:
        del sys.modules["rfc3987_syntax"]


if sys.platform == "emscripten":  # « Essayer dans le navigateur » (JupyterLite): no frictionless there
    try:
        import frictionless  # noqa: F401
    except ImportError:
        raise ImportError(
            "La validation d'un fichier contre son schéma n'est pas disponible dans la version navigateur "
            "du cours (la bibliothèque frictionless n'y existe pas). Passez cette cellule, ou utilisez le "
            "JupyterLab de l'atelier."
        ) from None

_importer_jsonschema_rapidement()

import attrs  # noqa: E402
import frictionless  # noqa: E402
from frictionless import Checklist, Dialect, Resource, Schema, errors as ferrors, formats  # noqa: E402
from frictionless.checklist import Check  # noqa: E402

from donnees_en_main.donnees import (  # noqa: E402
    ErreurDonnees,
    decrire,
    schema_de,
    chemin as chemin_ressource,
    detecter_format,
    formater_entier,
    pluriel,
)

__all__ = ["CATEGORIES", "RapportValidation", "valider"]

# Problem categories: code -> (singular, plural). The codes are what ``compter()`` returns.
CATEGORIES: dict[str, tuple[str, str]] = {
    "date": ("date mal écrite", "dates mal écrites"),
    "nombre": ("nombre mal écrit", "nombres mal écrits"),
    "liste": ("liste mal écrite", "listes mal écrites"),
    "type": ("valeur du mauvais type", "valeurs du mauvais type"),
    "obligatoire": ("valeur obligatoire manquante", "valeurs obligatoires manquantes"),
    "valeur_non_autorisee": ("valeur hors de la liste autorisée", "valeurs hors de la liste autorisée"),
    "format": ("valeur au mauvais format", "valeurs au mauvais format"),
    "longueur": ("texte de mauvaise longueur", "textes de mauvaise longueur"),
    "bornes": ("valeur hors des limites", "valeurs hors des limites"),
    "unicite": ("valeur répétée dans une colonne à valeurs uniques", "valeurs répétées dans une colonne à valeurs uniques"),
    "doublon": ("ligne en double", "lignes en double"),
    "ligne_vide": ("ligne vide", "lignes vides"),
    "cellule_en_trop": ("cellule en trop", "cellules en trop"),
    "cellule_manquante": ("cellule manquante", "cellules manquantes"),
    "colonne_manquante": ("colonne manquante", "colonnes manquantes"),
    "colonne_mal_nommee": ("colonne mal nommée", "colonnes mal nommées"),
    "colonne_pas_a_sa_place": ("colonne pas à sa place", "colonnes pas à leur place"),
    "colonne_en_trop": ("colonne en trop", "colonnes en trop"),
    "colonne_sans_nom": ("colonne sans nom", "colonnes sans nom"),
    "colonne_en_double": ("nom de colonne en double", "noms de colonne en double"),
    "encodage": ("problème d'encodage des caractères", "problèmes d'encodage des caractères"),
    "fichier": ("problème de fichier", "problèmes de fichier"),
    "autre": ("autre problème", "autres problèmes"),
}

MOTIF_SIRET = r"^\d{14}$"
MOTIF_INSEE = r"^([013-9]\d|2[AB1-9])\d{3}$"
MAX_LIGNES_HTML = 30


# --------------------------------------------------------------------------- report


@dataclass
class RapportValidation:
    """The result of ``valider``: is the file valid, and if not, what to fix, in French.

    ``erreurs`` is a list of dicts with the keys ``ligne`` (line number in the file, the
    header being line 1, as in a spreadsheet), ``colonne``, ``valeur``, ``probleme``,
    ``conseil``, plus ``categorie`` (a key of ``CATEGORIES``) and ``code`` (the frictionless
    error type).
    """

    fichier: str
    schema: str
    valide: bool
    erreurs: list[dict] = field(default_factory=list)
    remarques: list[str] = field(default_factory=list)
    lignes: int = 0

    def __bool__(self) -> bool:
        return self.valide

    def compter(self, par: str = "categorie") -> dict[str, int]:
        """Number of errors by problem category (``par="categorie"``, codes of CATEGORIES)
        or by column (``par="colonne"``), most frequent first."""
        if par not in ("categorie", "colonne"):
            raise ValueError("compter(par=…) accepte « categorie » ou « colonne ».")
        comptes: dict[str, int] = {}
        for erreur in self.erreurs:
            cle = erreur[par] if erreur[par] is not None else "(ligne entière)"
            comptes[cle] = comptes.get(cle, 0) + 1
        return dict(sorted(comptes.items(), key=lambda kv: (-kv[1], kv[0])))

    def resume(self) -> str:
        """One French sentence: « 12 erreurs : 3 dates mal écrites, … »."""
        if self.valide:
            return (
                f"Aucune erreur : « {self.fichier} » respecte le schéma « {self.schema} » "
                f"({pluriel(self.lignes, 'ligne vérifiée', 'lignes vérifiées')})."
            )
        parties = [
            pluriel(n, *CATEGORIES.get(code, CATEGORIES["autre"]))
            for code, n in self.compter().items()
        ]
        return f"{pluriel(len(self.erreurs), 'erreur')} : {', '.join(parties)}."

    def en_tableau(self):
        """The errors as a pandas DataFrame (French column titles)."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "Ligne": e["ligne"],
                    "Colonne": e["colonne"],
                    "Valeur": e["valeur"],
                    "Problème": e["probleme"],
                    "Conseil": e["conseil"],
                }
                for e in self.erreurs
            ],
            columns=["Ligne", "Colonne", "Valeur", "Problème", "Conseil"],
        )

    def __str__(self) -> str:
        lignes = [self.resume()]
        lignes += [f"Remarque : {r}" for r in self.remarques]
        for e in self.erreurs[:10]:
            ou = f"ligne {e['ligne']}" if e["ligne"] is not None else "fichier"
            if e["colonne"]:
                ou += f", colonne {e['colonne']}"
            lignes.append(f"- {ou} : {e['probleme']} {e['conseil']}")
        if len(self.erreurs) > 10:
            lignes.append(f"… et {pluriel(len(self.erreurs) - 10, 'autre erreur')}.")
        return "\n".join(lignes)

    def __repr__(self) -> str:
        return f"<RapportValidation {self.fichier} : {self.resume()}>"

    def _repr_html_(self) -> str:
        e = html.escape
        statut = "✔ Fichier valide" if self.valide else "✘ Fichier non valide"
        morceaux = [
            '<section class="rapport-validation" lang="fr" '
            f'aria-label="Rapport de validation de {e(self.fichier)}">',
            f"<p><strong>{statut}</strong> — {e(self.resume())}</p>",
            f"<p>Fichier : <code>{e(self.fichier)}</code> ; schéma : {e(self.schema)}.</p>",
        ]
        if self.remarques:
            morceaux.append("<p>Remarques (ce ne sont pas des erreurs du schéma) :</p><ul>")
            morceaux += [f"<li>{e(r)}</li>" for r in self.remarques]
            morceaux.append("</ul>")
        if self.erreurs:
            morceaux.append(
                "<table><caption>Erreurs par type de problème</caption><thead><tr>"
                '<th scope="col">Problème</th><th scope="col">Nombre</th>'
                '<th scope="col">Exemple de conseil</th></tr></thead><tbody>'
            )
            for code, n in self.compter().items():
                exemple = next(x for x in self.erreurs if x["categorie"] == code)
                titre = CATEGORIES.get(code, CATEGORIES["autre"])[1 if n > 1 else 0]
                morceaux.append(
                    f'<tr><th scope="row">{e(titre)}</th><td>{formater_entier(n)}</td>'
                    f"<td>{e(exemple['conseil'])}</td></tr>"
                )
            morceaux.append("</tbody></table>")
            montrees = self.erreurs[:MAX_LIGNES_HTML]
            legende = "Détail des erreurs"
            if len(self.erreurs) > len(montrees):
                legende += (
                    f" ({formater_entier(len(montrees))} premières sur "
                    f"{formater_entier(len(self.erreurs))} ; toutes : rapport.en_tableau())"
                )
            morceaux.append(
                f"<table><caption>{e(legende)}</caption><thead><tr>"
                '<th scope="col">Ligne</th><th scope="col">Colonne</th>'
                '<th scope="col">Valeur</th><th scope="col">Problème</th>'
                '<th scope="col">Conseil</th></tr></thead><tbody>'
            )
            for x in montrees:
                valeur = "" if x["valeur"] is None else str(x["valeur"])
                morceaux.append(
                    f"<tr><td>{'' if x['ligne'] is None else x['ligne']}</td>"
                    f"<td>{e(x['colonne'] or '')}</td><td><code>{e(valeur)}</code></td>"
                    f"<td>{e(x['probleme'])}</td><td>{e(x['conseil'])}</td></tr>"
                )
            morceaux.append("</tbody></table>")
        morceaux.append("</section>")
        return "\n".join(morceaux)


# --------------------------------------------------------------------------- duplicates


@attrs.define(kw_only=True, repr=False)
class _LignesEnDouble(Check):
    """Exact duplicate rows, compared on the raw cells (not on the typed values, so that two
    rows whose only difference is an unreadable date are not taken for duplicates)."""

    type = "duplicate-row"
    Errors = [ferrors.DuplicateRowError]

    def connect(self, resource):
        super().connect(resource)
        self.__vues: dict[str, int] = {}

    def validate_row(self, row):
        empreinte = hashlib.sha256(
            json.dumps(list(row.cells), ensure_ascii=False, default=str).encode("utf-8")
        ).hexdigest()
        premiere = self.__vues.get(empreinte)
        if premiere:
            yield ferrors.DuplicateRowError.from_row(
                row, note=f'the same as row at position "{premiere}"'
            )
        else:
            self.__vues[empreinte] = row.row_number


# --------------------------------------------------------------------------- validation


def _charger_schema(schema: Any) -> tuple[Schema, dict]:
    if isinstance(schema, Schema):
        return schema, schema.to_descriptor()
    if isinstance(schema, dict):
        descripteur = schema
    else:
        fichier = Path(schema)
        if not fichier.is_file():
            raise ErreurDonnees(
                f"Le schéma « {schema} » est introuvable. Indiquez le chemin d'un fichier "
                "Table Schema (.json), par exemple datasets/cantine/menus-cantine.schema.json."
            )
        try:
            descripteur = json.loads(fichier.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ErreurDonnees(
                f"Le schéma « {fichier.name} » n'est pas un fichier JSON lisible ({exc})."
            ) from exc
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return Schema.from_descriptor(descripteur), descripteur
    except frictionless.FrictionlessException as exc:
        raise ErreurDonnees(
            f"Le schéma fourni n'est pas un Table Schema valide : {exc.error.message}"
        ) from exc


def valider(fichier, schema=None, *, doublons: bool = True) -> RapportValidation:
    """Validate a CSV file against a Table Schema and explain the problems in French.

    ``fichier``: path of a CSV file, or the name of a dataset of the course (then ``schema``
    defaults to the schema declared in datasets/datapackage.json).
    ``schema``: path of a Table Schema JSON file, a dict, or a ``frictionless.Schema``.
    ``doublons``: also report rows that are exact copies of an earlier row.

    Raises ``ErreurDonnees`` when the file or the schema cannot be read at all (missing,
    empty, not a text file); every problem inside a readable file goes into the report.
    """
    chemin_fichier = Path(fichier)
    if not chemin_fichier.exists() and isinstance(fichier, str) and "/" not in fichier:
        try:
            ressource = decrire(fichier)
        except ErreurDonnees:
            ressource = None
        if ressource is not None:
            chemin_fichier = chemin_ressource(fichier)
            if schema is None:
                # A flawed file is described without "schema" (it would make the data package
                # invalid) but names the schema it should follow in "schema_attendu".
                attendu = ressource.get("schema_attendu")
                schema = schema_de(ressource) if ressource.get("schema") else None
                if schema is None and attendu:
                    schema = schema_de({**ressource, "schema": attendu})
    if schema is None:
        raise ErreurDonnees(
            "Indiquez le schéma contre lequel valider le fichier, par exemple : "
            "valider(fichier, 'datasets/cantine/menus-cantine.schema.json')."
        )
    format_ = detecter_format(chemin_fichier)  # raises for missing / empty / binary files
    objet_schema, descripteur = _charger_schema(schema)
    titre_schema = descripteur.get("title") or descripteur.get("name") or "schéma fourni"

    dialecte = Dialect(controls=[formats.CsvControl(delimiter=format_.separateur or ",")])
    checklist = Checklist(checks=[_LignesEnDouble()] if doublons else [])
    with tempfile.TemporaryDirectory(prefix="dem-valider-") as dossier:
        lu = chemin_fichier
        if format_.classeur is not None:  # an Excel workbook: its sheet, as the readers see it
            lu = Path(dossier) / f"{chemin_fichier.stem}.csv"
            lu.write_text(format_.texte, encoding="utf-8")
        ressource = Resource(
            path=lu.name,
            basepath=str(lu.resolve().parent),
            format="csv",
            encoding="utf-8-sig" if format_.encodage == "utf-8-sig" else format_.encodage,
            dialect=dialecte,
            schema=objet_schema,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rapport_brut = ressource.validate(checklist, limit_errors=0)
    tache = rapport_brut.tasks[0] if rapport_brut.tasks else None
    erreurs_brutes = list(rapport_brut.errors) + (list(tache.errors) if tache else [])
    champs = {f["name"]: f for f in descripteur.get("fields", [])}
    erreurs = [_traduire(err, champs) for err in erreurs_brutes]
    erreurs.sort(key=lambda x: (x["ligne"] if x["ligne"] is not None else 0))

    remarques = [n for n in format_.notes if "comme recommandé" not in n]
    remarques += _colonnes_pas_a_leur_place(erreurs, list(champs))
    espaces = _cellules_avec_espaces(format_.texte, format_.separateur)
    if espaces:
        remarques.append(
            f"Espaces invisibles : {pluriel(espaces, 'cellule commence', 'cellules commencent')} "
            "ou finissent par une espace. Ce n'est pas une erreur pour le schéma, mais "
            "« Brie » et « Brie  » seront comptés comme deux fromages différents : "
            "lire_csv_tableur les retire."
        )
    lignes = tache.stats.get("rows", 0) if tache else 0
    return RapportValidation(
        fichier=chemin_fichier.name,
        schema=titre_schema,
        valide=not erreurs,
        erreurs=erreurs,
        remarques=remarques,
        lignes=lignes or 0,
    )


def _cellules_avec_espaces(texte: str, separateur: str | None) -> int:
    lecteur = csv.reader(io.StringIO(texte), delimiter=separateur or ",")
    total = 0
    for numero, ligne in enumerate(lecteur):
        if numero == 0:
            continue
        total += sum(1 for c in ligne if c and c != c.strip())
    return total


# --------------------------------------------------------------------------- translation


def _erreur(err, categorie: str, probleme: str, conseil: str, colonne=None, valeur=None, ligne=None):
    return {
        "ligne": ligne if ligne is not None else getattr(err, "row_number", None),
        "colonne": colonne,
        "valeur": valeur,
        "probleme": probleme,
        "conseil": conseil,
        "categorie": categorie,
        "code": err.type,
    }


def _traduire(err, champs: dict[str, dict]) -> dict:
    type_ = err.type
    if type_ in ("type-error", "constraint-error"):
        champ = champs.get(err.field_name, {"name": err.field_name, "type": "string"})
        if type_ == "type-error":
            return _erreur_de_type(err, champ)
        return _erreur_de_contrainte(err, champ)
    if isinstance(err, ferrors.LabelError):
        return _erreur_d_en_tete(err)
    if type_ == "duplicate-row":
        trouve = re.search(r'"?(\d+)"?', err.note or "")
        premiere = trouve.group(1) if trouve else "?"
        return _erreur(
            err,
            "doublon",
            f"Cette ligne est la copie exacte de la ligne {premiere}.",
            "Supprimez la copie si c'est une erreur de copier-coller (avec pandas : "
            "drop_duplicates()).",
        )
    if type_ == "blank-row":
        return _erreur(err, "ligne_vide", "Cette ligne est entièrement vide.", "Supprimez-la.")
    if type_ == "extra-cell":
        return _erreur(
            err,
            "cellule_en_trop",
            f"Cette ligne a plus de cellules que l'en-tête n'a de colonnes (cellule n°"
            f"{err.field_number} : « {err.cell} »).",
            "Un texte contient sans doute le séparateur sans être entre guillemets, ou une "
            "valeur a été ajoutée à droite du tableau : corrigez cette ligne.",
            valeur=err.cell,
        )
    if type_ == "missing-cell":
        return _erreur(
            err,
            "cellule_manquante",
            f"Il manque la cellule de la colonne « {err.field_name} » sur cette ligne.",
            "La ligne est plus courte que l'en-tête : ajoutez les séparateurs manquants, ou "
            "vérifiez qu'elle n'a pas été coupée en deux par un retour à la ligne.",
            colonne=err.field_name,
        )
    if type_ == "unique-error":
        return _erreur(
            err,
            "unicite",
            f"La valeur « {err.cell} » apparaît déjà plus haut dans la colonne "
            f"« {err.field_name} », où chaque valeur doit être unique.",
            "Vérifiez s'il s'agit d'un doublon ou d'une erreur de saisie de l'identifiant.",
            colonne=err.field_name,
            valeur=err.cell,
        )
    if type_ == "encoding-error":
        return _erreur(
            err,
            "encodage",
            "Le fichier contient des caractères illisibles dans l'encodage détecté "
            f"({err.note}).",
            "Enregistrez le fichier en « CSV UTF-8 » depuis votre tableur, puis relancez la "
            "validation.",
        )
    if type_ in ("source-error", "scheme-error", "format-error", "resource-error", "io-error", "hash-count", "byte-count"):
        return _erreur(
            err,
            "fichier",
            f"Le fichier n'a pas pu être lu comme un tableau CSV ({err.note or err.message}).",
            "Vérifiez qu'il s'agit bien d'un export CSV et qu'il n'est pas vide ou tronqué.",
        )
    if type_ == "schema-error":
        return _erreur(
            err,
            "fichier",
            f"Le schéma n'est pas valide ({err.note or err.message}).",
            "Corrigez le fichier de schéma (Table Schema) avant de valider les données.",
        )
    return _erreur(
        err,
        "autre",
        f"Problème signalé par le validateur : {err.message}",
        "Regardez la ligne indiquée et comparez-la à la description du schéma.",
        colonne=getattr(err, "field_name", None),
        valeur=getattr(err, "cell", None),
    )


def _en_iso(valeur: str, horodatage: bool) -> str | None:
    """Suggest the ISO form of a French-looking date, or None."""
    trouve = re.match(
        r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2})[:h](\d{2})(?::(\d{2}))?)?\s*$",
        valeur,
    )
    if trouve:
        jour, mois, annee, heure, minute, seconde = trouve.groups()
    else:
        trouve = re.match(r"^\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})\s*$", valeur)
        if not trouve:
            return None
        annee, mois, jour = trouve.groups()
        heure = minute = seconde = None
    try:
        date = dt.date(int(annee), int(mois), int(jour))
    except ValueError:
        return None
    if not horodatage:
        return date.isoformat()
    return f"{date.isoformat()}T{int(heure or 0):02d}:{int(minute or 0):02d}:{int(seconde or 0):02d}"


def _exemple_format_date(champ: dict) -> str:
    format_ = champ.get("format", "default")
    if champ["type"] == "datetime":
        return "aaaa-mm-jjThh:mm:ss, par exemple 2025-09-01T12:00:00"
    if format_ in ("default", "%Y-%m-%d"):
        return "aaaa-mm-jj, par exemple 2025-09-01"
    return f"{format_}, par exemple {dt.date(2025, 9, 1).strftime(format_) if '%' in format_ else '2025-09-01'}"


def _erreur_de_type(err, champ: dict) -> dict:
    nom, type_champ, valeur = champ["name"], champ.get("type", "string"), err.cell
    attendu = _exemple_format_date(champ) if type_champ in ("date", "datetime") else ""
    if type_champ in ("date", "datetime"):
        quoi = "une date" if type_champ == "date" else "une date et heure"
        iso = _en_iso(valeur, type_champ == "datetime")
        conseil = f"Format attendu : {attendu}."
        if iso:
            conseil = f"Écrivez « {iso} » (format {attendu.split(',')[0]})."
        return _erreur(
            err,
            "date",
            f"« {valeur} » n'est pas {quoi} au format attendu.",
            conseil,
            colonne=nom,
            valeur=valeur,
        )
    if type_champ in ("number", "integer", "year"):
        entier = type_champ != "number"
        propre = re.sub(r"[\s\u00a0\u202f€%]", "", valeur)
        suggestion = None
        if re.fullmatch(r"[-+]?\d+(,\d+)?", propre):
            suggestion = propre.replace(",", ".")
        if re.fullmatch(r"[-+]?\d+\.0+", propre) and entier:
            suggestion = propre.split(".")[0]
        probleme = (
            f"« {valeur} » n'est pas un nombre entier lisible."
            if entier
            else f"« {valeur} » n'est pas un nombre lisible : le séparateur décimal attendu est le point."
            if "," in valeur
            else f"« {valeur} » n'est pas un nombre lisible."
        )
        conseil = (
            "Chiffres seulement, sans virgule ni point, sans espace, sans unité."
            if entier
            else "Chiffres seulement, point décimal, sans espace, sans symbole € ni %."
        )
        if suggestion:
            conseil = f"Écrivez « {suggestion} » : {conseil[0].lower()}{conseil[1:]}"
        return _erreur(err, "nombre", probleme, conseil, colonne=nom, valeur=valeur)
    if type_champ == "array":
        morceaux = [m.strip().strip('"') for m in re.split(r"[;,]", valeur.strip("[] ")) if m.strip()]
        exemple = json.dumps(morceaux or ["valeur 1", "valeur 2"], ensure_ascii=False, separators=(",", ":"))
        return _erreur(
            err,
            "liste",
            f"« {valeur} » n'est pas une liste au format attendu.",
            f"Écrivez la liste entre crochets, chaque valeur entre guillemets droits, séparées "
            f"par des virgules : {exemple}",
            colonne=nom,
            valeur=valeur,
        )
    if type_champ == "boolean":
        return _erreur(
            err,
            "type",
            f"« {valeur} » n'est pas une valeur oui/non reconnue.",
            "Écrivez true ou false (ou les valeurs prévues par le schéma).",
            colonne=nom,
            valeur=valeur,
        )
    return _erreur(
        err,
        "type",
        f"« {valeur} » ne correspond pas au type attendu ({type_champ}).",
        "Comparez la valeur à la description de la colonne dans le schéma.",
        colonne=nom,
        valeur=valeur,
    )


def _erreur_de_contrainte(err, champ: dict) -> dict:
    nom, valeur = champ["name"], err.cell
    trouve = re.search(r'constraint "(\w+)" is "(.*)"', err.note or "", re.S)
    contrainte = trouve.group(1) if trouve else ""
    element_de_liste = (err.note or "").startswith("array item")
    titre = champ.get("title")
    de_la_colonne = f"la colonne « {nom} »" + (f" ({titre})" if titre else "")
    if contrainte == "required":
        return _erreur(
            err,
            "obligatoire",
            f"Cellule vide alors que {de_la_colonne} est obligatoire.",
            "Remplissez cette cellule : la valeur manque peut-être après un copier-coller ou "
            "un filtre du tableur.",
            colonne=nom,
            valeur="",
        )
    if contrainte == "enum":
        autorisees = (
            champ.get("arrayItem", {}).get("constraints", {}).get("enum", [])
            if element_de_liste
            else champ.get("constraints", {}).get("enum", [])
        )
        fautives = [valeur]
        if element_de_liste:
            try:
                fautives = [v for v in json.loads(valeur) if v not in autorisees]
            except (ValueError, TypeError):
                pass
        fautive = str(fautives[0]) if fautives else str(valeur)
        liste = ", ".join(f"« {v} »" for v in autorisees)
        conseil = f"Valeurs autorisées : {liste}."
        normalisees = {_normaliser(v): v for v in autorisees}
        if fautive.strip() in autorisees:
            conseil = f"Retirez les espaces au début ou à la fin : « {fautive.strip()} »."
        elif _normaliser(fautive) in normalisees:
            conseil = (
                f"Écrivez exactement « {normalisees[_normaliser(fautive)]} » (accents, "
                f"majuscules et espaces comptent). {conseil}"
            )
        else:
            proches = difflib.get_close_matches(fautive, [str(v) for v in autorisees], n=1, cutoff=0.6)
            if proches:
                conseil = f"Vouliez-vous écrire « {proches[0]} » ? {conseil}"
        probleme = f"« {fautive} » ne fait pas partie des valeurs autorisées dans {de_la_colonne}."
        if element_de_liste:
            probleme = f"La liste {valeur} contient « {fautive} », valeur non autorisée dans {de_la_colonne}."
        return _erreur(
            err,
            "valeur_non_autorisee",
            probleme,
            conseil,
            colonne=nom,
            valeur=valeur,
        )
    if contrainte == "pattern":
        motif = champ.get("constraints", {}).get("pattern", "")
        propre = re.sub(r"[\s\u00a0\u202f.]", "", str(valeur))
        if motif == MOTIF_SIRET:
            conseil = "Un SIRET s'écrit avec 14 chiffres collés, sans espace ni point."
            if re.fullmatch(r"\d+\.0", str(valeur).strip()):
                conseil = (
                    "Le tableur a transformé le SIRET en nombre (« .0 » à la fin) : mettez la "
                    "colonne au format Texte et retapez-le en 14 chiffres."
                )
            elif re.fullmatch(r"\d{13}", propre):
                conseil = (
                    "Il manque un chiffre : le tableur a sans doute supprimé le zéro initial. "
                    "Mettez la colonne au format Texte et rajoutez le 0 au début."
                )
            elif "E+" in str(valeur).upper():
                conseil = (
                    "Le tableur a écrit le SIRET en notation scientifique : mettez la colonne au "
                    "format Texte et retapez les 14 chiffres."
                )
            elif re.fullmatch(r"\d{14}", propre):
                conseil = f"Retirez les espaces : « {propre} »."
            probleme = f"« {valeur} » n'est pas un numéro SIRET valide (14 chiffres)."
        elif motif == MOTIF_INSEE:
            probleme = f"« {valeur} » n'est pas un code INSEE de commune valide (5 caractères)."
            conseil = (
                "Le code INSEE (différent du code postal) s'écrit en 5 caractères, en texte : "
                "gardez le zéro initial (01053) et 2A/2B pour la Corse."
            )
            if re.fullmatch(r"\d{4}", propre):
                conseil = (
                    f"Il manque un chiffre : le tableur a sans doute supprimé le zéro initial, "
                    f"écrivez « 0{propre} » et mettez la colonne au format Texte."
                )
        else:
            probleme = f"« {valeur} » ne respecte pas le format attendu dans {de_la_colonne}."
            conseil = f"Format attendu (expression régulière) : {motif}. Voir la description du schéma."
        return _erreur(err, "format", probleme, conseil, colonne=nom, valeur=valeur)
    if contrainte in ("maxLength", "minLength"):
        limite = trouve.group(2) if trouve else "?"
        sens = "long" if contrainte == "maxLength" else "court"
        borne = "au plus" if contrainte == "maxLength" else "au moins"
        return _erreur(
            err,
            "longueur",
            f"Texte trop {sens} dans {de_la_colonne} ({len(str(valeur))} caractères).",
            f"Cette colonne accepte {borne} {limite} caractères : raccourcissez ou complétez.",
            colonne=nom,
            valeur=valeur,
        )
    if contrainte in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        limite = trouve.group(2) if trouve else "?"
        borne = "au moins" if "inimum" in contrainte else "au plus"
        return _erreur(
            err,
            "bornes",
            f"« {valeur} » sort des limites prévues pour {de_la_colonne}.",
            f"La valeur doit être {borne} {limite} : vérifiez l'unité et les zéros.",
            colonne=nom,
            valeur=valeur,
        )
    if contrainte == "unique":
        return _erreur(
            err,
            "unicite",
            f"« {valeur} » apparaît plusieurs fois dans {de_la_colonne}, où chaque valeur doit être unique.",
            "Vérifiez s'il s'agit d'un doublon ou d'une erreur de saisie.",
            colonne=nom,
            valeur=valeur,
        )
    return _erreur(
        err,
        "autre",
        f"« {valeur} » ne respecte pas une règle du schéma pour {de_la_colonne} ({err.note}).",
        "Comparez la valeur à la description de la colonne dans le schéma.",
        colonne=nom,
        valeur=valeur,
    )


def _colonnes_pas_a_leur_place(erreurs: list[dict], ordre: list[str]) -> list[str]:
    """A column the schema knows, found at another column's place (frictionless: « incorrect-label » whose label
    is another field's name): not a badly named column, a misplaced one. When the schema requires the order of
    the columns (``fieldsMatch`` « exact », the default), frictionless checks each value with the rules of the
    column expected at its place. Rewrites those errors in place; returns the French remark to add."""
    deplacees, attendues = [], set()
    for erreur in erreurs:
        etiquette = str(erreur.get("valeur") or "").strip()
        if erreur.get("code") != "incorrect-label" or etiquette not in ordre or etiquette == erreur.get("colonne"):
            continue
        attendue = erreur["colonne"]
        place = ordre.index(attendue) + 1 if attendue in ordre else "?"
        erreur.update(
            categorie="colonne_pas_a_sa_place",
            colonne=etiquette,
            probleme=(f"La colonne « {etiquette} » est bien dans le fichier, mais pas à sa place : elle est en "
                      f"n°{place}, là où le schéma attend « {attendue} » ; le schéma la veut en n°"
                      f"{ordre.index(etiquette) + 1}. Ce schéma impose l'ordre des colonnes."),
            conseil=("Ne la renommez pas : remettez les colonnes dans l'ordre du schéma ("
                     + ", ".join(ordre[:8]) + ("…" if len(ordre) > 8 else "") + "). Dans un tableur : sélectionnez la "
                     "colonne, coupez-la, puis insérez les cellules coupées à sa place ; enregistrez et validez à nouveau."),
        )
        deplacees.append(etiquette)
        attendues.add(attendue)
    if not deplacees:
        return []
    # Cell errors are named after the column expected at their place: those of the misplaced places.
    cellules = sum(1 for e in erreurs if e.get("ligne") not in (None, 1) and e.get("colonne") in attendues)
    remarque = (
        f"Colonnes pas à leur place : {', '.join(f'« {c} »' for c in deplacees)}. Tant que l'ordre n'est pas celui du "
        "schéma, chaque valeur est contrôlée avec les règles de la colonne attendue à sa place"
    )
    if cellules:
        remarque += (f" : {'l' if cellules == 1 else 'les'} {pluriel(cellules, 'erreur signalée', 'erreurs signalées')} "
                     "dans ces colonnes " + ("vient" if cellules == 1 else "viennent") + " sans doute de ce décalage ; "
                     "remettez d'abord les colonnes dans l'ordre, puis validez à nouveau")
    return [remarque + "."]


def _normaliser(texte: Any) -> str:
    import unicodedata

    texte = unicodedata.normalize("NFKD", str(texte))
    return "".join(c for c in texte if not unicodedata.combining(c)).strip().lower()


def _erreur_d_en_tete(err) -> dict:
    type_ = err.type
    numero = getattr(err, "field_number", "?")
    nom = getattr(err, "field_name", "") or None
    etiquette = getattr(err, "label", "")
    if type_ == "missing-label":
        return _erreur(
            err,
            "colonne_manquante",
            f"La colonne « {nom} » prévue par le schéma est absente du fichier.",
            "Ajoutez cette colonne avec exactement ce nom (même vide si elle est facultative), "
            "à la place prévue par le schéma.",
            colonne=nom,
            ligne=1,
        )
    if type_ == "incorrect-label":
        conseil = (
            f"Renommez-la exactement « {nom} » (majuscules, accents et espaces comptent) et "
            "gardez les colonnes dans l'ordre du schéma."
        )
        if etiquette.strip() == nom:
            conseil = f"Retirez les espaces autour du nom de la colonne : « {nom} »."
        return _erreur(
            err,
            "colonne_mal_nommee",
            f"La colonne n°{numero} s'appelle « {etiquette} » alors que le schéma attend "
            f"« {nom} » à cette place.",
            conseil,
            colonne=nom,
            valeur=etiquette,
            ligne=1,
        )
    if type_ == "extra-label":
        return _erreur(
            err,
            "colonne_en_trop",
            f"La colonne « {etiquette} » (n°{numero}) n'est pas prévue par le schéma.",
            "Supprimez-la, ou renommez-la si elle correspond à une colonne du schéma.",
            colonne=etiquette,
            valeur=etiquette,
            ligne=1,
        )
    if type_ == "blank-label":
        return _erreur(
            err,
            "colonne_sans_nom",
            f"La colonne n°{numero} n'a pas de nom dans la ligne d'en-tête.",
            "Donnez-lui le nom prévu par le schéma, ou supprimez-la si elle est vide.",
            colonne=nom,
            ligne=1,
        )
    if type_ == "duplicate-label":
        return _erreur(
            err,
            "colonne_en_double",
            f"Le nom de colonne « {etiquette} » (n°{numero}) apparaît deux fois.",
            "Chaque colonne doit avoir un nom unique : renommez ou supprimez la copie.",
            colonne=etiquette,
            valeur=etiquette,
            ligne=1,
        )
    return _erreur(
        err,
        "autre",
        f"Problème dans la ligne d'en-tête : {err.message}",
        "Comparez les noms de colonnes à ceux du schéma.",
        colonne=nom,
        ligne=1,
    )
