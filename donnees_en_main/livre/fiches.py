"""« L'essentiel » to print: one A4 page in PDF per élu chapter, linked from the page's box.

An élu who wants the chapter's key points on paper (for a council meeting, a folder) gets a one-page
sheet: the chapter's title, its « L'essentiel » box (same points, same bold words), the page's web
address and the date. One source: the sheet is read from the *built* page (its
``.admonition.essentiel`` box, French typography already applied), never typed twice.

- ``lire_fiche``: the box of a built page (HTML) as a ``Fiche``;
- ``dessiner``: the PDF of a ``Fiche`` (fpdf2, pure Python; DejaVu Sans, the Unicode font shipped
  with matplotlib: accents, « », €, narrow no-break spaces). The text is set as large as fits on one
  page; a box that does not fit even in small type raises ``FicheTropLongue`` (French message);
- ``ecrire_fiches``: every élu chapter's sheet into ``<site>/fiches/essentiel-<nom>.pdf``; run by the
  book's build (``sphinx_fr``, at the end of an HTML build: a problem is a Sphinx warning, so an
  error under ``-W``) and again by ``publier`` with the public address (``--adresse``), which the
  build does not know unless ``html_baseurl`` is set; without it the sheet names the chapter and
  tells the élu to ask the trainer for the link (``ligne_adresse``);
- ``lien_imprimer``: the link « Imprimer l'essentiel (PDF, 1 page) », one short line at the bottom
  of the box (``livre.css``: no margin added, the phone page stays as long).
"""

from __future__ import annotations

import datetime
import html as html_module
import re
from dataclasses import dataclass, field
from pathlib import Path

from donnees_en_main.faits import date_francaise

DOSSIER = "fiches"
LIEN_TEXTE = "Imprimer l’essentiel (PDF, 1 page)"
CLASSE_LIEN = "essentiel-imprimer"
LIVRE = "Données en main"
#: Printed when the public address is unknown (a local build, ``publier`` without ``--adresse``).
SANS_ADRESSE = "Version en ligne : demandez le lien à votre formatrice ou formateur."
# (title, body) font sizes in points, tried from the largest: the first that fits on one page wins.
TAILLES = ((22, 15), (20, 14), (18, 13), (17, 12), (16, 11), (15, 10))
MARGE_MM = 18


class FicheTropLongue(ValueError):
    """A « L'essentiel » box that cannot make a one-page sheet: too long for one A4 page even in
    small type, or without any point (French message)."""


@dataclass(frozen=True)
class Fiche:
    """A chapter's « L'essentiel » box, as read from its built page."""

    page: str  # "book/energie": the page's path in the site, without .html
    titre: str  # the chapter's title (the page's h1)
    titre_encadre: str  # "L’essentiel"
    # each point: runs of (text, bold, italic), in reading order
    points: list[list[tuple[str, bool, bool]]] = field(default_factory=list)

    @property
    def textes(self) -> list[str]:
        """Each point as plain text (what a reader reads, without the bold)."""
        return ["".join(t for t, _, _ in morceaux) for morceaux in self.points]


def nom_du_pdf(page: str) -> str:
    """``book/energie`` -> ``fiches/essentiel-energie.pdf`` (path in the site)."""
    return f"{DOSSIER}/essentiel-{page.rsplit('/', 1)[-1]}.pdf"


def lien_imprimer(page: str) -> str:
    """The HTML of the link to the page's sheet, relative to the page ``page`` (``book/energie``)."""
    href = "../" * page.count("/") + nom_du_pdf(page)
    return (f'<p class="{CLASSE_LIEN}"><a class="reference download" href="{html_module.escape(href)}" '
            f'type="application/pdf">{LIEN_TEXTE}</a></p>')


# the box's classes in any order (docutils writes « tip essentiel admonition »)
_BOITE = re.compile(r'<div class="(?=[^"]*\badmonition\b)(?=[^"]*\bessentiel\b)[^"]*">')


def ajouter_lien(body: str, page: str) -> str:
    """``body`` (a page's HTML body) with the print link as the last line of its « L'essentiel » box
    (an admonition: no nested ``<div>``); unchanged when the page has no such box."""
    boite = _BOITE.search(body)
    if not boite or CLASSE_LIEN in body:
        return body
    fin = body.find("</div>", boite.end())
    if fin < 0:
        return body
    return body[:fin] + lien_imprimer(page) + "\n" + body[fin:]


