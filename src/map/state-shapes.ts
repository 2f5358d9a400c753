/**
 * Single defect markers tell their state by shape as well as colour, for anyone who cannot tell the colours
 * apart: the k-th lifecycle state of the campaign file is drawn as SHAPES[k] (with the Dinghai file: reported ▲,
 * reopened ◆, assigned ■, in progress ●, awaiting re-check ⬢, closed ○), in the state's colour with a white
 * edge, and an overdue defect gets a thick outer edge in the overdue colour. The images are drawn on a canvas when
 * MapLibre first asks for them (DefectMarkers' missing-image resolver); the legend draws the same outlines as SVG.
 */
import type { Campaign } from '@/campaign/types';
import type { ExpressionSpecification } from 'maplibre-gl';
import { cpuContext } from './cpu-canvas';

export type ShapeName = 'triangle' | 'diamond' | 'square' | 'circle' | 'hexagon' | 'ring' | 'star' | 'cross';
export const SHAPES: ShapeName[] = ['triangle', 'diamond', 'square', 'circle', 'hexagon', 'ring', 'star', 'cross'];

/** Image id prefix: `state-shape:<state index>:<0|1 overdue>`. */
export const SHAPE_PREFIX = 'state-shape:';
/** Logical size of an image, px, and its pixel ratio (sharp on high-density screens). */
export const SHAPE_SIZE_PX = 22;
const PIXEL_RATIO = 2;
const EDGE_COLOR = '#ffffff';

/** The shape of the k-th lifecycle state (the list repeats past its end, which no campaign reaches today). */
export function shapeOf(stateIndex: number): ShapeName {
  return SHAPES[stateIndex % SHAPES.length];
}

/** The icon id expression of a single marker: its state's index in the campaign's lifecycle, and its overdue flag. */
export function shapeImageExpression(campaign: Campaign): ExpressionSpecification {
  const index = [
    'match',
    ['get', 'state'],
    ...campaign.lifecycle.states.flatMap((s, k) => [s.code, String(k)]),
    'x',
  ] as unknown as ExpressionSpecification;
  return ['concat', SHAPE_PREFIX, index, ':', ['to-string', ['coalesce', ['get', 'overdue'], 0]]];
}

/**
 * Outline of a shape as points in a box from -1 to 1 (y down), or null for the round ones (circle, ring). Shared
 * by the canvas images and the legend's SVG.
 */
export function shapePoints(shape: ShapeName): [number, number][] | null {
  const polygon = (n: number, r: number, start: number) =>
    Array.from({ length: n }, (_, i): [number, number] => {
      const a = start + (2 * Math.PI * i) / n;
      return [r * Math.cos(a), r * Math.sin(a)];
    });
  switch (shape) {
    case 'triangle':
      return [
        [0, -1],
        [0.95, 0.75],
        [-0.95, 0.75],
      ];
    case 'diamond':
      return [
        [0, -1],
        [1, 0],
        [0, 1],
        [-1, 0],
      ];
    case 'square':
      return [
        [-0.8, -0.8],
        [0.8, -0.8],
        [0.8, 0.8],
        [-0.8, 0.8],
      ];
    case 'hexagon':
      return polygon(6, 0.95, 0);
    case 'star':
      return Array.from({ length: 10 }, (_, i): [number, number] => {
        const r = i % 2 === 0 ? 1 : 0.45;
        const a = -Math.PI / 2 + (Math.PI * i) / 5;
        return [r * Math.cos(a), r * Math.sin(a)];
      });
    case 'cross':
      return [
        [-0.35, -1],
        [0.35, -1],
        [0.35, -0.35],
        [1, -0.35],
        [1, 0.35],
        [0.35, 0.35],
        [0.35, 1],
        [-0.35, 1],
        [-0.35, 0.35],
        [-1, 0.35],
        [-1, -0.35],
        [-0.35, -0.35],
      ];
    default:
      return null;
  }
}

/**
 * The image for `id` (`state-shape:<k>:<overdue>`), or null when the id is not one of ours or names no state.
 */
export function drawStateShape(id: string, campaign: Campaign): { data: ImageData; pixelRatio: number } | null {
  if (!id.startsWith(SHAPE_PREFIX)) return null;
  const [k, overdue] = id.slice(SHAPE_PREFIX.length).split(':');
  const state = campaign.lifecycle.states[Number(k)];
  if (!state || !/^\d+$/.test(k)) return null;
  const size = SHAPE_SIZE_PX * PIXEL_RATIO;
  const ctx = cpuContext(size);
  if (!ctx) return null;
  ctx.setTransform(PIXEL_RATIO, 0, 0, PIXEL_RATIO, 0, 0);
  const c = SHAPE_SIZE_PX / 2;
  const isOverdue = overdue === '1';
  // Room for the edges: white 1.5 px, and the overdue edge 2.5 px outside it.
  const r = c - (isOverdue ? 4.5 : 2);
  const shape = shapeOf(Number(k));
  const path = () => {
    ctx.beginPath();
    const pts = shapePoints(shape);
    if (!pts) {
      ctx.arc(c, c, r * 0.9, 0, 2 * Math.PI);
    } else {
      pts.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(c + x * r, c + y * r) : ctx.lineTo(c + x * r, c + y * r)));
      ctx.closePath();
    }
  };
  ctx.lineJoin = 'round';
  if (isOverdue) {
    path();
    ctx.strokeStyle = campaign.lifecycle.derived.overdue.color;
    ctx.lineWidth = 6.5;
    ctx.stroke();
  }
  path();
  ctx.strokeStyle = EDGE_COLOR;
  ctx.lineWidth = 3;
  ctx.stroke();
  ctx.fillStyle = state.color;
  ctx.fill();
  if (shape === 'ring') {
    // Hollow: the ring's centre shows white, so it reads as "done" even where the colour cannot be seen.
    ctx.beginPath();
    ctx.arc(c, c, r * 0.42, 0, 2 * Math.PI);
    ctx.fillStyle = EDGE_COLOR;
    ctx.fill();
  }
  return { data: ctx.getImageData(0, 0, size, size), pixelRatio: PIXEL_RATIO };
}
