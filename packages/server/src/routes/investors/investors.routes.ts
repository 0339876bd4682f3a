import {
  Investor,
  InvestorCreate,
  InvestorListQuery,
  InvestorUpdate,
  listPage,
} from '@hidden-key/sdk/schemas';
import { guard } from '../../middleware/guards.js';
import {
  createApiRoute,
  Deleted,
  errorResponses,
  IdParams,
  jsonBody,
  security,
  success,
} from '../openapi.js';

const tags = ['Investors'];

export const createInvestorRoute = createApiRoute({
  method: 'post',
  path: '/v1/investors',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Add a buyer with their buy box',
  request: { body: jsonBody(InvestorCreate) },
  responses: { 201: success(Investor, 'The new investor'), ...errorResponses },
});

export const listInvestorsRoute = createApiRoute({
  method: 'get',
  path: '/v1/investors',
  middleware: guard.api(),
  tags,
  security,
  summary: 'List investors (filter by deal type or market, full-text `q`)',
  request: { query: InvestorListQuery },
  responses: { 200: success(listPage(Investor), 'A page of investors'), ...errorResponses },
});

export const getInvestorRoute = createApiRoute({
  method: 'get',
  path: '/v1/investors/{id}',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Get an investor',
  request: { params: IdParams },
  responses: { 200: success(Investor, 'The investor'), ...errorResponses },
});

export const updateInvestorRoute = createApiRoute({
  method: 'patch',
  path: '/v1/investors/{id}',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Update an investor (contact and buy box are merged)',
  request: { params: IdParams, body: jsonBody(InvestorUpdate) },
  responses: { 200: success(Investor, 'The updated investor'), ...errorResponses },
});

export const deleteInvestorRoute = createApiRoute({
  method: 'delete',
  path: '/v1/investors/{id}',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Delete an investor',
  request: { params: IdParams },
  responses: { 200: success(Deleted, 'The investor was deleted'), ...errorResponses },
});
