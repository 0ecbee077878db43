/**
 * What every ingester hands to the layout stage: lines in reading order with
 * their page and, where the format knows it, whether a line opens a paragraph.
 */
export interface SourceLine {
  text: string;
  /** 1-based page, or null for formats without pages. */
  page: number | null;
  /** true/false when the format says so (PDF indent, DOCX paragraph); null when unknown (plain text). */
  startsParagraph: boolean | null;
  /** `footnote` for a footnote body the ingester separated by font or position. */
  role: 'body' | 'footnote';
  /** Bold or otherwise emphasised as a title, when known. */
  bold?: boolean;
}

export interface IngestedDocument {
  format: 'pdf' | 'docx' | 'txt';
  pageCount: number | null;
  lines: SourceLine[];
  warnings: Array<{ code: string; message: string }>;
  /** Document title from file properties (DOCX core.xml, PDF info), when present. */
  propertiesTitle?: string | null;
}
