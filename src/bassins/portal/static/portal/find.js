/* "Find your bassin": answers in place from the JSON twin of the answer page. Without JavaScript the
   form is a plain GET to that page. Text only goes through textContent (no HTML from the server). */
(function () {
  "use strict";
  var form = document.querySelector("form.find-form");
  var output = document.getElementById("find-answer");
  if (!form || !output || !window.fetch) { return; }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function link(href, text, className) {
    var a = element("a", className, text);
    a.href = href;
    return a;
  }

  function render(answer) {
    output.textContent = "";
    output.appendChild(element("p", "find-message", answer.message || ""));
    if (!answer.bassins || !answer.bassins.length) { return; }
    var list = element("ul", "find-bassins");
    answer.bassins.forEach(function (bassin) {
      var item = element("li");
      item.appendChild(link(bassin.url, bassin.name, "find-bassin"));
      if (bassin.helpdesk_phone) {
        var line = element("span", "helpdesk", form.dataset.helpdesk + " ");
        line.appendChild(link("tel:" + bassin.helpdesk_phone.replace(/\s/g, ""), bassin.helpdesk_phone));
        item.appendChild(document.createTextNode(" "));
        item.appendChild(line);
      }
      list.appendChild(item);
    });
    output.appendChild(list);
    (answer.communes || []).forEach(function (commune) {
      var p = element("p", "find-commune");
      p.appendChild(link(commune.url, form.dataset.commune.replace("{name}", commune.name)));
      output.appendChild(p);
    });
  }

  form.addEventListener("submit", function (event) {
    var query = form.elements.q.value.trim();
    if (!query) { return; }
    event.preventDefault();
    output.setAttribute("aria-busy", "true");
    fetch(form.dataset.json + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (answer) { render(answer); output.dataset.ready = "true"; })
      .catch(function () { output.textContent = form.dataset.error; })
      .then(function () { output.removeAttribute("aria-busy"); });
  });
})();
