"""Tolerant reading of what a learner types, with French conventions.

- ``normaliser_texte`` compares free-text answers the way Pix does: case, accents, spaces,
  surrounding quotes and final punctuation do not matter.
- ``lire_nombre`` reads « 14,3 », « 14,3 % », « 1 234,5 », « 1.234,5 » or « 14.3 » as a number,
  and explains in French what is wrong otherwise.
- ``formater_nombre`` writes a number back the French way (« 14,3 », « 1 234 »), rounded if asked;
  ``decimales_utiles`` says how many decimals matter for a check within a tolerance.
- ``texte_en_html`` escapes a message for HTML, keeping `code` spans and **bold**;
  ``texte_en_clair`` drops the bold marks for plain text.
"""

from __future__ import annotations

import html
import math
import numbers
import re
import unicodedata

from donnees_en_main.typographie import typographie

_GUILLEMETS = "«»\"'“”‘’„‹›"
_PONCTUATION_FINALE = ".,;:!?…"
_LIGATURES = {"œ": "oe", "æ": "ae"}

# sign, digits with separators (spaces, apostrophes, dots, commas), optional exponent, then a unit
_MOTIF_NOMBRE = re.compile(r"([+-]?)\s*([\d\s'.,]*\d)(?:[eE]([+-]?\d+))?(\D*)")
_EXEMPLE = "Écrivez seulement le nombre, par exemple 12,5 (la virgule ou le point conviennent)."


def normaliser_texte(texte) -> str:
    """Lower-case, accent-free, single-spaced form of `texte`, without quotes or final punctuation."""
    t = unicodedata.normalize("NFKD", str(texte))
    t = "".join(c for c in t if not unicodedata.combining(c)).casefold()
    for ligature, lettres in _LIGATURES.items():
        t = t.replace(ligature, lettres)
    t = t.replace("’", "'").replace("‘", "'")
    t = " ".join(t.split())
    precedent = None
    while t != precedent:
        precedent = t
        t = t.strip(_GUILLEMETS + " ").rstrip(_PONCTUATION_FINALE + " ")
    return t


def lire_nombre(valeur) -> float:
    """The number written in `valeur` (a number or a French/English string), or a French ValueError."""
    if isinstance(valeur, bool) or not isinstance(valeur, (numbers.Real, str)):
        raise ValueError(f"On attend un nombre. {_EXEMPLE}")
    if isinstance(valeur, str):
        nombre = _lire_texte(valeur)
    else:
        nombre = float(valeur)
    if not math.isfinite(nombre):
        raise ValueError(f"On attend un nombre fini. {_EXEMPLE}")
    return nombre


def _lire_texte(texte: str) -> float:
    brut = texte.strip().replace("\u2212", "-")  # typographic minus sign
    if not brut:
        raise ValueError(f"La réponse est vide. {_EXEMPLE}")
    incompris = ValueError(f"Je n'arrive pas à lire un nombre dans « {texte.strip()} ». {_EXEMPLE}")
    m = _MOTIF_NOMBRE.fullmatch(brut)
    if m is None:
        raise incompris
    signe, corps, exposant, unite = m.groups()
    if not corps[0].isdigit() and corps[0] not in ".,":
        raise incompris
    separateurs = [c for c in corps if c in ".,"]
    if "," in separateurs and "." in separateurs:
        decimal = separateurs[-1]  # « 1.234,5 » or « 1,234.5 »: the last one is the decimal mark
    elif len(separateurs) == 1:
        decimal = separateurs[0]  # « 14,3 » or « 14.3 »
    else:
        decimal = None  # none, or the same mark repeated: thousands separators (« 1.234.567 »)
    entier, fraction = corps.rsplit(decimal, 1) if decimal else (corps, "")
    if not re.fullmatch(r"\d*", fraction):
        raise incompris
    # the integer part: plain digits, or groups of three separated by spaces, apostrophes or marks
    if not re.fullmatch(r"\d*|\d{1,3}(?:[\s'.,]\d{3})+", entier) or (decimal and decimal in entier):
        raise incompris
    chiffres = re.sub(r"\D", "", entier) or "0"
    return float(f"{signe}{chiffres}.{fraction or '0'}e{exposant or '0'}")


def formater_nombre(x: float, decimales: int | None = None) -> str:
    """`x` written the French way: decimal comma, narrow spaces between thousands (« 1 234,5 »); with
    `decimales`, rounded to that many decimals at most (« 14,756 » rather than « 14,7557144375 »)."""
    x = float(x)
    if not math.isfinite(x):
        return str(x)
    if x == int(x) and abs(x) < 1e15:
        texte = f"{int(x):,}"
    elif abs(x) < 1e-4:
        texte = f"{x:.3g}"
    else:
        texte = f"{x:,.{10 if decimales is None else min(decimales, 10)}f}".rstrip("0").rstrip(".")
    return texte.replace(",", "\u202f").replace(".", ",")


def decimales_utiles(tolerance: float) -> int | None:
    """Decimals worth showing for a value checked within `tolerance`: one more than the tolerance has, and
    at least 3 (what people type); None (every decimal) for an exact check."""
    if not tolerance or tolerance <= 0:
        return None
    return max(3, math.ceil(-math.log10(tolerance)) + 1)


_GRAS = re.compile(r"\*\*(\S(?:.*?\S)?)\*\*")


def texte_en_html(texte: str) -> str:
    """Escape `texte` for HTML, keeping `code` spans and Markdown **bold** (never inside code), in French typography."""
    morceaux = re.split(r"`([^`]+)`", html.escape(str(texte), quote=False))
    # re.split with a group: even items are plain text, odd items the insides of `code` spans
    # French typography on the text (not in code): « Vous avez choisi « X » » never leaves a guillemet
    # alone at the end of a line on a phone
    return "".join(_GRAS.sub(r"<strong>\1</strong>", typographie(m)) if i % 2 == 0 else f"<code>{m}</code>"
                   for i, m in enumerate(morceaux))


def texte_en_clair(texte: str) -> str:
    """`texte` for plain-text output: Markdown **bold** marks dropped (`code` spans left as they are)."""
    morceaux = re.split(r"(`[^`]+`)", str(texte))
    return "".join(_GRAS.sub(r"\1", m) if i % 2 == 0 else m for i, m in enumerate(morceaux))
