import { XMLParser } from 'fast-xml-parser';
import { KehoachError } from '../errors.js';
import type { Limits } from '../limits.js';
import { reason } from '../messages.js';

/**
 * Gate for every XML part before any parser sees it. Office never writes a
 * DTD, so one is refused outright: that closes XXE and entity expansion
 * ("billion laughs") for every parser downstream, mammoth's included. Deep
 * nesting is refused before a recursive walk can exhaust the stack.
 */
export function assertSafeXml(xml: string, part: string, limits: Limits): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new KehoachError('CORRUPT_INPUT', reason('xmlDeclaresEntities', { part }), { details: { part } });
  }
  let depth = 0;
  let at = xml.indexOf('<');
  while (at >= 0) {
    const next = xml.charCodeAt(at + 1);
    const close = xml.indexOf('>', at);
    if (close < 0) break;
    if (next === 0x2f /* / */) depth--;
    else if (next !== 0x3f /* ? */ && next !== 0x21 /* ! */ && xml.charCodeAt(close - 1) !== 0x2f) {
      depth++;
      if (depth > limits.maxXmlDepth) {
        throw new KehoachError('LIMIT_EXCEEDED', reason('xmlTooDeep', { part, limit: limits.maxXmlDepth }), {
          details: { limit: 'maxXmlDepth', value: depth, part },
        });
      }
    }
    at = xml.indexOf('<', close);
  }
}

export type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const orderedParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
});

/** Parses XML into fast-xml-parser's ordered form, with entity processing off. */
export function parseOrderedXml(xml: string, part: string): OrderedNode[] {
  try {
    return orderedParser.parse(xml) as OrderedNode[];
  } catch (error) {
    throw new KehoachError('CORRUPT_INPUT', reason('xmlMalformed', { part }), { cause: error, details: { part, cause: (error as Error).message } });
  }
}

/** The tag name of an ordered node (its one key besides ':@'). */
export function tagOf(node: OrderedNode): string {
  return Object.keys(node).find((k) => k !== ':@') ?? '';
}

export function childrenOf(node: OrderedNode): OrderedNode[] {
  const value = node[tagOf(node)];
  return Array.isArray(value) ? (value as OrderedNode[]) : [];
}

export function attributeOf(node: OrderedNode, name: string): string | undefined {
  return node[':@']?.[name];
}

export function findChild(node: OrderedNode, tag: string): OrderedNode | undefined {
  return childrenOf(node).find((c) => tagOf(c) === tag);
}

export function textOf(node: OrderedNode): string {
  return childrenOf(node)
    .map((c) => (typeof c['#text'] === 'string' ? c['#text'] : textOf(c)))
    .join('');
}

/** The `w:val` attribute of a WordprocessingML element, if the element is there. */
export function valOf(node: OrderedNode | undefined): string | undefined {
  return node ? attributeOf(node, 'w:val') : undefined;
}

/** Predefined XML entities and character references, decoded without any DTD expansion. */
export function decodeXmlText(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    return named[ref.toLowerCase()] ?? whole;
  });
}

/** The first element named `tag` at any depth, in document order. */
export function findDeep(nodes: OrderedNode[], tag: string): OrderedNode | undefined {
  for (const node of nodes) {
    if (tagOf(node) === tag) return node;
    const inner = findDeep(childrenOf(node), tag);
    if (inner) return inner;
  }
  return undefined;
}
