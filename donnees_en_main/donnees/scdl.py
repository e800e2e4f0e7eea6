"""Read a commune's SCDL file as really published (menus, subventions, délibérations).

The SCDL schemas (OpenDataFrance) ask for UTF-8, ``,``, ISO dates and 14-digit SIRET written as
text. Real files break each rule: Windows encodings (sometimes a UTF-8 BOM followed by cp1252 bytes),
``;`` separators, amounts written ``40 000,00`` or ``17 833``, dates ``2017/09/08`` or
``08/09/2017``, SIRET turned into floats by a spreadsheet (``21860194600000.0``), a SIREN where a
SIRET was expected, mixed line ends, headers spelled differently by each publisher.

>>> from donnees_en_main.donnees.scdl import lire_scdl
>>> tableau, notes, rapport = lire_scdl("20240101_218601946_subventions.csv", schema="subventions")
>>> for note in notes: print("•", note)      # what was detected and repaired, in French
>>> rapport                                  # validation against the project's Table Schema

``tableau`` has the schema's column names (in the schema's order, then the columns the schema does
not know), typed: numbers as floats, integers as Int64, dates as datetimes, oui/non as booleans,
lists as Python lists, SIRET as 14-character text. A value that cannot be repaired is left empty in
``tableau`` and reported, with its line number in the original file, in ``rapport``.
"""

from __future__ import annotations

import copy
import difflib
import io
import json
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from donnees_en_main.reglages import dossier_donnees
from donnees_en_main.donnees import (
    ErreurDonnees, detecter_format, est_masquee, formater_entier, lignes_d_origine, lire_csv_tableur, note_non_numeriques,
    note_valeurs_masquees, parts_par_valeur, pluriel, texte_nombre_fr,
)

__all__ = [
    "ANCIENNES_ENTETES_SUBVENTIONS", "SCHEMAS_SCDL", "LectureScdl", "lire_scdl", "note_ancien_format", "renommer_colonnes", "siren_valide",
    "siret_valide", "identifiants_entreprises",
]

# Schema name -> (the project's Table Schema, relative to datasets/, national schema it follows).
SCHEMAS_SCDL = {
    "menus-collectifs": ("cantine/menus-cantine.schema.json", "SCDL menus-collectifs 1.2.3"),
    "subventions": ("repondre-citoyen/subventions.schema.json", "SCDL subventions 2.1.1"),
    "deliberations": ("repondre-citoyen/deliberations.schema.json", "SCDL deliberations 2.1.5"),
}
_ALIAS = {"menus": "menus-collectifs", "menu": "menus-collectifs", "cantine": "menus-collectifs",
          "subvention": "subventions", "deliberation": "deliberations", "délibérations": "deliberations"}
_MOTIF_SIRET = r"^\d{14}$"

# When the project's schema file is missing: the fields every file of this kind must have.
CHAMPS_MINIMAUX = {
    "menus-collectifs": [
        ("menuCollNom", "string"), ("menuCollSiret", "siret"), ("menuRestaurantNom", "string"),
        ("menuDate", "date"), ("menuPlatType", "string"), ("menuPlatNom", "string"),
    ],
    "subventions": [
        ("nomAttribuant", "string"), ("idAttribuant", "siret"), ("dateConvention", "date"),
        ("nomBeneficiaire", "string"), ("objet", "string"), ("montant", "number"),
    ],
    "deliberations": [
        ("COLL_NOM", "string"), ("COLL_SIRET", "siret"), ("DELIB_ID", "string"),
        ("DELIB_DATE", "date"), ("DELIB_OBJET", "string"),
    ],
}

# The headers of the first national subsidies format (2016-2017, before SCDL subventions 2.x), as
# département publications still use them -> today's names. Keys: lower case, letters and digits.
# COLL_TYPE, ATTRIB_TYPE, SUB_DATE_DEBUT/FIN, ID_ENT have no single counterpart: kept as they are.
ANCIENNES_ENTETES_SUBVENTIONS = {
    "collnom": "nomAttribuant", "collsiret": "idAttribuant", "actedate": "dateConvention",
    "acteref": "referenceDecision", "attribnom": "nomBeneficiaire", "attribsiret": "idBeneficiaire",
    "subobjet": "objet", "submontant": "montant", "subnature": "nature", "subversement": "conditionsVersement",
    "subdispositif": "dispositifAide", "notifeu": "notificationUE",
}

