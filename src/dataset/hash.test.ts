import { createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import { sha256Hex, sha256HexAsync } from './hash';

test.each([0, 1, 55, 56, 63, 64, 65, 1000, 1 << 20])('sha256 of %i bytes matches node:crypto', (n) => {
  const bytes = new Uint8Array(n).map((_, i) => (i * 2654435761) >>> 24);
  expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
});

test('known vector', () => {
  expect(sha256Hex(new TextEncoder().encode('abc'))).toBe(
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  );
});

test('sha256HexAsync agrees with sha256Hex through WebCrypto and without it', async () => {
  const bytes = new Uint8Array(200_003).map((_, i) => (i * 31 + 7) & 0xff);
  expect(await sha256HexAsync(bytes)).toBe(sha256Hex(bytes));
  const crypto = globalThis.crypto;
  Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
  try {
    expect(await sha256HexAsync(bytes)).toBe(sha256Hex(bytes));
  } finally {
    Object.defineProperty(globalThis, 'crypto', { value: crypto, configurable: true });
  }
});
