// Event list: every filter of /api/events, sorting and pages of 50; each row links to its evidence.
import { api, countryOptions, EVENT_HEADERS, eventFilters, eventRow, filterForm, fmt, h, params, PLOVER_TYPES,
  table } from "./app.js";

const LIMIT = 50;

export default async function events(main) {
  const p = params();
  const offset = Math.max(0, parseInt(p.offset || "0", 10) || 0);
  const sort = ["date", "confidence", "goldstein"].includes(p.sort) ? p.sort : "date";
  const order = p.order === "asc" ? "asc" : "desc";
  const form = filterForm([
    ["country", "Country", "text", true], ["actor", "Actor", "text"], ["dyad", "Dyad (A,B)", "text"],
    ["type", "PLOVER type", "select", [["", "any"], ...PLOVER_TYPES.map((t) => [t, t])]],
    ["quad_class", "QuadClass", "select", [["", "any"], ["1", "1 verbal coop."], ["2", "2 material coop."],
      ["3", "3 verbal conflict"], ["4", "4 material conflict"]]],
    ["min_confidence", "Min. confidence", "number"], ["text", "Text", "text"],
    ["since", "Since", "date"], ["until", "Until", "date"],
    ["sort", "Sort", "select", [["date", "date"], ["confidence", "confidence"], ["goldstein", "Goldstein"]]],
    ["order", "Order", "select", [["desc", "descending"], ["asc", "ascending"]]],
  ]);
  const page = await api("/api/events", { ...eventFilters(p), sort, order, limit: LIMIT, offset });
  const link = (off, label) => {
    const q = new URLSearchParams(location.search);
    q.set("offset", String(off));
    return h("a", { href: `?${q}` }, label);
  };
  const last = Math.min(offset + page.items.length, page.total);
  main.append(h("h1", {}, "Events"), form,
    h("div", { class: "pager" }, h("span", { "data-testid": "total" }, `${fmt(page.total)} events`),
      page.total ? h("span", {}, `showing ${fmt(offset + 1)}–${fmt(last)}`) : null,
      offset > 0 ? link(Math.max(0, offset - LIMIT), "← previous") : null,
      last < page.total ? link(offset + LIMIT, "next →") : null),
    h("div", { class: "card" }, page.items.length ? table(EVENT_HEADERS, page.items.map(eventRow), "events-table")
      : h("p", { class: "muted" }, "No events match these filters.")));
  countryOptions(form).catch(() => {});
}