# Header spellings met in real files (keys: lower case, no accent, letters and digits) -> schema name.
SYNONYMES = {
    "subventions": {
        **ANCIENNES_ENTETES_SUBVENTIONS,
        "attribuant": "nomAttribuant", "nomdelattribuant": "nomAttribuant", "collectivite": "nomAttribuant",
        "siretattribuant": "idAttribuant", "siretdelattribuant": "idAttribuant", "siretcollectivite": "idAttribuant",
        "datedelaconvention": "dateConvention", "datedeconvention": "dateConvention", "dateconvention": "dateConvention",
        "referencedeladecision": "referenceDecision", "decision": "referenceDecision",
        "beneficiaire": "nomBeneficiaire", "nomdubeneficiaire": "nomBeneficiaire", "raisonsociale": "nomBeneficiaire",
        "siretbeneficiaire": "idBeneficiaire", "siretdubeneficiaire": "idBeneficiaire", "siret": "idBeneficiaire",
        "rna": "rnaBeneficiaire", "numerorna": "rnaBeneficiaire", "rnadubeneficiaire": "rnaBeneficiaire",
        "objetdelasubvention": "objet", "objetdeladecision": "objet",
        "montantdelasubvention": "montant", "montantvote": "montant", "montanteneuros": "montant",
        "montantattribue": "montant", "montanteur": "montant",
        "naturedelasubvention": "nature", "naturedelaide": "nature",
        "conditionsdeversement": "conditionsVersement", "modalitesdeversement": "conditionsVersement",
        "datesdeversement": "datesPeriodeVersement", "periodedeversement": "datesPeriodeVersement",
        "datesperiodedeversement": "datesPeriodeVersement",
        "notificationue": "notificationUE", "aideue": "notificationUE",
        "pourcentage": "pourcentageSubvention", "pourcentagedelasubvention": "pourcentageSubvention",
        "dispositif": "dispositifAide", "dispositifdaide": "dispositifAide",
    },
    "deliberations": {
        "collectivite": "COLL_NOM", "nomdelacollectivite": "COLL_NOM", "siret": "COLL_SIRET",
        "siretdelacollectivite": "COLL_SIRET", "numero": "DELIB_ID", "numerodeladeliberation": "DELIB_ID",
        "identifiant": "DELIB_ID", "date": "DELIB_DATE", "datedeladeliberation": "DELIB_DATE",
        "datedeseance": "DELIB_DATE", "datedelaseance": "DELIB_DATE", "codematiere": "DELIB_MATIERE_CODE",
        "matiere": "DELIB_MATIERE_NOM", "objet": "DELIB_OBJET", "objetdeladeliberation": "DELIB_OBJET",
        "anneebudgetaire": "BUDGET_ANNEE", "budget": "BUDGET_NOM", "effectif": "VOTE_EFFECTIF",
        "votants": "VOTE_REEL", "pour": "VOTE_POUR", "contre": "VOTE_CONTRE", "abstention": "VOTE_ABSTENTION",
        "abstentions": "VOTE_ABSTENTION", "lien": "DELIB_URL", "url": "DELIB_URL",
    },
    "menus-collectifs": {
        "collectivite": "menuCollNom", "siretcollectivite": "menuCollSiret", "restaurant": "menuRestaurantNom",
        "nomdurestaurant": "menuRestaurantNom", "date": "menuDate", "datedumenu": "menuDate",
        "repas": "menuRepasType", "typederepas": "menuRepasType", "typedeplat": "menuPlatType",
        "plat": "menuPlatNom", "nomduplat": "menuPlatNom", "allergenes": "menuPlatAllergene",
        "labels": "menuPlatSiqo", "regime": "menuPlatRegime", "texture": "menuPlatTexture",
        "prix": "menuPlatPrix", "datedepublication": "menuPublicationDate",
    },
}

_VRAIS = {"oui", "o", "vrai", "true", "1", "yes", "y", "x"}
_FAUX = {"non", "n", "faux", "false", "0", "no"}


class LectureScdl(NamedTuple):
    """What ``lire_scdl`` returns: the typed table, the French notes, the validation report."""

    tableau: pd.DataFrame
    notes: list
    rapport: object  # donnees_en_main.donnees.validation.RapportValidation


def _cle(texte) -> str:
    texte = unicodedata.normalize("NFKD", str(texte))
    texte = "".join(c for c in texte if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]", "", texte)


def _luhn(chiffres: str) -> bool:
    total = 0
    for i, chiffre in enumerate(reversed(chiffres)):
        n = int(chiffre) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def siret_valide(siret: str) -> bool:
    """The Luhn checksum every SIRET (14 digits) satisfies — La Poste's establishments excepted."""
    if not re.fullmatch(r"\d{14}", str(siret)):
        return False
    return _luhn(siret) or siret.startswith("356000000")


def siren_valide(siren: str) -> bool:
    """The Luhn checksum every SIREN (9 digits) satisfies."""
    return bool(re.fullmatch(r"\d{9}", str(siren))) and _luhn(siren)


