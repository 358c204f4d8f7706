import { loadDirectory, type LoadDirectoryDeps, type LoadOptions, type LoadSummary } from './load-directory';
import { type DirectoryDifference, type VerifyDeps, verifyDirectory } from './verify-directory';

/**
 * A full rebuild (`callwise directory rebuild`): every record loaded again from the org (the load restarted, not
 * resumed), then the whole org read once more and what the directory still holds that the org no longer does (a
 * delete, a closed Case, a converted Lead no change event told of) removed, at the rebuild's time. What is left is
 * what verify would still list.
 */
export interface RebuildSummary {
  load: LoadSummary;
  removed: number;
  differencesLeft: number;
}

export async function rebuildDirectory(
  deps: LoadDirectoryDeps & Pick<VerifyDeps, 'bulk' | 'defaultCountry'>,
  options: Omit<LoadOptions, 'restart'> = {},
): Promise<RebuildSummary> {
  const load = await loadDirectory(deps, { ...options, restart: true });
  const gone: DirectoryDifference[] = [];
  const report = await verifyDirectory(deps, { onDifference: (d) => void (d.notInOrg && gone.push(d)) });
  const version = deps.clock.now().getTime();
  for (const d of gone) await deps.store.remove(d.entity, d.id, version);
  return { load, removed: gone.length, differencesLeft: report.differences - gone.length };
}
