/**
 * Writes the XLSX fixtures (binary, so generated rather than hand-written): `npx tsx src/ingest/__fixtures__/make-xlsx-fixtures.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import writeExcelFile from 'write-excel-file/node';

const here = dirname(fileURLToPath(import.meta.url));

async function write(path: string, sheets: { sheet: string; data: unknown[][] }[]): Promise<void> {
  const buffer = await writeExcelFile(sheets as Parameters<typeof writeExcelFile>[0]).toBuffer();
  mkdirSync(dirname(join(here, path)), { recursive: true });
  writeFileSync(join(here, path), buffer);
}

const header = ['编号', '名称', '经度', '纬度', '所属街道', '最近检查'];
await write('bad/xlsx-missing-sheet/markets.xlsx', [
  { sheet: '市场', data: [header, ['M1', '东门菜场', 122.1, 30.02, '昌国街道', null]] },
]);
await write('bad/xlsx-bad-cells/markets.xlsx', [
  { sheet: '说明', data: [['本表为农贸市场清单']] },
  {
    sheet: '市场',
    data: [
      header,
      [
        'M1',
        '东门菜场',
        122.1,
        30.02,
        '昌国街道',
        { value: new Date(Date.UTC(2019, 8, 1)), type: Date, format: 'yyyy-mm-dd' },
      ],
      ['M2', '西门菜场', '东经122度', 30.02, '昌国街道', 43709],
      ['M3', null, 122.1, 30.02, '环南', '2019年9月31日'],
      ['M4', '南门菜场', 122.1, 30.02, '城东街道', true],
    ],
  },
]);
await write('good/markets.xlsx', [
  { sheet: '说明', data: [['本表为农贸市场清单']] },
  {
    sheet: '市场',
    data: [
      ['编号', '市场名称', '经度', '纬度', '所属街道', '建成区', '最近检查'],
      [
        'M1',
        '东门菜场',
        122.1,
        30.02,
        '昌国街道',
        null,
        { value: new Date(Date.UTC(2019, 8, 1)), type: Date, format: 'yyyy-mm-dd' },
      ],
      ['M2', '金塘菜场', 121.9, 30.05, '金塘镇', '否', 43709],
    ],
  },
]);
