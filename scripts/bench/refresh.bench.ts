/**
 * `npm run bench -- refresh`: time and peak RSS of `npm run refresh` on a big defects export. Copies the Dinghai
 * office folder (`data/`) to a temp dir, swaps its defects source for a seeded N-row export (the sample's rows
 * and columns, new ids, jittered positions, and one office mistake in every 2 000 rows: an unknown state,
 * swapped lng/lat, 度分秒, a deadline before the found date, a missing unit, a duplicate id), and runs the
 * refresh with --lenient as a child Node process writing to the temp dir (never public/data). Peak RSS is the
 * child's VmHWM from /proc/<pid>/status, read every 50 ms (the child is node itself, not npm or tsx's launcher).
 *
 * Cases: a GBK CSV of 1 000 000 rows (`--quick`: 100 000), then an XLSX as large as the hardening limits allow
 * (src/ingest/limits.ts: the sheet's XML within maxUncompressedBytes; `--quick`: 20 000 rows).
 * `--rows=N` and `--xlsx-rows=N` set the sizes; `--no-xlsx` / `--no-csv` skip a case; `--node=<flag>` passes a
 * flag to the refresh's Node (`--node=--max-old-space-size=1200`, `--node=--heap-prof`).
 */
import { spawn } from 'node:child_process';
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, strToU8 } from 'fflate';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { DEFAULT_LIMITS } from '../../src/ingest/limits';
import { mulberry32 } from '../../src/geo/prng';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TARGET_BYTES = 1.5 * 1024 ** 3;
/** One office mistake in this many rows (far below --max-skipped's 5 %). */
const MISTAKE_EVERY = 2000;
/** The child is stopped after this long (a run this slow has failed its purpose anyway). */
const TIMEOUT_MS = 20 * 60 * 1000;

const args = process.argv.slice(2);
const quick = args.includes('--quick');
/** `--name=N` (the bench runner passes on only the arguments that start with --). */
const flag = (name: string): number | undefined => {
  const arg = args.find((a) => a.startsWith(`${name}=`));
  return arg === undefined ? undefined : Number(arg.slice(name.length + 1));
};
const csvRows = flag('--rows') ?? (quick ? 100_000 : 1_000_000);
/** `--node=--max-old-space-size=1200` (repeatable): a V8 flag for the refresh's Node, to profile or cap its heap. */
const nodeFlags = args.filter((a) => a.startsWith('--node=')).map((a) => a.slice('--node='.length));
const xlsxRowsWanted = flag('--xlsx-rows') ?? (quick ? 20_000 : undefined);

/** The sample export's header and rows: realistic columns, codes the campaign knows, objects that exist. */
function templates(): { header: string[]; rows: string[][] } {
  const text = readFileSync(path.join(ROOT, 'data/sample/defects.csv'), 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text.trim(), { header: false });
  const [header, ...rows] = parsed.data;
  return { header, rows };
}

/** Row i of the seeded export (column order of the sample's header), with its mistake if it has one. */
function makeRows(seed = 20190821) {
  const { header, rows } = templates();
  const col = (name: string) => header.indexOf(name);
  const [ID, STATE, LNG, LAT, FOUND, DEADLINE, UNIT] = [
    '编号',
    '状态',
    '经度',
    '纬度',
    '发现日期',
    '整改期限',
    '责任单位',
  ].map(col);
  const rnd = mulberry32(seed);
  const id = (i: number) => `B${String(i + 1).padStart(7, '0')}`;
  return {
    header,
    row(i: number): string[] {
      const r = [...rows[i % rows.length]];
      r[ID] = id(i);
      r[LNG] = (Number(r[LNG]) + (rnd() - 0.5) * 0.001).toFixed(6);
      r[LAT] = (Number(r[LAT]) + (rnd() - 0.5) * 0.001).toFixed(6);
      if (i % MISTAKE_EVERY === MISTAKE_EVERY - 1) {
        switch (((i / MISTAKE_EVERY) % 6) | 0) {
          case 0:
            r[STATE] = '已整改完';
            break;
          case 1:
            [r[LNG], r[LAT]] = [r[LAT], r[LNG]];
            break;
          case 2:
            r[LNG] = `122°06'30"`;
            break;
          case 3:
            r[DEADLINE] = '2019-08-01';
            r[FOUND] = '2019-08-20';
            break;
          case 4:
            r[UNIT] = '';
            break;
          default:
            r[ID] = id(i - 1);
        }
      }
      return r;
    },
  };
}

