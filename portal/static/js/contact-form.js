// Live routing on the contact form: as the school types its postcode, say which MEE
// office will receive the request, and ask for the municipality only when needed.
// Without JavaScript the server does the same on submit.
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
    var allOptions = Array.prototype.slice.call(municipality.options);
    var pattern = /^[1-9][0-9]{3}(\s*[a-zA-Z]{2})?$/;
    var timer = null;
    var latest = 0;

    function showMunicipality(show, codes) {
        municipalityField.hidden = !show;
        municipality.required = show;
        if (!codes) {
            allOptions.forEach(function (option) { municipality.appendChild(option); });
            return;
        }
        allOptions.forEach(function (option) {
            if (option.value === "" || codes.indexOf(option.value) !== -1) {
                municipality.appendChild(option);
            } else if (option.parentNode) {
                option.parentNode.removeChild(option);
            }
        });
    }

    function lookup(byMunicipality) {
        var value = postcode.value.trim();
        var query;
        if (byMunicipality && municipality.value) {
            query = "municipality=" + encodeURIComponent(municipality.value);
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
                    showMunicipality(true, route.municipalities.map(function (m) { return m.code; }));
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
