/* The key figures' charts (Chart.js). Each chart reads its numbers from the table beside it:
   the rows its data-rows selector names, the number in each cell's data-value ("" is no
   figure), the bar's label from the row's header and the two series' names from the
   columns marked data-series. The tables are what screen readers read; the canvases are
   hidden from them. */
(function () {
  "use strict";

  var COLOURS = { current: "#0059b3", previous: "#747474" };
  var BAR_HEIGHT = 22;
  var LINE = 30; // characters in a line of a bar's label before it wraps

  function wrap(label) {
    var lines = [];
    var line = "";
    label.split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > LINE) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    lines.push(line);
    return lines;
  }

  function number(cell) {
    var value = cell ? cell.getAttribute("data-value") : null;
    return value === null || value === "" ? null : Number(value);
  }

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function draw(canvas) {
    var table = document.getElementById(canvas.getAttribute("data-table"));
    if (!table) { return; }
    var rows = table.querySelectorAll(canvas.getAttribute("data-rows"));
    var labels = [];
    var series = { current: [], previous: [] };
    rows.forEach(function (row) {
      var values = Object.keys(series).map(function (name) {
        return number(row.querySelector("[data-series=" + name + "]"));
      });
      if (values.every(function (value) { return value === null; })) { return; }
      labels.push(wrap(text(row.querySelector("th"))));
      Object.keys(series).forEach(function (name, i) { series[name].push(values[i]); });
    });
    var figure = canvas.closest("figure");
    if (!labels.length) {
      // No figure to draw in either period: the table says "–", the chart says nothing.
      if (figure) { figure.hidden = true; }
      canvas.setAttribute("data-drawn", "empty");
      return;
    }
    // A series without its column (no round before to compare with) is left out, not
    // drawn as an unnamed key.
    var named = Object.keys(series).filter(function (name) {
      return table.querySelector("thead [data-series=" + name + "]");
    });
    var datasets = named.map(function (name) {
      return {
        label: text(table.querySelector("thead [data-series=" + name + "]")),
        data: series[name],
        backgroundColor: COLOURS[name],
      };
    });
    var lines = labels.reduce(function (sum, label) { return sum + Math.max(2, label.length); }, 0);
    canvas.parentNode.style.height = (lines * BAR_HEIGHT + 96) + "px";
    var unit = canvas.getAttribute("data-unit");
    var percent = unit === "percent";
    canvas.chart = new window.Chart(canvas, {
      type: "bar",
      data: { labels: labels, datasets: datasets },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: {
            beginAtZero: true,
            max: percent ? 100 : undefined,
            ticks: { precision: unit === "count" ? 0 : undefined },
            title: { display: true, text: canvas.getAttribute("data-axis") },
          },
        },
        plugins: { legend: { position: "bottom" } },
      },
    });
    canvas.setAttribute("data-drawn", "true");
  }

  function drawAll() {
    if (!window.Chart) { return; }
    var style = window.getComputedStyle(document.body);
    window.Chart.defaults.font.family = style.fontFamily;
    window.Chart.defaults.color = "#1a1a1a";
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
