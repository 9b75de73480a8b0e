'use strict';
/* One pavilion: latest snapshot with the container polygons, fill bars, history chart, camera, incidents. */
(() => {
  const {t, el, api, time, COLORS} = FW;
  const id = document.getElementById('pavilion').dataset.pavilion;
  const SVG = 'http://www.w3.org/2000/svg';
  let chart;

  function svg(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
    return e;
  }

  async function snapshot(view, regions) {
    const box = document.getElementById('snapshot');
    const img = el('img', {src: `/api/pavilions/${encodeURIComponent(id)}/snapshot.jpg?t=${Date.now()}`, alt: id, id: 'snapshot-img'});
    img.onerror = () => box.replaceChildren(el('p', {}, t('noSnapshot')));
    const overlay = svg('svg', {viewBox: '0 0 1 1', preserveAspectRatio: 'none'});
    regions.containers.forEach(c => {
      const state = view.containers.find(x => x.id === c.id)?.state || 'UNKNOWN';
      overlay.append(svg('polygon', {points: c.polygon.map(p => p.join(',')).join(' '), fill: COLORS[state],
        'fill-opacity': 0.25, stroke: COLORS[state], 'stroke-width': 0.004, 'data-container': c.id}));
      const [x, y] = c.polygon[0];
      const label = svg('text', {x: x + 0.005, y: y + 0.035, 'font-size': 0.035, fill: '#fff', stroke: '#000',
        'stroke-width': 0.002});
      label.textContent = c.id;
      overlay.append(label);
    });
    box.replaceChildren(img, overlay);
  }

  function containers(view) {
    document.getElementById('containers').replaceChildren(
      el('tr', {}, el('th', {}, t('container')), el('th', {}, t('fill')), el('th', {}, t('status')), el('th', {}, t('time'))),
      ...view.containers.map(c => el('tr', {'data-container': c.id},
        el('td', {}, c.id, el('br'), el('small', {}, c.type)),
        el('td', {}, el('span', {class: 'bar'}, el('span', {style: `width:${c.fillPercent ?? 0}%;background:${COLORS[c.state] || '#999'}`})),
          ' ', c.fillPercent == null ? '–' : Math.round(c.fillPercent) + ' %'),
        el('td', {}, c.state ? FW.stateBadge(c.state) : '–', c.unknownReason ? el('div', {}, el('small', {}, c.unknownReason)) : null),
        el('td', {}, time(c.time)))));
    const cam = view.camera;
    document.getElementById('camera').replaceChildren(el('p', {},
      cam.status ? t('camera.' + cam.status) : '–', ' · ', cam.mode, ' · ', t('interval'), ' ', cam.intervalSeconds,
      cam.lastFrameAt ? el('div', {}, t('lastFrame'), ': ', time(cam.lastFrameAt)) : null,
      cam.offlineSince ? el('div', {}, t('offlineSince'), ': ', time(cam.offlineSince)) : null,
      cam.lastError ? el('div', {class: 'error'}, cam.lastError) : null));
  }

  async function history(range) {
    document.getElementById('range-24h').classList.toggle('primary', range === '24h');
    document.getElementById('range-7d').classList.toggle('primary', range === '7d');
    const lines = await api(`/api/pavilions/${encodeURIComponent(id)}/history?range=${range}`);
    const palette = ['#1565c0', '#c62828', '#2e7d32', '#6a1b9a', '#ef6c00', '#00838f'];
    const datasets = lines.map((l, i) => ({label: l.container, data: l.t.map((x, j) => ({x, y: l.fill[j]})),
      borderColor: palette[i % palette.length], pointRadius: 0, borderWidth: 2, tension: 0.2}));
    const locale = document.documentElement.lang || 'ru';
    const format = x => new Date(x).toLocaleString(locale, range === '24h'
      ? {hour: '2-digit', minute: '2-digit'} : {day: '2-digit', month: '2-digit', hour: '2-digit'});
    if (chart) chart.destroy();
    chart = new Chart(document.getElementById('chart'), {type: 'line', data: {datasets},
      options: {animation: false, maintainAspectRatio: false, parsing: false,
        scales: {x: {type: 'linear', ticks: {callback: format, maxTicksLimit: 8}},
          y: {min: 0, max: 100, title: {display: true, text: t('fill') + ', %'}}},
        plugins: {tooltip: {callbacks: {title: items => format(items[0].parsed.x)}}}}});
    document.body.dataset.chartPoints = String(datasets.reduce((n, d) => n + d.data.length, 0));
  }

  async function incidents() {
    const all = await api('/api/incidents?limit=1000');
    const mine = all.filter(i => i.pavilionId === id);
    document.getElementById('incidents').replaceChildren(
      el('tr', {}, el('th', {}, t('number')), el('th', {}, t('type')), el('th', {}, t('container')),
        el('th', {}, t('status')), el('th', {}, t('opened'))),
      ...mine.map(i => el('tr', {}, el('td', {}, el('a', {href: '/incidents/' + i.registrationNumber}, i.registrationNumber)),
        el('td', {}, t('type.' + i.type)), el('td', {}, i.containerId), el('td', {}, t('status.' + i.status)),
        el('td', {}, time(i.openedAt)))));
  }

  async function load() {
    const [view, regions] = await Promise.all([api('/api/pavilions/' + encodeURIComponent(id)),
      api(`/api/pavilions/${encodeURIComponent(id)}/containers`)]);
    containers(view);
    await snapshot(view, regions);
    document.body.dataset.loaded = 'true';
  }

  document.getElementById('range-24h').addEventListener('click', () => history('24h'));
  document.getElementById('range-7d').addEventListener('click', () => history('7d'));
  load().catch(e => FW.toast(e.message, 'bad'));
  history('24h').catch(e => FW.toast(e.message, 'bad'));
  incidents().catch(e => FW.toast(e.message, 'bad'));
  FW.live({pavilion: p => { if (p.id === id) api('/api/pavilions/' + encodeURIComponent(id)).then(containers); },
    incident: i => { if (i.pavilion === id) incidents(); }});
})();
