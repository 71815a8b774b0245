/* The accessibility page: sectors coloured by the walk to the nearest site, under-served sectors
   outlined, the sites as dots, the suggested sites as labelled squares; the scenario panel posts the edits to the scenario endpoint and shows
   the figures before and after. No tiles (works offline). The tables give the same information. */
(function () {
  "use strict";
  var config = document.getElementById("access-config");
  var dataNode = document.getElementById("access-data");
  if (!config || !dataNode) { return; }
  var data = JSON.parse(dataNode.textContent);
  var t = config.dataset;
  var edits = [];
  var colours = ["#edf8fb", "#b3cde3", "#8c96c6", "#8856a7", "#810f7c"];
  function colour(minutes) {
    if (minutes === null || minutes === undefined) { return "#ccc"; }
    var i = minutes <= 5 ? 0 : minutes <= 10 ? 1 : minutes <= 15 ? 2 : minutes <= 20 ? 3 : 4;
    return colours[i];
  }
  function fmt(n) { return n === null || n === undefined ? "—" : Math.round(n).toLocaleString(document.documentElement.lang); }
  function pct(x) { return x === null || x === undefined ? "—" : (100 * x).toFixed(1) + " %"; }

  var map = null, siteLayer = null, addedLayer = null;
  var element = document.getElementById("access-map");
  if (window.L && element) {
    map = L.map(element, { zoomSnap: 0.25, keyboard: true, scrollWheelZoom: false });
    map.attributionControl.setPrefix("");
    map.attributionControl.addAttribution("Statbel, IBSA, AFMPS, FPS Health");
    var sectors = L.geoJSON(data.sectors, {
      style: function (f) {
        var p = f.properties;
        return p.under_served ? { color: "#c00", weight: 3, fillColor: colour(p.minutes), fillOpacity: 0.75 }
                              : { color: "#666", weight: 0.5, fillColor: colour(p.minutes), fillOpacity: 0.75 };
      },
      onEachFeature: function (f, layer) {
        layer.bindTooltip(f.properties.name + ": " + (f.properties.minutes === null ? "—" : f.properties.minutes + " min"));
      }
    }).addTo(map);
    siteLayer = L.geoJSON(data.sites, {
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, { radius: 4, color: "#000", weight: 1, fillColor: "#ffd400", fillOpacity: 1 });
      },
      onEachFeature: function (f, layer) {
        layer.on("click", function (event) {
          L.DomEvent.stopPropagation(event);
          edits.push({ op: "close", site: f.properties.index });
          layer.setStyle({ fillColor: "#fff", color: "#c00" });
          run();
        });
        layer.bindTooltip((f.properties.name || "") + " — " + t.textClose);
      }
    }).addTo(map);
    // the suggested sites: labelled squares (C = maximal coverage, M = p-median), not colour alone;
    // a site both methods chose is one marker with both labels ("C2 M1")
    var suggested = L.layerGroup().addTo(map), spots = {}, order = [];
    ((data.suggestions || {}).features || []).forEach(function (f) {
      var p = f.properties, key = f.geometry.coordinates.join(",");
      var name = document.documentElement.lang === "nl" ? p.sector_name_nl : p.sector_name_fr;
      if (!spots[key]) { spots[key] = { f: f, labels: [], titles: [], methods: [] }; order.push(key); }
      spots[key].labels.push((p.method === "coverage" ? "C" : "M") + p.rank);
      spots[key].titles.push((p.method === "coverage" ? t.textCoverage : t.textMedian) + " " + p.rank + ": " + name);
      spots[key].methods.push(p.method);
    });
    order.forEach(function (key) {
      var s = spots[key], c = s.f.geometry.coordinates;
      var style = s.methods.indexOf("coverage") < 0 ? "median" : s.methods.indexOf("median") < 0 ? "coverage" : "both";
      L.marker([c[1], c[0]], {
        icon: L.divIcon({ className: "suggestion-pin", iconSize: [0, 0],
                          html: '<span class="suggestion-marker ' + style + '">' + s.labels.join(" ") + "</span>" }),
        interactive: false, keyboard: false, title: s.titles.join(" · ")
      }).addTo(suggested);
    });
    element.setAttribute("data-suggestions", String(order.length));
    addedLayer = L.layerGroup().addTo(map);
    map.fitBounds(sectors.getBounds(), { padding: [8, 8] });
    map.on("click", function (event) {
      edits.push({ op: "add", lat: event.latlng.lat, lon: event.latlng.lng });
      L.circleMarker(event.latlng, { radius: 6, color: "#006400", weight: 2, fillColor: "#7fff00", fillOpacity: 1 }).addTo(addedLayer);
      run();
    });
    element.setAttribute("data-ready", "true");
  }

  function centreOf(code) {
    var found = null;
    data.sectors.features.forEach(function (f) {
      if (f.properties.code === code && window.L) { found = L.geoJSON(f).getBounds().getCenter(); }
    });
    return found;
  }

  function describe() {
    var added = edits.filter(function (e) { return e.op === "add"; }).length;
    var closed = edits.filter(function (e) { return e.op === "close"; }).length;
    document.getElementById("scenario-edits").textContent = edits.length
      ? t.textAdded + ": " + added + " · " + t.textClosed + ": " + closed : t.textNone;
  }

  function run() {
    describe();
    var out = document.getElementById("scenario-result");
    fetch(t.scenarioUrl, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ bassin: t.bassin, category: t.category, minutes: Number(t.minutes), group: t.group, edits: edits })
    }).then(function (r) { return r.json(); }).then(function (answer) {
      if (answer.error) { out.textContent = answer.error; return; }
      var b = answer.bassin, r = answer.region;
      out.textContent = t.textBeyond + ": " + fmt(b.before.people_beyond) + " (" + pct(b.before.share_beyond) + ") " + t.textBefore +
        " → " + fmt(b.after.people_beyond) + " (" + pct(b.after.share_beyond) + ") " + t.textAfter + ". " +
        t.textRegion + ": " + fmt(r.before.people_beyond) + " → " + fmt(r.after.people_beyond) + ".";
      out.setAttribute("data-after", b.after.people_beyond);
      out.setAttribute("data-elapsed-ms", answer.elapsed_ms);
    });
  }

  document.getElementById("scenario-add-sector").addEventListener("click", function () {
    var code = document.getElementById("scenario-sector").value;
    var c = centreOf(code);
    if (!c) { return; }
    edits.push({ op: "add", lat: c.lat, lon: c.lng });
    if (addedLayer) { L.circleMarker(c, { radius: 6, color: "#006400", weight: 2, fillColor: "#7fff00", fillOpacity: 1 }).addTo(addedLayer); }
    run();
  });
  document.getElementById("scenario-close-button").addEventListener("click", function () {
    edits.push({ op: "close", site: Number(document.getElementById("scenario-close").value) });
    run();
  });
  document.getElementById("scenario-reset").addEventListener("click", function () {
    edits = [];
    if (addedLayer) { addedLayer.clearLayers(); }
    if (siteLayer) { siteLayer.eachLayer(function (l) { l.setStyle({ fillColor: "#ffd400", color: "#000" }); }); }
    run();
  });
})();
