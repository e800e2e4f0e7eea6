"""Profile a table column by column, for readers who do not code (in the spirit of DataBasic's WTFcsv).

    from donnees_en_main.donnees.profil import profiler
    profiler("energie-secteurs")        # a dataset of the course, by its name
    profiler(tableau)                   # any pandas DataFrame
    profiler("mon-fichier.csv")         # your own CSV file (read as text, like a spreadsheet export)
    profiler()                          # a menu to choose any dataset of the catalogue

For each column: its nature in plain French (texte, nombre, date, code, liste, oui/non), its
missing values, its number of different values, its range or most frequent values, and the
« valeurs suspectes » worth a question before trusting a figure: values far from the others
(quartile rule), spaces around a text, two spellings of one value, numbers written as text or with
a decimal comma, masked values (« secret »), codes that lost their leading zero or became numbers,
dates written the French way, in the future or before 1900. For the whole table: rows, columns,
exact duplicate rows, empty rows, and where the data come from (the catalogue's description).

A ``Profil`` displays itself in a notebook as an accessible HTML table (caption, column and row
headers, warnings written in words, not colours).
"""

from __future__ import annotations

import difflib
import html
import io
import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from donnees_en_main.reglages import dossier_donnees
from donnees_en_main.donnees import (
    MOTIF_IDENTIFIANT,
    ErreurDonnees,
    charger,
    chemin,
    decrire,
    detecter_format,
    formater_entier,
    lire_csv_tableur,
    pluriel,
    ressources,
)
from donnees_en_main.affichage.graphiques import nombre_fr, pourcent_fr

__all__ = ["Profil", "ProfilColonne", "explorer", "profiler", "profiler_ressource", "NATURES"]

NATURES = {
    "texte": "texte",
    "nombre": "nombre",
    "date": "date",
    "code": "code (identifiant)",
    "liste": "liste (plusieurs valeurs par case)",
    "oui/non": "oui / non",
    "vide": "vide",
}

# Thresholds, in one place (see the tests).
PART_NOMBRES = 0.5  # a text column is "numbers written as text" when at least half of it reads as numbers
PART_DATES = 0.9  # … "dates written as text" when 90 % reads as dates
COEF_TUKEY = 1.5  # quartile rule: below Q1 - 1.5 IQR or above Q3 + 1.5 IQR (Tukey, 1977)
MIN_VALEURS_ABERRANTES = 8  # no quartile rule on fewer values
MAX_DISTINCTES_FAUTES = 60  # look for typos only among that many different values
ANNEE_TROP_ANCIENNE = 1900
LONGUEUR_APERCU = 60
LARGEURS_COLONNES = (16, 12, 10, 12, 22, 28)  # % of the profile table's width, column by column

_NOMBRE_EN = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
_NOMBRE_FR = re.compile(r"^[-+]?\d{1,3}([ \u00a0\u202f]\d{3})+(,\d+)?$|^[-+]?\d+,\d+$")
_DATE_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")
_MOIS_ISO = re.compile(r"^\d{4}-\d{2}$")
_DATE_FR = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}( \d{1,2}:\d{2}(:\d{2})?)?$")
_CODE_FLOTTANT = re.compile(r"^\d+\.0$")
_NOTATION_SCIENTIFIQUE = re.compile(r"^\d+(,|\.)?\d*[eE]\+\d+$")
_MOTIF_ANNEE = re.compile(r"ann[ée]e|year|mill[ée]sime|^an$", re.IGNORECASE)
_LISTE_JSON = re.compile(r"^\[.*\]$", re.S)
_CHIFFRE = re.compile(r"\d")
_ALPHANUMERIQUE = re.compile(r"[0-9A-Za-z]+")


# --------------------------------------------------------------------------- results


@dataclass
class ProfilColonne:
    """The profile of one column."""

    nom: str
    nature: str  # a key of NATURES
    manquantes: int
    total: int
    distinctes: int
    apercu: str
    suspectes: list[str] = field(default_factory=list)
    precision: str = ""  # e.g. « écrits comme du texte »

    @property
    def pct_manquantes(self) -> float:
        return 100 * self.manquantes / self.total if self.total else 0.0

    @property
    def libelle_nature(self) -> str:
        texte = NATURES[self.nature]
        return f"{texte}, {self.precision}" if self.precision else texte


