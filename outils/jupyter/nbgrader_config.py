"""Used by `outils/atelier.sh`: JupyterLab started at the repository root reads the course's config."""

from pathlib import Path

c = get_config()  # noqa: F821 (provided by traitlets)
load_subconfig(str(Path(__file__).resolve().parents[2] / "exercises" / "nbgrader_config.py"))  # noqa: F821
