"""« Essayer dans le navigateur » : the workshop notebooks in JupyterLite (Python compiled to WebAssembly).

This module runs in two places and imports nothing heavy, so that it works before pandas is there:

- in the reader's browser (Pyodide kernel): ``await preparer()`` is the first cell of every notebook
  served by JupyterLite (added at build time by ``donnees_en_main.livre.jupyterlite``). It loads pandas,
  numpy and matplotlib when the book's host serves them; otherwise it says so in French and shows a
  button: the reader's click (``autoriser_cdn()``) downloads them from Pyodide's public CDN, checks
  each file against the SHA-256 of Pyodide's own lock file, and installs them. Nothing leaves the
  book's host before that click. From then on, the errors a reader meets (a library not loaded, a
  name not defined because a cell was skipped, the network down) are explained in French instead of
  IPython's English tracebacks (``installer_messages_en_francais``).
- on the deployer's machine: ``dependances()`` and ``paquets_scientifiques()`` are used by
  ``python -m donnees_en_main.livre.jupyterlite preparer --complet``, which self-hosts the same files.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sys

#: What the workshop notebooks import that Pyodide's core does not have.
BIBLIOTHEQUES = ("pandas", "matplotlib")
#: Where Pyodide publishes its full distribution (same version as the self-hosted core).
CDN = "https://cdn.jsdelivr.net/pyodide/v{version}/full/"
#: Pyodide's own lock file, kept next to the one the book serves (written by ``jupyterlite.preparer``).
LOCK_ORIGINE = "pyodide-lock-origine.json"


class ErreurNavigateur(RuntimeError):
    """Something the reader can fix (or report), said in French."""


def normaliser_nom(nom: str) -> str:
    """A package name as PyPI and Pyodide's lock compare them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", nom).lower()


def dependances(lock: dict, racines=BIBLIOTHEQUES) -> list[str]:
    """Names of the lock's packages needed by ``racines``, dependencies first (normalised names)."""
    paquets = {normaliser_nom(nom): entree for nom, entree in lock["packages"].items()}
    ordre: list[str] = []

    def visiter(nom: str) -> None:
        nom = normaliser_nom(nom)
        if nom in ordre:
            return
        if nom not in paquets:
            raise ErreurNavigateur(f"Le fichier de Pyodide ne connaît pas le paquet « {nom} ».")
        for dependance in paquets[nom]["depends"]:
            visiter(dependance)
        ordre.append(nom)

    for racine in racines:
        visiter(racine)
    return ordre


def paquets_scientifiques(lock: dict) -> list[dict]:
    """The lock entries (file name, SHA-256…) of pandas, matplotlib and what they need."""
    paquets = {normaliser_nom(nom): entree for nom, entree in lock["packages"].items()}
    return [paquets[nom] for nom in dependances(lock)]


def verifier_empreinte(contenu: bytes, attendue: str, nom: str) -> None:
    """Raise a French error when a downloaded file is not the one Pyodide published."""
    obtenue = hashlib.sha256(contenu).hexdigest()
    if obtenue != attendue:
        raise ErreurNavigateur(
            f"Le fichier {nom} téléchargé n'est pas celui publié par Pyodide (empreinte SHA-256 "
            f"{obtenue[:12]}… au lieu de {attendue[:12]}…). Il n'a pas été installé. Réessayez plus tard ; "
            "si cela se reproduit, signalez-le aux responsables du site."
        )


# --- In the browser ---------------------------------------------------------------------------------

def dans_le_navigateur() -> bool:
    return sys.platform == "emscripten"


def _disponibles() -> bool:
    return all(importlib.util.find_spec(nom) is not None for nom in BIBLIOTHEQUES)


def _afficher(texte_markdown: str) -> None:
    from IPython.display import Markdown, display

    display(Markdown(texte_markdown))


