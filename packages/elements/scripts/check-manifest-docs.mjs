// Checks that the Custom Elements Manifest (dist/custom-elements.json, from each component's JSDoc
// header) documents every part a component renders and every --hk-* custom property it reads, so
// the theming docs cannot fall behind the code. Run after `cem analyze`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const manifest = JSON.parse(readFileSync('dist/custom-elements.json', 'utf8'));
const tokensSource = readFileSync('src/base/tokens.ts', 'utf8');
/** `colorPrimary` → `--hk-color-primary`, from tokens.ts. */
const tokenVars = new Map(
  [...tokensSource.matchAll(/^\s+(\w+): css`var\((--hk-[a-z0-9-]+)/gm)].map(([, name, variable]) => [
    name,
    variable,
  ]),
);
/** What baseStyles reads: every element's font, text colour and focus ring. */
const baseStylesSource = tokensSource.slice(tokensSource.indexOf('export const baseStyles'));
const baseVars = [...baseStylesSource.matchAll(/tokens\.(\w+)/g)].map(([, name]) => tokenVars.get(name));
/** A part named in backticks in another part's description (`field-<name>`, also `message-success`) counts. */
const namedIn = (descriptions) =>
  new Set(descriptions.flatMap((text) => [...(text ?? '').matchAll(/`([\w-]+)`/g)].map(([, name]) => name)));

const sourceFile = /\.ts$/;
const notSource = /\.(test|stories|messages(\.[a-z]{2})?|define)\.ts$/;

/** The component's own files, plus the base files they import (shared markup and styles). */
function filesOf(folder) {
  const own = readdirSync(join('src', folder))
    .filter((file) => sourceFile.test(file) && !notSource.test(file))
    .map((file) => join('src', folder, file));
  const shared = new Set();
  for (const file of own) {
    for (const [, base] of readFileSync(file, 'utf8').matchAll(/from '\.\.\/base\/([\w-]+)\.js'/g)) {
      if (base !== 'tokens' && base !== 'localize') shared.add(join('src', 'base', `${base}.ts`));
    }
  }
  return [...own, ...shared];
}

let missing = 0;
for (const module of manifest.modules) {
  for (const declaration of module.declarations ?? []) {
    if (!declaration.tagName) continue;
    const folder = module.path.split('/')[1];
    const sources = filesOf(folder).map((file) => readFileSync(file, 'utf8'));
    const parts = new Set();
    const variables = new Set(sources.some((source) => source.includes('baseStyles')) ? baseVars : []);
    for (const source of sources) {
      for (const [, names] of source.matchAll(/part="([^"]*)"/g)) {
        for (const name of names.split(/\s+/)) if (name && !name.includes('$')) parts.add(name);
      }
      for (const [, name] of source.matchAll(/tokens\.(\w+)/g))
        if (tokenVars.has(name)) variables.add(tokenVars.get(name));
      for (const [variable] of source.matchAll(/--hk-[a-z0-9-]+(?=[,)])/g)) variables.add(variable);
    }
    const documentedParts = new Set([
      ...(declaration.cssParts ?? []).map((part) => part.name),
      ...namedIn((declaration.cssParts ?? []).map((part) => part.description)),
    ]);
    const documentedVars = new Set((declaration.cssProperties ?? []).map((property) => property.name));
    // Every element takes theme and locale (HkElement's), as the README says.
    const attributes = new Set((declaration.attributes ?? []).map((attribute) => attribute.name));
    const undocumented = [
      ...['theme', 'locale'].filter((name) => !attributes.has(name)).map((name) => `attribute ${name}`),
      ...[...parts].filter((part) => !documentedParts.has(part)).map((part) => `part ${part}`),
      ...[...variables]
        .filter((variable) => !documentedVars.has(variable))
        .map((variable) => `property ${variable}`),
    ];
    if (undocumented.length) {
      missing += undocumented.length;
      console.log(`<${declaration.tagName}> (${module.path}) does not document: ${undocumented.join(', ')}`);
    }
  }
}
if (missing) {
  console.log(
    `${missing} parts, custom properties and attributes are missing from the manifest (@csspart, @cssproperty).`,
  );
  process.exit(1);
}
console.log(
  'Every component documents each part it renders, each --hk-* property it reads, theme and locale.',
);
