"""JupyterHub for a whole class on one server, for a workshop day (« Données en main »).

Start it from the course folder, with the course's virtualenv (see README.md beside this file):

    DEM_HUB_MOT_DE_PASSE=... DEM_HUB_MOT_DE_PASSE_FORMATEUR=... \
        .venv/bin/jupyterhub -f deploiement/jupyterhub/jupyterhub_config.py

- Login: one shared password for the learners, a separate (long) one for the trainer
  (JupyterHub's SharedPasswordAuthenticator). Fine for a day with the fictional commune's data;
  anyone holding the learners' password can open any learner's session.
- One single-user JupyterLab server per learner (SimpleLocalProcessSpawner: every server runs under
  the hub's own system account, with its own home folder); each learner's server is confined to its
  folder by bubblewrap (see « A wall between people » below).
- At each spawn the workshop notebooks are copied into the learner's home, in carnets/ (never overwriting work);
  the assignments a learner fetches go to devoirs/ beside it (nbgrader's Exchange.assignment_dir, set by
  apprenant/nbgrader_config.py), so that the two cantine.ipynb are told apart.
- nbgrader: one exchange folder shared by everybody; the trainer's server has the formgrader on a copy
  of the course (exercises/) in the trainer's home; learners get the « Devoirs » list only.

Settings come from environment variables (all optional except the two passwords):
  DEM_HUB_MOT_DE_PASSE            learners' shared password (8 characters or more)
  DEM_HUB_MOT_DE_PASSE_FORMATEUR  trainer's password (32 characters or more, different)
  DEM_HUB_FORMATEUR               trainer's user name (default: formateur)
  DEM_HUB_DONNEES                 folder for homes, exchange, hub database (default: /srv/donnees-en-main)
  DEM_HUB_ADRESSE                 public address (default: http://:8000, every network interface)
  DEM_HUB_ADRESSE_INTERNE         the hub's internal API (default: http://127.0.0.1:8081)
  DEM_HUB_ADRESSE_PROXY           the proxy's API (default: http://127.0.0.1:8001)
"""

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

from jupyterhub.authenticators.shared import SharedPasswordAuthenticator
from tornado import web

from donnees_en_main.atelier import DOSSIERS_JUPYTERLAB, options_jupyterlab
from donnees_en_main.correction.bac_a_sable import _SYSTEME, _dossiers_parents, chemins_en_lecture
from donnees_en_main.correction.configuration import DOSSIER_DES_DEVOIRS

c = get_config()  # noqa: F821 (provided by JupyterHub)

ICI = Path(__file__).resolve().parent
RACINE = ICI.parents[1]
DONNEES = Path(os.environ.get("DEM_HUB_DONNEES", "/srv/donnees-en-main")).resolve()
ECHANGE = DONNEES / "echange"
HOMES = DONNEES / "utilisateurs"
FORMATEUR = os.environ.get("DEM_HUB_FORMATEUR", "formateur").strip().lower()  # normalised below, as names typed at login
BIN = Path(sys.executable).parent


def _fail(message: str):
    # A French message for the person starting the hub, instead of a traceback.
    print(f"\nErreur de configuration du JupyterHub « Données en main » : {message}\n", file=sys.stderr)
    raise SystemExit(1)


mot_de_passe = os.environ.get("DEM_HUB_MOT_DE_PASSE", "")
mot_de_passe_formateur = os.environ.get("DEM_HUB_MOT_DE_PASSE_FORMATEUR", "")
if len(mot_de_passe) < 8:
    _fail("définissez DEM_HUB_MOT_DE_PASSE, le mot de passe commun des apprenants (8 caractères ou plus).")
if len(mot_de_passe_formateur) < 32 or mot_de_passe_formateur == mot_de_passe:
    _fail(
        "définissez DEM_HUB_MOT_DE_PASSE_FORMATEUR, le mot de passe de l'animateur : 32 caractères ou plus, "
        "différent de celui des apprenants (par exemple : python3 -c \"import secrets; print(secrets.token_urlsafe(24))\")."
    )

try:
    for dossier in (DONNEES, HOMES, ECHANGE):
        dossier.mkdir(parents=True, exist_ok=True)
    ECHANGE.chmod(0o777)  # nbgrader's exchange must be writable by every learner's server
except OSError as erreur:
    _fail(f"impossible de préparer le dossier {DONNEES} ({erreur.strerror}). Choisissez un dossier où ce compte "
          "peut écrire, avec DEM_HUB_DONNEES (par exemple : export DEM_HUB_DONNEES=$HOME/donnees-en-main-hub).")

