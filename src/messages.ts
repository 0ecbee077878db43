/**
 * Every sentence kehoach says to a person, in English and Vietnamese: error
 * reasons (the library's `message` is the English one; the CLI speaks the
 * user's language) and the command line's help and progress. A reason names
 * what went wrong with the input in the input's terms; it never quotes a
 * third-party library (that text stays in the error's `cause`).
 */

export type Language = 'en' | 'vi';

type Params = Record<string, string | number>;
type Sentence<P extends Params> = (params: P) => string;
interface Entry<P extends Params> {
  en: Sentence<P>;
  vi: Sentence<P>;
}

const entry = <P extends Params = Record<never, never>>(en: Sentence<P>, vi: Sentence<P>): Entry<P> => ({ en, vi });

/** The reasons an input is refused or a run stops, by key. */
export const REASONS = {
  // Reading the file
  noSuchFile: entry(
    () => 'no such file',
    () => 'không có tệp này',
  ),
  noSuchInput: entry(
    () => 'no such folder or archive',
    () => 'không có thư mục hay tệp nén này',
  ),
  isFolder: entry(
    () => 'a folder, not a file',
    () => 'đây là thư mục, không phải tệp',
  ),
  notRegularFile: entry<{ kind: string }>(
    ({ kind }) => `${kind}, not a regular file`,
    ({ kind }) => `${KIND_VI[kind] ?? kind}, không phải tệp thông thường`,
  ),
  permissionDenied: entry<{ errno: string }>(
    ({ errno }) => `permission denied (${errno})`,
    ({ errno }) => `không có quyền đọc (${errno})`,
  ),
  cannotRead: entry<{ errno: string }>(
    ({ errno }) => `cannot be read (${errno})`,
    ({ errno }) => `không đọc được (${errno})`,
  ),
  emptyFile: entry(
    () => 'the file is empty',
    () => 'tệp rỗng',
  ),
  emptyText: entry(
    () => 'the text is empty',
    () => 'văn bản rỗng',
  ),
  inputTooLarge: entry<{ size: number; limit: number }>(
    ({ size, limit }) => `input is ${size} bytes, over the maxInputBytes limit of ${limit}`,
    ({ size, limit }) => `tệp có ${size} byte, vượt giới hạn maxInputBytes (${limit} byte)`,
  ),
  // Formats
  binaryNotText: entry(
    () => 'binary data that is neither PDF, DOCX nor text',
    () => 'dữ liệu nhị phân, không phải PDF, DOCX hay văn bản',
  ),
  extensionMismatch: entry<{ extension: string }>(
    ({ extension }) => `named .${extension} but the bytes are not a ${extension.toUpperCase()} file`,
    ({ extension }) => `tên tệp có đuôi .${extension} nhưng nội dung không phải tệp ${extension.toUpperCase()}`,
  ),
  zipNotDocx: entry(
    () => 'a ZIP file that is not a DOCX document (no word/document.xml)',
    () => 'tệp ZIP nhưng không phải tài liệu DOCX (không có word/document.xml)',
  ),
  compoundNotWord: entry(
    () => 'a compound Office file that is not a Word document (an Excel workbook or Outlook message?)',
    () => 'tệp Office dạng compound nhưng không phải tài liệu Word (bảng tính Excel hay thư Outlook?)',
  ),
  docNoWordStream: entry(
    () => 'named .doc but holds no Word document stream: damaged or truncated',
    () => 'tên tệp có đuôi .doc nhưng không chứa nội dung tài liệu Word: tệp hỏng hoặc bị cắt cụt',
  ),
  officeEncrypted: entry(
    () => 'the Office document is password-protected',
    () => 'tài liệu Office được bảo vệ bằng mật khẩu',
  ),
  // PDF
  pdfEncrypted: entry(
    () => 'the PDF is password-protected',
    () => 'tệp PDF được bảo vệ bằng mật khẩu',
  ),
  pdfInvalid: entry(
    () => 'not a readable PDF: its structure is damaged',
    () => 'không phải tệp PDF đọc được: cấu trúc tệp bị hỏng',
  ),
  pdfCannotOpen: entry(
    () => 'the PDF could not be opened',
    () => 'không mở được tệp PDF',
  ),
  pdfNoPages: entry(
    () => 'the PDF has no pages',
    () => 'tệp PDF không có trang nào',
  ),
  pdfTooManyPages: entry<{ pages: number; limit: number }>(
    ({ pages, limit }) => `the PDF has ${pages} pages, over the maxPages limit of ${limit}`,
    ({ pages, limit }) => `tệp PDF có ${pages} trang, vượt giới hạn maxPages (${limit} trang)`,
  ),
  pdfNoTextLayer: entry<{ pages: number }>(
    ({ pages }) => `the PDF has ${pages} page(s) but no text layer (a scan?): run OCR first`,
    ({ pages }) => `tệp PDF có ${pages} trang nhưng không có lớp chữ (bản quét?): cần nhận dạng chữ (OCR) trước`,
  ),
  pdfNoPageReadable: entry(
    () => 'no page of the PDF could be read',
    () => 'không đọc được trang nào của tệp PDF',
  ),
  // DOCX and ZIP containers
  docxBodyUnreadable: entry(
    () => 'the DOCX body cannot be read',
    () => 'không đọc được phần nội dung chính của tệp DOCX',
  ),
  zipUnreadable: entry(
    () => 'the ZIP container cannot be read',
    () => 'không đọc được vỏ ZIP của tệp',
  ),
  zipDamaged: entry(
    () => 'the ZIP container is damaged',
    () => 'vỏ ZIP của tệp bị hỏng',
  ),
  zipTooManyEntries: entry<{ entries: number; limit: number }>(
    ({ entries, limit }) => `the archive has ${entries} entries, over the maxDocxEntries limit of ${limit}`,
    ({ entries, limit }) => `tệp nén có ${entries} mục, vượt giới hạn maxDocxEntries (${limit})`,
  ),
  zipTooLarge: entry<{ limit: number }>(
    ({ limit }) => `the archive inflates to more than the maxDocxUncompressedBytes limit of ${limit} bytes`,
    ({ limit }) => `tệp nén giải nén ra hơn giới hạn maxDocxUncompressedBytes (${limit} byte)`,
  ),
  zipEntryEncrypted: entry<{ entry: string }>(
    ({ entry: name }) => `the archive entry ${name} is encrypted`,
    ({ entry: name }) => `mục ${name} trong tệp nén bị mã hóa`,
  ),
  xmlDeclaresEntities: entry<{ part: string }>(
    ({ part }) => `${part} declares a DTD or entities, which Office documents never do; refused`,
    ({ part }) => `${part} khai báo DTD hoặc thực thể (entity), điều tài liệu Office không bao giờ làm; từ chối đọc`,
  ),
  xmlTooDeep: entry<{ part: string; limit: number }>(
    ({ part, limit }) => `${part} nests elements deeper than the maxXmlDepth limit of ${limit}`,
    ({ part, limit }) => `${part} lồng các phần tử sâu hơn giới hạn maxXmlDepth (${limit})`,
  ),
  xmlMalformed: entry<{ part: string }>(
    ({ part }) => `${part} is not well-formed XML`,
    ({ part }) => `${part} không phải XML hợp lệ`,
  ),
  // Word 97–2003
  docContainerDamaged: entry(
    () => 'the .doc container is damaged',
    () => 'vỏ tệp .doc bị hỏng',
  ),
  docEncrypted: entry(
    () => 'the Word document is password-protected',
    () => 'tài liệu Word được bảo vệ bằng mật khẩu',
  ),
  docUnreadable: entry(
    () => 'the .doc file cannot be read',
    () => 'không đọc được tệp .doc',
  ),
  docNoText: entry(
    () => 'the .doc file holds no text',
    () => 'tệp .doc không có chữ',
  ),
  // The parse
  unreadable: entry(
    () => 'could not be read: the file is damaged or not what its format promises',
    () => 'không đọc được: tệp bị hỏng hoặc không đúng định dạng',
  ),
  notAPlan: entry(
    () => 'no document type line ("KẾ HOẠCH") and no numbered parts: this does not read as an administrative plan',
    () => 'không có dòng tên loại văn bản ("KẾ HOẠCH") và không có các phần đánh số: đây không phải một kế hoạch',
  ),
  invalidOutput: entry(
    () => 'the parsed document failed its schema (a defect of kehoach: please report it with the file)',
    () => 'kết quả đọc không khớp lược đồ dữ liệu (lỗi của kehoach: xin báo lỗi kèm tệp)',
  ),
  timedOut: entry<{ ms: number }>(
    ({ ms }) => `parsing took longer than ${ms} ms`,
    ({ ms }) => `việc đọc văn bản vượt quá thời gian cho phép (${ms} ms)`,
  ),
  memoryExceeded: entry<{ limit: number }>(
    ({ limit }) => `the parse used more than the maxMemoryBytes limit of ${limit} bytes`,
    ({ limit }) => `việc đọc văn bản dùng quá giới hạn bộ nhớ maxMemoryBytes (${limit} byte)`,
  ),
  parserStopped: entry<{ how: string }>(
    ({ how }) => `the parser stopped unexpectedly (${how})`,
    ({ how }) => `bộ đọc dừng bất thường (${how})`,
  ),
  parserNotStarted: entry(
    () => 'the parser could not be started',
    () => 'không khởi chạy được bộ đọc',
  ),
  // The batch's input and output
  notFolderOrZip: entry(
    () => 'batch input must be a folder or a .zip archive',
    () => 'đầu vào của batch phải là một thư mục hoặc một tệp .zip',
  ),
  archiveUnreadable: entry(
    () => 'the archive cannot be read',
    () => 'không đọc được tệp nén',
  ),
  badShard: entry<{ value: string }>(
    ({ value }) => `--shard must be i/n with 0 <= i < n, got "${value}"`,
    ({ value }) => `--shard phải có dạng i/n với 0 <= i < n, nhận được "${value}"`,
  ),
  outIsFile: entry(
    () => '--out must be a folder, and this is an existing file; choose another --out',
    () => '--out phải là một thư mục, đây lại là một tệp có sẵn; hãy chọn --out khác',
  ),
  outIsInput: entry(
    () => '--out is the input folder itself; choose another --out (a folder inside the input is fine)',
    () => '--out chính là thư mục đầu vào; hãy chọn --out khác (một thư mục con bên trong đầu vào thì được)',
  ),
  outputNotWritable: entry<{ errno: string }>(
    ({ errno }) => `cannot be written: ${ERRNO_EN[errno] ?? 'the system refused'} (${errno})`,
    ({ errno }) => `không ghi được: ${ERRNO_VI[errno] ?? 'hệ thống từ chối'} (${errno})`,
  ),
  noSpace: entry<{ errno: string }>(
    ({ errno }) => `${errno === 'EDQUOT' ? 'the disk quota is used up' : 'no space left on the device'} (${errno}); parts already stored are kept, free some space and run the same command again to resume`,
    ({ errno }) => `${errno === 'EDQUOT' ? 'đã dùng hết hạn mức đĩa' : 'ổ đĩa hết chỗ trống'} (${errno}); các phần đã lưu được giữ lại, hãy giải phóng chỗ trống rồi chạy lại đúng lệnh này để làm tiếp`,
  ),
  outputLocked: entry<{ who: string; lock: string }>(
    ({ who, lock }) => `this output folder is in use by another batch (${who}). Wait for it to finish or choose another --out; if no such batch is running, delete ${lock}`,
    ({ who, lock }) => `thư mục kết quả này đang được một batch khác dùng (${who}). Hãy chờ batch đó xong hoặc chọn --out khác; nếu không có batch nào như vậy đang chạy, hãy xóa ${lock}`,
  ),
  notJson: entry(
    () => 'not valid JSON',
    () => 'không phải JSON hợp lệ',
  ),
  notPlanDocument: entry(
    () => 'not a kehoach PlanDocument (the output of "kehoach parse")',
    () => 'không phải một PlanDocument của kehoach (kết quả của "kehoach parse")',
  ),
} as const;

