"""Deterministic generator of the fictional data of the « cantine » use case.

Writes into ``datasets/cantine/`` (or the folder given on the command line):

- ``menus-cantine.csv``: one school term of lunch menus for the four school canteens of
  the fictional commune of Belval-sur-Loire, one row per dish, following the SCDL
  ``menus-collectifs`` 1.2.3 schema (see ``menus-cantine.schema.json``);
- ``menus-cantine-export-tableur.csv``: the same data as a typical spreadsheet export,
  with the real-world flaws listed in ``DEFAUTS_EXPORT_TABLEUR``;
- ``achats-cantines.csv``: fictional yearly EGalim purchase declarations of 40 canteens of
  the fictional Communauté de communes Loire-Belval (mean organic share above the median).

Usage::

    python datasets/generer_cantine.py            # rewrites datasets/cantine/ and the
                                                  # cantine entries of datasets/datapackage.json
    python datasets/generer_cantine.py /tmp/x     # writes the three CSV files into /tmp/x only

Everything is fictional: names, SIRET, INSEE codes (49 9xx, outside the real numbering of
Maine-et-Loire), menus and amounts. Same seed, same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalogue import LICENCE_ETALAB, remplacer_ressources  # noqa: E402

GRAINE = 20250901
ICI = Path(__file__).resolve().parent
DOSSIER = ICI / "cantine"
SCHEMA_MENUS = DOSSIER / "menus-cantine.schema.json"
DATAPACKAGE = ICI / "datapackage.json"

FICHIER_MENUS = "menus-cantine.csv"
FICHIER_EXPORT = "menus-cantine-export-tableur.csv"
FICHIER_ACHATS = "achats-cantines.csv"

DATE_CREATION = "2026-11-26"
URL_SCDL_MENUS = "https://schema.data.gouv.fr/scdl/menus-collectifs/1.2.3/"


# --------------------------------------------------------------------------- identifiers


def cle_luhn(chiffres: str) -> str:
    """Return the digit that makes ``chiffres + digit`` pass the Luhn check (SIREN, SIRET)."""
    for d in "0123456789":
        if luhn_valide(chiffres + d):
            return d
    raise AssertionError("unreachable")


def luhn_valide(chiffres: str) -> bool:
    """Luhn check used by INSEE for SIREN and SIRET numbers."""
    total = 0
    for i, c in enumerate(reversed(chiffres)):
        n = int(c)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def siret(siren: str, nic_sans_cle: str) -> str:
    """Build a 14-digit SIRET passing the Luhn check from a SIREN and a 4-digit NIC stem."""
    debut = siren + nic_sans_cle
    return debut + cle_luhn(debut)


# A commune's SIREN is "21" + département + "0" + 3-digit commune number + Luhn key.
COMMUNE_NOM = "Belval-sur-Loire"
COMMUNE_INSEE = "49912"
COMMUNE_SIREN = "21" + COMMUNE_INSEE[:2] + "0" + COMMUNE_INSEE[2:]
COMMUNE_SIREN += cle_luhn(COMMUNE_SIREN)
COLLECTIVITE = {
    "nom": f"Commune de {COMMUNE_NOM}",
    "siret": siret(COMMUNE_SIREN, "0001"),
}
CUISINE = {
    "nom": f"Cuisine centrale municipale de {COMMUNE_NOM}",
    "siret": siret(COMMUNE_SIREN, "0002"),
}
INTERCOMMUNALITE = "Communauté de communes Loire-Belval"

CONVIVES_MATERNELLE = "petite section;moyenne section;grande section"
RESTAURANTS = (
    {
        "nom": "Restaurant scolaire de l'école maternelle Les Tilleuls",
        "id": "BSL-RS-01",
        "type": "maternelle",
        "convive": CONVIVES_MATERNELLE,
    },
    {
        "nom": "Restaurant scolaire de l'école élémentaire Jean-de-La-Fontaine",
        "id": "BSL-RS-02",
        "type": "élémentaire",
        "convive": "tous",
    },
    {
        "nom": "Restaurant scolaire de l'école maternelle du Port",
        "id": "BSL-RS-03",
        "type": "maternelle",
        "convive": CONVIVES_MATERNELLE,
    },
    {
        "nom": "Restaurant scolaire de l'école élémentaire des Coteaux",
        "id": "BSL-RS-04",
        "type": "élémentaire",
        "convive": "tous",
    },
)

# --------------------------------------------------------------------------- calendar

DEBUT_TRIMESTRE = dt.date(2025, 9, 1)
FIN_TRIMESTRE = dt.date(2025, 12, 19)
JOURS_DE_CANTINE = (0, 1, 3, 4)  # Monday, Tuesday, Thursday, Friday
VACANCES = ((dt.date(2025, 10, 18), dt.date(2025, 11, 2)),)  # Toussaint 2025
JOURS_FERIES = (dt.date(2025, 11, 11),)  # Armistice, a Tuesday in 2025
SEMAINE_DU_GOUT = (dt.date(2025, 10, 13), dt.date(2025, 10, 17))
REPAS_DE_NOEL = dt.date(2025, 12, 18)


def jours_de_classe() -> list[dt.date]:
    jours = []
    jour = DEBUT_TRIMESTRE
    while jour <= FIN_TRIMESTRE:
        en_vacances = any(debut <= jour <= fin for debut, fin in VACANCES)
        if jour.weekday() in JOURS_DE_CANTINE and not en_vacances and jour not in JOURS_FERIES:
            jours.append(jour)
        jour += dt.timedelta(days=1)
    return jours


# --------------------------------------------------------------------------- dishes

GLUTEN = "céréales contenant du gluten"
BIO = "agriculture biologique"
AOP = "appellation d'origine protégée"
IGP = "indication géographique protégée"
LABEL_ROUGE = "label rouge"
TOUS_LES_MOIS = (9, 10, 11, 12)


@dataclass(frozen=True)
class Plat:
    nom: str
    allergenes: tuple[str, ...] = ()
    prix: float = 0.5
    mois: tuple[int, ...] = TOUS_LES_MOIS
    p_bio: float = 0.2
    siqo: tuple[str, ...] = ()  # always present (AOP cheese…)
    p_label_rouge: float = 0.0
    local: str = ""  # free-text label when sourced locally
    sorte: str = "viande"  # viande / poisson / vegetarien (main dishes only)
    complet: bool = False  # main dish already holding its starch/vegetables
    porc: bool = False


VERGERS = "Vergers de la Coulée"
LAITERIE = "Laiterie du Val de Belval"
MARAICHER = "Jardins de Lanvrière"

ENTREES = (
    Plat("Carottes râpées vinaigrette", ("moutarde",), 0.32, p_bio=0.5, local=MARAICHER),
    Plat("Salade de tomates", ("moutarde",), 0.40, mois=(9,), p_bio=0.4, local=MARAICHER),
    Plat("Concombre à la crème", ("lait",), 0.38, mois=(9, 10), p_bio=0.3),
    Plat("Betteraves vinaigrette", ("moutarde",), 0.30, p_bio=0.3),
    Plat("Taboulé", (GLUTEN,), 0.35, p_bio=0.2),
    Plat("Salade de lentilles vertes du Puy", ("moutarde",), 0.38, p_bio=0.0, siqo=(AOP,)),
    Plat("Céleri rémoulade", ("céleri", "oeufs", "moutarde"), 0.36, p_bio=0.2),
    Plat("Velouté de potiron", ("lait",), 0.33, mois=(10, 11), p_bio=0.4, local=MARAICHER),
    Plat("Potage de légumes", ("céleri",), 0.30, mois=(10, 11, 12), p_bio=0.3),
    Plat("Œuf dur mayonnaise", ("oeufs", "moutarde"), 0.35, p_bio=0.5),
    Plat("Pâté de campagne", (GLUTEN, "oeufs", "lait"), 0.40, p_bio=0.0, porc=True),
    Plat("Radis et beurre", ("lait",), 0.36, mois=(9,), p_bio=0.3),
    Plat("Chou rouge vinaigrette", ("moutarde",), 0.30, mois=(10, 11, 12), p_bio=0.3),
    Plat("Salade de riz au thon", ("poissons", "moutarde"), 0.42, mois=(9, 10), p_bio=0.0),
    Plat("Macédoine mayonnaise", ("oeufs", "moutarde"), 0.34, p_bio=0.0),
    Plat("Pamplemousse", (), 0.38, mois=(11, 12), p_bio=0.2),
    Plat("Salade coleslaw", ("oeufs", "moutarde"), 0.33, p_bio=0.2),
    Plat("Melon", (), 0.45, mois=(9,), p_bio=0.3),
    Plat("Friand au fromage", (GLUTEN, "lait", "oeufs"), 0.45, p_bio=0.0),
)

PLATS = (
    Plat("Poulet rôti", (), 1.35, p_bio=0.1, p_label_rouge=0.5),
    Plat("Sauté de dinde à la crème", ("lait",), 1.20, p_bio=0.1),
    Plat("Bœuf bourguignon", (GLUTEN, "anhydride sulfureux et sulfites"), 1.60, p_label_rouge=0.3),
    Plat("Blanquette de veau", ("lait", GLUTEN, "céleri"), 1.70, p_bio=0.1),
    Plat("Hachis parmentier", ("lait",), 1.25, complet=True, p_bio=0.1),
    Plat("Lasagnes à la bolognaise", (GLUTEN, "lait", "oeufs", "céleri"), 1.30, complet=True),
    Plat("Spaghetti à la bolognaise", (GLUTEN, "céleri", "lait"), 1.15, complet=True),
    Plat("Rôti de porc au jus", (), 1.20, porc=True, p_label_rouge=0.3),
    Plat("Saucisse de Toulouse", ("anhydride sulfureux et sulfites",), 1.10, porc=True),
    Plat("Boulettes de bœuf à la tomate", (GLUTEN, "oeufs"), 1.25, p_bio=0.1),
    Plat("Steak haché", (), 1.30, p_bio=0.2),
    Plat("Cuisse de poulet basquaise", (), 1.25, p_label_rouge=0.4),
    Plat("Sauté d'agneau aux épices", ("céleri",), 1.75),
    Plat("Couscous au poulet", (GLUTEN, "céleri"), 1.40, complet=True),
    Plat("Filet de colin meunière", ("poissons", GLUTEN, "lait"), 1.45, sorte="poisson"),
    Plat("Poisson pané", ("poissons", GLUTEN), 1.15, sorte="poisson"),
    Plat("Dos de cabillaud sauce citron", ("poissons", "lait"), 1.65, sorte="poisson"),
    Plat("Brandade de morue", ("poissons", "lait"), 1.35, sorte="poisson", complet=True),
    Plat("Filet de lieu à la crème d'aneth", ("poissons", "lait"), 1.50, sorte="poisson"),
    Plat("Saumon sauce à l'oseille", ("poissons", "lait"), 1.85, sorte="poisson", p_label_rouge=0.5),
    Plat(
        "Paëlla de la mer",
        ("poissons", "crustacés", "mollusques", "céleri"),
        1.60,
        sorte="poisson",
        complet=True,
    ),
    Plat("Omelette aux fines herbes", ("oeufs", "lait"), 0.95, sorte="vegetarien", p_bio=0.6),
    Plat("Lasagnes aux légumes", (GLUTEN, "lait", "oeufs"), 1.10, sorte="vegetarien", complet=True),
    Plat("Chili sin carne et riz", ("céleri",), 0.90, sorte="vegetarien", complet=True, p_bio=0.4),
    Plat("Curry de pois chiches et riz", (), 0.85, sorte="vegetarien", complet=True, p_bio=0.4),
    Plat("Gratin de macaronis au fromage", (GLUTEN, "lait"), 0.90, sorte="vegetarien", complet=True),
    Plat("Galette de boulgour et lentilles", (GLUTEN, "soja"), 0.95, sorte="vegetarien", p_bio=0.3),
    Plat("Dahl de lentilles corail et riz", (), 0.80, sorte="vegetarien", complet=True, p_bio=0.5),
    Plat("Quiche aux légumes", (GLUTEN, "oeufs", "lait"), 1.00, sorte="vegetarien"),
    Plat("Pané de blé, emmental et épinards", (GLUTEN, "lait"), 0.95, sorte="vegetarien"),
    Plat("Parmentier de lentilles", ("lait",), 0.90, sorte="vegetarien", complet=True, p_bio=0.4),
    Plat("Tortilla de pommes de terre", ("oeufs",), 0.90, sorte="vegetarien", complet=True),
)

GARNITURES = (
    Plat("Haricots verts persillés", (), 0.35, p_bio=0.4),
    Plat("Purée de pommes de terre", ("lait",), 0.30, p_bio=0.3, local=MARAICHER),
    Plat("Riz pilaf", (), 0.25, p_bio=0.5),
    Plat("Coquillettes", (GLUTEN,), 0.25, p_bio=0.5),
    Plat("Pommes de terre rissolées", (), 0.32, p_bio=0.2),
    Plat("Carottes Vichy", ("lait",), 0.30, p_bio=0.4, local=MARAICHER),
    Plat("Petits pois carottes", (), 0.33, p_bio=0.2),
    Plat("Semoule", (GLUTEN,), 0.22, p_bio=0.4),
    Plat("Gratin de chou-fleur", ("lait", GLUTEN), 0.38, p_bio=0.2),
    Plat("Ratatouille", (), 0.40, mois=(9, 10), p_bio=0.3, local=MARAICHER),
    Plat("Lentilles vertes", ("céleri",), 0.28, p_bio=0.5),
    Plat("Brocolis à la vapeur", (), 0.35, p_bio=0.3),
    Plat("Épinards à la crème", ("lait",), 0.36, p_bio=0.2),
    Plat("Haricots blancs à la tomate", (), 0.28, p_bio=0.3),
    Plat("Courgettes sautées", (), 0.35, mois=(9, 10), p_bio=0.4, local=MARAICHER),
    Plat("Blé pilaf", (GLUTEN,), 0.26, p_bio=0.4),
    Plat("Pommes vapeur", (), 0.28, p_bio=0.3, local=MARAICHER),
)

LAITAGES = (
    Plat("Yaourt nature", ("lait",), 0.22, p_bio=0.7, local=LAITERIE),
    Plat("Fromage blanc", ("lait",), 0.24, p_bio=0.5, local=LAITERIE),
    Plat("Petit-suisse aux fruits", ("lait",), 0.25, p_bio=0.3),
    Plat("Camembert de Normandie", ("lait",), 0.30, p_bio=0.0, siqo=(AOP,)),
    Plat("Comté", ("lait",), 0.38, p_bio=0.0, siqo=(AOP,)),
    Plat("Emmental", ("lait",), 0.25, p_bio=0.2),
    Plat("Tomme de Savoie", ("lait",), 0.32, p_bio=0.0, siqo=(IGP,)),
    Plat("Saint-nectaire", ("lait",), 0.36, p_bio=0.0, siqo=(AOP,)),
    Plat("Cantal", ("lait",), 0.32, p_bio=0.0, siqo=(AOP,)),
    Plat("Brie", ("lait",), 0.28, p_bio=0.2),
    Plat("Edam", ("lait",), 0.24, p_bio=0.1),
    Plat("Yaourt aromatisé", ("lait",), 0.22, p_bio=0.4, local=LAITERIE),
    Plat("Bûchette de chèvre", ("lait",), 0.34, p_bio=0.3),
)

FRUITS = (
    Plat("Pomme", (), 0.25, p_bio=0.6, local=VERGERS),
    Plat("Poire", (), 0.28, p_bio=0.5, local=VERGERS),
    Plat("Raisin blanc", (), 0.35, mois=(9, 10), p_bio=0.3),
    Plat("Prunes", (), 0.30, mois=(9,), p_bio=0.3),
    Plat("Pêche", (), 0.35, mois=(9,), p_bio=0.3),
    Plat("Kiwi", (), 0.28, mois=(10, 11, 12), p_bio=0.4),
    Plat("Clémentine", (), 0.26, mois=(11, 12), p_bio=0.4),
    Plat("Orange", (), 0.27, mois=(12,), p_bio=0.3),
    Plat("Banane", (), 0.24, p_bio=0.3),
)

DESSERTS = (
    Plat("Compote de pommes", (), 0.25, p_bio=0.5, local=VERGERS),
    Plat("Crème dessert à la vanille", ("lait",), 0.28, p_bio=0.2),
    Plat("Mousse au chocolat", ("lait", "oeufs"), 0.32, p_bio=0.1),
    Plat("Riz au lait", ("lait",), 0.26, p_bio=0.3),
    Plat("Gâteau au yaourt", (GLUTEN, "oeufs", "lait"), 0.30, p_bio=0.3),
    Plat("Tarte aux pommes", (GLUTEN, "oeufs", "lait"), 0.40, p_bio=0.2, local=VERGERS),
    Plat("Salade de fruits frais", (), 0.38, p_bio=0.2),
    Plat("Flan pâtissier", (GLUTEN, "oeufs", "lait"), 0.32),
    Plat("Cake aux amandes", (GLUTEN, "oeufs", "lait", "fruits à coques"), 0.34),
    Plat("Crumble aux pommes", (GLUTEN, "lait"), 0.36, p_bio=0.3, local=VERGERS),
    Plat("Madeleine", (GLUTEN, "oeufs", "lait"), 0.22),
)

MENU_DE_NOEL = (
    ("entrée", Plat("Saumon fumé et toast", ("poissons", GLUTEN), 0.95, p_bio=0.0)),
    (
        "plat principal",
        Plat("Suprême de volaille aux marrons", (), 1.90, p_bio=0.0, siqo=(LABEL_ROUGE,)),
    ),
    ("garniture", Plat("Pommes dauphines", (GLUTEN, "oeufs", "lait"), 0.45, p_bio=0.0)),
    ("produit laitier", Plat("Brie", ("lait",), 0.28, p_bio=0.0)),
    ("dessert", Plat("Bûche de Noël au chocolat", (GLUTEN, "oeufs", "lait"), 0.60, p_bio=0.0)),
    ("autre", Plat("Papillote en chocolat", ("lait", "soja"), 0.20, p_bio=0.0)),
)
ALTERNATIVE_DE_NOEL = Plat(
    "Feuilleté aux champignons", (GLUTEN, "lait", "oeufs"), 1.20, sorte="vegetarien", p_bio=0.0
)

# Menu changes announced the day before (date, dish type, replacement, reason).
MODIFICATIONS = (
    (dt.date(2025, 9, 18), "dessert", "Pomme", "fruit remplacé : livraison de pêches non conforme"),
    (dt.date(2025, 10, 2), "plat principal", "Omelette aux fines herbes", "panne du four de la cuisine centrale"),
    (dt.date(2025, 11, 6), "entrée", "Betteraves vinaigrette", "changement dû à un aléa de livraison"),
    (dt.date(2025, 11, 20), "produit laitier", "Fromage blanc", "changement dû à un aléa de livraison"),
    (dt.date(2025, 12, 4), "dessert", "Compote de pommes", "changement dû à un aléa de livraison"),
)

ORDRE_DES_PLATS = ("entrée", "plat principal", "garniture", "produit laitier", "dessert", "autre")


# --------------------------------------------------------------------------- menus


def _champs_schema() -> list[str]:
    schema = json.loads(SCHEMA_MENUS.read_text(encoding="utf-8"))
    return [f["name"] for f in schema["fields"]]


def _liste(valeurs) -> str:
    """SCDL array cell: JSON list, e.g. ["lait","oeufs"]; empty cell for no value."""
    valeurs = list(valeurs)
    return json.dumps(valeurs, ensure_ascii=False, separators=(",", ":")) if valeurs else ""


def _choisir(rng: random.Random, plats, jour: dt.date, recents: list[str], **filtres) -> Plat:
    candidats = [
        p
        for p in plats
        if jour.month in p.mois
        and p.nom not in recents
        and all(getattr(p, k) == v for k, v in filtres.items())
    ]
    if not candidats:  # fall back to ignoring the recent history
        candidats = [
            p
            for p in plats
            if jour.month in p.mois and all(getattr(p, k) == v for k, v in filtres.items())
        ]
    return rng.choice(candidats)


def _publication(jour: dt.date) -> str:
    """Menus are published on the Friday two weeks before the week they cover."""
    lundi = jour - dt.timedelta(days=jour.weekday())
    vendredi = lundi - dt.timedelta(days=10)
    return f"{vendredi.isoformat()}T10:30:00Z"


def _menus_du_trimestre(rng: random.Random) -> list[dict]:
    """One shared menu per school day (the central kitchen cooks for every school)."""
    jours = jours_de_classe()
    jour_vegetarien: dict[tuple[int, int], dt.date] = {}
    for jour in jours:
        semaine = jour.isocalendar()[:2]
        jour_vegetarien.setdefault(semaine, None)
    for semaine in jour_vegetarien:
        possibles = [j for j in jours if j.isocalendar()[:2] == semaine and j.weekday() != 4]
        possibles = [j for j in possibles if j != REPAS_DE_NOEL]
        jour_vegetarien[semaine] = rng.choice(possibles)

    historique: dict[str, list[str]] = {t: [] for t in ORDRE_DES_PLATS}
    menus = []
    for jour in jours:
        if jour == REPAS_DE_NOEL:
            plats = list(MENU_DE_NOEL)
            alternative = ALTERNATIVE_DE_NOEL
        else:
            vegetarien = jour_vegetarien[jour.isocalendar()[:2]] == jour
            sorte = "vegetarien" if vegetarien else ("poisson" if jour.weekday() == 4 else "viande")
            plat = _choisir(rng, PLATS, jour, historique["plat principal"][-12:], sorte=sorte)
            entree_filtres = {"porc": False} if vegetarien else {}
            entree = _choisir(rng, ENTREES, jour, historique["entrée"][-6:], **entree_filtres)
            if vegetarien and "poissons" in entree.allergenes:
                entree = _choisir(rng, ENTREES, jour, [entree.nom] + historique["entrée"][-6:], porc=False)
            plats = [("entrée", entree), ("plat principal", plat)]
            if not plat.complet:
                garniture = _choisir(rng, GARNITURES, jour, historique["garniture"][-5:])
                plats.append(("garniture", garniture))
            plats.append(("produit laitier", _choisir(rng, LAITAGES, jour, historique["produit laitier"][-5:])))
            catalogue = FRUITS if rng.random() < 0.55 else DESSERTS
            plats.append(("dessert", _choisir(rng, catalogue, jour, historique["dessert"][-5:])))
            alternative = None
            if sorte == "viande":
                alternative = _choisir(
                    rng, PLATS, jour, historique["plat principal"][-12:], sorte="vegetarien"
                )
        for type_plat, plat in plats:
            historique[type_plat].append(plat.nom)

        # Daily purchase choices, identical in every restaurant of the commune.
        elements = []
        for type_plat, plat in plats:
            elements.append(_element(rng, jour, type_plat, plat, alternative=False))
        if alternative is not None:
            elements.append(_element(rng, jour, "plat principal", alternative, alternative=True))
        menus.append({"jour": jour, "elements": elements, "porc": any(p.porc for _, p in plats)})

    _appliquer_modifications(rng, menus)
    return menus


def _element(rng: random.Random, jour, type_plat: str, plat: Plat, alternative: bool) -> dict:
    siqo = list(plat.siqo)
    facteur = 1.0
    if plat.p_bio and rng.random() < plat.p_bio:
        siqo.insert(0, BIO)
        facteur *= 1.2
    if plat.p_label_rouge and rng.random() < plat.p_label_rouge:
        siqo.append(LABEL_ROUGE)
        facteur *= 1.15
    prix = plat.prix * facteur * (1 + rng.uniform(-0.05, 0.05))
    return {
        "type": type_plat,
        "plat": plat,
        "siqo": siqo,
        "prix": prix,
        "alternative": alternative,
        "modification": None,
    }


def _appliquer_modifications(rng: random.Random, menus: list[dict]) -> None:
    par_jour = {m["jour"]: m for m in menus}
    catalogues = {
        "entrée": ENTREES,
        "plat principal": PLATS,
        "produit laitier": LAITAGES,
        "dessert": FRUITS + DESSERTS,
    }
    for jour, type_plat, nouveau, motif in MODIFICATIONS:
        menu = par_jour[jour]
        element = next(e for e in menu["elements"] if e["type"] == type_plat and not e["alternative"])
        remplacant = next(p for p in catalogues[type_plat] if p.nom == nouveau)
        if remplacant.nom == element["plat"].nom:
            raise ValueError(f"modification sans effet le {jour}")
        nouvel_element = _element(rng, jour, type_plat, remplacant, alternative=False)
        veille = jour - dt.timedelta(days=1)
        minutes = rng.randrange(0, 60)
        nouvel_element["modification"] = (f"{veille.isoformat()}T16:{minutes:02d}:00Z", motif)
        menu["elements"][menu["elements"].index(element)] = nouvel_element


def _codes_plats() -> dict[str, str]:
    noms = sorted(
        {p.nom for p in ENTREES + PLATS + GARNITURES + LAITAGES + FRUITS + DESSERTS}
        | {p.nom for _, p in MENU_DE_NOEL}
        | {ALTERNATIVE_DE_NOEL.nom}
    )
    return {nom: f"BSL-P{i:03d}" for i, nom in enumerate(noms, start=1)}


def lignes_menus(graine: int = GRAINE) -> list[dict]:
    """All the rows of ``menus-cantine.csv`` (SCDL menus-collectifs 1.2.3 column names)."""
    rng = random.Random(graine)
    menus = _menus_du_trimestre(rng)
    codes = _codes_plats()
    lignes = []
    for menu in menus:
        jour = menu["jour"]
        precision = ""
        if SEMAINE_DU_GOUT[0] <= jour <= SEMAINE_DU_GOUT[1]:
            precision = "semaine du goût"
        if jour == REPAS_DE_NOEL:
            precision = "repas de Noël"
        for restaurant in RESTAURANTS:
            maternelle = restaurant["type"] == "maternelle"
            elements = [
                e
                for e in menu["elements"]
                # Vegetarian alternative: every day with meat in the elementary schools,
                # and also in nursery schools on days when pork is served.
                if not e["alternative"] or not maternelle or menu["porc"]
            ]
            elements.sort(key=lambda e: (ORDRE_DES_PLATS.index(e["type"]), e["alternative"]))
            for e in elements:
                plat: Plat = e["plat"]
                regime = ["végétarien"] if plat.sorte == "vegetarien" and e["type"] == "plat principal" else []
                labels = ["produit local", plat.local] if plat.local else []
                prix = e["prix"] * (0.8 if maternelle else 1.0)
                modif_date, modif_info = e["modification"] or ("", "")
                lignes.append(
                    {
                        "menuCollNom": COLLECTIVITE["nom"],
                        "menuCollSiret": COLLECTIVITE["siret"],
                        "menuEtablissementNom": CUISINE["nom"],
                        "menuEtablissementSiret": CUISINE["siret"],
                        "menuRestaurantNom": restaurant["nom"],
                        "menuRestaurantInsee": COMMUNE_INSEE,
                        "menuRestaurantId": restaurant["id"],
                        "menuRestaurantIdType": "autre",
                        "menuRestaurantType": restaurant["type"],
                        "menuRestaurantConvive": restaurant["convive"],
                        "menuDate": jour.isoformat(),
                        "menuRepasType": "déjeuner",
                        "menuPlatType": e["type"],
                        "menuPlatNom": plat.nom,
                        "menuPlatCode": codes[plat.nom],
                        "menuPlatSiqo": _liste(e["siqo"]),
                        "menuPlatLabel": ";".join(labels),
                        "menuPlatPrecision": precision,
                        "menuPlatRegime": _liste(regime),
                        "menuPlatAllergene": _liste(plat.allergenes),
                        "menuPlatTexture": _liste(["sans texture modifiée"]),
                        "menuPlatNutriscore": "",
                        "menuPlatPrix": f"{prix:.2f}",
                        "menuPublicationDate": _publication(jour),
                        "menuModificationDate": modif_date,
                        "menuModificationInfo": modif_info,
                    }
                )
    return lignes


# --------------------------------------------------------------------------- spreadsheet export


@dataclass(frozen=True)
class Defaut:
    """One real-world flaw of the spreadsheet export.

    ``nombre`` is the number of cells (or rows) affected, or ``None`` when the flaw touches
    every filled cell of ``colonnes``. ``erreur_attendue`` is the problem category reported by
    ``donnees_en_main.donnees.validation.valider`` (``None``: the flaw is not a schema error, the
    validation report only mentions it in its remarks).
    """

    code: str
    description: str
    colonnes: tuple[str, ...] = ()
    nombre: int | None = None
    erreur_attendue: str | None = None
    valeur: str = ""
    attendu: str = ""


DEFAUTS_EXPORT_TABLEUR: tuple[Defaut, ...] = (
    Defaut(
        "encodage",
        "Le fichier est encodé en Windows-1252 (cp1252), l'encodage par défaut des tableurs sous "
        "Windows, et non en UTF-8 comme le recommande le SCDL.",
    ),
    Defaut(
        "separateur",
        "Les colonnes sont séparées par des points-virgules (;) et non par des virgules.",
    ),
    Defaut(
        "dates_francaises",
        "Les dates sont écrites à la française, jj/mm/aaaa (et jj/mm/aaaa hh:mm pour les "
        "horodatages), au lieu de aaaa-mm-jj.",
        colonnes=("menuDate", "menuPublicationDate", "menuModificationDate"),
        erreur_attendue="date",
    ),
    Defaut(
        "decimales_virgule",
        "Les prix sont écrits avec une virgule décimale (0,85) au lieu d'un point (0.85).",
        colonnes=("menuPlatPrix",),
        erreur_attendue="nombre",
    ),
    Defaut(
        "valeur_manquante",
        "Le type de restaurant, obligatoire, a été laissé vide dans quelques lignes.",
        colonnes=("menuRestaurantType",),
        nombre=5,
        erreur_attendue="obligatoire",
    ),
    Defaut(
        "valeur_manquante",
        "Le nom du plat, obligatoire, manque dans quelques lignes.",
        colonnes=("menuPlatNom",),
        nombre=4,
        erreur_attendue="obligatoire",
    ),
    Defaut(
        "valeur_manquante",
        "Le SIRET de la collectivité, obligatoire, a été effacé dans quelques lignes.",
        colonnes=("menuCollSiret",),
        nombre=3,
        erreur_attendue="obligatoire",
    ),
    Defaut(
        "faute_de_frappe",
        "« élementaire » (accent oublié) au lieu de « élémentaire » dans le type de restaurant.",
        colonnes=("menuRestaurantType",),
        nombre=6,
        erreur_attendue="valeur_non_autorisee",
        valeur="élementaire",
        attendu="élémentaire",
    ),
    Defaut(
        "faute_de_frappe",
        "« plat principale » au lieu de « plat principal » dans le type de plat.",
        colonnes=("menuPlatType",),
        nombre=4,
        erreur_attendue="valeur_non_autorisee",
        valeur="plat principale",
        attendu="plat principal",
    ),
    Defaut(
        "lignes_en_double",
        "Quelques lignes ont été copiées-collées deux fois.",
        nombre=5,
        erreur_attendue="doublon",
    ),
    Defaut(
        "espaces_en_trop",
        "Des cellules de texte finissent par une ou deux espaces invisibles.",
        colonnes=("menuPlatNom", "menuRestaurantNom"),
        nombre=12,
    ),
)


def _date_fr(valeur: str) -> str:
    if not valeur:
        return ""
    if "T" in valeur:
        moment = dt.datetime.strptime(valeur, "%Y-%m-%dT%H:%M:%SZ")
        return moment.strftime("%d/%m/%Y %H:%M")
    return dt.date.fromisoformat(valeur).strftime("%d/%m/%Y")


def lignes_export_tableur(lignes: list[dict], graine: int = GRAINE) -> tuple[list[dict], dict]:
    """Build the flawed spreadsheet export from the clean rows.

    Returns the rows and, for each flaw code, the list of (line number in the file, column)
    it touched — line 1 being the header, as in a spreadsheet and in frictionless reports.
    """
    rng = random.Random(graine + 1)
    colonnes_dates = DEFAUTS_EXPORT_TABLEUR[2].colonnes
    lignes_export = []
    marques: list[list[tuple[str, str | None]]] = []
    for ligne in lignes:
        copie = dict(ligne)
        marque = []
        for colonne in colonnes_dates:
            if copie[colonne]:
                copie[colonne] = _date_fr(copie[colonne])
                marque.append(("dates_francaises", colonne))
        if copie["menuPlatPrix"]:
            copie["menuPlatPrix"] = copie["menuPlatPrix"].replace(".", ",")
            marque.append(("decimales_virgule", "menuPlatPrix"))
        lignes_export.append(copie)
        marques.append(marque)

    # Cell-level flaws, each on its own rows (so that every flaw gives its own error).
    libres = list(range(len(lignes_export)))
    rng.shuffle(libres)
    for defaut in DEFAUTS_EXPORT_TABLEUR:
        if defaut.code not in ("valeur_manquante", "faute_de_frappe", "espaces_en_trop"):
            continue
        poses = 0
        while poses < defaut.nombre:
            i = libres.pop()
            colonne = defaut.colonnes[poses % len(defaut.colonnes)]
            copie = lignes_export[i]
            if defaut.code == "faute_de_frappe":
                if copie[colonne] != defaut.attendu:
                    libres.insert(0, i)
                    continue
                copie[colonne] = defaut.valeur
            elif defaut.code == "valeur_manquante":
                copie[colonne] = ""
            else:
                copie[colonne] = copie[colonne] + " " * rng.choice((1, 1, 2))
            marques[i].append((defaut.code, colonne))
            poses += 1

    # Duplicated rows: copies of untouched rows, pasted right after their original.
    defaut_doublons = next(d for d in DEFAUTS_EXPORT_TABLEUR if d.code == "lignes_en_double")
    originaux = sorted(libres[-defaut_doublons.nombre :])
    for decalage, i in enumerate(originaux):
        position = i + decalage + 1
        lignes_export.insert(position, dict(lignes_export[position - 1]))
        marques.insert(position, [("lignes_en_double", None)] + marques[position - 1])

    cellules: dict[str, list[tuple[int, str | None]]] = {}
    for index, marque in enumerate(marques):
        for code, colonne in marque:
            cellules.setdefault(code, []).append((index + 2, colonne))
    return lignes_export, cellules


# --------------------------------------------------------------------------- purchases

COMMUNES_INTERCO = (
    ("La Varenne-aux-Saules", "49901"),
    ("Saint-Ombert-la-Forêt", "49902"),
    ("Chênebrune", "49903"),
    ("Les Hauts-de-Belval", "49904"),
    ("Mérinval-sur-Louet", "49905"),
    ("Vaulmoran", "49906"),
    ("Les Essarts-Fleuris", "49907"),
    ("Bois-Aubry-sur-Loire", "49908"),
    ("Rochefleur", "49909"),
    ("Lanvrière", "49910"),
    ("Fontclaire-en-Anjou", "49911"),
    (COMMUNE_NOM, COMMUNE_INSEE),
    ("Maurevigne", "49913"),
    ("Prévallon", "49914"),
)

# (canteen name, commune, sector, management, size class, organic profile)
# size: "petite" / "moyenne" / "grande"; profile: "tres_bio" / "engagee" / "courante"
CANTINES = (
    ("Restaurant scolaire de l'école maternelle Les Tilleuls", COMMUNE_NOM, "scolaire", "directe", "moyenne", "courante"),
    ("Restaurant scolaire de l'école élémentaire Jean-de-La-Fontaine", COMMUNE_NOM, "scolaire", "directe", "grande", "courante"),
    ("Restaurant scolaire de l'école maternelle du Port", COMMUNE_NOM, "scolaire", "directe", "moyenne", "courante"),
    ("Restaurant scolaire de l'école élémentaire des Coteaux", COMMUNE_NOM, "scolaire", "directe", "grande", "courante"),
    ("Restaurant du collège du Val de Belval", COMMUNE_NOM, "scolaire", "concédée", "grande", "courante"),
    ("Résidence autonomie Les Glycines", COMMUNE_NOM, "médico-social", "concédée", "moyenne", "courante"),
    ("Cantine de l'école des Saules", "La Varenne-aux-Saules", "scolaire", "directe", "petite", "tres_bio"),
    ("Restaurant scolaire de La Varenne-aux-Saules", "La Varenne-aux-Saules", "scolaire", "directe", "moyenne", "courante"),
    ("Cantine de l'école de la Forêt", "Saint-Ombert-la-Forêt", "scolaire", "directe", "petite", "engagee"),
    ("Restaurant scolaire Simone-Veil", "Saint-Ombert-la-Forêt", "scolaire", "concédée", "moyenne", "courante"),
    ("Cantine de l'école de Chênebrune", "Chênebrune", "scolaire", "directe", "petite", "tres_bio"),
    ("Restaurant scolaire des Hauts-de-Belval", "Les Hauts-de-Belval", "scolaire", "concédée", "moyenne", "courante"),
    ("Cantine de l'école du Plateau", "Les Hauts-de-Belval", "scolaire", "concédée", "petite", "courante"),
    ("Restaurant scolaire de Mérinval", "Mérinval-sur-Louet", "scolaire", "directe", "moyenne", "engagee"),
    ("Cantine de l'école du Louet", "Mérinval-sur-Louet", "scolaire", "directe", "petite", "courante"),
    ("EHPAD Le Clos de Mérinval", "Mérinval-sur-Louet", "médico-social", "concédée", "grande", "courante"),
    ("Cantine de l'école de Vaulmoran", "Vaulmoran", "scolaire", "directe", "petite", "tres_bio"),
    ("Restaurant scolaire des Essarts", "Les Essarts-Fleuris", "scolaire", "concédée", "moyenne", "courante"),
    ("Cantine de l'école des Lilas", "Les Essarts-Fleuris", "scolaire", "concédée", "petite", "courante"),
    ("Restaurant scolaire de Bois-Aubry", "Bois-Aubry-sur-Loire", "scolaire", "concédée", "grande", "courante"),
    ("Cantine de l'école de la Levée", "Bois-Aubry-sur-Loire", "scolaire", "concédée", "moyenne", "courante"),
    ("Restaurant du collège des Bords de Loire", "Bois-Aubry-sur-Loire", "scolaire", "concédée", "grande", "courante"),
    ("Cantine de l'école de Rochefleur", "Rochefleur", "scolaire", "directe", "petite", "courante"),
    ("Restaurant scolaire de Lanvrière", "Lanvrière", "scolaire", "directe", "moyenne", "engagee"),
    ("Cantine de l'école des Jardins", "Lanvrière", "scolaire", "directe", "petite", "tres_bio"),
    ("Restaurant scolaire de Fontclaire", "Fontclaire-en-Anjou", "scolaire", "concédée", "moyenne", "courante"),
    ("Cantine de l'école Marie-Curie", "Fontclaire-en-Anjou", "scolaire", "concédée", "moyenne", "courante"),
    ("Restaurant administratif de la communauté de communes", "Fontclaire-en-Anjou", "administratif", "concédée", "moyenne", "courante"),
    ("Restaurant scolaire de Maurevigne", "Maurevigne", "scolaire", "directe", "moyenne", "courante"),
    ("Cantine de l'école des Vignes", "Maurevigne", "scolaire", "directe", "petite", "engagee"),
    ("Restaurant scolaire de Prévallon", "Prévallon", "scolaire", "concédée", "moyenne", "courante"),
    ("Cantine de l'école du Moulin", "Prévallon", "scolaire", "concédée", "petite", "courante"),
    ("Restaurant scolaire des Trois-Chênes", "Chênebrune", "scolaire", "directe", "moyenne", "courante"),
    ("Cantine de l'école de la Vallée", "Vaulmoran", "scolaire", "directe", "petite", "courante"),
    ("Restaurant scolaire Jacques-Prévert", "Rochefleur", "scolaire", "concédée", "moyenne", "courante"),
    ("Cantine de l'école du Bourg", "Saint-Ombert-la-Forêt", "scolaire", "concédée", "petite", "courante"),
    ("Restaurant scolaire de la Varenne-Haute", "La Varenne-aux-Saules", "scolaire", "concédée", "moyenne", "courante"),
    ("Centre de loisirs Les Castors", "Les Hauts-de-Belval", "scolaire", "concédée", "petite", "courante"),
    ("EHPAD Les Coteaux fleuris", "Les Essarts-Fleuris", "médico-social", "concédée", "grande", "courante"),
    ("Cantine de l'école de Prévallon-Bas", "Prévallon", "scolaire", "directe", "petite", "courante"),
)

TAILLES = {"petite": (15_000, 50_000), "moyenne": (55_000, 160_000), "grande": (180_000, 450_000)}
PARTS_BIO = {"tres_bio": (0.50, 0.80), "engagee": (0.15, 0.30), "courante": (0.03, 0.15)}

COLONNES_ACHATS = (
    "nom_cantine",
    "commune",
    "code_insee",
    "secteur",
    "mode_de_gestion",
    "annee",
    "achats_totaux_ht",
    "achats_bio_ht",
    "achats_durables_qualite_ht",
)


def lignes_achats(graine: int = GRAINE) -> list[dict]:
    """Yearly 2024 purchase declarations (EGalim) of the canteens of the intercommunality."""
    rng = random.Random(graine + 2)
    insee = dict(COMMUNES_INTERCO)
    lignes = []
    for nom, commune, secteur, gestion, taille, profil in CANTINES:
        total = rng.uniform(*TAILLES[taille])
        bas, haut = PARTS_BIO[profil]
        if profil == "courante":
            part_bio = rng.triangular(bas, haut, 0.07)
        else:
            part_bio = rng.uniform(bas, haut)
        part_durable = min(0.95, part_bio + rng.uniform(0.08, 0.30))
        lignes.append(
            {
                "nom_cantine": nom,
                "commune": commune,
                "code_insee": insee[commune],
                "secteur": secteur,
                "mode_de_gestion": gestion,
                "annee": "2024",
                "achats_totaux_ht": f"{total:.2f}",
                "achats_bio_ht": f"{total * part_bio:.2f}",
                "achats_durables_qualite_ht": f"{total * part_durable:.2f}",
            }
        )
    parts = [float(l["achats_bio_ht"]) / float(l["achats_totaux_ht"]) for l in lignes]
    if not statistics.mean(parts) > statistics.median(parts) + 0.03:
        raise ValueError("the organic shares are not skewed enough for the mean/median lesson")
    return lignes


# --------------------------------------------------------------------------- writing


def _csv(lignes: list[dict], colonnes, separateur: str, fin_de_ligne: str) -> str:
    tampon = io.StringIO()
    ecrivain = csv.DictWriter(
        tampon, fieldnames=list(colonnes), delimiter=separateur, lineterminator=fin_de_ligne
    )
    ecrivain.writeheader()
    ecrivain.writerows(lignes)
    return tampon.getvalue()


def generer(dossier: Path | str = DOSSIER, graine: int = GRAINE) -> dict:
    """Write the three CSV files into ``dossier``; return counts and the export's flawed cells."""
    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    colonnes = _champs_schema()

    menus = lignes_menus(graine)
    (dossier / FICHIER_MENUS).write_bytes(_csv(menus, colonnes, ",", "\n").encode("utf-8"))

    export, cellules = lignes_export_tableur(menus, graine)
    texte = _csv(export, colonnes, ";", "\r\n")
    (dossier / FICHIER_EXPORT).write_bytes(texte.encode("cp1252"))

    achats = lignes_achats(graine)
    (dossier / FICHIER_ACHATS).write_bytes(
        _csv(achats, COLONNES_ACHATS, ",", "\n").encode("utf-8")
    )
    return {
        "menus": len(menus),
        "export": len(export),
        "achats": len(achats),
        "cellules_defauts": cellules,
    }