# -- The hub and its proxy ------------------------------------------------------------------------
c.JupyterHub.bind_url = os.environ.get("DEM_HUB_ADRESSE", "http://:8000")
c.JupyterHub.hub_bind_url = os.environ.get("DEM_HUB_ADRESSE_INTERNE", "http://127.0.0.1:8081")
c.ConfigurableHTTPProxy.api_url = os.environ.get("DEM_HUB_ADRESSE_PROXY", "http://127.0.0.1:8001")
c.ConfigurableHTTPProxy.pid_file = str(DONNEES / "jupyterhub-proxy.pid")
proxy = RACINE / "outils" / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"  # outils/installer_proxy.sh
if proxy.exists():
    c.ConfigurableHTTPProxy.command = [str(proxy)]
c.JupyterHub.db_url = f"sqlite:///{DONNEES / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(DONNEES / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every learner's server

# -- Who can log in ---------------------------------------------------------------------------------
# Names as people type them (« Camille Dupont », « léa ») become an account name nbgrader accepts as a student
# id (camille.dupont, lea: letters, digits, . _ -, no « + »); the pages show it back. Each refusal says why,
# in French, on the login form (JupyterHub shows an HTTPError's message there).
NOM_VALIDE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,31}$")
REGLE_DU_NOM = ("votre prénom et votre nom, par exemple « Camille Dupont » : lettres (accents permis), chiffres, "
                "espaces, points, tirets et apostrophes, 32 caractères au plus")


def nom_de_compte(nom: str) -> str:
    """« Camille Dupont » -> camille.dupont, « Léa » -> lea, « N'Diaye » -> n.diaye (anything else is kept, and refused)."""
    sans_accents = unicodedata.normalize("NFKD", nom.strip().lower())
    sans_accents = "".join(ch for ch in sans_accents if not unicodedata.combining(ch)).replace("œ", "oe").replace("æ", "ae")
    return re.sub(r"[\s'’.]+", ".", sans_accents).strip(".")


class AuthentificationAtelier(SharedPasswordAuthenticator):
    """JupyterHub's shared-password login, with people's names normalised and refusals explained in French."""

    def normalize_username(self, username):
        return nom_de_compte(username)

    async def authenticate(self, handler, data):
        tape = data.get("username", "")
        nom = self.normalize_username(tape)
        if not nom:
            raise web.HTTPError(403, f"Indiquez votre nom : {REGLE_DU_NOM}.")
        if not NOM_VALIDE.match(nom):
            raise web.HTTPError(403, f"« {tape} » ne peut pas servir de nom. Écrivez {REGLE_DU_NOM}.")
        reponse = await super().authenticate(handler, data)
        if reponse is None:
            raise web.HTTPError(403, f"Mot de passe incorrect pour « {nom} ». Vérifiez le mot de passe donné par "
                                     "l'animateur ou l'animatrice (majuscules, chiffres, tirets comptent).")
        return reponse


FORMATEUR = nom_de_compte(FORMATEUR)
c.JupyterHub.authenticator_class = AuthentificationAtelier
c.SharedPasswordAuthenticator.user_password = mot_de_passe
c.SharedPasswordAuthenticator.admin_password = mot_de_passe_formateur
c.Authenticator.admin_users = {FORMATEUR}
c.Authenticator.allow_all = True  # any name the learner types, with the shared password
c.Authenticator.username_pattern = NOM_VALIDE.pattern

# -- Pages of the hub in French (login, wait, errors, home): templates extending JupyterHub's own ----------
c.JupyterHub.template_paths = [str(ICI / "modeles")]
# The French wait page at once, with its steps: by default the hub first waits 10 s for the server, the browser
# seemingly stuck on the login form.
c.JupyterHub.tornado_settings = {"slow_spawn_timeout": 0}

# -- One JupyterLab server per learner -------------------------------------------------------------
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(HOMES / "{username}")
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 90
c.Spawner.args = [
    # The same JupyterLab as outils/atelier.sh: French settings and the course's extension (its stylesheet, phone
    # layout, nbgrader in French), from one function.
    *options_jupyterlab(),
    # A kernel left idle for an hour is stopped: its memory goes back to the others.
    "--MappingKernelManager.cull_idle_timeout=3600",
    "--MappingKernelManager.cull_interval=300",
]
if os.geteuid() == 0:  # a container or a test machine: Jupyter refuses root without this flag
    c.Spawner.args.append("--allow-root")

_COPIE_IGNOREE = shutil.ignore_patterns("reponses-*.json", ".ipynb_checkpoints", "__pycache__")


