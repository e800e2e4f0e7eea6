"""How many learners fit on one machine? Memory of one learner, measured here (a benchmark, not a test).

    .venv/bin/python benchmarks/capacite.py [--memoire-go 24] [--coeurs 2] [--marge 1.5] [--json FICHIER]

One learner on the class's JupyterHub = one JupyterLab server (with the nbgrader extensions) + one
kernel per open notebook. This script measures, with psutil:

- the JupyterLab server: a real `jupyter lab` process started like a learner's server, after its
  main page and the contents API have been served;
- a kernel per workshop notebook (cantine, energie, elections): a real ipykernel, after running the
  whole notebook top to bottom (data loaded, charts drawn, widgets shown), in a copy of notebooks/;
- RSS (resident memory, shared libraries counted in full) and USS (memory unique to the process,
  what one more learner really adds), and the CPU seconds each notebook takes.

Capacity = (machine memory - memory kept for the system and the hub) / (margin x memory per learner),
in two cases: one notebook open at a time (the workshop's rhythm), and all three left open (worst case
before idle kernels are stopped). USS is used for the sum, because the shared pages of Python and its
libraries are in memory only once whatever the number of learners; RSS is printed for comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

RACINE = Path(__file__).resolve().parent.parent
CARNETS = ["cantine", "energie", "elections"]
MO = 1024 * 1024
SYSTEME_ET_HUB_MO = 2048  # the OS, JupyterHub, its proxy and the disk cache: kept aside


def memoire(proc: psutil.Process) -> dict:
    info = proc.memory_full_info()
    return {"rss_mo": info.rss / MO, "uss_mo": info.uss / MO}


def mesurer_noyau(carnet: str, dossier: Path) -> dict:
    """Run the workshop notebook `carnet` in a fresh kernel; memory of that kernel once it has finished."""
    nb = nbformat.read(dossier / f"{carnet}.ipynb", as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(dossier)}})
    debut = time.perf_counter()
    with client.setup_kernel():
        pid = client.km.provisioner.pid
        noyau = psutil.Process(pid)
        vide = memoire(noyau)
        for index, cellule in enumerate(nb.cells):
            client.execute_cell(cellule, index)
        duree = time.perf_counter() - debut
        cpu = noyau.cpu_times()
        plein = memoire(noyau)
    return {"carnet": carnet, "noyau_vide": vide, "apres_carnet": plein,
            "cpu_s": cpu.user + cpu.system, "duree_s": duree}


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mesurer_serveur(dossier: Path) -> dict:
    """A JupyterLab server like a learner's (same extensions), after serving its main page."""
    port = port_libre()
    jeton = "capacite"
    env = dict(os.environ, JUPYTER_CONFIG_PATH=str(RACINE / "outils" / "jupyter"))
    commande = [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", f"--ServerApp.port={port}",
                "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={jeton}", f"--ServerApp.root_dir={dossier}"]
    if os.geteuid() == 0:
        commande.append("--allow-root")
    serveur = subprocess.Popen(commande, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        fin = time.monotonic() + 180
        while True:
            try:
                for chemin in ("/lab", "/api/contents", "/lab/api/translations/fr_FR", "/api/kernelspecs"):
                    req = urllib.request.Request(f"http://127.0.0.1:{port}{chemin}",
                                                 headers={"Authorization": f"token {jeton}"})
                    urllib.request.urlopen(req, timeout=30).read()
                break
            except OSError:
                if time.monotonic() > fin or serveur.poll() is not None:
                    raise RuntimeError("le serveur JupyterLab n'a pas démarré") from None
                time.sleep(0.5)
        return memoire(psutil.Process(serveur.pid))
    finally:
        serveur.terminate()
        try:
            serveur.wait(30)
        except subprocess.TimeoutExpired:
            serveur.kill()
            serveur.wait()


def capacite(memoire_mo: float, par_apprenant_mo: float, marge: float) -> int:
    return int((memoire_mo - SYSTEME_ET_HUB_MO) // (marge * par_apprenant_mo))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memoire-go", type=float, default=24, help="mémoire de la machine visée (Go)")
    parser.add_argument("--coeurs", type=int, default=2, help="cœurs de la machine visée")
    parser.add_argument("--marge", type=float, default=1.5, help="marge de sécurité sur la mémoire par apprenant")
    parser.add_argument("--json", type=Path, help="écrire aussi les mesures dans ce fichier JSON")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        dossier = Path(tmp) / "carnets"
        dossier.mkdir()
        for carnet in CARNETS:
            shutil.copy(RACINE / "notebooks" / f"{carnet}.ipynb", dossier)
        serveur = mesurer_serveur(dossier)
        noyaux = [mesurer_noyau(carnet, dossier) for carnet in CARNETS]

    print(f"Serveur JupyterLab d'un apprenant : RSS {serveur['rss_mo']:.0f} Mo, USS {serveur['uss_mo']:.0f} Mo")
    for n in noyaux:
        print(f"Noyau après le carnet {n['carnet']:<9} : RSS {n['apres_carnet']['rss_mo']:.0f} Mo, "
              f"USS {n['apres_carnet']['uss_mo']:.0f} Mo (noyau vide : USS {n['noyau_vide']['uss_mo']:.0f} Mo) ; "
              f"{n['cpu_s']:.1f} s de calcul, {n['duree_s']:.1f} s d'horloge")

    uss_max = max(n["apres_carnet"]["uss_mo"] for n in noyaux)
    uss_somme = sum(n["apres_carnet"]["uss_mo"] for n in noyaux)
    cas = {
        "un carnet ouvert à la fois": serveur["uss_mo"] + uss_max,
        "les trois carnets ouverts": serveur["uss_mo"] + uss_somme,
    }
    memoire_mo = args.memoire_go * 1024
    print(f"\nMachine visée : {args.coeurs} cœurs, {args.memoire_go:g} Go ; {SYSTEME_ET_HUB_MO / 1024:g} Go gardés "
          f"pour le système et le hub ; marge de sécurité ×{args.marge:g} sur la mémoire de chaque apprenant.")
    resultats = {}
    for nom, mo in cas.items():
        n = capacite(memoire_mo, mo, args.marge)
        resultats[nom] = {"par_apprenant_mo": mo, "apprenants": n}
        print(f"- {nom} : {mo:.0f} Mo par apprenant → {n} apprenants")
    cpu_max = max(n["cpu_s"] for n in noyaux)
    print(f"\nCalcul : le carnet le plus lourd prend {cpu_max:.1f} s de processeur ; si 30 apprenants lancent "
          f"« Exécuter tout » au même moment sur {args.coeurs} cœurs, le dernier attend environ "
          f"{30 * cpu_max / args.coeurs:.0f} s.")
    if args.json:
        args.json.write_text(json.dumps({"serveur": serveur, "noyaux": noyaux, "capacite": resultats,
                                         "machine": vars(args) | {"json": None}}, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
