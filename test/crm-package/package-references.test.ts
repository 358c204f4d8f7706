import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { CALL_TASK_FIELDS } from '../../functions/src/domain/outcome/call-task-fields';
import { POLICY_METADATA_TYPE_NAMES } from '../../functions/src/domain/policy/policy-metadata-types';
import { HANDLING_METADATA_TYPES } from '../../functions/src/domain/handling/standard-metadata-types';

/** The configuration an admin edits and the integration reads: the routing policy and the handling standard. */
const CONFIGURATION_TYPES = [...POLICY_METADATA_TYPE_NAMES, ...Object.keys(HANDLING_METADATA_TYPES)];

/**
 * Permission sets grant what each role needs and nothing more, and every reference between the
 * package's components (fields, classes, tabs, pages, reports) points at something the package ships.
 */
const SOURCE = join(__dirname, '../../crm-package/force-app/main/default');
const LIST_ELEMENTS = new Set(['fieldPermissions', 'objectPermissions', 'userPermissions', 'classAccesses', 'customMetadataTypeAccesses', 'tabSettings', 'applicationVisibilities', 'actionOverrides', 'tabs', 'flexiPageRegions', 'itemInstances', 'columns', 'groupingsDown', 'criteriaItems', 'dashboardGridComponents', 'aggregates', 'object', 'target']);
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => LIST_ELEMENTS.has(name) });
const read = <T>(path: string): T => parser.parse(readFileSync(join(SOURCE, path), 'utf8')) as T;

interface PermissionSet {
  fieldPermissions?: Array<{ field: string; editable: string; readable: string }>;
  objectPermissions?: Array<{ object: string[]; allowCreate: string; allowEdit: string; allowDelete: string; allowRead: string; modifyAllRecords: string; viewAllRecords: string }>;
  userPermissions?: Array<{ name: string; enabled: string }>;
  classAccesses?: Array<{ apexClass: string; enabled: string }>;
  customMetadataTypeAccesses?: Array<{ name: string; enabled: string }>;
  tabSettings?: Array<{ tab: string }>;
  applicationVisibilities?: Array<{ application: string }>;
}
const permissionSet = (name: string) => read<{ PermissionSet: PermissionSet }>(`permissionsets/${name}.permissionset-meta.xml`).PermissionSet;
const callFields = CALL_TASK_FIELDS.map((f) => `Task.${f.apiName}`).sort();
const fieldsWhere = (ps: PermissionSet, test: (p: { editable: string }) => boolean) => (ps.fieldPermissions ?? []).filter(test).map((p) => p.field);

describe('permission sets', () => {
  it('Callwise Integration: edits the call fields, reads CRM records and the routing configuration, nothing more', () => {
    const ps = permissionSet('Callwise_Integration');

    expect(fieldsWhere(ps, (p) => p.editable === 'true').filter((f) => f.startsWith('Task.Callwise_')).sort()).toEqual(callFields);
    expect(fieldsWhere(ps, (p) => p.editable === 'true').every((f) => f.startsWith('Task.'))).toBe(true);
    expect(fieldsWhere(ps, () => true)).toEqual(expect.arrayContaining(['Account.Callwise_Tier__c', 'Account.Callwise_Overdue_Invoice__c']));
    expect((ps.customMetadataTypeAccesses ?? []).map((a) => a.name).sort()).toEqual([...CONFIGURATION_TYPES].sort());
    expect((ps.objectPermissions ?? []).map((o) => [o.object[0], o.allowRead, o.allowCreate, o.allowEdit, o.allowDelete, o.modifyAllRecords])).toEqual(
      ['Account', 'Case', 'Contact', 'Lead', 'Opportunity'].map((o) => [o, 'true', 'false', 'false', 'false', 'false']),
    );
    expect((ps.userPermissions ?? []).map((u) => u.name).sort()).toEqual(['ApiEnabled', 'EditTask']);
    expect(ps.classAccesses ?? []).toEqual([]);
  });

  it('Callwise Rep: reads the call fields, uses the components and the app, edits nothing', () => {
    const ps = permissionSet('Callwise_Rep');

    expect(fieldsWhere(ps, () => true).filter((f) => f.startsWith('Task.')).sort()).toEqual(callFields);
    expect(fieldsWhere(ps, (p) => p.editable === 'true')).toEqual([]);
    expect((ps.classAccesses ?? []).map((c) => c.apexClass).sort()).toEqual(['CallHistoryController', 'CallInsightsController', 'CoachingController']);
    expect(ps.applicationVisibilities?.map((a) => a.application)).toEqual(['Callwise']);
    expect(ps.userPermissions ?? []).toEqual([]);
    expect(ps.objectPermissions ?? []).toEqual([]);
  });

  it('Callwise Admin: edits the routing configuration (Customize Application) and account tiers, reads call fields', () => {
    const ps = permissionSet('Callwise_Admin');

    expect((ps.userPermissions ?? []).map((u) => u.name)).toContain('CustomizeApplication');
    expect((ps.customMetadataTypeAccesses ?? []).map((a) => a.name).sort()).toEqual([...CONFIGURATION_TYPES].sort());
    expect(fieldsWhere(ps, (p) => p.editable === 'true').sort()).toEqual(['Account.Callwise_Overdue_Invoice__c', 'Account.Callwise_Tier__c']);
    expect(fieldsWhere(ps, () => true).filter((f) => f.startsWith('Task.')).sort()).toEqual(callFields);
  });

  it.each(['Callwise_Integration', 'Callwise_Rep', 'Callwise_Admin'])('%s refers only to fields, classes, tabs and apps the package ships', (name) => {
    const ps = permissionSet(name);

    for (const { field } of ps.fieldPermissions ?? []) {
      const [object, api] = field.split('.') as [string, string];
      if (api.endsWith('__c')) expect([field, existsSync(join(SOURCE, 'objects', object === 'Task' ? 'Activity' : object, 'fields', `${api}.field-meta.xml`))]).toEqual([field, true]);
    }
    for (const { apexClass } of ps.classAccesses ?? []) expect([apexClass, existsSync(join(SOURCE, 'classes', `${apexClass}.cls`))]).toEqual([apexClass, true]);
    for (const { tab } of ps.tabSettings ?? []) expect(existsSync(join(SOURCE, 'tabs', `${tab}.tab-meta.xml`))).toBe(true);
    for (const { application } of ps.applicationVisibilities ?? []) expect(existsSync(join(SOURCE, 'applications', `${application}.app-meta.xml`))).toBe(true);
    for (const { name: type } of ps.customMetadataTypeAccesses ?? []) expect(existsSync(join(SOURCE, 'objects', type))).toBe(true);
  });
});

