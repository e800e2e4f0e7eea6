"""The course map covers the field research: 15 situations, 7 competences, each with its pages.

The map's data live in donnees_en_main/chapitres/carte/__init__.py, the one source of book/carte.md's tables. When the
field research is at hand (../shared/seeds), the situations and competences are checked against it:
same count, same order, the key words of each item, and our labels paraphrase (never copy) them.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from donnees_en_main.chapitres import carte

RACINE = Path(__file__).resolve().parent.parent
LIVRE = RACINE / "book"

# The words the brief asks the glossary to explain (lower case, as Sphinx matches terms).
TERMES_ATTENDUS = [
    "donnée ouverte", "jeu de données", "schéma de données", "scdl", "csv", "séparateur", "encodage",
    "utf-8", "métadonnées", "moyenne", "médiane", "taux", "dénominateur", "code insee", "code postal",
    "rgpd", "donnée personnelle", "anonymisation", "pseudonymisation", "interopérabilité", "api",
    "licence ouverte", "inspire", "loi notre", "secret statistique", "valeur manquante", "doublon",
]


def normaliser(texte: str) -> str:
    """Lower case, NFC, straight apostrophes, ordinary single spaces."""
    texte = unicodedata.normalize("NFC", texte).lower()
    texte = texte.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", texte).strip()


# The table of contents is read by one function, shared with the book tests.
from test_livre import pages_du_sommaire  # noqa: E402


# -- the map itself ------------------------------------------------------------------------------

@pytest.mark.parametrize("entrees, nombre", [(carte.SITUATIONS, 15), (carte.COMPETENCES, 7)],
                         ids=["situations", "competences"])
def test_la_carte_compte_toutes_les_entrees_dans_l_ordre(entrees, nombre):
    assert len(entrees) == nombre
    assert [e["numero"] for e in entrees] == list(range(1, nombre + 1))
    for e in entrees:
        assert e["intitule"].strip() and e["dans_le_cours"].strip() and e["mots_cles"], e


@pytest.mark.parametrize("entree", carte.SITUATIONS + carte.COMPETENCES,
                         ids=[f"situation-{s['numero']}" for s in carte.SITUATIONS]
                         + [f"competence-{c['numero']}" for c in carte.COMPETENCES])
def test_chaque_entree_renvoie_a_au_moins_une_page_connue(entree):
    assert entree["pages"], f"« {entree['intitule']} » ne renvoie à aucune page"
    assert len(set(entree["pages"])) == len(entree["pages"]), "page citée deux fois"
    inconnues = [p for p in entree["pages"] if p not in carte.PAGES]
    assert not inconnues, f"pages absentes de carte.PAGES : {inconnues}"


MOTS_MIN_SECTION = 80  # a section « with substance »: more than a title and a sentence


def _section(page: str, titre: str) -> tuple[int, str] | None:
    """(level, text) of the section titled ``titre`` in book/<page>.md, up to the next heading of the same
    or a higher level (its subsections included); None when the page has no such heading."""
    lignes = (LIVRE / f"{page}.md").read_text(encoding="utf-8").splitlines()
    for i, ligne in enumerate(lignes):
        titre_trouve = re.match(r"^(#{2,4}) (.+?)\s*$", ligne)
        if titre_trouve and titre_trouve.group(2) == titre:
            niveau = len(titre_trouve.group(1))
            fin = next((j for j in range(i + 1, len(lignes))
                        if (h := re.match(r"^(#{1,6}) ", lignes[j])) and len(h.group(1)) <= niveau), len(lignes))
            return niveau, "\n".join(lignes[i + 1:fin])
    return None


def mots_de_prose(texte: str) -> int:
    """Words a reader reads in a MyST extract: code cells, directive fences and options left out."""
    texte = re.sub(r"^```\{code-cell\}.*?^```\s*$", "", texte, flags=re.M | re.S)
    lignes = [l for l in texte.splitlines() if not re.match(r"^\s*(```|:::|:[\w-]+:)", l)]
    return len(re.findall(r"\w+", " ".join(lignes)))


@pytest.mark.parametrize("situation", carte.SITUATIONS + carte.COMPETENCES,
                         ids=[f"situation-{s['numero']}" for s in carte.SITUATIONS]
                         + [f"competence-{c['numero']}" for c in carte.COMPETENCES])
def test_chaque_entree_renvoie_a_des_sections_consequentes(situation):
    assert situation["cibles"], f"« {situation['intitule']} » ne renvoie à aucune section"
    assert len(set(situation["cibles"])) == len(situation["cibles"]), "section citée deux fois"
    for page, titre in situation["cibles"]:
        assert page in carte.PAGES, f"page absente de carte.PAGES : {page}"
        section = _section(page, titre)
        assert section is not None, f"book/{page}.md n'a pas de section « {titre} » (titre de niveau 2 à 4)"
        mots = mots_de_prose(section[1])
        assert mots >= MOTS_MIN_SECTION, f"book/{page}.md, « {titre} » : {mots} mots, il en faut {MOTS_MIN_SECTION}"


def test_la_mesure_des_sections_sait_dire_non():
    # a heading that does not exist, and a section made only of code and fences, are refused
    assert _section("carte", "Une section qui n'existe pas") is None
    assert mots_de_prose("```{code-cell} ipython3\nx = 1 + 2 + 3\n```\n:::{dropdown} Titre\n:::\n") == 0
    assert mots_de_prose("Un deux trois.\n```{code-cell} ipython3\nprint('quatre')\n```") == 3


@pytest.mark.parametrize("numero, page, titre", [(4, "appel-et-observatoire", "Répondre à un appel à projets"),
                                                  (12, "appel-et-observatoire", "Bâtir un observatoire"),
                                                  (9, "rgpd-au-quotidien", "Le registre : la liste des fichiers de personnes"),
                                                  (9, "gouvernance", "Les silos : quand deux services ne se comprennent pas")])
def test_les_situations_minces_renvoient_a_leur_section(numero, page, titre):
    situation = next(s for s in carte.SITUATIONS if s["numero"] == numero)
    assert (page, titre) in situation["cibles"]


def test_chaque_famille_de_situations_est_utilisee():
    familles = {s["famille"] for s in carte.SITUATIONS}
    assert familles == set(carte.FAMILLES)


@pytest.mark.parametrize("page", carte.pages_citees())
def test_chaque_page_citee_existe_et_est_au_sommaire(page):
    # Pages written by other helpers make this fail until they exist: that is the point.
    assert (LIVRE / f"{page}.md").is_file(), f"book/{page}.md n'existe pas (encore)"
    assert f"book/{page}" in pages_du_sommaire(), f"book/{page} n'est pas dans _toc.yml"


def test_le_parcours_complet_suit_l_ordre_du_sommaire():
    sommaire = [p.removeprefix("book/") for p in pages_du_sommaire()]
    presentes = [p for p in carte.PARCOURS_COMPLET if p in sommaire]
    assert presentes == sorted(presentes, key=sommaire.index)
    assert set(carte.PARCOURS_COMPLET) == set(carte.PAGES), "le parcours complet doit passer par toutes les pages"


def test_le_parcours_express_tient_en_trente_minutes():
    assert carte.duree_express() == sum(e["minutes"] for e in carte.PARCOURS_EXPRESS) <= 30
    assert carte.PARCOURS_EXPRESS[0]["page"] == "pourquoi"
    tableau = carte.tableau_parcours_express()
    assert f"**{carte.duree_express()} min**" in tableau
    assert tableau.count("{doc}`") == len(carte.PARCOURS_EXPRESS)


@pytest.mark.parametrize("fabrique, entrees", [(carte.tableau_situations, carte.SITUATIONS),
                                                (carte.tableau_competences, carte.COMPETENCES)],
                         ids=["situations", "competences"])
def test_les_tableaux_ont_une_ligne_par_entree_avec_ses_liens(fabrique, entrees):
    lignes = [l for l in fabrique().splitlines() if re.match(r"\| \d+ \|", l)]
    assert len(lignes) == len(entrees)
    for ligne, e in zip(lignes, entrees):
        assert ligne.startswith(f"| {e['numero']} | ")
        # each section named, linked to its page and to the section's anchor
        liens = re.findall(r"\[([^\]]+)\]\(([\w-]+)\.md#([^)\s]+)\)", ligne)
        assert [(p, t) for t, p, _ in liens] == e["cibles"]
        assert [a for _, _, a in liens] == [carte.ancre(t) for _, t in e["cibles"]]


def test_l_ancre_est_celle_que_myst_donne_au_titre():
    """carte.ancre mirrors MyST's heading slugs (myst_heading_anchors): same result on every target title."""
    from myst_parser.mdit_to_docutils.base import default_slugify

    titres = {t for e in carte.SITUATIONS + carte.COMPETENCES for _, t in e["cibles"]}
    titres |= {"Le parcours : « Puis-je publier ce jeu de données ? »", "Un taux, c'est une division"}
    for titre in titres:
        assert carte.ancre(titre) == default_slugify(titre), titre
    assert carte.ancre("Bâtir un observatoire") == "bâtir-un-observatoire"
    assert carte.lien_section("ouvrir", "6. Publier") == "[6. Publier](ouvrir.md#6-publier)"


