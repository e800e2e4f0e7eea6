"""Election results as the Ministère de l'Intérieur publishes them, read into one tidy table.

The official files (data.gouv.fr) have one row per polling station (bureau de vote): fixed columns
(inscrits, votants, blancs, nuls, exprimés…), then **one block of columns per candidate or list,
repeated**. Their headers change from one election to the next, the 2017–2022 files are latin-1
with a header naming only the first candidate block, the 2024 files are UTF-8 with numbered blocks.

    from donnees_en_main.chapitres.elections import lire_resultats, par_bureau, par_candidat
    df = lire_resultats("datasets/elections/presidentielle-2022-t1-bureaux.csv")
    # one row per bureau x candidat: code_bureau, inscrits, votants, …, candidat, voix

    par_bureau(df)    # one row per bureau, with participation (% of inscrits)
    par_candidat(df)  # one row per candidate for the whole commune, % of exprimés and of inscrits

Every problem with a file is reported by an ``ErreurDonnees`` with a French message saying what is
wrong and how to fix it.

Real files from 2012 to 2024 are read too (see ``lire_resultats``): commune-level or bureau-level,
latin-1 / cp1252 / UTF-8, ``;`` or tab (municipales 2020, whose broken lines are glued back),
« Blancs et nuls » in one column (before April 2014), blocks without « N°Panneau » (2012, 2014),
zero-padded counts, lettered overseas départements (ZA…ZZ, ZX), Corsica, and one commune picked out of
a national file (``code_insee=``). Communes nouvelles: ``regrouper_communes`` adds up the rows of the
former communes, ``par_commune`` recomputes the percentages.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

import pandas as pd

from donnees_en_main.donnees import ErreurDonnees, codes, decoder_melange, detecter_format, lignes_utf8_accentuees
from donnees_en_main.donnees.catalogue import ressemble
from donnees_en_main.affichage.interactif import vues_par_choix

__all__ = [
    "formats_acceptes",
    "COLONNES",
    "COMPTES",
    "ELECTIONS",
    "charger_resultats",
    "departement_de",
    "extraire_commune",
    "lieux_de_vote",
    "lire_resultats",
    "par_bureau",
    "par_candidat",
    "par_commune",
    "regrouper_communes",
    "code_insee",
    "code_bureau",
    "tableau_comparaison",
    "explorateur_bureaux",
    "comparateur_elections",
    "graphique_candidats",
]

# Columns of the tidy table, in order. One row per bureau x candidate.
COLONNES = [
    "code_departement",
    "code_commune",
    "libelle_commune",
    "code_bureau",
    "inscrits",
    "abstentions",
    "votants",
    "blancs",
    "nuls",
    "exprimes",
    "numero_panneau",
    "sexe",
    "nom",
    "prenom",
    "nuance",
    "candidat",
    "voix",
]
# Counts of the bureau (repeated on each of its candidates' rows).
COMPTES = ["inscrits", "abstentions", "votants", "blancs", "nuls", "exprimes"]


def _cle(texte: str) -> str:
    """Header key insensitive to case, accents, spaces and punctuation: '% Abs/Ins' -> 'absins'."""
    texte = unicodedata.normalize("NFKD", str(texte)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", texte.lower())


# Fixed columns: every spelling met in the official files (2012-2024) -> tidy name.
# Percentages are not kept: they are recomputed from the counts.
_FIXES = {
    "codedudepartement": "code_departement",
    "codedepartement": "code_departement",
    "codedepartementlibelle": None,
    "libelledudepartement": None,
    "libelledepartement": None,
    "codedelacommune": "code_commune",
    "codecommune": "code_commune",
    "libelledelacommune": "libelle_commune",
    "libellecommune": "libelle_commune",
    "codedubvote": "code_bureau",
    "codebvote": "code_bureau",
    "codebv": "code_bureau",
    "bureaudevote": "code_bureau",
    "inscrits": "inscrits",
    "abstentions": "abstentions",
    "votants": "votants",
    "blancs": "blancs",
    "nuls": "nuls",
    "blancsetnuls": "blancs_et_nuls",  # before April 2014 (loi du 21 février 2014): one count
    "exprimes": "exprimes",
}

# Columns of a candidate (or list) block, block number removed -> tidy name (None = not kept).
_BLOC = {
    "npanneau": "numero_panneau",
    "npan": "numero_panneau",
    "numerodepanneau": "numero_panneau",
    "nliste": "numero_panneau",
    "numerodeliste": "numero_panneau",
    "sexe": "sexe",
    "sexecandidat": "sexe",
    "nom": "nom",
    "nomcandidat": "nom",
    "nomtetedeliste": "nom",
    "prenom": "prenom",
    "prenomcandidat": "prenom",
    "nuance": "nuance",
    "codenuance": "nuance",
    "nuancecandidat": "nuance",
    "nuanceliste": "nuance",
    "liste": "liste",
    "libelleabregeliste": "liste",
    "libelleabregedeliste": "liste",
    "libelledeliste": "liste",
    "libelleetenduliste": None,
    "voix": "voix",
    "voixins": None,
    "voixexp": None,
    "voixinscrits": None,
    "voixexprimes": None,
    "elu": None,
    "sieges": None,
}
_DEBUT_BLOC = {"npanneau", "npan", "numerodepanneau", "nliste", "numerodeliste"}

# Overseas départements were lettered until 2024 (ZA = Guadeloupe…). The INSEE code of a commune is
# the first two characters of its département's number followed by a 3-character code.
_OUTRE_MER = {"ZA": "971", "ZB": "972", "ZC": "973", "ZD": "974", "ZM": "976", "ZS": "975",
              "ZW": "986", "ZP": "987", "ZN": "988"}
# ZX stood for both Saint-Barthélemy (977, commune 701) and Saint-Martin (978, commune 801): the
# commune code says which. ZZ (until 2024) and 99 (from 2024) are the French living abroad: not
# communes, their « code » (99 + consular district) is kept only to tell the rows apart.
_LETTRES_EN_CHIFFRES = {**_OUTRE_MER, "ZX": "97", "ZZ": "99"}

_AIDE_TABLEUR = (
    "Si le fichier a été ouvert puis enregistré avec un tableur, repartez du fichier d'origine "
    "téléchargé sur data.gouv.fr."
)


def formats_acceptes() -> str:
    """French sentence: the layouts ``lire_resultats`` reads, and where to download them."""
    from donnees_en_main.donnees.catalogue import sources_officielles

    pages = [f"{s['titre']} : {s['page']}" for s in sources_officielles() if s.get("theme") == "elections"]
    return (
        "Formats acceptés : les fichiers de résultats publiés par le ministère de l'Intérieur sur data.gouv.fr, « par "
        "bureau de vote » (ou « par commune »), en .csv ou .txt, avec une ligne par bureau de vote et les candidats "
        "côte à côte (un bloc de colonnes « N°Panneau, Nom, Voix… » par candidat), de 2012 à 2024. Où les "
        "télécharger : " + " ; ".join(pages) + " — ou avec « python -m donnees_en_main.donnees.telecharger <code "
        "INSEE> --theme elections »."
    )


def _non_pris_en_charge(nom: str, ce_que_c_est: str) -> ErreurDonnees:
    return ErreurDonnees(f"Le fichier « {nom} » {ce_que_c_est} : ce format n'est pas pris en charge. " + formats_acceptes())


def code_bureau(valeur) -> str:
    """The 4-character code of a polling station: 1 -> '0001' (a spreadsheet drops the zeros)."""
    texte = str(valeur).strip()
    if re.fullmatch(r"\d+(\.0+)?", texte):
        return texte.split(".")[0].zfill(4)
    return texte


def code_insee(code_departement, code_commune) -> str:
    """The 5-character INSEE code of a commune, rebuilt from the election files' columns.

    Before 2024 the files give the commune's code within its département ('123', 3 characters,
    sometimes '23' once a spreadsheet dropped its zero); from 2024 the full code ('45123', '2A004').
    A département written '1' instead of '01' is repaired; Corsica stays 2A/2B; lettered overseas
    départements (ZA = Guadeloupe…) are translated.
    """
    # codes.normaliser: spaces, case, a spreadsheet's « 53.0 », a 4-digit code that lost its zero (1053 -> 01053)
    dep, com = codes.normaliser(code_departement), codes.normaliser(code_commune)
    if re.fullmatch(r"\d", dep):
        dep = dep.zfill(2)
    dep = _LETTRES_EN_CHIFFRES.get(dep, dep)
    if len(com) == 5:
        return com
    if com.isdigit() and len(com) <= 3:  # overseas too: ZA (971) + '101' -> '97101', ZX + '701' -> '97701'
        return dep[:2] + com.zfill(3)
    return com


_reconstruire_code = code_insee  # lire_resultats has a parameter of the same name


departement_de = codes.departement  # '49007' -> '49', '2A004' -> '2A', '97101' -> '971'


# -- reading the raw file ------------------------------------------------------------------------


MELANGE = "utf-8+cp1252"  # « encoding » of a file whose lines are in UTF-8 or in Windows-1252


def _decoder(octets: bytes, nom: str) -> tuple[str, str]:
    if not octets.strip():
        raise ErreurDonnees(f"Le fichier « {nom} » est vide : il ne contient aucune ligne.")
    if octets.startswith(b"\xef\xbb\xbf"):
        octets = octets[3:]
    try:
        return octets.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if lignes_utf8_accentuees(octets):  # UTF-8 and Windows-1252 lines pasted together: line by line
        return decoder_melange(octets)[0], MELANGE
    # 2012-2022 files: latin-1, some cp1252 (which adds the French quotes « ’ » and the euro sign).
    latin1 = octets.decode("latin-1")
    try:
        cp1252 = octets.decode("cp1252")
    except UnicodeDecodeError:
        return latin1, "latin-1"
    return (latin1, "latin-1") if cp1252 == latin1 else (cp1252, "cp1252")


def _separateur(premiere_ligne: str, nom: str) -> str:
    comptes = {sep: premiere_ligne.count(sep) for sep in (";", "\t", ",")}
    sep = max(comptes, key=comptes.get)
    if comptes[sep] == 0:
        raise ErreurDonnees(
            f"La première ligne du fichier « {nom} » ne contient aucun séparateur de colonnes "
            "(point-virgule, tabulation ou virgule). Ce n'est pas un fichier de résultats au format CSV : "
            "vérifiez que vous avez téléchargé le fichier « par bureau de vote » au format .csv ou .txt. "
            + formats_acceptes()
        )
    return sep


def _nombre(texte: str, ligne: int, colonne: str, nom: str) -> int:
    propre = re.sub(r"[\s\u00a0\u202f]", "", str(texte))
    if re.fullmatch(r"\d+", propre):
        return int(propre)  # also '00008198' (municipales 2014: zero-padded counts)
    if re.fullmatch(r"\d+[.,]0+", propre):
        return int(re.split(r"[.,]", propre)[0])
    if propre == "":
        raise ErreurDonnees(
            f"Fichier « {nom} », ligne {ligne} : la colonne « {colonne} » est vide alors qu'elle doit "
            "contenir un nombre. Complétez-la (0 s'il n'y a aucune voix) ou supprimez la ligne."
        )
    raise ErreurDonnees(
        f"Fichier « {nom} », ligne {ligne} : la colonne « {colonne} » contient « {texte} », qui n'est pas "
        "un nombre entier. Les comptes (inscrits, votants, voix…) doivent être des nombres entiers, "
        "sans lettre ni pourcentage."
    )


def _colonnes_fixes(entete: list[str], debut: int, nom: str) -> dict[str, int]:
    fixes: dict[str, int] = {}
    for i, titre in enumerate(entete[:debut]):
        tidy = _FIXES.get(_cle(titre))
        if tidy and tidy not in fixes:
            fixes[tidy] = i
    attendues = ["code_bureau", "inscrits", "votants", "blancs", "nuls", "exprimes"]
    if "code_bureau" not in fixes and "code_commune" in fixes:
        attendues.remove("code_bureau")  # a « résultats par commune » file: one row per commune
    if "blancs_et_nuls" in fixes:
        attendues = [c for c in attendues if c not in ("blancs", "nuls")]
    manquantes = [c for c in attendues if c not in fixes]
    if manquantes:
        noms = {
            "code_bureau": "Code du b.vote (ou Code BV)",
            "inscrits": "Inscrits",
            "votants": "Votants",
            "blancs": "Blancs",
            "nuls": "Nuls",
            "exprimes": "Exprimés",
        }
        liste = ", ".join(f"« {noms[c]} »" for c in manquantes)
        raise ErreurDonnees(
            f"Il manque dans l'en-tête du fichier « {nom} » la ou les colonnes {liste}. "
            "Un fichier de résultats par bureau de vote du ministère de l'Intérieur les contient toujours : "
            "vérifiez qu'il s'agit bien du fichier « par bureau de vote » (et non « par commune ») "
            "et que la première ligne est bien la ligne des titres." + ressemble(entete, sauf="lire_resultats")
            + " " + formats_acceptes()
        )
    return fixes


def _structure_des_blocs(entete: list[str], nom: str) -> tuple[int, int, dict[str, int]]:
    """(first column of the candidate blocks, width of a block, tidy name -> offset in a block)."""
    cles = [_cle(t) for t in entete]
    sans_numero = [re.sub(r"\d+$", "", c) for c in cles]
    debuts = [i for i, c in enumerate(sans_numero) if c in _DEBUT_BLOC]
    if not debuts:
        # 2012 and 2014 files have no « N°Panneau »: a block starts with « Sexe » or « Code Nuance ».
        premier = next((i for i, c in enumerate(sans_numero) if c in _BLOC and _BLOC[c]), None)
        if premier is not None and premier > 0 and sans_numero[premier] in ("sexe", "codenuance", "nuance"):
            debuts = [i for i, c in enumerate(sans_numero) if c == sans_numero[premier]]
    if not debuts:
        raise ErreurDonnees(
            f"Le fichier « {nom} » n'a pas de colonne « N°Panneau » (ou « Numéro de panneau 1 ») : "
            "on ne trouve pas où commencent les résultats des candidats. Vérifiez que la première ligne "
            "est bien celle des titres du fichier publié par le ministère de l'Intérieur."
            + ressemble(entete, sauf="lire_resultats") + " " + formats_acceptes()
        )
    debut = debuts[0]
    # Block width: up to the next « N°Panneau » (2024: every block named and numbered), or else the
    # named columns after the first one (2017-2022: only the first block has names).
    largeur = (debuts[1] - debut) if len(debuts) > 1 else len(entete) - debut
    while largeur > 1 and not entete[debut + largeur - 1].strip():
        largeur -= 1  # a trailing ';' in the header adds an empty title
    decalages: dict[str, int] = {}
    for k in range(largeur):
        tidy = _BLOC.get(sans_numero[debut + k])
        if tidy and tidy not in decalages:
            decalages[tidy] = k
    if "voix" not in decalages or not ({"nom", "liste"} & decalages.keys()):
        raise ErreurDonnees(
            f"Dans le fichier « {nom} », le bloc de colonnes du premier candidat doit contenir au moins "
            "« Voix » et « Nom » (ou le libellé de la liste). Titres trouvés : "
            + ", ".join(f"« {t} »" for t in entete[debut : debut + largeur])
            + "."
        )
    return debut, largeur, decalages


def _aligner(ligne: list[str], debut: int, largeur: int) -> list[str] | None:
    """The row without its trailing separators if it is fixed columns + whole candidate blocks, else None."""
    while len(ligne) > debut and (len(ligne) - debut) % largeur and not ligne[-1].strip():
        ligne = ligne[:-1]  # trailing separator(s)
    if len(ligne) < debut + largeur or (len(ligne) - debut) % largeur:
        return None
    return ligne


def _coller(a: list[str], b: list[str]) -> list[str]:
    """Two pieces of a row cut inside a cell: the cell is joined again (with a space)."""
    if not b:
        return list(a)
    gauche, droite = a[-1].rstrip(), b[0].lstrip()
    return a[:-1] + [f"{gauche} {droite}" if gauche and droite else gauche + droite] + b[1:]


def _recoller(a: list[str], b: list[str], debut: int, largeur: int) -> list[str] | None:
    """Two fragments of one row cut by a line break (municipales 2020): the glued row, or None."""
    for essai in (_coller(a, b), a + b):
        aligne = _aligner(essai, debut, largeur)
        if aligne is not None:
            return aligne
    return None


def _lignes_numerotees(texte: str, sep: str) -> list[tuple[int, list[str]]]:
    """Non-empty rows with the number of the line where each starts (as in a text editor)."""
    lecteur = csv.reader(io.StringIO(texte, newline=""), delimiter=sep)
    lignes, fin_precedente = [], 0
    for ligne in lecteur:
        if any(c.strip() for c in ligne):
            lignes.append((fin_precedente + 1, ligne))
        fin_precedente = lecteur.line_num
    return lignes


def _reparer_lignes_coupees(lignes, debut, largeur, nom) -> tuple[list[tuple[int, list[str]]], list[str]]:
    """Glue back the rows a stray line break cut in two (or three): both pieces are too short alone."""
    sortie, notes, i = [], [], 0
    while i < len(lignes):
        numero, ligne = lignes[i]
        suivante = i + 1
        if _aligner(ligne, debut, largeur) is None:
            courante, k = ligne, i + 1
            while k < len(lignes) and k - i <= 2 and _aligner(lignes[k][1], debut, largeur) is None:
                colle = _recoller(courante, lignes[k][1], debut, largeur)
                if colle is not None:
                    notes.append(
                        f"Lignes {numero} à {lignes[k][0]} recollées : un retour à la ligne coupait une ligne "
                        "du fichier en deux (défaut connu des fichiers des municipales 2020)."
                    )
                    ligne, suivante = colle, k + 1
                    break
                courante = _coller(courante, lignes[k][1])
                k += 1
        sortie.append((numero, ligne))
        i = suivante
    return sortie, notes


def _code_ligne(ligne: list[str], fixes: dict[str, int]) -> str:
    i_dep, i_com = fixes.get("code_departement"), fixes.get("code_commune")
    dep = ligne[i_dep].strip() if i_dep is not None and i_dep < len(ligne) else ""
    com = ligne[i_com].strip() if i_com is not None and i_com < len(ligne) else ""
    return code_insee(dep, com) if com else ""


def _refuser_une_ligne_par_candidat(donnees, fixes, debut, largeur, nom) -> None:
    """The Ministry also publishes « une ligne par candidat » files (the same bureau on several rows, one
    candidate per row): summing them as bureaux would count inscrits and votants once per candidate."""
    cles = [i for i in (fixes.get("code_departement"), fixes.get("code_commune"), fixes.get("code_bureau"))
            if i is not None]
    if not cles:
        return
    vus, repetes = set(), 0
    for _, ligne in donnees[:5000]:
        if len(ligne) > debut + largeur and any(c.strip() for c in ligne[debut + largeur:]):
            return  # several candidates on a row: the wide layout
        cle = tuple(ligne[i].strip() for i in cles if i < len(ligne))
        repetes += cle in vus
        vus.add(cle)
    if repetes:
        raise _non_pris_en_charge(
            nom, f"a une ligne par candidat (le même bureau de vote revient sur plusieurs lignes, {repetes} fois "
                 "dans les premières lignes), alors que le cours lit une ligne par bureau de vote avec tous ses "
                 "candidats")


def lire_resultats(chemin, *, controler: bool = True, code_insee: str | None = None,
                   fusions: dict[str, str] | None = None) -> pd.DataFrame:
    """Read an official election results file (Ministère de l'Intérieur) into a tidy table.

    One row per bureau x candidate (or list), columns ``COLONNES``. Works with the files of 2012 to
    2024: by polling station (« par bureau de vote ») or by commune (« par commune », then
    ``code_bureau`` is empty); latin-1, cp1252 or UTF-8; ``;`` or tab (municipales 2020, whose lines
    broken in two are glued back); a header naming only the first candidate block (2017–2022), every
    block (2024) or blocks without « N°Panneau » (2012, 2014); zero-padded counts (``00008198``).
    Codes stay text ('0001', '2A004'); the commune's 5-character INSEE code is rebuilt (3-digit code
    before 2024, lost leading zero, ZA…ZN overseas, ZX = Saint-Barthélemy 97701 / Saint-Martin 97801,
    ZZ or 99 = French abroad, kept as « 99 » + district). Percentages of the file are not kept: they
    are recomputed from the counts (``par_candidat``, ``par_commune``).

    Before April 2014 blank and null ballots were counted together (« Blancs et nuls »): ``blancs``
    and ``nuls`` are then empty (<NA>) and an extra column ``blancs_et_nuls`` holds the count.

    ``code_insee``: keep only this commune (a national or départemental file).
    ``fusions``: {former code: new code} for communes nouvelles — see ``regrouper_communes``.

    With ``controler=True`` (the default) the counts are checked: votants ≤ inscrits,
    blancs + nuls + exprimés = votants, and the candidates' voix add up to the exprimés in each
    bureau; a file that breaks these rules raises ``ErreurDonnees`` listing the bureaux concerned.

    The table's ``attrs`` say how the file was read: ``encodage``, ``separateur``, ``fichier``,
    ``niveau`` (« bureau » or « commune »), ``reparations`` (lines glued back, in French).
    """
    chemin = Path(chemin)
    nom = chemin.name
    if not chemin.is_file():
        raise ErreurDonnees(
            f"Le fichier « {chemin} » est introuvable. Vérifiez le nom et le dossier "
            "(le chemin est relatif au dossier du carnet)."
        )
    if code_insee is not None:
        code_insee_demande = codes.exiger(code_insee, "Le code")
    fusions = {codes.exiger(a, "L'ancien code"): codes.exiger(n, "Le nouveau code")
               for a, n in (fusions or {}).items()}
    octets = chemin.read_bytes()
    if octets.startswith(b"PK\x03\x04"):  # an Excel workbook (the ministry also publishes .xlsx): its sheet
        texte, encodage = detecter_format(chemin).texte, "utf-8"
    else:
        texte, encodage = _decoder(octets, nom)
    if texte.lstrip("\ufeff \t\r\n")[:1] in ("{", "["):
        raise _non_pris_en_charge(nom, "est un fichier JSON (par exemple des résultats recopiés d'une page web), "
                                       "pas un tableau CSV")
    premiere = texte.splitlines()[0] if texte.splitlines() else ""
    sep = _separateur(premiere, nom)
    lignes = _lignes_numerotees(texte, sep)
    entete = [t.strip() for t in lignes[0][1]]
    if len(lignes) < 2:
        raise ErreurDonnees(f"Le fichier « {nom} » n'a qu'une ligne de titres et aucun bureau de vote.")

    debut, largeur, decalages = _structure_des_blocs(entete, nom)
    fixes = _colonnes_fixes(entete, debut, nom)
    niveau = "bureau" if "code_bureau" in fixes else "commune"
    donnees, reparations = _reparer_lignes_coupees(lignes[1:], debut, largeur, nom)
    _refuser_une_ligne_par_candidat(donnees, fixes, debut, largeur, nom)
    if code_insee is not None:
        if "code_commune" not in fixes:
            raise ErreurDonnees(
                f"Le fichier « {nom} » n'a pas de colonne « Code de la commune » (ou « Code commune ») : "
                f"impossible d'y choisir la commune {code_insee_demande}."
            )
        toutes = donnees
        donnees = [(n, l) for n, l in donnees if fusions.get(_code_ligne(l, fixes), _code_ligne(l, fixes)) == code_insee_demande]
        if not donnees:
            exemples = sorted({_code_ligne(l, fixes) for _, l in toutes[:2000]} - {""})[:5]
            raise ErreurDonnees(
                f"Aucune ligne pour la commune {code_insee_demande} dans le fichier « {nom} » "
                f"({len(toutes)} lignes, par exemple les communes {', '.join(exemples) or 'aucune'}). "
                "Vérifiez le code INSEE : ce n'est pas le code postal (Angers : code postal 49000, code INSEE "
                "49007), et une commune nouvelle peut apparaître sous les codes de ses anciennes communes "
                "(paramètre fusions)."
            )
        if len(donnees) < len(toutes):  # a départemental or national file: say what was kept
            autres = {_code_ligne(l, fixes) for _, l in toutes} - {code_insee_demande, *fusions}
            reparations.append(codes.note_communes_ecartees(code_insee_demande, len(autres), len(donnees), len(toutes)))

    lignes_tidy: list[dict] = []
    for numero, brute in donnees:
        ligne = _aligner(brute, debut, largeur)
        if ligne is None:
            raise ErreurDonnees(
                f"Fichier « {nom} », ligne {numero} : {len(brute)} colonnes, alors qu'on attend "
                f"{debut} colonnes communes puis des blocs de {largeur} colonnes par candidat. "
                "La ligne est coupée ou contient un séparateur en trop (un « ; » dans un nom ?). "
                + _AIDE_TABLEUR
            )
        bureau = {}
        for tidy, i in fixes.items():
            valeur = ligne[i].strip()
            if tidy in COMPTES or tidy == "blancs_et_nuls":
                bureau[tidy] = _nombre(valeur, numero, entete[i], nom)
            else:
                bureau[tidy] = valeur
        bureau.setdefault("abstentions", bureau["inscrits"] - bureau["votants"])
        if "blancs_et_nuls" in bureau:
            bureau["blancs"] = bureau["nuls"] = pd.NA
        if niveau == "bureau":
            bureau["code_bureau"] = code_bureau(bureau["code_bureau"])
            if not bureau["code_bureau"]:
                raise ErreurDonnees(f"Fichier « {nom} », ligne {numero} : le code du bureau de vote est vide.")
        else:
            bureau["code_bureau"] = ""
        dep = bureau.get("code_departement", "")
        com = bureau.get("code_commune", "")
        bureau["code_commune"] = _reconstruire_code(dep, com) if com else ""
        if codes.est_code_commune(bureau["code_commune"]):
            bureau["code_departement"] = departement_de(bureau["code_commune"])
        else:
            bureau["code_departement"] = _OUTRE_MER.get(dep.upper(), dep.zfill(2) if dep.isdigit() else dep.upper())
        bureau.setdefault("libelle_commune", "")

        for b in range((len(ligne) - debut) // largeur):
            cellules = ligne[debut + b * largeur : debut + (b + 1) * largeur]
            if not any(c.strip() for c in cellules):
                continue  # 2024 files pad every row with empty blocks
            cand = {k: cellules[o].strip() for k, o in decalages.items()}
            titre_voix = f"{entete[debut + decalages['voix']]} (candidat n° {b + 1})"
            cand["voix"] = _nombre(cand["voix"], numero, titre_voix, nom)
            sexe = cand.get("sexe", "").upper()
            cand["sexe"] = {"MASCULIN": "M", "FEMININ": "F", "FÉMININ": "F"}.get(sexe, sexe)
            cand.setdefault("nom", cand.get("liste", ""))
            cand["prenom"] = cand.get("prenom", "")
            cand["nuance"] = cand.get("nuance", "")
            cand["numero_panneau"] = cand.get("numero_panneau", str(b + 1))
            if cand.get("liste") and not cand["prenom"]:
                cand["candidat"] = cand["liste"]
            else:
                cand["candidat"] = f"{cand['prenom']} {cand['nom']}".strip()
            lignes_tidy.append({**bureau, **cand})

    if not lignes_tidy:
        raise ErreurDonnees(f"Le fichier « {nom} » ne contient aucun résultat de candidat.")
    df = pd.DataFrame(lignes_tidy)
    for c in COLONNES:
        if c not in df:
            df[c] = ""
    supplementaires = ["blancs_et_nuls"] if "blancs_et_nuls" in df else []
    df = df[COLONNES + supplementaires]
    df["numero_panneau"] = pd.to_numeric(df["numero_panneau"], errors="coerce").astype("Int64")
    for c in [*COMPTES, "voix", *supplementaires]:
        df[c] = df[c].astype("Int64" if df[c].isna().any() else "int64")
    df = df.sort_values(["code_commune", "code_bureau", "numero_panneau"], kind="stable").reset_index(drop=True)
    df.attrs.update({"encodage": encodage, "separateur": sep, "fichier": nom, "niveau": niveau,
                     "reparations": reparations})
    if fusions:
        df = regrouper_communes(df, fusions)
    if controler:
        _controler(df, nom)
    return df


def _lieu(commune: str, bureau: str, plusieurs: bool, article: bool = False) -> str:
    if not bureau:
        return ("la " if article else "") + f"commune {commune}"
    if plusieurs:
        return ("le " if article else "") + f"bureau {bureau} de la commune {commune}"
    return ("le " if article else "") + f"bureau {bureau}"


def _blancs_plus_nuls(bureaux: pd.DataFrame) -> pd.Series:
    somme = bureaux["blancs"] + bureaux["nuls"]
    if "blancs_et_nuls" in bureaux:
        somme = somme.fillna(bureaux["blancs_et_nuls"])
    return somme


def _controler(df: pd.DataFrame, nom: str) -> None:
    cles = ["code_commune", "code_bureau"]
    plusieurs = df["code_commune"].nunique() > 1
    doublons = df[df.duplicated([*cles, "candidat"], keep=False)]
    if not doublons.empty:
        lieux = sorted({_lieu(c, b, plusieurs, article=True) for c, b in doublons[cles].itertuples(index=False)})
        raise ErreurDonnees(
            f"Fichier « {nom} » : le même candidat apparaît deux fois dans {', '.join(lieux[:5])}. "
            "Chaque bureau de vote ne doit figurer que sur une ligne."
        )
    bureaux = df.drop_duplicates(cles).set_index(cles)
    voix = df.groupby(cles)["voix"].sum()
    blancs_nuls = _blancs_plus_nuls(bureaux)
    problemes = []
    for (commune, code), r in bureaux.iterrows():
        ou = _lieu(commune, code, plusieurs)
        bn = blancs_nuls[(commune, code)]
        if r["votants"] > r["inscrits"]:
            problemes.append(f"{ou} : {r['votants']} votants pour {r['inscrits']} inscrits")
        if bn + r["exprimes"] != r["votants"]:
            quoi = "blancs + nuls + exprimés" if pd.notna(r["blancs"]) else "blancs et nuls + exprimés"
            problemes.append(f"{ou} : {quoi} = {bn + r['exprimes']}, mais votants = {r['votants']}")
        if voix[(commune, code)] != r["exprimes"]:
            problemes.append(f"{ou} : les voix des candidats font {voix[(commune, code)]}, mais exprimés = {r['exprimes']}")
    if problemes:
        detail = " ; ".join(problemes[:5]) + (f" (et {len(problemes) - 5} autres)" if len(problemes) > 5 else "")
        raise ErreurDonnees(
            f"Les comptes du fichier « {nom} » ne sont pas cohérents — {detail}. "
            "Dans un procès-verbal, votants = blancs + nuls + exprimés, et les voix des candidats "
            "font le total des exprimés. Vérifiez la saisie ; pour lire le fichier malgré tout, "
            "appelez lire_resultats(chemin, controler=False)."
        )


def regrouper_communes(df: pd.DataFrame, fusions: dict[str, str]) -> pd.DataFrame:
    """Add up the rows of the former communes of a commune nouvelle, under its new code.

    ``fusions`` maps each former INSEE code to the new one, e.g. {"49001": "49050", "49002": "49050"}
    (the INSEE's COG lists these events, code 32 = creation of a commune nouvelle). In a file by
    commune, the former communes' rows become one row whose counts (inscrits, votants…, voix) are the
    sums. In a file by bureau, bureaux stay separate; when two former communes both have a bureau
    « 0001 », those of the commune that lost its code are renamed « <former code>-0001 ». The file's
    percentages are never added up: ``par_commune`` and ``par_candidat`` recompute them from the sums.
    """
    fusions = {codes.exiger(a, "L'ancien code"): codes.exiger(n, "Le nouveau code") for a, n in fusions.items()}
    d = df.copy()
    d["_ancien"] = d["code_commune"]
    d["code_commune"] = d["code_commune"].map(lambda c: fusions.get(c, c))
    notes = list(df.attrs.get("fusions", []))
    touchees = d["_ancien"].isin(list(fusions))
    if not touchees.any():
        notes.append(
            "Aucune des anciennes communes " + ", ".join(sorted(fusions)) + " n'apparaît dans le fichier : "
            "rien n'a été regroupé (le fichier utilise peut-être déjà le code de la commune nouvelle)."
        )
        d = d.drop(columns="_ancien")
        d.attrs = {**df.attrs, "fusions": notes}
        return d
    # Bureaux of a former commune whose code collides with another former commune's: prefix them.
    bureaux = d[d["code_bureau"] != ""].drop_duplicates(["_ancien", "code_bureau"])
    en_double = bureaux.groupby(["code_commune", "code_bureau"])["_ancien"].transform("nunique") > 1
    renommer = set(map(tuple, bureaux.loc[en_double & (bureaux["_ancien"] != bureaux["code_commune"]),
                                           ["_ancien", "code_bureau"]].to_numpy()))
    if renommer:
        a_renommer = [(a, b) in renommer for a, b in zip(d["_ancien"], d["code_bureau"])]
        d.loc[a_renommer, "code_bureau"] = d.loc[a_renommer, "_ancien"] + "-" + d.loc[a_renommer, "code_bureau"]
    cles = ["code_commune", "code_bureau"]
    comptes = [*COMPTES, *(["blancs_et_nuls"] if "blancs_et_nuls" in d else [])]
    totaux = d.drop_duplicates(["_ancien", "code_bureau"]).groupby(cles, sort=False)[comptes].sum(min_count=1)
    noms = {}
    for nouveau, groupe in d.groupby("code_commune"):
        propre = groupe.loc[groupe["_ancien"] == nouveau, "libelle_commune"]
        noms[nouveau] = propre.iloc[0] if len(propre) else " + ".join(dict.fromkeys(groupe["libelle_commune"]))
    candidats = ["numero_panneau", "sexe", "nom", "prenom", "nuance"]
    voix = (d.groupby([*cles, "candidat"], sort=False, dropna=False)
            .agg(code_departement=("code_departement", "first"), voix=("voix", "sum"),
                 **{c: (c, "first") for c in candidats})
            .reset_index())
    resultat = voix.merge(totaux.reset_index(), on=cles, how="left")
    resultat["libelle_commune"] = resultat["code_commune"].map(noms)
    resultat = resultat[[c for c in df.columns if c in resultat.columns]]
    for c in [*comptes, "voix"]:
        resultat[c] = resultat[c].astype(df[c].dtype)
    resultat = resultat.sort_values(["code_commune", "code_bureau", "numero_panneau"], kind="stable").reset_index(drop=True)
    for nouveau, groupe in d[d["code_commune"].isin(set(d.loc[touchees, "code_commune"]))].groupby("code_commune"):
        anciennes = sorted(set(groupe["_ancien"]))
        notes.append(
            f"Communes {', '.join(anciennes)} regroupées sous le code {nouveau} (commune nouvelle) : comptes "
            "additionnés ; les pourcentages sont recalculés à partir des sommes (par_commune), jamais additionnés."
        )
    resultat.attrs = {**df.attrs, "fusions": notes}
    return resultat


def extraire_commune(octets: bytes, code_insee_commune: str, nom: str = "fichier") -> tuple[bytes, int, int]:
    """The lines of one commune out of a national results file, byte for byte (same encoding, same
    separator, same line ends): (header + the commune's lines, lines kept, data lines in all).

    Used to keep only « your commune » from a national file of several tens of megabytes.
    """
    code = codes.exiger(code_insee_commune, "Le code")
    texte, encodage = _decoder(octets, nom)
    morceaux = octets.splitlines(keepends=True)
    premiere = texte.splitlines()[0]
    sep = _separateur(premiere, nom)

    def cellules(brut: bytes) -> list[str]:
        if encodage == MELANGE:
            ligne = decoder_melange(brut)[0].rstrip("\r\n")
        else:
            ligne = brut.decode("utf-8-sig" if encodage == "utf-8" else encodage, errors="replace").rstrip("\r\n")
        return next(csv.reader([ligne], delimiter=sep), [])

    i_entete = next(i for i, m in enumerate(morceaux) if m.strip())
    entete = [t.strip() for t in cellules(morceaux[i_entete])]
    debut, largeur, _ = _structure_des_blocs(entete, nom)
    fixes = _colonnes_fixes(entete, debut, nom)
    if "code_commune" not in fixes:
        raise ErreurDonnees(
            f"Le fichier « {nom} » n'a pas de colonne « Code de la commune » (ou « Code commune ») : "
            f"impossible d'y choisir la commune {code}."
        )
    gardees, total, communes, i = [morceaux[i_entete]], 0, 0, i_entete + 1
    while i < len(morceaux):
        if not morceaux[i].strip():
            i += 1
            continue
        total += 1
        ligne = cellules(morceaux[i])
        if _code_ligne(ligne, fixes) == code:
            communes += 1
            gardees.append(morceaux[i])
            j = i + 1  # a line cut in two (municipales 2020): keep its other pieces
            while _aligner(ligne, debut, largeur) is None and j < len(morceaux) and j - i <= 2:
                suite = cellules(morceaux[j])
                if _aligner(suite, debut, largeur) is not None:
                    break
                gardees.append(morceaux[j])
                ligne = _coller(ligne, suite)
                j += 1
            i = j
            continue
        i += 1
    return b"".join(gardees), communes, total


# -- the course's own election files --------------------------------------------------------------

# The elections shipped with the course (datasets/elections/), name -> title.
ELECTIONS = {
    "presidentielle-2022-t1": "Présidentielle 2022, 1er tour",
    "legislatives-2024-t1": "Législatives 2024, 1er tour",
}


def charger_resultats(election: str = "presidentielle-2022-t1") -> pd.DataFrame:
    """The tidy results of one of the course's elections, read from its official-format file."""
    from donnees_en_main.donnees import chemin

    if election not in ELECTIONS:
        raise ErreurDonnees(
            f"Élection « {election} » inconnue. Les élections du cours sont : "
            + ", ".join(f"« {e} »" for e in ELECTIONS)
            + "."
        )
    return lire_resultats(chemin(f"elections-{election}-bureaux"))


def lieux_de_vote(colonne: str = "lieu_de_vote") -> dict[str, str]:
    """Polling station code -> its place (``lieu_de_vote``) or neighbourhood (``quartier``)."""
    from donnees_en_main.donnees import chemin

    bureaux = pd.read_csv(chemin("elections-bureaux"), dtype=str, keep_default_na=False)
    return dict(zip(bureaux["code_bureau"], bureaux[colonne]))


# -- summaries ------------------------------------------------------------------------------------


def par_bureau(df: pd.DataFrame, *, participation: bool = True) -> pd.DataFrame:
    """One row per polling station (index ``code_bureau``) with its counts.

    With ``participation=True``, adds ``participation`` = votants / inscrits in % (not rounded).
    """
    cles = ["code_commune", "code_bureau"] if "code_commune" in df else ["code_bureau"]
    bureaux = df.drop_duplicates(cles).set_index("code_bureau")[COMPTES].copy()
    if participation:
        bureaux["participation"] = 100 * bureaux["votants"] / bureaux["inscrits"]
    return bureaux


def par_candidat(df: pd.DataFrame) -> pd.DataFrame:
    """The commune's result per candidate: voix, % of exprimés and % of inscrits (not rounded).

    Percentages are recomputed from the summed counts — never the mean of the bureaux' percentages.
    Sorted by numéro de panneau.
    """
    totaux = par_bureau(df, participation=False).sum()
    resultat = (
        df.groupby(["numero_panneau", "candidat"], sort=True)["voix"].sum().reset_index().set_index("candidat")
    )
    resultat["pct_exprimes"] = 100 * resultat["voix"] / totaux["exprimes"]
    resultat["pct_inscrits"] = 100 * resultat["voix"] / totaux["inscrits"]
    return resultat


def par_commune(df: pd.DataFrame) -> pd.DataFrame:
    """One row per commune and candidate: voix, inscrits, exprimés, % of exprimés and of inscrits.

    For a file holding several communes (a départemental file, or communes nouvelles regrouped by
    ``regrouper_communes``): the percentages are recomputed from the summed counts of each commune.
    """
    bureaux = df.drop_duplicates(["code_commune", "code_bureau"])
    totaux = bureaux.groupby("code_commune")[["inscrits", "exprimes"]].sum()
    noms = bureaux.groupby("code_commune")["libelle_commune"].first()
    resultat = (df.groupby(["code_commune", "numero_panneau", "candidat"], sort=True, dropna=False)["voix"]
                .sum().reset_index())
    resultat = resultat.merge(totaux, left_on="code_commune", right_index=True)
    resultat.insert(1, "libelle_commune", resultat["code_commune"].map(noms))
    resultat["pct_exprimes"] = 100 * resultat["voix"] / resultat["exprimes"]
    resultat["pct_inscrits"] = 100 * resultat["voix"] / resultat["inscrits"]
    return resultat.reset_index(drop=True)


# -- charts and widgets (shared by the book and the workshop) ----------------------------------------

DPI_TABLEAUX = 80  # dashboard images: 7.5-inch charts are 600 pixels wide, shrunk to the column on a phone


def _en_image(fig, alt: str) -> str:
    """A matplotlib figure as an HTML <img> (small palette PNG) with its alternative text (the figure is closed)."""
    from donnees_en_main.affichage.graphiques import figure_en_png, image_html

    fig.tight_layout()
    return image_html(figure_en_png(fig, dpi=DPI_TABLEAUX), alt)


def graphique_candidats(df: pd.DataFrame, *, bureau: str | None = None, titre: str | None = None, ax=None):
    """Horizontal bars of each candidate's share of exprimés (axis from 0), commune-wide.

    With ``bureau``, the bureau's bars (in colour) are drawn next to the commune's (grey, hatched),
    so the two can be told apart without colour. Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    from donnees_en_main.affichage.graphiques import BLEU, GRIS, format_axe_fr, pourcent_fr

    commune = par_candidat(df).sort_values("pct_exprimes")
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 0.45 * len(commune) + 1.3))
    y = range(len(commune))
    if bureau is None:
        barres = ax.barh(list(y), commune["pct_exprimes"], color=BLEU, label="Commune")
        ax.bar_label(barres, labels=[pourcent_fr(v) for v in commune["pct_exprimes"]], padding=3, fontsize=9)
    else:
        d = df[df["code_bureau"] == bureau].set_index("candidat")
        pct_bureau = (100 * d["voix"] / d["exprimes"]).reindex(commune.index)
        h = 0.4
        b1 = ax.barh([i + h / 2 for i in y], pct_bureau, height=h, color=BLEU, label=f"Bureau {bureau}")
        b2 = ax.barh([i - h / 2 for i in y], commune["pct_exprimes"], height=h, color="#d9d9d9",
                     edgecolor=GRIS, hatch="///", label="Toute la commune")
        ax.bar_label(b1, labels=[pourcent_fr(v) for v in pct_bureau], padding=3, fontsize=9)
        ax.bar_label(b2, labels=[pourcent_fr(v) for v in commune["pct_exprimes"]], padding=3, fontsize=9, color=GRIS)
        ax.legend(loc="lower right")
    ax.set_yticks(list(y), commune.index)
    ax.set_xlim(0, max(50, float(commune["pct_exprimes"].max()) * 1.25))
    ax.xaxis.set_major_formatter(format_axe_fr(0, " %"))
    ax.set_xlabel("Part des suffrages exprimés")
    ax.grid(axis="y", visible=False)
    if titre:
        ax.set_title(titre, loc="left")
    return ax


def _phrase_bureau(df: pd.DataFrame, bureau: str) -> str:
    from donnees_en_main.affichage.graphiques import nombre_fr, pourcent_fr

    d = df[df["code_bureau"] == bureau]
    tete = d.loc[d["voix"].idxmax()]
    r = par_bureau(df).loc[bureau]
    return (
        f"Bureau {bureau} : {nombre_fr(r['inscrits'], 0)} inscrits, participation {pourcent_fr(r['participation'])}. "
        f"En tête : {tete['candidat']}, {pourcent_fr(100 * tete['voix'] / tete['exprimes'])} des suffrages exprimés."
    )


def explorateur_bureaux(df: pd.DataFrame, lieux: dict[str, str] | None = None, titre_election: str = ""):
    """A widget to explore one polling station: a menu of bureaux, and its results next to the commune's.

    Every bureau's chart is drawn beforehand and the menu switches between them in the browser
    (``jslink``), so it also works in the published book, without a Python kernel.
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    lieux = lieux or {}
    codes = list(par_bureau(df).index)

    def vue(code):
        fig, ax = plt.subplots(figsize=(7.5, 0.5 * df["candidat"].nunique() + 1.4))
        lieu = f" — {lieux[code]}" if code in lieux else ""
        graphique_candidats(df, bureau=code, ax=ax, titre=f"{titre_election}\nBureau {code}{lieu}".strip())
        phrase = _phrase_bureau(df, code)
        return widgets.HTML(f"<p>{phrase}</p>" + _en_image(fig, alt=f"Graphique en barres. {phrase}"))

    return vues_par_choix([("Bureau :", [(f"{c} — {lieux[c]}" if c in lieux else c, c) for c in codes])], vue)


INDICATEURS = {
    "participation": ("Participation", "votants", "inscrits", "Votants pour 100 inscrits"),
    "blancs": ("Votes blancs", "blancs", "votants", "Bulletins blancs pour 100 votants"),
    "nuls": ("Votes nuls", "nuls", "votants", "Bulletins nuls pour 100 votants"),
}


def tableau_comparaison(elections: dict[str, pd.DataFrame], indicateur: str = "participation") -> pd.DataFrame:
    """One row per bureau (and a last row « Commune »), one column per election: the indicator in %.

    ``indicateur`` is one of ``INDICATEURS`` (participation, blancs, nuls). The commune's row is
    computed from the summed counts.
    """
    if indicateur not in INDICATEURS:
        raise ErreurDonnees(
            f"Indicateur « {indicateur} » inconnu : choisissez parmi {', '.join(INDICATEURS)}."
        )
    _, num, den, _ = INDICATEURS[indicateur]
    colonnes = {}
    for nom, df in elections.items():
        b = par_bureau(df, participation=False)
        serie = 100 * b[num] / b[den]
        serie.loc["Commune"] = 100 * b[num].sum() / b[den].sum()
        colonnes[nom] = serie
    return pd.DataFrame(colonnes)


def comparateur_elections(elections: dict[str, pd.DataFrame], lieux: dict[str, str] | None = None):
    """A widget comparing two (or more) elections bureau by bureau: participation, blancs or nuls.

    The charts are drawn beforehand; the buttons switch between them in the browser (``jslink``).
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from donnees_en_main.affichage.graphiques import (
        PALETTE, ecart_points_fr, format_axe_fr, legende_sous_le_graphique, nombre_fr, pourcent_fr,
    )

    lieux = lieux or {}
    motifs = ["", "..", "//", "xx"]

    def vue(cle):
        libelle, _num, _den, axe = INDICATEURS[cle]
        t = tableau_comparaison(elections, cle)
        bureaux = t.drop(index="Commune")
        n = len(t.columns)
        # horizontal bars, one row per bureau: on a phone the names and values stay side by side
        fig, ax = plt.subplots(figsize=(6.5, 0.32 * n * len(bureaux) + 1.8))
        hauteur = 0.8 / n
        y = range(len(bureaux))
        for k, nom in enumerate(t.columns):
            pos = [i - 0.4 + hauteur * (k + 0.5) for i in y]
            barres = ax.barh(pos, bureaux[nom], height=hauteur, color=PALETTE[k], hatch=motifs[k % len(motifs)],
                             edgecolor="white", label=nom)
            ax.bar_label(barres, labels=[nombre_fr(v) for v in bureaux[nom]], fontsize=9, padding=3)
            ax.axvline(t.loc["Commune", nom], color=PALETTE[k], linestyle="--", linewidth=1)
        ax.set_yticks(list(y), [f"{c} " + lieux.get(c, "") for c in bureaux.index])
        ax.invert_yaxis()  # the first bureau on top, each election in the legend's order
        ax.set_xlim(0, max(100 if cle == "participation" else 5, float(bureaux.max().max()) * 1.25))
        ax.xaxis.set_major_formatter(format_axe_fr(0, " %"))
        ax.set_xlabel(axe)
        ax.set_title(f"{libelle} par bureau de vote", loc="left")
        poignees, noms = ax.get_legend_handles_labels()
        poignees.append(Line2D([], [], color="0.3", linestyle="--", linewidth=1))
        noms.append("Toute la commune")
        legende_sous_le_graphique(fig, poignees, noms)
        ax.grid(axis="y", visible=False)
        resume = f"{libelle} : toute la commune " + ", ".join(
            f"{nom} {pourcent_fr(t.loc['Commune', nom])}" for nom in t.columns
        )
        if n >= 2:
            # from the first election given to the last (the caller gives them in time order)
            arrondis = t.round(1)  # the change between the rates as shown, so that the sentence adds up
            ecarts = arrondis.iloc[:, -1] - arrondis.iloc[:, 0]
            resume += f" ({ecart_points_fr(ecarts['Commune'])})"
            ecarts = ecarts.drop("Commune").round(1)
            if ecarts.max() > 0:
                resume += f". Plus forte hausse : bureau {ecarts.idxmax()} ({ecart_points_fr(ecarts.max())})"
            if ecarts.min() < 0:
                resume += f". Plus forte baisse : bureau {ecarts.idxmin()} ({ecart_points_fr(ecarts.min())})"
        resume += "."
        tableau = t.map(lambda v: f"{nombre_fr(v)} %").to_html(classes="dem-tableau", border=0)
        return widgets.HTML(f"<p>{resume}</p>" + _en_image(fig, alt=f"Graphique en barres. {resume}")
                            + f'<details><summary>Voir le tableau</summary>{tableau}</details>')

    boutons = widgets.ToggleButtons(
        options=[(v[0], cle) for cle, v in INDICATEURS.items()],
        description="Indicateur :",
        style={"description_width": "initial"},
    )
    return vues_par_choix([boutons], vue)
