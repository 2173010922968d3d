// Network: directed edges source -> target weighted by events (d3-force layout, drawn as SVG); edge colour
// from the mean Goldstein score (green cooperation, red conflict).
import { api, eventFilters, fmt, h, params, svg } from "./app.js";

const W = 960, H = 620;

export default async function network(main) {
  const p = params();
  const level = p.level === "actor" ? "actor" : "country";
  const limit = Math.min(300, Math.max(5, parseInt(p.limit || "80", 10) || 80));
  const data = await api("/api/network", { ...eventFilters(p), level, limit });
  const d3 = window.d3;
  const nodes = data.nodes.map((n) => ({ ...n }));
  const links = data.edges.map((e) => ({ ...e }));
  const maxEvents = Math.max(1, ...nodes.map((n) => n.events));
  const radius = (n) => 4 + 18 * Math.sqrt(n.events / maxEvents);
  const sim = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id((n) => n.id).distance(70))
    .force("charge", d3.forceManyBody().strength(-220))
    .force("center", d3.forceCenter(W / 2, H / 2))
    .force("collide", d3.forceCollide((n) => radius(n) + 6)).stop();
  for (let i = 0; i < 300; i++) sim.tick();
  const xs = nodes.map((n) => n.x), ys = nodes.map((n) => n.y);
  // the drawing's bounds, never smaller than W x H (a small graph is not blown up)
  const [x0, x1, y0, y1] = [Math.min(0, ...xs.map((x) => x - 40)), Math.max(W, ...xs.map((x) => x + 60)),
    Math.min(0, ...ys.map((y) => y - 30)), Math.max(H, ...ys.map((y) => y + 30))];
  const root = svg("svg", { class: "net", viewBox: `${x0} ${y0} ${x1 - x0} ${y1 - y0}`, "data-testid": "network" },
    svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9,
      markerUnits: "userSpaceOnUse", orient: "auto" },
      svg("path", { d: "M0,0L10,5L0,10z", fill: "#888" }))));
  const maxW = Math.max(1, ...links.map((l) => l.weight));
  const tone = (g) => (g >= 1 ? "#1b7837" : g <= -1 ? "#b2182b" : "#8a8f99");
  for (const l of links) {
    const dx = l.target.x - l.source.x, dy = l.target.y - l.source.y, d = Math.hypot(dx, dy) || 1;
    const r = radius(l.target) + 2;
    root.append(svg("line", { x1: l.source.x, y1: l.source.y, x2: l.target.x - (dx / d) * r, y2: l.target.y - (dy / d) * r,
      stroke: tone(l.goldstein_mean), "stroke-width": (0.8 + 5 * (l.weight / maxW)).toFixed(2), "marker-end": "url(#arrow)" },
    svg("title", {}, `${l.source.id} → ${l.target.id}: ${l.weight} events, mean Goldstein ${fmt(l.goldstein_mean, 2)}`)));
  }
  for (const n of nodes) {
    const href = level === "country" ? `/country/${encodeURIComponent(n.id)}` : `/events?actor=${encodeURIComponent(n.id)}`;
    root.append(svg("a", { href }, svg("circle", { cx: n.x, cy: n.y, r: radius(n), fill: "#4282bf", "data-id": n.id },
      svg("title", {}, `${n.label}: ${n.events} events`)), svg("text", { x: n.x + radius(n) + 3, y: n.y + 4 }, n.id)));
  }
  const other = level === "country" ? "actor" : "country";
  main.append(h("h1", {}, level === "country" ? "Country network" : "Actor network"),
    h("p", { class: "muted" }, `${fmt(nodes.length)} nodes, the ${fmt(links.length)} heaviest directed edges. `,
      h("a", { href: `?level=${other}` }, `Show ${other}s instead`), ". Edge width: events; colour: mean Goldstein (green ≥ 1, red ≤ −1)."),
    root);
}
