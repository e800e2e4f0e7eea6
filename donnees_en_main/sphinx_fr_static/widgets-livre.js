// Loaded between require.js and embed-amd.js on the pages that have widgets (nb_ipywidgets_js in
// _config.yml). Two fixes to the ipywidgets HTML manager as served by the book itself:
(function () {
  // 1. Fonts: the manager looks for its fonts next to the URL of its AMD modules, which require.js
  //    computes from the page's own folder by default (404s). Map the modules to the folder of the
  //    self-hosted embed-amd.js: _static/widgets/, next to this file.
  var dossier = document.currentScript.src.replace(/[^/]*$/, "") + "widgets/";
  var paths = {};
  ["base", "base7", "controls", "controls7", "html-manager", "html-manager/dist/libembed-amd", "output"].forEach(
    function (nom) { paths["@jupyter-widgets/" + nom] = dossier + nom.replace(/.*\//, ""); }
  );
  window.require.config({ paths: paths });

  // 2. Accessibility: a slider's handle gets the name of the slider's visible label and the text of
  //    its readout (ipywidgets leaves the handle nameless, and says "0" for an option slider showing
  //    « aucune »); a label without a tooltip loses its title="null"; a widget box whose content is
  //    wider than the screen (a table on a phone) can be reached with the keyboard to scroll it.
  function reparer(racine) {
    racine.querySelectorAll(".jupyter-widgets").forEach(function (boite) {
      var defile = boite.scrollWidth > boite.clientWidth + 1 &&
        ["auto", "scroll"].indexOf(window.getComputedStyle(boite).overflowX) !== -1;
      if (defile && boite.tabIndex < 0) boite.tabIndex = 0;
    });
    racine.querySelectorAll(".widget-label[title='null'], .widget-label[title='']").forEach(function (l) {
      l.removeAttribute("title");
    });
    racine.querySelectorAll(".widget-slider").forEach(function (boite) {
      var etiquette = boite.querySelector(".widget-label");
      var lecture = boite.querySelector(".widget-readout");
      boite.querySelectorAll("[role='slider']").forEach(function (poignee) {
        var nom = etiquette && etiquette.textContent.trim();
        if (nom && !poignee.hasAttribute("aria-label") && !poignee.hasAttribute("aria-labelledby")) {
          poignee.setAttribute("aria-label", nom.replace(/\s*:\s*$/, ""));
        }
        if (lecture && lecture.textContent.trim()) {
          poignee.setAttribute("aria-valuetext", lecture.textContent.trim());
        }
      });
    });
  }
  var enAttente = false;
  new MutationObserver(function () {
    if (enAttente) return;
    enAttente = true;
    window.requestAnimationFrame(function () { enAttente = false; reparer(document); });
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  window.addEventListener("resize", function () { reparer(document); });
})();
