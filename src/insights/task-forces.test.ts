import type { Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { AdSiteFC, CommunityFC, DeclarationEntry, StationFC, VisitSummary } from '../dataset/types';
import { campaign, fc, feat, obj } from '../geo/__fixtures__/build';
import { adSiteSummary, declarationSummary, stationSummary, visitsSummary } from './task-forces';

const pt: Point = { type: 'Point', coordinates: [122.1, 30.02] };

describe('stationSummary', () => {
  const station = (id: string, sign: boolean | null, vol: boolean | null, svc: boolean | null, faults: string[] = []) =>
    feat(
      pt,
      obj(id, { stationType: 'leifeng', hasSign: sign, volunteersPresent: vol, hasServiceContent: svc, faults }),
    );
  const s = stationSummary(
    fc([
      station('V1', true, true, true),
      station('V2', true, false, true, ['TF7-04', 'TF7-05']),
      station('V3', null, true, true),
      station('V4', false, false, null, ['TF7-04']),
      station('V5', true, true, true, ['TF7-07']),
    ]) as StationFC,
  );

  it('counts complete, incomplete (any element missing) and not fully checked stations', () => {
    expect([s.total, s.complete, s.incomplete, s.unchecked]).toEqual([5, 2, 2, 1]);
    expect(s.missing).toEqual({ sign: 1, volunteers: 2, service: 0 });
  });

  it('ranks faults by stations and lists incomplete stations first', () => {
    expect(s.faults).toEqual([
      { code: 'TF7-04', stations: 2 },
      { code: 'TF7-05', stations: 1 },
      { code: 'TF7-07', stations: 1 },
    ]);
    expect(s.stations.map((c) => c.id)).toEqual(['V2', 'V4', 'V3', 'V5', 'V1']);
  });
});

describe('adSiteSummary', () => {
  const site = (id: string, photos: number, landscape: boolean) =>
    feat(pt, obj(id, { siteType: '公交站', landscapeFeature: landscape, photosSubmitted: photos }));
  const a = adSiteSummary(
    campaign,
    fc([site('A1', 0, true), site('A2', 2, false), site('A3', 6, false), site('A4', 1, false)]) as AdSiteFC,
  );

  it('checks photos against the plan range from the campaign (2 to 5 per site)', () => {
    expect(a.range).toEqual(campaign.adSitePhotos);
    expect(a.byPhotos).toEqual({ short: 2, ok: 1, over: 1 });
    expect([a.photosSubmitted, a.photosRequired]).toEqual([9, 4 * campaign.adSitePhotos.min]);
    expect([a.landscape, a.landscapeShort]).toEqual([1, 1]);
  });

  it('lists the sites needing most photos first', () => {
    expect(a.sites.map((x) => [x.id, x.photosShort])).toEqual([
      ['A1', 2],
      ['A4', 1],
      ['A2', 0],
      ['A3', 0],
    ]);
  });
});

describe('visitsSummary', () => {
  const v = (
    community: string,
    households: number,
    visited: number,
    questionnaires: number,
    satisfaction: number | null,
  ): VisitSummary => ({
    community,
    households,
    visited,
    questionnaires,
    satisfaction,
    stairwells: 10,
    stairwellHeads: 8,
    sample: true,
  });
  const communities = fc([feat(pt, obj('C1', { name: '西安社区' }))]) as CommunityFC;
  const s = visitsSummary([v('C1', 100, 100, 80, 0.9), v('C2', 200, 50, 20, 0.6), v('C3', 0, 0, 0, null)], communities);

  it('gives coverage and satisfaction per community, least covered first, with names from the communities file', () => {
    expect(s.communities.map((c) => [c.community, c.name, c.coverage])).toEqual([
      ['C3', 'C3', null],
      ['C2', 'C2', 0.25],
      ['C1', '西安社区', 1],
    ]);
    expect(s.communities[2].headCoverage).toBe(0.8);
  });

  it('weights the overall satisfaction by questionnaires', () => {
    expect(s.satisfaction).toBeCloseTo((0.9 * 80 + 0.6 * 20) / 100, 12);
    expect([s.households, s.visited, s.coverage, s.fullyVisited]).toEqual([300, 150, 0.5, 1]);
  });

  it('lists a suppressed community apart and counts it in no total', () => {
    const hidden: VisitSummary = { community: 'C1', suppressed: true, minHouseholds: 5, sample: true };
    const t = visitsSummary([hidden, v('C2', 200, 50, 20, 0.6)], communities);
    expect(t.communities.map((c) => c.community)).toEqual(['C2']);
    expect(t.suppressed).toEqual([{ community: 'C1', name: '西安社区', minHouseholds: 5 }]);
    expect([t.households, t.visited, t.questionnaires, t.satisfaction]).toEqual([200, 50, 20, 0.6]);
  });
});

describe('declarationSummary', () => {
  const entry = (id: string, deadline: string, status: DeclarationEntry['status']): DeclarationEntry => ({
    id,
    kind: 'report',
    entry: id,
    content: '',
    units: ['U-CJB'],
    deadline,
    status,
  });
  const d = declarationSummary(
    [
      entry('B', '2019-09-05', 'in_progress'),
      entry('A', '2019-08-31', 'submitted'),
      entry('C', '2019-09-20', 'not_started'),
    ],
    '2019-09-12',
  );

  it('counts submitted, overdue and pending entries and names the next deadline', () => {
    expect([d.submitted, d.overdue, d.pending, d.nextDeadline]).toEqual([1, 1, 1, '2019-09-20']);
    expect(d.rows.map((r) => [r.entry.id, r.daysLeft])).toEqual([
      ['A', null],
      ['B', -7],
      ['C', 8],
    ]);
  });
});
