'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { recoverOwner, revealRecoveryKey } from '@/lib/api/client';
import './recovery.css';
import { copyToClipboard } from '@/components/ui/clipboard';

/** Base64url of 32 bytes: the owner secret, which is the recovery key. */
const KEY_LENGTH = 43;
const keyPattern = /^[A-Za-z0-9_-]+$/;

type Notice = { kind: 'status' | 'error'; text: string } | null;

/**
 * On "My architectures": show this browser's recovery key on request (never
 * rendered until asked, fetched by POST), and enter a key from another browser.
 */
export function RecoveryKeyPanel({ hasKey }: { hasKey: boolean }) {
  const t = useTranslations('editor.recovery');
  const router = useRouter();
  const ids = useId();
  const [key, setKey] = useState<string | null>(null);
  const [entered, setEntered] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  async function reveal() {
    setNotice(null);
    const result = await revealRecoveryKey();
    if (result.ok) setKey(result.data);
    else setNotice({ kind: 'error', text: t('revealFailed', { error: result.error }) });
  }

  async function copy(text: string) {
    setNotice((await copyToClipboard(text)) ? { kind: 'status', text: t('copied') } : { kind: 'error', text: t('copyFailed') });
  }

  async function use(event: React.FormEvent) {
    event.preventDefault();
    const candidate = entered.trim();
    if (candidate.length !== KEY_LENGTH) {
      setNotice({ kind: 'error', text: t('wrongLength', { expected: KEY_LENGTH, length: candidate.length }) });
      return;
    }
    if (!keyPattern.test(candidate)) {
      setNotice({ kind: 'error', text: t('badCharacters') });
      return;
    }
    setBusy(true);
    setNotice(null);
    const result = await recoverOwner(candidate);
    setBusy(false);
    if (!result.ok) {
      setNotice({ kind: 'error', text: result.status === 404 ? t('unknownKey') : t('failed', { error: result.error }) });
      return;
    }
    setEntered('');
    setKey(null);
    setNotice({ kind: 'status', text: t('recovered', { owned: result.data.owned, moved: result.data.moved }) });
    router.refresh();
  }

  const shownId = `${ids}-shown`;
  const inputId = `${ids}-input`;
  return (
    <section id="recovery" className="recovery-panel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      {!hasKey ? (
        <p>{t('noKey')}</p>
      ) : key === null ? (
        <button type="button" onClick={() => void reveal()}>
          {t('show')}
        </button>
      ) : (
        <>
          <label htmlFor={shownId}>{t('keyLabel')}</label>
          <div className="recovery-row">
            <input
              id={shownId}
              className="mono"
              readOnly
              value={key}
              size={KEY_LENGTH + 2}
              aria-describedby={`${ids}-secret`}
              onFocus={(e) => e.currentTarget.select()}
            />
            <button type="button" className="primary" onClick={() => void copy(key)}>
              {t('copy')}
            </button>
            <button type="button" onClick={() => setKey(null)}>
              {t('hide')}
            </button>
          </div>
          <p id={`${ids}-secret`} className="warning-text">
            {t('secret')}
          </p>
        </>
      )}
      <form onSubmit={(e) => void use(e)} className="recovery-form">
        <h3>{t('enterTitle')}</h3>
        <label htmlFor={inputId}>{t('enterLabel')}</label>
        <div className="recovery-row">
          <input
            id={inputId}
            className="mono"
            value={entered}
            onChange={(e) => setEntered(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            size={KEY_LENGTH + 2}
            required
            aria-describedby={hasKey ? `${ids}-move` : undefined}
          />
          <button type="submit" disabled={busy}>
            {busy ? t('using') : t('use')}
          </button>
        </div>
        {hasKey ? (
          <p id={`${ids}-move`} className="muted">
            {t('moveNote')}
          </p>
        ) : null}
      </form>
      <p role="status">{notice?.kind === 'status' ? notice.text : null}</p>
      {notice?.kind === 'error' ? (
        <p role="alert" className="error-text">
          {notice.text}
        </p>
      ) : null}
    </section>
  );
}
