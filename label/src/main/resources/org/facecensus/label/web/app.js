// The labelling page: one face at a time (or a grid of 24), labels sent at once, progress always shown.
// Plain script, no build chain; every request carries this launch's token.
'use strict';
(function () {
  const token = new URLSearchParams(location.search).get('token') || '';
  const PAGE = 100;
  const GRID = 24;
  const KEYS = { f: 'female', m: 'male', u: 'unknown', n: 'not_a_face', s: 'skip' };
  const cards = [];          // cards[position], loaded page by page
  let total = null;          // number of cards
  let pos = 0;               // the current card (single) or the grid's first card
  let grid = false;
  let busy = false;
  const excluded = new Set();
  // What each label key of this page did, latest last: where the view was and which faces, so that undo
  // can show them again where they were labelled.
  const done = [];
  const $ = (id) => document.getElementById(id);

  async function api(path, options) {
    const opts = Object.assign({ headers: {} }, options || {});
    opts.headers['X-Token'] = token;
    if (opts.body !== undefined) opts.headers['Content-Type'] = 'application/json';
    const response = await fetch('/api/' + path, opts);
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || response.statusText);
    return body;
  }

  function message(text) {
    const m = $('message');
    m.textContent = text;
    m.classList.toggle('shown', !!text);
  }

  async function load(from, count) {
    for (let p = from; p < from + count && (total === null || p < total); p += PAGE) {
      if (cards[p]) continue;
      const start = Math.floor(p / PAGE) * PAGE;
      const page = await api('cards?from=' + start + '&count=' + PAGE);
      total = page.total;
      page.cards.forEach((c) => { cards[c.position] = c; });
    }
  }

  function image(kind, card) {
    const id = encodeURIComponent(card.itemId);
    const path = kind === 'crop' ? 'crop/' + id + '/' + card.faceIndex : 'artwork/' + id;
    return '/api/' + path + '?token=' + encodeURIComponent(token);
  }

  function showProgress(p) {
    const counts = Object.entries(p.counts).map(([k, v]) => k.replace(/_/g, ' ') + ' ' + v).join(' · ');
    let share = 'share of women: label audit cards to estimate it';
    if (p.shareOfWomen) {
      const s = p.shareOfWomen;
      const pct = (x) => (100 * x).toFixed(1) + ' %';
      share = 'share of women (audit sample, n=' + (s.women + s.men) + '): ' + pct(s.estimate)
        + ' [' + pct(s.low) + ' – ' + pct(s.high) + ']';
    }
    $('progress').textContent = p.labelled + ' / ' + p.total + ' labelled · ' + counts + ' · audit '
      + p.auditLabelled + ' · ' + share;
  }

  function drawArtwork(card) {
    const canvas = $('artwork');
    const ctx = canvas.getContext('2d');
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const img = new Image();
    img.onload = () => {
      if (cards[pos] !== card) return;
      const scale = Math.min(canvas.width / img.naturalWidth, canvas.height / img.naturalHeight);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, img.naturalWidth * scale, img.naturalHeight * scale);
      ctx.strokeStyle = '#ff2d55';
      ctx.lineWidth = 3;
      const b = card.box;
      ctx.strokeRect(b.x * scale, b.y * scale, b.width * scale, b.height * scale);
      canvas.dataset.drawn = card.faceId;
    };
    img.onerror = () => { ctx.fillText('artwork not found', 10, 20); };
    img.src = image('artwork', card);
  }

  async function render() {
    $('mode').textContent = grid ? 'grid' : 'single';
    $('single').hidden = grid;
    $('grid').hidden = !grid;
    await load(pos, grid ? GRID : 1);
    if (total === 0) { $('card-info').textContent = 'this census has no faces'; return; }
    if (grid) return renderGrid();
    const card = cards[pos];
    if (!card) { $('card-info').textContent = 'all cards shown'; return; }
    $('face').src = image('crop', card);
    $('face').dataset.faceId = card.faceId;
    const prob = card.probability === null ? '' : ' (' + (100 * card.probability).toFixed(0) + ' %)';
    $('card-info').textContent = 'card ' + (pos + 1) + ' of ' + total + ' · ' + card.stream + ' stream · classifier: '
      + card.gender + prob + verifier(card, ' · ') + ' · your label: ' + (card.label || 'none');
    drawArtwork(card);
  }

  // The face verifier's probability of a face, after sep; nothing where no verifier judged the face.
  function verifier(card, sep) {
    return card.pFace === null || card.pFace === undefined ? ''
      : sep + 'verifier: ' + (100 * card.pFace).toFixed(0) + ' % face';
  }

  function renderGrid() {
    const box = $('grid');
    box.textContent = '';
    for (let p = pos; p < Math.min(pos + GRID, total); p++) {
      const card = cards[p];
      const cell = document.createElement('div');
      cell.className = 'cell' + (excluded.has(p) ? ' excluded' : '') + (card.label ? ' labelled-' + card.label : '');
      cell.dataset.position = p;
      cell.dataset.faceId = card.faceId;
      const img = document.createElement('img');
      img.src = image('crop', card);
      img.alt = card.faceId;
      const tag = document.createElement('span');
      tag.className = 'tag';
      tag.textContent = card.stream + (card.label ? ' · ' + card.label : '');
      cell.append(img, tag);
      const pFaceText = verifier(card, '');
      if (pFaceText) {
        // Its own corner: the bottom tag has no room left in a 144-pixel cell.
        const pFace = document.createElement('span');
        pFace.className = 'tag p-face';
        pFace.textContent = pFaceText;
        cell.append(pFace);
      }
      cell.addEventListener('click', () => {
        if (excluded.has(p)) excluded.delete(p); else excluded.add(p);
        cell.classList.toggle('excluded', excluded.has(p));
      });
      box.append(cell);
    }
  }

  async function label(word) {
    const chosen = [];
    const end = grid ? Math.min(pos + GRID, total) : pos + 1;
    for (let p = pos; p < end; p++) if (!(grid && excluded.has(p)) && cards[p]) chosen.push(cards[p]);
    if (chosen.length === 0) return;
    // The position names the card; the server records that card's stream and refuses a stream that disagrees.
    const body = chosen.map((c) => ({ itemId: c.itemId, faceIndex: c.faceIndex, position: c.position, label: word,
      stream: c.stream }));
    showProgress(await api('labels', { method: 'POST', body: JSON.stringify(grid ? body : body[0]) }));
    done.push({ pos: pos, faces: chosen.map((c) => c.faceId).sort().join(' ') });
    chosen.forEach((c) => { c.label = word; c.labelStream = c.stream; });
    excluded.clear();
    if (end < total) pos = end;
    await render();
  }

  // Takes back the last key's labels: one face in single mode, the whole batch after a grid key.
  async function undo() {
    const answer = await api('undo', { method: 'POST', body: '{}' });
    showProgress(answer.progress);
    const ids = answer.undone.map((u) => u.itemId + '#' + u.faceIndex);
    cards.length = 0;
    await load(0, Math.max(pos + GRID, PAGE));
    const mine = done.pop();
    if (mine && mine.faces === ids.slice().sort().join(' ')) {
      pos = mine.pos;
    } else {
      // Labelled in another tab or before a reload: go back to the earliest undone face, taking for each
      // its latest card up to what is shown (a face can be on an active and a later audit card).
      done.length = 0;
      const undone = new Set(ids);
      const found = new Set();
      let first = null;
      for (let p = Math.min(grid ? pos + GRID - 1 : pos, total - 1); p >= 0 && found.size < undone.size; p--) {
        const id = cards[p] && cards[p].faceId;
        if (undone.has(id) && !found.has(id)) { found.add(id); first = p; }
      }
      if (first !== null) pos = first;
    }
    excluded.clear();
    await render();
  }

  async function move(step) {
    pos = Math.max(0, Math.min(total - 1, pos + step * (grid ? GRID : 1)));
    excluded.clear();
    await render();
  }

  async function onKey(event) {
    if (busy || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key;
    let action = null;
    if (KEYS[key]) action = () => label(KEYS[key]);
    else if (key === 'z') action = undo;
    else if (key === 'ArrowRight') action = () => move(1);
    else if (key === 'ArrowLeft') action = () => move(-1);
    else if (key === 'g') action = () => { grid = !grid; excluded.clear(); return render(); };
    if (!action) return;
    event.preventDefault();
    busy = true;
    document.body.dataset.busy = 'true';
    try {
      await action();
      message('');
    } catch (e) {
      message(e.message);
    } finally {
      busy = false;
      document.body.dataset.busy = 'false';
    }
  }

  async function start() {
    document.addEventListener('keydown', onKey);
    try {
      showProgress(await api('progress'));
      // Start at the first card without a label.
      await load(0, PAGE);
      while (pos < total && cards[pos] && cards[pos].label) {
        pos++;
        if (pos < total && !cards[pos]) await load(pos, PAGE);
      }
      pos = Math.min(pos, Math.max(0, total - 1));
      await render();
    } catch (e) {
      message(e.message);
    }
    document.body.dataset.ready = 'true';
  }

  start();
})();
