/**
 * The panels on a small screen, one slot at a time behind a row of tabs (panel-slots.tsx). On a phone it is a
 * bottom sheet over the map with three heights — peek (just the tabs), half and full — changed by dragging its
 * top bar, by the expand button, or by ↑/↓ on that button. On a tablet it is a drawer beside the map that a tab
 * opens and the same tab (or ×) closes, so the map keeps at least half the screen. Picking something on the map
 * opens the details. Every target is at least 44 px (field-layout.css).
 */
import { Fragment, useEffect, useId, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useAppStore } from '@/store/store';
import type { BasemapId } from '@/store/view-slice';
import { useT } from '@/ui/i18n';
import { PANEL_SLOTS, type SlotId } from './panel-slots';

export type Snap = 'peek' | 'half' | 'full';
const SNAPS: Snap[] = ['peek', 'half', 'full'];
const SNAP_LABEL = { peek: 'dockSnapPeek', half: 'dockSnapHalf', full: 'dockSnapFull' } as const;
/** A pointer that moves less than this is a tap on a tab, not a drag of the sheet. */
const DRAG_THRESHOLD_PX = 8;

interface PanelDockProps {
  variant: 'sheet' | 'drawer';
  basemaps: BasemapId[];
}

export function PanelDock({ variant, basemaps }: PanelDockProps) {
  const t = useT();
  const id = useId();
  const [active, setActive] = useState<SlotId>('filters');
  const [snap, setSnap] = useState<Snap>('peek');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const sheetRef = useRef<HTMLElement>(null);
  const drag = useDrag(sheetRef, setSnap);
  const open = variant === 'sheet' ? snap !== 'peek' : drawerOpen;

  // Something picked on the map (or a cluster listed, or a marker waiting for its id) opens its details; while the user picks a position, the
  // sheet gets out of the way of the map, and comes back with the near-me list once the position is set.
  useEffect(
    () =>
      useAppStore.subscribe((s, prev) => {
        if (
          (s.selection && s.selection !== prev.selection) ||
          // A marker tapped before the defect ids came: the details say they are on their way.
          (s.pendingDefectRow !== null && s.pendingDefectRow !== prev.pendingDefectRow) ||
          (s.clusterList && s.clusterList !== prev.clusterList)
        ) {
          setActive('details');
          setSnap((snap) => (snap === 'peek' ? 'half' : snap));
          setDrawerOpen(true);
        }
        if (s.pickingPosition && !prev.pickingPosition) setSnap('peek');
        // The tap that set the position brings the near-me list back.
        if (prev.pickingPosition && !s.pickingPosition && s.position !== prev.position) {
          setActive('near');
          setSnap((snap) => (snap === 'peek' ? 'half' : snap));
          setDrawerOpen(true);
        }
      }),
    [],
  );

  const chooseTab = (slot: SlotId) => {
    if (drag.wasDrag()) return;
    if (variant === 'drawer') {
      setDrawerOpen(!(drawerOpen && slot === active));
    } else if (slot === active && snap !== 'peek') {
      setSnap('peek');
    } else if (snap === 'peek') setSnap('half');
    setActive(slot);
  };
  const step = (by: 1 | -1) => setSnap((s) => SNAPS[Math.min(2, Math.max(0, SNAPS.indexOf(s) + by))]);

  const slot = PANEL_SLOTS.find((s) => s.id === active) ?? PANEL_SLOTS[0];
  const tabs = PANEL_SLOTS.filter((s) => !s.dockWith);
  const below = PANEL_SLOTS.filter((s) => s.dockWith === slot.id);
  return (
    <section
      ref={sheetRef}
      className={`dock dock-${variant}`}
      data-snap={variant === 'sheet' ? snap : undefined}
      data-open={open}
      aria-label={t('dockLabel')}
      data-testid={`dock-${variant}`}
    >
      <div className="dock-bar" onPointerDown={variant === 'sheet' ? drag.onPointerDown : undefined}>
        <div className="dock-tabs" role="tablist" aria-label={t('dockLabel')}>
          {tabs.map((s) => (
            <button
              key={s.id}
              type="button"
              role="tab"
              id={`${id}-tab-${s.id}`}
              aria-selected={open && s.id === active}
              aria-controls={`${id}-panel`}
              onClick={() => chooseTab(s.id)}
              data-testid={`dock-tab-${s.id}`}
            >
              {t(s.label)}
            </button>
          ))}
        </div>
        {variant === 'sheet' ? (
          <button
            type="button"
            className="dock-snap"
            aria-label={`${t(snap === 'full' ? 'dockCollapse' : 'dockExpand')}. ${t('dockHeightHint', { snap: t(SNAP_LABEL[snap]) })}`}
            aria-expanded={open}
            aria-controls={`${id}-panel`}
            onClick={() => !drag.wasDrag() && setSnap(snap === 'full' ? 'peek' : snap === 'peek' ? 'half' : 'full')}
            onKeyDown={(e) => {
              if (e.key === 'ArrowUp') step(1);
              else if (e.key === 'ArrowDown') step(-1);
              else return;
              e.preventDefault();
            }}
            data-testid="dock-snap"
          >
            <span aria-hidden="true">{snap === 'full' ? '▾' : '▴'}</span>
          </button>
        ) : (
          drawerOpen && (
            <button
              type="button"
              className="dock-close"
              aria-label={t('drawerClose')}
              onClick={() => setDrawerOpen(false)}
              data-testid="drawer-close"
            >
              ×
            </button>
          )
        )}
      </div>
      <div
        className="dock-body"
        role="tabpanel"
        id={`${id}-panel`}
        aria-labelledby={`${id}-tab-${slot.id}`}
        hidden={!open}
        data-testid="dock-body"
      >
        {open && (
          <>
            {slot.render({ basemaps })}
            {below.map((s) => (
              <Fragment key={s.id}>{s.render({ basemaps })}</Fragment>
            ))}
          </>
        )}
      </div>
    </section>
  );
}

/**
 * Dragging the sheet's bar: the height follows the finger (set on the element, no React render per move), and on
 * release it settles on the nearest of the three heights. A move under DRAG_THRESHOLD_PX stays a tap.
 */
function useDrag(ref: React.RefObject<HTMLElement | null>, setSnap: (snap: Snap) => void) {
  const dragged = useRef(false);
  const onPointerDown = (down: ReactPointerEvent<HTMLElement>) => {
    const sheet = ref.current;
    const parent = sheet?.parentElement;
    if (!sheet || !parent || (down.pointerType === 'mouse' && down.button !== 0)) return;
    const startY = down.clientY;
    const startH = sheet.getBoundingClientRect().height;
    const maxH = parent.getBoundingClientRect().height;
    dragged.current = false;
    const move = (e: PointerEvent) => {
      const dy = startY - e.clientY;
      if (!dragged.current && Math.abs(dy) < DRAG_THRESHOLD_PX) return;
      dragged.current = true;
      sheet.style.height = `${Math.min(maxH, Math.max(0, startH + dy))}px`;
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
      if (!dragged.current) return;
      const h = sheet.getBoundingClientRect().height;
      sheet.style.height = '';
      setSnap(h < maxH * 0.25 ? 'peek' : h < maxH * 0.75 ? 'half' : 'full');
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
  };
  /** True once, right after a drag: the click that ends it must not also press a tab. */
  const wasDrag = () => {
    const was = dragged.current;
    dragged.current = false;
    return was;
  };
  return { onPointerDown, wasDrag };
}
