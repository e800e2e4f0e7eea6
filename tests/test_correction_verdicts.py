"""Code questions judged by the trusted grader, from the value the learner computed (issue 17).

The hidden test of a code question displays the learner's value (``devoirs.transmettre``); the
grader reads it from the autograded notebook and judges it itself (``correction/verdicts.py``), so
code run in the learner's kernel can no longer decide its own grade. The room below is graded
through the course's real grading command (``corriger``: nbgrader's autograde, sandboxed); the
deserializer is also tested alone, on hostile JSON.
"""

from __future__ import annotations

import base64
import json

import nbformat
import pandas as pd
import pytest

from donnees_en_main.chapitres.cantine import questions as q
from donnees_en_main.correction import Limites, corriger, diagnostic
from donnees_en_main.correction import verdicts
from donnees_en_main.correction.bac_a_sable import MO
from donnees_en_main.exercices import devoirs
from donnees_en_main.exercices.stockage import ValeurNonReconnue, encoder, enregistrer_reponse
from outils_nbgrader import CoursNbgrader, cellule, remplir

CODE_Q3 = 'part_bio = achats["achats_bio_ht"] / achats["achats_totaux_ht"] * 100'
CODE_Q4 = "mediane_bio = part_bio.median()"
FAUX = dict(q3="part_bio = achats['achats_bio_ht'] * 0 + 42", q4="mediane_bio = 0")
LIMITES = Limites(delai_cellule=30, delai_carnet=90, memoire=1600 * MO, processus=48, sortie=1 * MO)
TOUT_JUSTE = {"q1-correction": 1, "q2-correction": 1, "q3-correction": 2, "q4-correction": 1}
ID_Q3 = q.part_bio.id
# the protocol between the hidden test and the grader (written out: the tests also run on older code)
MIME = "application/vnd.donnees-en-main.valeur+json"
TAILLE = 256 * 1024
VERSION = 1


def _en_base64(code: str) -> str:
    """`code` run through exec of base64: the « code inhabituel » word list sees none of it."""
    return f"import base64\nexec(base64.b64decode({base64.b64encode(code.encode()).decode()!r}).decode())"


# (a) the check monkeypatched: every question says « juste » in the kernel
VERIFICATION_FORCEE = _en_base64(
    "import donnees_en_main.exercices.types_de_questions as t\n"
    "t.Question.verifier = lambda self, *a, **k: t.Resultat('juste', 'Bravo', self.points)\n"
    "t.Resultat.juste = property(lambda self: True)\n"
)


def _transformateur(corps: str) -> str:
    """An IPython input transformer installed by the learner's code: `corps` rewrites `lignes`."""
    return (
        "ip = getattr(__import__('IPython'), 'get_' + 'ipython')()\n"
        "def detourner(lignes):\n"
        "    if not any('Correction automatique' in l for l in lignes):\n"
        "        return lignes\n"
        + "".join(f"    {ligne}\n" for ligne in corps.splitlines())
        + "ip.input_transformers_cleanup.append(detourner)\n"
    )


# (b) the test cells emptied before they run: no error, so nbgrader alone gives full marks
TESTS_VIDES = _transformateur("return ['pass\\n']")

# a value forged in the wrong shape (a JSON text, not the form the test cell writes)
FORME_FORGEE = _en_base64(_transformateur(
    "vus = detourner.__dict__.setdefault('vus', set())\n"
    "if ''.join(lignes) not in vus:  # IPython runs a transformer twice per cell: display once\n"
    "    vus.add(''.join(lignes))\n"
    "    from IPython.display import display\n"
    f"    display({{{MIME!r}: '42'}}, raw=True)\n"
    "return ['pass\\n']"
))

# a second value (well formed, the expected one) displayed next to the real one
DEUX_VALEURS = _en_base64(_transformateur(
    "lignes = list(lignes)\n"
    "i = next(k for k, l in enumerate(lignes) if l.startswith('_valeur ='))\n"
    "lignes.insert(i + 1, '_transmettre(_question_notee, _question_notee.reponse)\\n')\n"
    "return lignes"
))

