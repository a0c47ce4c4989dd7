// Accessible autocomplete for `.combobox[data-autocomplete-url]` (the ARIA 1.2 combobox pattern).
// Without JavaScript the form still submits to the full search page. Used by the header's search
// box on every page and by the search page's own; a box is enhanced once even if a page loads this
// script twice.
(function () {
    "use strict";

    function enhance(box) {
        if (box.hasAttribute("data-autocomplete-ready")) return;
        box.setAttribute("data-autocomplete-ready", "");
        var input = box.querySelector("input[role=combobox]");
        var list = box.querySelector("[role=listbox]");
        var url = box.getAttribute("data-autocomplete-url");
        var active = -1;
        var timer = null;
        var controller = null;

        function options() {
            return list.querySelectorAll("[role=option]");
        }

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function highlight(index) {
            var items = options();
            if (!items.length) return;
            active = (index + items.length) % items.length;
            items.forEach(function (item, i) {
                item.setAttribute("aria-selected", i === active ? "true" : "false");
            });
            input.setAttribute("aria-activedescendant", items[active].id);
        }

        function render(results) {
            list.textContent = "";
            results.forEach(function (result, i) {
                var item = document.createElement("li");
                item.id = list.id + "-" + i;
                item.setAttribute("role", "option");
                item.setAttribute("aria-selected", "false");
                var link = document.createElement("a");
                link.href = result.url;
                link.tabIndex = -1;
                link.textContent = result.title;
                var kind = document.createElement("span");
                kind.className = "meta";
                kind.textContent = " · " + result.type;
                item.appendChild(link);
                item.appendChild(kind);
                list.appendChild(item);
            });
            list.hidden = results.length === 0;
            input.setAttribute("aria-expanded", results.length ? "true" : "false");
            active = -1;
        }

        function fetchSuggestions() {
            var query = input.value.trim();
            if (query.length < 2) return close();
            if (controller) controller.abort();
            controller = new AbortController();
            fetch(url + "?q=" + encodeURIComponent(query), { signal: controller.signal })
                .then(function (response) { return response.ok ? response.json() : { results: [] }; })
                .then(function (data) { render(data.results || []); })
                .catch(function () { /* a failed suggestion must never block searching */ });
        }

        input.addEventListener("input", function () {
            clearTimeout(timer);
            timer = setTimeout(fetchSuggestions, 200);
        });
        input.addEventListener("keydown", function (event) {
            if (event.key === "ArrowDown") { event.preventDefault(); if (list.hidden) fetchSuggestions(); else highlight(active + 1); }
            else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
            else if (event.key === "Escape") { close(); }
            else if (event.key === "Enter" && active >= 0) {
                event.preventDefault();
                window.location.href = options()[active].querySelector("a").href;
            }
        });
        input.addEventListener("blur", function () { setTimeout(close, 150); });
        // Choosing with the mouse or a finger keeps the focus in the box until the link is followed.
        list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    }

    document.querySelectorAll(".combobox[data-autocomplete-url]").forEach(enhance);
})();
