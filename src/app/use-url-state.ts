/**
 * Keeps the shareable state in the page URL (src/app/url-state.ts): the language at once, the rest once the
 * data set (and with it the campaign that codes and rule ids are checked against) has arrived; the data check
 * page at once too. From then on every change of camera, filter, selection, radii, "today", language or page is
 * written back with `history.replaceState` (no history entry per click), debounced so a burst of clicks writes
 * once.
 *
 * The URL is applied inside the store subscription that sees the data set arrive, so the radii and "today" are
 * in the store before the first engine run and the filter before the first defect query.
 */
import { useEffect } from 'react';
import { useAppStore, type AppState } from '@/store/store';
import { readUrlState, writeUrlState } from './url-state';

/** Quiet time before the URL is rewritten. */
const WRITE_DELAY_MS = 300;

export function useUrlState(): void {
  useEffect(() => {
    const store = useAppStore;
    const params = new URLSearchParams(window.location.search);
    const lang = params.get('lang');
    if (lang === 'en' || lang === 'zh') store.getState().setLang(lang);
    // The data check page needs no campaign: it opens at once, before the data arrive.
    if (params.get('view') === 'check') store.getState().setCheckOpen(true);
    // The shading needs no campaign either: set before the first draw, so the map never flashes the other one.
    if (params.get('shade') === 'rule') store.getState().setZoneShading('rule');

    let applied = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const apply = (s: AppState) => {
      if (applied || !s.dataset) return;
      applied = true;
      const campaign = s.dataset.data.campaign ?? null;
      const { state, warnings } = readUrlState(new URLSearchParams(window.location.search), campaign);
      const act = store.getState();
      for (const [ruleId, radiusM] of Object.entries(state.radii)) act.setRadius(ruleId, radiusM);
      if (state.today) act.setTodayOverride(state.today);
      act.setDefectFilter(state.filter);
      act.setFilterWarnings(warnings);
      if (state.selection) act.select(state.selection);
      if (state.camera) act.requestCamera(state.camera.center, state.camera.zoom);
    };
    const write = () => {
      const s = store.getState();
      const view = s.settledView;
      const next = writeUrlState(
        {
          camera: view ? { center: view.center, zoom: view.zoom } : null,
          filter: s.defectFilter,
          selection: s.selection,
          radii: s.radiusOverrides,
          today: s.todayOverride,
          lang: s.lang,
          view: s.checkOpen ? 'check' : null,
          shading: s.zoneShading,
        },
        s.dataset?.data.campaign ?? null,
        new URLSearchParams(window.location.search),
      ).toString();
      const { pathname, hash, search } = window.location;
      if (`?${next}` !== search && !(next === '' && search === '')) {
        window.history.replaceState(window.history.state, '', `${pathname}${next ? `?${next}` : ''}${hash}`);
      }
    };

    apply(store.getState());
    const unsubscribe = store.subscribe((s, prev) => {
      if (!applied) {
        apply(s);
        return;
      }
      if (
        s.settledView !== prev.settledView ||
        s.defectFilter !== prev.defectFilter ||
        s.selection !== prev.selection ||
        s.radiusOverrides !== prev.radiusOverrides ||
        s.todayOverride !== prev.todayOverride ||
        s.lang !== prev.lang ||
        s.checkOpen !== prev.checkOpen ||
        s.zoneShading !== prev.zoneShading
      ) {
        clearTimeout(timer);
        timer = setTimeout(write, WRITE_DELAY_MS);
      }
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, []);
}
