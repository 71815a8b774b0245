// Swagger UI on the platform's own OpenAPI schema (no CDN: the bundle is vendored from npm).
(function () {
  var root = document.getElementById("swagger");
  window.ui = SwaggerUIBundle({ url: root.dataset.openapi, dom_id: "#swagger", deepLinking: true });
})();
