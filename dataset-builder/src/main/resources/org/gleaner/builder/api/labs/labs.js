// The labs' page: every call goes to this server's /v1 API with the lab key from sessionStorage.
// Nothing from the server is ever parsed as HTML: all text goes through textContent.
'use strict';

const KEY_ITEM = 'gleaner.labKey';
const $ = (id) => document.getElementById(id);
let jobTimer = null;

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function setStatus(id, text, kind) {
  const node = $(id);
  node.textContent = text;
  node.className = 'status' + (kind ? ' ' + kind : '');
}

class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

async function api(path, options = {}) {
  const key = sessionStorage.getItem(KEY_ITEM);
  const headers = Object.assign({ Authorization: 'Bearer ' + key }, options.headers || {});
  const response = await fetch(path, Object.assign({}, options, { headers, credentials: 'omit', redirect: 'error' }));
  if (!response.ok) {
    let detail = response.status + ' ' + response.statusText;
    try {
      const problem = await response.json();
      if (problem && problem.detail) detail = problem.detail;
    } catch (e) { /* not a problem document */ }
    if (response.status === 429) detail += ' (retry after ' + (response.headers.get('Retry-After') || '?') + ' s)';
    throw new ApiError(response.status, detail);
  }
  return response;
}

async function apiJson(path, options) {
  return (await api(path, options)).json();
}

function clearRows(table) {
  const body = $(table).tBodies[0];
  while (body.firstChild) body.removeChild(body.firstChild);
  return body;
}

function row(cells) {
  const tr = document.createElement('tr');
  for (const cell of cells) {
    const td = document.createElement('td');
    if (cell instanceof Node) td.appendChild(cell); else td.textContent = cell === null || cell === undefined ? '' : String(cell);
    tr.appendChild(td);
  }
  return tr;
}

function button(text, onClick, className) {
  const b = el('button', text, className);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

// --- key ---------------------------------------------------------------------------------------------------

async function useKey(event) {
  event.preventDefault();
  const key = $('lab-key').value.trim();
  if (!/^glk_[A-Za-z0-9_-]{20,250}$/.test(key)) {
    setStatus('key-status', 'That is not a lab key (glk_ and 43 characters).', 'error');
    return;
  }
  sessionStorage.setItem(KEY_ITEM, key);
  $('lab-key').value = '';
  await start();
}

function forgetKey() {
  sessionStorage.removeItem(KEY_ITEM);
  $('app').hidden = true;
  if (jobTimer) clearInterval(jobTimer);
  setStatus('key-status', 'Key forgotten.', '');
}

async function start() {
  if (!sessionStorage.getItem(KEY_ITEM)) return;
  try {
    await loadDatasets();
    $('app').hidden = false;
    setStatus('key-status', 'Key accepted (kept in this tab only).', 'ok');
    pollJob(false);
  } catch (e) {
    if (e.status === 401) sessionStorage.removeItem(KEY_ITEM);
    setStatus('key-status', 'Key refused: ' + e.message, 'error');
  }
}

// --- datasets, versions, files, deltas, cards --------------------------------------------------------------

async function loadDatasets() {
  const list = await apiJson('/v1/datasets');
  const body = clearRows('datasets');
  for (const d of list.datasets) {
    body.appendChild(row([d.name, d.versions, d.latestVersion ? 'v' + d.latestVersion : '',
      button('Versions', () => showVersions(d.name), 'show-versions')]));
  }
  setStatus('datasets-status', list.datasets.length + ' published datasets.', '');
}

async function showVersions(dataset) {
  const list = await apiJson('/v1/datasets/' + encodeURIComponent(dataset) + '/versions');
  $('versions-dataset').textContent = dataset;
  const body = clearRows('versions');
  for (const v of list.versions) {
    const status = v.superseded
      ? el('span', 'superseded' + (v.supersededBy ? ' by v' + v.supersededBy : ''), 'badge superseded')
      : el('span', 'current', 'badge current');
    const actions = document.createElement('span');
    actions.appendChild(button('Card', () => showCard(dataset, v.version), 'show-card'));
    actions.appendChild(button('Files', () => showFiles(dataset, v.version), 'show-files'));
    actions.appendChild(button('Deltas', () => showDeltas(dataset, v.version), 'show-deltas'));
    const tr = row(['v' + v.version, v.createdAt, v.rows, v.files, status, actions]);
    tr.dataset.version = v.version;
    body.appendChild(tr);
  }
  $('versions-section').hidden = false;
}

async function showFiles(dataset, version) {
  const list = await apiJson('/v1/datasets/' + encodeURIComponent(dataset) + '/versions/' + encodeURIComponent(version) + '/files');
  $('files-version').textContent = dataset + ' v' + version;
  const body = clearRows('files');
  for (const f of list.files) {
    const result = el('span', '');
    const download = button('Download', () => downloadFile(f, result), 'download');
    const actions = document.createElement('span');
    actions.appendChild(download);
    actions.appendChild(result);
    const hash = el('span', f.sha256);
    const tr = row([f.path, f.bytes, f.rows === null ? '' : f.rows, hash, actions]);
    tr.cells[3].className = 'hash';
    tr.dataset.path = f.path;
    body.appendChild(tr);
  }
  $('files-section').hidden = false;
}

async function downloadFile(file, result) {
  result.textContent = ' downloading...';
  result.className = '';
  try {
    const bytes = await (await api(file.url)).arrayBuffer();
    const digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)))
      .map((b) => b.toString(16).padStart(2, '0')).join('');
    if (digest !== file.sha256 || bytes.byteLength !== file.bytes) {
      result.textContent = ' SHA-256 MISMATCH: not saved';
      result.className = 'verify-bad';
      return;
    }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    link.download = file.path.split('/').pop();
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    result.textContent = ' SHA-256 ok (' + bytes.byteLength + ' bytes)';
    result.className = 'verify-ok';
  } catch (e) {
    result.textContent = ' failed: ' + e.message;
    result.className = 'verify-bad';
  }
}

