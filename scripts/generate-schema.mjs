#!/usr/bin/env node
// Writes docs/schema.json from the zod schemas (the single source of truth).
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { PlanDocumentSchema } from '../dist/index.js';

const schema = z.toJSONSchema(PlanDocumentSchema, { target: 'draft-2020-12', io: 'output' });
writeFileSync(new URL('../docs/schema.json', import.meta.url), JSON.stringify({ title: 'PlanDocument', ...schema }, null, 2) + '\n');
console.log('docs/schema.json written');
