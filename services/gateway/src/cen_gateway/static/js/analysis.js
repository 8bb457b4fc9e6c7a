// CEN analysis dashboard: draws the charts from the JSON the page carries (#analysis-data) with Chart.js and
// chartjs-chart-geo (served from /static/vendor; no inline script, no CDN). The map's country shapes come from
// world-atlas, keyed by ISO 3166-1 numeric codes, mapped to the service's alpha-2 codes with a generated table.
(function () {
  "use strict";

  const PALETTE = ["#0d4f96", "#c8531f", "#2e8b57", "#8e44ad", "#c8a25a", "#1f9bb5", "#b03a5b", "#5a6b80", "#6b8e23", "#d35400"];
  const colour = (index) => PALETTE[index % PALETTE.length];

  function showEmpty(canvas, text) {
    const note = document.createElement("p");
    note.className = "muted empty-chart";
    note.textContent = text;
    canvas.parentElement.replaceWith(note);
  }

  function ready(canvas) {
    canvas.dataset.ready = "true";
  }

  function drawTrend(data) {
    const canvas = document.getElementById("trend-chart");
    if (!canvas) return;
    const trends = data.trends;
    if (!trends || !trends.periods.length) return showEmpty(canvas, data.labels.noData);
    new Chart(canvas, {
      type: "line",
      data: {
        labels: trends.periods,
        datasets: trends.series.map((series, index) => ({
          label: series.label,
          data: series.data,
          borderColor: colour(index),
          backgroundColor: colour(index),
          tension: 0.2,
          pointRadius: trends.periods.length > 60 ? 0 : 3,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: data.labels.cases } } },
      },
    });
    ready(canvas);
  }

  function drawRoutes(data) {
    const canvas = document.getElementById("routes-chart");
    if (!canvas) return;
    if (!data.routes.length) return showEmpty(canvas, data.labels.noData);
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.routes.map((route) => route.label),
        datasets: [{ label: data.labels.cases, data: data.routes.map((route) => route.cases), backgroundColor: colour(0) }],
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    ready(canvas);
  }

  function drawConcealment(data) {
    const canvas = document.getElementById("concealment-chart");
    if (!canvas) return;
    const concealment = data.concealment;
    if (!concealment || !concealment.modes.length) return showEmpty(canvas, data.labels.noData);
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: concealment.modes,
        datasets: concealment.methods.map((method, index) => ({
          label: method.label,
          data: method.data,
          backgroundColor: colour(index),
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom" } },
      },
    });
    ready(canvas);
  }

  async function drawMap(data) {
    const canvas = document.getElementById("map-chart");
    if (!canvas || !window.ChartGeo) return;
    const [atlas, numericToAlpha2] = await Promise.all([
      fetch(canvas.dataset.atlasUrl).then((response) => response.json()),
      fetch(canvas.dataset.codesUrl).then((response) => response.json()),
    ]);
    const cases = Object.fromEntries(data.countries.map((country) => [country.code, country.cases]));
    const features = ChartGeo.topojson
      .feature(atlas, atlas.objects.countries)
      .features.filter((feature) => feature.id !== "010"); // Antarctica: no customs there, much space
    new Chart(canvas, {
      type: "choropleth",
      data: {
        labels: features.map((feature) => feature.properties.name),
        datasets: [
          {
            label: data.labels.cases,
            data: features.map((feature) => ({ feature, value: cases[numericToAlpha2[feature.id]] || 0 })),
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        showOutline: false,
        showGraticule: false,
        plugins: { legend: { display: false } },
        scales: {
          projection: { axis: "x", projection: "equalEarth" },
          color: { axis: "x", quantize: 6, legend: { position: "bottom-left", align: "left" } },
        },
      },
    });
    ready(canvas);
  }

  function autoSubmit() {
    const form = document.querySelector("form[data-autosubmit]");
    if (!form) return;
    form.addEventListener("change", (event) => {
      if (event.target.matches("select")) form.requestSubmit();
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    autoSubmit();
    const holder = document.getElementById("analysis-data");
    if (!holder || !window.Chart) return;
    const data = JSON.parse(holder.textContent);
    drawTrend(data);
    drawRoutes(data);
    drawConcealment(data);
    drawMap(data).catch((error) => console.warn("map not drawn", error));
  });
})();
