"""Learners' data on the trainer's machine: the grades table, one learner's export, one learner's erasure.

Nothing here sends anything anywhere: files are written where the trainer says. The learner's
rights under the GDPR (RGPD): access and a copy (articles 15 and 20) with ``exporter_eleve``,
erasure (article 17) with ``effacer_eleve``. See book/guide-correction.md for retention advice.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from nbgrader.api import MissingEntry

from .lot import Cours, ErreurCorrection, lisible, rapport_chemin

EN_TETES_NOTES = ["élève", "prénom", "nom", "devoir", "note", "note maximale", "note brute", "pénalité de retard",
                  "remis le", "date limite", "en retard", "à vérifier", "remarques"]


def _cellule_sure(valeur) -> str:
    """A CSV cell a spreadsheet will not run: text starting with = + - @ gets a leading apostrophe."""
    texte = "" if valeur is None else str(valeur)
    if texte[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + texte
    return texte


def _nombre(x: float | None) -> str:
    if x is None:
        return ""
    return f"{x:g}".replace(".", ",")


def _date_locale(d: datetime | None) -> str:
    """nbgrader stores naive UTC datetimes; show them in the trainer's local time."""
    if d is None:
        return ""
    if d.tzinfo is None:
        d = d.replace(tzinfo=timezone.utc)
    return d.astimezone().strftime("%Y-%m-%d %H:%M")


def _remarques(cours: Cours, devoir: str) -> dict[str, list[str]]:
    chemin = rapport_chemin(cours, devoir)
    try:
        eleves = json.loads(chemin.read_text(encoding="utf-8")).get("eleves", {})
    except (OSError, ValueError):
        return {}
    return {e: list(v.get("incidents", [])) for e, v in eleves.items()}


def lignes_notes(cours: Cours, devoir: str) -> list[dict]:
    """One row per learner known to the gradebook for `devoir` (French keys, see EN_TETES_NOTES)."""
    remarques = _remarques(cours, devoir)
    lignes = []
    with cours.gradebook() as gb:
        try:
            a = gb.find_assignment(devoir)
        except MissingEntry:
            raise ErreurCorrection(f"Le devoir « {devoir} » n'est pas dans le carnet de notes.") from None
        for eleve in sorted(gb.students, key=lambda s: s.id):
            ligne = {"élève": eleve.id, "prénom": eleve.first_name or "", "nom": eleve.last_name or "",
                     "devoir": devoir, "note maximale": _nombre(a.max_score),
                     "date limite": _date_locale(a.duedate)}
            try:
                sub = gb.find_submission(devoir, eleve.id)
            except MissingEntry:
                ligne.update({"note": _nombre(0), "note brute": "", "pénalité de retard": "", "remis le": "",
                              "en retard": "", "à vérifier": "", "remarques": "non remis"})
                lignes.append(ligne)
                continue
            brute, penalite = float(sub.score), float(sub.late_submission_penalty or 0)
            en_retard = bool(sub.total_seconds_late and sub.total_seconds_late > 0)
            a_verifier = any(nb.flagged for nb in sub.notebooks) or bool(sub.needs_manual_grade)
            ligne.update({
                "note": _nombre(max(0.0, brute - penalite)), "note brute": _nombre(brute),
                "pénalité de retard": _nombre(penalite), "remis le": _date_locale(sub.timestamp),
                "en retard": "oui" if en_retard else "non", "à vérifier": "oui" if a_verifier else "non",
                "remarques": " ; ".join(remarques.get(eleve.id, [])),
            })
            lignes.append(ligne)
    return lignes


def exporter_notes(devoir: str, csv_chemin: str | Path, course_dir: str | Path = "exercises") -> int:
    """Write the grades of `devoir` to a CSV a French spreadsheet opens as is; return the row count.

    Separator « ; », decimal comma, UTF-8 with BOM (Excel and LibreOffice recognise the accents).
    """
    cours = Cours.ouvrir(course_dir)
    lignes = lignes_notes(cours, devoir)
    csv_chemin = Path(csv_chemin)
    with open(csv_chemin, "w", encoding="utf-8-sig", newline="") as f:
        ecrivain = csv.writer(f, delimiter=";")
        ecrivain.writerow(EN_TETES_NOTES)
        for ligne in lignes:
            ecrivain.writerow([_cellule_sure(ligne[k]) for k in EN_TETES_NOTES])
    return len(lignes)


# -- one learner ----------------------------------------------------------------------------------

