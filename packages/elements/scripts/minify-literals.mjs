import { readFile } from 'node:fs/promises';
import ts from 'typescript';

/**
 * An esbuild plugin for the embeds: esbuild minifies code but leaves the text of Lit's `css` and
 * `html` templates as written, indentation and all. This collapses that whitespace (and drops CSS
 * comments) in the static parts of those templates only, found with the TypeScript parser so
 * strings, interpolations and nested templates are never touched. Whitespace between words and
 * tags stays one space, so inline layout and text content render exactly as before.
 */
export const minifyLiterals = {
  name: 'minify-lit-literals',
  setup(build) {
    build.onLoad({ filter: /\/src\/.*\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (!/\b(css|html|svg)`/.test(source)) return undefined;
      return { contents: minifyTemplates(path, source), loader: 'ts' };
    });
  },
};

const minifiers = { css: minifyCss, html: collapseWhitespace, svg: collapseWhitespace };

/** Collapses every run of whitespace to one space: what HTML rendering does anyway. */
function collapseWhitespace(text) {
  return text.replace(/\s+/g, ' ');
}

/** Whitespace around CSS punctuation carries no meaning; a space before `:` can (`a :hover`). */
function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>]) ?/g, '$1')
    .replace(/: /g, ':');
}

export function minifyTemplates(fileName, source) {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  /** [start, end, replacement] of each static template part, applied back to front. */
  const edits = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag)) {
      const minify = minifiers[node.tag.text];
      if (minify) {
        const template = node.template;
        const parts = ts.isNoSubstitutionTemplateLiteral(template)
          ? [template]
          : [template.head, ...template.templateSpans.map((span) => span.literal)];
        for (const part of parts) {
          const start = part.getStart(file) + 1; // after ` or }
          const end = part.end - (ts.isTemplateHead(part) || ts.isTemplateMiddle(part) ? 2 : 1);
          edits.push([start, end, minify(source.slice(start, end))]);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let result = source;
  for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) {
    result = result.slice(0, start) + text + result.slice(end);
  }
  return result;
}
