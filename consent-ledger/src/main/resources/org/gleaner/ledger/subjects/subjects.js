// The subjects' page: a key held only in this browser (IndexedDB), entries signed here with WebCrypto
// Ed25519, and every proof shown re-checked here (checkpoint signature, leaf hash, RFC 9162 inclusion).
// The service encodes drafts canonically; it re-decodes and verifies whatever is submitted.
'use strict';

const KEY_FILE_HEADER = 'gleaner-ed25519-private-key v1';
const PKCS8_ED25519_PREFIX = hexToBytes('302e020100300506032b657004220420');
const state = { keys: null, key: null, publicHex: null, registered: false, challenge: null, appearances: new Map() };

// ---------- bytes ----------
function hexToBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}
function bytesToHex(bytes) {
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}
function b64ToBytes(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
function bytesToB64(bytes) {
  let bin = '';
  bytes.forEach(b => { bin += String.fromCharCode(b); });
  return btoa(bin);
}
function b64urlToBytes(s) {
  return b64ToBytes(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4));
}
function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
function equalBytes(a, b) {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

// ---------- key storage (IndexedDB, this origin only) ----------
function db() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('gleaner-subjects', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('keys');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}
async function storeKey(record) {
  const d = await db();
  await new Promise((resolve, reject) => {
    const tx = d.transaction('keys', 'readwrite');
    if (record) tx.objectStore('keys').put(record, 'subject'); else tx.objectStore('keys').delete('subject');
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
}
async function loadKey() {
  const d = await db();
  return new Promise((resolve, reject) => {
    const get = d.transaction('keys').objectStore('keys').get('subject');
    get.onsuccess = () => resolve(get.result || null);
    get.onerror = () => reject(get.error);
  });
}

async function createKey() {
  const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const publicHex = bytesToHex(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
  await useKey(pair.privateKey, publicHex);
}

async function importKeyFile(text) {
  const lines = text.split('\n');
  if (lines[0] !== KEY_FILE_HEADER || !/^[A-Za-z0-9+/]{43}=$/.test(lines[1] || '')) {
    throw new Error('not a Gleaner key file (first line must be "' + KEY_FILE_HEADER + '")');
  }
  const seed = b64ToBytes(lines[1]);
  const privateKey = await crypto.subtle.importKey('pkcs8', concat(PKCS8_ED25519_PREFIX, seed), { name: 'Ed25519' }, true, ['sign']);
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  await useKey(privateKey, bytesToHex(b64urlToBytes(jwk.x)));
}

async function exportKeyFile() {
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', state.key));
  const seed = pkcs8.slice(pkcs8.length - 32);
  const blob = new Blob([KEY_FILE_HEADER + '\n' + bytesToB64(seed) + '\n'], { type: 'text/plain' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = 'consent.key';
  link.click();
  URL.revokeObjectURL(link.href);
}

async function useKey(privateKey, publicHex) {
  await storeKey({ privateKey, publicHex });
  state.key = privateKey;
  state.publicHex = publicHex;
  await refresh();
}

// ---------- the ledger's API ----------
async function api(method, path, body, contentType) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = contentType || 'application/json';
    init.body = contentType ? body : JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  if (!response.ok) {
    let problem;
    try { problem = JSON.parse(text); } catch (e) { problem = { code: 'HTTP ' + response.status, message: text.slice(0, 200) }; }
    const error = new Error(problem.code + ': ' + problem.message);
    error.status = response.status;
    throw error;
  }
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? JSON.parse(text) : text;
}

async function sign(draft) {
  return new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, state.key, b64ToBytes(draft.signingMessage)));
}

/** Signs a draft entry and submits {u32 length || entry || signature}, as the sequencer decodes it. */
async function submitEntry(draftPath, request) {
  const draft = await api('POST', draftPath, Object.assign({ authorKey: state.publicHex }, request));
  const record = b64ToBytes(draft.record);
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, record.length);
  const body = concat(length, record, await sign(draft));
  return api('POST', '/v1/entries', body, 'application/octet-stream');
}

// ---------- proofs ----------
function parseCheckpoint(note) {
  const split = note.indexOf('\n\n');
  const body = note.slice(0, split + 1);
  const lines = body.split('\n');
  const signatures = note.slice(split + 2).split('\n').filter(l => l.startsWith('\u2014 '));
  return { body, origin: lines[0], size: Number(lines[1]), root: b64ToBytes(lines[2]), signatures };
}

/** C2SP signed-note check of the checkpoint against the ledger's verifier key (name+keyid+base64(0x01||key)). */
async function checkpointSignatureVerifies(checkpoint, vkey) {
  // name+keyid+base64: base64 may itself contain '+', so only the first two separate fields.
  const first = vkey.indexOf('+');
  const second = vkey.indexOf('+', first + 1);
  const name = vkey.slice(0, first);
  const keyId = vkey.slice(first + 1, second);
  const key = b64ToBytes(vkey.slice(second + 1));
  if (key[0] !== 1) return false;
  const publicKey = await crypto.subtle.importKey('raw', key.slice(1), { name: 'Ed25519' }, false, ['verify']);
  for (const line of checkpoint.signatures) {
    const parts = line.split(' ');
    if (parts[1] !== name) continue;
    const sig = b64ToBytes(parts[2]);
    if (bytesToHex(sig.slice(0, 4)) !== keyId) continue;
    if (await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, sig.slice(4), new TextEncoder().encode(checkpoint.body))) {
      return true;
    }
  }
  return false;
}

/** RFC 9162 section 2.1.3.2. */
async function inclusionVerifies(index, size, leafHash, proof, root) {
  if (index >= size) return false;
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = await sha256(concat(new Uint8Array([1]), p, r));
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
      }
    } else {
      r = await sha256(concat(new Uint8Array([1]), r, p));
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && equalBytes(r, root);
}

