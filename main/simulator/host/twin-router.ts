import { accessServices, type AccessServices } from '../twin/access-services.js';
import type { Scenario } from './scenario-files.js';
import { connectTwin, type TwinTransport, type TwinTransportOptions } from './twin-transport.js';

/**
 * One simulated router that several sessions reach (Telnet, SSH), as a real one: what a session changes is in
 * force for the next session, what it saved is what the router keeps. Each session is its own console (login,
 * mode, pager); the config is the router's.
 */
export class TwinRouter {
  private running: string;
  private saved: string;
  private readonly listeners = new Set<() => void>();

  constructor(readonly scenario: Scenario) {
    this.running = scenario.config;
    this.saved = scenario.config;
  }

  /** A console session on this router, starting from its config as it is now. */
  session(opts: TwinTransportOptions = {}): TwinTransport {
    const twin = connectTwin({ ...this.scenario, config: this.running }, { ...opts, savedConfig: this.saved });
    twin.console.onConfigChange(() => {
      this.running = twin.console.runningConfigText();
      this.saved = twin.console.savedConfigText();
      for (const l of this.listeners) l();
    });
    return twin;
  }

  /** Config lines put in force and stored before any session (a router set up earlier). */
  preset(lines: string[]): void {
    const twin = connectTwin({ ...this.scenario, config: `${this.running.trimEnd()}\n${lines.join('\n')}\n` });
    this.running = twin.console.runningConfigText();
    this.saved = this.running;
    void twin.close();
  }

  /** Its SSH and Telnet servers as its config has them now. */
  access(): AccessServices {
    return accessServices(this.running);
  }

  runningConfigText(): string {
    return this.running;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
