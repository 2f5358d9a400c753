import { syntheticContext } from './export.bench';
import { exportZoneList } from '../../src/export/zone-export';
const ctx = syntheticContext(100_000);
for (let k = 0; k < 6; k++) await exportZoneList(ctx, { by: 'all' }, 'csv');
