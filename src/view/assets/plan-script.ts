import { ELEMENT_SCRIPT, TAB_LIST_SCRIPT } from './base-script.js';

/**
 * Script of the plan view, plain DOM, no library. It reads the data embedded
 * in the page and draws on demand: the entity lists (a chunk at a time as the
 * list is scrolled), the tooltip of the entity under the pointer or focus, and
 * the responsibility matrix (when it comes into view). Every string from the
 * plan goes in through textContent, never as HTML.
 *
 * Kept as a string so the page can inline it; the browser tests run it.
 * (No backquotes or template placeholders inside.)
 */
export const PLAN_SCRIPT = String.raw`(function () {
  'use strict';
` + ELEMENT_SCRIPT + TAB_LIST_SCRIPT + String.raw`
  var data = JSON.parse(document.getElementById('data').textContent);
  var byLetter = {};
  data.types.forEach(function (t) { byLetter[t.letter] = t; });
  var tip = document.getElementById('tip');
  var CHUNK = 200;

  function record(key) {
    var type = byLetter[key.charAt(0)];
    return type ? { type: type, rec: type.records[Number(key.slice(1))] } : null;
  }

  /* Scroll to an element and focus it (a highlight, a heading, a row). */
  function go(id) {
    var target = document.getElementById(id);
    if (!target) return false;
    var mark = target.classList.contains('e');
    target.scrollIntoView({ block: mark ? 'center' : 'start' });
    target.focus({ preventScroll: true });
    if (mark) {
      target.classList.remove('flash');
      void target.offsetWidth;
      target.classList.add('flash');
    }
    return true;
  }

  /* The element whose scrolling moves node: its nearest ancestor that scrolls, or null for the window. */
  function scrollerOf(node) {
    for (var e = node.parentElement; e && e !== document.body && e !== document.documentElement; e = e.parentElement) {
      var overflow = getComputedStyle(e).overflowY;
      if (overflow === 'auto' || overflow === 'scroll') return e;
    }
    return null;
  }

  /*
   * Appends make(0..count-1) to container, CHUNK at a time, as its end comes
   * within NEAR pixels of the visible part of the box that scrolls it. The
   * observer's root is that box: with the window as root, the box still clips
   * the end marker and the margin does not reach inside it, so an empty marker
   * a fraction of a pixel below the box's edge (as the matrix's is, scrolled to
   * the bottom) is never seen. A scroll listener backs the observer up.
   */
  var NEAR = 600;
  function lazy(container, count, make, sentinelTag) {
    if (container.stopLazy) container.stopLazy();
    container.textContent = '';
    var shown = 0;
    var sentinel = el(sentinelTag || 'li', 'more');
    sentinel.setAttribute('aria-hidden', 'true');
    container.appendChild(sentinel);
    var scroller = scrollerOf(container);
    var target = scroller || window;
    var observer = new IntersectionObserver(function (entries) {
      for (var i = 0; i < entries.length; i++) if (entries[i].isIntersecting) { more(); return; }
    }, { root: scroller, rootMargin: NEAR + 'px 0px' });
    var pending = false;
    function onScroll() {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () {
        pending = false;
        if (!sentinel.isConnected) return;
        var bottom = scroller ? scroller.getBoundingClientRect().bottom : window.innerHeight;
        if (sentinel.getBoundingClientRect().top - bottom <= NEAR) more();
      });
    }
    function more() {
      if (!sentinel.isConnected) return;
      var fragment = document.createDocumentFragment();
      var end = Math.min(count, shown + CHUNK);
      for (; shown < end; shown++) fragment.appendChild(make(shown));
      container.insertBefore(fragment, sentinel);
      if (shown >= count) { stop(); return; }
      /* Observed afresh, the marker is reported once more: a chunk too short to push it out of reach draws the next. */
      observer.unobserve(sentinel);
      observer.observe(sentinel);
    }
    /* Also when the list is drawn again (a new filter): the old marker's watchers go with it. */
    function stop() {
      observer.disconnect();
      target.removeEventListener('scroll', onScroll);
      sentinel.remove();
      container.stopLazy = null;
    }
    container.stopLazy = stop;
    more();
    if (shown < count) {
      observer.observe(sentinel);
      target.addEventListener('scroll', onScroll, { passive: true });
    }
  }

  /* Side panel: tabs, and each entity list drawn when its tab first opens. */
  var tabs = document.querySelectorAll('.tabs [role=tab]');
  var drawn = {};
  function drawList(type, filter) {
    var panel = document.getElementById('p-' + type.type);
    var list = panel.querySelector('.list');
    var indexes = [];
    var needle = (filter || '').trim().toLowerCase();
    type.records.forEach(function (r, i) {
      if (!needle || r.l.toLowerCase().indexOf(needle) >= 0 || r.s.toLowerCase().indexOf(needle) >= 0) indexes.push(i);
    });
    if (!indexes.length) {
      if (list.stopLazy) list.stopLazy();
      list.textContent = '';
      list.appendChild(el('li', 'empty', type.records.length ? 'Không có mục nào khớp.' : 'Không có mục nào.'));
      return;
    }
    lazy(list, indexes.length, function (n) {
      var i = indexes[n];
      var r = type.records[i];
      var id = 'x-' + type.letter + i;
      var a = el('a');
      a.href = '#' + id;
      a.setAttribute('data-go', id);
      a.appendChild(el('span', 'lbl', r.l));
      var where = [];
      if (r.p) where.push('tr. ' + r.p);
      if (r.s) where.push(r.s);
      if (where.length) a.appendChild(el('span', 'where', where.join(' · ')));
      var li = el('li');
      li.appendChild(a);
      return li;
    });
  }
  tabList(tabs, function (tab) {
    var type = data.types.filter(function (t) { return 'tab-' + t.type === tab.id; })[0];
    if (type && !drawn[type.type]) { drawn[type.type] = true; drawList(type, ''); }
  });
  document.querySelectorAll('.filter').forEach(function (input) {
    input.addEventListener('input', function () {
      var type = data.types.filter(function (t) { return 'p-' + t.type === input.parentNode.id; })[0];
      if (type) drawList(type, input.value);
    });
  });

  /* Links to highlights, headings and rows: scroll there and focus. */
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('[data-go]');
    if (!link) return;
    event.preventDefault();
    var id = link.getAttribute('data-go');
    if (id === 'matrix') drawMatrix();
    go(id);
  });

  /* Legend: show or hide the highlights of one type. */
  document.querySelectorAll('[data-hide]').forEach(function (box) {
    box.addEventListener('change', function () { document.body.classList.toggle('hide-' + box.getAttribute('data-hide'), !box.checked); });
  });

  /* Tooltip: the fields of the entity under the pointer or focus, and of those enclosing it. */
  var tipFor = null;
  function showTip(mark) {
    if (tipFor === mark) return;
    tipFor = mark;
    tip.textContent = '';
    for (var m = mark, n = 0; m && n < 4; m = m.parentElement.closest('mark.e'), n++) {
      var found = record(m.getAttribute('data-e'));
      if (!found) continue;
      var box = el('div', 'tip-e k-' + found.type.type);
      box.appendChild(el('div', 'tip-h', found.type.label));
      var dl = el('dl');
      found.rec.f.forEach(function (field) {
        dl.appendChild(el('dt', null, field[0]));
        dl.appendChild(el('dd', null, field[1]));
      });
      box.appendChild(dl);
      tip.appendChild(box);
    }
    tip.hidden = false;
    placeTip();
    mark.setAttribute('aria-describedby', 'tip');
  }
  /* Below the mark's first line, or above it near the bottom of the window; hidden once the mark scrolls away. */
  function placeTip() {
    if (!tipFor) return;
    var rect = tipFor.getClientRects()[0] || tipFor.getBoundingClientRect();
    if (rect.bottom < 0 || rect.top > window.innerHeight) { hideTip(); return; }
    var height = tip.offsetHeight;
    var width = tip.offsetWidth;
    var top = rect.bottom + 6;
    if (top + height > window.innerHeight - 4) top = Math.max(4, rect.top - height - 6);
    tip.style.top = top + 'px';
    tip.style.left = Math.max(4, Math.min(rect.left, window.innerWidth - width - 4)) + 'px';
  }
  function hideTip() {
    if (tipFor) tipFor.removeAttribute('aria-describedby');
    tipFor = null;
    tip.hidden = true;
  }
  var doc = document.getElementById('doc');
  doc.addEventListener('mouseover', function (event) {
    var mark = event.target.closest('mark.e');
    if (mark) showTip(mark);
    else hideTip();
  });
  doc.addEventListener('mouseleave', hideTip);
  doc.addEventListener('focusin', function (event) {
    var mark = event.target.closest('mark.e');
    if (mark) showTip(mark);
  });
  doc.addEventListener('focusout', hideTip);
  document.addEventListener('keydown', function (event) { if (event.key === 'Escape') hideTip(); });
  var placing = false;
  document.getElementById('main').addEventListener('scroll', function () {
    if (!tipFor || placing) return;
    placing = true;
    requestAnimationFrame(function () { placing = false; placeTip(); });
  }, { passive: true });

  /* Responsibility matrix, drawn when it comes into view: rows a chunk at a time. */
  var matrixDrawn = false;
  function drawMatrix() {
    if (matrixDrawn) return;
    matrixDrawn = true;
    var matrix = data.matrix;
    var table = document.querySelector('#matrix table');
    if (!matrix.rows.length) {
      table.replaceWith(el('p', 'empty', 'Kế hoạch không giao việc cho cơ quan nào.'));
      return;
    }
    var head = el('tr');
    head.appendChild(el('th', null, 'Nhiệm vụ / mục'));
    matrix.agencies.forEach(function (name) {
      var th = el('th', 'ag', name);
      th.title = name;
      th.scope = 'col';
      head.appendChild(th);
    });
    table.tHead.appendChild(head);
    lazy(table.tBodies[0], matrix.rows.length, function (n) {
      var row = matrix.rows[n];
      var tr = el('tr');
      var th = el('th');
      th.scope = 'row';
      var a = el('a', null, row[1]);
      a.href = '#' + row[0];
      a.setAttribute('data-go', row[0]);
      th.appendChild(a);
      if (row[2]) th.appendChild(el('span', 'pgn', ' tr. ' + row[2]));
      tr.appendChild(th);
      var marks = row[3];
      var cells = new Array(matrix.agencies.length);
      for (var i = 0; i < marks.length; i += 2) cells[marks[i]] = matrix.roles[marks[i + 1]];
      for (var c = 0; c < matrix.agencies.length; c++) {
        var role = cells[c];
        var td = el('td', role ? 'r' + role.code : null, role ? role.code : '');
        if (role) td.title = matrix.agencies[c] + ': ' + role.role;
        tr.appendChild(td);
      }
      return tr;
    }, 'tr');
  }
  var matrixSection = document.getElementById('matrix');
  new IntersectionObserver(function (entries, observer) {
    if (entries.some(function (e) { return e.isIntersecting; })) { observer.disconnect(); drawMatrix(); }
  }, { rootMargin: '400px' }).observe(matrixSection);
})();
`;
