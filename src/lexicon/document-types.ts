/** Decree 30/2020 Appendix III: the type names a document is headed with, and their codes. */
export const DOCUMENT_TYPES: Array<{ name: string; code: string }> = [
  { name: 'KẾ HOẠCH', code: 'KH' },
  { name: 'CHƯƠNG TRÌNH HÀNH ĐỘNG', code: 'CTr' },
  { name: 'CHƯƠNG TRÌNH', code: 'CTr' },
  { name: 'PHƯƠNG ÁN', code: 'PA' },
  { name: 'ĐỀ ÁN', code: 'ĐA' },
  { name: 'DỰ ÁN', code: 'DA' },
  { name: 'HƯỚNG DẪN', code: 'HD' },
  { name: 'QUYẾT ĐỊNH', code: 'QĐ' },
  { name: 'CHỈ THỊ', code: 'CT' },
  { name: 'NGHỊ QUYẾT', code: 'NQ' },
  { name: 'BÁO CÁO', code: 'BC' },
  { name: 'THÔNG BÁO', code: 'TB' },
  { name: 'QUY CHẾ', code: 'QC' },
  { name: 'QUY ĐỊNH', code: 'QyĐ' },
  { name: 'CÔNG ĐIỆN', code: 'CĐ' },
  { name: 'TỜ TRÌNH', code: 'TTr' },
];
