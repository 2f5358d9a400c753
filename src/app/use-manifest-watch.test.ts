import { describe, expect, it } from 'vitest';
import { DEFAULT_MANIFEST_POLL_MS, manifestPollMs } from './use-manifest-watch';

describe('manifestPollMs', () => {
  it('defaults to a minute', () => {
    expect(manifestPollMs('', undefined)).toBe(DEFAULT_MANIFEST_POLL_MS);
  });
  it('takes the URL parameter over the window setting', () => {
    expect(manifestPollMs('?manifestPollMs=5000', 1000)).toBe(5000);
    expect(manifestPollMs('?lang=en', 1000)).toBe(1000);
  });
  it('turns polling off with 0 and clamps tiny intervals', () => {
    expect(manifestPollMs('?manifestPollMs=0', undefined)).toBe(0);
    expect(manifestPollMs('?manifestPollMs=5', undefined)).toBe(200);
  });
  it('ignores nonsense', () => {
    expect(manifestPollMs('?manifestPollMs=abc', undefined)).toBe(DEFAULT_MANIFEST_POLL_MS);
    expect(manifestPollMs('?manifestPollMs=-1', undefined)).toBe(DEFAULT_MANIFEST_POLL_MS);
  });
});
