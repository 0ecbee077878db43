// Import rules for the parsing pipeline, checked by dependency-cruiser
// (`npm run lint:deps`, also run by `npm test` and tests/architecture.test.ts).
//
// The pipeline stages run in this order; each may use the ones before it
// (and the shared code), never the ones after it:
const STAGES = ['ingest', 'normalise', 'layout', 'structure', 'extract', 'assemble'];
// Shared code every stage may import: src/lexicon (vocabulary as data),
// src/text (character-level helpers), src/schema, and top-level files such as
// src/errors.ts, src/limits.ts, src/tree.ts, src/content-hash.ts (unconstrained here).
const SHARED = ['lexicon', 'text', 'schema'];
// What drives the stages: it sits on top of them, never below.
const ORCHESTRATION = '^src/(pipeline\\.ts$|parse\\.ts$|sandbox/|batch/|cli/)';

const folders = (names) => `^src/(${names.join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // 1. A stage never imports a later one: data flows ingest -> ... -> assemble,
    //    so a backward import means a stage depends on work not yet done, and
    //    the stages can no longer be understood (or tested) in order.
    ...STAGES.slice(0, -1).map((stage, i) => ({
      name: `${stage}-not-to-later-stage`,
      severity: 'error',
      comment: `${stage} runs before ${STAGES.slice(i + 1).join(', ')}; it may not import them.`,
      from: { path: folders([stage]) },
      to: { path: folders(STAGES.slice(i + 1)) },
    })),
    // 2. Shared code is below every stage: if it imported a stage, that stage's
    //    logic would leak into every other stage (and cycles would follow).
    {
      name: 'shared-not-to-stage',
      severity: 'error',
      comment: 'src/lexicon, src/text and src/schema may not import any stage, the pipeline, batch or cli.',
      from: { path: folders(SHARED) },
      to: { path: [folders(STAGES), ORCHESTRATION] },
    },
    // 3. The pipeline, batch runner and CLI compose the stages; a stage reaching
    //    up into them would invert the layering (and usually make a cycle).
    {
      name: 'stage-not-to-orchestration',
      severity: 'error',
      comment: 'No stage may import src/pipeline.ts, src/batch/ or src/cli/.',
      from: { path: folders(STAGES) },
      to: { path: ORCHESTRATION },
    },
    // 4. Cycles make load order fragile in ESM and hide which module owns what.
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No circular dependencies within src/.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    // 5. Guard for the rules above: they match resolved paths, so a relative
    //    import dependency-cruiser cannot resolve would slip past all of them
    //    unseen. (tsc rejects such an import too, so in a tree that builds this
    //    only fires if the resolution set-up below stops working.)
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every relative import in src/ must resolve to a file.',
      from: { path: '^src/' },
      to: { couldNotResolve: true, path: '^\\.' },
    },
    // 6. The exports (Excel, calendar, summary) read finished PlanDocuments:
    //    the schema, the shared vocabulary and the batch's table definitions,
    //    never how a document was parsed; and no parsing code depends on them.
    {
      name: 'export-not-to-pipeline',
      severity: 'error',
      comment: 'src/export may not import a stage, the pipeline, parse, the sandbox or the CLI.',
      from: { path: '^src/export/' },
      to: { path: [folders(STAGES), '^src/(pipeline\\.ts$|parse\\.ts$|sandbox/|cli/)'] },
    },
    {
      name: 'pipeline-not-to-export',
      severity: 'error',
      comment: 'No stage, shared code, the pipeline or the sandbox may import src/export.',
      from: { path: [folders([...STAGES, ...SHARED]), '^src/(pipeline\\.ts$|parse\\.ts$|sandbox/)'] },
      to: { path: '^src/export/' },
    },
  ],
  options: {
    // Cruise src/ only; packages are leaves (not walked into). No `includeOnly`:
    // it would silently drop unresolved imports, which rule 5 must see.
    doNotFollow: { path: 'node_modules' },
    // Resolve the way tsc does. Import specifiers end in `.js` (NodeNext) and
    // dependency-cruiser maps them to the `.ts` files; the extensions list
    // keeps the lookup to what this repo has.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.d.ts', '.js', '.json'] },
    // Count `import type` too: a type-only import of a later stage is still a
    // dependency on it, even though it vanishes from the compiled JS.
    tsPreCompilationDeps: true,
  },
};
