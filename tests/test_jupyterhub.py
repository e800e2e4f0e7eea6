"""A whole class on one JupyterHub, end to end, on 127.0.0.1 (deploiement/jupyterhub/).

The hub starts with the project's config and configurable-http-proxy from npm. A trainer and three
learners log in through the login form with their passwords; each gets their own JupyterLab server
(in French, with the workshop notebooks copied into their home). The trainer generates and releases
the canteen assignment from the formgrader; the learners fetch it, answer (the notebook and the
answers file written through the Jupyter contents API, as JupyterLab does when a learner saves), and
submit; the trainer collects, autogrades, generates and releases feedback; the learners fetch it.
Every score is checked exactly (same learners as tests/test_cantine.py). Everything is stopped at
the end, and no process of the hub survives it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import psutil
import pytest
import requests
import websocket

from donnees_en_main.chapitres.cantine import questions as q
from donnees_en_main.correction.configuration import DOSSIER_DES_DEVOIRS
from outils_nbgrader import code_repondre_par_widgets, executer_notebook
from outils_processus import Processus, port_libre
from test_atelier import verifier_extension_du_cours
from test_cantine import BONNES_REPONSES_WIDGETS, code_juste

RACINE = Path(__file__).resolve().parent.parent
CONFIG = RACINE / "deploiement" / "jupyterhub" / "jupyterhub_config.py"
BIN = Path(sys.executable).parent
COURS = "donnees-en-main"
DEVOIR = "cantine"
RECU = f"{DOSSIER_DES_DEVOIRS}/{DEVOIR}"  # where a learner's « Fetch » puts it, relative to her home
FORMATEUR = "formateur"
# name -> (how the learner answers, expected score out of 5): as in tests/test_cantine.py.
APPRENANTS = {
    "complet": 5,   # right clicks and right code
    "intact": 0,    # submitted untouched
    "partiel": 1,   # only question 1, through its widget
}
DELAI = 120


class Utilisateur:
    """A person logged in through the hub's login form, then using an API token of their own."""

    def __init__(self, url: str, nom: str):
        self.url, self.nom = url, nom
        self.session = requests.Session()

    def connexion(self, mot_de_passe: str) -> requests.Response:
        s = self.session
        s.get(f"{self.url}/hub/login", timeout=30).raise_for_status()
        return s.post(f"{self.url}/hub/login", timeout=60, allow_redirects=False,
                      data={"username": self.nom, "password": mot_de_passe, "_xsrf": s.cookies.get("_xsrf", "")})

    def creer_jeton(self) -> None:
        """An API token, asked for with the login cookie (as the hub's token page does)."""
        s = self.session
        r = s.post(f"{self.url}/hub/api/users/{self.nom}/tokens", timeout=30,
                   json={"note": "test", "expires_in": 3600}, headers={"X-XSRFToken": s.cookies.get("_xsrf", "")})
        r.raise_for_status()
        self.api = requests.Session()
        self.api.headers["Authorization"] = f"token {r.json()['token']}"

    def hub(self, methode: str, chemin: str, **kw) -> requests.Response:
        return self.api.request(methode, f"{self.url}/hub/api{chemin}", timeout=60, **kw)

    def serveur(self, methode: str, chemin: str, **kw) -> requests.Response:
        """A request to this user's own JupyterLab server, through the proxy."""
        kw.setdefault("timeout", 180)
        return self.api.request(methode, f"{self.url}/user/{self.nom}{chemin}", **kw)

    def json(self, methode: str, chemin: str, **kw):
        r = self.serveur(methode, chemin, **kw)
        assert r.status_code < 400, f"{methode} {chemin} → {r.status_code} : {r.text[:2000]}"
        return r.json()

    def attendre_serveur(self, delai: float = DELAI) -> None:
        fin = time.monotonic() + delai
        while time.monotonic() < fin:
            etat = self.hub("GET", f"/users/{self.nom}").json()
            serveur = etat.get("servers", {}).get("")
            if serveur and serveur.get("ready"):
                return
            time.sleep(0.5)
        raise AssertionError(f"le serveur de {self.nom} n'a pas démarré en {delai} s : {etat}")

    def lire(self, chemin: str) -> dict:
        return self.json("GET", f"/api/contents/{chemin}")

    def ecrire_carnet(self, chemin: str, nb) -> None:
        self.json("PUT", f"/api/contents/{chemin}", json={"type": "notebook", "format": "json", "content": nb})

    def ecrire_texte(self, chemin: str, texte: str) -> None:
        self.json("PUT", f"/api/contents/{chemin}", json={"type": "file", "format": "text", "content": texte})

    def nbgrader(self, action: str) -> list | dict:
        """The learner's « Devoirs » tab: fetch / submit / fetch_feedback."""
        return self.json("POST", f"/assignments/{action}", data={"course_id": COURS, "assignment_id": DEVOIR})

    def terminal(self, commande: str, delai: float = 60) -> str:
        """Type ``commande`` in a new JupyterLab terminal of this user's server; return what it printed."""
        nom = self.json("POST", "/api/terminals")["name"]
        ws = websocket.create_connection(
            f"{self.url.replace('http', 'ws', 1)}/user/{self.nom}/terminals/websocket/{nom}",
            header=[f"Authorization: {self.api.headers['Authorization']}"], timeout=delai)
        sortie, fin = "", time.monotonic() + delai
        try:
            # The marker is typed split in two, so that the terminal's echo of the command does not end it.
            ws.send(json.dumps(["stdin", f"{commande}; echo FIN''DU''TEST\r"]))
            while "FINDUTEST" not in sortie and time.monotonic() < fin:
                message = json.loads(ws.recv())
                if message[0] == "stdout":
                    sortie += message[1]
        finally:
            ws.close()
            self.serveur("DELETE", f"/api/terminals/{nom}")
        assert "FINDUTEST" in sortie, f"le terminal de {self.nom} n'a pas répondu : {sortie[-2000:]}"
        sortie = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]|\r", "", sortie)  # the terminal's control sequences
        return sortie.split("FINDUTEST")[0].split("FIN''DU''TEST")[-1]

    def formgrader(self, chemin: str) -> dict:
        """A formgrader action of the trainer's server; it must succeed."""
        r = self.json("POST", f"/formgrader/api/{chemin}")
        assert r.get("success"), f"formgrader {chemin} a échoué : {json.dumps(r, ensure_ascii=False)[:3000]}"
        return r


