"""nbgrader for the trainer's server on the hub: the course copied into the trainer's home (DEM_COURS,
set by jupyterhub_config.py), with the formgrader's « Generate feedback » in French
(donnees_en_main/correction/configuration.py)."""

import os

from donnees_en_main.correction.configuration import configurer

c = get_config()  # noqa: F821 (provided by traitlets)
configurer(c, role="animateur", racine=os.environ["DEM_COURS"])
