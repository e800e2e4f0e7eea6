"""The registry of facts: every legal reference and real-world figure quoted by the course.

One entry per text (an article, a law, a decree) or per real figure: what the course states, the
source page that was checked, the date of the check, and the exact sentence of that source the
statement rests on. Entries that could not be checked against a source are marked « à vérifier »:
the book shows that mark next to them (``tableau``), and ``tests/test_faits.py`` fails when a page,
a notebook, a question bank or a dataset description names an article, a law or a decree that is
not in this registry.

    from donnees_en_main import faits
    faits.fait("crpa-l311-9").intitule      # "CRPA, article L311-9"
    faits.references_citees(texte)          # {"L311-9", "loi 2016-1321", ...}
    faits.absentes(texte)                   # references of `texte` that no entry covers
    faits.coller()                          # glue every figure as fait_<id> for MyST pages

Sources were read with the project's search tool (stored copies of Légifrance mirrors, CADA
opinions, ministries' pages, press); the date is the day of that reading. A source quoting the
text verbatim (a CADA opinion, a ministry's guide) counts as checked; a paraphrase does not. When the
sentence was read on a copy of the text (the RGPD: EUR-Lex itself was not found), ``officiel`` names the
official text and ``lien_html`` links both.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

__all__ = ["VERIFIE", "A_VERIFIER", "Fait", "FAITS", "fait", "references_citees", "absentes",
           "tableau", "lien_html", "coller", "ErreurFait"]

VERIFIE = "vérifié"
A_VERIFIER = "à vérifier"
_CONTROLE = "2026-12-03"  # day the sources below were read


class ErreurFait(KeyError):
    """An unknown fact id."""


@dataclass(frozen=True)
class Fait:
    """One entry: ``intitule`` (how pages name it), ``enonce`` (what the course states), ``source``
    (URL of the page checked), ``extrait`` (its exact sentence), ``verifie_le`` (ISO date),
    ``statut`` (VERIFIE or A_VERIFIER), ``references`` (the normalised citations it covers, see
    ``references_citees``), ``valeur`` (for a figure: as printed in the book), ``officiel`` (when
    ``source`` is a copy of the text, the address of the official text itself, shown next to it)."""

    id: str
    intitule: str
    enonce: str
    source: str
    extrait: str
    statut: str = VERIFIE
    references: tuple[str, ...] = ()
    valeur: str | None = None
    verifie_le: str = _CONTROLE
    officiel: str | None = None

    @property
    def code(self) -> str | None:
        """The address of the text itself on Légifrance or EUR-Lex, when the source read is another page:
        the code the entry's articles belong to (CRPA, CGCT, code de l'urbanisme, de l'environnement…) or the law, decree or
        directive, so that a reader can always reach the text in force from the source that was read."""
        if self.id in _TEXTES_EN_LIGNE:
            return _TEXTES_EN_LIGNE[self.id]
        for prefixe, adresse in _CODES_SUR_LEGIFRANCE.items():
            if self.intitule.startswith(prefixe):
                return adresse
        return None

    @property
    def verifie(self) -> bool:
        return self.statut == VERIFIE

    def mention(self) -> str:
        """« CRPA, article L311-9 (source vérifiée le 3 décembre 2026) » or « … (à vérifier) »."""
        return f"{self.intitule} ({_etat(self)})"


def _etat(f: Fait) -> str:
    if not f.verifie:
        return A_VERIFIER
    return f"source vérifiée le {date_francaise(datetime.date.fromisoformat(f.verifie_le))}"


def date_francaise(jour: datetime.date) -> str:
    """« 5 décembre 2026 »."""
    return f"{jour.day} {_MOIS[jour.month - 1]} {jour.year}"


_MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
         "octobre", "novembre", "décembre"]

_LEGIFRANCE = "https://www.legifrance.gouv.fr"
# The codes' pages on Légifrance (identifiers read in Légifrance addresses found by the search tool on
# 2026-12-05: LEGITEXT000031366350 is the CRPA, LEGITEXT000006070633 the CGCT; the others were read the same
# day in lists of Légifrance code addresses kept in public repositories, each named next to its identifier).
_CODES_SUR_LEGIFRANCE = {
    "CRPA": f"{_LEGIFRANCE}/codes/texte_lc/LEGITEXT000031366350/",
    "CGCT": f"{_LEGIFRANCE}/codes/texte_lc/LEGITEXT000006070633/",
    "code de l'urbanisme": f"{_LEGIFRANCE}/codes/texte_lc/LEGITEXT000006074075/",
    "code de la commande publique": f"{_LEGIFRANCE}/codes/texte_lc/LEGITEXT000037701019/",
    "code de l'environnement": f"{_LEGIFRANCE}/codes/texte_lc/LEGITEXT000006074220/",
    "code rural et de la pêche maritime": f"{_LEGIFRANCE}/codes/texte_lc/LEGITEXT000022197698/",
    "code électoral": f"{_LEGIFRANCE}/codes/texte_lc/LEGITEXT000006070239/",
    "CCH": f"{_LEGIFRANCE}/codes/texte_lc/LEGITEXT000006074096/",
    # read on 2026-12-06 in a Légifrance address of the code du patrimoine found by the search tool
    # (circulaire.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006074236/…)
    "code du patrimoine": f"{_LEGIFRANCE}/codes/texte_lc/LEGITEXT000006074236/",
}
# Texts whose own page was found (JORF identifier, or the NOR printed in the Journal officiel, for the
# ELI address; the directive's ELI on EUR-Lex).
_TEXTES_EN_LIGNE = {
    "loi-2016-1321": f"{_LEGIFRANCE}/eli/loi/2016/10/7/ECFI1524250L/jo/texte",
    "loi-2016-1321-art18": f"{_LEGIFRANCE}/eli/loi/2016/10/7/ECFI1524250L/jo/texte",
    "decret-2017-638": f"{_LEGIFRANCE}/jorf/id/JORFTEXT000034502557",
    "decret-2017-779": f"{_LEGIFRANCE}/jorf/id/JORFTEXT000034600552",
    "decret-2018-1117": f"{_LEGIFRANCE}/eli/decret/2018/12/10/2018-1117/jo/texte",
    "inspire-directive": "https://eur-lex.europa.eu/eli/dir/2007/2/oj",
}
# The producer's open-data export of the 2021 campaign (also published on data.gouv.fr); a copy of
# these bytes is in ../shared/fichiers-reels/cantine/ and tests/test_faits.py recomputes the figures.
_MA_CANTINE_2021 = "https://github.com/betagouv/ma-cantine/blob/04dddca9/opendata/campagne_td_2021.csv"
# The ministry of Agriculture's regional directorate summarising the 2023 report to Parliament (2021 purchases).
_DRAAF_EGALIM_2023 = "https://draaf.bourgogne-franche-comte.agriculture.gouv.fr/nouveau-rapport-egalim-2023-a2994.html"
# The official text of the RGPD. On 2026-12-05 the search tool found no stored page of EUR-Lex itself for
# this regulation (only other EUR-Lex documents), so each RGPD entry keeps the copy whose sentence was
# read (gdprinfo.eu, prp.openum.ca, privacy-gdpr.eu, audit-dpo.com, lexagone.fr, lobbyplag.eu), and
# names EUR-Lex as ``officiel``: the book links both, and says the sentence was read on a copy.
_EUR_LEX_RGPD = "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679"

_ENTREES = (
    # --- Access to documents and open data: CRPA ---------------------------------------------
    Fait("crpa-l300-4", "CRPA, article L300-4",
         "Les documents mis à disposition sous forme électronique le sont dans un standard ouvert, "
         "aisément réutilisable et exploitable par un système de traitement automatisé.",
         "https://next.ink/12509/101397-on-vous-explique-volet-open-data-loi-lemaire/",
         "l’administration […] sera dorénavant tenue, lorsqu’elle communique un document administratif "
         "au format électronique, de le mettre à disposition du citoyen « dans un standard ouvert, "
         "aisément réutilisable et exploitable par un système de traitement automatisé » (le numéro "
         "L300-4 est donné par https://forum.madada.fr/t/modification-du-modele-de-saisine/850/10 : "
         "« comme le prévoit l’article L300-4 du Code des relations entre le public et "
         "l’administration »)", VERIFIE, ("L300-4",)),
    Fait("crpa-l311-1", "CRPA, article L311-1",
         "Les administrations publient en ligne ou communiquent leurs documents administratifs à qui "
         "les demande, sous réserve des secrets des articles L311-5 et L311-6.",
         "https://cada.data.gouv.fr/20192116/",
         "L’article L311-1 du code des relations entre le public et l’administration dispose : « Sous "
         "réserve des dispositions des articles L311-5 et L311-6, les administrations (…) sont tenues de "
         "publier en ligne ou de communiquer les documents administratifs qu’elle détiennent aux "
         "personnes qui en font le demande ».", VERIFIE, ("L311-1",)),
    Fait("crpa-l311-2", "CRPA, article L311-2",
         "Le droit d'accès ne porte que sur des documents achevés ; un document préparatoire ne devient "
         "communicable qu'une fois la décision prise.",
         "https://cada.data.gouv.fr/20237361",
         "« Le droit à communication ne s'applique qu'à des documents achevés. Il ne concerne pas les "
         "documents préparatoires à une décision administrative tant qu'elle est en cours "
         "d'élaboration ».", VERIFIE, ("L311-2",)),
    Fait("crpa-l311-3-1", "CRPA, article L311-3-1",
         "Une décision individuelle prise sur le fondement d'un traitement algorithmique comporte une "
         "mention explicite qui en informe l'intéressé, qui peut en demander les règles.",
         "https://www.developpez.com/actu/123894/Open-Data-les-personnes-faisant-l-objet-de-decisions-prises-sur-le-fondement-d-un-traitement-algorithmique-pourront-obtenir-des-informations/",
         "« Sous réserve de l'application du 2° de l'article L. 311-5, une décision individuelle prise "
         "sur le fondement d'un traitement algorithmique comporte une mention explicite en informant "
         "l'intéressé. »", VERIFIE, ("L311-3-1",)),
    Fait("crpa-l311-2-demandes", "CRPA, article L311-2 (documents déjà diffusés, demandes abusives)",
         "Le droit à communication ne s'exerce plus sur un document qui fait l'objet d'une diffusion publique ; "
         "l'administration n'est pas tenue de donner suite aux demandes abusives (par leur nombre, leur "
         "caractère répétitif ou systématique, ou faites pour perturber le service), mais une demande qui "
         "porte sur beaucoup de documents n'est pas abusive pour autant.",
         "https://cada.data.gouv.fr/20226045",
         "la commission rappelle qu’aux termes du dernier alinéa de l’article L311-2 du code des relations "
         "entre le public et l’administration : « L’administration n’est pas tenue de donner suite aux demandes "
         "abusives, en particulier par leur nombre ou leur caractère répétitif ou systématique ». […] Toute "
         "demande portant sur une quantité importante de documents ou le fait pour une même personne "
         "d’adresser soit plusieurs demandes à une même autorité soit des demandes multiples formulées à "
         "l’identique à plusieurs autorités, ne sont pas nécessairement assimilables à des demandes abusives. "
         "Une demande peut être regardée comme abusive, au sens de ces dispositions, lorsqu'elle a pour objet "
         "de perturber le bon fonctionnement de l’administration sollicitée. (Et, conseil de la CADA "
         "https://cada.data.gouv.fr/20212413/ : « en application du quatrième alinéa de l'article L311-2 du "
         "code des relations entre le public et l’administration, le droit à communication des documents "
         "administratifs ne s'exerce plus lorsque les documents font l'objet d'une diffusion publique ».)",
         VERIFIE, ("L311-2",), verifie_le="2026-12-06"),
    Fait("crpa-l311-4", "CRPA, article L311-4",
         "Les documents administratifs sont communiqués ou publiés sous réserve des droits d'auteur : une "
         "étude, des photographies ou des plans dont un tiers est l'auteur se communiquent à qui les demande, "
         "mais leur diffusion au public demande les droits de l'auteur.",
         "https://cada.data.gouv.fr/20195336",
         "la commission souligne toutefois que l’article L311-4 du même code dispose que : « Les documents "
         "administratifs sont communiqués ou publiés sous réserve des droits de propriété littéraire et "
         "artistique ». (Et, conseil de la CADA http://cada.data.gouv.fr/20061641/ sur une étude de faisabilité "
         "réalisée par un prestataire privé pour une commune : cette réserve « n'a ni pour objet, ni pour "
         "effet d'empêcher ou de restreindre cette communication. Elle se borne, en rappelant les règles posées "
         "par le code de la propriété intellectuelle qui autorise l'usage privé d'une oeuvre de l'esprit mais "
         "réprime l'utilisation collective qui pourrait en être faite […], à limiter l'usage ultérieur que le "
         "demandeur, après communication, voudrait […] ».)",
         VERIFIE, ("L311-4",), verifie_le="2026-12-06"),
    Fait("decret-2017-330", "décret n° 2017-330 du 14 mars 2017",
         "Il précise le contenu de la mention « algorithme » et ce que l'administration communique à la "
         "personne qui le demande.",
         "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000034194929",
         "Objet : modalités de la communication sur demande des règles définissant un traitement "
         "algorithmique lorsque celui-ci a fondé une décision individuelle.", VERIFIE,
         ("décret 2017-330",)),
    Fait("crpa-l311-5-6", "CRPA, articles L311-5 et L311-6",
         "Ne sont pas communicables les documents qui porteraient atteinte aux secrets protégés par la "
         "loi (L311-5) ; d'autres ne le sont qu'à la personne intéressée : vie privée, secret médical, "
         "secret des affaires… (L311-6).",
         "http://formations-geomatiques.developpement-durable.gouv.fr/NAT009/ADL/Aspects_Juridique/co/30a_Diffusion_regle_1.html",
         "Lorsque la demande porte sur un document comportant des mentions qui ne sont pas "
         "communicables en application des articles L. 311-5 et L. 311-6 mais qu'il est possible "
         "d'occulter ou de disjoindre, le document est communiqué au demandeur après occultation ou "
         "disjonction de ces mentions.", VERIFIE, ("L311-5", "L311-6", "L311-7")),
    Fait("crpa-l311-9", "CRPA, article L311-9",
         "La personne qui demande un document communicable choisit la façon d'y accéder, dans la limite "
         "des possibilités techniques de l'administration, y compris sa publication en ligne (4°), "
         "quelle que soit la taille de l'administration, sauf pour les documents qui ne sont "
         "communicables qu'à l'intéressé.",
         "https://cada.data.gouv.fr/20227960",
         "« L'accès aux documents administratifs s'exerce, au choix du demandeur et dans la limite des "
         "possibilités techniques de l'administration : (…) 4° Par publication des informations en "
         "ligne, à moins que les documents ne soient communicables qu'à l'intéressé en application de "
         "l'article L311-6. »", VERIFIE, ("L311-9",)),
    Fait("crpa-refus", "CRPA, articles R311-12 et R311-13",
         "Le silence gardé un mois sur une demande de communication vaut refus ; la CADA ne peut être "
         "saisie qu'après ce refus.",
         "http://www.cada.fr/quand-y-a-t-il-refus-de-communication,6148.html",
         "Tacite : la décision de rejet naît du « silence gardé pendant plus d'un mois par l'autorité "
         "compétente, saisie d'une demande de communication de documents » […] La CADA ne peut être saisie "
         "qu'à la suite d'un refus de communication […] Une saisine formée avant l'expiration du délai d'un "
         "mois imparti à l'administration pour répondre est donc irrecevable. (La page de la CADA cite le "
         "décret de 2005, depuis codifié ; le Conseil d'État, "
         "http://www.conseil-etat.fr/fr/arianeweb/CE/analyse/2024-03-11/488227, fonde aujourd'hui cette "
         "règle sur « les articles […] R*. 311-12, R. 311-13, R. 311-15, et R. 343-3 à R. 343-5 du CRPA ».)",
         VERIFIE, ("R311-12", "R311-13"), verifie_le="2026-12-04"),
    Fait("crpa-recours", "CRPA, articles L342-1 et R343-1",
         "Après un refus, le demandeur a deux mois pour saisir la CADA ; cette saisine est un passage "
         "obligé avant tout recours devant le juge administratif.",
         "https://weka.fr/base-juridique-weka/code_CREPA_LEGISCTA000031370505.html",
         "Article R343-1 : « L'intéressé dispose d'un délai de deux mois à compter de la notification du "
         "refus ou de l'expiration du délai prévu à l'article R. 311-13 pour saisir la Commission d'accès "
         "aux documents administratifs. » Article L342-1, cité par "
         "https://www.cabinetlapuelle.fr/les-modalites-de-saisine-de-la-commission-d-acces-aux-documents-administratifs_ad828.html : "
         "« La saisine pour avis de la commission est un préalable obligatoire à l'exercice d'un recours "
         "contentieux ».", VERIFIE, ("L342-1", "R343-1")),
    Fait("crpa-l312-1", "CRPA, article L312-1",
         "Toute administration peut rendre publics les documents administratifs qu'elle produit ou "
         "reçoit.",
         "https://juriblio.fr/codes/code-des-relations-entre-le-public-et-l-administration/livre-iii/titre-ier/chapitre-ii/section-1/article-l312-1",
         "Les administrations mentionnées à l'article L. 300-2 peuvent rendre publics les documents "
         "administratifs qu'elles produisent ou reçoivent.", VERIFIE, ("L312-1",)),
    Fait("crpa-l312-1-1", "CRPA, article L312-1-1",
         "Les administrations publient en ligne les documents communiqués sur demande, ceux du "
         "répertoire, leurs bases de données mises à jour régulièrement et les données d'intérêt "
         "économique, social, sanitaire ou environnemental ; l'article ne s'applique pas aux "
         "collectivités de moins de 3 500 habitants ni aux administrations de moins de 50 agents.",
         "http://formations-geomatiques.developpement-durable.gouv.fr/MIG/directive_inspire_neophytes/co/02_autorites_concernees.html",
         "3° : Les bases de données, mises à jour de façon régulière, qu'elles produisent ou qu'elles "
         "reçoivent et qui ne font pas l'objet d'une diffusion publique par ailleurs ; 4° : Les données, "
         "mises à jour de façon régulière, dont la publication présente un intérêt économique, social, "
         "sanitaire ou environnemental. Le présent article ne s'applique pas aux collectivités "
         "territoriales de moins de 3 500 habitants.", VERIFIE, ("L312-1-1",)),
    Fait("decret-2016-1922", "décret n° 2016-1922 du 28 décembre 2016 (CRPA, articles D312-1-1-1 et D312-1-4)",
         "Le seuil d'effectif des articles L312-1-1 et L312-1-3 est fixé à 50 agents ou salariés en "
         "équivalent temps plein.",
         "https://www.legifrance.gouv.fr/eli/decret/2016/12/28/PRMJ1632826D/jo/texte",
         "Objet : détermination du seuil au-dessous duquel les administrations sont exonérées de "
         "l'obligation de publication en ligne de leurs documents administratifs et des règles régissant "
         "leurs traitements algorithmiques. (Article D. 312-1-1-1 : « Le seuil prévu à l’article L. "
         "312-1-1 est fixé à 50 agents ou salariés exprimé en équivalents temps plein. » ; et, texte du "
         "décret reproduit par "
         "https://www.ladocumentationdelalettredumairerural.com/article-la-publication-des-donnees-publiques-en-ligne-est-limitee-aux-administrations-de-plus-de-50-agents-span-style-width-8px-height-8px-display-inline-block-border-radius-50-background-color-ecb62f-position-relative-top-0-margin-0-0-0-4px-span-155932.html "
         ": « Art. D. 312-1-4. - Le seuil prévu à l’article L. 312-1-3 est fixé à 50 agents ou salariés "
         "exprimé en équivalents temps plein. »)", VERIFIE,
         ("décret 2016-1922", "D312-1-1-1", "D312-1-4"), verifie_le="2026-12-04"),
    Fait("crpa-l312-1-2", "CRPA, article L312-1-2",
         "Avant publication, les mentions protégées par un secret sont occultées, et les données "
         "personnelles rendues non identifiantes, sauf loi contraire ou accord des personnes.",
         "http://cada.data.gouv.fr/20194856/",
         "Sauf dispositions législatives contraires ou si les personnes intéressées ont donné leur "
         "accord, lorsque les documents et les données mentionnés aux articles L312-1 ou L312-1-1 "
         "comportent des données à caractère personnel, ils ne peuvent être rendus publics qu'après "
         "avoir fait l'objet d'un traitement permettant de rendre impossible l'identification de ces "
         "personnes.", VERIFIE, ("L312-1-2",)),
    Fait("crpa-l312-1-3", "CRPA, article L312-1-3",
         "Les administrations d'au moins 50 agents publient en ligne les règles de leurs principaux "
         "traitements algorithmiques qui fondent des décisions individuelles.",
         "https://lexbase.fr/texte-de-loi/code-des-relations-entre-le-public-et-ladministrationl31213/L4872LAP.html",
         "Sous réserve des secrets protégés en application du 2° de l'article L. 311-5, les "
         "administrations mentionnées au premier alinéa de l'article L. 300-2, à l'exception des "
         "personnes morales dont le nombre d'agents ou de salariés est inférieur à un seuil fixé par "
         "décret, publient en ligne les règles définissant les principaux traitements algorithmiques "
         "utilisés dans l'accomplissement de leurs missions lorsqu'ils fondent des décisions "
         "individuelles.", VERIFIE, ("L312-1-3",)),
    Fait("decret-2018-1117", "décret n° 2018-1117 du 10 décembre 2018 (CRPA, article D312-1-3)",
         "Liste des documents publiables sans anonymisation : organigrammes, annuaires des "
         "administrations, répertoire des élus…",
         "https://kiosque.bercy.gouv.fr/alyas/msite/view/lettre-daj/10730",
         "l’article 1 du décret du 10 décembre 2018 insère un nouvel article D. 312-1-3 du CRPA dressant "
         "la liste des catégories de documents qui, dès lors qu’ils sont communicables à toute personne "
         "et nécessaires à l’information du public, peuvent être rendus publics sans occulter les "
         "données à caractère personnel qu’ils contiennent.", VERIFIE,
         ("décret 2018-1117", "D312-1-3")),
    Fait("crpa-l322-6", "CRPA, article L322-6",
         "Les administrations tiennent un répertoire des principaux documents contenant des "
         "informations publiques.",
         "https://cada.fr/20231374",
         "l’article L322-6 du code des relations entre le public et l’administration impose […] aux "
         "administrations […] de tenir à la disposition des usagers un répertoire des principaux "
         "documents dans lesquels ces informations figurent", VERIFIE, ("L322-6",)),
    Fait("crpa-l321-4", "CRPA, article L321-4",
         "La mise à disposition des données de référence est une mission de service public ; les "
         "adresses des communes en font partie.",
         "https://www.lagazettedescommunes.com/858025/comment-resoudre-les-difficultes-liees-a-la-mise-en-place-de-ladressage-pour-les-petites-communes/",
         "Or, l’article L. 321-4 précité indique notamment que ces données de référence telles que la "
         "« BAN » « constituent une référence commune pour nommer ou identifier des produits, des "
         "services, des territoires ou des personnes ».", VERIFIE, ("L321-4",)),
    Fait("decret-2017-331", "décret n° 2017-331 du 14 mars 2017",
         "Liste des données de référence (Sirene, code officiel géographique, plan cadastral, répertoire "
         "des associations, Base adresse nationale…).",
         "https://decryptageo.fr/donnees-de-reference-un-decret-qui-enterine-plus-quil-nanticipe",
         "Le décret n°2017-331 publié le 14 mars 2017 dans le cadre de la Loi pour la République "
         "numérique insère quatre nouveaux articles dans le code des relations entre le public et "
         "l’administration. Il donne une première liste de données de référence […] fichier Sirène, plan "
         "cadastral informatisé, registre parcellaire graphique, référentiel à grande échelle, base "
         "adresse nationale, base de l’organisation de l’État, répertoire des métiers et des emplois et "
         "code officiel géographique font partie des données de référence", VERIFIE,
         ("décret 2017-331",)),
    Fait("crpa-r330-2", "CRPA, article R330-2",
         "Désignation d'une personne responsable de l'accès aux documents administratifs et des questions "
         "relatives à la réutilisation des informations publiques, notamment dans les communes de 10 000 "
         "habitants et plus et les intercommunalités de 10 000 habitants et plus.",
         "https://www.doctrine.fr/l/texts/codes/LEGITEXT000031366350/articles/LEGIARTI000031370449?version=LEGIARTI000031370449&date=2020-01-06&source=legislation-text&sourcePage=",
         "« Les ministres et les préfets désignent pour les services placés sous leur autorité une personne "
         "responsable de l'accès aux documents administratifs et des questions relatives à la réutilisation des "
         "informations publiques. Sont également tenus de désigner une personne responsable : 1° Les communes de "
         "dix mille habitants ou plus, les départements, les régions et la collectivité territoriale de Corse ; "
         "[…] 3° Les établissements publics de coopération intercommunale regroupant une population de dix "
         "mille habitants ou plus ; […] »", VERIFIE, ("R330-2",), verifie_le="2026-12-05"),
    Fait("decret-2017-638", "décret n° 2017-638 du 27 avril 2017",
         "Liste des licences de réutilisation à titre gratuit : Licence Ouverte, ODbL…",
         "http://www.affaires-publiques.org/textof/TO/17/13264-0417.htm",
         "L'administration peut ainsi soumettre la réutilisation à titre gratuit des informations "
         "publiques qu'elle détient aux licences suivantes : 1° La licence ouverte de réutilisation "
         "d'informations publiques ; 2° “L'Open Database License”.", VERIFIE, ("décret 2017-638",)),
    # --- Opening a commune's data: licences, data.gouv.fr, SCDL (chapter « ouvrir ») ------------
    Fait("licences-reutilisation", "CRPA, articles L323-2, D323-2-1 et D323-2-2",
         "Pour la réutilisation gratuite de leurs données, les administrations choisissent entre deux "
         "licences : la Licence Ouverte et l'ODbL ; une autre licence doit d'abord être homologuée. Avec "
         "l'ODbL, une base dérivée, modifiée ou enrichie doit être partagée sous la même licence ; la "
         "Licence Ouverte laisse le réutilisateur libre de la licence de ce qu'il redistribue.",
         "http://formations-geomatiques.developpement-durable.gouv.fr/NAT009/ADL/Aspects_Juridique/co/20b2_licences_1.html",
         "Au titre des articles L323-2 et suivants du code des relations entre le public et "
         "l'administration, seules deux licences peuvent être utilisées par les administrations pour "
         "accompagner la réutilisation gratuite de leurs données : la licence ouverte de réutilisation "
         "d'informations publiques (parfois appelée licence Etalab) ; la licence ODbL (Open Database "
         "License). Le recours à une autre licence n'est possible qu'après avoir fait une demande "
         "d'homologation […] (articles L323-2 et D323-2-2). […] dans le cas de la licence ODbL toute base "
         "de données issue d'une réutilisation des données initiales (base dérivée, modifiée ou encore "
         "enrichie) doit être distribuée sous cette même licence ODbL. La licence ouverte, quant à elle, "
         "laisse le choix au réutilisateur de la licence qu'il souhaite utiliser pour redistribuer les "
         "données résultantes.", VERIFIE, ("L323-2", "D323-2-1", "D323-2-2")),
    Fait("licence-ouverte-paternite", "Licence Ouverte / Open Licence 2.0 (Etalab) : la mention de la source",
         "La Licence Ouverte permet toute réutilisation, y compris commerciale, à condition de mentionner la "
         "source (au moins le nom du producteur) et la date de dernière mise à jour.",
         "https://wiki.openig.org/fr/public/cadre-legal-et-reglementaire",
         "Pour la licence ouverte (v1 ou v2) https://www.etalab.gouv.fr/licence-ouverte-open-licence/ […] "
         "Vous mentionnez la paternité : vous devez mentionner la paternité de « l'information » : sa source "
         "– a minima le nom du « Producteur » - et la date de sa dernière mise à jour, ou indiquer le ou les "
         "liens hypertextes (URL) renvoyant vers « l'information » et assurant une mention effective de sa "
         "paternité. (Exploitation commerciale : « Une licence qui promeut la réutilisation la plus large en "
         "autorisant la reproduction, la redistribution, l'adaptation et l'exploitation commerciale des "
         "données », https://opendata.ca-ajaccien.corsica/la-licence-etalab/.)",
         valeur="Licence Ouverte 2.0"),
    Fait("odbl-partage-identique", "Open Database License (ODbL) 1.0 : le partage à l'identique",
         "Qui utilise publiquement une version adaptée de la base, ou une création tirée d'une base adaptée, "
         "doit offrir cette base adaptée sous ODbL ; il doit aussi citer la source.",
         "https://opendata.onisep.fr/licence/licence-odbl/48-licence-odbl.htm",
         "partager aux conditions identiques : Si le Réutilisateur utilise publiquement une version adaptée "
         "de la Base de données, ou produit une création à partir d'une base de données adaptée, il doit "
         "aussi offrir cette base de données adaptée selon les termes de la licence OdbL.",
         valeur="ODbL"),
    Fait("datagouv-publier", "Guide de data.gouv.fr : publier un jeu de données",
         "Sur data.gouv.fr, la publication manuelle se fait en trois étapes : dire qui publie (un compte "
         "ou, mieux, l'organisation), décrire le jeu de données (titre, description et fréquence de mise à "
         "jour obligatoires, licence, mots-clés, couverture), ajouter les fichiers (déposés ou par lien). "
         "On peut aussi publier par l'API ou par moissonnage d'un portail existant.",
         "https://github.com/datagouv/guides.data.gouv.fr/blob/master/publier-des-donnees/guide-data.gouv.fr/publier-et-gerer-un-jeu-de-donnees/publier-un-jeu-de-donnees.md",
         "Plusieurs modes de mises en ligne sont possibles sur la plateforme data.gouv.fr : Publication "
         "manuelle sur data.gouv.fr ; Par API ; Par moissonnage […] 1. Définir qui publie le jeu de données "
         "[…] 2. Décrire le jeu de données […] Titre* […] Description* […] Fréquence de mise à jour* […] "
         "*Les champs identifiés par un astérisque sont obligatoires. 3. Ajouter des fichiers",
         valeur="3 étapes"),
    Fait("datagouv-moissonnage", "Guide de data.gouv.fr : le moissonnage d'un portail",
         "Un portail local (ODS, CKAN ou DCAT) peut être moissonné chaque jour par data.gouv.fr : ses jeux de "
         "données y sont référencés sans double saisie, un seul moissonneur par portail.",
         "https://github.com/datagouv/guides.data.gouv.fr/blob/master/publier-des-donnees/guide-data.gouv.fr/publier-et-gerer-un-jeu-de-donnees/publier-un-jeu-de-donnees.md",
         "Si vous mettez en ligne des données publiques sur une plateforme ouverte, dans un format dont les "
         "métadonnées correspondent à la syntaxe ODS, CKAN, ou DCAT vous pouvez les référencer "
         "automatiquement sur data.gouv.fr en utilisant notre service de moissonnage. […] Déclenchement : "
         "contrôlé par data.gouv.fr (quotidien) […] un seul moissonneur par portail suffit.",
         valeur="moissonnage"),
    Fait("datagouv-certification", "Guide de data.gouv.fr : certifier une organisation",
         "Une organisation qui exerce une mission de service public peut demander le badge « service public "
         "certifié », en envoyant la preuve de son rôle.",
         "https://github.com/datagouv/guides.data.gouv.fr/blob/master/publier-des-donnees/guide-data.gouv.fr/creer-et-gerer-une-organisation/certifier-une-organisation.md",
         "Si l'organisation que vous administrez exerce une mission de service public, vous pouvez demander à "
         "la faire certifier par notre équipe. Une organisation certifiée obtient un badge « service public "
         "certifié ».", valeur="service public certifié"),
    Fait("datagouv-discussions", "Guide de data.gouv.fr : répondre aux discussions",
         "Sur la page d'un jeu de données, les réutilisateurs posent leurs questions et signalent des erreurs "
         "dans des discussions visibles de tous : il faut quelqu'un pour y répondre.",
         "https://github.com/datagouv/guides.data.gouv.fr/blob/master/publier-des-donnees/guide-data.gouv.fr/publier-et-gerer-un-jeu-de-donnees/gerer-un-jeu-de-donnees/repondre-aux-discussions.md",
         "Ces discussions permettent aux réutilisateurs des données de poser des questions au producteur des "
         "données, de faire remonter des erreurs constatées dans le jeu de données ou de proposer des "
         "améliorations. […] Les discussions publiées sont visibles par tous les visiteurs de data.gouv.fr.",
         valeur="discussions"),
    Fait("scdl-catalogue", "Schéma SCDL « catalogue simplifié », version 0.1.3 (OpenDataFrance)",
         "Le Socle commun des données locales a un schéma pour le catalogue des jeux de données publiés par "
         "une collectivité : une ligne par jeu, licence et fréquence de mise à jour choisies dans des listes.",
         "https://gitlab.com/opendatafrance/scdl/catalogue/raw/v0.1.3/schema.json",
         "« title »: « Catalogue simplifié », « description »: « Spécification du modèle de données relatif "
         "au catalogue des jeux de données publiés en open data par une collectivité », « version »: "
         "« 0.1.3 » (relu sur la copie de référence du schéma, ../shared/reference/scdl-schemas/"
         "catalogue.schema.json, dont le champ « path » est l'adresse ci-dessus)", valeur="0.1.3"),
    Fait("validata", "Validata, le validateur du SCDL (OpenDataFrance)",
         "Validata vérifie qu'un fichier respecte un schéma du Socle commun des données locales, avant ou "
         "après sa publication.",
         "https://validata.fr/doku.php?id=utilisation&rev=1556026464",
         "Validata est une plateforme de validation de données ouvertes produites par des acteurs "
         "territoriaux. Elle offre à ses utilisateurs la possibilité de vérifier la conformité de ces données "
         "par rapport aux modèles définis dans le cadre du Socle Commun des Données Locales (SCDL).",
         valeur="Validata"),
    Fait("animateurs-territoriaux", "OpenDataFrance, programme « Open Data local, saison 2 » (mai 2019)",
         "Des métropoles, syndicats informatiques, départements et régions se sont engagés comme animateurs "
         "territoriaux des données pour accompagner les communes de leur territoire.",
         "https://www.banquedesterritoires.fr/pedagogie-et-usages-concrets-clefs-vers-une-ouverture-des-donnees-locales",
         "Métropoles, syndicats informatiques, départements, régions… 55 animateurs territoriaux des données "
         "ont accepté de coacher les communes et EPCI de leur territoire pour passer à l'open data.",
         valeur="55 animateurs territoriaux"),
    Fait("opendata56", "Morbihan énergies, portail opendata56.fr (Maires de France, janvier 2022)",
         "Le syndicat d'énergie du Morbihan a conçu son portail comme un outil au service des communes du "
         "département ; de petites communes y publient leurs données.",
         "https://mairesdefrance.com/m/article/?id=1146",
         "C'est pour cette raison que le syndicat d'énergie du Morbihan a conçu, dès l'origine, son portail "
         "www.opendata56.fr comme un outil au service des communes du département. Il permet aujourd'hui à "
         "de petites villes comme Saint-Avé (11 000 hab.), Noyal-Pontivy (3 677 hab.) ou Béganne (1 394 hab.) "
         "de publier leurs données.", valeur="opendata56.fr"),
    Fait("rennes-vie-quotidienne", "Ville de Rennes, retour d'expérience (Archimag, juin 2022)",
         "Le chargé de mission de la plateforme open data de Rennes conseille de commencer par des jeux de "
         "données qui touchent la vie quotidienne des habitants.",
         "https://www.archimag.com/univers-data/2022/06/03/open-data-municipal-mode-emploi/",
         "En matière d'open data municipal, \"il est judicieux de commencer avec des jeux de données qui "
         "touchent la vie quotidienne des habitants\", recommande Ben Lister, chargé de mission en charge de "
         "la plateforme open data de Rennes.", valeur="vie quotidienne"),
    Fait("ahsp-observatoires-eau", "Observatoires départementaux de la ressource en eau du Grand Ouest (AHSP, 2020)",
         "Des hydrogéologues départementaux de l'Ouest (Manche, Morbihan, Côtes-d'Armor, Ille-et-Vilaine, "
         "Loire-Atlantique, Calvados, Mayenne) ont engagé un outil commun qui centralise les données des "
         "observatoires départementaux de la ressource en eau, réparties entre plusieurs organismes, pour "
         "dresser l'état de la situation secteur par secteur et anticiper les crises de sécheresse.",
         "https://www.ahsp.fr/index.php?option=com_content&view=article&id=162:centralisation-des-donnees-issues-des-observatoires-de-ressources-en-eau-initiee-par-le-pole-des-syndicats-departementaux-du-grand-l-ouest&catid=39",
         "« Suite à une réflexion menée par le pôle des syndicats départementaux du Grand Ouest ayant conduit à "
         "l'établissement d'un cahier des charges, quelques hydrogéologues départementaux de l'Ouest (Manche, "
         "Morbihan, Cotes d'Armor, Ille-et-Vilaine, Loire-Atlantique, Calvados et Mayenne) se sont réunis en "
         "décembre pour initier la mise en place d'un outil de gestion des données issus des observatoires "
         "départementaux des ressources en eau. L'objectif est de centraliser l'ensemble des données "
         "qualitatives et quantitatives disponibles (piézométrie, hydrométrie, précipitations, production des "
         "captages) afin de dresser rapidement un état de situation hydrologique secteur par secteur et "
         "anticiper d'éventuelles situations de crise sécheresse. Le SDEAU50 et le SMG35 ont réalisé leurs "
         "consultations […] »", valeur="Grand Ouest", verifie_le="2026-12-05"),
    Fait("referent-donnees", "Référent données, administrateur des données dans une commune",
         "Nous n'avons trouvé aucun texte qui impose à une commune de nommer un « référent données » ou un "
         "« administrateur des données » : les sources lues en font un choix d'organisation (OpenDataFrance "
         "conseille de nommer un élu référent et un chef de projet). Ce qui est établi : deux désignations "
         "sont obligatoires, le délégué à la protection des données dans toute commune (RGPD, article 37) et, "
         "à partir de 10 000 habitants, la personne responsable de l'accès aux documents administratifs et des "
         "questions relatives à la réutilisation des informations publiques (CRPA, article R330-2). Ce qui "
         "reste à vérifier : qu'aucun autre texte n'impose un référent données ; aucune source lue ne "
         "l'affirme expressément, et l'absence d'un texte ne se prouve pas en lisant quelques pages.",
         "https://opendatafrance.gitbook.io/kit-de-ressources-odf/~gitbook/pdf?only=yes&page=-LRr6xt6yZTUtgyrGtQF",
         "Kit de ressources d'OpenDataFrance (v2.0, juillet 2022) : « Au sein de l'organisation, il sera "
         "également nécessaire d'initier la démarche en mode projet (gouvernance, moyens, calendrier "
         "prévisionnel…). Notamment en nommant un élu référent (soutien et légitimité de la démarche), un chef "
         "de projet (facilitateur, animateur et communicant) » (et, selon "
         "https://smart-city.cerema.fr/territoire-intelligent/open-data-smart-city : « Son pilotage peut être "
         "confié à un administrateur général des données (Chief Data Officer), lorsque cette fonction existe. » ; "
         "le décret n° 2014-1050 du 16 septembre 2014 n'institue un administrateur général des données que pour "
         "l'État : https://www.legifrance.gouv.fr/affichTexte.do?cidTexte=JORFTEXT000029463482)", A_VERIFIER,
         valeur="référent données", verifie_le="2026-12-05"),
    Fait("patrimoine-archives", "code du patrimoine, articles L213-1 et L213-2 (archives publiques)",
         "Les archives publiques sont communicables de plein droit, sauf celles que l'article L213-2 ne rend "
         "communicables qu'après un délai (75 ans après leur clôture pour les registres de naissance et de "
         "mariage de l'état civil, par exemple). Les diffuser en ligne suit d'autres règles, plus strictes, "
         "recommandées par la CNIL : le service départemental d'archives les connaît.",
         "http://cada.data.gouv.fr/20180522/",
         "La commission vous rappelle à titre liminaire que, par principe, les documents d'archives sont "
         "communicables de plein droit, en vertu de l'article L213-1 du code du patrimoine. Néanmoins, par "
         "dérogation à cet article, certaines catégories de documents, en raison des informations qu'ils "
         "contiennent, ne sont pas immédiatement communicables et les délais après lesquels ils sont librement "
         "accessibles sont définis à l'article L213-2 de ce même code. […] En ce qui concerne les registres "
         "des actes de naissance, de reconnaissance et de mariage, la commission vous confirme qu'ils sont "
         "communicables à toute personne qui en fait la demande à l’expiration d’un délai de soixante-quinze "
         "ans à compter de la date de leur clôture (CADA, conseil 20180522). (Et les Archives de la Manche, "
         "https://www.archives-manche.fr/r/292/delais-de-communicabilite/ : « les recommandations de la CNIL "
         "[…] impliquent une communicabilité des registres différenciée selon le mode de consultation » ; "
         "pour les naissances, diffusion sur internet à « 75 ans avec occultation des mentions marginales, ou "
         "100 ans sans occultation de ces mentions ».)",
         VERIFIE, ("L213-1", "L213-2"), verifie_le="2026-12-06"),
    # --- Laws ----------------------------------------------------------------------------------
    Fait("loi-2016-1321", "loi n° 2016-1321 du 7 octobre 2016 pour une République numérique",
         "Son article 6 a fait de la publication en ligne la règle (« ouverture par défaut »), sauf pour "
         "les collectivités de moins de 3 500 habitants et les administrations de moins de 50 agents.",
         "https://cada.data.gouv.fr/20192116/",
         "La loi n° 2016-1321 du 7 octobre 2016 pour une République numérique a mis à la charge de "
         "l’administration, à l’exception des collectivités territoriales de moins de 3 500 habitants et "
         "des personnes morales dont le nombre d'agents ou de salariés est inférieur à un seuil fixé par "
         "décret (soit 50 agents en équivalent temps plein, en vertu du décret n° 2016-1922 du 28 "
         "décembre 2016 […]), l’obligation de publier […] une série d’informations publiques (et, pour "
         "l'article 6, https://www.ladocumentationdelalettredumairerural.com/article-la-publication-des-donnees-publiques-en-ligne-est-limitee-aux-administrations-de-plus-de-50-agents-span-style-width-8px-height-8px-display-inline-block-border-radius-50-background-color-ecb62f-position-relative-top-0-margin-0-0-0-4px-span-155932.html "
         ": « Cette obligation s’applique aux collectivités locales de plus de 3 500 habitants (article 6 de "
         "la loi) »)", VERIFIE, ("loi 2016-1321", "loi 2016-1321 art. 6")),
    Fait("loi-78-753", "loi n° 78-753 du 17 juillet 1978",
         "Première loi sur l'accès aux documents administratifs, aujourd'hui codifiée au livre III du "
         "CRPA.", "http://www.cada.fr/le-document-doit-etre-formellement-acheve,6083.html",
         "L’article 2 de la loi du 17 juillet 1978 dispose que « le droit à communication ne s’applique "
         "qu’à des documents achevés ».", VERIFIE, ("loi 78-753",)),
    Fait("loi-2015-991", "loi n° 2015-991 du 7 août 2015 (NOTRe), article 106 ; CGCT, article L1112-23",
         "Première obligation de mise en ligne pour les collectivités de plus de 3 500 habitants, reprise "
         "en 2016.",
         "http://www.nextinpact.com/news/98806-open-data-pourquoi-collectivites-locales-rechignent-a-appliquer-loi-notre.htm",
         "un article L1112-23 pour le moins ambitieux... Celui-ci impose en effet aux collectivités "
         "territoriales de plus de 3 500 habitants (ainsi que les établissements publics de coopération "
         "intercommunale à fiscalité propre auxquels elles appartiennent) de mettre en ligne toutes les "
         "« informations publiques » en leur possession au format électronique (et, pour le numéro de "
         "l'article, https://banquedesterritoires.fr/ouverture-des-donnees-des-collectivites-les-pistes-dopen-data-france "
         ": « Depuis la loi Notre et son article 106 qui oblige toutes les collectivités de plus de 3.500 "
         "habitants à rendre \"accessibles en ligne les informations publiques\" »)", VERIFIE,
         ("loi 2015-991", "L1112-23", "loi 2015-991 art. 106"), verifie_le="2026-12-04"),
    Fait("loi-2000-321", "loi n° 2000-321 du 12 avril 2000, article 10 ; décret n° 2001-495 du 6 juin 2001",
         "Convention obligatoire pour une subvention de plus de 23 000 € par an.",
         "https://www.atd13.fr/une-convention-dobjectifs-entre-une-commune-et-une-association-est-elle-obligatoire/",
         "La loi n° 2000-321 du 12 avril 2000 (article 10) relative aux droits des citoyens dans leurs "
         "relations avec l’administration (DCRA) introduit une obligation de contractualiser les "
         "subventions dépassant un certain seuil. Ce seuil est déterminé par le décret d’application n° "
         "2001-495 du 6 juin 2001 selon lequel les collectivités publiques doivent conclure une "
         "convention d’objectifs avec tout organisme bénéficiant d’une subvention d’un montant "
         "supérieur à 23.000 €.", VERIFIE, ("loi 2000-321", "décret 2001-495", "loi 2000-321 art. 10")),
    Fait("loi-2016-1321-art18", "loi n° 2016-1321 du 7 octobre 2016 pour une République numérique, article 18",
         "Il a modifié l'article 10 de la loi n° 2000-321 : les données essentielles des conventions de "
         "subvention sont publiées en ligne, dans un format ouvert ; le décret n° 2017-779 en fixe les "
         "modalités.",
         "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000034600552",
         "Décret n° 2017-779 du 5 mai 2017, notice : « Références : le décret est pris pour l'application de "
         "l'article 18 de la loi n° 2016-1321 du 7 octobre 2016 pour une République numérique, venu modifier "
         "l'article 10 de la loi n° 2000-321 du 12 avril 2000 relative aux droits des citoyens dans leurs "
         "relations avec les administrations. »", VERIFIE, ("loi 2016-1321 art. 18",), verifie_le="2026-12-05"),
    Fait("decret-2017-779", "décret n° 2017-779 du 5 mai 2017",
         "Publication en format ouvert des données essentielles des conventions de subvention ; les "
         "collectivités de moins de 3 500 habitants en sont dispensées.",
         "https://www.lalettredumaire.com/article-les-informations-financieres-doivent-etre-publiees-span-style-width-8px-height-8px-display-inline-block-color-bf3939-padding-left-4px-it-span-185977.html",
         "Il en va de même pour les données essentielles des subventions d’un montant de plus de 23 000 "
         "€ qu’elle accorde aux tiers (art 2 du décret n° 2017-779 du 5 mai 2017, les collectivités de "
         "moins de 3 500 habitants en sont dispensées).", VERIFIE, ("décret 2017-779",)),
    Fait("loi-2022-217", "loi n° 2022-217 du 21 février 2022 (3DS), article 169 ; CGCT, article L2121-30",
         "Toutes les communes dénomment leurs voies et numérotent leurs maisons, et publient ces "
         "adresses.",
         "https://www.lagazettedescommunes.com/858025/comment-resoudre-les-difficultes-liees-a-la-mise-en-place-de-ladressage-pour-les-petites-communes/",
         "L’article 169 de la loi n° 2022-217 du 21 février 2022 […], modifiant l’article L. 2121-30 du "
         "code général des collectivités territoriales (CGCT), a clarifié la règle de dénomination des "
         "voies et lieux-dits […] Ces mêmes dispositions prévoient ensuite la mise à disposition du "
         "public par chaque commune de ses données d’adressage", VERIFIE, ("loi 2022-217", "L2121-30", "loi 2022-217 art. 169")),
    Fait("loi-78-17", "loi n° 78-17 du 6 janvier 1978 (informatique et libertés)",
         "Loi française qui complète le RGPD ; elle a été adaptée au règlement en 2018.",
         "http://affaires-publiques.org/textof/TO/D2/14533-0618.htm",
         "La loi a pour principal objet de modifier la législation nationale en matière de protection des "
         "données personnelles afin, d'une part, de l'adapter au règlement (UE) 2016/679 […] Modifiant "
         "donc essentiellement la loi n° 78-17 du 6 janvier 1978 relative à l'informatique, aux fichiers "
         "et aux libertés", VERIFIE, ("loi 78-17",)),
    Fait("rgpd", "règlement (UE) 2016/679 (RGPD)",
         "Règlement général sur la protection des données, adopté le 27 avril 2016 ; l'« intérêt "
         "légitime » ne peut pas fonder les traitements des autorités publiques dans l'exécution de "
         "leurs missions (article 6, paragraphe 1, f).",
         "https://lobbyplag.eu/browse/show/a6p1i6",
         "le traitement est nécessaire aux fins des intérêts légitimes poursuivis par un responsable du "
         "traitement, à moins que ne prévalent les intérêts ou les libertés et droits fondamentaux de la "
         "personne concernée […]. Ces considérations ne s'appliquent pas au traitement effectué par les "
         "autorités publiques dans l'exécution de leurs missions.", VERIFIE, ("règlement 2016/679",),
         officiel=_EUR_LEX_RGPD),
    Fait("loi-51-711", "loi n° 51-711 du 7 juin 1951, article 6",
         "Secret statistique des réponses individuelles aux enquêtes.",
         "https://www.legifrance.gouv.fr/affichTexteArticle.do?cidTexte=JORFTEXT000000888573&idArticle=LEGIARTI000006528413",
         "les renseignements individuels figurant sur les questionnaires revêtus du visa prévu à "
         "l'article 2 et ayant trait à la vie personnelle et familiale et d'une manière générale, aux "
         "faits et comportement d'ordre privé, ne peuvent être l'objet d'aucune communication de la part "
         "du service dépositaire", VERIFIE, ("loi 51-711", "loi 51-711 art. 6")),
    # --- Budget and public contracts ----------------------------------------------------------
    Fait("cgct-l2313-1", "CGCT, article L2313-1",
         "Dans toutes les communes, le budget est mis à la disposition du public en mairie dans les quinze "
         "jours qui suivent son adoption, et une présentation brève et synthétique des informations "
         "financières essentielles est jointe au budget primitif et au compte administratif ; à partir de "
         "3 500 habitants, les documents budgétaires ont des annexes, dont la liste des concours attribués "
         "(subventions, prestations en nature), jointe au seul compte administratif. La loi prévoit la mise en ligne de cette présentation sur le "
         "site de la commune, lorsqu'il existe ; pour quelles communes, voir l'entrée suivante.",
         "https://www.charente-maritime.gouv.fr/index.php/Actions-de-l-Etat/Relations-avec-les-collectivites-locales/Collectivites-locales/Budget-des-collectivites2/Qu-est-ce-que-la-note-breve-et-synthetique-a-joindre-avec-le-budget-et-le-compte-administratif",
         "« Dans toutes les communes, les EPCI comportant une commune de 3 500 habitants et plus, ainsi que le "
         "conseil département, une présentation brève et synthétique retraçant les informations financières "
         "essentielles devra être annexée au budget de l’année N et au compte administratif N-1 » (préfecture "
         "de la Charente-Maritime). Le premier alinéa de l'article, selon "
         "https://compta-finances-locales.collectivites.legibase.fr/base-de-connaissances/voter-le-budget/publier-le-budget-14875 "
         ": « Les budgets de la commune restent déposés à la mairie et, le cas échéant, à la mairie annexe où "
         "ils sont mis sur place à la disposition du public dans les quinze jours qui suivent leur adoption "
         "[…] ». La mise en ligne, dans le texte de la loi cité par "
         "https://blog.landot-avocats.net/2016/06/25/mise-en-ligne-des-informations-budgetaires-le-decret-est-au-jo-de-ce-matin/ "
         ": « mis en ligne sur le site internet de la commune, lorsqu’il existe, après l’adoption par le "
         "conseil municipal des délibérations auxquelles ils se rapportent et dans des conditions prévues par "
         "décret en Conseil d’Etat ». Les annexes, dans la traduction de l'article publiée par "
         "https://french-business-law.com/french-legislation-art/article-l2313-1-of-the-french-general-code-of-local-authorities/ "
         ": « In communes of 3,500 inhabitants or more, budget documents […] are appended with: […] 2° A list "
         "of assistance granted by the municipality in the form of benefits in kind or subsidies. » ; en "
         "français, sur une copie du code publiée par Etalab "
         "(https://github.com/etalab/codes-juridiques-francais/blob/master/codes-en-vigueur/code-general-des-collectivites-territoriales/partie-legislative/deuxieme-partie/livre-iii/titre-ier/chapitre-iii/article-l2313-1.md, "
         "lue le 6 décembre 2026) : « 2° De la liste des concours attribués par la commune sous forme de "
         "prestations en nature ou de subventions. Ce document est joint au seul compte administratif ; »",
         VERIFIE, ("L2313-1",), verifie_le="2026-12-05"),
    Fait("cgct-l2313-1-en-ligne", "CGCT, article L2313-1 et décret n° 2016-834 du 23 juin 2016 : la mise en ligne des documents budgétaires",
         "Le décret fixe les conditions de la mise en ligne (dans le mois qui suit l'adoption, gratuitement, "
         "dans un format non modifiable). Le rapport d'orientation budgétaire et la note explicative de "
         "synthèse ne concernent que les communes de 3 500 habitants et plus. Non tranché : une commune de "
         "moins de 3 500 habitants qui a un site doit-elle y mettre la présentation brève et synthétique ? Un "
         "guide pour les élus répond oui pour toutes les communes, un cabinet d'avocats lit l'obligation comme "
         "réservée aux communes de 3 500 habitants et plus. Deux sources publiques penchent pour « toutes "
         "les communes » : la préfecture de la Charente-Maritime (la présentation est annexée au budget « dans "
         "toutes les communes ») et la chambre régionale des comptes de Bretagne, qui a reproché à Quintin "
         "(2 809 habitants) de ne publier sur son site aucune information sur son budget (selon La Lettre du "
         "Maire). Nous n'avons lu ni le dernier alinéa de l'article L2313-1 dans sa rédaction en vigueur, ni "
         "l'article R2313-8 du décret. À demander à la préfecture.",
         "https://edile.fr/documents-budgetaires-a-vos-marques-prets-en-ligne",
         "« Pour toutes les communes, la mise en ligne concerne la « présentation brève et synthétique retraçant "
         "les informations financières essentielles » qui est jointe au budget primitif et au compte "
         "administratif de la commune […] Mais la mise en ligne concerne également, pour les communes de 3 500 "
         "habitants et plus, le rapport adressé aux conseillers municipaux préalablement à l’adoption du débat "
         "sur les orientations budgétaires ainsi que la note explicative de synthèse » ; au contraire, "
         "https://blog.landot-avocats.net/2016/06/25/mise-en-ligne-des-informations-budgetaires-le-decret-est-au-jo-de-ce-matin/ "
         ": « Depuis la Loi NOTRe, du 7 août 2015, la loi impose, pour les communes de 3 500 ou plus, que soit "
         "prévue : « présentation brève et synthétique […] » ; et, pour le décret, "
         "http://www.comptes-publics.fr/2016/06/28/collectivites-modalites-de-mise-ligne-documents-dinformation-financiere/ "
         ": « Ces documents doivent être mis en ligne gratuitement dans un délai d’un mois à compter de leur "
         "adoption. » ; https://maire-info.com/ (édition du 27 juin 2016) : « dans des conditions garantissant "
         "« leur accessibilité intégrale et sous un format non modifiable » » ; "
         "https://www.charente-maritime.gouv.fr/index.php/Actions-de-l-Etat/Relations-avec-les-collectivites-locales/Collectivites-locales/Budget-des-collectivites2/Qu-est-ce-que-la-note-breve-et-synthetique-a-joindre-avec-le-budget-et-le-compte-administratif "
         ": « Dans toutes les communes, les EPCI comportant une commune de 3 500 habitants et plus, ainsi que le "
         "conseil département, une présentation brève et synthétique retraçant les informations financières "
         "essentielles devra être annexée au budget de l’année N et au compte administratif N-1 » ; "
         "https://www.lalettredumaire.com/ (n° 2213, 15 février 2022) : « la chambre régionale des comptes de "
         "Bretagne constate que la commune de Quintin (2 809 habitants, Côtes d’Armor) ne respecte pas ces "
         "obligations. Aucune information relative au budget, à la situation financière et aux subventions "
         "accordées par la commune ne figure sur son site internet. »", A_VERIFIER, ("R2313-8", "décret 2016-834"), verifie_le="2026-12-05"),
    Fait("ccp-donnees-essentielles", "code de la commande publique, articles L2196-2 et R2196-1 ; décret n° 2022-767 du 2 mai 2022",
         "Tout acheteur, quelle que soit sa taille, rend accessibles en format ouvert les données "
         "essentielles de ses marchés de 40 000 € HT ou plus ; depuis le 1er janvier 2024, elles sont "
         "publiées sur le portail national des données ouvertes, data.gouv.fr.",
         "https://sites.google.com/site/acheteurspublics/marchés-publics-encyclopédie/liste-des-marchés-conclus-accès-aux-données-essentielles-marchés-publics",
         "Dans des conditions et sous réserve des exceptions prévues par voie réglementaire, l'acheteur "
         "rend accessibles sous un format ouvert et librement réutilisable les données essentielles du "
         "marché […] L'acheteur offre, sur son profil d'acheteur, un accès libre, direct et complet aux "
         "données essentielles des marchés répondant à un besoin dont la valeur est égale ou supérieure "
         "à 40 000 […] euros hors taxes. (Pour 2024, selon "
         "https://www.testing.lemoniteur.fr/article/commande-publique-des-donnees-essentielles-augmentees-et-centralisees-au-1er-janvier-2024.2316478 "
         ": « Les arrêtés précités entreront en vigueur le 1er janvier 2024. S'agissant des marchés "
         "publics, le nouveau dispositif s'appliquera aux contrats d'un montant égal ou supérieur à "
         "40 000 euros HT notifiés à compter de cette date. » ; selon "
         "https://blogdroitadministratif.net/2023/01/05/chronique-2023-01-extension-du-domaine-de-lopen-data-de-la-commande-publique/ "
         ": « Le décret n° 2022-767 du 2 mai 2022 […] prévoyant que la publication ne se réalisait plus sur "
         "le profil d'acheteur mais \u00ab sur le portail national de données ouvertes les données "
         "essentielles des marchés \u00bb » ; et https://ume.asso.fr/actualites/publication-des-donnees-essentielles-des-marches-publics-et-des-contrats-de-concession-et-nouveaux-seuils-de-procedure-formalisee-pour-les-marches-publics-et-contrats-de-concession "
         ": « Au 1er janvier 2024 est entrée en vigueur l'obligation de publication des données essentielles "
         "des marchés publics et des contrats de concession pour tous les acheteurs publics »)", VERIFIE,
         ("L2196-2", "R2196-1", "décret 2022-767"), verifie_le="2026-12-04"),
    # --- Geographic data ---------------------------------------------------------------------
    Fait("urbanisme-gpu", "code de l'urbanisme, articles L133-1 et R153-22 (Géoportail de l'urbanisme)",
         "Depuis le 1er janvier 2020, les documents d'urbanisme (plan local d'urbanisme, carte communale) de "
         "toute commune, quelle que soit sa taille, sont publiés sur le portail national de l'urbanisme, le "
         "Géoportail de l'urbanisme, sous forme numérisée au standard du Conseil national de l'information "
         "géographique (CNIG).",
         "https://atd31.fr/fr/publications/info-lettre/il-2019/info-lettre-246/publication-obligatoire-des-plu-sur-le-geoportail-de-l-urbanisme-a-compter-du-1er-janvier-2020.html",
         "« A compter du 1er janvier 2020, tout nouveau document d'urbanisme doit être publié sur le Géoportail "
         "de l'urbanisme (GPU), qui est le site national pour l'accès dématérialisé aux documents d'urbanisme et "
         "aux servitudes d'utilité publique (articles L133-1 et R153-22 du code de l'urbanisme). » ; et le texte "
         "de l'article R153-22 qu'elle cite : « A compter du 1er janvier 2020, la publication, prévue au premier "
         "alinéa de l'article L. 2131-1 du code général des collectivités territoriales, des délibérations "
         "mentionnées à l'article R. 153-20 du code de l'urbanisme ainsi que celle des documents sur lesquels "
         "elles portent s'effectue sur le portail national de l'urbanisme mentionné à l'article L. 133-1 » "
         "(Agence technique départementale de la Haute-Garonne ; et la préfecture du Cantal, "
         "https://cantal.gouv.fr/index.php/layout/set/print/Action-de-l-Etat/Amenagement-du-Territoire-Construction/Urbanisme/Planification-et-Documents-d-urbanisme/Numerisation-des-documents-d-urbanisme/La-reglementation-applicable "
         ": « A partir du 1er janvier 2020, ce portail national de l'urbanisme est devenu la plate-forme légale "
         "de publication des documents d'urbanisme […] au standard validé par le conseil national de "
         "l'information géographique (CNIG). »)",
         VERIFIE, ("L133-1", "R153-22"), verifie_le="2026-12-05"),
    Fait("inspire-directive", "directive 2007/2/CE du 14 mars 2007 (INSPIRE)",
         "Infrastructure d'information géographique : 34 thèmes répartis dans trois annexes.",
         "http://www.geoinformations.developpement-durable.gouv.fr/spip.php?page=article_print&id_article=1652",
         "Cette directive, dite « Inspire » […] vise à établir une infrastructure d’information "
         "géographique dans la Communauté européenne pour favoriser la protection de l’environnement en "
         "développant la production et l’échange des données géographiques réparties dans trente-quatre "
         "thèmes, précisés dans les trois annexes de la directive.", VERIFIE,
         ("directive 2007/2/CE",)),
    Fait("inspire-transposition", "code de l'environnement, articles L127-1 à L127-10 ; ordonnance n° 2010-1232 du 21 octobre 2010",
         "La directive est transposée dans le code de l'environnement par l'ordonnance de 2010.",
         "https://www.yumpu.com/fr/document/view/32350732/transposition-de-la-directive-inspire-systame-dinformation",
         "L’ordonnance n° 2010-1232 du 21 octobre 2010 a transposé sur le plan législatif plusieurs "
         "directives européennes relatives à l’environnement et notamment la directive 2007/2/CE du 14 "
         "mars 2007, dite directive Inspire […] introduisant les nouveaux articles L. 127-1 à L. 127-10 "
         "dans ce code.", VERIFIE, ("ordonnance 2010-1232", "L127-1", "L127-10")),
    Fait("inspire-communes", "code de l'environnement, article L127-1 (communes), selon le guide du ministère",
         "INSPIRE s'applique aux données d'une commune quand une loi en impose la collecte ou la "
         "diffusion : les documents d'urbanisme, et, depuis la loi pour une République numérique, les "
         "bases et données que L312-1-1 oblige à publier (communes de 3 500 habitants et plus, 50 agents "
         "et plus).",
         "http://formations-geomatiques.developpement-durable.gouv.fr/MIG/directive_inspire_neophytes/co/02_autorites_concernees.html",
         "Jusqu'au 7 octobre 2016, les communes n'étaient donc concernées que pour leur document "
         "d'urbanisme […] Mais, depuis cette date, en vertu de l'article L312-1-1 alinéas 3 et 4 du CRPA "
         "[…] les éléments suivants doivent être mis en ligne et par conséquent doivent satisfaire aux "
         "exigences de la directive Inspire (métadonnées, services de consultation et de "
         "téléchargement)", VERIFIE, ("L127-1",)),
    # --- Canteens -----------------------------------------------------------------------------
    Fait("rural-l230-5-1", "code rural et de la pêche maritime, article L230-5-1",
         "Depuis le 1er janvier 2022, au moins 50 % de produits durables et de qualité, dont au moins "
         "20 % de produits biologiques, en valeur d'achats, dans la restauration collective publique.",
         "https://www.weka.fr/actualite/achats/article/bilan-de-la-mise-en-oeuvre-des-objectifs-de-la-loi-egalim-relatif-aux-achats-dans-la-restauration-collective-177602/",
         "La loi n° 2018-938 du 30 octobre 2018 […] dite loi « Egalim », a introduit, l’obligation "
         "d’atteindre au 1er janvier 2022 une part au moins égale, en valeur, à 50 % de produits "
         "durables et de qualité (tels que définis par la loi et le décret d’application) dont au moins "
         "20 % de produits biologiques, dans les repas servis en restauration collective rendant un "
         "service public", VERIFIE, ("L230-5-1", "loi 2018-938")),
    Fait("rural-l230-5-3", "code rural et de la pêche maritime, article L230-5-3 (rédaction en vigueur depuis le 1er janvier 2022)",
         "Le gestionnaire d'un restaurant collectif informe les usagers par un affichage permanent à "
         "l'entrée, actualisé au moins une fois par an, et au moins une fois par an par communication "
         "électronique, de la part des produits durables et de qualité et de celle des produits issus "
         "de projets alimentaires territoriaux.",
         "https://git.tricoteuses.fr/codes/code_rural_nouveau/commit/af9ee73bf448a10b1a2577292a50b1c37c8938c3",
         "Les personnes morales ayant la charge d'un restaurant collectif informent à l'entrée du "
         "restaurant, par un affichage permanent, actualisé au moins une fois par an, lisible par tous "
         "les usagers, et au moins une fois par an par communication électronique, les usagers des "
         "restaurants collectifs de la part des produits définis au I de l'article L. 230-5-1 et de la "
         "part des produits issus de projets alimentaires territoriaux entrant dans la composition des "
         "repas", VERIFIE, ("L230-5-3",)),
    Fait("loi-2021-1104", "loi n° 2021-1104 du 22 août 2021 « Climat et résilience »",
         "Elle a complété la loi EGalim et réécrit l'information des usagers des cantines.",
         "https://nosdeputes.fr/16/question/QE/15007",
         "La loi n° 2018-938 du 30 octobre 2018 […] dite loi « EGALIM », complétée par la loi n° "
         "2021-1104 du 22 août 2021 portant lutte contre le dérèglement climatique et renforcement de la "
         "résilience face à ses effets, dite loi « Climat et résilience »", VERIFIE,
         ("loi 2021-1104",)),
    # --- Canteens: national figures -----------------------------------------------------------
    Fait("cantines-2021-moyenne", "Part moyenne de bio des cantines déclarantes, achats 2021 (« ma cantine »)",
         "Moyenne des parts de bio de chaque cantine (chaque cantine compte pour une), 3 089 "
         "télédéclarations de la campagne 2021.",
         _MA_CANTINE_2021,
         "Recalculé sur le fichier publié lui-même (colonne teledeclaration_ratio_bio, 3 089 lignes) : "
         "moyenne 0,1427, soit 14,3 %.", VERIFIE, valeur="14,3\u00a0%"),
    Fait("cantines-2021-mediane", "Part médiane de bio des cantines déclarantes, achats 2021 (« ma cantine »)",
         "Une cantine déclarante sur deux fait moins, l'autre moitié plus.",
         _MA_CANTINE_2021,
         "Recalculé sur le fichier publié lui-même (colonne teledeclaration_ratio_bio, 3 089 lignes) : "
         "médiane 0,0986, soit 9,9 %.", VERIFIE, valeur="9,9\u00a0%"),
    Fait("cantines-2021-nb", "Nombre de télédéclarations, campagne 2021 (« ma cantine »)",
         "Télédéclarations dont on calcule la moyenne et la médiane ci-dessus.",
         _MA_CANTINE_2021,
         "Recalculé sur le fichier publié lui-même : 3 089 lignes, une par télédéclaration (colonne id).",
         VERIFIE, valeur="3\u00a0089"),
    Fait("cantines-2021-ministere", "Taux global de bio, achats 2021, bilan du ministère de l'Agriculture",
         "Achats bio rapportés à l'ensemble des achats des cantines déclarantes (pondéré par les "
         "achats), selon le rapport du Gouvernement au Parlement sur les objectifs de la loi Égalim.",
         _DRAAF_EGALIM_2023,
         "Le taux global des achats en Bio est de 10,6%, quant au taux global des achats EGAlim (bio inclus), il "
         "est de 23%. (DRAAF Bourgogne-Franche-Comté, ministère de l'Agriculture, résumé du bilan statistique "
         "remis au Parlement en 2023.) Et, sur "
         "https://www.vie-publique.fr/en-bref/293406-restauration-collective-plus-de-produits-durables-en-2022 : "
         "« Le taux d'approvisionnement en produits durables et de qualité des restaurants collectifs est passé "
         "de : 23% dont 10,6% de bio en 2021 ; à 27,5%, dont 13,1% de bio en 2022 » (vie-publique.fr, résumé "
         "du rapport au Parlement sur « l'application des objectifs d'approvisionnement fixés à la "
         "restauration collective » ; même chiffre dans "
         "http://www.pleinchamp.com/actualite/13-1-de-bio-et-27-5-de-produits-durables-et-de-qualite-dans-les-cantines-en-2022 "
         ": « En 2021, année inaugurale, les taux respectifs s'établissaient à 10,6% et 23% »)",
         VERIFIE, valeur="10,6\u00a0%", verifie_le="2026-12-05"),
    Fait("cantines-representativite", "Part des lieux de restauration couverts par les télédéclarations, achats 2021 (bilan du ministère)",
         "Pour la campagne sur les achats 2021, le bilan du ministère de l'Agriculture compte 3 281 "
         "déclarations, environ 10 % du total estimé des lieux de service, et précise que les répondants ne "
         "peuvent pas être considérés comme statistiquement représentatifs de leur secteur. (Le fichier "
         "publié en données ouvertes en compte 3 089 : c'est sur lui que sont recalculées la moyenne et la "
         "médiane.)",
         _DRAAF_EGALIM_2023,
         "Si les répondants ne peuvent être considérés comme statistiquement représentatifs de leur secteur, "
         "ils sont bien plus nombreux que dans les précédents travaux. Les 3 281 déclarations correspondent à "
         "environ 10 % du total estimé des lieux de service. (Page « Nouveau rapport EGalim 2023 » de la "
         "direction régionale de l'alimentation, de l'agriculture et de la forêt Bourgogne-Franche-Comté, qui "
         "résume le bilan statistique remis au Parlement. Pour la campagne suivante, achats 2022, deux comptes "
         "rendus de presse donnent 13 % : http://www.pleinchamp.com/actualite/13-1-de-bio-et-27-5-de-produits-durables-et-de-qualite-dans-les-cantines-en-2022 "
         "« représentatives de 13% des 81.000 sites de consommation » ; non repris dans le livre, faute d'avoir "
         "lu le bilan lui-même.)", VERIFIE, valeur="10\u00a0%", verifie_le="2026-12-05"),
    # --- RGPD in practice (book/rgpd-au-quotidien.md), read on 2026-12-05 -----------------------
    Fait("rgpd-art30", "RGPD, article 30 (registre des activités de traitement)",
         "Le responsable du traitement tient un registre des activités de traitement : finalités, "
         "catégories de personnes et de données, destinataires, délais d'effacement, mesures de sécurité. "
         "Selon la CNIL, cela concerne tous les organismes, publics comme privés, quelle que soit leur "
         "taille.",
         "https://prp.openum.ca/articles/article-30-rgpd/",
         "« 1. Chaque responsable du traitement et, le cas échéant, le représentant du responsable du "
         "traitement tiennent un registre des activités de traitement effectuées sous leur responsabilité. » "
         "(Et la CNIL, http://cnil.fr/RGDP-le-registre-des-activites-de-traitement : « L’obligation de "
         "tenir un registre des traitements concerne tous les organismes, publics comme privés et quelle "
         "que soit leur taille, dès lors qu’ils traitent des données personnelles. »)",
         VERIFIE, ("RGPD art. 30",), verifie_le="2026-12-05", officiel=_EUR_LEX_RGPD),
    Fait("rgpd-art28", "RGPD, article 28 (sous-traitant)",
         "Un prestataire qui traite des données pour la commune (un sous-traitant) est lié par un contrat "
         "qui fixe l'objet, la durée, la nature et la finalité du traitement, les données et les "
         "personnes concernées ; il n'agit que sur instruction documentée de la commune.",
         "https://gdprinfo.eu/fr/fr-article-28",
         "« Le traitement par un sous-traitant est régi par un contrat ou un autre acte juridique au titre "
         "du droit de l’Union ou du droit d’un État membre, qui lie le sous-traitant à l’égard du "
         "responsable du traitement, définit l’objet et la durée du traitement, la nature et la finalité "
         "du traitement, le type de données à caractère personnel et les catégories de personnes "
         "concernées, et les obligations et les droits du responsable du traitement. Ce contrat ou cet "
         "autre acte juridique prévoit, notamment, que le sous-traitant: a) ne traite les données à "
         "caractère personnel que sur instruction documentée du responsable du traitement […] »",
         VERIFIE, ("RGPD art. 28",), verifie_le="2026-12-05", officiel=_EUR_LEX_RGPD),
    Fait("rgpd-art35", "RGPD, article 35 (analyse d'impact, AIPD)",
         "Avant un traitement susceptible d'engendrer un risque élevé pour les droits et libertés des "
         "personnes, le responsable effectue une analyse d'impact, en demandant conseil au délégué à la "
         "protection des données ; la CNIL a publié une liste de quatorze types de traitements pour "
         "lesquels elle l'estime obligatoire.",
         "https://audit-dpo.com/article-35-analyse-d-impact-relative-a-la-protection-des-donnees/index.html",
         "« Lorsqu’un type de traitement, en particulier par le recours à de nouvelles technologies, et "
         "compte tenu de la nature, de la portée, du contexte et des finalités du traitement, est "
         "susceptible d’engendrer un risque élevé pour les droits et libertés des personnes physiques, le "
         "responsable du traitement effectue, avant le traitement, une analyse de l’impact des opérations "
         "de traitement envisagées sur la protection des données à caractère personnel. » (Paragraphe 2, "
         "https://gdprinfo.eu/fr/fr-article-35 : « le responsable du traitement demande conseil au délégué "
         "à la protection des données, si un tel délégué a été désigné » ; la CNIL, "
         "https://www.cnil.fr/liste-traitements-aipd-requise : « Elle comporte quatorze types d’opérations "
         "de traitement pour lesquelles elle estime obligatoire de réaliser une analyse d’impact relative "
         "[à la protection des données] ».)",
         VERIFIE, ("RGPD art. 35",), verifie_le="2026-12-05", officiel=_EUR_LEX_RGPD),
    Fait("cnil-aipd-deux-criteres", "CNIL, lignes directrices sur l'AIPD : la règle des deux critères",
         "En principe, un traitement qui remplit au moins deux des neuf critères européens (données "
         "sensibles, personnes vulnérables comme les enfants, croisement de fichiers, grande échelle…) "
         "demande une analyse d'impact. Cette règle vient des lignes directrices du groupe européen des "
         "autorités (« WP248 », 4 octobre 2017) et de celles de la CNIL (délibération du 11 octobre 2018, "
         "publiée au Journal officiel). Reste à vérifier : nous ne l'avons lue que dans des commentaires "
         "concordants (Éditions Francis Lefebvre, un cabinet de conseil), pas dans la phrase de la "
         "délibération ni dans celle des lignes directrices européennes.",
         "https://mgsi.lu/cnil/cnil-liste-des-traitements-pour-lesquels-une-aipd-est-requise",
         "« La CNIL considère qu’en principe, un traitement qui rencontre au moins deux des critères "
         "mentionnés ci-dessus doit faire l’objet d’une AIPD. » (Et "
         "https://www.efl.fr/actualite/cnil-precise-conditions-analyse-impact-protection-donnees-personnelles_UI-1c54c9d8-5734-479c-a43f-c6f58b92ea81 "
         ": « la Cnil considère notamment que, si un traitement remplit au moins deux des neuf critères "
         "identifiés par le CEPD pour caractériser la présence d'un risque élevé […] » ; ces lignes directrices "
         "« complètent celles adoptées au niveau européen par l'ancien groupe de travail G29 (Lignes directrices "
         "WP 248 rév. 01, 4-10-2017) ». Le texte à relire : délibération n° 2018-326 du 11 octobre 2018, "
         "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000037559518 ; la page lue n'en montre que le début.)",
         A_VERIFIER, ("CNIL AIPD deux critères",), verifie_le="2026-12-05"),
    Fait("rgpd-art4", "RGPD, article 4, points 1 et 5 (donnée personnelle, pseudonymisation)",
         "Une donnée personnelle est toute information se rapportant à une personne physique identifiée ou "
         "identifiable, directement ou indirectement ; la pseudonymisation est un traitement tel que les "
         "données ne peuvent plus être attribuées à une personne précise sans informations supplémentaires "
         "conservées séparément.",
         "https://open.lefebvre-dalloz.fr/droit-affaires/protection-donnees-personnelles/donnee-personnelle_a93583",
         "La notion de données à caractère personnel est définie comme « toute information se rapportant à "
         "une personne physique identifiée ou identifiable » (RGPD, art. 4, 1). (Et, pour le point 5, "
         "https://prod.les-infostrateges.com/actu/rgpd-entre-anonymisation-et-pseudonymisation : « Le RGPD, "
         "dans son article 4, point 5, définit la pseudonymisation comme \"le traitement de données à caractère "
         "personnel de telle façon que celles-ci ne puissent plus être attribuées à une personne concernée "
         "précise sans avoir recours à des informations supplémentaires, pour autant que ces informations "
         "supplémentaires soient conservées séparément […]\" ».)",
         VERIFIE, ("RGPD art. 4",), verifie_le="2026-12-05", officiel=_EUR_LEX_RGPD),
    Fait("rgpd-art6", "RGPD, article 6 (licéité : les six bases légales)",
         "Un traitement n'est licite que sur l'une des six bases de l'article 6, paragraphe 1 (consentement, "
         "contrat, obligation légale, intérêts vitaux, mission d'intérêt public, intérêts légitimes) ; les "
         "intérêts légitimes ne valent pas pour les autorités publiques dans l'exécution de leurs missions.",
         "https://www.leto.legal/articles-rgpd/article-6",
         "« 1. Le traitement n'est licite que si, et dans la mesure où, au moins une des conditions suivantes "
         "est remplie: a) la personne concernée a consenti […] b) […] l'exécution d'un contrat […] c) […] "
         "le respect d'une obligation légale […] d) […] la sauvegarde des intérêts vitaux […] e) […] "
         "l'exécution d'une mission d'intérêt public ou relevant de l'exercice de l'autorité publique […] "
         "f) […] aux fins des intérêts légitimes […]. Le point f) du premier alinéa ne s'applique pas au "
         "traitement effectué par les autorités publiques dans l'exécution de leurs missions. »",
         VERIFIE, ("RGPD art. 6",), verifie_le="2026-12-05", officiel=_EUR_LEX_RGPD),
    Fait("rgpd-art9", "RGPD, article 9 (catégories particulières de données)",
         "Le traitement des données qui révèlent l'origine, les opinions politiques, les convictions "
         "religieuses, ou qui concernent la santé, est interdit, sauf dans les cas que l'article énumère.",
         "https://leto.legal/articles-rgpd/article-9",
         "« 1. Le traitement des données à caractère personnel qui révèle l'origine raciale ou ethnique, les "
         "opinions politiques, les convictions religieuses ou philosophiques ou l'appartenance syndicale, "
         "ainsi que le traitement […] des données concernant la santé […] sont interdits. 2. Le paragraphe 1 "
         "ne s'applique pas si l'une des conditions suivantes est remplie […] »",
         VERIFIE, ("RGPD art. 9",), verifie_le="2026-12-05", officiel=_EUR_LEX_RGPD),
    Fait("rgpd-considerant26", "RGPD, considérant 26 (données pseudonymisées, données anonymes)",
         "Des données pseudonymisées restent des informations sur une personne identifiable ; le règlement "
         "ne s'applique pas aux informations rendues anonymes de telle manière que la personne ne soit plus "
         "identifiable.",
         "https://gdpr-text.com/fr/read/recital-26/",
         "« Les données à caractère personnel qui ont fait l'objet d'une pseudonymisation et qui pourraient "
         "être attribuées à une personne physique par le recours à des informations supplémentaires devraient "
         "être considérées comme des informations concernant une personne physique identifiable. […] Il n'y "
         "a dès lors pas lieu d'appliquer les principes relatifs à la protection des données aux informations "
         "anonymes […] ni aux données à caractère personnel rendues anonymes de telle manière que la personne "
         "concernée ne soit pas ou plus identifiable. »",
         VERIFIE, ("RGPD considérant 26",), verifie_le="2026-12-05", officiel=_EUR_LEX_RGPD),
    Fait("rgpd-art12", "RGPD, article 12, paragraphe 3 (répondre dans le mois)",
         "La réponse à une demande d'exercice des droits (accès, effacement…) est donnée dans les meilleurs "
         "délais et au plus tard dans le mois ; ce délai peut être prolongé de deux mois si la demande est "
         "complexe, en prévenant la personne.",
         "https://www.leto.legal/articles-rgpd/article-12",
         "« 3. Le responsable du traitement fournit à la personne concernée des informations sur les mesures "
         "prises à la suite d'une demande formulée en application des articles 15 à 22, dans les meilleurs "
         "délais et en tout état de cause dans un délai d'un mois à compter de la réception de la demande. Au "
         "besoin, ce délai peut être prolongé de deux mois, compte tenu de la complexité et du nombre de "
         "demandes. »",
         VERIFIE, ("RGPD art. 12",), verifie_le="2026-12-05", officiel=_EUR_LEX_RGPD),
    Fait("rgpd-art13", "RGPD, article 13 (informer les personnes lors de la collecte)",
         "Quand on recueille des données auprès d'une personne, on lui dit notamment combien de temps elles "
         "seront gardées (ou les critères qui fixent cette durée).",
         "https://www.leto.legal/articles-rgpd/article-13?ac921e16_page=1",
         "« 2. En plus des informations visées au paragraphe 1, le responsable du traitement fournit à la "
         "personne concernée, au moment où les données à caractère personnel sont obtenues, les informations "
         "complémentaires suivantes […] : a) la durée de conservation des données à caractère personnel ou, "
         "lorsque ce n'est pas possible, les critères utilisés pour déterminer cette durée; »",
         VERIFIE, ("RGPD art. 13",), verifie_le="2026-12-05", officiel=_EUR_LEX_RGPD),
    Fait("rgpd-droits-15-17-20", "RGPD, articles 15, 17 et 20 (accès, effacement, portabilité)",
         "Toute personne peut obtenir l'accès à ses données et une copie (article 15), leur effacement dans "
         "les cas prévus (article 17), et recevoir celles qu'elle a fournies dans un format structuré, "
         "couramment utilisé et lisible par machine (article 20).",
         "https://leto.legal/articles-rgpd/article-15",
         "Article 15 : « 1. La personne concernée a le droit d'obtenir du responsable du traitement la "
         "confirmation que des données à caractère personnel la concernant sont ou ne sont pas traitées et, "
         "lorsqu'elles le sont, l'accès auxdites données […] 3. Le responsable du traitement fournit une copie "
         "des données […] ». Article 17, https://gdprinfo.eu/fr/fr-article-17 : « La personne concernée a le "
         "droit d'obtenir du responsable du traitement l'effacement, dans les meilleurs délais, de données à "
         "caractère personnel la concernant […] lorsque l'un des motifs suivants s'applique ». Article 20, "
         "cité par http://master-ip-it-leblog.fr/rgpd-quest-ce-que-la-portabilite-des-donnees/ : « les "
         "personnes concernées ont le droit de recevoir les données à caractère personnel les concernant "
         "qu'elles ont fournies à un responsable de traitement, dans un format structuré, couramment utilisé "
         "et lisible par machine »",
         VERIFIE, ("RGPD art. 15", "RGPD art. 17", "RGPD art. 20"), verifie_le="2026-12-05",
         officiel=_EUR_LEX_RGPD),
    Fait("rgpd-art5-minimisation", "RGPD, article 5, paragraphe 1, c (minimisation des données)",
         "Les données personnelles traitées sont adéquates, pertinentes et limitées à ce qui est nécessaire "
         "au regard des finalités pour lesquelles elles sont traitées.",
         "https://www.cnil.fr/fr/definition/minimisation",
         "« Le principe de minimisation prévoit que les données à caractère personnel doivent être adéquates, "
         "pertinentes et limitées à ce qui est nécessaire au regard des finalités pour lesquelles elles sont "
         "traitées. » (CNIL ; l'article et le point, selon https://jurisdor.fr/cycle/etape/2/categorie/33/page/68 : "
         "« Article 5, 1°, c) du Règlement général sur la protection des données »)",
         VERIFIE, ("RGPD art. 5",), verifie_le="2026-12-05", officiel=_EUR_LEX_RGPD),
    Fait("rgpd-art5-conservation", "RGPD, article 5, paragraphe 1, e (limitation de la conservation)",
         "Les données personnelles ne sont gardées sous une forme qui identifie les personnes que le temps "
         "nécessaire à leur finalité ; la CNIL distingue la base active, l'archivage intermédiaire et "
         "l'archivage définitif.",
         "https://www.lexagone.fr/duree-de-conservation-des-donnees-personnelles",
         "L’article 5 du RGPD prévoit notamment que : « Les données à caractère personnel doivent être […] "
         "conservées sous une forme permettant l’identification des personnes concernées pendant une durée "
         "n’excédant pas celle nécessaire au regard des finalités pour lesquelles elles sont traitées » "
         "(et la CNIL, http://www.cnil.fr/fr/gerer-la-duree-de-conservation-des-donnees : « une durée de "
         "conservation doit être déterminée par le responsable de traitement en fonction de l’objectif "
         "ayant conduit à la collecte de ces données » ; « Ce cycle connaît trois phases : Conservation en "
         "base active […] Archivage intermédiaire […] Archivage définitif »)",
         VERIFIE, ("RGPD art. 5",), verifie_le="2026-12-05", officiel=_EUR_LEX_RGPD),
    Fait("rgpd-art33", "RGPD, article 33 (notifier une violation à la CNIL)",
         "Une violation de données personnelles qui présente un risque pour les personnes est notifiée à "
         "la CNIL dans les meilleurs délais et, si possible, 72 heures au plus tard après en avoir pris "
         "connaissance ; un sous-traitant prévient la commune sans attendre.",
         "https://privacy-gdpr.eu/fr/article-33-rgpd",
         "« 1. En cas de violation de données à caractère personnel, le responsable du traitement en "
         "notifie la violation en question à l’autorité de contrôle compétente conformément à l’article 55, "
         "dans les meilleurs délais et, si possible, 72 heures au plus tard après en avoir pris "
         "connaissance, à moins que la violation en question ne soit pas susceptible d’engendrer un risque "
         "pour les droits et libertés des personnes physiques. » « 2. Le sous-traitant notifie au "
         "responsable du traitement toute violation de données à caractère personnel dans les meilleurs "
         "délais après en avoir pris connaissance. » (Et la CNIL, "
         "https://www.cnil.fr/fr/cnil-direct/question/reglement-europeen-quand-faut-il-notifier-une-violation-de-donnees-la-cnil : "
         "« Vous devez le notifier à la CNIL dans les meilleurs délais, au plus tard dans les 72 heures, "
         "en utilisant notre téléservice de notification de violations. »)",
         VERIFIE, ("RGPD art. 33",), verifie_le="2026-12-05", officiel=_EUR_LEX_RGPD),
    Fait("rgpd-art34", "RGPD, article 34 (informer les personnes d'une violation)",
         "Quand la violation est susceptible d'engendrer un risque élevé pour les personnes, la commune les "
         "informe dans les meilleurs délais, en termes clairs et simples.",
         "https://privacy-gdpr.eu/fr/article-34-rgpd",
         "« 1. Lorsqu’une violation de données à caractère personnel est susceptible d’engendrer un risque "
         "élevé pour les droits et libertés d’une personne physique, le responsable du traitement communique "
         "la violation de données à caractère personnel à la personne concernée dans les meilleurs délais. "
         "2. La communication à la personne concernée visée au paragraphe 1 du présent article décrit, en "
         "des termes clairs et simples, la nature de la violation de données à caractère personnel […] »",
         VERIFIE, ("RGPD art. 34",), verifie_le="2026-12-05", officiel=_EUR_LEX_RGPD),
    Fait("rgpd-art37", "RGPD, article 37 (désignation du délégué à la protection des données)",
         "Toute autorité publique ou organisme public, donc toute commune, désigne un délégué à la "
         "protection des données ; un même délégué peut être désigné pour plusieurs communes.",
         "https://privacy-gdpr.eu/?p=243",
         "« 1. Le responsable du traitement et le sous-traitant désignent en tout état de cause un délégué "
         "à la protection des données lorsque: a) le traitement est effectué par une autorité publique ou "
         "un organisme public, à l’exception des juridictions agissant dans l’exercice de leur fonction "
         "juridictionnelle; […] 3. Lorsque le responsable du traitement ou le sous-traitant est une "
         "autorité publique ou un organisme public, un seul délégué à la protection des données peut être "
         "désigné pour plusieurs autorités ou organismes de ce type, compte tenu de leur structure "
         "organisationnelle et de leur taille. »",
         VERIFIE, ("RGPD art. 37",), verifie_le="2026-12-05", officiel=_EUR_LEX_RGPD),
    # --- Other chapters -----------------------------------------------------------------------
    Fait("electoral-r67-r69", "code électoral, articles R67 et R69",
         "Proclamation du résultat de chaque bureau de vote ; procès-verbaux.",
         "https://www.doctrine.fr/l/texts/codes/LEGITEXT000006070239/articles/LEGIARTI000006354578?version=LEGIARTI000028112297&source=legislation-text",
         "Article R69 : « Lorsque les électeurs de la commune sont répartis en plusieurs bureaux de vote, "
         "le dépouillement du scrutin est d'abord opéré par bureau et les procès-verbaux sont établis "
         "conformément aux dispositions de l'article R. 67. » ; article R67, selon "
         "https://election.collectivites.legibase.fr : « dès l’établissement du procès-verbal, le "
         "résultat est proclamé en public par le président du bureau de vote et affiché en toutes "
         "lettres par ses soins dans la salle de vote. »", VERIFIE, ("R67", "R69")),
    Fait("electoral-l65-l66", "code électoral, articles L65 et L66 ; loi n° 2014-172 du 21 février 2014",
         "Les bulletins blancs sont décomptés à part ; ni blancs ni nuls ne sont des suffrages "
         "exprimés.",
         "https://lexbase.fr/index/source/14264737-loi-n-2014172-du-21-fevrier-2014-visant-a-reconnaitre-le-vote-blanc-aux-elections-1",
         "Le troisième alinéa de l'article L. 65 du code électoral est complété par trois phrases ainsi "
         "rédigées : « Les bulletins blancs sont décomptés séparément et annexés au procès-verbal. Ils "
         "n'entrent pas en compte pour la détermination des suffrages exprimés, mais il en est fait "
         "spécialement mention dans les résultats des scrutins. »", VERIFIE,
         ("L65", "L66", "loi 2014-172")),
    Fait("electoral-l126-l162", "code électoral, articles L126 et L162",
         "Élection au premier tour (majorité absolue des exprimés et quart des inscrits) et seuil de "
         "12,5 % des inscrits pour le second tour des législatives.",
         "http://www.assemblee-nationale.fr/elections/second-tour.asp",
         "Art. L. 162 du Code électoral. - […] nul ne peut être candidat au deuxième tour s'il ne s'est "
         "présenté au premier tour et s'il n'a obtenu un nombre de suffrages au moins égal à 12,5 % du "
         "nombre des électeurs inscrits. (Article L126, sur doctrine.fr : « Nul n'est élu au premier "
         "tour de scrutin s'il n'a réuni : 1° La majorité absolue des suffrages exprimés ; 2° Un nombre "
         "de suffrages égal au quart du nombre des électeurs inscrits. »)", VERIFIE, ("L126", "L162")),
    Fait("decret-tertiaire", "décret n° 2019-771 du 23 juillet 2019 (« décret tertiaire »)",
         "Bâtiments tertiaires de 1 000 m² et plus : réduire la consommation d'énergie finale d'au moins "
         "40 % en 2030, 50 % en 2040 et 60 % en 2050 par rapport à une année de référence.",
         "https://www.lagazettedescommunes.com/632943/obligations-dactions-de-reduction-de-la-consommation-denergie-dans-des-batiments-a-usage-tertiaire/",
         "L’article L. 111-10-3 du code de la construction et de l’habitation prévoit l’obligation de mise "
         "en œuvre d’actions de réduction de la consommation d’énergie finale dans les bâtiments "
         "existants à usage tertiaire afin de parvenir à une réduction de la consommation d’énergie "
         "finale pour l’ensemble des bâtiments soumis à l’obligation d’au moins 40 % en 2030, 50 % en "
         "2040 et 60 % en 2050 par rapport à 2010.", VERIFIE, ("décret 2019-771",)),
    Fait("arrete-tertiaire-2020", "arrêté du 10 avril 2020 relatif aux obligations d'actions de réduction des "
         "consommations d'énergie finale dans des bâtiments à usage tertiaire",
         "L'arrêté d'application du décret tertiaire fixe comment ajuster les consommations d'énergie en fonction "
         "des variations du climat, et comment les moduler selon le volume de l'activité : on compare des "
         "consommations corrigées du climat et de l'usage.",
         f"{_LEGIFRANCE}/jorf/id/JORFTEXT000041842389",
         "Notice : le présent arrêté précise les conditions de détermination du niveau des objectifs de "
         "consommation d'énergie finale à atteindre pour chacune des catégories d'activités concernées, les "
         "modalités d'ajustement des données de consommation d'énergie finale en fonction des variations "
         "climatiques, les conditions de modulation des niveaux de consommation d'énergie en fonction du volume "
         "de l'activité, […] (JORF n° 0108 du 3 mai 2020, texte n° 33, NOR : LOGL2005904A)", VERIFIE,
         ("arrêté 2020-04-10 LOGL2005904A",), verifie_le="2026-12-04"),
    Fait("loi-elan", "loi n° 2018-1021 du 23 novembre 2018 (ÉLAN), article 175",
         "Elle a inscrit l'obligation de réduire la consommation d'énergie des bâtiments tertiaires dans "
         "le code de la construction et de l'habitation.",
         "https://www.actu-juridique.fr/civil/immobilier/les-modalites-de-mise-en-oeuvre-de-lobligation-dactions-de-reduction-des-consommations-denergie-dans-les-batiments-a-usage-tertiaire/",
         "L’article 175 de la loi n° 2018-1021 du 23 novembre 2018 portant évolution du logement, de "
         "l’aménagement et du numérique, dite ÉLAN, prévoit, à l’article L. 111-10-3 du Code de la "
         "construction et de l’habitation, l’obligation de mise en œuvre d’actions de réduction de la "
         "consommation d’énergie finale dans les bâtiments existants à usage tertiaire", VERIFIE,
         ("loi 2018-1021", "loi 2018-1021 art. 175")),
    Fait("cch-l174-1", "CCH, article L174-1",
         "L'obligation, créée à l'article L111-10-3 du code de la construction et de l'habitation, figure "
         "depuis sa recodification (1er juillet 2021) à l'article L174-1 ; ses modalités sont aux articles "
         "R174-22 et suivants.",
         "https://www.demeure-historique.org/juridique/dispositif-eco-efficacite-tertiaire/",
         "« Pris en application de l'article L. 174-1 du Code de la construction et de l'habitation, le "
         "dispositif Eco Efficacité Tertiaire (DEET), codifié aux articles R. 174-22 et suivants du Code de la "
         "construction et de l'habitation, met en place une obligation de mise en œuvre d'actions de réduction "
         "des consommations d'énergie dans les bâtiments à usage tertiaire. » (Le texte en vigueur, lu sur "
         "Légifrance, https://circulaires.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006074096/LEGISCTA000041569863/2022-05-26/?anchor=LEGIARTI000042122391 "
         ": « I. - Des actions de réduction de la consommation d'énergie finale sont mises en œuvre dans les "
         "bâtiments, parties de bâtiments ou ensembles de bâtiments existants à usage tertiaire, […] d'au moins "
         "40 % en 2030, 50 % en 2040 et 60 % en 2050, par rapport à 2010. » ; la section « Obligations "
         "d'actions de réduction de la consommation d'énergie finale dans des bâtiments à usage tertiaire » du "
         "chapitre IV, en vigueur depuis le 1er juillet 2021 : https://tricoteuses.fr/legifrance/sections/LEGISCTA000043819441 ; "
         "la recodification, selon https://deborah.boussemart-avocat.fr/ : « a été récemment recodifié et "
         "partiellement réécrit par le décret n° 2021-872 du 30 juin 2021 ».)", VERIFIE,
         ("L174-1", "R174-22"), verifie_le="2026-12-05"),
    Fait("loi-2015-992", "loi n° 2015-992 du 17 août 2015, article 179 ; décret n° 2016-973 du 18 juillet 2016",
         "Publication des données d'énergie par les gestionnaires de réseaux : l'article 179 de la loi "
         "relative à la transition énergétique organise l'accès des collectivités aux données de "
         "production et de consommation ; le décret fixe les données rendues publiques (il a été modifié "
         "par le décret n° 2020-196 du 4 mars 2020).",
         "https://www.agenceore.fr/news/les-sources-de-lopen-data/",
         "L'article 179 a pour ambition de rééquilibrer le rapport entre les gestionnaires de réseaux et les "
         "collectivités, notamment en organisant l'accès aux données de production et de consommation "
         "d'énergie […] (Décret n° 2016-973 du 18 juillet 2016, copie du Journal officiel, "
         "https://journal-officiel.vlex.fr/vid/decret-n-2016-973-789006813 : « Décret n° 2016-973 du 18 "
         "juillet 2016 relatif à la mise à disposition des personnes publiques de données relatives au "
         "transport, à la distribution et à la production d'électricité, de gaz naturel et de biométhane, de "
         "produits pétroliers et de chaleur et de froid » ; « Notice : le décret définit […] les informations "
         "rendues publiques ou pouvant l'être » ; modifié par le décret n° 2020-196, "
         "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000041690917)", VERIFIE,
         ("loi 2015-992", "décret 2016-973", "décret 2020-196", "loi 2015-992 art. 179"), verifie_le="2026-12-04"),
    # --- Real figures quoted by the elections and energy chapters, read on 2026-12-05 -----------
    Fait("participation-presidentielle-2022-t1", "Participation au 1er tour de l'élection présidentielle de 2022 (résultats officiels)",
         "35 923 707 votants pour 48 747 876 inscrits, soit 73,7 % de participation (26,31 % d'abstention), "
         "selon les résultats arrêtés par le Conseil constitutionnel.",
         "https://www.touteleurope.eu/vie-politique-des-etats-membres/election-presidentielle-2022-les-resultats-officiels-du-premier-tour/",
         "« L'abstention a atteint un taux de 26,31 %. […] Sur 48 747 876 électeurs inscrits sur les listes "
         "électorales, 35 923 707 personnes ont voté. » (Toute l'Europe, sur les résultats officiels validés "
         "par le Conseil constitutionnel le 13 avril 2022 ; 35 923 707 ÷ 48 747 876 = 73,69 %.)",
         VERIFIE, valeur="73,7\u00a0%", verifie_le="2026-12-05"),
    Fait("participation-legislatives-2024-t1", "Participation au 1er tour des élections législatives de 2024",
         "66,7 % des inscrits ont voté au premier tour, le 30 juin 2024.",
         "https://www.europe1.fr/politique/direct-legislatives-2024-les-bureaux-de-vote-viennent-douvrir-dans-lhexagone-4256973",
         "« La mobilisation des électeurs s'annonce toujours forte avec une participation attendue au même "
         "niveau qu'au premier tour où elle avait atteint 66,7%, du jamais-vu depuis la précédente dissolution "
         "en 1997. » (Europe 1, 7 juillet 2024 ; même chiffre dans "
         "https://atlasinfo.fr/la-participation-finale-au-2e-tour-estimee-a-6750.html : « contre 66,7% lors du "
         "premier tour ».)",
         VERIFIE, valeur="66,7\u00a0%", verifie_le="2026-12-05"),
    Fait("sdes-secret-energie", "Données locales d'énergie masquées par le secret statistique (SDES, avant 2016)",
         "Sous les règles de diffusion en vigueur jusqu'en 2016 (décret de 2011), le secret statistique "
         "cachait environ 20 % des données locales d'électricité et 45 % de celles de gaz, selon le service "
         "statistique du ministère de la Transition écologique (SDES).",
         "https://123dok.net/document/q2nwkdej-les-donn%C3%A9es-locales-de-consommation-d-%C3%A9nergie.html",
         "Présentation « Les données locales de consommation d'énergie », François-Xavier Dussud, SDES, 11 "
         "avril 2017 (copie en ligne) : « Jusqu'en 2016, cette diffusion était encadrée par un décret de 2011 "
         "[…] qui présente certaines limites : […] contrainte forte de respect du secret statistique : 20 % "
         "des données cachées pour l'électricité, 45 % pour le gaz »",
         VERIFIE, valeur="20\u00a0% des données locales d'électricité et 45\u00a0% de celles de gaz", verifie_le="2026-12-05"),
    Fait("cgct-conseil", "CGCT, articles L2121-15, L2121-25 et L2121-26",
         "Procès-verbal publié en ligne, liste des délibérations affichée et mise en ligne dans la "
         "semaine, communication des délibérations, budgets et comptes à toute personne.",
         "http://www.orphin.fr/publications/compte-rendu-du-conseil-municipal/",
         "l’article L2121-25 prévoit que dans un délai d’une semaine, la liste des délibérations "
         "examinées par le conseil municipal est affichée à la Mairie et mise en ligne sur le site "
         "internet de la commune. Le procès-verbal est arrêté au commencement de la séance suivante et "
         "signé par le Maire et le secrétaire de séance (art L2121-15). (Et, selon l'avis CADA "
         "http://cada.data.gouv.fr/20211038/ : « il résulte de l’article L2121-26 du code général des "
         "collectivités territoriales que toute personne peut demander communication des délibérations "
         "et procès-verbaux du conseil municipal, des arrêtés municipaux, ainsi que des budgets et "
         "comptes de la commune ». Et le texte des deux articles, cité par "
         "https://lapagelocale.com/index2/question4.php : « Dans la semaine qui suit la séance au cours de "
         "laquelle il a été arrêté, le procès-verbal est publié sous forme électronique de manière permanente "
         "et gratuite sur le site internet de la commune, lorsqu'il existe, et un exemplaire sur papier est mis "
         "à la disposition du public » (L2121-15) ; « Dans un délai d'une semaine, la liste des délibérations "
         "examinées par le conseil municipal est affichée à la mairie et mise en ligne sur le site internet de "
         "la commune, lorsqu'il existe. » (L2121-25), lu le 6 décembre 2026.)", VERIFIE,
         ("L2121-15", "L2121-25", "L2121-26")),
    Fait("cgct-l2121-20", "CGCT, article L2121-20",
         "Les délibérations sont prises à la majorité absolue des suffrages exprimés.",
         "https://www.doctrine.fr/l/texts/codes/LEGITEXT000006070633/articles/LEGIARTI000006389878?source=legislation",
         "Les délibérations sont prises à la majorité absolue des suffrages exprimés. Lorsqu'il y a "
         "partage égal des voix et sauf cas de scrutin secret, la voix du président est prépondérante.",
         VERIFIE, ("L2121-20",)),
    Fait("ordonnance-2021-1310", "ordonnance n° 2021-1310 du 7 octobre 2021",
         "Publicité des actes des collectivités sous forme électronique.",
         "https://www.cnil.fr/fr/la-publication-des-documents-des-collectivites-territoriales-lies-lexercice-de-leur-pouvoir",
         "les collectivités territoriales et leurs groupements sont toutefois tenus, depuis le 1er "
         "juillet 2022, de délivrer à quiconque en fait la demande un exemplaire papier des actes publiés "
         "sous forme électronique dans le cadre de la réforme introduite par l’ordonnance n° 2021-1310 "
         "et le décret n°2021-1311 du 7 octobre 2021.", VERIFIE, ("ordonnance 2021-1310",)),
    Fait("accessibilite", "loi n° 2005-102 du 11 février 2005, article 47 ; décret n° 2019-768 du 24 juillet 2019",
         "Accessibilité numérique des services publics en ligne.",
         "https://www.doctrine.fr/l/texts/lois/JORFTEXT000000809647/articles/LEGIARTI000006682279",
         "I.-Sont accessibles aux personnes handicapées dans les conditions définies au présent article "
         "les services de communication au public en ligne des organismes suivants : 1° Les personnes "
         "morales de droit public ; (Décret n° 2019-768 du 24 juillet 2019 relatif à l'accessibilité aux "
         "personnes handicapées des services de communication au public en ligne, sur Légifrance.)",
         VERIFIE, ("loi 2005-102", "décret 2019-768", "loi 2005-102 art. 47")),
)

FAITS: dict[str, Fait] = {f.id: f for f in _ENTREES}


def fait(identifiant: str) -> Fait:
    """The entry `identifiant`; a French error naming the known ids otherwise."""
    try:
        return FAITS[identifiant]
    except KeyError:
        raise ErreurFait(f"Le registre des faits n'a pas d'entrée « {identifiant} ». Entrées connues : "
                         + ", ".join(FAITS) + ".") from None


# --- Finding the citations in a text ------------------------------------------------------------
_ARTICLE = re.compile(r"(?<![\w/.-])([LRD])\.?\s?(\d{2,4}(?:-\d+)*)(?![\w/])")
_TEXTE = re.compile(r"\b(loi|décret|ordonnance)s?\s+(?:organique\s+)?n[°o]\s?(\d{2,4}-\d+)", re.IGNORECASE)
_DIRECTIVE = re.compile(r"directive\s+(?:\(UE\)\s+|n°\s?)?(\d{4}/\d+/CE)", re.IGNORECASE)
_REGLEMENT = re.compile(r"règlement\s+\(UE\)\s+(?:n°\s?)?(\d{4}/\d+)", re.IGNORECASE)


# Articles of the RGPD: pages name them « RGPD, article 30 », « articles 15 et 20 du RGPD », or, in a
# paragraph about the RGPD, « (article 9) » and « considérant 26 ». An article number followed by the
# name of another text (« article 10 de la loi… ») is not an RGPD article.
_MENTION_RGPD = re.compile(r"\bRGPD\b|règlement (?:général sur la protection des données|\(UE\) 2016/679)")
_ARTICLE_NU = re.compile(
    r"\b(articles?|considérants?)\s+((?:\d{1,2}(?![\d-])(?:\s*,\s*|\s+(?:et|à)\s+)?)+)"
    r"(?!\s*(?:,\s*)?(?:de la loi|de cette loi|de la même loi|du code|du même code|du décret|de l'ordonnance|"
    r"de la directive|du CRPA|de la Constitution|du CGCT|de l'arrêté|de la Convention|du traité))")
_AUTRE_TEXTE = re.compile(r"\b(?:CRPA|code|loi|décret|ordonnance|CGCT|directive)\b", re.IGNORECASE)


def _articles_rgpd(paragraphe: str) -> set[str]:
    """« RGPD art. 9 », « RGPD considérant 26 » for the RGPD articles a paragraph names."""
    if not _MENTION_RGPD.search(paragraphe):
        return set()
    trouvees = set()
    for phrase in re.split(r"(?<=[.;:!?])\s+|\n\s*(?:[-*]|\d+\.)\s+", paragraphe):
        for nature, numeros in _ARTICLE_NU.findall(phrase):
            # a bare « article 6 » belongs to the RGPD only when nothing else in the sentence could own it
            explicite = not _AUTRE_TEXTE.search(phrase)
            if nature.startswith("considérant") or explicite or re.search(
                    rf"(?:RGPD|règlement)\W{{1,6}}{nature}\s+{re.escape(numeros.strip())}|"
                    rf"{nature}\s+{re.escape(numeros.strip())}\s+du (?:RGPD|règlement)", phrase):
                libelle = "considérant" if nature.startswith("considérant") else "art."
                trouvees |= {f"RGPD {libelle} {n}" for n in re.findall(r"\d+", numeros)}
    return trouvees


# Articles of a law, a decree or an ordinance: « l'article 18 de la loi pour une République numérique »,
# « (loi n° 2000-321 du 12 avril 2000, article 10) », « la loi NOTRe (…) a, par son article 106 ». The
# law is named by its number, by its usual title (below), or by its date (« la loi du 12 avril 2000 »,
# reported as such so that the registry test asks for its number).
_LOIS_NOMMEES = {
    r"loi pour une République numérique|loi Lemaire|loi (?:dite )?« ?République numérique ?»": "loi 2016-1321",
    r"loi NOTRe": "loi 2015-991",
    r"loi [ÉE]LAN": "loi 2018-1021",
    r"loi EGalim": "loi 2018-938",
    r"loi (?:dite )?« ?3DS ?»|loi 3DS": "loi 2022-217",
    r"loi (?:dite )?« ?Climat et résilience ?»|loi Climat et résilience": "loi 2021-1104",
    r"loi (?:dite )?« ?[Ii]nformatique et libertés ?»|loi [Ii]nformatique et libertés": "loi 78-17",
}
_LOI_NOMMEE = re.compile("|".join(f"(?:{motif})" for motif in _LOIS_NOMMEES))
_MOIS_RE = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_LOI_DATEE = re.compile(rf"\b(loi|décret|ordonnance) du (\d{{1,2}}(?:er)? (?:{_MOIS_RE}) \d{{4}})", re.IGNORECASE)
_ARTICLE_NUMERO = re.compile(
    r"\b(?:articles?|art\.)\s+((?:\d+(?:er)?(?:-\d+)?(?![\w/-])(?:\s*,\s*|\s+(?:et|à)\s+)?)+)", re.IGNORECASE)
# what may follow the number: the text that owns it
_SUITE_AUTRE = re.compile(r"\s*,?\s*(?:du (?:code|CRPA|CGCT|CCH|RGPD|règlement|traité|même code)|de la (?:directive|"
                          r"Constitution|Convention)|de l'arrêté|du présent)", re.IGNORECASE)
_SUITE_TEXTE = re.compile(r"\s*,?\s*(?:de la|du|de l')\s*(loi|décret|ordonnance)\b", re.IGNORECASE)
_SUITE_MEME = re.compile(r"\s*,?\s*(?:de (?:cette|la même|ladite) (?:loi|ordonnance)|du (?:même|dit|présent) décret)",
                         re.IGNORECASE)
# between a law and a bare « article 6 », another text's name breaks the link
_AUTRE_NOM = re.compile(r"\b(?:code|CRPA|CGCT|CCH|RGPD|règlement|directive|décret|ordonnance|arrêté|loi)s?\b",
                        re.IGNORECASE)


def _mentions_de_textes(paragraphe: str) -> list[tuple[int, int, str]]:
    """(start, end, normalised name) of every law, decree or ordinance a paragraph names, in order."""
    mentions = [(m.start(), m.end(), f"{m.group(1).lower()} {m.group(2)}") for m in _TEXTE.finditer(paragraphe)]
    for m in _LOI_NOMMEE.finditer(paragraphe):
        nom = next(v for k, v in _LOIS_NOMMEES.items() if re.fullmatch(k, m.group(0)))
        mentions.append((m.start(), m.end(), nom))
    for m in _LOI_DATEE.finditer(paragraphe):
        if not any(debut <= m.start() < fin for debut, fin, _ in mentions):
            mentions.append((m.start(), m.end(), f"{m.group(1).lower()} du {m.group(2)}"))
    return sorted(mentions)


def _articles_de_textes(paragraphe: str) -> set[str]:
    """« loi 2016-1321 art. 18 » for each article of a law, a decree or an ordinance the paragraph names."""
    mentions = _mentions_de_textes(paragraphe)
    trouvees = set()
    for m in _ARTICLE_NUMERO.finditer(paragraphe):
        numeros = re.findall(r"\d+(?:-\d+)?", m.group(1))
        suite = paragraphe[m.end():]
        if _SUITE_AUTRE.match(suite):
            continue
        precedentes = [(debut, fin, nom) for debut, fin, nom in mentions if fin <= m.start()]
        if _SUITE_TEXTE.match(suite) and not _SUITE_MEME.match(suite):
            # « article 18 de la loi … »: the text named right after, else the one named before (« de la loi »)
            apres = _SUITE_TEXTE.match(suite).end() + m.end()
            suivante = next((nom for debut, _, nom in mentions if m.end() <= debut <= apres + 3), None)
            proprietaire = suivante or (precedentes[-1][2] if precedentes else
                                        f"{_SUITE_TEXTE.match(suite).group(1).lower()} ?")
        elif precedentes:
            # « (loi n° 2000-321 du 12 avril 2000, article 10) », « par son article 106 », « de cette loi »:
            # the text named last before, when no other text is named in between
            debut, fin, nom = precedentes[-1]
            if not _SUITE_MEME.match(suite) and _AUTRE_NOM.search(paragraphe[fin:m.start()]):
                continue
            proprietaire = nom
        else:
            continue
        trouvees |= {f"{proprietaire} art. {n}" for n in numeros}
    return trouvees


def _sans_balises(texte: str) -> str:
    """The text as read: MyST roles ({term}`loi <cible>`) and emphasis marks removed."""
    texte = re.sub(r"\{[\w:-]+\}`([^`<]*?)\s*(?:<[^`>]*>)?`", r"\1", texte)
    return re.sub(r"\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)|`", "", texte)


def references_citees(texte: str) -> set[str]:
    """The legal citations in `texte`, normalised: « L312-1-1 », « loi 2016-1321 »,
    « décret 2016-1922 », « ordonnance 2010-1232 », « directive 2007/2/CE », « règlement 2016/679 »,
    « RGPD art. 30 », « RGPD considérant 26 », « loi 2016-1321 art. 18 » (an article of a law, a decree or
    an ordinance; « loi du 12 avril 2000 art. 10 » when the law is named by its date only)."""
    texte = texte.replace("\u00a0", " ").replace("\u202f", " ")
    trouvees = set()
    for paragraphe in re.split(r"\n\s*\n", texte):
        trouvees |= _articles_rgpd(re.sub(r"[ \t]+", " ", paragraphe))
        lu = re.sub(r"\s+", " ", _sans_balises(paragraphe))
        trouvees |= _articles_de_textes(lu)
        trouvees |= {nom for _, _, nom in _mentions_de_textes(lu) if " du " not in nom}
    texte = re.sub(r"\s+", " ", texte)
    trouvees |= {f"{lettre}{numero}" for lettre, numero in _ARTICLE.findall(texte)}
    trouvees |= {f"{nature.lower()} {numero}" for nature, numero in _TEXTE.findall(texte)}
    trouvees |= {f"directive {n}" for n in _DIRECTIVE.findall(texte)}
    trouvees |= {f"règlement {n}" for n in _REGLEMENT.findall(texte)}
    return trouvees


_COUVERTES = {r for f in _ENTREES for r in f.references}


def absentes(texte: str) -> set[str]:
    """Citations of `texte` that no entry of the registry covers."""
    return references_citees(texte) - _COUVERTES


# --- Showing the registry ------------------------------------------------------------------------
def lien_html(identifiant: str) -> str:
    """The entry as an HTML link to its source, with its state (checked on… / à vérifier), and, when the
    source is a copy of the text, a link to the official text."""
    import html

    f = fait(identifiant)
    etat = _etat(f) + (", sur une copie du texte" if f.officiel else "")
    officiel = f" ; <a href='{html.escape(f.officiel)}'>texte officiel</a>" if f.officiel else ""
    if f.code and f.code != f.source:
        ou = "EUR-Lex" if "eur-lex" in f.code else "Légifrance"
        quoi = "le code en vigueur" if "/codes/" in f.code else "le texte"
        officiel += f" ; <a href='{html.escape(f.code)}'>{quoi} sur {ou}</a>"
    return (f"<a href='{html.escape(f.source)}'>{html.escape(f.intitule)}</a> "
            f"<span style='font-size:0.9em'>({html.escape(etat)}{officiel})</span>")


def tableau(identifiants=None):
    """The registry as a small table for the book: Texte ou chiffre / Ce que le cours en dit / Source."""
    import pandas as pd

    choisis = [fait(i) for i in identifiants] if identifiants is not None else list(_ENTREES)
    return pd.DataFrame(
        [(f.intitule + (f" : {f.valeur}" if f.valeur else ""), f.enonce, f.source, _etat(f)) for f in choisis],
        columns=["Texte ou chiffre", "Ce que le cours en dit", "Source", "État"],
    )


def coller() -> None:
    """Glue every figure of the registry as ``fait_<id>`` (its value, « à vérifier » added when it
    was not checked) for MyST pages: ``{glue:text}`fait_cantines-2021-moyenne```."""
    from myst_nb import glue

    for f in _ENTREES:
        if f.valeur is not None:
            glue(f"fait_{f.id}", f.valeur if f.verifie else f"{f.valeur} (à vérifier)", display=False)
