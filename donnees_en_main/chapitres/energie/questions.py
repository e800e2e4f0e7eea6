"""Questions du chapitre « Connaître la consommation d'énergie de la commune ».

Used by book/energie.md, notebooks/energie.ipynb and exercises/source/energie/energie.ipynb.
Expected numbers are computed from the shipped data, never typed in by hand, and only when first
needed: importing this bank reads nothing from disk (``_chiffres()``; MEDIANE_MWH, CONCERNES… through
the module's ``__getattr__``).
"""

from __future__ import annotations

import functools
from types import SimpleNamespace

import pandas as pd

from donnees_en_main.chapitres import energie
from donnees_en_main.exercices import au_premier_usage, ChoixMultiple, ChoixUnique, Nombre, Reflexion, CalculPandas
from donnees_en_main.exercices.devoirs import Devoir
from donnees_en_main.affichage.graphiques import nombre_fr

CARNET = "energie"
ANNEE_COMPLETE = 2022  # every building has its twelve months this year
ANNEE_REFERENCE = 2021  # the first year on record, taken as the décret tertiaire's reference year
SEUIL_DECRET_M2 = 1000
OBJECTIFS_DECRET = {2030: 40, 2040: 50, 2050: 60}  # % reduction from the reference year
# Proof that an action works: the roof of this school was insulated in summer 2023. Before = 2023,
# after = 2024 (both under the same energy-saving rules since October 2022); the other schools,
# not insulated, are the comparison group. Hypothesis stated in the book: 95 % of a school's gas
# heats the building (the rest heats water), so only that share is corrected for the weather.
ECOLE_ISOLEE = "ecole-la-fontaine"
AVANT_ISOLATION, APRES_ISOLATION = 2023, 2024
PART_CHAUFFAGE_ECOLE = 0.95


def calculer_conso_annuelle(releves: pd.DataFrame, annee: int) -> pd.Series:
    """Electricity + gas of each building in `annee`, in MWh (`releves` in kWh, from charger_releves)."""
    return releves[releves["annee"] == annee].groupby("batiment_id")["consommation_kwh"].sum() / 1000


def calculer_kwh_par_m2(conso_mwh: pd.Series, batiments: pd.DataFrame) -> pd.Series:
    """kWh per m² of floor area; street lighting (no floor area) is dropped."""
    surfaces = batiments.set_index("batiment_id")["surface_m2"]
    return (conso_mwh * 1000 / surfaces).dropna()


def _conso_complete() -> pd.Series:
    return calculer_conso_annuelle(energie.charger_releves(), ANNEE_COMPLETE)


def _kwh_m2_complet() -> pd.Series:
    return calculer_kwh_par_m2(_conso_complete(), energie.charger_batiments())


