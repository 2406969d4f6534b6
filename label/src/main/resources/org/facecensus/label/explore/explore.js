// The census explorer: filters, plain-SVG charts and the gallery of faces behind any bar or cell.
// Everything comes from this server's /api/ with the launch token; nothing is loaded from elsewhere.
'use strict';
(function () {
  const token = new URLSearchParams(location.search).get('token') || '';
  const SVG = 'http://www.w3.org/2000/svg';
  const filterIds = ['decade', 'tag', 'designer', 'field'];
  let gallery = null; // {cell, gender, central, title, offset}
  let generation = 0;

  function $(id) { return document.getElementById(id); }

  function query(extra) {
    const params = new URLSearchParams();
    for (const name of filterIds) {
      const value = $('f-' + name).value;
      if (value) { params.set(name, value); }
    }
    for (const [k, v] of Object.entries(extra || {})) {
      if (v !== undefined && v !== null && v !== '') { params.set(k, v); }
    }
    return params.toString();
  }

  async function api(path, extra) {
    const response = await fetch('/api/' + path + '?' + query(extra), { headers: { 'X-Token': token } });
    const body = await response.json();
    if (!response.ok) { throw new Error(body.error || response.statusText); }
    return body;
  }

  function showError(e) {
    $('error').textContent = String(e.message || e);
    $('error').hidden = false;
  }

  function pct(x) { return x === null || x === undefined ? '–' : (x * 100).toFixed(1) + ' %'; }
  function interval(i) {
    return i && i.low !== null && i.high !== null ? (i.low * 100).toFixed(1) + '–' + (i.high * 100).toFixed(1) + ' %' : '–';
  }
  function pp(e) {
    if (!e || e.estimate === null) { return '–'; }
    const f = x => (x >= 0 ? '+' : '') + (x * 100).toFixed(1) + ' pp';
    return f(e.estimate) + (e.interval95 ? ' (' + f(e.interval95.low) + ' to ' + f(e.interval95.high) + ')' : '');
  }
  function num(e, places) {
    if (!e || e.estimate === null) { return '–'; }
    return e.estimate.toFixed(places) + (e.interval95 ? ' (' + e.interval95.low.toFixed(places) + '–' + e.interval95.high.toFixed(places) + ')' : '');
  }

  function el(tag, attrs, text) {
    const node = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) { node.setAttribute(k, v); }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function fillSelect(select, values, label) {
    for (const v of values) {
      select.appendChild(el('option', { value: v.value }, (label ? label(v) : v.value) + ' (' + v.items + ')'));
    }
  }

  async function init() {
    const options = await api('options');
    fillSelect($('f-decade'), options.decades);
    fillSelect($('f-tag'), options.tags);
    fillSelect($('f-designer'), options.designers);
    const fields = options.fields.flatMap(f => f.values.map(v => ({ value: f.name + '=' + v.value, items: v.items })));
    fillSelect($('f-field'), fields);
    for (const name of filterIds) { $('f-' + name).addEventListener('change', refresh); }
    $('clear').addEventListener('click', () => { for (const n of filterIds) { $('f-' + n).value = ''; } refresh(); });
    $('more').addEventListener('click', () => loadFaces(false));
    await refresh();
  }

  async function refresh() {
    const mine = ++generation;
    $('busy').hidden = false;
    try {
      const figures = await api('figures');
      if (mine !== generation) { return; }
      $('error').hidden = true;
      render(figures);
      document.body.dataset.state = 'ready:' + query();
      if (gallery) { await loadFaces(true); }
    } catch (e) {
      showError(e);
    } finally {
      if (mine === generation) { $('busy').hidden = true; }
    }
  }

  function render(f) {
    const o = f.overall.shareOfWomen;
    const c = f.overall.correctedShareOfWomen;
    $('summary').textContent = '';
    $('summary').append(f.totals.items + ' items, ' + f.totals.faces + ' faces (' + f.totals.women + ' labelled women, '
      + f.totals.men + ' men). Share of women: ');
    $('summary').appendChild(el('strong', { id: 'share' }, pct(o.estimate)));
    $('summary').append(' (95 %: ' + interval(o.itemBootstrap95 || o.wilson95) + ')'
      + (c ? '; corrected for classifier error ' + pct(c.estimate) + ' (' + interval(c.bootstrap95 || c.correctedWilson95) + ')' : '') + '.');
    decades(f.byDecade.rows);
    trend(f.trend, f.byDecade.rows);
    prominence(f.prominence.overall);
    tags(f.byTag.rows);
  }

  function decades(rows) {
    const box = $('decades');
    box.textContent = '';
    const shown = rows.filter(r => r.shareOfWomen.estimate !== null);
    if (!shown.length) { box.textContent = 'No labelled faces.'; return; }
    const w = 880, h = 240, left = 40, bottom = 30, top = 10;
    const band = (w - left) / shown.length;
    const y = v => top + (1 - v) * (h - top - bottom);
    const svg = el('svg:svg', { width: w, height: h, viewBox: '0 0 ' + w + ' ' + h, role: 'img' });
    for (const t of [0, 0.25, 0.5, 0.75, 1]) {
      svg.appendChild(el('svg:text', { x: 2, y: y(t) + 4 }, (t * 100) + '%'));
    }
    svg.appendChild(el('svg:line', { class: 'parity', x1: left, x2: w, y1: y(0.5), y2: y(0.5) }));
    shown.forEach((r, i) => {
      const s = r.shareOfWomen;
      const x = left + i * band + band * 0.15;
      const bw = band * 0.7;
      // A share of 0 still gets a sliver to click.
      const top = Math.min(y(s.estimate), y(0) - 3);
      const bar = el('svg:rect', { class: 'bar', x: x, y: top, width: bw, height: y(0) - top,
        'data-cell': 'decade:' + r.decade });
      bar.appendChild(el('svg:title', {}, r.decade + ': ' + pct(s.estimate) + ' of ' + s.decided + ' labelled faces'));
      bar.addEventListener('click', () => openGallery({ cell: 'decade:' + r.decade, title: 'Faces of the ' + r.decade }));
      svg.appendChild(bar);
      const ci = s.itemBootstrap95 || s.wilson95;
      if (ci) {
        svg.appendChild(el('svg:line', { class: 'whisker', x1: x + bw / 2, x2: x + bw / 2, y1: y(ci.low), y2: y(ci.high) }));
      }
      svg.appendChild(el('svg:text', { x: x, y: h - 12 }, r.decade));
      svg.appendChild(el('svg:text', { x: x, y: h - 1 }, 'n=' + s.decided));
    });
    box.appendChild(svg);
  }

  function trend(t, rows) {
    const box = $('trend');
    box.textContent = '';
    if (!t.fitted) { $('trend-text').textContent = 'No trend: ' + t.reason + '.'; return; }
    $('trend-text').textContent = 'Logistic trend over ' + t.items + ' dated items (' + t.fromYear + '–' + t.toYear
      + '): odds ratio per decade ' + num(t.oddsRatioPerDecade, 2) + ', bootstrap p = ' + t.bootstrapP
      + '. Band: 95 % cluster bootstrap over items.';
    const w = 880, h = 240, left = 40, bottom = 20, top = 10;
    const x0 = t.fromYear, x1 = Math.max(t.toYear, t.fromYear + 1);
    const x = yr => left + (yr - x0) / (x1 - x0) * (w - left - 10);
    const y = v => top + (1 - v) * (h - top - bottom);
    const svg = el('svg:svg', { width: w, height: h, viewBox: '0 0 ' + w + ' ' + h, role: 'img', id: 'trend-svg' });
    for (const v of [0, 0.5, 1]) { svg.appendChild(el('svg:text', { x: 2, y: y(v) + 4 }, (v * 100) + '%')); }
    svg.appendChild(el('svg:line', { class: 'parity', x1: left, x2: w, y1: y(0.5), y2: y(0.5) }));
    const withBand = t.curve.filter(p => p.band95);
    if (withBand.length) {
      const pts = withBand.map(p => x(p.year) + ',' + y(p.band95.high))
        .concat(withBand.slice().reverse().map(p => x(p.year) + ',' + y(p.band95.low)));
      svg.appendChild(el('svg:polygon', { class: 'band', points: pts.join(' ') }));
    }
    svg.appendChild(el('svg:polyline', { class: 'fit', points: t.curve.map(p => x(p.year) + ',' + y(p.share)).join(' ') }));
    if (t.curve.some(p => p.correctedShare !== null)) {
      svg.appendChild(el('svg:polyline', { class: 'corrected', points: t.curve.filter(p => p.correctedShare !== null)
        .map(p => x(p.year) + ',' + y(p.correctedShare)).join(' ') }));
    }
    for (const r of rows) {
      if (r.fromYear !== null && r.shareOfWomen.estimate !== null && r.fromYear + 5 >= x0 - 5 && r.fromYear <= x1) {
        svg.appendChild(el('svg:circle', { class: 'point', cx: x(Math.min(Math.max(r.fromYear + 5, x0), x1)),
          cy: y(r.shareOfWomen.estimate), r: 4 }));
      }
    }
    for (let yr = Math.ceil(x0 / 10) * 10; yr <= x1; yr += 10) {
      svg.appendChild(el('svg:text', { x: x(yr) - 12, y: h - 4 }, String(yr)));
    }
    box.appendChild(svg);
  }

  function prominence(p) {
    $('prominence-text').textContent = 'Women are ' + pct(p.headcountShare.estimate) + ' of labelled faces and hold '
      + pct(p.areaShareOfWomen.estimate) + ' of their face area: ' + pp(p.areaMinusHeadcount) + '. Central figures: '
      + p.centralFigures.women + ' women of ' + p.centralFigures.decided + ' (' + pct(p.centralFigures.estimate) + ', 95 %: '
      + interval(p.centralFigures.itemBootstrap95 || p.centralFigures.wilson95) + ').';
    const table = $('prominence');
    table.textContent = '';
    const head = el('tr');
    for (const t of ['', 'faces', 'central figures', 'mean size rank', 'mean area (% of image)', 'mean distance from centre']) {
      head.appendChild(el('th', {}, t));
    }
    table.appendChild(head);
    for (const g of p.byGender) {
      const tr = el('tr');
      tr.appendChild(el('th', {}, g.gender === 'female' ? 'women' : 'men'));
      const faces = el('td', { class: 'cell', 'data-cell': 'faces:' + g.gender }, String(g.faces));
      faces.addEventListener('click', () => openGallery({ gender: g.gender, title: (g.gender === 'female' ? 'Women' : 'Men') }));
      tr.appendChild(faces);
      const centralCount = g.gender === 'female' ? p.centralFigures.women : p.centralFigures.decided - p.centralFigures.women;
      const central = el('td', { class: 'cell', 'data-cell': 'central:' + g.gender }, String(centralCount));
      central.addEventListener('click', () => openGallery({ gender: g.gender, central: 'true',
        title: 'Central figures: ' + (g.gender === 'female' ? 'women' : 'men') }));
      tr.appendChild(central);
      tr.appendChild(el('td', {}, num(g.meanSizeRank, 2)));
      const area = g.meanAreaShare;
      tr.appendChild(el('td', {}, area.estimate === null ? '–' : pct(area.estimate)
        + (area.interval95 ? ' (' + interval(area.interval95) + ')' : '')));
      tr.appendChild(el('td', {}, num(g.meanCentreDistance, 3)));
      table.appendChild(tr);
    }
  }

  function tags(rows) {
    const table = $('tags');
    table.textContent = '';
    const head = el('tr');
    for (const t of ['tag', 'items', 'faces', 'share of women', '95 %']) { head.appendChild(el('th', {}, t)); }
    table.appendChild(head);
    for (const r of rows) {
      const tr = el('tr');
      const name = el('th', { class: 'cell', 'data-cell': 'tag:' + r.tag }, r.tag);
      name.addEventListener('click', () => openGallery({ cell: 'tag:' + r.tag, title: 'Faces tagged ' + r.tag }));
      tr.appendChild(name);
      tr.appendChild(el('td', {}, String(r.items)));
      tr.appendChild(el('td', {}, String(r.faces)));
      tr.appendChild(el('td', {}, pct(r.shareOfWomen.estimate)));
      tr.appendChild(el('td', {}, interval(r.shareOfWomen.itemBootstrap95 || r.shareOfWomen.wilson95)));
      table.appendChild(tr);
    }
  }

  function openGallery(spec) {
    gallery = Object.assign({ cell: '', gender: '', central: '' }, spec, { offset: 0 });
    $('gallery-section').hidden = false;
    $('gallery-title').textContent = spec.title;
    loadFaces(true).then(() => $('gallery-section').scrollIntoView());
  }

  async function loadFaces(fresh) {
    if (fresh) { gallery.offset = 0; $('gallery').textContent = ''; }
    try {
      const page = await api('faces', { cell: gallery.cell, gender: gallery.gender, central: gallery.central,
        offset: gallery.offset, limit: 60 });
      for (const f of page.faces) {
        const figure = el('figure', { class: 'face ' + f.gender });
        if (f.crop) {
          figure.appendChild(el('img', { src: '/api/crop/' + encodeURIComponent(f.item) + '/' + f.index + '?token='
            + encodeURIComponent(token), alt: f.gender + ' face in ' + f.item, loading: 'lazy' }));
        }
        figure.appendChild(el('figcaption', {}, f.item + (f.date ? ' · ' + f.date : '') + (f.central ? ' · central' : '')
          + (f.pFace === undefined ? '' : ' · verifier: ' + (100 * f.pFace).toFixed(0) + ' % face')));
        $('gallery').appendChild(figure);
      }
      gallery.offset += page.faces.length;
      $('gallery-count').textContent = page.total + ' faces; showing ' + gallery.offset + '.';
      $('gallery-count').dataset.total = page.total;
      $('more').hidden = gallery.offset >= page.total;
    } catch (e) {
      showError(e);
    }
  }

  init().catch(showError);
})();
