"""Commune codes (« code INSEE » / code officiel géographique), in one place.

- ``normaliser(cellule)``: what a file's cell says once the usual damage is undone ('1053.0' ->
  '01053', ' 2a004' -> '2A004'), without judging it (a file may hold 99xxx, the French abroad);
- ``valider(saisie)``: a code typed by a trainer, checked, or ``ErreurDonnees`` saying why not in
  French (4 digits, a Corsican postcode, a postcode, an unknown département…);
- ``exiger(code, quoi)``: a code passed to a reader, refused with a short French message when it
  does not have the shape of a commune code;
- ``departement(code)`` ('49007' -> '49', '2A004' -> '2A', '97411' -> '974');
- ``commune_de_iris(code_iris)``: an IRIS code (9 characters) starts with its commune's code;
- ``arrondissements(code)``: Paris, Lyon and Marseille's municipal arrondissements, which some files
  (SDES at IRIS level…) give instead of the commune's code ('69123' -> '69381'…'69389').
"""

from __future__ import annotations

import re

import pandas as pd

from donnees_en_main.donnees import ErreurDonnees

__all__ = [
    "ARRONDISSEMENTS",
    "EXEMPLE_CODE_POSTAL",
    "OU_TROUVER",
    "arrondissements",
    "note_arrondissements",
    "note_communes_ecartees",
    "commune_de_iris",
    "departement",
    "est_code_commune",
    "exiger",
    "normaliser",
    "normaliser_serie",
    "valider",
]

EXEMPLE_CODE_POSTAL = "Angers a les codes postaux 49000 et 49100, mais le code INSEE 49007"
OU_TROUVER = (
    "Le code INSEE de votre commune figure dans le Code officiel géographique de l'Insee (insee.fr), "
    "sur la fiche de la commune de l'Annuaire de l'administration (lannuaire.service-public.fr) ou sur "
    "vos documents budgétaires."
)
# Overseas départements with communes (3-digit département numbers).
DEPARTEMENTS_OUTRE_MER = {"971", "972", "973", "974", "975", "976", "977", "978", "984", "986", "987", "988"}
_FORME = re.compile(r"[0-9][0-9AB][0-9]{3}")
# Paris, Lyon, Marseille -> (name, codes of their municipal arrondissements).
ARRONDISSEMENTS = {
    "75056": ("Paris", tuple(f"751{n:02d}" for n in range(1, 21))),
    "69123": ("Lyon", tuple(f"6938{n}" for n in range(1, 10))),
    "13055": ("Marseille", tuple(f"132{n:02d}" for n in range(1, 17))),
}


def arrondissements(code: str) -> tuple[str, ...]:
    """The municipal arrondissements' codes of Paris (75101–75120), Lyon (69381–69389) or Marseille
    (13201–13216); () for any other commune."""
    return ARRONDISSEMENTS.get(str(code), ("", ()))[1]


def note_arrondissements(code: str, trouves, aussi_la_commune: bool) -> str:
    """The French note saying that rows under Paris, Lyon or Marseille's arrondissements' codes (``trouves``)
    were counted for the commune ``code`` (``aussi_la_commune``: the file also uses the commune's code)."""
    ville = ARRONDISSEMENTS[code][0]
    liste = ", ".join(sorted(set(trouves)))
    comment = (f"désigne {ville} tantôt par son code de commune ({code}), tantôt par ses arrondissements municipaux "
               f"({liste})" if aussi_la_commune else
               f"ne désigne pas {ville} par son code de commune ({code}) mais par ses arrondissements municipaux ({liste})")
    return f"Arrondissements : ce fichier {comment} ; toutes ces lignes sont comptées pour {ville}."


def note_communes_ecartees(code: str, autres: int, gardees: int | None = None, total: int | None = None) -> str:
    """The French note of a reader that kept one commune of a file holding several: ``autres`` other communes left
    out; with ``gardees`` and ``total``, how many of the file's lines (rows) were kept."""
    from donnees_en_main.donnees import formater_entier, pluriel

    ecartees = f"{pluriel(autres, 'autre commune', 'autres communes')} du fichier {'écartée' if autres == 1 else 'écartées'}"
    if gardees is None or total is None:
        return f"Fichier de plusieurs communes : seules les lignes de la commune {code} sont gardées ; {ecartees}."
    return (f"Fichier de plusieurs communes : {pluriel(gardees, 'ligne')} de la commune {code} "
            f"{'gardée' if gardees == 1 else 'gardées'} sur {formater_entier(total)} ; {ecartees}.")

def departement(code: str) -> str:
    """The département of a 5-character commune code: '49007' -> '49', '2A004' -> '2A', '97101' -> '971'."""
    code = str(code)
    return code[:3] if code[:2] in ("97", "98") else code[:2]


def est_code_commune(code) -> bool:
    """True when ``code`` has the shape of a commune code: 5 characters, digits or 2A/2B ('49007', '2A004')."""
    return bool(_FORME.fullmatch(str(code)))

