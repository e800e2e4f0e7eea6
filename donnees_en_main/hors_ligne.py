"""``python -m donnees_en_main hors-ligne``: prepare, on a machine connected to the internet, everything a
workshop room WITHOUT internet needs (what ``bash outils/preparer_hors_ligne.sh`` runs):

- ``DOSSIER/paquets/``: every Python package of requirements.txt, as wheels, for THIS kind of machine
  (system, processor, Python version: the room's machines must match);
- ``DOSSIER/cours/``: the course itself (without .venv, _build, caches);
- ``DOSSIER/installer_hors_ligne.sh``: the installer to run in the room (no internet needed).

Standard library only: it runs with any Python 3 (``outils/preparer_hors_ligne.sh`` uses ``$PYTHON``, the
interpreter the room will have), without the course being installed.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
from pathlib import Path

from donnees_en_main.commande import Analyseur, ErreurCommande, taille_lisible
from donnees_en_main.reglages import RACINE

DOSSIER_PAR_DEFAUT = "hors-ligne"
# Never copied when the course is not a git repository (with git: what .gitignore ignores).
_IGNORES = (".venv", "_build", ".git", "hors-ligne", "proxy", "__pycache__", ".pytest_cache", ".jupyter_cache",
            ".ipynb_checkpoints")


def machine() -> str:
    """This machine's kind, as the offline installer compares it: system, processor, Python version."""
    return f"{platform.system()} {platform.machine()} Python {sys.version_info.major}.{sys.version_info.minor}"


def verifier_dossier(dossier: Path) -> Path:
    """The bundle's folder, absolute; refused inside the course (it would copy itself), but hors-ligne/."""
    dossier = dossier.expanduser().resolve()
    if dossier.is_relative_to(RACINE) and dossier != RACINE / DOSSIER_PAR_DEFAUT:
        raise ErreurCommande(f"choisissez un dossier hors du cours (ou {DOSSIER_PAR_DEFAUT}/) : {dossier} est dans "
                             f"{RACINE}.")
    return dossier


def fichiers_du_cours() -> list[Path] | None:
    """The course's files as git sees them (tracked, plus new files not ignored, a commune's own data
    included), relative to RACINE; None when the course is not a git repository (or git is absent)."""
    try:
        r = subprocess.run(["git", "-C", str(RACINE), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if r.returncode != 0:
        return None
    return [Path(nom) for nom in r.stdout.decode("utf-8", "surrogateescape").split("\0") if nom]


def copier_cours(cible: Path) -> int:
    """Copy the course into ``cible`` (modes and symbolic links kept); the number of files copied."""
    fichiers = fichiers_du_cours()
    if fichiers is None:
        shutil.copytree(RACINE, cible, symlinks=True, dirs_exist_ok=True, ignore=shutil.ignore_patterns(*_IGNORES))
        return sum(1 for f in cible.rglob("*") if not f.is_dir())
    n = 0
    for relatif in fichiers:
        source = RACINE / relatif
        if not source.exists():  # deleted but not yet committed
            continue
        (cible / relatif).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, cible / relatif, follow_symlinks=False)
        n += 1
    return n


def telecharger_paquets(paquets: Path, options_pip: list[str]) -> None:
    """Every package of requirements.txt (and what installs the course) as wheels into ``paquets``."""
    pip = [sys.executable, "-m", "pip"]
    r = subprocess.run([*pip, "download", "--quiet", "--dest", str(paquets), "-r", str(RACINE / "requirements.txt"),
                        "pip", "setuptools", "wheel", *options_pip])
    if r.returncode != 0:
        raise ErreurCommande("le téléchargement des paquets a échoué (voir les messages de pip ci-dessus). Vérifiez "
                             "l'accès à Internet et les options données à pip.")
    # A package published only as source would need a compiler in the room: turn it into a wheel now.
    sources = sorted([*paquets.glob("*.tar.gz"), *paquets.glob("*.zip")])
    if sources:
        r = subprocess.run([*pip, "wheel", "--quiet", "--no-deps", "--wheel-dir", str(paquets), *map(str, sources)])
        if r.returncode != 0:
            raise ErreurCommande("un paquet publié seulement en sources n'a pas pu être transformé en roue (wheel) ; "
                                 "voir les messages de pip ci-dessus.")
        for source in sources:
            source.unlink()


def preparer(dossier: Path, options_pip: list[str]) -> Path:
    dossier = verifier_dossier(dossier)
    cours, paquets = dossier / "cours", dossier / "paquets"
    try:
        for ancien in (cours, paquets):
            shutil.rmtree(ancien, ignore_errors=True)
        cours.mkdir(parents=True)
        paquets.mkdir(parents=True)
        print(f"→ Copie du cours dans {cours}/ …", flush=True)
        copier_cours(cours)
        print("→ Téléchargement des paquets Python (requirements.txt et de quoi installer le cours) …", flush=True)
        telecharger_paquets(paquets, options_pip)
        shutil.copy2(RACINE / "outils" / "installer_hors_ligne.sh", dossier / "installer_hors_ligne.sh")
        (dossier / "machine.txt").write_text(machine() + "\n", encoding="utf-8")
    except OSError as erreur:
        raise ErreurCommande(f"impossible d'écrire dans {dossier} ({erreur.strerror} : {erreur.filename}). Vérifiez "
                             "la place libre et les droits sur ce dossier.") from None
    taille = sum(f.stat().st_size for f in dossier.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"→ Prêt : {dossier} ({sum(1 for _ in paquets.iterdir())} paquets, {taille_lisible(taille)}) "
          f"pour : {machine()}")
    print("  Dans la salle : bash installer_hors_ligne.sh, puis bash cours/outils/atelier.sh")
    return dossier


def analyseur() -> Analyseur:
    p = Analyseur(
        prog="python -m donnees_en_main hors-ligne",
        usage="python -m donnees_en_main hors-ligne [DOSSIER] [options de « pip download »]",
        allow_abbrev=False,  # pip's options must reach it untouched
        description="Prépare, sur une machine connectée à Internet, de quoi installer le cours dans une salle SANS "
        "Internet :\n"
        "  DOSSIER/paquets/                 tous les paquets Python du cours (roues), pour CE type de machine\n"
        "  DOSSIER/cours/                   le cours lui-même (sans .venv, _build ni caches)\n"
        "  DOSSIER/installer_hors_ligne.sh  l'installateur à lancer dans la salle\n"
        "Copiez DOSSIER sur une clé USB ; dans la salle : bash installer_hors_ligne.sh (voir le « Guide de "
        "l'animateur »).",
        epilog="Les autres options sont transmises à « pip download », par exemple --platform pour des machines "
        "d'un autre type.\nCe que fait bash outils/preparer_hors_ligne.sh (avec le Python de la variable PYTHON).",
    )
    p.add_argument("dossier", nargs="?", type=Path, default=Path(DOSSIER_PAR_DEFAUT),
                   help=f"dossier à préparer (par défaut : {DOSSIER_PAR_DEFAUT}/ dans le dossier courant)")
    return p


def main(argv: list[str] | None = None) -> int:
    args, options_pip = analyseur().parse_known_args(argv)
    preparer(args.dossier, options_pip)
    return 0
