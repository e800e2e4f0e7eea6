// Tables on a phone (donnees_en_main.livre.sphinx_fr): a table wider than its column is shown as
// cards, one per row, each cell after its column's name (data-label, read from the table's last header
// row). No column is hidden and nothing scrolls sideways; a fixed-layout table whose columns would be
// squeezed below their longest word is shown as cards too. Checked again when the width changes and
// when a dashboard shows another view (a table that was hidden has no width until then).
(function () {
  function etiqueter(table) {
    if (table.dataset.demEtiquete) return;
    var lignes = table.tHead ? table.tHead.rows : [];
    var entete = lignes.length ? lignes[lignes.length - 1] : null;
    var noms = [];
    if (entete) {
      Array.prototype.forEach.call(entete.cells, function (c) {
        for (var k = 0; k < (c.colSpan || 1); k++) noms.push(c.textContent.trim());
      });
    }
    Array.prototype.forEach.call(table.tBodies, function (corps) {
      Array.prototype.forEach.call(corps.rows, function (ligne) {
        var col = 0;
        Array.prototype.forEach.call(ligne.cells, function (cellule) {
          var nom = noms[col] || "";
          if (nom && !cellule.hasAttribute("data-label")) cellule.setAttribute("data-label", nom);
          col += cellule.colSpan || 1;
        });
      });
    });
    table.dataset.demEtiquete = "1";
  }
  // The width a table may take: the column, or less inside a dropdown or a box (their padding).
  function largeur_disponible(table) {
    var parent = table.parentElement, style = getComputedStyle(parent);
    var dedans = parent.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return Math.min(table.closest(".bd-article").clientWidth, dedans);
  }
  function ajuster() {
    document.querySelectorAll(".bd-article table").forEach(function (table) {
      if (!table.offsetParent) return; // hidden (another view of a dashboard, a closed dropdown)
      table.classList.remove("dem-cartes");
      var colonne = largeur_disponible(table);
      // A table with a fixed layout (e.g. a file's profile) never overflows: it squeezes its columns
      // until words break letter by letter. It is measured as it would be laid out freely.
      var style = table.style, disposition = style.tableLayout, largeur = style.width;
      style.tableLayout = "auto";
      style.width = "auto";
      var trop_large = table.getBoundingClientRect().width > colonne + 1 || table.scrollWidth > colonne + 1;
      style.tableLayout = disposition;
      style.width = largeur;
      if (trop_large) {
        etiqueter(table);
        table.classList.add("dem-cartes");
      }
    });
  }
  var prevu = false;
  function plus_tard() {
    if (prevu) return;
    prevu = true;
    requestAnimationFrame(function () { prevu = false; ajuster(); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ajuster);
  else ajuster();
  window.addEventListener("resize", plus_tard);
  document.addEventListener("input", plus_tard);
  document.addEventListener("change", plus_tard);
  document.addEventListener("toggle", plus_tard, true); // <details> dropdowns opened
  document.addEventListener("click", plus_tard);
})();
