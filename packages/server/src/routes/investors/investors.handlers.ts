import { investorStore } from '../../services/investors/investor-store.js';
import { patchResource } from '../../services/store.js';
import { envelope, type Router, scopeOf, write } from '../openapi.js';
import {
  createInvestorRoute,
  deleteInvestorRoute,
  getInvestorRoute,
  listInvestorsRoute,
  updateInvestorRoute,
} from './investors.routes.js';

export function registerInvestorRoutes(router: Router) {
  router.openapi(createInvestorRoute, async (c) => {
    const input = c.req.valid('json');
    const { body, status } = await write(c, 201, (tx, scope) => investorStore.create(tx, scope, input));
    return c.json(body, status);
  });

  router.openapi(listInvestorsRoute, async (c) => {
    const page = await investorStore.list(c.var.deps.db, scopeOf(c), c.req.valid('query'));
    return c.json(envelope(c, page), 200);
  });

  router.openapi(getInvestorRoute, async (c) => {
    const investor = await investorStore.get(c.var.deps.db, scopeOf(c), c.req.valid('param').id);
    return c.json(envelope(c, investor), 200);
  });

  router.openapi(updateInvestorRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const { body, status } = await write(c, 200, (tx, scope) =>
      patchResource(investorStore, tx, scope, id, patch),
    );
    return c.json(body, status);
  });

  router.openapi(deleteInvestorRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { body, status } = await write(c, 200, (tx, scope) => investorStore.remove(tx, scope, id));
    return c.json(body, status);
  });
}