def installer_proxy() -> None:
    subprocess.run(["bash", str(RACINE / "outils" / "installer_proxy.sh")], check=True, timeout=300)


@contextlib.contextmanager
def hub_demarre():
    """A hub started as the README says, on 127.0.0.1 with a fresh data folder; stopped with all it started."""
    installer_proxy()
    donnees = Path(tempfile.mkdtemp(prefix="hub-"))
    port = port_libre()
    mots_de_passe = {"apprenant": secrets.token_urlsafe(9), "formateur": secrets.token_urlsafe(30)}
    env = dict(
        os.environ,
        # PATH as the trainer's shell has it (README: `.venv/bin/jupyterhub`, no virtualenv activated).
        PATH=os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if Path(p) != BIN),
        DEM_HUB_DONNEES=str(donnees),
        DEM_HUB_ADRESSE=f"http://127.0.0.1:{port}",
        DEM_HUB_ADRESSE_INTERNE=f"http://127.0.0.1:{port_libre()}",
        DEM_HUB_ADRESSE_PROXY=f"http://127.0.0.1:{port_libre()}",
        DEM_HUB_MOT_DE_PASSE=mots_de_passe["apprenant"],
        DEM_HUB_MOT_DE_PASSE_FORMATEUR=mots_de_passe["formateur"],
        DEM_HUB_FORMATEUR=FORMATEUR,
    )
    processus = Processus([str(BIN / "jupyterhub"), "-f", str(CONFIG)], cwd=donnees, env=env)
    descendants: dict[int, psutil.Process] = {}

    def noter_descendants():
        try:
            for p in psutil.Process(processus.popen.pid).children(recursive=True):
                descendants[p.pid] = p
        except psutil.NoSuchProcess:
            pass

    try:
        processus.attendre(r"JupyterHub is now running at", timeout=DELAI)
        yield {"url": f"http://127.0.0.1:{port}", "mots_de_passe": mots_de_passe, "donnees": donnees,
               "processus": processus, "noter_descendants": noter_descendants, "descendants": descendants}
    finally:
        noter_descendants()
        processus.arreter(timeout=60)
        for p in descendants.values():  # only processes this hub started
            try:
                if p.is_running():
                    p.kill()
            except psutil.NoSuchProcess:
                pass
        subprocess.run(["rm", "-rf", str(donnees)], check=False)


