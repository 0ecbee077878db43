/**
 * Stylesheet shared by kehoach's HTML pages: fonts with Vietnamese coverage,
 * the colour of each entity type, the side panel and its lists, tables, the
 * tooltip. Plain CSS in a string: the page inlines it (no build step, no file
 * to find at run time).
 */
export const BASE_CSS = String.raw`
:root {
  --ui-font: "Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
  --text-font: "Times New Roman", "Noto Serif", "Liberation Serif", "DejaVu Serif", Georgia, serif;
  --ink: #1d2330; --muted: #5b6475; --line: #d9dde5; --paper: #fff; --ground: #f3f4f7; --accent: #1a56db;
  --task: #fff0b3; --assignment: #8a5cd6; --target: #c6efce; --deadline: #ffd6a5; --legal: #cfe0ff;
  --side-width: 23rem;
}
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { font: 15px/1.5 var(--ui-font); color: var(--ink); background: var(--ground); }
a { color: var(--accent); text-decoration: none; }
a:hover, a:focus-visible { text-decoration: underline; }
code { font: 0.85em ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }

/* Entities: one look per type, the same in the text, the lists and the legend. */
mark { background: none; color: inherit; }
mark.e { border-radius: 2px; -webkit-box-decoration-break: clone; box-decoration-break: clone; cursor: help; }
.k-task { background: var(--task); }
.k-assignment { text-decoration: underline 2px var(--assignment); text-underline-offset: 3px; text-decoration-skip-ink: none; }
.k-target { background: var(--target); }
.k-deadline { background: var(--deadline); }
.k-legal { background: var(--legal); }
mark.e:empty::before { content: "\25C6"; color: var(--muted); }
mark.e:focus { outline: 2px solid var(--accent); outline-offset: 1px; }
mark.e.flash { animation: flash 1.2s ease-out; }
@keyframes flash { from { box-shadow: 0 0 0 4px rgba(26, 86, 219, 0.55); } to { box-shadow: 0 0 0 4px rgba(26, 86, 219, 0); } }
body.hide-task .k-task, body.hide-target .k-target, body.hide-deadline .k-deadline, body.hide-legal .k-legal { background: none; }
body.hide-assignment .k-assignment { text-decoration: none; }

/* Layout: side panel and main column, each scrolling on its own. */
#app { display: flex; height: 100vh; }
#side { width: var(--side-width); flex: none; display: flex; flex-direction: column; background: var(--paper); border-right: 1px solid var(--line); }
#main { flex: 1; overflow: auto; padding: 1rem 1.5rem 4rem; }
.tabs { display: flex; flex-wrap: wrap; gap: 0.25rem; padding: 0.5rem; border-bottom: 1px solid var(--line); }
.tabs button { font: inherit; font-size: 0.8rem; padding: 0.2rem 0.5rem; border: 1px solid var(--line); border-radius: 1rem; background: var(--paper); color: var(--ink); cursor: pointer; }
.tabs button[aria-selected="true"] { border-color: var(--ink); box-shadow: inset 0 0 0 1px var(--ink); }
.tabs button.k-assignment { text-decoration: none; border-bottom: 2px solid var(--assignment); }
.panel { flex: 1; overflow: auto; padding: 0.5rem 0.75rem; }
.panel[hidden] { display: none; }
.filter { width: 100%; font: inherit; padding: 0.3rem 0.5rem; margin-bottom: 0.5rem; border: 1px solid var(--line); border-radius: 4px; }
.list { list-style: none; margin: 0; padding: 0; font-size: 0.85rem; }
.list li { border-bottom: 1px solid var(--ground); }
.list a { display: block; padding: 0.3rem 0.25rem; color: var(--ink); }
.list a:hover, .list a:focus-visible { background: var(--ground); text-decoration: none; }
.list .where { display: block; color: var(--muted); font-size: 0.75rem; }
.list li.more { height: 1px; border: 0; }
.empty { color: var(--muted); font-size: 0.85rem; }

/* Tables of the plan and of the pages. */
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; }
th, td { border: 1px solid #b9bfcc; padding: 0.25rem 0.4rem; vertical-align: top; text-align: left; }
th { background: #eef0f5; font-weight: 600; }

/* Tooltip: the fields of the entities under the pointer or focus, innermost first. */
#tip { position: fixed; z-index: 10; max-width: 28rem; padding: 0.4rem 0.6rem; background: #1d2330; color: #fff; border-radius: 6px; font: 13px/1.4 var(--ui-font); box-shadow: 0 4px 16px rgba(0, 0, 0, 0.25); pointer-events: none; }
#tip[hidden] { display: none; }
#tip .tip-e + .tip-e { margin-top: 0.4rem; padding-top: 0.4rem; border-top: 1px solid #475063; }
#tip .tip-h { font-weight: 700; }
#tip .tip-h::before { content: ""; display: inline-block; width: 0.7em; height: 0.7em; margin-right: 0.35em; border-radius: 2px; background: currentColor; vertical-align: baseline; }
#tip .k-task .tip-h::before { background: var(--task); }
#tip .k-assignment .tip-h::before { background: var(--assignment); }
#tip .k-target .tip-h::before { background: var(--target); }
#tip .k-deadline .tip-h::before { background: var(--deadline); }
#tip .k-legal .tip-h::before { background: var(--legal); }
#tip .tip-e { background: none; text-decoration: none; }
#tip dl { display: grid; grid-template-columns: auto 1fr; gap: 0 0.6rem; margin: 0.2rem 0 0; }
#tip dt { color: #aeb6c6; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
#tip dd { margin: 0; overflow-wrap: anywhere; }

@media (max-width: 800px) {
  #app { flex-direction: column; height: auto; }
  #side { width: auto; max-height: 45vh; border-right: 0; border-bottom: 1px solid var(--line); }
  #main { overflow: visible; }
}
@media print {
  #side, #tip { display: none; }
  #app, #main { display: block; height: auto; overflow: visible; }
}
`;
