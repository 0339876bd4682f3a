import * as z from 'zod';
import {
  DealType,
  Email,
  Id,
  LongText,
  Money,
  PageQuery,
  Phone,
  SearchQuery,
  ShortText,
  Tags,
  Timestamp,
} from './common.js';

const buyBoxFields = {
  markets: z.array(z.string().trim().min(1).max(100)).max(100),
  deal_types: z.array(DealType).max(4),
  min_price: Money.nullish(),
  max_price: Money.nullish(),
};

/** What a buyer is looking for. */
export const BuyBox = z
  .strictObject({
    ...buyBoxFields,
    markets: buyBoxFields.markets.default([]),
    deal_types: buyBoxFields.deal_types.default([]),
  })
  .meta({ id: 'BuyBox' });
export interface BuyBox extends z.infer<typeof BuyBox> {}

/** A buy box change: only the fields sent change (no defaults that would wipe the others). */
const BuyBoxUpdate = z.strictObject(buyBoxFields).partial();

export const Investor = z
  .object({
    id: Id,
    organization_id: Id,
    name: z.string(),
    company: z.string().nullable(),
    contact: z.object({ email: z.string().nullable(), phone: z.string().nullable() }),
    buy_box: z.object({
      markets: z.array(z.string()),
      deal_types: z.array(DealType),
      min_price: z.number().nullable(),
      max_price: z.number().nullable(),
    }),
    notes: z.string().nullable(),
    tags: z.array(z.string()),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'Investor' });
export interface Investor extends z.infer<typeof Investor> {}

const InvestorContact = z.strictObject({ email: Email.nullish(), phone: Phone.nullish() });

const priceRange = (box: { min_price?: number | null; max_price?: number | null } | undefined) =>
  box?.min_price == null || box.max_price == null || box.min_price <= box.max_price;
const priceRangeIssue = { message: 'min_price must not exceed max_price', path: ['buy_box', 'max_price'] };

export const InvestorCreate = z
  .strictObject({
    name: ShortText.min(1),
    company: ShortText.nullish(),
    contact: InvestorContact.optional(),
    buy_box: BuyBox.optional(),
    notes: LongText.nullish(),
    tags: Tags.optional(),
  })
  .refine((investor) => priceRange(investor.buy_box), priceRangeIssue)
  .meta({ id: 'InvestorCreate' });
export interface InvestorCreate extends z.input<typeof InvestorCreate> {}

export const InvestorUpdate = z
  .strictObject({
    name: ShortText.min(1).optional(),
    company: ShortText.nullish(),
    contact: InvestorContact.optional(),
    buy_box: BuyBoxUpdate.optional(),
    notes: LongText.nullish(),
    tags: Tags.optional(),
  })
  .refine((investor) => priceRange(investor.buy_box), priceRangeIssue)
  .meta({ id: 'InvestorUpdate' });
export interface InvestorUpdate extends z.input<typeof InvestorUpdate> {}

export const InvestorListQuery = PageQuery.extend({
  deal_type: DealType.optional().meta({ description: 'Only investors whose buy box takes this deal type.' }),
  market: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'Only investors whose buy box lists this market.' }),
  q: SearchQuery.optional().meta({ description: 'Search over name, company, email and phone.' }),
});
export interface InvestorListQuery extends z.input<typeof InvestorListQuery> {}