def _section_par_ancre(html: str, ancre: str) -> str | None:
    """The title of the section whose id is ``ancre`` in a built page (French typography undone), or None."""
    from bs4 import BeautifulSoup

    cible = BeautifulSoup(html, "html.parser").find(id=ancre)
    if cible is None:
        return None
    titre = cible.find(re.compile(r"^h[1-6]$")) if cible.name == "section" else None
    if titre is None:
        return ""
    for lien_permanent in titre.find_all("a", class_="headerlink"):
        lien_permanent.decompose()
    return normaliser(titre.get_text(" "))


def test_chaque_lien_de_la_carte_atterrit_sur_sa_section(livre):
    """In the built book, each section named by the map is a link to ``page.html#id``, and ``id`` is the
    section of that title in that page: the reader lands on the section, not on the top of the page."""
    from bs4 import BeautifulSoup

    carte_html = BeautifulSoup((livre / "book" / "carte.html").read_text(encoding="utf-8"), "html.parser")
    liens: dict[tuple[str, str], set[str]] = {}
    for a in carte_html.select("article a.reference.internal"):
        page, _, fragment = a.get("href", "").partition("#")
        liens.setdefault((page, normaliser(a.get_text(" "))), set()).add(fragment)
    pages: dict[str, str] = {}
    for e in carte.SITUATIONS + carte.COMPETENCES:
        for page, titre in e["cibles"]:
            fragments = liens.get((f"{page}.html", normaliser(titre)))
            assert fragments, f"la carte n'a pas de lien « {titre} » vers {page}.html"
            assert "" not in fragments, f"« {titre} » : le lien mène en haut de {page}.html, pas à la section"
            html = pages.setdefault(page, (livre / "book" / f"{page}.html").read_text(encoding="utf-8"))
            for fragment in fragments:
                trouve = _section_par_ancre(html, fragment)
                assert trouve is not None, f"{page}.html n'a pas d'ancre « {fragment} » (lien « {titre} »)"
                assert trouve == normaliser(titre), f"{page}.html#{fragment} est « {trouve} », pas « {titre} »"


