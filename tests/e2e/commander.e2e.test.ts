import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Campaign } from '../../src/campaign/types';
import type { DefectColumns, DefectColumnsBuilder, Manifest } from '../../src/dataset/types';
import { defectFileBytes } from '../../scripts/lib/defects-files';
import { engineInput } from '../../src/geo/engine-input';
import { computeEngine } from '../../src/geo/engine';
import { haversineM } from '../../src/geo/geodesy';
import { rankZones, type RankedZone } from '../../src/insights/ranking';
import { launchBrowser, openApp, screenshot, waitForMapReady } from './browser';
import { anchorsOf, readData, readDefects, readEngineData } from './data';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function expectedRanking(radiusOverrides: Record<string, number> = {}): RankedZone[] {
  return rankZones(computeEngine(engineInput(readEngineData())!, { radiusOverrides }));
}

/** "13 个超期 ×5" as the zh UI writes the first reason term. */
function firstReasonZh(zone: RankedZone): string {
  const names = { overdue: '超期', open: '未结', reopened: '返工', stale: '久未检查', neverInspected: '未检查' };
  const r = zone.reasons[0];
  return `${r.count} 个${names[r.term]} ×${r.weight}`;
}

async function rankedIds(page: Page, n: number): Promise<string[]> {
  return page.evaluate(
    (count) =>
      Array.from(
        { length: count },
        (_, i) => document.querySelector(`[data-testid="ranking-item-${i}"]`)?.getAttribute('data-zone-id') ?? '',
      ),
    n,
  );
}

/** Waits until the map has stopped moving and its centre is within `toleranceM` of `center`. */
async function waitForCentre(page: Page, center: [number, number], toleranceM: number) {
  await page.waitForFunction(
    ([lng, lat, tol]) => {
      const map = window.__map;
      if (!map || map.isMoving()) return false;
      const c = map.getCenter();
      const dy = (c.lat - lat) * 111195;
      const dx = (c.lng - lng) * 111195 * Math.cos((lat * Math.PI) / 180);
      return Math.hypot(dx, dy) <= tol;
    },
    [center[0], center[1], toleranceM] as const,
    { timeout: 15000 },
  );
}

