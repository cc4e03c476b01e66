// The plugin page: a cluster list with Enable HA / Disable HA, and a cluster view (master, hosts,
// VMs, events, HA settings) that refreshes itself every REFRESH_MS. It only talks to the bridge's
// JSON API on this origin (see io.openfdm.bridge.web.ClusterApi); every request carries
// X-FDM-Request, which the bridge requires of state-changing requests.
'use strict';

const REFRESH_MS = 2000;
const REQUEST_TIMEOUT_MS = 10000;

const page = {
  route: { view: 'list', moid: '' },
  timer: null,
  generation: 0,        // bumps on each navigation, so a late answer for the old view is dropped
  settingsFor: '',      // MOID whose settings the form shows (loaded once per visit, not every refresh)
  actionPending: false
};

class BridgeUnreachable extends Error {}

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Calls the JSON API; throws BridgeUnreachable when no HTTP answer came, ApiError for a non-2xx. */
async function api(method, path, body) {
  const init = {
    method,
    cache: 'no-store',
    headers: { 'Accept': 'application/json', 'X-FDM-Request': '1' },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new BridgeUnreachable('the bridge is not answering (' + e.message + ')');
  }
  let data = null;
  try {
    data = await response.json();
  } catch (e) {
    data = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, data && data.error ? data.error : 'HTTP ' + response.status);
  }
  return data;
}

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === 'class') {
      node.className = value;
    } else if (key.startsWith('data-') || key === 'title' || key === 'type' || key === 'href') {
      node.setAttribute(key, value);
    } else {
      node[key] = value;
    }
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function cell(field, content, extraClass) {
  return el('td', { 'data-field': field, class: extraClass || '' }, content);
}

function badge(text, kind) {
  return el('span', { class: 'badge badge-' + kind, 'data-value': text }, text);
}

// ---- connection state: ok, vcenter-down (the bridge answers, vCenter does not), bridge-unreachable

// 'ok' reads "vCenter connected" only where the page knows it (a cluster's status says so); the
// cluster list only proves that the bridge answers.
function setConnection(state, detail, okText) {
  const c = $('connection');
  c.dataset.state = state;
  c.textContent = { 'ok': okText || 'Bridge connected', 'vcenter-down': 'vCenter disconnected',
    'bridge-unreachable': 'Bridge unreachable' }[state] || state;
  c.title = detail || '';
}

function showBanner(kind, message) {
  const b = $('banner');
  b.dataset.kind = kind;
  b.textContent = message;
  b.hidden = false;
}

function clearBanner(kind) {
  const b = $('banner');
  if (!kind || b.dataset.kind === kind) {
    b.hidden = true;
    b.dataset.kind = '';
    b.textContent = '';
  }
}

/** Shows what a failed refresh means; returns true when it was handled as a connection problem. */
function reportFailure(e) {
  if (e instanceof BridgeUnreachable) {
    setConnection('bridge-unreachable', e.message);
    document.body.dataset.stale = 'true';
    showBanner('connection', 'Bridge unreachable: ' + e.message + '. Showing the last answer; retrying every '
      + REFRESH_MS / 1000 + ' s.');
  } else if (e instanceof ApiError && e.status === 503) {
    setConnection('vcenter-down', e.message);
    showBanner('connection', 'vCenter disconnected: ' + e.message);
  } else if (e instanceof ApiError) {
    showBanner('error', e.message);
  } else {
    showBanner('error', 'Page error: ' + e);
  }
}

// ---- cluster list

function haBadge(enabled) {
  return badge(enabled ? 'Enabled' : 'Disabled', enabled ? 'ok' : 'off');
}

function renderClusters(clusters) {
  const body = $('clusters').tBodies[0];
  body.replaceChildren(...clusters.map((c) => {
    const enable = el('button', { class: 'btn primary small', type: 'button', 'data-action': 'enable-ha',
      'data-moid': c.moid, disabled: c.haEnabled || page.actionPending }, 'Enable HA');
    const disable = el('button', { class: 'btn small', type: 'button', 'data-action': 'disable-ha',
      'data-moid': c.moid, disabled: !c.haEnabled || page.actionPending }, 'Disable HA');
    const link = el('a', { href: '#/clusters/' + encodeURIComponent(c.moid), 'data-moid': c.moid }, c.name);
    return el('tr', { 'data-moid': c.moid, 'data-ha': c.haEnabled ? 'enabled' : 'disabled' },
      cell('name', link),
      cell('moid', c.moid, 'mono'),
      cell('hosts', c.hosts, 'num'),
      cell('vms', c.vms, 'num'),
      cell('ha', haBadge(c.haEnabled)),
      cell('configVersion', c.configVersion, 'num'),
      cell('actions', el('span', { class: 'actions' }, enable, disable)));
  }));
  $('clusters-empty').hidden = clusters.length > 0;
}

async function refreshList() {
  const clusters = await api('GET', '/api/clusters');
  renderClusters(clusters);
  setConnection('ok');
}

// ---- cluster view

