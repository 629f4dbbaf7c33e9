/* Progressive enhancement only: every feature here has a no-JavaScript fallback.
 * Loaded at the end of the page, before Material's bundle (which main.html loads when the
 * reader first interacts), so it must not depend on Material and must run only once. */
(function () {
  "use strict";
  if (window.__spineSite) return;
  window.__spineSite = true;

  function enhanceShare() {
    document.querySelectorAll("[data-copy-url]").forEach(function (button) {
      var share = button.closest(".share");
      var status = share && share.querySelector(".share__status");
      if (!navigator.clipboard) return;          // no clipboard: the plain links remain
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.getAttribute("data-copy-url")).then(function () {
          if (status) status.textContent = "Link copied.";
        }, function () {
          if (status) status.textContent = "Sorry, the link could not be copied. Copy it from the address bar.";
        });
      });
    });
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // A printed handout shows everything: open collapsed sections while printing.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (details) {
      details.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceShare, {once: true});
  } else {
    enhanceShare();
  }
})();
