"""Warm kernels: one sandboxed « zygote » per grading worker, pandas and ipykernel already imported,
forked once per submission into a sandbox of its own.

Why: a learner's kernel spends most of its life starting (Python, ipykernel, pandas, matplotlib,
ipywidgets: about 1.5 core-seconds, more than the notebook itself). The zygote pays that once per
worker; each submission's kernel is a fresh fork of it (copy-on-write: nothing a kernel changes is
seen by the zygote or by the next kernel).

Isolation kept, per submission, as the cold path (``bac_a_sable``) gives it:

- the zygote starts in bwrap exactly as a cold kernel would (same read-only system, Python and
  course package, same masked folders, no network), but it never runs a learner's code;
- for each submission the zygote forks a child which takes new mount, PID, network and IPC
  namespaces, mounts a private ``/tmp`` and ``/dev/shm`` (small tmpfs), hides every folder of the
  worker except this submission's folder and its sockets folder, then forks the namespace's init
  which mounts its own ``/proc``, drops every capability (and, as root, becomes the worker's
  unprivileged uid) and forks the kernel; the kernel sets the same rlimits and seccomp filter (no
  memfd) as a cold kernel, closes every inherited file descriptor and reseeds the random generators;
- the kernel cannot see the zygote (another PID namespace), its socket (not mounted, not inherited)
  nor another submission (not mounted); when the kernel ends or the grader kills it, the whole
  namespace dies with every process left in it, and its ``/tmp`` and ``/dev/shm`` with it.

The grader talks to a warm kernel as to a cold one: jupyter_client starts a tiny client process
(``CLIENT``) which asks the zygote for a kernel and lives as long as it; killing the client (what
the grader does on a timeout) makes the zygote's child kill the kernel's namespace.

ON by default since the isolation, hostile, verdicts, names and grading tests pass with it (and
without it: ``DEM_NOYAUX_CHAUDS=0`` in the grader's environment turns it off; the tests follow the
same variable). tests/test_correction_isolation.py checks that a copy patching pandas, builtins or a
course module, or leaving files, environment, descriptors or processes, changes nothing for the copies
graded after it by the same worker. When the zygote cannot start here (no bwrap, a check fails),
kernels start cold, as before.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

from .bac_a_sable import INSTALLER_FILTRE, BacASable, chemins_en_lecture

# Imported by the zygote before it forks: heavy third-party modules only (a course module could
# remember the folder it was imported from; the kernel imports those itself, cheaply).
PRECHARGEMENTS = (
    "ipykernel.kernelapp", "ipykernel.ipkernel", "IPython", "zmq", "tornado", "numpy", "pandas",
    "matplotlib", "matplotlib.pyplot", "matplotlib_inline.backend_inline", "ipywidgets",
)

# Runs in the sandbox (bwrap), never reached by learners' code. Dependency-free but for the
# modules it preloads. Protocol on its listening socket (inherited, fd given in argv): one JSON
# line per connection; {"ping": true} gets "pret"; a kernel request gets the kernel's exit code
# when it ends. A connection closed by the client kills the kernel's namespace.
ZYGOTE = INSTALLER_FILTRE + r"""
import ctypes, errno, json, os, random, select, signal, socket, sys, traceback

config = json.loads(sys.argv[1])
ecoute = socket.socket(fileno=int(sys.argv[2]))
libc = ctypes.CDLL(None, use_errno=True)
libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
libc.unshare.argtypes = [ctypes.c_int]
libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
NS, PID, NET, IPC, UTS = 0x00020000, 0x20000000, 0x40000000, 0x08000000, 0x04000000
RDONLY, NOSUID, NODEV, NOEXEC, REMOUNT, BIND, REC, PRIVE = 1, 2, 4, 8, 32, 4096, 16384, 1 << 18


def ok(r, quoi):
    if r != 0:
        e = ctypes.get_errno()
        raise OSError(e, "%s : %s" % (quoi, os.strerror(e)))


def monter(source, cible, sorte, drapeaux, donnees=None):
    enc = lambda s: None if s is None else s.encode()
    ok(libc.mount(enc(source), enc(cible), enc(sorte), drapeaux, enc(donnees)), "mount " + cible)


def sans_privileges(uid):
    # capabilities: bounding set, ambient, then the process's own (by leaving root, or capset)
    for cap in range(64):
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            if ctypes.get_errno() == errno.EINVAL:
                break
            ok(-1, "capbset")
    libc.prctl(47, 4, 0, 0, 0)  # PR_CAP_AMBIENT_CLEAR_ALL
    if uid is not None:
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
    else:
        class Entete(ctypes.Structure):
            _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]
        donnees = (ctypes.c_uint32 * 6)()
        ok(libc.capset(ctypes.byref(Entete(0x20080522, 0)), donnees), "capset")
    ok(libc.prctl(38, 1, 0, 0, 0), "no_new_privs")
    with open("/proc/self/status") as f:
        effectives = [l for l in f if l.startswith(("CapEff", "CapPrm", "CapBnd"))]
    if any(int(l.split()[1], 16) for l in effectives) or (uid is not None and os.geteuid() != uid):
        raise OSError("privilèges non abandonnés : " + " ".join(effectives))


