"""The course's one front door: ``python -m donnees_en_main <verbe> …``.

Each verb lives in the module that does the work (its ``main(argv)``); this file only lists them, in
French, and imports a verb's module when it is asked for (``--help`` stays instant). The shell
scripts in ``outils/`` install the environment, then call a verb.
"""

from __future__ import annotations

import importlib
import sys

# verb -> (module with main(argv), one line of help in French)
VERBES: dict[str, tuple[str, str]] = {
    "sommaire": ("donnees_en_main.livre.sommaire", "réécrire _toc.yml depuis le manifeste des chapitres"),
    "jupyterlite": ("donnees_en_main.livre.jupyterlite", "préparer la version « Essayer dans le navigateur »"),
    "publier": ("donnees_en_main.livre.publier", "préparer le dossier à mettre en ligne (livre, 404, compression)"),
    "telecharger": ("donnees_en_main.donnees.telecharger", "télécharger les données officielles d'une commune"),
    "corriger": ("donnees_en_main.correction.__main__", "corriger les devoirs remis (bac à sable, en parallèle)"),
}


def aide() -> str:
    largeur = max(len(v) for v in VERBES)
    lignes = [
        "Données en main — la commande du cours.",
        "",
        "Utilisation : python -m donnees_en_main <verbe> [options]",
        "",
        "Verbes :",
    ]
    lignes += [f"  {verbe.ljust(largeur)}  {texte}" for verbe, (_, texte) in VERBES.items()]
    lignes += ["", "« python -m donnees_en_main <verbe> --help » détaille les options d'un verbe."]
    return "\n".join(lignes)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "aide"):
        print(aide())
        return 0
    verbe, reste = argv[0], argv[1:]
    if verbe not in VERBES:
        print(f"Erreur : verbe inconnu « {verbe} ».\n", file=sys.stderr)
        print(aide(), file=sys.stderr)
        return 2
    module = importlib.import_module(VERBES[verbe][0])
    return int(module.main(reste) or 0)


if __name__ == "__main__":
    sys.exit(main())
