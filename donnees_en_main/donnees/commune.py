"""Run the workshops on *your* commune's data — or on the fictional commune, always saying which.

A trainer puts the commune's files in ``donnees-commune/<code INSEE>/`` (not versioned: see
.gitignore), by hand or with ``python -m donnees_en_main.donnees.telecharger <code INSEE>``. Then, in a
workshop notebook:

    CODE_INSEE = "49007"                      # the notebook's « parameters » cell
    donnees = donnees_commune("elections", CODE_INSEE)
    # « Données de votre commune (code INSEE 49007) : … » or « Données de la commune fictive … »
    lire_resultats(donnees["presidentielle-2022-t1"])

Without a code, or when the commune's files are missing, the shipped fictional commune of
Belval-sur-Loire is used, and the message says so. ``choisir_commune()`` shows a small form (a text
field and a button) to choose the commune once for the whole session.

The file names expected in ``donnees-commune/<code INSEE>/`` are those of the course's datasets
(``THEMES``), with the extension ``.csv``, ``.txt`` or ``.xlsx``: for example
``elections-presidentielle-2022-t1-bureaux.txt`` or ``menus-cantine.csv``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from donnees_en_main import reglages
from donnees_en_main.reglages import RACINE
from donnees_en_main.donnees import ErreurDonnees, codes
from donnees_en_main.donnees.catalogue import Theme, jeu, lire_manifeste, themes
from donnees_en_main.donnees.codes import EXEMPLE_CODE_POSTAL

__all__ = [
    "COMMUNE_FICTIVE_CODE",
    "COMMUNE_FICTIVE_NOM",
    "THEMES",
    "Commune",
    "DonneesCommune",
    "choisir_commune",
    "commune_choisie",
    "donnees_commune",
    "dossier_communes",
    "valider_code_insee",
]

# The course's fictional commune (datasets/generer_cantine.py: COMMUNE_INSEE, COMMUNE_NOM).
COMMUNE_FICTIVE_CODE = "49912"
COMMUNE_FICTIVE_NOM = "Belval-sur-Loire"
EXTENSIONS = (".csv", ".txt", ".xlsx")  # .xlsx: the first filled sheet (donnees.detecter_format)

# The themes and their roles are declared with the datasets, in donnees/catalogue.py (JEUX).
THEMES: dict[str, Theme] = themes()
_ALIAS_THEMES = {"énergie": "energie", "élections": "elections", "election": "elections", "menus": "cantine"}


def dossier_communes() -> Path:
    """Folder holding one sub-folder per commune (``donnees-commune/`` at the root of the course).

    ``DONNEES_EN_MAIN_DOSSIER_COMMUNE`` overrides it (a shared folder on a workshop server, a test).
    """
    return reglages.dossier_communes()


# --------------------------------------------------------------------------- the INSEE code


valider_code_insee = codes.valider  # the public name notebooks and tests use


def _a_l_air_d_un_code_postal(code: str) -> bool:
    return code.isdigit()


# --------------------------------------------------------------------------- a commune


@dataclass(frozen=True)
class Commune:
    """A commune chosen by its INSEE code (checked: ``valider_code_insee``)."""

    code_insee: str

    def __init__(self, code_insee):
        object.__setattr__(self, "code_insee", valider_code_insee(code_insee))

    @property
    def departement(self) -> str:
        return codes.departement(self.code_insee)

    @property
    def est_fictive(self) -> bool:
        return self.code_insee == COMMUNE_FICTIVE_CODE

    @property
    def dossier(self) -> Path:
        """Where the commune's own files are looked for: donnees-commune/<code INSEE>/."""
        return dossier_communes() / self.code_insee

    def fichiers(self, theme: str) -> dict[str, Path]:
        """The commune's own files present for a theme: {role: path}."""
        trouves = {}
        for role, spec in _theme(theme).roles.items():
            for nom in spec.noms:
                chemin = next((self.dossier / f"{nom}{ext}" for ext in EXTENSIONS if (self.dossier / f"{nom}{ext}").is_file()), None)
                if chemin is not None:
                    trouves[role] = chemin
                    break
        return trouves

    def bilan(self) -> str:
        """French summary: which files of the commune were found, theme by theme."""
        if self.est_fictive:
            return (f"{self.code_insee} est le code de la commune fictive du cours, {COMMUNE_FICTIVE_NOM} : "
                    "les ateliers utilisent ses données.")
        lignes = []
        total = 0
        for nom, theme in THEMES.items():
            obligatoires = [r for r, s in theme.roles.items() if not s.facultatif]
            trouves = self.fichiers(nom)
            total += len(trouves)
            n = len([r for r in obligatoires if r in trouves])
            if n == len(obligatoires):
                etat = "tous les fichiers sont là"
            elif n == 0:
                etat = "aucun fichier : l'atelier utilisera la commune fictive"
            elif theme.melange:
                etat = f"{n} fichier{'s' if n > 1 else ''} sur {len(obligatoires)}, les autres viendront de la commune fictive"
            else:
                etat = f"{n} fichier{'s' if n > 1 else ''} sur {len(obligatoires)} : il en manque, l'atelier utilisera la commune fictive"
            lignes.append(f"• {theme.titre[0].upper()}{theme.titre[1:]} : {etat}.")
        entete = f"Commune choisie : code INSEE {self.code_insee}, dossier {_affiche(self.dossier)}."
        if total == 0:
            entete += " " + _aucun_fichier(self)
        return "\n".join([entete, *lignes])