const csvLine = (cells: string[]) =>
  cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',') + '\r\n';

/** Writes the export as GBK (as Excel on Chinese Windows saves CSV), in pieces; returns its size. */
function writeCsv(file: string, count: number): number {
  const gen = makeRows();
  const fd = openSync(file, 'w');
  let bytes = 0;
  let piece = csvLine(gen.header);
  for (let i = 0; i < count; i++) {
    piece += csvLine(gen.row(i));
    if (piece.length > 1 << 20 || i === count - 1) {
      const encoded = iconv.encode(piece, 'gbk');
      writeSync(fd, encoded);
      bytes += encoded.length;
      piece = '';
    }
  }
  closeSync(fd);
  return bytes;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const columnLetter = (c: number) => String.fromCharCode(65 + c);

/**
 * Writes the export as a one-sheet workbook (inline strings, numbers for lng/lat), with as many rows as fit the
 * sheet's XML in `maxUncompressedBytes` (less 1 % for the workbook's other parts) unless `wanted` is given.
 */
function writeXlsx(file: string, wanted: number | undefined): { rows: number; bytes: number; unpacked: number } {
  const budget = DEFAULT_LIMITS.maxUncompressedBytes * 0.99;
  const maxRows = Math.min(wanted ?? DEFAULT_LIMITS.maxRecords, DEFAULT_LIMITS.maxRecords);
  const gen = makeRows();
  const numeric = new Set(['经度', '纬度'].map((h) => gen.header.indexOf(h)));
  const rowXml = (n: number, cells: string[]) =>
    `<row r="${n}">${cells
      .map((v, c) =>
        numeric.has(c) && n > 1 && /^-?\d+(\.\d+)?$/.test(v)
          ? `<c r="${columnLetter(c)}${n}"><v>${v}</v></c>`
          : `<c r="${columnLetter(c)}${n}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`,
      )
      .join('')}</row>`;
  const head =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>';
  const tail = '</sheetData></worksheet>';
  const parts: Uint8Array[] = [strToU8(head + rowXml(1, gen.header))];
  let size = parts[0].length + tail.length;
  let rows = 0;
  while (rows < maxRows) {
    const piece = strToU8(rowXml(rows + 2, gen.row(rows)));
    if (wanted === undefined && size + piece.length > budget) break;
    parts.push(piece);
    size += piece.length;
    rows += 1;
  }
  parts.push(strToU8(tail));
  const sheet = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    sheet.set(p, at);
    at += p.length;
  }
  parts.length = 0;
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  const zip = zipSync(
    {
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
      '_rels/.rels': strToU8(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'officeDocument', 'xl/workbook.xml')}</Relationships>`,
      ),
      'xl/workbook.xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="问题清单" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'worksheet', 'worksheets/sheet1.xml')}</Relationships>`,
      ),
      'xl/worksheets/sheet1.xml': sheet,
    },
    { level: 6 },
  );
  writeFileSync(file, zip);
  return { rows, bytes: zip.length, unpacked: size };
}

/** The office folder with its defects source replaced by `file` (format csv or xlsx). */
function officeFolder(tmp: string, file: string, format: 'csv' | 'xlsx'): string {
  const data = path.join(tmp, 'data');
  cpSync(path.join(ROOT, 'data'), data, { recursive: true });
  const sourcesPath = path.join(data, 'sources.json');
  const sources = JSON.parse(readFileSync(sourcesPath, 'utf8')) as { sources: Record<string, unknown>[] };
  const defects = sources.sources.find((s) => s.id === 'defects')!;
  defects.path = `bench/${path.basename(file)}`;
  defects.format = format;
  if (format === 'csv') defects.encoding = 'auto';
  else {
    delete defects.encoding;
    defects.sheet = '问题清单';
  }
  writeFileSync(sourcesPath, JSON.stringify(sources, null, 2));
  return data;
}