async function showDeltas(dataset, version) {
  const list = await apiJson('/v1/datasets/' + encodeURIComponent(dataset) + '/deltas?since=' + encodeURIComponent(version));
  $('deltas-version').textContent = dataset + ' v' + version;
  const body = clearRows('deltas');
  for (const d of list.deltas) {
    const tr = row([d.sequence, d.affectedVersions.map((v) => 'v' + v).join(', '),
      d.compactedVersions.map((v) => 'v' + v).join(', '), d.removedRows, d.redactedRows, d.revokedGrantIds.join(', '),
      d.sha256]);
    tr.cells[5].className = 'hash';
    body.appendChild(tr);
  }
  setStatus('deltas-status', list.deltas.length === 0
    ? 'No deletion deltas apply to v' + version + '.'
    : list.deltas.length + ' deletion deltas apply to v' + version + ': remove their rows from your copy '
      + '(gleaner datasets deltas verifies and stores them).', list.deltas.length === 0 ? 'ok' : '');
  $('deltas-section').hidden = false;
}

async function showCard(dataset, version) {
  const response = await api('/v1/datasets/' + encodeURIComponent(dataset) + '/versions/' + encodeURIComponent(version) + '/card');
  const text = await response.text();
  $('card-version').textContent = dataset + ' v' + version;
  const card = $('card');
  while (card.firstChild) card.removeChild(card.firstChild);
  renderMarkdown(text, card);
  $('card-section').hidden = false;
}

// --- a small, safe markdown renderer: DOM nodes and textContent only ---------------------------------------

function renderMarkdown(text, target) {
  let lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1);
    if (end > 0) {
      const meta = el('details');
      meta.appendChild(el('summary', 'Metadata (YAML front matter)'));
      meta.appendChild(el('pre', lines.slice(1, end).join('\n')));
      target.appendChild(meta);
      lines = lines.slice(end + 1);
    }
  }
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') { i++; continue; }
    if (line.startsWith('```')) {
      const code = [];
      i++;
      while (i < lines.length && !lines[i].startsWith('```')) code.push(lines[i++]);
      i++;
      target.appendChild(el('pre', code.join('\n')));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const h = document.createElement('h' + Math.min(6, heading[1].length + 2));
      inline(heading[2], h);
      target.appendChild(h);
      i++;
      continue;
    }
    if (/^\s*\|/.test(line)) {
      const rows = [];
      while (i < lines.length && /^\s*\|/.test(lines[i])) rows.push(lines[i++]);
      target.appendChild(table(rows));
      continue;
    }
    if (/^\s*([-*]|\d+\.)\s+/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const list = document.createElement(ordered ? 'ol' : 'ul');
      while (i < lines.length && /^\s*([-*]|\d+\.)\s+/.test(lines[i])) {
        const li = document.createElement('li');
        inline(lines[i].replace(/^\s*([-*]|\d+\.)\s+/, ''), li);
        list.appendChild(li);
        i++;
      }
      target.appendChild(list);
      continue;
    }
    const paragraph = [];
    while (i < lines.length && lines[i].trim() !== '' && !/^(#{1,6}\s|```|\s*\||\s*([-*]|\d+\.)\s+)/.test(lines[i])) {
      paragraph.push(lines[i++].trim());
    }
    const p = document.createElement('p');
    inline(paragraph.join(' '), p);
    target.appendChild(p);
  }
}

