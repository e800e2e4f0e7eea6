"""The kernel manager and nbgrader preprocessors of the trusted autograde.

- ``GestionnaireNoyauIsole``: jupyter_client's kernel manager, starting the kernel in the sandbox
  (``bac_a_sable``) and talking to it over Unix sockets.

The preprocessors plug into nbgrader's own pipeline (``Autograde.sanitize_preprocessors`` and
``Autograde.autograde_preprocessors``, see ``correcteur.py``); nbgrader does the rest.

- ``RestaurerCellulesNotees`` (sanitize, first): puts back the nbgrader metadata of every known
  cell as the gradebook has it (grade/solution/locked flags, points, id), and drops nbgrader
  metadata nbgrader would choke on (unknown ids, garbage). nbgrader's ``OverwriteCells`` then
  restores the source of edited locked cells and the points; but it only sees cells that still
  carry their metadata, and a malformed one makes ``CheckCellMetadata`` reject the whole notebook.
  Honest accidents are repaired, not zeroed (the copy is reported « réparée »): a cell
  copy-pasted in JupyterLab carries the same ``grade_id`` twice (nbgrader's ``DeduplicateIds``
  would strip both, or keep the untouched one): one copy keeps the metadata, for an answer cell the
  first one the learner changed, otherwise the first; the other copies stay and run as ordinary
  cells. Damaged metadata (text instead of a dict, a lost ``grade_id``) is restored when the cell
  is recognised as a released one whose ``grade_id`` is missing from the copy: by its cell id
  (JupyterLab keeps a cell's id; the released notebook has the source notebook's ids), or else
  by its text being exactly the released one.
- ``ExecutionIsolee`` (replaces nbgrader's ``Execute``): the kernel starts in the sandbox
  (``bac_a_sable``); a time limit per cell and one per notebook; output beyond a size cap per copy
  is dropped and the kernel interrupted — every path counts: streams, displays, results, errors,
  their metadata, and the updates of a display (``update_display_data``, or a new display under
  the same ``display_id``, which rewrite every output showing it); a kernel that dies (``os._exit``, ``exit()``, memory, CPU
  limit, killed) no longer makes nbgrader give up on the notebook: every cell not run gets an
  error output, so its tests score 0 instead of nbgrader's default for a silent cell (full marks).
  After execution, links and special files the kernel left are removed and files given back to
  the grader before nbgrader writes anything there.
- ``NoterCellulesSupprimees`` (after ``SaveAutoGrades``): a grade cell missing from the submission
  (deleted, or stripped of its metadata) scores 0 automatically. nbgrader leaves it "needs manual
  grading" forever (jupyter/nbgrader#1682); its ``OverwriteCells.add_missing_cells`` would put the
  test back and run it, which rewards deleting the test.

Each preprocessor records what it saw in ``INCIDENTS`` (French messages for the trainer).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import stat
import time
import uuid
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import ensure_async, run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Integer, Unicode

from donnees_en_main.exercices.devoirs import MIME_VALEUR, TAILLE_MAX_VALEUR

from .bac_a_sable import MO, BacASable
from .lot import REPARATION
from .noyaux_chauds import arguments_ipykernel

# What the preprocessors noticed while grading the current submission: {"carnet", "message"}, and
# "sorte": REPARATION for an honest accident repaired (the copy is then « réparée », not flagged).
INCIDENTS: list[dict] = []

# Output bytes kept so far for the current submission (all its notebooks), and whether it was cut.
SORTIE = {"octets": 0, "coupee": False}


def nouvelle_copie() -> None:
    """Forget what the previous submission did (called by the worker before each one)."""
    INCIDENTS.clear()
    SORTIE.update(octets=0, coupee=False)


def signaler(resources: dict, message: str, sorte: str | None = None) -> None:
    carnet = (resources or {}).get("nbgrader", {}).get("notebook", "")
    INCIDENTS.append({"carnet": carnet, "message": message, **({"sorte": sorte} if sorte else {})})


def _sortie_erreur(nom: str, message: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=nom, evalue=message, traceback=[f"{nom} : {message}"])


class GestionnaireNoyauIsole(AsyncKernelManager):
    """jupyter_client's kernel manager, with the kernel started inside `bac_a_sable` (set per worker).

    The transport is ZeroMQ over Unix sockets in a folder private to the kernel: it needs no network,
    so the kernel's network namespace can stay empty.
    """

    bac_a_sable: BacASable | None = None  # set by the worker before grading
    noyaux_chauds = None  # the worker's warm kernels (noyaux_chauds.NoyauxChauds), when they started
    dossier_execution: Path | None = None

    def __init__(self, **kwargs):
        execution = Path(self.dossier_execution or os.environ.get("JUPYTER_RUNTIME_DIR") or "/tmp")
        nom = f"noyau-{uuid.uuid4().hex[:12]}"
        kwargs.setdefault("transport", "ipc")
        kwargs.setdefault("connection_file", str(execution / f"{nom}.json"))
        kwargs.setdefault("ip", str(execution / f"{nom}-ipc"))
        super().__init__(**kwargs)

    def write_connection_file(self, **kwargs) -> None:
        super().write_connection_file(**kwargs)
        bac = self.bac_a_sable
        if bac is not None and bac.uid is not None:
            os.chown(self.connection_file, bac.uid, bac.uid)

    def format_kernel_cmd(self, extra_arguments=None) -> list[str]:
        commande = super().format_kernel_cmd(extra_arguments)
        bac = self.bac_a_sable
        if bac is None:
            return commande
        # Interrupt by message: the kernel signals itself. A SIGINT sent from outside would reach
        # bwrap first, which dies of it and takes the sandbox with it.
        self.kernel_spec.interrupt_mode = "message"
        dossier = Path(self._launch_args.get("cwd") or os.getcwd())
        execution = Path(self.connection_file).parent
        bac.preparer(dossier, execution)
        chauds = self.noyaux_chauds
        arguments = arguments_ipykernel(commande)
        if chauds is not None and arguments is not None and chauds.vivante():
            return chauds.commande(arguments, dossier, execution)
        return bac.envelopper(commande, dossier, execution)


class RestaurerCellulesNotees(NbGraderPreprocessor):
    """Put back the gradebook's nbgrader metadata on every known cell; repair copy-pasted cells and
    damaged metadata; drop unusable metadata."""

    dossier_source = Unicode("", help="Dossier des carnets sources du devoir (ceux du formateur).").tag(config=True)

    def ids_distribues(self, notebook_id: str) -> dict[str, str]:
        """{cell id: grade_id} of the source notebook (trusted), whose cell ids the released notebook keeps."""
        if not self.dossier_source:
            return {}
        try:
            nb = json.loads((Path(self.dossier_source) / f"{notebook_id}.ipynb").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        ids = {}
        for cell in nb.get("cells", []):
            meta = cell.get("metadata", {}).get("nbgrader")
            if isinstance(cell.get("id"), str) and isinstance(meta, dict) and isinstance(meta.get("grade_id"), str):
                ids[cell["id"]] = meta["grade_id"]
        return ids

    def preprocess(self, nb, resources):
        notebook_id = resources["nbgrader"]["notebook"]
        assignment_id = resources["nbgrader"]["assignment"]
        with Gradebook(resources["nbgrader"]["db_url"]) as gb:
            source = gb.find_notebook(notebook_id, assignment_id)
            sources = {c.name: (c.cell_type, c.source, bool(c.locked)) for c in source.source_cells}
            points = {c.name: float(c.max_score) for c in source.grade_cells}
            solutions = {c.name for c in source.solution_cells}
            taches = {c.name for c in source.task_cells}

        # the cells carrying usable metadata, by grade_id; the others
        porteuses: dict[str, list] = {}
        abimees = []
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader")
            if meta is None:
                continue
            grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
            if isinstance(grade_id, str) and grade_id in sources:
                porteuses.setdefault(grade_id, []).append(cell)
            else:
                abimees.append(cell)

        # copy-pasted cells: one copy keeps the metadata, the others run as ordinary cells
        doublons, faux_doublons = [], []
        for grade_id, copies in porteuses.items():
            if len(copies) < 2:
                continue
            _type, texte_distribue, verrouillee = sources[grade_id]
            gardee = next((c for c in copies if not verrouillee and c.source != texte_distribue), copies[0])
            for cell in copies:
                if cell is not gardee:
                    del cell.metadata["nbgrader"]
            porteuses[grade_id] = [gardee]
            # a pasted locked cell is the released text; another text under its grade_id is not a paste
            if verrouillee and any(not _texte_d_origine(c.source, texte_distribue) for c in copies):
                faux_doublons.append(grade_id)
            else:
                doublons.append(grade_id)

        # damaged metadata: restored on a cell recognised as a released one missing from the copy
        ids_distribues = self.ids_distribues(notebook_id)
        reparees, inconnues = [], 0
        for cell in abimees:
            grade_id = ids_distribues.get(cell.get("id"))
            if grade_id is None or grade_id in porteuses:
                grade_id = next((g for g, (type_, texte, _v) in sources.items() if g not in porteuses
                                 and type_ == cell.cell_type and texte == cell.source), None)
            if grade_id is None or grade_id in porteuses:
                del cell.metadata["nbgrader"]
                inconnues += 1
                continue
            cell.metadata["nbgrader"] = {"grade_id": grade_id}  # completed below, as the gradebook has it
            porteuses[grade_id] = [cell]
            reparees.append(grade_id)

        retouchees, modifiees = [], []
        for grade_id, (cell,) in porteuses.items():
            meta = cell.metadata["nbgrader"]
            attendu = {
                "grade_id": grade_id,
                "grade": grade_id in points,
                "solution": grade_id in solutions,
                "task": grade_id in taches,
                "locked": sources[grade_id][2],
                "schema_version": 3,
            }
            if grade_id in points:
                attendu["points"] = points[grade_id]
            changes = sorted(
                k for k, v in attendu.items()
                if k not in ("schema_version",) and (meta.get(k) != v if k != "points" else _nombre(meta.get(k)) != v)
            )
            if "points" not in attendu and "points" in meta:
                changes.append("points")
            if changes and grade_id not in reparees:
                retouchees.append(f"« {grade_id} » ({', '.join(changes)})")
            garde = {k: meta[k] for k in ("checksum", "cell_type") if k in meta and isinstance(meta[k], str)}
            cell.metadata["nbgrader"] = {**garde, **attendu}
            if attendu["locked"] and grade_id not in faux_doublons and (
                    not _texte_d_origine(cell.source, sources[grade_id][1])
                    or ("checksum" in garde and utils.compute_checksum(cell) != garde["checksum"])):
                # changed, whatever its checksum says (a learner can recompute it): nbgrader's
                # OverwriteCells puts the source back
                modifiees.append(grade_id)
        if doublons:
            signaler(resources, "Copie réparée : cellule(s) " + ", ".join(f"« {g} »" for g in sorted(doublons))
                     + " en double (un copier-coller ?). Une seule copie garde les réglages nbgrader (pour une "
                     "réponse, celle que l'élève a remplie) ; les autres s'exécutent comme des cellules ordinaires.",
                     REPARATION)
        if faux_doublons:
            signaler(resources, "Cellule(s) " + ", ".join(f"« {g} »" for g in sorted(faux_doublons))
                     + " en double avec un autre texte que celui du devoir (ce n'est pas un copier-coller) : "
                     "l'original est remis et seul lui compte. Relisez la copie (tentative de contourner la "
                     "correction ?).")
        if reparees:
            signaler(resources, "Copie réparée : réglages nbgrader abîmés sur la ou les cellule(s) "
                     + ", ".join(f"« {g} »" for g in reparees) + ", remis comme dans le devoir distribué.", REPARATION)
        if retouchees:
            signaler(resources, "Réglages nbgrader modifiés dans la copie, remis comme à l'origine : "
                     + ", ".join(retouchees) + ".")
        if modifiees:
            signaler(resources, "Cellule(s) verrouillée(s) modifiée(s) dans la copie, remise(s) d'origine avant "
                     "la correction : " + ", ".join(modifiees) + ".")
        if inconnues:
            signaler(resources, f"{inconnues} cellule(s) portaient des réglages nbgrader inconnus : "
                     "ils ont été retirés (ces cellules ne comptent pas dans la note).")
        return nb, resources


def _texte_d_origine(texte: str, source: str) -> bool:
    """Whether a locked cell's `texte` is the trainer's `source` as released (hidden tests removed) or whole."""
    from nbgrader.preprocessors import ClearHiddenTests

    if texte.strip() == source.strip():
        return True
    publiee = NotebookNode(cell_type="code", source=source, metadata={})
    ClearHiddenTests()._remove_hidden_test_region(publiee)
    return texte.strip() == publiee.source.strip()


def _nombre(valeur) -> float | None:
    try:
        return float(valeur)
    except (TypeError, ValueError):
        return None


class ExecutionIsolee(Execute):
    """nbgrader's Execute, with the kernel in the sandbox and every failure graded instead of fatal."""

    delai_carnet = Integer(300, help="Temps maximal (s) pour tout le carnet.").tag(config=True)
    sortie_max = Integer(2 * MO, help="Taille maximale (octets) des sorties gardées par carnet.").tag(config=True)

    def __init__(self, **kwargs):
        kwargs["kernel_manager_class"] = GestionnaireNoyauIsole
        super().__init__(**kwargs)

    # -- the whole notebook -------------------------------------------------------------------
    def preprocess(self, nb, resources=None, km=None):
        self._debut = time.monotonic()
        self._arret: str | None = None
        self._resources = resources
        self._derniere = -1  # index of the last cell handled
        self.timeout_func = self._delai
        dossier = Path((resources or {}).get("metadata", {}).get("path") or os.getcwd())
        try:
            return super().preprocess(nb, resources, km)
        except (RuntimeError, DeadKernelError, TimeoutError) as e:
            if self._derniere < 0:
                signaler(resources, "Le programme de l'élève (noyau) n'a pas pu démarrer ({e}) : aucune "
                         "question n'a pu être vérifiée, 0 point.".format(e=e))
            else:
                signaler(resources, f"L'exécution s'est interrompue après la cellule n° {self._derniere + 1} ({e}) : "
                         "les cellules suivantes comptent 0.")
            for index, cell in enumerate(nb.cells):
                if cell.cell_type == "code" and index > self._derniere:
                    cell.outputs = [_sortie_erreur("NoyauArrete", "Le carnet n'a pas pu être exécuté.")]
            return nb, resources
        finally:
            if borner_sorties(nb, self.sortie_max):
                signaler(resources, f"Sorties du carnet au-delà de {_mo(self.sortie_max)} retirées après "
                         "l'exécution (seules les erreurs sont gardées, raccourcies).")
            rendre_le_dossier(dossier)

    def _delai(self, cell) -> int:
        reste = self.delai_carnet - (time.monotonic() - self._debut)
        if self.timeout and self.timeout < reste:
            self.error_on_timeout = self._erreur_delai(f"plus de {self.timeout} s pour cette cellule")
            return self.timeout
        self.error_on_timeout = self._erreur_delai(f"temps maximal du carnet ({self.delai_carnet} s) atteint")
        return max(1, int(reste))

    @staticmethod
    def _erreur_delai(raison: str) -> dict:
        return {"ename": "DelaiDepasse", "evalue": raison,
                "traceback": [f"DelaiDepasse : exécution interrompue, {raison}."]}

    # -- one cell --------------------------------------------------------------------------------
    def preprocess_cell(self, cell, resources, index):
        self._derniere = index
        if cell.cell_type != "code":
            return cell, resources
        if self._arret is None and time.monotonic() - self._debut >= self.delai_carnet:
            self._arreter(f"temps maximal du carnet ({self.delai_carnet} s) atteint")
        if self._arret is not None:
            cell.outputs = [_sortie_erreur("NonExecutee", f"cellule non exécutée : {self._arret}.")]
            return cell, resources
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
        except (DeadKernelError, CellTimeoutError) as e:
            raison = ("le programme de l'élève (noyau) s'est arrêté pendant cette cellule : arrêt demandé "
                      "par le code, mémoire ou temps de calcul épuisé"
                      if isinstance(e, DeadKernelError) else "le noyau ne répondait plus")
            cell.outputs = list(cell.get("outputs", [])) + [_sortie_erreur("NoyauArrete", raison + ".")]
            self._arreter(raison)
            return cell, resources
        delais = [o for o in cell.outputs if o.get("ename") == "DelaiDepasse"]
        if delais:
            signaler(resources, f"Cellule n° {index + 1} arrêtée : {delais[0]['evalue']}.")
            if not self._repond():
                self._arreter("le noyau ne répondait plus après l'interruption d'une cellule trop longue")
        return cell, resources

    def _repond(self, attente: float = 5) -> bool:
        """Whether the kernel answers again after an interrupt (a loop may swallow KeyboardInterrupt)."""
        return run_sync(self._repond_async)(attente)

    async def _repond_async(self, attente: float) -> bool:
        try:
            msg_id = self.kc.kernel_info()
        except Exception:  # noqa: BLE001 - channels closed: the kernel is gone
            return False
        fin = time.monotonic() + attente
        while time.monotonic() < fin:
            try:
                reponse = await ensure_async(self.kc.shell_channel.get_msg(timeout=max(0.1, fin - time.monotonic())))
            except Exception:  # noqa: BLE001 - queue.Empty: no answer in time
                return False
            if reponse["parent_header"].get("msg_id") == msg_id:
                return True
        return False

    def _arreter(self, raison: str) -> None:
        """Stop the kernel for good; the remaining cells will get an error (0 point for their tests)."""
        if self._arret is None:
            self._arret = raison
            signaler(self._resources, f"Exécution arrêtée : {raison}. Les cellules suivantes n'ont pas été "
                     "exécutées (leurs questions comptent 0).")
        self._signal(signal.SIGKILL)

    def _interrompre(self) -> None:
        """Ask the kernel to interrupt the running cell (called from inside the event loop)."""
        try:
            self._interruption = asyncio.ensure_future(ensure_async(self.km.interrupt_kernel()))
        except Exception:  # noqa: BLE001 - a dead kernel cannot be interrupted
            pass

    def _signal(self, signum: int) -> None:
        provisioner = getattr(self.km, "provisioner", None)
        pgid = getattr(provisioner, "pgid", None)
        try:
            if pgid:
                os.killpg(pgid, signum)
            elif getattr(provisioner, "process", None) is not None:
                provisioner.process.send_signal(signum)
        except (OSError, ProcessLookupError):
            pass

    # -- outputs -----------------------------------------------------------------------------------
    def output(self, outs, msg, display_id, cell_index):
        contenu = msg.get("content", {})
        SORTIE["octets"] += _taille_sortie(contenu)
        if SORTIE["octets"] <= self.sortie_max:
            return super().output(outs, msg, display_id, cell_index)
        self._couper(outs, cell_index)
        # errors and stderr decide a test cell's grade (nbgrader gives 0 for either): keep them, shortened
        if msg.get("msg_type") == "error":
            contenu["traceback"] = [ligne[:2000] for ligne in (contenu.get("traceback") or [])[:50]]
            contenu["evalue"] = str(contenu.get("evalue", ""))[:2000]
            return super().output(outs, msg, display_id, cell_index)
        if msg.get("msg_type") == "stream" and contenu.get("name") == "stderr":
            contenu["text"] = str(contenu.get("text", ""))[:2000]
            return super().output(outs, msg, display_id, cell_index)
        # the value a graded cell hands to the grader (a code question): judged from it, so kept
        if msg.get("msg_type") == "display_data" and valeur_a_garder(self.nb.cells[cell_index], outs, contenu):
            return super().output(outs, msg, None, cell_index)
        return None

    def _update_display_id(self, display_id, msg):
        """A display updated in place (``update_display_data``, or shown again under the same id) rewrites
        every output showing it: what that adds to the notebook counts, and beyond the cap the update
        is refused."""
        cibles = [(i, j) for i, indices in self._display_id_map.get(display_id, {}).items() for j in indices]
        if cibles:
            contenu = msg.get("content", {})
            nouvelle = _taille_sortie({"data": contenu.get("data"), "metadata": contenu.get("metadata")})
            anciennes = sum(_taille_sortie({"data": sortie.get("data"), "metadata": sortie.get("metadata")})
                            for sortie in (self.nb.cells[i].outputs[j] for i, j in cibles))
            ajout = nouvelle * len(cibles) - anciennes
            if SORTIE["octets"] + ajout > self.sortie_max:
                # over the cap from now on; what counts towards stopping the kernel is what it sends
                SORTIE["octets"] = max(SORTIE["octets"] + nouvelle, self.sortie_max + 1)
                index = max(self._derniere, 0)
                self._couper(self.nb.cells[index].setdefault("outputs", []), index)
                return None
            SORTIE["octets"] += ajout
        return super()._update_display_id(display_id, msg)

    def _couper(self, outs, cell_index) -> None:
        """The copy's outputs are over the cap: say so once (note, incident, interrupt), stop the kernel
        if it goes on and on."""
        if not SORTIE["coupee"]:
            SORTIE["coupee"] = True
            signaler(self._resources, f"Sortie trop volumineuse (plus de {_mo(self.sortie_max)}) dans la cellule "
                     f"n° {cell_index + 1} : la suite est ignorée et la cellule interrompue.")
            outs.append(_note_coupure(self.sortie_max))
            self._interrompre()
        elif SORTIE["octets"] > 5 * self.sortie_max:
            self._arreter("sortie démesurée malgré l'interruption")


