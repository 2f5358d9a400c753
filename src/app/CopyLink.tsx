/**
 * 复制链接: copies this page's address, which carries the view's state (camera, filters, selection, language; see
 * url-state.ts), and says 已复制. When the browser refuses the clipboard (no permission, not a secure context),
 * the address is shown in a read-only field with its text selected, for Ctrl+C.
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from '@/ui/i18n';
import '@/ui/access.css';

/** How long 已复制 stays. */
const COPIED_MS = 2500;

export function CopyLink() {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const [url, setUrl] = useState('');
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state === 'manual') field.current?.select();
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), COPIED_MS);
    return () => clearTimeout(timer);
  }, [state, url]);

  async function copy() {
    const href = window.location.href;
    setUrl(href);
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(href);
      setState('copied');
    } catch {
      setState('manual');
    }
  }

  return (
    <span className="copy-link">
      <button type="button" onClick={() => void copy()} title={t('copyLinkLabel')} data-testid="copy-link">
        {t('copyLink')}
      </button>
      <span role="status" className="copy-link-status" data-testid="copy-link-status">
        {state === 'copied' ? t('copied') : state === 'manual' ? t('copyLinkManual') : ''}
      </span>
      {state === 'manual' && (
        <input
          ref={field}
          className="copy-link-field"
          type="text"
          readOnly
          value={url}
          aria-label={t('copyLinkField')}
          onFocus={(e) => e.target.select()}
          data-testid="copy-link-field"
        />
      )}
    </span>
  );
}
