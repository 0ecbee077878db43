/** Stylesheet of the archive report, over the shared one: the header, the four panels, fixed-height rows, the calendar and the matrix. */
export const REPORT_CSS = String.raw`
:root { --row: 44px; }
#report { display: flex; flex-direction: column; height: 100vh; }
.rhead { flex: none; padding: 0.6rem 1rem 0; background: var(--paper); border-bottom: 1px solid var(--line); }
.rhead h1 { font-size: 1.2rem; margin: 0; }
.rhead .generated { margin: 0.1rem 0 0; color: var(--muted); font-size: 0.8rem; }
.totals { display: flex; flex-wrap: wrap; gap: 0.1rem 1.1rem; margin: 0.4rem 0; font-size: 0.85rem; }
.totals dt { display: inline; color: var(--muted); }
.totals dt::after { content: ": "; }
.totals dd { display: inline; margin: 0; font-weight: 600; }
.totals .st-error dd { color: #b42318; }
.rhead .tabs { border-bottom: 0; padding: 0.3rem 0 0.5rem; }
.rhead .tabs button { font-size: 0.9rem; padding: 0.25rem 0.8rem; }

.rpanel { flex: 1; min-height: 0; display: flex; flex-direction: column; padding: 0.5rem 1rem 0.75rem; }
.rpanel[hidden] { display: none; }
.bar { flex: none; display: flex; flex-wrap: wrap; gap: 0.4rem 0.75rem; align-items: center; margin-bottom: 0.5rem; font-size: 0.85rem; }
.bar .filter { width: 16rem; margin: 0; }
.bar select, .bar button, .cal-nav input { font: inherit; padding: 0.2rem 0.35rem; border: 1px solid var(--line); border-radius: 4px; background: var(--paper); color: var(--ink); }
.bar button, .cal-nav button { cursor: pointer; }
.count { color: var(--muted); }
.hint { color: var(--muted); font-size: 0.8rem; margin: 0.3rem 0; }
.loading { flex: none; margin: 0 0 0.5rem; color: var(--muted); }
.loading.failed { color: #b42318; font-weight: 600; }
.codes { flex: none; margin: 0 0 0.5rem; font-size: 0.85rem; }
.codes .code { font: inherit; border: 1px solid #f1b8b3; background: #fff4f2; border-radius: 1rem; padding: 0.05rem 0.5rem; cursor: pointer; }
.box { flex: 1; min-height: 0; overflow: auto; background: var(--paper); border: 1px solid var(--line); }

/* Tables drawn a window at a time: every row the same height, two lines of text at most. */
.vt { width: 100%; table-layout: fixed; font-size: 0.8rem; }
.vt th, .vt td { border-width: 0 0 1px; border-color: var(--line); }
.vt thead th { position: sticky; top: 0; z-index: 2; height: 2.2rem; vertical-align: bottom; background: #eef0f5; }
.vt thead th button { font: inherit; font-weight: 600; border: 0; padding: 0; background: none; color: var(--ink); cursor: pointer; text-align: left; }
.vt thead th button::after { content: " ↕"; color: var(--muted); }
.vt thead th[aria-sort="ascending"] button::after { content: " ↑"; color: var(--ink); }
.vt thead th[aria-sort="descending"] button::after { content: " ↓"; color: var(--ink); }
.vt tbody td { height: var(--row); padding: 2px 6px; vertical-align: middle; overflow: hidden; }
.vt .c { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden; line-height: 18px; max-height: 36px; overflow-wrap: anywhere; }
.vt .sub { color: var(--muted); }
.vt .num { text-align: right; font-variant-numeric: tabular-nums; }
.vt tr.pad td { height: auto; padding: 0; border: 0; }
.vt td.none { color: var(--muted); text-align: center; }
.vt tbody tr:not(.pad):hover { background: #f7f8fb; }
.st { display: inline-block; padding: 0 0.4rem; border-radius: 1rem; font-size: 0.75rem; font-weight: 600; }
.st.s-ok { background: #e3f4e8; color: #1e6b3a; }
.st.s-error { background: #fde7e5; color: #b42318; }
.st.s-skipped { background: #eef0f5; color: var(--muted); }
.ag-role { white-space: nowrap; }

/* Calendar: the month beside the list. */
.cal-wrap { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(28rem, 2fr) 3fr; gap: 0.75rem; }
.cal { overflow: auto; }
.cal-list { min-height: 0; display: flex; flex-direction: column; }
.cal-nav { display: flex; gap: 0.4rem; align-items: center; margin-bottom: 0.4rem; font-size: 0.85rem; }
.cal-grid { width: 100%; table-layout: fixed; background: var(--paper); font-size: 0.75rem; }
.cal-grid th { text-align: center; }
.cal-grid td { height: 5.6rem; padding: 0; vertical-align: top; }
.cal-grid td.out { background: var(--ground); }
.cal-grid td button.day { display: block; width: 100%; height: 100%; padding: 0.15rem 0.25rem; border: 0; background: none; font: inherit; text-align: left; color: var(--ink); cursor: pointer; overflow: hidden; }
.cal-grid td.sel button.day { box-shadow: inset 0 0 0 2px var(--accent); }
.cal-grid td.today .dn { background: var(--accent); color: #fff; border-radius: 1rem; padding: 0 0.3rem; }
.cal-grid .dn { font-weight: 700; }
.cal-grid .n { float: right; color: var(--muted); }
.cal-grid .chip { display: block; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; margin-top: 1px; padding: 0 0.2rem; border-radius: 2px; background: var(--deadline); }
.cal-grid .chip.rec { background: #ffe9cf; }
.cal-grid .more { color: var(--muted); }

/* Matrix: plans by agencies, with the chosen cell's tasks beside it. */
.mx-wrap { flex: 1; min-height: 0; display: grid; grid-template-columns: 1fr minmax(16rem, 24rem); gap: 0.75rem; }
.mx thead th.ag { font-weight: 500; vertical-align: bottom; }
.mx thead th.ag .c { font-weight: 600; }
.mx td.cell { text-align: center; padding: 0; }
.mx tbody td:first-child, .mx thead th:first-child { position: sticky; left: 0; z-index: 1; background: var(--paper); box-shadow: inset -1px 0 0 var(--line); }
.mx thead th:first-child { z-index: 3; background: #eef0f5; }
.cal-nav strong { min-width: 7.5rem; }
.mx td.cell button { width: 100%; height: 100%; border: 0; background: none; font: inherit; cursor: pointer; }
.mx td.cell button:hover, .mx td.cell button[aria-pressed="true"] { box-shadow: inset 0 0 0 2px var(--accent); }
.mx td.cell.rC button { background: #1a56db; color: #fff; }
.mx td.cell.rT button { background: #7fa4ee; color: #fff; }
.mx td.cell.rP button { background: #dce6fb; }
.mx td.cell.rTM button, .mx td.cell.rTD button { background: #eee; }
b.rC, b.rT, b.rP, b.rTM, b.rTD { padding: 0 0.25rem; border-radius: 2px; }
b.rC { background: #1a56db; color: #fff; }
b.rT { background: #7fa4ee; color: #fff; }
b.rP { background: #dce6fb; }
b.rTM, b.rTD { background: #eee; }
.pager { display: inline-flex; gap: 0.3rem; align-items: center; }
.detail { overflow: auto; background: var(--paper); border: 1px solid var(--line); padding: 0.5rem 0.75rem; font-size: 0.85rem; }
.detail h2 { font-size: 0.95rem; margin: 0 0 0.2rem; }
.detail .plan-title { color: var(--muted); margin: 0 0 0.5rem; }
.detail ol { margin: 0; padding-left: 1.2rem; }
.detail li { margin-bottom: 0.4rem; }
.detail .where { display: block; color: var(--muted); font-size: 0.75rem; }

@media (max-width: 1000px) {
  .cal-wrap, .mx-wrap { grid-template-columns: 1fr; grid-template-rows: auto 1fr; }
  .detail { max-height: 12rem; }
}
`;