# (c) an object whose == says yes to everything
EGAL_A_TOUT = """class EgalATout:
    def __eq__(self, autre):
        return True
    def __ne__(self, autre):
        return False
    __hash__ = object.__hash__
part_bio = EgalATout()"""


def code(q3: str = CODE_Q3, q4: str = CODE_Q4, avant: str | None = None):
    def modifier(nb):
        remplir(nb, "q3-reponse", q3)
        remplir(nb, "q4-reponse", q4)
        if avant is not None:
            index = next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == "preparation")
            nb.cells.insert(index + 1, nbformat.v4.new_code_cell(avant))
        return nb
    return modifier


def reponses_widgets(dossier) -> None:
    import contextlib

    with contextlib.chdir(dossier):
        for question in (q.separateur, q.indicateur):
            enregistrer_reponse("cantine", question.id, encoder(question.reponse))


DIAG = diagnostic()


@pytest.fixture(scope="module")
def salle(tmp_path_factory):
    if not DIAG.bwrap:
        pytest.skip("bubblewrap (bwrap) absent : correction isolée non testable ici")
    cours = CoursNbgrader(tmp_path_factory.mktemp("verdicts"), "cantine")
    cours.generer()
    copies = {
        "juste": code(),                                          # (d)
        "faux_honnete": code(q4="mediane_bio = 0"),               # (e)
        "verification_forcee": code(**FAUX, avant=VERIFICATION_FORCEE),  # (a)
        "tests_vides": code(**FAUX, avant=TESTS_VIDES),           # (b)
        "egal_a_tout": code(q3=EGAL_A_TOUT, q4="mediane_bio = 0"),  # (c)
        "forme_forgee": code(**FAUX, avant=FORME_FORGEE),
        "deux_valeurs": code(**FAUX, avant=DEUX_VALEURS),
    }
    for eleve, modifier in copies.items():
        reponses_widgets(cours.soumettre(eleve, modifier=modifier))
    messages: list[str] = []
    rapport = corriger("cantine", cours.racine, parallele=2, limites=LIMITES, afficher=messages.append)
    return {"cours": cours, "rapport": rapport}


def notes(salle, eleve):
    return salle["cours"].scores_par_cellule(eleve)


def resultat(salle, eleve):
    return salle["rapport"].par_eleve()[eleve]


def sorties_texte(salle, eleve, grade_id) -> str:
    chemin = salle["cours"].racine / "autograded" / eleve / "cantine" / "cantine.ipynb"
    nb = nbformat.read(chemin, as_version=4)
    return "".join(o.get("text", "") for o in cellule(nb, grade_id).outputs)


def valeurs_transmises(salle, eleve, grade_id):
    chemin = salle["cours"].racine / "autograded" / eleve / "cantine" / "cantine.ipynb"
    nb = nbformat.read(chemin, as_version=4)
    return [o["data"][MIME] for o in cellule(nb, grade_id).outputs
            if MIME in o.get("data", {})]


# -- honest copies: graded exactly, not flagged -----------------------------------------------------

def test_copie_juste_note_pleine_sans_signalement(salle):
    assert notes(salle, "juste") == TOUT_JUSTE
    r = resultat(salle, "juste")
    assert r.note == 5 and r.statut == "corrigé", r.incidents
    assert "Note du correcteur" not in sorties_texte(salle, "juste", "q3-correction")
    # the value the grader judged is the one the hidden test displayed
    (valeur,) = valeurs_transmises(salle, "juste", "q3-correction")
    assert valeur["question"] == ID_Q3
    pd.testing.assert_series_equal(verdicts.lire_valeur(valeur, ID_Q3), q.part_bio.reponse, check_names=False)


def test_copie_honnete_fausse_note_partielle_exacte(salle):
    assert notes(salle, "faux_honnete") == {**TOUT_JUSTE, "q4-correction": 0}
    r = resultat(salle, "faux_honnete")
    assert r.note == 4 and r.statut == "corrigé", r.incidents
    assert valeurs_transmises(salle, "faux_honnete", "q4-correction")[0]["valeur"] == 0


# -- hostile copies: the kernel's verdict is replaced, the copy flagged ------------------------------

