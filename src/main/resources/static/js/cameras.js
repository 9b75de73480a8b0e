'use strict';
/* Camera health: online, offline since when, tampered view, sampling figures. */
(() => {
  const {t, el, api, time} = FW;
  async function load() {
    const cameras = await api('/api/cameras');
    document.getElementById('cameras').replaceChildren(
      el('tr', {}, ...['pavilion', 'district', 'carrier', 'status', 'offlineSince', 'lastFrame', 'frames', 'failures',
        'interval', 'mode', 'error'].map(k => el('th', {}, t(k)))),
      ...cameras.map(c => el('tr', {id: 'camera-' + c.pavilion, class: c.state === 'OFFLINE' || c.problem ? 'overdue' : null},
        el('td', {}, el('a', {href: '/pavilions/' + encodeURIComponent(c.pavilion)}, c.pavilion), el('br'), el('small', {}, c.url)),
        el('td', {}, c.district), el('td', {}, c.carrier),
        el('td', {class: 'state'}, c.state ? t('camera.' + c.state) : '–',
          c.problem ? el('div', {}, el('small', {}, t('camera.tampered'), ': ', c.problem)) : null),
        el('td', {}, time(c.offlineSince)), el('td', {}, time(c.lastFrameAt)), el('td', {}, c.framesSampled),
        el('td', {}, c.consecutiveFailures), el('td', {}, c.intervalSeconds), el('td', {}, c.mode),
        el('td', {}, c.lastError || ''))));
    document.body.dataset.loaded = 'true';
  }
  load().catch(e => FW.toast(e.message, 'bad'));
  setInterval(() => load().catch(() => {}), 10000);
})();
