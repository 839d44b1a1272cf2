// The linter CI runs over everything (`npm run lint`): typescript-eslint's
// type-checked recommendations for the TypeScript, ESLint's for the scripts
// (which `tsconfig.scripts.json` type-checks from their JSDoc).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'setImmediate', 'performance', 'structuredClone', '__dirname', 'require', 'module'].map(
    (name) => [name, 'readonly'],
  ),
);

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.bench/', 'examples/', 'test/fixtures/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    // Front-ends and discovery are async as an interface (a parser may load lazily), whether or not a given one awaits.
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: nodeGlobals },
  },
  {
    // Tests take apart parsed JSON documents (droplint's JSON, SARIF and GitLab
    // output, protocol messages) to assert their shape: that is what they check.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // bin/droplint.js is CommonJS on purpose: an ES module entry would start Node's ESM loader just to read it.
    files: ['bin/droplint.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The lexer compares character codes, plain numbers, with the named codes of its const enum.
    files: ['src/parsers/sql/lexer.ts'],
    rules: { '@typescript-eslint/no-unsafe-enum-comparison': 'off' },
  },
);
