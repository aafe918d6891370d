import { describe, expect, it } from 'vitest';
import { identifyRtx } from '../../../main/devices/identify-rtx.js';
import { RtxSession } from '../../../main/devices/rtx-session.js';
import { connectTwin } from '../../../main/simulator/host/twin-transport.js';
import { loadScenario } from '../../../main/simulator/host/scenario-files.js';
import { inEnglish, renderMessage } from '../../../shared/i18n/message.js';
import { cliDevice } from '../../../main/cli/cli-device.js';

describe('identify: what did not add up is a message, said in the UI language and in English for the CLI', () => {
  it('a refused administrator password leaves the cross-check undone, and says why in both languages', async () => {
    const s = loadScenario('fixed-ip-br-typo');
    const session = new RtxSession(connectTwin(s), { username: s.console.loginUser, password: s.console.loginPassword, adminPassword: 'not-the-password' });
    await session.open();
    const device = await identifyRtx(session, { crossCheck: true });
    expect(device.model).toBe('RTX1300');
    expect(device.warnings).toHaveLength(1);
    expect(inEnglish(device.warnings[0]!)).toBe('could not cross-check with show config: the administrator password was refused; check it and try again');
    expect(renderMessage('ja', device.warnings[0]!)).toBe('show config との照合ができませんでした：管理者パスワードが拒否されました。確かめてからもう一度試してください');
    expect(cliDevice(device).warnings).toEqual(['could not cross-check with show config: the administrator password was refused; check it and try again']);
    await session.close();
  });
});
