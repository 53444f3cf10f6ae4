// The Dutch labels live with the API (graphql/labels.ts), so that pages and the history's sentences say the same.
export * from '../../graphql/labels.ts';
