/** Which shell the page opens: the desk view, or the big screen (大屏) for a wall display with `?screen=big`. */
export function isBigScreen(search: string): boolean {
  return new URLSearchParams(search).get('screen') === 'big';
}
