"""La carte du cours : les situations et les compétences de l'enquête de terrain, et les pages qui les traitent.

One source for book/carte.md (its tables are generated from here) and tests/test_carte.py.

The 15 situations and 7 competences come, in the same order, from OpenDataFrance's report of its
« Atelier Culture D — élus des collectivités territoriales » (Forum des Interconnectés). The labels
below are our own paraphrases; ``mots_cles`` are words of the original item, used by the tests to
check that each entry still matches the field research.

    from donnees_en_main.chapitres.carte import SITUATIONS, COMPETENCES, tableau_situations
    print(tableau_situations())   # a MyST table, one link per section, landing on the section itself

Each situation and competence points to sections (``cibles``: page and section title, checked by
tests/test_carte.py: the section exists and has substance, and in the built book each link lands on
it); its ``pages`` are derived from them.
"""

from __future__ import annotations

import re

from donnees_en_main.chapitres import CHAPITRES

# The pages the map may point to, with one line each: the chapters of the manifest that have a summary.
PAGES: dict[str, str] = {c.nom: c.resume for c in CHAPITRES if c.resume}

# Our own grouping of the situations, to read them at a glance (book/pourquoi.md).
FAMILLES: dict[str, str] = {
    "informer": "Informer les habitants et rendre des comptes",
    "piloter": "Piloter une politique et décider",
    "dialoguer": "Dialoguer avec les habitants",
    "gerer": "Gérer la mairie et se mettre en règle",
}

