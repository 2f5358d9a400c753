/**
 * Colour checks for the campaign's state palette: how a colour looks to a person with one of the three common
 * colour-vision deficiencies, and how far apart two colours are.
 *
 * - Simulation: Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation of color
 *   vision deficiency", severity 1.0 (full dichromacy) matrices, applied to linear sRGB and clamped, as
 *   colorspacious and DaltonLens do.
 * - Difference: CIEDE2000 (ΔE00) in CIELAB under D65, the CIE's current recommendation; about 2 is just
 *   noticeable between two large patches side by side.
 *
 * Pure: used by the palette test (palette.test.ts) and by anyone choosing colours for a new campaign file.
 */
import type { Campaign } from './types';

export type Deficiency = 'protanopia' | 'deuteranopia' | 'tritanopia';
export type Vision = 'normal' | Deficiency;
export const VISIONS: Vision[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];

type Rgb = [number, number, number];
type Matrix = [Rgb, Rgb, Rgb];

/** Machado et al. 2009, severity 1.0, rows give linear R, G, B from linear R, G, B. */
const MACHADO_1_0: Record<Deficiency, Matrix> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

/**
 * `#rrggbb` (or `#rgb`) as 0..1 sRGB channels.
 *
 * @example hexToRgb('#ff8000') // [1, 0.50196…, 0]
 */
export function hexToRgb(hex: string): Rgb {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`colour must be #rgb or #rrggbb, got ${JSON.stringify(hex)}`);
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255) as Rgb;
}

/** sRGB (0..1) as `vision` sees it, still sRGB 0..1. */
export function simulate(rgb: Rgb, vision: Vision): Rgb {
  if (vision === 'normal') return rgb;
  const lin = rgb.map(toLinear) as Rgb;
  const m = MACHADO_1_0[vision];
  return m.map((row) => fromLinear(clamp01(row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2]))) as Rgb;
}

/** sRGB (0..1) to CIELAB (D65). */
export function rgbToLab(rgb: Rgb): Rgb {
  const [r, g, b] = rgb.map(toLinear);
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 / 116) * t + 16 / 116);
  const [fx, fy, fz] = [f(x), f(y), f(z)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/**
 * CIEDE2000 colour difference of two CIELAB colours (Sharma, Wu & Dalal 2005, with kL = kC = kH = 1).
 *
 * @example deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485]) // 2.0425 (Sharma's first test pair)
 */
export function deltaE2000(lab1: Rgb, lab2: Rgb): number {
  const [L1, a1, b1] = lab1;
  const [L2, a2, b2] = lab2;
  const rad = Math.PI / 180;
  const C1 = Math.hypot(a1, b1);
  const C2 = Math.hypot(a2, b2);
  const Cbar7 = ((C1 + C2) / 2) ** 7;
  const G = 0.5 * (1 - Math.sqrt(Cbar7 / (Cbar7 + 25 ** 7)));
  const a1p = (1 + G) * a1;
  const a2p = (1 + G) * a2;
  const C1p = Math.hypot(a1p, b1);
  const C2p = Math.hypot(a2p, b2);
  const hue = (b: number, a: number) => (b === 0 && a === 0 ? 0 : (Math.atan2(b, a) / rad + 360) % 360);
  const h1p = hue(b1, a1p);
  const h2p = hue(b2, a2p);
  const dLp = L2 - L1;
  const dCp = C2p - C1p;
  let dhp = 0;
  if (C1p * C2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin((dhp * rad) / 2);
  const Lbarp = (L1 + L2) / 2;
  const Cbarp = (C1p + C2p) / 2;
  let hbarp = h1p + h2p;
  if (C1p * C2p !== 0) {
    if (Math.abs(h1p - h2p) <= 180) hbarp /= 2;
    else hbarp = h1p + h2p < 360 ? (hbarp + 360) / 2 : (hbarp - 360) / 2;
  }
  const T =
    1 -
    0.17 * Math.cos((hbarp - 30) * rad) +
    0.24 * Math.cos(2 * hbarp * rad) +
    0.32 * Math.cos((3 * hbarp + 6) * rad) -
    0.2 * Math.cos((4 * hbarp - 63) * rad);
  const dTheta = 30 * Math.exp(-(((hbarp - 275) / 25) ** 2));
  const Cbarp7 = Cbarp ** 7;
  const RC = 2 * Math.sqrt(Cbarp7 / (Cbarp7 + 25 ** 7));
  const SL = 1 + (0.015 * (Lbarp - 50) ** 2) / Math.sqrt(20 + (Lbarp - 50) ** 2);
  const SC = 1 + 0.045 * Cbarp;
  const SH = 1 + 0.015 * Cbarp * T;
  const RT = -Math.sin(2 * dTheta * rad) * RC;
  const l = dLp / SL;
  const c = dCp / SC;
  const h = dHp / SH;
  return Math.sqrt(l * l + c * c + h * h + RT * c * h);
}

/** ΔE00 between two hex colours as `vision` sees them. */
export function visionDeltaE(hex1: string, hex2: string, vision: Vision): number {
  return deltaE2000(rgbToLab(simulate(hexToRgb(hex1), vision)), rgbToLab(simulate(hexToRgb(hex2), vision)));
}

/** The colour of every state an object or defect can be drawn in, by code (lifecycle states and derived ones). */
export function stateColors(campaign: Campaign): Record<string, string> {
  const { states, derived } = campaign.lifecycle;
  return {
    overdue: derived.overdue.color,
    ...Object.fromEntries(states.map((s) => [s.code, s.color])),
    clean: derived.clean.color,
    neverInspected: derived.neverInspected.color,
  };
}

export interface PairCheck {
  a: string;
  b: string;
  vision: Vision;
  deltaE: number;
}

/** The smallest ΔE00 of each pair over the four visions, smallest first. */
export function worstPairs(colors: Record<string, string>, pairs: [string, string][]): PairCheck[] {
  return pairs
    .map(([a, b]) => {
      const ca = colors[a];
      const cb = colors[b];
      if (!ca || !cb) throw new Error(`no colour for ${ca ? b : a}`);
      return VISIONS.map((vision) => ({ a, b, vision, deltaE: visionDeltaE(ca, cb, vision) })).reduce((x, y) =>
        y.deltaE < x.deltaE ? y : x,
      );
    })
    .sort((x, y) => x.deltaE - y.deltaE);
}

function toLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function fromLinear(c: number): number {
  return c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
}

function clamp01(c: number): number {
  return Math.min(1, Math.max(0, c));
}