MESSAGE_ABSENTES = """\
**Les bibliothèques de calcul ne sont pas hébergées par ce site.**

Ce carnet utilise pandas, numpy et matplotlib (plusieurs mégaoctets chacune). Le site qui publie
ce livre ne les héberge pas. Votre navigateur peut les télécharger depuis **cdn.jsdelivr.net**, le
service qui diffuse Pyodide : ce service tiers verra alors votre adresse IP. Rien n'a été demandé à
ce service tant que vous n'avez pas donné votre accord.

- Si vous êtes d'accord : cliquez sur le bouton ci-dessous. Chaque fichier est vérifié (empreinte
  SHA-256) avant d'être installé.
- Sinon, vous pouvez tout de même exécuter du Python simple dans ce carnet, ou demander à
  l'animateur d'utiliser la version installée du cours (JupyterLab).
"""
MESSAGE_PRET = "C'est prêt : pandas, numpy et matplotlib sont installés. Exécutez la suite du carnet."
TEXTE_BOUTON = "J'accepte : télécharger pandas, numpy et matplotlib"
#: Libraries the notebooks import, and where they come from (for the French message of a failed import).
VIA_PREMIERE_CELLULE = {*BIBLIOTHEQUES, "numpy", "dateutil", "pytz", "six"}


def message_d_erreur(erreur: BaseException) -> str | None:
    """The French explanation of an error a reader meets in the browser, or None (usual traceback)."""
    if isinstance(erreur, ErreurNavigateur):
        return f"**{erreur}**"
    if isinstance(erreur, ModuleNotFoundError) and erreur.name and "." not in erreur.name:
        module = erreur.name
        if module in VIA_PREMIERE_CELLULE:
            return (
                f"**La bibliothèque « {module} » n'est pas encore installée dans ce navigateur.** "
                "Exécutez la première cellule du carnet (« Ce carnet tourne dans votre navigateur ») et "
                "suivez ce qu'elle indique, puis exécutez de nouveau cette cellule."
            )
        return (
            f"**Le module « {module} » n'existe pas dans la version navigateur du cours.** Vérifiez son "
            "nom ; s'il est juste, ce carnet demande la version installée du cours (JupyterLab de l'atelier)."
        )
    if isinstance(erreur, NameError) and getattr(erreur, "name", None):
        return (
            f"**Python ne connaît pas encore le nom « {erreur.name} ».** Soit une cellule précédente n'a "
            "pas été exécutée : menu *Exécution › Exécuter tout au-dessus de la cellule sélectionnée*, puis de nouveau "
            "cette cellule ; soit le nom est mal orthographié (majuscules comprises)."
        )
    return None


def installer_messages_en_francais() -> None:
    """Replace IPython's English tracebacks by French explanations for the errors readers meet."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return

    def gerer(shell, etype, valeur, tb, tb_offset=None):
        message = message_d_erreur(valeur)
        if message is None:
            shell.showtraceback((etype, valeur, tb), tb_offset=tb_offset)
        else:
            _afficher(message)

    shell.set_custom_exc((ModuleNotFoundError, NameError, ErreurNavigateur), gerer)


async def _charger_depuis_le_site() -> None:
    """Load pandas and matplotlib when the book's own host serves them (lock entries)."""
    import pyodide_js  # type: ignore[import-not-found]  # only in Pyodide

    connus = {normaliser_nom(nom) for nom in pyodide_js.lockfile.packages.to_py()}
    presentes = [nom for nom in BIBLIOTHEQUES if nom in connus]
    if presentes:
        try:
            await pyodide_js.loadPackage(presentes)
        except Exception:  # the site cannot be reached any more (connection lost)
            raise ErreurNavigateur(
                "Le chargement de pandas, numpy et matplotlib depuis ce site a échoué : la connexion "
                "semble coupée. Vérifiez-la, puis exécutez de nouveau cette cellule."
            ) from None


async def preparer() -> None:
    """First cell of every notebook in the browser: load the libraries, or ask consent with a button."""
    if not dans_le_navigateur():
        print("Ce carnet tourne dans un Jupyter installé : rien à préparer.")
        return
    installer_messages_en_francais()
    await _charger_depuis_le_site()
    if _disponibles():
        _afficher("Tout est prêt : pandas, numpy et matplotlib sont chargés depuis ce site.")
    else:
        _afficher(MESSAGE_ABSENTES)
        await _proposer_le_bouton()


