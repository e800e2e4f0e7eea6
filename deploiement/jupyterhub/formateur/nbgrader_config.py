"""nbgrader for the trainer's server on the hub: the course copied into the trainer's home (DEM_COURS)."""

import os
from pathlib import Path

c = get_config()  # noqa: F821 (provided by traitlets)
load_subconfig(str(Path(os.environ["DEM_COURS"]) / "nbgrader_config.py"))  # noqa: F821

# Same formgrader fix as the local workshop (outils/jupyter/modeles-formgrader/LISEZMOI.md).
c.HTMLExporter.extra_template_basedirs = [
    str(Path(__file__).resolve().parents[3] / "outils" / "jupyter" / "modeles-formgrader"),
    *c.HTMLExporter.extra_template_basedirs,
]