@functools.cache
def _chiffres() -> SimpleNamespace:
    """The data and figures the questions quote, computed once, on first use (importing reads nothing)."""
    BATIMENTS = energie.charger_batiments()
    RELEVES = energie.charger_releves()
    SECTEURS = energie.lire_secteurs()
    BILAN = energie.bilan_annuel(RELEVES, BATIMENTS).set_index(["batiment_id", "annee"])
    NOMS = BATIMENTS.set_index("batiment_id")["nom"]
    VRAIS = BATIMENTS[BATIMENTS["surface_m2"].notna()]  # real buildings (not street lighting)

    MAIRIE = BILAN.loc[("mairie", 2023)]
    ELEC_MAIRIE_KWH = round(float(MAIRIE.electricite_mwh) * 1000)
    GAZ_MAIRIE_MWH = round(float(MAIRIE.gaz_mwh), 1)
    TOTAL_MAIRIE_MWH = ELEC_MAIRIE_KWH / 1000 + GAZ_MAIRIE_MWH

    KWH_M2 = calculer_kwh_par_m2(calculer_conso_annuelle(RELEVES, ANNEE_COMPLETE), BATIMENTS)
    SANS_PISCINE = KWH_M2.drop("piscine")
    PLUS_INTENSIF = NOMS[SANS_PISCINE.idxmax()]
    TOTAUX = calculer_conso_annuelle(RELEVES, ANNEE_COMPLETE).reindex(VRAIS["batiment_id"])
    PLUS_GROS_HORS_PISCINE = NOMS[TOTAUX.drop("piscine").idxmax()]
    MEDIANE_MWH = round(float(TOTAUX.median()))
    MOYENNE_MWH = round(float(TOTAUX.mean()))
    PISCINE_MWH = round(float(TOTAUX["piscine"]))
    SOUS_LA_MOYENNE = int((TOTAUX < TOTAUX.mean()).sum())
    NB_BATIMENTS = len(TOTAUX)

    GAZ_SALLE = RELEVES[(RELEVES["batiment_id"] == "salle-fetes") & (RELEVES["energie"] == "gaz")].set_index("mois")
    PIC_SALLE_MWH = round(float(GAZ_SALLE.loc["2024-02", "consommation_kwh"]) / 1000)
    FEVRIER_AVANT_MWH = round(float(GAZ_SALLE.loc["2023-02", "consommation_kwh"]) / 1000)

    GYMNASE = BILAN.loc["gymnase"]
    ANNEE_PANNE = int(GYMNASE[GYMNASE["mois_manquants"] > 0].index[0])
    MOIS_MANQUANTS_GYMNASE = int(GYMNASE.loc[ANNEE_PANNE, "mois_manquants"])
    HAUSSE_GYMNASE = round(
        float(GYMNASE.loc[ANNEE_PANNE + 1, "total_mwh"] / GYMNASE.loc[ANNEE_PANNE, "total_mwh"] - 1) * 100
    )

    REFERENCE_MAIRIE_MWH = round(float(BILAN.loc[("mairie", ANNEE_REFERENCE), "total_mwh"]))
    PLAFOND_2030_MAIRIE = round(REFERENCE_MAIRIE_MWH * (1 - OBJECTIFS_DECRET[2030] / 100))

    CONCERNES = [n for n, s in zip(VRAIS["nom"], VRAIS["surface_m2"]) if s >= SEUIL_DECRET_M2]

    DJU = energie.lire_dju().set_index("annee")
    DJU_AVANT, DJU_APRES = (float(DJU.loc[a, "dju"]) for a in (AVANT_ISOLATION, APRES_ISOLATION))
    DJU_NORMALE = float(DJU.loc[APRES_ISOLATION, "dju_normale"])

    def gaz(ids, annee: int, corrige: bool) -> float:
        brut = float(BILAN.loc[[(i, annee) for i in ids], "gaz_mwh"].sum())
        if not corrige:
            return brut
        return float(energie.corriger_climat(brut, float(DJU.loc[annee, "dju"]), float(DJU.loc[annee, "dju_normale"]),
                                             PART_CHAUFFAGE_ECOLE))

    def evolution(ids, corrige: bool, avant: int = AVANT_ISOLATION, apres: int = APRES_ISOLATION) -> float:
        """Change from `avant` to `apres`, in % (negative: a drop), to one decimal."""
        return round((gaz(ids, apres, corrige) / gaz(ids, avant, corrige) - 1) * 100, 1)

    ISOLEE = NOMS[ECOLE_ISOLEE]
    ISOLEE_DANS_UNE_PHRASE = ISOLEE[0].lower() + ISOLEE[1:]  # « l'école élémentaire… »
    ECOLES = list(BATIMENTS.loc[BATIMENTS["usage"] == "enseignement", "batiment_id"])
    TEMOINS = [i for i in ECOLES if i != ECOLE_ISOLEE]
    GAZ_ISOLEE = {(a, c): round(gaz([ECOLE_ISOLEE], a, c), 1)
                  for a in (AVANT_ISOLATION, APRES_ISOLATION) for c in (False, True)}
    BAISSE_BRUTE = -evolution([ECOLE_ISOLEE], False)
    BAISSE_CORRIGEE = -evolution([ECOLE_ISOLEE], True)
    TEMOINS_BRUT = evolution(TEMOINS, False)
    TEMOINS_CORRIGE = evolution(TEMOINS, True)
    # the very mild 2022 against 2021: all the schools, raw and corrected
    ECOLES_2022_BRUT = evolution(ECOLES, False, ANNEE_REFERENCE, ANNEE_COMPLETE)
    ECOLES_2022_CORRIGE = evolution(ECOLES, True, ANNEE_REFERENCE, ANNEE_COMPLETE)
    del gaz, evolution
    return SimpleNamespace(**locals())


_c = _chiffres