@dataclass
class Profil:
    """The profile of a table: ``colonnes`` (one ``ProfilColonne`` each) and table-level counts."""

    titre: str
    lignes: int
    colonnes: list[ProfilColonne]
    doublons: int = 0
    lignes_vides: int = 0
    provenance: list[str] = field(default_factory=list)

    def colonne(self, nom: str) -> ProfilColonne:
        for c in self.colonnes:
            if c.nom == nom:
                return c
        noms = ", ".join(f"« {c.nom} »" for c in self.colonnes)
        raise ErreurDonnees(f"Pas de colonne « {nom} » dans ce profil. Colonnes : {noms}.")

    def suspectes(self) -> dict[str, list[str]]:
        """Columns with suspicious values: {column: [French sentences]}."""
        return {c.nom: list(c.suspectes) for c in self.colonnes if c.suspectes}

    def en_tableau(self) -> pd.DataFrame:
        """The profile as a DataFrame (French column titles), one row per column of the table."""
        return pd.DataFrame(
            [
                {
                    "Colonne": c.nom,
                    "Nature": c.libelle_nature,
                    "Manquantes": c.manquantes,
                    "Manquantes (%)": round(c.pct_manquantes, 1),
                    "Valeurs différentes": c.distinctes,
                    "Aperçu": c.apercu,
                    "Valeurs suspectes": " ; ".join(c.suspectes),
                }
                for c in self.colonnes
            ]
        )

    def resume(self) -> str:
        """One or two French sentences on the whole table."""
        morceaux = [
            f"{pluriel(self.lignes, 'ligne')}, {pluriel(len(self.colonnes), 'colonne')}",
            pluriel(self.doublons, "ligne en double", "lignes en double") if self.doublons else "aucune ligne en double",
        ]
        if self.lignes_vides:
            morceaux.append(pluriel(self.lignes_vides, "ligne vide", "lignes vides"))
        avec = len(self.suspectes())
        morceaux.append(
            f"{pluriel(avec, 'colonne')} avec des valeurs suspectes" if avec else "aucune valeur suspecte repérée"
        )
        return "« " + self.titre + " » : " + ", ".join(morceaux) + "."

    def __str__(self) -> str:
        lignes = [self.resume(), *self.provenance]
        for c in self.colonnes:
            manque = (f"{pluriel(c.manquantes, 'case vide', 'cases vides')} ({_pct(c.pct_manquantes)})"
                      if c.manquantes else "aucune case vide")
            lignes.append(f"- {c.nom} : {c.libelle_nature} ; {manque} ; "
                          f"{pluriel(c.distinctes, 'valeur différente', 'valeurs différentes')} ; {c.apercu}")
            lignes += [f"    ⚠ {s}" for s in c.suspectes]
        return "\n".join(lignes)

    def __repr__(self) -> str:
        return f"<Profil {self.resume()}>"

    def _repr_html_(self) -> str:
        e = html.escape
        parties = [
            f'<section class="dem-profil" lang="fr" aria-label="Profil de {e(self.titre)}" '
            'style="max-width: 100%; white-space: normal; overflow-wrap: break-word; hyphens: auto;">',
            f"<p><strong>{e(self.resume())}</strong></p>",
        ]
        if self.provenance:
            parties.append("<ul>" + "".join(f"<li>{e(p)}</li>" for p in self.provenance) + "</ul>")
        # The columns with something to report come first; the others are folded under one line (the
        # profile of a 26-column file stays short on a phone), nothing is left out.
        a_signaler = [c for c in self.colonnes if c.suspectes]
        sans_rien = [c for c in self.colonnes if not c.suspectes]
        if a_signaler:
            parties.append(self._tableau_html(a_signaler, "Colonnes à regarder de près"))
        if sans_rien:
            n = len(sans_rien)
            titre = (f"{'La' if n == 1 else 'Les'} {formater_entier(n)} colonne{'s' if n > 1 else ''} "
                     f"sans rien à signaler" if a_signaler else
                     f"Aucune valeur suspecte : voir {'la' if n == 1 else 'les'} {formater_entier(n)} "
                     f"colonne{'s' if n > 1 else ''}")
            parties.append(f'<details class="dem-profil-autres"><summary>{titre}</summary>'
                           + self._tableau_html(sans_rien, "Colonnes sans valeur suspecte") + "</details>")
        parties.append("</section>")
        return "\n".join(parties)

    def _tableau_html(self, colonnes: list[ProfilColonne], quoi: str) -> str:
        """One table of the profile: a row per column of the file."""
        e = html.escape
        parties = [
            '<div style="overflow-x: auto; max-width: 100%;"><table class="table dem-profil-table" '
            'style="width: 100%; table-layout: fixed; font-size: 0.85em;">'
            f"<caption>{e(quoi)} dans « {e(self.titre)} » : nature, cases vides, "
            "valeurs différentes, aperçu et valeurs suspectes</caption>"
            + "".join(f'<col style="width: {l}%;">' for l in LARGEURS_COLONNES) + "<thead><tr>"
            '<th scope="col">Colonne</th><th scope="col">Nature</th>'
            '<th scope="col">Cases vides</th><th scope="col">Valeurs différentes</th>'
            '<th scope="col">Étendue ou valeurs les plus fréquentes</th>'
            '<th scope="col">Valeurs suspectes</th></tr></thead><tbody>'
        ]
        for c in colonnes:
            manque = "aucune" if not c.manquantes else (
                f"{formater_entier(c.manquantes)} ({_pct(c.pct_manquantes)})")
            suspect = (
                "<ul>" + "".join(f'<li><span aria-hidden="true">⚠</span> {e(s)}</li>' for s in c.suspectes) + "</ul>"
                if c.suspectes else "—"
            )
            parties.append(
                f'<tr><th scope="row"><code>{e(c.nom)}</code></th><td>{e(c.libelle_nature)}</td>'
                f"<td>{manque}</td><td>{formater_entier(c.distinctes)}</td><td>{e(c.apercu)}</td>"
                f"<td>{suspect}</td></tr>"
            )
        parties.append("</tbody></table></div>")
        return "".join(parties)


