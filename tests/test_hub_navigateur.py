"""The class hub in a real browser (headless Chromium driven by Playwright), as a trainer and a learner use it.

The hub starts as deploiement/jupyterhub/README.md says (the fixture of tests/test_jupyterhub.py, which also
checks every grade over HTTP). Here, first, a whole class on a hub of its own, everything clicked: the trainer
releases from the formgrader inside JupyterLab, two learners fetch, answer through the widgets and the code cells,
submit; the trainer collects, autogrades and reads each exact grade in the formgrader, releases the feedback, which
each learner opens from the Assignment List; one cell of learner B fails to read A's copy and the trainer's
solutions. Then, on the shared hub: the French login form, typed into and clicked; the trainer's JupyterLab
opens the formgrader from the Nbgrader menu, and the formgrader really shows inside JupyterLab's frame (a
refused frame is an empty error page); the learner, logging in as « Léa Martin », gets the account lea.martin
and a French JupyterLab without the news pop-up, whose « Validate » says in French what it checks.

The course's JupyterLab extension (outils/jupyter/labextensions/, loaded by donnees_en_main.atelier.options_jupyterlab,
as in outils/atelier.sh): on a phone (390 px) the side panels are folded, every menu is on screen and opens, a
menu's item works with one tap, nothing of the menu bar and the status bar is cut, the workshop questions keep their
labels next to their radio buttons and their buttons whole, « Tout exécuter » records no empty answer and the outputs
survive a reload once saved on their own; once the class
(tests/test_jupyterhub.py's ``classe``) has been graded, « (voir la correction) » in the Assignment List opens the
French feedback page; the fetched assignment is in its own folder (devoirs/cantine/, not beside carnets/), which the
file list's path says, and its tab is told apart from the workshop notebook's (also cantine.ipynb) on a desktop and
on a phone, where a tab shows about 90 px of its label.
"""

from __future__ import annotations

import json
import re
import sys
import time

import nbformat
import pytest

from donnees_en_main.chapitres.cantine import questions as q
from donnees_en_main.correction.configuration import nom_affiche
from donnees_en_main.donnees import charger
from outils_navigateur import TELEPHONE, chromium_executable, options_chromium
from test_cantine import CODE_Q3, CODE_Q4
from test_exercices_telephone import MESURES as MESURES_QUESTIONS
from test_jupyterhub import DEVOIR, FORMATEUR, RACINE, RECU, classe, hub, hub_demarre  # noqa: F401 (the hub, the class)

pytestmark = pytest.mark.skipif(chromium_executable() is None,
                                reason="Chromium absent : installez-le (Debian : sudo apt install chromium)")

DELAI_MS = 120_000


@pytest.fixture(scope="module")
def navigateur():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(**options_chromium())
        try:
            yield chromium
        finally:
            chromium.close()


# Installed in every page of a browser's context: what the hub's wait page (« spawn pending ») shows, each time it
# changes, kept in the tab's sessionStorage (the same origin as JupyterLab, which the page then opens).
NOTER_ATTENTE = """(() => {
  if (!location.pathname.includes('/hub/spawn-pending/')) return;
  const noter = () => {
    const vus = JSON.parse(sessionStorage.getItem('dem-attente') || '[]');
    const texte = document.body ? document.body.innerText.trim() : '';
    if (texte && vus[vus.length - 1] !== texte) {
      vus.push(texte);
      sessionStorage.setItem('dem-attente', JSON.stringify(vus));
    }
  };
  new MutationObserver(noter).observe(document, {childList: true, subtree: true, characterData: true});
})()"""


def pages_d_attente(page) -> list[str]:
    """Each text the hub's wait page showed while this tab's JupyterLab started."""
    return json.loads(page.evaluate("sessionStorage.getItem('dem-attente') || '[]'"))


def se_connecter(navigateur, url: str, nom: str, mot_de_passe: str, telephone: bool = False):
    """Open the login page, check it is French, type the name and password, click « Se connecter »;
    return the page once JupyterLab is loaded (on a phone's screen, touched with a finger, if ``telephone``)."""
    ecran = {"viewport": TELEPHONE, "has_touch": True, "is_mobile": True} if telephone else {
        "viewport": {"width": 1280, "height": 900}}
    contexte = navigateur.new_context(locale="fr-FR", **ecran)
    contexte.add_init_script(NOTER_ATTENTE)
    page = contexte.new_page()
    page.set_default_timeout(DELAI_MS)
    page.goto(f"{url}/hub/login")
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.locator("label[for=username_input]").inner_text() == "Votre nom :"
    assert "Camille Dupont" in page.locator("#regle_nom").inner_text()
    page.fill("#username_input", nom)
    page.fill("#password_input", mot_de_passe)
    page.click("#login_submit")
    page.wait_for_url(re.compile(r"/user/[^/]+/lab"), timeout=DELAI_MS)
    page.locator(".lm-MenuBar-itemLabel").first.wait_for()
    return page


def libelles_du_menu(page) -> list[str]:
    return [t.strip() for t in page.locator(".lm-MenuBar-itemLabel").all_inner_texts()]