_PUBLICS = (
    "BATIMENTS", "RELEVES", "SECTEURS", "ELEC_MAIRIE_KWH", "GAZ_MAIRIE_MWH", "TOTAL_MAIRIE_MWH", "PLUS_INTENSIF",
    "PLUS_GROS_HORS_PISCINE", "MEDIANE_MWH", "MOYENNE_MWH", "PISCINE_MWH", "SOUS_LA_MOYENNE", "NB_BATIMENTS",
    "PIC_SALLE_MWH", "FEVRIER_AVANT_MWH", "ANNEE_PANNE", "MOIS_MANQUANTS_GYMNASE", "HAUSSE_GYMNASE",
    "REFERENCE_MAIRIE_MWH", "PLAFOND_2030_MAIRIE", "CONCERNES", "DJU_AVANT", "DJU_APRES", "DJU_NORMALE", "ISOLEE",
    "ISOLEE_DANS_UNE_PHRASE",
    "TEMOINS", "GAZ_ISOLEE", "BAISSE_BRUTE", "BAISSE_CORRIGEE", "TEMOINS_BRUT", "TEMOINS_CORRIGE", "ECOLES",
    "ECOLES_2022_BRUT", "ECOLES_2022_CORRIGE",
)


__getattr__ = au_premier_usage(__name__, _PUBLICS, lambda nom: getattr(_chiffres(), nom))


# --- The questions ---------------------------------------------------------------------------
unites = Nombre(
    id="energie.unites",
    carnet=CARNET,
    enonce=(
        lambda: f"En 2023, l'Hôtel de ville a consommé {nombre_fr(_c().ELEC_MAIRIE_KWH, 0)} kWh d'électricité (portail du "
        f"fournisseur d'électricité) et {nombre_fr(_c().GAZ_MAIRIE_MWH)} MWh de gaz (factures du fournisseur de gaz). "
        "Quelle est sa consommation totale d'énergie en 2023, **en MWh** (arrondie à l'unité) ?"
    ),
    reponse=lambda: round(_c().TOTAL_MAIRIE_MWH),
    tolerance=1,
    unite="MWh",
    erreurs_frequentes=lambda: {
        _c().ELEC_MAIRIE_KWH + _c().GAZ_MAIRIE_MWH: (
            "Vous avez additionné des kWh et des MWh, comme on additionnerait des euros et des milliers "
            "d'euros : convertissez d'abord l'électricité en MWh (1 MWh = 1 000 kWh)."
        ),
        _c().ELEC_MAIRIE_KWH + _c().GAZ_MAIRIE_MWH * 1000: (
            "C'est le bon total, mais en kWh : la question le demande en MWh. Divisez par 1 000."
        ),
    },
    indices=[
        "Avant d'additionner, mettez les deux nombres dans la même unité.",
        "1 MWh (mégawattheure) = 1 000 kWh (kilowattheures). Des kWh en MWh : on divise par 1 000.",
    ],
    solution=(
        lambda: f"{nombre_fr(_c().ELEC_MAIRIE_KWH, 0)} kWh = {nombre_fr(_c().ELEC_MAIRIE_KWH / 1000)} MWh ; "
        f"{nombre_fr(_c().ELEC_MAIRIE_KWH / 1000)} + {nombre_fr(_c().GAZ_MAIRIE_MWH)} = "
        f"**{nombre_fr(_c().TOTAL_MAIRIE_MWH)} MWh**, soit environ {nombre_fr(round(_c().TOTAL_MAIRIE_MWH), 0)} MWh. "
        "Vérifiez toujours l'unité de chaque source avant d'additionner : ici, elle n'était écrite que "
        "dans une colonne à part."
    ),
)

par_m2 = ChoixUnique(
    id="energie.par_m2",
    carnet=CARNET,
    enonce=(
        f"En {ANNEE_COMPLETE} (une année où aucun relevé ne manque), en laissant de côté la piscine, quel "
        "bâtiment consomme le plus d'énergie **par m² de plancher** ?"
    ),
    choix=lambda: sorted({_c().PLUS_GROS_HORS_PISCINE, _c().PLUS_INTENSIF, "Hôtel de ville", "Médiathèque du Port"}),
    reponse=lambda: _c().PLUS_INTENSIF,
    erreurs_frequentes=lambda: {
        _c().PLUS_GROS_HORS_PISCINE: (
            "C'est le plus gros consommateur en total après la piscine… mais c'est aussi un grand "
            "bâtiment. Rapportée à sa surface, sa consommation est plus modeste."
        ),
        "Médiathèque du Port": (
            "C'est l'inverse : la médiathèque, la plus récente, est le bâtiment le plus sobre par m²."
        ),
    }
    if _c().PLUS_GROS_HORS_PISCINE != _c().PLUS_INTENSIF
    else {},
    indices=[
        "Divisez la consommation de l'année (en kWh) par la surface de plancher (en m²).",
        "Le tableau « bilan » du chapitre donne directement la colonne « kwh_par_m2 ».",
    ],
    solution=(
        lambda: f"**{_c().PLUS_INTENSIF}**, avec {nombre_fr(float(_c().SANS_PISCINE.max()), 0)} kWh par m² en "
        f"{ANNEE_COMPLETE}. Comparer des totaux avantage les petits bâtiments ; rapporter la consommation "
        "à la surface (et à une année complète) permet de comparer à armes égales."
    ),
)

