/**
 * The browser bench's large defect sets: the refreshed sample's defects repeated to `n` with a seeded jitter of up
 * to ±60 m, so they sit on the same objects and keep their codes and dates, and the first copy keeps its ids.
 * Shared by browser.bench.ts (which serves them) and defects-format.bench.ts (which measures their encodings).
 */
import type { DefectColumnsBuilder } from '../../src/dataset/types';
import { mulberry32 } from '../../src/geo/prng';

const JITTER_M = 60;

export function scaleDefects(sample: DefectColumnsBuilder, n: number): DefectColumnsBuilder {
  const rnd = mulberry32(20190821 + n);
  const m = sample.count;
  const out: DefectColumnsBuilder = {
    count: n,
    tables: sample.tables,
    id: new Array<string>(n),
    coords: new Array<number>(2 * n),
    taskForce: new Array<number>(n),
    category: new Array<number>(n),
    state: new Array<number>(n),
    unit: new Array<number>(n),
    subdistrict: new Array<number>(n),
    object: new Array<number>(n),
    found: new Array<number>(n),
    deadline: new Array<number>(n),
    updated: new Array<number>(n),
    sample: sample.sample,
  };
  const latPerM = 1 / 111_320;
  const lngPerM = 1 / (111_320 * Math.cos((30 * Math.PI) / 180));
  const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
  for (let i = 0; i < n; i++) {
    const j = i % m;
    const copy = Math.floor(i / m);
    out.id[i] = copy === 0 ? sample.id[j] : `${sample.id[j]}-x${copy}`;
    const dx = copy === 0 ? 0 : (rnd() * 2 - 1) * JITTER_M;
    const dy = copy === 0 ? 0 : (rnd() * 2 - 1) * JITTER_M;
    out.coords[2 * i] = round6(sample.coords[2 * j] + dx * lngPerM);
    out.coords[2 * i + 1] = round6(sample.coords[2 * j + 1] + dy * latPerM);
    out.taskForce[i] = sample.taskForce[j];
    out.category[i] = sample.category[j];
    out.state[i] = sample.state[j];
    out.unit[i] = sample.unit[j];
    out.subdistrict[i] = sample.subdistrict[j];
    out.object[i] = sample.object[j];
    out.found[i] = sample.found[j];
    out.deadline[i] = sample.deadline[j];
    out.updated[i] = sample.updated[j];
  }
  return out;
}
