"""Command line, in French, for trainers (see book/guide-correction.md)."""

from __future__ import annotations

import argparse
import sys
import warnings

from .bac_a_sable import MO, diagnostic

UTILISATION = """\
Corriger un devoir (chaque copie exécutée à l'écart, sans réseau, avec des limites) :
  python -m donnees_en_main corriger <devoir> [--parallele N] [--course-dir exercises]

Les données des élèves (RGPD) :
  python -m donnees_en_main corriger exporter-notes <devoir> --csv notes.csv
  python -m donnees_en_main corriger eleve exporter <identifiant> [--sortie eleve.zip]
  python -m donnees_en_main corriger eleve effacer <identifiant>

Ce que cette machine permet d'isoler :
  python -m donnees_en_main corriger diagnostic
"""

# argparse in French (help, headings, errors): the parser shared by every verb of the front door.
from donnees_en_main.commande import Analyseur  # noqa: E402


def _cours(p: argparse.ArgumentParser) -> None:
    p.add_argument("--course-dir", default="exercises", metavar="DOSSIER",
                   help="dossier du cours nbgrader (celui qui contient nbgrader_config.py ; par défaut : exercises)")


def analyseur_correction() -> Analyseur:
    p = Analyseur(prog="python -m donnees_en_main corriger", description="Corriger toutes les copies d'un devoir.",
                  epilog=UTILISATION)
    p.add_argument("devoir", help="nom du devoir (dossier source/<devoir>/)")
    p.add_argument("--parallele", type=int, metavar="N", help="copies corrigées en même temps (par défaut : "
                   "le nombre de cœurs)")
    _cours(p)
    p.add_argument("--eleve", action="append", metavar="IDENTIFIANT", help="ne corriger que cet élève (répétable)")
    p.add_argument("--delai-cellule", type=int, metavar="S", help="secondes au plus par cellule "
                   "(par défaut : Execute.timeout du cours, sinon 60)")
    p.add_argument("--delai-carnet", type=int, metavar="S", help="secondes au plus par carnet (par défaut : 300)")
    p.add_argument("--memoire", type=int, metavar="MO", help="mémoire au plus par copie, en Mo (par défaut : 2048)")
    p.add_argument("--processus", type=int, metavar="N", help="processus et fils d'exécution au plus (par défaut : 64)")
    return p


def analyseur_rgpd() -> Analyseur:
    p = Analyseur(prog="python -m donnees_en_main corriger", epilog=UTILISATION)
    sous = p.add_subparsers(dest="commande", required=True, metavar="commande", parser_class=Analyseur)
    n = sous.add_parser("exporter-notes", help="les notes d'un devoir dans un fichier CSV en français")
    n.add_argument("devoir")
    n.add_argument("--csv", required=True, metavar="FICHIER", help="fichier CSV à écrire (séparateur « ; »)")
    _cours(n)
    e = sous.add_parser("eleve", help="exporter ou effacer les données d'un élève")
    e.add_argument("action", choices=["exporter", "effacer"])
    e.add_argument("identifiant", help="identifiant de l'élève (nom de son dossier dans submitted/)")
    e.add_argument("--sortie", metavar="FICHIER.zip", help="pour exporter : le fichier zip à écrire "
                   "(par défaut : export-<identifiant>.zip)")
    e.add_argument("--oui", action="store_true", help="pour effacer : ne pas demander de confirmation (scripts)")
    _cours(e)
    sous.add_parser("diagnostic", help="ce que cette machine permet d'isoler")
    return p


def _confirmer_par_saisie(identifiant: str):
    from .lot import lisible

    identifiant = lisible(identifiant)  # what the trainer can read, hence type

    def confirmer(resume: str) -> bool:
        print(resume)
        print("Cet effacement est définitif (pensez à vos sauvegardes et aux exports déjà faits).")
        try:
            saisie = input(f"Pour confirmer, tapez l'identifiant « {identifiant} » : ")
        except EOFError:
            return False
        return lisible(saisie.strip()) == identifiant
    return confirmer


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    warnings.filterwarnings("ignore", module="sqlalchemy")
    warnings.filterwarnings("ignore", message=".*not in session.*")
    if not argv or argv[0] in ("-h", "--help"):
        print(UTILISATION)
        return 0
    if argv[0] in ("exporter-notes", "eleve", "diagnostic"):
        args = analyseur_rgpd().parse_args(argv)
        action = _rgpd
    else:
        args = analyseur_correction().parse_args(argv)
        action = _corriger
    if getattr(args, "commande", None) == "diagnostic":
        return _diagnostic()
    from .lot import ErreurCorrection

    try:
        return action(args)
    except ErreurCorrection as e:
        print(f"Erreur : {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrompu : les copies déjà corrigées sont enregistrées, les autres ne le sont pas.", file=sys.stderr)
        return 130


def _diagnostic() -> int:
    d = diagnostic()
    print("Isolement du code des élèves sur cette machine :\n" + d.resume())
    for m in d.manques:
        print("⚠ " + m)
    return 0


def _corriger(args) -> int:
    from .lot import Cours, ErreurCorrection, corriger, limites_du_cours

    if args.parallele is not None and args.parallele < 1:
        raise ErreurCorrection("--parallele attend un nombre entier positif.")
    cours = Cours.ouvrir(args.course_dir)
    limites = limites_du_cours(
        cours, delai_cellule=args.delai_cellule, delai_carnet=args.delai_carnet,
        memoire=args.memoire * MO if args.memoire else None, processus=args.processus)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the French summary says what is not isolated
        corriger(args.devoir, args.course_dir, parallele=args.parallele, limites=limites, eleves=args.eleve)
    return 0


def _rgpd(args) -> int:
    from . import rgpd
    from .lot import lisible

    if args.commande == "exporter-notes":
        n = rgpd.exporter_notes(args.devoir, args.csv, args.course_dir)
        print(f"{n} ligne(s) écrite(s) dans {args.csv}. Ce fichier contient des données personnelles : "
              "gardez-le sur votre ordinateur et effacez-le quand il ne sert plus.")
        return 0
    if args.action == "exporter":
        chemin = rgpd.exporter_eleve(args.identifiant, args.sortie, args.course_dir)
        print(f"Données de « {lisible(args.identifiant)} » exportées dans {chemin}. Remettez ce fichier à l'élève "
              "lui-même ou elle-même, puis effacez-le de votre ordinateur.")
        return 0
    confirmer = (lambda resume: print(resume) or True) if args.oui else _confirmer_par_saisie(args.identifiant)
    rgpd.effacer_eleve(args.identifiant, args.course_dir, confirmer=confirmer)
    print(f"Les données de « {lisible(args.identifiant)} » ont été effacées de ce cours.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
