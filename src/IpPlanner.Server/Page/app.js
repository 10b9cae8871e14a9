// The what-if page of `ipplanner serve` (README: "A planning session in the browser"). Plain JavaScript, served by
// the server itself (/app.js) under a Content-Security-Policy that allows this script and calls to the same server
// only. The page keeps the scenario as a JSON document (GET /api/scenario), changes it as people edit the controls
// and posts it back (POST /api/what-if): the loader checks it like a file, the answer is the re-planned report
// (written by the HTML report's code) and its plan JSON. A document that does not load shows the loader's message
// and the page keeps the last plan that did. No HTML is built from strings here: text goes in as text.
'use strict';

(function () {
  const state = {
    name: '',
    version: null, // SHA-256 of the file the page follows
    fileDoc: null, // the file's scenario document
    doc: null, // the what-if document (the file's plus the edits)
    plan: null, // the plan of doc (last one that loaded)
    pinned: null, // { plan, label }
    seq: 0, // what-if requests sent; an answer to an older one is dropped
    scaleGroup: null,
    scaleSeq: 0,
    timer: null,
    scaleTimer: null,
    polling: false,
    lost: false, // the server stopped answering the poll
  };

  const byId = (id) => document.getElementById(id);

  // Hidden characters from a file (control characters but line feed and tab, DEL, C1, the bidi controls, a BOM, the
  // line and paragraph separators) shown as \uXXXX: the page's copy of Core's Input.ShownText, which the report
  // markup from the server already follows.
  const hidden = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/g;
  const shown = (text) => String(text).replace(hidden, (c) => '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'));

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (key === 'text') node.textContent = shown(value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(shown(child)));
    }
    return node;
  }

  const clone = (value) => JSON.parse(JSON.stringify(value));
  const fmt = (n) => (typeof n === 'number' ? n.toLocaleString('en-US') : String(n));

  async function call(method, path, body) {
    const init = { method, headers: {} };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body, null, 2);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      return { ok: false, status: 0, data: { error: 'the server does not answer (is ipplanner serve still running?)' } };
    }
    const type = response.headers.get('Content-Type') || '';
    let data = type.includes('json') ? await response.json() : await response.text();
    // Every refusal reads the same way: { error } with one line.
    if (!response.ok && (typeof data !== 'object' || data === null || !data.error)) data = { error: 'the server answered ' + response.status + (typeof data === 'string' && data.trim() ? ': ' + data.trim().split('\n')[0] : '') };
    return { ok: response.ok, status: response.status, data };
  }

  function setStatus(text) {
    byId('what-if-status').textContent = shown(text);
  }

  function showError(message) {
    const box = byId('what-if-error');
    if (message) {
      box.textContent = shown('Does not load: ' + message + ' The report below is the last plan that loaded.');
      box.hidden = false;
      document.body.classList.add('stale');
    } else {
      box.textContent = '';
      box.hidden = true;
      document.body.classList.remove('stale');
    }
  }

  // The file: the page starts from it and follows it when it changes on disk.

  async function loadFile(changed) {
    const answer = await call('GET', '/api/scenario');
    if (!answer.ok) {
      state.version = answer.data.version || state.version;
      if (changed) fileNotice('The file changed on disk and does not load: ' + answer.data.error + ' The page keeps what it shows.');
      else showError(answer.data.error);
      return;
    }
    const data = answer.data;
    // The file wins: a what-if still on its way is dropped with the edits.
    clearTimeout(state.timer);
    state.seq++;
    state.name = data.name;
    state.version = data.version;
    state.fileDoc = data.document;
    state.doc = clone(data.document);
    showError(null);
    showPlan(data.plan, data.html);
    renderControls();
    setStatus('Showing ' + data.name + ' as it is on disk. Change anything below: the plan follows.');
    if (changed) fileNotice('The file changed on disk at ' + new Date().toLocaleTimeString('en-GB') + ': the page shows it now (what-if edits were dropped).');
  }

  function fileNotice(text) {
    const box = byId('file-status');
    box.textContent = shown(text);
    box.hidden = false;
  }

  async function poll() {
    if (state.polling) return;
    state.polling = true;
    try {
      const answer = await call('GET', '/api/file');
      if (answer.status === 0) {
        fileNotice('The server does not answer: is ipplanner serve still running? The page keeps what it shows.');
        state.lost = true;
      } else if (state.lost) {
        state.lost = false;
        fileNotice('The server answers again.');
      }
      if (answer.ok && state.version !== null && answer.data.version !== state.version) {
        await loadFile(true);
      }
    } finally {
      state.polling = false;
    }
  }

  // What-if: every edit re-plans (a quarter second after the last keystroke).

  function edited() {
    clearTimeout(state.timer);
    setStatus('What-if: planning…');
    state.timer = setTimeout(replan, 200);
  }

  async function replan() {
    const seq = ++state.seq;
    const answer = await call('POST', '/api/what-if?name=what-if.json', state.doc);
    if (seq !== state.seq) return; // a newer edit is on its way
    if (!answer.ok) {
      showError(answer.data.error);
      setStatus('What-if of ' + state.name + ': the last edit does not load.');
      return;
    }
    showError(null);
    showPlan(answer.data.plan, answer.data.html);
    const same = JSON.stringify(state.doc) === JSON.stringify(state.fileDoc);
    setStatus(same ? 'Showing ' + state.name + ' as it is on disk.' : 'What-if of ' + state.name + ' (the file is not changed).');
    if (state.scaleGroup) scaleSoon();
  }

  function showPlan(plan, html) {
    state.plan = plan;
    byId('report').innerHTML = html; // the server's report markup, every text in it encoded by the report writer
    renderCompare();
  }

  // Controls.

  function numberInput(label, value, onChange, attrs) {
    const input = el('input', Object.assign({ type: 'number', min: 0, step: 1, value: value === undefined ? '' : value }, attrs || {}));
    input.addEventListener('input', () => onChange(input.value === '' ? undefined : Number(input.value)));
    return el('label', { class: 'field' }, el('span', {}, label), input);
  }

  // A file of several clusters keeps each cluster's sections in its clusters: entry; a single-cluster file at the top.
  function scopes(doc) {
    return Array.isArray(doc.clusters) ? doc.clusters : [doc];
  }

  function allOf(doc, key) {
    return scopes(doc).flatMap((scope) => scope[key] || []);
  }

  function groupRows() {
    const groups = allOf(state.doc, 'nodeGroups');
    if (groups.length === 0) return el('p', { class: 'muted' }, 'No EC2 node groups in this scenario.');
    const body = el('tbody');
    for (const g of groups) {
      const name = g.name;
      const slider = el('input', { type: 'range', min: 0, max: sliderMax(g), value: g.nodes, 'data-group': name, 'aria-label': 'scale ' + name });
      const nodes = el('input', { type: 'number', min: 0, step: 1, value: g.nodes, name: 'nodes.' + name, 'aria-label': name + ' nodes' });
      const maxNodes = el('input', { type: 'number', min: 0, step: 1, value: g.maxNodes === undefined ? '' : g.maxNodes, name: 'maxNodes.' + name, 'aria-label': name + ' maxNodes' });
      const pods = el('input', { type: 'number', min: 0, step: 1, value: g.podsPerNode === undefined ? '' : g.podsPerNode, name: 'podsPerNode.' + name, 'aria-label': name + ' pods per node', disabled: g.podsPerNode === undefined, title: g.podsPerNode === undefined ? 'this group sets podRequests: edit the file' : null });
      const type = el('input', { type: 'text', value: g.instanceType, name: 'instanceType.' + name, list: 'instance-types', 'aria-label': name + ' instance type', autocomplete: 'off', spellcheck: 'false' });
      const setNodes = (n) => {
        g.nodes = n;
        // maxNodes is the most the group scales to: a count above it raises it, as editing both in the file would.
        if (g.maxNodes !== undefined && n > g.maxNodes) {
          g.maxNodes = n;
          maxNodes.value = n;
        }
      };
      nodes.addEventListener('input', () => {
        if (nodes.value === '') return;
        setNodes(Number(nodes.value));
        slider.value = nodes.value;
        edited();
      });
      slider.addEventListener('input', () => {
        setNodes(Number(slider.value));
        nodes.value = slider.value;
        state.scaleGroup = name;
        edited();
      });
      maxNodes.addEventListener('input', () => {
        if (maxNodes.value === '') delete g.maxNodes;
        else g.maxNodes = Number(maxNodes.value);
        slider.max = sliderMax(g);
        edited();
      });
      pods.addEventListener('input', () => {
        if (pods.value === '') return;
        g.podsPerNode = Number(pods.value);
        edited();
      });
      type.addEventListener('input', () => searchTypes(type.value));
      type.addEventListener('change', () => {
        g.instanceType = type.value.trim();
        edited();
      });
      const curve = el('button', { type: 'button', class: 'small', onclick: () => { state.scaleGroup = name; scaleSoon(); } }, 'curve');
      body.append(el('tr', { 'data-group': name },
        el('td', { class: 'id' }, name),
        el('td', {}, type),
        el('td', {}, nodes),
        el('td', {}, maxNodes),
        el('td', {}, pods),
        el('td', { class: 'slider' }, slider, curve)));
    }
    return el('table', { class: 'controls-table' },
      el('thead', {}, el('tr', {}, ...['group', 'instance type', 'nodes', 'maxNodes', 'pods/node', 'scale'].map((h) => el('th', {}, h)))),
      body);
  }

  function sliderMax(g) {
    const top = Math.max(g.maxNodes === undefined ? g.nodes : g.maxNodes, g.nodes, 5);
    return Math.min(Math.max(2 * top, 10), 5000);
  }

  let typeSearch = 0;
  async function searchTypes(q) {
    const seq = ++typeSearch;
    const answer = await call('GET', '/api/instance-types?q=' + encodeURIComponent(q.trim().slice(0, 64)));
    if (seq !== typeSearch || !answer.ok) return;
    const list = byId('instance-types');
    list.replaceChildren(...answer.data.types.map((t) => el('option', { value: t })));
  }

  // Karpenter NodePools: the pending pods each provisions nodes for (the rest of a pool is edited in the file).
  function poolFields() {
    const pools = allOf(state.doc, 'nodePools').filter((p) => p.pods && typeof p.pods.count === 'number');
    if (pools.length === 0) return null;
    const fields = pools.map((p) => numberInput(p.name + ': pending pods', p.pods.count, (v) => {
      if (v === undefined) return;
      p.pods.count = v;
      edited();
    }, { name: 'pods.' + p.name }));
    return el('fieldset', { class: 'pools' }, el('legend', {}, 'Karpenter NodePools'), ...fields);
  }

  // One VPC CNI fieldset per cluster: each cluster's aws-node has its own settings.
  function cniFields() {
    if (!Array.isArray(state.doc.clusters)) return cniFieldset(state.doc, 'VPC CNI', '');
    return el('div', { class: 'cni-clusters' }, ...state.doc.clusters.map((c) => cniFieldset(c, 'VPC CNI of ' + c.name, c.name + '.')));
  }

  function cniFieldset(scope, legend, prefix) {
    const cni = scope.cni || (scope.cni = {});
    const toggle = (key, label) => {
      const box = el('input', { type: 'checkbox', name: prefix + key, checked: cni[key] === true });
      box.addEventListener('change', () => {
        if (box.checked) cni[key] = true;
        else delete cni[key];
        edited();
      });
      return el('label', { class: 'field check' }, box, el('span', {}, label));
    };
    const target = (key, label) => {
      const field = numberInput(label, cni[key], (v) => {
        if (v === undefined) delete cni[key];
        else cni[key] = v;
        edited();
      }, { name: prefix + key, placeholder: 'default' });
      return field;
    };
    return el('fieldset', { class: 'cni' }, el('legend', {}, legend),
      toggle('prefixDelegation', 'prefix delegation'),
      toggle('customNetworking', 'custom networking'),
      target('warmEniTarget', 'WARM_ENI_TARGET'),
      target('warmIpTarget', 'WARM_IP_TARGET'),
      target('minimumIpTarget', 'MINIMUM_IP_TARGET'),
      target('warmPrefixTarget', 'WARM_PREFIX_TARGET'));
  }

  function subnetFields() {
    const subnets = state.doc.subnets || [];
    const body = el('tbody');
    for (const s of subnets) {
      const cidr = el('input', { type: 'text', value: s.cidr, name: 'cidr.' + s.id, 'aria-label': s.id + ' CIDR', spellcheck: 'false' });
      cidr.addEventListener('change', () => {
        s.cidr = cidr.value.trim();
        edited();
      });
      const remove = el('button', { type: 'button', class: 'small', 'data-remove': s.id, onclick: () => removeSubnet(s.id) }, 'remove');
      body.append(el('tr', {}, el('td', { class: 'id' }, s.id), el('td', {}, s.zone), el('td', {}, cidr), el('td', {}, remove)));
    }
    const id = el('input', { type: 'text', name: 'new-subnet-id', placeholder: 'id', spellcheck: 'false' });
    const cidr = el('input', { type: 'text', name: 'new-subnet-cidr', placeholder: '10.0.16.0/20', spellcheck: 'false' });
    const zones = [...new Set(subnets.map((s) => s.zone))];
    const zone = el('input', { type: 'text', name: 'new-subnet-zone', placeholder: 'zone', list: 'zone-list', spellcheck: 'false' });
    const use = el('input', { type: 'checkbox', name: 'new-subnet-groups', checked: true });
    const add = el('button', { type: 'button', name: 'add-subnet', onclick: () => addSubnet(id.value.trim(), cidr.value.trim(), zone.value.trim(), use.checked) }, 'add subnet');
    return el('fieldset', { class: 'subnets' }, el('legend', {}, 'Subnets'),
      el('table', { class: 'controls-table' }, el('thead', {}, el('tr', {}, ...['subnet', 'zone', 'CIDR', ''].map((h) => el('th', {}, h)))), body),
      el('datalist', { id: 'zone-list' }, ...zones.map((z) => el('option', { value: z }))),
      el('div', { class: 'add-subnet' }, id, cidr, zone, el('label', { class: 'check' }, use, el('span', {}, 'node groups use it')), add));
  }

  function addSubnet(id, cidr, zone, forGroups) {
    if (!id || !cidr || !zone) {
      showError('a new subnet needs an id, a CIDR and a zone.');
      return;
    }
    state.doc.subnets = state.doc.subnets || [];
    state.doc.subnets.push({ id, cidr, zone });
    if (forGroups) {
      for (const g of allOf(state.doc, 'nodeGroups')) g.subnets.push(id);
    }
    renderControls();
    edited();
  }

  // A removed subnet leaves every list of subnets that names it; a list left too short, or a single reference (a NAT
  // gateway, an ENIConfig), is the loader's to refuse, and the page shows its message.
  function removeSubnet(id) {
    const doc = state.doc;
    doc.subnets = (doc.subnets || []).filter((s) => s.id !== id);
    const drop = (list) => (list || []).filter((s) => s !== id);
    if (doc.cluster && doc.cluster.controlPlaneSubnets) doc.cluster.controlPlaneSubnets = drop(doc.cluster.controlPlaneSubnets);
    for (const c of doc.clusters || []) {
      if (Array.isArray(c.controlPlaneSubnets)) c.controlPlaneSubnets = drop(c.controlPlaneSubnets);
    }
    for (const key of ['nodeGroups', 'nodePools', 'fargateProfiles', 'loadBalancers', 'endpoints']) {
      for (const item of key === 'loadBalancers' || key === 'endpoints' ? doc[key] || [] : allOf(doc, key)) {
        if (Array.isArray(item.subnets)) item.subnets = drop(item.subnets);
      }
    }
    renderControls();
    edited();
  }

  function renderControls() {
    const actions = el('div', { class: 'actions' },
      el('button', { type: 'button', id: 'pin', onclick: pin }, 'Pin this plan'),
      el('button', { type: 'button', id: 'unpin', onclick: unpin, disabled: !state.pinned }, 'Unpin'),
      el('button', { type: 'button', id: 'back-to-file', onclick: backToFile }, 'Back to the file'),
      el('button', { type: 'button', id: 'download', onclick: download }, 'Download scenario'));
    byId('what-if-controls').replaceChildren(...[
      actions,
      el('fieldset', { class: 'groups' }, el('legend', {}, 'Node groups'), groupRows()),
      poolFields(),
      cniFields(),
      subnetFields(),
      el('datalist', { id: 'instance-types' })].filter(Boolean));
  }

  function backToFile() {
    state.doc = clone(state.fileDoc);
    renderControls();
    edited();
  }

  // Download: the what-if as a scenario file (YAML written by the tool's scenario writer, with the schema line).

  async function download() {
    const answer = await call('POST', '/api/scenario.yaml', state.doc);
    if (!answer.ok) {
      showError(answer.data.error);
      return;
    }
    const link = byId('download-link') || document.body.appendChild(el('a', { id: 'download-link', hidden: true }));
    if (link.href && link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([answer.data], { type: 'application/yaml' }));
    link.download = state.name.replace(/\.(ya?ml|json)$/i, '') + '-what-if.yaml';
    link.click();
  }

  // Pin and compare.

  function pin() {
    if (!state.plan) return;
    state.pinned = { plan: state.plan, label: 'pinned at ' + new Date().toLocaleTimeString('en-GB') };
    byId('unpin').disabled = false;
    renderCompare();
  }

  function unpin() {
    state.pinned = null;
    byId('unpin').disabled = true;
    renderCompare();
  }

  function firstExhausted(plan) {
    const f = plan.cluster.firstExhausted;
    return f ? (f.subnet ? f.subnet + ' at ' + fmt(f.atNodes) + ' nodes of ' + f.nodeGroup : 'group ' + f.nodeGroup + ' at ' + fmt(f.atNodes) + ' nodes') : 'none';
  }

  function renderCompare() {
    const box = byId('compare');
    if (!state.pinned || !state.plan) {
      box.hidden = true;
      box.replaceChildren();
      return;
    }
    const a = state.pinned.plan;
    const b = state.plan;
    const rows = [];
    const row = (what, before, after, numeric) => {
      const changed = String(before) !== String(after);
      let delta = '';
      if (numeric && changed && typeof before === 'number' && typeof after === 'number') delta = (after > before ? '+' : '') + fmt(after - before);
      rows.push(el('tr', { class: changed ? 'changed' : null },
        el('th', { scope: 'row' }, what), el('td', {}, numeric ? fmt(before) : before), el('td', {}, numeric ? fmt(after) : after), el('td', { class: 'n' }, changed ? (delta || 'changed') : '')));
    };
    // The cluster's answers under the names the plan JSON, the text and the report give them (docs/answers.md).
    row('pods planned', a.cluster.podsPlanned, b.cluster.podsPlanned, true);
    row('pod capacity', a.cluster.podCapacity, b.cluster.podCapacity, true);
    row('headroom', a.cluster.headroom, b.cluster.headroom, true);
    row('pods that fit', a.cluster.podsThatFit, b.cluster.podsThatFit, true);
    row('first exhausted', firstExhausted(a), firstExhausted(b), false);
    const ids = [...new Set([...a.subnets.map((s) => s.id), ...b.subnets.map((s) => s.id)])];
    for (const id of ids) {
      const before = a.subnets.find((s) => s.id === id);
      const after = b.subnets.find((s) => s.id === id);
      row('free in ' + id, before ? before.free : 'absent', after ? after.free : 'absent', !!(before && after));
    }
    const groups = [...new Set([...a.nodeGroups.map((g) => g.name), ...b.nodeGroups.map((g) => g.name)])];
    for (const name of groups) {
      const before = a.nodeGroups.find((g) => g.name === name);
      const after = b.nodeGroups.find((g) => g.name === name);
      row('nodes that fit, ' + name, before ? before.nodesThatFit : 'absent', after ? after.nodesThatFit : 'absent', !!(before && after));
      row('nodes when all grow, ' + name, before ? before.nodesWhenAllGrow : 'absent', after ? after.nodesWhenAllGrow : 'absent', !!(before && after));
    }
    const changes = rows.filter((r) => r.classList.contains('changed')).length;
    box.replaceChildren(
      el('h3', {}, 'Pinned plan and what-if'),
      el('p', { class: 'verdicts' }, el('strong', {}, 'Pinned: '), a.verdict, el('br'), el('strong', {}, 'Now: '), b.verdict),
      el('p', { class: 'muted', id: 'compare-summary' }, changes === 0 ? 'No difference from the pinned plan.' : changes + (changes === 1 ? ' difference' : ' differences') + ' from the plan ' + state.pinned.label + '.'),
      el('table', { class: 'compare-table' }, el('thead', {}, el('tr', {}, el('th', {}, ''), el('th', {}, 'pinned'), el('th', {}, 'what-if'), el('th', { class: 'n' }, 'change'))), el('tbody', {}, ...rows)));
    box.hidden = false;
  }

  // The scale curve of one group: where each subnet runs out as it grows, with the group's what-if count marked.

  function scaleSoon() {
    clearTimeout(state.scaleTimer);
    state.scaleTimer = setTimeout(scale, 250);
  }

  async function scale() {
    const g = allOf(state.doc, 'nodeGroups').find((x) => x.name === state.scaleGroup);
    if (!g) return;
    const seq = ++state.scaleSeq;
    const to = sliderMax(g);
    const at = Math.min(g.nodes, to);
    const answer = await call('POST', '/api/scale?group=' + encodeURIComponent(g.name) + '&to=' + to + '&at=' + at, state.doc);
    if (seq !== state.scaleSeq) return;
    const box = byId('scale');
    if (!answer.ok) {
      box.replaceChildren(el('p', { class: 'what-if-error' }, 'Scale curve: ' + answer.data.error));
    } else {
      box.innerHTML = answer.data.html; // the server's report markup (chart and table), encoded by the report writer
      // The chart has a fixed size: give it a viewBox so it shrinks to the panel.
      for (const svg of box.querySelectorAll('svg[width][height]')) {
        if (!svg.hasAttribute('viewBox')) svg.setAttribute('viewBox', '0 0 ' + parseFloat(svg.getAttribute('width')) + ' ' + parseFloat(svg.getAttribute('height')));
        svg.removeAttribute('width');
        svg.removeAttribute('height');
      }
      box.setAttribute('data-group', g.name);
    }
    box.hidden = false;
  }

  function start() {
    if (!byId('what-if')) return;
    loadFile(false).then(() => setInterval(poll, 1000));
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
