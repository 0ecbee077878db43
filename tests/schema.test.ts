import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PlanDocumentSchema } from '../src/index.js';

describe('docs/schema.json', () => {
  it('is the JSON Schema generated from the zod schemas (run `npm run schema` after changing them)', () => {
    const committed = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'docs', 'schema.json'), 'utf8')) as Record<string, unknown>;
    const generated = { title: 'PlanDocument', ...z.toJSONSchema(PlanDocumentSchema, { target: 'draft-2020-12', io: 'output' }) };
    expect(committed).toEqual(JSON.parse(JSON.stringify(generated)));
  });
});
