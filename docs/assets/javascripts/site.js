/* Progressive enhancement only: every feature here has a no-JavaScript fallback. */
(function () {
  "use strict";

  function enhanceShare() {
    document.querySelectorAll("[data-copy-url]").forEach(function (button) {
      var status = button.closest(".share") && button.closest(".share").querySelector(".share__status");
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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceShare);
  } else {
    enhanceShare();
  }
})();
