import { describe, expect, it } from 'vitest';
import { layoutModeFor } from './layout-mode';

describe('layoutModeFor', () => {
  it.each([
    [390, 844, 'phone'],
    [844, 390, 'phone'],
    [600, 900, 'phone'],
    [601, 900, 'tablet'],
    [768, 1024, 'tablet'],
    [1024, 768, 'tablet'],
    [1199, 800, 'tablet'],
    [1200, 800, 'desk'],
    [1366, 768, 'desk'],
    [1280, 480, 'desk'],
  ] as const)('%i×%i is %s', (w, h, mode) => {
    expect(layoutModeFor(w, h)).toBe(mode);
  });
});
