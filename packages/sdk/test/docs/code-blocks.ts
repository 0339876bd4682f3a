import ts from 'typescript';

/** A fenced code block of a Markdown file, with the line its code starts on (for messages). */
export interface CodeBlock {
  lang: string;
  code: string;
  line: number;
}

/** Every fenced block (```lang … ```) of a Markdown document, in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    blocks.push({ lang: open[1]!, code: lines.slice(start, end).join('\n'), line: start + 1 });
    i = end;
  }
  return blocks;
}

/** What a block's top-level statements declare, so later blocks can use it as a reader would. */
export type Scope = Record<string, unknown>;

/**
 * A statement `expression; // 1011.3088...` claims a value: the number written, rounded to its
 * digits (or cut there, with `...`), or `null`, `true`, `false`. Answers the claim or undefined.
 */
export function claimOf(comment: string): string | undefined {
  return /^\/\/\s*(-?\d[\d_]*(?:\.\d+)?(?:\.\.\.)?|null|true|false)(?=[\s(;,]|$)/.exec(comment)?.[1];
}

/** Checks a claimed value against the value computed; answers a message when they disagree. */
export function checkClaim(value: unknown, claim: string): string | undefined {
  if (claim === 'null' || claim === 'true' || claim === 'false') {
    return value === JSON.parse(claim) ? undefined : `is ${String(value)}, the README says ${claim}`;
  }
  if (typeof value !== 'number') return `is ${String(value)}, not a number (the README says ${claim})`;
  const written = claim.replaceAll('_', '');
  if (written.endsWith('...')) {
    const digits = written.slice(0, -3);
    return String(value).startsWith(digits) ? undefined : `is ${value}, the README says ${claim}`;
  }
  const decimals = written.split('.')[1]?.length ?? 0;
  return Math.abs(value - Number(written)) <= 0.5 * 10 ** -decimals
    ? undefined
    : `is ${value}, the README says ${claim}`;
}

const names = (binding: ts.BindingName): string[] =>
  ts.isIdentifier(binding)
    ? [binding.text]
    : binding.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : names(element.name)));

/** Names a statement declares at the top level of a block. */
function declaredBy(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((declaration) => names(declaration.name));
  }
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
    return [statement.name.text];
  }
  if (ts.isImportDeclaration(statement)) {
    const bindings = statement.importClause?.namedBindings;
    if (!bindings) return [];
    return ts.isNamespaceImport(bindings)
      ? [bindings.name.text]
      : bindings.elements.map((element) => element.name.text);
  }
  return [];
}

/** `import { a, b as c } from 'x'` → `const { a, b: c } = __modules["x"];` */
function importAsConst(statement: ts.ImportDeclaration, modules: Record<string, object>): string {
  const from = (statement.moduleSpecifier as ts.StringLiteral).text;
  if (!(from in modules)) throw new Error(`The README imports ${from}, which the test does not provide`);
  const bindings = statement.importClause?.namedBindings;
  if (!bindings) return '';
  const source = `__modules[${JSON.stringify(from)}]`;
  if (ts.isNamespaceImport(bindings)) return `const ${bindings.name.text} = ${source};`;
  const fields = bindings.elements.map((element) =>
    element.propertyName ? `${element.propertyName.getText()}: ${element.name.text}` : element.name.text,
  );
  return `const { ${fields.join(', ')} } = ${source};`;
}

type AsyncFunction = (...args: unknown[]) => Promise<Scope>;
const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => AsyncFunction;

/**
 * Runs one TypeScript block as a reader pasting it after the blocks before it would: types are
 * stripped, `import`s come from `modules`, names declared by earlier blocks are in scope, and each
 * `expression; // value` claim is checked. Answers the scope for the next block; throws whatever
 * the block throws, or the first claim that does not hold.
 */
export async function runTypeScriptBlock(
  block: CodeBlock,
  scope: Scope,
  modules: Record<string, object>,
): Promise<Scope> {
  const { outputText, diagnostics = [] } = ts.transpileModule(block.code, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    reportDiagnostics: true,
  });
  if (diagnostics.length > 0) {
    throw new Error(
      `README line ${block.line}: ${ts.flattenDiagnosticMessageText(diagnostics[0]!.messageText, '\n')}`,
    );
  }
  const source = ts.createSourceFile('block.js', outputText, ts.ScriptTarget.ES2022, true);
  const declared = source.statements.flatMap(declaredBy);
  const inherited = Object.keys(scope).filter((name) => !declared.includes(name));
  const body = source.statements.map((statement) => {
    if (ts.isImportDeclaration(statement)) return importAsConst(statement, modules);
    if (!ts.isExpressionStatement(statement)) return statement.getText();
    const comment = ts
      .getTrailingCommentRanges(outputText, statement.end)
      ?.map((range) => outputText.slice(range.pos, range.end))[0];
    const claim = comment ? claimOf(comment) : undefined;
    if (!claim) return statement.getText();
    const line = block.line + source.getLineAndCharacterOfPosition(statement.getStart()).line;
    return `__claim(${statement.expression.getText()}, ${JSON.stringify(claim)}, ${line});`;
  });
  const run = new AsyncFunction(
    '__scope',
    '__modules',
    '__claim',
    [
      `const { ${inherited.join(', ')} } = __scope;`,
      ...body,
      `return { ${[...new Set(declared)].join(', ')} };`,
    ].join('\n'),
  );
  const claim = (value: unknown, written: string, line: number) => {
    const wrong = checkClaim(value, written);
    if (wrong) throw new Error(`README line ${line}: the value ${wrong}`);
  };
  const added = await run(scope, modules, claim);
  return { ...scope, ...added };
}

/**
 * The TypeScript blocks as one module a compiler can check: their imports merged at the top, and
 * each block's code nested inside the one before (`{ first { second { … } } }`), so a block sees
 * what earlier blocks declared and may declare a name again, as the run does.
 */
export function asOneModule(blocks: CodeBlock[]): string {
  const named = new Map<string, Set<string>>();
  const bodies = blocks.map((block) => {
    const source = ts.createSourceFile('block.ts', block.code, ts.ScriptTarget.ES2022, true);
    const kept: string[] = [];
    for (const statement of source.statements) {
      const bindings = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined;
      if (ts.isImportDeclaration(statement) && bindings && ts.isNamedImports(bindings)) {
        const from = (statement.moduleSpecifier as ts.StringLiteral).text;
        const names = named.get(from) ?? new Set<string>();
        for (const element of bindings.elements) names.add(element.getText());
        named.set(from, names);
      } else kept.push(statement.getFullText());
    }
    return `// README line ${block.line}\n${kept.join('')}`;
  });
  const imports = [...named].map(([from, names]) => `import { ${[...names].join(', ')} } from '${from}';`);
  return `${imports.join('\n')}\n${bodies.map((body) => `{\n${body}\n`).join('')}${'}'.repeat(bodies.length)}\nexport {};\n`;
}
