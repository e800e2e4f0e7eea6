"""Every chapter's contract, from the chapter manifest (donnees_en_main/chapitres/__init__.py).

One parametrised test per clause instead of a copy in each chapter's test file: the page exists with
the declared title and shows élus no code; the table of contents is the manifest's; a chapter's data
files are all described in datapackage.json; its workshop notebook is shipped without outputs and
runs end to end without an error, a warning on stderr or a recorded answer, every question showing
its widget; its question bank and assignment exist and agree with it. What is particular to a
chapter (its numbers, its exact grades) stays in tests/test_<chapitre>.py.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import nbformat
import pytest

from donnees_en_main.chapitres import CHAPITRES, ELUS, avec_atelier, sommaire_yaml
from donnees_en_main.exercices.types_de_questions import Question
from outils_nbgrader import executer_atelier

RACINE = Path(__file__).resolve().parent.parent
IDS = [c.nom for c in CHAPITRES]


def test_le_sommaire_est_celui_du_manifeste():
    actuel = (RACINE / "_toc.yml").read_text(encoding="utf-8")
    assert actuel == sommaire_yaml(), "_toc.yml n'est pas à jour : lancez « python -m donnees_en_main sommaire »"


def test_chaque_page_du_livre_est_un_chapitre_declare():
    declares = {c.nom for c in CHAPITRES} | {"intro"}
    sur_disque = {p.stem for p in (RACINE / "book").glob("*.md")}
    assert sur_disque == declares, f"pages non déclarées : {sur_disque - declares}, déclarées absentes : {declares - sur_disque}"


def test_chaque_dossier_de_donnees_atelier_et_devoir_appartient_a_un_chapitre():
    noms = {c.nom for c in CHAPITRES}
    dossiers = {p.name for p in (RACINE / "datasets").iterdir() if p.is_dir() and not p.name.startswith("__")}
    assert dossiers <= noms, dossiers - noms
    assert {p.stem for p in (RACINE / "notebooks").glob("*.ipynb")} == {c.nom for c in CHAPITRES if c.atelier}
    assert {p.name for p in (RACINE / "exercises" / "source").iterdir()} == {c.nom for c in CHAPITRES if c.devoir}


def test_le_readme_presente_chaque_chapitre_des_elus():
    # the README's chapter table is where a newcomer looks first: a chapter added to the manifest shows there
    readme = (RACINE / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Les chapitres"):readme.index("Pour les animateurs")]
    noms = set(re.findall(r"^\|[^|]+\| `([^`]+)` \|", table, flags=re.M))
    attendus = {c.nom for c in CHAPITRES if c.public == ELUS}
    assert noms == attendus, f"README.md, table des chapitres : manquent {attendus - noms}, en trop {noms - attendus}"
    animateurs = readme[readme.index("Pour les animateurs"):readme.index("## Les deux commandes")]
    absents = [c.nom for c in CHAPITRES if c.public != ELUS and f"`{c.nom}`" not in animateurs]
    assert not absents, f"README.md ne nomme pas ces pages des animateurs et annexes : {absents}"


@pytest.mark.parametrize("chapitre", CHAPITRES, ids=IDS)
def test_page(chapitre):
    texte = (RACINE / chapitre.page).read_text(encoding="utf-8")
    titre = re.search(r"^# (.+)$", texte, flags=re.M)
    assert titre and titre.group(1).strip() == chapitre.titre, f"titre de {chapitre.page} : {titre and titre.group(1)!r}"
    cellules = re.findall(r"```\{code-cell\} ipython3\n(.*?)```", texte, flags=re.S)
    if cellules:
        assert texte.startswith("---\njupytext:"), f"{chapitre.page} : page exécutée sans en-tête jupytext"
    if chapitre.public == ELUS:
        # An élu reads the page with no code: every code cell hides its input (or itself).
        for cellule in cellules:
            assert re.search(r"tags: \[remove-(input|cell)\]", cellule.split("\n\n")[0]), (chapitre.nom, cellule[:80])


@pytest.mark.parametrize("chapitre", CHAPITRES, ids=IDS)
def test_fichiers_declares(chapitre):
    assert (RACINE / chapitre.dossier_donnees).is_dir() == chapitre.donnees, chapitre.dossier_donnees
    assert (RACINE / chapitre.carnet_atelier).is_file() == chapitre.atelier, chapitre.carnet_atelier
    assert (RACINE / chapitre.carnet_devoir).is_file() == chapitre.devoir, chapitre.carnet_devoir
    module = RACINE / "donnees_en_main" / "chapitres" / chapitre.module / "questions.py"
    assert module.is_file() == chapitre.questions, module


@pytest.mark.parametrize("chapitre", [c for c in CHAPITRES if c.donnees], ids=lambda c: c.nom)
def test_chaque_fichier_de_donnees_est_decrit(chapitre):
    paquet = json.loads((RACINE / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
    decrits = {r["path"]: r for r in paquet["resources"]}
    dossier = RACINE / chapitre.dossier_donnees
    fichiers = [p for p in dossier.rglob("*") if p.is_file() and not p.name.endswith(".schema.json")]
    assert fichiers
    for f in fichiers:
        chemin = f.relative_to(RACINE / "datasets").as_posix()
        assert chemin in decrits, f"{chemin} n'est pas décrit dans datasets/datapackage.json"
        r = decrits[chemin]
        for cle in ("name", "title", "description", "sources", "licenses", "created"):
            assert r.get(cle), f"{r['name']} : propriété « {cle} » manquante"
        assert isinstance(r.get("fictif"), bool), f"{r['name']} : dire s'il est fictif (true) ou réel (false)"


@pytest.mark.parametrize("chapitre", [c for c in CHAPITRES if c.questions], ids=lambda c: c.nom)
def test_banque_de_questions(chapitre):
    banque = importlib.import_module(chapitre.banque)
    questions = [v for v in vars(banque).values() if isinstance(v, Question)]
    assert questions, f"{chapitre.banque} ne déclare aucune question"
    for q in questions:
        assert q.carnet == chapitre.nom, f"{q.id} : carnet {q.carnet!r}, attendu {chapitre.nom!r}"
    ids = [q.id for q in questions]
    assert len(ids) == len(set(ids)), "identifiants de questions en double"


@pytest.mark.parametrize("chapitre", [c for c in CHAPITRES if c.atelier or c.devoir], ids=lambda c: c.nom)
def test_les_carnets_utilisent_la_banque_du_chapitre(chapitre):
    banque = importlib.import_module(chapitre.banque)
    for chemin in [p for p, oui in ((chapitre.carnet_atelier, chapitre.atelier), (chapitre.carnet_devoir, chapitre.devoir)) if oui]:
        nb = nbformat.read(RACINE / chemin, as_version=4)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        assert f"donnees_en_main.chapitres.{chapitre.module} import questions" in code, chemin
        # every q.<name> the notebook uses exists in the bank
        for nom in set(re.findall(r"\bq\.([A-Za-z_]\w*)", code)):
            assert hasattr(banque, nom), f"{chemin} utilise q.{nom}, absent de {chapitre.banque}"


@pytest.mark.parametrize("chapitre", avec_atelier(), ids=lambda c: c.nom)
def test_le_carnet_d_atelier_s_execute_de_bout_en_bout(chapitre):
    nb = nbformat.read(RACINE / chapitre.carnet_atelier, as_version=4)
    sorties_par_cellule = executer_atelier(chapitre.nom, par_cellule=True)  # no error, no answer recorded
    bruit = [o for sorties in sorties_par_cellule for o in sorties if o.output_type == "stream" and o.name == "stderr"]
    assert not bruit, bruit[:1]
    widgets = [i for i, c in enumerate(c for c in nb.cells if c.cell_type == "code") if ".afficher()" in c.source]
    for i in widgets:
        assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in sorties_par_cellule[i]), (
            f"la cellule {i} n'affiche pas le widget de sa question"
        )
