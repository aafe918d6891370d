import type { DeviceIdentity } from '../../shared/ipc/contract.js';
import { inEnglish } from '../../shared/i18n/message.js';

/** The identity as the CLI prints it (text and JSON): what did not add up, in English (the UI says it in its language). */
export function cliDevice(device: DeviceIdentity): Omit<DeviceIdentity, 'warnings'> & { warnings: string[] } {
  return { ...device, warnings: device.warnings.map(inEnglish) };
}
