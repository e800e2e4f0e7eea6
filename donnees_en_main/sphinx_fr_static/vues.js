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
  function tout() { document.querySelectorAll("[data-vues]").forEach(brancher); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", tout);
  else tout();
})();