def normaliser(valeur) -> str:
    """A commune code as found in a file cell, repaired of what spreadsheets do to it.

    Spaces removed, upper case (2a -> 2A), a float's « .0 » removed, a lost leading zero put back
    (4 digits -> 5). Empty or missing -> ''. Anything else is returned as it is, unjudged.
    """
    if valeur is None or (not isinstance(valeur, str) and pd.isna(valeur)):
        return ""
    code = re.sub(r"\s", "", str(valeur)).upper()
    code = re.sub(r"^(\d+)\.0+$", r"\1", code)
    if re.fullmatch(r"\d{4}", code):
        code = code.zfill(5)
    return code


def normaliser_serie(serie: pd.Series) -> tuple[pd.Series, int]:
    """``normaliser`` on a column; returns it and the number of codes whose leading zero was put back."""
    texte = serie.map(lambda v: "" if v is None or (not isinstance(v, str) and pd.isna(v)) else re.sub(r"\s", "", str(v)))
    texte = texte.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)
    courts = int(texte.str.fullmatch(r"\d{4}").sum())
    return serie.map(normaliser), courts


def exiger(code, quoi: str = "Le code") -> str:
    """A commune code given to a reader: 5 characters (digits, 2A/2B), or a short French error."""
    texte = re.sub(r"\s", "", str(code)).upper()
    if not _FORME.fullmatch(texte):
        raise ErreurDonnees(
            f"{quoi} « {code} » n'est pas un code INSEE de commune : il s'écrit en 5 caractères, "
            "entre guillemets (« 49007 », « 2A004 »), et ce n'est pas le code postal."
        )
    return texte


def commune_de_iris(code_iris) -> str:
    """The commune of an IRIS code: its first 5 characters ('010530103' -> '01053').

    A commune not split into IRIS has one pseudo-IRIS, its code followed by 0000; some producers write
    « XXXX » when the IRIS is unknown but the commune is.
    """
    texte = normaliser(code_iris)
    if re.fullmatch(r"\d{8}", texte):  # a leading zero lost by a spreadsheet
        texte = texte.zfill(9)
    if not re.fullmatch(r"[0-9][0-9AB][0-9]{3}[0-9A-Z]{4}", texte):  # « XXXX »: IRIS unknown, commune known
        raise ErreurDonnees(
            f"« {code_iris} » n'est pas un code IRIS : il s'écrit en 9 caractères, le code INSEE de la commune "
            "(5 caractères) suivi du numéro de l'IRIS (4 chiffres), par exemple « 010530103 »."
        )
    return texte[:5]


def valider(valeur) -> str:
    """A commune's INSEE code typed by a trainer, cleaned ('2a004 ' -> '2A004'), or ``ErreurDonnees``.

    An INSEE code has 5 characters: the département (01–95 with 2A/2B for Corsica, or 971–978 and
    984–988 overseas) then the commune's number. It is not the postcode.
    """
    if valeur is None or str(valeur).strip() == "":
        raise ErreurDonnees(
            "Indiquez le code INSEE de votre commune : 5 caractères, par exemple « 49007 » (Angers) ou "
            f"« 2A004 » (Ajaccio). {OU_TROUVER}"
        )
    code = re.sub(r"\s", "", str(valeur)).upper()
    if re.fullmatch(r"\d+\.0", code):  # 1053.0: a number that went through a spreadsheet
        code = code[:-2]
    if re.fullmatch(r"\d{4}", code):
        raise ErreurDonnees(
            f"« {code} » n'a que 4 chiffres : le zéro initial a sans doute été perdu (un tableur ou un nombre "
            f"écrit sans guillemets enlève les zéros de tête). Écrivez le code entre guillemets : « 0{code} »."
        )
    if re.fullmatch(r"20\d{3}", code):
        raise ErreurDonnees(
            f"« {code} » est un code postal corse, pas un code INSEE : code postal ≠ code INSEE. En Corse, le code "
            "INSEE commence par 2A (Corse-du-Sud) ou 2B (Haute-Corse), par exemple « 2A004 » pour Ajaccio. "
            + OU_TROUVER
        )
    if not re.fullmatch(r"\d{5}|2[AB]\d{3}", code):
        raise ErreurDonnees(
            f"« {valeur} » n'est pas un code INSEE de commune : il s'écrit avec 5 caractères, des chiffres (et "
            "2A ou 2B au début pour la Corse), par exemple « 49007 » ou « 2A004 ». " + OU_TROUVER
        )
    dep = departement(code)
    if code[:2] == "99":
        raise ErreurDonnees(
            f"« {code} » commence par 99, le code des Français établis hors de France dans les fichiers "
            "électoraux : ce n'est pas une commune."
        )
    valides = code[:2] not in ("00", "96") and (code[:2] not in ("97", "98") or dep in DEPARTEMENTS_OUTRE_MER)
    if not valides:
        raise ErreurDonnees(
            f"« {code} » ne commence pas par un numéro de département qui existe ({dep}) : vérifiez "
            "le code. " + OU_TROUVER
        )
    numero = code[len(dep):]
    if set(numero) == {"0"}:
        raise ErreurDonnees(
            f"« {code} » ressemble à un code postal, pas à un code INSEE : aucune commune n'a un code INSEE qui "
            f"finit par {numero}. Code postal ≠ code INSEE : par exemple, {EXEMPLE_CODE_POSTAL}. " + OU_TROUVER
        )
    return code