SITUATIONS: list[dict] = [
    {
        "numero": 1,
        "famille": "informer",
        "intitule": "Faire connaître une décision après le vote d'une délibération",
        "mots_cles": ["délibération", "vote"],
        "cibles": [
            ("repondre-citoyen", "Après le vote : communiquer sans déformer"),
            ("formats", "Un schéma : le mode d'emploi partagé d'un fichier"),
        ],
        "dans_le_cours": "publier les délibérations au format national pour qu'on les retrouve, et les expliquer par des faits",
    },
    {
        "numero": 2,
        "famille": "piloter",
        "intitule": "Suivre l'avancement d'une action grâce à un tableau de bord",
        "mots_cles": ["tableau de bord"],
        "cibles": [
            ("repondre-citoyen", "Piloter : un tableau de bord des subventions"),
            ("energie", "La preuve qu'une action marche"),
        ],
        "dans_le_cours": "peu d'indicateurs, bien définis ; prouver qu'une action a marché (climat corrigé, bâtiment témoin)",
    },
    {
        "numero": 3,
        "famille": "dialoguer",
        "intitule": "Publier un jeu de données parce qu'un collectif d'habitants le réclame",
        "mots_cles": ["collectif de citoyens", "jeu de données"],
        "cibles": [
            ("ouvrir", "6. Publier"),
            ("cadre-legal", "Le parcours : « Puis-je publier ce jeu de données ? »"),
            ("qualite", "Radiographier un fichier : le profil, colonne par colonne"),
            ("repondre-citoyen", "1. Qui a produit ce fichier, et pourquoi ?"),
        ],
        "dans_le_cours": "vérifier qu'on a le droit de publier, valider le fichier contre son schéma, le décrire, choisir une licence et le publier sur data.gouv.fr",
    },
    {
        "numero": 4,
        "famille": "gerer",
        "intitule": "Rassembler des données pour monter un appel à projets",
        "mots_cles": ["appel à projet"],
        "cibles": [
            ("appel-et-observatoire", "Répondre à un appel à projets"),
            ("qualite", "Qui, comment, quand : le contexte de production"),
            ("formats", "Code INSEE ou code postal ?"),
        ],
        "dans_le_cours": "choisir le projet à présenter avec des chiffres datés, complets et rapportés à un dénominateur ; les croiser grâce au code INSEE",
    },
    {
        "numero": 5,
        "famille": "informer",
        "intitule": "Mettre en ligne des données utiles à la vie de tous les jours, par exemple les menus de la cantine",
        "mots_cles": ["cantine", "menu"],
        "cibles": [
            ("cantine", "À quoi ressemble un bon fichier de menus ?"),
            ("ouvrir", "3. Choisir par quoi commencer"),
            ("cantine", "Ce que le tableur fait au fichier"),
        ],
        "dans_le_cours": "le fichier national des menus, les défauts d'un export de tableur, et par quel jeu commencer",
    },
    {
        "numero": 6,
        "famille": "piloter",
        "intitule": "Disposer de chiffres exacts pour conduire une politique publique",
        "mots_cles": ["piloter", "chiffres précis"],
        "cibles": [
            ("energie", "Comparer à armes égales : par m² et sur une année complète"),
            ("moyenne-mediane", "Un taux, c'est une division : de quoi, et par quoi ?"),
            ("qualite", "Ce qui manque : une case vide n'est pas un zéro"),
        ],
        "dans_le_cours": "comparer à armes égales, repérer les trous dans les relevés, choisir le bon indicateur",
    },
    {
        "numero": 7,
        "famille": "informer",
        "intitule": "Présenter les chiffres d'un projet porté par la commune",
        "mots_cles": ["communiquer les chiffres", "projet de politique publique"],
        "cibles": [
            ("moyenne-mediane", "Moyenne et médiane : deux résumés différents"),
            ("cantine", "La part de bio : moyenne ou médiane ?"),
            ("elections", "Un pourcentage, mais de quoi ?"),
        ],
        "dans_le_cours": "annoncer un chiffre honnête : moyenne ou médiane, un taux avec son dénominateur",
    },
    {
        "numero": 8,
        "famille": "informer",
        "intitule": "Obtenir et annoncer les résultats d'une élection",
        "mots_cles": ["élection"],
        "cibles": [
            ("elections", "Du bureau de vote au fichier : inscrits, votants, exprimés"),
            ("elections", "Un pourcentage, mais de quoi ?"),
        ],
        "dans_le_cours": "lire le fichier du ministère de l'Intérieur et dire « pour cent de quoi »",
    },
    {
        "numero": 9,
        "famille": "gerer",
        "intitule": "Revoir le système d'information de la mairie pour respecter le RGPD",
        "mots_cles": ["RGPD", "système d'information"],
        "cibles": [
            ("rgpd-au-quotidien", "Le registre : la liste des fichiers de personnes"),
            ("cadre-legal", "Ce que la loi protège : les données personnelles"),
            ("gouvernance", "Les silos : quand deux services ne se comprennent pas"),
        ],
        "dans_le_cours": "le registre des traitements, les sous-traitants, l'analyse d'impact, les durées de conservation, les fuites ; une liste de référence commune aux services",
    },
    {
        "numero": 10,
        "famille": "gerer",
        "intitule": "Tenir à jour une base de données consacrée à un sujet ou à une action",
        "mots_cles": ["base de données"],
        "cibles": [
            ("qualite", "Ce qui est en trop : les doublons"),
            ("ouvrir", "Qui s'en charge ?"),
            ("formats", "Un schéma : le mode d'emploi partagé d'un fichier"),
            ("gouvernance", "Garder la compétence quand quelqu'un part"),
        ],
        "dans_le_cours": "un fichier sans doublons ni cases vides, décrit par une fiche de catalogue, mis à jour à un rythme annoncé, qui survit au départ de l'agent",
    },
    {
        "numero": 11,
        "famille": "dialoguer",
        "intitule": "Répondre à la question précise d'un habitant",
        "mots_cles": ["répondre à une question", "administré"],
        "cibles": [
            ("repondre-citoyen", "La question : « Combien pour le club de foot ? »"),
            ("cadre-legal", "Des documents communiqués sur demande…"),
        ],
        "dans_le_cours": "partir de la question, trouver la donnée, répondre avec sa source et ses limites",
    },
    {
        "numero": 12,
        "famille": "piloter",
        "intitule": "Créer un observatoire qui mesure l'effet d'un phénomène (épidémie, sécheresse…) sur le territoire",
        "mots_cles": ["observatoire", "sécheresse"],
        "cibles": [
            ("appel-et-observatoire", "Bâtir un observatoire"),
            ("energie", "Et toute la commune ? Les données publiques par secteur"),
            ("moyenne-mediane", "La moyenne des taux n'est pas le taux de l'ensemble"),
        ],
        "dans_le_cours": "le même indicateur, par habitant, au même rythme pour chaque commune ; un relevé manquant n'est pas un zéro",
    },
    {
        "numero": 13,
        "famille": "gerer",
        "intitule": "Instruire et suivre les demandes de subvention",
        "mots_cles": ["subvention"],
        "cibles": [
            ("repondre-citoyen", "5. Quel total ?"),
            ("moyenne-mediane", "La question : « Combien reçoit une association ? »"),
        ],
        "dans_le_cours": "le fichier national des subventions : qui a reçu combien, et pour quoi",
    },
    {
        "numero": 14,
        "famille": "piloter",
        "intitule": "Savoir combien d'énergie consomment les bâtiments et la commune",
        "mots_cles": ["consommation d'énergie"],
        "cibles": [
            ("energie", "Deux fichiers, deux unités"),
            ("energie", "Le décret tertiaire : où en est la commune ?"),
        ],
        "dans_le_cours": "kWh et MWh, comparaison par m², valeurs masquées, décret tertiaire",
    },
    {
        "numero": 15,
        "famille": "dialoguer",
        "intitule": "Organiser une concertation sur un projet en partant de faits vérifiables",
        "mots_cles": ["concertation", "faits objectifs"],
        "cibles": [
            ("repondre-citoyen", "Concerter : partir de faits, pas d'opinions"),
            ("moyenne-mediane", "Moyenne et médiane : deux résumés différents"),
        ],
        "dans_le_cours": "mettre les mêmes faits sous les yeux de tous, sources à l'appui, avant de débattre",
    },
]