interface Run {
  code: number | null;
  signal: string | null;
  seconds: number;
  /** CPU time of the child (user + system) as last sampled. */
  cpuSeconds: number;
  peakBytes: number;
  problemLines: number;
  lastLines: string[];
}

/** Runs the refresh in a child Node process; peak RSS from its VmHWM. */
function runRefresh(data: string, out: string, problems: string): Promise<Run> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(
      process.execPath,
      [
        ...nodeFlags,
        '--import',
        'tsx',
        path.join(ROOT, 'scripts/refresh.ts'),
        '--data',
        data,
        '--out',
        out,
        '--lenient',
        '--problems',
        problems,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let peakBytes = 0;
    let cpuSeconds = 0;
    const sample = () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
        peakBytes = Math.max(peakBytes, kb * 1024);
        // utime and stime (fields 14 and 15) in clock ticks of 1/100 s: the machine is shared, so wall time varies.
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        cpuSeconds = (Number(fields[11]) + Number(fields[12])) / 100;
      } catch {
        // Gone between two samples: the last one stands.
      }
    };
    const timer = setInterval(sample, 50);
    const killer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    let stdout = '';
    let problemLines = 0;
    let stderrTail = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout = (stdout + d.toString()).slice(-4000);
    });
    child.stderr.on('data', (d: Buffer) => {
      const s = d.toString();
      problemLines += s.split('\n').length - 1;
      stderrTail = (stderrTail + s).slice(-2000);
    });
    child.on('exit', (code, signal) => {
      sample();
      clearInterval(timer);
      clearTimeout(killer);
      const lastLines = (code === 0 ? stdout : `${stdout}\n${stderrTail}`).trim().split('\n').slice(-4);
      const seconds = (performance.now() - t0) / 1000;
      resolve({ code, signal, seconds, cpuSeconds, peakBytes, problemLines, lastLines });
    });
  });
}

const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GB`;
const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;

async function benchCase(
  label: string,
  write: (file: string) => { rows: number; detail: string },
  format: 'csv' | 'xlsx',
) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'refresh-bench-'));
  try {
    const file = path.join(tmp, `defects.${format}`);
    const made = write(file);
    const data = officeFolder(tmp, file, format);
    cpSync(file, path.join(data, 'bench', path.basename(file)));
    rmSync(file);
    const run = await runRefresh(data, path.join(tmp, 'out'), path.join(tmp, 'problems.txt'));
    const ok = run.code === 0;
    console.log(`\n${label}: ${made.rows} rows (${made.detail})`);
    console.log(`  exit ${run.code ?? run.signal}, ${run.problemLines} problem lines on stderr`);
    for (const line of run.lastLines) console.log(`  | ${line}`);
    console.log(
      `  rows ${made.rows}  seconds ${run.seconds.toFixed(1)} (CPU ${run.cpuSeconds.toFixed(1)})  peak RSS ${gb(run.peakBytes)}  rows/s ${Math.round(made.rows / run.seconds)}`,
    );
    console.log(
      `  target ≤ 1.5 GB peak RSS: ${ok && run.peakBytes <= TARGET_BYTES ? 'met' : `not met${ok ? '' : ' (the refresh failed)'}`}`,
    );
    return ok && run.peakBytes <= TARGET_BYTES;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

let allMet = true;
if (!args.includes('--no-csv'))
  allMet &&= await benchCase('GBK CSV', (file) => ({ rows: csvRows, detail: mb(writeCsv(file, csvRows)) }), 'csv');
if (!args.includes('--no-xlsx'))
  allMet &&= await benchCase(
    'XLSX',
    (file) => {
      const x = writeXlsx(file, xlsxRowsWanted);
      return { rows: x.rows, detail: `${mb(x.bytes)} zipped, sheet ${mb(x.unpacked)} unpacked` };
    },
    'xlsx',
  );
console.log(`\nrefresh bench: ${allMet ? 'every target met' : 'target not met'}`);