def _affiche(chemin: Path) -> str:
    try:
        return str(chemin.relative_to(RACINE))
    except ValueError:
        return str(chemin)


def _aucun_fichier(commune: Commune, theme: str | None = None) -> str:
    option = f" --theme {theme}" if theme else ""
    texte = (
        f"Aucun fichier dans {_affiche(commune.dossier)} : téléchargez les fichiers officiels avec "
        f"« python -m donnees_en_main.donnees.telecharger {commune.code_insee}{option} », ou déposez-y les vôtres."
    )
    if _a_l_air_d_un_code_postal(commune.code_insee) and not commune.dossier.exists():
        texte += (
            f" Vérifiez aussi le code : code postal ≠ code INSEE ; par exemple, {EXEMPLE_CODE_POSTAL}. "
            f"« {commune.code_insee} » est-il bien le code INSEE de la commune, et non son code postal ?"
        )
    return texte


def _theme(theme: str) -> Theme:
    cle = _ALIAS_THEMES.get(str(theme).strip().lower(), str(theme).strip().lower())
    if cle not in THEMES:
        raise ErreurDonnees(
            f"Thème « {theme} » inconnu : choisissez parmi " + ", ".join(f"« {t} »" for t in THEMES) + "."
        )
    return THEMES[cle]


# --------------------------------------------------------------------------- the session's choice

_choisie: Commune | None = None


def commune_choisie() -> Commune | None:
    """The commune chosen for this session (``choisir_commune``), else ``DONNEES_EN_MAIN_CODE_INSEE``, else None."""
    if _choisie is not None:
        return _choisie
    env = reglages.code_insee_par_defaut()
    return Commune(env) if env else None


def choisir_commune(code_insee=None):
    """Choose the commune for the whole session.

    With a code: checks it, remembers it, prints what was found, returns the ``Commune``.
    Without: returns a small form for the trainer — a text field for the INSEE code and a button;
    the answer (in French) says whether the code is valid and which files were found. An empty field
    goes back to the fictional commune.
    """
    global _choisie
    if code_insee is not None:
        commune = Commune(code_insee)
        _choisie = commune
        print(commune.bilan())
        return commune

    import ipywidgets as widgets

    texte = widgets.Text(
        value=_choisie.code_insee if _choisie else "",
        placeholder="par exemple 49007",
        description="Code INSEE :",
        style={"description_width": "initial"},
        layout=widgets.Layout(width="18em"),
    )
    bouton = widgets.Button(description="Utiliser cette commune", icon="check", button_style="primary",
                            tooltip="Les ateliers utiliseront les fichiers de cette commune")
    retour = widgets.HTML()

    def utiliser(_=None):
        global _choisie
        if not texte.value.strip():
            _choisie = None
            retour.value = (f"<p>○ Aucun code : les ateliers utilisent la commune fictive de "
                            f"{COMMUNE_FICTIVE_NOM}.</p>")
            return
        try:
            commune = Commune(texte.value)
        except ErreurDonnees as exc:
            retour.value = f'<p role="alert">✘ Code non valable. {html.escape(str(exc))}</p>'
            return
        _choisie = commune
        lignes = commune.bilan().split("\n")
        retour.value = (f"<p>✔ {html.escape(lignes[0])}</p><ul>"
                        + "".join(f"<li>{html.escape(l.lstrip('• '))}</li>" for l in lignes[1:])
                        + "</ul><p>Réexécutez les cellules de chargement des données de l'atelier.</p>")

    bouton.on_click(utiliser)
    boite = widgets.VBox([widgets.HBox([texte, bouton]), retour])
    boite.texte, boite.bouton, boite.retour = texte, bouton, retour  # for tests and trainers
    return boite


