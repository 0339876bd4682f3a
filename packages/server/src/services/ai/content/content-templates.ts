import type { AiContentKind, AiLength, AiTone } from '@hidden-key/sdk/schemas';
import type { LeadFacts } from './lead-facts.js';

export interface DraftText {
  subject: string | null;
  body: string;
}

export interface ContentOptions {
  kind: AiContentKind;
  tone: AiTone;
  /** The language asked for; the templates speak `en` and `es` and answer in English otherwise. */
  language: string;
  length: AiLength;
  /** The organisation's name, to sign with. */
  sender: string;
}

interface Phrases {
  greeting: (name: string | null, tone: AiTone) => string;
  place: (facts: LeadFacts) => string;
  emailSubject: (place: string) => string;
  emailBody: (place: string, tone: AiTone) => string[];
  smsBodies: (name: string | null, place: string, sender: string) => [string, string];
  listing: (facts: LeadFacts) => string[];
  signOff: string;
}

const where = (facts: LeadFacts, fallback: string) =>
  facts.property.address ?? (facts.property.city ? `${facts.property.city}` : fallback);

const english: Phrases = {
  greeting: (name, tone) => {
    const who = name ?? 'there';
    return tone === 'professional'
      ? `Dear ${name ?? 'homeowner'},`
      : tone === 'direct'
        ? `${who},`
        : `Hi ${who},`;
  },
  place: (facts) => where(facts, 'your property'),
  emailSubject: (place) => `About ${place}`,
  emailBody: (place, tone) => [
    tone === 'empathetic'
      ? `Thank you for telling us about ${place}. Selling a home is a big decision, and we want to make it easier, not harder.`
      : `Thank you for reaching out about ${place}.`,
    'We buy homes as they are, on your timeline, with no repairs and no agent fees. We can give you a fair cash offer after a short visit.',
    'Would a quick call this week work for you? Reply with a time that suits you and we will call then.',
  ],
  smsBodies: (name, place, sender) => [
    `Hi${name ? ` ${name}` : ''}, this is ${sender} about ${place}. Is now a good time for a quick call about your options? Reply STOP to opt out.`,
    `${sender} here: thanks for your interest in selling ${place}. When could we talk for 5 minutes? Reply STOP to opt out.`,
  ],
  listing: (facts) => {
    const p = facts.property;
    const rooms = [
      p.bedrooms != null ? `${p.bedrooms} bedroom${p.bedrooms === 1 ? '' : 's'}` : null,
      p.bathrooms != null ? `${p.bathrooms} bathroom${p.bathrooms === 1 ? '' : 's'}` : null,
      p.sqft != null ? `${p.sqft.toLocaleString('en-US')} square feet` : null,
    ].filter(Boolean);
    const kind = p.property_type ? p.property_type.replaceAll('_', ' ') : 'home';
    const town = [p.city, p.state].filter(Boolean).join(', ');
    return [
      `${rooms.length ? `${rooms.join(', ')}: a ` : 'A '}${kind}${town ? ` in ${town}` : ''}${p.year_built ? `, built in ${p.year_built}` : ''}.`,
      p.condition ? `Condition: ${p.condition}.` : 'Sold as is.',
      'Contact us for a showing and the full details.',
    ];
  },
  signOff: 'Best regards,',
};

const spanish: Phrases = {
  greeting: (name, tone) =>
    tone === 'professional' ? `Estimado/a ${name ?? 'propietario/a'}:` : `Hola${name ? ` ${name}` : ''}:`,
  place: (facts) => where(facts, 'su propiedad'),
  emailSubject: (place) => `Sobre ${place}`,
  emailBody: (place, tone) => [
    tone === 'empathetic'
      ? `Gracias por contarnos sobre ${place}. Vender una casa es una decisión importante y queremos facilitarla.`
      : `Gracias por contactarnos sobre ${place}.`,
    'Compramos casas en su estado actual, en sus tiempos, sin reparaciones ni comisiones. Podemos hacerle una oferta justa en efectivo después de una breve visita.',
    '¿Le viene bien una llamada corta esta semana? Responda con la hora que prefiera y le llamaremos.',
  ],
  smsBodies: (name, place, sender) => [
    `Hola${name ? ` ${name}` : ''}, le escribe ${sender} sobre ${place}. ¿Podemos llamarle para hablar de sus opciones? Responda STOP para no recibir más mensajes.`,
    `${sender}: gracias por su interés en vender ${place}. ¿Cuándo podemos hablar 5 minutos? Responda STOP para no recibir más mensajes.`,
  ],
  listing: (facts) => {
    const p = facts.property;
    const rooms = [
      p.bedrooms != null ? `${p.bedrooms} habitaciones` : null,
      p.bathrooms != null ? `${p.bathrooms} baños` : null,
      p.sqft != null ? `${p.sqft.toLocaleString('es-ES')} pies cuadrados` : null,
    ].filter(Boolean);
    const town = [p.city, p.state].filter(Boolean).join(', ');
    return [
      `Vivienda${town ? ` en ${town}` : ''}${rooms.length ? ` con ${rooms.join(', ')}` : ''}${p.year_built ? `, construida en ${p.year_built}` : ''}.`,
      p.condition ? `Estado: ${p.condition}.` : 'Se vende en su estado actual.',
      'Contáctenos para visitarla y conocer todos los detalles.',
    ];
  },
  signOff: 'Saludos cordiales,',
};

const PHRASES: Record<string, Phrases> = { en: english, es: spanish };

/** The language the templates write for a requested one: its own if they speak it, else English. */
export function templateLanguage(language: string): string {
  const primary = language.slice(0, 2);
  return primary in PHRASES ? primary : 'en';
}

const PARAGRAPHS: Record<AiLength, number> = { short: 1, medium: 2, long: 3 };

/** Drafts from fixed wording: what every route answers without a key, and the fallback with one. */
export function templateDrafts(facts: LeadFacts, options: ContentOptions): DraftText[] {
  const phrases = PHRASES[templateLanguage(options.language)]!;
  const place = phrases.place(facts);
  const paragraphs = PARAGRAPHS[options.length];
  switch (options.kind) {
    case 'follow_up_email': {
      const body = [
        phrases.greeting(facts.first_name, options.tone),
        ...phrases.emailBody(place, options.tone).slice(0, paragraphs),
        `${phrases.signOff}\n${options.sender}`,
      ].join('\n\n');
      return [{ subject: phrases.emailSubject(place), body }];
    }
    case 'follow_up_sms':
      return phrases
        .smsBodies(facts.first_name, place, options.sender)
        .map((body) => ({ subject: null, body }));
    case 'listing_description':
      return [{ subject: null, body: phrases.listing(facts).slice(0, Math.max(2, paragraphs)).join(' ') }];
  }
}