mediane = ChoixUnique(
    id="energie.mediane",
    carnet=CARNET,
    enonce=(
        lambda: f"Pour dire en conseil municipal combien consomme un bâtiment communal « typique » en "
        f"{ANNEE_COMPLETE}, quel chiffre choisir ? La moyenne des {_c().NB_BATIMENTS} bâtiments vaut "
        f"{nombre_fr(_c().MOYENNE_MWH, 0)} MWh, leur médiane {nombre_fr(_c().MEDIANE_MWH, 0)} MWh, et la piscine à elle "
        f"seule consomme {nombre_fr(_c().PISCINE_MWH, 0)} MWh."
    ),
    choix=["La moyenne", "La médiane", "La consommation de la piscine"],
    reponse="La médiane",
    erreurs_frequentes=lambda: {
        "La moyenne": (
            "La moyenne additionne tout puis partage : la piscine, à elle seule, la tire vers le haut. "
            f"{_c().SOUS_LA_MOYENNE} bâtiments sur {_c().NB_BATIMENTS} consomment moins que cette « moyenne »."
        ),
        "La consommation de la piscine": "La piscine est l'exception, pas le bâtiment typique.",
    },
    indices=["Quel chiffre laisse autant de bâtiments au-dessus qu'en dessous ?"],
    solution=(
        "**La médiane** : la moitié des bâtiments consomme moins, l'autre moitié plus ; que la piscine "
        "consomme 2 000 ou 20 000 MWh n'y change rien. La moyenne reste utile pour un autre usage : multipliée par le nombre de "
        "bâtiments, elle redonne le total de la commune."
    ),
)

secret = ChoixUnique(
    id="energie.secret",
    carnet=CARNET,
    enonce=(
        "Dans le fichier de consommation par secteur, la consommation d'électricité de l'industrie est "
        "écrite « secret ». Si l'on additionne les secteurs dont la valeur est affichée, qu'obtient-on ?"
    ),
    choix=[
        "La consommation exacte de la commune",
        "Un minimum : la vraie consommation est plus élevée",
        "Un maximum : la vraie consommation est plus faible",
        "La consommation de la commune sans l'industrie, qui ne consomme rien",
    ],
    reponse="Un minimum : la vraie consommation est plus élevée",
    erreurs_frequentes={
        "La consommation exacte de la commune": (
            "Il manque la consommation masquée : elle existe, elle n'est simplement pas publiée."
        ),
        "La consommation de la commune sans l'industrie, qui ne consomme rien": (
            "« secret » ne veut pas dire zéro : la valeur est masquée parce qu'il y a trop peu "
            "d'entreprises pour la publier sans dévoiler la consommation de l'une d'elles."
        ),
    },
    indices=["Une valeur masquée est-elle nulle, ou seulement inconnue ?"],
    solution=(
        "**Un minimum.** Le secret statistique masque une valeur quand trop peu de points de livraison la "
        "composent : publier le chiffre reviendrait à dévoiler la consommation d'une entreprise. La valeur "
        "existe ; remplacer « secret » par 0 sous-estime le total. Écrivez plutôt « au moins … MWh »."
    ),
)