@pytest.fixture(scope="module")
def hub():
    with hub_demarre() as h:
        yield h


@pytest.fixture(scope="module")
def classe(hub):
    """Log everybody in, start their servers, and run the whole assignment cycle once."""
    url, mdp = hub["url"], hub["mots_de_passe"]
    t0 = time.monotonic()
    def etape(nom):  # progress marks, shown by pytest when the test fails or with -s
        print(f"[{time.monotonic() - t0:6.1f} s] {nom}", file=sys.stderr, flush=True)
    formateur = Utilisateur(url, FORMATEUR)
    apprenants = {nom: Utilisateur(url, nom) for nom in APPRENANTS}
    tous = [formateur, *apprenants.values()]
    connexions = {formateur.nom: formateur.connexion(mdp["formateur"])}
    for a in apprenants.values():
        connexions[a.nom] = a.connexion(mdp["apprenant"])
    for u in tous:
        assert connexions[u.nom].status_code == 302, f"{u.nom} : connexion refusée ({connexions[u.nom].status_code})"
        u.creer_jeton()
        # (Its server may already run: tests/test_hub_navigateur.py logs the trainer in with a browser first.)
        if "" not in u.hub("GET", f"/users/{u.nom}").json().get("servers", {}):
            assert u.hub("POST", f"/users/{u.nom}/server").status_code in (201, 202)
    etape("servers asked")
    with ThreadPoolExecutor(len(tous)) as pool:
        list(pool.map(lambda u: u.attendre_serveur(), tous))
    hub["noter_descendants"]()

    etape("servers ready; trainer generates and releases")
    # The trainer generates and releases the assignment from the formgrader.
    formateur.formgrader(f"assignment/{DEVOIR}/assign")
    formateur.formgrader(f"assignment/{DEVOIR}/release")

    etape("released; learners fetch and answer")
    # The learners fetch it, answer, and submit.
    listes = {nom: a.nbgrader("fetch") for nom, a in apprenants.items()}
    for nom, a in apprenants.items():
        repondre(a, nom)
    etape("answered; validation in the learner's server")
    validation = apprenants["complet"].json(
        "POST", "/assignments/validate", data={"path": f"{RECU}/{DEVOIR}.ipynb"})
    etape("validated; learners submit")
    soumissions = {nom: a.nbgrader("submit") for nom, a in apprenants.items()}

    etape("submitted; trainer collects and autogrades")
    # The trainer collects, autogrades, generates and releases the feedback.
    journaux = {"collect": formateur.formgrader(f"assignment/{DEVOIR}/collect")["log"]}
    for nom in apprenants:
        journaux[nom] = formateur.formgrader(f"submission/{DEVOIR}/{nom}/autograde")["log"]
    etape("autograded; feedback generated and released")
    formateur.formgrader(f"assignment/{DEVOIR}/generate_feedback")
    formateur.formgrader(f"assignment/{DEVOIR}/release_feedback")
    notes = {s["student"]: s for s in formateur.json("GET", f"/formgrader/api/submissions/{DEVOIR}")}

    etape("feedback released; learners fetch it")
    # The learners fetch their feedback.
    retours, listes_des_retours = {}, {}
    for nom, a in apprenants.items():
        listes_des_retours[nom] = a.nbgrader("fetch_feedback")
        dossiers = a.lire(f"{RECU}/feedback")["content"]
        assert len(dossiers) == 1, f"{nom} : {dossiers}"
        retours[nom] = a.lire(f"{dossiers[0]['path']}/{DEVOIR}.html")["content"]
    etape("done")
    return {"formateur": formateur, "apprenants": apprenants, "listes": listes, "soumissions": soumissions,
            "validation": validation, "notes": notes, "retours": retours, "listes_des_retours": listes_des_retours,
            "journaux": journaux, "donnees": hub["donnees"]}


