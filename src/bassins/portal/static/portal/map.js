/* The region map: bassins as coloured polygons, communes as outlines; no tiles (works offline). */
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || !window.L) { return; }
  var lang = element.dataset.lang === "nl" ? "nl" : "fr";
  var colours = { N: "#1b9e77", NE: "#d95f02", S: "#7570b3", SE: "#e7298a", CO: "#66a61e" };
  var map = L.map(element, { zoomSnap: 0.25, attributionControl: true, keyboard: true });
  map.attributionControl.setPrefix("");
  map.attributionControl.addAttribution("Statbel, IBSA");

  function fetchJson(url) { return fetch(url).then(function (r) { return r.json(); }); }

  Promise.all([fetchJson(element.dataset.bassins), fetchJson(element.dataset.communes)]).then(function (data) {
    var bassins = L.geoJSON(data[0], {
      style: function (f) {
        return { color: "#333", weight: 2, fillColor: colours[f.properties.code] || "#999", fillOpacity: 0.55 };
      },
      onEachFeature: function (f, layer) {
        layer.bindTooltip(f.properties["name_" + lang], { sticky: true });
      }
    }).addTo(map);
    L.geoJSON(data[1], {
      style: { color: "#fff", weight: 1, fill: false, dashArray: "3" },
      interactive: false
    }).addTo(map);
    map.fitBounds(bassins.getBounds());
    element.setAttribute("data-ready", "true");
  });
})();