describe('commander view', () => {
  it('ranks zones with reasons, flies to the top zone, opens its detail, and follows a changed radius', async () => {
    const before = expectedRanking();
    const after = expectedRanking({ R500: 800 });
    const top = before[0];
    const { page, context, consoleErrors } = await openApp(browser, baseUrl);

    // The ranking is the commander panel's first tab; its order and reasons are the core's.
    await page.getByTestId('commander-tab-ranking').click();
    expect(await rankedIds(page, 10)).toEqual(before.slice(0, 10).map((z) => z.zone.id));
    const reason = await page.getByTestId('ranking-reason-0').textContent();
    expect(reason).toContain(firstReasonZh(top));
    expect(await page.getByTestId('ranking-item-0').textContent()).toContain(top.zone.anchorName);

    // Keyboard: the ranking entries are buttons reachable by Tab, with a visible focus ring.
    await page.getByTestId('ranking-of-streets').focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { id: el.dataset.testid, outline: getComputedStyle(el).outlineStyle };
    });
    expect(focused).toEqual({ id: 'ranking-item-0', outline: 'solid' });

    const centreBefore = await page.evaluate(() => window.__map!.getCenter().toArray());
    expect(haversineM(centreBefore as [number, number], top.zone.center)).toBeGreaterThan(200);
    await page.keyboard.press('Enter');
    await waitForCentre(page, top.zone.center, 30);
    await expect(page.getByTestId('details-name').textContent()).resolves.toBe(top.zone.anchorName);
    expect(await page.getByTestId('zone-reasons').textContent()).toContain(firstReasonZh(top));
    expect(await page.getByTestId('zone-priority').textContent()).toBe(top.priority.toFixed(1));
    await screenshot(page, 'commander-1366x768');

    // What-if: R500 at 800 m. The ranking, the reasons and the open zone's figures follow.
    await page.getByTestId('radius-input-R500').fill('800');
    await page.getByTestId('radius-input-R500').press('Enter');
    await waitForMapReady(page);
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid="ranking-item-1"]')?.getAttribute('data-zone-id') === want,
      after[1].zone.id,
      { timeout: 15000 },
    );
    expect(await rankedIds(page, 10)).toEqual(after.slice(0, 10).map((z) => z.zone.id));
    expect(await rankedIds(page, 10)).not.toEqual(before.slice(0, 10).map((z) => z.zone.id));
    expect(await page.getByTestId('ranking-reason-0').textContent()).toContain(firstReasonZh(after[0]));
    const selectedAfter = after.find((z) => z.zone.id === top.zone.id)!;
    expect(await page.getByTestId('zone-priority').textContent()).toBe(selectedAfter.priority.toFixed(1));
    expect(selectedAfter.priority.toFixed(1)).not.toBe(top.priority.toFixed(1));
    await screenshot(page, 'commander-radius-800-1366x768');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('says which zones an anchor is the centre of, at the radius in force', async () => {
    const campaign = readData<Campaign>('campaign.json');
    const r300 = campaign.zoneRules.find((r) => r.id === 'R300')!;
    const r1000 = campaign.zoneRules.find((r) => r.id === 'R1000')!;
    const community = anchorsOf(campaign, r300)[0];
    const townSeat = anchorsOf(campaign, r1000)[0];
    const { page, context, consoleErrors } = await openApp(browser, baseUrl, {
      query: `sel=community:${encodeURIComponent(community.properties.id)}&r=R300:400`,
    });
    await expect(page.getByTestId('details-anchor-R300').textContent()).resolves.toBe(
      `攻坚范围中心：${r300.zh}，半径 400 米`,
    );
    await expect(page.getByTestId('details-no-zones').count()).resolves.toBe(0);
    await screenshot(page, 'details-anchor-community-1366x768');
    expect(consoleErrors).toEqual([]);
    await context.close();

    const seat = await openApp(browser, baseUrl, {
      query: `sel=townSeat:${encodeURIComponent(townSeat.properties.id)}`,
    });
    await expect(seat.page.getByTestId('details-anchor-R1000').textContent()).resolves.toBe(
      `攻坚范围中心：${r1000.zh}，半径 ${r1000.radiusM.toLocaleString('zh-CN')} 米`,
    );
    expect(seat.consoleErrors).toEqual([]);
    await seat.context.close();
  });

  it('shows progress, the red/black list, the weekly chart and the task-force sections at 1920×1080', async () => {
    const { page, context, consoleErrors } = await openApp(browser, baseUrl, { width: 1920, height: 1080 });
    const campaign = readData<Campaign>('campaign.json');
    await page.getByTestId('commander-tab-progress').click();
    for (const tf of campaign.taskForces)
      await expect(page.getByTestId(`progress-${tf.code}`).count()).resolves.toBe(1);
    await page.getByTestId('commander-tab-progress').press('ArrowRight');
    await expect(page.getByTestId('red-list').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('black-list').isVisible()).resolves.toBe(true);
    // The histories these views replay came through the defects worker: loaded, and not fetched by the page.
    await page.waitForFunction(
      () =>
        performance.getEntriesByName('histories-loaded').length +
          performance.getEntriesByName('histories-failed').length >
        0,
      undefined,
      { timeout: 60_000 },
    );
    await expect(
      page.evaluate(() => ({
        failed: performance.getEntriesByName('histories-failed').length,
        onPage: performance.getEntriesByType('resource').filter((e) => e.name.includes('defect-history.json')).length,
      })),
    ).resolves.toEqual({ failed: 0, onPage: 0 });
    await page.getByTestId('commander-tab-weekly').click();
    await expect(page.getByTestId('weekly-chart').locator('svg rect').count()).resolves.toBeGreaterThan(2);
    await screenshot(page, 'commander-weekly-1920x1080');
    await page.getByTestId('commander-tab-taskForces').click();
    await expect(page.getByTestId('stations-section').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('declarations-section').isVisible()).resolves.toBe(true);
    await screenshot(page, 'commander-taskforces-1920x1080');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

/** Key figures of the defects that exist at the as-of date and pass `keep`, counted straight from the columns. */
function keyFigures(campaign: Campaign, d: DefectColumns, asOf: string, keep: (row: number) => boolean) {
  const asOfDay = Date.parse(`${asOf}T00:00:00Z`) / 86_400_000;
  const open = new Set(campaign.lifecycle.states.filter((s) => s.open).map((s) => s.code as string));
  const fixed = new Set<string>(campaign.lifecycle.fixedStates);
  const f = { total: 0, open: 0, overdue: 0, closed: 0 };
  for (let i = 0; i < d.count; i++) {
    if (d.found[i] > asOfDay || !keep(i)) continue;
    const state = d.tables.state[d.state[i]];
    f.total++;
    if (!open.has(state)) {
      f.closed++;
      continue;
    }
    f.open++;
    if (!fixed.has(state) && d.deadline[i] > 0 && d.deadline[i] < asOfDay) f.overdue++;
  }
  return {
    ...f,
    verified: new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 0 }).format(f.closed / f.total),
  };
}

