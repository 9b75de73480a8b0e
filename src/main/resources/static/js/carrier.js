'use strict';

/* The carrier's inbox: the day's pickups from /api/carrier/pickups, acknowledge buttons (CSRF header). */
(function () {
  const page = document.getElementById('carrier-page');
  if (!page) {
    return;
  }
  const t = FW.t;
  const carrier = page.dataset.carrier || '';
  const dateInput = document.getElementById('carrier-date');
  const body = document.querySelector('#pickups tbody');
  const message = document.getElementById('carrier-message');

  function today() {
    const d = new Date();
    return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
  }

  function query() {
    const q = new URLSearchParams({date: dateInput.value});
    if (carrier) {
      q.set('carrier', carrier);
    }
    return q.toString();
  }

  function cell(row, text) {
    const td = document.createElement('td');
    td.textContent = text == null ? '' : text;
    row.appendChild(td);
    return td;
  }

  /** FW.api sends the page's CSRF token with the POST. */
  async function acknowledge(number) {
    try {
      await FW.api('/api/incidents/' + encodeURIComponent(number) + '/ack', {method: 'POST', body: {}});
      message.textContent = t('acknowledged') + ': ' + number;
    } catch (e) {
      message.textContent = t('error') + ' ' + (e.status || '') + ': ' + e.message;
    }
    await load();
  }

  async function load() {
    document.getElementById('carrier-csv').href = '/api/carrier/pickups.csv?' + query();
    document.getElementById('carrier-geojson').href = '/api/carrier/pickups.geojson?' + query();
    let list;
    try {
      list = await FW.api('/api/carrier/pickups?' + query());
    } catch (e) {
      message.textContent = t('error') + ' ' + (e.status || '') + ': ' + e.message;
      return;
    }
    body.replaceChildren();
    for (const p of list.pickups) {
      const row = document.createElement('tr');
      row.className = 'status-' + p.status + ' type-' + p.type;
      row.dataset.number = p.registrationNumber;
      row.dataset.carrier = p.carrier;
      cell(row, p.registrationNumber);
      cell(row, t('type.' + p.type));
      cell(row, t('status.' + p.status));
      cell(row, FW.time(p.deadline));
      cell(row, [p.address, p.district].filter(Boolean).join(', '));
      cell(row, (p.pavilionName || p.pavilion) + ' / ' + p.container);
      cell(row, Math.round(p.fillPercent) + ' %');
      const actions = cell(row, '');
      if (p.status === 'OPEN' || p.status === 'ESCALATED') {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'ack';
        button.textContent = t('ack');
        button.addEventListener('click', () => acknowledge(p.registrationNumber));
        actions.appendChild(button);
      }
      body.appendChild(row);
    }
    document.getElementById('pickups-empty').hidden = list.pickups.length > 0;
    page.dataset.loaded = String(list.pickups.length);
  }

  dateInput.value = today();
  document.getElementById('carrier-form').addEventListener('submit', event => {
    event.preventDefault();
    load();
  });
  load();
})();
