"""What the verbs of ``python -m donnees_en_main`` share: an argparse parser that speaks French, and
the course's programs (jupyter, jupyter-book) found next to the running Python.

argparse writes its headings and errors in English; :class:`Analyseur` gives them in French, and an
error is a French message with exit code 2 (argparse's convention), never a traceback.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import textwrap
from pathlib import Path

# argparse's error messages (Python 3.10 to 3.13) and their French translation.
_ERREURS = [
    (r"the following arguments are required: (.*)", r"il manque : \1"),
    (r"unrecognized arguments: (.*)", r"arguments inconnus : \1"),
    (r"argument (\S+): invalid int value: (.*)", r"\1 attend un nombre entier, pas \2"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"\1 : choix inconnu \2 (choix possibles : \3)"),
    (r"argument (\S+): expected one argument", r"\1 attend une valeur"),
    (r"argument (\S+): ignored explicit argument (.*)", r"\1 n'attend pas de valeur (\2 en trop)"),
    (r"ambiguous option: (\S+) could match (.*)", r"option ambiguë : \1 peut désigner \2"),
    (r"argument (\S+): not allowed with argument (\S+)", r"\1 ne va pas avec \2"),
    (r"^argument (\S+): ", r"\1 : "),
]


class _Format(argparse.HelpFormatter):
    """Description and epilog wrapped line by line: their line breaks and indentation are kept."""

    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)

    def _fill_text(self, text, width, indent):
        lignes = []
        for ligne in text.splitlines():
            retrait = indent + " " * (len(ligne) - len(ligne.lstrip()))
            lignes.append(textwrap.fill(ligne.strip(), width, initial_indent=retrait, subsequent_indent=retrait)
                          if ligne.strip() else "")
        return "\n".join(lignes)


class Analyseur(argparse.ArgumentParser):
    """An ``argparse.ArgumentParser`` whose help and errors are in French (sub-commands included)."""

    def __init__(self, *args, add_help: bool = True, **kwargs):
        kwargs.setdefault("formatter_class", _Format)
        super().__init__(*args, add_help=False, **kwargs)
        # argparse writes « title: »; French puts a space before the colon
        self._positionals.title = "arguments "
        self._optionals.title = "options "
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="afficher cette aide et quitter")

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("title", "commandes ")
        kwargs.setdefault("metavar", "COMMANDE")
        return super().add_subparsers(**kwargs)

    def error(self, message: str):
        for motif, remplacement in _ERREURS:
            message = re.sub(motif, remplacement, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"Erreur : {message}\n(« {self.prog} --help » pour l'aide)\n")


def port(texte: str) -> int:
    """argparse ``type=`` for a TCP port, with a French message."""
    try:
        valeur = int(texte)
    except ValueError:
        valeur = 0
    if not 1 <= valeur <= 65535:
        raise argparse.ArgumentTypeError(f"le port doit être un nombre entre 1 et 65535, pas « {texte} »")
    return valeur


class ErreurCommande(Exception):
    """A problem the person running a verb can fix: its message (French) says what and how."""


def programme(nom: str) -> str:
    """A program of the course's environment (``jupyter``, ``jupyter-book``): the one installed next to
    the running Python (the course's ``.venv``), else the one on the PATH."""
    voisin = Path(sys.executable).parent / nom
    if voisin.is_file():
        return str(voisin)
    trouve = shutil.which(nom)
    if trouve is None:
        raise ErreurCommande(f"le programme « {nom} » est introuvable. Installez le cours : bash outils/installer.sh")
    return trouve


def taille_lisible(octets: int) -> str:
    """A size in French: « 3,9 Mo »."""
    for unite, facteur in (("Go", 1e9), ("Mo", 1e6), ("ko", 1e3)):
        if octets >= facteur:
            return f"{octets / facteur:.1f} {unite}".replace(".", ",")
    return f"{octets} octets"
