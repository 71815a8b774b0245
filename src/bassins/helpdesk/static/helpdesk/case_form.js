// Case form: filter the taxonomy checkboxes as you type; search the directory for services
// (arrow keys and Enter pick one; the hidden service_at_location field gets its id).
(function () {
  "use strict";
  document.querySelectorAll("[data-term-filter]").forEach(function (set) {
    var input = set.querySelector("[data-filter-input]");
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().trim();
      set.querySelectorAll(".term-list label").forEach(function (label) {
        var hit = !words || label.textContent.toLowerCase().indexOf(words) >= 0;
        label.parentElement.hidden = !hit;
      });
    });
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault();  // Enter ticks the first visible term instead of sending the form
      var first = Array.prototype.find.call(set.querySelectorAll(".term-list input"), function (box) {
        return !box.closest("div,li").hidden;
      });
      if (first) { first.checked = !first.checked; input.select(); }
    });
  });
  var form = document.getElementById("case-form");
  if (!form) return;
  var url = form.dataset.servicesUrl;
  form.querySelectorAll("[data-service-search]").forEach(bindServiceSearch);

  // "Add a row" to the orientations, unmet needs, contacts and follow-ups: without JavaScript the
  // page shows spare rows; with it, a button copies the formset's empty row (its __prefix__ set to
  // the next index), counts it in TOTAL_FORMS and puts the focus on its first field.
  form.querySelectorAll("[data-inline-set]").forEach(function (set) {
    var name = set.dataset.inlineSet;
    var total = set.querySelector("input[name='" + name + "-TOTAL_FORMS']");
    var template = set.querySelector("template[data-empty-row]");
    var rows = set.querySelector("[data-rows]");
    var button = set.querySelector("[data-add-row]");
    if (!total || !template || !rows || !button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10) || 0;
      var holder = document.createElement("div");
      holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
      var row = holder.firstElementChild;
      rows.appendChild(row);
      total.value = String(index + 1);
      row.querySelectorAll("[data-service-search]").forEach(bindServiceSearch);
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
    });
  });

  function bindServiceSearch(input) {
    var box = input.closest(".orientation");
    var hidden = box.querySelector("input[type=hidden][name$=service_at_location]");
    var list = document.createElement("ul");
    list.className = "service-results";
    list.setAttribute("role", "listbox");
    list.id = input.id + "-results";
    list.hidden = true;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    input.after(list);
    var timer = null, active = -1, items = [];
    function show(results) {
      list.innerHTML = "";
      items = results;
      active = -1;
      results.forEach(function (r, i) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.id = list.id + "-" + i;
        li.textContent = r.label;
        li.addEventListener("mousedown", function (e) { e.preventDefault(); pick(i); });
        list.appendChild(li);
      });
      list.hidden = !results.length;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
    }
    function pick(i) {
      hidden.value = items[i].id;
      input.value = items[i].label;
      show([]);
    }
    function highlight(i) {
      var options = list.querySelectorAll("li");
      options.forEach(function (o, n) { o.setAttribute("aria-selected", n === i ? "true" : "false"); });
      if (options[i]) input.setAttribute("aria-activedescendant", options[i].id);
      active = i;
    }
    input.addEventListener("input", function () {
      hidden.value = "";
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { show([]); return; }
      timer = setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(q), {credentials: "same-origin"})
          .then(function (r) { return r.ok ? r.json() : {services: []}; })
          .then(function (data) { show(data.services || []); });
      }, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); pick(active); }
      else if (event.key === "Escape") { show([]); }
    });
  }
})();