mois_manquants = Nombre(
    id="energie.mois_manquants",
    carnet=CARNET,
    enonce=(
        lambda: f"Dans le tableau de bord, choisissez le Gymnase des Sablons et l'année {_c().ANNEE_PANNE}. Combien de "
        "mois n'ont **aucun relevé** d'électricité cette année-là ?"
    ),
    reponse=lambda: _c().MOIS_MANQUANTS_GYMNASE,
    tolerance=0,
    unite="mois",
    indices=["Cherchez la zone grisée « relevés manquants » sur la courbe de l'électricité."],
    solution=(
        lambda: f"**{_c().MOIS_MANQUANTS_GYMNASE} mois** (de mars à juin {_c().ANNEE_PANNE}) : le compteur était en panne. "
        "Ces mois n'apparaissent pas comme des zéros, ils sont absents du fichier : il faut compter les "
        "mois pour s'en apercevoir."
    ),
)

hausse_gymnase = ChoixUnique(
    id="energie.hausse_gymnase",
    carnet=CARNET,
    enonce=(
        lambda: f"Le tableau de bord indique que le gymnase a consommé {_c().HAUSSE_GYMNASE} % de plus en "
        f"{_c().ANNEE_PANNE + 1} qu'en {_c().ANNEE_PANNE}. Qu'en concluez-vous ?"
    ),
    choix=lambda: [
        "Le gymnase gaspille de plus en plus : il faut lancer un audit",
        f"La hausse est trompeuse : il manque des mois en {_c().ANNEE_PANNE}, dont le total est trop bas",
        "Le chauffage du gymnase est tombé en panne",
    ],
    reponse=lambda: f"La hausse est trompeuse : il manque des mois en {_c().ANNEE_PANNE}, dont le total est trop bas",
    erreurs_frequentes=lambda: {
        "Le gymnase gaspille de plus en plus : il faut lancer un audit": (
            f"Avant de conclure, regardez les mois : {_c().ANNEE_PANNE} n'a que "
            f"{12 - _c().MOIS_MANQUANTS_GYMNASE} mois de relevés d'électricité."
        ),
    },
    indices=["Lisez l'avertissement sous la courbe, et comptez les mois de chaque année."],
    solution=(
        lambda: f"La comparaison n'est pas fiable : {_c().MOIS_MANQUANTS_GYMNASE} mois d'électricité manquent en "
        f"{_c().ANNEE_PANNE}. On ne compare que des années complètes, ou les mêmes mois d'une année sur l'autre."
    ),
)

pic = ChoixUnique(
    id="energie.pic",
    carnet=CARNET,
    enonce=(
        lambda: f"Dans le tableau de bord, la salle des fêtes montre un pic de gaz en février 2024 : "
        f"{_c().PIC_SALLE_MWH} MWh, contre {_c().FEVRIER_AVANT_MWH} MWh en février 2023, juste après trois relevés marqués "
        "« estimé ». Quelle est l'explication la plus probable ?"
    ),
    choix=[
        "Une fuite de gaz",
        "Un rattrapage : les trois mois estimés étaient trop bas, le relevé réel corrige d'un coup",
        "Un hiver exceptionnellement froid",
    ],
    reponse="Un rattrapage : les trois mois estimés étaient trop bas, le relevé réel corrige d'un coup",
    erreurs_frequentes={
        "Une fuite de gaz": (
            "Une fuite durerait plusieurs mois. Ici, le pic suit trois mois anormalement bas, tous estimés."
        ),
        "Un hiver exceptionnellement froid": (
            "Les autres bâtiments ne montrent pas de pic ce mois-là : ce n'est donc pas la météo."
        ),
    },
    indices=["Regardez les trois mois précédents : sont-ils mesurés ou estimés ?"],
    solution=(
        "Un **rattrapage**. Quand le compteur n'est pas lu, le fournisseur estime ; le relevé réel suivant "
        "facture d'un coup l'écart. La consommation glisse ainsi d'un mois à l'autre, et ici de 2023 vers "
        "2024 : l'écart entre ces deux années n'est pas une vraie hausse."
    ),
)

decret = ChoixMultiple(
    id="energie.decret",
    carnet=CARNET,
    enonce=(
        "Le décret tertiaire s'applique aux bâtiments où s'exerce une activité tertiaire (bureaux, "
        "enseignement, sport, culture…) sur au moins 1 000 m² de plancher. Lesquels de ces bâtiments "
        "communaux sont concernés ?"
    ),
    choix=lambda: list(_c().VRAIS["nom"]),
    reponses=lambda: _c().CONCERNES,
    erreurs_frequentes=lambda: {
        "Médiathèque du Port": (
            f"La médiathèque a {nombre_fr(float(_c().VRAIS.set_index('nom').loc['Médiathèque du Port', 'surface_m2']), 0)} m² : "
            "juste en dessous du seuil de 1 000 m²."
        ),
    },
    indices=[
        "Regardez la colonne surface_m2 du fichier des bâtiments.",
        "Enseignement et sport sont aussi des activités tertiaires.",
    ],
    solution=(
        lambda: "Les bâtiments d'au moins 1 000 m² : "
        + ", ".join(f"« {n} »" for n in _c().CONCERNES)
        + ". Attention, le seuil s'apprécie aussi pour plusieurs bâtiments sur un même site : vérifiez avec "
        "les services techniques."
    ),
)

