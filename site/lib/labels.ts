// The Dutch labels live with the API (core/labels.ts), so that pages and the history's sentences say the same; dates
// in Dutch come from core/dates.ts.
export { dateNl, dateTimeNl } from '#core/dates.ts';
export * from '#core/labels.ts';
