'use client';

import { ReactFlowProvider } from '@xyflow/react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { forkShared } from '@/lib/api/client';
import type { ArchitectureDocument } from '@/lib/schema';
import { Canvas } from './Canvas';
import { EditorProvider, useEditor, useEditorStore } from './EditorContext';
import { GraphIssuesBar, NameField, SaveState, Totals } from './Header';
import { Inspector } from './Inspector';
import { Palette } from './Palette';
import { ShareDialog } from './ShareDialog';
import { FileButtons, HistoryButtons, LayoutButtons } from './Toolbar';
import { EditorModelDownload, ModelImportButton } from './ModelImport';
import { useDocumentSync, type SavedArchitecture } from './useDocumentSync';
import { useLeaveGuard } from './useLeaveGuard';
import { useLocalDraft } from './useLocalDraft';
import { useShortcuts } from './useShortcuts';
import { TrainingSettingsProvider } from './TrainingSettings';
import { DraftBanner, LeaveDialog } from './WorkNotLost';
import { TrainTab, RunsTab } from './TrainTabs';
import './editor.css';

type Props =
  | { mode: 'owner'; initial: ArchitectureDocument; saved: SavedArchitecture }
  | { mode: 'new'; initial: ArchitectureDocument }
  | { mode: 'shared'; initial: ArchitectureDocument; shareId: string };

type Tab = 'design' | 'train' | 'runs';

export function Editor(props: Props) {
  return (
    <EditorProvider initial={props.initial} readOnly={props.mode === 'shared'}>
      <TrainingSettingsProvider>
        <ReactFlowProvider>
          <EditorShell {...props} />
        </ReactFlowProvider>
      </TrainingSettingsProvider>
    </EditorProvider>
  );
}

function ForkButton({ shareId }: { shareId: string }) {
  const t = useTranslations('editor');
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  return (
    <>
      <button
        type="button"
        className="primary"
        disabled={state.busy}
        onClick={async () => {
          setState({ busy: true, error: null });
          const result = await forkShared(shareId);
          if (result.ok) router.push(`/a/${result.data.id}`);
          else setState({ busy: false, error: result.error });
        }}
      >
        {state.busy ? t('readOnly.forking') : t('toolbar.fork')}
      </button>
      {state.error ? <span className="error-text">{state.error}</span> : null}
    </>
  );
}

function ConflictDialog({ version, onCopy }: { version: number | null; onCopy: () => void }) {
  const t = useTranslations('editor.save');
  return (
    <div className="dialog" role="alertdialog" aria-labelledby="conflict-title">
      <p id="conflict-title">
        <strong>{t('conflictTitle')}</strong>
      </p>
      <p>{t('conflictBody', { version: version ?? '?' })}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('reload')}
      </button>{' '}
      <button type="button" className="primary" onClick={onCopy}>
        {t('saveCopy')}
      </button>
    </div>
  );
}

function EditorShell(props: Props) {
  const t = useTranslations('editor');
  const store = useEditorStore();
  const readOnly = props.mode === 'shared';
  useShortcuts(store, readOnly);
  const sync = useDocumentSync(store, props.mode === 'owner' ? props.saved : null, !readOnly);
  const drafts = useLocalDraft(store, sync.sync, !readOnly);
  const leavePrompt = useLeaveGuard(sync.sync, !readOnly);
  const [tab, setTab] = useState<Tab>('design');
  // Saving a new architecture replaces the Save button: the save state takes the focus the button had.
  const [saveHadFocus, setSaveHadFocus] = useState(false);
  // The training panel stays mounted once opened, so a run goes on while the user edits or looks at runs.
  const [trainOpened, setTrainOpened] = useState(false);
  // Bumped when a saved run is opened from Runs: the Train form starts again from that run's dataset and settings.
  const [trainFormKey, setTrainFormKey] = useState(0);
  const doc = useEditor((s) => s.doc);

  const tabs: Array<[Tab, ReactNode]> = [
    ['design', t('tabs.design')],
    ['train', t('tabs.train')],
    ...(sync.saved && !readOnly ? ([['runs', t('tabs.runs')]] as Array<[Tab, ReactNode]>) : []),
  ];

  return (
    <div className="editor">
      {/* The page's one heading for screen readers: the name field below is the visible title. */}
      <h1 className="visually-hidden">{t('heading', { name: doc.name })}</h1>
      <div className="editor-header">
        <NameField />
        <Totals />
        <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
          {!readOnly && <HistoryButtons />}
          <LayoutButtons />
          <FileButtons />
          <ModelImportButton architectureId={readOnly ? null : (sync.saved?.id ?? null)} />
          <EditorModelDownload />
          {readOnly ? null : sync.saved ? (
            <SaveState status={sync.status} onRetry={sync.retry} takeFocus={saveHadFocus} />
          ) : (
            <button
              type="button"
              className="primary"
              onClick={(e) => {
                setSaveHadFocus(document.activeElement === e.currentTarget);
                void sync.create();
              }}
              disabled={sync.status.kind === 'saving'}
            >
              {t('toolbar.save')}
            </button>
          )}
          {!sync.saved && !readOnly && sync.status.kind === 'failed' ? <SaveState status={sync.status} onRetry={() => void sync.create()} /> : null}
          {sync.saved && !readOnly ? <ShareDialog key={sync.saved.id} architectureId={sync.saved.id} initialShareId={sync.saved.shareId} /> : null}
          {props.mode === 'shared' ? <ForkButton shareId={props.shareId} /> : null}
        </div>
      </div>
      {readOnly ? <p className="read-only-banner">{t('readOnly.banner')}</p> : <DraftBanner drafts={drafts} copyName={(name) => t('mine.copyOf', { name })} />}
      {leavePrompt ? <LeaveDialog prompt={leavePrompt} status={sync.status} /> : null}
      {sync.status.kind === 'conflict' ? (
        <ConflictDialog version={sync.status.version} onCopy={() => void sync.create(t('mine.copyOf', { name: doc.name }))} />
      ) : null}
      <div className="tabs" role="tablist">
        {tabs.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            onClick={() => {
              setTab(id);
              if (id === 'train') setTrainOpened(true);
            }}
          >
            {label}
          </button>
        ))}
      </div>
      <GraphIssuesBar />
      <div className="editor-body" hidden={tab !== 'design'}>
        <Palette />
        <Canvas />
        <Inspector />
      </div>
      {trainOpened ? (
        <div className="train-tab" hidden={tab !== 'train'}>
          <TrainTab key={trainFormKey} doc={doc} architectureId={readOnly ? null : (sync.saved?.id ?? null)} canSaveRuns={!readOnly && !!sync.saved} readOnly={readOnly} />
        </div>
      ) : null}
      {tab === 'runs' && sync.saved ? (
        <RunsTab
          architectureId={sync.saved.id}
          onOpenedInTrain={() => {
            setTrainFormKey((k) => k + 1);
            setTrainOpened(true);
            setTab('train');
          }}
        />
      ) : null}
    </div>
  );
}
