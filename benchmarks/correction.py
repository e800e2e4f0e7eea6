"""How fast a room is graded, next to the floor (a bare execution of the same notebook). A benchmark, not a test.

    .venv/bin/python benchmarks/correction.py --copies 30
    .venv/bin/python benchmarks/correction.py --copies 100 --parallele 2
    .venv/bin/python benchmarks/correction.py --copies 30 --parallele 1,2 --avec-nbgrader

Builds a throw-away course, N simulated submissions of the canteen assignment (answered through the
real widgets once, then copied with variations: right, wrong, untouched), then times:

- the floor: the submitted notebook executed top to bottom with nbclient, no nbgrader, no sandbox
  (the mean of a few runs, one after another);
- ``python -m donnees_en_main.correction`` (nbgrader autograde in sandboxed workers) with P workers;
- optionally, stock ``nbgrader autograde`` on the whole room (one submission after another), and
  stock ``nbgrader autograde --student X`` run P at a time on the one gradebook (the other way to
  grade in parallel: each process pays nbgrader's start-up, and all write the same sqlite file).

"Per submission" is the wall-clock time × workers / N: the core-seconds each submission costs,
comparable to the floor. Aims (issue « Grading a trainer can trust »): 100 submissions in
<= 2 minutes on 2 cores; per submission <= 1.5 × the floor.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE / "tests"))
from outils_nbgrader import CoursNbgrader, code_repondre_par_widgets, remplir  # noqa: E402

from donnees_en_main.correction import corriger  # noqa: E402
from donnees_en_main.questions import cantine as q  # noqa: E402


def preparer_salle(dossier: Path, n: int) -> CoursNbgrader:
    cours = CoursNbgrader(dossier, "cantine")
    cours.generer()

    def juste(nb):
        remplir(nb, "q3-reponse", 'part_bio = achats["achats_bio_ht"] / achats["achats_totaux_ht"] * 100')
        remplir(nb, "q4-reponse", "mediane_bio = part_bio.median()")
        return nb

    def moyenne(nb):
        juste(nb)
        remplir(nb, "q4-reponse", "mediane_bio = part_bio.mean()")
        return nb

    widgets = code_repondre_par_widgets({q.separateur.id: q.separateur.reponse, q.indicateur.id: q.indicateur.reponse})
    modeles = [cours.soumettre("modele-juste", modifier=juste, executer_apres=widgets),
               cours.soumettre("modele-moyenne", modifier=moyenne),
               cours.soumettre("modele-intact")]
    for i in range(n):
        cible = cours.racine / "submitted" / f"eleve{i:03d}" / "cantine"
        shutil.copytree(modeles[i % 3], cible)
    for m in modeles:
        shutil.rmtree(m.parent)
    return cours


def plancher(cours: CoursNbgrader, essais: int) -> float:
    """Mean seconds to execute one submitted notebook with nbclient, no grading, no sandbox."""
    source = cours.racine / "submitted" / "eleve000" / "cantine"
    durees = []
    for i in range(essais):
        with tempfile.TemporaryDirectory() as tmp:
            dossier = Path(tmp) / "copie"
            shutil.copytree(source, dossier)
            nb = nbformat.read(dossier / "cantine.ipynb", as_version=4)
            debut = time.perf_counter()
            NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                           resources={"metadata": {"path": str(dossier)}}).execute()
            durees.append(time.perf_counter() - debut)
    return sum(durees) / len(durees)


def _par_eleve(cours: CoursNbgrader, eleve: str) -> bool:
    try:
        r = cours.nbgrader("autograde", "cantine", "--student", eleve, "--force", timeout=7200)
    except AssertionError:
        return False
    return "database is locked" not in r.stderr


def main() -> None:
    p = argparse.ArgumentParser(description="Vitesse de la correction d'une salle entière.")
    p.add_argument("--copies", type=int, default=30, help="nombre de copies simulées (30, 100…)")
    p.add_argument("--parallele", default=str(os.cpu_count() or 1),
                   help="nombre(s) de correcteurs en parallèle, séparés par des virgules (ex. 1,2)")
    p.add_argument("--essais-plancher", type=int, default=5, help="exécutions nues pour mesurer le plancher")
    p.add_argument("--avec-nbgrader", action="store_true", help="mesurer aussi « nbgrader autograde » seul, "
                   "puis « nbgrader autograde --student X » lancé P fois en même temps")
    args = p.parse_args()
    n = args.copies

    print(f"Machine : {os.cpu_count()} cœur(s), charge moyenne (1, 5, 15 min) : "
          + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
    with tempfile.TemporaryDirectory() as tmp:
        cours = preparer_salle(Path(tmp), n)
        sol = plancher(cours, args.essais_plancher)
        print(f"Plancher (exécution nue d'une copie avec nbclient) : {sol:.2f} s par copie")
        lignes = []
        for parallele in [int(x) for x in args.parallele.split(",")]:
            shutil.rmtree(cours.racine / "autograded", ignore_errors=True)
            debut = time.perf_counter()
            corriger("cantine", cours.racine, parallele=parallele, afficher=lambda _m: None)
            total = time.perf_counter() - debut
            lignes.append((f"correction isolée, {parallele} à la fois", total, parallele))
        if args.avec_nbgrader:
            shutil.rmtree(cours.racine / "autograded", ignore_errors=True)
            debut = time.perf_counter()
            cours.nbgrader("autograde", "cantine", "--force", timeout=7200)
            lignes.append(("nbgrader autograde seul (sans isolement)", time.perf_counter() - debut, 1))
            parallele = max(int(x) for x in args.parallele.split(","))
            shutil.rmtree(cours.racine / "autograded", ignore_errors=True)
            eleves = sorted(d.name for d in (cours.racine / "submitted").iterdir())
            debut = time.perf_counter()
            with ThreadPoolExecutor(parallele) as pool:
                echecs = [e for e, ok in zip(eleves, pool.map(lambda e: _par_eleve(cours, e), eleves)) if not ok]
            lignes.append((f"nbgrader --student X, {parallele} à la fois", time.perf_counter() - debut, parallele))
            if echecs:
                print(f"« nbgrader autograde --student » a échoué pour {len(echecs)} copie(s) : {', '.join(echecs)}")
        print(f"\n{n} copies :")
        for nom, total, parallele in lignes:
            par_copie = total * parallele / n
            print(f"- {nom:42s} : {total:6.1f} s au total, {total / n:5.2f} s par copie en temps réel, "
                  f"{par_copie:5.2f} s de cœur par copie = {par_copie / sol:4.2f} × le plancher")
    print("\nObjectifs : 100 copies en 120 s au plus sur 2 cœurs ; par copie, 1,5 × le plancher au plus.")
    print("Attention : sur une machine partagée, les chiffres varient avec la charge affichée plus haut.")


if __name__ == "__main__":
    main()
