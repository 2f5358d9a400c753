/**
 * The right sidebar as two tabs, so the export panel is one click away at 1366×768 instead of below the
 * commander panel: 概况 (clusters, details, commander panel, summary) and 导出 (the export panel and the report
 * views). Both stay mounted (the hidden one with `hidden`), so a tab switch keeps each side's state. Arrow keys
 * move between the tabs (WAI-ARIA tabs pattern).
 */
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { useT } from '@/ui/i18n';
import './sidebar-tabs.css';

type SidebarTab = 'overview' | 'export';
const TABS: { id: SidebarTab; label: 'sidebarTabOverview' | 'sidebarTabExport' }[] = [
  { id: 'overview', label: 'sidebarTabOverview' },
  { id: 'export', label: 'sidebarTabExport' },
];

interface RightSidebarProps {
  overview: ReactNode;
  exports: ReactNode;
  label: string;
}

export function RightSidebar({ overview, exports, label }: RightSidebarProps) {
  const t = useT();
  const [tab, setTab] = useState<SidebarTab>('overview');
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const next = TABS[(TABS.findIndex((x) => x.id === tab) + 1) % TABS.length].id;
    setTab(next);
    document.getElementById(`sidebar-tab-${next}`)?.focus();
  };
  return (
    <aside className="sidebar right" aria-label={label}>
      <div role="tablist" className="sidebar-tabs" aria-label={t('sidebarTabs')} onKeyDown={onKey}>
        {TABS.map(({ id, label: name }) => (
          <button
            key={id}
            id={`sidebar-tab-${id}`}
            type="button"
            role="tab"
            aria-selected={tab === id}
            aria-controls={`sidebar-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
            data-testid={`sidebar-tab-${id}`}
          >
            {t(name)}
          </button>
        ))}
      </div>
      {TABS.map(({ id }) => (
        <div
          key={id}
          role="tabpanel"
          id={`sidebar-panel-${id}`}
          aria-labelledby={`sidebar-tab-${id}`}
          className="sidebar-panel"
          hidden={tab !== id}
        >
          {id === 'overview' ? overview : exports}
        </div>
      ))}
    </aside>
  );
}