def identifiants_entreprises(serie: pd.Series, colonne: str, notes: list[str]) -> pd.Series:
    """SIRET / SIREN as text, then checked with their Luhn key; what was done is said in ``notes``.

    « 21860194600013.0 » (a spreadsheet's number) loses its « .0 »; a SIRET in scientific notation
    (« 2.18602E+13 ») lost digits: it is kept as written and reported, never rebuilt (one with all its
    14 digits, « 2.1860194600013e+13 », is rewritten in digits). Every 14-digit
    (SIRET) or 9-digit (SIREN) value is checked with its key; a wrong key is reported, not repaired.
    """
    flottants, scientifiques, complets = [], [], []

    def corriger(v):
        if not isinstance(v, str):
            return v
        v = v.strip().replace(" ", "")
        if re.fullmatch(r"\d+\.0+", v):
            flottants.append(v)
            return v.split(".")[0]
        if m := re.fullmatch(r"(\d)(?:\.(\d+))?[eE]\+?(\d+)", v.replace(",", ".")):
            chiffres = m.group(1) + (m.group(2) or "")
            if len(chiffres) == int(m.group(3)) + 1:  # every digit is written: nothing was lost
                complets.append(v)
                return chiffres
            scientifiques.append(v)
        return v

    valeurs = serie.map(corriger).astype("str").mask(serie.isna())
    if flottants:
        notes.append(f"Colonne {colonne} : {pluriel(len(flottants), 'numéro écrit', 'numéros écrits')} comme un nombre par "
                     f"un tableur (par exemple « {flottants[0]} ») : le « .0 » a été retiré.")
    if complets:
        notes.append(f"Colonne {colonne} : {pluriel(len(complets), 'numéro écrit', 'numéros écrits')} en notation "
                     f"scientifique avec tous leurs chiffres (par exemple « {complets[0]} ») : réécrits en chiffres.")
    if scientifiques:
        notes.append(f"Colonne {colonne} : {pluriel(len(scientifiques), 'numéro')} en notation scientifique (par exemple "
                     f"« {scientifiques[0]} ») : des chiffres ont été perdus par un tableur, ils ne peuvent pas être "
                     "retrouvés ; gardés tels quels, à retaper depuis le fichier d'origine.")
    remplis = valeurs.dropna()
    sirets, sirens = remplis[remplis.str.fullmatch(r"\d{14}")], remplis[remplis.str.fullmatch(r"\d{9}")]
    faux = sirets[~sirets.map(siret_valide)].tolist() + sirens[~sirens.map(siren_valide)].tolist()
    autres = remplis[~remplis.str.fullmatch(r"\d{14}|\d{9}")]
    if len(sirets) + len(sirens):
        note = (f"Colonne {colonne} : clé de contrôle (Luhn) vérifiée pour {pluriel(len(sirets) + len(sirens), 'numéro')} "
                f"SIRET ou SIREN : {pluriel(len(sirets) + len(sirens) - len(faux), 'juste', 'justes')}")
        if faux:
            note += (f", {pluriel(len(faux), 'fausse', 'fausses')} (par exemple « {faux[0]} ») : ces numéros sont gardés "
                     "tels quels, mais ne désignent sans doute pas le bon établissement ; vérifiez-les sur "
                     "annuaire-entreprises.data.gouv.fr")
        notes.append(note + ".")
    if len(autres):
        une = len(autres) == 1
        verbe = "n'a" if une else "n'ont"
        notes.append(f"Colonne {colonne} : {pluriel(len(autres), 'valeur')} qui {verbe} ni 14 chiffres "
                     f"(SIRET) ni 9 (SIREN) ({'' if une else 'par exemple '}« {autres.iloc[0]} ») : "
                     f"{'gardée telle quelle' if une else 'gardées telles quelles'}.")
    return valeurs



def note_ancien_format(paires: dict) -> str:
    """The French note on a subsidies file with the 2016-2017 headers ({header: today's name}), as
    ``lire_scdl`` and ``lire_subventions`` both say it."""
    return (
        "En-tête : ce fichier suit l'ancien format national des subventions (2016-2017) ; colonnes lues sous leur "
        "nom d'aujourd'hui (SCDL subventions 2.x) : " + ", ".join(f"« {a} » → « {n} »" for a, n in paires.items())
        + ". Les autres colonnes sont gardées telles quelles."
    )


# --------------------------------------------------------------------------- encoding


# --------------------------------------------------------------------------- values


_texte_nombre = texte_nombre_fr  # the one French-number parser, shared with nombres_fr


def _texte_date(valeur: str) -> str | None:
    v = valeur.strip()
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00)?)?", v):
        a, mo, j = m.groups()
    elif m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: 00:00(?::00)?)?", v):
        j, mo, a = m.groups()
    else:
        return None
    try:
        return pd.Timestamp(int(a), int(mo), int(j)).strftime("%Y-%m-%d")
    except ValueError:
        return None


def _texte_horodatage(valeur: str) -> str | None:
    v = valeur.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?", v):
        return v
    m = re.fullmatch(r"(.+?)[ T](\d{1,2})[:h](\d{2})(?::(\d{2}))?", v)
    date = _texte_date(m.group(1) if m else v)
    if date is None:
        return None
    h, mi, s = (m.group(2), m.group(3), m.group(4) or "00") if m else ("00", "00", "00")
    return f"{date}T{int(h):02d}:{int(mi):02d}:{int(s):02d}"


