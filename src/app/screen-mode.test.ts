import { describe, expect, it } from 'vitest';
import { isBigScreen } from './screen-mode';

describe('isBigScreen', () => {
  it('is on only for screen=big, among other parameters too', () => {
    expect(isBigScreen('?screen=big')).toBe(true);
    expect(isBigScreen('?manifestPollMs=1000&screen=big')).toBe(true);
    expect(isBigScreen('')).toBe(false);
    expect(isBigScreen('?screen=desk')).toBe(false);
    expect(isBigScreen('?screen=BIG')).toBe(false);
  });
});
