import { BASE_CSS } from '../view/assets/base-css.js';
import { escapeHtml, pageAround } from '../view/html.js';
import { ROLE_LABELS } from '../view/entities.js';
import { MATRIX_ROLES } from '../view/matrix.js';
import { REPORT_CSS } from './assets/report-css.js';
import { REPORT_SCRIPT } from './assets/report-script.js';

/** The data element's type: the report's JSON, gzip-compressed, in base64. */
export const REPORT_DATA_TYPE = 'application/gzip';

/** What the header says of the whole archive, counted as the inputs were added. */
export interface ReportTotals {
  files: number;
  statuses: { ok: number; error: number; skipped: number };
  /** Inputs whose content is another input's (their entities are counted once). */
  duplicates: number;
  /** Pages of the parsed documents (PDF; other formats have none). */
  pages: number;
  /** Errors by code. */
  errorCodes: Record<string, number>;
  entities: { sections: number; targets: number; deadlines: number; legalReferences: number; assignments: number; tasks: number; warnings: number };
}

const number = new Intl.NumberFormat('vi-VN');
const n = (value: number): string => number.format(value);

function generatedLine(at: Date | null): string {
  if (!at) return '';
  const pad = (v: number): string => String(v).padStart(2, '0');
  return `<p class="generated">Lập lúc ${pad(at.getHours())}:${pad(at.getMinutes())} ngày ${pad(at.getDate())}/${pad(at.getMonth() + 1)}/${at.getFullYear()} bởi kehoach.</p>`;
}

function header(title: string, generatedAt: Date | null, t: ReportTotals): string {
  const facts: [string, number, string?][] = [
    ['Tệp', t.files],
    ['Đọc được', t.statuses.ok, 'st-ok'],
    ['Lỗi', t.statuses.error, 'st-error'],
    ['Bỏ qua', t.statuses.skipped, 'st-skipped'],
    ['Trùng nội dung', t.duplicates],
    ['Trang', t.pages],
    ['Mục', t.entities.sections],
    ['Chỉ tiêu', t.entities.targets],
    ['Thời hạn', t.entities.deadlines],
    ['Văn bản dẫn chiếu', t.entities.legalReferences],
    ['Phân công', t.entities.assignments],
    ['Nhiệm vụ', t.entities.tasks],
  ];
  const tabs = [
    ['files', 'Tệp', t.files],
    ['calendar', 'Lịch thời hạn', t.entities.deadlines],
    ['matrix', 'Ma trận trách nhiệm', null],
    ['targets', 'Chỉ tiêu', t.entities.targets],
  ] as const;
  return (
    `<header class="rhead"><h1>${escapeHtml(title)}</h1>${generatedLine(generatedAt)}` +
    `<dl class="totals">${facts.map(([k, v, c]) => `<div${c ? ` class="${c}"` : ''}><dt>${k}</dt><dd>${n(v)}</dd></div>`).join('')}</dl>` +
    `<div class="tabs" role="tablist" aria-label="Báo cáo">${tabs
      .map(
        ([id, label, count], i) =>
          `<button type="button" role="tab" id="tab-${id}" aria-controls="p-${id}" aria-selected="${i === 0}"${i === 0 ? '' : ' tabindex="-1"'}>${label}${count === null ? '' : ` <b>${n(count)}</b>`}</button>`,
      )
      .join('')}</div></header>`
  );
}

const options = (pairs: [string, string][]): string => pairs.map(([value, label]) => `<option value="${value}">${label}</option>`).join('');

function filesPanel(t: ReportTotals): string {
  const codes = Object.entries(t.errorCodes).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const byCode = codes.length
    ? `<p class="codes">Lỗi theo mã: ${codes.map(([code, count]) => `<button type="button" class="code" data-code="${escapeHtml(code)}"><code>${escapeHtml(code)}</code> <b>${n(count)}</b></button>`).join(' ')}</p>`
    : '';
  return (
    `<section class="rpanel" role="tabpanel" id="p-files" aria-labelledby="tab-files">` +
    `<div class="bar"><label>Trạng thái <select id="f-status">${options([
      ['', 'tất cả'],
      ['ok', 'đọc được'],
      ['error', 'lỗi'],
      ['skipped', 'bỏ qua'],
    ])}</select></label>` +
    `<input type="search" id="f-search" class="filter" placeholder="Tìm tệp, số, tên kế hoạch, mã lỗi…" aria-label="Tìm tệp"><span class="count" id="f-count" aria-live="polite"></span></div>` +
    `${byCode}<p class="loading" id="loading">Đang mở dữ liệu của báo cáo…</p><div class="box"><table class="vt" id="f-table"><thead></thead><tbody></tbody></table></div></section>`
  );
}

const WEEKDAYS = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];

