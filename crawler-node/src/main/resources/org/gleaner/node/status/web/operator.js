// The operator's page: reads this node's local API with the token from the page's address and fills the page.
// Values are written with textContent only, never as HTML: host names and reasons come from the web.
'use strict';

const token = new URLSearchParams(location.search).get('token') || '';
const headers = { Authorization: 'Bearer ' + token };

function $(id) { return document.getElementById(id); }

function text(id, value) { $(id).textContent = value; }

function bytes(n) {
  if (n < 1024) return n + ' B';
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n, i = -1;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return v.toFixed(1) + ' ' + units[i];
}

function rate(n) {
  if (n < 1000) return n + ' B/s';
  const units = ['kB/s', 'MB/s', 'GB/s'];
  let v = n, i = -1;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return v.toFixed(1) + ' ' + units[i];
}

function micros(n) {
  return Math.floor(n / 1e6) + '.' + String(n % 1e6).padStart(6, '0');
}

function time(ms) { return ms ? new Date(ms).toISOString().replace('.000Z', 'Z') : ''; }

function rows(tableId, items, cells, empty) {
  const body = $(tableId).tBodies[0];
  body.replaceChildren();
  if (items.length === 0) {
    const tr = body.insertRow();
    const td = tr.insertCell();
    td.colSpan = $(tableId).tHead.rows[0].cells.length;
    td.textContent = empty;
    td.className = 'empty';
    return;
  }
  for (const item of items) {
    const tr = body.insertRow();
    for (const value of cells(item)) {
      tr.insertCell().textContent = value;
    }
  }
}

async function getJson(path) {
  const response = await fetch(path, { headers, cache: 'no-store' });
  if (!response.ok) throw new Error(path + ' answered ' + response.status + ': ' + (await response.text()).slice(0, 200));
  return response.json();
}

function showProblem(id, message) {
  const p = $(id);
  p.hidden = !message;
  p.textContent = message || '';
}

function fillStatus(s) {
  text('node-short', s.nodeId.slice(0, 16) + '…');
  text('node-id', s.nodeId);
  const state = $('state');
  state.textContent = s.running ? 'running' : 'stopped';
  state.className = 'badge ' + (s.running ? 'running' : 'stopped');
  text('coordinator', s.coordinator);
  text('egress', s.egressAllowRules.length ? s.egressAllowRules.join(', ') + ' (not for production)' : 'none (public internet only)');
  text('share', s.shareBytesPerSecond === 0 ? 'uncapped' : rate(s.shareBytesPerSecond));
  text('measured', rate(s.measuredBytesPerSecond));
  const percent = s.shareBytesPerSecond === 0 ? 0 : Math.min(100, 100 * s.measuredBytesPerSecond / s.shareBytesPerSecond);
  $('share-bar').style.width = percent.toFixed(1) + '%';
  text('share-percent', s.shareBytesPerSecond === 0 ? 'no cap set' : percent.toFixed(1) + ' %');
  text('traffic', bytes(s.bytesReceived) + ' / ' + bytes(s.bytesSent));
  text('pages', String(s.pages));
  text('body-bytes', bytes(s.bodyBytes));
  text('leases', String(s.leases));
  text('handed-back', String(s.handedBackUrls));
  rows('errors', Object.entries(s.errors), ([kind, n]) => [kind, String(n)], 'none');
  rows('hosts', s.recentHosts, e => [time(e.atMillis), e.host, e.outcome, bytes(e.bytes)], 'nothing fetched yet');
  fillCredits(s.credits);
}

function fillCredits(c) {
  const messages = {
    'ok': 'as of ' + time(c.fetchedAtMillis),
    'none-yet': c.message,
    'unavailable': 'the coordinator did not answer: ' + c.message,
    'not-configured': c.message,
  };
  const state = $('credits-state');
  state.textContent = messages[c.state] || c.state;
  state.dataset.state = c.state;
  const v = c.credits;
  text('credited-pages', v ? String(v.creditedPages) : '–');
  text('credited-bytes', v ? bytes(v.creditedBytes) : '–');
  const reasons = m => Object.values(m || {}).sort((a, b) => a.code.localeCompare(b.code));
  rows('penalties', v ? reasons(v.penalties) : [], r => [r.code, r.description, String(r.count)], 'none');
  rows('signals', v ? reasons(v.fraudSignals) : [], r => [r.code, r.description, String(r.count)], 'none');
}

function fillStatements(list) {
  showProblem('statements-problem', list.problem);
  const body = $('statements').tBodies[0];
  const results = new Map();
  for (const tr of body.rows) {
    if (tr.dataset.epoch) results.set(tr.dataset.epoch, tr.cells[6].cloneNode(true));
  }
  rows('statements', list.statements, s => [String(s.epoch), time(s.closedAtMillis), micros(s.cumulativeAmountMicros),
    String(s.creditedPages), String(s.refusals), '', s.problem], 'no epoch has closed with this node in it yet');
  list.statements.forEach((s, i) => {
    const tr = body.rows[i];
    tr.dataset.epoch = String(s.epoch);
    const button = document.createElement('button');
    button.className = 'verify';
    button.textContent = 'Verify';
    button.addEventListener('click', () => verify(s.epoch, tr));
    tr.cells[5].appendChild(button);
    const kept = results.get(String(s.epoch));
    if (kept && kept.textContent) tr.replaceChild(kept, tr.cells[6]);
    tr.cells[6].classList.add('verify-result');
  });
}

async function verify(epoch, tr) {
  const cell = tr.cells[6];
  cell.className = 'verify-result';
  cell.textContent = 'checking…';
  try {
    const response = await fetch('/api/statements/' + epoch + '/verify', { method: 'POST', headers, cache: 'no-store' });
    if (!response.ok) throw new Error('answered ' + response.status + ': ' + (await response.text()).slice(0, 200));
    const r = await response.json();
    cell.classList.add(r.ok ? 'ok' : 'failed');
    cell.textContent = r.ok
      ? r.message + ': leaf ' + r.leafIndex + ' of ' + r.treeSize + ', root ' + r.rootHash.slice(0, 16) + '…, signed by '
        + r.coordinatorKey.slice(0, 16) + '…'
      : r.message;
  } catch (e) {
    cell.classList.add('failed');
    cell.textContent = 'could not check: ' + e.message;
  }
}

async function refreshStatus() {
  try {
    fillStatus(await getJson('/api/status'));
    showProblem('problem', '');
  } catch (e) {
    showProblem('problem', 'cannot read the node: ' + e.message);
  }
}

async function refreshStatements() {
  try {
    fillStatements(await getJson('/api/statements'));
  } catch (e) {
    showProblem('statements-problem', 'cannot read the statements: ' + e.message);
  }
}

refreshStatus();
refreshStatements();
setInterval(refreshStatus, 5000);
setInterval(refreshStatements, 10000);