# --------------------------------------------------------------------------- small helpers


def _court(valeur, n: int = LONGUEUR_APERCU) -> str:
    texte = str(valeur)
    return texte if len(texte) <= n else texte[: n - 1] + "…"


def _guillemets(valeur) -> str:
    """« value », showing spaces at either end (invisible otherwise)."""
    texte = _court(valeur)
    return f"« {texte.replace(' ', '␣') if texte != texte.strip() else texte} »"


def _nombre(x: float, annee: bool = False) -> str:
    if annee and float(x).is_integer():
        return str(int(x))
    if float(x).is_integer():
        return nombre_fr(x, 0)
    return nombre_fr(x, 2 if abs(x) < 100 else 1).rstrip("0").rstrip(",")


def _pct(x: float) -> str:
    """A share in French, with one decimal below 1 % so that 3 rows out of 1 095 do not read « 0 % »."""
    return pourcent_fr(x, 1 if 0 < x < 1 else 0)


def _est_annee(nombres: pd.Series, nom: str) -> bool:
    return bool(_MOTIF_ANNEE.search(nom)) and bool(nombres.between(1000, 2999).all())


def _etendue(nombres: pd.Series, nom: str) -> str:
    annee = _est_annee(nombres, nom)
    return (f"de {_nombre(nombres.min(), annee)} à {_nombre(nombres.max(), annee)} ; "
            f"médiane {_nombre(nombres.median(), annee)}")


def _date(d: pd.Timestamp) -> str:
    return d.strftime("%d/%m/%Y")


def _manquant(valeur) -> bool:
    if isinstance(valeur, (list, tuple, dict, set)):
        return False
    if isinstance(valeur, str):
        return not valeur.strip()
    try:
        return bool(pd.isna(valeur))
    except (TypeError, ValueError):
        return False


def _hachable(valeur):
    if isinstance(valeur, (list, tuple, set)):
        return tuple(_hachable(v) for v in valeur)
    if isinstance(valeur, dict):
        return tuple(sorted((k, _hachable(v)) for k, v in valeur.items()))
    return valeur


def _normaliser(texte: str) -> str:
    t = unicodedata.normalize("NFKD", texte)
    return " ".join("".join(c for c in t if not unicodedata.combining(c)).casefold().split())


def _distance(a: str, b: str) -> int:
    """Edit distance (Levenshtein) between two short strings."""
    precedente = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        courante = [i]
        for j, cb in enumerate(b, 1):
            courante.append(min(precedente[j] + 1, courante[j - 1] + 1, precedente[j - 1] + (ca != cb)))
        precedente = courante
    return precedente[-1]


def _frequentes(comptes: Counter, n: int = 3) -> str:
    """« le plus souvent : « a » (12), « b » (3) » from value counts."""
    if len(comptes) == 1:
        return f"une seule valeur : {_guillemets(next(iter(comptes)))}"
    if all(k == 1 for k in comptes.values()):
        return "toutes différentes, par exemple " + ", ".join(_guillemets(v) for v in list(comptes)[:n])
    return "le plus souvent : " + ", ".join(
        f"{_guillemets(v)} ({formater_entier(int(k))})" for v, k in comptes.most_common(n))


def lire_nombre_texte(valeur: str) -> float | None:
    """A number written as text, English (1234.5) or French (1 234,5), else None."""
    texte = valeur.strip()
    if texte.endswith("%"):
        texte = texte[:-1].rstrip(" \u00a0\u202f")
    if _NOMBRE_EN.match(texte):
        return float(texte)
    if _NOMBRE_FR.match(texte):
        return float(re.sub(r"[ \u00a0\u202f]", "", texte).replace(",", "."))
    return None


# --------------------------------------------------------------------------- column checks


def _suspects_nombres(valeurs: pd.Series, annee: bool = False) -> list[str]:
    """Values far from the others (quartile rule) and isolated negative values."""
    suspects = []
    valeurs = valeurs.astype(float)
    if len(valeurs) >= MIN_VALEURS_ABERRANTES:
        q1, q3 = valeurs.quantile(0.25), valeurs.quantile(0.75)
        ecart = q3 - q1
        if ecart > 0:
            bas, haut = q1 - COEF_TUKEY * ecart, q3 + COEF_TUKEY * ecart
            grandes, petites = valeurs[valeurs > haut], valeurs[valeurs < bas]
            loin = pd.concat([grandes, petites])
            if len(loin):
                exemples = ", ".join(_nombre(v, annee) for v in sorted(set(loin), key=lambda v: -abs(v - valeurs.median()))[:3])
                if not len(petites):
                    ou = f"bien plus grandes que les autres (au-delà de {_nombre(haut, annee)}"
                elif not len(grandes):
                    ou = f"bien plus petites que les autres (en dessous de {_nombre(bas, annee)}"
                else:
                    ou = f"très éloignées des autres (hors de {_nombre(bas, annee)} à {_nombre(haut, annee)}"
                suspects.append(
                    f"{pluriel(len(loin), 'valeur', 'valeurs')} {ou}, règle des quartiles), par exemple "
                    f"{exemples} : erreur de saisie ou d'unité, ou cas exceptionnel bien réel ? À vérifier."
                )
    negatives = int((valeurs < 0).sum())
    if negatives and negatives <= 0.05 * len(valeurs):
        suspects.append(
            f"{pluriel(negatives, 'valeur négative', 'valeurs négatives')} parmi des valeurs positives : "
            "un signe moins tapé par erreur, ou une correction (avoir, rattrapage) ?"
        )
    return suspects