def repondre(apprenant: Utilisateur, nom: str) -> None:
    """Answer as tests/test_cantine.py's learners do, then save through the contents API."""
    if nom == "intact":
        return
    chemin = f"{RECU}/{DEVOIR}.ipynb"
    nb = nbformat.from_dict(apprenant.lire(chemin)["content"])
    with tempfile.TemporaryDirectory() as dossier:
        if nom == "complet":
            nb = executer_notebook(code_juste(nb), Path(dossier), apres=code_repondre_par_widgets(BONNES_REPONSES_WIDGETS))
        elif nom == "partiel":
            nb = executer_notebook(nb, Path(dossier),
                                   apres=code_repondre_par_widgets({q.separateur.id: q.separateur.reponse}))
        reponses = (Path(dossier) / f"reponses-{DEVOIR}.json").read_text(encoding="utf-8")
    apprenant.ecrire_carnet(chemin, nb)
    apprenant.ecrire_texte(f"{RECU}/reponses-{DEVOIR}.json", reponses)


def test_page_de_connexion_en_francais(hub):
    r = requests.get(f"{hub['url']}/hub/login", timeout=30)
    page = texte(r)
    assert r.status_code == 200
    assert "Votre nom :" in page and "Mot de passe :" in page and 'value="Se connecter"' in page
    assert "« Camille Dupont »" in page, "la règle du nom est dite avant la saisie"
    assert "Sign in" not in page and "Username" not in page
    r = requests.get(f"{hub['url']}/hub/nulle-part", timeout=30)
    assert r.status_code == 404 and "Page introuvable" in texte(r) and "moons" not in texte(r)


def texte(reponse: requests.Response) -> str:
    """The page as a person reads it (the hub's pages are UTF-8; requests would guess Latin-1)."""
    import html as module_html
    return module_html.unescape(reponse.content.decode("utf-8"))


def test_connexions_refusees_avec_la_raison_en_francais(hub):
    url, mdp = hub["url"], hub["mots_de_passe"]
    r = Utilisateur(url, "quelquun").connexion("mauvais-mot-de-passe")
    assert r.status_code == 403 and "Mot de passe incorrect pour « quelquun »" in texte(r)
    # The learners' password does not open the trainer's account.
    r = Utilisateur(url, FORMATEUR).connexion(mdp["apprenant"])
    assert r.status_code == 403 and "Mot de passe incorrect" in texte(r)
    # nbgrader student ids cannot contain « + »: such a name is refused, and the page says what a name may contain.
    r = Utilisateur(url, "a+b").connexion(mdp["apprenant"])
    assert r.status_code == 403, r.status_code
    assert "« a+b » ne peut pas servir de nom" in texte(r) and "Camille Dupont" in texte(r)
    assert "Invalid username" not in texte(r)


@pytest.mark.parametrize(("tape", "compte"), [("Camille Dupont", "camille.dupont"), ("léa", "lea"),
                                               ("  Éloïse N'Diaye ", "eloise.n.diaye")])
