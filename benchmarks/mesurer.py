"""Print the course's speed figures (a benchmark, not a test).

    .venv/bin/python benchmarks/mesurer.py [--soumissions N] [--devoir cantine] [--sans-livre]

- cold book build (empty output folder, every page executed);
- cached rebuild (`--all`: every page re-read, notebook outputs taken from the Jupyter cache);
- rebuild with nothing changed (what `outils/livre.sh` runs a second time);
- nbgrader autograde seconds per submission, next to a bare execution of the same notebook.

Aims (issue « Foundation »): cached rebuild <= 1/10 of the cold build; cold build < 3 min on 2 cores.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE / "tests"))
from outils_nbgrader import CoursNbgrader  # noqa: E402

JB = Path(sys.executable).parent / "jupyter-book"


def chrono(commande: list[str]) -> float:
    debut = time.perf_counter()
    subprocess.run(commande, check=True, capture_output=True)
    return time.perf_counter() - debut


def mesurer_livre() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        commande = [str(JB), "build", str(RACINE), "--path-output", tmp, "--builder", "html"]
        froid = chrono(commande)
        cache = chrono(commande + ["--all"])
        increment = chrono(commande)
    print(f"Construction du livre à froid      : {froid:6.1f} s   (objectif < 180 s)")
    print(f"Reconstruction avec le cache (--all): {cache:6.1f} s   (rapport {cache / froid:.2f}, objectif <= 0,10)")
    print(f"Reconstruction sans changement      : {increment:6.1f} s   (rapport {increment / froid:.2f} ; outils/livre.sh)")
    print("  (dans chaque reconstruction : la version navigateur, JupyterLite, environ 10 s)")


def mesurer_correction(devoir: str, n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cours = CoursNbgrader(Path(tmp), devoir)
        cours.generer()
        for i in range(n):
            cours.soumettre(f"eleve{i:03d}")
        debut = time.perf_counter()
        cours.autograde()
        total = time.perf_counter() - debut

        notebook = cours.notebooks_eleve()[0]
        nb = nbformat.read(notebook, as_version=4)
        debut = time.perf_counter()
        NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(notebook.parent)}}).execute()
        nu = time.perf_counter() - debut
    print(f"Correction automatique ({devoir}, {n} copies) : {total:6.1f} s au total, "
          f"{total / n:5.2f} s par copie")
    print(f"Exécution seule du même carnet              : {nu:5.2f} s "
          f"(rapport {total / n / nu:.1f})")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--soumissions", type=int, default=10)
    p.add_argument("--devoir", default="cantine")
    p.add_argument("--sans-livre", action="store_true")
    args = p.parse_args()
    if not args.sans_livre:
        mesurer_livre()
    mesurer_correction(args.devoir, args.soumissions)


if __name__ == "__main__":
    main()