def _suspects_dates(dates: pd.Series, aujourd_hui: pd.Timestamp) -> list[str]:
    suspects = []
    futures = int((dates > aujourd_hui).sum())
    if futures:
        suspects.append(
            f"{pluriel(futures, 'date', 'dates')} après le {_date(aujourd_hui)}, dans le futur : "
            "une erreur de saisie, ou une date prévue (un menu, une échéance) ?"
        )
    anciennes = int((dates.dt.year < ANNEE_TROP_ANCIENNE).sum())
    if anciennes:
        suspects.append(
            f"{pluriel(anciennes, 'date', 'dates')} avant {ANNEE_TROP_ANCIENNE} : souvent une date "
            "vide remplacée par une valeur par défaut (01/01/1900)."
        )
    return suspects


def _suspects_textes(comptes: Counter, chercher_fautes: bool) -> list[str]:
    """Spaces around, several spellings of one value, near-identical values (typos).
    ``comptes``: value counts of the column (keys = the values as written)."""
    suspects = []
    espaces = [(v, k) for v, k in comptes.items() if v != v.strip()]
    if espaces:
        suspects.append(
            f"{pluriel(sum(k for _v, k in espaces), 'case commence', 'cases commencent')} ou finissent par une "
            f"espace invisible, par exemple {_guillemets(espaces[0][0])} : « Brie » et « Brie␣ » "
            "seront comptés comme deux valeurs différentes."
        )
    propres: Counter = Counter()
    for v, k in comptes.items():
        propres[v.strip()] += k
    groupes: dict[str, list[str]] = {}
    for v in propres:
        groupes.setdefault(_normaliser(v), []).append(v)
    variantes = [sorted(g, key=lambda v: -propres[v]) for g in groupes.values() if len(g) > 1]
    if variantes:
        exemple = " / ".join(_guillemets(v) for v in variantes[0][:3])
        suspects.append(
            f"{pluriel(len(variantes), 'valeur écrite', 'valeurs écrites')} de plusieurs façons "
            f"(majuscules, accents ou espaces), par exemple {exemple} : à harmoniser avant de compter."
        )
    if chercher_fautes and 1 < len(propres) <= MAX_DISTINCTES_FAUTES:
        fautes = []
        distinctes = [v for v, _k in propres.most_common()]
        for i, frequente in enumerate(distinctes):
            for rare in distinctes[i + 1:]:
                if propres[rare] * 5 > propres[frequente] or len(rare) < 5 or _normaliser(rare) == _normaliser(frequente):
                    continue
                if abs(len(rare) - len(frequente)) > 2 or _CHIFFRE.search(rare + frequente):
                    continue
                if difflib.SequenceMatcher(None, rare, frequente).ratio() >= 0.85 and _distance(rare, frequente) <= 2:
                    fautes.append((rare, frequente))
        if fautes:
            rare, frequente = fautes[0]
            suspects.append(
                f"{pluriel(len(fautes), 'valeur rare ressemble', 'valeurs rares ressemblent')} à une valeur "
                f"fréquente, par exemple {_guillemets(rare)} ({formater_entier(propres[rare])} fois) et "
                f"{_guillemets(frequente)} ({formater_entier(propres[frequente])} fois) : une faute de frappe ?"
            )
    return suspects


def _suspects_codes(comptes: Counter) -> list[str]:
    """Codes turned into numbers by a spreadsheet: « .0 », scientific notation, lost leading zeros."""
    suspects = []
    propres: Counter = Counter()
    for v, k in comptes.items():
        propres[v.strip()] += k
    flottants = [(v, k) for v, k in propres.items() if _CODE_FLOTTANT.match(v)]
    if flottants:
        suspects.append(
            f"{pluriel(sum(k for _v, k in flottants), 'code finit', 'codes finissent')} par « .0 », par exemple "
            f"{_guillemets(flottants[0][0])} : un tableur l'a pris pour un nombre. Lisez la colonne "
            "comme du texte et retirez le « .0 »."
        )
    scientifiques = [(v, k) for v, k in propres.items() if _NOTATION_SCIENTIFIQUE.match(v)]
    if scientifiques:
        suspects.append(
            f"{pluriel(sum(k for _v, k in scientifiques), 'code est écrit', 'codes sont écrits')} en notation "
            f"scientifique, par exemple {_guillemets(scientifiques[0][0])} : des chiffres sont "
            "perdus, reprenez le fichier d'origine."
        )
    par_longueur: Counter = Counter()
    for v, k in propres.items():
        par_longueur[len(v)] += k
    if len(par_longueur) > 1 and all(_ALPHANUMERIQUE.fullmatch(v) for v in propres):
        habituelle, nombre = par_longueur.most_common(1)[0]
        courts = [(v, k) for v, k in propres.items() if len(v) < habituelle and v.isdigit()]
        if courts and nombre >= 0.5 * sum(propres.values()):
            exemple = courts[0][0]
            suspects.append(
                f"{pluriel(sum(k for _v, k in courts), 'code a', 'codes ont')} moins de caractères que les "
                f"autres ({habituelle} d'habitude), par exemple « {exemple} » : un zéro du début a sans doute "
                f"disparu (« {exemple.zfill(habituelle)} »). Lisez la colonne comme du texte."
            )
    return suspects


