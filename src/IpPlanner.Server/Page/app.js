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
    severity: null, // the report's badge for that plan (error, warning, ok), as the server says
    runway: null, // the runway's answer for that plan ({ months, firstExhausted }), or null without growth
    pinned: null, // the pin the summary and comparison use: { name, plan, severity, runway, label }
    pins: [], // every pin, in the order they were made
    stale: false, // the last edit did not load: the summary and comparison show the last plan that did
    committed: null, // the what-if document (JSON text) the URL fragment holds now
    top: 0, // the newest history entry of this page's edits (redo goes up to it)
    packSeq: 0,
    seq: 0, // what-if requests sent; an answer to an older one is dropped
    scaleGroup: null,
    scaleSeq: 0,
    timer: null,
    scaleTimer: null,
    polling: false,
    lost: false, // the server stopped answering the poll
    readOnly: false, // serve --read-only: the page follows the file and edits nothing
    fileError: null, // the loader's message while the file on disk does not load
    dropped: null, // the what-if document a change of the file replaced, one click away
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

  // The file: the page starts from it and follows it when it changes on disk. A file that does not load (saved
  // half-way, or broken at start) is an error on the page, with a status line that says so; the page shows the plan
  // again as soon as the file loads.

  async function loadFile(changed) {
    const answer = await call('GET', '/api/scenario');
    if (!answer.ok) {
      // The version of what is on disk now (empty when it cannot be read): the poll reloads when it changes.
      state.version = answer.data.version || '';
      fileBroken(answer.data.error);
      return;
    }
    const data = answer.data;
    const wasBroken = state.fileError !== null;
    const edits = state.doc !== null && state.fileDoc !== null && JSON.stringify(state.doc) !== JSON.stringify(state.fileDoc);
    // The file wins: a what-if still on its way is dropped with the edits, which stay one click away.
    clearTimeout(state.timer);
    state.seq++;
    state.dropped = changed && edits ? clone(state.doc) : state.dropped;
    state.name = data.name;
    state.version = data.version;
    state.fileDoc = data.document;
    state.doc = clone(data.document);
    state.readOnly = data.readOnly === true;
    state.fileError = null;
    showError(null);
    showPlan(data);
    renderControls();
    setStatus(state.readOnly
      ? 'Showing ' + data.name + ' as it is on disk (read-only: the page follows the file).'
      : 'Showing ' + data.name + ' as it is on disk. Change anything below: the plan follows.');
    if (changed) commit();
    if (changed || wasBroken) {
      const at = new Date().toLocaleTimeString('en-GB');
      const text = (wasBroken ? 'The file loads again (' + at + '): the page shows it now.' : 'The file changed on disk at ' + at + ': the page shows it now.')
        + (changed && edits ? ' Your what-if edits were dropped.' : '');
      fileNotice(text, changed && edits && !state.readOnly ? el('button', { type: 'button', id: 'restore-edits', onclick: restoreEdits }, 'Bring back my what-if') : null);
    }
  }

  // The file on disk does not load: say so in the status line and as an error, and keep the last plan, dimmed.
  function fileBroken(message) {
    state.fileError = message;
    const name = state.name || 'The file';
    const box = byId('file-status');
    box.replaceChildren(shown('The file on disk does not load: ' + message + (state.plan ? ' The report below is the last plan that loaded.' : ' Fix the file: the page follows it.')));
    box.classList.add('file-broken');
    box.hidden = false;
    // With no plan yet (broken at start) the report is the error itself: nothing is stale.
    document.body.classList.toggle('stale', state.plan !== null);
    setStatus(name + ' on disk does not load' + (state.plan ? ': showing the last plan that loaded.' : '.'));
  }

  function fileNotice(text, action) {
    const box = byId('file-status');
    box.classList.remove('file-broken');
    box.replaceChildren(text, ...(action ? [' ', action] : []));
    box.hidden = false;
    if (!byId('what-if-error').textContent && state.fileError === null) document.body.classList.remove('stale');
  }

  // The what-if a change of the file dropped, back: the document as it was (the old file and the edits), re-planned.
  function restoreEdits() {
    if (!state.dropped) return;
    state.doc = state.dropped;
    state.dropped = null;
    renderControls();
    fileNotice('Your what-if is back (made on the file as it was before the change).');
    edited();
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
        // Changed on disk (or readable again): load it.
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
    commit();
    const seq = ++state.seq;
    const answer = await call('POST', '/api/what-if?name=what-if.json', state.doc);
    if (seq !== state.seq) return; // a newer edit is on its way
    if (!answer.ok) {
      showError(answer.data.error);
      setStatus('What-if of ' + state.name + ': the last edit does not load.');
      state.stale = true;
      renderSummary();
      renderCompare();
      return;
    }
    showError(null);
    showPlan(answer.data);
    const same = JSON.stringify(state.doc) === JSON.stringify(state.fileDoc);
    if (state.fileError !== null) setStatus(state.name + ' on disk does not load: this is a what-if of the last version that loaded.');
    else setStatus(same ? 'Showing ' + state.name + ' as it is on disk.' : 'What-if of ' + state.name + ' (the file is not changed).');
    if (state.scaleGroup) scaleSoon();
  }

  function showPlan(data) {
    state.plan = data.plan;
    state.severity = data.severity;
    state.runway = data.runway;
    state.stale = false;
    byId('report').innerHTML = data.html; // the server's report markup, every text in it encoded by the report writer
    fitCharts(byId('report'));
    markRanOut();
    renderSummary();
    renderCompare();
    markRecommendation();
  }

  // A chart of the report (the runway, a scale curve) has a fixed size: give it a viewBox so it shrinks to its column
  // instead of being cut off.
  function fitCharts(root) {
    for (const svg of root.querySelectorAll('svg[width][height]')) {
      if (!svg.hasAttribute('viewBox')) svg.setAttribute('viewBox', '0 0 ' + parseFloat(svg.getAttribute('width')) + ' ' + parseFloat(svg.getAttribute('height')));
      svg.removeAttribute('width');
      svg.removeAttribute('height');
    }
  }

  // The group and the subnet that run out first (the plan's firstExhausted), marked where the report lists them.
  function markRanOut() {
    const f = state.plan && state.plan.cluster.firstExhausted;
    if (!f) return;
    for (const row of byId('report').querySelectorAll('tr')) {
      const first = row.querySelector('td, th');
      const name = first ? first.textContent.trim() : '';
      if ((f.subnet && name === f.subnet) || name === f.nodeGroup) {
        row.classList.add('ran-out');
        row.setAttribute('title', 'runs out first: ' + firstExhausted(state.plan));
      }
    }
  }

  // The summary at the top of the controls column: the answers people look for, each with its change against the
  // pinned plan. Every value is the server's (the plan JSON, the report's badge, the runway); nothing is worked out here.

  const severityWord = (s) => ({ error: '\u2716 Errors', warning: '\u25B2 Warnings', ok: '\u2714 OK' })[s] || String(s);

  function change(before, after) {
    if (typeof before !== 'number' || typeof after !== 'number' || before === after) return '';
    return (after > before ? '+' : '') + fmt(after - before);
  }

  function runwayText(runway) {
    if (!runway) return 'no growth in the file';
    const f = runway.firstExhausted;
    return f ? 'month ' + f.month + ': ' + f.subnet + ' (' + (f.nodePool ? 'NodePool ' + f.nodePool : 'group ' + f.nodeGroup) + ')' : 'no subnet runs out in ' + runway.months + ' months';
  }

  const runwayMonth = (runway) => (runway && runway.firstExhausted ? runway.firstExhausted.month : null);
  const atNodes = (plan) => (plan.cluster.firstExhausted ? plan.cluster.firstExhausted.atNodes : null);
  const sum = (list, key) => (list || []).reduce((n, x) => n + (typeof x[key] === 'number' ? x[key] : 0), 0);
  const has = (list, key) => (list || []).some((x) => typeof x[key] === 'number');

  // Network Address Usage, when the plan JSON carries it (absent: not applicable).
  function nau(plan) {
    const v = plan.vpc && plan.vpc.networkAddressUsage;
    if (v === undefined || v === null) return null;
    if (typeof v === 'number') return v;
    return typeof v.used === 'number' ? v.used : null;
  }

  // The answers of one plan, as the summary and the comparison show them: [label, shown, number for the change].
  function answers(x) {
    const p = x.plan;
    const list = [
      ['pods that fit', fmt(p.cluster.podsThatFit), p.cluster.podsThatFit],
      ['pod capacity', fmt(p.cluster.podCapacity), p.cluster.podCapacity],
      ['headroom', fmt(p.cluster.headroom), p.cluster.headroom],
      ['first exhausted', firstExhausted(p), atNodes(p), 'nodes'],
      ['runway', runwayText(x.runway), runwayMonth(x.runway), 'months'],
    ];
    if ((p.nodePools || []).length > 0) list.push(['NodePool pods pending', fmt(sum(p.nodePools, 'podsPending')), sum(p.nodePools, 'podsPending')]);
    if (has(p.nodePools, 'podsWithoutIp')) list.push(['pods without an IP', fmt(sum(p.nodePools, 'podsWithoutIp')), sum(p.nodePools, 'podsWithoutIp')]);
    if (nau(p) !== null) list.push(['Network Address Usage', fmt(nau(p)), nau(p)]);
    return list;
  }

  function renderSummary() {
    const box = byId('summary');
    if (!box) return;
    if (!state.plan) {
      box.hidden = true;
      return;
    }
    const now = { plan: state.plan, severity: state.severity, runway: state.runway };
    const pin = state.pinned;
    const before = pin ? answers(pin) : null;
    const rows = answers(now).map(([label, shown, n, unit], i) => {
      const was = before ? before.find((b) => b[0] === label) : null;
      let delta = '';
      if (was && was[1] !== shown) delta = change(was[2], n) ? change(was[2], n) + (unit ? ' ' + unit : '') : 'was ' + was[1];
      return el('tr', { class: delta ? 'changed' : null, 'data-answer': label },
        el('th', { scope: 'row' }, label), el('td', {}, shown), el('td', { class: 'n' }, delta));
    });
    const sevChanged = pin && pin.severity !== state.severity;
    box.replaceChildren(
      el('p', { class: 'summary-head' },
        el('span', { class: 'badge badge-' + state.severity, id: 'summary-severity' }, severityWord(state.severity)),
        sevChanged ? el('span', { class: 'muted' }, ' pinned: ' + severityWord(pin.severity)) : null),
      el('p', { id: 'summary-verdict', class: 'summary-verdict' }, state.plan.verdict),
      state.stale ? el('p', { class: 'summary-stale' }, 'The last edit does not load: this is the last plan that loaded.') : null,
      el('table', { class: 'compare-table summary-table' }, el('tbody', {}, ...rows)),
      pin ? el('p', { class: 'muted' }, 'Changes against \u201c' + pin.name + '\u201d, ' + pin.label + '.') : null);
    box.classList.toggle('stale', state.stale);
    box.hidden = false;
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
    // Limits are Kubernetes quantities (cpu 200 or 200000m, memory 800Gi): the loader reads them as in the file.
    const limit = (p, key, example) => {
      const current = p.limits && p.limits[key] !== undefined ? String(p.limits[key]) : '';
      const input = el('input', { type: 'text', value: current, name: 'limits.' + key + '.' + p.name, placeholder: 'no limit', spellcheck: 'false', title: 'e.g. ' + example });
      input.addEventListener('change', () => {
        const v = input.value.trim();
        if (v === '') {
          if (p.limits) delete p.limits[key];
          if (p.limits && Object.keys(p.limits).length === 0) delete p.limits;
        } else {
          p.limits = p.limits || {};
          p.limits[key] = v;
        }
        edited();
      });
      return el('label', { class: 'field' }, el('span', {}, p.name + ': ' + key + ' limit'), input);
    };
    const fields = pools.flatMap((p) => [numberInput(p.name + ': pending pods', p.pods.count, (v) => {
      if (v === undefined) return;
      p.pods.count = v;
      edited();
    }, { name: 'pods.' + p.name }), limit(p, 'cpu', '200'), limit(p, 'memory', '800Gi')]);
    return el('fieldset', { class: 'pools' }, el('legend', {}, 'Karpenter NodePools'), ...fields);
  }

  // The VPC's CIDR blocks, one text field (comma or space between blocks): the loader checks sizes, quota and that
  // every subnet lies inside.
  function vpcFields() {
    const vpc = state.doc.vpc || (state.doc.vpc = {});
    const input = el('input', { type: 'text', name: 'vpc.cidrs', value: (vpc.cidrs || []).join(', '), spellcheck: 'false', class: 'wide' });
    input.addEventListener('change', () => {
      vpc.cidrs = input.value.split(/[\s,]+/).filter((c) => c.length > 0);
      edited();
    });
    return el('fieldset', { class: 'vpc' }, el('legend', {}, 'VPC'), el('label', { class: 'field' }, el('span', {}, 'CIDR blocks'), input));
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
        if (key === 'customNetworking') {
          renderControls();
          byId('what-if-controls').querySelector("input[name='customNetworking']").focus();
        }
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
    // Custom networking: the ENIConfig of each zone names the subnet its pods use (the loader checks zone and subnet).
    const zones = [...new Set((state.doc.subnets || []).map((x) => x.zone))].sort();
    const eniConfig = (zone) => {
      const configs = cni.eniConfigs || {};
      const choice = el('select', { name: prefix + 'eniConfig.' + zone },
        el('option', { value: '', selected: !configs[zone] }, '(none)'),
        ...(state.doc.subnets || []).map((x) => el('option', { value: x.id, selected: configs[zone] === x.id }, x.id + (x.zone === zone ? '' : ' (' + x.zone + ')'))));
      choice.addEventListener('change', () => {
        if (choice.value === '') {
          if (cni.eniConfigs) delete cni.eniConfigs[zone];
          if (cni.eniConfigs && Object.keys(cni.eniConfigs).length === 0) delete cni.eniConfigs;
        } else {
          cni.eniConfigs = cni.eniConfigs || {};
          cni.eniConfigs[zone] = choice.value;
        }
        edited();
      });
      return el('label', { class: 'field' }, el('span', {}, 'ENIConfig ' + zone), choice);
    };
    const configs = cni.customNetworking === true || (cni.eniConfigs && Object.keys(cni.eniConfigs).length > 0) ? zones.map(eniConfig) : [];
    return el('fieldset', { class: 'cni' }, el('legend', {}, legend),
      toggle('prefixDelegation', 'prefix delegation'),
      toggle('customNetworking', 'custom networking'),
      ...configs,
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
      el('table', { class: 'controls-table' }, el('thead', {}, el('tr', {}, ...['subnet', 'zone', 'CIDR'].map((h) => el('th', {}, h)), el('th', {}, el('span', { class: 'visually-hidden' }, 'remove')))), body),
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
    if (state.readOnly) {
      byId('what-if-controls').replaceChildren(el('p', { class: 'muted', id: 'read-only' }, 'This server is read-only: edit the file to change the plan.'));
      return;
    }
    const actions = el('div', { class: 'actions' },
      el('button', { type: 'button', id: 'undo', onclick: () => history.back(), 'aria-label': 'Undo the last edit' }, 'Undo'),
      el('button', { type: 'button', id: 'redo', onclick: () => history.forward(), 'aria-label': 'Redo' }, 'Redo'),
      el('input', { type: 'text', id: 'pin-name', 'aria-label': 'Name of the next pin', placeholder: 'pin name', spellcheck: 'false', maxlength: 40 }),
      el('button', { type: 'button', id: 'pin', onclick: pin }, 'Pin this plan'),
      el('span', { id: 'pins' }),
      el('button', { type: 'button', id: 'unpin', onclick: unpin, disabled: !state.pinned }, 'Unpin'),
      el('button', { type: 'button', id: 'back-to-file', onclick: backToFile }, 'Back to the file'),
      el('button', { type: 'button', id: 'download', onclick: download }, 'Download scenario'),
      el('button', { type: 'button', id: 'download-picture', onclick: downloadPicture }, 'Download picture'),
      el('button', { type: 'button', id: 'recommend', onclick: recommend }, 'What would recommend change?'));
    byId('what-if-controls').replaceChildren(...[
      actions,
      el('fieldset', { class: 'groups' }, el('legend', {}, 'Node groups'), groupRows()),
      poolFields(),
      vpcFields(),
      cniFields(),
      subnetFields(),
      el('datalist', { id: 'instance-types' })].filter(Boolean));
    updateUndo();
    const pins = byId('pins');
    if (pins && state.pins.length) renderPins();
  }

  // Undo, redo and a link to share: every edit is an entry of the browser's history whose URL fragment holds the
  // what-if document (deflated, base64url) and the version of the file it was made on. Undo and redo walk that
  // history (so do the browser's Back and Forward); a reload or a shared link reopens the same what-if.

  function toBase64Url(bytes) {
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  async function pack(text) {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
  }

  async function unpack(data) {
    const bin = atob(data.replace(/-/g, '+').replace(/_/g, '/'));
    const stream = new Blob([Uint8Array.from(bin, (c) => c.charCodeAt(0))]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Response(stream).text();
  }

  // The what-if in the fragment, or null: { doc, version } (version: the first 16 hex digits of the file's SHA-256).
  async function fromFragment() {
    const params = new URLSearchParams(location.hash.slice(1));
    const data = params.get('w');
    if (!data) return null;
    try {
      return { doc: JSON.parse(await unpack(data)), version: params.get('v') || '' };
    } catch (e) {
      showError('the what-if in this link cannot be read (cut short?); showing the file.');
      return null;
    }
  }

  const entry = () => (history.state && typeof history.state.i === 'number' ? history.state.i : 0);

  function updateUndo() {
    const undo = byId('undo');
    const redo = byId('redo');
    if (undo) undo.disabled = entry() <= 0;
    if (redo) redo.disabled = state.top <= entry();
  }

  // A new history entry for the what-if now on the page (nothing when it is the one the fragment holds).
  async function commit() {
    if (state.readOnly || state.doc === null) return;
    const text = JSON.stringify(state.doc);
    if (text === state.committed) return;
    state.committed = text;
    const seq = ++state.packSeq;
    const same = text === JSON.stringify(state.fileDoc);
    const hash = same ? '' : '#v=' + String(state.version).slice(0, 16) + '&w=' + (await pack(text));
    if (seq !== state.packSeq) return; // a newer edit was packed meanwhile
    const i = entry() + 1;
    state.top = i;
    history.pushState({ i, top: i }, '', hash || location.pathname + location.search);
    updateUndo();
  }

  // Undo or redo (or Back, Forward): the what-if of that entry, planned again.
  async function restoreEntry() {
    const found = await fromFragment();
    state.doc = found ? found.doc : clone(state.fileDoc);
    state.committed = JSON.stringify(state.doc);
    renderControls();
    clearTimeout(state.timer);
    setStatus('What-if: planning…');
    replan();
  }

  // At start: the what-if of the link or of the page before its reload.
  async function openFragment() {
    if (!history.state) history.replaceState({ i: 0 }, '');
    state.top = history.state && typeof history.state.top === 'number' ? history.state.top : entry();
    const found = await fromFragment();
    state.committed = JSON.stringify(state.doc);
    if (found && state.doc !== null) {
      state.doc = found.doc;
      state.committed = JSON.stringify(found.doc);
      if (found.version !== String(state.version).slice(0, 16)) {
        fileNotice('This what-if was made on another version of ' + state.name + ' (the file changed since): it is shown as it was made.');
      }
      renderControls();
      edited();
    }
    updateUndo();
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

  // What would recommend change? The what-if to POST /api/recommend (what `ipplanner recommend FILE` answers: every
  // group at maxNodes plus 10 % headroom), its verdict and each strategy with the changes it makes, as the server says.

  let recommendSeq = 0;
  async function recommend() {
    const seq = ++recommendSeq;
    const box = byId('recommendation') || byId('panels').appendChild(el('div', { id: 'recommendation', class: 'recommendation', 'aria-live': 'polite' }));
    const asked = JSON.stringify(state.doc);
    box.classList.remove('stale');
    box.replaceChildren(el('h3', {}, 'What recommend would change'), el('p', { class: 'muted' }, 'Asking recommend…'));
    box.hidden = false;
    const answer = await call('POST', '/api/recommend?name=what-if.json', state.doc);
    if (seq !== recommendSeq) return;
    if (!answer.ok) {
      box.replaceChildren(el('h3', {}, 'What recommend would change'), el('p', { class: 'what-if-error' }, 'recommend: ' + answer.data.error));
      return;
    }
    const r = answer.data;
    const rows = r.strategies.map((x) => el('tr', { class: x.name === r.best ? 'best' : null, 'data-strategy': x.name },
      el('th', { scope: 'row' }, x.name + (x.name === r.best ? ' (best)' : '')),
      el('td', {}, x.fits ? 'fits' : 'does not fit'),
      el('td', {}, x.fits
        ? (x.changes.length ? el('ul', {}, ...x.changes.map((c) => el('li', {}, c))) : 'no change')
        : (x.whyNot || x.summary))));
    box.dataset.for = asked;
    box.replaceChildren(
      el('h3', {}, 'What recommend would change'),
      el('p', { id: 'recommend-verdict' }, r.verdict),
      el('p', { class: 'muted' }, 'Target: ' + r.target.description + '. Apply a change by editing the file (or the controls).'),
      el('table', { class: 'compare-table recommend-table' },
        el('thead', {}, el('tr', {}, el('th', {}, 'strategy'), el('th', {}, ''), el('th', {}, 'changes'))),
        el('tbody', {}, ...rows)));
  }

  // A recommendation made for another what-if than the one on screen says so.
  function markRecommendation() {
    const box = byId('recommendation');
    if (!box || box.hidden || !box.dataset.for) return;
    const old = box.dataset.for !== JSON.stringify(state.doc);
    box.classList.toggle('stale', old);
    const note = byId('recommend-stale');
    if (old && !note) box.insertBefore(el('p', { class: 'summary-stale', id: 'recommend-stale' }, 'Made for an earlier what-if: ask again.'), box.children[1] || null);
    if (!old && note) note.remove();
  }

  // Download picture: the summary, the comparison, the zone cards and the charts on screen as one SVG for the meeting
  // notes (the page's own markup and styles inside a foreignObject, so it looks as the page does).

  function downloadPicture() {
    const width = 1200;
    const holder = el('div', { id: 'picture', 'aria-hidden': 'true', style: 'position:absolute;left:-20000px;top:0;width:' + width + 'px;background:#ffffff;padding:12px;box-sizing:border-box' });
    const parts = ['#summary', '#compare:not([hidden])', '#report #zones', '#report #runway', '#scale:not([hidden])'];
    for (const q of parts) {
      const node = document.querySelector(q);
      if (node) holder.append(node.cloneNode(true));
    }
    for (const node of holder.querySelectorAll('[id]')) node.removeAttribute('id');
    document.body.append(holder);
    const height = Math.ceil(holder.getBoundingClientRect().height);
    holder.removeAttribute('style');
    holder.setAttribute('style', 'width:' + width + 'px;background:#ffffff;padding:12px;box-sizing:border-box;font-family:system-ui,sans-serif');
    let css = '';
    for (const sheet of document.styleSheets) {
      try {
        for (const rule of sheet.cssRules) css += rule.cssText + '\n';
      } catch (e) {
        // A sheet from elsewhere cannot be read; the page has none.
      }
    }
    holder.prepend(el('style', {}, css));
    const xhtml = new XMLSerializer().serializeToString(holder);
    holder.remove();
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="' + width + '" height="' + height + '" viewBox="0 0 ' + width + ' ' + height + '">'
      + '<foreignObject x="0" y="0" width="' + width + '" height="' + height + '">' + xhtml + '</foreignObject></svg>\n';
    const link = byId('picture-link') || document.body.appendChild(el('a', { id: 'picture-link', hidden: true }));
    if (link.href && link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    link.download = state.name.replace(/\.(ya?ml|json)$/i, '') + '-what-if.svg';
    link.click();
  }

  // Pin and compare.

  // Pins: several, each named (or numbered); the one chosen is what the summary and the comparison measure against.
  function pin() {
    if (!state.plan) return;
    const field = byId('pin-name');
    const name = (field && field.value.trim()) || 'pin ' + (state.pins.length + 1);
    if (field) field.value = '';
    state.pinned = { name, plan: state.plan, severity: state.severity, runway: state.runway, label: 'pinned at ' + new Date().toLocaleTimeString('en-GB') };
    state.pins.push(state.pinned);
    renderPins();
  }

  function unpin() {
    state.pins = state.pins.filter((p) => p !== state.pinned);
    state.pinned = state.pins.length ? state.pins[state.pins.length - 1] : null;
    renderPins();
  }

  function renderPins() {
    const box = byId('pins');
    if (box) {
      const choice = el('select', { id: 'pin-choice', 'aria-label': 'Compare with the pin', disabled: state.pins.length < 2 },
        ...state.pins.map((p, i) => el('option', { value: i, selected: p === state.pinned }, p.name)));
      choice.addEventListener('change', () => {
        state.pinned = state.pins[Number(choice.value)] || null;
        renderSummary();
        renderCompare();
      });
      box.replaceChildren(...(state.pins.length ? [choice] : []));
    }
    const unpinButton = byId('unpin');
    if (unpinButton) unpinButton.disabled = !state.pinned;
    renderSummary();
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
    const row = (what, before, after, numeric, given) => {
      const changed = String(before) !== String(after);
      let delta = given || '';
      if (numeric && changed && typeof before === 'number' && typeof after === 'number') delta = change(before, after);
      rows.push(el('tr', { class: changed ? 'changed' : null },
        el('th', { scope: 'row' }, what), el('td', {}, numeric ? fmt(before) : before), el('td', {}, numeric ? fmt(after) : after), el('td', { class: 'n' }, changed ? (delta || 'changed') : '')));
    };
    const pin = state.pinned;
    row('severity', severityWord(pin.severity), severityWord(state.severity), false);
    // The cluster's answers under the names the plan JSON, the text and the report give them (docs/answers.md).
    row('pods planned', a.cluster.podsPlanned, b.cluster.podsPlanned, true);
    row('pod capacity', a.cluster.podCapacity, b.cluster.podCapacity, true);
    row('headroom', a.cluster.headroom, b.cluster.headroom, true);
    row('pods that fit', a.cluster.podsThatFit, b.cluster.podsThatFit, true);
    row('first exhausted', firstExhausted(a), firstExhausted(b), false, change(atNodes(a), atNodes(b)) && change(atNodes(a), atNodes(b)) + ' nodes');
    row('runway', runwayText(pin.runway), runwayText(state.runway), false, change(runwayMonth(pin.runway), runwayMonth(state.runway)) && change(runwayMonth(pin.runway), runwayMonth(state.runway)) + ' months');
    const pools = [...new Set([...(a.nodePools || []).map((p) => p.name), ...(b.nodePools || []).map((p) => p.name)])];
    for (const name of pools) {
      const before = (a.nodePools || []).find((p) => p.name === name);
      const after = (b.nodePools || []).find((p) => p.name === name);
      row('pods pending, NodePool ' + name, before ? before.podsPending : 'absent', after ? after.podsPending : 'absent', !!(before && after));
      if ((before && typeof before.podsWithoutIp === 'number') || (after && typeof after.podsWithoutIp === 'number')) {
        row('pods without an IP, NodePool ' + name, before ? before.podsWithoutIp : 'absent', after ? after.podsWithoutIp : 'absent', !!(before && after));
      }
    }
    if (nau(a) !== null || nau(b) !== null) row('Network Address Usage', nau(a) === null ? 'absent' : nau(a), nau(b) === null ? 'absent' : nau(b), nau(a) !== null && nau(b) !== null);
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
    box.classList.toggle('stale', state.stale);
    box.replaceChildren(
      el('h3', {}, 'Pin \u201c' + state.pinned.name + '\u201d and what-if'),
      state.stale ? el('p', { class: 'summary-stale', id: 'compare-stale' }, 'The last edit does not load: "what-if" is the last plan that loaded.') : null,
      el('p', { class: 'verdicts' }, el('strong', {}, 'Pinned: '), a.verdict, el('br'), el('strong', {}, 'Now: '), b.verdict),
      el('p', { class: 'muted', id: 'compare-summary' }, changes === 0 ? 'No difference from the pinned plan.' : changes + (changes === 1 ? ' difference' : ' differences') + ' from the plan ' + state.pinned.label + ' (\u201c' + state.pinned.name + '\u201d).'),
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
      fitCharts(box);
      box.setAttribute('data-group', g.name);
    }
    box.hidden = false;
  }

  function start() {
    if (!byId('what-if')) return;
    const summary = el('section', { id: 'summary', class: 'summary', 'aria-label': 'Summary', 'aria-live': 'polite', hidden: true });
    byId('what-if').prepend(summary);
    window.addEventListener('popstate', () => {
      updateUndo();
      if (state.fileDoc !== null && !state.readOnly) restoreEntry();
    });
    loadFile(false).then(openFragment).finally(() => setInterval(poll, 1000));
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
