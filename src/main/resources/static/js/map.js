'use strict';
/* The 109 live map: every pavilion as a marker coloured by its worst container, clustered. */
(() => {
  const {t, el, api, live, COLORS} = FW;
  const STATES = ['OVERFLOWING', 'FULL', 'UNKNOWN', 'ABSENT', 'PARTIAL', 'EMPTY'];
  const box = document.getElementById('map');
  // a view before any layer: the cluster group needs a zoom level from its first addLayers
  const map = L.map(box, {preferCanvas: true, zoomControl: true, maxZoom: 19}).setView([54.87, 69.14], 12);
  if (box.dataset.tileUrl) {
    L.tileLayer(box.dataset.tileUrl, {attribution: box.dataset.tileAttribution || '', maxZoom: 19}).addTo(map);
  }
  const worstOf = states => STATES.find(s => states.includes(s)) || 'UNKNOWN';
  const cluster = L.markerClusterGroup({
    chunkedLoading: true,
    iconCreateFunction: c => {
      const worst = worstOf(c.getAllChildMarkers().map(m => m.feature.properties.state));
      return L.divIcon({html: `<div>${c.getChildCount()}</div>`, className: 'fw-cluster fw-' + worst,
        iconSize: L.point(36, 36)});
    }
  });
  map.addLayer(cluster);
  const markers = new Map();
  const filters = {district: document.getElementById('f-district'), carrier: document.getElementById('f-carrier'),
    state: document.getElementById('f-state')};

  function marker(feature) {
    const [lon, lat] = feature.geometry.coordinates;
    const m = L.marker([lat, lon], {title: feature.properties.name});
    m.feature = feature;
    style(m);
    m.bindPopup(() => popup(m.feature.properties));
    return m;
  }

  // DOM markers (not vector circles): the cluster group animates them with setOpacity
  const icons = {};
  function style(m) {
    const state = m.feature.properties.state || 'UNKNOWN';
    icons[state] = icons[state] || L.divIcon({className: 'fw-pin fw-' + state, iconSize: [18, 18]});
    m.setIcon(icons[state]);
  }

  function popup(p) {
    const counts = Object.entries(p.counts || {}).map(([s, n]) => el('li', {}, FW.stateBadge(s), ' × ', n));
    return el('div', {class: 'popup'}, el('b', {}, p.name), el('div', {}, p.district, ' · ', p.carrier),
      el('ul', {class: 'counts'}, counts), el('a', {href: '/pavilions/' + encodeURIComponent(p.id)}, t('open')));
  }

  function visible(p) {
    return (!filters.district.value || p.district === filters.district.value)
      && (!filters.carrier.value || p.carrier === filters.carrier.value)
      && (!filters.state.value || p.state === filters.state.value);
  }

  function redraw() {
    const shown = [...markers.values()].filter(m => visible(m.feature.properties));
    cluster.clearLayers();
    cluster.addLayers(shown);
    const totals = {};
    shown.forEach(m => Object.entries(m.feature.properties.counts || {})
      .forEach(([s, n]) => totals[s] = (totals[s] || 0) + n));
    const list = document.getElementById('counts');
    list.replaceChildren(el('li', {id: 'count-pavilions'}, el('b', {}, shown.length + ' ' + t('pavilions'))),
      ...STATES.map(s => el('li', {id: 'count-' + s},
        el('span', {}, el('span', {class: 'swatch', style: `background:${COLORS[s]}`}), t('state.' + s)),
        el('b', {}, totals[s] || 0))));
    document.body.dataset.markers = String(shown.length);
  }

  function fill(select, values, label) {
    [...new Set(values)].filter(Boolean).sort().forEach(v => select.append(el('option', {value: v}, label ? label(v) : v)));
  }

  async function load() {
    const collection = await api('/api/map/pavilions');
    collection.features.forEach(f => markers.set(f.properties.id, marker(f)));
    fill(filters.district, collection.features.map(f => f.properties.district));
    fill(filters.carrier, collection.features.map(f => f.properties.carrier));
    STATES.forEach(s => filters.state.append(el('option', {value: s}, t('state.' + s))));
    const bounds = [...markers.values()].map(m => m.getLatLng());
    if (bounds.length) map.fitBounds(L.latLngBounds(bounds).pad(0.2), {maxZoom: 15, animate: false});
    redraw();
    document.body.dataset.loaded = 'true';
  }

  Object.values(filters).forEach(s => s.addEventListener('change', redraw));

  let pending = false;
  function later() {
    // many readings arrive in bursts: redraw the clusters at most once a second
    if (!pending) {
      pending = true;
      setTimeout(() => { pending = false; redraw(); }, 300);
    }
  }

  live({
    pavilion: p => {
      const m = markers.get(p.id);
      if (!m) return;
      m.feature.properties = p;
      style(m);
      later();
    },
    incident: i => {
      const feed = document.getElementById('feed');
      const item = el('li', {class: 'fresh', id: 'feed-' + i.registrationNumber, 'data-change': i.change},
        el('a', {href: '/incidents/' + encodeURIComponent(i.registrationNumber)}, i.registrationNumber), ' ',
        t('type.' + i.type), ' · ', i.pavilion, '/', i.container, ' · ', t('status.' + i.status));
      document.getElementById('feed-' + i.registrationNumber)?.remove();
      feed.prepend(item);
    }
  }, on => {
    document.getElementById('live-dot').classList.toggle('on', on);
    document.getElementById('live-text').textContent = t(on ? 'connected' : 'disconnected');
  });

  load().catch(e => FW.toast(e.message, 'bad'));
})();