# --------------------------------------------------------------------------- one column


def _cases_vides(serie: pd.Series) -> np.ndarray:
    """True where a cell is missing: NA, or a text made only of spaces (a list is never missing)."""
    vides = serie.isna().to_numpy(dtype=bool)
    if serie.dtype == object or pd.api.types.is_string_dtype(serie.dtype):
        blancs = np.fromiter((isinstance(v, str) and not v.strip() for v in serie.to_numpy(dtype=object)),
                             dtype=bool, count=len(serie))
        vides = vides | blancs
    return vides


def profiler_colonne(serie: pd.Series, *, aujourd_hui: pd.Timestamp, texte_source: pd.Series | None = None,
                     manque: np.ndarray | None = None) -> ProfilColonne:
    """The profile of one column. ``texte_source``: the same column as written in the file (text),
    to tell which words a loader turned into missing values (« secret », « s »…)."""
    nom = str(serie.name)
    total = len(serie)
    if manque is None:
        manque = _cases_vides(serie)
    valeurs = serie[~manque]
    suspects: list[str] = []
    precision = ""

    if texte_source is not None and len(texte_source) == total:
        mots = [v.strip() for v in texte_source.to_numpy(dtype=object)[manque] if isinstance(v, str) and v.strip()]
        if mots:
            comptes = Counter(mots)
            liste = ", ".join(f"« {m} » ({formater_entier(k)})" for m, k in comptes.most_common(4))
            suspects.append(
                f"{pluriel(len(mots), 'case')} du fichier {'contient' if len(mots) == 1 else 'contiennent'} "
                f"un mot au lieu d'une valeur : {liste}, lues comme des cases vides. Une valeur masquée "
                "(secret statistique) ou inconnue n'est pas un zéro."
            )

    def resultat(nature: str, distinctes: int, apercu: str) -> ProfilColonne:
        return ProfilColonne(nom, nature, int(manque.sum()), total, int(distinctes), apercu, suspects, precision)

    if valeurs.empty:
        suspects.append("Colonne entièrement vide : à supprimer, ou à faire remplir ?")
        return resultat("vide", 0, "—")

    dtype = serie.dtype
    identifiant = bool(MOTIF_IDENTIFIANT.search(nom))

    if pd.api.types.is_bool_dtype(dtype):
        comptes = valeurs.astype(bool).value_counts()
        return resultat("oui/non", len(comptes), f"oui : {formater_entier(int(comptes.get(True, 0)))}, "
                                                  f"non : {formater_entier(int(comptes.get(False, 0)))}")

    if pd.api.types.is_datetime64_any_dtype(dtype):
        dates = pd.to_datetime(valeurs)
        if dates.dt.tz is not None:
            dates = dates.dt.tz_convert("UTC").dt.tz_localize(None)
        suspects += _suspects_dates(dates, aujourd_hui)
        return resultat("date", dates.nunique(), f"du {_date(dates.min())} au {_date(dates.max())}")

    if pd.api.types.is_numeric_dtype(dtype):
        nombres = valeurs.astype(float)
        if identifiant:
            suspects.append(
                "Code enregistré comme un nombre : les zéros du début disparaissent (« 01053 » devient "
                "1053) et de longs codes peuvent être arrondis. Lisez cette colonne comme du texte."
            )
            return resultat("code", nombres.nunique(), _frequentes(Counter(_nombre(v) for v in nombres)))
        suspects += _suspects_nombres(nombres, _est_annee(nombres, nom))
        return resultat("nombre", nombres.nunique(), _etendue(nombres, nom))

    cellules = valeurs.to_numpy(dtype=object)
    if dtype == object and any(isinstance(v, (list, tuple, set)) for v in cellules):
        elements = [x for v in cellules for x in (v if isinstance(v, (list, tuple, set)) else [v])]
        vides = sum(1 for v in cellules if isinstance(v, (list, tuple, set)) and not v)
        apercu = _frequentes(Counter(map(_hachable, elements))) if elements else "toutes les listes sont vides"
        if vides:
            apercu += f" ; {pluriel(vides, 'liste vide', 'listes vides')}"
        return resultat("liste", len(set(map(_hachable, elements))), apercu)

    # Text: every check runs on the distinct values, weighted by their counts.
    comptes = Counter(v if isinstance(v, str) else str(v) for v in cellules)
    distinctes = len(comptes)
    uniques = list(comptes)
    propres = [u.strip() for u in uniques]
    poids = np.array([comptes[u] for u in uniques])
    total_valeurs = int(poids.sum())

    def masque(predicat) -> np.ndarray:
        return np.fromiter((bool(predicat(p)) for p in propres), dtype=bool, count=len(propres))

    def combien(m: np.ndarray) -> int:
        return int(poids[m].sum())

    def exemple(m: np.ndarray) -> str:
        return _guillemets(uniques[int(np.flatnonzero(m)[0])])

    # codes: by the column's name, or digits with leading zeros
    chiffres = masque(str.isdigit)
    if identifiant or (chiffres.all() and all(len(p) > 1 for p in propres) and any(p.startswith("0") for p in propres)):
        suspects += _suspects_codes(comptes) + _suspects_textes(comptes, chercher_fautes=False)
        return resultat("code", distinctes, _frequentes(comptes))

    # lists written as JSON text (["lait","oeufs"]), as Table Schema's "array" type
    json_liste = masque(_LISTE_JSON.match)
    if combien(json_liste) >= PART_DATES * total_valeurs:
        try:
            listes = [json.loads(p) for p in propres]
        except ValueError:
            listes = None
        if listes is not None and all(isinstance(v, list) for v in listes):
            precision = "écrite comme du texte"
            elements: Counter = Counter()
            for liste, k in zip(listes, poids):
                for x in liste:
                    elements[_hachable(x)] += int(k)
            return resultat("liste", len(elements), _frequentes(elements) if elements else "toutes les listes sont vides")

    # dates written as text
    iso, mois, fr = masque(_DATE_ISO.match), masque(_MOIS_ISO.match), masque(_DATE_FR.match)
    if combien(iso | mois | fr) >= PART_DATES * total_valeurs:
        lues = pd.Series(pd.NaT, index=range(len(propres)), dtype="datetime64[ns]")
        for m, couper, format_ in ((iso, lambda p: p[:10], "%Y-%m-%d"), (mois, lambda p: p, "%Y-%m"),
                                   (fr, lambda p: p.split(" ")[0], "%d/%m/%Y")):
            indices = np.flatnonzero(m & lues.isna().to_numpy())
            if len(indices):
                lues.iloc[indices] = pd.to_datetime([couper(propres[i]) for i in indices], format=format_,
                                                    errors="coerce").to_numpy()
        lisibles = lues.notna().to_numpy()
        illisibles = total_valeurs - combien(lisibles)
        dates = pd.Series(lues[lisibles].to_numpy().repeat(poids[lisibles]))
        if fr.any():
            precision = "écrite à la française"
            suspects.append(
                f"{pluriel(combien(fr), 'date écrite', 'dates écrites')} à la française (jj/mm/aaaa), par "
                f"exemple {exemple(fr)} : le format national attend aaaa-mm-jj, et un logiciel étranger "
                "peut inverser le jour et le mois."
            )
        if illisibles:
            suspects.append(f"{pluriel(illisibles, 'valeur')} ne {'sont' if illisibles > 1 else 'est'} pas une date valide.")
        suspects += _suspects_dates(dates, aujourd_hui)
        if dates.empty:
            return resultat("date", distinctes, _frequentes(comptes))
        if mois.all():
            apercu = f"de {dates.min().strftime('%m/%Y')} à {dates.max().strftime('%m/%Y')} (mois)"
        else:
            apercu = f"du {_date(dates.min())} au {_date(dates.max())}"
        return resultat("date", distinctes, apercu)

    # numbers written as text
    lus = [lire_nombre_texte(p) for p in propres]
    numeriques = np.array([x is not None for x in lus], dtype=bool)
    if combien(numeriques) >= 3 and combien(numeriques) >= PART_NOMBRES * total_valeurs:
        precision = "écrit comme du texte"
        nombres = pd.Series(np.array([x for x in lus if x is not None], dtype=float).repeat(poids[numeriques]))
        virgules = numeriques & masque(lambda p: "," in p)
        if virgules.any():
            suspects.append(
                f"{pluriel(combien(virgules), 'nombre écrit', 'nombres écrits')} avec une virgule décimale, "
                f"par exemple {exemple(virgules)} : la plupart des logiciels attendent un point (0.85)."
            )
        pourcents = numeriques & masque(lambda p: p.endswith("%"))
        if pourcents.any():
            suspects.append(
                f"{pluriel(combien(pourcents), 'nombre suivi', 'nombres suivis')} du symbole %, par exemple "
                f"{exemple(pourcents)} : pour calculer, un logiciel attend le nombre seul."
            )
        if (~numeriques).any():
            mots: Counter = Counter()
            for i in np.flatnonzero(~numeriques):
                mots[propres[i]] += int(poids[i])
            liste = ", ".join(f"« {m} » ({formater_entier(k)})" for m, k in mots.most_common(4))
            n = sum(mots.values())
            suspects.append(
                f"{pluriel(n, 'case')} de cette colonne de nombres {'contient' if n == 1 else 'contiennent'} "
                f"du texte : {liste}. Une valeur masquée (secret statistique) ou inconnue n'est pas un zéro : "
                "ne la remplacez pas par 0 dans un total."
            )
        suspects += _suspects_textes(comptes, chercher_fautes=False)[:1]
        suspects += _suspects_nombres(nombres, _est_annee(nombres, nom))
        return resultat("nombre", distinctes, _etendue(nombres, nom))

    suspects += _suspects_textes(comptes, chercher_fautes=True)
    return resultat("texte", distinctes, _frequentes(comptes))


