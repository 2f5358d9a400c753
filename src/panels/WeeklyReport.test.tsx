import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '@/campaign/dates';
import { historiesFromLists } from '@/dataset/details';
import { idsToArray } from '@/dataset/packed-ids';
import type { DeclarationEntry, DefectColumns, DefectDetails } from '@/dataset/types';
import { HOSTILE, campaign, context } from '@/export/__fixtures__/zone-fixture';
import { DeclarationTracker } from './DeclarationTracker';
import { ExportPanel } from './ExportPanel';
import { WeeklyReport } from './WeeklyReport';

const d = dayFromIso;
const defects: DefectColumns = {
  count: 2,
  tables: {
    taskForce: ['TF1'],
    category: ['TF1-01'],
    state: ['awaiting_recheck', 'in_progress'],
    unit: ['U-CG'],
    subdistrict: ['330902002'],
    object: [],
  },
  id: ['D-1', 'D-2'],
  coords: [122.1, 30.02, 122.1, 30.02],
  taskForce: [0, 0],
  category: [0, 0],
  state: [0, 1],
  unit: [0, 0],
  subdistrict: [0, 0],
  object: [-1, -1],
  found: [d('2019-09-06'), d('2019-09-01')],
  deadline: [d('2019-09-20'), d('2019-09-08')],
  updated: [d('2019-09-10'), d('2019-09-02')],
  sample: true,
};
const details: DefectDetails = {
  'D-1': {
    description: '',
    photos: [],
    history: [
      { date: '2019-09-06', from: null, to: 'reported', unit: 'U-CG' },
      { date: '2019-09-07', from: 'reported', to: 'assigned', unit: 'U-CG' },
      { date: '2019-09-08', from: 'assigned', to: 'in_progress', unit: 'U-CG' },
      { date: '2019-09-10', from: 'in_progress', to: 'awaiting_recheck', unit: 'U-CG' },
    ],
  },
  'D-2': {
    description: '',
    photos: [],
    history: [
      { date: '2019-09-01', from: null, to: 'reported', unit: 'U-CG' },
      { date: '2019-09-02', from: 'reported', to: 'in_progress', unit: 'U-CG' },
    ],
  },
};

describe('WeeklyReport', () => {
  it('shows the attachment columns, the figures with ids and the unit’s text in textareas (as text)', () => {
    const out = renderToStaticMarkup(
      <WeeklyReport
        campaign={campaign}
        defects={defects}
        histories={historiesFromLists(idsToArray(defects.id).map((id) => details[id]?.history))}
        meta={{ asOfDate: '2019-09-12', sample: true }}
        notes={{ 'U-CG|TF1': { progress: HOSTILE.html } }}
        onNotesChange={() => {}}
        lang="zh"
      />,
    );
    for (const h of ['单位（盖章）', '项目名称', '本周工作进展情况', '下周工作进度安排', '问题编号'])
      expect(out).toContain(`>${h}</th>`);
    // The as-of date 2019-09-12 is a Thursday: the latest complete week was cut off on Wednesday 2019-09-11.
    expect(out).toContain('value="2019-09-11"');
    expect(out).toContain('data-testid="weekly-U-CG|TF1-overdue">1<');
    // The unit's own text comes before the figures; the ids are in their own column.
    expect(out.indexOf('&lt;script&gt;')).toBeLessThan(out.indexOf('data-testid="weekly-U-CG|TF1-found"'));
    expect(out).toContain('data-testid="weekly-U-CG|TF1-ids"><p>新发现问题: D-1</p><p>整改完成待复核: D-1</p>');
    expect(out).toContain('<p>截至本周三仍超期未整改: D-2</p>');
    expect(out).toContain('示例数据');
    expect(out).not.toContain('<script');
    expect(out).toContain('&lt;script&gt;');
  });

  it('snaps an initial cut-off to the due Wednesday: D-1 fixed that week', () => {
    const out = renderToStaticMarkup(
      <WeeklyReport
        campaign={campaign}
        defects={defects}
        histories={historiesFromLists(idsToArray(defects.id).map((id) => details[id]?.history))}
        meta={{ asOfDate: '2019-09-12', sample: false }}
        initialCutoff="2019-09-09"
        lang="en"
      />,
    );
    expect(out).toContain('value="2019-09-11"');
    expect(out).toContain('data-testid="weekly-U-CG|TF1-fixed">1<');
    expect(out).toContain('Fixed, awaiting re-check');
  });
});

describe('ExportPanel', () => {
  const ctx = context();
  it('names the selection and offers the four formats', () => {
    const out = renderToStaticMarkup(
      <ExportPanel
        data={{ campaign }}
        manifest={{ asOfDate: '2019-09-12', sample: true }}
        engine={ctx.engine}
        selection={{ by: 'rule', ruleId: 'R300' }}
        lang="zh"
      />,
    );
    expect(out).toContain('规则：城市社区周边300米 (R300)');
    for (const f of ['csv', 'xlsx', 'geojson', 'kml'])
      expect(out).toMatch(new RegExp(`<button[^>]*data-testid="export-${f}"`));
    expect(out).not.toMatch(/<button[^>]*disabled=""[^>]*data-testid="export-csv"/);
  });

  it('disables the buttons until the engine has a result, and for an unknown zone', () => {
    const none = renderToStaticMarkup(
      <ExportPanel data={{ campaign }} manifest={null} engine={null} selection={{ by: 'all' }} lang="en" />,
    );
    expect(none).toContain('Zones are not computed yet');
    expect(none).toMatch(/<button[^>]*disabled=""[^>]*data-testid="export-csv"/);
    const bad = renderToStaticMarkup(
      <ExportPanel
        data={{ campaign }}
        manifest={null}
        engine={ctx.engine}
        selection={{ by: 'zone', zoneId: 'nope' }}
        lang="en"
      />,
    );
    expect(bad).toMatch(/<button[^>]*disabled=""[^>]*data-testid="export-kml"/);
    expect(bad).toContain('unknown zone &quot;nope&quot;; valid zones: R300:C-001');
  });
});

describe('DeclarationTracker', () => {
  it('lists entries with unit names and days left or overdue', () => {
    const entries: DeclarationEntry[] = [
      {
        id: 'E1',
        kind: 'report',
        entry: HOSTILE.html,
        content: '说明报告',
        units: ['U-WMB', 'U-CD'],
        deadline: '2019-09-05',
        status: 'in_progress',
      },
    ];
    const out = renderToStaticMarkup(
      <DeclarationTracker
        campaign={campaign}
        entries={entries}
        meta={{ asOfDate: '2019-09-12', sample: true }}
        lang="zh"
      />,
    );
    expect(out).toContain('区文明办、城东街道');
    expect(out).toContain('超期 7 天');
    expect(out).toContain('class="overdue"');
    expect(out).not.toContain('<script');
  });
});
