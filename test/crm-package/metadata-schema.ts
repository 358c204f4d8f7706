import { XMLParser } from 'fast-xml-parser';
import { ApiSchemas } from 'jsforce/lib/api/metadata/schema';
import { EVENT_RELAY_TYPES } from './event-relay-fields';
import { EXTERNAL_CLIENT_APP_TYPES } from './external-client-app-fields';

/**
 * Checks a Metadata API XML file against the Metadata API schema: jsforce's copy of the metadata WSDL
 * (jsforce/lib/api/metadata/schema.js: each type's elements in WSDL sequence order, with '?' optional,
 * '[T]' repeated, and boolean/number/string/any values), plus the documented External Client App types.
 * Findings name the file's element path and what is wrong.
 */
type Spec = string | [string];
interface SchemaType {
  props: Record<string, Spec>;
  extends?: string;
}
export interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

const SCHEMAS: Record<string, SchemaType> = { ...(ApiSchemas as unknown as Record<string, SchemaType>), ...EXTERNAL_CLIENT_APP_TYPES, ...EVENT_RELAY_TYPES };
const PRIMITIVES = new Set(['string', 'boolean', 'number', 'any']);

/**
 * Where the WSDL types an element as a string but the file holds XML: LightningComponentBundle's
 * targetConfigs is a base64Binary in the WSDL that carries the targets' XML (LWC guide, "XML
 * Configuration File Elements").
 */
const XML_VALUED = new Set(['LightningComponentBundle.targetConfigs']);

/**
 * Elements added to the Metadata API after the WSDL jsforce ships, that this package uses, each from the
 * Metadata API Developer Guide page of its type (meta_flexipage.htm): FlexiPageRegion.itemInstances
 * (ItemInstance, API 47.0; only its componentInstance is described here) and ComponentInstance.identifier
 * (API 47.0). They join their type in alphabetical place, where these types' WSDL sequences put them.
 */
const ADDED_ELEMENTS: Record<string, Record<string, Spec>> = {
  FlexiPageRegion: { itemInstances: ['ItemInstance'] },
  ComponentInstance: { identifier: '?string' },
};
const ADDED_TYPES: Record<string, SchemaType> = {
  ItemInstance: { props: { componentInstance: '?ComponentInstance' } },
};

/**
 * Types whose files Salesforce reads without holding them to an element order: LWC configuration
 * files (the LWC guide's own sample, "XML Configuration File Elements", puts description after
 * masterLabel and targetConfigs after targets).
 */
const ANY_ORDER = new Set(['LightningComponentBundle']);

export function schemaType(name: string): SchemaType | undefined {
  const type = ADDED_TYPES[name] ?? SCHEMAS[name];
  const added = ADDED_ELEMENTS[name];
  if (!type || !added) return type;
  return { ...type, props: Object.fromEntries(Object.entries({ ...type.props, ...added }).sort(([a], [b]) => a.localeCompare(b))) };
}

/** A type's elements in order: inherited ones (Metadata's fullName) first, as the WSDL's extension sequences are. */
function elements(typeName: string): Array<[string, Spec]> {
  const type = schemaType(typeName);
  if (!type) return [];
  return [...(type.extends ? elements(type.extends) : []), ...Object.entries(type.props)];
}

function specOf(spec: Spec): { type: string; repeated: boolean; optional: boolean } {
  if (Array.isArray(spec)) return { type: spec[0], repeated: true, optional: true };
  return { type: spec.replace(/^\?/, ''), repeated: false, optional: spec.startsWith('?') };
}

const BOOLEAN = /^(true|false)$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** Problems of one element (of the given type) and everything inside it. */
export function checkElement(element: Element, typeName: string, path: string, ordered = !ANY_ORDER.has(typeName)): string[] {
  const found: string[] = [];
  const allowed = elements(typeName);
  const order = new Map(allowed.map(([name], i) => [name, i]));
  const seen = new Set<string>();
  let last = -1;
  let previous = '';
  if (element.text.trim() !== '') found.push(`${path}: text "${element.text.trim().slice(0, 40)}" where ${typeName} has elements`);
  for (const child of element.children) {
    const where = `${path}/${child.name}`;
    const index = order.get(child.name);
    if (index === undefined) {
      found.push(`${where}: ${typeName} has no element ${child.name}`);
      continue;
    }
    const spec = specOf(allowed[index]![1]);
    if (ordered && index < last) found.push(`${where}: out of order, ${typeName} puts ${child.name} before ${previous}`);
    else if (seen.has(child.name) && (!spec.repeated || (ordered && previous !== child.name))) found.push(`${where}: ${spec.repeated ? 'repeated elements must be together' : 'may appear once'}`);
    seen.add(child.name);
    last = Math.max(last, index);
    previous = child.name;
    found.push(...checkValue(child, spec.type, `${typeName}.${child.name}`, where, ordered));
  }
  for (const [name, spec] of allowed) {
    if (!specOf(spec).optional && !seen.has(name) && name !== 'fullName') found.push(`${path}: ${typeName} requires ${name}`);
  }
  return found;
}

function checkValue(element: Element, type: string, qualified: string, where: string, ordered: boolean): string[] {
  if (XML_VALUED.has(qualified) || type === 'any') return [];
  if (!PRIMITIVES.has(type)) {
    if (!schemaType(type)) return [`${where}: the schema has no type ${type}`];
    return checkElement(element, type, where, ordered && !ANY_ORDER.has(type));
  }
  if (element.children.length > 0) return [`${where}: ${type} value holds elements`];
  const value = element.text.trim();
  if (type === 'boolean' && !BOOLEAN.test(value)) return [`${where}: "${value}" is not a boolean`];
  if (type === 'number' && !NUMBER.test(value)) return [`${where}: "${value}" is not a number`];
  return [];
}

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, parseAttributeValue: false, trimValues: false });

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

function toElement(node: Ordered): Element {
  const name = Object.keys(node).find((k) => k !== ':@')!;
  const content = (node[name] as Ordered[]) ?? [];
  const children = content.filter((c) => !('#text' in c)).map(toElement);
  const text = content
    .filter((c) => '#text' in c)
    .map((c) => String(c['#text']))
    .join('');
  return { name, attributes: node[':@'] ?? {}, children, text };
}

/** The root element of an XML document (the declaration skipped). */
export function parseRoot(xml: string): Element {
  const nodes = (parser.parse(xml) as Ordered[]).filter((n) => !('?xml' in n) && !('#text' in n));
  if (nodes.length !== 1) throw new Error(`expected one root element, found ${nodes.length}`);
  return toElement(nodes[0]!);
}

export function knownType(name: string): boolean {
  return schemaType(name) !== undefined;
}
