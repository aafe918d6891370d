import { accessServices, type AccessServices } from '../twin/access-services.js';
import { RouterState, type RouterMemory } from '../twin/router-state.js';
import type { Scenario } from './scenario-files.js';
import { connectTwin, type TwinTransport, type TwinTransportOptions } from './twin-transport.js';

/**
 * One simulated router that several sessions reach (Telnet, SSH, its serial console), as a real one: every
 * session is a console on the same RouterState, so what one changes is in force for the next, and what it saved
 * is what the router keeps (through `memory`, across power cycles). Each session is its own console (login,
 * mode, pager); the config is the router's.
 */
export class TwinRouter {
  readonly state: RouterState;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly scenario: Scenario,
    opts: { memory?: RouterMemory } = {},
  ) {
    this.state = new RouterState(scenario, opts.memory ? { memory: opts.memory } : {});
  }

  /** A console session on this router. */
  session(opts: TwinTransportOptions = {}): TwinTransport {
    const twin = connectTwin(this.scenario, { ...opts, router: this.state });
    twin.console.onConfigChange(() => {
      for (const l of this.listeners) l();
    });
    return twin;
  }

  /** Config lines put in force and stored before any session (a router set up earlier). */
  preset(lines: string[]): void {
    const twin = connectTwin({ ...this.scenario, config: `${this.state.running.text().trimEnd()}\n${lines.join('\n')}\n` });
    const text = twin.console.runningConfigText();
    void twin.close();
    if (text !== this.state.saved || text !== this.state.running.text()) this.state.preset(text);
  }

  /** Its SSH and Telnet servers as its config has them now. */
  access(): AccessServices {
    return accessServices(this.state.running.text());
  }

  runningConfigText(): string {
    return this.state.running.text();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
