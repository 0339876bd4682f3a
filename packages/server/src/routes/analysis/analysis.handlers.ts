import { analyzeBrrrr, analyzeFlip, analyzeRental, analyzeWholesale } from '@hidden-key/sdk/analysis';
import { envelope, type Router } from '../openapi.js';
import {
  brrrrAnalysisRoute,
  flipAnalysisRoute,
  rentalAnalysisRoute,
  wholesaleAnalysisRoute,
} from './analysis.routes.js';

/** `POST /v1/analysis/{kind}`: the SDK's deal math, run on validated input. */
export function registerAnalysisRoutes(app: Router) {
  app.openapi(rentalAnalysisRoute, (c) => c.json(envelope(c, analyzeRental(c.req.valid('json'))), 200));
  app.openapi(flipAnalysisRoute, (c) => c.json(envelope(c, analyzeFlip(c.req.valid('json'))), 200));
  app.openapi(brrrrAnalysisRoute, (c) => c.json(envelope(c, analyzeBrrrr(c.req.valid('json'))), 200));
  app.openapi(wholesaleAnalysisRoute, (c) => c.json(envelope(c, analyzeWholesale(c.req.valid('json'))), 200));
}
