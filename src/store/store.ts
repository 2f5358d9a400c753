/**
 * The app's one store, built from slices. Components select single values (`useAppStore((s) => s.lang)`) and
 * use `useShallow` for derived arrays; fast-changing values (camera, hover) are not kept here.
 */
import { create } from 'zustand';
import { createCameraSlice, type CameraSlice } from './camera-slice';
import { createDataSlice, type DataSlice } from './data-slice';
import { createDefectsSlice, type DefectsSlice } from './defects-slice';
import { createDetailsSlice, type DetailsSlice } from './details-slice';
import { createExportsSlice, type ExportsSlice } from './exports-slice';
import { createFieldSlice, type FieldSlice } from './field-slice';
import { createRecordsSlice, type RecordsSlice } from './records-slice';
import { createFocusSlice, type FocusSlice } from './focus-slice';
import { createMockSlice, type MockSlice } from './mock-slice';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';
import { createViewSlice, type ViewSlice } from './view-slice';
import { createWhatIfSlice, type WhatIfSlice } from './what-if-slice';

export type AppState = ViewSlice &
  SelectionSlice &
  WhatIfSlice &
  DataSlice &
  DefectsSlice &
  CameraSlice &
  FocusSlice &
  ExportsSlice &
  FieldSlice &
  RecordsSlice &
  MockSlice &
  DetailsSlice;

/** A fresh store; the app uses `useAppStore`, tests make their own. */
export function createAppStore() {
  return create<AppState>()((...a) => ({
    ...createViewSlice(...a),
    ...createSelectionSlice(...a),
    ...createWhatIfSlice(...a),
    ...createDataSlice(...a),
    ...createDefectsSlice(...a),
    ...createCameraSlice(...a),
    ...createFocusSlice(...a),
    ...createExportsSlice(...a),
    ...createFieldSlice(...a),
    ...createRecordsSlice(...a),
    ...createMockSlice(...a),
    ...createDetailsSlice(...a),
  }));
}

export const useAppStore = createAppStore();