/** The object layers whose features carry a state colour. */
const STATE_SOURCES = ['compounds', 'markets', 'streets', 'stations', 'adsites'];

/**
 * `[id, state]` of every object feature the map holds in its loaded tiles, once they match `want` (or after a
 * timeout, so the caller's assertion shows the difference).
 */
async function drawnStates(page: Page, want: Record<string, string>): Promise<[string, string][]> {
  const read = (args: { sources: string[]; want: Record<string, string> | null }) => {
    const out: [string, string][] = [];
    for (const source of args.sources) {
      for (const f of window.__map!.querySourceFeatures(source)) {
        // The colour follows the object's `state` feature state (set by id, only when it changes).
        const id = (f.properties as { id?: string }).id;
        if (id) out.push([id, (window.__map!.getFeatureState({ source, id }) as { state?: string }).state ?? '']);
      }
    }
    return args.want ? out.length > 0 && out.every(([id, st]) => args.want![id] === st) : out;
  };
  await page.waitForFunction(read, { sources: STATE_SOURCES, want }, { timeout: 15000 }).catch(() => undefined);
  return (await page.evaluate(read, { sources: STATE_SOURCES, want: null })) as [string, string][];
}

/** Only the rows `keep` passes, as their own columns. */
function defectSubset(d: DefectColumnsBuilder, keep: (row: number) => boolean): DefectColumns {
  const rows = Array.from({ length: d.count }, (_, i) => i).filter(keep);
  const pick = <T>(col: ArrayLike<T>) => rows.map((i) => col[i]);
  return {
    ...d,
    count: rows.length,
    id: pick(d.id),
    coords: rows.flatMap((i) => [d.coords[2 * i], d.coords[2 * i + 1]]),
    taskForce: pick(d.taskForce),
    category: pick(d.category),
    state: pick(d.state),
    unit: pick(d.unit),
    subdistrict: pick(d.subdistrict),
    object: pick(d.object),
    found: pick(d.found),
    deadline: pick(d.deadline),
    updated: pick(d.updated),
  };
}

