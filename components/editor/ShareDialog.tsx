'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { replaceShareLink, turnOffShareLink } from '@/lib/api/client';
import { copyToClipboard } from '@/components/ui/clipboard';

type Notice = { kind: 'status' | 'error'; text: string } | null;

/**
 * The Share button and its dialog: the read-only link to copy, and the
 * owner's controls to replace it or turn it off (the old link then answers 404).
 * A native modal <dialog>: focus moves in, Escape closes, focus returns to the button.
 */
export function ShareDialog({ architectureId, initialShareId }: { architectureId: string; initialShareId: string | null }) {
  const t = useTranslations('editor.shareDialog');
  const toolbar = useTranslations('editor.toolbar');
  const dialog = useRef<HTMLDialogElement>(null);
  const linkInput = useRef<HTMLInputElement>(null);
  const turnOnButton = useRef<HTMLButtonElement>(null);
  const changed = useRef(false);
  const [open, setOpen] = useState(false);
  const [shareId, setShareId] = useState(initialShareId);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  useEffect(() => {
    if (open && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [open]);

  // The button just pressed may be gone (off <-> on): keep keyboard focus inside, on what replaced it.
  useEffect(() => {
    if (!changed.current) return;
    changed.current = false;
    (shareId ? linkInput.current : turnOnButton.current)?.focus();
  }, [shareId]);

  // Only rendered once opened (in the browser), so window is there.
  const url = shareId && open ? `${window.location.origin}/s/${shareId}` : null;

  async function change(action: 'replace' | 'off') {
    setBusy(true);
    setNotice(null);
    if (action === 'replace') {
      const result = await replaceShareLink(architectureId);
      if (result.ok) {
        changed.current = true;
        setShareId(result.data);
        setNotice({ kind: 'status', text: t('replaced') });
      } else setNotice({ kind: 'error', text: t('failed', { error: result.error }) });
    } else {
      const result = await turnOffShareLink(architectureId);
      if (result.ok) {
        changed.current = true;
        setShareId(null);
        setNotice({ kind: 'status', text: t('turnedOff') });
      } else setNotice({ kind: 'error', text: t('failed', { error: result.error }) });
    }
    setBusy(false);
  }

  async function copy(text: string) {
    setNotice((await copyToClipboard(text)) ? { kind: 'status', text: t('copied') } : { kind: 'error', text: t('copyFailed') });
  }

  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {toolbar('share')}
      </button>
      {open ? (
        <dialog
          ref={dialog}
          className="share-dialog"
          aria-labelledby="share-dialog-title"
          onClose={() => {
            setOpen(false);
            setNotice(null);
          }}
        >
          <h2 id="share-dialog-title">{t('title')}</h2>
          {url ? (
            <>
              <label htmlFor="share-dialog-url">{t('linkLabel')}</label>
              <div className="share-dialog-row">
                <input ref={linkInput} id="share-dialog-url" className="mono" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
                <button type="button" className="primary" onClick={() => void copy(url)}>
                  {t('copy')}
                </button>
              </div>
              <p className="muted">{t('onHint')}</p>
              <div className="share-dialog-row">
                <button type="button" disabled={busy} aria-describedby="share-dialog-replace-hint" onClick={() => void change('replace')}>
                  {t('replace')}
                </button>
                <span id="share-dialog-replace-hint" className="muted">
                  {t('replaceHint')}
                </span>
              </div>
              <div className="share-dialog-row">
                <button type="button" disabled={busy} aria-describedby="share-dialog-off-hint" onClick={() => void change('off')}>
                  {t('turnOff')}
                </button>
                <span id="share-dialog-off-hint" className="muted">
                  {t('turnOffHint')}
                </span>
              </div>
            </>
          ) : (
            <>
              <p>{t('off')}</p>
              <button ref={turnOnButton} type="button" className="primary" disabled={busy} onClick={() => void change('replace')}>
                {t('turnOn')}
              </button>
            </>
          )}
          <p role="status" className="share-dialog-notice">
            {notice?.kind === 'status' ? notice.text : null}
          </p>
          {notice?.kind === 'error' ? (
            <p role="alert" className="error-text">
              {notice.text}
            </p>
          ) : null}
          <form method="dialog" className="dialog-actions">
            <button type="submit">{t('close')}</button>
          </form>
        </dialog>
      ) : null}
    </>
  );
}
