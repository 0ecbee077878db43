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

type ToBase64 = (this: Uint8Array, ...options: unknown[]) => string;
const uint8Prototype = Uint8Array.prototype as Uint8Array & { toBase64?: ToBase64 };

/**
 * Whether `Uint8Array.prototype.toBase64` is the engine's own (Node 25 on), or
 * another library's that was there before kehoach: left as it is then. A
 * fresh realm tells once core-js may have added one here.
 */
let engineHasToBase64: boolean | null = loadedClean ? typeof uint8Prototype.toBase64 === 'function' : null;
const engineEncodesBase64 = (): boolean => (engineHasToBase64 ??= runInNewContext('typeof Uint8Array.prototype.toBase64') === 'function');

const nativeBackedToBase64 = new WeakSet<ToBase64>();

/**
 * Where the engine has no `Uint8Array.prototype.toBase64` (Node 20 to 24),
 * core-js adds one, written in JavaScript: it builds the answer a character
 * at a time, a string of as many pieces, which the first use then copies
 * flat. pdf.js calls it, without options, on every font an operator list
 * sends (the bold-face lookup's), some hundred kilobytes each; answered by
 * Buffer's encoder instead (the same standard alphabet with padding), the
 * corpus plans' operator lists took half the time. Any other call (options,
 * an empty or detached array, shared memory, another realm's array) still
 * goes to core-js's, so that every answer and error is core-js's own.
 */
function encodeBase64Natively(): void {
  const installed = uint8Prototype.toBase64;
  if (typeof installed !== 'function' || nativeBackedToBase64.has(installed) || engineEncodesBase64()) return;
  // A rest parameter, so that `length` is 0, as core-js's and the standard's.
  const toBase64: ToBase64 = function toBase64(this: Uint8Array, ...options: unknown[]): string {
    if (options[0] === undefined && this instanceof Uint8Array && this.byteLength > 0 && this.buffer instanceof ArrayBuffer) {
      return Buffer.from(this.buffer, this.byteOffset, this.byteLength).toString('base64');
    }
    return installed.apply(this, options);
  };
  nativeBackedToBase64.add(toBase64);
  Object.defineProperty(Uint8Array.prototype, 'toBase64', { value: toBase64, writable: true, configurable: true, enumerable: false });
}

/**
 * Puts the engine's functions back where pdf.js's core-js replaced them, and
 * answers core-js's base64 encoder natively (above); a no-op when core-js
 * never ran.
 */
export function restoreEngineBuiltins(): void {
  if (loadedClean && !(CORE_JS_MARK in globalThis)) return;
  const { push, parse, stringify } = engineBuiltins();
  if (Array.prototype.push !== push) Array.prototype.push = push;
  if (JSON.parse !== parse) JSON.parse = parse;
  if (JSON.stringify !== stringify) JSON.stringify = stringify;
  encodeBase64Natively();
}
