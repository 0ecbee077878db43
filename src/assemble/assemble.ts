import { sha256 } from '../content-hash.js';
import { KehoachError } from '../errors.js';
import type { IngestedDocument } from '../ingest/types.js';
import type { Layout } from '../layout/paragraphs.js';
import { PlanDocumentSchema, type PlanDocument } from '../schema/document.js';
import { splitDocumentParts } from '../structure/document-parts.js';
import { buildSectionTree, flattenSections, type PositionedParagraph } from '../structure/sections.js';
import { extractEntities } from '../extract/index.js';

export interface AssembleInput {
  name: string;
  bytes: Uint8Array;
  ingested: IngestedDocument;
  layout: Layout;
}

function planYearOf(title: string | null, headerYear: number | null, bodyText: string): number | null {
  const inTitle = title?.match(/năm\s+((?:19|20)\d\d)(?!\s*[-–])/u);
  if (inTitle) return Number(inTitle[1]);
  if (headerYear) return headerYear;
  const inBody = bodyText.match(/năm\s+((?:19|20)\d\d)(?!\s*[-–])/u);
  return inBody ? Number(inBody[1]) : null;
}

/** The assemble stage: lays paragraphs into one text, builds the tree, runs the extractors, validates. */
export function assemble({ name, bytes, ingested, layout }: AssembleInput): PlanDocument {
  const parts = splitDocumentParts(layout.paragraphs);
  const positioned: PositionedParagraph[] = [];
  let text = '';
  for (const paragraph of layout.paragraphs) {
    if (text.length > 0) text += '\n';
    positioned.push({ text: paragraph.text, page: paragraph.page, bold: paragraph.bold, start: text.length, end: text.length + paragraph.text.length });
    text += paragraph.text;
  }
  const footnotes = layout.footnotes.map((footnote) => {
    text += '\n' + footnote.marker + ' ';
    const start = text.length;
    text += footnote.text;
    return { marker: footnote.marker, text: footnote.text, span: { start, end: text.length }, page: footnote.page };
  });

  const body = positioned.slice(parts.bodyStart, parts.bodyEnd);
  const tree = buildSectionTree(body, text);
  const flat = flattenSections(tree.sections);
  if (parts.typeIndex < 0 && flat.filter((s) => s.style === 'roman' || s.style === 'arabic').length < 2) {
    throw new KehoachError('NOT_A_PLAN', 'no document type line ("KẾ HOẠCH") and no numbered parts: this does not read as an administrative plan');
  }
  const planYear = planYearOf(parts.title, parts.header.headerYear, body.map((p) => p.text).join('\n'));
  const entities = extractEntities({ text, paragraphs: tree.paragraphs, footnotes, planYear, headerDate: parts.header.issuedDate });

  const document: PlanDocument = {
    schemaVersion: '1',
    source: { name, format: ingested.format, sha256: sha256(bytes), pageCount: ingested.pageCount },
    text,
    metadata: {
      documentType: parts.documentType,
      number: parts.header.number,
      issuer: parts.header.issuer,
      place: parts.header.place,
      issuedDate: parts.header.issuedDate,
      title: parts.title,
      planYear,
      signer: parts.closing.signer,
      recipients: parts.closing.recipients,
    },
    sections: tree.sections,
    ...entities.entities,
    footnotes,
    warnings: [...ingested.warnings, ...entities.warnings],
  };
  const checked = PlanDocumentSchema.safeParse(document);
  if (!checked.success) {
    throw new KehoachError('INVALID_OUTPUT', `the parsed document failed its schema: ${checked.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return checked.data;
}
