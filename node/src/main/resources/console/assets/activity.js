// Activity chart (Chart.js, vendored): requests and output tokens per hour, models on a second axis.
(function () {
  'use strict';
  var canvas = document.getElementById('activity-chart');
  if (!canvas || typeof Chart === 'undefined') { return; }
  fetch(canvas.dataset.source, { credentials: 'same-origin' })
    .then(function (r) { return r.json(); })
    .then(function (rows) {
      new Chart(canvas, {
        type: 'line',
        data: {
          labels: rows.map(function (r) { return r.hour.substring(0, 16).replace('T', ' '); }),
          datasets: [
            { label: 'requests', data: rows.map(function (r) { return r.requests; }), borderColor: '#0b57d0', yAxisID: 'y' },
            { label: 'output tokens (thousands)', data: rows.map(function (r) { return r.output_tokens / 1000; }), borderColor: '#c62828', yAxisID: 'y' },
            { label: 'models', data: rows.map(function (r) { return r.models; }), borderColor: '#2e7d32', yAxisID: 'models', stepped: true }
          ]
        },
        options: {
          animation: false, maintainAspectRatio: false,
          scales: { y: { beginAtZero: true }, models: { position: 'right', beginAtZero: true, ticks: { precision: 0 } } }
        }
      });
    })
    .catch(function () { canvas.setAttribute('aria-label', 'Activity could not be loaded'); });
})();