# What is on screen of JupyterLab's menu bar (top) and status bar (bottom): every element shown, its edges, and
# whether its text is cut (wider than its box: ellipsised or clipped). Used on a phone's screen.
MESURES_BARRES = """() => {
  const mesurer = (barre, selecteur) => Array.from(document.querySelectorAll(selecteur))
    .filter(e => e.getClientRects().length && e.getBoundingClientRect().width > 0)
    .map(e => { const b = e.getBoundingClientRect();
                return {barre, texte: e.textContent.trim(), gauche: Math.round(b.left), droite: Math.round(b.right),
                        coupe: e.scrollWidth > e.clientWidth + 1}; });
  const statut = document.querySelector('#jp-main-statusbar');
  return {largeur: window.innerWidth,
          statut_deborde: statut ? statut.scrollWidth - statut.clientWidth : null,
          elements: [...mesurer('menus', '#jp-MainMenu .lm-MenuBar-item'),
                     ...mesurer('menus', '#jp-MainMenu .lm-MenuBar-itemLabel'),
                     ...mesurer('état', '#jp-main-statusbar .jp-StatusBar-Item'),
                     ...mesurer('état', '#jp-main-statusbar .jp-StatusBar-Item *')]};
}"""


PROGRESSION = re.compile(r"\d+ questions? faites? sur \d+")  # the progress summary's first line


def barres_coupees(page) -> list[str]:
    """What a person on this screen cannot read whole in the menu bar and the status bar, with its figures."""
    m = page.evaluate(MESURES_BARRES)
    assert m["statut_deborde"] is not None and any(e["barre"] == "état" for e in m["elements"]), m
    coupes = [f"barre {e['barre']} : « {e['texte']} » de {e['gauche']} à {e['droite']} px"
              f"{' (texte coupé)' if e['coupe'] else ''}" for e in m["elements"]
              if e["gauche"] < 0 or e["droite"] > m["largeur"] or (e["coupe"] and e["texte"])]
    if m["statut_deborde"] > 0:
        coupes.append(f"la barre d'état déborde de {m['statut_deborde']} px (écran de {m['largeur']} px)")
    return coupes


# -- A whole class in the browser: release, fetch, answer by clicking, submit, collect, autograde, feedback ------

# Two learners, as they type their names at the login (their account names: see test_noms_tels_qu_on_les_tape);
# what they click and type (from the question bank and tests/test_cantine.py's code answers). Learner A types both
# code answers, then « Tout exécuter », and answers everything right. Learner B clicks « Tout exécuter » as soon as
# the notebook opens (its kernel still starting), picks a wrong answer to question 1 (one of its frequent errors),
# the right one to question 2, types question 3's code, and for question 4 the mean instead of the median, checked
# at once (its message, and the feedback, show the mean rounded: « 14,756 % », not « 14,7557144375 % »). Their exact
# grades follow from the assignment's points (``note_attendue``).
CODE_Q4_MOYENNE = "mediane_bio = part_bio.mean()\nq.mediane_bio.verifier(mediane_bio)"
CHOIX_FAUX_Q1 = next(c for c in q.separateur.choix if c != q.separateur.reponse and c in q.separateur.erreurs_frequentes)
CLASSE_NAVIGATEUR = {
    "Anne Dupuis": {"compte": "anne.dupuis", "tout_executer_d_abord": False, "code": [CODE_Q3, CODE_Q4],
                    "clics": {q.separateur: q.separateur.reponse, q.indicateur: q.indicateur.reponse}},
    "Bruno Leroy": {"compte": "bruno.leroy", "tout_executer_d_abord": True, "code": [CODE_Q3, CODE_Q4_MOYENNE],
                    "clics": {q.separateur: CHOIX_FAUX_Q1, q.indicateur: q.indicateur.reponse}},
}
SOURCE_DEVOIR = RACINE / "exercises" / "source" / DEVOIR / f"{DEVOIR}.ipynb"


def points_par_question() -> dict[str, float]:
    """Points of each graded question of the assignment: nbgrader's grade cells of the source notebook, each tied
    to the question of the bank that it imports."""
    points = {}
    for c in nbformat.read(SOURCE_DEVOIR, as_version=4).cells:
        nbg = c.metadata.get("nbgrader", {})
        if nbg.get("grade"):
            (nom,) = re.findall(r"import (\w+) as _question_notee", c.source)
            points[getattr(q, nom).id] = nbg["points"]
    return points


def note_attendue(reponses: dict) -> float:
    """The grade of a learner who clicks ``reponses["clics"]`` and replaces the first stubs with ``reponses["code"]``
    (question 3's code, then question 4's): the points of the questions answered right."""
    points = points_par_question()
    justes = [question.id for question, choix in reponses["clics"].items() if choix == question.reponse]
    justes += [question.id for question, code in zip((q.part_bio, q.mediane_bio), (CODE_Q3, CODE_Q4))
               if code in reponses["code"]]
    return sum(points[i] for i in justes)


@pytest.fixture
def hub_vierge():
    """A hub of its own, started as the README says: this class's release must not meet ``classe``'s."""
    with hub_demarre() as h:
        yield h


def ouvrir_la_liste_des_devoirs(page):
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    page.locator(".lm-Menu-itemLabel").get_by_text("Assignment List", exact=True).click()
    page.locator("#released_assignments_list").wait_for()


def devoir_dans_la_liste(page, liste: str):
    """The assignment's row in one list of the Assignment List (released, fetched, submitted)."""
    return page.locator(f"#{liste}_assignments_list > .list_item", has_text=DEVOIR)


def carnet_au_premier_plan(page):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")


