/* The place of an event on the bassins' map (no tiles): a marker at the address point.
   <div class="agenda-map" data-bassins=URL data-lat data-lon data-lang> */
(function () {
  "use strict";
  if (!window.L) { return; }
  Array.prototype.forEach.call(document.querySelectorAll(".agenda-map[data-lat]"), function (element) {
    var lat = parseFloat(element.dataset.lat), lon = parseFloat(element.dataset.lon);
    // a picture of the place (role="img", named by its address): no control to focus inside it
    var map = L.map(element, { attributionControl: true, zoomControl: false, keyboard: false,
                               scrollWheelZoom: false });
    map.attributionControl.setPrefix("");
    map.attributionControl.addAttribution("Statbel, BOSA BeST");
    map.setView([lat, lon], 14);  // a view before any layer: vector layers need the map's bounds
    fetch(element.dataset.bassins).then(function (r) { return r.json(); }).then(function (data) {
      L.geoJSON(data, { style: { color: "#333", weight: 1, fillColor: "#d7dde4", fillOpacity: 0.4 }, interactive: false }).addTo(map);
      L.circleMarker([lat, lon], { radius: 9, color: "#0b5cad", weight: 3, fillColor: "#fff", fillOpacity: 1, interactive: false }).addTo(map);
      element.setAttribute("data-ready", "true");
    });
  });
})();
