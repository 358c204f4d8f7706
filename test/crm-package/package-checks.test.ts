import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
// jszip comes with source-deploy-retrieve (it writes the zip with it): no unzip binary needed.
import JSZip from 'jszip';
import { SALESFORCE_API_VERSION } from '../../functions/src/adapters/salesforce/api';

/**
 * Offline checks of the whole Salesforce package (no org is reachable here): it converts to a
 * Metadata API zip, every Apex file parses, and PMD's Apex quickstart rules find nothing above
 * low priority. They scan whatever Apex exists, so they also pass on an empty classes folder.
 */
const run = promisify(execFile);
const PACKAGE = join(__dirname, '../../crm-package');
const SOURCE = join(PACKAGE, 'force-app');
const APP = join(PACKAGE, 'integration-app');
const FIXTURES = join(__dirname, 'fixtures');
const PMD_LIB = join(__dirname, '../../node_modules/@salesforce/code-analyzer-pmd-engine/dist/java-lib');
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'crm-package-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function apexFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : apexFiles(path);
    return /\.(cls|trigger)$/.test(name) ? [path] : [];
  });
}

describe('Metadata API conversion (source-deploy-retrieve)', () => {
  it('converts the whole package to a deployable zip with every kind of component, and no connected app', async () => {
    const components = ComponentSet.fromSource([SOURCE, APP]);
    components.sourceApiVersion = components.apiVersion = SALESFORCE_API_VERSION;

    const result = await new MetadataConverter().convert(components, 'metadata', { type: 'zip', outputDirectory: join(work, 'package'), genUniqueDir: false });

    const zip = result.packagePath!;
    const entries = Object.keys((await JSZip.loadAsync(readFileSync(zip))).files).join('\n');
    expect(entries).toContain('package.xml');
    expect(entries).toContain('customMetadata/Callwise_Setting.Default.md');
    expect(entries).toContain('objects/Activity.object');
    expect(entries).toContain('permissionsets/Callwise_Integration.permissionset');
    expect(entries).toContain('externalClientApps/Callwise_Integration.eca');
    expect(entries).toContain('extlClntAppOauthPolicies/Callwise_Integration_oauthPlcy.ecaOauthPlcy');
    expect(entries).not.toMatch(/__tests__|jest\.config|connectedApps/);
    const types = new Set(components.toArray().map((c) => c.type.name));
    expect([...types].sort()).toEqual(
      expect.arrayContaining(['CustomApplication', 'CustomField', 'CustomMetadata', 'CustomObject', 'CustomTab', 'Dashboard', 'FlexiPage', 'PermissionSet', 'Report']),
    );
    expect([...types].filter((t) => /^(ExternalClientApplication|ExtlClntApp)/.test(t)).sort()).toEqual([
      'ExternalClientApplication',
      'ExtlClntAppConfigurablePolicies',
      'ExtlClntAppGlobalOauthSettings',
      'ExtlClntAppOauthConfigurablePolicies',
      'ExtlClntAppOauthSettings',
    ]);
    expect(types.has('ConnectedApp')).toBe(false);
    const manifest = await components.getPackageXml();
    expect(manifest).toContain('<name>CustomMetadata</name>');
    expect(manifest).toContain('<name>ExternalClientApplication</name>');
    expect(manifest).not.toContain('<name>ConnectedApp</name>');
    expect(manifest).toContain(`<version>${SALESFORCE_API_VERSION}</version>`);
  });

  it('pins the same API version as the Lambdas', () => {
    expect(JSON.parse(readFileSync(join(PACKAGE, 'sfdx-project.json'), 'utf8')).sourceApiVersion).toBe(SALESFORCE_API_VERSION);
  });
});

