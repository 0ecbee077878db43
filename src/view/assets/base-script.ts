/**
 * Script pieces shared by the plan view and the archive report, inlined into
 * each page's own script (which calls them). Plain DOM, no library; kept as
 * strings, without backquotes or template placeholders.
 */

/** An element with its class and its text (set as textContent, never as HTML). */
export const ELEMENT_SCRIPT = String.raw`
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
`;

/**
 * A row of tabs (the ARIA tab pattern): the chosen tab is selected and its
 * panel shown, the others hidden; a click chooses a tab, the arrow keys move
 * along the row. `onShow(tab)` then draws what the panel needs. Returns the
 * function that chooses a tab, for the page's own links.
 */
export const TAB_LIST_SCRIPT = String.raw`
  function tabList(tabs, onShow) {
    function select(tab) {
      tabs.forEach(function (t) {
        var on = t === tab;
        t.setAttribute('aria-selected', on ? 'true' : 'false');
        t.tabIndex = on ? 0 : -1;
        document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
      });
      onShow(tab);
    }
    tabs.forEach(function (tab, i) {
      tab.tabIndex = i === 0 ? 0 : -1;
      tab.addEventListener('click', function () { select(tab); });
      tab.addEventListener('keydown', function (event) {
        var step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
        if (!step) return;
        var next = tabs[(i + step + tabs.length) % tabs.length];
        select(next);
        next.focus();
      });
    });
    return select;
  }
`;