def test_verification_remplacee_par_exec_base64(salle):
    """(a) Question.verifier monkeypatched through exec of base64: the kernel says yes, the grader no."""
    assert notes(salle, "verification_forcee") == {**TOUT_JUSTE, "q3-correction": 0, "q4-correction": 0}
    r = resultat(salle, "verification_forcee")
    assert r.statut == "à vérifier"
    assert any("Code inhabituel" in i and "q3-correction" in i and "q4-correction" in i for i in r.incidents)


def test_cellules_de_correction_videes_par_un_transformateur(salle):
    """(b) an IPython input transformer empties the test cells: no value reaches the grader."""
    assert notes(salle, "tests_vides") == {**TOUT_JUSTE, "q3-correction": 0, "q4-correction": 0}
    r = resultat(salle, "tests_vides")
    assert r.statut == "à vérifier"
    assert any("Aucune valeur" in i and "q3-correction" in i for i in r.incidents)
    assert any("Aucune valeur" in i and "q4-correction" in i for i in r.incidents)
    # the learner reads why on the feedback page, under the cell
    assert "Note du correcteur pour cette question : 0 point. Aucune valeur" in sorties_texte(
        salle, "tests_vides", "q3-correction")


def test_un_objet_egal_a_tout_ne_vaut_rien(salle):
    """(c) `part_bio` rebound to an object whose == says yes."""
    assert notes(salle, "egal_a_tout") == {**TOUT_JUSTE, "q3-correction": 0, "q4-correction": 0}
    (valeur,) = valeurs_transmises(salle, "egal_a_tout", "q3-correction")
    assert valeur["valeur"]["__type__"] == "inconnu"


def test_une_valeur_forgee_de_travers_vaut_zero(salle):
    assert notes(salle, "forme_forgee") == {**TOUT_JUSTE, "q3-correction": 0, "q4-correction": 0}
    r = resultat(salle, "forme_forgee")
    assert r.statut == "à vérifier"
    assert any("refusée" in i and "q3-correction" in i for i in r.incidents)


def test_deux_valeurs_pour_une_question_valent_zero(salle):
    assert notes(salle, "deux_valeurs") == {**TOUT_JUSTE, "q3-correction": 0, "q4-correction": 0}
    r = resultat(salle, "deux_valeurs")
    assert r.statut == "à vérifier"
    assert any("2 valeurs" in i and "q3-correction" in i for i in r.incidents)


# -- the deserializer, alone, on hostile JSON ---------------------------------------------------------

def _charge(valeur, question=ID_Q3, **autres):
    return {"version": VERSION, "question": question, "valeur": valeur, **autres}


@pytest.mark.parametrize("valeur", [
    None, True, 3, 14.5, "texte", [1, "a", None], {"a": [1, 2]},
    pd.Series([1.5, None, 3.0], index=["a", "b", "c"], name="x"),
    pd.Series([1, 2], index=pd.MultiIndex.from_tuples([("a", 1), ("b", 2)], names=["l", "n"])),
    pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}, index=pd.RangeIndex(5, 7)),
    pd.Timestamp("2026-01-02 03:04"),
])
def test_lire_valeur_reconstruit_ce_que_le_noyau_transmet(valeur):
    lue = verdicts.lire_valeur(json.loads(json.dumps(_charge(encoder(valeur)))), ID_Q3)
    if isinstance(valeur, pd.Series):
        pd.testing.assert_series_equal(lue, valeur)
    elif isinstance(valeur, pd.DataFrame):
        pd.testing.assert_frame_equal(lue, valeur)
    else:
        assert lue == valeur


def test_lire_valeur_accepte_le_texte_json_borne():
    assert verdicts.lire_valeur(json.dumps(_charge(12)), ID_Q3) == 12


def _profonde(n: int):
    racine = valeur = []
    for _ in range(n):
        valeur.append([])
        valeur = valeur[0]
    return racine


SERIE = encoder(pd.Series([1.0, 2.0]))


