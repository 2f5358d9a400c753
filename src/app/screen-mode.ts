/** Which shell the page opens: the desk view, or the big screen (大屏) for a wall display with `?screen=big`. */
export function isBigScreen(search: string): boolean {
  return new URLSearchParams(search).get('screen') === 'big';
}

/**
 * The big screen's way back to the desk view: the same address without `screen`, so the district (`?d=` on a
 * site of several), the language and the view stay.
 *
 * @example deskHref('/map/', '?d=330921&screen=big&tf=TF1') // '/map/?d=330921&tf=TF1'
 */
export function deskHref(pathname: string, search: string): string {
  const query = new URLSearchParams(search);
  query.delete('screen');
  const text = query.toString();
  return `${pathname}${text ? `?${text}` : ''}`;
}
