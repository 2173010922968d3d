// The dashboard: routes the page's path to a page module, and the helpers the pages share.
// Data come from the /api endpoints; libraries (Chart, d3, topojson) are globals from /vendor/.

export const PLOVER_COLORS = {
  AGREE: "#1b9e77", CONSULT: "#66a61e", SUPPORT: "#7fc97f", COOPERATE: "#4daf4a", AID: "#17becf",
  RETREAT: "#a6cee3", REQUEST: "#80b1d3", ACCUSE: "#fdb462", REJECT: "#fb8072", THREATEN: "#e7298a",
  PROTEST: "#b15928", SANCTION: "#d95f02", MOBILIZE: "#984ea3", COERCE: "#e41a1c", ASSAULT: "#a50f15",
  FIGHT: "#67000d",
};
export const QUAD = { 1: ["verbal cooperation", "#7fbf7b"], 2: ["material cooperation", "#1b7837"],
  3: ["verbal conflict", "#e08214"], 4: ["material conflict", "#b2182b"] };
const FALLBACK = ["#386cb0", "#f0027f", "#bf5b17", "#666666", "#1f78b4", "#33a02c"];

export function color(type, i = 0) { return PLOVER_COLORS[type] || FALLBACK[i % FALLBACK.length]; }

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, v);
  for (const c of children.flat(Infinity)) if (c) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

export async function api(path, params = {}) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, v);
  const r = await fetch(url);
  const body = await r.json().catch(() => ({ detail: r.statusText }));
  if (!r.ok) throw new Error(`${path}: ${body.detail || r.status}`);
  return body;
}

export const params = () => Object.fromEntries(new URLSearchParams(location.search));
export const fmt = (n, d = 0) => (n === null || n === undefined ? "–" : Number(n).toLocaleString("en", {
  minimumFractionDigits: d, maximumFractionDigits: d }));
export const actors = (list) => [...new Set(list.map((a) => a.code))].join("+") || "–";

export function countryLink(code, label) { return h("a", { href: `/country/${encodeURIComponent(code)}` }, label || code); }
export function dyadLink(a, b, label) {
  return h("a", { href: `/dyad/${encodeURIComponent(a)}/${encodeURIComponent(b)}` }, label || `${a} → ${b}`);
}

// A filter form: fields are [name, label, kind, options]; submitting reloads the page with them in the URL.
export function filterForm(fields, extra = {}) {
  const now = params();
  const form = h("form", { class: "filters", "data-testid": "filters" });
  for (const [name, label, kind, options] of fields) {
    let input;
    if (kind === "select") {
      input = h("select", { name }, options.map(([v, t]) => h("option", { value: v, selected: (now[name] || "") === v }, t)));
    } else {
      input = h("input", { name, type: kind || "text", value: now[name] || "", list: options ? `${name}-list` : null,
        size: kind === "date" ? null : 10, step: kind === "number" ? "0.05" : null });
    }
    form.append(h("label", {}, label, input));
    if (options && kind !== "select") form.append(h("datalist", { id: `${name}-list` }));
  }
  form.append(h("button", { type: "submit" }, "Apply"),
    h("button", { type: "button", class: "plain", onclick: () => { location.search = ""; } }, "Clear"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(extra)) if (v) q.set(k, v);
    for (const [k, v] of new FormData(form)) if (String(v).trim()) q.set(k, String(v).trim());
    location.search = q.toString();
  });
  return form;
}

// Fill a filter form's country datalist (after the page is drawn; never blocks it).
export async function countryOptions(form) {
  const list = form.querySelector("#country-list");
  if (!list) return;
  const rows = await api("/api/countries");
  list.replaceChildren(...rows.map((c) => h("option", { value: c.country }, `${c.name || c.country} (${c.events})`)));
}

export const EVENT_FILTERS = ["since", "until", "country", "source_country", "target_country", "actor", "dyad",
  "directed", "type", "quad_class", "min_confidence", "text", "located"];
export function eventFilters(from = params()) {
  return Object.fromEntries(EVENT_FILTERS.filter((k) => from[k]).map((k) => [k, from[k]]));
}
export const PLOVER_TYPES = Object.keys(PLOVER_COLORS).sort();

export function chart(canvas, config) {
  config.options = { animation: false, responsive: true, maintainAspectRatio: false, ...(config.options || {}) };
  return new window.Chart(canvas, config);
}

export function table(headers, rows, testid) {
  return h("table", { "data-testid": testid },
    h("thead", {}, h("tr", {}, headers.map((x) => h("th", { class: x.endsWith("#") ? "num" : null }, x.replace(/#$/, ""))))),
    h("tbody", {}, rows.map((r) => h("tr", {}, r.map((c, i) => h("td", { class: headers[i].endsWith("#") ? "num" : null }, c))))));
}

export function eventRow(e) {
  return [e.date, actors(e.source), h("a", { href: `/event/${encodeURIComponent(e.event_id)}` }, e.plover.type),
    actors(e.target), h("span", { class: `tag q${e.cameo.quad_class}` }, e.cameo.code), fmt(e.cameo.goldstein, 1),
    fmt(e.confidence, 2), e.evidence.trigger];
}
export const EVENT_HEADERS = ["date", "source", "type", "target", "CAMEO", "Goldstein#", "conf.#", "trigger"];

// Marks the page as drawn: tests and the benchmark wait for body[data-ready].
export function ready() {
  performance.mark("newsevents-ready");
  document.body.dataset.ready = "1";
}

const ROUTES = [
  [/^\/$/, "overview"], [/^\/events\/?$/, "events"], [/^\/event\/([^/]+)$/, "event"],
  [/^\/dyad(?:\/([^/]+)\/([^/]+))?\/?$/, "dyad"], [/^\/country(?:\/([^/]+))?\/?$/, "country"],
  [/^\/map\/?$/, "map"], [/^\/network\/?$/, "network"],
];

async function route() {
  const main = document.getElementById("app");
  for (const [re, name] of ROUTES) {
    const m = location.pathname.match(re);
    if (!m) continue;
    document.querySelector(`nav a[data-nav="${name}"]`)?.classList.add("active");
    if (!window.Chart || !window.d3 || !window.topojson) {
      main.replaceChildren(h("p", { class: "error" }, "The front-end libraries are not installed: run `make install` (npm ci in web/)."));
      return;
    }
    try {
      const page = await import(`/static/${name}.js`);
      main.replaceChildren();
      await page.default(main, ...m.slice(1).map((x) => (x === undefined ? undefined : decodeURIComponent(x))));
      ready();
    } catch (err) {
      main.replaceChildren(h("p", { class: "error", "data-testid": "error" }, String(err.message || err)));
      document.body.dataset.ready = "error";
    }
    return;
  }
  main.replaceChildren(h("p", { class: "error" }, "No such page."));
}

route();
