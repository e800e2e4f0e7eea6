"""``python -m donnees_en_main sommaire``: write ``_toc.yml`` from the chapter manifest."""

from __future__ import annotations

from donnees_en_main.chapitres import sommaire_yaml
from donnees_en_main.commande import Analyseur
from donnees_en_main.reglages import RACINE


def main(argv: list[str] | None = None) -> int:
    analyseur = Analyseur(
        prog="python -m donnees_en_main sommaire",
        description="Réécrit _toc.yml (la table des matières du livre) depuis le manifeste des chapitres, "
        "donnees_en_main/chapitres/__init__.py.",
    )
    analyseur.add_argument("--verifier", action="store_true",
                           help="ne rien écrire ; échouer si _toc.yml n'est pas à jour")
    args = analyseur.parse_args(argv)
    fichier = RACINE / "_toc.yml"
    attendu = sommaire_yaml()
    actuel = fichier.read_text(encoding="utf-8") if fichier.is_file() else ""
    if args.verifier:
        if actuel != attendu:
            print("_toc.yml n'est pas à jour : lancez « python -m donnees_en_main sommaire ».")
            return 1
        print("_toc.yml est à jour.")
        return 0
    if actuel == attendu:
        print("_toc.yml est déjà à jour.")
    else:
        fichier.write_text(attendu, encoding="utf-8")
        print(f"_toc.yml réécrit ({sum(1 for l in attendu.splitlines() if 'file:' in l)} chapitres).")
    return 0
