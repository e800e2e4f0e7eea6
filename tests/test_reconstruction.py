"""Rebuilding the book: cached outputs are thrown away exactly when what the pages execute changes.

The Jupyter execution cache only sees a page's own code; the pages also run the package and read the
datasets. ``sphinx_fr`` keeps a fingerprint of both next to the cache (unit-tested here on a fake
Sphinx application; the real builds are in test_livre / test_publication).
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from donnees_en_main import reglages as chemins
from donnees_en_main.livre import sphinx_fr


def _application(tmp_path: Path) -> SimpleNamespace:
    racine = tmp_path / "cours"
    (racine / "donnees_en_main").mkdir(parents=True)
    (racine / "donnees_en_main" / "carte.py").write_text("SITUATIONS = 15\n")
    (racine / "datasets").mkdir()
    (racine / "datasets" / "menus.csv").write_text("a;b\n1;2\n")
    cache = tmp_path / "_build" / ".jupyter_cache"
    env = SimpleNamespace(mystnb_config=SimpleNamespace(execution_cache_path=str(cache)), found_docs={"book/a", "book/b"})
    return SimpleNamespace(confdir=str(racine), env=env)


def _construire(app) -> bool:
    """One build start: was the cache thrown away? (a file stands for the cached outputs)"""
    cache = Path(app.env.mystnb_config.execution_cache_path)
    sphinx_fr._outdated_cache(app)
    vide = not (cache / "sorties").exists()
    (cache / "sorties").write_text("sorties des pages")
    return vide


def test_le_cache_est_garde_tant_que_rien_ne_change_et_vide_sinon(tmp_path):
    app = _application(tmp_path)
    racine = Path(app.confdir)
    assert _construire(app)  # first build: nothing cached yet
    assert not _construire(app)  # nothing changed: the cached outputs are kept
    assert sphinx_fr._reread_all(app, app.env, set(), set(), set()) == []

    (racine / "donnees_en_main" / "carte.py").write_text("SITUATIONS = 16\n")
    assert _construire(app)  # the package changed: every page runs again…
    assert sphinx_fr._reread_all(app, app.env, set(), set(), set()) == ["book/a", "book/b"]  # …and is re-read
    assert not _construire(app)

    (racine / "datasets" / "menus.csv").write_text("a;b\n1;3\n")
    assert _construire(app)  # so do the data
    (racine / "datasets" / "nouveau.csv").write_text("x\n")
    assert _construire(app)  # and a new file


def test_l_empreinte_ignore_les_fichiers_compiles(tmp_path):
    (tmp_path / "p" / "__pycache__").mkdir(parents=True)
    (tmp_path / "p" / "m.py").write_text("x = 1\n")
    avant = chemins.empreinte(tmp_path, ["p"])
    (tmp_path / "p" / "__pycache__" / "m.cpython-311.pyc").write_bytes(b"\0")
    assert chemins.empreinte(tmp_path, ["p"]) == avant
    (tmp_path / "p" / "m.py").write_text("x = 2\n")
    assert chemins.empreinte(tmp_path, ["p"]) != avant