# The pages of each situation, in the order of its targets (a page once).
for _s in SITUATIONS:
    _s["pages"] = list(dict.fromkeys(page for page, _ in _s["cibles"]))

COMPETENCES: list[dict] = [
    {
        "numero": 1,
        "intitule": "Savoir comment une donnée est produite : par quels services, selon quelles règles et quels circuits",
        "mots_cles": ["contexte de production", "administration"],
        "cibles": [
            ("pourquoi", "Votre commune produit déjà des données"),
            ("elections", "Du bureau de vote au fichier : inscrits, votants, exprimés"),
            ("qualite", "Qui, comment, quand : le contexte de production"),
            ("gouvernance", "Les silos : quand deux services ne se comprennent pas"),
        ],
        "dans_le_cours": "du bureau de vote au fichier du ministère ; qui, dans la commune, produit quoi",
    },
    {
        "numero": 2,
        "intitule": "Connaître les textes qui s'appliquent : le RGPD, la loi pour une République numérique, la loi NOTRe, la directive INSPIRE",
        "mots_cles": ["cadre légal", "RGPD", "INSPIRE", "République Numérique"],
        "cibles": [
            ("cadre-legal", "Ce que la loi demande : publier par défaut"),
            ("cadre-legal", "Les données géographiques : la directive INSPIRE"),
            ("rgpd-au-quotidien", "Le registre : la liste des fichiers de personnes"),
            ("ouvrir", "1. Décider de la licence"),
        ],
        "dans_le_cours": "ce que la loi impose, ce qu'elle interdit, la question « puis-je publier ? », et les deux licences possibles",
    },
    {
        "numero": 3,
        "intitule": "Juger la qualité d'une donnée : est-elle fiable, de quand date-t-elle, est-elle encore valable ?",
        "mots_cles": ["qualité", "fiabilité", "date de collecte"],
        "cibles": [
            ("qualite", "Ce qui manque : une case vide n'est pas un zéro"),
            ("energie", "Des trous et des estimations dans les relevés"),
            ("cantine", "Ce que le tableur fait au fichier"),
        ],
        "dans_le_cours": "relevés manquants ou estimés, doublons, fautes de frappe, fichier périmé",
    },
    {
        "numero": 4,
        "intitule": "Reconnaître les formats de fichiers et leurs pièges",
        "mots_cles": ["formats"],
        "cibles": [
            ("formats", "Le même fichier, deux lectures : l'encodage"),
            ("formats", "Le séparateur : où finit une colonne ?"),
            ("formats", "CSV, JSON, XLSX : trois formats pour trois usages"),
            ("elections", "Le fichier du ministère : pratique, mais plein de pièges"),
        ],
        "dans_le_cours": "CSV, séparateur, encodage, dates et nombres à la française",
    },
    {
        "numero": 5,
        "intitule": "Comprendre l'interopérabilité : des données qui passent d'un logiciel à l'autre et se combinent",
        "mots_cles": ["interopérabilité"],
        "cibles": [
            ("formats", "Un schéma : le mode d'emploi partagé d'un fichier"),
            ("ouvrir", "4. Préparer le fichier au schéma national"),
            ("formats", "Code INSEE ou code postal ?"),
            ("gouvernance", "Les silos : quand deux services ne se comprennent pas"),
        ],
        "dans_le_cours": "les schémas nationaux (SCDL) et leur validateur, le code INSEE plutôt que le code postal",
    },
    {
        "numero": 6,
        "intitule": "Savoir interroger un jeu de données : quelles questions lui poser, et pour en faire quoi",
        "mots_cles": ["bonnes questions", "jeu de données"],
        "cibles": [
            ("repondre-citoyen", "1. Qui a produit ce fichier, et pourquoi ?"),
            ("repondre-citoyen", "2. Que représente une ligne ?"),
            ("qualite", "Radiographier un fichier : le profil, colonne par colonne"),
        ],
        "dans_le_cours": "qui l'a produit, quand, pour quoi, ce qu'il compte et ce qu'il ne compte pas",
    },
    {
        "numero": 7,
        "intitule": "Acquérir quelques bases de calcul pour bien lire les chiffres (moyenne et médiane, taux et dénominateur)",
        "mots_cles": ["mathématiques", "moyenne", "médiane"],
        "cibles": [
            ("moyenne-mediane", "Moyenne et médiane : deux résumés différents"),
            ("moyenne-mediane", "Un taux, c'est une division : de quoi, et par quoi ?"),
            ("cantine", "La part de bio : moyenne ou médiane ?"),
            ("elections", "Un pourcentage, mais de quoi ?"),
            ("energie", "Un bâtiment « typique » : moyenne ou médiane ?"),
        ],
        "dans_le_cours": "la cantine « typique », le bâtiment « typique », le pourcentage « de quoi ? »",
    },
]