def repondre_dans_le_navigateur(page, reponses: dict) -> None:
    """As a learner does: fetch the assignment, open it; type the code answers over the stubs then « Tout exécuter »,
    or (``tout_executer_d_abord``, the button clicked at once, while the kernel starts) the other way round, each
    answer run with Maj + Entrée; click the answers and « Vérifier »; save."""
    ouvrir_la_liste_des_devoirs(page)
    devoir_dans_la_liste(page, "released").get_by_role("button", name="Fetch").click()
    recu = devoir_dans_la_liste(page, "fetched")
    recu.locator("a.assignment-notebooks-link").click()
    recu.locator(".assignment-notebooks a", has_text=re.compile(rf"^{DEVOIR}$")).click()
    carnet = carnet_au_premier_plan(page)
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current", has_text=f"{DEVOIR}.ipynb").wait_for()
    # The notebook opened is the fetched one, in the assignments' folder (JupyterLab's address follows it).
    page.wait_for_url(re.compile(rf"/lab/tree/{re.escape(RECU)}/{DEVOIR}\.ipynb"))
    tout_executer = carnet.locator(".jp-NotebookPanel-toolbar").get_by_text("Tout exécuter", exact=True)
    if reponses["tout_executer_d_abord"]:
        tout_executer.click()
        carnet.locator(".dem-question").nth(1).wait_for()
    for code in reponses["code"]:  # the first stub left is question 3's, then question 4's
        ligne = carnet.locator(".jp-CodeCell .cm-line", has_text=re.compile(r"^raise NotImplementedError\(\)$")).first
        ligne.click()
        page.keyboard.press("End")
        page.keyboard.press("Shift+Home")
        page.keyboard.insert_text(code)
        if reponses["tout_executer_d_abord"]:
            page.keyboard.press("Shift+Enter")
    if not reponses["tout_executer_d_abord"]:
        tout_executer.click()
    # Every code answer has run (its cell numbered), and nothing is running any more.
    for code in reponses["code"]:
        premiere_ligne = code.splitlines()[0]
        cellule = carnet.locator(".jp-CodeCell").filter(has=page.locator(".cm-line", has_text=premiere_ligne))
        cellule.locator(".jp-InputPrompt", has_text=re.compile(r"\[\d+\]")).wait_for()
    carnet.locator(".dem-question").nth(1).wait_for()
    page.wait_for_function("""() => { const n = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
        return n && !Array.from(n.querySelectorAll('.jp-InputPrompt')).some(p => p.textContent.includes('*')); }""")
    for question, choix in reponses["clics"].items():
        boite = carnet.locator(".dem-question").filter(has=page.locator(".widget-radio-box label", has_text=choix))
        boite.locator(".widget-radio-box label", has_text=choix).click()
        boite.get_by_role("button", name=question.libelle_verifier, exact=True).click()
        verdict = "✔ Juste" if choix == question.reponse else "✘ Pas encore"
        boite.get_by_text(verdict).first.wait_for()
    page.keyboard.press("Control+s")
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current.jp-mod-dirty").wait_for(state="detached")


def action_du_formgrader(cadre, lien) -> str:
    """Click a formgrader action; it must say « Success »; close its window; return what the window said."""
    lien.click()
    fenetre = cadre.locator(".modal")
    fenetre.locator(".modal-title").wait_for()
    titre, texte = fenetre.locator(".modal-title").inner_text(), fenetre.locator(".modal-body").inner_text()
    assert titre == "Success", texte[-3000:]
    fenetre.locator(".modal-footer button").click()
    fenetre.wait_for(state="detached")
    return texte



def toucher_jusqu_a_voir(cible, attendu) -> None:
    """Tap ``cible`` until ``attendu`` shows: a busy machine can swallow one tap while the page settles,
    and a reader then taps again (twice at most)."""
    cible.tap()
    try:
        attendu.wait_for(timeout=5_000)
    except Exception:
        cible.tap()
        attendu.wait_for(timeout=10_000)

