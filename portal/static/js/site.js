// Progressive enhancement for every page. Without JavaScript the menu is simply
// shown and the "Vind uw MEE" box submits to the page, which answers on the server.
(function () {
    "use strict";

    // The menu button: a disclosure (aria-expanded) that shows and hides the menu on
    // narrow screens; on wide screens CSS hides the button and always shows the menu.
    function menu() {
        var header = document.querySelector("[data-menu]");
        if (!header) {
            return;
        }
        var button = header.querySelector(".site-header__menu-button");
        function set(open) {
            button.setAttribute("aria-expanded", open ? "true" : "false");
            header.classList.toggle("site-header--open", open);
        }
        header.classList.add("site-header--enhanced");
        button.hidden = false;
        set(false);
        button.addEventListener("click", function () {
            set(button.getAttribute("aria-expanded") !== "true");
        });
        header.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
                set(false);
                button.focus();
            }
        });
    }

    // "Vind uw MEE": ask the routing API and name the office in place.
    function finder(form) {
        var section = form.closest(".office-finder");
        var result = section.querySelector(".office-finder__result");
        var input = form.querySelector("[name=postcode]");
        var pattern = /^\s*[1-9][0-9]{3}\s*([a-zA-Z]{2})?\s*$/;
        var latest = 0;

        function say(nodes) {
            result.textContent = "";
            var paragraph = document.createElement("p");
            nodes.forEach(function (node) {
                paragraph.appendChild(typeof node === "string" ? document.createTextNode(node) : node);
            });
            result.appendChild(paragraph);
        }

        function answer(route) {
            if (route.office) {
                var link = document.createElement("a");
                link.href = route.office.url;
                link.textContent = route.office.name;
                var postcode = (route.postcode || "").replace(/^(\d{4})([A-Z]{2})$/, "$1 $2");
                var parts = form.dataset.textOffice.replace("%(postcode)s", postcode).split("%(office)s");
                say([parts[0], link, parts[1] || ""]);
            } else if (route.municipalities.length) {
                say([form.dataset.textSeveral]);
            } else {
                say([form.dataset.textUnknown]);
            }
        }

        form.addEventListener("submit", function (event) {
            if (!pattern.test(input.value)) {
                return; // the server explains what a postcode looks like
            }
            event.preventDefault();
            var request = ++latest;
            var url = form.dataset.routeUrl + "?postcode=" + encodeURIComponent(input.value.trim()) +
                "&locale=" + encodeURIComponent(form.dataset.locale);
            fetch(url, { headers: { Accept: "application/json" } })
                .then(function (response) {
                    if (!response.ok) {
                        throw new Error(response.status);
                    }
                    return response.json();
                })
                .then(function (route) {
                    if (request === latest) {
                        answer(route);
                    }
                })
                .catch(function () { form.submit(); });
        });
    }

    menu();
    Array.prototype.forEach.call(document.querySelectorAll("form[data-route-url].office-finder__form"), finder);
}());
