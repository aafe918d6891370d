import { readFile } from 'node:fs/promises';
import type { ContractNotice } from '../../shared/diagnosis/input.js';
import { NoticeError, parseNotice } from '../../shared/diagnosis/notice.js';
import { SERVICE_IDS, type ServiceId } from '../../shared/services/index.js';
import { demoNotice } from '../simulator/demo.js';
import { UsageError, flagString, type ParsedArgs } from './command.js';

export const NOTICE_USAGE = '[--notice notice.json]';

/**
 * The contract notice for a command: `--notice FILE` (JSON: serviceId, fixedIpv4, interfaceId, br, updateUser,
 * updatePassword), else the demo scenario's own `notice.json`, else none.
 */
export async function noticeFromArgs(parsed: ParsedArgs, demoScenario?: string): Promise<ContractNotice | undefined> {
  const file = flagString(parsed, 'notice');
  if (file === undefined) return demoScenario ? (demoNotice(demoScenario) ?? undefined) : undefined;
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`--notice: cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`--notice: ${file} is not JSON (write it as {"fixedIpv4": "203.0.113.10", "interfaceId": "::cb:71:a00:0", …})`);
  }
  try {
    return parseNotice(json);
  } catch (err) {
    if (err instanceof NoticeError) throw new UsageError(`--notice ${file}: ${err.message}`);
    throw err;
  }
}

/** `--service ID`: the user says which service the line has (it wins like the notice's serviceId). */
export function serviceFromArgs(parsed: ParsedArgs): ServiceId | undefined {
  const s = flagString(parsed, 'service');
  if (s === undefined) return undefined;
  if (!(SERVICE_IDS as readonly string[]).includes(s)) throw new UsageError(`--service must be one of ${SERVICE_IDS.join(', ')}`);
  return s as ServiceId;
}
