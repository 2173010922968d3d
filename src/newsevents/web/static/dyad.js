// Dyad: the conflict-cooperation timeline A->B and B->A (QuadClass counts as bars, mean Goldstein as a line).
import { api, chart, countryLink, EVENT_HEADERS, eventRow, fmt, h, params, QUAD, table } from "./app.js";

export default async function dyad(main, a, b) {
  if (!a || !b) return chooser(main);
  const p = params();
  const by = ["day", "week", "month"].includes(p.by) ? p.by : "month";
  const [series, recent] = await Promise.all([
    api(`/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/series`, { by }),
    api("/api/events", { dyad: `${a},${b}`, sort: "date", order: "desc", limit: 20 }),
  ]);
  const periods = [...new Set([...series.a_to_b, ...series.b_to_a].map((x) => x.period))].sort();
  const total = (s) => s.reduce((n, x) => n + x.events, 0);
  const byLinks = ["day", "week", "month"].map((x) => (x === by ? h("b", {}, x) : h("a", { href: `?by=${x}` }, x)));
  main.append(
    h("h1", {}, "Dyad ", countryLink(series.a), " ⇄ ", countryLink(series.b)),
    h("p", {}, "Per ", byLinks.flatMap((x, i) => (i ? [" · ", x] : [x])), " · ",
      h("a", { href: `/dyad/${encodeURIComponent(series.b)}/${encodeURIComponent(series.a)}` }, "swap"), " · ",
      h("a", { href: `/events?dyad=${encodeURIComponent(`${series.a},${series.b}`)}` }, "all events")),
    h("div", { class: "stats" },
      h("div", { class: "stat" }, h("b", { "data-testid": "a-to-b" }, fmt(total(series.a_to_b))), `${series.a} → ${series.b}`),
      h("div", { class: "stat" }, h("b", { "data-testid": "b-to-a" }, fmt(total(series.b_to_a))), `${series.b} → ${series.a}`)));
  const grid = h("div", { class: "grid" });
  main.append(grid);
  for (const [key, title] of [["a_to_b", `${series.a} → ${series.b}`], ["b_to_a", `${series.b} → ${series.a}`]]) {
    const canvas = h("canvas", { "data-testid": `chart-${key}` });
    grid.append(h("section", { class: "card" }, h("h2", {}, title), h("div", { class: "chart" }, canvas)));
    const rows = new Map(series[key].map((x) => [x.period, x]));
    chart(canvas, {
      data: { labels: periods.map((x) => (by === "month" ? x.slice(0, 7) : x)), datasets: [
        ...[1, 2, 3, 4].map((q) => ({ type: "bar", label: QUAD[q][0], backgroundColor: QUAD[q][1], stack: "q",
          data: periods.map((x) => rows.get(x)?.quad_class[String(q)] ?? 0), yAxisID: "y" })),
        { type: "line", label: "mean Goldstein", borderColor: "#333", backgroundColor: "#333", yAxisID: "g",
          data: periods.map((x) => rows.get(x)?.goldstein_mean ?? null), spanGaps: false, pointRadius: 3 },
      ] },
      options: { scales: { x: { stacked: true }, y: { stacked: true, ticks: { precision: 0 }, title: { display: true, text: "events" } },
        g: { position: "right", min: -10, max: 10, grid: { display: false }, title: { display: true, text: "Goldstein" } } } },
    });
  }
  grid.append(h("section", { class: "card wide" }, h("h2", {}, "Latest events between them"),
    recent.items.length ? table(EVENT_HEADERS, recent.items.map(eventRow), "dyad-events") : h("p", { class: "muted" }, "None.")));
}

async function chooser(main) {
  const net = await api("/api/network", { level: "country", limit: 40 });
  const form = h("form", { class: "filters" },
    h("label", {}, "A", h("input", { name: "a", value: "USA", size: 6 })),
    h("label", {}, "B", h("input", { name: "b", value: "CHN", size: 6 })), h("button", { type: "submit" }, "Show"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const d = new FormData(form);
    location.href = `/dyad/${encodeURIComponent(String(d.get("a")).trim().toUpperCase())}/${encodeURIComponent(String(d.get("b")).trim().toUpperCase())}`;
  });
  main.append(h("h1", {}, "Dyads"), form, h("div", { class: "card" }, table(["dyad", "events#", "mean Goldstein#"],
    net.edges.map((e) => [h("a", { href: `/dyad/${e.source}/${e.target}` }, `${e.source} → ${e.target}`), fmt(e.weight),
      fmt(e.goldstein_mean, 2)]), "dyad-list")));
}
