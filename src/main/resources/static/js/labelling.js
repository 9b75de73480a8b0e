'use strict';
/* The latest crop of every container, with one button per label; labels feed per-site fine-tuning. */
(() => {
  const {t, el, api} = FW;
  const LABELS = ['empty', 'partial', 'full', 'overflowing'];

  async function crop(pavilion, container) {
    const response = await fetch(`/api/pavilions/${encodeURIComponent(pavilion.id)}/containers/${encodeURIComponent(container.id)}/crop`,
      {credentials: 'same-origin'});
    const card = el('div', {class: 'card', id: `crop-${pavilion.id}-${container.id}`},
      el('b', {}, pavilion.id, ' / ', container.id), el('br'), el('small', {}, pavilion.name));
    if (!response.ok) {
      card.append(el('p', {}, t('noCrop')));
      return card;
    }
    const readingTime = response.headers.get('X-Reading-Time');
    const img = el('img', {src: URL.createObjectURL(await response.blob()), alt: container.id});
    const result = el('div', {class: 'result'}, container.state ? [t('model'), ': ', FW.stateBadge(container.state)] : null);
    card.append(img, el('small', {}, FW.time(readingTime)), el('div', {}, ...LABELS.map(label =>
      el('button', {type: 'button', 'data-label': label, on: {click: async () => {
        try {
          await api('/api/labels', {method: 'POST', body: {pavilion: pavilion.id, container: container.id, readingTime, label}});
          result.replaceChildren(t('labelled'), ': ', t('label.' + label));
          card.dataset.labelled = label;
        } catch (e) {
          result.replaceChildren(el('span', {class: 'error'}, e.message));
        }
      }}}, t('label.' + label)))), result);
    return card;
  }

  async function load() {
    const pavilions = await api('/api/pavilions');
    const cards = [];
    for (const p of pavilions) {
      for (const c of p.containers) cards.push(await crop(p, c));
    }
    document.getElementById('crops').replaceChildren(...cards);
    document.body.dataset.loaded = 'true';
  }
  load().catch(e => FW.toast(e.message, 'bad'));
})();