def test_une_classe_entiere_dans_le_navigateur(navigateur, hub_vierge):
    """The trainer and two learners, each in their own browser, through the hub's whole path: the trainer releases
    from the formgrader inside JupyterLab; the learners fetch, answer by clicking, submit; the trainer collects,
    autogrades and reads each exact grade in the formgrader, releases the feedback; each learner reads her own
    grade in « (voir la correction) ». Learner B's notebook cannot read A's copy nor the trainer's solutions."""
    url, mdp = hub_vierge["url"], hub_vierge["mots_de_passe"]
    t0 = time.monotonic()

    def etape(nom):  # progress marks, shown by pytest when the test fails or with -s
        print(f"[{time.monotonic() - t0:6.1f} s] {nom}", file=sys.stderr, flush=True)

    attendues = {nom: note_attendue(r) for nom, r in CLASSE_NAVIGATEUR.items()}
    assert len(set(attendues.values())) == len(attendues), f"des notes différentes distinguent les copies : {attendues}"
    total = sum(points_par_question().values())
    comptes = {nom: r["compte"] for nom, r in CLASSE_NAVIGATEUR.items()}
    formateur = se_connecter(navigateur, url, "Formateur", mdp["formateur"])
    pages, apprenants = [formateur], {}
    try:
        for nom in CLASSE_NAVIGATEUR:
            apprenants[nom] = se_connecter(navigateur, url, nom, mdp["apprenant"])
            pages.append(apprenants[nom])
        etape("everybody logged in")

        # The trainer generates and releases the assignment from the formgrader, inside JupyterLab.
        formateur.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        formateur.locator(".lm-Menu-itemLabel").get_by_text("Formgrader", exact=True).click()
        cadre = formateur.frame_locator("iframe[src*='formgrader']")
        ligne = cadre.locator("#main-table tr").filter(has=cadre.locator("td.name", has_text=re.compile(rf"^{DEVOIR}$")))
        action_du_formgrader(cadre, ligne.locator("td.assign a"))
        action_du_formgrader(cadre, ligne.locator("td.release a"))
        ligne.locator("td.status", has_text="released").wait_for()
        etape("released")

        for nom, page in apprenants.items():
            repondre_dans_le_navigateur(page, CLASSE_NAVIGATEUR[nom])
            ouvrir_la_liste_des_devoirs(page)
            devoir_dans_la_liste(page, "fetched").get_by_role("button", name="Submit").click()
            devoir_dans_la_liste(page, "submitted").wait_for()
            etape(f"{nom} answered and submitted")

        # The wall: one cell in B's notebook tries to read A's copy and the trainer's source notebook (solutions).
        utilisateurs = hub_vierge["donnees"] / "utilisateurs"
        copie_de_a = utilisateurs / comptes["Anne Dupuis"] / RECU / f"{DEVOIR}.ipynb"
        source = utilisateurs / FORMATEUR / "cours" / "source" / DEVOIR / f"{DEVOIR}.ipynb"
        assert copie_de_a.exists() and source.exists(), "ces fichiers existent : seule la cloison peut les cacher"
        b = apprenants["Bruno Leroy"]
        b.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=f"{DEVOIR}.ipynb").click()
        carnet = carnet_au_premier_plan(b)
        carnet.locator(".jp-Cell .jp-InputArea-editor").last.click()
        b.keyboard.press("Escape")
        b.keyboard.press("b")
        b.keyboard.press("Enter")
        b.keyboard.insert_text(
            "import os\n"
            "def essai(chemin):\n"
            "    try:\n"
            "        return open(chemin).read()[:50]\n"
            "    except OSError as e:\n"
            "        return type(e).__name__\n"
            f"print('CLOISON', [essai(c) for c in {[str(copie_de_a), str(source)]!r}], os.listdir({str(utilisateurs)!r}))")
        b.keyboard.press("Shift+Enter")
        sortie = carnet.locator(".jp-OutputArea-output", has_text="CLOISON").inner_text()
        assert sortie.strip() == f"CLOISON ['FileNotFoundError', 'FileNotFoundError'] [{comptes['Bruno Leroy']!r}]", sortie
        etape("wall checked")

        # The trainer collects, autogrades each copy, and reads the grades in the formgrader.
        journal = action_du_formgrader(cadre, ligne.locator("td.collect a"))
        assert "cheating" not in journal, journal
        ligne.locator("td.num-submissions a", has_text=str(len(CLASSE_NAVIGATEUR))).click()
        copies = {compte: cadre.locator("#main-table tr").filter(has=cadre.locator("td.student-id", has_text=compte))
                  for compte in comptes.values()}
        for compte, copie in copies.items():
            journal = action_du_formgrader(cadre, copie.locator("td.autograde a"))
            assert "has changed" not in journal, journal
        for nom, compte in comptes.items():
            copie = copies[compte]
            copie.locator("td.status", has_text="graded").wait_for()
            assert copie.locator("td.score").inner_text().strip() == f"{attendues[nom]:g} / {total:g}", nom
            prenom, nom_de_famille = nom_affiche(compte)
            assert copie.locator("td.student-name").inner_text().strip() == f"{nom_de_famille}, {prenom}"
        etape("autograded")
        cadre.locator("a", has_text="Manage Assignments").click()
        action_du_formgrader(cadre, ligne.locator("td.generate-feedback a"))
        action_du_formgrader(cadre, ligne.locator("td.release-feedback a"))
        etape("feedback released")

        # Each learner fetches her feedback and opens it from the Assignment List: her own exact grade, in French.
        achats = charger("achats-cantines")
        # (graded without saving: ``verifier`` would write an answers file here)
        message_moyenne = q.mediane_bio._resultat(float(
            (achats["achats_bio_ht"] / achats["achats_totaux_ht"] * 100).mean())).message
        for nom, page in apprenants.items():
            ouvrir_la_liste_des_devoirs(page)
            page.locator("#refresh_assignments_list").click()
            devoir_dans_la_liste(page, "submitted").get_by_role("button", name="Fetch Feedback").click()
            lien = page.get_by_text("(voir la correction)")
            lien.click()
            page.locator(".lm-DockPanel-tabBar .lm-TabBar-tabLabel", has_text=f"{DEVOIR}.html").wait_for()
            retour = page.frame_locator(".jp-HTMLViewer:not(.lm-mod-hidden) iframe")
            retour.get_by_text(f"{DEVOIR} (Note : {attendues[nom]:g} / {total:g})").first.wait_for()
            texte = retour.locator("body").inner_text()
            assert "BEGIN HIDDEN TESTS" not in texte and "Traceback" not in texte and "No response" not in texte, nom
            # Numbers rounded as the checks read them (B's mean: « 14,756 % » in her message, not 14,7557144375).
            assert not re.findall(r"\d[.,]\d{5,}", texte), (nom, re.findall(r".{40}\d[.,]\d{5,}.{20}", texte))
            if CODE_Q4_MOYENNE in CLASSE_NAVIGATEUR[nom]["code"]:
                assert message_moyenne in texte, (message_moyenne, texte[-3000:])
            assert page.locator("text=(view feedback)").count() == 0
        etape("feedback read")
    finally:
        for page in pages:
            page.context.close()


def test_mauvais_mot_de_passe_dans_le_navigateur(navigateur, hub):  # noqa: F811
    page = navigateur.new_page(locale="fr-FR")
    try:
        page.goto(f"{hub['url']}/hub/login")
        page.fill("#username_input", "Camille Dupont")
        page.fill("#password_input", "pas-le-bon-mot-de-passe")
        page.click("#login_submit")
        erreur = page.locator(".login_error")
        erreur.wait_for(timeout=30_000)
        assert "Mot de passe incorrect pour « camille.dupont »" in erreur.inner_text()
    finally:
        page.close()


