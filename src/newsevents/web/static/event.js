// One event: its record, the source link, and its document with the evidence and actors highlighted.
import { actors, api, countryLink, fmt, h, QUAD } from "./app.js";

export default async function event(main, id) {
  const detail = await api(`/api/events/${encodeURIComponent(id)}`);
  const e = detail.event;
  const doc = await api(`/api/documents/${encodeURIComponent(e.doc_id)}`);
  const meta = detail.document || {};
  const loc = e.location;
  main.append(
    h("h1", {}, `${actors(e.source)} ${e.plover.type} ${actors(e.target)}`, h("span", { class: "muted" }, ` · ${e.date}`)),
    h("div", { class: "grid" },
      h("section", { class: "card" }, h("h2", {}, "Event"), h("dl", { class: "kv", "data-testid": "event-record" },
        ...kv("PLOVER", `${e.plover.type}${e.plover.mode ? ` (${e.plover.mode})` : ""}`),
        ...kv("CAMEO", `${e.cameo.code} · Goldstein ${fmt(e.cameo.goldstein, 1)}`),
        ...kv("QuadClass", h("span", { class: `tag q${e.cameo.quad_class}` }, `${e.cameo.quad_class} ${QUAD[e.cameo.quad_class][0]}`)),
        ...kv("Source", side(e.source)), ...kv("Target", side(e.target)),
        ...kv("Date", `${e.date} (${e.date_precision}, from ${e.date_source}${e.date_text ? `: “${e.date_text}”` : ""})`),
        ...kv("Location", loc ? `${loc.name}${loc.country ? ` (${loc.country})` : ""}` : "–"),
        ...kv("Modality", e.modality), ...kv("Confidence", fmt(e.confidence, 3)),
        ...kv("Reported by", `${e.num_articles} article(s), ${e.num_sources} source(s)`),
        ...kv("Trigger", `“${e.evidence.trigger}”`))),
      h("section", { class: "card" }, h("h2", {}, "Document"), h("dl", { class: "kv" },
        ...kv("Title", doc.title || "–"), ...kv("Published", doc.published), ...kv("Source", doc.source || "–"),
        ...kv("Link", doc.url ? h("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank",
          "data-testid": "source-link" }, doc.url) : "–"),
        ...kv("Document id", meta.id || e.doc_id)),
        detail.same_event.length ? h("p", {}, "Also reported in: ", detail.same_event.map((s, i) => [i ? ", " : "",
          h("a", { href: `/event/${encodeURIComponent(s.event_id)}` }, `${s.source || s.doc_id} (${s.published})`)])) : null)),
    h("h2", { style: "margin-top:16px" }, "Evidence in the document"),
    h("div", { class: "legend" }, h("span", { class: "hl-evidence" }, "this event's trigger"),
      h("span", { class: "hl-source" }, "source actor"), h("span", { class: "hl-target" }, "target actor"),
      h("span", { class: "hl-other" }, "other events"), h("span", { class: "hl-place" }, "place"),
      h("span", { class: "hl-timex" }, "date expression")),
    highlighted(doc, e.event_id));
  main.querySelector(".hl-evidence")?.scrollIntoView({ block: "center" });
  window.scrollTo(0, 0);
}

function kv(k, v) { return [h("dt", {}, k), h("dd", {}, v)]; }

function side(list) {
  if (!list.length) return "–";
  return list.map((a, i) => [i ? ", " : "", a.country ? countryLink(a.country, a.code) : a.code,
    ` ${a.name || a.text}${a.role ? `, ${a.role}` : ""}`]);
}

// Split the text at every span boundary; each piece gets the classes of the spans covering it.
function highlighted(doc, eventId) {
  const spans = [];
  for (const s of doc.spans) {
    let cls = null;
    if (s.kind === "event") cls = s.event_id === eventId ? "hl-evidence" : "hl-other";
    else if (s.kind === "event_actor" && s.event_id === eventId) cls = s.role === "target" ? "hl-target" : "hl-source";
    else if (s.kind === "place") cls = "hl-place";
    else if (s.kind === "timex") cls = "hl-timex";
    if (cls && s.end > s.start) spans.push({ ...s, cls });
  }
  const cuts = [...new Set([0, doc.text.length, ...spans.flatMap((s) => [s.start, s.end])])]
    .filter((x) => x >= 0 && x <= doc.text.length).sort((a, b) => a - b);
  const box = h("div", { class: "doc", "data-testid": "document" });
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const on = spans.filter((s) => s.start <= a && s.end >= b);
    const text = doc.text.slice(a, b);
    if (!on.length) { box.append(text); continue; }
    box.append(h("mark", { class: [...new Set(on.map((s) => s.cls))].join(" "),
      title: on.map((s) => `${s.kind}: ${s.label}`).join("\n") }, text));
  }
  return box;
}
