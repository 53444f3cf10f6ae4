// The Dutch labels live with the API (core/labels.ts), so that pages and the history's sentences say the same.
export * from '#core/labels.ts';
