"""``python -m donnees_en_main atelier``: JupyterLab, in French, on the workshop notebooks, with the
nbgrader assignments (what ``bash outils/atelier.sh`` runs).

nbgrader: the course is ``exercises/``, its exchange folder ``exercises/echange/`` (one machine); the
configuration is ``outils/jupyter/`` (nbgrader_config.py, the French interface in lab-settings/, the course's
JupyterLab extension in labextensions/). ``options_jupyterlab()`` is shared with the class hub
(deploiement/jupyterhub/jupyterhub_config.py): both JupyterLabs look and behave the same.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from donnees_en_main.commande import Analyseur, ErreurCommande, port, programme
from donnees_en_main.reglages import RACINE

PORT_PAR_DEFAUT = 8888
CONFIGURATION = RACINE / "outils" / "jupyter"
ECHANGE = RACINE / "exercises" / "echange"
REGLAGES_JUPYTERLAB = CONFIGURATION / "lab-settings"
EXTENSIONS_JUPYTERLAB = CONFIGURATION / "labextensions"
# What a JupyterLab of the course must be able to read (the hub's sandbox binds them read-only).
DOSSIERS_JUPYTERLAB = (REGLAGES_JUPYTERLAB, EXTENSIONS_JUPYTERLAB)


def options_jupyterlab() -> list[str]:
    """JupyterLab's options for the course, the same for ``atelier`` and for every server of the class hub.

    - French interface by default, no news pop-up, a « Tout exécuter » button (lab-settings/overrides.json;
      the language pack is in requirements.txt);
    - the course's extension (labextensions/donnees-en-main/, prebuilt, no build step): its one stylesheet, the side
      panels folded on a phone, nbgrader's « Validate » and feedback link in French, assignment tabs named apart.
    """
    return [f"--LabApp.app_settings_dir={REGLAGES_JUPYTERLAB}",
            f"--LabApp.extra_labextensions_path={EXTENSIONS_JUPYTERLAB}"]


def commande_jupyter(jupyter: str, numero: int, options: list[str], root: bool) -> list[str]:
    """The ``jupyter lab`` command line: the course's folder, this machine only, the notebooks first."""
    return [
        jupyter, "lab", f"--ServerApp.root_dir={RACINE}", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={numero}",
        "--LabApp.default_url=/lab/tree/notebooks",
        *options_jupyterlab(),
        # As root (a container, a classroom server), Jupyter refuses to start without --allow-root.
        *(["--allow-root"] if root else []),
        *options,
    ]


def environnement(base: dict[str, str]) -> dict[str, str]:
    """``base`` with the course's Jupyter configuration first, and the course's programs on the PATH."""
    env = dict(base)
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(filter(None, [str(CONFIGURATION), base.get("JUPYTER_CONFIG_PATH")]))
    env["PATH"] = os.pathsep.join(filter(None, [str(Path(sys.executable).parent), base.get("PATH")]))
    return env


def analyseur() -> Analyseur:
    p = Analyseur(
        prog="python -m donnees_en_main atelier",
        allow_abbrev=False,  # JupyterLab's own options must reach it untouched
        usage="python -m donnees_en_main atelier [--port PORT] [options de JupyterLab]",
        description="Lance JupyterLab, en français, sur les carnets d'atelier (dossier notebooks/), avec les "
        "devoirs nbgrader (menu « Nbgrader », cours exercises/). Ouvrez l'adresse affichée, avec son jeton.",
        epilog="Les autres options sont transmises à JupyterLab, par exemple --no-browser.\n"
        "Ce que fait bash outils/atelier.sh (qui lit aussi la variable PORT).",
    )
    p.add_argument("--port", type=port, default=PORT_PAR_DEFAUT, metavar="PORT",
                   help=f"port de JupyterLab (par défaut : {PORT_PAR_DEFAUT})")
    return p


def main(argv: list[str] | None = None) -> int:
    args, options = analyseur().parse_known_args(argv)
    try:
        ECHANGE.mkdir(parents=True, exist_ok=True)
        ECHANGE.chmod(0o777)  # nbgrader's exchange: every account of the machine may submit
    except OSError as erreur:
        raise ErreurCommande(f"impossible de préparer le dossier d'échange des devoirs {ECHANGE} "
                             f"({erreur.strerror}).") from None
    jupyter = programme("jupyter")
    commande = commande_jupyter(jupyter, args.port, options, root=os.geteuid() == 0)
    print("→ JupyterLab démarre : ouvrez l'adresse affichée ci-dessous (avec son jeton).")
    print("  Carnets d'atelier : dossier notebooks/ — devoirs : menu « Nbgrader ».", flush=True)
    os.chdir(RACINE)
    os.execve(jupyter, commande, environnement(dict(os.environ)))
    return 0  # not reached: JupyterLab replaced this process
