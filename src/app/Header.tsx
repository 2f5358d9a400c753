/**
 * Header: title and district, the sample-data mark, the settable "today" (defaulting to the data's as-of date),
 * the current phase, the days left to each evaluation (省测, 国测), the data check page (数据体检) and the language
 * switch, 复制链接 (copy this view's link); on a site of several districts, the link back to all of them (全部区县).
 * On a phone or tablet everything after the title and the sample mark folds into a menu (更多), so the header is
 * one line.
 */
import { useId, useState } from 'react';
import { isIsoDate } from '@/campaign/dates';
import { useAppStore } from '@/store/store';
import { LanguageSwitch } from './LanguageSwitch';
import { selectAsOfDate } from '@/store/selectors';
import { countdowns, phaseText } from '@/ui/countdown';
import { named, useT } from '@/ui/i18n';
import { currentSite, districtHref } from './site';
import { CopyLink } from './CopyLink';
import { OfflineStatus } from './OfflineStatus';

export function Header() {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const campaign = useAppStore((s) => s.dataset?.data.campaign);
  const manifest = useAppStore((s) => s.dataset?.manifest);
  const asOfDate = useAppStore(selectAsOfDate);
  const overridden = useAppStore((s) => s.todayOverride !== null);
  const setTodayOverride = useAppStore((s) => s.setTodayOverride);
  const checkOpen = useAppStore((s) => s.checkOpen);
  const setCheckOpen = useAppStore((s) => s.setCheckOpen);
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();

  return (
    <header className="app-header">
      <h1>
        {t('appTitle')}
        {campaign && <span className="district"> · {named(lang, campaign.district)}</span>}
      </h1>
      {manifest?.sample && (
        <span className="badge sample" data-testid="sample-badge" title={t('sampleDataNote')}>
          {t('sampleData')}
        </span>
      )}
      {/* Outside the menu: the 离线 badge must show on a phone too. */}
      <OfflineStatus />
      <button
        type="button"
        className="header-menu-btn"
        aria-expanded={menuOpen}
        aria-controls={menuId}
        title={t('headerMenuLabel')}
        onClick={() => setMenuOpen(!menuOpen)}
        data-testid="header-menu"
      >
        <span aria-hidden="true">☰</span> {t('headerMenu')}
      </button>
      {/* On a desk this wrapper is `display: contents` and the header reads as before; below 1200 px it is the
          menu the button opens, so the header stays one line. */}
      <div className="header-more" id={menuId} data-open={menuOpen}>
        {asOfDate && (
          <label className="as-of">
            {t('asOfDate')}
            <input
              type="date"
              value={asOfDate}
              onChange={(e) => isIsoDate(e.target.value) && setTodayOverride(e.target.value)}
              data-testid="as-of-date"
            />
            {overridden && (
              <button type="button" onClick={() => setTodayOverride(null)} data-testid="as-of-reset">
                {t('asOfDateReset')}
              </button>
            )}
          </label>
        )}
        {campaign && asOfDate && (
          <>
            <span className="phase" data-testid="current-phase">
              <span className="muted">{t('currentPhase')}</span> {phaseText(lang, campaign, asOfDate)}
            </span>
            {countdowns(lang, campaign, asOfDate).map(({ code, label, value }) => (
              <span key={code} className="countdown" data-testid={`days-to-${code}`}>
                {label} <strong>{value}</strong>
              </span>
            ))}
          </>
        )}
        <span className="spacer" />
        {currentSite().kind === 'district' && (
          <a
            className="districts-all"
            href={districtHref(null, lang)}
            title={t('districtsAllLabel')}
            data-testid="districts-all"
          >
            {t('districtsAll')}
          </a>
        )}
        <CopyLink />
        <button
          type="button"
          className="check-open"
          onClick={() => setCheckOpen(!checkOpen)}
          aria-pressed={checkOpen}
          title={t('checkOpenLabel')}
          data-testid="data-check-open"
        >
          {t('checkOpen')}
        </button>
        <LanguageSwitch />
      </div>
    </header>
  );
}
