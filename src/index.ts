export { parse, type ParseOptions } from './parse.js';
export { parseText } from './pipeline.js';
export { KehoachError, isKehoachError, ERROR_CODES, type ErrorCode } from './errors.js';
export { DEFAULT_LIMITS, type Limits } from './limits.js';
export {
  PlanDocumentSchema,
  SectionSchema,
  TargetSchema,
  DeadlineSchema,
  LegalReferenceSchema,
  AssignmentSchema,
  FootnoteSchema,
  MetadataSchema,
  SourceSchema,
  SpanSchema,
  WarningSchema,
  type PlanDocument,
  type Section,
  type Target,
  type Deadline,
  type LegalReference,
  type Assignment,
  type Footnote,
  type Metadata,
  type Source,
  type Span,
  type Warning,
} from './schema/document.js';
export { normaliseText, fixToneMark, foldVietnamese } from './text/vietnamese.js';
export { renderPlanView } from './view/index.js';
export { createReportWriter, type ReportEntry, type ReportStatus, type ReportSummary, type ReportWriter, type ReportWriterOptions } from './report/index.js';
export { runBatch, type BatchOptions, type BatchProgress, type BatchSummary, type ManifestFile, type Shard } from './batch/run.js';
