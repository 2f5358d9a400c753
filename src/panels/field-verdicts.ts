/** The message of each field-record verdict (已整改, 仍存在, 不属实, 新问题), for the form and the defect history. */
import type { FieldVerdict } from '@/field/record';
import type { MessageKey } from '@/ui/i18n';

export const VERDICT_KEY: Record<FieldVerdict, MessageKey> = {
  rectified: 'fieldVerdict_rectified',
  stillThere: 'fieldVerdict_stillThere',
  notValid: 'fieldVerdict_notValid',
  newIssue: 'fieldVerdict_newIssue',
};
