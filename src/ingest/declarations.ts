/**
 * Online declaration entries (task force 9, attachment 2 of the plan): a checklist with units and deadlines.
 */
import type { DeclarationEntry } from '../dataset/types';
import type { FieldSpec } from './columns';
import type { IngestContext } from './objects';
import type { Row } from './row';
import { cellText, parseDateIn, parseId, parseOneOf, type Cell, type Parsed } from './values';

const req = (field: string): FieldSpec => ({ field, required: true });
const opt = (field: string): FieldSpec => ({ field, required: false });
export const DECLARATION_FIELDS: FieldSpec[] = [
  req('id'),
  req('kind'),
  req('entry'),
  req('content'),
  req('units'),
  req('deadline'),
  req('status'),
  opt('note'),
];

const KINDS: Record<string, DeclarationEntry['kind']> = {
  activity_photos: 'activity_photos',
  活动类图片: 'activity_photos',
  活动图片: 'activity_photos',
  scene_photos: 'scene_photos',
  实景照片: 'scene_photos',
  公益广告实景照片: 'scene_photos',
  report: 'report',
  说明报告: 'report',
};
const STATUSES: Record<string, DeclarationEntry['status']> = {
  not_started: 'not_started',
  未开始: 'not_started',
  in_progress: 'in_progress',
  进行中: 'in_progress',
  submitted: 'submitted',
  已报送: 'submitted',
  已提交: 'submitted',
};

export function declarationOf(row: Row, ctx: IngestContext): DeclarationEntry | null {
  const id = row.lookup('id', true, parseId);
  const kind = row.lookup('kind', true, (c) => parseOneOf(c, KINDS, 'declaration kind'));
  const entry = row.text('entry', true);
  const content = row.text('content', true);
  const units = row.lookup('units', true, (c) => unitList(c, ctx));
  const deadline = row.lookup('deadline', true, (c) => parseDateIn(c, ctx.dates));
  const status = row.lookup('status', true, (c) => parseOneOf(c, STATUSES, 'status'));
  const note = row.text('note', false);
  if (!id || !kind || !entry || !content || !units || !deadline || !status || row.problems.length > 0) return null;
  return { id, kind, entry, content, units, deadline, status, ...(note ? { note } : {}) };
}

function unitList(cell: Cell, ctx: IngestContext): Parsed<string[]> {
  const codes: string[] = [];
  for (const item of cellText(cell)
    .split(/[,，;；、]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const unit = ctx.codes.unit(item);
    if (!unit.ok) return unit;
    codes.push(unit.value);
  }
  return codes.length > 0 ? { ok: true, value: codes } : { ok: false, reason: 'missing' };
}
