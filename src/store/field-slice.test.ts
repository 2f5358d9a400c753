import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';

const stop = (key: string, lng: number) => ({ key, name: key, lngLat: [lng, 30.02] as [number, number] });

describe('field slice', () => {
  it('plans the route once there is a position and a shortlist, and re-plans when either changes', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().toggleShortlist(stop('defect:A', 122.103));
    s().toggleShortlist(stop('defect:B', 122.101));
    expect(s().route).toBeNull();
    s().setPosition({ lngLat: [122.1, 30.02], accuracyM: 12, source: 'device' });
    expect(s().route?.stops.map((x) => x.key)).toEqual(['defect:B', 'defect:A']);
    s().toggleShortlist(stop('defect:C', 122.099));
    expect(s().route?.stops).toHaveLength(3);
    s().toggleShortlist(stop('defect:C', 122.099));
    expect(s().shortlist.map((x) => x.key)).toEqual(['defect:A', 'defect:B']);
    s().setPosition({ lngLat: [122.104, 30.02], accuracyM: null, source: 'picked' });
    expect(s().route?.stops.map((x) => x.key)).toEqual(['defect:A', 'defect:B']);
    s().clearShortlist();
    expect(s().route).toBeNull();
  });

  it('leaves pick mode once a position is set', () => {
    const store = createAppStore();
    store.getState().setPickingPosition(true);
    store.getState().setPosition({ lngLat: [122.1, 30.02], accuracyM: null, source: 'picked' });
    expect(store.getState().pickingPosition).toBe(false);
  });
});
