import { resolve } from 'node:path';
import defaultStandardJson from '../../config/default-handling-standard.json';
import { HandlingStandardSchema } from '../../functions/src/domain/handling/standard';
import { metadataFromStandard } from '../../functions/src/domain/handling/standard-metadata';
import { HANDLING_METADATA_TYPES } from '../../functions/src/domain/handling/standard-metadata-types';
import { PACKAGE_SOURCE_DIR } from './custom-metadata-xml';
import { writeMetadataRecords, writeMetadataTypes } from './generate-policy-metadata';

/**
 * Writes the call-handling standard into crm-package: its Custom Metadata Types (catalogue in
 * standard-metadata-types.ts) and the default records from config/default-handling-standard.json.
 * Run after changing either: `node bin/run-ts.js local/tools/generate-handling-metadata.ts`; commit the output.
 */
export function generateHandlingMetadata(sourceDir: string = PACKAGE_SOURCE_DIR): { types: number; records: number } {
  writeMetadataTypes(sourceDir, HANDLING_METADATA_TYPES);
  const records = writeMetadataRecords(
    sourceDir,
    metadataFromStandard(HandlingStandardSchema.parse(defaultStandardJson)),
    Object.keys(HANDLING_METADATA_TYPES),
  );
  return { types: Object.keys(HANDLING_METADATA_TYPES).length, records };
}

if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  const { types, records } = generateHandlingMetadata();
  process.stdout.write(`wrote ${types} custom metadata types and ${records} records into ${PACKAGE_SOURCE_DIR}\n`);
}