def preparer_dossier(spawner):
    """Before each start: the learner's home gets the workshop notebooks, the trainer a copy of the course."""
    home = Path(spawner.home_dir)
    carnets = home / "carnets"
    carnets.mkdir(parents=True, exist_ok=True)
    for carnet in sorted((RACINE / "notebooks").glob("*.ipynb")):
        if not (carnets / carnet.name).exists():  # never overwrite a learner's work
            shutil.copy2(carnet, carnets / carnet.name)

    env = {
        "NBGRADER_ECHANGE": str(ECHANGE),
        "DEM_HUB_FORMATEUR": FORMATEUR,
        "DEM_HUB_COMPTE_UNIQUE": "1",  # nbgrader: no « cheating attempt? » for the one shared account
        # The course's commands (python, nbgrader, alembic for the gradebook, python -m donnees_en_main) first,
        # in the server, its notebooks and its terminals, however the hub was started.
        "PATH": os.pathsep.join([str(BIN), os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin")]),
    }
    if spawner.user.name == FORMATEUR:
        cours = home / "cours"
        if not cours.exists():
            cours.mkdir()
            shutil.copy2(RACINE / "exercises" / "nbgrader_config.py", cours)
            for dossier in ("source", "modeles"):
                shutil.copytree(RACINE / "exercises" / dossier, cours / dossier, ignore=_COPIE_IGNOREE)
        env["DEM_COURS"] = str(cours)
        role = "formateur"
        spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
    else:
        role = "apprenant"
        (home / DOSSIER_DES_DEVOIRS).mkdir(exist_ok=True)  # seen at once beside carnets/; filled by « Fetch »
        spawner.cmd = cloison(home) + [str(BIN / "jupyterhub-singleuser")]
    # commun/: the formgrader may be shown inside JupyterLab (framed by its own origin only: JupyterHub's
    # default forbids any frame), and terminals keep the PATH above (a login shell would reset it).
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join([str(ICI / role), str(ICI / "commun")])
    spawner.environment.update(env)


c.Spawner.pre_spawn_hook = preparer_dossier


# -- A wall between people ----------------------------------------------------------------------------
# Every server runs under the hub's one system account, so file permissions separate nobody. Each learner's
# server (its kernels and terminals with it) runs in a bubblewrap sandbox, like the grading command's kernels
# (donnees_en_main/correction/bac_a_sable.py, whose list of folders to read is reused): it sees the system
# read-only, Python and the course package and data read-only, its own folder and the exchange read-write,
# a private /tmp, its own processes only. Not the other learners' folders, not the trainer's (course copy
# with solutions, gradebook), not the course folder's exercises/, not the hub's database. The network is
# shared (the hub and the proxy must reach the server). The trainer's server is not confined.
BWRAP = shutil.which("bwrap")


def _bwrap_marche() -> bool:
    if not BWRAP:
        return False
    essai = [BWRAP, "--ro-bind", "/", "/", "--unshare-pid", "--proc", "/proc", "--dev", "/dev", "--die-with-parent", "true"]
    try:
        return subprocess.run(essai, capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


CLOISON = _bwrap_marche()
if not CLOISON:
    print("\nAttention (JupyterHub « Données en main ») : bubblewrap (bwrap) est absent ou ne fonctionne pas ici ; "
          "les participants pourront lire les dossiers des autres et celui de l'animateur. Installez-le "
          "(Debian/Ubuntu : sudo apt install bubblewrap) puis relancez le hub.\n", file=sys.stderr)


def cloison(home: Path) -> list[str]:
    """The bwrap command prefix confining one learner's server to `home` (plus what every server must see)."""
    if not CLOISON:
        return []
    args = [BWRAP, "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-ipc"]
    for nom in _SYSTEME:
        source = Path("/") / nom
        if source.is_symlink():
            args += ["--symlink", os.readlink(source), str(source)]
        elif source.is_dir():
            args += ["--ro-bind", str(source), str(source)]
    # The private /tmp first: folders bound next stay visible when they live under /tmp.
    args += ["--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--tmpfs", "/tmp"]
    masques = [RACINE / "exercises", DONNEES]
    lectures = chemins_en_lecture(masques) + [ICI / "apprenant", ICI / "commun", *DOSSIERS_JUPYTERLAB]
    for chemin in lectures:
        args += _dossiers_parents(chemin) + ["--ro-bind", str(chemin), str(chemin)]
    for masque in masques:
        if any(p in masque.parents for p in lectures):  # e.g. a course folder read as a whole
            args += ["--tmpfs", str(masque)]
    for ecrit in (home, ECHANGE):
        args += _dossiers_parents(ecrit) + ["--bind", str(ecrit), str(ecrit)]
    return args + ["--chdir", str(home), "--"]
