/**
 * Whether the app is updating itself: set when 更新 is pressed (pwa.ts: applyUpdate), until the page reloads. The
 * page's own polls (the manifest watch, the network check) skip their turns meanwhile, because the waiting service
 * worker takes over only once the current one has no request in flight, and a short poll could keep one going for
 * ever. A module of its own so the polls need not load the service worker's registration code.
 */
let updating = false;

export function markUpdating(): void {
  updating = true;
}

export function updateInProgress(): boolean {
  return updating;
}
