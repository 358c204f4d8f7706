import type { MetadataFieldDefinition, MetadataTypeDefinition } from '../policy/policy-metadata-types';
import { BEHAVIOUR_KEYS, STEP_KEYS } from './standard';

/**
 * The Custom Metadata Types that hold the call-handling standard in Salesforce: one record per variant,
 * one per step of a variant, one per behaviour check of a variant. Lists are `;`-separated; phrases and
 * patterns one per line; blank means "not set".
 */
const text = (length: number, label: string, help: string): MetadataFieldDefinition => ({ type: 'Text', length, label, help });
const list = (label: string, help: string): MetadataFieldDefinition => ({
  type: 'Text',
  length: 255,
  label,
  help: `${help} Separate values with semicolons; leave blank for any.`,
});
const lines = (label: string, help: string): MetadataFieldDefinition => ({ type: 'LongTextArea', length: 32768, label, help: `${help} One per line.` });
const number = (precision: number, scale: number, label: string, help: string): MetadataFieldDefinition => ({ type: 'Number', precision, scale, label, help });
const variant = text(80, 'Variant', 'Name of the Callwise Handling Variant this belongs to, for example support.');
const weight = number(3, 0, 'Weight', 'How much this counts towards the 0-100 score, 0 to 100.');
const coaching = text(200, 'Coaching', 'The advice the coaching note gives when this is what the rep missed.');
const applies = {
  Intents__c: list('Intents', 'Only calls with one of these intents.'),
  Queues__c: list('Queues', 'Only calls routed to one of these queues (queue names).'),
  Channels__c: list('Channels', 'Only these channels: VOICE, CHAT.'),
  Directions__c: list('Directions', 'Only these directions: INBOUND, OUTBOUND, TRANSFER, CALLBACK.'),
};

export const HANDLING_METADATA_TYPES = {
  Callwise_Handling_Variant__mdt: {
    label: 'Callwise Handling Variant',
    pluralLabel: 'Callwise Handling Variants',
    description:
      'Variants of the call-handling standard (for example sales and support). The first variant, by Order, whose conditions a call meets scores it; the last one has no conditions and scores the rest.',
    fields: {
      Name__c: text(80, 'Variant Name', 'Name of the variant, shown on scored Call Tasks, for example support.'),
      Order__c: number(4, 0, 'Order', 'Position in the list, lowest first.'),
      Standard_Version__c: text(40, 'Standard Version', 'A label for this version of the standard, written on scored Call Tasks; the same on every variant.'),
      ...applies,
      Minimum_Seconds__c: number(3, 0, 'Minimum Seconds', 'Voice calls shorter than this are not scored (too short).'),
    },
  },
  Callwise_Handling_Step__mdt: {
    label: 'Callwise Handling Step',
    pluralLabel: 'Callwise Handling Steps',
    description: 'A step of a call-handling variant: what the rep must say (phrases or patterns, in a time window), where it applies, and its weight.',
    fields: {
      Variant__c: variant,
      Step__c: { type: 'Picklist', label: 'Step', help: 'Which step this is; each step has its own Call Task field.', values: STEP_KEYS },
      Order__c: number(4, 0, 'Order', 'Position in the variant, lowest first. A step named in After Step must come earlier.'),
      Label__c: text(80, 'Label', 'The step as reps and managers read it, for example Identity verification.'),
      Weight__c: weight,
      ...applies,
      Phrases__c: lines('Phrases', 'Phrases the rep says (whole words; case and punctuation ignored).'),
      Patterns__c: lines('Patterns', 'Regular expressions matched against what the rep says (case ignored).'),
      Contact_Lens__c: list('Contact Lens Detections', 'Turns where Contact Lens detected an outcome or an action item also count: outcome, actionItem.'),
      And_Phrases__c: lines('And Phrases', 'Optional second group: the rep must also say one of these.'),
      And_Patterns__c: lines('And Patterns', 'Optional second group, as regular expressions.'),
      First_Seconds__c: number(4, 0, 'Within First Seconds', 'Only what the rep says in the first N seconds counts; blank for anywhere.'),
      Last_Seconds__c: number(4, 0, 'Within Last Seconds', 'Only what the rep says in the last N seconds counts; blank for anywhere.'),
      Categories__c: list('Contact Lens Categories', 'Contact Lens categories of your org that pass the step on their own.'),
      Must_Precede_Patterns__c: lines(
        'Missed If Said First',
        'Regular expressions: the step is missed when the rep said one of these before it (for example account details before verification).',
      ),
      After_Step__c: {
        type: 'Picklist',
        label: 'After Step',
        help: 'Only what the rep says after the turn that passed this step counts (a summary comes after the resolution).',
        values: STEP_KEYS,
      },
      Disposition_Counts__c: { type: 'Checkbox', label: 'Disposition Counts', help: 'When checked, a disposition recorded for the call passes the step.' },
      Coaching__c: coaching,
    },
  },
  Callwise_Handling_Behaviour__mdt: {
    label: 'Callwise Handling Behaviour',
    pluralLabel: 'Callwise Handling Behaviours',
    description:
      'A behaviour check of a call-handling variant, measured by Contact Lens: interruptions, longest monologue, talk-to-listen, non-talk time, questions asked.',
    fields: {
      Variant__c: variant,
      Behaviour__c: { type: 'Picklist', label: 'Behaviour', help: 'Which behaviour is checked.', values: BEHAVIOUR_KEYS },
      Minimum__c: number(6, 2, 'Minimum', 'Lowest passing value: questions asked, talk-to-listen ratio.'),
      Maximum__c: number(6, 2, 'Maximum', 'Highest passing value: interruptions, longest monologue (seconds), talk-to-listen ratio, non-talk share (0-1).'),
      Weight__c: weight,
      Coaching__c: coaching,
    },
  },
} as const satisfies Record<string, MetadataTypeDefinition>;

export type HandlingMetadataType = keyof typeof HANDLING_METADATA_TYPES;