def test_le_formateur_ouvre_le_formgrader_dans_jupyterlab(navigateur, hub):  # noqa: F811
    page = se_connecter(navigateur, hub["url"], "Formateur", hub["mots_de_passe"]["formateur"])
    try:
        assert f"/user/{FORMATEUR}/lab" in page.url
        page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        page.locator(".lm-Menu-itemLabel").get_by_text("Formgrader", exact=True).click()
        cadre = page.frame_locator("iframe[src*='formgrader']")
        # The formgrader's own page, inside JupyterLab's frame: not Chromium's « refused to connect ».
        cadre.locator("text=Manage Assignments").first.wait_for(timeout=DELAI_MS)
        # Its list of assignments, loaded by the formgrader's own requests (the gradebook works).
        cadre.get_by_text("cantine", exact=True).first.wait_for(timeout=DELAI_MS)
    finally:
        page.context.close()


def test_l_apprenant_a_un_jupyterlab_en_francais(navigateur, hub):  # noqa: F811
    page = se_connecter(navigateur, hub["url"], "Léa Martin", hub["mots_de_passe"]["apprenant"])
    try:
        assert "/user/lea.martin/lab" in page.url, page.url
        # While her JupyterLab started, the hub's wait page said each step in French (no « Server requested »,
        # « Spawning server... », « Server ready at … », « Stop Server »).
        attente = pages_d_attente(page)
        assert attente and "Votre espace de travail se prépare" in attente[0], attente
        assert "Votre nom de compte est lea.martin" in attente[0], attente  # the name she typed, as an account
        etapes = [t for t in attente if re.search(r"Demande reçue|JupyterLab démarre|est prêt", t)]
        assert etapes and "Votre espace de travail est prêt : il s'ouvre." in attente[-1], attente
        anglais = re.compile(r"Server|Spawn|Stop|Event log|Complete|starting|redirected")
        assert not [t for t in attente if anglais.search(t)], attente
        menus = libelles_du_menu(page)
        assert "Fichier" in menus and "Édition" in menus, menus
        assert "File" not in menus
        # The news pop-up (« Would you like to get notified about official Jupyter news? ») never shows.
        page.wait_for_timeout(3000)
        assert page.locator("text=Jupyter news").count() == 0
        assert page.locator("text=actualités").count() == 0
        # « Validate » says in French what it checks: that the notebook runs, not that the answers are right.
        # What a learner reads (innerText: shown, selectable, read aloud), not nbgrader's English.
        assert valider(page, hub["url"], "essai", [cellule("code", "1 + 1")]) == (
            "Vérification du carnet avant de le rendre",
            "Votre carnet s'exécute sans erreur et peut être rendu. Cette vérification ne dit pas si vos réponses "
            "sont justes : la note viendra avec la correction.")
        # A cell given by the trainer (locked) changed: the grading puts it back, and says so.
        titre, texte = valider(page, hub["url"], "verrou", [cellule("code", "x = 2", verrouillee=True)])
        assert "a été modifiée" in texte and "vos changements dans cette cellule ne compteront pas" in texte, texte
        assert "should not have" not in texte
        # A code cell of the assignment turned into text.
        titre, texte = valider(page, hub["url"], "type", [cellule("markdown", "reponse = 1", type_attendu="code")])
        assert "a changé de type" in texte and "« Code »" in texte, texte
        assert "should not have" not in texte and titre == "Vérification du carnet avant de le rendre"
    finally:
        page.context.close()


def cellule(type_: str, source: str, verrouillee: bool = False, type_attendu: str | None = None) -> dict:
    """A notebook cell as JSON; ``verrouillee``: locked by nbgrader with a checksum that no longer matches its
    source (the learner changed it); ``type_attendu``: the type nbgrader's release gave it."""
    c = {"cell_type": type_, "source": source, "metadata": {}}
    if type_ == "code":
        c.update(outputs=[], execution_count=None)
    if verrouillee:
        c["metadata"]["nbgrader"] = {"grade": False, "solution": False, "locked": True, "grade_id": "donnee",
                                     "checksum": "0" * 32, "schema_version": 3}
    if type_attendu:
        c["metadata"]["nbgrader"] = {"grade": False, "solution": True, "locked": False, "grade_id": "reponse",
                                     "cell_type": type_attendu, "schema_version": 3}
    return c


def valider(page, url: str, nom: str, cellules: list[dict]) -> tuple[str, str]:
    """Save a notebook in lea.martin's folder, open it, click « Validate »; return the dialog's title and text."""
    jeton = next(c["value"] for c in page.context.cookies() if c["name"] == "_xsrf")
    carnet = {"cells": cellules, "nbformat": 4, "nbformat_minor": 5,
              "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}}
    r = page.request.put(f"{url}/user/lea.martin/api/contents/{nom}.ipynb",
                         data={"type": "notebook", "format": "json", "content": carnet}, headers={"X-XSRFToken": jeton})
    assert r.ok, r.text()
    page.goto(f"{url}/user/lea.martin/lab/tree/{nom}.ipynb")
    # JupyterLab reopens the notebooks of the previous visit too: the button of this one, in front.
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel",
                 has_text=f"{nom}.ipynb").wait_for(timeout=60_000)
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Toolbar-item").get_by_text("Validate").click(timeout=60_000)
    dialogue = page.locator(".jp-Dialog-content")
    dialogue.locator("#validation-message").wait_for(timeout=DELAI_MS)
    dialogue.locator("#validation-message[data-dem-traduit]").wait_for(timeout=10_000)
    titre = dialogue.locator(".jp-Dialog-header").inner_text().strip()
    texte = " ".join(p.strip() for p in dialogue.locator("#validation-message > div > p").all_inner_texts())
    page.keyboard.press("Escape")
    return titre, texte