/** Why a file cannot be written, by errno. */
const ERRNO_EN: Record<string, string> = {
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file is in the way of a folder',
  EISDIR: 'a folder is in the way of an output file',
  ENOENT: 'its folder does not exist or was removed',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files on the system',
  ENAMETOOLONG: 'the path is too long',
  ENOSPC: 'no space left on the device',
};
const ERRNO_VI: Record<string, string> = {
  EROFS: 'hệ thống tệp chỉ cho đọc',
  EACCES: 'không có quyền',
  EPERM: 'thao tác không được phép',
  ENOTDIR: 'một phần của đường dẫn là tệp, không phải thư mục',
  EEXIST: 'một tệp chắn chỗ của thư mục',
  EISDIR: 'một thư mục chắn chỗ của tệp kết quả',
  ENOENT: 'thư mục chứa nó không tồn tại hoặc đã bị xóa',
  EIO: 'lỗi vào/ra',
  EMFILE: 'mở quá nhiều tệp',
  ENFILE: 'hệ thống mở quá nhiều tệp',
  ENAMETOOLONG: 'đường dẫn quá dài',
  ENOSPC: 'ổ đĩa hết chỗ trống',
};

/** Vietnamese names of the file kinds a reason may name. */
const KIND_VI: Record<string, string> = {
  'a FIFO, socket or device': 'FIFO, socket hoặc thiết bị',
  'a FIFO (named pipe)': 'một FIFO (ống có tên)',
  'a socket': 'một socket',
  'a character device': 'một thiết bị ký tự',
  'a block device': 'một thiết bị khối',
  'a symbolic link': 'một liên kết tượng trưng',
  'a folder': 'một thư mục',
  'an entry of unknown type': 'một mục không rõ loại',
};