objectif_2030 = Nombre(
    id="energie.objectif_2030",
    carnet=CARNET,
    enonce=(
        lambda: f"L'Hôtel de ville a consommé {nombre_fr(_c().REFERENCE_MAIRIE_MWH, 0)} MWh en {ANNEE_REFERENCE}, retenue comme "
        "année de référence. Le décret tertiaire demande une baisse de 40 % en 2030. Quelle consommation "
        "annuelle ne faudra-t-il pas dépasser en 2030, en MWh ?"
    ),
    reponse=lambda: _c().PLAFOND_2030_MAIRIE,
    tolerance=1,
    unite="MWh",
    erreurs_frequentes=lambda: {
        round(_c().REFERENCE_MAIRIE_MWH * 0.4): (
            "C'est la baisse à obtenir (40 % de la référence), pas la consommation à ne pas dépasser."
        ),
        round(_c().REFERENCE_MAIRIE_MWH * 0.5): "50 %, c'est l'objectif de 2040 ; en 2030, la baisse est de 40 %.",
    },
    indices=["Baisser de 40 %, c'est garder 60 % de la consommation de référence."],
    solution=(
        lambda: f"{nombre_fr(_c().REFERENCE_MAIRIE_MWH, 0)} × 0,6 = **{nombre_fr(_c().PLAFOND_2030_MAIRIE, 0)} MWh**. "
        "Le décret permet aussi de viser un seuil en valeur absolue fixé par arrêté selon l'activité, et "
        "corrige les consommations des variations du climat : l'objectif exact se calcule sur la "
        "plateforme OPERAT de l'ADEME."
    ),
)

conso_2022 = CalculPandas(
    id="energie.conso_2022",
    points=2,
    carnet=CARNET,
    nom_variable="conso_2022",
    enonce=(
        f"À partir du tableau `releves` (toutes les consommations, en kWh), calculez dans une variable "
        f"`conso_2022` la consommation totale (électricité + gaz) de chaque bâtiment en {ANNEE_COMPLETE}, "
        "**en MWh**, une valeur par `batiment_id`."
    ),
    reponse=_conso_complete,
    tolerance=1e-6,
    indices=[
        f"Gardez d'abord les lignes de {ANNEE_COMPLETE} : `releves[releves[\"annee\"] == {ANNEE_COMPLETE}]`.",
        "Puis additionnez par bâtiment : `.groupby(\"batiment_id\")[\"consommation_kwh\"].sum()`, et divisez par 1 000.",
    ],
    solution=(
        f'`conso_2022 = releves[releves["annee"] == {ANNEE_COMPLETE}].groupby("batiment_id")'
        '["consommation_kwh"].sum() / 1000`'
    ),
)

kwh_m2 = CalculPandas(
    id="energie.kwh_m2",
    carnet=CARNET,
    nom_variable="kwh_m2",
    enonce=(
        "À partir de `conso_2022` et de la surface des bâtiments `surfaces` (en m², une valeur par "
        "`batiment_id`), calculez dans `kwh_m2` la consommation de chaque bâtiment **en kWh par m²**. "
        "Retirez l'éclairage public, qui n'a pas de surface, avec `.dropna()`."
    ),
    reponse=_kwh_m2_complet,
    tolerance=1e-6,
    indices=[
        "Des MWh en kWh : multipliez par 1 000. Puis divisez par la surface.",
        "pandas aligne les deux séries sur `batiment_id` : `conso_2022 * 1000 / surfaces`.",
    ],
    solution="`kwh_m2 = (conso_2022 * 1000 / surfaces).dropna()`",
)