# The pages of each competence, in the order of its targets (a page once).
for _c in COMPETENCES:
    _c["pages"] = list(dict.fromkeys(page for page, _ in _c["cibles"]))


# The field documents the course is built from, with a phrase of each (``repere``) that lets the
# tests find it among the seeds.
SOURCES_TERRAIN: dict[str, dict] = {
    "culture-d": {
        "reference": (
            "OpenDataFrance, « Atelier Culture D « élus des collectivités territoriales » : la synthèse "
            "des échanges », atelier du 22 mars organisé dans le cadre du Forum des Interconnectés"
        ),
        "repere": "Atelier Culture D",
    },
    "capacitation": {
        "reference": (
            "« Discussion 2 : quelles démarches de formation et de capacitation ? », compte rendu "
            "d'échanges entre collectivités, dont des territoires partenaires du programme DataCités 2"
        ),
        "repere": "DataCités 2",
    },
    "mobiliser-elus": {
        "reference": (
            "Hubikoop et Pays et Quartiers de Nouvelle-Aquitaine, « Comment mobiliser les élus de son "
            "territoire dans le cadre d'une stratégie territoriale d'inclusion numérique ? », "
            "synthèse d'un webinaire, 16 mai 2024"
        ),
        "repere": "logique de la preuve",
    },
    "nec-2022": {
        "reference": (
            "Ocalia, « NEC 2022 : transformation numérique du territoire et montée en compétences vont "
            "de pair ! », retour sur Numérique en Commun[s], septembre 2022"
        ),
        "repere": "secrétaires de mairie",
    },
    "pilier-4": {
        "reference": (
            "« Transformer l'organisation locale par le numérique », pilier 4 : « Consolider le numérique "
            "dans les pratiques des agents sur le long terme »"
        ),
        "repere": "Apprendre entre pairs",
    },
}

