import { describe, expect, it } from 'vitest';
import { escapeHtml } from './attribution';

describe('escapeHtml', () => {
  it('turns markup in data into inert text', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)">')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });
  it('leaves Chinese and plain credits alone', () => {
    expect(escapeHtml('© OpenStreetMap contributors (ODbL)')).toBe('© OpenStreetMap contributors (ODbL)');
    expect(escapeHtml('示例数据')).toBe('示例数据');
  });
  it('escapes ampersands and quotes', () => {
    expect(escapeHtml(`A & B's "map"`)).toBe('A &amp; B&#39;s &quot;map&quot;');
  });
});
