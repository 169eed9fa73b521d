// GPU Ledger console: the little the pages need beyond HTML. Nothing here is needed to use a page; each piece makes
// it better where scripts run (the content security policy allows only this file and the chart library).
(function () {
  "use strict";

  // Forms marked data-once are sent once: the button is disabled while the page waits for the answer. The command id
  // the form carries (ConsoleAdvice) makes a second sending harmless anyway; this keeps people from trying.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-once")) { return; }
    if (form.dataset.sent === "true") { event.preventDefault(); return; }
    form.dataset.sent = "true";
    form.querySelectorAll("button[type=submit], button:not([type])").forEach(function (button) {
      button.setAttribute("aria-busy", "true");
      button.disabled = true;
    });
  });

  // Uploads with progress: a form marked data-upload is sent by XMLHttpRequest, its <progress> element follows the
  // bytes sent, and the answer (a page) replaces the current one.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-upload") || !window.XMLHttpRequest) { return; }
    event.preventDefault();
    var progress = form.querySelector("progress");
    var request = new XMLHttpRequest();
    request.open(form.method || "post", form.action);
    request.upload.addEventListener("progress", function (e) {
      if (progress && e.lengthComputable) { progress.max = e.total; progress.value = e.loaded; }
    });
    request.addEventListener("load", function () {
      // a refusal answered before any console page (the body limit's 413 problem): its words shown by the form
      if ((request.getResponseHeader("Content-Type") || "").indexOf("json") >= 0) {
        var said = form.querySelector("[data-upload-status]");
        try {
          var problem = JSON.parse(request.responseText);
          if (said) { said.textContent = request.status + " " + (problem.title || "") + ": " + (problem.detail || ""); }
        } catch (unreadable) {
          if (said) { said.textContent = said.dataset.failed || "failed"; }
        }
        form.dataset.sent = "false";
        form.querySelectorAll("button").forEach(function (b) { b.disabled = false; b.removeAttribute("aria-busy"); });
        return;
      }
      var url = request.responseURL || form.action;
      document.open(); document.write(request.responseText); document.close();
      if (window.history && url) { window.history.replaceState(null, "", url); }
    });
    request.addEventListener("error", function () {
      var status = form.querySelector("[data-upload-status]");
      if (status) { status.textContent = status.dataset.failed || "failed"; }
      form.dataset.sent = "false";
      form.querySelectorAll("button").forEach(function (b) { b.disabled = false; b.removeAttribute("aria-busy"); });
    });
    request.send(new FormData(form));
  });

  // Charts: a <canvas data-chart="id"> draws the JSON of <script type="application/json" id="id"> (a Chart.js
  // configuration). The same figures are in a table beside every chart, for people who cannot see it.
  function drawCharts() {
    if (!window.Chart) { return; }
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) { return; }
      var config = JSON.parse(source.textContent);
      config.options = config.options || {};
      config.options.maintainAspectRatio = false;
      config.options.animation = false;
      new window.Chart(canvas, config);
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", drawCharts); } else { drawCharts(); }

  // The ledger's refusal shown after a submission gets the focus, so a screen reader and a keyboard land on it.
  document.addEventListener("DOMContentLoaded", function () {
    var problem = document.querySelector(".problem[tabindex]");
    if (problem) { problem.focus(); }
  });
})();

// imports: a file past the ledger's import limit (the input's data-max-bytes) is not sent at all, and the form says
// why, rather than a connection the server closes part-way through the upload
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-upload")) { return; }
    var tooLarge = Array.prototype.some.call(form.querySelectorAll("input[type=file][data-max-bytes]"), function (input) {
      var max = Number(input.dataset.maxBytes);
      return Array.prototype.some.call(input.files || [], function (file) { return file.size > max; });
    });
    if (!tooLarge) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    var said = form.querySelector("[data-upload-status]");
    if (said) { said.textContent = said.dataset.tooLarge || "too large"; }
  }, true);
})();
