// dyads explorer: charts (plotly.js from the installed plotly package) and period drill-down.
// Text from the store is only ever inserted with textContent, never as HTML.

function el(tag, text, attrs) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  return node;
}

function periodEnd(start, by) {
  const d = new Date(start + "T00:00:00Z");
  if (by === "day") d.setUTCDate(d.getUTCDate() + 1);
  else if (by === "week") d.setUTCDate(d.getUTCDate() + 7);
  else if (by === "month") d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

async function showPeriod(chart, period) {
  const { a, b, by } = chart.dataset;
  const params = new URLSearchParams({ source: a, target: b, either: "true", since: period,
                                       until: periodEnd(period, by), limit: "200" });
  const box = document.getElementById("period-events");
  box.replaceChildren(el("p", "Loading…"));
  document.querySelectorAll(".period").forEach((p) => p.classList.toggle("active", p.dataset.period === period));
  const response = await fetch("/api/events?" + params);
  const data = await response.json();
  const table = el("table", null, { class: "events" });
  const head = el("tr");
  ["Date", "Source", "Event", "Target", "Mode", "Lang", "Evidence"].forEach((h) => head.appendChild(el("th", h)));
  table.appendChild(head);
  for (const e of data.events || []) {
    const row = el("tr");
    [e.date, e.source_code, e.cameo, e.target_code, e.mode, e.language].forEach((v) => row.appendChild(el("td", v || "—")));
    // the evidence in its own script; dir="auto" runs right-to-left text right to left, from the right
    const cell = el("td", null, e.language ? { dir: "auto", lang: e.language } : { dir: "auto" });
    cell.appendChild(el("a", e.sentence, { href: "/event/" + encodeURIComponent(e.event_id) }));
    row.appendChild(cell);
    table.appendChild(row);
  }
  box.replaceChildren(el("h2", "Events in " + period + " (" + (data.events || []).length + ")"), table);
}

function dyadPage() {
  const chart = document.getElementById("chart");
  const series = JSON.parse(document.getElementById("series").textContent);
  const directions = [...new Set(series.map((r) => r.direction))];
  const traces = [];
  const colours = { verbal_cooperation: "#90cdf4", material_cooperation: "#2b6cb0",
                    verbal_conflict: "#f6ad55", material_conflict: "#c0392b" };
  directions.forEach((direction, i) => {
    const rows = series.filter((r) => r.direction === direction);
    for (const [column, colour] of Object.entries(colours)) {
      traces.push({ type: "bar", name: direction + " " + column.replace("_", " "), x: rows.map((r) => r.period),
                    y: rows.map((r) => r[column]), marker: { color: colour, opacity: i ? 0.6 : 1 },
                    offsetgroup: direction, legendgroup: direction });
    }
    traces.push({ type: "scatter", mode: "lines+markers", name: direction + " mean Goldstein", yaxis: "y2",
                  x: rows.map((r) => r.period), y: rows.map((r) => r.goldstein_mean), line: { dash: i ? "dot" : "solid" } });
  });
  Plotly.newPlot(chart, traces, {
    barmode: "stack", margin: { t: 20, r: 50, l: 40, b: 40 }, legend: { orientation: "h" },
    yaxis: { title: "events" }, yaxis2: { title: "mean Goldstein", overlaying: "y", side: "right", range: [-10, 10] },
    xaxis: { type: "date" },
  }, { responsive: true, displaylogo: false });
  chart.on("plotly_click", (event) => {
    const x = event.points[0].x;
    showPeriod(chart, String(x).slice(0, 10));
  });
  document.querySelectorAll(".period").forEach((button) =>
    button.addEventListener("click", () => showPeriod(chart, button.dataset.period)));
}

function actorPage() {
  const partners = JSON.parse(document.getElementById("partners").textContent);
  const center = JSON.parse(document.getElementById("center").textContent);
  const n = partners.length;
  const xs = partners.map((_, i) => Math.cos((2 * Math.PI * i) / Math.max(n, 1)));
  const ys = partners.map((_, i) => Math.sin((2 * Math.PI * i) / Math.max(n, 1)));
  const top = Math.max(1, ...partners.map((p) => p.events));
  const edges = partners.map((p, i) => ({
    type: "scatter", mode: "lines", x: [0, xs[i]], y: [0, ys[i]], hoverinfo: "skip", showlegend: false,
    line: { width: 1 + (6 * p.events) / top, color: p.goldstein_mean >= 0 ? "#2b6cb0" : "#c0392b" },
  }));
  const nodes = {
    type: "scatter", mode: "markers+text", x: [0, ...xs], y: [0, ...ys], text: [center, ...partners.map((p) => p.partner)],
    textposition: "top center", showlegend: false,
    hovertext: ["", ...partners.map((p) => p.events + " events, mean Goldstein " + p.goldstein_mean)],
    marker: { size: [18, ...partners.map((p) => 8 + (14 * p.events) / top)],
              color: [0, ...partners.map((p) => p.goldstein_mean)], colorscale: "RdBu", cmin: -10, cmax: 10 },
  };
  Plotly.newPlot("network", [...edges, nodes], {
    margin: { t: 10, r: 10, l: 10, b: 10 }, xaxis: { visible: false }, yaxis: { visible: false },
  }, { responsive: true, displaylogo: false });
}