def _champ_siret(champ: dict) -> bool:
    motif = champ.get("constraints", {}).get("pattern")
    return motif == _MOTIF_SIRET or "siret" in champ["name"].lower() or champ["name"] in ("idAttribuant", "idBeneficiaire")


class _Compteur:
    """French notes, one per (column, kind of repair), with counts and one example."""

    def __init__(self):
        self.faits: dict[tuple[str, str], list] = {}

    def __call__(self, colonne: str, sorte: str, exemple: str) -> None:
        entree = self.faits.setdefault((colonne, sorte), [0, exemple])
        entree[0] += 1

    def notes(self) -> list[str]:
        # kind -> (one, several); {n} the count, {ex} an example as written in the file.
        phrases = {
            "nombre": ("1 nombre écrit à la française (« {ex} ») converti en nombre",
                       "{n} nombres écrits à la française (par exemple « {ex} ») convertis en nombres"),
            "entier": ("1 nombre écrit avec des décimales ou des espaces (« {ex} ») converti en entier",
                       "{n} nombres écrits avec des décimales ou des espaces (par exemple « {ex} ») convertis en entiers"),
            "pourcent": ("1 valeur écrite en pourcentage (« {ex} ») convertie en part entre 0 et 1",
                         "{n} valeurs écrites en pourcentage (par exemple « {ex} ») converties en parts entre 0 et 1"),
            "date": ("1 date écrite autrement qu'en aaaa-mm-jj (« {ex} ») convertie",
                     "{n} dates écrites autrement qu'en aaaa-mm-jj (par exemple « {ex} ») converties"),
            "horodatage": ("1 date et heure (« {ex} ») convertie au format aaaa-mm-jjThh:mm:ss",
                           "{n} dates et heures (par exemple « {ex} ») converties au format aaaa-mm-jjThh:mm:ss"),
            "siret_flottant": ("1 SIRET transformé en nombre par un tableur (« {ex} ») : le « .0 » a été retiré, "
                               "sa clé de contrôle est juste",
                               "{n} SIRET transformés en nombres par un tableur (par exemple « {ex} ») : le « .0 » a été "
                               "retiré, leur clé de contrôle est juste"),
            "siret_flottant_faux": ("1 SIRET transformé en nombre par un tableur (« {ex} ») : le « .0 » a été retiré, "
                                    "mais sa clé de contrôle (Luhn) est fausse : à vérifier sur annuaire-entreprises.data.gouv.fr",
                                    "{n} SIRET transformés en nombres par un tableur (par exemple « {ex} ») : le « .0 » a "
                                    "été retiré, mais leur clé de contrôle (Luhn) est fausse : à vérifier sur "
                                    "annuaire-entreprises.data.gouv.fr"),
            "siret_zero": ("1 SIRET à 13 chiffres (« {ex} ») : le zéro initial perdu a été remis (la clé de contrôle le confirme)",
                           "{n} SIRET à 13 chiffres (par exemple « {ex} ») : le zéro initial perdu a été remis (la clé de contrôle le confirme)"),
            "siret_scientifique": ("1 SIRET en notation scientifique (« {ex} ») : des chiffres sont perdus, à retaper depuis l'original",
                                   "{n} SIRET en notation scientifique (par exemple « {ex} ») : des chiffres sont perdus, à retaper depuis l'original"),
            "siren": ("1 SIREN (9 chiffres, « {ex} ») là où un SIRET (14 chiffres, l'établissement) est attendu : à compléter, signalé dans le rapport",
                      "{n} SIREN (9 chiffres, par exemple « {ex} ») là où un SIRET (14 chiffres, l'établissement) est attendu : à compléter, signalés dans le rapport"),
            "siret_espaces": ("1 SIRET écrit avec des espaces ou des points (« {ex} ») : ils ont été retirés",
                              "{n} SIRET écrits avec des espaces ou des points (par exemple « {ex} ») : ils ont été retirés"),
            "insee": ("1 code INSEE à 4 chiffres (« {ex} ») : le zéro initial perdu a été remis",
                      "{n} codes INSEE à 4 chiffres (par exemple « {ex} ») : le zéro initial perdu a été remis"),
            "booleen": ("1 oui/non écrit autrement (« {ex} ») converti en « oui » ou « non »",
                        "{n} oui/non écrits autrement (par exemple « {ex} ») convertis en « oui » ou « non »"),
            "liste": ("1 liste écrite en texte simple, valeurs séparées par des « ; » (« {ex} »), convertie au "
                      'format du schéma, entre crochets : ["…","…"]',
                      "{n} listes écrites en texte simple, valeurs séparées par des « ; » (par exemple « {ex} »), "
                      'converties au format du schéma, entre crochets : ["…","…"]'),
            "enum": ("1 valeur écrite avec d'autres majuscules, accents ou espaces (« {ex} ») remplacée par la valeur exacte du schéma",
                     "{n} valeurs écrites avec d'autres majuscules, accents ou espaces (par exemple « {ex} ») remplacées par la valeur exacte du schéma"),
        }
        sortie = []
        for (colonne, sorte), (n, exemple) in self.faits.items():
            modele = phrases[sorte][0 if n == 1 else 1]
            sortie.append(f"Colonne {colonne} : {modele.format(n=formater_entier(n), ex=exemple)}.")
        return sortie


