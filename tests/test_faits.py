"""The registry of facts (donnees_en_main/faits.py): every article, law or decree named by the book,
the workshop notebooks, the question banks, the decision path and the dataset descriptions is an
entry; checked entries carry their source sentence; figures marked as real come from the registry."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from donnees_en_main import faits
from donnees_en_main.faits import A_VERIFIER, FAITS, VERIFIE

RACINE = Path(__file__).resolve().parent.parent


def _textes():
    """(name, text) of everything a user reads that may quote a legal text or a real figure."""
    for page in sorted((RACINE / "book").glob("*.md")):
        yield f"book/{page.name}", page.read_text(encoding="utf-8")
    for carnet in sorted((RACINE / "notebooks").glob("*.ipynb")):
        cellules = json.loads(carnet.read_text(encoding="utf-8"))["cells"]
        yield f"notebooks/{carnet.name}", "\n".join("".join(c["source"]) for c in cellules)
    chapitres = RACINE / "donnees_en_main" / "chapitres"
    for banque in sorted(chapitres.glob("*/questions.py")):
        yield str(banque.relative_to(RACINE)), banque.read_text(encoding="utf-8")
    parcours = chapitres / "cadre_legal" / "__init__.py"
    yield str(parcours.relative_to(RACINE)), parcours.read_text(encoding="utf-8")
    # the catalogue's notes on each source are shown to users (« À déposer à la main : … »)
    catalogue = RACINE / "donnees_en_main" / "donnees" / "catalogue.py"
    yield str(catalogue.relative_to(RACINE)), catalogue.read_text(encoding="utf-8")
    paquet = json.loads((RACINE / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
    descriptions = [paquet.get("description", "")] + [r.get("description", "") for r in paquet["resources"]]
    yield "datasets/datapackage.json", "\n".join(descriptions)


TEXTES = dict(_textes())


def _cellules_de_code(page: Path) -> list[str]:
    """The code of the ```{code-cell}``` blocks of a MyST page, without their options."""
    cellules = re.findall(r"^```\{code-cell\}[^\n]*\n(.*?)^```$", page.read_text(encoding="utf-8"), re.M | re.S)
    propres = []
    for cellule in cellules:
        cellule = re.sub(r"\A---\n.*?\n---\n", "", cellule, flags=re.S)
        propres.append(re.sub(r"\A(?::[\w-]+:[^\n]*\n)+", "", cellule))
    return propres


@pytest.mark.parametrize("nom", list(TEXTES))
def test_chaque_texte_de_loi_cite_est_au_registre(nom):
    manquantes = faits.absentes(TEXTES[nom])
    assert not manquantes, (
        f"{nom} cite {sorted(manquantes)} sans entrée dans donnees_en_main/faits.py : ajoutez-la, avec sa "
        "source vérifiée (ou « à vérifier »).")


def test_le_repere_des_citations_les_trouve_toutes():
    texte = ("l'article L312-1-1 du CRPA, les articles L127-1 à L127-10, (CRPA, R330-2), la loi\n  n° 2018-938 "
             "du 30 octobre 2018, le décret n° 2016-1922, l'ordonnance n° 2010-1232, la directive 2007/2/CE, "
             "le règlement (UE) 2016/679")
    assert faits.references_citees(texte) == {
        "L312-1-1", "L127-1", "L127-10", "R330-2", "loi 2018-938", "décret 2016-1922", "ordonnance 2010-1232",
        "directive 2007/2/CE", "règlement 2016/679"}
    # a citation the registry does not know is reported
    assert faits.absentes("voir l'article L999-9 et la loi n° 1999-1") == {"L999-9", "loi 1999-1"}
    # not citations: a schema version, a URL path, a word
    assert faits.references_citees("schéma 2.1.5, https://x.fr/L312-1-1, Lundi, D3") == set()


def test_les_articles_du_rgpd_sont_reperes():
    """RGPD articles are citations too, however the page writes them; an article of another text is not."""
    texte = ("Le RGPD en prévoit six (article 6). Une donnée de santé est protégée (article 9).\n\n"
             "Droit d'accès (articles 15 et 20 du RGPD) ; anonymes (considérant 26 du règlement).\n\n"
             "Selon le RGPD, article 37, toute commune désigne un délégué.")
    assert faits.references_citees(texte) == {
        "RGPD art. 6", "RGPD art. 9", "RGPD art. 15", "RGPD art. 20", "RGPD considérant 26", "RGPD art. 37"}
    # an article of a law, in a paragraph that also names the RGPD, is not an RGPD article
    assert not any(r.startswith("RGPD") for r in faits.references_citees(
        "Le RGPD s'applique. Une convention est obligatoire (article 10 de la loi n° 2000-321).\n\n"
        "Article 6 de la loi pour une République numérique."))
    # an RGPD article the registry does not know is reported, like any other citation
    assert faits.absentes("Le RGPD le prévoit (article 99).") == {"RGPD art. 99"}


def test_les_articles_d_une_loi_sont_reperes():
    """« article 18 de la loi pour une République numérique » is a citation of that article, however the page
    names the law (number, usual title, date) and wherever it puts the article number."""
    formes = {
        "L'article 18 de la loi pour une République numérique a ajouté une obligation.": {"loi 2016-1321 art. 18"},
        "La {term}`loi pour une République numérique` (loi n° 2016-1321 du 7 octobre 2016, article 6) rend.":
            {"loi 2016-1321 art. 6"},
        "**La loi NOTRe** (loi n° 2015-991 du 7 août 2015) a, par son **article 106**, créé.": {"loi 2015-991 art. 106"},
        "une convention (loi n° 2000-321 du 12 avril 2000, article 10 ; décret n° 2001-495)": {"loi 2000-321 art. 10"},
        "exige une convention (article 10 de la loi\n  n° 2000-321 du 12 avril 2000)": {"loi 2000-321 art. 10"},
        "Depuis la loi n° 2022-217 du 21 février 2022 (dite « 3DS »,\narticle 169), toutes les communes":
            {"loi 2022-217 art. 169"},
        "en application de l'article 175 de la loi ÉLAN (loi n° 2018-1021)": {"loi 2018-1021 art. 175"},
        "Les articles 6 et 14 de la loi Lemaire.": {"loi 2016-1321 art. 6", "loi 2016-1321 art. 14"},
        "La loi n° 2016-1321. Elle fait de la publication la règle (« ouverture par défaut », article 6).":
            {"loi 2016-1321 art. 6"},
        # a law named by its date only: reported as such, so that the page is asked for its number
        "l'article 2 de la loi du 17 juillet 1978 dispose": {"loi du 17 juillet 1978 art. 2"},
        "l'article 2 du décret n° 2017-779 du 5 mai 2017": {"décret 2017-779 art. 2"},
    }
    for texte, attendu in formes.items():
        articles = {r for r in faits.references_citees(texte) if " art. " in r}
        assert articles == attendu, (texte, articles)
    # a citation planted in a page is reported when the registry does not know that article
    assert faits.absentes("Voir l'article 99 de la loi pour une République numérique.") == {"loi 2016-1321 art. 99"}
    assert faits.absentes("(loi n° 2000-321 du 12 avril 2000, article 11)") == {"loi 2000-321 art. 11"}
    assert faits.absentes("L'article 18 de la loi pour une République numérique.") == set()
    # not an article of a law: an article of a code or of the RGPD next to a law, a working party's name
    for texte in ("La loi n° 2016-1321 a créé l'article L312-1-3 du CRPA.",
                  "La loi n° 78-17 complète le RGPD (article 30).",
                  "la loi n° 2016-1321 ; l'article 5 du code de l'environnement",
                  "Légifrance pour les lois ; l'avis du groupe de travail « Article 29 »."):
        assert not {r for r in faits.references_citees(texte) if " art. " in r and not r.startswith("RGPD")}, texte


@pytest.mark.parametrize("identifiant", list(FAITS))
def test_chaque_entree_est_complete(identifiant):
    f = FAITS[identifiant]
    assert f.statut in (VERIFIE, A_VERIFIER)
    assert f.intitule and f.enonce and f.source.startswith("http")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", f.verifie_le)
    if f.verifie:
        assert len(f.extrait) > 40, "une entrée vérifiée cite la phrase exacte de sa source"
    assert f.references or f.valeur, "une entrée couvre une citation ou porte un chiffre"


def test_chaque_article_d_un_code_mene_au_code_sur_legifrance():
    """Every entry about an article of a code, not only those of the decision path, links to that code on
    Légifrance next to the source read (a CADA opinion, a ministry's page, a copy of the text)."""
    codes = [f for f in FAITS.values()
             if f.intitule.startswith(("CRPA", "CGCT", "CCH")) or f.intitule.lower().startswith("code ")]
    assert {"ccp-donnees-essentielles", "inspire-transposition", "inspire-communes"} <= {f.id for f in codes}
    for f in codes:
        assert f.code and f.code.startswith("https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT"), f.id
        assert f"href='{f.code}'>le code en vigueur sur Légifrance</a>" in faits.lien_html(f.id), f.id
    # each code has its own page: the entries of two different codes never share one
    par_code = {}
    for f in codes:
        par_code.setdefault(f.code, set()).add(f.intitule.split(",")[0].lower())
    assert all(len(noms) == 1 for noms in par_code.values()), par_code


def test_les_textes_du_parcours_sont_verifies():
    """The texts an élu acts on through the decision path are checked, not « à vérifier »."""
    from donnees_en_main.chapitres.cadre_legal import QUESTIONS, puis_je_publier
    import itertools

    vus = set()
    for valeurs in itertools.product([True, False], repeat=len(QUESTIONS)):
        vus |= set(puis_je_publier(dict(zip(QUESTIONS, valeurs))).faits)
    non_verifies = {i for i in vus if not faits.fait(i).verifie}
    assert not non_verifies, non_verifies


def test_identifiant_inconnu():
    with pytest.raises(faits.ErreurFait, match="n'a pas d'entrée « nimporte »"):
        faits.fait("nimporte")


def test_les_chiffres_reels_des_pages_viennent_du_registre():
    """A real figure is shown through {glue:text}`fait_<id>`; the id exists and carries a value, and the
    value is never typed in the page by hand."""
    for nom, texte in TEXTES.items():
        for identifiant in re.findall(r"\{glue:text\}`fait_([\w-]+)`", texte):
            assert identifiant in FAITS and FAITS[identifiant].valeur, (nom, identifiant)
    cantine = TEXTES["book/cantine.md"]
    for f in FAITS.values():
        if f.valeur and f.id.startswith("cantines-"):
            assert f"fait_{f.id}" in cantine
            assert f.valeur.replace("\u00a0", " ") not in cantine.replace("\u00a0", " "), f.valeur
    assert "14 % de bio" not in cantine and "exact en moyenne" not in cantine
    # the other pages that quote real figures take them from the registry too, and never type them
    for page, identifiants in {"book/moyenne-mediane.md": ("cantines-2021-nb", "cantines-2021-moyenne",
                                                           "cantines-2021-mediane", "cantines-2021-ministere"),
                               "book/elections.md": ("participation-presidentielle-2022-t1",
                                                     "participation-legislatives-2024-t1"),
                               "book/energie.md": ("sdes-secret-energie",), "book/qualite.md": ("sdes-secret-energie",)}.items():
        texte = TEXTES[page].replace("\u00a0", " ")
        assert "faits.coller()" in texte, page
        for identifiant in identifiants:
            assert f"fait_{identifiant}" in texte, (page, identifiant)
            assert FAITS[identifiant].valeur.replace("\u00a0", " ") not in texte, (page, identifiant)
    # the question bank on the national canteen figures reads them from the registry
    from donnees_en_main.chapitres.moyenne_mediane import questions as mm

    assert FAITS["cantines-2021-mediane"].valeur.replace("\u00a0", " ") in mm.ma_cantine.reponse
    banque = TEXTES["donnees_en_main/chapitres/moyenne_mediane/questions.py"]
    assert "14,3" not in banque and "9,9" not in banque and "3 089" not in banque


# A sentence that gives a real figure names where it comes from: a ministry, the SDES, the Insee, « ma
# cantine », the Conseil constitutionnel, « national »… Such a figure must come from the registry (a
# {glue:text}`fait_<id>` role in a page, a registry value in a question bank), never be typed by hand.
_SOURCE_REELLE = re.compile(r"minist[eè]re|\bSDES\b|\bInsee\b|ma cantine|Conseil constitutionnel|\bADEME\b|"
                            r"Météo-France|(?:moyenne|chiffre|participation|taux|part|niveau|échelle)s? "
                            r"nationale?s?\b|en France|tout le pays|télédéclar", re.IGNORECASE)
_CHIFFRE_TAPE = re.compile(r"(?<![\w{.-])\d[\d\u00a0\u202f ]*(?:[,.]\d+)?\s?(?:%|€|pour cent)")


def chiffres_reels_tapes(texte: str) -> list[str]:
    """Sentences of `texte` that give a figure typed by hand next to a real-world source."""
    texte = re.sub(r"```\{code-cell\}.*?```", "", texte, flags=re.S)  # computed by the page's code
    texte = re.sub(r"«[^»]{0,30}»", "", texte)  # a short quoted format example (« 43,52% »)
    trouvees = []
    for phrase in re.split(r"(?<=[.!?])\s+|\n\s*\n", texte):
        if _SOURCE_REELLE.search(phrase) and _CHIFFRE_TAPE.search(phrase):
            trouvees.append(re.sub(r"\s+", " ", phrase).strip())
    return trouvees


def test_le_repere_des_chiffres_reels_tapes_a_la_main():
    assert chiffres_reels_tapes("Selon le ministère de l'Intérieur, la participation a été de 73,7 %.")
    assert chiffres_reels_tapes("La moyenne nationale était de 14 % de bio.")
    assert not chiffres_reels_tapes("Selon le ministère, elle a été de {glue:text}`fait_participation-2022`.")
    assert not chiffres_reels_tapes("Notre commune fictive fait 14 % de bio.")  # no real-world source named
    assert not chiffres_reels_tapes("Le ministère publie les pourcentages écrits « 43,52% ».")


@pytest.mark.parametrize("nom", list(TEXTES))
def test_chaque_chiffre_reel_vient_du_registre(nom):
    tapes = chiffres_reels_tapes(TEXTES[nom])
    assert not tapes, (
        f"{nom} donne un chiffre réel tapé à la main : {tapes}. Ajoutez-le au registre "
        "(donnees_en_main/faits.py, avec sa source) et affichez-le avec {glue:text}`fait_<id>`.")


def test_chaque_encadre_ils_l_ont_fait_repose_sur_une_entree_verifiee():
    """« Ils l'ont fait » boxes tell a real collectivité's experience: each links to the source of a checked
    registry entry, so that what the box says was read in that source, never invented."""
    sources = {f.source: f for f in FAITS.values()}
    encadres = 0
    for nom, texte in TEXTES.items():
        if not nom.startswith("book/"):
            continue
        for encadre in re.findall(r"```\{dropdown\} Ils l'ont fait.*?\n```", texte, flags=re.S):
            encadres += 1
            liens = re.findall(r"\]\((https?://[^)\s]+)\)", encadre)
            assert liens, (nom, encadre[:80])
            for lien in liens:
                assert lien in sources and sources[lien].verifie, (nom, lien)
    assert encadres >= 3


def test_le_livre_montre_les_entrees_a_verifier():
    """Entries that could not be checked are listed in the book with the words « à vérifier »."""
    table = faits.tableau()
    assert len(table) == len(FAITS)
    assert (table["État"] == A_VERIFIER).sum() == sum(not f.verifie for f in FAITS.values())
    page = TEXTES["book/cadre-legal.md"]
    assert "faits.tableau()" in page


def test_la_page_cantine_calcule_ses_trois_chiffres_sur_les_donnees(monkeypatch, tmp_path):
    """The canteen page shows the mean of the shares, the median and the share of the whole, computed
    from the course's data (not typed in): run its code cells and compare with a direct computation."""
    import matplotlib

    matplotlib.use("Agg")
    import myst_nb

    from donnees_en_main.affichage.graphiques import pourcent_fr
    from donnees_en_main.donnees import charger

    colles = {}
    monkeypatch.setattr(myst_nb, "glue", lambda nom, valeur, display=True: colles.__setitem__(nom, valeur))
    monkeypatch.chdir(tmp_path)
    espace: dict = {}
    for code in _cellules_de_code(RACINE / "book" / "cantine.md"):
        exec(compile(code, "cantine.md", "exec"), espace)

    achats = charger("achats-cantines")
    parts = achats["achats_bio_ht"] / achats["achats_totaux_ht"] * 100
    ensemble = achats["achats_bio_ht"].sum() / achats["achats_totaux_ht"].sum() * 100
    assert colles["moyenne_bio"] == pourcent_fr(parts.mean())
    assert colles["mediane_bio"] == pourcent_fr(parts.median())
    assert colles["ensemble_bio"] == pourcent_fr(ensemble)
    # the lesson holds on the course's data: three different figures
    assert len({colles["moyenne_bio"], colles["mediane_bio"], colles["ensemble_bio"]}) == 3
    # the national figures come from the registry, marked when unchecked
    assert colles["fait_cantines-2021-moyenne"].startswith(FAITS["cantines-2021-moyenne"].valeur)
    if not FAITS["cantines-2021-moyenne"].verifie:
        assert colles["fait_cantines-2021-moyenne"].endswith("(à vérifier)")


FICHIER_MA_CANTINE_2021 = RACINE.parent / "shared" / "fichiers-reels" / "cantine" / "campagne_td_2021.csv"


@pytest.mark.skipif(not FICHIER_MA_CANTINE_2021.exists(),
                    reason="le fichier réel « ma cantine » 2021 (../shared/fichiers-reels) est absent de cette copie")
def test_les_chiffres_nationaux_verifies_se_recalculent_sur_le_fichier_publie():
    """The registry's real canteen figures marked as checked are recomputed from the producer's file."""
    import pandas as pd

    from donnees_en_main.affichage.graphiques import pourcent_fr

    lignes = pd.read_csv(FICHIER_MA_CANTINE_2021, dtype=str)
    parts = pd.to_numeric(lignes["teledeclaration_ratio_bio"], errors="raise") * 100
    assert FAITS["cantines-2021-nb"].valeur == f"{len(lignes):,}".replace(",", "\u00a0")
    assert FAITS["cantines-2021-moyenne"].valeur == pourcent_fr(parts.mean())
    assert FAITS["cantines-2021-mediane"].valeur == pourcent_fr(parts.median())
    assert all(FAITS[i].verifie for i in ("cantines-2021-nb", "cantines-2021-moyenne", "cantines-2021-mediane"))


def test_ce_qui_est_tranche_et_ce_qui_ne_l_est_pas():
    """The points left « à vérifier » by the legal review: each is settled from a source text (and the page
    stops doubting it), or stays « à vérifier » with what is not settled said in the entry and on the page."""
    # CCH L174-1: the number read on a page that names it, next to the text in force
    l174 = FAITS["cch-l174-1"]
    assert l174.verifie and "L. 174-1" in l174.extrait and "40 % en 2030" in l174.extrait
    energie = TEXTES["book/energie.md"]
    assert "L174-1" in energie and "numéro à" not in energie
    # the three points not settled say what is missing, in the registry and on their page
    non_tranches = {"referent-donnees": ("book/ouvrir.md", "(à vérifier"),
                    "cnil-aipd-deux-criteres": ("book/rgpd-au-quotidien.md", "à vérifier sur le site de la CNIL"),
                    "cgct-l2313-1-en-ligne": ("book/cadre-legal.md", "**Point non tranché**")}
    for identifiant, (page, mention) in non_tranches.items():
        f = FAITS[identifiant]
        assert not f.verifie, identifiant
        assert re.search(r"[Rr]este à vérifier|Non tranché", f.enonce), identifiant
        assert mention in TEXTES[page], (identifiant, page)
    # the budget: what is settled stays checked (the decision path cites it), the threshold does not
    assert FAITS["cgct-l2313-1"].verifie and "Dans toutes les communes" in FAITS["cgct-l2313-1"].extrait
    assert "R2313-8" in FAITS["cgct-l2313-1-en-ligne"].references
    # the designation that is an obligation, quoted from the article itself
    assert "réutilisation des informations publiques" in FAITS["crpa-r330-2"].extrait
