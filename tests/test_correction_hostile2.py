"""Hostile submissions, round 3 (issue 17, trust round): what a grader must survive without a scratch.

One room of the canteen assignment, graded by ``corriger`` (two workers), where hostile copies sit
between honest ones whose exact scores are checked:

- the notebook replaced by something else (empty, binary, a zip, JSON that is not a notebook,
  nbformat 3, a 50 MB one-line notebook, JSON nested 100,000 levels);
- special files in the submission (FIFO, socket, symbolic links to /etc/shadow, to the solutions,
  to another learner's copy; a hard link to another learner's notebook), file names with a line break
  or ANSI escapes;
- the answers file of the widget questions tampered (wrong types, huge, nested, unknown questions,
  NaN and Infinity);
- nbgrader metadata tampered (grade: false on a test cell, a cell added with a test cell's grade_id,
  a test cell rewritten with its checksum recomputed, answer cells locked);
- code that ignores SIGINT/SIGTERM and sleeps forever, a setsid daemon, ANSI escapes and 10 MB of
  text, an answer whose ``__repr__`` raises, a recursion bomb.

Each must leave the other copies' scores exact, the batch whole, no process and no temporary folder
behind, give no unearned point and, when suspicious, be flagged in French.
"""

from __future__ import annotations

import copy
import json
import os
import socket
import tempfile
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbgrader import utils

from donnees_en_main.correction import Limites, corriger
from donnees_en_main.correction.bac_a_sable import MO
from donnees_en_main.chapitres.cantine import questions as q
from outils_nbgrader import CoursNbgrader, cellule, remplir
from outils_processus import processus_dont_la_commande
from test_correction_hostile import CODE_Q3, CODE_Q4, DIAG, TOUT_JUSTE, TOUT_VA_BIEN, code, reponses_widgets

pytestmark = pytest.mark.skipif(not DIAG.bwrap, reason="bubblewrap (bwrap) absent : isolement non testable ici")

LIMITES = Limites(delai_cellule=8, delai_carnet=30, memoire=1600 * MO, processus=48, sortie=1 * MO)
DEMON = "319.5"  # argv of the daemon a copy leaves behind: it must not survive the grading
ZERO = dict.fromkeys(TOUT_JUSTE, 0)
WIDGETS_SEULS = {**TOUT_JUSTE, "q3-correction": 0, "q4-correction": 0}  # widget answers right, code not done
CODE_SEUL = {**TOUT_JUSTE, "q1-correction": 0, "q2-correction": 0}


# -- code run by the kernel ------------------------------------------------------------------------------

SOURD_ET_ENDORMI = """import signal, time
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGTERM, signal.SIG_IGN)
time.sleep(10 ** 6)"""

DEMON_SETSID = f"""import os
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv("/bin/sleep", ["sleep", "{DEMON}"])
    os._exit(0)
os.wait()
{CODE_Q3}"""

ANSI_ET_10_MO = CODE_Q3 + """
print("\\x1b[2J\\x1b[31mROUGE\\x1b]0;titre\\x07")
print("y" * 10_000_000)"""

REPR_QUI_LEVE = """class Piege(float):
    def __repr__(self):
        raise RuntimeError("\\x1b[2Jpiège")
    __str__ = __repr__
part_bio = Piege(3.0)"""

RECURSION = """import sys
sys.setrecursionlimit(10 ** 6)
def f(n):
    return f(n + 1) + 1
f(0)"""


# -- building the copies ---------------------------------------------------------------------------------

def notebook_juste(cours: CoursNbgrader):
    nb = nbformat.read(cours.version_eleve / "cantine.ipynb", as_version=4)
    return code()(nb)


def remplacer_carnet(dossier: Path, contenu: bytes) -> None:
    (dossier / "cantine.ipynb").write_bytes(contenu)


def zip_du_carnet(dossier: Path) -> bytes:
    chemin = dossier.parent / "carnet.zip"
    with zipfile.ZipFile(chemin, "w") as z:
        z.write(dossier / "cantine.ipynb", "cantine.ipynb")
    contenu = chemin.read_bytes()
    chemin.unlink()
    return contenu


def ecrire_reponses(dossier: Path, texte: str) -> None:
    (dossier / "reponses-cantine.json").write_text(texte, encoding="utf-8")


def reponses_justes() -> dict:
    return {q.separateur.id: {"reponse": q.separateur.reponse}, q.indicateur.id: {"reponse": q.indicateur.reponse}}