def _normaliser_valeur(valeur: str, champ: dict, compter: _Compteur, signales: list) -> str:
    """The value rewritten as the schema expects it when a known repair applies, else unchanged."""
    if valeur is None or (isinstance(valeur, float) and pd.isna(valeur)):
        return ""
    v = str(valeur).strip()
    if v == "":
        return ""
    nom, type_ = champ["name"], champ.get("type", "string")
    if _champ_part(champ):  # decided by the shared rule for the whole column (``_parts``)
        return v
    if type_ == "number":
        if m := re.fullmatch(r"([-+]?[\d\s\u00a0\u202f.,]+)\s*%", v):
            nombre = _texte_nombre(m.group(1))
            if nombre is not None:
                compter(nom, "pourcent", v)
                return repr(round(float(nombre) / 100, 10))
        nombre = _texte_nombre(v)
        if nombre is None:
            return v
        if nombre != v:
            compter(nom, "nombre", v)
        return nombre
    if type_ in ("integer", "year"):
        nombre = _texte_nombre(v)
        if nombre is not None and float(nombre) == int(float(nombre)):
            entier = str(int(float(nombre)))
            if entier != v:
                compter(nom, "entier", v)
            return entier
        return v
    if type_ == "date":
        date = _texte_date(v)
        if date is not None and date != v:
            compter(nom, "date", v)
        return date or v
    if type_ == "datetime":
        horodatage = _texte_horodatage(v)
        if horodatage is not None and horodatage != v:
            compter(nom, "horodatage", v)
        return horodatage or v
    if type_ == "boolean":
        vrais, faux = champ.get("trueValues", ["true"]), champ.get("falseValues", ["false"])
        if v in vrais or v in faux:
            return v
        cle = _cle(v)
        if cle in _VRAIS | {_cle(x) for x in vrais}:
            compter(nom, "booleen", v)
            return vrais[0]
        if cle in _FAUX | {_cle(x) for x in faux}:
            compter(nom, "booleen", v)
            return faux[0]
        return v
    if type_ == "array":
        autorisees = champ.get("arrayItem", {}).get("constraints", {}).get("enum", [])
        if v.startswith("["):
            try:
                elements = json.loads(v)
            except json.JSONDecodeError:
                return v
            ecrit_autrement = False
        else:
            elements, ecrit_autrement = [e for e in (x.strip() for x in v.split(";")) if e], True
        exactes = [_valeur_exacte(str(e), autorisees) for e in elements]
        texte = json.dumps(exactes, ensure_ascii=False, separators=(",", ":"))
        if ecrit_autrement:
            compter(nom, "liste", v)
        elif exactes != elements:
            compter(nom, "enum", v)
        return texte
    # Strings.
    if _champ_siret(champ):
        return _normaliser_siret(v, nom, compter, signales)
    motif = champ.get("constraints", {}).get("pattern", "")
    if "2[AB" in motif and re.fullmatch(r"\d{4}", v):
        compter(nom, "insee", v)
        return "0" + v
    autorisees = champ.get("constraints", {}).get("enum")
    if autorisees and v not in autorisees:
        exacte = _valeur_exacte(v, autorisees)
        if exacte != v:
            compter(nom, "enum", v)
        return exacte
    return v


def _valeur_exacte(valeur: str, autorisees: list) -> str:
    """'Entrée' -> 'entrée', 'sans porc' -> 'sans porc ' (the schema's own spelling), else unchanged."""
    if valeur in autorisees:
        return valeur
    par_cle = {_cle(a): a for a in autorisees}
    return par_cle.get(_cle(valeur), valeur)


def _normaliser_siret(v: str, nom: str, compter: _Compteur, signales: list) -> str:
    if re.fullmatch(r"\d{14}", v):
        return v
    if re.fullmatch(r"\d{9,14}\.0+", v):
        entier = v.split(".")[0]
        if len(entier) == 14:
            compter(nom, "siret_flottant" if siret_valide(entier) else "siret_flottant_faux", v)
            return entier
        v = entier
    if re.fullmatch(r"\d[\d .\u00a0\u202f]*\d", v) and len(re.sub(r"\D", "", v)) in (9, 13, 14) and not re.fullmatch(r"\d+", v):
        compter(nom, "siret_espaces", v)
        v = re.sub(r"\D", "", v)
    if re.fullmatch(r"\d{13}", v) and siret_valide("0" + v):
        compter(nom, "siret_zero", v)
        return "0" + v
    if re.fullmatch(r"\d(\.\d+)?[eE]\+?\d+", v.replace(",", ".")):
        compter(nom, "siret_scientifique", v)
        signales.append((nom, v, "siret_scientifique"))
        return v
    if re.fullmatch(r"\d{9}", v):
        compter(nom, "siren", v)
        signales.append((nom, v, "siren"))
    return v


