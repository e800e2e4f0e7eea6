"""Used by `outils/atelier.sh` (python -m donnees_en_main atelier): the course exercises/ of this folder,
with the formgrader's « Generate feedback » in French (donnees_en_main/correction/configuration.py)."""

from donnees_en_main.correction.configuration import configurer

c = get_config()  # noqa: F821 (provided by traitlets)
configurer(c, role="animateur")
