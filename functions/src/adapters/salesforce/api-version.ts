/** The Salesforce REST API version, pinned in one place for every request Callwise makes. */
export const SALESFORCE_API_VERSION = '62.0';
