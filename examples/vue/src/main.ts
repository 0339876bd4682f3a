import { createApp } from 'vue';
import LeadPage from './LeadPage.vue';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
const { publishableKey = '', apiUrl = location.origin } = root.dataset;

createApp(LeadPage, { publishableKey, apiUrl }).mount(root);
