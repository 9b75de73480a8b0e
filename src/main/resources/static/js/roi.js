'use strict';
/*
 * Region-of-interest editor: the container polygons over the latest snapshot. Drag a corner to move
 * it; double-click a corner to remove it, an edge to add one; "redraw" a container, then click its
 * corners in order and double-click to finish. Saving writes the pavilion's YAML file (validated first).
 */
(() => {
  const {t, el, api} = FW;
  const id = document.getElementById('roi').dataset.pavilion;
  const SVG = 'http://www.w3.org/2000/svg';
  const PALETTE = ['#ff1744', '#2979ff', '#00e676', '#ffea00', '#d500f9', '#ff9100'];
  let original = [], regions = [], width = 960, height = 540, drawing = null, svgRoot;

  const svg = (tag, attrs) => {
    const e = document.createElementNS(SVG, tag);
    Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
    return e;
  };
  const clamp = v => Math.min(1, Math.max(0, v));
  const copy = list => list.map(c => ({id: c.id, type: c.type, polygon: c.polygon.map(p => [p[0], p[1]])}));

  function toNormal(event) {
    const box = svgRoot.getBoundingClientRect();
    return [clamp((event.clientX - box.left) / box.width), clamp((event.clientY - box.top) / box.height)];
  }

  function render() {
    svgRoot.replaceChildren();
    const r = 6 * width / svgRoot.getBoundingClientRect().width || 6;
    regions.forEach((c, ci) => {
      const color = PALETTE[ci % PALETTE.length];
      const points = c.polygon.map(([x, y]) => `${x * width},${y * height}`).join(' ');
      const shape = svg(drawing === ci ? 'polyline' : 'polygon', {points, fill: drawing === ci ? 'none' : color,
        'fill-opacity': 0.2, stroke: color, 'stroke-width': r / 2, 'data-container': c.id});
      shape.addEventListener('dblclick', e => { e.stopPropagation(); if (drawing === null) insert(ci, toNormal(e)); });
      svgRoot.append(shape);
      c.polygon.forEach((p, pi) => {
        const handle = svg('circle', {cx: p[0] * width, cy: p[1] * height, r, fill: color, stroke: '#fff',
          'stroke-width': r / 3, 'data-container': c.id, 'data-point': pi, id: `h-${c.id}-${pi}`});
        handle.addEventListener('pointerdown', e => drag(e, ci, pi));
        handle.addEventListener('dblclick', e => {
          e.stopPropagation();
          if (c.polygon.length > 4) { c.polygon.splice(pi, 1); render(); }
        });
        svgRoot.append(handle);
      });
      const label = svg('text', {x: c.polygon[0][0] * width + r, y: c.polygon[0][1] * height - r, fill: '#fff',
        stroke: '#000', 'stroke-width': 0.5, 'font-size': 3 * r});
      label.textContent = c.id;
      svgRoot.append(label);
    });
  }

  function drag(event, ci, pi) {
    event.preventDefault();
    const move = e => { regions[ci].polygon[pi] = toNormal(e); render(); };
    const up = () => { window.removeEventListener('pointermove', move); window.removeEventListener('pointerup', up); };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }

  /** Adds a corner on the edge nearest to the double-click. */
  function insert(ci, [x, y]) {
    const poly = regions[ci].polygon;
    let best = 0, bestDistance = Infinity;
    poly.forEach((a, i) => {
      const b = poly[(i + 1) % poly.length];
      const dx = b[0] - a[0], dy = b[1] - a[1];
      const k = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy || 1)));
      const d = Math.hypot(a[0] + k * dx - x, a[1] + k * dy - y);
      if (d < bestDistance) { bestDistance = d; best = i; }
    });
    poly.splice(best + 1, 0, [x, y]);
    render();
  }

  function buttons() {
    document.getElementById('roi-containers').replaceChildren(...regions.map((c, ci) =>
      el('button', {type: 'button', id: 'redraw-' + c.id, on: {click: () => {
        drawing = ci;
        c.polygon = [];
        render();
      }}}, '✎ ', c.id, ' ', c.type)));
  }

  async function save() {
    const result = document.getElementById('roi-result');
    try {
      const saved = await api(`/api/pavilions/${encodeURIComponent(id)}/containers`,
        {method: 'PUT', body: {containers: regions.map(c => ({id: c.id, polygon: c.polygon}))}});
      original = copy(saved.containers);
      regions = copy(saved.containers);
      render();
      result.replaceChildren(el('p', {class: 'notice', id: 'roi-saved'}, t('saved')));
    } catch (e) {
      const p = e.problem || {};
      // the detail is the first problem as "file:line: field: message"; the others follow it
      result.replaceChildren(el('div', {class: 'problem', id: 'roi-problem', 'data-field': p.field || null},
        t('error'), ': ', e.message, ...(p.problems || []).slice(1).map(x => ['\n', x])));
    }
  }

  async function load() {
    const data = await api(`/api/pavilions/${encodeURIComponent(id)}/containers`);
    original = copy(data.containers);
    regions = copy(data.containers);
    const canvas = document.getElementById('canvas');
    const img = el('img', {alt: id, id: 'roi-img'});
    svgRoot = svg('svg', {id: 'roi-svg'});
    const ready = () => {
      width = img.naturalWidth || 960;
      height = img.naturalHeight || 540;
      svgRoot.setAttribute('viewBox', `0 0 ${width} ${height}`);
      svgRoot.setAttribute('preserveAspectRatio', 'none');
      render();
      document.body.dataset.loaded = 'true';
    };
    img.onload = ready;
    img.onerror = () => {
      // no picture yet: a plain 16:9 field keeps the editor usable
      img.replaceWith(el('div', {style: 'width:960px;height:540px;background:#455a64'}));
      ready();
    };
    svgRoot.addEventListener('click', e => {
      if (drawing !== null) { regions[drawing].polygon.push(toNormal(e)); render(); }
    });
    svgRoot.addEventListener('dblclick', () => {
      if (drawing !== null && regions[drawing].polygon.length >= 4) { drawing = null; render(); }
    });
    canvas.replaceChildren(img, svgRoot);
    img.src = `/api/pavilions/${encodeURIComponent(id)}/snapshot.jpg?t=${Date.now()}`;
    buttons();
  }

  document.getElementById('roi-save').addEventListener('click', save);
  document.getElementById('roi-reset').addEventListener('click', () => {
    regions = copy(original);
    drawing = null;
    render();
  });
  load().catch(e => FW.toast(e.message, 'bad'));
})();
