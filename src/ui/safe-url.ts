/**
 * Link targets from data text (photo addresses, the app URL on a printed sheet): only http(s) becomes a link.
 */

/**
 * `address` as a link target when it is http(s), else null, so a `javascript:`, `data:` or malformed address from
 * the data stays plain text. A relative address resolves against `base` when one is given (the page's
 * `document.baseURI` for photo links) and is refused without one (a printed sheet needs an absolute link).
 *
 * @example safeUrl('photos/1.jpg', 'https://zonemap.example/app/') // 'https://zonemap.example/app/photos/1.jpg'
 */
export function safeUrl(address: string, base?: string): string | null {
  try {
    const url = new URL(address, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