function calendarPanel(): string {
  return (
    `<section class="rpanel" role="tabpanel" id="p-calendar" aria-labelledby="tab-calendar" hidden>` +
    `<div class="bar"><input type="search" id="c-agency" class="filter" list="agency-list" placeholder="Cơ quan…" aria-label="Lọc theo cơ quan">` +
    `<input type="search" id="c-plan" class="filter" list="plan-list" placeholder="Kế hoạch (số, tên, tệp)…" aria-label="Lọc theo kế hoạch">` +
    `<input type="search" id="c-search" class="filter" placeholder="Tìm trong thời hạn…" aria-label="Tìm trong thời hạn"></div>` +
    `<div class="cal-wrap"><div class="cal">` +
    `<div class="cal-nav"><strong id="c-month-name"></strong><button type="button" id="c-prev" aria-label="Tháng trước">‹</button><input type="month" id="c-month" aria-label="Tháng"><button type="button" id="c-next" aria-label="Tháng sau">›</button><span id="c-month-count" class="count"></span></div>` +
    `<table class="cal-grid" id="c-grid"><thead><tr>${WEEKDAYS.map((d) => `<th scope="col">${d}</th>`).join('')}</tr></thead><tbody></tbody></table>` +
    `<p class="hint">Thời hạn định kỳ hiện vào ngày cuối mỗi kỳ trong thời gian của kế hoạch; thời hạn một khoảng hiện vào ngày kết thúc. Chọn một ngày để xem danh sách của ngày đó.</p></div>` +
    `<div class="cal-list"><div class="bar"><select id="c-scope" aria-label="Phạm vi danh sách">${options([
      ['month', 'Trong tháng đang xem'],
      ['day', 'Ngày đã chọn'],
      ['all', 'Tất cả thời hạn'],
    ])}</select><span class="count" id="c-count" aria-live="polite"></span></div>` +
    `<div class="box"><table class="vt" id="c-table"><thead></thead><tbody></tbody></table></div></div></div></section>`
  );
}

function matrixPanel(): string {
  const legend = MATRIX_ROLES.map((r) => `<b class="r${r.code}">${r.code}</b> ${ROLE_LABELS[r.role]}`).join(' · ');
  return (
    `<section class="rpanel" role="tabpanel" id="p-matrix" aria-labelledby="tab-matrix" hidden>` +
    `<div class="bar"><input type="search" id="m-agency" class="filter" list="agency-list" placeholder="Cơ quan…" aria-label="Lọc theo cơ quan">` +
    `<input type="search" id="m-plan" class="filter" list="plan-list" placeholder="Kế hoạch (số, tên, tệp)…" aria-label="Lọc theo kế hoạch">` +
    `<span class="pager"><button type="button" id="m-prev" aria-label="Các cơ quan trước">‹</button><span id="m-columns"></span><button type="button" id="m-next" aria-label="Các cơ quan sau">›</button></span>` +
    `<span class="count" id="m-count" aria-live="polite"></span></div>` +
    `<p class="hint">Hàng: kế hoạch. Cột: cơ quan, nhiều kế hoạch nhất trước. Mỗi ô đếm các nhiệm vụ (và các mục có phân công ngoài nhiệm vụ) của cơ quan trong kế hoạch, theo vai trò: ${legend}. Chọn một ô để xem các nhiệm vụ.</p>` +
    `<div class="mx-wrap"><div class="box"><table class="vt mx" id="m-table"><thead></thead><tbody></tbody></table></div>` +
    `<aside class="detail" id="m-detail" aria-live="polite"><p class="empty">Chọn một ô của ma trận để xem các nhiệm vụ của cơ quan trong kế hoạch đó.</p></aside></div></section>`
  );
}

function targetsPanel(): string {
  return (
    `<section class="rpanel" role="tabpanel" id="p-targets" aria-labelledby="tab-targets" hidden>` +
    `<div class="bar"><input type="search" id="t-plan" class="filter" list="plan-list" placeholder="Kế hoạch (số, tên, tệp)…" aria-label="Lọc theo kế hoạch">` +
    `<label>Hướng <select id="t-direction">${options([
      ['', 'tất cả'],
      ['increase', 'tăng'],
      ['decrease', 'giảm'],
      ['reach', 'đạt'],
      ['maintain', 'duy trì'],
    ])}</select></label>` +
    `<label>Đơn vị <select id="t-unit"><option value="">tất cả</option></select></label>` +
    `<label>So sánh <select id="t-comparator">${options([
      ['', 'tất cả'],
      ['gte', '≥ (tối thiểu)'],
      ['gt', '> (trên)'],
      ['lte', '≤ (tối đa)'],
      ['lt', '< (dưới)'],
      ['eq', '= (bằng)'],
      ['between', '– (khoảng)'],
    ])}</select></label>` +
    `<input type="search" id="t-search" class="filter" placeholder="Tìm trong chỉ tiêu…" aria-label="Tìm trong chỉ tiêu"><span class="count" id="t-count" aria-live="polite"></span></div>` +
    `<div class="box"><table class="vt" id="t-table"><thead></thead><tbody></tbody></table></div></section>`
  );
}

/**
 * The report page cut around its data (see html.ts pageAround): the header
 * with the totals and four tabs whose tables the script draws from the data.
 */
export function reportPage(parts: { title: string; generatedAt: Date | null; totals: ReportTotals }): { head: string; tail: string } {
  const body =
    `<div id="report" aria-busy="true">${header(parts.title, parts.generatedAt, parts.totals)}` +
    `${filesPanel(parts.totals)}${calendarPanel()}${matrixPanel()}${targetsPanel()}</div>` +
    '<datalist id="agency-list"></datalist><datalist id="plan-list"></datalist>';
  return pageAround({ title: `${parts.title} — kehoach`, css: BASE_CSS + REPORT_CSS, script: REPORT_SCRIPT, body, dataType: REPORT_DATA_TYPE });
}
