/** A whole-request failure, answered as Salesforce does: an array of {message, errorCode, fields?}. */
export class SalesforceApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
    this.name = 'SalesforceApiError';
  }

  body(): Array<{ message: string; errorCode: string; fields?: string[] }> {
    return [{ message: this.message, errorCode: this.errorCode, ...(this.fields ? { fields: this.fields } : {}) }];
  }
}

export const malformedQuery = (message: string) => new SalesforceApiError(400, 'MALFORMED_QUERY', message);
export const invalidField = (sobject: string, field: string) =>
  new SalesforceApiError(
    400,
    'INVALID_FIELD',
    `No such column '${field}' on entity '${sobject}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`,
  );
export const notFound = () => new SalesforceApiError(404, 'NOT_FOUND', 'The requested resource does not exist');

/** A per-record error inside a save result. */
export interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
}

export const recordError = (statusCode: string, message: string, fields: string[] = []): RecordError => ({ statusCode, message, fields });