# --------------------------------------------------------------------------- a table


def _aujourd_hui(aujourd_hui) -> pd.Timestamp:
    if aujourd_hui is None:
        return pd.Timestamp.today().normalize()
    try:
        return pd.Timestamp(aujourd_hui).tz_localize(None) if pd.Timestamp(aujourd_hui).tz else pd.Timestamp(aujourd_hui)
    except (ValueError, TypeError) as exc:
        raise ErreurDonnees(
            f"« {aujourd_hui} » n'est pas une date lisible pour aujourd_hui : écrivez-la aaaa-mm-jj, "
            "par exemple \"2026-11-26\"."
        ) from exc


def profiler_tableau(tableau: pd.DataFrame, titre: str = "tableau", *, aujourd_hui=None,
                     texte_source: pd.DataFrame | None = None, provenance: list[str] | None = None) -> Profil:
    """Profile a DataFrame. ``texte_source``: the same table as written in the file, all text
    (same rows and columns), to report the words read as missing values."""
    if not isinstance(tableau, pd.DataFrame):
        raise ErreurDonnees(
            f"profiler attend un tableau pandas (DataFrame) ; vous avez donné un objet de type "
            f"{type(tableau).__name__}."
        )
    jour = _aujourd_hui(aujourd_hui)
    source_ok = (
        texte_source is not None and texte_source.shape == tableau.shape
        and list(texte_source.columns) == list(tableau.columns)
    )
    colonnes, masques = [], []
    for position in range(tableau.shape[1]):
        serie = tableau.iloc[:, position]
        source = texte_source.iloc[:, position] if source_ok else None
        manque = _cases_vides(serie)
        masques.append(manque)
        colonnes.append(profiler_colonne(serie, aujourd_hui=jour, texte_source=source, manque=manque))
    doublons = vides = 0
    if tableau.shape[1]:
        avec_listes = [c for c in range(tableau.shape[1]) if tableau.dtypes.iloc[c] == object]
        comparable = tableau
        if avec_listes:
            comparable = tableau.copy()
            for c in avec_listes:
                comparable.isetitem(c, tableau.iloc[:, c].map(_hachable))
        doublons = int(comparable.duplicated().sum())
        vides = int(np.logical_and.reduce(masques).sum())
    return Profil(titre=titre, lignes=len(tableau), colonnes=colonnes, doublons=doublons,
                  lignes_vides=vides, provenance=list(provenance or []))


