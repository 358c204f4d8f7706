import { reduceErrors } from 'c/ldsUtils';

describe('c-lds-utils reduceErrors', () => {
    it.each([
        [
            'an Apex error (AuraHandledException)',
            { body: { message: 'Choose a start date.' }, status: 500 },
            ['Choose a start date.']
        ],
        ['a UI API error list', { body: [{ message: 'First' }, { message: 'Second' }] }, ['First', 'Second']],
        [
            'page errors of a DML error',
            { body: { pageErrors: [{ message: 'Locked row' }], fieldErrors: {} } },
            ['Locked row']
        ],
        [
            'field errors of a DML error',
            { body: { pageErrors: [], fieldErrors: { Name: [{ message: 'Required' }] } } },
            ['Required']
        ],
        ['a JavaScript error', new TypeError('x is undefined'), ['x is undefined']],
        ['a network error with only a status text', { statusText: 'Service Unavailable' }, ['Service Unavailable']],
        ['a plain string', 'Something broke', ['Something broke']],
        ['a list mixing shapes', [{ body: { message: 'A' } }, new Error('B'), null], ['A', 'B']],
        ['nothing', undefined, []],
        ['an error with no message at all', {}, []]
    ])('reads %s', (_name, errors, expected) => {
        // Act
        const messages = reduceErrors(errors);

        // Assess
        expect(messages).toEqual(expected);
    });
});
