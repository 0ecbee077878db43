/** Resource limits that keep one hostile or broken input from exhausting the machine. */
export interface Limits {
  /** Largest input file, in bytes. */
  maxInputBytes: number;
  /** Most PDF pages read. */
  maxPages: number;
  /** Largest total uncompressed size of a DOCX's parts, in bytes (zip bombs). */
  maxDocxUncompressedBytes: number;
  /** Most entries in a DOCX archive. */
  maxDocxEntries: number;
  /** Deepest XML element nesting accepted. */
  maxXmlDepth: number;
  /** Time allowed for one document, in milliseconds. */
  timeoutMs: number;
  /** Memory one document's parse may use, decoded streams and buffers included, in bytes. */
  maxMemoryBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxInputBytes: 100 * 1024 * 1024,
  maxPages: 2000,
  maxDocxUncompressedBytes: 200 * 1024 * 1024,
  maxDocxEntries: 5000,
  maxXmlDepth: 256,
  timeoutMs: 120_000,
  maxMemoryBytes: 1024 * 1024 * 1024,
};
