import type { StoredDocument } from '../batch/exports.js';
import type { Limits } from '../limits.js';
import type { Reason } from '../messages.js';

/** What the sandbox and its child process say to each other. */

export interface SandboxRequest {
  id: number;
  bytes: Uint8Array;
  /** The SHA-256 of `bytes`, hashed by the parent: the child never loads node:crypto. */
  sha256: string;
  name: string;
  limits: Limits;
  /** Answer with the document as the batch stores it, not the document. */
  stored: boolean;
}

export type SandboxReply =
  | { id: number; started: true }
  | { id: number; ok: true; document: unknown }
  | { id: number; ok: true; stored: StoredDocument }
  | { id: number; ok: false; error: { code: string; message: string; reason: Reason | null; file: string | null; details: Record<string, unknown> } };
