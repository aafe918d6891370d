import { defineFinding } from '../../definition.js';
import { linux } from './linux.js';
import { rtx } from './rtx.js';

export const mssClampMissing = defineFinding({
  code: 'MSS_CLAMP_MISSING',
  severity: 'warning',
  hop: 'router',
  title: { ja: 'TCP MSSが調整されていない', en: 'TCP MSS is not clamped' },
  meaning: { ja: 'トンネルでTCP MSSが調整されていないため、大きなパケットで通信が止まることがあります。', en: 'TCP MSS is not clamped for the tunnel, so large transfers can stall.' },
  platforms: { rtx, linux },
});
