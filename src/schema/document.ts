import * as z from 'zod';

/** UTF-16 code-unit offsets into `PlanDocument.text`. */
export const SpanSchema = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .refine((s) => s.end >= s.start, { message: 'span.end must not precede span.start' });

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ISO date YYYY-MM-DD');
const SectionPath = z.array(z.string());
/** The id of the section holding an entity: unlike its path, unique where a label is printed twice. */
const SectionId = z.string().nullable();
const Page = z.number().int().positive().nullable();

const BoxSchema = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });

export const CellPositionSchema: z.ZodType<CellPositionOut> = z.lazy(() =>
  z.object({
    table: z.number().int().nonnegative(),
    row: z.number().int().nonnegative(),
    column: z.number().int().nonnegative(),
    rowSpan: z.number().int().positive(),
    colSpan: z.number().int().positive(),
    within: CellPositionSchema.nullable(),
  }),
);

interface CellPositionOut {
  table: number;
  row: number;
  column: number;
  rowSpan: number;
  colSpan: number;
  within: CellPositionOut | null;
}

/**
 * Where an entity's text came from in the source file: page and box (PDF,
 * points from the page's top-left), source paragraph and table cell (DOCX),
 * offsets into the decoded input (text). Fields a format does not know are null.
 */
export const OriginSchema = z.object({
  page: Page,
  box: BoxSchema.nullable(),
  paragraph: z.number().int().nonnegative().nullable(),
  cell: CellPositionSchema.nullable(),
  offset: SpanSchema.nullable(),
});

/** part: "Phần I" above I, II; appendix: "Phụ lục I"; row: a labelled row of a task table. */
export const SectionStyleSchema = z.enum(['part', 'roman', 'arabic', 'decimal', 'alpha', 'paren', 'appendix', 'row']);

export interface Section {
  id: string;
  path: string[];
  marker: string;
  style: z.infer<typeof SectionStyleSchema>;
  heading: string | null;
  text: string;
  span: z.infer<typeof SpanSchema>;
  page: number | null;
  origin?: z.infer<typeof OriginSchema>;
  children: Section[];
}

export const SectionSchema: z.ZodType<Section> = z.lazy(() =>
  z.object({
    id: z.string(),
    path: SectionPath,
    marker: z.string(),
    style: SectionStyleSchema,
    heading: z.string().nullable(),
    text: z.string(),
    span: SpanSchema,
    page: Page,
    origin: OriginSchema.optional(),
    children: z.array(SectionSchema),
  }),
);

export const TargetSchema = z.object({
  id: z.string(),
  sectionPath: SectionPath,
  sectionId: SectionId,
  text: z.string(),
  indicator: z.string(),
  direction: z.enum(['decrease', 'increase', 'reach', 'maintain']),
  comparator: z.enum(['gte', 'gt', 'lte', 'lt', 'eq', 'between']),
  value: z.number(),
  valueMax: z.number().nullable(),
  unit: z.string(),
  baseline: z.string().nullable(),
  span: SpanSchema,
  page: Page,
  origin: OriginSchema,
});

export const RecurrenceSchema = z.enum(['quarterly', 'semiannual', 'annual', 'monthly', 'weekly']);

export const DeadlineSchema = z.object({
  id: z.string(),
  sectionPath: SectionPath,
  sectionId: SectionId,
  text: z.string(),
  kind: z.enum(['by', 'on', 'range', 'ongoing', 'recurring']),
  date: IsoDate.nullable(),
  start: IsoDate.nullable(),
  end: IsoDate.nullable(),
  recurrence: z.array(RecurrenceSchema).nullable(),
  subject: z.string().nullable(),
  span: SpanSchema,
  page: Page,
  origin: OriginSchema,
});

export const LegalReferenceSchema = z.object({
  id: z.string(),
  sectionPath: SectionPath.nullable(),
  sectionId: SectionId,
  text: z.string(),
  type: z.string(),
  typeCode: z.string(),
  symbol: z.string().nullable(),
  number: z.string().nullable(),
  year: z.number().int().nullable(),
  issuerCode: z.string().nullable(),
  issuedDate: IsoDate.nullable(),
  issuer: z.string().nullable(),
  title: z.string().nullable(),
  inFootnote: z.boolean(),
  span: SpanSchema,
  page: Page,
  origin: OriginSchema,
});

export const AssignmentRoleSchema = z.enum(['lead', 'support', 'implement', 'advise', 'monitor']);