mediane_mwh = Nombre(
    id="energie.mediane_mwh",
    carnet=CARNET,
    enonce=(
        lambda: f"Quelle est la consommation **médiane** des {_c().NB_BATIMENTS} bâtiments (sans l'éclairage public) en "
        f"{ANNEE_COMPLETE}, en MWh (arrondie à l'unité) ?"
    ),
    reponse=lambda: _c().MEDIANE_MWH,
    tolerance=1,
    unite="MWh",
    erreurs_frequentes=lambda: {
        _c().MOYENNE_MWH: "C'est la moyenne, tirée vers le haut par la piscine ; la question demande la médiane.",
        _c().MEDIANE_MWH * 1000: "C'est la bonne médiane, mais en kWh : la question la demande en MWh.",
    },
    indices=[
        "Une série pandas a une méthode `.median()`.",
        "Retirez l'éclairage public : `conso_2022.drop(\"eclairage\").median()`.",
    ],
    solution=(
        lambda: f'`conso_2022.drop("eclairage").median()` donne {nombre_fr(_c().MEDIANE_MWH, 0)} MWh ; la moyenne, '
        f"elle, vaut {nombre_fr(_c().MOYENNE_MWH, 0)} MWh."
    ),
)

preuve_isolation = Nombre(
    id="energie.preuve_isolation",
    carnet=CARNET,
    enonce=(
        lambda: f"La toiture de l'{_c().ISOLEE_DANS_UNE_PHRASE} a été isolée à l'été {AVANT_ISOLATION}. Ses factures de gaz : "
        f"{nombre_fr(_c().GAZ_ISOLEE[(AVANT_ISOLATION, False)])} MWh en {AVANT_ISOLATION}, "
        f"{nombre_fr(_c().GAZ_ISOLEE[(APRES_ISOLATION, False)])} MWh en {APRES_ISOLATION}. Mais l'hiver "
        f"{APRES_ISOLATION} a été plus froid ({nombre_fr(_c().DJU_APRES, 0)} degrés-jours contre "
        f"{nombre_fr(_c().DJU_AVANT, 0)}). Ramenées au climat normal, ses consommations deviennent "
        f"{nombre_fr(_c().GAZ_ISOLEE[(AVANT_ISOLATION, True)])} MWh et "
        f"{nombre_fr(_c().GAZ_ISOLEE[(APRES_ISOLATION, True)])} MWh. De combien, **en %** (à une décimale), "
        "la consommation de gaz a-t-elle baissé grâce à l'isolation ?"
    ),
    reponse=lambda: _c().BAISSE_CORRIGEE,
    tolerance=0.2,
    unite="%",
    erreurs_frequentes=lambda: {
        _c().BAISSE_BRUTE: (
            "C'est la baisse des factures brutes : elle mélange l'isolation et la météo. L'hiver d'après a été "
            "plus froid ; comparez les consommations ramenées au climat normal."
        ),
    } if _c().BAISSE_BRUTE != _c().BAISSE_CORRIGEE else {},
    indices=[
        "Prenez les deux consommations corrigées du climat, pas les factures brutes.",
        "Baisse en % = (avant − après) ÷ avant × 100.",
    ],
    solution=(
        lambda: f"({nombre_fr(_c().GAZ_ISOLEE[(AVANT_ISOLATION, True)])} − "
        f"{nombre_fr(_c().GAZ_ISOLEE[(APRES_ISOLATION, True)])}) ÷ {nombre_fr(_c().GAZ_ISOLEE[(AVANT_ISOLATION, True)])} "
        f"≈ **{nombre_fr(_c().BAISSE_CORRIGEE)} %**, contre {nombre_fr(_c().BAISSE_BRUTE)} % sur les factures brutes. "
        "Pour en faire une preuve, regardez aussi les autres écoles, non isolées : corrigées du climat, elles "
        f"évoluent de {'+' if _c().TEMOINS_CORRIGE > 0 else ''}{nombre_fr(_c().TEMOINS_CORRIGE)} % seulement."
    ),
)

priorite = Reflexion(
    id="energie.priorite",
    carnet=CARNET,
    enonce=(
        "Si la commune ne pouvait rénover qu'un bâtiment dans les trois ans, lequel choisiriez-vous, "
        "et quelles données vous manqueraient pour en décider sereinement ?"
    ),
)

# The graded assignment exercises/source/energie/energie.ipynb: its questions in order (see exercices/devoirs.py).
DEVOIR = Devoir(
    carnet=CARNET,
    questions=[unites, mois_manquants, secret, conso_2022, (mediane_mwh, "mediane"), preuve_isolation],
)
