"""book/rgpd-au-quotidien.md: each rule an élu meets is an entry of the registry of facts, with its source."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from donnees_en_main import faits

PAGE = Path(__file__).resolve().parent.parent / "book" / "rgpd-au-quotidien.md"
SOURCE = PAGE.read_text(encoding="utf-8")


def textes_de_la_page() -> list[str]:
    """The registry ids the page lists in its « Les textes cités » table (its TEXTES constant)."""
    trouve = re.search(r"^TEXTES = (\[.*?\])$", SOURCE, flags=re.M | re.S)
    assert trouve, "la page doit déclarer la liste TEXTES des entrées du registre qu'elle cite"
    return ast.literal_eval(trouve.group(1))


@pytest.mark.parametrize("article", [5, 28, 30, 33, 34, 35, 37])
def test_chaque_article_cite_par_la_page_est_au_registre_et_dans_sa_table(article):
    assert re.search(rf"article\s+{article}\b", SOURCE), f"la page ne cite pas l'article {article}"
    # an article may have several entries (one per paragraph: art. 5 minimisation, art. 5 conservation)
    entrees = [f for f in faits.FAITS.values() if f"RGPD art. {article}" in f.references]
    citees = [f for f in entrees if f.id in textes_de_la_page()]
    assert citees, f"l'article {article} du RGPD doit avoir une entrée au registre, citée dans la table de la page"
    for entree in citees:
        assert entree.source.startswith("http") and entree.verifie and len(entree.extrait) > 40, entree.id


def test_la_table_des_textes_vient_du_registre_et_dit_ce_qui_reste_a_verifier():
    identifiants = textes_de_la_page()
    table = faits.tableau(identifiants)  # an unknown id raises
    assert "faits.tableau(TEXTES)" in SOURCE
    a_verifier = [i for i in identifiants if not faits.fait(i).verifie]
    assert a_verifier == ["cnil-aipd-deux-criteres"]
    assert (table["État"] == faits.A_VERIFIER).sum() == 1
    # the page says it in words next to the rule, too
    assert "à vérifier sur le site\nde la CNIL" in SOURCE or "à vérifier sur le site de la CNIL" in SOURCE


def test_la_page_part_d_une_situation_concrete_et_dit_les_72_heures():
    assert "## La situation : l'inscription en ligne à la cantine" in SOURCE
    assert "72 heures" in faits.fait("rgpd-art33").extrait and "72 heures" in SOURCE
    for titre in ("## Le registre", "## Le prestataire : un sous-traitant sous contrat", "## L'analyse d'impact",
                  "## Combien de temps garder les données ?", "## Une fuite de données", "## Le délégué"):
        assert titre in SOURCE


def test_chaque_article_du_reglement_renvoie_au_texte_officiel():
    """The RGPD entries were read on copies of the regulation (EUR-Lex itself not found by the search tool):
    each names the official text on EUR-Lex, the link shows it, and so does the page's table."""
    entrees = [f for f in faits.FAITS.values()
               if any(r.startswith("RGPD art.") or r == "règlement 2016/679" for r in f.references)]
    assert len(entrees) >= 8
    for f in entrees:
        assert f.officiel == "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679", f.id
        assert f.source != f.officiel  # the copy actually read stays the source
        lien = faits.lien_html(f.id)
        assert f"href='{f.officiel}'>texte officiel</a>" in lien and "sur une copie du texte" in lien
    # an entry read on the official text itself says nothing of the kind
    assert "texte officiel" not in faits.lien_html("crpa-l311-9")
    assert "faits.fait(i).officiel for i in TEXTES" in SOURCE and "EUR-Lex" in SOURCE