# The élu in a hurry: half an hour, section by section.
PARCOURS_EXPRESS: list[dict] = [
    {"page": "pourquoi", "quoi": "toute la page : pourquoi c'est votre affaire", "minutes": 5},
    {"page": "carte", "quoi": "repérez, dans le premier tableau, les situations que vous vivez", "minutes": 2},
    {"page": "cantine", "quoi": "la partie « La part de bio : moyenne ou médiane ? »", "minutes": 5},
    {"page": "elections", "quoi": "la partie « Un pourcentage, mais de quoi ? »", "minutes": 5},
    {"page": "cadre-legal", "quoi": "la partie « Puis-je publier ce jeu de données ? », puis « En résumé »", "minutes": 5},
    {"page": "repondre-citoyen", "quoi": "la question du club de foot, au début, et « La réponse, en une phrase »", "minutes": 5},
    {"page": "gouvernance", "quoi": "la liste à cocher pour votre commune", "minutes": 3},
]

# The whole course, in the order of the table of contents (the manifest's order).
PARCOURS_COMPLET: list[str] = list(PAGES)


def pages_citees() -> list[str]:
    """Every page named by the map (situations, competences, reading paths), without repeats."""
    vues: dict[str, None] = {}
    for entree in SITUATIONS + COMPETENCES + PARCOURS_EXPRESS:
        for page in entree.get("pages", [entree.get("page")]):
            if page:
                vues[page] = None
    for page in PARCOURS_COMPLET:
        vues[page] = None
    return list(vues)


def lien(page: str) -> str:
    """A MyST link to a page of the book, titled by the page itself."""
    if page not in PAGES:
        raise ValueError(f"Page inconnue de la carte : « {page} ». Ajoutez-la d'abord au manifeste des chapitres (donnees_en_main/chapitres/__init__.py), avec son résumé.")
    return f"{{doc}}`{page}`"


# What MyST keeps of a heading in its anchor (myst_parser's default_slugify, GitHub style).
_HORS_ANCRE = re.compile(r"[^\w\u4e00-\u9fff\- ]")


def ancre(titre: str) -> str:
    """The anchor MyST gives a heading titled ``titre`` (``myst_heading_anchors`` in _config.yml):
    lower case, spaces to hyphens, punctuation dropped — « Bâtir un observatoire » → « bâtir-un-observatoire »."""
    return _HORS_ANCRE.sub("", titre.lower().replace(" ", "-"))


def lien_section(page: str, section: str) -> str:
    """A MyST link to one section of a page of the book, titled by the section: the reader lands on the
    section itself (a wrong title is a build warning, so an error in the strict build)."""
    lien(page)  # the same check: a page of the map
    return f"[{section}]({page}.md#{ancre(section)})"


def _cellule(texte: str) -> str:
    return texte.replace("|", "\\|").replace("\n", " ")


