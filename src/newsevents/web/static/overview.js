// Overview: totals, events by PLOVER type over time, top dyads, movers this week against the weeks before.
import { api, chart, color, countryLink, countryOptions, dyadLink, eventFilters, filterForm, fmt, h, params,
  PLOVER_TYPES, table } from "./app.js";

export default async function overview(main) {
  const p = params();
  const f = eventFilters(p);
  const by = p.by === "week" ? "week" : "month";
  const form = filterForm([["country", "Country", "text", true], ["type", "PLOVER type", "select",
    [["", "any"], ...PLOVER_TYPES.map((t) => [t, t])]], ["since", "Since", "date"], ["until", "Until", "date"],
  ["by", "Per", "select", [["month", "month"], ["week", "week"]]]]);
  const [health, series, net, dyadMovers, countryMovers] = await Promise.all([
    api("/api/health"), api("/api/types/series", { by, ...f }),
    api("/api/network", { level: "country", limit: 10, ...f }),
    api("/api/movers", { level: "dyad", limit: 8, ...f }), api("/api/movers", { level: "country", limit: 8, ...f }),
  ]);
  const selected = series.series.reduce((n, s) => n + s.events, 0);
  const canvas = h("canvas", { "data-testid": "types-chart" });
  main.append(
    h("h1", {}, "Overview", f.country ? ` — ${f.country}` : ""), form,
    h("div", { class: "stats" },
      h("div", { class: "stat" }, h("b", { "data-testid": "documents" }, fmt(health.documents)), "documents"),
      h("div", { class: "stat" }, h("b", { "data-testid": "events" }, fmt(health.events)), "events stored"),
      h("div", { class: "stat" }, h("b", { "data-testid": "selected" }, fmt(selected)), `events dated to the ${by}`),
      h("div", { class: "stat" }, h("b", {}, fmt(series.series.length)), "PLOVER types")),
    h("div", { class: "grid" },
      h("section", { class: "card wide" }, h("h2", {}, `Events by PLOVER type per ${by}`),
        h("div", { class: "chart tall" }, canvas)),
      h("section", { class: "card" }, h("h2", {}, "Top dyads (source → target)"),
        table(["dyad", "events#", "mean Goldstein#"], net.edges.map((e) => [dyadLink(e.source, e.target,
          `${e.source} → ${e.target}`), fmt(e.weight), fmt(e.goldstein_mean, 2)]), "top-dyads")),
      movers("Movers: dyads", dyadMovers, (m) => dyadLink(m.a, m.b, m.label), "movers-dyads"),
      movers("Movers: countries", countryMovers, (m) => countryLink(m.a, m.label), "movers-countries")));
  chart(canvas, {
    type: "bar",
    data: { labels: series.periods.map((x) => (by === "month" ? x.slice(0, 7) : x)),
      datasets: series.series.map((s, i) => ({ label: `${s.type} (${s.events})`, data: s.counts,
        backgroundColor: color(s.type, i), stack: "t" })) },
    options: { scales: { x: { stacked: true, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
      y: { stacked: true, ticks: { precision: 0 }, title: { display: true, text: "events" } } },
    plugins: { legend: { position: "right" } } },
  });
  countryOptions(form).catch(() => {});
}

function movers(title, data, link, testid) {
  const body = data.items.length
    ? table(["", "this week#", `mean of ${data.weeks} before#`, "change#", "weekly"], data.items.map((m) => [
      link(m), fmt(m.this_week), fmt(m.previous_mean, 2),
      h("span", { class: m.change > 0 ? "up" : "down" }, (m.change > 0 ? "+" : "") + fmt(m.change, 2)),
      m.weekly.join(" · ")]), testid)
    : h("p", { class: "muted" }, "No day-dated events in the selection.");
  return h("section", { class: "card" }, h("h2", {}, title),
    h("p", { class: "muted" }, data.week ? `Week of ${data.week} against the ${data.weeks} weeks from ${data.previous_from}.` : ""),
    body);
}