async function unparsedApex(files: string[]): Promise<Array<{ file: string; error: string }>> {
  if (files.length === 0) return [];
  const { stdout } = await run(process.execPath, [join(__dirname, 'apex-parse.mjs'), ...files], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as Array<{ file: string; error: string }>;
}

describe('Apex syntax (prettier-plugin-apex)', () => {
  it('parses every .cls and .trigger in the package', async () => {
    expect(await unparsedApex(apexFiles(SOURCE))).toEqual([]);
  });

  it('reports a file that does not parse', async () => {
    const failures = await unparsedApex([join(FIXTURES, 'BrokenSyntax.cls')]);

    expect(failures).toEqual([{ file: join(FIXTURES, 'BrokenSyntax.cls'), error: expect.stringContaining("Missing ')'") }]);
  });
});

interface PmdViolation {
  rule: string;
  message: string;
  codeLocation: { file: string; startLine: number };
}

/** Priority of each quickstart rule (the quickstart's override, else the rule's own definition). */
async function quickstartPriorities(): Promise<Map<string, number>> {
  const jarFile = readdirSync(PMD_LIB).find((f) => /^pmd-apex-[\d.]+\.jar$/.test(f))!;
  const jar = await JSZip.loadAsync(readFileSync(join(PMD_LIB, jarFile)));
  const entry = (path: string) => jar.file(path)?.async('string') ?? Promise.resolve('');
  const quickstart = await entry('rulesets/apex/quickstart.xml');
  const priorities = new Map<string, number>();
  for (const match of quickstart.matchAll(/<rule ref="([^"]+)\/(\w+)"\s*(\/>|>([\s\S]*?)<\/rule>)/g)) {
    const category = await entry(match[1]!);
    const start = category.indexOf(`name="${match[2]}"`);
    const own = start < 0 ? '' : category.slice(start, category.indexOf('</rule>', start));
    const priority = /<priority>(\d)<\/priority>/.exec(match[4] ?? '')?.[1] ?? /<priority>(\d)<\/priority>/.exec(own)?.[1];
    priorities.set(match[2]!, Number(priority ?? 3));
  }
  return priorities;
}

/** One PMD run (the Code Analyzer's own wrapper around PMD 7) over the given files with the Apex quickstart rules. */
async function pmd(files: string[]): Promise<{ violations: PmdViolation[]; processingErrors: unknown[] }> {
  const input = join(work, 'pmd-input.json');
  const output = join(work, 'pmd-results.json');
  writeFileSync(input, JSON.stringify({ ruleSetInputFile: 'rulesets/apex/quickstart.xml', runDataPerLanguage: { apex: { filesToScan: files } } }));
  await run('java', ['-cp', `${PMD_LIB}/*`, 'com.salesforce.sfca.pmdwrapper.PmdWrapper', 'run', input, output], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(readFileSync(output, 'utf8')) as { violations: PmdViolation[]; processingErrors: unknown[] };
}

describe('PMD Apex quickstart rules', () => {
  it('finds no violation above low priority (1-3) in the package, and does find them in poor Apex', async () => {
    const packageFiles = apexFiles(SOURCE);
    const flagged = join(FIXTURES, 'FlaggedByPmd.cls');
    const [results, priorities] = await Promise.all([pmd([...packageFiles, flagged]), quickstartPriorities()]);
    const serious = (v: PmdViolation) => (priorities.get(v.rule) ?? 3) <= 3;
    const describe = (v: PmdViolation) => `${relative(PACKAGE, v.codeLocation.file)}:${v.codeLocation.startLine} ${v.rule} (priority ${priorities.get(v.rule)}): ${v.message}`;

    expect(results.processingErrors).toEqual([]);
    expect(results.violations.filter((v) => v.codeLocation.file !== flagged && serious(v)).map(describe)).toEqual([]);
    expect(results.violations.filter((v) => v.codeLocation.file === flagged && serious(v)).map((v) => v.rule)).toEqual(
      expect.arrayContaining(['OperationWithLimitsInLoop', 'EmptyCatchBlock']),
    );
  }, 120_000);
});