def grade_false_sur_un_test(nb):
    code(q3="part_bio = 42")(nb)
    meta = cellule(nb, "q3-correction").metadata["nbgrader"]
    meta["grade"] = False
    meta["points"] = 0
    return nb


def faux_doublon_de_test(nb):
    # a cell carrying q3-correction's grade_id, placed first, that would pass whatever part_bio is
    code(q3="part_bio = 42")(nb)
    originale = cellule(nb, "q3-correction")
    fausse = nbformat.v4.new_code_cell("assert True", metadata=json.loads(json.dumps(originale.metadata)))
    nb.cells.insert(1, fausse)
    return nb


def reecrire_test_avec_sa_somme(nb):
    # the test cell emptied and its checksum recomputed, as nbgrader would for the new source
    code(q3="part_bio = 42")(nb)
    test = cellule(nb, "q3-correction")
    test.source = "pass"
    test.metadata["nbgrader"]["checksum"] = utils.compute_checksum(test)
    return nb


def solutions_verrouillees(nb):
    code()(nb)
    for grade_id in ("q3-reponse", "q4-reponse"):
        cellule(nb, grade_id).metadata["nbgrader"]["locked"] = True
    for grade_id in ("q1-correction", "q2-correction"):
        cellule(nb, grade_id).metadata["nbgrader"]["locked"] = False
    return nb


def en_nbformat_3(nb) -> str:
    return nbformat.writes(nbformat.convert(copy.deepcopy(nb), 3))


def demons() -> list[int]:
    return processus_dont_la_commande(lambda commande: DEMON.encode() in commande)


