"""How fast a room is graded, next to the floor (a bare execution of the same notebook). A benchmark, not a test.

    nice -n 10 .venv/bin/python benchmarks/correction.py --copies 30
    nice -n 10 .venv/bin/python benchmarks/correction.py --copies 100 --parallele 2 --avec-nbgrader
    nice -n 10 .venv/bin/python benchmarks/correction.py --copies 30 --parallele 1,2 --avec-nbgrader-par-eleve
    nice -n 10 .venv/bin/python benchmarks/correction.py --copies 100 --parallele 2 --widgets-seulement

Builds a throw-away course, N simulated submissions of the canteen assignment (answered through the
real widgets once, then copied with variations: right, wrong, untouched), then times:

- the floor: submitted notebooks executed top to bottom with nbclient, no nbgrader, no sandbox,
  with the same parallelism, right before each graded run (a shared machine's load changes fast);
- ``python -m donnees_en_main corriger`` (nbgrader autograde in sandboxed workers) with P workers,
  with warm kernels (the default: one zygote per worker, pandas already imported, forked into a
  sandbox of its own for each copy) and without them (``DEM_NOYAUX_CHAUDS=0``: a cold kernel per copy);
- with ``--widgets-seulement``, the assignment cut down to its two widget questions: no code cell to
  grade, so each copy is judged from its answers file without a kernel (``verdicts.sans_noyau``);
- optionally (``--avec-nbgrader``), stock ``nbgrader autograde`` on the whole room (one submission
  after another, no sandbox), and (``--avec-nbgrader-par-eleve``) stock ``nbgrader autograde --student X``
  run P at a time on the one gradebook (the other way to grade in parallel: each process pays
  nbgrader's start-up, and all write the same sqlite file).

"Per submission" is the wall-clock time × workers / N: the core-seconds each submission costs,
compared with the floor measured just before, with the same parallelism (on a shared machine the
load changes from one minute to the next). CPU time from getrusage would be steadier but cannot be
used here: the sandboxed kernels are killed at the end (quicker than a graceful shutdown), and a
killed process's CPU time is never added to its ancestors'. Aims (issue « Grading a trainer can trust »): 100 submissions in
<= 60 s on 2 cores (issue 17); per submission <= 1.5 × the floor. Run it under ``nice`` on a shared
machine: the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE / "tests"))
from outils_nbgrader import CoursNbgrader, code_repondre_par_widgets, remplir  # noqa: E402

from donnees_en_main.correction import corriger  # noqa: E402
from donnees_en_main.chapitres.cantine import questions as q  # noqa: E402


def preparer_salle(dossier: Path, n: int, widgets_seulement: bool = False) -> CoursNbgrader:
    cours = CoursNbgrader(dossier, "cantine")
    if widgets_seulement:
        # the assignment cut down to its two widget questions: graded without a kernel
        source = cours.racine / "source" / "cantine" / "cantine.ipynb"
        nb = nbformat.read(source, as_version=4)
        nb.cells = [c for c in nb.cells
                    if not c.metadata.get("nbgrader", {}).get("grade_id", "").startswith(("q3", "q4"))]
        nbformat.write(nb, source)
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
    if widgets_seulement:
        faux = code_repondre_par_widgets({q.separateur.id: q.separateur.reponse, q.indicateur.id: "La moyenne des parts de bio"})
        modeles = [cours.soumettre("modele-juste", executer_apres=widgets),
                   cours.soumettre("modele-faux", executer_apres=faux),
                   cours.soumettre("modele-intact")]
    else:
        modeles = [cours.soumettre("modele-juste", modifier=juste, executer_apres=widgets),
                   cours.soumettre("modele-moyenne", modifier=moyenne),
                   cours.soumettre("modele-intact")]
    for i in range(n):
        cible = cours.racine / "submitted" / f"eleve{i:03d}" / "cantine"
        shutil.copytree(modeles[i % 3], cible)
    for m in modeles:
        shutil.rmtree(m.parent)
    return cours


def _executer_nu(source: str) -> float:
    """Execute one submitted notebook in a throw-away copy of its folder; seconds taken."""
    with tempfile.TemporaryDirectory() as tmp:
        dossier = Path(tmp) / "copie"
        shutil.copytree(source, dossier)
        nb = nbformat.read(dossier / "cantine.ipynb", as_version=4)
        debut = time.perf_counter()
        NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(dossier)}}).execute()
        return time.perf_counter() - debut


class Mesure:
    """Wall-clock time of a block."""

    def __enter__(self):
        self.debut = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.duree = time.perf_counter() - self.debut


def plancher(cours: CoursNbgrader, essais: int, parallele: int) -> float:
    """Core-seconds per copy of a bare nbclient execution (no grading, no sandbox), `parallele` at a time.

    Measured right before each graded run, with the same parallelism, so that both see the same
    load on a shared machine.
    """
    sources = [str(d / "cantine") for d in sorted((cours.racine / "submitted").iterdir())][:essais]
    with Mesure() as m:
        with ProcessPoolExecutor(parallele) as pool:
            list(pool.map(_executer_nu, sources))
    return m.duree * parallele / len(sources)


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
    p.add_argument("--essais-plancher", type=int, default=5,
                   help="exécutions nues par correcteur pour mesurer le plancher")
    p.add_argument("--avec-nbgrader", action="store_true", help="mesurer aussi « nbgrader autograde » seul, "
                   "(une copie après l'autre, sans isolement)")
    p.add_argument("--avec-nbgrader-par-eleve", action="store_true",
                   help="mesurer aussi « nbgrader autograde --student X » lancé P fois en même temps")
    p.add_argument("--widgets-seulement", action="store_true",
                   help="le devoir réduit à ses questions à widgets (aucune question de code : corrigé sans noyau)")
    args = p.parse_args()
    n = args.copies

    print(f"Machine : {os.cpu_count()} cœur(s), charge moyenne (1, 5, 15 min) : "
          + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
    with tempfile.TemporaryDirectory() as tmp:
        cours = preparer_salle(Path(tmp), n, args.widgets_seulement)
        lignes = []
        for parallele in [int(x) for x in args.parallele.split(",")]:
            sol = plancher(cours, max(args.essais_plancher * parallele, parallele), parallele)
            for chauds, nom in (("1", "noyaux chauds"), ("0", "noyaux froids")):
                os.environ["DEM_NOYAUX_CHAUDS"] = chauds  # the workers inherit it
                shutil.rmtree(cours.racine / "autograded", ignore_errors=True)
                with Mesure() as m:
                    rapport = corriger("cantine", cours.racine, parallele=parallele, afficher=lambda _m: None)
                statuts = sorted({r.statut for r in rapport.resultats})
                notes = sorted({r.note for r in rapport.resultats})
                lignes.append((f"correction isolée, {nom}, {parallele} à la fois", m, parallele, sol))
                print(f"{lignes[-1][0]} : statuts {statuts}, notes {notes}, charge "
                      + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
            os.environ.pop("DEM_NOYAUX_CHAUDS", None)
        if args.avec_nbgrader:
            sol = plancher(cours, args.essais_plancher, 1)
            shutil.rmtree(cours.racine / "autograded", ignore_errors=True)
            with Mesure() as m:
                cours.nbgrader("autograde", "cantine", "--force", timeout=7200)
            lignes.append(("nbgrader autograde seul (sans isolement)", m, 1, sol))
        if args.avec_nbgrader_par_eleve:
            parallele = max(int(x) for x in args.parallele.split(","))
            sol = plancher(cours, args.essais_plancher * parallele, parallele)
            shutil.rmtree(cours.racine / "autograded", ignore_errors=True)
            eleves = sorted(d.name for d in (cours.racine / "submitted").iterdir())
            with Mesure() as m:
                with ThreadPoolExecutor(parallele) as pool:
                    echecs = [e for e, ok in zip(eleves, pool.map(lambda e: _par_eleve(cours, e), eleves)) if not ok]
            lignes.append((f"nbgrader --student X, {parallele} à la fois", m, parallele, sol))
            if echecs:
                print(f"« nbgrader autograde --student » a échoué pour {len(echecs)} copie(s) : {', '.join(echecs)}")
        print(f"\n{n} copies (plancher : exécution nue des mêmes carnets, même parallélisme, mesurée juste avant) :")
        for nom, m, parallele, sol in lignes:
            par_copie = m.duree * parallele / n
            print(f"- {nom:42s} : {m.duree:6.1f} s au total, {m.duree / n:5.2f} s par copie en temps réel, "
                  f"{par_copie:5.2f} s de cœur par copie = {par_copie / sol:4.2f} × le plancher ({sol:.2f} s)")
        print("Charge moyenne à la fin (1, 5, 15 min) : " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
    print("\nObjectifs : 100 copies en 60 s au plus sur 2 cœurs (issue n° 17) ; par copie, 1,5 × le plancher au plus.")
    print("Attention : sur une machine partagée, les chiffres varient avec la charge affichée plus haut.")


if __name__ == "__main__":
    main()