def test_sur_un_telephone_jupyterlab_tient_dans_l_ecran(navigateur, hub):  # noqa: F811
    page = se_connecter(navigateur, hub["url"], "Noé Petit", hub["mots_de_passe"]["apprenant"], telephone=True)
    try:
        # JupyterLab restores its layout (and reopens the file list), then the extension folds it and marks the page.
        page.locator("body[data-dem-pret]").wait_for(state="attached", timeout=DELAI_MS)
        # The workshop notebook opened as a learner does, with a finger: the file list's icon, then two taps on the
        # folder and two on the notebook (it came up in a 40 px strip beside the list, which now folds away).
        page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id='filebrowser']").tap()
        for nom in ("carnets", "cantine.ipynb"):
            element = page.locator(".jp-FileBrowser .jp-DirListing-item").filter(
                has=page.locator(".jp-DirListing-itemText", has_text=re.compile(rf"^{re.escape(nom)}$")))
            element.tap(timeout=DELAI_MS)
            element.tap()
        # (attached, not visible: a notebook squeezed beside the list fails below, with its width)
        page.locator(".jp-NotebookPanel-toolbar").get_by_text("Tout exécuter", exact=True).wait_for(state="attached")
        page.wait_for_timeout(500)
        ecran = page.evaluate("""() => {
          const r = s => { const e = document.querySelector(s); if (!e) return null;
                           const b = e.getBoundingClientRect(); return {gauche: b.left, droite: b.right, haut: b.top,
                           bas: b.bottom, largeur: b.width, hauteur: b.height}; };
          return {fichiers: r('#filebrowser'), carnet: r('.jp-NotebookPanel:not(.lm-mod-hidden)'),
                  barre: r('#jp-top-panel'),
                  menus: Array.from(document.querySelectorAll('#jp-MainMenu .lm-MenuBar-item')).map(e => ({
                    texte: e.textContent, ...(b => ({gauche: b.left, droite: b.right, haut: b.top, bas: b.bottom}))(
                    e.getBoundingClientRect())}))};
        }""")
        # The file list folded (it took half the screen): the notebook has the screen's width, less the two side bars.
        assert ecran["fichiers"] is None or ecran["fichiers"]["largeur"] == 0, ecran
        assert ecran["carnet"]["largeur"] >= TELEPHONE["width"] - 80, ecran
        # Every menu on screen, within the menu bar (none cut off at the right edge).
        libelles = [m["texte"] for m in ecran["menus"]]
        assert {"Fichier", "Exécution", "Nbgrader", "Aide"} <= set(libelles), libelles
        for m in ecran["menus"]:
            assert 0 <= m["gauche"] and m["droite"] <= TELEPHONE["width"], m
            assert ecran["barre"]["haut"] <= m["haut"] and m["bas"] <= ecran["barre"]["bas"] + 1, (m, ecran["barre"])
        assert ecran["barre"]["bas"] <= ecran["carnet"]["haut"] + 1, ecran
        # Nothing of the menu bar nor of the status bar (« Mode : Commande », « Cell 1/32 »… ran off) cut.
        coupes = barres_coupees(page)
        assert not coupes, "à 390 px, coupé ou hors de l'écran :\n" + "\n".join(coupes)
        # The last menu opens with a finger.
        aide = page.locator("#jp-MainMenu .lm-MenuBar-item", has_text="Aide")
        menu = page.locator(".lm-Menu .lm-Menu-itemLabel").first
        toucher_jusqu_a_voir(aide, menu)
        page.keyboard.press("Escape")
        # The workshop's questions, run with the notebook's « Tout exécuter »: labels by their buttons, no button cut.
        page.locator(".jp-NotebookPanel-toolbar").get_by_text("Tout exécuter", exact=True).tap()
        page.locator(".dem-question .widget-radio-box label").first.wait_for(timeout=DELAI_MS)
        page.locator(".dem-question button", has_text="Un indice").first.wait_for(timeout=DELAI_MS)
        page.wait_for_timeout(1000)
        mesures = page.evaluate(MESURES_QUESTIONS)
        boutons = {b["texte"] for b in mesures["boutons"]}
        assert {"Vérifier", "Un indice"} <= boutons, boutons
        for b in mesures["boutons"]:
            assert not b["coupe"] and b["droite"] <= TELEPHONE["width"], b
        assert mesures["choix"], mesures
        for c in mesures["choix"]:
            assert c["rond_droite"] <= c["texte_gauche"] + 1 and c["texte_gauche"] - c["rond_droite"] < 20, c
            assert c["texte_haut"] >= c["haut"] - 1 and c["texte_bas"] <= c["bas"] + 1, c
        # The notebook run (the kernel busy, then idle): the status bar still whole.
        coupes = barres_coupees(page)
        assert not coupes, "à 390 px, coupé ou hors de l'écran :\n" + "\n".join(coupes)
        # « Tout exécuter » records no empty (null) answer; the progress summary shows « médiane » in bold,
        # not « **médiane** ».
        progres = page.locator(".jp-OutputArea-output", has_text=PROGRESSION).inner_text()
        assert "**" not in progres and "médiane" in progres, progres
        jeton = next(c["value"] for c in page.context.cookies() if c["name"] == "_xsrf")
        r = page.request.get(f"{hub['url']}/user/noe.petit/api/contents/carnets/reponses-cantine.json",
                             headers={"X-XSRFToken": jeton})
        assert r.ok or r.status == 404, r.status  # no file: nothing recorded
        if r.ok:
            enregistrees = json.loads(r.json()["content"])
            assert all(e.get("reponse") is not None for e in enregistrees.values()), enregistrees
        # Saved on its own within seconds: reloading the page (the troubleshooting table's advice) keeps the outputs.
        debut = time.monotonic()
        page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current.jp-mod-dirty").wait_for(
            state="detached", timeout=30_000)
        sauvegarde = time.monotonic() - debut
        page.reload()
        page.locator("body[data-dem-pret]").wait_for(state="attached", timeout=DELAI_MS)
        page.locator(".jp-OutputArea-output", has_text=PROGRESSION).wait_for(timeout=DELAI_MS)
        assert sauvegarde <= 15, f"enregistré au bout de {sauvegarde:.0f} s"
        # A menu's item works with one tap of a finger (JupyterLab 4.6 ignored it): Nbgrader, « Assignment List »,
        # where a learner on a phone fetches and hands in the assignment.
        nbgrader = page.locator("#jp-MainMenu .lm-MenuBar-item", has_text="Nbgrader")
        article = page.locator(".lm-Menu .lm-Menu-itemLabel").get_by_text("Assignment List", exact=True)
        nbgrader.tap()
        try:
            article.wait_for(timeout=5_000)
        except Exception:  # the menu bar, as above: a reader taps again (not the item: a second tap hid the bug)
            nbgrader.tap()
            article.wait_for(timeout=10_000)
        article.tap()
        page.locator("#released_assignments_list").wait_for(state="attached", timeout=10_000)
    finally:
        page.context.close()