def verifier_identifiant(identifiant: str) -> str:
    """A learner id (see ``lot.identifiants_des_dossiers``), or the folder name as the shell gives it.

    Returned as the id; anything that could reach another folder is refused.
    """
    identifiant = lisible(identifiant)
    if (not identifiant or identifiant in (".", "..") or identifiant.startswith(".")
            or "/" in identifiant or os.sep in identifiant or "\0" in identifiant):
        raise ErreurCorrection(f"Identifiant d'élève invalide : « {identifiant} » (un nom de dossier simple, "
                               "sans / ni point au début, est attendu).")
    return identifiant


@dataclass
class DonneesEleve:
    """Everything the course holds about one learner."""

    identifiant: str
    dossiers: list[Path] = field(default_factory=list)  # submitted/, autograded/, feedback/ folders
    echange: list[Path] = field(default_factory=list)  # nbgrader exchange inbound copies
    fiche: dict | None = None  # gradebook's student row
    soumissions: list[dict] = field(default_factory=list)
    rapports: list[Path] = field(default_factory=list)  # correction/<devoir>.json mentioning them

    @property
    def vide(self) -> bool:
        return not (self.dossiers or self.echange or self.fiche or self.rapports)


def _dossier_echange(cours: Cours) -> Path | None:
    racine = cours.config.get("Exchange", {}).get("root") or "/srv/nbgrader/exchange"
    chemin = Path(racine) / (cours.coursedir.course_id or "") / "inbound"
    return chemin if cours.coursedir.course_id and chemin.is_dir() else None


def trouver_donnees(cours: Cours, identifiant: str) -> DonneesEleve:
    identifiant = verifier_identifiant(identifiant)
    d = DonneesEleve(identifiant)
    remise = cours.remises().get(identifiant)  # its folder may be named otherwise (Latin-1 bytes…)
    if remise is not None:
        d.dossiers.append(remise)
    # graded copies and feedback are filed under the id
    for sorte in (cours.coursedir.autograded_directory, cours.coursedir.feedback_directory):
        chemin = cours.racine / sorte / identifiant
        if chemin.is_dir() and not chemin.is_symlink():
            d.dossiers.append(chemin)
    echange = _dossier_echange(cours)
    if echange is not None:
        d.echange = sorted(p for p in echange.iterdir() if lisible(p.name).startswith(identifiant + "+"))
    if cours.chemin_gradebook is not None and cours.chemin_gradebook.exists():
        with cours.gradebook() as gb:
            try:
                eleve = gb.find_student(identifiant)
            except MissingEntry:
                eleve = None
            if eleve is not None:
                d.fiche = {"identifiant": eleve.id, "prénom": eleve.first_name, "nom": eleve.last_name,
                           "courriel": eleve.email, "identifiant LMS": eleve.lms_user_id}
                for sub in eleve.submissions:
                    carnets = []
                    for nb in sub.notebooks:
                        carnets.append({
                            "carnet": nb.name,
                            "questions": [{"question": g.name, "points": g.score, "points maximum": g.max_score,
                                           "à corriger à la main": bool(g.needs_manual_grade)} for g in nb.grades],
                            "commentaires": [{"question": c.name, "automatique": c.auto_comment,
                                              "du formateur": c.manual_comment} for c in nb.comments
                                             if c.auto_comment or c.manual_comment],
                            "signalé": bool(nb.flagged),
                            "pénalité de retard": nb.late_submission_penalty,
                        })
                    d.soumissions.append({
                        "devoir": sub.assignment.name, "remis le": _date_locale(sub.timestamp),
                        "note": float(sub.score), "note maximale": float(sub.max_score),
                        "en retard": bool(sub.total_seconds_late and sub.total_seconds_late > 0),
                        "carnets": carnets,
                    })
    dossier_rapports = cours.racine / "correction"
    if dossier_rapports.is_dir():
        for chemin in sorted(dossier_rapports.glob("*.json")):
            try:
                if identifiant in json.loads(chemin.read_text(encoding="utf-8")).get("eleves", {}):
                    d.rapports.append(chemin)
            except (OSError, ValueError):
                continue
    return d


LISEZMOI = """Données de l'élève « {id} » — cours « {cours} »
Export du {date}, fait par le formateur ou la formatrice à partir de son ordinateur.

- copies/      : les devoirs tels que remis (dossier submitted/ de nbgrader) ;
- corrections/ : les devoirs tels que corrigés automatiquement (dossier autograded/) ;
- retours/     : les pages de retour (dossier feedback/) ;
- notes.csv    : la note de chaque question (séparateur « ; ») ;
- donnees.json : tout ce que le carnet de notes contient sur l'élève (fiche, remises, notes,
                 commentaires) et les remarques de la correction automatique.
"""


