import type { DocumentedType } from './external-client-app-fields';

/**
 * EventRelayConfig, newer than the Metadata API schema jsforce ships: its fields as the Metadata API Developer Guide
 * documents them (meta_eventrelayconfig.htm: suffix .eventRelay in eventRelays, API 56.0; destinationResourceName and
 * eventChannel required; state RUN, PAUSE or STOP), alphabetical as the WSDL orders sequences.
 */
export const EVENT_RELAY_TYPES: Record<string, DocumentedType> = {
  EventRelayConfig: {
    type: 'EventRelayConfig',
    since: 56,
    extends: 'Metadata',
    props: {
      destinationResourceName: 'string',
      eventChannel: 'string',
      label: '?string',
      relayOption: '?string',
      state: '?string',
    },
    enums: { state: ['RUN', 'PAUSE', 'STOP'] },
  },
};