const HOST_STATE_KIND = {
  master: 'master', connectedToMaster: 'ok', election: 'warn', initializing: 'warn',
  fdmUnreachable: 'error', hostDown: 'error', networkIsolated: 'error', networkPartitionedFromMaster: 'warn',
  uninitialized: 'off', unknown: 'off'
};

function renderStatus(s) {
  const view = $('cluster-view');
  const c = s.cluster;
  view.dataset.moid = c.moid;
  view.dataset.ha = c.haEnabled ? 'enabled' : 'disabled';
  $('cluster-name').textContent = c.name;
  $('nav-cluster').textContent = c.name;
  $('nav-cluster').hidden = false;
  const ha = $('cluster-ha');
  ha.dataset.ha = c.haEnabled ? 'enabled' : 'disabled';
  ha.className = 'badge badge-' + (c.haEnabled ? 'ok' : 'off');
  ha.textContent = c.haEnabled ? 'vSphere HA enabled' : 'vSphere HA disabled';
  $('cluster-enable').disabled = c.haEnabled || page.actionPending;
  $('cluster-disable').disabled = !c.haEnabled || page.actionPending;

  const master = s.hosts.find((h) => h.moid === s.master);
  $('master').textContent = s.master ? (master ? master.name + ' (' + s.master + ')' : s.master) : 'none';
  $('master').dataset.moid = s.master || '';
  const vc = $('vcenter-state');
  vc.dataset.connected = String(s.vcenterConnected);
  vc.textContent = s.vcenterConnected ? 'Connected' : 'Disconnected';
  $('host-count').textContent = s.hosts.length;
  $('protected-count').textContent = s.vms.filter((v) => v.protectedByHa).length + ' of ' + s.vms.length;
  $('cluster-id').textContent = c.clusterId || '-';
  $('config-version').textContent = c.configVersion;
  $('as-of').textContent = new Date(s.asOfMs).toLocaleTimeString();

  const hostName = new Map(s.hosts.map((h) => [h.moid, h.name]));
  $('hosts').tBodies[0].replaceChildren(...s.hosts.map((h) => el('tr',
    { 'data-moid': h.moid, 'data-state': h.state, class: h.moid === s.master ? 'is-master' : '' },
    cell('name', h.name),
    cell('moid', h.moid, 'mono'),
    cell('state', badge(h.state, HOST_STATE_KIND[h.state] || 'warn')),
    cell('connectionState', h.connectionState),
    cell('agentAddress', h.agentAddress || '-', 'mono'),
    cell('datastores', h.datastores.length ? h.datastores.join(', ') : '(none)'))));
  $('hosts-empty').hidden = s.hosts.length > 0;

  $('vms').tBodies[0].replaceChildren(...s.vms.map((v) => el('tr',
    { 'data-moid': v.moid, 'data-host': v.host, 'data-protected': String(v.protectedByHa) },
    cell('name', v.name),
    cell('moid', v.moid, 'mono'),
    cell('host', hostName.has(v.host) ? hostName.get(v.host) + ' (' + v.host + ')' : (v.host || '-')),
    cell('power', badge(v.power, v.power === 'poweredOn' ? 'ok' : 'off')),
    cell('protected', v.protectedByHa ? 'Protected' : 'Unprotected'),
    cell('priority', v.priority),
    cell('restartState', v.restartState))));
  $('vms-empty').hidden = s.vms.length > 0;
  fillOverrideVms(s.vms);

  const events = s.events.slice().reverse();  // newest first, as vSphere's event view
  $('events').tBodies[0].replaceChildren(...events.map((e) => el('tr', { 'data-kind': e.kind },
    cell('time', new Date(e.wallMs).toLocaleString()),
    cell('host', hostName.get(e.host) || e.host),
    cell('kind', e.kind, 'mono'),
    cell('message', e.message))));
  $('events-empty').hidden = s.events.length > 0;

  if (s.vcenterConnected) {
    setConnection('ok', '', 'vCenter connected');
  } else {
    setConnection('vcenter-down', 'the bridge has no vCenter session; showing what the agents report');
  }
}

async function refreshCluster(moid) {
  const status = await api('GET', '/api/clusters/' + encodeURIComponent(moid) + '/status');
  renderStatus(status);
  if (page.settingsFor !== moid) {
    page.settingsFor = moid;
    await loadSettings(moid);
  }
}

// ---- HA settings form

function fillSettings(s) {
  $('setting-hostMonitoring').checked = s.hostMonitoring;
  $('setting-defaultRestartPriority').value = s.defaultRestartPriority;
  $('setting-isolationResponse').value = s.isolationResponse;
  $('setting-admissionControl').checked = s.admissionControl;
  $('setting-heartbeatDatastoresPerHost').value = s.heartbeatDatastoresPerHost;
  $('setting-timingProfile').value = s.timingProfile;
}

function readSettings() {
  return {
    hostMonitoring: $('setting-hostMonitoring').checked,
    defaultRestartPriority: $('setting-defaultRestartPriority').value,
    isolationResponse: $('setting-isolationResponse').value,
    admissionControl: $('setting-admissionControl').checked,
    heartbeatDatastoresPerHost: Number($('setting-heartbeatDatastoresPerHost').value),
    timingProfile: $('setting-timingProfile').value
  };
}

