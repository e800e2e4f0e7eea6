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


@pytest.mark.parametrize("identifiant", list(FAITS))
def test_chaque_entree_est_complete(identifiant):
    f = FAITS[identifiant]
    assert f.statut in (VERIFIE, A_VERIFIER)
    assert f.intitule and f.enonce and f.source.startswith("http")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", f.verifie_le)
    if f.verifie:
        assert len(f.extrait) > 40, "une entrée vérifiée cite la phrase exacte de sa source"
    assert f.references or f.valeur, "une entrée couvre une citation ou porte un chiffre"


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
