import { existsSync, readFileSync } from 'node:fs';
import { join, normalize, relative, resolve } from 'node:path';

/**
 * The admin guide's commands work where it says to run them: each fenced shell block starts at the
 * repository root and follows its own `cd`; inline commands run at the root. `sf project` commands need
 * the sfdx-project.json of the folder they run in, and every path they name must exist from there.
 */
const ROOT = join(__dirname, '../..');
const GUIDE = join(ROOT, 'docs/salesforce-admin.md');

interface Command {
  cwd: string;
  line: string;
}

/** The guide's commands with the folder each runs in (shell continuation lines joined). */
function guideCommands(markdown: string): Command[] {
  const commands: Command[] = [];
  for (const [, body] of markdown.matchAll(/```(?:bash|sh)\n([\s\S]*?)```/g)) {
    let cwd = ROOT;
    for (const line of body!.replace(/\\\n\s*/g, ' ').split('\n').map((l) => l.trim()).filter(Boolean)) {
      const cd = /^cd\s+(\S+)$/.exec(line);
      if (cd) cwd = resolve(cwd, cd[1]!);
      else commands.push({ cwd, line });
    }
  }
  for (const [, code] of markdown.matchAll(/`((?:SF_ORG=\S+ )?(?:sf|node) [^`]+)`/g)) commands.push({ cwd: ROOT, line: code! });
  return commands;
}

const PATH_OPTIONS = new Set(['--source-dir', '-d', '--manifest', '-x']);

/** What is wrong with one command where it runs: missing project file, paths that do not exist. */
function problems({ cwd, line }: Command): string[] {
  const words = line.split(/\s+/).filter((w) => !/^[A-Z_]+=/.test(w));
  const where = relative(ROOT, cwd) || '.';
  const found: string[] = [];
  if (words[0] === 'sf' && words[1] === 'project') {
    const project = join(cwd, 'sfdx-project.json');
    if (!existsSync(project)) return [`${line}: no sfdx-project.json in ${where}`];
    const directories = (JSON.parse(readFileSync(project, 'utf8')) as { packageDirectories: Array<{ path: string }> }).packageDirectories.map((d) => normalize(d.path));
    words.forEach((word, i) => {
      if (!PATH_OPTIONS.has(word)) return;
      const path = words[i + 1] ?? '';
      if (!existsSync(join(cwd, path))) found.push(`${line}: ${path} does not exist in ${where}`);
      else if (word.endsWith('source-dir') || word === '-d') {
        if (!directories.some((d) => normalize(path) === d || normalize(path).startsWith(`${d}/`))) found.push(`${line}: ${path} is not in a package directory`);
      }
    });
  }
  if (words[0] === 'node') {
    for (const file of words.slice(1).filter((w) => /^[\w./-]+\.(js|ts|mjs)$/.test(w))) {
      if (!existsSync(join(cwd, file))) found.push(`${line}: ${file} does not exist in ${where}`);
    }
  }
  return found;
}

describe('docs/salesforce-admin.md commands', () => {
  const commands = guideCommands(readFileSync(GUIDE, 'utf8'));

  it('every sf and node command finds its project file and paths from the folder the guide runs it in', () => {
    expect(commands.filter((c) => /^(SF_ORG=\S+ )?(sf|node) /.test(c.line)).length).toBeGreaterThan(5);
    expect(commands.flatMap(problems)).toEqual([]);
  });

  it('deploys every package directory of the project', () => {
    const project = JSON.parse(readFileSync(join(ROOT, 'crm-package/sfdx-project.json'), 'utf8')) as { packageDirectories: Array<{ path: string }> };
    const deployed = commands.filter((c) => c.line.startsWith('sf project deploy start')).map((c) => relative(join(ROOT, 'crm-package'), join(c.cwd, /--source-dir (\S+)/.exec(c.line)?.[1] ?? '')));

    expect(project.packageDirectories.map((d) => d.path).filter((d) => !deployed.includes(d))).toEqual([]);
  });

  it.each([
    ['```bash\nsf project deploy start --source-dir crm-package/force-app --target-org o\n```', 'no sfdx-project.json in .'],
    ['```bash\ncd crm-package\nsf project deploy start --source-dir crm-package/force-app\n```', 'crm-package/force-app does not exist in crm-package'],
    ['```bash\ncd crm-package\nsf project deploy start --manifest manifest/package.xml\n```', 'manifest/package.xml does not exist in crm-package'],
    ['```bash\ncd crm-package\nsf project deploy start --source-dir .forceignore\n```', '.forceignore is not in a package directory'],
    ['Run `node bin/nothing-here.js policy pull`.', 'bin/nothing-here.js does not exist in .'],
  ])('flags a command that cannot work: %s', (markdown, problem) => {
    expect(guideCommands(markdown).flatMap(problems)).toEqual([expect.stringContaining(problem)]);
  });
});