describe('commander view under a filter', () => {
  it('follows the filter: one task force changes the key figures, progress and ranking to that task force’s', async () => {
    const campaign = readData<Campaign>('campaign.json');
    const manifest = readData<Manifest>('manifest.json');
    const defects = readDefects();
    const tf1 = defects.tables.taskForce.indexOf('TF1');
    const isTf1 = (i: number) => defects.taskForce[i] === tf1;
    const all = keyFigures(campaign, defects, manifest.asOfDate, () => true);
    const want = keyFigures(campaign, defects, manifest.asOfDate, isTf1);
    expect(want.open).toBeGreaterThan(10);
    expect(want.open).not.toBe(all.open);

    // The ranking on TF1's defects, worked out with the engine alone: defect terms from an engine run on the TF1
    // defects only, inspection terms and the divisor from the run on all defects (a visit is a visit).
    const data = readEngineData();
    const full = computeEngine(engineInput(data)!);
    const onlyTf1 = computeEngine(engineInput({ ...data, defects: defectSubset(defects, isTf1) })!);
    const w = campaign.priority.weights;
    const tf1Figures = new Map(onlyTf1.rules.flatMap((r) => r.zoneFigures.map((f) => [f.zoneId, f])));
    const expectedZones = full.rules
      .flatMap((r) => r.zoneFigures)
      .map((base) => {
        const f = tf1Figures.get(base.zoneId)!;
        const sum =
          f.overdue * w.overdue +
          f.openDefects * w.open +
          f.reopened * w.reopened +
          (base.stale - base.neverInspected) * w.stale +
          base.neverInspected * w.neverInspected;
        return { id: base.zoneId, priority: sum / base.priorityUnits, overdue: f.overdue, open: f.openDefects };
      })
      .sort((a, b) => b.priority - a.priority || b.overdue - a.overdue || a.id.localeCompare(b.id));

    const { page, context, consoleErrors } = await openApp(browser, baseUrl);
    const digits = async (id: string) => ((await page.getByTestId(id).textContent()) ?? '').replace(/[^\d]/g, '');
    expect(await digits('key-open')).toBe(String(all.open));
    await expect(page.getByTestId('commander-scope').count()).resolves.toBe(0);
    const unfilteredTop = await rankedIds(page, 10);

    await page.getByTestId('filter-tf-TF1').check();
    await page.waitForFunction(
      (n) => {
        const note = document.querySelector('[data-testid="commander-scope"]');
        return note?.getAttribute('data-pending') === 'false' && note.textContent?.replace(/[^\d]/g, '') === n;
      },
      `${want.total}${all.total}`,
      { timeout: 20000 },
    );
    const note = await page.getByTestId('commander-scope').textContent();
    expect(note).toBe(`按筛选：${want.total.toLocaleString('zh-CN')} / ${all.total.toLocaleString('zh-CN')} 个问题`);
    expect(await digits('key-open')).toBe(String(want.open));
    expect(await digits('key-overdue')).toBe(String(want.overdue));
    expect(await page.getByTestId('key-verified').textContent()).toBe(want.verified);

    // Ranking: the order and the defect counts of the reasons are TF1's.
    const top = await rankedIds(page, 10);
    expect(top).toEqual(expectedZones.slice(0, 10).map((z) => z.id));
    // The back-street zones (R500, TF2) that lead on all defects hold no TF1 defects: they fall back.
    expect(top).not.toEqual(unfilteredTop);
    for (let i = 0; i < 3; i++) {
      const reason = (await page.getByTestId(`ranking-reason-${i}`).textContent()) ?? '';
      const count = (label: string) => Number(reason.match(new RegExp(`(\\d+) 个${label} ×`))?.[1] ?? 0);
      expect([top[i], count('超期'), count('未结')]).toEqual([top[i], expectedZones[i].overdue, expectedZones[i].open]);
    }
    await screenshot(page, 'commander-filtered-tf1-1366x768');

    // Map colours: each object drawn in view has its state under the filter, worked out from the two engine runs
    // (TF1's worst open defect; without one, clean if ever inspected); back to the engine's once cleared.
    const filteredState = (id: string) => {
      const s = onlyTf1.status[id];
      if (s && s.openDefects > 0) return s.state;
      return full.status[id]?.lastInspected ? 'clean' : 'neverInspected';
    };
    const filteredStates = Object.fromEntries(Object.keys(full.status).map((id) => [id, filteredState(id)]));
    const fullStates = Object.fromEntries(Object.entries(full.status).map(([id, st]) => [id, st.state]));
    expect(filteredStates).not.toEqual(fullStates);
    await expect(page.getByTestId('legend-filtered').textContent()).resolves.toBe('按筛选着色');
    const drawn = await drawnStates(page, filteredStates);
    expect(drawn.length).toBeGreaterThan(20);
    expect(drawn.filter(([id]) => filteredStates[id] !== fullStates[id]).length).toBeGreaterThan(0);
    for (const [id, state] of drawn) expect([id, state]).toEqual([id, filteredStates[id]]);

    await page.getByTestId('filter-tf-TF1').uncheck();
    await expect(page.getByTestId('legend-filtered').count()).resolves.toBe(0);
    for (const [id, state] of await drawnStates(page, fullStates)) expect([id, state]).toEqual([id, fullStates[id]]);
    await page.getByTestId('filter-tf-TF1').check();

    // A ranked zone whose score the filter changes: its detail shows the ranking row's score and reasons, not the
    // engine's unfiltered ones.
    const unfilteredScore = new Map(full.rules.flatMap((r) => r.zoneFigures).map((f) => [f.zoneId, f.priority]));
    const i = expectedZones.findIndex((z) => z.priority.toFixed(1) !== unfilteredScore.get(z.id)!.toFixed(1));
    expect(i).toBeGreaterThanOrEqual(0);
    while ((await page.getByTestId(`ranking-item-${i}`).count()) === 0) {
      await page.getByRole('button', { name: /^再显示 \d+ 条$/ }).click();
    }
    expect(await page.getByTestId(`ranking-item-${i}`).getAttribute('data-zone-id')).toBe(expectedZones[i].id);
    const rowScore = (await page.getByTestId(`ranking-item-${i}`).locator('.rank-score').textContent()) ?? '';
    const rowReason = (await page.getByTestId(`ranking-reason-${i}`).textContent()) ?? '';
    await page.getByTestId(`ranking-item-${i}`).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="zone-priority"]') !== null, undefined, {
      timeout: 15000,
    });
    const detailScore = (await page.getByTestId('zone-priority').textContent()) ?? '';
    expect(detailScore).toBe(expectedZones[i].priority.toFixed(1));
    expect(rowScore).toContain(detailScore);
    expect(rowReason).toContain((await page.getByTestId('zone-reasons').textContent()) ?? '');

    // Progress: only TF1 has defects in the filter.
    await page.getByTestId('commander-tab-progress').click();
    expect(await page.getByTestId('progress-TF2').textContent()).toContain('无问题点位');
    const tf1Progress = (await page.getByTestId('progress-TF1').textContent()) ?? '';
    expect(tf1Progress).toContain(
      `${(want.total - want.open).toLocaleString('zh-CN')} / ${want.total.toLocaleString('zh-CN')}`,
    );
    expect(consoleErrors).toEqual([]);
    await context.close();

    // The big screen opened from a link with the filter shows the same figures.
    const big = await openApp(browser, baseUrl, { query: 'screen=big&tf=TF1', width: 1920, height: 1080 });
    await big.page.waitForFunction(
      () => document.querySelector('[data-testid="commander-scope"]')?.getAttribute('data-pending') === 'false',
      undefined,
      { timeout: 20000 },
    );
    expect((await big.page.getByTestId('key-open').textContent())?.replace(/[^\d]/g, '')).toBe(String(want.open));
    expect(await big.page.getByTestId('top-zones').getByTestId('ranking-item-0').getAttribute('data-zone-id')).toBe(
      expectedZones[0].id,
    );
    await screenshot(big.page, 'bigscreen-filtered-tf1-1920x1080');
    expect(big.consoleErrors).toEqual([]);
    await big.context.close();
  });
});

