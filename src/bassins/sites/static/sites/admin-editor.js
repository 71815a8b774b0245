/* The admin's Trix editor: no file attachments (images go through the image field, with their
   required description), and the editor labelled by its field's label. */
(function () {
  "use strict";
  document.addEventListener("trix-file-accept", function (event) { event.preventDefault(); });
  document.addEventListener("trix-initialize", function (event) {
    var editor = event.target, id = editor.getAttribute("input");
    var label = id && document.querySelector("label[for='" + id + "']");
    if (label && !editor.hasAttribute("aria-label")) { editor.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "")); }
    var toolbar = editor.toolbarElement;
    if (toolbar) {
      Array.prototype.forEach.call(toolbar.querySelectorAll("[data-trix-button-group='file-tools']"), function (group) { group.remove(); });
    }
  });
})();
