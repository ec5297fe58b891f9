// A page waiting for a PDF: without JavaScript it says so and offers a link to look again
// (no automatic reload: WCAG 2.2.1). With JavaScript it asks the same address now and then,
// tells a screen reader through the live region when the PDF is ready, and starts the download.
(function () {
  "use strict";
  var box = document.querySelector("[data-pdf-wait]");
  if (!box || !window.fetch) {
    return;
  }
  var status = box.querySelector("[role=status]");
  var url = box.dataset.pdfWait;
  var tries = 0;

  function look() {
    tries += 1;
    fetch(url, { method: "HEAD", credentials: "same-origin" })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (response.ok && type.indexOf("application/pdf") === 0) {
          status.textContent = box.dataset.readyText;
          window.location.href = url;
        } else if (tries < 120) {
          window.setTimeout(look, Math.min(1000 * tries, 5000));
        }
      })
      .catch(function () {
        window.setTimeout(look, 5000);
      });
  }
  window.setTimeout(look, 1000);
})();
