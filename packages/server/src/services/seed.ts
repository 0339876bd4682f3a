import type { App } from '../app.js';

/**
 * A demo organisation's data, created through the API itself (so dedup, positions and events
 * behave exactly as for a real caller): seller leads from several sources, a deal in every
 * stage, activities on them, and a few cash buyers.
 */

const LEADS = [
  {
    name: 'Maria Gonzalez',
    email: 'maria.gonzalez@example.com',
    phone: '512-555-0142',
    address: '4821 Ridgeview Dr',
    city: 'Austin',
    state: 'TX',
    zip: '78745',
    source: 'website',
    status: 'new',
    priority: 'high',
    motivation: 'Inherited the house, lives out of state',
    value: 385000,
    utm: 'google',
  },
  {
    name: 'James Whitaker',
    email: 'jwhitaker@example.net',
    phone: '214-555-0187',
    address: '1290 Elm Grove Ln',
    city: 'Dallas',
    state: 'TX',
    zip: '75228',
    source: 'direct_mail',
    status: 'contacted',
    priority: 'medium',
    motivation: 'Tired landlord, tenant moving out',
    value: 265000,
    utm: 'postcard',
  },
  {
    name: 'Linda Park',
    email: 'linda.park@example.org',
    phone: '713-555-0123',
    address: '77 Bayou Bend Ct',
    city: 'Houston',
    state: 'TX',
    zip: '77007',
    source: 'website',
    status: 'qualified',
    priority: 'urgent',
    motivation: 'Pre-foreclosure, auction in 6 weeks',
    value: 310000,
    utm: 'facebook',
  },
  {
    name: 'Robert Chen',
    email: 'rchen@example.com',
    phone: '210-555-0164',
    address: '3405 Mission Oaks',
    city: 'San Antonio',
    state: 'TX',
    zip: '78223',
    source: 'cold_call',
    status: 'contacted',
    priority: 'low',
    motivation: 'Relocating for work',
    value: 198000,
    utm: null,
  },
  {
    name: 'Angela Brooks',
    email: 'angela.brooks@example.com',
    phone: '512-555-0111',
    address: '908 Live Oak St',
    city: 'Austin',
    state: 'TX',
    zip: '78704',
    source: 'referral',
    status: 'converted',
    priority: 'high',
    motivation: 'Divorce, needs a quick sale',
    value: 455000,
    utm: null,
  },
  {
    name: 'Thomas Reed',
    email: 'tom.reed@example.net',
    phone: '817-555-0199',
    address: '2210 Vickery Blvd',
    city: 'Fort Worth',
    state: 'TX',
    zip: '76104',
    source: 'website',
    status: 'lost',
    priority: 'medium',
    motivation: 'Listed with an agent instead',
    value: 232000,
    utm: 'google',
  },
  {
    name: 'Priya Shah',
    email: 'priya.shah@example.com',
    phone: '469-555-0175',
    address: '5512 Prairie Creek Rd',
    city: 'Plano',
    state: 'TX',
    zip: '75024',
    source: 'ppc',
    status: 'new',
    priority: 'medium',
    motivation: 'Major foundation repairs needed',
    value: 340000,
    utm: 'bing',
  },
  {
    name: 'Daniel Okafor',
    email: 'd.okafor@example.org',
    phone: '737-555-0108',
    address: '1416 Cedar Bend',
    city: 'Round Rock',
    state: 'TX',
    zip: '78681',
    source: 'direct_mail',
    status: 'qualified',
    priority: 'high',
    motivation: 'Behind on taxes',
    value: 289000,
    utm: 'letter',
  },
];

