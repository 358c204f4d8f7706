/**
 * Reduces one or more errors into a list of messages people can read. Handles the shapes that reach
 * a component: UI API and Apex errors (FetchResponse with a body), JavaScript errors and plain strings.
 * @param {FetchResponse|FetchResponse[]|Error|string} errors
 * @return {String[]} The messages, without empty ones.
 */
export function reduceErrors(errors) {
    const list = Array.isArray(errors) ? errors : [errors];
    return list
        .filter((error) => !!error)
        .flatMap((error) => messagesOf(error))
        .filter((message) => typeof message === 'string' && message.length > 0);
}

function messagesOf(error) {
    if (typeof error === 'string') {
        return [error];
    }
    const body = error.body;
    if (Array.isArray(body)) {
        return body.map((entry) => entry.message);
    }
    if (body && Array.isArray(body.pageErrors) && body.pageErrors.length > 0) {
        return body.pageErrors.map((entry) => entry.message);
    }
    if (body && body.fieldErrors && Object.keys(body.fieldErrors).length > 0) {
        return Object.values(body.fieldErrors).flatMap((entries) => entries.map((entry) => entry.message));
    }
    if (body && typeof body.message === 'string') {
        return [body.message];
    }
    if (typeof error.message === 'string') {
        return [error.message];
    }
    return [error.statusText];
}
