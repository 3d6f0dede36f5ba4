// Prettier, set to the code as it was written by hand: measured on the whole tree, these
// settings change the fewest lines. Long one-line data tables carry `// prettier-ignore`.
/** @type {import('prettier').Config} */
export default {
  printWidth: 160,
  singleQuote: true,
  trailingComma: 'all',
  arrowParens: 'always',
  semi: true,
  endOfLine: 'lf',
  overrides: [
    // YAML and CSS are written with double quotes.
    { files: ['*.yml', '*.yaml', '*.css'], options: { singleQuote: false } },
  ],
};
