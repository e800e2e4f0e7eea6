"""Run inside Pyodide (Node.js) by precompiler.mjs: /travail/entree/*.whl -> /travail/sortie/*.whl.

As Pyodide does for its own distribution (``pyodide py-compile``): each module's source is replaced by
its bytecode (``module.pyc`` in place of ``module.py``, loaded by Python without a source). Python then
skips compiling IPython, jedi… in the reader's browser, and the wheels stay about as small.
"""

import sys
import warnings
import zipfile
from importlib._bootstrap_external import _code_to_timestamp_pyc
from pathlib import Path

DATE = (1980, 1, 1, 0, 0, 0)


def ecrire(archive, chemin, contenu):
    info = zipfile.ZipInfo(chemin, date_time=DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, contenu)


def precompiler(source, destination):
    ecrits, record = [], None
    with zipfile.ZipFile(source) as entree, zipfile.ZipFile(destination, "w") as sortie:
        for info in entree.infolist():
            chemin, contenu = info.filename, entree.read(info)
            if chemin.endswith(".dist-info/RECORD"):
                record = chemin
                continue
            if chemin.endswith(".py"):
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        code = compile(contenu, chemin, "exec", dont_inherit=True)
                except SyntaxError:
                    pass  # kept as is: Python would not import it either
                else:
                    chemin, contenu = chemin + "c", _code_to_timestamp_pyc(code)
            ecrire(sortie, chemin, contenu)
            ecrits.append(chemin)
        if record is not None:
            ecrire(sortie, record, "".join(f"{c},,\n" for c in [*ecrits, record]).encode())


if __name__ == "__main__" and sys.platform == "emscripten":
    (Path("/travail") / "sortie").mkdir(exist_ok=True)
    for roue in sorted((Path("/travail") / "entree").glob("*.whl")):
        precompiler(roue, Path("/travail") / "sortie" / roue.name)
