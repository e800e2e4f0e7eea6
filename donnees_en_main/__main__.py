"""The course's one front door: ``python -m donnees_en_main <verbe> …``.

Each verb lives in the module that does the work (its ``main(argv)``); this file only lists them, in
French, and imports a verb's module when it is asked for (``--help`` stays instant). The shell
scripts in ``outils/`` install the environment, then call a verb.
"""

from __future__ import annotations

import difflib
import importlib
import sys
import traceback

from donnees_en_main.commande import ErreurCommande

# verb -> (module with main(argv), one line of help in French)
VERBES: dict[str, tuple[str, str]] = {
    "livre": ("donnees_en_main.livre.construire", "construire le livre (et le servir avec --servir)"),
    "pdf": ("donnees_en_main.livre.pdf", "imprimer tout le livre en un seul PDF"),
    "atelier": ("donnees_en_main.atelier", "lancer JupyterLab en français sur les carnets d'atelier et les devoirs"),
    "hors-ligne": ("donnees_en_main.hors_ligne", "préparer une salle sans Internet (paquets et cours sur une clé)"),
    "sommaire": ("donnees_en_main.livre.sommaire", "réécrire _toc.yml depuis le manifeste des chapitres"),
    "jupyterlite": ("donnees_en_main.livre.jupyterlite", "préparer la version « Essayer dans le navigateur »"),
    "publier": ("donnees_en_main.livre.publier", "préparer le dossier à mettre en ligne (livre, 404, compression)"),
    "telecharger": ("donnees_en_main.donnees.telecharger", "télécharger les données officielles d'une commune"),
    "devoirs": ("donnees_en_main.exercices.devoirs", "réécrire les cellules de correction des devoirs depuis les banques"),
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
        proches = difflib.get_close_matches(verbe, VERBES, n=1)
        suggestion = f" Vouliez-vous dire « {proches[0]} » ?" if proches else ""
        print(f"Erreur : verbe inconnu « {verbe} ».{suggestion}\n", file=sys.stderr)
        print(aide(), file=sys.stderr)
        return 2
    try:
        module = importlib.import_module(VERBES[verbe][0])
        return int(module.main(reste) or 0)
    except ErreurCommande as erreur:
        print(f"Erreur : {erreur}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nInterrompu.", file=sys.stderr)
        return 130
    except Exception as erreur:  # a bug: say so in French, with the one line a maintainer needs
        lieu = traceback.extract_tb(erreur.__traceback__)[-1]
        print(f"Erreur inattendue pendant « {verbe} » : {type(erreur).__name__} : {erreur}\n"
              f"  ({lieu.filename}, ligne {lieu.lineno})\n"
              "Signalez-la aux auteurs du cours avec la commande lancée et ce message.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
