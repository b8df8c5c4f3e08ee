/**
 * /docs/playground in `npm start`: api-viewer-element renders the manifest's element with a live demo of the tag.
 * The analyzer names the element's module by its built path (`….component.js`) where the module itself is listed by
 * its source path (`….component.ts`); api-viewer matches them literally, so the playground reads the manifest with
 * the built paths mapped back to the source ones.
 */
import 'api-viewer-element';

interface ManifestExport {
  kind: string;
  declaration?: { module?: string };
}

const viewer = document.querySelector('api-viewer') as (HTMLElement & { manifest?: unknown }) | null;
const manifest = (await (await fetch('/dist/custom-elements.json', { cache: 'no-store' })).json()) as { modules: { exports?: ManifestExport[] }[] };
for (const module of manifest.modules) {
  for (const declared of module.exports ?? []) {
    if (declared.kind === 'custom-element-definition' && declared.declaration?.module) {
      declared.declaration.module = declared.declaration.module.replace(/^\//, '').replace(/\.js$/, '.ts');
    }
  }
}
if (viewer) viewer.manifest = manifest;

// Two accessibility fixes to api-viewer-element 0.6.4's own shadow DOM, so that axe-core finds no violation on the
// playground: its tab list is the host element, which also holds the tab panels (a tablist may own only tabs), so the
// role moves to the wrapper the tabs are slotted into; and its code colours (#999 tags, #690 attributes) and its
// translucent Copy button are below 4.5:1 on its light grey, so darker ones are added to its stylesheets.
const contrast = new CSSStyleSheet();
contrast.replaceSync('.tag{color:#5c5c5c}.attr,.selector-tag{color:#3d5c00}.string{color:#005a8c}.attribute,.name,.number{color:#8a0047}button{background:#424242!important}');
const fixViewer = (): void => {
  const shadow = viewer?.shadowRoot;
  if (!shadow) return;
  if (!shadow.adoptedStyleSheets.includes(contrast)) shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, contrast];
  for (const tabs of shadow.querySelectorAll('api-viewer-tabs')) {
    if (tabs.getAttribute('role') === 'tablist') tabs.removeAttribute('role');
    tabs.shadowRoot?.querySelector('.tabs')?.setAttribute('role', 'tablist');
  }
};
if (viewer?.shadowRoot) new MutationObserver(fixViewer).observe(viewer.shadowRoot, { childList: true, subtree: true, attributes: true, attributeFilter: ['role'] });
fixViewer();
