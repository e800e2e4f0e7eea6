"""The sandbox a learner's kernel runs in at autograde, and what it does when a mechanism is missing.

nbgrader runs the hidden tests in the learner's own kernel and offers no isolation (nbgrader FAQ,
jupyter/nbgrader#483). Here only the *kernel* is confined; nbgrader itself (trusted code, which
holds the gradebook) stays outside and talks to the kernel through Unix sockets (ZeroMQ ``ipc``
transport), which cross network namespaces but need no network at all.

Layers, each used when this machine has it (``diagnostic()`` says which):

1. ``bwrap`` (Debian package bubblewrap): new mount, network, PID, IPC and UTS namespaces. The
   kernel sees an empty root where only the system (``/usr``, ``/etc``…), the Python installation,
   the course package and its data are mounted read-only, plus, writable, the folder of the one
   submission being graded, its own folder for the kernel's sockets (fresh for each submission,
   removed after it) and, private to the one kernel, ``/tmp`` and ``/dev/shm`` (small tmpfs:
   what a kernel writes there counts in no other copy, and vanishes with it). No other submission, no
   gradebook, no source solutions, no trainer home. The network namespace has only its own
   loopback: nothing leaves, nothing on the host's 127.0.0.1 is reachable. When the sandbox ends,
   every process left in it (forks, daemons) is killed with it (PID namespace).
   Without bwrap, ``unshare --net`` (util-linux) still cuts the network, but files are NOT hidden.
2. Running as root: the kernel drops to an unprivileged uid of its own (``setpriv``, util-linux),
   one per worker, so it owns nothing outside its folder and RLIMIT_NPROC really applies (root
   ignores it). Not root: bwrap's user namespace keeps the trainer's uid, without privileges.
3. Resource limits (``resource.setrlimit`` in a tiny launcher, before the kernel starts):
   address space, processes, file size, CPU seconds, open files. Plus, in nbgrader's process
   (``execution.py``): a time limit per cell and per notebook, and a cap on the output size of the
   copy (every output path: streams, displays and their updates, metadata, errors); and, in the
   batch (``lot.py``), a cap on the number and size of the files a copy leaves in its folder.
   Files in memory: ``memfd_create`` is refused to the kernel (EPERM) by a tiny seccomp filter
   (``filtre_memfd``: classic BPF built with ``struct``, no dependency), installed before the kernel
   starts and kept by every process it forks; without it, memfd files escape RLIMIT_AS (each at most
   the file size limit, as many as open files allow) and no cgroup bounds their total here. The
   filter knows the numbers of x86_64 (and x32, i386) and aarch64 (and arm); on another
   architecture memfd is allowed and ``Diagnostic.resume`` says so.
4. A clean environment: the kernel gets a short allow-list of variables, never the trainer's
   (tokens and passwords in the environment would otherwise be printable into the feedback).
"""

from __future__ import annotations

import functools
import json
import os
import platform
import struct
import shutil
import subprocess
import sys
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path

MO = 1024 * 1024

# Sandboxed kernels get uids from here when grading as root: one per (batch, worker), far from real
# users; two batches running at once (two trainers, two test files) never share a uid, so never
# share a process count (RLIMIT_NPROC counts the processes of a uid).
UID_BASE = 1_500_000
TRAVAILLEURS_MAX = 64


class AvertissementIsolement(UserWarning):
    """A sandbox mechanism is missing on this machine (message in French says what is not isolated)."""


@dataclass(frozen=True)
class Limites:
    """Limits for one learner's kernel. Times in seconds, sizes in bytes."""

    delai_cellule: int = 60  # wall-clock time for one cell (nbgrader's Execute.timeout)
    delai_carnet: int = 300  # wall-clock time for the whole notebook; also its CPU seconds (RLIMIT_CPU)
    memoire: int = 2048 * MO  # address space of each kernel process (RLIMIT_AS)
    processus: int = 64  # processes and threads of the kernel's uid (RLIMIT_NPROC)
    taille_fichier: int = 50 * MO  # largest file the kernel may write (RLIMIT_FSIZE)
    fichiers_ouverts: int = 256  # RLIMIT_NOFILE
    sortie: int = 2 * MO  # outputs kept per copy (every output path); beyond, dropped and the kernel interrupted
    tmp: int = 64 * MO  # size of the kernel's private /tmp
    shm: int = 64 * MO  # size of the kernel's private /dev/shm (shared memory, multiprocessing)
    fichiers_rendus: int = 200  # files of a graded copy kept in autograded/ (and so in feedback/)
    taille_rendue: int = 20 * MO  # their total size; the notebooks and answers files are always kept

    def en_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def depuis_json(cls, texte: str) -> "Limites":
        return cls(**json.loads(texte))