interface FlexiPage {
  flexiPageRegions: Array<{ itemInstances?: Array<{ componentInstance: { componentName: string } }> }>;
  sobjectType?: string;
}

describe('the Callwise app and its pages', () => {
  const app = read<{ CustomApplication: { actionOverrides: Array<{ content: string; pageOrSobjectType: string }>; tabs: string[] } }>('applications/Callwise.app-meta.xml').CustomApplication;

  it.each(['Contact', 'Lead', 'Account', 'Case', 'Opportunity'])('shows callHistory on %s records in the app', (object) => {
    const override = app.actionOverrides.find((o) => o.pageOrSobjectType === object);
    const page = read<{ FlexiPage: FlexiPage }>(`flexipages/${override?.content}.flexipage-meta.xml`).FlexiPage;
    const components = page.flexiPageRegions.flatMap((r) => r.itemInstances ?? []).map((i) => i.componentInstance.componentName);
    const lwc = read<{ LightningComponentBundle: { targetConfigs: { targetConfig: { objects: { object: string[] } } } } }>('lwc/callHistory/callHistory.js-meta.xml').LightningComponentBundle;

    expect(page.sobjectType).toBe(object);
    expect(components).toContain('callHistory');
    expect(lwc.targetConfigs.targetConfig.objects.object).toContain(object);
  });

  it('has the Call Insights tab, whose page holds the callInsights component', () => {
    const tab = read<{ CustomTab: { flexiPage: string } }>('tabs/Callwise_Call_Insights.tab-meta.xml').CustomTab;
    const page = read<{ FlexiPage: FlexiPage }>(`flexipages/${tab.flexiPage}.flexipage-meta.xml`).FlexiPage;

    expect(app.tabs).toContain('Callwise_Call_Insights');
    expect(page.flexiPageRegions.flatMap((r) => r.itemInstances ?? []).map((i) => i.componentInstance.componentName)).toEqual(['callInsights']);
    expect(existsSync(join(SOURCE, 'lwc', 'callInsights'))).toBe(true);
  });
});

describe('reports and dashboard', () => {
  const reports = readdirSync(join(SOURCE, 'reports', 'Callwise')).map((f) => f.replace('.report-meta.xml', ''));

  it.each(reports)('%s uses only call fields the package ships', (name) => {
    const xml = readFileSync(join(SOURCE, 'reports', 'Callwise', `${name}.report-meta.xml`), 'utf8');
    const fields = [...xml.matchAll(/Activity\.(Callwise_\w+__c)/g)].map((m) => m[1]);

    expect(fields.length).toBeGreaterThan(0);
    expect(fields.filter((f) => !CALL_TASK_FIELDS.some((c) => c.apiName === f))).toEqual([]);
  });

  it('the dashboard shows every report: AHT, FCR, abandonment, CSAT, conversion, talk-to-listen, handling score', () => {
    const dashboard = read<{ Dashboard: { dashboardGridLayout: { dashboardGridComponents: Array<{ dashboardComponent: { report: string } }> } } }>('dashboards/Callwise/Callwise_Call_Handling.dashboard-meta.xml').Dashboard;
    const shown = dashboard.dashboardGridLayout.dashboardGridComponents.map((c) => c.dashboardComponent.report);

    expect(shown.sort()).toEqual(reports.map((r) => `Callwise/${r}`).sort());
    expect(reports.sort()).toEqual(['Callwise_AHT_by_Queue', 'Callwise_Abandonment_by_Queue', 'Callwise_CSAT_by_Queue', 'Callwise_Conversion_by_Intent', 'Callwise_FCR_by_Queue', 'Callwise_Handling_Score_by_Rep', 'Callwise_Talk_Listen_by_Rep', 'Callwise_Weakest_Step_by_Queue']);
  });
});

// Fields Salesforce does not put under field-level security: a fieldPermissions entry for one fails the deploy.
// The Task object reference says of CallDisposition, CallDurationInSeconds and CallObject "Not subject to
// field-level security"; required fields (OwnerId, Subject, Status, Priority) are always visible and editable.
const NOT_PERMISSIONABLE = ['Task.CallDisposition', 'Task.CallDurationInSeconds', 'Task.CallObject', 'Task.OwnerId', 'Task.Subject', 'Task.Status', 'Task.Priority'];

describe('field permissions Salesforce accepts', () => {
  it.each(['Callwise_Integration', 'Callwise_Rep', 'Callwise_Admin'])('%s names no field that is outside field-level security', (name) => {
    const fields = (permissionSet(name).fieldPermissions ?? []).map((p) => p.field);

    expect(fields.filter((f) => NOT_PERMISSIONABLE.includes(f))).toEqual([]);
  });
});
