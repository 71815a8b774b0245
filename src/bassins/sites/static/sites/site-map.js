/* A bassin's map: its outline, communes, Monitoring quartiers and service points, from one GeoJSON
   (sites:map); no tiles (works offline, nothing fetched from another server). The lists beside the
   map give the same information to keyboard and screen-reader users.
   <div class="map" data-geojson=URL data-lang=fr|nl data-bassin=CODE [data-no-points=true]> */
(function () {
  "use strict";
  var colours = { N: "#1b9e77", NE: "#d95f02", S: "#7570b3", SE: "#e7298a", CO: "#66a61e" };
  var styles = {
    commune: { color: "#222", weight: 2, fill: false, dashArray: "4" },
    monitoring: { color: "#555", weight: 0.7, fill: false }
  };

  function draw(element) {
    var lang = element.dataset.lang === "nl" ? "nl" : "fr";
    var points = element.dataset.noPoints !== "true";
    var map = L.map(element, { zoomSnap: 0.25, preferCanvas: true, scrollWheelZoom: false });
    map.attributionControl.setPrefix("");
    map.attributionControl.addAttribution("Statbel, IBSA");
    fetch(element.dataset.geojson).then(function (r) { return r.json(); }).then(function (data) {
      var outline = null;
      L.geoJSON(data, {
        filter: function (f) { return points || f.properties.kind !== "service"; },
        style: function (f) {
          if (f.properties.kind === "bassin") {
            return { color: "#333", weight: 2, fillColor: colours[f.properties.code] || "#999", fillOpacity: 0.35 };
          }
          return styles[f.properties.kind] || {};
        },
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: 3.5, color: "#0b3d91", weight: 1, fillColor: "#fff", fillOpacity: 1 });
        },
        onEachFeature: function (f, layer) {
          if (f.properties.kind === "bassin") { outline = layer; }
          if (f.properties.kind === "service") { layer.bindTooltip(f.properties["name_" + lang] || ""); }
        }
      }).addTo(map);
      if (outline) { map.fitBounds(outline.getBounds(), { padding: [6, 6] }); }
      element.setAttribute("data-ready", "true");
    });
  }

  if (!window.L) { return; }
  Array.prototype.forEach.call(document.querySelectorAll(".map[data-geojson]"), draw);
})();
