// Alert queue: polls the queue state every 5 s; when alerts were added or changed, re-reads the current
// page as JSON and rebuilds its rows with textContent (never innerHTML: ids and signals are untrusted).
(function () {
  'use strict';
  var status = document.getElementById('queue-status');
  var body = document.getElementById('queue-rows');
  var total = document.getElementById('queue-total');
  if (!status || !body) { return; }
  var query = status.dataset.query || '';
  var page = status.dataset.page || '0';
  var last = null;

  function cell(tr, text) { var td = document.createElement('td'); td.textContent = text == null ? '' : text; tr.appendChild(td); return td; }
  function link(td, href, text) { var a = document.createElement('a'); a.href = href; a.textContent = text; td.appendChild(a); return a; }

  function render(data) {
    var rows = document.createDocumentFragment();
    data.rows.forEach(function (r) {
      var tr = document.createElement('tr');
      var first = cell(tr, null);
      link(first, '/' + r.kind + '?id=' + encodeURIComponent(r.id), r.id).className = 'subject';
      var kind = document.createElement('span'); kind.className = 'kind'; kind.textContent = r.kind; first.appendChild(kind);
      var v = cell(tr, null); var b = document.createElement('span'); b.className = 'badge ' + (r.verdict === 'distillation' ? 'distillation' : 'suspicious'); b.textContent = r.verdict; v.appendChild(b);
      cell(tr, r.score.toFixed(3));
      cell(tr, r.at);
      var c = cell(tr, null); if (r.cluster) { link(c, '/cluster?id=' + encodeURIComponent(r.cluster), r.cluster); }
      cell(tr, (r.signals || []).join(', '));
      cell(tr, r.decision ? r.decision.replace(/_/g, ' ') : (r.assignee ? 'assigned to ' + r.assignee : 'open'));
      rows.appendChild(tr);
    });
    if (data.rows.length) { body.replaceChildren(rows); }
    total.textContent = data.total_capped ? 'more than ' + (data.total - 1).toLocaleString('en') : data.total.toLocaleString('en');
  }

  function poll() {
    fetch('/api/queue/state', { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) { return; }
        var key = s.newest + '/' + s.alerts;
        if (last !== null && key !== last) {
          return fetch('/api/queue?' + query + 'page=' + page, { credentials: 'same-origin' })
            .then(function (r) { return r.json(); })
            .then(function (data) { render(data); status.textContent = 'New alerts arrived; the list is up to date.'; last = key; });
        }
        last = key;
      })
      .catch(function () { /* next poll tries again */ });
  }
  poll();
  setInterval(poll, 5000);
})();