def _espaces(texte: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", texte)


def _morceaux(element, gras: bool = False, italique: bool = False) -> list[tuple[str, bool, bool]]:
    from bs4 import NavigableString, Tag

    resultat: list[tuple[str, bool, bool]] = []
    for enfant in element.children:
        if isinstance(enfant, NavigableString):
            if type(enfant) is NavigableString:  # not a comment
                resultat.append((_espaces(str(enfant)), gras, italique))
        elif isinstance(enfant, Tag):
            if "headerlink" in (enfant.get("class") or []) or enfant.name in ("script", "style"):
                continue
            resultat += _morceaux(enfant, gras or enfant.name in ("strong", "b"), italique or enfant.name in ("em", "i"))
    return resultat


def _nettoyer(morceaux: list[tuple[str, bool, bool]]) -> list[tuple[str, bool, bool]]:
    """Consecutive runs of the same style merged; the point's outer spaces removed."""
    fusion: list[tuple[str, bool, bool]] = []
    for texte, gras, italique in morceaux:
        if fusion and fusion[-1][1:] == (gras, italique):
            fusion[-1] = (fusion[-1][0] + texte, gras, italique)
        elif texte:
            fusion.append((texte, gras, italique))
    if fusion:
        fusion[0] = (fusion[0][0].lstrip(), *fusion[0][1:])
        fusion[-1] = (fusion[-1][0].rstrip(), *fusion[-1][1:])
    return [m for m in fusion if m[0]]


def lire_fiche(page_html: str, page: str) -> Fiche | None:
    """The « L'essentiel » box of a built page (its whole HTML), or None when it has none."""
    from bs4 import BeautifulSoup

    soupe = BeautifulSoup(page_html, "html.parser")
    article = soupe.select_one("article") or soupe
    boite = article.select_one(".admonition.essentiel")
    if boite is None:
        return None
    h1 = article.find("h1")
    titre = _espaces("".join(t for t, _, _ in _morceaux(h1))).strip() if h1 else page
    en_tete = boite.select_one(".admonition-title")
    titre_encadre = _espaces(en_tete.get_text()).strip() if en_tete else "L’essentiel"
    points = [_nettoyer(_morceaux(li)) for li in boite.select("li")]
    return Fiche(page, titre, titre_encadre, [p for p in points if p])




POLICES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf",
           "BI": "DejaVuSans-BoldOblique.ttf"}


def police() -> dict[str, Path]:
    """DejaVu Sans by style (fpdf2's "", "B", "I", "BI"), shipped with matplotlib: every French
    character, « », € and narrow no-break spaces included."""
    import matplotlib

    dossier = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return {style: dossier / nom for style, nom in POLICES.items()}


def _markdown(morceaux: list[tuple[str, bool, bool]]) -> str:
    """Runs as fpdf2's markdown (``**bold**``, ``__italic__``), the markers in the text escaped."""
    from fpdf import FPDF

    sortie = []
    for texte, gras, italique in morceaux:
        texte = texte.replace(FPDF.MARKDOWN_ESCAPE_CHARACTER, FPDF.MARKDOWN_ESCAPE_CHARACTER * 2)
        for marque in FPDF.MARKDOWN_MARKERS:
            texte = texte.replace(marque, FPDF.MARKDOWN_ESCAPE_CHARACTER + marque)
        if italique:
            texte = f"{FPDF.MARKDOWN_ITALICS_MARKER}{texte}{FPDF.MARKDOWN_ITALICS_MARKER}"
        if gras:
            texte = f"{FPDF.MARKDOWN_BOLD_MARKER}{texte}{FPDF.MARKDOWN_BOLD_MARKER}"
        sortie.append(texte)
    return "".join(sortie)


