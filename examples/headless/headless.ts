// A front end for the MEE portal that reads its headless API (/api/v3/) only.
// Routes are the portal's public paths after a "#", so any static host serves it.

import type { components, operations } from "./api";

type Schemas = components["schemas"];
type Answer<Operation extends keyof operations> = operations[Operation] extends {
    responses: { 200: { content: { "application/json": infer Body } } };
}
    ? Body
    : never;
// A page of any type: ``meta.type`` says which, and narrows it (``isPage``).
type Page = Answer<"portal_resolve">;
type PageType = Page["meta"]["type"];
type PageOf<T extends PageType> = Extract<Page, { meta: { type: T } }>;
type Block =
    | Extract<Page, { body: unknown }>["body"][number]
    | PageOf<"services.MeasurePage">["quotes"][number];
type BlockRenderers = {
    [K in Block["type"]]: (value: Extract<Block, { type: K }>["value"]) => Node | null;
};
type Site = Schemas["SiteBootstrapSchema"];
type Navigation = Answer<"portal_navigation">;
type Search = Answer<"portal_search">;

function isPage<T extends PageType>(page: Page, ...types: T[]): page is PageOf<T> {
    return (types as PageType[]).includes(page.meta.type);
}

const DEFAULT_API = "http://127.0.0.1:8000";
const RTL_LANGUAGES = new Set(["ar", "fa", "he", "ur"]);
// The API's schema types every text as a string; these page types' intros are rich
// text (HTML), the other types' are plain text.
const RICH_TEXT_INTRO = ["home.HomePage", "home.ArticleIndexPage", "contact.ContactFormPage"] as const;
const CARD_LISTS = ["featured", "latest_articles", "articles", "services", "measures", "offices"];
const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

const STRINGS = {
    nl: {
        skip: "Naar de inhoud",
        menu: "Hoofdmenu",
        languages: "Taal",
        breadcrumbs: "Kruimelpad",
        search_label: "Zoeken op de site",
        search_button: "Zoeken",
        search_title: "Zoeken",
        source: "Weergegeven uit de API op",
        no_query: "Typ een zoekterm.",
        results: (count, query) =>
            `${count} ${count === 1 ? "resultaat" : "resultaten"} voor “${query}”`,
        none_found: "Probeer andere of minder woorden, of zet een filter uit.",
        filters: "Resultaten verfijnen",
        apply: "Filters toepassen",
        recommended: "Aanbevolen",
        fallback:
            "De volledige zoekfunctie is even niet beschikbaar; deze resultaten komen uit " +
            "een eenvoudigere zoekopdracht.",
        relaxed: "Geen pagina bevat al uw zoekwoorden; deze pagina's bevatten er een deel van.",
        pages: "Pagina's",
        previous: "Vorige",
        next: "Volgende",
        page_of: (page, total) => `Pagina ${page} van ${total}`,
        home_only: "nog niet vertaald: naar de startpagina",
        latest_articles: "Laatste nieuws",
        articles: "Artikelen",
        services: "Diensten",
        measures: "NPO-maatregelen",
        offices: "MEE-organisaties",
        error_title: "Er ging iets mis",
        unreachable: (api, origin) =>
            `De API op ${api} is niet bereikbaar. Draait de portal, en staat deze website ` +
            `(${origin}) in PORTAL_API_CORS_ORIGINS?`,
        failed: (status, detail) => `De API antwoordde met ${status}: ${detail}`,
        elsewhere: "Deze pagina verwijst naar een andere website.",
        open_on_portal: "Openen via de portal",
    },
    en: {
        skip: "Skip to content",
        menu: "Main menu",
        languages: "Language",
        breadcrumbs: "Breadcrumbs",
        search_label: "Search the site",
        search_button: "Search",
        search_title: "Search",
        source: "Rendered from the API at",
        no_query: "Enter a search term.",
        results: (count, query) =>
            `${count} ${count === 1 ? "result" : "results"} for “${query}”`,
        none_found: "Try other or fewer words, or remove a filter.",
        filters: "Refine your results",
        apply: "Apply filters",
        recommended: "Recommended",
        fallback:
            "Our full search is temporarily unavailable. These results come from a simpler " +
            "search and may be less complete.",
        relaxed: "No page contains all of your search words; these pages contain some of them.",
        pages: "Pages",
        previous: "Previous",
        next: "Next",
        page_of: (page, total) => `Page ${page} of ${total}`,
        home_only: "not translated yet: home page",
        latest_articles: "Latest news",
        articles: "Articles",
        services: "Services",
        measures: "NPO measures",
        offices: "MEE organisations",
        error_title: "Something went wrong",
        unreachable: (api, origin) =>
            `The API at ${api} cannot be reached. Is the portal running, and does it list ` +
            `this website (${origin}) in PORTAL_API_CORS_ORIGINS?`,
        failed: (status, detail) => `The API answered ${status}: ${detail}`,
        elsewhere: "This page redirects to another website.",
        open_on_portal: "Open through the portal",
    },
};

