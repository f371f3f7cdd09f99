// The report's charts: drawn with uPlot as each comes into view. The plotted data is exposed as
// window.squashReport.charts[metric] = {drawn, series: [{label, dataset, filter, t, values,
// jobs, runs, urls}], thresholds, changes, inView}; t in seconds since the epoch; and
// window.squashReport.layout, what a reader would have to scroll sideways for. Opened with
// ?dump, the page also writes that object as JSON into a hidden pre#squash-report-dump after each
// chart it draws, for headless tests.
(function () {
  var report = window.squashReport;
  report.charts = {};
  report.errors = report.errors || [];
  var COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b',
    '#e377c2', '#7f7f7f', '#bcbd22', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173'];
  var LEVEL = { design: '#b26a00', minimum: '#c62828', stretch: '#2e7d32' };

  function fmt(v) {
    if (v == null) return '';
    var a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(3);
    return Number(v.toPrecision(4)).toString();
  }
  function date(t) { return new Date(t * 1000).toISOString().replace('T', ' ').slice(0, 16) + ' UTC'; }

  function dump() {
    if (!/[?&]dump\b/.test(location.search)) return;
    document.querySelectorAll('section.chart').forEach(function (section) {
      var r = section.getBoundingClientRect();
      report.charts[section.getAttribute('data-metric')].inView = r.bottom > 0 && r.top < window.innerHeight;
    });
    // What a reader would have to scroll sideways for: the page's width, the spec cells past it.
    var past = 0;
    document.querySelectorAll('table.specs td').forEach(function (td) {
      if (td.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5) past++;
    });
    report.layout = { width: document.documentElement.clientWidth,
      scrollWidth: document.documentElement.scrollWidth,
      specCells: document.querySelectorAll('table.specs td.lvl').length, specCellsPastEdge: past };
    var pre = document.getElementById('squash-report-dump');
    if (!pre) {
      pre = document.createElement('pre');
      pre.id = 'squash-report-dump';
      pre.hidden = true;
      document.body.appendChild(pre);
    }
    pre.textContent = JSON.stringify(report);
  }

  function draw(section) {
    var metric = section.getAttribute('data-metric');
    var chart = report.charts[metric];
    if (chart.drawn) return;
    var spec = JSON.parse(document.getElementById(section.getAttribute('data-source')).textContent);
    chart.series = spec.series;
    chart.thresholds = spec.thresholds;
    chart.changes = spec.changes;
    var tables = spec.series.map(function (s) { return [s.t, s.values]; });
    var data = tables.length === 1 ? [tables[0][0], tables[0][1]] : uPlot.join(tables);
    var lookups = spec.series.map(function (s) {
      var m = new Map();
      s.t.forEach(function (t, i) { m.set(t, i); });
      return m;
    });
    var unit = spec.unit ? ' ' + spec.unit : '';
    var series = [{}].concat(spec.series.map(function (s, i) {
      return { label: s.label, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true,
        points: { show: s.t.length < 200, size: 4 } };
    }));
    var plot = section.querySelector('.plot');
    var hover = section.querySelector('.hover');
    var current = null;
    var opts = {
      width: Math.max(320, plot.clientWidth), height: 300, series: series,
      legend: { show: false },
      cursor: { focus: { prox: 24 }, points: { size: 7 } },
      focus: { alpha: 0.35 },
      scales: { x: { time: true }, y: { range: function (u, min, max) {
        spec.thresholds.forEach(function (th) { min = Math.min(min, th.value); max = Math.max(max, th.value); });
        var pad = (max - min) * 0.08 || Math.abs(max) * 0.1 || 1;
        return [min - pad, max + pad];
      } } },
      axes: [{}, { label: spec.unit ? spec.unit : 'value', size: 64, values: function (u, vals) { return vals.map(fmt); } }],
      hooks: {
        draw: [function (u) { overlay(u, spec); }],
        setCursor: [function (u) { current = describe(u, spec, lookups, unit, hover); }]
      }
    };
    var u = new uPlot(opts, data, plot);
    u.over.addEventListener('click', function () {
      if (current && current.url) window.open(current.url, '_blank', 'noopener');
    });
    section.querySelectorAll('.selector input').forEach(function (box) {
      box.addEventListener('change', function () {
        u.setSeries(Number(box.getAttribute('data-series')) + 1, { show: box.checked });
      });
    });
    chart.drawn = true;
    dump();
  }

  function describe(u, spec, lookups, unit, hover) {
    var idx = u.cursor.idx;
    if (idx == null) { hover.textContent = ''; return null; }
    var t = u.data[0][idx];
    var order = [];
    if (u.cursor.focus && u.focus && u.series) {
      u.series.forEach(function (s, i) { if (i > 0 && s._focus) order.push(i - 1); });
    }
    spec.series.forEach(function (s, i) { if (order.indexOf(i) < 0) order.push(i); });
    for (var k = 0; k < order.length; k++) {
      var i = order[k];
      var at = lookups[i].get(t);
      if (at === undefined || !u.series[i + 1].show) continue;
      var s = spec.series[i];
      var text = s.label + ': ' + fmt(s.values[at]) + unit + ' · ' + date(t);
      if (s.jobs[at] != null) text += ' · job ' + s.jobs[at];
      if (s.runs[at] != null) text += ' · CI run ' + s.runs[at];
      if (s.urls[at]) text += ' · click to open';
      hover.textContent = text;
      return { url: s.urls[at] };
    }
    hover.textContent = date(t);
    return null;
  }

  function overlay(u, spec) {
    var ctx = u.ctx;
    ctx.save();
    ctx.font = (11 * devicePixelRatio) + 'px system-ui, sans-serif';
    spec.thresholds.forEach(function (th) {
      var y = u.valToPos(th.value, 'y', true);
      ctx.strokeStyle = LEVEL[th.level] || '#555';
      ctx.fillStyle = ctx.strokeStyle;
      ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
      ctx.lineWidth = devicePixelRatio;
      ctx.beginPath();
      ctx.moveTo(u.bbox.left, y);
      ctx.lineTo(u.bbox.left + u.bbox.width, y);
      ctx.stroke();
      ctx.fillText(th.level + ' ' + th.operator + ' ' + fmt(th.value), u.bbox.left + 6 * devicePixelRatio, y - 4 * devicePixelRatio);
    });
    ctx.setLineDash([]);
    spec.changes.forEach(function (c) {
      var x = u.valToPos(c.t, 'x', true);
      ctx.strokeStyle = c.direction === 'worse' ? 'rgba(198,40,40,0.85)' : 'rgba(90,100,120,0.7)';
      ctx.lineWidth = 2 * devicePixelRatio;
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
    });
    ctx.restore();
  }

  var sections = document.querySelectorAll('section.chart');
  sections.forEach(function (section) {
    report.charts[section.getAttribute('data-metric')] = { drawn: false };
  });
  function safeDraw(section) {
    try { draw(section); } catch (e) { report.errors.push(String(e && e.stack || e)); dump(); }
  }
  if ('IntersectionObserver' in window) {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); safeDraw(entry.target); }
      });
    }, { rootMargin: '200px 0px' });
    sections.forEach(function (s) {
      // The first screen is drawn at once, so the page is complete when it has loaded.
      if (s.getBoundingClientRect().top < window.innerHeight + 200) safeDraw(s);
      else observer.observe(s);
    });
  } else {
    sections.forEach(safeDraw);
  }
  // A link to one chart (#chart-of-METRIC, as the regressions table gives) draws it at once.
  var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target && target.matches('section.chart')) safeDraw(target);
  dump();
})();
