// Map: world country shapes (world-atlas, drawn with d3-geo) coloured by the events each country is a
// party to, and the located events as points (sized by events at the place, coloured by QuadClass).
import { api, eventFilters, fmt, h, params, QUAD, svg } from "./app.js";

const W = 960, H = 500;
const RAMP = ["#f1f4f8", "#d6e4f0", "#a9c8e3", "#73a6d2", "#4282bf", "#1d5ea6", "#0b3d7a"];

export default async function map(main) {
  const f = eventFilters(params());
  const [world, totals, located] = await Promise.all([
    fetch("/vendor/countries-110m.json").then((r) => { if (!r.ok) throw new Error("world shapes are not installed"); return r.json(); }),
    api("/api/countries", f), api("/api/events", { ...f, located: true, limit: 1000, sort: "date", order: "desc" }),
  ]);
  const byNumeric = new Map(totals.filter((c) => c.numeric).map((c) => [c.numeric, c]));
  const max = Math.max(1, ...totals.map((c) => c.events));
  const shade = (n) => (n ? RAMP[1 + Math.min(RAMP.length - 2, Math.floor((Math.log(n) / Math.log(max + 1)) * (RAMP.length - 1)))] : RAMP[0]);
  const projection = window.d3.geoNaturalEarth1().fitSize([W, H], { type: "Sphere" });
  const path = window.d3.geoPath(projection);
  const shapes = window.topojson.feature(world, world.objects.countries).features;
  const root = svg("svg", { class: "map", viewBox: `0 0 ${W} ${H}`, "data-testid": "map" },
    svg("path", { class: "sphere", d: path({ type: "Sphere" }) }));
  for (const s of shapes) {
    const c = byNumeric.get(String(s.id).padStart(3, "0"));
    const shape = svg("path", { class: "country", d: path(s), fill: shade(c ? c.events : 0), "data-iso": c?.country,
      "data-events": c ? c.events : 0 }, svg("title", {}, `${s.properties.name}: ${c ? `${fmt(c.events)} events` : "no events"}`));
    if (c) shape.addEventListener("click", () => { location.href = `/country/${c.country}`; });
    root.append(shape);
  }
  const places = new Map();
  for (const e of located.items) {
    const l = e.location;
    const key = `${l.lat},${l.lon}`;
    if (!places.has(key)) places.set(key, { l, events: [], quads: [0, 0, 0, 0, 0] });
    places.get(key).events.push(e);
    places.get(key).quads[e.cameo.quad_class] += 1;
  }
  const points = svg("g", { "data-testid": "points" });
  for (const { l, events, quads } of [...places.values()].sort((a, b) => b.events.length - a.events.length)) {
    const xy = projection([l.lon, l.lat]);
    if (!xy) continue;
    const q = quads.indexOf(Math.max(...quads));
    const dot = svg("circle", { class: "point", cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: (2.5 + 2 * Math.sqrt(events.length)).toFixed(1),
      fill: QUAD[q][1] }, svg("title", {}, `${l.name}${l.country ? ` (${l.country})` : ""}: ${events.length} event(s)`));
    points.append(events.length === 1 ? svg("a", { href: `/event/${encodeURIComponent(events[0].event_id)}` }, dot) : dot);
  }
  root.append(points);
  main.append(h("h1", {}, "Map"),
    h("p", { class: "muted" }, `Countries shaded by the events they are a party to; ${fmt(located.items.length)} of
      ${fmt(located.total)} located events as points (coloured by their most frequent QuadClass). Click a country for its page.`),
    root,
    h("div", { class: "scale" }, "fewer", RAMP.map((c) => h("i", { style: `background:${c}` })), `more (up to ${fmt(max)} events)`,
      ...[1, 2, 3, 4].map((q) => [h("i", { style: `background:${QUAD[q][1]};width:10px;border-radius:5px` }), QUAD[q][0]])));
}