export type ReasonKey = keyof typeof REASONS;
export type ReasonParams<K extends ReasonKey> = (typeof REASONS)[K] extends Entry<infer P> ? P : never;

/** A reason with its values, as an error carries it. */
export interface Reason<K extends ReasonKey = ReasonKey> {
  key: K;
  params: ReasonParams<K>;
}

/** `reason('pdfTooManyPages', { pages, limit })`: the second argument is required exactly when the sentence has values. */
export function reason<K extends ReasonKey>(key: K, ...params: keyof ReasonParams<K> extends never ? [] : [ReasonParams<K>]): Reason<K> {
  return { key, params: (params[0] ?? {}) as ReasonParams<K> };
}

export function renderReason(value: Reason, language: Language): string {
  const sentence = REASONS[value.key][language] as Sentence<Params>;
  return sentence(value.params as Params);
}

/**
 * The language of a person at this terminal: `--lang` when given, else the
 * locale (LC_ALL, LC_MESSAGES, LANG, as POSIX orders them): Vietnamese for
 * "vi" or "vi_VN…", English otherwise.
 */
export function languageOf(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Language {
  // An empty variable counts as unset, as POSIX has it.
  const chosen = flag || env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^vi(?:[_.@-]|$)/i.test(chosen) ? 'vi' : 'en';
}