const root = document.documentElement;
const configured = new URLSearchParams(location.search).get("api") || root.dataset.api;
const apiBase = (configured || DEFAULT_API).replace(/\/+$/, "");
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const ui = {
    siteName: $<HTMLAnchorElement>("site-name"),
    searchForm: $<HTMLFormElement>("search-form"),
    searchInput: $<HTMLInputElement>("search-q"),
    languages: $("languages"),
    menu: $("menu-items"),
    main: $("main"),
    errors: $("errors"),
    breadcrumbs: $("breadcrumbs"),
    title: $("title"),
    status: $("status"),
    content: $("content"),
    footer: $("footer-contact"),
};

let site: Site = null;
let locale = root.lang;
let menuLocale = null;
let controller = null;

class ApiError extends Error {
    redirected: boolean;
    link: string | null;

    constructor(message: string, { redirected = false } = {}) {
        super(message);
        this.redirected = redirected;
        this.link = null;
    }
}

function t(key, ...args) {
    const value = (STRINGS[locale] || STRINGS.en)[key];
    return typeof value === "function" ? value(...args) : value;
}

// Children may be nested lists; absent ones (null, false, "") are left out.
function nodes(...children) {
    return children.flat(Infinity).filter((child) => child || child === 0);
}

// Strings become text nodes, never markup.
function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value !== null && value !== undefined && value !== false) {
            element.setAttribute(name, value === true ? "" : value);
        }
    }
    element.append(...nodes(children));
    return element;
}

function fill(element, ...children) {
    element.replaceChildren(...nodes(children));
}

async function api<T>(path: string, query, signal?: AbortSignal): Promise<T> {
    let response;
    try {
        const url = new URL(`${apiBase}/api/v3/${path}`);
        url.search = new URLSearchParams(query).toString();
        response = await fetch(url, {
            signal,
            // A redirect to another site is not followed into a CORS failure.
            redirect: "manual",
            headers: { "Accept-Language": locale },
        });
    } catch (error) {
        if (error.name === "AbortError") throw error;
        // The browser does not say whether the server is down or refused this origin.
        throw new ApiError(t("unreachable", apiBase, location.origin));
    }
    if (response.type === "opaqueredirect") {
        throw new ApiError(t("elsewhere"), { redirected: true });
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) {
        throw new ApiError(t("failed", response.status, body?.detail || response.statusText));
    }
    return body;
}

function localeCodes() {
    return site.locales.map((entry) => entry.code);
}

function localeOf(path) {
    const code = path.split("/")[1];
    return localeCodes().includes(code) ? code : site.default_locale;
}

// Portal paths become routes of this page; other links keep pointing at the portal.
function href(url) {
    if (!url || !url.startsWith("/") || url.startsWith("//")) return url;
    return localeCodes().includes(url.split("/")[1]) ? `#${url}` : `${apiBase}${url}`;
}

function safeUrl(url) {
    try {
        const parsed = new URL(url, `${apiBase}/`);
        return SAFE_PROTOCOLS.has(parsed.protocol) ? parsed.href : null;
    } catch {
        return null;
    }
}

function searchHash(code, query) {
    const { search_url: url } = site.locales.find((entry) => entry.code === code);
    return `#${url}?${query}`;
}

function go(hash) {
    if (location.hash === hash) route();
    else location.hash = hash;
}

function setLocale(code) {
    locale = code;
    root.lang = code;
    root.dir = RTL_LANGUAGES.has(code) ? "rtl" : "ltr";
    for (const element of document.querySelectorAll<HTMLElement>("[data-text]")) {
        element.textContent = t(element.dataset.text);
    }
    for (const element of document.querySelectorAll<HTMLElement>("[data-label]")) {
        element.setAttribute("aria-label", t(element.dataset.label));
    }
}

