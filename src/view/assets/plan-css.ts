/** Stylesheet of the plan view: the plan laid out as a page, its header, the section tree and the matrix. */
export const PLAN_CSS = String.raw`
.meta { max-width: 52rem; margin: 0 auto 1rem; }
.meta h1 { font-size: 1.35rem; margin: 0 0 0.4rem; }
.meta dl { display: flex; flex-wrap: wrap; gap: 0.2rem 1.2rem; margin: 0 0 0.5rem; font-size: 0.85rem; }
.meta dt { display: inline; color: var(--muted); }
.meta dt::after { content: ": "; }
.meta dd { display: inline; margin: 0; }
.legend { display: flex; flex-wrap: wrap; gap: 0.3rem 0.9rem; align-items: center; font-size: 0.85rem; }
.legend label { cursor: pointer; }
.legend label.k-task, .legend label.k-assignment, .legend label.k-target, .legend label.k-deadline, .legend label.k-legal { background: none; text-decoration: none; }
.legend mark.sw { padding: 0 0.25rem; }
.to-matrix { margin-left: auto; }
.warnings { margin-top: 0.5rem; font-size: 0.85rem; }
.warnings summary { cursor: pointer; color: #8a4b00; }
.warnings.none { color: var(--muted); }

#doc { max-width: 52rem; margin: 0 auto; padding: 2.5rem 3rem; background: var(--paper); box-shadow: 0 1px 3px rgba(0, 0, 0, 0.12); font: 16px/1.6 var(--text-font); }
/* Off-screen blocks skip layout until scrolled near: a 200-page plan opens as fast as a short one. */
#doc .blk { content-visibility: auto; contain-intrinsic-size: auto 12rem; position: relative; margin-left: -3rem; padding-left: 3rem; margin-right: -1rem; padding-right: 1rem; }
#doc p { margin: 0 0 0.45rem; text-align: justify; }
#doc .zone p { text-align: left; }
#doc .zone p.title { text-align: center; font-weight: 700; }
#doc .h { font-size: 1rem; margin: 1.1rem 0 0.45rem; font-weight: 700; scroll-margin-top: 2rem; }
#doc h2.h { font-size: 1.05rem; }
#doc .st-appendix { border-top: 2px solid var(--line); margin-top: 2rem; padding-top: 0.5rem; }
/* Paint containment clips a block to its box: the page label sits in the block's own left padding. */
#doc .st-appendix .h, #doc .st-part .h { text-align: center; }
#doc .d2 .h, #doc .d3 .h, #doc .d4 .h { font-style: italic; }
#doc .fn { border-top: 1px solid var(--line); margin-top: 1.5rem; padding-top: 0.4rem; font-size: 0.85rem; }
#doc .pg { position: absolute; left: 0.2rem; width: 2.4rem; text-align: right; font: 11px/1.9 var(--ui-font); font-style: normal; font-weight: 400; color: var(--muted); }
#doc .tbl { margin: 0.6rem 0 1rem; font-size: 0.85rem; line-height: 1.4; }
#doc .tbl tr[tabindex]:focus { outline: 2px solid var(--accent); }
#doc .unplaced:not(.blk) { color: var(--muted); font-style: italic; }
#doc .gap td { background: #fff8e6; font-size: 0.8rem; }
#doc .gap-label { font: 11px var(--ui-font); color: #8a4b00; border: 1px solid #e6c47a; border-radius: 3px; padding: 0 0.2rem; }
#doc .blk.unplaced { border-top: 2px dashed var(--line); margin-top: 1.5rem; }

.tree, .tree ul { list-style: none; margin: 0; padding-left: 0.9rem; font-size: 0.85rem; }
.tree { padding-left: 0; }
.tree li { margin: 0.1rem 0; }
.tree a, .tree .nolink { display: inline-block; max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; vertical-align: top; color: var(--ink); }
.tree .nolink { color: var(--muted); }
.tree summary { cursor: pointer; white-space: nowrap; }
.tree summary > a { max-width: calc(100% - 1.2rem); }
.tree li:not(:has(details)) { padding-left: 0.9rem; }

#matrix { max-width: 90rem; margin: 2rem auto 0; }
#matrix h2 { font-size: 1.1rem; }
#matrix .scroll { max-height: 85vh; overflow: auto; }
#matrix .hint { font-size: 0.85rem; color: var(--muted); }
.matrix { font-size: 0.78rem; background: var(--paper); }
.matrix thead th { position: sticky; top: 0; z-index: 1; }
.matrix thead th.ag { writing-mode: vertical-rl; transform: rotate(180deg); max-height: 14rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-weight: 500; }
.matrix tbody th { position: sticky; left: 0; background: var(--paper); font-weight: 400; min-width: 16rem; max-width: 24rem; }
.matrix td { text-align: center; min-width: 1.8rem; font-weight: 700; }
.matrix .rC { background: #1a56db; color: #fff; }
.matrix .rT { background: #7fa4ee; color: #fff; }
.matrix .rP { background: #dce6fb; }
.matrix .rTM, .matrix .rTD { background: #eee; }
b.rC, b.rT, b.rP, b.rTM, b.rTD { padding: 0 0.25rem; border-radius: 2px; }
.matrix .pgn { color: var(--muted); font-size: 0.7rem; }
`;
