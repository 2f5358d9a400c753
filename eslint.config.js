import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public/data', 'tests/e2e/artifacts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Text from data files is never rendered as HTML.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Data text is never rendered as HTML.' },
        { property: 'outerHTML', message: 'Data text is never rendered as HTML.' },
        { property: 'setHTML', message: 'Data text is never rendered as HTML.' },
        { property: 'insertAdjacentHTML', message: 'Data text is never rendered as HTML.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Data text is never rendered as HTML.',
        },
        {
          selector: 'Property[key.name=/^(innerHTML|outerHTML|dangerouslySetInnerHTML)$/]',
          message: 'Data text is never rendered as HTML.',
        },
      ],
    },
  },
);
