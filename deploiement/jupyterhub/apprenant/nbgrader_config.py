"""nbgrader for a learner's server on the hub: the course's settings, but the learner's own folder.

The course's config gives the course id and the shared exchange folder (NBGRADER_ECHANGE). The student
id is the hub user name: every server runs under the same system account, so nbgrader must not use it.
"""

import os
from pathlib import Path

c = get_config()  # noqa: F821 (provided by traitlets)
load_subconfig(str(Path(__file__).resolve().parents[3] / "exercises" / "nbgrader_config.py"))  # noqa: F821
c.CourseDirectory.root = os.getcwd()  # the learner's home, never the course's folder
if os.environ.get("JUPYTERHUB_USER"):
    c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]
