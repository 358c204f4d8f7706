import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

/**
 * Call content (the summary, the customer's lines flagged as issues) lives in Callwise_Call_Summary__c, and only
 * the Callwise permission sets open it: Rep and Admin read it, the integration user writes it. No profile, and no
 * other permission set, permission set group or muting set in the package, names it. Field-level security is
 * granted by `fieldPermissions` in a PermissionSet (Metadata API Developer Guide, "PermissionSet").
 */
const PACKAGE = join(__dirname, '../../crm-package');
const FIELD = 'Task.Callwise_Call_Summary__c';
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'fieldPermissions' });

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === '__tests__' ? [] : files(path);
    return [path];
  });
}

const ACCESS_METADATA = /\.(profile|permissionset|permissionsetgroup|mutingpermissionset)-meta\.xml$/;
const accessFiles = files(PACKAGE).filter((f) => ACCESS_METADATA.test(f));

function grants(file: string): Array<{ readable: string; editable: string }> {
  const root = Object.values(parser.parse(readFileSync(file, 'utf8')) as Record<string, { fieldPermissions?: Array<{ field: string; readable: string; editable: string }> }>).find((v) => typeof v === 'object')!;
  return (root.fieldPermissions ?? []).filter((p) => p.field === FIELD).map(({ readable, editable }) => ({ readable, editable }));
}

describe('who can read call content', () => {
  it('only the Rep and Admin permission sets read the call summary, and only the integration user edits it', () => {
    const granted = Object.fromEntries(accessFiles.map((f) => [relative(PACKAGE, f), grants(f)]).filter(([, g]) => g!.length > 0));

    expect(granted).toEqual({
      'force-app/main/default/permissionsets/Callwise_Admin.permissionset-meta.xml': [{ readable: 'true', editable: 'false' }],
      'force-app/main/default/permissionsets/Callwise_Integration.permissionset-meta.xml': [{ readable: 'true', editable: 'true' }],
      'force-app/main/default/permissionsets/Callwise_Rep.permissionset-meta.xml': [{ readable: 'true', editable: 'false' }],
    });
  });

  it('ships no profile, permission set group or muting set that could open it another way', () => {
    expect(accessFiles.map((f) => relative(PACKAGE, f)).filter((f) => !f.endsWith('.permissionset-meta.xml'))).toEqual([]);
  });

  it('no other package file but the field, the permission sets, and the call list that shows it names the field', () => {
    const naming = files(join(PACKAGE, 'force-app'))
      .concat(files(join(PACKAGE, 'integration-app')))
      .filter((f) => readFileSync(f, 'utf8').includes('Callwise_Call_Summary__c'))
      .map((f) => relative(PACKAGE, f))
      .sort();

    expect(naming).toEqual([
      'force-app/main/default/classes/CallHistoryController.cls',
      'force-app/main/default/lwc/callFormat/callFormat.js',
      'force-app/main/default/objects/Activity/fields/Callwise_Call_Summary__c.field-meta.xml',
      'force-app/main/default/permissionsets/Callwise_Admin.permissionset-meta.xml',
      'force-app/main/default/permissionsets/Callwise_Integration.permissionset-meta.xml',
      'force-app/main/default/permissionsets/Callwise_Rep.permissionset-meta.xml',
    ]);
  });
});