# -- memfd refused by seccomp ---------------------------------------------------------------------------

# audit architecture (seccomp_data.arch) -> syscall number(s) of memfd_create on it
_MEMFD = {
    0xC000003E: (319, 0x40000000 | 319),  # x86_64, and its x32 ABI
    0x40000003: (356,),  # i386 (int 0x80 works from a 64-bit process)
    0xC00000B7: (279,),  # aarch64
    0x40000028: (385,),  # arm (32-bit compat on aarch64)
}
_MACHINES_CONNUES = ("x86_64", "amd64", "aarch64", "arm64")
_BPF_LD_W_ABS, _BPF_JEQ_K, _BPF_RET_K = 0x20, 0x15, 0x06
_SECCOMP_AUTORISER, _SECCOMP_EPERM = 0x7FFF0000, 0x00050000 | 1  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO | EPERM


@functools.lru_cache(maxsize=1)
def filtre_memfd() -> bytes | None:
    """A seccomp program (array of ``struct sock_filter``) making ``memfd_create`` fail with EPERM and
    allowing everything else; None on a machine whose architecture it does not know."""
    if platform.machine().lower() not in _MACHINES_CONNUES:
        return None
    prog: list[tuple] = [(_BPF_LD_W_ABS, 0, 0, 4)]  # seccomp_data.arch
    archs = list(_MEMFD)
    prog += [(_BPF_JEQ_K, ("arch", i), 0, arch) for i, arch in enumerate(archs)]
    prog.append((_BPF_RET_K, 0, 0, _SECCOMP_AUTORISER))  # an architecture not listed: allowed
    etiquettes: dict = {}
    for i, arch in enumerate(archs):
        etiquettes[("arch", i)] = len(prog)
        prog.append((_BPF_LD_W_ABS, 0, 0, 0))  # seccomp_data.nr
        numeros = _MEMFD[arch]
        for j, numero in enumerate(numeros):
            prog.append((_BPF_JEQ_K, "refuser", "autoriser" if j == len(numeros) - 1 else 0, numero))
    etiquettes["autoriser"] = len(prog)
    prog.append((_BPF_RET_K, 0, 0, _SECCOMP_AUTORISER))
    etiquettes["refuser"] = len(prog)
    prog.append((_BPF_RET_K, 0, 0, _SECCOMP_EPERM))
    octets = b""
    for position, (code, vrai, faux, k) in enumerate(prog):
        saut = lambda e: 0 if e == 0 else etiquettes[e] - position - 1  # noqa: E731 - relative jumps
        octets += struct.pack("=HBBI", code, saut(vrai), saut(faux), k)
    return octets


# Python source, pasted into the tiny launcher and the warm kernels' zygote (both dependency-free):
# installs a filter given in hex (no_new_privs first, as seccomp requires without CAP_SYS_ADMIN).
INSTALLER_FILTRE = r"""
def installer_filtre(hexa):
    import ctypes, os
    filtre = bytes.fromhex(hexa)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    class Programme(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_char_p)]
    programme = Programme(len(filtre) // 8, filtre)
    if libc.prctl(38, 1, 0, 0, 0) != 0 or libc.prctl(22, 2, ctypes.addressof(programme), 0, 0) != 0:
        e = ctypes.get_errno()
        raise OSError(e, "filtre seccomp (memfd) non installé : " + os.strerror(e))
"""


