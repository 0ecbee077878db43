import type { KehoachError } from '../errors.js';
import { languageOf, type Language } from '../messages.js';

/**
 * What the command line says, in the user's language: help, progress and
 * the end-of-run lines. Error reasons come from src/messages.ts; the error's
 * code is printed as is in both languages, so scripts can match it.
 */

const EN = {
  program: 'Vietnamese administrative plans (KẾ HOẠCH) to typed, validated JSON',
  lang: 'language of messages: vi or en (default: from LANG)',
  help: 'show help for the command',
  version: 'show the version',
  parse: 'parse one plan (.pdf, .docx, .doc or .txt) and print its PlanDocument JSON (or a summary) on stdout',
  parseFile: 'the plan to parse',
  compact: 'print JSON on one line',
  timeout: 'time allowed for the document, in ms',
  timeoutEach: 'time allowed per document, in ms',
  maxMemory: 'memory the document may use, decoded streams included, in MiB (default 1024)',
  format: 'what to print: json, or summary (a short text in Vietnamese)',
  xlsx: 'also write an Excel workbook: a sheet per entity type and the task table',
  ics: 'also write an iCalendar file: an all-day event per dated deadline',
  today: 'the day the summary counts the nearest deadlines from (YYYY-MM-DD; default today)',
  batch: 'parse every plan under a folder or in a .zip into JSONL and CSV outputs',
  batchInput: 'a folder or a .zip archive',
  out: 'output folder (re-running with the same folder resumes)',
  jobs: 'documents parsed at once, each in its own process (default: number of cores)',
  shard: 'process only shard i of n (by content hash)',
  force: 're-parse every input, even those with a result stored by an earlier run into --out',
  retryErrors: 're-parse the inputs whose stored result is an error (results that parsed are reused)',
  batchXlsx: 'also write plans.xlsx: a sheet per entity type and the task table of every plan',
  batchIcs: 'also write deadlines.ics: an all-day event per dated deadline of every plan',
  batchReport: 'also write report.html: counts and errors per file, a deadline calendar, the responsibility matrix across plans, the targets',
  noBom: 'write the CSV files without the UTF-8 byte order mark (it is there for Excel on Windows)',
  view: 'write one plan as a self-contained HTML page: its text with every entity highlighted, lists, section tree, matrix',
  viewFile: 'a plan (.pdf, .docx, .doc, .txt) or the JSON that "kehoach parse" wrote',
  viewOut: 'the HTML file to write ("-" for stdout; default: <file>.html beside the input)',
  positiveInteger: 'expected a positive whole number',
  mebibytes: 'expected a positive whole number of MiB',
  isoDate: 'expected a date as YYYY-MM-DD',
  oneOf: (choices: readonly string[]) => `expected one of ${choices.join(', ')}`,
  progress: (done: number, total: number, pagesPerSecond: string, eta: string, errors: number) => `${done}/${total} files, ${pagesPerSecond} pages/s, ETA ${eta} s, ${errors} errors`,
  progressBar: '{bar} {value}/{total} files | {pagesPerSecond} pages/s | ETA {eta_formatted} | {errors} errors',
  stopped: (signal: string, out: string) => `stopped by ${signal}; the files parsed so far are kept in ${out}, run the same command again to resume`,
  wrote: (file: string) => `wrote ${file}`,
  wroteSize: (file: string, kib: number) => `wrote ${file} (${kib} KiB)`,
  batchDone: (c: BatchCounts, manifest: string) =>
    `${c.files} files: ${c.ok} ok (${c.documents} documents, ${c.pages} PDF pages, ${c.resumed} from an earlier run), ${c.error} errors, ${c.skipped} skipped. Manifest: ${manifest}`,
};

interface BatchCounts {
  files: number;
  ok: number;
  documents: number;
  pages: number;
  resumed: number;
  error: number;
  skipped: number;
}

export type CliTexts = typeof EN;