async def _proposer_le_bouton() -> None:
    """The reader's consent: a button (nothing to type), then progress and result below it."""
    import asyncio

    import pyodide_js  # type: ignore[import-not-found]

    from IPython.display import Markdown, display

    try:
        await pyodide_js.loadPackage(["ipywidgets"])
        import ipywidgets as widgets
    except Exception:  # noqa: BLE001 - no button: say how to consent without it
        _afficher("Le bouton n'a pas pu s'afficher. Pour donner votre accord, écrivez `await autoriser_cdn()` "
                  "dans une nouvelle cellule et exécutez-la.")  # fmt: skip
        return

    bouton = widgets.Button(
        description=TEXTE_BOUTON, button_style="primary", icon="download",
        layout=widgets.Layout(width="auto", max_width="100%"),
    )  # fmt: skip
    sortie = widgets.Output()

    async def installer() -> None:
        try:
            await autoriser_cdn(dire=lambda texte: sortie.append_stdout(texte + "\n"))
        except ErreurNavigateur as erreur:
            sortie.append_display_data(Markdown(f"**{erreur}**"))
            bouton.description, bouton.disabled = "Réessayer", False
        except Exception as erreur:  # noqa: BLE001 - anything else, said in French
            sortie.append_display_data(Markdown(
                f"**Le téléchargement a échoué ({type(erreur).__name__}).** Vérifiez votre connexion, "
                "rechargez la page et réessayez ; si cela se reproduit, signalez-le aux responsables du site."
            ))  # fmt: skip
            bouton.description, bouton.disabled = "Réessayer", False
        else:
            sortie.append_display_data(Markdown(MESSAGE_PRET))
            bouton.description = "Installé"

    def cliquer(_bouton) -> None:
        bouton.disabled, bouton.description = True, "Téléchargement en cours…"
        sortie.clear_output()
        asyncio.ensure_future(installer())

    bouton.on_click(cliquer)
    display(widgets.VBox([bouton, sortie]))


async def autoriser_cdn(cdn: str | None = None, dire=print) -> None:
    """With the reader's consent: download, verify and install pandas & co. from Pyodide's CDN."""
    if not dans_le_navigateur():
        print("Cette commande ne sert que dans la version « navigateur » du cours.")
        return
    import micropip  # type: ignore[import-not-found]
    import pyodide_js  # type: ignore[import-not-found]
    from pyodide.http import pyfetch  # type: ignore[import-not-found]

    base = str(pyodide_js.lockfileBaseUrl)
    reponse = await pyfetch(base + LOCK_ORIGINE)
    if not reponse.ok:
        raise ErreurNavigateur(
            f"Le fichier {LOCK_ORIGINE} manque sur ce site : la version navigateur a été mal déployée."
        )
    lock = await reponse.json()
    cdn = cdn or CDN.format(version=str(pyodide_js.version))
    deja = {normaliser_nom(nom) for nom in pyodide_js.lockfile.packages.to_py()}
    a_installer = [e for e in paquets_scientifiques(lock) if normaliser_nom(e["name"]) not in deja]
    for numero, entree in enumerate(a_installer, start=1):
        nom = entree["file_name"]
        dire(f"{numero}/{len(a_installer)} : {nom}")
        try:
            fichier = await pyfetch(cdn + nom)
            contenu = await fichier.bytes()
        except Exception:  # network refused, offline room…
            raise ErreurNavigateur(
                f"Impossible de télécharger {nom} depuis {cdn} : êtes-vous connecté à Internet ? "
                "Vérifiez la connexion, puis réessayez."
            ) from None
        if not fichier.ok:
            raise ErreurNavigateur(f"{cdn}{nom} a répondu « {fichier.status} » : fichier introuvable.")
        verifier_empreinte(contenu, entree["sha256"], nom)
        chemin = f"/tmp/{nom}"
        with open(chemin, "wb") as sortie:
            sortie.write(contenu)
        await micropip.install(f"emfs:{chemin}", deps=False)
    if _disponibles():
        _afficher(MESSAGE_PRET)
    else:
        raise ErreurNavigateur("L'installation n'a pas abouti : rechargez la page et réessayez.")
