/**
 * Whether the app is updating itself: set when 更新 is pressed (pwa.ts: applyUpdate), until the page reloads. The
 * page's own polls (the manifest watch, the network check) skip their turns meanwhile, because the waiting service
 * worker takes over only once the current one has no request in flight, and a short poll could keep one going for
 * ever. A module of its own so the polls need not load the service worker's registration code.
 *
 * If the page has not reloaded after UPDATE_GIVE_UP_MS (the new version never took over), the polls start again
 * and `onGiveUp` runs (the button comes back), so a tab is never left without its polls.
 */
export const UPDATE_GIVE_UP_MS = 30_000;

let updating = false;
let giveUp: ReturnType<typeof setTimeout> | undefined;

export function markUpdating(onGiveUp: () => void = () => undefined, giveUpMs = UPDATE_GIVE_UP_MS): void {
  updating = true;
  clearTimeout(giveUp);
  giveUp = setTimeout(() => {
    updating = false;
    onGiveUp();
  }, giveUpMs);
}

export function updateInProgress(): boolean {
  return updating;
}
