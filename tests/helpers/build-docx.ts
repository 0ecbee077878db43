import JSZip from 'jszip';

/**
 * Writes small DOCX files for edge cases: automatic numbering, a header
 * table, tables with merged cells and nested tables, footnotes. Body paragraphs are given as WordprocessingML so a test
 * states exactly what Word would have saved.
 */

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A paragraph; `list` puts it in automatic list `numId` at `level`, `style` gives its paragraph style id; a "\n" in `text` is a line break (`w:br`). */
export function p(text: string, options: { list?: { numId: number; level: number }; bold?: boolean; footnoteId?: number; font?: string; style?: string } = {}): string {
  const style = options.style ? `<w:pStyle w:val="${options.style}"/>` : '';
  const numPr = options.list ? `<w:numPr><w:ilvl w:val="${options.list.level}"/><w:numId w:val="${options.list.numId}"/></w:numPr>` : '';
  const font = options.font ? `<w:rFonts w:ascii="${options.font}" w:hAnsi="${options.font}"/>` : '';
  const run = `<w:r><w:rPr>${font}${options.bold ? '<w:b/>' : ''}</w:rPr>${text.split('\n').map((t) => `<w:t xml:space="preserve">${escape(t)}</w:t>`).join('<w:br/>')}</w:r>`;
  const note = options.footnoteId !== undefined ? `<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="${options.footnoteId}"/></w:r>` : '';
  return `<w:p><w:pPr>${style}${numPr}</w:pPr>${run}${note}</w:p>`;
}

/** A table cell with merges: `gridSpan` grid columns wide; `vMerge` opens or continues a vertical merge. */
export interface CellSpec {
  content: string[];
  gridSpan?: number;
  vMerge?: 'restart' | 'continue';
}

export const cell = (content: string[], merge: Omit<CellSpec, 'content'> = {}): CellSpec => ({ content, ...merge });

/**
 * A borderless table, one entry per cell per row: the cell's paragraphs (a
 * nested `table(…)` among them is a nested table) or a CellSpec with merges.
 */
export function table(rows: Array<Array<string[] | CellSpec>>): string {
  const tc = (spec: string[] | CellSpec): string => {
    const { content, gridSpan, vMerge } = Array.isArray(spec) ? { content: spec } as CellSpec : spec;
    const span = gridSpan ? `<w:gridSpan w:val="${gridSpan}"/>` : '';
    const merge = vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : vMerge === 'continue' ? '<w:vMerge/>' : '';
    // Word ends every cell with a paragraph, after a nested table too.
    const body = content.join('');
    return `<w:tc><w:tcPr>${span}${merge}</w:tcPr>${body.endsWith('</w:p>') ? body : body + '<w:p/>'}</w:tc>`;
  };
  return `<w:tbl>${rows.map((row) => `<w:tr>${row.map(tc).join('')}</w:tr>`).join('')}</w:tbl>`;
}

export interface LevelDefinition {
  format: string;
  text: string;
  start?: number;
}

export interface DocxParts {
  body: string[];
  /** Abstract list definitions by numId (each numId gets its own abstract definition). */
  lists?: Record<number, LevelDefinition[]>;
  footnotes?: Record<number, string>;
  /** Paragraph styles by id: `bold` true or false sets `w:b`, absent leaves it to `basedOn`. */
  styles?: Record<string, { bold?: boolean; basedOn?: string }>;
  title?: string;
  /** Replace or add raw parts (for malformed-input tests). */
  extraParts?: Record<string, string>;
}

export async function buildDocx(parts: DocxParts): Promise<Uint8Array> {
  const zip = new JSZip();
  const hasNumbering = parts.lists !== undefined;
  const hasFootnotes = parts.footnotes !== undefined;
  const hasStyles = parts.styles !== undefined;
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>${hasNumbering ? '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>' : ''}${hasFootnotes ? '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>' : ''}${hasStyles ? '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' : ''}<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
  );
  zip.file(
    'word/_rels/document.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${hasNumbering ? '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>' : ''}${hasFootnotes ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>' : ''}${hasStyles ? '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' : ''}</Relationships>`,
  );
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${parts.body.join('')}<w:sectPr/></w:body></w:document>`);
  if (parts.lists) {
    const entries = Object.entries(parts.lists);
    const abstracts = entries
      .map(([numId, levels]) => `<w:abstractNum w:abstractNumId="${numId}">${levels.map((l, i) => `<w:lvl w:ilvl="${i}"><w:start w:val="${l.start ?? 1}"/><w:numFmt w:val="${l.format}"/><w:lvlText w:val="${escape(l.text)}"/></w:lvl>`).join('')}</w:abstractNum>`)
      .join('');
    const nums = entries.map(([numId]) => `<w:num w:numId="${numId}"><w:abstractNumId w:val="${numId}"/></w:num>`).join('');
    zip.file('word/numbering.xml', `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}>${abstracts}${nums}</w:numbering>`);
  }
  if (parts.styles) {
    const styles = Object.entries(parts.styles)
      .map(([id, style]) => {
        const basedOn = style.basedOn ? `<w:basedOn w:val="${style.basedOn}"/>` : '';
        const bold = style.bold === undefined ? '' : style.bold ? '<w:b/>' : '<w:b w:val="0"/>';
        return `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${id}"/>${basedOn}<w:rPr>${bold}</w:rPr></w:style>`;
      })
      .join('');
    zip.file('word/styles.xml', `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}>${styles}</w:styles>`);
  }
  if (parts.footnotes) {
    const notes = Object.entries(parts.footnotes)
      .map(([id, text]) => `<w:footnote w:id="${id}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> ${escape(text)}</w:t></w:r></w:p></w:footnote>`)
      .join('');
    zip.file('word/footnotes.xml', `<?xml version="1.0" encoding="UTF-8"?><w:footnotes ${W}><w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>${notes}</w:footnotes>`);
  }
  zip.file(
    'docProps/core.xml',
    `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${escape(parts.title ?? '')}</dc:title></cp:coreProperties>`,
  );
  for (const [name, content] of Object.entries(parts.extraParts ?? {})) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** The header, type name and title every plan carries, as a DOCX header table and paragraphs. */
export function planOpening(): string[] {
  return [
    table([
      [
        [p('ỦY BAN NHÂN DÂN'), p('TỈNH THỬ NGHIỆM', { bold: true }), p('Số: 12/KH-UBND')],
        [p('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true }), p('Độc lập - Tự do - Hạnh phúc', { bold: true }), p('Thử Nghiệm, ngày 05 tháng 01 năm 2026')],
      ],
    ]),
    p('KẾ HOẠCH', { bold: true }),
    p('Thực hiện công tác thử nghiệm năm 2026', { bold: true }),
  ];
}