def test_noms_tels_qu_on_les_tape(hub, tape, compte):
    u = Utilisateur(hub["url"], tape)
    r = u.connexion(hub["mots_de_passe"]["apprenant"])
    assert r.status_code == 302, (r.status_code, texte(r)[:2000])
    # The person sees the account name they were given (navigation bar of the hub's pages).
    accueil = texte(u.session.get(f"{hub['url']}/hub/home", timeout=30))
    assert f"Connecté·e sous le nom <strong>{compte}</strong>" in accueil
    assert "Votre nom de compte : <strong>" + compte in accueil
    # Its JupyterLab not started yet: the hub's page says so in French.
    r = u.session.get(f"{hub['url']}/hub/user/{compte}/", timeout=30)
    assert "Votre espace de travail est arrêté" in texte(r) and "Server not running" not in texte(r), r.status_code


def test_chaque_apprenant_a_son_serveur_en_francais_avec_les_carnets(classe):
    carnets = sorted(p.name for p in (RACINE / "notebooks").glob("*.ipynb"))
    for a in classe["apprenants"].values():
        reglage = a.json("GET", "/lab/api/settings/@jupyterlab/translation-extension:plugin")
        assert reglage["schema"]["properties"]["locale"]["default"] == "fr_FR"
        # No « Jupyter news » pop-up on every learner's screen (and no request to the news site).
        notifications = a.json("GET", "/lab/api/settings/@jupyterlab/apputils-extension:notification")
        assert notifications["schema"]["properties"]["fetchNews"]["default"] == "false"
        # Saved every 10 s: reloading the page (as the troubleshooting table says) loses no output.
        sauvegarde = a.json("GET", "/lab/api/settings/@jupyterlab/docmanager-extension:plugin")
        assert sauvegarde["schema"]["properties"]["autosaveInterval"]["default"] == 10
        assert sorted(f["name"] for f in a.lire("carnets")["content"]) == carnets
    # The course's JupyterLab extension and its stylesheet, as with outils/atelier.sh (one function gives both).
    for u in (classe["formateur"], *classe["apprenants"].values()):
        verifier_extension_du_cours(u.api, f"{u.url}/user/{u.nom}/lab")


def test_formgrader_reserve_au_formateur(classe):
    assert classe["apprenants"]["complet"].serveur("GET", "/formgrader/api/assignments").status_code == 404
    devoirs = classe["formateur"].json("GET", "/formgrader/api/assignments")
    assert DEVOIR in {d["name"] for d in devoirs}


def test_formgrader_affichable_dans_jupyterlab(classe):
    """JupyterLab shows the formgrader in a frame: the page may be framed by its own origin, not by others."""
    r = classe["formateur"].serveur("GET", "/formgrader")
    assert r.status_code == 200, r.status_code
    assert r.headers["Content-Security-Policy"] == "frame-ancestors 'self'"


def test_commandes_du_cours_dans_le_terminal_du_formateur(classe):
    sortie = classe["formateur"].terminal("command -v python nbgrader; nbgrader --version")
    chemins = [ligne.strip() for ligne in sortie.splitlines() if ligne.strip().startswith("/")]
    assert chemins[:2] == [str(BIN / "python"), str(BIN / "nbgrader")], sortie
    assert "0.9" in sortie, sortie


def test_correction_sans_fausse_alerte_en_anglais(classe):
    journaux = classe["journaux"]
    assert "cheating" not in journaux["collect"], journaux["collect"]
    for nom in APPRENANTS:
        assert "has changed" not in journaux[nom], journaux[nom]
    # The gradebook was created with its schema version (alembic found on the server's PATH).
    import sqlite3
    base = classe["donnees"] / "utilisateurs" / FORMATEUR / "cours" / "gradebook.db"
    with sqlite3.connect(base) as connexion:
        assert connexion.execute("select count(*) from alembic_version").fetchone()[0] == 1
    # Learners have a name in the formgrader, not « None, None ».
    eleves = {e["id"]: e for e in classe["formateur"].json("GET", "/formgrader/api/students")}
    for nom in APPRENANTS:
        assert eleves[nom]["last_name"] == nom.capitalize(), eleves[nom]


