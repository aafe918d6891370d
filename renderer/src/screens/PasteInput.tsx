import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PASTE_MAX_BYTES, PASTE_MAX_LABEL, utf8Bytes } from '../../../shared/ipc/limits';

/** Sizes as people read them: 812 KB, 1.3 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

type FileOutcome = { ok: true; text: string } | { ok: false; key: 'paste.tooLarge' | 'paste.binary' | 'paste.unreadable'; reason?: string };

/**
 * A log file as text: refused when it is over the limit or not text (a NUL byte), read as UTF-8, else as Shift_JIS
 * (Tera Term's logs on a Japanese Windows).
 */
export async function readLogFile(file: File): Promise<FileOutcome> {
  if (file.size > PASTE_MAX_BYTES) return { ok: false, key: 'paste.tooLarge' };
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.subarray(0, 65536).includes(0)) return { ok: false, key: 'paste.binary' };
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('shift_jis').decode(bytes);
    }
    return { ok: true, text: text.replace(/^\uFEFF/, '') };
  } catch (err) {
    return { ok: false, key: 'paste.unreadable', reason: err instanceof Error ? err.message : String(err) };
  }
}

/** The paste box: the text, or a file read into it, with how large it may be and how large it is. */
export function PasteInput({ value, onChange, refused }: { value: string; onChange: (text: string) => void; refused: string | null }) {
  const { t } = useTranslation();
  const [fileNote, setFileNote] = useState<{ text: string; bad: boolean } | null>(null);
  const size = utf8Bytes(value);
  const over = size > PASTE_MAX_BYTES;
  const limit = PASTE_MAX_LABEL;

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const r = await readLogFile(file);
    if (r.ok) {
      onChange(r.text);
      setFileNote({ text: t('paste.loaded', { name: file.name, size: formatBytes(file.size) }), bad: false });
    } else {
      setFileNote({ text: `${file.name}: ${t(r.key, { name: file.name, size: formatBytes(file.size), limit, reason: r.reason ?? '' })}`, bad: true });
    }
  };

  return (
    <>
      <p className="small" id="paste-limit">
        {t('paste.limit', { limit })}
      </p>
      <label className="field file-field">
        {t('paste.file')}
        <input type="file" accept=".log,.txt,.md,text/plain" onChange={(e) => void onFile(e)} data-testid="paste-file" />
      </label>
      {fileNote && (
        <p className={fileNote.bad ? 'small bad' : 'small'} role={fileNote.bad ? 'alert' : 'status'} data-testid="paste-file-note">
          {fileNote.text}
        </p>
      )}
      <label className="field">
        {t('connect.paste.label')}
        <textarea
          value={value}
          onChange={(e) => onChange(e.target.value)}
          rows={12}
          spellCheck={false}
          className="mono"
          data-testid="paste-area"
          aria-describedby="paste-limit paste-size"
          placeholder={'RTX1300> show status ipip\n------------------- IPIP INFORMATION -------------------\n…'}
        />
      </label>
      <p id="paste-size" className={over ? 'small bad' : 'small muted'} data-testid="paste-size" role={over ? 'alert' : undefined}>
        {over ? t('paste.tooLarge', { size: formatBytes(size), limit }) : value ? t('paste.size', { size: formatBytes(size), limit }) : ''}
      </p>
      {refused && (
        <p className="small bad" role="alert" data-testid="paste-refused">
          {t('paste.refused', { reason: refused })}
        </p>
      )}
    </>
  );
}