# --------------------------------------------------------------------------- headers


def renommer_colonnes(colonnes: list[str], champs: list[str], schema_nom: str) -> tuple[dict[str, str], list[str]]:
    """{file's column: schema name} for the columns recognised (same name in another case or spelling, a
    synonym met in real files, the 2016-2017 subsidies headers), and the French notes. The one header rule
    of ``lire_scdl`` and ``lire_subventions``."""
    par_cle = {_cle(c): c for c in champs}
    synonymes = SYNONYMES.get(schema_nom, {})
    renommage, notes, pris, anciennes = {}, [], set(), {}
    for colonne in colonnes:
        cible = None
        if colonne in champs:
            cible = colonne
        elif _cle(colonne) in par_cle:
            cible = par_cle[_cle(colonne)]
        elif synonymes.get(_cle(colonne)) in champs:
            cible = synonymes[_cle(colonne)]
        else:
            proche = difflib.get_close_matches(_cle(colonne), list(par_cle), n=1, cutoff=0.85)
            cible = par_cle[proche[0]] if proche else None
        if cible is None:
            continue
        if cible in pris:
            notes.append(
                f"En-tête : la colonne « {colonne} » ressemble aussi à « {cible} », déjà trouvée plus à gauche ; "
                "elle est gardée sous son propre nom."
            )
            continue
        pris.add(cible)
        renommage[colonne] = cible
        if cible != colonne and schema_nom == "subventions" and ANCIENNES_ENTETES_SUBVENTIONS.get(_cle(colonne)) == cible:
            anciennes[colonne] = cible  # said once, below
        elif cible != colonne:
            notes.append(f"En-tête : la colonne « {colonne} » a été lue comme « {cible} » (nom prévu par le schéma).")
    if anciennes:
        notes.insert(0, note_ancien_format(anciennes))
    return renommage, notes


# --------------------------------------------------------------------------- schema


def _schema(schema_nom: str) -> tuple[dict, str, list[str]]:
    relatif, national = SCHEMAS_SCDL[schema_nom]
    fichier = dossier_donnees() / relatif
    if fichier.is_file():
        try:
            return json.loads(fichier.read_text(encoding="utf-8")), national, []
        except (UnicodeDecodeError, json.JSONDecodeError):
            pass
    types = {"siret": {"type": "string", "constraints": {"required": True, "pattern": _MOTIF_SIRET}},
             "date": {"type": "date", "constraints": {"required": True}},
             "number": {"type": "number", "constraints": {"required": True}},
             "string": {"type": "string", "constraints": {"required": True}}}
    champs = [{"name": n, **copy.deepcopy(types[t])} for n, t in CHAMPS_MINIMAUX[schema_nom]]
    note = (
        f"Schéma : le schéma du projet (datasets/{relatif}) est introuvable ; le fichier est vérifié seulement sur "
        f"les champs obligatoires minimaux du {national} ({', '.join(n for n, _ in CHAMPS_MINIMAUX[schema_nom])}). "
        "Restaurez le dossier datasets/ du cours pour un contrôle complet."
    )
    return {"title": f"{national} (champs minimaux)", "fields": champs, "missingValues": [""]}, national, [note]


# --------------------------------------------------------------------------- reading


