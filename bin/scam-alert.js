#!/usr/bin/env node
// The admin CLI, run from the TypeScript sources through tsx (so `npx scam-alert` works
// in the repository right after `npm ci`, with no separate build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
