'use strict';

/* The administration's trends: one Chart.js chart per /api/trends/{name}, for the chosen period. */
(function () {
  const page = document.getElementById('trends-page');
  if (!page) {
    return;
  }
  const t = FW.t;
  const from = document.getElementById('period-from');
  const to = document.getElementById('period-to');
  const message = document.getElementById('trends-message');
  const charts = {};
  const palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];

  function isoDay(d) {
    return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
  }

  const carrierName = c => c == null ? t('trends.allCarriers') : c;
  const districtName = d => d === '' ? t('trends.noDistrict') : d;
  const typeName = type => t('type.' + type);

  /** Rows of (carrier, type, value) as one stacked bar per carrier, one dataset per type. */
  function stacked(rows, value) {
    const carriers = [...new Set(rows.map(r => r.carrier))];
    const types = [...new Set(rows.map(r => r.type))];
    return {
      type: 'bar',
      data: {
        labels: carriers,
        datasets: types.map((type, i) => ({
          label: typeName(type), backgroundColor: palette[i % palette.length],
          data: carriers.map(c => rows.filter(r => r.carrier === c && r.type === type).reduce((s, r) => s + value(r), 0))
        }))
      },
      options: {scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true}}}
    };
  }

  const builders = {
    'fill-by-district': rows => ({
      type: 'bar',
      data: {labels: rows.map(r => districtName(r.district)),
        datasets: [{label: t('trends.avgFill'), backgroundColor: palette[0],
          data: rows.map(r => r.averageFillPercent)}]},
      options: {scales: {y: {beginAtZero: true, max: 100}}}
    }),
    'fill-by-weekday-hour': rows => {
      const hours = [...Array(24).keys()];
      const days = [1, 2, 3, 4, 5, 6, 7];
      const names = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
      return {
        type: 'line',
        data: {labels: hours.map(h => String(h).padStart(2, '0') + ':00'),
          datasets: days.map((d, i) => ({
            label: t('weekday.' + names[i]), borderColor: palette[i], backgroundColor: palette[i],
            spanGaps: true,
            data: hours.map(h => {
              const r = rows.find(x => x.weekday === names[i] && x.hour === h);
              return r ? r.averageFillPercent : null;
            })
          })).filter(ds => ds.data.some(v => v != null))},
        options: {scales: {y: {beginAtZero: true, max: 100}}}
      };
    },
    'overflow-hours': rows => ({
      type: 'bar',
      data: {labels: rows.map(r => districtName(r.district)),
        datasets: [{label: t('trends.hours'), backgroundColor: palette[1], data: rows.map(r => r.hours)}]},
      options: {scales: {y: {beginAtZero: true}}}
    }),
    'incidents-by-carrier-type': rows => stacked(rows, r => r.incidents),
    'time-to-pickup': rows => {
      const withData = rows.filter(r => r.pickups > 0);
      return {
        type: 'bar',
        data: {labels: withData.map(r => carrierName(r.carrier)),
          datasets: [
            {label: t('trends.median'), backgroundColor: palette[0], data: withData.map(r => r.medianSeconds / 3600)},
            {label: t('trends.p90'), backgroundColor: palette[3], data: withData.map(r => r.p90Seconds / 3600)}]},
        options: {scales: {y: {beginAtZero: true}}}
      };
    },
    'deadline-share': rows => {
      const decided = rows.filter(r => r.decided > 0);
      return {
        type: 'bar',
        data: {labels: decided.map(r => carrierName(r.carrier)),
          datasets: [{label: t('trends.share'), backgroundColor: palette[2],
            data: decided.map(r => Math.round(r.share * 1000) / 10)}]},
        options: {scales: {y: {beginAtZero: true, max: 100}}}
      };
    },
    'escalations': rows => stacked(rows, r => r.incidents)
  };

  /** Data points the chart shows (for the page's tests and the "no data" note). */
  function points(config) {
    return config.data.datasets.reduce((n, ds) => n + ds.data.filter(v => v != null && v !== 0).length, 0);
  }

  async function show(section, query) {
    const name = section.dataset.trend;
    section.querySelector('a.csv').href = '/api/trends/' + name + '.csv?' + query;
    let answer;
    try {
      answer = await FW.api('/api/trends/' + name + '?' + query);
    } catch (e) {
      message.textContent = t('error') + ' (' + name + '): ' + e.message;
      return;
    }
    document.getElementById('period-zone').textContent = answer.zone;
    const config = builders[name](answer.rows);
    config.options = Object.assign({responsive: true, animation: false}, config.options);
    if (charts[name]) {
      charts[name].destroy();
    }
    charts[name] = new Chart(section.querySelector('canvas'), config);
    section.dataset.points = String(points(config));
    section.classList.toggle('empty', points(config) === 0);
  }

  async function load() {
    message.textContent = '';
    const query = new URLSearchParams({from: from.value, to: to.value}).toString();
    const sections = [...document.querySelectorAll('section.chart')];
    await Promise.all(sections.map(s => show(s, query)));
    page.dataset.loaded = 'true';
  }

  const now = new Date();
  to.value = isoDay(now);
  from.value = isoDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 29));
  document.getElementById('period-form').addEventListener('submit', event => {
    event.preventDefault();
    load();
  });
  load();
})();
