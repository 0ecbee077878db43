import { KehoachError } from '../errors.js';
import type { Limits } from '../limits.js';
import type { IngestedDocument } from './types.js';
export async function ingestDocx(_bytes: Uint8Array, _limits: Limits): Promise<IngestedDocument> { throw new KehoachError('UNSUPPORTED_FORMAT', 'DOCX not yet supported'); }
