"""The package's layout rules (issue « one chapter, one declaration »), checked over every module.

- no import circle: a module never imports, at module level, a module that imports it back (a
  sub-module importing its own package's ``__init__`` is how Python works and is not counted);
- nothing is read from the course's files when a module is imported (a question bank imported in a
  learner's kernel, ``python -m donnees_en_main --help``… stay instant and never fail on a missing file).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent
PAQUET = RACINE / "donnees_en_main"


def _modules() -> dict[str, Path]:
    modules = {}
    for fichier in sorted(PAQUET.rglob("*.py")):
        parties = list(fichier.relative_to(RACINE).with_suffix("").parts)
        if parties[-1] == "__init__":
            parties = parties[:-1]
        modules[".".join(parties)] = fichier
    return modules


def _imports_au_chargement(nom: str, fichier: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that ``nom`` imports when it is loaded (not inside functions, not under TYPE_CHECKING)."""
    paquet = fichier.name == "__init__.py"
    trouves: set[str] = set()

    def cible(module: str | None, niveau: int) -> str:
        if not niveau:
            return module or ""
        base = nom.split(".") if paquet else nom.split(".")[:-1]
        base = base[: len(base) - (niveau - 1)]
        return ".".join(base + ([module] if module else []))

    def ajouter(candidat: str) -> None:
        while candidat and candidat not in modules and "." in candidat:
            candidat = candidat.rsplit(".", 1)[0]
        if candidat in modules and candidat != nom and not nom.startswith(candidat + "."):
            trouves.add(candidat)

    def visiter(noeuds) -> None:
        for n in noeuds:
            if isinstance(n, ast.Import):
                for alias in n.names:
                    ajouter(alias.name)
            elif isinstance(n, ast.ImportFrom):
                base = cible(n.module, n.level)
                ajouter(base)
                for alias in n.names:
                    ajouter(f"{base}.{alias.name}")
            elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue  # runs when called, not when imported
            elif isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test):
                visiter(n.orelse)
            else:
                for champ in ("body", "orelse", "finalbody", "handlers"):
                    visiter(getattr(n, champ, None) or [])

    visiter(ast.parse(fichier.read_text(encoding="utf-8")).body)
    return trouves


def _circuits(graphe: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, bas, pile, sur_pile, resultat = {}, {}, [], set(), []

    def fort(v: str) -> None:
        index[v] = bas[v] = len(index)
        pile.append(v)
        sur_pile.add(v)
        for w in graphe.get(v, ()):
            if w not in index:
                fort(w)
                bas[v] = min(bas[v], bas[w])
            elif w in sur_pile:
                bas[v] = min(bas[v], index[w])
        if bas[v] == index[v]:
            composante = []
            while True:
                w = pile.pop()
                sur_pile.discard(w)
                composante.append(w)
                if w == v:
                    break
            if len(composante) > 1:
                resultat.append(sorted(composante))

    for v in sorted(graphe):
        if v not in index:
            fort(v)
    return resultat


def test_le_detecteur_de_circuits_en_trouve_un():
    assert _circuits({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _circuits({"a": {"b"}, "b": set()}) == []


def test_aucun_circuit_d_imports_dans_le_paquet():
    modules = _modules()
    assert len(modules) > 40
    graphe = {nom: _imports_au_chargement(nom, fichier, modules) for nom, fichier in modules.items()}
    assert "donnees_en_main.exercices.types_de_questions" in graphe["donnees_en_main.exercices.widgets"]
    assert _circuits(graphe) == [], "modules qui s'importent l'un l'autre au chargement"


_SONDE = r"""
import importlib, json, sys
racine = sys.argv[1]
ouverts = []

def crochet(evenement, arguments):
    if evenement == "open" and isinstance(arguments[0], str):
        chemin = arguments[0]
        if chemin.startswith(racine) and not chemin.endswith((".py", ".pyc")) and "/.venv/" not in chemin:
            ouverts.append((importe[-1], chemin))

importe = ["?"]
sys.addaudithook(crochet)
for nom in sys.argv[2:]:
    importe.append(nom)
    importlib.import_module(nom)
print(json.dumps(ouverts))
"""


def test_importer_un_module_ne_lit_aucun_fichier_du_cours():
    noms = [n for n in _modules() if not n.endswith("__main__")]
    sortie = subprocess.run([sys.executable, "-c", _SONDE, str(RACINE), *noms], cwd=RACINE, capture_output=True,
                            text=True, timeout=300)
    assert sortie.returncode == 0, sortie.stderr[-2000:]
    ouverts = json.loads(sortie.stdout.strip().splitlines()[-1])
    assert ouverts == [], f"fichiers lus à l'import (module, fichier) : {ouverts[:5]}"


@pytest.mark.parametrize("fichier_lu", ["datasets/datapackage.json"])
def test_la_sonde_voit_une_lecture_a_l_import(tmp_path, fichier_lu):
    """The probe above is able to fail: a module that reads a course file when imported is caught."""
    module = tmp_path / "module_qui_lit.py"
    module.write_text(f"TEXTE = open({str(RACINE / fichier_lu)!r}, encoding='utf-8').read()\n", encoding="utf-8")
    sortie = subprocess.run([sys.executable, "-c", _SONDE, str(RACINE), "module_qui_lit"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60,
                            env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert json.loads(sortie.stdout.strip().splitlines()[-1]) == [["module_qui_lit", str(RACINE / fichier_lu)]]


def _reglages_lus_hors_de_reglages(racine: Path) -> list[str]:
    """``file:line`` of each read of a course setting (``DONNEES_EN_MAIN_*``, ``DEM_*``) outside reglages.py."""
    import re

    motif = re.compile(r"""environ(?:\.get)?\s*[\[(]\s*["'](?:DONNEES_EN_MAIN_|DEM_)""")
    trouves = []
    for fichier in sorted(racine.rglob("*.py")):
        if fichier.name == "reglages.py":
            continue
        for numero, ligne in enumerate(fichier.read_text(encoding="utf-8").splitlines(), 1):
            if motif.search(ligne):
                trouves.append(f"{fichier.relative_to(racine)}:{numero}")
    return trouves


def test_les_reglages_du_cours_ne_sont_lus_que_dans_reglages():
    """reglages.py is the one place a newcomer looks for a setting: no module reads one itself."""
    paquet = Path(__file__).resolve().parent.parent / "donnees_en_main"
    assert _reglages_lus_hors_de_reglages(paquet) == []


def test_la_recherche_des_reglages_voit_une_lecture_directe(tmp_path):
    """The scan above is able to fail: a module reading ``os.environ.get("DEM_…")`` is caught."""
    (tmp_path / "module.py").write_text('import os\nx = os.environ.get("DEM_NOYAUX_CHAUDS", "1")\n', encoding="utf-8")
    (tmp_path / "reglages.py").write_text('import os\ny = os.environ["DONNEES_EN_MAIN_LIVRE"]\n', encoding="utf-8")
    assert _reglages_lus_hors_de_reglages(tmp_path) == ["module.py:2"]