@pytest.fixture(scope="module")
def salle(tmp_path_factory):
    cours = CoursNbgrader(tmp_path_factory.mktemp("hostile2"), "cantine")
    cours.generer()

    def soumettre(eleve, modifier=code(), widgets=True):
        dossier = cours.soumettre(eleve, modifier=modifier)
        if widgets:
            reponses_widgets(dossier)
        return dossier

    # honest copies, spread among the hostile ones (the workers take them in name order)
    for i in range(4):
        soumettre(f"temoin{i}")
    soumettre("temoin_faux", code(q4="mediane_bio = 0"))

    # -- the notebook replaced by something else
    juste = notebook_juste(cours)
    remplacer_carnet(soumettre("c_vide"), b"")
    remplacer_carnet(soumettre("c_binaire"), bytes(range(256)) * 64)
    dossier = soumettre("c_zip")
    remplacer_carnet(dossier, zip_du_carnet(dossier))
    remplacer_carnet(soumettre("c_json_pas_carnet"), json.dumps({"cells": [1, "x", None], "nbformat": 4,
                                                                  "nbformat_minor": 5, "metadata": {}}).encode())
    remplacer_carnet(soumettre("c_nbformat3"), en_nbformat_3(juste).encode())
    enorme = json.loads(nbformat.writes(notebook_juste(cours)))
    enorme["metadata"]["bourrage"] = "z" * (50 * MO)
    remplacer_carnet(soumettre("c_50mo"), json.dumps(enorme, separators=(",", ":")).encode())
    gonfle = json.loads(nbformat.writes(notebook_juste(cours)))
    gonfle["cells"].append(nbformat.v4.new_markdown_cell("m" * (50 * MO)))
    remplacer_carnet(soumettre("c_texte_50mo"), json.dumps(gonfle, separators=(",", ":")).encode())
    for eleve, cle, valeur in (("c_source_nombre", "source", 123), ("c_type_inconnu", "cell_type", "inconnu")):
        mal_forme = json.loads(nbformat.writes(notebook_juste(cours)))
        mal_forme["cells"][3][cle] = valeur
        remplacer_carnet(soumettre(eleve), json.dumps(mal_forme).encode())
    remplacer_carnet(soumettre("c_imbrique"), b'{"cells": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")

    # -- special files and links
    dossier = soumettre("f_fifo")
    os.mkfifo(dossier / "tube")
    dossier = soumettre("f_socket")
    prise = socket.socket(socket.AF_UNIX)
    prise.bind(str(dossier / "prise"))
    prise.close()
    dossier = soumettre("f_lien_shadow")
    (dossier / "cantine.ipynb").unlink()
    (dossier / "cantine.ipynb").symlink_to("/etc/shadow")
    dossier = soumettre("f_lien_solutions")
    (dossier / "cantine.ipynb").unlink()
    (dossier / "cantine.ipynb").symlink_to(cours.racine / "source" / "cantine" / "cantine.ipynb")
    dossier = soumettre("f_lien_voisin", widgets=False)
    (dossier / "cantine.ipynb").unlink()
    (dossier / "cantine.ipynb").symlink_to(cours.dossier_eleve("temoin0") / "cantine.ipynb")
    (dossier / "reponses-cantine.json").symlink_to(cours.dossier_eleve("temoin0") / "reponses-cantine.json")
    dossier = soumettre("f_lien_physique", widgets=False)
    (dossier / "cantine.ipynb").unlink()
    os.link(cours.dossier_eleve("temoin1") / "cantine.ipynb", dossier / "cantine.ipynb")
    os.link(cours.dossier_eleve("temoin1") / "reponses-cantine.json", dossier / "reponses-cantine.json")
    dossier = soumettre("f_noms")
    (dossier / "notes\nfausse ligne.txt").write_text("x")
    (dossier / "\x1b[2J\x1b[31mrouge.txt").write_text("x")
    (dossier / "cantine.ipynb").rename(dossier / "\x1b[2Kcantine\n.ipynb")

    # -- the answers file tampered
    ecrire_reponses(soumettre("r_types", widgets=False), json.dumps({
        q.separateur.id: {"reponse": {"__type__": "DataFrame", "colonnes": 3, "lignes": "x"}},
        q.indicateur.id: {"reponse": [[["médiane"]]]}}))
    ecrire_reponses(soumettre("r_enorme", widgets=False), json.dumps(
        {**reponses_justes(), "bourrage": {"reponse": "w" * (60 * MO)}}))
    ecrire_reponses(soumettre("r_imbrique", widgets=False),
                    '{"' + q.separateur.id + '": {"reponse": ' + "[" * 100_000 + "]" * 100_000 + "}}")
    ecrire_reponses(soumettre("r_inconnues", widgets=False), json.dumps(
        {**reponses_justes(), "cantine.inventee": {"reponse": "x"}, "autre.question": {"reponse": 1}}))
    ecrire_reponses(soumettre("r_nan", widgets=False),
                    '{"%s": {"reponse": NaN}, "%s": {"reponse": Infinity}}' % (q.separateur.id, q.indicateur.id))

    # -- nbgrader metadata tampered
    soumettre("m_grade_false", grade_false_sur_un_test)
    soumettre("m_faux_doublon", faux_doublon_de_test)
    soumettre("m_somme_recalculee", reecrire_test_avec_sa_somme)
    soumettre("m_verrous", solutions_verrouillees)

    # -- the kernel's code
    soumettre("k_sourd", code(q3=SOURD_ET_ENDORMI))
    soumettre("k_demon", code(q3=DEMON_SETSID))
    soumettre("k_ansi_10mo", code(q3=ANSI_ET_10_MO))
    soumettre("k_repr", code(q3=REPR_QUI_LEVE))
    soumettre("k_recursion", code(q3=RECURSION))

    avant_tmp = set(os.listdir("/tmp"))
    messages: list[str] = []
    rapport = corriger("cantine", cours.racine, parallele=2, limites=LIMITES, afficher=messages.append)
    nouveaux = {n for n in set(os.listdir("/tmp")) - avant_tmp if n.startswith("dem-")}  # the grader's own prefix
    return {"cours": cours, "rapport": rapport, "messages": messages, "tmp": nouveaux, "demons": demons()}


def notes(salle, eleve):
    return salle["cours"].scores_par_cellule(eleve)


def resultat(salle, eleve):
    return salle["rapport"].par_eleve()[eleve]


def incidents(salle, eleve) -> str:
    return "\n".join(resultat(salle, eleve).incidents)


# -- the batch ----------------------------------------------------------------------------------------

def test_toute_la_salle_est_notee_et_les_temoins_exactement(salle):
    soumis = sorted(p.name for p in (salle["cours"].racine / "submitted").iterdir())
    assert sorted(salle["rapport"].par_eleve()) == soumis
    for i in range(4):
        assert notes(salle, f"temoin{i}") == TOUT_JUSTE, f"temoin{i}"
        if i == 1:
            continue  # shares a hard link with f_lien_physique: flagged too (see below)
        assert resultat(salle, f"temoin{i}").statut == "corrigé", incidents(salle, f"temoin{i}")
    assert notes(salle, "temoin_faux") == {**TOUT_JUSTE, "q4-correction": 0}
    assert resultat(salle, "temoin_faux").statut == "corrigé"


def test_rien_ne_reste_apres_la_correction(salle):
    assert salle["demons"] == [], "un processus lancé par une copie a survécu à la correction"
    assert salle["tmp"] == set(), f"la correction a laissé {salle['tmp']} dans /tmp"


def test_la_console_ne_recoit_aucun_caractere_de_controle(salle):
    texte = "\n".join(salle["messages"])
    assert "\x1b" not in texte and "\r" not in texte
    for ligne in salle["messages"]:
        if ligne.startswith("[") and "/" in ligne.split("]")[0]:
            assert "\n" not in ligne.split(" — ")[0]


# -- the notebook replaced by something else -----------------------------------------------------------

@pytest.mark.parametrize("eleve", ["c_vide", "c_binaire", "c_zip", "c_json_pas_carnet", "c_imbrique"])
def test_un_carnet_qui_n_en_est_pas_un_vaut_zero_signale(salle, eleve):
    # the widget answers file is there: its questions are still graded, the notebook's 0
    assert sum(notes(salle, eleve).values()) <= 2
    assert notes(salle, eleve)["q3-correction"] == notes(salle, eleve)["q4-correction"] == 0
    assert resultat(salle, eleve).statut in ("à vérifier", "échec")
    assert "illisible" in incidents(salle, eleve) or "ancien format" in incidents(salle, eleve)


@pytest.mark.parametrize("eleve", ["c_source_nombre", "c_type_inconnu"])
def test_un_carnet_aux_cellules_mal_formees_est_refuse_en_francais(salle, eleve):
    # nbgrader alone stops on it with an English traceback (« échec »)
    assert notes(salle, eleve) == ZERO
    assert resultat(salle, eleve).statut == "à vérifier"
    assert "cellule n° 4 mal formée" in incidents(salle, eleve)


def test_un_carnet_au_format_3_est_note(salle):
    assert notes(salle, "c_nbformat3") == TOUT_JUSTE


def test_un_carnet_de_50_mo_sur_une_ligne(salle):
    assert notes(salle, "c_50mo") == TOUT_JUSTE
    corrige = salle["cours"].racine / "autograded" / "c_50mo" / "cantine" / "cantine.ipynb"
    assert corrige.stat().st_size < 5 * MO


def test_un_carnet_gonfle_de_50_mo_de_texte_est_refuse(salle):
    assert notes(salle, "c_texte_50mo") == ZERO
    assert "refusé" in incidents(salle, "c_texte_50mo") and "20 Mo" in incidents(salle, "c_texte_50mo")
    assert not (salle["cours"].racine / "autograded" / "c_texte_50mo" / "cantine" / "cantine.ipynb").exists()


# -- special files and links ----------------------------------------------------------------------------

@pytest.mark.parametrize("eleve, nom", [("f_fifo", "tube"), ("f_socket", "prise")])
def test_fichier_special_ignore_et_signale(salle, eleve, nom):
    assert notes(salle, eleve) == TOUT_JUSTE
    assert nom in incidents(salle, eleve) and "spécial" in incidents(salle, eleve)


@pytest.mark.parametrize("eleve", ["f_lien_shadow", "f_lien_solutions", "f_lien_voisin"])
def test_lien_ignore_et_signale(salle, eleve):
    assert notes(salle, eleve) == ZERO  # no notebook left to grade
    assert "Lien « cantine.ipynb » ignoré" in incidents(salle, eleve)
    assert resultat(salle, eleve).statut == "à vérifier"
    corrige = salle["cours"].racine / "autograded" / eleve / "cantine"
    for f in corrige.rglob("*") if corrige.exists() else []:
        assert "root:" not in f.read_text(errors="replace") and "BEGIN SOLUTION" not in f.read_text(errors="replace")


def test_lien_physique_vers_la_copie_d_un_autre(salle):
    """A hard link to another learner's notebook and answers: the grader cannot tell which copy made
    the link, so both are graded as they are and both flagged, each naming the other; the other
    learner keeps exactly their grade."""
    assert "lien physique" in incidents(salle, "f_lien_physique") and "temoin1" in incidents(salle, "f_lien_physique")
    assert resultat(salle, "f_lien_physique").statut == "à vérifier"
    assert "f_lien_physique" in incidents(salle, "temoin1")
    assert notes(salle, "temoin1") == TOUT_JUSTE


def test_noms_avec_saut_de_ligne_et_echappements(salle):
    assert notes(salle, "f_noms") == TOUT_JUSTE
    assert "\\x1b[2Kcantine\\n.ipynb" in incidents(salle, "f_noms")


# -- the answers file tampered ------------------------------------------------------------------------------

@pytest.mark.parametrize("eleve", ["r_types", "r_imbrique", "r_nan"])
def test_reponses_falsifiees_valent_zero(salle, eleve):
    assert notes(salle, eleve) == CODE_SEUL
    assert resultat(salle, eleve).statut in ("à vérifier", "corrigé")


def test_reponses_enormes_refusees_sans_bloquer(salle):
    assert notes(salle, "r_enorme") == CODE_SEUL
    assert "reponses-cantine.json" in incidents(salle, "r_enorme")


def test_reponses_a_des_questions_inconnues_ignorees(salle):
    assert notes(salle, "r_inconnues") == TOUT_JUSTE


# -- nbgrader metadata tampered -------------------------------------------------------------------------------

def test_grade_false_sur_une_cellule_de_test(salle):
    assert notes(salle, "m_grade_false") == {**TOUT_JUSTE, "q3-correction": 0, "q4-correction": 0}
    assert "q3-correction" in incidents(salle, "m_grade_false")
    assert resultat(salle, "m_grade_false").statut == "à vérifier"


def test_faux_doublon_d_une_cellule_de_test(salle):
    # not an honest copy-paste (its text is not the released one): flagged, not « réparée »
    assert notes(salle, "m_faux_doublon") == {**TOUT_JUSTE, "q3-correction": 0, "q4-correction": 0}
    assert resultat(salle, "m_faux_doublon").statut == "à vérifier"
    assert "pas un copier-coller" in incidents(salle, "m_faux_doublon")


def test_cellule_de_test_reecrite_avec_sa_somme_de_controle(salle):
    assert notes(salle, "m_somme_recalculee") == {**TOUT_JUSTE, "q3-correction": 0, "q4-correction": 0}
    assert "q3-correction" in incidents(salle, "m_somme_recalculee")
    assert resultat(salle, "m_somme_recalculee").statut == "à vérifier"


def test_verrous_inverses(salle):
    assert notes(salle, "m_verrous") == TOUT_JUSTE
    assert resultat(salle, "m_verrous").statut == "à vérifier"


# -- the kernel's code -------------------------------------------------------------------------------------------

def test_code_sourd_aux_signaux_qui_dort(salle):
    assert notes(salle, "k_sourd") == WIDGETS_SEULS
    assert resultat(salle, "k_sourd").duree < LIMITES.delai_carnet + 30


def test_demon_setsid(salle):
    assert notes(salle, "k_demon") == TOUT_JUSTE


def test_ansi_et_10_mo(salle):
    assert notes(salle, "k_ansi_10mo")["q1-correction"] == 1
    assert "Sortie trop volumineuse" in incidents(salle, "k_ansi_10mo")


def test_repr_qui_leve(salle):
    assert notes(salle, "k_repr") == {**TOUT_JUSTE, "q3-correction": 0, "q4-correction": 0}


def test_bombe_de_recursion(salle):
    assert notes(salle, "k_recursion") == WIDGETS_SEULS


# -- issue 17 leftover: an assignment of widget questions only is graded without a kernel ----------------------

TRACE = 'open("trace-du-noyau.txt", "w").write("le noyau a tourné")'


@pytest.fixture(scope="module")
def salle_widgets(tmp_path_factory):
    """The canteen assignment cut down to its two widget questions (no code cell to grade)."""
    cours = CoursNbgrader(tmp_path_factory.mktemp("widgets"), "cantine")
    source = cours.racine / "source" / "cantine" / "cantine.ipynb"
    nb = nbformat.read(source, as_version=4)
    nb.cells = [c for c in nb.cells if not c.metadata.get("nbgrader", {}).get("grade_id", "").startswith(("q3", "q4"))]
    nbformat.write(nb, source)
    cours.generer()

    def soumettre(eleve, justes=None, avant=None):
        def modifier(nb):
            if avant:
                index = next(i for i, c in enumerate(nb.cells)
                             if c.metadata.get("nbgrader", {}).get("grade_id") == "preparation")
                nb.cells.insert(index + 1, nbformat.v4.new_code_cell(avant))
            return nb
        dossier = cours.soumettre(eleve, modifier=modifier)
        if justes is not None:
            reponses_widgets(dossier, justes=justes)
        return dossier

    soumettre("juste", justes=True, avant=TRACE)
    soumettre("faux", justes=False)
    soumettre("intact")
    dossier = soumettre("un_sur_deux", justes=True)
    ecrire_reponses(dossier, json.dumps({q.separateur.id: {"reponse": q.separateur.reponse},
                                         q.indicateur.id: {"reponse": "une réponse fausse"}}))
    soumettre("q_rebinde", justes=False, avant=TOUT_VA_BIEN)
    ecrire_reponses(soumettre("reponses_forgees"), json.dumps({q.separateur.id: {"reponse": {"__type__": "x"}}}))
    rapport = corriger("cantine", cours.racine, parallele=2, limites=LIMITES, afficher=lambda _m: None)
    return {"cours": cours, "rapport": rapport}


def test_devoir_sans_question_de_code_note_sans_noyau(salle_widgets):
    cours, rapport = salle_widgets["cours"], salle_widgets["rapport"].par_eleve()
    justes = {"q1-correction": 1, "q2-correction": 1}
    attendus = {"juste": justes, "faux": dict.fromkeys(justes, 0), "intact": dict.fromkeys(justes, 0),
                "un_sur_deux": {"q1-correction": 1, "q2-correction": 0}, "q_rebinde": dict.fromkeys(justes, 0),
                "reponses_forgees": dict.fromkeys(justes, 0)}
    for eleve, notes_attendues in attendus.items():
        assert cours.scores_par_cellule(eleve) == notes_attendues, eleve
    for eleve in ("juste", "faux", "intact", "un_sur_deux"):
        assert rapport[eleve].statut == "corrigé", (eleve, rapport[eleve].incidents)
    assert rapport["q_rebinde"].statut == "à vérifier"  # its code is still read (« Code inhabituel »)
    # no learner code ran: nothing written by the copy, no cell executed
    corrige = cours.racine / "autograded" / "juste" / "cantine"
    assert not (corrige / "trace-du-noyau.txt").exists()
    nb = nbformat.read(corrige / "cantine.ipynb", as_version=4)
    assert all(c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")


def test_sans_noyau_la_page_de_retour_explique_la_reponse_fausse(salle_widgets):
    nb = nbformat.read(salle_widgets["cours"].racine / "autograded" / "un_sur_deux" / "cantine" / "cantine.ipynb",
                       as_version=4)
    texte = lambda gid: "".join(o.get("text", "") for o in cellule(nb, gid).outputs)  # noqa: E731
    assert "Note du correcteur pour cette question : 0 point" in texte("q2-correction")
    assert texte("q1-correction") == ""


def test_si_le_correcteur_ne_peut_pas_juger_le_verdict_du_noyau_n_est_pas_garde(salle, tmp_path):
    """The fallback of the grading worker when judging fails: the cells the grader judges count 0
    (the kernel's verdict could be the learner's code's), the others keep their grade."""
    import shutil

    from donnees_en_main.correction import verdicts

    cours = salle["cours"]
    copie = tmp_path / "gradebook.db"
    shutil.copy(cours.racine / "gradebook.db", copie)
    annulees = verdicts.annuler(f"sqlite:///{copie}", "cantine", "temoin0", cours.racine / "source" / "cantine")
    assert sorted(annulees) == sorted(TOUT_JUSTE)  # every graded cell of the canteen is the grader's
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{copie}") as gb:
        sub = gb.find_submission("cantine", "temoin0")
        assert {g.name: g.score for nb in sub.notebooks for g in nb.grades} == ZERO
        autre = gb.find_submission("cantine", "temoin2")
        assert {g.name: g.score for nb in autre.notebooks for g in nb.grades} == TOUT_JUSTE


def test_un_fichier_de_reponses_imbrique_ne_fait_pas_tomber_le_carnet_de_l_eleve(tmp_path, monkeypatch):
    """In the learner's own kernel too (the widgets read the file): a French warning, no RecursionError."""
    import warnings

    from donnees_en_main.exercices import stockage

    monkeypatch.chdir(tmp_path)
    (tmp_path / "reponses-cantine.json").write_text('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with warnings.catch_warnings(record=True) as avertissements:
        warnings.simplefilter("always")
        assert stockage.lire_reponses("cantine") == {}
    assert any("imbriqué" in str(a.message) for a in avertissements)
    assert stockage.lire_fichier_reponses(tmp_path / "reponses-cantine.json")[1] == "son contenu est imbriqué sur trop de niveaux"