def test_un_apprenant_ne_voit_ni_les_autres_ni_le_formateur(classe):
    """Learner B, from a JupyterLab terminal (its kernels run in the same sandbox), tries to read learner A's
    answers, the trainer's source notebook (solutions) and gradebook, and to write in A's folder."""
    utilisateurs = classe["donnees"] / "utilisateurs"
    copie_de_a = utilisateurs / "complet" / RECU / f"{DEVOIR}.ipynb"
    reponses_de_a = utilisateurs / "complet" / RECU / f"reponses-{DEVOIR}.json"
    cours = utilisateurs / FORMATEUR / "cours"
    source = cours / "source" / DEVOIR / f"{DEVOIR}.ipynb"
    source_du_depot = RACINE / "exercises" / "source" / DEVOIR / f"{DEVOIR}.ipynb"
    cibles = [copie_de_a, reponses_de_a, source, cours / "gradebook.db", source_du_depot]
    assert all(p.exists() for p in cibles), "ces fichiers existent : seule la cloison peut les cacher"
    b = classe["apprenants"]["intact"]
    sortie = b.terminal(
        f"ls -1 {utilisateurs}; cat {' '.join(map(str, cibles))}; ls {cours}; "
        f"echo intrusion > {copie_de_a.parent}/intrusion.txt; "
        f"python -c \"print(open('{source}').read())\"; ls /proc | grep -c '^[0-9]'")
    lignes = [ligne.strip() for ligne in sortie.splitlines() if ligne.strip()]
    assert lignes[0] == "intact", f"B ne voit que son propre dossier : {sortie}"
    assert '"cell_type"' not in sortie and "BEGIN SOLUTION" not in sortie and "SQLite" not in sortie, sortie
    assert sortie.count("No such file or directory") >= len(cibles) + 2, sortie
    assert not (copie_de_a.parent / "intrusion.txt").exists()
    assert int(lignes[-1]) < 30, f"B ne voit que ses propres processus : {sortie}"
    # Its own folder and the exchange stay usable (the class above fetched and submitted through them).
    assert "cantine" in b.terminal(f"ls ~/{DOSSIER_DES_DEVOIRS}; ls $NBGRADER_ECHANGE/donnees-en-main/outbound")


def test_les_apprenants_recoivent_le_devoir(classe):
    for nom, liste in classe["listes"].items():
        (devoir,) = [d for d in liste["value"] if d["assignment_id"] == DEVOIR]
        assert devoir["status"] == "fetched", nom
        assert [n["notebook_id"] for n in devoir["notebooks"]] == [DEVOIR]
        # In ~/devoirs/, not in the home folder beside carnets/ (whose workshop notebook is also cantine.ipynb):
        # the paths the Assignment List opens, relative to the learner's home.
        assert devoir["path"] == RECU, (nom, devoir["path"])
        assert [n["path"] for n in devoir["notebooks"]] == [f"{RECU}/{DEVOIR}.ipynb"], nom
        accueil = {f["name"] for f in classe["apprenants"][nom].lire("")["content"]}
        assert {"carnets", DOSSIER_DES_DEVOIRS} <= accueil and DEVOIR not in accueil, (nom, accueil)
    # The feedback, fetched into the same folder: « (voir la correction) » opens it from there.
    for nom, liste in classe["listes_des_retours"].items():
        (devoir,) = [d for d in liste["value"] if d["assignment_id"] == DEVOIR and d["status"] == "submitted"]
        (rendu,) = devoir["submissions"]
        assert rendu["local_feedback_path"] == f"{RECU}/feedback/{rendu['timestamp']}", (nom, rendu)


