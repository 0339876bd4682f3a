import type { Router } from './openapi.js';

type OpenAPIRegistry = Router['openAPIRegistry'];

/*
 * Every operation gets an `operationId`, so generated clients in other languages get named
 * methods (`createLead`, `moveOpportunity`) rather than `postV1LeadsIdMove`. A route may declare
 * its own; the rest are named here, in one place, by the same rule as the SDK's methods: the verb
 * of the SDK (list, create, retrieve, update, delete, or the action's own name) + the resource.
 */

const singular = (word: string) =>
  word.endsWith('ies') ? `${word.slice(0, -3)}y` : word.endsWith('s') ? word.slice(0, -1) : word;

const pascal = (words: string) =>
  words
    .split(/[-_]/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');

/** `POST /v1/leads/{id}/score` → `scoreLead`; `GET /v1/leads` → `listLeads`. */
export function operationIdFor(method: string, path: string): string {
  const segments = path.replace(/^\/v1\//, '').split('/');
  const names = segments.filter((segment) => !segment.startsWith('{'));
  const endsWithParam = segments[segments.length - 1]!.startsWith('{');
  const resource = names[0] ?? 'root';
  const rest = names.slice(1);
  if (rest.length > 0) {
    // An action or a sub-resource: `/leads/{id}/score`, `/webhook-endpoints/{id}/deliveries`.
    const last = rest[rest.length - 1]!;
    const owner =
      pascal(singular(resource)) +
      rest
        .slice(0, -1)
        .map((name) => pascal(singular(name)))
        .join('');
    if (
      method === 'post' &&
      !endsWithParam &&
      segments.length > 2 &&
      segments[segments.length - 2]!.startsWith('{')
    )
      return `${last.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}${owner}`;
    const verb =
      method === 'get'
        ? endsWithParam
          ? 'retrieve'
          : 'list'
        : method === 'post'
          ? 'create'
          : method === 'patch'
            ? 'update'
            : 'delete';
    return `${verb}${owner}${pascal(endsWithParam ? singular(last) : last)}`;
  }
  const verbs: Record<string, string> = {
    get: endsWithParam ? 'retrieve' : 'list',
    post: 'create',
    patch: 'update',
    put: 'replace',
    delete: 'delete',
  };
  const name = endsWithParam || method !== 'get' ? pascal(singular(resource)) : pascal(resource);
  return `${verbs[method] ?? method}${name}`;
}

/** Names every route of the registry that has no `operationId` yet; ids stay unique. */
export function nameOperations(registry: OpenAPIRegistry): void {
  const taken = new Set<string>();
  for (const definition of registry.definitions) {
    if (definition.type !== 'route') continue;
    const route = definition.route;
    let id = route.operationId ?? operationIdFor(route.method, route.path);
    for (let n = 2; taken.has(id); n++) id = `${id.replace(/\d+$/, '')}${n}`;
    taken.add(id);
    route.operationId = id;
  }
}
