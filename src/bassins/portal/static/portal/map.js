/* The maps: bassins as coloured polygons with their name, communes as outlines; no tiles (works
   offline). A click on a bassin opens its page (the legend and the tables give the same links to
   keyboard and screen-reader users).
   <div class="map" data-bassins=URL data-communes=URL data-bassin-url=".../CODE/" data-lang
        [data-focus-layer="bassin|commune" data-focus-code=CODE]> */
(function () {
  "use strict";
  var colours = { N: "#1b9e77", NE: "#d95f02", S: "#7570b3", SE: "#e7298a", CO: "#66a61e" };

  function fetchJson(url) { return fetch(url).then(function (r) { return r.json(); }); }

  function draw(element) {
    var lang = element.dataset.lang === "nl" ? "nl" : "fr";
    var focusLayer = element.dataset.focusLayer, focusCode = element.dataset.focusCode;
    var map = L.map(element, { zoomSnap: 0.25, attributionControl: true, keyboard: true, scrollWheelZoom: false });
    map.attributionControl.setPrefix("");
    map.attributionControl.addAttribution("Statbel, IBSA");
    var urls = [fetchJson(element.dataset.bassins)];
    if (element.dataset.communes) { urls.push(fetchJson(element.dataset.communes)); }
    Promise.all(urls).then(function (data) {
      var focus = null;
      var bassins = L.geoJSON(data[0], {
        style: function (f) {
          var dim = focusLayer === "bassin" && f.properties.code !== focusCode;
          return { color: "#333", weight: 2, fillColor: colours[f.properties.code] || "#999",
                   fillOpacity: dim ? 0.2 : 0.55 };
        },
        onEachFeature: function (f, layer) {
          layer.bindTooltip(f.properties["name_" + lang], {
            permanent: true, direction: "center", className: "bassin-label"
          });
          if (element.dataset.bassinUrl) {
            layer.on("click", function () {
              window.location.href = element.dataset.bassinUrl.replace("CODE", f.properties.code);
            });
          }
          if (focusLayer === "bassin" && f.properties.code === focusCode) { focus = layer; }
        }
      }).addTo(map);
      if (data[1]) {
        L.geoJSON(data[1], {
          style: function (f) {
            var here = focusLayer === "commune" && f.properties.code === focusCode;
            return here ? { color: "#000", weight: 4, fill: true, fillColor: "#fff", fillOpacity: 0.35 }
                        : { color: "#fff", weight: 1, fill: false, dashArray: "3" };
          },
          interactive: false,
          onEachFeature: function (f, layer) {
            if (focusLayer === "commune" && f.properties.code === focusCode) { focus = layer; }
          }
        }).addTo(map);
      }
      map.fitBounds((focus || bassins).getBounds(), { padding: [8, 8] });
      element.setAttribute("data-ready", "true");
    });
  }

  if (!window.L) { return; }
  Array.prototype.forEach.call(document.querySelectorAll(".map[data-bassins]"), draw);
})();
