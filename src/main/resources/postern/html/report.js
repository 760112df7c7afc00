(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('postern-data').textContent);
  var SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
  var SVG = 'http://www.w3.org/2000/svg';
  var COLUMNS = ['internet', 'edge', 'app', 'other', 'unattached', 'external', 'data', 'resource'];
  var COLUMN_TITLES = { internet: 'Internet', edge: 'edge', app: 'app', other: 'other', unattached: 'unattached',
    external: 'external', data: 'data', resource: 'resource' };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function clip(s, n) { return s.length > n ? s.slice(0, n - 1) + '…' : s; }

  // --- charts: horizontal bars, one per row ---
  function bars(id, rows, limit) {
    var box = document.getElementById(id);
    var shown = rows.slice(0, limit);
    var max = Math.max(1, Math.max.apply(null, shown.map(function (r) { return r.value; }).concat([0])));
    var labelW = 230, barW = 150, rowH = 20;
    var s = svg('svg', { 'class': 'chart', width: labelW + barW + 50, height: Math.max(1, shown.length) * rowH + 4, role: 'img' });
    shown.forEach(function (r, i) {
      var y = i * rowH + 2;
      var t = svg('text', { x: labelW - 6, y: y + 13, 'text-anchor': 'end' }, clip(r.label, 32));
      t.appendChild(svg('title', {}, r.label));
      s.appendChild(t);
      s.appendChild(svg('rect', { x: labelW, y: y + 2, height: rowH - 6, width: Math.max(r.value ? 2 : 0, barW * r.value / max), 'class': 'bar-' + r.kind }));
      s.appendChild(svg('text', { x: labelW + barW * r.value / max + 5, y: y + 13, 'class': 'value' }, String(r.value)));
    });
    box.appendChild(s);
    if (rows.length > limit) box.appendChild(el('p', 'muted', (rows.length - limit) + ' more not drawn'));
    if (!rows.length) box.appendChild(el('p', 'muted', 'none'));
  }
  bars('chart-severity', D.charts.severity, 5);
  bars('chart-rule', D.charts.rule, 12);
  bars('chart-scope', D.charts.scope, 12);

  // --- a picture: nodes in tier columns, edges with their ports ---
  function picture(index) {
    var box = el('div', 'picture');
    if (index < 0) { box.appendChild(el('p', 'muted', 'Nothing in the trust graph explains this finding.')); return box; }
    var p = D.pictures[index];
    var cols = COLUMNS.filter(function (c) { return p.nodes.some(function (n) { return n.col === c; }); });
    var colW = 290, nodeW = 190, nodeH = 44, gapY = 22, top = 28;
    // Within a tier, a group trusted by another of the same tier is drawn one step to the right of it
    // (at most 3 steps), so that a chain reads left to right even where tiers do not change.
    var col = {}, depth = {};
    p.nodes.forEach(function (n) { col[n.id] = n.col; depth[n.id] = 0; });
    for (var pass = 0; pass < p.nodes.length; pass++) {
      var moved = false;
      p.edges.forEach(function (e) {
        if (e.kind === 'attach' || col[e.from] !== col[e.to] || e.from === e.to) return;
        var d = Math.min(3, depth[e.from] + 1);
        if (d > depth[e.to]) { depth[e.to] = d; moved = true; }
      });
      if (!moved) break;
    }
    var start = {}, x = 16;
    cols.forEach(function (c) {
      start[c] = x;
      x += colW * (1 + Math.max.apply(null, p.nodes.filter(function (n) { return n.col === c; }).map(function (n) { return depth[n.id]; })));
    });
    var pos = {}, perSlot = {}, rows = 1;
    p.nodes.forEach(function (n) {
      var slot = n.col + '/' + depth[n.id];
      var i = perSlot[slot] = (perSlot[slot] || 0) + 1;
      rows = Math.max(rows, i);
      pos[n.id] = { x: start[n.col] + depth[n.id] * colW, y: top + (i - 1) * (nodeH + gapY) };
    });
    // An edge that skips a column runs in a lane of its own beneath the nodes, not through them.
    var bottom = top + rows * (nodeH + gapY) - gapY / 2, lanes = 0;
    p.edges.forEach(function (e) {
      var a = pos[e.from], b = pos[e.to];
      e.lane = a && b && b.x - a.x > colW ? ++lanes : 0;
    });
    var width = x, height = bottom + lanes * 18 + 10;
    var s = svg('svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': 'trust graph' });
    // Fitted to the panel, unless that would make its text too small to read: then it scrolls.
    if (width > 1800) s.style.maxWidth = 'none';
    var defs = svg('defs');
    [['arrow', ''], ['arrow-red', 'red']].forEach(function (m) {
      var mk = svg('marker', { id: m[0], viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse', 'class': m[1] });
      mk.appendChild(svg('path', { d: 'M0,0 L10,5 L0,10 z' }));
      defs.appendChild(mk);
    });
    s.appendChild(defs);
    cols.forEach(function (c) { s.appendChild(svg('text', { x: start[c], y: 16, 'class': 'colhead' }, COLUMN_TITLES[c])); });
    p.edges.forEach(function (e) {
      var a = pos[e.from], b = pos[e.to];
      if (!a || !b) return;
      var x1 = a.x + nodeW, y1 = a.y + nodeH / 2, x2 = b.x, y2 = b.y + nodeH / 2, d, lx, ly;
      if (e.lane) {
        var ly0 = bottom + e.lane * 18 - 6;
        d = 'M' + x1 + ',' + y1 + ' C' + (x1 + 40) + ',' + y1 + ' ' + (x1 + 10) + ',' + ly0 + ' ' + (x1 + 50) + ',' + ly0
          + ' L' + (x2 - 50) + ',' + ly0 + ' C' + (x2 - 10) + ',' + ly0 + ' ' + (x2 - 40) + ',' + y2 + ' ' + x2 + ',' + y2;
        lx = (x1 + x2) / 2; ly = ly0 - 4;
      } else if (x2 > x1) {
        var mx = (x1 + x2) / 2;
        d = 'M' + x1 + ',' + y1 + ' C' + mx + ',' + y1 + ' ' + mx + ',' + y2 + ' ' + x2 + ',' + y2;
      } else { // same column or backwards: loop around the right side
        x2 = b.x + nodeW; var bend = Math.max(x1, x2) + 34;
        d = 'M' + x1 + ',' + y1 + ' C' + bend + ',' + y1 + ' ' + bend + ',' + y2 + ' ' + x2 + ',' + y2;
      }
      var red = e.kind === 'open' || e.kind === 'missing';
      var line = svg('path', { d: d, 'class': e.kind, 'marker-end': red ? 'url(#arrow-red)' : 'url(#arrow)' });
      if (e.label) line.appendChild(svg('title', {}, e.label));
      s.appendChild(line);
      if (e.label) {
        if (!e.lane) { lx = x2 > x1 ? (x1 + x2) / 2 : Math.max(x1, x2) + 20; ly = (y1 + y2) / 2 - 4; }
        s.appendChild(svg('text', { x: lx, y: ly, 'text-anchor': 'middle', 'class': 'edge ' + e.kind }, clip(e.label, 16)));
      }
    });
    p.nodes.forEach(function (n) {
      var q = pos[n.id];
      var g = svg('g', { 'class': 'node', 'data-id': n.id });
      g.appendChild(svg('title', {}, n.label + (n.sub ? '\n' + n.sub : '')));
      g.appendChild(svg('rect', { x: q.x, y: q.y, width: nodeW, height: nodeH, rx: 5, 'class': 'node col-' + n.col }));
      g.appendChild(svg('text', { x: q.x + 8, y: q.y + 18 }, clip(n.label, 26)));
      if (n.sub) g.appendChild(svg('text', { x: q.x + 8, y: q.y + 34, 'class': 'sub' }, clip(n.sub, 32)));
      s.appendChild(g);
    });
    box.appendChild(s);
    return box;
  }

  // --- the findings table ---
  function text(cls) {
    return function (cell) {
      var v = cell.getValue();
      var span = el('span', typeof cls === 'function' ? cls(v) : cls, v);
      return span;
    };
  }
  var table = new Tabulator('#findings-table', {
    data: D.findings,
    index: 'id',
    maxHeight: '460px',
    layout: 'fitColumns',
    renderVertical: 'virtual',
    placeholder: 'No finding',
    columns: [
      { title: 'Severity', field: 'severity', width: 96, formatter: text(function (v) { return 'sev sev-' + v; }),
        sorter: function (a, b) { return SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b); } },
      { title: 'Status', field: 'status', width: 104, formatter: text('') },
      { title: 'Rule', field: 'rule', width: 240, formatter: text('') },
      { title: 'Resource', field: 'resource', widthGrow: 2, formatter: text(''),
        mutator: undefined },
      { title: 'Account', field: 'account', width: 130, formatter: text('') },
      { title: 'Region', field: 'region', width: 116, formatter: text('') },
      { title: 'Id', field: 'id', width: 190, formatter: text('finding-id') }
    ]
  });

  var filters = { severity: 'severity', rule: 'rule', status: 'status', account: 'account', region: 'region' };
  Object.keys(filters).forEach(function (k) {
    var select = document.getElementById('filter-' + k);
    var values = {};
    D.findings.forEach(function (f) { values[f[filters[k]]] = (values[f[filters[k]]] || 0) + 1; });
    var keys = Object.keys(values);
    keys.sort(k === 'severity' ? function (a, b) { return SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b); } : undefined);
    keys.forEach(function (v) { var o = el('option', '', v + ' (' + values[v] + ')'); o.value = v; select.appendChild(o); });
    select.addEventListener('change', applyFilters);
  });
  var search = document.getElementById('filter-text');
  var searchTimer = null;
  search.addEventListener('input', function () { clearTimeout(searchTimer); searchTimer = setTimeout(applyFilters, 150); });

  function applyFilters() {
    var want = {};
    Object.keys(filters).forEach(function (k) { want[k] = document.getElementById('filter-' + k).value; });
    var q = search.value.trim().toLowerCase();
    var any = q || Object.keys(want).some(function (k) { return want[k]; });
    if (!any) { table.clearFilter(); return; }
    table.setFilter(function (f) {
      for (var k in want) { if (want[k] && f[filters[k]] !== want[k]) return false; }
      if (!q) return true;
      return (f.id + ' ' + f.resource + ' ' + f.name + ' ' + f.rule + ' ' + f.message).toLowerCase().indexOf(q) >= 0;
    });
  }
  var count = document.getElementById('shown-count');
  function showCount(n) { count.textContent = n + ' of ' + D.findings.length; count.setAttribute('data-count', n); }
  table.on('dataFiltered', function (f, rows) { showCount(rows.length); });
  table.on('tableBuilt', function () { showCount(D.findings.length); document.body.setAttribute('data-ready', 'true'); });
  table.on('rowClick', function (e, row) { showFinding(row.getData()); });

  // --- a finding's detail ---
  function list(parent, title, items, make) {
    if (!items.length) return;
    parent.appendChild(el('h3', '', title));
    var ul = el('ul');
    items.forEach(function (i) { ul.appendChild(make(i)); });
    parent.appendChild(ul);
  }
  function copyButton(value) {
    var b = el('button', 'copy', 'Copy');
    b.type = 'button';
    b.addEventListener('click', function () {
      function done() { b.textContent = 'Copied'; setTimeout(function () { b.textContent = 'Copy'; }, 1500); }
      // From file:// the Clipboard API may be refused; a selected textarea and execCommand still copy.
      function fallback() {
        var t = el('textarea'); t.value = value; document.body.appendChild(t); t.select();
        var ok = false;
        try { ok = document.execCommand('copy'); } catch (x) { ok = false; }
        document.body.removeChild(t);
        if (ok) done(); else b.textContent = 'Select and copy';
      }
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(value).then(done, fallback);
      else fallback();
    });
    return b;
  }
  function showFinding(f) {
    var box = document.getElementById('finding-detail');
    box.textContent = '';
    box.hidden = false;
    box.setAttribute('data-finding', f.id);
    box.appendChild(el('h3', '', f.title));
    var meta = el('p');
    meta.appendChild(el('span', 'sev sev-' + f.severity, f.severity));
    meta.appendChild(document.createTextNode(' ' + f.status + ' · ' + f.ruleId + ' ' + f.rule + ' · ' + f.type + ' ' + f.resource
      + (f.name ? ' (' + f.name + ')' : '') + ' · ' + f.account + '/' + f.region + ' · ' + f.id));
    box.appendChild(meta);
    box.appendChild(el('p', 'message', f.message));
    if (f.suppressed) box.appendChild(el('p', 'muted', 'Suppressed: ' + f.suppressed));
    box.appendChild(el('h3', '', 'Picture'));
    box.appendChild(picture(f.pic));
    list(box, 'Evidence', f.evidence, function (e) {
      return el('li', '', e.detail + (e.message ? ': ' + e.message : '') + ' [' + e.severity + ']');
    });
    box.appendChild(el('h3', '', 'Remediation'));
    box.appendChild(el('p', '', f.remediation));
    f.commands.forEach(function (c) {
      var row = el('div', 'cmd');
      row.appendChild(el('pre', '', c));
      row.appendChild(copyButton(c));
      box.appendChild(row);
    });
    if (f.compliance.length) {
      box.appendChild(el('h3', '', 'Compliance'));
      var p = el('p');
      f.compliance.forEach(function (c) { p.appendChild(el('span', 'tag', c)); });
      box.appendChild(p);
    }
    list(box, 'References', f.references, function (r) {
      var li = el('li'), a = el('a', '', r);
      a.href = r; a.rel = 'noopener noreferrer'; a.target = '_blank';
      li.appendChild(a);
      return li;
    });
  }

  // --- data stores: explain ---
  var storeList = document.getElementById('store-list');
  function showStore(s, li) {
    Array.prototype.forEach.call(storeList.children, function (c) { c.classList.remove('selected'); });
    li.classList.add('selected');
    var box = document.getElementById('store-detail');
    box.textContent = '';
    box.setAttribute('data-store', s.id);
    box.appendChild(el('h3', '', s.title));
    box.appendChild(picture(s.pic));
    box.appendChild(el('h3', '', 'Who may reach it' + (s.port ? ' (port ' + s.port + ' marked *)' : '')));
    var t = el('table', 'plain');
    var head = el('tr');
    ['', 'group', 'ports', 'from'].forEach(function (h) { head.appendChild(el('th', '', h)); });
    t.appendChild(head);
    s.ingress.forEach(function (i) {
      var tr = el('tr');
      tr.appendChild(el('td', '', i.matchesPort ? '*' : ''));
      tr.appendChild(el('td', '', i.group));
      tr.appendChild(el('td', '', i.ports || 'nothing (no ingress rules)'));
      tr.appendChild(el('td', '', i.from));
      t.appendChild(tr);
    });
    box.appendChild(t);
    box.appendChild(el('h3', '', 'Chains from the Internet (at most ' + s.maxHops + ' groups)'));
    if (!s.chains.length) box.appendChild(el('p', 'muted', 'none: the Internet cannot reach it through security groups'));
    var ul = el('ul');
    s.chains.forEach(function (c) { ul.appendChild(el('li', 'chain ' + (c.open ? 'open' : c.verdict === 'through-load-balancer' ? 'ok' : ''), c.text)); });
    box.appendChild(ul);
    list(box, 'Findings on it (' + s.findings.length + ')', s.findings, function (id) {
      var f = D.findings.filter(function (x) { return x.id === id; })[0];
      return el('li', '', f ? f.severity + ' ' + f.rule + ': ' + f.message : id);
    });
  }
  D.stores.forEach(function (s) {
    var li = el('li');
    li.setAttribute('data-store', s.id);
    li.appendChild(document.createTextNode(s.label + ' '));
    var open = s.chains.filter(function (c) { return c.open; }).length;
    if (open) li.appendChild(el('span', 'open-count', open + ' open chain' + (open > 1 ? 's' : '')));
    li.appendChild(el('div', 'muted', s.account + '/' + s.region));
    li.addEventListener('click', function () { showStore(s, li); });
    storeList.appendChild(li);
  });
  if (!D.stores.length) storeList.appendChild(el('li', 'muted', 'No data store was collected.'));
})();
