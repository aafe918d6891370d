import { configChanges, hasChanges, type ConfigChanges } from '../../shared/rtx/config-diff.js';
import type { RtxSession } from '../devices/rtx-session.js';

/** Whether the config in force has changes no `save` stored, and which. */
export interface UnsavedState {
  /** null: the router would not tell (no administrator password, or neither way worked). */
  unsaved: boolean | null;
  /** From the saved config to the one in force; null when the saved config could not be read. */
  changes: ConfigChanges | null;
  /** The saved config: `show config 0` as read, the running config when the router said nothing is unsaved, or null. */
  saved: string | null;
  /**
   * How it was found: whether leaving administrator mode asks `Save new configuration ? (Y/N)` (answered N), and,
   * when it asks, `show config` compared with `show config 0` (the saved CONFIG0) where that can be read.
   */
  via: 'show config 0' | 'save prompt' | null;
}

/**
 * Does the router hold unsaved changes? `running` is its `show config` output, read just before. First the cheap
 * question: whether leaving administrator mode asks `Save new configuration ? (Y/N)` (answered N; administrator mode
 * is entered again) — a few bytes, where reading CONFIG0 is a whole config (seconds at 9600 bit/s). Only when the
 * router says there are changes is `show config 0` read, to say which; a router that refuses that read still has
 * its answer (changes, not which).
 */
export async function readUnsavedState(session: RtxSession, running: string): Promise<UnsavedState> {
  const { hadUnsavedChanges } = await session.leaveAdmin();
  await session.enterAdmin();
  // Nothing to save: CONFIG0 is the running config, by the router's own word.
  if (!hadUnsavedChanges) return { unsaved: false, changes: { added: [], removed: [] }, saved: running, via: 'save prompt' };
  const saved = await session.showSavedConfig();
  if (!saved.error && saved.output.trim() !== '') {
    const changes = configChanges(saved.output, running);
    // The router asks to save after any edit, even one undone by hand: the texts decide.
    return { unsaved: hasChanges(changes), changes, saved: saved.output, via: 'show config 0' };
  }
  return { unsaved: true, changes: null, saved: null, via: 'save prompt' };
}
