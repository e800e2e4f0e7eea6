// Views chosen without a kernel (donnees_en_main.interactif, book mode): each [data-vues] box holds
// its controls ([data-dimension]: a <select>, a group of radio buttons or a range slider, whose
// value is an option's index) and one pre-computed view per combination ([data-cle="i-j-…"]).
// Choosing shows the matching view; nothing is asked of any server.
(function () {
  function valeur(controle) {
    if (controle.tagName === "FIELDSET") {
      var coche = controle.querySelector("input:checked");
      return coche ? coche.value : "";
    }
    return controle.value;
  }
  function brancher(boite) {
    var controles = boite.querySelectorAll(":scope > .dem-vues-controles [data-dimension]");
    var panneaux = boite.querySelectorAll(":scope > .dem-vues-panneaux > [data-cle]");
    function montrer() {
      var cle = Array.prototype.map.call(controles, valeur).join("-");
      panneaux.forEach(function (p) { p.hidden = p.getAttribute("data-cle") !== cle; });
      controles.forEach(function (c) {
        if (c.type !== "range") return;
        var libelle = JSON.parse(c.getAttribute("data-libelles"))[Number(c.value)];
        c.setAttribute("aria-valuetext", libelle);
        var sortie = c.parentNode.querySelector("output");
        if (sortie) sortie.textContent = libelle;
      });
    }
    controles.forEach(function (c) {
      c.addEventListener("input", montrer);
      c.addEventListener("change", montrer);
    });
  }
  // A view wider than a phone scrolls in its own box: that box must be reachable with the keyboard
  // (WCAG 2.1.1), so it gets into the tab order while, and only while, it scrolls.
  function defilables() {
    document.querySelectorAll(".dem-vues-panneaux > [data-cle]:not([hidden]), .dem-vues-panneaux > [data-cle]:not([hidden]) *")
      .forEach(function (el) {
        var style = window.getComputedStyle(el).overflowX;
        var defile = (style === "auto" || style === "scroll") && el.scrollWidth > el.clientWidth + 1;
        if (defile && !el.hasAttribute("tabindex")) el.setAttribute("tabindex", "0");
        if (!defile && el.getAttribute("tabindex") === "0" && el.hasAttribute("data-defile")) el.removeAttribute("tabindex");
        if (defile) el.setAttribute("data-defile", "");
      });
  }
  function tout() {
    document.querySelectorAll("[data-vues]").forEach(brancher);
    defilables();
    window.addEventListener("resize", defilables);
    document.addEventListener("change", defilables);
    document.addEventListener("input", defilables);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", tout);
  else tout();
})();