const VI: CliTexts = {
  program: 'Đọc các kế hoạch hành chính (KẾ HOẠCH) thành JSON có kiểu, đã kiểm tra',
  lang: 'ngôn ngữ thông báo: vi hoặc en (mặc định: theo LANG)',
  help: 'xem hướng dẫn của lệnh',
  version: 'xem phiên bản',
  parse: 'đọc một kế hoạch (.pdf, .docx, .doc hoặc .txt) và in JSON PlanDocument (hoặc bản tóm tắt) ra stdout',
  parseFile: 'tệp kế hoạch cần đọc',
  compact: 'in JSON trên một dòng',
  timeout: 'thời gian cho phép với văn bản, tính bằng ms',
  timeoutEach: 'thời gian cho phép với mỗi văn bản, tính bằng ms',
  maxMemory: 'bộ nhớ văn bản được dùng, kể cả dữ liệu giải nén, tính bằng MiB (mặc định 1024)',
  format: 'nội dung in ra: json, hoặc summary (bản tóm tắt ngắn bằng tiếng Việt)',
  xlsx: 'ghi thêm sổ tính Excel: mỗi loại thông tin một trang và bảng nhiệm vụ',
  ics: 'ghi thêm tệp lịch iCalendar: mỗi thời hạn có ngày là một sự kiện cả ngày',
  today: 'ngày làm mốc tìm các thời hạn gần nhất trong bản tóm tắt (YYYY-MM-DD; mặc định hôm nay)',
  batch: 'đọc mọi kế hoạch trong một thư mục hoặc tệp .zip, ghi kết quả JSONL và CSV',
  batchInput: 'một thư mục hoặc một tệp .zip',
  out: 'thư mục kết quả (chạy lại với cùng thư mục thì làm tiếp phần còn lại)',
  jobs: 'số văn bản đọc cùng lúc, mỗi văn bản một tiến trình (mặc định: số lõi CPU)',
  shard: 'chỉ xử lý phần i trong n phần (chia theo mã băm nội dung)',
  force: 'đọc lại mọi tệp, kể cả các tệp đã có kết quả lưu từ lần chạy trước trong --out',
  retryErrors: 'đọc lại các tệp có kết quả lưu là lỗi (kết quả đọc được thì dùng lại)',
  batchXlsx: 'ghi thêm plans.xlsx: mỗi loại thông tin một trang và bảng nhiệm vụ của mọi kế hoạch',
  batchIcs: 'ghi thêm deadlines.ics: mỗi thời hạn có ngày của mọi kế hoạch là một sự kiện cả ngày',
  batchReport: 'ghi thêm report.html: số liệu và lỗi từng tệp, lịch thời hạn, ma trận trách nhiệm giữa các kế hoạch, các chỉ tiêu',
  noBom: 'ghi các tệp CSV không có dấu BOM UTF-8 (dấu này giúp Excel trên Windows đọc đúng tiếng Việt)',
  view: 'ghi một kế hoạch thành một trang HTML độc lập: toàn văn với mọi thông tin được tô sáng, danh sách, mục lục, ma trận trách nhiệm',
  viewFile: 'một kế hoạch (.pdf, .docx, .doc, .txt) hoặc JSON do "kehoach parse" ghi ra',
  viewOut: 'tệp HTML cần ghi ("-" là stdout; mặc định: <tệp>.html cạnh tệp đầu vào)',
  positiveInteger: 'cần một số nguyên dương',
  mebibytes: 'cần một số nguyên dương MiB',
  isoDate: 'cần một ngày dạng YYYY-MM-DD',
  oneOf: (choices) => `cần một trong: ${choices.join(', ')}`,
  progress: (done, total, pagesPerSecond, eta, errors) => `${done}/${total} tệp, ${pagesPerSecond} trang/giây, còn khoảng ${eta} giây, ${errors} lỗi`,
  progressBar: '{bar} {value}/{total} tệp | {pagesPerSecond} trang/giây | còn {eta_formatted} | {errors} lỗi',
  stopped: (signal, out) => `đã dừng do ${signal}; các tệp đã đọc được giữ trong ${out}, chạy lại đúng lệnh này để làm tiếp`,
  wrote: (file) => `đã ghi ${file}`,
  wroteSize: (file, kib) => `đã ghi ${file} (${kib} KiB)`,
  batchDone: (c, manifest) =>
    `${c.files} tệp: ${c.ok} đọc được (${c.documents} văn bản, ${c.pages} trang PDF, ${c.resumed} từ lần chạy trước), ${c.error} lỗi, ${c.skipped} bỏ qua. Danh mục: ${manifest}`,
};

/** `--lang vi` or `--lang=vi` anywhere on the command line, read before commander parses it. */
function langFlag(argv: readonly string[]): string | undefined {
  const at = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  if (at < 0) return undefined;
  return argv[at]!.includes('=') ? argv[at]!.split('=')[1] : argv[at + 1];
}

/** The language of this run: --lang, else the locale. */
export const cliLanguage = (argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): Language => languageOf(langFlag(argv), env);

export const textsFor = (language: Language): CliTexts => (language === 'vi' ? VI : EN);

/** How the command line reports an error: its stable code, then the reason in the user's language. */
export const errorLine = (error: KehoachError, language: Language): string => `kehoach: ${error.code}: ${error.messageIn(language)}\n`;