def noyau(demande):
    lim = dict(zip(("AS", "NPROC", "FSIZE", "CPU", "NOFILE"), map(int, config["limites"].split(","))))
    import resource
    for nom, valeur in lim.items():
        resource.setrlimit(getattr(resource, "RLIMIT_" + nom), (valeur, valeur))
    os.umask(0o022)
    os.chdir(demande["dossier"])
    os.environ["JUPYTER_RUNTIME_DIR"] = demande["execution"]
    os.closerange(3, 1 << 16)
    if config["seccomp"] != "-":
        installer_filtre(config["seccomp"])  # memfd refused, as in a cold kernel
    random.seed()
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()
    from ipykernel import kernelapp
    sys.argv = ["ipykernel_launcher"] + demande["argv"]
    kernelapp.launch_new_instance(demande["argv"])


def init(conn, demande):
    monter("proc", "/proc", "proc", NOSUID | NODEV | NOEXEC)
    conn.close()
    sans_privileges(config["uid"])
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            noyau(demande)
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        except BaseException:
            traceback.print_exc()
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    while True:
        try:
            fini, statut = os.waitpid(-1, 0)
        except ChildProcessError:
            os._exit(1)
        if fini == pid:
            os._exit(os.waitstatus_to_exitcode(statut) % 256)


def copie(conn):
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    ecoute.close()
    fichier = conn.makefile("r", encoding="utf-8")
    demande = json.loads(fichier.readline())
    if demande.get("ping"):
        conn.sendall(b"pret\n")
        return
    chemins = {}
    for cle in ("dossier", "execution"):
        chemin = os.path.realpath(demande[cle])
        zone = next((z for z in config["zones"] if chemin.startswith(z + "/")), None)
        if zone is None:
            raise OSError("dossier hors des zones du correcteur : " + chemin)
        chemins[cle] = (zone, chemin)
    # the worker's umask (077) would make the folders created below unreachable to the kernel's uid
    os.umask(0o022)
    ok(libc.unshare(NS | PID | NET | IPC | UTS), "unshare")
    monter(None, "/", None, REC | PRIVE)
    # opened in the new mount namespace (a bind mount's source must be one of its mounts)
    ouvrir = lambda c: os.open(c, os.O_PATH | os.O_DIRECTORY | os.O_NOFOLLOW)
    fds = {cle: ouvrir(c) for cle, (_z, c) in chemins.items()}
    # read-only folders living under /tmp (a course cloned there): bound again over the fresh /tmp
    lectures = {c: ouvrir(c) for c in config["lectures_tmp"]}
    for lieu, taille in (("/tmp", config["tmp"]), ("/dev/shm", config["shm"])):
        monter("tmpfs", lieu, "tmpfs", NOSUID | NODEV, "size=%d,mode=1777" % taille)
    for chemin, fd in sorted(lectures.items()):
        os.makedirs(chemin, 0o755, exist_ok=True)
        monter("/proc/self/fd/%d" % fd, chemin, None, BIND | REC)
        monter(None, chemin, None, REMOUNT | BIND | RDONLY | NOSUID | NODEV)
        os.close(fd)
    # every zone (the worker's folders) hidden under an empty tmpfs (or gone with the old /tmp),
    # but this submission's folder and its sockets folder
    caches = []
    for zone in sorted(config["zones"], key=len):
        if os.path.isdir(zone):
            monter("tmpfs", zone, "tmpfs", NOSUID | NODEV, "size=65536,mode=0755")
            caches.append(zone)
    for cle, (zone, chemin) in chemins.items():
        os.makedirs(chemin, 0o755, exist_ok=True)
        monter("/proc/self/fd/%d" % fds[cle], chemin, None, BIND | REC)
        os.close(fds[cle])
    for zone in caches:
        monter(None, zone, None, REMOUNT | BIND | RDONLY | NOSUID | NODEV)
    pid = os.fork()
    if pid == 0:
        try:
            init(conn, demande)
        except BaseException:
            traceback.print_exc()
        os._exit(70)
    fin = select.poll()
    fin.register(conn, select.POLLIN | select.POLLHUP)
    while True:
        fini, statut = os.waitpid(pid, os.WNOHANG)
        if fini == pid:
            try:
                conn.sendall(b"%d\n" % os.waitstatus_to_exitcode(statut))
            except OSError:
                pass
            return
        if fin.poll(200):
            try:
                donnees = conn.recv(64)
            except OSError:
                donnees = b""
            if not donnees:  # the client is gone (killed by the grader): the namespace goes with it
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return


