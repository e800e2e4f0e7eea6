"""nbgrader for a learner's server on the hub: the course's settings, but the learner's own folder and
the hub user name as student id (donnees_en_main/correction/configuration.py). The shared exchange
folder comes from NBGRADER_ECHANGE, set by jupyterhub_config.py."""

from donnees_en_main.correction.configuration import configurer

c = get_config()  # noqa: F821 (provided by traitlets)
configurer(c, role="apprenant")