def test_la_copie_complete_passe_la_validation_dans_son_serveur(classe):
    v = classe["validation"]
    assert v["success"], v
    assert "failed" not in v["value"] and "changed" not in v["value"], v["value"]


def test_les_soumissions_arrivent(classe):
    for nom, liste in classe["soumissions"].items():
        (devoir,) = [d for d in liste["value"] if d["assignment_id"] == DEVOIR and d["status"] == "submitted"]
        assert len(devoir["submissions"]) == 1, nom


def test_notes_exactes(classe):
    notes = classe["notes"]
    assert set(notes) == set(APPRENANTS)
    for nom, attendu in APPRENANTS.items():
        assert notes[nom]["max_score"] == 5, nom
        assert notes[nom]["score"] == attendu, (nom, notes[nom])
        assert notes[nom]["autograded"], nom


def test_chaque_apprenant_recoit_son_retour_en_francais(classe):
    for nom, attendu in APPRENANTS.items():
        html = classe["retours"][nom]
        assert '<html lang="fr">' in html, nom
        assert f"{DEVOIR} (Note : {attendu:g} / 5)" in html, nom
        # Written for people who do not code: a verdict per question, points the French way, no test code,
        # no traceback, no English placeholder.
        assert "Question 1 — le format (1 point)</a> :" in html, nom
        assert "BEGIN HIDDEN TESTS" not in html and "est_juste()" not in html, nom
        assert "Traceback (most recent call last)" not in html and "AssertionError" not in html, nom
        assert "No response" not in html and "0.0 / 1.0" not in html, nom
    intact = classe["retours"]["intact"]
    assert intact.count("Correction : réponse fausse ou absente") == 4
    assert "Note : 0 / 2" in intact and "Pas de réponse : la ligne" in intact
    complet = classe["retours"]["complet"]
    assert complet.count("Correction : réponse juste") == 4 and "Note : 2 / 2" in complet


def _ligne_de_commande(p) -> str:
    """A process's command line, or "" when it has ended meanwhile (short-lived helpers do)."""
    try:
        return " ".join(p.cmdline())
    except psutil.Error:
        return ""


def test_arret_sans_processus_restant(hub, classe):
    hub["noter_descendants"]()
    serveurs = [p for p in hub["descendants"].values() if "jupyterhub-singleuser" in _ligne_de_commande(p)]
    assert len(serveurs) >= len(APPRENANTS) + 1, "un serveur par personne connectée"
    code = hub["processus"].arreter(timeout=60)
    assert code in (0, -15), hub["processus"].journal[-3000:]
    time.sleep(1)
    survivants = [p.pid for p in hub["descendants"].values() if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert not survivants, f"processus encore vivants après l'arrêt du hub : {survivants}"


@pytest.mark.parametrize(("reglages", "message"), [
    ({}, "définissez DEM_HUB_MOT_DE_PASSE"),
    ({"DEM_HUB_MOT_DE_PASSE": "court"}, "8 caractères ou plus"),
    ({"DEM_HUB_MOT_DE_PASSE": "apprenants-2026", "DEM_HUB_MOT_DE_PASSE_FORMATEUR": "trop-court"}, "32 caractères ou plus"),
    ({"DEM_HUB_MOT_DE_PASSE": "x" * 40, "DEM_HUB_MOT_DE_PASSE_FORMATEUR": "x" * 40}, "différent de celui des apprenants"),
])
def test_reglages_manquants_expliques_en_francais(tmp_path, reglages, message):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEM_HUB_")}
    env.update(reglages, DEM_HUB_DONNEES=str(tmp_path / "hub"))
    charger = ("from traitlets.config.loader import PyFileConfigLoader; "
               f"PyFileConfigLoader('jupyterhub_config.py', path={str(CONFIG.parent)!r}).load_config()")
    r = subprocess.run([sys.executable, "-c", charger], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 1
    assert "Erreur de configuration du JupyterHub « Données en main »" in r.stderr and message in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
