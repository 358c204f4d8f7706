import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import JSZip from 'jszip';
import { DIRECTORY_ENTITIES } from '../../functions/src/domain/directory/change-event';
import { CAPTURED_OBJECTS } from '../../local/salesforce-emulator/change-events';
import { parseRoot, type Element } from './metadata-schema';

/**
 * Change Data Capture through Event Relay, as the package ships it: a custom data channel with one member per change
 * event the caller directory applies (force-app), and the named credential and relay configuration (event-relay,
 * deployed once the admin has put the AWS account and region in the named credential). Event Relay Developer Guide:
 * "Create a Named Credential" (URL arn:aws:<REGION in capitals>:<12-digit account>, Named Principal, No Authentication),
 * "Create an Event Relay Configuration" (destinationResourceName callout:<named credential>, created in state STOP);
 * Metadata API Developer Guide: PlatformEventChannel, PlatformEventChannelMember, EventRelayConfig.
 */
const PACKAGE = join(__dirname, '../../crm-package');
const DEFAULT = join(PACKAGE, 'force-app/main/default');
const RELAY = join(PACKAGE, 'event-relay/main/default');
const xml = (path: string) => parseRoot(readFileSync(path, 'utf8'));
const text = (element: Element, name: string) => element.children.find((c) => c.name === name)?.text;

describe('the Callwise Directory channel', () => {
  it('is a custom data channel (Change Data Capture, not platform events)', () => {
    const channel = xml(join(DEFAULT, 'platformEventChannels/Callwise_Directory__chn.platformEventChannel-meta.xml'));
    expect([channel.name, text(channel, 'channelType'), text(channel, 'label')]).toEqual(['PlatformEventChannel', 'data', 'Callwise Directory']);
  });

  it('has one member per object the directory applies and the emulator publishes, named <channel>_chn_<Event>', () => {
    const dir = join(DEFAULT, 'platformEventChannelMembers');
    const members = readdirSync(dir).map((file) => ({ file, element: xml(join(dir, file)) }));
    expect(members.map((m) => text(m.element, 'selectedEntity')).sort()).toEqual(['AccountChangeEvent', 'CaseChangeEvent', 'ContactChangeEvent', 'LeadChangeEvent', 'OpportunityChangeEvent']);
    expect([...DIRECTORY_ENTITIES].map((e) => `${e}ChangeEvent`).sort()).toEqual(members.map((m) => text(m.element, 'selectedEntity')).sort());
    expect([...CAPTURED_OBJECTS].sort()).toEqual([...DIRECTORY_ENTITIES].sort());
    for (const { file, element } of members) {
      expect(text(element, 'eventChannel')).toBe('Callwise_Directory__chn');
      expect(file).toBe(`Callwise_Directory_chn_${text(element, 'selectedEntity')!}.platformEventChannelMember-meta.xml`);
    }
  });
});

describe('the Event Relay configuration', () => {
  const credential = xml(join(RELAY, 'namedCredentials/Callwise_Event_Relay.namedCredential-meta.xml'));
  const relay = xml(join(RELAY, 'eventRelays/Callwise_Directory.eventRelay-meta.xml'));

  it('names the AWS region and account in the named credential URL, as placeholders the admin replaces', () => {
    expect(text(credential, 'endpoint')).toBe('arn:aws:AWS_REGION:AWS_ACCOUNT_ID');
    expect([text(credential, 'principalType'), text(credential, 'protocol')]).toEqual(['NamedUser', 'NoAuthentication']);
  });

  it('relays the channel through the named credential, created stopped, replaying stored events after an error', () => {
    expect(text(relay, 'destinationResourceName')).toBe('callout:Callwise_Event_Relay');
    expect(text(relay, 'eventChannel')).toBe('Callwise_Directory__chn');
    expect(text(relay, 'state')).toBe('STOP');
    expect(JSON.parse(text(relay, 'relayOption')!)).toEqual({ ReplayRecovery: 'EARLIEST' });
  });

  it('converts to a Metadata API zip of its own (deployed after force-app)', async () => {
    const components = ComponentSet.fromSource(join(PACKAGE, 'event-relay'));
    const result = await new MetadataConverter().convert(components, 'metadata', { type: 'zip' });
    const entries = Object.keys((await JSZip.loadAsync(result.zipBuffer!)).files);
    expect(entries).toEqual(expect.arrayContaining(['eventRelays/Callwise_Directory.eventRelay', 'namedCredentials/Callwise_Event_Relay.namedCredential', 'package.xml']));
    expect(components.toArray().map((c) => c.type.name).sort()).toEqual(['EventRelayConfig', 'NamedCredential']);
  });
});