async function proofOf(grant, checkpoint) {
  if (!checkpoint.signed) return { ok: false, text: 'checkpoint signature did not verify' };
  if (grant.index >= checkpoint.size) return { ok: null, text: 'waiting for the next checkpoint' };
  const entry = await api('GET', '/v1/entries/' + grant.index + '?treeSize=' + checkpoint.size);
  const leaf = await sha256(concat(new Uint8Array([0]), b64ToBytes(entry.entry)));
  if (bytesToHex(leaf) !== grant.grantId) return { ok: false, text: 'the entry does not hash to the grant id' };
  const ok = await inclusionVerifies(grant.index, checkpoint.size, leaf, entry.inclusionProof.map(b64ToBytes), checkpoint.root);
  return ok
    ? { ok: true, text: 'verified: entry ' + grant.index + ' of ' + checkpoint.size + ' (' + entry.inclusionProof.length + ' hashes)' }
    : { ok: false, text: 'inclusion proof FAILED' };
}

// ---------- rendering ----------
const $ = id => document.getElementById(id);

function say(text, ok) {
  const m = $('message');
  m.textContent = text;
  m.className = ok ? 'message ok' : 'message';
  m.hidden = false;
}

function short(hex) {
  return hex.slice(0, 12) + '…';
}

// One refresh at a time: a refresh asked for while one runs makes that one run again when it ends, so
// callers always see a state read after their action, and slow answers never pile up.
let refreshing = null;
let refreshAgain = false;

function refresh() {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      refreshAgain = false;
      await refreshOnce();
    } while (refreshAgain);
  })().finally(() => { refreshing = null; });
  return refreshing;
}

async function refreshOnce() {
  const hasKey = state.publicHex !== null;
  $('key-status').textContent = hasKey ? 'Key in this browser: ' + state.publicHex : 'No key in this browser yet.';
  $('export-key').disabled = !hasKey;
  $('forget-key').disabled = !hasKey;
  if (!hasKey) {
    state.registered = false;
    $('registration-status').textContent = 'Create or import a key first.';
    updateButtons();
    return;
  }
  let bindings = [];
  try {
    bindings = await api('GET', '/v1/subjects/' + state.publicHex + '/bindings');
    state.registered = true;
  } catch (e) {
    if (e.status !== 404) throw e;
    state.registered = false;
  }
  $('registration-status').textContent = state.registered ? 'Registered.' : 'Not registered yet.';
  const list = $('bindings');
  list.replaceChildren(...bindings.map(b => {
    const li = document.createElement('li');
    li.textContent = b.kind + ' ' + b.commitment + ' (' + b.method + ')';
    li.dataset.commitment = b.commitment;
    return li;
  }));
  state.bound = bindings.length;
  updateButtons();
  if (state.registered) await renderGrants();
}

