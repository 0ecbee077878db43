import { KehoachError } from '../errors.js';
import type { ExtractedEntities } from '../extract/index.js';
import { OriginUnion } from '../layout/lines.js';
import { checkPlanDocument } from '../schema/check.js';
import type { Origin, PlanDocument, Section } from '../schema/document.js';
import { flattenSections } from '../structure/sections.js';
import type { Piece, StructuredDocument } from '../tree.js';
import { reason } from '../messages.js';

export interface AssembleInput {
  name: string;
  /** The SHA-256 of the input's bytes (src/content-hash.ts). */
  sha256: string;
  document: StructuredDocument;
  entities: ExtractedEntities;
}

/** Text placed with its pieces: paragraphs and footnote bodies, in text order. */
interface Placed {
  start: number;
  end: number;
  pieces: Piece[];
}

/**
 * Maps spans of the output text back to the source: the pieces a span
 * overlaps give its page, box, source paragraph, cell or input offsets.
 */
class OriginFinder {
  private readonly placed: Placed[];

  constructor(document: StructuredDocument) {
    this.placed = [...document.paragraphs, ...document.footnotes.map((f) => ({ start: f.span.start, end: f.span.end, pieces: f.pieces }))];
  }

  /** The first placed text ending after `offset` (binary search: texts are in order and do not overlap). */
  private firstEndingAfter(offset: number): number {
    let low = 0;
    let high = this.placed.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.placed[middle]!.end <= offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  originOf(span: { start: number; end: number }): Origin {
    const union = new OriginUnion();
    for (let i = this.firstEndingAfter(span.start); i < this.placed.length && this.placed[i]!.start <= span.end; i++) {
      const { start, pieces } = this.placed[i]!;
      for (const piece of pieces) {
        const pieceStart = start + piece.start;
        const pieceEnd = start + piece.end;
        // An empty span (a bare heading) still takes the piece it stands in.
        if (pieceStart < span.end ? pieceEnd > span.start : pieceStart === span.start) union.add(piece.origin);
      }
    }
    return union.origin();
  }
}

function withOrigins(sections: Section[], finder: OriginFinder): Section[] {
  // Field by field, as SectionSchema lists them (a field added there must be added here): a spread of the structure
  // stage's sections, which differ in shape, took twice as long (0.53 against 0.26 ms a pass over the corpus PDFs).
  return sections.map(({ id, path, marker, style, heading, text, span, page, children }) => ({
    id,
    path,
    marker,
    style,
    heading,
    text,
    span,
    page,
    origin: finder.originOf(span),
    children: withOrigins(children, finder),
  }));
}

/** The assemble stage: ids, origins from spans, the public shape, schema validation. It runs no other stage. */
export function assemble({ name, sha256, document, entities }: AssembleInput): PlanDocument {
  const flat = flattenSections(document.sections);
  if (document.documentType === null && flat.filter((s) => s.style === 'roman' || s.style === 'arabic').length < 2) {
    throw new KehoachError('NOT_A_PLAN', reason('notAPlan'));
  }
  const finder = new OriginFinder(document);

  // Keys in the schema's order, at every level: this object is handed out as it is (src/schema/check.ts), and must read
  // as zod's copy, which follows the schema, would.
  const plan: PlanDocument = {
    schemaVersion: '1',
    source: { name, format: document.format, sha256, pageCount: document.pageCount },
    text: document.text,
    metadata: {
      documentType: document.documentType,
      number: document.header.number,
      issuer: document.header.issuer,
      place: document.header.place,
      issuedDate: document.header.issuedDate,
      title: document.title,
      planYear: document.planYear,
      planPeriod: document.planPeriod,
      signer: document.closing.signer,
      recipients: document.closing.recipients,
    },
    sections: withOrigins(document.sections, finder),
    // One function per kind, each copying objects of one shape: one function for all five kinds made every copy
    // take V8's generic, slow path.
    targets: entities.entities.targets.map((target) => ({ ...target, origin: finder.originOf(target.span) })),
    deadlines: entities.entities.deadlines.map((deadline) => ({ ...deadline, origin: finder.originOf(deadline.span) })),
    legalReferences: entities.entities.legalReferences.map((reference) => ({ ...reference, origin: finder.originOf(reference.span) })),
    assignments: entities.entities.assignments.map((assignment) => ({ ...assignment, origin: finder.originOf(assignment.span) })),
    footnotes: document.footnotes.map(({ marker, text, span, page }) => ({ marker, text, span, page, origin: finder.originOf(span) })),
    tables: document.tables.map((table, i) => ({
      id: `tb-${i + 1}`,
      sectionPath: table.sectionPath,
      sectionId: table.sectionId,
      page: table.page,
      columns: table.columns,
      columnRoles: table.columnRoles,
      rows: table.rows,
      span: table.span,
      origin: finder.originOf(table.span),
    })),
    tasks: entities.entities.tasks.map((task) => ({ ...task, origin: finder.originOf(task.span) })),
    warnings: [...document.warnings, ...entities.warnings],
  };
  const checked = checkPlanDocument(plan);
  if (checked.issues) {
    // The schema's own words stay in the details: they name fields, for whoever mends the defect.
    throw new KehoachError('INVALID_OUTPUT', reason('invalidOutput'), { details: { issues: checked.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) } });
  }
  return checked.document;
}