def _age(cree: pd.Timestamp, jour: pd.Timestamp) -> str:
    jours = (jour - cree).days
    if jours < 0:
        return "une date dans le futur : à vérifier"
    if jours == 0:
        return "aujourd'hui"
    if jours < 61:
        return f"il y a {pluriel(jours, 'jour')}"
    mois = round(jours / 30.44)
    if mois < 24:
        return f"il y a {mois} mois"
    return f"il y a {pluriel(round(jours / 365.25), 'an')}"


def _est_script_du_cours(source: dict) -> bool:
    """A catalogue source that is one of the course's generator scripts (``generer_cantine.py``)."""
    chemin_source = str(source.get("path", ""))
    return chemin_source.endswith(".py") and "://" not in chemin_source


def _provenance(descripteur: dict, jour: pd.Timestamp) -> list[str]:
    lignes = []
    if descripteur.get("fictif"):
        lignes.append("Données fictives, inventées pour le cours (mais réalistes).")
    # the course's own generator scripts are for maintainers: the line above already says « fictives »
    sources = [s.get("title", "") for s in descripteur.get("sources", [])
               if s.get("title") and not _est_script_du_cours(s)]
    if sources:
        lignes.append("Source : " + " ; ".join(sources) + ".")
    if descripteur.get("created"):
        try:
            cree = pd.Timestamp(descripteur["created"]).tz_localize(None)
            lignes.append(f"Fichier produit le {_date(cree)} ({_age(cree, jour)}).")
        except (ValueError, TypeError):
            lignes.append(f"Date de production illisible : « {descripteur['created']} ».")
    else:
        lignes.append("Date de production inconnue : le catalogue ne la donne pas.")
    licences = [l.get("title") or l.get("name") for l in descripteur.get("licenses", [])]
    if licences:
        lignes.append("Licence : " + ", ".join(filter(None, licences)) + ".")
    return lignes


def _texte_du_fichier(nom: str, descripteur: dict) -> pd.DataFrame | None:
    """The resource's cells as written in the file (all text), or None if it cannot be aligned."""
    try:
        dialecte = descripteur.get("dialect") or {}
        separateur = dialecte.get("delimiter") or (dialecte.get("csv") or {}).get("delimiter") or ","
        return pd.read_csv(chemin(nom), sep=separateur, encoding=descripteur.get("encoding", "utf-8"),
                           dtype=str, keep_default_na=False)
    except Exception:  # noqa: BLE001 - only an extra; the profile works without it
        return None


