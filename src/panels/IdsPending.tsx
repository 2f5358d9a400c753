/**
 * What a panel shows in place of a list or a defect while the defect ids are on their way (lazy-ids.ts), or if
 * they could not be loaded (the data banner names the file and what was wrong).
 */
import { useDefectIdsError } from '@/store/use-defect-ids';
import { useT } from '@/ui/i18n';

export function IdsPending() {
  const t = useT();
  const failed = useDefectIdsError();
  return failed ? (
    <p className="muted" data-testid="defect-ids-failed">
      {t('defectIdsFailed')}
    </p>
  ) : (
    <p className="muted" role="status" data-testid="defect-ids-loading">
      {t('defectIdsLoading')}
    </p>
  );
}
