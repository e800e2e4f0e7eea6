#!/usr/bin/env bash
# The Littlest JupyterHub (TLJH) for « Données en main »: one server, one Unix account per learner.
# Run as root on a fresh Ubuntu server, from the course folder copied to /opt/donnees-en-main,
# AFTER installing TLJH itself (see deploiement/README.md). Not run on this project's machines
# (TLJH needs systemd): try it with a few accounts before a real class.
set -euo pipefail
COURS=/opt/donnees-en-main
ENV_TLJH=/opt/tljh/user

# The course's packages into the learners' environment (JupyterHub's own environment is TLJH's).
grep -v '^jupyterhub==' "$COURS/requirements.txt" > /tmp/dem-requirements.txt
"$ENV_TLJH/bin/pip" install -r /tmp/dem-requirements.txt
"$ENV_TLJH/bin/pip" install --no-deps -e "$COURS"
chmod -R a+rX "$COURS"

# nbgrader for everybody: the course's config, a shared exchange folder. Learners are Unix users
# jupyter-<name>: nbgrader takes that as their student id.
install -d -m 0777 /srv/nbgrader/echange
cat > "$ENV_TLJH/etc/jupyter/nbgrader_config.py" <<PY
import os
c = get_config()
os.environ.setdefault("NBGRADER_ECHANGE", "/srv/nbgrader/echange")
load_subconfig("$COURS/exercises/nbgrader_config.py")
c.CourseDirectory.root = os.getcwd()  # the trainer sets it to ~/cours in ~/.jupyter/nbgrader_config.py
# Fetched assignments in ~/devoirs/<devoir>/, as on the class hub and in the trainer's guide.
from donnees_en_main.correction.configuration import ranger_les_devoirs
ranger_les_devoirs(c)
PY
# Learners: no formgrader (the trainer enables it for their own account, see deploiement/README.md).
"$ENV_TLJH/bin/jupyter" server extension disable --sys-prefix nbgrader.server_extensions.formgrader
"$ENV_TLJH/bin/jupyter" labextension disable --level=sys_prefix @jupyter/nbgrader:formgrader @jupyter/nbgrader:create-assignment

# French by default, and the workshop notebooks in every new home.
install -d "$ENV_TLJH/share/jupyter/lab/settings"
cp "$COURS/outils/jupyter/lab-settings/overrides.json" "$ENV_TLJH/share/jupyter/lab/settings/overrides.json"
# The course's JupyterLab extension (one stylesheet: phone layout, « Validate » in French, feedback link).
install -d "$ENV_TLJH/share/jupyter/labextensions"
rm -rf "$ENV_TLJH/share/jupyter/labextensions/donnees-en-main"
cp -r "$COURS/outils/jupyter/labextensions/donnees-en-main" "$ENV_TLJH/share/jupyter/labextensions/"
install -d /etc/skel/carnets
cp "$COURS"/notebooks/*.ipynb /etc/skel/carnets/

# Memory per learner (measured: ~240 MB with one notebook, ~450-570 MB with three), idle servers stopped.
tljh-config set limits.memory 1G
tljh-config set services.cull.timeout 3600
tljh-config reload
echo "→ TLJH est prêt pour Données en main."
