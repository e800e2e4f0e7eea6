"""``python -m donnees_en_main livre``: build the book (its pages executed, with jupyter-book's
execution cache) and, with ``--servir``, serve it on http://127.0.0.1:PORT/ (what ``bash outils/livre.sh``
runs).
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import time
from pathlib import Path

from donnees_en_main.commande import Analyseur, ErreurCommande, port, programme
from donnees_en_main.reglages import LIVRE as VARIABLE_LIVRE, RACINE

PORT_PAR_DEFAUT = 8000


# What jupyter_client says when a kernel exits before its first reply. Under load (kernels started
# side by side: a grading batch, a workshop server) it is most often the known port race: the ports
# picked for a kernel are taken by another program before the kernel binds them. A second attempt
# starts from jupyter-cache, so the pages already executed are not run again.
NOYAU_MORT_AU_DEMARRAGE = "Kernel died before replying to kernel_info"
ESSAIS = 2


def construire(sortie: Path, builder: str = "html", strict: bool = False, journal: Path | None = None) -> int:
    """Run ``jupyter-book build`` on the course into ``sortie``/_build/; its return code.

    ``journal``: a file that receives the build's output (else it goes to the terminal).
    ``strict``: Sphinx warnings are errors (as in the tests).
    A build whose only trouble is a kernel that died while starting is run once more.
    """
    commande = [programme("jupyter-book"), "build", str(RACINE), "--path-output", str(sortie), "--builder", builder]
    if strict:
        commande += ["-W", "-n", "--keep-going"]
    for essai in range(1, ESSAIS + 1):
        code, noyau_mort = _construire_une_fois(commande, journal, ajouter=essai > 1)
        if code == 0 or not noyau_mort or essai == ESSAIS:
            return code
        message = ("→ Un noyau Python s'est arrêté en démarrant (souvent un port réseau pris au même instant par "
                   "un autre programme) : nouvel essai ; les pages déjà exécutées sont gardées.")
        print(message, file=sys.stderr, flush=True)
        if journal is not None:
            with open(journal, "a", encoding="utf-8") as f:
                f.write(f"\n{message}\n")
    return code


def _construire_une_fois(commande: list[str], journal: Path | None, ajouter: bool) -> tuple[int, bool]:
    """One build, its output streamed to the terminal or ``journal``: (return code, a kernel died starting)."""
    noyau_mort = False
    destination = sys.stdout if journal is None else open(journal, "a" if ajouter else "w", encoding="utf-8")
    try:
        with subprocess.Popen(commande, cwd=RACINE, env={**os.environ, VARIABLE_LIVRE: "1"}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, encoding="utf-8", errors="replace") as processus:
            for ligne in processus.stdout:
                destination.write(ligne)
                destination.flush()
                noyau_mort = noyau_mort or NOYAU_MORT_AU_DEMARRAGE in ligne
        return processus.returncode, noyau_mort
    finally:
        if journal is not None:
            destination.close()


def afficher_chemin(chemin: Path) -> str:
    """``chemin`` relative to the current folder when it is inside it (shorter to read)."""
    try:
        return f"{chemin.resolve().relative_to(Path.cwd().resolve())}/"
    except ValueError:
        return f"{chemin}/"


def ouvrir_serveur(dossier: Path, numero: int) -> http.server.ThreadingHTTPServer:
    """An HTTP server for ``dossier`` on 127.0.0.1:``numero`` (this machine only), not yet serving."""
    gestionnaire = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(dossier))
    try:
        return http.server.ThreadingHTTPServer(("127.0.0.1", numero), gestionnaire)
    except OSError as erreur:
        raise ErreurCommande(
            f"impossible d'écouter sur le port {numero} ({erreur.strerror}) : un autre programme l'utilise "
            f"sans doute. Choisissez un autre port : --port 8080 (ou PORT=8080 bash outils/livre.sh)."
        ) from None


def servir(serveur: http.server.ThreadingHTTPServer) -> None:
    """Serve until Ctrl+C."""
    numero = serveur.server_address[1]
    print(f"\nLe livre est servi ici : http://127.0.0.1:{numero}/\n(Ctrl+C pour arrêter)", flush=True)
    try:
        serveur.serve_forever()
    except KeyboardInterrupt:
        print("\n→ Serveur arrêté.")
    finally:
        serveur.server_close()


def analyseur() -> Analyseur:
    p = Analyseur(
        prog="python -m donnees_en_main livre",
        description="Construit le livre du cours dans <sortie>/_build/html/ : les pages sont exécutées, avec un "
        "cache (la première fois prend une à deux minutes, les suivantes quelques secondes).\n"
        "Avec --servir, le livre est ensuite servi sur http://127.0.0.1:PORT/ (cet ordinateur seulement).",
        epilog="Exemples :\n"
        "  python -m donnees_en_main livre --servir              # ce que fait bash outils/livre.sh\n"
        "  python -m donnees_en_main livre --servir --port 8080\n"
        "  python -m donnees_en_main livre --strict --sortie /tmp/livre",
    )
    p.add_argument("--servir", action="store_true", help="servir le livre une fois construit (Ctrl+C pour arrêter)")
    p.add_argument("--port", type=port, default=PORT_PAR_DEFAUT, metavar="PORT",
                   help=f"port du serveur avec --servir (par défaut : {PORT_PAR_DEFAUT})")
    p.add_argument("--sortie", type=Path, default=RACINE, metavar="DOSSIER",
                   help="dossier où écrire _build/ (par défaut : le dossier du cours)")
    p.add_argument("--strict", action="store_true",
                   help="un avertissement de Sphinx fait échouer la construction (comme dans les tests)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = analyseur().parse_args(argv)
    sortie = args.sortie.resolve()
    html = sortie / "_build" / "html"
    # The port is taken before the build: a port already in use is said at once, not after two minutes.
    serveur = ouvrir_serveur(html, args.port) if args.servir else None
    try:
        try:
            sortie.mkdir(parents=True, exist_ok=True)
        except OSError as erreur:
            raise ErreurCommande(f"impossible de créer le dossier {sortie} ({erreur.strerror}).") from None
        print("→ Construction du livre (les pages sont exécutées ; la première fois prend une à deux minutes) …",
              flush=True)
        debut = time.monotonic()
        code = construire(sortie, strict=args.strict)
        duree = round(time.monotonic() - debut)
        if code != 0 or not (html / "index.html").is_file():
            print(f"Erreur : la construction du livre a échoué après {duree} s (voir les messages ci-dessus).",
                  file=sys.stderr)
            return 1
        print(f"→ Livre construit en {duree} s dans {afficher_chemin(html)}", flush=True)
    except BaseException:
        if serveur is not None:
            serveur.server_close()
        raise
    if serveur is not None:
        servir(serveur)
    return 0
