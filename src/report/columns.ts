/**
 * The report's tables as the page receives them: each a flat array of
 * numbers, one row after another, `columns.length` numbers a row (column
 * arrays in all but layout: no object per row, no repeated keys). Strings are
 * numbers too, "string references": n >= 0 is `texts[n]` (the longer
 * strings, written as they come, once per plan; `planTexts[n]` for the plans
 * table), n <= -2 is `names[-2 - n]` (short strings, each once in the whole
 * report: deadline phrases, section paths, units, issuers, error codes), -1 is
 * none. Agencies are indexes into `agencies`. Days are days since 1970-01-01,
 * -1 for none.
 *
 * The page carries the data in two parts, each JSON compressed with gzip in
 * base64, one line each: first the plans table with its texts, the
 * dictionaries and these column names (enough for the file table, shown at
 * once), then `texts` and the other tables.
 *
 * The page reads the column names from the data, so the order below is the
 * one place it is defined.
 */
export const REPORT_COLUMNS = {
  plans: [
    'file', // string
    'sha256', // string
    'status', // STATUSES
    'code', // string
    'message', // string
    'duplicateOf', // string
    'number', // string
    'title', // string
    'issuer', // string
    'issued', // day
    'pages',
    'sections',
    'targets',
    'deadlines',
    'legalReferences',
    'assignments',
    'tasks',
    'warnings',
    'spanStart', // day
    'spanEnd', // day
  ],
  deadlines: [
    'plan', // row of plans
    'section', // string
    'text', // string
    'work', // string
    'kind', // DEADLINE_KINDS
    'due', // day
    'start', // day
    'end', // day
    'recurrence', // bits of RECURRENCES
    'page',
    'agencies', // how many pairs of deadlineAgencies are this deadline's (they follow in order)
  ],
  /** Pairs: agency, role (ROLES). */
  deadlineAgencies: ['agency', 'role'],
  targets: [
    'plan',
    'section', // string
    'indicator', // string, or -1 where it is a part of the text
    'text', // string
    'indicatorAt', // the indicator's offset in the text, or -1
    'indicatorLength',
    'direction', // DIRECTIONS
    'comparator', // COMPARATORS
    'unit', // string
    'value',
    'valueMax', // the value again where the target names one value
    'page',
  ],
  /** The rows of each plan's responsibility matrix. */
  responsibilities: [
    'plan',
    'label', // string
    'section', // string
    'page',
    'task', // 1 for a task, 0 for a section's assignments outside every task
    'agencies', // how many pairs of responsibilityAgencies are this row's
  ],
  responsibilityAgencies: ['agency', 'role'],
} as const;

export type ReportTable = keyof typeof REPORT_COLUMNS;
export const REPORT_TABLES = Object.keys(REPORT_COLUMNS) as ReportTable[];