function settingsMessage(kind, text) {
  const m = $('settings-message');
  m.dataset.kind = kind;
  m.textContent = text;
}

async function loadSettings(moid) {
  fillSettings(await api('GET', '/api/clusters/' + encodeURIComponent(moid) + '/settings'));
  settingsMessage('', '');
}

async function saveSettings(event) {
  event.preventDefault();
  const moid = page.route.moid;
  settingsMessage('pending', 'Saving\u2026');
  try {
    fillSettings(await api('PUT', '/api/clusters/' + encodeURIComponent(moid) + '/settings', readSettings()));
    settingsMessage('ok', 'Saved.');
  } catch (e) {
    settingsMessage('error', e.message);
  }
}

// ---- VM overrides (vCenter's dasVmConfig restart priority)

/** Refills the VM choice only when the set of VMs changed, so a choice in progress survives refreshes. */
function fillOverrideVms(vms) {
  const select = $('override-vm');
  const key = vms.map((v) => v.moid + '=' + v.name).join(',');
  if (select.dataset.key === key) {
    return;
  }
  const chosen = select.value;
  select.replaceChildren(...vms.map((v) => el('option', { value: v.moid }, v.name + ' (' + v.moid + ')')));
  if (vms.some((v) => v.moid === chosen)) {
    select.value = chosen;
  }
  select.dataset.key = key;
}

function overrideMessage(kind, text) {
  const m = $('override-message');
  m.dataset.kind = kind;
  m.textContent = text;
}

async function saveOverride(event) {
  event.preventDefault();
  const cluster = page.route.moid;
  const vm = $('override-vm').value;
  const priority = $('override-priority').value;
  if (!vm) {
    return;
  }
  overrideMessage('pending', 'Writing to vCenter\u2026');
  try {
    await api('PUT', '/api/clusters/' + encodeURIComponent(cluster) + '/vms/' + encodeURIComponent(vm)
      + '/restart-priority', { priority });
    overrideMessage('ok', 'Set; the agents have the new configuration.');
  } catch (e) {
    overrideMessage('error', e.message);
  }
  await refreshNow();
}

// ---- actions

async function setHa(moid, action) {
  page.actionPending = true;
  document.querySelectorAll('button[data-action]').forEach((b) => { b.disabled = true; });
  try {
    await api('POST', '/api/clusters/' + encodeURIComponent(moid) + '/' + action);
    clearBanner('error');
  } catch (e) {
    // Stays until the next action or navigation, unlike connection banners, which the next good
    // refresh clears.
    if (e instanceof BridgeUnreachable) {
      setConnection('bridge-unreachable', e.message);
    } else if (e instanceof ApiError && e.status === 503) {
      setConnection('vcenter-down', e.message);
    }
    const verb = action === 'enable-ha' ? 'enable' : 'disable';
    showBanner('error', 'Could not ' + verb + ' HA on ' + moid + ': ' + e.message);
  } finally {
    page.actionPending = false;
  }
  await refreshNow();
}

function onClick(event) {
  const button = event.target.closest('button[data-action]');
  if (!button || button.disabled) {
    return;
  }
  const moid = button.dataset.moid || page.route.moid;
  setHa(moid, button.dataset.action);
}

// ---- routing and the refresh loop

function parseRoute() {
  const m = /^#\/clusters\/([^/]+)$/.exec(location.hash);
  return m ? { view: 'cluster', moid: decodeURIComponent(m[1]) } : { view: 'list', moid: '' };
}

function showRoute() {
  page.route = parseRoute();
  page.generation++;
  const cluster = page.route.view === 'cluster';
  $('list-view').hidden = cluster;
  $('cluster-view').hidden = !cluster;
  $('nav-cluster').hidden = !cluster;
  if (cluster) {
    $('cluster-view').dataset.moid = page.route.moid;
    $('cluster-name').textContent = page.route.moid;
    page.settingsFor = '';
  }
  clearBanner('error');
  refreshNow();
}

async function refreshNow() {
  clearTimeout(page.timer);
  const generation = page.generation;
  try {
    if (page.route.view === 'cluster') {
      await refreshCluster(page.route.moid);
    } else {
      await refreshList();
    }
    if (generation === page.generation) {
      clearBanner('connection');
      document.body.dataset.stale = 'false';
    }
  } catch (e) {
    if (generation === page.generation) {
      reportFailure(e);
    }
  }
  if (generation === page.generation) {
    document.body.dataset.refreshedAt = String(Date.now());
  }
  clearTimeout(page.timer);
  page.timer = setTimeout(refreshNow, REFRESH_MS);
}

document.addEventListener('DOMContentLoaded', () => {
  document.body.addEventListener('click', onClick);
  $('settings').addEventListener('submit', saveSettings);
  $('vm-override').addEventListener('submit', saveOverride);
  window.addEventListener('hashchange', showRoute);
  showRoute();
});
