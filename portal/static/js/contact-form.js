// Live routing on the contact form: as the school types its postcode, say which MEE
// office will receive the request, and ask for the municipality only when needed.
// The municipality and service boxes suggest names as the school types (the page
// does not list them all). Without JavaScript the server does the same on submit.
(function () {
    "use strict";

    var form = document.querySelector("form.contact-form");
    if (!form) {
        return;
    }
    var postcode = form.querySelector("[name=postcode]");
    var municipality = form.querySelector("[name=municipality]");
    var municipalityField = form.querySelector("#field-municipality");
    var status = form.querySelector("#route-status");
    var pattern = /^[1-9][0-9]{3}(\s*[a-zA-Z]{2})?$/;
    var timer = null;
    var latest = 0;

    // Municipality names the school was offered, with their codes for the routing.
    var codes = {};

    // Fills a box's list with suggestions: names, or {name, code} municipalities.
    function suggest(input, items) {
        var list = document.getElementById(input.getAttribute("list"));
        list.textContent = "";
        items.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.name || item;
            if (item.code) {
                codes[item.name] = item.code;
            }
            list.appendChild(option);
        });
    }

    // Suggestions for a box as the school types; the latest answer wins.
    function suggestions(input) {
        var timer = null;
        var asked = 0;
        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            var value = input.value.trim();
            if (!value) {
                return;
            }
            timer = window.setTimeout(function () {
                var request = ++asked;
                fetch(input.dataset.suggestionsUrl + "?q=" + encodeURIComponent(value),
                      { headers: { Accept: "application/json" } })
                    .then(function (response) { return response.ok ? response.json() : null; })
                    .then(function (answer) {
                        if (answer && request === asked) {
                            suggest(input, answer.suggestions);
                        }
                    })
                    .catch(function () { return null; });
            }, 200);
        });
    }

    function showMunicipality(show, municipalities) {
        municipalityField.hidden = !show;
        municipality.required = show;
        suggest(municipality, municipalities || []);
    }

    function lookup(byMunicipality) {
        var value = postcode.value.trim();
        var query;
        if (byMunicipality && codes[municipality.value]) {
            query = "municipality=" + encodeURIComponent(codes[municipality.value]);
        } else if (pattern.test(value)) {
            query = "postcode=" + encodeURIComponent(value);
        } else {
            status.textContent = "";
            return;
        }
        var request = ++latest;
        var url = form.dataset.routeUrl + "?" + query +
            "&locale=" + encodeURIComponent(form.dataset.locale);
        fetch(url, { headers: { Accept: "application/json" } })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (route) {
                if (!route || request !== latest) {
                    return;
                }
                if (route.office) {
                    status.textContent = form.dataset.textRouted.replace("%(office)s", route.office.name);
                    if (!byMunicipality) {
                        showMunicipality(false);
                    }
                } else if (route.municipalities.length) {
                    status.textContent = form.dataset.textChoose;
                    showMunicipality(true, route.municipalities);
                } else {
                    status.textContent = form.dataset.textUnknown;
                    showMunicipality(true);
                }
            })
            .catch(function () { status.textContent = ""; });
    }

    // After a refused send, take keyboard and screen-reader users to the reasons.
    var summary = document.querySelector(".error-summary");
    if (summary) {
        summary.focus();
    }
    municipality.addEventListener("change", function () {
        lookup(true);
    });
    suggestions(municipality);
    suggestions(form.querySelector("[name=service]"));
    // Keep the field visible when the server already asked for it.
    if (!municipalityField.classList.contains("field--error") && !municipality.value) {
        municipalityField.hidden = true;
    }
    postcode.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () { lookup(false); }, 300);
    });
    if (postcode.value) {
        lookup(false);
    }
}());