def lire_scdl(chemin_fichier, schema: str = "menus-collectifs") -> LectureScdl:
    """Read a commune's SCDL file (``schema``: "menus-collectifs", "subventions" or "deliberations").

    Returns ``LectureScdl(tableau, notes, rapport)``, a tuple:

    - ``tableau``: one row per line of the file, the schema's columns first (close header variants
      such as « Date de la convention » or « MONTANT » are renamed to the schema's names), typed;
    - ``notes``: French sentences on what was detected (encoding, separator, line ends) and repaired
      (amounts, dates, SIRET, oui/non, lists, headers); nothing is repaired silently;
    - ``rapport``: the French validation report (``donnees_en_main.donnees.validation``) of the repaired
      values against the project's Table Schema (or, if it is missing, against the minimal required
      fields, which the notes say), with the line numbers of the original file.

    Raises ``ErreurDonnees`` when the file cannot be read as a table at all.
    """
    from donnees_en_main.donnees.validation import valider

    schema_nom = _ALIAS.get(str(schema).strip().lower(), str(schema).strip().lower())
    if schema_nom not in SCHEMAS_SCDL:
        raise ErreurDonnees(
            f"Schéma « {schema} » inconnu. Choisissez parmi : " + ", ".join(f"« {s} »" for s in SCHEMAS_SCDL) + "."
        )
    fichier = Path(chemin_fichier)
    format_ = detecter_format(fichier)  # missing, empty, binary, not a table… -> ErreurDonnees
    texte, notes = format_.texte, list(format_.notes)
    # A repaired copy is read when the bytes are not the text: a file mixing UTF-8 and Windows-1252 lines
    # (decoded line by line), or an Excel workbook (its sheet as CSV).
    copie_necessaire = format_.melange or format_.classeur is not None
    octets = fichier.read_bytes() if format_.classeur is None else texte.encode("utf-8")
    crlf, lf = octets.count(b"\r\n"), octets.count(b"\n") - octets.count(b"\r\n")
    if crlf and lf:
        notes.append(
            f"Fins de ligne mélangées : {pluriel(crlf, 'ligne finit', 'lignes finissent')} à la manière de Windows "
            f"(CRLF) et {pluriel(lf, 'ligne', 'lignes')} à la manière de Linux ou macOS (LF), signe d'un fichier "
            "assemblé à partir de plusieurs sources ; elles ont été lues normalement."
        )
    texte = texte.replace("\r\n", "\n").replace("\r", "\n")

    with tempfile.TemporaryDirectory(prefix="scdl-") as dossier:
        source = fichier
        if copie_necessaire:
            source = Path(dossier) / fichier.name
            source.write_text(texte, encoding="utf-8")
        tableau, notes_lecture = lire_csv_tableur(source)
        if copie_necessaire:
            notes_lecture = [n for n in notes_lecture if not n.startswith(("Encodage", "Séparateur"))]
        notes += [n for n in notes_lecture if n not in notes]
        separateur = detecter_format(source).separateur
        lignes = lignes_d_origine(texte, separateur)

        vides = [c for c in tableau.columns if str(c).startswith("Unnamed:") and tableau[c].isna().all()]
        if vides:
            tableau = tableau.drop(columns=vides)
            notes.append(
                f"{pluriel(len(vides), 'colonne sans titre et vide retirée', 'colonnes sans titre et vides retirées')} "
                "(un séparateur en trop au bout des lignes)."
            )
        descripteur, national, notes_schema = _schema(schema_nom)
        notes += notes_schema
        champs = {f["name"]: f for f in descripteur.get("fields", [])}
        renommage, notes_entete = renommer_colonnes(list(tableau.columns), list(champs), schema_nom)
        notes += notes_entete
        tableau = tableau.rename(columns=renommage)
        presents = [n for n in champs if n in tableau.columns]
        hors_schema = [c for c in tableau.columns if c not in champs]
        if hors_schema:
            notes.append(
                "Colonnes que le schéma ne prévoit pas, gardées telles quelles mais non vérifiées : "
                + ", ".join(f"« {c} »" for c in hors_schema) + "."
            )
        if not presents:  # not a file of this schema at all: say it first, and what it looks like
            from donnees_en_main.donnees.catalogue import ressemble

            notes.insert(0, f"Ce fichier n'a aucune colonne du schéma « {schema_nom} » : ce n'est pas un fichier de ce "
                            "format, et rien n'y a été vérifié." + ressemble(tableau.columns))

        compter, signales = _Compteur(), []
        textes = pd.DataFrame(index=tableau.index)
        for nom in presents:
            textes[nom] = [_normaliser_valeur(v, champs[nom], compter, signales) for v in tableau[nom]]
        notes += compter.notes()
        parts, notes_parts = _parts(tableau, textes, champs, lignes)
        notes += notes_parts

        # Validation of the repaired values against the schema, on a temporary UTF-8 copy.
        schema_effectif = {k: v for k, v in descripteur.items() if k not in ("primaryKey", "foreignKeys")}
        schema_effectif["fields"] = [champs[n] for n in presents]
        copie = Path(dossier) / "valeurs-reparees.csv"
        textes.to_csv(copie, index=False, encoding="utf-8")
        if presents:
            rapport = valider(copie, schema_effectif, doublons=True)
        else:
            from donnees_en_main.donnees.validation import RapportValidation

            rapport = RapportValidation(fichier="", schema="", valide=False, lignes=len(tableau))
    rapport.fichier = fichier.name
    rapport.schema = descripteur.get("title") or national
    if len(lignes) == len(tableau):
        for erreur in rapport.erreurs:
            if isinstance(erreur.get("ligne"), int) and 2 <= erreur["ligne"] < len(lignes) + 2:
                erreur["ligne"] = lignes[erreur["ligne"] - 2]
    for nom in champs:
        if nom not in presents:
            obligatoire = champs[nom].get("constraints", {}).get("required", False)
            if obligatoire:
                rapport.erreurs.insert(0, {
                    "ligne": 1, "colonne": nom, "valeur": None,
                    "probleme": f"La colonne obligatoire « {nom} » du schéma est absente du fichier (aucun en-tête proche).",
                    "conseil": f"Ajoutez une colonne « {nom} » ({champs[nom].get('title', nom)}), ou renommez la "
                               "colonne qui contient cette information.",
                    "categorie": "colonne_manquante", "code": "missing-label",
                })
    manquantes_facultatives = [n for n in champs if n not in presents and not champs[n].get("constraints", {}).get("required")]
    if manquantes_facultatives:
        rapport.remarques.append(
            "Colonnes facultatives du schéma absentes du fichier (le validateur national les demande, même vides) : "
            + ", ".join(manquantes_facultatives) + "."
        )
    for nom, valeur, sorte in list(dict.fromkeys(signales))[:5]:
        if sorte == "siren":
            rapport.remarques.append(
                f"« {valeur} » (colonne {nom}) est un SIREN, le numéro de l'organisme (9 chiffres), et non un SIRET, "
                "celui de son établissement (14 chiffres) : retrouvez le SIRET sur annuaire-entreprises.data.gouv.fr."
            )
    if notes:
        rapport.remarques.insert(0, "Le contrôle porte sur les valeurs après les réparations décrites dans les notes de lecture.")
    rapport.valide = not rapport.erreurs

    # The returned table: schema's columns first, typed.
    sortie = pd.DataFrame(index=tableau.index)
    for nom in presents:
        sortie[nom] = parts[nom] if nom in parts else _typer(textes[nom], champs[nom])
    for c in hors_schema:
        sortie[c] = tableau[c]
    illisibles = {}
    for n in presents:
        if champs[n].get("type", "string") in ("string", "array") or n in parts:  # shares: said by ``_parts``
            continue
        vides = textes[n].ne("") & sortie[n].isna()
        masquees = vides & textes[n].map(est_masquee).astype(bool)
        if masquees.any():  # « secret », « nd », « NC »…: unknown, not unreadable
            notes.append(note_valeurs_masquees(textes[n][masquees], f" de la colonne {n}"))
        autres = vides & ~masquees
        if autres.any() and champs[n].get("type") in ("number", "integer", "year"):
            # « SEM », « ODHLM » where an amount is expected: the rule every reader shares (kept, missing, listed).
            notes.append(note_non_numeriques(textes[n], autres, n, lignes))
            continue
        illisibles[n] = int(autres.sum())
    illisibles = {n: k for n, k in illisibles.items() if k}
    if illisibles:
        notes.append(
            "Valeurs illisibles laissées vides dans le tableau (voir le rapport de validation pour les lignes) : "
            + ", ".join(f"{pluriel(k, 'valeur')} dans {n}" for n, k in illisibles.items()) + "."
        )
    sortie = sortie.reset_index(drop=True)
    sortie.attrs.update({"fichier": fichier.name, "schema": schema_nom, "notes": list(notes)})
    return LectureScdl(sortie, notes, rapport)