@dataclass
class Diagnostic:
    """What this machine offers (``disponible``) and the French warnings for what it does not."""

    bwrap: str | None = None  # path of a working bwrap
    unshare: str | None = None  # path of a working `unshare --net`
    setpriv: str | None = None  # path of setpriv, used when root
    root: bool = False
    manques: list[str] = field(default_factory=list)

    @property
    def reseau_coupe(self) -> bool:
        return bool(self.bwrap or self.unshare)

    @property
    def fichiers_caches(self) -> bool:
        return bool(self.bwrap)

    @property
    def utilisateur_dedie(self) -> bool:
        return self.root and bool(self.setpriv)

    def resume(self, limites: Limites | None = None) -> str:
        lim = limites or Limites()
        oui = lambda b: "oui" if b else "NON"  # noqa: E731
        mo = lambda n: f"{n / MO:.3g}".replace(".", ",") + " Mo"  # noqa: E731
        memfd = lim.fichiers_ouverts * lim.taille_fichier / (1024 * MO)
        lignes = [
            f"- réseau coupé pour le code des élèves : {oui(self.reseau_coupe)}"
            + (" (bwrap)" if self.bwrap else " (unshare --net)" if self.unshare else ""),
            f"- autres copies, carnet de notes et solutions cachés : {oui(self.fichiers_caches)}",
            f"- noyau exécuté sous un utilisateur sans droits : {oui(self.utilisateur_dedie)}"
            + ("" if self.root else " (isolé par l'espace de noms utilisateur de bwrap)" if self.bwrap else ""),
            "- limites de mémoire, de processus, de temps et de taille de fichier : oui",
            ("- mémoire partagée : /dev/shm privée de " + mo(lim.shm) + " pour chaque copie" if self.bwrap else
             "- mémoire partagée : NON bornée (sans bwrap, /dev/shm est celui de la machine)"),
            ("- fichiers en mémoire (memfd) : refusés au code des élèves (filtre seccomp), la limite de "
             "mémoire compte donc tout" if filtre_memfd() is not None else
             f"- fichiers en mémoire (memfd) : NON borné au total (architecture {platform.machine()} inconnue "
             "du filtre seccomp, pas de cgroup) ; chacun au plus " + mo(lim.taille_fichier)
             + f", {lim.fichiers_ouverts} ouverts à la fois, soit jusqu'à " + f"{memfd:.3g}".replace(".", ",")
             + " Go en plus de la limite de mémoire"),
            f"- fichiers gardés d'une copie corrigée : au plus {lim.fichiers_rendus} et " + mo(lim.taille_rendue)
            + " (carnets et réponses toujours gardés)",
        ]
        return "\n".join(lignes)


