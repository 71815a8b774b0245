/* The choropleth of an indicator page: areas filled by class, areas significantly worse than the
   region at 99.8% outlined thick red; no tiles. The table of the page gives the same information.
   <div class="map" data-choropleth=URL data-lang="fr|nl"> */
(function () {
  "use strict";
  if (!window.L) { return; }
  Array.prototype.forEach.call(document.querySelectorAll(".map[data-choropleth]"), function (element) {
    var lang = element.dataset.lang === "nl" ? "nl" : "fr";
    var map = L.map(element, { zoomSnap: 0.25, keyboard: true, scrollWheelZoom: false });
    map.attributionControl.setPrefix("");
    map.attributionControl.addAttribution("Statbel, IBSA");
    fetch(element.dataset.choropleth).then(function (r) { return r.json(); }).then(function (data) {
      var layer = L.geoJSON(data, {
        style: function (f) {
          var worse = f.properties.comparison998 === "worse";
          return { color: worse ? "#c0392b" : "#555", weight: worse ? 3 : 0.6,
                   fillColor: f.properties.colour || "#ffffff", fillOpacity: 0.85 };
        },
        onEachFeature: function (f, l) {
          var v = f.properties.value;
          l.bindTooltip(f.properties["name_" + lang] + (v === undefined || v === null ? "" : ": " + v.toLocaleString(lang)));
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [8, 8] });
      element.setAttribute("data-ready", "true");
    });
  });
})();