def _tableau(entrees: list[dict], titre_colonne: str) -> str:
    lignes = [
        f"| n° | {titre_colonne} | Ce que le cours vous donne | Où le trouver |",
        "|---:|---|---|---|",
    ]
    for e in entrees:
        if "cibles" in e:  # a situation: one section per line, named by its title
            liens = "<br>".join(lien_section(p, titre) for p, titre in e["cibles"])
        else:
            liens = "<br>".join(lien(p) for p in e["pages"])  # one page per line
        lignes.append(f"| {e['numero']} | {_cellule(e['intitule'])} | {_cellule(e['dans_le_cours'])} | {liens} |")
    return "\n".join(lignes)


def tableau_situations(famille: str | None = None) -> str:
    """The 15 situations (or those of one ``famille``) as a MyST Markdown table, each with links to the
    pages that treat it."""
    if famille is not None and famille not in FAMILLES:
        raise ValueError(f"Famille inconnue : « {famille} ». Familles connues : {', '.join(FAMILLES)}.")
    return _tableau([s for s in SITUATIONS if famille in (None, s["famille"])], "Situation")


def replie(titre: str, contenu: str) -> str:
    """A MyST dropdown: ``contenu`` folded under ``titre`` (short pages on a phone)."""
    return f"::::{{dropdown}} {titre}\n{contenu}\n::::"


def situations_repliees() -> str:
    """The situations family by family, each family's table folded under its title and count (MyST)."""
    blocs = []
    for cle, titre in FAMILLES.items():
        n = sum(s["famille"] == cle for s in SITUATIONS)
        blocs.append(replie(f"{titre} ({n} situation{'s' if n > 1 else ''})", tableau_situations(cle)))
    return "\n\n".join(blocs)


def tableau_competences() -> str:
    """The 7 competences as a MyST Markdown table, each with links to the pages that treat it."""
    return _tableau(COMPETENCES, "Compétence")


def tableau_parcours_express() -> str:
    """The 30-minute path as a MyST Markdown table, with a total line."""
    lignes = ["| Étape | Page | Ce qu'il faut lire | Durée |", "|---:|---|---|---:|"]
    for i, etape in enumerate(PARCOURS_EXPRESS, start=1):
        lignes.append(f"| {i} | {lien(etape['page'])} | {_cellule(etape['quoi'])} | {etape['minutes']} min |")
    lignes.append(f"| | **Total** | | **{duree_express()} min** |")
    return "\n".join(lignes)


def tableau_parcours_complet() -> str:
    """The whole course in reading order, as a MyST Markdown table."""
    lignes = ["| Étape | Page | Vous y trouverez |", "|---:|---|---|"]
    for i, page in enumerate(PARCOURS_COMPLET, start=1):
        lignes.append(f"| {i} | {lien(page)} | {_cellule(PAGES[page])} |")
    return "\n".join(lignes)


def liste_sources(cles: list[str]) -> str:
    """The given field sources as a Markdown bullet list."""
    inconnues = [c for c in cles if c not in SOURCES_TERRAIN]
    if inconnues:
        raise ValueError(f"Source inconnue : {', '.join(inconnues)}. Sources connues : {', '.join(SOURCES_TERRAIN)}.")
    return "\n".join(f"- {SOURCES_TERRAIN[c]['reference']}." for c in cles)


def situations_par_famille() -> str:
    """The situations grouped by family, as a Markdown list (numbers refer to the map)."""
    blocs = []
    for cle, titre in FAMILLES.items():
        items = [f"  - {s['intitule']} (n° {s['numero']})" for s in SITUATIONS if s["famille"] == cle]
        blocs.append(f"- **{titre}**\n" + "\n".join(items))
    return "\n".join(blocs)


def duree_express() -> int:
    """Total reading time of the express path, in minutes."""
    return sum(e["minutes"] for e in PARCOURS_EXPRESS)

