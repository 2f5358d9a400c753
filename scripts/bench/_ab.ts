import { syntheticContext } from './export.bench';
import { buildZoneRows } from '../../src/export/zone-rows';
import { zoneTable } from '../../src/export/table';
import { toCsvBytes } from '../../src/export/csv';
import { toCsvBytes as oldBytes } from './_old_csv';
const ctx = syntheticContext(100_000);
const table = zoneTable(buildZoneRows(ctx, { by: 'all' }), ctx.campaign, 'zh');
const A: number[] = [], B: number[] = [];
for (let k = 0; k < 11; k++) {
  let t = performance.now(); const a = oldBytes(table); A.push(performance.now() - t);
  t = performance.now(); const b = toCsvBytes(table); B.push(performance.now() - t);
  if (k === 0) console.log(a.length, b.length);
}
console.log('old min/med', Math.min(...A).toFixed(0), [...A].sort((p, q) => p - q)[5].toFixed(0), 'new min/med', Math.min(...B).toFixed(0), [...B].sort((p, q) => p - q)[5].toFixed(0));
