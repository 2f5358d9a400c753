import { describe, expect, it } from 'vitest';
import { deskHref, isBigScreen } from './screen-mode';

describe('isBigScreen', () => {
  it('is on only for screen=big, among other parameters too', () => {
    expect(isBigScreen('?screen=big')).toBe(true);
    expect(isBigScreen('?manifestPollMs=1000&screen=big')).toBe(true);
    expect(isBigScreen('')).toBe(false);
    expect(isBigScreen('?screen=desk')).toBe(false);
    expect(isBigScreen('?screen=BIG')).toBe(false);
  });
});

describe('deskHref', () => {
  it('drops only screen, keeping the district and the view', () => {
    expect(deskHref('/map/', '?d=330921&screen=big&tf=TF1')).toBe('/map/?d=330921&tf=TF1');
    expect(deskHref('/', '?screen=big')).toBe('/');
    expect(deskHref('/', '')).toBe('/');
  });
});
