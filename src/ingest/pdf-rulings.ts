import type { Ruling } from '../tree.js';

/**
 * Ruling lines from a page's operator list: the straight horizontal and
 * vertical strokes a table's borders are drawn with, in the page's top-left
 * coordinates (`Box`'s). pdf.js 5 hands each path as one `constructPath` op
 * whose arguments are `[paintOp, [Float32Array | null], minMax]`: the paint
 * op (stroke, fill, endPath …) and a flat buffer of drawing commands
 * (0 moveTo x y, 1 lineTo x y, 2 curveTo 6 numbers, 3 quadraticCurveTo 4
 * numbers, 4 closePath), in the user space of the moment: the current
 * transformation matrix is tracked here from save, restore, transform and
 * form XObject ops.
 */

type Matrix = [number, number, number, number, number, number];

/** The pdf.js op codes read here (the library's `OPS` table). */
export interface PathOps {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
  endPath: number;
}

export interface OperatorList {
  fnArray: ArrayLike<number>;
  argsArray: ArrayLike<unknown>;
}

const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const QUADRATIC_CURVE_TO = 3;
const CLOSE_PATH = 4;

/** A ruling shorter than this is a tick or a rectangle's thin end, not a border. */
const MIN_LENGTH = 3;
/** A filled rectangle thinner than this is drawn as a line (Word and LibreOffice borders). */
const THIN = 2.5;

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/**
 * `viewport` maps PDF user space to the page's top-left coordinates (pdf.js's
 * `viewport.transform` at scale 1: page rotation and a crop box not at the
 * origin are taken care of there).
 */
export function readRulings(operators: OperatorList, ops: PathOps, viewport: Matrix): Ruling[] {
  const rulings: Ruling[] = [];
  let ctm: Matrix = [...viewport];
  const stack: Matrix[] = [];
  const strokeOps = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const fillOps = new Set([ops.fill, ops.eoFill]);

  const addSegment = (ax: number, ay: number, bx: number, by: number): void => {
    const [x1, y1] = apply(ctm, ax, ay);
    const [x2, y2] = apply(ctm, bx, by);
    const horizontal = Math.abs(y1 - y2) < 1 && Math.abs(x1 - x2) >= MIN_LENGTH;
    const vertical = Math.abs(x1 - x2) < 1 && Math.abs(y1 - y2) >= MIN_LENGTH;
    if (horizontal) rulings.push({ x1: Math.min(x1, x2), y1: (y1 + y2) / 2, x2: Math.max(x1, x2), y2: (y1 + y2) / 2 });
    else if (vertical) rulings.push({ x1: (x1 + x2) / 2, y1: Math.min(y1, y2), x2: (x1 + x2) / 2, y2: Math.max(y1, y2) });
  };

  for (let i = 0; i < operators.fnArray.length; i++) {
    const fn = operators.fnArray[i]!;
    const args = operators.argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform && args) ctm = multiply(ctm, args as Matrix);
    else if (fn === ops.paintFormXObjectBegin && args) {
      // A form XObject runs in its own graphics state, under its matrix.
      stack.push(ctm);
      const matrix = args[0] as number[] | null;
      if (Array.isArray(matrix) || ArrayBuffer.isView(matrix)) ctm = multiply(ctm, Array.from(matrix as ArrayLike<number>) as Matrix);
    } else if (fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === ops.constructPath && args) {
      const paint = args[0] as number;
      const data = (args[1] as Array<ArrayLike<number> | null> | undefined)?.[0];
      // A path only clipped (endPath) or of curves draws no border.
      if (!data || !(strokeOps.has(paint) || fillOps.has(paint))) continue;
      if (fillOps.has(paint)) addThinFills(data, addSegment);
      else addStrokes(data, addSegment);
    }
  }
  return rulings;
}

/** Every straight piece of a stroked path, closing lines included. */
function addStrokes(data: ArrayLike<number>, add: (ax: number, ay: number, bx: number, by: number) => void): void {
  let startX = 0;
  let startY = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i < data.length; ) {
    const op = data[i++];
    if (op === MOVE_TO) {
      x = startX = data[i++]!;
      y = startY = data[i++]!;
    } else if (op === LINE_TO) {
      const nx = data[i++]!;
      const ny = data[i++]!;
      add(x, y, nx, ny);
      x = nx;
      y = ny;
    } else if (op === CURVE_TO) {
      i += 4;
      x = data[i++]!;
      y = data[i++]!;
    } else if (op === QUADRATIC_CURVE_TO) {
      i += 2;
      x = data[i++]!;
      y = data[i++]!;
    } else if (op === CLOSE_PATH) {
      add(x, y, startX, startY);
      x = startX;
      y = startY;
    } else return;
  }
}

/**
 * A filled path is a border only when it is a thin rectangle: its middle line
 * is the ruling. Wider fills (cell shading, page backgrounds) are left out.
 */
function addThinFills(data: ArrayLike<number>, add: (ax: number, ay: number, bx: number, by: number) => void): void {
  let points: Array<[number, number]> = [];
  const flush = (): void => {
    if (points.length >= 4) {
      const xs = points.map((p) => p[0]);
      const ys = points.map((p) => p[1]);
      const [left, right, bottom, top] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      // Only axis-aligned rectangles: every corner on the bounding box.
      const rectangular = points.every(([px, py]) => (px === left || px === right) && (py === bottom || py === top));
      if (rectangular && top - bottom <= THIN) add(left, (top + bottom) / 2, right, (top + bottom) / 2);
      else if (rectangular && right - left <= THIN) add((left + right) / 2, bottom, (left + right) / 2, top);
    }
    points = [];
  };
  for (let i = 0; i < data.length; ) {
    const op = data[i++];
    if (op === MOVE_TO) {
      flush();
      points.push([data[i++]!, data[i++]!]);
    } else if (op === LINE_TO) points.push([data[i++]!, data[i++]!]);
    else if (op === CURVE_TO) {
      i += 6;
      points = [];
    } else if (op === QUADRATIC_CURVE_TO) {
      i += 4;
      points = [];
    } else if (op === CLOSE_PATH) flush();
    else return;
  }
  flush();
}
