// Cluster graph (Cytoscape.js, vendored): accounts coloured by verdict, joined to the evidence kinds
// that link the cluster. Labels are set as data and drawn on a canvas: never parsed as HTML.
(function () {
  'use strict';
  var box = document.getElementById('cluster-graph');
  if (!box || typeof cytoscape === 'undefined') { return; }
  var colours = { distillation: '#c62828', suspicious: '#e0a100', benign: '#2e7d32' };
  fetch(box.dataset.source, { credentials: 'same-origin' })
    .then(function (r) { return r.json(); })
    .then(function (g) {
      var elements = g.nodes.map(function (n) {
        return { data: { id: n.id, label: n.label, colour: n.type === 'link' ? '#5c6bc0' : (colours[n.verdict] || '#757575'), shape: n.type === 'link' ? 'round-rectangle' : 'ellipse' } };
      }).concat(g.edges.map(function (e, i) { return { data: { id: 'e' + i, source: e.source, target: e.target } }; }));
      cytoscape({
        container: box,
        elements: elements,
        layout: { name: g.nodes.length > 60 ? 'grid' : 'cose', animate: false },
        style: [
          { selector: 'node', style: { 'background-color': 'data(colour)', label: 'data(label)', shape: 'data(shape)', 'font-size': 9, color: '#1a1a1a', 'text-valign': 'bottom' } },
          { selector: 'edge', style: { width: 1, 'line-color': '#9e9e9e' } }
        ]
      });
    })
    .catch(function () { box.textContent = 'The graph could not be loaded; the members are listed below.'; });
})();
