"""Used by `outils/atelier.sh` (and the trainer's server on the JupyterHub): the course's config, plus
the formgrader fix below."""

from pathlib import Path

c = get_config()  # noqa: F821 (provided by traitlets)
load_subconfig(str(Path(__file__).resolve().parents[2] / "exercises" / "nbgrader_config.py"))  # noqa: F821

# The formgrader's « Generate feedback » forces the template named `feedback`: modeles-formgrader/feedback
# points it at the course's French template (see modeles-formgrader/LISEZMOI.md).
c.HTMLExporter.extra_template_basedirs = [
    str(Path(__file__).resolve().parent / "modeles-formgrader"),
    *c.HTMLExporter.extra_template_basedirs,
]