// Rich text is the only HTML taken from the API: Wagtail's expanded rich text, which
// the portal sanitises when editors save it.
function richText(html) {
    const container = h("div", { class: "rich-text" });
    container.innerHTML = html;
    for (const link of container.querySelectorAll("a[href]")) {
        link.setAttribute("href", href(link.getAttribute("href")));
    }
    return container;
}

// The search engine escapes the page text and wraps matches in <mark>: of the parsed
// (inert) passage only the text and the marks are kept.
function highlighted(passage) {
    const parsed = new DOMParser().parseFromString(passage, "text/html").body;
    return [...parsed.childNodes].map((node) =>
        node.nodeName === "MARK" ? h("mark", {}, node.textContent) : node.textContent,
    );
}

function pageLink(link, text = link.title) {
    return h("a", { href: href(link.url) }, text);
}

function listLink(link) {
    if (link.page) return pageLink(link.page, link.text || link.page.title);
    const url = safeUrl(link.url);
    return url && h("a", { href: url }, link.text);
}

function attribution({ attribution: who, source }) {
    if (!who && !source) return null;
    return h("figcaption", {}, "— ", who, who && source && ", ", source && h("cite", {}, source));
}

const BLOCKS: BlockRenderers = {
    paragraph: (value) => richText(value),
    heading: (value) => h(value.level === "h3" ? "h3" : "h2", {}, value.text),
    quote: (value) =>
        h(
            "figure",
            { class: "quote" },
            h("blockquote", {}, h("p", {}, value.text)),
            attribution(value),
        ),
    callout: (value) =>
        h(
            "aside",
            { class: `callout callout--${value.tone}`, "aria-label": value.title },
            h("p", { class: "callout__title" }, h("strong", {}, value.title)),
            richText(value.text),
        ),
    link_list: (value) =>
        h(
            "section",
            { class: "link-list" },
            value.title && h("h2", {}, value.title),
            h("ul", {}, nodes(value.links.map(listLink)).map((link) => h("li", {}, link))),
        ),
    key_figures: (value) =>
        h(
            "section",
            { class: "key-figures" },
            value.title && h("h2", {}, value.title),
            h(
                "dl",
                {},
                value.figures.map((figure) =>
                    h("div", {}, h("dt", {}, figure.value), h("dd", {}, figure.label)),
                ),
            ),
        ),
    image: (value) => {
        const { url, width, height } = value.renditions.medium;
        const image = h("img", { src: safeUrl(url), width, height, alt: value.alt });
        return h("figure", { class: "image-block" }, image);
    },
    embed: (value) => {
        const url = safeUrl(value.embed);
        return url && h("p", { class: "embed-block" }, h("a", { href: url }, value.title));
    },
};

function blocks(stream: Block[] = []) {
    return stream.map((block) =>
        (BLOCKS[block.type] as (value: Block["value"]) => Node | null)(block.value),
    );
}

function cards(title, items) {
    if (!items?.length) return null;
    const card = (item) =>
        h(
            "li",
            {},
            h("h3", {}, pageLink(item, item.code ? `${item.code} ${item.title}` : item.title)),
            item.summary && h("p", {}, item.summary),
        );
    return h("section", { class: "cards" }, h("h2", {}, title), h("ul", {}, items.map(card)));
}

function intro(page: Page) {
    if (isPage(page, ...RICH_TEXT_INTRO)) return page.intro && richText(page.intro);
    if (isPage(page, "services.ServicePage", "services.MeasurePage")) {
        return page.summary && h("p", { class: "lead" }, page.summary);
    }
    const text = "intro" in page ? page.intro : "description" in page ? page.description : "";
    return text ? h("p", { class: "lead" }, text) : null;
}

// The lists of linked pages a page type has, by the field that holds them.
function cardLists(page: Page) {
    const lists = CARD_LISTS.map((name) =>
        name in page
            ? cards(name === "featured" && isPage(page, "home.HomePage") ? page.featured_title : t(name), page[name])
            : null,
    );
    const sectors = isPage(page, "services.MeasureIndexPage") ? page.sectors : [];
    return [...lists, ...sectors.map((sector) => cards(sector.label, sector.measures))];
}

// ``targets(code)`` gives the link to the other language: ``{href, note}``.
function renderLanguages(targets) {
    const item = (entry) => {
        const name = entry.native_name;
        if (entry.code === locale) {
            return h("li", {}, h("span", { lang: entry.code, "aria-current": "true" }, name));
        }
        const target = targets(entry.code);
        const attributes = { href: target.href, lang: entry.code, hreflang: entry.code };
        return h(
            "li",
            {},
            h("a", attributes, name),
            target.note && h("span", { class: "note" }, ` (${target.note})`),
        );
    };
    fill(ui.languages, h("ul", {}, site.locales.filter((entry) => entry.home).map(item)));
}

