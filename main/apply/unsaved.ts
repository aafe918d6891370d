import { configChanges, hasChanges, type ConfigChanges } from '../../shared/rtx/config-diff.js';
import type { RtxSession } from '../devices/rtx-session.js';

/** Whether the config in force has changes no `save` stored, and which. */
export interface UnsavedState {
  /** null: the router would not tell (no administrator password, or neither way worked). */
  unsaved: boolean | null;
  /** From the saved config to the one in force; null when the saved config could not be read. */
  changes: ConfigChanges | null;
  /** `show config 0` as read, or null. */
  saved: string | null;
  /**
   * How it was found: comparing `show config` with `show config 0` (the saved CONFIG0), or, where that cannot be
   * read, whether leaving administrator mode asks `Save new configuration ? (Y/N)` (answered N).
   */
  via: 'show config 0' | 'save prompt' | null;
}

/**
 * Does the router hold unsaved changes? `running` is its `show config` output, read just before. The saved config
 * is read with `show config 0`; where the router refuses that, the save prompt on leaving administrator mode tells
 * whether there are changes (not which), and administrator mode is entered again.
 */
export async function readUnsavedState(session: RtxSession, running: string): Promise<UnsavedState> {
  const saved = await session.showSavedConfig();
  if (!saved.error && saved.output.trim() !== '') {
    const changes = configChanges(saved.output, running);
    return { unsaved: hasChanges(changes), changes, saved: saved.output, via: 'show config 0' };
  }
  const { hadUnsavedChanges } = await session.leaveAdmin();
  await session.enterAdmin();
  return { unsaved: hadUnsavedChanges, changes: null, saved: null, via: 'save prompt' };
}