def _document(fiche: Fiche, adresse: str | None, date: datetime.date, titre_pt: int, texte_pt: int):
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    from donnees_en_main.typographie import typographie

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(MARGE_MM, MARGE_MM, MARGE_MM)
    pdf.set_auto_page_break(auto=True, margin=MARGE_MM)
    pdf.set_lang("fr")
    pdf.set_title(f"{fiche.titre_encadre} — {fiche.titre}")
    pdf.set_author(LIVRE)
    pdf.set_creator(LIVRE)
    pdf.set_creation_date(datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.timezone.utc))
    for style, fichier in police().items():
        pdf.add_font("DejaVu", style, str(fichier))
    pdf.add_page()
    largeur = pdf.epw
    suite = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT, "align": "L"}  # ragged right: easier to read

    pdf.set_text_color(90, 90, 90)
    pdf.set_font("DejaVu", "", 10)
    pdf.cell(largeur, 6, f"{LIVRE} · fiche à imprimer", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "B", titre_pt)
    pdf.multi_cell(largeur, titre_pt * 0.5, fiche.titre, **suite)
    pdf.ln(5)

    # the box: a coloured title band, then the points, as on the page
    pdf.set_fill_color(225, 240, 232)
    pdf.set_font("DejaVu", "B", texte_pt + 1)
    pdf.cell(largeur, (texte_pt + 1) * 0.6, " " + fiche.titre_encadre, fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.set_font("DejaVu", "", texte_pt)
    hauteur = texte_pt * 0.5
    retrait = texte_pt * 0.55
    for morceaux in fiche.points:
        y = pdf.get_y()
        pdf.set_x(MARGE_MM + 2)
        pdf.cell(retrait, hauteur, "•")
        pdf.set_xy(MARGE_MM + 2 + retrait, y)
        pdf.multi_cell(largeur - 2 - retrait, hauteur, _markdown(morceaux), markdown=True, **suite)
        pdf.ln(hauteur * 0.6)

    pdf.ln(4)
    pdf.set_draw_color(180, 180, 180)
    pdf.line(MARGE_MM, pdf.get_y(), MARGE_MM + largeur, pdf.get_y())
    pdf.ln(3)
    pdf.set_font("DejaVu", "", 10)
    pdf.set_text_color(60, 60, 60)
    pdf.multi_cell(largeur, 5, typographie(ligne_adresse(fiche, adresse)), **suite)
    pdf.multi_cell(largeur, 5, f"Fiche à jour au {date_francaise(date)}.", **suite)
    return pdf


def dessiner(fiche: Fiche, adresse: str | None, date: datetime.date | None = None) -> bytes:
    """The sheet of ``fiche`` as PDF bytes: one A4 page, the text as large as fits; ``adresse`` is the
    page's public address (None when unknown: see ``ligne_adresse``)."""
    date = date or datetime.date.today()
    if not fiche.points:
        raise FicheTropLongue(f"L’encadré « {fiche.titre_encadre} » de la page {fiche.page} n’a aucun point : "
                              "pas de fiche à imprimer. Écrivez ses 3 à 5 points sous forme de liste.")
    for titre_pt, texte_pt in TAILLES:
        pdf = _document(fiche, adresse, date, titre_pt, texte_pt)
        if pdf.page_no() == 1:
            return bytes(pdf.output())
    mots = sum(len(t.split()) for t in fiche.textes)
    raise FicheTropLongue(
        f"L’encadré « {fiche.titre_encadre} » de la page {fiche.page} ne tient pas sur une page A4, même en "
        f"petits caractères ({len(fiche.points)} points, {mots} mots) : sa fiche à imprimer n’a pas été écrite. "
        "Raccourcissez l’encadré (3 à 5 points d’une ou deux lignes chacun).")


def adresse_de(page: str, adresse_site: str | None) -> str | None:
    """The page's web address (``https://…/book/energie.html``), or None when the site's public
    address is not known (no ``publier --adresse``, no ``html_baseurl``)."""
    if adresse_site:
        return f"{adresse_site.rstrip('/')}/{page}.html"
    return None


def ligne_adresse(fiche: Fiche, adresse: str | None) -> str:
    """Where the élu finds the whole chapter: its web address, or (unknown address) its title and
    whom to ask for the link — never a file path an élu cannot use on paper."""
    if adresse:
        return f"Le chapitre complet, avec ses exemples : {adresse}"
    return (f"Le chapitre complet, avec ses exemples : « {fiche.titre} », dans le livre {LIVRE}. "
            f"{SANS_ADRESSE}")


def pages_elus() -> list[str]:
    from donnees_en_main.chapitres import CHAPITRES, ELUS

    return [f"book/{c.nom}" for c in CHAPITRES if c.public == ELUS]


def ecrire_fiches(site: Path, adresse_site: str | None = None, date: datetime.date | None = None,
                  pages: list[str] | None = None) -> tuple[list[Path], list[str]]:
    """Write the sheet of every élu page of the built ``site`` (``_build/html`` or a publication).

    Returns (the PDFs written, the problems in French: a box too long for one page).
    """
    ecrits: list[Path] = []
    problemes: list[str] = []
    for page in pages if pages is not None else pages_elus():
        source = site / f"{page}.html"
        if not source.is_file():
            continue  # a page not built (a partial build)
        fiche = lire_fiche(source.read_text(encoding="utf-8"), page)
        if fiche is None:
            continue  # no box, no print link either (tests/test_telephone.py asks every élu page for one)
        try:
            contenu = dessiner(fiche, adresse_de(page, adresse_site), date)
        except FicheTropLongue as erreur:
            problemes.append(str(erreur))
            continue
        cible = site / nom_du_pdf(page)
        cible.parent.mkdir(parents=True, exist_ok=True)
        cible.write_bytes(contenu)
        ecrits.append(cible)
    return ecrits, problemes