def test_l_apprenant_ouvre_sa_correction_et_distingue_ses_onglets(navigateur, hub, classe):  # noqa: F811
    page = se_connecter(navigateur, hub["url"], "complet", hub["mots_de_passe"]["apprenant"])
    try:
        # « (voir la correction) » in the Assignment List: the French feedback page itself, in a JupyterLab tab.
        page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        page.locator(".lm-Menu-itemLabel").get_by_text("Assignment List", exact=True).click()
        lien = page.get_by_text("(voir la correction)")
        lien.wait_for(timeout=DELAI_MS)
        lien.click()
        onglet = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tabLabel", has_text="cantine.html")
        onglet.wait_for(timeout=DELAI_MS)
        retour = page.frame_locator(".jp-HTMLViewer:not(.lm-mod-hidden) iframe")
        retour.get_by_text("cantine (Note : 5 / 5)").first.wait_for(timeout=DELAI_MS)
        assert page.locator("text=(view feedback)").count() == 0
        # The fetched assignment and the workshop notebook, both cantine.ipynb, open side by side: tabs named apart.
        # Opened from the file list, as a learner does: the home folder, then each folder (its path shown above the
        # list), then its cantine.ipynb.
        ouvrir_les_deux_cantine(page, page.locator(".jp-FileBrowser .jp-BreadCrumbs-home").click,
                                lambda element: element.dblclick(timeout=DELAI_MS))
        onglets_distincts(page, lambda onglet: onglet.click())
        # The files keep their names (JupyterLab renames a file whose tab label is changed).
        jeton = next(c["value"] for c in page.context.cookies() if c["name"] == "_xsrf")
        for dossier in (RECU, "carnets"):
            r = page.request.get(f"{hub['url']}/user/complet/api/contents/{dossier}/cantine.ipynb?content=0",
                                 headers={"X-XSRFToken": jeton})
            assert r.ok, (dossier, r.status)
    finally:
        page.context.close()


# Inside the feedback page: what runs off its box (a heading's text taller than the heading, a code block wider
# than itself, the page wider than its frame), and how wide the learner's answer is shown.
MESURES_RETOUR = """() => {
  const largeur = document.documentElement.clientWidth;
  const coupes = [];
  for (const e of document.querySelectorAll('.panel-heading')) {
    if (e.scrollHeight > e.clientHeight + 1) coupes.push(`titre « ${e.innerText.trim()} » : ${e.scrollHeight} px de texte dans ${e.clientHeight} px`);
  }
  for (const e of document.querySelectorAll('pre')) {
    if (e.getClientRects().length && e.scrollWidth > e.clientWidth + 1) coupes.push(`code « ${e.innerText.trim().slice(0, 40)} » : ${e.scrollWidth} px dans ${e.clientWidth} px`);
  }
  if (document.documentElement.scrollWidth > largeur + 1) coupes.push(`page de ${document.documentElement.scrollWidth} px dans ${largeur} px`);
  const reponses = Array.from(document.querySelectorAll('.nbgrader_cell .input_area')).map(e => e.getBoundingClientRect().width);
  return {largeur, coupes, reponse_la_plus_etroite: Math.min(...reponses)};
}"""


