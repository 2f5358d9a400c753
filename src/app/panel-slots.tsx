/**
 * The workspace's panels as named slots, so every layout places the same panels: the desk puts the 'left' ones
 * in the left sidebar and the 'right' ones in the right sidebar (in this order, as before); the phone's bottom
 * sheet and the tablet's drawer show one slot at a time behind a tab. A new panel joins a slot here (or gets
 * a slot of its own) and appears in all three layouts.
 */
import type { ReactNode } from 'react';
import { ClusterList } from '@/panels/ClusterList';
import { CommanderPanel } from '@/panels/CommanderPanel';
import { DetailsPanel } from '@/panels/DetailsPanel';
import { FilterPanel } from '@/panels/FilterPanel';
import { LayerPanel } from '@/panels/LayerPanel';
import { Legend } from '@/panels/Legend';
import { SummaryPanel } from '@/panels/SummaryPanel';
import type { BasemapId } from '@/store/view-slice';
import type { MessageKey } from '@/ui/i18n';
import { afterMapReady } from '@/panels/after-map-ready';

const NearMePanel = afterMapReady(() => import('@/panels/NearMePanel').then((m) => m.NearMePanel));
const FieldRecordsPanel = afterMapReady(() => import('@/panels/FieldRecordsPanel').then((m) => m.FieldRecordsPanel));
const MockInspectionPanel = afterMapReady(() =>
  import('@/panels/MockInspectionPanel').then((m) => m.MockInspectionPanel),
);
const ExportSection = afterMapReady(() => import('@/panels/ExportSection').then((m) => m.ExportSection));
const TripDownload = afterMapReady(() => import('./TripDownload').then((m) => m.TripDownload));

export type SlotId = 'filters' | 'near' | 'details' | 'ranking' | 'summary' | 'exports' | 'records';

export interface PanelSlot {
  id: SlotId;
  /** Tab label on the phone and tablet. */
  label: MessageKey;
  /** The desk sidebar it sits in. */
  side: 'left' | 'right';
  /**
   * On the phone and tablet: no tab of its own, shown below this slot's panels instead (the desk places it by
   * its own position in the list).
   */
  dockWith?: SlotId;
  render: (props: { basemaps: BasemapId[] }) => ReactNode;
}

export const PANEL_SLOTS: PanelSlot[] = [
  {
    id: 'filters',
    label: 'dockFilters',
    side: 'left',
    render: ({ basemaps }) => (
      <>
        <FilterPanel />
        <LayerPanel basemaps={basemaps} />
        <Legend />
      </>
    ),
  },
  { id: 'near', label: 'dockNear', side: 'left', render: () => <NearMePanel /> },
  {
    id: 'details',
    label: 'dockDetails',
    side: 'right',
    render: () => (
      <>
        <ClusterList />
        <DetailsPanel />
      </>
    ),
  },
  {
    id: 'ranking',
    label: 'dockRanking',
    side: 'right',
    render: () => (
      <>
        <CommanderPanel />
        <MockInspectionPanel />
      </>
    ),
  },
  { id: 'summary', label: 'dockSummary', side: 'right', render: () => <SummaryPanel /> },
  // The inspector's queue: under the details on a phone (where records are made), below the commanders' panels
  // on a desk (where 攻坚指挥 comes first).
  { id: 'records', label: 'dockDetails', side: 'right', dockWith: 'details', render: () => <FieldRecordsPanel /> },
  {
    id: 'exports',
    label: 'dockExports',
    side: 'right',
    render: () => (
      <>
        <ExportSection />
        <TripDownload />
      </>
    ),
  },
];