def test_la_verification_des_ancres_sait_dire_non():
    page = ('<section id="bon"><h2>Le bon titre<a class="headerlink" href="#bon">#</a></h2></section>'
            '<span id="seul"></span>')
    assert _section_par_ancre(page, "bon") == "le bon titre"
    assert _section_par_ancre(page, "absent") is None
    assert _section_par_ancre(page, "seul") == ""


def test_les_situations_sont_repliees_famille_par_famille_sans_en_perdre():
    texte = carte.situations_repliees()
    titres = re.findall(r"^::::\{dropdown\} (.+)$", texte, flags=re.M)
    assert titres == [f"{t} ({sum(s['famille'] == c for s in carte.SITUATIONS)} situations)"
                      for c, t in carte.FAMILLES.items()]
    numeros = [int(n) for n in re.findall(r"^\| (\d+) \|", texte, flags=re.M)]
    assert sorted(numeros) == [s["numero"] for s in carte.SITUATIONS]  # each situation once, none lost
    for cle in carte.FAMILLES:
        lignes = [l for l in carte.tableau_situations(cle).splitlines() if re.match(r"\| \d+ \|", l)]
        assert {int(l.split("|")[1]) for l in lignes} == {s["numero"] for s in carte.SITUATIONS if s["famille"] == cle}
    with pytest.raises(ValueError, match="Famille inconnue : « budget »"):
        carte.tableau_situations("budget")


def test_une_page_inconnue_est_refusee_en_francais():
    with pytest.raises(ValueError, match="Page inconnue de la carte : « budget »"):
        carte.lien("budget")
    with pytest.raises(ValueError, match="Source inconnue : atelier-fantome"):
        carte.liste_sources(["atelier-fantome"])


def test_la_page_carte_genere_ses_tableaux_depuis_le_paquet():
    source = (LIVRE / "carte.md").read_text(encoding="utf-8")
    for fonction in ("situations_repliees", "tableau_competences", "tableau_parcours_express",
                     "tableau_parcours_complet"):
        assert f"carte.{fonction}()" in source, f"book/carte.md doit afficher carte.{fonction}()"
    assert "| 1 |" not in source, "les tableaux ne doivent pas être recopiés à la main dans la page"


# -- against the field research ------------------------------------------------------------------

def dossier_graines() -> Path | None:
    for dossier in (Path("/work/shared/seeds"), RACINE.parent / "shared" / "seeds"):
        if dossier.is_dir():
            return dossier
    return None


@pytest.fixture(scope="module")
def graines() -> dict[str, str]:
    dossier = dossier_graines()
    if dossier is None:
        pytest.skip("l'enquête de terrain (../shared/seeds) n'est pas disponible ici")
    return {f.name: normaliser(f.read_text(encoding="utf-8")) for f in sorted(dossier.glob("*.txt"))}


