export {
  SERVICES,
  SERVICE_IDS,
  isFixedIp,
  serviceById,
  type Confidence,
  type Encapsulation,
  type Fact,
  type MapEParameters,
  type RtxHints,
  type ServiceId,
  type ServiceRecord,
  type TunnelEndpoint,
  type UpdateServer,
} from './catalog.js';
export { serviceForPrefix } from './lookup.js';
