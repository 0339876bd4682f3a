// The Custom Elements Manifest (dist/custom-elements.json), read by Storybook docs, editors and
// framework typings, generated from each component's JSDoc header; then, from the manifest, the
// typings for React (JSX), Vue (GlobalComponents), Svelte and JetBrains/VS Code (web-types.json).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { customElementJsxPlugin } from 'custom-element-jsx-integration';
import { customElementSveltePlugin } from 'custom-element-svelte-integration';
import { customElementVuejsPlugin } from 'custom-element-vuejs-integration';

/** `src/<folder>/<folder>.define.ts` registers each element: `HkLeadForm.define('hk-lead-form')`. */
function definedElements() {
  const defined = new Map(); // class name → { tag, module (the define file, in dist) }
  for (const folder of readdirSync('src', { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    const file = join('src', folder.name, `${folder.name}.define.ts`);
    let source;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const [, className, tag] of source.matchAll(/(\w+)\.define\(\s*'([a-z][\w-]*-[\w-]*)'\s*\)/g)) {
      defined.set(className, { tag, module: `dist/${folder.name}/${folder.name}.define.js` });
    }
  }
  return defined;
}

/**
 * Makes the manifest describe what ships: each element's tag from its define file (the JSDoc
 * `@tag` may be missing), module paths into dist (the define file a user imports), no modules for
 * internals and no anonymous declarations.
 */
function publishedPaths() {
  const defined = definedElements();
  return {
    name: 'hk-published-paths',
    packageLinkPhase({ customElementsManifest }) {
      const modules = [];
      const moved = new Map();
      for (const module of customElementsManifest.modules) {
        const declarations = (module.declarations ?? []).filter((d) => defined.has(d.name));
        if (declarations.length === 0) continue;
        const { module: path } = defined.get(declarations[0].name);
        moved.set(module.path, path);
        for (const declaration of declarations) {
          declaration.customElement = true;
          declaration.tagName = defined.get(declaration.name).tag;
        }
        modules.push({
          ...module,
          path,
          declarations,
          exports: declarations.flatMap((d) => [
            {
              kind: 'custom-element-definition',
              name: d.tagName,
              declaration: { name: d.name, module: path },
            },
            { kind: 'js', name: d.name, declaration: { name: d.name, module: 'dist/index.js' } },
          ]),
        });
      }
      const relink = (value) => {
        if (Array.isArray(value)) value.forEach(relink);
        else if (value && typeof value === 'object') {
          if (typeof value.module === 'string' && value.module.startsWith('src/'))
            value.module = moved.get(value.module) ?? 'dist/index.js';
          Object.values(value).forEach(relink);
        }
      };
      relink(modules);
      customElementsManifest.modules = modules;
    },
  };
}

/**
 * Internal reactive state declared in `static properties` as `{ state: true }` (the embeds'
 * components declare theirs there instead of with `@state()`): the analyzer reads every entry
 * of that object as an attribute, so this takes those out again and marks them private, as
 * `@state()` would.
 */
function internalState() {
  return {
    name: 'hk-internal-state',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const properties = node.members.find(
        (member) =>
          ts.isPropertyDeclaration(member) &&
          member.name.getText() === 'properties' &&
          member.initializer &&
          ts.isObjectLiteralExpression(member.initializer),
      );
      if (!properties) return;
      const states = new Set(
        properties.initializer.properties
          .filter((entry) => /\bstate:\s*true\b/.test(entry.getText()))
          .map((entry) => entry.name.getText()),
      );
      const declaration = moduleDoc.declarations?.find((d) => d.name === node.name.getText());
      if (!declaration || states.size === 0) return;
      declaration.attributes = declaration.attributes?.filter(
        (attribute) => !states.has(attribute.fieldName),
      );
      for (const member of declaration.members ?? []) {
        if (!states.has(member.name)) continue;
        delete member.attribute;
        delete member.reflects;
        // State is the element's own, even where its sending code writes it (the lead form's).
        member.privacy = 'private';
      }
    },
  };
}

/** React 19 reads intrinsic elements from React.JSX: one import of this file types every tag. */
function reactJsx() {
  return {
    name: 'hk-react-jsx',
    packageLinkPhase() {
      mkdirSync('dist/types', { recursive: true });
      writeFileSync(
        'dist/types/react.d.ts',
        `// import type {} from '@hidden-key/elements/react'; types <hk-*> in React's JSX.
import type { CustomElements } from './jsx.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
}
`,
      );
    },
  };
}

/**
 * Touches up the generated typings: imports the event detail types they name (the generators
 * import only the classes), unwraps `CustomEvent<CustomEvent<T>>` (the JSDoc already says
 * CustomEvent), and gives Vue the camelCase prop names its templates normalise bindings to.
 */
function completeTypings() {
  const camel = (name) => name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
  return {
    name: 'hk-complete-typings',
    packageLinkPhase() {
      for (const file of ['jsx.d.ts', 'vue.d.ts', 'svelte.d.ts']) {
        const path = join('dist/types', file);
        let text = readFileSync(path, 'utf8').replace(/CustomEvent<CustomEvent<(\w+)>>/g, 'CustomEvent<$1>');
        const details = [...new Set(text.match(/\b(?!Hk)[A-Z]\w*Detail\b/g) ?? [])].sort();
        if (details.length) text = `import type { ${details.join(', ')} } from "../index.js";\n${text}`;
        if (file === 'vue.d.ts') {
          text = text.replace(
            /^( +)"((?!on)[a-z0-9]+(?:-[a-z0-9]+)+)"\?: (.+);$/gm,
            (line, indent, name, type) => `${line}\n${indent}${camel(name)}?: ${type};`,
          );
        }
        writeFileSync(path, text);
      }
    },
  };
}

const typings = { outdir: 'dist/types', componentTypePath: () => '../index.js', hideLogs: true };

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [
    internalState(),
    publishedPaths(),
    customElementJsxPlugin({ ...typings, fileName: 'jsx.d.ts' }),
    reactJsx(),
    customElementVuejsPlugin({ ...typings, fileName: 'vue.d.ts' }),
    customElementSveltePlugin({ ...typings, fileName: 'svelte.d.ts' }),
    completeTypings(),
    customElementJetBrainsPlugin({
      outdir: 'dist',
      webTypesFileName: 'web-types.json',
      packageJson: false, // the "web-types" field is committed; rewriting package.json would undo its formatting
      hideLogs: true,
    }),
  ],
};