# --------------------------------------------------------------------------- a theme's files


@dataclass
class DonneesCommune:
    """The files of a theme for the workshop: the commune's own, or the fictional commune's.

    ``donnees["presidentielle-2022-t1"]`` is a path; ``origines`` says for each role « commune »
    or « fictive »; ``message`` says it in French (printed by ``donnees_commune``).
    """

    theme: str
    commune: Commune | None
    fichiers: dict[str, Path | None]
    origines: dict[str, str]
    message: str = ""
    sources: dict[str, dict] = field(default_factory=dict)

    def __getitem__(self, role: str) -> Path:
        if role not in self.fichiers:
            raise ErreurDonnees(
                f"Pas de fichier « {role} » dans le thème « {self.theme} » : les fichiers sont "
                + ", ".join(f"« {r} »" for r in self.fichiers) + "."
            )
        chemin = self.fichiers[role]
        if chemin is None:
            spec = THEMES[self.theme].roles[role]
            raise ErreurDonnees(
                f"Pas de fichier « {spec.titre} » pour votre commune : déposez-le dans "
                f"{_affiche(self.commune.dossier)} sous le nom {spec.noms[0]}.csv."
            )
        return chemin

    def get(self, role: str, defaut=None):
        return self.fichiers.get(role) or defaut

    @property
    def fictive(self) -> bool:
        """True when every file shown comes from the fictional commune."""
        return all(o != "commune" for o in self.origines.values())

    def est_fictif(self, role: str) -> bool:
        return self.origines.get(role) == "fictive"

    def lire(self, role: str):
        """The file of ``role`` read with the course's loader for it (a pandas DataFrame).

        For the commune's own files, what the loader detected and repaired is printed (in French).
        """
        tableau = self._lire(role)
        notes = [n for cle in ("notes", "reparations") for n in tableau.attrs.get(cle, []) if "comme recommandé" not in n]
        if not self.est_fictif(role) and notes:
            print(f"Lecture de {self[role].name} :")
            for note in notes:
                print(f"• {note}")
        return tableau

    def verifier(self) -> None:
        """Read every file of the commune now, with the workshop's readers: a file the workshop cannot use stops
        here with its French message (``ErreurDonnees``), before any cell computes with it — not ten cells later
        under a pandas error. The fictional commune's files are not read again."""
        for role, origine in self.origines.items():
            if origine == "commune":
                self._lire(role)

    def _lire(self, role: str):
        """Read with the reader declared for the role's dataset (donnees/catalogue.py)."""
        declaration = jeu(THEMES[self.theme].roles[role].ressource)
        if self.est_fictif(role):
            return declaration.lire()
        code = None if self.commune is None else self.commune.code_insee
        return declaration.lire(self[role], code_insee=code)

    def lieux_de_vote(self, colonne: str = "lieu_de_vote") -> dict[str, str]:
        """Polling station code -> place (elections): the fictional commune's, the commune's own
        ``elections-bureaux.csv`` if present, else {} (codes alone)."""
        chemin = self.fichiers.get("bureaux")
        if chemin is None:
            return {}
        from donnees_en_main.donnees import lire_csv_tableur

        tableau, _ = lire_csv_tableur(chemin)
        if "code_bureau" not in tableau or colonne not in tableau:
            return {}
        return dict(zip(tableau["code_bureau"].astype(str).str.zfill(4), tableau[colonne].fillna("")))

    def __str__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        lignes = self.message.split("\n")
        return "<div>" + "<br>".join(html.escape(l) for l in lignes) + "</div>"


def _manifeste(dossier: Path) -> dict[str, dict]:
    return {f.get("fichier"): f for f in lire_manifeste(dossier)["fichiers"]}


