import { syntheticContext } from './export.bench';
import { buildZoneRows } from '../../src/export/zone-rows';
import { zoneTable } from '../../src/export/table';
import { toCsvBytes } from '../../src/export/csv';
const ctx = syntheticContext(100_000);
const table = zoneTable(buildZoneRows(ctx, { by: 'all' }), ctx.campaign, 'zh');
const T: number[] = [];
for (let k = 0; k < 10; k++) { const t = performance.now(); toCsvBytes(table); T.push(performance.now() - t); }
console.log(T.map((x) => x.toFixed(0)).join(' '));
