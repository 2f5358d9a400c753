/**
 * Problems the user must know about: data files that are missing or malformed (named one by one; the other
 * layers still draw) and a failed zone computation.
 */
import { useAppStore } from '@/store/store';
import { useT } from '@/ui/i18n';

export function DataBanner() {
  const t = useT();
  const errors = useAppStore((s) => s.dataset?.errors);
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