function table(rows) {
  const cells = (r) => r.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
  const t = document.createElement('table');
  const body = document.createElement('tbody');
  rows.forEach((r, index) => {
    if (/^\s*\|?\s*:?-{3,}/.test(r)) return;
    const tr = document.createElement('tr');
    for (const c of cells(r)) {
      const cell = document.createElement(index === 0 ? 'th' : 'td');
      inline(c, cell);
      tr.appendChild(cell);
    }
    body.appendChild(tr);
  });
  t.appendChild(body);
  return t;
}

// `code`, **bold**, *emphasis* and [links](http...) as DOM nodes; anything else stays literal text.
function inline(text, target) {
  const pattern = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*)|(\[[^\]]+\]\([^)\s]+\))/g;
  let last = 0;
  let m;
  while ((m = pattern.exec(text)) !== null) {
    if (m.index > last) target.appendChild(document.createTextNode(text.slice(last, m.index)));
    const token = m[0];
    if (m[1]) target.appendChild(el('code', token.slice(1, -1)));
    else if (m[2]) target.appendChild(el('strong', token.slice(2, -2)));
    else if (m[3]) target.appendChild(el('em', token.slice(1, -1)));
    else {
      const link = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token);
      if (/^https?:\/\//i.test(link[2])) {
        const a = el('a', link[1]);
        a.href = link[2];
        a.rel = 'noopener noreferrer nofollow';
        a.target = '_blank';
        target.appendChild(a);
      } else {
        target.appendChild(document.createTextNode(link[1]));
      }
    }
    last = m.index + token.length;
  }
  if (last < text.length) target.appendChild(document.createTextNode(text.slice(last)));
}

// --- jobs ----------------------------------------------------------------------------------------------------

function lines(id) {
  return $(id).value.split('\n').map((s) => s.trim()).filter((s) => s.length > 0);
}

async function submitJob(event) {
  event.preventDefault();
  const job = {
    jobId: $('job-id').value.trim(),
    seeds: lines('job-seeds'),
    hosts: lines('job-hosts'),
    maxPages: parseInt($('job-max-pages').value, 10),
    maxDepth: parseInt($('job-max-depth').value, 10),
    purpose: $('job-purpose').value.trim(),
    prefixes: [],
    patterns: []
  };
  try {
    await apiJson('/v1/jobs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(job) });
    setStatus('job-status', 'Job ' + job.jobId + ' submitted.', 'ok');
    pollJob(true);
  } catch (e) {
    setStatus('job-status', 'Job refused: ' + e.message, 'error');
  }
}

function pollJob(announce) {
  if (jobTimer) clearInterval(jobTimer);
  const tick = async () => {
    try {
      const p = await apiJson('/v1/jobs/current');
      const cells = $('job-progress').querySelectorAll('td[data-field]');
      const values = {
        jobId: p.jobId,
        state: p.finished ? 'finished' : 'running',
        discoveredUrls: p.discoveredUrls,
        leases: p.leasesIssued + ' / ' + p.leasesCompleted + ' / ' + p.leasesExpired,
        creditedPages: p.creditedPages,
        pendingSpotChecks: p.pendingSpotChecks
      };
      cells.forEach((td) => { td.textContent = String(values[td.dataset.field]); });
      $('job-progress').hidden = false;
      if (p.finished && jobTimer) clearInterval(jobTimer);
    } catch (e) {
      if (e.status === 404) {
        if (!announce) setStatus('job-status', 'No job submitted yet.', '');
      } else {
        setStatus('job-status', 'Job progress unavailable: ' + e.message, e.status === 503 ? '' : 'error');
      }
      if (jobTimer) clearInterval(jobTimer);
    }
  };
  tick();
  jobTimer = setInterval(tick, 2000);
}

document.addEventListener('DOMContentLoaded', () => {
  $('key-form').addEventListener('submit', useKey);
  $('forget-key').addEventListener('click', forgetKey);
  $('job-form').addEventListener('submit', submitJob);
  start();
});
