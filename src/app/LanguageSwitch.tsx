/** The 中文 / English switch of the workspace header and the districts page: its visible text is its name. */
import { useAppStore } from '@/store/store';
import { useT } from '@/ui/i18n';

export function LanguageSwitch() {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const setLang = useAppStore((s) => s.setLang);
  return (
    <button
      type="button"
      className="lang-switch"
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      title={t('languageSwitchLabel')}
      lang={lang === 'zh' ? 'en' : 'zh'}
      data-testid="lang-switch"
    >
      {t('languageSwitch')}
    </button>
  );
}
