"""Autograding a trainer can trust: nbgrader's autograde, each learner's code in a sandbox.

    python -m donnees_en_main.correction cantine --parallele 2 --course-dir exercises
    python -m donnees_en_main.correction exporter-notes cantine --csv notes.csv
    python -m donnees_en_main.correction eleve exporter alice
    python -m donnees_en_main.correction eleve effacer alice
    python -m donnees_en_main.correction diagnostic

- ``bac_a_sable``: the sandbox (bubblewrap, unprivileged uid, rlimits) and what is missing here;
- ``execution``: nbgrader preprocessors (confined execution, restored and deleted grade cells);
- ``correcteur``: one worker process running nbgrader's autograde in a private course copy;
- ``lot``: the batch (checks, parallel workers, merge into the one gradebook, report);
- ``rgpd``: learners' data — grades export, one learner's export or erasure.

The trainer's page is book/guide-correction.md (« Corriger les devoirs en toute confiance »).
"""

from .bac_a_sable import Diagnostic, Limites, diagnostic

_DU_LOT = ("Cours", "ErreurCorrection", "Rapport", "ResultatEleve", "corriger")


def __getattr__(nom):
    # nbgrader is heavy to import: only when grading (the command's help and diagnostic stay quick)
    if nom in _DU_LOT:
        from . import lot

        return getattr(lot, nom)
    raise AttributeError(nom)


__all__ = ["Cours", "Diagnostic", "ErreurCorrection", "Limites", "Rapport", "ResultatEleve", "corriger", "diagnostic"]