def _essayer(commande: list[str]) -> bool:
    try:
        return subprocess.run(commande, capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@functools.lru_cache(maxsize=1)
def diagnostic() -> Diagnostic:
    """Check, by really trying them, which isolation mechanisms work here (cached)."""
    d = Diagnostic(root=os.geteuid() == 0)
    bwrap = shutil.which("bwrap")
    if bwrap and _essayer([bwrap, "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid",
                           "--proc", "/proc", "--dev", "/dev", "--die-with-parent", "true"]):
        d.bwrap = bwrap
    unshare = shutil.which("unshare")
    if unshare and not d.bwrap:
        commande = [unshare, "--net"] + ([] if d.root else ["--map-root-user"]) + ["true"]
        if _essayer(commande):
            d.unshare = unshare
    setpriv = shutil.which("setpriv")
    if d.root and setpriv:
        d.setpriv = setpriv
    if not d.bwrap:
        d.manques.append(
            "bubblewrap (bwrap) est absent ou ne fonctionne pas ici : le code des élèves n'est PAS "
            "enfermé dans son dossier. Il peut LIRE les copies des autres élèves, le carnet de notes "
            "(gradebook.db) et les solutions (source/) si les droits des fichiers le permettent. "
            "Installez-le : sudo apt install bubblewrap."
        )
    if not d.reseau_coupe:
        d.manques.append(
            "Ni bwrap ni « unshare --net » ne fonctionnent ici : le code des élèves a accès au RÉSEAU "
            "(il peut ouvrir des connexions, y compris vers 127.0.0.1)."
        )
    if d.root and not d.setpriv:
        d.manques.append(
            "setpriv (util-linux) est introuvable : le noyau des élèves tourne en root, la limite du "
            "nombre de processus ne s'applique pas (root l'ignore)."
        )
    if not d.root and not d.bwrap:
        d.manques.append(
            "La correction ne tourne pas en root et sans bwrap : le noyau des élèves a vos droits sur "
            "vos fichiers (il peut écrire ailleurs que dans son dossier)."
        )
    return d


def avertir_si_incomplet(d: Diagnostic | None = None) -> list[str]:
    """Emit one French warning per missing mechanism; return the messages."""
    d = d or diagnostic()
    for message in d.manques:
        warnings.warn("Isolement incomplet — " + message, AvertissementIsolement, stacklevel=2)
    return list(d.manques)


# -- what the kernel needs to see --------------------------------------------------------------

_SYSTEME = ("usr", "etc", "bin", "sbin", "lib", "lib32", "lib64", "libx32")
_ENV_GARDEES = ("LANG", "LANGUAGE", "TZ", "NBGRADER_EXECUTION", "DONNEES_EN_MAIN_DATASETS")


@functools.lru_cache(maxsize=1)
def _chemins_python() -> tuple[str, ...]:
    """sys.path as the kernel's Python sees it: no PYTHONPATH, no current folder (``-I``).

    Not this process's sys.path: ``python -m`` puts the current folder first, and a worker's current
    folder is its course copy (gradebook copy, solutions, other copies)."""
    r = subprocess.run([sys.executable, "-I", "-c", "import json, sys; print(json.dumps(sys.path))"],
                       capture_output=True, text=True, timeout=60, check=True)
    return tuple(json.loads(r.stdout))


def chemins_en_lecture(masques=()) -> list[Path]:
    """Folders the kernel reads (read-only): Python, its packages, the course package and its data.

    Nothing inside a masked folder (the course, the workers' copies) is ever among them.
    """
    chemins: set[Path] = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.executable).parent}
    chemins.update(Path(p) for p in _chemins_python() if p)
    import importlib.util

    spec = importlib.util.find_spec("donnees_en_main")
    if spec is not None:
        for lieu in spec.submodule_search_locations or []:
            chemins.add(Path(lieu))
    from ..reglages import dossier_donnees

    chemins.add(dossier_donnees())
    caches = [Path(m).resolve() for m in masques]
    reels = set()
    for chemin in chemins:
        if chemin.is_dir():
            for c in {chemin.resolve(), chemin.absolute()}:
                if not any(c == m or m in c.parents for m in caches):
                    reels.add(c)
    # keep only the outermost folders (a bind mount covers its subfolders), never "/" itself
    gardes: list[Path] = []
    for c in sorted(reels - {Path("/")}, key=lambda c: len(c.parts)):
        if not any(g in c.parents for g in gardes):
            gardes.append(c)
    return sorted(gardes)


def environnement_noyau(dossier_execution: Path, tmp: str = "/tmp") -> dict[str, str]:
    """The kernel's whole environment: an allow-list, nothing of the trainer's secrets.

    `tmp` is the kernel's own temporary folder: the sandbox's private ``/tmp``, or without bwrap a
    folder inside this submission's runtime folder (never one shared with another copy)."""
    env = {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": tmp,
        "TMPDIR": tmp,
        "MPLCONFIGDIR": f"{tmp}/matplotlib",
        "IPYTHONDIR": f"{tmp}/.ipython",
        "JUPYTER_RUNTIME_DIR": str(dossier_execution),
        "PYTHONNOUSERSITE": "1",
        # never the submission's folder (the kernel's working directory) on sys.path: a learner's
        # `donnees_en_main/` or `sitecustomize.py` next to the notebook must not shadow the course
        "PYTHONSAFEPATH": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        # one thread per math library: threads count in RLIMIT_NPROC and in the address space
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "NUMEXPR_NUM_THREADS": "1",
        "LANG": "C.UTF-8",
    }
    for nom, valeur in os.environ.items():
        if nom in _ENV_GARDEES or nom.startswith("LC_"):
            env[nom] = valeur
    return env


# Runs inside the sandbox, as the kernel's user, with `python -I -S`: set the limits, then become
# the kernel. Kept tiny and dependency-free (it starts before the kernel, for every submission).
LANCEUR = INSTALLER_FILTRE + r"""
import os, resource, sys
limites = dict(zip(("AS", "NPROC", "FSIZE", "CPU", "NOFILE"), map(int, sys.argv[1].split(","))))
for nom, valeur in limites.items():
    code = getattr(resource, "RLIMIT_" + nom)
    try:
        resource.setrlimit(code, (valeur, valeur))
    except (ValueError, OSError) as e:
        sys.stderr.write("limite %s non appliquée : %s\n" % (nom, e))
os.umask(0o022)
if sys.argv[2] != "-":
    installer_filtre(sys.argv[2])  # fails closed: no kernel without the filter the grader asked for
os.execv(sys.argv[3], sys.argv[3:])
"""