def exporter_eleve(identifiant: str, sortie: str | Path | None = None, course_dir: str | Path = "exercises") -> Path:
    """A zip of everything held about one learner (their copy, for the right of access)."""
    cours = Cours.ouvrir(course_dir)
    d = trouver_donnees(cours, identifiant)
    if d.vide:
        raise ErreurCorrection(f"Aucune donnée pour l'élève « {d.identifiant} » dans ce cours.")
    sortie = Path(sortie or f"export-{d.identifiant}.zip")
    remarques = {}
    for chemin in d.rapports:
        contenu = json.loads(chemin.read_text(encoding="utf-8"))
        remarques[contenu.get("devoir", chemin.stem)] = contenu["eleves"][d.identifiant].get("incidents", [])
    noms = {cours.coursedir.submitted_directory: "copies", cours.coursedir.autograded_directory: "corrections",
            cours.coursedir.feedback_directory: "retours"}
    with zipfile.ZipFile(sortie, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("LISEZMOI.txt", LISEZMOI.format(id=d.identifiant, cours=cours.coursedir.course_id,
                                                   date=datetime.now().strftime("%Y-%m-%d %H:%M")))
        for dossier in d.dossiers:
            prefixe = noms.get(dossier.parent.name, dossier.parent.name)
            _zipper(z, dossier, prefixe)
        for dossier in d.echange:
            _zipper(z, dossier, f"echange/{dossier.name}")
        z.writestr("donnees.json", json.dumps({"fiche": d.fiche, "remises": d.soumissions,
                                               "remarques de la correction": remarques},
                                              ensure_ascii=False, indent=1, default=str))
        tampon = io.StringIO()
        ecrivain = csv.writer(tampon, delimiter=";")
        ecrivain.writerow(["devoir", "carnet", "question", "points", "points maximum"])
        for s in d.soumissions:
            for nb in s["carnets"]:
                for q in nb["questions"]:
                    ecrivain.writerow([s["devoir"], nb["carnet"], q["question"], _nombre(q["points"]),
                                       _nombre(q["points maximum"])])
        z.writestr("notes.csv", "\ufeff" + tampon.getvalue())
    return sortie


def _zipper(z: zipfile.ZipFile, dossier: Path, prefixe: str) -> None:
    for parent, _dossiers, fichiers in os.walk(dossier, followlinks=False):
        for nom in sorted(fichiers):
            chemin = Path(parent) / nom
            if chemin.is_symlink() or not chemin.is_file():
                continue
            # zip names are UTF-8: a file named in Latin-1 is stored under its escaped name
            z.write(chemin, f"{prefixe}/{lisible(str(chemin.relative_to(dossier)))}")


def resume_effacement(d: DonneesEleve) -> str:
    lignes = [f"Données de l'élève « {d.identifiant} » qui seront effacées :"]
    if d.fiche:
        lignes.append(f"- sa fiche et ses notes dans le carnet de notes ({len(d.soumissions)} devoir(s) remis) ;")
    for dossier in d.dossiers:
        lignes.append(f"- le dossier {lisible(str(dossier))} ;")
    for chemin in d.echange:
        lignes.append(f"- la remise {lisible(str(chemin))} dans la boîte d'échange nbgrader ;")
    for chemin in d.rapports:
        lignes.append(f"- ses lignes dans le rapport de correction {chemin.name} ;")
    return "\n".join(lignes)


def effacer_eleve(identifiant: str, course_dir: str | Path = "exercises", confirmer=None) -> DonneesEleve:
    """Erase one learner: gradebook rows (and the freed space), folders, exchange copies, report lines.

    `confirmer(resume) -> bool` is asked first (the CLI asks the trainer to type the id); nothing
    is touched unless it returns True. Raises ErreurCorrection when nothing is known of the learner.
    """
    cours = Cours.ouvrir(course_dir)
    d = trouver_donnees(cours, identifiant)
    if d.vide:
        raise ErreurCorrection(f"Aucune donnée pour l'élève « {d.identifiant} » dans ce cours : rien à effacer.")
    if confirmer is not None and not confirmer(resume_effacement(d)):
        raise ErreurCorrection("Effacement annulé : rien n'a été effacé.")
    if d.fiche is not None:
        with cours.gradebook() as gb:
            gb.remove_student(d.identifiant)
        # sqlite keeps deleted rows in free pages until VACUUM: rewrite the file without them
        db = sqlite3.connect(cours.chemin_gradebook)
        try:
            db.execute("VACUUM")
        finally:
            db.close()
    for dossier in d.dossiers + d.echange:
        shutil.rmtree(dossier)
    for chemin in d.rapports:
        contenu = json.loads(chemin.read_text(encoding="utf-8"))
        contenu["eleves"].pop(d.identifiant, None)
        temporaire = chemin.with_suffix(".tmp")
        temporaire.write_text(json.dumps(contenu, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temporaire, chemin)
    return d
