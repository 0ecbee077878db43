import { z } from 'zod';

/** UTF-16 code-unit offsets into `PlanDocument.text`. */
export const SpanSchema = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .refine((s) => s.end >= s.start, { message: 'span.end must not precede span.start' });

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ISO date YYYY-MM-DD');
const SectionPath = z.array(z.string());
const Page = z.number().int().positive().nullable();

export const SectionStyleSchema = z.enum(['roman', 'arabic', 'decimal', 'alpha', 'paren']);

export interface Section {
  id: string;
  path: string[];
  marker: string;
  style: z.infer<typeof SectionStyleSchema>;
  heading: string | null;
  text: string;
  span: z.infer<typeof SpanSchema>;
  page: number | null;
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
    children: z.array(SectionSchema),
  }),
);

export const TargetSchema = z.object({
  id: z.string(),
  sectionPath: SectionPath,
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
});

export const RecurrenceSchema = z.enum(['quarterly', 'semiannual', 'annual', 'monthly', 'weekly']);

export const DeadlineSchema = z.object({
  id: z.string(),
  sectionPath: SectionPath,
  text: z.string(),
  kind: z.enum(['by', 'on', 'range', 'ongoing', 'recurring']),
  date: IsoDate.nullable(),
  start: IsoDate.nullable(),
  end: IsoDate.nullable(),
  recurrence: z.array(RecurrenceSchema).nullable(),
  subject: z.string().nullable(),
  span: SpanSchema,
  page: Page,
});

export const LegalReferenceSchema = z.object({
  id: z.string(),
  sectionPath: SectionPath.nullable(),
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
});

export const AssignmentRoleSchema = z.enum(['lead', 'support', 'implement', 'advise', 'monitor']);

export const AssignmentSchema = z.object({
  id: z.string(),
  sectionPath: SectionPath,
  agency: z.string(),
  agencyKey: z.string(),
  role: AssignmentRoleSchema,
  requested: z.boolean(),
  task: z.string(),
  deadlineId: z.string().nullable(),
  span: SpanSchema,
  page: Page,
});

export const FootnoteSchema = z.object({
  marker: z.string(),
  text: z.string(),
  span: SpanSchema,
  page: Page,
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
  signer: SignerSchema,
  recipients: z.array(z.string()),
});

export const SourceSchema = z.object({
  name: z.string(),
  format: z.enum(['pdf', 'docx', 'txt']),
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
export type Warning = z.infer<typeof WarningSchema>;
export type Metadata = z.infer<typeof MetadataSchema>;
export type Signer = z.infer<typeof SignerSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type PlanDocument = z.infer<typeof PlanDocumentSchema>;
