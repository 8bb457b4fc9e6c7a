// CEN API reference: Swagger UI over the generated OpenAPI document (a file, not inline script: CSP).
window.addEventListener("DOMContentLoaded", () => {
  const target = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: target.dataset.specUrl,
    domNode: target,
    deepLinking: true,
    tryItOutEnabled: false,
  });
});
