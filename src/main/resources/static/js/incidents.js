'use strict';
/* The incident register: filters, sorted by deadline (the most urgent first), live. */
(() => {
  const {t, el, api, time} = FW;
  const STATUSES = ['OPEN', 'ACKNOWLEDGED', 'ESCALATED', 'RESOLVED'];
  const TYPES = ['FULL', 'OVERFLOW', 'FORECAST_FULL', 'CONTAINER_MISSING', 'CAMERA_OFFLINE', 'CAMERA_TAMPERED'];
  const f = {status: document.getElementById('f-status'), carrier: document.getElementById('f-carrier'),
    district: document.getElementById('f-district'), type: document.getElementById('f-type')};
  let all = [];

  const option = (v, label) => el('option', {value: v}, label);
  f.status.append(option('', t('all')), ...STATUSES.map(s => option(s, t('status.' + s))));
  f.type.append(option('', t('all')), ...TYPES.map(s => option(s, t('type.' + s))));

  function options(select, values) {
    const current = select.value;
    select.replaceChildren(option('', t('all')), ...[...new Set(values)].filter(Boolean).sort().map(v => option(v, v)));
    select.value = current;
  }

  function render() {
    const now = Date.now();
    const shown = all.filter(i => (!f.status.value || i.status === f.status.value)
      && (!f.carrier.value || i.carrierId === f.carrier.value)
      && (!f.district.value || i.district === f.district.value)
      && (!f.type.value || i.type === f.type.value))
      .sort((a, b) => (a.status === 'RESOLVED') - (b.status === 'RESOLVED')
        || new Date(a.deadline) - new Date(b.deadline));
    document.getElementById('incidents').replaceChildren(
      el('tr', {}, ...['number', 'deadline', 'status', 'type', 'pavilion', 'container', 'carrier', 'district', 'fill', 'opened']
        .map(k => el('th', {}, t(k)))),
      ...shown.map(i => el('tr', {id: 'incident-' + i.registrationNumber,
          class: i.status !== 'RESOLVED' && new Date(i.deadline) < now ? 'overdue' : null},
        el('td', {}, el('a', {href: '/incidents/' + encodeURIComponent(i.registrationNumber)}, i.registrationNumber)),
        el('td', {}, time(i.deadline)), el('td', {class: 'status'}, t('status.' + i.status)), el('td', {}, t('type.' + i.type)),
        el('td', {}, el('a', {href: '/pavilions/' + encodeURIComponent(i.pavilionId)}, i.pavilionId)),
        el('td', {}, i.containerId), el('td', {}, i.carrierId), el('td', {}, i.district),
        el('td', {}, Math.round(i.fillPercent) + ' %'), el('td', {}, time(i.openedAt)))));
    document.body.dataset.rows = String(shown.length);
  }

  async function load() {
    all = await api('/api/incidents?limit=1000');
    options(f.carrier, all.map(i => i.carrierId));
    options(f.district, all.map(i => i.district));
    render();
    document.body.dataset.loaded = 'true';
  }

  Object.values(f).forEach(s => s.addEventListener('change', render));
  load().catch(e => FW.toast(e.message, 'bad'));
  let timer;
  FW.live({incident: () => { clearTimeout(timer); timer = setTimeout(load, 200); }});
})();