def donnees_commune(theme: str, code_insee=None, *, afficher: bool = True) -> DonneesCommune:
    """The files of a theme (« cantine », « energie », « elections ») for the workshop.

    ``code_insee`` (else the commune chosen with ``choisir_commune``, else the environment variable
    ``DONNEES_EN_MAIN_CODE_INSEE``): the commune's own files in donnees-commune/<code INSEE>/ are
    used when present; the missing ones come from the fictional commune of Belval-sur-Loire when the
    theme allows it (cantine, energie), otherwise the whole theme does (elections: an election of
    your commune next to a fictional one would mislead). The message, printed unless
    ``afficher=False``, always says which data are shown.
    """
    from donnees_en_main.donnees import chemin as chemin_ressource

    nom_theme = next(n for n, t in THEMES.items() if t is _theme(theme))
    spec = THEMES[nom_theme]
    commune = Commune(code_insee) if code_insee is not None and str(code_insee).strip() else commune_choisie()
    fictifs = {r: chemin_ressource(s.ressource) for r, s in spec.roles.items()}
    propres = commune.fichiers(nom_theme) if commune is not None and not commune.est_fictive else {}
    # An « ensemble » (buildings and their readings) is never completed by fictional files: all or nothing.
    incomplets = []
    for ensemble in sorted({s.ensemble for s in spec.roles.values() if s.ensemble}):
        membres = [r for r, s in spec.roles.items() if s.ensemble == ensemble]
        presents = [r for r in membres if r in propres]
        manquants = [r for r in membres if r not in propres and not spec.roles[r].facultatif]
        if presents and manquants:
            incomplets.append((presents, manquants))
            propres = {r: f for r, f in propres.items() if r not in presents}
    obligatoires = [r for r, s in spec.roles.items() if not s.facultatif]
    complet = all(r in propres for r in obligatoires)
    utiliser_propres = bool(propres) and (spec.melange or complet)

    fichiers, origines = {}, {}
    for role in spec.roles:
        if utiliser_propres and role in propres:
            fichiers[role], origines[role] = propres[role], "commune"
        elif utiliser_propres and spec.roles[role].facultatif:
            fichiers[role], origines[role] = None, "absent"
        else:
            fichiers[role], origines[role] = fictifs[role], "fictive"

    sources = _manifeste(commune.dossier) if commune is not None else {}
    mis_a_part = [
        f"Vos fichiers ({', '.join(spec.roles[r].titre for r in presents)}) sont dans {_affiche(commune.dossier)}, "
        f"mais il y manque : {', '.join(spec.roles[r].titre for r in manquants)}. Ces fichiers vont ensemble : "
        "l'atelier ne mêle pas les vôtres à ceux de la commune fictive, et les montre tous de la commune fictive. "
        "Déposez " + ", ".join(f"{spec.roles[r].noms[0]}.csv" for r in manquants) + " pour voir les vôtres."
        for presents, manquants in incomplets
    ]
    lignes = []
    fictive = f"Données de la commune fictive de {COMMUNE_FICTIVE_NOM} (code INSEE {COMMUNE_FICTIVE_CODE}), inventées pour le cours"
    if not utiliser_propres:
        lignes.append(fictive + ".")
        lignes += mis_a_part
        if commune is not None and not commune.est_fictive:
            if propres:
                manquants = [spec.roles[r].titre for r in obligatoires if r not in propres]
                lignes.append(
                    f"Les fichiers de votre commune ({commune.code_insee}) sont incomplets pour {spec.titre} : il manque "
                    + ", ".join(manquants) + f" dans {_affiche(commune.dossier)}. Sans eux, l'atelier montre la commune fictive."
                )
            elif not incomplets:
                lignes.append(
                    f"Aucun fichier de votre commune ({commune.code_insee}) pour {spec.titre}. "
                    + _aucun_fichier(commune, nom_theme)
                )
    else:
        lignes.append(f"Données de votre commune (code INSEE {commune.code_insee}) :")
        for role, origine in origines.items():
            if origine != "commune":
                continue
            source = sources.get(fichiers[role].name)
            detail = f" — {source.get('titre')}, {source.get('editeur')}, téléchargé le {str(source.get('telecharge_le', ''))[:10]}" if source else ""
            lignes.append(f"• {spec.roles[role].titre} : {_affiche(fichiers[role])}{detail}")
        a_part = {r for presents, manquants in incomplets for r in presents + manquants}  # said below
        pris_fictifs = [spec.roles[r].titre for r, o in origines.items() if o == "fictive" and r not in a_part]
        if pris_fictifs:
            lignes.append(f"{fictive} : " + ", ".join(pris_fictifs) + " (fichiers absents de votre dossier).")
        lignes += mis_a_part
        lignes.append(
            "Les corrections automatiques des exercices portent sur la commune fictive : avec vos données, vos "
            "réponses peuvent différer des réponses attendues."
        )
    resultat = DonneesCommune(nom_theme, commune, fichiers, origines, "\n".join(lignes), sources)
    if afficher:
        print(resultat.message)
    return resultat
