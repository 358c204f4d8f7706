import defaultStandardJson from '../../../config/default-handling-standard.json';
import { type HandlingStandard, HandlingStandardSchema } from '../domain/handling/standard';

/** The handling standard shipped with Callwise: used until sync-config stores one from Salesforce. */
export const BUNDLED_HANDLING_STANDARD: HandlingStandard = HandlingStandardSchema.parse(defaultStandardJson);
