import * as z from 'zod';
import { CellPositionSchema, PlanDocumentSchema, SectionSchema, type PlanDocument } from './document.js';

/**
 * How a parsed document is checked against the output schema. zod's parse
 * builds a copy of all it accepts, some three thousand values a plan: a
 * tenth of the text pipeline's time. What the assemble stage needs is a yes
 * or no, and the document as it built it when that document holds no key
 * the schema does not name (zod's copy would drop it). From a process's
 * third document on, zod's compiled, assert-only check answers most
 * documents without a copy: it checks a copy of the schema derived here,
 * never written by hand, with every object strict (an unnamed key fails)
 * and the recursion unrolled to a depth.
 */

type Schema = z.ZodType;

/**
 * How many levels of a recursive schema the compiled check unrolls; a
 * document nested deeper is checked as the first ones are. Deeper unrolling
 * costs compile time (some tens of milliseconds at these depths).
 */
const UNROLLED_LEVELS = { section: 8, cell: 2 };

/**
 * `schema` with every object strict, its checks (a span's end after its
 * start) kept, and each recursive (lazy) schema unrolled as many levels as
 * `depths` gives it, the level below accepting nothing, so that zod can
 * compile it.
 */
function strictCopy(schema: Schema, depths: Map<Schema, number>): Schema {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  const copy = (inner: unknown): Schema => strictCopy(inner as Schema, depths);
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(Object.entries(def.shape as Record<string, Schema>).map(([key, field]) => [key, copy(field)]));
      return z.clone(schema, { ...def, shape, catchall: z.never() } as z.core.$ZodTypeDef);
    }
    case 'array':
      return z.clone(schema, { ...def, element: copy(def.element) } as z.core.$ZodTypeDef);
    case 'nullable':
    case 'optional':
      return z.clone(schema, { ...def, innerType: copy(def.innerType) } as z.core.$ZodTypeDef);
    case 'lazy': {
      const left = depths.get(schema) ?? 0;
      if (left === 0) return z.never();
      depths.set(schema, left - 1);
      const unrolled = copy((def.getter as () => Schema)());
      depths.set(schema, left);
      return unrolled;
    }
    case 'string':
    case 'number':
    case 'boolean':
    case 'enum':
    case 'literal':
    case 'null':
    case 'never':
      return schema;
    default:
      // A kind this function does not know could hide an object: it must be taught it, not pass unchecked.
      throw new Error(`strictCopy: no rule for a ${def.type} schema`);
  }
}

/** The recursive schemas of a plan document: sections nest, and table cells within cells. */
const unrollDepths = (): Map<Schema, number> =>
  new Map<Schema, number>([
    [SectionSchema, UNROLLED_LEVELS.section],
    [CellPositionSchema, UNROLLED_LEVELS.cell],
  ]);

/** The compiled check; throws where zod cannot compile it (what a test asks), rather than quietly interpreting. */
export function compileExactCheck(): Schema {
  return z.compile(strictCopy(PlanDocumentSchema, unrollDepths()), { strict: true });
}

/** Does zod's copy hold every key of `value`, at every level? It holds only keys the schema names. */
function keepsEveryKey(value: unknown, copy: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  const keys = Object.keys(value);
  if (Object.keys(copy as object).length !== keys.length) return false;
  for (const key of keys) if (!keepsEveryKey((value as Record<string, unknown>)[key], (copy as Record<string, unknown>)[key])) return false;
  return true;
}

/**
 * Compiling costs some tens of milliseconds, more than a plan's whole check
 * by zod's interpreter: a process that parses one document (the command
 * line) never pays it; one that goes on (a batch's worker, an application's
 * loop) compiles at its third document.
 */
const COMPILE_AT_DOCUMENT = 3;
let documentsChecked = 0;
/** The compiled check; null until compiled, or where it cannot be (the interpreter then checks every document). */
let compiledCheck: Schema | null = null;

function compiledCheckOnce(): Schema | null {
  documentsChecked++;
  if (documentsChecked === COMPILE_AT_DOCUMENT) {
    try {
      compiledCheck = compileExactCheck();
    } catch {
      compiledCheck = null;
    }
  }
  return compiledCheck;
}

/**
 * The document the assemble stage hands out: `plan` itself when it satisfies
 * the output schema and holds no key the schema does not name, as every
 * document kehoach builds should; else zod's copy, without those keys; null
 * with the schema's issues when it fails the schema. A no from the compiled
 * check (a document nested deeper than it unrolls, a key the schema does not
 * name, or a fault) is decided by zod's parse, as for the first documents,
 * with the same answer; such a document costs more than before, since zod
 * reads it again before answering no (the span's refinement is a function
 * its compiled code cannot vouch for).
 */
export function checkPlanDocument(plan: PlanDocument): { document: PlanDocument; issues: null } | { document: null; issues: z.core.$ZodIssue[] } {
  if (compiledCheckOnce()?.validate(plan)) return { document: plan, issues: null };
  const checked = PlanDocumentSchema.safeParse(plan);
  if (!checked.success) return { document: null, issues: checked.error.issues };
  return { document: keepsEveryKey(plan, checked.data) ? plan : checked.data, issues: null };
}
