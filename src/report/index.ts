export { createReportWriter, REPORT_FILE, type ReportSummary, type ReportWriter, type ReportWriterOptions } from './writer.js';
export { planRows, type PlanRows, type ReportEntry, type ReportStatus } from './rows.js';
export { REPORT_COLUMNS } from './columns.js';
export type { ReportTotals } from './page.js';
