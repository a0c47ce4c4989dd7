/* Phone layout, as a progressive enhancement: without this file the menu and the filters stay
   open. The breakpoint matches the "phone" media query in site.css. Loaded as a file, never
   inline, so that a strict Content-Security-Policy can forbid inline scripts. */
(function () {
    "use strict";

    var phone = window.matchMedia("(max-width: 47.99rem)");

    function setupMenu() {
        var toggle = document.querySelector(".menu-toggle");
        var menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
        if (!menu) {
            return;
        }
        function setOpen(open) {
            toggle.setAttribute("aria-expanded", open ? "true" : "false");
        }
        toggle.hidden = false;
        setOpen(false);
        toggle.addEventListener("click", function () {
            setOpen(toggle.getAttribute("aria-expanded") !== "true");
        });
        // Escape closes the open menu and gives the focus back to its button.
        menu.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && phone.matches) {
                setOpen(false);
                toggle.focus();
            }
        });
    }

    // The filter panels are <details>: open on wide screens, closed on phones until asked for.
    function setupFilters() {
        var panels = document.querySelectorAll("details.filters");
        function fit() {
            panels.forEach(function (panel) {
                panel.open = !phone.matches;
            });
        }
        if (panels.length) {
            fit();
            phone.addEventListener("change", fit);
        }
    }

    setupMenu();
    setupFilters();
})();
