import { runInNewContext } from 'node:vm';

/**
 * The engine's own `Array.prototype.push`, `JSON.parse` and `JSON.stringify`,
 * kept so that they can be put back. pdf.js's legacy build carries core-js,
 * which on Node 20 replaces all three process-wide with polyfills (push and
 * stringify three to twenty times slower), for engine edge cases kehoach
 * never meets. That happens whoever loads pdf.js: kehoach, or the
 * application before or after it.
 *
 * This module is loaded with the library, so it normally sees the engine's
 * own functions and keeps them. When pdf.js was loaded first, they are gone
 * from this realm; push and stringify are then taken from a fresh realm
 * (a builtin behaves the same on any realm's values; only an error it throws
 * belongs to the other realm), and JSON.parse stays core-js's, which hands
 * every call without a reviver (all of kehoach's) straight to the engine's.
 */

interface Builtins {
  push: typeof Array.prototype.push;
  parse: typeof JSON.parse;
  stringify: typeof JSON.stringify;
}

const current = (): Builtins => ({ push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify });

/** The global core-js keeps its shared state on: its mark that it has run in this realm. */
const CORE_JS_MARK = '__core-js_shared__';

const atLoad = current();
const loadedClean = !(CORE_JS_MARK in globalThis);
let engine: Builtins | null = loadedClean ? atLoad : null;

function engineBuiltins(): Builtins {
  if (engine) return engine;
  // core-js also makes its functions' toString read "[native code]"; a fresh realm's toString is not fooled.
  const realm = runInNewContext('({ push: Array.prototype.push, stringify: JSON.stringify, toString: Function.prototype.toString })') as {
    push: Builtins['push'];
    stringify: Builtins['stringify'];
    toString: (this: unknown) => string;
  };
  const isEngines = (f: unknown): boolean => /\{\s*\[native code\]\s*\}\s*$/.test(realm.toString.call(f));
  engine = {
    push: isEngines(atLoad.push) ? atLoad.push : realm.push,
    parse: atLoad.parse,
    stringify: isEngines(atLoad.stringify) ? atLoad.stringify : realm.stringify,
  };
  return engine;
}

/** Puts the engine's functions back where pdf.js's core-js replaced them; a no-op when nothing did. */
export function restoreEngineBuiltins(): void {
  if (loadedClean && !(CORE_JS_MARK in globalThis)) return;
  const { push, parse, stringify } = engineBuiltins();
  if (Array.prototype.push !== push) Array.prototype.push = push;
  if (JSON.parse !== parse) JSON.parse = parse;
  if (JSON.stringify !== stringify) JSON.stringify = stringify;
}
