import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '@/campaign/dates';
import type { DefectColumns } from '@/dataset/types';
import { campaign, context } from '@/export/__fixtures__/zone-fixture';
import { buildFieldSheet, buildRouteSheet, qrSvgDataUrl } from '@/export/field-sheet';
import { FieldSheet } from './FieldSheet';

const d = dayFromIso;
const defects: DefectColumns = {
  count: 3,
  tables: {
    taskForce: ['TF1'],
    category: ['TF1-01', 'TF1-06'],
    state: ['in_progress', 'closed', 'awaiting_recheck'],
    unit: ['U-CG'],
    subdistrict: ['330902002'],
    object: ['K-001', 'K-002', 'S-001'],
  },
  id: ['D-1', 'D-2', 'D-3'],
  coords: [122.1, 30.02, 122.1, 30.02, 122.1, 30.02],
  taskForce: [0, 0, 0],
  category: [0, 1, 1],
  state: [0, 1, 2],
  unit: [0, 0, 0],
  subdistrict: [0, 0, 0],
  object: [0, 1, 2],
  found: [d('2019-09-01'), d('2019-09-02'), d('2019-09-03')],
  deadline: [d('2019-09-10'), d('2019-09-20'), d('2019-09-20')],
  updated: [d('2019-09-05'), d('2019-09-06'), d('2019-09-07')],
  sample: true,
};

describe('buildFieldSheet', () => {
  it('lists the zone’s objects and the open defects linked to them, overdue first', () => {
    const m = buildFieldSheet(context(), 'R300:C-001', defects);
    expect(m.rows.map((r) => r.objectId)).toEqual(['K-002', 'K-001']);
    // D-2 is closed; D-3 belongs to a street outside this zone.
    expect(m.defects.map((x) => [x.id, x.objectName, x.overdue])).toEqual([['D-1', '和平小区', true]]);
    expect(m.sample).toBe(true);
  });
});

describe('FieldSheet', () => {
  const html = (url = 'https://map.example/#zone=R300:C-002', map?: string) =>
    renderToStaticMarkup(
      <FieldSheet
        model={buildFieldSheet(context(), 'R300:C-002', defects)}
        campaign={campaign}
        appUrl={url}
        mapImageDataUrl={map}
        lang="zh"
      />,
    );

  it('renders hostile names as text, never as markup', () => {
    const out = html();
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img src=x');
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(out).toContain('He said &quot;hi&quot;, then\nleft ]]&gt; &amp; &#x27;quoted&#x27;');
  });

  it('has a tick box per object, the as-of date, the sample label and the link back', () => {
    const out = html();
    expect(out.match(/class="fs-box"/g)).toHaveLength(2 + 1); // K-003, K-001 and the open defect D-1
    expect(out).toContain('数据截至: 2019-09-12');
    expect(out).toContain('示例数据');
    expect(out).toContain('href="https://map.example/#zone=R300:C-002"');
  });

  it('drops a javascript: link and a non-image map URL', () => {
    const out = html('javascript:alert(1)', 'https://evil.example/x.png');
    expect(out).not.toContain('javascript:');
    expect(out).not.toContain('evil.example');
    expect(out).not.toContain('fs-qr');
  });

  it('shows a map snapshot passed as a PNG data URL', () => {
    expect(html(undefined, 'data:image/png;base64,iVBORw0KGgo=')).toContain('src="data:image/png;base64,iVBORw0KGgo="');
  });
});

describe('qrSvgDataUrl', () => {
  it('encodes the link as an SVG data URL for an <img>', async () => {
    const url = await qrSvgDataUrl('https://map.example/#zone=R300:C-001');
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,%3Csvg')).toBe(true);
    const svg = decodeURIComponent(url.slice(url.indexOf(',') + 1));
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(svg).not.toContain('<script');
  });
});

describe('FieldSheet at a what-if radius', () => {
  it('titles the sheet with the radius used, not the plan’s', () => {
    const ctx = context();
    const rules = ctx.engine.rules.map((r) =>
      r.ruleId === 'R300' ? { ...r, radiusM: 400, zones: r.zones.map((z) => ({ ...z, radiusM: 400 })) } : r,
    );
    const model = buildFieldSheet({ ...ctx, engine: { ...ctx.engine, rules } }, 'R300:C-001', defects);
    const out = renderToStaticMarkup(
      <FieldSheet model={model} campaign={campaign} appUrl="https://map.example/" lang="zh" />,
    );
    expect(out).toContain('城市社区周边300米（试算半径 400 米，方案 300 米）');
    expect(out).toMatch(/<h1>[^<]*试算半径[^<]*<\/h1>/);
  });
});

describe('today’s route on the field sheet', () => {
  const route = buildRouteSheet({
    stops: [
      { key: 'defect:D-2', name: '路灯缺失 · <b>D-2</b>', lngLat: [122.101, 30.02] },
      { key: 'defect:D-1', name: '路面 · D-1', lngLat: [122.102, 30.021] },
    ],
    legsM: [96.4, 146.2, 250.1],
    totalM: 492.7,
  });

  it('numbers the stops in walking order with legs, running totals and the point', () => {
    expect(route.rows.map((r) => [r.n, r.key, r.legM, r.cumulativeM, r.lat, r.lng])).toEqual([
      [1, 'defect:D-2', 96, 96, '30.020000', '122.101000'],
      [2, 'defect:D-1', 146, 243, '30.021000', '122.102000'],
    ]);
    expect(route.returnM).toBe(250);
    expect(route.totalM).toBe(493);
  });

  it('refuses legs that do not match the stops', () => {
    expect(() => buildRouteSheet({ stops: [], legsM: [1, 2], totalM: 3 })).toThrow(/0 stops but 2 legs/);
  });

  it('prints the route after the lists, names as text', () => {
    const out = renderToStaticMarkup(
      <FieldSheet
        model={buildFieldSheet(context(), 'R300:C-002', defects)}
        campaign={campaign}
        appUrl="https://map.example/"
        lang="zh"
        route={route}
      />,
    );
    expect(out).toContain('今日路线（2 处，按行走顺序）');
    expect(out).toContain('&lt;b&gt;D-2&lt;/b&gt;');
    expect(out.indexOf('路灯缺失')).toBeLessThan(out.indexOf('路面 · D-1'));
  });
});
