#!/usr/bin/env node
console.log('hk-server: not built yet');