function renderPage(page: Page) {
    if (page.redirected_from) history.replaceState(null, "", `#${page.meta.url}`);
    setLocale(page.meta.locale);
    ui.searchInput.value = "";
    ui.title.textContent = page.title;
    const last = page.breadcrumbs.length - 1;
    const crumb = (link, index) =>
        h(
            "li",
            {},
            index === last ? h("span", { "aria-current": "page" }, link.title) : pageLink(link),
        );
    fill(ui.breadcrumbs, h("ol", {}, page.breadcrumbs.map(crumb)));
    ui.breadcrumbs.hidden = false;
    fill(
        ui.content,
        intro(page),
        isPage(page, "services.MeasurePage") && blocks(page.quotes),
        "body" in page && blocks(page.body),
        cardLists(page),
        // The contact form itself is the portal's.
        isPage(page, "services.ServicePage") &&
            page.contact_url &&
            h("p", {}, h("a", { href: safeUrl(page.contact_url) }, page.cta_text)),
    );
    const { items, homes } = page.translations;
    renderLanguages((code) => {
        const translation = items.find((item) => item.locale === code);
        if (translation) return { href: href(translation.url) };
        return { href: href(homes[code].url), note: t("home_only") };
    });
    return page.title;
}

async function showPage(path, signal) {
    const query = { path, expand: "breadcrumbs,translations" };
    const page = await api<Page>("resolve/", query, signal).catch((error) => {
        // Another site is not this front end's to render; the portal sends readers on.
        if (error.redirected) error.link = `${apiBase}${path}`;
        throw error;
    });
    return renderPage(page);
}

function resultItem(hit) {
    return h(
        "li",
        { class: "result" },
        h("h2", {}, pageLink(hit)),
        hit.promoted && h("p", { class: "tag" }, t("recommended")),
        hit.highlight
            ? h("p", { class: "passage" }, highlighted(hit.highlight))
            : h("p", {}, hit.description || hit.summary),
    );
}

function facetOption(facet, option, index) {
    const id = `facet-${facet.param}-${index}`;
    return h(
        "div",
        { class: "facet" },
        h("input", {
            type: "checkbox",
            id,
            name: facet.param,
            value: option.value,
            checked: option.selected,
        }),
        h(
            "label",
            { for: id },
            `${option.label} `,
            h("span", { class: "count" }, `(${option.count})`),
        ),
    );
}

function facetForm(facets, query) {
    const form = h(
        "form",
        { class: "facets", "aria-labelledby": "facets-title" },
        h("h2", { id: "facets-title" }, t("filters")),
        facets
            .filter((facet) => facet.options.length)
            .map((facet) =>
                h(
                    "fieldset",
                    {},
                    h("legend", {}, facet.label),
                    facet.options.map((option, index) => facetOption(facet, option, index)),
                ),
            ),
        h("button", { type: "submit" }, t("apply")),
    );
    form.addEventListener("submit", (event) => {
        event.preventDefault();
        const next = new URLSearchParams({ q: query });
        for (const [name, value] of new FormData(form)) next.append(name, String(value));
        go(searchHash(locale, next));
    });
    return form;
}

function paging(results: Search, filters) {
    if (results.paging.num_pages < 2) return null;
    const to = (page) => {
        const next = new URLSearchParams(filters);
        next.set("page", page);
        return searchHash(locale, next);
    };
    const { page, num_pages: total } = results.paging;
    return h(
        "nav",
        { class: "paging", "aria-label": t("pages") },
        h(
            "ul",
            {},
            page > 1 && h("li", {}, h("a", { href: to(page - 1), rel: "prev" }, t("previous"))),
            h("li", {}, h("span", { "aria-current": "page" }, t("page_of", page, total))),
            page < total && h("li", {}, h("a", { href: to(page + 1), rel: "next" }, t("next"))),
        ),
    );
}