@pytest.mark.parametrize("donnees", [
    "42",                                                    # not an object
    ["version", 1],
    {"version": 1, "question": ID_Q3},                       # no value
    {**_charge(1), "en_plus": 1},                            # unknown key
    _charge(1, version=2),
    _charge(1, question="cantine.mediane_bio"),              # another question's value
    {**_charge(1), "trop_grande": True},                     # two answers at once
    _charge("x" * (TAILLE + 10)),         # huge
    _charge(list(range(TAILLE))),         # huge, in many parts
    _charge(_profonde(200)),                                 # deep
    "[" * 100_000 + "]" * 100_000,                           # deep, as JSON text
    "x" * (3 * TAILLE),                   # huge JSON text
    _charge(float("nan")),                                   # NaN written by hand
    _charge({"__type__": "Pickle", "donnees": "gASV"}),      # unknown form
    _charge({**SERIE, "valeurs": 5, "index": {"plage": [0, 10 ** 12, 1], "noms": [None]}}),  # broadcast bomb
    _charge({**SERIE, "index": {"plage": [0, 10 ** 12, 1], "noms": [None]}}),  # lengths differ
    _charge({**SERIE, "valeurs": {"a": 1}}),                  # wrong type
    _charge({**SERIE, "valeurs": [[1], [2]]}),                # not scalars
    _charge({**SERIE, "type": "int64; __import__('os')"}),    # not a dtype
    _charge({**SERIE, "type": 64}),
    _charge({**SERIE, "index": {"plage": [0, 2, 0], "noms": [None]}}),  # step 0
    _charge({**SERIE, "cle": "en trop"}),
    _charge({"__type__": "DataFrame", "colonnes": {"valeurs": ["a"], "noms": [None]},
             "index": {"plage": [0, 2, 1], "noms": [None]}, "types": ["int64"], "lignes": [[1], [2, 3]]}),
    _charge({"__type__": "DataFrame", "colonnes": {"plage": [0, 10 ** 9, 1], "noms": [None]},
             "index": {"plage": [0, 0, 1], "noms": [None]}, "types": [], "lignes": []}),
    _charge({"__type__": "Timestamp", "valeur": ["2026"]}),
])
def test_lire_valeur_refuse_le_json_hostile(donnees):
    with pytest.raises(verdicts.ValeurRefusee):
        verdicts.lire_valeur(donnees, ID_Q3)


def test_une_valeur_que_le_noyau_n_a_pas_pu_transmettre_est_fausse_pas_refusee():
    for donnees in ({"version": 1, "question": ID_Q3, "trop_grande": True},
                    {"version": 1, "question": ID_Q3, "illisible": "RecursionError"}):
        valeur = verdicts.lire_valeur(donnees, ID_Q3)
        assert isinstance(valeur, ValeurNonReconnue)
        assert not q.part_bio._resultat(valeur).juste


def test_le_protocole_est_celui_du_paquet():
    assert (devoirs.MIME_VALEUR, devoirs.TAILLE_MAX_VALEUR, devoirs.VERSION_VALEUR) == (MIME, TAILLE, VERSION)


def test_transmettre_borne_la_taille(monkeypatch):
    affiches = []
    monkeypatch.setattr("IPython.display.display", lambda donnees, raw=False: affiches.append(donnees))
    devoirs.transmettre(q.part_bio, pd.Series(range(TAILLE)))
    devoirs.transmettre(q.part_bio, "x" * (TAILLE + 1))
    devoirs.transmettre(q.part_bio, _profonde(5000))
    devoirs.transmettre(q.part_bio, q.part_bio.reponse)
    charges = [a[MIME] for a in affiches]
    assert [c.get("trop_grande") for c in charges[:2]] == [True, True]
    assert charges[2].get("illisible")
    assert "valeur" in charges[3]
    assert all(len(json.dumps(c)) < TAILLE + 200 for c in charges)


def test_les_cellules_de_code_viennent_du_carnet_source(tmp_path):
    from outils_nbgrader import RACINE

    cellules = verdicts.cellules_de_code(RACINE / "exercises" / "source" / "cantine")
    assert [(c.grade_id, c.question_id, c.variable) for c in cellules] == [
        ("q3-correction", q.part_bio.id, "part_bio"), ("q4-correction", q.mediane_bio.id, "mediane_bio")]
