/**
 * The cluster ring images named by `ringImageExpression` (defect-layers.ts), drawn on a canvas when MapLibre
 * first needs one (`setMissingStyleImageResolver`). The key parsing and the geometry are pure; only `drawRing` touches a
 * canvas.
 */
import { cpuContext } from './cpu-canvas';
import { RING_PREFIX, RING_STEPS } from './defect-layers';

/** Ring size in CSS pixels before `icon-size`, and the device pixels per CSS pixel it is drawn at. */
const RING_SIZE_PX = 56;
const PIXEL_RATIO = 2;
const OUTER_R = 22;
const INNER_R = 14;
const OVERDUE_R = 26;
const OVERDUE_WIDTH = 3.5;
const CENTER_COLOR = '#ffffff';

export interface RingSpec {
  /** Steps per lifecycle state, in campaign order. */
  states: number[];
  overdue: number;
}

/** Reads a ring id (`defect-ring:3,0,5,…:2`); null when it is not one. */
export function parseRingKey(id: string): RingSpec | null {
  if (!id.startsWith(RING_PREFIX)) return null;
  const [states, overdue] = id.slice(RING_PREFIX.length).split(':');
  if (overdue === undefined) return null;
  const numbers = states === '' ? [] : states.split(',').map(Number);
  const o = Number(overdue);
  if (!numbers.every((n) => Number.isInteger(n) && n >= 0) || !Number.isInteger(o) || o < 0) return null;
  return { states: numbers, overdue: o };
}

/** Arcs of the ring, clockwise from 12 o'clock, in radians; zero-step states are left out. */
export function ringSegments(spec: RingSpec): { state: number; start: number; end: number }[] {
  const total = spec.states.reduce((a, b) => a + b, 0);
  if (total === 0) return [];
  const out: { state: number; start: number; end: number }[] = [];
  let at = -Math.PI / 2;
  spec.states.forEach((n, state) => {
    if (n === 0) return;
    const sweep = (2 * Math.PI * n) / total;
    out.push({ state, start: at, end: at + sweep });
    at += sweep;
  });
  return out;
}

/**
 * The ring as image data for `map.addImage(id, data, { pixelRatio })`; `colors` are the lifecycle states'
 * colours in campaign order. Returns null for an id that is not a ring.
 */
export function drawRing(
  id: string,
  colors: string[],
  overdueColor: string,
): { data: ImageData; pixelRatio: number } | null {
  const spec = parseRingKey(id);
  if (!spec) return null;
  const size = RING_SIZE_PX * PIXEL_RATIO;
  const ctx = cpuContext(size);
  if (!ctx) return null;
  ctx.setTransform(PIXEL_RATIO, 0, 0, PIXEL_RATIO, 0, 0);
  const c = RING_SIZE_PX / 2;
  for (const seg of ringSegments(spec)) {
    ctx.beginPath();
    ctx.moveTo(c, c);
    ctx.arc(c, c, OUTER_R, seg.start, seg.end);
    ctx.closePath();
    ctx.fillStyle = colors[seg.state] ?? '#64748b';
    ctx.fill();
  }
  // Thin white gaps between segments keep neighbouring colours apart.
  ctx.strokeStyle = CENTER_COLOR;
  ctx.lineWidth = 1;
  for (const seg of ringSegments(spec)) {
    ctx.beginPath();
    ctx.moveTo(c, c);
    ctx.lineTo(c + OUTER_R * Math.cos(seg.start), c + OUTER_R * Math.sin(seg.start));
    ctx.stroke();
  }
  ctx.beginPath();
  ctx.arc(c, c, INNER_R, 0, 2 * Math.PI);
  ctx.fillStyle = CENTER_COLOR;
  ctx.fill();
  if (spec.overdue > 0) {
    ctx.beginPath();
    const sweep = (2 * Math.PI * Math.min(spec.overdue, RING_STEPS)) / RING_STEPS;
    ctx.arc(c, c, OVERDUE_R, -Math.PI / 2, -Math.PI / 2 + sweep);
    ctx.strokeStyle = overdueColor;
    ctx.lineWidth = OVERDUE_WIDTH;
    ctx.lineCap = 'round';
    ctx.stroke();
  }
  return { data: ctx.getImageData(0, 0, size, size), pixelRatio: PIXEL_RATIO };
}