def _mo(octets: int) -> str:
    return f"{octets / MO:g}".replace(".", ",") + " Mo"


def _note_coupure(sortie_max: int) -> NotebookNode:
    return NotebookNode(output_type="stream", name="stdout",
                        text=f"\n[… sortie coupée : plus de {_mo(sortie_max)} …]\n")


def valeur_a_garder(cellule, deja: list, sortie: dict) -> bool:
    """Whether `sortie` is the value a graded cell hands to the grader, kept even past the output cap.

    At most one per graded cell, of bounded size: a copy cannot use it to get round the cap."""
    donnees = sortie.get("data")
    if not (cellule.get("metadata", {}).get("nbgrader", {}).get("grade") and isinstance(donnees, dict)):
        return False
    if set(donnees) - {MIME_VALEUR, "text/plain"} or MIME_VALEUR not in donnees:
        return False
    if _taille_sortie(sortie) > TAILLE_MAX_VALEUR + 4096:
        return False
    return not any(isinstance(o.get("data"), dict) and MIME_VALEUR in o["data"] for o in deja)


def borner_sorties(nb, sortie_max: int) -> bool:
    """Last guard, after execution: if the notebook's outputs are over what the counting above lets
    through (the cap, plus errors and stderr kept shortened, at most 5 times the cap before the
    kernel is stopped), keep past the cap only errors and stderr, shortened, and a note. Whether it cut."""
    tailles = [[_taille_sortie(o) for o in cell.get("outputs", [])] for cell in nb.cells]
    if sum(map(sum, tailles)) <= 6 * sortie_max:
        return False
    total = 0
    for cell, ts in zip(nb.cells, tailles):
        gardees = []
        for sortie, taille in zip(cell.get("outputs", []), ts):
            total += taille
            if total <= sortie_max:
                gardees.append(sortie)
            elif sortie.get("output_type") == "error":
                gardees.append(_sortie_erreur(str(sortie.get("ename", "Erreur"))[:200], str(sortie.get("evalue", ""))[:2000]))
            elif sortie.get("output_type") == "stream" and sortie.get("name") == "stderr":
                gardees.append(NotebookNode(output_type="stream", name="stderr", text=str(sortie.get("text", ""))[:2000]))
            elif sortie.get("output_type") == "display_data" and valeur_a_garder(cell, gardees, sortie):
                gardees.append(sortie)
        if len(gardees) < len(ts):
            cell.outputs = gardees + [_note_coupure(sortie_max)]
    return True