async function showSearch(code, filters, signal) {
    setLocale(code);
    const query = filters.get("q")?.trim() || "";
    ui.searchInput.value = query;
    ui.title.textContent = t("search_title");
    renderLanguages((other) => {
        const next = new URLSearchParams(filters);
        next.delete("page");
        return { href: searchHash(other, next) };
    });
    if (!query) {
        ui.status.textContent = t("no_query");
        fill(ui.content);
        return t("search_title");
    }
    const results = await api<Search>("search/", [...filters, ["locale", code]], signal);
    const hits = [...results.promoted, ...results.results];
    const count = t("results", results.paging.total, results.query);
    ui.status.textContent = count;
    fill(
        ui.content,
        results.fallback_used && h("p", { class: "notice" }, t("fallback")),
        results.relaxed && h("p", { class: "notice" }, t("relaxed")),
        h(
            "div",
            { class: "search-layout" },
            facetForm(results.facets, query),
            h(
                "div",
                {},
                hits.length
                    ? h("ol", { class: "results" }, hits.map(resultItem))
                    : h("p", {}, t("none_found")),
                paging(results, filters),
            ),
        ),
    );
    return count;
}

async function loadMenu(code, signal) {
    if (menuLocale === code) return;
    const navigation = await api<Navigation>(
        "navigation/",
        { locale: code, depth: "2" },
        signal,
    );
    const list = (items) =>
        h(
            "ul",
            {},
            items.map((item) =>
                h("li", {}, pageLink(item), item.children.length > 0 && list(item.children)),
            ),
        );
    ui.siteName.href = href(navigation.home.url);
    fill(ui.menu, list(navigation.items));
    menuLocale = code;
}

// The page itself is the current "page"; a section the page is in, the current "true".
function markCurrentMenuItem() {
    for (const link of ui.menu.querySelectorAll("a")) {
        const target = link.getAttribute("href");
        if (location.hash === target) link.setAttribute("aria-current", "page");
        else if (location.hash.startsWith(target)) link.setAttribute("aria-current", "true");
        else link.removeAttribute("aria-current");
    }
}

function showError(error) {
    ui.errors.append(
        h(
            "p",
            { class: "error", role: "alert" },
            error.message,
            error.link && [" ", h("a", { href: error.link }, t("open_on_portal"))],
        ),
    );
}

async function route(initial = false) {
    const hash = location.hash.slice(1);
    if (!hash.startsWith("/")) {
        const { home } = site.locales.find((entry) => entry.code === site.default_locale);
        location.replace(`#${home.url}`);
        return;
    }
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    const target = new URL(hash, location.href);
    const path = decodeURIComponent(target.pathname);
    const code = localeOf(path);
    const isSearch = site.locales.some((entry) => entry.search_url === path);
    ui.main.setAttribute("aria-busy", "true");
    fill(ui.errors);
    ui.status.textContent = "";
    ui.breadcrumbs.hidden = true;
    const [menu, view] = await Promise.allSettled([
        loadMenu(code, signal),
        isSearch ? showSearch(code, target.searchParams, signal) : showPage(path, signal),
    ]);
    if (signal.aborted) return;
    for (const result of [menu, view]) {
        if (result.status === "rejected") showError(result.reason);
    }
    if (view.status === "rejected") {
        ui.title.textContent = t("error_title");
        fill(ui.content);
    }
    markCurrentMenuItem();
    const title = view.status === "fulfilled" ? view.value : t("error_title");
    document.title = `${title} – ${site.name}`;
    ui.main.removeAttribute("aria-busy");
    // Readers of a new page start at its heading; a search leaves them in the field.
    if (!initial && document.activeElement !== ui.searchInput) ui.title.focus();
}

function renderSite() {
    const { footer } = site;
    ui.siteName.textContent = site.name;
    fill(
        ui.footer,
        h("strong", {}, footer.organisation),
        footer.address && h("span", { class: "address" }, footer.address),
        footer.phone && h("span", {}, footer.phone),
        footer.email && h("a", { href: `mailto:${footer.email}` }, footer.email),
        footer.privacy_page && pageLink(footer.privacy_page),
    );
}

async function start() {
    setLocale(locale);
    $("api-base").textContent = apiBase;
    ui.searchForm.addEventListener("submit", (event) => {
        event.preventDefault();
        go(searchHash(locale, new URLSearchParams({ q: ui.searchInput.value.trim() })));
    });
    document.querySelector(".skip-link").addEventListener("click", (event) => {
        // "#main" would replace the route in the address bar.
        event.preventDefault();
        ui.main.focus();
    });
    try {
        site = await api<Site>("site/", {});
    } catch (error) {
        showError(error);
        ui.title.textContent = t("error_title");
        ui.main.removeAttribute("aria-busy");
        return;
    }
    renderSite();
    window.addEventListener("hashchange", () => route());
    await route(true);
}

start();
