import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ComponentSet } from '@salesforce/source-deploy-retrieve';
import { EXTERNAL_CLIENT_APP_TYPES } from './external-client-app-fields';
import { checkElement, knownType, parseRoot } from './metadata-schema';

/**
 * Every -meta.xml of the package against the Metadata API schema: element names, nesting, value types
 * (boolean, number), required elements and the WSDL's element order. The External Client App types,
 * newer than jsforce's schema, are checked against their documented fields, enumerations and versions.
 */
const PACKAGE = join(__dirname, '../../crm-package');
const API_VERSION = Number((JSON.parse(readFileSync(join(PACKAGE, 'sfdx-project.json'), 'utf8')) as { sourceApiVersion: string }).sourceApiVersion);

function metaFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === '__tests__') return [];
    if (statSync(path).isDirectory()) return metaFiles(path);
    return name.endsWith('-meta.xml') ? [path] : [];
  });
}
const FILES = metaFiles(PACKAGE).map((f) => relative(PACKAGE, f));

/** The type source-deploy-retrieve gives each file (decomposed children such as fields included). */
const TYPES = new Map(
  ComponentSet.fromSource((JSON.parse(readFileSync(join(PACKAGE, 'sfdx-project.json'), 'utf8')) as { packageDirectories: Array<{ path: string }> }).packageDirectories.map((d) => join(PACKAGE, d.path)))
    .getSourceComponents()
    .toArray()
    .flatMap((c) => [c, ...c.getChildren()])
    .filter((c) => c.xml)
    .map((c) => [relative(PACKAGE, c.xml!), c.type.name]),
);
const expectedType = (file: string) => TYPES.get(file);

const root = (file: string) => parseRoot(readFileSync(join(PACKAGE, file), 'utf8'));

describe('Metadata API schema', () => {
  it('finds the package files, of types the schema or the External Client App docs know', () => {
    expect(FILES.length).toBeGreaterThan(150);
    expect(FILES.filter((f) => !knownType(root(f).name))).toEqual([]);
  });

  it.each(FILES)('%s has the root element of its type and matches the schema', (file) => {
    const element = root(file);

    expect(element.name).toBe(expectedType(file));
    expect(element.attributes.xmlns).toBe('http://soap.sforce.com/2006/04/metadata');
    expect(checkElement(element, element.name, element.name)).toEqual([]);
  });

  const ecaFiles = FILES.filter((f) => root(f).name in EXTERNAL_CLIENT_APP_TYPES);

  it.each(ecaFiles)('%s uses only fields the package API version has, with documented values', (file) => {
    const element = root(file);
    const documented = EXTERNAL_CLIENT_APP_TYPES[element.name]!;
    const version = (field: string) => documented.fieldSince?.[field] ?? documented.since;

    expect(documented.since).toBeLessThanOrEqual(API_VERSION);
    expect(element.children.filter((c) => version(c.name) > API_VERSION).map((c) => `${c.name} (API ${version(c.name)})`)).toEqual([]);
    for (const child of element.children) {
      const values = documented.enums?.[child.name];
      if (values) expect([child.name, values.includes(child.text)]).toEqual([child.name, true]);
    }
  });

  it('checks all five External Client App files', () => {
    expect(ecaFiles.map((f) => root(f).name).sort()).toEqual(Object.keys(EXTERNAL_CLIENT_APP_TYPES).filter((t) => EXTERNAL_CLIENT_APP_TYPES[t]!.extends).sort());
  });
});

describe('the schema check finds what Salesforce would refuse', () => {
  const check = (xml: string) => {
    const element = parseRoot(xml);
    return checkElement(element, element.name, element.name);
  };
  const field = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">${body}</PermissionSet>`;
  const fp = '<fieldPermissions><editable>false</editable><field>Account.Phone</field><readable>true</readable></fieldPermissions>';

  it.each([
    ['an element out of order', field(`<label>L</label>${fp}`), 'PermissionSet/fieldPermissions: out of order, PermissionSet puts fieldPermissions before label'],
    ['an unknown element', field('<label>L</label><colour>red</colour>'), 'PermissionSet/colour: PermissionSet has no element colour'],
    ['a boolean that is not one', field(`<fieldPermissions><editable>yes</editable><field>Account.Phone</field></fieldPermissions><label>L</label>`), 'PermissionSet/fieldPermissions/editable: "yes" is not a boolean'],
    ['a single element given twice', field('<description>a</description><description>b</description><label>L</label>'), 'PermissionSet/description: may appear once'],
    ['a repeated element split up', field(`${fp}<flowAccesses><enabled>true</enabled><flow>F</flow></flowAccesses>${fp}<label>L</label>`), 'PermissionSet/fieldPermissions: out of order, PermissionSet puts fieldPermissions before flowAccesses'],
    ['a missing required element', field(fp), 'PermissionSet: PermissionSet requires label'],
    ['nesting the schema does not have', field('<label><text>L</text></label>'), 'PermissionSet/label: string value holds elements'],
    [
      'a number that is not one',
      '<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>A__c</fullName><label>A</label><length>forty</length><type>Text</type></CustomField>',
      'CustomField/length: "forty" is not a number',
    ],
    [
      'an undocumented External Client App field',
      '<ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata"><commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes><externalClientApplication>A</externalClientApplication><label>L</label><scopes>Api</scopes></ExtlClntAppOauthSettings>',
      'ExtlClntAppOauthSettings/scopes: ExtlClntAppOauthSettings has no element scopes',
    ],
  ])('%s', (_case, xml, finding) => {
    expect(check(xml)).toEqual([finding]);
  });
});
