/**
 * Recording in the field (现场巡查): on a defect the three verdicts 已整改 / 仍存在 / 不属实, on an object or at the
 * device's position a 新问题 with task force, category, note and photos. Photos are shrunk on the phone
 * (shrink-photo.ts); the record gets the inspector's name (typed once, remembered), the time in Asia/Shanghai and
 * the position with its accuracy (or says it has none), and is queued in IndexedDB (src/store/field-queue.ts).
 */
import { VERDICT_KEY } from './field-verdicts';
import { useEffect, useState } from 'react';
import type { Campaign, ObjectKind } from '@/campaign/types';
import { newRecordId, photoName, shanghaiIso, type FieldRecord, type FieldVerdict } from '@/field/record';
import { MAX_LONG_SIDE_PX, MAX_PHOTOS_PER_RECORD } from '@/field/photo-limits';
import { named, useT } from '@/ui/i18n';
import { useAppStore } from '@/store/store';
import { currentPosition, shrinkPhoto, type ShrinkResult } from './shrink-photo';
import './field-records.css';

export type FieldTarget =
  | { kind: 'defect'; defect: string }
  | { kind: 'object'; object: string; objectKind: ObjectKind }
  | { kind: 'position' };

const STATUS_VERDICTS: FieldVerdict[] = ['rectified', 'stillThere', 'notValid'];

/** The buttons that open the form for `target`; the form itself once one is pressed. */
export function FieldRecordActions({ campaign, target }: { campaign: Campaign; target: FieldTarget }) {
  // Another defect or object picked starts over: a new key is a fresh form.
  const key = target.kind === 'defect' ? target.defect : target.kind === 'object' ? target.object : 'position';
  return <Actions key={`${target.kind}:${key}`} campaign={campaign} target={target} />;
}

function Actions({ campaign, target }: { campaign: Campaign; target: FieldTarget }) {
  const t = useT();
  const [verdict, setVerdict] = useState<FieldVerdict | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const verdicts = target.kind === 'defect' ? STATUS_VERDICTS : (['newIssue'] as FieldVerdict[]);
  return (
    <div className="field-actions" data-testid="field-actions">
      {target.kind !== 'position' && <h4>{t(target.kind === 'defect' ? 'fieldRecordOnDefect' : 'fieldTitle')}</h4>}
      {verdict === null ? (
        <div className="field-verdicts">
          {verdicts.map((v) => (
            <button
              key={v}
              type="button"
              className="field-button"
              onClick={() => {
                setSaved(null);
                setVerdict(v);
              }}
              data-testid={`field-verdict-${v}`}
            >
              {target.kind === 'defect'
                ? t(VERDICT_KEY[v])
                : t(target.kind === 'object' ? 'fieldNewIssueHere' : 'fieldNewIssueAtPosition')}
            </button>
          ))}
        </div>
      ) : (
        <FieldRecordForm
          campaign={campaign}
          target={target}
          verdict={verdict}
          onDone={(message) => {
            setVerdict(null);
            setSaved(message);
          }}
        />
      )}
      {saved && (
        <p className="field-saved" role="status" data-testid="field-saved">
          {saved}
        </p>
      )}
    </div>
  );
}

interface PickedPhoto {
  blob: Blob;
  url: string;
}

