"""Download the official files of a commune for the workshops.

    python -m donnees_en_main telecharger 49007
    python -m donnees_en_main telecharger 49007 --theme elections --dossier donnees-commune
    python -m donnees_en_main telecharger 49007 --forcer      # download again
    python -m donnees_en_main telecharger --sources           # list the catalogue

The official files (title, publisher, licence, page, file address) are declared with the course's
datasets in ``donnees_en_main/donnees/catalogue.py``; ``DONNEES_EN_MAIN_SOURCES`` may point to a JSON
file with another list (``{"sources": [...]}``: a mirror, a test server). A national file is cut down to the commune's lines, byte for byte. Each
file is saved in ``<dossier>/<code INSEE>/`` under the name the workshops look for
(``donnees_en_main.donnees.commune``), and recorded with its size and SHA-256 in ``manifeste.json`` next to
it. A file already there is not downloaded again (``--forcer`` to do so).

Offline, or when the server does not answer, the command says so in French — the workshops then use
the fictional commune — and never shows a traceback. Exit status: 0 done, 1 a file failed, 2 offline.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import socket
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from donnees_en_main import reglages
from donnees_en_main.commande import Analyseur
from donnees_en_main.donnees import ErreurDonnees, codes, formater_entier
from donnees_en_main.donnees.catalogue import NOM_MANIFESTE, lire_manifeste, sources_officielles

__all__ = ["Resultat", "charger_sources", "main", "telecharger"]

DELAI_SECONDES = 60
AGENT = "donnees-en-main/0.1 (formation des elus aux donnees)"


class HorsLigne(Exception):
    """No connection to the server (no network, DNS failure, connection refused, time-out)."""


@dataclass
class Resultat:
    """What happened to one file: ``etat`` is « telecharge », « deja-la », « manuel » or « erreur »."""

    source: str
    etat: str
    message: str
    chemin: Path | None = None


# --------------------------------------------------------------------------- catalogue


def charger_sources() -> list[dict]:
    """The official sources: the course's catalogue, or the JSON file ``DONNEES_EN_MAIN_SOURCES`` names."""
    fichier = reglages.fichier_sources(None)
    if fichier is None:
        return sources_officielles()
    try:
        contenu = json.loads(fichier.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ErreurDonnees(
            f"Le catalogue des sources « {fichier} » est introuvable. Vérifiez la variable "
            "d'environnement DONNEES_EN_MAIN_SOURCES, ou supprimez-la pour utiliser le catalogue du cours."
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ErreurDonnees(f"Le catalogue des sources « {fichier} » n'est pas un JSON lisible ({exc}).") from None
    sources = contenu.get("sources") if isinstance(contenu, dict) else None
    if not isinstance(sources, list) or not all(isinstance(s, dict) and s.get("id") and s.get("fichier") for s in sources):
        raise ErreurDonnees(
            f"Le catalogue des sources « {fichier} » doit contenir une liste « sources » dont chaque élément a au "
            "moins un « id » et un « fichier »."
        )
    return sources


# --------------------------------------------------------------------------- download


def _ouvrir(url: str):
    hote = urllib.parse.urlsplit(url).hostname or ""
    if hote in ("127.0.0.1", "localhost", "::1"):
        ouvreur = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy
    else:
        ouvreur = urllib.request.build_opener()
    requete = urllib.request.Request(url, headers={"User-Agent": AGENT})
    return ouvreur.open(requete, timeout=DELAI_SECONDES)


def _telecharger_vers(url: str, destination: Path) -> None:
    """Stream ``url`` into ``destination``; HorsLigne when the server cannot be reached."""
    try:
        with _ouvrir(url) as reponse, destination.open("wb") as sortie:
            while morceau := reponse.read(1 << 20):
                sortie.write(morceau)
    except urllib.error.HTTPError:
        raise
    except urllib.error.URLError as exc:
        raise HorsLigne(_hote(url), str(exc.reason)) from None
    except (socket.timeout, TimeoutError, ConnectionError) as exc:
        raise HorsLigne(_hote(url), str(exc) or exc.__class__.__name__) from None


def _hote(url: str) -> str:
    morceaux = urllib.parse.urlsplit(url)
    return morceaux.netloc or url


def _sha256(chemin: Path) -> str:
    empreinte = hashlib.sha256()
    with chemin.open("rb") as f:
        while morceau := f.read(1 << 20):
            empreinte.update(morceau)
    return empreinte.hexdigest()


# --------------------------------------------------------------------------- filtering


def _filtrer_colonne(source: Path, code: str, colonnes: list[str]) -> tuple[bytes, int, int]:
    """Header + the lines whose commune column holds ``code`` (byte for byte)."""
    from donnees_en_main.donnees import cle_entete, detecter_format

    format_ = detecter_format(source)
    sep = format_.separateur or ","
    octets = source.read_bytes()
    morceaux = octets.splitlines(keepends=True)
    encodage = "utf-8-sig" if format_.encodage in ("utf-8", "utf-8-sig") else format_.encodage

    def cellules(brut: bytes) -> list[str]:
        return next(csv.reader([brut.decode(encodage, errors="replace").rstrip("\r\n")], delimiter=sep), [])

    entete = [cle_entete(c) for c in cellules(morceaux[0])] if morceaux else []
    cles = {cle_entete(c) for c in colonnes}
    index = next((i for i, c in enumerate(entete) if c in cles), None)
    if index is None:
        raise ErreurDonnees(
            f"Le fichier téléchargé n'a pas de colonne {' ou '.join(f'« {c} »' for c in colonnes)} : impossible d'y "
            "choisir la commune. Le format du fichier a peut-être changé : vérifiez sa page et le catalogue des sources."
        )
    gardees, total = [morceaux[0]], 0
    for brut in morceaux[1:]:
        if not brut.strip():
            continue
        ligne = cellules(brut)
        valeur = codes.normaliser(ligne[index]) if index < len(ligne) else ""  # a lost leading zero put back
        total += 1
        if valeur == code:
            gardees.append(brut)
    return b"".join(gardees), len(gardees) - 1, total


def _filtrer(source: dict, telecharge: Path, code: str) -> tuple[bytes, str]:
    filtre = source.get("filtre") or {}
    sorte = filtre.get("type")
    if sorte == "elections":
        from donnees_en_main.chapitres.elections import extraire_commune

        octets, gardees, total = extraire_commune(telecharge.read_bytes(), code, source["fichier"])
    elif sorte == "colonne":
        octets, gardees, total = _filtrer_colonne(telecharge, code, filtre.get("colonnes") or ["code_commune"])
    else:
        octets = telecharge.read_bytes()
        return octets, "fichier gardé entier"
    if gardees == 0:
        raise ErreurDonnees(
            f"Aucune ligne pour la commune {code} dans « {source.get('titre', source['id'])} » "
            f"({formater_entier(total)} lignes lues). Vérifiez le code INSEE : code postal ≠ code INSEE "
            "(Angers : code postal 49000, code INSEE 49007) ; une commune nouvelle peut aussi apparaître "
            "sous les codes de ses anciennes communes dans les fichiers antérieurs à sa création."
        )
    return octets, f"{formater_entier(gardees)} ligne{'s' if gardees > 1 else ''} de la commune sur {formater_entier(total)}"


# --------------------------------------------------------------------------- manifest


def _ecrire_manifeste(dossier: Path, code: str, entree: dict) -> None:
    manifeste = lire_manifeste(dossier)
    fichiers = [f for f in manifeste["fichiers"] if f.get("fichier") != entree["fichier"]] + [entree]
    manifeste.update({
        "commune": code,
        "description": "Fichiers officiels téléchargés par python -m donnees_en_main telecharger : d'où ils "
                       "viennent, quand, leur taille en octets et leur empreinte SHA-256 (pour vérifier qu'ils "
                       "n'ont pas changé).",
        "fichiers": sorted(fichiers, key=lambda f: f["fichier"]),
    })
    temporaire = dossier / (NOM_MANIFESTE + ".tmp")
    temporaire.write_text(json.dumps(manifeste, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    temporaire.replace(dossier / NOM_MANIFESTE)


# --------------------------------------------------------------------------- one commune


def telecharger(code_insee, themes=None, dossier=None, *, forcer: bool = False, ecrire=print) -> list[Resultat]:
    """Download the official files of a commune (all themes, or ``themes``) into ``dossier/<code>/``.

    Returns one ``Resultat`` per source; raises ``HorsLigne`` when the server cannot be reached and
    ``ErreurDonnees`` for an invalid code or catalogue. ``ecrire`` receives each French message.
    """
    from donnees_en_main.donnees.commune import _ALIAS_THEMES, THEMES, Commune, dossier_communes

    commune = Commune(code_insee)
    code = commune.code_insee
    themes = [themes] if isinstance(themes, str) else list(themes or THEMES)
    themes = [_ALIAS_THEMES.get(t.strip().lower(), t.strip().lower()) for t in themes]
    inconnus = [t for t in themes if t not in THEMES]
    if inconnus:
        raise ErreurDonnees(
            f"Thème « {inconnus[0]} » inconnu : choisissez parmi " + ", ".join(f"« {t} »" for t in THEMES) + "."
        )
    racine = Path(dossier) if dossier is not None else dossier_communes()
    cible = racine / code
    sources = [s for s in charger_sources() if s.get("theme") in themes]
    resultats = []
    for source in sources:
        fichier = cible / source["fichier"]
        titre = source.get("titre", source["id"])
        if not source.get("url"):
            message = (f"À déposer à la main : {titre}. {source.get('remarque', '')} Nom attendu : "
                       f"{fichier}. Page : {source.get('page', '')}").strip()
            resultats.append(Resultat(source["id"], "manuel", message, None))
            ecrire(message)
            continue
        if fichier.exists() and not forcer:
            connu = next((f for f in lire_manifeste(cible)["fichiers"] if f.get("fichier") == fichier.name), None)
            if connu and connu.get("sha256") == _sha256(fichier):
                message = (f"Déjà téléchargé le {str(connu.get('telecharge_le', ''))[:10]} : {fichier} (empreinte "
                           "vérifiée). Rien à faire ; --forcer pour le télécharger à nouveau.")
            elif connu:
                message = (f"{fichier} a changé depuis son téléchargement (empreinte SHA-256 différente de celle du "
                           "manifeste) : il est gardé tel quel. --forcer pour le remplacer par le fichier officiel.")
            else:
                message = (f"{fichier} est déjà là (déposé à la main ?) : il est gardé tel quel. --forcer pour le "
                           "remplacer par le fichier officiel.")
            resultats.append(Resultat(source["id"], "deja-la", message, fichier))
            ecrire(message)
            continue
        url = source["url"].replace("{code_insee}", code)
        ecrire(f"Téléchargement : {titre}…")
        cible.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cible, prefix=".telechargement-") as temporaire:
            brut = Path(temporaire) / "source"
            try:
                _telecharger_vers(url, brut)
            except urllib.error.HTTPError as exc:
                if exc.code == 404:
                    raison = "le fichier n'est plus à cette adresse (erreur 404)"
                elif exc.code in (401, 403):
                    raison = f"le serveur en refuse l'accès (erreur {exc.code})"
                elif exc.code >= 500:
                    raison = f"le serveur est en panne ou surchargé (erreur {exc.code}) : réessayez plus tard"
                else:
                    raison = f"le serveur a répondu par une erreur {exc.code}"
                message = (f"Échec pour « {titre} » : {raison}. Adresse : {url}. Vérifiez la page du jeu de données "
                           f"({source.get('page', '?')}) et mettez à jour l'adresse dans le catalogue des sources.")
                resultats.append(Resultat(source["id"], "erreur", message, None))
                ecrire(message)
                continue
            try:
                octets, extrait = _filtrer(source, brut, code)
            except ErreurDonnees as exc:
                message = f"Échec pour « {titre} » : {exc}"
                resultats.append(Resultat(source["id"], "erreur", message, None))
                ecrire(message)
                continue
            taille_source, empreinte_source = brut.stat().st_size, _sha256(brut)
            partiel = Path(temporaire) / "commune"
            partiel.write_bytes(octets)
            partiel.replace(fichier)
        entree = {
            "fichier": fichier.name,
            "source": source["id"],
            "titre": titre,
            "editeur": source.get("editeur"),
            "licence": source.get("licence"),
            "page": source.get("page"),
            "url": url,
            "telecharge_le": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
            "octets": fichier.stat().st_size,
            "sha256": _sha256(fichier),
            "extrait": extrait,
            "octets_source": taille_source,
            "sha256_source": empreinte_source,
        }
        _ecrire_manifeste(cible, code, entree)
        message = (f"Enregistré : {fichier} ({formater_entier(entree['octets'])} octets, {extrait}) — "
                   f"{source.get('editeur', '')}, {source.get('licence', '')}.")
        resultats.append(Resultat(source["id"], "telecharge", message, fichier))
        ecrire(message)
    return resultats


# --------------------------------------------------------------------------- command line


def _analyseur() -> Analyseur:
    analyseur = Analyseur(
        prog="python -m donnees_en_main telecharger",
        description="Télécharge les fichiers officiels d'une commune pour les ateliers « Données en main » "
                    "(résultats électoraux, consommation d'énergie par secteur) et les range dans "
                    "donnees-commune/<code INSEE>/.",
        epilog="Exemple : python -m donnees_en_main telecharger 49007 --theme elections",
    )
    analyseur.add_argument("code_insee", nargs="?", help="code INSEE de la commune (5 caractères, ce n'est pas le code postal)")
    analyseur.add_argument("--theme", action="append", metavar="THEME",
                           help="elections, energie ou cantine (plusieurs fois possible ; par défaut : tous)")
    analyseur.add_argument("--dossier", metavar="DOSSIER", help="dossier des communes (par défaut : donnees-commune)")
    analyseur.add_argument("--forcer", action="store_true", help="télécharger à nouveau les fichiers déjà présents")
    analyseur.add_argument("--sources", action="store_true", help="afficher le catalogue des fichiers officiels")
    return analyseur


def main(argv=None) -> int:
    arguments = _analyseur().parse_args(argv)
    try:
        if arguments.sources:
            for source in charger_sources():
                print(f"- [{source.get('theme')}] {source.get('titre')}\n  {source.get('editeur')} — "
                      f"{source.get('licence')}\n  page : {source.get('page')}\n  fichier : {source.get('url') or 'à déposer à la main'}")
            return 0
        if not arguments.code_insee:
            print("Indiquez le code INSEE de la commune, par exemple : python -m donnees_en_main telecharger 49007")
            return 1
        resultats = telecharger(arguments.code_insee, arguments.theme, arguments.dossier, forcer=arguments.forcer)
    except HorsLigne as exc:
        hote, detail = (exc.args + ("", ""))[:2]
        print(f"Pas de connexion à Internet : impossible de joindre {hote} (détail technique : {detail}) ; les "
              "ateliers utiliseront la commune fictive. Réessayez une fois connecté, ou déposez les fichiers à la "
              "main dans donnees-commune/<code INSEE>/.")
        return 2
    except ErreurDonnees as exc:
        print(f"Erreur : {exc}")
        return 1
    except OSError as exc:
        print(f"Erreur d'écriture sur le disque ({exc.strerror or exc}) : vérifiez le dossier indiqué et l'espace libre.")
        return 1
    except KeyboardInterrupt:
        print("Téléchargement interrompu : relancez la commande pour le reprendre.")
        return 1
    if any(r.etat == "erreur" for r in resultats):
        return 1
    if not resultats:
        print("Aucun fichier officiel au catalogue pour ce thème.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
