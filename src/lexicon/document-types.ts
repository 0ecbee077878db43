/**
 * Document types (Decree 30/2020 Appendix III and Party usage): the name as
 * cited in running text, its code, and whether a plan-like document is headed
 * with it ("KẾ HOẠCH" above the subject). One table serves the title line and
 * the citations.
 */
export const DOCUMENT_TYPE_TABLE: Array<{ name: string; code: string; heading: boolean }> = [
  { name: 'Kế hoạch', code: 'KH', heading: true },
  { name: 'Chương trình hành động', code: 'CTr', heading: true },
  { name: 'Chương trình', code: 'CTr', heading: true },
  { name: 'Phương án', code: 'PA', heading: true },
  { name: 'Đề án', code: 'ĐA', heading: true },
  { name: 'Dự án', code: 'DA', heading: true },
  { name: 'Hướng dẫn', code: 'HD', heading: true },
  { name: 'Quyết định', code: 'QĐ', heading: true },
  { name: 'Chỉ thị', code: 'CT', heading: true },
  { name: 'Nghị quyết liên tịch', code: 'NQLT', heading: false },
  { name: 'Nghị quyết', code: 'NQ', heading: true },
  { name: 'Báo cáo', code: 'BC', heading: true },
  { name: 'Thông báo kết luận', code: 'TB', heading: false },
  { name: 'Thông báo', code: 'TB', heading: true },
  { name: 'Quy chế', code: 'QC', heading: true },
  { name: 'Quy định', code: 'QyĐ', heading: true },
  { name: 'Công điện', code: 'CĐ', heading: true },
  { name: 'Tờ trình', code: 'TTr', heading: true },
  { name: 'Nghị định', code: 'NĐ', heading: false },
  { name: 'Kết luận', code: 'KL', heading: false },
  { name: 'Thông tư liên tịch', code: 'TTLT', heading: false },
  { name: 'Thông tư', code: 'TT', heading: false },
  { name: 'Công văn', code: 'CV', heading: false },
  { name: 'Pháp lệnh', code: 'PL', heading: false },
  { name: 'Luật', code: 'Luật', heading: false },
  { name: 'Bộ luật', code: 'BLuật', heading: false },
  { name: 'Hiến pháp', code: 'HP', heading: false },
];

/** The type names a document is headed with, upper case as printed ("KẾ HOẠCH"), longest first. */
export const DOCUMENT_TYPES: Array<{ name: string; code: string }> = DOCUMENT_TYPE_TABLE.filter((t) => t.heading)
  .map((t) => ({ name: t.name.toUpperCase(), code: t.code }))
  .sort((a, b) => b.name.length - a.name.length);

/** Type names as cited ("Quyết định số …") and their codes. */
export const LEGAL_TYPES: Record<string, string> = Object.fromEntries(DOCUMENT_TYPE_TABLE.map((t) => [t.name, t.code]));