_CHAMPS_SORTIE = ("text", "data", "metadata", "traceback", "ename", "evalue", "transient")


def _taille_sortie(contenu: dict) -> int:
    """Characters an output message would add to the notebook: every field, metadata included."""
    utile = {k: contenu[k] for k in _CHAMPS_SORTIE if k in contenu}
    try:
        return len(json.dumps(utile, ensure_ascii=False, default=str))
    except (ValueError, RecursionError):
        return len(str(utile))


def rendre_le_dossier(dossier: Path) -> None:
    """After execution: remove links and special files the kernel made, give files back to the grader.

    nbgrader (trusted, possibly root) writes into this folder next: a link left by the learner's code
    (say ``cantine.ipynb -> /elsewhere``) would make it write through the link.
    """
    if not dossier.is_dir():
        return
    uid, gid = os.geteuid(), os.getegid()
    for parent, dossiers, fichiers in os.walk(dossier, topdown=True, followlinks=False):
        for nom in list(dossiers) + fichiers:
            chemin = os.path.join(parent, nom)
            info = os.lstat(chemin)
            if stat.S_ISLNK(info.st_mode) or not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
                os.unlink(chemin)
                if nom in dossiers:
                    dossiers.remove(nom)
                continue
            if info.st_uid != uid and os.geteuid() == 0:
                os.lchown(chemin, uid, gid)
            droits = 0o700 if stat.S_ISDIR(info.st_mode) else 0o600
            os.chmod(chemin, (stat.S_IMODE(info.st_mode) & 0o755) | droits)
    if os.geteuid() == 0:
        os.chown(dossier, uid, gid)


