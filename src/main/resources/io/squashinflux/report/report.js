// The report's charts: drawn with uPlot as each comes into view. The plotted data is exposed as
// window.squashReport.charts[metric] = {drawn, series: [{label, dataset, filter, t, values,
// jobs, runs, urls}], thresholds, changes, inView, shown: [labels], focused: label or null,
// isolated: label or null}; t in seconds since the epoch; and window.squashReport.layout, what a
// reader would have to scroll sideways for. window.squashReport.pointAt(metric, label, i) gives
// the page coordinates of a drawn point (for tests that hover it). Opened with ?dump, the page
// also writes that object as JSON into a hidden pre#squash-report-dump after each chart it draws,
// for headless tests.
(function () {
  var report = window.squashReport;
  report.charts = {};
  report.errors = report.errors || [];
  report.choice = { dataset: '', filter: '' };
  var plots = {};
  var COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b',
    '#e377c2', '#7f7f7f', '#bcbd22', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173'];
  // One scheme for spec levels (specs.LevelColour), as the spec table and the dashboards colour
  // them: a level's line in the colour of meeting it.
  var LEVEL = { stretch: '#1b5e20', design: '#43a047', minimum: '#ef8f00' };
  var NEAR = 40; // pixels from a point within which the cursor focuses its series

  function fmt(v) {
    if (v == null) return '';
    var a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(3);
    return Number(v.toPrecision(4)).toString();
  }
  function pct(c) { return (c > 0 ? '+' : c < 0 ? '\u2212' : '') + Math.abs(c * 100).toFixed(1) + '%'; }
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

  function matches(s) {
    return (!report.choice.dataset || s.dataset === report.choice.dataset)
      && (!report.choice.filter || s.filter === report.choice.filter);
  }

  // Shows the series for which keep(series, index) is true; one redraw.
  function show(p, keep) {
    var chart = report.charts[p.metric];
    p.u.batch(function () {
      p.spec.series.forEach(function (s, i) {
        var on = !!keep(s, i);
        if (p.u.series[i + 1].show !== on) p.u.setSeries(i + 1, { show: on });
        p.boxes[i].checked = on;
      });
    });
    chart.shown = p.spec.series.filter(function (s, i) { return p.u.series[i + 1].show; })
      .map(function (s) { return s.label; });
  }

  function restore(p) {
    report.charts[p.metric].isolated = null;
    p.banner.hidden = true;
    show(p, matches);
    dump();
  }

  // The series of a finding alone (or a dataset's, for an event), with a way back in one click.
  function isolate(p, dataset, filter) {
    var picked = p.spec.series.filter(function (s) {
      return s.dataset === dataset && (filter == null || s.filter === filter);
    });
    if (!picked.length) return;
    show(p, function (s) { return picked.indexOf(s) >= 0; });
    var label = filter == null ? dataset + ' (all filters)' : picked[0].label;
    report.charts[p.metric].isolated = label;
    p.banner.textContent = 'Showing ' + label + ' alone. ';
    var back = document.createElement('button');
    back.type = 'button';
    back.className = 'show-all';
    back.textContent = 'Show all series';
    back.addEventListener('click', function () { restore(p); });
    p.banner.appendChild(back);
    p.banner.hidden = false;
    dump();
  }

  // A chart's data, parsed once for its plot and the small charts beside its findings.
  var parsed = {};
  function specOf(section) {
    var id = section.getAttribute('data-source');
    return parsed[id] || (parsed[id] = withUrls(JSON.parse(document.getElementById(id).textContent)));
  }

  // Each point's URL, put back together from its series' forms (ChartData.Links).
  function withUrls(spec) {
    spec.series.forEach(function (s) {
      s.urls = s.link.map(function (f, k) {
        if (f == null) return null;
        var form = s.links[f];
        return form.length === 1 ? form[0]
          : form[0] + (form[1] === 'r' ? s.runs[k] : s.jobs[k]) + form[2];
      });
    });
    return spec;
  }

  function draw(section) {
    var metric = section.getAttribute('data-metric');
    var chart = report.charts[metric];
    if (chart.drawn) return plots[metric];
    var spec = specOf(section);
    chart.series = spec.series;
    chart.thresholds = spec.thresholds;
    chart.changes = spec.changes;
    chart.focused = null;
    chart.isolated = null;
    var tables = spec.series.map(function (s) { return [s.t, s.values]; });
    var data = tables.length === 1 ? [tables[0][0], tables[0][1]] : uPlot.join(tables);
    var unit = spec.unit ? ' ' + spec.unit : '';
    var series = [{}].concat(spec.series.map(function (s, i) {
      return { label: s.label, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true,
        points: { show: s.t.length < 200, size: 4 } };
    }));
    var plotBox = section.querySelector('.plot');
    var hover = section.querySelector('.hover');
    var p = { metric: metric, spec: spec, section: section, current: null,
      banner: section.querySelector('.isolated'),
      boxes: Array.prototype.slice.call(section.querySelectorAll('.selector input')) };
    var opts = {
      width: Math.max(200, plotBox.clientWidth), height: 300, series: series,
      legend: { show: false },
      // The page picks the focused series itself (the nearest point in both directions), so
      // uPlot's own focus, by height alone at one time, is off.
      cursor: { focus: { prox: -1 }, points: { size: 7 } },
      focus: { alpha: 0.25 },
      scales: { x: { time: true }, y: { range: function (u, min, max) {
        spec.thresholds.forEach(function (th) {
          if (applies(u, th)) { min = Math.min(min, th.value); max = Math.max(max, th.value); }
        });
        var pad = (max - min) * 0.08 || Math.abs(max) * 0.1 || 1;
        return [min - pad, max + pad];
      } } },
      axes: [{}, { label: spec.unit ? spec.unit : 'value', size: 64, values: function (u, vals) { return vals.map(fmt); } }],
      hooks: {
        draw: [function (u) { overlay(u, spec); }],
        setCursor: [function (u) { p.current = describe(u, p, unit, hover); }]
      }
    };
    var u = new uPlot(opts, data, plotBox);
    p.u = u;
    plots[metric] = p;
    u.over.addEventListener('click', function () {
      if (p.current && p.current.url) window.open(p.current.url, '_blank', 'noopener');
    });
    p.boxes.forEach(function (box) {
      box.addEventListener('change', function () {
        u.setSeries(Number(box.getAttribute('data-series')) + 1, { show: box.checked });
        chart.shown = spec.series.filter(function (s, i) { return u.series[i + 1].show; })
          .map(function (s) { return s.label; });
      });
    });
    section.querySelectorAll('.selector button.only').forEach(function (button) {
      button.addEventListener('click', function () {
        var s = spec.series[Number(button.getAttribute('data-series'))];
        isolate(p, s.dataset, s.filter);
      });
    });
    if (window.innerWidth < 600) section.querySelector('.selector').open = false;
    chart.drawn = true;
    show(p, matches);
    dump();
    return p;
  }

  function applies(u, th) {
    return th.series.some(function (i) { return u.series[i + 1] && u.series[i + 1].show; });
  }

  // The shown series with a point nearest the cursor, in pixels, within NEAR.
  function nearest(u, spec, left, top) {
    var best = null;
    var xv = u.posToVal(left, 'x');
    spec.series.forEach(function (s, i) {
      if (!u.series[i + 1].show || !s.t.length) return;
      var lo = 0, hi = s.t.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (s.t[mid] < xv) lo = mid + 1; else hi = mid; }
      for (var k = Math.max(0, lo - 2); k <= Math.min(s.t.length - 1, lo + 1); k++) {
        var dx = u.valToPos(s.t[k], 'x') - left;
        var dy = u.valToPos(s.values[k], 'y') - top;
        var d = Math.sqrt(dx * dx + dy * dy);
        if (!best || d < best.d) best = { d: d, i: i, k: k };
      }
    });
    return best && best.d <= NEAR ? best : null;
  }

  function describe(u, p, unit, hover) {
    var chart = report.charts[p.metric];
    var left = u.cursor.left, top = u.cursor.top;
    var hit = left == null || left < 0 ? null : nearest(u, p.spec, left, top);
    var focus = hit ? hit.i + 1 : null;
    if (p.focus !== focus) { p.focus = focus; u.setSeries(focus, { focus: true }); }
    if (!hit) {
      chart.focused = null;
      hover.textContent = '';
      return null;
    }
    var s = p.spec.series[hit.i];
    var at = hit.k;
    var text = s.label + ': ' + fmt(s.values[at]) + unit + ' \u00b7 ' + date(s.t[at]);
    if (s.jobs[at] != null) text += ' \u00b7 job ' + s.jobs[at];
    if (s.runs[at] != null) text += ' \u00b7 CI run ' + s.runs[at];
    text += s.urls[at] ? ' \u00b7 click to open it' : ' \u00b7 no link recorded';
    hover.textContent = text;
    chart.focused = s.label;
    return { url: s.urls[at], label: s.label };
  }

  function overlay(u, spec) {
    var ctx = u.ctx;
    var dpr = devicePixelRatio;
    var box = u.bbox;
    ctx.save();
    ctx.font = (11 * dpr) + 'px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    var labels = [];
    spec.thresholds.forEach(function (th) {
      if (!applies(u, th)) return;
      var y = u.valToPos(th.value, 'y', true);
      ctx.strokeStyle = LEVEL[th.level] || '#555';
      ctx.setLineDash([6 * dpr, 4 * dpr]);
      ctx.lineWidth = dpr;
      ctx.beginPath();
      ctx.moveTo(box.left, y);
      ctx.lineTo(box.left + box.width, y);
      ctx.stroke();
      labels.push({ y: y, text: th.level + ' ' + th.operator + ' ' + fmt(th.value), color: ctx.strokeStyle });
    });
    ctx.setLineDash([]);
    // Labels sit inside the plot at its right edge, on a white ground, never over the axis and
    // never cut at the top or bottom; close ones are moved apart.
    labels.sort(function (a, b) { return a.y - b.y; });
    var h = 15 * dpr;
    var last = -Infinity;
    labels.forEach(function (l) {
      var y = Math.min(Math.max(l.y - h / 2 - 2 * dpr, box.top + h / 2), box.top + box.height - h / 2);
      y = Math.max(y, last + h);
      last = y;
      var w = ctx.measureText(l.text).width + 8 * dpr;
      var x = box.left + box.width - w - 4 * dpr;
      ctx.fillStyle = 'rgba(255,255,255,0.9)';
      ctx.fillRect(x, y - h / 2, w, h);
      ctx.fillStyle = l.color;
      ctx.fillText(l.text, x + 4 * dpr, y);
    });
    spec.changes.forEach(function (c) {
      if (!u.series[c.series + 1] || !u.series[c.series + 1].show) return;
      var x = u.valToPos(c.t, 'x', true);
      var worse = c.direction === 'worse';
      ctx.strokeStyle = worse ? 'rgba(198,40,40,0.85)' : 'rgba(90,100,120,0.7)';
      ctx.lineWidth = 2 * dpr;
      ctx.beginPath();
      ctx.moveTo(x, box.top);
      ctx.lineTo(x, box.top + box.height);
      ctx.stroke();
      var alone = u.series.filter(function (s, i) { return i > 0 && s.show; }).length === 1;
      if (!alone) return;
      // The series alone: its level before and after the change, and the change, labelled.
      ctx.setLineDash([2 * dpr, 3 * dpr]);
      [[c.before, box.left, x], [c.after, x, box.left + box.width]].forEach(function (lv) {
        var y = u.valToPos(lv[0], 'y', true);
        ctx.beginPath();
        ctx.moveTo(lv[1], y);
        ctx.lineTo(lv[2], y);
        ctx.stroke();
      });
      ctx.setLineDash([]);
      var text = pct(c.change) + ' (' + fmt(c.before) + ' \u2192 ' + fmt(c.after) + ')';
      var w = ctx.measureText(text).width + 8 * dpr;
      var tx = Math.min(Math.max(x + 4 * dpr, box.left), box.left + box.width - w);
      var ty = box.top + 10 * dpr;
      ctx.fillStyle = 'rgba(255,255,255,0.9)';
      ctx.fillRect(tx, ty - 8 * dpr, w, 16 * dpr);
      ctx.fillStyle = ctx.strokeStyle;
      ctx.fillText(text, tx + 4 * dpr, ty);
    });
    ctx.restore();
  }

  var sections = document.querySelectorAll('section.chart');
  sections.forEach(function (section) {
    report.charts[section.getAttribute('data-metric')] = { drawn: false };
  });
  function safeDraw(section) {
    try { return draw(section); } catch (e) { report.errors.push(String(e && e.stack || e)); dump(); }
    return null;
  }

  // The small chart beside a finding's row: its series around the change (SPARK points each
  // side), the level before and after it dashed, the change marked. An event's row draws each of
  // its filters relative to its own level before, so that one shared change reads as one step.
  var SPARK = 30, SW = 100, SH = 30;
  function spark(row) {
    var link = row.querySelector('td.spark a');
    var section = document.getElementById('chart-of-' + row.getAttribute('data-metric'));
    if (!link || !section || link.firstChild) return;
    var spec = specOf(section), event = row.classList.contains('event');
    var dataset = row.getAttribute('data-dataset');
    // The findings drawn: the row's, or an event's members (the rows after it).
    var members = [row];
    if (event) {
      members = [];
      for (var r = row.nextElementSibling; r && r.classList.contains('member'); r = r.nextElementSibling) members.push(r);
    }
    var wanted = members.map(function (m) {
      return { filter: m.getAttribute('data-filter'), at: Date.parse(m.getAttribute('data-at')) / 1000 };
    });
    var items = [];
    spec.changes.forEach(function (c) {
      var s = spec.series[c.series];
      if (!s || (s.dataset || '') !== dataset || !wanted.some(function (w) {
        return (s.filter || '') === w.filter && Math.abs(c.t - w.at) < 0.002;
      })) return;
      var lo = 0;
      while (lo < s.t.length && s.t[lo] < c.t) lo++;
      var base = event && c.before ? c.before : 0, scale = event && c.before ? Math.abs(c.before) : 1;
      var rel = function (v) { return (v - base) / scale; };
      var from = Math.max(0, lo - SPARK), to = Math.min(s.t.length, lo + SPARK);
      items.push({ c: c, color: event ? COLORS[c.series % COLORS.length] : null,
        t: s.t.slice(from, to), v: s.values.slice(from, to).map(rel), before: rel(c.before), after: rel(c.after) });
    });
    if (!items.length) return;
    var t0 = Infinity, t1 = -Infinity, v0 = Infinity, v1 = -Infinity;
    items.forEach(function (it) {
      t0 = Math.min(t0, it.t[0]); t1 = Math.max(t1, it.t[it.t.length - 1]);
      it.v.concat([it.before, it.after]).forEach(function (v) { v0 = Math.min(v0, v); v1 = Math.max(v1, v); });
    });
    var x = function (t) { return t1 > t0 ? 1 + (t - t0) / (t1 - t0) * (SW - 2) : SW / 2; };
    var y = function (v) { return v1 > v0 ? SH - 2 - (v - v0) / (v1 - v0) * (SH - 4) : SH / 2; };
    var NS = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('width', SW); svg.setAttribute('height', SH);
    svg.setAttribute('viewBox', '0 0 ' + SW + ' ' + SH);
    svg.setAttribute('class', 'spark');
    var add = function (name, attrs) {
      var e = document.createElementNS(NS, name);
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      svg.appendChild(e);
      return e;
    };
    var worse = items[0].c.direction === 'worse';
    var mark = worse ? '#c62828' : '#5a6478';
    var ch = x(items[0].c.t);
    add('line', { x1: ch, x2: ch, y1: 0, y2: SH, stroke: mark, 'stroke-width': 1, opacity: 0.5, 'class': 'at' });
    items.forEach(function (it) {
      var cut = x(it.c.t);
      add('line', { x1: x(it.t[0]), x2: cut, y1: y(it.before), y2: y(it.before), stroke: '#5b6576',
        'stroke-dasharray': '3 2', 'class': 'before' });
      add('line', { x1: cut, x2: x(it.t[it.t.length - 1]), y1: y(it.after), y2: y(it.after), stroke: mark,
        'stroke-dasharray': '3 2', 'class': 'after' });
      add('polyline', { fill: 'none', stroke: it.color || '#1d2430', 'stroke-width': 1.2, 'class': 'line',
        points: it.t.map(function (t, i) { return x(t).toFixed(1) + ',' + y(it.v[i]).toFixed(1); }).join(' ') });
    });
    var c = items[0].c;
    add('title', {}).textContent = event
      ? items.length + ' filters around the change, each relative to its level before it'
      : fmt(c.before) + ' \u2192 ' + fmt(c.after) + (c.change == null ? '' : ' (' + pct(c.change) + ')')
        + ' at ' + date(c.t) + '; the ' + SPARK + ' points each side drawn';
    svg.setAttribute('data-points', items.reduce(function (n, it) { return n + it.t.length; }, 0));
    link.appendChild(svg);
  }
  function safeSpark(row) {
    try { spark(row); } catch (e) { report.errors.push(String(e && e.stack || e)); }
  }

  report.pointAt = function (metric, label, i) {
    var p = plots[metric];
    var s = p.spec.series.filter(function (x) { return x.label === label; })[0];
    var r = p.u.over.getBoundingClientRect();
    return { x: r.left + p.u.valToPos(s.t[i], 'x'), y: r.top + p.u.valToPos(s.values[i], 'y') };
  };

  // The page-wide choice of dataset and filter, from the series the charts hold.
  function choices() {
    var sets = { dataset: {}, filter: {} };
    document.querySelectorAll('.selector .pick').forEach(function (pick) {
      sets.dataset[pick.getAttribute('data-dataset')] = true;
      sets.filter[pick.getAttribute('data-filter')] = true;
    });
    ['dataset', 'filter'].forEach(function (key) {
      var select = document.getElementById('choose-' + key);
      if (!select) return;
      Object.keys(sets[key]).sort().forEach(function (v) {
        var o = document.createElement('option');
        o.value = v;
        o.textContent = v || '(none)';
        select.appendChild(o);
      });
      select.addEventListener('change', function () {
        report.choice[key] = select.value;
        Object.keys(plots).forEach(function (m) { restore(plots[m]); });
      });
    });
    var all = document.getElementById('show-all');
    if (all) all.addEventListener('click', function () {
      report.choice = { dataset: '', filter: '' };
      ['dataset', 'filter'].forEach(function (k) { document.getElementById('choose-' + k).value = ''; });
      Object.keys(plots).forEach(function (m) { restore(plots[m]); });
    });
  }

  // #chart-of-METRIC|DATASET|FILTER (a finding) or #chart-of-METRIC|DATASET (an event): the
  // chart with that series, or that dataset's, alone.
  function follow() {
    if (!location.hash) return;
    var parts = decodeURIComponent(location.hash.slice(1)).split('|');
    var target = document.getElementById(parts[0]);
    if (!target || !target.matches('section.chart')) return;
    var p = safeDraw(target);
    if (p && parts.length > 1) isolate(p, parts[1], parts.length > 2 ? parts[2] : null);
    target.scrollIntoView();
  }

  function afterFirstPaint(f) {
    var later = function () { requestAnimationFrame(function () { setTimeout(f, 0); }); };
    if (document.readyState === 'complete') later();
    else window.addEventListener('load', later);
  }

  choices();
  var rows = Array.prototype.slice.call(document.querySelectorAll('table.findings tr[data-metric]'));
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
    // The small charts parse their metric's chart data (large at many jobs): they are drawn after
    // the page has loaded and painted, as their rows come into view, so they never hold back its
    // first screen; their boxes are kept, so nothing moves when they appear.
    afterFirstPaint(function () {
      var sparkObserver = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) { sparkObserver.unobserve(entry.target); safeSpark(entry.target); }
        });
      }, { rootMargin: '200px 0px' });
      rows.forEach(function (row) { sparkObserver.observe(row); });
    });
  } else {
    sections.forEach(safeDraw);
    afterFirstPaint(function () { rows.forEach(safeSpark); });
  }
  window.addEventListener('hashchange', follow);
  follow();
  dump();
})();
