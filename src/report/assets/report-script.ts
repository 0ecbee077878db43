import { ELEMENT_SCRIPT, TAB_LIST_SCRIPT } from '../../view/assets/base-script.js';

/**
 * Script of the archive report, plain DOM, no library. It reads the data
 * embedded in the page (flat number tables and string dictionaries, see
 * src/report/columns.ts) and draws each tab when it is first opened. Every
 * table shows only the rows in and near its visible window (rows of one
 * height, drawn again as the box scrolls), so the DOM stays a few dozen rows
 * whatever the number of plans. Every string from the plans goes in through
 * textContent, never as HTML.
 *
 * Kept as a string so the page can inline it. (No backquotes or template
 * placeholders inside.)
 */
export const REPORT_SCRIPT = String.raw`(function () {
  'use strict';
` + ELEMENT_SCRIPT + TAB_LIST_SCRIPT + String.raw`
  var report = document.getElementById('report');
  function fail(message) {
    var loading = document.getElementById('loading');
    loading.textContent = message;
    loading.className = 'loading failed';
    report.removeAttribute('aria-busy');
  }
  if (typeof DecompressionStream !== 'function') {
    fail('Trình duyệt này không mở được dữ liệu nén của báo cáo: cần Chrome hoặc Edge 80, Firefox 113, Safari 16.4 trở lên.');
    return;
  }
  /* The data: two lines of JSON, each gzip-compressed in base64 (see src/report/columns.ts). */
  var source = document.getElementById('data');
  var parts = source.textContent.split('\n');
  source.textContent = '';
  function inflate(base64) {
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    var stream = new DecompressionStream('gzip');
    var writer = stream.writable.getWriter();
    writer.write(bytes).catch(function () {});
    writer.close().catch(function () {});
    var reader = stream.readable.getReader();
    var decoder = new TextDecoder();
    var pieces = [];
    function next() {
      return reader.read().then(function (chunk) {
        if (chunk.done) { pieces.push(decoder.decode()); return JSON.parse(pieces.join('')); }
        pieces.push(decoder.decode(chunk.value, { stream: true }));
        return next();
      });
    }
    return next();
  }
  var loaded = null;
  inflate(parts[0]).then(function (first) {
    loaded = start(first);
    /* Marks for measuring: the file table drawn, then every tab ready (scripts/bench/report.mjs). */
    performance.mark('kehoach-report:files');
    document.getElementById('loading').textContent = 'Đang mở thời hạn, phân công và chỉ tiêu…';
    return inflate(parts[1]);
  }).then(function (second) {
    loaded(second);
    document.getElementById('loading').remove();
    report.removeAttribute('aria-busy');
    performance.mark('kehoach-report:ready');
  }).catch(function (error) {
    fail('Không mở được dữ liệu của báo cáo: ' + error.message);
    if (window.console) console.error(error);
  });

  /* Draws the file table from the first part; returns what takes the second. */
  function start(data) {
  var PLAN_TEXTS = data.planTexts, NAMES = data.names, AGENCIES = data.agencies;
  var TEXTS = [];
  var C = {};
  Object.keys(data.columns).forEach(function (table) {
    var offsets = { $: data.columns[table].length };
    data.columns[table].forEach(function (column, i) { offsets[column] = i; });
    C[table] = offsets;
  });
  var PL = C.plans, DL = C.deadlines, DA = C.deadlineAgencies, TG = C.targets, RS = C.responsibilities, RA = C.responsibilityAgencies;
  var plans = data.plans, nPlans = plans.length / PL.$;
  /* Set when the second part arrives. */
  var deadlines = [], deadlineAgencies = [], targets = [], responsibilities = [], responsibilityAgencies = [];
  var nDeadlines = 0, nTargets = 0, nResponsibilities = 0;
  var entitiesLoaded = false;

  var ROLE_CODES = { lead: 'C', implement: 'T', support: 'P', advise: 'TM', monitor: 'TD' };
  var ROLE_LABELS = { lead: 'chủ trì', implement: 'thực hiện', support: 'phối hợp', advise: 'tham mưu', monitor: 'theo dõi' };
  var STATUS_LABELS = { ok: 'đọc được', error: 'lỗi', skipped: 'bỏ qua' };
  var KIND_LABELS = { by: 'hạn chót', on: 'vào ngày', range: 'khoảng thời gian', ongoing: 'thường xuyên', recurring: 'định kỳ' };
  var RECURRENCE_LABELS = { monthly: 'hằng tháng', quarterly: 'hằng quý', semiannual: '6 tháng một lần', annual: 'hằng năm', weekly: 'hằng tuần' };
  var DIRECTION_LABELS = { increase: 'tăng', decrease: 'giảm', reach: 'đạt', maintain: 'duy trì' };
  var COMPARATOR_SIGNS = { gte: '≥ ', gt: '> ', lte: '≤ ', lt: '< ', eq: '', between: '' };
  var BIT = {};
  data.recurrences.forEach(function (r, i) { BIT[r] = 1 << i; });
  var numbers = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 });
  var collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });
  var DAY = 86400000;
  var now = new Date();
  var TODAY = Math.round(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / DAY);

  /* A string reference: a longer text, a short string of the dictionary, or none (-1). */
  function str(i) { return i >= 0 ? TEXTS[i] : i === -1 ? '' : NAMES[-2 - i]; }
  /* The same in the plans table, whose longer texts are its own. */
  function planStr(i) { return i >= 0 ? PLAN_TEXTS[i] : i === -1 ? '' : NAMES[-2 - i]; }
  /* Lower case, tones and marks off, đ as d: "Sở Nội vụ" is found by "so noi vu". */
  function fold(s) { return s.toLowerCase().replace(/đ/g, 'd').normalize('NFD').replace(/[\u0300-\u036f]/g, ''); }
  function two(n) { return n < 10 ? '0' + n : String(n); }
  function vnDate(day) { var d = new Date(day * DAY); return two(d.getUTCDate()) + '/' + two(d.getUTCMonth() + 1) + '/' + d.getUTCFullYear(); }
  function isoDate(day) { return new Date(day * DAY).toISOString().slice(0, 10); }
  function debounce(fn) {
    var timer = 0;
    return function () { clearTimeout(timer); timer = setTimeout(fn, 150); };
  }
  function plan(i, column) { return plans[i * PL.$ + PL[column]]; }
  function fileName(i) { return planStr(plan(i, 'file')); }
  function planLabel(i) {
    var number = plan(i, 'number');
    if (number !== -1) return planStr(number);
    var file = fileName(i);
    return file.slice(file.lastIndexOf('/') + 1);
  }
  function planTitle(i) { return planStr(plan(i, 'title')); }

  /* Ranks for sorting by a string column: computed once, compared as numbers. */
  var planRanks = null;
  function planRank() {
    if (planRanks) return planRanks;
    var order = [];
    for (var i = 0; i < nPlans; i++) order.push(i);
    var labels = order.map(planLabel);
    order.sort(function (a, b) { return collator.compare(labels[a], labels[b]) || a - b; });
    planRanks = new Int32Array(nPlans);
    order.forEach(function (p, rank) { planRanks[p] = rank; });
    return planRanks;
  }
  var fileRanks = null;
  function fileRank() {
    if (fileRanks) return fileRanks;
    var order = [];
    for (var i = 0; i < nPlans; i++) order.push(i);
    order.sort(function (a, b) { return collator.compare(fileName(a), fileName(b)) || a - b; });
    fileRanks = new Int32Array(nPlans);
    order.forEach(function (p, rank) { fileRanks[p] = rank; });
    return fileRanks;
  }
  /* Ranks of the strings a column refers to, in Vietnamese order: built once per column. */
  var rankers = {};
  function ranker(column, count, refAt) {
    if (rankers[column]) return rankers[column];
    var strings = new Map();
    for (var i = 0; i < count; i++) { var ref = refAt(i); if (ref !== -1 && !strings.has(ref)) strings.set(ref, str(ref)); }
    var refs = Array.from(strings.keys());
    refs.sort(function (a, b) { return collator.compare(strings.get(a), strings.get(b)) || a - b; });
    var ranks = new Map();
    refs.forEach(function (ref, rank) { ranks.set(ref, rank); });
    return (rankers[column] = ranks);
  }
  var nameRanks = null;
  function nameRank(n) {
    if (!nameRanks) {
      var order = NAMES.map(function (_, i) { return i; });
      order.sort(function (a, b) { return collator.compare(NAMES[a], NAMES[b]) || a - b; });
      nameRanks = new Int32Array(NAMES.length);
      order.forEach(function (name, rank) { nameRanks[name] = rank; });
    }
    return nameRanks[n];
  }
  function rankOf(column, count, refAt, ref) { return ref === -1 ? Infinity : ranker(column, count, refAt).get(ref); }

  /* Filters by plan and by agency: which plans (agencies) a query matches, or null for all. */
  /* What a plan (an agency) is found by, folded: built on first use. */
  var planKeys = null, agencyKeys = null;
  function planSearchKeys() {
    if (!planKeys) {
      planKeys = [];
      for (var i = 0; i < nPlans; i++) planKeys.push(fold(planLabel(i) + ' ' + planTitle(i) + ' ' + fileName(i)));
    }
    return planKeys;
  }
  function agencySearchKeys() {
    if (!agencyKeys) agencyKeys = AGENCIES.map(fold);
    return agencyKeys;
  }
  function planMatches(query) {
    var q = fold(query.trim());
    if (!q) return null;
    var keys = planSearchKeys();
    var out = new Uint8Array(nPlans);
    for (var p = 0; p < nPlans; p++) if (keys[p].indexOf(q) >= 0) out[p] = 1;
    return out;
  }
  function agencyMatches(query) {
    var q = fold(query.trim());
    if (!q) return null;
    var keys = agencySearchKeys();
    var out = new Uint8Array(AGENCIES.length);
    for (var a = 0; a < AGENCIES.length; a++) if (keys[a].indexOf(q) >= 0) out[a] = 1;
    return out;
  }
  /*
   * Suggestions under the plan and agency filters: the first few that match
   * what is typed, not a list of every plan (5,000 options would be a DOM of
   * their own).
   */
  var SUGGESTIONS = 40;
  function suggest(input) {
    var list = document.getElementById(input.getAttribute('list'));
    var q = fold(input.value.trim());
    var fragment = document.createDocumentFragment();
    var found = 0;
    if (list.id === 'plan-list') {
      var keys = planSearchKeys();
      for (var p = 0; p < nPlans && found < SUGGESTIONS; p++) {
        if (data.statuses[plan(p, 'status')] !== 'ok' || plan(p, 'duplicateOf') !== -1) continue;
        if (q && keys[p].indexOf(q) < 0) continue;
        var option = el('option');
        option.value = fileName(p);
        option.label = planLabel(p) + ' · ' + planTitle(p);
        fragment.appendChild(option);
        found++;
      }
    } else {
      var names = agencySearchKeys();
      for (var a = 0; a < AGENCIES.length && found < SUGGESTIONS; a++) {
        if (q && names[a].indexOf(q) < 0) continue;
        var agency = el('option');
        agency.value = AGENCIES[a];
        fragment.appendChild(agency);
        found++;
      }
    }
    list.textContent = '';
    list.appendChild(fragment);
  }
  document.querySelectorAll('input[list]').forEach(function (input) {
    var update = debounce(function () { suggest(input); });
    input.addEventListener('focus', function () { suggest(input); });
    input.addEventListener('input', update);
  });

  /* A table cell of at most two lines: a main text and an optional second, muted one. */
  function cell(tr, main, sub, className, title) {
    var td = el('td', className || null);
    var box = el('div', 'c');
    if (main !== null && main !== undefined && main !== '') box.appendChild(el('span', null, main));
    if (sub) {
      if (box.firstChild) box.appendChild(el('br'));
      box.appendChild(el('span', 'sub', sub));
    }
    td.appendChild(box);
    var full = title !== undefined ? title : [main, sub].filter(Boolean).join('\n');
    if (full) td.title = full;
    tr.appendChild(td);
    return td;
  }

  /*
   * A table that draws only the rows in and near its box's visible window: a
   * spacer row above and below stands for the rest. Rows are all one height
   * (fixed by the stylesheet, measured on the first row drawn), so the row at
   * any scroll position is found by division.
   */
  var OVERSCAN = 8;
  function VirtualTable(table, columns, renderRow) {
    var self = this;
    var box = table.parentElement;
    var body = table.tBodies[0];
    var items = [];
    var first = -1, last = -1, rowHeight = 0;
    var emptyText = 'Không có mục nào.';
    var headers = [];
    self.onSort = null;
    function setColumns(list) {
      columns = list;
      var old = table.querySelector('colgroup');
      if (old) old.remove();
      var group = el('colgroup');
      columns.forEach(function (c) { var col = el('col'); if (c.width) col.style.width = c.width; group.appendChild(col); });
      table.insertBefore(group, table.firstChild);
      table.tHead.textContent = '';
      var tr = el('tr');
      headers = columns.map(function (c) {
        var th = el('th', c.className || null);
        th.scope = 'col';
        if (c.title) th.title = c.title;
        if (c.sort) {
          var button = el('button', null, c.label);
          button.type = 'button';
          button.addEventListener('click', function () { if (self.onSort) self.onSort(c.sort); });
          th.appendChild(button);
          th.setAttribute('aria-sort', 'none');
        } else if (c.node) th.appendChild(c.node);
        else th.textContent = c.label;
        tr.appendChild(th);
        return th;
      });
      table.tHead.appendChild(tr);
    }
    setColumns(columns);
    self.setColumns = function (list) { setColumns(list); first = last = -1; draw(); };
    self.showSort = function (key, direction) {
      headers.forEach(function (th, i) {
        if (columns[i].sort) th.setAttribute('aria-sort', columns[i].sort === key ? (direction > 0 ? 'ascending' : 'descending') : 'none');
      });
    };
    self.set = function (list, empty) {
      items = list;
      emptyText = empty || 'Không có mục nào.';
      box.scrollTop = 0;
      first = last = -1;
      draw();
    };
    self.redraw = function () { first = last = -1; draw(); };
    function spacer(height) {
      var tr = el('tr', 'pad');
      tr.setAttribute('aria-hidden', 'true');
      var td = el('td');
      td.colSpan = columns.length;
      td.style.height = height + 'px';
      tr.appendChild(td);
      return tr;
    }
    function draw() {
      if (!items.length) {
        body.textContent = '';
        var tr = el('tr', 'none');
        var td = el('td', 'none', emptyText);
        td.colSpan = columns.length;
        tr.appendChild(td);
        body.appendChild(tr);
        return;
      }
      var height = rowHeight || 44;
      var top = Math.max(0, box.scrollTop - table.tHead.offsetHeight);
      var view = box.clientHeight || window.innerHeight;
      var start = Math.min(items.length, Math.max(0, Math.floor(top / height) - OVERSCAN));
      var end = Math.min(items.length, Math.ceil((top + view) / height) + OVERSCAN);
      if (start === first && end === last) return;
      first = start;
      last = end;
      var fragment = document.createDocumentFragment();
      fragment.appendChild(spacer(start * height));
      for (var i = start; i < end; i++) fragment.appendChild(renderRow(items[i], i));
      fragment.appendChild(spacer((items.length - end) * height));
      body.textContent = '';
      body.appendChild(fragment);
      if (!rowHeight && body.children.length > 2) {
        var measured = body.children[1].getBoundingClientRect().height;
        if (measured > 0) {
          rowHeight = measured;
          if (Math.abs(measured - height) > 0.5) { first = last = -1; draw(); }
        }
      }
    }
    var pending = false;
    box.addEventListener('scroll', function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; draw(); });
    }, { passive: true });
    window.addEventListener('resize', function () { first = last = -1; draw(); });
  }

  /* Sorting: a key function per column, numbers compared, ties in the original order. */
  function sortItems(items, key, direction) {
    var keys = new Float64Array(items.length);
    for (var i = 0; i < items.length; i++) keys[i] = key(items[i]);
    var order = new Array(items.length);
    for (var j = 0; j < items.length; j++) order[j] = j;
    order.sort(function (a, b) { return (keys[a] - keys[b]) * direction || a - b; });
    return order.map(function (k) { return items[k]; });
  }
  function Sorter(table, initial, keys, redraw) {
    var state = { key: initial, direction: 1 };
    table.onSort = function (key) {
      state.direction = state.key === key ? -state.direction : 1;
      state.key = key;
      redraw();
    };
    state.apply = function (items) {
      table.showSort(state.key, state.direction);
      return sortItems(items, keys[state.key], state.direction);
    };
    return state;
  }
  function setCount(id, shown, total, noun) {
    document.getElementById(id).textContent = numbers.format(shown) + (shown === total ? '' : ' / ' + numbers.format(total)) + ' ' + noun;
  }

  /* ---- Files: one row per input, its status, error and counts. ---- */
  var filesTable, filesSort;
  var COUNT_COLUMNS = [['sections', 'Mục', 'Mục'], ['targets', 'Chỉ tiêu', 'Chỉ tiêu'], ['deadlines', 'Thời hạn', 'Thời hạn'], ['legalReferences', 'VB', 'Văn bản dẫn chiếu'], ['assignments', 'P.công', 'Phân công'], ['tasks', 'N.vụ', 'Nhiệm vụ'], ['warnings', 'C.báo', 'Cảnh báo'], ['pages', 'Trang', 'Số trang (PDF)']];
  function buildFiles() {
    var columns = [
      { label: 'Tệp', sort: 'file', width: '20%' },
      { label: 'Trạng thái', sort: 'status', width: '7.5rem' },
      { label: 'Mã lỗi / lý do', sort: 'code', width: '16%' },
      { label: 'Kế hoạch', sort: 'plan' },
    ].concat(COUNT_COLUMNS.map(function (c) { return { label: c[1], title: c[2], sort: c[0], width: '4rem', className: 'num' }; }));
    var table = document.getElementById('f-table');
    filesTable = new VirtualTable(table, columns, function (p) {
      var tr = el('tr');
      var file = fileName(p);
      var sha = plan(p, 'sha256');
      cell(tr, file, null, null, file + (sha !== -1 ? '\nSHA-256 ' + planStr(sha) : ''));
      var status = data.statuses[plan(p, 'status')];
      var duplicate = plan(p, 'duplicateOf');
      var td = cell(tr, null, duplicate !== -1 ? 'trùng nội dung với ' + planStr(duplicate) : null);
      td.firstChild.insertBefore(el('span', 'st s-' + status, STATUS_LABELS[status]), td.firstChild.firstChild);
      cell(tr, planStr(plan(p, 'code')), planStr(plan(p, 'message')));
      cell(tr, plan(p, 'number') !== -1 || plan(p, 'title') !== -1 ? planLabel(p) : '', planTitle(p));
      COUNT_COLUMNS.forEach(function (c) { var v = plan(p, c[0]); cell(tr, v >= 0 ? numbers.format(v) : '', null, 'num'); });
      return tr;
    });
    var keys = {
      file: function (p) { return fileRank()[p]; },
      status: function (p) { return plan(p, 'status'); },
      code: function (p) { var c = plan(p, 'code'); return c === -1 ? Infinity : c <= -2 ? nameRank(-2 - c) : 1e9 + p; },
      plan: function (p) { return planRank()[p]; },
      order: function (p) { return p; },
    };
    COUNT_COLUMNS.forEach(function (c) { keys[c[0]] = function (p) { return plan(p, c[0]); }; });
    filesSort = Sorter(filesTable, 'order', keys, drawFiles);
    document.getElementById('f-status').addEventListener('change', drawFiles);
    document.getElementById('f-search').addEventListener('input', debounce(drawFiles));
    document.querySelectorAll('.codes .code').forEach(function (button) {
      button.addEventListener('click', function () {
        document.getElementById('f-status').value = 'error';
        document.getElementById('f-search').value = button.getAttribute('data-code');
        drawFiles();
      });
    });
    drawFiles();
  }
  function drawFiles() {
    var status = document.getElementById('f-status').value;
    var needle = document.getElementById('f-search').value.trim().toLowerCase();
    var items = [];
    for (var p = 0; p < nPlans; p++) {
      if (status && data.statuses[plan(p, 'status')] !== status) continue;
      if (needle) {
        var hay = (fileName(p) + ' ' + planLabel(p) + ' ' + planTitle(p) + ' ' + planStr(plan(p, 'code')) + ' ' + planStr(plan(p, 'message'))).toLowerCase();
        if (hay.indexOf(needle) < 0) continue;
      }
      items.push(p);
    }
    setCount('f-count', items.length, nPlans, 'tệp');
    filesTable.set(filesSort.apply(items), 'Không có tệp nào khớp.');
  }

  /* ---- Deadlines: the month, and the list of the month, a day or all. ---- */
  var agenciesStart = null;
  function deadlineAgencyStart() {
    if (agenciesStart) return agenciesStart;
    agenciesStart = new Int32Array(nDeadlines + 1);
    for (var d = 0; d < nDeadlines; d++) agenciesStart[d + 1] = agenciesStart[d] + deadlines[d * DL.$ + DL.agencies];
    return agenciesStart;
  }
  function dl(d, column) { return deadlines[d * DL.$ + DL[column]]; }
  var calendar = { year: 0, month: 0, day: -1, matching: null, entries: null, table: null, sort: null };

  function deadlineAgencyText(d, withRoles) {
    var start = deadlineAgencyStart();
    var parts = [];
    for (var k = start[d]; k < start[d + 1]; k++) {
      var role = data.roles[deadlineAgencies[k * DA.$ + DA.role]];
      parts.push(AGENCIES[deadlineAgencies[k * DA.$ + DA.agency]] + (withRoles ? ' (' + ROLE_LABELS[role] + ')' : ' (' + ROLE_CODES[role] + ')'));
    }
    return parts.join(withRoles ? '\n' : ', ');
  }
  function recurrenceText(bits) {
    return data.recurrences.filter(function (r) { return bits & BIT[r]; }).map(function (r) { return RECURRENCE_LABELS[r]; }).join(', ');
  }
  /* The deadlines the filters keep. */
  function filterDeadlines() {
    var agencies = agencyMatches(document.getElementById('c-agency').value);
    var chosen = planMatches(document.getElementById('c-plan').value);
    var needle = document.getElementById('c-search').value.trim().toLowerCase();
    var start = deadlineAgencyStart();
    var out = [];
    for (var d = 0; d < nDeadlines; d++) {
      if (chosen && !chosen[dl(d, 'plan')]) continue;
      if (agencies) {
        var found = false;
        for (var k = start[d]; k < start[d + 1] && !found; k++) found = agencies[deadlineAgencies[k * DA.$ + DA.agency]] === 1;
        if (!found) continue;
      }
      if (needle && (str(dl(d, 'text')) + ' ' + str(dl(d, 'work'))).toLowerCase().indexOf(needle) < 0) continue;
      out.push(d);
    }
    calendar.matching = out;
  }
  /* Calls push(day) for each day of [first, last] on which deadline d falls due. */
  function occurrences(d, first, last, push) {
    var bits = dl(d, 'recurrence');
    if (!bits) {
      var due = dl(d, 'due');
      if (due >= first && due <= last) push(due);
      return;
    }
    var p = dl(d, 'plan');
    var spanStart = plan(p, 'spanStart'), spanEnd = plan(p, 'spanEnd');
    if (spanStart < 0 || spanEnd < 0) return;
    var low = Math.max(first, spanStart), high = Math.min(last, spanEnd);
    if (low > high) return;
    /* A periodic duty falls due at the close of its period: the month's last day (as the calendar export lays it). */
    var monthEnd = last;
    var month = new Date(monthEnd * DAY).getUTCMonth() + 1;
    var closes = (bits & BIT.monthly) || ((bits & BIT.quarterly) && month % 3 === 0) || ((bits & BIT.semiannual) && month % 6 === 0) || ((bits & BIT.annual) && month === 12);
    if (closes && monthEnd >= low && monthEnd <= high) push(monthEnd);
    if (bits & BIT.weekly) for (var day = low + ((((spanStart - low) % 7) + 7) % 7); day <= high; day += 7) push(day);
  }
  function monthBounds() {
    return { first: Math.round(Date.UTC(calendar.year, calendar.month, 1) / DAY), last: Math.round(Date.UTC(calendar.year, calendar.month + 1, 0) / DAY) };
  }
  /* Entries of the month: [deadline, day] pairs, from the filtered deadlines. */
  function monthEntries() {
    var bounds = monthBounds();
    var entries = [];
    calendar.matching.forEach(function (d) {
      occurrences(d, bounds.first, bounds.last, function (day) { entries.push([d, day]); });
    });
    return entries;
  }
  function chooseStartMonth() {
    var today = new Date(TODAY * DAY);
    var y = today.getUTCFullYear(), m = today.getUTCMonth();
    var monthStart = Math.round(Date.UTC(y, m, 1) / DAY);
    var best = -1, latest = -1;
    for (var d = 0; d < nDeadlines; d++) {
      var due = dl(d, 'due');
      if (due < 0) continue;
      if (due >= monthStart && (best < 0 || due < best)) best = due;
      if (due > latest) latest = due;
    }
    var pick = best >= 0 ? best : latest >= 0 ? latest : TODAY;
    var date = new Date(pick * DAY);
    calendar.year = date.getUTCFullYear();
    calendar.month = date.getUTCMonth();
  }
  function dateLabel(d, day) {
    if (day >= 0 && dl(d, 'recurrence')) return vnDate(day);
    var kind = data.kinds[dl(d, 'kind')];
    var start = dl(d, 'start'), end = dl(d, 'end');
    if (kind === 'range' && start >= 0 && end >= 0 && start !== end) return vnDate(start) + '–' + vnDate(end);
    if (day >= 0) return vnDate(day);
    return kind === 'recurring' ? recurrenceText(dl(d, 'recurrence')) || KIND_LABELS.recurring : KIND_LABELS[kind];
  }
  function kindLabel(d) {
    var kind = data.kinds[dl(d, 'kind')];
    return kind === 'recurring' ? 'định kỳ ' + recurrenceText(dl(d, 'recurrence')) : KIND_LABELS[kind];
  }
  function buildCalendar() {
    var columns = [
      { label: 'Ngày', sort: 'day', width: '10.5rem' },
      { label: 'Kế hoạch', sort: 'plan', width: '20%' },
      { label: 'Mục', sort: 'section', width: '5.5rem' },
      { label: 'Thời hạn, việc phải xong', sort: null },
      { label: 'Cơ quan', sort: null, width: '26%' },
    ];
    calendar.table = new VirtualTable(document.getElementById('c-table'), columns, function (entry) {
      var d = entry[0], day = entry[1];
      var p = dl(d, 'plan');
      var tr = el('tr');
      tr.setAttribute('data-d', String(d));
      cell(tr, dateLabel(d, day), kindLabel(d));
      cell(tr, planLabel(p), planTitle(p));
      var page = dl(d, 'page');
      cell(tr, str(dl(d, 'section')), page >= 0 ? 'tr. ' + page : null);
      cell(tr, str(dl(d, 'text')), str(dl(d, 'work')));
      cell(tr, deadlineAgencyText(d, false), null, null, deadlineAgencyText(d, true));
      return tr;
    });
    calendar.sort = Sorter(calendar.table, 'day', {
      day: function (entry) { return entry[1] < 0 ? Infinity : entry[1]; },
      plan: function (entry) { return planRank()[dl(entry[0], 'plan')] * 1e6 + (entry[1] < 0 ? 999999 : entry[1] % 1e6); },
      section: function (entry) { return rankOf('deadline section', nDeadlines, function (d) { return dl(d, 'section'); }, dl(entry[0], 'section')); },
    }, drawDeadlineList);
    chooseStartMonth();
    var redrawAll = debounce(function () { filterDeadlines(); drawMonth(); });
    ['c-agency', 'c-plan', 'c-search'].forEach(function (id) { document.getElementById(id).addEventListener('input', redrawAll); });
    document.getElementById('c-prev').addEventListener('click', function () { moveMonth(-1); });
    document.getElementById('c-next').addEventListener('click', function () { moveMonth(1); });
    document.getElementById('c-month').addEventListener('change', function (event) {
      var m = /^(\d{4})-(\d{2})$/.exec(event.target.value);
      if (!m) return;
      calendar.year = Number(m[1]);
      calendar.month = Number(m[2]) - 1;
      calendar.day = -1;
      drawMonth();
    });
    document.getElementById('c-scope').addEventListener('change', drawDeadlineList);
    filterDeadlines();
    drawMonth();
  }
  function moveMonth(step) {
    var date = new Date(Date.UTC(calendar.year, calendar.month + step, 1));
    calendar.year = date.getUTCFullYear();
    calendar.month = date.getUTCMonth();
    calendar.day = -1;
    drawMonth();
  }
  function drawMonth() {
    var bounds = monthBounds();
    document.getElementById('c-month').value = calendar.year + '-' + two(calendar.month + 1);
    document.getElementById('c-month-name').textContent = 'Tháng ' + (calendar.month + 1) + '/' + calendar.year;
    var entries = monthEntries();
    calendar.entries = entries;
    var ranks = planRank();
    entries.sort(function (a, b) { return a[1] - b[1] || ranks[dl(a[0], 'plan')] - ranks[dl(b[0], 'plan')] || a[0] - b[0]; });
    var byDay = {};
    entries.forEach(function (entry) { (byDay[entry[1]] = byDay[entry[1]] || []).push(entry[0]); });
    setCount('c-month-count', entries.length, entries.length, 'thời hạn trong tháng');
    var body = document.querySelector('#c-grid tbody');
    body.textContent = '';
    var offset = (new Date(bounds.first * DAY).getUTCDay() + 6) % 7;
    var weeks = Math.ceil((offset + bounds.last - bounds.first + 1) / 7);
    for (var w = 0; w < weeks; w++) {
      var tr = el('tr');
      for (var c = 0; c < 7; c++) {
        var day = bounds.first - offset + w * 7 + c;
        var td = el('td');
        if (day < bounds.first || day > bounds.last) { td.className = 'out'; tr.appendChild(td); continue; }
        td.setAttribute('data-date', isoDate(day));
        if (day === TODAY) td.classList.add('today');
        if (day === calendar.day) td.classList.add('sel');
        var button = el('button', 'day');
        button.type = 'button';
        button.setAttribute('data-day', String(day));
        var list = byDay[day] || [];
        button.appendChild(el('span', 'dn', String(new Date(day * DAY).getUTCDate())));
        if (list.length) button.appendChild(el('span', 'n', numbers.format(list.length)));
        button.setAttribute('aria-label', vnDate(day) + ': ' + list.length + ' thời hạn');
        for (var i = 0; i < Math.min(3, list.length); i++) {
          var d = list[i];
          var chip = el('span', dl(d, 'recurrence') ? 'chip rec' : 'chip', planLabel(dl(d, 'plan')) + ': ' + str(dl(d, 'text')));
          chip.title = planLabel(dl(d, 'plan')) + ' · ' + str(dl(d, 'section')) + '\n' + str(dl(d, 'text')) + (dl(d, 'work') !== -1 ? '\n' + str(dl(d, 'work')) : '');
          button.appendChild(chip);
        }
        if (list.length > 3) button.appendChild(el('span', 'more', '+' + numbers.format(list.length - 3) + ' khác'));
        td.appendChild(button);
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    var scope = document.getElementById('c-scope');
    if (scope.value === 'day' && calendar.day < 0) scope.value = 'month';
    drawDeadlineList();
  }
  document.getElementById('c-grid').addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button.day');
    if (!button) return;
    calendar.day = Number(button.getAttribute('data-day'));
    document.querySelectorAll('#c-grid td.sel').forEach(function (td) { td.classList.remove('sel'); });
    button.parentNode.classList.add('sel');
    document.getElementById('c-scope').value = 'day';
    drawDeadlineList();
  });
  function drawDeadlineList() {
    var scope = document.getElementById('c-scope').value;
    var items;
    if (scope === 'all') {
      items = calendar.matching.map(function (d) { return [d, dl(d, 'recurrence') ? -1 : dl(d, 'due')]; });
    } else if (scope === 'day') {
      items = calendar.entries.filter(function (entry) { return entry[1] === calendar.day; });
    } else items = calendar.entries.slice();
    var noun = scope === 'all' ? 'thời hạn' : scope === 'day' ? (calendar.day >= 0 ? 'thời hạn ngày ' + vnDate(calendar.day) : 'thời hạn') : 'thời hạn trong tháng';
    document.getElementById('c-count').textContent = numbers.format(items.length) + ' ' + noun;
    calendar.table.set(calendar.sort.apply(items), scope === 'day' && calendar.day < 0 ? 'Chọn một ngày trên lịch.' : 'Không có thời hạn nào khớp.');
  }

  /* ---- Responsibility matrix: plans by agencies, counts by role, a cell's tasks beside. ---- */
  var matrix = { table: null, sort: null, page: 0, size: 8, agencies: [], rowsOfPlan: null, agencyStart: null, totals: null, selected: null };
  function responsibilityIndex() {
    if (matrix.rowsOfPlan) return;
    matrix.plansWithRows = 0;
    matrix.rowsOfPlan = new Int32Array(nPlans * 2).fill(-1);
    matrix.agencyStart = new Int32Array(nResponsibilities + 1);
    for (var r = 0; r < nResponsibilities; r++) {
      var p = responsibilities[r * RS.$ + RS.plan];
      if (matrix.rowsOfPlan[p * 2] < 0) { matrix.rowsOfPlan[p * 2] = r; matrix.plansWithRows++; }
      matrix.rowsOfPlan[p * 2 + 1] = r + 1;
      matrix.agencyStart[r + 1] = matrix.agencyStart[r] + responsibilities[r * RS.$ + RS.agencies];
    }
  }
  /* Calls visit(row, agency, role) for each mark of plan p. */
  function eachMark(p, visit) {
    var from = matrix.rowsOfPlan[p * 2];
    if (from < 0) return;
    for (var r = from; r < matrix.rowsOfPlan[p * 2 + 1]; r++) {
      for (var k = matrix.agencyStart[r]; k < matrix.agencyStart[r + 1]; k++) visit(r, responsibilityAgencies[k * RA.$ + RA.agency], responsibilityAgencies[k * RA.$ + RA.role]);
    }
  }
  function buildMatrix() {
    responsibilityIndex();
    matrix.table = new VirtualTable(document.getElementById('m-table'), matrixColumns(), matrixRow);
    matrix.sort = Sorter(matrix.table, 'order', {
      order: function (p) { return p; },
      plan: function (p) { return planRank()[p]; },
      total: function (p) { return -matrix.totals[p]; },
    }, drawMatrixRows);
    var redraw = debounce(function () { matrix.page = 0; filterMatrix(); });
    document.getElementById('m-agency').addEventListener('input', redraw);
    document.getElementById('m-plan').addEventListener('input', redraw);
    document.getElementById('m-prev').addEventListener('click', function () { turnMatrixPage(-1); });
    document.getElementById('m-next').addEventListener('click', function () { turnMatrixPage(1); });
    filterMatrix();
  }
  function pageAgencies() { return matrix.agencies.slice(matrix.page * matrix.size, (matrix.page + 1) * matrix.size); }
  function matrixColumns() {
    var columns = [{ label: 'Kế hoạch', sort: 'plan', width: '16rem' }, { label: 'Tổng', sort: 'total', width: '3.6rem', className: 'num', title: 'Số nhiệm vụ và mục có phân công của các cơ quan đang lọc' }];
    pageAgencies().forEach(function (a) {
      var label = el('div', 'c', AGENCIES[a]);
      columns.push({ node: label, className: 'ag', title: AGENCIES[a], width: '7rem' });
    });
    return columns;
  }
  function filterMatrix() {
    var agencies = agencyMatches(document.getElementById('m-agency').value);
    var chosen = planMatches(document.getElementById('m-plan').value);
    var planCount = new Int32Array(AGENCIES.length);
    var markCount = new Int32Array(AGENCIES.length);
    var lastPlan = new Int32Array(AGENCIES.length).fill(-1);
    var totals = new Int32Array(nPlans);
    var rows = [];
    for (var p = 0; p < nPlans; p++) {
      if (chosen && !chosen[p]) continue;
      eachMark(p, function (r, a) {
        if (agencies && !agencies[a]) return;
        totals[p]++;
        markCount[a]++;
        if (lastPlan[a] !== p) { lastPlan[a] = p; planCount[a]++; }
      });
      if (totals[p]) rows.push(p);
    }
    var list = [];
    for (var a = 0; a < AGENCIES.length; a++) if (planCount[a]) list.push(a);
    list.sort(function (x, y) { return planCount[y] - planCount[x] || markCount[y] - markCount[x] || collator.compare(AGENCIES[x], AGENCIES[y]); });
    matrix.agencies = list;
    matrix.totals = totals;
    matrix.rows = rows;
    drawMatrixPage();
  }
  function turnMatrixPage(step) {
    var pages = Math.max(1, Math.ceil(matrix.agencies.length / matrix.size));
    matrix.page = Math.min(pages - 1, Math.max(0, matrix.page + step));
    drawMatrixPage();
  }
  function drawMatrixPage() {
    var total = matrix.agencies.length;
    var from = matrix.page * matrix.size;
    document.getElementById('m-columns').textContent = total ? 'Cơ quan ' + (from + 1) + '–' + Math.min(total, from + matrix.size) + ' / ' + numbers.format(total) : 'Không có cơ quan';
    document.getElementById('m-prev').disabled = matrix.page === 0;
    document.getElementById('m-next').disabled = from + matrix.size >= total;
    matrix.table.setColumns(matrixColumns());
    drawMatrixRows();
  }
  function drawMatrixRows() {
    setCount('m-count', matrix.rows.length, matrix.plansWithRows, 'kế hoạch');
    matrix.table.set(matrix.sort.apply(matrix.rows), 'Không có kế hoạch nào giao việc cho cơ quan đang lọc.');
  }
  function matrixRow(p) {
    var columns = pageAgencies();
    var index = {};
    columns.forEach(function (a, i) { index[a] = i; });
    var counts = columns.map(function () { return [0, 0, 0, 0, 0]; });
    eachMark(p, function (r, a, role) { var i = index[a]; if (i !== undefined) counts[i][role]++; });
    var tr = el('tr');
    cell(tr, planLabel(p), planTitle(p));
    cell(tr, numbers.format(matrix.totals[p]), null, 'num');
    columns.forEach(function (a, i) {
      var parts = [];
      var strongest = -1;
      counts[i].forEach(function (n, role) {
        if (!n) return;
        if (strongest < 0) strongest = role;
        parts.push(ROLE_CODES[data.roles[role]] + n);
      });
      var td = el('td', 'cell');
      if (parts.length) {
        td.classList.add('r' + ROLE_CODES[data.roles[strongest]]);
        var button = el('button', null, parts.join(' '));
        button.type = 'button';
        button.setAttribute('data-plan', String(p));
        button.setAttribute('data-agency', String(a));
        var selected = matrix.selected && matrix.selected[0] === p && matrix.selected[1] === a;
        button.setAttribute('aria-pressed', selected ? 'true' : 'false');
        td.title = AGENCIES[a] + ' · ' + planLabel(p) + '\n' + counts[i].map(function (n, role) { return n ? ROLE_LABELS[data.roles[role]] + ': ' + n : ''; }).filter(Boolean).join(', ');
        td.appendChild(button);
      }
      tr.appendChild(td);
    });
    return tr;
  }
  document.getElementById('m-table').addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('td.cell button');
    if (!button) return;
    var p = Number(button.getAttribute('data-plan')), a = Number(button.getAttribute('data-agency'));
    matrix.selected = [p, a];
    document.querySelectorAll('#m-table td.cell button[aria-pressed="true"]').forEach(function (b) { b.setAttribute('aria-pressed', 'false'); });
    button.setAttribute('aria-pressed', 'true');
    showTasks(p, a);
  });
  /* The tasks (and sections) of plan p in which agency a has a role. */
  function showTasks(p, a) {
    var detail = document.getElementById('m-detail');
    detail.textContent = '';
    detail.appendChild(el('h2', null, AGENCIES[a]));
    detail.appendChild(el('p', 'plan-title', planLabel(p) + (planTitle(p) ? ' · ' + planTitle(p) : '')));
    var list = el('ol', 'tasks');
    eachMark(p, function (r, agency, role) {
      if (agency !== a) return;
      var li = el('li');
      var code = ROLE_CODES[data.roles[role]];
      li.appendChild(el('b', 'r' + code, code));
      li.appendChild(document.createTextNode(' ' + str(responsibilities[r * RS.$ + RS.label])));
      var where = [];
      var section = responsibilities[r * RS.$ + RS.section];
      if (str(section)) where.push('mục ' + str(section));
      var page = responsibilities[r * RS.$ + RS.page];
      if (page >= 0) where.push('tr. ' + page);
      where.push(responsibilities[r * RS.$ + RS.task] ? 'nhiệm vụ' : 'phân công ngoài nhiệm vụ');
      where.push(ROLE_LABELS[data.roles[role]]);
      li.appendChild(el('span', 'where', where.join(' · ')));
      list.appendChild(li);
    });
    detail.appendChild(list);
  }

  /* ---- Targets: every target of every plan, with filters. ---- */
  var targetTable, targetSort;
  function tg(t, column) { return targets[t * TG.$ + TG[column]]; }
  function buildTargets() {
    var units = {};
    for (var t = 0; t < nTargets; t++) units[tg(t, 'unit')] = (units[tg(t, 'unit')] || 0) + 1;
    var select = document.getElementById('t-unit');
    Object.keys(units).sort(function (x, y) { return units[y] - units[x] || collator.compare(str(+x), str(+y)); }).forEach(function (u) {
      var option = el('option', null, (str(+u) || '(không đơn vị)') + ' (' + numbers.format(units[u]) + ')');
      option.value = u;
      select.appendChild(option);
    });
    targetTable = new VirtualTable(document.getElementById('t-table'), [
      { label: 'Kế hoạch', sort: 'plan', width: '20%' },
      { label: 'Mục', sort: 'section', width: '5.5rem' },
      { label: 'Chỉ tiêu', sort: null },
      { label: 'Giá trị', sort: 'value', width: '10rem', className: 'num' },
      { label: 'Hướng', sort: 'direction', width: '5.5rem' },
    ], function (t) {
      var tr = el('tr');
      var p = tg(t, 'plan');
      cell(tr, planLabel(p), planTitle(p));
      var page = tg(t, 'page');
      cell(tr, str(tg(t, 'section')), page >= 0 ? 'tr. ' + page : null);
      var indicator = targetIndicator(t), sentence = str(tg(t, 'text'));
      cell(tr, indicator || sentence, indicator && sentence !== indicator ? sentence : null);
      cell(tr, targetValue(t), null, 'num');
      cell(tr, DIRECTION_LABELS[data.directions[tg(t, 'direction')]]);
      return tr;
    });
    targetSort = Sorter(targetTable, 'plan', {
      plan: function (t) { return planRank()[tg(t, 'plan')] * 1e6 + t % 1e6; },
      section: function (t) { return rankOf('target section', nTargets, function (u) { return tg(u, 'section'); }, tg(t, 'section')); },
      value: function (t) { return tg(t, 'value'); },
      direction: function (t) { return tg(t, 'direction'); },
    }, drawTargets);
    ['t-direction', 't-unit', 't-comparator'].forEach(function (id) { document.getElementById(id).addEventListener('change', drawTargets); });
    ['t-plan', 't-search'].forEach(function (id) { document.getElementById(id).addEventListener('input', debounce(drawTargets)); });
    drawTargets();
  }
  /* The indicator: a string of its own, or a part of the target's text. */
  function targetIndicator(t) {
    var ref = tg(t, 'indicator');
    if (ref !== -1) return str(ref);
    var at = tg(t, 'indicatorAt');
    return at >= 0 ? str(tg(t, 'text')).substr(at, tg(t, 'indicatorLength')) : '';
  }
  function targetValue(t) {
    var comparator = data.comparators[tg(t, 'comparator')];
    var value = tg(t, 'value'), max = tg(t, 'valueMax');
    var unit = str(tg(t, 'unit'));
    var figure = comparator === 'between' && max !== value ? numbers.format(value) + '–' + numbers.format(max) : numbers.format(value);
    return COMPARATOR_SIGNS[comparator] + figure + (unit ? (unit === '%' ? '%' : ' ' + unit) : '');
  }
  function drawTargets() {
    var chosen = planMatches(document.getElementById('t-plan').value);
    var direction = data.directions.indexOf(document.getElementById('t-direction').value);
    var unitValue = document.getElementById('t-unit').value;
    var unit = unitValue === '' ? null : Number(unitValue);
    var comparator = data.comparators.indexOf(document.getElementById('t-comparator').value);
    var needle = document.getElementById('t-search').value.trim().toLowerCase();
    var items = [];
    for (var t = 0; t < nTargets; t++) {
      if (chosen && !chosen[tg(t, 'plan')]) continue;
      if (direction >= 0 && tg(t, 'direction') !== direction) continue;
      if (unit !== null && tg(t, 'unit') !== unit) continue;
      if (comparator >= 0 && tg(t, 'comparator') !== comparator) continue;
      if (needle && (targetIndicator(t) + ' ' + str(tg(t, 'text'))).toLowerCase().indexOf(needle) < 0) continue;
      items.push(t);
    }
    setCount('t-count', items.length, nTargets, 'chỉ tiêu');
    targetTable.set(targetSort.apply(items), 'Không có chỉ tiêu nào khớp.');
  }

  /* ---- Tabs: each panel built when first opened. ---- */
  var builders = { files: buildFiles, calendar: buildCalendar, matrix: buildMatrix, targets: buildTargets };
  var tables = { files: function () { return filesTable; }, calendar: function () { return calendar.table; }, matrix: function () { return matrix.table; }, targets: function () { return targetTable; } };
  var built = {};
  var tabs = document.querySelectorAll('.tabs [role=tab]');
  var select = tabList(tabs, function (tab) {
    var id = tab.id.slice(4);
    if (id !== 'files' && !entitiesLoaded) return;
    if (!built[id]) { built[id] = true; builders[id](); }
    else if (tables[id]()) tables[id]().redraw();
  });
  select(tabs[0]);
  return function (more) {
    TEXTS = more.texts;
    deadlines = more.deadlines;
    deadlineAgencies = more.deadlineAgencies;
    targets = more.targets;
    responsibilities = more.responsibilities;
    responsibilityAgencies = more.responsibilityAgencies;
    nDeadlines = deadlines.length / DL.$;
    nTargets = targets.length / TG.$;
    nResponsibilities = responsibilities.length / RS.$;
    entitiesLoaded = true;
    /* A tab chosen while the second part was on its way is drawn now. */
    var chosen = document.querySelector('.tabs [aria-selected="true"]');
    if (chosen && chosen.id !== 'tab-files') select(chosen);
  };
  }
})();
`;
