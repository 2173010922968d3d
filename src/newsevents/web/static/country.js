// Country: totals, events by PLOVER type, cooperation and conflict by month, partners, latest events.
import { api, chart, color, countryLink, dyadLink, EVENT_HEADERS, eventRow, fmt, h, table } from "./app.js";

export default async function country(main, code) {
  if (!code) return chooser(main);
  const [c, recent] = await Promise.all([api(`/api/countries/${encodeURIComponent(code)}`),
    api("/api/events", { country: code, sort: "date", order: "desc", limit: 15 })]);
  const types = h("canvas", { "data-testid": "country-types" });
  const months = h("canvas", { "data-testid": "country-months" });
  main.append(
    h("h1", {}, c.name ? `${c.name} (${c.country})` : c.country),
    h("p", {}, h("a", { href: `/events?country=${encodeURIComponent(c.country)}` }, "all events"), " · ",
      h("a", { href: `/?country=${encodeURIComponent(c.country)}` }, "overview for this country")),
    h("div", { class: "stats" }, ...[["events", c.events, "country-events"], ["as source", c.as_source], ["as target", c.as_target],
      ["located in it", c.located], ["documents", c.documents]].map(([k, v, id]) =>
      h("div", { class: "stat" }, h("b", { "data-testid": id || null }, fmt(v)), k)),
    h("div", { class: "stat" }, h("b", {}, fmt(c.goldstein_mean, 2)), "mean Goldstein"),
    h("div", { class: "stat" }, h("b", {}, `${c.first_date || "–"} … ${c.last_date || "–"}`), "dates")),
    h("div", { class: "grid" },
      h("section", { class: "card" }, h("h2", {}, "By PLOVER type"), h("div", { class: "chart" }, types)),
      h("section", { class: "card" }, h("h2", {}, "Cooperation and conflict by month"), h("div", { class: "chart" }, months)),
      h("section", { class: "card" }, h("h2", {}, "Partners"), table(["country", "events#", "out#", "in#", "mean Goldstein#", ""],
        c.partners.map((x) => [countryLink(x.country, x.name || x.country), fmt(x.events), fmt(x.outgoing), fmt(x.incoming),
          fmt(x.goldstein_mean, 2), dyadLink(c.country, x.country, "dyad")]), "partners")),
      h("section", { class: "card" }, h("h2", {}, "Latest events"), table(EVENT_HEADERS, recent.items.map(eventRow), "country-events-table"))));
  chart(types, { type: "bar", data: { labels: c.by_type.map((t) => t.type), datasets: [{ label: "events",
    data: c.by_type.map((t) => t.events), backgroundColor: c.by_type.map((t, i) => color(t.type, i)) }] },
  options: { indexAxis: "y", plugins: { legend: { display: false } } } });
  chart(months, { type: "line", data: { labels: c.by_month.map((m) => m.period.slice(0, 7)), datasets: [
    { label: "cooperation (QuadClass 1–2)", data: c.by_month.map((m) => m.cooperation), borderColor: "#1b7837", backgroundColor: "#1b7837" },
    { label: "conflict (QuadClass 3–4)", data: c.by_month.map((m) => m.conflict), borderColor: "#b2182b", backgroundColor: "#b2182b" }] } });
}

async function chooser(main) {
  const rows = await api("/api/countries");
  main.append(h("h1", {}, "Countries"), h("div", { class: "card" }, table(
    ["country", "events#", "as source#", "as target#", "located#", "mean Goldstein#"],
    rows.map((c) => [countryLink(c.country, `${c.name || c.country} (${c.country})`), fmt(c.events), fmt(c.as_source),
      fmt(c.as_target), fmt(c.located), fmt(c.goldstein_mean, 2)]), "country-list")));
}
