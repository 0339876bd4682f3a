import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LeadPage } from './LeadPage.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const { publishableKey = '', apiUrl = location.origin } = root.dataset;

createRoot(root).render(
  <StrictMode>
    <LeadPage publishableKey={publishableKey} apiUrl={apiUrl} />
  </StrictMode>,
);
