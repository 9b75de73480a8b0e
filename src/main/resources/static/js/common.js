'use strict';
/* Shared by every page: texts in the page's language, the JSON API with the CSRF token, the live stream. */
const FW = (() => {
  const texts = JSON.parse(document.getElementById('texts')?.textContent || '{}');
  const meta = name => document.querySelector(`meta[name="${name}"]`)?.content;

  const t = key => texts[key] ?? key;

  const COLORS = {EMPTY: '#2e7d32', PARTIAL: '#f9a825', FULL: '#ef6c00', OVERFLOWING: '#c62828',
    UNKNOWN: '#757575', ABSENT: '#6a1b9a'};

  /** Elements built from data: text only, never HTML, so data cannot inject markup. */
  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined) continue;
      if (k === 'class') e.className = v;
      else if (k === 'on') Object.entries(v).forEach(([ev, fn]) => e.addEventListener(ev, fn));
      else if (k === 'style') e.style.cssText = v;
      else e.setAttribute(k, v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  async function api(path, options = {}) {
    const headers = Object.assign({'Accept': 'application/json'}, options.headers || {});
    if (options.body !== undefined && typeof options.body !== 'string') {
      headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(options.body);
    }
    const header = meta('csrf-header'), token = meta('csrf-token');
    if (header && token && options.method && options.method !== 'GET') headers[header] = token;
    const response = await fetch(path, Object.assign({}, options, {headers, credentials: 'same-origin'}));
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : null;
    if (!response.ok) {
      const error = new Error((body && (body.detail || body.title)) || response.statusText);
      error.status = response.status;
      error.problem = body;
      throw error;
    }
    return body;
  }

  const time = iso => iso ? new Date(iso).toLocaleString(document.documentElement.lang || 'ru') : '';

  /** The live stream; the browser's EventSource reconnects by itself. */
  function live(handlers, onState) {
    const source = new EventSource('/api/stream');
    source.onopen = () => onState && onState(true);
    source.onerror = () => onState && onState(false);
    Object.entries(handlers).forEach(([name, fn]) =>
      source.addEventListener(name, e => fn(JSON.parse(e.data))));
    return source;
  }

  function stateBadge(state) {
    return el('span', {class: 'badge', style: `background:${COLORS[state] || '#999'}`}, t('state.' + state));
  }

  function toast(message, kind = 'ok') {
    const box = el('div', {class: 'toast ' + kind, role: 'status'}, message);
    document.body.append(box);
    setTimeout(() => box.remove(), 4000);
  }

  return {t, el, api, time, live, COLORS, stateBadge, toast};
})();
