// The survey page saves the group's answers by itself when it is left (another tab, closed,
// another page), as a draft, like the "Spara" button. Without JavaScript the button is
// enough. Only what this person changed is saved: each answer carries what the page showed
// (q<id>-shown, q<id>-version), updated here after each save. Answers someone else changed
// meanwhile are not overwritten: the server keeps this person's words for their next visit.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var status = document.querySelector("[data-autosave-status]");
  var dirty = false;
  var saving = false;

  function changed() {
    dirty = true;
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function () {
    dirty = false; // the button saves
  });

  function setHidden(name, value) {
    var input = form.querySelector('input[type="hidden"][name="' + name + '"]');
    if (input) {
      input.value = value;
    }
  }

  function save() {
    if (!dirty || saving) {
      return;
    }
    saving = true;
    dirty = false;
    var data = new FormData(form);
    data.set("action", "save");
    fetch(window.location.href, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      keepalive: true,
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (result) {
        saving = false;
        if (!result) {
          dirty = true;
          return;
        }
        Object.keys(result.fields).forEach(function (name) {
          setHidden(name + "-shown", result.fields[name].shown);
          setHidden(name + "-version", result.fields[name].version);
        });
        if (status && result.conflicts.length) {
          status.textContent = status.dataset.conflictText || "";
        } else if (status && result.saved) {
          status.textContent = (status.dataset.savedText || "Saved automatically at") + " " + result.saved_at + ".";
        }
      })
      .catch(function () {
        saving = false;
        dirty = true;
      });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      save();
    }
  });
  window.addEventListener("pagehide", save);
})();
