"""French typography of a piece of text: narrow no-break spaces, apostrophes, minus signs, guillemets.

One rule set for everything a reader sees: the book (``livre/sphinx_fr.py`` applies it to every
page), the PDF sheets, and the exercise widgets of the workshops (``exercices/normalisation.py``),
where a guillemet left alone at the end of a line is hard to read on a phone.
"""

from __future__ import annotations

import re

ESPACE_FINE = "\u202f"  # narrow no-break space (French typography)
MOINS = "\u2212"
_ESPACE = "[ \u00a0\u202f]"
# Length-preserving replacements (one character for one), on the text with one character of context
# on each side (the neighbouring text of the same paragraph: bold, links and code are other nodes).
_UN_POUR_UN = [
    (re.compile(rf"{_ESPACE}(?=[;:!?»])"), ESPACE_FINE),  # « Pourquoi ? », « ceci : »
    (re.compile(rf"(?<=«){_ESPACE}"), ESPACE_FINE),
    (re.compile(rf"(?<=\d){_ESPACE}(?=\d{{3}}(?!\d))"), ESPACE_FINE),  # 1 184 habitants
    (re.compile(rf"(?<=\d){_ESPACE}(?=[%€‰])"), ESPACE_FINE),  # 12 %, 42 000 €
    (re.compile(r"(?<![\w.,\-\u2212])-(?=\d)"), MOINS),  # -0,6 point (not 2121-24, not COVID-19)
    (re.compile(r"'"), "’"),  # in French a straight single quote is an apostrophe
    (re.compile(r'(?:(?<=^)|(?<=[\s(\[{\u2014\u2013/]))"'), "«"),
    (re.compile(r'"'), "»"),
]


def typographie(texte: str, avant: str = "", apres: str = "") -> str:
    """French typography of a piece of text; ``avant``/``apres``: the text just before and after it.

    >>> typographie("Pourquoi ? l'article coûte 1 184 € (-3 %)")
    'Pourquoi\u202f? l’article coûte 1\u202f184\u202f€ (\u22123\u202f%)'
    """
    if not texte:
        return texte
    avant, apres = avant[-1:], apres[:1]
    s = avant + texte + apres
    for motif, par in _UN_POUR_UN:
        s = motif.sub(par, s)
    s = s[len(avant):len(s) - len(apres)]
    # Insertions: a narrow space inside « » when the source has none (the space belongs to the guillemet).
    morceaux = []
    for i, c in enumerate(s):
        precedent = s[i - 1] if i else avant
        suivant = s[i + 1] if i + 1 < len(s) else apres
        if c == "»" and precedent and not precedent.isspace() and precedent != ESPACE_FINE:
            morceaux.append(ESPACE_FINE)
        morceaux.append(c)
        if c == "«" and suivant and not suivant.isspace() and suivant != ESPACE_FINE:
            morceaux.append(ESPACE_FINE)
    return "".join(morceaux)
