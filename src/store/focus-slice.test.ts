import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';

describe('focus slice', () => {
  it('numbers each request so asking twice for the same place flies again', () => {
    const store = createAppStore();
    store.getState().focusOn([122, 30, 122.1, 30.1]);
    store.getState().focusOn([122, 30, 122.1, 30.1]);
    expect(store.getState().focus).toEqual({ bbox: [122, 30, 122.1, 30.1], seq: 2 });
  });

  it.each([[[122.1, 30, 122, 30.1]], [[122, Number.NaN, 122.1, 30.1]]])(
    'refuses a box that is not [west, south, east, north]: %j',
    (bbox) => {
      const store = createAppStore();
      expect(() => store.getState().focusOn(bbox as [number, number, number, number])).toThrow(
        'focus bbox must be finite',
      );
      expect(store.getState().focus).toBeNull();
    },
  );
});