def test_au_telephone_l_apprenant_lit_sa_correction(navigateur, hub, classe):  # noqa: F811
    """« intact » (every answer missing) opens her feedback on a phone, with her finger: the Nbgrader menu, the
    Assignment List, « (voir la correction) »; each question's verdict and points are readable whole, her answers
    shown across the page's width, nothing runs off the edge."""
    page = se_connecter(navigateur, hub["url"], "intact", hub["mots_de_passe"]["apprenant"], telephone=True)
    try:
        page.locator("body[data-dem-pret]").wait_for(state="attached", timeout=DELAI_MS)
        nbgrader = page.locator("#jp-MainMenu .lm-MenuBar-item", has_text="Nbgrader")
        article = page.locator(".lm-Menu .lm-Menu-itemLabel").get_by_text("Assignment List", exact=True)
        toucher_jusqu_a_voir(nbgrader, article)
        article.tap()
        page.get_by_text("(voir la correction)").tap(timeout=DELAI_MS)
        retour = page.frame_locator(".jp-HTMLViewer:not(.lm-mod-hidden) iframe")
        retour.get_by_text("cantine (Note : 0 / 5)").first.wait_for(timeout=DELAI_MS)
        cadre = page.locator(".jp-HTMLViewer:not(.lm-mod-hidden) iframe").element_handle().content_frame()
        mesures = cadre.evaluate(MESURES_RETOUR)
        assert not mesures["coupes"], f"retour dans un cadre de {mesures['largeur']} px :\n" + "\n".join(mesures["coupes"])
        assert mesures["reponse_la_plus_etroite"] >= 0.75 * mesures["largeur"], mesures
        assert cadre.get_by_text("Correction : réponse fausse ou absente").first.is_visible()
        # Then her assignment and the workshop notebook, opened from the file list with her finger (its icon unfolds
        # it; a notebook opened folds it away): three tabs on a phone's width, the assignment's still says so.
        def accueil():
            page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id='filebrowser']").tap()
            page.locator(".jp-FileBrowser .jp-BreadCrumbs-home").tap()

        def deux_touches(element):
            element.tap(timeout=DELAI_MS)
            element.tap()

        ouvrir_les_deux_cantine(page, accueil, deux_touches)
        onglets_distincts(page, lambda onglet: onglet.tap())
    finally:
        page.context.close()


def ouvrir_les_deux_cantine(page, aller_a_l_accueil, ouvrir) -> None:
    """Open, from the file list, the fetched assignment (devoirs/cantine/cantine.ipynb) then the workshop notebook
    (carnets/cantine.ipynb): ``aller_a_l_accueil()`` shows the home folder, ``ouvrir(element)`` opens a folder or a
    file of the list (a double click, two taps). Each folder's path is shown above the list as it is entered."""
    for dossiers in (RECU.split("/"), ["carnets"]):
        aller_a_l_accueil()
        for i, nom in enumerate([*dossiers, f"{DEVOIR}.ipynb"]):
            element = page.locator(".jp-FileBrowser .jp-DirListing-item").filter(
                has=page.locator(".jp-DirListing-itemText", has_text=re.compile(rf"^{re.escape(nom)}$")))
            ouvrir(element)
            if i < len(dossiers):
                chemin = "/" + "/".join(dossiers[:i + 1]) + "/"
                page.locator(".jp-FileBrowser .jp-BreadCrumbs", has_text=chemin).wait_for(timeout=DELAI_MS)
        page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-NotebookPanel-toolbar").wait_for(timeout=DELAI_MS)
    page.wait_for_function(f"""() => Array.from(document.querySelectorAll('.lm-DockPanel-tabBar .lm-TabBar-tabLabel'))
        .filter(e => e.textContent === '{DEVOIR}.ipynb').length >= 2""", timeout=DELAI_MS)
    page.wait_for_timeout(1000)


# Each tab of the main area: its file name, what the course's stylesheet writes before and after it, its tooltip
# (JupyterLab's, with the file's path), whether it is in front, and whether its label is shown whole.
ONGLETS = """() => Array.from(document.querySelectorAll('.lm-DockPanel-tabBar .lm-TabBar-tab')).map(t => {
  const l = t.querySelector('.lm-TabBar-tabLabel');
  const lire = c => (c && c !== 'none' && c !== 'normal') ? JSON.parse(c) : '';
  return {nom: l.textContent, avant: lire(getComputedStyle(l, '::before').content),
          apres: lire(getComputedStyle(l, '::after').content), titre: t.title,
          devant: t.classList.contains('lm-mod-current'), largeur: l.clientWidth, largeur_du_texte: l.scrollWidth};
})"""


def onglets_distincts(page, activer) -> None:
    """The two cantine.ipynb tabs: the assignment's (in devoirs/cantine/) reads « Devoir : » before its name, the
    workshop notebook's (in carnets/) nothing. Each, brought to the front (``activer(tab)``: a click, a tap), shows
    its whole label, whatever the width of the screen: the learner reads which of the two she has in front of her."""
    def les_deux():
        onglets = {o["titre"]: o for o in page.evaluate(ONGLETS) if o["nom"] == f"{DEVOIR}.ipynb"}
        assert len(onglets) == 2, onglets
        (devoir,) = [o for titre, o in onglets.items() if f"{RECU}/{DEVOIR}.ipynb" in titre]
        (atelier,) = [o for titre, o in onglets.items() if f"carnets/{DEVOIR}.ipynb" in titre]
        return {"devoir": devoir, "atelier": atelier}

    attendu = {"devoir": ("Devoir\u00a0: ", ""), "atelier": ("", "")}
    for quoi, chemin in (("devoir", f"{RECU}/{DEVOIR}.ipynb"), ("atelier", f"carnets/{DEVOIR}.ipynb")):
        activer(page.locator(f".lm-DockPanel-tabBar .lm-TabBar-tab[title*='{chemin}']"))
        page.wait_for_url(re.compile(rf"/lab/tree/{re.escape(chemin)}"), timeout=30_000)
        page.wait_for_timeout(500)
        onglet = les_deux()[quoi]
        assert onglet["devant"] and (onglet["avant"], onglet["apres"]) == attendu[quoi], onglet
        assert onglet["largeur_du_texte"] <= onglet["largeur"] + 1, f"onglet du {quoi} coupé : {onglet}"
