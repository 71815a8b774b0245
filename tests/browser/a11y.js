// Accessibility basics readable by screen readers, checked in the page by tests/browser/conftest.py
// (assert_accessible). Returns a list of problems, each naming the element at fault.
() => {
  const problems = [];
  const snippet = (el) => el.outerHTML.replace(/\s+/g, " ").slice(0, 140);
  const text = (el) => (el ? (el.innerText || el.textContent || "").replace(/\s+/g, " ").trim() : "");
  const byIds = (ids) => ids.split(/\s+/).filter(Boolean).map((id) => document.getElementById(id));
  const labelledBy = (el) => {
    const ids = el.getAttribute("aria-labelledby");
    return ids ? byIds(ids).map(text).join(" ").trim() : "";
  };
  const ariaName = (el) => (el.getAttribute("aria-label") || "").trim() || labelledBy(el);
  const hidden = (el) => el.closest("[hidden], [aria-hidden='true']") !== null;

  // <html lang>, <title>, one <h1>
  const lang = (document.documentElement.getAttribute("lang") || "").trim();
  if (!lang) problems.push("<html> has no lang attribute");
  if (!document.title.trim()) problems.push("the document has no <title> (or an empty one)");
  const h1s = document.querySelectorAll("h1");
  if (h1s.length !== 1) problems.push(`expected one <h1>, found ${h1s.length}`);
  h1s.forEach((h) => { if (!text(h)) problems.push(`empty <h1>: ${snippet(h)}`); });

  // landmarks
  const mains = document.querySelectorAll("main, [role='main']");
  if (mains.length !== 1) problems.push(`expected one <main> landmark, found ${mains.length}`);
  if (!document.querySelector("nav, [role='navigation']")) problems.push("no <nav> landmark");

  // images
  document.querySelectorAll("img").forEach((img) => {
    if (!img.hasAttribute("alt")) problems.push(`<img> without alt: ${snippet(img)}`);
  });

  // form controls
  const controls = document.querySelectorAll(
    "input:not([type='hidden']):not([type='submit']):not([type='button']):not([type='reset']):not([type='image']), select, textarea");
  controls.forEach((el) => {
    if (hidden(el)) return;
    const byFor = el.id ? Array.from(document.querySelectorAll("label")).some(
      (l) => l.htmlFor === el.id && text(l)) : false;
    const wrapped = el.closest("label") && text(el.closest("label"));
    if (!(byFor || wrapped || ariaName(el) || (el.getAttribute("title") || "").trim())) {
      problems.push(`form control without a label: ${snippet(el)}`);
    }
  });

  // tables
  document.querySelectorAll("table").forEach((table) => {
    const role = table.getAttribute("role");
    if (role === "presentation" || role === "none") return;
    if (!text(table.querySelector(":scope > caption"))) problems.push(`<table> without a <caption>: ${snippet(table)}`);
    if (!table.querySelector("th")) problems.push(`<table> without <th> header cells: ${snippet(table)}`);
  });

  // buttons and links: an accessible name
  const nameOf = (el) => {
    if (ariaName(el)) return ariaName(el);
    if (text(el)) return text(el);
    if (el.matches("input")) return (el.value || "").trim();
    const alts = Array.from(el.querySelectorAll("img[alt], svg title")).map(
      (n) => (n.getAttribute("alt") || n.textContent || "").trim()).join(" ").trim();
    return alts || (el.getAttribute("title") || "").trim();
  };
  document.querySelectorAll(
    "a[href], button, [role='button'], [role='link'], input[type='submit'], input[type='button'], input[type='reset']"
  ).forEach((el) => {
    if (hidden(el)) return;
    if (!nameOf(el)) problems.push(`button or link without an accessible name: ${snippet(el)}`);
  });

  // focusable map controls (Leaflet or any [data-map] container): aria-label / aria-labelledby
  // (alt for a marker image)
  const focusable = "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])";
  document.querySelectorAll(".leaflet-container, [data-map]").forEach((map) => {
    const elements = [map, ...map.querySelectorAll(focusable)].filter(
      (el) => el.matches(focusable) && !hidden(el));
    elements.forEach((el) => {
      const name = ariaName(el) || (el.matches("img") ? (el.getAttribute("alt") || "").trim() : "");
      if (!name) problems.push(`focusable map control without aria-label: ${snippet(el)}`);
    });
  });
  return problems;
}
