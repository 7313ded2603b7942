/**
 * Row ids are UUIDs. An id taken from a URL or a form is checked against this before it
 * reaches a query: PostgreSQL would answer anything else with an error, not "not found".
 */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
