/* Map of the hits of a search page: one marker per hit, no tiles (works offline). Opening a marker
   opens the hit in the list; opening a hit in the list highlights its marker. */
(function () {
  "use strict";
  var element = document.getElementById("search-map");
  var data = document.getElementById("search-hits");
  if (!element || !data || !window.L) { return; }
  var hits = JSON.parse(data.textContent).filter(function (h) { return h.lat !== null && h.lon !== null; });
  if (!hits.length) { element.hidden = true; return; }
  var map = L.map(element, { zoomSnap: 0.25, keyboard: true, attributionControl: false });
  var markers = {};
  var group = L.featureGroup();
  hits.forEach(function (hit, i) {
    var marker = L.circleMarker([hit.lat, hit.lon], {
      radius: 8, color: "#003366", weight: 2, fillColor: hit.point_exact ? "#ffb000" : "#ffffff", fillOpacity: 0.9
    });
    marker.bindTooltip((i + 1) + ". " + hit.name);
    marker.on("click", function () {
      var item = document.getElementById("hit-" + hit.id);
      if (item) { item.querySelector("details").open = true; item.scrollIntoView({ block: "nearest" }); }
    });
    marker.addTo(group);
    markers[hit.id] = marker;
  });
  group.addTo(map);
  map.fitBounds(group.getBounds().pad(0.2), { maxZoom: 14 });
  document.querySelectorAll(".hit details").forEach(function (details) {
    details.addEventListener("toggle", function () {
      var id = details.parentElement.id.replace("hit-", "");
      var marker = markers[id];
      if (!marker) { return; }
      marker.setStyle({ color: details.open ? "#c00000" : "#003366", weight: details.open ? 4 : 2 });
      if (details.open) { marker.openTooltip(); marker.getElement && marker.getElement() && marker.getElement().classList.add("selected-marker"); }
    });
  });
  element.setAttribute("data-ready", "true");
})();