describe('big screen', () => {
  /** Open defects (found by the as-of date, in an open state) of a defect table, counted from the files. */
  function openCount(campaign: Campaign, d: DefectColumns, asOfDay: number): number {
    const open = new Set(campaign.lifecycle.states.filter((s) => s.open).map((s) => s.code as string));
    let n = 0;
    for (let i = 0; i < d.count; i++) if (d.found[i] <= asOfDay && open.has(d.tables.state[d.state[i]])) n++;
    return n;
  }

  for (const [width, height] of [
    [1920, 1080],
    [1366, 768],
  ]) {
    it(`shows the map and key figures at ${width}×${height} and picks up new data without losing the selection`, async () => {
      const campaign = readData<Campaign>('campaign.json');
      const manifest = readData<Manifest>('manifest.json');
      const defects = readDefects();
      const asOfDay = Math.floor(Date.parse(`${manifest.asOfDate}T00:00:00Z`) / 86400000);
      // The refreshed data: every open defect of the first 300 rows closed since.
      const closedState = defects.tables.state.indexOf('closed');
      const next: DefectColumns = { ...defects, state: defects.state.map((s, i) => (i < 300 ? closedState : s)) };
      const nextFiles = defectFileBytes(next);
      const nextManifest: Manifest = {
        ...manifest,
        generatedAt: new Date(Date.parse(manifest.generatedAt) + 3_600_000).toISOString(),
        files: { ...manifest.files, ...nextFiles.entries },
      };
      let published = false;
      const { page, context, consoleErrors } = await openApp(browser, baseUrl, {
        width,
        height,
        query: 'screen=big&manifestPollMs=500',
        before: async (p) => {
          await p.route('**/data/manifest.json', (route) =>
            published
              ? route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(nextManifest) })
              : route.continue(),
          );
          await p
            .context()
            .route('**/data/defects.bin', (route) =>
              published
                ? route.fulfill({ status: 200, contentType: 'application/octet-stream', body: nextFiles.bin })
                : route.continue(),
            );
        },
      });
      const digits = async (id: string) => (await page.getByTestId(id).textContent())?.replace(/[^\d]/g, '');
      await expect(page.getByTestId('key-figures').isVisible()).resolves.toBe(true);
      expect(await digits('key-open')).toBe(String(openCount(campaign, defects, asOfDay)));
      await expect(page.getByTestId('layer-panel').count()).resolves.toBe(0);
      await expect(page.getByTestId('radius-input-R300').count()).resolves.toBe(0);
      const updatedBefore = await page.getByTestId('data-updated-at').getAttribute('data-generated-at');
      expect(updatedBefore).toBe(manifest.generatedAt);
      expect(await page.getByTestId('data-updated-at').textContent()).toMatch(/^数据更新于 /);

      // State to keep: the top zone selected from the wall's list, and the camera it flew to.
      await page.getByTestId('top-zones').getByTestId('ranking-item-0').click();
      const zoneName = await page.getByTestId('details-name').textContent();
      expect(zoneName).toBeTruthy();
      await page.waitForFunction(() => window.__map && !window.__map.isMoving(), undefined, { timeout: 15000 });
      await waitForMapReady(page);
      const camera = await page.evaluate(() => ({ ...window.__map!.getCenter(), zoom: window.__map!.getZoom() }));
      await screenshot(page, `bigscreen-${width}x${height}`);

      published = true;
      const want = String(openCount(campaign, next, asOfDay));
      expect(want).not.toBe(await digits('key-open'));
      await page.waitForFunction(
        (w) => document.querySelector('[data-testid="key-open"]')?.textContent?.replace(/[^\d]/g, '') === w,
        want,
        { timeout: 20000 },
      );
      await waitForMapReady(page);
      expect(await page.getByTestId('data-updated-at').getAttribute('data-generated-at')).toBe(
        nextManifest.generatedAt,
      );
      expect(await page.getByTestId('details-name').textContent()).toBe(zoneName);
      expect(await page.evaluate(() => ({ ...window.__map!.getCenter(), zoom: window.__map!.getZoom() }))).toEqual(
        camera,
      );
      await screenshot(page, `bigscreen-refreshed-${width}x${height}`);
      expect(consoleErrors).toEqual([]);
      await context.close();
    });
  }
});