class SansNoyau(NbGraderPreprocessor):
    """Replaces ``ExecutionIsolee`` when every graded cell is judged by the grader from the answers file
    (``verdicts.sans_noyau``): no learner code runs, no kernel starts; the cells keep no output and
    ``verdicts.appliquer`` decides every score."""

    def preprocess(self, nb, resources):
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = []
                cell.execution_count = None
        return nb, resources


class NoterCellulesSupprimees(NbGraderPreprocessor):
    """Grade cells missing from the submission score 0 (nbgrader leaves them "needs manual grading")."""

    def preprocess(self, nb, resources):
        ids = set()
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader")
            if isinstance(meta, dict) and utils.is_grade(cell):
                ids.add(meta.get("grade_id"))
        infos = resources["nbgrader"]
        absentes = []
        with Gradebook(infos["db_url"]) as gb:
            try:
                notebook = gb.find_submission_notebook(infos["notebook"], infos["assignment"], infos["student"])
            except MissingEntry:
                return nb, resources
            for grade in notebook.grades:
                if grade.name in ids:
                    continue
                grade.auto_score = 0
                grade.needs_manual_grade = grade.manual_score is not None
                absentes.append(grade.name)
            gb.db.commit()
        if absentes:
            signaler(resources, "Cellule(s) de correction absente(s) de la copie (supprimées ou privées de "
                     f"leurs réglages) : {', '.join(sorted(absentes))} — 0 point.")
        return nb, resources