# --------------------------------------------------------------------------- data package

SOURCE_GENERATEUR = {
    "title": "Données fictives produites pour le cours, les mêmes à chaque fois (tirage à graine fixe)",
    "path": "generer_cantine.py",
}
NATURE_FICTIVE = "fictif — exemple réaliste"


def ressources_datapackage() -> list[dict]:
    """The descriptors of the three cantine resources, as written in datapackage.json."""
    commun = {
        "format": "csv",
        "mediatype": "text/csv",
        "licenses": [LICENCE_ETALAB],
        "created": DATE_CREATION,
        "fictif": True,
        "nature": NATURE_FICTIVE,
    }
    return [
        {
            "name": "menus-cantine",
            "path": f"cantine/{FICHIER_MENUS}",
            "title": f"Menus des cantines scolaires de {COMMUNE_NOM} (fictif)",
            "description": (
                f"Menus du déjeuner des quatre restaurants scolaires (deux maternelles, deux "
                f"élémentaires) de la commune fictive de {COMMUNE_NOM}, du "
                f"{DEBUT_TRIMESTRE:%d/%m/%Y} au {FIN_TRIMESTRE:%d/%m/%Y} (lundi, mardi, jeudi, "
                "vendredi, hors vacances de la Toussaint et 11 novembre). Une ligne par plat, "
                "au format national SCDL menus-collectifs 1.2.3 : signes de qualité (bio, label "
                "rouge, AOP…), allergènes, régime végétarien, coût de revient. Fichier propre, "
                "valide contre son schéma."
            ),
            "encoding": "utf-8",
            "schema": "cantine/menus-cantine.schema.json",
            "conforme_a": {"title": "SCDL menus-collectifs 1.2.3", "path": URL_SCDL_MENUS},
            "sources": [SOURCE_GENERATEUR],
            **commun,
        },
        {
            "name": "menus-cantine-export-tableur",
            "path": f"cantine/{FICHIER_EXPORT}",
            "title": f"Menus des cantines de {COMMUNE_NOM}, export de tableur avec défauts (fictif)",
            "description": (
                "Les mêmes menus, tels qu'un tableur les exporte souvent, avec des défauts "
                "volontaires à repérer et corriger : voir la liste « defauts ». Il échoue à la "
                "validation contre cantine/menus-cantine.schema.json, c'est voulu."
            ),
            "encoding": "cp1252",
            "dialect": {"delimiter": ";"},
            "schema_attendu": "cantine/menus-cantine.schema.json",
            "defauts": [d.description for d in DEFAUTS_EXPORT_TABLEUR],
            "sources": [SOURCE_GENERATEUR],
            **commun,
        },
        {
            "name": "achats-cantines",
            "path": f"cantine/{FICHIER_ACHATS}",
            "title": f"Achats alimentaires 2024 des cantines de la {INTERCOMMUNALITE} (fictif)",
            "description": (
                f"Déclaration annuelle fictive des achats alimentaires 2024 de {len(CANTINES)} "
                f"restaurants collectifs de la {INTERCOMMUNALITE} (intercommunalité fictive), à "
                "la manière du registre national « ma cantine » : achats totaux, achats bio et "
                "achats de produits durables et de qualité au sens de la loi EGalim (bio compris), "
                "en euros hors taxes. Quelques petites cantines très engagées dans le bio tirent "
                "la moyenne des parts de bio au-dessus de la médiane, comme dans les chiffres "
                "nationaux."
            ),
            "encoding": "utf-8",
            "schema": "cantine/achats-cantines.schema.json",
            "sources": [
                SOURCE_GENERATEUR,
                {
                    "title": (
                        "Ordres de grandeur réels : ma cantine (ministère de l'Agriculture), "
                        "télédéclarations 2021 publiées sur data.gouv.fr — part de bio moyenne "
                        "14,3 %, médiane 9,9 %"
                    ),
                    "path": "https://ma-cantine.agriculture.gouv.fr/",
                },
            ],
            **commun,
        },
    ]


def mettre_a_jour_datapackage(chemin: Path = DATAPACKAGE) -> None:
    """Read-modify-write of the cantine entries only; other resources are left untouched."""
    remplacer_ressources(ressources_datapackage(), chemin)


def main(arguments: list[str]) -> None:
    dossier = Path(arguments[0]) if arguments else DOSSIER
    resultat = generer(dossier)
    if not arguments:
        mettre_a_jour_datapackage()
    print(
        f"{dossier}: {resultat['menus']} lignes de menus, {resultat['export']} lignes dans "
        f"l'export de tableur, {resultat['achats']} cantines dans les achats."
    )


if __name__ == "__main__":
    main(sys.argv[1:])
