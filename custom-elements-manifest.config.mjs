// @ts-check
/**
 * `cem analyze` (in `npm run build`): the custom elements manifest from the class's JSDoc, and from it the editors'
 * data files that make `<spaces-call-button>` and its attributes autocomplete in HTML: VS Code's custom data
 * (`html.customData`) and JetBrains' web-types (found through package.json's `web-types`).
 */
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.split.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [
    customElementVsCodePlugin({ outdir: 'dist', htmlFileName: 'vscode.html-custom-data.json', cssFileName: 'vscode.css-custom-data.json', hideLogs: true }),
    customElementJetBrainsPlugin({ outdir: 'dist', webTypesFileName: 'web-types.json', hideLogs: true, packageJson: false }),
  ],
};