def profiler_ressource(nom: str, *, aujourd_hui=None) -> Profil:
    """Profile a dataset of the course, loaded with ``charger(nom)``, with where it comes from."""
    descripteur = decrire(nom)
    jour = _aujourd_hui(aujourd_hui)
    tableau = charger(nom)
    titre = descripteur.get("title") or nom
    return profiler_tableau(tableau, titre, aujourd_hui=jour, texte_source=_texte_du_fichier(nom, descripteur),
                            provenance=_provenance(descripteur, jour))


def profiler(donnees=None, *, titre: str | None = None, aujourd_hui=None):
    """Profile ``donnees``: a DataFrame, the name of a dataset of the course, or the path of a CSV
    file. Without argument: a menu to choose a dataset of the catalogue (see ``explorer``)."""
    if donnees is None:
        return explorer(aujourd_hui=aujourd_hui)
    if isinstance(donnees, pd.Series):
        donnees = donnees.to_frame()
    if isinstance(donnees, pd.DataFrame):
        return profiler_tableau(donnees, titre or "tableau", aujourd_hui=aujourd_hui)
    if isinstance(donnees, (str, Path)):
        noms = {n for n, _t, _f in ressources()}
        if isinstance(donnees, str) and donnees in noms:
            return profiler_ressource(donnees, aujourd_hui=aujourd_hui)
        fichier = Path(donnees)
        if fichier.suffix.lower() in (".csv", ".txt", ".tsv") or fichier.exists():
            tableau, notes = lire_csv_tableur(fichier)
            format_ = detecter_format(fichier)
            brut = pd.read_csv(io.StringIO(format_.texte), sep=format_.separateur or "\x1f",
                               dtype=str, keep_default_na=False)
            brut.columns = [str(c).strip() for c in brut.columns]
            return profiler_tableau(tableau, titre or fichier.name, aujourd_hui=aujourd_hui,
                                    texte_source=brut if brut.shape == tableau.shape else None, provenance=notes)
        decrire(str(donnees))  # raises the catalogue's French error, with a suggestion
    raise ErreurDonnees(
        "profiler attend un tableau pandas (DataFrame), le nom d'un jeu de données du cours (par exemple "
        f"« energie-secteurs ») ou le chemin d'un fichier CSV ; vous avez donné un objet de type "
        f"{type(donnees).__name__}."
    )


# --------------------------------------------------------------------------- the widget


def _html_ressource(nom: str, jour: pd.Timestamp) -> str:
    """The HTML profile of a dataset (cached per catalogue folder), or a French alert."""
    return _html_en_cache(nom, jour, str(dossier_donnees()))


@lru_cache(maxsize=64)
def _html_en_cache(nom: str, jour: pd.Timestamp, _dossier: str) -> str:
    try:
        return profiler_ressource(nom, aujourd_hui=jour)._repr_html_()
    except ErreurDonnees as exc:
        message = str(exc)
    except (ValueError, KeyError, TypeError, OSError) as exc:  # a dataset being written by someone else
        message = (f"le fichier n'a pas pu être lu ou analysé ({type(exc).__name__} : {exc}). Vérifiez sa "
                   "description dans datasets/datapackage.json.")
    return f'<p role="alert"><strong>⚠ Ce jeu de données ne peut pas être profilé :</strong> {html.escape(message)}</p>'


def explorer(noms: list[str] | None = None, *, statique: bool = False, aujourd_hui=None, valeur: str | None = None):
    """A menu of the catalogue's datasets and the profile of the chosen one.

    ``statique=False`` (notebooks): the profile is computed by the kernel on each choice.
    ``statique=True`` (the book, read without a kernel): every profile is computed in advance and the
    menu switches between them in the browser. ``noms`` restricts the menu to these datasets.
    """
    import ipywidgets as widgets

    from donnees_en_main.affichage.interactif import menu as menu_deroulant, vues_par_choix

    jour = _aujourd_hui(aujourd_hui)
    titres = {n: t for n, t, _f in ressources()}
    if noms is None:
        noms = list(titres)
    inconnus = [n for n in noms if n not in titres]
    if inconnus:
        decrire(inconnus[0])  # French error with a suggestion
    if not noms:
        raise ErreurDonnees("Le catalogue des données est vide : aucun jeu de données à profiler.")
    options = [(_court(titres[n] or n, 90), n) for n in noms]
    index = noms.index(valeur) if valeur in noms else 0
    if statique:
        boite = vues_par_choix([("Jeu de données :", options)],
                               lambda nom: widgets.HTML(_html_ressource(nom, jour), layout=widgets.Layout(width="100%")),
                               index_initial=[index])
        boite.menu = boite.menus[0]
        return boite
    menu = menu_deroulant("Jeu de données :", options, index=index, largeur="95%")
    sortie = widgets.HTML(_html_ressource(menu.value, jour), layout=widgets.Layout(width="100%"))

    def changer(_changement=None):
        sortie.value = _html_ressource(menu.value, jour)

    menu.observe(changer, names="value")
    boite = widgets.VBox([menu, sortie])
    boite.menu, boite.sortie = menu, sortie
    return boite
