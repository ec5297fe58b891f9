// Progressive enhancement for the PDF job page in the admin: poll the job's state and update
// the progress bar, the state (announced politely) and the download link. Without JavaScript
// a reload shows the same.
(function () {
  "use strict";
  var box = document.getElementById("pdf-job-progress");
  if (!box || box.dataset.finished === "true") { return; }
  var bar = box.querySelector("progress");
  var state = box.querySelector("[data-role=state]");
  var download = box.querySelector("[data-role=download]");
  var error = box.querySelector("[data-role=error]");

  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        bar.value = job.progress;
        bar.textContent = job.progress + " %";
        state.textContent = "";
        var strong = document.createElement("strong");
        strong.textContent = job.state_label;
        state.appendChild(strong);
        if (job.download_url) { download.hidden = false; }
        if (job.error) { error.querySelector(".errornote").textContent = job.error; error.hidden = false; }
        if (!job.finished) { window.setTimeout(poll, 1500); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