os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
for module in config["prechargements"]:
    try:
        __import__(module)
    except Exception as e:
        sys.stderr.write("préchargement de %s impossible : %s\n" % (module, e))
signal.signal(signal.SIGCHLD, signal.SIG_IGN)
while True:
    conn, _adresse = ecoute.accept()
    try:
        pid = os.fork()
    except OSError:
        conn.close()
        continue
    if pid == 0:
        try:
            copie(conn)
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(0)
    conn.close()
"""

# The kernel process jupyter_client sees: asks the zygote for a kernel, lives as long as it.
CLIENT = r"""
import socket, sys, os
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(sys.argv[2].encode() + b"\n")
recu = b""
while True:
    d = s.recv(64)
    if not d:
        break
    recu += d
try:
    code = int(recu.strip() or b"1")
except ValueError:
    code = 1
os._exit(128 - code if code < 0 else code % 256)
"""


def actives() -> bool:
    """Whether warm kernels are wanted: yes unless ``DEM_NOYAUX_CHAUDS=0`` (then every kernel starts cold)."""
    from donnees_en_main import reglages

    return reglages.noyaux_chauds()


class NoyauxChauds:
    """One worker's zygote: started in the sandbox, asked for one kernel per submission."""

    def __init__(self, bac: BacASable, zones: list[Path], dossier: Path, journal=None):
        self.bac = bac
        self.zones = [Path(z).resolve() for z in zones]
        self.prise = Path(dossier) / "zygote.sock"
        self.process: subprocess.Popen | None = None
        self.journal = journal

    @classmethod
    def essayer(cls, bac: BacASable, zones: list[Path], dossier: Path, journal=None) -> "NoyauxChauds | None":
        """The zygote started and answering; None (cold kernels) when it cannot be here."""
        if not actives() or not bac.diag.bwrap:
            return None
        reserve = cls(bac, zones, dossier, journal)
        try:
            reserve.demarrer()
            return reserve
        except Exception as e:  # noqa: BLE001 - the cold path always works: say why, go on
            print(f"Noyaux chauds indisponibles ({e}) : noyaux démarrés un par un.", file=journal or sys.stderr)
            reserve.arreter()
            return None

    def demarrer(self, attente: float = 120) -> None:
        for z in self.zones:
            z.mkdir(parents=True, exist_ok=True)
        self.prise.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if self.prise.exists():
            self.prise.unlink()
        ecoute = socket.socket(socket.AF_UNIX)
        ecoute.bind(str(self.prise))
        os.chmod(self.prise, 0o600)
        ecoute.listen(16)
        config = {"zones": [str(z) for z in self.zones], "uid": self.bac.uid, "limites": self.bac.limites_rlimit(),
                  "tmp": self.bac.limites.tmp, "seccomp": self.bac.filtre_hex(), "shm": self.bac.limites.shm, "prechargements": list(PRECHARGEMENTS),
                  "lectures_tmp": [str(c) for c in chemins_en_lecture(self.bac.masques)
                                   if Path("/tmp") in c.parents]}
        commande = self.bac.envelopper_zygote(
            [sys.executable, "-c", ZYGOTE, json.dumps(config), str(ecoute.fileno())], self.zones)
        self.process = subprocess.Popen(commande, pass_fds=(ecoute.fileno(),), stdin=subprocess.DEVNULL,
                                        stdout=self.journal, stderr=self.journal)
        ecoute.close()
        minuteur = threading.Timer(attente, self.arreter)
        minuteur.start()
        try:
            reponse = self._demander({"ping": True})
        finally:
            minuteur.cancel()
        if reponse.strip() != "pret":
            raise RuntimeError("le zygote ne répond pas")

    def _demander(self, demande: dict) -> str:
        with socket.socket(socket.AF_UNIX) as s:
            s.connect(str(self.prise))
            s.sendall(json.dumps(demande).encode() + b"\n")
            recu = b""
            while True:
                d = s.recv(64)
                if not d:
                    return recu.decode()
                recu += d

    def vivante(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def commande(self, arguments: list[str], dossier: Path, execution: Path) -> list[str]:
        """The client's command: a kernel (ipykernel with `arguments`) working in `dossier`."""
        demande = {"dossier": str(Path(dossier).resolve()), "execution": str(Path(execution).resolve()),
                   "argv": list(arguments)}
        return [sys.executable, "-I", "-S", "-c", CLIENT, str(self.prise), json.dumps(demande)]

    def arreter(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        try:
            self.prise.unlink()
        except OSError:
            pass


def arguments_ipykernel(commande: list[str]) -> list[str] | None:
    """The arguments of an ipykernel command (``python -m ipykernel_launcher -f …``), else None."""
    if "-m" in commande:
        i = commande.index("-m")
        if i + 1 < len(commande) and commande[i + 1] in ("ipykernel_launcher", "ipykernel"):
            return commande[i + 2:]
    return None
