/** Pieces the detail views share: a label/value row and the label of each kind of object. */
import type { ReactNode } from 'react';
import type { ObjectKind } from '@/campaign/types';
import type { MessageKey } from '@/ui/i18n';

export const KIND_LABEL: Record<ObjectKind, MessageKey> = {
  community: 'kindCommunity',
  market: 'kindMarket',
  townSeat: 'kindTownSeat',
  compound: 'kindCompound',
  street: 'kindStreet',
  station: 'kindStation',
  adsite: 'kindAdsite',
};

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}
