import { escapeHtml } from './html.js';
import type { PlacedEntity } from './entities.js';

/**
 * Writes ranges of the plan's text as HTML with a `<mark>` for every entity
 * over it. Spans may overlap in any way: the text is cut at every span's start
 * and end, and each piece is wrapped in the marks covering it, outermost first
 * (the order of `compareEntities`). A mark crossing another is closed and
 * reopened, so one entity may have several pieces: the first carries its id
 * and is keyboard-focusable, every piece carries `data-e`.
 *
 * Built once in O(n log n); `render` costs the length of the range plus the
 * marks in it, so the page is written in one pass over the text.
 */
export class Highlighter {
  /** Sorted cut points; segment i is [points[i], points[i+1]). */
  private readonly points: number[];
  /** The entities covering segment i, outermost first. */
  private readonly covers: PlacedEntity[][];
  /** Entities with an empty span, by position: shown as an empty mark there. */
  private readonly empties = new Map<number, PlacedEntity[]>();
  private readonly placed = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly entities: readonly PlacedEntity[],
  ) {
    const points = new Set<number>();
    for (const e of entities) {
      if (e.start === e.end) {
        const at = this.empties.get(e.start);
        if (at) at.push(e);
        else this.empties.set(e.start, [e]);
        continue;
      }
      points.add(e.start);
      points.add(e.end);
    }
    this.points = [...points].sort((a, b) => a - b);
    // Sweep: entities arrive sorted by start, so appending keeps `active` in nesting order.
    const nonEmpty = entities.filter((e) => e.start < e.end);
    this.covers = [];
    let active: PlacedEntity[] = [];
    let next = 0;
    for (let i = 0; i + 1 < this.points.length; i++) {
      const at = this.points[i]!;
      active = active.filter((e) => e.end > at);
      while (next < nonEmpty.length && nonEmpty[next]!.start === at) active.push(nonEmpty[next++]!);
      this.covers.push(active.slice());
    }
  }

  /** Index of the segment holding `offset`, -1 before the first cut point. */
  private segmentAt(offset: number): number {
    let low = 0;
    let high = this.points.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.points[mid]! <= offset) low = mid + 1;
      else high = mid;
    }
    return low - 1;
  }

  private open(e: PlacedEntity): string {
    const first = !this.placed.has(e.key);
    this.placed.add(e.key);
    return `<mark class="e k-${e.type.type}" data-e="${e.key}"${first ? ` id="x-${e.key}" tabindex="0"` : ''}>`;
  }

  /** The text [from, to) as HTML, escaped, with its marks. */
  render(from: number, to: number): string {
    let html = '';
    const stack: PlacedEntity[] = [];
    let segment = this.segmentAt(from);
    let at = from;
    while (at < to) {
      for (const e of this.empties.get(at) ?? []) if (!this.placed.has(e.key)) html += `${this.open(e)}</mark>`;
      const segmentEnd = Math.min(to, this.points[segment + 1] ?? to);
      const cover = this.covers[segment] ?? [];
      let keep = 0;
      while (keep < stack.length && keep < cover.length && stack[keep] === cover[keep]) keep++;
      for (let k = stack.length; k > keep; k--) html += '</mark>';
      stack.length = keep;
      for (let k = keep; k < cover.length; k++) {
        stack.push(cover[k]!);
        html += this.open(cover[k]!);
      }
      html += escapeHtml(this.text.slice(at, segmentEnd));
      at = segmentEnd;
      segment++;
    }
    html += '</mark>'.repeat(stack.length);
    return html;
  }

  /** Whether the entity has been written by `render`. */
  has(key: string): boolean {
    return this.placed.has(key);
  }

  /** Entities no rendered range reached (spans only over text the page does not show as such). */
  unplaced(): PlacedEntity[] {
    return this.entities.filter((e) => !this.placed.has(e.key));
  }

  /** An entity shown by its own text, for those `unplaced` lists. */
  renderDetached(e: PlacedEntity, text: string): string {
    return `${this.open(e)}${escapeHtml(text)}</mark>`;
  }
}
