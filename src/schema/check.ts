import * as z from 'zod';
import { PlanDocumentSchema, type PlanDocument } from './document.js';

/**
 * How a parsed document is checked against the output schema. zod's parse
 * builds a copy of all it accepts, some three thousand values a plan: a
 * tenth of the text pipeline's time. What the assemble stage needs is a yes
 * or no, and the document as it built it, when that document holds no key
 * the schema does not name. Both answers come from copies of the schema
 * derived here, never written by hand: every object strict (an unnamed key
 * fails), and, for the compiled check, the recursion unrolled to a depth.
 */

type Schema = z.ZodType;

/** How many levels of a recursive schema the compiled check unrolls: deeper documents are checked by the interpreter. */
const UNROLLED_LEVELS = { section: 6, cell: 1 };

/**
 * `schema` with every object strict, its checks (a span's end after its
 * start) kept. With `depths`, each recursive (lazy) schema is unrolled that
 * many levels, the level below accepting nothing, so that zod can compile it;
 * without, the recursion stays, at any depth.
 */
function strictCopy(schema: Schema, depths: Map<Schema, number> | null, lazies = new Map<Schema, Schema>()): Schema {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  const copy = (inner: unknown): Schema => strictCopy(inner as Schema, depths, lazies);
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
      const getter = def.getter as () => Schema;
      if (depths === null) {
        let recursive = lazies.get(schema);
        if (!recursive) lazies.set(schema, (recursive = z.lazy(() => copy(getter()))));
        return recursive;
      }
      const left = depths.get(schema) ?? 0;
      if (left === 0) return z.never();
      depths.set(schema, left - 1);
      const unrolled = copy(getter());
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

/** The recursive schemas of a plan document, found from the document schema itself: sections nest, and table cells within cells. */
function unrollDepths(): Map<Schema, number> {
  const shape = PlanDocumentSchema.shape;
  const section = shape.sections.element as Schema;
  const cell = (shape.targets.element.shape.origin.shape.cell as unknown as z.ZodNullable<Schema>).unwrap();
  return new Map([
    [section, UNROLLED_LEVELS.section],
    [cell, UNROLLED_LEVELS.cell],
  ]);
}

let strictSchema: Schema | null = null;
let compiledSchema: Schema | null = null;
let documentsChecked = 0;
/**
 * Compiling costs some tens of milliseconds, more than a plan's whole check
 * by the interpreter: a process that parses one document (the command line)
 * never pays it; one that goes on (a batch's worker, an application's loop)
 * compiles at its third document.
 */
const COMPILE_AT_DOCUMENT = 3;

/** Does `plan` satisfy the output schema with no key it does not name? */
function isExactPlan(plan: PlanDocument): boolean {
  documentsChecked++;
  if (compiledSchema === null && documentsChecked >= COMPILE_AT_DOCUMENT) compiledSchema = z.compile(strictCopy(PlanDocumentSchema, unrollDepths()));
  // The compiled check's no may only mean a document nested deeper than it unrolls: the interpreter decides.
  if (compiledSchema?.validate(plan)) return true;
  strictSchema ??= strictCopy(PlanDocumentSchema, null);
  return strictSchema.validate(plan);
}

/**
 * The document the assemble stage hands out: `plan` itself when it satisfies
 * the output schema exactly, as every document kehoach builds should; else
 * zod's copy, stripped of keys the schema does not name; null with the
 * schema's issues when it fails the schema.
 */
export function checkPlanDocument(plan: PlanDocument): { document: PlanDocument; issues: null } | { document: null; issues: z.core.$ZodIssue[] } {
  if (isExactPlan(plan)) return { document: plan, issues: null };
  const checked = PlanDocumentSchema.safeParse(plan);
  return checked.success ? { document: checked.data, issues: null } : { document: null, issues: checked.error.issues };
}
