import { attributeOf, childrenOf, findChild, tagOf, valOf, type OrderedNode } from './xml.js';

/** `<w:b/>` and `<w:b w:val="1|true|on"/>` switch bold on; `w:val="0|false|off"` switches it off. */
function boldSetting(runProperties: OrderedNode | undefined): boolean | undefined {
  const bold = runProperties && findChild(runProperties, 'w:b');
  if (!bold) return undefined;
  const value = valOf(bold);
  return value === undefined || !/^(?:0|false|off)$/i.test(value);
}

/**
 * Style ids (paragraph and character styles in styles.xml) whose text is bold,
 * following `w:basedOn`. mammoth reports only bold set on a run itself, while
 * headings are often bold through their style ("Heading 1", a custom "H1").
 */
export function boldStyleIds(stylesRoot: OrderedNode[] | null): Set<string> {
  const root = stylesRoot?.find((n) => tagOf(n) === 'w:styles');
  if (!root) return new Set();
  const styles = new Map<string, { bold: boolean | undefined; basedOn: string | undefined }>();
  for (const style of childrenOf(root).filter((c) => tagOf(c) === 'w:style')) {
    const id = attributeOf(style, 'w:styleId');
    if (id === undefined) continue;
    styles.set(id, { bold: boldSetting(findChild(style, 'w:rPr')), basedOn: valOf(findChild(style, 'w:basedOn')) });
  }
  const isBold = (id: string): boolean => {
    // basedOn chains are short; the visited set stops a cycle a hostile file may carry.
    const visited = new Set<string>();
    for (let current: string | undefined = id; current !== undefined && !visited.has(current); current = styles.get(current)?.basedOn) {
      visited.add(current);
      const bold = styles.get(current)?.bold;
      if (bold !== undefined) return bold;
    }
    return false;
  };
  return new Set([...styles.keys()].filter(isBold));
}