def _dossiers_parents(chemin: Path) -> list[str]:
    """bwrap arguments creating `chemin`'s missing parents readable by all (bwrap makes them 0700)."""
    args: list[str] = []
    for parent in reversed(Path(chemin).parents):
        if parent == Path("/") or (parent.parent == Path("/") and parent.name in _SYSTEME + ("tmp",)):
            continue
        args += ["--perms", "0755", "--dir", str(parent)]
    return args


@dataclass
class BacASable:
    """Builds the command that starts one learner's kernel in the sandbox.

    `numero` tells workers apart and `lot` batches apart (the parent's pid): each (batch, worker)
    gets its own uid when grading as root. `masques` are paths
    that must stay invisible even if they sit inside a folder the kernel reads (the course folder).
    """

    limites: Limites = field(default_factory=Limites)
    numero: int = 0
    lot: int = 0
    masques: list[Path] = field(default_factory=list)
    racine: Path | None = None  # the worker's course copy (without bwrap, its folders must be traversable)
    diag: Diagnostic = field(default_factory=diagnostic)

    @property
    def uid(self) -> int | None:
        if not self.diag.utilisateur_dedie:
            return None
        return UID_BASE + self.lot * TRAVAILLEURS_MAX + self.numero % TRAVAILLEURS_MAX

    def limites_rlimit(self) -> str:
        lim = self.limites
        # CPU seconds: the notebook's wall-clock budget plus a margin (the kernel also starts up)
        return ",".join(map(str, (lim.memoire, lim.processus, lim.taille_fichier, lim.delai_carnet + 30,
                                  lim.fichiers_ouverts)))

    def filtre_hex(self) -> str:
        """The seccomp filter refusing memfd (hex), "-" when this machine's architecture is unknown to it."""
        filtre = filtre_memfd()
        return filtre.hex() if filtre is not None else "-"

    def tmp(self, dossier_execution: Path) -> Path:
        """The kernel's temporary folder, as the kernel sees it."""
        return Path("/tmp") if self.diag.bwrap else Path(dossier_execution) / "tmp"

    def preparer(self, dossier: Path, dossier_execution: Path) -> None:
        """Give the kernel's user the submission folder and the sockets folder (before it starts)."""
        if not self.diag.bwrap:  # no private /tmp: a temporary folder of this submission's own
            self.tmp(dossier_execution).mkdir(mode=0o700, exist_ok=True)
        if self.uid is None:
            return
        if self.racine is not None and not self.diag.bwrap:
            # no mount namespace: the kernel reaches its folder through the real path
            for ecrit in (dossier, dossier_execution):
                for parent in Path(ecrit).parents:
                    if parent == self.racine or self.racine in parent.parents:
                        os.chmod(parent, os.stat(parent).st_mode | 0o111)
        for racine in (dossier, dossier_execution):
            os.chown(racine, self.uid, self.uid)
            for parent, dossiers, fichiers in os.walk(racine):
                for nom in dossiers + fichiers:
                    chemin = os.path.join(parent, nom)
                    if not os.path.islink(chemin):
                        os.chown(chemin, self.uid, self.uid)

    def envelopper(self, commande: list[str], dossier: Path, dossier_execution: Path) -> list[str]:
        """`commande` (the kernel's argv) wrapped in the sandbox, for a kernel working in `dossier`."""
        dossier = Path(dossier).resolve()
        lanceur = [sys.executable, "-I", "-S", "-c", LANCEUR, self.limites_rlimit(), self.filtre_hex(), *commande]
        env = environnement_noyau(dossier_execution, str(self.tmp(dossier_execution)))
        prefixe: list[str] = []
        if self.diag.bwrap:
            prefixe = self._bwrap(env, [dossier, Path(dossier_execution).resolve()])
            prefixe += ["--chdir", str(dossier), "--"]
        else:
            prefixe = ["env", "-i", *(f"{k}={v}" for k, v in env.items())]
            if self.diag.unshare:
                reseau = [self.diag.unshare, "--net", "--pid", "--fork", "--kill-child"]
                if not self.diag.root:
                    reseau.append("--map-root-user")
                prefixe = reseau + ["--"] + prefixe
        if self.uid is not None:
            prefixe += [self.diag.setpriv, f"--reuid={self.uid}", f"--regid={self.uid}", "--clear-groups",
                        "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"]
        return prefixe + lanceur

    def _bwrap(self, env: dict[str, str], ecrits: list[Path], options: tuple[str, ...] = ()) -> list[str]:
        """bwrap's arguments: the read-only system, Python and course package, private /tmp and
        /dev/shm, the masked folders hidden, `ecrits` writable (the working directory is set by the caller)."""
        prefixe = [self.diag.bwrap, *options, "--die-with-parent", "--unshare-net", "--unshare-pid",
                   "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--hostname", "correction",
                   "--clearenv"]
        for nom, valeur in env.items():
            prefixe += ["--setenv", nom, valeur]
        for nom in _SYSTEME:
            source = Path("/") / nom
            if source.is_symlink():
                prefixe += ["--symlink", os.readlink(source), str(source)]
            elif source.is_dir():
                prefixe += ["--ro-bind", str(source), str(source)]
        # The private /tmp first: the read-only folders bound next stay visible even when they
        # live under /tmp (a course cloned into /tmp, as CI does).
        prefixe += ["--proc", "/proc", "--dev", "/dev",
                    "--perms", "1777", "--size", str(self.limites.shm), "--tmpfs", "/dev/shm",
                    "--perms", "1777", "--size", str(self.limites.tmp), "--tmpfs", "/tmp"]
        lectures = chemins_en_lecture(self.masques)
        for chemin in lectures:
            prefixe += _dossiers_parents(chemin) + ["--ro-bind", str(chemin), str(chemin)]
        for masque in self.masques:
            masque = Path(masque).resolve()
            if any(p in masque.parents for p in lectures):  # a masked folder inside a read-only one
                prefixe += ["--tmpfs", str(masque)]
        for ecrit in ecrits:
            prefixe += _dossiers_parents(ecrit) + ["--bind", str(ecrit), str(ecrit)]
        return prefixe

    def envelopper_zygote(self, commande: list[str], zones: list[Path]) -> list[str]:
        """`commande` (the warm kernels' zygote, ``noyaux_chauds``) in the same sandbox as a kernel, with the
        worker's `zones` writable and the capabilities it needs to give each kernel namespaces of its own
        (it drops them in each kernel, and never runs a learner's code itself)."""
        env = environnement_noyau(Path(zones[-1]), "/tmp")
        options = ("--cap-add", "ALL") if self.diag.root else ("--unshare-user", "--cap-add", "ALL")
        return self._bwrap(env, [Path(z).resolve() for z in zones], options) + ["--"] + commande


