/* Données en main: the search page in French (added to search.html only, by donnees_en_main.livre.sphinx_fr).
 *
 * Sphinx's searchtools.js, adjusted where it fails a French reader:
 * - accents and case do not matter: the index stores words without accents (RechercheFrancaise), the
 *   query's words are stripped the same way (its splitQuery); here, page and section titles and the
 *   glossary's entries are compared without accents too (« mediane » finds « Médiane »);
 * - each result's excerpt comes from the page's own text (its article), not from the menus and
 *   buttons around it (« Thème », « Contenu »), around the first word found, accents or not.
 * Runs before Search.init (deferred script, before DOMContentLoaded); does nothing elsewhere.
 */
(function () {
  "use strict";
  if (typeof Search === "undefined") return;

  // One character for one (so that positions in the stripped text are positions in the text).
  const simple = (c) => {
    const s = c.normalize("NFD").replace(/\p{Mn}/gu, "").toLowerCase();
    return s.length === 1 ? s : c.toLowerCase().length === 1 ? c.toLowerCase() : c;
  };
  const sansAccents = (texte) => Array.from(texte, simple).join("");
  const sansAccentsRequete = (texte) =>
    texte.normalize("NFD").toLowerCase().replace(/\u0153/g, "oe").replace(/\u00e6/g, "ae").replace(/\p{Mn}/gu, "");

  // The words that the page opened from a result highlights: as typed (the query's words reach
  // searchtools.js without their accents, and « mediane » would highlight nothing in « médiane »).
  const analyser = Search._parseQuery;
  Search._parseQuery = (query) => {
    const resultat = analyser(query);
    if (typeof SPHINX_HIGHLIGHT_ENABLED !== "undefined" && SPHINX_HIGHLIGHT_ENABLED) {
      const mots = query.toLowerCase().split(/[^\p{Letter}\p{Number}_]+/u)
        .filter((m) => m && stopwords.indexOf(m) === -1);
      localStorage.setItem("sphinx_highlight_terms", mots.join(" "));
    }
    return resultat;
  };

  // --- titles and glossary entries, without accents -------------------------------------------
  const rechercher = Search._performSearch;
  Search._performSearch = (query, ...reste) => {
    const index = Search._index;
    const originaux = new Map();  // stripped title → title as written
    const garder = (t) => { const s = sansAccentsRequete(t); if (!originaux.has(s)) originaux.set(s, t); return s; };
    const cles = (objet) => Object.fromEntries(Object.entries(objet).map(([k, v]) => [garder(k), v]));
    const avant = {titles: index.titles, alltitles: index.alltitles, indexentries: index.indexentries};
    index.titles = avant.titles.map(garder);
    index.alltitles = cles(avant.alltitles);
    index.indexentries = cles(avant.indexentries);
    let resultats;
    try {
      resultats = rechercher(sansAccentsRequete(query), ...reste);
    } finally {
      Object.assign(index, avant);
    }
    // « Page > Section » or « Page »: each part as written
    resultats.forEach((r) => {
      r[1] = String(r[1]).split(" > ").map((t) => originaux.get(t) || t).join(" > ");
    });
    return resultats;
  };

  // --- excerpts from the page's text -----------------------------------------------------------
  const RETIRER = ".headerlink, script, style, h1, .essayer-navigateur, .dem-cache";
  Search.htmlToText = (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, "text/html");
    const article = doc.querySelector("article.bd-article") || doc.querySelector('[role="main"]');
    if (!article) return "";
    article.querySelectorAll(RETIRER).forEach((el) => el.remove());
    let texte = article.textContent;
    if (anchor) {
      const cible = article.querySelector(anchor);
      if (cible) {
        texte = cible.textContent;
        // a glossary term: its definition follows it
        if (cible.tagName === "DT" && cible.nextElementSibling) texte += " : " + cible.nextElementSibling.textContent;
      }
    }
    return texte.replace(/\s+/g, " ").trim();
  };

  const AVANT = 80, LONGUEUR = 240;
  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const texte = Search.htmlToText(htmlText, anchor);
    if (!texte) return null;
    const simplifie = sansAccents(texte);
    const mots = [...keywords].map(sansAccentsRequete).filter((k) => k.length > 1);
    const echapper = (k) => k.replace(/[.*+\-?^${}()|[\]\\]/g, "\\$&");
    // where the query's words follow each other (« données personnelles »), else its longest word
    const suite = mots.length > 1 ? simplifie.search(new RegExp(mots.map(echapper).join("\\p{L}*\\P{L}+"), "u")) : -1;
    const plusLong = [...mots].sort((a, b) => b.length - a.length)[0];
    const trouve = suite > -1 ? suite : Math.max(plusLong ? simplifie.indexOf(plusLong) : 0, 0);
    let debut = Math.max(trouve - AVANT, 0);
    if (debut > 0) debut = texte.indexOf(" ", debut) + 1 || debut;  // from a whole word
    const fin = Math.min(debut + LONGUEUR, texte.length);
    const extrait = document.createElement("p");
    extrait.classList.add("context");
    if (debut > 0) extrait.append("… ");
    // the words found, highlighted (accents or not)
    const morceau = texte.slice(debut, fin), morceauSimple = simplifie.slice(debut, fin);
    const motif = mots.length ? new RegExp(mots.map((k) => echapper(k) + "\\p{L}*").join("|"), "gu") : null;
    let i = 0;
    if (motif) {
      for (const m of morceauSimple.matchAll(motif)) {
        extrait.append(morceau.slice(i, m.index));
        const marque = document.createElement("span");
        marque.className = "highlighted";
        marque.textContent = morceau.slice(m.index, m.index + m[0].length);
        extrait.append(marque);
        i = m.index + m[0].length;
      }
    }
    extrait.append(morceau.slice(i));
    if (fin < texte.length) extrait.append(" …");
    return extrait;
  };
})();
