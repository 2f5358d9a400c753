/**
 * The roll-up of a several-district site (districts.json): one row per district with its open, overdue and
 * closed-this-week defects and the task force most behind, each linking to `?d=<adcode>`. A district whose last
 * refresh failed says so, with the reason and the time of the data still shown; sample data is marked 示例数据.
 */
import { useEffect } from 'react';
import type { DistrictEntry, DistrictsIndex } from '@/dataset/districts';
import { useAppStore } from '@/store/store';
import { formatCount, formatDate, formatInstant } from '@/ui/format';
import { named, useT, type Lang } from '@/ui/i18n';
import { DISTRICT_PARAM } from './site';

/** The campaign's time zone; districts.json carries no campaign, and every district of the plan shares it. */
const TIME_ZONE = 'Asia/Shanghai';

/** The link to one district of the site (or the roll-up, for null), keeping the language. */
export function districtHref(adcode: string | null, lang: Lang): string {
  const query = new URLSearchParams();
  if (adcode !== null) query.set(DISTRICT_PARAM, adcode);
  if (lang === 'en') query.set('lang', 'en');
  const text = query.toString();
  return `${window.location.pathname}${text ? `?${text}` : ''}`;
}

export function DistrictsView({ index, unknown }: { index: DistrictsIndex; unknown: string | null }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const setLang = useAppStore((s) => s.setLang);

  useEffect(() => {
    if (new URLSearchParams(window.location.search).get('lang') === 'en') setLang('en');
  }, [setLang]);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${t('appTitle')} · ${t('districtsTitle')}`;
    window.history.replaceState(null, '', districtHref(null, lang));
  }, [lang, t]);

  return (
    <div className="app districts-page">
      <header className="app-header">
        <h1>
          {t('appTitle')} <span className="district">· {t('districtsTitle')}</span>
        </h1>
        <span className="spacer" />
        <button
          type="button"
          className="lang-switch"
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          aria-label={t('languageSwitchLabel')}
          lang={lang === 'zh' ? 'en' : 'zh'}
          data-testid="lang-switch"
        >
          {t('languageSwitch')}
        </button>
      </header>
      <main className="districts-main">
        {unknown !== null && (
          <p className="banner" role="alert" data-testid="districts-unknown">
            {t('districtsUnknown', { code: unknown })}
          </p>
        )}
        <p className="muted" data-testid="districts-generated">
          {t('districtsGenerated', { time: formatInstant(index.generatedAt, lang, TIME_ZONE) })}
        </p>
        {index.districts.length === 0 ? (
          <p>{t('districtsEmpty')}</p>
        ) : (
          <table className="districts-table" data-testid="districts-table">
            <caption>{t('districtsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('districtsName')}</th>
                <th scope="col">{t('districtsStatus')}</th>
                <th scope="col">{t('districtsAsOf')}</th>
                <th scope="col" className="num">
                  {t('districtsOpen')}
                </th>
                <th scope="col" className="num">
                  {t('districtsOverdue')}
                </th>
                <th scope="col" className="num">
                  {t('districtsClosedWeek')}
                </th>
                <th scope="col">{t('districtsWorstTaskForce')}</th>
              </tr>
            </thead>
            <tbody>
              {index.districts.map((d) => (
                <DistrictRow key={d.adcode} district={d} lang={lang} />
              ))}
            </tbody>
          </table>
        )}
      </main>
    </div>
  );
}

function DistrictRow({ district: d, lang }: { district: DistrictEntry; lang: Lang }) {
  const t = useT();
  const none = t('districtsNone');
  const totals = d.rollup?.totals;
  const worst = d.rollup?.taskForces.find((tf) => tf.code === d.rollup?.worstTaskForce);
  const kept = d.generatedAt ? formatInstant(d.generatedAt, lang, TIME_ZONE) : null;
  const count = (n: number | undefined) => (n === undefined ? none : formatCount(n, lang));
  return (
    <tr data-testid={`district-${d.adcode}`} className={d.status === 'failed' ? 'failed' : undefined}>
      <th scope="row">
        <a href={districtHref(d.adcode, lang)} data-testid={`district-link-${d.adcode}`}>
          {d.name}
        </a>{' '}
        <span className="muted">{d.adcode}</span>
        {d.sample && (
          <span className="badge sample" title={t('sampleDataNote')}>
            {t('sampleData')}
          </span>
        )}
      </th>
      <td data-testid={`district-status-${d.adcode}`}>
        {d.status === 'ok'
          ? t('districtsOk', { time: kept ?? none })
          : kept
            ? t('districtsFailed', { time: kept, reason: d.reason ?? '' })
            : t('districtsFailedNoData', { reason: d.reason ?? '' })}
      </td>
      <td>{d.asOfDate ? formatDate(d.asOfDate, lang) : none}</td>
      <td className="num" data-testid={`district-open-${d.adcode}`}>
        {count(totals?.open)}
      </td>
      <td className="num" data-testid={`district-overdue-${d.adcode}`}>
        {count(totals?.overdue)}
      </td>
      <td className="num" data-testid={`district-closed-${d.adcode}`}>
        {count(totals?.closedThisWeek)}
      </td>
      <td data-testid={`district-worst-${d.adcode}`}>
        {worst
          ? t('districtsWorstFigures', { name: named(lang, worst), overdue: formatCount(worst.overdue, lang) })
          : none}
      </td>
    </tr>
  );
}
