import type { PropertyFactsMessages } from './property-facts.messages.js';

const es: PropertyFactsMessages = {
  address: 'Dirección',
  property_type: 'Tipo',
  bedrooms: 'Recámaras',
  bathrooms: 'Baños',
  sqft: 'Pies cuadrados',
  year_built: 'Año de construcción',
  condition: 'Estado',
  estimated_value: 'Valor estimado',
  asking_price: 'Precio pedido',
  noProperty: 'Aún no hay datos de la propiedad.',
};

export default es;