@pytest.fixture(scope="module")
def atelier() -> dict[str, list[str]]:
    """The numbered situations and the bulleted competences of the Culture D workshop report."""
    dossier = dossier_graines()
    if dossier is None:
        pytest.skip("l'enquête de terrain (../shared/seeds) n'est pas disponible ici")
    rapports = [f for f in sorted(dossier.glob("*.txt"))
                if "situations où les données" in normaliser(f.read_text(encoding="utf-8"))]
    assert len(rapports) == 1, "le compte rendu de l'atelier Culture D doit se trouver parmi les graines"
    lignes = [normaliser(l) for l in rapports[0].read_text(encoding="utf-8").splitlines()]

    def liste_apres(annonce: str, puce: str) -> list[str]:
        # the items that follow the last line announcing the list (the report repeats its headings)
        debut = max(i for i, l in enumerate(lignes) if annonce in l) + 1
        items = []
        for ligne in lignes[debut:]:
            item = re.match(puce, ligne)
            if not item:
                if ligne and items:
                    break
                continue
            items.append(ligne[item.end():])
        return items

    return {
        "situations": liste_apres("situations où les données", r"\d{1,2}\. "),
        "competences": liste_apres("compétences « data »", r"• "),
    }


def test_le_terrain_compte_quinze_situations_et_sept_competences(atelier):
    assert len(atelier["situations"]) == 15
    assert len(atelier["competences"]) == 7


@pytest.mark.parametrize("cle, entrees", [("situations", carte.SITUATIONS), ("competences", carte.COMPETENCES)])
def test_chaque_entree_correspond_a_l_item_du_terrain_de_meme_rang(atelier, cle, entrees):
    for e, item in zip(entrees, atelier[cle], strict=True):
        manquants = [m for m in e["mots_cles"] if normaliser(m) not in item]
        assert not manquants, f"{cle} n° {e['numero']} : {manquants} absents de « {item} »"


def _ngrammes(texte: str, n: int = 6) -> set[tuple[str, ...]]:
    mots = re.findall(r"\w+", normaliser(texte))
    return {tuple(mots[i:i + n]) for i in range(len(mots) - n + 1)}


@pytest.mark.parametrize("cle, entrees", [("situations", carte.SITUATIONS), ("competences", carte.COMPETENCES)])
def test_les_intitules_sont_reformules_pas_recopies(atelier, cle, entrees):
    # No run of six words in common with the original item (a law's title alone has five).
    for e, item in zip(entrees, atelier[cle], strict=True):
        communs = _ngrammes(e["intitule"]) & _ngrammes(item)
        assert not communs, f"{cle} n° {e['numero']} recopie le terrain : {sorted(communs)}"


def test_chaque_source_citee_est_dans_les_graines(graines):
    for cle, source in carte.SOURCES_TERRAIN.items():
        repere = normaliser(source["repere"])
        assert any(repere in texte for texte in graines.values()), f"source « {cle} » introuvable"


# -- glossary ------------------------------------------------------------------------------------

def termes_du_glossaire() -> list[str]:
    texte = (LIVRE / "glossaire.md").read_text(encoding="utf-8")
    bloc = re.search(r"```\{glossary\}\n(.*?)\n```", texte, re.S)
    assert bloc, "book/glossaire.md doit contenir une directive {glossary}"
    return [normaliser(l) for l in bloc.group(1).splitlines()
            if l.strip() and not l[0].isspace() and not l.startswith(":")]


def termes_utilises() -> dict[str, set[str]]:
    """Glossary terms referenced with {term} in the book, -> the pages using them."""
    usages: dict[str, set[str]] = {}
    for page in sorted(LIVRE.glob("*.md")):
        for role in re.findall(r"\{term\}`([^`]+)`", page.read_text(encoding="utf-8")):
            cible = re.search(r"<([^>]+)>\s*$", role)
            usages.setdefault(normaliser(cible.group(1) if cible else role), set()).add(page.name)
    return usages


def test_le_glossaire_n_a_pas_de_doublon():
    termes = termes_du_glossaire()
    assert len(termes) == len(set(termes)), sorted(t for t in termes if termes.count(t) > 1)


def test_le_glossaire_explique_les_mots_du_cours():
    manquants = [t for t in TERMES_ATTENDUS if t not in termes_du_glossaire()]
    assert not manquants, f"termes à ajouter au glossaire : {manquants}"


def test_chaque_terme_lie_est_defini_dans_le_glossaire():
    definis = set(termes_du_glossaire())
    usages = termes_utilises()
    assert usages, "aucun lien {term} dans le livre"
    indefinis = {t: sorted(p) for t, p in usages.items() if t not in definis}
    assert not indefinis, f"termes liés mais absents du glossaire : {indefinis}"
