/**
 * The templates must open in Excel and WPS. Neither runs here, so each workbook is checked the way they read it:
 * unzipped (fflate), every part well-formed XML, the content types and relationships pointing at parts that
 * exist, sheet names Excel accepts, drop-down lists (`dataValidations`) over ranges of the 允许值 sheet that hold
 * the list's values, in the element order of the schema; and read back with read-excel-file for the headers the
 * refresh reads, the 填写说明 rows and the allowed values.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser } from '@xmldom/xmldom';
import { strFromU8, unzipSync } from 'fflate';
import { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { parseCampaign } from '../campaign/parse';
import { DEFAULT_HEADERS } from '../ingest/columns';
import {
  ALLOWED_SHEET,
  allowedLists,
  GUIDE_SHEET,
  templateSource,
  templateSpecs,
  writeTemplate,
  type ListName,
} from './templates';

const here = dirname(fileURLToPath(import.meta.url));
const campaign = parseCampaign(JSON.parse(readFileSync(join(here, '../../data/campaign.json'), 'utf8')));
const specs = templateSpecs(campaign, []);
const lists = allowedLists(campaign);

/** Parses XML, failing on any error or warning the parser reports (Excel refuses a part that is not well-formed). */
function parseXml(text: string, part: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning' || message) problems.push(`${part}: ${level}: ${message}`);
    },
  }).parseFromString(text, 'text/xml');
  expect(problems).toEqual([]);
  return doc as unknown as Document;
}

const elements = (doc: Document, name: string) => Array.from(doc.getElementsByTagName(name));

describe.each(specs.map((s) => [s.path, s] as const))('%s', (_, spec) => {
  let files: Record<string, Uint8Array>;
  const text = (part: string) => strFromU8(files[part]);

  it('unzips into well-formed parts that the content types and relationships all reach', async () => {
    files = unzipSync(await writeTemplate(spec, campaign, []));
    for (const part of Object.keys(files).filter((p) => /\.(xml|rels)$/.test(p))) parseXml(text(part), part);
    const types = parseXml(text('[Content_Types].xml'), 'types');
    for (const o of elements(types, 'Override'))
      expect(files[o.getAttribute('PartName')!.slice(1)], o.getAttribute('PartName')!).toBeDefined();
    const rels = parseXml(text('xl/_rels/workbook.xml.rels'), 'rels');
    for (const r of elements(rels, 'Relationship'))
      expect(files[`xl/${r.getAttribute('Target')!.replace(/^\/?xl\//, '')}`], r.getAttribute('Target')!).toBeDefined();
  });

  it('names its sheets as Excel allows: the data sheet first, then 填写说明 and 允许值', () => {
    const workbook = parseXml(text('xl/workbook.xml'), 'workbook');
    const names = elements(workbook, 'sheet').map((s) => s.getAttribute('name')!);
    expect(names.slice(0, 3)).toEqual([spec.sheet, GUIDE_SHEET, ALLOWED_SHEET]);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[\\/?*[\]:]/);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('puts a drop-down on each listed column, over the 允许值 cells that hold the list', async () => {
    const sheet = parseXml(text('xl/worksheets/sheet1.xml'), 'sheet1');
    const listed = spec.columns.flatMap((c, i) => (c.list ? [{ i, list: c.list }] : []));
    const rules = elements(sheet, 'dataValidation');
    expect(rules).toHaveLength(listed.length);
    if (listed.length > 0) {
      const block = elements(sheet, 'dataValidations')[0];
      expect(block.getAttribute('count')).toBe(String(listed.length));
      // CT_Worksheet order: sheetData, …, dataValidations, …, pageMargins: Excel refuses another order.
      const order = Array.from(sheet.documentElement.childNodes)
        .filter((n) => n.nodeType === 1)
        .map((n) => n.nodeName);
      expect(order.indexOf('dataValidations')).toBeGreaterThan(order.indexOf('sheetData'));
      if (order.includes('pageMargins'))
        expect(order.indexOf('dataValidations')).toBeLessThan(order.indexOf('pageMargins'));
    }
    const allowed = await readSheet(Buffer.from(await writeTemplate(spec, campaign, [])), ALLOWED_SHEET);
    for (const [k, { i, list }] of listed.entries()) {
      const rule = rules[k];
      const letter = String.fromCharCode(65 + i);
      expect(rule.getAttribute('type')).toBe('list');
      expect(rule.getAttribute('sqref')).toBe(`${letter}2:${letter}5000`);
      const formula = elements(rule as unknown as Document, 'formula1')[0].textContent!;
      const m = /^'允许值'!\$([A-Z]+)\$2:\$\1\$(\d+)$/.exec(formula);
      expect(m, formula).not.toBeNull();
      const column = m![1].charCodeAt(0) - 65;
      const values = allowed
        .slice(1, Number(m![2]))
        .map((r) => r[column])
        .filter((v) => v !== null);
      expect(values, `${spec.sheet} ${list}`).toEqual(lists[list as ListName]);
    }
  });

  it('reads back with the headers the refresh reads, and a guide line for each', async () => {
    const bytes = Buffer.from(await writeTemplate(spec, campaign, []));
    const [header] = await readSheet(bytes, spec.sheet);
    expect(header).toEqual(spec.columns.map((c) => c.header));
    const source = templateSource(spec);
    for (const c of spec.columns) {
      expect(source.columns?.[c.field]).toBe(c.header);
      // Every header is also one the refresh knows without the mapping, so a hand-made file works too.
      expect(DEFAULT_HEADERS[c.field], c.field).toContain(c.header);
    }
    const guide = await readSheet(bytes, GUIDE_SHEET);
    for (const c of spec.columns) {
      const line = guide.find((r) => r[0] === c.header);
      expect(line, c.header).toBeDefined();
      expect(line![2]).toBe(c.required ? '必填' : '选填');
    }
    if (spec.position !== 'none') expect(guide.some((r) => r[0] === '坐标系')).toBe(true);
  });
});

describe('the streets template', () => {
  const streets = specs.find((s) => s.kind === 'street')!;

  it('is a line table with a 经纬度串 column whose example the refresh reads', async () => {
    expect(streets.position).toBe('line');
    const vertices = streets.columns.find((c) => c.field === 'vertices')!;
    expect(vertices).toMatchObject({ header: '经纬度串', required: true });
    expect(String(vertices.example)).toMatch(/^\d+\.\d{6},\d+\.\d{6}(;\d+\.\d{6},\d+\.\d{6}){2}$/);
    const guide = await readSheet(Buffer.from(await writeTemplate(streets, campaign, [])), GUIDE_SHEET);
    expect(guide.find((r) => r[0] === '经纬度串' && r[1] !== vertices.meaning)?.[1]).toContain('第几个点');
  });
});