def _champ_part(champ: dict) -> bool:
    """A share the schema writes between 0 and 1 (a number with maximum 1: ``pourcentageSubvention``)."""
    return champ.get("type") == "number" and champ.get("constraints", {}).get("maximum") == 1


def _parts(tableau: pd.DataFrame, textes: pd.DataFrame, champs: dict, lignes: list[int]) -> tuple[dict, list[str]]:
    """The share columns by the one rule every reader shares (``parts_par_valeur``, value by value): the
    shares, and the French notes. ``textes`` gets the repaired shares for the validation; a word or an
    impossible value keeps its text there, so that the report names its line."""
    parts, notes = {}, []
    for nom in textes.columns:
        if not _champ_part(champs[nom]):
            continue
        parts[nom] = parts_par_valeur(tableau[nom], nom, notes, lignes)
        lues = parts[nom].notna()
        textes.loc[lues, nom] = [repr(round(float(x), 10)) for x in parts[nom][lues]]
    return parts, notes


def _typer(textes: pd.Series, champ: dict) -> pd.Series:
    type_ = champ.get("type", "string")
    vides = textes.eq("")
    if type_ == "number":  # only what the French-number parser reads (not « inf », « nan »)
        return pd.to_numeric(textes.map(texte_nombre_fr), errors="coerce").astype(float)
    if type_ in ("integer", "year"):
        nombres = pd.to_numeric(textes.map(texte_nombre_fr), errors="coerce")
        entiers = nombres.where(nombres.isna() | (nombres == nombres.round()))
        return entiers.astype("Int64")
    if type_ == "date":
        return pd.to_datetime(textes.mask(vides), format="%Y-%m-%d", errors="coerce")
    if type_ == "datetime":
        avec_fuseau = textes.str.contains(r"(?:Z|[+-]\d{2}:?\d{2})$", regex=True).any()
        return pd.to_datetime(textes.mask(vides), format="ISO8601", errors="coerce", utc=bool(avec_fuseau))
    if type_ == "boolean":
        vrais, faux = champ.get("trueValues", ["true"]), champ.get("falseValues", ["false"])
        return textes.map({**{v: True for v in vrais}, **{v: False for v in faux}}).astype("boolean")
    if type_ == "array":
        def liste(v):
            try:
                return json.loads(v) if v else []
            except json.JSONDecodeError:
                return []
        return textes.map(liste).astype(object)
    return textes.mask(vides)
