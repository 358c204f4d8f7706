import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

/**
 * The JWT sign-in app is an External Client App (connected apps can no longer be created through the
 * Metadata API since Spring '26, knowledge article 005228017). Its five files sit in
 * crm-package/integration-app, deployed after force-app because its OAuth policies name the
 * Callwise Integration permission set. Types, folders and fields: crm-package/README.md.
 */
const PACKAGE = join(__dirname, '../../crm-package');
const APP = join(PACKAGE, 'integration-app/main/default');
const parser = new XMLParser({ parseTagValue: false });

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}
const read = (folder: string, file: string) => parser.parse(readFileSync(join(APP, folder, file), 'utf8')) as Record<string, Record<string, string>>;

describe('the Callwise Integration External Client App', () => {
  const header = read('externalClientApps', 'Callwise_Integration.eca-meta.xml').ExternalClientApplication!;
  const global = read('extlClntAppGlobalOauthSets', 'Callwise_Integration_glbloauth.ecaGlblOauth-meta.xml').ExtlClntAppGlobalOauthSettings!;
  const oauth = read('extlClntAppOauthSettings', 'Callwise_Integration_oauth.ecaOauth-meta.xml').ExtlClntAppOauthSettings!;
  const policies = read('extlClntAppPolicies', 'Callwise_Integration_plcy.ecaPlcy-meta.xml').ExtlClntAppConfigurablePolicies!;
  const oauthPolicies = read('extlClntAppOauthPolicies', 'Callwise_Integration_oauthPlcy.ecaOauthPlcy-meta.xml').ExtlClntAppOauthConfigurablePolicies!;

  it('is a local app whose settings and policies all belong to it', () => {
    expect(header.distributionState).toBe('Local');
    expect([global, oauth, policies, oauthPolicies].map((f) => f.externalClientApplication)).toEqual(Array(4).fill('Callwise_Integration'));
  });

  it('has the OAuth plugin on, with only the api scope', () => {
    expect([policies.isEnabled, policies.isOauthPluginEnabled]).toEqual(['true', 'true']);
    expect(oauth.commaSeparatedOauthScopes).toBe('Api');
  });

  it('admits only users pre-authorised through the Callwise Integration permission set the package ships', () => {
    expect(oauthPolicies.permittedUsersPolicyType).toBe('AdminApprovedPreAuthorized');
    expect(oauthPolicies.commaSeparatedPermissionSet).toBe('Callwise_Integration');
    expect(existsSync(join(PACKAGE, 'force-app/main/default/permissionsets/Callwise_Integration.permissionset-meta.xml'))).toBe(true);
    expect(oauthPolicies.isClientCredentialsFlowEnabled).toBe('false');
    expect(oauthPolicies.ipRelaxationPolicyType).toBe('Enforce');
  });

  it('holds no consumer key, secret, certificate or key: the admin uploads the certificate in the org', () => {
    const text = files(APP).map((f) => readFileSync(f, 'utf8')).join('\n');

    expect(text).not.toMatch(/consumerKey|consumerSecret|<certificate>|oauthLink|BEGIN (CERTIFICATE|PRIVATE KEY)/);
  });

  it('is registered as a package directory, and no connected app is left anywhere in the package', () => {
    const project = JSON.parse(readFileSync(join(PACKAGE, 'sfdx-project.json'), 'utf8')) as { packageDirectories: Array<{ path: string }> };

    expect(project.packageDirectories.map((d) => d.path)).toEqual(['force-app', 'integration-app', 'event-relay']);
    expect(files(PACKAGE).filter((f) => /connectedApp|\/connectedApps\//.test(f)).map((f) => relative(PACKAGE, f))).toEqual([]);
    expect(files(PACKAGE).filter((f) => /-meta\.xml$/.test(f) && readFileSync(f, 'utf8').includes('<ConnectedApp')).map((f) => relative(PACKAGE, f))).toEqual([]);
  });
});
