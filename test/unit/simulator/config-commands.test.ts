import { describe, expect, it } from 'vitest';
import { connectTwin } from '../../../main/simulator/host/twin-transport.js';
import { openTwin, runAll } from './twin-helpers.js';

describe('config commands edit the twin\'s running config', () => {
  it('tunnel select + tunnel endpoint address replaces the endpoint inside the block; the prompt shows tunnel1', async () => {
    const { session, twin } = await openTwin('fixed-ip-br-typo', { admin: true });
    await runAll(session, ['tunnel select 1']);
    expect(session.prompt).toBe('tunnel1#');
    await runAll(session, ['tunnel endpoint address 2404:9200:225:100::65', 'tunnel select none']);
    expect(session.prompt).toBe('#');
    const r = await session.run('show config');
    const lines = r.output.split('\n');
    const at = lines.indexOf('tunnel select 1');
    expect(lines.slice(at, at + 3)).toEqual(['tunnel select 1', ' tunnel encapsulation ipip', ' tunnel endpoint address 2404:9200:225:100::65']);
    expect(r.output).not.toContain('2404:9200:255:100::65');
    expect(lines.filter((l) => l.includes('tunnel endpoint address'))).toHaveLength(1);
    expect(twin.console.runningConfigText()).toContain(' tunnel endpoint address 2404:9200:225:100::65\n');
    expect(twin.console.savedConfigText()).toContain(' tunnel endpoint address 2404:9200:255:100::65\n');
    await session.close();
  });

  it('`no ipv6 filter 200031` removes the filter; a new filter lands beside its family in number order', async () => {
    const { session, twin } = await openTwin('fixed-ip-br-typo', { admin: true });
    await runAll(session, ['no ipv6 filter 200031']);
    expect(twin.console.runningConfigText()).not.toMatch(/^ipv6 filter 200031 /m);
    await runAll(session, ['ipv6 filter 200031 pass * * 4', 'ip filter 200030 pass * 192.168.182.0/24 icmp * *']);
    const text = twin.console.runningConfigText();
    expect(text).toContain('ipv6 filter 200030 pass * * icmp6 * *\nipv6 filter 200031 pass * * 4\nipv6 filter 200038 pass * * udp * 546\n');
    expect(text).toContain('ip filter 200030 pass * 192.168.182.0/24 icmp * *\n');
    expect(text).not.toContain('192.168.100.0/24');
    // Replacing the WAN filter list keeps one line.
    await runAll(session, ['ipv6 lan2 secure filter in 200030 200031 200038 200039']);
    expect(text.match(/^ipv6 lan2 secure filter in /gm)).toHaveLength(1);
    await session.close();
  });

  it('refuses config commands in user mode (English and Japanese) and unknown commands', async () => {
    const ja = await openTwin('fixed-ip-br-typo');
    expect((await ja.session.run('tunnel select 1')).error).toBe('エラー： このコマンドは管理レベルでのみ使用できます');
    expect((await ja.session.run('ipv6 filter 200031 pass * * 4')).error).toBe('エラー： このコマンドは管理レベルでのみ使用できます');
    expect((await ja.session.run('no ipv6 filter 200031')).error).toBe('エラー： このコマンドは管理レベルでのみ使用できます');
    expect((await ja.session.run('save')).error).toBe('エラー： このコマンドは管理レベルでのみ使用できます');
    expect((await ja.session.run('frobnicate now')).error).toBe('エラー： コマンド名を確認してください');
    await ja.session.close();
    const en = await openTwin('v6plus-rtx830');
    expect((await en.session.run('tunnel endpoint address 2001:db8::1')).error).toBe('Error: Administrator use only');
    expect((await en.session.run('show config')).error).toBe('Error: Administrator use only');
    expect((await en.session.run('show nonsense')).error).toBe('Error: Invalid command name');
    await en.session.enterAdmin();
    expect((await en.session.run('tunnel endpoint address 2001:db8::1')).error).toBe('Error: Execute tunnel select command beforehand');
    await runAll(en.session, ['tunnel select 1']);
    expect((await en.session.run('tunnel endpoint address not-an-address')).error).toBe('Error: Unrecognized IP address parameter');
    expect((await en.session.run('ip tunnel mtu')).error).toBe('Error: Insufficient or too many parameters');
    await en.session.close();
  });

  it('a change makes the config dirty: exit asks to save, N keeps the change running but unsaved; save stores it', async () => {
    const { session, twin } = await openTwin('v6plus-rtx830', { admin: true });
    const before = twin.console.savedConfigText();
    expect(twin.console.hasUnsavedChanges).toBe(false);
    await runAll(session, ['tunnel select 1', 'ip tunnel mtu 1454']);
    expect(twin.console.hasUnsavedChanges).toBe(true);
    await session.close(); // leaves administrator mode answering N
    expect(twin.console.savedConfigText()).toBe(before);
    expect(twin.console.runningConfigText()).toContain(' ip tunnel mtu 1454\n');

    const again = await openTwin('v6plus-rtx830', { admin: true });
    await runAll(again.session, ['tunnel select 1', 'ip tunnel mtu 1454']);
    const saved = await again.session.run('save');
    expect(saved.output).toBe('Saving ... CONFIG0 Done ');
    expect(again.twin.console.hasUnsavedChanges).toBe(false);
    expect(again.twin.console.savedConfigText()).toBe(again.twin.console.runningConfigText());
    expect(again.twin.console.savedConfigText()).toContain(' ip tunnel mtu 1454\n');
    await again.session.close();
  });

  it('prints the save prompt as bytes and takes a bare Y', async () => {
    const t = connectTwin('v6plus-rtx830');
    const out: Buffer[] = [];
    t.onData((c) => out.push(Buffer.from(c)));
    const type = (s: string): void => t.console.input(Buffer.from(s, 'latin1'));
    type('\r\r'); // wake, empty password
    type('administrator\r\r');
    type('tunnel select 1\rtunnel enable 1\rexit\r');
    expect(Buffer.concat(out).toString('latin1')).toMatch(/Save new configuration \? \(Y\/N\)$/);
    type('Y');
    expect(t.console.hasUnsavedChanges).toBe(false);
    expect(Buffer.concat(out).toString('latin1')).toMatch(/Y\r\n> $/);
    await t.close();
  });

  it('tunnel enable/disable edits the tunnel\'s block, and disabling takes the tunnel Offline', async () => {
    const { session, twin } = await openTwin('fixed-ip-br-typo', { admin: true });
    await runAll(session, ['tunnel disable 1']);
    expect(twin.console.runningConfigText()).not.toContain('tunnel enable 1');
    expect((await session.run('show status ipip')).output).toContain('Current status is Offline.');
    await runAll(session, ['tunnel enable 1']);
    const text = twin.console.runningConfigText();
    expect(text).toMatch(/ ip tunnel tcp mss limit auto\n tunnel enable 1\n/);
    expect((await session.run('show status ipip')).output).toContain('Current status is Online.');
    await session.close();
  });

  it('takes an embedded file typed as a heredoc', async () => {
    const { session, twin } = await openTwin('fixed-ip-not-registered', { admin: true });
    const body = twin.console.runningConfigText().split('embedded file v6plus_address_notification.lua <<EOF\n')[1]!.split('\nEOF\n')[0]!;
    const fixed = body.replace('PASSWORD = "Upd8-Secret-r5vv"', 'PASSWORD = "Upd8-Secret-r5w"');
    // Typed straight into the console: RtxSession runs one-line commands, a heredoc is many lines.
    const type = (s: string): void => twin.console.input(Buffer.from(`${s}\r`, 'utf8'));
    type('embedded file v6plus_address_notification.lua <<EOF');
    for (const l of fixed.split('\n')) type(l);
    expect(twin.console.runningConfigText()).toContain('PASSWORD = "Upd8-Secret-r5vv"');
    type('EOF');
    expect(twin.console.runningConfigText()).toContain('PASSWORD = "Upd8-Secret-r5w"');
    expect(twin.console.hasUnsavedChanges).toBe(true);
    expect(twin.console.runningConfigText().match(/embedded file /g)).toHaveLength(1);
    await session.close();
  });
});