const DEALS = [
  {
    stage: 'prospecting',
    deal_type: 'wholesale',
    title: '4821 Ridgeview wholesale',
    address: '4821 Ridgeview Dr',
    property_value: 385000,
    offer_amount: 250000,
    estimated_profit: 18000,
  },
  {
    stage: 'qualified',
    deal_type: 'fix_and_flip',
    title: '77 Bayou Bend flip',
    address: '77 Bayou Bend Ct',
    property_value: 310000,
    offer_amount: 190000,
    estimated_profit: 52000,
  },
  {
    stage: 'proposal',
    deal_type: 'buy_and_hold',
    title: '3405 Mission Oaks rental',
    address: '3405 Mission Oaks',
    property_value: 198000,
    offer_amount: 160000,
    estimated_profit: 24000,
  },
  {
    stage: 'negotiation',
    deal_type: 'brrrr',
    title: '1416 Cedar Bend BRRRR',
    address: '1416 Cedar Bend',
    property_value: 289000,
    offer_amount: 205000,
    estimated_profit: 41000,
  },
  {
    stage: 'due_diligence',
    deal_type: 'fix_and_flip',
    title: '5512 Prairie Creek flip',
    address: '5512 Prairie Creek Rd',
    property_value: 340000,
    offer_amount: 230000,
    estimated_profit: 47000,
  },
  {
    stage: 'closing',
    deal_type: 'wholesale',
    title: '1290 Elm Grove assignment',
    address: '1290 Elm Grove Ln',
    property_value: 265000,
    offer_amount: 172000,
    estimated_profit: 15000,
  },
  {
    stage: 'won',
    deal_type: 'fix_and_flip',
    title: '908 Live Oak flip',
    address: '908 Live Oak St',
    property_value: 455000,
    offer_amount: 300000,
    estimated_profit: 68000,
  },
  {
    stage: 'lost',
    deal_type: 'wholesale',
    title: '2210 Vickery wholesale',
    address: '2210 Vickery Blvd',
    property_value: 232000,
    offer_amount: 150000,
    estimated_profit: null,
  },
];

const INVESTORS = [
  {
    name: 'Lone Star Capital',
    company: 'Lone Star Capital LLC',
    contact: { email: 'deals@lonestarcap.example', phone: '512-555-0190' },
    buy_box: {
      markets: ['Austin', 'Round Rock'],
      deal_types: ['fix_and_flip', 'wholesale'],
      min_price: 150000,
      max_price: 450000,
    },
    tags: ['cash', 'fast-close'],
  },
  {
    name: 'Gulf Coast Rentals',
    company: 'Gulf Coast Rentals Inc',
    contact: { email: 'acq@gulfcoast.example' },
    buy_box: {
      markets: ['Houston', 'San Antonio'],
      deal_types: ['buy_and_hold', 'brrrr'],
      min_price: 100000,
      max_price: 300000,
    },
    tags: ['portfolio'],
  },
  {
    name: 'Metroplex Flippers',
    company: null,
    contact: { email: 'team@metroflip.example' },
    buy_box: {
      markets: ['Dallas', 'Fort Worth', 'Plano'],
      deal_types: ['fix_and_flip'],
      min_price: 120000,
      max_price: 380000,
    },
    tags: [],
  },
];

export async function seedDemoData(app: App, secretKey: string): Promise<void> {
  const call = async (path: string, body: unknown) => {
    const response = await app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`Seeding ${path} failed: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { data: { id: string } }).data;
  };

  const leadIds: string[] = [];
  for (const lead of LEADS) {
    const created = await call('/v1/leads', {
      source: lead.source,
      status: lead.status,
      priority: lead.priority,
      contact: { name: lead.name, email: lead.email, phone: lead.phone },
      property: {
        address: lead.address,
        city: lead.city,
        state: lead.state,
        zip: lead.zip,
        property_type: 'single_family',
        estimated_value: lead.value,
      },
      motivation: lead.motivation,
      attribution: lead.utm
        ? { utm_source: lead.utm, utm_medium: 'cpc', landing_page: '/sell-my-house' }
        : undefined,
      consent: {
        text: 'I agree to be contacted about my property by phone, text and email.',
        version: '2026-01',
      },
      tags: [lead.city.toLowerCase().replace(/\s+/g, '-')],
    });
    leadIds.push(created.id);
  }

  for (const [index, { address, ...deal }] of DEALS.entries()) {
    // Each deal comes from the seller whose property it is (the server copies the lead's property).
    const from = LEADS.findIndex((lead) => lead.address === address);
    const created = await call('/v1/opportunities', { ...deal, lead_id: leadIds[from] });
    await call('/v1/activities', {
      type: index % 2 === 0 ? 'call' : 'meeting',
      status: 'completed',
      subject: `${index % 2 === 0 ? 'Call' : 'Walkthrough'}: ${deal.title}`,
      lead_id: leadIds[from],
      opportunity_id: created.id,
    });
  }
  await call('/v1/activities', {
    type: 'task',
    subject: 'Send offer to Linda Park',
    lead_id: leadIds[2],
    scheduled_at: new Date(Date.now() + 86_400_000).toISOString(),
  });
  await call('/v1/activities', {
    type: 'note',
    description: 'Maria prefers texts after 6pm.',
    lead_id: leadIds[0],
  });

  for (const investor of INVESTORS) await call('/v1/investors', investor);
}