async function renderGrants() {
  const grants = await api('GET', '/v1/subjects/' + state.publicHex + '/grants');
  const checkpoint = parseCheckpoint(await api('GET', '/v1/checkpoint'));
  checkpoint.signed = await checkpointSignatureVerifies(checkpoint, state.keys.checkpointVerifierKey);
  $('checkpoint-status').textContent = 'Latest checkpoint: ' + checkpoint.size + ' entries, root '
    + short(bytesToHex(checkpoint.root)) + (checkpoint.signed ? ', signature verified' : ', signature DID NOT VERIFY');
  const rows = [];
  for (const g of grants) {
    const tr = document.createElement('tr');
    tr.dataset.grant = g.grantId;
    const proof = await proofOf(g, checkpoint);
    const cells = [short(g.grantId), g.purposes.join(', '), g.licence, (g.shareBasisPoints / 100) + ' %',
      new Date(g.notAfterMillis).toISOString().slice(0, 10), g.status, proof.text, await appearancesOf(g)];
    const classes = ['hex', '', '', '', '', 'status status-' + g.status,
      'proof ' + (proof.ok === true ? 'proof-ok' : proof.ok === false ? 'proof-bad' : 'muted'), 'appearances'];
    cells.forEach((text, i) => {
      const td = document.createElement('td');
      td.textContent = text;
      td.className = classes[i];
      if (i === 0) td.title = g.grantId;
      tr.appendChild(td);
    });
    const action = document.createElement('td');
    if (g.status === 'active') {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'revoke';
      button.textContent = 'Revoke';
      button.addEventListener('click', () => act(() => revoke(g.grantId)));
      action.appendChild(button);
    }
    tr.appendChild(action);
    rows.push(tr);
  }
  $('grants').tBodies[0].replaceChildren(...rows);
}

async function appearancesOf(grant) {
  if (!state.appearances.has(grant.grantId)) {
    let answer;
    try {
      answer = await api('GET', '/v1/grants/' + grant.grantId + '/appearances');
    } catch (e) {
      return 'unavailable (' + e.message + ')';
    }
    if (!answer.configured) {
      $('datasets-notice').textContent = 'Where your data appears: ' + answer.message + '.';
      return 'not known to this ledger';
    }
    state.appearances.set(grant.grantId, describeAppearances(answer.appearances));
  }
  return state.appearances.get(grant.grantId);
}

/** The builder's answer ({grant, appearances: [{dataset, version, rows, superseded}]}); other shapes shown as given. */
function describeAppearances(answer) {
  const list = Array.isArray(answer) ? answer
    : Object.values(answer || {}).find(Array.isArray) || [];
  if (list.length === 0) return 'in no dataset';
  return list.map(item => {
    if (item && typeof item === 'object' && 'dataset' in item && 'rows' in item) {
      return item.dataset + ' ' + (item.version ?? '') + ': ' + item.rows + ' rows' + (item.superseded ? ' (superseded)' : '');
    }
    return typeof item === 'object' ? Object.entries(item).map(([k, v]) => k + ' ' + v).join(', ') : String(item);
  }).join('; ');
}

function updateButtons() {
  const hasKey = state.publicHex !== null;
  $('create-key').disabled = hasKey;
  $('register').disabled = !hasKey || state.registered;
  $('bind-start').disabled = !state.registered;
  $('grant-submit').disabled = !state.registered || !state.bound;
}

// ---------- actions ----------
async function act(action) {
  try {
    const done = await action();
    if (done) say(done, true);
    await refresh();
  } catch (e) {
    say(e.message, false);
  }
}

async function register() {
  const receipt = await submitEntry('/v1/drafts/key-registration', {});
  return 'Key registered (entry ' + receipt.index + ').';
}

