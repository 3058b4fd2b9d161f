// The jparallel dashboard page: reads the server-sent state and draws it. Plain DOM, uPlot for the rate.
(function () {
  'use strict';
  const TOKEN = document.querySelector('meta[name="jpar-token"]').content;
  const withToken = (path, params) => path + '?token=' + encodeURIComponent(TOKEN) + (params ? '&' + params : '');
  const $ = (sel) => document.querySelector(sel);
  const WINDOW_MS = 60000;
  const HOP_COLORS = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#e45756', '#72b7b2', '#eeca3b', '#9d755d'];

  let engines = [];
  let stream = [];          // finished tasks kept for drawing: {id, engine, status, label, t0, t1}
  let seen = 0;             // tasks received on the stream since the page opened
  let clockOffset = 0;      // server clock minus this browser's
  let rateChart = null;

  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    Object.entries(props || {}).forEach(([k, v]) => {
      if (k === 'class') e.className = v; else if (k === 'dataset') Object.assign(e.dataset, v); else e[k] = v;
    });
    children.forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
    return e;
  }

  function ago(ms) {
    if (ms < 0) return '';
    return ms < 1000 ? ms + ' ms ago' : (ms / 1000).toFixed(1) + ' s ago';
  }

  function fmtMs(ms) {
    if (ms == null) return '';
    return ms < 1 ? (ms * 1000).toFixed(0) + ' µs' : ms < 1000 ? ms.toFixed(ms < 10 ? 2 : 1) + ' ms' : (ms / 1000).toFixed(2) + ' s';
  }

  function fmtBytes(n) {
    if (n == null) return '';
    return n < 1024 ? n + ' B' : n < 1048576 ? (n / 1024).toFixed(1) + ' KiB' : (n / 1048576).toFixed(1) + ' MiB';
  }

  function hue(text) {
    let h = 0;
    for (const c of String(text || '')) h = (h * 31 + c.charCodeAt(0)) % 360;
    return h;
  }

  function colorOf(t) {
    if (t.status === 'failed') return '#d62728';
    if (t.status === 'aborted') return '#999';
    return t.label ? 'hsl(' + hue(t.label) + ', 55%, 50%)' : '#4c78a8';
  }

  function setConnection(c) {
    const conn = $('#conn');
    conn.className = 'conn ' + c.state;
    conn.textContent = c.state === 'connected' ? 'live' : c.state;
    conn.title = c.detail || '';
    $('#controller').textContent = c.controller ? 'controller ' + c.controller : '';
    if (c.detail) $('#controller').textContent += ' (' + c.detail + ')';
  }

  function renderEngines(s) {
    const body = $('#engines tbody');
    body.replaceChildren(...s.engines.map((e) => el('tr', { dataset: { engine: e.id, state: e.state, pid: e.pid } },
      el('td', { class: 'num' }, e.id), el('td', {}, e.host), el('td', { class: 'pid num' }, e.pid),
      el('td', { class: 'state', title: e.why || '' }, e.state === 'dead' ? 'dead: ' + e.why : e.state),
      el('td', { class: 'num running' }, e.state === 'dead' ? '' : e.running),
      el('td', { class: 'num queued' }, e.state === 'dead' ? '' : e.queued),
      el('td', { class: 'num done' }, e.done),
      el('td', { class: 'heartbeat' }, e.state === 'dead' ? 'since ' + new Date(e.since).toLocaleTimeString() : ago(e.last_heartbeat_ms)))));
    $('#unassigned').textContent = s.unassigned > 0 ? s.unassigned + ' tasks wait for an engine' : '';
    $('#totals').textContent = s.totals.done + ' done, ' + s.totals.failed + ' failed since this dashboard started'
      + (s.totals.sampled_out > 0 ? ' (' + s.totals.sampled_out + ' not drawn: too many to show)' : '');
  }

  function drawStream() {
    const canvas = $('#stream');
    const ids = engines.map((e) => e.id);
    const rowH = 22;
    const width = canvas.clientWidth || 800;
    const height = Math.max(1, ids.length) * rowH + 20;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = width * dpr;
    canvas.height = height * dpr;
    canvas.style.height = height + 'px';
    const g = canvas.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, width, height);
    const labelW = 70;
    const now = Date.now() + clockOffset;
    const x = (t) => labelW + (width - labelW) * (1 - (now - t) / WINDOW_MS);
    g.font = '12px system-ui, sans-serif';
    ids.forEach((id, i) => {
      const dead = engines[i].state === 'dead';
      g.fillStyle = dead ? '#a0211a' : '#333';
      g.fillText('engine ' + id + (dead ? ' †' : ''), 4, i * rowH + 15);
      g.fillStyle = i % 2 ? '#fafafa' : '#f2f2f2';
      g.fillRect(labelW, i * rowH + 2, width - labelW, rowH - 4);
    });
    let visible = 0;
    for (const t of stream) {
      const row = ids.indexOf(t.engine);
      if (row < 0 || t.t1 < now - WINDOW_MS) continue;
      visible++;
      const x0 = Math.max(labelW, x(t.t0));
      const x1 = Math.max(x0 + 1, x(t.t1));
      g.fillStyle = colorOf(t);
      g.fillRect(x0, row * rowH + 4, x1 - x0, rowH - 8);
    }
    g.fillStyle = '#666';
    for (let s = 0; s <= 60; s += 10) {
      const px = x(now - s * 1000);
      g.fillText(s === 0 ? 'now' : '-' + s + ' s', Math.min(px, width - 28), height - 4);
    }
    canvas.dataset.tasks = String(seen);
    canvas.dataset.visible = String(visible);
    $('#stream-count').textContent = seen + ' tasks finished since the page opened; ' + visible + ' in the last 60 s';
    const labels = [...new Set(stream.slice(-500).map((t) => t.label).filter(Boolean))].slice(0, 8);
    $('#stream-legend').replaceChildren(...labels.map((l) => el('span', {}, el('i', { style: 'background:' + colorOf({ label: l }) }), l)),
      el('span', {}, el('i', { style: 'background:' + colorOf({}) }), 'no label'),
      el('span', {}, el('i', { style: 'background:#d62728' }), 'failed'),
      el('span', {}, el('i', { style: 'background:#999' }), 'aborted'));
  }

  function renderRate(s) {
    const xs = s.rate.map((p) => p[0]);
    const ys = s.rate.map((p) => p[1]);
    const box = $('#rate');
    const width = Math.max(300, box.clientWidth - 10);
    if (!rateChart && window.uPlot) {
      rateChart = new uPlot({
        width: width, height: 200,
        series: [{}, { label: 'tasks/s', stroke: '#4c78a8', fill: 'rgba(76,120,168,0.15)', width: 2 }],
        scales: { x: { time: true } },
        axes: [{}, { label: 'tasks/s' }],
        legend: { show: true },
      }, [xs, ys], box);
    } else if (rateChart) {
      rateChart.setData([xs, ys]);
    }
    box.dataset.last = String(ys.slice(-10).reduce((a, b) => a + b, 0) / 10);
  }

  function renderHops(h) {
    const box = $('#hops');
    if (!h.order.length) return;
    const color = (name) => HOP_COLORS[h.order.indexOf(name) % HOP_COLORS.length];
    const table = el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'hop'), el('th', { class: 'num' }, 'mean'),
      el('th', { class: 'num' }, 'median'))),
      el('tbody', {}, ...h.order.map((name) => el('tr', {}, el('td', {}, el('i', { style: 'display:inline-block;width:.9em;height:.9em;margin-right:.4em;background:' + color(name) }), name),
        el('td', { class: 'num' }, fmtMs(h.mean_ms[name])), el('td', { class: 'num' }, fmtMs(h.median_ms[name]))))));
    const max = Math.max(1e-9, ...h.recent.map((r) => r.hops.reduce((a, x) => a + Math.max(0, x.ms), 0)));
    const bars = h.recent.map((r) => el('div', { class: 'hopbar', title: r.id },
      ...r.hops.map((x) => el('div', { style: 'width:' + (100 * Math.max(0, x.ms) / max) + '%;background:' + color(x.hop), title: x.hop + ': ' + fmtMs(x.ms) }))));
    box.replaceChildren(table, el('p', { class: 'note' }, 'the last ' + h.recent.length + ' of ' + h.tasks + ' tasks, as bars on one scale:'), ...bars);
  }

  function renderFailures(fs) {
    $('#no-failures').style.display = fs.length ? 'none' : '';
    $('#failures').replaceChildren(...fs.map((f) => el('li', { dataset: { id: f.id } },
      el('b', {}, f.ename), ': ' + f.evalue,
      el('span', { class: 'note' }, ' engine ' + f.engine + (f.label ? ', label ' + f.label : '') + (f.at ? ', ' + new Date(f.at).toLocaleTimeString() : '')),
      f.traceback.length ? el('details', {}, el('summary', {}, 'remote stack trace'), el('pre', {}, f.traceback.join('\n'))) : '')));
  }

  function apply(s) {
    clockOffset = s.at - Date.now();
    engines = s.engines;
    setConnection(s.connection);
    renderEngines(s);
    for (const t of s.stream) {
      stream.push(t);
      seen++;
    }
    const oldest = Date.now() + clockOffset - 2 * WINDOW_MS;
    if (stream.length > 6000 || (stream.length && stream[0].t1 < oldest)) {
      stream = stream.filter((t) => t.t1 >= oldest).slice(-6000);
    }
    drawStream();
    renderRate(s);
    renderHops(s.hops);
    renderFailures(s.failures);
  }

  function search(ev) {
    if (ev) ev.preventDefault();
    const form = $('#search');
    const params = new URLSearchParams({ label: form.label.value, status: form.status.value, limit: '200' });
    fetch(withToken('/api/tasks', params.toString())).then((r) => r.json()).then((res) => {
      if (res.error) {
        $('#records-note').textContent = res.error;
        return;
      }
      $('#records tbody').replaceChildren(...res.tasks.map((t) => el('tr', { dataset: { id: t.id, status: t.status } },
        el('td', { class: 'id' }, t.id), el('td', {}, t.label || ''), el('td', { class: 'status-' + t.status }, t.status),
        el('td', { class: 'num' }, t.engine == null ? '' : t.engine),
        el('td', {}, t.submitted ? new Date(t.submitted).toLocaleTimeString() : ''),
        el('td', { class: 'num' }, fmtMs(t.run_ms)), el('td', { class: 'num' }, fmtBytes(t.result_size)), el('td', {}, t.error || ''))));
      $('#records-note').textContent = res.tasks.length + ' records' + (res.tasks.length >= 200 ? ' (the newest 200)' : '');
    }).catch((e) => { $('#records-note').textContent = 'search failed: ' + e; });
  }

  $('#search').addEventListener('submit', search);
  const source = new EventSource(withToken('/events'));
  source.addEventListener('update', (ev) => apply(JSON.parse(ev.data)));
  source.onerror = () => setConnection({ state: 'reconnecting', detail: 'the dashboard server is not answering', controller: '' });
  setInterval(drawStream, 1000);
  search();
})();