function FieldRecordForm({
  campaign,
  target,
  verdict,
  onDone,
}: {
  campaign: Campaign;
  target: FieldTarget;
  verdict: FieldVerdict;
  onDone: (message: string | null) => void;
}) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const inspector = useAppStore((s) => s.inspector);
  const setInspector = useAppStore((s) => s.setInspector);
  const queueFieldRecord = useAppStore((s) => s.queueFieldRecord);
  const [name, setName] = useState(inspector);
  const forces =
    target.kind === 'object'
      ? [...campaign.taskForces].sort(
          (a, b) =>
            Number(b.targetKinds.includes(target.objectKind)) - Number(a.targetKinds.includes(target.objectKind)),
        )
      : campaign.taskForces;
  const [taskForce, setTaskForce] = useState(verdict === 'newIssue' ? (forces[0]?.code ?? '') : '');
  const [category, setCategory] = useState('');
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const categories = campaign.taskForces.find((f) => f.code === taskForce)?.categories ?? [];

  useEffect(() => () => photos.forEach((p) => URL.revokeObjectURL(p.url)), [photos]);

  const addPhotos = async (files: FileList | null) => {
    if (!files) return;
    const next = [...photos];
    const problems: string[] = [];
    for (const file of Array.from(files)) {
      const r = await shrinkPhoto(file, next.length);
      if (r.ok) next.push({ blob: r.blob, url: URL.createObjectURL(r.blob) });
      else problems.push(`${file.name}: ${refusalText(r, t)}`);
    }
    setPhotos(next);
    setErrors(problems);
  };

  const save = async () => {
    const problems: string[] = [];
    const who = name.trim();
    if (who === '') problems.push(t('fieldNeedInspector'));
    if (verdict === 'newIssue' && (taskForce === '' || category === '')) problems.push(t('fieldNeedCategory'));
    setErrors(problems);
    if (problems.length > 0) return;
    setSaving(true);
    try {
      if (who !== inspector) await setInspector(who);
      const fix = await currentPosition();
      const time = shanghaiIso(new Date());
      const id = newRecordId(time, crypto.getRandomValues(new Uint8Array(4)));
      const files = new Map(photos.map((p, k) => [photoName(id, k + 1), p.blob]));
      const record: FieldRecord = {
        id,
        verdict,
        defect: target.kind === 'defect' ? target.defect : null,
        object: target.kind === 'object' ? target.object : null,
        taskForce: verdict === 'newIssue' ? taskForce : null,
        category: verdict === 'newIssue' ? category : null,
        note: note.trim(),
        inspector: who,
        time,
        lngLat: fix.ok ? fix.lngLat : null,
        accuracyM: fix.ok ? fix.accuracyM : null,
        photos: [...files.keys()],
      };
      await queueFieldRecord(record, files);
      const where = fix.ok
        ? t('fieldPosition', { lng: fix.lngLat[0], lat: fix.lngLat[1], m: fix.accuracyM })
        : t('fieldNoPosition', { reason: t(fix.reason === 'denied' ? 'fieldGeoDenied' : 'fieldGeoUnavailable') });
      onDone(`${t('fieldSaved')} · ${id} · ${where}`);
    } catch (e) {
      setErrors([t('fieldSaveFailed', { reason: e instanceof Error ? e.message : String(e) })]);
      setSaving(false);
    }
  };

  return (
    <form
      className="field-form"
      data-testid="field-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <p className="field-form-verdict" data-testid="field-form-verdict">
        {t(VERDICT_KEY[verdict])}
      </p>
      <label>
        {t('fieldInspector')}
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="name"
          maxLength={40}
          data-testid="field-inspector"
        />
        {inspector === '' && <span className="muted small">{t('fieldInspectorHint')}</span>}
      </label>
      {verdict === 'newIssue' && (
        <>
          <label>
            {t('fieldTaskForce')}
            <select
              value={taskForce}
              onChange={(e) => {
                setTaskForce(e.target.value);
                setCategory('');
              }}
              data-testid="field-task-force"
            >
              {forces.map((f) => (
                <option key={f.code} value={f.code}>
                  {f.no} {named(lang, f)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('fieldCategory')}
            <select value={category} onChange={(e) => setCategory(e.target.value)} data-testid="field-category">
              <option value="">—</option>
              {categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {named(lang, c)}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      <label>
        {t('fieldNote')}
        <textarea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          rows={2}
          maxLength={500}
          data-testid="field-note"
        />
      </label>
      <label>
        {t('fieldPhotos')}
        <input
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          disabled={photos.length >= MAX_PHOTOS_PER_RECORD}
          onChange={(e) => {
            void addPhotos(e.target.files);
            e.target.value = '';
          }}
          data-testid="field-photo-input"
        />
        <span className="muted small">
          {t('fieldPhotoLimits', { max: MAX_PHOTOS_PER_RECORD, px: MAX_LONG_SIDE_PX })}
        </span>
      </label>
      {photos.length > 0 && (
        <ul className="plain field-thumbs" data-testid="field-thumbs">
          {photos.map((p, k) => (
            <li key={p.url}>
              <img src={p.url} alt={t('detailsPhoto', { n: k + 1 })} />
              <button
                type="button"
                aria-label={t('fieldPhotoRemove', { n: k + 1 })}
                onClick={() => setPhotos(photos.filter((x) => x !== p))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {errors.length > 0 && (
        <ul className="plain field-errors" role="alert" data-testid="field-errors">
          {errors.map((e, k) => (
            <li key={k}>{e}</li>
          ))}
        </ul>
      )}
      <div className="field-verdicts">
        <button type="submit" className="field-button primary" disabled={saving} data-testid="field-save">
          {saving ? t('fieldSaving') : t('fieldSave')}
        </button>
        <button type="button" className="field-button" onClick={() => onDone(null)} disabled={saving}>
          {t('fieldCancel')}
        </button>
      </div>
    </form>
  );
}

function refusalText(r: Extract<ShrinkResult, { ok: false }>, t: ReturnType<typeof useT>): string {
  const f = r.refusal;
  switch (f.reason) {
    case 'tooMany':
      return t('fieldPhotoTooMany', { max: f.max });
    case 'notImage':
      return t('fieldPhotoNotImage', { type: f.type });
    case 'originalTooBig':
      return t('fieldPhotoOriginalTooBig', { mb: (f.bytes / 1e6).toFixed(1), max: f.max / 1e6 });
    case 'tooBig':
      return t('fieldPhotoTooBig', { kb: Math.round(f.bytes / 1000), max: f.max / 1000 });
    default:
      return t('fieldPhotoUnreadable');
  }
}