export const AssignmentSchema = z.object({
  id: z.string(),
  sectionPath: SectionPath,
  sectionId: SectionId,
  agency: z.string(),
  agencyKey: z.string(),
  role: AssignmentRoleSchema,
  requested: z.boolean(),
  task: z.string(),
  deadlineId: z.string().nullable(),
  span: SpanSchema,
  page: Page,
  origin: OriginSchema,
});

/**
 * A unit of work whose lead the plan names for it alone: a task-table row, or
 * a section or paragraph naming its own lead. `deadlineId` joins `deadlines`.
 */
export const TaskSchema = z.object({
  id: z.string(),
  sectionPath: SectionPath,
  sectionId: SectionId,
  text: z.string(),
  lead: z.array(z.string()),
  support: z.array(z.string()),
  deadlineId: z.string().nullable(),
  product: z.string().nullable(),
  budget: z.string().nullable(),
  span: SpanSchema,
  page: Page,
  origin: OriginSchema,
});

export const FootnoteSchema = z.object({
  marker: z.string(),
  text: z.string(),
  span: SpanSchema,
  page: Page,
  origin: OriginSchema,
});

export const ColumnRoleSchema = z.enum(['label', 'task', 'lead', 'support', 'implement', 'deadline', 'product', 'budget', 'target', 'place', 'note', 'other']);

/** A table of the body or an appendix, as read: its columns, what each holds, its rows with their sections. */
export const TableSchema = z.object({
  id: z.string(),
  sectionPath: SectionPath,
  sectionId: SectionId,
  page: Page,
  columns: z.array(z.string()),
  columnRoles: z.array(ColumnRoleSchema),
  rows: z.array(z.object({ sectionPath: SectionPath, sectionId: SectionId, cells: z.array(z.string()), header: z.boolean() })),
  span: SpanSchema,
  origin: OriginSchema,
});

export const WarningSchema = z.object({ code: z.string(), message: z.string() });

export const SignerSchema = z.object({
  name: z.string().nullable(),
  position: z.string().nullable(),
  authority: z.string().nullable(),
  onBehalfOf: z.string().nullable(),
});

export const MetadataSchema = z.object({
  documentType: z.string().nullable(),
  number: z.string().nullable(),
  issuer: z.string().nullable(),
  place: z.string().nullable(),
  issuedDate: IsoDate.nullable(),
  title: z.string().nullable(),
  planYear: z.number().int().nullable(),
  /** The period the title names ("giai đoạn 2026 - 2030", a school year), else null. */
  planPeriod: z.object({ start: z.number().int(), end: z.number().int() }).nullable(),
  signer: SignerSchema,
  recipients: z.array(z.string()),
});

export const SourceSchema = z.object({
  name: z.string(),
  format: z.enum(['pdf', 'docx', 'doc', 'txt']),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  pageCount: z.number().int().nonnegative().nullable(),
});

export const PlanDocumentSchema = z.object({
  schemaVersion: z.literal('1'),
  source: SourceSchema,
  text: z.string(),
  metadata: MetadataSchema,
  sections: z.array(SectionSchema),
  targets: z.array(TargetSchema),
  deadlines: z.array(DeadlineSchema),
  legalReferences: z.array(LegalReferenceSchema),
  assignments: z.array(AssignmentSchema),
  footnotes: z.array(FootnoteSchema),
  tables: z.array(TableSchema),
  tasks: z.array(TaskSchema),
  warnings: z.array(WarningSchema),
});

export type Span = z.infer<typeof SpanSchema>;
export type Target = z.infer<typeof TargetSchema>;
export type Deadline = z.infer<typeof DeadlineSchema>;
export type Recurrence = z.infer<typeof RecurrenceSchema>;
export type LegalReference = z.infer<typeof LegalReferenceSchema>;
export type Assignment = z.infer<typeof AssignmentSchema>;
export type AssignmentRole = z.infer<typeof AssignmentRoleSchema>;
export type Footnote = z.infer<typeof FootnoteSchema>;
export type Table = z.infer<typeof TableSchema>;
export type Task = z.infer<typeof TaskSchema>;
export type Origin = z.infer<typeof OriginSchema>;
export type Warning = z.infer<typeof WarningSchema>;
export type Metadata = z.infer<typeof MetadataSchema>;
export type Signer = z.infer<typeof SignerSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type PlanDocument = z.infer<typeof PlanDocumentSchema>;
