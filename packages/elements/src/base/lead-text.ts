import type { Language } from './localize.js';

/**
 * A phone number as people write it. The server stores E.164 (`+15125550123`); North American
 * numbers read `(512) 555-0123`, others keep their international form with the country code set
 * apart (`+44 2079460958`) since their grouping varies by country.
 */
export function formatPhone(phone: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phone);
  if (nanp) return `(${nanp[1]}) ${nanp[2]}-${nanp[3]}`;
  const international = /^\+(\d{1,3})(\d{6,14})$/.exec(phone);
  if (international && !phone.startsWith('+1')) return `+${international[1]} ${international[2]}`;
  return phone;
}

/** The sources the product itself writes and the common marketing channels, named for people. */
const sourceNames: Record<Language, Record<string, string>> = {
  en: {
    website: 'Website',
    web_form: 'Web form',
    api: 'API',
    referral: 'Referral',
    direct_mail: 'Direct mail',
    mailer: 'Mailer',
    cold_call: 'Cold call',
    ppc: 'Paid search',
    google: 'Google',
    facebook: 'Facebook',
    sms: 'Text message',
    inbound: 'Inbound',
    import: 'Import',
  },
  es: {
    website: 'Sitio web',
    web_form: 'Formulario web',
    api: 'API',
    referral: 'Recomendación',
    direct_mail: 'Correo directo',
    mailer: 'Folleto',
    cold_call: 'Llamada en frío',
    ppc: 'Búsqueda pagada',
    google: 'Google',
    facebook: 'Facebook',
    sms: 'Mensaje de texto',
    inbound: 'Entrante',
    import: 'Importación',
  },
};

/** A lead's source for people: a known channel's name, else the code made readable (`open_house` → "Open house"). */
export function sourceLabel(source: string, language: Language): string {
  const known = sourceNames[language][source];
  if (known) return known;
  const words = source.replace(/[_-]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : source;
}