async function startBinding() {
  const kind = $('bind-kind').value;
  const identifier = $('bind-identifier').value.trim();
  const draft = await api('POST', '/v1/drafts/challenge-request', { subjectKey: state.publicHex, kind, identifier });
  const signature = bytesToB64(await sign(draft));
  const started = await api('POST', '/v1/bindings/' + kind, {
    subjectKey: state.publicHex, identifier, timestampMillis: draft.timestampMillis, nonce: draft.nonce, signature });
  state.challenge = { kind, id: started.challengeId };
  $('challenge-box').hidden = false;
  $('code-row').hidden = kind !== 'email' && kind !== 'phone';
  $('challenge-instructions').textContent = kind === 'email'
    ? 'A one-time code was mailed to the address. Enter it here.'
    : kind === 'phone' ? 'A one-time code was sent to the number by SMS. Enter it here.'
    : kind === 'social'
      ? 'Publish exactly "' + started.content + '" on your profile page ' + started.path + ' (for example in its bio), then confirm.'
      : 'Serve exactly "' + started.content + '" at https://' + identifier + started.path + ', then confirm.';
  $('bind-status').textContent = 'Challenge started.';
  return null;
}

async function completeBinding() {
  const c = state.challenge;
  const body = c.kind === 'email' || c.kind === 'phone' ? { code: $('bind-code').value.trim() } : {};
  const receipt = await api('POST', '/v1/bindings/' + c.kind + '/' + encodeURIComponent(c.id) + '/complete', body);
  state.challenge = null;
  $('challenge-box').hidden = true;
  $('bind-code').value = '';
  $('bind-status').textContent = 'Bound (entry ' + receipt.index + ').';
  return 'Identifier bound (entry ' + receipt.index + ').';
}

async function grant() {
  const purposes = Array.from(document.querySelectorAll('input[name=purpose]:checked'), i => i.value);
  if (purposes.length === 0) throw new Error('choose at least one purpose');
  const receipt = await submitEntry('/v1/drafts/grant', {
    purposes, licence: $('grant-licence').value.trim(), shareBasisPoints: Number($('grant-share').value),
    days: Number($('grant-days').value), scope: [], commitments: [] });
  $('grant-status').textContent = 'Granted: ' + receipt.leafHash;
  return 'Grant recorded (entry ' + receipt.index + ').';
}

async function revoke(grantId) {
  const receipt = await submitEntry('/v1/drafts/revocation', { grantId });
  return 'Grant ' + short(grantId) + ' revoked (entry ' + receipt.index + ').';
}

// ---------- start ----------
async function start() {
  if (!window.crypto || !crypto.subtle) {
    say('This page needs WebCrypto (a secure context: https, or http on 127.0.0.1).', false);
    return;
  }
  state.keys = await api('GET', '/v1/keys');
  $('ledger-info').textContent = 'Ledger ' + state.keys.origin + ' · ' + state.keys.size + ' entries · checkpoint key '
    + state.keys.checkpointVerifierKey;
  const vocabulary = await api('GET', '/v1/purposes');
  $('grant-purposes').replaceChildren(...vocabulary.purposes.map(p => {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'purpose';
    box.value = p;
    box.checked = p === 'train-ai';
    label.append(box, ' ' + p);
    return label;
  }));
  const stored = await loadKey();
  if (stored) {
    state.key = stored.privateKey;
    state.publicHex = stored.publicHex;
  }
  $('create-key').addEventListener('click', () => act(async () => { await createKey(); return 'Key created. Save the key file.'; }));
  $('import-key').addEventListener('change', e => act(async () => {
    const file = e.target.files[0];
    if (!file || file.size > 1024) throw new Error('choose a key file (at most 1 KiB)');
    await importKeyFile(await file.text());
    return 'Key imported.';
  }));
  $('export-key').addEventListener('click', () => act(async () => { await exportKeyFile(); return null; }));
  $('forget-key').addEventListener('click', () => act(async () => {
    if (!confirm('Forget the key in this browser? Without a saved key file you cannot revoke your grants.')) return null;
    await storeKey(null);
    state.key = null;
    state.publicHex = null;
    return 'Key forgotten.';
  }));
  $('register').addEventListener('click', () => act(register));
  $('bind-start').addEventListener('click', () => act(startBinding));
  $('bind-complete').addEventListener('click', () => act(completeBinding));
  $('grant-submit').addEventListener('click', () => act(grant));
  await act(async () => null);
  document.body.dataset.ready = 'true';
  // Grants wait for the next checkpoint to get a proof: look again while one is pending.
  setInterval(() => {
    if (!refreshing && document.querySelector('td.proof.muted')) refresh().catch(e => say(e.message, false));
  }, 3000);
}

start().catch(e => say(e.message, false));
