import { describe, expect, it } from 'vitest';
import { safeUrl } from './safe-url';

describe('safeUrl', () => {
  const base = 'https://zonemap.example/app/';

  it('links http(s) and, with a base, relative addresses', () => {
    expect(safeUrl('https://img.example/p/1.jpg', base)).toBe('https://img.example/p/1.jpg');
    expect(safeUrl('photos/D1-1.jpg', base)).toBe('https://zonemap.example/app/photos/D1-1.jpg');
    expect(safeUrl('http://a.example/x?y=1')).toBe('http://a.example/x?y=1');
  });

  it('refuses a relative address without a base', () => {
    expect(safeUrl('photos/D1-1.jpg')).toBeNull();
  });

  it('leaves script, data and malformed addresses as text', () => {
    for (const b of [base, undefined]) {
      expect(safeUrl('javascript:alert(1)', b)).toBeNull();
      expect(safeUrl(' JavaScript:alert(1)', b)).toBeNull();
      expect(safeUrl('data:text/html,<b>x</b>', b)).toBeNull();
      expect(safeUrl('http://[bad', b)).toBeNull();
    }
  });
});