def _rendre_traversable(racine: Path) -> None:
    """Give back to the owner (this process) the folders a kernel made unreadable (``chmod 0``)."""
    try:
        os.chmod(racine, 0o700)
    except OSError:
        pass
    for parent, dossiers, _fichiers in os.walk(racine, topdown=True, followlinks=False):
        for nom in dossiers:  # before os.walk goes down into it
            chemin = os.path.join(parent, nom)
            if not os.path.islink(chemin):
                try:
                    os.chmod(chemin, 0o700)
                except OSError:
                    pass


def effacer_dossier(chemin: Path | str) -> None:
    """Remove a folder a learner's kernel wrote in, even one it locked or emptied; never raises.

    As root, permissions never stop ``rmtree``; as an ordinary user, a folder the kernel (same uid
    under bwrap) set to ``chmod 0`` would: it is first made traversable again.
    """
    chemin = Path(chemin)
    for _essai in range(3):
        if not os.path.lexists(chemin):
            return
        if chemin.is_symlink() or not chemin.is_dir():
            try:
                chemin.unlink()
            except OSError:
                pass
            continue
        try:
            shutil.rmtree(chemin)
            return
        except FileNotFoundError:
            continue
        except OSError:
            _rendre_traversable(chemin)
    shutil.rmtree(chemin, ignore_errors=True)
