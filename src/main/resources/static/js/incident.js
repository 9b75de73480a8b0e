'use strict';
/* One incident: facts, history, evidence pictures; acknowledge, or close with a comment. */
(() => {
  const {t, el, api, time} = FW;
  const number = document.getElementById('incident').dataset.number;
  const base = '/api/incidents/' + encodeURIComponent(number);
  let incident;

  function facts(i) {
    const row = (k, v) => el('tr', {}, el('th', {}, t(k)), el('td', {id: 'fact-' + k}, v));
    document.getElementById('facts').replaceChildren(
      row('status', t('status.' + i.status)), row('type', t('type.' + i.type)),
      row('pavilion', el('a', {href: '/pavilions/' + encodeURIComponent(i.pavilionId)}, i.pavilionId)),
      row('container', i.containerId), row('carrier', i.carrierId), row('district', i.district),
      row('fill', Math.round(i.fillPercent) + ' %'), row('opened', time(i.openedAt)), row('deadline', time(i.deadline)));
    document.getElementById('ack').disabled = i.status !== 'OPEN';
    document.getElementById('close').disabled = i.status === 'RESOLVED';
  }

  async function load() {
    incident = await api(base);
    facts(incident);
    const history = await api(base + '/history');
    document.getElementById('history').replaceChildren(
      el('tr', {}, ...['time', 'actor', 'action', 'status', 'reason'].map(k => el('th', {}, t(k)))),
      ...history.map(h => el('tr', {}, el('td', {}, time(h.at)), el('td', {}, h.actor), el('td', {}, h.action),
        el('td', {}, (h.from ? t('status.' + h.from) + ' → ' : '') + t('status.' + h.to)),
        el('td', {}, h.reason))));
    const pictures = await api(base + '/evidence');
    document.getElementById('evidence').replaceChildren(...(pictures.length ? pictures.map(p =>
      el('figure', {}, el('img', {src: base + '/evidence/' + encodeURIComponent(p.name), alt: p.name}),
        el('figcaption', {}, p.name))) : [el('p', {}, t('noData'))]));
    document.body.dataset.loaded = 'true';
  }

  async function act(path, body, done) {
    const result = document.getElementById('action-result');
    try {
      incident = await api(base + path, {method: 'POST', body});
      result.className = 'notice';
      result.textContent = t(done);
      await load();
    } catch (e) {
      result.className = 'error';
      result.textContent = e.message;
    }
  }

  document.getElementById('ack').addEventListener('click', () =>
    act('/ack', {carrier: incident.carrierId}, 'acknowledged'));
  document.getElementById('close').addEventListener('click', () => {
    const comment = document.getElementById('comment').value.trim();
    if (!comment) {
      document.getElementById('action-result').textContent = t('commentRequired');
      return;
    }
    act('/close', {comment}, 'closed');
  });
  load().catch(e => FW.toast(e.message, 'bad'));
  FW.live({incident: i => { if (i.registrationNumber === number) load(); }});
})();
