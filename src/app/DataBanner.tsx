/**
 * Problems the user must know about: data files that are missing or malformed (named one by one; the other
 * layers still draw; defect-ids.json's once the page has asked for it) and a failed zone computation.
 */
import { useAppStore } from '@/store/store';
import { useDefectIdsError } from '@/store/use-defect-ids';
import { useT } from '@/ui/i18n';

export function DataBanner() {
  const t = useT();
  const loadErrors = useAppStore((s) => s.dataset?.errors);
  // The ids load after the rest (lazy-ids.ts): their file's problem joins the others when it shows.
  const idsError = useDefectIdsError();
  const errors = idsError && loadErrors ? [...loadErrors, idsError] : loadErrors;
  const engineError = useAppStore((s) => s.engineError);
  return (
    <>
      {errors && errors.length > 0 && (
        <div className="banner error" role="alert" data-testid="data-error-banner">
          <strong>{t('dataErrorsTitle')}</strong>
          <ul>
            {errors.map((e) => (
              <li key={e.file}>
                <code>{e.file}</code> — {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {engineError && (
        <div className="banner error" role="alert" data-testid="engine-error-banner">
          {t('engineError', { message: engineError })}
        </div>
      )}
    </>
  );
}
